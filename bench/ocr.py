"""OCR speed: seconds per page with OMP_THREAD_LIMIT=1 (what ingest.ocr uses) and with Tesseract's default threading.

    .venv/bin/python bench/ocr.py [--pages 4]

Writes N generated scanned pages (openarchief.demo.pdf.write_scanned_pdf), then OCRs them one after another, each page
once with each setting (render at 300 dpi + Tesseract, `nld`), and prints one markdown table row. Tesseract's
OpenMP threads cost far more than they save here, so ingest runs one thread per process and parallelises across
processes. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from openarchief.demo.pdf import write_scanned_pdf
from openarchief.ingest import ocr

PARAGRAPH = (
    "De gemeente ontving één Woo-verzoek over de financiële positie van de gemeenten in Noord-Holland. De "
    "coördinator beantwoordt het verzoek binnen vier weken; de ideeën van de provincie over de omgevingsvergunning "
    "en het bestemmingsplan worden daarbij betrokken."
)


def seconds_per_page(pdf: Path, pages: int, env: dict[str, str]) -> tuple[float, list[str]]:
    texts = []
    started = time.perf_counter()
    for number in range(1, pages + 1):
        with tempfile.NamedTemporaryFile(suffix=".pgm") as image:
            ocr._render(pdf, number, 300, image)
            texts.append(ocr._tesseract(image.name, "nld", 180, env=env))
    return (time.perf_counter() - started) / pages, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=4)
    args = parser.parse_args()
    if not ocr.tesseract_available():
        raise SystemExit("Tesseract with the Dutch model is not installed (tesseract-ocr, tesseract-ocr-nld)")
    unset = {k: v for k, v in os.environ.items() if k != "OMP_THREAD_LIMIT"}
    with tempfile.TemporaryDirectory() as tmp:
        pages = [f"Pagina {n}\n\n" + "\n\n".join([PARAGRAPH] * 4) for n in range(1, args.pages + 1)]
        pdf = write_scanned_pdf(Path(tmp) / "scan.pdf", pages)
        one, one_texts = seconds_per_page(pdf, args.pages, unset | {"OMP_THREAD_LIMIT": "1"})
        default, default_texts = seconds_per_page(pdf, args.pages, unset)
    print("| pages | CPU cores | s/page OMP_THREAD_LIMIT=1 | s/page unset (Tesseract default) | same text |")
    print("|---|---|---|---|---|")
    same = "yes" if one_texts == default_texts else "NO"
    print(f"| {args.pages} | {os.cpu_count()} | {one:.2f} | {default:.2f} | {same} |")


if __name__ == "__main__":
    main()
