"""Deterministic synthetic data for the benchmarks: summits, parties, invitations, events.

The same seed gives byte-identical files, so figures from two machines (or two
commits) measure the same work. The shapes follow a research group's dataset:
2,000 summits in 20 series of 100 yearly meetings, 40 parties (36 countries by
ISO code and 4 registered organisations), a dozen invitations a summit, and
events spread over the invited parties. The files are what ``summits export``
writes (derived columns included), so ``summits import`` reads them as is; the
watson ``frames`` file holds one frame an event, in watson's own format.
"""

from __future__ import annotations

import csv
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SEED = 20250624
SERIES = (
    "NATO", "G7", "G20", "ASEAN", "APEC", "EAS", "SCO", "BRICS", "CHOGM", "OSCE",
    "EU-CELAC", "AU-EU", "OAS", "CICA", "ASEM", "TICAD", "PIF", "IORA", "BIMSTEC", "MERCOSUR",
)  # fmt: skip
COUNTRIES = (
    "JPN", "KOR", "AUS", "NZL", "USA", "GBR", "FRA", "DEU", "ITA", "CAN", "NLD", "ESP",
    "POL", "TUR", "NOR", "SWE", "FIN", "DNK", "BEL", "PRT", "GRC", "CZE", "HUN", "ROU",
    "IND", "IDN", "BRA", "MEX", "ZAF", "SAU", "ARG", "CHN", "RUS", "UKR", "SGP", "VNM",
)  # fmt: skip
ORGANISATIONS = (
    ("EU", "European Union", "European Commission"),
    ("UN", "United Nations", "UNSG"),
    ("IMF", "International Monetary Fund", ""),
    ("WTO", "World Trade Organization", ""),
)
KINDS = (
    "confirmed", "attended", "attended", "attended", "declined", "cancelled", "absent",
    "left-early",
)  # fmt: skip
# How attendances were made: mostly in person, some by video link or message.
MODES = ("in-person",) * 17 + ("video", "video", "message")
N_PERSONS = 500  # registered persons, among the 5,000 names events give
LEVELS = ("leader", "deputy-leader", "minister", "senior-official", "ambassador", "official")
REASONS = (
    "domestic affairs",
    "uncertainty in the Middle East",
    "a clash with an election campaign",
    "frictions over defence spending and trade",
    "",
    "",
)
EVENT_COLUMNS = (
    "id", "summit", "summit_name", "series", "party", "party_name", "kind", "date",
    "by", "level", "mode", "instead_of", "person", "reason", "sources", "notes", "tags",
    "recorded",
)  # fmt: skip
SUMMIT_COLUMNS = (
    "id", "name", "series", "host", "start", "end", "format", "status", "notes", "sources",
)  # fmt: skip
INVITATION_COLUMNS = ("summit", "party", "party_name", "role", "date", "notes", "sources")
PARTY_COLUMNS = ("code", "name", "aliases")
PERSON_COLUMNS = ("id", "name", "aliases", "party", "wikidata")


@dataclass
class Dataset:
    """The generated records, as plain dicts with every field (lists as lists)."""

    summits: list[dict[str, Any]] = field(default_factory=list)
    parties: list[dict[str, Any]] = field(default_factory=list)
    persons: list[dict[str, Any]] = field(default_factory=list)
    invitations: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)


def generate(n_events: int, n_summits: int = 2000, seed: int = SEED) -> Dataset:
    """The whole dataset; ``n_summits`` is cut down for tiny runs (a few events a summit)."""
    rng = random.Random(seed)
    n_summits = max(len(SERIES), min(n_summits, n_events // 5 or 1))
    data = Dataset(
        parties=[
            {"code": code, "name": name, "aliases": [alias] if alias else []}
            for code, name, alias in ORGANISATIONS
        ]
    )
    data.persons = [
        {
            "id": f"person-{n}",
            "name": f"Person {n}",
            "aliases": [f"P. {n}"],
            "party": COUNTRIES[n % len(COUNTRIES)],
            "wikidata": f"Q{1000 + n}" if n % 3 == 0 else "",
        }
        for n in range(N_PERSONS)
    ]
    party_codes = [*COUNTRIES, *(code for code, _, _ in ORGANISATIONS)]
    invited: dict[str, list[str]] = {}
    for index in range(n_summits):
        series = SERIES[index % len(SERIES)]
        year = 2025 - index // len(SERIES)
        month, day = 1 + rng.randrange(12), 1 + rng.randrange(27)
        start = f"{year:04d}-{month:02d}-{day:02d}"
        summit_id = f"{series.lower()}-{year}"
        data.summits.append(
            {
                "id": summit_id,
                "name": f"{series} Summit {year}",
                "series": series,
                "host": f"City {rng.randrange(200)}",
                "start": start,
                "end": f"{year:04d}-{month:02d}-{day + 1:02d}",
                "format": "virtual" if year == 2020 else "in-person",
                "status": "held",
                "notes": "",
                "sources": [f"https://example.org/{summit_id}"],
            }
        )
        invited[summit_id] = rng.sample(party_codes, 12)
        for code in invited[summit_id]:
            data.invitations.append(
                {
                    "summit": summit_id,
                    "party": code,
                    "role": rng.choice(("member", "partner", "guest")),
                    "date": f"{year:04d}-{month:02d}",
                    "notes": "",
                    "sources": [],
                }
            )
    data.events = list(_events(rng, data.summits, invited, n_events))
    return data


def _events(
    rng: random.Random, summits: list[dict[str, Any]], invited: dict[str, list[str]], n: int
) -> Iterator[dict[str, Any]]:
    taken: set[str] = set()
    for index in range(n):
        summit = summits[index % len(summits)]
        kind = rng.choice(KINDS)
        event_id = f"{rng.getrandbits(32):08x}"
        while event_id in taken:
            event_id = f"{rng.getrandbits(32):08x}"
        taken.add(event_id)
        day = summit["start"]
        represents = kind in ("confirmed", "attended")
        yield {
            "id": event_id,
            "summit": summit["id"],
            "party": rng.choice(invited[summit["id"]]),
            "kind": kind,
            "date": day if rng.random() < 0.9 else day[:7],
            "by": f"Person {rng.randrange(5000)}",
            "level": rng.choice(LEVELS) if kind != "absent" else "",
            "mode": rng.choice(MODES) if represents else "",
            "instead_of": f"Person {rng.randrange(5000)}"
            if represents and rng.random() < 0.05
            else "",
            "person": "",  # set by summits from "by"
            "reason": rng.choice(REASONS) if kind in ("declined", "cancelled") else "",
            "sources": [f"https://news.example.org/{event_id}"],
            "notes": "synthetic" if rng.random() < 0.2 else "",
            "tags": ["synthetic"] if rng.random() < 0.3 else [],
            "recorded": f"{day}T{rng.randrange(24):02d}:{rng.randrange(60):02d}:00Z",
        }


def _cell(value: Any) -> str:
    return " | ".join(value) if isinstance(value, list) else str(value)


def write_csv(path: Path, columns: tuple[str, ...], records: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        writer.writerows([_cell(record.get(c, "")) for c in columns] for record in records)


def write_files(data: Dataset, folder: Path) -> dict[str, Path]:
    """The CSV files ``summits import`` reads, with the export's derived columns."""
    summits = {doc["id"]: doc for doc in data.summits}
    names = {code: name for code, name, _ in ORGANISATIONS}
    events = [
        {
            **doc,
            "summit_name": summits[doc["summit"]]["name"],
            "series": summits[doc["summit"]]["series"],
            "party_name": names.get(doc["party"], ""),
        }
        for doc in data.events
    ]
    tables = ("parties", "persons", "summits", "invitations", "events")
    paths = {name: folder / f"{name}.csv" for name in tables}
    write_csv(paths["parties"], PARTY_COLUMNS, data.parties)
    write_csv(paths["persons"], PERSON_COLUMNS, data.persons)
    write_csv(paths["summits"], SUMMIT_COLUMNS, data.summits)
    write_csv(paths["invitations"], INVITATION_COLUMNS, data.invitations)
    write_csv(paths["events"], EVENT_COLUMNS, events)
    return paths


def watson_frames(data: Dataset, seed: int = SEED) -> list[list[Any]]:
    """One watson frame an event: [start, stop, project, id, tags, updated_at]."""
    import calendar
    import time

    rng = random.Random(seed)
    frames = []
    for doc in data.events:
        day = time.strptime(doc["recorded"], "%Y-%m-%dT%H:%M:%SZ")
        start = calendar.timegm(day)
        frames.append(
            [
                start,
                start + 60 * (1 + rng.randrange(240)),
                doc["summit"],
                uuid.UUID(int=rng.getrandbits(128)).hex,
                [doc["party"], doc["kind"]],
                start + 3600,
            ]
        )
    return frames
