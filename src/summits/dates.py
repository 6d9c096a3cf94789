"""Dates with precision: a day, a month or a year, kept as ISO 8601 text.

A researcher often knows only that something happened "in June 2025". We keep
exactly that (``2025-06``) instead of inventing a day. ISO strings of mixed
precision sort correctly as text: ``2025-06`` < ``2025-06-01`` < ``2025-07``,
so a month sorts before the days of that month.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from typing import Literal

from summits.errors import InvalidValue

Precision = Literal["day", "month", "year"]

# ASCII digits only: ``\d`` would also accept Arabic-Indic and other digits.
_ISO = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
# Three numbers and nothing else (06/07/2025, 24.06.2025, 1 2 3): no month name
# tells day from month, so we must check the readings ourselves.
_NUMERIC = re.compile(r"([0-9]{1,4})([ ./-])[0-9]{1,2}\2([0-9]{1,4})")


# The longest text read as a date ("approximately between 18 and 20 June 2025" fits):
# a longer one is refused before any parsing, so a huge value costs nothing.
MAX_TEXT = 64

_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange's answer, without importing calendar (and locale) at start-up."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _DAYS[month - 1] + (month == 2 and leap)


def today() -> dt.date:
    """The one place that asks the clock for a date (tests patch it)."""
    return dt.date.today()


def utc_now() -> str:
    """Now, in UTC, to the second, as ISO 8601 with a ``Z``."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def precision(iso: str) -> Precision:
    """The precision of a stored ISO date: ``2025`` year, ``2025-06`` month."""
    return {4: "year", 7: "month"}.get(len(iso), "day")  # type: ignore[return-value]


def is_valid(iso: str) -> bool:
    """Whether ``iso`` is a stored date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, real."""
    match = _ISO.fullmatch(iso)
    if not match:
        return False
    year, month, day = match.groups()
    if month is None:
        return int(year) >= 1
    if not 1 <= int(month) <= 12:
        return False
    if day is None:
        return True
    return 1 <= int(day) <= days_in_month(int(year), int(month))


def first_day(iso: str) -> str:
    """The first day an ISO date of any precision covers, as ``YYYY-MM-DD``."""
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def last_day(iso: str) -> str:
    """The last day an ISO date of any precision covers, as ``YYYY-MM-DD``."""
    if len(iso) == 4:
        return iso + "-12-31"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:7])
        return f"{iso}-{days_in_month(year, month):02d}"
    return iso


def overlaps(iso: str, since: str | None, until: str | None) -> bool:
    """Whether a date, at its precision, overlaps the range [since, until].

    ``--since 2025-06-15`` keeps ``2025-06``; ``--until 2024`` keeps ``2024-12-31``.
    """
    if since is not None and last_day(iso) < first_day(since):
        return False
    return until is None or first_day(iso) <= last_day(until)


def parse(text: str) -> str:
    """Read a date as a researcher writes it; return ISO text at its precision.

    ISO (``2025-06-24``, ``2025-06``, ``2025``), ``today``/``yesterday``, and what
    python-dateutil reads (``June 24, 2025``, ``24 Jun 2025``, ``June 2025``).
    An all-numeric date that reads two ways (``06/07/2025``) is refused with
    both readings; ``24/06/2025`` has one reading and is accepted.
    """
    value = text.strip()
    if not value:
        raise InvalidValue("a date cannot be empty")
    if len(value) > MAX_TEXT:
        raise InvalidValue.about(
            value, f"is {len(value):,} characters long; a date has at most {MAX_TEXT}"
        )
    lowered = value.lower()
    if lowered in ("today", "yesterday"):
        day = today() - dt.timedelta(days=lowered == "yesterday")
        return day.isoformat()
    iso = value
    if value.isascii() and value.isdigit() and len(value) == 8:
        iso = f"{value[:4]}-{value[4:6]}-{value[6:]}"  # ISO 8601 basic: 20250624
    if _ISO.fullmatch(iso):
        if not is_valid(iso):
            raise InvalidValue.about(value, "is not a real date")
        return iso
    return _parse_free(value)


# Two defaults that differ in every field: a field dateutil fills from the
# default is a field the text did not give, which tells us the precision.
_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1908, 2, 2, 1, 1, 1)


def _parse_free(value: str) -> str:
    from dateutil import parser  # lazy: dateutil costs ~40 ms to import

    numeric = _NUMERIC.fullmatch(value)
    # 2025/06/07 is year-month-day everywhere; only d/m/y vs m/d/y is in doubt.
    yearfirst = numeric is not None and len(numeric.group(1)) == 4
    if numeric and not yearfirst and len(numeric.group(3)) != 4:
        # 6/7/25 could even be 2006-07-25: only a four-digit year is unambiguous.
        raise InvalidValue.about(value, "has no four-digit year; write it as YYYY-MM-DD")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # dateutil warns about unknown time zones
            a = parser.parse(value, default=_DEFAULT_A, yearfirst=yearfirst)
            b = parser.parse(value, default=_DEFAULT_B, yearfirst=yearfirst)
    except (ValueError, OverflowError) as exc:
        if "out of range" in str(exc):  # June 31, February 29, 2025: read, but not real
            raise InvalidValue.about(value, "is not a real date") from None
        raise InvalidValue.about(
            value, "is not a date (try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')"
        ) from None
    if a.year != b.year:
        raise InvalidValue.about(value, "has no year; write it in full, e.g. 'June 24, 2025'")
    ascii_digits = "".join(str(int(c)) if c.isdecimal() else c for c in value)
    if not re.search(rf"(?<!\d){a.year:04d}(?!\d)", ascii_digits):
        # '24 Jun 25' or '250624': dateutil guesses the century, or which digits
        # are the year. Only a year written in full is beyond doubt.
        raise InvalidValue.about(value, "has no four-digit year; write it as YYYY-MM-DD")
    # The defaults differ in time too, so any time the text gave shows (even 00:00).
    if a.time() != _DEFAULT_A.time() or b.time() != _DEFAULT_B.time() or a.tzinfo:
        raise InvalidValue.about(value, "has a time of day; give just the date")
    if a.month != b.month:
        if a.day != b.day:
            return f"{a.year:04d}"
        raise InvalidValue.about(value, "has a day but no month")
    if a.day != b.day:
        return f"{a.year:04d}-{a.month:02d}"
    if numeric and not yearfirst:
        _refuse_two_readings(value)
    return a.date().isoformat()


def _refuse_two_readings(value: str) -> None:
    """Refuse ``06/07/2025``: June 7 to an American, 6 July to a European."""
    from dateutil import parser

    month_first = parser.parse(value, default=_DEFAULT_A, dayfirst=False).date()
    day_first = parser.parse(value, default=_DEFAULT_A, dayfirst=True).date()
    if month_first != day_first:
        raise InvalidValue.about(
            value,
            f"reads two ways: {month_first.isoformat()} (month first) or "
            f"{day_first.isoformat()} (day first); write it as YYYY-MM-DD",
        )


def has_date_form(text: str) -> bool:
    """Whether ``text`` has the form of a stored date, real or not (``2025-02-30``)."""
    return _ISO.fullmatch(text) is not None


def describe(iso: str) -> str:
    """How a stored date reads back: ``2025-06-22 (day)``."""
    return f"{iso} ({precision(iso)})"
