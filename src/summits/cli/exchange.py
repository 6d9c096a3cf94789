"""Data exchange: export tables as CSV, JSON, JSON Lines, a data package or SQLite;
import them back, all or nothing."""

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
WHOLE = ("datapackage", "sqlite")  # formats that hold every table, written to -o only
PROGRESS_MIN_ROWS = 5000  # below this an import is over before a bar would help


@click.command(short_help="Export as CSV, JSON, a data package or SQLite.")
@click.option(
    "--table",
    type=click.Choice(TABLES),
    default="events",
    show_default=True,
    help="The table to export; 'all' (with --format json) is everything, to restore or merge.",
)
@opt.output_format("csv", "json", "jsonl", *WHOLE)
@click.option(
    "-o",
    "--output",
    type=opt.FilePath(allow_dash=True, dir_okay=True),  # a folder: refused by the write, exit 1
    metavar="PATH",
    help="Write to this file (atomically; a device or FIFO in place) instead of standard "
    "output; for datapackage, the folder to write.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Replace the file (an SQLite file: its metadata.json too) if it exists; write a "
    "data package into a folder that is not empty.",
)
@click.pass_context
def export(ctx: click.Context, table: str, fmt: str, output: Path | None, force: bool) -> None:
    """Export a table as CSV, JSON or JSON Lines; or all, as a data package or SQLite.

    For scripts, spreadsheets and colleagues: CSV has a header and the columns
    listed in docs/exchange.md, lists joined with ' | ', each date followed by
    its bounds. Import reads it back. --format datapackage writes a folder that
    Frictionless, pandas and R read with every column's type and meaning
    (import reads it back too); --format sqlite a file for Datasette, with
    metadata.json beside it.

    \b
    Example:
      summits export > events.csv
      summits export --table summits --format json -o summits.json
      summits export --table all --format json -o everything.json
      summits export --format datapackage -o nato-package
      summits export --format sqlite -o summits.db
    """
    db: Path = ctx.obj
    if fmt in WHOLE:
        _export_whole(ctx, db, fmt, output, force)
        return
    if table == "all" and fmt != "json":
        raise click.BadParameter(
            "'all' needs --format json, datapackage or sqlite", param_hint="'--table'"
        )

    opt.refuse_database_path(db, output, "export to another file")
    outfiles.check(output, force)
    with store.reading(db) as database:
        data = exchange.export(database, table, fmt)
    outfiles.write(output, data, force)


def _export_whole(ctx: click.Context, db: Path, fmt: str, output: Path | None, force: bool) -> None:
    """Every table as a data package (a folder) or an SQLite file (and its metadata.json)."""
    from summits import datapackage, sqlite

    given = ctx.get_parameter_source("table") is not click.core.ParameterSource.DEFAULT
    if given and ctx.params["table"] != "all":
        raise click.BadParameter(f"{fmt} holds every table: give all, or leave --table out",
                                 param_hint="'--table'")  # fmt: skip
    if output is None or str(output) == "-":
        where = "a folder" if fmt == "datapackage" else "a file"
        raise click.UsageError(f"--format {fmt} needs -o and {where} to write to")
    targets = (
        datapackage.files(output)
        if fmt == "datapackage"
        else [output, sqlite.metadata_path(output)]
    )
    for target in targets:
        opt.refuse_database_path(db, target, f"give {fmt} another path")
        outfiles.check(target, force, folder=target == output)
    with store.reading(db) as database:
        (datapackage if fmt == "datapackage" else sqlite).write(database, output, force)


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
    type=click.Choice(("csv", "json", "jsonl", "datapackage")),
    help="The file's format [default: from its extension, a folder or datapackage.json "
    "is a data package; csv for -].",
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
    """Import what export wrote, all or nothing (FILE, a data package's folder, or -).

    Records match by id (events, summits), code (parties) or summit and party
    (invitations): new ones are added, identical ones left alone, and one that
    differs is refused unless --update. Every row is checked first; on any
    problem each is listed with its row and column and nothing is written.

    \b
    Example:
      summits import colleague.json
      summits import nato-package/datapackage.json
      summits import edited.csv --update --dry-run
      summits --db copy.json init
      summits export --table all --format json | summits --db copy.json import --format json -
    """

    incoming = _incoming(file, fmt, table)
    name = incoming.name
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


def _incoming(file: Path, fmt: str | None, table: str | None) -> importing.Incoming:
    """The rows of FILE (a file, a package's folder, or - for standard input), read."""
    stdin = str(file) == "-"
    name = "standard input" if stdin else str(file)
    told = fmt or ("" if stdin else importing.format_of(name) or "")
    if told == "datapackage" or (not fmt and not stdin and file.is_dir()):
        if stdin:
            raise click.UsageError("a data package is read from its folder, not standard input")
        return importing.read_package(file, table)
    # Read first: a missing file is worth saying before its name's extension is.
    raw = sys.stdin.buffer.read() if stdin else importing.read_file(file)
    fmt = fmt or ("csv" if stdin else importing.format_of(name))
    if fmt is None:
        raise click.UsageError(
            f"cannot tell the format of {name}; give --format csv, json or jsonl"
        )
    if table == "all" and fmt != "json":
        raise click.BadParameter("'all' needs --format json", param_hint="'--table'")
    return importing.read(raw, name, fmt, table)


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
