"""The README and docs/ say what the tool does: their examples are run and checked.

The output blocks are written by cog (``cog -r -I scripts README.md docs/*.md``,
see scripts/cogdocs.py), which runs the commands shown in order in a temporary
folder. Here cog runs once more in check mode: a file that differs from a fresh
run fails, as does an example that exits otherwise than the docs show.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import click
import pytest
from cogapp import Cog

from summits.cli import cli, subcommands

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
REGENERATE = "cog -r -I scripts README.md docs/*.md"


class Checked(NamedTuple):
    status: int
    report: str
    ran: dict[str, list[Any]]  # file -> the cogdocs.Ran of each command run


@pytest.fixture(scope="module")
def checked() -> Iterator[Checked]:
    """One ``cog --check`` over every file (it runs every example once)."""
    report = io.StringIO()
    cog = Cog()
    cog.set_output(stdout=report, stderr=report)
    argv = ["cog", "--check", "--diff", "-I", str(ROOT / "scripts")]
    status = cog.main([*argv, *map(str, DOCS)])
    import cogdocs  # type: ignore[import-not-found]  # on sys.path now, thanks to -I

    ran = {Path(name).name: list(session.ran) for name, session in cogdocs.SESSIONS.items()}
    cogdocs.close_all()
    yield Checked(status, report.getvalue(), ran)


def test_every_output_block_equals_a_fresh_run(checked: Checked) -> None:
    assert checked.status == 0, f"{checked.report}\nregenerate with: {REGENERATE}"


def test_every_example_exits_as_the_docs_show(checked: Checked) -> None:
    wrong = [
        f"{name}: `{ran.command}` exited {ran.status}, the docs show {ran.expected}"
        for name, runs in checked.ran.items()
        for ran in runs
        if ran.status != ran.expected
    ]
    assert not wrong
    assert {"README.md", "exchange.md"} <= checked.ran.keys()


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_the_commands_shown_are_the_commands_run(checked: Checked, path: Path) -> None:
    shown = _shown_commands(path.read_text(encoding="utf-8"))
    assert shown == [ran.command for ran in checked.ran.get(path.name, [])]


def _shown_commands(text: str) -> list[str]:
    """The commands of every console block, each with its continuation lines."""
    commands: list[str] = []
    for block in re.findall(r"^```console\n(.*?)^```$", text, flags=re.S | re.M):
        going_on = False
        for line in block.splitlines():
            if going_on:
                commands[-1] += "\n" + line
            elif line.startswith("$ "):
                commands.append(line[2:])
            else:
                continue
            going_on = line.endswith("\\")
    return commands


def test_the_readme_names_the_width_and_the_masks() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for said in ("COLUMNS=100", "`id000001`", "`YYYY-MM-DDThh:mm:ssZ`", "# exit 1", REGENERATE):
        assert said in readme


def test_the_readme_test_command_is_what_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pip install -e '.[test]' && {ci}" in readme


# -- the command reference ------------------------------------------------------------


def _commands(command: click.Command, path: str = "summits") -> Iterator[tuple[str, click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        for name, sub in subcommands(command):
            yield from _commands(sub, f"{path} {name}")


def _sections(text: str) -> dict[str, str]:
    parts = re.split(r"^### (summits.*)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_reference_documents_every_command_and_option() -> None:
    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    sections = _sections(text)
    missing = []
    for path, command in _commands(cli):
        section = sections.get(path)
        if section is None:
            missing.append(path)
            continue
        ctx = click.Context(command, info_name=path)
        for param in command.params:
            if param.name == "help":
                continue
            shown = section.replace("\\|", "|")  # arguments: `PARTY...`, `[SUMMIT]`, `FILE\|-`
            if isinstance(param, click.Argument) and param.human_readable_name not in shown:
                missing.append(f"{path} {param.human_readable_name}")
            names = param.opts + param.secondary_opts if isinstance(param, click.Option) else []
            missing += [f"{path} {name}" for name in names if f"`{name}`" not in section]
            if isinstance(param.type, click.Choice):
                choices = [str(c) for c in param.type.choices]
                missing += [f"{path} {param.name}={c}" for c in choices if f"`{c}`" not in section]
            default = param.get_default(ctx, call=False)
            if isinstance(default, str) and f"`{default}`" not in section:
                missing.append(f"{path} {param.name} default {default}")
    assert not missing, f"not in docs/reference.md: {missing}; regenerate with: {REGENERATE}"
    assert "`-h` / `--help`" in text.split("## Commands")[0]  # said once, for every command


def test_the_reference_documents_no_command_that_is_gone() -> None:
    text = (ROOT / "docs" / "reference.md").read_text(encoding="utf-8")
    assert set(_sections(text)) == {path for path, _ in _commands(cli)}


def test_the_benchmark_page_documents_every_option_of_the_script() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    options = set(re.findall(r"(?<![\w-])(--?[a-z][a-z-]*)", done.stdout))
    page = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert options and not {o for o in options if f"`{o}" not in page}
