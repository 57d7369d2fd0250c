"""One serialisation of a document and of a hit for everything that hands them out — the JSON API, the CSV and
JSON Lines exports, the Atom feed — so that a field added or renamed changes all of them at once."""

from __future__ import annotations

from typing import Iterable

from fastapi import Request

from openarchief.search import Document, Hit
from openarchief.search.model import Dossier, InventoryRow, Parliamentary
from openarchief.search.reports import PublicStatus, Reports
from openarchief.search.request import CODED_FACETS, Expansion, FacetValue
from openarchief.search.vocabularies import organisations
from openarchief.search.woo import ground_label, grounds

from .presenters import coded, correction_text, label


def base_url(request: Request) -> str:
    """The archive's public address: OPENARCHIEF_PUBLIC_URL, or else the one the request was made to."""
    return (request.app.state.oa.settings.public_url or str(request.base_url)).rstrip("/")


def document_urls(request: Request, doc_id: str) -> dict:
    # The same as url_for("document_page") and url_for("document_pdf"), without a route lookup per hit.
    base = base_url(request)
    return {"url": f"{base}/documenten/{doc_id}", "pdf_url": f"{base}/bestanden/{doc_id}.pdf"}


def record(request: Request, item: Hit | Document, page_count: int | None) -> dict:
    """What a hit and a document have in common: the metadata, the codes with their labels, the addresses."""
    return {
        "id": item.id,
        "title": item.title,
        "organisation": organisation_record(item.organisation),
        "ministry": coded("ministry", item.ministry),
        "date": item.date.isoformat() if item.date else None,
        "type": coded("type", item.type),
        "category": coded("category", item.category),
        "theme": [coded("theme", t) for t in item.theme],
        "language": item.language,
        "parliament": parliament_record(item.parliament),
        "page_count": page_count,
        **document_urls(request, item.id),
    }


def organisation_record(code: str | None) -> dict | None:
    if not code:
        return None
    return {"code": code, "label": label("organisation", code), "kind": organisations().kind(code)}


def expansion_record(expansion: Expansion) -> dict:
    return {
        "typed": expansion.typed,
        "also": expansion.also,
        "organisation": organisation_record(expansion.organisation),
    }


def parliament_record(paper: Parliamentary | None) -> dict | None:
    return paper.model_dump() | {"identifiers": paper.identifiers()} if paper else None


def hit_record(request: Request, hit: Hit) -> dict:
    return record(request, hit, hit.page_count) | {
        "snippet": hit.snippet,
        "page_hits": [{"page": p.page, "snippet": p.snippet} for p in hit.page_hits],
        "dossier": dossier_ref(request, hit.dossier, hit.dossier_title),
    }


def document_record(request: Request, doc: Document) -> dict:
    return record(request, doc, doc.page_count) | {
        "sha256": doc.sha256,
        "extractor": doc.extractor,
        "source": doc.source,
        "provenance": {
            field: (correction_text(doc, field) or source) if source == "correction" else source
            for field, source in doc.provenance.items()
        },
        "pages_without_text": doc.needs_ocr,
        "dossier": dossier_ref(request, doc.dossier, doc.dossier_title),
        "role": doc.role,
        "pages": [{"page": p.number, "text": p.text, "grounds": p.grounds} for p in doc.pages],
    }


def public_reports(request: Request, doc_id: str) -> list[PublicStatus]:
    """The settled error reports of a document, as the public may see them."""
    return Reports.public_of(request.app.state.oa.settings, doc_id)


def export_record(request: Request, doc: Document) -> dict:
    """A document as the exports list it: without its text (an export streams documents without their pages,
    so the page count is only known when they came along)."""
    return record(request, doc, doc.page_count if doc.pages else None) | {"source": doc.source}


def flat_record(row: dict) -> dict:
    """A record with each coded field split in code and label, for a table (CSV)."""
    flat = {**row, **{f"{f}_label": (row[f] or {}).get("label") for f in CODED_FACETS}}
    flat["organisation_kind"] = (row["organisation"] or {}).get("kind")
    flat["theme"] = "; ".join(t["code"] for t in row["theme"])
    flat["theme_label"] = "; ".join(t["label"] for t in row["theme"])
    flat["identifiers"] = " ".join((row["parliament"] or {}).get("identifiers", []))
    return flat | {f: (row[f] or {}).get("code") for f in CODED_FACETS}


def facet_records(facets: dict[str, list[FacetValue]], names: Iterable[str]) -> dict[str, list[dict]]:
    """Facet values with their labels, for the named facets (each present, empty when it has no values)."""
    return {
        facet: [{"value": v.value, "label": label(facet, v.value), "count": v.count} for v in facets.get(facet, [])]
        for facet in names
    }


def dossier_url(request: Request, dossier_id: str) -> str:
    # The same as url_for("dossier_page"), without a route lookup per hit.
    return f"{base_url(request)}/dossiers/{dossier_id}"


def dossier_ref(request: Request, dossier_id: str | None, title: str | None) -> dict | None:
    if not dossier_id:
        return None
    return {"id": dossier_id, "title": title or dossier_id, "url": dossier_url(request, dossier_id)}


def dossier_record(request: Request, dossier: Dossier) -> dict:
    return {
        "id": dossier.id,
        "title": dossier.title,
        "organisation": coded("organisation", dossier.organisation),
        "date": dossier.date.isoformat() if dossier.date else None,
        "kind": dossier.kind,
        "kenmerk": dossier.kenmerk,
        "subject": dossier.subject,
        "url": dossier_url(request, dossier.id),
        "counts": {"documents": len(dossier.rows), "judgement": dossier.judgement_counts()},
    }


def dossier_detail(request: Request, dossier: Dossier) -> dict:
    known = grounds()
    return dossier_record(request, dossier) | {
        "members": [
            {"id": m.id, "title": m.title, "role": m.role, "url": document_urls(request, m.id)["url"]}
            for m in dossier.members
        ],
        "grounds": [
            {"code": c, "law": known[c].law, "article": known[c].article, "label": known[c].label, "count": n}
            for c, n in dossier.ground_counts().items()
            if c in known
        ],
        "provenance": dossier.provenance,
    }


def row_record(request: Request, row: InventoryRow) -> dict:
    source = None
    document, page = (row.source_document, row.source_page) if row.source_document else (row.listed_in, row.listed_page)
    if document:
        url = document_urls(request, document)["url"] + (f"?pagina={page}#pagina-{page}" if page else "")
        source = {"document": document, "page": page, "url": url}
    return {
        "dossier": row.dossier,
        "number": row.number,
        "document_id": row.document_id,
        "title": row.title,
        "date": row.date.isoformat() if row.date else None,
        "judgement": row.judgement,
        "grounds": [{"code": c, "label": ground_label(c)} for c in row.grounds],
        "source": source,
        "unread": row.unread,
    }
