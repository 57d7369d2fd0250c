"""Woo/Wob inventory tables (inventarislijsten) read from a PDF's extracted page text.

The text is what the project's extractor gives (pypdfium2 by default): no coordinates, cells in the order the
PDF draws them, which for a table is row by row, cell by cell. Cells on one baseline share a line, a wrapped
cell spans several. So a table is found by its heading (a run of lines made of column names: "Nr. ID
Documentnaam Beoordeling / Weigerings / gronden"), rows by their numbers (each the successor of the one
before: 1, 2, 2.a, 2.b, 3), and a row's cells by the heading's column order around its judgement, the one cell
with a closed vocabulary. Whatever cannot be placed with confidence is left empty and named in `unread`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, cast

from openarchief.search.analysis import fold
from openarchief.search.model import InventoryRow, Judgement, Page
from openarchief.search.woo import ground_codes, judgement

Role = Literal["number", "docid", "title", "date", "kind", "judgement", "grounds", "other"]

# Only pages holding one of these go on to the heading search: the cheap test that keeps ordinary PDFs cheap
# (substring tests on the lowered text: a case-insensitive regex costs several times more).
_TRIGGERS = ("beoordel", "weigerings", "beslissing", "uitzonderingsgr")

# Column names as headings write them, folded, without dots, colons and brackets.
_COLUMNS: dict[str, Role] = {
    **dict.fromkeys(["nr", "no", "nummer", "volgnummer", "volgnr", "rijnummer", "#"], "number"),
    **dict.fromkeys(
        [
            "id",
            "documentnr",
            "documentnummer",
            "document nr",
            "document nummer",
            "docnr",
            "doc nr",
            "document id",
            "documentid",
            "id nummer",
            "kenmerk",
            "inventarisnummer",
            "inv nr",
        ],
        "docid",
    ),
    **dict.fromkeys(
        [
            "documentnaam",
            "naam document",
            "onderwerp",
            "titel document",
            "titel",
            "documenttitel",
            "omschrijving",
            "omschrijving document",
            "beschrijving",
            "document",
            "bestandsnaam",
            "naam",
        ],
        "title",
    ),
    **dict.fromkeys(["datum", "datum document", "documentdatum", "date"], "date"),
    **dict.fromkeys(
        ["beoordeling", "beoordeling openbaarmaking", "oordeel", "besluit", "beslissing", "openbaarmaking"],
        "judgement",
    ),
    **dict.fromkeys(
        [
            "weigeringsgronden",
            "weigeringsgrond",
            "weigeringsgronden wob",
            "weigeringsgronden woo",
            "beslissing conform",
            "uitzonderingsgrond",
            "uitzonderingsgronden",
            "grond",
            "gronden",
            "grondslag",
            "wettelijke grondslag",
            "wob",
            "woo",
            "artikel",
        ],
        "grounds",
    ),
    **dict.fromkeys(["soort document", "soort", "type", "documentsoort", "documenttype"], "kind"),
    **dict.fromkeys(
        [
            "afzender",
            "ontvanger",
            "tijd",
            "vindplaats",
            "vindplaats reeds openbare stukken",
            "link",
            "publieke link",
            "opmerking",
            "opmerkingen",
            "toelichting",
            "familie",
            "bijlage",
            "bijlagen",
            "paginas",
            "aantal paginas",
        ],
        "other",
    ),
}
_LONGEST_NAME = max(len(name.split()) for name in _COLUMNS)

# A row's first token: its number, with a letter for a sub-row ("2.a", "2a"), followed by a space or the end
# of the line (so "10.2.e" and "217836_00001" are no row numbers).
_ROW_START = re.compile(r"^(\d{1,5})(?:\.?([a-z]))?\.?(?=\s|$)")

# Judgements as inventories write them; a line break may fall between the words.
_JUDGEMENT = re.compile(
    r"\b(?:(?:deels|gedeeltelijk|niet|reeds)[\s-]*openbaar|buiten[\s-]*(?:de[\s-]+)?(?:reikwijdte|scope)|openbaar)\b",
    re.IGNORECASE,
)
# pypdfium2 glues a cell to the next when they touch: "beschermingsasielverzoeken.pdfDeels / Openbaar".
_GLUED = re.compile(r"(?<=[a-z0-9.)\]])(?=(?:Deels|Gedeeltelijk|Niet|Reeds|Buiten|Openbaar)\b)")
_URL = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
# What a "Soort document" cell holds: one word, read off before the title.
_KINDS = frozenset(
    "e-mail email mail brief nota notitie memo verslag presentatie rapport agenda bijlage besluit advies sms "
    "whatsapp chatbericht chat document word pdf excel spreadsheet afbeelding factuur overeenkomst".split()
)
# The tokens a grounds cell is made of ("Art. 11 lid 1 Wob", "10.2.e,", "5.1.2e;", "5.1 lid 2 sub e", "en").
_GROUND_TOKEN = re.compile(
    r"(?:art\.?|artikel|lid|sub|onder|aanhef|en|wob|woo|\d{1,2}(?:\.\d{1,2}){0,2}\.?[a-i]?|[a-i]|\(?[a-i]\)"
    r"|eerste|tweede|derde|vierde|vijfde|-|n\.?v\.?t\.?|nvt)[,;.]?",
)
# A grounds cell that names no ground on purpose (article 3 Wob: outside the request; "n.v.t.").
_NO_GROUND = re.compile(r"\bart(?:ikel|\.)?\s*3\b|^\s*(?:-|n\.?v\.?t\.?|nvt)\s*$", re.IGNORECASE)

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "maa": 3,
    "apr": 4,
    "mei": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_DATE = re.compile(
    r"(?:(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4}|\d{2})"
    r"|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<wd>\d{1,2})\s+(?P<wm>[a-z]{3})[a-z]*\.?\s+(?P<wy>\d{4}))"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?(?:\s*utc)?)?",
    re.IGNORECASE,
)
# A file name wrapped where it has no space: "..._vastgoed. / docx.pdf", "217858_00019_ / Crisisberaad".
_WRAPPED_NAME = re.compile(r"(?:(?<=\.)\n(?=(?:docx?|pdf|xlsx?|pptx?|msg|eml|txt)\b)|(?<=[_/])\n(?=\w))", re.IGNORECASE)
_EMPTY_CELL = re.compile(r"^(?:-|onbekend|n\.?v\.?t\.?|nvt)(?:\s|$)", re.IGNORECASE)
# An id glued to the title beside it ("288351E-mail").
_GLUED_ID = re.compile(r"^(\d{3,})([A-Z](?:[a-z]|-[a-z]|[A-Z]*:).*)$")
_DOCID = re.compile(r"^[A-Za-z]{0,8}[-_./]?\d[\w./-]*$")
_PAGE_NUMBER = re.compile(
    r"^(?:(?:pagina|page|blz\.?|p\.)\s*\d+(?:\s*(?:van|of|/)\s*\d+)?|\d+\s*(?:/|van)\s*\d+|-\s*\d+\s*-)$", re.I
)


@dataclass(frozen=True)
class Layout:
    """The columns of one inventory table, in the order the heading gives them."""

    roles: tuple[Role, ...]

    @property
    def judgement_at(self) -> int | None:
        return self.roles.index("judgement") if "judgement" in self.roles else None


@dataclass
class Line:
    text: str
    page: int


@dataclass
class Segment:
    number: str
    page: int
    lines: list[str] = field(default_factory=list)
    # The next row's number is not this one's successor: this row may hold the missing one's cells.
    gap_after: bool = False


# --- the heading ---------------------------------------------------------------------------------------------


def _triggered(text: str) -> bool:
    lowered = text.lower()
    return any(word in lowered for word in _TRIGGERS)


def _name(token: str) -> str:
    return re.sub(r"[.:()'’]", "", fold(token))


@lru_cache(maxsize=1)
def _fragments() -> frozenset[str]:
    """Every name's word, and the pieces a heading broken mid-word leaves ("volgnum" + "mer")."""
    words = {word for name in _COLUMNS for word in name.split()}
    pieces = {word[:i] for word in words for i in range(1, len(word))}
    pieces |= {word[i:] for word in words for i in range(1, len(word))}
    return frozenset(words | pieces)


def _heading_like(text: str) -> bool:
    tokens = [_name(t) for t in text.split()]
    if not tokens or len(tokens) > 14:
        return False
    known = sum(1 for t in tokens if t in _fragments())
    return known >= max(1, round(len(tokens) * 0.75))


def _parse_heading(tokens: list[str]) -> tuple[Role, ...]:
    """Column roles from a heading's tokens, joining pieces broken over lines; unknown runs are "other"."""
    roles = _read_names(tokens, _COLUMNS)
    if "title" not in roles:
        # "Datum Document" is also two columns, a date and a title: read so when the table has no title else.
        split = _read_names(tokens, _single_names())
        if "title" in split:
            return split
    return roles


@lru_cache(maxsize=1)
def _single_names() -> dict[str, Role]:
    """The column names that are not two names in one ("datum document", "soort document")."""

    def composite(name: str) -> bool:
        words = name.split()
        return len(words) > 1 and all(word in _COLUMNS for word in words)

    return {name: role for name, role in _COLUMNS.items() if not composite(name)}


def _read_names(tokens: list[str], names: dict[str, Role]) -> tuple[Role, ...]:
    roles: list[Role] = []
    i = 0
    while i < len(tokens):
        match = _longest_name(tokens, i, names)
        if match:
            role, used = match
            roles.append(role)
            i += used
            continue
        if not roles or roles[-1] != "other":
            roles.append("other")
        i += 1
    return tuple(roles)


def _longest_name(tokens: list[str], start: int, names: dict[str, Role]) -> tuple[Role, int] | None:
    for count in range(min(_LONGEST_NAME + 2, len(tokens) - start), 0, -1):
        for name in _joinings(tokens[start : start + count]):
            if name in names:
                return names[name], count
    return None


def _joinings(parts: list[str]) -> list[str]:
    """The ways a heading's pieces join: with a space between words, or none where a word was broken."""
    joined = [parts[0]]
    for part in parts[1:]:
        joined = [j + sep + part for j in joined for sep in (" ", "")]
    return joined


def _find_heading(lines: list[str]) -> tuple[Layout, int] | None:
    """The table heading on a page, and the index of its last line."""
    for i, line in enumerate(lines):
        if not _triggered(line) or not _heading_like(line):
            continue
        start, end = i, i
        while (
            start > 0 and i - start < 6 and _heading_like(lines[start - 1]) and not _ROW_START.match(lines[start - 1])
        ):
            start -= 1
        while end + 1 < len(lines) and end - i < 6 and _heading_like(lines[end + 1]):
            end += 1
        tokens = [_name(t) for line in lines[start : end + 1] for t in line.split()]
        roles = _parse_heading(tokens)
        if _is_inventory(roles) and end + 1 < len(lines) and _row_number(lines[end + 1]):
            return Layout(roles), end
    return None


def _is_inventory(roles: tuple[Role, ...]) -> bool:
    return len(roles) >= 3 and roles[0] in ("number", "docid") and ("judgement" in roles or "grounds" in roles)


# --- rows ------------------------------------------------------------------------------------------------------


def _successors(number: str) -> tuple[str, ...]:
    """The numbers that may follow `number`: the next one, or its next sub-row ("2" -> "2.a"; "2.a" -> "2.b")."""
    base, _, letter = number.partition(".")
    after = str(int(base) + 1)
    if letter:
        return (after, f"{base}.{chr(ord(letter) + 1)}") if letter < "z" else (after,)
    return (after, f"{base}.a")


def _row_number(line: str) -> str | None:
    match = _ROW_START.match(line)
    # "24 januari 2021" on a line of its own is a date cell, not row 24.
    if not match or _DATE.match(line):
        return None
    number = str(int(match.group(1)))
    return f"{number}.{match.group(2)}" if match.group(2) else number


def _has_judgement(lines: list[str]) -> bool:
    return _JUDGEMENT.search(_mask_urls("\n".join(lines))) is not None


def _next_start(lines: list[Line], begin: int, number: str, layout: Layout, limit: int) -> int | None:
    """Where the row after `number` starts: the first successor number, preferring (when the table has
    judgements) one after which the current row holds its judgement, since a wrapped title line may begin
    with the successor's number. A number or two may be missing (rows taken out, or a number glued to the
    line before it): a later number is taken only once the current row holds its judgement."""
    wanted = _successors(number)
    skipped = _skips(number)
    judged = layout.judgement_at is None
    first = None
    for i in range(begin + 1, min(limit, len(lines))):
        found = _row_number(lines[i].text)
        if found is None or (found not in wanted and (found not in skipped or first is not None)):
            continue
        judged = judged or _has_judgement([line.text for line in lines[begin:i]])
        if judged:
            return i
        if first is None:
            first = i
    return first


def _skips(number: str) -> tuple[str, ...]:
    base = int(number.partition(".")[0])
    return (str(base + 2), str(base + 3))


def _segments(lines: list[Line], start: int, layout: Layout) -> list[Segment]:
    """The table's rows as runs of lines, each starting with its number, until the numbering stops."""
    segments: list[Segment] = []
    first = _row_number(lines[start].text)
    if first is None:
        return []
    current, at = first, start
    while True:
        # A row never runs over more than two further pages: the search ends where the table must have ended.
        limit = _page_end(lines, at, pages=3)
        after = _next_start(lines, at, current, layout, limit)
        end = after if after is not None else _last_row_end(lines, at, segments)
        segment = Segment(current, lines[at].page, _strip_number([line.text for line in lines[at:end]]))
        segments.append(segment)
        if after is None:
            return segments
        following = cast(str, _row_number(lines[after].text))
        segment.gap_after = following not in _successors(current)
        current, at = following, after


def _page_end(lines: list[Line], at: int, pages: int) -> int:
    last_page = lines[at].page + pages - 1
    end = at
    while end < len(lines) and lines[end].page <= last_page:
        end += 1
    return end


def _last_row_end(lines: list[Line], at: int, segments: list[Segment]) -> int:
    """The last row ends on its page, and is no longer than a long row of the table: what follows is text."""
    longest = max((len(s.lines) for s in segments), default=8)
    end = _page_end(lines, at, pages=1)
    return min(end, at + longest + 2)


def _strip_number(lines: list[str]) -> list[str]:
    first = _ROW_START.sub("", lines[0], count=1).strip()
    return ([first] if first else []) + lines[1:]


# --- cells -----------------------------------------------------------------------------------------------------


def _ground_like(line: str) -> bool:
    # "Art. 10lid 2": pypdfium2 drops the space where a cell's line wrapped.
    spaced = re.sub(r"(?<=\d)(?=[a-z]{2})", " ", fold(line))
    tokens = spaced.replace(",", " , ").replace(";", " ; ").split()
    return bool(tokens) and all(t in (",", ";", "/", "&", "+") or _GROUND_TOKEN.fullmatch(fold(t)) for t in tokens)


def _mask_urls(text: str) -> str:
    """`text` with its URLs blanked (same length), including the lines a URL wrapped onto: those hold one
    token ("merstukken/2021/01/25/bijlage-a-openbaar-vervoer"), and may name a judgement."""
    out = []
    wrapping = False
    for line in text.split("\n"):
        if wrapping and line.strip() and " " not in line.strip() and not _ground_like(line):
            out.append(" " * len(line))
            continue
        urls = list(_URL.finditer(line))
        wrapping = bool(urls) and urls[-1].end() == len(line.rstrip())
        out.append(_URL.sub(lambda m: " " * len(m.group()), line))
    return "\n".join(out)


def _judgement_match(text: str) -> re.Match[str] | None:
    """The judgement cell: the last judgement the row names (a title may name one before it)."""
    masked = _mask_urls(text)
    matches = list(_JUDGEMENT.finditer(masked))
    return matches[-1] if matches else None


def _judgement_value(written: str) -> str | None:
    """The judgement of a cell, its words spaced as `judgement` expects ("DeelsOpenbaar", "Buitenreikwijdte")."""
    return judgement(re.sub(r"^(deels|gedeeltelijk|niet|reeds|buiten)[\s-]*", r"\1 ", written, flags=re.IGNORECASE))


def _date(text: str) -> dt.date | None:
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    try:
        if match.group("iy"):
            return dt.date(int(match.group("iy")), int(match.group("im")), int(match.group("id")))
        if match.group("wd"):
            month = _MONTHS.get(fold(match.group("wm")))
            return dt.date(int(match.group("wy")), month, int(match.group("wd"))) if month else None
        day, month, year = int(match.group("d")), int(match.group("m")), int(match.group("y"))
        if "/" in match.group() and day <= 12 and month <= 12 and day != month:
            # "2/3/2021" may be written the American way (the productierapport does): no date rather than a guess.
            return None
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


@dataclass
class Cells:
    """What a row's text gave, column by column."""

    values: dict[str, object] = field(default_factory=dict)
    unread: list[str] = field(default_factory=list)


def _take_front(text: str, role: Role, cells: Cells) -> str:
    """Reads the cell at the start of `text` (an id or a date) and returns the rest."""
    text = text.strip()
    if role == "docid":
        token, rest = (text.split(maxsplit=1) + ["", ""])[:2]
        if glued := _GLUED_ID.match(token):
            token, rest = glued.group(1), f"{glued.group(2)} {rest}"
        if _DOCID.match(token.strip(",;")):
            cells.values["document_id"] = token.strip(",;")
            return rest
        cells.unread.append("document_id")
        return text
    if role == "date":
        match = _DATE.match(text)
        if match and (value := _date(match.group())):
            cells.values["date"] = value
            return text[match.end() :]
        empty = _EMPTY_CELL.match(text)
        if not empty:
            cells.unread.append("date")
        return text[empty.end() :] if empty else text
    return text


def _take_back(text: str, role: Role, cells: Cells) -> str:
    """Reads the cell at the end of `text` (an id or a date) and returns what precedes it."""
    text = text.strip()
    if role == "date":
        matches = [m for m in _DATE.finditer(text) if m.end() == len(text)]
        if matches and (value := _date(matches[-1].group())):
            cells.values["date"] = value
            return text[: matches[-1].start()]
        cells.unread.append("date")
        return text
    if role == "docid":
        parts = text.rsplit(maxsplit=1)
        rest, token = (parts[0], parts[1]) if len(parts) == 2 else ("", text)
        if _DOCID.match(token):
            cells.values["document_id"] = token
            return rest
        cells.unread.append("document_id")
    return text


def _take_kind(text: str) -> str | None:
    """The text after a "Soort document" cell of one known word, or None."""
    parts = text.split(maxsplit=1)
    if len(parts) == 2 and fold(parts[0]).strip(".:") in _KINDS:
        return parts[1]
    return None


def _before_judgement(text: str, roles: tuple[Role, ...], cells: Cells) -> None:
    """Id, date and title: the cells between the row number and the judgement, by the heading's order."""
    if "grounds" in roles:
        # Grounds before the judgement: where the title ends and the grounds begin is not known.
        cells.unread.extend(["title", "grounds"])
        roles = tuple(r for r in roles if r not in ("title", "grounds"))
    front = 0
    while front < len(roles) and roles[front] in ("docid", "date"):
        text = _take_front(text, roles[front], cells)
        front += 1
    back = len(roles)
    while back > front and roles[back - 1] in ("docid", "date"):
        text = _take_back(text, roles[back - 1], cells)
        back -= 1
    middle = roles[front:back]
    if middle[:1] == ("kind",) and (rest := _take_kind(text)) is not None:
        text, middle = rest, middle[1:]
    title = " ".join(_WRAPPED_NAME.sub("", text).split())
    if "title" in middle:
        if set(middle) != {"title"} or not title:
            # Another cell beside the title, with nothing to tell where one ends: no title rather than a
            # wrong one.
            cells.unread.append("title")
        else:
            cells.values["title"] = title


def _after_judgement(text: str, roles: tuple[Role, ...], value: str, cells: Cells) -> None:
    """The grounds: the lines after the judgement made of ground notations; then other cells may follow."""
    if "grounds" not in roles:
        return
    lines = [line for line in text.strip().split("\n") if line.strip()]
    cell: list[str] = []
    for line in lines:
        if not _ground_like(line):
            break
        cell.append(line)
    written = " ".join(cell)
    codes = ground_codes(written)
    if codes:
        cells.values["grounds"] = codes
    elif written and not _NO_GROUND.search(written):
        cells.unread.append("grounds")
    elif not written and lines and value in ("deels_openbaar", "niet_openbaar") and roles[-1] == "grounds":
        # A withheld document whose last cell is text but no ground: an unknown notation.
        cells.unread.append("grounds")


def _row(segment: Segment, layout: Layout) -> InventoryRow:
    cells = Cells()
    roles = layout.roles
    if roles[0] == "docid":
        cells.values["document_id"] = segment.number
    text = _GLUED.sub("\n", "\n".join(segment.lines))
    at = layout.judgement_at
    match = _judgement_match(text) if at is not None else None
    value = _judgement_value(match.group()) if match else None
    if at is None:
        # Without a judgement column there is no fixed cell to split on: only the grounds can be read.
        cells.values["grounds"] = ground_codes(text)
    elif match is None or value is None or (segment.gap_after and len(_JUDGEMENT.findall(text)) > 1):
        # No judgement, or (before a missing number) two: the row may hold another's cells.
        cells.unread.append("judgement")
        cells.unread.extend(_columns_of(roles[1:]))
    else:
        cells.values["judgement"] = value
        _before_judgement(text[: match.start()], roles[1:at], cells)
        _after_judgement(text[match.end() :], roles[at + 1 :], value, cells)
    return InventoryRow(
        number=segment.number,
        document_id=cast("str | None", cells.values.get("document_id")),
        title=cast(str, cells.values.get("title", "")),
        date=cast("dt.date | None", cells.values.get("date")),
        judgement=cast("Judgement | None", cells.values.get("judgement")),
        grounds=cast(list[str], cells.values.get("grounds", [])),
        unread=list(dict.fromkeys(cells.unread)),
        origin="text",
        listed_page=segment.page,
    )


def _columns_of(roles: tuple[Role, ...]) -> list[str]:
    names = {"docid": "document_id", "title": "title", "date": "date", "grounds": "grounds"}
    return [names[r] for r in roles if r in names]


# --- pages -----------------------------------------------------------------------------------------------------


def _page_lines(page: Page, layout: Layout | None) -> list[str]:
    """A page's lines without its furniture: page numbers, and on a continuation page the repeated heading."""
    lines = [line for line in page.text.split("\n") if line.strip()]
    lines = [line for line in lines if not _PAGE_NUMBER.match(line)]
    for edge in (0, -1):
        if lines and lines[edge].strip() == str(page.number):
            lines.pop(edge)
    if layout is not None:
        while lines and _all_names(lines[0]) and not _ROW_START.match(lines[0]):
            lines.pop(0)
    return lines


def _all_names(line: str) -> bool:
    return all(_name(t) in _fragments() for t in line.split())


def _scrambled(segments: list[Segment], layout: Layout) -> set[int]:
    """Pages whose text is not row by row (an extractor that groups a table by columns): there a row without
    any cell, with more than one judgement cell, or many rows without a judgement show the order cannot be
    trusted."""
    bad: set[int] = set()
    unjudged: Counter[int] = Counter()
    for segment in segments:
        text = _mask_urls("\n".join(segment.lines))
        judgements = list(_JUDGEMENT.finditer(text))
        if not segment.lines or sum(1 for m in judgements if _alone(text, m)) > 1:
            bad.add(segment.page)
        unjudged[segment.page] += not judgements
    if layout.judgement_at is not None:
        on_page = Counter(s.page for s in segments)
        bad |= {page for page, count in unjudged.items() if count * 4 > on_page[page]}
    return bad


def _alone(text: str, match: re.Match[str]) -> bool:
    """A judgement that fills its line(s) by itself: a cell, not words in a title."""
    before = text[: match.start()].rsplit("\n", 1)[-1]
    after = text[match.end() :].split("\n", 1)[0]
    return not before.strip() and (not after.strip() or _ground_like(after))


def _table(pages: list[Page], index: int) -> tuple[list[InventoryRow], int]:
    """The table whose heading is on pages[index] (if any): its rows, and the index of the page it ends on."""
    first = pages[index]
    page_lines = _page_lines(first, None)
    found = _find_heading(page_lines)
    if found is None:
        return [], index
    layout, heading_end = found
    lines = [Line(text, first.number) for text in page_lines[heading_end + 1 :]]
    for page in pages[index + 1 :]:
        lines.extend(Line(text, page.number) for text in _page_lines(page, layout))
    segments = _segments(lines, 0, layout)
    if not segments:
        return [], index
    rows = [_row(s, layout) for s in segments]
    bad = _scrambled(segments, layout)
    if len(bad) * 2 >= len({s.page for s in segments}):
        # Most of the table is not row by row (pdfminer groups a table by columns): even its numbers may be
        # dates or titles, so nothing of it is given.
        return [], index
    rows = [_unread_all(row, layout) if row.listed_page in bad else row for row in rows]
    if not any(row.judgement or row.grounds for row in rows):
        return [], index
    last_page = segments[-1].page
    return rows, next(i for i, p in enumerate(pages) if p.number == last_page)


def _unread_all(row: InventoryRow, layout: Layout) -> InventoryRow:
    unread = ["judgement"] if layout.judgement_at is not None else []
    unread += _columns_of(layout.roles[1:])
    document_id = row.number if layout.roles[0] == "docid" else None
    return InventoryRow(number=row.number, document_id=document_id, unread=unread, listed_page=row.listed_page)


def parse_inventory(pages: list[Page]) -> list[InventoryRow]:
    """Every row of the inventory tables in a document's pages, in order; [] when it holds none."""
    rows: list[InventoryRow] = []
    index = 0
    while index < len(pages):
        if _triggered(pages[index].text):
            found, end = _table(pages, index)
            if found:
                rows.extend(found)
                index = end + 1
                continue
        index += 1
    return rows
