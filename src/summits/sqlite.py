"""The database as one SQLite file, for Datasette, R, Stata or SQL: and its ``metadata.json``.

Every table becomes an SQLite table with the export's columns (``exchange``):
its primary key, foreign keys (``models.Field.refers``), NOT NULL on required
fields, and indexes on every foreign key and on the bounds of every date. A
missing value is NULL, never an empty string, so declared foreign keys hold
(``PRAGMA foreign_key_check`` is empty); lists are JSON arrays, as
sqlite-utils and Datasette store them. A view ``attendance`` holds the
matrix's long rows, one per party and summit. ``metadata.json`` beside the
file describes every table and column in Datasette's format.

All of it is derived from the declarations. Values only ever travel as
parameters; the SQL text holds nothing but names declared in ``models`` (and
quoted as identifiers). The standard library's sqlite3 is all this needs:
plain ``executemany`` inserts, a few DDL statements, no type guessing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summits import analysis, exchange, formats, models, outfiles

if TYPE_CHECKING:
    import sqlite3

    from summits.store import Database

METADATA = "metadata.json"

# -- the attendance view --------------------------------------------------------------

ATTENDANCE = "attendance"
ATTENDANCE_ROWS = "attendance_rows"  # the table the view reads
ATTENDANCE_COLUMNS = exchange.with_bounds(analysis.LONG_COLUMNS, ("start",))
BOOLEAN_COLUMNS = frozenset({"left_early", "stand_in"})
ATTENDANCE_DESCRIPTIONS = {  # the columns of matrix --long
    "party": "The party's code.",
    "party_name": "The party's name.",
    "summit": "The summit's id.",
    "summit_name": "The summit's name.",
    "series": "The summit's series.",
    "start": "The summit's first day (EDTF).",
    "start_earliest": "The first day the start can mean.",
    "start_latest": "The last day the start can mean.",
    "role": "The party's role, if invited.",
    "cell": "The matrix cell: the representation (leader, leader (video), ...), else the "
    "party's last word, else invited; empty when neither invited nor recorded.",
    "level": "The representation's level (empty when the party did not attend).",
    "mode": "How the representative took part (in-person, video, message).",
    "left_early": "1 when the representative left before the summit ended.",
    "stand_in": "1 when a different person went after someone of the party cancelled or "
    "declined (or was stood in for).",
    "person": "The registered person the cell is about.",
    "by": "The person the cell is about, as written.",
}


def attendance_sheet(db: Database) -> formats.Sheet:
    """The matrix's long rows (``matrix --long``), series by series: the view's rows.

    Each series is its own matrix, as ``summits matrix --long --series S``
    prints it (summits without a series make one more), so the view holds
    exactly those rows, with the start's bounds after ``start``.
    """
    summits = db.summits()
    series_of = {doc["id"]: doc["series"] for doc in summits}
    grouped: dict[str, tuple[list[Any], list[Any], list[Any]]] = {}
    for doc in summits:
        grouped.setdefault(doc["series"], ([], [], []))[0].append(doc)
    # Each series' matrix is given only its own invitations and events.
    for index, table in ((1, "invitations"), (2, "events")):
        for doc in db.rows(table):
            series = series_of.get(doc["summit"])
            if series is not None:
                grouped[series][index].append(doc)
    persons = db.rows("persons")
    rows: list[Mapping[str, Any]] = []
    for series in sorted(grouped):
        summits_of, invitations, events = grouped[series]
        grid = analysis.matrix(summits_of, invitations, events, persons)
        rows += analysis.matrix_long(grid, db.party_names).rows  # (``bounded`` copies them)
    return exchange.bounded(formats.Sheet(analysis.LONG_COLUMNS, rows), ("start",))


# -- writing --------------------------------------------------------------------------


def _name(identifier: str) -> str:
    """An SQL identifier, quoted (names come from the declarations, never from data)."""
    return '"' + identifier.replace('"', '""') + '"'


def _columns(names: Iterable[str]) -> str:
    return ", ".join(map(_name, names))


def create_table(table: str) -> str:
    """``CREATE TABLE`` for a table of the declarations, with its keys."""
    required = models.REQUIRED[table]
    lines = [
        f"{_name(column)} TEXT" + (" NOT NULL" if column in required else "")
        for column in exchange.COLUMNS[table]
    ]
    lines.append(f"PRIMARY KEY ({_columns(models.PRIMARY_KEY[table])})")
    for spec in models.DECLARATIONS[table]:
        if spec.refers:
            target = models.PRIMARY_KEY[spec.refers]
            lines.append(
                f"FOREIGN KEY ({_name(spec.name)}) "
                f"REFERENCES {_name(spec.refers)} ({_columns(target[:1])})"
            )
    return f"CREATE TABLE {_name(table)} (\n  " + ",\n  ".join(lines) + "\n)"


def indexes(table: str) -> list[str]:
    """An index on every foreign key and on the bounds of every date."""
    wanted: list[tuple[str, ...]] = [
        (spec.name,) for spec in models.DECLARATIONS[table] if spec.refers
    ]
    wanted += [exchange.bounds_columns(name) for name in exchange.DATE_FIELDS[table]]
    return [
        f"CREATE INDEX {_name(table + '_' + columns[0])} ON {_name(table)} ({_columns(columns)})"
        for columns in wanted
    ]


def _attendance_ddl() -> list[str]:
    columns = [
        f"{_name(c)} {'INTEGER' if c in BOOLEAN_COLUMNS else 'TEXT'}" for c in ATTENDANCE_COLUMNS
    ]
    return [
        f"CREATE TABLE {_name(ATTENDANCE_ROWS)} (\n  " + ",\n  ".join(columns) + "\n)",
        f"CREATE VIEW {_name(ATTENDANCE)} AS SELECT {_columns(ATTENDANCE_COLUMNS)} "
        f"FROM {_name(ATTENDANCE_ROWS)} ORDER BY rowid",
    ]


def _values(sheet: formats.Sheet, lists: frozenset[str] = frozenset()) -> Iterable[tuple[Any, ...]]:
    """Each row as a tuple of parameters: empty text is NULL, a list JSON, a flag 0 or 1."""
    import orjson

    columns = list(sheet.columns)
    listed = [i for i, column in enumerate(columns) if column in lists]
    dumps = orjson.dumps
    nulls = _NULLS.get
    for record in sheet.rows:
        row: list[Any] = list(map(record.get, columns))
        for i in listed:
            row[i] = dumps(row[i] or []).decode()
        # Every value is now text, a flag or None: an empty text becomes NULL, in C.
        yield tuple(map(nulls, row, row))


# ``_NULLS.get(value, value)``: None for an empty text, the value itself otherwise.
_NULLS: dict[Any, None] = {"": None}


def metadata_path(path: Path) -> Path:
    return path.with_name(METADATA)


def write(db: Database, path: Path, force: bool = False) -> None:
    """Write every table to the SQLite file ``path``, and ``metadata.json`` beside it.

    Built in a temp folder, then written as any output file is (``outfiles``):
    atomically at a regular file, so a reader (or a crash) sees the old file or
    the new one, whole; in place at a device or FIFO, which has no folder of
    its own for a ``metadata.json``. An existing file is replaced only with
    ``force``.
    """
    import sqlite3
    import tempfile

    regular = not path.exists() or path.is_file()
    outfiles.check(path, force)
    if regular:
        outfiles.check(metadata_path(path), force)
    sheets = exchange.every_sheet(db)
    with tempfile.TemporaryDirectory(prefix="summits-") as folder:
        temp = Path(folder) / "export.db"
        connection = sqlite3.connect(temp, isolation_level=None)
        try:
            _fill(connection, sheets, attendance_sheet(db))
        finally:
            connection.close()
        data = temp.read_bytes()
    outfiles.write(path, data, force)
    if regular:
        import orjson

        meta = orjson.dumps(metadata(path.stem), option=orjson.OPT_INDENT_2) + b"\n"
        outfiles.write(metadata_path(path), meta, force)


def _fill(
    connection: sqlite3.Connection,
    sheets: Mapping[str, formats.Sheet],
    attendance: formats.Sheet,
) -> None:
    # A new file that is moved into place only when whole: no journal needed.
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("BEGIN")
    lists = models.LIST_FIELDS
    for table in models.TABLES:
        connection.execute(create_table(table))
        _insert(connection, table, sheets[table], lists)
        for statement in indexes(table):
            connection.execute(statement)
    for statement in _attendance_ddl():
        connection.execute(statement)
    # (The flags go in as Python's bools, which sqlite3 stores as the integers 1 and 0.)
    _insert(connection, ATTENDANCE_ROWS, attendance)
    connection.execute("COMMIT")


def _insert(
    connection: sqlite3.Connection,
    table: str,
    sheet: formats.Sheet,
    lists: frozenset[str] = frozenset(),
) -> None:
    marks = ", ".join("?" * len(sheet.columns))
    statement = f"INSERT INTO {_name(table)} ({_columns(sheet.columns)}) VALUES ({marks})"
    connection.executemany(statement, _values(sheet, lists))


# -- metadata.json ----------------------------------------------------------------------


def _described(table: str, column: str) -> str:
    """A column's description, as the data package says it (a list is JSON here)."""
    from summits import datapackage

    spec = models.FIELD[table].get(column)
    if spec is not None and spec.items:
        return f"{spec.description} A JSON array of texts."
    return str(datapackage.field(table, column)["description"])


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata: a description of every table, view and column."""
    from summits import datapackage

    tables: dict[str, Any] = {}
    for table in models.TABLES:
        entry: dict[str, Any] = {
            "description": datapackage.table_description(table),
            "columns": {column: _described(table, column) for column in exchange.COLUMNS[table]},
        }
        if "name" in models.FIELD[table]:
            entry["label_column"] = "name"  # what a foreign key's link shows
        tables[table] = entry
    tables[ATTENDANCE] = {
        "description": "The matrix's long rows: one per party and summit, with the level "
        "that attended, the last word, or invited.",
        "columns": {
            column: ATTENDANCE_DESCRIPTIONS.get(column, "") for column in ATTENDANCE_COLUMNS
        },
    }
    tables[ATTENDANCE_ROWS] = {"hidden": True}
    return {
        "title": "summits",
        "description": "Who comes to diplomatic summits: summits, invitations and events.",
        "databases": {database: {"tables": tables}},
    }
