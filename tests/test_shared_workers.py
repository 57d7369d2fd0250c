"""Workers on several machines share one queue in PostgreSQL: two `openarchief worker` processes, each with a
data dir of its own, killed -9 at random and started again, ingest a folder of 500 files, and every file ends up
indexed exactly once. Real processes, a real PostgreSQL database, a real OpenSearch node, a real S3-compatible
store."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from archive_checks import ROOT, cli_env, marked_pdfs
from conftest import engine_settings
from test_blobs_s3 import bucket_keys

from openarchief.ingest.ledger import Ledger
from openarchief.search import Index, Settings

FILES = 500
KILLS = 6
DEADLINE = 300  # seconds for the whole ingest, kills and restarts included


def start_worker(settings: Settings, inbox: Path, log: Path) -> subprocess.Popen:
    # A session of its own: kill -9 takes the worker and its extraction processes, as a machine that dies does.
    with open(log, "a") as stderr:  # the child keeps its own copy of the descriptor
        return subprocess.Popen(
            [sys.executable, "-m", "openarchief", "worker", "--inbox", str(inbox), "--interval", "0.5"],
            cwd=ROOT,
            env=cli_env(settings, OPENARCHIEF_WORKERS="1"),
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )


def kill_9(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def test_two_workers_sharing_a_database_ingest_a_folder_exactly_once_under_kill_9(tmp_path, s3_blobs, postgres_url):
    inbox = tmp_path / "inbox"
    marked_pdfs(inbox, FILES)
    first = engine_settings("opensearch", tmp_path / "machine-a", database_url=postgres_url, **s3_blobs)
    # The other machine: its own data dir, the same database and index.
    second = first.model_copy(update={"data_dir": tmp_path / "machine-b"})
    machines = {"a": first, "b": second}
    workers = {name: start_worker(s, inbox, tmp_path / f"{name}.log") for name, s in machines.items()}
    ledger = Ledger.open(first)
    rng = random.Random(17)
    kills, indexed, started = 0, 0, time.monotonic()
    try:
        while time.monotonic() - started < DEADLINE:
            # Kills come often enough to all fall within the ingest, which the preloaded workers now finish in
            # seconds.
            time.sleep(rng.uniform(0.3, 1.2) if kills < KILLS else 0.5)
            indexed = ledger.counts().get("indexed", 0)
            if indexed == FILES:
                break
            if kills < KILLS and indexed:
                name = rng.choice(sorted(workers))
                kill_9(workers[name])
                workers[name] = start_worker(machines[name], inbox, tmp_path / f"{name}.log")
                kills += 1
    finally:
        for process in workers.values():
            kill_9(process)
    logs = "\n".join((tmp_path / f"{name}.log").read_text()[-2000:] for name in machines)
    print(f"{kills} kills; {indexed} of {FILES} files indexed after {time.monotonic() - started:.0f} s")
    assert kills == KILLS, f"the folder was done before the workers could be killed {KILLS} times"
    assert ledger.counts() == {"indexed": FILES}, logs
    ids = ledger.indexed_ids()
    assert len(ids) == FILES
    # Each file once in the index: 500 documents, every one the ledger calls indexed searchable.
    index = Index(first)
    assert index.count() == FILES
    assert set().union(*index.holding(sorted(ids)).values()) == ids
    # Each document entered the archive once (a file whose worker died while reading it is read again).
    for doc in ledger.documents():
        assert [e.kind for e in doc.history].count("opgenomen") == 1, doc.id
    ledger.close()
    # Their originals in the one object store, each once (its name is its hash).
    assert len(bucket_keys(first)) == FILES
