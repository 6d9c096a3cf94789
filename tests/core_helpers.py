"""Records with fixed ids and timestamps for the core tests, so they can assert exact output.

A plain module rather than conftest.py content, so test modules can import it
(``from core_helpers import ...``) while conftest.py holds only fixtures.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result

from summits import rules, storage
from summits.cli import cli

TODAY = dt.date(2025, 6, 30)
RECORDED = "2025-06-30T12:00:00Z"


def summit(**values: Any) -> dict[str, Any]:
    values.setdefault("end", values.get("start", ""))
    return rules.make("summits", **values)


def event(**values: Any) -> dict[str, Any]:
    values.setdefault("recorded", RECORDED)
    return rules.make("events", **values)


def invitation(**values: Any) -> dict[str, Any]:
    values.setdefault("role", "partner")
    return rules.make("invitations", **values)


def tables(**records: list[dict[str, Any]]) -> storage.Tables:
    """Tables as stored, records numbered from 1 in the order given."""
    result = storage.empty()
    for name, docs in records.items():
        result[name] = {str(i): doc for i, doc in enumerate(docs, 1)}
    return result


NATO_2024 = summit(
    id="nato-2024",
    name="NATO Summit 2024",
    series="NATO",
    host="Washington, D.C.",
    start="2024-07-09",
    end="2024-07-11",
)
NATO_2025 = summit(
    id="nato-2025",
    name="NATO Summit 2025",
    series="NATO",
    host="The Hague",
    start="2025-06-24",
    end="2025-06-25",
)
G7_2025 = summit(
    id="g7-2025", name="G7 Summit 2025", series="G7", host="Kananaskis", start="2025-06-15"
)
KOR_CANCELLED = event(
    id="3f9a1c2e",
    summit="nato-2025",
    party="KOR",
    kind="cancelled",
    date="2025-06-22",
    by="Lee Jae-myung",
    level="leader",
    reason="domestic affairs; the Middle East",
    sources=["https://koreajoongangdaily.joins.com/x"],
)
JPN_CANCELLED = event(
    id="3f9b0000",
    summit="nato-2025",
    party="JPN",
    kind="cancelled",
    date="2025-06",
    by="Shigeru Ishiba",
    level="leader",
    reason="various circumstances",
    tags=["trump"],
)
JPN_ATTENDED = event(
    id="a1b2c3d4",
    summit="nato-2025",
    party="JPN",
    kind="attended",
    date="2025-06-24",
    by="Takeshi Iwaya",
    level="minister",
)
AUS_2024 = event(
    id="0c0ffee0",
    summit="nato-2024",
    party="AUS",
    kind="attended",
    date="2024-07-11",
    by="Richard Marles",
    level="deputy-leader",
    notes="Albanese did not go",
)
EU = rules.make("parties", code="EU", name="European Union", aliases=["E.U."])


def nato_tables() -> storage.Tables:
    return tables(
        summits=[NATO_2024, NATO_2025, G7_2025],
        invitations=[
            invitation(summit="nato-2025", party=code) for code in ("JPN", "KOR", "AUS", "NZL")
        ]
        + [invitation(summit="nato-2025", party="EU", role="guest")],
        events=[KOR_CANCELLED, JPN_CANCELLED, JPN_ATTENDED, AUS_2024],
        parties=[EU],
    )


def invoke(path: Path, *args: str, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli, ["--db", str(path), *args], **kwargs)


def assert_refused(result: Result, before: bytes, path: Path, code: int = 1) -> str:
    """A refusal: the exit code, one ``Error:`` line on stderr, no traceback, file unchanged.

    Returns the message after ``Error: `` so tests can check its words.
    """
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert path.read_bytes() == before
    if code == 2:
        # Click's usage errors: a usage line, then the line naming the problem.
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1, result.stderr
        assert result.stdout == ""
        return errors[0].removeprefix("Error: ")
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0].removeprefix("Error: ")


def table_lines(text: str) -> list[str]:
    """A Rich table's lines without the padding at their ends."""
    return [line.rstrip() for line in text.splitlines()]
