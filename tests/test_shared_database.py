"""An archive whose shared state lives in PostgreSQL (OPENARCHIEF_DATABASE_URL): ingest writes the ledger and
the status figures there, archivists settle reports there, and a web node reads them from there with no local
copy of any of it."""

from __future__ import annotations

import re

from archive_checks import cli
from conftest import drop_database, engine_settings, new_database
from fastapi.testclient import TestClient

from openarchief.ingest.ledger import Ledger
from openarchief.ingest.pipeline import Ingestor
from openarchief.search import Index, Settings
from openarchief.web import create_app

SHARED_STATE = ("ledger.sqlite3", "reports.sqlite3", "status.json", "archive.lock")


def test_ingest_web_and_archivists_share_the_archive_through_postgresql(tmp_path, generated):
    url = new_database()
    try:
        settings = engine_settings("embedded", tmp_path / "data", database_url=url)
        index = Index(settings)
        ingestor = Ingestor(settings, index)
        try:
            summary = ingestor.run([generated])
        finally:
            ingestor.close()
        ledger = Ledger.open(settings)
        figures = ledger.status()
        doc_id = sorted(ledger.indexed_ids())[0]
        ledger.close()
        assert summary.count("indexed") == figures.documents > 0 and figures.failures
        assert not [name for name in SHARED_STATE if (settings.data_dir / name).exists()]

        # A web node with an empty data dir of its own: what /over shows comes from the database.
        web_dir = tmp_path / "web"
        web = TestClient(create_app(Settings(data_dir=web_dir, database_url=url, reload_seconds=0)))
        over = web.get("/over")
        assert over.status_code == 200
        totals = re.findall(r"<th scope=\"row\">Totaal</th><td>(\d+)</td>", over.text)
        assert len(totals) == 3 and all(int(t) == figures.documents for t in totals)
        assert "geen PDF-bestand" in " ".join(over.text.split())  # a failure reason, counted by ingest

        # A visitor reports an error (the web node with the index writes it to the database); an archivist on
        # another machine settles it; the document's public record shows it.
        node = TestClient(create_app(settings, index))
        sent = node.post(f"/documenten/{doc_id}/melding", data={"wat": "De datum klopt niet"}, follow_redirects=False)
        assert sent.status_code == 303
        listed = cli(settings, "reports", "--csv")
        assert "De datum klopt niet" in listed.stdout, listed.stderr
        settled = cli(settings, "reports", "--set", "1", "--to", "afgewezen", "--reason", "de datum klopt wel")
        assert settled.returncode == 0, settled.stderr
        reports = node.get(f"/api/v1/documents/{doc_id}").json()["reports"]
        assert [(r["status"], r["reason"]) for r in reports] == [("afgewezen", "de datum klopt wel")]

        # A withdrawal by an archivist: every web node answers 410 at once, from the status in the database.
        assert cli(settings, "withdraw", doc_id, "--reason", "privacy").returncode == 0
        assert node.get(f"/documenten/{doc_id}").status_code == 410
        assert web.get("/over").text.count("privacy") >= 1
        assert not [name for name in SHARED_STATE if (settings.data_dir / name).exists()]
        assert not [p.name for p in web_dir.glob("*") if p.name in SHARED_STATE]
    finally:
        drop_database(url)


def test_a_database_out_of_reach_is_a_503_and_one_line_not_a_traceback(tmp_path):
    # Nothing listens on port 9 (discard): as when the database server is down.
    down = Settings(data_dir=tmp_path / "data", database_url="postgresql://openarchief@127.0.0.1:9/openarchief")
    web = TestClient(create_app(down), raise_server_exceptions=False)
    for path in ("/over", "/metrics"):
        answer = web.get(path)
        assert answer.status_code == 503, (path, answer.status_code)
    result = cli(engine_settings("embedded", tmp_path / "data", database_url=down.database_url), "withdrawals")
    assert result.returncode == 3 and "the database is unavailable" in result.stderr
    assert "Traceback" not in result.stderr
