"""`openarchief backup` and `restore`: the whole archive into a folder and back into empty services, on one machine
(embedded index, SQLite, a blob folder) and on the scaled set-up (an OpenSearch snapshot in an fs repository,
pg_dump of PostgreSQL, the originals from an S3-compatible store). Every document comes back searchable with its
original; a document withdrawn before the backup stays out, and one withdrawn after it is taken out of the backup
and stays out of the archive restored from it."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from archive_checks import cli, files_containing, invariant_problems, marked_pdfs, marker
from conftest import corpus_file, drop_database, engine_settings, new_database, require
from test_blobs_s3 import bucket_keys

from openarchief.ingest.backup_withdrawals import MANIFEST, REGISTER, later_withdrawals
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


def check_restored(settings, files: dict[str, Path], *gone: str) -> None:
    index = Index(settings)
    kept = {sha: path for sha, path in files.items() if sha not in gone}
    assert index.count() == len(kept)
    assert {h.id for h in index.search(SearchRequest(q="spaarrente")).hits} == {
        sha for sha, p in kept.items() if p.name == NAMES[0]
    }
    blobs = open_blob_store(settings)
    for sha, path in kept.items():
        with blobs.local_file(sha) as copy:
            assert copy.read_bytes() == path.read_bytes()
    assert not any(blobs.has(sha) for sha in gone)
    ledger = Ledger.open(settings)
    try:
        assert ledger.indexed_ids() == set(kept)
        assert [w.id for w in ledger.withdrawals()] == list(gone)
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
        # Withdrawn after the backup: the snapshot and the dump still hold it; the restore takes it out.
        later = sha256_of(corpus_file(corpus, NAMES[1]))
        assert cli(settings, "withdraw", later, "--reason", "privacy").returncode == 0
        assert not (tmp_path / "backup" / "blobs" / later[:2] / f"{later}.pdf").exists()

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
        check_restored(new, files, gone, later)
        assert len(bucket_keys(new)) == 1
    finally:
        drop_database(first_db)
        drop_database(second_db)


def backed_up(tmp_path, count: int):
    """An embedded archive of `count` marked PDFs, and the folder of its backup."""
    settings = engine_settings("embedded", tmp_path / "data")
    marked_pdfs(tmp_path / "in", count)
    assert cli(settings, "ingest", str(tmp_path / "in")).returncode == 0
    backup = tmp_path / "backup"
    assert cli(settings, "backup", str(backup)).returncode == 0
    return settings, backup


def test_a_withdrawal_after_the_backup_reaches_it(tmp_path):
    settings, backup = backed_up(tmp_path, 4)
    word = marker(2)
    victim = Index(settings).search(SearchRequest(q=word)).hits[0].id
    assert files_containing(backup, word)  # in the backup's index and ledger (so finding it nowhere means something)
    assert (backup / "blobs" / victim[:2] / f"{victim}.pdf").is_file()

    withdrawn = cli(settings, "withdraw", victim[:12], "--reason", "privacy: een naam op pagina 2")
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert "warning" not in withdrawn.stderr
    # Out of the backup: its original, the index copy (every generation) and the ledger copy, to the last byte.
    assert files_containing(backup, word) == []
    assert not (backup / "blobs" / victim[:2] / f"{victim}.pdf").exists()
    copy = Ledger(backup / "ledger.sqlite3")
    try:
        assert [w.id for w in copy.withdrawals()] == [victim] and victim not in copy.indexed_ids()
    finally:
        copy.close()

    # Carried off-site and back, to another folder: the restore finds the index copy inside it.
    moved = backup.rename(tmp_path / "brought-back")
    new = engine_settings("embedded", tmp_path / "new-machine")
    restored = cli(new, "restore", str(moved))
    assert restored.returncode == 0, restored.stderr
    assert "3 documents searchable" in restored.stderr and "1 withdrawals kept out" in restored.stderr
    assert Index(new).search(SearchRequest(q=word)).total == 0
    ledger = Ledger.open(new)
    try:
        assert [(w.id, w.reason) for w in ledger.withdrawals()] == [(victim, "privacy: een naam op pagina 2")]
    finally:
        ledger.close()
    assert invariant_problems(new) == []
    assert files_containing(new.data_dir, word) == []


def test_a_backup_out_of_reach_is_named_and_catches_up_when_back(tmp_path):
    settings, backup = backed_up(tmp_path, 4)
    index = Index(settings)
    victims = [index.search(SearchRequest(q=marker(i))).hits[0].id for i in (1, 2, 3)]

    def withdraw(doc_id: str) -> str:
        done = cli(settings, "withdraw", doc_id, "--reason", "privacy")
        assert done.returncode == 0, done.stderr
        assert invariant_problems(settings) == []
        return " ".join(done.stderr.split())

    backup.rename(tmp_path / "away")  # its disk unplugged
    assert f"the backup {backup.resolve()} was not found on this machine" in withdraw(victims[0])
    (tmp_path / "away").rename(backup)
    manifest = (backup / MANIFEST).read_text()
    (backup / MANIFEST).write_text("{damaged")
    assert f"the backup {backup.resolve()} could not be changed" in withdraw(victims[1])
    (backup / MANIFEST).write_text(manifest)
    with (backup / REGISTER).open("a") as register:
        register.write('{"id": "cut short by a kill')
    assert "warning" not in withdraw(victims[2])
    # The last withdrawal carried the two the backup missed.
    assert set(later_withdrawals(backup)) == set(victims)
    for i in (1, 2, 3):
        assert files_containing(backup, marker(i)) == []
    assert files_containing(backup, marker(0))


def test_a_restore_records_the_later_withdrawals_before_anything_comes_back(tmp_path):
    settings, backup = backed_up(tmp_path, 2)
    victim = Index(settings).search(SearchRequest(q=marker(1))).hits[0].id
    assert cli(settings, "withdraw", victim, "--reason", "privacy").returncode == 0
    shutil.rmtree(backup / "index")  # the restore fails half-way, as a kill would stop it

    new = engine_settings("embedded", tmp_path / "new-machine")
    assert cli(new, "restore", str(backup)).returncode != 0
    ledger = Ledger.open(new)
    try:
        assert [w.id for w in ledger.withdrawals()] == [victim]  # the next command purges whatever came back
    finally:
        ledger.close()
    assert not open_blob_store(new).has(victim)


@pytest.mark.parametrize("engine", ["embedded"])
def test_a_folder_without_a_backup_is_a_clear_error(tmp_path, engine):
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = cli(engine_settings(engine, tmp_path / "data"), "restore", str(empty))
    assert result.returncode != 0 and "holds no openarchief backup" in result.stderr
    assert "Traceback" not in result.stderr
