"""Recording commands: init, party, invite, log, event."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from summits import analysis, dates, models, rules, store
from summits import options as opt
from summits.cli.common import describe, echo_edit, emit, given

F = TypeVar("F", bound=Callable[..., Any])


@click.command()
@click.option(
    "--sample",
    is_flag=True,
    help="Start from the bundled dataset (NATO 2022-2025, BRICS 2024-2025, G7 2025).",
)
@click.pass_obj
def init(db: Path, sample: bool) -> None:
    """Create a new, empty database (or a copy of the bundled sample).

    Refuses to touch an existing file.

    \b
    Example:
      summits init
      summits --db nato.json init --sample
    """
    store.create(db, store.sample() if sample else None)
    click.echo(f"created {db}" + (" from the bundled sample" if sample else ""))


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
    with store.reading(db) as database:
        rows = sorted(database.rows("parties"), key=lambda doc: doc["code"])
        emit(database, "parties", rows, fmt)


# -- invitations and events ------------------------------------------------------


@click.command()
@opt.summit_argument()
@opt.party_argument("parties", nargs=-1, required=True, metavar="PARTY...")
@opt.role_option
@opt.date_option("When the invitation was made.")
@opt.sources_option
@click.option("--note", "notes", metavar="T", help="Notes on the invitation (replaces any).")
@click.pass_obj
def invite(
    db: Path,
    summit: str,
    parties: tuple[str, ...],
    role: str | None,
    date: str | None,
    sources: tuple[str, ...],
    notes: str | None,
) -> None:
    """Invite one or more parties to a summit (codes or names).

    Inviting a party again updates its role, date and sources.

    \b
    Example:
      summits invite nato-2025 Japan "South Korea" Australia NZ
      summits invite nato-2025 EU --role guest
    """
    with store.writing(db) as database:
        codes = [database.resolve_party(text) for text in parties]
        outcome = database.invite(summit, codes, role, date or "", list(sources), notes)
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
    date_help = (
        "When it happened or was announced: 2025-06-22, 2025-06, 'June 22, 2025'."
        if editing
        else "When it happened or was announced (default: today)."
    )
    decorators = [
        opt.date_option(date_help),
        click.option("--by", metavar="PERSON", help="Who: the person sent, or who pulled out."),
        opt.level_option(help="Their rank: leader (head of state or government) to official."),
        opt.mode_option(
            help="How they took part (attended and confirmed only) [default: in-person]."
        ),
        click.option(
            "--instead-of",
            "instead_of",
            metavar="PERSON",
            help="Whom they stood in for (attended and confirmed only), as written.",
        ),
        click.option("--reason", metavar="T", help="Why, in the source's words."),
        opt.sources_option,
        opt.note_option,
        opt.tags_option,
    ]

    def decorate(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return decorate


@click.command(short_help="Record an attendance event.")
@opt.summit_argument()
@opt.party_argument()
@opt.kind_argument
@event_fields(editing=False)
@opt.quiet_option
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
    values = given(fields)
    _kind_takes(kind, values)
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
        click.echo(f"logged {doc['id']}: {describe(doc)}")


@click.group(short_help="Change or remove a logged event.")
def event() -> None:
    """Change or remove a logged event (by id or a unique prefix of it).

    \b
    Example:
      summits event edit 3f9a --reason "various circumstances"
      summits event rm 3f9a1c2e
    """


@event.command("edit")
@opt.event_argument
@opt.summit_option(help="Move it to another summit.")
@opt.party_option(help="Another party.")
@opt.kind_option(help="Another kind.")
@event_fields(editing=True)
@opt.clear_option("by", "level", "instead-of", "reason", "source", "note", "tag")
@opt.quiet_option
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
    changes = given(fields, clear)
    if not changes and party is None:
        raise click.UsageError("give at least one field to change")
    with store.writing(db) as database:
        if party is not None:
            changes["party"] = database.resolve_party(party)
        old = dict(database.event(event_id))
        _kind_takes(changes.get("kind", old["kind"]), changes)
        doc = database.edit_event(event_id, **changes)
    if quiet:
        click.echo(doc["id"])
    else:
        echo_edit(f"{doc['id']}: {describe(doc)}", old, doc)


@event.command("rm")
@opt.event_argument
@click.pass_obj
def event_rm(db: Path, event_id: str) -> None:
    """Remove an event.

    \b
    Example:
      summits event rm 3f9a1c2e
    """
    with store.writing(db) as database:
        doc = database.remove_event(event_id)
    click.echo(f"removed {doc['id']}: {describe(doc)}")


def _kind_takes(kind: str, values: dict[str, Any]) -> None:
    """--mode and --instead-of only with a kind that takes them: else a usage error."""
    if rules.represents(kind):
        return
    for name, option in (("mode", "--mode"), ("instead_of", "--instead-of")):
        if values.get(name):
            kinds = " and ".join(k.name for k in models.KIND.values() if k.represents)
            raise click.UsageError(f"{option} is only for {kinds} events, not {kind}")
