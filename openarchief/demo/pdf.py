"""Text and scanned PDFs for the demo archive, typeset with reportlab.

Deterministic: the same arguments give the same bytes on every run (reportlab's invariant mode, no dates in the
PDF Info dictionary, seeded noise in the scans).
"""

from __future__ import annotations

import io
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from .linebreak import break_table, paragraphs, wrap

PAGE_W, PAGE_H = A4  # points
MARGIN = 72.0
FONT_SIZE = 11.0
LEADING = 15.0  # baseline to baseline
PARA_GAP = 9.0  # extra space between paragraphs: > pdfminer's line_margin, so paragraphs become boxes
GUTTER = 30.0  # between the two columns

SCAN_DPI = 150
SCAN_FONT_PX = 30  # em size in pixels at 150 dpi, large enough for Tesseract
SCAN_MARGIN_PX = 130

_FONT_NAME = "OpenArchiefSans"
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _font_path() -> Path:
    """DejaVuSans: has ë é ï € and the ligature U+FB01. If the system font is missing, fall back to
    Bitstream Vera, bundled with reportlab (DejaVu's ancestor, with the same glyphs); the layout then
    differs slightly but stays deterministic per machine."""
    if _DEJAVU.is_file():
        return _DEJAVU
    import reportlab

    return Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"


def _register_font() -> str:
    if _FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(_FONT_NAME, str(_font_path())))
    return _FONT_NAME


class _Info(PDFInfo):
    """Info dictionary holding only what was given: reportlab's default writes Title "untitled",
    Author "anonymous" and (fixed, in invariant mode) dates, which would look like real metadata."""

    title: str | None = None
    author: str | None = None

    def digest(self, md5object) -> None:
        for value in (self.title, self.author):
            if value:
                md5object.update(value.encode("utf-8"))

    def format(self, document) -> bytes:
        d = {"Producer": PDFString(self.producer)}
        if self.title is not None:
            d["Title"] = PDFString(self.title)
        if self.author is not None:
            d["Author"] = PDFString(self.author)
        return PDFDictionary(d).format(document)


def _new_canvas(buf: io.BytesIO, title: str | None = None, author: str | None = None) -> canvas.Canvas:
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    info = _Info()
    info.title, info.author = title, author
    c._doc.info = info  # no public hook to drop Title/Author/dates
    return c


def _place_column(items: list[str | None], x: float, page_no: int) -> list[tuple[float, float, str]]:
    """items: lines, None = paragraph gap. Returns (x, baseline y, text)."""
    y = PAGE_H - MARGIN - FONT_SIZE
    placed = []
    for item in items:
        if item is None:
            y -= PARA_GAP
            continue
        if y < MARGIN:
            raise ValueError(f"text of page {page_no} does not fit on one page")
        placed.append((x, y, item))
        y -= LEADING
    return placed


def _layout_page(text: str, page_no: int, two_column: bool, breaks: dict[str, int]) -> list[tuple[float, float, str]]:
    font = _register_font()

    def measure(s: str) -> float:
        return pdfmetrics.stringWidth(s, font, FONT_SIZE)

    text_w = PAGE_W - 2 * MARGIN
    col_w = (text_w - GUTTER) / 2 if two_column else text_w
    items: list[str | None] = []
    for paragraph in paragraphs(text):
        if items:
            items.append(None)
        items.extend(wrap(paragraph, col_w, measure, breaks))
    if not two_column:
        return _place_column(items, MARGIN, page_no)
    # Balanced columns: the left one gets the first half of the height (possibly splitting a
    # paragraph), the right one the rest.
    heights = [PARA_GAP if it is None else LEADING for it in items]
    half, acc, split = sum(heights) / 2, 0.0, len(items)
    for i, h in enumerate(heights):
        acc += h
        if acc >= half:
            split = i + 1
            break
    left, right = items[:split], items[split:]
    while right and right[0] is None:
        right.pop(0)
    return _place_column(left, MARGIN, page_no) + _place_column(right, MARGIN + col_w + GUTTER, page_no)


def text_pdf_bytes(
    pages: list[str], title: str | None, author: str | None, two_column: bool, hyphenate_at: Iterable[str]
) -> bytes:
    font = _register_font()
    breaks = break_table(hyphenate_at)
    buf = io.BytesIO()
    c = _new_canvas(buf, title, author)
    for n, text in enumerate(pages, 1):
        c.setFont(font, FONT_SIZE)
        for x, y, line in _layout_page(text, n, two_column, breaks):
            c.drawString(x, y, line)
        c.showPage()
    c.save()
    return buf.getvalue()


def write_file(path: Path, data: bytes) -> Path:
    """`data` into `path`, its folder made if need be."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def write_pdf(
    path: Path,
    pages: list[str],
    *,
    title: str | None = None,
    author: str | None = None,
    two_column: bool = False,
    hyphenate_at: Sequence[str] = (),
) -> Path:
    """Text PDF, one string per page (ValueError if a page's text does not fit on one A4 page).

    Paragraphs are separated by blank lines, a single newline is a hard line break, lines are wrapped
    to the text width. Characters are drawn as given: a literal "ﬁ" (U+FB01) is the ligature glyph.
    two_column: each page in two balanced columns, left column first in the content stream.
    hyphenate_at: words broken at a line end wherever they occur: "gemeentelijke" -> "gemeente-" /
    "lijke", "Noord-Holland" -> "Noord-" / "Holland" (at its own hyphen); "gemeen|telijke" marks the
    break point explicitly. title/author go into the Info dictionary only when given.
    """
    return write_file(path, text_pdf_bytes(pages, title, author, two_column, hyphenate_at))


def _scan_image(text: str, seed: int) -> Image.Image:
    w, h = round(PAGE_W / 72 * SCAN_DPI), round(PAGE_H / 72 * SCAN_DPI)
    font = ImageFont.truetype(str(_font_path()), SCAN_FONT_PX)
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    line_h, y = round(SCAN_FONT_PX * 1.45), SCAN_MARGIN_PX
    for n, paragraph in enumerate(paragraphs(text)):
        if n:
            y += line_h // 2
        for line in wrap(paragraph, w - 2 * SCAN_MARGIN_PX, font.getlength, {}):
            if y + line_h > h - SCAN_MARGIN_PX:
                raise ValueError("text does not fit on one scanned page")
            draw.text((SCAN_MARGIN_PX, y), line, font=font, fill=0)
            y += line_h
    img = img.rotate(0.5, resample=Image.Resampling.BICUBIC, fillcolor=255)
    rng = random.Random(seed)
    px = img.load()
    assert px is not None
    for _ in range(w * h // 800):  # dust: light grey and a few dark specks
        x, y = rng.randrange(w), rng.randrange(h)
        px[x, y] = rng.choice((40, 120, 160, 200, 220))
    return img


def write_scanned_pdf(path: Path, pages: list[str]) -> Path:
    """Image-only PDF: each page is a 150 dpi greyscale raster of the text, rotated by 0.5 degree
    and dusted with seeded noise. No text layer at all."""
    buf = io.BytesIO()
    c = _new_canvas(buf)
    for n, text in enumerate(pages):
        c.drawImage(ImageReader(_scan_image(text, seed=n)), 0, 0, width=PAGE_W, height=PAGE_H)
        c.showPage()
    c.save()
    return write_file(path, buf.getvalue())
