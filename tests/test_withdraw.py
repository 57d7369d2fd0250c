"""Withdrawal is final and accountable, on both engines: after `withdraw X; reindex --rollback; reindex`, X is
in no search, page, PDF, API answer, export, suggestion, generation or file of the archive; its address answers
410 with the reason; unknown ids change nothing."""

from __future__ import annotations

import csv
import io

import pytest
from archive_checks import cli, files_containing, invariant_problems, marked_pdfs, marker, one_line
from conftest import ENGINES, engine_settings
from fastapi.testclient import TestClient

from openarchief.ingest.ledger import Ledger
from openarchief.search import Index, SearchRequest
from openarchief.web import create_app

REASON = 'privacy: persoonsgegevens op pagina 2 <script>alert("x")</script>'


@pytest.fixture(params=ENGINES)
def archive(request, tmp_path):
    settings = engine_settings(request.param, tmp_path / "data")
    files = marked_pdfs(tmp_path / "in", 6)
    result = cli(settings, "ingest", str(tmp_path / "in"))
    assert result.returncode == 0, result.stderr
    return settings, files


def opensearch_files(settings) -> list:
    """The folders of the OpenSearch node's indices of this archive (the node runs on this machine)."""
    from pathlib import Path

    from opensearchpy import OpenSearch

    client = OpenSearch(settings.opensearch_url)
    data = Path(next(iter(client.nodes.info(metric="settings")["nodes"].values()))["settings"]["path"]["data"][0])
    folders = []
    for name, info in client.indices.get_settings(index=f"{settings.opensearch_index}-v*").items():
        folders += list(data.rglob(f"indices/{info['settings']['index']['uuid']}"))
    return folders


def test_withdraw_rollback_reindex_leaves_nothing(archive):
    settings, _ = archive
    index = Index(settings)
    word = marker(3)
    victim = index.search(SearchRequest(q=word)).hits[0].id
    assert cli(settings, "reindex").returncode == 0  # an older generation that holds it, for the rollback
    # The word is on disk before (so that finding it nowhere afterwards means something).
    assert files_containing(settings.data_dir, word)
    if settings.engine == "opensearch":
        assert any(files_containing(folder, word) for folder in opensearch_files(settings))

    # A page of it seen as an image: the rendered image is on disk too.
    viewer = create_app(settings)
    assert TestClient(viewer).get(f"/documenten/{victim}/pagina-1.png").status_code == 200
    viewer.state.oa.renderer.close()
    assert list((settings.data_dir / "page-images").rglob(f"{victim}-*.png"))

    result = cli(settings, "withdraw", victim[:10], "--reason", REASON)
    assert result.returncode == 0, result.stderr
    assert f"withdrawn {victim}" in result.stderr
    generations = index.generations()
    assert len(generations) == 2 and all(index.deleted_entries(g.name) == 0 for g in generations)
    # The others stay findable by their words in the purged copies of both generations.
    others = [marker(i) for i in (0, 1, 2, 4, 5)]
    assert [index.search(SearchRequest(q=w)).total for w in others] == [1] * 5
    back = cli(settings, "reindex", "--rollback")
    assert back.returncode == 0, back.stderr
    assert [index.search(SearchRequest(q=w)).total for w in others] == [1] * 5
    assert cli(settings, "reindex").returncode == 0

    # Search, suggestions, spelling, the document, the API, the PDF, the export.
    assert index.search(SearchRequest(q=word)).total == 0
    assert index.get(victim) is None
    assert word not in " ".join(index.suggest(word[:-1])[0])
    assert index.spelling(word[:-1] + "x") != word  # the term lists forgot the word too
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    page = client.get(f"/documenten/{victim}")
    assert page.status_code == 410
    assert "verwijderd uit het archief" in page.text and "Reden: privacy: persoonsgegevens" in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;" in page.text
    api = client.get(f"/api/v1/documents/{victim}")
    assert api.status_code == 410 and api.json()["reason"] == REASON and api.json()["id"] == victim
    assert client.get(f"/bestanden/{victim}.pdf").status_code == 410
    assert client.get(f"/documenten/{victim}/pagina-1.png").status_code == 410
    assert not list((settings.data_dir / "page-images").rglob(f"{victim}-*"))
    export = client.get("/api/v1/export", params={"format": "csv"})
    ids = [row["id"] for row in csv.DictReader(io.StringIO(export.text.lstrip("\ufeff")))]
    assert len(ids) == 5 and victim not in ids
    assert client.get("/api/v1/suggest", params={"q": word[:-1]}).json()["completions"] == []
    assert "Verwijderd: 1 document (laatst op" in " ".join(client.get("/over").text.split())

    # Every generation, the engine's files, the blob store and the ledger.
    assert all(not ids for ids in index.holding([victim]).values())
    generations = index.generations()
    assert len(generations) == 2 and all(g.complete for g in generations)
    assert files_containing(settings.data_dir, word) == []
    if settings.engine == "opensearch":
        folders = opensearch_files(settings)
        assert folders and all(files_containing(folder, word) == [] for folder in folders)
    assert invariant_problems(settings) == []

    # The archivist's view.
    listing = cli(settings, "withdrawals", "--csv")
    rows = list(csv.DictReader(io.StringIO(listing.stdout)))
    assert [(r["id"], r["reason"], r["purged"]) for r in rows] == [(victim, REASON, "yes")]
    assert rows[0]["title"] == "Brief nummer 3 over parkeren"
    status = cli(settings, "status")
    assert "withdrawn" in status.stdout and "│ withdrawn │     1 │" in status.stdout


def test_unknown_and_ambiguous_ids_change_nothing(archive):
    settings, _ = archive
    index = Index(settings)
    before = index.count()
    for given in ("0" * 64, "abc", "not-an-id", "00000000"):
        result = cli(settings, "withdraw", given, "--reason", "test")
        assert result.returncode == 2, (given, result.stderr)
        assert one_line(result.stderr) and "withdrawn" not in result.stderr, result.stderr
    known = index.search(SearchRequest()).hits[0].id
    # One unknown id among known ones: nothing at all is withdrawn.
    assert cli(settings, "withdraw", known, "f" * 64, "--reason", "test").returncode == 2
    assert index.count() == before
    ledger = Ledger(settings.ledger_path)
    assert ledger.withdrawals() == []
    ledger.close()


def test_a_killed_withdraw_is_finished_by_the_next_run(archive, monkeypatch):
    """The withdrawal is recorded, then the purge fails (the engine stops answering, injected): the web already
    answers 410, and the next command that takes the lock finishes the removal."""
    settings, _ = archive
    from openarchief.ingest.archive import Archive

    index = Index(settings)
    victim = index.search(SearchRequest(q=marker(1))).hits[0].id
    archive_ops = Archive(settings)

    def engine_gone(doc_ids):
        raise ConnectionError("injected: the engine went away mid-purge")

    monkeypatch.setattr(archive_ops.index, "purge", engine_gone)
    with pytest.raises(ConnectionError):
        archive_ops.withdraw([victim], "privacy")
    archive_ops.close()
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    assert client.get(f"/documenten/{victim}").status_code == 410  # the tombstone speaks first
    listing = cli(settings, "withdrawals")
    assert "removal not finished" in listing.stdout

    assert cli(settings, "reindex").returncode == 0  # any run that takes the lock finishes it
    assert all(not ids for ids in Index(settings).holding([victim]).values())
    assert invariant_problems(settings) == []
    assert "removal not finished" not in cli(settings, "withdrawals").stdout


def test_ingest_force_brings_a_withdrawn_document_back(archive):
    settings, files = archive
    index = Index(settings)
    victim = index.search(SearchRequest(q=marker(2))).hits[0].id
    assert cli(settings, "withdraw", victim, "--reason", "vergissing").returncode == 0
    again = cli(settings, "ingest", str(files[2]))
    assert again.returncode == 0 and "withdrawn" in again.stderr and files[2].name in again.stderr
    assert index.get(victim) is None
    assert cli(settings, "ingest", "--force", str(files[2])).returncode == 0
    assert index.get(victim) is not None and index.search(SearchRequest(q=marker(2))).total == 1
    client = TestClient(create_app(settings), raise_server_exceptions=False)
    assert client.get(f"/documenten/{victim}").status_code == 200


def test_a_compaction_never_switches_away_from_documents_written_meanwhile(tmp_path, monkeypatch):
    """The purge copies the generation in use without the withdrawn entries and switches to the copy; a batch
    another run wrote meanwhile (only if this run lost the archive lock) must not vanish by that switch."""
    from openarchief.search import Document, Page
    from openarchief.search.errors import SearchError

    def doc(i: int) -> Document:
        return Document(id=f"{i:064x}", title=f"Brief {i}", pages=[Page(number=1, text=f"brief {marker(i)}")])

    settings = engine_settings("embedded", tmp_path)
    index = Index(settings)
    index.index([doc(0), doc(1)])
    engine = index._engine  # the fault goes in between the copy and the switch
    real_build = engine._build

    def another_run_writes_meanwhile(name, items, expected):
        built = real_build(name, items, expected)
        Index(settings).index([doc(2)])
        return built

    monkeypatch.setattr(engine, "_build", another_run_writes_meanwhile)
    with pytest.raises(SearchError, match="changed while it was copied"):
        index.purge([doc(0).id])
    monkeypatch.undo()
    assert index.search(SearchRequest(q=marker(2))).total == 1  # the other run's document stays
    assert index.search(SearchRequest(q=marker(0))).total == 0
    index.purge([doc(0).id])  # the next run finishes the removal
    current = next(g.name for g in index.generations() if g.current)
    assert index.deleted_entries(current) == 0 and index.count() == 2
