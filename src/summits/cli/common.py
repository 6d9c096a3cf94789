"""Helpers shared by the command modules: machine or table output, and edit echoes."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import click

from summits import dates, exchange, formats, models

if TYPE_CHECKING:
    from summits.store import Database


def emit(database: Database, table: str, records: list[dict[str, Any]], fmt: str) -> None:
    """Print records as a Rich table for people, or CSV/JSON/JSONL for scripts."""
    if fmt != "table":
        formats.write(exchange.sheet(database, table, records), fmt, sys.stdout)
        return
    from summits import render  # rich: only for a table, not for CSV or JSON

    if table == "events":
        render.show([render.events_table(records)])
    elif table == "summits":
        invited = Counter(doc["summit"] for doc in database.rows("invitations"))
        logged = Counter(doc["summit"] for doc in database.rows("events"))
        render.show([render.summits_table(records, invited, logged)])
    elif table == "persons":
        render.show([render.persons_table(records)])
    else:
        render.show([render.parties_table(records)])


def given(fields: dict[str, Any], clear: tuple[str, ...] = ()) -> dict[str, Any]:
    """The options the user gave (lists as lists), plus the fields to empty."""
    found = {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in fields.items()
        if value is not None and value != ()
    }
    for name in clear:
        name = _FIELD_OF_OPTION.get(name, name)
        found[name] = [] if name in models.LIST_FIELDS else ""
    return found


# --clear takes the option's name (--note, --source, --tag) for the field it fills.
_FIELD_OF_OPTION = {
    "note": "notes",
    "source": "sources",
    "tag": "tags",
    "alias": "aliases",
    "instead-of": "instead_of",
}


def echo_edit(headline: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
    """Say what an edit changed, field by field, or that it changed nothing."""
    changed = [name for name, value in new.items() if old.get(name) != value]
    if not changed:
        click.echo(f"unchanged {headline} (it already had those values)")
        return
    click.echo(f"changed {headline}")
    for name in changed:
        before, after = (formats.cell(v) or "(empty)" for v in (old.get(name), new[name]))
        click.echo(f"  {name}: {before} \u2192 {after}")


def span(doc: Mapping[str, Any]) -> str:
    return doc["start"] if doc["start"] == doc["end"] else f"{doc['start']} to {doc['end']}"


def describe(doc: Mapping[str, Any]) -> str:
    return f"{doc['party']} {doc['kind']} {doc['summit']}, {dates.describe(doc['date'])}"
