"""The two invariants under a random interleaving of archivist operations, on both engines: ingest, withdraw,
reindex and rollback run as real processes, two at a time, and some are killed with SIGKILL at a random moment.
After every step: every document the ledger calls indexed is searchable in the generation in use, and every
withdrawn document (whose removal finished) is in no generation, no blob and no ledger text. At the end, one
more run finishes what kills left half done and every file is accounted for.

Seeded and with a fixed number of rounds, so a failure is reproducible (OPENARCHIEF_INTERLEAVING_SEED picks
another seed to explore)."""

from __future__ import annotations

import os
import random
import signal
import time

import pytest
from archive_checks import cli, cli_background, invariant_problems, marked_pdfs
from conftest import ENGINES, engine_settings

from openarchief.ingest.ledger import Ledger

SEED = int(os.environ.get("OPENARCHIEF_INTERLEAVING_SEED", "20261130"))
ROUNDS = 12
FOLDERS, PER_FOLDER = 6, 40


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    root = tmp_path_factory.mktemp("interleaving")
    return [
        marked_pdfs(root / f"part-{k}", PER_FOLDER, start=k * PER_FOLDER) and root / f"part-{k}" for k in range(FOLDERS)
    ]


def _indexed(settings) -> list[str]:
    ledger = Ledger(settings.ledger_path)
    try:
        return sorted(ledger.indexed_ids())
    finally:
        ledger.close()


def _operation(rng: random.Random, settings, folders) -> list[str]:
    kind = rng.choice(["ingest", "ingest", "withdraw", "reindex", "rollback"])
    if kind == "ingest":
        return ["ingest", str(rng.choice(folders))]
    if kind == "withdraw":
        indexed = _indexed(settings)
        if indexed:
            return ["withdraw", *rng.sample(indexed, min(2, len(indexed))), "--reason", "interleaving test"]
        return ["reindex"]
    return ["reindex", "--rollback"] if kind == "rollback" else ["reindex"]


@pytest.mark.parametrize("engine", ENGINES)
def test_random_interleavings_keep_the_invariants(tmp_path, folders, engine):
    rng = random.Random(f"{SEED}-{engine}")
    settings = engine_settings(engine, tmp_path / "data")
    assert cli(settings, "ingest", str(folders[0])).returncode == 0
    log = []
    for round_number in range(ROUNDS):
        first = _operation(rng, settings, folders)
        second = _operation(rng, settings, folders) if rng.random() < 0.6 else None
        kill_after = rng.uniform(0.3, 4.0) if rng.random() < 0.4 else None
        log.append((first, second, kill_after))
        running = cli_background(settings, *first)
        if second:
            done = cli(settings, *second)
            # Refusals are fine (e.g. nothing to roll back to); failures of any other kind are not.
            assert done.returncode in (0, 1), (log, done.stderr)
            assert "Traceback" not in done.stderr, (log, done.stderr)
        if kill_after is not None:
            time.sleep(kill_after)
            if running.poll() is None:
                os.kill(running.pid, signal.SIGKILL)
        _, err = running.communicate(timeout=300)
        if kill_after is None or running.returncode != -signal.SIGKILL:
            assert running.returncode in (0, 1), (log, err)
            assert "Traceback" not in err, (log, err)
        problems = invariant_problems(settings)
        assert problems == [], (round_number, log, problems)

    # One more run of everything: what kills left half done is finished, and no file is lost or doubled.
    for folder in folders:
        result = cli(settings, "ingest", str(folder))
        assert result.returncode == 0, (log, result.stderr)
    assert invariant_problems(settings) == []
    ledger = Ledger(settings.ledger_path)
    counts = ledger.counts()
    unpurged = ledger.unpurged()
    ledger.close()
    assert unpurged == []
    assert counts.get("indexed", 0) + counts.get("withdrawn", 0) == FOLDERS * PER_FOLDER, (log, counts)
    assert set(counts) <= {"indexed", "withdrawn"}, (log, counts)
