"""The Woo information category (art. 3.3 Woo, as a TOOI code): `category_for_type` where the document type alone
decides it, `detect_category` where the type and the first page do together."""

from __future__ import annotations

import re

from openarchief.search.vocabularies import categories, document_types

from .document_type import (
    T_ADVIES,
    T_AGENDA,
    T_BELEIDSREGEL,
    T_BESLUIT,
    T_BESLUITENLIJST,
    T_BLAD_GR,
    T_BRIEF,
    T_CONVENANT,
    T_EVALUATIERAPPORT,
    T_GEMEENTEBLAD,
    T_HANDELINGEN,
    T_JAARPLAN,
    T_JAARVERSLAG,
    T_KAMERSTUK,
    T_KV_MET,
    T_KV_ZONDER,
    T_MIN_REGELING,
    T_ONDERZOEKSRAPPORT,
    T_PROVINCIAAL_BLAD,
    T_VERGADERVERSLAG,
    T_WATERSCHAPSBLAD,
    T_WOO_BESLUIT,
    T_WOO_VERZOEK,
    WOO,
    detect_type,
)
from .folding import fold_line
from .title import title_from_text


def _category(label: str) -> str:
    return categories().code(label)


C_WETTEN = _category("wetten en algemeen verbindende voorschriften")  # 1a
C_ALGEMENE_STREKKING = _category("overige besluiten van algemene strekking")  # 1b
C_INGEKOMEN = _category("bij vertegenwoordigende organen ingekomen stukken")  # 2a
C_STATEN_GENERAAL = _category("vergaderstukken Staten-Generaal")  # 2b
C_DECENTRAAL = _category("vergaderstukken decentrale overheden")  # 2c
C_BESTUURSCOLLEGES = _category("agenda’s en besluitenlijsten bestuurscolleges")  # 2d
C_ADVIEZEN = _category("adviezen")  # 2e
C_CONVENANTEN = _category("convenanten")  # 2f
C_JAARPLANNEN = _category("jaarplannen en jaarverslagen")  # 2g
C_WOO = _category("Woo-verzoeken en -besluiten")  # 2i
C_ONDERZOEK = _category("onderzoeksrapporten")  # 2j
C_BESCHIKKINGEN = _category("beschikkingen")  # 2k


def _beschikkingen() -> set[str]:
    """The types of the list's group "beschikking" (art. 3.3 lid 2 k), the decision on a Woo request excepted:
    that one is 2i."""
    return {t.code for t in document_types() if t.group.split(" > ")[0] == "beschikking"} - {T_WOO_BESLUIT}


# Only where the type decides the category. Not here: brief, besluit, the gazettes, agenda, besluitenlijst,
# verslag (it depends on who sends or meets: see detect_category), and rapport, inspectierapport, beleidsnota,
# beslisnota, persbericht, brochure (no category of art. 3.3 holds them as such).
_CATEGORY_BY_TYPE = {
    T_WOO_BESLUIT: C_WOO,
    T_WOO_VERZOEK: C_WOO,
    T_KAMERSTUK: C_STATEN_GENERAAL,
    T_HANDELINGEN: C_STATEN_GENERAAL,
    T_KV_MET: C_STATEN_GENERAAL,
    T_KV_ZONDER: C_STATEN_GENERAAL,
    document_types().code("niet-dossierstuk"): C_STATEN_GENERAAL,
    T_ONDERZOEKSRAPPORT: C_ONDERZOEK,
    T_EVALUATIERAPPORT: C_ONDERZOEK,  # an evaluation is research into policy
    T_CONVENANT: C_CONVENANTEN,
    T_JAARVERSLAG: C_JAARPLANNEN,
    T_JAARPLAN: C_JAARPLANNEN,
    T_ADVIES: C_ADVIEZEN,
    T_MIN_REGELING: C_WETTEN,  # a ministeriële regeling holds generally binding rules
    T_BELEIDSREGEL: C_ALGEMENE_STREKKING,
    **{code: C_BESCHIKKINGEN for code in _beschikkingen()},
}


def category_for_type(type_code: str | None) -> str | None:
    """The Woo information category (TOOI code) a document type implies, where it does so unambiguously."""
    # A type the list's additions name (motie) implies what its broader type (Kamerstuk) does.
    for code in document_types().lineage(type_code) if type_code else []:
        if code in _CATEGORY_BY_TYPE:
            return _CATEGORY_BY_TYPE[code]
    return None


def detect_category(pages: list[str], type_code: str | None = None, title: str | None = None) -> str | None:
    """The category the type implies, else the one the type and the first page decide together: a verordening
    (1a), a letter to a representative body (2a) or about a Woo request (2i), the agenda or decisions of a
    council (2c: vergaderstukken of a representative body) or of a college (2d: bestuurscolleges)."""
    if type_code is None:
        type_code = detect_type(pages, title)
    category = category_for_type(type_code)
    if category or not type_code or not pages:
        return category
    lines = [fold_line(line) for line in pages[0].splitlines() if line.strip()]
    head = "\n".join(lines[:15])
    title = fold_line(title or title_from_text(pages[0]) or "")
    if type_code in (T_BESLUIT, T_GEMEENTEBLAD, T_PROVINCIAAL_BLAD, T_WATERSCHAPSBLAD, T_BLAD_GR):
        return C_WETTEN if re.search(r"verordening\b", title + "\n" + head) else None
    if type_code == T_BRIEF:
        if re.search(
            r"^aan de (voorzitter van de (tweede|eerste) kamer|leden van de (gemeente)?raad|gemeenteraad"
            r"|provinciale staten|leden van provinciale staten)",
            head,
            re.M,
        ):
            return C_INGEKOMEN
        return C_WOO if re.search(rf"\b{WOO}", title) else None
    if type_code in (T_AGENDA, T_BESLUITENLIJST, T_VERGADERVERSLAG):
        heading = title + "\n" + "\n".join(lines[:3])
        council = re.search(
            r"raadsvergadering|gemeenteraad|vergadering van de raad|provinciale staten"
            r"|statenvergadering|algemeen bestuur|algemene bestuur",
            heading,
        )
        college = re.search(
            r"burgemeester en wethouders|b&w|b en w|collegevergadering|gedeputeerde staten"
            r"|dagelijks bestuur",
            heading,
        )
        if council and not college:
            return C_DECENTRAAL
        if college and not council and type_code != T_VERGADERVERSLAG:
            return C_BESTUURSCOLLEGES
    return None
