"""The person commands: people known by several names, linked to the events that name them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from summits import options as opt
from summits import store
from summits.cli.common import echo_edit, emit, given

F = TypeVar("F", bound=Callable[..., Any])


def person_fields(editing: bool) -> Callable[[F], F]:
    """The options of ``person add``, shared with ``person edit`` (where all are optional)."""
    decorators = [
        click.option("--name", required=not editing, metavar="N", help="The name to show."),
        click.option(
            "--alias",
            "aliases",
            multiple=True,
            metavar="A",
            help="Another name --by may give (Lula, Xi); repeat."
            + (" Replaces the aliases." if editing else ""),
        ),
        opt.party_option(help="The party they represent (code or name)."),
        click.option("--wikidata", metavar="Q", help="Their Wikidata id (Q and digits)."),
    ]

    def decorate(func: F) -> F:
        for decorator in reversed(decorators):
            func = decorator(func)
        return func

    return decorate


@click.group(short_help="Register people known by several names.")
def person() -> None:
    """Register people known by several names, so their events are found by any of them.

    An event's --by names a registered person when it equals the person's id,
    name or alias (ignoring case and accents, whole text only).

    \b
    Example:
      summits person add lula --name "Luiz Inácio Lula da Silva" --alias Lula --party BRA
      summits events --person Lula
    """


@person.command("add")
@click.argument("person_id", metavar="ID")
@person_fields(editing=False)
@click.pass_obj
def person_add(db: Path, /, person_id: str, **fields: Any) -> None:
    """Register a person. ID is a slug: lowercase letters, digits and '-'.

    \b
    Example:
      summits person add xi-jinping --name "Xi Jinping" --alias Xi --party CHN --wikidata Q15031
    """
    with store.writing(db) as database:
        doc, linked = database.add_person(id=person_id, **given(fields))
    click.echo(f"added person {doc['id']}: {doc['name']}{_linked(linked)}")


@person.command("edit")
@opt.person_argument
@person_fields(editing=True)
@opt.clear_option("alias", "party", "wikidata")
@click.pass_obj
def person_edit(db: Path, /, person_id: str, clear: tuple[str, ...], **fields: Any) -> None:
    """Change a person; options not given are left as they are. --alias replaces the aliases.

    \b
    Example:
      summits person edit lula --alias Lula --alias "Lula da Silva"
      summits person edit lula --clear wikidata
    """
    changes = given(fields, clear)
    if not changes:
        raise click.UsageError("give at least one field to change")
    with store.writing(db) as database:
        old, doc, linked = database.edit_person(person_id, **changes)
    echo_edit(f"person {doc['id']}: {doc['name']}", old, doc)
    if linked:
        click.echo(_linked(linked).strip(" ()"))


@person.command("rm")
@opt.person_argument
@click.option("--force", is_flag=True, help="Remove them even while events name them.")
@click.pass_obj
def person_rm(db: Path, person_id: str, force: bool) -> None:
    """Remove a person. Refused while events name them, unless --force.

    The events keep their --by as written; they no longer link to the person.

    \b
    Example:
      summits person rm lula
    """
    with store.writing(db) as database:
        doc, named = database.remove_person(person_id, force)
    unlinked = f" ({named} event(s) no longer linked)" if named else ""
    click.echo(f"removed person {doc['id']}: {doc['name']}{unlinked}")


@person.command("list")
@opt.party_option(help="Only the persons of this party (code or name).")
@opt.output_format()
@click.pass_obj
def person_list(db: Path, party: str | None, fmt: str) -> None:
    """List the registered persons.

    \b
    Example:
      summits person list --party Brazil
      summits person list --format csv
    """
    with store.reading(db) as database:
        code = database.resolve_party(party) if party is not None else None
        emit(database, "persons", database.persons(code), fmt)


def _linked(count: int) -> str:
    if not count:
        return ""
    return f" ({count} event{'s' if count != 1 else ''} linked anew)"
