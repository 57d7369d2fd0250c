"""Query-string parameters shared by the search page, the API and (later) the feeds and exports.

Empty values ("date_from=" from a form left blank) mean "not given"; anything else that does not fit is a 422.
"""

from __future__ import annotations

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from openarchief.search import SearchRequest
from openarchief.search.vocabularies import categories, document_types, ministries

# Filters take a code or a label; these say which lists, and give an example code for the error message.
VOCABULARIES = {"ministry": ministries, "type": document_types, "category": categories}
EXAMPLES = {"ministry": "mnre1058", "type": "c_7652d853", "category": "c_3baef532"}


def _present(values: list[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def search_request(
    q: str = Query(
        "",
        description='Zoekwoorden: woorden, "exacte zin", -uitsluiten, OR, voorvoegsel*. Een zoekopdracht van meer '
        "dan 1000 tekens wordt ingekort (bij een woordgrens).",
    ),
    ministry: list[str] = Query([], description="TOOI-code van een ministerie (herhaalbaar)"),
    type: list[str] = Query([], description="TOOI-code van een documentsoort (herhaalbaar)"),
    category: list[str] = Query([], description="TOOI-code van een Woo-informatiecategorie (herhaalbaar)"),
    language: list[str] = Query([], description="Taalcode, bv. nl of en (herhaalbaar)"),
    year: list[str] = Query([], description="Jaar, bv. 2021 (herhaalbaar)"),
    date_from: str | None = Query(None, description="Vanaf datum, JJJJ-MM-DD"),
    date_to: str | None = Query(None, description="Tot en met datum, JJJJ-MM-DD"),
    sort: str | None = Query(None, description="relevance, newest of oldest"),
    page: str | None = Query(None, description="Paginanummer, vanaf 1"),
    size: str | None = Query(None, description="Resultaten per pagina, 1 tot 100"),
) -> SearchRequest:
    coded: dict[str, list[str]] = {}
    unknown: list[dict] = []
    for facet, values in (("ministry", ministry), ("type", type), ("category", category)):
        coded[facet] = []
        for value in _present(values):
            code = VOCABULARIES[facet]().resolve(value)
            if code:
                coded[facet].append(code)
            else:
                unknown.append(
                    {
                        "type": "value_error",
                        "loc": ("query", facet),
                        "msg": f"onbekende waarde „{value}”: geef een TOOI-code (zoals {EXAMPLES[facet]}) of de "
                        "naam zoals in de lijst (hoofdletters en accenten maken niet uit)",
                        "input": value,
                    }
                )
    if unknown:
        raise RequestValidationError(unknown)
    given = {
        "q": q,
        **coded,
        "language": _present(language),
        "year": _present(year),
        "date_from": (date_from or "").strip() or None,
        "date_to": (date_to or "").strip() or None,
        "sort": (sort or "").strip() or None,
        "page": (page or "").strip() or 1,
        "size": (size or "").strip() or 10,
    }
    try:
        return SearchRequest.model_validate(given)
    except ValidationError as exc:
        errors = []
        for found in exc.errors(include_url=False):
            error = dict(found)
            error["loc"] = ("query", *found.get("loc", ()))
            error["ctx"] = {k: str(v) for k, v in (found.get("ctx") or {}).items()}  # Dutch messages use them
            errors.append(error)
        raise RequestValidationError(errors) from None
