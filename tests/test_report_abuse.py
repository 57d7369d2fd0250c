""" "Meld een fout" within limits: per-client rate, a cap on what is stored, small bodies from this site only, Dutch
answers; the archivist's listings show visitor text without control characters and CSV without formulas."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import engine_settings
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from openarchief.cli import app as cli_app
from openarchief.search import Document, Index, Page
from openarchief.search.reports import Reports
from openarchief.web import create_app

DOC = "ab" * 32


@pytest.fixture
def site(tmp_path):
    def make(**overrides):
        settings = engine_settings("embedded", tmp_path / "data", **overrides)
        index = Index(settings)
        index.index([Document(id=DOC, title="Besluit", pages=[Page(number=1, text="De gemeente besluit.")])])
        return settings, TestClient(create_app(settings, index), raise_server_exceptions=False, follow_redirects=False)

    return make


def stored(settings) -> int:
    reports = Reports.open(settings)
    try:
        return reports.count()
    finally:
        reports.close()


def test_rapid_posts_are_limited_per_client(site):
    settings, client = site()
    statuses = [
        client.post(f"/documenten/{DOC}/melding", data={"wat": f"melding {n}"}).status_code for n in range(2000)
    ]
    assert statuses.count(303) == settings.reports_per_hour == stored(settings)
    assert statuses.count(429) == 2000 - settings.reports_per_hour
    refused = client.post(f"/documenten/{DOC}/melding", data={"wat": "nog een"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "3600"
    assert "Probeer het over een uur opnieuw" in refused.text


def test_the_store_has_a_cap(site):
    settings, client = site(reports_cap=5, reports_per_hour=1000)
    statuses = [client.post(f"/documenten/{DOC}/melding", data={"wat": f"melding {n}"}).status_code for n in range(50)]
    assert statuses.count(303) == 5 == stored(settings)
    full = client.post(f"/documenten/{DOC}/melding", data={"wat": "nog een"})
    assert full.status_code == 503 and "Meldpunt vol" in full.text


def test_bad_posts_are_refused_in_dutch_before_they_are_read(site):
    settings, client = site()
    url = f"/documenten/{DOC}/melding"
    blank = client.post(url, data={"wat": "    "})
    assert blank.status_code == 422 and "minstens 3 tekens" in blank.text
    assert client.post(url, data={"wat": "x" * 6000}).status_code in (413, 422)
    huge = client.post(
        url, content=b"wat=" + b"x" * 200_000, headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert huge.status_code == 413 and "te groot" in huge.text
    chunked = client.post(
        url, content=iter([b"wat=hallo"]), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert chunked.status_code == 411
    other_site = client.post(url, data={"wat": "via een andere site"}, headers={"origin": "https://evil.example"})
    assert other_site.status_code == 403
    same_site = client.post(url, data={"wat": "via het formulier"}, headers={"origin": "http://testserver"})
    assert same_site.status_code == 303
    assert stored(settings) == 1


def test_listings_show_no_control_characters_and_no_formulas(site):
    settings, client = site()
    hostile = "titel klopt niet\x1b[2J\x1b]0;pwned\x07\n#99 2020-01-01 forged entry"
    client.post(f"/documenten/{DOC}/melding", data={"wat": hostile, "contact": '=HYPERLINK("http://x")'})
    runner = CliRunner()
    listing = runner.invoke(cli_app, ["reports", "--data-dir", str(settings.data_dir)])
    assert listing.exit_code == 0
    assert not any(ch in listing.output for ch in "\x1b\x07")
    assert [line for line in listing.output.splitlines() if line.startswith("#")] == [
        line for line in listing.output.splitlines() if line.startswith("#1 ")
    ]  # the visitor's newline did not forge an entry of its own
    assert "\\x1b[2J" in listing.output and "\\n#99" in listing.output
    rows = list(
        csv.reader(
            io.StringIO(runner.invoke(cli_app, ["reports", "--csv", "--data-dir", str(settings.data_dir)]).output)
        )
    )
    assert rows[1][rows[0].index("contact")] == '\'=HYPERLINK("http://x")'
