"""Language of a document, deterministic: langdetect is seeded once, before its first use."""

from __future__ import annotations

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0
SAMPLE_CHARS = 2000  # as accurate as 5000 on the measured documents, at 60 % of the time


def detect_language(text: str) -> str | None:
    sample = " ".join(text.split())[:SAMPLE_CHARS]
    if sum(c.isalpha() for c in sample) < 20:
        return None
    try:
        return detect(sample)
    except LangDetectException:
        return None
