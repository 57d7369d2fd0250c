"""The document type (TOOI documentsoort), from the fixed headers of Kamerstukken and publication gazettes, the
shape of a letter or nota and the kind words of its title and headings; None when unsure."""

from __future__ import annotations

import re

from openarchief.search.vocabularies import document_types

from .folding import fold_line
from .title import title_from_text


def _type(label: str) -> str:
    return document_types().code(label)


T_BRIEF, T_KAMERSTUK, T_HANDELINGEN = _type("brief"), _type("Kamerstuk"), _type("Handelingen")
T_MOTIE, T_AMENDEMENT = _type("motie"), _type("amendement")  # Kamerstukken the TOOI list does not name
T_KV_MET, T_KV_ZONDER = _type("Kamervraag met antwoord"), _type("Kamervraag zonder antwoord")
T_BESLISNOTA, T_BELEIDSNOTA = _type("beslisnota"), _type("beleidsnota")
T_WOO_BESLUIT, T_WOO_VERZOEK = _type("beslissing op Wob-/Woo-verzoek"), _type("Wob-/Woo-verzoek")
T_BESLUIT, T_MIN_REGELING, T_BELEIDSREGEL = _type("besluit"), _type("ministeriële regeling"), _type("beleidsregel")
T_RAPPORT, T_ONDERZOEKSRAPPORT = _type("rapport"), _type("onderzoeksrapport")
T_EVALUATIERAPPORT, T_INSPECTIERAPPORT = _type("evaluatierapport"), _type("inspectierapport")
T_VOORTGANGSRAPPORT = _type("voortgangsrapport")
T_JAARVERSLAG, T_JAARPLAN, T_CONVENANT = _type("jaarverslag"), _type("jaarplan"), _type("convenant")
T_PERSBERICHT, T_NIEUWSBERICHT = _type("persbericht"), _type("nieuwsbericht")
T_CIRCULAIRE, T_TOESPRAAK, T_ADVIES = _type("circulaire"), _type("toespraak"), _type("advies")
T_AGENDA, T_BESLUITENLIJST, T_VERGADERVERSLAG = _type("agenda"), _type("besluitenlijst"), _type("vergaderverslag")
T_VERGUNNING, T_SUBSIDIEBESCHIKKING = _type("vergunning"), _type("subsidiebeschikking")
T_GEMEENTEBLAD, T_PROVINCIAAL_BLAD = _type("Gemeenteblad"), _type("Provinciaal blad")
T_WATERSCHAPSBLAD, T_STAATSCOURANT = _type("Waterschapsblad"), _type("Staatscourant")
T_STAATSBLAD, T_TRACTATENBLAD = _type("Staatsblad"), _type("Tractatenblad")
T_BLAD_GR = _type("Blad gemeenschappelijke regeling")

# The gazettes open with their name and "Officiële uitgave van ..." or a citation ("Gemeenteblad 2024, 84213").
_GAZETTES = {
    "gemeenteblad": T_GEMEENTEBLAD,
    "provinciaal blad": T_PROVINCIAAL_BLAD,
    "waterschapsblad": T_WATERSCHAPSBLAD,
    "staatscourant": T_STAATSCOURANT,
    "staatsblad": T_STAATSBLAD,
    "tractatenblad": T_TRACTATENBLAD,
    "blad gemeenschappelijke regeling": T_BLAD_GR,
}
_GAZETTE = re.compile(rf"^({'|'.join(_GAZETTES)})\b(?=.*officiele uitgave| (van het jaar )?\d{{4}},? (nr\. ?)?\d+)")

# A Woo (earlier Wob) request as decisions and letters name it, a pattern to build others with.
WOO = r"(?:woo|wob)[- ]?verzoek"
_WOO_DECISION = re.compile(rf"\b(besluit|beslissing) (op|inzake|over) (uw |het |een |je )?{WOO}|\b(woo|wob)-besluit\b")
# A decision in the letter itself; an acknowledgement of receipt only announces one.
_DECIDES = re.compile(
    r"\b(ik heb besloten|heb ik besloten|besluit ik|ik besluit|mijn besluit|wij hebben besloten"
    r"|hebben wij besloten|maak ik .{0,80}openbaar|besloten .{0,80}openbaar te maken"
    # The decision as a Wob/Woo decision states it: "Uw verzoek wordt gedeeltelijk ingewilligd."
    r"|uw verzoek wordt (geheel |gedeeltelijk |deels )?(ingewilligd|toegewezen|afgewezen)"
    r"|met deze brief wordt op .{0,40}uw verzoek beslist)\b"
)
_RECEIPT = re.compile(r"\bontvangstbevestiging\b|\b(bevestig|bevestigen) (ik |wij )?(de )?ontvangst\b")
_KAMERVRAGEN_ANSWERED = re.compile(
    r"\b(antwoord(en)?|beantwoording) (op |van )?(de )?(schriftelijke )?(kamer)?vragen\b"
)

# Kind words in the title or a heading line, most specific first. A verordening has no documentsoort of its own
# in this list: it is a besluit (art. 1:3 Awb) of a council holding generally binding rules, so it gets
# "besluit", the closest term in "regelgeving en formele besluitvorming"; published in a gazette it gets the
# gazette (caught earlier). An inventarislijst has none either: it is part of the decision on a Woo request.
_KINDS = [
    (r"beslisnota", T_BESLISNOTA),
    (r"beleidsnota", T_BELEIDSNOTA),
    (r"persbericht|press release", T_PERSBERICHT),
    (r"nieuwsbericht", T_NIEUWSBERICHT),
    (r"besluitenlijst", T_BESLUITENLIJST),
    (r"(concept-?)?agenda( voor| van)? (de |het )?\w*(vergadering|overleg)|^agenda$", T_AGENDA),
    (r"notulen|vergaderverslag|verslag van de \w*vergadering", T_VERGADERVERSLAG),
    (r"convenant", T_CONVENANT),
    (r"jaarverslag", T_JAARVERSLAG),
    (r"jaarplan", T_JAARPLAN),
    (r"circulaire", T_CIRCULAIRE),
    (r"^beleidsregel", T_BELEIDSREGEL),
    (r"^regeling van de minister", T_MIN_REGELING),
    (r"^(\w+)?verordening\b", T_BESLUIT),
    (r"^(omgevings|natuur|milieu|evenementen|exploitatie)?vergunning\b", T_VERGUNNING),
    (r"^subsidiebeschikking|^beschikking (tot )?(verlening|vaststelling) (van )?(de )?subsidie", T_SUBSIDIEBESCHIKKING),
    (r"^toespraak\b", T_TOESPRAAK),
    (r"evaluatierapport|^evaluatie van\b", T_EVALUATIERAPPORT),
    (r"voortgangsrapport", T_VOORTGANGSRAPPORT),
    (r"inspectierapport", T_INSPECTIERAPPORT),
    (r"onderzoeksrapport", T_ONDERZOEKSRAPPORT),
    (r"^(eind)?rapport(age)?\b|\brapport (van|over|naar)\b", T_RAPPORT),
]
_KIND_PATTERNS = [(re.compile(rf"(?:\b|^)(?:{pattern})"), code) for pattern, code in _KINDS]
# Words one of which each kind's pattern needs: most headings hold none, and looking for them is quicker than
# trying every pattern.
_KIND_WORDS = (
    "nota", "persbericht", "press release", "nieuwsbericht", "besluitenlijst", "agenda", "notulen", "verslag",
    "convenant", "jaarplan", "circulaire", "regel", "verordening", "vergunning", "beschikking", "toespraak",
    "evaluatie", "rapport",
)  # fmt: skip
# Signs of research; two different ones make a rapport an onderzoeksrapport.
_RESEARCH = re.compile(
    r"\b(onderzoeksvra\w*|onderzoeksopzet|onderzoeksmethode|methode van onderzoek|dit onderzoek"
    r"|respondenten|interviews|enquete|literatuurstudie|in opdracht van|deskresearch)\b"
)


def _heading_lines(page: str, limit: int = 8) -> list[str]:
    """The first lines of a page that look like headings: short, not a sentence running on."""
    lines = [fold_line(line).strip("\"'“”„ ") for line in [raw for raw in page.splitlines() if raw.strip()][:limit]]
    return [line for line in lines if len(line.split()) <= 15 and not line.endswith((".", ",", ";"))]


def _is_letter(lines: list[str]) -> bool:
    text = "\n".join(lines[:40])
    if re.search(r"^(> ?)?retouradres\b|^aan de voorzitter van de (tweede|eerste) kamer|^geachte ", text, re.M):
        return True
    labels = {
        m.group(1) for m in re.finditer(r"^(datum|onderwerp|betreft|ons kenmerk|uw kenmerk|kenmerk)\b", text, re.M)
    }
    return "datum" in labels and bool(labels & {"onderwerp", "betreft"}) and any("kenmerk" in x for x in labels)


def _kind_of_kamerstuk(head: str) -> str:
    """A Kamerstuk's heading names a motie or an amendement ("Nr. 143 MOTIE VAN DE LEDEN …")."""
    if re.search(r"^(nr\. ?\d+\s+)?motie van (het lid|de leden)\b", head, re.M):
        return T_MOTIE
    if re.search(r"^(nr\. ?\d+\s+)?(gewijzigd )?amendement van (het lid|de leden)\b", head, re.M):
        return T_AMENDEMENT
    return T_KAMERSTUK


def detect_type(pages: list[str], title: str | None = None) -> str | None:
    """The TOOI documentsoort code, from the fixed headers and kind words of the first page; None if unsure."""
    if not pages or not pages[0].strip():
        return None
    lines = [fold_line(line) for line in pages[0].splitlines() if line.strip()]
    head = "\n".join(lines[:12])
    first = "\n".join(lines)
    title = fold_line(title or title_from_text(pages[0]) or "")

    for i in range(min(3, len(lines))):
        m = _GAZETTE.search(" ".join(lines[i : i + 6]))
        if m:
            return _GAZETTES[m.group(1)]

    # Parliamentary papers. A motie or amendement is a Kamerstuk (a dossier number and "nr." like any other),
    # typed as such (the project's additions to the list, which count under Kamerstuk).
    if "aanhangsel van de handelingen" in head:
        return T_KV_MET if re.search(r"^antwoord\b|\bantwoord(en)? van\b", first, re.M) else T_KV_ZONDER
    if re.match(r"handelingen\b", head):
        return T_HANDELINGEN
    if re.search(r"^vragen van (het lid|de leden)\b", head, re.M) and "ingezonden" in head:
        return T_KV_MET if re.search(r"^antwoord\b", first, re.M) else T_KV_ZONDER
    if re.search(r"(tweede|eerste) kamer der staten-generaal", head) and "vergaderjaar" in head:
        return _kind_of_kamerstuk(head)
    if re.search(r"\bmotie van (het lid|de leden)\b", first) and re.search(r"\bde kamer, ?(\n)?gehoord", first):
        return T_MOTIE

    headings = [title, *_heading_lines(pages[0])]
    # A nota put to the minister for a decision: "Beslispunten", "Ter beslissing".
    asks_decision = re.search(r"\b(beslispunt(en)?|ter beslissing)\b", first)
    if any("beslisnota" in h for h in headings) or (re.search(r"^nota\b|\bnota aan\b", head, re.M) and asks_decision):
        return T_BESLISNOTA
    if any(_WOO_DECISION.search(h) for h in headings):
        return T_WOO_BESLUIT
    if any(re.search(r"\binventaris(lijst)?\b", h) for h in headings) and re.search(rf"\b{WOO}|\b(woo|wob)\b", first):
        return T_WOO_BESLUIT

    if _is_letter(lines):
        # A decision may be stated on page 3, after the request and its history.
        text = "\n".join(fold_line(p) for p in pages[:3])
        if _RECEIPT.search(text):
            return T_BRIEF
        if re.search(rf"\b{WOO}", title + "\n" + head) and (_WOO_DECISION.search(text) or _DECIDES.search(text)):
            return T_WOO_BESLUIT
        if _KAMERVRAGEN_ANSWERED.search(title):
            return T_KV_MET
        return T_BRIEF

    joined = "\n".join(headings)
    if not any(word in joined for word in _KIND_WORDS):
        return None
    for pattern, code in _KIND_PATTERNS:
        if any(pattern.search(h) for h in headings):
            if code == T_RAPPORT:
                research = {m.group(1) for m in _RESEARCH.finditer("\n".join(fold_line(p) for p in pages[:3]))}
                return T_ONDERZOEKSRAPPORT if len(research) >= 2 else T_RAPPORT
            return code
    return None
