"""A decision on a Woo or Wob request, recognised from its letter's first pages: which kind, its kenmerk, date and
subject, and a title a reader would give it.

A letter counts as a decision when its subject line (or a heading) says so ("Besluit op uw Woo-verzoek",
"Reactie op uw Wob-verzoek", "Woo-besluit"), or when it both states the request ("met een beroep op de Wet open
overheid ... verzocht") and decides on it ("Uw verzoek wordt gedeeltelijk ingewilligd", "Hierbij besluit ik").
Letters that only mention the Woo, and the letters around a request that decide nothing (a receipt, a
deferral), give None: a wrong dossier misleads more than a missing one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from openarchief.ingest.detect import find_date, tidy_title
from openarchief.ingest.detect.folding import fold_line

# A decision states the request and the decision on its first pages; reading more only costs time.
_PAGES = 3
_LAW = r"(?:woo|wob|wet open overheid|wet openbaarheid van bestuur)"
_QUICK = re.compile(
    r"\bwo[ob]\b|wet\s+open(?:baarheid\s+van\s+bestuur|\s+overheid)|verzoek\s+om\s+(?:informatie|openbaarmaking)"
)
_REQUEST = rf"(?:{_LAW}[- ]?(?:informatie)?verzoek|verzoek om (?:informatie|openbaarmaking)|informatieverzoek|verzoek (?:op grond|in het kader) van de {_LAW})"
# How a decision names itself in its subject line or heading.
_DECISION_TITLE = re.compile(
    rf"^(?:(?:deel)?besluit|beslissing|reactie|antwoord) op (?:uw|het|een|de) (?:\w+ )?{_REQUEST}"
    rf"|^{_LAW}[- ]?(?:deel)?besluit\b"
    rf"|^(?:deel)?besluit (?:op grond van |in het kader van |inzake )?(?:de |uw |het )?{_LAW}\b"
)
# Letters around a request that decide nothing, by their subject line: a receipt, a deferral, a reminder.
_NOT_A_DECISION = re.compile(
    r"^(?:ontvangst|bevestiging|verdaging|opschorting|uitstel|ingebrekestelling|(?:verzoek om )?aanvulling"
    r"|zienswijze|doorzending|herinnering|verduidelijking|(?:beslissing op (?:uw |het )?)?bezwaar)"
    r"|ontvangstbevestiging|verdaging|beslistermijn|opschorting"
)
_STATES_REQUEST = re.compile(
    rf"(?:met een beroep op|op grond van|op basis van|in het kader van|krachtens) (?:de |artikel [\d.]+ van de )?{_LAW}"
    r"\b.{0,200}?\b(?:verzocht|gevraagd|verzoek)"
    rf"|\b(?:verzocht|gevraagd)\b[^.]{{0,150}}\b(?:met een beroep op|op grond van) (?:de )?{_LAW}"
    rf"|\buw {_REQUEST}"
)
_DECIDES = re.compile(
    r"\buw verzoek (?:wordt|is) (?:hierbij )?(?:gedeeltelijk |deels |geheel |grotendeels |volledig |niet )?"
    r"(?:ingewilligd|toegewezen|afgewezen|gehonoreerd)"
    r"|\bik (?:heb )?(?:besloten|besluit)\b[^.]{0,120}?\b(?:openbaar te maken|openbaar maak|in te willigen|af te wijzen"
    r"|niet openbaar|te verstrekken)"
    r"|\b(?:met deze brief|met dit besluit|hierbij|hiermee|in deze brief)\b[^.]{0,60}?\b(?:beslis|beslist|besluit|besloten)\b"
)
_DEEL = re.compile(
    r"\b(?:dit|dit is (?:het|een)(?: \w+)?|hierbij (?:ontvangt u )?(?:het|een)(?: \w+)?|neem ik (?:het|een)(?: \w+)?)"
    r" deelbesluit\b"
    r"|\bop \(?een (?:deel|gedeelte) van\)? uw verzoek (?:wordt |is )?beslist"
    r"|\bdeelbesluit op uw\b"
)
# The first lines of an inventory or of the released documents, which name the decision they belong to.
_PART_OF_A_DOSSIER = re.compile(
    r"^(?:bijlage\b.*\b(?:inventaris|documenten)|inventaris|documentenlijst|documenten bij|openbaar gemaakte documenten)"
)
_SUBJECT_LINE = re.compile(r"^(?:betreft|onderwerp)\s*:?\s*(.*)$", re.IGNORECASE)
_KENMERK_LINE = re.compile(r"^(?:ons kenmerk|onze referentie|kenmerk|referentie)\s*:?\s*(.*)$", re.IGNORECASE)
_OTHER_LABEL = re.compile(r"^(?:uw |datum|betreft|onderwerp|bijlage|contact|pagina|e-?mail|telefoon)", re.IGNORECASE)
_DATE_LINE = re.compile(r"^datum\s*:?\s*(.*)$", re.IGNORECASE)
_PLACE_DATE_LINE = re.compile(r"^['’]?s?-?[A-Z][\w'’ -]{1,30},\s+\d")
# What the request was about: "informatie verzocht over Afghanistan.", "uw verzoek om informatie over X".
_ABOUT = r"(?:over|inzake|betreffende|aangaande|omtrent|met betrekking tot|m\.b\.t\.)"
_SENTENCE = r"(?P<s>.{3,400}?)(?=\.\s+[A-Z(“\"'‘]|\.\s*$|;|:\s|\s[-–]\s|$)"
_SUBJECT_IN_PROSE = [
    re.compile(
        rf"\b(?:informatie|documenten|stukken|openbaarmaking)\s+verzocht\s+{_ABOUT}\s+{_SENTENCE}", re.IGNORECASE
    ),
    re.compile(
        rf"\bverzocht\s+om\s+(?:openbaarmaking\s+van\s+)?(?:alle\s+)?(?:informatie|documenten|stukken)\s+{_ABOUT}\s+{_SENTENCE}",
        re.IGNORECASE,
    ),
    re.compile(rf"\bheeft betrekking op\s+(?:informatie|documenten)\s+{_ABOUT}\s+{_SENTENCE}", re.IGNORECASE),
    re.compile(
        rf"\b(?:uw|het)\s+(?:\w+-)?verzoek\s+(?:om\s+(?:informatie|openbaarmaking(?:\s+van\s+(?:documenten|informatie))?)\s+)?"
        rf"{_ABOUT}\s+{_SENTENCE}",
        re.IGNORECASE,
    ),
]
_SUBJECT_IN_TITLE = re.compile(
    rf"\b(?:verzoek|besluit)\s+{_ABOUT}\s+(?P<s>.+)$|^wo[ob][- ]?(?:deel)?besluit\s*[:–-]?\s+(?P<t>.+)$", re.IGNORECASE
)
_MAX_SUBJECT = 160
# A subject appended to a title ("Reactie op uw Wob-verzoek over Afghanistan") only when it is short.
_MAX_SUBJECT_IN_TITLE = 60


@dataclass
class Decision:
    kind: str  # "Woo-besluit", "Wob-besluit", "Woo-deelbesluit", "Wob-deelbesluit"
    kenmerk: str | None
    date: dt.date | None
    subject: str | None  # what the request asked about, where the letter states it
    title: str  # a reader's title: "Reactie op uw Wob-verzoek over Afghanistan"


def _lines(pages: list[str]) -> list[str]:
    return [line.strip() for page in pages for line in page.splitlines() if line.strip()]


def _labelled(lines: list[str], label: re.Pattern, limit: int = 60) -> list[str]:
    """The values of a letterhead field: on the label's line, or (when the label stands alone) the next line."""
    values = []
    for i, line in enumerate(lines[:limit]):
        m = label.match(line)
        if not m:
            continue
        value = m.group(1).strip()
        if not value and i + 1 < len(lines):
            value = lines[i + 1]
        if value:
            values.append(value)
    return values


def _subject_line(first_page: list[str]) -> str | None:
    values = _labelled(first_page, _SUBJECT_LINE)
    return values[0] if values else None


def _title_line(first_page: list[str], subject_line: str | None) -> str | None:
    """The line by which the letter names itself a decision: its subject line, else a heading on top of page 1."""
    candidates = ([subject_line] if subject_line else []) + first_page[:30]
    return next((line for line in candidates if _DECISION_TITLE.match(fold_line(line))), None)


def _kenmerk(first_pages: list[str]) -> str | None:
    for value in _labelled(first_pages, _KENMERK_LINE):
        value = re.split(r"\s+(?=(?:uw kenmerk|datum|betreft|bijlage|pagina)\b)", value, flags=re.IGNORECASE)[0].strip()
        # A reference has a digit and is short; another label on the next line means the field was empty.
        if re.search(r"\d", value) and len(value) <= 60 and not _OTHER_LABEL.match(value):
            return value
    return None


def _letter_date(first_pages: list[str]) -> dt.date | None:
    """The letter's "Datum" field, else a "Den Haag, 14 februari 2022" line; never a date from the prose (that is
    the request's or an earlier letter's)."""
    for value in _labelled(first_pages, _DATE_LINE):
        date = find_date(value)
        if date:
            return date
    for line in first_pages[:60]:
        if _PLACE_DATE_LINE.match(line) and len(line) <= 50:
            date = find_date(line)
            if date:
                return date
    return None


def _tidy_subject(text: str) -> str | None:
    text = re.sub(r"\s+", " ", text).strip().strip("\"'“”‘’ ,").strip()
    text = re.sub(r"^(?:de volgende onderwerpen|het volgende)\b.*", "", text)
    # Redacted names ("[...]") or a list announced by a colon are no subject a reader can use.
    if len(text) < 3 or "[" in text or not re.search(r"[a-zA-Z]{3}", text):
        return None
    if len(text) > _MAX_SUBJECT:
        text = text[:_MAX_SUBJECT].rsplit(" ", 1)[0].rstrip(",;") + " …"
    return text


def _subject(title_line: str | None, prose: str) -> str | None:
    if title_line:
        m = _SUBJECT_IN_TITLE.search(title_line)
        if m:
            subject = _tidy_subject(m.group("s") or m.group("t"))
            if subject:
                return subject
    for pattern in _SUBJECT_IN_PROSE:
        for m in pattern.finditer(prose):
            subject = _tidy_subject(m.group("s"))
            if subject:
                return subject
    return None


def _law(title_line: str | None, folded: str, date: dt.date | None) -> str:
    """Woo or Wob: as the subject line names it, else the law the letter names most, else by the date the Woo
    replaced the Wob (1 May 2022)."""
    for text in (fold_line(title_line or ""), folded):
        woo = len(re.findall(r"\bwoo\b|wet open overheid", text))
        wob = len(re.findall(r"\bwob\b|wet openbaarheid van bestuur", text))
        if woo != wob:
            return "Woo" if woo > wob else "Wob"
    return "Wob" if date and date < dt.date(2022, 5, 1) else "Woo"


def _title(title_line: str | None, subject: str | None, law: str, deel: bool) -> str:
    title = tidy_title(title_line) if title_line else f"{'Deelbesluit' if deel else 'Besluit'} op uw {law}-verzoek"
    names_subject = re.search(rf"\s{_ABOUT}\s", title, re.IGNORECASE)
    if subject and not names_subject and len(subject) <= _MAX_SUBJECT_IN_TITLE and fold_line(title).endswith("verzoek"):
        title = f"{title} over {subject}"
    return title


def detect_decision(pages: list[str]) -> Decision | None:
    """The Woo or Wob decision that the first pages show, or None for any other document."""
    head = pages[:_PAGES]
    joined = " ".join(head)
    # The quick check's words are plain ASCII: lowercasing is enough, and folding (slow on any accent, which
    # nearly every Dutch page has) waits for a letter that may be a decision.
    if not head or not _QUICK.search(joined.lower()):
        return None
    # Line by line: a line without accents folds on the fast path, where the whole text would not.
    folded = " ".join(filter(None, (fold_line(line) for line in joined.splitlines())))
    first_page = _lines(head[:1])
    if any(_PART_OF_A_DOSSIER.match(fold_line(line)) for line in first_page[:2]):
        return None
    subject_line = _subject_line(first_page)
    title_line = _title_line(first_page, subject_line)
    if not title_line and subject_line and _NOT_A_DECISION.search(fold_line(subject_line)):
        return None
    if not title_line and not (_STATES_REQUEST.search(folded) and _DECIDES.search(folded)):
        return None
    first_pages = _lines(head[:2])
    date = _letter_date(first_pages)
    law = _law(title_line, folded, date)
    deel = "deelbesluit" in fold_line(title_line or "") or bool(_DEEL.search(folded))
    subject = _subject(title_line, " ".join(first_pages))
    return Decision(
        kind=f"{law}-{'deelbesluit' if deel else 'besluit'}",
        kenmerk=_kenmerk(first_pages),
        date=date,
        subject=subject,
        title=_title(title_line, subject, law, deel),
    )
