"""Damaged database files: refused by name, never overwritten; the intact file still works."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from stress_helpers import assert_checks, small_db, temp_files
from summits import cache, storage
from summits.cli import cli


@pytest.fixture
def template() -> bytes:
    return small_db()


# -- damaged files -------------------------------------------------------------


def _impossible_date(valid: bytes) -> bytes:
    data = storage.parse(valid, Path("x"))
    data["events"]["1"]["date"] = "2025-02-30"
    return storage.dump(data)


DAMAGE = {
    "truncated": lambda valid: valid[: len(valid) // 2],
    "empty": lambda valid: b"",
    "binary": lambda valid: bytes(range(256)) * 4,
    "a list": lambda valid: b"[]\n",
    "no schema": lambda valid: b'{"events": {}}\n',
    "a table that is a list": lambda valid: b'{"schema": 1, "events": []}\n',
    "a newer schema": lambda valid: valid.replace(b'"schema": 2', b'"schema": 99', 1),
    "an impossible date": _impossible_date,
}
WRITES = [
    ["log", "nato-2025", "JPN", "attended"],
    ["summit", "add", "g7-2025", "--name", "G7", "--start", "2025-06-15"],
    ["invite", "nato-2025", "ITA"],
    ["import", "-"],  # reads ROWS
]
ROWS = "summit,party,kind,date\nnato-2025,JPN,attended,2025-06-24\n"


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_file_is_refused_by_name_and_never_overwritten(
    damage: str, template: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "db.json"
    broken = DAMAGE[damage](template)
    path.write_bytes(broken)
    for args in WRITES:
        result = CliRunner().invoke(cli, ["--db", str(path), *args], input=ROWS)
        assert result.exit_code == 1, (args, result.output)
        message = result.output.strip()
        assert message.startswith(f"Error: {path} "), message
        assert len(message.splitlines()) == 1
        assert path.read_bytes() == broken
    assert temp_files(path) == []
    check = CliRunner().invoke(cli, ["--db", str(path), "check"])
    assert check.exit_code == 1
    assert str(path) in check.output


def test_the_same_writes_succeed_on_the_intact_file(template: bytes, tmp_path: Path) -> None:
    """The control for the test above: it is the damage that is refused."""
    path = tmp_path / "db.json"
    path.write_bytes(template)
    for args in WRITES:
        result = CliRunner().invoke(cli, ["--db", str(path), *args], input=ROWS)
        assert result.exit_code == 0, (args, result.output)
    assert_checks(path)


def test_check_names_the_record_with_an_impossible_date(template: bytes, tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(_impossible_date(template))
    check = CliRunner().invoke(cli, ["--db", str(path), "check"])
    assert check.exit_code == 1
    assert f"{path}: event 00000000: date: '2025-02-30' is not a real date" in check.output


def test_a_file_changed_behind_summits_back_is_checked_again(
    template: bytes, tmp_path: Path
) -> None:
    """The digest cache only skips the check for the exact bytes summits checked."""
    path = tmp_path / "db.json"
    path.write_bytes(template)
    assert (
        CliRunner()
        .invoke(cli, ["--db", str(path), "log", "nato-2025", "JPN", "attended"])
        .exit_code
        == 0
    )
    identity = cache.Identity.of(path.stat())
    assert cache.is_checked(path.resolve(), identity, path.read_bytes())
    broken = path.read_bytes().replace(b'"date":"2025-06-24"', b'"date":"2025-02-30"', 1)
    path.write_bytes(broken)
    result = CliRunner().invoke(cli, ["--db", str(path), "log", "nato-2025", "JPN", "attended"])
    assert result.exit_code == 1
    assert "is not a real date" in result.output
    assert path.read_bytes() == broken
