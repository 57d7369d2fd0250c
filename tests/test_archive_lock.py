"""Runs on one data dir queue for the archive lock instead of failing: two ingests at once both finish with
nothing lost; a command that may not wait long says who holds the archive, in one line, with exit code 5."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
from archive_checks import cli, cli_background, invariant_problems, marked_pdfs
from conftest import drop_database, engine_settings, new_database

from openarchief.ingest.archive import Archive
from openarchief.ingest.ledger import Ledger
from openarchief.ingest.lock import ArchiveBusy, LockLost, archive_lock, ensure_held
from openarchief.ingest.pipeline import Ingestor
from openarchief.search import Index, Settings


def test_two_ingests_at_once_both_finish(tmp_path):
    settings = engine_settings("embedded", tmp_path / "data")
    marked_pdfs(tmp_path / "a", 40)
    marked_pdfs(tmp_path / "b", 40, start=40)
    first = cli_background(settings, "ingest", str(tmp_path / "a"))
    second = cli_background(settings, "ingest", str(tmp_path / "b"), OPENARCHIEF_WORKERS="1")
    for run in (first, second):
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
        assert "Traceback" not in err and "LockBusy" not in err
    ledger = Ledger(settings.ledger_path)
    assert ledger.counts() == {"indexed": 80}
    ledger.close()
    assert invariant_problems(settings) == []


def test_a_held_archive_makes_others_wait_then_go_on(tmp_path, database_url):
    # With a database, the lock is PostgreSQL's (runs on other machines wait too), not a file in the data dir.
    settings = engine_settings("embedded", tmp_path / "data", database_url=database_url)
    marked_pdfs(tmp_path / "in", 3)
    assert cli(settings, "ingest", str(tmp_path / "in")).returncode == 0

    with archive_lock(settings, "a test holding the archive"):
        # With a time limit: one line naming the holder, exit 5, nothing done.
        busy = cli(settings, "reindex", OPENARCHIEF_LOCK_TIMEOUT="1")
        assert busy.returncode == 5, busy.stderr
        assert "a test holding the archive" in busy.stderr and "busy:" in busy.stderr
        assert "Traceback" not in busy.stderr
        # Without one: it waits, says so once, and does its work when the archive is free.
        waiting = cli_background(settings, "reindex")
        time.sleep(3)
        assert waiting.poll() is None
    _, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err
    assert err.count("waiting: a test holding the archive") == 1 and "searches now use" in err
    assert invariant_problems(settings) == []
    assert (settings.data_dir / "archive.lock").exists() == (not database_url)


def test_a_killed_holder_lets_go_of_the_database_lock_at_once(tmp_path):
    url = new_database()
    try:
        settings = engine_settings("embedded", tmp_path / "data", database_url=url)
        holder = subprocess.Popen(
            [sys.executable, "-c", HOLD, url], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        said: list[str] = []
        with pytest.raises(ArchiveBusy, match="a process that holds it"):
            with archive_lock(settings, "second", timeout=0.5, waiting=said.append):
                pass
        assert len(said) == 1 and "a process that holds it" in said[0]
        holder.kill()
        holder.wait(timeout=10)
        started = time.monotonic()
        with archive_lock(settings, "after the kill", timeout=10):
            assert time.monotonic() - started < 5
    finally:
        drop_database(url)


# Takes the archive lock of the database given as argument, says so, and holds it until killed.
HOLD = """
import sys, time
from openarchief.ingest.lock import archive_lock
from openarchief.search import Settings
with archive_lock(Settings(database_url=sys.argv[1]), "a process that holds it"):
    print("held", flush=True)
    time.sleep(600)
"""


def test_the_lock_is_reentrant_and_let_go_by_a_thread_that_waits(tmp_path):
    data_dir = tmp_path / "data"
    settings = Settings(data_dir=data_dir)
    with archive_lock(settings, "outer"):
        with archive_lock(settings, "inner"):  # the same process, nested: no deadlock
            pass
        done = threading.Event()

        def other_process_like():
            # A separate lock object on the same file in another thread waits like another process would.
            import filelock

            lock = filelock.FileLock(data_dir / "archive.lock", is_singleton=False, thread_local=False)
            lock.acquire()
            lock.release()
            done.set()

        thread = threading.Thread(target=other_process_like)
        thread.start()
        time.sleep(0.5)
        assert not done.is_set()
    thread.join(timeout=10)
    assert done.is_set()


def end_lock_session(url: str) -> None:
    """The fault: the database server ends the session that holds the archive lock (a restart, a cut
    connection), as an administrator's pg_terminate_backend does."""
    import sqlalchemy as sa

    from openarchief.search import database

    # Autocommit: within one transaction PostgreSQL shows the same snapshot of pg_stat_activity every time.
    with database.shared_engine(url).connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # This test's database only: tests running beside it hold the same lock in databases of their own.
        holders = conn.execute(
            sa.text(
                "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 0 AND objid = :key "
                "AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            ),
            {"key": database.ARCHIVE_LOCK},
        ).all()
        assert len(holders) == 1
        pid = holders[0].pid
        assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
        # pg_terminate_backend only signals: the session has ended once the server no longer lists it.
        deadline = time.monotonic() + 10
        while conn.execute(sa.text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}).scalar():
            assert time.monotonic() < deadline, "the session did not end"
            time.sleep(0.05)


def test_a_run_that_lost_the_lock_is_told_so_and_the_archive_is_free(tmp_path, postgres_url):
    settings = engine_settings("embedded", tmp_path / "data", database_url=postgres_url)
    with pytest.raises(LockLost, match="session holding the archive lock ended"):
        with archive_lock(settings, "a run whose session ends"):
            ensure_held(settings)  # held: nothing said
            end_lock_session(postgres_url)
            ensure_held(settings)
    started = time.monotonic()
    with archive_lock(settings, "the next run", timeout=10):
        ensure_held(settings)
        assert time.monotonic() - started < 5


def test_a_reindex_that_lost_the_lock_does_not_switch(tmp_path, postgres_url, monkeypatch):
    settings = engine_settings("embedded", tmp_path / "data", database_url=postgres_url)
    marked_pdfs(tmp_path / "in", 4)
    assert cli(settings, "ingest", str(tmp_path / "in")).returncode == 0
    archive = Archive(settings)
    try:
        before = [g.name for g in archive.generations() if g.current]
        documents = archive.ledger.documents

        def session_ends_while_read():
            for n, doc in enumerate(documents()):
                if n == 1:
                    end_lock_session(postgres_url)
                yield doc

        monkeypatch.setattr(archive.ledger, "documents", session_ends_while_read)
        with pytest.raises(LockLost):
            archive.reindex()
        assert [g.name for g in archive.generations() if g.current] == before
    finally:
        archive.close()
    assert invariant_problems(settings) == []


def test_an_ingest_that_lost_the_lock_leaves_its_batch_to_the_next_run(tmp_path, postgres_url, monkeypatch):
    settings = engine_settings("embedded", tmp_path / "data", database_url=postgres_url)
    marked_pdfs(tmp_path / "in", 3)
    index = Index(settings)
    ingestor = Ingestor(settings, index, workers=1)
    write = index.index

    def session_ends_while_written(docs):
        end_lock_session(postgres_url)
        return write(docs)

    monkeypatch.setattr(index, "index", session_ends_while_written)
    try:
        with pytest.raises(LockLost):
            ingestor.run([tmp_path / "in"])
    finally:
        ingestor.close()
    ledger = Ledger.open(settings)
    try:
        assert ledger.indexed_ids() == set()  # written to the index, but not called indexed
    finally:
        ledger.close()
    assert invariant_problems(settings) == []
    again = cli(settings, "ingest", str(tmp_path / "in"))
    assert again.returncode == 0, again.stderr
    assert invariant_problems(settings) == []
    assert Index(settings).count() == 3


def test_database_connections_notice_a_cut_connection_within_a_minute(postgres_url):
    from openarchief.search import database

    with database.shared_engine(postgres_url).connect() as conn:
        parameters = conn.connection.dbapi_connection.info.get_parameters()
        server = [int(conn.exec_driver_sql(f"SHOW tcp_keepalives_{name}").scalar()) for name in ("idle", "interval")]
        server_count = int(conn.exec_driver_sql("SHOW tcp_keepalives_count").scalar())
    assert server[0] + server[1] * server_count <= 60  # the server too: it ends the session, and frees the lock
    assert parameters["keepalives"] == "1"
    assert (
        int(parameters["keepalives_idle"])
        + int(parameters["keepalives_interval"]) * int(parameters["keepalives_count"])
        <= 60
    )


def test_a_withdrawal_that_lost_the_lock_changes_nothing(tmp_path, postgres_url):
    settings = engine_settings("embedded", tmp_path / "data", database_url=postgres_url)
    marked_pdfs(tmp_path / "in", 2)
    assert cli(settings, "ingest", str(tmp_path / "in")).returncode == 0
    archive = Archive(settings)
    try:
        victim = sorted(archive.ledger.indexed_ids())[0]
        with pytest.raises(LockLost):
            with archive_lock(settings, "an archivist's script"):
                end_lock_session(postgres_url)
                archive.withdraw([victim], "privacy")
        assert archive.ledger.withdrawals() == []
    finally:
        archive.close()
    assert invariant_problems(settings) == []
