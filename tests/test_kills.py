"""Killed writers and many processes at once: real summits processes, SIGKILL at any instant.

Sizes are bounded so the module stays fast enough for CI; nothing here asserts a time.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import csv
import io
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from stress_helpers import (
    PARTIES,
    SUMMITS,
    assert_checks,
    event_ids,
    log_argv,
    make_db,
    summits,
    temp_files,
)
from summits import exchange, history, models, storage

pytestmark = pytest.mark.slow


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


def disagreements(path: Path) -> list[str]:
    """Records the history says one thing of and the data another.

    The latest entry to touch a record says what the record is now: absent after
    a removal, else the record its digest was taken of.
    """
    tables = storage.load(path)
    latest = {}
    for entry in history.entries(tables, path):
        for change in entry.changes:
            latest[change.table, change.key] = change
    now = {(t, models.key_of(t, doc)): doc for t in models.TABLES for doc in tables[t].values()}
    return [
        f"{table} {key}"
        for (table, key), change in latest.items()
        if not (
            (table, key) not in now
            if change.op == history.REMOVE
            else (table, key) in now and history.digest(now[table, key]) == change.after
        )
    ]


def test_a_killed_writer_never_leaves_history_and_data_disagreeing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    make_db(path, 1500)
    rng = random.Random(13)
    base = [*SUMMITS, "--db", str(path)]
    commands = [
        [*base, "log", "nato-2025", "KOR", "attended", "-q"],
        [*base, "event", "edit", "00000005", "--reason", "edited {}"],
        [*base, "event", "rm", "{:08x}"],
        [*base, "undo"],
    ]
    span = duration(commands[0]) * 1.3
    entries = kills = 0
    for attempt in range(8):
        argv = [word.format(attempt) for word in commands[attempt % len(commands)]]
        status, _ = kill_at(argv, rng.uniform(0, span), path if attempt % 4 == 1 else None)
        found = len(history.entries(storage.load(path), path))
        if status == 0:
            assert found == entries + 1
        else:  # killed (or refused: an event removed already)
            assert found in (entries, entries + 1)
            kills += status < 0
        entries = found
        assert disagreements(path) == []
        assert_checks(path)
    assert kills >= 3
    # Left alone, each writes its entry with its change.
    for argv in commands:
        assert subprocess.run([w.format(99) for w in argv], capture_output=True).returncode == 0
        entries += 1
        assert len(history.entries(storage.load(path), path)) == entries
        assert disagreements(path) == []


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
