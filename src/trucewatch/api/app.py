"""The FastAPI application: REST endpoints over one store, plus the dashboard's static files."""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import io
import threading
import traceback
from collections import Counter
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Header, HTTPException, Query, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from trucewatch import __version__, export, pipeline
from trucewatch.api.guard import NOT_UTF8, SecurityHeaders, Utf8Body
from trucewatch.api.render import Rendered
from trucewatch.api.schemas import (
    AgreementOut,
    AreaStatus,
    ArticleIn,
    ArticleOut,
    Config,
    DailyCount,
    EventDetail,
    EventOut,
    EventPage,
    EvidenceOut,
    Health,
    IngestResult,
    JudgementOut,
    MentionOut,
    MonitorOut,
    PartyOut,
)
from trucewatch.api.worker import Extractor
from trucewatch.config import Settings, settings
from trucewatch.export import ArticleRefs
from trucewatch.library import event_record
from trucewatch.model import (
    EARLIEST_DATE,
    Agreement,
    Article,
    Event,
    Mention,
    Modality,
    Skip,
    Violation,
    ViolationStatus,
    latest_date,
)
from trucewatch.store import EventFilter, Store, open_store

WEB = Path(__file__).resolve().parent.parent / "web"


_NUM = r"-?\d{1,3}(\.\d{1,12})?"
_BBOX = f"^{_NUM},{_NUM},{_NUM},{_NUM}$"


def _clamp(x: float, limit: float) -> float:
    return max(-limit, min(limit, x))


_ORDER_DOC = "date (oldest first), -date (newest first) or fatalities (most deaths first)."


class Filters:
    """Query parameters shared by the event list and the exports."""

    def __init__(
        self,
        date_from: Annotated[dt.date | None, Query(description="First day (ISO).")] = None,
        date_to: Annotated[dt.date | None, Query(description="Last day (ISO).")] = None,
        country: Annotated[str | None, Query(description="ISO 3166-1 alpha-2.", max_length=2)] = None,
        admin1: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(description="Actor id or part of a name.", max_length=200)] = None,
        event_type: Annotated[str | None, Query(max_length=100)] = None,
        sub_event_type: Annotated[str | None, Query(max_length=100)] = None,
        modality: Modality | None = None,
        agreement: Annotated[str | None, Query(max_length=200)] = None,
        status: ViolationStatus | None = None,
        bbox: Annotated[
            str | None,
            Query(description="west,south,east,north in degrees.", pattern=_BBOX),
        ] = None,
        source: Annotated[str | None, Query(max_length=500)] = None,
        q: Annotated[str | None, Query(description="Text in the trigger or sentence.", max_length=500)] = None,
    ) -> None:
        box: tuple[float, float, float, float] | None = None
        if bbox:
            # Degrees beyond the world's edges are clamped; an empty box (south > north) matches nothing.
            w, s, e, n = (float(x) for x in bbox.split(","))
            box = (_clamp(w, 180), _clamp(s, 90), _clamp(e, 180), _clamp(n, 90))
        self.empty = box is not None and box[1] > box[3]
        self.flt = EventFilter(
            date_from=date_from, date_to=date_to, country=country.upper() if country else None, admin1=admin1,
            actor=actor, event_type=event_type, sub_event_type=sub_event_type,
            modality=modality.value if modality else None, agreement=agreement,
            status=status.value if status else None, bbox=None if self.empty else box, source=source, q=q,
        )


def _event_out(
    ev: Event, judgements: Sequence[Violation] = (), articles: ArticleRefs | None = None
) -> EventOut:
    rec = event_record(ev, articles)
    rec["judgements"] = [
        JudgementOut(agreement_id=j.agreement_id, status=j.status, reason=j.reason, violator=j.violator,
                     against=j.against)
        for j in judgements
    ]
    return EventOut(**rec)


def _agreement_out(a: Agreement, violations: int, status: str | None = None) -> AgreementOut:
    return AgreementOut(
        id=a.id, name=a.name, start=a.start, end=a.end, brokers=list(a.brokers),
        parties=[PartyOut(name=p.name, actors=list(p.actors), sides=list(p.sides)) for p in a.parties],
        excluded=list(a.excluded), countries=list(a.countries), violations=violations, status=status,
    )


@dataclass
class _Served:
    """What the endpoints share: the store, the write token, the settings and the extraction worker.

    Reads run at the same time, each endpoint's reads in one ``st.reading()`` snapshot. Writes (storing an
    article and judging its events) take ``writing``, one at a time; extraction runs before, in ``extractor``
    (a worker process by default), so neither reads nor the server's interpreter wait for it.
    """

    st: Store
    token: str | None
    settings: Settings
    extractor: Extractor
    writing: threading.Lock = field(default_factory=threading.Lock)
    rendered: Rendered = field(default_factory=lambda: Rendered(_event_out))

    def refs(self, evs: list[Event]) -> ArticleRefs:
        """Source and URL of the articles behind ``evs``."""
        return self.st.article_refs(a for ev in evs for a in ev.article_ids)


def create_app(store: str | Path | Store = "trucewatch.duckdb", *, token: str | None = None) -> FastAPI:
    """The API over a store (a DuckDB path, a postgresql:// URL or an open Store).

    Writes (POST /api/articles) need ``Authorization: Bearer <token>``; without a token they are disabled and
    an existing DuckDB file is opened read-only, so the CLI and notebooks can read it while the server runs.
    An empty token is refused (it would let anyone write).
    """
    if token is not None and not token.strip():
        raise ValueError("empty token: writes would need no secret; give a token or none (writes disabled)")
    owned = isinstance(store, (str, Path))
    st = _open_store(store, token) if isinstance(store, (str, Path)) else store
    s = settings()
    served = _Served(st, token, s, Extractor(process=s.api_worker))
    app = FastAPI(
        lifespan=_lifespan(st, owned, served.extractor),
        title="trucewatch",
        version=__version__,
        description="Conflict events with evidence, deduplicated across sources, and ceasefire monitoring.",
        docs_url=None,  # served below from the installed swagger-ui-dist files: works offline
        redoc_url=None,
    )
    app.state.store = st
    app.state.extractor = served.extractor
    _add_middleware(app, served.settings)
    for routes in (_read_routes, _write_routes, _agreement_routes, _export_routes):
        app.include_router(routes(served))
    _add_pages(app)
    return app


def _open_store(store: str | Path, token: str | None) -> Store:
    """Without a token an existing DuckDB file is opened read-only."""
    read_only = token is None and Path(str(store)).expanduser().is_file()
    return open_store(store, read_only=read_only)


def _lifespan(st: Store, owned: bool, extractor: Extractor) -> Any:
    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        extractor.close()
        if owned:
            st.close()

    return lifespan


def _add_middleware(app: FastAPI, s: Settings) -> None:
    app.add_middleware(Utf8Body, max_bytes=s.api_max_body_bytes)
    app.add_middleware(SecurityHeaders, tile_url=s.tile_url or None)


def _writer(token: str | None) -> Any:
    """The dependency of write endpoints: a bearer token equal to ``token``."""

    def writer(authorization: Annotated[str | None, Header()] = None) -> None:
        if token is None:
            raise HTTPException(403, "writes are disabled: start the server with --token-file or TRUCEWATCH_TOKEN")
        scheme, _, given = (authorization or "").strip().partition(" ")
        ok = scheme.lower() == "bearer" and given.strip() != ""
        if not (hmac.compare_digest(given.strip().encode(), token.encode()) and ok):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    return writer


def _read_routes(sv: _Served) -> APIRouter:
    """Health, the dashboard's configuration, events and articles."""
    r = APIRouter()
    st, s = sv.st, sv.settings

    @r.get("/api/health", response_model=Health)
    def health() -> Health:
        return Health(status="ok", version=__version__, events=st.count_events())

    @r.get("/api/config", response_model=Config)
    def config() -> Config:
        return Config(tile_url=s.tile_url or None, tile_attribution=s.tile_attribution or None,
                      writes=sv.token is not None)

    def list_events(
        filters: Annotated[Filters, Depends()],
        limit: int = s.api_page_default,  # annotated below: its bound is a setting
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        order: Annotated[str, Query(pattern="^(date|-date|fatalities)$", description=_ORDER_DOC)] = "-date",
    ) -> Response:
        with st.reading(shared=True):  # the count and the page from one state; events only read here
            total = 0 if filters.empty else st.count_events(filters.flt)
            evs = [] if filters.empty else st.events(filters.flt, limit=limit, offset=offset, order=order)
            judged = st.violations_for_events([ev.id for ev in evs])
            refs = sv.refs(evs)
        items = [sv.rendered.get(ev, judged[ev.id], refs) for ev in evs]
        page = EventPage(total=total, limit=limit, offset=offset, items=items)
        # Built and validated once here; FastAPI would dump and validate the page again for response_model.
        return Response(page.model_dump_json(), media_type="application/json")

    list_events.__annotations__["limit"] = Annotated[int, Query(ge=1, le=s.api_page_max)]
    r.get("/api/events", response_model=EventPage)(list_events)

    @r.get("/api/events/{event_id}", response_model=EventDetail, responses={404: {"description": "No such event"}})
    def get_event(event_id: str) -> EventDetail:
        with st.reading(shared=True):
            ev = st.event(event_id)
            if ev is None:
                raise HTTPException(404, f"no event {event_id!r}")
            mentions = st.mentions(event_id=event_id)
            arts = {m.article_id: st.article(m.article_id) for m in mentions}
            judgements = st.violations_for_event(event_id)
        out = [_mention_out(m, arts.get(m.article_id)) for m in mentions]
        refs = {k: {"source": a.source, "url": a.url} for k, a in arts.items() if a}
        return EventDetail(event=_event_out(ev, judgements, refs), mentions=out, merges=ev.merges,
                           num_sources=ev.num_sources, num_articles=ev.num_articles)

    @r.get("/api/articles/{article_id}", response_model=ArticleOut, responses={404: {"description": "No such article"}})
    def get_article(article_id: str) -> ArticleOut:
        with st.reading():
            a = st.article(article_id)
        if a is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return ArticleOut(id=a.id, title=a.title, source=a.source, url=a.url, published=a.published,
                          language=a.language, text=a.text)

    return r


def _mention_out(m: Mention, a: Article | None) -> MentionOut:
    return MentionOut(
        id=m.id, article_id=m.article_id, source=a.source if a else None, title=a.title if a else None,
        url=a.url if a else None, published=a.published if a else None, sentence=m.sentence,
        sentence_start=m.sentence_start, modality=m.modality,
        evidence=[EvidenceOut(field=e.field, start=e.start, end=e.end, text=e.text,
                              confidence=round(e.confidence, 3), method=e.method) for e in m.evidence],
    )


def _ingested(article_id: str, *, duplicate: bool = False, skipped: str | None = None, new: int = 0,
              merged: int = 0, mentions: int = 0) -> IngestResult:
    return IngestResult(article_id=article_id, duplicate=duplicate, skipped=skipped, events_new=new,
                        events_merged=merged, mentions=mentions)


def _write_routes(sv: _Served) -> APIRouter:
    """POST /api/articles: extract, merge and judge one article (needs the token)."""
    r = APIRouter()
    st = sv.st

    @r.post("/api/articles", response_model=IngestResult, status_code=201,
            dependencies=[Depends(_writer(sv.token))], responses={400: {"description": NOT_UTF8}, 401: {"description": "Bad token"},
                       403: {"description": "Writes disabled"}, 413: {"description": "Body too large"}})
    def post_article(body: ArticleIn) -> IngestResult:
        from trucewatch import ingest

        article = ingest.from_text(body.text, title=body.title, source=body.source, url=body.url,
                                   published=body.published, origin="api")
        if st.has_article(article.hash):
            return _ingested(article.id, duplicate=True)
        out = sv.extractor.extract(article)  # the slow part, in the worker process: reads go on meanwhile
        with sv.writing:
            if isinstance(out, Skip):
                st.add_skip(out)
                return _ingested(article.id, skipped=out.reason)
            if st.has_article(article.hash):  # stored by a request that ran meanwhile
                return _ingested(article.id, duplicate=True)
            article, found, local = out
            try:
                new, merged, ids = pipeline.merge_article(st, article, found, local=local)
            except Exception as exc:  # recorded like a batch's store failure; the server goes on
                st.add_skip(Skip(origin="api", reason=f"{type(exc).__name__}: {exc}", stage="store",
                                 article_id=article.id, detail=traceback.format_exc()))
                return _ingested(article.id, skipped=f"{type(exc).__name__}: {exc}")
            pipeline.judge_events(st, ids)  # only the events this article touched
        return _ingested(article.id, new=new, merged=merged, mentions=len(found))

    return r


def _agreement_routes(sv: _Served) -> APIRouter:
    """Agreements and their monitoring."""
    r = APIRouter()
    st = sv.st

    def agreements() -> dict[str, Agreement]:
        return {a.id: a for a in pipeline.all_agreements(st)}

    @r.get("/api/agreements", response_model=list[AgreementOut])
    def list_agreements() -> list[AgreementOut]:
        with st.reading():
            return [_agreement_out(a, _violations(st.violations(a.id))) for a in agreements().values()]

    @r.get("/api/agreements/{agreement_id}", response_model=MonitorOut,
           responses={404: {"description": "No such agreement"}})
    def get_agreement(
        agreement_id: str,
        as_of: Annotated[dt.date | None, Query(description="A day; clamped to the date window.")] = None,
    ) -> MonitorOut:
        if as_of is not None:  # the trend is computed day by day up to as_of: never past the window
            as_of = min(max(as_of, EARLIEST_DATE), latest_date())
        with st.reading():
            known = agreements()
            if agreement_id not in known:
                raise HTTPException(404, f"no agreement {agreement_id!r}")
            a = known[agreement_id]
            result = pipeline.monitor(st, agreement_id, as_of=as_of)
            vs = st.violations(agreement_id)
        return _monitor_out(a, result, vs)

    return r


def _violations(vs: list[Violation]) -> int:
    return sum(1 for v in vs if v.status == ViolationStatus.VIOLATION)


def _monitor_out(a: Agreement, result: Any, vs: list[Violation]) -> MonitorOut:
    daily: Counter[tuple[dt.date, str]] = Counter()
    dead: Counter[tuple[dt.date, str]] = Counter()
    for v in vs:
        if v.status != ViolationStatus.VIOLATION or v.date is None:
            continue
        key = (v.date, v.violator or "unknown")
        daily[key] += 1
        dead[key] += v.fatalities or 0
    counts = [DailyCount(date=d, party=p, violations=n, fatalities=dead[(d, p)])
              for (d, p), n in sorted(daily.items())]
    status = str(getattr(result, "status", "unknown"))
    areas = [AreaStatus(area=str(k), status=s.status, detail=s.reason) for k, s in result.areas.items()]
    alerts = [str(x) for x in getattr(result, "alerts", []) or []]
    from trucewatch.ceasefire import party_colours

    colours = party_colours(sorted({c.party for c in counts}), a)
    return MonitorOut(agreement=_agreement_out(a, _violations(vs), status), status=status, areas=areas,
                      alerts=alerts, daily=counts, party_colours=colours, text=str(getattr(result, "text", "")))


def _export_routes(sv: _Served) -> APIRouter:
    """The ACLED-style CSV and GeoJSON exports of a filtered event list."""
    r = APIRouter()
    st = sv.st

    @r.get("/api/export/events.csv", response_class=Response,
           responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style CSV"}})
    def export_csv(
        filters: Annotated[Filters, Depends()],
        all_modalities: Annotated[bool, Query(description="Keep events ACLED would not code (announced, ...).")]
        = False,
    ) -> Response:
        buf = io.StringIO()
        with st.reading(shared=True):
            evs = [] if filters.empty else st.events(filters.flt)
            export.write(evs, "acled-csv", buf, all_modalities=all_modalities, articles=sv.refs(evs))
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @r.get("/api/export/events.geojson", response_class=Response,
           responses={200: {"content": {"application/geo+json": {}}, "description": "GeoJSON FeatureCollection"}})
    def export_geojson(filters: Annotated[Filters, Depends()]) -> Response:
        buf = io.StringIO()
        with st.reading(shared=True):
            evs = [] if filters.empty else st.events(filters.flt)
            export.write(evs, "geojson", buf, articles=sv.refs(evs))
        return Response(buf.getvalue(), media_type="application/geo+json")

    return r


def _add_pages(app: FastAPI) -> None:
    """The dashboard's static files, the offline API docs page and the dashboard itself at /."""
    static = WEB / "static"
    if static.is_dir():
        app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> Any:
        from fastapi.openapi.docs import get_swagger_ui_html

        ui = static / "vendor" / "swagger-ui"
        if not (ui / "swagger-ui-bundle.js").is_file():
            return HTMLResponse("<p>The API docs page needs the front-end packages (scripts/web-assets.sh). "
                                'The schema is at <a href="/openapi.json">/openapi.json</a>.</p>', status_code=503)
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title="trucewatch API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
        )

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        page = static / "index.html"
        if not page.exists():
            return RedirectResponse("/docs")
        return FileResponse(page, headers={"Cache-Control": "no-cache"})
