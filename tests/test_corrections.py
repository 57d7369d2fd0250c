"""Corrections by archivists (issue 16, item 1), on both engines: visible at once in search, facets, the document
page and the API; still there after a re-extraction of the same file, a reindex and a rollback; taken back
field by field; listed."""

from __future__ import annotations

import csv
import io
import os

import pytest
from archive_checks import cli, marked_pdfs, marker
from conftest import ENGINES, engine_settings
from fastapi.testclient import TestClient

from openarchief.search import Index, SearchRequest
from openarchief.search.reports import Reports
from openarchief.web import create_app

TITLE = "Besluit over de parkeervergunningen in de binnenstad"
REASON = "De titel was de kop van de brief <b>niet</b> het onderwerp"


@pytest.fixture(params=ENGINES)
def archive(request, tmp_path):
    settings = engine_settings(request.param, tmp_path / "data")
    files = marked_pdfs(tmp_path / "in", 4)
    result = cli(settings, "ingest", str(tmp_path / "in"))
    assert result.returncode == 0, result.stderr
    return settings, files


def found(index: Index, word: str):
    hits = index.search(SearchRequest(q=word)).hits
    assert len(hits) == 1, word
    return hits[0]


def check_corrected(settings, index: Index, doc_id: str) -> None:
    hit = found(index, marker(2))
    assert hit.title == TITLE and hit.organisation == "gm0917" and hit.ministry is None
    assert [h.id for h in index.search(SearchRequest(organisation=["gm0917"])).hits] == [doc_id]
    facet = {v.value: v.count for v in index.search(SearchRequest()).facets["organisation_kind"]}
    assert facet.get("gemeente") == 1
    client = TestClient(create_app(settings, index))
    page = " ".join(client.get(f"/documenten/{doc_id}").text.split())
    assert TITLE in page and "gecorrigeerd op " in page and "De titel was de kop van de brief &lt;b&gt;niet" in page
    api = client.get(f"/api/v1/documents/{doc_id}").json()
    assert api["title"] == TITLE and api["organisation"]["code"] == "gm0917"
    assert api["provenance"]["title"].startswith("gecorrigeerd op ") and REASON in api["provenance"]["title"]


def test_a_correction_is_seen_at_once_and_outlives_reingest_reindex_and_rollback(archive, tmp_path):
    settings, files = archive
    index = Index(settings)
    doc_id = found(index, marker(2)).id
    original = found(index, marker(2)).title
    assert cli(settings, "reindex").returncode == 0  # an older generation, for the rollback

    reports = Reports.open(settings)
    reports.add(doc_id, "De titel klopt niet", "melder@example.org")
    report = reports.all()[-1].id
    reports.close()
    result = cli(
        settings, "correct", doc_id[:12], "--title", TITLE, "--organisation", "gemeente Heerlen",
        "--reason", REASON, "--report", str(report),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    check_corrected(settings, index, doc_id)
    reports = Reports.open(settings)
    assert reports.all()[-1].status == "gecorrigeerd"
    reports.close()

    # The same file extracted again (its mtime changed), a rebuild, a rollback: the correction stays.
    os.utime(files[2])
    assert cli(settings, "ingest", "--force", str(files[2].parent)).returncode == 0
    check_corrected(settings, index, doc_id)
    assert cli(settings, "reindex").returncode == 0
    check_corrected(settings, index, doc_id)
    back = cli(settings, "reindex", "--rollback")
    assert back.returncode == 0, back.stderr
    check_corrected(settings, index, doc_id)

    listing = cli(settings, "corrections", "--csv")
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert [(r["field"], r["previous"], r["value"]) for r in rows] == [
        ("title", original, TITLE),
        ("organisation", "", "gm0917"),
    ]

    # Taken back, one field: the title returns, the organisation stays corrected.
    assert cli(settings, "correct", doc_id, "--undo", "title").returncode == 0
    hit = found(index, marker(2))
    assert hit.title == original and hit.organisation == "gm0917"

    # The history: its entry, the two corrections, the re-extraction, the undo, in order; page and API alike.
    client = TestClient(create_app(settings, index))
    history = client.get(f"/api/v1/documents/{doc_id}/history").json()["history"]
    kinds = [(e["kind"], e["field"]) for e in history]
    assert kinds == [
        ("opgenomen", None),
        ("gecorrigeerd", "title"),
        ("gecorrigeerd", "organisation"),
        ("correctie_ingetrokken", "title"),
    ]
    title = next(e for e in history if e["field"] == "title")
    assert (title["old"], title["new"], title["reason"]) == (original, TITLE, REASON)
    page = " ".join(client.get(f"/documenten/{doc_id}").text.split())
    assert "Geschiedenis" in page and "opgenomen in het archief" in page
    assert (
        "organisatie gecorrigeerd van" in page
        and "gemeente Heerlen" in page
        and "correctie van titel ingetrokken" in page
    )
    assert client.get(f"/api/v1/documents/{'0' * 64}/history").status_code == 404
    rows = list(csv.DictReader(io.StringIO(cli(settings, "corrections", "--csv").stdout)))
    assert rows[0]["undone_at"] and not rows[1]["undone_at"]


def test_a_correction_must_be_right_and_say_why(archive):
    settings, _ = archive
    doc_id = found(Index(settings), marker(1)).id
    for args, said in [
        (["--organisation", "gemeente Nergenshuizen", "--reason", "x"], "unknown organisation"),
        (["--date", "1 maart 2021", "--reason", "x"], "YYYY-MM-DD"),
        (["--title", "Goed"], "reason"),
        (["--reason", "niets"], "correct one or more"),
    ]:
        result = cli(settings, "correct", doc_id, *args)
        assert result.returncode != 0 and said in result.stderr, (args, result.stderr)
    assert cli(settings, "correct", "f" * 64, "--title", "x", "--reason", "y").returncode != 0
    assert cli(settings, "correct", doc_id, "--undo", "title").returncode != 0  # nothing to take back


def test_a_document_read_again_says_so_in_its_history(tmp_path):
    from openarchief.ingest.ledger import Ledger
    from openarchief.search import Document, Page

    ledger = Ledger(tmp_path / "ledger.sqlite3")
    doc = Document(id="a" * 64, title="Brief", pages=[Page(number=1, text="Tekst.")])
    ledger.save_document(doc, extracted=True)  # first read: not yet kept
    ledger.save_document(doc, extracted=True)  # read again (new OCR, another extractor)
    kept = ledger.document(doc.id)
    ledger.close()
    assert kept is not None and [e.kind for e in kept.history] == ["opgenomen", "opnieuw_gelezen"]


def test_a_document_is_put_in_a_dossier_by_hand_and_taken_out_again(archive):
    settings, files = archive
    index = Index(settings)
    doc_id = found(index, marker(3)).id
    result = cli(
        settings, "correct", doc_id, "--dossier", "gm-2024-parkeren", "--role", "besluit", "--reason", "hoort bij het besluit"
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    dossier = index.dossier("gm-2024-parkeren")
    assert dossier is not None and [(m.id, m.role, m.source) for m in dossier.members] == [
        (doc_id, "besluit", "correction")
    ]
    assert [h.id for h in index.search(SearchRequest(dossier=["gm-2024-parkeren"])).hits] == [doc_id]
    # A new ingest run does not undo it.
    os.utime(files[3])
    assert cli(settings, "ingest", str(files[3].parent)).returncode == 0
    assert [h.id for h in index.search(SearchRequest(dossier=["gm-2024-parkeren"])).hits] == [doc_id]
    assert cli(settings, "correct", doc_id, "--undo", "dossier").returncode == 0
    assert index.dossier("gm-2024-parkeren") is None
    assert index.search(SearchRequest(dossier=["gm-2024-parkeren"])).total == 0
    bad = cli(settings, "correct", doc_id, "--role", "hoofdstuk", "--reason", "x")
    assert bad.returncode != 0 and "role" in bad.stderr
