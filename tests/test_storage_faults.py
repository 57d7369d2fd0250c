"""A full disk and a read-only data dir end cleanly: one line, exit code 4, no temporary files left, nothing
marked done that is not, and the web answers 503 (never 500) where it needs the index.

The data dir is a small tmpfs mounted for the test (the machine's root may mount one: CI runs as root). Where
mounting is refused, the same promises are checked by injecting the OS errors instead."""

from __future__ import annotations

import contextlib
import errno
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
from archive_checks import cli, invariant_problems, marked_pdfs, one_line
from conftest import engine_settings
from fastapi.testclient import TestClient

from openarchief.ingest.ledger import Ledger
from openarchief.search import atomic
from openarchief.web import create_app


def _mount(folder: Path, size: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )


def _remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


@contextlib.contextmanager
def small_disk(tmp_path: Path, size: str):
    folder = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    if not _mount(folder, size):
        yield None
        return
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(".*") if p.is_file() and p.name.endswith((".tmp", ".part"))]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pdfs")
    marked_pdfs(folder, 150)
    return folder


def test_disk_full_during_ingest(tmp_path, pdfs):
    with small_disk(tmp_path, "400k") as disk:
        if disk is None:
            return _injected_disk_full(tmp_path, pdfs)
        settings = engine_settings("embedded", disk / "data")
        result = cli(settings, "ingest", str(pdfs))
        assert result.returncode == 4, result.stderr
        assert one_line(result.stderr) and "the disk is full" in result.stderr, result.stderr
        assert leftovers(disk) == []
        # Given room again, nothing marked done is missing, and the next run finishes the work.
        _remount(disk, "size=64m")
        assert invariant_problems(settings) == []
        again = cli(settings, "ingest", str(pdfs))
        assert again.returncode == 0, again.stderr
        ledger = Ledger(settings.ledger_path)
        assert ledger.counts() == {"indexed": 150}
        ledger.close()
        assert invariant_problems(settings) == []


def test_disk_full_during_reindex_leaves_no_generation(tmp_path, pdfs):
    with small_disk(tmp_path, "8m") as disk:
        if disk is None:
            return _injected_disk_full(tmp_path, pdfs)
        settings = engine_settings("embedded", disk / "data")
        assert cli(settings, "ingest", str(pdfs)).returncode == 0
        before = sorted(p.name for p in settings.index_dir.iterdir())
        free = subprocess.run(["df", "--output=avail", "-B1", str(disk)], capture_output=True, text=True)
        room = int(free.stdout.split()[-1])
        (disk / "filler").write_bytes(b"\0" * max(room - 60_000, 0))  # a little room: the rebuild cannot fit
        result = cli(settings, "reindex")
        assert result.returncode == 4, result.stderr
        assert one_line(result.stderr) and "the disk is full" in result.stderr, result.stderr
        assert sorted(p.name for p in settings.index_dir.iterdir()) == before  # no half generation
        assert leftovers(disk) == []
        (disk / "filler").unlink()
        assert invariant_problems(settings) == []
        assert cli(settings, "reindex").returncode == 0


def test_read_only_data_dir(tmp_path, pdfs):
    with small_disk(tmp_path, "16m") as disk:
        if disk is None:
            return _injected_read_only(tmp_path)
        settings = engine_settings("embedded", disk / "data")
        assert cli(settings, "ingest", str(pdfs)).returncode == 0
        ledger = Ledger(settings.ledger_path)
        some_id = ledger.indexed_ids().pop()
        ledger.close()
        _remount(disk, "ro")
        for args in (["ingest", str(pdfs)], ["reindex"], ["withdraw", some_id, "--reason", "test"], ["status"]):
            result = cli(settings, *args)
            assert result.returncode == 4, (args, result.stderr)
            assert one_line(result.stderr) and "read-only" in result.stderr, (args, result.stderr)
        client = TestClient(create_app(settings), raise_server_exceptions=False)
        for url in ("/zoeken?q=brief", "/api/v1/search?q=brief", f"/documenten/{some_id}", "/"):
            response = client.get(url)
            assert response.status_code == 503, url
            assert "Traceback" not in response.text
        assert client.get("/over").status_code == 200
        assert client.get("/static/style.css").status_code == 200
        _remount(disk, "rw")
        assert invariant_problems(settings) == []


# -- where no tmpfs can be mounted: the same promises with the OS errors injected --------------------------------


def _injected_disk_full(tmp_path: Path, pdfs: Path) -> None:
    target = tmp_path / "data" / "status.json"

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(atomic.shutil, "copyfileobj", full)
        with pytest.raises(OSError), atomic.replacing(target, "wb", suffix=".part") as handle:
            atomic.shutil.copyfileobj(None, handle)
    assert leftovers(tmp_path) == [] and not target.exists()
    from typer.testing import CliRunner

    from openarchief.cli import app

    with pytest.MonkeyPatch.context() as patch:

        def refuse(*args, **kwargs):
            raise sqlite3.OperationalError("database or disk is full")

        patch.setattr("openarchief.ingest.ledger.sqlite3.connect", refuse)
        result = CliRunner().invoke(app, ["ingest", str(pdfs), "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 4 and "the disk is full" in result.output


def _injected_read_only(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from openarchief.cli import app

    with pytest.MonkeyPatch.context() as patch:

        def refuse(*args, **kwargs):
            raise sqlite3.OperationalError("attempt to write a readonly database")

        patch.setattr("openarchief.ingest.ledger.sqlite3.connect", refuse)
        result = CliRunner().invoke(app, ["reindex", "--data-dir", str(tmp_path / "data")])
    assert result.exit_code == 4 and "read-only" in result.output
