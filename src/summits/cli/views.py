"""Views: timeline, matrix, changes and stats, the questions a researcher asks of a series."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from summits import analysis, exchange, formats, models, outfiles, render, store
from summits import options as opt
from summits import report as pages
from summits.errors import NotFound
from summits.store import Database

F = TypeVar("F", bound=Callable[..., Any])


@click.command()
@opt.summit_argument(required=False)
@opt.party_option()
@opt.series_option
@opt.date_range
@opt.pictures
@click.pass_obj
def timeline(
    db: Path,
    summit: str | None,
    party: str | None,
    series: str | None,
    since: str | None,
    until: str | None,
    svg: Path | None,
    html: Path | None,
) -> None:
    """A chronology of events, by summit and date.

    Events in date order, grouped by summit and by date. Each shows its kind
    by symbol and colour (○ confirmed, ● attended, ✕ declined, ⊘ cancelled,
    a dash for absent), the party, the person and their level, the reason
    and the sources. Days of the summit itself are marked.

    \b
    Example:
      summits timeline nato-2025
      summits timeline --series NATO --party Japan --since 2024
      summits timeline nato-2025 --svg nato-2025.svg
    """

    with store.reading(db) as database:
        summits = _timeline_summits(database, series, summit)
        where = store.EventFilter(
            summits=frozenset(doc["id"] for doc in summits),
            party=database.resolve_party(party) if party is not None else None,
            since=since,
            until=until,
        )
        views = analysis.timeline(summits, database.events(where), keep_empty=summit is not None)
        body = render.timeline(views, database.party_names, persons=database.person_names())
    title = f"summits timeline {summit or series or ''}".strip()
    render.show(body, svg, html, title=title, prose=True)


@click.command()
@opt.series_options
@opt.role_filter_option
@opt.long_option
@opt.output_format()
@opt.pictures
@click.pass_obj
def matrix(
    db: Path,
    series: tuple[str, ...],
    roles: tuple[str, ...],
    long: bool,
    fmt: str,
    svg: Path | None,
    html: Path | None,
) -> None:
    """Parties by summits: the level each one sent.

    The parties by the summits of one or more series, in date order. A cell
    is the party's best attendance — by level, then in person over video
    over a message, then whole over leaving early: 'leader', 'leader
    (video)', 'minister (left early)' — with † for a stand-in (someone of
    the party cancelled or declined, and a different person went); else its
    last word (declined, cancelled, absent, confirmed); 'invited' when
    nothing more is recorded; blank when neither invited nor recorded. A
    summit that was not held shows its status in the header and no cells.
    CSV and JSON carry the plain words, without the †; --long gives one row
    per party and summit with the cell taken apart.

    \b
    Example:
      summits matrix --series NATO
      summits matrix --series BRICS --series G7 --role member
      summits matrix --series NATO --format csv > nato.csv
      summits matrix --series NATO --long --format csv > nato-long.csv
      summits matrix --series NATO --svg nato.svg
    """

    _pictures_need_table(fmt, svg, html)
    with store.reading(db) as database:
        grid = _matrix(database, series, roles)
        if long:
            sheet = analysis.matrix_long(grid, database.party_names)
            if fmt != "table":
                # A summit's start is a recorded date: its bounds follow it, as in every export.
                formats.write(exchange.bounded(sheet, ("start",)), fmt, sys.stdout)
                return
            body = [render.sheet(sheet)]
        elif fmt != "table":
            formats.write(analysis.matrix_sheet(grid), fmt, sys.stdout)
            return
        else:
            body = render.matrix(grid, database.party_names)
    render.show(body, svg, html, title=" ".join(["summits matrix", *series]))


@click.command()
@opt.series_options
@opt.party_option()
@opt.output_format()
@click.pass_obj
def changes(db: Path, series: tuple[str, ...], party: str | None, fmt: str) -> None:
    """Rises and falls in representation, and why.

    Each party's representation at a summit (as the matrix ranks it) is
    compared with its previous summit of the same series where it is known:
    it attended, or its last word is a decline, cancellation or absence
    ('none'). Invited with nothing recorded is unknown: never a fall, never
    the baseline; the table ends with a line naming those. 'stand-in': the
    same representation, by another person after a cancellation or decline.
    Each change lists the party's declined, cancelled, absent and left-early
    events at the summit, with their reasons.

    \b
    Example:
      summits changes --series NATO
      summits changes --series BRICS --series G7 --party India
      summits changes --series NATO --party Japan --format csv
    """

    with store.reading(db) as database:
        grid = _matrix(database, series)
        code = database.resolve_party(party) if party is not None else None
        found = analysis.changes(grid, database.party_names, code)
        if fmt != "table":
            formats.write(analysis.changes_sheet(found), fmt, sys.stdout)
            return
        body = render.changes(found, analysis.unknown(grid, code), grid.persons)
    render.show(body)


@click.command()
@opt.series_options
@opt.party_option()
@opt.output_format()
@click.pass_obj
def stats(db: Path, series: tuple[str, ...], party: str | None, fmt: str) -> None:
    """How often each party came, and at what level.

    Per party over the summits of one or more series: invited, known (it
    attended, or its last word says it did not), attended, at leader level
    (any mode), leader in person (one who left early included), by video,
    left early, stand-ins, withdrew (cancelled or declined), the leader rate
    (leader / known) and the streak of latest known summits with the leader
    there in person; a last row 'all'. The table adds a sparkline of each
    party's level across the summits.

    \b
    Example:
      summits stats --series NATO
      summits stats --series BRICS --series G7 --format csv
    """

    with store.reading(db) as database:
        grid = _matrix(database, series)
        code = database.resolve_party(party) if party is not None else None
        sheet = analysis.stats(grid, database.party_names, code)
        if fmt != "table":
            formats.write(sheet, fmt, sys.stdout)
            return
        body = render.stats(sheet, grid)
    render.show(body)


def _timeline_summits(database: Database, series: str | None, summit: str | None) -> list[Any]:
    """One summit, a series, or every summit: a timeline can span series."""

    if summit is None:
        return _series(database, series) if series is not None else database.summits()
    doc = database.summit(summit)
    if series is not None and doc["series"].casefold() != series.casefold():
        raise NotFound(f"summit {summit!r} is not in series {series!r}")
    return [doc]


def _series(database: Database, series: str | None) -> list[Any]:
    """The summits of one series, in date order (or of the only one there is)."""

    return _summits(database, (series,) if series is not None else ())


def _summits(database: Database, series: tuple[str, ...]) -> list[Any]:
    """The summits of the series given, in date order across them.

    The views compare summits of a series, so without --series they take the
    only series there is and refuse to guess among several.
    """

    if not series:
        name = analysis.choose_series(database.series(), None)
        found = database.summits(name) if name is not None else database.summits()
    else:
        chosen = {doc["id"]: doc for name in series for doc in database.summits(name)}
        found = sorted(chosen.values(), key=models.summit_order)
    if not found:
        raise NotFound("no summits recorded yet; add one with 'summits summit add'")
    return found


def _matrix(
    database: Database, series: tuple[str, ...], roles: tuple[str, ...] = ()
) -> analysis.Matrix:
    """The matrix of the chosen summits: what matrix, changes and stats all read."""

    return analysis.matrix(
        _summits(database, series),
        database.rows("invitations"),
        database.rows("events"),
        database.rows("persons"),
        roles,
    )


def _pictures_need_table(fmt: str, svg: Path | None, html: Path | None) -> None:
    if fmt != "table" and (svg or html):
        raise click.UsageError("--svg and --html save the table: use them with --format table")


def _chosen(
    database: Database, series: tuple[str, ...], parties: tuple[str, ...]
) -> analysis.Matrix:
    """The matrix of the chosen series, kept to the chosen parties (all when none)."""
    grid = _matrix(database, series)
    if not parties:
        return grid
    codes = {database.resolve_party(text) for text in parties}
    return dataclasses.replace(grid, parties=[p for p in grid.parties if p in codes])


def _figure_title(database: Database, grid: analysis.Matrix) -> str:
    names = sorted({summit["series"] for summit in grid.summits if summit["series"]})
    return " and ".join(names) or "Summits"


def _made_from_a_series(output_help: str) -> Callable[[F], F]:
    """What plot and report share: --series, --party (repeatable), -o FILE, --force."""
    decorators: list[Callable[[Any], Any]] = [
        opt.series_options,
        opt.parties_option,
        click.option(
            "-o",
            "--output",
            type=opt.FilePath(allow_dash=True),
            required=True,
            metavar="FILE",
            help=output_help,
        ),
        opt.force_option,
        click.pass_obj,
    ]

    def decorate(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return decorate


def _grid_for(
    db: Path, series: tuple[str, ...], parties: tuple[str, ...], output: Path, force: bool
) -> tuple[analysis.Matrix, dict[str, str], list[Any], str]:
    """The matrix, party names, timeline views and title of a figure, its target checked
    first: the database itself is refused, an existing file unless ``force``."""
    opt.refuse_database_path(db, output, "write it to another file")
    outfiles.check(output, force)
    with store.reading(db) as database:
        grid = _chosen(database, series, parties)
        chosen, held = set(grid.parties), {summit["id"] for summit in grid.summits}
        events = database.events(lambda e: e["summit"] in held and e["party"] in chosen)
        views = analysis.timeline(grid.summits, events, keep_empty=True)
        return grid, database.party_names, views, _figure_title(database, grid)


@click.command(short_help="Chart each party's level across the summits (PNG, SVG, PDF).")
@_made_from_a_series("The figure: FILE.png, FILE.svg or FILE.pdf (the ending chooses the format).")
def plot(
    db: Path, series: tuple[str, ...], parties: tuple[str, ...], output: Path, force: bool
) -> None:
    """A chart of each party's representation level across the summits, for papers.

    One line a party, summits in date order, levels from none to leader;
    hollow marks for video, message or leaving early, † for a stand-in, gaps
    where nothing is known. The same data gives the same file, byte for byte.

    \b
    Example:
      summits plot --series NATO -o nato.png
      summits plot --series BRICS --party China --party Russia -o brics.pdf
    """
    from summits import plot as charts  # matplotlib: only here and in report

    fmt = output.suffix.lower().lstrip(".")
    if fmt not in charts.FORMATS:
        raise click.BadParameter(f"{output} does not end in .png, .svg or .pdf", param_hint="'-o'")
    grid, names, _, title = _grid_for(db, series, parties, output, force)
    rows = analysis.matrix_long(grid, names).rows
    figure = charts.chart(list(rows), f"{title}: representation across the summits")
    outfiles.write(output, charts.render(figure, fmt), force)


@click.command(short_help="Write a self-contained HTML report to send.")
@_made_from_a_series("The page to write: FILE.html (- for standard output).")
def report(
    db: Path, series: tuple[str, ...], parties: tuple[str, ...], output: Path, force: bool
) -> None:
    """A self-contained HTML report to send: summary, matrix, chart, changes, timeline.

    One file with everything inline and no request to any server: the
    statistics, the matrix coloured by level (each cell's events and reasons
    on hover or focus, and as numbered notes), the chart, the changes with
    their reasons, and the timeline with its sources as links. It prints on
    A4 and reads on a phone.

    \b
    Example:
      summits report --series NATO -o nato.html
      summits report --series BRICS --series G7 --party India -o india.html
    """
    from summits import plot as charts  # matplotlib: only here and in plot

    grid, names, views, title = _grid_for(db, series, parties, output, force)
    rows = analysis.matrix_long(grid, names).rows
    figure = charts.chart(list(rows), "Representation across the summits")
    chart = pages.inline_svg(charts.render(figure, "svg"))
    page = pages.page(pages.build(grid, names, views, chart, f"Who came: {title}"))
    outfiles.write(output, page.encode("utf-8"), force)
