"""Files only the tests need, beside the demo's own writers (openarchief.demo): an encrypted PDF (through pypdf, a
test dependency only) and an empty file."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from openarchief.demo.pdf import text_pdf_bytes, write_file


def write_encrypted_pdf(path: Path, pages: list[str], *, user_password: str, owner_password: str = "eigenaar") -> Path:
    """AES-256 encrypted text PDF (needs pypdf's crypto extra, `cryptography`). user_password=""
    opens without a password. Not byte-deterministic: the encryption salts are random."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes(pages, None, None, False, ()))))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-256")
    writer.pdf_header = "%PDF-1.7"  # AES-256 (R6) postdates reportlab's default %PDF-1.3 header
    buf = io.BytesIO()
    writer.write(buf)
    return write_file(path, buf.getvalue())


def write_zero_byte_file(path: Path) -> Path:
    return write_file(path, b"")
