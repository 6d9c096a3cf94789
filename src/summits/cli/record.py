"""Recording commands: init, summit, party, invite, log, event."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from summits import options as opt
from summits.cli.common import emit

if TYPE_CHECKING:
    from pathlib import Path

F = TypeVar("F", bound=Callable[..., Any])


@click.command()
@click.option("--sample", is_flag=True, help="Start from the bundled NATO 2022-2025 dataset.")
@click.pass_obj
def init(db: Path, sample: bool) -> None:
    """Create a new, empty database (or a copy of the bundled sample).

    Refuses to touch an existing file.

    \b
    Example:
      summits init
      summits --db nato.json init --sample
    """
    from summits import storage, store

    tables = None
    if sample:
        from importlib.resources import files

        raw = files("summits").joinpath("sample.json").read_bytes()
        from pathlib import Path

        tables = storage.parse(raw, Path("sample.json"))
    store.create(db, tables)
    click.echo(f"created {db}" + (" from the bundled sample" if sample else ""))


# -- summits -------------------------------------------------------------------


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
                opt.sources_option,
                click.option("--note", "notes", metavar="T", help="Notes."),
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
    from summits import store

    values = _given(fields)
    with store.writing(db) as database:
        doc = database.add_summit(id=summit_id, **values)
    click.echo(f"added summit {doc['id']}: {doc['name']}, {_span(doc)}")


@summit.command("edit")
@click.argument("summit_id", metavar="ID", shell_complete=opt._complete_summits)
@summit_fields(editing=True)
@click.option(
    "--clear",
    multiple=True,
    type=click.Choice(("series", "host", "note", "source")),
    help="Empty the field this option fills; repeat.",
)
@click.pass_obj
def summit_edit(db: Path, /, summit_id: str, clear: tuple[str, ...], **fields: Any) -> None:
    """Change a summit's fields; options not given are left as they are.

    --source replaces the list of sources.

    \b
    Example:
      summits summit edit nato-2025 --host "World Forum, The Hague" --note "5% target"
    """
    from summits import store

    changes = _given(fields, clear)
    if not changes:
        raise click.UsageError("give at least one field to change")
    with store.writing(db) as database:
        old = dict(database.summit(summit_id))
        doc = database.edit_summit(summit_id, **changes)
    _echo_edit(f"summit {doc['id']}: {doc['name']}, {_span(doc)}", old, doc)


@summit.command("rm")
@click.argument("summit_id", metavar="ID", shell_complete=opt._complete_summits)
@click.option("--force", is_flag=True, help="Also remove its invitations and events.")
@click.pass_obj
def summit_rm(db: Path, summit_id: str, force: bool) -> None:
    """Remove a summit. Refused while invitations or events refer to it, unless --force.

    \b
    Example:
      summits summit rm nato-2099
    """
    from summits import store

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
    from summits import store

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
    from summits import analysis, render, store

    with store.reading(db) as database:
        doc = database.summit(summit_id)
        events = database.events(lambda e: e["summit"] == summit_id)
        views = analysis.timeline([doc], events, keep_empty=True)
        body = [
            *render.summit_details(database, doc),
            "",
            render.heading("Timeline"),
            *render.timeline(views, database.party_names, headings=False),
        ]
    render.show(body, svg, html, title=f"summits summit show {summit_id}", prose=True)


# -- parties ------------------------------------------------------------------


@click.group(short_help="Register organisations and list them.")
def party() -> None:
    """Register organisations (countries need no registration) and list them.

    \b
    Example:
      summits party add EU --name "European Union" --alias "E.U."
      summits party list
    """


@party.command("add")
@click.argument("code")
@click.option("--name", required=True, metavar="N", help="Full name, e.g. 'European Union'.")
@click.option("--alias", "aliases", multiple=True, metavar="A", help="Another name; repeat.")
@click.pass_obj
def party_add(db: Path, code: str, name: str, aliases: tuple[str, ...]) -> None:
    """Register an organisation as a party, e.g. the EU or ASEAN.

    Countries are known by their ISO 3166-1 code and names without registration.

    \b
    Example:
      summits party add EU --name "European Union" --alias "E.U."
    """
    from summits import store

    with store.writing(db) as database:
        doc = database.add_party(code, name, aliases)
    click.echo(f"added party {doc['code']}: {doc['name']}")


@party.command("list")
@opt.output_format()
@click.pass_obj
def party_list(db: Path, fmt: str) -> None:
    """List the registered organisations.

    \b
    Example:
      summits party list --format csv
    """
    from summits import store

    with store.reading(db) as database:
        rows = sorted(database.rows("parties"), key=lambda doc: doc["code"])
        emit(database, "parties", rows, fmt)


# -- invitations and events ------------------------------------------------------


@click.command()
@opt.summit_argument()
@opt.party_argument("parties", nargs=-1, required=True, metavar="PARTY...")
@click.option(
    "--role",
    type=opt.role_choice,
    help="The party's role at the summit (default: partner; kept when inviting again).",
)
@click.option("--date", type=opt.DATE, metavar="D", help="When the invitation was made.")
@opt.sources_option
@click.pass_obj
def invite(
    db: Path,
    summit: str,
    parties: tuple[str, ...],
    role: str | None,
    date: str | None,
    sources: tuple[str, ...],
) -> None:
    """Invite one or more parties to a summit (codes or names).

    Inviting a party again updates its role, date and sources.

    \b
    Example:
      summits invite nato-2025 Japan "South Korea" Australia NZ
      summits invite nato-2025 EU --role guest
    """
    from summits import store

    with store.writing(db) as database:
        codes = [database.resolve_party(text) for text in parties]
        outcome = database.invite(summit, codes, role, date or "", list(sources))
        names = database.party_names
    for code, kept_role, what in outcome:
        verb = {
            "added": "invited",
            "updated": "updated invitation of",
            "unchanged": "already invited:",
        }[what]
        click.echo(f"{verb} {code} ({names.get(code, '')}) to {summit} as {kept_role}")


def event_fields(editing: bool) -> Callable[[F], F]:
    """The options of ``log``, shared with ``event edit`` (where none has a default)."""

    def decorate(func: F) -> F:
        for decorator in reversed(
            [
                click.option(
                    "--date",
                    type=opt.DATE,
                    metavar="D",
                    help=(
                        "When it happened or was announced: 2025-06-22, 2025-06, 'June 22, 2025'."
                        if editing
                        else "When it happened or was announced (default: today)."
                    ),
                ),
                click.option(
                    "--by", metavar="PERSON", help="Who: the person sent, or who pulled out."
                ),
                click.option(
                    "--level",
                    type=opt.level_choice,
                    help="Their rank: leader (head of state or government) to official.",
                ),
                click.option("--reason", metavar="T", help="Why, in the source's words."),
                opt.sources_option,
                click.option("--note", "notes", metavar="T", help="Notes."),
                click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat."),
            ]
        ):
            func = decorator(func)
        return func

    return decorate


@click.command(short_help="Record an attendance event.")
@opt.summit_argument()
@opt.party_argument()
@click.argument("kind", type=opt.kind_choice, metavar="KIND")
@event_fields(editing=False)
@click.option("--quiet", "-q", is_flag=True, help="Print only the new event's id.")
@click.pass_obj
def log(db: Path, /, summit: str, party: str, kind: str, quiet: bool, **fields: Any) -> None:
    """Record an attendance event: confirmed, attended, declined, cancelled or absent.

    \b
    Example:
      summits log nato-2025 "South Korea" cancelled --date 2025-06-22 \\
        --by "Lee Jae-myung" --level leader \\
        --reason "domestic affairs; uncertainty in the Middle East" \\
        --source https://koreajoongangdaily.joins.com/...
      id=$(summits log nato-2025 KOR attended --date 2025-06-24 \\
        --by "Wi Sung-lac" --level senior-official -q)
    """
    from summits import analysis, dates, store

    values = _given(fields)
    dated_today = "date" not in values
    values.setdefault("date", dates.today().isoformat())
    with store.writing(db) as database:
        code = database.resolve_party(party)
        doc = database.log(summit=summit, party=code, kind=kind, **values)
        invited = database.is_invited(summit, code)
        summit_doc = database.summit(summit)
        mine = database.events(lambda e: e["summit"] == summit and e["party"] == code)
    for warning in analysis.event_warnings(doc, summit_doc, invited, dated_today, mine):
        click.echo(f"warning: {warning}", err=True)
    if quiet:
        click.echo(doc["id"])
    else:
        click.echo(f"logged {doc['id']}: {_describe(doc)}")


@click.group(short_help="Change or remove a logged event.")
def event() -> None:
    """Change or remove a logged event (by id or a unique prefix of it).

    \b
    Example:
      summits event edit 3f9a --reason "various circumstances"
      summits event rm 3f9a1c2e
    """


@event.command("edit")
@click.argument("event_id", metavar="ID", shell_complete=opt._complete_events)
@click.option(
    "--summit",
    metavar="ID",
    shell_complete=opt._complete_summits,
    help="Move it to another summit.",
)
@click.option("--party", metavar="P", shell_complete=opt._complete_parties, help="Another party.")
@click.option("--kind", type=opt.kind_choice, help="Another kind.")
@event_fields(editing=True)
@click.option(
    "--clear",
    multiple=True,
    type=click.Choice(("by", "level", "reason", "source", "note", "tag")),
    help="Empty the field this option fills; repeat.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the event's id, as log does.")
@click.pass_obj
def event_edit(
    db: Path,
    /,
    event_id: str,
    party: str | None,
    clear: tuple[str, ...],
    quiet: bool,
    **fields: Any,
) -> None:
    """Change an event's fields; options not given are left as they are.

    --source and --tag replace the lists they name.

    \b
    Example:
      summits event edit 3f9a --reason "various circumstances" --source https://www.mofa.go.jp/...
      summits event edit 3f9a --clear level
      id=$(summits event edit 3f9a --level minister -q)   # the whole id
    """
    from summits import store

    changes = _given(fields, clear)
    if not changes and party is None:
        raise click.UsageError("give at least one field to change")
    with store.writing(db) as database:
        if party is not None:
            changes["party"] = database.resolve_party(party)
        old = dict(database.event(event_id))
        doc = database.edit_event(event_id, **changes)
    if quiet:
        click.echo(doc["id"])
    else:
        _echo_edit(f"{doc['id']}: {_describe(doc)}", old, doc)


@event.command("rm")
@click.argument("event_id", metavar="ID", shell_complete=opt._complete_events)
@click.pass_obj
def event_rm(db: Path, event_id: str) -> None:
    """Remove an event.

    \b
    Example:
      summits event rm 3f9a1c2e
    """
    from summits import store

    with store.writing(db) as database:
        doc = database.remove_event(event_id)
    click.echo(f"removed {doc['id']}: {_describe(doc)}")


# -- helpers ------------------------------------------------------------------


def _given(fields: dict[str, Any], clear: tuple[str, ...] = ()) -> dict[str, Any]:
    """The options the user gave (lists as lists), plus the fields to empty."""
    given = {
        name: list(value) if isinstance(value, tuple) else value
        for name, value in fields.items()
        if value is not None and value != ()
    }
    for name in clear:
        name = _FIELD_OF_OPTION.get(name, name)
        given[name] = [] if name in ("sources", "tags") else ""
    return given


# --clear takes the option's name (--note, --source, --tag) for the field it fills.
_FIELD_OF_OPTION = {"note": "notes", "source": "sources", "tag": "tags"}


def _echo_edit(headline: str, old: dict[str, Any], new: dict[str, Any]) -> None:
    """Say what an edit changed, field by field, or that it changed nothing."""
    from summits import formats

    changed = [name for name, value in new.items() if old.get(name) != value]
    if not changed:
        click.echo(f"unchanged {headline} (it already had those values)")
        return
    click.echo(f"changed {headline}")
    for name in changed:
        before, after = (formats.cell(v) or "(empty)" for v in (old.get(name), new[name]))
        click.echo(f"  {name}: {before} \u2192 {after}")


def _span(doc: dict[str, Any]) -> str:
    return doc["start"] if doc["start"] == doc["end"] else f"{doc['start']} to {doc['end']}"


def _describe(doc: dict[str, Any]) -> str:
    from summits import dates

    return f"{doc['party']} {doc['kind']} {doc['summit']}, {dates.describe(doc['date'])}"


COMMANDS = [init, summit, party, invite, log, event]
