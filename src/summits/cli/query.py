"""Questions: events (filtered, in any format) and check."""

from __future__ import annotations

from pathlib import Path

import click

from summits import history, store, wording
from summits import options as opt
from summits.cli.common import emit


@click.command(short_help="List events, filtered: a table, CSV or JSON.")
@opt.summit_option()
@opt.series_option
@opt.party_option()
@opt.kind_option(multiple=True, help="Only this kind; repeat.")
@opt.level_option(multiple=True, help="Only this level; repeat.")
@opt.mode_option(multiple=True, help="Only this mode; repeat.")
@opt.person_option
@opt.tag_filter_option
@opt.date_range
@click.option(
    "--search",
    metavar="TEXT",
    help="Only events whose person, reason, notes, sources, tags, party or summit code "
    "contain TEXT (any case).",
)
@opt.output_format()
@click.pass_obj
def events(
    db: Path,
    summit: str | None,
    series: str | None,
    party: str | None,
    kinds: tuple[str, ...],
    levels: tuple[str, ...],
    modes: tuple[str, ...],
    person: str | None,
    tags: tuple[str, ...],
    since: str | None,
    until: str | None,
    search: str | None,
    fmt: str,
) -> None:
    """List events in date order, filtered; as a table, CSV, JSON or JSON Lines.

    \b
    Example:
      summits events --kind cancelled --kind declined --since 2025
      summits events --series NATO --party Japan --format csv > japan.csv
      summits events --person Lula --mode video
    """

    with store.reading(db) as database:
        summits = None
        if summit is not None:
            database.summit(summit)
            summits = {summit}
        if series is not None:
            in_series = {doc["id"] for doc in database.summits(series)}
            summits = in_series if summits is None else summits & in_series
        where = store.EventFilter(
            summits=frozenset(summits) if summits is not None else None,
            party=database.resolve_party(party) if party is not None else None,
            kinds=frozenset(kinds) or None,
            levels=frozenset(levels) or None,
            modes=frozenset(modes) or None,
            tags=frozenset(tags) or None,
            person=database.match_person(person) if person is not None else None,
            since=since,
            until=until,
            search=search,
        )
        emit(database, "events", database.events(where), fmt)


@click.command()
@click.pass_obj
def check(db: Path) -> None:
    """Verify the whole database: references, dates, kinds, levels. Exit 1 on any problem.

    \b
    Example:
      summits check && git commit data/summits.json
    """

    with store.reading(db, trust=True) as database:
        history.entries(database.storage.tables, db)  # a damaged entry: one sentence, exit 1
        problems = database.problems()
        counts = {
            name: len(database.rows(name))
            for name in ("summits", "invitations", "events", "parties", "persons")
        }
    if problems:
        for problem in problems:
            click.echo(f"{db}: {wording.sentence(problem)}")
        raise opt.Refused(f"{db}: {_count(len(problems), 'problem')}")
    summary = ", ".join(_count(n, _NOUNS[name]) for name, n in counts.items())
    click.echo(f"{db}: ok, schema {database.schema} ({summary})")


# The parties table holds only the registered organisations (countries need none).
_NOUNS = {"summits": "summit", "invitations": "invitation", "events": "event",
          "parties": "organisation", "persons": "person"}  # fmt: skip


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
