"""A withdrawal reaches the backups made before it: a withdrawn document is nowhere, and no restore brings it back.

`openarchief backup` registers its folder in the ledger. A withdrawal then, for each registered backup this
machine reaches:
- writes itself into the backup's register of later withdrawals (`withdrawals.jsonl`), which a restore applies to
  the ledger it brings back before anything is searchable;
- removes the original from the backup's blobs;
- removes the text from what can be rewritten: the embedded index's copy (every generation, to the last byte)
  and the SQLite ledger's copy (its extracted text goes, a tombstone stays).
An OpenSearch snapshot and a pg_dump cannot be rewritten: their copies of the text stay until the backup is
deleted, and a restore purges them at once. A registered folder this machine does not reach is named, so that
the archivist knows which backup still holds the document.
"""

from __future__ import annotations

import json
from pathlib import Path

from openarchief.search import Index

from .ledger import Ledger

MANIFEST = "openarchief-backup.json"
REGISTER = "withdrawals.jsonl"
LEDGER_COPY = "ledger.sqlite3"


def reach_backups(ledger: Ledger, index: Index, withdrawals: dict[str, tuple[str, str]]) -> list[str]:
    """Carry `withdrawals` ({id: (reason, withdrawn_at)}) into every registered backup; returns the folders not
    reached. Repeating it (after a kill) finishes the work."""
    unreached = []
    for folder in ledger.backups():
        path = Path(folder)
        if (path / MANIFEST).is_file():
            _withdraw_from(path, index, withdrawals)
        else:
            unreached.append(folder)
    return unreached


def later_withdrawals(folder: Path) -> dict[str, tuple[str, str]]:
    """The withdrawals made after the backup in `folder` was: {id: (reason, withdrawn_at)}."""
    register = folder / REGISTER
    if not register.is_file():
        return {}
    rows = [json.loads(line) for line in register.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {row["id"]: (row["reason"], row["withdrawn_at"]) for row in rows}


def index_location(folder: Path, manifest: dict) -> Path:
    """Where the backup's index is: an embedded index's copy inside the folder (wherever the folder is now, and
    whatever the working directory), an OpenSearch snapshot in the repository the manifest names."""
    return folder / "index" if manifest["engine"] == "embedded" else Path(manifest["index_location"])


def _withdraw_from(folder: Path, index: Index, withdrawals: dict[str, tuple[str, str]]) -> None:
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    # The register first: whatever a kill leaves undone below, a restore still takes the documents out.
    known = later_withdrawals(folder)
    with (folder / REGISTER).open("a", encoding="utf-8") as register:
        for doc_id, (reason, at) in withdrawals.items():
            if doc_id not in known:
                register.write(json.dumps({"id": doc_id, "reason": reason, "withdrawn_at": at}) + "\n")
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
