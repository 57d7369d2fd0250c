"""Woo dossiers: their pages for people (/dossiers) and their part of the API (/api/v1/dossiers,
/api/v1/inventory)."""

from __future__ import annotations

import io
import math

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response

from openarchief.search import SearchRequest
from openarchief.search.model import Dossier, InventoryRow
from openarchief.search.spreadsheet import SafeWriter
from openarchief.search.woo import JUDGEMENTS, ground_label, judgement_label

from . import presenters
from .params import dossier_request, inventory_request, woo_filters
from .records import dossier_detail, dossier_record, facet_records, row_record
from .schemas import INVALID, UNAVAILABLE, DossierDetail, DossierList, InventoryAnswer, Message

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["API"])

ROWS_PER_VIEW = 100  # inventory rows on one dossier page; the CSV has them all
NOT_FOUND = "Er is geen dossier met deze id."


def _dossier(request: Request, dossier_id: str) -> Dossier:
    dossier = request.app.state.oa.index.dossier(dossier_id) if len(dossier_id) <= 200 else None
    if dossier is None:
        raise HTTPException(404, NOT_FOUND)
    return dossier


def _filtered(dossier: Dossier, judgement: list[str], ground: list[str]) -> tuple[dict, list[InventoryRow]]:
    """The judgements and grounds asked for (a 422 for an unknown one), and the inventory rows they select."""
    unknown: list[dict] = []
    chosen = woo_filters(judgement, ground, unknown)
    if unknown:
        raise RequestValidationError(unknown)
    judgements, grounds = chosen["judgement"], set(chosen["ground"])
    rows = [
        r
        for r in dossier.rows
        if (not judgements or r.judgement in judgements) and (not grounds or grounds & set(r.grounds))
    ]
    return chosen, rows


# -- pages ---------------------------------------------------------------------------------------------------------


@pages.get("/dossiers", response_class=HTMLResponse, name="dossiers_page")
def dossiers_page(request: Request, params: SearchRequest = Depends(dossier_request)):
    listing = request.app.state.oa.index.dossiers(params)
    return request.app.state.oa.templates.TemplateResponse(
        request,
        "dossiers.html",
        {
            "params": params,
            "listing": listing,
            "last_page": max(1, math.ceil(listing.total / params.size)),
            "organisation": (params.organisation or [""])[0],
            "year": (params.year or [""])[0],
        },
    )


@pages.get("/dossiers/{dossier_id}", response_class=HTMLResponse, name="dossier_page")
def dossier_page(
    request: Request,
    dossier_id: str,
    judgement: list[str] = Query([]),
    ground: list[str] = Query([]),
    pagina: int = Query(1, ge=1, le=100_000),
):
    dossier = _dossier(request, dossier_id)
    chosen, rows = _filtered(dossier, judgement, ground)
    last = max(1, math.ceil(len(rows) / ROWS_PER_VIEW))
    pagina = min(pagina, last)
    shown = rows[(pagina - 1) * ROWS_PER_VIEW : pagina * ROWS_PER_VIEW]
    counts = dossier.judgement_counts()
    return request.app.state.oa.templates.TemplateResponse(
        request,
        "dossier.html",
        {
            "dossier": dossier,
            "detail": dossier_detail(request, dossier),
            "counts": [(value, counts[value]) for value in JUDGEMENTS if counts[value]],
            "rows": shown,
            "matching": len(rows),
            "pagina": pagina,
            "last": last,
            "chosen": chosen,
            "judgements": JUDGEMENTS,
            "judgement_label": judgement_label,
            "ground_label": ground_label,
            "role_label": lambda role: presenters.label("role", role),
        },
    )


INVENTORY_COLUMNS = ["dossier", "nummer", "document_id", "titel", "datum", "beoordeling", "weigeringsgronden",
                     "bron_document", "bron_pagina", "onvolledig_gelezen"]  # fmt: skip


def _inventory_csv(dossier: Dossier, rows: list[InventoryRow]) -> str:
    """The rows as CSV (they are in memory already, with the dossier: nothing to stream)."""
    buffer = io.StringIO()
    writer = SafeWriter(buffer, ";")
    writer.writerow(INVENTORY_COLUMNS)
    writer.writerows(
        [dossier.id, row.number, row.document_id, row.title, row.date.isoformat() if row.date else "",
         row.judgement or "", ";".join(row.grounds), row.source_document or "", row.source_page or "",
         ";".join(row.unread)]
        for row in rows
    )  # fmt: skip
    return buffer.getvalue()


@pages.get("/dossiers/{dossier_id}/inventaris.csv", name="dossier_inventory_csv")
def dossier_inventory_csv(
    request: Request, dossier_id: str, judgement: list[str] = Query([]), ground: list[str] = Query([])
):
    dossier = _dossier(request, dossier_id)
    chosen, rows = _filtered(dossier, judgement, ground)
    headers = {"Content-Disposition": f'attachment; filename="inventaris-{dossier.id[:80]}.csv"'}
    return Response(_inventory_csv(dossier, rows), media_type="text/csv; charset=utf-8", headers=headers)


# -- API -----------------------------------------------------------------------------------------------------------


@api.get(
    "/dossiers",
    summary="Woo-dossiers: besluiten met hun inventaris, nieuwste eerst",
    response_model=None,
    responses={200: {"model": DossierList}, **INVALID, **UNAVAILABLE},
)
def dossiers(request: Request, params: SearchRequest = Depends(dossier_request)) -> dict:
    listing = request.app.state.oa.index.dossiers(params)
    return {
        "total": listing.total,
        "page": listing.page,
        "size": listing.size,
        "dossiers": [dossier_record(request, d) for d in listing.items],
    }


@api.get(
    "/dossiers/{dossier_id}",
    summary="Eén Woo-dossier met zijn documenten en de genoemde weigeringsgronden",
    response_model=None,
    responses={
        200: {"model": DossierDetail},
        404: {"model": Message, "description": "Geen dossier met deze id"},
        **UNAVAILABLE,
    },
)
def dossier(request: Request, dossier_id: str) -> dict:
    return dossier_detail(request, _dossier(request, dossier_id))


@api.get(
    "/inventory",
    summary="Regels van de inventarislijsten: elk gevonden document met zijn beoordeling en weigeringsgronden",
    response_model=None,
    responses={200: {"model": InventoryAnswer}, **INVALID, **UNAVAILABLE},
)
def inventory(request: Request, params: SearchRequest = Depends(inventory_request)) -> dict:
    listing = request.app.state.oa.index.inventory(params)
    return {
        "total": listing.total,
        "page": listing.page,
        "size": listing.size,
        "rows": [row_record(request, r) for r in listing.items],
        "facets": facet_records(listing.facets, ("judgement", "ground")),
    }
