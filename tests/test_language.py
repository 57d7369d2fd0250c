"""Language detection: text that is evidently Dutch is called Dutch without langdetect, and only where langdetect
says Dutch too; the neighbouring languages and mixed text still go to langdetect."""

import pytest
from conftest import corpus_file
from langdetect import detect

from openarchief.ingest.detect.language import SAMPLE_CHARS, _sample, detect_language, evidently_dutch
from openarchief.ingest.extractors import extract
from openarchief.ingest.normalize import normalize_page

DUTCH_FILES = [
    "plooi__ah-tk-20202021-3235.pdf",
    "plooi__kst-32545-143.pdf",
    "plooi__20110301-5687928a-draagmoederschap.pdf",
    "ori__Besluitenlijst-raadsvergadering-29-juni-2015.pdf",
    "heerlen__parkeerverordening-2025.pdf",
    "minbuza__wob-deelbesluit-1-afghanistan.pdf",
]

# The same message, as a government would write it, in Dutch's neighbours.
NEIGHBOURS = {
    "af": "Die departement het besluit om die beleid oor behuising te hersien. Hierdie dokument is opgestel deur die "
    "munisipaliteit en is bedoel vir alle inwoners. Die minister het in die parlement gesê dat die begroting nie "
    "verhoog sal word nie. Ons het u brief van 12 Maart ontvang en wil u hiermee inlig oor die stand van sake. "
    "Die raad sal volgende week vergader om die voorstel te bespreek.",
    "de": "Das Ministerium hat beschlossen, die Wohnungspolitik zu überprüfen. Dieses Dokument wurde von der Gemeinde "
    "erstellt und ist für alle Einwohner bestimmt. Der Minister hat im Parlament gesagt, dass der Haushalt nicht "
    "erhöht wird. Wir haben Ihr Schreiben vom 12. März erhalten und möchten Sie über den Stand der Dinge informieren.",
    "en": "The ministry has decided to review its housing policy. This document was prepared by the municipality and "
    "is intended for all residents. The minister told parliament that the budget will not be increased. We have "
    "received your letter of 12 March and would like to inform you of the state of affairs.",
    # West Frisian: langdetect has no profile for it, the check must leave it alone.
    "fy": "De gemeente hat besletten om it plan foar de nije skoalle troch te setten. Wy hawwe jo brief fan 12 maart "
    "ûntfongen en wolle jo hjirby ynformearje oer de stân fan saken. It kolleezje fan boargemaster en wethâlders "
    "stelt de ried foar om it beslút oan te nimmen. Der wurdt in soad jild bestege oan it ûnderhâld fan de diken.",
}
DUTCH = (
    "Het ministerie heeft besloten het beleid voor de volkshuisvesting te herzien. Dit document is opgesteld door de "
    "gemeente en is bedoeld voor alle inwoners. De minister heeft in de Tweede Kamer gezegd dat de begroting niet "
    "wordt verhoogd. Wij hebben uw brief van 12 maart ontvangen en willen u hierbij informeren over de stand van "
    "zaken. De raad zal volgende week vergaderen om het voorstel te bespreken."
)


def pages_of(path) -> list[str]:
    return [normalize_page(text) for text in extract(path, "pypdfium2").pages]


@pytest.mark.parametrize("name", DUTCH_FILES)
def test_real_dutch_documents_take_the_fast_path_and_agree_with_langdetect(corpus, name):
    text = "\n".join(pages_of(corpus_file(corpus, name)))
    assert evidently_dutch(_sample(text))
    assert detect_language(text) == detect(_sample(text)) == "nl"


def test_the_english_un_resolution_stays_english(corpus):
    text = "\n".join(pages_of(corpus_file(corpus, "plooi__vn-1441.pdf")))
    assert not evidently_dutch(_sample(text))
    assert detect_language(text) == "en"


@pytest.mark.parametrize("language", sorted(NEIGHBOURS))
def test_neighbouring_languages_are_left_to_langdetect(language):
    text = NEIGHBOURS[language]
    assert not evidently_dutch(text)
    if language != "fy":
        assert detect_language(text) == language


def test_dutch_with_a_neighbours_paragraph_is_left_to_langdetect():
    assert evidently_dutch(DUTCH)
    for language, paragraph in NEIGHBOURS.items():
        assert not evidently_dutch(DUTCH + "\n" + paragraph), language
        assert not evidently_dutch(paragraph + "\n" + DUTCH), language


def test_short_text_is_left_to_langdetect():
    words = DUTCH.split()
    assert not evidently_dutch(" ".join(words[:25]))
    assert detect_language("de het") is None  # too few letters to tell


def test_the_sample_is_the_start_of_the_whole_text_collapsed():
    text = ("Beleid  \n\n  voor\tde gemeente " * 2000) + "\n" + "einde " * 10
    assert _sample(text) == " ".join(text.split())[:SAMPLE_CHARS]
    spaced = " " * 10 * SAMPLE_CHARS + "Een brief van de minister."
    assert _sample(spaced) == "Een brief van de minister."
