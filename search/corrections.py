"""Corrections by archivists: a field's value set by hand, with a reason, winning over every other source.

The ledger keeps them (ingest/ledger.py) and applies them whenever it stores a document, so a correction
survives a re-ingest of the same file, a reindex and a schema migration; `apply` is the one place that says what
a correction does to a document. The text of a document is never corrected: the original stays the source.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import BaseModel

from .model import Document, FieldCorrection
from .vocabularies import LANGUAGES, categories, document_types, is_ministry, ministries, organisations, themes
from .woo import ROLES

CORRECTABLE = ("title", "date", "organisation", "type", "category", "theme", "language", "dossier", "role")
# Corrected through the document's membership of a Woo dossier (the ledger's), not on the document itself.
MEMBERSHIP = ("dossier", "role")


class Correction(BaseModel):
    id: int
    document_id: str
    field: str
    value: Any  # as stored on the document (a date as YYYY-MM-DD, themes as a list of codes)
    previous: Any = None  # the value it replaced (restored by an undo)
    previous_source: str | None = None
    reason: str
    report: int | None = None
    created_at: dt.datetime
    undone_at: dt.datetime | None = None


def validated(field: str, given: str) -> Any:
    """The value to store for `field` from what an archivist typed (a code or a label); ValueError says what is
    accepted."""
    given = given.strip()
    if field == "title":
        if not given:
            raise ValueError("a title cannot be empty")
        return given[:300]
    if field == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
            raise ValueError("a date is YYYY-MM-DD")
        return dt.date.fromisoformat(given).isoformat()
    if field == "language":
        if given.lower() not in LANGUAGES:
            raise ValueError(f"a language is one of {', '.join(LANGUAGES)}")
        return given.lower()
    if field == "dossier":
        # As a sidecar gives one (ingest.metadata.dossier_id): letters, digits, - . _
        text = re.sub(r"[^\w.-]+", "-", given).strip("-.")[:120]
        if not text:
            raise ValueError("a dossier id has letters or digits")
        return text
    if field == "role":
        if given.lower() not in ROLES:
            raise ValueError(f"a role is one of {', '.join(ROLES)}")
        return given.lower()
    if field == "theme":
        codes = [themes().resolve(part) for part in re.split(r"[;|]", given) if part.strip()]
        if not codes or not all(codes):
            raise ValueError("themes are TOP-lijst codes or labels, separated by ';'")
        return list(dict.fromkeys(c for c in codes if c))
    vocabulary = {"organisation": organisations, "type": document_types, "category": categories}[field]
    code = vocabulary().resolve(given)
    if not code:
        raise ValueError(f"unknown {field} {given!r}: give a TOOI code or a label of the list")
    return code


def apply(doc: Document, corrections: list[Correction]) -> Document:
    """`doc` with the corrections (the active ones, in the order made) applied."""
    if not corrections and not doc.corrections:
        return doc
    update: dict[str, Any] = {}
    provenance = dict(doc.provenance)
    made: dict[str, FieldCorrection] = {}
    for correction in corrections:
        field, value = correction.field, correction.value
        if field in MEMBERSHIP:
            made[field] = FieldCorrection(field=field, at=correction.created_at, reason=correction.reason)
            continue
        update[field] = dt.date.fromisoformat(value) if field == "date" else value
        provenance[field] = "correction"
        if field == "organisation":
            update["ministry"] = ministries().resolve(value) if is_ministry(value) else None
            provenance["ministry"] = "correction"
        made[field] = FieldCorrection(field=field, at=correction.created_at, reason=correction.reason)
    return doc.model_copy(update=update | {"provenance": provenance, "corrections": list(made.values())})


def stored(value: Any) -> Any:
    """A document's value as a correction stores it (dates as text)."""
    return value.isoformat() if isinstance(value, dt.date) else value
