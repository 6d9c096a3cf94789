"""EDTF dates (level 1, a subset): what is read and stored, refused, bounded, shown, sorted."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summits import dates
from summits.errors import InvalidValue

pytestmark = pytest.mark.usefixtures("core_env")  # today is 2025-06-30


@pytest.mark.parametrize(
    ("text", "stored"),
    [
        # stored forms, as they are
        ("2025-06-20~", "2025-06-20~"),
        ("2025-06-20?", "2025-06-20?"),
        ("2025-06-20%", "2025-06-20%"),
        ("2025-06~", "2025-06~"),
        ("2025?", "2025?"),
        ("2025-06-18/2025-06-20", "2025-06-18/2025-06-20"),
        ("2025-06/2025-07", "2025-06/2025-07"),
        ("2024/2025", "2024/2025"),
        ("2025-06/2025-07-10", "2025-06/2025-07-10"),
        ("2025-06-18/2025-06-18", "2025-06-18"),  # an interval of one day is that day
        # approximate, in words
        ("c. June 20, 2025", "2025-06-20~"),
        ("c.June 20, 2025", "2025-06-20~"),
        ("c 2025", "2025~"),
        ("ca. 24 Jun 2025", "2025-06-24~"),
        ("circa 2025", "2025~"),
        ("Circa June 2025", "2025-06~"),
        ("about 20 June 2025", "2025-06-20~"),
        ("around 2025-06", "2025-06~"),
        ("approximately 2025-06-20", "2025-06-20~"),
        ("approx. 2025", "2025~"),
        # uncertain, and both
        ("June 20, 2025?", "2025-06-20?"),
        ("2025-06-20 ?", "2025-06-20?"),
        ("c. June 20, 2025?", "2025-06-20%"),
        ("about 2025-06-20~", "2025-06-20~"),
        ("June 2025~", "2025-06~"),
        # intervals, in words: the first end takes what it leaves out from the second
        ("between 18 and 20 June 2025", "2025-06-18/2025-06-20"),
        ("between June 18 and 20, 2025", "2025-06-18/2025-06-20"),
        ("Between 18 June and 2 July 2025", "2025-06-18/2025-07-02"),
        ("between June 18, 2025 and June 20, 2025", "2025-06-18/2025-06-20"),
        ("between June and August 2025", "2025-06/2025-08"),
        ("between 2024 and 2025", "2024/2025"),
        ("between 2025-06-18 and 2025-06-20", "2025-06-18/2025-06-20"),
        ("between 30 December 2024 and 2 January 2025", "2024-12-30/2025-01-02"),
        ("between 20 and 20 June 2025", "2025-06-20"),
    ],
)
def test_parse_reads_edtf_and_its_phrasings(text: str, stored: str) -> None:
    assert dates.parse(text) == stored
    assert dates.is_valid(stored)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "late June 2025",
            "'late June 2025' is vaguer than a date can say exactly ('late'); give the span "
            "you mean as an interval, e.g. 2025-06-21/2025-06-30 ('between 21 and 30 June 2025')",
        ),
        (
            "early June 2025",
            "'early June 2025' is vaguer than a date can say exactly ('early'); give the span "
            "you mean as an interval, e.g. 2025-06-01/2025-06-10 ('between 1 and 10 June 2025')",
        ),
        (
            "mid-February 2024",
            "'mid-February 2024' is vaguer than a date can say exactly ('mid'); give the span "
            "you mean as an interval, e.g. 2024-02-11/2024-02-20 ('between 11 and 20 February "
            "2024')",
        ),
        (
            "late February 2025",
            "'late February 2025' is vaguer than a date can say exactly ('late'); give the span "
            "you mean as an interval, e.g. 2025-02-21/2025-02-28 ('between 21 and 28 February "
            "2025')",
        ),
        (
            "summer 2025",
            "'summer 2025' is vaguer than a date can say exactly ('summer'); give the span you "
            "mean as an interval, e.g. 2025-06/2025-08",
        ),
        (
            "end of June 2025",
            "'end of June 2025' is vaguer than a date can say exactly ('end'); give the span you "
            "mean as an interval, e.g. 2025-06-21/2025-06-30 ('between 21 and 30 June 2025')",
        ),
        (
            "June 20 or 21, 2025",
            "'June 20 or 21, 2025' is vaguer than a date can say exactly ('or'); give the span "
            "you mean as an interval, e.g. 2025-06-21/2025-06-30 ('between 21 and 30 June 2025')",
        ),
        (
            "before June 20, 2025",
            "'before June 20, 2025' has an open end ('before'), which a date cannot say exactly; "
            "give both ends as an interval, e.g. 2025-06-01/2025-06-20",
        ),
        (
            "after 2025-06-20",
            "'after 2025-06-20' has an open end ('after'), which a date cannot say exactly; "
            "give both ends as an interval, e.g. 2025-06-20/2025-06-30",
        ),
        (
            "2025-06-20/2025-06-18",
            "'2025-06-20/2025-06-18' is an interval that ends before it starts",
        ),
        ("2025-06/2025-06-10", "'2025-06/2025-06-10' is an interval that ends before it starts"),
        (
            "between 20 and 18 June 2025",
            "'between 20 and 18 June 2025' is an interval that ends before it starts "
            "(2025-06-20/2025-06-18)",
        ),
        (
            "between 18 and June 2025",
            "'between 18 and June 2025' needs both ends in full, e.g. 'between 18 and 20 June "
            "2025'",
        ),
        ("between 18 and 31 June 2025", "'between 18 and 31 June 2025' is not a real date"),
        ("c. June 31, 2025", "'c. June 31, 2025' is not a real date"),
        ("2025-02-29~", "'2025-02-29~' is not a real date"),
        ("2025-06-18/2025-06-31", "'2025-06-18/2025-06-31' is not a real date"),
        ("2025~~", "'2025~~' is qualified twice (give ~, ?, % or c. once)"),
        (
            "c. 2025-06-18/2025-06-20",
            "'c. 2025-06-18/2025-06-20' is qualified twice (give ~, ?, % or c. once)",
        ),
        ("c. June", "'c. June' has no year; write it in full, e.g. 'June 24, 2025'"),
        ("?", "'?' is not a date (try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')"),
        (
            "../2025",
            "'../2025' has an open or unknown end, which a date cannot say exactly; give both "
            "ends as an interval, e.g. 2025-06-18/2025-06-20",
        ),
        (
            "2025-06-18/",
            "'2025-06-18/' has an open or unknown end, which a date cannot say exactly; give both "
            "ends as an interval, e.g. 2025-06-18/2025-06-20",
        ),
    ],
)
def test_parse_refuses_what_edtf_cannot_say_exactly(text: str, message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        dates.parse(text)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("stored", "first", "last", "shown", "described"),
    [
        ("2025-06-20", "2025-06-20", "2025-06-20", "2025-06-20", "2025-06-20 (day)"),
        ("2025-06", "2025-06-01", "2025-06-30", "2025-06", "2025-06 (month)"),
        (
            "2025-06-20~",
            "2025-06-20",
            "2025-06-20",
            "c. 2025-06-20",
            "2025-06-20~ (day, approximate)",
        ),
        ("2025-06-20?", "2025-06-20", "2025-06-20", "2025-06-20?", "2025-06-20? (day, uncertain)"),
        (
            "2025-06-20%",
            "2025-06-20",
            "2025-06-20",
            "c. 2025-06-20?",
            "2025-06-20% (day, approximate and uncertain)",
        ),
        ("2024-02~", "2024-02-01", "2024-02-29", "c. 2024-02", "2024-02~ (month, approximate)"),
        ("2025?", "2025-01-01", "2025-12-31", "2025?", "2025? (year, uncertain)"),
        (
            "2025-06-18/2025-06-20",
            "2025-06-18",
            "2025-06-20",
            "2025-06-18 \u2013 20",
            "2025-06-18/2025-06-20 (between 2025-06-18 and 2025-06-20)",
        ),
        (
            "2025-06-28/2025-07-02",
            "2025-06-28",
            "2025-07-02",
            "2025-06-28 \u2013 07-02",
            "2025-06-28/2025-07-02 (between 2025-06-28 and 2025-07-02)",
        ),
        (
            "2024-12-30/2025-01-02",
            "2024-12-30",
            "2025-01-02",
            "2024-12-30 \u2013 2025-01-02",
            "2024-12-30/2025-01-02 (between 2024-12-30 and 2025-01-02)",
        ),
        (
            "2025-06/2025-08",
            "2025-06-01",
            "2025-08-31",
            "2025-06 \u2013 08",
            "2025-06/2025-08 (between 2025-06 and 2025-08)",
        ),
        (
            "2025-06/2025-07-10",
            "2025-06-01",
            "2025-07-10",
            "2025-06 \u2013 2025-07-10",
            "2025-06/2025-07-10 (between 2025-06 and 2025-07-10)",
        ),
        (
            "2024/2025",
            "2024-01-01",
            "2025-12-31",
            "2024 \u2013 2025",
            "2024/2025 (between 2024 and 2025)",
        ),
        ("", "", "", "", None),
    ],
)
def test_bounds_display_and_description(
    stored: str, first: str, last: str, shown: str, described: str | None
) -> None:
    assert dates.bounds(stored) == (first, last)
    assert (dates.first_day(stored), dates.last_day(stored)) == (first, last)
    assert dates.display(stored) == shown
    if described is not None:
        assert dates.describe(stored) == described


def test_the_order_of_plain_dates_is_their_order_as_text_as_in_version_1() -> None:
    mixed = ["2025-06-24", "2025-07", "2025-06", "2025", "2025-06-01", "2024-12-31", "2025-05-31"]
    assert sorted(mixed, key=dates.order) == sorted(mixed)


def test_edtf_dates_sort_by_their_first_day_and_the_wider_first() -> None:
    mixed = [
        "2025-06-20",
        "2025-06-20~",
        "2025-06-18/2025-06-20",
        "2025-06",
        "2025-06-19?",
        "2025-06-18",
        "2025-06/2025-07",
        "2025-05-31",
    ]
    assert sorted(mixed, key=dates.order) == [
        "2025-05-31",
        "2025-06/2025-07",
        "2025-06",
        "2025-06-18/2025-06-20",
        "2025-06-18",
        "2025-06-19?",
        "2025-06-20",
        "2025-06-20~",
    ]


# -- properties -------------------------------------------------------------------

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
plain_dates = st.builds(
    lambda day, width: day.isoformat()[:width], days, st.sampled_from([4, 7, 10])
)


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """Every stored form: plain, qualified, or an interval of two plain dates in order."""
    first = draw(plain_dates)
    form = draw(st.sampled_from(["plain", "~", "?", "%", "interval"]))
    if form == "plain":
        return first
    if form != "interval":
        return first + form
    second = draw(plain_dates)
    a, b = sorted([first, second], key=dates.first_day)
    if dates.last_day(a) > dates.last_day(b):
        a, b = b, a
    return f"{a}/{b}" if a != b and dates.is_valid(f"{a}/{b}") else a


@given(edtf_dates())
@settings(max_examples=200)
def test_every_stored_form_reads_back_as_itself_with_bounds_in_order(stored: str) -> None:
    assert dates.is_valid(stored)
    assert dates.parse(stored) == stored
    first, last = dates.bounds(stored)
    assert dt.date.fromisoformat(first) <= dt.date.fromisoformat(last)


@given(st.text(max_size=30))
@settings(max_examples=200)
def test_whatever_parse_accepts_is_stored_with_bounds_in_order(text: str) -> None:
    try:
        stored = dates.parse(text)
    except InvalidValue:
        return
    assert dates.is_valid(stored)
    first, last = dates.bounds(stored)
    assert first <= last


@given(edtf_dates(), st.one_of(st.none(), edtf_dates()), st.one_of(st.none(), edtf_dates()))
@settings(max_examples=200)
def test_since_and_until_keep_exactly_the_dates_whose_bounds_overlap(
    stored: str, since: str | None, until: str | None
) -> None:
    first, last = (dt.date.fromisoformat(day) for day in dates.bounds(stored))
    overlap = (since is None or last >= dt.date.fromisoformat(dates.first_day(since))) and (
        until is None or first <= dt.date.fromisoformat(dates.last_day(until))
    )
    assert dates.overlaps(stored, since, until) is overlap
