"""Machine output: CSV (RFC 4180), JSON and JSON Lines. Never passes through Rich."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

LIST_SEPARATOR = " | "


def cell(value: Any) -> str:
    """A CSV cell: lists joined with ' | ', everything else as text."""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return "" if value is None else str(value)


def write(
    records: Iterable[Mapping[str, Any]], columns: Sequence[str], fmt: str, out: TextIO
) -> None:
    """Write records in ``fmt`` (csv, json or jsonl) with exactly ``columns``, in order."""
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        writer.writerows([cell(record.get(c)) for c in columns] for record in records)
        return
    import orjson

    rows = ({c: record.get(c) for c in columns} for record in records)
    if fmt == "jsonl":
        for row in rows:
            out.write(orjson.dumps(row).decode() + "\n")
    elif fmt == "json":
        out.write(orjson.dumps(list(rows), option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        raise ValueError(f"not a machine format: {fmt}")
