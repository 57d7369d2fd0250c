"""Any input gets an answer, never a 500 and never a broken document: out-of-range numbers are a 422, a query
past the limit is shortened with a notice, characters XML forbids never reach the Atom feed (both engines)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from openarchief.web import create_app


@pytest.fixture(scope="module")
def client(archive):
    settings, index = archive
    return TestClient(create_app(settings, index), raise_server_exceptions=False)


@pytest.mark.parametrize("path", ["/zoeken", "/api/v1/search", "/zoeken.atom", "/api/v1/export"])
@pytest.mark.parametrize("year", ["9223372036854775808", "-1", "0", "10000", "1e3", "x"])
def test_out_of_range_numbers_are_a_422(client, path, year):
    assert client.get(path, params={"year": year}).status_code == 422


def test_a_long_query_is_shortened_with_a_notice(client):
    words = " ".join(["gemeente"] * 300)  # 2,700 characters
    page = client.get("/zoeken", params={"q": words})
    assert page.status_code == 200 and "langer dan 1000 tekens" in page.text
    api = client.get("/api/v1/search", params={"q": words})
    assert api.status_code == 200 and api.json()["total"] > 0
    assert client.get("/zoeken", params={"q": "gemeente"}).text.count("langer dan 1000 tekens") == 0


@pytest.mark.parametrize("q", ["gemeente\x00", "\x1b[31mgemeente", "ge\x0bmeente\x1f", "\ufffe"])
def test_control_characters_never_break_the_feed(client, q):
    feed = client.get("/zoeken.atom", params={"q": q})
    assert feed.status_code == 200
    ET.fromstring(feed.content)  # well-formed XML
    assert client.get("/zoeken", params={"q": q}).status_code == 200
    assert client.get("/api/v1/search", params={"q": q}).status_code == 200
