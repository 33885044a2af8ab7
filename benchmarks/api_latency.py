"""API latency: the event list with 1,000 events in the store, under a bounded load on loopback.

A uvicorn server (one process, as `trucewatch serve` runs it) answers 600 requests for a page of 100 events,
with and without filters, first from 1 client (one analyst), then from 4 clients at once (a small team; on 2
cores the requests queue). Reports p50/p95/p99 in ms for both.
Run: .venv/bin/python benchmarks/api_latency.py
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from common import save  # noqa: E402

QUERIES = [
    {"limit": 100},
    {"limit": 100, "country": "SY", "event_type": "Battles"},
    {"limit": 100, "date_from": "2016-03-01", "date_to": "2016-03-31"},
    {"limit": 100, "bbox": "36,35,38,37"},
    {"limit": 100, "offset": 500},
]


def main() -> dict:
    import httpx

    from factories import fill
    from trucewatch.store import open_store

    with tempfile.TemporaryDirectory() as d:
        db = Path(d) / "lat.duckdb"
        with open_store(str(db)) as st:
            fill(st, 1000)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = subprocess.Popen(
            [sys.executable, "-m", "trucewatch.cli", "serve", "--store", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    if httpx.get(base + "/api/health", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
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
                q = statistics.quantiles(ms, n=100)
                runs[f"clients_{clients}"] = {"requests": len(ms), "p50_ms": round(q[49], 1),
                                              "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1)}
        finally:
            server.terminate()
            server.wait(timeout=10)
    return {"events_in_store": 1000, "page_size": 100, **runs, "goal_p95_ms": 50}


if __name__ == "__main__":
    res = main()
    print(res)
    print(f"wrote {save('api_latency', res)}")
