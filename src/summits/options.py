"""Options shared by several commands, each defined once, and the ParamTypes behind them."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import click

from summits import models
from summits.errors import SummitsError

if TYPE_CHECKING:
    from pathlib import Path

F = TypeVar("F", bound=Callable[..., Any])
# Text, not a Path: pathlib costs ~10 ms to import, and ``summits --help`` must start fast.
DEFAULT_DB = "data/summits.json"
FORMATS = ("table", "csv", "json", "jsonl")


class Refused(click.ClickException):
    """A value that was read and refused: one sentence on stderr, exit status 1."""

    exit_code = 1


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A date as researchers write it, converted to ISO text at its precision."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from summits import dates

        try:
            return dates.parse(str(value))
        except SummitsError as exc:
            name = param.opts[0] if param is not None and param.opts else "date"
            raise Refused(f"{name}: {exc}") from None


DATE = DateType()


class FilePath(click.Path):
    """A file option or argument, given to the command as a ``pathlib.Path``.

    Like ``click.Path(dir_okay=False, path_type=Path)``, but pathlib is imported
    only when a value is converted, not when ``summits --help`` starts.
    """

    def __init__(self, *, dir_okay: bool = False, **kwargs: Any) -> None:
        # dir_okay=True where a folder is a value to refuse in one sentence (exit 1),
        # such as the database or a file to import, rather than a usage error.
        super().__init__(dir_okay=dir_okay, **kwargs)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from pathlib import Path

        if "\x00" in os.fsdecode(value):  # os.stat would raise ValueError, not a usage error
            self.fail(f"{value!r} is not a file name: it contains a NUL character", param, ctx)
        if not os.fsdecode(value):  # Path("") is the current folder, never meant
            self.fail("a file name cannot be empty", param, ctx)
        return Path(os.fsdecode(super().convert(value, param, ctx)))


def complete_summits(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion: the summit ids of the database."""
    return [s for s in _known(ctx, "summits", "id") if s.startswith(incomplete)]


def complete_events(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion: the event ids of the database."""
    return [e for e in _known(ctx, "events", "id") if e.startswith(incomplete.lower())]


def complete_parties(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion: the codes of the registered organisations and of every country."""
    from summits import parties

    codes = _known(ctx, "parties", "code")
    with contextlib.suppress(Exception):  # completion must never crash the shell
        codes += list(parties.names(()))
    return [c for c in codes if c.startswith(incomplete.upper())]


def _known(ctx: click.Context, table: str, field: str) -> list[str]:
    """Well-formed ids from a database that passes the rules, for shell completion.

    The shell puts what completion offers on the command line, so a crafted id
    (``nato-2025$(touch PWNED)``) or a file that breaks the rules offers nothing.
    """
    from pathlib import Path

    from summits import store

    well_formed = {
        "summits": models.SLUG,
        "persons": models.SLUG,
        "events": models.EVENT_ID,
        "parties": models.ORG_CODE,
    }[table]
    root = ctx.find_root()
    path = Path(root.params.get("db") or DEFAULT_DB)
    try:
        with store.reading(path) as database:
            values = [doc.get(field) for doc in database.rows(table)]
    except Exception:  # completion must never crash the shell
        return []
    return sorted(v for v in values if isinstance(v, str) and well_formed.fullmatch(v))


def summit_argument(*decls: str, **kwargs: Any) -> Callable[[F], F]:
    return click.argument(*(decls or ("summit",)), shell_complete=complete_summits, **kwargs)


def party_argument(*decls: str, **kwargs: Any) -> Callable[[F], F]:
    return click.argument(*(decls or ("party",)), shell_complete=complete_parties, **kwargs)


def event_argument(func: F) -> F:
    return click.argument("event_id", metavar="ID", shell_complete=complete_events)(func)


def summit_option(help: str = "Only this summit.") -> Callable[[F], F]:
    return click.option(
        "--summit", "summit", metavar="ID", shell_complete=complete_summits, help=help
    )


def party_option(
    help: str = "Only this party (code or name, e.g. JPN or 'South Korea').",
) -> Callable[[F], F]:
    return click.option("--party", "party", metavar="P", shell_complete=complete_parties, help=help)


series_option = click.option("--series", metavar="S", help="Only summits of this series.")
# The views that compare summits take several series: their summits in date order.
series_options = click.option(
    "--series",
    "series",
    multiple=True,
    metavar="S",
    help="The summits of this series; repeat for several (in date order across them). "
    "May be left out when there is one series.",
)


def _choice_option(name: str, values: tuple[str, ...]) -> Callable[..., Callable[[F], F]]:
    """--NAME: one of ``values``, or (to filter) several, repeated into NAMEs."""

    def option(*, multiple: bool = False, help: str) -> Callable[[F], F]:
        return click.option(
            f"--{name}",
            f"{name}s" if multiple else name,
            type=click.Choice(values),
            multiple=multiple,
            help=help,
        )

    return option


kind_option = _choice_option("kind", models.KINDS)
level_option = _choice_option("level", models.LEVELS)
mode_option = _choice_option("mode", models.MODES)


def complete_persons(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """Shell completion: the ids of the registered persons."""
    return [p for p in _known(ctx, "persons", "id") if p.startswith(incomplete.lower())]


person_option = click.option(
    "--person",
    metavar="P",
    shell_complete=complete_persons,
    help="Only this person's events: a registered person's id, name or alias, "
    "or the exact text of --by.",
)
tag_filter_option = click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="T",
    help="Only events with this tag; repeat for any of them.",
)


def person_argument(func: F) -> F:
    return click.argument("person_id", metavar="ID", shell_complete=complete_persons)(func)


role_option = click.option(
    "--role",
    type=click.Choice(models.ROLES),
    help="The party's role at the summit (default: partner; kept when inviting again).",
)
role_filter_option = click.option(
    "--role",
    "roles",
    type=click.Choice(models.ROLES),
    multiple=True,
    help="Only parties invited in this role to at least one of the summits; repeat for any.",
)
long_option = click.option(
    "--long",
    "long",
    is_flag=True,
    help="One row per party and summit (party, summit, role, cell and its parts, person).",
)
kind_argument = click.argument("kind", type=click.Choice(models.KINDS), metavar="KIND")


def date_option(help: str) -> Callable[[F], F]:
    return click.option("--date", type=DATE, metavar="D", help=help)


sources_option = click.option(
    "--source", "sources", multiple=True, metavar="SRC", help="A source (URL or citation); repeat."
)
note_option = click.option("--note", "notes", metavar="T", help="Notes.")
tags_option = click.option("--tag", "tags", multiple=True, metavar="T", help="A tag; repeat.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print only the event's id.")


def clear_option(*fields: str) -> Callable[[F], F]:
    """--clear NAME: empty the field that the option NAME fills (note, source, tag, …)."""
    return click.option(
        "--clear",
        multiple=True,
        type=click.Choice(fields),
        help="Empty the field this option fills; repeat.",
    )


def date_range(func: F) -> F:
    """--since/--until: keep records whose date, at its precision, overlaps the range."""
    func = click.option(
        "--until",
        type=DATE,
        metavar="D",
        help="Only on or before this date (2024 means to 2024-12-31).",
    )(func)
    return click.option(
        "--since", type=DATE, metavar="D", help="Only on or after this date (2025-06 included)."
    )(func)


def output_format(*choices: str) -> Callable[[F], F]:
    """--format: a table for people, or csv/json/jsonl for scripts."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices or FORMATS),
        default=(choices or FORMATS)[0],
        show_default=True,
        help="Output format.",
    )


def refuse_database_path(db: Path, path: Path | None, advice: str) -> None:
    """Refuse an output file that is the database itself: writing it would destroy the data.

    Both paths are resolved (``./s.json`` and ``s.json`` are one file), and an
    existing file is also compared by inode, so a hard link is caught too.
    """
    if path is None or str(path) == "-":
        return
    same = path.resolve() == db.resolve()
    with contextlib.suppress(OSError):  # a file not there yet is not the database
        same = same or os.path.samefile(path, db)
    if same:
        raise Refused(f"{path} is the database itself; {advice}")


def _not_the_database(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """Checked as the option is read, before anything is printed or saved."""
    if value is not None and ctx.obj is not None:
        refuse_database_path(ctx.obj, value, "save the picture to another file")
    if value is not None:
        from summits import outfiles

        try:
            outfiles.check(value, ctx.meta.get(_FORCE, False))
        except SummitsError as exc:
            raise Refused(str(exc)) from None
    return value


_FORCE = "summits.pictures.force"


def _remember_force(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    ctx.meta[_FORCE] = value  # eager, so it is known when --svg/--html are read


def pictures(func: F) -> F:
    """--svg/--html: also save exactly what was printed; --force replaces an existing file."""
    html = click.option(
        "--html", type=FilePath(), callback=_not_the_database, help="Also save it as HTML."
    )
    svg = click.option(
        "--svg", type=FilePath(), callback=_not_the_database, help="Also save it as SVG."
    )
    force = click.option(
        "--force",
        is_flag=True,
        is_eager=True,
        expose_value=False,
        callback=_remember_force,
        help="Replace an existing --svg/--html file.",
    )
    return svg(html(force(func)))


parties_option = click.option(
    "--party",
    "parties",
    multiple=True,
    metavar="P",
    shell_complete=complete_parties,
    help="Only this party (code or name); repeat for several.",
)
force_option = click.option(
    "--force", is_flag=True, help="Replace the file if it exists (never the database)."
)
