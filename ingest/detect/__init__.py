"""Metadata from the text alone, for documents that come without a sidecar or manifest row, one module per
detector: title, date, organisation (the sender, of any kind), parliamentary identifiers, document type, Woo
category and language.

Every detector prefers None to a guess: a wrong facet value misleads researchers more than a missing one.
`ingest.metadata` decides when a detector's answer counts (after the sidecar and manifest, before the PDF's
Info dictionary); the detectors know nothing of those sources.
"""

from __future__ import annotations

from .category import category_for_type, detect_category
from .date import date_from_text, find_date
from .document_type import detect_type
from .language import detect_language
from .organisation import detect_ministry, detect_organisation, detect_publisher
from .parliament import detect_parliament
from .title import is_useful_title, pdf_title_fits_text, tidy_title, title_from_text

__all__ = [
    "category_for_type",
    "date_from_text",
    "detect_category",
    "detect_language",
    "detect_ministry",
    "detect_organisation",
    "detect_publisher",
    "detect_parliament",
    "detect_type",
    "find_date",
    "is_useful_title",
    "pdf_title_fits_text",
    "tidy_title",
    "title_from_text",
]
