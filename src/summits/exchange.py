"""Export: the tables as rows with the contract's columns, and as the bytes to write.

A table's columns are its declared fields (``models``) with the derived
columns (``summit_name``, ``series``, ``party_name``) after the field they
describe. Export writes each table in the order the listing commands show it;
``importing`` reads the same columns back.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from summits import formats, models

if TYPE_CHECKING:
    from summits.store import Database

Record = dict[str, Any]

# Columns that say more of a field (its name), placed after it; import ignores them.
DERIVED_AFTER: dict[str, dict[str, tuple[str, ...]]] = {
    "events": {"summit": ("summit_name", "series"), "party": ("party_name",)},
    "invitations": {"party": ("party_name",)},
    "summits": {},
    "parties": {},
}
DERIVED: dict[str, frozenset[str]] = {
    table: frozenset(name for names in DERIVED_AFTER.get(table, {}).values() for name in names)
    for table in models.TABLES
}
COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(
        column
        for field in models.FIELDS[table]
        for column in (field, *DERIVED_AFTER.get(table, {}).get(field, ()))
    )
    for table in models.TABLES
}


def rows(db: Database, table: str, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with their derived columns (summit_name, series, party_name) filled in."""
    if table == "events":
        summits = {doc["id"]: doc for doc in db.rows("summits")}
        names = db.party_names
        out = []
        for doc in records:
            summit = summits.get(doc["summit"], {})
            out.append(
                {
                    **doc,
                    "summit_name": summit.get("name", ""),
                    "series": summit.get("series", ""),
                    "party_name": names.get(doc["party"], ""),
                }
            )
        return out
    if table == "invitations":
        return [{**doc, "party_name": db.party_name(doc["party"])} for doc in records]
    return list(records)


# Tables in dependency order: each refers only to the ones before it.
ORDER = ("parties", "persons", "summits", "invitations", "events")


def ordered(db: Database, table: str) -> list[Record]:
    """A table's records in their stable order, the order of the listing commands."""
    if table == "events":
        return db.events()
    if table == "summits":
        return db.summits()
    if table == "invitations":
        return db.invitations()
    return sorted(db.rows(table), key=lambda doc: doc[models.KEY_FIELD[table] or ""])


def sheet(db: Database, table: str, records: Iterable[dict[str, Any]]) -> formats.Sheet:
    """A table's records as machine output: its columns and its rows."""
    return formats.Sheet(COLUMNS[table], rows(db, table, records))


def export(db: Database, table: str, fmt: str) -> bytes:
    """A table (or ``all`` of them, as JSON) in ``fmt``, as the UTF-8 bytes to write."""
    if table == "all":
        import orjson

        data = {
            name: [
                {column: row.get(column) for column in COLUMNS[name]}
                for row in rows(db, name, ordered(db, name))
            ]
            for name in ORDER
        }
        return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
    out = io.StringIO(newline="")
    formats.write(sheet(db, table, ordered(db, table)), fmt, out)
    return out.getvalue().encode()
