"""Spark's Python daemon (``spark.python.daemon.module``) with trucewatch, the spaCy model and the dictionaries
loaded before it forks its workers: they share them instead of each loading them (as ``ingest --workers`` does)."""

from __future__ import annotations


def main() -> None:
    try:
        from trucewatch.scale import spark

        spark.preload()
    except Exception:  # noqa: BLE001  a worker that needs the model then raises the error itself
        pass
    from pyspark.daemon import manager

    manager()


if __name__ == "__main__":
    main()
