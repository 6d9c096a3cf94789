"""Helpers shared by the command modules."""

from __future__ import annotations

import sys
from typing import Any


def emit(database: Any, table: str, records: list[dict[str, Any]], fmt: str) -> None:
    """Print records as a Rich table for people, or CSV/JSON/JSONL for scripts."""
    from summits import exchange, formats

    if fmt != "table":
        rows = exchange.rows(database, table, records)
        formats.write(rows, exchange.COLUMNS[table], fmt, sys.stdout)
        return
    from summits import render

    if table == "events":
        render.show([render.events_table(database, records)])
    elif table == "summits":
        render.show([render.summits_table(database, records)])
    else:
        render.show([render.parties_table(records)])
