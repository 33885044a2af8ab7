"""Find toponym spans in a spaCy Doc: named entities plus capitalised token runs that name a place.

spaCy's small model often tags Arabic place names as PERSON or NORP, so capitalised runs are
looked up in the gazetteer too, with guards against people (titles, "X said", the surnames of
people named in full elsewhere in the text) and common capitalised words (data/places/stoplist.txt).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from importlib import resources
from typing import Any

import numpy as np

from trucewatch.config import settings
from trucewatch.lexicon import lexicon
from trucewatch.nlp.spans import entity_at
from trucewatch.places.abbrev import abbreviation_rows
from trucewatch.places.gazetteer import Gazetteer
from trucewatch.places.normalize import ARTICLES, plain_key

_LEX = lexicon()

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TITLES = _LEX.words("person_titles")
_SPEECH = _LEX.words("place_speech_words")
_LOCATIVE = _LEX.words("locative_words")
#: "of" marks a place only after these: "south of X", "the town of X", "the outskirts of X".
_OF_HEADS = _LEX.words("of_place_heads")


#: "on"/"against" marks a place after these: "dropped barrel bombs on X", "an offensive against X".
_TARGET_HEADS = _LEX.words("target_heads")


#: Words naming a kind of place: "Dasaan village (Qandala, Bari)".
_PLACE_KINDS = _LEX.words("place_kind_words")


def _in_place_parenthesis(doc: Any, i: int) -> bool:
    """Token i opens an item of a parenthesis after a place or place word: "X village (Y, Z)"."""
    prev = doc[i - 1].text
    if prev not in ("(", ","):
        return False
    for k in range(i - 1, max(-1, i - 10), -1):
        t = doc[k].text
        if t == ")":
            return False
        if t == "(":
            if k == 0:
                return False
            before = doc[k - 1]
            return before.lower_ in _PLACE_KINDS or (_is_cap(before) and before.ent_type_ != "PERSON")
        if not (t == "," or _joins(doc[k]) or t == "-"):
            return False
    return False


def division_parentheses(doc: Any, gaz: Gazetteer) -> dict[int, int]:
    """Step "division parenthesis": tokens opening the items of a parenthesis whose last item is a known
    first-level division or country ("... Tooga Balade (Bossaso, Bari)"): its items are places whatever
    stands before the parenthesis (a name spaCy reads as a person, or none). Token -> the division's admin1
    index (-1 for a country)."""
    out: dict[int, int] = {}
    alike = settings().places_alike
    for k, tok in enumerate(doc):
        if tok.text != "(":
            continue
        end = next((m for m in range(k + 1, min(len(doc), k + 14)) if doc[m].text in "()"), None)
        if end is None or doc[end].text != ")":
            continue
        starts = [k + 1] + [m + 1 for m in range(k + 1, end) if doc[m].text == ","]
        if len(starts) < 2 or not all(_is_cap(doc[m]) for m in starts if m < end):
            continue
        last = doc[starts[-1] : end].text
        rows = gaz.lookup_exact(last) or gaz.lookup(last)
        divs = [
            r
            for r in rows
            if gaz.fclass(r) == "A" and SequenceMatcher(None, plain_key(gaz.names[r]), plain_key(last)).ratio() >= alike
        ]
        if divs:
            a1 = {int(gaz.admin1[r]) for r in divs}
            out.update((m, a1.pop() if len(a1) == 1 else -1) for m in starts if m < end)
    return out


def comma_divisions(doc: Any, gaz: Gazetteer) -> dict[int, tuple[int, ...]]:
    """Step "comma division": commas followed by the name of a known first-level or second-level division
    ("... off the coast of Karaburun, Izmir"): comma token -> the division's rows. A name right before such a
    comma that has a reading inside that division is a place, whatever spaCy read it as."""
    out: dict[int, tuple[int, ...]] = {}
    for k, tok in enumerate(doc):
        if tok.text != "," or k == 0 or k + 1 >= len(doc) or not _is_cap(doc[k + 1]):
            continue
        for e in range(min(len(doc), k + 5), k + 1, -1):
            if not _is_cap(doc[e - 1]):
                continue
            name = doc[k + 1 : e].text
            rows = tuple(r for r in gaz.lookup_exact(name) if gaz.fcode(r) in ("ADM1", "ADM2"))
            if rows:
                out[k] = rows
                break
    return out


def _inside_division(gaz: Gazetteer, rows: tuple[int, ...], divisions: tuple[int, ...]) -> bool:
    """Some reading lies inside one of the divisions (same country; same first-level division)."""
    return any(
        gaz.country[r] == gaz.country[d] and 0 <= int(gaz.admin1[r]) == int(gaz.admin1[d]) and r != d
        for r in rows
        for d in divisions
    )


def _alike_in_division(gaz: Gazetteer, text: str, a1: int) -> tuple[int, ...]:
    """Step "division spelling": towns of the written division spelled all but alike ("Saakow" for Saacow)."""
    key = plain_key(text)
    if a1 < 0 or len(key) < 5:
        return ()
    alike = settings().places_alike
    rows = np.flatnonzero(gaz.admin1 == a1)
    return tuple(
        int(r)
        for r in rows
        if gaz.fclass(int(r)) == "P" and SequenceMatcher(None, plain_key(gaz.names[int(r)]), key).ratio() >= alike
    )


def _located(doc: Any, i: int) -> bool:
    """A locative cue right before token i: "in X", "near X", "south of X", "the town of X", "strikes on X",
    or an item of a place's parenthesis ("Dasaan village (Qandala, Bari)")."""
    while i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in ARTICLES:  # "near al-X"
        i -= 2
    if i == 0:
        return False
    prev = doc[i - 1].lower_
    if prev in _LOCATIVE or _in_place_parenthesis(doc, i):
        return True
    if prev in ("on", "against"):  # the word before the preposition, or its head in the parse
        words = {doc[i - 1].head.lemma_.lower(), doc[i - 1].head.head.lemma_.lower()}
        if i >= 2:
            words.add(doc[i - 2].lemma_.lower())
        return bool(words & _TARGET_HEADS)
    return prev == "of" and i >= 2 and doc[i - 2].lower_.replace("-", "") in _OF_HEADS


@functools.cache
def place_verbs() -> frozenset[str]:
    """Lemmas whose direct object is usually a place (data/places/place_verbs.txt)."""
    text = resources.files("trucewatch.data").joinpath("places/place_verbs.txt").read_text(encoding="utf-8")
    return frozenset(w.strip().lower() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _object_of_place_verb(span: Any) -> bool:
    """The span is the direct object of a verb like "entered", "shelled", "captured"."""
    for tok in span:
        head = tok.head
        if tok.dep_ in ("dobj", "obj") and not (span.start <= head.i < span.end):
            return head.pos_ == "VERB" and head.lemma_.lower() in place_verbs()
    return False


#: Tokens that join the words of one place name ("Deir ez-Zor", "Abu Kamal", "Puerto de la Cruz").
_CONNECT = frozenset(ARTICLES | {"-"} | _LEX.words("name_connectors"))
_PARTICLES = _LEX.words("name_connectors") - ARTICLES
MAX_TOKENS = 6
#: words that open a compound place name ("Abu Wahl"): the words after them are not a name on their own
_NAME_OPENERS = _LEX.words("name_openers")
#: What follows the place of a dateline: "BEIRUT (Reuters) -", "DAMASCUS, Syria —", "ALEPPO:".
DATELINE_TAIL = re.compile(r"^\s*(?:,\s*[A-Z][\w .,'-]{1,40}?)?\s*(?:\(|\u2014|\u2013|-\s|:)")


@functools.cache
def stoplist() -> frozenset[str]:
    """Capitalised words never read as toponyms on their own (data/places/stoplist.txt)."""
    text = resources.files("trucewatch.data").joinpath("places/stoplist.txt").read_text(encoding="utf-8")
    return frozenset(plain_key(w) for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass(slots=True)
class Span:
    """A toponym candidate inside one Doc (offsets into the Doc's text)."""

    start: int
    end: int
    text: str
    label: str  # spaCy entity label, "" for a capitalised run, "DEMONYM" for nationality adjectives
    rows: tuple[int, ...]
    exact: bool  # some row has this name up to case/diacritics (else a transliteration match)
    sent_start: int = 0
    person: bool = False  # a nationality word naming a person ("an American"): no vote for its country


def _two_towns(doc: Any, i: int, e: int, gaz: Gazetteer) -> bool:
    """doc[i:e] is two names known on their own joined by a hyphen ("Homs-Hama")."""
    dashes = [k for k in range(i + 1, e - 1) if doc[k].text in ("-", "\u2013")]
    if len(dashes) != 1:
        return False
    parts = [doc[i : dashes[0]].text, doc[dashes[0] + 1 : e].text]
    return all(len(p) >= 3 and p.lower() not in ARTICLES and gaz.lookup_exact(p) for p in parts)


def _is_cap(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(c.isalpha() for c in t)


_APOSTROPHES = "'\u2019\u2018\u02bf\u02be`"


def _glued(tok: Any) -> bool:
    """ "'a" of "Dar'a": an apostrophe-led piece written on to the previous word (not a possessive)."""
    t = tok.text
    return (
        tok.i > 0
        and t[0] in _APOSTROPHES
        and len(t) > 1
        and t[1:].isalpha()
        and t[1:].lower() != "s"
        and tok.doc[tok.i - 1].whitespace_ == ""
    )


def _wordy(tok: Any) -> bool:
    """Letters, possibly with apostrophes inside ("Dar'a", "Ma'arat")."""
    t = tok.text
    return (
        t[:1].isalpha()
        and all(c.isalpha() or c in _APOSTROPHES for c in t)
        and not t.endswith(("'s", "\u2019s"))
    )


def _joins(tok: Any) -> bool:
    return (_is_cap(tok) and _wordy(tok)) or tok.lower_ in _CONNECT or _glued(tok)


def _article_prefix(doc: Any, i: int) -> bool:
    """ "al-" of "al-Dumayr": an article written on to the capitalised name after it."""
    return (
        i + 2 < len(doc)
        and doc[i].lower_ in ARTICLES
        and doc[i].whitespace_ == ""
        and doc[i + 1].text == "-"
        and doc[i + 1].whitespace_ == ""
        and _is_cap(doc[i + 2])
    )


def person_names(doc: Any, gaz: Gazetteer | None = None) -> set[str]:
    """Plain keys of words that name people in this text: parts of full names, titled or speaking names.

    A two-word PERSON entity that is itself a gazetteer name ("Kafr Zita") is not taken as a person.
    """
    names: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2:
            if gaz is not None and (gaz.lookup_exact(ent.text) or gaz.lookup(ent.text)):
                continue
            for tok in ent:
                k = plain_key(tok.text)
                if k and k not in ARTICLES and _is_cap(tok):
                    names.add(k)
    for tok in doc:
        if not _is_cap(tok) or tok.i == 0:
            continue
        prev = doc[tok.i - 1]
        if plain_key(prev.text) in _TITLES and _is_cap(prev):
            names.add(plain_key(tok.text))
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if (
            nxt is not None
            and nxt.lower_ in _SPEECH
            and tok.ent_type_ == "PERSON"
            and not _located(doc, tok.i)
        ):
            names.add(plain_key(tok.text))
    return names


#: Facility words after a name and the word the facility data file uses for them.
_FACILITY_WORDS: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    (tuple(words.split()), kind) for words, kind in _LEX.mapping("facility_words").items()
)


def _facilities(doc: Any, gaz: Gazetteer) -> list[tuple[int, int, tuple[int, ...]]]:
    """(start, end, rows) of air bases and airports of data/places/facilities.csv named in the text:
    the capitalised words before a facility word, looked up with that word ("Kuweires airbase")."""
    out = []
    lowers = [t.lower_ for t in doc]
    f = 0
    while f < len(doc):
        hit = next(
            ((words, kind) for words, kind in _FACILITY_WORDS if tuple(lowers[f : f + len(words)]) == words),
            None,
        )
        if hit is None:
            f += 1
            continue
        words, kind = hit
        j = f
        while j > 0 and f - j < MAX_TOKENS and (_joins(doc[j - 1]) and doc[j - 1].lower_ != "the"):
            j -= 1
        for start in range(j, f):  # longest name first
            if not _is_cap(doc[start]) and not _article_prefix(doc, start):
                continue
            name = f"{doc[start:f].text} {kind}"
            rows = tuple(r for r in gaz.lookup_exact(name) or gaz.lookup(name) if gaz.fclass(r) == "S")
            if rows:
                out.append((start, f + len(words), rows))
                break
        f += len(words)
    return out


def _lookup(gaz: Gazetteer, text: str, after: str = "") -> tuple[tuple[int, ...], bool]:
    """Gazetteer rows for a surface (``after``: the character that follows it) and whether exact."""
    dotted = text if "." in text else text + "." if after == "." else ""
    if dotted:  # "Columbia, Ky.", "Kingston, Ont.": a division written the AP way
        rows = abbreviation_rows(gaz, dotted)
        if rows:
            return rows, True
    rows = gaz.lookup_exact(text)
    if rows:
        return rows, True
    return gaz.lookup(text), False


def _strip_the(doc: Any, start: int, end: int) -> int:
    while start < end and doc[start].lower_ in ("the", "a", "an"):
        start += 1
    return start


def find_spans(doc: Any, gaz: Gazetteer, demonyms: bool = True) -> list[Span]:
    """Toponym candidates in a Doc, longest match first, never overlapping."""
    stop = stoplist()
    people = person_names(doc, gaz)
    steps_off = settings().places_steps_off
    in_division = division_parentheses(doc, gaz) if "division parenthesis" not in steps_off else {}
    commas = comma_divisions(doc, gaz) if "comma division" not in steps_off else {}
    spelling = "division spelling" not in steps_off
    roads = "road between towns" not in steps_off
    taken = [False] * len(doc)
    out: list[Span] = []

    def add(i: int, j: int, label: str, rows: tuple[int, ...], exact: bool) -> None:
        sc = doc[i:j]
        out.append(Span(sc.start_char, sc.end_char, sc.text, label, rows, exact, sc.sent.start_char))
        for k in range(i, j):
            taken[k] = True

    respelled: dict[str, tuple[int, ...]] = {}

    def respell(i: int, e: int, rows: tuple[int, ...], exact: bool) -> tuple[tuple[int, ...], bool]:
        """Step "division spelling": an item of "(X, Division)" none of whose rows lies in that division is a
        town of it spelled otherwise, if one is alike ("(Saakow, Middle Juba)": Saacow, not Shwak, AF)."""
        a1 = in_division.get(i, -1)
        if a1 < 0 or any(int(gaz.admin1[r]) == a1 for r in rows):
            return rows, exact
        alike = _alike_in_division(gaz, doc[i:e].text, a1)
        if not alike:
            return rows, exact
        respelled[plain_key(doc[i:e].text)] = alike
        return alike, False

    def is_person(i: int, j: int) -> bool:
        keys = [plain_key(t.text) for t in doc[i:j] if t.is_alpha]
        keys = [k for k in keys if k not in ARTICLES]
        return bool(keys) and all(k in people for k in keys) and not _located(doc, i)

    # 0. air bases and airports: a name followed by a facility word ("Kuweires air base")
    for i, e, rows in _facilities(doc, gaz):
        if not any(taken[i:e]):
            add(i, e, "FAC", rows, True)

    # 1. place entities
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        i = _strip_the(doc, ent.start, ent.end)
        if i >= ent.end or any(taken[i : ent.end]) or is_person(i, ent.end):
            continue
        j = ent.end  # spaCy often cuts "Deir ez-Zor" after "Deir": try running on
        while j < len(doc) and j - i < MAX_TOKENS and not taken[j] and _joins(doc[j]):
            j += 1
        for e in range(j, ent.end - 1, -1):
            if e > ent.end and not (_is_cap(doc[e - 1]) or _glued(doc[e - 1])):
                continue
            rows, exact = _lookup(gaz, doc[i:e].text)
            if rows and not exact and roads and _two_towns(doc, i, e, gaz):
                continue  # step "road between towns": "the Homs-Hama highway" names two towns, not "Homs - Hama"
            if rows and _long_enough(gaz, doc[i:e].text, rows):
                if e < ent.end and _continues(doc, e, gaz, stop) and not _well_known(gaz, rows, doc[i:e].text):
                    break  # the first word of an entity the gazetteer lacks ("Adan Yabaal")
                if spelling:
                    rows, exact = respell(i, e, rows, exact)
                add(i, e, ent.label_, rows, exact)
                break

    # 2. capitalised runs (any entity label or none), longest gazetteer match first
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if taken[i] or not ((_is_cap(tok) and _wordy(tok)) or _article_prefix(doc, i)):
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_TOKENS and not taken[j] and (j == i or _joins(doc[j])):
            j += 1
        found = piece = False
        for e in range(j, i, -1):
            if not (_is_cap(doc[e - 1]) or _glued(doc[e - 1])):
                continue
            cand = _accept(doc, i, e, gaz, stop, is_person, i in in_division, commas.get(e, ()))
            if cand is not None and not cand[2] and roads and _two_towns(doc, i, e, gaz):
                continue  # step "road between towns"
            if cand is not None and spelling:
                cand = (cand[0], *respell(i, e, cand[1], cand[2]))
            if cand is not None and _continues(doc, e, gaz, stop) and not _well_known(gaz, cand[1], doc[i:e].text):
                piece = True  # the first words of a longer name the gazetteer lacks: not a place of their own
                break
            if cand is not None:
                add(i, e, *cand)
                i = e
                found = True
                break
        if piece:  # skip the unknown name's capitalised words, not a place after a particle ("... du Burkina Faso")
            k = i + 1
            while k < j and not (doc[k].is_lower and doc[k].lower_ in _PARTICLES):
                k += 1
            i = k
        elif not found and spelling and in_division.get(i, -1) >= 0 and doc[j - 1].is_alpha:
            rows = _alike_in_division(gaz, doc[i:j].text, in_division[i])
            if rows:  # an item of "(X, Division)" the gazetteer spells otherwise
                add(i, j, "", rows, False)
                i = j
            else:
                i += 1
        elif not found:
            # "Abu Wahl", "Umm Batna": an unknown name opened by a name-forming word; its last word
            # alone is not the place
            i = j if doc[i].lower_ in _NAME_OPENERS and j - i >= 2 else i + 1

    # 3. nationality adjectives ("Syrian"), used as country context (not a person's: "an American")
    if demonyms:
        persons = "person nationality" not in steps_off
        for tok in doc:
            if not taken[tok.i] and _is_cap(tok) and tok.is_alpha:
                row = gaz.demonym(tok.text)
                if row is not None and plain_key(tok.text) not in stop:
                    add(tok.i, tok.i + 1, "DEMONYM", (row,), True)
                    out[-1].person = persons and _names_a_person(doc, tok.i)
    for sp in out:  # the name's other mentions ("Saakow town (Saakow, Middle Juba)") are that town too
        again = respelled.get(plain_key(sp.text))
        if again is not None and sp.label != "DEMONYM":
            sp.rows, sp.exact = again, False
    out.sort(key=lambda s: s.start)
    return out


_PERSON_NATIONALITY = _LEX.words("person_nationality_nouns")
_COUNTED = _LEX.words("person_count_words")


def _names_a_person(doc: Any, i: int) -> bool:
    """Step "person nationality": the nationality word at token i is a person's ("an American", "two Britons",
    "a South Korean national"): it says who, not where the event was."""
    j = i + 1
    if j < len(doc) and doc[j].lower_ in _PERSON_NATIONALITY:
        return True
    k = i - 1
    while k >= 0 and _is_cap(doc[k]) and doc[k].is_alpha and doc[k].lower_ not in _COUNTED and i - k <= 2:
        k -= 1
    if k < 0 or doc[k].lower_ not in _COUNTED:
        return False
    nxt = doc[j] if j < len(doc) else None
    return nxt is None or not (nxt.is_alpha and nxt.pos_ in ("NOUN", "PROPN"))


#: Words that may follow a place's name inside one entity: "Idlib Province", "Homs countryside".
_GENERIC_TAIL = _LEX.words("generic_place_tails")


def _piece_of_unknown_name(
    doc: Any, i: int, e: int, gaz: Gazetteer, rows: tuple[int, ...], text: str
) -> bool:
    """doc[i:e] is part of a longer place entity whose other words are not generic ("Green" in "Green Zone"),
    and is no well-known place (a country, a division or a city of 100,000) that could stand on its own."""
    ent = entity_at(doc, i)
    if ent is not None and (e > ent.end or ent.label_ not in PLACE_LABELS):
        ent = None
    if ent is None or (ent.start == i and ent.end == e):
        return False
    if any(t.text in "()," for t in doc[ent.start : ent.end]):
        return False  # "Tchaourou (Tchaourou": an entity run across a parenthesis is several names
    rest = [t.lower_ for t in doc[ent.start : ent.end] if not (i <= t.i < e) and t.is_alpha]
    rest = [w for w in rest if w not in ARTICLES and w != "the"]
    if not rest or all(w in _GENERIC_TAIL for w in rest):
        return False
    well_known = any(
        gaz.fclass(r) == "A" or (gaz.is_exact(r, text) and int(gaz.population[r]) >= 100_000) for r in rows
    )
    return not well_known


@functools.cache
def english_words() -> frozenset[str]:
    """Common English nouns, verbs and adjectives (the spaCy lemmatizer's word index); empty without it."""
    try:
        from trucewatch import nlp

        tables = nlp.load().get_pipe("lemmatizer").lookups
        index = tables.get_table("lemma_index")
    except (nlp.ModelMissing, KeyError, ValueError):  # no model or no rule lemmatizer: the guard is off
        return frozenset()
    return frozenset(w for pos in ("noun", "verb", "adj") for w in index.get(pos, ()) if "_" not in w)


def _continues(doc: Any, e: int, gaz: Gazetteer, stop: frozenset[str]) -> bool:
    """The name does not end before token e: "Ceel" of "Ceel Waaq", "Biyo" of "Biyo-cadde", "Bar" of
    "Bar-Sanguun" (a capitalised word of the same run that spaCy does not set apart as another entity, or a
    hyphen glued to both words with no known place after it, as in "Homs-Hama")."""
    if e >= len(doc) or e == 0:
        return False
    tok = doc[e]
    if tok.text == "-" and not doc[e - 1].whitespace_ and not tok.whitespace_ and e + 1 < len(doc):
        nxt = doc[e + 1]
        if not nxt.is_alpha:
            return False
        return not _is_cap(nxt) or not gaz.lookup_exact(nxt.text)
    if _article_prefix(doc, e):  # "Hosh" of "Hosh al-Ashary"
        return True
    if not (_is_cap(tok) and _wordy(tok)) or not doc[e - 1].whitespace_:
        return False
    if plain_key(tok.text) in stop or tok.lower_ in _GENERIC_TAIL or gaz.demonym(tok.text) is not None:
        return False
    if tok.ent_iob_ == "B" or (tok.ent_iob_ == "O" and doc[e - 1].ent_iob_ != "O"):
        return False  # spaCy ends one entity here: "Bulo Burto Al Shabaab"
    return True


def _well_known(gaz: Gazetteer, rows: tuple[int, ...], text: str) -> bool:
    """A country, or a division or town of ``places_well_known_pop`` people, under this very name."""
    pop = settings().places_well_known_pop
    return any(
        gaz.is_exact(r, text) and (gaz.fcode(r).startswith("PCL") or int(gaz.population[r]) >= pop) for r in rows
    )


def _long_enough(gaz: Gazetteer, text: str, rows: tuple[int, ...]) -> bool:
    """Two-letter names ("De", "Un") count only as a country or division spelled that way ("US", "UK")."""
    if sum(c.isalpha() for c in text) >= 3:
        return True
    return any(gaz.fclass(r) == "A" and plain_key(gaz.names[r]) != plain_key(text) for r in rows)


def _accept(
    doc: Any,
    i: int,
    e: int,
    gaz: Gazetteer,
    stop: frozenset[str],
    is_person: Any,
    in_division: bool = False,
    division_after: tuple[int, ...] = (),
) -> tuple[str, tuple[int, ...], bool] | None:
    """Whether doc[i:e] (a capitalised run) is a toponym; returns (label, rows, exact). ``in_division``: the run
    opens an item of a parenthesis ending on a known division ("(Bossaso, Bari)"); ``division_after``: the rows
    of a division written after it ("X, Division")."""
    span = doc[i:e]
    keys = [plain_key(t.text) for t in span if _wordy(t)]
    if not keys or all(k in stop or k in ARTICLES for k in keys) or plain_key(span.text) in stop:
        return None
    if all(k in _PLACE_KINDS for k in keys):
        return None  # "the Village area": a word for a kind of place, not its name
    if keys[0] in stop and not (len(keys) >= 2 and any(gaz.fclass(r) == "A" for r in gaz.lookup_exact(span.text))):
        return None  # "The Syrian ...": the run starts at the next word (but "Middle Juba" is a division's name)
    if is_person(i, e):
        return None
    if e - i == 1 and gaz.demonym(span.text) is not None:  # "Syrian": a nationality, not a village
        return None
    after = doc[e].text[:1] if e < len(doc) and not doc[e - 1].whitespace_ else ""
    rows, exact = _lookup(gaz, span.text, after)
    if not rows or not _long_enough(gaz, span.text, rows):
        return None
    label = span[0].ent_type_
    # (Doc.text joins every token: read the neighbouring tokens instead)
    prev = doc[i - 1] if i > 0 else None
    at_line_start = span.start_char <= 2 or (
        prev is not None and (prev.whitespace_ == "\n" or (prev.is_space and prev.text.endswith("\n")))
    )
    tail = doc[e : e + 12].text if e < len(doc) else ""
    if at_line_start and exact and DATELINE_TAIL.match(tail):
        return (label, rows, exact)  # "AMMAN (Reuters) -": a dateline
    nxt = doc[e] if e < len(doc) else None
    if nxt is not None and _is_cap(nxt) and plain_key(nxt.text) in stop and label not in PLACE_LABELS:
        return None  # "Nusra Front", "Damascus University": the name of an organisation
    # "captured Palmyra": an object of a place verb, unless spaCy reads a person only loosely matched
    # ... or "Batabu town", "Kasra village": a name followed by the kind of place it is
    kind_after = nxt is not None and nxt.lower_ in _PLACE_KINDS and not nxt.is_title
    located = (
        _located(doc, i)
        or kind_after
        or (_object_of_place_verb(span) and (exact or label != "PERSON"))
        or in_division
        or (bool(division_after) and _inside_division(gaz, rows, division_after))
    )
    in_paren = _in_place_parenthesis(doc, i) or in_division
    if located and not exact and label not in PLACE_LABELS and in_paren and (
        nxt is None or nxt.text != ","
    ):
        located = False  # "(Uttara)": a loose match in a parenthesis needs an outer name after it to vouch for it
    if _piece_of_unknown_name(doc, i, e, gaz, rows, span.text):
        return None  # "Green" of "the Green Zone": a word of a longer name the gazetteer does not have
    content = [k for k in keys if k not in ARTICLES]
    if label not in PLACE_LABELS and not exact and not located and len(content) < 2:
        return (
            None  # a one-word transliteration-only match needs a place entity or "in/near/at ..." before it
        )
    if e - i == 1 and span.text.isupper() and len(span.text) <= 5 and label not in PLACE_LABELS:
        return None  # an acronym ("UN", "SOHR") outside place entities names an organisation
    big = max(int(gaz.population[r]) for r in rows)
    # a country or division under one of its names ("Ky.", "Britain")
    is_area = any(gaz.fclass(r) == "A" and (exact or gaz.is_exact(r, span.text)) for r in rows)
    primary = max((int(gaz.population[r]) for r in rows if gaz.is_exact(r, span.text)), default=0)
    if (
        e - i == 1
        and span[0].is_sent_start
        and label not in PLACE_LABELS
        and not (located or is_area or primary >= 100_000)
        and span.text.lower() in english_words()
    ):
        return None  # "Grenade thrown at ...": a common word capitalised by its place, no well-known place's name
    if label in ("ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"):
        # the name of an organisation or a work ("White House", "Xinhua"): only a well-known place
        # under its own name, or a place after a locative preposition
        if not (located or is_area or primary >= 100_000):
            return None
    elif label in ("PERSON", "NORP", "LANGUAGE"):
        # a misread entity (Arabic names are often read as people): accept well-known places,
        # several-word names, or any place after a locative preposition
        if not (located or is_area or (exact and big >= 20_000) or len(content) >= 2):
            return None
    elif label == "":  # spaCy saw no entity: a locative cue or a well-known place under its own name
        if not (located or is_area or primary >= 100_000):
            return None
    elif label not in PLACE_LABELS:  # DATE, CARDINAL, ...
        return None
    return (label, rows, exact)
