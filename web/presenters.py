"""What the templates and the API show of codes and dates: labels, Dutch dates, links that keep the search."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from enum import Enum
from typing import Callable, Iterable, NamedTuple
from urllib.parse import quote, quote_plus, urlencode

from markupsafe import Markup

from openarchief.search import FACETS, SearchRequest
from openarchief.search.request import FacetValue
from openarchief.search.vocabularies import (
    ORGANISATION_KINDS,
    categories,
    document_types,
    language_label,
    ministries,
    organisations,
    themes,
)
from openarchief.search.woo import ROLES, ground_label, judgement_label

MONTHS_NL = "januari februari maart april mei juni juli augustus september oktober november december".split()

FACET_TITLES = {
    "organisation": "Organisatie",
    "organisation_kind": "Soort organisatie",
    "ministry": "Ministerie",
    "theme": "Thema",
    "type": "Documentsoort",
    "category": "Informatiecategorie",
    "year": "Jaar",
    "language": "Taal",
    "judgement": "Beoordeling (Woo)",
    "ground": "Weigeringsgrond",
    "kamerstuk": "Kamerstuk",
}
SORT_LABELS = {
    "relevance": "Relevantie",
    "newest": "Nieuwste eerst",
    "oldest": "Oudste eerst",
    "added": "Laatst toegevoegd aan het archief",
}


def label(facet: str, value: str | int | None) -> str:
    if value is None:
        return ""
    value = str(value)
    if facet == "organisation":
        return organisations().label(value)
    if facet == "organisation_kind":
        return ORGANISATION_KINDS.get(value, value)
    if facet == "theme":
        return themes().label(value)
    if facet == "ministry":
        return ministries().label(value)
    if facet == "type":
        return document_types().label(value)
    if facet == "category":
        return categories().label(value)
    if facet == "language":
        return language_label(value)
    if facet == "judgement":
        return judgement_label(value)
    if facet == "ground":
        return ground_label(value)
    if facet == "role":
        return ROLES.get(value, value)
    return value


SOURCES = {
    "sidecar": "metadatabestand",
    "manifest": "manifest",
    "pdf": "PDF-eigenschappen",
    "text": "tekst van het document",
    "filename": "bestandsnaam",
}


def correction_text(doc, field: str) -> str | None:
    """ "gecorrigeerd op 1 december 2026 (reden: …)" for a field an archivist corrected."""
    made = next((c for c in doc.corrections if c.field == field), None)
    if made is None:
        return None
    return f"gecorrigeerd op {dutch_date(made.at.date())} (reden: {made.reason})"


FIELD_NAMES = {
    "title": "titel",
    "date": "datum",
    "organisation": "organisatie",
    "type": "documentsoort",
    "category": "informatiecategorie",
    "theme": "thema",
    "language": "taal",
    "dossier": "Woo-dossier",
    "role": "rol in het dossier",
}


def history_value(field: str | None, value) -> str:
    """A value of the history as a reader reads it: labels for codes, a Dutch date."""
    if value in (None, "", []):
        return "(leeg)"
    if isinstance(value, list):
        return ", ".join(history_value(field, v) for v in value)
    if field == "date":
        return dutch_date(str(value))
    return (
        label(field or "", value) if field in ("organisation", "type", "category", "theme", "language") else str(value)
    )


def provenance(doc, field: str) -> str:
    """Where a value of the document page came from, in Dutch."""
    source = doc.provenance.get(field)
    if source == "correction":
        return correction_text(doc, field) or "gecorrigeerd"
    return f"bron: {SOURCES.get(source, source)}"


def coded(facet: str, value: str | None) -> dict | None:
    return {"code": value, "label": label(facet, value)} if value else None


def dutch_date(value: dt.date | str | None) -> str:
    if isinstance(value, str):  # a record's ISO date
        value = dt.date.fromisoformat(value)
    return f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}" if value else ""


PARAMETERS = ("q", *FACETS, "dossier", "kamerstuk", "date_from", "date_to", "sort", "page", "size", "uitbreiden")


def _param_text(value) -> str:
    if isinstance(value, Enum):
        return str(value.value)
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def query_params(request: SearchRequest, **changes) -> list[tuple[str, str]]:
    """The request as URL parameters (defaults left out), with `changes` applied."""
    # Read from the fields, not through model_dump: a result page builds a link for every facet value.
    params: list[tuple[str, str]] = []
    for key in PARAMETERS:
        if key == "uitbreiden":  # the request's `expand`, named for visitors; only its "off" is written
            if not changes.get("expand", request.expand):
                params.append((key, "0"))
            continue
        value = changes[key] if key in changes else getattr(request, key)
        if key == "page" and value == 1 or key == "size" and value == 10:
            continue
        for item in value if isinstance(value, list) else [value]:
            if item not in (None, ""):
                params.append((key, _param_text(item)))
    return params


def search_url(path: str, request: SearchRequest, **changes) -> str:
    params = query_params(request, **changes)
    return f"{path}?{urlencode(params)}" if params else path


def toggle(request: SearchRequest, facet: str, value: str) -> dict:
    """Changes that add `value` to the facet's filter, or remove it when it is there; back to page 1."""
    current = [str(v) for v in getattr(request, facet)]
    values = [v for v in current if v != value] if value in current else current + [value]
    return {facet: values, "page": 1}


class FacetLink(NamedTuple):
    """A facet value as a result page lists it."""

    label: str
    documents: int  # how many of the results have this value
    url: str  # the search with this value added to the facet's filter, or taken out when it is there
    selected: bool


# Facet values come from the vocabularies and the archive's years: a bounded set, each encoded once.
_quoted = functools.lru_cache(maxsize=8192)(quote_plus)


class ResultLinks:
    """The links of one result page that set one facet of its search and go back to page 1 (the facet values,
    the bars of the year chart): the query is encoded once for the page, and each link adds only its values.
    Each is the link search_url makes."""

    def __init__(self, path: str, request: SearchRequest):
        self.path, self.request = path, request
        self.params = query_params(request, page=1)

    def setting(self, facet: str) -> Callable[[Iterable], str]:
        """A function from values to the link with the facet's filter set to those values."""
        rest = [(key, value) for key, value in self.params if key != facet]
        before = sum(1 for key, _ in rest if PARAMETERS.index(key) < PARAMETERS.index(facet))
        head, tail = urlencode(rest[:before]), urlencode(rest[before:])
        key = quote_plus(facet) + "="  # as urlencode writes each pair

        def link(values: Iterable) -> str:
            chosen = "&".join(key + _quoted(_param_text(v)) for v in values)
            query = "&".join(part for part in (head, chosen, tail) if part)
            return f"{self.path}?{query}" if query else self.path

        return link

    def toggles(self, facet: str, values: list[str]) -> dict[str, str]:
        """For each value, the link `toggle` makes: the value added to the facet's filter, or taken out when it is
        there."""
        link = self.setting(facet)
        current = [str(v) for v in getattr(self.request, facet)]
        return {
            value: link([v for v in current if v != value] if value in current else [*current, value])
            for value in values
        }

    def facet_links(self, facet: str, values: list[FacetValue]) -> list[FacetLink]:
        if not values:
            return []
        urls = self.toggles(facet, [v.value for v in values])
        chosen = {str(v) for v in getattr(self.request, facet)}
        return [FacetLink(label(facet, v.value), v.count, urls[v.value], v.value in chosen) for v in values]


# Characters XML 1.0 forbids in a document even escaped: a control character in a title or a query would make a
# feed that no reader parses.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value):
    """`value` without the characters XML forbids; markup stays markup."""
    if value is None:
        return ""
    cleaned = _NOT_XML.sub("", str(value))
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


_NOT_IN_FILENAMES = re.compile(r"[^\w\s.,()-]+")


def content_disposition(title: str, sha256: str) -> str:
    """`inline`, named after the document's title ("Besluit op Woo-verzoek.pdf"; the hash's start without a
    title): no path separators, quotes or control characters, at most 100 characters; an ASCII name for old
    clients and the UTF-8 one for the rest (RFC 6266)."""
    name = " ".join(_NOT_IN_FILENAMES.sub(" ", title).split())[:100].strip(" .") or sha256[:12]
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().strip() or sha256[:12]
    return f"inline; filename=\"{ascii_name}.pdf\"; filename*=UTF-8''{quote(name + '.pdf')}"


def lang_attr(code: str | None) -> Markup:
    """` lang="…"` for text in another language than the page's Dutch (WCAG 3.1.2), only for a plain language code.
    A function rather than a macro: a result page asks it twice per hit, and a macro call costs ten times more."""
    if code and code != "nl" and len(code) <= 8 and code.replace("-", "").isalpha():
        return Markup(' lang="{}"').format(code)
    return Markup("")


def plural(count: int, one: str, many: str) -> str:
    """ "1 pagina", "2 pagina's" (and "0 pagina's")."""
    return f"{count} {one if count == 1 else many}"
