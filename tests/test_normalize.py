import pytest

from openarchief.ingest.normalize import normalize_page


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("de gemeente\x02lijke taak", "de gemeentelijke taak"),  # pypdfium2's line-end hyphen
        ("de gemeente-\nlijke taak", "de gemeentelijke taak"),  # pdfminer's
        ("in Noord\x02Holland", "in Noord-Holland"),
        ("in Noord-\nHolland", "in Noord-Holland"),
        ("een Woo\x02verzoek", "een Woo-verzoek"),
        ("een Woo-\nverzoek", "een Woo-verzoek"),
        ("omgevings-\nvergunning", "omgevingsvergunning"),
        ("vergaderjaar 2020\x022021", "vergaderjaar 2020-2021"),
        ("draag- en wensouders", "draag- en wensouders"),
    ],
)
def test_line_end_hyphens(raw, expected):
    assert normalize_page(raw) == expected


def test_nfkc_whitespace_and_control_characters():
    assert normalize_page("ﬁnanciële\u00a0\u00a0steun\r\n\r\n\r\n\r\nvolgende\x00 alinea  ") == (
        "financiële steun\n\nvolgende alinea"
    )


def test_pdfium_range_marker_is_a_line_end_hyphen_too():
    assert normalize_page("in Noord\ufffeHolland") == "in Noord-Holland"
