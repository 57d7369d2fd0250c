"""The interface every search engine behind `Index` implements, and what all engines share.

An engine is a thin adapter: it turns the parsed query and the request's filters into its own query, runs it,
and answers with `Found` — the documents on the page, the pages of each that hold the query's words, the total
and the facet buckets. Parsing, snippets and facet values are the facade's work (search/index.py), done once
for every engine. A new engine is one module with a class of this shape, plus its entry in the tests' ENGINES
list (tests/conftest.py), after which the contract suite runs on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Hashable, Iterable, Iterator, Protocol, Sequence

from .highlight import PAGE_SNIPPETS
from .model import Document, Dossier, InventoryRow
from .parser import ParsedQuery
from .request import KEYWORD_FACETS, Generation, SearchRequest
from .vocabularies import document_types, organisations, themes

TITLE_BOOST = 3.0  # a word in the title weighs this many times a word in the text
# A compound query ("klimaatonderzoek") also finds its parts standing near each other ("onderzoek naar het
# klimaat"), in either order, within this many words, scored this fraction of a match: clearly below the
# documents that hold the compound itself.
PARTS_SLOP = 8
PARTS_BOOST = 0.2
# ... unless the compound itself is common: then its parts add hardly a document to the first pages, and the
# embedded engine, which can no longer prune the ranking of a word that has alternatives, would pay 1-3 ms a
# search for them at 10,000 documents (bench/searching.py). OpenSearch seeks them always (no measurable cost);
# the engines agree up to here (contract tests, relevance set). Counted in index entries (documents and pages).
PARTS_MAX_ENTRIES = 1_000
# The words of a multi-word query score more where they stand together: as written, within this many words.
PROXIMITY_SLOP = 3
PROXIMITY_BOOST = 2.0
# The embedded engine reads the positions of every match for the bonus (3 ms for 8,000 matches of two common
# words at 10,000 documents, bench/searching.py): beyond this many matches it ranks without it. OpenSearch
# applies it always (its span query costs nothing measurable), so the engines may rank a very broad search
# differently below its best matches; they agree up to here (the contract tests, the relevance set).
PROXIMITY_MAX_MATCHES = 2_000
FACET_SIZE = 200  # values per facet: more than the ministries, types and years an archive has
PAGE_HITS_PER_DOCUMENT = 50  # page numbers named per hit

# "Vergelijkbare documenten": each engine's own more-like-this, given the same text (the title and the first
# SIMILAR_PAGES pages: a 3,000-page document is not read whole per view) and the same settings, on the same
# analysed fields of the documents' entries. Of that text it picks the SIMILAR_TERMS terms of most tf-idf
# weight; a term only the document itself holds counts too, as what sets it apart.
SIMILAR_PAGES = 20
SIMILAR_TERMS = 25
SIMILAR_MIN_TERM_FREQUENCY = 1  # a one-page memo says its subject once
SIMILAR_MIN_DOC_FREQUENCY = 1
# A term more than this share of the entries hold (the form of every letter, "minister", "Kamer") says nothing
# of a subject. tantivy's idf gives such a term almost no weight by itself; OpenSearch's (at least 1) would let
# its frequency make it a document's first term. The same cap on both, a share of the entries each engine counts
# a term's documents among (tantivy's include the page entries).
SIMILAR_MAX_DOC_SHARE = 0.5
# Another document is like it when it holds at least this share of those terms; else nothing is shown rather
# than something unrelated. A share of terms, not a minimum score: scores differ between the engines and with
# a document's length (tantivy's average length counts the short page entries too, which sinks a long
# document's score under its own terms), a share of terms does not; OpenSearch counts it itself
# (minimum_should_match). A topic's documents hold 65 % and more of each other's terms, another topic's 10 % at
# most (tests/test_similar_contract.py); in the real sample corpus most documents on other subjects hold 30 % or
# less (the words every letter or decision uses), but the OCR'd nitrate note held 35-40 % of a council's
# decision list's terms (moties, aangenomen, raad), hence well above Lucene's default of 30 %.
SIMILAR_MIN_SHARE = 0.4


def similar_max_doc_frequency(entries: int) -> int:
    """The most entries a term of more-like-this may be in, of `entries` that hold the text field."""
    return max(2, int(entries * SIMILAR_MAX_DOC_SHARE))


_WITH_DIGIT = re.compile(r"\w*\d\w*")


def like_form(doc: Document) -> Document:
    """`doc` as more-like-this reads it (given its first SIMILAR_PAGES pages' texts): without the words that
    hold a digit, for dates, article and case numbers say nothing about a subject and would make any two
    decisions of one year alike."""
    pages = [p.model_copy(update={"text": _WITH_DIGIT.sub(" ", p.text)}) for p in doc.pages[:SIMILAR_PAGES]]
    return doc.model_copy(update={"title": _WITH_DIGIT.sub(" ", doc.title), "pages": pages})


def pages_to_read(page_numbers: list[int]) -> list[int]:
    """The pages whose text a hit shows: the best scoring page hit (the hit's snippet) and the lowest numbered
    ones (their own snippets)."""
    return list(dict.fromkeys(page_numbers[:1] + sorted(page_numbers)[:PAGE_SNIPPETS]))


def stored_form(doc: Document) -> Document:
    """The document as an engine keeps it beside its pages: the page texts live in the page entries, so that a
    page of a 3,000-page document is read without the other 2,999; only the lead page (the first with text, a
    hit's snippet when no page holds the query's words) stays."""
    lead = next((p.number for p in doc.pages if p.text.strip()), None)
    pages = [p if p.number == lead else p.model_copy(update={"text": ""}) for p in doc.pages]
    return doc.model_copy(update={"pages": pages})


def with_texts(doc: Document, texts: dict[int, str]) -> Document:
    """`doc` (as stored) with the texts of some of its pages filled in."""
    pages = [p.model_copy(update={"text": texts[p.number]}) if p.number in texts else p for p in doc.pages]
    return doc.model_copy(update={"pages": pages})


def facet_values(doc: Document) -> dict[str, str | list[str]]:
    """The keyword facets and filters an engine holds for a document: its own values, with an organisation's
    successors, a theme's main theme and a type's broader type counted too, so that a filter on today's
    gemeente, on a main theme or on Kamerstuk finds them."""
    values: dict[str, str | list[str]] = {f: getattr(doc, f) for f in KEYWORD_FACETS if getattr(doc, f, None)}
    if doc.organisation:
        values["organisation"] = organisations().lineage(doc.organisation)
        kind = organisations().kind(doc.organisation)
        if kind:
            values["organisation_kind"] = kind
    if doc.type:
        values["type"] = document_types().lineage(doc.type)  # a motie is a Kamerstuk too
    if doc.theme:
        values["theme"] = list(dict.fromkeys(c for code in doc.theme for c in themes().lineage(code)))
    if doc.parliament and doc.parliament.kamerstuk:
        values["kamerstuk"] = doc.parliament.kamerstuk
    return values


def metadata_text(doc: Document) -> str:
    """What the archive knows of a document, as words of its text: a parliamentary paper's identifiers
    ("kst-32545-143" is searched as the phrase kst 32545 143, so "32545-143" finds it too), the name of its type
    ("beslissing op Wob-/Woo-verzoek": found by Wob-verzoek) and of its publisher (a letter of the Tweede Kamer
    need not say "Tweede Kamer" to be found by it)."""
    words = doc.parliament.identifiers() if doc.parliament else []
    if doc.type:
        words.append(document_types().label(doc.type))
    if doc.organisation:
        words.append(organisations().label(doc.organisation))
    return " ; ".join(words)


# The kinds of entry an index holds, and the model each is read back as: documents, Woo dossiers, and the rows
# of their inventories (searchable and filterable on their own).
ENTRY_MODELS: dict[str, type[Document] | type[Dossier] | type[InventoryRow]] = {
    "doc": Document,
    "dossier": Dossier,
    "row": InventoryRow,
}


def rollback_target(names: list[str], current: str, complete: Callable[[str], bool]) -> str | None:
    """The newest complete generation older than the one in use (names sort by build time), or None."""
    older = [n for n in names if n < current and complete(n)]
    return older[-1] if older else None


def generations_to_drop(names: list[str], current: str, complete: Callable[[str], bool], keep: int) -> list[str]:
    """All generations but the one in use and the `keep` newest complete ones before it, and every incomplete
    one (left by a rebuild that was killed); a newer complete one (after a rollback) stays."""
    done = {n: complete(n) for n in names}
    older_complete = [n for n in names if n < current and done[n]]
    kept = {current, *older_complete[len(older_complete) - keep :]} if keep else {current}
    return [n for n in names if n not in kept and (n < current or not done[n])]


@dataclass
class Found:
    """An engine's answer to a search, before the shared work."""

    total: int
    docs: list  # of ENTRY_MODELS[kind]
    # For each document on the page: the numbers of its pages that hold any of the query's words, best first.
    pages: dict[str, list[int]] = field(default_factory=dict)
    # For each document: the texts of the pages its hit shows (pages_to_read); the others are not read.
    texts: dict[str, dict[int, str]] = field(default_factory=dict)
    # For each facet: (value, count) of the matches, counted without that facet's own filter.
    buckets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


class Engine(Protocol):
    name: str

    # -- writing (callers hold the archive lock) --
    # A dossier replaces its earlier entries (and rows) whole; one without members is removed.
    def index(self, docs: Sequence[Document | Dossier]) -> list[tuple[str, str]]: ...
    def delete(self, doc_id: str) -> None: ...

    # -- reading --
    # A token of the index state searches read now, which changes with every change of what they find (a commit,
    # another generation); None when the engine has none. The search cache (search/_cache.py) keys on it.
    def state(self) -> Hashable: ...
    # The document with the texts of `pages` (all of them when None; the others empty, but the lead page's).
    def get(self, doc_id: str, pages: Sequence[int] | None = None) -> Document | None: ...
    # The numbers of a document's pages that hold any of the query's words (ascending, at most `limit`), and
    # how many pages hold them in all.
    def pages_holding(self, doc_id: str, parsed: ParsedQuery, limit: int) -> tuple[list[int], int]: ...
    def get_dossier(self, dossier_id: str) -> Dossier | None: ...
    # kind: "doc", "dossier" or "row" (ENTRY_MODELS); Found.docs holds that kind's model (documents as stored:
    # their texts are in Found.texts).
    def search(self, request: SearchRequest, parsed: ParsedQuery, kind: str = "doc") -> Found: ...
    def scan(self, request: SearchRequest, parsed: ParsedQuery) -> Iterator[Document]: ...
    def count(self) -> int: ...
    def knows(self, word: str) -> bool: ...
    def closest(self, word: str) -> str | None: ...
    # At most `size` documents (as stored: the lead page's text only) like `doc_id` by the engine's
    # more-like-this, holding at least SIMILAR_MIN_SHARE of its terms, best first; never itself, only documents.
    def similar(self, doc_id: str, size: int) -> list[Document]: ...

    # -- generations --
    def rebuild(self, docs: Iterable[Document | Dossier], expected: int) -> Generation: ...
    def rollback(self, write_back: Callable[[Generation], Iterable[Document | Dossier]]) -> Generation: ...
    def generations(self) -> list[Generation]: ...
    def drop(self, name: str) -> None: ...
    def prune(self, keep: int) -> list[str]: ...
    def purge(self, doc_ids: list[str]) -> None: ...
    def holding(self, doc_ids: list[str]) -> dict[str, set[str]]: ...
    def deleted_entries(self, name: str) -> int: ...
    def snapshot(self, location: Path, name: str) -> None: ...
    def restore_snapshot(self, location: Path, name: str) -> None: ...
    def purge_snapshot(self, location: Path, name: str, doc_ids: list[str]) -> bool: ...
