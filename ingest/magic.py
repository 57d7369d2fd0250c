"""Is it a PDF? The one check, by the first bytes, for files on disk (the worker) and for downloads (harvest)."""

from __future__ import annotations

from openarchief.search.failures import Failure, Reason

PDF_MAGIC = b"%PDF-"
MAGIC_WINDOW = 1024  # the PDF header may follow some junk bytes, as readers accept


def check_pdf_header(head: bytes) -> None:
    """Raise Failure(not_pdf) unless `head`, a file's first MAGIC_WINDOW bytes, holds the PDF header; the detail
    says what the bytes look like instead (an error page served as a PDF is the common case)."""
    if PDF_MAGIC in head[:MAGIC_WINDOW]:
        return
    lowered = head.lower()
    if b"<html" in lowered or b"<!doctype" in lowered:
        kind = "an HTML page"
    elif head[:64].decode("ascii", "ignore").isprintable():
        kind = "text"
    else:
        kind = "binary data of another kind"
    raise Failure(Reason.not_pdf, f"not a PDF: no %PDF- header in the first {MAGIC_WINDOW} bytes; it looks like {kind}")
