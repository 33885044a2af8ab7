"""The FastAPI application: REST endpoints over one store, plus the dashboard's static files."""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import io
import os
import threading
import traceback
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Response
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles

from trucewatch import __version__, export, pipeline
from trucewatch.api.guard import NOT_UTF8, SecurityHeaders, Utf8Body
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
from trucewatch.library import event_record
from trucewatch.model import EARLIEST_DATE, Agreement, Event, Modality, ViolationStatus, latest_date
from trucewatch.store import EventFilter, open_store

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


def _event_out(ev: Event, judgements: list[Any] = (), articles: Any = None) -> EventOut:
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


def create_app(store: str | Any = "trucewatch.duckdb", *, token: str | None = None) -> FastAPI:
    """The API over a store (a DuckDB path, a postgresql:// URL or an open Store).

    Writes (POST /api/articles) need ``Authorization: Bearer <token>``; without a token they are disabled and
    an existing DuckDB file is opened read-only, so the CLI and notebooks can read it while the server runs.
    An empty token is refused (it would let anyone write).
    """
    if token is not None and not token.strip():
        raise ValueError("empty token: writes would need no secret; give a token or none (writes disabled)")
    read_only = token is None and isinstance(store, (str, Path)) and Path(str(store)).expanduser().is_file()
    st = open_store(store, read_only=read_only) if isinstance(store, (str, Path)) else store
    lock = threading.RLock()  # one connection; DuckDB connections are not shared across threads
    # Extraction runs outside ``lock`` (reads go on meanwhile), one article at a time.
    extracting = threading.Lock()
    owned = isinstance(store, (str, Path))

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            st.close()

    app = FastAPI(
        lifespan=lifespan,
        title="trucewatch",
        version=__version__,
        description="Conflict events with evidence, deduplicated across sources, and ceasefire monitoring.",
        docs_url=None,  # served below from the installed swagger-ui-dist files: works offline
        redoc_url=None,
    )
    app.state.store = st
    app.add_middleware(Utf8Body)
    app.add_middleware(SecurityHeaders, tile_url=os.environ.get("TRUCEWATCH_TILE_URL") or None)

    def _refs(evs: list[Event]) -> dict[str, Any]:
        """Source and URL of the articles behind ``evs`` (call with ``lock`` held)."""
        return st.article_refs(a for ev in evs for a in ev.article_ids) if hasattr(st, "article_refs") else {}

    def writer(authorization: Annotated[str | None, Header()] = None) -> None:
        if token is None:
            raise HTTPException(403, "writes are disabled: start the server with --token-file or TRUCEWATCH_TOKEN")
        scheme, _, given = (authorization or "").strip().partition(" ")
        ok = scheme.lower() == "bearer" and given.strip() != ""
        if not (hmac.compare_digest(given.strip().encode(), token.encode()) and ok):
            raise HTTPException(401, "a valid bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    @app.get("/api/health", response_model=Health)
    def health() -> Health:
        with lock:
            return Health(status="ok", version=__version__, events=st.count_events())

    @app.get("/api/config", response_model=Config)
    def config() -> Config:
        return Config(
            tile_url=os.environ.get("TRUCEWATCH_TILE_URL") or None,
            tile_attribution=os.environ.get("TRUCEWATCH_TILE_ATTRIBUTION") or None,
            writes=token is not None,
        )

    @app.get("/api/events", response_model=EventPage)
    def list_events(
        filters: Annotated[Filters, Depends()],
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        order: Annotated[str, Query(pattern="^(date|-date|fatalities)$", description=_ORDER_DOC)] = "-date",
    ) -> EventPage:
        with lock:
            total = 0 if filters.empty else st.count_events(filters.flt)
            evs = [] if filters.empty else st.events(filters.flt, limit=limit, offset=offset, order=order)
            judged = st.violations_for_events([ev.id for ev in evs])
            refs = _refs(evs)
        items = [_event_out(ev, judged[ev.id], refs) for ev in evs]
        return EventPage(total=total, limit=limit, offset=offset, items=items)

    @app.get("/api/events/{event_id}", response_model=EventDetail, responses={404: {"description": "No such event"}})
    def get_event(event_id: str) -> EventDetail:
        with lock:
            ev = st.event(event_id)
            if ev is None:
                raise HTTPException(404, f"no event {event_id!r}")
            mentions = st.mentions(event_id=event_id)
            arts = {m.article_id: st.article(m.article_id) for m in mentions}
            judgements = st.violations_for_event(event_id)
        out = []
        for m in mentions:
            a = arts.get(m.article_id)
            out.append(MentionOut(
                id=m.id, article_id=m.article_id, source=a.source if a else None, title=a.title if a else None,
                url=a.url if a else None, published=a.published if a else None, sentence=m.sentence,
                sentence_start=m.sentence_start, modality=m.modality,
                evidence=[EvidenceOut(field=e.field, start=e.start, end=e.end, text=e.text,
                                      confidence=round(e.confidence, 3), method=e.method) for e in m.evidence],
            ))
        return EventDetail(
            event=_event_out(ev, judgements, {k: {"source": a.source, "url": a.url} for k, a in arts.items() if a}), mentions=out, merges=ev.merges,
            num_sources=ev.num_sources, num_articles=ev.num_articles,
        )

    @app.get("/api/articles/{article_id}", response_model=ArticleOut, responses={404: {"description": "No such article"}})
    def get_article(article_id: str) -> ArticleOut:
        with lock:
            a = st.article(article_id)
        if a is None:
            raise HTTPException(404, f"no article {article_id!r}")
        return ArticleOut(id=a.id, title=a.title, source=a.source, url=a.url, published=a.published,
                          language=a.language, text=a.text)

    @app.post("/api/articles", response_model=IngestResult, status_code=201, dependencies=[Depends(writer)],
              responses={400: {"description": NOT_UTF8}, 401: {"description": "Bad token"},
                         403: {"description": "Writes disabled"}, 413: {"description": "Body too large"}})
    def post_article(body: ArticleIn) -> IngestResult:
        from trucewatch import ingest
        from trucewatch.model import Skip

        article = ingest.from_text(body.text, title=body.title, source=body.source, url=body.url,
                                   published=body.published, origin="api")
        with lock:
            if st.has_article(article.hash):
                return IngestResult(article_id=article.id, duplicate=True, events_new=0, events_merged=0,
                                    mentions=0)
        with extracting:  # the slow part, off the store's lock: reads are answered meanwhile
            (out,) = pipeline.extract([article])
        new = merged = mentions = 0
        with lock:
            if isinstance(out, Skip):
                st.add_skip(out)
                return IngestResult(article_id=article.id, duplicate=False, skipped=out.reason, events_new=0,
                                    events_merged=0, mentions=0)
            if st.has_article(article.hash):  # stored by a request that ran meanwhile
                return IngestResult(article_id=article.id, duplicate=True, events_new=0, events_merged=0,
                                    mentions=0)
            _, found = out
            try:
                new, merged, ids = pipeline.merge_article(st, article, found)
            except Exception as exc:  # recorded like a batch's store failure; the server goes on
                st.add_skip(Skip(origin="api", reason=f"{type(exc).__name__}: {exc}", stage="store",
                                 article_id=article.id, detail=traceback.format_exc()))
                return IngestResult(article_id=article.id, duplicate=False, skipped=f"{type(exc).__name__}: {exc}",
                                    events_new=0, events_merged=0, mentions=0)
            mentions = len(found)
            pipeline.judge_events(st, ids)  # only the events this article touched
        return IngestResult(article_id=article.id, duplicate=False, skipped=None, events_new=new,
                            events_merged=merged, mentions=mentions)

    def _agreements() -> dict[str, Agreement]:
        return {a.id: a for a in pipeline.all_agreements(st)}

    @app.get("/api/agreements", response_model=list[AgreementOut])
    def list_agreements() -> list[AgreementOut]:
        with lock:
            out = []
            for a in _agreements().values():
                vs = st.violations(a.id)
                n = sum(1 for v in vs if v.status == ViolationStatus.VIOLATION)
                out.append(_agreement_out(a, n))
        return out

    @app.get("/api/agreements/{agreement_id}", response_model=MonitorOut,
             responses={404: {"description": "No such agreement"}})
    def get_agreement(
        agreement_id: str,
        as_of: Annotated[dt.date | None, Query(description="A day; clamped to the date window.")] = None,
    ) -> MonitorOut:
        if as_of is not None:  # the trend is computed day by day up to as_of: never past the window
            as_of = min(max(as_of, EARLIEST_DATE), latest_date())
        with lock:
            known = _agreements()
            if agreement_id not in known:
                raise HTTPException(404, f"no agreement {agreement_id!r}")
            a = known[agreement_id]
            result = pipeline.monitor(st, agreement_id, as_of=as_of)
            vs = st.violations(agreement_id)
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
        n = sum(1 for v in vs if v.status == ViolationStatus.VIOLATION)
        from trucewatch.ceasefire import party_colours

        return MonitorOut(agreement=_agreement_out(a, n, status), status=status, areas=areas, alerts=alerts,
                          daily=counts, party_colours=party_colours(sorted({c.party for c in counts}), a),
                          text=str(getattr(result, "text", "")))

    @app.get("/api/export/events.csv", response_class=Response,
             responses={200: {"content": {"text/csv": {}}, "description": "ACLED-style CSV"}})
    def export_csv(
        filters: Annotated[Filters, Depends()],
        all_modalities: Annotated[bool, Query(description="Keep events ACLED would not code (announced, ...).")]
        = False,
    ) -> Response:
        buf = io.StringIO()
        with lock:
            evs = [] if filters.empty else st.events(filters.flt)
            export.write(evs, "acled-csv", buf, all_modalities=all_modalities, articles=_refs(evs))
        return Response(buf.getvalue(), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="events.csv"'})

    @app.get("/api/export/events.geojson", response_class=Response,
             responses={200: {"content": {"application/geo+json": {}}, "description": "GeoJSON FeatureCollection"}})
    def export_geojson(filters: Annotated[Filters, Depends()]) -> Response:
        buf = io.StringIO()
        with lock:
            evs = [] if filters.empty else st.events(filters.flt)
            export.write(evs, "geojson", buf, articles=_refs(evs))
        return Response(buf.getvalue(), media_type="application/geo+json")

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

    return app
