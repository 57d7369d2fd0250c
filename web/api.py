"""The JSON API, /api/v1: the stable contract for everyone who builds on the archive."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic_core import to_json

from openarchief.search import FACETS, SearchRequest

from .params import cache_header, documented, search_params, search_request
from .records import document_record, document_urls, expansion_record, facet_records, hit_record, public_reports
from .schemas import INVALID, UNAVAILABLE, DocumentOut, Gone, HistoryOut, Message, SearchAnswer, SuggestAnswer
from .withdrawn import live_document

router = APIRouter(prefix="/api/v1", tags=["API"])


class RecordsResponse(JSONResponse):
    """JSON of records (dicts and lists of strings, integers, booleans and None), written by pydantic-core: the
    same bytes as JSONResponse's json.dumps (compact, UTF-8, the same escapes), in a quarter of the time."""

    def render(self, content) -> bytes:
        return to_json(content)


# Said on the search's answer when the server keeps answers (search/_cache.py, OPENARCHIEF_SEARCH_CACHE_SIZE).
CACHE_HEADER = {
    "X-Search-Cache": {
        "description": "hit: het antwoord kwam uit het geheugen van deze server (de index is sindsdien niet "
        "veranderd); miss: er is opnieuw gezocht. Ontbreekt als de server geen antwoorden bewaart.",
        "schema": {"type": "string", "enum": ["hit", "miss"]},
    }
}


@router.get(
    "/search",
    summary="Zoeken in het archief",
    response_model=None,
    responses={200: {"model": SearchAnswer, "headers": CACHE_HEADER}, **INVALID, **UNAVAILABLE},
    openapi_extra={"parameters": documented(search_request)},
)
def search(request: Request, params: SearchRequest = Depends(search_params)) -> RecordsResponse:
    result = request.app.state.oa.index.search(params)
    # Returned as a response: FastAPI would otherwise walk every value of the answer (jsonable_encoder) before
    # encoding it, the largest part of the route's own time; records are plain JSON types already.
    return RecordsResponse(
        {
            "total": result.total,
            "page": result.page,
            "size": result.size,
            "hits": [hit_record(request, h) for h in result.hits],
            "facets": facet_records(result.facets, FACETS),
            "expanded": [expansion_record(e) for e in result.expanded],
        },
        headers=cache_header(),
    )


@router.get(
    "/suggest",
    summary="Aanvullingen voor het zoekvak: woorden uit het archief en titels",
    response_model=None,
    responses={200: {"model": SuggestAnswer}, **INVALID, **UNAVAILABLE},
)
def suggest(
    request: Request, q: str = Query("", max_length=200, description="Wat er tot nu toe is getypt")
) -> RecordsResponse:
    completions, hits = request.app.state.oa.index.suggest(q)
    return RecordsResponse(
        {
            "q": q,
            "completions": completions,
            "titles": [{"title": h.title, **document_urls(request, h.id)} for h in hits],
        }
    )


@router.get(
    "/documents/{doc_id}",
    summary="Eén document met zijn tekst per pagina",
    response_model=None,
    responses={
        200: {"model": DocumentOut},
        404: {"model": Message, "description": "Geen document met deze id"},
        410: {"model": Gone, "description": "Het document is verwijderd, met datum en reden"},
        **UNAVAILABLE,
    },
)
def document(request: Request, doc_id: str) -> dict:
    doc = live_document(request, doc_id)
    return document_record(request, doc) | {"reports": [r.model_dump() for r in public_reports(request, doc_id)]}


@router.get(
    "/documents/{doc_id}/history",
    summary="Wat er met een document in het archief gebeurde: opgenomen, opnieuw gelezen, gecorrigeerd",
    response_model=None,
    responses={
        200: {"model": HistoryOut},
        404: {"model": Message, "description": "Geen document met deze id"},
        410: {"model": Gone, "description": "Het document is verwijderd, met datum en reden"},
        **UNAVAILABLE,
    },
)
def document_history(request: Request, doc_id: str) -> dict:
    doc = live_document(request, doc_id, pages=[])
    return {"id": doc.id, "history": [event.model_dump(mode="json") for event in doc.history]}
