"""The derived views on plain records: timeline order, matrix cells, representation changes."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from summits import analysis, people, rules
from summits.errors import InvalidValue, NotFound

_clock = iter(range(10_000))


def summit(
    id: str, start: str, end: str = "", series: str = "NATO", status: str = "held"
) -> dict[str, Any]:
    return rules.make(
        "summits", id=id, name=id, series=series, start=start, end=end or start, status=status
    )


def ev(
    summit: str,
    party: str,
    kind: str,
    date: str,
    level: str = "",
    reason: str = "",
    by: str = "",
    **more: str,
) -> dict[str, Any]:
    """An event; each is recorded a second after the one before.

    ``more`` sets mode, instead_of or person; an attendance's mode defaults to
    in person, as ``log`` records it.
    """
    n = next(_clock)
    if kind in ("attended", "confirmed"):
        more.setdefault("mode", "in-person")
    return rules.make(
        "events",
        id=f"e{n:04d}",
        summit=summit,
        party=party,
        kind=kind,
        date=date,
        level=level,
        reason=reason,
        by=by,
        recorded=f"2026-01-01T{n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z",
        **more,
    )


def inv(summit: str, party: str, role: str = "partner") -> dict[str, Any]:
    return rules.make("invitations", summit=summit, party=party, role=role)


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


# -- matrix cells: representation ------------------------------------------------------
#
# Each rule is shown on a small case with the right answer and, where version 1
# answered otherwise, the wrong answer it replaces.


def cell_of(*events: dict[str, Any], invited: bool = True, persons=()) -> analysis.Cell:
    index = people.index(persons)
    return analysis.cell(sorted(events, key=analysis.event_order), invited, index)


def word(cell: analysis.Cell) -> str:
    """The cell as the matrix prints it, † included."""
    return cell.word + (" \u2020" if cell.stand_in else "")


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([("attended", "leader", "A", "")], "leader"),
        ([("attended", "minister", "A", ""), ("attended", "leader", "B", "")], "leader"),
        ([("attended", "", "A", "")], "attended"),
        ([("attended", "leader", "A", "video")], "leader (video)"),
        ([("attended", "minister", "A", "message")], "minister (message)"),
        ([("attended", "", "A", "video")], "attended (video)"),
        # the best attendance wins, by level first, then by mode
        (
            [("attended", "leader", "A", "video"), ("attended", "minister", "B", "")],
            "leader (video)",
        ),
        ([("attended", "leader", "A", "video"), ("attended", "leader", "B", "")], "leader"),
        (
            [("attended", "leader", "A", "message"), ("attended", "leader", "B", "video")],
            "leader (video)",
        ),
    ],
)
def test_representation_is_the_best_attendance_by_level_then_mode(events, expected) -> None:
    records = [
        ev("nato-2025", "BRA", kind, "2025-06-24", level, by=by, **({"mode": mode} if mode else {}))
        for kind, level, by, mode in events
    ]
    assert cell_of(*records).word == expected


def test_a_leader_by_video_is_not_a_plain_leader() -> None:
    found = cell_of(ev("nato-2025", "RUS", "attended", "2025-06-24", "leader", mode="video"))
    assert found.word == "leader (video)"  # version 1: "leader", and no change reported
    assert (found.level, found.mode, found.left_early) == ("leader", "video", False)


def test_leaving_early_counts_against_the_same_persons_attendance() -> None:
    went = ev("nato-2025", "USA", "attended", "2025-06-24", "leader", by="Donald Trump")
    left = ev("nato-2025", "USA", "left-early", "2025-06-24", by="donald  TRUMP", reason="war")
    found = cell_of(went, left)
    assert found.word == "leader (left early)"  # version 1: "leader"
    assert found.left_early
    # someone else of the party leaving early says nothing of the leader
    other = ev("nato-2025", "USA", "left-early", "2025-06-24", by="Marco Rubio")
    assert cell_of(went, other).word == "leader"


def test_leaving_early_matches_a_registered_person_by_any_name() -> None:
    went = ev("g7-2025", "USA", "attended", "2025-06-16", "leader", by="Trump", person="trump")
    left = ev("g7-2025", "USA", "left-early", "2025-06-16", by="Donald J. Trump", person="trump")
    assert cell_of(went, left).word == "leader (left early)"


def test_a_whole_attendance_beats_one_that_left_early_at_the_same_level_and_mode() -> None:
    first = ev("g7-2025", "DEU", "attended", "2025-06-16", "leader", by="Merz")
    left = ev("g7-2025", "DEU", "left-early", "2025-06-16", by="Merz")
    second = ev("g7-2025", "DEU", "attended", "2025-06-17", "leader", by="Steinmeier")
    assert cell_of(first, left, second).word == "leader"
    assert cell_of(first, left, second).by == "Steinmeier"


def rank_of(level: str, mode: str, left: bool) -> tuple[int, int, int] | None:
    went = ev("x", "P", "attended", "2025-06-24", level, by="A", mode=mode)
    events = [went, ev("x", "P", "left-early", "2025-06-24", by="A")] if left else [went]
    return cell_of(*events).rank


def test_leader_by_video_ranks_below_a_leader_who_left_early_below_a_leader() -> None:
    ranks = [
        rank_of("minister", "in-person", False),
        rank_of("leader", "message", False),
        rank_of("leader", "video", True),
        rank_of("leader", "video", False),
        rank_of("leader", "in-person", True),
        rank_of("leader", "in-person", False),
    ]
    assert ranks == sorted(ranks)  # type: ignore[type-var]
    assert len(set(ranks)) == len(ranks)


# -- matrix cells: the last word, stand-ins ------------------------------------------------


@pytest.mark.parametrize(
    ("events", "expected", "known"),
    [
        (
            [("confirmed", "2025-06-20", "leader"), ("cancelled", "2025-06-23", "leader")],
            "cancelled",
            True,
        ),
        (
            [("declined", "2025-06-01", "leader"), ("confirmed", "2025-06-20", "minister")],
            "confirmed",
            False,
        ),
        ([("absent", "2025-06-24", "")], "absent", True),
        ([("confirmed", "2025-06-20", "leader")], "confirmed", False),
        ([("left-early", "2025-06-24", "")], "left-early", False),
    ],
)
def test_without_an_attendance_the_cell_is_the_last_word(events, expected, known) -> None:
    records = [ev("nato-2025", "JPN", kind, date, level) for kind, date, level in events]
    found = cell_of(*records)
    assert (found.word, found.attended, found.known) == (expected, False, known)


def test_cell_last_word_on_one_day_is_the_one_recorded_last() -> None:
    first = ev("nato-2025", "JPN", "confirmed", "2025-06-20")
    second = ev("nato-2025", "JPN", "declined", "2025-06-20")
    assert cell_of(second, first).word == "declined"


def test_cell_without_events_is_invited_or_empty() -> None:
    assert cell_of(invited=True) == analysis.Cell("invited")
    assert cell_of(invited=False) == analysis.Cell("")
    assert not cell_of(invited=True).known


def test_a_different_leader_after_a_decline_is_a_stand_in() -> None:
    # Xi Jinping declines and Premier Li Qiang leads the delegation: both leaders.
    xi = ev("brics-2025", "CHN", "declined", "2025-06", "leader", by="Xi Jinping")
    li = ev("brics-2025", "CHN", "attended", "2025-07-06", "leader", by="Li Qiang")
    assert word(cell_of(xi, li)) == "leader \u2020"  # version 1: "leader", no mark


def test_a_stand_in_is_by_person_whatever_the_level() -> None:
    minister = ev("nato-2025", "JPN", "cancelled", "2025-06-01", "minister", by="A")
    official = ev("nato-2025", "JPN", "attended", "2025-06-24", "official", by="B")
    assert word(cell_of(minister, official)) == "official \u2020"  # version 1: only a leader's
    higher = ev("nato-2025", "JPN", "attended", "2025-06-24", "leader", by="C")
    assert word(cell_of(minister, higher)) == "leader \u2020"


def test_the_same_person_coming_after_all_is_no_stand_in() -> None:
    # Cancelled the trip, then joined by video: nobody stood in for them.
    trip = ev("brics-2025", "RUS", "cancelled", "2025-06", "leader", by="Vladimir Putin")
    video = ev("brics-2025", "RUS", "attended", "2025-07-06", "leader", by="Putin", mode="video")
    assert word(cell_of(trip, video, persons=[])) == "leader (video) \u2020"  # two names...
    linked = [{**trip, "person": "putin"}, {**video, "person": "putin"}]
    assert word(cell_of(*linked)) == "leader (video)"  # ...one registered person
    # also when the one who pulled out comes beside the one sent
    lavrov = ev("brics-2025", "RUS", "attended", "2025-07-06", "minister", by="Lavrov")
    assert word(cell_of(*linked, lavrov)) == "leader (video)"


def test_a_named_instead_of_is_a_stand_in_without_any_withdrawal() -> None:
    li = ev(
        "brics-2025",
        "CHN",
        "attended",
        "2025-07-06",
        "leader",
        by="Li Qiang",
        instead_of="president xi",
    )
    assert word(cell_of(li)) == "leader \u2020"
    # linked through a registered person's alias, which Xi himself attending cancels
    xi = {"id": "xi-jinping", "name": "Xi Jinping", "aliases": ["President Xi"]}
    came = ev("brics-2025", "CHN", "attended", "2025-07-06", "leader", by="Xi", person="xi-jinping")
    assert word(cell_of(li, came, persons=[xi])) == "leader"


@pytest.mark.parametrize(
    ("withdrawn", "went", "stand_in"),
    [
        (("", "leader"), ("", "minister"), True),  # unnamed, but two ranks: two persons
        (("", "leader"), ("", "leader"), False),  # unnamed, one rank: maybe the same person
        (("", ""), ("B", "minister"), False),  # nobody named, no rank: nothing to tell
        (("A", "leader"), ("", "leader"), False),
        (("A", "leader"), ("", "official"), True),
        (("A", ""), ("B", ""), True),
    ],
)
def test_persons_are_told_apart_by_name_else_by_rank(withdrawn, went, stand_in) -> None:
    out = ev("nato-2025", "JPN", "cancelled", "2025-06-23", withdrawn[1], by=withdrawn[0])
    came = ev("nato-2025", "JPN", "attended", "2025-06-24", went[1], by=went[0])
    assert cell_of(out, came).stand_in is stand_in


def test_matrix_rows_are_parties_invited_or_recorded_and_columns_the_summits_in_order() -> None:
    invitations = [inv("nato-2024", "JPN"), inv("nato-2025", "JPN"), inv("nato-2025", "EU")]
    events = [
        ev("nato-2024", "JPN", "attended", "2024-07-11", "leader"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-23", "leader", by="Ishiba"),
        ev("nato-2025", "JPN", "attended", "2025-06-24", "minister", by="Iwaya"),
        ev("nato-2025", "USA", "attended", "2025-06-24", "leader"),  # recorded, not invited
        ev("g7-2025", "CAN", "attended", "2025-06-16", "leader"),  # another series
    ]
    grid = analysis.matrix([S25, S24], invitations, events)
    assert [s["id"] for s in grid.summits] == ["nato-2024", "nato-2025"]
    assert grid.parties == ["EU", "JPN", "USA"]
    assert word(grid.cell("JPN", "nato-2025")) == "minister \u2020"
    sheet = analysis.matrix_sheet(grid)
    assert list(sheet.columns) == ["party", "nato-2024", "nato-2025"]
    assert sheet.rows == [
        {"party": "EU", "nato-2024": "", "nato-2025": "invited"},
        {"party": "JPN", "nato-2024": "leader", "nato-2025": "minister"},
        {"party": "USA", "nato-2024": "", "nato-2025": "leader"},
    ]


def test_a_summit_not_held_has_no_cells() -> None:
    off = summit("nato-2026", "2026-07-07", status="postponed")
    events = [ev("nato-2026", "JPN", "confirmed", "2026-06", "leader")]
    grid = analysis.matrix([S25, off], [inv("nato-2026", "JPN")], events)
    assert grid.parties == ["JPN"]
    assert grid.cell("JPN", "nato-2026") == analysis.Cell("")  # not "confirmed"


def test_matrix_spans_several_series_in_date_order() -> None:
    g7 = summit("g7-2025", "2025-06-15", "2025-06-17", series="G7")
    brics = summit("brics-2025", "2025-07-06", "2025-07-07", series="BRICS")
    events = [
        ev("g7-2025", "IND", "attended", "2025-06-17", "leader", by="Narendra Modi"),
        ev("brics-2025", "IND", "attended", "2025-07-06", "leader", by="Narendra Modi"),
    ]
    grid = analysis.matrix([brics, S25, g7], [], events)
    assert [s["id"] for s in grid.summits] == ["g7-2025", "nato-2025", "brics-2025"]
    assert [grid.cell("IND", s["id"]).word for s in grid.summits] == ["leader", "", "leader"]


def test_matrix_roles_keep_the_parties_invited_so_to_at_least_one_summit() -> None:
    invitations = [
        inv("nato-2024", "JPN", "partner"),
        inv("nato-2025", "JPN", "guest"),
        inv("nato-2025", "EU", "guest"),
        inv("nato-2025", "NLD", "member"),
    ]
    events = [ev("nato-2025", "UKR", "attended", "2025-06-24", "leader")]  # not invited
    assert analysis.matrix(ALL, invitations, events).parties == ["EU", "JPN", "NLD", "UKR"]
    assert analysis.matrix(ALL, invitations, events, roles=["partner"]).parties == ["JPN"]
    both = analysis.matrix(ALL, invitations, events, roles=["member", "guest"])
    assert both.parties == ["EU", "JPN", "NLD"]


def test_matrix_long_takes_each_cell_apart() -> None:
    invitations = [inv("nato-2025", "CHN", "guest"), inv("nato-2024", "CHN", "guest")]
    persons = [{"id": "li-qiang", "name": "Li Qiang", "aliases": []}]
    events = [
        ev("nato-2025", "CHN", "declined", "2025-06", "leader", by="Xi Jinping"),
        ev("nato-2025", "CHN", "attended", "2025-06-24", "leader", by="Li", person="li-qiang"),
        ev("nato-2025", "CHN", "left-early", "2025-06-24", by="Li", person="li-qiang"),
        ev("nato-2024", "CHN", "declined", "2024-06", "leader", by="Xi Jinping"),
    ]
    grid = analysis.matrix([S24, S25], invitations, events, persons)
    sheet = analysis.matrix_long(grid, {"CHN": "China"})
    assert list(sheet.columns) == [
        "party",
        "party_name",
        "summit",
        "summit_name",
        "series",
        "start",
        "role",
        "cell",
        "level",
        "mode",
        "left_early",
        "stand_in",
        "person",
        "by",
    ]
    assert list(sheet.rows) == [
        {
            "party": "CHN",
            "party_name": "China",
            "summit": "nato-2024",
            "summit_name": "nato-2024",
            "series": "NATO",
            "start": "2024-07-09",
            "role": "guest",
            "cell": "declined",
            "level": "",
            "mode": "",
            "left_early": False,
            "stand_in": False,
            "person": "",
            "by": "Xi Jinping",
        },
        {
            "party": "CHN",
            "party_name": "China",
            "summit": "nato-2025",
            "summit_name": "nato-2025",
            "series": "NATO",
            "start": "2025-06-24",
            "role": "guest",
            "cell": "leader (left early)",
            "level": "leader",
            "mode": "in-person",
            "left_early": True,
            "stand_in": True,
            "person": "li-qiang",
            "by": "Li",
        },
    ]


# -- changes -------------------------------------------------------------------------


def C(word: str, stand_in: bool = False) -> analysis.Cell:
    """A cell from its word, as ``cell`` would make it, for comparing representations."""
    if word == "none":
        return analysis.Cell("declined", known=True)
    level, _, how = word.partition(" (")
    how = how.rstrip(")")
    mode = next((m for m in ("video", "message") if m in how), "in-person")
    return analysis.Cell(
        word,
        attended=True,
        stand_in=stand_in,
        known=True,
        level="" if level == "attended" else level,
        mode=mode,
        left_early="left early" in how,
    )


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
        ("leader", "leader (video)", "down"),  # version 1: no change
        ("leader (video)", "leader (left early)", "up"),
        ("leader (left early)", "leader", "up"),
        ("leader (message)", "minister", "down"),  # the level comes first
        ("attended", "attended (video)", None),
    ],
)
def test_direction(before: str, after: str, expected: str | None) -> None:
    assert analysis.direction(C(before), C(after)) == expected


def test_direction_of_the_same_representation_by_a_stand_in() -> None:
    assert analysis.direction(C("leader"), C("leader", stand_in=True)) == "stand-in"
    assert analysis.direction(C("leader"), C("minister", stand_in=True)) == "down"


def story() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    invitations = [inv(s["id"], p) for s in ALL for p in ("AUS", "JPN", "KOR")]
    events = [
        *(
            ev(s["id"], p, "attended", s["start"], "leader", by=f"PM {p}")
            for s in (S22, S23)
            for p in ("AUS", "JPN", "KOR")
        ),
        ev("nato-2024", "AUS", "declined", "2024-07", "leader", by="PM AUS"),
        ev("nato-2024", "AUS", "attended", "2024-07-11", "deputy-leader", by="Marles"),
        ev("nato-2024", "JPN", "attended", "2024-07-11", "leader", by="PM JPN"),
        ev("nato-2024", "KOR", "attended", "2024-07-11", "leader", by="PM KOR"),
        ev("nato-2025", "AUS", "attended", "2025-06-24", "deputy-leader", by="Marles"),
        ev("nato-2025", "JPN", "confirmed", "2025-06-20", "leader", by="Ishiba"),
        ev(
            "nato-2025",
            "JPN",
            "cancelled",
            "2025-06-23",
            "leader",
            "various circumstances",
            by="Ishiba",
            person="shigeru-ishiba",
        ),
        ev("nato-2025", "JPN", "attended", "2025-06-24", "minister", by="Iwaya"),
        ev("nato-2025", "KOR", "cancelled", "2025-06-22", "leader", "domestic affairs"),
    ]
    return invitations, events


NAMES = {"AUS": "Australia", "JPN": "Japan", "KOR": "South Korea"}
ISHIBA = {"id": "shigeru-ishiba", "name": "Shigeru Ishiba", "aliases": ["Ishiba"]}


def changes_of(*args: Any, party: str | None = None, persons=(ISHIBA,)) -> list[analysis.Change]:
    invitations, events = args if args else story()
    summits = [s for s in ALL if s["id"] in {e["summit"] for e in events} | {"nato-2024"}]
    grid = analysis.matrix(summits or ALL, invitations, events, persons)
    return analysis.changes(grid, NAMES, party)


def test_changes_tell_the_story_with_the_events_that_explain_it() -> None:
    found = changes_of()
    assert [change.row() for change in found] == [
        {
            "party": "AUS",
            "party_name": "Australia",
            "summit": "nato-2024",
            "previous": "nato-2023",
            "from": "leader",
            "to": "deputy-leader",
            "direction": "down",
            "reasons": ["declined 2024-07 PM AUS"],  # the decline, though no reason is recorded
        },
        {
            "party": "JPN",
            "party_name": "Japan",
            "summit": "nato-2025",
            "previous": "nato-2024",
            "from": "leader",
            "to": "minister",
            "direction": "down",
            # kind, date, the registered person's name (not the "Ishiba" of by), reason
            "reasons": ["cancelled 2025-06-23 Shigeru Ishiba: various circumstances"],
        },
        {
            "party": "KOR",
            "party_name": "South Korea",
            "summit": "nato-2025",
            "previous": "nato-2024",
            "from": "leader",
            "to": "none",
            "direction": "down",
            "reasons": ["cancelled 2025-06-22: domestic affairs"],  # nobody named
        },
    ]
    assert [e["kind"] for e in found[1].explaining] == ["cancelled"]  # not the confirmation
    assert found[1].representative is not None and found[1].representative["by"] == "Iwaya"
    assert found[2].representative is None


def test_changes_for_one_party() -> None:
    found = changes_of(party="JPN")
    assert [(c.party, c.summit, c.before, c.after) for c in found] == [
        ("JPN", "nato-2025", "leader", "minister")
    ]


def test_changes_compare_with_the_previous_summit_the_party_is_known_at() -> None:
    invitations = [inv(s, "NZL") for s in ("nato-2022", "nato-2023", "nato-2024", "nato-2025")]
    events = [
        ev("nato-2022", "NZL", "attended", "2022-06-29", "leader"),
        ev("nato-2024", "NZL", "absent", "2024-07-11"),
        ev("nato-2025", "NZL", "attended", "2025-06-25", "leader"),
    ]
    found = changes_of(invitations, events)
    # 2023: invited, nothing recorded: unknown, skipped; 2024: absent, a fall.
    assert [(c.summit, c.previous, c.before, c.after, c.direction) for c in found] == [
        ("nato-2024", "nato-2022", "leader", "none", "down"),
        ("nato-2025", "nato-2024", "none", "leader", "up"),
    ]


def test_an_unknown_summit_is_never_a_fall() -> None:
    invitations = [inv("nato-2024", "ARE"), inv("nato-2025", "ARE")]
    events = [ev("nato-2024", "ARE", "attended", "2024-07-10", "leader")]
    grid = analysis.matrix([S24, S25], invitations, events)
    # version 1: "ARE nato-2025 down leader -> none", a gap in the data told as a finding
    assert analysis.changes(grid, {}) == []
    assert analysis.unknown(grid) == [("ARE", "nato-2025")]


def test_an_unknown_summit_is_never_a_baseline() -> None:
    invitations = [inv(s["id"], "IND") for s in (S23, S24, S25)]
    events = [
        ev("nato-2023", "IND", "attended", "2023-07-11", "minister"),
        ev("nato-2025", "IND", "attended", "2025-06-24", "leader"),
    ]
    found = changes_of(invitations, events)
    # version 1: 2024 down to none, then 2025 up from none; the one change is 2023 -> 2025
    assert [(c.summit, c.previous, c.before, c.after, c.direction) for c in found] == [
        ("nato-2025", "nato-2023", "minister", "leader", "up")
    ]


def test_a_confirmation_alone_is_unknown_and_a_withdrawal_last_is_none() -> None:
    invitations = [inv(s["id"], "JPN") for s in (S23, S24, S25)]
    events = [
        ev("nato-2023", "JPN", "attended", "2023-07-11", "leader"),
        ev("nato-2024", "JPN", "confirmed", "2024-07-01", "leader"),  # and then nothing
        ev("nato-2025", "JPN", "confirmed", "2025-06-20", "leader"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-23", "leader"),
    ]
    found = changes_of(invitations, events)
    assert [(c.summit, c.previous, c.after) for c in found] == [("nato-2025", "nato-2023", "none")]


def test_changes_count_a_recorded_attendance_without_an_invitation() -> None:
    events = [
        ev("nato-2024", "UKR", "attended", "2024-07-10", "leader"),
        ev("nato-2025", "UKR", "attended", "2025-06-24", "minister"),
    ]
    found = changes_of([], events)
    assert [(c.party, c.summit, c.before, c.after) for c in found] == [
        ("UKR", "nato-2025", "leader", "minister")
    ]


def test_absent_and_left_early_explain_a_change() -> None:
    invitations = [inv("nato-2024", "TUR"), inv("nato-2025", "TUR"), inv("nato-2025", "USA")]
    events = [
        ev("nato-2024", "TUR", "attended", "2024-07-10", "leader", by="Erdogan"),
        ev("nato-2025", "TUR", "absent", "2025-06-24", "leader", "illness", by="Erdogan"),
        ev("nato-2025", "TUR", "attended", "2025-06-24", "deputy-leader", by="Yilmaz"),
        ev("nato-2024", "USA", "attended", "2024-07-10", "leader", by="Biden"),
        ev("nato-2025", "USA", "attended", "2025-06-24", "leader", by="Trump"),
        ev("nato-2025", "USA", "left-early", "2025-06-24", "", "a crisis", by="Trump"),
    ]
    found = changes_of(invitations, events)
    assert [(c.party, c.direction, c.after, c.reasons) for c in found] == [
        # version 1: "no cancellation or decline recorded"
        ("TUR", "down", "deputy-leader", ["absent 2025-06-24 Erdogan: illness"]),
        ("USA", "down", "leader (left early)", ["left-early 2025-06-24 Trump: a crisis"]),
    ]


def test_a_stand_in_at_the_same_representation_is_a_change() -> None:
    brics = [
        summit("brics-2023", "2023-08-22", series="BRICS"),
        summit("brics-2024", "2024-10-22", series="BRICS"),
    ]
    invitations = [inv(s["id"], "CHN", "member") for s in brics]
    events = [
        ev("brics-2023", "CHN", "attended", "2023-08-22", "leader", by="Xi Jinping"),
        ev("brics-2024", "CHN", "declined", "2024-10", "leader", "schedule", by="Xi Jinping"),
        ev("brics-2024", "CHN", "attended", "2024-10-22", "leader", by="Li Qiang"),
    ]
    grid = analysis.matrix(brics, invitations, events)
    (change,) = analysis.changes(grid, {})  # version 1: no change at all
    assert (change.before, change.after, change.direction) == ("leader", "leader", "stand-in")
    assert change.reasons == ["declined 2024-10 Xi Jinping: schedule"]
    assert change.representative is not None and change.representative["by"] == "Li Qiang"


def test_changes_compare_within_each_series() -> None:
    g7 = [
        summit("g7-2024", "2024-06-13", series="G7"),
        summit("g7-2025", "2025-06-15", series="G7"),
    ]
    brics = [summit("brics-2024", "2024-10-22", series="BRICS")]
    events = [
        ev("g7-2024", "IND", "attended", "2024-06-14", "leader"),
        ev("brics-2024", "IND", "attended", "2024-10-22", "minister"),
        ev("g7-2025", "IND", "attended", "2025-06-17", "leader"),
    ]
    grid = analysis.matrix([*g7, *brics], [], events)
    # version 1 took one series only; mixed in date order, 2025 would be "up from minister"
    assert analysis.changes(grid, {}) == []


def test_changes_skip_a_summit_not_held() -> None:
    off = summit("nato-2026", "2026-07-07", status="cancelled")
    invitations = [inv("nato-2025", "JPN"), inv("nato-2026", "JPN")]
    events = [
        ev("nato-2025", "JPN", "attended", "2025-06-24", "leader"),
        ev("nato-2026", "JPN", "declined", "2026-06", "leader"),
    ]
    grid = analysis.matrix([S25, off], invitations, events)
    assert analysis.changes(grid, {}) == []
    assert analysis.unknown(grid) == []


def test_every_explaining_event_is_listed_with_its_person_and_date() -> None:
    invitations = [inv("nato-2024", "JPN"), inv("nato-2025", "JPN")]
    events = [
        ev("nato-2024", "JPN", "attended", "2024-07-11", "leader"),
        ev("nato-2025", "JPN", "declined", "2025-06-01", "leader", "schedule", by="A"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-02", "minister", "", by="B"),
        ev("nato-2025", "JPN", "cancelled", "2025-06-03", "official", "schedule", by="C"),
    ]
    (change,) = changes_of(invitations, events)
    assert change.reasons == [
        "declined 2025-06-01 A: schedule",
        "cancelled 2025-06-02 B",
        "cancelled 2025-06-03 C: schedule",
    ]


# -- statistics ------------------------------------------------------------------------


def stats_rows(summits, invitations, events, party=None) -> dict[str, dict[str, Any]]:
    grid = analysis.matrix(summits, invitations, events)
    sheet = analysis.stats(grid, {"CHN": "China"}, party)
    assert list(sheet.columns) == [
        "party",
        "party_name",
        "invited",
        "known",
        "attended",
        "leader",
        "leader_in_person",
        "video",
        "left_early",
        "stand_in",
        "withdrew",
        "leader_rate",
        "streak",
    ]
    rows = list(sheet.rows)
    assert rows[-1]["party"] == "all"
    return {row["party"]: row for row in rows}


def test_stats_count_each_party_over_the_summits() -> None:
    series = [summit(f"s-{y}", f"{y}-06-01", series="S") for y in range(2019, 2026)]
    series.append(summit("s-2026", "2026-06-01", series="S", status="postponed"))
    invitations = [inv(s["id"], "CHN", "member") for s in series]
    events = [
        ev("s-2019", "CHN", "attended", "2019-06-01", "minister", by="Wang"),
        ev("s-2020", "CHN", "attended", "2020-06-01", "leader", by="Xi", mode="video"),
        ev("s-2021", "CHN", "declined", "2021-05", "leader", by="Xi"),
        ev("s-2021", "CHN", "attended", "2021-06-01", "leader", by="Li"),
        # 2022: invited, nothing recorded (unknown)
        ev("s-2023", "CHN", "attended", "2023-06-01", "leader", by="Xi"),
        ev("s-2023", "CHN", "left-early", "2023-06-01", by="Xi"),
        ev("s-2024", "CHN", "confirmed", "2024-05-01", "leader", by="Xi"),  # and nothing more
        ev("s-2025", "CHN", "attended", "2025-06-01", "leader", by="Xi"),
        ev("s-2026", "CHN", "declined", "2026-05", "leader", by="Xi"),  # not held: not counted
    ]
    rows = stats_rows(series, invitations, events)
    assert rows["CHN"] == {
        "party": "CHN",
        "party_name": "China",
        "invited": 7,
        "known": 5,  # 2019, 2020, 2021, 2023, 2025
        "attended": 5,
        "leader": 4,
        "leader_in_person": 3,  # 2021 (Li), 2023 (left early, still in person), 2025
        "video": 1,
        "left_early": 1,
        "stand_in": 1,
        "withdrew": 1,
        "leader_rate": Decimal("0.80"),
        "streak": 3,  # 2021, 2023, 2025: the unknown 2022 and 2024 are skipped
    }
    assert rows["all"] == {**rows["CHN"], "party": "all", "party_name": "", "streak": None}


def test_stats_rate_is_empty_when_nothing_is_known_and_the_streak_breaks() -> None:
    invitations = [inv(s["id"], p) for s in (S24, S25) for p in ("AUS", "EU")]
    events = [
        ev("nato-2024", "AUS", "attended", "2024-07-11", "leader"),
        ev("nato-2025", "AUS", "attended", "2025-06-24", "deputy-leader"),
    ]
    rows = stats_rows([S24, S25], invitations, events)
    assert (rows["AUS"]["leader_rate"], rows["AUS"]["streak"]) == (Decimal("0.50"), 0)
    assert (rows["EU"]["known"], rows["EU"]["leader_rate"], rows["EU"]["streak"]) == (0, None, 0)
    assert rows["all"]["invited"] == 4 and rows["all"]["leader_rate"] == Decimal("0.50")
    assert list(stats_rows([S24, S25], invitations, events, party="EU")) == ["EU", "all"]
