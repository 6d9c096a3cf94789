"""A made-up world of two series for the analysis views: BRICS and the G7, 2024-2026.

Every case the views must not misread is in it: a leader by video, a leader
who left early, a stand-in at the same level (and one by an alias), a party
invited with nothing recorded, a summit that was postponed, and a guest that
comes to both series. Written with the library (fixed ids and times), so the
tests can assert exact output.
"""

from __future__ import annotations

from itertools import count
from pathlib import Path
from typing import Any

from core_helpers import invitation, summit, tables
from summits import rules, storage

_n = count()


def event(summit: str, party: str, kind: str, date: str, by: str, level: str = "", **more: Any):
    n = next(_n)
    if kind in ("attended", "confirmed"):
        more.setdefault("mode", "in-person")
    return rules.make(
        "events",
        id=f"e{n:07d}",
        summit=summit,
        party=party,
        kind=kind,
        date=date,
        by=by,
        level=level,
        recorded=f"2026-01-01T00:00:{n:02d}Z",
        **more,
    )


SUMMITS = [
    summit(id="g7-2024", name="G7 Summit 2024", series="G7", start="2024-06-13", end="2024-06-15"),
    summit(id="g7-2025", name="G7 Summit 2025", series="G7", start="2025-06-15", end="2025-06-17"),
    summit(
        id="brics-2024", name="BRICS Summit 2024", series="BRICS", start="2024-10-22",
        end="2024-10-24",
    ),
    summit(
        id="brics-2025", name="BRICS Summit 2025", series="BRICS", start="2025-07-06",
        end="2025-07-07",
    ),
    summit(
        id="brics-2026", name="BRICS Summit 2026", series="BRICS", start="2026-09",
        end="2026-09", status="postponed",
    ),
]  # fmt: skip
INVITATIONS = [
    *(
        invitation(summit=s, party=p, role="member")
        for s in ("g7-2024", "g7-2025")
        for p in ["USA"]
    ),
    *(invitation(summit=s, party="IND", role="guest") for s in ("g7-2024", "g7-2025")),
    *(
        invitation(summit=s, party=p, role="member")
        for s in ("brics-2024", "brics-2025", "brics-2026")
        for p in ("ARE", "CHN", "IND", "RUS")
    ),
]
PERSONS = [
    rules.make("persons", id="xi-jinping", name="Xi Jinping", aliases=["Xi", "President Xi"]),
    rules.make("persons", id="vladimir-putin", name="Vladimir Putin", aliases=["Putin"]),
    rules.make("persons", id="donald-trump", name="Donald Trump", aliases=["Trump"]),
]
EVENTS = [
    event("g7-2024", "USA", "attended", "2024-06-13", "Joe Biden", "leader"),
    event("g7-2024", "IND", "attended", "2024-06-14", "Narendra Modi", "leader"),
    event("g7-2025", "USA", "attended", "2025-06-15", "Trump", "leader", person="donald-trump"),
    event(
        "g7-2025", "USA", "left-early", "2025-06-16", "Donald Trump", person="donald-trump",
        reason="the situation in the Middle East",
    ),
    event("g7-2025", "IND", "attended", "2025-06-17", "Narendra Modi", "leader"),
    event("brics-2024", "ARE", "attended", "2024-10-23", "Mohamed bin Zayed", "leader"),
    event("brics-2024", "CHN", "attended", "2024-10-23", "Xi Jinping", "leader",
          person="xi-jinping"),
    event("brics-2024", "IND", "attended", "2024-10-23", "Narendra Modi", "leader"),
    event("brics-2024", "RUS", "attended", "2024-10-22", "Putin", "leader",
          person="vladimir-putin"),
    event("brics-2025", "CHN", "declined", "2025-07", "President Xi", "leader",
          person="xi-jinping", reason="a scheduling conflict"),
    event("brics-2025", "CHN", "attended", "2025-07-06", "Li Qiang", "leader"),
    event("brics-2025", "IND", "attended", "2025-07-06", "Narendra Modi", "leader"),
    event("brics-2025", "RUS", "attended", "2025-07-06", "Vladimir Putin", "leader",
          person="vladimir-putin", mode="video"),
    # ARE at brics-2025: invited, nothing recorded yet
]  # fmt: skip
NAMES = {"ARE": "United Arab Emirates", "CHN": "China", "IND": "India", "RUS": "Russia"}


def write(path: Path, **changes: list[dict[str, Any]]) -> Path:
    records = {
        "summits": SUMMITS,
        "invitations": INVITATIONS,
        "events": EVENTS,
        "persons": PERSONS,
        **changes,
    }
    storage.atomic_write(path, storage.dump(tables(**records)))
    return path
