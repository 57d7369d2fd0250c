"""The shapes of the API's answers, for /api/openapi.json: what a program gets is what the contract says
(tests/test_api_contract.py compares them with real answers and with the README).

The routes hand out records (web/records.py) as they are, without validating them against these models on
every request: the models describe, the records are the single place that makes the bodies.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field


class Coded(BaseModel):
    code: str = Field(description="TOOI-code")
    label: str = Field(description="De naam bij de code")


class OrganisationOut(Coded):
    kind: str | None = Field(description="ministerie, gemeente, provincie, waterschap, staten_generaal, …")


class ParliamentaryOut(BaseModel):
    chamber: str | None = Field(description="tk (Tweede Kamer) of ek (Eerste Kamer)")
    session: str | None = Field(description="Vergaderjaar, bv. 2020-2021")
    kamerstuk: str | None = Field(description="Kamerstukdossier, bv. 32545")
    number: str | None = Field(description="Ondernummer, bv. 143")
    appendix: str | None = Field(description="Nummer in het Aanhangsel van de Handelingen")
    proceedings: str | None = Field(description="Handelingen")
    identifiers: list[str] = Field(description="Zoals officielebekendmakingen.nl ze schrijft: kst-32545-143, …")


class DossierRef(BaseModel):
    id: str
    title: str
    url: str


class PageHitOut(BaseModel):
    page: int
    snippet: str = Field(description="HTML: tekst ge-escaped, treffers in <mark>")


class Record(BaseModel):
    id: str = Field(description="SHA-256 van het originele bestand")
    title: str
    organisation: OrganisationOut | None = Field(description="De publicerende organisatie, van elke soort")
    ministry: Coded | None = Field(description="Het ministerie, als de organisatie een ministerie is")
    date: dt.date | None
    type: Coded | None
    category: Coded | None
    theme: list[Coded] = Field(description="Thema's (TOOI TOP-lijst)")
    language: str | None
    parliament: ParliamentaryOut | None = Field(description="Nummering van een Kamerstuk of Aanhangsel")
    page_count: int | None
    url: str
    pdf_url: str


class HitOut(Record):
    snippet: str = Field(description="HTML: tekst ge-escaped, treffers in <mark>")
    page_hits: list[PageHitOut]
    dossier: DossierRef | None = Field(description="Het Woo-dossier waar het document bij hoort")


class JudgementCounts(BaseModel):
    openbaar: int
    deels_openbaar: int
    niet_openbaar: int
    reeds_openbaar: int
    buiten_reikwijdte: int


class DossierCounts(BaseModel):
    documents: int = Field(description="Regels in de inventaris")
    judgement: JudgementCounts


class DossierOut(BaseModel):
    id: str
    title: str
    organisation: Coded | None
    date: dt.date | None
    kind: str | None = Field(description="Woo-besluit, Wob-besluit, Woo-deelbesluit, …")
    kenmerk: str | None
    subject: str | None = Field(description="Waar het verzoek over ging, zoals het besluit het zegt")
    url: str
    counts: DossierCounts


class DossierList(BaseModel):
    total: int
    page: int
    size: int
    dossiers: list[DossierOut]


class MemberOut(BaseModel):
    id: str
    title: str
    role: str = Field(description="besluit, inventaris, documenten, bijlage of overig")
    url: str


class GroundOut(BaseModel):
    code: str
    law: str
    article: str
    label: str
    count: int = Field(description="Regels van de inventaris die deze grond noemen")


class DossierDetail(DossierOut):
    members: list[MemberOut]
    grounds: list[GroundOut]
    provenance: dict[str, str] = Field(description="Per veld de bron: sidecar, manifest, spreadsheet of text")


class GroundRef(BaseModel):
    code: str
    label: str


class RowSource(BaseModel):
    document: str = Field(description="Id van de PDF waarin het document staat")
    page: int | None
    url: str


class RowOut(BaseModel):
    dossier: str
    number: str
    document_id: str | None
    title: str
    date: dt.date | None
    judgement: str | None
    grounds: list[GroundRef]
    source: RowSource | None = Field(description="Waar het openbaar gemaakte document begint, als dat bekend is")
    unread: list[str] = Field(description="Kolommen die niet betrouwbaar gelezen konden worden")


class InventoryAnswer(BaseModel):
    total: int
    page: int
    size: int
    rows: list[RowOut]
    facets: dict[str, list[FacetValueOut]] = Field(description="judgement en ground")


class FacetValueOut(BaseModel):
    value: str
    label: str
    count: int


class ExpansionOut(BaseModel):
    typed: str = Field(description="Wat er getypt is: een afkorting (VWS) of een voluit geschreven naam")
    also: list[str] = Field(description="Waarop ook gezocht is: de volledige naam, of de afkorting")
    organisation: OrganisationOut | None = Field(description="De organisatie die het noemt, als filter te kiezen")


class SearchAnswer(BaseModel):
    total: int
    page: int
    size: int
    hits: list[HitOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="Per facet: organisation, ministry, type, category, organisation_kind, theme, language, "
        "judgement, ground, year"
    )
    expanded: list[ExpansionOut] = Field(
        description="Afkortingen en namen waarop ook gezocht is (search/data/nl_synonyms.tsv); leeg met uitbreiden=0"
    )


class TitleOut(BaseModel):
    title: str
    url: str
    pdf_url: str


class SuggestAnswer(BaseModel):
    q: str
    completions: list[str]
    titles: list[TitleOut]


class PageOut(BaseModel):
    page: int
    text: str
    grounds: list[str] = Field(description="Weigeringsgronden die op de pagina als lakcode staan")


class HistoryEventOut(BaseModel):
    at: dt.datetime
    kind: str = Field(description="opgenomen, opnieuw_gelezen, gecorrigeerd of correctie_ingetrokken")
    field: str | None = Field(description="Het gecorrigeerde veld")
    old: Any = Field(description="De waarde vóór de correctie")
    new: Any = Field(description="De gecorrigeerde waarde")
    reason: str | None = Field(description="De reden van de correctie")


class HistoryOut(BaseModel):
    id: str
    history: list[HistoryEventOut]


class ReportStatusOut(BaseModel):
    id: int
    status: str = Field(description="in_behandeling, gecorrigeerd of afgewezen")
    status_at: dt.datetime | None
    reason: str | None = Field(description="Waarom afgewezen, of wat er gecorrigeerd is")


class DocumentOut(Record):
    sha256: str
    extractor: str | None
    source: str | None
    provenance: dict[str, str] = Field(
        description="Per veld de bron: sidecar, manifest, pdf, text of filename; of „gecorrigeerd op … (reden: …)”"
    )
    pages_without_text: list[int]
    dossier: DossierRef | None = Field(description="Het Woo-dossier waar het document bij hoort")
    role: str | None = Field(description="Rol in het dossier: besluit, inventaris, documenten, bijlage of overig")
    pages: list[PageOut]
    reports: list[ReportStatusOut] = Field(
        description="Meldingen over fouten die in behandeling of afgehandeld zijn (zonder melding of contactgegevens)"
    )


class ExportRecord(Record):
    source: str | None


class Problem(BaseModel):
    parameter: str
    message: str = Field(description="In het Nederlands")


class Invalid(BaseModel):
    detail: list[Problem]


class Message(BaseModel):
    detail: str


class Gone(BaseModel):
    detail: str
    id: str
    withdrawn_at: dt.datetime
    reason: str


UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": Message, "description": "De zoekmachine is niet bereikbaar (met Retry-After)"}
}
INVALID: dict[int | str, dict[str, Any]] = {422: {"model": Invalid, "description": "Een parameter klopt niet"}}

# Models that only a non-JSON answer refers to (the JSON Lines export); added to the OpenAPI components by name.
EXTRA = (ExportRecord,)


# What the search parameters take. The routes declare them as strings, so that a form's empty field means "not
# given" rather than an error; the document says what a value must be when one is given.
def _or_blank(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "string", "pattern": r"^\s*$", "description": "leeg: niet opgegeven"}]}


PARAMETER_SCHEMAS: dict[str, dict] = {
    "page": _or_blank({"type": "integer", "minimum": 1, "maximum": 10_000}),
    "size": _or_blank({"type": "integer", "minimum": 1, "maximum": 100}),
    "year": {"type": "array", "items": _or_blank({"type": "integer", "minimum": 1, "maximum": 9999})},
    "date_from": _or_blank({"type": "string", "format": "date"}),
    "date_to": _or_blank({"type": "string", "format": "date"}),
    "sort": _or_blank({"type": "string", "enum": ["relevance", "newest", "oldest", "added"]}),
}


def add_extra_schemas(spec: dict) -> dict:
    for path in spec.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                if parameter["name"] in PARAMETER_SCHEMAS:
                    parameter["schema"] = PARAMETER_SCHEMAS[parameter["name"]]
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for model in EXTRA:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[model.__name__] = schema
    return spec
