"""The archive lock: one writer of a data dir at a time, across processes.

Ingest (for each batch it writes), withdraw, reindex, rollback and drop hold it while they change the index and
the ledger together, so that a reindex reads the ledger and switches generations with no batch written in
between, and no withdrawal lands in the middle of either. A second run waits for it (saying once who holds it)
instead of failing; the web never takes it. It is an OS file lock (flock), so a run that is killed lets go of
it at once.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import filelock

from openarchief.search import atomic

LOCK_FILE = "archive.lock"
HOLDER_FILE = "archive.holder"


class ArchiveBusy(Exception):
    """Another run held the archive longer than this one was allowed to wait."""


def _holder(data_dir: Path) -> str:
    try:
        found = json.loads((data_dir / HOLDER_FILE).read_text())
        return f"{found['command']} (pid {found['pid']}, since {found['since']})"
    except (OSError, ValueError, KeyError):
        return "another openarchief run"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def archive_lock(
    data_dir: Path, command: str, timeout: float = 0, waiting: Callable[[str], None] = _say
) -> Iterator[None]:
    """Hold the archive of `data_dir`; waits while another run holds it (at most `timeout` seconds when it is
    above 0, then ArchiveBusy). Re-entrant within a process."""
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
