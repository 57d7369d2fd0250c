"""What a search asks and what it returns, independent of the engine."""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, Field, field_validator, model_validator

from .model import Parliamentary

# The facet fields, named once: every engine, the request parser, the web pages and the exports derive theirs.
# Single codes of a vocabulary, shown with their label. `organisation` is the publisher of any kind (its facet
# also counts an ended organisation's documents under its successors); `ministry` the same for ministries only,
# as the API had it first.
CODED_FACETS = ("organisation", "ministry", "type", "category")
WOO_FACETS = ("judgement", "ground")  # from Woo inventories: several values per document
KEYWORD_FACETS = (*CODED_FACETS, "organisation_kind", "theme", "language", *WOO_FACETS)  # keywords in the engines
FACETS = (*KEYWORD_FACETS, "year")  # year: derived from the date
# Filters, not facets (their values are too many to list): a Woo dossier, a Kamerstuk dossier number.
FILTERS = (*FACETS, "dossier", "kamerstuk")
MAX_SIZE = 100
# How deep pages go (page x size), on both engines; all hits of a search are in the export.
MAX_WINDOW = 10_000
MAX_QUERY = 1000  # characters of a query that are searched; the rest is left off, with a notice


class Sort(str, Enum):
    relevance = "relevance"
    newest = "newest"
    oldest = "oldest"
    added = "added"  # newest in the archive first (the feed's order)


class SearchRequest(BaseModel):
    q: str = ""
    organisation: list[str] = []
    ministry: list[str] = []
    type: list[str] = []
    category: list[str] = []
    organisation_kind: list[str] = []
    theme: list[str] = []
    language: list[str] = []
    judgement: list[str] = []
    ground: list[str] = []
    dossier: list[str] = []
    kamerstuk: list[str] = []
    year: list[Annotated[int, Field(ge=1, le=9999)]] = []
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: Sort | None = None  # None: relevance with a query, newest without
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(10, ge=1, le=MAX_SIZE)
    # Abbreviations and full names searched for each other (search/synonyms.py); False searches as typed.
    expand: bool = True

    @field_validator("date_from", "date_to", mode="before")
    @classmethod
    def _iso_date(cls, value):
        # pydantic would also read "0" or "1700000000" as a date (seconds since 1970): a date here is JJJJ-MM-DD.
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            raise ValueError("moet een datum zijn, als JJJJ-MM-DD")
        return value

    @field_validator("q")
    @classmethod
    def _not_too_long(cls, q: str) -> str:
        # Any input gets an answer: a query past the limit is shortened (at a word) rather than refused.
        if len(q) <= MAX_QUERY:
            return q
        cut = q[:MAX_QUERY]
        return cut[: cut.rfind(" ")] if " " in cut else cut

    @model_validator(mode="after")
    def _dates_in_order(self) -> "SearchRequest":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("date_from mag niet na date_to liggen")
        if self.page * self.size > MAX_WINDOW:
            raise ValueError(
                f"page x size mag hoogstens {MAX_WINDOW:,} zijn".replace(",", ".")
                + ": alle treffers staan in de export (/api/v1/export)"
            )
        return self

    @property
    def effective_sort(self) -> Sort:
        if self.sort:
            return self.sort
        return Sort.relevance if self.q.strip() else Sort.newest

    def filters(self, without: str | None = None) -> dict[str, list]:
        return {f: getattr(self, f) for f in FILTERS if f != without and getattr(self, f)}


class PageHit(BaseModel):
    page: int
    snippet: str


class Hit(BaseModel):
    id: str
    title: str
    organisation: str | None = None
    ministry: str | None
    type: str | None
    category: str | None
    date: dt.date | None
    language: str | None
    page_count: int
    theme: list[str] = []
    parliament: Parliamentary | None = None
    dossier: str | None = None
    dossier_title: str | None = None
    indexed_at: dt.datetime | None = None  # when it entered the archive
    snippet: str  # HTML: the text escaped, matched words in <mark>
    page_hits: list[PageHit] = []


class FacetValue(BaseModel):
    value: str
    count: int


class Expansion(BaseModel):
    """What a search also looked for: the full names of a typed abbreviation, or the abbreviation of a typed
    name."""

    typed: str  # "VWS", "wet open overheid"
    also: list[str]  # "Volksgezondheid, Welzijn en Sport"; "Woo"
    organisation: str | None = None  # TOOI code of the organisation it names: a filter to suggest


class SearchResult(BaseModel):
    total: int
    page: int
    size: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    expanded: list[Expansion] = []


class Generation(BaseModel):
    """One full build of the index; `current` is the one searches go to."""

    name: str
    count: int | None
    current: bool
    complete: bool = True  # built to the end and checked; an incomplete one is never switched to
    retired_at: dt.datetime | None = None  # when searches (and ingest) last moved away from it

    @property
    def built_at(self) -> dt.datetime | None:
        """When the build began, from the name both engines give a generation (`…YYYYMMDDtHHMMSSffffff…`)."""
        found = re.search(r"(\d{8})[tT](\d{12})", self.name)
        if not found:
            return None
        return dt.datetime.strptime("".join(found.groups()), "%Y%m%d%H%M%S%f").replace(tzinfo=dt.timezone.utc)


def compacted_name(name: str) -> str:
    """The name of a generation's copy without its deleted entries: `<name>-c1`, then `-c2`…, so that it sorts
    right after the original and before any later generation (rollback order is kept)."""
    found = re.fullmatch(r"(.*)-c(\d+)", name)
    return f"{found.group(1)}-c{int(found.group(2)) + 1}" if found else f"{name}-c1"
