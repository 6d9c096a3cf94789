"""The derived views on plain records: timeline order, matrix cells, representation changes."""

from __future__ import annotations

from typing import Any

import pytest

from summits import analysis, rules
from summits.errors import InvalidValue, NotFound

_clock = iter(range(10_000))


def summit(id: str, start: str, end: str = "", series: str = "NATO") -> dict[str, Any]:
    return rules.make("summits", id=id, name=id, series=series, start=start, end=end or start)


def ev(
    summit: str, party: str, kind: str, date: str, level: str = "", reason: str = ""
) -> dict[str, Any]:
    """An event; each is recorded a second after the one before."""
    n = next(_clock)
    return rules.make(
        "events",
        id=f"e{n:04d}",
        summit=summit,
        party=party,
        kind=kind,
        date=date,
        level=level,
        reason=reason,
        recorded=f"2026-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z",
    )


def inv(summit: str, party: str) -> dict[str, Any]:
    return rules.make("invitations", summit=summit, party=party, role="partner")


S22, S23, S24, S25 = (
    summit("nato-2022", "2022-06-29", "2022-06-30"),
    summit("nato-2023", "2023-07-11", "2023-07-12"),
    summit("nato-2024", "2024-07-09", "2024-07-11"),
    summit("nato-2025", "2025-06-24", "2025-06-25"),
)
ALL = [S25, S23, S22, S24]  # out of order on purpose: the views sort by date


# -- choose_series ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("known", "given", "expected"),
    [
        (["NATO"], None, "NATO"),
        (["G7", "NATO"], "nato", "NATO"),
        (["G7", "NATO"], "G7", "G7"),
        ([], None, None),
    ],
)
def test_choose_series_picks_the_asked_or_the_only_one(known, given, expected) -> None:
    assert analysis.choose_series(known, given) == expected


def test_choose_series_refuses_to_guess_among_several() -> None:
    with pytest.raises(InvalidValue) as caught:
        analysis.choose_series(["G7", "NATO"], None)
    assert str(caught.value) == "there are 2 series (G7, NATO); choose one with --series"


def test_choose_series_refuses_an_unknown_series_and_lists_the_known() -> None:
    with pytest.raises(NotFound) as caught:
        analysis.choose_series(["G7", "NATO"], "G20")
    assert str(caught.value) == "no summits in series 'G20' (series: G7, NATO)"


# -- timeline ----------------------------------------------------------------------


def test_timeline_groups_by_summit_in_date_order_then_by_date() -> None:
    late = ev("nato-2025", "JPN", "attended", "2025-06-24", "minister")
    month = ev("nato-2025", "AUS", "declined", "2025-06", "leader")
    early = ev("nato-2022", "JPN", "attended", "2022-06-29", "leader")
    same_day = ev("nato-2025", "KOR", "attended", "2025-06-24", "senior-official")
    views = analysis.timeline(ALL, [late, month, early, same_day])
    assert [view.summit["id"] for view in views] == ["nato-2022", "nato-2025"]
    assert [(day.date, [e["id"] for e in day.events]) for day in views[1].days] == [
        ("2025-06", [month["id"]]),  # a month sorts before the days of that month
        ("2025-06-24", [late["id"], same_day["id"]]),  # same day: the order recorded
    ]
    assert [event for day in views[1].days for event in day.events] == [month, late, same_day]


def test_timeline_keeps_an_empty_summit_only_when_asked() -> None:
    assert analysis.timeline([S25], []) == []
    assert analysis.timeline([S25], [], keep_empty=True) == [analysis.SummitTimeline(S25, [])]


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2025-06-23", None), ("2025-06-24", 1), ("2025-06-25", 2), ("2025-06", None), ("2025", None)],
)
def test_summit_day_counts_only_days_of_the_summit(date: str, expected: int | None) -> None:
    assert analysis.summit_day(S25, date) == expected


# -- matrix cells --------------------------------------------------------------------


def cell_of(*events: dict[str, Any], invited: bool = True) -> analysis.Cell:
    return analysis.cell(sorted(events, key=analysis.event_order), invited)


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([("attended", "2025-06-24", "leader")], analysis.Cell("leader", True)),
        (
            [("attended", "2025-06-24", "minister"), ("attended", "2025-06-25", "leader")],
            analysis.Cell("leader", True),
        ),
        ([("attended", "2025-06-24", "")], analysis.Cell("attended", True)),
        (
            [("cancelled", "2025-06-23", "leader"), ("attended", "2025-06-24", "minister")],
            analysis.Cell("minister", True, leader_withdrew=True),
        ),
        (
            [("declined", "2025-06", "leader"), ("attended", "2025-06-24", "deputy-leader")],
            analysis.Cell("deputy-leader", True, leader_withdrew=True),
        ),
        (  # the president declined, but the prime minister (also a leader) came
            [("declined", "2025-06-01", "leader"), ("attended", "2025-06-24", "leader")],
            analysis.Cell("leader", True),
        ),
        (  # only a leader's withdrawal is marked
            [("cancelled", "2025-06-01", "minister"), ("attended", "2025-06-24", "official")],
            analysis.Cell("official", True),
        ),
        (
            [("confirmed", "2025-06-20", "leader"), ("cancelled", "2025-06-23", "leader")],
            analysis.Cell("cancelled"),
        ),
        (
            [("declined", "2025-06-01", "leader"), ("confirmed", "2025-06-20", "minister")],
            analysis.Cell("confirmed"),
        ),
        ([("absent", "2025-06-24", "")], analysis.Cell("absent")),
    ],
)
def test_cell_is_the_highest_level_attended_else_the_last_word(events, expected) -> None:
    records = [ev("nato-2025", "JPN", kind, date, level) for kind, date, level in events]
    assert cell_of(*records) == expected


def test_cell_last_word_on_one_day_is_the_one_recorded_last() -> None:
    first = ev("nato-2025", "JPN", "confirmed", "2025-06-20")
    second = ev("nato-2025", "JPN", "declined", "2025-06-20")
    assert cell_of(second, first) == analysis.Cell("declined")


def test_cell_without_events_is_invited_or_empty() -> None:
    assert cell_of(invited=True) == analysis.Cell("invited")
    assert cell_of(invited=False) == analysis.Cell("")


def test_matrix_rows_are_parties_invited_or_recorded_and_columns_the_summits_in_order() -> None:
    invitations = [inv("nato-2024", "JPN"), inv("nato-2025", "JPN"), inv("nato-2025", "EU")]
    events = [
        ev("nato-2024", "JPN", "attended", "2024-07-11", "leader"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-23", "leader"),
        ev("nato-2025", "JPN", "attended", "2025-06-24", "minister"),
        ev("nato-2025", "USA", "attended", "2025-06-24", "leader"),  # recorded, not invited
        ev("g7-2025", "CAN", "attended", "2025-06-16", "leader"),  # another series
    ]
    grid = analysis.matrix([S25, S24], invitations, events)
    assert [s["id"] for s in grid.summits] == ["nato-2024", "nato-2025"]
    assert grid.parties == ["EU", "JPN", "USA"]
    assert grid.cell("JPN", "nato-2025") == analysis.Cell("minister", True, True)
    sheet = analysis.matrix_sheet(grid)
    assert list(sheet.columns) == ["party", "nato-2024", "nato-2025"]
    assert sheet.rows == [
        {"party": "EU", "nato-2024": "", "nato-2025": "invited"},
        {"party": "JPN", "nato-2024": "leader", "nato-2025": "minister"},
        {"party": "USA", "nato-2024": "", "nato-2025": "leader"},
    ]


# -- changes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("leader", "minister", "down"),
        ("minister", "leader", "up"),
        ("leader", "none", "down"),
        ("none", "official", "up"),
        ("leader", "leader", None),
        ("none", "none", None),
        ("attended", "none", "down"),
        ("none", "attended", "up"),
        ("attended", "minister", None),  # an unrecorded level cannot be compared
        ("leader", "attended", None),
    ],
)
def test_direction(before: str, after: str, expected: str | None) -> None:
    assert analysis.direction(before, after) == expected


def story() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    invitations = [inv(s["id"], p) for s in ALL for p in ("AUS", "JPN", "KOR")]
    events = [
        *(
            ev(s["id"], p, "attended", s["start"], "leader")
            for s in (S22, S23)
            for p in ("AUS", "JPN", "KOR")
        ),
        ev("nato-2024", "AUS", "declined", "2024-07", "leader"),
        ev("nato-2024", "AUS", "attended", "2024-07-11", "deputy-leader"),
        ev("nato-2024", "JPN", "attended", "2024-07-11", "leader"),
        ev("nato-2024", "KOR", "attended", "2024-07-11", "leader"),
        ev("nato-2025", "AUS", "attended", "2025-06-24", "deputy-leader"),
        ev("nato-2025", "JPN", "confirmed", "2025-06-20", "leader"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-23", "leader", "various circumstances"),
        ev("nato-2025", "JPN", "attended", "2025-06-24", "minister"),
        ev("nato-2025", "KOR", "cancelled", "2025-06-22", "leader", "domestic affairs"),
    ]
    return invitations, events


NAMES = {"AUS": "Australia", "JPN": "Japan", "KOR": "South Korea"}


def test_changes_tell_the_story_with_the_withdrawals_that_explain_it() -> None:
    invitations, events = story()
    found = analysis.changes(ALL, invitations, events, NAMES)
    assert [change.row() for change in found] == [
        {
            "party": "AUS",
            "party_name": "Australia",
            "summit": "nato-2024",
            "previous": "nato-2023",
            "from": "leader",
            "to": "deputy-leader",
            "direction": "down",
            "reasons": [],  # Albanese's decline is on record, its reason is not
        },
        {
            "party": "JPN",
            "party_name": "Japan",
            "summit": "nato-2025",
            "previous": "nato-2024",
            "from": "leader",
            "to": "minister",
            "direction": "down",
            "reasons": ["various circumstances"],
        },
        {
            "party": "KOR",
            "party_name": "South Korea",
            "summit": "nato-2025",
            "previous": "nato-2024",
            "from": "leader",
            "to": "none",
            "direction": "down",
            "reasons": ["domestic affairs"],
        },
    ]
    assert [e["kind"] for e in found[0].explaining] == ["declined"]
    assert [e["kind"] for e in found[1].explaining] == ["cancelled"]  # not the confirmation


def test_changes_for_one_party() -> None:
    invitations, events = story()
    found = analysis.changes(ALL, invitations, events, NAMES, party="JPN")
    assert [(c.party, c.summit, c.before, c.after) for c in found] == [
        ("JPN", "nato-2025", "leader", "minister")
    ]


def test_changes_compare_with_the_previous_summit_the_party_was_invited_to() -> None:
    invitations = [inv("nato-2022", "NZL"), inv("nato-2024", "NZL"), inv("nato-2025", "NZL")]
    events = [
        ev("nato-2022", "NZL", "attended", "2022-06-29", "leader"),
        ev("nato-2025", "NZL", "attended", "2025-06-25", "leader"),
    ]
    found = analysis.changes(ALL, invitations, events, {})
    # 2023: not invited, skipped; 2024: invited, nobody came; 2025: the leader again.
    assert [(c.summit, c.previous, c.before, c.after, c.direction) for c in found] == [
        ("nato-2024", "nato-2022", "leader", "none", "down"),
        ("nato-2025", "nato-2024", "none", "leader", "up"),
    ]


def test_changes_count_a_recorded_attendance_without_an_invitation() -> None:
    events = [
        ev("nato-2024", "UKR", "attended", "2024-07-10", "leader"),
        ev("nato-2025", "UKR", "attended", "2025-06-24", "minister"),
    ]
    found = analysis.changes(ALL, [], events, {})
    assert [(c.party, c.summit, c.before, c.after) for c in found] == [
        ("UKR", "nato-2025", "leader", "minister")
    ]


def test_changes_list_each_reason_once_and_skip_empty_ones() -> None:
    invitations = [inv("nato-2024", "JPN"), inv("nato-2025", "JPN")]
    events = [
        ev("nato-2024", "JPN", "attended", "2024-07-11", "leader"),
        ev("nato-2025", "JPN", "declined", "2025-06-01", "leader", "schedule"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-02", "minister", ""),
        ev("nato-2025", "JPN", "cancelled", "2025-06-03", "official", "schedule"),
    ]
    (change,) = analysis.changes(ALL, invitations, events, {})
    assert change.reasons == ["schedule"]
    assert len(change.explaining) == 3
