"""The JSON API, /api/v1: the stable contract for everyone who builds on the archive."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request

from openarchief.search import FACETS, Document, Hit, SearchRequest

from .params import search_request
from .presenters import coded, label
from .withdrawn import live_document

router = APIRouter(prefix="/api/v1", tags=["API"])


def document_urls(request: Request, doc_id: str) -> dict:
    # The same as url_for("document_page") and url_for("document_pdf"), without a route lookup per hit.
    base = str(request.base_url).rstrip("/")
    return {"url": f"{base}/documenten/{doc_id}", "pdf_url": f"{base}/bestanden/{doc_id}.pdf"}


def hit_json(request: Request, hit: Hit) -> dict:
    return {
        "id": hit.id,
        "title": hit.title,
        "ministry": coded("ministry", hit.ministry),
        "date": hit.date.isoformat() if hit.date else None,
        "type": coded("type", hit.type),
        "category": coded("category", hit.category),
        "language": hit.language,
        "page_count": hit.page_count,
        "snippet": hit.snippet,
        "page_hits": [{"page": p.page, "snippet": p.snippet} for p in hit.page_hits],
        **document_urls(request, hit.id),
    }


def document_json(request: Request, doc: Document) -> dict:
    return {
        "id": doc.id,
        "title": doc.title,
        "ministry": coded("ministry", doc.ministry),
        "date": doc.date.isoformat() if doc.date else None,
        "type": coded("type", doc.type),
        "category": coded("category", doc.category),
        "language": doc.language,
        "page_count": doc.page_count,
        "sha256": doc.sha256,
        "extractor": doc.extractor,
        "source": doc.source,
        "provenance": doc.provenance,
        "pages_without_text": doc.needs_ocr,
        "pages": [{"page": p.number, "text": p.text} for p in doc.pages],
        **document_urls(request, doc.id),
    }


@router.get("/search", summary="Zoeken in het archief")
def search(request: Request, params: SearchRequest = Depends(search_request)) -> dict:
    result = request.app.state.oa.index.search(params)
    return {
        "total": result.total,
        "page": result.page,
        "size": result.size,
        "hits": [hit_json(request, h) for h in result.hits],
        "facets": {
            facet: [{"value": v.value, "label": label(facet, v.value), "count": v.count} for v in result.facets[facet]]
            for facet in FACETS
        },
    }


@router.get("/suggest", summary="Aanvullingen voor het zoekvak: woorden uit het archief en titels")
def suggest(request: Request, q: str = Query("", max_length=200, description="Wat er tot nu toe is getypt")) -> dict:
    completions, hits = request.app.state.oa.index.suggest(q)
    return {
        "q": q,
        "completions": completions,
        "titles": [{"title": h.title, **document_urls(request, h.id)} for h in hits],
    }


@router.get("/documents/{doc_id}", summary="Eén document met zijn tekst per pagina")
def document(request: Request, doc_id: str) -> dict:
    return document_json(request, live_document(request, doc_id))
