"""Three-way merge of database files, record by record and field by field.

This is git's merge-driver contract (``summits merge %O %A %B``): BASE is the
common ancestor, OURS the file to write the result into, THEIRS the other
branch's. Records are matched by their key (``models.key_of``), never by their
place in the file, so two researchers who each append events merge cleanly
where git's line merge sees both adding a line at the end of the same table.

For each record: what one side changed (added, changed, removed) and the other
did not is taken; the same change on both sides is taken once; two different
changes of one record are merged field by field, and a field changed two ways
is a conflict: ours is kept and the conflict reported. A record removed on one
side and changed on the other is a conflict too (ours kept). The history is
merged as entries by id: every entry either side added, less those one side
pruned. Each side may be of an older schema: it is read upgraded, as every
command reads it (a missing table is empty, a missing field takes the
default the upgrade gives), and the result is written in this schema. An
event's ``person`` is computed from its ``by``: never a conflict, it is
computed again on the merged persons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from summits import history, models, people, rules, storage
from summits.errors import DatabaseError

Record = dict[str, Any]


class Clash(NamedTuple):
    """A conflict: one field changed two ways (``field`` "" when the record itself:
    removed on one side, changed on the other; the removing side's value is None)."""

    table: str
    key: str
    field: str
    ours: Any
    theirs: Any


@dataclass
class Merged:
    """The merged tables, the conflicts (ours kept), and what came from theirs."""

    tables: storage.Tables
    clashes: list[Clash] = field(default_factory=list)
    taken: Counter[str] = field(default_factory=Counter)  # add/change/remove from theirs
    entries: int = 0  # history entries taken from theirs


def load(path: Path, base: bool = False) -> storage.Tables:
    """One side of the merge; refuse a file that is not a database, naming it.

    An empty BASE is what git gives when both branches added the file: no ancestor.
    """
    raw = storage.read(path)
    if base and not raw.strip():
        return storage.empty()
    tables = storage.parse(raw, path)
    for table in models.TABLES:
        for number, doc in tables.get(table, {}).items():
            if not isinstance(doc, dict):
                raise DatabaseError(
                    f"{path} is damaged: record {number} of {table!r} is not an object"
                )
    history.entries(tables, path)  # refuses a damaged entry, naming the file
    return tables


def merge(base: storage.Tables, ours: storage.Tables, theirs: storage.Tables) -> Merged:
    """Merge THEIRS into OURS against BASE: see the module's docstring."""
    result = Merged(storage.empty())
    for table in models.TABLES:
        result.tables[table] = _table(table, base, ours, theirs, result)
    _relink(result.tables)
    history_table, result.entries = _history(base, ours, theirs)
    if history_table is not None:
        result.tables[history.HISTORY] = history_table
    return result


def _by_key(table: str, tables: storage.Tables) -> dict[str, Record]:
    return {
        models.key_of(table, doc): history.complete(table, doc)
        for doc in tables.get(table, {}).values()
    }


def _table(
    table: str,
    base: storage.Tables,
    ours: storage.Tables,
    theirs: storage.Tables,
    result: Merged,
) -> dict[str, Any]:
    """One table merged; ours' records keep their places, theirs' new ones follow."""
    old, mine, other = (_by_key(table, side) for side in (base, ours, theirs))
    merged: dict[str, Any] = {}
    numbers = sorted(ours.get(table, {}), key=int)
    for number in numbers:
        key = models.key_of(table, ours[table][number])
        doc = _record(table, key, old.get(key), mine[key], other.get(key), result)
        if doc is not None:
            merged[number] = doc
    following = int(numbers[-1]) + 1 if numbers else 1
    for key, doc in other.items():
        if key not in mine:
            added = _record(table, key, old.get(key), None, doc, result)
            if added is not None:
                merged[str(following)] = added
                following += 1
    return merged


def _record(
    table: str,
    key: str,
    base: Record | None,
    ours: Record | None,
    theirs: Record | None,
    result: Merged,
) -> Record | None:
    """One record merged (None: absent), noting what came from theirs and each conflict."""
    if ours == theirs:
        return ours
    if base == ours:  # only theirs changed it
        op = history.ADD if ours is None else history.REMOVE if theirs is None else history.CHANGE
        result.taken[op] += 1
        return theirs
    if base == theirs:  # only ours changed it
        return ours
    if ours is None or theirs is None:
        result.clashes.append(Clash(table, key, "", ours, theirs))
        return ours
    declared = models.FIELDS[table]
    names = [*declared, *sorted((ours.keys() | theirs.keys()) - set(declared))]
    before = base or {}
    merged: Record = {}
    took = False
    for name in names:
        was, mine, other = before.get(name), ours.get(name), theirs.get(name)
        if mine == other or was == other or name in _COMPUTED[table]:
            merged[name] = mine  # a computed field is computed again: no conflict
        elif was == mine:
            merged[name], took = other, True
        else:
            result.clashes.append(Clash(table, key, name, mine, other))
            merged[name] = mine
    if took:
        result.taken[history.CHANGE] += 1
    return {name: value for name, value in merged.items() if value is not None}


# Fields the tool sets (an event's ``person``, from its ``by`` and the persons).
_COMPUTED = {
    table: frozenset(spec.name for spec in fields if spec.computed)
    for table, fields in models.DECLARATIONS.items()
}


def _relink(tables: storage.Tables) -> None:
    """Link every event to the person its ``by`` names among the merged persons.

    A person registered on one branch names the events the other branch logged;
    a person removed on one branch no longer names any. Two persons sharing a
    name are left as they are, for ``check`` to report.
    """
    persons = [doc for doc in tables.get("persons", {}).values() if isinstance(doc, dict)]
    if people.clashes(persons):
        return
    known = people.index(persons)
    for doc in tables.get("events", {}).values():
        if isinstance(doc, dict) and isinstance(doc.get("by"), str) and "person" in doc:
            doc["person"] = people.link(doc["by"], known)


def _history(
    base: storage.Tables, ours: storage.Tables, theirs: storage.Tables
) -> tuple[dict[str, Any] | None, int]:
    """The entries of both sides by id, less those either side pruned.

    Theirs' new entries go after the entries both sides share and before ours'
    own since: the order does not hang on two machines' clocks, and ``undo``
    after a merge takes back our latest command, as the merged records keep
    ours where the two clash.
    """
    sides = [_entries(tables) for tables in (base, ours, theirs)]
    if not any(sides):
        return None, 0
    old, mine, other = sides
    # An entry in the base that a side no longer has was pruned there: it stays out.
    kept = [ident for ident in mine if ident in other or ident not in old]
    new = [ident for ident in other if ident not in mine and ident not in old]
    if not new and len(kept) == len(mine):
        return dict(ours.get(history.HISTORY, {})), 0  # nothing of theirs: ours as it is
    shared = max((place + 1 for place, ident in enumerate(kept) if ident in old), default=0)
    ordered = [*kept[:shared], *new, *kept[shared:]]
    entries = {**other, **mine}
    return {str(n): entries[ident] for n, ident in enumerate(ordered, 1)}, len(new)


def _entries(tables: storage.Tables) -> dict[str, Record]:
    """A side's history entries by id, in file order (an entry without an id is its place)."""
    raw: Mapping[str, Any] = tables.get(history.HISTORY, {})
    found: dict[str, Record] = {}
    for number in sorted(raw, key=int):
        entry = raw[number]
        ident = entry.get("id") if isinstance(entry, dict) else None
        found[ident if isinstance(ident, str) else f"#{number}"] = entry
    return found


def problems(tables: storage.Tables, path: Path) -> list[rules.Problem]:
    """What keeps the merged file from passing ``check``."""
    from summits.store import Database

    return Database(path, tables).problems()
