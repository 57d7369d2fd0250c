"""The HTML pages for people, in Dutch."""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from search import FACETS, SearchRequest
from search.blobs import is_sha256
from search.highlight import Matcher, mark_all
from search.parser import parse

from .params import search_request

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, **context) -> HTMLResponse:
    return request.app.state.oa.templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse, name="home")
def home(request: Request):
    index = request.app.state.oa.index
    latest = index.search(SearchRequest(size=5))
    return render(request, "home.html", total=latest.total, latest=latest.hits)


@router.get("/zoeken", response_class=HTMLResponse, name="search_page")
def search_page(request: Request, params: SearchRequest = Depends(search_request)):
    result = request.app.state.oa.index.search(params)
    last_page = max(1, -(-result.total // params.size))
    active = [(facet, str(value)) for facet in FACETS for value in getattr(params, facet)]
    return render(
        request,
        "search.html",
        params=params,
        result=result,
        facets=FACETS,
        active=active,
        last_page=last_page,
        selected={facet: {str(v) for v in getattr(params, facet)} for facet in FACETS},
    )


@router.get("/documenten/{doc_id}", response_class=HTMLResponse, name="document_page")
def document_page(request: Request, doc_id: str, q: str = ""):
    doc = request.app.state.oa.index.get(doc_id)
    if doc is None:
        raise HTTPException(404)
    matcher = Matcher.for_query(parse(q))
    pages = [(p.number, mark_all(p.text, matcher), bool(p.text.strip())) for p in doc.pages]
    return render(request, "document.html", doc=doc, pages=pages, q=q, ocr_pages={p.number for p in doc.pages if p.ocr},
                  has_pdf=request.app.state.oa.blobs.has(doc.sha256))


@router.get("/bestanden/{sha256}.pdf", name="document_pdf")
def document_pdf(request: Request, sha256: str):
    blobs = request.app.state.oa.blobs
    if not is_sha256(sha256) or not blobs.has(sha256):
        raise HTTPException(404)
    return FileResponse(
        blobs.path(sha256),
        media_type="application/pdf",
        filename=f"{sha256[:12]}.pdf",
        content_disposition_type="inline",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=31536000, immutable"},
    )
