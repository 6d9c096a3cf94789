"""Data exchange: export tables as CSV, JSON or JSON Lines; import them back, all or nothing."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import click

from summits import exchange, importing, outfiles, store
from summits import options as opt

# The tables as export lists them: events first (the default), then the rest; "all" is every one.
TABLES = ("events", *(t for t in exchange.ORDER if t != "events"), "all")
PROGRESS_MIN_ROWS = 5000  # below this an import is over before a bar would help


@click.command()
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="events",
    show_default=True,
    help="The table to export; 'all' (with --format json) is everything, to restore or merge.",
)
@opt.output_format("csv", "json", "jsonl")
@click.option(
    "-o",
    "--output",
    type=opt.FilePath(allow_dash=True, dir_okay=True),  # a folder: refused by the write, exit 1
    metavar="FILE",
    help="Write to FILE (atomically; a device or FIFO in place) instead of standard output.",
)
@click.option("--force", is_flag=True, help="Replace FILE if it exists.")
@click.pass_obj
def export(db: Path, table: str, fmt: str, output: Path | None, force: bool) -> None:
    """Export a table as CSV, JSON or JSON Lines.

    For scripts, spreadsheets and colleagues: CSV has a header and the columns
    listed in docs/exchange.md, lists joined with ' | '. Import reads it back.

    \b
    Example:
      summits export > events.csv
      summits export --table summits --format json -o summits.json
      summits export --table all --format json -o everything.json
    """
    if table == "all" and fmt != "json":
        raise click.BadParameter("'all' needs --format json", param_hint="'--table'")

    opt.refuse_database_path(db, output, "export to another file")
    outfiles.check(output, force)
    with store.reading(db) as database:
        data = exchange.export(database, table, fmt)
    outfiles.write(output, data, force)


@click.command("import", short_help="Import what export wrote, all or nothing.")
@click.argument(
    "file",
    # Not exists=True: a missing file is a refused value (exit 1), not a usage error.
    type=opt.FilePath(allow_dash=True, dir_okay=True),
    metavar="FILE|-",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("csv", "json", "jsonl")),
    help="The file's format [default: from its extension; csv for -].",
)
@click.option(
    "--table",
    type=click.Choice(TABLES),
    help="The table it holds [default: told by the CSV header or the JSON fields].",
)
@click.option(
    "--dry-run", is_flag=True, help="Check everything, say what would change, write nothing."
)
@click.option("--update", is_flag=True, help="Replace records that exist with other content.")
@click.pass_obj
def import_(
    db: Path, file: Path, fmt: str | None, table: str | None, dry_run: bool, update: bool
) -> None:
    """Import what export wrote, all or nothing (FILE, or - for standard input).

    Records match by id (events, summits), code (parties) or summit and party
    (invitations): new ones are added, identical ones left alone, and one that
    differs is refused unless --update. Every row is checked first; on any
    problem each is listed with its row and column and nothing is written.

    \b
    Example:
      summits import colleague.json
      summits import edited.csv --update --dry-run
      summits --db copy.json init
      summits export --table all --format json | summits --db copy.json import --format json -
    """

    name = "standard input" if str(file) == "-" else str(file)
    # Read first: a missing file is worth saying before its name's extension is.
    raw = sys.stdin.buffer.read() if name == "standard input" else importing.read_file(file)
    fmt = fmt or ("csv" if str(file) == "-" else importing.format_of(name))
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the format of {name}; give --format csv, json or jsonl"
        )
    if table == "all" and fmt != "json":
        raise click.BadParameter("'all' needs --format json", param_hint="'--table'")
    incoming = importing.read(raw, name, fmt, table)
    try:
        with (
            (store.reading if dry_run else store.writing)(db) as database,
            _progress(incoming.size) as tick,
        ):
            plan = importing.plan(database, incoming, update, tick)
            if not dry_run:
                importing.apply(database, plan)
    except importing.ImportRefused as exc:
        for problem in exc.problems:
            click.echo(problem, err=True)
        raise opt.Refused(str(exc)) from None
    if not plan.tables:
        click.echo(f"nothing to import: {name} holds no records")
    for table_name in plan.tables:
        click.echo(("would import " if dry_run else "imported ") + plan.summary(table_name))


@contextlib.contextmanager
def _progress(rows: int) -> Iterator[Callable[[int], None] | None]:
    """A transient Rich progress bar on stderr for a long import, when stderr is a terminal."""
    if rows < PROGRESS_MIN_ROWS or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress  # rich: only for a long import on a terminal

    from summits import render

    with Progress(console=render.stderr(), transient=True) as bar:
        task = bar.add_task("checking rows", total=rows)
        yield lambda done: bar.advance(task, done)
