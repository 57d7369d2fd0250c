"""Query-string parameters shared by the search page, the API and (later) the feeds and exports.

Empty values ("date_from=" from a form left blank) mean "not given"; anything else that does not fit is a 422.
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import Awaitable, Callable

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from openarchief.search import SearchRequest, answered_from_cache
from openarchief.search.vocabularies import (
    ORGANISATION_KINDS,
    categories,
    document_types,
    ministries,
    organisations,
    themes,
)
from openarchief.search.woo import JUDGEMENTS, ground_codes, grounds, judgement

# Filters take a code or a label; these say which lists, and give an example code for the error message.
VOCABULARIES = {
    "organisation": organisations,
    "ministry": ministries,
    "type": document_types,
    "category": categories,
    "theme": themes,
}
EXAMPLES = {
    "organisation": "gm0917",
    "ministry": "mnre1058",
    "type": "c_7652d853",
    "category": "c_3baef532",
    "theme": "c_0361ffb3",
}


def _present(values: list[str]) -> list[str]:
    return [v.strip() for v in values if v and v.strip()]


def _problem(parameter: str, value: str, message: str) -> dict:
    return {"type": "value_error", "loc": ("query", parameter), "msg": message, "input": value}


def codes(parameter: str, facet: str, values: list[str], unknown: list[dict], noun: str = "waarde") -> list[str]:
    """The codes of the `facet` vocabulary that `values` name (a code or a label); each unknown one is a problem
    for `parameter`, saying what is accepted."""
    found = []
    for value in _present(values):
        code = VOCABULARIES[facet]().resolve(value)
        if code:
            found.append(code)
        else:
            unknown.append(
                _problem(
                    parameter,
                    value,
                    f"onbekende {noun} „{value}”: geef een TOOI-code (zoals {EXAMPLES[facet]}) of de "
                    "naam zoals in de lijst (hoofdletters en accenten maken niet uit)",
                )
            )
    return found


def woo_filters(judgements: list[str], ground: list[str], unknown: list[dict]) -> dict[str, list[str]]:
    """Judgement values (or how an inventory writes them: "Deels openbaar") and ground codes (or a notation
    such as "10.2.e" or "5.1 lid 2 sub e"); an unknown one is a problem naming the accepted values."""
    chosen: dict[str, list[str]] = {"judgement": [], "ground": []}
    for value in _present(judgements):
        found = value if value in JUDGEMENTS else judgement(value)
        if found:
            chosen["judgement"].append(found)
        else:
            unknown.append(
                _problem("judgement", value, f"onbekende beoordeling „{value}”: kies uit {', '.join(JUDGEMENTS)}")
            )
    for value in _present(ground):
        codes = [value] if value in grounds() else ground_codes(value)
        if len(codes) == 1:
            chosen["ground"].append(codes[0])
        else:
            unknown.append(
                _problem(
                    "ground",
                    value,
                    f"onbekende weigeringsgrond „{value}”: geef één code uit de Woo of de Wob, zoals 5.1.2e of 10.2e "
                    f"(mogelijk: {', '.join(grounds())})",
                )
            )
    return chosen


def organisation_kinds(values: list[str], unknown: list[dict]) -> list[str]:
    found = []
    for value in _present(values):
        kind = value.lower().replace("-", "_").replace(" ", "_")
        kind = next((k for k, label in ORGANISATION_KINDS.items() if kind in (k, label.lower().replace(" ", "_"))), "")
        if kind:
            found.append(kind)
        else:
            accepted = ", ".join(ORGANISATION_KINDS)
            unknown.append(
                _problem("organisation_kind", value, f"onbekende soort organisatie „{value}”: kies uit {accepted}")
            )
    return found


def kamerstuk_numbers(values: list[str], unknown: list[dict]) -> list[str]:
    """Kamerstuk dossier numbers as written ("32 545", "36200-XVI"), in the form the engines hold."""
    found = []
    for value in _present(values):
        number = re.sub(r"\s+", "", value).upper()
        if re.fullmatch(r"\d{4,6}(-[A-Z0-9]{1,6})?", number):
            found.append(number)
        else:
            unknown.append(
                _problem("kamerstuk", value, f"onbekend Kamerstuknummer „{value}”: geef een dossiernummer, zoals 32545")
            )
    return found


def dossier_ids(values: list[str]) -> list[str]:
    return [v for v in _present(values)][:20]


def validated(given: dict, unknown: list[dict]) -> SearchRequest:
    """A SearchRequest from the parameters, or the 422 that lists every problem."""
    if unknown:
        raise RequestValidationError(unknown)
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


def expansion(value: str | None, unknown: list[dict]) -> bool:
    """`uitbreiden=0` searches as typed, without abbreviations and full names for each other."""
    given = (value or "").strip().lower()
    if given in ("", "1", "ja", "true", "aan"):
        return True
    if given in ("0", "nee", "false", "uit"):
        return False
    unknown.append(_problem("uitbreiden", value or "", f"onbekende waarde „{value}” voor uitbreiden: geef 0 of 1"))
    return True


def paging(page: str | None, size: str | None) -> dict:
    return {"page": (page or "").strip() or 1, "size": (size or "").strip() or 10}


JUDGEMENT_HELP = "Beoordeling in de inventaris: " + ", ".join(JUDGEMENTS) + " (herhaalbaar)"
GROUND_HELP = "Weigeringsgrond, als code uit de Woo of de Wob, bv. 5.1.2e of 10.2e (herhaalbaar)"


def search_request(
    q: str = Query(
        "",
        description='Zoekwoorden: woorden, "exacte zin", -uitsluiten, OR, voorvoegsel*. Een zoekopdracht van meer '
        "dan 1000 tekens wordt ingekort (bij een woordgrens).",
    ),
    organisation: list[str] = Query(
        [],
        description="TOOI-code of naam van de publicerende organisatie, van elke soort (herhaalbaar); een "
        "opgeheven organisatie telt ook mee bij haar opvolger",
    ),
    organisation_kind: list[str] = Query(
        [], description="Soort organisatie: " + ", ".join(ORGANISATION_KINDS) + " (herhaalbaar)"
    ),
    ministry: list[str] = Query([], description="TOOI-code van een ministerie (herhaalbaar)"),
    type: list[str] = Query([], description="TOOI-code van een documentsoort (herhaalbaar)"),
    category: list[str] = Query([], description="TOOI-code van een Woo-informatiecategorie (herhaalbaar)"),
    theme: list[str] = Query(
        [],
        description="TOOI-code of naam van een thema (TOP-lijst); een hoofdthema omvat zijn subthema's (herhaalbaar)",
    ),
    kamerstuk: list[str] = Query([], description="Kamerstukdossier, bv. 32545 (herhaalbaar)"),
    language: list[str] = Query([], description="Taalcode, bv. nl of en (herhaalbaar)"),
    judgement: list[str] = Query([], description=JUDGEMENT_HELP),
    ground: list[str] = Query([], description=GROUND_HELP),
    dossier: list[str] = Query([], description="Id van een Woo-dossier (herhaalbaar)"),
    year: list[str] = Query([], description="Jaar, bv. 2021 (herhaalbaar)"),
    date_from: str | None = Query(None, description="Vanaf datum, JJJJ-MM-DD"),
    date_to: str | None = Query(None, description="Tot en met datum, JJJJ-MM-DD"),
    sort: str | None = Query(None, description="relevance, newest, oldest of added (laatst in het archief)"),
    page: str | None = Query(None, description="Paginanummer, vanaf 1"),
    size: str | None = Query(None, description="Resultaten per pagina, 1 tot 100"),
    uitbreiden: str | None = Query(
        None,
        description="Afkortingen en voluit geschreven namen worden ook op elkaar gezocht (Woo en „Wet open "
        "overheid”, VWS en „Volksgezondheid, Welzijn en Sport”; de lijst staat in search/data/nl_synonyms.tsv); "
        "uitbreiden=0 zoekt alleen op wat er getypt is",
    ),
) -> SearchRequest:
    unknown: list[dict] = []
    coded = {
        facet: codes(facet, facet, values, unknown)
        for facet, values in (
            ("organisation", organisation),
            ("ministry", ministry),
            ("type", type),
            ("category", category),
            ("theme", theme),
        )
    }
    given = {
        "q": q,
        **coded,
        "organisation_kind": organisation_kinds(organisation_kind, unknown),
        "kamerstuk": kamerstuk_numbers(kamerstuk, unknown),
        **woo_filters(judgement, ground, unknown),
        "dossier": dossier_ids(dossier),
        "language": _present(language),
        "year": _present(year),
        "date_from": (date_from or "").strip() or None,
        "date_to": (date_to or "").strip() or None,
        "sort": (sort or "").strip() or None,
        **paging(page, size),
        "expand": expansion(uitbreiden, unknown),
    }
    return validated(given, unknown)


def dossier_request(
    q: str = Query("", description="Woorden in de titel, het onderwerp of het kenmerk"),
    organisation: list[str] = Query([], description="TOOI-code of naam van de organisatie (herhaalbaar)"),
    year: list[str] = Query([], description="Jaar van het besluit, bv. 2022 (herhaalbaar)"),
    page: str | None = Query(None, description="Paginanummer, vanaf 1"),
    size: str | None = Query(None, description="Dossiers per pagina, 1 tot 100"),
) -> SearchRequest:
    """The dossier list's parameters, as a SearchRequest on dossier entries."""
    unknown: list[dict] = []
    given = {
        "q": q,
        "organisation": codes("organisation", "organisation", organisation, unknown, "organisatie"),
        "year": _present(year),
        "sort": None if q.strip() else "newest",
    }
    return validated(given | paging(page, size), unknown)


def inventory_request(
    q: str = Query("", description="Woorden in de documentnaam, of een documentnummer"),
    dossier: list[str] = Query([], description="Id van een Woo-dossier (herhaalbaar)"),
    judgement: list[str] = Query([], description=JUDGEMENT_HELP),
    ground: list[str] = Query([], description=GROUND_HELP),
    date_from: str | None = Query(None, description="Vanaf datum van het document, JJJJ-MM-DD"),
    date_to: str | None = Query(None, description="Tot en met datum van het document, JJJJ-MM-DD"),
    page: str | None = Query(None, description="Paginanummer, vanaf 1"),
    size: str | None = Query(None, description="Regels per pagina, 1 tot 100"),
) -> SearchRequest:
    unknown: list[dict] = []
    given = {
        "q": q,
        "dossier": dossier_ids(dossier),
        **woo_filters(judgement, ground, unknown),
        "date_from": (date_from or "").strip() or None,
        "date_to": (date_to or "").strip() or None,
    }
    return validated(given | paging(page, size), unknown)


def query_reader(declared: Callable[..., SearchRequest]) -> Callable[[Request], Awaitable[SearchRequest]]:
    """A dependency giving what the dependency `declared` gives, with its parameters read from the query string
    here rather than by FastAPI, which spends more time on each of them (its checks of the declared type, per
    parameter and per request) than `declared` spends on all of them. They are all strings or lists of strings,
    read as FastAPI reads them (the last of a repeated one; every one of a list); every check is `declared`'s.
    Being `async`, it runs without a hand-off to a worker thread. A route that uses it documents the parameters
    with `openapi_extra={"parameters": documented(declared)}`."""
    defaults = {name: p.default.default for name, p in inspect.signature(declared).parameters.items()}
    lists = {name for name, default in defaults.items() if isinstance(default, list)}

    async def read(request: Request) -> SearchRequest:
        given = request.query_params
        return declared(
            **{
                name: given.getlist(name) if name in lists else given.get(name, default)
                for name, default in defaults.items()
            }
        )

    return read


@functools.cache
def documented(declared: Callable[..., SearchRequest]) -> list[dict]:
    """The OpenAPI parameters FastAPI writes for the dependency `declared`, for a route that reads them with
    `query_reader(declared)`: the API document stays what it was."""
    probe = FastAPI()

    @probe.get("/")
    def route(params: SearchRequest = Depends(declared)) -> None:
        pass

    return probe.openapi()["paths"]["/"]["get"]["parameters"]


search_params = query_reader(search_request)


def cache_header() -> dict[str, str]:
    """X-Search-Cache: hit or miss, when the search just answered was looked up in the search cache
    (search/_cache.py); a load test counts the hits from it."""
    outcome = answered_from_cache()
    return {"X-Search-Cache": outcome} if outcome else {}
