"""Garbage arguments to every command: never a crash, and a refusal changes nothing."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from stress_helpers import small_db, temp_files
from summits.cli import cli, subcommands


@pytest.fixture
def template() -> bytes:
    return small_db()


# -- garbage arguments ---------------------------------------------------------


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command of the tree, as the words that invoke it."""
    found = []
    for name, command in subcommands(group):
        if isinstance(command, click.Group):
            found += command_paths(command, (*prefix, name))
        else:
            found.append((*prefix, name))
    return found


def option_names(words: tuple[str, ...]) -> list[str]:
    command: Any = cli
    for word in words:
        command = dict(subcommands(command))[word]
    return sorted(opt for param in command.params for opt in param.opts if opt.startswith("-"))


PLAUSIBLE = [
    "nato-2025", "nato-2024", "JPN", "South Korea", "Korea", "EU", "Narnia", "attended",
    "cancelled", "leader", "minister", "2025-06-24", "2025-02-30", "06/07/2025", "June 2025",
    "2025", "csv", "json", "jsonl", "table", "events", "all", "-", "", " ", "e", "00000001",
    "--", "-x", "\x00", "é", "nato-2025; rm", "1e9",
]  # fmt: skip
GARBAGE = st.one_of(st.sampled_from(PLAUSIBLE), st.text(max_size=12))
COMMANDS = command_paths()


@contextlib.contextmanager
def scratch_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Work inside a scratch folder, so a garbage FILE argument lands there."""
    folder = tmp_path_factory.mktemp("garbage")
    with contextlib.chdir(folder):
        yield folder


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_garbage_arguments_never_crash_and_a_refusal_changes_nothing(
    data: st.DataObject, tmp_path_factory: pytest.TempPathFactory
) -> None:
    template = small_db()
    words = data.draw(st.sampled_from(COMMANDS), label="command")
    options = option_names(words)
    token = st.one_of(GARBAGE, st.sampled_from(options)) if options else GARBAGE
    args = data.draw(st.lists(token, max_size=6), label="args")
    with scratch_folder(tmp_path_factory) as folder:
        path = folder / "db.json"
        path.write_bytes(template)
        result = CliRunner().invoke(cli, ["--db", str(path), *words, *args])
        event(f"exit {result.exit_code}")  # --hypothesis-show-statistics: all three occur
        assert result.exit_code in (0, 1, 2), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(
            result.exception
        )
        assert "Traceback" not in result.output
        if result.exit_code != 0:
            assert path.read_bytes() == template
            assert temp_files(path) == []
