import datetime as dt
import json

from openarchief.ingest import metadata


def test_dutch_and_numeric_dates():
    assert metadata.find_date("Voorgesteld 6 juli 2021") == dt.date(2021, 7, 6)
    assert metadata.find_date("Heerlen, 18-12-2024") == dt.date(2024, 12, 18)
    assert metadata.find_date("Datum: 04 juni 2025") == dt.date(2025, 6, 4)
    assert metadata.find_date("on 8 November 2002") == dt.date(2002, 11, 8)
    assert metadata.find_date("31-02-2024 bestaat niet") is None
    assert metadata.find_date("geen datum hier") is None


def test_labelled_date_wins_over_first_date():
    pages = ["In de brief van 4 november 2009 ...\nDatum 1 maart 2011\nOnderwerp Draagmoederschap"]
    assert metadata.date_from_text(pages) == dt.date(2011, 3, 1)


def test_useless_pdf_titles():
    for title in [
        "Microsoft Word - 20110301_5687928a draagmoederschap.doc",
        "Document1",
        "untitled",
        "",
        "rapport_final_v2_2019",
        "nota.docx",
        "   ",
    ]:
        assert not metadata.is_useful_title(title), title
    assert metadata.is_useful_title("Kamerbrief over draagmoederschap")


def test_pdf_title_must_agree_with_the_text():
    page = "Besluitenlijst raadsvergadering 29 juni 2015 aanvang 17.00 uur"
    assert not metadata.pdf_title_fits_text("Aandachtspuntenlijst raadsvergadering 3 november 2008", page)
    assert metadata.pdf_title_fits_text("Besluitenlijst raadsvergadering 29 juni 2015", page)


def test_title_from_text():
    assert metadata.title_from_text("Pagina 1 van 3\n> Retouradres Postbus 1\nOnderwerp Draagmoederschap\n") == (
        "Draagmoederschap"
    )
    assert metadata.title_from_text("”VERORDENING OP HET GEBRUIK\nVAN PARKEERPLAATSEN” \nArtikel 1") == (
        "Verordening op het gebruik van parkeerplaatsen"
    )


def test_sidecar_beats_manifest_beats_text(tmp_path):
    pdf = tmp_path / "sub" / "brief.pdf"
    pdf.parent.mkdir()
    pdf.write_bytes(b"%PDF-1.4")
    (tmp_path / "manifest.csv").write_text(
        "file,title,ministry,type,date\nsub/brief.pdf,Titel uit manifest,ministerie van Financiën,brief,2020-01-02\n"
    )
    meta = metadata.collect(pdf, ["Datum 5 mei 2019\nEen titel uit de tekst"], {"Title": "Microsoft Word - x.doc"})
    assert meta.values["title"] == "Titel uit manifest" and meta.sources["title"] == "manifest"
    assert meta.values["ministry"] == "mnre1090"
    assert meta.values["type"] == "c_7652d853"
    assert meta.values["date"] == dt.date(2020, 1, 2)

    pdf.with_suffix(".json").write_text(json.dumps({"title": "Titel uit sidecar", "ministry": "mnre1058"}))
    meta = metadata.collect(pdf, ["Datum 5 mei 2019"], {})
    assert meta.values["title"] == "Titel uit sidecar" and meta.sources["title"] == "sidecar"
    assert meta.values["ministry"] == "mnre1058" and meta.sources["ministry"] == "sidecar"
    assert meta.sources["type"] == "manifest"


def test_historical_ministry_names_map_to_the_successor():
    from openarchief.search.vocabularies import ministries

    assert ministries().resolve("ministerie van Veiligheid en Justitie") == "mnre1058"
    assert ministries().resolve("mnre1150") == "mnre1153"  # LNV (historical) -> LVVN
    assert ministries().resolve("Ministerie van Financien") == "mnre1090"
    assert ministries().resolve("ministerie van Sprookjes") is None


def test_sidecar_and_manifest_name_an_organisation_of_any_kind_by_code_or_label(tmp_path):
    pdf = tmp_path / "besluit.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    (tmp_path / "manifest.csv").write_text("file,organisation,theme\nbesluit.pdf,Gemeente Heerlen,verkeer;wonen\n")
    meta = metadata.collect(pdf, ["Ministerie van Financiën\nDatum 5 mei 2019"], {})
    assert meta.values["organisation"] == "gm0917" and meta.sources["organisation"] == "manifest"
    # The publisher is a gemeente: no ministry, though the text names one in its first line.
    assert "ministry" not in meta.values
    assert meta.values["theme"] == ["c_849842ac", "c_124eaf3a"]  # verkeer, wonen

    pdf.with_suffix(".json").write_text(json.dumps({"organisation": "TK"}))
    assert metadata.collect(pdf, [""], {}).values["organisation"] == "oorg10002"
    # A ministry given as organisation is the ministry too (today's, for a historical one), and the reverse.
    pdf.with_suffix(".json").write_text(json.dumps({"organisation": "mnre1150"}))
    meta = metadata.collect(pdf, [""], {})
    assert (meta.values["organisation"], meta.values["ministry"]) == ("mnre1150", "mnre1153")
    assert meta.sources["ministry"] == "sidecar"
    pdf.with_suffix(".json").write_text(json.dumps({"ministry": "ministerie van Justitie"}))
    meta = metadata.collect(pdf, [""], {})
    assert (meta.values["organisation"], meta.values["ministry"]) == ("mnre1058", "mnre1058")


def test_organisation_names_resolve_to_their_own_codes():
    from openarchief.search.vocabularies import organisations

    orgs = organisations()
    assert orgs.resolve("gemeente Appingedam") == "gm0003" and orgs.lineage("gm0003") == ["gm0003", "gm1979"]
    assert orgs.resolve("Hoogheemraadschap van Delfland") == "ws0372" and orgs.kind("ws0372") == "waterschap"
    assert orgs.resolve("provincie Groningen") == "pv20" and orgs.resolve("gemeente Groningen") == "gm0014"
    assert orgs.resolve("Groningen") is None  # a gemeente and a provincie: the short name alone is ambiguous
    assert orgs.kind("oorg10001") == "staten_generaal" and orgs.kind("oorg10004") == "overig"
    assert orgs.label("oorg10002") == "Tweede Kamer der Staten-Generaal"
    assert len([o for o in orgs if o.kind == "gemeente"]) == 605


def test_kamervragen_are_dated_by_their_answer():
    page = "Vragen van het lid X aan de Minister over Y (ingezonden 3 juni 2021).\nAntwoord (ontvangen 21 juni 2021)."
    assert metadata.date_from_text([page]) == dt.date(2021, 6, 21)
    assert metadata.date_from_text(["Vragen (ingezonden 3 juni 2021)."]) == dt.date(2021, 6, 3)
