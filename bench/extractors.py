"""Which PDF extractor is the default: speed and text quality of pypdfium2 and pdfminer.six, in one run.

    .venv/bin/python bench/extractors.py [--pages 200]

Writes a generated corpus (ligatures, line-end hyphens, two columns, diacritics), extracts it with both
engines (median of 3 runs), and checks the normalised text. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from openarchief.demo.pdf import write_pdf
from openarchief.ingest.extractors import ENGINES, extract
from openarchief.ingest.normalize import normalize_page

PARAGRAPH = (
    "De ﬁnanciële positie van de gemeenten in Noord-Holland en de gemeentelijke ideeën over één Woo-verzoek "
    "worden besproken in het overleg over de omgevingsvergunning en het bestemmingsplan."
)
CHECKS = {
    "ligature ﬁ -> fi": lambda t: "financiële" in t and "ﬁ" not in t,
    "broken word joined": lambda t: "gemeentelijke" in t,
    "compound keeps hyphen": lambda t: "Noord-Holland" in t and "Woo-verzoek" in t,
    "diacritics kept": lambda t: "ideeën" in t and "één" in t,
    "columns in order": lambda t: t.find("Linkerkolom") < t.find("Rechterkolom") and "einde links" in t,
}


def build(folder: Path, pages: int) -> list[Path]:
    text = "\n\n".join([PARAGRAPH] * 6)
    files = [write_pdf(folder / "bulk.pdf", [text] * pages)]
    files.append(
        write_pdf(folder / "checks.pdf", [text], hyphenate_at=["gemeentelijke", "Noord-Holland", "Woo-verzoek"])
    )
    files.append(
        write_pdf(
            folder / "columns.pdf",
            ["Linkerkolom: " + " ".join(["tekst"] * 80) + " einde links\n\nRechterkolom: " + " ".join(["tekst"] * 80)],
            two_column=True,
        )
    )
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bulk, checks, columns = build(Path(tmp), args.pages)
        print(f"| engine | pages/s (median of 3, {args.pages} pages) | " + " | ".join(CHECKS) + " |")
        print("|---|---|" + "---|" * len(CHECKS))
        for engine in ENGINES:
            times = []
            for _ in range(3):
                started = time.perf_counter()
                extract(bulk, engine)
                times.append(time.perf_counter() - started)
            speed = args.pages / statistics.median(times)
            text = " ".join(" ".join(normalize_page(p) for p in extract(f, engine).pages) for f in (checks, columns))
            text = " ".join(text.split())
            marks = ["yes" if check(text) else "NO" for check in CHECKS.values()]
            print(f"| {engine} | {speed:.0f} | " + " | ".join(marks) + " |")


if __name__ == "__main__":
    main()
