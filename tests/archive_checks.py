"""Helpers for the tests of whole-archive operations: PDFs with a word of their own, the command line as a real
process, and the two invariants every archive operation must keep."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openarchief.demo.pdf import write_pdf
from openarchief.ingest.ledger import Ledger
from openarchief.search import Index, Settings
from openarchief.search.blobs import open_blob_store

ROOT = Path(__file__).resolve().parent.parent


def marker(i: int) -> str:
    """A word that occurs in document i and in no other (letters only, so it is one searchable word)."""
    letters, n = "", i
    while True:
        letters = chr(ord("a") + n % 26) + letters
        n //= 26
        if not n:
            break
    return f"zwerfvlinder{letters}q"


def marked_pdfs(folder: Path, count: int, start: int = 0) -> list[Path]:
    """One-page-subject, two-page PDFs; document i holds marker(i) on page 2 only (never in its title, which a
    withdrawal keeps in the archivist's listing)."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        write_pdf(
            folder / f"brief-{i:04}.pdf",
            [
                f"Onderwerp: Brief nummer {i} over parkeren\n\nDe gemeente schrijft over de parkeervergunning.",
                f"Bijlage bij brief {i}. Het kenmerk van dit stuk is {marker(i)} en verder niets.",
            ],
            title=f"Brief nummer {i} over parkeren",
        )
        for i in range(start, start + count)
    ]


def cli_env(settings: Settings, **extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "OPENARCHIEF_DATA_DIR": str(settings.data_dir),
            "OPENARCHIEF_ENGINE": settings.engine,
            "OPENARCHIEF_OPENSEARCH_URL": settings.opensearch_url,
            "OPENARCHIEF_OPENSEARCH_INDEX": settings.opensearch_index,
            "OPENARCHIEF_DATABASE_URL": settings.database_url,
            "OPENARCHIEF_WORKERS": "2",
            "OPENARCHIEF_RELOAD_SECONDS": "0",
            "OPENARCHIEF_BLOB_URL": settings.blob_url,
            "OPENARCHIEF_BLOB_ENDPOINT_URL": settings.blob_endpoint_url,
        }
    )
    env.update(extra)
    return env


def cli(settings: Settings, *args: str, timeout: float = 300, **extra: str) -> subprocess.CompletedProcess:
    """`openarchief ARGS` as a separate process, as an archivist runs it."""
    return subprocess.run(
        [sys.executable, "-m", "openarchief", *args],
        cwd=ROOT,
        env=cli_env(settings, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def cli_background(settings: Settings, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "openarchief", *args],
        cwd=ROOT,
        env=cli_env(settings, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def one_line(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) == 1 and "Traceback" not in text


def invariant_problems(settings: Settings) -> list[str]:
    """What breaks "every document the ledger calls indexed is searchable; a withdrawn one is nowhere" (for the
    withdrawals whose removal finished: a killed withdraw is finished by the next run)."""
    ledger = Ledger.open(settings)
    try:
        indexed = ledger.indexed_ids()
        withdrawn = [w.id for w in ledger.withdrawals() if w.purged_at]
        kept = {doc.id for doc in ledger.documents()}
    finally:
        ledger.close()
    index = Index(settings)
    problems = []
    generations = index.generations()
    current = [g.name for g in generations if g.current]
    if len(current) != 1:
        return [f"not one generation in use: {current}"]
    if indexed:
        found = index.holding(sorted(indexed))[current[0]]
        if found != indexed:
            problems.append(f"{len(indexed - found)} documents the ledger calls indexed are not searchable")
    if withdrawn:
        for name, ids in index.holding(withdrawn).items():
            if ids:
                problems.append(f"generation {name} still holds {len(ids)} withdrawn documents")
        blobs = open_blob_store(settings)
        problems += [f"blob of withdrawn {i[:12]} still in the blob store" for i in withdrawn if blobs.has(i)]
        problems += [f"the ledger still keeps the text of withdrawn {i[:12]}" for i in withdrawn if i in kept]
    return problems


def files_containing(folder: Path, needle: str) -> list[Path]:
    data = needle.encode()
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            try:
                if data in path.read_bytes():
                    found.append(path)
            except OSError:
                pass
    return found


def doc_id_of(settings: Settings, filename: str) -> str:
    """The id of the archived document ingested from a file of this name."""
    ledger = Ledger.open(settings)
    try:
        return next(d.id for d in ledger.documents() if d.filename == filename)
    finally:
        ledger.close()
