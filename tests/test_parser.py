from openarchief.search.parser import Clause, parse


def test_words_all_must_match():
    parsed = parse("vergunning gemeente")
    assert parsed.groups == [[Clause("word", ("vergunning",))], [Clause("word", ("gemeente",))]]


def test_phrase_exclusion_or_prefix():
    parsed = parse('"exacte zin" -fout stikstof OR natuur vergun*')
    assert parsed.groups[0] == [Clause("phrase", ("exacte", "zin"))]
    assert parsed.groups[1] == [Clause("word", ("stikstof",)), Clause("word", ("natuur",))]
    assert parsed.groups[2] == [Clause("prefix", ("vergun",))]
    assert parsed.excluded == [Clause("word", ("fout",))]


def test_hyphenated_word_is_a_phrase_or_the_word_written_solid_and_diacritics_fold():
    assert parse("Woo-verzoek").groups == [[Clause("phrase", ("woo", "verzoek")), Clause("word", ("wooverzoek",))]]
    assert parse('"Woo-verzoek"').groups == [[Clause("phrase", ("woo", "verzoek"))]]  # quoted: as typed
    assert parse("-e-mailadres").excluded == [Clause("phrase", ("e", "mailadres")), Clause("word", ("emailadres",))]
    assert parse("Financiën").groups == [[Clause("word", ("financien",))]]


def test_any_input_parses():
    for q in ['"', '""', "-", "OR", "OR OR", "*", "a*", "x OR", '"open', "((", "<script>", "\x00", "é" * 500]:
        parse(q)  # never raises
    assert parse("OR").is_empty and parse('""').is_empty and parse("***").is_empty
    assert parse("a*").groups == [[Clause("word", ("a",))]]  # one letter is too short for a prefix
    assert parse('"open').groups == [[Clause("phrase", ("open",))]]


def test_a_kamerstuk_as_people_cite_it_is_its_identifier():
    expected = parse("32545-143")
    for typed in ("32 545, nr. 143", "Kamerstuk 32545 nr 143", "kamerstukken 32 545 nummer 143"):
        assert parse(typed) == expected, typed
    # Numbers without "nr." stay numbers.
    assert parse("32 545").groups == [[Clause("word", ("32",))], [Clause("word", ("545",))]]
