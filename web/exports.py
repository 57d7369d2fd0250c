"""Taking hits away: CSV and JSON Lines exports of all hits of a search, an Atom feed for every search, and an
OpenSearch description so browsers can add the archive as a search engine.

Exports stream: documents are read from the engine a batch at a time and written row by row, so memory does
not grow with the number of hits.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import Iterator

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response, StreamingResponse

from openarchief.search import Document, SearchRequest, Sort
from openarchief.search.budget import time_budget
from openarchief.search.spreadsheet import SafeWriter

from .params import search_request
from .records import base_url, export_record, flat_record, hit_record
from .schemas import INVALID, UNAVAILABLE

router = APIRouter()
FEED_SIZE = 50
CSV_COLUMNS = [
    "id",
    "title",
    "organisation",
    "organisation_label",
    "organisation_kind",
    "ministry",
    "ministry_label",
    "type",
    "type_label",
    "category",
    "category_label",
    "theme",
    "theme_label",
    "identifiers",
    "date",
    "language",
    "page_count",
    "url",
    "pdf_url",
    "source",
]


def _csv_lines(request: Request, docs: Iterator[Document], delimiter: str = ",") -> Iterator[str]:
    buffer = io.StringIO()
    writer = SafeWriter(buffer, delimiter)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow(CSV_COLUMNS)
    yield "\ufeff" + flush()  # a byte order mark, so spreadsheet programs read the UTF-8 right
    for doc in docs:
        flat = flat_record(export_record(request, doc))
        writer.writerow([flat[c] for c in CSV_COLUMNS])
        yield flush()


def _jsonl_lines(request: Request, docs: Iterator[Document]) -> Iterator[str]:
    count = 0
    for doc in docs:
        count += 1
        yield json.dumps(export_record(request, doc), ensure_ascii=False) + "\n"
    # Written only after the last document: a file without this line was cut short.
    yield json.dumps({"_export": {"complete": True, "documents": count}}) + "\n"


def _budgeted(docs: Iterator[Document], seconds: float) -> Iterator[Document]:
    """The documents, each step of the engine's scan with a time budget of its own: an export may stream for
    minutes, but no single batch may hang on a frozen engine."""
    while True:
        with time_budget(seconds):
            doc = next(docs, None)
        if doc is None:
            return
        yield doc


@router.get(
    "/api/v1/export",
    tags=["API"],
    summary="Alle treffers van een zoekopdracht als CSV of JSON Lines",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "Alle treffers, gestreamd; de header X-Total-Count geeft het aantal bij de start. JSON "
            'Lines sluit af met de regel {"_export": {"complete": true, "documents": N}}.',
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"$ref": "#/components/schemas/ExportRecord"}},
            },
        },
        **INVALID,
        **UNAVAILABLE,
    },
)
def export(
    request: Request,
    format: str = Query("csv", pattern="^(csv|jsonl)$", description="csv of jsonl"),
    delimiter: str = Query(
        ",",
        pattern="^[,;]$",
        description="Scheidingsteken van de CSV: `,` (standaard, RFC 4180: wat programma's als R, pandas en "
        "LibreOffice verwachten) of `;` (wat Excel met Nederlandse instellingen verwacht).",
    ),
    params: SearchRequest = Depends(search_request),
):
    state = request.app.state.oa
    # Asked before any header is sent: an unreachable engine is a 503, not a 200 with an empty body; and the
    # count lets a reader check a CSV file for completeness (X-Total-Count against its rows).
    total = state.index.search(params.model_copy(update={"page": 1, "size": 1})).total
    docs = _budgeted(state.index.scan(params), state.settings.search_timeout)
    if format == "csv":
        body, media, suffix = _csv_lines(request, docs, delimiter), "text/csv; charset=utf-8", "csv"
    else:
        body, media, suffix = _jsonl_lines(request, docs), "application/x-ndjson; charset=utf-8", "jsonl"
    return StreamingResponse(
        body,
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="openarchief.{suffix}"', "X-Total-Count": str(total)},
    )


def _atom_time(moment: dt.datetime | None) -> str:
    """RFC 3339 in UTC, as Atom wants it; the epoch for a document of before the archive kept the moment."""
    moment = moment or dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@router.get("/zoeken.atom", include_in_schema=False, name="search_feed")
def feed(request: Request, params: SearchRequest = Depends(search_request)):
    """The documents of a search that entered the archive last, to subscribe to: an old document archived today
    is news to a subscriber too."""
    newest = params.model_copy(update={"sort": Sort.added, "page": 1, "size": FEED_SIZE})
    result = request.app.state.oa.index.search(newest)
    updated = max((h.indexed_at for h in result.hits if h.indexed_at), default=None)
    return request.app.state.oa.templates.TemplateResponse(
        request,
        "feed.xml",  # .xml: autoescaped like .html
        {
            "params": params,
            "entries": [hit_record(request, h) | {"added": _atom_time(h.indexed_at)} for h in result.hits],
            "updated": _atom_time(updated),
            "base": base_url(request),
        },
        media_type="application/atom+xml; charset=utf-8",
    )


@router.get("/opensearch.xml", include_in_schema=False, name="opensearch_description")
def opensearch_description(request: Request):
    base = base_url(request)
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/">
  <ShortName>openarchief</ShortName>
  <Description>Zoeken in gepubliceerde overheidsdocumenten</Description>
  <InputEncoding>UTF-8</InputEncoding>
  <Language>nl</Language>
  <Url type="text/html" method="get" template="{base}/zoeken?q={{searchTerms}}"/>
  <Url type="application/atom+xml" template="{base}/zoeken.atom?q={{searchTerms}}"/>
</OpenSearchDescription>
"""
    return Response(xml, media_type="application/opensearchdescription+xml")
