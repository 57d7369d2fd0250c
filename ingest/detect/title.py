"""The title: the subject of a parliamentary paper ("Vragen van de leden ... over ...", "Motie van het lid ..."),
the "Onderwerp"/"Betreft" line, the subject of a beslisnota, or else the first heading of page 1 that is not a
letterhead, a page header or boilerplate; and whether a PDF's own Title is a title at all (not "Microsoft Word -
x.doc" or a file name) and agrees with the text.

A title set in capitals gets each word's casing from the rest of the document ("HEERLEN" is written "Heerlen"
there, "PARKEERPLAATSEN" "parkeerplaatsen"): lowering the whole line would lose the proper names."""

from __future__ import annotations

import re
from collections import Counter

from .parliament import detect_parliament

_USELESS_TITLE = re.compile(
    r"^(microsoft\s+(word|powerpoint|excel)\s*-|untitled|naamloos|document\d*$|titel$|title$|\W*$)"
    r"|\.(docx?|odt|rtf|pdf|xlsx?|pptx?|txt|wpd)\s*$",
    re.IGNORECASE,
)
_BOILERPLATE_LINE = re.compile(
    r"^(pagina \d+|page \d+|> ?retouradres|retouradres|postbus|vergaderjaar|tweede kamer der staten|eerste kamer der staten"
    r"|aan de voorzitter|der staten-generaal|datum\b|kenmerk|uw kenmerk|bijlage|www\.|http)",
    re.IGNORECASE,
)
_SUBJECT_LINE = re.compile(r"^(onderwerp|betreft)\s*:?\s+(.{3,})$", re.IGNORECASE)
_QUOTES = "\"'“”„‘’ "


def is_useful_title(title: str | None) -> bool:
    if not title or len(title.strip()) < 4:
        return False
    title = title.strip()
    if _USELESS_TITLE.search(title):
        return False
    # A file name rather than a title: no spaces, underscores or many digits.
    return " " in title or not re.search(r"[_\d]{3,}", title)


def _words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\w{3,}", text)}


def pdf_title_fits_text(title: str, first_page: str) -> bool:
    """A PDF Title is kept only when the text agrees: most of its words are on page 1 (or there is no text)."""
    words = _words(title)
    if not first_page.strip() or not words:
        return True
    return len(words & _words(first_page)) / len(words) >= 0.6


_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_SENTENCE_END = tuple(".!?:;(\"“”„'‘’")


def _usage(text: str) -> dict[str, Counter]:
    """How the document writes each word outside lines set in capitals: lowercase word -> Counter of
    ("lower" | "upper" | "cap" | "cap_mid", literal form). "cap_mid" is a capital in the middle of a sentence,
    where only a name has one."""
    usage: dict[str, Counter] = {}
    for line in text.splitlines():
        letters = [c for c in line if c.isalpha()]
        if not letters or sum(c.isupper() for c in letters) > len(letters) / 2:
            continue  # a line (mostly) in capitals says nothing of how its words are written
        for m in _WORD.finditer(line):
            word = m.group()
            forms = usage.setdefault(word.lower(), Counter())
            if word.islower():
                forms["lower", word] += 1
            elif word.isupper() and len(word) > 1:
                forms["upper", word] += 1
            elif word[0].isupper() and word[1:] == word[1:].lower():
                before = line[: m.start()].rstrip()
                forms["cap" if not before or before.endswith(_SENTENCE_END) else "cap_mid", word] += 1
    return usage


def _recase(title: str, usage: dict[str, Counter]) -> str:
    """A title in capitals with each word as the document writes it elsewhere (lowercase when unknown), its
    first letter a capital."""

    def form(m: re.Match) -> str:
        forms = usage.get(m.group().lower(), Counter())
        count = {
            kind: sum(n for (k, _), n in forms.items() if k == kind) for kind in ("lower", "upper", "cap", "cap_mid")
        }

        def commonest(*kinds: str) -> str:
            return max((n, w) for (k, w), n in forms.items() if k in kinds)[1]

        if count["upper"] > count["lower"] + count["cap"] + count["cap_mid"]:
            return commonest("upper")  # an abbreviation: TOZO, LNV
        if count["cap_mid"] > count["lower"] or (count["lower"] == 0 and count["cap"] > 0):
            return commonest("cap", "cap_mid")  # a name: Heerlen, Grinwis
        return m.group().lower()

    recased = _WORD.sub(form, title)
    return recased[:1].upper() + recased[1:]


def tidy_title(line: str, usage: str = "") -> str:
    """Without quotes and runs of spaces, at most 300 characters; a line in capitals in sentence case, with the
    names `usage` (the document's text) writes with a capital."""
    line = line.strip().strip(_QUOTES).strip()
    if line.isupper() and len(line) > 12:
        line = _recase(line, _usage(usage))
    return re.sub(r"\s+", " ", line)[:300]


_QUESTIONS = re.compile(r"^vragen van (het lid|de leden)\b", re.IGNORECASE)
_KAMERSTUK_TITLE = re.compile(r"^nr\. ?\S+ (?P<title>.{4,})$", re.IGNORECASE)
_NUMBERED_ACT = re.compile(r"^(resolution|resolutie)\s+\d+\s*\(\d{4}\)$", re.IGNORECASE)
# The labels and headings of a nota's header block, around its subject.
_NOTA_LABEL = re.compile(
    r"^(\W*\s*)*(datum|kenmerk|ons kenmerk|kopie aan|bijlage\(?n?\)?|parafenroute|aan de|van|cc)\b", re.IGNORECASE
)
_NOTA_BODY = re.compile(r"^(aanleiding|geadviseerd besluit|beslispunten|toelichting|samenvatting|kernpunten)\b", re.I)
# A reference number in the right-hand column of the same line in OCR text: "DGA-PAV / 21286882", "AP BHM: 2128".
_REFERENCE = re.compile(r"\s+[A-Z][A-Z-]+(?: [A-Z]+)?\s*[/:]\s*\d{5,}\b.*$")
# A label of the document's kind on a line of its own is not its title.
_KIND_LABEL = re.compile(r"^(press release|news item|persbericht|nieuwsbericht|nota|beleidsnota|beslisnota)$", re.I)
# A heading line that ends in one of these words runs on.
_RUNS_ON = re.compile(r"\b(van|de|het|en|voor|op|in|over|met|der|bij|gemeente|provincie)$")
_LETTERHEAD = re.compile(
    r"^(ministerie van|ministry of|directoraat-generaal|directie|gemeente|provincie|waterschap"
    r"|hoogheemraadschap|officiële uitgave)\b",
    re.IGNORECASE,
)


def _clean_lines(page: str) -> list[str]:
    return [line for raw in page.splitlines() if (line := raw.strip().strip(_QUOTES).strip())]


def _questions_title(lines: list[str]) -> str | None:
    """Kamervragen: "Vragen van de leden X en Y (D66) aan de Minister van ... over ... (ingezonden 3 juni 2021)."
    without the date sent in; not the Aanhangsel's boilerplate "Vragen gesteld door de leden der Kamer, ..."."""
    for i, line in enumerate(lines[:15]):
        if _QUESTIONS.match(line):
            parts = []
            for part in lines[i : i + 6]:
                parts.append(part)
                if "(ingezonden" in part or part.endswith("."):
                    break
            title = re.sub(r"\s*\(ingezonden\b.*$", "", " ".join(parts)).rstrip(" .")
            return title if len(title) > len(line) // 2 else None
    return None


def _kamerstuk_title(lines: list[str]) -> str | None:
    """The kind and authors of a Kamerstuk under its number: "Nr. 143 MOTIE VAN DE LEDEN X EN Y", running on
    over the lines in capitals that follow ("Nr. 8 AMENDEMENT VAN HET LID X TER VERVANGING VAN ...")."""
    for i, line in enumerate(lines[:10]):
        m = _KAMERSTUK_TITLE.match(line)
        if m:
            parts = [m.group("title")]
            for following in lines[i + 1 : i + 4]:
                if not (parts[-1].isupper() and following.isupper()):
                    break
                parts.append(following)
            return " ".join(parts)
    return None


def _nota_subject(lines: list[str]) -> str | None:
    """A beslisnota read by OCR loses its "Onderwerp" label: the subject is the first line of words in the header
    block after "TER BESLISSING", without the reference numbers of the column beside it and OCR debris, and with
    the lowercase lines that continue it."""
    start = next((i for i, line in enumerate(lines[:25]) if line.upper() == "TER BESLISSING"), None)
    if start is None:
        return None

    def cleaned(line: str) -> list[str]:
        words = _REFERENCE.sub("", line).split()
        while words and sum(c.isalpha() for c in words[-1]) < 2:
            words.pop()  # debris at the end: "/e"
        return words

    for i in range(start + 1, min(start + 20, len(lines))):
        if _NOTA_BODY.match(lines[i]):
            return None
        words = cleaned(lines[i])
        if _NOTA_LABEL.match(lines[i]) or len([w for w in words if sum(c.isalpha() for c in w) >= 3]) < 3:
            continue
        if words and words[0].lower() == "nota":
            words = words[1:]  # the label of the subject line
        # A garbled label before the subject ("Nn Ota" for "Nota"): up to two short words before a capital.
        lead = next((j for j, w in enumerate(words[:3]) if w[:1].isupper() and len(w) >= 4), 0)
        if all(len(w) <= 3 for w in words[:lead]):
            words = words[lead:]
        for following in lines[i + 1 : i + 3]:
            more = cleaned(following)
            if not more or not more[0][:1].islower() or _NOTA_LABEL.match(following):
                break
            words += more
        return " ".join(words)
    return None


def _page_headers(pages: list[str]) -> set[str]:
    """Lines that open or close at least two of the other pages: running heads and feet ("S/RES/1441 (2002)")."""
    counts: Counter = Counter()
    for page in pages:
        lines = _clean_lines(page)
        counts.update({line for line in lines[:3] + lines[-3:] if len(line) >= 6})
    return {line for line, n in counts.items() if n >= 2}


def _first_heading(raw_lines: list[str], headers: set[str]) -> str | None:
    """The first line that can be a heading, with the lines that continue it."""
    lines = [line.strip(_QUOTES).strip() for line in raw_lines]
    skip_next = False
    for i, line in enumerate(lines[:25]):
        if skip_next:
            skip_next = False
            continue
        if _LETTERHEAD.match(line):
            # A letterhead's name wraps: "Ministerie van Landbouw," / "Natuur en Voedselkwaliteit".
            skip_next = line.endswith((",", " en", " van"))
            continue
        letters = sum(c.isalpha() for c in line)
        if letters < 8 or len(line.split()) < 2 or line.startswith(">"):
            continue
        if any(header in line for header in headers) or _KIND_LABEL.match(line):
            continue
        # "Bijlage: inventarislijst bij ..." is the title of an appendix; a bare "Bijlage(n)" label is not.
        attached = re.match(r"^bijlage\s*(\d+|[IVX]+)?\s*:\s*(?P<rest>\w.{8,})$", line, re.IGNORECASE)
        if attached:
            line = attached.group("rest")
            line = line[:1].upper() + line[1:]
        elif _BOILERPLATE_LINE.match(line):
            continue
        parts = [line]
        following = lines[i + 1 : i + 4]
        if line.isupper() and not raw_lines[i].endswith(("”", '"')):
            # A heading in capitals runs on over the capitals below it, to the end of its quotation if quoted.
            for raw, more in zip(raw_lines[i + 1 : i + 4], following):
                if not more.isupper():
                    break
                parts.append(more)
                if raw.endswith(("”", '"')):
                    break
        elif following and line[-1:].isalpha() and (following[0][:1].islower() or _RUNS_ON.search(line)):
            parts.append(following[0].strip(_QUOTES))  # a line that stops mid-sentence
        return re.sub(r"\s+aanvang\s+\d{1,2}[.:]\d{2}(\s*uur)?$", "", " ".join(parts))
    return None


def _citation_title(raw_lines: list[str], title: str) -> str | None:
    """A quoted short title on its own line under a quoted title in capitals: "PARKEERVERORDENING 2025"."""
    for i, raw in enumerate(raw_lines[:-1]):
        if raw.rstrip().endswith(("”", '"')) and raw.strip().strip(_QUOTES).strip() in title:
            short = raw_lines[i + 1].strip()
            if short[:1] in '“”"„' and short[-1:] in '“”"' and len(short.split()) <= 6:
                return short.strip(_QUOTES).strip()
    return None


def title_from_text(first_page: str, other_pages: list[str] | None = None) -> str | None:
    """The title a reader would give the document, from page 1 (the other pages only tell names from words and
    page headers from headings); None when page 1 has no line that can be one."""
    other_pages = other_pages or []
    usage = "\n".join([first_page, *other_pages])
    lines = _clean_lines(first_page)
    if not lines:
        return None
    found = _questions_title(lines)
    if found is None and detect_parliament([first_page]):
        found = _kamerstuk_title(lines)
    if found is None:
        for line in lines[:40]:
            m = _SUBJECT_LINE.match(line)
            if m:
                found = m.group(2)
                following = lines[lines.index(line) + 1 : lines.index(line) + 3]
                # A subject that runs on: the next line starts in lowercase.
                for more in following:
                    if not more[:1].islower() or found[-1:] in ".:;":
                        break
                    found += " " + more
                break
    if found is None:
        found = _nota_subject(lines)
    if found is None:
        found = next((line for line in lines[:15] if _NUMBERED_ACT.match(line)), None)
    if found is None:
        raw_lines = [line for raw in first_page.splitlines() if (line := raw.strip()) and line.strip(_QUOTES)]
        found = _first_heading(raw_lines, _page_headers(other_pages))
        if found and found.isupper():
            short = _citation_title(raw_lines, found)
            if short:
                return f"{tidy_title(found, usage)} ({tidy_title(short, usage)})"
    return tidy_title(found, usage) if found else None
