"""The records and their rules: the only code that knows a document's shape.

Every record is a flat JSON object with all of its fields present: text fields
are strings (empty when unknown), list fields are lists of strings. Keeping
every field makes files diff cleanly and CSV round-trip without guessing.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from summits import dates
from summits.errors import InvalidValue

KINDS = ("confirmed", "attended", "declined", "cancelled", "absent")
LEVELS = ("leader", "deputy-leader", "minister", "senior-official", "ambassador", "official")
ROLES = ("member", "partner", "guest", "observer")

# Field order is the CSV column order (before derived columns are added).
FIELDS: dict[str, tuple[str, ...]] = {
    "summits": ("id", "name", "series", "host", "start", "end", "notes", "sources"),
    "parties": ("code", "name", "aliases"),
    "invitations": ("summit", "party", "role", "date", "sources"),
    "events": (
        "id",
        "summit",
        "party",
        "kind",
        "date",
        "by",
        "level",
        "reason",
        "sources",
        "notes",
        "tags",
        "recorded",
    ),
}
TABLES = tuple(FIELDS)
LIST_FIELDS = frozenset({"sources", "aliases", "tags"})
# CSV joins a list's items with this; an item holding it would split in two on import.
LIST_SEPARATOR = " | "
REQUIRED: dict[str, frozenset[str]] = {
    "summits": frozenset({"id", "name", "start", "end"}),
    "parties": frozenset({"code", "name"}),
    "invitations": frozenset({"summit", "party", "role"}),
    "events": frozenset({"id", "summit", "party", "kind", "date", "recorded"}),
}

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
EVENT_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")


def level_rank(level: str) -> int:
    """Higher is more senior; no level (or a non-attendance) ranks 0."""
    return len(LEVELS) - LEVELS.index(level) if level in LEVELS else 0


def event_order(event: Mapping[str, Any]) -> tuple[str, str]:
    """Date order (a month before its days), then the order they were recorded.

    Python's sort is stable and tables keep insertion order, so events logged
    in the same second keep the order they were entered in.
    """
    return (event["date"], event["recorded"])


def summit_order(summit: Mapping[str, Any]) -> tuple[str, str]:
    """Summits by their first day, then by id."""
    return (summit["start"], summit["id"])


def new_event_id(taken: Iterable[str] = ()) -> str:
    """Eight random hex characters, not already taken."""
    import secrets  # lazy: hmac, hashlib and random cost ~5 ms at start-up

    used = set(taken)
    while True:
        candidate = secrets.token_hex(4)
        if candidate not in used:
            return candidate


class Problem(NamedTuple):
    """One broken rule: which record, which field, what is wrong.

    A NamedTuple rather than a dataclass: importing dataclasses costs start-up time.
    """

    table: str
    record: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{SINGULAR[self.table]} {self.record}".rstrip()
        return (
            f"{where}: {phrase(self.field, self.message)}"
            if self.field
            else f"{where} {self.message}"
        )


def phrase(field: str, message: str) -> str:
    """One readable clause: ``name is required``, ``end: 2025-06-01 is before the start``."""
    return f"{field} {message}" if message.startswith(("is ", "must ")) else f"{field}: {message}"


SINGULAR = {"summits": "summit", "parties": "party", "invitations": "invitation", "events": "event"}


def key_of(table: str, doc: Mapping[str, Any]) -> str:
    """How a record is named in messages and matched on import."""
    if table == "invitations":
        return f"{doc.get('summit', '')}/{doc.get('party', '')}"
    return str(doc.get("code" if table == "parties" else "id", ""))


_DATE_SHAPE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")


@functools.lru_cache(maxsize=8192)  # a database repeats its dates thousands of times
def _check_date(value: str) -> str | None:
    if dates.is_valid(value):
        return None
    if _DATE_SHAPE.fullmatch(value):  # the right form, but no such day (as --date says)
        return f"{value!r} is not a real date"
    return f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"


_CHECKS: dict[str, dict[str, Callable[[str], str | None]]] = {
    "summits": {
        "id": lambda v: (
            None
            if SLUG.fullmatch(v)
            else (f"{v!r} is not an id: use lowercase letters, digits and '-' (e.g. nato-2025)")
        ),
        "start": _check_date,
        "end": _check_date,
    },
    "invitations": {
        "role": lambda v: None if v in ROLES else f"{v!r} is not a role ({', '.join(ROLES)})",
        "date": _check_date,
    },
    "events": {
        "id": lambda v: (
            None
            if EVENT_ID.fullmatch(v)
            else (f"{v!r} is not an event id (lowercase letters, digits, '-')")
        ),
        "kind": lambda v: None if v in KINDS else f"{v!r} is not a kind ({', '.join(KINDS)})",
        "level": lambda v: None if v in LEVELS else f"{v!r} is not a level ({', '.join(LEVELS)})",
        "date": _check_date,
        "recorded": lambda v: (
            None
            if TIMESTAMP.fullmatch(v)
            else (f"{v!r} is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)")
        ),
    },
    "parties": {},
}


def record_problems(table: str, doc: Any) -> list[tuple[str, str]]:
    """What is wrong with one record on its own, as (field, message) pairs."""
    if _looks_valid(table, doc):
        return []  # the usual answer, found fast: import asks it of every row
    if not isinstance(doc, dict):
        return [("", "is not a JSON object")]
    found: list[tuple[str, str]] = []
    fields = FIELDS[table]
    for name in doc.keys() - set(fields):
        found.append((name, "is not a field of this table"))
    checks = _CHECKS[table]
    required = REQUIRED[table]
    for name in fields:
        value = doc.get(name)
        if name in LIST_FIELDS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                found.append((name, "must be a list of strings"))
            else:
                found.extend((name, _joined_item(v)) for v in value if _splits(v))
        elif not isinstance(value, str):
            found.append((name, "must be a string"))
        elif not value:
            if name in required:
                found.append((name, "is required"))
        elif name in checks:
            message = checks[name](value)
            if message:
                found.append((name, message))
    # A month-precision end covers its days: ends 2025-06 and starts 2025-06-24 is fine.
    if (
        table == "summits"
        and not found
        and dates.last_day(doc["end"]) < dates.first_day(doc["start"])
    ):
        found.append(("end", f"{doc['end']} is before the start, {doc['start']}"))
    return found


def _splits(item: str) -> bool:
    """Whether CSV's `` | `` join would not give this item back on import.

    Not only an item holding `` | ``: ``a |`` or ``| b`` next to another item
    runs into the separator (``x | a | | b`` splits as ``x``, ``a``, ``| b``).
    """
    return LIST_SEPARATOR in f" {item} "


def _joined_item(item: str) -> str:
    if LIST_SEPARATOR in item:
        return f"{item!r} contains {LIST_SEPARATOR!r}, which separates list items in CSV"
    return (
        f"{item!r} has a '|' at its edge, which would run into the {LIST_SEPARATOR!r} "
        "that separates list items in CSV"
    )


def _has_separator(items: Iterable[str]) -> bool:
    """Whether ``_splits`` holds for an item; one C-level join and search, not a call an item.

    Joined with space, newline, space: each item is padded as ``_splits`` pads it,
    and no match can span two items, since `` | `` holds no newline.
    """
    return LIST_SEPARATOR in " " + " \n ".join(items) + " "


_STR, _LIST, _DICT = frozenset({str}), frozenset({list}), frozenset({dict})
_is_date = functools.lru_cache(maxsize=8192)(dates.is_valid)
# The rules of _CHECKS as bare predicates (C calls, no messages), for _table_looks_valid.
_VALID: dict[str, dict[str, Callable[[str], object]]] = {
    "summits": {"id": SLUG.fullmatch, "start": _is_date, "end": _is_date},
    "invitations": {"role": frozenset(ROLES).__contains__, "date": _is_date},
    "events": {
        "id": EVENT_ID.fullmatch,
        "kind": frozenset(KINDS).__contains__,
        "level": frozenset(LEVELS).__contains__,
        "date": _is_date,
        "recorded": TIMESTAMP.fullmatch,
    },
    "parties": {},
}


class _Shape:
    """A table's fields, grouped so that ``_looks_valid`` fetches them in C."""

    def __init__(self, table: str) -> None:
        fields = FIELDS[table]
        self.fields = frozenset(fields)
        self.texts = operator.itemgetter(*(f for f in fields if f not in LIST_FIELDS))
        self.lists = [f for f in fields if f in LIST_FIELDS]
        self.required = operator.itemgetter(*(f for f in fields if f in REQUIRED[table]))
        self.valid = list(_VALID[table].items())


_SHAPES = {table: _Shape(table) for table in FIELDS}


def _looks_valid(table: str, doc: Any) -> bool:
    """True only when ``record_problems`` would find nothing; False means: look closer."""
    shape = _SHAPES[table]
    if type(doc) is not dict or doc.keys() != shape.fields:
        return False
    if not (_STR.issuperset(map(type, shape.texts(doc))) and all(shape.required(doc))):
        return False
    for name in shape.lists:
        value = doc[name]
        if type(value) is not list or not _STR.issuperset(map(type, value)):
            return False
        if _has_separator(value):
            return False
    for name, valid in shape.valid:
        value = doc[name]
        if value and not valid(value):
            return False
    return table != "summits" or dates.last_day(doc["end"]) >= dates.first_day(doc["start"])


def _table_looks_valid(table: str, docs: list[Any]) -> bool:
    """True only when ``record_problems`` finds nothing in any of ``docs``; False: look closer.

    Checking 100,000 records before every write must cost little, and almost
    every record is one summits wrote itself. So this checks column by column
    with operations that run in C (key sets, item getters, type sets), each
    distinct value once, and leaves the messages to ``record_problems``, which
    runs record by record only on a table that fails here.
    """
    if not _DICT.issuperset(map(type, docs)):
        return False
    fields = frozenset(FIELDS[table])
    if not all(map(operator.eq, map(dict.keys, docs), itertools.repeat(fields))):
        return False
    for name in FIELDS[table]:
        column = list(map(operator.itemgetter(name), docs))
        if name in LIST_FIELDS:
            if not _LIST.issuperset(map(type, column)):
                return False
            items = list(itertools.chain.from_iterable(column))
            if not _STR.issuperset(map(type, items)) or _has_separator(items):
                return False
            continue
        if not _STR.issuperset(map(type, column)):
            return False
        if name in REQUIRED[table] and not all(column):
            return False
        valid = _VALID[table].get(name)
        if valid is not None and not all(map(valid, filter(None, set(column)))):
            return False
    if table == "summits":
        return all(dates.last_day(d["end"]) >= dates.first_day(d["start"]) for d in docs)
    return True


def _keys(table: str, docs: Iterable[dict[str, Any]]) -> set[str]:
    """``key_of`` for every record of a table that passed ``_table_looks_valid``."""
    if table == "invitations":
        return {f"{doc['summit']}/{doc['party']}" for doc in docs}
    return set(map(operator.itemgetter("code" if table == "parties" else "id"), docs))


def make(table: str, **values: Any) -> dict[str, Any]:
    """A complete record from the given fields, or InvalidValue for the first problem."""
    doc = {name: [] if name in LIST_FIELDS else "" for name in FIELDS[table]}
    doc.update(values)
    # Stray spaces from the shell or a spreadsheet are never meant: "  " is no name.
    for name, value in doc.items():
        if isinstance(value, str):
            doc[name] = value.strip()
    for name in LIST_FIELDS & doc.keys():
        doc[name] = clean_list(doc[name])
    _refuse_undecodable(doc)
    problems = record_problems(table, doc)
    if problems:
        field, message = problems[0]
        raise InvalidValue(phrase(field, message))
    return doc


def _refuse_undecodable(doc: Mapping[str, Any]) -> None:
    """Refuse text that cannot be written as UTF-8.

    An argument that was not valid UTF-8 (a terminal in Latin-1) reaches Python as
    lone surrogates; the file cannot hold them, so say so instead of failing to write.
    """
    for name, value in doc.items():
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    raise InvalidValue(
                        f"{name} is not valid UTF-8 text (check the terminal's encoding)"
                    ) from None


def clean_list(values: Iterable[str]) -> list[str]:
    """Trimmed, without blanks or repeats, in the order given."""
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)


def _texts(values: Iterable[Any]) -> set[str]:
    return {value for value in values if isinstance(value, str)}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def problems(
    tables: Mapping[str, Mapping[str, Any]], is_party: Callable[[str], bool]
) -> list[Problem]:
    """Every broken rule in a whole database: records, references, duplicates."""
    found: list[Problem] = []
    keys: dict[str, set[str]] = {name: set() for name in TABLES}
    for table in TABLES:
        records = tables.get(table, {})
        if _table_looks_valid(table, list(records.values())):
            keys[table] = _keys(table, records.values())
            if len(keys[table]) == len(records):
                continue  # every record is right and named once: nothing to report
            keys[table] = set()
        for doc_id, doc in records.items():
            # A record that is not an object has no key: name it by its place in the file.
            key = key_of(table, doc) if isinstance(doc, dict) else f"#{doc_id}"
            for field, message in record_problems(table, doc):
                found.append(Problem(table, key, field, message))
            if key in keys[table]:
                found.append(Problem(table, key, "", "appears more than once"))
            keys[table].add(key)
    org_codes = keys["parties"]
    for table in ("invitations", "events"):
        docs = [doc for doc in tables.get(table, {}).values() if isinstance(doc, dict)]
        # Each distinct reference is looked up once, not once a record. Only text is
        # collected: a list where a code should be is unhashable (and reported above).
        bad_summits = {
            summit
            for summit in _texts(map(operator.methodcaller("get", "summit"), docs))
            if summit and summit not in keys["summits"]
        }
        bad_parties = {
            party
            for party in _texts(map(operator.methodcaller("get", "party"), docs))
            if party and not (party in org_codes or is_party(party))
        }
        for doc in docs if bad_summits or bad_parties else ():
            summit, party = _text(doc.get("summit")), _text(doc.get("party"))
            if summit in bad_summits:
                message = f"{summit!r} is not a summit"
                found.append(Problem(table, key_of(table, doc), "summit", message))
            if party in bad_parties:
                message = f"{party!r} is not a known party"
                found.append(Problem(table, key_of(table, doc), "party", message))
    return found
