"""The choice of a spelling suggestion ("Bedoelde u …?") among candidate words of the archive; each engine
finds its candidates its own way, both choose with this."""

from __future__ import annotations

from difflib import SequenceMatcher

MIN_SIMILARITY = 0.75


def closest_word(word: str, candidates: dict[str, int]) -> str | None:
    """The candidate most like `word` (ties: the most frequent), if it is alike enough."""
    best, best_key = None, (MIN_SIMILARITY, 0)
    for candidate, frequency in candidates.items():
        if candidate == word or abs(len(candidate) - len(word)) > 2:
            continue
        similarity = SequenceMatcher(None, word, candidate).ratio()
        key = (similarity, frequency)
        if key > best_key:
            best, best_key = candidate, key
    return best
