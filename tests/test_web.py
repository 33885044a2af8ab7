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


# --- issue 17: modality filter, shareable URLs, evidence links, download, offline API docs ----------------


def _api(server: str, path: str):
    import httpx

    r = httpx.get(server + path, timeout=30)
    r.raise_for_status()
    return r.json()


def _column(page, index: int) -> list[str]:
    return page.locator(f"#events tbody tr td:nth-child({index})").all_inner_texts()


def test_modality_filter_narrows_the_table_and_the_url_keeps_it(page):
    before = page.locator("#events tbody tr").count()
    modalities = set(_column(page, 8))
    assert "occurred" in modalities and len(modalities) > 1  # the demo has announced, negated, ... events
    other = sorted(modalities - {"occurred"})[0]
    page.select_option("#f-modality", other)
    page.click("#f-apply")
    page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length < n", arg=before)
    assert set(_column(page, 8)) == {other}
    assert f"modality={other}" in page.evaluate("location.search")
    page.click("#f-reset")
    page.wait_for_function("n => document.querySelectorAll('#events tbody tr').length === n", arg=before)


def test_a_shared_url_restores_filters_and_the_open_event(page, server):
    items = _api(server, "/api/events?event_type=Battles&modality=occurred&limit=50")["items"]
    assert items
    chosen = items[len(items) // 2]["event_id"]
    pg = page.context.browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        pg.goto(f"{server}/?event_type=Battles&modality=occurred&agreement=&event={chosen}")
        pg.wait_for_selector("body[data-restored='1']", timeout=30_000)
        assert pg.input_value("#f-type") == "Battles" and pg.input_value("#f-modality") == "occurred"
        assert pg.input_value("#f-agreement") == ""
        assert set(_column(pg, 2)) == {"Battles"} and set(_column(pg, 8)) == {"occurred"}
        assert len(_column(pg, 2)) == len(items)
        assert pg.locator("#event-panel").is_visible()
        assert pg.locator(f"#events tbody tr.selected[data-id='{chosen}']").count() == 1
        assert f"event={chosen}" in pg.evaluate("location.search")  # still shareable as it stands
    finally:
        pg.close()


def _event_with_url(server: str) -> tuple[str, str]:
    for ev in _api(server, "/api/events?limit=1000")["items"]:
        for m in _api(server, "/api/events/" + ev["event_id"])["mentions"]:
            if (m.get("url") or "").startswith("http"):
                return ev["event_id"], m["url"]
    pytest.fail("no demo event has an article URL")


def test_evidence_panel_links_the_article_beside_the_table(page, server):
    event_id, url = _event_with_url(server)
    page.locator(f"#events tbody tr[data-id='{event_id}']").click()
    link = page.locator("#event-body a.article-link").first
    link.wait_for(timeout=10_000)
    hrefs = page.locator("#event-body a.article-link").evaluate_all("els => els.map(e => e.href)")
    assert url in hrefs
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    panel = page.locator("#event-panel").bounding_box()
    table = page.locator("#table-box").bounding_box()
    assert panel["x"] >= table["x"] + table["width"] - 1  # beside the table, not below it
    assert panel["y"] < 1000  # in view without scrolling further down
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard-evidence.png"), full_page=True)


def test_download_button_gives_the_current_filter_as_csv(page):
    import pandas as pd

    from trucewatch import export

    page.select_option("#f-type", "Explosions/Remote violence")
    page.click("#f-apply")
    page.wait_for_function("() => [...document.querySelectorAll('#events tbody tr td:nth-child(2)')]"
                           ".every(td => td.textContent === 'Explosions/Remote violence')")
    shown = sorted(page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)"))
    with page.expect_download() as info:
        page.click("#download")
    path = info.value.path()
    df = pd.read_csv(path, dtype=export.CSV_DTYPES, parse_dates=["event_date"])
    assert sorted(df.event_uid) == shown
    assert set(df.event_type) == {"Explosions/Remote violence"}
    assert df.source.notna().all() and df.article_ids.notna().all()
    page.click("#f-reset")


def test_timeline_party_colours_match_the_report(page, server):
    from trucewatch.ceasefire import party_colour
    from trucewatch.ceasefire.terms import load_agreements

    agreement = {a.id: a for a in load_agreements()}[page.input_value("#f-agreement")]
    # read every key's party and colour in one step: the timeline may be redrawn meanwhile on a slow machine
    pairs = page.wait_for_function(
        "() => { const ks = [...document.querySelectorAll('#timeline .keys span[data-party]')];"
        " const out = ks.map(e => [e.dataset.party, getComputedStyle(e).backgroundColor]);"
        " return ks.length && out.every(p => p[1].includes('(')) ? out : null; }"
    ).json_value()
    assert len(pairs) >= 1
    for party, colour in pairs:
        r, g, b = (int(x) for x in colour[colour.index("(") + 1:-1].split(",")[:3])
        assert f"#{r:02x}{g:02x}{b:02x}" == party_colour(party, agreement), party


def test_api_docs_work_offline(page, server):
    pg = page.context.browser.new_page()
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        pg.route("**/*", only_local)
        pg.goto(server + "/docs")
        pg.wait_for_selector(".swagger-ui .opblock", timeout=30_000)
        paths = pg.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/events" in p for p in paths) and len(paths) >= 6
        assert not outside, outside
    finally:
        pg.close()
