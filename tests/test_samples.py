"""Checks on the generated sample PDFs (openarchief/demo/, and the test-only writers of tests/pdf_writers.py), read back with pdfminer.six and pypdfium2."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest
from pdf_writers import write_encrypted_pdf, write_zero_byte_file
from pdfminer.high_level import extract_text
from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser, PDFSyntaxError
from pdfminer.psexceptions import PSEOF
from pdfminer.utils import decode_text

from openarchief.demo.broken import write_fake_pdf, write_truncated_pdf
from openarchief.demo.corpus import build_demo_corpus
from openarchief.demo.pdf import write_pdf, write_scanned_pdf

PAGE_W = 595.2756  # A4, points
MARGIN = 72.0


def pdfium_text(path, password=None) -> list[str]:
    pdf = pdfium.PdfDocument(path, password=password)
    try:
        return [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()


def pdf_info(path) -> dict[str, str]:
    with open(path, "rb") as f:
        info = PDFDocument(PDFParser(f)).info
    return {k: decode_text(v) for k, v in (info[0] if info else {}).items() if isinstance(v, bytes)}


def test_font_keeps_accents_euro_and_fi_ligature(tmp_path):
    text = "De ﬁnanciële ideeën zijn geïnventariseerd: € 15 per inwoner. Een financiële nota."
    p = write_pdf(tmp_path / "a.pdf", [text])
    text = extract_text(p)
    assert "ﬁnanciële ideeën zijn geïnventariseerd: € 15 per inwoner" in text
    assert "Een financiële nota" in text  # a plain "fi" stays two letters
    assert "ideeën zijn geïnventariseerd: € 15" in pdfium_text(p)[0]


def test_one_page_per_string_and_wrapping_within_margins(tmp_path):
    words = " ".join(f"woord{i}" for i in range(300))
    p = write_pdf(tmp_path / "a.pdf", [words, "Tweede pagina.\n\nTweede alinea."])
    pdf = pdfium.PdfDocument(p)
    assert len(pdf) == 2
    tp = pdf[0].get_textpage()
    right = max(tp.get_charbox(i)[2] for i in range(tp.count_chars()))
    assert PAGE_W - MARGIN - 20 < right <= PAGE_W - MARGIN + 0.5  # filled lines, nothing past the margin
    assert extract_text(p).split("\f")[1].strip() == "Tweede pagina.\n\nTweede alinea."
    pdf.close()


def test_page_text_that_does_not_fit_raises(tmp_path):
    with pytest.raises(ValueError):
        write_pdf(tmp_path / "a.pdf", ["Een te lange pagina. " * 800])


def test_hyphenate_at_breaks_words_at_line_ends(tmp_path):
    page = (
        "De gemeentelijke diensten in Noord-Holland behandelen elk Woo-verzoek binnen de termijn. "
        "Ook de gemeentelijke archieven in Noord-Holland worden bijgehouden."
    )
    p = write_pdf(tmp_path / "a.pdf", [page], hyphenate_at=["gemeentelijke", "Noord-Holland"])
    lines = [ln.strip() for ln in extract_text(p).splitlines() if ln.strip()]
    pairs = list(zip(lines, lines[1:]))
    assert sum(a.endswith("gemeente-") and b.startswith("lijke") for a, b in pairs) == 2
    assert sum(a.endswith("Noord-") and b.startswith("Holland") for a, b in pairs) == 2
    assert not any("gemeentelijke" in ln or "Noord-Holland" in ln for ln in lines)
    assert any("Woo-verzoek" in ln for ln in lines)  # not listed: left whole


def test_title_and_author_only_when_given(tmp_path):
    bare = write_pdf(tmp_path / "bare.pdf", ["Tekst."])
    assert "Title" not in pdf_info(bare) and "Author" not in pdf_info(bare)
    named = write_pdf(
        tmp_path / "named.pdf", ["Tekst."], title="Beslisnota financiën", author="Ministerie van Financiën"
    )
    info = pdf_info(named)
    assert info["Title"] == "Beslisnota financiën" and info["Author"] == "Ministerie van Financiën"


def test_two_columns_left_first(tmp_path):
    filler = " ".join(["over de bereikbaarheid van wegen en scholen"] * 5)
    paragraphs = [f"Alinea{n} {filler}" for n in range(1, 7)]
    p = write_pdf(tmp_path / "a.pdf", ["\n\n".join(paragraphs)], two_column=True)
    markers = [f"Alinea{n}" for n in range(1, 7)]
    pdf = pdfium.PdfDocument(p)
    tp = pdf[0].get_textpage()
    text = tp.get_text_range()
    x_of = {m: tp.get_charbox(text.index(m))[0] for m in markers}
    pdf.close()
    assert x_of["Alinea1"] < PAGE_W / 2 < x_of["Alinea6"]
    assert [x_of[m] < PAGE_W / 2 for m in markers].count(True) >= 2  # both columns hold paragraphs
    for extracted in (text, extract_text(p)):
        positions = [extracted.index(m) for m in markers]
        assert positions == sorted(positions)


def test_encrypted(tmp_path):
    locked = write_encrypted_pdf(
        tmp_path / "locked.pdf", ["Vertrouwelijk stuk over gemeenten."], user_password="geheim"
    )
    with pytest.raises(PDFPasswordIncorrect):
        extract_text(locked)
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(locked)
    assert "Vertrouwelijk stuk" in pdfium_text(locked, password="geheim")[0]
    assert b"/AESV3" in locked.read_bytes()
    open_ = write_encrypted_pdf(tmp_path / "open.pdf", ["Openbaar stuk over gemeenten."], user_password="")
    assert b"/Encrypt" in open_.read_bytes()
    assert "Openbaar stuk" in extract_text(open_)
    assert "Openbaar stuk" in pdfium_text(open_)[0]


def test_scanned_has_no_text_layer_but_dark_pixels(tmp_path):
    page = "Ministerie van Defensie\n\nOntvangstbevestiging van uw Woo-verzoek."
    p = write_scanned_pdf(tmp_path / "scan.pdf", [page, page])
    assert extract_text(p).strip() == ""
    assert pdfium_text(p) == ["", ""]
    pdf = pdfium.PdfDocument(p)
    page = pdf[0]
    images = [o for o in page.get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 1 and 1200 <= images[0].get_px_size()[0] <= 1280  # ~150 dpi on A4
    histogram = page.render(scale=1, grayscale=True).to_pil().convert("L").histogram()
    assert sum(histogram[:100]) > 500  # text was drawn
    pdf.close()


def test_scanned_is_readable_by_tesseract(tmp_path):
    from conftest import require

    require(shutil.which("tesseract") is not None, "Tesseract (Debian package tesseract-ocr)")
    p = write_scanned_pdf(tmp_path / "scan.pdf", ["Uw Woo-verzoek over de gemeenten is ontvangen."])
    png = tmp_path / "scan.png"
    pdf = pdfium.PdfDocument(p)
    pdf[0].render(scale=300 / 72, grayscale=True).to_pil().save(png)
    pdf.close()
    out = subprocess.run(
        ["tesseract", str(png), "-", "-l", "nld"],
        capture_output=True,
        text=True,
        env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},
        check=True,
    ).stdout
    assert "Woo-verzoek over de gemeenten is ontvangen" in out


def test_broken_files_fail_to_open(tmp_path):
    truncated = write_truncated_pdf(tmp_path / "truncated.pdf")
    data = truncated.read_bytes()
    assert data.startswith(b"%PDF-") and b"stream" in data
    assert b"startxref" not in data and b"%%EOF" not in data
    zero = write_zero_byte_file(tmp_path / "zero.pdf")
    assert zero.stat().st_size == 0
    fake = write_fake_pdf(tmp_path / "fake.pdf")
    assert fake.read_bytes().lstrip().lower().startswith(b"<!doctype html")
    for path, error in ((truncated, PSEOF), (zero, PDFSyntaxError), (fake, PDFSyntaxError)):
        with pytest.raises(error):
            extract_text(path)
        with pytest.raises(pdfium.PdfiumError):
            pdfium.PdfDocument(path)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    dest = tmp_path_factory.mktemp("demo")
    return dest, build_demo_corpus(dest)


def test_demo_corpus_is_deterministic(demo, tmp_path):
    dest, files = demo
    build_demo_corpus(tmp_path)
    names = sorted(p.name for p in dest.iterdir())
    assert names == sorted(p.name for p in tmp_path.iterdir())
    for name in names:
        assert (dest / name).read_bytes() == (tmp_path / name).read_bytes(), name


def test_demo_corpus_metadata(demo):
    dest, files = demo
    assert 12 <= len(files) <= 20
    assert all(p.parent == dest and p.suffix == ".pdf" and p.exists() for p in files)
    sidecars = {
        p.name: json.loads(p.with_suffix(".json").read_text("utf-8")) for p in files if p.with_suffix(".json").exists()
    }
    with open(dest / "manifest.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert 2 <= len(rows) <= 3 and set(rows[0]) == {"file", "title", "ministry", "type", "date", "category", "theme"}
    manifest = {r["file"]: r for r in rows}
    assert not set(manifest) & set(sidecars) and set(manifest) <= {p.name for p in files}
    assert len(sidecars) > len(files) / 2
    for meta in [*sidecars.values(), *manifest.values()]:
        assert meta["title"] and re.fullmatch(r"c_[0-9a-f]{8}", meta["type"])
        assert re.fullmatch(r"(mnre\d{4})?", meta["ministry"])
        assert re.fullmatch(r"20(19|2[0-5])-\d\d-\d\d", meta["date"])
        assert re.fullmatch(r"(c_[0-9a-f]{8})?", meta.get("category", ""))
    assert len({m["date"][:4] for m in sidecars.values()}) >= 5
    bare = [p for p in files if p.name not in sidecars and p.name not in manifest]
    assert len(bare) >= 2
    titles = [pdf_info(p).get("Title", "") for p in bare]
    assert all(titles) and any(t.startswith("Microsoft Word - ") for t in titles)
    for p in bare:  # a date must be findable in the text
        date = r"\d{1,2}[- ](\d\d|januari|maart|juni|november|december)[- ]20\d\d"
        assert re.search(date, pdfium_text(p)[0])


def test_demo_corpus_contents(demo):
    dest, files = demo
    texts, unreadable = {}, []
    for p in files:
        try:
            texts[p.name] = "\n".join(pdfium_text(p))
        except pdfium.PdfiumError:
            unreadable.append(p.name)
    assert len(unreadable) == 2  # the truncated file and the HTML page
    assert sum(1 for t in texts.values() if not t.strip()) == 1  # the scan
    assert all(len(t) > 800 for t in texts.values() if t.strip())
    everything = "\n".join(texts.values())
    for word in [
        "omgevingsvergunning",
        "vergunningen",
        "gemeenten",
        "gemeente",
        "financiën",
        "ideeën",
        "Woo-verzoek",
        "Noord-Holland",
        "gezondheidszorg",
        "bestemmingsplan",
        "kinderen",
        "bereikbaarheid",
        "stikstof",
        "boeren",
        "wind farms",
    ]:
        assert word in everything, word
    mined = {name: extract_text(dest / name) for name in texts if texts[name].strip()}
    assert any("ﬁ" in t for t in mined.values())
    assert any(re.search(r"[a-z]-\n[a-z]", t) for t in mined.values())  # a real line-end hyphenation
    assert any("Noord-\nHolland" in t for t in mined.values())


def test_every_demo_theme_is_a_theme_of_the_list():
    from openarchief.demo.documents import DEMO_DOCUMENTS, DEMO_THEMES
    from openarchief.search.vocabularies import themes

    assert set(DEMO_THEMES) <= {d.file for d in DEMO_DOCUMENTS}
    for labels in DEMO_THEMES.values():
        assert all(themes().resolve(label) for label in labels), labels
