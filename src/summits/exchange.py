"""Data exchange: the tables as rows with the contract's columns, for export and import.

Export writes each table in the order the listing commands show it. Import is
all-or-nothing in three steps, none of which writes: ``read`` turns a file into
rows that know where they came from (``row 7`` as a spreadsheet numbers it,
``record 3`` of a JSON array, ``line 4`` of JSON Lines); ``plan`` checks every
row with the recording commands' rules against the database as it stands and
decides what to add and what to replace, or raises ImportRefused listing every
problem; ``apply`` makes the planned changes with one TinyDB operation per table.
The CLI runs ``plan`` and ``apply`` inside one ``store.writing`` block, so the
file is written once, or not at all.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from summits import dates, formats, models, parties
from summits.errors import InvalidValue, SummitsError

if TYPE_CHECKING:
    from pathlib import Path

    from summits.store import Database

Record = dict[str, Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "events": (
        "id",
        "summit",
        "summit_name",
        "series",
        "party",
        "party_name",
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
    "summits": models.FIELDS["summits"],
    "invitations": ("summit", "party", "party_name", "role", "date", "sources"),
    "parties": models.FIELDS["parties"],
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


# -- export --------------------------------------------------------------------

# Tables in dependency order: each refers only to the ones before it.
ORDER = ("parties", "summits", "invitations", "events")
DERIVED: dict[str, frozenset[str]] = {
    "events": frozenset({"summit_name", "series", "party_name"}),
    "invitations": frozenset({"party_name"}),
    "summits": frozenset(),
    "parties": frozenset(),
}
# The columns a file must have; the others may be left out and are read as
# empty (an empty event id gets a new one, an empty end is the start, ...).
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("summit", "party", "kind", "date"),
    "summits": ("id", "name", "start"),
    "invitations": ("summit", "party"),
    "parties": ("code", "name"),
}
SUFFIXES = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def ordered(db: Database, table: str) -> list[Record]:
    """A table's records in their stable order, the order of the listing commands."""
    if table == "events":
        return db.events()
    if table == "summits":
        return db.summits()
    if table == "invitations":
        return db.invitations()
    return sorted(db.rows("parties"), key=lambda doc: doc["code"])


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
    formats.write(rows(db, table, ordered(db, table)), COLUMNS[table], fmt, out)
    return out.getvalue().encode()


# -- reading a file ------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One record read from a file, and where: ``row 7``, ``record 3`` or ``line 4``."""

    where: str
    values: Any  # a dict when the file is well formed; anything a JSON file holds


@dataclass
class Incoming:
    """What a file holds, table by table, and what was wrong with its shape."""

    name: str
    tables: dict[str, list[Row]]
    problems: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return sum(len(found) for found in self.tables.values())


class ImportRefused(InvalidValue):
    """An import with problems; ``problems`` lists every one, one line each."""

    def __init__(self, name: str, problems: list[str]) -> None:
        count = f"{len(problems)} problem" + ("s" if len(problems) != 1 else "")
        super().__init__(f"{name}: {count}; nothing was imported")
        self.problems = problems


def format_of(name: str) -> str | None:
    """The format a file name implies (``.csv``, ``.json``, ``.jsonl``), if any."""
    return SUFFIXES.get(PurePath(name).suffix.lower())


def read_file(path: Path) -> bytes:
    """The bytes of the file to import, or one sentence naming it."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidValue(f"{path} does not exist") from None
    except IsADirectoryError:
        raise InvalidValue(f"{path} is a folder, not a file to import") from None
    except OSError as exc:
        raise InvalidValue(f"{path} cannot be read: {exc.strerror or exc}") from None


def read(data: bytes, name: str, fmt: str, table: str | None = None) -> Incoming:
    """Parse a file's bytes into rows; ``table`` None means: tell it from the file."""
    text = decode(data, name)
    if fmt == "csv":
        return _read_csv(text, name, table)
    if fmt == "jsonl":
        return _read_jsonl(text, name, table)
    return _read_json(text, name, table)


def decode(data: bytes, name: str) -> str:
    """UTF-8 text, without the byte-order mark spreadsheets write; refuse anything else."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidValue(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} on line {line}); "
            "save it as UTF-8 (in a spreadsheet: 'CSV UTF-8') and import it again"
        ) from None


def _read_csv(text: str, name: str, table: str | None) -> Incoming:
    # newline="" keeps line breaks inside quoted cells, as the csv module needs.
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 1
    try:
        header = next(reader, None)
        if header is None:
            raise InvalidValue(f"{name} is empty: a CSV file needs a header row")
        columns = [cell.strip().lower() for cell in header]
        table = table or _guess(columns, f"the header of {name}")
        _check_header(columns, table, name)
        incoming = Incoming(name, {table: []})
        for number, cells in enumerate(reader, start=2):
            # (joins, not generators: this runs for each of 100,000 rows)
            if not "".join(cells).strip():
                continue  # a blank line, or a spreadsheet's empty row
            # Spreadsheets may add empty cells on the right; anything else is a broken row.
            if len(cells) < len(columns) or "".join(cells[len(columns) :]).strip():
                # A quote never closed swallows the rest of the file into one cell.
                runaway = (
                    "; a quote that is never closed runs on to the end of the file"
                    if (len(cells) < len(columns) and "\n" in cells[-1])
                    else ""
                )
                incoming.problems.append(
                    f"row {number}: has {len(cells)} cells, but the header has {len(columns)}"
                    + runaway
                )
                continue
            incoming.tables[table].append(
                Row(f"row {number}", dict(zip(columns, cells[: len(columns)], strict=True)))
            )
    except csv.Error as exc:
        raise InvalidValue(f"{name}, row {number + 1}: not valid CSV ({exc})") from None
    return incoming


def _check_header(columns: list[str], table: str, name: str) -> None:
    """Refuse a header with a column twice, an unknown column or a missing required one."""
    known = COLUMNS[table]
    for index, column in enumerate(columns):
        if column in columns[:index]:
            raise InvalidValue(f"{name}: the header (row 1) has the column {column!r} twice")
        if column not in known:
            raise InvalidValue(
                f"{name}: {column!r} (row 1) is not a column of {table}; "
                f"its columns are {', '.join(known)}"
            )
    for column in REQUIRED_COLUMNS[table]:
        if column not in columns:
            raise InvalidValue(
                f"{name} has no {column!r} column (row 1, the header), which {table} need; "
                f"required: {', '.join(REQUIRED_COLUMNS[table])}"
            )


def _guess(columns: Iterable[str], what: str) -> str:
    """The table whose columns best match; refuse a tie or no match at all."""
    given = set(columns)
    scores = sorted(((len(given & set(COLUMNS[t])), t) for t in ORDER), reverse=True)
    (best, table), (second, _) = scores[0], scores[1]
    if best == 0 or best == second:
        raise InvalidValue(f"cannot tell which table {what} holds; give --table")
    return table


def _read_json(text: str, name: str, table: str | None) -> Incoming:
    import orjson

    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise InvalidValue(f"{name} is not valid JSON: {exc}") from None
    if isinstance(data, dict):
        return _read_all(data, name, table)
    if not isinstance(data, list):
        raise InvalidValue(f"{name} holds neither an array of records nor an object of tables")
    if table == "all":
        raise InvalidValue(
            f"{name} is one array of records, not the object of tables that "
            "'export --table all' writes; give the table with --table"
        )
    table = table or _guess_records(data, name)
    found = [Row(f"record {n}", r) for n, r in enumerate(data, 1)]
    return Incoming(name, {table: found} if table else {})


def _read_all(data: dict[str, Any], name: str, table: str | None) -> Incoming:
    """The object ``export --table all`` writes: an array per table."""
    if "schema" in data:
        raise InvalidValue(
            f"{name} is a summits database, not an export; import what "
            f"'summits --db {name} export --table all --format json' writes"
        )
    for key in data:
        if key not in ORDER:
            raise InvalidValue(f"{name}: {key!r} is not a table ({', '.join(ORDER)})")
    wanted = ORDER if table in (None, "all") else (table,)
    tables: dict[str, list[Row]] = {}
    for key in wanted:
        records = data.get(key, [])
        if not isinstance(records, list):
            raise InvalidValue(f"{name}: {key!r} is not an array of records")
        tables[key] = [Row(f"{key} record {n}", r) for n, r in enumerate(records, 1)]
    return Incoming(name, tables)


def _read_jsonl(text: str, name: str, table: str | None) -> Incoming:
    import orjson

    if table == "all":
        raise InvalidValue(f"{name}: JSON Lines hold one table; 'all' needs --format json")
    found: list[Row] = []
    problems: list[str] = []
    # Only "\n" ends a record: text may hold U+2028 and other line breaks.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            found.append(Row(f"line {number}", orjson.loads(line)))
        except orjson.JSONDecodeError as exc:
            problems.append(f"line {number}: is not valid JSON ({exc})")
    table = table or _guess_records([row.values for row in found], name)
    return Incoming(name, {table: found} if table else {}, problems)


def _guess_records(records: list[Any], name: str) -> str:
    keys: set[str] = set()
    for record in records:
        if isinstance(record, dict):
            keys.update(record)
    if not records:
        return ""  # nothing to import, so no table to tell: an empty export imports as a no-op
    if not keys:
        raise InvalidValue(
            f"cannot tell which table {name} holds: none of its records is an object"
        )
    return _guess(keys, name)


# -- checking and planning -----------------------------------------------------


@dataclass
class Plan:
    """What an import will do, table by table: records to add, to replace, left alone."""

    tables: tuple[str, ...]
    added: dict[str, list[Record]] = field(default_factory=dict)
    replaced: dict[str, list[Record]] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def summary(self, table: str) -> str:
        """``events: 3 added, 1 updated, 96 unchanged``."""
        return (
            f"{table}: {len(self.added[table])} added, {len(self.replaced[table])} updated, "
            f"{self.unchanged[table]} unchanged"
        )


def plan(
    db: Database, incoming: Incoming, update: bool, tick: Callable[[int], None] | None = None
) -> Plan:
    """Check every row and decide what to add and replace; raise ImportRefused on any problem.

    ``tick(n)`` is told every so often how many more rows were checked (for a progress bar).
    """
    checker = _Checker(db, incoming, update, tick or (lambda n: None))
    result = checker.run()
    problems = incoming.problems + checker.problems
    if problems:
        # Checks run column by column; the reader wants them row by row, as in the file.
        raise ImportRefused(incoming.name, sorted(problems, key=_row_order))
    return result


def _row_order(problem: str) -> tuple[str, int]:
    """'row 27, column date: …' sorts by where ('row', 'events record') then number."""
    found = re.match(r"(\D*?)(\d+)", problem)
    return (found.group(1), int(found.group(2))) if found else (problem, 0)


def apply(db: Database, result: Plan) -> None:
    """Make the planned changes: one insert and one update per table."""
    for table in result.tables:
        db.import_records(table, result.added[table], result.replaced[table])


KEY_COLUMN = {"events": "id", "summits": "id", "invitations": "party", "parties": "code"}
# Codes, ids, choices and dates are trimmed; free text is kept exactly as written.
TRIMMED = frozenset(
    {"id", "summit", "party", "kind", "level", "role", "date", "start", "end", "recorded", "code"}
)
DATE_FIELDS = frozenset({"date", "start", "end"})
STRIPPED = TRIMMED - DATE_FIELDS - {"party", "code"}
KNOWN = {table: frozenset(models.FIELDS[table]) | DERIVED[table] for table in models.FIELDS}
PLAIN = {
    table: frozenset(fields) - TRIMMED - models.LIST_FIELDS
    for table, fields in models.FIELDS.items()
}
TICK_EVERY = 1000


class _Checker:
    """One pass over the incoming rows, with dictionaries of what exists, built once."""

    def __init__(
        self, db: Database, incoming: Incoming, update: bool, tick: Callable[[int], None]
    ) -> None:
        self.db = db
        self.incoming = incoming
        self.update = update
        self.tick = tick
        self.now = dates.utc_now()
        self.problems: list[str] = []
        self.organisations = db.rows("parties")
        # Summits and organisations in the file count as known, so that one
        # bad summit row does not also make each of its events a problem.
        self.summit_ids = {doc["id"] for doc in db.rows("summits")} | self._keys("summits", "id")
        self.org_codes = {doc["code"] for doc in self.organisations}
        self.org_codes |= {code.upper() for code in self._keys("parties", "code")}
        self.event_ids = {doc["id"] for doc in db.rows("events")} | self._keys("events", "id")
        self._parties: dict[str, tuple[str, str | None]] = {}
        self._dates: dict[str, tuple[str, str | None]] = {}
        self._origin: dict[int, Row] = {}  # id() of a record to write -> its row

    def _keys(self, table: str, column: str) -> set[str]:
        """The raw key values a table of the file holds (to know references ahead)."""
        return {
            row.values[column].strip()
            for row in self.incoming.tables.get(table, ())
            if isinstance(row.values, dict) and isinstance(row.values.get(column), str)
        }

    def run(self) -> Plan:
        tables = tuple(t for t in ORDER if t in self.incoming.tables)
        result = Plan(tables)
        for table in tables:
            added, replaced, unchanged = self._table(table, self.incoming.tables[table])
            result.added[table], result.replaced[table] = added, replaced
            result.unchanged[table] = unchanged
            if table == "parties":
                self._check_organisations(added + replaced)
        return result

    # -- one table -----------------------------------------------------------

    def _table(self, table: str, found: list[Row]) -> tuple[list[Record], list[Record], int]:
        existing = {models.key_of(table, doc): doc for doc in self.db.rows(table)}
        first_seen: dict[str, str] = {}
        added: list[Record] = []
        replaced: list[Record] = []
        unchanged = 0
        with_ids: list[tuple[Row, Record]] = []  # events, for matching rows without an id
        without_ids: list[tuple[Row, Record]] = []
        for count, row in enumerate(found, 1):
            if count % TICK_EVERY == 0:
                self.tick(TICK_EVERY)
            doc = self._record(table, row, existing)
            if doc is None:
                continue
            if table == "events":
                # (Asked of the row, not of id(doc): a refused row's record is freed,
                # and the next record may be given the same id().)
                if not _text(row.values.get("id")).strip():
                    without_ids.append((row, doc))
                    continue
                with_ids.append((row, doc))
            key = models.key_of(table, doc)
            column = KEY_COLUMN[table]
            if key in first_seen:
                again = f" for {doc['summit']}" if table == "invitations" else ""
                self._problem(
                    row, column, doc[column], f"appears again{again} (first on {first_seen[key]})"
                )
                continue
            first_seen[key] = row.where
            old = existing.get(key)
            if old is None:
                added.append(doc)
                self._origin[id(doc)] = row
            elif old == doc:
                unchanged += 1
            elif self.update:
                replaced.append(doc)
                self._origin[id(doc)] = row
            else:
                self._conflict(table, row, old, doc)
        self.tick(len(found) % TICK_EVERY)
        if without_ids:
            new, unchanged_too = self._match_content(without_ids, with_ids, existing.values())
            added += new
            unchanged += unchanged_too
        return added, replaced, unchanged

    def _match_content(
        self,
        without_ids: list[tuple[Row, Record]],
        with_ids: list[tuple[Row, Record]],
        existing: Iterable[Record],
    ) -> tuple[list[Record], int]:
        """Events from rows with an empty id: new ones to add, and how many exist already.

        With no id to match by, an event is known by its content (every field but
        id and recorded), so re-importing the same file adds nothing a second time.
        A row repeating another row of the file is a problem, as the same id twice
        is: silently keeping one of them would hide a mistake in the file.
        """
        known = set(map(_content, existing))
        in_file = {_content(doc): row.where for row, doc in reversed(with_ids)}
        added: list[Record] = []
        unchanged = 0
        for row, doc in without_ids:
            content = _content(doc)
            first = in_file.setdefault(content, row.where)
            if first != row.where:
                self.problems.append(
                    f"{row.where}: repeats {first} (the same event; this row has no id "
                    "to tell them apart); delete one of them"
                )
            elif content in known:
                unchanged += 1
            else:
                added.append(doc)
        return added, unchanged

    # -- one row -------------------------------------------------------------

    def _record(self, table: str, row: Row, existing: dict[str, Record]) -> Record | None:
        """The row as a complete record, or None after noting each of its problems."""
        values = row.values
        if not isinstance(values, dict):
            self.problems.append(f"{row.where}: is not a JSON object")
            return None
        before = len(self.problems)
        fields = models.FIELDS[table]
        if not KNOWN[table].issuperset(values):
            for name in values:
                if name not in fields and name not in DERIVED[table]:
                    self._problem(row, name, values[name], f"is not a column of {table}")
        doc: Record = {}
        bad: set[str] = set()
        plain = PLAIN[table]
        for name in fields:
            value = values.get(name)
            if type(value) is str and name in plain:
                doc[name] = value  # free text, kept as written (the common case, no call)
                continue
            if type(value) is str and name in STRIPPED:
                doc[name] = value.strip()  # an id, kind, level...: what _cell does, inline
                continue
            try:
                doc[name] = self._cell(name, value)
            except _Bad as exc:
                self._problem(row, name, values.get(name), str(exc))
                doc[name] = values.get(name)
                bad.add(name)
        self._fill(table, doc, existing)
        for name, message in models.record_problems(table, doc):
            if name not in bad:
                self._problem(row, name, doc.get(name), _RULE_WORDS.get(message, message))
        if table in ("events", "invitations"):
            summit = doc["summit"]
            if isinstance(summit, str) and summit and summit not in self.summit_ids:
                self._problem(row, "summit", summit, "is not a summit in the database or the file")
        if table == "parties" and len(self.problems) == before:
            self._check_organisation(row, doc)
        return doc if len(self.problems) == before else None

    def _cell(self, name: str, value: Any) -> Any:
        """A cell as the record stores it: lists split, dates and parties read, codes trimmed."""
        if value is None:
            return [] if name in models.LIST_FIELDS else ""
        if name in models.LIST_FIELDS:
            if isinstance(value, str):
                return models.clean_list(value.split(formats.LIST_SEPARATOR))
            if isinstance(value, list) and all(isinstance(item, str) for item in value):
                return models.clean_list(value)
            raise _Bad("is not a list of texts")
        if not isinstance(value, str):
            raise _Bad("is not text")
        if name not in TRIMMED:
            return value
        value = value.strip()
        if not value:
            return value
        if name in DATE_FIELDS:
            return self._cached(self._dates, value, dates.parse)
        if name == "party":
            if value in self.org_codes or parties.is_country(value):
                return value
            return self._cached(self._parties, value, self._resolve)
        return value.upper() if name == "code" else value

    def _resolve(self, text: str) -> str:
        return parties.resolve(text, self.organisations)

    @staticmethod
    def _cached(
        cache: dict[str, tuple[str, str | None]], value: str, convert: Callable[[str], str]
    ) -> str:
        """Read each distinct date or party once: 100,000 rows hold few of them."""
        if value not in cache:
            try:
                cache[value] = (convert(value), None)
            except SummitsError as exc:
                cache[value] = ("", str(exc))
        result, error = cache[value]
        if error is not None:
            raise _Bad(error)
        return result

    def _fill(self, table: str, doc: Record, existing: dict[str, Record]) -> None:
        """The recording commands' defaults for empty cells."""
        if table == "summits" and doc["end"] == "":
            doc["end"] = doc["start"]
        elif table == "invitations" and doc["role"] == "":
            doc["role"] = "partner"
        elif table == "events":
            if doc["id"] == "":
                doc["id"] = self._new_event_id()
            if doc["recorded"] == "":
                old = existing.get(doc["id"]) if isinstance(doc["id"], str) else None
                doc["recorded"] = old["recorded"] if old else self.now

    def _new_event_id(self) -> str:
        # Not models.new_event_id: it copies the taken ids on every call.
        while True:
            candidate = secrets.token_hex(4)
            if candidate not in self.event_ids:
                self.event_ids.add(candidate)
                return candidate

    def _check_organisation(self, row: Row, doc: Record) -> None:
        """The rules of ``party add``: a code of capitals, no name that names a country."""
        try:
            parties.check_organisation(doc["code"], doc["name"], doc["aliases"])
        except SummitsError as exc:
            message = str(exc)
            named = [("code", doc["code"]), ("name", doc["name"])]
            named += [("aliases", alias) for alias in doc["aliases"]]
            column, value = next(
                ((c, v) for c, v in named if message.startswith(repr(v))), ("name", doc["name"])
            )
            self._problem(row, column, value, message)

    def _check_organisations(self, written: list[Record]) -> None:
        """No two organisations may share a code, name or alias (as ``party add`` refuses)."""
        final = {doc["code"]: doc for doc in self.organisations}
        final.update((doc["code"], doc) for doc in written)
        owners: dict[str, set[str]] = {}
        for code, doc in final.items():
            for value in (code, doc["name"], *doc["aliases"]):
                owners.setdefault(parties.fold(value), set()).add(code)
        for doc in written:
            named = [("name", doc["name"])] + [("aliases", alias) for alias in doc["aliases"]]
            for column, value in named:
                others = owners.get(parties.fold(value), set()) - {doc["code"]}
                if others:
                    where = self._origin[id(doc)]
                    self._problem(
                        where, column, value, f"already names the organisation {min(others)}"
                    )
        self.organisations = list(final.values())

    def _conflict(self, table: str, row: Row, old: Record, doc: Record) -> None:
        differ = [name for name in models.FIELDS[table] if old.get(name) != doc[name]]
        first = differ[0] if differ else KEY_COLUMN[table]
        also = f"; {', '.join(differ[1:])} differ too" if differ[1:] else ""
        self._problem(
            row,
            first,
            doc[first],
            f"differs from {_shown(old.get(first))} in the database "
            f"({models.SINGULAR[table]} {models.key_of(table, doc)}{also}); "
            "use --update to replace it",
        )

    def _problem(self, row: Row, column: str, value: Any, message: str) -> None:
        """``row 7, column date: '2025-13-01' is not a real date``."""
        if isinstance(value, list):  # a message about one item shows that item, not the list
            value = next((item for item in value if message.startswith(f"{item!r} ")), value)
        for prefix in (f"{value!r} ", f"{value} "):
            if message.startswith(prefix):
                message = message[len(prefix) :]
                break
        self.problems.append(f"{row.where}, column {column}: {_shown(value)} {message}")


class _Bad(Exception):
    """A cell that cannot be read; its message says why."""


_RULE_WORDS = {
    "is required": "is empty, but required",
    "must be a string": "is not text",
    "must be a list of strings": "is not a list of texts",
}


def _shown(value: Any) -> str:
    """A value as the problem lists show it: quoted, lists as JSON arrays.

    Not as their CSV cell: ``['A | Reuters']`` and ``['A', 'Reuters']`` have the
    same cell, and a message saying one differs from the other must show how.
    """
    if isinstance(value, list):
        import json

        return json.dumps(value, ensure_ascii=False, default=repr)
    return repr(value)


def _content(doc: Record) -> tuple[Any, ...]:
    """What an event says, without its id and recorded time: lists as tuples, to hash."""
    return tuple(
        tuple(doc[name]) if name in models.LIST_FIELDS else doc[name] for name in CONTENT_FIELDS
    )


CONTENT_FIELDS = tuple(name for name in models.FIELDS["events"] if name not in ("id", "recorded"))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
