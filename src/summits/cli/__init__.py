"""The ``summits`` command: a Click group over the library.

Commands parse their arguments, call the library and hand results to
``render`` (people) or ``formats`` (scripts). Every SummitsError becomes one
``Error: …`` line and exit status 1 here, in one place; Click's usage errors
exit 2.

The group loads a command's module only when that command runs (Click's own
lazy-group pattern): each command module imports what it needs at its top,
and ``summits --help`` reads the one-line help of each command from
``COMMANDS`` below, so it starts without rich, tinydb or dateutil. A test
holds those lines equal to the commands' own.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from summits import __version__
from summits.errors import SummitsError
from summits.options import DEFAULT_DB, FilePath, Refused

if TYPE_CHECKING:
    from pathlib import Path


# name -> (module under summits.cli, attribute, the command's one-line help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("record", "init", "Create a new, empty database (or a copy of the bundled sample)."),
    "summit": ("summit", "summit", "Add, change, remove, list and show summits."),
    "party": ("record", "party", "Register organisations and list them."),
    "person": ("person", "person", "Register people known by several names."),
    "invite": ("record", "invite", "Invite one or more parties to a summit (codes or names)."),
    "log": ("record", "log", "Record an attendance event."),
    "event": ("record", "event", "Change or remove a logged event."),
    "events": ("query", "events", "List events, filtered: a table, CSV or JSON."),
    "check": ("query", "check", "Verify the whole database: references, dates, kinds, levels."),
    "timeline": ("views", "timeline", "A chronology of events, by summit and date."),
    "matrix": ("views", "matrix", "Parties by summits: the level each one sent."),
    "changes": ("views", "changes", "Rises and falls in representation, and why."),
    "stats": ("views", "stats", "How often each party came, and at what level."),
    "plot": ("views", "plot", "Chart each party's level across the summits (PNG, SVG, PDF)."),
    "report": ("views", "report", "Write a self-contained HTML report to send."),
    "export": ("exchange", "export", "Export as CSV, JSON, a data package or SQLite."),
    "import": ("exchange", "import_", "Import what export wrote, all or nothing."),
    "history": ("history", "history_", "Show who changed what and when, or prune the history."),
    "undo": ("history", "undo", "Revert one command's changes (the latest, or one named)."),
    "merge": ("team", "merge", "Merge two versions of a database: git's merge driver."),
    "git-setup": ("team", "git_setup", "Make git merge the database with summits merge."),
}


class SummitsGroup(click.Group):
    """A group that loads its commands lazily and turns refusals into one-line errors."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """In the order of a researcher's work (``--help`` sorts them by name)."""
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        import importlib

        module, attribute, _ = COMMANDS[name]
        command: click.Command = getattr(
            importlib.import_module(f"summits.cli.{module}"), attribute
        )
        return command

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the command; remember it as typed (after --db) for the history entry."""
        from summits import history

        history.set_command(args)
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands and their one-line help, without loading their modules."""
        rows = [(name, help) for name, (_, _, help) in sorted(COMMANDS.items())]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SummitsError as exc:
            raise Refused(str(exc)) from None
        except BrokenPipeError:
            # The reader (head, less) went away: not an error for a Unix tool. Caught
            # here, since Click's own handler would exit 1.
            _silence_stdout()
            ctx.exit(0)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            raise Refused(f"{where}{exc.strerror or exc}") from None


@click.group(cls=SummitsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    type=FilePath(dir_okay=True),  # a folder is refused by storage.load: exit 1, one sentence
    envvar="SUMMITS_DB",
    default=DEFAULT_DB,
    show_default=True,
    help="The database file (or set SUMMITS_DB).",
)
@click.version_option(__version__, "--version", prog_name="summits")
@click.pass_context
def cli(ctx: click.Context, db: Path) -> None:
    """Track who comes to diplomatic summits: invitations, attendance, and who pulled out.

    \b
    Example:
      summits init
      summits summit add nato-2025 --name "NATO Summit 2025" --start 2025-06-24 --end 2025-06-25
      summits invite nato-2025 Japan "South Korea" Australia "New Zealand"
      summits log nato-2025 KOR cancelled --date 2025-06-22 --level leader --by "Lee Jae-myung"
      summits events --kind cancelled
    """
    ctx.obj = db
    from summits import store  # the command's own module imports it anyway

    store.notice = lambda message: click.echo(message, err=True)


def subcommands(group: click.Group) -> list[tuple[str, click.Command]]:
    """A group's commands by name, loaded: for walking the whole tree (docs, tests)."""
    context = click.Context(group)
    found = []
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is not None:
            found.append((name, command))
    return found


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush cannot fail on a closed pipe."""
    with contextlib.suppress(OSError, ValueError):  # not a real file (a test runner's)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """The console script: run the group; never show a traceback."""
    # A command lives for a moment and builds hundreds of thousands of records,
    # rows and cells that hold no reference cycles: reference counting frees them,
    # and the cycle collector would only rescan them again and again (a third of
    # an import's time at 100,000 rows). What little it could find dies with us.
    gc.disable()
    try:
        cli.main(prog_name="summits")
    except BrokenPipeError:
        # The reader went away as Python flushed stdout on the way out.
        _silence_stdout()
        sys.exit(0)
    except Exception as exc:  # a bug: say so in one line rather than a traceback
        if os.environ.get("SUMMITS_DEBUG"):
            raise
        click.echo(
            f"Error: unexpected {type(exc).__name__}: {exc} (a bug in summits; "
            "run with SUMMITS_DEBUG=1 to see where)",
            err=True,
        )
        sys.exit(1)
