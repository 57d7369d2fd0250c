"""Why a file (or a URL) did not become a document: one failure type with one list of reason codes, from the
extractors through the workers and the harvester to the ledger, the command line and the /over page."""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    # The file itself.
    not_pdf = "not_pdf"
    empty = "empty"
    too_large = "too_large"
    encrypted = "encrypted"
    damaged = "damaged"
    bad_metadata = "bad_metadata"
    unreadable = "unreadable"
    # The work on it.
    timeout = "timeout"
    memory_limit = "memory_limit"
    crashed = "crashed"
    error = "error"
    interrupted = "interrupted"
    # Writing it to the index.
    index_rejected = "index_rejected"
    engine_unavailable = "engine_unavailable"
    # Fetching it (harvest).
    bad_url = "bad_url"
    http_error = "http_error"
    connection_error = "connection_error"
    too_many_redirects = "too_many_redirects"
    bad_content_type = "bad_content_type"


# What a file can be recorded `failed` for in the ledger (the /over page explains each one in Dutch); a URL's
# refusals are reported by harvest, and an unreachable engine leaves a file `pending`, not failed.
RECORDED = frozenset(Reason) - {
    Reason.engine_unavailable,
    Reason.bad_url,
    Reason.http_error,
    Reason.connection_error,
    Reason.too_many_redirects,
    Reason.bad_content_type,
}


class Failure(Exception):
    """A file that cannot become a document, with the reason code the ledger keeps and a detail for the
    archivist. Raised where it is found, and handed back by a worker as its result."""

    def __init__(self, reason: Reason | str, detail: str):
        super().__init__(reason, detail)  # both in args: a worker's Failure crosses a process boundary pickled
        self.reason = Reason(reason)
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"
