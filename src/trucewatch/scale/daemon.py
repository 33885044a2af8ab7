"""Spark's Python daemon (``spark.python.daemon.module``) with trucewatch and the spaCy model loaded before it
forks its workers: they share the model instead of each loading it (as ``ingest --workers`` does)."""

from __future__ import annotations


def main() -> None:
    try:
        from trucewatch import nlp, pipeline  # noqa: F401  (pipeline imports every stage)

        nlp.load()
    except Exception:  # noqa: BLE001  a worker that needs the model then raises the error itself
        pass
    from pyspark.daemon import manager

    manager()


if __name__ == "__main__":
    main()
