"""Documents withdrawn from the archive: their addresses answer 410 Gone with the date and the reason, as the Woo
asks that removals be accountable, instead of a 404 that looks like a mistyped address."""

from __future__ import annotations

from typing import Sequence

from fastapi import HTTPException, Request

from openarchief.search import Document, status
from openarchief.search.status import Removal


class DocumentWithdrawn(Exception):
    def __init__(self, removal: Removal):
        super().__init__(removal.id)
        self.removal = removal


def live_document(request: Request, doc_id: str, pages: Sequence[int] | None = None) -> Document:
    """The document (with the texts of `pages`, all when None), or 410 when it was withdrawn, 404 when the
    archive never had it. The tombstone is looked at first: a withdrawal whose purge a killed run left unfinished
    still answers 410."""
    refuse_if_withdrawn(request, doc_id)
    doc = request.app.state.oa.index.get(doc_id, pages)
    if doc is None:
        raise HTTPException(404, "document not found")
    return doc


def refuse_if_withdrawn(request: Request, doc_id: str) -> None:
    state = request.app.state.oa
    archive = status.load(state.settings)
    state.forget_withdrawn(archive)
    removal = archive.removal(doc_id)
    if removal:
        raise DocumentWithdrawn(removal)
