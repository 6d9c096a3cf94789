"""History: every change to the database, kept in the database itself.

A command that changes records adds one entry to the ``history`` table, in the
same atomic write as its change, so no file can hold a change without its entry
or an entry without its change. An entry says who (``user``, the login name),
when (``at``, UTC), what they typed (``command``, without ``--db``) and, table by
table, what changed, one entry a line of the file::

    {"at": "2025-06-30T12:00:00Z",
     "changes": {"events": {"add": "3f9a1c2e Xk3_9a\\n3f9a1c2f Yb2-8q",
                            "change": {"3f9b0000": {"after": "p0Q-7Z", "before": {...}}},
                            "remove": {"3f9c0000": {"before": {...}, "number": 7}}}},
     "command": "import colleague.json --update", "id": "5e6f7a8b", "user": "alice"}

An addition costs only its key and a digest of the record it added, a line of
one text (``KEY DIGEST``), so an import of 100,000 events grows the file by
about 5%, not double, and its entry is one string in memory. A change
or a removal keeps the whole record before it (a removal also its place in the
file), so that undo can put it back byte for byte. An undo is an entry like any
other, with ``undoes`` naming the entry it reverted.

The digest tells whether a record is still what an entry left: undo checks it
before reverting anything, and ``history`` shows what an addition added (the
record as it is now, or as the next entry to touch it found it) only when the
digest says it is the same record. Nothing here knows a table by name: the
tables are ``models.TABLES``, whatever the declarations hold.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from summits import dates, models, wording
from summits.errors import Ambiguous, Conflict, DatabaseError, NotFound, visible

if TYPE_CHECKING:
    from summits.store import Database

HISTORY = "history"  # the table's name in the file (storage.HISTORY)
ADD, CHANGE, REMOVE = "add", "change", "remove"
OPS = (ADD, CHANGE, REMOVE)
ENTRY_ID = re.compile(r"[0-9a-f]{8}")
Record = dict[str, Any]
Tables = Mapping[str, Mapping[str, Any]]


# -- the command as typed ----------------------------------------------------------

# Set once, by the CLI group, from the words after its own options (so without --db).
_typed: contextvars.ContextVar[str] = contextvars.ContextVar("summits_command", default="")


def set_command(args: Sequence[str]) -> None:
    """Remember the command being run, as a shell would read it back."""
    import shlex

    _typed.set(shlex.join(args))


def login() -> str:
    """The user's login name, as ``getpass`` finds it (``unknown`` in a bare container)."""
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


# -- digests -------------------------------------------------------------------------


def digest(doc: Mapping[str, Any]) -> str:
    """Six characters that change when the record changes (32 bits of BLAKE2b, base64).

    Empty fields are left out, so a schema upgrade that adds fields with empty
    defaults leaves every digest as it was.
    """
    import base64
    import hashlib

    filled = {name: value for name, value in doc.items() if value}  # texts and lists only
    raw = orjson.dumps(filled, option=orjson.OPT_SORT_KEYS)
    return base64.urlsafe_b64encode(hashlib.blake2b(raw, digest_size=4).digest())[:6].decode()


def complete(table: str, doc: Mapping[str, Any]) -> Record:
    """A record with every declared field: those it lacks take what the schema upgrade gives.

    A record kept by an older schema (a ``before`` in history, a file merged
    from a branch not yet upgraded) is read as the current schema would store it.
    """
    from summits import rules

    full: Record = dict(doc)
    if table in models.DECLARATIONS:
        rules.fill_missing(table, full)
    return full


def _copy(doc: Mapping[str, Any]) -> Record:
    return {name: list(value) if type(value) is list else value for name, value in doc.items()}


# -- recording what a command changes ---------------------------------------------------


class Changes:
    """What one command changes, record by record, as the store tells it.

    While the command runs only keys and places are noted (and a copy of a
    record before its first change or removal); the entry is made once, from
    the records as they are at the write.
    """

    def __init__(self) -> None:
        # table -> key -> [record before or None, its number before, its number now or None]
        self._touched: dict[str, dict[str, list[Any]]] = {}
        self.command: str | None = None  # said instead of the command as typed (an undo)
        self.undoes = ""

    def inserted(self, table: str, numbered: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        touched = self._touched.setdefault(table, {})
        key_of = models.key_getter(table)  # inserted records are whole
        for number, doc in numbered:
            key = key_of(doc)
            found = touched.get(key)
            if found is None:
                touched[key] = [None, None, number]
            else:
                found[2] = number  # removed, then added again in the same command

    def replacing(self, table: str, numbered: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        """Told before the records change."""
        touched = self._touched.setdefault(table, {})
        for number, doc in numbered:
            key = models.key_of(table, doc)
            if key not in touched:
                touched[key] = [_copy(doc), number, number]

    def removing(self, table: str, numbered: Iterable[tuple[int, Mapping[str, Any]]]) -> None:
        """Told before the records go (a removed record is not changed after: no copy)."""
        touched = self._touched.setdefault(table, {})
        for number, doc in numbered:
            key = models.key_of(table, doc)
            found = touched.get(key)
            if found is None:
                touched[key] = [doc, number, None]
            else:
                found[2] = None

    def stored(self, tables: Tables) -> dict[str, dict[str, Any]]:
        """The changes as an entry stores them, against the records as they are now."""
        out: dict[str, dict[str, Any]] = {}
        for table, touched in self._touched.items():
            records = tables.get(table, {})
            adds: dict[str, Any] = {}
            changes: dict[str, Any] = {}
            removes: dict[str, Any] = {}
            key_of = models.key_getter(table)  # the records written are whole
            for key, (before, number, now) in touched.items():
                after = records.get(str(now)) if now is not None else None
                if after is not None and key_of(after) != key:
                    adds[key_of(after)] = digest(after)  # its key was changed
                    after = None
                if before is None:
                    if after is not None:
                        adds[key] = digest(after)
                elif after is None:
                    removes[key] = {"before": before, "number": number}
                elif after != before:
                    changes[key] = {"after": digest(after), "before": before}
            # Additions as one text, a line each: "KEY DIGEST". An import of 100,000 events
            # is then one string in memory, not 200,000 (a key never holds a newline).
            added = "\n".join(f"{key} {after}" for key, after in adds.items())
            ops = {op: found for op, found in ((ADD, added), (CHANGE, changes), (REMOVE, removes))}
            if any(ops.values()):
                out[table] = {op: found for op, found in ops.items() if found}
        return out


def append(tables: dict[str, dict[str, Any]], changes: Changes) -> Record | None:
    """Add the entry for ``changes`` to the tables about to be written; None if nothing changed.

    An entry with no changes is written only when ``changes.command`` says what
    happened (a schema upgrade, say).
    """
    stored = changes.stored(tables)
    if not stored and changes.command is None:
        return None
    history = tables.setdefault(HISTORY, {})
    entry: Record = {
        "id": _new_id(history),
        "at": dates.utc_now(),
        "user": login(),
        "command": _typed.get() if changes.command is None else changes.command,
        "changes": stored,
    }
    if changes.undoes:
        entry["undoes"] = changes.undoes
    history[str(max(map(int, history), default=0) + 1)] = entry
    return entry


def upgraded(tables: dict[str, dict[str, Any]], old: int, new: int) -> Record:
    """Add the entry of a schema upgrade (the command that wrote the file, no changes).

    The upgrade gives every record the fields it lacked; it is not undone, and an
    undo of an earlier entry reads that entry's records as upgraded too.
    """
    history = tables.setdefault(HISTORY, {})
    entry: Record = {
        "id": _new_id(history),
        "at": dates.utc_now(),
        "user": login(),
        "command": _typed.get(),
        "changes": {},
        "upgrade": {"from": old, "to": new},
    }
    history[str(max(map(int, history), default=0) + 1)] = entry
    return entry


def _new_id(history: Mapping[str, Any]) -> str:
    import secrets

    taken = {entry.get("id") for entry in history.values() if isinstance(entry, dict)}
    while True:
        candidate = secrets.token_hex(4)
        if candidate not in taken:
            return candidate


# -- reading entries --------------------------------------------------------------------


class Change(NamedTuple):
    """One record's change in an entry: ``before`` for change and remove, ``after`` a digest."""

    table: str
    key: str
    op: str
    before: Record | None
    after: str  # the digest of the record after ("" after a removal)
    number: int | None  # a removed record's place in the file


@dataclass(frozen=True)
class Entry:
    number: int
    id: str
    at: str
    user: str
    command: str
    undoes: str
    changes: tuple[Change, ...]
    upgrade: tuple[int, int] | None = None  # the schema versions of an upgrade's entry

    def touched(self) -> set[tuple[str, str]]:
        return {(change.table, change.key) for change in self.changes}


def entries(tables: Tables, path: Path) -> list[Entry]:
    """The history, oldest first; refuse a damaged entry in one sentence naming the file."""
    raw = tables.get(HISTORY, {})
    return [_entry(int(number), raw[number], path) for number in sorted(raw, key=int)]


def _entry(number: int, raw: Any, path: Path) -> Entry:
    def damaged(what: str) -> DatabaseError:
        return DatabaseError(f"{path} is damaged: history entry {number} {what}")

    if not isinstance(raw, dict):
        raise damaged("is not a JSON object")
    for name in ("id", "at", "user", "command"):
        if not isinstance(raw.get(name), str):
            raise damaged(f"has no text {name!r}")
    if not ENTRY_ID.fullmatch(raw["id"]):
        raise damaged("has no id of 8 hex characters")
    undoes = raw.get("undoes", "")
    if not isinstance(undoes, str):
        raise damaged("has an 'undoes' that is not text")
    stored = raw.get("changes")
    if not isinstance(stored, dict):
        raise damaged("has no 'changes' object")
    found: list[Change] = []
    # In the order the tables are declared (a summit before its events), whatever the file's.
    order = {table: place for place, table in enumerate(models.TABLES)}
    for table, ops in sorted(stored.items(), key=lambda item: order.get(item[0], len(order))):
        if not isinstance(ops, dict) or not ops.keys() <= set(OPS):
            raise damaged(f"has changes of {table!r} other than add, change and remove")
        added = ops.get(ADD, "")
        if not isinstance(added, str):
            raise damaged(f"has additions to {table!r} that are not text")
        if not all(isinstance(ops.get(op, {}), dict) for op in (CHANGE, REMOVE)):
            raise damaged(f"has changes of {table!r} that are not objects by key")
        for line in added.split("\n") if added else ():
            key, _, after = line.rpartition(" ")
            if not key or not after:
                raise damaged(f"has an addition to {table!r} without its key and digest")
            found.append(Change(table, key, ADD, None, after, None))
        for key, value in ops.get(CHANGE, {}).items():
            if not (
                isinstance(value, dict)
                and isinstance(value.get("before"), dict)
                and isinstance(value.get("after"), str)
            ):
                raise damaged(f"has a change to {table!r} without its record before and digest")
            found.append(Change(table, key, CHANGE, value["before"], value["after"], None))
        # Removals in their places in the file (the order they were made), not by key.
        removals = ops.get(REMOVE, {})
        for key, value in sorted(removals.items(), key=lambda item: _place(item[1])):
            place = value.get("number") if isinstance(value, dict) else None
            if not (
                isinstance(value, dict)
                and isinstance(value.get("before"), dict)
                and type(place) is int
                and place > 0
            ):
                raise damaged(f"has a removal from {table!r} without its record and place")
            found.append(Change(table, key, REMOVE, value["before"], "", place))
    upgrade = None
    if "upgrade" in raw:
        versions = raw["upgrade"] if isinstance(raw["upgrade"], dict) else {}
        old, new = versions.get("from"), versions.get("to")
        if type(old) is not int or type(new) is not int:
            raise damaged("has an 'upgrade' without its schema versions")
        upgrade = (old, new)
    return Entry(
        number, raw["id"], raw["at"], raw["user"], raw["command"], undoes, tuple(found), upgrade
    )


def _place(value: Any) -> int:
    number = value.get("number") if isinstance(value, dict) else None
    return number if type(number) is int else 0


def find(found: Sequence[Entry], prefix: str) -> Entry:
    """The entry whose id starts with ``prefix``; refuse none or several."""
    prefix = prefix.strip().lower()
    if not prefix:
        raise NotFound("a history entry id cannot be empty")
    matches = [entry for entry in found if entry.id.startswith(prefix)]
    if not matches:
        raise NotFound(f"no history entry has an id starting with {visible(prefix)!r}")
    exact = [entry for entry in matches if entry.id == prefix]
    if len(matches) > 1 and not exact:
        ids = ", ".join(sorted(entry.id for entry in matches)[:5])
        raise Ambiguous(f"{prefix!r} is the start of {len(matches)} entry ids ({ids}); type more")
    return (exact or matches)[0]


def undone(found: Sequence[Entry]) -> dict[str, str]:
    """Entry id -> the id of the undo that reverted it (and is not itself undone)."""
    result: dict[str, str] = {}
    for entry in reversed(found):  # newest first: an undo's own fate is known when it is met
        if entry.undoes and entry.id not in result:
            result.setdefault(entry.undoes, entry.id)
    return result


def latest_undoable(found: Sequence[Entry]) -> Entry:
    """The newest entry that changed records, is not an undo, and is not undone."""
    gone = undone(found)
    for entry in reversed(found):
        if entry.changes and not entry.undoes and entry.id not in gone:
            return entry
    raise NotFound("nothing to undo: no entry in the history changed records and is not undone")


# -- what an entry did, field by field ----------------------------------------------


class Step(NamedTuple):
    """A record's change as shown: the record before and after (None: absent).

    ``known`` is False when the record after is not known any more (it changed
    later outside the history, or the entries after it were pruned).
    """

    table: str
    key: str
    op: str
    old: Record | None
    new: Record | None
    known: bool = True


class Field(NamedTuple):
    name: str
    old: Any
    new: Any


def fields(step: Step) -> list[Field]:
    """The fields the step changed: all it gave an added record, all a removed one had.

    The field that names the record (an event's id) is left out: the step names it.
    """
    old, new = step.old or {}, step.new or {}
    names = [name for name in models.FIELDS.get(step.table, ()) if name != _key_field(step)]
    names += sorted((old.keys() | new.keys()) - set(models.FIELDS.get(step.table, ())))
    empty: tuple[Any, ...] = ("", [], None)
    return [
        Field(name, old.get(name), new.get(name))
        for name in names
        if old.get(name) != new.get(name)
        and not (old.get(name) in empty and new.get(name) in empty)
    ]


def _key_field(step: Step) -> str | None:
    return models.KEY_FIELD.get(step.table) if step.op != CHANGE else None


def steps(
    tables: Tables,
    found: Sequence[Entry],
    shown: Sequence[Entry],
    keep: Callable[[Change], bool] | None = None,
    most: int | None = None,
) -> dict[str, list[Step]]:
    """Each shown entry's steps (at most ``most`` a entry), by entry id.

    Walking from the newest entry back, what an entry's change left is what the
    next entry to touch the record found there (its ``before``), or the record
    as it is now; it is shown only when its digest is the one the entry wrote.
    """
    wanted = {entry.id for entry in shown}
    oldest = min((entry.number for entry in shown), default=0)
    later: dict[tuple[str, str], Record | None] = {}  # the record as the next entry found it
    current = _Current(tables)
    result: dict[str, list[Step]] = {}
    for entry in reversed(found):
        if entry.number < oldest:
            break
        chosen = [c for c in entry.changes if keep is None or keep(c)]
        if entry.id in wanted:
            result[entry.id] = []
            for change in chosen[:most]:
                where = (change.table, change.key)
                after = later[where] if where in later else current(*where)
                result[entry.id].append(_step(change, after))
        for change in entry.changes:
            later[change.table, change.key] = change.before
    return result


def _step(change: Change, after: Record | None) -> Step:
    before = complete(change.table, change.before) if change.before is not None else None
    if change.op == REMOVE:
        return Step(change.table, change.key, REMOVE, before, None)
    if after is None or digest(after) != change.after:
        return Step(change.table, change.key, change.op, before, None, known=False)
    return Step(change.table, change.key, change.op, before, complete(change.table, after))


class _Current:
    """The records as they are now, found by key; each table indexed on first use."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.index: dict[str, dict[str, Record]] = {}

    def __call__(self, table: str, key: str) -> Record | None:
        if table not in self.index:
            records = self.tables.get(table, {}).values()
            self.index[table] = {models.key_of(table, doc): doc for doc in records}
        return self.index[table].get(key)

    def numbered(self, table: str, keys: set[str]) -> dict[str, tuple[int, Record]]:
        return {
            key: (int(number), doc)
            for number, doc in self.tables.get(table, {}).items()
            if (key := models.key_of(table, doc)) in keys
        }


# -- undo ------------------------------------------------------------------------------

_UNDOING = {ADD: REMOVE, REMOVE: ADD, CHANGE: CHANGE}


@dataclass(frozen=True)
class Undo:
    """What undoing an entry does: its steps as shown, and each table's records to put back.

    ``records``: table -> key -> (the record to put back, or None to remove it;
    the place a removed record had in the file).
    """

    entry: Entry
    steps: list[Step]
    records: dict[str, dict[str, tuple[Record | None, int | None]]]


def plan_undo(tables: Tables, found: Sequence[Entry], entry: Entry) -> Undo:
    """Plan reverting ``entry``; refuse when anything it touched has changed since."""
    gone = undone(found)
    if entry.id in gone:
        raise Conflict(
            f"entry {entry.id} was undone already, by {gone[entry.id]}; "
            f"undo {gone[entry.id]} to make its changes again"
        )
    if not entry.changes:
        raise Conflict(f"entry {entry.id} ({_said(entry)}) changed no records: nothing to undo")
    unknown = sorted({c.table for c in entry.changes} - set(models.TABLES))
    if unknown:
        raise Conflict(
            f"entry {entry.id} changed the table {unknown[0]!r}, which this summits does not know"
        )
    touched = entry.touched()
    for later in _later(found, entry, gone):
        hit = touched & later.touched()
        if hit:
            table, key = min(hit)
            raise Conflict(
                f"cannot undo {entry.id}: the later entry {later.id} ({_said(later)}) changed "
                f"{_name(table, key)} too; undo {later.id} first"
            )
    current = _Current(tables)
    records: dict[str, dict[str, tuple[Record | None, int | None]]] = {}
    planned: list[Step] = []
    for table in dict.fromkeys(change.table for change in entry.changes):
        changes = [change for change in entry.changes if change.table == table]
        now = current.numbered(table, {change.key for change in changes})
        records[table] = {}
        for change in changes:
            record = now[change.key][1] if change.key in now else None
            if change.op == REMOVE:
                left = record is None
            else:
                left = record is not None and digest(record) == change.after
            if not left:
                raise Conflict(
                    f"cannot undo {entry.id}: {_name(table, change.key)} has changed since, "
                    "outside the history (by hand, or in a merge)"
                )
            back = complete(table, change.before) if change.before is not None else None
            records[table][change.key] = (back, change.number)
            if change.op == CHANGE and record is not None:
                record = _copy(record)  # the revert changes it in place
            planned.append(Step(table, change.key, _UNDOING[change.op], record, back))
    return Undo(entry, planned, records)


def _later(found: Sequence[Entry], entry: Entry, gone: Mapping[str, str]) -> list[Entry]:
    """The entries after ``entry`` whose changes still stand.

    An entry undone later, and the undo that reverted it, cancel out: neither
    stands in the way of undoing an older entry.
    """
    later = [other for other in found if other.number > entry.number]
    ids = {other.id for other in later}
    return [other for other in later if other.id not in gone and other.undoes not in ids]


def undo(db: Database, plan: Undo, found: Sequence[Entry]) -> None:
    """Revert the planned entry in ``db``, as one change recorded as ``undo <id>``.

    Refuse when the result would break the rules: a summit put back out of the
    database while a later event still refers to it.
    """
    for table, records in plan.records.items():
        db.revert(table, records)
    db.changes.command = f"undo {plan.entry.id}"
    db.changes.undoes = plan.entry.id
    broken = db.problems()
    if broken:
        first = broken[0]
        cause = next(
            (
                f"; {later.id} ({_said(later)}) did that, undo it first"
                for later in reversed(found)
                if (first.table, first.key) in later.touched()
            ),
            "",
        )
        raise Conflict(
            f"cannot undo {plan.entry.id}: it would leave {wording.sentence(first)}{cause}"
        )


def _name(table: str, key: str) -> str:
    return f"{models.SINGULAR.get(table, table)} {visible(key)}"


def _said(entry: Entry) -> str:
    """An entry as a sentence names it: who, when, and its command (shortened)."""
    command = visible(entry.command)
    if len(command) > 50:
        command = command[:49] + "\u2026"
    return f"{visible(entry.user)} at {entry.at}: summits {command}".rstrip()


def prune(tables: dict[str, dict[str, Any]], keep: int) -> int:
    """Drop all but the latest ``keep`` entries; how many were dropped."""
    history = tables.get(HISTORY, {})
    numbers = sorted(history, key=int)
    dropped = numbers[: max(0, len(numbers) - keep)]
    for number in dropped:
        del history[number]
    return len(dropped)
