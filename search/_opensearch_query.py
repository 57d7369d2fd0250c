"""Builds the OpenSearch request body from a parsed query and the request's filters.

Word clauses become term queries on the stem that search.analysis computes, so no user input ever reaches
OpenSearch's query parser and both engines match the same terms.
"""

from __future__ import annotations

from . import analysis
from .engine import (
    FACET_SIZE,
    PAGE_HITS_PER_DOCUMENT,
    PARTS_BOOST,
    PARTS_SLOP,
    PROXIMITY_BOOST,
    PROXIMITY_SLOP,
    SIMILAR_MIN_DOC_FREQUENCY,
    SIMILAR_MIN_SHARE,
    SIMILAR_MIN_TERM_FREQUENCY,
    SIMILAR_TERMS,
    TITLE_BOOST,
    similar_max_doc_frequency,
)
from .parser import Clause, ParsedQuery, compound_parts
from .request import FACETS, SearchRequest, Sort


def clause_query(clause: Clause, prefix: str = "") -> dict:
    """One clause on the document's fields, or with prefix="pages." on a page's."""
    if clause.kind == "prefix":
        return {"prefix": {f"{prefix}exact": clause.words[0]}}
    if clause.kind == "phrase":
        if len(clause.words) == 1:
            return {"term": {f"{prefix}exact": clause.words[0]}}
        return {"match_phrase": {f"{prefix}exact": " ".join(clause.words)}}
    terms = analysis.analyze_word(clause.words[0])
    if not terms:
        return {"term": {f"{prefix}exact": clause.words[0]}}
    fields = [f"{prefix}text", f"{prefix}parts"] + (["title"] if not prefix else [])
    should = [{"term": {f: {"value": terms[0], **({"boost": TITLE_BOOST} if f == "title" else {})}}} for f in fields]
    parts = list(compound_parts(clause))
    if parts:
        orders = [parts, parts[::-1]] if len(parts) == 2 else [parts]
        should += [_near(f"{prefix}exact", words, PARTS_SLOP, PARTS_BOOST) for words in orders]
    return {"bool": {"should": should, "minimum_should_match": 1}}


def _near(field: str, words: list[str], slop: int, boost: float) -> dict:
    """The words in this order, with at most `slop` others between them (the embedded engine's phrase slop)."""
    clauses = [{"span_term": {field: word}} for word in words]
    return {"span_near": {"clauses": clauses, "slop": slop, "in_order": True, "boost": boost}}


def _any_of(queries: list[dict]) -> dict:
    return queries[0] if len(queries) == 1 else {"bool": {"should": queries, "minimum_should_match": 1}}


def text_query(parsed: ParsedQuery) -> dict:
    must = [_any_of([clause_query(c) for c in group]) for group in parsed.groups]
    must_not = [clause_query(c) for c in parsed.excluded]
    return {"bool": {"must": must, "must_not": must_not}}


def proximity(parsed: ParsedQuery) -> list[dict]:
    """A bonus for the words of a multi-word query standing together (for ranking by relevance only)."""
    words = list(parsed.nearby_words())
    return [_near("exact", words, PROXIMITY_SLOP, PROXIMITY_BOOST)] if words else []


def page_hits_body(parsed: ParsedQuery, ids: list[str]) -> dict | None:
    """The pages of the documents `ids` that hold any of the words (a page hit need not hold them all), named by
    number, best scoring first; None when the query has no words.

    A second request for the hits on show, not a nested clause in the search: scoring the pages of every match
    cost more than the rest of a search at 100,000 documents (and the embedded engine ranks documents alike).
    """
    clauses = parsed.positive_clauses()
    if not clauses or not ids:
        return None
    nested = {
        "path": "pages",
        "query": _any_of([clause_query(c, "pages.") for c in clauses]),
        "score_mode": "max",
        "inner_hits": {"size": PAGE_HITS_PER_DOCUMENT, "_source": False, "docvalue_fields": ["pages.number"]},
    }
    return {
        "query": {"bool": {"filter": [{"ids": {"values": ids}}], "must": [{"nested": nested}]}},
        "size": len(ids),
        "_source": False,
        "track_total_hits": False,
    }


MAX_INNER_HITS = 100  # OpenSearch's index.max_inner_result_window


def page_texts_body(wanted: dict[str, list[int]]) -> dict:
    """The texts of some pages of some documents, in one request: per document a nested clause whose inner hits
    (named by the document's id) are the pages asked for."""
    clauses = [
        {
            "bool": {
                "filter": [{"ids": {"values": [doc_id]}}],
                "must": [
                    {
                        "nested": {
                            "path": "pages",
                            "query": {"terms": {"pages.number": numbers}},
                            "inner_hits": {
                                "name": doc_id,
                                "size": len(numbers),
                                "_source": ["pages.text"],
                                "docvalue_fields": ["pages.number"],
                            },
                        }
                    }
                ],
            }
        }
        for doc_id, numbers in wanted.items()
        if numbers
    ]
    return {"query": {"bool": {"should": clauses, "minimum_should_match": 1}}, "size": len(clauses), "_source": False}


def pages_holding_body(doc_id: str, parsed: ParsedQuery, limit: int) -> dict | None:
    """A document's pages that hold any of the words, lowest numbers first, and (the inner hits' total) how many."""
    clauses = parsed.positive_clauses()
    if not clauses:
        return None
    nested = {
        "path": "pages",
        "query": _any_of([clause_query(c, "pages.") for c in clauses]),
        "inner_hits": {
            "size": min(limit, MAX_INNER_HITS),
            "_source": False,
            "docvalue_fields": ["pages.number"],
            "sort": [{"pages.number": "asc"}],
        },
    }
    return {
        "query": {"bool": {"filter": [{"ids": {"values": [doc_id]}}], "must": [{"nested": nested}]}},
        "size": 1,
        "_source": False,
    }


def facet_filters(request: SearchRequest, without: str | None = None) -> list[dict]:
    return [{"terms": {name: [str(v) for v in values]}} for name, values in request.filters(without).items()]


def date_filter(request: SearchRequest) -> list[dict]:
    if not (request.date_from or request.date_to):
        return []
    bounds = {}
    if request.date_from:
        bounds["gte"] = request.date_from.isoformat()
    if request.date_to:
        bounds["lte"] = request.date_to.isoformat()
    return [{"range": {"date": bounds}}]


def matching_query(request: SearchRequest, parsed: ParsedQuery) -> dict:
    """Every document the request matches, all filters applied at once (for exports: no facets to count)."""
    query = text_query(parsed)
    query["bool"]["filter"] = [{"term": {"kind": "doc"}}] + date_filter(request) + facet_filters(request)
    return query


# The source field each kind of entry is read back from.
SOURCE_FIELDS = {"doc": "document", "dossier": "dossier_data", "row": "row"}


def search_body(request: SearchRequest, parsed: ParsedQuery, kind: str = "doc") -> dict:
    query = text_query(parsed)
    query["bool"]["filter"] = [{"term": {"kind": kind}}] + date_filter(request)
    if request.effective_sort is Sort.relevance:
        query["bool"]["should"] = proximity(parsed)
    body: dict = {
        "query": query,
        # Facet filters apply to the hits after the aggregations: each facet counts without its own filter.
        "post_filter": {"bool": {"filter": facet_filters(request)}},
        "aggs": {
            facet: {
                "filter": {"bool": {"filter": facet_filters(request, without=facet)}},
                "aggs": {"values": {"terms": {"field": facet, "size": FACET_SIZE}}},
            }
            for facet in FACETS
        },
        "from": (request.page - 1) * request.size,
        "size": request.size,
        "track_total_hits": True,
        "_source": [SOURCE_FIELDS[kind]],
    }
    sort = request.effective_sort
    if kind == "row" and not (sort is Sort.relevance and not parsed.is_empty):
        body["sort"] = [{"position": {"order": "asc"}}]  # without words, an inventory reads in its own order
    elif sort is Sort.added:
        body["sort"] = [{"indexed_at": {"order": "desc", "missing": "_last"}}]
    elif sort is Sort.newest or (sort is Sort.relevance and parsed.is_empty):
        body["sort"] = [{"date": {"order": "desc", "missing": "_last"}}]
    elif sort is Sort.oldest:
        body["sort"] = [{"date": {"order": "asc", "missing": "_last"}}]
    return body


# The analysed fields a document's entry is indexed with, as the embedded engine's title and text: its stems
# and, in "parts", the parts of its compound words (which the embedded engine keeps among the text's terms).
SIMILAR_FIELDS = ("title", "text", "parts")


def similar_body(like: dict, doc_id: str, size: int, entries: int) -> dict:
    """More-like-this for the fields `like` (SIMILAR_FIELDS of a document's entry, analysed as indexed), among
    the documents but `doc_id`, each holding at least SIMILAR_MIN_SHARE of the query's terms, in an index of
    `entries` entries (not counting the nested pages, whose fields are others).

    The text is given, not the entry's id: the analysed fields are left out of _source, from which OpenSearch
    would read them."""
    more_like = {
        "fields": list(SIMILAR_FIELDS),
        "like": [{"doc": like}],
        "min_term_freq": SIMILAR_MIN_TERM_FREQUENCY,
        "min_doc_freq": SIMILAR_MIN_DOC_FREQUENCY,
        "max_doc_freq": similar_max_doc_frequency(entries),
        "max_query_terms": SIMILAR_TERMS,
        "boost_terms": 1.0,  # each term weighs by its tf-idf, as in tantivy's query
        "minimum_should_match": f"{round(SIMILAR_MIN_SHARE * 100)}%",
    }
    query = {
        "must": [{"more_like_this": more_like}],
        "filter": [{"term": {"kind": "doc"}}],
        "must_not": [{"ids": {"values": [doc_id]}}],
    }
    return {"query": {"bool": query}, "size": size, "_source": [SOURCE_FIELDS["doc"]], "track_total_hits": False}
