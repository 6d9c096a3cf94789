"""The summit commands: add, edit, remove, list and show summits."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from summits import analysis, models, render, store
from summits import options as opt
from summits.cli.common import echo_edit, emit, given, span

F = TypeVar("F", bound=Callable[..., Any])


def summit_fields(editing: bool) -> Callable[[F], F]:
    """The options of ``summit add``, shared with ``summit edit`` (where all are optional)."""

    def decorate(func: F) -> F:
        for decorator in reversed(
            [
                click.option("--name", required=not editing, metavar="N", help="Full name."),
                click.option(
                    "--start", type=opt.DATE, required=not editing, metavar="D", help="First day."
                ),
                click.option(
                    "--end", type=opt.DATE, metavar="D", help="Last day (default: the start)."
                ),
                click.option("--series", metavar="S", help="The series it belongs to, e.g. NATO."),
                click.option("--host", metavar="H", help="Where it is held."),
                click.option(
                    "--format",
                    "format",
                    type=click.Choice(models.FORMATS),
                    help="How it is held [default: in-person].",
                ),
                click.option(
                    "--status",
                    type=click.Choice(models.STATUSES),
                    help="Whether it took place [default: held].",
                ),
                opt.sources_option,
                opt.note_option,
            ]
        ):
            func = decorator(func)
        return func

    return decorate


@click.group()
def summit() -> None:
    """Add, change, remove, list and show summits.

    \b
    Example:
      summits summit add g7-2025 --name "G7 Summit 2025" --series G7 \\
        --host "Kananaskis, Canada" --start 2025-06-15 --end 2025-06-17
      summits summit list --series NATO
      summits summit show nato-2025
    """


@summit.command("add")
@click.argument("summit_id", metavar="ID")
@summit_fields(editing=False)
@click.pass_obj
def summit_add(db: Path, /, summit_id: str, **fields: Any) -> None:
    """Add a summit. ID is a slug of your choosing: lowercase letters, digits and '-'.

    \b
    Example:
      summits summit add nato-2025 --name "NATO Summit 2025" --series NATO \\
        --host "The Hague, Netherlands" --start 2025-06-24 --end 2025-06-25
    """

    values = given(fields)
    with store.writing(db) as database:
        doc = database.add_summit(id=summit_id, **values)
    click.echo(f"added summit {doc['id']}: {doc['name']}, {span(doc)}")


@summit.command("edit")
@opt.summit_argument("summit_id", metavar="ID")
@summit_fields(editing=True)
@opt.clear_option("series", "host", "note", "source")
@click.pass_obj
def summit_edit(db: Path, /, summit_id: str, clear: tuple[str, ...], **fields: Any) -> None:
    """Change a summit's fields; options not given are left as they are.

    --source replaces the list of sources.

    \b
    Example:
      summits summit edit nato-2025 --host "World Forum, The Hague" --note "5% target"
    """

    changes = given(fields, clear)
    if not changes:
        raise click.UsageError("give at least one field to change")
    with store.writing(db) as database:
        old = dict(database.summit(summit_id))
        doc = database.edit_summit(summit_id, **changes)
    echo_edit(f"summit {doc['id']}: {doc['name']}, {span(doc)}", old, doc)


@summit.command("rm")
@opt.summit_argument("summit_id", metavar="ID")
@click.option("--force", is_flag=True, help="Also remove its invitations and events.")
@click.pass_obj
def summit_rm(db: Path, summit_id: str, force: bool) -> None:
    """Remove a summit. Refused while invitations or events refer to it, unless --force.

    \b
    Example:
      summits summit rm nato-2099
    """

    with store.writing(db) as database:
        invitations, events = database.remove_summit(summit_id, force)
    extra = f" with {invitations} invitation(s) and {events} event(s)" if force else ""
    click.echo(f"removed summit {summit_id}{extra}")


@summit.command("list")
@opt.series_option
@opt.date_range
@opt.output_format()
@click.pass_obj
def summit_list(
    db: Path, series: str | None, since: str | None, until: str | None, fmt: str
) -> None:
    """List summits in date order.

    \b
    Example:
      summits summit list --series NATO --since 2023
    """

    with store.reading(db) as database:
        found = database.summits(series, since, until)
        emit(database, "summits", found, fmt)


@summit.command("show")
@opt.summit_argument("summit_id", metavar="ID")
@opt.pictures
@click.pass_obj
def summit_show(db: Path, summit_id: str, svg: Path | None, html: Path | None) -> None:
    """Show a summit: its details, its invitations and its timeline.

    \b
    Example:
      summits summit show nato-2025
      summits summit show nato-2025 --html nato-2025.html
    """

    with store.reading(db) as database:
        doc = database.summit(summit_id)
        events = database.events(lambda e: e["summit"] == summit_id)
        views = analysis.timeline([doc], events, keep_empty=True)
        body = [
            *render.summit_details(doc, database.invitations(summit_id), database.party_names),
            "",
            render.heading("Timeline"),
            *render.timeline(
                views, database.party_names, headings=False, persons=database.person_names()
            ),
        ]
    render.show(body, svg, html, title=f"summits summit show {summit_id}", prose=True)
