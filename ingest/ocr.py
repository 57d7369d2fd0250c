"""OCR of scanned pages: pypdfium2 renders the page, the Tesseract CLI reads it.

Tesseract runs with OMP_THREAD_LIMIT=1: with its default OpenMP threading a page took about four times as long
on this project's 2-core machine, for the same text. Parallelise across processes, never threads
(`bench/ocr.py` measures it). The page goes to Tesseract as an uncompressed PGM in a temporary file: measured
faster than PNG (whose encoding costs ~0.2 s per page) and than PGM through stdin (Tesseract reads a pipe slowly).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium


class OcrError(Exception):
    """OCR of a page failed; the message says why (e.g. "tesseract timed out after 120 s")."""


@functools.cache
def tesseract_available(lang: str = "nld") -> bool:
    """True when the tesseract binary is on PATH and has every model in `lang` ("nld", "nld+eng")."""
    exe = shutil.which("tesseract")
    if exe is None:
        return False
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    # The first line is a header ("List of available languages in ..."), then one language per line.
    installed = set(out.stdout.split("\n")[1:]) if out.returncode == 0 else set()
    return all(part in installed for part in lang.split("+"))


def ocr_page(pdf_path: Path, page_number: int, *, lang: str = "nld", dpi: int = 300, timeout: float = 180) -> str:
    """The text Tesseract reads on page `page_number` (1-based) of the PDF, rendered in grey at `dpi`."""
    with tempfile.NamedTemporaryFile(prefix="openarchief-ocr-", suffix=".pgm") as image:
        _render(Path(pdf_path), page_number, dpi, image)
        return _tesseract(image.name, lang, timeout, env=os.environ | {"OMP_THREAD_LIMIT": "1"})


def _render(pdf_path: Path, page_number: int, dpi: int, out) -> None:
    """Write the page as a greyscale PGM to the open binary file `out`."""
    try:
        pdf = pdfium.PdfDocument(str(pdf_path))
    except FileNotFoundError as exc:
        raise OcrError(f"no such file: {pdf_path}") from exc
    except (pdfium.PdfiumError, OSError) as exc:
        raise OcrError(f"cannot open {pdf_path.name} to render it: {exc}") from exc
    try:
        if not 1 <= page_number <= len(pdf):
            raise OcrError(f"page {page_number} does not exist: {pdf_path.name} has {len(pdf)} page(s)")
        page = pdf[page_number - 1]
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        bitmap.to_pil().save(out, format="PPM")  # mode "L" -> binary PGM (P5)
        out.flush()
    except (pdfium.PdfiumError, ValueError, OSError, MemoryError) as exc:  # ValueError: e.g. dpi <= 0
        raise OcrError(f"cannot render page {page_number} of {pdf_path.name} at {dpi} dpi: {exc}") from exc
    finally:
        pdf.close()


def _tesseract(image: str, lang: str, timeout: float, env: dict[str, str]) -> str:
    """Run the tesseract CLI on an image file; its stdout. subprocess.run kills and reaps it on timeout."""
    try:
        done = subprocess.run(["tesseract", image, "-", "-l", lang], capture_output=True, timeout=timeout, env=env)
    except FileNotFoundError as exc:
        raise OcrError("tesseract is not installed (Debian: tesseract-ocr tesseract-ocr-nld)") from exc
    except subprocess.TimeoutExpired as exc:
        raise OcrError(f"tesseract timed out after {timeout:g} s") from exc
    except OSError as exc:
        raise OcrError(f"tesseract could not be started: {exc}") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = " / ".join(lines[-3:]) or "no message"
        raise OcrError(f"tesseract failed with exit code {done.returncode}: {reason}")
    return done.stdout.decode("utf-8", "replace")
