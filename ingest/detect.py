"""Metadata from the text alone, for documents that come without a sidecar or manifest row: the ministry (TOOI
code), the document type (TOOI documentsoort) and the Woo information category (`category_for_type` where the
type alone decides it, `detect_category` where the type and the first page do).

Every detector prefers None to a guess: a wrong facet value misleads researchers more than a missing one. The
rules follow Dutch government conventions (letterhead, signature, the fixed headers of Kamerstukken and
publication gazettes), not the wording of any particular document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from openarchief.search.analysis import fold
from openarchief.search.vocabularies import ministries

from .metadata import title_from_text

# --- ministry -------------------------------------------------------------------------------------------------

AZ, AM, BZK, BZ, DEF, EZ, FIN = "mnre1010", "mnre1162", "mnre1034", "mnre1013", "mnre1018", "mnre1045", "mnre1090"
IENW, JENV, KGG, LNV, OCW, SZW, VWS, VRO = (
    "mnre1130",
    "mnre1058",
    "mnre1182",
    "mnre1153",
    "mnre1109",
    "mnre1073",
    "mnre1025",
    "mnre1171",
)

# Earlier names of ministries that the TOOI list lacks, each mapped to today's successor (the list's own
# historical names, such as "Verkeer en Waterstaat", come with it).
_OTHER_NAMES = {
    "justitie": JENV,
    "veiligheid en justitie": JENV,
    "infrastructuur en milieu": IENW,
    "economische zaken en klimaat": EZ,
    "economische zaken, landbouw en innovatie": EZ,
    "landbouw, natuurbeheer en visserij": LNV,
    "onderwijs, cultuur en wetenschappen": OCW,
    "binnenlandse zaken": BZK,
}
# A "minister voor X" has no ministry of that name: the post sits in another ministry, which may change from
# cabinet to cabinet (the minister voor Volkshuisvesting of 2023 belonged to BZK). Only posts that always sat in
# the same ministry are trusted.
_PORTFOLIOS = {
    "rechtsbescherming": JENV,
    "medische zorg": VWS,
    "medische zorg en sport": VWS,
    "langdurige zorg en sport": VWS,
    "natuur en stikstof": LNV,
    "buitenlandse handel en ontwikkelingssamenwerking": BZ,
    "basis- en voortgezet onderwijs en media": OCW,
    "primair en voortgezet onderwijs": OCW,
}
# Short forms, trusted only where a full name would stand ("Ministerie van LNV", "rijksoverheid.nl/venj").
_ABBREVIATIONS = {
    "az": AZ,
    "bz": BZ,
    "bzk": BZK,
    "ez": EZ,
    "ezk": EZ,
    "eli": EZ,
    "el&i": EZ,
    "fin": FIN,
    "ienw": IENW,
    "i&w": IENW,
    "ienm": IENW,
    "i&m": IENW,
    "venw": IENW,
    "v&w": IENW,
    "jenv": JENV,
    "j&v": JENV,
    "venj": JENV,
    "v&j": JENV,
    "lnv": LNV,
    "ocw": OCW,
    "szw": SZW,
    "vws": VWS,
    "vrom": VRO,
    "vro": VRO,
    "kgg": KGG,
}
# English names as the ministries use them on government.nl.
_ENGLISH = {
    "general affairs": AZ,
    "asylum and migration": AM,
    "the interior and kingdom relations": BZK,
    "interior and kingdom relations": BZK,
    "foreign affairs": BZ,
    "defence": DEF,
    "economic affairs": EZ,
    "economic affairs and climate policy": EZ,
    "finance": FIN,
    "infrastructure and water management": IENW,
    "justice and security": JENV,
    "climate and green growth": KGG,
    "agriculture, nature and food quality": LNV,
    "agriculture, fisheries, food security and nature": LNV,
    "education, culture and science": OCW,
    "social affairs and employment": SZW,
    "health, welfare and sport": VWS,
    "housing and spatial planning": VRO,
}
# Directorates-general and services that are part of one ministry; their name on a letterhead names the sender.
# Independent bodies (ZBO's such as UWV or RVO) are left out: they are not the ministry.
_UNITS = {
    "directoraat-generaal preventie, jeugd en sancties": JENV,
    "directoraat-generaal straffen en beschermen": JENV,
    "directoraat-generaal rechtspleging en rechtshandhaving": JENV,
    "directoraat-generaal politie en veiligheidsregio's": JENV,
    "nationaal coordinator terrorismebestrijding en veiligheid": JENV,
    "dienst justitiele inrichtingen": JENV,
    "centraal justitieel incassobureau": JENV,
    "directoraat-generaal fiscale zaken": FIN,
    "directoraat-generaal rijksbegroting": FIN,
    "generale thesaurie": FIN,
    "inspectie der rijksfinancien": FIN,
    "belastingdienst": FIN,
    "rijkswaterstaat": IENW,
    "inspectie leefomgeving en transport": IENW,
    "directoraat-generaal koninkrijksrelaties": BZK,
    "rijksdienst voor identiteitsgegevens": BZK,
    "directoraat-generaal internationale samenwerking": BZ,
    "dienst uitvoering onderwijs": OCW,
    "inspectie van het onderwijs": OCW,
    "inspectie gezondheidszorg en jeugd": VWS,
    "rijksinstituut voor volksgezondheid en milieu": VWS,
    "nederlandse arbeidsinspectie": SZW,
    "inspectie szw": SZW,
    "nederlandse voedsel- en warenautoriteit": LNV,
    "koninklijke marechaussee": DEF,
    "rijksvoorlichtingsdienst": AZ,
}

# Weights: a letterhead or a directorate names the sender; a signature does too, but a joint letter has
# several; so does the addressee of an internal nota (its own minister) and the client of a commissioned report.
_LETTERHEAD, _SIGNATURE = 3, 2


def _norm(text: str) -> str:
    """Folded (lowercase, no accents), with one kind of apostrophe and single spaces."""
    return re.sub(r"\s+", " ", fold(text).replace("’", "'").replace("‘", "'")).strip()


def _alternation(names) -> str:
    # Longest first, so that "justitie en veiligheid" wins over "justitie"; a comma in a name is optional.
    return "|".join(re.escape(n).replace(",\\ ", ",?\\ ") for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded ministry name (without "ministerie van") or short form -> successor code."""
    names = {_norm(t.label).removeprefix("ministerie van "): ministries().resolve(t.code) for t in ministries()}
    return names | _OTHER_NAMES | _ABBREVIATIONS


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, int]]:
    """Patterns that must match a whole line (or two or three lines joined), with their weight."""
    name = rf"(?P<name>{_alternation(_names())})"
    post = rf"(?:van {name}|voor (?P<post>{_alternation(_PORTFOLIOS)}))"
    role = r"(?:minister|staatssecretaris|minister-president)"
    return [
        # Nothing but the ministry's name: the letterhead, a title page, a colophon.
        (re.compile(rf"(?:het )?ministerie van {name}"), _LETTERHEAD),
        (re.compile(rf"(?:the )?ministry of (?P<en>{_alternation(_ENGLISH)})(?: of the netherlands)?"), _LETTERHEAD),
        (re.compile(rf"(?P<unit>{_alternation(_UNITS)})(?: \(?[a-z]{{2,5}}\)?)?"), _LETTERHEAD),
        # The Kamerstuk heading of a letter: "BRIEF VAN DE MINISTER VAN FINANCIEN".
        (re.compile(rf"brief van de {role} {post}"), _LETTERHEAD),
        # The signature: "De Staatssecretaris van Veiligheid en Justitie," on a line of its own.
        (re.compile(rf"de {role} {post},?(?: namens deze,?)?"), _SIGNATURE),
        # A commissioned report: "Rapport in opdracht van het Ministerie van ...", "Opdrachtgever: ...".
        (re.compile(rf"(?:[\w-]+ ){{0,3}}in opdracht van:? (?:het )?ministerie van {name}"), _SIGNATURE),
        (re.compile(rf"opdrachtgever:? (?:het )?ministerie van {name}"), _SIGNATURE),
    ]


@lru_cache(maxsize=1)
def _memo_to() -> re.Pattern:
    """The addressee of an internal nota: "Aan: de Staatssecretaris van ..."."""
    return re.compile(rf"aan:? (?:de )?(?:minister|staatssecretaris) van (?P<name>{_alternation(_names())}),?")


@lru_cache(maxsize=1)
def _answer() -> re.Pattern:
    """Who answers Kamervragen: "Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid)"."""
    return re.compile(
        rf"antwoord(?:en)? van (?:de )?(?:minister|staatssecretaris)[^()]{{0,60}}"
        rf"\((?P<name>{_alternation(_names())})\)"
    )


def _code_of(match: re.Match) -> str | None:
    groups = match.groupdict()
    if groups.get("name"):
        return _by_name().get(groups["name"].replace(",", ""))
    if groups.get("post"):
        return _PORTFOLIOS.get(groups["post"])
    if groups.get("en"):
        return _ENGLISH.get(groups["en"])
    return _UNITS.get(groups["unit"]) if groups.get("unit") else None


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    """The names without commas (the patterns make a comma optional) -> code."""
    return {name.replace(",", ""): code for name, code in _names().items()}


def _lines(page: str) -> list[str]:
    """The page's lines, folded; cells of a line such as "Nieuwsbericht | 8 juli 2019 | Ministerie van ..." apart."""
    return [_norm(cell) for line in page.splitlines() for cell in re.split(r"\s\|\s", line) if cell.strip()]


def _windows(lines: list[str], size: int = 3):
    """Each line alone and joined with the next one or two: letterhead names often wrap."""
    for i in range(len(lines)):
        for j in range(1, min(size, len(lines) - i) + 1):
            yield " ".join(lines[i : i + j])


def _is_memo(lines: list[str]) -> bool:
    """An internal nota: "Nota" on top, or "Aan:" and "Van:" header lines."""
    top = lines[:12]
    return bool(top) and (
        re.match(r"(beslis|informatie)?nota\b|memo\b", top[0]) is not None
        or (any(x.startswith("aan:") for x in top) and any(x.startswith("van:") for x in top))
    )


_WEBSITE = re.compile(r"rijksoverheid\.nl/(?:ministeries/)?(?P<abbr>[a-z&]{2,5})\b")


def detect_ministry(pages: list[str]) -> str | None:
    """The TOOI code of the sending ministry, from its letterhead, directorate, web address or signature; a
    ministry merely mentioned in the running text counts for nothing. None when no sender is found or two
    ministries score the same."""
    if not pages or not any(p.strip() for p in pages):
        return None
    scores: dict[str, int] = {}

    def add(code: str | None, weight: int) -> None:
        if code:
            scores[code] = scores.get(code, 0) + weight

    # The letterhead is on the first pages, a colophon on the last, signatures at the end of a letter: the
    # first six pages and the last one are read. Each ministry counts once per page and weight.
    seen: set[tuple[int, str, int]] = set()
    for page_no, page in enumerate(pages[:6] + pages[6:][-1:]):
        for window in _windows(_lines(page)):
            for pattern, weight in _patterns():
                m = pattern.fullmatch(window)
                code = _code_of(m) if m else None
                if code and (page_no, code, weight) not in seen:
                    seen.add((page_no, code, weight))
                    add(code, weight)
    lines = _lines(pages[0])
    # An internal nota is addressed to its own minister ("Aan: de Staatssecretaris van ...").
    if _is_memo(lines):
        for code in {_code_of(m) for w in _windows(lines[:12], 2) if (m := _memo_to().fullmatch(w))}:
            add(code, _SIGNATURE)
    # Kamervragen: the minister who answers is the sender.
    answer = _answer().search(" ".join(lines))
    if answer:
        add(_code_of(answer), _LETTERHEAD)
    # The ministry's address on rijksoverheid.nl in the letterhead ("www.rijksoverheid.nl/venj").
    for abbr in {m.group("abbr") for m in _WEBSITE.finditer(" ".join(_norm(p) for p in pages[:2]))}:
        add(_ABBREVIATIONS.get(abbr), _SIGNATURE)
    if not scores:
        return None
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return max(scores, key=lambda code: scores[code])


# --- document type --------------------------------------------------------------------------------------------

T_BRIEF = "c_7652d853"
T_KAMERSTUK = "c_056a75e1"
T_HANDELINGEN = "c_a17ef403"
T_KV_MET = "c_6d494ab6"  # Kamervraag met antwoord
T_KV_ZONDER = "c_03c52ba0"  # Kamervraag zonder antwoord
T_BESLISNOTA = "c_2977c34f"
T_BELEIDSNOTA = "c_9376c730"
T_WOO_BESLUIT = "c_4f50ca9c"  # beslissing op Wob-/Woo-verzoek
T_WOO_VERZOEK = "c_1cf18f83"
T_BESLUIT = "c_465163c9"
T_MIN_REGELING = "c_d2a6707c"
T_BELEIDSREGEL = "c_fbaa7e4b"
T_RAPPORT = "c_3300f29a"
T_ONDERZOEKSRAPPORT = "c_6f49bf34"
T_EVALUATIERAPPORT = "c_38ba44de"
T_INSPECTIERAPPORT = "c_4efe1293"
T_VOORTGANGSRAPPORT = "c_cccba364"
T_JAARVERSLAG = "c_3d782f30"
T_JAARPLAN = "c_a6f44748"
T_CONVENANT = "c_386e74cb"
T_PERSBERICHT = "c_7eba29ad"
T_NIEUWSBERICHT = "c_c2f56984"
T_CIRCULAIRE = "c_3eb5572a"
T_TOESPRAAK = "c_2aedadff"
T_ADVIES = "c_d506b718"
T_AGENDA = "c_f90465b3"
T_BESLUITENLIJST = "c_d4a4792f"
T_VERGADERVERSLAG = "c_42e406dd"
T_VERGUNNING = "c_002fc258"
T_SUBSIDIEBESCHIKKING = "c_aebfec50"
T_GEMEENTEBLAD, T_PROVINCIAAL_BLAD, T_WATERSCHAPSBLAD = "c_81cc2eb5", "c_bdc265d5", "c_c97b118a"
T_STAATSCOURANT, T_STAATSBLAD, T_TRACTATENBLAD, T_BLAD_GR = "c_0670bae1", "c_61e3099a", "c_b3179555", "c_12cd7b9b"

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

_WOO = r"(?:woo|wob)[- ]?verzoek"
_WOO_DECISION = re.compile(rf"\b(besluit|beslissing) (op|inzake|over) (uw |het |een |je )?{_WOO}|\b(woo|wob)-besluit\b")
# A decision in the letter itself; an acknowledgement of receipt only announces one.
_DECIDES = re.compile(
    r"\b(ik heb besloten|heb ik besloten|besluit ik|ik besluit|mijn besluit|wij hebben besloten"
    r"|hebben wij besloten|maak ik .{0,80}openbaar|besloten .{0,80}openbaar te maken)\b"
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
# Signs of research; two different ones make a rapport an onderzoeksrapport.
_RESEARCH = re.compile(
    r"\b(onderzoeksvra\w*|onderzoeksopzet|onderzoeksmethode|methode van onderzoek|dit onderzoek"
    r"|respondenten|interviews|enquete|literatuurstudie|in opdracht van|deskresearch)\b"
)


def _heading_lines(page: str, limit: int = 8) -> list[str]:
    """The first lines of a page that look like headings: short, not a sentence running on."""
    lines = [_norm(line).strip("\"'“”„ ") for line in page.splitlines() if line.strip()][:limit]
    return [line for line in lines if len(line.split()) <= 15 and not line.endswith((".", ",", ";"))]


def _is_letter(lines: list[str]) -> bool:
    text = "\n".join(lines[:40])
    if re.search(r"^(> ?)?retouradres\b|^aan de voorzitter van de (tweede|eerste) kamer|^geachte ", text, re.M):
        return True
    labels = {
        m.group(1) for m in re.finditer(r"^(datum|onderwerp|betreft|ons kenmerk|uw kenmerk|kenmerk)\b", text, re.M)
    }
    return "datum" in labels and bool(labels & {"onderwerp", "betreft"}) and any("kenmerk" in x for x in labels)


def detect_type(pages: list[str], title: str | None = None) -> str | None:
    """The TOOI documentsoort code, from the fixed headers and kind words of the first page; None if unsure."""
    if not pages or not pages[0].strip():
        return None
    lines = [_norm(line) for line in pages[0].splitlines() if line.strip()]
    head = "\n".join(lines[:12])
    first = "\n".join(lines)
    title = _norm(title or title_from_text(pages[0]) or "")

    for i in range(min(3, len(lines))):
        m = _GAZETTE.search(" ".join(lines[i : i + 6]))
        if m:
            return _GAZETTES[m.group(1)]

    # Parliamentary papers. A motie is a Kamerstuk: it gets a dossier number and "nr." like any other; the list
    # has no documentsoort "motie".
    if "aanhangsel van de handelingen" in head:
        return T_KV_MET if re.search(r"^antwoord\b|\bantwoord(en)? van\b", first, re.M) else T_KV_ZONDER
    if re.match(r"handelingen\b", head):
        return T_HANDELINGEN
    if re.search(r"^vragen van (het lid|de leden)\b", head, re.M) and "ingezonden" in head:
        return T_KV_MET if re.search(r"^antwoord\b", first, re.M) else T_KV_ZONDER
    if re.search(r"(tweede|eerste) kamer der staten-generaal", head) and "vergaderjaar" in head:
        return T_KAMERSTUK
    if re.search(r"\bmotie van (het lid|de leden)\b", first) and re.search(r"\bde kamer, ?(\n)?gehoord", first):
        return T_KAMERSTUK

    headings = [title, *_heading_lines(pages[0])]
    # A nota put to the minister for a decision: "Beslispunten", "Ter beslissing".
    asks_decision = re.search(r"\b(beslispunt(en)?|ter beslissing)\b", first)
    if any("beslisnota" in h for h in headings) or (re.search(r"^nota\b|\bnota aan\b", head, re.M) and asks_decision):
        return T_BESLISNOTA
    if any(_WOO_DECISION.search(h) for h in headings):
        return T_WOO_BESLUIT
    if any(re.search(r"\binventaris(lijst)?\b", h) for h in headings) and re.search(rf"\b{_WOO}|\b(woo|wob)\b", first):
        return T_WOO_BESLUIT

    if _is_letter(lines):
        text = "\n".join(_norm(p) for p in pages[:2])
        if _RECEIPT.search(text):
            return T_BRIEF
        if re.search(rf"\b{_WOO}", title + "\n" + head) and (_WOO_DECISION.search(text) or _DECIDES.search(text)):
            return T_WOO_BESLUIT
        if _KAMERVRAGEN_ANSWERED.search(title):
            return T_KV_MET
        return T_BRIEF

    for pattern, code in _KIND_PATTERNS:
        if any(pattern.search(h) for h in headings):
            if code == T_RAPPORT:
                research = {m.group(1) for m in _RESEARCH.finditer("\n".join(_norm(p) for p in pages[:3]))}
                return T_ONDERZOEKSRAPPORT if len(research) >= 2 else T_RAPPORT
            return code
    return None


# --- Woo information category ---------------------------------------------------------------------------------

C_WETTEN = "c_139c6280"  # 1a wetten en algemeen verbindende voorschriften
C_ALGEMENE_STREKKING = "c_aab6bfc7"  # 1b overige besluiten van algemene strekking
C_INGEKOMEN = "c_8c840238"  # 2a bij vertegenwoordigende organen ingekomen stukken
C_STATEN_GENERAAL = "c_c76862ab"  # 2b vergaderstukken Staten-Generaal
C_DECENTRAAL = "c_db4862c3"  # 2c vergaderstukken decentrale overheden
C_BESTUURSCOLLEGES = "c_3a248e3a"  # 2d agenda's en besluitenlijsten bestuurscolleges
C_ADVIEZEN = "c_99a836c7"  # 2e
C_CONVENANTEN = "c_8fc2335c"  # 2f
C_JAARPLANNEN = "c_c6cd1213"  # 2g jaarplannen en jaarverslagen
C_WOO = "c_3baef532"  # 2i Woo-verzoeken en -besluiten
C_ONDERZOEK = "c_fdaee95e"  # 2j onderzoeksrapporten
C_BESCHIKKINGEN = "c_46a81018"  # 2k

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
    "c_f1652921": C_STATEN_GENERAAL,  # niet-dossierstuk
    T_ONDERZOEKSRAPPORT: C_ONDERZOEK,
    T_EVALUATIERAPPORT: C_ONDERZOEK,  # an evaluation is research into policy
    T_CONVENANT: C_CONVENANTEN,
    T_JAARVERSLAG: C_JAARPLANNEN,
    T_JAARPLAN: C_JAARPLANNEN,
    T_ADVIES: C_ADVIEZEN,
    T_MIN_REGELING: C_WETTEN,  # a ministeriële regeling holds generally binding rules
    T_BELEIDSREGEL: C_ALGEMENE_STREKKING,
    # Beschikkingen (the Woo decision above excepted): art. 3.3 lid 2 k.
    **{
        code: C_BESCHIKKINGEN
        for code in (
            "c_c1956ef0",
            "c_acb44d77",
            "c_30e8b503",
            "c_2ab17960",
            "c_2c0438f4",
            "c_f7dc55d9",
            T_SUBSIDIEBESCHIKKING,
            T_VERGUNNING,
            "c_45be34e9",
            "c_a55b7649",
            "c_566a4430",
        )
    },
}


def category_for_type(type_code: str | None) -> str | None:
    """The Woo information category (TOOI code) a document type implies, where it does so unambiguously."""
    return _CATEGORY_BY_TYPE.get(type_code) if type_code else None


def detect_category(pages: list[str], type_code: str | None = None, title: str | None = None) -> str | None:
    """The category the type implies, else the one the type and the first page decide together: a verordening
    (1a), a letter to a representative body (2a) or about a Woo request (2i), the agenda or decisions of a
    council (2c: vergaderstukken of a representative body) or of a college (2d: bestuurscolleges)."""
    if type_code is None:
        type_code = detect_type(pages, title)
    category = category_for_type(type_code)
    if category or not type_code or not pages:
        return category
    lines = [_norm(line) for line in pages[0].splitlines() if line.strip()]
    head = "\n".join(lines[:15])
    title = _norm(title or title_from_text(pages[0]) or "")
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
        return C_WOO if re.search(rf"\b{_WOO}", title) else None
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
