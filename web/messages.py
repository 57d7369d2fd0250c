"""Validation problems in Dutch, for the 422 page and the API's 422 body (`{"parameter", "message"}`)."""

from __future__ import annotations

# pydantic's error types, as a visitor reads them; {ge}, {le} … come from the error's context.
_DUTCH = {
    "int_parsing": "moet een geheel getal zijn",
    "int_from_float": "moet een geheel getal zijn",
    "greater_than_equal": "moet minstens {ge} zijn",
    "less_than_equal": "mag hoogstens {le} zijn",
    "greater_than": "moet groter zijn dan {gt}",
    "less_than": "moet kleiner zijn dan {lt}",
    "date_parsing": "moet een datum zijn, als JJJJ-MM-DD",
    "date_from_datetime_parsing": "moet een datum zijn, als JJJJ-MM-DD",
    "date_type": "moet een datum zijn, als JJJJ-MM-DD",
    "enum": "moet een van deze waarden zijn: {expected}",
    "literal_error": "moet een van deze waarden zijn: {expected}",
    "missing": "ontbreekt",
    "string_too_long": "is te lang (hoogstens {max_length} tekens)",
    "string_too_short": "is te kort (minstens {min_length} tekens)",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
}


def dutch(error: dict) -> str:
    """One validation error's message in Dutch (our own checks already speak Dutch; anything unforeseen keeps
    pydantic's English rather than saying nothing)."""
    kind = error.get("type", "")
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    template = _DUTCH.get(kind)
    if not template:
        return str(error.get("msg", ""))
    try:
        return template.format(**(error.get("ctx") or {}))
    except (KeyError, IndexError):
        return template.split(":")[0].split(" {")[0]
