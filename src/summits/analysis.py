"""Derived views: the timeline, the attendance matrix, representation changes, statistics.

Pure functions over records (summits, invitations, events as stored): no
database, no click, no rich. The CLI fetches the records, these functions
answer the researcher's questions, and ``render`` / ``formats`` print them.
Events are taken in date order, then the order recorded (``models.event_order``),
which is also the order in which "the last word" on a summit is decided.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from summits import dates, models, people
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

    if any(not dates.is_day(day) for day in (date, summit["start"], summit["end"])):
        return None  # only a day, plain, can be a day of the summit
    if not summit["start"] <= date <= summit["end"]:
        return None
    start = dt.date.fromisoformat(summit["start"])
    return (dt.date.fromisoformat(date) - start).days + 1


# -- representation --------------------------------------------------------------
#
# Who a party sent to a summit, and how. Every rule about it is here, once: the
# matrix, the changes and the statistics read the same cells.

LEFT_EARLY = "left early"  # the cell's word for a partial attendance
# The kinds whose events say someone was not there, pulled out, or left early,
# as the vocabulary declares them.
AWAY = frozenset(kind.name for kind in models.KIND.values() if kind.away)
WITHDRAWING = frozenset(kind.name for kind in models.KIND.values() if kind.withdrawing)
PARTIAL = frozenset(kind.name for kind in models.KIND.values() if kind.partial)
ATTENDING = frozenset(kind.name for kind in models.KIND.values() if kind.attending)
REPRESENTING = frozenset(kind.name for kind in models.KIND.values() if kind.represents)

Rank = tuple[int, int, int]  # (level, mode, whole): higher is better


def person_key(event: Record) -> str:
    """Who an event is about, for telling persons apart.

    The registered person when ``by`` names one, else ``by`` itself as it is
    compared (no case, no accents); empty when nobody is named.
    """
    if event["person"]:
        return "id:" + str(event["person"])
    return "by:" + people.fold(event["by"]) if event["by"] else ""


def _named_key(text: str, index: Mapping[str, str]) -> str:
    """The key of a person named by text (an ``instead_of``), as ``person_key`` makes it."""
    linked = people.link(text, index)
    return "id:" + linked if linked else "by:" + people.fold(text)


def _different(withdrawn: tuple[str, str], key: str, level: str) -> bool:
    """Whether an attendance is by someone other than a person who pulled out.

    Two named persons differ by name. When either is unnamed, only two
    recorded levels that differ tell them apart (one person holds one rank).
    """
    other_key, other_level = withdrawn
    if other_key and key:
        return other_key != key
    return bool(other_level and level and other_level != level)


@dataclass(frozen=True)
class Cell:
    """One party at one summit.

    ``word`` is what the matrix prints (plain, without the ``†``): the
    representation — the best attendance, ranked by level, then mode, then
    whole over left early (``leader``, ``leader (video)``, ``minister (left
    early)``; ``attended`` when no level was recorded) — else the last word
    (declined, cancelled, absent, confirmed), else ``invited``, else empty.
    ``stand_in``: someone of the party cancelled or declined (or was stood
    in for) and a different person attended. ``known``: the party attended,
    or its last word says it did not. ``person`` and ``by`` name whoever the
    word is about: the representative, or the one who had the last word.
    """

    word: str
    attended: bool = False
    stand_in: bool = False
    known: bool = False
    level: str = ""
    mode: str = ""
    left_early: bool = False
    person: str = ""
    by: str = ""

    @property
    def representation(self) -> str:
        """What ``changes`` compares: the word when the party attended, else ``none``."""
        return self.word if self.attended else NONE

    @property
    def rank(self) -> Rank | None:
        """The representation's rank; None when the level was not recorded."""
        if not self.attended:
            return (0, 0, 0)
        if not self.level:
            return None
        return (models.level_rank(self.level), models.mode_rank(self.mode), not self.left_early)


EMPTY = Cell("")


def representation_word(level: str, mode: str, left_early: bool) -> str:
    """``leader``, ``leader (video)``, ``minister (left early)``, ``attended (message)``."""
    how = [said] if (said := models.mode_said(mode)) else []
    how += [LEFT_EARLY] if left_early else []
    word = level or ATTENDED
    return f"{word} ({', '.join(how)})" if how else word


def best_attendance(events: Sequence[Record]) -> tuple[Record, bool] | None:
    """The attendance a party's representation rests on, and whether it was partial.

    The best ``attended`` event by level, then mode, then whole over left
    early: a ``left-early`` event counts against the attendance of the same
    person. The first recorded wins a tie. None when nobody attended.
    """
    went = [event for event in events if event["kind"] in ATTENDING]
    if not went:
        return None
    partial = {person_key(event) for event in events if event["kind"] in PARTIAL}
    if len(went) == 1:  # the usual cell: nothing to rank
        return went[0], bool(partial) and person_key(went[0]) in partial

    def rank(event: Record) -> Rank:
        whole = person_key(event) not in partial
        return (models.level_rank(event["level"]), models.mode_rank(event["mode"]), whole)

    best = max(went, key=rank)
    return best, person_key(best) in partial


def cell(events: Sequence[Record], invited: bool, index: Mapping[str, str] | None = None) -> Cell:
    """The cell for one party's events at one (held) summit, in date order.

    ``index`` (``people.index``) links an ``instead_of`` to a registered person.
    """
    found = best_attendance(events)
    if found is None:
        if events:
            last = events[-1]
            known = last["kind"] in AWAY
            return Cell(last["kind"], known=known, person=last["person"], by=last["by"])
        return Cell(INVITED if invited else "")
    event, left_early = found
    mode = event["mode"] or models.MODES[0]
    return Cell(
        representation_word(event["level"], mode, left_early),
        attended=True,
        stand_in=_stood_in(events, index or {}),
        known=True,
        level=event["level"],
        mode=mode,
        left_early=left_early,
        person=event["person"],
        by=event["by"],
    )


def _stood_in(events: Sequence[Record], index: Mapping[str, str]) -> bool:
    """Whether a person who pulled out (or was stood in for) did not come, and another did.

    Every attendance must be by someone else: when the person who declined
    came after all (by video, say), nobody stood in for them.
    """
    if not any(
        event["kind"] in WITHDRAWING or (event["kind"] in REPRESENTING and event["instead_of"])
        for event in events
    ):
        return False  # nobody pulled out or was stood in for (most cells)
    went = [(event, person_key(event)) for event in events if event["kind"] in ATTENDING]
    for event in events:
        if event["kind"] in WITHDRAWING:
            withdrawn = (person_key(event), event["level"])
            source = None
        elif event["kind"] in REPRESENTING and event["instead_of"]:
            withdrawn, source = (_named_key(event["instead_of"], index), ""), event
        else:
            continue
        if all(
            attendance is source or _different(withdrawn, key, attendance["level"])
            for attendance, key in went
        ):
            return True
    return False


def held(summit: Record) -> bool:
    """Whether the summit took place: one that did not has no cells."""
    return summit["status"] in ("", models.FIELD["summits"]["status"].default)


# -- matrix ----------------------------------------------------------------------

Pair = tuple[str, str]  # (party code, summit id)


@dataclass(frozen=True)
class Matrix:
    """Parties (by code) by summits (in date order), and what each cell rests on.

    ``roles`` holds each invitation's role, ``events`` each pair's events in
    date order, ``persons`` each registered person's name by id.
    """

    summits: list[Record]
    parties: list[str]
    cells: dict[Pair, Cell] = field(default_factory=dict)
    roles: dict[Pair, str] = field(default_factory=dict)
    events: dict[Pair, list[Record]] = field(default_factory=dict)
    persons: dict[str, str] = field(default_factory=dict)

    def cell(self, party: str, summit: str) -> Cell:
        return self.cells.get((party, summit), EMPTY)


def matrix(
    summits: Iterable[Record],
    invitations: Iterable[Record],
    events: Iterable[Record],
    persons: Iterable[Record] = (),
    roles: Iterable[str] = (),
) -> Matrix:
    """The parties invited to or recorded at the given summits, by those summits.

    With ``roles``, only the parties invited in one of them to at least one
    of the summits. A summit that was not held has no cells.
    """
    ordered = sorted(summits, key=summit_order)
    ids = {doc["id"]: doc for doc in ordered}
    invited = {
        (doc["party"], doc["summit"]): doc["role"] for doc in invitations if doc["summit"] in ids
    }
    grouped: dict[Pair, list[Record]] = {}
    # Filter first, then sort once (ready-made keys): grouping keeps each pair in order.
    mine = [event for event in events if event["summit"] in ids]
    for event in models.sorted_events(mine):
        grouped.setdefault((event["party"], event["summit"]), []).append(event)
    wanted = set(roles)
    if wanted:
        parties = sorted({party for (party, _), role in invited.items() if role in wanted})
    else:
        parties = sorted({party for party, _ in invited.keys() | grouped.keys()})
    records = list(persons)
    index = people.index(records)
    cells: dict[Pair, Cell] = {}
    for party in parties:
        for summit in ordered:
            pair = (party, summit["id"])
            if held(summit) and (pair in grouped or pair in invited):
                cells[pair] = cell(grouped.get(pair, []), pair in invited, index)
    names = {doc["id"]: doc["name"] for doc in records}
    return Matrix(ordered, parties, cells, invited, grouped, names)


def matrix_sheet(grid: Matrix) -> Sheet:
    """The wide CSV/JSON form: ``party`` then one plain word per summit id (no marks)."""
    columns = ["party", *(summit["id"] for summit in grid.summits)]
    rows = [
        {"party": party, **{s["id"]: grid.cell(party, s["id"]).word for s in grid.summits}}
        for party in grid.parties
    ]
    return Sheet(columns, rows)


LONG_COLUMNS = (
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
)


def matrix_long(grid: Matrix, names: Mapping[str, str]) -> Sheet:
    """One row per party and summit of the matrix (party by party, summits in date order).

    ``cell`` is the matrix's plain word; ``level``, ``mode``, ``left_early``
    and ``stand_in`` take the representation apart (empty and false when the
    party did not attend); ``person`` (a registered person's id) and ``by``
    name whoever the cell is about. ``role`` is the party's role in its
    invitation to that summit (empty when not invited). This is also the
    exports' ``attendance`` view: its name and columns stay as they are.
    """
    rows = []
    for party in grid.parties:
        name = names.get(party, "")
        for summit in grid.summits:
            found = grid.cell(party, summit["id"])
            rows.append(
                {
                    "party": party,
                    "party_name": name,
                    "summit": summit["id"],
                    "summit_name": summit["name"],
                    "series": summit["series"],
                    "start": summit["start"],
                    "role": grid.roles.get((party, summit["id"]), ""),
                    "cell": found.word,
                    "level": found.level,
                    "mode": found.mode,
                    "left_early": found.left_early,
                    "stand_in": found.stand_in,
                    "person": found.person,
                    "by": found.by,
                }
            )
    return Sheet(LONG_COLUMNS, rows)


# -- changes ---------------------------------------------------------------------

CHANGE_COLUMNS = ("party", "party_name", "summit", "previous", "from", "to", "direction", "reasons")
DOWN, UP, STAND_IN = "down", "up", "stand-in"


@dataclass(frozen=True)
class Change:
    """A party's representation against its previous known summit of the series.

    ``explaining`` are the party's declined, cancelled, absent and left-early
    events at the summit, in date order; ``reasons`` word each as
    ``kind date person: reason``. ``representative`` is the attendance the
    representation rests on (None when the party did not attend); ``stand_in``
    marks one by a different person after a cancellation or decline.
    """

    party: str
    party_name: str
    summit: str
    previous: str
    before: str
    after: str
    direction: str
    explaining: list[Record]
    reasons: list[str] = field(default_factory=list)
    representative: Record | None = None
    stand_in: bool = False

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


def direction(before: Cell, after: Cell) -> str | None:
    """``up``, ``down``, ``stand-in``, or None when there is nothing to report.

    Representations rank by level, then mode, then whole over left early. An
    attendance whose level was not recorded compares only with ``none``: we
    cannot say whether an unnamed envoy was more or less senior than a
    minister. The same representation is a ``stand-in`` when another person
    attended after a cancellation or decline.
    """
    low, high = before.rank, after.rank
    if before.representation == after.representation:
        return STAND_IN if after.stand_in else None
    if low is None or high is None:
        known = high if low is None else low
        if known != (0, 0, 0):
            return None
        return UP if low == (0, 0, 0) else DOWN
    return UP if high > low else DOWN


def reason_line(event: Record, persons: Mapping[str, str]) -> str:
    """``kind date person: reason``; the person is a registered one's name, else ``by``."""
    who = persons.get(event["person"], "") or event["by"]
    head = " ".join(part for part in (event["kind"], event["date"], who) if part)
    return f"{head}: {event['reason']}" if event["reason"] else head


def changes(grid: Matrix, names: Mapping[str, str], party: str | None = None) -> list[Change]:
    """Every rise, fall and stand-in, party by party (by code), summits in date order.

    Each summit is compared with the party's previous summit of the same
    series where its representation is known. A summit where it is not known
    (invited, nothing recorded) is skipped: it is neither a fall nor the
    baseline of the next comparison. Summits that were not held have no cells.
    """
    found = []
    for code in grid.parties if party is None else [party]:
        previous: dict[str, tuple[str, Cell]] = {}  # series -> (summit id, cell)
        for summit in grid.summits:
            now = grid.cell(code, summit["id"])
            if not now.known:
                continue
            before = previous.get(summit["series"])
            previous[summit["series"]] = (summit["id"], now)
            way = direction(before[1], now) if before else None
            if before is None or way is None:
                continue
            mine = grid.events.get((code, summit["id"]), [])
            explaining = [event for event in mine if event["kind"] in EXPLAINING]
            found.append(
                Change(
                    code,
                    names.get(code, ""),
                    summit["id"],
                    before[0],
                    before[1].representation,
                    now.representation,
                    way,
                    explaining,
                    [reason_line(event, grid.persons) for event in explaining],
                    _representative(mine),
                    now.stand_in,
                )
            )
    return found


def _representative(events: Sequence[Record]) -> Record | None:
    found = best_attendance(events)
    return None if found is None else found[0]


def unknown(grid: Matrix, party: str | None = None) -> list[Pair]:
    """The (party, summit) pairs, invited or recorded, whose representation is not known.

    Party by party, summits in date order; summits not held are left out.
    """
    return [
        (code, summit["id"])
        for code in (grid.parties if party is None else [party])
        for summit in grid.summits
        if (code, summit["id"]) in grid.cells and not grid.cells[code, summit["id"]].known
    ]


# -- statistics ------------------------------------------------------------------

STATS_COLUMNS = (
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
)
ALL = "all"  # the last row of the statistics: every party together
_COUNTS = STATS_COLUMNS[2:-2]


def stats(grid: Matrix, names: Mapping[str, str], party: str | None = None) -> Sheet:
    """Per party over the matrix's held summits, then a row ``all`` summing them.

    ``leader`` counts attendances at leader level in any mode;
    ``leader_in_person`` those in person, a leader who left early included
    (``left_early`` counts those too). ``withdrew``: summits where someone
    of the party cancelled or declined. ``leader_rate`` is leader ÷ known
    (empty when nothing is known) and ``streak`` the run of the latest known
    summits at leader level in person; both skip summits where the party's
    representation is unknown. ``all`` has no streak.
    """
    rows = []
    total = dict.fromkeys(_COUNTS, 0)
    for code in grid.parties if party is None else [party]:
        counts = dict.fromkeys(_COUNTS, 0)
        streak = 0
        for summit in grid.summits:
            if not held(summit):
                continue
            pair = (code, summit["id"])
            now = grid.cell(*pair)
            leader = now.attended and now.level == models.LEVELS[0]
            in_person = now.mode == models.MODES[0]
            counts["invited"] += pair in grid.roles
            counts["known"] += now.known
            counts["attended"] += now.attended
            counts["leader"] += leader
            counts["leader_in_person"] += leader and in_person
            counts["video"] += now.attended and now.mode == "video"
            counts["left_early"] += now.left_early
            counts["stand_in"] += now.stand_in
            counts["withdrew"] += any(e["kind"] in WITHDRAWING for e in grid.events.get(pair, ()))
            if now.known:
                streak = streak + 1 if leader and in_person else 0
        for name in _COUNTS:
            total[name] += counts[name]
        rows.append(_stats_row(code, names.get(code, ""), counts, streak))
    rows.append(_stats_row(ALL, "", total, None))
    return Sheet(STATS_COLUMNS, rows)


def _stats_row(
    code: str, name: str, counts: Mapping[str, int], streak: int | None
) -> dict[str, Any]:
    rate = None
    if counts["known"]:
        exact = Decimal(counts["leader"]) / Decimal(counts["known"])
        rate = exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return {"party": code, "party_name": name, **counts, "leader_rate": rate, "streak": streak}


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
    if dated_today and dates.last_day(summit["end"]) < dates.first_day(event["date"]):
        found.append(
            f"no --date given, so it is dated today, {event['date']}; {summit['id']} ran "
            f"{span} (fix it with summits event edit {event['id']} --date D)"
        )
    elif event["kind"] == "attended" and not dates.overlaps(
        event["date"], summit["start"], summit["end"]
    ):
        found.append(f"attended on {event['date']}, outside {summit['id']} ({span})")
    return found
