"""The command line fails the same way everywhere: options checked before any work (exit 2, one line, nothing
recorded), a run with failed files ends with exit 6 so a scheduled job notices."""

from __future__ import annotations

from archive_checks import cli, marked_pdfs, one_line
from conftest import engine_settings

from openarchief.ingest.ledger import Ledger


def test_bad_options_are_refused_before_any_work(tmp_path):
    settings = engine_settings("embedded", tmp_path / "data")
    pdf = marked_pdfs(tmp_path / "in", 1)[0]
    for args in (
        ["ingest", "--extractor", "foo", str(pdf)],
        ["ingest", "--workers", "0", str(pdf)],
        ["ingest", "--ocr", "sometimes", str(pdf)],
        ["ingest", "--shard", "3/2", str(pdf)],
        ["ingest", str(tmp_path / "no-such-folder")],
        ["no-such-command"],
        ["withdraw", "abc"],
    ):
        result = cli(settings, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert one_line(result.stderr) and result.stderr.startswith("error: "), (args, result.stderr)
    assert not settings.ledger_path.exists()  # nothing recorded, not even an empty ledger
    bad_setting = cli(settings, "status", OPENARCHIEF_ENGINE="elastic")
    assert bad_setting.returncode == 2 and one_line(bad_setting.stderr)
    assert "OPENARCHIEF_ENGINE" in bad_setting.stderr


def test_a_run_with_a_failed_file_exits_6(tmp_path):
    settings = engine_settings("embedded", tmp_path / "data")
    marked_pdfs(tmp_path / "in", 2)
    (tmp_path / "in" / "kapot.pdf").write_bytes(b"<html>geen pdf</html>")
    result = cli(settings, "ingest", str(tmp_path / "in"))
    assert result.returncode == 6, result.stderr
    assert "failed kapot.pdf: not_pdf" in result.stderr and "Traceback" not in result.stderr
    ledger = Ledger(settings.ledger_path)
    assert ledger.counts() == {"indexed": 2, "failed": 1}
    ledger.close()
    # The worker's single look reports the same.
    assert cli(settings, "worker", "--inbox", str(tmp_path / "in"), "--once", "--interval", "1").returncode == 6
