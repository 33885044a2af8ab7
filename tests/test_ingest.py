"""Ingest: formats, sidecars, stable ids and a recorded Skip for every kind of bad input."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from trucewatch import ingest
from trucewatch.model import Article, Skip, content_hash

DATA = Path(__file__).parent / "data" / "ingest"


def read(*paths: Path | str, **defaults: object) -> list[Article | Skip]:
    return list(ingest.read_paths(list(paths), ingest.IngestDefaults(**defaults)))  # type: ignore[arg-type]


def only_articles(items: list[Article | Skip]) -> list[Article]:
    return [x for x in items if isinstance(x, Article)]


def only_skips(items: list[Article | Skip]) -> list[Skip]:
    return [x for x in items if isinstance(x, Skip)]


def test_txt_with_sidecar_metadata() -> None:
    (art,) = read(DATA / "wire-report.txt")
    assert isinstance(art, Article)
    assert art.title == "Shelling kills four in northern market town"
    assert art.text.startswith(art.title)
    assert art.published == dt.date(2016, 3, 3)
    assert art.source == "Example Wire"
    assert art.url == "https://example.org/wire/shelling-market"
    assert art.meta["source_id"] == "example-wire-2016-03-03"
    assert art.meta["synthetic"] is True
    assert art.language == "en"
    assert art.hash == content_hash(art.text)


def test_sidecar_beats_defaults_and_defaults_fill_gaps(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Headline here\n\nTroops were deployed to the border town on Friday, officials said.\n"
    )
    (art,) = read(tmp_path / "a.txt", published=dt.date(2020, 1, 2), source="Flag Source")
    assert isinstance(art, Article)
    assert art.published == dt.date(2020, 1, 2) and art.source == "Flag Source"
    (art2,) = read(DATA / "wire-report.txt", published=dt.date(2020, 1, 2), source="Flag Source")
    assert isinstance(art2, Article)
    assert art2.published == dt.date(2016, 3, 3) and art2.source == "Example Wire"


def test_ids_are_stable_and_content_based(tmp_path: Path) -> None:
    first = only_articles(read(DATA))
    second = only_articles(read(DATA))
    assert [a.id for a in first] == [a.id for a in second]
    assert len({a.id for a in first}) == len(first)
    # Moving the corpus keeps ids; changing the text changes them.
    copy = tmp_path / "moved"
    shutil.copytree(DATA, copy)
    moved = only_articles(read(copy / "wire-report.txt"))
    original = only_articles(read(DATA / "wire-report.txt"))
    assert moved[0].id == original[0].id
    (copy / "wire-report.txt").write_text(original[0].text + "\n\nOne more sentence was added later.")
    changed = only_articles(read(copy / "wire-report.txt"))
    assert changed[0].id != original[0].id


def test_from_text_is_idempotent_and_puts_title_on_top() -> None:
    a = ingest.from_text(
        "Gunmen attacked a police post overnight.", title="Police post attacked", published="2016-04-10"
    )
    b = ingest.from_text(
        "Gunmen attacked a police post overnight.", title="Police post attacked", published="2016-04-10"
    )
    assert a.id == b.id and a.hash == b.hash
    assert a.text.splitlines()[0] == "Police post attacked"
    assert a.published == dt.date(2016, 4, 10)
    c = ingest.from_text(
        "Gunmen attacked a police post overnight.", title="Police post attacked", origin="x.txt"
    )
    assert c.id != a.id  # the origin is part of the id


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("  \n\n ")
    (skip,) = read(tmp_path / "empty.txt")
    assert isinstance(skip, Skip) and "empty" in skip.reason


def test_binary_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (skip,) = read(tmp_path / "image.txt")
    assert isinstance(skip, Skip) and "binary" in skip.reason


def test_too_large_file_is_skipped(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Headline\n\n" + "word " * (1_100_000))
    (skip,) = read(big)
    assert isinstance(skip, Skip) and "too large" in skip.reason


def test_cp1252_is_decoded_with_a_note(tmp_path: Path) -> None:
    text = "Fighters \u201cwithdrew\u201d from the caf\u00e9 district on Monday, residents said, after days of clashes."
    (tmp_path / "old.txt").write_bytes(("Old encoding\n\n" + text).encode("cp1252"))
    (art,) = read(tmp_path / "old.txt")
    assert isinstance(art, Article)
    assert "\u201cwithdrew\u201d" in art.text and "caf\u00e9" in art.text
    assert any("cp1252" in n for n in art.meta["notes"])


def test_utf8_bom_is_removed(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(
        "\ufeffHeadline with BOM\n\nThe army said it had repelled an attack.".encode("utf-8")
    )
    (art,) = read(tmp_path / "bom.txt")
    assert isinstance(art, Article) and art.title == "Headline with BOM"


def test_non_english_is_skipped_with_language() -> None:
    (skip,) = read(DATA / "french.txt")
    assert isinstance(skip, Skip)
    assert "not English" in skip.reason and "'fr'" in skip.reason


def test_arabic_script_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "ar.txt").write_text(
        "\u0639\u0646\u0648\u0627\u0646\n\n"
        + "\u0642\u0635\u0641 \u0627\u0644\u0645\u062f\u064a\u0646\u0629 " * 30
    )
    (skip,) = read(tmp_path / "ar.txt")
    assert isinstance(skip, Skip) and "'ar'" in skip.reason


def test_impossible_date_keeps_article_with_note() -> None:
    (art,) = read(DATA / "impossible-date.txt")
    assert isinstance(art, Article)
    assert art.published is None
    assert any("impossible" in n and "2016-02-30" in n for n in art.meta["notes"])


def test_missing_date_keeps_article_with_note(tmp_path: Path) -> None:
    (tmp_path / "nodate.txt").write_text(
        "No date here\n\nThe militia said it had captured two soldiers near the dam."
    )
    (art,) = read(tmp_path / "nodate.txt")
    assert isinstance(art, Article) and art.published is None
    assert any("no publication date" in n for n in art.meta["notes"])


def test_jsonl_bad_line_is_one_skip_with_line_number() -> None:
    items = read(DATA / "articles.jsonl")
    arts, skips = only_articles(items), only_skips(items)
    assert [a.meta["source_id"] for a in arts] == ["jl-1", "jl-3"]
    assert len(skips) == 1 and ":2" in skips[0].origin and "line 2" in skips[0].reason
    assert arts[0].title == "Clashes erupt on the outskirts of the city"
    assert arts[0].text.startswith(arts[0].title + "\n\n")
    assert arts[0].published == dt.date(2016, 6, 1) and arts[0].source == "Example Daily"
    assert arts[1].published is None  # no date in the record


def test_invalid_json_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text('{"title": "x", "text": ')
    (skip,) = read(tmp_path / "broken.json")
    assert isinstance(skip, Skip) and "invalid JSON" in skip.reason


def test_json_article_file(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(
        '{"title": "Checkpoint seized", "text": "Rebels seized a checkpoint on the main road on Friday.", "published": "2016-07-01"}'
    )
    (art,) = read(tmp_path / "one.json")
    assert (
        isinstance(art, Article) and art.published == dt.date(2016, 7, 1) and art.title == "Checkpoint seized"
    )


def test_html_main_text_without_navigation() -> None:
    (art,) = read(DATA / "page.html")
    assert isinstance(art, Article)
    assert art.title == "Air strikes hit villages near the river"
    assert art.published == dt.date(2016, 5, 2)
    assert "killing at least seven civilians" in art.text
    for junk in ("Home", "Sport", "Subscribe", "All rights reserved", "Share on Facebook"):
        assert junk not in art.text
    assert "\n\n" in art.text  # paragraphs kept apart


def test_broken_html_is_skipped() -> None:
    (skip,) = read(DATA / "broken.html")
    assert isinstance(skip, Skip) and "broken HTML" in skip.reason


def test_rss_entries_are_articles_and_empty_entries_skips() -> None:
    items = read(DATA / "feed.rss")
    arts, skips = only_articles(items), only_skips(items)
    assert len(arts) == 1 and len(skips) == 1
    art = arts[0]
    assert art.title == "Bomb explodes near checkpoint"
    assert art.url == "https://example.org/news/bomb-checkpoint"
    assert art.published == dt.date(2016, 4, 11)
    assert art.source == "Example Wire World"
    assert "roadside bomb" in art.text and "<p>" not in art.text
    assert "No group has claimed" in art.text
    assert "empty" in skips[0].reason


def test_atom_entry() -> None:
    (art,) = read(DATA / "feed.atom")
    assert isinstance(art, Article)
    assert art.published == dt.date(2016, 4, 12) and "hilltop village" in art.text


def test_not_a_feed_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "data.xml").write_text("<config><value>3</value></config>")
    (skip,) = read(tmp_path / "data.xml")
    assert isinstance(skip, Skip) and "feed" in skip.reason


def test_folder_is_recursive_sorted_and_survives_bad_files(tmp_path: Path) -> None:
    shutil.copytree(DATA, tmp_path / "in" / "nested")
    (tmp_path / "in" / "a.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "in" / "notes.md").write_text("ignored")
    items = read(tmp_path / "in", tmp_path / "missing.txt")
    origins = [Path(x.origin.split(":")[0].split("#")[0]).name for x in items]  # type: ignore[union-attr]
    assert origins[0] == "a.txt" and isinstance(items[0], Skip)
    assert "notes.md" not in origins and "wire-report.json" not in origins  # sidecars are not inputs
    assert isinstance(items[-1], Skip) and "no such file" in items[-1].reason
    assert len(only_articles(items)) == 7


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2016-04-10", dt.date(2016, 4, 10)),
        ("2016-04-10T23:00:00Z", dt.date(2016, 4, 10)),
        ("Sun, 10 Apr 2016 08:00:00 GMT", dt.date(2016, 4, 10)),
    ],
)
def test_published_formats(value: str, expected: dt.date) -> None:
    assert ingest.from_text("Some text here.", published=value).published == expected


def test_seed_article_reads_with_sidecar(seed_article_path: Path) -> None:
    (art,) = read(seed_article_path)
    assert isinstance(art, Article)
    assert art.published == dt.date(2016, 4, 10)
    assert art.source == "TRT World and agencies"
    assert art.title and art.text.startswith(art.title)


def test_odd_inputs_never_raise(tmp_path: Path) -> None:
    (tmp_path / "noise.txt").write_bytes(bytes(range(1, 256)) * 20)
    (tmp_path / "script.html").write_text("<html><body><script>alert(1)</script></body></html>")
    (tmp_path / "list.json").write_text(
        '[1, "two", {"text": "Fighters withdrew from the village overnight."}]'
    )
    (tmp_path / "lines.jsonl").write_text('[1, 2]\n"text"\n{"text": ""}\n\n')
    (tmp_path / "empty.rss").write_text("")
    (tmp_path / "odd.htm").write_bytes(b"\xff\xfe<\x00h\x00")
    items = read(tmp_path)
    assert items and all(isinstance(x, (Article, Skip)) for x in items)
    skips = only_skips(items)
    assert all(s.reason for s in skips)
    assert len(only_articles(items)) == 1  # the one real record in list.json
