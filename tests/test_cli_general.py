"""What every command keeps: --db and SUMMITS_DB, help with examples, plain pipes, no tracebacks."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core_helpers import assert_refused, invoke
from summits import __version__
from summits.cli import cli, main, subcommands

pytestmark = pytest.mark.usefixtures("core_env")


def _env(**extra: str) -> dict[str, str]:
    """The environment for a child process, without colour settings of the caller."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(extra)
    return env


# -- choosing the database -------------------------------------------------------------


def test_summits_db_environment_variable(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMITS_DB", str(db))
    result = CliRunner().invoke(cli, ["summit", "list", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1].startswith("nato-2024,")


def test_db_option_wins_over_the_environment(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUMMITS_DB", str(tmp_path / "elsewhere.json"))
    result = CliRunner().invoke(cli, ["--db", str(db), "check"])
    assert result.exit_code == 0, result.output


def test_default_database_is_data_summits_json(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"created {Path('data') / 'summits.json'}\n"
    assert (tmp_path / "data" / "summits.json").exists()


def test_db_that_is_a_directory(tmp_path: Path) -> None:
    result = invoke(tmp_path, "events")
    assert result.exit_code == 1  # a value that was read and refused, in one sentence
    assert result.stderr == f"Error: {tmp_path} cannot be read: Is a directory\n"


def test_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"summits, version {__version__}\n"


def test_no_command_shows_help() -> None:
    result = CliRunner().invoke(cli, [])
    assert result.exit_code in (0, 2)
    assert "Usage:" in result.output


def test_python_dash_m_summits_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "summits", "--help"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: summits [OPTIONS] COMMAND [ARGS]...")
    assert "Example:" in done.stdout
    assert done.stderr == ""


# -- help on every command ---------------------------------------------------------------


def _all_commands(
    group: click.Group, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], click.Command]]:
    """Every command and subcommand, walked from the group (so new ones are covered too)."""
    found: list[tuple[tuple[str, ...], click.Command]] = []
    for name, command in subcommands(group):
        found.append(((*path, name), command))
        if isinstance(command, click.Group):
            found += _all_commands(command, (*path, name))
    return found


COMMANDS = _all_commands(cli)


def test_the_root_help_lines_are_the_commands_own() -> None:
    # summits --help lists the lazy group's lines without loading the commands.
    from summits.cli import COMMANDS as LAZY

    for path, command in COMMANDS:
        if len(path) == 1:
            assert LAZY[path[0]][2] == command.get_short_help_str(limit=200), path


def test_the_walk_finds_the_core_commands() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    core = {
        "init",
        "summit",
        "summit add",
        "summit edit",
        "summit rm",
        "summit list",
        "summit show",
        "party",
        "party add",
        "party list",
        "invite",
        "log",
        "event",
        "event edit",
        "event rm",
        "events",
        "check",
    }
    assert core <= names


@pytest.mark.parametrize(
    "path",
    [path for path, command in COMMANDS if not isinstance(command, click.Group)],
    ids=" ".join,
)
def test_every_command_has_help_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.stdout
    example = result.stdout.split("Example:", 1)[1]
    assert f"summits {path[0]}" in example, "the example should show the command itself"


@pytest.mark.parametrize(
    "path", [path for path, command in COMMANDS if isinstance(command, click.Group)], ids=" ".join
)
def test_every_group_has_help_listing_its_commands(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Commands:" in result.stdout


def test_top_level_help_has_an_example() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    assert "Example:" in result.stdout
    assert "summits log nato-2025 KOR cancelled" in result.stdout


# -- output for pipes and people ------------------------------------------------------------


def test_user_text_is_printed_literally(db: Path) -> None:
    logged = invoke(
        db, "log", "nato-2025", "JPN", "declined", "--by", "[bold]x[/bold]", "--reason", "[red]y"
    )
    assert logged.exit_code == 0, logged.output
    result = invoke(db, "events", "--kind", "declined")
    assert result.exit_code == 0, result.output
    assert "[bold]x[/bold]" in result.stdout
    assert "[red]y" in result.stdout
    result = invoke(db, "summit", "edit", "nato-2025", "--host", "[i]The Hague[/i]")
    assert result.exit_code == 0, result.output
    result = invoke(db, "summit", "list")
    assert "[i]The Hague[/i]" in result.stdout


def test_a_pipe_gets_no_colour_codes(db: Path) -> None:
    for args in (
        ["events"],
        ["summit", "list"],
        ["summit", "show", "nato-2025"],
        ["party", "list"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "summits", "--db", str(db), *args],
            capture_output=True,
            env=_env(TERM="xterm-256color"),
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        assert b"\x1b" not in done.stdout
        assert b"\x1b" not in done.stderr


def _run_in_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Run summits with a pseudo-terminal as stdout, as a person would see it."""
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "summits", *args],
        stdout=follower,
        stderr=subprocess.PIPE,
        env=env,
    ) as process:
        os.close(follower)
        chunks = []
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks)


def test_no_color_is_honoured_on_a_terminal(db: Path) -> None:
    args = ["--db", str(db), "events", "--kind", "cancelled"]
    coloured = _run_in_terminal(args, _env(TERM="xterm-256color", COLUMNS="120"))
    plain = _run_in_terminal(args, _env(TERM="xterm-256color", COLUMNS="120", NO_COLOR="1"))
    assert b"\x1b[1;31m" in coloured  # cancelled is bold red on a terminal
    assert b"cancelled" in plain
    assert b"31m" not in plain  # NO_COLOR: no colour (bold and dim may stay)


@pytest.mark.parametrize("fmt", ["csv", "table"])
def test_a_closed_pipe_is_not_an_error(tmp_path: Path, fmt: str) -> None:
    # The reader is gone before summits writes a byte (as after `| head -1`), so
    # the write fails with EPIPE every time rather than by luck of timing.
    path = tmp_path / "db.json"
    assert invoke(path, "init", "--sample").exit_code == 0
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "summits", "--db", str(path), "events", "--format", fmt],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            timeout=60,
        )
    finally:
        os.close(write_end)
    assert done.stderr == ""
    assert done.returncode == 0


def test_an_unexpected_error_is_one_line_not_a_traceback(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from summits import store

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(store.Database, "events", broken)
    monkeypatch.setattr(sys, "argv", ["summits", "--db", str(db), "events"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err == (
        "Error: unexpected RuntimeError: something broke (a bug in summits; "
        "run with SUMMITS_DEBUG=1 to see where)\n"
    )


# -- refused commands never change the file ----------------------------------------------------

garbage = st.lists(
    st.one_of(
        st.text(max_size=12),
        st.sampled_from(
            [
                "nato-2025",
                "JPN",
                "Korea",
                "cancelled",
                "--date",
                "--level",
                "--role",
                "--by",
                "--start",
                "--name",
                "06/07/2025",
                "2025-02-30",
                "--",
                "-q",
                "--force",
                "--kind",
                "--party",
                "--alias",
                "--clear",
                "a1",
                "EU",
            ]
        ),
    ),
    max_size=6,
)


@pytest.mark.parametrize(
    "command",
    [
        ["log"],
        ["invite"],
        ["summit", "add"],
        ["summit", "edit"],
        ["party", "add"],
        ["event", "edit"],
        ["event", "rm"],
    ],
)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=garbage)
def test_a_refused_command_never_changes_the_file(
    db: Path, command: list[str], args: list[str]
) -> None:
    before = db.read_bytes()
    result = invoke(db, *command, *args)
    assert result.exit_code in (0, 1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert db.read_bytes() == before
        assert any(line.startswith("Error: ") for line in result.stderr.splitlines())
    else:
        db.write_bytes(before)  # a command that happened to succeed: start again


def test_assert_refused_helper_catches_a_changed_file(db: Path) -> None:
    # The helper the refusal tests rely on must itself fail on a changed file.
    before = db.read_bytes()
    result = invoke(db, "summit", "add", "nato-2025", "--name", "X", "--start", "2025")
    db.write_bytes(before + b" ")
    with pytest.raises(AssertionError):
        assert_refused(result, before, db)


# -- shell completion ----------------------------------------------------------------------


def _complete(db: Path, words: str) -> list[str]:
    """What bash completion offers for the last of ``words`` (Click's bash protocol)."""
    env = {
        "_SUMMITS_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "SUMMITS_DB": str(db),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="summits")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_completion_of_commands_summits_parties_and_events(db: Path) -> None:
    assert _complete(db, "summits ev") == ["event", "events"]
    assert _complete(db, "summits log nato") == ["nato-2024", "nato-2025"]
    assert _complete(db, "summits log nato-2025 E") == [
        "EU",
        "ECU",
        "EGY",
        "ERI",
        "ESH",
        "ESP",
        "EST",
        "ETH",
    ]
    assert _complete(db, "summits event rm 3f") == ["3f9a1c2e", "3f9b0000"]
    assert _complete(db, "summits events --summit g") == ["g7-2025"]
    assert _complete(db, "summits events --kind c") == ["confirmed", "cancelled"]


def test_completion_never_fails_without_a_database(tmp_path: Path) -> None:
    assert _complete(tmp_path / "none.json", "summits log ") == []


def test_help_imports_no_heavy_module() -> None:
    # summits --help must start fast: rich, tinydb, pycountry, dateutil, orjson and
    # filelock load only inside the commands that need them.
    code = (
        "import sys\n"
        "from summits.cli import cli\n"
        "try:\n"
        "    cli.main(['--help'], prog_name='summits')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('rich', 'tinydb', 'pycountry', 'dateutil', 'orjson', 'filelock', 'matplotlib')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(), timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "[]\n"
