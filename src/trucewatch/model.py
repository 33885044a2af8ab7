"""Plain data passed between trucewatch's stages.

Every stage imports its inputs and outputs from here and nothing from its
sibling stages. Offsets (``start``/``end``) are character offsets into
``Article.text`` unless a docstring says otherwise; ``end`` is exclusive.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


# --- vocabularies -----------------------------------------------------------


class SegmentKind(enum.StrEnum):
    """What part of an article a stretch of text is."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    DATELINE = "dateline"
    BODY = "body"
    HEADING = "heading"  # a subheading inside the body
    CAPTION = "caption"  # describes a photograph, often of an older event
    CREDIT = "credit"  # "Photo by: AP"
    SIGNOFF = "signoff"  # "Reuters", "TRTWorld and agencies"
    BOILERPLATE = "boilerplate"  # share buttons, "Read more", copyright
    OVERFLOW = "overflow"  # past the per-article size limit: kept, not read (clean.limits)


#: Segments whose sentences are read as the article's own news.
NEWS_SEGMENTS = frozenset({SegmentKind.HEADLINE, SegmentKind.STANDFIRST, SegmentKind.BODY, SegmentKind.DATELINE})


class Modality(enum.StrEnum):
    """Whether, and on whose word, an event happened."""

    OCCURRED = "occurred"  # asserted by the writer or a reporting source
    ANNOUNCED = "announced"  # announced or planned, not yet carried out
    THREATENED = "threatened"
    CLAIMED = "claimed"  # one side's claim or accusation
    DENIED = "denied"  # the alleged perpetrator denies it
    NEGATED = "negated"  # the text says it did not happen
    HYPOTHETICAL = "hypothetical"  # conditional, question, wish


class ViolationStatus(enum.StrEnum):
    VIOLATION = "violation"
    NOT_VIOLATION = "not_violation"
    ALLEGED = "alleged"
    THREAT = "threat"
    UNATTRIBUTABLE = "unattributable"
    CONTESTED = "contested"


#: ACLED event_type -> sub_event_types (codebook facts).
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

#: sub_event_type -> event_type
ACLED_SUBTYPE_PARENT: dict[str, str] = {sub: top for top, subs in ACLED_TYPES.items() for sub in subs}

#: ACLED event types of political violence (disorder type "Political violence"; riots count only as mob
#: violence): ACLED taxonomy, one definition for events, dedup and the ACLED export.
POLITICAL_VIOLENCE_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})

#: ACLED inter codes.
INTER_CODES: dict[int, str] = {
    0: "No actor",
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/other forces",
}


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED interaction: the two inter codes, lower digit first (10 = sole action)."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


# --- the date window ----------------------------------------------------------

#: Dates trucewatch accepts, for publication and for events: from 1900 to a year after today. Outside it a
#: date is refused with a message (input) or left unresolved (text), so no range of days is unbounded.
EARLIEST_DATE = dt.date(1900, 1, 1)


def latest_date() -> dt.date:
    """The last acceptable date: a year after today."""
    return dt.date.today() + dt.timedelta(days=366)


def in_date_window(day: dt.date) -> bool:
    """``day`` lies between ``EARLIEST_DATE`` and ``latest_date()``."""
    if isinstance(day, dt.datetime):
        day = day.date()
    return EARLIEST_DATE <= day <= latest_date()


def date_window_note() -> str:
    return f"outside {EARLIEST_DATE.isoformat()} .. {latest_date().isoformat()}"


# --- articles ---------------------------------------------------------------


def content_hash(text: str) -> str:
    """Hash of an article's text, insensitive to whitespace differences."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Segment:
    """A typed stretch of an article's text (offsets into ``Article.text``)."""

    kind: SegmentKind
    start: int
    end: int
    text: str
    #: A date the segment states for itself (a caption's "November 21, 2015").
    own_date: dt.date | None = None


@dataclass(slots=True)
class Article:
    """One news report as ingested."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    #: Where it came from (file path, feed URL), for error messages.
    origin: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] = field(default_factory=list)
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)


@dataclass(slots=True)
class ParsedSegment:
    """A segment and its spaCy ``Doc`` (over ``segment.text``).

    Absolute offset of a token: ``segment.start + token.idx``.
    """

    segment: Segment
    doc: Any

    def abs(self, char_offset: int) -> int:
        return self.segment.start + char_offset


@dataclass(slots=True)
class Annotations:
    """What the four resolvers found in one article; offsets are absolute."""

    actors: list[ActorRef] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    dates: list[EventDate] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)


@dataclass(slots=True)
class Skip:
    """An input that could not become an article, and why. Recorded, never raised past the batch."""

    origin: str
    reason: str
    stage: str = "ingest"
    article_id: str | None = None
    #: The full traceback when an exception caused the skip (empty for a plain bad input).
    detail: str = ""


# --- evidence -----------------------------------------------------------------


@dataclass(slots=True)
class Evidence:
    """The text a field's value was read from."""

    field: str  # "trigger", "actor1", "actor2", "location", "date", "fatalities", "modality", ...
    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    confidence: float
    #: Which rule or resolver produced it, for debugging and audits.
    method: str = ""


# --- resolved things ----------------------------------------------------------


@dataclass(slots=True)
class Actor:
    """An entry of the actor dictionary."""

    id: str
    name: str
    inter: int  # ACLED inter code
    country: str | None = None  # ISO 3166-1 alpha-2
    side: str | None = None  # e.g. "government", "opposition", "jihadist", "kurdish", "international"
    parent: str | None = None  # actor id
    kind: str = "group"  # state_forces, rebel, militia, civilians, protesters, rioters, external, ...
    aliases: tuple[str, ...] = ()
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    #: CAMEO actor code when one exists (e.g. "SYRMIL").
    cameo: str | None = None

    def mention(self, text: str, start: int, end: int, confidence: float) -> ActorRef:
        """This actor as found at ``start:end`` of a text."""
        return ActorRef(text=text, start=start, end=end, actor_id=self.id, name=self.name,
                        inter=self.inter or None, side=self.side, country=self.country, kind=self.kind,
                        confidence=confidence)


@dataclass(slots=True)
class ActorRef:
    """An actor as found in a sentence: resolved to the dictionary, or kept as text."""

    text: str
    start: int
    end: int
    actor_id: str | None = None  # None when not in the dictionary
    name: str | None = None  # canonical name, or the text for unknown actors
    inter: int | None = None
    side: str | None = None
    country: str | None = None
    kind: str | None = None  # guessed for unknown actors
    confidence: float = 0.0
    #: "opposition-held areas" says the target is the opposition without naming a group.
    implied: bool = False

    @property
    def unidentified(self) -> bool:
        """ACLED's "Unidentified ..." actors ("Unidentified Armed Group (Kenya)", "Unidentified Military
        Forces"): whoever acted is not known, so the mention agrees with any named actor."""
        return (self.name or "").startswith("Unidentified ")


@dataclass(slots=True)
class Place:
    """A gazetteer entry."""

    geonameid: int
    name: str
    country: str  # ISO 3166-1 alpha-2
    lat: float
    lon: float
    feature_class: str = "P"  # GeoNames: P populated place, A admin division, ...
    feature_code: str = "PPL"
    admin1: str | None = None  # name of the first-level division
    admin1_code: str | None = None  # ISO 3166-2 when known
    admin2: str | None = None
    population: int = 0


@dataclass(slots=True)
class Location:
    """Where an event happened, as read from the text."""

    text: str
    start: int
    end: int
    place: Place | None = None
    #: ACLED geo_precision: 1 the town itself, 2 near a town / part of a region, 3 a region.
    geo_precision: int | None = None
    #: UCDP where_prec, 1..7.
    where_prec: int | None = None
    relation: str | None = None  # "south of", "outside", "near", "countryside of", "province"
    score: float = 0.0
    #: (geonameid, name, country, score) of candidates considered, best first.
    candidates: list[tuple[int, str, str, float]] = field(default_factory=list)
    #: Start of a finer place the text writes inside this one ("X village in Y": Y's points to X).
    inner_start: int | None = None


#: The note that starts a date's ``note`` when the day is the one the news was told ("a rescuer said on
#: Thursday"), not a day stated for the event: a merged event takes a stated day before it.
REPORTING_DAY_NOTE = "reporting day"


@dataclass(slots=True)
class EventDate:
    """A date or date range resolved against the publication date."""

    text: str
    start: int
    end: int
    first: dt.date | None = None
    last: dt.date | None = None  # == first for a single day
    time_precision: int | None = None  # ACLED 1 day, 2 week-ish span, 3 month
    date_prec: int | None = None  # UCDP 1 day .. 5 year
    resolved: bool = False
    #: Why it could not be resolved, or how it was ("weekday before publication").
    note: str = ""


@dataclass(slots=True)
class Count:
    """One casualty phrase: "at least 35 combatants were killed"."""

    what: str  # killed | injured | missing | captured | displaced | other
    who: str  # civilians | combatants | unknown | children | ...
    best: int | None
    low: int | None = None
    high: int | None = None
    qualifier: str = "exact"  # exact, at_least, more_than, up_to, about, range, vague
    children: int | None = None
    cumulative: bool = False  # a war-wide total, context not an event's toll
    text: str = ""
    start: int = 0
    end: int = 0
    #: How the phrase counts towards a toll: stated | subset ("13 children": a part of the whole) |
    #: increment ("another four", "two more") | running ("the toll rose to 41", "a third protester") |
    #: partisan claim (a party's claim of enemies killed: ACLED codes 0) | unknown ("an unknown number") |
    #: killed and wounded ("12 killed and wounded": no number of the dead, ``best`` None, ``high`` the number) |
    #: running total (a running toll beside the deaths the event adds: context, ``cumulative``).
    rule: str = "stated"


#: Count rules that never add to an event's toll.
NOT_TOLL_RULES = frozenset({"partisan claim"})


def toll(counts: list[Count], what: str = "killed") -> int | None:
    """The toll stated by one report's counts: their sum, or the total when it is stated beside its parts
    ("12 killed ... seven in X, three in Y, two in Z" is 12). None when no count gives a number."""
    values = [
        c.best
        for c in counts
        if c.what == what and not c.cumulative and c.best is not None and c.rule not in NOT_TOLL_RULES
    ]
    if not values:
        return None
    total = sum(values)
    return max(values) if len(values) >= 3 and 2 * max(values) == total else total


def toll_rule(counts: list[Count], what: str = "killed") -> str:
    """Which rule gives :func:`toll` its value (shown beside the fatalities)."""
    cs = [c for c in counts if c.what == what and not c.cumulative]
    if not cs:
        return ""
    if all(c.rule in NOT_TOLL_RULES for c in cs):
        return "partisan claim (coded 0)"
    valued = [c for c in cs if c.best is not None and c.rule not in NOT_TOLL_RULES]
    if not valued and any(c.rule == "killed and wounded" for c in cs):
        return "unknown (one number for the killed and wounded)"
    if not valued:
        return "unknown"
    if len(valued) == 1:
        return "running toll" if valued[0].rule == "running" else "stated"
    values = [c.best for c in valued if c.best is not None]
    if len(values) >= 3 and 2 * max(values) == sum(values):
        return "total stated beside its parts"
    return "sum of parts"


# --- events -------------------------------------------------------------------


@dataclass(slots=True)
class EventFields:
    """What an event says; shared by a single mention and a merged event."""

    event_type: str
    sub_event_type: str
    trigger: str = ""
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor1: list[ActorRef] = field(default_factory=list)
    assoc_actor2: list[ActorRef] = field(default_factory=list)
    location: Location | None = None
    date: EventDate | None = None
    counts: list[Count] = field(default_factory=list)
    modality: Modality = Modality.OCCURRED
    #: Who the event's truth rests on: "said X", the reporting source, the claimant, the denier.
    attributed_to: str | None = None
    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    weapon: str | None = None
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    #: How the fatalities were chosen among several reports ("most conservative of 3 estimates"); empty
    #: when one report gives them (then ``fatality_rule`` reads the rule off the counts).
    toll_rule: str = ""

    @property
    def fatalities(self) -> int | None:
        """Best estimate of deaths in this event (war-wide totals and partisan claims excluded)."""
        return toll(self.counts, "killed")

    @property
    def injuries(self) -> int | None:
        return toll(self.counts, "injured")

    @property
    def fatality_rule(self) -> str:
        """The rule that produced ``fatalities``: stated, sum of parts, most conservative of N estimates, ..."""
        return self.toll_rule or toll_rule(self.counts, "killed")

    def evidence_for(self, name: str) -> list[Evidence]:
        return [e for e in self.evidence if e.field == name]


@dataclass(slots=True)
class Mention(EventFields):
    """One event as stated in one sentence of one article."""

    id: str = ""
    article_id: str = ""
    segment: SegmentKind = SegmentKind.BODY
    sentence: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    trigger_start: int = 0
    trigger_end: int = 0

    @staticmethod
    def make_id(article_id: str, trigger_start: int, trigger_end: int) -> str:
        return f"{article_id}:{trigger_start}-{trigger_end}"


@dataclass(slots=True)
class Event(EventFields):
    """A real-world event: one or more mentions merged across sentences, articles and outlets."""

    id: str = ""
    mention_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    #: Why mentions were merged: one dict of criterion -> score per merge.
    merges: list[dict[str, Any]] = field(default_factory=list)

    @property
    def num_mentions(self) -> int:
        return len(self.mention_ids)

    @property
    def num_articles(self) -> int:
        return len(set(self.article_ids))

    @property
    def num_sources(self) -> int:
        return len(set(self.sources))


# --- ceasefires ---------------------------------------------------------------


@dataclass(slots=True)
class Party:
    """A party to an agreement: named actors and/or a whole side."""

    name: str
    actors: tuple[str, ...] = ()  # actor ids
    sides: tuple[str, ...] = ()  # actor sides ("government", "opposition")


@dataclass(slots=True)
class ContestedArea:
    """A province where groups excluded from an agreement fight side by side with covered ones."""

    admin1: str  # ISO 3166-2
    excluded_present: tuple[str, ...] = ()
    first: dt.date | None = None
    last: dt.date | None = None
    note: str = ""

    def active(self, day: dt.date | None) -> bool:
        if day is None:
            return True
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)


@dataclass(slots=True)
class Agreement:
    """A ceasefire or truce, as data."""

    id: str
    name: str
    start: dt.datetime  # timezone-aware
    end: dt.datetime | None = None
    brokers: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    excluded: tuple[str, ...] = ()  # actor ids of groups outside the agreement
    countries: tuple[str, ...] = ()  # ISO alpha-2
    admin1: tuple[str, ...] = ()  # ISO 3166-2 codes; empty = the whole of each country
    polygon: dict[str, Any] | None = None  # GeoJSON geometry
    #: ACLED event types and sub-types whose occurrence by a party violates the terms.
    violating_types: tuple[str, ...] = ()
    notes: str = ""
    excluded_sides: tuple[str, ...] = ()  # sides (e.g. "jihadist") outside the agreement
    generic_actors: tuple[str, ...] = ()  # actor ids too vague to attribute ("rebels")
    #: ISO 3166-2 code -> extra spellings of the province used in news.
    admin1_names: dict[str, tuple[str, ...]] = field(default_factory=dict)
    contested: tuple[ContestedArea, ...] = ()
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    #: settings of the truce-status rule (ceasefire.trend.TrendParams) that differ from the defaults
    status_rule: dict[str, float] = field(default_factory=dict)


@dataclass(slots=True)
class Violation:
    """An event judged against an agreement's terms."""

    event_id: str
    agreement_id: str
    status: ViolationStatus
    reason: str
    violator: str | None = None  # party name or actor id
    against: str | None = None
    date: dt.date | None = None
    country: str | None = None
    admin1: str | None = None
    fatalities: int = 0


# --- helpers --------------------------------------------------------------------


def hash_text(text: str) -> int:
    """A stable (process-independent) integer hash of a string."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


_PLAIN = frozenset({str, int, float, bool, type(None)})


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def to_record(obj: Any) -> Any:
    """Dataclasses, enums and dates to JSON-ready dicts, lists and strings."""
    cls = type(obj)
    if cls in _PLAIN:  # exact types: a str-valued enum is not plain
        return obj
    if hasattr(cls, "__dataclass_fields__"):
        out = {}
        for name in _field_names(cls):
            value = getattr(obj, name)
            out[name] = value if type(value) in _PLAIN else to_record(value)
        if isinstance(obj, EventFields):
            out["fatalities"] = obj.fatalities
            out["fatality_rule"] = obj.fatality_rule
            out["injuries"] = obj.injuries
        return out
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: to_record(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_record(v) for v in obj]
    return obj


Converter = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def _nullable(conv: Converter) -> Converter:
    return lambda v: None if v is None else conv(v)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def _as_datetime(value: Any) -> dt.datetime:
    return value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)


@functools.cache
def _converter(tp: Any) -> Converter:
    """A function turning the JSON form of type ``tp`` back into it; built once per type."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _nullable(_converter(args[0])) if len(args) == 1 else _identity
    if origin is list:
        inner = _converter(typing.get_args(tp)[0])
        return _nullable(lambda v: [inner(x) for x in v])
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            one = _converter(args[0])
            return _nullable(lambda v: tuple(one(x) for x in v))
        convs = [_converter(a) for a in args]
        return _nullable(lambda v: tuple(c(x) for c, x in zip(convs, v, strict=False)))
    if origin is dict:
        return _nullable(dict)
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            return _nullable(lambda v: from_record(tp, v))
        if issubclass(tp, enum.Enum):
            return _nullable(tp)
        if tp is dt.datetime:
            return _nullable(_as_datetime)
        if tp is dt.date:
            return _nullable(_as_date)
        if tp in (int, float, str, bool):
            return _nullable(tp)
    return _identity


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Converter], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def from_record(cls: type[T], record: dict[str, Any]) -> T:
    """Inverse of :func:`to_record`: rebuild a data class from a JSON-ready dict.

    Keys that are not fields (such as the derived ``fatalities``) are ignored.
    """
    return cls(**{name: conv(record[name]) for name, conv in _fields(cls) if name in record})
