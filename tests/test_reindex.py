"""Re-indexing a whole archive without one failed search, on both engines; rollback; old generations."""

from __future__ import annotations

import threading

import pytest
from conftest import ENGINES, make_archive
from typer.testing import CliRunner

from openarchief.ingest.archive import Archive
from openarchief.search import Index, SearchError, SearchRequest


@pytest.mark.parametrize("engine", ENGINES)
def test_reindex_while_searching(tmp_path, generated, engine):
    settings, index = make_archive(tmp_path, generated, engine=engine)
    query = SearchRequest(q="gemeente")
    before = index.search(query).total
    everything = index.count()
    assert before > 0
    searcher = Index(settings)  # e.g. the web server's
    totals, errors, done = [], [], threading.Event()

    def keep_searching():
        while not done.is_set():
            try:
                totals.append((searcher.search(query).total, searcher.count()))
            except Exception as exc:  # any failure at all is what this test looks for
                errors.append(repr(exc))

    thread = threading.Thread(target=keep_searching)
    thread.start()
    try:
        first = Archive(settings).reindex()
        second = Archive(settings).reindex()
    finally:
        done.set()
        thread.join()
    assert errors == []
    assert len(totals) > 5
    assert {t for t, _ in totals} == {before} and {c for _, c in totals} == {everything}

    generations = index.generations()
    # The one in use and the one before it (OPENARCHIEF_KEEP_GENERATIONS=1): the very first was deleted.
    assert [g.name for g in generations] == [first.name, second.name]
    assert [g.name for g in generations if g.current] == [second.name]
    assert all(g.count == everything for g in generations)

    back = index.rollback()
    assert back.name == first.name and back.current
    assert searcher.search(query).total == before
    with pytest.raises(SearchError):
        index.drop(first.name)  # in use
    index.drop(second.name)
    assert second.name not in [g.name for g in index.generations()]


@pytest.mark.parametrize("engine", ENGINES)
def test_reindex_command(tmp_path, generated, engine, monkeypatch):
    from openarchief.cli import app

    settings, index = make_archive(tmp_path, generated, engine=engine)
    monkeypatch.setenv("OPENARCHIEF_ENGINE", engine)
    monkeypatch.setenv("OPENARCHIEF_OPENSEARCH_URL", settings.opensearch_url)
    monkeypatch.setenv("OPENARCHIEF_OPENSEARCH_INDEX", settings.opensearch_index)
    runner = CliRunner()
    args = ["--data-dir", str(tmp_path)]
    result = runner.invoke(app, ["reindex", *args])
    assert result.exit_code == 0, result.output
    assert f"({index.count()} documents)" in result.output
    listing = runner.invoke(app, ["reindex", "--list", *args])
    assert listing.output.count("documents") == 2 and listing.output.count("*") == 1
    assert runner.invoke(app, ["reindex", "--rollback", *args]).exit_code == 0
    assert runner.invoke(app, ["reindex", "--rollback", *args]).exit_code == 1  # nothing older


def test_schema_change_needs_reindex_then_works(tmp_path, generated):
    import json

    from openarchief.search import SchemaMismatch

    settings, index = make_archive(tmp_path, generated)
    current = (settings.index_dir / "CURRENT").read_text()
    (settings.index_dir / current / "openarchief-schema.json").write_text(json.dumps({"version": 0}))
    with pytest.raises(SchemaMismatch, match="openarchief reindex"):
        Index(settings).count()
    Archive(settings).reindex()
    assert Index(settings).count() == index.count() > 0


def test_an_opensearch_index_of_mapping_v1_is_migrated_by_reindex(tmp_path, generated):
    """An archive made before the dossier mapping (index_mappings/v1.json) is refused with the advice to
    reindex, and reindex builds a generation of the current mapping, with the dossiers in it."""
    from openarchief.search import SchemaMismatch, SearchRequest
    from openarchief.search._opensearch import SCHEMA_VERSION, load_definition

    settings, index = make_archive(tmp_path, generated, engine="opensearch")
    from opensearchpy import OpenSearch

    client = OpenSearch(settings.opensearch_url)
    old = f"{settings.opensearch_index}-v1-20250101t000000000000"
    definition = load_definition(1)
    definition["mappings"]["_meta"] |= {"complete": True}
    client.indices.create(index=old, body=definition)
    current = list(client.indices.get_alias(name=settings.opensearch_index))
    actions = [{"remove": {"index": n, "alias": settings.opensearch_index}} for n in current]
    client.indices.update_aliases(
        body={"actions": [*actions, {"add": {"index": old, "alias": settings.opensearch_index}}]}
    )
    for name in current:
        client.indices.delete(index=name)
    with pytest.raises(SchemaMismatch, match="openarchief reindex"):
        Index(settings).count()
    Archive(settings).reindex()
    migrated = Index(settings)
    assert migrated.count() == index.count() > 0
    assert all(f"-v{SCHEMA_VERSION}-" in g.name for g in migrated.generations() if g.current)
    assert migrated.dossiers(SearchRequest()).total >= 1  # the demo corpus's Woo decision
