"""The benchmark script keeps working: run it at a tiny size, without the peers.

Figures at this size are noise, so the test checks that every figure is
measured or explained, not whether it passes (exit 1 means "a figure failed",
3 "a command failed").
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from summits import storage

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"
FIGURES = (
    "add one event",
    "one summit's events",
    "one summit's timeline",
    "a series' matrix",
    "a series' changes",
    "a series' stats",
    "a series' report",
    "bulk import of the events",
    "export as SQLite",
    "export as a data package",
    "start-up",
    "export all events as CSV",
    "peak memory of log",
    "file growth from history",
)


def test_bench_runs_at_a_tiny_size_without_peers(tmp_path: Path) -> None:
    argv = [sys.executable, str(BENCH), "--events", "200", "--runs", "1", "--no-peers"]
    done = subprocess.run(
        [*argv, "--work", str(tmp_path)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stdout.splitlines()
    assert "| figure | ours | peer | ratio | required | result |" in lines
    rows = [
        line.split(" | ") for line in lines if line.startswith("| ") and "| figure |" not in line
    ]
    assert len(rows) == len(FIGURES)
    for row, figure in zip(rows, FIGURES, strict=True):
        assert row[0].removeprefix("| ").startswith(figure)
        assert row[-1].rstrip(" |") in ("pass", "FAIL", "-") or "not in this checkout" in row[-1]
    # the generated database is whole and valid
    checked = subprocess.run(
        [
            str(Path(sys.executable).parent / "summits"),
            "--db",
            str(tmp_path / "data-200" / "full.json"),
            "check",
        ],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout
    assert len(storage.load(tmp_path / "data-200" / "full.json")["events"]) == 200
