"""The archive lock: one writer of a data dir at a time, across processes.

Ingest (for each batch it writes), withdraw, reindex, rollback and drop hold it while they change the index and
the ledger together, so that a reindex reads the ledger and switches generations with no batch written in
between, and no withdrawal lands in the middle of either. A second run waits for it (saying once who holds it)
instead of failing; the web never takes it. It is an OS file lock (flock) in the data dir, or with
OPENARCHIEF_DATABASE_URL a session-level PostgreSQL advisory lock, so that runs on different machines exclude
each other too; either way a run that is killed lets go of it at once (the OS closes the file, the server ends
the session).

A session can end under a living run (the server restarted, an idle connection cut by a firewall during a long
reindex): the lock is then gone while the run goes on, and another run may take it. `ensure_held` asks the server
whether this run's session still holds it; the steps that must not overlap another run (a batch's index write
and its `indexed` in the ledger, a reindex's or rollback's switch, a withdrawal, a backup's manifest) ask it
first and stop with LockLost instead.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import filelock
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from openarchief.search import atomic, database
from openarchief.search.settings import Settings

LOCK_FILE = "archive.lock"
HOLDER_FILE = "archive.holder"


class ArchiveBusy(Exception):
    """Another run held the archive longer than this one was allowed to wait."""


class LockLost(Exception):
    """The database session that held this run's archive lock ended: another run may hold the archive now."""


def _holder(data_dir: Path) -> str:
    try:
        found = json.loads((data_dir / HOLDER_FILE).read_text())
        return f"{found['command']} (pid {found['pid']}, since {found['since']})"
    except (OSError, ValueError, KeyError):
        return "another openarchief run"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def archive_lock(
    settings: Settings, command: str, timeout: float = 0, waiting: Callable[[str], None] = _say
) -> contextlib.AbstractContextManager[None]:
    """Hold the archive of `settings`; waits while another run holds it (at most `timeout` seconds when it is
    above 0, then ArchiveBusy). Re-entrant within a process."""
    if settings.database_url:
        return _database_lock(settings.database_url, command, timeout, waiting)
    return _file_lock(settings.data_dir, command, timeout, waiting)


@contextlib.contextmanager
def _file_lock(data_dir: Path, command: str, timeout: float, waiting: Callable[[str], None]) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(data_dir / LOCK_FILE, is_singleton=True, fallback_to_soft=False)
    outermost = not lock.is_locked
    try:
        lock.acquire(timeout=0)
    except filelock.Timeout:
        waiting(f"waiting: {_holder(data_dir)} holds the archive at {data_dir}")
        try:
            lock.acquire(timeout=timeout if timeout > 0 else -1)
        except filelock.Timeout:
            raise ArchiveBusy(
                f"{_holder(data_dir)} still holds the archive at {data_dir} after {timeout:g} s"
            ) from None
    try:
        if outermost:
            since = time.strftime("%Y-%m-%d %H:%M:%S")
            holder = json.dumps({"command": command, "pid": os.getpid(), "since": since})
            with contextlib.suppress(OSError):  # only said to those who wait: a full disk must not stop the run
                atomic.write_text(data_dir / HOLDER_FILE, holder)
        yield
    finally:
        lock.release()


_held: dict[str, int] = {}  # database URL -> how deep this process holds its lock
_sessions: dict[str, tuple[int, object]] = {}  # database URL -> (pid, backend_start) of the session holding it
# The session holding the archive lock of this database (pg_locks lists every database's advisory locks).
_HOLDER = (
    "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid = 0 AND l.objid = :key AND l.objsubid = 1"
)
_HELD_BY = f"SELECT 1 {_HOLDER} AND a.pid = :pid AND a.backend_start = :start"


def ensure_held(settings: Settings) -> None:
    """Raise LockLost if this process holds the archive lock of `settings` on PostgreSQL but the session holding
    it has ended. Does nothing for a file lock (the OS never takes it from a living process) or when this process
    holds no lock."""
    url = settings.database_url
    if not url or not _held.get(url):
        return
    pid, start = _sessions[url]
    with database.shared_engine(url).connect() as conn:
        held = conn.execute(sa.text(_HELD_BY), {"key": database.ARCHIVE_LOCK, "pid": pid, "start": start}).first()
    if not held:
        raise LockLost(
            "the database session holding the archive lock ended (a restart or a cut connection): another run "
            "may hold the archive now; this run stopped before its next step — run the command again"
        )


def _application_name(command: str) -> str:
    """Who holds the lock, as those who wait are told it (pg_stat_activity shows it beside the lock); at most
    63 bytes, PostgreSQL's limit."""
    since = time.strftime("%H:%M:%S")
    name = f"{command} (pid {os.getpid()} on {socket.gethostname()}, since {since})"
    if len(name.encode()) > 63:
        name = f"{command} (pid {os.getpid()}, since {since})"
    return name.encode()[:63].decode(errors="ignore")


def _database_holder(conn: sa.Connection) -> str:
    found = conn.execute(
        sa.text(f"SELECT a.application_name {_HOLDER}"),
        {"key": database.ARCHIVE_LOCK},
    ).scalar()
    return found or "another openarchief run"


@contextlib.contextmanager
def _database_lock(url: str, command: str, timeout: float, waiting: Callable[[str], None]) -> Iterator[None]:
    if _held.get(url):
        _held[url] += 1
        try:
            yield
        finally:
            _held[url] -= 1
        return
    engine = database.shared_engine(url)
    where = sa.engine.make_url(url).render_as_string(hide_password=True)
    with database.reachable():
        conn = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:
        conn.execute(
            sa.text("SELECT set_config('application_name', :name, false)"), {"name": _application_name(command)}
        )
        key = {"key": database.ARCHIVE_LOCK}
        if not conn.execute(sa.text("SELECT pg_try_advisory_lock(:key)"), key).scalar():
            waiting(f"waiting: {_database_holder(conn)} holds the archive at {where}")
            conn.execute(sa.text("SELECT set_config('lock_timeout', :ms, false)"), {"ms": f"{int(timeout * 1000)}ms"})
            try:
                conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), key)
            except OperationalError as exc:
                if getattr(exc.orig, "sqlstate", None) != "55P03":  # lock_not_available: the timeout passed
                    raise
                raise ArchiveBusy(
                    f"{_database_holder(conn)} still holds the archive at {where} after {timeout:g} s"
                ) from None
            finally:
                conn.execute(sa.text("SELECT set_config('lock_timeout', '0', false)"))
        session = conn.execute(
            sa.text("SELECT pid, backend_start FROM pg_stat_activity WHERE pid = pg_backend_pid()")
        ).one()
        _sessions[url] = (session.pid, session.backend_start)
        _held[url] = 1
        try:
            yield
        finally:
            _held[url] = 0
            try:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), key)
                conn.execute(sa.text("SELECT set_config('application_name', '', false)"))
            except OperationalError as exc:
                if not database.is_connection_error(exc):
                    raise
                # The session ended, and the lock with it: nothing to let go of. The steps that needed the lock
                # asked for it first (ensure_held); an error of theirs must not be hidden by this one.
                conn.invalidate()
    except BaseException:
        conn.invalidate()  # whatever went wrong, the session (and the lock with it) must not go back to the pool
        raise
    finally:
        conn.close()
