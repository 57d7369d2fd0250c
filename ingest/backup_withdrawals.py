"""A withdrawal reaches the backups made before it: a withdrawn document is nowhere, and no restore brings it back.

`openarchief backup` registers its folder in the ledger. A withdrawal then, for each registered backup this
machine reaches:
- writes itself into the backup's register of later withdrawals (`withdrawals.jsonl`), which a restore applies to
  the ledger it brings back before anything is searchable;
- removes the original from the backup's blobs;
- removes the text from what can be rewritten: the embedded index's copy (every generation, to the last byte)
  and the SQLite ledger's copy (its extracted text goes, a tombstone stays).
An OpenSearch snapshot and a pg_dump cannot be rewritten: their copies of the text stay until the backup is
deleted, and a restore purges them at once. A registered folder this machine does not reach (or cannot change)
is named, so that the archivist knows which backup still holds the document; should it come back, the next
withdrawal carries every one it missed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from openarchief.search import Index

from .ledger import Ledger

MANIFEST = "openarchief-backup.json"
REGISTER = "withdrawals.jsonl"
LEDGER_COPY = "ledger.sqlite3"


def reach_backups(ledger: Ledger, index: Index, doc_ids: list[str]) -> list[str]:
    """Carry the withdrawal of `doc_ids` into every registered backup, with any other made since the backup that
    has not reached it yet; returns a line for each backup not reached. Repeating it (after a kill) finishes the
    work."""
    backups = ledger.backups()
    if not backups:
        return []
    withdrawals = {w.id: (w.reason, w.withdrawn_at) for w in ledger.withdrawals()}
    problems = []
    for folder, made_at in backups:
        path = Path(folder)
        if not (path / MANIFEST).is_file():
            problems.append(f"{folder} was not found on this machine")
            continue
        carried = later_withdrawals(path)
        due = {
            doc_id: withdrawal
            for doc_id, withdrawal in withdrawals.items()
            if doc_id in doc_ids or (withdrawal[1] >= made_at and doc_id not in carried)
        }
        try:
            _withdraw_from(path, index, due)
        except Exception as exc:  # a backup's trouble (read-only, damaged) must never stop the archive's own work
            problems.append(f"{folder} could not be changed ({exc})")
    return problems


def later_withdrawals(folder: Path) -> dict[str, tuple[str, str]]:
    """The withdrawals made after the backup in `folder` was: {id: (reason, withdrawn_at)}."""
    register = folder / REGISTER
    if not register.is_file():
        return {}
    found = {}
    for line in register.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
            found[row["id"]] = (row["reason"], row["withdrawn_at"])
        except (ValueError, KeyError, TypeError):
            continue  # a line a kill cut short: that withdrawal is written again by the run that finishes it
    return found


def index_location(folder: Path, manifest: dict) -> Path:
    """Where the backup's index is: an embedded index's copy inside the folder (wherever the folder is now, and
    whatever the working directory), an OpenSearch snapshot in the repository the manifest names."""
    return folder / "index" if manifest["engine"] == "embedded" else Path(manifest["index_location"])


def _withdraw_from(folder: Path, index: Index, withdrawals: dict[str, tuple[str, str]]) -> None:
    if not withdrawals:
        return
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    # The register first: whatever a kill leaves undone below, a restore still takes the documents out.
    known = later_withdrawals(folder)
    lines = [
        (json.dumps({"id": doc_id, "reason": reason, "withdrawn_at": at}) + "\n").encode()
        for doc_id, (reason, at) in withdrawals.items()
        if doc_id not in known
    ]
    if lines:
        with (folder / REGISTER).open("ab+") as register:
            end = register.seek(0, os.SEEK_END)
            if end:  # after a line cut short, the next one starts on a line of its own
                register.seek(end - 1)
                if register.read(1) != b"\n":
                    register.write(b"\n")
            register.writelines(lines)
            register.flush()
            os.fsync(register.fileno())
    for doc_id in withdrawals:
        (folder / "blobs" / doc_id[:2] / f"{doc_id}.pdf").unlink(missing_ok=True)
    if manifest["engine"] == index.engine_name:
        index.purge_snapshot(index_location(folder, manifest), manifest["snapshot"], list(withdrawals))
    if (folder / LEDGER_COPY).is_file():
        copy = Ledger(folder / LEDGER_COPY)
        try:
            for doc_id, (reason, at) in withdrawals.items():
                copy.withdraw(doc_id, reason, at)
            copy.mark_purged(list(withdrawals))
        finally:
            copy.close()
