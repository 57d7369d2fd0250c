"""Woo dossiers end to end: ingesting a real Wob decision and generated Woo publications gives dossiers whose
inventories carry the facts, on both engines, through the API and the pages."""

from __future__ import annotations

import pytest
from conftest import ENGINES, corpus_file, engine_settings
from fastapi.testclient import TestClient

from openarchief.ingest.archive import Archive
from openarchief.ingest.pipeline import Ingestor
from openarchief.search import Index, SearchRequest
from openarchief.web import create_app

WOB = "minbuza__wob-deelbesluit-1-afghanistan.pdf"
# ../shared/corpus/README.md
WOB_JUDGEMENTS = {"niet_openbaar": 264, "deels_openbaar": 134, "openbaar": 2}
WOB_GROUNDS = {"10.2e": 354, "10.2a": 326, "10.1b": 226, "10.2g": 22, "11.1": 3, "10.2b": 1}


def ingest(settings, *paths):
    index = Index(settings)
    ingestor = Ingestor(settings, index, workers=1)
    try:
        ingestor.run(list(paths))
    finally:
        ingestor.close()
    return index


@pytest.fixture(scope="module", params=ENGINES)
def wob(request, tmp_path_factory, corpus):
    settings = engine_settings(request.param, tmp_path_factory.mktemp("wob"))
    index = ingest(settings, corpus_file(corpus, WOB))
    return settings, index, TestClient(create_app(settings, index), raise_server_exceptions=False)


def test_the_real_wob_decision_is_one_dossier_with_its_facts(wob):
    _, index, client = wob
    listing = client.get("/api/v1/dossiers").json()
    assert listing["total"] == 1
    dossier = listing["dossiers"][0]
    assert dossier["organisation"]["code"] == "mnre1013"
    assert dossier["date"] == "2022-02-14"
    assert dossier["kenmerk"] == "Minbuza: 2022.11427-24"
    assert dossier["kind"].startswith("Wob")
    assert dossier["counts"]["documents"] == 400
    assert {k: v for k, v in dossier["counts"]["judgement"].items() if v} == WOB_JUDGEMENTS
    detail = client.get(f"/api/v1/dossiers/{dossier['id']}").json()
    assert {g["code"]: g["count"] for g in detail["grounds"]} == WOB_GROUNDS
    assert [m["role"] for m in detail["members"]] == ["besluit"]
    ten_two_e = next(g for g in detail["grounds"] if g["code"] == "10.2e")
    assert (ten_two_e["law"], ten_two_e["label"]) == ("Wob", "eerbiediging van de persoonlijke levenssfeer")


def test_the_real_inventory_through_the_inventory_api(wob):
    _, _, client = wob
    rows = client.get("/api/v1/inventory", params={"size": 100}).json()
    assert rows["total"] == 400
    first = rows["rows"][0]
    assert (first["number"], first["document_id"], first["judgement"]) == ("1", "414721", "deels_openbaar")
    assert first["title"] == "RE: Urgent verzoek lokale staf ambassade Kaboel"
    assert [g["code"] for g in first["grounds"]] == ["10.2e"]
    assert first["source"]["page"] == 16  # the inventory page that lists it
    assert {f["value"]: f["count"] for f in rows["facets"]["judgement"]} == WOB_JUDGEMENTS
    assert {f["value"]: f["count"] for f in rows["facets"]["ground"]} == WOB_GROUNDS
    for judgement, count in WOB_JUDGEMENTS.items():
        assert client.get("/api/v1/inventory", params={"judgement": judgement}).json()["total"] == count
    # A ground as an inventory writes it is read as its code.
    assert client.get("/api/v1/inventory", params={"ground": "10.2.e"}).json()["total"] == 354
    last = client.get("/api/v1/inventory", params={"q": "288362"}).json()["rows"]
    assert [(r["number"], r["title"], r["judgement"]) for r in last] == [("400", "00658.DOCX", "openbaar")]
    assert client.get("/api/v1/inventory", params={"q": "crisisberaad"}).json()["total"] > 10


def test_the_decision_is_found_by_its_grounds_and_shows_its_dossier(wob):
    _, _, client = wob
    found = client.get("/api/v1/search", params={"ground": "10.1b", "judgement": "niet openbaar"}).json()
    assert found["total"] == 1
    hit = found["hits"][0]
    assert hit["dossier"]["url"].endswith(f"/dossiers/{hit['dossier']['id']}")
    page = client.get("/zoeken", params={"q": "afghanistan"}).text
    assert "Onderdeel van:" in page


def test_the_dossier_page_shows_counts_grounds_and_a_filtered_inventory(wob):
    _, _, client = wob
    dossier_id = client.get("/api/v1/dossiers").json()["dossiers"][0]["id"]
    page = client.get(f"/dossiers/{dossier_id}")
    assert page.status_code == 200
    assert "400 documenten: 2 openbaar, 134 deels openbaar, 264 niet openbaar" in " ".join(page.text.split())
    assert "eerbiediging van de persoonlijke levenssfeer" in page.text
    filtered = client.get(f"/dossiers/{dossier_id}", params={"judgement": "openbaar"}).text
    assert "2 regels na filteren" in " ".join(filtered.split())
    csv = client.get(f"/dossiers/{dossier_id}/inventaris.csv", params={"ground": "10.2b"})
    lines = csv.text.strip().splitlines()
    assert csv.headers["content-type"].startswith("text/csv") and len(lines) == 2
    assert client.get("/dossiers/onbekend").status_code == 404
    assert client.get(f"/dossiers/{dossier_id}", params={"ground": "nonsense"}).status_code == 422
    assert dossier_id in client.get("/dossiers", params={"organisation": "mnre1013", "year": "2022"}).text


def test_archivists_list_the_dossiers(wob, monkeypatch):
    import csv
    import io

    from typer.testing import CliRunner

    from openarchief.cli import app

    settings, _, _ = wob
    monkeypatch.setenv("OPENARCHIEF_ENGINE", settings.engine)
    monkeypatch.setenv("OPENARCHIEF_OPENSEARCH_URL", settings.opensearch_url)
    monkeypatch.setenv("OPENARCHIEF_OPENSEARCH_INDEX", settings.opensearch_index)
    listed = CliRunner().invoke(app, ["dossiers", "--data-dir", str(settings.data_dir)])
    assert listed.exit_code == 0, listed.output
    assert "2022-02-14" in listed.output and "400 inventory rows" in listed.output
    assert "264 niet_openbaar" in listed.output
    table = CliRunner().invoke(app, ["dossiers", "--csv", "--data-dir", str(settings.data_dir)])
    rows = list(csv.DictReader(io.StringIO(table.output)))
    assert [(r["organisation"], r["kenmerk"], r["rows"]) for r in rows] == [
        ("mnre1013", "Minbuza: 2022.11427-24", "400")
    ]


def test_reindex_keeps_the_dossier_and_withdrawing_the_decision_removes_it(wob, tmp_path):
    settings, index, client = wob
    archive = Archive(settings, index)
    try:
        archive.reindex()
        assert index.dossiers(SearchRequest()).total == 1
        assert index.inventory(SearchRequest()).total == 400
        decision = client.get("/api/v1/dossiers").json()["dossiers"][0]
        member = client.get(f"/api/v1/dossiers/{decision['id']}").json()["members"][0]["id"]
        archive.withdraw([member], "test: persoonsgegevens")
        assert index.dossier(decision["id"]) is None
        assert index.inventory(SearchRequest()).total == 0
        assert index.dossiers(SearchRequest()).total == 0
        assert client.get(f"/dossiers/{decision['id']}").status_code == 404
    finally:
        archive.close()


@pytest.fixture(scope="module", params=ENGINES)
def publication(request, tmp_path_factory):
    """A generated Woo publication: a decision letter, the productierapport and the released documents, with a
    sidecar naming the dossier of the letter."""
    import datetime as dt
    import json

    from woo_data import (
        expected_rows,
        sample_rows,
        write_decision_letter,
        write_productierapport,
        write_released_documents,
    )

    folder = tmp_path_factory.mktemp("publicatie")
    rows = sample_rows(40, seed=7)
    write_productierapport(folder / "productierapport.xlsx", rows, "xlsx")
    starts = write_released_documents(folder / "documenten.pdf", rows)
    write_decision_letter(
        folder / "besluit.pdf",
        organisation_name="Ministerie van Volksgezondheid, Welzijn en Sport",
        kenmerk="4056789-1058322-WJZ",
        date=dt.date(2024, 3, 12),
        subject="de aanpak van de coronacrisis",
    )
    (folder / "besluit.json").write_text(json.dumps({"dossier": "vws-woo-2024-01", "role": "besluit"}))
    settings = engine_settings(request.param, tmp_path_factory.mktemp("archief"))
    index = ingest(settings, folder)
    client = TestClient(create_app(settings, index), raise_server_exceptions=False)
    return settings, index, client, expected_rows(rows), starts


def test_a_productierapport_gives_the_rows_their_judgements_and_grounds(publication):
    _, index, client, truth, starts = publication
    detail = client.get("/api/v1/dossiers/vws-woo-2024-01").json()
    assert detail["kenmerk"] == "4056789-1058322-WJZ" and detail["date"] == "2024-03-12"
    assert detail["organisation"]["code"] == "mnre1025"
    assert sorted(m["role"] for m in detail["members"]) == ["besluit", "documenten"]
    dossier = index.dossier("vws-woo-2024-01")
    assert [(r.number, r.judgement, r.grounds) for r in dossier.rows] == [
        (t.number, t.judgement, t.grounds) for t in truth
    ]
    assert all(r.origin == "spreadsheet" for r in dossier.rows)
    # Each released document is linked at the page where it starts.
    linked = {r.document_id: r.source_page for r in dossier.rows if r.source_document}
    assert linked and linked == {key: page for key, page in starts.items() if key in linked}
    assert len(linked) == len(starts)
    withheld = [t for t in truth if "5.1.2e" in t.grounds]
    assert client.get("/api/v1/inventory", params={"ground": "5.1.2e"}).json()["total"] == len(withheld)


def test_released_pages_carry_their_stamped_grounds(publication):
    _, index, client, _, _ = publication
    released = next(
        m for m in client.get("/api/v1/dossiers/vws-woo-2024-01").json()["members"] if m["role"] == "documenten"
    )
    document = client.get(f"/api/v1/documents/{released['id']}").json()
    assert document["role"] == "documenten" and document["dossier"]["id"] == "vws-woo-2024-01"
    assert any(p["grounds"] for p in document["pages"])
    assert index.search(SearchRequest(dossier=["vws-woo-2024-01"])).total == 2


def test_withdrawing_a_released_pdf_unlinks_its_rows_and_keeps_the_dossier(publication):
    settings, index, client, truth, _ = publication
    released = next(
        m for m in client.get("/api/v1/dossiers/vws-woo-2024-01").json()["members"] if m["role"] == "documenten"
    )
    archive = Archive(settings, index)
    try:
        archive.withdraw([released["id"]], "test: per abuis gepubliceerd")
    finally:
        archive.close()
    dossier = index.dossier("vws-woo-2024-01")
    assert dossier is not None and len(dossier.rows) == len(truth)
    assert [m.role for m in dossier.members] == ["besluit"]
    assert not any(r.source_document == released["id"] for r in dossier.rows)
    assert released["id"] not in client.get("/dossiers/vws-woo-2024-01").text  # no member link, no row link


def test_a_publication_ingested_one_file_per_batch_is_one_dossier(tmp_path, monkeypatch):
    """Workers finish files in any order and batches split a folder: the folder's members are settled at the
    end of the run, when all its files are known."""
    import datetime as dt

    from woo_data import sample_rows, write_decision_letter, write_productierapport, write_released_documents

    from openarchief.ingest import pipeline

    monkeypatch.setattr(pipeline, "BATCH_SIZE", 1)
    folder = tmp_path / "publicatie"
    folder.mkdir()
    rows = sample_rows(12, seed=3)
    write_productierapport(folder / "productierapport.csv", rows, "csv")
    write_released_documents(folder / "a-documenten.pdf", rows)  # sorts before the decision
    write_decision_letter(
        folder / "z-besluit.pdf",
        organisation_name="Ministerie van Volksgezondheid, Welzijn en Sport",
        kenmerk="3999001-WJZ",
        date=dt.date(2024, 6, 3),
        subject="mondkapjes",
    )
    index = ingest(engine_settings("embedded", tmp_path / "archief"), folder)
    listing = index.dossiers(SearchRequest())
    assert listing.total == 1
    dossier = listing.items[0]
    assert dossier.kenmerk == "3999001-WJZ" and len(dossier.rows) == 12
    assert sorted(m.role for m in dossier.members) == ["besluit", "documenten"]
