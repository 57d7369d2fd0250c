"""Similar documents ("Vergelijkbare documenten") on both engines: the documents of a topic find each other and
none of another topic; a document on a topic of its own finds none.

The archive is generated: letters to the Kamer on four subjects, written in the same official form (the same
salutation, closing and stock phrases), so that a document shares words with every other one, but its
subject's words only with the documents on its subject. A dossier on one of the subjects is there too.
"""

from __future__ import annotations

import random

import pytest
from conftest import ENGINES, engine_settings

from openarchief.search import Document, Index, Page, SearchRequest
from openarchief.search.model import Dossier, InventoryRow, Member

TOPICS = {
    "stikstof": (
        "stikstof depositie natuurgebied Natura boeren veehouderij ammoniak emissie stikstofgevoelige habitats "
        "vergunning Programma Aanpak Stikstof piekbelasters uitkoopregeling provincies gebiedsprogramma "
        "kritische depositiewaarde rekenmodel AERIUS veestapel mest stalsystemen"
    ),
    "draagmoederschap": (
        "draagmoederschap draagmoeder wensouders kind afstamming ouderschap erkenning buitenland "
        "zwangerschap bevalling overeenkomst draagmoederschapsregister rechter afstammingsrecht "
        "commerciële kinderwens identiteit geboorteakte adoptie embryo"
    ),
    "dijken": (
        "dijk dijkversterking waterschap hoogwater rivier overstroming Deltaprogramma waterveiligheid "
        "kering primaire keringen zeespiegelstijging Rijkswaterstaat uiterwaarden rivierverruiming "
        "dijkring normering piping gemaal polder stormvloedkering"
    ),
    "belasting": (
        "belasting inkomstenbelasting box vermogen spaargeld rendement heffingsvrij forfaitair "
        "Belastingdienst aanslag fiscale partner toeslagen teruggaaf Hoge Raad arrest rechtsherstel "
        "schijf tarief aftrekpost belastingplichtige aangifte"
    ),
}
ALONE = (  # a subject no other document of the archive is about
    "imker bijenvolk honing bestuiving varroamijt korf koningin raat nectar zwerm wilde bijen bloemrijke "
    "akkerranden insecticiden neonicotinoïden bijensterfte"
)
STOCK = (  # the official form every letter shares, whatever its subject
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal. Hierbij informeer ik uw Kamer over de stand van "
    "zaken. Het kabinet heeft besloten de maatregelen voort te zetten. Ik zal uw Kamer voor de zomer opnieuw "
    "informeren. De minister, hoogachtend."
)
PER_TOPIC = 4


def letter(rng: random.Random, vocabulary: str, n: int) -> Document:
    """A letter of two pages: the stock phrases, and sentences on its subject of words drawn from the
    subject's vocabulary (each letter uses some of them, so no two letters are alike word for word)."""
    words = vocabulary.split()
    sentences = [
        " ".join(rng.sample(words, 6)).capitalize() + " vragen aandacht volgens de minister." for _ in range(8)
    ]
    title = "Kamerbrief over " + " en ".join(rng.sample(words, 2))
    pages = [STOCK + " " + " ".join(sentences[:4]), " ".join(sentences[4:]) + " " + STOCK]
    return Document(
        id=f"{n:064x}",
        title=title,
        pages=[Page(number=i + 1, text=t) for i, t in enumerate(pages)],
        language="nl",
    )


def archive_documents() -> tuple[dict[str, list[Document]], Document]:
    rng = random.Random(14)
    topics: dict[str, list[Document]] = {
        topic: [letter(rng, vocabulary, 100 * t + i) for i in range(PER_TOPIC)]
        for t, (topic, vocabulary) in enumerate(TOPICS.items(), start=1)
    }
    return topics, letter(rng, ALONE, 999)


TOPIC_DOCS, ALONE_DOC = archive_documents()
# Nothing to look for: a scan without text under a title of a number only.
WORDLESS_DOC = Document(id=f"{998:064x}", title="2021-0012345", pages=[Page(number=1, text="")])
# A dossier on the first subject: its entry and its inventory rows share the subject's words, and must never
# be offered as a similar document.
DOSSIER = Dossier(
    id="woo-stikstof",
    title="Woo-besluit over stikstof depositie natuurgebied ammoniak veehouderij",
    subject=TOPICS["stikstof"],
    members=[Member(id=TOPIC_DOCS["stikstof"][0].id, title="besluit", role="besluit", source="sidecar")],
    rows=[InventoryRow(number=str(i), title=f"Notitie stikstof depositie ammoniak {i}") for i in range(1, 4)],
)


@pytest.fixture(scope="module", params=ENGINES)
def index(request, tmp_path_factory) -> Index:
    index = Index(engine_settings(request.param, tmp_path_factory.mktemp(request.param)))
    index.index([d for docs in TOPIC_DOCS.values() for d in docs] + [ALONE_DOC, WORDLESS_DOC, DOSSIER])
    return index


@pytest.mark.parametrize("topic", list(TOPICS))
def test_the_documents_of_a_topic_find_each_other_and_no_other(index, topic):
    mates = {d.id for d in TOPIC_DOCS[topic]}
    for doc in TOPIC_DOCS[topic]:
        found = [h.id for h in index.similar(doc, size=10)]
        assert set(found) == mates - {doc.id}, f"{index.engine_name}: {doc.title}"


def test_a_document_on_a_subject_of_its_own_gets_none(index):
    assert index.similar(ALONE_DOC, size=10) == []
    assert index.similar(WORDLESS_DOC, size=10) == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_withdrawn_document_is_no_longer_offered(tmp_path, engine):
    index = Index(engine_settings(engine, tmp_path))
    first, withdrawn, *_ = TOPIC_DOCS["dijken"]
    index.index([d for docs in TOPIC_DOCS.values() for d in docs])
    assert withdrawn.id in {h.id for h in index.similar(first)}
    index.delete(withdrawn.id)
    found = {h.id for h in index.similar(first)}
    assert withdrawn.id not in found and found == {d.id for d in TOPIC_DOCS["dijken"][2:]}
    assert index.similar(withdrawn) == []


def test_the_nitrate_decision_note_is_not_like_unrelated_documents(archive):
    """Issue 14's example, on the real corpus: the beslisnota on the nitrate action programme was offered the UN
    Security Council's resolution 1441 and a letter on surrogacy as similar documents. The only other document
    on farming in the archive is the (generated) policy note on farmers and nitrogen."""
    _, index = archive
    by_file = {d.filename: d for d in index.scan(SearchRequest())}
    found = {h.id for h in index.similar(by_file["plooi__blg-1007826.pdf"])}
    assert found <= {by_file["beleidsnota-stikstof-perspectief-boeren.pdf"].id}
