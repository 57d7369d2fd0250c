"""Regenerate search/data/nl_words.txt, the Dutch word list used for decompounding and hyphen repair.

The list is committed so the archive works offline; this script documents where it came from.
Run: python scripts/build_wordlist.py  (needs `pip install wordfreq`, which ships its data).
"""

import re
from pathlib import Path

import wordfreq

SIZE = 80_000
OUT = Path(__file__).resolve().parent.parent / "search" / "data" / "nl_words.txt"


def main() -> None:
    words = [w for w in wordfreq.top_n_list("nl", SIZE * 2) if re.fullmatch(r"[a-zà-ÿ]{3,}", w)][:SIZE]
    OUT.write_text(
        "# Dutch words by frequency (wordfreq 3.1, top %d alphabetic, >= 3 letters)\n" % SIZE + "\n".join(words) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
