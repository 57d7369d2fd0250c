"""Generators of hostile and broken files for tests/test_hostile.py: what a public archive receives from careless
or malicious sources. Each writes one file and returns its path; all are small on disk (the bomb about 4 MB).

Most are raw PDF bytes written by hand (`raw_pdf`), so that the structure is exactly the hostile one and no
library repairs it on the way; the encrypted ones and the one with JavaScript and an attachment go through pypdf
over the project's own text PDFs (openarchief.demo.pdf). Every file has content of its own (its own word, or a random
salt), so that the ledger never skips one as the duplicate of another.

`HOSTILE` lists them all by file name, with the word its text carries (None for a file with no readable text).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

from pdf_writers import write_encrypted_pdf, write_zero_byte_file
from PIL import Image

from openarchief.demo.broken import write_fake_pdf, write_truncated_pdf
from openarchief.demo.pdf import text_pdf_bytes

GIB = 1 << 30

# Words that are only in the JavaScript or only in the attachment of `write_javascript_and_attachment`: a search
# for them must find nothing, since neither is page text.
WORD_JAVASCRIPT = "javascriptwoord"
WORD_ATTACHMENT = "bijlagegeheim"


# --- a minimal PDF writer ---------------------------------------------------------------------------------------


def stream(dictionary: bytes, data: bytes) -> bytes:
    """An object body for a stream: `dictionary` holds the keys other than /Length."""
    return b"<< " + dictionary + b" /Length " + str(len(data)).encode() + b" >>\nstream\n" + data + b"\nendstream"


def raw_pdf(objects: list[bytes], *, info: int | None = None) -> bytes:
    """A PDF whose object n (1-based) has the body objects[n - 1], the catalog being object 1, with a correct
    xref table and trailer."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def text_content(line: str) -> bytes:
    """A page content stream showing one ASCII line in Helvetica (resource name /F1)."""
    return b"BT /F1 12 Tf 72 760 Td (" + line.encode("ascii") + b") Tj ET"


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
ONE_KID = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
MEDIABOX = b"/MediaBox [0 0 595 842]"
RESOURCES = b"/Resources << /Font << /F1 4 0 R >> >>"


def page(parent: int = 2, contents: int = 5, *, resources: bytes = RESOURCES, extra: bytes = b"") -> bytes:
    return (
        b"<< /Type /Page /Parent %d 0 R " % parent
        + MEDIABOX
        + b" "
        + resources
        + b" /Contents %d 0 R " % contents
        + extra
        + b">>"
    )


def one_page_pdf(
    text: str,
    *,
    page_extra: bytes = b"",
    resources: bytes = RESOURCES,
    extra_objects: tuple[bytes, ...] = (),
    content: bytes | None = None,
    info: int | None = None,
) -> bytes:
    """Catalog 1, Pages 2, Page 3, Font 4, Contents 5, then `extra_objects` from number 6 on."""
    return raw_pdf(
        [
            CATALOG,
            ONE_KID,
            page(resources=resources, extra=page_extra),
            FONT,
            stream(b"", content if content is not None else text_content(text)),
            *extra_objects,
        ],
        info=info,
    )


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- 1. a page tree with thousands of pages ---------------------------------------------------------------------


def write_many_pages(path: Path, word: str, pages: int = 5000) -> Path:
    """`pages` pages in one flat /Kids array, all sharing one content stream and one font: under 1 MB."""
    first_page = 5
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        CATALOG,
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        FONT,
        stream(b"", text_content(f"Het document {word} telt {pages} pagina's.")),
    ]
    objects += [page(contents=4, resources=b"/Resources << /Font << /F1 3 0 R >> >>")] * pages
    return _write(path, raw_pdf(objects))


# --- 2. deep nesting --------------------------------------------------------------------------------------------


def write_deep_array(path: Path, word: str, depth: int = 100_000) -> Path:
    """A text page whose /Annots (and a private key) is an array nested `depth` deep: a parser that recurses
    per level runs out of stack."""
    deep = b"[" * depth + b"]" * depth
    return _write(
        path, one_page_pdf(f"Een {word} array.", page_extra=b"/Annots 6 0 R /Deep 6 0 R ", extra_objects=(deep,))
    )


def write_deep_dictionary(path: Path, word: str, depth: int = 100_000) -> Path:
    """A text page with a dictionary chain `depth` deep: << /A << /A << ... 1 >> >> >>."""
    deep = b"<< /A " * depth + b"1" + b" >>" * depth
    return _write(
        path,
        one_page_pdf(f"Een {word} woordenboek.", page_extra=b"/PieceInfo 6 0 R /Deep 6 0 R ", extra_objects=(deep,)),
    )


def write_deep_content(path: Path, word: str, depth: int = 100_000) -> Path:
    """A text page whose (compressed) content stream has, after the text, an operand array nested `depth`
    deep."""
    content = text_content(f"Een {word} inhoudsstroom.") + b"\n" + b"[" * depth + b"]" * depth + b" pop"
    return _write(
        path, raw_pdf([CATALOG, ONE_KID, page(), FONT, stream(b"/Filter /FlateDecode", zlib.compress(content, 9))])
    )


def write_deep_info(path: Path, word: str, depth: int = 100_000) -> Path:
    """A text page; the Info dictionary's /Title is an (indirect) array nested `depth` deep."""
    deep = b"[" * depth + b"]" * depth
    return _write(
        path,
        one_page_pdf(f"Een {word} titel.", info=6, extra_objects=(b"<< /Title 7 0 R /Author (openarchief) >>", deep)),
    )


def write_deep_page_tree(path: Path, word: str, depth: int = 5_000) -> Path:
    """One text page at the bottom of `depth` nested /Pages nodes: a reader that walks the tree by recursion
    runs out of stack."""
    first = 6  # the nested /Pages nodes are objects first .. first + depth - 1, under the root /Pages (2)
    nodes = []
    for level in range(depth):
        kid = first + level + 1 if level + 1 < depth else 3
        parent = first + level - 1 if level else 2
        nodes.append(b"<< /Type /Pages /Kids [%d 0 R] /Count 1 /Parent %d 0 R >>" % (kid, parent))
    return _write(
        path,
        raw_pdf(
            [
                CATALOG,
                b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % first,
                page(parent=first + depth - 1),
                FONT,
                stream(b"", text_content(f"Een {word} paginaboom.")),
                *nodes,
            ]
        ),
    )


def write_reference_chain(path: Path, word: str, length: int = 50_000) -> Path:
    """An indirect reference chain `length` long: object n is only a reference to object n + 1; the page's
    /Resources reach the real resources at the end of it."""
    first = 6
    chain = [b"%d 0 R" % (first + i + 1) for i in range(length)] + [b"<< /Font << /F1 4 0 R >> >>"]
    return _write(
        path, one_page_pdf(f"Een {word} keten.", resources=b"/Resources %d 0 R" % first, extra_objects=tuple(chain))
    )


# --- 2. cycles --------------------------------------------------------------------------------------------------


def write_page_tree_cycle(path: Path, word: str) -> Path:
    """A page tree with cycles: the root /Pages lists itself among its /Kids and is its own /Parent, a second
    /Pages node and the root are each other's kid, and /Count lies (3). One real page, with text."""
    return _write(
        path,
        raw_pdf(
            [
                CATALOG,
                b"<< /Type /Pages /Kids [2 0 R 6 0 R 3 0 R] /Count 3 /Parent 2 0 R >>",
                page(),
                FONT,
                stream(b"", text_content(f"Een {word} in de boom.")),
                b"<< /Type /Pages /Kids [2 0 R 6 0 R] /Count 2 /Parent 2 0 R >>",
            ]
        ),
    )


def write_page_tree_only_itself(path: Path, word: str | None = None) -> Path:
    """A /Pages node whose only kid is itself: there is no page at all, only the loop."""
    return _write(
        path,
        raw_pdf(
            [
                CATALOG,
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R " + MEDIABOX + b" >>",
            ]
        ),
    )


def write_reference_loop(path: Path, word: str) -> Path:
    """A page whose /Resources is object 6, which is only a reference to object 7, which is only a reference
    back to 6: resolving it never reaches a value."""
    return _write(
        path, one_page_pdf(f"Een {word} lus.", resources=b"/Resources 6 0 R", extra_objects=(b"7 0 R", b"6 0 R"))
    )


def write_xobject_loop(path: Path, word: str) -> Path:
    """A page that draws form XObject /X1, which draws itself (pdfminer.six issue #1113)."""
    form = stream(
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << /XObject << /X1 6 0 R >> >>", b"/X1 Do"
    )
    return _write(
        path,
        one_page_pdf(
            f"Een {word} formulier.",
            resources=b"/Resources << /Font << /F1 4 0 R >> /XObject << /X1 6 0 R >> >>",
            content=text_content(f"Een {word} formulier.") + b"\n/X1 Do",
            extra_objects=(form,),
        ),
    )


# --- 3. decompression bombs -------------------------------------------------------------------------------------


def zeros_deflate(total: int, chunk: int = 1 << 20) -> bytes:
    """A zlib stream of `total` zero bytes (a multiple of `chunk`), about total / 1000 bytes long, made in
    milliseconds: one chunk is deflated and ended with a full flush (which makes its blocks independent of what
    came before), and those bytes are repeated."""
    if total % chunk:
        raise ValueError("total must be a multiple of chunk")
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = deflate.compress(bytes(chunk)) + deflate.flush(zlib.Z_FULL_FLUSH)
    last = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block
    adler = ((total % 65521) << 16) | 1  # Adler-32 of zeros: a = 1, b = total mod 65521
    return b"\x78\xda" + segment * (total // chunk) + last + struct.pack(">I", adler)


def write_bomb(path: Path, word: str, inflated: int = 4 * GIB) -> Path:
    """Two pages: page 1 has ordinary text, page 2's /FlateDecode content stream inflates to `inflated` bytes
    of zeros (whitespace to a content parser) from about inflated / 1000 bytes on disk."""
    return _write(
        path,
        raw_pdf(
            [
                CATALOG,
                b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>",
                page(),
                FONT,
                stream(b"", text_content(f"Een {word} op de volgende pagina.")),
                page(contents=7),
                stream(b"/Filter /FlateDecode", zeros_deflate(inflated)),
            ]
        ),
    )


def write_image_bomb(path: Path, word: str | None, side: int = 65_536) -> Path:
    """A page that draws an image XObject `side` x `side` in 8-bit grey (4 GiB for 65536) from a FlateDecode
    stream of zeros, and shows `word` in text. A text extractor need not decode the image; without a word the
    page has no text, so ingest renders it for OCR, and the renderer meets the bomb."""
    image = (
        b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /FlateDecode" % (side, side)
    )
    content = b"q 500 0 0 500 50 50 cm /Im1 Do Q"
    if word:
        content = text_content(f"Een {word} als afbeelding.") + b"\n" + content
    return _write(
        path,
        one_page_pdf(
            "",
            resources=b"/Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >>",
            content=content,
            extra_objects=(stream(image, zeros_deflate(side * side)),),
        ),
    )


# --- 4. active content ------------------------------------------------------------------------------------------


def write_javascript_and_attachment(path: Path, word: str, url: str = "http://127.0.0.1:9/") -> Path:
    """A normal text page, plus JavaScript run on opening (/OpenAction, and the document-level /JavaScript name
    tree) that shows an alert and submits to `url`, and an /EmbeddedFiles attachment (a batch file). A reader
    that ran the script would connect to `url`; a text extractor must only read the page."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

    text = f"Deze {word} heeft een gewone tekstpagina met een script en een bijlage."
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes([text], None, None, False, ()))))
    script = f"var {WORD_JAVASCRIPT} = 1; app.alert('{WORD_JAVASCRIPT}'); this.submitForm('{url}');"

    def action():
        return writer._add_object(
            DictionaryObject(
                {
                    NameObject("/Type"): NameObject("/Action"),
                    NameObject("/S"): NameObject("/JavaScript"),
                    NameObject("/JS"): TextStringObject(script),
                }
            )
        )

    writer._root_object[NameObject("/OpenAction")] = action()
    writer._root_object[NameObject("/Names")] = writer._add_object(
        DictionaryObject(
            {
                NameObject("/JavaScript"): DictionaryObject(
                    {NameObject("/Names"): ArrayObject([TextStringObject("start"), action()])}
                ),
            }
        )
    )
    writer.add_attachment("uitvoeren.bat", f"@echo {WORD_ATTACHMENT}\r\ndel /q C:\\*\r\n".encode())
    buf = io.BytesIO()
    writer.write(buf)
    return _write(path, buf.getvalue())


# --- 5. not a PDF, or a PDF that cannot be read -----------------------------------------------------------------


def write_png(path: Path, word: str | None = None) -> Path:
    """A real PNG image (a grey square with a dark bar) under a .pdf name."""
    image = Image.new("L", (64, 64), 200)
    image.paste(30, (8, 28, 56, 36))
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return _write(path, buf.getvalue())


def write_jpeg(path: Path, word: str | None = None) -> Path:
    """A real JPEG (a grey gradient) under a .pdf name."""
    buf = io.BytesIO()
    Image.linear_gradient("L").resize((64, 64)).convert("RGB").save(buf, "JPEG", quality=80)
    return _write(path, buf.getvalue())


def write_html(path: Path, word: str | None = None) -> Path:
    """An HTML error page under a .pdf name, as a careless download saves it."""
    return write_fake_pdf(path)


def write_empty(path: Path, word: str | None = None) -> Path:
    return write_zero_byte_file(path)


def write_truncated(path: Path, word: str | None = None) -> Path:
    """A text PDF cut off halfway: no xref table, no trailer."""
    return write_truncated_pdf(path)


def write_encrypted(path: Path, word: str) -> Path:
    """AES-256 with a real user password: no text can be read without it."""
    return write_encrypted_pdf(path, [f"Een {word} document met een wachtwoord."], user_password="geheim")


def write_encrypted_open(path: Path, word: str) -> Path:
    """AES-256 with an empty user password (only an owner password): every reader opens it, so must we."""
    return write_encrypted_pdf(path, [f"Een {word} document zonder wachtwoord."], user_password="")


def write_indirect_info(path: Path, word: str) -> Path:
    """Not hostile: an ordinary text page whose Info /Title is an indirect object, as some producers write it."""
    return _write(
        path, one_page_pdf(f"Een {word} titel.", info=6, extra_objects=(b"<< /Title 7 0 R >>", b"(Een gewone titel)"))
    )


HOSTILE: dict[str, tuple[Callable[..., Path], str | None]] = {
    "many-pages.pdf": (write_many_pages, "paginaduizenden"),
    "deep-array.pdf": (write_deep_array, "diepearray"),
    "deep-dictionary.pdf": (write_deep_dictionary, "diepwoordenboek"),
    "deep-content.pdf": (write_deep_content, "diepinhoud"),
    "deep-info.pdf": (write_deep_info, "dieptitel"),
    "deep-page-tree.pdf": (write_deep_page_tree, "diepboom"),
    "reference-chain.pdf": (write_reference_chain, "verwijzingsketen"),
    "page-tree-cycle.pdf": (write_page_tree_cycle, "boomkring"),
    "page-tree-only-itself.pdf": (write_page_tree_only_itself, None),
    "reference-loop.pdf": (write_reference_loop, "verwijzingslus"),
    "xobject-loop.pdf": (write_xobject_loop, "formulierlus"),
    "bomb.pdf": (write_bomb, "inflatiebom"),
    "image-bomb.pdf": (write_image_bomb, "afbeeldingsbom"),
    "scan-bomb.pdf": (write_image_bomb, None),
    "javascript-attachment.pdf": (write_javascript_and_attachment, "scriptbrief"),
    "png-image.pdf": (write_png, None),
    "jpeg-image.pdf": (write_jpeg, None),
    "html-page.pdf": (write_html, None),
    "zero-bytes.pdf": (write_empty, None),
    "truncated.pdf": (write_truncated, None),
    "encrypted-password.pdf": (write_encrypted, "slotversleuteld"),
    "encrypted-open.pdf": (write_encrypted_open, "openversleuteld"),
    "indirect-info.pdf": (write_indirect_info, "indirecttitel"),
}


def write_all(folder: Path, overrides: dict[str, dict] | None = None) -> dict[str, Path]:
    """Every file of HOSTILE in `folder`; `overrides` gives extra keyword arguments per file name."""
    overrides = overrides or {}
    return {name: make(folder / name, word, **overrides.get(name, {})) for name, (make, word) in HOSTILE.items()}
