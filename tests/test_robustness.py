"""Bounded cost, crashes on odd text, per-record validation and the date window (issue 18).

Every input here is written for the test; none is copied from a data set.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from factories import make_article
from synthetic import one_paragraph
from trucewatch import clean, ingest, pipeline
from trucewatch.model import Article, SegmentKind, Skip


def _extract(text: str, published: str | None = "2016-04-10") -> tuple[Article, list]:
    art = ingest.from_text(text, published=published)
    (out,) = list(pipeline.extract([art]))
    assert not isinstance(out, Skip), f"{out.reason}\n{out.detail}"
    return out


# --- crashes found on real text (each failed before its fix) -----------------------------------


def test_a_bracket_opening_inside_a_token_does_not_crash_the_actor_stage() -> None:
    # "Brigades(SDB" is one token: the unknown-actor trimmer looked for a token that is exactly "("
    art, mentions = _extract("The Southern Defence Brigades(SDB) shelled the town of Marib on Monday, "
                             "killing two civilians.")
    assert mentions, "the shelling is still found"


def test_an_exception_inside_extraction_is_a_skip_with_its_traceback(monkeypatch) -> None:
    # the time budget is the real path by which extraction stops on an article
    monkeypatch.setenv("TRUCEWATCH_ARTICLE_SECONDS", "0.000001")
    art = ingest.from_text("Rebels shelled Homs on Monday, killing three people.", published="2016-04-10")
    (out,) = list(pipeline.extract([art]))
    assert isinstance(out, Skip) and out.stage == "extract"
    assert "time budget" in out.reason
    assert "Traceback (most recent call last)" in out.detail and "OverBudget" in out.detail


# --- bounded cost -------------------------------------------------------------------------------


def test_a_long_paragraph_is_split_and_a_huge_article_truncated_with_notes() -> None:
    from trucewatch.clean.limits import MAX_ARTICLE_CHARS, MAX_PARAGRAPH_CHARS

    text = one_paragraph(3 * MAX_PARAGRAPH_CHARS)
    art = ingest.from_text(text)
    segs = clean.segment(art)
    body = [s for s in segs if s.kind is SegmentKind.BODY]
    assert len(body) >= 3 and all(len(s.text) <= MAX_PARAGRAPH_CHARS for s in body)
    assert all(art.text[s.start : s.end] == s.text for s in segs)
    assert all(s.text.endswith(".") for s in body), "cut after sentence ends"
    assert any("split" in n for n in art.meta["notes"])

    huge = ingest.from_text(one_paragraph(MAX_ARTICLE_CHARS + 20_000, seed=1))
    segs = clean.segment(huge)
    read = [s for s in segs if s.kind != "overflow"]
    assert read[-1].end <= MAX_ARTICLE_CHARS
    assert any(s.kind == "overflow" for s in segs)
    assert any(n.startswith("truncated") for n in huge.meta["notes"])


def _compare_calls(monkeypatch, n: int, days: int) -> int:
    from trucewatch.dedup import within

    calls = 0
    original = within._Article.compare

    def counting(self, a, b):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        return original(self, a, b)

    monkeypatch.setattr(within._Article, "compare", counting)
    mentions = []
    for i in range(n):
        _, (m,), _ = make_article(i, published=dt.date(2016, 2, 1) + dt.timedelta(days=i % days), source="x")
        mentions.append(m)
    within.within_article(mentions)
    return calls


def test_within_article_merging_grows_about_linearly(monkeypatch) -> None:
    from trucewatch.dedup.within import KEYED, MEMBERS, WINDOW

    # many different events (one a day): all-pairs merging does 16 times the work for 4 times the mentions
    small, large = _compare_calls(monkeypatch, 150, 1000), _compare_calls(monkeypatch, 600, 1000)
    assert large < 6 * small, (small, large)
    # the same few events told again and again: the work per mention stays under a fixed bound
    assert _compare_calls(monkeypatch, 600, 40) <= 600 * (WINDOW + 2 * KEYED) * MEMBERS


def test_entity_lookups_agree_with_spacys_entities(nlp) -> None:
    from trucewatch.nlp.spans import entities_touching, entity_at, ents_within

    doc = nlp("On Monday the United Nations said Islamic State fighters attacked New York City on 3 April 2016.")
    for i in range(len(doc)):
        want = next(((e.start, e.end, e.label_) for e in doc.ents if e.start <= i < e.end), None)
        got = entity_at(doc, i)
        assert (None if got is None else (got.start, got.end, got.label_)) == want
    assert [e.text for e in ents_within(doc, 0, len(doc))] == [e.text for e in doc.ents]
    assert [e.label_ for e in entities_touching(doc, {1, 12})] == ["DATE", "GPE"]


# --- per-record validation ------------------------------------------------------------------------


def test_a_wrong_typed_jsonl_field_skips_that_record_only(tmp_path: Path) -> None:
    good = "Rebels shelled the town of Homs on Monday, killing three people, officials said."
    lines = [
        {"id": "1", "title": ["a list"], "text": good},
        {"id": "2", "source": {"name": "a dict"}, "text": good + " One more."},
        {"id": "3", "url": {"href": "x"}, "text": good + " Two more."},
        {"id": "4", "text": 12345},
        {"id": "5", "title": "Fine", "text": good + " Three more.", "published": "9999-12-31"},
        {"id": "6", "title": "Also fine", "text": good + " Four more.", "published": "0001-01-01"},
        {"id": "7", "title": "Last", "text": good + " Five more.", "published": {"day": 1}},
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    items = list(ingest.read_paths([path]))
    assert len(items) == 7
    skips = [x for x in items if isinstance(x, Skip)]
    assert [s.origin.rsplit(":", 1)[1] for s in skips] == ["1", "2", "3", "4"]
    assert "'title'" in skips[0].reason and "'source'" in skips[1].reason and "'url'" in skips[2].reason
    assert "'text'" in skips[3].reason
    arts = [x for x in items if isinstance(x, Article)]
    assert [a.title for a in arts] == ["Fine", "Also fine", "Last"]
    assert all(a.published is None for a in arts)
    assert all(any("publication date" in n for n in a.meta["notes"]) for a in arts)


def test_a_wrong_typed_sidecar_field_is_noted_and_the_article_read(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("Headline of the report\n\nTroops entered the town on Friday, officials said.\n")
    (tmp_path / "r.json").write_text(json.dumps({"title": 7, "source": "Wire", "url": ["x"]}))
    (art,) = list(ingest.read_paths([tmp_path]))
    assert isinstance(art, Article) and art.source == "Wire" and art.url is None
    assert art.title == "Headline of the report"
    notes = " ".join(art.meta["notes"])
    assert "'title'" in notes and "'url'" in notes


# --- the date window ------------------------------------------------------------------------------


@pytest.mark.parametrize("published", ["9999-12-31", "0001-01-01", "9999-06-01"])
def test_publication_dates_outside_the_window_are_refused(published: str) -> None:
    art = ingest.from_text("Rebels shelled Homs on Monday, killing three people.", published=published)
    assert art.published is None and any("outside" in n for n in art.meta["notes"])
    import trucewatch

    with pytest.raises(ValueError, match="outside"):
        trucewatch.extract("Rebels shelled Homs on Monday.", published=published)
    # the article itself is still processed, without a date to resolve against
    (out,) = list(pipeline.extract([art]))
    assert not isinstance(out, Skip)


def test_event_dates_stay_inside_the_window() -> None:
    from trucewatch.model import latest_date

    _, mentions = _extract("Rebels shelled Homs on 3 March 9999, killing three people.")
    for m in mentions:
        assert m.date is None or m.date.first is None or m.date.last <= latest_date()


def test_a_numbered_report_is_not_a_year() -> None:
    _, mentions = _extract("Rebels shelled Homs, killing three people, according to report number 1907.")
    assert mentions and all(m.date is None or m.date.first is None or m.date.first.year != 1907 for m in mentions)
    _, mentions = _extract("Rebels shelled Homs, killing three people, according to report 1907.")
    assert mentions and all(m.date is None or m.date.first is None or m.date.first.year != 1907 for m in mentions)


# --- encodings and the skips table -----------------------------------------------------------------


def test_utf16_with_bom_and_a_stray_cp1252_byte_are_read(tmp_path: Path) -> None:
    text = "Shelling in the north\n\nRebels shelled the town of Homs on Monday, killing three people.\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(text.replace("Monday", "Tuesday").encode("cp1252") + b"caf\xe9 \x81.\n")
    a, b = list(ingest.read_paths([tmp_path / "a.txt", tmp_path / "b.txt"]))
    assert isinstance(a, Article) and a.text.startswith("Shelling in the north")
    assert isinstance(b, Article) and "caf\u00e9" in b.text and "\ufffd" in b.text
    assert any("cp1252" in n for n in b.meta["notes"])


def test_skips_are_not_duplicated_when_a_folder_is_ingested_again(tmp_path: Path) -> None:
    from trucewatch.store import open_store

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_text("   \n")
    (tmp_path / "in" / "bad.jsonl").write_text('{"text": 5}\nnot json\n')
    with open_store(str(tmp_path / "s.duckdb")) as st:
        for _ in range(3):
            pipeline.run(ingest.read_paths([tmp_path / "in"]), st)
        skips = st.skips()
    assert len(skips) == 3, [s.origin for s in skips]
    assert len({(s.origin, s.stage) for s in skips}) == 3


def test_an_old_store_gains_the_skip_detail_column(tmp_path: Path) -> None:
    import duckdb

    from trucewatch.store import open_store

    path = tmp_path / "old.duckdb"
    with open_store(str(path)):
        pass
    con = duckdb.connect(str(path))  # make it look like a version-1 store
    con.execute("ALTER TABLE skips DROP COLUMN detail")
    con.execute("UPDATE trucewatch_meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with open_store(str(path)) as st:
        st.add_skip(Skip(origin="x", reason="r", stage="extract", detail="Traceback ..."))
        assert st.skips()[0].detail == "Traceback ..."
