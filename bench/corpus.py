"""A scale corpus for search benchmarks: Dutch government documents as the ingest pipeline's extraction results.

    .venv/bin/python bench/corpus.py --docs 10000 --seed 1 --out corpus.jsonl
    .venv/bin/python bench/corpus.py --docs 100000 --seed 1 --ledger DATA_DIR   # then: openarchief reindex

`generate(n_docs, seed)` yields `search.model.Document`s exactly as `ingest` stores them in the ledger (the JSON
of `Ledger.save_document`), so search can be measured at 100,000 documents without writing 100,000 PDFs. The
output depends only on the seed; the first n documents of a larger corpus are the corpus of n documents.

What makes it look like a real archive of published government PDFs:

- Words: the 80,000 words of `search/data/nl_words.txt` (frequency order) plus the short function words that
  list leaves out (de, en, in, te, op, ...), drawn Zipf-Mandelbrot by rank, mixed with a government vocabulary
  (minister, gemeente, besluit, ...) and its compounds (omgevingsvergunning, stikstofdepositie, ...). Each
  document has a topic (a compound and two government words) that recurs in its sentences and its title, so
  terms are bursty within a document as in real text.
- Structure: sentences of 4-30 words (capitalised, commas, full stops), paragraphs of 1-6 sentences, lines of
  about 75 characters as text extraction gives them, ~300 words a page (shorter last pages), a letterhead on
  page 1 (ministry, date, subject, reference) that matches the metadata, "Pagina x van n" footers.
- Pages: log-normal per document, median 4, capped at 60 (about 6 pages a document on average, 600,000 pages
  per 100,000 documents); reports and Woo decisions run longer, press releases shorter.
- Metadata: the official TOOI codes, ministries and document types weighted like a real archive, the Woo
  category where the type implies it (`ingest.detect.category_for_type`; a letter goes to the Kamer), dates from 2000 to 2025 growing towards the
  present (mostly workdays, 2% unknown), 1.5% English documents, a few scanned (OCR) documents and pages
  without text (`needs_ocr`), provenance as the metadata detectors record it.

Speed: sentences are slices at random offsets of one pre-drawn stream of 2^21 words (drawn once per seed, with
the Zipf weights), so a sentence costs one slice and one join instead of a weighted draw per word. Document
frequencies are those of independent draws (each slice starts at an independent random offset); only word
neighbours repeat more often than in real text. Roughly 2,500-4,000 documents a second on one core.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __name__ == "__main__":
    # Run as a script, bench/ is sys.path[0], where search.py would shadow the `search` package.
    _here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _here]
    sys.path.insert(0, str(_here.parent))

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import math
import random
import time
from typing import Iterator

from openarchief.ingest.detect import category_for_type
from openarchief.search.model import Document, Page
from openarchief.search.vocabularies import MINISTRY_PREFIX, categories, document_types, ministries

STREAM_SIZE = 1 << 21
ZIPF_SHIFT = 2.7  # Zipf-Mandelbrot: weight 1 / (rank + shift) ** exponent
ZIPF_EXPONENT = 1.0
GOV_SHARE = 0.18  # share of the words that come from the government vocabulary
COMMA_RATE = 0.06
NUMBER_RATE = 0.01
TOPIC_RATE = 0.3  # share of sentences that carry one of the document's topic words
PAGE_MEDIAN = 3.8  # before the type's factor; the rounded page counts have median 4
PAGE_SIGMA = 0.8
MAX_PAGES = 60
WORDS_PER_PAGE = 300
LINE_WIDTH = 76

# Short words the word list leaves out (it keeps words of 3 letters or more), at their rank in Dutch text.
SHORT_WORDS = {
    "de": 0,
    "en": 2,
    "in": 4,
    "te": 8,
    "op": 11,
    "is": 9,
    "er": 24,
    "om": 27,
    "of": 20,
    "ze": 40,
    "we": 45,
    "zo": 60,
    "al": 55,
    "nu": 70,
    "na": 85,
    "je": 90,
    "ik": 110,
    "u": 100,
    "bv": 4000,
    "ca": 3000,
    "eu": 900,
}

# Government vocabulary, roughly most frequent first.
GOV_WORDS = """
minister kamer gemeente gemeenten regering besluit beleid wet artikel ministerie staatssecretaris provincie
overheid uitvoering onderzoek kabinet maatregelen ontwikkeling informatie burgers organisaties verzoek
wetsvoorstel regeling vergunning toezicht financiering middelen begroting samenwerking afspraken voorstel advies
rapport brief vragen antwoord antwoorden beantwoording motie leden commissie raad college provincies partijen
bestuur bestuurlijk ondersteuning inwoners zorg onderwijs veiligheid woningen huurders werkgevers werknemers
sector stelsel bevoegdheid verantwoordelijkheid evaluatie monitoring voortgang aanpak doelstelling doelen
resultaten uitkomsten gevolgen risico risico's kosten bedrag miljoen euro subsidie subsidies bijdrage
aanvraag aanvragen procedure termijn besluitvorming bezwaar beroep rechter uitspraak rechtbank openbaarmaking
documenten openbaar Woo belang belangen persoonsgegevens privacy uitzondering weigeringsgrond inventarislijst
betrokkenen derden zienswijze zienswijzen bijlage bijlagen paragraaf hoofdstuk lid onderdeel toelichting
memorie wijziging wijzigingen regelgeving wetgeving uitvoeringsorganisatie inspectie toezichthouder handhaving
sanctie boete naleving controle inzet capaciteit personeel medewerkers ambtenaren directie afdeling dienst
rijksoverheid Rijkswaterstaat Belastingdienst Nederland Nederlandse Europese Unie lidstaten internationale
klimaat energie stikstof natuur landbouw water wonen woningbouw infrastructuur mobiliteit verkeer luchtvaart
gezondheid jeugd ouderen studenten scholen leraren politie justitie asiel migratie defensie economie
ondernemers bedrijven innovatie arbeidsmarkt inkomen toeslagen belasting pensioen armoede schulden
""".split()

# Compounds of the government vocabulary: the words people search for, and topics of documents.
GOV_COMPOUNDS = """
omgevingsvergunning bestemmingsplan omgevingswet stikstofdepositie natuurvergunning woningbouwopgave
huurtoeslag zorgtoeslag kinderopvangtoeslag toeslagenaffaire belastingdienst energietransitie klimaatakkoord
warmtenet netcongestie zonnepanelen windparken aardgaswinning gaswinning mijnbouwwet jeugdzorg jeugdhulp
ouderenzorg zorgverzekeraars gezondheidszorg huisartsenzorg ziekenhuiszorg arbeidsmarktbeleid
werkloosheidswet participatiewet bijstandsuitkering schuldhulpverlening armoedebeleid pensioenakkoord
studiefinanciering onderwijsachterstanden lerarentekort basisonderwijs beroepsonderwijs asielzoekers
asielprocedure vreemdelingenwet opvanglocatie vluchtelingenopvang politieorganisatie veiligheidsregio
criminaliteitsbestrijding ondermijning cybersecurity rijksbegroting voorjaarsnota miljoenennota
begrotingsbehandeling subsidieregeling subsidieaanvraag vergunningaanvraag handhavingsverzoek
informatieverzoek openbaarmakingsverzoek persoonsgegevens inventarislijst wooncrisis huurwoningen
woningcorporaties bouwvergunning luchtvaartnota schipholbeleid wegenverkeerswet verkeersveiligheid
waterschappen waterveiligheid dijkversterking kustverdediging natuurherstel landbouwbeleid mestbeleid
voedselzekerheid visserijbeleid defensiebegroting krijgsmacht ontwikkelingssamenwerking handelsbeleid
""".split()

PLACES = """Amsterdam Rotterdam Utrecht Groningen Eindhoven Tilburg Almere Breda Nijmegen Zwolle Leeuwarden
Maastricht Arnhem Haarlem Enschede Apeldoorn Amersfoort Zeeland Limburg Friesland Drenthe Gelderland Overijssel
Flevoland Noord-Holland Zuid-Holland Noord-Brabant Caribisch Nederland Bonaire Schiphol""".split()

NAMES = """J.A. de Vries|M. Jansen|P.C. Bakker|A.E. Visser|H. Smit|K. Meijer|R.J. de Boer|S. Mulder|E. de Groot
|T. Bos|L. Vos|W.M. Peters|C. Hendriks|F. van Dijk|N. Kok|D. Jacobs|G. van Leeuwen|B. Dekker""".split("|")

ENGLISH_WORDS = """the of and to in a is that for it as with was on be by this are from at or an which have not
has were but all they their been one would more will other there also its can these than some into time only
government minister policy ministry report letter parliament house netherlands dutch public decision request
information national european union development research data results measures support municipalities
province cabinet agreement budget costs million euro financing implementation evaluation progress approach
risks security health education housing energy climate nature agriculture water transport migration defence
economy business innovation labour market income tax pension""".split()

MONTHS = "januari februari maart april mei juni juli augustus september oktober november december".split()

# (document type by its TOOI label, weight, title template, page-count factor); the Woo category is the one the
# type implies (ingest.detect's category_for_type), and a letter goes to the Kamer (2a).
_TYPE_LABELS = [
    ("brief", 20.0, "Kamerbrief over {topic}", 0.8),
    ("Kamervraag met antwoord", 11.0, "Antwoorden op Kamervragen over {topic}", 0.7),
    ("beslissing op Wob-/Woo-verzoek", 13.0, "Besluit op Woo-verzoek over {topic}", 1.8),
    ("Kamerstuk", 8.0, "Motie over {topic}", 0.5),
    ("besluit", 5.0, "Besluit houdende regels over {topic}", 1.0),
    ("rapport", 5.0, "Rapport {topic}", 2.5),
    ("onderzoeksrapport", 4.0, "Onderzoek naar {topic}", 2.8),
    ("evaluatierapport", 2.0, "Evaluatie van {topic}", 2.5),
    ("inspectierapport", 1.5, "Inspectierapport {topic}", 2.0),
    ("voortgangsrapport", 2.0, "Voortgangsrapportage {topic}", 1.8),
    ("beslisnota", 5.0, "Beslisnota {topic}", 0.8),
    ("beleidsnota", 2.5, "Beleidsnota {topic}", 1.5),
    ("persbericht", 4.0, "Persbericht: {topic}", 0.3),
    ("nieuwsbericht", 1.5, "Nieuwsbericht over {topic}", 0.3),
    ("advies", 2.5, "Advies over {topic}", 1.5),
    ("convenant", 1.0, "Convenant {topic}", 1.2),
    ("jaarverslag", 1.5, "Jaarverslag {topic}", 3.0),
    ("jaarplan", 0.8, "Jaarplan {topic}", 2.0),
    ("ministeriële regeling", 2.0, "Regeling over {topic}", 0.8),
    ("beleidsregel", 1.0, "Beleidsregel {topic}", 0.8),
    ("circulaire", 1.0, "Circulaire {topic}", 0.6),
    ("toespraak", 1.2, "Toespraak over {topic}", 0.5),
    ("subsidiebeschikking", 1.5, "Subsidiebeschikking {topic}", 0.5),
    ("vergunning", 1.0, "Vergunning {topic}", 0.6),
    ("agenda", 0.8, "Agenda overleg {topic}", 0.3),
    ("besluitenlijst", 0.8, "Besluitenlijst overleg {topic}", 0.4),
    ("vergaderverslag", 1.0, "Verslag van het overleg over {topic}", 1.0),
    ("Staatscourant", 2.0, "Staatscourant: {topic}", 0.6),
    (None, 4.0, "{Topic}", 1.0),  # the detectors found no type
]
LETTER = document_types().code("brief")
TO_PARLIAMENT = categories().code("bij vertegenwoordigende organen ingekomen stukken")  # 2a


def _type_row(label: str | None, weight: float, form: str, factor: float) -> tuple:
    """(type code, weight, title template, page-count factor, Woo category or None)."""
    if label is None:
        return None, weight, form, factor, None
    code = document_types().code(label)
    return code, weight, form, factor, TO_PARLIAMENT if code == LETTER else category_for_type(code)


TYPES = [_type_row(*row) for row in _TYPE_LABELS]

# Ministries by their TOOI label (without "ministerie van"), with a weight for their share of published documents;
# None: the letterhead was not recognised.
_MINISTRY_LABELS = [
    ("Binnenlandse Zaken en Koninkrijksrelaties", 11),
    ("Justitie en Veiligheid", 12),
    ("Volksgezondheid, Welzijn en Sport", 12),
    ("Economische Zaken", 8),
    ("Infrastructuur en Waterstaat", 10),
    ("Financiën", 9),
    ("Onderwijs, Cultuur en Wetenschap", 8),
    ("Sociale Zaken en Werkgelegenheid", 7),
    ("Buitenlandse Zaken", 5),
    ("Defensie", 5),
    ("Landbouw, Visserij, Voedselzekerheid en Natuur", 6),
    ("Algemene Zaken", 2),
    ("Klimaat en Groene Groei", 2.5),
    ("Volkshuisvesting en Ruimtelijke Ordening", 2.5),
    ("Asiel en Migratie", 1.5),
    (None, 3),
]
MINISTRIES = [
    (ministries().code(MINISTRY_PREFIX + name) if name else None, weight) for name, weight in _MINISTRY_LABELS
]

TOPIC_FORMS = ["{c}", "de {g} van {c}", "{c} in {p}", "{c} en {g}", "de voortgang van {c}", "{c}", "{g} {c}"]


def _cumulative(weights) -> list[float]:
    return list(itertools.accumulate(weights))


def _zipf_weights(n: int, shift: float = ZIPF_SHIFT, exponent: float = ZIPF_EXPONENT) -> list[float]:
    return [1.0 / (rank + shift) ** exponent for rank in range(n)]


def _vocabulary() -> list[str]:
    """The general vocabulary in frequency order: the word list with the short function words put in place."""
    path = Path(__file__).resolve().parent.parent / "search" / "data" / "nl_words.txt"
    words = [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    for word, rank in sorted(SHORT_WORDS.items(), key=lambda item: item[1]):
        words.insert(rank, word)
    return words


def _stream(rng: random.Random) -> list[str]:
    """STREAM_SIZE tokens: the general vocabulary (Zipf) and the government one (Zipf) mixed, some with a comma,
    a few numbers."""
    general, gov = _vocabulary(), GOV_WORDS + GOV_COMPOUNDS
    general_weights = _zipf_weights(len(general))
    gov_weights = _zipf_weights(len(gov), shift=5.0, exponent=0.9)
    scale = GOV_SHARE / (1 - GOV_SHARE) * sum(general_weights) / sum(gov_weights)
    weights = general_weights + [w * scale for w in gov_weights]
    tokens = rng.choices(general + gov, cum_weights=_cumulative(weights), k=STREAM_SIZE)
    marked = rng.sample(range(STREAM_SIZE), int(STREAM_SIZE * (COMMA_RATE + NUMBER_RATE)))
    commas = int(STREAM_SIZE * COMMA_RATE)
    for i in marked[:commas]:
        tokens[i] += ","
    for i in marked[commas:]:
        tokens[i] = str(rng.choice((rng.randint(1990, 2025), rng.randint(1, 100), rng.randint(100, 99_999))))
    return tokens


def _english_stream(rng: random.Random) -> list[str]:
    return rng.choices(ENGLISH_WORDS, cum_weights=_cumulative(_zipf_weights(len(ENGLISH_WORDS))), k=1 << 16)


def _wrap(paragraph: str, width: int = LINE_WIDTH) -> str:
    """Lines of about `width` characters, as a PDF's text comes out of extraction."""
    lines, start, n = [], 0, len(paragraph)
    while n - start > width:
        cut = paragraph.rfind(" ", start, start + width)
        if cut <= start:
            cut = paragraph.find(" ", start + width)
            if cut < 0:
                break
        lines.append(paragraph[start:cut])
        start = cut + 1
    lines.append(paragraph[start:])
    return "\n".join(lines)


def _dutch_date(date: dt.date) -> str:
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


class _Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.stream = _stream(self.rng)
        self.english = _english_stream(self.rng)
        self.ministry_labels = {t.code: t.label for t in ministries()}
        self.type_cum = _cumulative(t[1] for t in TYPES)
        self.ministry_cum = _cumulative(m[1] for m in MINISTRIES)
        # Documents per year grow towards the present (more is published, and more of it digitally).
        self.years = list(range(2000, 2026))
        self.year_cum = _cumulative(1.13 ** (y - 2000) for y in self.years)
        # Sentence lengths: mostly 10-20 words, some very short (headings, enumerations) and some long.
        self.sentence_lengths = [
            max(4, min(30, round(rng_len))) for rng_len in (random.Random(seed + 1).gauss(15, 5.5) for _ in range(4096))
        ]
        self.topic_cum = _cumulative(_zipf_weights(len(GOV_COMPOUNDS), shift=8.0, exponent=0.8))
        self.gov_cum = _cumulative(_zipf_weights(len(GOV_WORDS), shift=5.0, exponent=0.9))

    def _pick(self, items, cum):
        return items[bisect.bisect(cum, self.rng.random() * cum[-1])]

    def _sentences(self, words: int, topic: list[str], stream: list[str]) -> list[str]:
        """Sentences of about `words` words in all."""
        rng, lengths, out = self.rng.random, self.sentence_lengths, []
        top = len(stream) - 32
        n_lengths, n_topic = len(lengths), len(topic)
        while words > 0:
            length = lengths[int(rng() * n_lengths)]
            start = int(rng() * top)
            chunk = stream[start : start + length]
            if rng() < TOPIC_RATE:
                chunk[int(rng() * length)] = topic[int(rng() * n_topic)]
            sentence = " ".join(chunk).rstrip(",")
            out.append(sentence[0].upper() + sentence[1:] + ".")
            words -= length
        return out

    def _page_text(self, words: int, topic: list[str], stream: list[str], head: str = "", foot: str = "") -> str:
        sentences = self._sentences(words, topic, stream)
        paragraphs, i, rng = [], 0, self.rng.random
        while i < len(sentences):
            n = 1 + int(rng() * 6)
            paragraphs.append(_wrap(" ".join(sentences[i : i + n])))
            i += n
        return "\n\n".join(filter(None, [head, *paragraphs, foot]))

    def document(self, number: int, seed: int) -> Document:
        rng = self.rng
        type_code, _, title_form, page_factor, category = self._pick(TYPES, self.type_cum)
        ministry = self._pick(MINISTRIES, self.ministry_cum)[0]
        english = rng.random() < 0.015
        language = None if rng.random() < 0.005 else ("en" if english else "nl")

        year = self._pick(self.years, self.year_cum)
        date = dt.date(year, 1, 1) + dt.timedelta(days=int(rng.random() * 365))
        if date.weekday() >= 5:
            date -= dt.timedelta(days=date.weekday() - 4)  # published on a workday
        has_date = rng.random() >= 0.02

        compound = self._pick(GOV_COMPOUNDS, self.topic_cum)
        gov = [self._pick(GOV_WORDS, self.gov_cum) for _ in range(2)]
        place = PLACES[int(rng.random() * len(PLACES))]
        form = TOPIC_FORMS[int(rng.random() * len(TOPIC_FORMS))]
        topic_phrase = form.format(c=compound, g=gov[0], p=place)
        title = title_form.format(topic=topic_phrase, Topic=topic_phrase[0].upper() + topic_phrase[1:])
        topic = [compound, compound, gov[0], gov[1], place]

        pages = max(1, min(MAX_PAGES, round(math.exp(rng.gauss(math.log(PAGE_MEDIAN * page_factor), PAGE_SIGMA)))))
        reference = f"{year}-{int(rng.random() * 1_000_000):07d}"
        ministry_label = self.ministry_labels.get(ministry, "") if ministry else ""
        head_lines = [
            ministry_label[:1].upper() + ministry_label[1:] if ministry_label else "Rijksoverheid",
            "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal" if category == TO_PARLIAMENT else "",
            f"Datum {_dutch_date(date)}" if has_date else "",
            f"Betreft {title}",
            f"Ons kenmerk {reference}",
        ]
        head = "\n".join(filter(None, head_lines))
        signer = NAMES[int(rng.random() * len(NAMES))]
        stream = self.english if english else self.stream
        scanned = rng.random() < 0.03  # a scan, read with OCR
        texts = []
        for n in range(1, pages + 1):
            words = max(60, int(rng.gauss(WORDS_PER_PAGE, 60)))
            if n == pages and pages > 1:
                words = int(words * (0.2 + 0.8 * rng.random()))
            foot = f"Pagina {n} van {pages}"
            if n == pages and ministry_label:
                foot = (
                    f"De {('minister' if rng.random() < 0.7 else 'staatssecretaris')} van "
                    f"{ministry_label.removeprefix('ministerie van ')},\n\n{signer}\n\n{foot}"
                )
            texts.append(self._page_text(words, topic, stream, head if n == 1 else f"Kenmerk {reference}", foot))
        if pages > 2 and rng.random() < 0.01:
            texts[-1] = ""  # an image-only page: no text layer, OCR not run
        slug = compound + f"-{number}"
        doc_id = hashlib.sha256(f"openarchief-bench:{seed}:{number}".encode()).hexdigest()
        sidecar = rng.random() < 0.2
        detected = "sidecar" if sidecar else "text"
        provenance = {"title": detected}
        for field, value in (
            ("ministry", ministry),
            ("type", type_code),
            ("category", category),
            ("language", language),
            ("date", has_date),
        ):
            if value:
                provenance[field] = detected
        return Document.model_construct(
            id=doc_id,
            title=title,
            pages=[Page.model_construct(number=i + 1, text=t, ocr=scanned and bool(t)) for i, t in enumerate(texts)],
            ministry=ministry,
            type=type_code,
            category=category,
            date=date if has_date else None,
            language=language,
            extractor="pypdfium2",
            source=(
                f"https://open.overheid.nl/documenten/{doc_id[:32]}/file"
                if rng.random() < 0.4
                else f"{year}/{slug}.pdf"
            ),
            filename=f"{slug}.pdf",
            provenance=provenance,
            needs_ocr=[i + 1 for i, t in enumerate(texts) if not t],
            indexed_at=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(seconds=number),
        )


def generate(n_docs: int, seed: int = 1) -> Iterator[Document]:
    """`n_docs` documents, the same for the same seed; the first n of a larger corpus are the corpus of n."""
    generator = _Generator(seed)
    for number in range(n_docs):
        yield generator.document(number, seed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=10_000, help="number of documents (default 10000)")
    parser.add_argument("--quick", action="store_true", help="10,000 documents (the quick variant of 100,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the documents as JSON Lines (one Document per line)")
    parser.add_argument(
        "--ledger",
        type=Path,
        metavar="DATA_DIR",
        help="save the documents in DATA_DIR's ledger, for `openarchief reindex --data-dir DATA_DIR`",
    )
    args = parser.parse_args()
    n_docs = 10_000 if args.quick else args.docs
    if not args.out and not args.ledger:
        parser.error("give --out FILE and/or --ledger DATA_DIR")

    ledger = None
    if args.ledger:
        from openarchief.ingest.ledger import Ledger
        from openarchief.search.settings import Settings

        ledger = Ledger.open(Settings(data_dir=args.ledger))
    out = args.out.open("w", encoding="utf-8") if args.out else None
    started, pages = time.perf_counter(), 0
    try:
        for doc in generate(n_docs, args.seed):
            pages += len(doc.pages)
            if out:
                out.write(doc.model_dump_json())
                out.write("\n")
            if ledger:
                ledger.save_document(doc)
                # A file record as ingest leaves it, so `openarchief status` and /over count the document.
                ledger.record(
                    f"bench-corpus/{doc.filename}",
                    "indexed",
                    relative=doc.source,
                    sha256=doc.id,
                    extractor=doc.extractor,
                    pages=len(doc.pages),
                    needs_ocr=len(doc.needs_ocr),
                )
    finally:
        if out:
            out.close()
        if ledger:
            ledger.close()
    seconds = time.perf_counter() - started
    print(f"{n_docs} documents, {pages} pages in {seconds:.1f} s ({n_docs / seconds:.0f} documents/s)", file=sys.stderr)
    if ledger:
        print(
            f"saved in the ledger of {args.ledger}: run `openarchief reindex --data-dir {args.ledger}`", file=sys.stderr
        )


if __name__ == "__main__":
    main()
