"""`openarchief backup` and `restore`: the whole archive into a folder and back into empty services, on one machine
(embedded index, SQLite, a blob folder) and on the scaled set-up (an OpenSearch snapshot in an fs repository,
pg_dump of PostgreSQL, the originals from an S3-compatible store). Every document comes back searchable with its
original; a document withdrawn before the backup stays out."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from archive_checks import cli, invariant_problems
from conftest import corpus_file, drop_database, engine_settings, new_database, require
from test_blobs_s3 import bucket_keys

from openarchief.ingest.ledger import Ledger
from openarchief.search import Index, SearchRequest
from openarchief.search.blobs import open_blob_store, sha256_of

NAMES = ["plooi__kst-32545-143.pdf", "heerlen__parkeerverordening-2025.pdf", "plooi__vn-1441.pdf"]
SNAPSHOTS = os.environ.get("OPENARCHIEF_TEST_OPENSEARCH_SNAPSHOTS", "")


def ingest_and_withdraw_one(settings, corpus) -> tuple[dict[str, Path], str]:
    files = {sha256_of(p): p for p in (corpus_file(corpus, n) for n in NAMES)}
    done = cli(settings, "ingest", "--ocr", "never", *map(str, files.values()))
    assert done.returncode == 0, done.stderr
    gone = sha256_of(corpus_file(corpus, NAMES[2]))
    assert cli(settings, "withdraw", gone, "--reason", "privacy").returncode == 0
    return files, gone


def check_restored(settings, files: dict[str, Path], gone: str) -> None:
    index = Index(settings)
    kept = {sha: path for sha, path in files.items() if sha != gone}
    assert index.count() == len(kept)
    assert {h.id for h in index.search(SearchRequest(q="spaarrente")).hits} == {
        sha for sha, p in kept.items() if p.name == NAMES[0]
    }
    blobs = open_blob_store(settings)
    for sha, path in kept.items():
        with blobs.local_file(sha) as copy:
            assert copy.read_bytes() == path.read_bytes()
    assert not blobs.has(gone)
    ledger = Ledger.open(settings)
    try:
        assert ledger.indexed_ids() == set(kept)
        assert [w.id for w in ledger.withdrawals()] == [gone]
    finally:
        ledger.close()
    assert invariant_problems(settings) == []


def test_one_machine_backs_up_and_restores_into_a_new_data_dir(tmp_path, corpus):
    settings = engine_settings("embedded", tmp_path / "data")
    files, gone = ingest_and_withdraw_one(settings, corpus)
    made = cli(settings, "backup", str(tmp_path / "backup"))
    assert made.returncode == 0, made.stderr
    assert "2 documents indexed" in made.stderr
    again = cli(settings, "backup", str(tmp_path / "backup"))  # never over an earlier backup
    assert again.returncode != 0 and "not empty" in again.stderr

    new = engine_settings("embedded", tmp_path / "new-machine")
    restored = cli(new, "restore", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr
    assert "2 documents searchable" in restored.stderr
    check_restored(new, files, gone)
    twice = cli(new, "restore", str(tmp_path / "backup"))  # never over an archive that holds documents
    assert twice.returncode != 0 and "not empty" in twice.stderr and "Traceback" not in twice.stderr


def test_the_scaled_archive_backs_up_and_restores_into_empty_services(tmp_path, corpus, s3_blobs):
    require(bool(SNAPSHOTS), "a snapshot folder under the node's path.repo (OPENARCHIEF_TEST_OPENSEARCH_SNAPSHOTS)")
    first_db, second_db = new_database(), new_database()
    try:
        repository = str(Path(SNAPSHOTS) / uuid.uuid4().hex)
        settings = engine_settings(
            "opensearch",
            tmp_path / "machine-a",
            database_url=first_db,
            opensearch_snapshot_path=repository,
            **s3_blobs,
        )
        files, gone = ingest_and_withdraw_one(settings, corpus)
        made = cli(settings, "backup", str(tmp_path / "backup"), OPENARCHIEF_OPENSEARCH_SNAPSHOT_PATH=repository)
        assert made.returncode == 0, made.stderr
        assert (tmp_path / "backup" / "database.dump").stat().st_size > 0

        # The services are lost: the index is gone from OpenSearch; a new database and a new bucket wait.
        from opensearchpy import OpenSearch

        OpenSearch(hosts=[settings.opensearch_url]).indices.delete(index=f"{settings.opensearch_index}-v*")
        bucket = f"test-{uuid.uuid4().hex[:12]}"
        from conftest import s3_client

        s3_client().create_bucket(Bucket=bucket)
        new = settings.model_copy(
            update={"data_dir": tmp_path / "machine-b", "database_url": second_db, "blob_url": f"s3://{bucket}/o"}
        )
        restored = cli(new, "restore", str(tmp_path / "backup"))
        assert restored.returncode == 0, restored.stderr
        check_restored(new, files, gone)
        assert len(bucket_keys(new)) == 2
    finally:
        drop_database(first_db)
        drop_database(second_db)


@pytest.mark.parametrize("engine", ["embedded"])
def test_a_folder_without_a_backup_is_a_clear_error(tmp_path, engine):
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = cli(engine_settings(engine, tmp_path / "data"), "restore", str(empty))
    assert result.returncode != 0 and "holds no openarchief backup" in result.stderr
    assert "Traceback" not in result.stderr
