"""Error reports from visitors ("Meld een fout"): what is wrong with a document, and an optional contact.

Written by the web, read by archivists with `openarchief reports`; a small SQLite file in the data dir.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from pydantic import BaseModel

MAX_MESSAGE = 5000
MAX_CONTACT = 200


class Report(BaseModel):
    id: int
    document_id: str
    message: str
    contact: str | None
    created_at: str


class Reports:
    def __init__(self, data_dir: Path):
        data_dir.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(data_dir / "reports.sqlite3", timeout=30)
        self._db.row_factory = sqlite3.Row
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS reports (id INTEGER PRIMARY KEY, document_id TEXT NOT NULL, "
            "message TEXT NOT NULL, contact TEXT, created_at TEXT NOT NULL)"
        )

    def close(self) -> None:
        self._db.close()

    def add(self, document_id: str, message: str, contact: str | None) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        with self._db:
            self._db.execute(
                "INSERT INTO reports (document_id, message, contact, created_at) VALUES (?, ?, ?, ?)",
                (document_id, message[:MAX_MESSAGE], (contact or None) and contact[:MAX_CONTACT], now),
            )

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM reports").fetchone()[0]

    def all(self) -> list[Report]:
        return [Report(**row) for row in self._db.execute("SELECT * FROM reports ORDER BY id")]
