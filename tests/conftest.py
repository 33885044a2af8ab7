"""Shared fixtures.

Tests that need something outside the repo (../shared, chromium, a PostgreSQL server binary) skip with
a message when it is absent; with TRUCEWATCH_REQUIRE_ALL=1 (set by .ci/run) a missing browser or
PostgreSQL fails instead, so CI cannot pass by skipping them. ../shared stays optional everywhere.

Tests marked ``slow`` (each rebuilds the whole gazetteer index, or starts Spark) are left out of a plain
``pytest`` run (pyproject.toml's addopts); scripts/test.sh, which CI runs, selects them too, and
``pytest -m slow`` runs them alone.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DEMO = REPO / "src" / "trucewatch" / "data" / "demo"


def require(what: str, ok: bool) -> None:
    """Skip (or fail under TRUCEWATCH_REQUIRE_ALL=1) when a system component is missing."""
    if ok:
        return
    if os.environ.get("TRUCEWATCH_REQUIRE_ALL") == "1":
        pytest.fail(f"{what} is required in CI but missing")
    pytest.skip(f"{what} not available")


def find_pg_bin() -> Path | None:
    """Directory holding initdb/pg_ctl/postgres, or None."""
    for name in ("initdb",):
        found = shutil.which(name)
        if found:
            return Path(found).resolve().parent
    for cand in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (cand / "initdb").exists():
            return cand
    return None


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def seed_article_path(shared_dir: Path) -> Path:
    p = shared_dir / "corpus" / "trt-2016-04-10-aleppo-offensive.txt"
    if not p.exists():
        pytest.skip("seed article absent")
    return p


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> dict[str, Path]:
    """The main job (demo corpus -> store, exports, report) run once per test session by the real pipeline."""
    from trucewatch import demo

    out = tmp_path_factory.mktemp("demo")
    return demo.run(out, fresh=True, quiet=True)


@pytest.fixture(scope="session")
def demo_store(demo_run: dict[str, Path]) -> Path:
    return demo_run["store"]


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The loaded spaCy pipeline (skips when the model package is missing)."""
    from trucewatch import nlp as nlp_stage

    try:
        return nlp_stage.load()
    except nlp_stage.ModelMissing as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def triggers():  # type: ignore[no-untyped-def]
    """The packaged event-trigger dictionary."""
    from trucewatch.events import load_triggers

    return load_triggers()


@pytest.fixture(scope="session")
def clean_gazetteer_index(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """The gazetteer index built from the installed packages alone (no imported GeoNames file), built at
    most once per session: the session's cached index when its cache holds no imported file, else one
    built in a folder of its own."""
    from trucewatch import places
    from trucewatch.places.gazetteer import index_path

    if index_path().name.endswith("-x0.pkl"):  # x0: no geonames_extra.tsv in the session's cache
        places.load_gazetteer()  # builds it when missing, as the first place lookup would
        return index_path()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TRUCEWATCH_CACHE", str(tmp_path_factory.mktemp("clean-gazetteer")))
        places.load_gazetteer.cache_clear()
        try:
            places.load_gazetteer()
            return index_path()
        finally:
            places.load_gazetteer.cache_clear()


@pytest.fixture
def gazetteer_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_gazetteer_index: Path
) -> Iterator[Path]:
    """A cache folder of the test's own (TRUCEWATCH_CACHE) that starts with the clean gazetteer index, so
    an import test rebuilds the index only for its import, not once more for its first lookup."""
    from trucewatch import places

    cache = tmp_path / "cache"
    cache.mkdir()
    target = cache / clean_gazetteer_index.name
    try:
        os.link(clean_gazetteer_index, target)  # build_index replaces files, never writes into them
    except OSError:
        shutil.copyfile(clean_gazetteer_index, target)
    monkeypatch.setenv("TRUCEWATCH_CACHE", str(cache))
    places.load_gazetteer.cache_clear()
    yield cache
    places.load_gazetteer.cache_clear()
