"""The truce report on the demo corpus: HTML with the event list, sources and a map over the shipped boundaries;
the PDF is that page printed by headless Chromium, and a missing Chromium is a clear error."""

from __future__ import annotations

import re

from conftest import require

A4_CONTENT_PX = round((210 - 2 * 12) / 25.4 * 96)  # A4 width minus the report's 12 mm margins, CSS pixels


def test_report_lists_events_with_links_to_their_articles(demo_run, demo_store):
    from trucewatch.store import open_store

    page = demo_run["html"].read_text(encoding="utf-8")
    events = page[page.index("<h2>Events</h2>"):page.index("<h2>Sources</h2>")]
    rows = events.count("<tr>") - 1  # minus the header
    with open_store(demo_store, read_only=True) as st:
        judged = {v.event_id for v in st.violations("syria-coh-2016")}
        urls = {r["url"] for r in st.article_refs(a for ev in st.events() for a in ev.article_ids).values()
                if r["url"]}
    assert rows >= 10 and rows <= len(judged)
    linked = set(re.findall(r'<a href="([^"]+)"', events))
    assert linked and linked <= urls  # every link is a stored article's URL
    sources = page[page.index("<h2>Sources</h2>"):]
    assert sources.count("<li>") >= len(linked)


def test_report_map_draws_the_shipped_boundaries(demo_run):
    from trucewatch.ceasefire.report import GEODATA

    require("front-end assets (scripts/web-assets.sh)", (GEODATA / "countries.json").is_file())
    page = demo_run["html"].read_text(encoding="utf-8")
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 2
    assert svgs[1].count("<path") > 50  # country and province outlines, not a bare scatter


def test_pdf_is_the_printed_report_and_the_method_line_fits(demo_run, tmp_path):
    from trucewatch.ceasefire.report import chromium

    exe = chromium()
    require("chromium", exe is not None)
    pdf = demo_run["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3  # summary, charts, tables and the event list
    assert b"/URI" in pdf  # the article links survive printing
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        pg = browser.new_page(viewport={"width": A4_CONTENT_PX, "height": 1000})
        pg.emulate_media(media="print")
        pg.goto(demo_run["html"].resolve().as_uri())
        widths = pg.evaluate("() => { const m = document.querySelector('.method');"
                             " return [m.scrollWidth, m.clientWidth, document.documentElement.scrollWidth]; }")
        browser.close()
    method_scroll, method_client, page_width = widths
    assert method_scroll <= method_client and page_width <= A4_CONTENT_PX


def test_pdf_without_chromium_is_a_clear_error(demo_store, tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from trucewatch.cli import app

    monkeypatch.delenv("TRUCEWATCH_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # no chromium on it
    out = tmp_path / "r.html"
    r = CliRunner().invoke(app, ["monitor", "syria-coh-2016", "--store", str(demo_store), "--report", str(out),
                                 "--pdf"])
    assert r.exit_code != 0
    assert "'chromium' package" in r.output and "apt-get install chromium" in r.output
    assert out.is_file() and not out.with_suffix(".pdf").exists()  # the HTML is still written


def test_report_sources_map_events_to_their_articles(demo_store):
    from trucewatch import pipeline
    from trucewatch.store import open_store

    with open_store(demo_store, read_only=True) as st:
        result = pipeline.monitor(st, "syria-coh-2016")
        sources = pipeline.report_sources(st, result)
        for event_id, refs in list(sources.items())[:10]:
            ev = st.event(event_id)
            assert ev is not None
            assert {r["article_id"] for r in refs} == set(ev.article_ids)
    assert len(sources) >= 10
