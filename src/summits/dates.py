"""Dates with precision: a day, a month or a year, kept as ISO 8601 text.

A researcher often knows only that something happened "in June 2025". We keep
exactly that (``2025-06``) instead of inventing a day. ISO strings of mixed
precision sort correctly as text: ``2025-06`` < ``2025-06-01`` < ``2025-07``,
so a month sorts before the days of that month.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import warnings
from typing import Literal, NamedTuple

from summits.errors import InvalidValue, SummitsError

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


# -- stored dates: EDTF level 1, a subset --------------------------------------------

# A plain date at its precision, and the EDTF forms built from it: qualified
# (``~`` approximate, ``?`` uncertain, ``%`` both) or an interval ``A/B`` of
# two plain dates. Open or unknown ends (``../2025``) are not stored: a date
# must have bounds, or it cannot be sorted or filtered.
_PLAIN = "[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?"
PATTERN = f"(?:{_PLAIN}[?~%]?|{_PLAIN}/{_PLAIN})"  # the form (not the calendar), for schemas
_EDTF = re.compile(f"({_PLAIN})([?~%]?)|({_PLAIN})/({_PLAIN})")
QUALIFIERS = {"~": "approximate", "?": "uncertain", "%": "approximate and uncertain"}


class Parts(NamedTuple):
    """A stored date taken apart: its first and last plain dates (the same for a single
    date) and its qualifier (``""``, ``~``, ``?`` or ``%``)."""

    start: str
    end: str
    qualifier: str

    @property
    def interval(self) -> bool:
        return self.start != self.end


def split(text: str) -> Parts | None:
    """The parts of a date of the stored form (real or not), or None."""
    match = _EDTF.fullmatch(text)
    if match is None:
        return None
    single, qualifier, start, end = match.groups()
    if single is not None:
        return Parts(single, single, qualifier)
    return Parts(start, end, "")


def precision(iso: str) -> Precision:
    """The precision of a stored date (of its first part): ``2025`` year, ``2025-06`` month."""
    parts = split(iso)
    plain = parts.start if parts is not None else iso
    return {4: "year", 7: "month"}.get(len(plain), "day")  # type: ignore[return-value]


def _is_real(iso: str) -> bool:
    """Whether a plain ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` names a real year, month or day."""
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


def problem(text: str) -> str | None:
    """What is wrong with a stored date, or None: the one place that says it."""
    parts = split(text)
    if parts is None:
        return (
            "is not a date (YYYY-MM-DD, YYYY-MM or YYYY; EDTF such as 2025-06-20~ "
            "or 2025-06-18/2025-06-20)"
        )
    if not (_is_real(parts.start) and _is_real(parts.end)):
        return "is not a real date"
    if _first(parts.start) > _first(parts.end) or _last(parts.start) > _last(parts.end):
        return "is an interval that ends before it starts"
    return None


def is_valid(iso: str) -> bool:
    """Whether ``iso`` is a stored date: plain at its precision, qualified, or an interval."""
    parts = split(iso)
    if parts is None:
        return False
    if not parts.interval:
        return _is_real(parts.start)
    return problem(iso) is None


def _first(iso: str) -> str:
    return (iso + "-01-01")[:10] if len(iso) == 4 else (iso + "-01")[:10]


def _last(iso: str) -> str:
    if len(iso) == 4:
        return iso + "-12-31"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:7])
        return f"{iso}-{days_in_month(year, month):02d}"
    return iso


@functools.lru_cache(maxsize=8192)  # a database repeats its dates thousands of times
def bounds(text: str) -> tuple[str, str]:
    """The first and last day a stored date can mean, as ``YYYY-MM-DD``; empty for no date.

    A qualifier says how sure the source is, not how far the date stretches:
    ``2025-06-20~`` is bounded by that day, as written (a span is an interval).
    """
    if not text:
        return ("", "")
    parts = split(text)
    if parts is None:
        return (_first(text), _last(text))
    return (_first(parts.start), _last(parts.end))


def first_day(iso: str) -> str:
    """The first day a stored date (of any precision or form) covers, as ``YYYY-MM-DD``."""
    return bounds(iso)[0]


def last_day(iso: str) -> str:
    """The last day a stored date (of any precision or form) covers, as ``YYYY-MM-DD``."""
    return bounds(iso)[1]


@functools.lru_cache(maxsize=8192)
def order(text: str) -> tuple[str, int, str]:
    """How dates sort: by their first day, then the wider first, then as written.

    For plain dates this is their order as text, as version 1 sorted them: a
    year before its months, a month before its days (``2025-06`` <
    ``2025-06-01`` < ``2025-06-02`` < ``2025-07``).
    """
    first, last = bounds(text)
    if not first:
        return ("", 0, text)
    return (first, -dt.date.fromisoformat(last).toordinal(), text)


def overlaps(iso: str, since: str | None, until: str | None) -> bool:
    """Whether a date, by its bounds, overlaps the range [since, until].

    ``--since 2025-06-15`` keeps ``2025-06``; ``--until 2024`` keeps ``2024-12-31``.
    """
    first, last = bounds(iso)
    if since is not None and last < first_day(since):
        return False
    return until is None or first <= last_day(until)


def display(text: str) -> str:
    """A stored date as people read it: ``c. 2025-06-20``, ``2025-06-20?``, and an
    interval with an en dash, its second end without the year and month it shares
    (``2025-06-18/2025-06-20`` reads ``2025-06-18 \u2013 20``)."""
    parts = split(text)
    if parts is None:
        return text
    if not parts.qualifier and not parts.interval:
        return parts.start
    if not parts.interval:
        body = parts.start + ("?" if parts.qualifier in "?%" else "")
        return ("c. " if parts.qualifier in "~%" else "") + body
    start, end = parts.start, parts.end
    if len(start) == len(end) and len(end) > 4 and start[:4] == end[:4]:
        # The same year (and month) is not said twice.
        same = 8 if len(end) == 10 and start[:7] == end[:7] else 5
        end = end[same:]
    return f"{start} \u2013 {end}"


def describe(iso: str) -> str:
    """How a stored date reads back: ``2025-06-22 (day)``, ``2025-06-20~ (day, approximate)``."""
    parts = split(iso)
    if parts is not None and parts.interval:
        return f"{iso} (between {parts.start} and {parts.end})"
    if parts is not None and parts.qualifier:
        return f"{iso} ({precision(iso)}, {QUALIFIERS[parts.qualifier]})"
    return f"{iso} ({precision(iso)})"


def parse(text: str) -> str:
    """Read a date as a researcher writes it; return it as stored: EDTF text.

    ISO (``2025-06-24``, ``2025-06``, ``2025``), ``today``/``yesterday``, and what
    python-dateutil reads (``June 24, 2025``, ``24 Jun 2025``, ``June 2025``).
    An all-numeric date that reads two ways (``06/07/2025``) is refused with
    both readings; ``24/06/2025`` has one reading and is accepted.

    Dates known roughly are kept as EDTF (level 1) says them: approximate
    (``c. June 20, 2025``, ``circa``, ``about`` or ``2025-06-20~``), uncertain
    (``June 20, 2025?``), both (``2025-06-20%``), or an interval (``between 18
    and 20 June 2025`` or ``2025-06-18/2025-06-20``). What no such form says
    exactly (``late June 2025``) is refused with an interval to give instead.
    """
    value = text.strip()
    if not value:
        raise InvalidValue("a date cannot be empty")
    if len(value) > MAX_TEXT:
        raise InvalidValue.about(
            value, f"is {len(value):,} characters long; a date has at most {MAX_TEXT}"
        )
    parts = split(value)
    if parts is not None:  # already a stored form
        why = problem(value)
        if why is not None:
            raise InvalidValue.about(value, why)
        return parts.start if "/" in value and not parts.interval else value  # A/A is A
    if ".." in value or value.startswith("/") or value.endswith("/"):  # EDTF's open ends
        raise InvalidValue.about(
            value,
            "has an open or unknown end, which a date cannot say exactly; give both ends "
            "as an interval, e.g. 2025-06-18/2025-06-20",
        )
    vague = re.search(_VAGUE, value, re.I)
    if vague is not None:
        raise _vague(value, vague.group(1).lower())
    try:
        between = re.fullmatch(_BETWEEN, value, re.I)
        if between is not None:
            return _interval(*between.groups())
        qualifier = ""
        approximate = re.fullmatch(_APPROXIMATE, value, re.I)
        rest = approximate.group(2) if approximate else value
        if rest[-1] in QUALIFIERS and len(rest) > 1:
            qualifier, rest = rest[-1], rest[:-1].rstrip()
        if approximate:
            qualifier = "~" if qualifier in ("", "~") else "%"
        if qualifier and split(rest) is not None and split(rest) != (rest, rest, ""):
            raise InvalidValue.about(rest, "is qualified twice (give ~, ?, % or c. once)")
        return _plain(rest) + qualifier
    except SummitsError as exc:
        if exc.predicate and exc.value != value:  # a part was refused: say it of the whole
            raise InvalidValue.about(value, exc.predicate) from None
        if not exc.predicate:
            raise InvalidValue.about(value, str(exc)) from None
        raise


def _plain(value: str) -> str:
    """A date without qualifier: ISO text at its precision (``2025-06-24``, ``2025-06``)."""
    lowered = value.lower()
    if lowered in ("today", "yesterday"):
        day = today() - dt.timedelta(days=lowered == "yesterday")
        return day.isoformat()
    iso = value
    if value.isascii() and value.isdigit() and len(value) == 8:
        iso = f"{value[:4]}-{value[4:6]}-{value[6:]}"  # ISO 8601 basic: 20250624
    if _ISO.fullmatch(iso):
        if not _is_real(iso):
            raise InvalidValue.about(value, "is not a real date")
        return iso
    return _parse_free(value)


# Patterns compiled on first use (re caches them): start-up never pays for them.
_APPROXIMATE = r"(circa|about|around|approximately|approx\.?|ca\.?|c\.?)(?:\s+|(?<=\.))(\S.*)"
_BETWEEN = r"between\s+(.+?)\s+and\s+(.+)"
# Words that make a date vaguer (or more open) than EDTF's forms can say exactly.
_OPEN = ("before", "after", "by", "until", "till", "since")
_VAGUE = (
    r"\b(early|mid|middle|late|end|beginning|start|spring|summer|autumn|fall|winter|half"
    r"|quarter|q[1-4]|h[12]|sometime|or|" + "|".join(_OPEN) + r")\b"
)
_DAY_ONLY = r"[0-9]{1,2}"
_MONTH_AND_DAY = r"([A-Za-z]+\.?)\s+[0-9]{1,2}"
_DAY_AND_YEAR = r"([0-9]{1,2}),?\s+([0-9]{4})"


def _interval(first: str, second: str) -> str:
    """``between 18 and 20 June 2025``: the first end takes what it leaves out from the second."""
    day_and_year = re.fullmatch(_DAY_AND_YEAR, second)
    month = re.fullmatch(_MONTH_AND_DAY, first)
    if day_and_year and month:  # between June 18 and 20, 2025
        second = f"{month.group(1)} {day_and_year.group(1)}, {day_and_year.group(2)}"
    end = _plain(second)
    if re.fullmatch(_DAY_ONLY, first):
        if len(end) != 10:
            raise InvalidValue.about(
                first, "needs both ends in full, e.g. 'between 18 and 20 June 2025'"
            )
        start = _plain(f"{end[:8]}{int(first):02d}")
    elif not re.search(r"(?<![0-9])[0-9]{4}(?![0-9])", first):  # no year: the second's
        start = _plain(f"{first} {end[:4]}")
    else:
        start = _plain(first)
    if start == end:
        return start
    why = problem(f"{start}/{end}")
    if why is not None:
        raise InvalidValue.about(first, f"{why} ({start}/{end})")
    return f"{start}/{end}"


def _vague(value: str, word: str) -> InvalidValue:
    """Refuse ``late June 2025`` with the interval that might be meant."""
    example = _suggest(value, word) or "2025-06-21/2025-06-30 ('between 21 and 30 June 2025')"
    if word in _OPEN:
        return InvalidValue.about(
            value,
            f"has an open end ({word!r}), which a date cannot say exactly; "
            f"give both ends as an interval, e.g. {example}",
        )
    return InvalidValue.about(
        value,
        f"is vaguer than a date can say exactly ({word!r}); give the span you mean "
        f"as an interval, e.g. {example}",
    )


# The part of a month or year that ``early``, ``mid`` and ``late`` suggest, and seasons
# (northern, as an example only: the user chooses the interval).
_THIRDS = {"early": (1, 10), "mid": (11, 20), "middle": (11, 20), "late": (21, 31)}
_MONTHS_OF = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12),
              "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}  # fmt: skip


def _suggest(value: str, word: str) -> str | None:
    """An interval for ``late June 2025`` (2025-06-21/2025-06-30), if the rest reads as a date."""
    rest = re.sub(rf"(?i)\b{word}\b[\s-]*(?:of\s+)?", "", value, count=1).strip(" ,-")
    try:
        plain = _plain(rest) if rest else ""
    except SummitsError:
        return None
    if len(plain) == 7 and word in _THIRDS:
        year, month = int(plain[:4]), int(plain[5:7])
        low, high = _THIRDS[word]
        high = min(high, days_in_month(year, month)) if word == "late" else high
        name = dt.date(year, month, 1).strftime("%B")
        return f"{plain}-{low:02d}/{plain}-{high:02d} ('between {low} and {high} {name} {year}')"
    if len(plain) == 10 and word in _OPEN:  # an example end: the month's other end
        first, last = f"{plain[:8]}01", _last(plain[:7])
        ends_there = word in ("before", "by", "until", "till")
        return f"{first}/{plain}" if ends_there else f"{plain}/{last}"
    if len(plain) == 4 and word in _MONTHS_OF:
        low, high = _MONTHS_OF[word]
        return f"{plain}-{low:02d}/{plain}-{high:02d}"
    return None


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


def is_day(text: str) -> bool:
    """Whether a stored date is one plain day (no qualifier, no interval)."""
    return len(text) == 10 and _ISO.fullmatch(text) is not None
