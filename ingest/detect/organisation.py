"""The sending organisation: the TOOI code of the ministry whose letterhead, directorate, web address or
signature a document carries (`detect_ministry`), and of any organisation (`detect_organisation`: also a chamber
of the Staten-Generaal for its own papers, and the gemeenten, provincies and waterschappen of `.local`). A name
merely mentioned in the running text counts for nothing.

Like every detector it prefers None to a guess: a wrong facet value misleads researchers more than a missing
one. The rules follow Dutch government conventions, not the wording of any particular document.
"""

from __future__ import annotations

import re
from functools import lru_cache

from openarchief.search.vocabularies import MINISTRY_PREFIX, PREDECESSOR_NAMES, ministries

from . import local
from .folding import fold_line
from .local import local_scores
from .parliament import detect_parliament


def _ministry(name: str) -> str:
    return ministries().code(MINISTRY_PREFIX + name)


AZ, AM = _ministry("Algemene Zaken"), _ministry("Asiel en Migratie")
BZK, BZ = _ministry("Binnenlandse Zaken en Koninkrijksrelaties"), _ministry("Buitenlandse Zaken")
DEF, EZ, FIN = _ministry("Defensie"), _ministry("Economische Zaken"), _ministry("Financiën")
IENW, JENV = _ministry("Infrastructuur en Waterstaat"), _ministry("Justitie en Veiligheid")
KGG, LNV = _ministry("Klimaat en Groene Groei"), _ministry("Landbouw, Visserij, Voedselzekerheid en Natuur")
OCW, SZW = _ministry("Onderwijs, Cultuur en Wetenschap"), _ministry("Sociale Zaken en Werkgelegenheid")
VWS, VRO = _ministry("Volksgezondheid, Welzijn en Sport"), _ministry("Volkshuisvesting en Ruimtelijke Ordening")

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


def _alternation(names) -> str:
    # Longest first, so that "justitie en veiligheid" wins over "justitie"; a comma in a name is optional.
    return "|".join(re.escape(n).replace(",\\ ", ",?\\ ") for n in sorted(names, key=len, reverse=True))


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Folded ministry name (without "ministerie van"), today's, historical or earlier, or short form -> successor
    code."""
    names = {fold_line(t.label).removeprefix(MINISTRY_PREFIX): ministries().resolve(t.code) for t in ministries()}
    earlier = {fold_line(name): ministries().resolve(MINISTRY_PREFIX + name) for name in PREDECESSOR_NAMES}
    return names | earlier | _ABBREVIATIONS


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
def _may_match() -> re.Pattern:
    """How a window starts that one of `_patterns()` can match whole (or it holds "in opdracht van", which may
    follow a few words): the other windows, most of a page, are skipped before the seven patterns are tried."""
    starts = (
        r"(?:het )?ministerie van |(?:the )?ministry of |brief van de |de (?:minister|staatssecretaris)|opdrachtgever"
    )
    return re.compile(rf"{starts}|{_alternation(_UNITS)}")


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


def compile_patterns() -> None:
    """Compile the patterns now rather than on first use: the ingest's forkserver does, so that each worker it forks
    starts with them (ingest.preload); the gemeenten's, provincies' and waterschappen's too."""
    _patterns()
    _may_match()
    _memo_to()
    _answer()
    _by_name()
    local.compile_patterns()


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


_CELL_BORDER = re.compile(r"\s\|\s")


def _lines(page: str) -> list[str]:
    """The page's lines, folded; cells of a line such as "Nieuwsbericht | 8 juli 2019 | Ministerie van ..." apart."""
    return [
        fold_line(cell)
        for line in page.splitlines()
        for cell in (_CELL_BORDER.split(line) if "|" in line else (line,))
        if cell.strip()
    ]


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


# The ministries' own mail domains, as a letterhead's contact address gives them ("E: wob@minbuza.nl").
_MAIL_DOMAINS = {
    "minaz": AZ, "minbuza": BZ, "minbzk": BZK, "mindef": DEF, "minezk": EZ, "minez": EZ, "minfin": FIN,
    "minienw": IENW, "minjenv": JENV, "minvenj": JENV, "minlnv": LNV, "minocw": OCW, "minszw": SZW, "minvws": VWS,
}  # fmt: skip
_MAIL = re.compile(r"@(?P<domain>min[a-z]{2,6})\.nl\b")
_WEBSITE = re.compile(r"rijksoverheid\.nl/(?:ministeries/)?(?P<abbr>[a-z&]{2,5})\b")


def ministry_scores(pages: list[str]) -> dict[str, int]:
    """Each ministry's weight as the sender: letterheads, directorates, signatures, web and mail addresses."""
    scores: dict[str, int] = {}
    if not pages or not any(p.strip() for p in pages):
        return scores

    def add(code: str | None, weight: int) -> None:
        if code:
            scores[code] = scores.get(code, 0) + weight

    # The letterhead is on the first pages, a colophon on the last, signatures at the end of a letter: the
    # first six pages and the last one are read. Each ministry counts once per page and weight.
    seen: set[tuple[int, str, int]] = set()
    for page_no, page in enumerate(pages[:6] + pages[6:][-1:]):
        lines = _lines(page)
        for i in range(len(lines)):
            # Each window from this line on is the start of the longest one: what that cannot start with, none can.
            longest = " ".join(lines[i : i + 3])
            if not _may_match().match(longest) and "in opdracht van" not in longest:
                continue
            for j in range(1, min(3, len(lines) - i) + 1):
                window = " ".join(lines[i : i + j])
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
    for abbr in {m.group("abbr") for m in _WEBSITE.finditer(" ".join(fold_line(p) for p in pages[:2]))}:
        add(_ABBREVIATIONS.get(abbr), _SIGNATURE)
    for domain in {m.group("domain") for m in _MAIL.finditer(pages[0].lower())}:  # mail domains are plain ASCII
        add(_MAIL_DOMAINS.get(domain), _SIGNATURE)
    return scores


def winner(scores: dict[str, int]) -> str | None:
    """The code with the highest score, if it is at least 2 (a signature) and no other scores the same."""
    if not scores:
        return None
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] < 2 or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return max(scores, key=lambda code: scores[code])


def detect_ministry(pages: list[str]) -> str | None:
    """The TOOI code of the sending ministry, from its letterhead, directorate, web address or signature; a
    ministry merely mentioned in the running text counts for nothing. None when no sender is found or two
    ministries score the same."""
    return winner(ministry_scores(pages))


_CHAMBER_CODES = {"tk": "oorg10002", "ek": "oorg10001"}
# "Eerstverantwoordelijk ministerie: ..." as publication forms and covers state the publisher.
_RESPONSIBLE = re.compile(r"eerstverantwoordelijk(?:e)? ministerie:? (?:het )?(?:ministerie van )?(?P<name>.+)")


def _responsible_ministry(pages: list[str]) -> str | None:
    for page in pages[:2]:
        lines = _lines(page)
        for i, line in enumerate(lines):
            m = _RESPONSIBLE.fullmatch(line)
            if m is None and line.rstrip(":") in (
                "eerstverantwoordelijk ministerie",
                "eerstverantwoordelijke ministerie",
            ):
                m = _RESPONSIBLE.fullmatch(line.rstrip(":") + ": " + " ".join(lines[i + 1 : i + 3]))
            if m:
                name = m.group("name").rstrip(" .")
                # The value may wrap: try it whole, then its first words.
                for end in range(len(name.split()), 0, -1):
                    code = _by_name().get(" ".join(name.split()[:end]).replace(",", ""))
                    if code:
                        return code
    return None


def detect_publisher(pages: list[str]) -> tuple[str | None, str | None]:
    """The publishing organisation (`detect_organisation`) and the sending ministry (`detect_ministry`) at once:
    the ministries' scores are read once for both."""
    if not pages or not any(p.strip() for p in pages):
        return None, None
    ministries_only = ministry_scores(pages)
    ministry = winner(ministries_only)
    paper = detect_parliament(pages)
    if paper and paper.chamber:
        return _CHAMBER_CODES[paper.chamber], ministry
    responsible = _responsible_ministry(pages)
    if responsible:
        return responsible, ministry
    scores = dict(ministries_only)
    for code, score in local_scores(pages).items():
        scores[code] = scores.get(code, 0) + score
    return winner(scores), ministry


def detect_organisation(pages: list[str]) -> str | None:
    """The TOOI code of the publishing organisation, of any kind: a chamber of the Staten-Generaal for its own
    papers (a Kamerstuk or Aanhangsel header), the ministry a publication form names as responsible, else the
    sender whose letterhead, enacting body or signature scores highest among ministries, gemeenten, provincies
    and waterschappen (None on a tie or a weak signal, as for the ministries alone)."""
    return detect_publisher(pages)[0]
