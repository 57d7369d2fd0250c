"""The `openarchief` command: the one place that wires ingest and web together."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from search import EngineUnavailable, Index, Settings

app = typer.Typer(help="openarchief: a searchable archive of published Dutch government documents.",
                  no_args_is_help=True, add_completion=False)
console = Console(stderr=True)


def _settings(data_dir: Optional[Path]) -> Settings:
    return Settings(data_dir=data_dir) if data_dir else Settings()


DataDir = typer.Option(None, "--data-dir", help="Data directory (default: OPENARCHIEF_DATA_DIR or ./data).")


def _ingest(settings: Settings, paths: list[Path], extractor: Optional[str]) -> int:
    from ingest.pipeline import Ingestor

    ingestor = Ingestor(settings, Index(settings), extractor)
    files = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     console=console, transient=True)
    try:
        with files:
            task = files.add_task("ingesting", total=None)

            def progress(outcome) -> None:
                files.advance(task)
                if outcome.status == "failed":
                    files.console.print(f"[red]failed[/red] {outcome.file.relative}: {outcome.reason}: {outcome.detail}")

            summary = ingestor.run(paths, progress)
    except EngineUnavailable as exc:
        console.print(f"[red]the search engine is unavailable:[/red] {exc}")
        raise typer.Exit(2)
    finally:
        ingestor.close()
    console.print(
        f"indexed {summary.count('indexed')}, unchanged {summary.count('unchanged')}, "
        f"skipped {summary.count('skipped')}, failed {summary.count('failed')}; "
        f"{summary.pages} pages in {summary.seconds:.1f} s"
    )
    return summary.count("failed")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="PDF files and folders (searched recursively for *.pdf).", exists=True),
    extractor: Optional[str] = typer.Option(None, help="pypdfium2 or pdfminer (default: OPENARCHIEF_EXTRACTOR)."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Extract, enrich and index PDFs. Files already indexed and unchanged are not read again."""
    _ingest(_settings(data_dir), paths, extractor)


@app.command()
def status(data_dir: Optional[Path] = DataDir) -> None:
    """How many files are indexed, skipped and failed, and how many pages still need OCR."""
    from ingest.ledger import Ledger

    settings = _settings(data_dir)
    ledger = Ledger(settings.ledger_path)
    counts = ledger.counts()
    ocr_files, ocr_pages = ledger.needs_ocr_pages()
    ledger.close()
    table = Table(title=f"openarchief in {settings.data_dir}")
    table.add_column("status")
    table.add_column("files", justify="right")
    for name in ("indexed", "pending", "skipped", "failed"):
        table.add_row(name, str(counts.get(name, 0)))
    Console().print(table)
    print(f"documents in the index: {Index(settings).count()}")
    print(f"needs OCR: {ocr_pages} pages in {ocr_files} files (no text layer)")


@app.command()
def failures(
    as_csv: bool = typer.Option(False, "--csv", help="Write CSV to standard output."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """List the files that failed, with the reason."""
    from ingest.ledger import Ledger

    ledger = Ledger(_settings(data_dir).ledger_path)
    rows = ledger.failures()
    ledger.close()
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(["path", "reason", "detail", "sha256", "updated_at"])
        for r in rows:
            writer.writerow([r.path, r.reason, r.detail, r.sha256 or "", r.updated_at])
        return
    if not rows:
        print("no failures")
        return
    for r in rows:
        print(f"{r.path}\t{r.reason}\t{r.detail}")


@app.command()
def worker(
    inbox: Path = typer.Option(..., help="Folder to watch: PDFs placed here (or below) are ingested."),
    interval: float = typer.Option(10.0, min=0.5, help="Seconds between two looks at the inbox."),
    once: bool = typer.Option(False, help="Look once, ingest what is there, and stop."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Run as a service: ingest whatever arrives in the inbox folder. Files already indexed are not read again."""
    import time

    settings = _settings(data_dir)
    inbox.mkdir(parents=True, exist_ok=True)
    console.print(f"watching {inbox} every {interval:g} s")
    while True:
        try:
            _ingest(settings, [inbox], None)
        except typer.Exit:
            pass  # the engine is unavailable: the files stay pending in the ledger, the next look tries again
        if once:
            return
        time.sleep(interval)


@app.command()
def reindex(
    rollback: bool = typer.Option(False, "--rollback", help="Switch back to the index before the current one."),
    list_: bool = typer.Option(False, "--list", help="List the index generations."),
    drop: Optional[str] = typer.Option(None, "--drop", metavar="NAME", help="Delete a generation not in use."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Rebuild the index beside the one in use from the documents in the ledger (no PDF is read again), check
    it, and switch searches to it in one step. Searches go on without interruption."""
    from ingest.pipeline import reindex as rebuild
    from search import SearchError

    settings = _settings(data_dir)
    try:
        if list_:
            for g in Index(settings).generations():
                print(f"{'*' if g.current else ' '} {g.name}\t{g.count if g.count is not None else '?'} documents")
            return
        if drop:
            Index(settings).drop(drop)
            console.print(f"dropped {drop}")
            return
        generation = Index(settings).rollback() if rollback else rebuild(settings)
    except SearchError as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1)
    console.print(f"searches now use {generation.name} ({generation.count} documents)")


def _serve(settings: Settings, host: Optional[str], port: Optional[int]) -> None:
    import uvicorn

    from web import create_app

    host, port = host or settings.host, port or settings.port
    console.print(f"openarchief serves on http://{host}:{port}/")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info", proxy_headers=False)


@app.command()
def serve(
    host: Optional[str] = typer.Option(None, help="Address (default: OPENARCHIEF_HOST)."),
    port: Optional[int] = typer.Option(None, help="Port (default: OPENARCHIEF_PORT)."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Serve the search pages and the API."""
    _serve(_settings(data_dir), host, port)


@app.command()
def demo(
    host: Optional[str] = typer.Option(None, help="Address (default: OPENARCHIEF_HOST)."),
    port: Optional[int] = typer.Option(None, help="Port (default: OPENARCHIEF_PORT)."),
    no_serve: bool = typer.Option(False, "--no-serve", help="Build and ingest the samples, then stop."),
    data_dir: Optional[Path] = DataDir,
) -> None:
    """Write a set of realistic sample PDFs, ingest them and serve the archive."""
    from ingest.samples import build_demo_corpus

    settings = _settings(data_dir)
    corpus = settings.data_dir / "demo-corpus"
    build_demo_corpus(corpus)
    console.print(f"sample PDFs written to {corpus}")
    _ingest(settings, [corpus], None)
    if not no_serve:
        _serve(settings, host, port)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
