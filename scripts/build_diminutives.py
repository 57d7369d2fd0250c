"""Writes search/data/nl_diminutives.txt: Dutch diminutives (-je, -tje, -pje, -etje, -kje and their plurals in -s)
of the word list, each with the stem of its base noun, as override rules of the analysis chain (both engines).

    .venv/bin/python scripts/build_diminutives.py

A diminutive is paired with its base only when both are in the word list (nl_words.txt, frequency-ordered), the
base is the more common of the two (a lexicalised diminutive such as "meisje" or "beetje" is more common than
"meis" or "beet", and means something else), the base is no stopword and the word is no name; and never for the
few lexicalised ones listed below. Precision over recall: a wrong pair merges two unrelated words everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from openarchief.search import analysis

OUT = Path(__file__).resolve().parent.parent / "search" / "data" / "nl_diminutives.txt"
VOCABULARY = 60_000  # the most common words of the list; rarer entries are mostly noise
# Diminutives that mean something of their own (or whose base is another word).
LEXICALISED = {
    "netjes", "eventjes", "eventje", "zachtjes", "stilletjes", "toetje", "toetjes", "uitje", "uitjes", "eentje",
    "tientje", "tientjes", "kwartje", "kwartjes", "dubbeltje", "dubbeltjes", "ietsje", "lekkertje", "meisje",
    "meisjes", "beetje", "jeetje", "weetje", "weetjes", "stuivertje", "scheutje", "poosje", "spanje", "hartje",
    "lieverdje", "vrouwtje", "mannetje", "mannetjes", "vrouwtjes", "liefje", "schatje", "dingetje", "dingetjes",
    "ventje", "kontje", "kutje", "kutjes", "tuintje", "praatje", "praatjes", "kijkje", "ritje", "franje",
    "maartje", "saartje", "dirkje", "eefje", "mietje", "tietje", "tietjes", "denkje", "oudje", "zoetje", "drietjes",
}  # fmt: skip
SHORT_BASE_RANK = 10_000  # a base of three letters must be this common: rarer ones are mostly names ("eef")
# Short bases whose -etje form could also be read as another word ("balletje": bal, not ballet).
ETJE_BASES = {"balletje": "bal", "balletjes": "bal"}


def verb(stem: str) -> bool:
    return stem + "en" in _rank()


def _rank() -> dict[str, int]:
    if not _RANK:
        for i, entry in enumerate(analysis._read_list("nl_words.txt")[:VOCABULARY]):
            _RANK.setdefault(analysis.fold(entry), i)
    return _RANK


_RANK: dict[str, int] = {}


def bases(word: str) -> list[str]:
    """Candidate base nouns of a word that looks like a diminutive, most likely first."""
    m = re.fullmatch(r"(.+?)(jes|je)", word)
    if not m:
        return []
    head = m.group(1)
    found = [head]  # huisje, kaartje, dorpje, bankje
    if head.endswith("t") and verb(head[:-1]):  # steuntje: steun, not the verb form "steunt"
        found.insert(0, head[:-1])
    if re.search(r"([bcdfghklmnprstvz])\1et$", head):  # balletje -> ball -> bal, mannetje -> man
        found.append(head[:-3])
    elif head.endswith("et"):  # bloemetje -> bloem
        found.append(head[:-2])
    if head.endswith("t"):  # vrouwtje -> vrouw, autootje -> auto
        found.append(head[:-1])
        if re.search(r"([aeou])\1t$", head):
            found.append(head[:-2])
    if head.endswith("p"):  # boompje -> boom
        found.append(head[:-1])
    if head.endswith("nk"):  # koninkje -> koning
        found.append(head[:-2] + "ng")
    return found


def pairs() -> dict[str, str]:
    rank = _rank()
    found = dict(ETJE_BASES)
    for word, at in rank.items():
        if len(word) < 5 or not word.endswith(("je", "jes")) or word in LEXICALISED or word in found:
            continue
        for base in bases(word):
            common = rank.get(base, VOCABULARY) < (SHORT_BASE_RANK if len(base) == 3 else at)
            if len(base) >= 3 and common and base not in analysis.stopwords():
                found[word] = base
                break
    return found


def main() -> None:
    lines = [
        "# Diminutives and their base noun's stem, written by scripts/build_diminutives.py from nl_words.txt (see",
        "# there for the rules); read with nl_stem_overrides.txt as override rules by both engines.",
    ]
    lines += [f"{word} => {analysis.stem(base)}" for word, base in sorted(pairs().items())]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 2} diminutives -> {OUT}")


if __name__ == "__main__":
    main()
