"""Index generations are complete or unusable, and bounded, on both engines: a killed reindex leaves nothing a
rollback could switch to; after many reindexes only the configured number of generations is left."""

from __future__ import annotations

import os
import signal
import time

import pytest
from archive_checks import cli, cli_background, invariant_problems
from conftest import ENGINES, engine_settings, make_archive

from openarchief.ingest.archive import Archive
from openarchief.ingest.ledger import Ledger
from openarchief.search import Index

DOCS = 1000  # enough that a rebuild takes seconds, so that the kill lands in the middle of one


def ingested(settings, count: int) -> None:
    """An archive of `count` documents as ingest leaves it (the scale corpus generator's documents, written in
    batches to the index and the ledger), without the PDF work."""
    from bench.corpus import generate

    ledger, index, batch = Ledger(settings.ledger_path), Index(settings), []
    for doc in generate(count, seed=3):
        ledger.save_document(doc)
        batch.append(doc)
        if len(batch) == 500:
            index.index(batch)
            batch = []
    index.index(batch)
    for doc in generate(count, seed=3):
        ledger.record(f"corpus/{doc.filename}", "indexed", relative=doc.source, sha256=doc.id, pages=len(doc.pages))
    ledger.close()


def kill_during_rebuild(settings) -> None:
    """Start `openarchief reindex` and kill -9 it once its new generation exists, before it can switch."""
    index = Index(settings)
    before = {g.name for g in index.generations()}
    run = cli_background(settings, "reindex")
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and run.poll() is None:
        if {g.name for g in index.generations()} - before:
            time.sleep(0.3)  # a few documents in
            break
        time.sleep(0.05)
    assert run.poll() is None, f"reindex ended before it could be killed: {run.communicate()}"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_killed_reindex_is_never_switched_to(tmp_path, engine):
    settings = engine_settings(engine, tmp_path / "data")
    ingested(settings, DOCS)
    assert cli(settings, "reindex").returncode == 0
    good = next(g for g in Index(settings).generations() if g.current)
    assert good.count == DOCS

    kill_during_rebuild(settings)
    generations = Index(settings).generations()
    partial = [g for g in generations if not g.complete]
    assert len(partial) == 1 and not partial[0].current and (partial[0].count or 0) < DOCS
    listing = cli(settings, "reindex", "--list")
    assert "incomplete" in listing.stdout and "in use" in listing.stdout

    # A rollback goes to the newest *complete* older generation (here the first one), never to the partial one,
    # which is removed.
    back = cli(settings, "reindex", "--rollback")
    assert back.returncode == 0, back.stderr
    generations = Index(settings).generations()
    current = next(g for g in generations if g.current)
    assert current.complete and current.count == DOCS and current.name < good.name
    assert partial[0].name not in {g.name for g in generations}
    assert invariant_problems(settings) == []

    # Killed again, then reindex and rollback: back to the generation that was complete, never the partial one.
    kill_during_rebuild(settings)
    assert cli(settings, "reindex").returncode == 0
    assert all(g.complete for g in Index(settings).generations())
    assert cli(settings, "reindex", "--rollback").returncode == 0
    current = next(g for g in Index(settings).generations() if g.current)
    assert current.complete and current.count == DOCS
    assert invariant_problems(settings) == []


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("keep", [1, 2])
def test_reindexes_keep_only_the_configured_generations(tmp_path, generated, engine, keep):
    settings, index = make_archive(tmp_path, generated, engine=engine)
    settings = settings.model_copy(update={"keep_generations": keep})
    archive = Archive(settings, index)
    made = [archive.reindex().name for _ in range(10)]
    archive.close()
    generations = index.generations()
    assert [g.name for g in generations] == made[-(keep + 1) :]
    assert [g.current for g in generations] == [False] * keep + [True]
    if engine == "embedded":
        folders = [p.name for p in settings.index_dir.iterdir() if p.is_dir()]
        assert sorted(folders) == made[-(keep + 1) :]
    assert invariant_problems(settings) == []


def test_rollback_writes_back_what_was_indexed_after_the_older_generation(tmp_path, generated):
    from archive_checks import marked_pdfs

    settings, index = make_archive(tmp_path / "data", generated)
    Archive(settings).reindex()
    marked_pdfs(tmp_path / "later", 3)
    assert cli(settings, "ingest", str(tmp_path / "later")).returncode == 0
    before = index.count()
    assert cli(settings, "reindex", "--rollback").returncode == 0
    assert index.count() == before
    assert invariant_problems(settings) == []
