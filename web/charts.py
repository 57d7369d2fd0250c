"""Small bar charts drawn on the server as SVG: researchers would rather look than read, and the page must work
without JavaScript. Each bar links to the search it counts; the template puts the same counts in a table beside
the picture, for screen readers and for copying."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

WIDTH, HEIGHT = 640, 110  # the drawing's own units; CSS scales it to the column
LABEL_SPACE = 18  # below the bars, for the year labels
MAX_BARS = 60  # a longer range is cut to its most recent years


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    href: str | None  # None for an empty year: nothing to search
    x: float
    y: float
    width: float
    height: float
    labelled: bool  # its label is written under it (not under every bar of a long range: they would overlap)

    @property
    def centre(self) -> float:
        return self.x + self.width / 2

    @property
    def geometry(self) -> Markup:
        """The SVG rect's position and size to a tenth, in one piece: four numbers, nothing to escape, and a
        chart has up to sixty bars."""
        return Markup(f'x="{self.x:.1f}" y="{self.y:.1f}" width="{self.width:.1f}" height="{self.height:.1f}"')


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def baseline(self) -> int:
        return self.height - LABEL_SPACE


def bar_chart(counts: list[tuple[str, str, int, str | None]]) -> Chart | None:
    """A chart of (key, label, count, link) in the given order; None when there is nothing to draw."""
    counts = counts[-MAX_BARS:]
    if not counts or not any(count for _, _, count, _ in counts):
        return None
    most = max(count for _, _, count, _ in counts)
    slot = WIDTH / len(counts)
    gap = min(slot * 0.2, 6)
    tallest = HEIGHT - LABEL_SPACE - 4
    longest = max(len(label) for _, label, _, _ in counts)
    every = max(1, int(longest * 7.5 // slot) + 1)  # a label under every n-th bar, so that labels never overlap
    bars = []
    for i, (key, label, count, href) in enumerate(counts):
        height = max(tallest * count / most, 1.5 if count else 0)
        y = HEIGHT - LABEL_SPACE - height
        bars.append(
            Bar(key, label, count, href if count else None, i * slot + gap / 2, y, slot - gap, height, i % every == 0)
        )
    return Chart(bars)


def year_chart(year_counts: dict[int, int], link) -> Chart | None:
    """Documents per year, every year from the first to the last (an empty year is a gap, not left out), each
    bar linking to `link(year)`."""
    if not year_counts:
        return None
    first, last = min(year_counts), max(year_counts)
    years = range(max(first, last - MAX_BARS + 1), last + 1)
    return bar_chart([(str(y), str(y), year_counts.get(y, 0), link(y)) for y in years])
