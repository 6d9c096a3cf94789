"""Properties of the analysis views, over small random worlds of two series.

- the matrix's long rows, its wide CSV and its table agree cell for cell;
- ``stats`` counts equal counts recomputed, straight from the contract's
  words, from ``events --format json`` and the invitations;
- adding a summit where parties are only invited never changes a ``down`` or
  ``up`` row of ``changes``.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core_helpers import invoke, tables
from summits import analysis, models, people, rules, storage

PARTIES = ("BRA", "CHN", "IND", "RUS")
PEOPLE = ("", "A", "B", "Xi Jinping", "xi")  # "Xi Jinping" and "xi" are one registered person
XI = rules.make("persons", id="xi-jinping", name="Xi Jinping", aliases=["Xi"], party="CHN")
INDEX = people.index([XI])
LEVELS = ("", "leader", "deputy-leader", "minister")
SERIES = ("A", "B")
AWAY = ("declined", "cancelled", "absent")
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@st.composite
def worlds(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    """Summits of two series (some not held), invitations, and events at them."""
    years = draw(st.lists(st.integers(2018, 2027), min_size=1, max_size=5, unique=True))
    summits = [
        rules.make(
            "summits",
            id=f"s-{year}",
            name=f"Summit {year}",
            series=draw(st.sampled_from(SERIES)),
            start=f"{year}-06-01",
            end=f"{year}-06-02",
            status=draw(st.sampled_from(("held",) * 5 + ("postponed", "cancelled"))),
        )
        for year in years
    ]
    pairs = [(p, s["id"]) for p in PARTIES for s in summits]
    invited = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    invitations = [
        rules.make("invitations", summit=s, party=p, role=draw(st.sampled_from(models.ROLES)))
        for p, s in invited
    ]
    events = []
    for n in range(draw(st.integers(0, 14))):
        party, summit_id = draw(st.sampled_from(pairs))
        kind = draw(st.sampled_from(models.KINDS))
        represents = models.KIND[kind].represents
        by = draw(st.sampled_from(PEOPLE))
        events.append(
            rules.make(
                "events",
                id=f"e{n:03d}",
                summit=summit_id,
                party=party,
                kind=kind,
                date=draw(st.sampled_from((summit_id[2:] + "-05", summit_id[2:] + "-06-01"))),
                by=by,
                person=people.link(by, INDEX),
                level=draw(st.sampled_from(LEVELS)),
                mode=draw(st.sampled_from(models.MODES)) if represents else "",
                instead_of=draw(st.sampled_from(("", "", "A", "Xi"))) if represents else "",
                recorded=f"2026-01-01T00:00:{n:02d}Z",
            )
        )
    return {"summits": summits, "invitations": invitations, "events": events, "persons": [XI]}


def write(path: Path, world: dict[str, list[dict[str, Any]]]) -> Path:
    storage.atomic_write(path, storage.dump(tables(**world)))
    return path


def run(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def series_args(world: dict[str, list[dict[str, Any]]]) -> list[str]:
    return [
        word
        for name in sorted({s["series"] for s in world["summits"]})
        for word in ("--series", name)
    ]


# -- long rows, wide CSV and the table agree ---------------------------------------------


def table_cells(text: str, summits: list[dict[str, Any]]) -> dict[tuple[str, str], str]:
    """The matrix table's cells by (party, summit), read by the header's column starts."""
    lines = text.splitlines()
    header = lines[2]
    titles = ["party", "name"] + [
        s["id"] + ("" if s["status"] == "held" else f" ({s['status']})") for s in summits
    ]
    starts, at = [], 0
    for title in titles:
        at = header.index(title, at)
        starts.append(at)
        at += len(title)
    cells = {}
    for line in lines[3:]:
        if not line:
            break
        bounds = [*starts, len(line) + 1]
        party = line[: starts[1]].strip()
        for number, summit in enumerate(summits, 2):
            cells[party, summit["id"]] = line[bounds[number] : bounds[number + 1]].strip()
    return cells


def as_shown(row: dict[str, Any]) -> str:
    """A long row's cell as the table prints it: a last word with its kind's symbol, a †."""
    if row["cell"] in models.KIND and not row["level"] and not row["mode"]:
        return f"{models.KIND[row['cell']].symbol} {row['cell']}"
    return row["cell"] + (" \u2020" if row["stand_in"] else "")


@SETTINGS
@given(world=worlds())
def test_long_rows_wide_csv_and_table_agree_cell_for_cell(
    world: dict[str, list[dict[str, Any]]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")
    db = write(tmp_path / "world.json", world)
    chosen = series_args(world)
    long = json.loads(run(db, "matrix", *chosen, "--long", "--format", "json"))
    wide = list(csv.DictReader(io.StringIO(run(db, "matrix", *chosen, "--format", "csv"))))
    text = run(db, "matrix", *chosen)
    summits = sorted(world["summits"], key=models.summit_order)
    parties = [row["party"] for row in wide]
    assert len(long) == len(parties) * len(summits)
    assert [(row["party"], row["summit"]) for row in long] == [
        (party, s["id"]) for party in parties for s in summits
    ]
    if not parties:
        assert text == "no invitations or events in these summits\n"
        return
    shown = table_cells(text, summits)
    by_party = {row["party"]: row for row in wide}
    for row in long:
        pair = (row["party"], row["summit"])
        assert by_party[row["party"]][row["summit"]] == row["cell"], pair
        assert shown[pair] == as_shown(row), pair
        if row["level"] or row["mode"]:  # the parts say what the word says
            word = analysis.representation_word(row["level"], row["mode"], row["left_early"])
            assert row["cell"] == word
        else:
            assert not row["stand_in"] and not row["left_early"]


# -- stats, recomputed from events --format json ------------------------------------------


def _key(event: dict[str, Any]) -> str:
    return event["person"] or event["by"].casefold()


def _recount(summits, invitations, events) -> list[dict[str, Any]]:
    """The contract's stats, counted afresh (and slowly) from the exported records."""
    held = sorted(
        (s for s in summits if s["status"] == "held"), key=lambda s: (s["start"], s["id"])
    )
    ids = {s["id"] for s in summits}
    invited = {(i["party"], i["summit"]): i for i in invitations if i["summit"] in ids}
    parties = sorted({p for p, _ in invited} | {e["party"] for e in events if e["summit"] in ids})
    rows = []
    for party in parties:
        row = dict.fromkeys(analysis.STATS_COLUMNS[2:-2], 0)
        run_of_leaders = 0
        for summit in held:
            mine = sorted(
                (e for e in events if (e["party"], e["summit"]) == (party, summit["id"])),
                key=lambda e: (e["date"], e["recorded"]),
            )
            went = [e for e in mine if e["kind"] == "attended"]
            left = {_key(e) for e in mine if e["kind"] == "left-early"}
            known = bool(went) or bool(mine and mine[-1]["kind"] in AWAY)
            leader_in_person = any(
                e["level"] == "leader" and e["mode"] == "in-person" for e in went
            )
            top_level = min(((*LEVELS[1:], "")).index(e["level"]) for e in went) if went else None
            at_top = [e for e in went if ((*LEVELS[1:], "")).index(e["level"]) == top_level]
            top_mode = min((models.MODES.index(e["mode"]) for e in at_top), default=None)
            best = [e for e in at_top if models.MODES.index(e["mode"]) == top_mode]
            row["invited"] += (party, summit["id"]) in invited
            row["known"] += known
            row["attended"] += bool(went)
            row["leader"] += any(e["level"] == "leader" for e in went)
            row["leader_in_person"] += leader_in_person
            row["video"] += top_mode == models.MODES.index("video")
            row["left_early"] += bool(best) and all(_key(e) in left for e in best)
            row["stand_in"] += bool(went) and _stood_in(mine, went)
            row["withdrew"] += any(e["kind"] in ("declined", "cancelled") for e in mine)
            if known:
                run_of_leaders = run_of_leaders + 1 if leader_in_person else 0
        rows.append({"party": party, **row, "streak": run_of_leaders})
    return rows


def _stood_in(mine: list[dict[str, Any]], went: list[dict[str, Any]]) -> bool:
    """Someone withdrew (or was stood in for) and every attendance is someone else's."""

    def other(name: str, level: str, attendance: dict[str, Any]) -> bool:
        if name and _key(attendance):
            return name != _key(attendance)
        return bool(level and attendance["level"] and level != attendance["level"])

    for event in mine:
        if event["kind"] in ("declined", "cancelled"):
            if all(other(_key(event), event["level"], a) for a in went):
                return True
        elif event["instead_of"]:
            name = people.link(event["instead_of"], INDEX) or event["instead_of"].casefold()
            if all(a is event or other(name, "", a) for a in went):
                return True
    return False


def _rate(leader: int, known: int) -> float | None:
    if not known:
        return None
    return float((Decimal(leader) / Decimal(known)).quantize(Decimal("0.01"), ROUND_HALF_UP))


@SETTINGS
@given(world=worlds())
def test_stats_equal_counts_recomputed_from_the_events(
    world: dict[str, list[dict[str, Any]]], tmp_path: Path
) -> None:
    db = write(tmp_path / "world.json", world)
    chosen = series_args(world)
    events = json.loads(run(db, "events", "--format", "json"))
    invitations = json.loads(run(db, "export", "--table", "invitations", "--format", "json"))
    summits = json.loads(run(db, "export", "--table", "summits", "--format", "json"))
    expected = _recount(summits, invitations, events)
    found = json.loads(run(db, "stats", *chosen, "--format", "json"))
    assert [row["party"] for row in found] == [row["party"] for row in expected] + ["all"]
    for want, got in zip(expected, found, strict=False):
        counts = {k: v for k, v in got.items() if k not in ("party_name", "leader_rate")}
        assert counts == want, want["party"]
        assert got["leader_rate"] == _rate(want["leader"], want["known"])
    total = found[-1]
    for column in analysis.STATS_COLUMNS[2:-2]:
        assert total[column] == sum(row[column] for row in expected)
    assert total["streak"] is None


# -- an unknown summit never changes a rise or a fall -------------------------------------


def _moves(world: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    grid = analysis.matrix(
        world["summits"], world["invitations"], world["events"], world["persons"]
    )
    return [c.row() for c in analysis.changes(grid, {}) if c.direction in ("down", "up")]


@settings(max_examples=150, deadline=None)
@given(
    world=worlds(),
    year=st.integers(2017, 2028),
    month=st.sampled_from(("03", "06", "09")),
    series=st.sampled_from(SERIES),
    invited=st.lists(st.sampled_from(PARTIES), unique=True, min_size=1),
)
def test_an_unknown_summit_never_changes_a_rise_or_a_fall(
    world: dict[str, list[dict[str, Any]]], year: int, month: str, series: str, invited: list[str]
) -> None:
    before = _moves(world)
    new = rules.make(
        "summits", id="unknown", name="Unknown", series=series, start=f"{year}-{month}-15",
        end=f"{year}-{month}-15",
    )  # fmt: skip
    grown = {
        **world,
        "summits": [*world["summits"], new],
        "invitations": [
            *world["invitations"],
            *(rules.make("invitations", summit="unknown", party=p) for p in invited),
        ],
    }
    assert _moves(grown) == before
