"""A search mix as real traffic asks it: many distinct searches, a few of them very popular (issue 18).

    .venv/bin/python bench/queries.py [--distinct 1000] [--requests 20000] [--seed 7]   # prints a sample and counts

`mix(distinct, seed)` makes that many distinct searches of the scale corpus's vocabulary (bench/corpus.py): single
words from the general and the government vocabulary, compounds, two and three words, phrases, prefixes, words with
a ministry, document type or year filter, date ranges, sorted by date, and pages 2-50 of a search. Each search gets
a popularity by rank, Zipf-like (weight 1 / rank), over a shuffled order so that every kind has popular and rare
searches; `sequence(searches, requests, seed)` draws the requests in that proportion. Used by bench/load.py (wrk
cycles through the sequence) and bench/searching.py (latency over the mix).
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
import sys
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import GOV_COMPOUNDS, GOV_WORDS, MINISTRIES, SHORT_WORDS, TYPES, _vocabulary  # noqa: E402

# The share of each kind of search among the distinct ones.
KINDS = {
    "word": 0.24,
    "government word": 0.12,
    "compound": 0.08,
    "two words": 0.12,
    "three words": 0.05,
    "phrase": 0.07,
    "prefix": 0.03,
    "ministry filter": 0.07,
    "type filter": 0.05,
    "year filter": 0.05,
    "date range": 0.04,
    "sorted by date": 0.03,
    "deep page": 0.05,
}


def _content_words() -> list[str]:
    """The general vocabulary in frequency order, without the short function words nobody searches alone."""
    return [w for w in _vocabulary() if w not in SHORT_WORDS and len(w) > 3 and w.isalpha()]


def mix(distinct: int = 1000, seed: int = 7) -> list[dict[str, str]]:
    """`distinct` different searches (query parameters), the most popular first."""
    rng = random.Random(seed)
    words = _content_words()[100:6000]  # the most frequent hundred are words nobody searches for alone
    gov = [w for w in GOV_WORDS if w.isalpha() and len(w) > 3]
    ministries = [code for code, _ in MINISTRIES if code]
    types = [row[0] for row in TYPES if row[0]]

    def word() -> str:  # a general word, frequent ones more often, as people type them
        return words[min(int(rng.paretovariate(0.6)) - 1, len(words) - 1)]

    makers = {
        "word": lambda: {"q": word()},
        "government word": lambda: {"q": rng.choice(gov)},
        "compound": lambda: {"q": rng.choice(GOV_COMPOUNDS)},
        "two words": lambda: {"q": f"{rng.choice(gov)} {word()}"},
        "three words": lambda: {"q": f"{rng.choice(gov)} {rng.choice(gov)} {word()}"},
        "phrase": lambda: {"q": f'"de {rng.choice(gov)}"'},
        "prefix": lambda: {"q": rng.choice(gov)[:4] + "*"},
        "ministry filter": lambda: {"q": rng.choice(gov), "ministry": rng.choice(ministries)},
        "type filter": lambda: {"q": word(), "type": rng.choice(types)},
        "year filter": lambda: {"q": rng.choice(gov), "year": str(rng.randint(2005, 2025))},
        "date range": lambda: (
            lambda year: {"q": rng.choice(gov), "date_from": f"{year}-01-01", "date_to": f"{year + 2}-12-31"}
        )(rng.randint(2000, 2023)),
        "sorted by date": lambda: {"q": rng.choice(gov), "sort": "newest"},
        "deep page": lambda: {"q": rng.choice(gov + GOV_COMPOUNDS), "page": str(rng.randint(2, 50))},
    }
    kinds, weights = list(KINDS), list(itertools.accumulate(KINDS.values()))
    found: dict[str, dict[str, str]] = {}
    while len(found) < distinct:
        kind = kinds[bisect.bisect(weights, rng.random() * weights[-1])]
        params = makers[kind]()
        found.setdefault(urllib.parse.urlencode(params), params | {"_kind": kind})
    searches = list(found.values())
    rng.shuffle(searches)  # popularity does not follow the kind
    return searches


def sequence(searches: list[dict[str, str]], requests: int, seed: int = 8) -> list[dict[str, str]]:
    """`requests` searches drawn from `searches` with weight 1 / rank (Zipf, exponent 1)."""
    rng = random.Random(seed)
    cumulative = list(itertools.accumulate(1.0 / rank for rank in range(1, len(searches) + 1)))
    return [searches[bisect.bisect(cumulative, rng.random() * cumulative[-1])] for _ in range(requests)]


def path(base: str, params: dict[str, str]) -> str:
    return base + "?" + urllib.parse.urlencode({k: v for k, v in params.items() if not k.startswith("_")})


def repeat_share(requests: list[dict[str, str]]) -> float:
    """The share of requests that ask a search asked before in the sequence: what a cache holding everything
    could answer."""
    seen: set[str] = set()
    repeats = 0
    for params in requests:
        key = path("", params)
        repeats += key in seen
        seen.add(key)
    return repeats / len(requests)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distinct", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    searches = mix(args.distinct, args.seed)
    drawn = sequence(searches, args.requests)
    print(
        f"{len(searches)} distinct searches; {args.requests} requests drawn, {len({path('', p) for p in drawn})} distinct"
    )
    print(f"requests that repeat an earlier one: {repeat_share(drawn):.1%}")
    print("kinds among the distinct:", dict(Counter(s["_kind"] for s in searches)))
    for params, count in Counter(path("", p) for p in drawn).most_common(10):
        print(f"  {count:5d}  {params}")


if __name__ == "__main__":
    main()
