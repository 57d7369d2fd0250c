"""Runs on one data dir queue for the archive lock instead of failing: two ingests at once both finish with
nothing lost; a command that may not wait long says who holds the archive, in one line, with exit code 5."""

from __future__ import annotations

import threading
import time

from archive_checks import cli, cli_background, invariant_problems, marked_pdfs
from conftest import engine_settings

from openarchief.ingest.ledger import Ledger
from openarchief.ingest.lock import archive_lock


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


def test_a_held_archive_makes_others_wait_then_go_on(tmp_path):
    settings = engine_settings("embedded", tmp_path / "data")
    marked_pdfs(tmp_path / "in", 3)
    assert cli(settings, "ingest", str(tmp_path / "in")).returncode == 0

    with archive_lock(settings.data_dir, "a test holding the archive"):
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


def test_the_lock_is_reentrant_and_let_go_by_a_thread_that_waits(tmp_path):
    data_dir = tmp_path / "data"
    with archive_lock(data_dir, "outer"):
        with archive_lock(data_dir, "inner"):  # the same process, nested: no deadlock
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
