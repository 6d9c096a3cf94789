"""The records: their vocabulary and one declaration per field.

This is the only code that knows a document's shape. Each table's fields are
declared once below: name, type, whether required, how input is cleaned, its
fixed list or form, its length limit, and what it means. Everything that
checks or cleans a record (``rules``), words a problem (``wording``), reads an
import (``importing``) or writes a column (``exchange``) is derived from these
declarations, so a new field is one entry here.

Every record is a flat JSON object with all of its fields present: text fields
are strings (empty when unknown), list fields are lists of strings. Keeping
every field makes files diff cleanly and CSV round-trip without guessing.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Literal, NamedTuple, TypedDict

from summits import dates

# -- vocabulary ------------------------------------------------------------------


class Kind(NamedTuple):
    """What an event kind means, beside its name: adding a kind is one entry here.

    ``attending``: the party was there. ``withdrawing``: a person pulled out
    (a stand-in may follow). ``explains``: offered as a reason for a change in
    representation. ``represents``: it says who is (to be) there and how, so
    it takes a ``mode`` and an ``instead_of``. ``symbol`` and ``colour`` show
    it without and with colour. ``away``: it says someone was not there, so a
    party with no attendance recorded is known to have sent nobody (rather
    than not known at all). ``partial``: the same person's attendance was only
    part of the summit (it ranks below a whole one).
    """

    name: str
    attending: bool
    withdrawing: bool
    explains: bool
    represents: bool
    symbol: str
    colour: str
    away: bool = False
    partial: bool = False


KIND = {
    kind.name: kind
    for kind in (
        Kind("confirmed", False, False, False, True, "\u25cb", "cyan"),  # ○
        Kind("attended", True, False, False, True, "\u25cf", "green"),  # ●
        Kind("declined", False, True, True, False, "\u2715", "yellow", away=True),  # ✕
        Kind("cancelled", False, True, True, False, "\u2298", "bold red", away=True),  # ⊘
        Kind("absent", False, False, True, False, "\u2013", "magenta", away=True),  # en dash
        # The representative left before the summit ended: its date is when.
        Kind("left-early", False, False, True, False, "\u25d0", "dark_orange", partial=True),  # ◐
    )
}
KINDS = tuple(KIND)
LEVELS = ("leader", "deputy-leader", "minister", "senior-official", "ambassador", "official")
ROLES = ("member", "partner", "guest", "observer")
# How a party took part, best first, and what each means (legends say it).
MODE = {
    "in-person": "there in person",
    "video": "joined live by video link",
    "message": "a recorded video or a written statement only",
}
MODES = tuple(MODE)
FORMATS = ("in-person", "virtual", "hybrid")  # a summit's
STATUSES = ("held", "postponed", "cancelled")  # a summit's


def level_rank(level: str) -> int:
    """Higher is more senior; no level (or a non-attendance) ranks 0."""
    return len(LEVELS) - LEVELS.index(level) if level in LEVELS else 0


def mode_said(mode: str) -> str:
    """A mode worth saying beside a level: none for in person, which is what attending means."""
    return "" if mode in ("", MODES[0]) else mode


def mode_rank(mode: str) -> int:
    """Higher is better: in person, then video, then a message.

    An empty mode ranks as in person, the field's meaning on an attendance
    (``log`` fills it in; a schema-1 file had no modes at all).
    """
    return len(MODES) - MODES.index(mode or MODES[0]) if (mode or MODES[0]) in MODES else 0


# -- forms -------------------------------------------------------------------------

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
WIKIDATA = re.compile(r"Q[1-9][0-9]{0,11}")
EVENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
ORG_CODE = re.compile(r"[A-Z][A-Z0-9-]{1,15}")
# CSV joins a list's items with this; an item holding it would split in two on import.
LIST_SEPARATOR = " | "
# Characters no text may hold: C0 and C1 controls, DEL, and the bidirectional
# overrides and isolates that make text read other than it is stored. A field
# declared ``multiline`` may hold newline and tab.
_C0 = "\x00-\x1f"
FORBIDDEN = _C0 + "\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL = re.compile(f"[{FORBIDDEN}]")
_C0_BUT_TAB_AND_NEWLINE = "\x00-\x08\x0b-\x1f"
CONTROL_MULTILINE = re.compile(f"[{FORBIDDEN.replace(_C0, _C0_BUT_TAB_AND_NEWLINE)}]")
MAX_ITEMS = 100  # items in one list field


# -- declarations ----------------------------------------------------------------

Clean = Literal["trim", "upper"]


class Field(NamedTuple):
    """One field of one table, declared once.

    ``valid`` is a predicate on a non-empty value (a C call where possible, so a
    whole table is checked fast); when it fails the problem's code is ``code``,
    worded with ``expected``. ``limit`` bounds each value (each item of a list)
    in characters; ``multiline`` allows newline and tab. Input is always trimmed;
    ``clean`` may also fold the case. ``items`` marks a list of texts. An empty
    value is stored as ``default``. A ``computed`` field is set by the tool,
    never typed: import ignores its cells. ``refers`` names the table whose key
    the value is (a foreign key, in the exports); ``choices`` is the fixed list
    a value must be one of, in its order.
    """

    name: str
    description: str
    required: bool = False
    limit: int = 200
    valid: Callable[[str], object] | None = None
    code: str = ""
    expected: str = ""
    multiline: bool = False
    clean: Clean = "trim"
    items: bool = False
    default: str = ""
    computed: bool = False
    refers: str = ""
    choices: tuple[str, ...] = ()


def _choice(name: str, values: tuple[str, ...], description: str, **more: Any) -> Field:
    return Field(
        name,
        description,
        limit=64,  # a value not in the list is refused as such, with the list, not as long
        valid=frozenset(values).__contains__,
        code="choice",
        expected=f"{name} ({', '.join(values)})",
        choices=values,
        **more,
    )


def _date(name: str, description: str, **more: Any) -> Field:
    return Field(name, description, limit=dates.MAX_TEXT, valid=dates.is_valid, code="date", **more)


def _list(name: str, description: str, limit: int) -> Field:
    return Field(name, description, limit=limit, items=True)


def _slug(description: str, example: str, **more: Any) -> Field:
    return Field(
        "id",
        description,
        limit=64,
        valid=SLUG.fullmatch,
        code="form",
        expected=f"an id: use lowercase letters, digits and '-' (e.g. {example})",
        **more,
    )


SUMMIT_ID = _slug(
    "The summit's id, a slug chosen by the user (nato-2025).", "nato-2025", required=True
)
SOURCES = _list("sources", "Sources: URLs or citations.", 2000)
PARTY = Field(
    "party",
    "The party: an ISO 3166-1 alpha-3 code or a registered organisation's code.",
    required=True,
    limit=100,
    refers="parties",
)
SUMMIT_REF = Field("summit", "The summit's id.", required=True, limit=64, refers="summits")

DECLARATIONS: dict[str, tuple[Field, ...]] = {
    "summits": (
        SUMMIT_ID,
        Field("name", "The summit's full name.", required=True, limit=300),
        Field("series", "The series it belongs to (NATO, G7).", limit=100),
        Field("host", "Where it is held.", limit=300),
        _date("start", "Its first day.", required=True),
        _date("end", "Its last day (the start for a one-day summit).", required=True),
        _choice("format", FORMATS, "How it was held.", required=True, default="in-person"),
        _choice("status", STATUSES, "Whether it took place.", required=True, default="held"),
        Field("notes", "Free notes.", limit=10_000, multiline=True),
        SOURCES,
    ),
    "parties": (
        Field(
            "code",
            "The organisation's code (EU).",
            required=True,
            limit=16,
            valid=ORG_CODE.fullmatch,
            code="form",
            expected="an organisation code: use 2-16 capital letters, digits or '-'",
            clean="upper",
        ),
        Field("name", "The organisation's full name.", required=True, limit=300),
        _list("aliases", "Other names it is known by.", 300),
    ),
    "persons": (
        _slug("The person's id, a slug (xi-jinping).", "xi-jinping", required=True),
        Field("name", "The name to show.", required=True, limit=200),
        _list("aliases", "Other names `by` may give (Lula, Xi).", 200),
        Field("party", "The party they represent (optional).", limit=100, refers="parties"),
        Field(
            "wikidata",
            "Their Wikidata id (Q followed by digits).",
            limit=13,
            valid=WIKIDATA.fullmatch,
            code="form",
            expected="a Wikidata id: Q followed by digits (e.g. Q15031)",
        ),
    ),
    "invitations": (
        SUMMIT_REF,
        PARTY,
        _choice("role", ROLES, "The party's role at the summit.", required=True, default="partner"),
        _date("date", "When the invitation was made."),
        Field("notes", "Free notes.", limit=10_000, multiline=True),
        SOURCES,
    ),
    "events": (
        Field(
            "id",
            "The event's id: random, stable across export, import and merges.",
            required=True,
            limit=64,
            valid=EVENT_ID.fullmatch,
            code="form",
            expected="an event id (lowercase letters, digits, '-')",
        ),
        SUMMIT_REF,
        PARTY,
        _choice("kind", KINDS, "What happened.", required=True),
        _date("date", "When it happened or was announced.", required=True),
        Field("by", "The person: who was sent, or who pulled out.", limit=200),
        _choice("level", LEVELS, "Their rank, highest first."),
        _choice("mode", MODES, "How the party took part (attended and confirmed only)."),
        Field(
            "instead_of",
            "On attended and confirmed: the person this representative stood in for.",
            limit=200,
        ),
        Field(
            "person",
            "The registered person whose id, name or alias is `by` (set by the tool).",
            limit=64,
            valid=SLUG.fullmatch,
            code="form",
            expected="a person's id",
            computed=True,
            refers="persons",
        ),
        Field("reason", "Why, in the source's words.", limit=2000),
        SOURCES,
        Field("notes", "Free notes.", limit=10_000, multiline=True),
        _list("tags", "Tags.", 100),
        Field(
            "recorded",
            "When it was logged (UTC).",
            required=True,
            limit=20,
            valid=TIMESTAMP.fullmatch,
            code="form",
            expected="a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)",
        ),
    ),
}
TABLES = tuple(DECLARATIONS)
SINGULAR = {
    "summits": "summit",
    "parties": "party",
    "persons": "person",
    "invitations": "invitation",
    "events": "event",
}
FIELD: dict[str, dict[str, Field]] = {
    table: {spec.name: spec for spec in fields} for table, fields in DECLARATIONS.items()
}
# Field order is the CSV column order (before derived columns are added).
FIELDS: dict[str, tuple[str, ...]] = {
    table: tuple(spec.name for spec in fields) for table, fields in DECLARATIONS.items()
}
LIST_FIELDS = frozenset(
    spec.name for fields in DECLARATIONS.values() for spec in fields if spec.items
)
REQUIRED: dict[str, frozenset[str]] = {
    table: frozenset(spec.name for spec in fields if spec.required)
    for table, fields in DECLARATIONS.items()
}
# The field that names a record, or None for invitations (summit and party together).
KEY_FIELD = {
    "summits": "id",
    "parties": "code",
    "persons": "id",
    "invitations": None,
    "events": "id",
}
# The fields that name a record together: its primary key in the exports.
PRIMARY_KEY: dict[str, tuple[str, ...]] = {
    table: (field,) if field is not None else ("summit", "party")
    for table, field in KEY_FIELD.items()
}
# What each table holds, for the exports that describe themselves (data package, SQLite).
TABLE_DESCRIPTIONS = {
    "summits": "Summits: one row a summit.",
    "parties": "Organisations registered by the user (countries are known without registration).",
    "persons": "Persons registered by the user: the people events name in by.",
    "invitations": "Invitations: one row a party invited to a summit, in a role.",
    "events": "Attendance events: who confirmed, attended, declined, cancelled, was absent "
    "or left early.",
}


# -- records, as mypy sees them (a test holds them to the declarations) ------------


class Summit(TypedDict):
    id: str
    name: str
    series: str
    host: str
    start: str
    end: str
    format: str
    status: str
    notes: str
    sources: list[str]


class Party(TypedDict):
    code: str
    name: str
    aliases: list[str]


class Person(TypedDict):
    id: str
    name: str
    aliases: list[str]
    party: str
    wikidata: str


class Invitation(TypedDict):
    summit: str
    party: str
    role: str
    date: str
    notes: str
    sources: list[str]


class Event(TypedDict):
    id: str
    summit: str
    party: str
    kind: str
    date: str
    by: str
    level: str
    mode: str
    instead_of: str
    person: str
    reason: str
    sources: list[str]
    notes: str
    tags: list[str]
    recorded: str


RECORD_TYPES: dict[str, type] = {
    "summits": Summit,
    "parties": Party,
    "persons": Person,
    "invitations": Invitation,
    "events": Event,
}


# -- order and keys ----------------------------------------------------------------


def event_order(event: Mapping[str, Any]) -> tuple[tuple[str, int, str], str]:
    """Date order (by the first day, a month before its days), then the order recorded.

    Python's sort is stable and tables keep insertion order, so events logged
    in the same second keep the order they were entered in.
    """
    return (dates.order(event["date"]), event["recorded"])


def sorted_events(events: Sequence[Mapping[str, Any]]) -> list[Any]:
    """``sorted(events, key=event_order)``, made fast for 100,000 events.

    Each distinct date's order is worked out once, and the sort compares
    ready-made keys (a C-level lookup, not a Python call an event); the sort
    is stable, so the result is exactly ``event_order``'s.
    """
    dated = list(map(operator.itemgetter("date"), events))
    distinct = {date: dates.order(date) for date in set(dated)}
    rank = {date: n for n, date in enumerate(sorted(distinct, key=distinct.__getitem__))}
    ranks = list(map(rank.__getitem__, dated))
    recorded = list(map(operator.itemgetter("recorded"), events))
    # Two stable sorts, each on one plain key: by when recorded, then by the date's rank.
    order = sorted(range(len(events)), key=recorded.__getitem__)
    order.sort(key=ranks.__getitem__)
    return [events[i] for i in order]


def summit_order(summit: Mapping[str, Any]) -> tuple[tuple[str, int, str], str]:
    """Summits by their first day, then by id."""
    return (dates.order(summit["start"]), summit["id"])


def key_getter(table: str) -> Callable[[Mapping[str, Any]], str]:
    """``key_of`` for one table, made once, for records known to be whole (a C-level
    ``itemgetter`` where the key is one field): for loops over 100,000 records."""
    field = KEY_FIELD[table]
    if field is None:
        return functools.partial(key_of, table)
    return operator.itemgetter(field)


def key_of(table: str, doc: Mapping[str, Any]) -> str:
    """How a record is named in messages and matched on import."""
    field = KEY_FIELD[table]
    if field is None:
        return f"{doc.get('summit', '')}/{doc.get('party', '')}"
    return str(doc.get(field, ""))


def new_event_id(taken: Iterable[str] = ()) -> str:
    """Eight random hex characters, not already taken."""
    import secrets  # lazy: hmac, hashlib and random cost ~5 ms at start-up

    used = set(taken)
    while True:
        candidate = secrets.token_hex(4)
        if candidate not in used:
            return candidate
