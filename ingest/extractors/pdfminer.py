"""pdfminer.six: pure Python, slower, keeps "-\\n" at line ends and ligature characters (see ingest.normalize)."""

from __future__ import annotations

from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSEOF, PSException

from openarchief.search.failures import Failure, Reason

from .base import Extraction


def _decode(value) -> str:
    if isinstance(value, bytes):
        if value.startswith((b"\xfe\xff", b"\xff\xfe")):
            return value.decode("utf-16")
        return value.decode("latin-1")
    return str(value) if value is not None else ""


class PdfminerExtractor:
    name = "pdfminer"

    def extract(self, path: Path) -> Extraction:
        try:
            with open(path, "rb") as handle:
                document = PDFDocument(PDFParser(handle))
                raw_info = document.info[0] if document.info else {}
                # Resolved while the file is open; only text values (a nested object is no title).
                info = {
                    k: _decode(v)
                    for k, v in ((k, resolve1(v)) for k, v in raw_info.items())
                    if isinstance(v, (bytes, str))
                }
            pages = [
                "".join(el.get_text() for el in page if isinstance(el, LTTextContainer))
                for page in extract_pages(str(path), laparams=LAParams())
            ]
        except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
            raise Failure(Reason.encrypted, "the PDF is protected with a password") from exc
        except (PSEOF, PSException, PDFSyntaxError, ValueError, KeyError, TypeError, RecursionError) as exc:
            raise Failure(Reason.damaged, f"pdfminer cannot read the PDF ({type(exc).__name__}: {exc})") from exc
        return Extraction(pages=pages, info={k: v for k, v in info.items() if v})
