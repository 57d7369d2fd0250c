"""Builds tantivy queries from a parsed query and the request's filters."""

from __future__ import annotations

import json
import re
from typing import Callable

from tantivy import DocAddress, FieldType, Occur, Query, Schema, Searcher

from . import analysis
from .engine import (
    PARTS_BOOST,
    PARTS_SLOP,
    PROXIMITY_BOOST,
    PROXIMITY_SLOP,
    SIMILAR_MIN_DOC_FREQUENCY,
    SIMILAR_MIN_TERM_FREQUENCY,
    SIMILAR_TERMS,
    TITLE_BOOST,
    similar_max_doc_frequency,
)
from .parser import Clause, ParsedQuery, compound_parts
from .request import SearchRequest


def clause_query(schema: Schema, clause: Clause, common: Callable[[str], bool] | None = None) -> Query:
    """One clause; `common(term)` says a term is so common that a compound's parts are not sought beside it."""
    if clause.kind == "prefix":
        return Query.regex_query(schema, "exact", re.escape(clause.words[0]) + ".*")
    if clause.kind == "phrase":
        if len(clause.words) == 1:
            return Query.term_query(schema, "exact", clause.words[0])
        return Query.phrase_query(schema, "exact", list(clause.words))
    terms = analysis.analyze_word(clause.words[0])
    if not terms:
        # A stopword on its own ("de"): match it as written rather than dropping the user's only word.
        return Query.term_query(schema, "exact", clause.words[0])
    whole = [
        (Occur.Should, Query.term_query(schema, "text", terms[0])),
        (Occur.Should, Query.boost_query(Query.term_query(schema, "title", terms[0]), TITLE_BOOST)),
    ]
    parts: list[str | tuple[int, str]] = list(compound_parts(clause))
    if parts and not (common and common(terms[0])):
        near = [Query.phrase_query(schema, "exact", parts, slop=PARTS_SLOP)]
        if len(parts) == 2:
            near.append(Query.phrase_query(schema, "exact", parts[::-1], slop=PARTS_SLOP))
        whole += [(Occur.Should, Query.boost_query(q, PARTS_BOOST)) for q in near]
    return Query.boolean_query(whole)


def proximity_query(schema: Schema, parsed: ParsedQuery) -> list[tuple[Occur, Query]]:
    """A bonus for the words of a multi-word query standing together: for ranking by relevance only (it changes
    no match, so the facet counts and the sorted lists go without its cost)."""
    words: list[str | tuple[int, str]] = list(parsed.nearby_words())
    if not words:
        return []
    return [
        (
            Occur.Should,
            Query.boost_query(Query.phrase_query(schema, "exact", words, slop=PROXIMITY_SLOP), PROXIMITY_BOOST),
        )
    ]


def text_query(
    schema: Schema, parsed: ParsedQuery, common: Callable[[str], bool] | None = None
) -> list[tuple[Occur, Query]]:
    """Clauses for the words: every group must match, exclusions must not."""
    clauses: list[tuple[Occur, Query]] = []
    for group in parsed.groups:
        alternatives = [clause_query(schema, c, common) for c in group]
        if len(alternatives) == 1:
            clauses.append((Occur.Must, alternatives[0]))
        else:
            clauses.append((Occur.Must, Query.boolean_query([(Occur.Should, q) for q in alternatives])))
    clauses.extend((Occur.MustNot, clause_query(schema, c, common)) for c in parsed.excluded)
    return clauses


def any_word_query(
    schema: Schema, parsed: ParsedQuery, common: Callable[[str], bool] | None = None
) -> list[tuple[Occur, Query]]:
    """Pages that hold any of the query's words: a page hit need not hold them all."""
    alternatives = [clause_query(schema, c, common) for c in parsed.positive_clauses()]
    if not alternatives:
        return []
    return [(Occur.Must, Query.boolean_query([(Occur.Should, q) for q in alternatives]))]


def filter_clauses(schema: Schema, request: SearchRequest, without: str | None = None) -> list[tuple[Occur, Query]]:
    clauses = []
    for name, values in request.filters(without).items():
        clauses.append((Occur.Must, Query.term_set_query(schema, name, list(values))))
    if request.date_from or request.date_to:
        lower = int(request.date_from.strftime("%Y%m%d")) if request.date_from else 1
        upper = int(request.date_to.strftime("%Y%m%d")) if request.date_to else 99_991_231
        clauses.append((Occur.Must, Query.range_query(schema, "date", FieldType.Integer, lower, upper)))
    return clauses


def combine(schema: Schema, kind: str, clauses: list[tuple[Occur, Query]]) -> Query:
    clauses = [(Occur.Must, Query.term_query(schema, "kind", kind)), *clauses]
    return Query.boolean_query(clauses)


def more_like(schema: Schema, title_terms: str, text_terms: str, entries: int) -> Query:
    """tantivy's more-like-this for a document's analysed title and text (given: the fields are not stored), in
    an index of `entries` entries (its term counts count the page entries too)."""
    return Query.more_like_this_document_fields_query(
        schema,
        {"title": [title_terms], "text": [text_terms]},
        min_doc_frequency=SIMILAR_MIN_DOC_FREQUENCY,
        max_doc_frequency=similar_max_doc_frequency(entries),
        min_term_frequency=SIMILAR_MIN_TERM_FREQUENCY,
        max_query_terms=SIMILAR_TERMS,
        boost_factor=1.0,
    )


def terms_held(like: Query, searcher: Searcher, address: DocAddress) -> int:
    """How many of a more-like-this query's terms the entry at `address` holds: its score is a sum over them."""
    try:
        explained = json.loads(like.explain(searcher, address).to_json())
    except ValueError:  # it holds none
        return 0
    return len(explained.get("details") or [])
