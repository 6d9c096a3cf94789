"""Derived views: the timeline, the attendance matrix and representation changes.

Pure functions over records (summits, invitations, events as stored): no
database, no click, no rich. The CLI fetches the records, these functions
answer the researcher's questions, and ``render`` / ``formats`` print them.
Events are expected in the store's order (date, then when recorded), which is
also the order in which "the last word" on a summit is decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from summits import dates, models, rules
from summits.errors import InvalidValue, NotFound
from summits.formats import Sheet
from summits.models import event_order, summit_order

Record = Mapping[str, Any]

NONE = "none"  # the level of a party that did not attend, in ``changes``
ATTENDED = "attended"  # attended, but at a level nobody recorded
INVITED = "invited"  # invited, and nothing else recorded
# The kinds that explain a change in representation, as the vocabulary declares them.
EXPLAINING = frozenset(kind.name for kind in models.KIND.values() if kind.explains)


def choose_series(known: Sequence[str], given: str | None) -> str | None:
    """The series a view covers: the one asked for, or the only one there is.

    Refuses a series nobody recorded, and refuses to guess among several.
    ``None`` means the summits carry no series at all: the view covers them all.
    """
    if given is not None:
        for name in known:
            if name.casefold() == given.casefold():
                return name
        listed = ", ".join(known) if known else "none recorded yet"
        raise NotFound(f"no summits in series {given!r} (series: {listed})")
    if len(known) > 1:
        raise InvalidValue(
            f"there are {len(known)} series ({', '.join(known)}); choose one with --series"
        )
    return known[0] if known else None


# -- timeline ------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    """Events sharing one date (at its precision: ``2025-06`` is its own group)."""

    date: str
    events: list[Record]


@dataclass(frozen=True)
class SummitTimeline:
    summit: Record
    days: list[Day]


def timeline(
    summits: Iterable[Record], events: Iterable[Record], keep_empty: bool = False
) -> list[SummitTimeline]:
    """Events grouped by summit (summits in date order), then by date, in date order.

    A summit without events is left out unless ``keep_empty`` (a timeline of
    one named summit still shows its heading).
    """
    by_summit: dict[str, list[Record]] = {}
    for event in sorted(events, key=event_order):
        by_summit.setdefault(event["summit"], []).append(event)
    found = []
    for summit in sorted(summits, key=summit_order):
        mine = by_summit.get(summit["id"], [])
        if mine or keep_empty:
            found.append(SummitTimeline(summit, _days(mine)))
    return found


def _days(events: list[Record]) -> list[Day]:
    days: list[Day] = []
    for event in events:
        if days and days[-1].date == event["date"]:
            days[-1].events.append(event)
        else:
            days.append(Day(event["date"], [event]))
    return days


def summit_day(summit: Record, date: str) -> int | None:
    """Which day of the summit ``date`` is (1 for the opening day), or None."""
    import datetime as dt

    if any(len(day) != 10 for day in (date, summit["start"], summit["end"])):
        return None  # only a day can be a day of the summit
    if not summit["start"] <= date <= summit["end"]:
        return None
    start = dt.date.fromisoformat(summit["start"])
    return (dt.date.fromisoformat(date) - start).days + 1


# -- matrix ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One party at one summit.

    ``word`` is the highest level attended (``attended`` when no level was
    recorded), else the last word (declined, cancelled, absent, confirmed),
    else ``invited``, else empty. ``leader_withdrew`` marks a cell where a
    leader cancelled or declined and someone else still went.
    """

    word: str
    attended: bool = False
    leader_withdrew: bool = False


@dataclass(frozen=True)
class Matrix:
    summits: list[Record]
    parties: list[str]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, party: str, summit: str) -> Cell:
        return self.cells.get((party, summit), Cell(""))


def attended_level(events: Iterable[Record]) -> str | None:
    """The highest level among ``attended`` events; ``attended`` if none has a level.

    None when no event says the party attended.
    """
    went = [event for event in events if models.KIND[event["kind"]].attending]
    if not went:
        return None
    best = max(went, key=lambda event: models.level_rank(event["level"]))
    return best["level"] or ATTENDED


def cell(events: Sequence[Record], invited: bool) -> Cell:
    """The matrix cell for one party's events at one summit."""
    level = attended_level(events)
    if level is not None:
        withdrew = level != "leader" and any(
            models.KIND[event["kind"]].withdrawing and event["level"] == "leader"
            for event in events
        )
        return Cell(level, attended=True, leader_withdrew=withdrew)
    if events:
        return Cell(max(events, key=event_order)["kind"])
    return Cell(INVITED if invited else "")


Pair = tuple[str, str]  # (party code, summit id)


def _by_party_and_summit(
    summits: Iterable[Record], invitations: Iterable[Record], events: Iterable[Record]
) -> tuple[list[Record], set[Pair], dict[Pair, list[Record]]]:
    """The summits in date order, the invited (party, summit) pairs among them, and
    each pair's events in date order: what the matrix and the changes both start from."""
    ordered = sorted(summits, key=summit_order)
    ids = {doc["id"] for doc in ordered}
    invited = {(doc["party"], doc["summit"]) for doc in invitations if doc["summit"] in ids}
    grouped: dict[Pair, list[Record]] = {}
    for event in sorted(events, key=event_order):
        if event["summit"] in ids:
            grouped.setdefault((event["party"], event["summit"]), []).append(event)
    return ordered, invited, grouped


def matrix(
    summits: Iterable[Record], invitations: Iterable[Record], events: Iterable[Record]
) -> Matrix:
    """Parties (by code) by summits (in date order), for the given summits only."""
    ordered, invited, grouped = _by_party_and_summit(summits, invitations, events)
    parties = sorted({party for party, _ in invited | grouped.keys()})
    cells = {
        (party, summit["id"]): cell(
            grouped.get((party, summit["id"]), []), (party, summit["id"]) in invited
        )
        for party in parties
        for summit in ordered
    }
    return Matrix(ordered, parties, cells)


def matrix_sheet(grid: Matrix) -> Sheet:
    """The CSV/JSON form: ``party`` then one plain word per summit id (no marks)."""
    columns = ["party", *(summit["id"] for summit in grid.summits)]
    rows = [
        {"party": party, **{s["id"]: grid.cell(party, s["id"]).word for s in grid.summits}}
        for party in grid.parties
    ]
    return Sheet(columns, rows)


# -- changes ---------------------------------------------------------------------

CHANGE_COLUMNS = ("party", "party_name", "summit", "previous", "from", "to", "direction", "reasons")


@dataclass(frozen=True)
class Change:
    """A rise or fall in a party's representation against its previous summit."""

    party: str
    party_name: str
    summit: str
    previous: str
    before: str
    after: str
    direction: str
    explaining: list[Record]

    @property
    def reasons(self) -> list[str]:
        return rules.clean_list(event["reason"] for event in self.explaining)

    def row(self) -> dict[str, Any]:
        """The CSV/JSON form, with the contract's column names."""
        return {
            "party": self.party,
            "party_name": self.party_name,
            "summit": self.summit,
            "previous": self.previous,
            "from": self.before,
            "to": self.after,
            "direction": self.direction,
            "reasons": self.reasons,
        }


def changes_sheet(found: Iterable[Change]) -> Sheet:
    """The CSV/JSON form of ``changes``, with the contract's columns."""
    return Sheet(CHANGE_COLUMNS, [change.row() for change in found])


def rank(level: str) -> int | None:
    """Seniority for comparison: ``none`` is 0; an unrecorded level cannot be ranked."""
    if level == NONE:
        return 0
    if level == ATTENDED:
        return None
    return models.level_rank(level)


def direction(before: str, after: str) -> str | None:
    """``up``, ``down``, or None when equal or not comparable.

    ``attended`` (level unknown) compares only with ``none``: we cannot say
    whether an unnamed envoy was more or less senior than a minister.
    """
    if before == after:
        return None
    low, high = rank(before), rank(after)
    if low is None or high is None:
        known = high if low is None else low
        if known != 0:
            return None
        return "up" if low == 0 else "down"
    return "up" if high > low else "down"


def changes(
    summits: Iterable[Record],
    invitations: Iterable[Record],
    events: Iterable[Record],
    names: Mapping[str, str],
    party: str | None = None,
) -> list[Change]:
    """Every rise or fall, party by party (by code), summits in date order.

    A party is compared across the summits it was invited to or has events at
    (a logged attendance counts even without an invitation); a summit where
    it did not attend counts as ``none``.
    """
    ordered, present, grouped = _by_party_and_summit(summits, invitations, events)
    present |= grouped.keys()
    found = []
    for code in sorted({p for p, _ in present} if party is None else {party}):
        previous: tuple[str, str] | None = None  # (summit id, level)
        for summit in ordered:
            if (code, summit["id"]) not in present:
                continue
            mine = grouped.get((code, summit["id"]), [])
            level = attended_level(mine) or NONE
            way = direction(previous[1], level) if previous else None
            if previous and way:
                explaining = [event for event in mine if event["kind"] in EXPLAINING]
                found.append(
                    Change(
                        code,
                        names.get(code, ""),
                        summit["id"],
                        previous[0],
                        previous[1],
                        level,
                        way,
                        explaining,
                    )
                )
            previous = (summit["id"], level)
    return found


# -- sanity notes on a new event -----------------------------------------------


def event_warnings(
    event: Record, summit: Record, invited: bool, dated_today: bool, others: Iterable[Record]
) -> list[str]:
    """What may be a slip in an event just logged: worth a warning, not a refusal.

    ``others`` are the party's other events at the summit, to spot a double entry.
    """
    found = []
    same = ("kind", "by", "level")
    for other in others:
        if other["id"] != event["id"] and all(other[f] == event[f] for f in same):
            found.append(
                f"{event['party']} already has this {event['kind']} event at {summit['id']} "
                f"({other['id']}, {other['date']}); remove one with summits event rm ID"
            )
            break
    span = f"{summit['start']} to {summit['end']}"
    if not invited:
        found.append(
            f"{event['party']} is not invited to {summit['id']} "
            f"(summits invite {summit['id']} {event['party']})"
        )
    if dated_today and summit["end"] < event["date"]:
        found.append(
            f"no --date given, so it is dated today, {event['date']}; {summit['id']} ran "
            f"{span} (fix it with summits event edit {event['id']} --date D)"
        )
    elif event["kind"] == "attended" and not dates.overlaps(
        event["date"], summit["start"], summit["end"]
    ):
        found.append(f"attended on {event['date']}, outside {summit['id']} ({span})")
    return found
