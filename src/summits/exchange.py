"""Export: the tables as rows with the contract's columns, and as the bytes to write.

A table's columns are its declared fields (``models``) with the derived
columns after the field they describe: ``summit_name``, ``series``,
``party_name``, and after each recorded date its bounds, ``<name>_earliest``
and ``<name>_latest`` (plain ISO days, for tools that cannot read EDTF).
Export writes each table in the order the listing commands show it;
``importing`` reads the same columns back.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from summits import dates, formats, models

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
DERIVED_DESCRIPTIONS = {
    "summit_name": "The summit's name (from summits; import ignores it).",
    "series": "The summit's series (from summits; import ignores it).",
    "party_name": "The party's name (import ignores it).",
}
# The fields holding a recorded date (EDTF text): each is followed by its bounds.
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    table: tuple(spec.name for spec in fields if spec.code == "date")
    for table, fields in models.DECLARATIONS.items()
}


def bounds_columns(name: str) -> tuple[str, str]:
    """The columns of a date column's bounds: ``date_earliest``, ``date_latest``."""
    return (f"{name}_earliest", f"{name}_latest")


def with_bounds(columns: Iterable[str], dated: Collection[str]) -> tuple[str, ...]:
    """``columns`` with the bounds of each recorded date (those in ``dated``) after it.

    Every CSV/JSON output holding a recorded date takes its columns through here,
    so that ``pd.to_datetime`` reads the bounds where the EDTF text is beyond it.
    """
    return tuple(c for column in columns for c in (column, *_bounds_of(column, dated)))


def _bounds_of(column: str, dated: Collection[str]) -> tuple[str, ...]:
    return bounds_columns(column) if column in dated else ()


def fill_bounds(rows: list[Record], dated: Sequence[str]) -> list[Record]:
    """Set the bounds columns of each date in ``dated``, in place: the one place they are made."""
    for name in dated:
        first, last = bounds_columns(name)
        # Each distinct date read once: 100,000 events hold a few thousand dates.
        known = {text: dates.bounds(text) for text in {row[name] for row in rows}}
        for row in rows:
            row[first], row[last] = known[row[name]]
    return rows


def bounded(sheet: formats.Sheet, dated: Sequence[str]) -> formats.Sheet:
    """A sheet with the bounds of each of its recorded dates (``dated``) after them.

    For views that are not tables (``matrix --long``, the attendance rows).
    """
    rows = [dict(row) for row in sheet.rows]
    return formats.Sheet(with_bounds(sheet.columns, dated), fill_bounds(rows, dated))


COLUMNS: dict[str, tuple[str, ...]] = {
    table: with_bounds(
        (
            column
            for field in models.FIELDS[table]
            for column in (field, *DERIVED_AFTER.get(table, {}).get(field, ()))
        ),
        DATE_FIELDS[table],
    )
    for table in models.TABLES
}
DERIVED: dict[str, frozenset[str]] = {
    table: frozenset(COLUMNS[table]) - frozenset(models.FIELDS[table]) for table in models.TABLES
}


def rows(db: Database, table: str, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records with their derived columns (names, date bounds) filled in: new dicts."""
    if table == "events":
        summits = {doc["id"]: (doc["name"], doc["series"]) for doc in db.rows("summits")}
        names = db.party_names
        out = []
        for doc in records:
            summit_name, series = summits.get(doc["summit"], ("", ""))
            party_name = names.get(doc["party"], "")
            out.append(
                {**doc, "summit_name": summit_name, "series": series, "party_name": party_name}
            )
    elif table == "invitations":
        out = [{**doc, "party_name": db.party_name(doc["party"])} for doc in records]
    else:
        out = [dict(doc) for doc in records] if DATE_FIELDS.get(table) else list(records)
    return fill_bounds(out, DATE_FIELDS.get(table, ()))


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


def every_sheet(db: Database) -> dict[str, formats.Sheet]:
    """Every table as machine output, for the exports that hold them all (data package, SQLite).

    Parties hold the registered organisations and, after them, every country a
    record names (with its name), so that each party code joins a row: a
    foreign key that holds. Import knows a country's row and skips it.
    """
    sheets = {table: sheet(db, table, ordered(db, table)) for table in models.TABLES}
    referred = sorted(
        {
            doc[spec.name]
            for table, fields in models.DECLARATIONS.items()
            for spec in fields
            if spec.refers == "parties"
            for doc in db.rows(table)
        }
        - {doc["code"] for doc in db.rows("parties")}
    )
    countries = [{"code": code, "name": db.party_name(code), "aliases": []} for code in referred]
    columns, records = sheets["parties"]
    sheets["parties"] = formats.Sheet(columns, [*records, *countries])
    return sheets


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
