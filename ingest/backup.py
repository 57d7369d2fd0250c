"""A backup of the whole archive, and its restore into empty services.

Three parts, taken under the archive lock so that no ingest batch, withdrawal or reindex falls between them:
- the index, every generation: on OpenSearch a snapshot in an fs repository (OPENARCHIEF_OPENSEARCH_SNAPSHOT_PATH,
  a folder every node reaches and lists under `path.repo`); embedded, a copy of the index dir into the backup;
- the originals the ledger knows, copied from the blob store (a folder or a bucket) into the backup;
- the shared state: with PostgreSQL a `pg_dump` of the database (ledger, reports, status); with SQLite a copy of
  each file made with SQLite's online backup.

The backup's folder is registered in the ledger: a later withdrawal reaches it (ingest/backup_withdrawals.py).

A restore brings them back in the reverse order into an archive that holds nothing, then takes out again whatever
the ledger, or the backup's register of later withdrawals, says was withdrawn (a backup made before a withdrawal
must not bring a document back) and indexes from the ledger any document it calls indexed that the snapshot lacks.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

from openarchief.search import Index, Settings, status
from openarchief.search.blobs import open_blob_store

from .archive import Archive
from .backup_withdrawals import MANIFEST, index_location, later_withdrawals
from .ledger import Ledger
from .lock import archive_lock, ensure_held

SQLITE_FILES = ("ledger.sqlite3", "reports.sqlite3")
DUMP = "database.dump"


class BackupError(RuntimeError):
    """A backup or restore that cannot be made, with the reason."""


def _libpq_url(url: str) -> str:
    return "postgresql:" + url.split(":", 1)[1]  # pg_dump knows no SQLAlchemy driver names


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _index_location(settings: Settings, folder: Path) -> Path:
    if settings.engine == "embedded":
        return folder / "index"
    if not settings.opensearch_snapshot_path:
        raise BackupError("set OPENARCHIEF_OPENSEARCH_SNAPSHOT_PATH: the folder OpenSearch writes snapshots to")
    return Path(settings.opensearch_snapshot_path)


def backup(settings: Settings, folder: Path) -> dict:
    """Back up the archive into `folder` (new or empty); returns the manifest written there."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupError(f"{folder} is not empty: back up into a new folder")
    name = f"openarchief-{dt.datetime.now(dt.timezone.utc):%Y%m%dt%H%M%S}"
    archive = Archive(settings)
    try:
        with archive_lock(settings, "backup", settings.lock_timeout):
            location = _index_location(settings, folder)
            archive.index.snapshot(location, name)
            indexed = archive.ledger.indexed_ids()
            ids = sorted(indexed | {doc.id for doc in archive.ledger.documents()})
            for sha in ids:
                target = folder / "blobs" / sha[:2] / f"{sha}.pdf"
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.blobs.local_file(sha) as source:
                    shutil.copyfile(source, target)
            if settings.database_url:
                _run(["pg_dump", "--format=custom", f"--file={folder / DUMP}", _libpq_url(settings.database_url)])
            else:
                for file_name in SQLITE_FILES:
                    if (settings.data_dir / file_name).is_file():
                        _sqlite_copy(settings.data_dir / file_name, folder / file_name)
                if (settings.data_dir / status.FILE_NAME).is_file():
                    shutil.copyfile(settings.data_dir / status.FILE_NAME, folder / status.FILE_NAME)
            manifest = {
                "snapshot": name,
                "engine": settings.engine,
                "index_location": str(location),
                "database": "postgresql" if settings.database_url else "sqlite",
                "documents": archive.ledger.document_count(),
                "indexed": len(indexed),
                "blobs": len(ids),
                "made_at": dt.datetime.now(dt.timezone.utc).isoformat(),
            }
            # Without the lock to the end, an ingest batch may fall between the parts: no manifest, no backup.
            ensure_held(settings)
            (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))
            # After the copies: the backup's own ledger does not list itself.
            archive.ledger.register_backup(str(folder.resolve()))
    finally:
        archive.close()
    return manifest


def _sqlite_copy(source: Path, target: Path) -> None:
    # The online backup API: a consistent copy even of a database in WAL mode that others read meanwhile.
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def restore(settings: Settings, folder: Path) -> dict:
    """Bring the backup in `folder` back into the empty archive of `settings`; returns what was restored."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise BackupError(f"{folder} holds no openarchief backup ({exc})") from exc
    if manifest["engine"] != settings.engine:
        raise BackupError(f"the backup is of the {manifest['engine']} engine, this archive uses {settings.engine}")
    if manifest["database"] != ("postgresql" if settings.database_url else "sqlite"):
        raise BackupError(f"the backup's state is in {manifest['database']}: restore it into the same kind")
    _refuse_unless_empty(settings)
    with archive_lock(settings, "restore", settings.lock_timeout):
        if settings.database_url:
            _run(
                [
                    "pg_restore",
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    f"--dbname={_libpq_url(settings.database_url)}",
                    str(folder / DUMP),
                ]
            )
        else:
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            for file_name in (*SQLITE_FILES, status.FILE_NAME):
                if (folder / file_name).is_file():
                    shutil.copyfile(folder / file_name, settings.data_dir / file_name)
        # The withdrawals made after the backup go into the ledger before anything else comes back: a restore
        # killed after this leaves them for the next command to purge (recover), never forgotten.
        later = later_withdrawals(folder)
        ledger = Ledger.open(settings)
        try:
            for doc_id, (reason, at) in later.items():
                ledger.withdraw(doc_id, reason, at)
        finally:
            ledger.close()
        blobs = open_blob_store(settings)
        for path in sorted((folder / "blobs").glob("*/*.pdf")):
            if path.stem not in later:
                blobs.put(path, path.stem)
        Index(settings).restore_snapshot(index_location(folder, manifest), manifest["snapshot"])
        archive = Archive(settings)
        try:
            settled = _settle(archive) | {"snapshot": manifest["snapshot"]}
            # Its ledger was copied before the backup registered itself: a withdrawal from now on reaches it too.
            archive.ledger.register_backup(str(folder.resolve()))
            return settled
        finally:
            archive.close()


def _refuse_unless_empty(settings: Settings) -> None:
    ledger = Ledger.open(settings)
    try:
        held = ledger.document_count() + sum(ledger.counts().values())
    finally:
        ledger.close()
    if held or Index(settings).count():
        raise BackupError(
            "this archive is not empty: restore only into empty services (a new data dir, database, "
            "index name and bucket)"
        )


def _settle(archive: Archive) -> dict:
    """What the restored ledger says wins over the restored index and blobs."""
    withdrawals = archive.ledger.withdrawals()
    purged = [w.id for w in withdrawals if w.purged_at]
    if purged:
        archive.index.purge(purged)
        for doc_id in purged:
            archive.blobs.remove(doc_id)
    # The rest (withdrawn after the backup, or a purge a kill cut short): out of the index, the blobs and the
    # dossiers that named them, and marked purged, once.
    archive.recover()
    indexed = archive.ledger.indexed_ids()
    current = next(g.name for g in archive.index.generations() if g.current)
    missing = indexed - archive.index.holding(sorted(indexed))[current] if indexed else set()
    if missing:
        archive.index.index([doc for doc in archive.ledger.documents() if doc.id in missing])
    status.save(archive.settings, archive.ledger.status())
    return {"documents": archive.index.count(), "indexed_again": len(missing), "withdrawn": len(withdrawals)}
