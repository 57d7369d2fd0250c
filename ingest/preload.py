"""Imported by the ingest's forkserver before it forks the workers (ingest.pipeline): what a worker would otherwise
load on its first files is loaded once, there, and every worker starts with it. That is the worker's code with the
default extraction engine (pypdfium2's bindings take 0.1 s to load), langdetect's language profiles (0.2 s), the
Dutch word list that repairs hyphenation, the analysis's compound parts and stemmer (an embedded archive's workers
analyse the pages they extract), and the detectors' patterns, some of which alternate hundreds of names
(0.1 s to compile): 0.45 s a worker, as long as a hundred one-page files take. pdfminer, thirty times slower to
extract with, is left to the workers that use it (it would add 20 MB to every worker's address space)."""

from __future__ import annotations

from openarchief.search.analysis import dictionary, page_terms

from . import process  # noqa: F401 (the worker's code)
from .detect import language, organisation
from .extractors import get_extractor

get_extractor("pypdfium2")
language.load_profiles()
dictionary()
page_terms("De gemeenteraden besluiten over omgevingsvergunningen.")  # compound parts, stop words, stemmer
organisation.compile_patterns()
