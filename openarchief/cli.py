"""The `openarchief` command: the one place that wires ingest and web together.

Exit codes (the README lists them): 0 done; 1 refused (e.g. nothing to roll back to, a check failed); 2 usage
(a bad option or setting, an unknown document id); 3 the search engine is unavailable; 4 the data dir cannot be
written (disk full, read-only); 5 another run held the archive longer than OPENARCHIEF_LOCK_TIMEOUT; 6 the run
finished but some files failed (`openarchief failures` lists them).
"""

from __future__ import annotations

import contextlib
import sqlite3
import sys
import time
from pathlib import Path
from typing import Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from openarchief.search import EngineUnavailable, Index, SearchError, Settings
from openarchief.search.errors import BlobsUnavailable, StorageError, storage_problem
from openarchief.search.settings import env_name
from openarchief.search.spreadsheet import SafeWriter

app = typer.Typer(
    help="openarchief: a searchable archive of published Dutch government documents.",
    no_args_is_help=True,
    add_completion=False,
)
console = Console(stderr=True, soft_wrap=True)  # one message, one line: never wrapped at 80 columns


def _settings(data_dir: Optional[Path]) -> Settings:
    from pydantic import ValidationError

    try:
        return Settings(data_dir=data_dir) if data_dir else Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{env_name(str(e['loc'][0]))}: {e['msg']}" for e in exc.errors())
        raise _fail(EXIT_USAGE, f"error: a setting is not valid: {problems}") from None


DataDir = typer.Option(None, "--data-dir", help="Data directory (default: OPENARCHIEF_DATA_DIR or ./data).")

EXIT_REFUSED, EXIT_USAGE, EXIT_ENGINE, EXIT_STORAGE, EXIT_BUSY, EXIT_FILES_FAILED = 1, 2, 3, 4, 5, 6
OCR_MODES = ("auto", "never", "always")


def _fail(code: int, message: str) -> typer.Exit:
    console.print(message, highlight=False, markup=False)
    return typer.Exit(code)


@contextlib.contextmanager
def _one_line_errors() -> Iterator[None]:
    """The failures a command can meet in normal operation, as one line and an exit code; never a traceback."""
    from sqlalchemy.exc import DBAPIError, OperationalError

    from openarchief.ingest.archive import UnknownDocument
    from openarchief.ingest.backup import BackupError
    from openarchief.ingest.lock import ArchiveBusy, LockLost
    from openarchief.search.database import DatabaseUnavailable, is_connection_error

    try:
        yield
    except (UnknownDocument, BackupError) as exc:
        raise _fail(EXIT_USAGE, f"error: {exc}") from None
    except DatabaseUnavailable as exc:
        raise _fail(EXIT_ENGINE, f"the database is unavailable: {exc}") from None
    except OperationalError as exc:
        if not is_connection_error(exc):
            problem = storage_problem(exc)
            if not problem:
                raise
            raise _fail(EXIT_STORAGE, f"cannot write: {problem} ({exc.orig})") from None
        raise _fail(EXIT_ENGINE, f"the database is unavailable: {exc.orig}") from None
    except EngineUnavailable as exc:
        raise _fail(EXIT_ENGINE, f"the search engine is unavailable: {exc}") from None
    except ArchiveBusy as exc:
        raise _fail(EXIT_BUSY, f"busy: {exc}") from None
    except LockLost as exc:
        raise _fail(EXIT_BUSY, f"stopped: {exc}") from None
    except BlobsUnavailable as exc:
        raise _fail(EXIT_STORAGE, f"the blob store is unavailable: {exc}") from None
    except StorageError as exc:
        raise _fail(EXIT_STORAGE, f"cannot write: {exc}") from None
    except (OSError, sqlite3.Error, DBAPIError, ValueError) as exc:
        problem = storage_problem(exc)
        if not problem:
            raise
        raise _fail(EXIT_STORAGE, f"cannot write: {problem} ({exc})") from None
    except SearchError as exc:
        raise _fail(EXIT_REFUSED, str(exc)) from None


class _ProgressDisplay:
    """A progress bar (files, pages, pages/s, ETA) on a terminal; a plain log line every few seconds otherwise."""

    def __init__(self):
        self.pages = 0
        self.started = time.monotonic()
        self.last_line = 0.0
        self.done = 0
        self.total = 0
        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TextColumn("{task.fields[pages]} pages, {task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=not console.is_terminal,
        )

    def __enter__(self):
        self.bar.__enter__()
        self.task = self.bar.add_task("ingest", total=None, pages=0, rate="0")
        return self

    def __exit__(self, *exc):
        self.bar.__exit__(*exc)

    def start(self, total: int) -> None:
        self.total = total
        self.bar.update(self.task, total=total)

    def advance(self, outcome) -> None:
        self.done += 1
        self.pages += outcome.pages
        rate = self.pages / max(time.monotonic() - self.started, 1e-6)
        self.bar.update(self.task, advance=1, pages=self.pages, rate=f"{rate:.0f}")
        if outcome.status in ("failed", "withdrawn"):
            console.print(
                f"{outcome.status} {outcome.relative}: {outcome.reason}: {outcome.detail}",
                highlight=False,
                markup=False,
            )
        now = time.monotonic()
        if not console.is_terminal and (now - self.last_line >= 5 or self.done == self.total):
            self.last_line = now
            console.print(f"{self.done}/{self.total} files, {self.pages} pages, {rate:.0f} pages/s", highlight=False)


def _ingest(settings: Settings, paths: list[Path], extractor: Optional[str] = None, **options) -> int:
    from openarchief.ingest.pipeline import Ingestor

    run_options = {k: options.pop(k) for k in ("shard", "retry_failed", "force") if k in options}
    ingestor = Ingestor(settings, Index(settings), extractor, **options)
    try:
        with _ProgressDisplay() as display:
            summary = ingestor.run(paths, display, **run_options)
    finally:
        ingestor.close()
    console.print(
        f"indexed {summary.count('indexed')}, unchanged {summary.count('unchanged')}, "
        f"skipped {summary.count('skipped')}, withdrawn {summary.count('withdrawn')}, "
        f"failed {summary.count('failed')}; "
        f"{summary.pages} pages in {summary.seconds:.1f} s",
        highlight=False,
    )
    return summary.count("failed")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(
        None, help="PDF files and folders (searched recursively for *.pdf).", exists=True
    ),
    extractor: Optional[str] = typer.Option(None, help="pypdfium2 or pdfminer (default: OPENARCHIEF_EXTRACTOR)."),
    workers: Optional[int] = typer.Option(
        None, min=1, help="Worker processes (default: OPENARCHIEF_WORKERS or cores)."
    ),
    ocr: str = typer.Option("auto", help="auto: OCR pages without text; never; always: OCR every page."),
    retry_failed: bool = typer.Option(False, "--retry-failed", help="Try the files that failed before again."),
    shard: Optional[str] = typer.Option(None, help="i/n: take only the files whose id falls in shard i of n."),
    force: bool = typer.Option(False, "--force", help="Bring back a withdrawn document."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Queue PDFs and work until the queue is empty: extract, OCR, enrich, index. Files already indexed and
    unchanged are not read again; a run that was killed is taken up where it stopped."""
    from openarchief.ingest.extractors import ENGINES as EXTRACTORS
    from openarchief.ingest.pipeline import parse_shard

    # Every option is checked before any work starts: a typo must not record every file as failed.
    if ocr not in OCR_MODES:
        raise _fail(EXIT_USAGE, f"error: --ocr takes {', '.join(OCR_MODES)}, not {ocr!r}")
    if extractor is not None and extractor not in EXTRACTORS:
        raise _fail(EXIT_USAGE, f"error: --extractor takes {', '.join(EXTRACTORS)}, not {extractor!r}")
    try:
        shard_range = parse_shard(shard)
    except ValueError as exc:
        raise _fail(EXIT_USAGE, f"error: {exc}") from None
    settings = _settings(data_dir)
    with _one_line_errors():
        failed = _ingest(
            settings,
            paths or [],
            extractor,
            workers=workers,
            ocr=ocr,
            shard=shard_range,
            retry_failed=retry_failed,
            force=force,
        )
    if failed:
        raise typer.Exit(EXIT_FILES_FAILED)


@app.command()
def harvest(
    source: str = typer.Argument(
        ...,
        help='A file of URLs (one a line, or a JSON object a line: {"url": …, "title": …, "organisation": …, '
        '"theme": […]}, the metadata going into the sidecar), or a sitemap (URL or file).',
    ),
    max_mb: Optional[int] = typer.Option(
        None, min=1, help="Refuse downloads larger than this many MB (default: OPENARCHIEF_MAX_FILE_MB)."
    ),
    timeout: float = typer.Option(30.0, min=1, help="Seconds to wait for a server."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Download PDFs over HTTP and ingest them, with their URL as provenance. A second harvest fetches only what
    changed (ETag / Last-Modified)."""
    from openarchief.ingest.harvest import SourceError, read_listing
    from openarchief.ingest.harvest import harvest as fetch

    settings = _settings(data_dir)
    try:
        urls = read_listing(source, timeout=timeout)
    except SourceError as exc:
        raise typer.BadParameter(str(exc)) from None
    report = fetch(
        urls,
        settings.data_dir / "harvest",
        settings.data_dir / "harvest.sqlite3",
        max_bytes=(max_mb or settings.max_file_mb) * 1_000_000,
        timeout=timeout,
    )
    for url, reason, detail in report.refused:
        console.print(f"[red]refused[/red] {url}: {reason}: {detail}", highlight=False)
    console.print(f"fetched {len(report.fetched)}, unchanged {len(report.unchanged)}, refused {len(report.refused)}")
    with _one_line_errors():
        failed = _ingest(settings, [settings.data_dir / "harvest"])
    if failed or report.refused:
        raise typer.Exit(EXIT_FILES_FAILED)


@app.command()
def withdraw(
    doc_ids: list[str] = typer.Argument(..., metavar="ID...", help="Document ids (SHA-256), or their first 8+ digits."),
    reason: str = typer.Option(
        ...,
        "--reason",
        help="Why, e.g. 'privacy: personal data on page 3'. The public sees it on the document's address.",
    ),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Take documents out of the archive for good: out of search, every index generation (no rollback brings
    them back), the blob store and the text the ledger keeps, keeping a tombstone with the reason and date, and
    out of the backups made before (a restore keeps them out). The document's address then answers 410 with the
    date and reason. Only `ingest --force` brings one back."""
    from openarchief.ingest.archive import Archive

    if not reason.strip():
        raise _fail(EXIT_USAGE, "error: --reason must say why")
    with _one_line_errors():
        archive = Archive(_settings(data_dir))
        try:
            withdrawn = archive.withdraw(doc_ids, reason)
            titles = {w.id: w.title for w in archive.ledger.withdrawals()}  # kept with the tombstone
        finally:
            archive.close()
    for doc_id in withdrawn:
        title = titles.get(doc_id)
        console.print(
            f"withdrawn {doc_id}" + (f" ({title})" if title else "") + f": {reason}", highlight=False, markup=False
        )
    for problem in archive.unreached_backups:
        console.print(
            f"warning: the backup {problem}: if it still exists it holds the withdrawn documents, and a restore "
            "from it brings them back; delete it (on OpenSearch its snapshot too) and make a new backup",
            highlight=False,
            markup=False,
        )


@app.command()
def correct(
    doc_id: str = typer.Argument(..., metavar="ID", help="Document id (SHA-256), or its first 8+ digits."),
    title: Optional[str] = typer.Option(None, "--title", help="The right title."),
    date: Optional[str] = typer.Option(None, "--date", help="The right date, YYYY-MM-DD."),
    organisation: Optional[str] = typer.Option(None, "--organisation", help="TOOI code or name of the publisher."),
    type_: Optional[str] = typer.Option(None, "--type", help="TOOI code or label of the document type."),
    category: Optional[str] = typer.Option(None, "--category", help="TOOI code or label of the Woo category."),
    theme: Optional[str] = typer.Option(None, "--theme", help="TOP-lijst themes, codes or labels, ';' between."),
    language: Optional[str] = typer.Option(None, "--language", help="Language code: nl, en, de, fr or fy."),
    dossier: Optional[str] = typer.Option(None, "--dossier", help="The Woo dossier (id) it belongs to."),
    role: Optional[str] = typer.Option(
        None, "--role", help="Its role in the dossier: besluit, inventaris, documenten, bijlage or overig."
    ),
    reason: str = typer.Option("", "--reason", help="Why: shown with the corrected value on the document page."),
    report: Optional[int] = typer.Option(None, "--report", help="The error report this settles (gecorrigeerd)."),
    undo: Optional[str] = typer.Option(None, "--undo", metavar="FIELD", help="Take back the correction of FIELD."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Correct a document's metadata by hand. The correction wins over every other source, is applied to the
    index at once and outlives a re-ingest of the file, a reindex and a rollback; the document page shows it
    with its date and reason. The text itself is never corrected."""
    from openarchief.ingest.archive import Archive

    given = {"title": title, "date": date, "organisation": organisation, "type": type_}
    given |= {"category": category, "theme": theme, "language": language, "dossier": dossier, "role": role}
    values = {field: value for field, value in given.items() if value is not None}
    with _one_line_errors():
        archive = Archive(_settings(data_dir))
        try:
            if undo:
                doc = archive.undo_correction(doc_id, undo)
                console.print(f"{doc.id}: correction of {undo} taken back", highlight=False, markup=False)
                return
            try:
                doc = archive.correct(doc_id, values, reason, report)
            except (ValueError, KeyError) as exc:
                raise _fail(EXIT_USAGE, f"error: {exc}") from None
        finally:
            archive.close()
    console.print(f"{doc.id}: corrected {', '.join(values)}", highlight=False, markup=False)


@app.command()
def corrections(
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """List the corrections made by hand: document, field, old and new value, date, reason, and whether taken
    back."""
    from openarchief.ingest.ledger import Ledger

    with _one_line_errors():
        ledger = Ledger.open(_settings(data_dir))
        rows = ledger.corrections(active=False)
        ledger.close()
    _listing(
        ["id", "document_id", "field", "previous", "value", "created_at", "reason", "report", "undone_at"],
        [
            [
                c.id,
                c.document_id,
                c.field,
                _plain(c.previous),
                _plain(c.value),
                c.created_at.isoformat(),
                c.reason,
                c.report or "",
                c.undone_at.isoformat() if c.undone_at else "",
            ]  # fmt: skip
            for c in rows
        ],
        as_csv,
        "no corrections",
        lambda id, doc, field, old, new, at, reason, report, undone: (
            f"#{id} {at} {doc} {field}: {old!r} -> {new!r} ({reason})" + (f" [taken back {undone}]" if undone else "")
        ),
    )


def _plain(value) -> str:
    return "; ".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)


@app.command()
def withdrawals(
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """List the withdrawn documents: id, title, date and reason."""
    from openarchief.ingest.ledger import Ledger

    with _one_line_errors():
        ledger = Ledger.open(_settings(data_dir))
        rows = ledger.withdrawals()
        ledger.close()
    _listing(
        ["id", "title", "withdrawn_at", "reason", "purged"],
        [[w.id, w.title or "", w.withdrawn_at, w.reason, "yes" if w.purged_at else "no"] for w in rows],
        as_csv,
        "no withdrawals",
        lambda id, title, at, reason, purged: (
            f"{id}\t{at[:10]}\t{title or '(no title)'}\t{reason}"
            + ("" if purged == "yes" else "\t(removal not finished: the next run finishes it)")
        ),
    )


@app.command()
def backup(
    folder: Path = typer.Argument(..., help="A new or empty folder for the backup."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Back up the whole archive: the index (every generation; on OpenSearch a snapshot to
    OPENARCHIEF_OPENSEARCH_SNAPSHOT_PATH), the originals and the ledger, reports and status (pg_dump with a
    database)."""
    from openarchief.ingest.backup import backup as make_backup

    with _one_line_errors():
        made = make_backup(_settings(data_dir), folder)
    console.print(
        f"backup {made['snapshot']} in {folder}: {made['indexed']} documents indexed, {made['blobs']} originals",
        highlight=False,
    )


@app.command()
def restore(
    folder: Path = typer.Argument(..., exists=True, file_okay=False, help="A folder `openarchief backup` made."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Restore a backup into an empty archive (new data dir, database, OpenSearch index name and bucket); what
    the ledger says was withdrawn stays out."""
    from openarchief.ingest.backup import restore as bring_back

    with _one_line_errors():
        done = bring_back(_settings(data_dir), folder)
    console.print(
        f"restored {done['snapshot']}: {done['documents']} documents searchable "
        f"({done['indexed_again']} indexed again from the ledger, {done['withdrawn']} withdrawals kept out)",
        highlight=False,
    )


@app.command()
def dossiers(
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """List the Woo dossiers: id, date, organisation, kenmerk, title, members, inventory rows and judgements."""
    from openarchief.ingest.ledger import Ledger

    with _one_line_errors():
        ledger = Ledger.open(_settings(data_dir))
        found = list(ledger.dossiers())
        ledger.close()
    rows = []
    for d in sorted(found, key=lambda d: d.date.isoformat() if d.date else "", reverse=True):  # undated last
        counts = d.judgement_counts()
        judged = ", ".join(f"{n} {value}" for value, n in counts.items() if n)
        rows.append(
            [d.id, d.date.isoformat() if d.date else "", d.organisation or "", d.kenmerk or "", d.title,
             len(d.members), len(d.rows), judged]
        )  # fmt: skip
    _listing(
        ["id", "date", "organisation", "kenmerk", "title", "members", "rows", "judgements"],
        rows,
        as_csv,
        "no dossiers",
        lambda id, date, org, kenmerk, title, members, count, judged: (
            f"{id}\t{date or '(no date)'}\t{title}\t{members} documents, {count} inventory rows"
            + (f" ({judged})" if judged else "")
        ),
    )


@app.command()
def status(data_dir: Optional[Path] = DataDir) -> None:
    """How many files are indexed, withdrawn, skipped and failed, and how many pages still need OCR."""
    from openarchief.ingest.ledger import Ledger

    settings = _settings(data_dir)
    with _one_line_errors():
        ledger = Ledger.open(settings)
        counts = ledger.counts()
        ocr_files, ocr_pages = ledger.needs_ocr_pages()
        ledger.close()
        table = Table(title=f"openarchief in {settings.data_dir}")
        table.add_column("status")
        table.add_column("files", justify="right")
        for name in ("queued", "indexed", "pending", "withdrawn", "skipped", "failed"):
            table.add_row(name, str(counts.get(name, 0)))
        Console().print(table)
        print(f"documents in the index: {Index(settings).count()}")
        print(f"needs OCR: {ocr_pages} pages in {ocr_files} files (no text layer)")


def terminal_safe(text: str) -> str:
    """`text` with every control character shown as an escape (\\x1b, \\n …): what visitors and PDFs wrote must
    not move the cursor, recolour or retitle an archivist's terminal, or forge a line of its own."""
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _listing(header: list[str], rows: list[list], as_csv: bool, empty: str, line: Callable[..., str]) -> None:
    """A listing for archivists: formula-safe CSV on standard output, or `line(*row)` per row, its values made
    terminal-safe first (so a value cannot add a line of its own)."""
    if as_csv:
        writer = SafeWriter(sys.stdout)
        writer.writerow(header)
        writer.writerows(rows)
    elif not rows:
        print(empty)
    else:
        for row in rows:
            print(line(*(terminal_safe("" if v is None else str(v)) for v in row)))


@app.command()
def failures(
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """List the files that failed, with the reason."""
    from openarchief.ingest.ledger import Ledger

    ledger = Ledger.open(_settings(data_dir))
    rows = ledger.failures()
    ledger.close()
    _listing(
        ["path", "reason", "detail", "sha256", "updated_at"],
        [[r.path, r.reason, r.detail, r.sha256 or "", r.updated_at] for r in rows],
        as_csv,
        "no failures",
        lambda path, reason, detail, sha, at: f"{path}\t{reason}\t{detail}",
    )


@app.command()
def worker(
    inbox: Path = typer.Option(..., help="Folder to watch: PDFs placed here (or below) are ingested."),
    interval: float = typer.Option(10.0, min=0.5, help="Seconds between two looks at the inbox."),
    once: bool = typer.Option(False, help="Look once, ingest what is there, and stop."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Run as a service: ingest whatever arrives in the inbox folder. Files already indexed are not read again."""
    settings = _settings(data_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    console.print(f"watching {inbox} every {interval:g} s")
    while True:
        failed = 0
        with _one_line_errors():
            try:
                failed = _ingest(settings, [inbox])
            except EngineUnavailable as exc:
                if once:
                    raise
                # The files stay pending in the ledger; the next look tries again.
                console.print(
                    f"the search engine is unavailable: {exc}; trying again in {interval:g} s",
                    highlight=False,
                    markup=False,
                )
        if once:
            if failed:
                raise typer.Exit(EXIT_FILES_FAILED)
            return
        time.sleep(interval)


@app.command()
def reports(
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output."),
    status: Optional[str] = typer.Option(
        None, "--status", help="Only reports of this status: nieuw, in_behandeling, gecorrigeerd or afgewezen."
    ),
    set_: Optional[int] = typer.Option(None, "--set", metavar="ID", help="Settle report ID: give --to (and --reason)."),
    to: Optional[str] = typer.Option(None, "--to", help="The status to set with --set."),
    reason: Optional[str] = typer.Option(
        None, "--reason", help="With --set: why it was rejected (required for afgewezen), or what was corrected."
    ),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """The errors visitors reported with "Meld een fout" on a document page, and what became of them."""
    from openarchief.search.reports import STATUSES, Reports

    if status is not None and status not in STATUSES:
        raise typer.BadParameter(f"choose from {', '.join(STATUSES)}", param_hint="--status")
    store = Reports.open(_settings(data_dir))
    try:
        if set_ is not None:
            if not to:
                raise typer.BadParameter("give the new status with --to", param_hint="--to")
            try:
                report = store.set_status(set_, to, reason)
            except KeyError:
                raise typer.BadParameter(f"no report {set_}", param_hint="--set") from None
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="--to") from None
            console.print(f"report #{report.id}: {report.status}", highlight=False)
            return
        rows = store.all(status)
    finally:
        store.close()
    _listing(
        ["id", "document_id", "created_at", "status", "status_at", "reason", "contact", "message"],
        [
            [r.id, r.document_id, r.created_at, r.status, r.status_at or "", r.reason or "", r.contact or "", r.message]
            for r in rows
        ],
        as_csv,
        "no reports",
        lambda id, doc, at, state, state_at, why, contact, message: (
            f"#{id} {at} {doc} [{state}{' ' + state_at if state_at else ''}]"
            + (f" ({contact})" if contact else "")
            + f"\n    {message}"
            + (f"\n    -> {why}" if why else "")
        ),
    )


@app.command()
def reindex(
    rollback: bool = typer.Option(
        False,
        "--rollback",
        help="Switch back to the newest complete index before the "
        "current one (and write into it what was indexed since it was built).",
    ),
    list_: bool = typer.Option(False, "--list", help="List the index generations: documents and state."),
    drop: Optional[str] = typer.Option(None, "--drop", metavar="NAME", help="Delete a generation not in use."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Rebuild the index beside the one in use from the documents in the ledger (no PDF is read again), check
    it, and switch searches to it in one step. Searches go on without interruption. Keeps the previous
    OPENARCHIEF_KEEP_GENERATIONS generations for --rollback and deletes older ones."""
    from openarchief.ingest.archive import Archive

    with _one_line_errors():
        archive = Archive(_settings(data_dir))
        try:
            if list_:
                for g in archive.generations():
                    count = g.count if g.count is not None else "?"
                    state = "in use" if g.current else ("complete" if g.complete else "incomplete")
                    print(f"{'*' if g.current else ' '} {g.name}\t{count} documents\t{state}")
                return
            if drop:
                archive.drop(drop)
                console.print(f"dropped {drop}")
                return
            generation = archive.rollback() if rollback else archive.reindex()
        finally:
            archive.close()
    console.print(f"searches now use {generation.name} ({generation.count} documents)")


def _serve(settings: Settings, host: Optional[str], port: Optional[int], workers: Optional[int] = None) -> None:
    import os

    import uvicorn

    from openarchief.web import create_app

    host, port, workers = host or settings.host, port or settings.port, workers or settings.web_workers
    console.print(f"openarchief serves on http://{host}:{port}/ ({workers} process{'es' if workers > 1 else ''})")
    if workers > 1:
        # Each worker process builds the app from the environment, so the settings go there.
        os.environ.update({env_name(k): str(v) for k, v in settings.model_dump().items()})
        uvicorn.run(
            "openarchief.web:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            proxy_headers=False,
            access_log=settings.access_log,
        )
    else:
        uvicorn.run(
            create_app(settings),
            host=host,
            port=port,
            log_level="info",
            proxy_headers=False,
            access_log=settings.access_log,
        )


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="Address (default: OPENARCHIEF_HOST)."),
    port: Optional[int] = typer.Option(None, help="Port (default: OPENARCHIEF_PORT)."),
    workers: Optional[int] = typer.Option(None, min=1, help="Web processes (default: OPENARCHIEF_WEB_WORKERS)."),
    create: bool = typer.Option(False, "--create", help="Serve an empty archive when the data dir does not exist."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Serve the search pages and the API."""
    settings = _settings(data_dir)
    # With a shared database the archive is in the services: a web node has no data dir of its own to check.
    if not settings.data_dir.is_dir() and not create and not settings.database_url:
        # A mistyped --data-dir would otherwise be served as an empty archive of "0 documenten".
        raise _fail(EXIT_USAGE, f"error: there is no archive at {settings.data_dir} (ingest first, or serve --create)")
    _serve(settings, host, port, workers)


@app.command()
def demo(
    host: Optional[str] = typer.Option(None, help="Address (default: OPENARCHIEF_HOST)."),
    port: Optional[int] = typer.Option(None, help="Port (default: OPENARCHIEF_PORT)."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Build and ingest the samples, then stop."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Write a set of realistic sample PDFs, ingest them and serve the archive."""
    from openarchief.demo.corpus import build_demo_corpus

    settings = _settings(data_dir)
    corpus = settings.data_dir / "demo-corpus"
    build_demo_corpus(corpus)
    console.print(f"sample PDFs written to {corpus}")
    with _one_line_errors():
        _ingest(settings, [corpus])
    if not no_serve:
        _serve(settings, host, port)


def main() -> None:
    """The console script. A usage error (an unknown option, a value out of range) is one line and exit 2, like
    every other failure of this command, instead of click's framed usage text."""
    try:  # typer 0.20 and later carry their own copy of click
        from typer._click.exceptions import NoArgsIsHelpError, UsageError
    except ImportError:
        from click.exceptions import NoArgsIsHelpError, UsageError  # type: ignore[assignment]

    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        print(exc.ctx.get_help() if exc.ctx else str(exc))
        code = 0
    except UsageError as exc:
        command = f"openarchief {exc.ctx.info_name}" if exc.ctx and exc.ctx.parent else "openarchief"
        console.print(f"error: {exc.format_message()} (see `{command} --help`)", highlight=False, markup=False)
        code = EXIT_USAGE
    except typer.Abort:
        console.print("stopped", highlight=False)
        code = 130
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
