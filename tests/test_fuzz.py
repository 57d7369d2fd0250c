"""Fuzzing, bounded: schemathesis generates requests from /api/openapi.json and checks every answer (no 5xx; status
codes, content types, headers and bodies as documented); hypothesis throws arbitrary text at the HTML search page
and the Atom feed (no 5xx, the feed always well-formed XML).

One schemathesis check is left out, on purpose: positive_data_acceptance expects every schema-valid request to be
accepted, but two of the API's rules cannot be written in OpenAPI — page x size at most 10,000, and date_from not
after date_to — and a filter value must name a real code or label; such requests are rightly a documented 422."""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import schemathesis
from conftest import engine_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import positive_data_acceptance
from starlette.testclient import TestClient

from openarchief.search import Document, Index, Page
from openarchief.web import create_app

EXAMPLES = 40  # per API operation; the whole file runs in well under a minute


def _app(tmp_dir):
    settings = engine_settings("embedded", tmp_dir)
    index = Index(settings)
    hostile = 'Titel <script>alert(1)</script> "&" \\x07'
    index.index(
        [
            Document(
                id=f"{n:064x}",
                title=f"Besluit {n}" if n % 5 else hostile,
                pages=[Page(number=1, text="De gemeente besluit over de omgevingsvergunning en het parkeren.")],
                ministry="mnre1058" if n % 2 else None,
                type="c_7652d853" if n % 3 else None,
            )
            for n in range(30)
        ]
    )
    return create_app(settings, index)


# schemathesis loads the schema when the module is imported: a throwaway archive, made then.
APP = _app(Path(tempfile.mkdtemp(prefix="openarchief-fuzz-")))
schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_api_answers_every_request_as_documented(case):
    case.call_and_validate(excluded_checks=[positive_data_acceptance])


@pytest.fixture(scope="module")
def client():
    return TestClient(APP, raise_server_exceptions=False)


PARAMS = st.dictionaries(
    st.sampled_from(
        ["q", "ministry", "type", "category", "language", "year", "date_from", "date_to", "sort", "page", "size"]
    ),
    st.text(max_size=40),
    max_size=6,
)


@given(params=PARAMS)
@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
def test_the_search_page_and_feed_take_any_input(client, params):
    page = client.get("/zoeken", params=params, follow_redirects=False)
    assert page.status_code in (200, 303, 422), page.status_code
    feed = client.get("/zoeken.atom", params=params)
    assert feed.status_code in (200, 422)
    if feed.status_code == 200:
        ET.fromstring(feed.content)
    suggest = client.get("/api/v1/suggest", params={"q": params.get("q", "")})
    assert suggest.status_code in (200, 422)
