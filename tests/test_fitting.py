"""Column fitting: which column gives up width first, and never below one character."""

from __future__ import annotations

import pytest

from summits import fitting
from summits.fitting import CODE, Fit, Span

# -- column_widths ---------------------------------------------------------------------

TEXT = Fit(share=3, least=16)
WHO = Fit(share=1, least=17, most=30)


def test_widths_are_natural_when_they_fit() -> None:
    spans = [Span(8, 8, 8), Span(40, 9, 30)]
    assert fitting.column_widths(spans, [CODE, TEXT], 60) == [8, 40]


def test_free_text_shares_the_room_by_share_and_codes_keep_theirs() -> None:
    spans = [Span(10, 10, 10), Span(30, 15, 22), Span(200, 13, 80)]
    # 50 - 10 = 40 for the text: floors 15 + 13, the 12 over them split 1:3.
    assert fitting.column_widths(spans, [CODE, WHO, TEXT], 50) == [10, 18, 22]


def test_a_code_wraps_at_its_spaces_before_text_drops_below_its_least() -> None:
    dates = Span(23, 10, 23)  # "2022-06-29 \u2013 2022-06-30"
    spans = [dates, Span(40, 12, 20)]
    assert fitting.column_widths(spans, [CODE, TEXT], 30) == [10, 20]


def test_an_outlying_code_folds_to_the_median_width() -> None:
    summit = Span(20, 20, 9)  # one us-japan-2plus2-2025 among nato-2025s
    spans = [summit, Span(100, 16, 50)]
    assert fitting.column_widths(spans, [CODE, TEXT], 30) == [9, 21]


def test_a_code_that_gave_way_needlessly_gets_its_width_back() -> None:
    kind = Span(11, 9, 11)  # "⊘ cancelled"
    summit = Span(20, 20, 9)
    # Wrapping the kind alone is not enough; once the summit id folds, it was not needed.
    assert fitting.column_widths([kind, summit, Span(60, 16, 30)], [CODE, CODE, TEXT], 40) == [
        11,
        9,
        20,
    ]


@pytest.mark.parametrize("room", range(1, 120))
def test_widths_never_exceed_the_room_nor_fall_below_one(room: int) -> None:
    spans = [Span(8, 8, 8), Span(10, 10, 10), Span(20, 20, 9), Span(11, 9, 11)]
    spans += [Span(30, 17, 22), Span(150, 13, 60)]
    widths = fitting.column_widths(spans, [CODE, CODE, CODE, CODE, WHO, TEXT], room)
    assert min(widths) >= 1
    assert sum(widths) <= max(room, len(spans))
