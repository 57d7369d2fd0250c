"""pypdfium2: ~30x faster than pdfminer.six here. Marks a line-end hyphen with "\\x02" (see ingest.normalize)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium

from openarchief.search.failures import Failure, Reason

from .base import Extraction


def _error(exc: pdfium.PdfiumError) -> Failure:
    message = str(exc)
    if "password" in message.lower():
        return Failure(Reason.encrypted, "the PDF is protected with a password")
    return Failure(Reason.damaged, f"pdfium cannot read the PDF ({message})")


class PdfiumExtractor:
    name = "pypdfium2"

    def extract(self, path: Path) -> Extraction:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise _error(exc) from exc
        try:
            info = {k: v for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
            pages = []
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_bounded())
                textpage.close()
                page.close()
            return Extraction(pages=pages, info=info)
        except pdfium.PdfiumError as exc:
            raise _error(exc) from exc
        finally:
            pdf.close()
