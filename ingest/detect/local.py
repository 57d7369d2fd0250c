"""Gemeenten, provincies and waterschappen as senders: their letterheads ("Gemeente Heerlen", "Officiële uitgave
van de provincie Utrecht"), their governing bodies where a decision is signed or enacted ("De raad van de gemeente
Heerlen;", "Gedeputeerde Staten van Zuid-Holland,", "Vastgesteld door: Gemeenteraad van Heerlen") and the closing
formula of a council decision ("Aldus besloten in de openbare vergadering van de gemeenteraad van de gemeente
Heerlen van 29-01-2025"). A place merely named in the running text ("wethouder van de gemeente Den Helder")
counts for nothing: the phrases must fill a whole line (or two or three lines joined), except the closing
formula, which names its council in the middle of a sentence.

Names come from the TOOI list, ended gemeenten included: an ended gemeente's name gives its own code. A name
that two organisations of the same kind share ("Bergen": NH and L) gives nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from openarchief.search.vocabularies import organisations

from .folding import fold_line

LETTERHEAD, SIGNATURE = 3, 2
_KIND_GROUPS = {"gemeente": "g", "provincie": "p", "waterschap": "w"}
# Names a reader uses that the list does not give.
_EXTRA_NAMES = {"p": {"friesland": "pv21"}}


@lru_cache(maxsize=1)
def _names() -> dict[str, dict[str, set[str]]]:
    """For each kind's group letter: folded name -> codes. Gemeenten and provincies by their bare name ("den
    haag", "'s-gravenhage", "bergen"), waterschappen by their full name ("waterschap rivierenland",
    "hoogheemraadschap van delfland", "wetterskip fryslan")."""
    names: dict[str, dict[str, set[str]]] = {group: {} for group in _KIND_GROUPS.values()}

    def add(group: str, name: str, code: str) -> None:
        names[group].setdefault(fold_line(name), set()).add(code)

    for term in organisations():
        group = _KIND_GROUPS.get(organisations().kind(term.code) or "")
        if group in ("g", "p"):
            bare = re.sub(r"^(gemeente|provincie) ", "", term.label)
            add(group, bare, term.code)
            add(group, re.sub(r" \(\w+\)$", "", bare), term.code)  # "Bergen (NH)" is also written "Bergen"
        elif group == "w":
            label = term.label
            add(group, label, term.code)
            if not label.lower().startswith(("hoogheemraadschap", "wetterskip", "waterschap")):
                add(group, "waterschap " + label, term.code)
    for group, extra in _EXTRA_NAMES.items():
        for name, code in extra.items():
            add(group, name, code)
    return names


def _alternation(group: str) -> str:
    names = sorted(_names()[group], key=len, reverse=True)
    return f"(?P<{group}>" + "|".join(re.escape(n) for n in names) + ")"


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern, int]]:
    """Patterns that must match a whole line (or two or three joined), folded, with their weight."""
    g, p, w = _alternation("g"), _alternation("p"), _alternation("w")
    end = r"[,;:]?"  # not ".": a line ending in a full stop ends a sentence of running text
    return [
        # Letterheads, and the gazettes' "Officiële uitgave van ...".
        (re.compile(rf"(?:officiele uitgave van )?(?:de )?gemeente {g}{end}"), LETTERHEAD),
        (re.compile(rf"(?:officiele uitgave van )?(?:de )?provincie {p}{end}"), LETTERHEAD),
        (re.compile(rf"(?:officiele uitgave van )?(?:het )?{w}{end}"), LETTERHEAD),
        # The body that enacts or signs: preambles, signatures, "Vastgesteld door:" fields.
        (
            re.compile(
                rf"(?:vastgesteld door:? )?(?:de )?(?:gemeenteraad|raad) van (?:de gemeente )?{g}{end}"
                rf"(?: in (?:zijn|haar) (?:openbare )?vergadering(?: bijeen)?{end})?"
            ),
            SIGNATURE,
        ),
        (
            re.compile(
                rf"(?:vastgesteld door:? )?(?:het )?(?:college van )?burgemeester en wethouders"
                rf" (?:van|der gemeente|van de gemeente) {g}{end}"
            ),
            SIGNATURE,
        ),
        (re.compile(rf"(?:de )?burgemeester van {g}{end}"), SIGNATURE),
        (re.compile(rf"(?:vastgesteld door:? )?(?:provinciale|gedeputeerde) staten van {p}{end}"), SIGNATURE),
        (re.compile(rf"(?:het )?(?:algemeen|dagelijks) bestuur van (?:het )?{w}{end}"), SIGNATURE),
    ]


@lru_cache(maxsize=1)
def _closing_formula() -> re.Pattern:
    """ "Aldus besloten/vastgesteld in de (openbare) vergadering van de (gemeente)raad van (de gemeente) X"."""
    g, p = _alternation("g"), _alternation("p")
    council = rf"(?:de )?(?:gemeenteraad|raad) (?:van (?:de gemeente )?|der gemeente ){g}|provinciale staten van {p}"
    return re.compile(
        rf"\b(?:aldus )?(?:besloten|vastgesteld) (?:in|tijdens|ter) (?:de |het )?(?:openbare )?"
        rf"(?:raads)?(?:vergadering|zitting) van (?:{council})(?![\w'-])"
    )


def compile_patterns() -> None:
    """Compile the patterns now (0.1 s, with their alternations of some 650 names) rather than on first use: the
    ingest's forkserver does, so that each worker it forks starts with them (ingest.preload)."""
    _patterns()
    _closing_formula()


def _code(match: re.Match) -> str | None:
    for group, value in match.groupdict().items():
        if value:
            codes = _names()[group].get(value, set())
            return next(iter(codes)) if len(codes) == 1 else None
    return None


# Every pattern names a kind of body or a governing body in words: a window without one of these is skipped before
# the patterns (with their alternations of some 650 names) are tried.
_MAY_NAME = re.compile(r"gemeente|provincie|raad|staten|burgemeester|waterschap|hoogheemraadschap|wetterskip|bestuur")


def _lines(page: str) -> list[str]:
    return [fold_line(line) for line in page.splitlines() if line.strip()]


_ADDRESSEE = re.compile(r"aan:?|(?:.*\b)?t\.?a\.?v\.?.*")
_ENDS_IN_A_LETTER = re.compile(r"[a-z]$")


def _not_a_heading(previous: str) -> bool:
    """The line before names the addressee ("Aan:", "t.a.v."), so what follows is the receiver; or it is running
    text that stops mid-sentence ("... als wethouder van de" / "gemeente Den Helder."), so what follows is the
    rest of its sentence."""
    if _ADDRESSEE.fullmatch(previous):
        return True
    return len(previous.split()) >= 6 and _ENDS_IN_A_LETTER.search(previous) is not None


def local_scores(pages: list[str]) -> dict[str, int]:
    """Each gemeente's, provincie's and waterschap's weight as the sender, read like the ministries' (the first
    six pages and the last one; each code once per page and weight)."""
    scores: dict[str, int] = {}
    seen: set[tuple[int, str, int]] = set()

    def add(page_no: int, code: str | None, weight: int) -> None:
        if code and (page_no, code, weight) not in seen:
            seen.add((page_no, code, weight))
            scores[code] = scores.get(code, 0) + weight

    for page_no, page in enumerate(pages[:6] + pages[6:][-1:]):
        lines = _lines(page)
        # A window names a body only if one of its lines does (the words never span two lines joined by a space).
        names = [_MAY_NAME.search(line) is not None for line in lines]
        for i in range(len(lines)):
            if not any(names[i : i + 3]) or (i and _not_a_heading(lines[i - 1])):
                continue
            for j in range(1, min(3, len(lines) - i) + 1):
                if not any(names[i : i + j]):
                    continue
                window = " ".join(lines[i : i + j])
                for pattern, weight in _patterns():
                    m = pattern.fullmatch(window)
                    if m:
                        add(page_no, _code(m), weight)
        text = " ".join(lines)
        if "besloten" in text or "vastgesteld" in text:
            for m in _closing_formula().finditer(text):
                add(page_no, _code(m), SIGNATURE)
    return scores
