"""Response and request bodies of the REST API (they make the OpenAPI schema complete)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, Field

from trucewatch.model import EARLIEST_DATE, Modality, ViolationStatus, date_window_note, in_date_window

MAX_TEXT = 5_000_000
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(value: Any) -> Any:
    """A day given as text ``YYYY-MM-DD`` inside the date window; numbers (0, 1.5e9) are refused."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        day = value
    elif isinstance(value, str) and _ISO_DAY.fullmatch(value.strip()):
        day = dt.date.fromisoformat(value.strip())  # an impossible day (2016-02-30) raises ValueError
    else:
        raise ValueError("a date must be a string YYYY-MM-DD")
    if not in_date_window(day):
        raise ValueError(f"date {day} is {date_window_note()}")
    return day


#: A day in the date window (``model.in_date_window``), as ``YYYY-MM-DD`` text.
Day = Annotated[dt.date, BeforeValidator(_day)]
DAY_DOC = f"A day YYYY-MM-DD from {EARLIEST_DATE} to a year after today."


class EvidenceOut(BaseModel):
    field: str
    start: int = Field(description="Character offset in the article text (end exclusive).")
    end: int
    text: str
    confidence: float
    method: str = Field("", description='How it was read; for the field "rule", the name of a rule that fired.')


class JudgementOut(BaseModel):
    agreement_id: str
    status: ViolationStatus
    reason: str
    violator: str | None = None
    against: str | None = None


class EventOut(BaseModel):
    event_id: str
    event_date: dt.date | None = None
    date_last: dt.date | None = None
    time_precision: int | None = None
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor1_id: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    actor2_id: str | None = None
    inter2: int | None = None
    iso2: str | None = Field(None, description="ISO 3166-1 alpha-2 (the `country` filter takes it).")
    iso: int | None = Field(None, description="ISO 3166-1 numeric, as ACLED's `iso`.")
    country: str | None = Field(None, description="English country name, as ACLED's `country`.")
    admin1: str | None = None
    location: str | None = None
    geonameid: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injuries: int | None = None
    modality: Modality
    attributed_to: str | None = None
    cameo: str | None = None
    plover: str | None = None
    plover_mode: str | None = None
    weapon: str | None = None
    trigger: str
    confidence: float
    num_mentions: int
    sources: str = Field(description="Outlet names, '; '-separated.")
    article_ids: str = Field("", description="Ids of the articles behind the event, '; '-separated.")
    source_urls: str = Field("", description="URLs of those articles, '; '-separated.")
    evidence: list[EvidenceOut]
    judgements: list[JudgementOut] = []


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class MentionOut(BaseModel):
    id: str
    article_id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    sentence: str
    sentence_start: int = Field(description="Offset of the sentence in the article text.")
    modality: Modality
    evidence: list[EvidenceOut]


class EventDetail(BaseModel):
    event: EventOut
    mentions: list[MentionOut]
    merges: list[dict[str, object]]
    num_sources: int
    num_articles: int


class ArticleIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    title: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500)
    url: str | None = Field(None, max_length=4000)
    published: Day | None = Field(None, description=DAY_DOC)


class IngestResult(BaseModel):
    article_id: str | None
    duplicate: bool
    skipped: str | None = None
    events_new: int
    events_merged: int
    mentions: int


class ArticleOut(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    text: str


class PartyOut(BaseModel):
    name: str
    actors: list[str]
    sides: list[str]


class AgreementOut(BaseModel):
    id: str
    name: str
    start: dt.datetime
    end: dt.datetime | None = None
    brokers: list[str]
    parties: list[PartyOut]
    excluded: list[str]
    countries: list[str]
    violations: int
    status: str | None = None


class DailyCount(BaseModel):
    date: dt.date
    party: str
    violations: int
    fatalities: int


class AreaStatus(BaseModel):
    area: str
    status: str
    detail: str = ""


class MonitorOut(BaseModel):
    agreement: AgreementOut
    status: str
    areas: list[AreaStatus]
    alerts: list[str]
    daily: list[DailyCount]
    party_colours: dict[str, str] = Field(default_factory=dict, description="Party -> colour, as in the report.")
    text: str


class Health(BaseModel):
    status: str
    version: str
    events: int


class Config(BaseModel):
    tile_url: str | None = Field(None, description="Online tile layer; the map is offline when null.")
    tile_attribution: str | None = None
    writes: bool
