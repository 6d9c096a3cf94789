"""Helpers of the stress tests: real summits processes and databases made fast."""

from __future__ import annotations

import functools
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from summits import models, rules, storage, store
from summits.cli import cli

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


@functools.cache
def small_db() -> bytes:
    """The bytes of a 20-event database (built once; each example writes its own copy)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db.json"
        make_db(path, 20)
        return path.read_bytes()
