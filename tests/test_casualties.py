"""Casualties stage: number reading, linking numbers to casualty words, who, cumulative totals."""

from __future__ import annotations

import pytest

from trucewatch import casualties
from trucewatch.casualties.numbers import find_quantities, words_to_int
from trucewatch.model import Article, Count, ParsedSegment, Segment, SegmentKind


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("35", 35), ("250,000", 250000), ("1.5 million", 1500000), ("thirty-five", 35), ("twelve", 12),
        ("two hundred and fifty", 250), ("three thousand", 3000), ("forty two", 42), ("nineteen", 19),
    ],
)  # fmt: skip
def test_words_to_int(text: str, value: int) -> None:
    assert words_to_int(text) == value


@pytest.mark.parametrize(
    ("text", "best", "low", "high", "qualifier"),
    [
        ("at least 12", 12, 12, None, "at_least"),
        ("more than 250,000", 250000, 250000, None, "more_than"),
        ("over 40", 40, 40, None, "more_than"),
        ("up to 20", 20, None, 20, "up_to"),
        ("as many as 9", 9, None, 9, "up_to"),
        ("nearly 50", 50, None, None, "about"),
        ("about 30", 30, None, None, "about"),
        ("between 10 and 15", 10, 10, 15, "range"),
        ("10 to 15", 10, 10, 15, "range"),
        ("10-15", 10, 10, 15, "range"),
        ("a dozen", 12, 12, 12, "exact"),
        ("dozens", 12, 12, None, "vague"),
        ("tens", 10, 10, None, "vague"),
        ("scores", 20, 20, None, "vague"),
        ("hundreds", 100, 100, None, "vague"),
        ("several", 3, 3, None, "vague"),
        ("a number", None, None, None, "vague"),
    ],
)
def test_quantities(text: str, best: int | None, low: int | None, high: int | None, qualifier: str) -> None:
    (q,) = find_quantities(text + " people")
    assert (q.best, q.low, q.high, q.qualifier) == (best, low, high, qualifier)


def test_measures_are_not_quantities_of_people() -> None:
    assert find_quantities("a 10-day offensive") == []
    assert find_quantities("a 24-hour truce") == []


# --- linking, with the real spaCy model ----------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from trucewatch import nlp as nlp_stage

    return nlp_stage.load()


def counts(nlp, sentence: str) -> list[Count]:
    found = casualties.doc_counts(nlp(sentence))
    for c in found:
        assert sentence[c.start : c.end] == c.text
    return found


def one(nlp, sentence: str) -> Count:
    found = counts(nlp, sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "what", "who", "best"),
    [
        ("A total of 35 combatants had been killed on both sides in the area.", "killed", "combatants", 35),
        ("Thirty-five fighters died in the clashes.", "killed", "combatants", 35),
        ("Air strikes on the market killed 12 civilians.", "killed", "civilians", 12),
        ("The bombing hit a school, killing 9.", "killed", "unknown", 9),
        ("Shelling left 14 people dead in the old city.", "killed", "unknown", 14),
        ("The death toll rose to 41 on Monday.", "killed", "unknown", 41),
        ("Medics reported a death toll of 27.", "killed", "unknown", 27),
        ("Rescuers pulled 11 bodies from the rubble.", "killed", "unknown", 11),
        ("Eight soldiers were wounded by a roadside bomb.", "injured", "combatants", 8),
        ("Dozens of people were injured in the blast.", "injured", "unknown", 12),
        ("Four aid workers are missing after the attack.", "missing", "civilians", 4),
        ("Gunmen abducted 20 villagers from the road.", "captured", "civilians", 20),
        ("Police arrested 30 protesters in the square.", "captured", "civilians", 30),
        ("Hundreds of families were displaced by the fighting.", "displaced", "civilians", 100),
        ("Six members of the armed group were captured.", "captured", "combatants", 6),
        ("At least 17 government troops were killed.", "killed", "combatants", 17),
        ("Tens of militants were killed in the raid.", "killed", "combatants", 10),
        ("Scores of rebels died in the assault.", "killed", "combatants", 20),
        ("A dozen women were hurt in the blast.", "injured", "civilians", 12),
    ],
)
def test_links(nlp, sentence: str, what: str, who: str, best: int) -> None:
    c = one(nlp, sentence)
    assert (c.what, c.who, c.best, c.cumulative) == (what, who, best, False), c


def test_killed_and_wounded_in_one_sentence(nlp) -> None:
    found = counts(nlp, "At least 12 civilians were killed and 30 wounded in air strikes on Saturday night.")
    assert [(c.what, c.best, c.qualifier) for c in found] == [
        ("killed", 12, "at_least"),
        ("injured", 30, "exact"),
    ]


def test_including_children_goes_on_the_parent(nlp) -> None:
    c = one(nlp, "Air strikes killed 30 people, including eight children, in the north of the province.")
    assert (c.what, c.best, c.children) == ("killed", 30, 8)
    c2 = one(nlp, "At least 12 civilians, including five children, were killed in the raid.")
    assert (c2.best, c2.children, c2.who) == (12, 5, "civilians")


def test_children_counted_alone(nlp) -> None:
    c = one(nlp, "Three children were killed when a shell hit their home.")
    assert (c.what, c.who, c.best, c.children) == ("killed", "civilians", 3, 3)


def test_range_and_qualifiers_in_sentences(nlp) -> None:
    c = one(nlp, "Between 10 and 15 soldiers were captured near the border.")
    assert (c.what, c.low, c.best, c.high, c.qualifier) == ("captured", 10, 10, 15, "range")
    c = one(nlp, "Up to 40 people may have died in the collapse.")
    assert (c.what, c.best, c.high, c.qualifier) == ("killed", 40, 40, "up_to")


def test_perpetrators_and_other_numbers_are_not_counted(nlp) -> None:
    # 200 is the attackers, 2015 a year, 24 hours a span, 10 days a duration: only the 5 soldiers count
    found = counts(
        nlp, "In 2015, some 200 rebels killed 5 soldiers in a 24 hour period after 10 days of fighting."
    )
    assert [(c.what, c.who, c.best) for c in found] == [("killed", "combatants", 5)]
    assert counts(nlp, "The convoy of 40 trucks reached the town on April 10.") == []
    assert counts(nlp, "Some 300 fighters joined the offensive.") == []


def test_no_number_counted_twice(nlp) -> None:
    s = "Two soldiers and three militants were killed, and 12 more people were wounded."
    found = counts(nlp, s)
    spans = [(c.start, c.end) for c in found]
    assert [c.best for c in found] == [2, 3, 12]
    assert [c.what for c in found] == ["killed", "killed", "injured"]
    numbers = [s.index("Two"), s.index("three"), s.index("12")]
    for n in numbers:  # every number is inside exactly one count's phrase
        assert sum(1 for a, b in spans if a <= n < b) >= 1
    assert sum(c.best or 0 for c in found if c.what == "killed") == 5


@pytest.mark.parametrize(
    "sentence",
    [
        "The war in Syria, which has so far killed more than 250,000 people, created a refugee crisis.",
        "The conflict has killed 5,000 people since 2011.",
        "More than 400 civilians have been killed since the truce began.",
        "Over 11,000 children have died in the war.",
        "The war's death toll stands at 300,000.",
    ],
)
def test_cumulative_totals(nlp, sentence: str) -> None:
    c = one(nlp, sentence)
    assert c.cumulative, c
    assert c.what == "killed"


def test_event_toll_next_to_a_war_total(nlp) -> None:
    s = (
        "Monitors said 27 fighters from both camps had been killed within a 24 hour period. "
        "The conflict, which has killed more than 180,000 people, continues."
    )
    found = counts(nlp, s)
    assert [(c.best, c.cumulative) for c in found] == [(27, False), (180000, True)]


def test_annotate_offsets_are_absolute_and_captions_skipped(nlp) -> None:
    head = "Strikes kill 9"
    body = "Jets hit a bakery on Sunday, killing at least 9 people, medics said."
    cap = "Rescuers carry one of 4 people injured in a 2015 strike."
    text = f"{head}\n\n{body}\n\n{cap}\n"
    segs = [
        Segment(SegmentKind.HEADLINE, 0, len(head), head),
        Segment(SegmentKind.BODY, len(head) + 2, len(head) + 2 + len(body), body),
    ]
    cstart = text.index(cap)
    segs.append(Segment(SegmentKind.CAPTION, cstart, cstart + len(cap), cap))
    art = Article(id="a", text=text, segments=segs)
    found = casualties.annotate(art, [ParsedSegment(s, nlp(s.text)) for s in segs])
    assert [(c.best, c.qualifier) for c in found] == [(9, "exact"), (9, "at_least")]
    for c in found:
        assert text[c.start : c.end] == c.text


def test_seed_article_counts(seed_article_path, nlp) -> None:
    text = seed_article_path.read_text(encoding="utf-8")
    found = casualties.doc_counts(nlp(text))
    event = [c for c in found if not c.cumulative]
    war = [c for c in found if c.cumulative]
    assert [(c.best, c.who, c.what) for c in event] == [(35, "combatants", "killed")]
    assert [c.best for c in war] == [250000]


@pytest.mark.parametrize(
    ("text", "best", "qualifier"),
    [("several dozen", 24, "vague"), ("tens of thousands", 10000, "vague"), ("two dozen", 24, "exact"),
     ("half a dozen", 6, "exact"), ("a few hundred", 200, "vague")],
)  # fmt: skip
def test_compound_vague_quantities(text: str, best: int, qualifier: str) -> None:
    (q,) = find_quantities(text + " people")
    assert (q.best, q.qualifier) == (best, qualifier)


@pytest.mark.parametrize(
    ("sentence", "what", "who", "best"),
    [
        ("A civilian was killed when the shell landed.", "killed", "civilians", 1),
        ("Rebels shot dead a soldier at the checkpoint.", "killed", "combatants", 1),
        ("A crowd beat a man to death in the market.", "killed", "unknown", 1),
        ("Gunmen kidnapped a journalist on the highway.", "captured", "civilians", 1),
        ("Civilians were killed in the raid.", "killed", "civilians", None),
    ],
)
def test_victims_without_a_number(nlp, sentence: str, what: str, who: str, best: int | None) -> None:
    c = one(nlp, sentence)
    assert (c.what, c.who, c.best) == (what, who, best), c


def test_pronoun_victim_and_numbered_companions(nlp) -> None:
    found = counts(nlp, "A bomb exploded under his car, killing him and two of his bodyguards.")
    assert sorted(c.best for c in found if c.what == "killed") == [1, 2]


def test_partitive_takes_the_verb(nlp) -> None:
    c = one(nlp, "Overnight, several of the wounded died in hospital.")
    assert (c.what, c.best) == ("killed", 3)


def test_number_of_people_killed_rose_to(nlp) -> None:
    c = one(nlp, "The number of people killed in the bombing rose to 23.")
    assert (c.what, c.best) == ("killed", 23)


def test_perpetrator_subject_is_not_a_victim(nlp) -> None:
    found = counts(nlp, "A gunman killed a shopkeeper in the town.")
    assert [(c.who, c.best) for c in found] == [("civilians", 1)]


def test_shot_dead_counts_the_object_not_the_shooters(nlp) -> None:
    found = counts(nlp, "Gunmen shot dead three police officers and wounded two others.")
    assert [(c.what, c.who, c.best) for c in found] == [
        ("killed", "combatants", 3),
        ("injured", "unknown", 2),
    ]
    c = one(nlp, "The driver is dead and nobody else was hurt.")
    assert (c.what, c.best) == ("killed", 1)


@pytest.mark.parametrize(
    ("sentence", "cumulative"),
    [
        ("The siege of the town cost the lives of more than 90 fighters, activists said.", True),
        ("The offensive killed 12 people on Tuesday.", False),  # a day is named: one event's toll
        ("Forty villagers died of hunger during the winter.", True),
        ("Forty villagers died of hunger during the night.", False),
        ("More than 70 soldiers have been killed over the past month.", True),
    ],
)
def test_campaign_and_period_totals(nlp, sentence: str, cumulative: bool) -> None:
    c = one(nlp, sentence)
    assert c.what == "killed" and c.cumulative is cumulative, c


def test_negated_and_zero_counts(nlp) -> None:
    c = one(nlp, "No one was killed in the attack.")
    assert (c.what, c.best) == ("killed", 0)
    c = one(nlp, "No civilians were hurt when the depot burned.")
    assert (c.what, c.best) == ("injured", 0)


def test_appositions_and_partitives_are_not_extra_victims(nlp) -> None:
    found = counts(nlp, "Fifteen people, most of them women and children, died when the building collapsed.")
    assert [(c.what, c.best) for c in found] == [("killed", 15)]
    found = counts(nlp, "Three of the five victims were children.")
    assert [c.best for c in found] == [5]
    found = counts(
        nlp, "A suicide bomber blew himself up at a checkpoint, killing four soldiers and a civilian."
    )
    assert sorted((c.who, c.best) for c in found) == [("civilians", 1), ("combatants", 4)]
    assert all("four" not in c.text for c in found if c.who == "civilians")


def test_lost_men_counts_as_killed(nlp) -> None:
    c = one(nlp, "Government forces lost 30 men in the battle on Sunday.")
    assert (c.what, c.best, c.cumulative) == ("killed", 30, False)


@pytest.mark.parametrize(
    ("sentence", "best", "cumulative", "children"),
    [
        ("The death toll in the war has passed 300,000, the monitor said.", 300000, True, None),
        ("So far in the conflict, more than 12,000 children have been killed.", 12000, True, 12000),
        ("The attack brought the number of deaths to 60.", 60, False, None),
        ("Five members of a local family were killed when the shell hit.", 5, False, None),
    ],
)
def test_toll_phrasings(nlp, sentence: str, best: int, cumulative: bool, children: int | None) -> None:
    c = one(nlp, sentence)
    assert (c.what, c.best, c.cumulative, c.children) == ("killed", best, cumulative, children), c


def test_a_number_of_is_vague(nlp) -> None:
    c = one(nlp, "A number of civilians were wounded in the shelling.")
    assert (c.what, c.who, c.best, c.qualifier) == ("injured", "civilians", None, "vague")


@pytest.mark.parametrize(
    ("sentence", "cumulative"),
    [
        # a headline's simple present reports one day's news, even with a campaign noun as subject
        ("Heavy fighting near the dam kills 23 soldiers", False),
        ("The siege of the port has killed 23 soldiers.", True),
        # a tally over several days or weeks is no single event's toll
        ("Three days of shelling left dozens dead in the eastern suburbs.", True),
        ("Weeks of air raids have killed 60 villagers in the valley.", True),
        ("Two guards were killed in clashes at the gate on Friday.", False),
    ],
)
def test_headline_news_and_multi_day_tallies(nlp, sentence: str, cumulative: bool) -> None:
    c = one(nlp, sentence)
    assert c.what == "killed" and c.cumulative is cumulative, c


def test_killed_injured_missing_captured_in_words_and_digits(nlp) -> None:
    found = counts(
        nlp,
        "Nine policemen were killed, twenty-one people were wounded and 4 soldiers are missing "
        "after the ambush, while tens of fighters were captured.",
    )
    assert [(c.what, c.who, c.best) for c in found] == [
        ("killed", "combatants", 9),
        ("injured", "unknown", 21),
        ("missing", "combatants", 4),
        ("captured", "combatants", 10),
    ]


def test_toll_of_several_days_is_context_next_to_the_days_count(nlp) -> None:
    found = counts(
        nlp, "Shelling killed seven people on Sunday, raising the toll from a month of raids to 95."
    )
    assert [(c.best, c.cumulative) for c in found] == [(7, False), (95, True)]


def test_a_superseded_toll_is_not_counted(nlp) -> None:
    s = "Eight people died in the shelling, medics said, revising their earlier toll of five."
    found = counts(nlp, s)
    assert [(c.what, c.best) for c in found] == [("killed", 8)], found
    kept = counts(nlp, "The toll of five rose to eight on Tuesday.")
    assert 8 in [c.best for c in kept]
