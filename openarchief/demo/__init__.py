"""The demo archive that `openarchief demo` writes and ingests, and the PDF writer it is typeset with: a tool
that ships with the product, not part of ingestion.

`corpus.build_demo_corpus` writes the archive; `documents` holds its texts and metadata; `pdf` typesets text and
scanned PDFs (`write_pdf`, `write_scanned_pdf`), which the tests and benchmarks use as well; `broken` writes the
unreadable files the demo includes.
"""
