"""Machine output: CSV (RFC 4180), JSON and JSON Lines. Never passes through Rich.

CSV is opened by spreadsheets, which take a cell starting with ``=``, ``+``,
``-`` or ``@`` (or a tab or carriage return before one) for a formula:
``=HYPERLINK("http://evil","x")`` in a reason became a live link, and the
README's spreadsheet round trip stored ``x`` instead of the text. So every CSV
cell that starts with one of them gets a ``'`` in front (OWASP's advice),
which spreadsheets show as text and ``unescape_cell`` removes again on import.
A cell that already starts with quotes before such a character gets one more,
so the escaping is reversible for every text: ``'=x`` is written ``''=x``.
JSON is never escaped: no spreadsheet evaluates it.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple, TextIO

from summits.models import LIST_SEPARATOR


class Sheet(NamedTuple):
    """Machine output, whatever the view: the columns, in order, and the rows."""

    columns: Sequence[str]
    rows: Iterable[Mapping[str, Any]]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTE = "'"


def escape_cell(text: str) -> str:
    """``text`` as a CSV cell no spreadsheet runs: a ``'`` before a formula's start."""
    if text.lstrip(_QUOTE).startswith(FORMULA_STARTS):
        return _QUOTE + text
    return text


def unescape_cell(text: str) -> str:
    """The text ``escape_cell`` was given: one ``'`` fewer before a formula's start."""
    if text.startswith(_QUOTE) and text.lstrip(_QUOTE).startswith(FORMULA_STARTS):
        return text[1:]
    return text


# Where a cell starts in what csv.writer writes (after a comma or a line's "\r\n", or
# at the very start), the text that escape_cell would change: to find at C speed
# whether any cell needs it. A cell holding "\r" is quoted; an unquoted "\r" is the
# line end after an empty last cell, not a cell's text.
_ANY = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
_RISKY = f'(?:"{_QUOTE}*{_ANY}|{_QUOTE}*(?!\r\n){_ANY})'
_RISKY_AT = (re.compile(_RISKY), re.compile("," + _RISKY), re.compile("\n" + _RISKY))


def cell(value: Any) -> str:
    """A CSV cell: lists joined with ' | ', true/false as JSON writes them, else text."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


# What csv.writer writes as it is (None as an empty cell); anything else goes through ``cell``.
_PLAIN = frozenset({str, type(None), int, float})


def _csv_rows(records: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> Iterator[list[Any]]:
    """Rows for csv.writer, which writes text as is and None as an empty cell itself.

    Only the list and true/false columns need ``cell``; fetching the rest with
    one C-level map instead of a call a cell makes a 100,000-event export a
    second faster. Those columns are the ones where the first record has a
    list or a bool; a row with one anywhere else (a C-level scan finds it) goes
    through ``cell`` whole.
    """
    special: list[int] | None = None
    join = LIST_SEPARATOR.join
    for record in records:
        row = list(map(record.get, columns))
        if special is None:
            special = [i for i, value in enumerate(row) if isinstance(value, (list, bool))]
        for i in special:
            value = row[i]
            row[i] = join(value) if type(value) is list else cell(value)
        if not _PLAIN.issuperset(map(type, row)):  # a list or a bool somewhere else
            row = list(map(cell, row))
        yield row


def write(sheet: Sheet, fmt: str, out: TextIO) -> None:
    """Write a sheet in ``fmt`` (csv, json or jsonl): exactly its columns, in order."""
    columns, records = sheet
    if fmt == "csv":
        # A sequence, since the rows may be made twice (see _csv_text).
        records = records if isinstance(records, Sequence) else list(records)
        out.write(_csv_text(records, columns))
        return
    import orjson

    rows = ({c: record.get(c) for c in columns} for record in records)
    if fmt == "jsonl":
        for row in rows:
            out.write(orjson.dumps(row, default=_number).decode() + "\n")
    elif fmt == "json":
        text = orjson.dumps(list(rows), default=_number, option=orjson.OPT_INDENT_2)
        out.write(text.decode() + "\n")
    else:
        raise ValueError(f"not a machine format: {fmt}")


def _csv_text(records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """The header and rows as CSV, every cell escaped (see the module's docstring).

    Escaping cell by cell would cost a 100,000-event export a quarter of a
    second; the text is written once and searched (C speed) instead, and only
    when a cell may need it is it written again with every cell escaped. The
    rows are made as they are written, never all kept: a list of 100,000 rows
    costs more in the cycle collector than writing them.
    """
    text = _write_rows(itertools.chain([columns], _csv_rows(records, columns)))
    if _RISKY_AT[0].match(text) or _RISKY_AT[1].search(text) or _RISKY_AT[2].search(text):
        rows = itertools.chain([columns], _csv_rows(records, columns))
        text = _write_rows(map(_escaped, rows))
    return text


def _escaped(row: Sequence[Any]) -> list[Any]:
    return [escape_cell(value) if isinstance(value, str) else value for value in row]


def _write_rows(rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _number(value: Any) -> Any:
    """JSON for what orjson does not know: a Decimal (a rate to two places) is a number.

    CSV writes it as text (``0.50``); JSON as the number it is (``0.5``).
    """
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"not JSON: {type(value).__name__}")
