"""Where a parliamentary paper sits in the Staten-Generaal's numbering: Kamerstuk dossier and ondernummer,
vergaderjaar, chamber, Aanhangsel number, Handelingen identifier.

Only the paper itself counts: its printed header ("Tweede Kamer der Staten-Generaal" over "Vergaderjaar
2020–2021") must open page 1. A Kamerbrief that cites "Kamerstuk 32 545, nr. 143" in its body is not that
Kamerstuk, and has no such header. Where the footer carries the identifier officielebekendmakingen.nl gives
the paper ("kst-32545-143"), it is read too, and it must agree with the header: a disagreement gives None.
"""

from __future__ import annotations

import re

from openarchief.search.model import Parliamentary

_CHAMBERS = {"tweede": "tk", "eerste": "ek"}
_HEADER = re.compile(r"^(?P<chamber>tweede|eerste) kamer der staten-generaal\b", re.IGNORECASE)
_SESSION = re.compile(r"\bvergaderjaar (?P<a>(?:19|20)\d\d) ?[-–/] ?(?P<b>(?:19|20)\d\d)\b", re.IGNORECASE)
# "32 545 Wet- en regelgeving ..." or "36 200 XVI Vaststelling ..." (a budget chapter in Roman numerals).
_DOSSIER = re.compile(r"^(?P<number>\d{2} ?\d{3})(?: (?P<chapter>[IVXLC]+|[A-Z])\b)?(?: |$)")
_ONDERNUMMER = re.compile(r"^nr\. ?(?P<number>\d{1,4}[a-z]?|[A-Z]{1,2})\b", re.IGNORECASE)
_APPENDIX_HEAD = re.compile(r"\baanhangsel van de handelingen\b", re.IGNORECASE)
# The footer identifiers, as officielebekendmakingen.nl writes them.
_KST_ID = re.compile(r"^kst-(?P<dossier>\d{5}(?:-[IVXLC]+|-[A-Z])?)-(?P<number>[0-9a-z]+)$", re.IGNORECASE)
_AH_ID = re.compile(r"^ah-(?P<chamber>tk|ek)-(?P<session>\d{8})-(?P<number>\d+)$")
_H_ID = re.compile(r"^h-(?P<chamber>tk|ek)-(?P<session>\d{8})-\d+-\d+$")


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


def _footer_id(pages: list[str]) -> str | None:
    """The printed identifier line of the paper ("kst-32545-143"), at the foot of its first page."""
    for line in _lines(pages[0])[-8:]:
        if _KST_ID.match(line) or _AH_ID.match(line) or _H_ID.match(line):
            return line
    return None


def _header(lines: list[str]) -> tuple[str, str] | None:
    """(chamber, session) when the page opens with a chamber's header and its vergaderjaar."""
    head = lines[:4]
    chamber = next((m.group("chamber").lower() for line in head[:2] if (m := _HEADER.match(line))), None)
    session = next((m for line in head if (m := _SESSION.search(line))), None)
    if chamber is None or session is None or int(session.group("b")) != int(session.group("a")) + 1:
        return None
    return _CHAMBERS[chamber], f"{session.group('a')}-{session.group('b')}"


def _kamerstuk(lines: list[str]) -> tuple[str, str] | None:
    """(dossier, ondernummer) from the lines under the header: "32 545 ..." and then "Nr. 143 ..."."""
    for i, line in enumerate(lines[1:8], start=1):
        dossier = _DOSSIER.match(line)
        if not dossier:
            continue
        # The dossier title may run over a few lines before "Nr.".
        for following in lines[i + 1 : i + 5]:
            number = _ONDERNUMMER.match(following)
            if number:
                code = dossier.group("number").replace(" ", "")
                if dossier.group("chapter"):
                    code += "-" + dossier.group("chapter")
                return code, number.group("number")
        return None
    return None


def _appendix(lines: list[str]) -> str | None:
    """The Aanhangsel number: a line holding only a number, under the header."""
    return next((line for line in lines[1:8] if re.fullmatch(r"\d{1,5}", line)), None)


def detect_parliament(pages: list[str]) -> Parliamentary | None:
    """The paper's place in the parliamentary numbering, or None for anything that is not a parliamentary
    paper (or whose header cannot be read with confidence)."""
    if not pages or not pages[0].strip():
        return None
    lines = _lines(pages[0])
    header = _header(lines)
    if header is None:
        return None
    chamber, session = header
    footer = _footer_id(pages)
    compact = session.replace("-", "")
    if any(_APPENDIX_HEAD.search(line) for line in lines[:4]):
        number = _appendix(lines)
        ah = _AH_ID.match(footer or "")
        if ah and (ah.group("chamber"), ah.group("session")) != (chamber, compact):
            return None
        if ah and number and ah.group("number") != number:
            return None
        number = number or (ah.group("number") if ah else None)
        return Parliamentary(chamber=chamber, session=session, appendix=number) if number else None
    h = _H_ID.match(footer or "")
    if h:  # Handelingen: only the printed identifier names the meeting and item.
        if (h.group("chamber"), h.group("session")) != (chamber, compact):
            return None
        return Parliamentary(chamber=chamber, session=session, proceedings=footer)
    stuk = _kamerstuk(lines)
    kst = _KST_ID.match(footer or "")
    if (
        stuk
        and kst
        and (stuk[0].lower(), stuk[1].lower()) != (kst.group("dossier").lower(), kst.group("number").lower())
    ):
        return None
    if not stuk and kst:
        stuk = kst.group("dossier"), kst.group("number")
    if not stuk:
        return None
    return Parliamentary(chamber=chamber, session=session, kamerstuk=stuk[0], number=stuk[1])
