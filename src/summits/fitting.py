"""Fitting a table to the screen: which column gives up width, and in what order.

Rich squeezes the widest wrapping column first and crops or drops the rest,
so a long summit id left a name three letters wide and a narrow terminal lost
whole columns. ``Fitted`` wraps a Rich table and chooses its column widths at
each width it is drawn at: every column folds (no ellipsis, nothing dropped),
and the width goes first to codes, then to free text by its share
(``column_widths``, a pure function, tested on its own).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.table import Table


class Fit(NamedTuple):
    """How a column gives up width when its table is wider than the screen.

    Codes, ids and dates (``share`` 0) keep their width longest; free text
    shares what they leave, in proportion to ``share``, never narrower than
    ``least`` (or its longest word, if shorter) unless nothing else can give,
    never wider than ``most`` while another column wants the room. Widths
    exclude the padding between columns.
    """

    share: int = 0
    least: int = 10
    most: int | None = None


class Span(NamedTuple):
    """A column's measured widths: all on one line, its longest word, its median cell."""

    natural: int
    word: int
    typical: int


CODE = Fit()
TEXT = Fit(share=2, least=12)
# Free text by name: a reason is read, so it gets the most; ``who`` keeps room for
# "(senior-official)" on one line but no more than a name and a rank need.
FITS: dict[str, Fit] = {
    "reason": Fit(share=2, least=16),
    "who": Fit(share=1, least=len("(senior-official)"), most=30),
    "series": Fit(share=1, least=8),
}
_CODES = frozenset(
    {"id", "date", "dates", "summit", "party", "code", "kind", "level", "role", "invited", "events"}
)


def is_code(column: str) -> bool:
    """Whether a column holds codes, ids and dates (which keep their width longest)."""
    return column in _CODES


HARD_MIN = 4  # free text narrower than this is noise: below it the codes fold first


class Fitted:
    """A table that, at each width it is drawn at, chooses its column widths itself.

    Rich squeezes the widest wrapping column first and crops or drops the rest,
    so a long summit id left a name three letters wide and a narrow terminal
    lost whole columns. Here every column folds (no ellipsis, nothing dropped)
    and the width goes first to codes, then to free text by its share; see
    ``column_widths``.
    """

    def __init__(self, table: Table, fits: Sequence[Fit]) -> None:
        self.table = table
        self.fits = list(fits)
        for column in table.columns:
            column.no_wrap = False
            column.overflow = "fold"
            column.ratio = None  # widths are chosen here; a ratio would re-spread them

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        spans = self._measure(console, options)
        widths = column_widths(spans, self.fits, options.max_width - self._gaps())
        try:
            for column, width in zip(self.table.columns, widths, strict=True):
                column.width = width
            yield self.table
        finally:  # the same table may be drawn again at another width (a picture)
            for column in self.table.columns:
                column.width = None

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        spans = self._measure(console, options)
        gaps = self._gaps()
        least = sum(min(span.word, HARD_MIN) for span in spans) + gaps
        return Measurement(least, sum(span.natural for span in spans) + gaps).with_maximum(
            options.max_width
        )

    def _gaps(self) -> int:
        """The padding between columns (none at the edges, as every table here has)."""
        return self.table.padding[1] * (len(self.table.columns) - 1)

    def _measure(self, console: Console, options: ConsoleOptions) -> list[Span]:
        spans = []
        for column in self.table.columns:
            head = Measurement.get(console, options, column.header)
            cells = [Measurement.get(console, options, cell) for cell in column.cells]
            # Blank cells (a day's later events, the rows between days) say nothing
            # of how wide the column's values are.
            widths = sorted(cell.maximum for cell in cells if cell.maximum)
            least = head.maximum
            natural = max(least, column.min_width or 0, widths[-1] if widths else 0)
            word = max([least, *(cell.minimum for cell in cells)])
            typical = max(least, widths[(len(widths) - 1) // 2] if widths else 0)
            spans.append(Span(natural, min(word, natural), typical))
        return spans


def column_widths(spans: Sequence[Span], fits: Sequence[Fit], room: int) -> list[int]:
    """Widths for columns that must fit in ``room``, giving way in this order.

    1. Free text narrows from its natural width, by share, down to its least.
    2. Codes wrap at their spaces (a span of dates over two lines).
    3. Codes fold an outlier (``us-japan-2plus2-2025``) to the median cell's width.
    4. Free text narrows below its least, by share, down to HARD_MIN.
    5. Codes narrow, widest first; then free text, widest first, down to 1.

    A code that gave way in step 2 or 3 gets its width back if, in the end,
    there is room for it after all.
    """
    widths = [span.natural for span in spans]
    if sum(widths) <= room:
        return widths
    text = [i for i, fit in enumerate(fits) if fit.share]
    codes = [i for i, fit in enumerate(fits) if not fit.share]
    floors = {i: min(spans[i].natural, spans[i].word, fits[i].least) for i in text}
    given = []  # codes that gave way, in order
    for step in ("word", "typical"):
        by_gain = sorted(codes, key=lambda i: widths[i] - getattr(spans[i], step), reverse=True)
        for i in by_gain:
            if room - sum(widths[c] for c in codes) >= sum(floors.values()):
                break
            if getattr(spans[i], step) < widths[i]:
                widths[i] = getattr(spans[i], step)
                given.append(i)
    for i in reversed(given):  # restore what is not needed after all
        slack = room - sum(widths[c] for c in codes) - sum(floors.values())
        if spans[i].natural - widths[i] <= slack:
            widths[i] = spans[i].natural
    free = room - sum(widths[i] for i in codes)
    if free >= sum(floors.values()):
        caps = {i: min(spans[i].natural, fits[i].most or spans[i].natural) for i in text}
        _share(widths, fits, floors, caps, free)
        # Room the caps left over goes past them, up to the natural widths.
        naturals = {i: spans[i].natural for i in text}
        _share(widths, fits, {i: widths[i] for i in text}, naturals, free)
        return widths
    hard = {i: min(spans[i].natural, HARD_MIN) for i in text}
    if free >= sum(hard.values()):
        _share(widths, fits, hard, floors, free)
        return widths
    for i in text:
        widths[i] = hard[i]
    _shrink(widths, dict.fromkeys(codes, 1), sum(widths) - room)
    _shrink(widths, dict.fromkeys(text, 1), sum(widths) - room)
    return widths


def _share(
    widths: list[int],
    fits: Sequence[Fit],
    low: Mapping[int, int],
    high: Mapping[int, int],
    room: int,
) -> None:
    """Give the columns in ``low`` the ``room``, by share, each from ``low`` up to ``high``."""
    for i, width in low.items():
        widths[i] = width
    left = room - sum(low.values())
    while left > 0:
        open_ = [i for i in low if widths[i] < high[i]]
        if not open_:
            return
        total = sum(fits[i].share for i in open_)
        given = 0
        for i in open_:
            add = min(high[i] - widths[i], left * fits[i].share // total)
            widths[i] += add
            given += add
        if not given:  # less than one character each: the larger shares first
            for i in sorted(open_, key=lambda i: -fits[i].share)[:left]:
                widths[i] += 1
                given += 1
        left -= given


def _shrink(widths: list[int], low: Mapping[int, int], excess: int) -> None:
    """Take ``excess`` characters from the columns in ``low``, widest first, not below it."""
    while excess > 0:
        open_ = [i for i in low if widths[i] > low[i]]
        if not open_:
            return
        widest = max(open_, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
