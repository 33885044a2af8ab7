"""Speed: words/s and articles/s per core for the whole pipeline and for bare spaCy on the same texts,
peak memory, start-up time, and throughput with 2 processes.

Texts: the demo corpus, the seed article and TR-News articles (real news prose) when ../shared is present.
Run: .venv/bin/python benchmarks/speed.py
"""

from __future__ import annotations

import multiprocessing as mp
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DEMO, SEED, save, tr_news_texts, words  # noqa: E402


def load_articles() -> list:
    from trucewatch import ingest

    arts = [a for a in ingest.read_paths([DEMO], ingest.IngestDefaults()) if not hasattr(a, "reason")]
    if SEED.exists():
        arts += [a for a in ingest.read_paths([SEED], ingest.IngestDefaults()) if not hasattr(a, "reason")]
    for i, text in enumerate(tr_news_texts()):
        arts.append(ingest.from_text(text, title=None, source="TR-News", origin=f"tr-news-{i}"))
    return arts


def time_pipeline(arts: list) -> float:
    from trucewatch import pipeline

    t = time.perf_counter()
    for _ in pipeline.extract(arts):
        pass
    return time.perf_counter() - t


def time_spacy(arts: list) -> float:
    """spaCy alone over exactly the texts the pipeline parses (news segments), batched the same way."""
    from trucewatch import clean, nlp

    for a in arts:
        if not a.segments:
            clean.segment(a)
    texts = [s.text for a in arts for s in a.segments if s.kind in nlp.PARSED_KINDS]
    model = nlp.load()
    t = time.perf_counter()
    for _ in model.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t


def _worker(chunk_texts: list[tuple[str, str]]) -> int:
    from trucewatch import ingest, pipeline

    pipeline.resources()
    arts = [ingest.from_text(t, origin=o) for o, t in chunk_texts]
    n = 0
    for _ in pipeline.extract(arts):
        n += 1
    return n


def time_processes(arts: list, n: int) -> float:
    payload = [(a.origin or a.id, a.text) for a in arts]
    chunks = [payload[i::n] for i in range(n)]
    ctx = mp.get_context("fork")
    with ctx.Pool(n, initializer=_warm) as pool:
        pool.map(_noop, range(n))  # models loaded before the clock starts
        t = time.perf_counter()
        pool.map(_worker, chunks)
        return time.perf_counter() - t


def _warm() -> None:
    from trucewatch import nlp, pipeline

    nlp.load()
    pipeline.resources()


def _noop(_: int) -> None:
    return None


def startup() -> dict[str, float]:
    """Seconds from a fresh interpreter to ready: import, spaCy model, dictionaries and gazetteer."""
    code = (
        "import time; t=time.perf_counter(); import trucewatch.pipeline as p; from trucewatch import nlp; "
        "nlp.load(); a=time.perf_counter(); p.resources(); b=time.perf_counter(); "
        "print(a-t, b-a)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return {"model_s": round(float(out[0]), 2), "resources_s": round(float(out[1]), 2)}


def store_throughput(arts: list) -> float:
    from trucewatch import pipeline
    from trucewatch.store import open_store

    with tempfile.TemporaryDirectory() as d, open_store(str(Path(d) / "b.duckdb")) as st:
        t = time.perf_counter()
        pipeline.run(arts, st)
        return time.perf_counter() - t


def main() -> dict:
    start = startup()
    from trucewatch import pipeline

    pipeline.resources()
    arts = load_articles()
    n_words = sum(words(a.text) for a in arts)
    time_pipeline(arts[:3])  # warm caches
    t_pipe = time_pipeline(arts)
    t_spacy = time_spacy(arts)
    import copy

    t_store = store_throughput([copy.deepcopy(a) for a in arts])
    t_two = time_processes(arts, 2)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    res = {
        "articles": len(arts),
        "words": n_words,
        "pipeline_words_per_s": round(n_words / t_pipe),
        "pipeline_articles_per_s": round(len(arts) / t_pipe, 2),
        "spacy_words_per_s": round(n_words / t_spacy),
        "pipeline_vs_spacy": round(t_spacy / t_pipe, 3),
        "with_store_words_per_s": round(n_words / t_store),
        "two_process_words_per_s": round(n_words / t_two),
        "two_process_speedup": round(t_pipe / t_two, 2),
        "peak_rss_mb": round(peak_mb),
        "startup": start,
    }
    return res


if __name__ == "__main__":
    result = main()
    path = save("speed", result)
    for k, v in result.items():
        print(f"{k:>26}: {v}")
    print(f"wrote {path}")
