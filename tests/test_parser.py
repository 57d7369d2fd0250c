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


# --- abbreviations and full names (search/synonyms.py, search/data/nl_synonyms.tsv) ------------------------------


def test_an_abbreviation_adds_its_names_as_phrases_in_its_group():
    parsed = parse("VWS zorg", expand=True)
    assert parsed.groups[0] == [
        Clause("word", ("vws",)),
        Clause("phrase", ("volksgezondheid", "welzijn", "en", "sport"), expanded=True),
    ]
    assert parsed.groups[1] == [Clause("word", ("zorg",))]
    assert [(e.typed, e.also, e.organisation) for e in parsed.expansions] == [
        ("VWS", ["Volksgezondheid, Welzijn en Sport"], "mnre1025")
    ]
    # Only when asked: other callers (dossiers, suggestions) parse as typed.
    assert parse("VWS zorg").groups == [[Clause("word", ("vws",))], [Clause("word", ("zorg",))]]


def test_a_typed_name_adds_its_abbreviation_to_each_of_its_words():
    parsed = parse("besluit wet openbaarheid van bestuur", expand=True)
    wob = Clause("word", ("wob",), expanded=True)
    assert parsed.groups == [
        [Clause("word", ("besluit",))],
        [Clause("word", ("wet",)), wob],
        [Clause("word", ("openbaarheid",)), wob],
        [Clause("word", ("bestuur",)), wob],  # the stopword "van" dropped, without its abbreviation
    ]
    assert [(e.typed, e.also) for e in parsed.expansions] == [("wet openbaarheid van bestuur", ["Wob"])]
    assert parse("Volksgezondheid, Welzijn en Sport", expand=True).expansions[0].typed == (
        "Volksgezondheid, Welzijn en Sport"
    )


def test_spellings_of_an_abbreviation():
    # "I&W" is the phrase of its letters; typed, it adds the name and the other spelling.
    assert parse("I&W", expand=True).groups == [
        [
            Clause("phrase", ("i", "w")),
            Clause("phrase", ("infrastructuur", "en", "waterstaat"), expanded=True),
            Clause("word", ("ienw",), expanded=True),
        ]
    ]
    # The name and the other spelling never add the "&" one: its letters also match "a.m.v.b." and the like.
    assert [c.words for c in parse("IenW", expand=True).groups[0]] == [
        ("ienw",),
        ("infrastructuur", "en", "waterstaat"),
    ]
    assert parse("infrastructuur en waterstaat", expand=True).expansions[0].also == ["IenW"]
    assert parse("(RVO),", expand=True).expansions[0].also == ["Rijksdienst voor Ondernemend Nederland"]


def test_ambiguous_abbreviations_expand_only_as_listed_or_in_capitals():
    for typed in ("Fin", "FIN", "Def", "AP", "AZ"):
        assert parse(typed, expand=True).expansions, typed
    for typed in ("fin", "def", "ap", "az", "Ap"):
        assert not parse(typed, expand=True).expansions, typed
    # A typed name does not add them (the organisation is still named, for the filter suggestion).
    parsed = parse("algemene zaken", expand=True)
    assert len(parsed.groups) == 2 and all(len(g) == 1 for g in parsed.groups)
    assert [(e.also, e.organisation) for e in parsed.expansions] == [([], "mnre1010")]


def test_phrases_prefixes_exclusions_and_words_in_other_words_are_not_expanded():
    for q in ('"Woo"', "Woo*", "-Woo", "Woo-verzoek", '"wet open overheid"', "wet -open overheid"):
        assert not parse(q, expand=True).expansions, q
    # OR: the abbreviation's names join its group of alternatives.
    groups = parse("woo OR wob", expand=True).groups
    assert len(groups) == 1 and len(groups[0]) == 4


def test_marking_leaves_out_an_added_names_stopwords():
    marked = parse("VWS", expand=True).to_mark()
    assert marked.groups[0][1].words == ("volksgezondheid", "welzijn", "sport")
    assert parse('"wet en regels"').to_mark().groups[0][0].words == ("wet", "en", "regels")  # typed: as typed
