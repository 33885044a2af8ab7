"""API latency: the event list with 1,000 events in the store, under a bounded load on loopback.

A uvicorn server (one process, as `trucewatch serve` runs it) answers 600 requests for a page of 100 events,
with and without filters, first from 1 client (one analyst), then from 4 clients at once (a small team; on 2
cores the requests queue). Reports p50/p95/p99 in ms for both.
Run: .venv/bin/python benchmarks/api_latency.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from common import save  # noqa: E402
from robustness import QUERIES, _quantiles, _serve, _stop, fill_store  # noqa: E402  (one server helper for both)


def main() -> dict:
    import httpx

    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "lat.duckdb"
        fill_store(db, 1000)
        server, base = _serve(db, token=False)
        try:
            client = httpx.Client(base_url=base, timeout=10)
            for q in QUERIES:  # warm-up
                client.get("/api/events", params=q)

            def one(i: int) -> float:
                t = time.perf_counter()
                r = client.get("/api/events", params=QUERIES[i % len(QUERIES)])
                r.raise_for_status()
                return (time.perf_counter() - t) * 1000

            runs = {}
            for clients in (1, 4):
                with ThreadPoolExecutor(clients) as pool:
                    ms = sorted(pool.map(one, range(600)))
                q = _quantiles(ms)
                runs[f"clients_{clients}"] = {"requests": q["n"], "p50_ms": q["p50_ms"], "p95_ms": q["p95_ms"],
                                              "p99_ms": q["p99_ms"]}
        finally:
            _stop(server)
    return {"events_in_store": 1000, "page_size": 100, **runs, "goal_p95_ms": 50}


if __name__ == "__main__":
    res = main()
    print(res)
    print(f"wrote {save('api_latency', res)}")
