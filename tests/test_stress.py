"""Stress: killed writers, concurrent processes, garbage arguments, damaged files.

These run real ``summits`` processes (``python -m summits``) where the point is
what other processes see: a SIGKILL at any instant, eight writers and two
readers at once. Sizes are bounded so the module stays fast enough for CI;
nothing here asserts a time.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import csv
import functools
import io
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from summits import exchange, formats, models, parties, rules, storage, store
from summits.cli import cli, subcommands

SUMMITS = [sys.executable, "-m", "summits"]
PARTIES = ("JPN", "KOR", "AUS", "NZL", "USA", "GBR", "FRA", "DEU")


def summits(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*SUMMITS, "--db", str(db), *args], capture_output=True, text=True, timeout=120
    )


def make_db(path: Path, n_events: int, first_id: int = 0) -> None:
    """nato-2025 with the parties invited and ``n_events`` events, built with the library."""
    rng = random.Random(n_events)
    summit = rules.make(
        "summits", id="nato-2025", name="NATO 2025", start="2025-06-24", end="2025-06-25"
    )
    invitations = [
        rules.make("invitations", summit="nato-2025", party=code, role="partner")
        for code in PARTIES
    ]
    events = [
        rules.make(
            "events",
            id=f"{first_id + i:08x}",
            summit="nato-2025",
            party=rng.choice(PARTIES),
            kind=rng.choice(models.KINDS),
            date="2025-06-24",
            by=f"Person {i}",
            reason="domestic affairs " * rng.randrange(4),
            recorded="2025-06-20T12:00:00Z",
        )
        for i in range(n_events)
    ]
    tables: dict[str, list[dict[str, Any]]] = {
        "summits": [summit],
        "invitations": invitations,
        "events": events,
        "parties": [],
    }
    store.create(
        path,
        {name: {str(i): doc for i, doc in enumerate(docs, 1)} for name, docs in tables.items()},
    )


def event_ids(path: Path) -> set[str]:
    return {doc["id"] for doc in storage.load(path)["events"].values()}


def assert_checks(path: Path) -> None:
    """The file passes ``summits check`` (in-process: same code, no start-up)."""
    result = CliRunner().invoke(cli, ["--db", str(path), "check"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{path}: ok")


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


def log_argv(path: Path, party: str = "JPN") -> list[str]:
    return [*SUMMITS, "--db", str(path), "log", "nato-2025", party, "attended", "-q"]


# -- killed writers ------------------------------------------------------------


def kill_at(argv: list[str], delay: float, path: Path | None = None) -> tuple[int, str]:
    """Run ``argv`` and SIGKILL it after ``delay`` seconds, or (given ``path``) as soon
    as its temp file appears, mid-write; returns (status, what it printed)."""
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    if path is None:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=delay)
    else:
        while process.poll() is None and not temp_files(path):
            pass  # the window between creating the temp file and the rename is short
    with contextlib.suppress(ProcessLookupError):
        process.send_signal(signal.SIGKILL)
    out, _ = process.communicate(timeout=120)
    return process.returncode, out


def duration(argv: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, capture_output=True)
    return time.perf_counter() - started


def test_a_writer_killed_at_any_moment_leaves_a_whole_file_with_every_reported_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.json"
    make_db(path, 3000)  # big enough that a write takes a while to kill inside
    span = duration(log_argv(path)) * 1.3
    expected = event_ids(path)
    rng = random.Random(6)
    kills = mid_write = 0
    for attempt in range(30):
        # Two in three at a random moment; one in three inside the write itself.
        status, out = kill_at(
            log_argv(path), rng.uniform(0, span), path if attempt % 3 == 0 else None
        )
        if status == 0 or out.strip():
            # It said it logged (or finished): the event must be there.
            expected.add(out.strip())
        else:
            kills += 1
            mid_write += bool(temp_files(path))
        found = event_ids(path)
        assert expected <= found
        assert len(found - expected) <= 1  # killed after the rename, before printing
        expected = found
        assert_checks(path)
    assert kills >= 5  # the test did kill writers, not only watch them finish
    assert mid_write >= 1  # and some of them between the temp file and the rename
    # Temp files a killed writer left never break the next write, which sweeps them.
    done = subprocess.run(log_argv(path), capture_output=True, text=True, check=True)
    assert done.stdout.strip() in event_ids(path)
    assert temp_files(path) == []
    assert_checks(path)


def test_a_killed_import_adds_all_rows_or_none(tmp_path: Path) -> None:
    path, rows = tmp_path / "db.json", tmp_path / "events.csv"
    make_db(path, 500)
    make_db(tmp_path / "other.json", 2500, first_id=10**6)
    exported = summits(tmp_path / "other.json", "export", "-o", str(rows))
    assert exported.returncode == 0, exported.stderr
    old_ids, new_ids = event_ids(path), event_ids(tmp_path / "other.json")
    before = path.read_bytes()
    argv = [*SUMMITS, "--db", str(path), "import", str(rows)]
    span = duration([*argv, "--dry-run"]) * 1.5
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(8):
        path.write_bytes(before)
        status, _ = kill_at(argv, rng.uniform(0, span), path if attempt % 4 == 3 else None)
        if event_ids(path) == old_ids | new_ids:
            outcomes.add("all")
        else:
            assert path.read_bytes() == before, f"partial import (exit {status})"
            outcomes.add("none")
        assert_checks(path)
    assert "none" in outcomes
    path.write_bytes(before)
    assert summits(path, "import", str(rows)).returncode == 0
    assert event_ids(path) == old_ids | new_ids


# -- many processes at once ----------------------------------------------------


def test_eight_writers_and_two_readers_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make_db(path, 1000)
    initial = event_ids(path)

    def writer(party: str) -> list[str]:
        ids = []
        for _ in range(3):
            done = subprocess.run(log_argv(path, party), capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
            ids.append(done.stdout.strip())
        return ids

    def reader(_: int) -> list[int]:
        counts = []
        for _ in range(4):
            done = summits(path, "events", "--format", "csv")
            assert done.returncode == 0, done.stderr
            rows = list(csv.reader(io.StringIO(done.stdout)))
            assert tuple(rows[0]) == exchange.COLUMNS["events"]
            assert all(len(row) == len(rows[0]) for row in rows)
            counts.append(len(rows) - 1)
        return counts

    with concurrent.futures.ThreadPoolExecutor(max_workers=10) as pool:
        writes = [pool.submit(writer, party) for party in PARTIES]
        reads = [pool.submit(reader, n) for n in range(2)]
        written = [event_id for future in writes for event_id in future.result()]
        counts = [count for future in reads for count in future.result()]
    assert len(set(written)) == 8 * 3
    assert event_ids(path) == initial | set(written)
    # Readers saw whole files: each count is the initial one plus some writes.
    assert all(len(initial) <= count <= len(initial) + 24 for count in counts)
    assert_checks(path)


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


@functools.cache
def small_db() -> bytes:
    """The bytes of a 20-event database (built once; each example writes its own copy)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        make_db(path, 20)
        return path.read_bytes()


@pytest.fixture
def template() -> bytes:
    return small_db()


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
    "a newer schema": lambda valid: valid.replace(b'"schema": 1', b'"schema": 99', 1),
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
    """The .checked digest only skips the check for the exact bytes summits checked."""
    path = tmp_path / "db.json"
    path.write_bytes(template)
    assert (
        CliRunner()
        .invoke(cli, ["--db", str(path), "log", "nato-2025", "JPN", "attended"])
        .exit_code
        == 0
    )
    assert storage.is_checked(path, path.read_bytes())
    broken = path.read_bytes().replace(b'"date":"2025-06-24"', b'"date":"2025-02-30"', 1)
    path.write_bytes(broken)
    result = CliRunner().invoke(cli, ["--db", str(path), "log", "nato-2025", "JPN", "attended"])
    assert result.exit_code == 1
    assert "is not a real date" in result.output
    assert path.read_bytes() == broken


# -- the fast checks agree with the full ones ----------------------------------


class _Slow(dict):  # type: ignore[type-arg]
    """A dict subclass: the fast paths step aside and the field-by-field check runs."""


VALID_RECORDS = {
    "summits": rules.make(
        "summits", id="nato-2025", name="NATO", start="2025-06-24", end="2025-06-25"
    ),
    "parties": rules.make("parties", code="EU", name="European Union", aliases=["E.U."]),
    "invitations": rules.make("invitations", summit="nato-2025", party="JPN", role="guest"),
    "events": rules.make(
        "events",
        id="3f9a1c2e",
        summit="nato-2025",
        party="KOR",
        kind="cancelled",
        date="2025-06-22",
        level="leader",
        recorded="2025-06-22T10:00:00Z",
        tags=["x"],
    ),
}
ODD_VALUES = st.sampled_from(
    [
        "", " ", "x", "X-1", "nato-2025", "2025", "2025-06", "2025-02-29", "2024-02-29",
        "2025-13", "0000-01-01", "leader", "attended", "guest", "2025-06-22T10:00:00Z",
        "2025-06-22 10:00", None, 1, [], ["a"], ["a", 1], [[]], {}, "٢٠٢٥",
        "a | b", ["a | b"], ["a |", "b"], ["| b"], ["a|b", "a |b"], ["a\n|", "b"],
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_fast_record_checks_agree_with_the_field_by_field_ones(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(models.TABLES))
    doc = dict(VALID_RECORDS[table])
    for name in data.draw(st.lists(st.sampled_from([*models.FIELDS[table], "extra"]))):
        if data.draw(st.booleans()):
            doc[name] = data.draw(ODD_VALUES)
        else:
            doc.pop(name, None)
    slow = rules.record_problems(table, _Slow(doc))
    assert rules.record_problems(table, doc) == slow
    assert rules.table_ok(table, [VALID_RECORDS[table], doc]) == (slow == [])


def test_countries_read_from_pycountrys_data_file_are_pycountrys_countries() -> None:
    import pycountry

    expected = [
        {field: getattr(c, field) for field in parties._ISO_FIELDS if getattr(c, field, None)}
        for c in pycountry.countries
    ]
    assert parties._iso_countries() == expected


CELLS = st.one_of(st.none(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))


@settings(max_examples=200, deadline=None)
@given(records=st.lists(st.dictionaries(st.sampled_from("abcd"), CELLS), max_size=6))
def test_the_fast_csv_rows_are_the_cell_by_cell_rows(records: list[dict[str, Any]]) -> None:
    columns = ("a", "b", "c", "d")
    expected = [[formats.cell(record.get(c)) for c in columns] for record in records]
    out = io.StringIO()
    formats.write(formats.Sheet(columns, records), "csv", out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [list(columns), *expected]
