"""Dates with precision: what is read, what is refused, and how ranges overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summits import dates
from summits.errors import InvalidValue

pytestmark = pytest.mark.usefixtures("core_env")  # today is 2025-06-30


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2025-06-24", "2025-06-24"),
        ("2025-06", "2025-06"),
        ("2025", "2025"),
        ("  2025-06-24 ", "2025-06-24"),
        ("June 24, 2025", "2025-06-24"),
        ("24 Jun 2025", "2025-06-24"),
        ("24 June 2025", "2025-06-24"),
        ("Jun 24 2025", "2025-06-24"),
        ("June 2025", "2025-06"),
        ("2025 June", "2025-06"),
        ("jun 2025", "2025-06"),
        ("24/06/2025", "2025-06-24"),
        ("24.06.2025", "2025-06-24"),
        ("06/06/2025", "2025-06-06"),
        ("2025/06/07", "2025-06-07"),
        ("2025-6-7", "2025-06-07"),
        ("2024-02-29", "2024-02-29"),
        ("0001-01-01", "0001-01-01"),
        ("20250624", "2025-06-24"),
    ],
)
def test_parse_accepts(text: str, iso: str) -> None:
    assert dates.parse(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [("today", "2025-06-30"), ("Today", "2025-06-30"), ("yesterday", "2025-06-29")],
)
def test_today_and_yesterday_come_from_the_patched_clock(text: str, iso: str) -> None:
    # conftest patches dates.today to 2025-06-30
    assert dates.parse(text) == iso


def test_yesterday_crosses_a_year(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: dt.date(2025, 1, 1))
    assert dates.parse("yesterday") == "2024-12-31"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "06/07/2025",
            "'06/07/2025' reads two ways: 2025-06-07 (month first) or 2025-07-06 (day first); "
            "write it as YYYY-MM-DD",
        ),
        (
            "1.2.2025",
            "'1.2.2025' reads two ways: 2025-01-02 (month first) or 2025-02-01 (day first); "
            "write it as YYYY-MM-DD",
        ),
        ("6/7/25", "'6/7/25' has no four-digit year; write it as YYYY-MM-DD"),
        ("1 2 3", "'1 2 3' has no four-digit year; write it as YYYY-MM-DD"),
        ("250624", "'250624' has no four-digit year; write it as YYYY-MM-DD"),
        ("1 Jun 25", "'1 Jun 25' has no four-digit year; write it as YYYY-MM-DD"),
        ("June 25", "'June 25' has no year; write it in full, e.g. 'June 24, 2025'"),
        ("20251324", "'20251324' is not a real date"),
        ("2025-02-29", "'2025-02-29' is not a real date"),
        ("2025-13", "'2025-13' is not a real date"),
        ("2025-00", "'2025-00' is not a real date"),
        ("2025-04-31", "'2025-04-31' is not a real date"),
        ("0000", "'0000' is not a real date"),
        ("February 30, 2025", "'February 30, 2025' is not a real date"),
        ("June 31, 2025", "'June 31, 2025' is not a real date"),
        ("29 Feb 2025", "'29 Feb 2025' is not a real date"),
        ("24 Jun", "'24 Jun' has no year; write it in full, e.g. 'June 24, 2025'"),
        ("June", "'June' has no year; write it in full, e.g. 'June 24, 2025'"),
        ("monday", "'monday' has no year; write it in full, e.g. 'June 24, 2025'"),
        ("2025-06-24T10:00", "'2025-06-24T10:00' has a time of day; give just the date"),
        ("2025-06-24 10:00", "'2025-06-24 10:00' has a time of day; give just the date"),
        ("June 24, 2025 00:00", "'June 24, 2025 00:00' has a time of day; give just the date"),
        ("junk", "'junk' is not a date (try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')"),
        ("sumer", "'sumer' is not a date (try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')"),
        ("", "a date cannot be empty"),
        ("   ", "a date cannot be empty"),
    ],
)
def test_parse_refuses(text: str, message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        dates.parse(text)
    assert str(refused.value) == message


def test_non_ascii_digits_never_reach_the_file() -> None:
    # \d matches Arabic-Indic digits; a stored date must be plain ASCII.
    assert dates.parse("\u0662\u0660\u0662\u0665") == "2025"
    assert not dates.is_valid("\u0662\u0660\u0662\u0665")


@pytest.mark.parametrize(
    ("iso", "precision", "first", "last"),
    [
        ("2025-06-24", "day", "2025-06-24", "2025-06-24"),
        ("2025-06", "month", "2025-06-01", "2025-06-30"),
        ("2024-02", "month", "2024-02-01", "2024-02-29"),
        ("2025-02", "month", "2025-02-01", "2025-02-28"),
        ("2025", "year", "2025-01-01", "2025-12-31"),
    ],
)
def test_precision_and_span(iso: str, precision: str, first: str, last: str) -> None:
    assert dates.precision(iso) == precision
    assert dates.first_day(iso) == first
    assert dates.last_day(iso) == last
    assert dates.describe(iso) == f"{iso} ({precision})"


@pytest.mark.parametrize(
    ("iso", "since", "until", "kept"),
    [
        ("2025-06", "2025-06-15", None, True),  # the contract's example
        ("2024-12-31", None, "2024", True),  # the contract's other example
        ("2025-05", "2025-06-15", None, False),
        ("2025", "2025-06-15", None, True),
        ("2025", None, "2024-12-31", False),
        ("2025-06-14", "2025-06-15", None, False),
        ("2025-06-15", "2025-06-15", "2025-06-15", True),
        ("2025-06-16", None, "2025-06-15", False),
        ("2025-06", "2025-06-30", "2025-07", True),
        ("2025-07", "2025-06", "2025-06", False),
        ("2025-06-24", None, None, True),
    ],
)
def test_overlaps(iso: str, since: str | None, until: str | None, kept: bool) -> None:
    assert dates.overlaps(iso, since, until) is kept


def test_a_month_sorts_before_its_days_and_after_the_previous_month() -> None:
    mixed = ["2025-06-24", "2025-07", "2025-06", "2025", "2025-06-01", "2024-12-31", "2025-05-31"]
    assert sorted(mixed) == [
        "2024-12-31",
        "2025",
        "2025-05-31",
        "2025-06",
        "2025-06-01",
        "2025-06-24",
        "2025-07",
    ]


@pytest.mark.parametrize(
    ("iso", "valid"),
    [
        ("2025", True),
        ("2025-06", True),
        ("2025-06-30", True),
        ("2025-06-31", False),
        ("25", False),
        ("2025-6", False),
        ("2025-06-1", False),
        ("2025/06/01", False),
        ("", False),
    ],
)
def test_is_valid(iso: str, valid: bool) -> None:
    assert dates.is_valid(iso) is valid


def test_utc_now_is_a_timestamp() -> None:
    from summits.models import TIMESTAMP

    assert TIMESTAMP.fullmatch(dates.utc_now())


real_dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@given(real_dates, st.sampled_from([4, 7, 10]))
@settings(max_examples=300)
def test_iso_at_each_precision_round_trips(day: dt.date, width: int) -> None:
    iso = day.isoformat()[:width]
    assert dates.parse(iso) == iso
    assert dates.is_valid(iso)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
@settings(max_examples=200)
def test_written_out_dates_read_back(day: dt.date) -> None:
    assert dates.parse(day.strftime("%B %d, %Y")) == day.isoformat()
    assert dates.parse(day.strftime("%d %b %Y")) == day.isoformat()
    assert dates.parse(day.strftime("%B %Y")) == day.isoformat()[:7]


# Text made of the pieces dates are written with, so hypothesis reaches dateutil's corners.
date_like = st.lists(
    st.sampled_from(
        [*"0123456789/-.,: TZ+", "June", "jun", "2025", "24", "am", "\x00", "\u0662", "of"]
    ),
    max_size=10,
).map("".join)


@given(st.one_of(st.text(), date_like))
@settings(max_examples=400)
def test_parse_returns_a_stored_date_or_refuses(text: str) -> None:
    try:
        iso = dates.parse(text)
    except InvalidValue:
        return
    assert dates.is_valid(iso)
