"""The web pages and the JSON API through FastAPI's in-process client, on a real index of real files."""

from __future__ import annotations

import csv
import inspect
import io
import re
from html.parser import HTMLParser

import pytest
from archive_checks import doc_id_of
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from starlette.requests import Request

from openarchief.search import EngineUnavailable, SearchRequest, status
from openarchief.web import create_app
from openarchief.web.app import url_for
from openarchief.web.params import search_request


@pytest.fixture(scope="module")
def client(archive):
    settings, index = archive
    return TestClient(create_app(settings, index), raise_server_exceptions=False)


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self._href = None
        self._text = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((" ".join("".join(self._text).split()), self._href))
            self._href = None


def links(html: str) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(html)
    return parser.links


def test_home_has_a_search_box_in_dutch(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<html lang="nl">' in r.text and 'name="q"' in r.text and "Naar de inhoud" in r.text


def test_search_page_finds_inflected_and_compound_words(client):
    r = client.get("/zoeken", params={"q": "draagmoeder"})
    assert r.status_code == 200
    assert "Draagmoederschap" in r.text
    r = client.get("/zoeken", params={"q": "verordening"})
    assert "Verordening op het gebruik van parkeerplaatsen" in r.text  # only says "parkeerverordening" too
    assert 'name="q" type="search" value="verordening"' in r.text


def test_results_show_pages_snippets_and_facets_that_filter(client, archive):
    r = client.get("/zoeken", params={"q": "gemeenten"})
    assert re.search(r"\d+ documenten gevonden", r.text)
    assert "<mark>" in r.text and "Gevonden op pagina" in r.text
    page_links = [href for text, href in links(r.text) if re.fullmatch(r"\d+", text) and "#pagina-" in href]
    assert page_links
    # Clicking a facet value filters; the value then shows as an active filter that can be removed.
    year_links = [(text, href) for text, href in links(r.text) if "year=" in href]
    text, href = year_links[0]
    year = re.search(r"year=(\d{4})", href).group(1)
    filtered = client.get(href)
    assert filtered.status_code == 200 and "Actieve filters" in filtered.text
    expected = archive[1].search(SearchRequest(q="gemeenten", year=[int(year)])).total
    assert f"{expected} document" in filtered.text
    remove = [h for t, h in links(filtered.text) if t.startswith(f"Jaar: {year}")]
    assert remove and "year=" not in remove[0]


def test_document_page_text_per_page_with_marks_and_pdf_by_hash(client, archive):
    doc_id = doc_id_of(archive[0], "plooi__20110301-5687928a-draagmoederschap.pdf")
    r = client.get(f"/documenten/{doc_id}", params={"q": "draagmoederschap"})
    assert r.status_code == 200
    assert 'id="pagina-1"' in r.text and 'id="pagina-3"' in r.text
    assert "<mark>Draagmoederschap</mark>" in r.text
    assert "(bron: tekst van het document)" in r.text
    pdf = client.get(f"/bestanden/{doc_id}.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f"/bestanden/{doc_id}.pdf#page=2" in r.text


def test_scanned_document_says_its_text_was_recognised(client, archive):
    doc_id = doc_id_of(archive[0], "plooi__blg-1007826.pdf")
    r = client.get(f"/documenten/{doc_id}")
    assert "automatisch herkend (OCR)" in r.text and "Nitraatrichtlijn" in r.text


def test_files_only_by_content_hash(client):
    for path in [
        "/bestanden/../../etc/passwd",
        "/bestanden/abc.pdf",
        f"/bestanden/{'0' * 64}.pdf",
        "/bestanden/%2e%2e%2fledger.sqlite3.pdf",
    ]:
        assert client.get(path).status_code == 404


def test_hostile_text_is_escaped(client, tmp_path):
    from openarchief.demo.pdf import write_pdf
    from openarchief.ingest.pipeline import Ingestor

    app = client.app
    settings, index = app.state.oa.settings, app.state.oa.index
    pdf = write_pdf(
        tmp_path / "vijandig.pdf", ["<script>alert('xss')</script> vijandige <img src=x onerror=alert(1)> tekst"]
    )
    ingestor = Ingestor(settings, index)
    ingestor.run([pdf])
    ingestor.close()
    r = client.get("/zoeken", params={"q": "vijandige"})
    assert "<script>alert" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;" in r.text
    api = client.get("/api/v1/search", params={"q": "vijandige"}).json()
    assert "<script>" not in api["hits"][0]["snippet"] and "<mark>vijandige</mark>" in api["hits"][0]["snippet"]


def test_api_search_contract(client):
    r = client.get("/api/v1/search", params={"q": "gemeenten", "size": 2})
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"total", "page", "size", "hits", "facets", "expanded"}
    assert body["size"] == 2 and len(body["hits"]) == 2 and body["total"] >= 2
    hit = body["hits"][0]
    assert {
        "id",
        "title",
        "ministry",
        "date",
        "type",
        "language",
        "page_count",
        "snippet",
        "page_hits",
        "url",
        "pdf_url",
    } <= set(hit)
    assert hit["pdf_url"].endswith(f"/bestanden/{hit['id']}.pdf")
    assert set(body["facets"]) >= {"ministry", "type", "language", "year"}
    for values in body["facets"].values():
        assert all({"value", "label", "count"} == set(v) for v in values)


def test_api_filters_codes_and_labels(client):
    body = client.get("/api/v1/search", params={"ministry": "mnre1058"}).json()
    assert body["total"] >= 1
    assert all(
        h["ministry"] == {"code": "mnre1058", "label": "ministerie van Justitie en Veiligheid"} for h in body["hits"]
    )
    newest = client.get("/api/v1/search").json()["hits"]
    dates = [h["date"] for h in newest if h["date"]]
    assert dates == sorted(dates, reverse=True)


def test_api_document(client, archive):
    doc_id = doc_id_of(archive[0], "plooi__vn-1441.pdf")
    body = client.get(f"/api/v1/documents/{doc_id}").json()
    assert body["sha256"] == doc_id and body["language"] == "en" and len(body["pages"]) == 8
    assert body["pages"][0]["page"] == 1 and "Security Council" in body["pages"][0]["text"]
    assert body["extractor"] == "pypdfium2" and body["date"] == "2002-11-08"
    assert client.get(f"/api/v1/documents/{'f' * 64}").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"page": "0"},
        {"page": "x"},
        {"size": "1000"},
        {"year": "twintig"},
        {"date_from": "2020-13-01"},
        {"date_from": "2021-01-01", "date_to": "2020-01-01"},
        {"sort": "random"},
    ],
)
def test_bad_parameters_are_422_with_a_message(client, params):
    api = client.get("/api/v1/search", params=params)
    assert api.status_code == 422
    problem = api.json()["detail"][0]
    assert problem["parameter"] and problem["message"]
    page = client.get("/zoeken", params=params)
    assert page.status_code == 422 and "Ongeldige zoekopdracht" in page.text


def test_blank_form_fields_are_not_errors(client):
    r = client.get("/zoeken?q=&date_from=&date_to=&sort=&page=")
    assert r.status_code == 200


def test_engine_outage_is_a_503_page(client, monkeypatch):
    def down(*args, **kwargs):
        raise EngineUnavailable("index unreachable")

    monkeypatch.setattr(client.app.state.oa.index, "search", down)
    r = client.get("/zoeken", params={"q": "x"})
    assert r.status_code == 503 and "tijdelijk niet beschikbaar" in r.text and "Traceback" not in r.text
    assert client.get("/api/v1/search").status_code == 503


def test_openapi_docs(client):
    assert client.get("/api/docs").status_code == 200
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/search" in spec["paths"] and "/api/v1/documents/{doc_id}" in spec["paths"]
    # The search reads its query string itself (params.query_reader); the document still names every parameter
    # search_request declares, with its description.
    documented = spec["paths"]["/api/v1/search"]["get"]["parameters"]
    assert [p["name"] for p in documented] == list(inspect.signature(search_request).parameters)
    assert all(p["in"] == "query" and p["description"] and not p["required"] for p in documented)


def test_the_search_api_writes_the_bytes_fastapi_would(client):
    """The search and the suggestions write their JSON themselves (api.RecordsResponse): byte for byte what
    FastAPI writes for the same answer returned as a dict, escapes and non-ASCII text included."""
    hostile = '<script>"x\\y" \x01\x1f\t é ü 𝄞 \u2028 & </script>'
    asked = [
        ("/api/v1/search", {"q": "gemeenten"}),
        ("/api/v1/search", {"q": "", "size": 100}),
        ("/api/v1/search", {"q": "Wob"}),  # expanded: the full name searched too
        ("/api/v1/search", {"q": hostile}),
        ("/api/v1/suggest", {"q": hostile[:200]}),  # the answer repeats what was typed
        ("/api/v1/suggest", {"q": "gem"}),
    ]
    for path, params in asked:
        r = client.get(path, params=params)
        assert r.status_code == 200 and r.headers["content-type"] == "application/json"
        assert r.content == JSONResponse(jsonable_encoder(r.json())).body, (path, params)
    assert client.get("/api/v1/suggest", params={"q": hostile[:200]}).json()["q"] == hostile[:200]


def test_pages_link_where_starlette_would(client):
    """The templates' url_for (app.RoutePaths) gives Starlette's address, also under a path prefix."""
    app = client.app
    for root in ("", "/archief"):
        scope = {"type": "http", "method": "GET", "path": "/", "root_path": root, "query_string": b"",
                 "headers": [(b"host", b"voorbeeld.nl:8080")], "scheme": "https", "server": ("voorbeeld.nl", 8080),
                 "app": app, "router": app.router}  # fmt: skip
        request = Request(scope)
        for name, params in [
            ("home", {}),
            ("search_page", {}),
            ("static", {"path": "style.css"}),
            ("document_page", {"doc_id": "ab" * 32}),
            ("page_image", {"doc_id": "ab" * 32, "page": 3}),
            ("dossier_page", {"dossier_id": "d-1"}),
        ]:
            assert url_for({"request": request}, name, **params) == str(request.url_for(name, **params))


def test_about_page_tells_what_is_in_the_archive_and_what_not(client, archive):
    r = client.get("/over")
    assert r.status_code == 200
    text = " ".join(r.text.split())
    status_docs = archive[1].count()
    assert f"{status_docs} documenten" in text or "documenten met samen" in text
    assert "per organisatie" in text and "per soort organisatie" in text and "per jaar" in text
    # Every document is counted under some organisation (or "niet vastgesteld") and some year (or none).
    documents = status.load(archive[0]).documents
    totals = re.findall(r"<th scope=\"row\">Totaal</th><td>(\d+)</td>", r.text)
    assert len(totals) == 3 and all(int(t) == documents for t in totals)
    assert "geen PDF-bestand" in text and "beschadigd of onleesbaar" in text  # the fake PDF, the truncated one
    assert "tekstherkenning (OCR)" in text
    assert 'href="/zoeken?year=' in r.text or "year=" in r.text


def test_report_an_error_then_archivists_see_it(client, archive):
    from typer.testing import CliRunner

    from openarchief.cli import app

    doc_id = doc_id_of(archive[0], "plooi__kst-32545-143.pdf")
    r = client.post(
        f"/documenten/{doc_id}/melding",
        data={"wat": "De datum <klopt> niet", "contact": "a@b.nl"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].endswith("?gemeld=1#melden")
    page = client.get(r.headers["location"].split("#")[0])
    assert "Uw melding is opgeslagen" in page.text
    assert client.post(f"/documenten/{doc_id}/melding", data={"wat": ""}).status_code == 422
    assert client.post(f"/documenten/{'0' * 64}/melding", data={"wat": "bestaat niet"}).status_code == 404
    result = CliRunner().invoke(app, ["reports", "--csv", "--data-dir", str(archive[0].data_dir)])
    assert result.exit_code == 0 and "De datum <klopt> niet" in result.output and doc_id in result.output


def test_document_page_lists_similar_documents_or_none(client, archive):
    # The decision on a Woo request and the inventory of that request are alike.
    doc_id = doc_id_of(archive[0], "besluit-woo-verzoek-cameratoezicht.pdf")
    inventory = doc_id_of(archive[0], "inventarislijst-woo-verzoek-cameratoezicht.pdf")
    section = client.get(f"/documenten/{doc_id}").text.split("Vergelijkbare documenten")[1].split("</section>")[0]
    assert f'href="http://testserver/documenten/{inventory}"' in section
    assert f'href="http://testserver/documenten/{doc_id}"' not in section
    # Answers to questions of the Kamer on a subject no other document of the archive is about: no section.
    alone = doc_id_of(archive[0], "plooi__ah-tk-20202021-3235.pdf")
    assert "Vergelijkbare documenten" not in client.get(f"/documenten/{alone}").text


def test_suggest_endpoint(client):
    body = client.get("/api/v1/suggest", params={"q": "draagmoe"}).json()
    assert any(c.startswith("draagmoeder") for c in body["completions"])
    assert body["titles"] and body["titles"][0]["url"].startswith("http://testserver/documenten/")
    assert client.get("/api/v1/suggest", params={"q": "d"}).json() == {"q": "d", "completions": [], "titles": []}


def test_empty_result_suggests_a_spelling_from_the_archive(client):
    r = client.get("/zoeken", params={"q": "draagmoedersvhap"})
    assert "Geen documenten gevonden" in r.text
    assert "Bedoelde u" in r.text and "draagmoederschap" in r.text


def test_facet_links_are_the_toggle_links():
    """The search page builds its facet and year links per page (ResultLinks); each must be the link search_url
    makes: toggle()'s for a facet value, the year alone for a bar of the chart."""
    import datetime as dt

    from openarchief.web.presenters import ResultLinks, search_url, toggle

    requests = [
        SearchRequest(),
        SearchRequest(q="a b", ministry=["x", "y"], year=[2020], date_from=dt.date(2020, 1, 2), sort="oldest", page=3),
        SearchRequest(q="q&z #1", type=["t1"], language=["nl"], size=20),
    ]
    values = ["x", "y", "t1", "nl", "en", "2020", "2021", "a&b"]
    for request in requests:
        links = ResultLinks("/zoeken", request)
        for facet in ("ministry", "type", "category", "language", "year"):
            urls = links.toggles(facet, values)
            assert urls == {v: search_url("/zoeken", request, **toggle(request, facet, v)) for v in values}
        for year in (1999, 2020):
            assert links.setting("year")([year]) == search_url("/zoeken", request, year=[year], page=1)


@pytest.mark.parametrize(
    "query, filename",
    [
        ("32545-143", "plooi__kst-32545-143.pdf"),
        ("kst-32545-143", "plooi__kst-32545-143.pdf"),
        ("32 545, nr. 143", "plooi__kst-32545-143.pdf"),
        ("ah-tk-20202021-3235", "plooi__ah-tk-20202021-3235.pdf"),
    ],
)
def test_real_parliamentary_papers_are_found_by_their_identifiers(client, archive, query, filename):
    body = client.get("/api/v1/search", params={"q": query}).json()
    assert body["hits"][0]["id"] == doc_id_of(archive[0], filename), [h["title"] for h in body["hits"]]
    assert body["hits"][0]["organisation"]["code"] == "oorg10002"
    assert body["hits"][0]["organisation"]["kind"] == "staten_generaal"


def test_real_kamerstuk_filter_and_document_page_show_the_numbering(client, archive):
    motie = doc_id_of(archive[0], "plooi__kst-32545-143.pdf")
    body = client.get("/api/v1/search", params={"kamerstuk": "32 545"}).json()
    assert [h["id"] for h in body["hits"]] == [motie]
    assert body["hits"][0]["type"] == {"code": "oa_motie", "label": "motie"}
    assert body["hits"][0]["parliament"]["identifiers"] == ["kst-32545-143"]
    page = " ".join(client.get(f"/documenten/{motie}").text.split())
    assert "<dt>Kamerstuk</dt>" in page and "32545</a>, nr. 143" in page and "<code>kst-32545-143</code>" in page
    assert "Tweede Kamer der Staten-Generaal</a> (staten-generaal)" in page
    assert client.get("/api/v1/search", params={"kamerstuk": "geen nummer"}).status_code == 422


def test_real_municipal_document_is_filtered_by_organisation_and_kind(client, archive):
    heerlen = doc_id_of(archive[0], "heerlen__parkeerverordening-2025.pdf")
    for params in ({"organisation": "gemeente Heerlen"}, {"organisation": "gm0917"}, {"organisation_kind": "gemeente"}):
        body = client.get("/api/v1/search", params=params).json()
        assert heerlen in [h["id"] for h in body["hits"]], params
    body = client.get("/api/v1/search", params={"organisation": "gm0917"}).json()
    assert body["total"] == 1 and body["hits"][0]["ministry"] is None
    refused = client.get("/api/v1/search", params={"organisation": "gemeente Nergenshuizen"})
    assert refused.status_code == 422 and "gm0917" in refused.text


def test_a_settled_report_shows_its_status_but_no_personal_data(client, archive):
    from typer.testing import CliRunner

    from openarchief.cli import app

    doc_id = doc_id_of(archive[0], "heerlen__parkeerverordening-2025.pdf")
    r = client.post(
        f"/documenten/{doc_id}/melding", data={"wat": "Geheime opmerking xq7", "contact": "melder@example.org"}
    )
    assert r.status_code == 200
    data_dir = str(archive[0].data_dir)
    listing = CliRunner().invoke(app, ["reports", "--csv", "--status", "nieuw", "--data-dir", data_dir])
    rows = [row for row in csv.DictReader(io.StringIO(listing.stdout)) if row["document_id"] == doc_id]
    assert rows and all(row["status"] == "nieuw" for row in rows)
    number = rows[-1]["id"]
    # A page shows nothing of a new report; settled, its status and date, never the message or the contact.
    assert "Gemelde fouten" not in client.get(f"/documenten/{doc_id}").text
    refused = CliRunner().invoke(app, ["reports", "--set", number, "--to", "afgewezen", "--data-dir", data_dir])
    assert refused.exit_code != 0 and "reason" in refused.output
    done = CliRunner().invoke(
        app, ["reports", "--set", number, "--to", "gecorrigeerd", "--reason", "Titel aangepast", "--data-dir", data_dir]
    )
    assert done.exit_code == 0, done.output
    page = " ".join(client.get(f"/documenten/{doc_id}").text.split())
    assert f"Melding {number}: gecorrigeerd op " in page and "Titel aangepast" in page
    assert "xq7" not in page and "melder@example.org" not in page
    api = client.get(f"/api/v1/documents/{doc_id}").json()["reports"]
    assert [(r["id"], r["status"], r["reason"]) for r in api] == [(int(number), "gecorrigeerd", "Titel aangepast")]
    assert "xq7" not in str(api) and "melder" not in str(api)
    new_only = CliRunner().invoke(app, ["reports", "--csv", "--status", "nieuw", "--data-dir", data_dir])
    assert number not in [row["id"] for row in csv.DictReader(io.StringIO(new_only.stdout))]
    wrong = CliRunner().invoke(app, ["reports", "--status", "klaar", "--data-dir", data_dir])
    assert wrong.exit_code != 0
