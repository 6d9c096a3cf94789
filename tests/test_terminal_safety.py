"""Arbitrary Unicode through every free-text option never reaches a terminal raw."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summits.cli import cli

BUNDLED = Path(__file__).parent.parent / "data" / "summits.json"
# What Rich itself writes to a terminal: colours (SGR) and hyperlinks (OSC 8).
RICH_CODES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b\x07]*\x1b\\")
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from("\x1b\x07\u202e\u2066\x9b\r\x00[2J"),
    max_size=12,
)
OPTIONS = ["--by", "--reason", "--note", "--tag", "--source", "--instead-of"]


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich writes as to a terminal
    monkeypatch.setenv("COLUMNS", "100")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(option=st.sampled_from(OPTIONS), text=TEXT)
def test_nothing_printed_to_a_terminal_holds_a_raw_control_character(
    option: str, text: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "s.json"
        shutil.copyfile(BUNDLED, db)
        runner = CliRunner()
        logged = runner.invoke(
            cli,
            ["--db", str(db), "log", "nato-2025", "JPN", "attended", "--date", "2025-06-25",
             option, text],
        )  # fmt: skip
        outputs = [logged.stdout, logged.stderr]
        for args in (["events"], ["timeline", "nato-2025"], ["summit", "show", "nato-2025"]):
            shown = runner.invoke(cli, ["--db", str(db), *args])
            assert shown.exit_code == 0, shown.output
            outputs += [shown.stdout, shown.stderr]
        for output in outputs:
            assert not RAW.search(RICH_CODES.sub("", output).replace("\n", "")), output
