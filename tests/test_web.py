"""The dashboard in Debian's headless chromium (Playwright), on the demo corpus processed by the real pipeline."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, require

pytestmark = pytest.mark.browser
ARTIFACTS = REPO / "test-artifacts"
VENDOR = REPO / "src" / "trucewatch" / "web" / "static" / "vendor"
# Chromium must not try to reach Google's hosts from this closed network.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_store: Path):
    import uvicorn

    from trucewatch.api import create_app

    require("front-end assets (scripts/web-assets.sh)", (VENDOR / "leaflet" / "leaflet.js").exists())
    port = _free_port()
    config = uvicorn.Config(create_app(str(demo_store)), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    th.join(timeout=10)


@pytest.fixture(scope="module")
def page(server):
    exe = _chromium()
    require("chromium", exe is not None)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=FLAGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.on("dialog", lambda d: (errors.append("dialog: " + d.message), d.dismiss()))
        pg.goto(server + "/")
        pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
        pg.errors = errors
        yield pg
        browser.close()


def test_dashboard_shows_map_timeline_and_table(page):
    rows = page.locator("#events tbody tr")
    assert rows.count() > 10
    assert page.locator(".leaflet-interactive, .marker-cluster").count() > 0
    assert page.locator("#timeline-svg rect").count() > 0
    assert page.locator("#truce-start").count() == 1  # the agreement's start is marked
    assert page.locator("#truce-status").inner_text().startswith("Status: ")
    assert not page.errors, page.errors


def test_clicking_an_event_shows_highlighted_evidence(page):
    page.locator("#events tbody tr").first.click()
    page.wait_for_selector("#event-panel:not([hidden]) mark.trigger", timeout=10_000)
    marks = page.locator("#event-body mark")
    assert marks.count() >= 2
    sentence = page.locator("#event-body .sentence").first.inner_text()
    assert page.locator("#event-body mark.trigger").first.inner_text() in sentence
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 10_000


def _span(cell: str) -> tuple[str, str]:
    """A table date cell: one day, or 'first – last' for an event known only to a range."""
    first, _, last = cell.partition(" – ")
    return first, last or first


def test_date_filter_narrows_the_table(page):
    before = page.locator("#events tbody tr").count()
    cells = [c for c in page.locator("#events tbody tr td:first-child").all_inner_texts() if c]
    days = sorted({_span(c)[0] for c in cells})
    assert len(days) >= 2
    day = days[len(days) // 2]
    page.fill("#f-from", day)
    page.fill("#f-to", day)
    page.click("#f-apply")
    page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length < n", arg=before,
                           timeout=10_000)
    shown = page.locator("#events tbody tr td:first-child").all_inner_texts()
    assert shown
    for cell in shown:  # every event shown happened on that day or over a range that includes it
        first, last = _span(cell)
        assert first <= day <= last, (cell, day)
    page.click("#f-reset")
    page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length === n", arg=before)


def test_article_html_is_never_executed(page, tmp_path):
    """A stored sentence with markup shows as text; no script runs, no element is injected."""
    exe = _chromium()
    require("chromium", exe is not None)
    import datetime as dt

    import uvicorn

    from factories import make_article
    from trucewatch import pipeline
    from trucewatch.api import create_app
    from trucewatch.store import open_store

    st = open_store(str(tmp_path / "xss.duckdb"))
    evil = ' <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    art, mentions, event = make_article(7, published=dt.date(2016, 3, 3), source="Test", extra=evil)
    st.write_article(art, mentions, [event])
    pipeline.judge_all(st)  # as every write path does
    st.close()
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(str(tmp_path / "xss.duckdb")), host="127.0.0.1", port=port,
                                        log_level="warning"))
    th = threading.Thread(target=srv.run, daemon=True)
    th.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        pg = page.context.browser.new_page()  # the module's browser: one Playwright loop per thread
        pg.goto(f"http://127.0.0.1:{port}/")
        pg.wait_for_selector("body[data-ready='1']", timeout=30_000)
        pg.locator("#events tbody tr").first.click()
        pg.wait_for_selector("#event-body .sentence")
        assert "<script>" in pg.locator("#event-body .sentence").first.inner_text()
        assert pg.evaluate("window.__pwned") is None
        assert pg.locator("#event-body img").count() == 0
        pg.close()
    finally:
        srv.should_exit = True
        th.join(timeout=10)
