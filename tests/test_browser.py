"""The web pages in a real browser: Debian's Chromium driven by Playwright, against the app served by uvicorn on a
real index of the real corpus (both engines).

WCAG 2.1 AA with axe-core, keyboard use, reflow at 320 px and 200 % zoom, no cookies and no requests to other
sites, the security headers, hostile text from PDFs that never runs, and the whole search → filter → document
flow with JavaScript switched off. The README's screenshot of the search page is taken here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from archive_checks import doc_id_of
from browser_server import CHROMIUM, LiveServer, launch_chromium
from conftest import ROOT, engine_settings, require

from openarchief.search import SearchRequest
from openarchief.web import create_app

SCREENSHOT = ROOT / "docs" / "screenshot-zoeken.png"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
QUERY = "gemeenten"  # marks in the snippets, "Gevonden op pagina", several values in every facet
DOCUMENT = "plooi__20110301-5687928a-draagmoederschap.pdf"
ENGLISH_DOCUMENT = "plooi__vn-1441.pdf"


# --- fixtures ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def playwright():
    require(Path(CHROMIUM).is_file(), f"Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Playwright for Python (pip install playwright)")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def axe():
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        require(False, "axe-core for Playwright (pip install axe-playwright-python)")
    return Axe()


@pytest.fixture(scope="module")
def site(archive):
    """The app on the `archive` index, served over HTTP; with the URLs of the pages every check visits."""
    settings, index = archive
    with LiveServer(create_app(settings, index)) as server:
        year = index.search(SearchRequest(q=QUERY)).facets["year"][0].value
        server.pages = {
            "home": "/",
            # Results with marks and page hits, two active filters (a facet value, a period) and pagination.
            "results": f"/zoeken?q={QUERY}&year={year}&date_from=2000-01-01&size=2",
            "empty": "/zoeken?q=qwxzvbonzinwoord",
            # "Ook gezocht op" and the organisation filter a ministry's abbreviation suggests.
            "expanded": "/zoeken?q=VWS",
            "all": "/zoeken",  # every document: the year chart spans the archive's years
            "document": f"/documenten/{doc_id_of(settings, DOCUMENT)}?q=draagmoederschap",
            "english_document": f"/documenten/{doc_id_of(settings, ENGLISH_DOCUMENT)}",
            # A scanned page: its image beside its OCR text.
            "scanned_document": f"/documenten/{doc_id_of(settings, 'plooi__blg-1007826.pdf')}",
            "about": "/over",
            "not_found": f"/documenten/{'0' * 64}",
            "dossiers": "/dossiers",
            "dossier": f"/dossiers/{index.dossiers(SearchRequest(q='afghanistan')).items[0].id}",  # 400 rows
        }
        yield server


class Visit:
    """A browser context and page that record every request, response, console message and dialog."""

    def __init__(self, browser, site, **context_options):
        self.site = site
        self.context = browser.new_context(locale="nl-NL", **context_options)
        self.requests: list[str] = []
        self.responses = []
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("response", lambda r: self.responses.append(r))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def go(self, path: str, status: int = 200):
        response = self.page.goto(self.site.url + path)
        assert response is not None and response.status == status, f"GET {path}: {response and response.status}"
        return response

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def shared(browser, site):
    """One context and page for the checks that need JavaScript on and nothing special (a new context is slow)."""
    v = Visit(browser, site)
    yield v
    v.close()


@pytest.fixture
def visit(shared):
    """The shared page at 1280 x 900, its records emptied."""
    shared.page.set_viewport_size({"width": 1280, "height": 900})
    for records in (shared.requests, shared.responses, shared.console, shared.dialogs):
        records.clear()
    return shared


PAGES = [
    "home",
    "results",
    "all",
    "empty",
    "expanded",
    "document",
    "english_document",
    "scanned_document",
    "about",
    "not_found",
    "dossiers",
    "dossier",
]


def status_of(name: str) -> int:
    return 404 if name == "not_found" else 200


# --- accessibility ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_is_accessible(visit, site, axe, name):
    """axe-core finds nothing; lang="nl", one h1 and no skipped heading levels, every field labelled; and the page
    reflows at 200 % zoom and at 320 px without scrolling sideways."""
    visit.go(site.pages[name], status_of(name))
    page = visit.page
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    assert not violations, "\n".join(
        f"{x['id']} ({x['impact']}): {x['help']} — "
        + "; ".join(" ".join(n["target"]) + " " + n["html"][:120] for n in x["nodes"][:3])
        for x in violations
    )

    assert page.get_attribute("html", "lang") == "nl"
    assert page.title().endswith(" – openarchief") and len(page.title()) > len(" – openarchief")
    levels = page.eval_on_selector_all("h1, h2, h3, h4, h5, h6", "hs => hs.map(h => Number(h.tagName[1]))")
    assert levels[:1] == [1] and levels.count(1) == 1, levels
    assert not [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1], f"heading levels skip: {levels}"
    unlabelled = page.eval_on_selector_all(
        "input:not([type=hidden]), select, textarea",
        "els => els.filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.outerHTML)",
    )
    assert not unlabelled
    for landmark in ["body > header", "main#inhoud", "body > footer"]:
        assert page.locator(landmark).count() == 1, landmark
    if name != "not_found":  # (whose own 404 is logged as an error)
        assert not [m for m in visit.console if m.startswith("error")], visit.console
    if name == "english_document":  # WCAG 3.1.2: the English text says it is English
        assert page.locator("h1[lang=en]").count() == 1 and page.locator(".page-text[lang=en]").count() == 8

    # 640 x 450 is a 1280 x 900 window at 200 % zoom; 320 CSS px is WCAG's reflow width (1280 px at 400 %).
    for width, height in [(640, 450), (320, 720)]:
        page.set_viewport_size({"width": width, "height": height})
        scroll_width, client_width = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        wide = page.evaluate(
            """w => [...document.querySelectorAll('body *')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 1 || r.left < -1)
                           && !e.closest('.visually-hidden, .skip-link, .table-scroll'); })
            .slice(0, 5).map(e => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)""",
            client_width,
        )
        assert scroll_width <= client_width and not wide, f"{width} px: page is {scroll_width} px wide: {wide}"


def test_a_wide_inventory_scrolls_in_its_own_focusable_region(visit, site):
    """WCAG 1.4.10 lets a data table scroll sideways; the page itself must not, and the table's region takes the
    keyboard focus so it can be scrolled without a mouse."""
    visit.go(site.pages["dossier"])
    page = visit.page
    page.set_viewport_size({"width": 320, "height": 720})
    region = page.locator(".table-scroll[aria-labelledby=kop-tabel]")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    region.focus()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.classList.contains('table-scroll')")


def test_dossier_inventory_filtered_with_the_keyboard(visit, site):
    visit.go(site.pages["dossier"])
    page = visit.page
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "f-beoordeling":
            break
    else:
        raise AssertionError("Tab never reached the judgement filter")
    page.keyboard.type("niet")  # a select chooses the option its typed letters begin
    assert page.evaluate("document.activeElement.value") == "niet_openbaar"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Filter"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["judgement"] == ["niet_openbaar"]
    assert "264 regels na filteren" in " ".join(page.inner_text("main").split())


def test_skip_link_and_visible_focus_on_every_stop(visit, site):
    visit.go(site.pages["results"])
    page = visit.page
    page.keyboard.press("Tab")
    first = page.evaluate("({cls: document.activeElement.className, text: document.activeElement.textContent})")
    assert first == {"cls": "skip-link", "text": "Naar de inhoud"}
    box = page.locator(".skip-link").bounding_box()
    assert box and box["y"] >= 0 and box["x"] >= 0 and box["height"] > 10, "the skip link is not on screen when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "q", "after the skip link the search box is next"

    seen = []
    for _ in range(200):
        state = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e), r = e.getBoundingClientRect();
            return {tag: e.tagName, text: (e.textContent || e.id || '').trim().slice(0, 40), footer: !!e.closest('footer'),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2,
                    shadow: s.boxShadow !== 'none',
                    inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth};
        }""")
        if state["tag"] == "BODY":
            break
        seen.append(state)
        assert state["outline"] or state["shadow"], f"no visible focus on {state}, after {seen[-3:]}"
        assert state["inView"], f"focused element is off screen: {state}"
        page.keyboard.press("Tab")
    assert any(s["footer"] for s in seen), "Tab never reached the footer"
    assert any(s["text"].startswith("Volgende") for s in seen) and any("Jaar" in s["text"] for s in seen)


def test_keyboard_only_search_filter_and_document(visit, site):
    visit.go("/")
    page = visit.page

    def tab_to(test: str, limit: int = 120) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"(e => {test})(document.activeElement)"):
                return
        raise AssertionError(f"Tab never reached an element where {test}")

    tab_to("e.id === 'q'")
    page.keyboard.type(QUERY)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/zoeken" and parse_qs(urlsplit(page.url).query)["q"] == [QUERY]
    tab_to("!!e.closest('.facet') && e.href.includes('year=')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "year" in parse_qs(urlsplit(page.url).query)
    assert page.locator("#actief").inner_text() == "Actieve filters"
    tab_to("!!e.closest('.hit h3')")
    title = page.evaluate("document.activeElement.textContent.trim()")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path.startswith("/documenten/") and page.locator("h1").inner_text() == title


def test_suggestions_while_typing_work_with_the_keyboard(visit, site, axe):
    page = visit.page
    visit.go("/")
    page.focus("#q")
    page.keyboard.type("draagmoe")
    options = page.locator("#q-suggestions [role=option]")
    options.first.wait_for(state="visible", timeout=5_000)
    assert page.get_attribute("#q", "aria-expanded") == "true"
    assert "draagmoederschap" in [t.strip() for t in options.all_inner_texts()]
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    assert not results.response["violations"], [v["id"] for v in results.response["violations"]]
    page.keyboard.press("ArrowDown")
    first = options.first
    assert page.get_attribute("#q", "aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    chosen = first.inner_text().strip()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert parse_qs(urlsplit(page.url).query)["q"] == [chosen]
    assert not [url for url in visit.requests if not url.startswith(site.url + "/")]


# --- privacy and security ---------------------------------------------------------------------------------------


def test_no_cookies_and_no_requests_to_other_sites(visit, site):
    v = visit
    for name in PAGES:
        v.go(site.pages[name], status_of(name))  # goto waits for "load": the page and all it loads
    with v.page.expect_request(lambda r: r.url.endswith("/api/openapi.json")):  # Swagger UI ran
        v.go("/api/docs")
    assert len(v.requests) > len(PAGES)
    foreign = [url for url in v.requests if not url.startswith(site.url + "/")]
    assert not foreign, f"requests to other sites: {foreign}"
    assert v.context.cookies() == []
    assert not [r.url for r in v.responses if "set-cookie" in r.all_headers()]
    blocked = [m for m in v.console if "Content Security Policy" in m]
    assert not blocked, blocked


def csp_directives(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), [w.lower() for w in words[1:]])
    return directives


def test_security_headers_on_every_response(visit, site):
    paths = [(site.pages[name], status_of(name)) for name in PAGES]
    doc_id = site.pages["document"].split("/")[2].split("?")[0]
    paths += [
        ("/static/style.css", 200),
        (f"/bestanden/{doc_id}.pdf", 200),
        ("/api/v1/search?q=x", 200),
        ("/zoeken?page=0", 422),
    ]
    for path, status in paths:
        response = visit.context.request.get(site.url + path, max_redirects=0)
        assert response.status == status, (path, response.status)
        headers = response.headers
        csp = csp_directives(headers.get("content-security-policy", ""))
        scripts = csp.get("script-src", csp.get("default-src"))
        assert scripts is not None, f"{path}: no script-src or default-src in the Content-Security-Policy"
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:", "data:"} & set(scripts), (path, scripts)
        assert csp.get("frame-ancestors") in (["'none'"], ["'self'"]), (path, csp.get("frame-ancestors"))
        assert csp.get("object-src", csp.get("default-src")) in (["'none'"], ["'self'"]), path
        assert headers.get("x-content-type-options") == "nosniff", path
        assert headers.get("referrer-policy") in {
            "no-referrer",
            "same-origin",
            "strict-origin",
            "strict-origin-when-cross-origin",
        }, path
        assert "set-cookie" not in headers, path


# Each payload on its own line of the PDF; the sidecar puts more in the title and the other metadata.
XSS_WORD = "kwaadaardig"
XSS_PAYLOADS = [
    "<script>window.__xss=1;alert('script')</script>",
    "<img src=x onerror=\"window.__xss=2;alert('img')\">",
    '"><svg onload="window.__xss=3">',
    "'><body onload='window.__xss=4'>",
    "javascript:window.__xss=5",
    "</textarea></title></style><script>window.__xss=6</script>",
    "</mark><script>window.__xss=7</script><mark>",
    '<a href="javascript:window.__xss=8">klik</a>',
    '<iframe srcdoc="<script>parent.__xss=9</script>"></iframe>',
    "{{7*7}} ${7*7} <!-- -->",
]
XSS_TITLE = 'Besluit </title><script>window.__xss=10</script> "onmouseover="window.__xss=11" <b>vet</b>'


@pytest.fixture(scope="module")
def hostile_site(archive, tmp_path_factory):
    """A fresh archive (same engine as `archive`) holding one PDF whose text, title and metadata are XSS payloads."""
    from openarchief.demo.pdf import write_pdf
    from openarchief.ingest.pipeline import Ingestor
    from openarchief.search import Index

    folder = tmp_path_factory.mktemp("xss")
    settings = engine_settings(archive[0].engine, folder / "data")
    index = Index(settings)
    pdf = write_pdf(
        folder / "in" / "vijandig.pdf",
        [f"{XSS_WORD} tekst\n" + "\n".join(XSS_PAYLOADS), "tweede pagina"],
        title=XSS_TITLE,
    )
    pdf.with_suffix(".json").write_text(
        json.dumps(
            {
                "title": XSS_TITLE,
                "language": "<img src=x onerror=alert(12)>",
                "ministry": "<script>alert(13)</script>",
                "date": "2024-03-01",
                "source_url": "javascript:window.__xss=14",
            }
        ),
        encoding="utf-8",
    )
    ingestor = Ingestor(settings, index, workers=1)
    try:
        outcomes = ingestor.run([pdf])
    finally:
        ingestor.close()
    assert index.count() == 1, outcomes
    with LiveServer(create_app(settings, index)) as server:
        server.doc_id = index.search(SearchRequest(q=XSS_WORD)).hits[0].id
        yield server


def test_hostile_text_is_shown_as_text_and_never_runs(browser, hostile_site):
    # The Content-Security-Policy would block inline scripts anyway; it is bypassed here so that this test checks
    # the escaping itself (the headers have their own test).
    v = Visit(browser, hostile_site, bypass_csp=True)
    v.context.add_init_script("window.__xss = 0;")
    page = v.page
    doc = f"/documenten/{hostile_site.doc_id}"
    try:
        visits = [
            ("/", 200),
            (f"/zoeken?q={XSS_WORD}", 200),
            (f"{doc}?q={XSS_WORD}", 200),
            (doc, 200),
            ("/zoeken?q=%3Cscript%3Ewindow.__xss%3D20%3C%2Fscript%3E%22%3E%3Cimg+src%3Dx+onerror%3Dalert(21)%3E", 200),
            # An unknown ministry is a 422 whose Dutch message repeats the value: escaped, never run.
            (
                "/zoeken?q=x&ministry=%3Cscript%3Ealert(22)%3C%2Fscript%3E&language=%22%3E%3Csvg%20onload%3Dalert(23)%3E",
                422,
            ),
            ("/zoeken?q=%3C%2Ftextarea%3E%3Cscript%3Ealert(24)%3C%2Fscript%3E&year=%3Cscript%3E", 422),
            ("/documenten/%3Cscript%3Ealert(25)%3C%2Fscript%3E", 404),
            ("/over", 200),
        ]
        for path, status in visits:
            v.go(path, status)
            page.wait_for_load_state("load")
            page.mouse.move(200, 300)  # would fire an injected onmouseover
            assert page.evaluate("window.__xss") == 0, path
            assert v.dialogs == [], (path, v.dialogs)
            found = page.evaluate("""() => ({
                scripts: [...document.scripts].filter(s => !s.src.startsWith(location.origin + '/static/')).length,
                handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
                          .filter(a => a.name.startsWith('on')).map(a => a.name),
                js_urls: [...document.querySelectorAll('[href], [src], [action], [formaction]')]
                         .flatMap(e => ['href', 'src', 'action', 'formaction'].map(n => e.getAttribute(n) || ''))
                         .filter(u => /^\\s*javascript:/i.test(u)),
                // The project's own charts are SVG, drawn of rectangles, lines and text only; any other SVG is
                // injected.
                frames: document.querySelectorAll('iframe, svg:not(figure.chart > svg.bars), object, embed').length
                        + document.querySelectorAll('svg.bars *:not(a, rect, line, text, title)').length,
            })""")
            assert found == {"scripts": 0, "handlers": [], "js_urls": [], "frames": 0}, (path, found)

        # The payloads are there, as text a reader can see.
        v.go(f"{doc}?q={XSS_WORD}")
        assert page.locator("h1").inner_text() == " ".join(XSS_TITLE.split())
        text = page.locator(".page-text").first.inner_text()
        for payload in XSS_PAYLOADS:
            assert payload in text, payload
        body = page.locator("main").inner_text()
        assert "javascript:window.__xss=14" in body and "<img src=x onerror=alert(12)>" in body
        v.go(f"/zoeken?q={XSS_WORD}")
        assert page.locator(".hit h3").inner_text() == " ".join(XSS_TITLE.split())
        assert "<script>window.__xss=1;alert('script')</script>" in page.locator(".snippet").inner_text()
        assert page.title().startswith("Zoekresultaten voor „kwaadaardig”")
        v.go(doc)
        assert page.title() == f"{' '.join(XSS_TITLE.split())} – openarchief"

        # The suggestions under the search box show the hostile title as text too.
        v.go("/")
        page.focus("#q")
        page.keyboard.type(XSS_WORD[:6])
        options = page.locator("#q-suggestions [role=option]")
        options.first.wait_for(state="visible", timeout=5_000)
        assert " ".join(XSS_TITLE.split()) in [t.strip() for t in options.all_inner_texts()]
        assert page.locator("#q-suggestions *:not(li)").count() == 0
        assert page.evaluate("window.__xss") == 0 and v.dialogs == []
    finally:
        v.close()


# --- without JavaScript -----------------------------------------------------------------------------------------


@pytest.fixture
def no_js(browser, site):
    v = Visit(browser, site, java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield v
    v.close()


def test_search_filter_and_document_without_javascript(no_js):
    v = no_js
    page = v.page
    v.go("/")
    page.fill("#q", QUERY)
    with page.expect_navigation():
        page.get_by_role("button", name="Zoeken").click()
    assert page.locator("h1").inner_text() == f"Zoekresultaten voor „{QUERY}”"
    assert page.locator(".hit mark").count() > 0 and page.locator(".hit .pages a").count() > 0
    total = int(re.match(r"\d+", page.locator(".count").inner_text()).group())

    # A facet value filters; the refine form keeps it while sorting.
    year_link = page.locator(".facet a[href*='year=']").first
    year = re.search(r"year=(\d{4})", year_link.get_attribute("href")).group(1)
    with page.expect_navigation():
        year_link.click()
    filtered = int(re.match(r"\d+", page.locator(".count").inner_text()).group())
    assert 0 < filtered <= total
    assert page.locator(".active-filters a", has_text=f"Jaar: {year}").count() == 1
    page.select_option("#sort", "newest")
    with page.expect_navigation():
        page.get_by_role("button", name="Toepassen").click()
    query = parse_qs(urlsplit(page.url).query)
    assert query["year"] == [year] and query["sort"] == ["newest"] and query["q"] == [QUERY]
    assert page.locator("#sort").input_value() == "newest"

    # Removing the filter brings back every result.
    with page.expect_navigation():
        page.locator(".active-filters a", has_text=f"Jaar: {year}").click()
    assert int(re.match(r"\d+", page.locator(".count").inner_text()).group()) == total

    # A "found on page" link opens the document at that page, with the words marked.
    page_link = page.locator(".hit .pages a").first
    number = page_link.inner_text()
    with page.expect_navigation():
        page_link.click()
    assert urlsplit(page.url).fragment == f"pagina-{number}"
    assert page.locator(f"#pagina-{number}").count() == 1 and page.locator(".page-text mark").count() > 0
    with page.expect_navigation():
        page.get_by_role("link", name="Terug naar zoeken").click()
    assert parse_qs(urlsplit(page.url).query)["q"] == [QUERY]


def test_year_chart_links_each_year_and_says_its_counts_without_javascript(no_js, site):
    v = no_js
    page = v.page
    v.go(site.pages["all"])
    chart = page.locator("figure.chart")
    assert chart.locator("figcaption").inner_text() == "Gevonden documenten per jaar"
    bars = chart.locator("svg a")
    assert bars.count() >= 3
    # The table alternative holds the same counts as the bars' accessible names and as the year facet.
    names = [bars.nth(i).get_attribute("aria-label") for i in range(bars.count())]
    page.locator("figure.chart summary").click()
    rows = chart.locator("tbody tr")
    table = [
        f"{rows.nth(i).locator('th').inner_text()}: {rows.nth(i).locator('td').inner_text()} documenten"
        for i in range(rows.count())
    ]
    assert table == names
    facet = {
        a.get_attribute("href").split("year=")[1]: a.locator(".facet-count").inner_text().strip("()")
        for a in page.locator(".facet a[href*='year=']").all()
    }
    assert {n.split(":")[0]: n.split(": ")[1].split()[0] for n in names} == facet
    # A bar is a link to that year's filter.
    year, count = names[-1].split(": ")[0], names[-1].split(": ")[1].split()[0]
    with page.expect_navigation():
        bars.last.click()
    assert parse_qs(urlsplit(page.url).query)["year"] == [year]
    assert page.locator(".count").inner_text().startswith(f"{count} ")


def test_home_page_offers_ways_in_without_javascript(no_js, site):
    v = no_js
    page = v.page
    v.go("/")
    for heading in ("Soort organisatie", "Organisatie", "Documentsoort"):
        assert page.locator(".ways-in").get_by_role("heading", name=heading, exact=True).count() == 1, heading
    assert page.locator("#bladeren-jaar").inner_text() == "Documenten per jaar"
    assert page.locator("figure.chart svg a").count() >= 3
    item = page.locator("nav[aria-labelledby=bladeren-organisation_kind] li").first
    kind = parse_qs(urlsplit(item.locator("a").get_attribute("href")).query)["organisation_kind"][0]
    count = item.locator(".facet-count").inner_text().strip("()")
    with page.expect_navigation():
        item.locator("a").click()
    assert parse_qs(urlsplit(page.url).query)["organisation_kind"] == [kind]
    assert page.locator(".count").inner_text().startswith(f"{count} ")


def test_dossier_filter_and_paging_without_javascript(no_js, site):
    no_js.go(site.pages["dossier"])
    page = no_js.page
    page.select_option("#f-grond", "10.2b")
    with page.expect_navigation():
        page.click("form.inventory-filter button")
    assert "1 regel na filteren" in " ".join(page.inner_text("main").split())
    no_js.go(site.pages["dossier"])
    with page.expect_navigation():
        page.click("text=Volgende 100 regels")
    assert "deel 2 van 4" in page.inner_text("main")
    no_js.go("/dossiers")
    with page.expect_navigation():
        page.click(".dossiers h2 a")
    assert urlsplit(page.url).path.startswith("/dossiers/")


def test_results_offer_feed_exports_and_paging(no_js, site):
    v = no_js
    v.go(site.pages["results"])
    page = v.page
    query = parse_qs(urlsplit(page.url).query)
    del query["size"]

    def params_of(href: str) -> dict:
        return parse_qs(urlsplit(href).query)

    atom = page.get_by_role("link", name="Abonneer op deze zoekopdracht (Atom)").get_attribute("href")
    assert urlsplit(atom).path == "/zoeken.atom" and params_of(atom) == query
    csv = page.get_by_role("link", name="Download alle resultaten als CSV").get_attribute("href")
    assert urlsplit(csv).path == "/api/v1/export" and params_of(csv) == query | {"format": ["csv"]}
    jsonl = page.get_by_role("link", name="Download alle resultaten als JSON Lines").get_attribute("href")
    assert urlsplit(jsonl).path == "/api/v1/export" and params_of(jsonl) == query | {"format": ["jsonl"]}
    alternate = page.locator("link[rel=alternate][type='application/atom+xml']").get_attribute("href")
    assert alternate == atom
    assert (
        page.locator("link[rel=search][type='application/opensearchdescription+xml']").get_attribute("href")
        == "/opensearch.xml"
    )

    # Paging keeps the search and its filters.
    with page.expect_navigation():
        page.get_by_role("link", name="Volgende").click()
    assert params_of(page.url) == params_of(site.url + site.pages["results"]) | {"page": ["2"]}
    assert "Pagina 2 van" in page.locator(".pagination").inner_text()
    assert page.locator("ol.hits").get_attribute("start") == "3"


def test_screenshot_of_the_search_page(visit, archive):
    v = visit
    v.go(f"/zoeken?q={QUERY}")
    assert v.page.get_by_text("Gevonden op pagina").count() > 0 and v.page.locator(".hit mark").count() > 0
    image = v.page.screenshot()
    assert image.startswith(b"\x89PNG")
    if archive[0].engine == "embedded":  # the embedded engine's order is the deterministic one
        SCREENSHOT.parent.mkdir(exist_ok=True)
        SCREENSHOT.write_bytes(image)


def test_api_documentation_renders_the_spec(visit, site):
    v = visit
    v.go("/api/docs")
    # Swagger UI 5 reads FastAPI's OpenAPI 3.1: each route becomes an operation block.
    v.page.wait_for_selector(".opblock", timeout=15_000)
    text = v.page.inner_text("body")
    assert "/api/v1/search" in text and "/api/v1/export" in text
    assert "Unable to render" not in text
