"""Views: timeline, matrix and changes, the questions a researcher asks of a series."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from summits import analysis, formats, render, store
from summits import options as opt
from summits.errors import NotFound
from summits.store import Database


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
@opt.series_option
@opt.output_format()
@opt.pictures
@click.pass_obj
def matrix(db: Path, series: str | None, fmt: str, svg: Path | None, html: Path | None) -> None:
    """Parties by summits: the level each one sent.

    The parties by the summits of a series, in date order. A cell is the
    highest level at which the party attended; else its last word (declined,
    cancelled, absent, confirmed); 'invited' when nothing more is recorded;
    blank when neither invited nor recorded. † marks a cell where the leader
    cancelled or declined and someone else still went (CSV and JSON carry the
    plain words, without the mark). --series may be left out when there is
    only one series.

    \b
    Example:
      summits matrix --series NATO
      summits matrix --series NATO --format csv > nato.csv
      summits matrix --series NATO --svg nato.svg
    """

    _pictures_need_table(fmt, svg, html)
    with store.reading(db) as database:
        summits = _series(database, series)
        grid = analysis.matrix(summits, database.rows("invitations"), database.rows("events"))
        if fmt != "table":
            formats.write(analysis.matrix_sheet(grid), fmt, sys.stdout)
            return
        body = render.matrix(grid, database.party_names)
    render.show(body, svg, html, title=f"summits matrix {series or ''}".strip())


@click.command()
@opt.series_option
@opt.party_option()
@opt.output_format()
@click.pass_obj
def changes(db: Path, series: str | None, party: str | None, fmt: str) -> None:
    """Rises and falls in representation, and why.

    Each summit of the series a party was invited to is compared with the
    previous one it was invited to; a party that did not attend counts as
    'none'. Each change lists that party's cancelled and declined events at
    the summit, with their reasons.

    \b
    Example:
      summits changes --series NATO
      summits changes --series NATO --party Japan --format csv
    """

    with store.reading(db) as database:
        summits = _series(database, series)
        code = database.resolve_party(party) if party is not None else None
        found = analysis.changes(
            summits,
            database.rows("invitations"),
            database.rows("events"),
            database.party_names,
            code,
        )
    if fmt != "table":
        formats.write(analysis.changes_sheet(found), fmt, sys.stdout)
    else:
        render.show([render.changes(found)])


def _timeline_summits(database: Database, series: str | None, summit: str | None) -> list[Any]:
    """One summit, a series, or every summit: a timeline can span series."""

    if summit is None:
        return _series(database, series) if series is not None else database.summits()
    doc = database.summit(summit)
    if series is not None and doc["series"].casefold() != series.casefold():
        raise NotFound(f"summit {summit!r} is not in series {series!r}")
    return [doc]


def _series(database: Database, series: str | None) -> list[Any]:
    """The summits of one series, in date order.

    The matrix and changes compare summits of one series, so without --series
    they take the only series there is and refuse to guess among several.
    """

    name = analysis.choose_series(database.series(), series)
    found = database.summits(name) if name is not None else database.summits()
    if not found:
        raise NotFound("no summits recorded yet; add one with 'summits summit add'")
    return found


def _pictures_need_table(fmt: str, svg: Path | None, html: Path | None) -> None:
    if fmt != "table" and (svg or html):
        raise click.UsageError("--svg and --html save the table: use them with --format table")
