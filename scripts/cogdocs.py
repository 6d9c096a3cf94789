"""Generate the output blocks of README.md and docs/*.md by running what they show.

Used from the ``[[[cog`` blocks of those files; regenerate them all with

    cog -r -I scripts README.md docs/*.md

and ``tests/test_docs.py`` fails when a file differs from a fresh run.

``shell`` runs commands one after another in one bash process per file, so
``export`` and ``id=$(…)`` carry on from block to block as they do for a
reader pasting them in order. The shell starts in a temporary folder laid out
like a fresh clone (the files of ``CLONE``, or nothing) with a fixed
environment: output to a pipe (no colour), ``COLUMNS=100``, ``NO_COLOR``, its
own ``HOME``, the login name ``researcher`` (history entries say who), and a
git identity for the commits of the team walkthrough. Three kinds of value
cannot repeat from run to run and are masked, exactly and only these: the ids
of events created during the run (random), the ids of history entries (random)
and the times events were recorded and entries made (the clock). Ids and times
already in the bundled data repeat, so they are shown as they are.

A command expected to fail says so in a comment, ``# exit 1``; any other
exit status than the one shown stops the generation.
"""

from __future__ import annotations

import atexit
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import click

from summits.cli import subcommands

ROOT = Path(__file__).resolve().parent.parent
WIDTH = 100
CLONE = ("data",)  # what the examples need of a clone of the repository

ID_MASK = "id{:06d}"  # the n-th event created in a file: id000001, id000002, …
ENTRY_MASK = "hist{:04d}"  # the n-th history entry made: hist0001, hist0002, …
TIME_MASK = "YYYY-MM-DDThh:mm:ssZ"
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
HEX_ID = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{8}(?![0-9A-Za-z])")
EXIT = re.compile(r"#\s*exit (\d+)\s*$")
_END = "__cogdocs_end__"


class Ran(NamedTuple):
    """One command as shown, the exit status it shows, and the one it gave."""

    command: str
    expected: int
    status: int


class Session:
    """A bash shell in a temporary folder, fed one command at a time."""

    def __init__(self, clone: tuple[str, ...] = CLONE) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="summits-docs-"))
        for name in clone:
            shutil.copytree(ROOT / name, self.folder / name)
        env = {
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "HOME": str(self.folder),
            "COLUMNS": str(WIDTH),
            "NO_COLOR": "1",
            "TERM": "dumb",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "PYTHONUNBUFFERED": "1",  # stdout and stderr interleave as on a terminal
            # The login name history entries record (getpass reads LOGNAME first, so
            # it is left unset: ``export USER=bob`` in an example changes who works).
            "USER": "researcher",
            # Who commits in the team walkthrough (a reader's git has its own identity).
            "GIT_AUTHOR_NAME": "Researcher",
            "GIT_AUTHOR_EMAIL": "researcher@example.org",
            "GIT_COMMITTER_NAME": "Researcher",
            "GIT_COMMITTER_EMAIL": "researcher@example.org",
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        self.shell = subprocess.Popen(
            ["bash", "--noprofile", "--norc"],
            cwd=self.folder,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
        )
        self.ran: list[Ran] = []
        # Values that repeat from run to run: the bundled dataset's, and any already here.
        self.known_ids, self.known_times, _ = _values(
            [*self.folder.rglob("*.json*"), ROOT / "src" / "summits" / "sample.json"]
        )
        self.masks: dict[str, str] = {}
        self.entry_masks: dict[str, str] = {}

    def run(self, command: str) -> str:
        """Run one command (with its continuation lines); its output, masked."""
        expected = int(match.group(1)) if (match := EXIT.search(command)) else 0
        assert self.shell.stdin and self.shell.stdout
        self.shell.stdin.write(
            f"{{ {command}\n}} </dev/null 2>&1; __rc=$?; echo; echo {_END} $__rc\n"
        )
        self.shell.stdin.flush()
        lines = []
        for line in self.shell.stdout:
            if line.startswith(_END):
                status = int(line.split()[1])
                break
            lines.append(line)
        else:
            raise RuntimeError(f"the shell ended while running: {command}")
        output = "".join(lines)[:-1]  # the newline echoed before the end marker
        self.ran.append(Ran(command, expected, status))
        if status != expected:
            raise RuntimeError(
                f"`{command}` exited {status}, where the docs show {expected}:\n{output}"
            )
        if str(self.folder) in output:
            raise RuntimeError(f"`{command}` printed the temporary folder:\n{output}")
        return self._mask(output)

    def close(self) -> None:
        if self.shell.poll() is None:
            assert self.shell.stdin
            self.shell.stdin.close()
            self.shell.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _mask(self, output: str) -> str:
        ids, _, entries = _values(self.folder.rglob("*.json*"))
        for new in ids:  # numbered in the order the events were created
            if new not in self.known_ids:
                self.masks.setdefault(new, ID_MASK.format(len(self.masks) + 1))
        for entry in entries:  # in the order the entries were made
            self.entry_masks.setdefault(entry, ENTRY_MASK.format(len(self.entry_masks) + 1))
        masks = {**self.entry_masks, **self.masks}
        output = HEX_ID.sub(lambda m: masks.get(m.group(0), m.group(0)), output)
        return TIMESTAMP.sub(
            lambda m: m.group(0) if m.group(0) in self.known_times else TIME_MASK, output
        )


def _values(paths: Iterable[Path]) -> tuple[dict[str, None], set[str], list[str]]:
    """The event ids (in file order), ``recorded`` times and history entry ids (oldest
    first) of these JSON files."""
    ids: dict[str, None] = {}
    times: set[str] = set()
    entries: list[str] = []
    for path in sorted(paths):
        try:
            data = json.loads(path.read_bytes())
        except (ValueError, OSError):
            continue
        for event in _events(data):
            ids[str(event.get("id", ""))] = None
            times.add(str(event.get("recorded", "")))
        history = data.get("history") if isinstance(data, dict) else None
        for entry in history.values() if isinstance(history, dict) else ():
            if isinstance(entry, dict):
                entries.append(str(entry.get("id", "")))
    return ids, times, entries


def _events(data: Any) -> Iterator[dict[str, Any]]:
    """The events of a database file or of an export (``--table all`` or events)."""
    if isinstance(data, list):
        yield from (row for row in data if isinstance(row, dict) and "kind" in row)
    elif isinstance(data, dict):
        events = data.get("events")
        rows = events.values() if isinstance(events, dict) else events or []
        yield from (row for row in rows if isinstance(row, dict))


SESSIONS: dict[str, Session] = {}


def session(clone: tuple[str, ...] = CLONE) -> Session:
    """The shell of the file cog is processing (started on first use)."""
    import cog  # type: ignore[import-not-found]

    if cog.inFile not in SESSIONS:
        SESSIONS[cog.inFile] = Session(clone)
    return SESSIONS[cog.inFile]


def commands(script: str) -> list[str]:
    """Split a script into commands: a line ending in ``\\`` goes on to the next."""
    found: list[str] = []
    current: list[str] = []
    for line in script.strip("\n").splitlines():
        if not line.strip() and not current:
            continue
        current.append(line)
        if not line.endswith("\\"):
            found.append("\n".join(current))
            current = []
    if current:
        raise ValueError(f"a command ends in a backslash: {current}")
    return found


def shell(script: str, clone: tuple[str, ...] = CLONE) -> None:
    """Write a console block: each command of ``script`` after ``$ ``, then its output."""
    import cog

    here = session(clone)
    lines = ["```console"]
    for command in commands(script):
        lines.append("$ " + command)
        output = here.run(command)
        lines.extend(line.rstrip() for line in output.splitlines())
    lines.append("```")
    cog.outl("\n".join(lines))


@atexit.register
def close_all() -> None:
    while SESSIONS:
        SESSIONS.popitem()[1].close()


# -- the command reference ------------------------------------------------------


def reference() -> None:
    """Write the reference of every command and option, from the Click command tree."""
    import cog

    from summits.cli import cli

    root = click.Context(cli, info_name="summits")
    cog.outl("\n".join(_command(cli, root)))


def walk(
    command: click.Command, ctx: click.Context
) -> Iterator[tuple[click.Command, click.Context]]:
    """Every command under ``command``, in the order they were registered."""
    if isinstance(command, click.Group):
        for name, sub in subcommands(command):
            sub_ctx = click.Context(sub, info_name=name, parent=ctx)
            yield sub, sub_ctx
            yield from walk(sub, sub_ctx)


def _command(command: click.Command, ctx: click.Context) -> Iterator[str]:
    yield f"### {ctx.command_path}"
    yield ""
    yield f"`{ctx.command_path} {' '.join(command.collect_usage_pieces(ctx))}`"
    yield ""
    description, example = _docstring(inspect.cleandoc(command.help or ""))
    yield description
    yield ""
    if example:
        yield "```sh"
        yield example
        yield "```"
        yield ""
    params = [p for p in command.params if p.name != "help"]
    if params:
        yield "| argument or option | value | default | what it does |"
        yield "|---|---|---|---|"
        yield from (_param_row(p, ctx) for p in params)
        yield ""
    if isinstance(command, click.Group):
        for name, sub in subcommands(command):
            yield from _command(sub, click.Context(sub, info_name=name, parent=ctx))


def _docstring(text: str) -> tuple[str, str]:
    """A command's help: the description, and the lines of its example."""
    description, _, example = text.partition("\b\nExample:\n")
    paragraphs = description.replace("\b", "").strip().split("\n\n")
    description = "\n\n".join(re.sub(r"\s*\n\s*", " ", p) for p in paragraphs)
    lines = [line[2:] if line.startswith("  ") else line for line in example.splitlines()]
    return description, "\n".join(lines).strip("\n")


def _param_row(param: click.Parameter, ctx: click.Context) -> str:
    if isinstance(param, click.Argument):
        names = f"`{param.make_metavar(ctx) if _new_click() else param.make_metavar()}`"  # type: ignore[call-arg]
        help_text = "argument" + (" (required)" if param.required else "")
    else:
        assert isinstance(param, click.Option)
        names = ", ".join(f"`{name}`" for name in param.opts + param.secondary_opts)
        help_text = (param.help or "").replace("\n", " ")
        if param.envvar:
            help_text += f" Environment variable: `{param.envvar}`."
    cells = (_cell(names), _value(param, ctx), _default(param, ctx), _cell(help_text))
    return "| " + " | ".join(cells) + " |"


def _new_click() -> bool:
    return "ctx" in inspect.signature(click.Argument.make_metavar).parameters


def _value(param: click.Parameter, ctx: click.Context) -> str:
    if isinstance(param, click.Option) and param.is_flag:
        return "flag"
    if isinstance(param.type, click.Choice):
        return ", ".join(f"`{choice}`" for choice in param.type.choices)
    if isinstance(param, click.Argument):
        return param.type.name
    metavar = param.metavar or param.type.name.upper()
    repeat = " (repeat)" if getattr(param, "multiple", False) else ""
    return f"`{metavar}`{repeat}"


def _default(param: click.Parameter, ctx: click.Context) -> str:
    default = param.get_default(ctx, call=False)
    if isinstance(param, click.Option) and param.is_flag and not param.count:
        return "off" if not default else "on"
    if default is None or default is _UNSET or default == () or callable(default):
        said = re.search(r"[([]default: ([^)\]]*)[)\]]", getattr(param, "help", None) or "")
        return said.group(1) if said else ""
    return f"`{default}`"


_UNSET = getattr(click.core, "UNSET", None)  # Click 8.3's "no default"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def fields() -> None:
    """The fields of every table, from their declarations: meaning, values, limit."""
    import cog

    from summits import models

    out: list[str] = []
    for table, specs in models.DECLARATIONS.items():
        out += [
            f"**{table}**",
            "",
            "| field | what it holds | values | limit |",
            "|---|---|---|---|",
        ]
        for spec in specs:
            values = spec.expected or ("a date" if spec.code == "date" else "text")
            if spec.items:
                values = f"a list of texts (at most {models.MAX_ITEMS})"
            if spec.multiline:
                values += "; newlines and tabs allowed"
            if spec.default:
                values += f"; default `{spec.default}`"
            if spec.computed:
                values += "; set by summits"
            need = " (required)" if spec.required else ""
            limit = f"{spec.limit:,} characters" + (" each" if spec.items else "")
            out.append(
                f"| `{spec.name}`{need} | {_cell(spec.description)} | {_cell(values)} | {limit} |"
            )
        out.append("")
    out += [
        "**kinds**, and what each means:",
        "",
        "| kind | symbol | counts as |",
        "|---|---|---|",
    ]
    for kind in models.KIND.values():
        means = [
            word
            for word, flag in (
                ("attending", kind.attending),
                ("withdrawing", kind.withdrawing),
                ("explaining a change", kind.explains),
                ("taking a mode and a stand-in", kind.represents),
                ("saying someone was not there", kind.away),
                ("leaving part-way (the same person's attendance ranks lower)", kind.partial),
            )
            if flag
        ]
        out.append(f"| `{kind.name}` | {kind.symbol} | {', '.join(means) or '-'} |")
    cog.outl("\n".join(out))
