"""The OpenSearch index definition: it parses, its word lists are the analysis module's, and on a real node
its Dutch chain gives the same terms as search/analysis.py."""

from __future__ import annotations

import random

import pytest
from conftest import engine_settings

from openarchief.search import SearchError, analysis
from openarchief.search._opensearch import SCHEMA_VERSION, load_definition
from openarchief.search.request import FILTERS


def filters(definition: dict) -> dict:
    return definition["settings"]["analysis"]["filter"]


def test_definition_lists_equal_the_analysis_module():
    definition = load_definition()
    assert definition["mappings"]["_meta"]["schema_version"] == SCHEMA_VERSION
    assert set(filters(definition)["oa_stop"]["stopwords"]) == set(analysis.stopwords())
    rules = dict(r.replace(" ", "").split("=>") for r in filters(definition)["oa_overrides"]["rules"])
    assert rules == analysis.stem_overrides()
    assert definition["mappings"]["properties"]["pages"]["type"] == "nested"
    for facet in (*FILTERS, "kind"):
        assert definition["mappings"]["properties"][facet]["type"] == "keyword"


def test_a_mapping_that_does_not_parse_is_a_clear_error(tmp_path):
    (tmp_path / "v1.json").write_text('{"settings": {')
    with pytest.raises(SearchError, match=r"index mapping .*v1\.json cannot be read"):
        load_definition(1, tmp_path)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from opensearchpy import OpenSearch

    settings = engine_settings("opensearch", tmp_path_factory.mktemp("mapping"))
    client = OpenSearch(settings.opensearch_url)
    name = settings.opensearch_index + "_analysis"
    client.indices.create(index=name, body=load_definition())
    yield client, name
    client.indices.delete(index=name)


def opensearch_terms(client, index: str, analyzer: str, text: str) -> list[str]:
    tokens = client.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})["tokens"]
    return [t["token"] for t in tokens]


def test_dutch_chain_equals_python_on_the_vocabulary(client):
    client, index = client
    words = [w for w in analysis._read_list("nl_words.txt") if w.isalpha()]
    sample = (
        random.Random(1).sample(words, 3000)
        + list(analysis.stem_overrides())
        + [
            "Financiën",
            "ideeën",
            "plannen",
            "brieven",
            "huizen",
            "gemeenten",
            "menen",
            "gezondheid",
            "jazz",
            "2000",
            "Noord-Holland",
            "Woo-verzoek",
            "één",
            "ﬁnanciële",
        ]
    )
    expected = [terms[0] for word in analysis.words(" ".join(sample)) if (terms := analysis.analyze_word(word))]
    assert opensearch_terms(client, index, "oa_dutch", " ".join(sample)) == expected


def test_exact_chain_equals_python(client):
    client, index = client
    text = "De Financiën van Noord-Holland: één Woo-verzoek, 2021/22 ﬁ"
    assert opensearch_terms(client, index, "oa_exact", text) == analysis.exact_terms(text).split()
