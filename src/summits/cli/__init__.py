"""The ``summits`` command: a Click group over the library.

Commands parse their arguments, call the library and hand results to
``render`` (people) or ``formats`` (scripts). Every SummitsError becomes one
``Error: …`` line and exit status 1 here, in one place; Click's usage errors
exit 2. Heavy modules (rich, tinydb, pycountry, dateutil) are imported inside
commands, so ``summits --help`` starts fast.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import TYPE_CHECKING, Any

import click

from summits import __version__
from summits.errors import SummitsError
from summits.options import DEFAULT_DB, FilePath, Refused

if TYPE_CHECKING:
    from pathlib import Path


class SummitsGroup(click.Group):
    """A group that turns the library's refusals into one-line errors (exit 1)."""

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


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the final flush cannot fail on a closed pipe."""
    with contextlib.suppress(OSError, ValueError):  # not a real file (a test runner's)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    """The console script: run the group; never show a traceback."""
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


def _register() -> None:
    from summits.cli import exchange, query, record, views

    for module in (record, query, views, exchange):
        for command in module.COMMANDS:
            cli.add_command(command)


_register()
