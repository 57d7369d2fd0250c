"""The HTML pages for people, in Dutch."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, StreamingResponse

from openarchief.search import FACETS, EngineUnavailable, SearchRequest, status
from openarchief.search.blobs import BadRange, BlobStore, is_sha256
from openarchief.search.errors import BlobsUnavailable
from openarchief.search.failures import Reason
from openarchief.search.highlight import Matcher, mark_all
from openarchief.search.page_images import WIDTHS
from openarchief.search.parser import parse
from openarchief.search.reports import MAX_CONTACT, MAX_MESSAGE, Reports
from openarchief.search.request import MAX_QUERY, MAX_WINDOW, SearchResult
from openarchief.search.vocabularies import MINISTRY_PREFIX, organisations

from . import charts, presenters
from .page_images import RenderFailed
from .params import cache_header, expansion, search_params
from .records import public_reports
from .withdrawn import live_document, refuse_if_withdrawn

router = APIRouter(include_in_schema=False)

PAGES_PER_VIEW = 20  # pages of text on one document page
FOUND_LISTED = 100  # "gevonden op pagina's" links on a document page; more are counted

REPORTS_FULL = (
    "Er liggen op dit moment zoveel meldingen dat we er geen nieuwe bij kunnen nemen. Probeer het over een paar "
    "dagen opnieuw."
)

# The ledger's reason codes, as a visitor reads them on /over.
FAILURE_REASONS: dict[Reason, str] = {
    Reason.not_pdf: "geen PDF-bestand",
    Reason.empty: "leeg bestand",
    Reason.too_large: "te groot",
    Reason.encrypted: "beveiligd met een wachtwoord",
    Reason.damaged: "beschadigd of onleesbaar",
    Reason.bad_metadata: "onleesbare metadata",
    Reason.timeout: "verwerking duurde te lang",
    Reason.memory_limit: "te veel geheugen nodig",
    Reason.crashed: "verwerking afgebroken",
    Reason.error: "onverwachte fout bij verwerking",
    Reason.index_rejected: "geweigerd door de zoekmachine",
    Reason.interrupted: "verwerking onderbroken",
    Reason.unreadable: "bestand niet leesbaar",
}


def render(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.oa.templates.TemplateResponse(request, template, context)


# What the home page offers to browse by, and how many values of each it lists (most documents first); the years
# are a chart.
WAYS_IN = {"organisation_kind": 8, "organisation": 12, "theme": 12, "type": 12}
PAGE_FACETS = [f for f in FACETS if f != "ministry"]  # `organisation` shows the ministries (the API keeps both)


def _years(values) -> dict[int, int]:
    return {int(float(v.value)): v.count for v in values}


def _also_searched(params: SearchRequest, result: SearchResult) -> dict:
    """What the search also looked for (abbreviations and full names, search/synonyms.py), the organisations
    they name as filters to add (label, link), and whether a search without expansion would have expanded."""
    also = list(dict.fromkeys(name for e in result.expanded for name in e.also))
    codes = dict.fromkeys(e.organisation for e in result.expanded if e.organisation)
    filters = []
    for code in codes:
        if code in params.organisation:
            continue
        label = organisations().label(code)
        name = f"het {label}" if label.startswith(MINISTRY_PREFIX) else label
        target = presenters.search_url("/zoeken", params, organisation=[*params.organisation, code], page=1)
        filters.append((name, target))
    unexpanded = not params.expand and bool(parse(params.q, expand=True).expansions)
    return {"also": also, "organisation_filters": filters, "unexpanded": unexpanded}


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request):
    index = request.app.state.oa.index
    latest = index.search(SearchRequest(size=5))
    ways = {facet: latest.facets.get(facet, [])[:shown] for facet, shown in WAYS_IN.items()}
    more = {facet: len(latest.facets.get(facet, [])) > shown for facet, shown in WAYS_IN.items()}
    years = charts.year_chart(_years(latest.facets.get("year", [])), lambda year: f"/zoeken?year={year}")
    return render(request, "home.html", total=latest.total, latest=latest.hits, ways=ways, more=more, year_chart=years)


@router.get("/zoeken", response_class=HTMLResponse, name="search_page")
def search_page(request: Request, params: SearchRequest = Depends(search_params)):
    index = request.app.state.oa.index
    result = index.search(params)
    cached = cache_header()  # what this search's answer was; a later look-up of a kept answer would say its own
    last_page = max(1, min(-(-result.total // params.size), MAX_WINDOW // params.size))
    if params.page > last_page:
        # Past the last page (an old link, a hand-typed number): to the last page there is, not an empty one.
        target = presenters.search_url(str(request.url_for("search_page")), params, page=last_page)
        return RedirectResponse(target, status_code=303)
    # An empty result helps: a spelling from the archive's own words, and (in the template) no filters.
    spelling = index.spelling(params.q) if not result.total and params.q.strip() else None
    active = [(facet, str(value)) for facet in (*FACETS, "kamerstuk") for value in getattr(params, facet)]
    links = presenters.ResultLinks("/zoeken", params)
    year_link = links.setting("year")
    years = charts.year_chart(_years(result.facets.get("year", [])), lambda year: year_link([year]))
    page = render(
        request,
        "search.html",
        params=params,
        result=result,
        facets=[(f, links.facet_links(f, result.facets.get(f, []))) for f in PAGE_FACETS],
        year_chart=years,
        active=active,
        last_page=last_page,
        spelling=spelling,
        shortened=len(request.query_params.get("q", "")) > MAX_QUERY,
        max_query=MAX_QUERY,
        **_also_searched(params, result),
    )
    page.headers.update(cached)
    return page


@router.get("/documenten/{doc_id}", response_class=HTMLResponse, name="document_page")
def document_page(
    request: Request,
    doc_id: str,
    q: str = "",
    gemeld: bool = False,
    pagina: int | None = Query(None, ge=1, le=1_000_000, description="Toon het deel met deze pagina"),
    uitbreiden: str | None = None,
):
    """The document's metadata and the text of one window of PAGES_PER_VIEW pages (the one holding `pagina`, or
    else the first page the query was found on): a 3,000-page document is never sent whole."""
    index = request.app.state.oa.index
    q = q[:MAX_QUERY]
    expand = expansion(uitbreiden, [])  # as the search that linked here: its page hits are these pages
    page_count = live_document(request, doc_id, pages=[]).page_count
    found, found_in_all = index.pages_holding(doc_id, q, FOUND_LISTED, expand) if q.strip() else ([], 0)
    focus = pagina or (found[0] if found else 1)
    first = (min(focus, max(page_count, 1)) - 1) // PAGES_PER_VIEW * PAGES_PER_VIEW + 1
    # Only the window's texts are read: memory and time do not grow with the document.
    doc = live_document(request, doc_id, pages=range(first, min(first + PAGES_PER_VIEW, page_count + 1)))
    matcher = Matcher.for_query(parse(q, expand).to_mark())
    window = [p for p in doc.pages if first <= p.number < first + PAGES_PER_VIEW]
    return render(
        request,
        "document.html",
        doc=doc,
        pages=[(p.number, mark_all(p.text, matcher), bool(p.text.strip())) for p in window],
        window=(first, first + len(window) - 1),
        per_view=PAGES_PER_VIEW,
        found=found,
        found_more=max(found_in_all - len(found), 0),
        q=q,
        expand=expand,
        reports=public_reports(request, doc_id),
        ocr_pages={p.number for p in window if p.ocr},
        stamps={p.number: p.grounds for p in window if p.grounds},
        similar=index.similar(doc),
        reported=gemeld,
        has_pdf=_has_original(request.app.state.oa.blobs, doc.sha256),
    )


@router.get("/documenten/{doc_id}/pagina-{page}.png", name="page_image")
def page_image(
    request: Request,
    doc_id: str,
    page: int = Path(ge=1, le=1_000_000),
    breedte: int = Query(800, description="Breedte in pixels: 400, 800 of 1200"),
):
    """A page of the original, rendered on demand (out of process, with a time and memory limit) and cached."""
    state = request.app.state.oa
    if breedte not in WIDTHS:
        raise HTTPException(422, "breedte moet 400, 800 of 1200 zijn")
    refuse_if_withdrawn(request, doc_id)
    if not is_sha256(doc_id) or not state.blobs.has(doc_id):
        raise HTTPException(404)
    if page > live_document(request, doc_id, pages=[]).page_count:
        raise HTTPException(404)
    image = state.page_images.get(doc_id, page, breedte)
    if image is None:
        try:
            with state.blobs.local_file(doc_id) as pdf:
                png = state.renderer.render(pdf, page, breedte)
        except FileNotFoundError:  # withdrawn since the check above
            raise HTTPException(404) from None
        except RenderFailed as exc:
            raise HTTPException(422, f"Deze pagina kan niet als afbeelding worden getoond ({exc}).") from None
        image = state.page_images.put(doc_id, page, breedte, png)
        if not state.blobs.has(doc_id):  # withdrawn while it rendered: its purge may have passed already
            state.page_images.purge(doc_id)
            raise HTTPException(410)
    return FileResponse(
        image,
        media_type="image/png",
        headers={"Cache-Control": "public, max-age=31536000, immutable", "X-Content-Type-Options": "nosniff"},
    )


@router.get("/bestanden/{sha256}.pdf", name="document_pdf")
def document_pdf(request: Request, sha256: str):
    blobs = request.app.state.oa.blobs
    refuse_if_withdrawn(request, sha256)
    if not is_sha256(sha256) or not blobs.has(sha256):
        raise HTTPException(404)
    try:
        doc = request.app.state.oa.index.get(sha256, pages=[])  # the title only
    except EngineUnavailable:
        doc = None  # the file is served all the same, under its hash
    headers = {
        "Content-Disposition": presenters.content_disposition(doc.title if doc else "", sha256),
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "public, max-age=31536000, immutable",
    }
    path = blobs.served_path(sha256)
    if path is not None:
        return FileResponse(path, media_type="application/pdf", headers=headers)
    return _streamed(blobs, sha256, request.headers.get("range"), headers)


def _streamed(blobs: BlobStore, sha256: str, byte_range: str | None, headers: dict[str, str]) -> StreamingResponse:
    """A blob from a remote store, streamed as it arrives; a byte range is passed on to the store."""
    try:
        blob = blobs.open(sha256, byte_range)
    except FileNotFoundError:  # withdrawn since the check
        raise HTTPException(404) from None
    except BadRange as exc:
        raise HTTPException(416, headers={"Content-Range": f"bytes */{exc.size}"} if exc.size is not None else None)
    headers = headers | {"Content-Length": str(blob.length), "Accept-Ranges": "bytes"}
    if blob.content_range:
        headers["Content-Range"] = blob.content_range
    return StreamingResponse(
        iter(blob), status_code=206 if blob.content_range else 200, media_type="application/pdf", headers=headers
    )


def _has_original(blobs: BlobStore, sha256: str) -> bool:
    """Whether to link the original; an unreachable store hides the link rather than the whole page."""
    try:
        return blobs.has(sha256)
    except BlobsUnavailable:
        return False


@router.get("/over", response_class=HTMLResponse, name="about")
async def about(request: Request):
    # async: it needs no engine, so it must not queue for the worker threads a frozen engine may hold up
    state = request.app.state.oa
    archive = status.load(state.settings)
    years = charts.year_chart(
        {int(c.value): c.documents for c in archive.by_year if c.value}, lambda year: f"/zoeken?year={year}"
    )
    kinds = charts.bar_chart(
        [
            (
                c.value,
                presenters.label("organisation_kind", c.value),
                c.documents,
                f"/zoeken?organisation_kind={c.value}",
            )
            for c in archive.by_organisation_kind()
            if c.value
        ]
    )
    return render(request, "over.html", status=archive, reasons=FAILURE_REASONS, year_chart=years, kind_chart=kinds)


@router.post("/documenten/{doc_id}/melding", name="report_error")
def report_error(request: Request, doc_id: str, wat: str = Form(""), contact: str = Form("")):
    """Stores a visitor's report of an error in a document, then shows the document again with a thank-you."""
    state = request.app.state.oa
    live_document(request, doc_id)
    message, contact = wat.strip(), contact.strip()
    problems = []
    if len(message) < 3:
        problems.append({"parameter": "wat", "message": "Beschrijf wat er niet klopt, in minstens 3 tekens."})
    if len(message) > MAX_MESSAGE:
        problems.append({"parameter": "wat", "message": f"Houd de beschrijving korter dan {MAX_MESSAGE:,} tekens."})
    if len(contact) > MAX_CONTACT:
        problems.append({"parameter": "contact", "message": f"Een e-mailadres is korter dan {MAX_CONTACT} tekens."})
    if problems:
        raise HTTPException(422, problems)
    if not state.report_limit.allow(request.client.host if request.client else "?"):
        raise HTTPException(429, headers={"Retry-After": "3600"})
    reports = Reports.open(state.settings)
    try:
        if reports.count() >= state.settings.reports_cap:
            raise HTTPException(503, {"title": "Meldpunt vol", "text": REPORTS_FULL}, headers={"Retry-After": "86400"})
        reports.add(doc_id, message, contact or None)
    finally:
        reports.close()
    target = request.url_for("document_page", doc_id=doc_id).include_query_params(gemeld=1)
    return RedirectResponse(f"{target}#melden", status_code=303)
