"""History and undo: who changed what and when, and taking a command back."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click

from summits import formats, history, models, store
from summits import options as opt
from summits.errors import Ambiguous, NotFound, visible

# CSV and JSON: one row a changed field (an entry that changed nothing: one row).
COLUMNS = ("entry", "at", "user", "command", "table", "key", "change", "field", "old", "new")
SHOWN = 10  # records shown of one entry in the table view; CSV and JSON show all
_VERBS = {history.ADD: "added", history.CHANGE: "changed", history.REMOVE: "removed"}


@click.command("history", short_help="Show who changed what and when, or prune the history.")
@click.option("--limit", type=click.IntRange(min=0), metavar="N", help="Only the latest N entries.")
@click.option(
    "--record",
    "key",
    metavar="KEY",
    help="Only the changes of one record: an event id (or its start), a summit id, "
    "a party code, or SUMMIT/PARTY for an invitation.",
)
@opt.output_format()
@click.option(
    "--prune", type=click.IntRange(min=0), metavar="KEEP", help="Drop all but the latest KEEP."
)
@click.pass_obj
def history_(db: Path, limit: int | None, key: str | None, fmt: str, prune: int | None) -> None:
    """Show the history of changes, newest first: who ran which command, when, what changed.

    The table view shows each record a command changed, field by field (old →
    new); CSV and JSON have one row a changed field. --prune KEEP drops all but
    the latest KEEP entries (pruning is not an entry itself).

    \b
    Example:
      summits history --limit 3
      summits history --record 3f9a1c2e
      summits history --format csv > history.csv
      summits history --prune 1000
    """
    if prune is not None:
        if limit is not None or key is not None or fmt != "table":
            raise click.UsageError("--prune cannot be combined with --limit, --record or --format")
        _prune(db, prune)
        return
    with store.reading(db) as database:
        tables = database.storage.tables
        found = history.entries(tables, db)
        chosen: Sequence[history.Entry] = found
        keep = None
        if key is not None:
            name = _record(found, key)
            chosen = [entry for entry in found if any(c.key == name for c in entry.changes)]
            keep = lambda change: change.key == name  # noqa: E731
        chosen = list(reversed(chosen))[:limit]
        steps = history.steps(tables, found, chosen, keep, SHOWN if fmt == "table" else None)
        gone = history.undone(found)
    if fmt != "table":
        formats.write(formats.Sheet(COLUMNS, _rows(chosen, steps)), fmt, sys.stdout)
        return
    if not found:
        click.echo("no history yet: it starts with the next change")
    for number, entry in enumerate(chosen):
        if number:
            click.echo()
        undone = f"  (undone by {gone[entry.id]})" if entry.id in gone else ""
        click.echo(f"{entry.id}  {entry.at}  {visible(entry.user)}{undone}")
        click.echo(f"  summits {visible(entry.command)}".rstrip())
        if entry.upgrade is not None:
            click.echo(f"  upgraded the file from schema {entry.upgrade[0]} to {entry.upgrade[1]}")
        total = sum(1 for c in entry.changes if keep is None or keep(c))
        _show(steps[entry.id], total)


def _prune(db: Path, keep: int) -> None:
    with store.writing(db) as database:
        dropped = history.prune(database.storage.tables, keep)
        if dropped:
            database.storage.write(database.storage.tables)
        left = len(database.storage.tables.get(history.HISTORY, {}))
    if dropped:
        click.echo(f"pruned {dropped} history entries; kept the latest {left}")
    else:
        click.echo(f"nothing to prune: the history has {left} entries")


def _record(found: Sequence[history.Entry], text: str) -> str:
    """The key of a record the history names: the whole key, or the start of one."""
    keys = {change.key for entry in found for change in entry.changes}
    if text in keys:
        return text
    given = text.strip()
    matches = sorted(k for k in keys if k.startswith(given) or k.startswith(given.lower()))
    if not matches:
        raise NotFound(f"no history entry changed a record {visible(text)!r}")
    if len(matches) > 1:
        raise Ambiguous(
            f"{text!r} is the start of {len(matches)} keys in the history "
            f"({', '.join(matches[:5])}); type more of it"
        )
    return matches[0]


def _show(steps: Sequence[history.Step], total: int, whole: bool = True) -> None:
    """Each record's change, field by field, under its entry's heading.

    ``whole`` False: the fields of a change only, not all those of a record added
    or removed (what undo says it did).
    """
    for step in steps:
        what = f"{models.SINGULAR.get(step.table, step.table)} {visible(step.key)}"
        if not step.known:
            click.echo(f"  {_VERBS[step.op]} {what} (what it became is not known: changed since)")
            continue
        click.echo(f"  {_VERBS[step.op]} {what}")
        if not whole and step.op != history.CHANGE:
            continue
        for field in history.fields(step):
            if step.op == history.ADD:
                click.echo(f"    {field.name}: {_shown(field.new)}")
            elif step.op == history.REMOVE:
                click.echo(f"    {field.name}: {_shown(field.old)}")
            else:
                click.echo(f"    {field.name}: {_shown(field.old)} \u2192 {_shown(field.new)}")
    if total > len(steps):
        click.echo(f"  \u2026 and {total - len(steps):,} more")


def _shown(value: Any) -> str:
    return visible(formats.cell(value)) or "(empty)"


def _rows(
    chosen: Sequence[history.Entry], steps: dict[str, list[history.Step]]
) -> Iterator[dict[str, Any]]:
    for entry in chosen:
        head = {"entry": entry.id, "at": entry.at, "user": entry.user, "command": entry.command}
        if entry.upgrade is not None:
            old, new = entry.upgrade
            yield {**head, "change": "upgrade", "field": "schema", "old": old, "new": new}
        elif not steps[entry.id]:
            yield head
        for step in steps[entry.id]:
            where = {**head, "table": step.table, "key": step.key, "change": step.op}
            changed = history.fields(step) if step.known else []
            if not changed:
                yield where
            for field in changed:
                yield {**where, "field": field.name, "old": field.old, "new": field.new}


@click.command(short_help="Revert one command's changes (the latest, or one named).")
@click.argument("entry", required=False, metavar="[ENTRY]")
@click.option("--dry-run", is_flag=True, help="Say what would change; change nothing.")
@click.pass_obj
def undo(db: Path, entry: str | None, dry_run: bool) -> None:
    """Revert one command's changes, as a unit: the latest not undone yet, or ENTRY.

    ENTRY is a history entry's id (or its start), as 'summits history' shows it.
    Undo refuses, naming the later entry, when a later command changed a record
    that this one touched: undo that one first. The undo is an entry of its own
    ('undo ID'), so undoing it makes the changes again.

    \b
    Example:
      summits undo --dry-run
      summits undo
      summits undo 5e6f7a8b
    """
    with (store.reading if dry_run else store.writing)(db) as database:
        found = history.entries(database.storage.tables, db)
        chosen = history.find(found, entry) if entry else history.latest_undoable(found)
        plan = history.plan_undo(database.storage.tables, found, chosen)
        history.undo(database, plan, found)
    verb = "would undo" if dry_run else "undid"
    click.echo(f"{verb} {chosen.id}: summits {visible(chosen.command)}".rstrip())
    _show(plan.steps[:SHOWN], len(plan.steps), whole=False)
