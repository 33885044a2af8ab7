"""Every event the pipeline makes on every development set, written so two versions of the code can be diffed.

A refactor that must not change behaviour (a moved word list, a rule made into a registered unit, a setting read
from the config object) proves it here: run ``snapshot.py write DIR`` before and after, then
``snapshot.py compare OLD NEW``. Each set becomes DIR/SET.jsonl: one line per article, its mentions as records
(``model.to_record``) and the ids of the events merged within the article, sorted, so a changed field, a lost or
an extra event shows as a differing line. Keys a newer version adds (say, the rules that fired) are ignored by the
comparison, and so are evidence items of the field "rule" (the rules that fired); keys it drops or
changes are not. The files quote third-party text: keep them out of the repository
(benchmarks/results/ is gitignored).

Sets: demo (the project's own corpus), articles, acled (the stratified sample of real_sets), case, plover, ucdp
(real_sets' headline sample). A set whose files are absent is skipped with a message.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]
sys.path.append(str(HERE))
from common import DEMO  # noqa: E402

SETS = ["demo", "articles", "acled", "case", "plover", "ucdp"]


def _articles(name: str) -> list[Any] | None:
    """The set's articles, built by the scoring scripts' own loaders (None when its files are absent)."""
    import events as events_bench
    import real_sets as rs
    from trucewatch import ingest

    if name == "demo":
        files = sorted((DEMO / "corpus").glob("*.txt"))
        return [ingest.from_text(p.read_text(encoding="utf-8"), origin=p.name) for p in files] or None
    if name == "articles":
        gold_path = rs.ARTICLES / "gold.json"
        return (
            rs.article_items(json.loads(gold_path.read_text(encoding="utf-8"))["articles"])
            if gold_path.exists()
            else None
        )
    if name == "acled":
        return rs.acled_articles(rs.acled_rows(rs.DEFAULT_SAMPLE)) if rs.ACLED.exists() else None
    if name == "case":
        return events_bench.case_articles(events_bench.case_rows()) if events_bench.CASE.exists() else None
    if name == "plover":
        return rs.plover_articles(rs.plover_rows()) if rs.PLOVER.exists() else None
    if name == "ucdp":
        return rs.ucdp_articles(1500) if rs.UCDP.exists() else None
    raise SystemExit(f"snapshot: unknown set {name!r} (sets: {', '.join(SETS)})")


def lines(arts: list[Any]) -> list[str]:
    """One JSON line per article or skip, in input order."""
    from trucewatch import dedup, pipeline
    from trucewatch.model import Skip, to_record

    out = []
    for item in pipeline.extract(arts):
        if isinstance(item, Skip):
            out.append(json.dumps({"skip": item.origin, "reason": item.reason}, sort_keys=True))
            continue
        article, mentions = item
        merged = dedup.within_article(mentions, article.source)
        row = {
            "article": article.origin or article.id,
            "id": article.id,
            "mentions": [to_record(m) for m in mentions],
            "events": sorted(sorted(getattr(e, "mention_ids", None) or [e.id]) for e in merged),
        }
        out.append(json.dumps(row, sort_keys=True, ensure_ascii=False, default=str))
    return out


def write(folder: Path, names: list[str]) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        arts = _articles(name)
        if not arts:
            print(f"snapshot: skipping {name}: its files are absent")
            continue
        rows = lines(arts)
        text = "\n".join(rows) + "\n"
        (folder / f"{name}.jsonl").write_text(text, encoding="utf-8")
        n = sum(len(json.loads(r).get("mentions", [])) for r in rows)
        print(
            f"{name}: {len(rows)} articles, {n} mentions, sha1 {hashlib.sha1(text.encode()).hexdigest()[:12]}",
            flush=True,
        )
    return 0


def _within(old: Any, new: Any) -> bool:
    """``new`` equals ``old`` apart from dictionary keys that only ``new`` has."""
    if isinstance(old, dict) and isinstance(new, dict):
        return all(k in new and _within(v, new[k]) for k, v in old.items())
    if isinstance(old, list) and isinstance(new, list):
        old, new = _without_rules(old), _without_rules(new)  # which rules fired may change; the values may not
        return len(old) == len(new) and all(_within(a, b) for a, b in zip(old, new, strict=True))
    return bool(old == new)


def _without_rules(items: list[Any]) -> list[Any]:
    return [x for x in items if not (isinstance(x, dict) and x.get("field") == "rule")]


def compare(old: Path, new: Path) -> int:
    """Print each set's differing articles; exit 1 when any differs."""
    bad = 0
    for path in sorted(old.glob("*.jsonl")):
        other = new / path.name
        if not other.exists():
            print(f"{path.stem}: missing in {new}")
            bad += 1
            continue
        a = path.read_text(encoding="utf-8").splitlines()
        b = other.read_text(encoding="utf-8").splitlines()
        if len(a) != len(b):
            print(f"{path.stem}: {len(a)} vs {len(b)} articles")
            bad += 1
            continue
        diff = [
            json.loads(x).get("article", json.loads(x).get("skip"))
            for x, y in zip(a, b, strict=True)
            if not _within(json.loads(x), json.loads(y))
        ]
        bad += bool(diff)
        print(
            f"{path.stem}: {len(a)} articles, {len(diff)} differ"
            + (f": {', '.join(map(str, diff[:20]))}" if diff else "")
        )
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "write":
        return write(Path(argv[1]), argv[2:] or SETS)
    if len(argv) == 3 and argv[0] == "compare":
        return compare(Path(argv[1]), Path(argv[2]))
    print(__doc__)
    print("usage: snapshot.py write DIR [SET ...] | snapshot.py compare OLD_DIR NEW_DIR")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
