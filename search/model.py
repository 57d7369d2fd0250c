"""The document model shared by ingest, the engines and the web."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field, PrivateAttr, model_validator

MetadataSource = Literal["sidecar", "manifest", "pdf", "text", "filename", "correction"]


class FieldCorrection(BaseModel):
    """An archivist's correction of one field (the value is on the document; this says when and why)."""

    field: str
    at: dt.datetime
    reason: str


class Page(BaseModel):
    number: int = Field(ge=1)
    text: str
    ocr: bool = False
    # Grounds for refusal stamped on the page as redaction labels (a line holding only "5.1.2e").
    grounds: list[str] = []


class HistoryEvent(BaseModel):
    """Something that happened to a document in the archive, for its public history."""

    at: dt.datetime
    kind: Literal["opgenomen", "opnieuw_gelezen", "gecorrigeerd", "correctie_ingetrokken"]
    field: str | None = None  # of a correction
    old: object = None
    new: object = None
    reason: str | None = None


class Parliamentary(BaseModel):
    """Where a parliamentary paper sits in the Staten-Generaal's numbering, the way officielebekendmakingen.nl
    names it: Kamerstuk 32 545 nr. 143 is `kst-32545-143`, Aanhangsel 2020-2021 nr. 3235 of the Tweede Kamer
    is `ah-tk-20202021-3235`."""

    chamber: Literal["tk", "ek"] | None = None
    session: str | None = Field(None, description="Vergaderjaar, e.g. 2020-2021")
    kamerstuk: str | None = Field(None, description="Kamerstukdossier, e.g. 32545 or 36200-XVI")
    number: str | None = Field(None, description="Ondernummer of the Kamerstuk, e.g. 143")
    appendix: str | None = Field(None, description="Number in the Aanhangsel van de Handelingen, e.g. 3235")
    proceedings: str | None = Field(None, description="Handelingen identifier, e.g. h-tk-20202021-45-12")

    def identifiers(self) -> list[str]:
        """The paper's identifiers as officielebekendmakingen.nl writes them."""
        ids = []
        if self.kamerstuk and self.number:
            ids.append(f"kst-{self.kamerstuk}-{self.number}".lower())
        if self.appendix and self.session and self.chamber:
            ids.append(f"ah-{self.chamber}-{self.session.replace('-', '')}-{self.appendix}")
        if self.proceedings:
            ids.append(self.proceedings.lower())
        return ids


class Document(BaseModel):
    """One archived PDF. `id` is the SHA-256 of its bytes, so the same file twice is one document."""

    id: str
    title: str
    pages: list[Page] = []
    # The publishing organisation (a TOOI code of search.vocabularies.organisations()); `ministry` is the same
    # for ministries only, kept as the API had it before organisations of every kind.
    organisation: str | None = None
    ministry: str | None = None
    type: str | None = None
    category: str | None = None
    theme: list[str] = []  # TOOI TOP-lijst codes
    date: dt.date | None = None
    language: str | None = None
    parliament: Parliamentary | None = None
    extractor: str | None = None
    source: str | None = None
    filename: str | None = None
    # Where each metadata value came from, e.g. {"title": "text", "date": "sidecar"}.
    provenance: dict[str, MetadataSource] = {}
    # Pages without a text layer that OCR (not yet run) would have to read.
    needs_ocr: list[int] = []
    indexed_at: dt.datetime | None = None
    # The fields an archivist corrected (`openarchief correct`): their values win over every source.
    corrections: list[FieldCorrection] = []
    # When it entered the archive, was read again, corrected (the ledger writes it whenever it stores the document).
    history: list[HistoryEvent] = []
    # The Woo dossier the document belongs to, its role in it, and (as facets) the judgements and grounds of
    # the dossier's inventory and the grounds stamped on its own pages.
    dossier: str | None = None
    dossier_title: str | None = None
    role: str | None = None
    judgement: list[str] = []
    ground: list[str] = []
    # Each page's analysed terms as an ingest worker made them ahead of indexing (search.analysis.prepare_pages),
    # by page number: (checksum of the text, index terms, exact terms). Travels with the document to the engine;
    # never stored or shown.
    _page_terms: dict[int, tuple[int, str, str]] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _ministry_is_an_organisation(self) -> "Document":
        # A document kept before organisations of every kind were known names its ministry only.
        if self.ministry and not self.organisation:
            self.organisation = self.ministry
            if "ministry" in self.provenance:
                self.provenance.setdefault("organisation", self.provenance["ministry"])
        return self

    @property
    def sha256(self) -> str:
        return self.id

    @property
    def page_count(self) -> int:
        return len(self.pages)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None


Judgement = Literal["openbaar", "deels_openbaar", "niet_openbaar", "reeds_openbaar", "buiten_reikwijdte"]
Role = Literal["besluit", "inventaris", "documenten", "bijlage", "overig"]
# Where a dossier's membership or inventory came from.
WooSource = Literal["sidecar", "manifest", "spreadsheet", "text", "correction"]


class InventoryRow(BaseModel):
    """One line of a Woo/Wob inventory: a document found for the request, and what was decided about it."""

    dossier: str | None = None
    number: str  # as the inventory numbers it: "1", "2.a"
    document_id: str | None = None  # the ID the released documents carry ("414721")
    title: str = ""
    date: dt.date | None = None
    judgement: Judgement | None = None
    grounds: list[str] = []  # codes of search.woo.grounds()
    # Columns that were present but could not be read with confidence: the parser gives no value rather than
    # a wrong one, and says so here.
    unread: list[str] = []
    origin: WooSource = "text"
    # Where the inventory lists it: the inventory document and page (for a PDF inventory).
    listed_in: str | None = None
    listed_page: int | None = None
    # Where the document itself starts in a released PDF, when it could be found.
    source_document: str | None = None
    source_page: int | None = None


class Member(BaseModel):
    id: str
    title: str
    role: Role
    source: WooSource


DOSSIER_KEY_PREFIX = "dossier:"


def dossier_key(dossier_id: str) -> str:
    """The engines' id of a dossier's entries (never a document id: those are hex)."""
    return DOSSIER_KEY_PREFIX + dossier_id


class Dossier(BaseModel):
    """A Woo (or Wob) publication: the decision, its inventory and the released documents."""

    id: str
    title: str
    organisation: str | None = None  # TOOI code
    date: dt.date | None = None
    kind: str | None = None  # "Woo-besluit", "Wob-besluit", "Woo-deelbesluit", ...
    kenmerk: str | None = None
    subject: str | None = None  # what the request asked about, where the decision says it
    members: list[Member] = []
    rows: list[InventoryRow] = []
    provenance: dict[str, WooSource] = {}
    updated_at: dt.datetime | None = None

    @property
    def key(self) -> str:
        return dossier_key(self.id)

    @property
    def year(self) -> int | None:
        return self.date.year if self.date else None

    def judgement_counts(self) -> dict[str, int]:
        counts = {value: 0 for value in Judgement.__args__}  # type: ignore[attr-defined]
        for row in self.rows:
            if row.judgement:
                counts[row.judgement] += 1
        return counts

    def ground_counts(self) -> dict[str, int]:
        """How many rows cite each ground, most cited first."""
        counts: dict[str, int] = {}
        for row in self.rows:
            for code in row.grounds:
                counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
