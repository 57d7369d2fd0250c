"""The contract is the truth: the API's real answers fit the models /api/openapi.json publishes (same fields, same
types, on both engines), and the README's API section names exactly those fields."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT
from fastapi.testclient import TestClient

from openarchief.search.request import FACETS
from openarchief.web import create_app
from openarchief.web.schemas import (
    Coded,
    DocumentOut,
    DossierCounts,
    DossierDetail,
    DossierList,
    DossierOut,
    ExpansionOut,
    ExportRecord,
    FacetValueOut,
    Gone,
    GroundOut,
    GroundRef,
    HitOut,
    Invalid,
    InventoryAnswer,
    JudgementCounts,
    MemberOut,
    Message,
    OrganisationOut,
    PageHitOut,
    ParliamentaryOut,
    RowOut,
    RowSource,
    SearchAnswer,
    SuggestAnswer,
)


@pytest.fixture(scope="module")
def client(archive):
    settings, index = archive
    return TestClient(create_app(settings, index), raise_server_exceptions=False)


def fields(model) -> set[str]:
    return set(model.model_fields)


def test_real_answers_fit_their_models_exactly(client):
    search = client.get("/api/v1/search", params={"q": "gemeente"}).json()
    SearchAnswer.model_validate(search)
    assert set(search) == fields(SearchAnswer)
    assert set(search["hits"][0]) == fields(HitOut)
    assert set(search["facets"]) == set(FACETS)
    assert {"ministry", "type", "category", "language", "judgement", "ground", "year"} <= set(FACETS)
    assert all(set(v) == fields(FacetValueOut) for values in search["facets"].values() for v in values)
    doc_id = search["hits"][0]["id"]
    document = client.get(f"/api/v1/documents/{doc_id}").json()
    DocumentOut.model_validate(document)
    assert set(document) == fields(DocumentOut)
    suggest = client.get("/api/v1/suggest", params={"q": "gem"}).json()
    SuggestAnswer.model_validate(suggest)
    assert set(suggest) == fields(SuggestAnswer)
    invalid = client.get("/api/v1/search", params={"size": "x"})
    assert invalid.status_code == 422 and set(Invalid.model_validate(invalid.json()).detail[0].model_dump()) == {
        "parameter",
        "message",
    }
    missing = client.get(f"/api/v1/documents/{'0' * 64}")
    assert missing.status_code == 404 and Message.model_validate(missing.json())
    import json

    line = client.get("/api/v1/export", params={"format": "jsonl", "q": "gemeente"}).text.splitlines()[0]
    assert set(json.loads(line)) == fields(ExportRecord)
    ExportRecord.model_validate_json(line)


def test_a_withdrawn_answer_fits_its_model(tmp_path):
    from openarchief.search import Settings, status
    from openarchief.search.status import ArchiveStatus, Removal

    settings = Settings(data_dir=tmp_path)
    removal = Removal(id="ab" * 32, reason="privacy", withdrawn_at="2026-11-30T12:00:00+00:00")
    status.save(settings, ArchiveStatus(withdrawn=[removal]))
    gone = TestClient(create_app(settings)).get(f"/api/v1/documents/{'ab' * 32}")
    assert gone.status_code == 410 and set(gone.json()) == fields(Gone)
    Gone.model_validate(gone.json())


def test_the_openapi_document_names_every_answer(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    assert set(paths["/api/v1/search"]["get"]["responses"]) == {"200", "422", "503"}
    assert set(paths["/api/v1/documents/{doc_id}"]["get"]["responses"]) >= {"200", "404", "410", "503"}
    export = paths["/api/v1/export"]["get"]["responses"]["200"]["content"]
    assert set(export) == {"text/csv", "application/x-ndjson"}
    schemas = spec["components"]["schemas"]
    assert set(schemas["HitOut"]["properties"]) == fields(HitOut)
    assert set(schemas["Problem"]["properties"]) == {"parameter", "message"}
    assert export["application/x-ndjson"]["schema"]["$ref"].split("/")[-1] in schemas


def test_the_readme_names_the_same_fields():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    api = readme[readme.index("## API") : readme.index("\n## ", readme.index("## API") + 5)]
    example = api[api.index("```json") : api.index("```", api.index("```json") + 7)]
    documented = set(re.findall(r'"(\w+)":', example))
    published = fields(SearchAnswer) | fields(HitOut) | fields(Coded) | fields(PageHitOut) | fields(FacetValueOut)
    published |= fields(OrganisationOut) | fields(ParliamentaryOut) | fields(ExpansionOut)
    published |= set(FACETS)  # the facet names
    assert documented == published
    said = api[api.index("GET /api/v1/documents/{id}") :]
    said = said[: said.index("\n\n")]
    extra = set(re.findall(r"`(\w+)`", said))
    # "the same metadata plus …": every field a document has beyond a hit's metadata is named, and nothing else.
    assert extra == fields(DocumentOut) - fields(HitOut)


def test_dossier_answers_fit_their_models_exactly(client):
    listing = client.get("/api/v1/dossiers").json()
    DossierList.model_validate(listing)
    assert set(listing) == fields(DossierList) and listing["total"] >= 1
    assert set(listing["dossiers"][0]) == fields(DossierOut)
    wob = client.get("/api/v1/dossiers", params={"q": "afghanistan"}).json()["dossiers"][0]  # with an inventory
    detail = client.get(f"/api/v1/dossiers/{wob['id']}").json()
    DossierDetail.model_validate(detail)
    assert set(detail) == fields(DossierDetail)
    assert set(detail["members"][0]) == fields(MemberOut) and set(detail["grounds"][0]) == fields(GroundOut)
    inventory = client.get("/api/v1/inventory", params={"judgement": "deels_openbaar"}).json()
    InventoryAnswer.model_validate(inventory)
    assert set(inventory) == fields(InventoryAnswer) and set(inventory["rows"][0]) == fields(RowOut)
    assert set(inventory["facets"]) == {"judgement", "ground"}
    missing = client.get("/api/v1/dossiers/geen-dossier")
    assert missing.status_code == 404 and Message.model_validate(missing.json())
    for parameter, value in (("judgement", "half openbaar"), ("ground", "99.9z")):
        refused = client.get("/api/v1/inventory", params={parameter: value})
        assert refused.status_code == 422
        message = refused.json()["detail"][0]["message"]
        assert value in message and ("deels_openbaar" in message or "5.1.2e" in message)


def test_the_readme_names_the_dossier_fields():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("### Dossiers and inventory rows")
    section = readme[start : readme.index("\n## ", start)]
    examples = re.findall(r"```json(.*?)```", section, re.S)
    documented = set(re.findall(r'"(\w+)":', examples[0]))
    published = fields(DossierDetail) | fields(Coded) | fields(DossierCounts) | fields(JudgementCounts)
    published |= fields(MemberOut) | fields(GroundOut)
    assert documented == published
    documented = set(re.findall(r'"(\w+)":', examples[1]))
    published = fields(InventoryAnswer) | fields(RowOut) | fields(GroundRef) | fields(RowSource) | fields(FacetValueOut)
    assert documented == published | {"ground"}  # "ground": a key of "facets"
