"""The FastAPI application: HTML pages for people, /api/v1 for programs, one error policy for both."""

from __future__ import annotations

import contextlib
import functools
import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException

from openarchief.search import EngineUnavailable, Index, Settings
from openarchief.search.blobs import open_blob_store
from openarchief.search.budget import time_budget
from openarchief.search.errors import BlobsUnavailable
from openarchief.search.page_images import PageImageCache
from openarchief.search.reports import STATUSES
from openarchief.search.status import ArchiveStatus
from openarchief.search.vocabularies import organisations

from . import presenters
from .messages import dutch
from .metrics import Metrics, RequestMetrics
from .page_images import PageRenderer
from .posts import PostLimits, RateLimit
from .withdrawn import DocumentWithdrawn

HERE = Path(__file__).parent
log = logging.getLogger("openarchief.web")

ERROR_TITLES = {
    404: "Niet gevonden",
    422: "Ongeldige zoekopdracht",
    429: "Even geduld",
    503: "Zoeken is tijdelijk niet beschikbaar",
    500: "Er ging iets mis",
}
ERROR_TEXTS = {
    404: "Deze pagina of dit document bestaat niet (meer) in het archief.",
    422: "Een of meer onderdelen van de zoekopdracht kloppen niet.",
    429: "U heeft in korte tijd veel meldingen verstuurd. Probeer het over een uur opnieuw.",
    503: "De zoekmachine is op dit moment niet bereikbaar. Probeer het over enkele minuten opnieuw.",
    500: "Er ging iets mis aan onze kant. Probeer het later opnieuw.",
}


# No inline scripts, nothing from other origins, not framed by other sites; no cookies are ever set.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "interest-cohort=()",
}


class SecurityHeaders:
    """Adds SECURITY_HEADERS to every response: plain ASGI, cheaper than a `@app.middleware("http")` hook."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TimeBudget:
    """Gives every request `search_timeout` seconds for its engine calls (search.budget): a frozen or silent
    engine costs a visitor that long, then the 503 page, and a worker thread is free again."""

    def __init__(self, app, seconds: float):
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        with time_budget(self.seconds):
            await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD on every GET route: answered as the GET would be, headers only (link checkers and crawlers ask it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                if not message.get("more_body"):
                    await send({"type": "http.response.body", "body": b""})
                return
            await send(message)

        await self.app(dict(scope, method="GET"), receive, headers_only)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


class RoutePaths:
    """The paths of an app's routes by name and parameters, each looked up once: a lookup walks every route, and
    a result page makes about twenty (the layout's links and each hit's)."""

    def __init__(self, app: FastAPI):
        self.app = app
        self.path = functools.lru_cache(maxsize=4096)(self._lookup)

    def _lookup(self, name: str, params: tuple[tuple[str, object], ...]) -> str:
        return str(self.app.url_path_for(name, **dict(params)))


@pass_context
def url_for(context, name: str, /, **params) -> str:
    """Starlette's `url_for` for the templates (the same absolute address), with the path from RoutePaths."""
    request: Request = context["request"]
    path = request.app.state.route_paths.path(name, tuple(params.items()))
    return str(request.base_url).rstrip("/") + path  # as URLPath.make_absolute_url joins them


class State:
    """What the routes share: settings, the index (opened on first use), the blob store, the templates."""

    def __init__(self, settings: Settings, index: Index | None):
        self.settings = settings
        self._index = index
        self.blobs = open_blob_store(settings)
        self.page_images = PageImageCache(settings.data_dir / "page-images", settings.page_image_cache_mb << 20)
        self.renderer = PageRenderer()
        self._swept: ArchiveStatus | None = None  # the status whose withdrawals were purged from page_images
        self.report_limit = RateLimit(settings.reports_per_hour)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        env = self.templates.env
        env.auto_reload = False  # templates change with a release, not while serving: no stat() per render
        env.globals.update(
            url_for=url_for,
            label=presenters.label,
            facet_titles=presenters.FACET_TITLES,
            sort_labels=presenters.SORT_LABELS,
            search_url=presenters.search_url,
            toggle=presenters.toggle,
            organisation_kind=lambda code: organisations().kind(code),
            organisation_successors=lambda code: organisations().lineage(code)[1:],
            plural=presenters.plural,
            lang_attr=presenters.lang_attr,
            report_statuses=STATUSES,
            provenance=presenters.provenance,
            history_value=presenters.history_value,
            field_names=presenters.FIELD_NAMES,
        )
        env.filters["dutch_date"] = presenters.dutch_date
        env.filters["xml"] = presenters.xml_text

    def forget_withdrawn(self, archive: ArchiveStatus) -> None:
        """A withdrawal may be made on another machine, which cannot reach this node's disk: the page images of
        withdrawn documents go as soon as this node reads a status that lists them (a new status is a new object:
        the check per request is one comparison)."""
        if archive is self._swept:
            return
        known = self._swept.removals if self._swept else {}
        for removal in archive.withdrawn:
            if removal.id not in known:
                self.page_images.purge(removal.id)
        self._swept = archive

    def search_cache_stats(self) -> dict | None:
        """The search cache's figures (search/_cache.py), or None before the index is opened (a scrape of
        /metrics does not open it)."""
        return self._index.search_cache.stats() if self._index is not None else None

    @property
    def index(self) -> Index:
        if self._index is None:
            self._index = Index(self.settings)
        return self._index


def create_app(settings: Settings | None = None, index: Index | None = None) -> FastAPI:
    settings = settings or Settings()

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        app.state.oa.renderer.close()  # the page-image processes end with the server

    app = FastAPI(
        lifespan=lifespan,
        title="openarchief API",
        description="Doorzoekbaar archief van gepubliceerde overheidsdocumenten. Alle teksten komen uit de "
        "gepubliceerde PDF's; `snippet` is HTML (tekst ge-escaped, treffers in `<mark>`).",
        version="1",
        docs_url=None,  # served by api_docs, from the app's own files
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.oa = State(settings, index)
    app.state.route_paths = RoutePaths(app)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    app.state.metrics = Metrics(settings, app.state.oa.search_cache_stats)
    app.add_middleware(HeadAsGet)
    app.add_middleware(PostLimits)
    app.add_middleware(TimeBudget, seconds=settings.search_timeout)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(RequestMetrics, metrics=app.state.metrics)

    def error_page(request: Request, status: int, detail=None):
        if _is_api(request):
            text = detail["text"] if isinstance(detail, dict) else detail
            return JSONResponse({"detail": text or ERROR_TEXTS.get(status, "")}, status_code=status)
        return app.state.oa.templates.TemplateResponse(
            request,
            "error.html",
            {
                "status": status,
                "title": detail["title"] if isinstance(detail, dict) else ERROR_TITLES.get(status, "Fout"),
                "text": detail["text"] if isinstance(detail, dict) else ERROR_TEXTS.get(status, ""),
                "problems": detail if isinstance(detail, list) else [],
            },
            status_code=status,
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = [
            {"parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or "query", "message": dutch(e)}
            for e in exc.errors()
        ]
        return error_page(request, 422, problems)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        response = error_page(request, exc.status_code, exc.detail if exc.status_code != 404 else None)
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(DocumentWithdrawn)
    async def withdrawn(request: Request, exc: DocumentWithdrawn):
        removal = exc.removal
        if _is_api(request):
            return JSONResponse(
                {
                    "detail": "Dit document is verwijderd uit het archief.",
                    "id": removal.id,
                    "withdrawn_at": removal.withdrawn_at.isoformat(),
                    "reason": removal.reason,
                },
                status_code=410,
            )
        return app.state.oa.templates.TemplateResponse(request, "withdrawn.html", {"removal": removal}, status_code=410)

    @app.exception_handler(EngineUnavailable)
    async def unavailable(request: Request, exc: EngineUnavailable):
        log.error("search engine unavailable: %s", exc)
        app.state.metrics.engine_failed(str(exc))
        response = error_page(request, 503)
        response.headers["Retry-After"] = "60"
        return response

    @app.exception_handler(BlobsUnavailable)
    async def blobs_unavailable(request: Request, exc: BlobsUnavailable):
        log.error("blob store unavailable: %s", exc)
        response = error_page(request, 503)
        response.headers["Retry-After"] = "60"
        return response

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return error_page(request, 500)

    from . import api, api_docs, dossiers, exports, health, pages, schemas

    app.include_router(health.router)
    app.include_router(pages.router)
    app.include_router(exports.router)
    app.include_router(api.router)
    app.include_router(dossiers.pages)
    app.include_router(dossiers.api)
    api_docs.mount(app)
    generate = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            app.openapi_schema = schemas.add_extra_schemas(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
