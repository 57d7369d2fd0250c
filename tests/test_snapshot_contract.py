"""A snapshot of the index (every generation) comes back whole into an empty index, on both engines.

On OpenSearch the snapshot goes to an fs repository in the folder scripts/test lists under the node's `path.repo`
(OPENARCHIEF_TEST_OPENSEARCH_SNAPSHOTS)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from conftest import ENGINES, engine_settings, require

from openarchief.search import Index, SearchRequest
from openarchief.search.errors import SearchError
from openarchief.search.model import Document, Page

SNAPSHOTS = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_SNAPSHOTS", "")


def doc(number: int, text: str) -> Document:
    return Document(id=f"{number:064x}", title=f"Besluit {number}", pages=[Page(number=1, text=text)])


@pytest.mark.parametrize("engine", ENGINES)
def test_a_snapshot_restores_every_generation_into_an_empty_index(engine, tmp_path):
    settings = engine_settings(engine, tmp_path / "data")
    if engine == "opensearch":
        require(bool(SNAPSHOTS), "a snapshot folder under the node's path.repo (OPENARCHIEF_TEST_OPENSEARCH_SNAPSHOTS)")
        location = Path(SNAPSHOTS) / uuid.uuid4().hex
    else:
        location = tmp_path / "snapshots"
    index = Index(settings)
    first = doc(1, "de subsidie voor de dijkversterking")
    index.rebuild([first], expected=1)
    index.rebuild([first], expected=1)  # the one before stays as the generation to go back to
    index.index([doc(2, "een vergunning voor de windmolens")])
    generations = [g.name for g in index.generations()]
    assert len(generations) >= 2
    index.snapshot(location, "backup-1")

    with pytest.raises(SearchError):  # never over an archive that holds documents
        index.restore_snapshot(location, "backup-1")

    # The empty service: the same archive's name, nothing in it.
    _empty(engine, settings)
    restored = Index(settings)
    restored.restore_snapshot(location, "backup-1")
    assert restored.count() == 2
    assert [h.id for h in restored.search(SearchRequest(q="windmolens")).hits] == [f"{2:064x}"]
    assert sorted(g.name for g in restored.generations()) == sorted(generations)


def _empty(engine: str, settings) -> None:
    """Remove the index the way a new machine lacks it."""
    if engine == "embedded":
        import shutil

        shutil.rmtree(settings.index_dir)
        return
    from opensearchpy import OpenSearch

    client = OpenSearch(hosts=settings.opensearch_url.split(","))
    client.indices.delete(index=f"{settings.opensearch_index}-v*")
