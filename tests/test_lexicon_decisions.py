"""Issue 16: copies of one word list had drifted apart in several stages. Each test states what was decided:
one entry for all, or distinct named entries where one list would change what the pipeline extracts."""

from __future__ import annotations

import pycountry
import pytest

from trucewatch.lexicon import lexicon

LEX = lexicon()


def test_one_month_map_serves_clean_dates_and_ingest():
    from trucewatch.clean import datefind
    from trucewatch.dates import patterns
    from trucewatch.ingest import dates as ingest_dates

    months = LEX.mapping("month_numbers")
    assert datefind.MONTHS is months and patterns.MONTHS is months and ingest_dates._MONTHS is months
    # ingest also reads a longer unambiguous prefix, as it did with its list of full names
    assert ingest_dates._month("Sept") == 9 and ingest_dates._month("Octo") == 10 and ingest_dates._month("Ju") is None
    assert patterns.month_number("December") == 12 and datefind._month("Sept.") == 9


def test_caption_and_text_month_patterns_stay_two_entries():
    """Captions write "January. 5, 2015" now and then and clean reads the dot; the date pattern of the news text
    leaves a dot after a full name alone and takes month names only capitalised ("may" is a verb)."""
    caption, text = LEX.regex("caption_month"), LEX.regex("month_name")
    assert caption.fullmatch("January.") and not text.fullmatch("January.")
    assert caption.fullmatch("Jan.") and text.fullmatch("Jan.")
    from trucewatch.dates.patterns import DATE_RE

    assert DATE_RE.search("talks resume in May 2016") and not DATE_RE.search("talks may resume 2016 ago")


def test_future_auxiliaries_and_would():
    """dates.tense reads a reported "would" as future ("said it would withdraw on Monday"); the contraction "'d"
    stays out (it is as often "had"). events.modality keeps "would" among the modal auxiliaries."""
    from trucewatch.dates.tense import FUTURE_AUX

    future = LEX.words("future_auxiliaries")
    assert {"will", "shall", "'ll", "wo"} <= future and "would" not in future
    assert FUTURE_AUX == future | {"would"} and "'d" not in FUTURE_AUX


def test_arabic_article_forms():
    """One list of article forms for places and ceasefire (ceasefire had 12 of the 20). Two narrower lists stay:
    dedup.geo drops only the two-letter forms, actors.normalize respells only some hyphenated forms; widening
    them would change which names dedup compares equal and which aliases actors match."""
    from trucewatch.places.normalize import ARTICLES, loose_key

    articles = LEX.words("arabic_articles")
    assert ARTICLES == articles | {"the"} and len(articles) == 20
    assert LEX.words("two_letter_articles") < articles and {"il", "ul"} <= articles - LEX.words("two_letter_articles")
    assert LEX.words("actor_hyphen_articles") < articles
    assert loose_key("Deir ez-Zor") == loose_key("Dayr az Zawr")


def test_ceasefire_groups_province_names_as_before_with_all_article_forms():
    """The 20 forms group every ISO 3166-2 subdivision name exactly as ceasefire's old 12 did."""
    from trucewatch.ceasefire import terms

    old = frozenset({"al", "el", "ar", "as", "ad", "an", "az", "ash", "at", "ez", "es", "ed"})
    assert terms._ARTICLES == LEX.words("arabic_articles")
    names = {s.name for s in pycountry.subdivisions}
    new_groups: dict[str, set[str]] = {}
    for n in names:
        new_groups.setdefault(terms.norm_name(n), set()).add(n)
    saved = terms._ARTICLES
    try:
        terms._ARTICLES = old
        old_groups: dict[str, set[str]] = {}
        for n in names:
            old_groups.setdefault(terms.norm_name(n), set()).add(n)
    finally:
        terms._ARTICLES = saved
    assert len(names) > 4000
    assert {frozenset(g) for g in new_groups.values()} == {frozenset(g) for g in old_groups.values()}


def test_province_words_differ_from_division_words():
    """places strips 'county', 'oblast', 'prefecture' from gazetteer names; ceasefire keeps them, so a county and
    a town of the same name stay two provinces there. Merging the lists would merge such names."""
    from trucewatch.ceasefire.terms import norm_name

    division, province = LEX.words("division_words"), LEX.words("province_words")
    assert {"county", "oblast", "prefecture"} <= division - province and "wilayat" in province - division
    assert norm_name("Lakeside County") != norm_name("Lakeside")
    assert norm_name("Al-Lakeside Governorate") == norm_name("Lakeside")


def test_political_violence_types_are_one_model_constant():
    """The violent ACLED event types are ACLED taxonomy, not English: one constant in model.py."""
    from trucewatch.dedup.scoring import FAMILIES, VIOLENT_FAMILIES
    from trucewatch.export import acled
    from trucewatch.model import ACLED_TYPES, POLITICAL_VIOLENCE_TYPES

    assert POLITICAL_VIOLENCE_TYPES < set(ACLED_TYPES) and acled._VIOLENT is POLITICAL_VIOLENCE_TYPES
    assert VIOLENT_FAMILIES == {FAMILIES[t] for t in POLITICAL_VIOLENCE_TYPES}
    for t in POLITICAL_VIOLENCE_TYPES:
        assert acled.disorder_type(t, ACLED_TYPES[t][0]) == "Political violence"
    assert acled.disorder_type("Protests", "Peaceful protest") == "Demonstrations"


def test_speech_verbs_of_dates():
    """dates hears a source speak in the core reporting verbs and in claims, accusations and denials."""
    from trucewatch.dates.annotate import SPEECH_LEMMAS

    assert SPEECH_LEMMAS == LEX.words("speech_verbs") | LEX.words("stance_verbs")
    assert {"say", "deny"} <= SPEECH_LEMMAS and "announce" not in SPEECH_LEMMAS


@pytest.mark.parametrize(
    "name", ["number_units", "number_tens", "number_scales", "date_count_words", "vague_quantities"]
)
def test_number_words_are_maps_of_ints(name):
    values = LEX.mapping(name).values()
    assert values and all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values)
