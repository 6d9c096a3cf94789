"""Import: read a file into rows, check every row, plan the changes, all or nothing.

Three steps, none of which writes: ``read`` turns a file into rows that know
where they came from (``row 7`` as a spreadsheet numbers it, ``record 3`` of a
JSON array, ``line 4`` of JSON Lines); ``plan`` cleans and checks every row
by the same declarations and rules as the recording commands (``models``,
``rules``), against the database as it stands, and decides what to add and
what to replace, or raises ImportRefused listing every problem; ``apply``
makes the planned changes. The CLI runs ``plan`` and ``apply`` inside one
``store.writing`` block, so the file is written once, or not at all.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, NamedTuple

from summits import dates, formats, models, parties, people, rules, strictjson, wording
from summits.errors import InvalidValue, SummitsError, quote
from summits.exchange import COLUMNS, DERIVED, ORDER
from summits.models import LIST_SEPARATOR

if TYPE_CHECKING:
    from pathlib import Path

    from summits.store import Database

Record = dict[str, Any]
Place = tuple[int, int]  # (part of the file, number in it): the order problems are listed in

# -- reading a file ------------------------------------------------------------


class Row(NamedTuple):
    """One record read from a file, and where: ``row 7``, ``record 3`` or ``line 4``.

    (A NamedTuple, and ``where`` worded only when asked: an import makes 100,000.)
    """

    prefix: str  # "row ", "record ", "line ", "events record " …
    values: Any  # a dict when the file is well formed; anything a JSON file holds
    place: Place = (0, 0)

    @property
    def where(self) -> str:
        return f"{self.prefix}{self.place[1]}"


class Found(NamedTuple):
    """A problem of a row, where it is in the file (to list them in file order), and what."""

    place: Place
    text: str


@dataclass
class Incoming:
    """What a file holds, table by table, and what was wrong with its shape."""

    name: str
    tables: dict[str, list[Row]]
    problems: list[Found] = field(default_factory=list)
    # A CSV table's cells as read, row by row under its header, beside its rows: the
    # column-by-column reading takes each column from these in one C-level transpose.
    grids: dict[str, tuple[list[str], list[list[str]]]] = field(default_factory=dict)

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
    """The format a file name implies (``.csv``, ``.json``, ``.jsonl``, a data package's
    ``datapackage.json``), if any."""
    if PurePath(name).name.lower() == PACKAGE:
        return "datapackage"
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


def _read_csv(text: str, name: str, table: str | None, part: int = 0, label: str = "") -> Incoming:
    """A CSV file's rows; ``label`` names the file in each row's place (a package's)."""
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
        grid: list[list[str]] = []
        incoming.grids[table] = (columns, grid)
        rows = list(reader)
        width = len(columns)
        blank = not all("".join(cells).strip() for cells in rows)
        if "'" not in text and all(map(width.__eq__, map(len, rows))) and not blank:
            # The usual file, read at C speed: every row as wide as the header, none
            # blank, and no quote that an escaped cell would begin with.
            prefix = f"{label}row "
            grid += rows
            incoming.tables[table] = [
                Row(prefix, dict(zip(columns, cells, strict=True)), (part, number))
                for number, cells in enumerate(rows, start=2)
            ]
            return incoming
        for number, cells in enumerate(rows, start=2):
            # (joins, not generators: this runs for each of 100,000 rows)
            joined = "".join(cells)
            if not joined.strip():
                continue  # a blank line, or a spreadsheet's empty row
            if "'" in joined:  # only such a row can hold a cell export escaped
                cells = list(map(formats.unescape_cell, cells))
            # Spreadsheets may add empty cells on the right; anything else is a broken row.
            if len(cells) < len(columns) or "".join(cells[len(columns) :]).strip():
                # A quote never closed swallows the rest of the file into one cell.
                runaway = (
                    "; a quote that is never closed runs on to the end of the file"
                    if (len(cells) < len(columns) and "\n" in cells[-1])
                    else ""
                )
                incoming.problems.append(
                    Found(
                        (part, number),
                        f"{label}row {number}: has {len(cells)} cells, but the header has "
                        f"{len(columns)}{runaway}",
                    )
                )
                continue
            cells = cells[: len(columns)]
            grid.append(cells)
            incoming.tables[table].append(
                Row(f"{label}row ", dict(zip(columns, cells, strict=True)), (part, number))
            )
    except csv.Error as exc:
        raise InvalidValue(f"{name}, row {reader.line_num}: not valid CSV ({exc})") from None
    return incoming


def read_package(path: Path, table: str | None = None) -> Incoming:
    """A Frictionless Data Package that ``export --format datapackage`` wrote: the folder,
    or its ``datapackage.json``. Each resource is a table's CSV, read as a CSV import.

    Only the package's own folder is read: a resource path that is absolute or
    climbs out of it (``..``) is refused. The parties resource also holds the
    countries the records name (so that every party code joins); countries
    need no registration, so their rows are skipped.
    """
    import orjson

    descriptor = path / PACKAGE if path.is_dir() else path
    if path.is_dir() and not descriptor.exists():
        raise InvalidValue(f"{path} is a folder without a {PACKAGE}, not a file to import")
    name = str(descriptor)
    try:
        data = orjson.loads(read_file(descriptor))
    except orjson.JSONDecodeError as exc:
        raise InvalidValue(f"{name} is not valid JSON: {exc}") from None
    resources = data.get("resources") if isinstance(data, dict) else None
    if not isinstance(resources, list) or not resources:
        raise InvalidValue(f"{name} is not a data package: it has no list of resources")
    folder = descriptor.parent
    incoming = Incoming(name, {})
    seen: set[str] = set()
    for part, resource in enumerate(resources):
        where = resource.get("path") if isinstance(resource, dict) else None
        kind = resource.get("name") if isinstance(resource, dict) else None
        if kind not in models.TABLES or not isinstance(where, str):
            raise InvalidValue(
                f"{name}: resource {part + 1} is not a table of summits "
                f"({', '.join(models.TABLES)}) with a path"
            )
        relative = PurePath(where)
        if relative.is_absolute() or ".." in relative.parts or "\\" in where:
            raise InvalidValue(
                f"{name}: resource {kind!r} has a path outside the package: {where!r}"
            )
        if kind in seen:
            raise InvalidValue(f"{name}: the table {kind!r} is there twice")
        seen.add(kind)
        if table not in (None, "all", kind):
            continue
        text = decode(read_file(folder / relative), where)
        found = _read_csv(text, where, kind, part, f"{where}, ")
        rows = found.tables[kind]
        if kind == "parties":
            rows = [row for row in rows if not _is_country_row(row)]
        incoming.tables[kind] = rows
        incoming.problems += found.problems
    return incoming


def _is_country_row(row: Row) -> bool:
    code = row.values.get("code")
    return isinstance(code, str) and parties.is_country(code.strip().upper())


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
        # export --table all: the object of tables → a table's array → a record → a list
        strictjson.check(text, data, depth=4)
    except orjson.JSONDecodeError as exc:
        raise InvalidValue(f"{name} is not valid JSON: {exc}") from None
    except strictjson.Refused as exc:
        raise InvalidValue(f"{name} cannot be imported: {exc}") from None
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
    found = [Row("record ", r, (0, n)) for n, r in enumerate(data, 1)]
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
    wanted = [t for t in ORDER if t in data] if table in (None, "all") else [table]
    tables: dict[str, list[Row]] = {}
    for part, key in enumerate(wanted):
        records = data.get(key, [])
        if not isinstance(records, list):
            raise InvalidValue(f"{name}: {key!r} is not an array of records")
        tables[key] = [Row(f"{key} record ", r, (part, n)) for n, r in enumerate(records, 1)]
    return Incoming(name, tables)


def _read_jsonl(text: str, name: str, table: str | None) -> Incoming:
    import orjson

    if table == "all":
        raise InvalidValue(f"{name}: JSON Lines hold one table; 'all' needs --format json")
    found: list[Row] = []
    lines: list[tuple[int, str]] = []  # the number and text of each record in ``found``
    problems: list[Found] = []
    # Only "\n" ends a record: text may hold U+2028 and other line breaks.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            found.append(Row("line ", orjson.loads(line), (0, number)))
            lines.append((number, line))
        except orjson.JSONDecodeError as exc:
            problems.append(Found((0, number), f"line {number}: is not valid JSON ({exc})"))
    records = [row.values for row in found]
    # All lines at once (as one array: a record → a list), at C speed; line by line
    # only when that finds something, to name the lines.
    if problems or strictjson.suspect(text, records, depth=3):
        refused: set[int] = set()
        for row, (number, line) in zip(found, lines, strict=True):
            try:
                strictjson.check(line, row.values, depth=2)
            except strictjson.Refused as exc:
                problems.append(Found((0, number), f"line {number}: {exc}"))
                refused.add(number)
        # A refused record is not checked further: its nesting is what was refused.
        found = [
            row for row, (number, _) in zip(found, lines, strict=True) if number not in refused
        ]
        problems.sort(key=lambda problem: problem.place)
    table = table or _guess_records(records, name)
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
        # Some checks run over a whole table; the reader wants them row by row, as in
        # the file (a stable sort keeps a row's own problems in the order found).
        ordered = sorted(problems, key=lambda found: found.place)
        raise ImportRefused(incoming.name, [found.text for found in ordered])
    return result


def apply(db: Database, result: Plan) -> None:
    """Make the planned changes: one insert and one update per table."""
    for table in result.tables:
        db.import_records(table, result.added[table], result.replaced[table])


# Required fields an empty cell may leave out: the recording commands' defaults
# fill them (a new event id, the time of import, the start as the end, partner).
FILLED = {"events": ("id", "recorded"), "summits": ("end",)}
# The columns a file must have; the others may be left out and are read as empty.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    table: tuple(
        name
        for name in models.FIELDS[table]
        if name in models.REQUIRED[table]
        and name not in FILLED.get(table, ())
        and not models.FIELD[table][name].default
    )
    for table in models.TABLES
}
SUFFIXES = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
PACKAGE = "datapackage.json"
KNOWN = {table: frozenset(models.FIELDS[table]) | DERIVED[table] for table in models.FIELDS}
TICK_EVERY = 1000
_DICT = frozenset({dict})
_TEXT_OR_NONE = frozenset({str, type(None)})
# What a cell is read as beyond its cleaning: a date, or a party's code from its name.
DATE, PARTY = "date", "party"


class _Cell(NamedTuple):
    """How one field's cells are read: the declaration, its cleaning, what it parses."""

    spec: models.Field
    clean: Callable[[Any], Any]
    parse: str  # "", DATE or PARTY
    trim: bool  # cleaning a text is trimming it, nothing more (``rules.cleaner`` says so)


_CELLS = {
    table: [
        _Cell(
            spec,
            rules.cleaner(spec),
            DATE if spec.code == "date" else PARTY if spec.name == "party" else "",
            rules.cleaner(spec) is rules.trimmed,
        )
        for spec in fields
    ]
    for table, fields in models.DECLARATIONS.items()
}


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
        self.problems: list[Found] = []
        self.organisations = db.rows("parties")
        # Summits and organisations in the file count as known, so that one
        # bad summit row does not also make each of its events a problem.
        self.summit_ids = {doc["id"] for doc in db.rows("summits")} | self._keys("summits", "id")
        self.org_codes = {doc["code"] for doc in self.organisations}
        self.org_codes |= {code.upper() for code in self._keys("parties", "code")}
        self.event_ids = {doc["id"] for doc in db.rows("events")} | self._keys("events", "id")
        self._parsed: dict[tuple[str, str], tuple[str, SummitsError | None]] = {}
        self.persons = db.rows("persons")
        self.person_index = people.index(self.persons)
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
            if table == "persons":
                self._check_persons(added + replaced)
        return result

    # -- one table -----------------------------------------------------------

    def _table(self, table: str, found: list[Row]) -> tuple[list[Record], list[Record], int]:
        key_of = models.key_getter(table)  # the database's records and the checked rows are whole
        existing = {key_of(doc): doc for doc in self.db.rows(table)}
        first_seen: dict[str, Row] = {}
        added: list[Record] = []
        replaced: list[Record] = []
        unchanged = 0
        without_ids: list[tuple[Row, Record]] = []  # events whose row gave no id
        records = self._records(table, found, existing)
        events = table == "events"
        column = models.KEY_FIELD[table] or "party"
        # Where each record came from, for the checks across records of parties and persons.
        origin = self._origin if table in ("parties", "persons") else {}
        for row, doc in records:
            # (Asked of the row, not of id(doc): a refused row's record is freed,
            # and the next record may be given the same id().)
            if events and not _text(row.values.get("id")).strip():
                without_ids.append((row, doc))
                continue
            key = key_of(doc)
            if key in first_seen:
                again = f" for {doc['summit']}" if table == "invitations" else ""
                self._problem(
                    row,
                    column,
                    doc[column],
                    f"appears again{again} (first on {first_seen[key].where})",
                )
                continue
            first_seen[key] = row
            old = existing.get(key)
            if old is None:
                added.append(doc)
                origin[id(doc)] = row
            elif old == doc:
                unchanged += 1
            elif self.update:
                replaced.append(doc)
                origin[id(doc)] = row
            else:
                self._conflict(table, row, old, doc)
        if without_ids:
            with_ids = [(r, d) for r, d in records if _text(r.values.get("id")).strip()]
            new, unchanged_too = self._match_content(without_ids, with_ids, existing.values())
            added += new
            unchanged += unchanged_too
        return added, replaced, unchanged

    def _records(
        self, table: str, found: list[Row], existing: dict[str, Record]
    ) -> list[tuple[Row, Record]]:
        """Every row read into a record; the rules checked over the whole table at once.

        The rules are checked column by column (``rules.table_ok``), as the store
        checks a file; only when that fails is each record looked at alone.
        """
        docs = self._by_columns(table, found, existing, self.incoming.grids.get(table))
        if docs is not None and rules.table_ok(table, docs):
            self.tick(len(found))
            good = list(zip(found, docs, strict=True))
            if table == "parties":
                good = [(row, doc) for row, doc in good if self._check_organisation(row, doc)]
            return good
        read: list[tuple[Row, Record, frozenset[str]]] = []
        for count, row in enumerate(found, 1):
            if count % TICK_EVERY == 0:
                self.tick(TICK_EVERY)
            before = len(self.problems)
            doc, bad = self._record(table, row, existing)
            if doc is not None:
                read.append((row, doc, bad))
            elif len(self.problems) == before:
                raise AssertionError("a row was refused without a problem")  # pragma: no cover
        self.tick(len(found) % TICK_EVERY)
        whole = [(row, doc) for row, doc, bad in read if not bad]
        if rules.table_ok(table, [doc for _, doc in whole]):
            good, closer = whole, [entry for entry in read if entry[2]]
        else:
            good, closer = [], read
        for row, doc, bad in closer:
            broken = [p for p in rules.record_problems(table, doc) if p.field not in bad]
            for problem in broken:
                self._problem(row, problem.field, problem.value, wording.cell_predicate(problem))
            if not broken and not bad:
                good.append((row, doc))
        if table == "parties":  # beyond the record's rules: names that would shadow a country
            good = [(row, doc) for row, doc in good if self._check_organisation(row, doc)]
        return good

    def _by_columns(
        self,
        table: str,
        found: list[Row],
        existing: dict[str, Record],
        grid: tuple[list[str], list[list[str]]] | None = None,
    ) -> list[Record] | None:
        """Every row read at once, column by column, when none needs a word said of it.

        The common case of a large import, made fast: each row an object of known
        columns holding text, every date and party readable, every summit known.
        The cleaning and reading are those of ``_record`` (the same ``_CELLS``),
        each distinct date or party read once; None when any of that is not so,
        and then each row is read alone, so that every problem is named.
        """
        values = [row.values for row in found]
        size = len(values)
        by_name: dict[str, Sequence[str]] = {}
        if grid is not None and len(grid[1]) != size:
            grid = None  # (never so: a CSV's grid holds exactly its rows)
        if grid is not None:  # a CSV: its header was checked, its cells are texts
            header, rows = grid
            by_name = dict(zip(header, zip(*rows, strict=True), strict=True)) if rows else {}
        elif not _DICT.issuperset(map(type, values)) or not all(
            map(KNOWN[table].issuperset, values)
        ):
            return None
        columns: list[list[Any]] = []
        for cell in _CELLS[table]:
            name = cell.spec.name
            if cell.spec.computed:
                columns.append([[] if cell.spec.items else "" for _ in range(size)])
                continue
            column: list[Any]
            if grid is not None:
                column = list(by_name.get(name, ())) or [""] * size
            else:
                column = [value.get(name) for value in values]
                if not _TEXT_OR_NONE.issuperset(map(type, column)):
                    return None
                if None in column:
                    column = ["" if text is None else text for text in column]
            if cell.spec.items and LIST_SEPARATOR not in "\n".join(column):
                # No cell holds a second item: each is one item or none (``rules.cleaner``).
                column = [[text] if text else [] for text in map(str.strip, column)]
            else:
                column = list(map(str.strip if cell.trim else cell.clean, column))
            if cell.parse:
                distinct = set(column) - {""}
                if any(len(text) > cell.spec.limit for text in distinct):
                    return None
                try:
                    read = {text: self._parse(cell.parse, text) for text in distinct}
                except SummitsError:
                    return None
                read[""] = ""
                column = list(map(read.__getitem__, column))
            columns.append(column)
        names = [cell.spec.name for cell in _CELLS[table]]
        docs = [dict(zip(names, cells, strict=True)) for cells in zip(*columns, strict=True)]
        for doc in docs:
            self._fill(table, doc, existing)
            rules.fill_defaults(table, doc)
        if table == "events":
            link, index = people.link, self.person_index
            for doc in docs:
                doc["person"] = link(doc["by"], index)
        named = (doc["summit"] for doc in docs if doc["summit"])
        if table in ("events", "invitations") and not self.summit_ids.issuperset(named):
            return None
        return docs

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
                    Found(
                        row.place,
                        f"{row.where}: repeats {first} (the same event; this row has no id "
                        "to tell them apart); delete one of them",
                    )
                )
            elif content in known:
                unchanged += 1
            else:
                added.append(doc)
        return added, unchanged

    # -- one row -------------------------------------------------------------

    def _record(
        self, table: str, row: Row, existing: dict[str, Record]
    ) -> tuple[Record | None, frozenset[str]]:
        """The row as a complete record, cleaned and read, and the fields that could not be.

        None (after noting each problem) when the row cannot be a record at all,
        or names a summit that exists neither in the database nor in the file.
        """
        values = row.values
        if not isinstance(values, dict):
            self.problems.append(Found(row.place, f"{row.where}: is not a JSON object"))
            return None, frozenset()
        before = len(self.problems)
        if not KNOWN[table].issuperset(values):
            for name in values:
                if name not in KNOWN[table]:
                    self._problem(row, name, values[name], f"is not a column of {table}")
        doc: Record = {}
        bad: set[str] = set()
        get = values.get
        for cell in _CELLS[table]:
            name = cell.spec.name
            value = get(name)
            if value is None or cell.spec.computed:
                doc[name] = [] if cell.spec.items else ""  # a fresh list for each record
                continue
            # Trimming a text inline: the cleaner's call, a million times, costs more.
            value = value.strip() if cell.trim and type(value) is str else cell.clean(value)
            doc[name] = value
            if cell.parse and type(value) is str and value:
                if len(value) > cell.spec.limit:
                    continue  # refused by the rules below, before any parsing
                try:
                    doc[name] = self._parse(cell.parse, value)
                except SummitsError as exc:
                    self._problem(row, name, value, exc.predicate or str(exc))
                    bad.add(name)
        self._fill(table, doc, existing)
        rules.fill_defaults(table, doc)
        if table == "events" and isinstance(doc["by"], str):
            doc["person"] = people.link(doc["by"], self.person_index)
        if table in ("events", "invitations"):
            summit = doc["summit"]
            if isinstance(summit, str) and summit and summit not in self.summit_ids:
                self._problem(row, "summit", summit, "is not a summit in the database or the file")
        if len(self.problems) != before and not bad:
            bad.add("")  # a problem found here (not by the rules): the row is refused
        return doc, frozenset(bad)

    def _parse(self, what: str, value: str) -> str:
        """A date or party, each distinct one read once: 100,000 rows hold few of them."""
        key = (what, value)
        if key not in self._parsed:
            try:
                if what == DATE:
                    result = dates.parse(value)
                elif value in self.org_codes or parties.is_country(value):
                    result = value
                else:
                    result = parties.resolve(value, self.organisations)
                self._parsed[key] = (result, None)
            except SummitsError as exc:
                self._parsed[key] = ("", exc)
        result, error = self._parsed[key]
        if error is not None:
            raise error
        return result

    def _fill(self, table: str, doc: Record, existing: dict[str, Record]) -> None:
        """The recording commands' defaults for the empty cells named in FILLED."""
        if table == "summits" and doc["end"] == "":
            doc["end"] = doc["start"]
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

    def _check_organisation(self, row: Row, doc: Record) -> bool:
        """The rules of ``party add`` beyond the record's: no name that names a country."""
        try:
            parties.check_organisation(doc["code"], doc["name"], doc["aliases"])
        except SummitsError as exc:
            named = [("code", doc["code"]), ("name", doc["name"])]
            named += [("aliases", alias) for alias in doc["aliases"]]
            column = next((c for c, v in named if v == exc.value), "name")
            self._problem(row, column, exc.value, exc.predicate or str(exc))
            return False
        return True

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

    def _check_persons(self, written: list[Record]) -> None:
        """No name shared by two persons, in the database and the file together."""
        final = {doc["id"]: doc for doc in self.persons}
        final.update((doc["id"], doc) for doc in written)
        mine = {id(doc) for doc in written}
        for person_id, column, name in people.clashes(final.values()):
            doc = final[person_id]
            if id(doc) in mine:
                self._problem(self._origin[id(doc)], column, name, "already names another person")
        self.persons = list(final.values())
        self.person_index = people.index(self.persons)

    def _conflict(self, table: str, row: Row, old: Record, doc: Record) -> None:
        differ = [name for name in models.FIELDS[table] if old.get(name) != doc[name]]
        first = differ[0] if differ else (models.KEY_FIELD[table] or "party")
        also = f"; {', '.join(differ[1:])} differ too" if differ[1:] else ""
        self._problem(
            row,
            first,
            doc[first],
            f"differs from {quote(old.get(first))} in the database "
            f"({models.SINGULAR[table]} {models.key_of(table, doc)}{also}); "
            "use --update to replace it",
        )

    def _problem(self, row: Row, column: str, value: Any, predicate: str) -> None:
        """``row 7, column date: '2025-13-01' is not a real date``."""
        self.problems.append(
            Found(row.place, f"{row.where}, column {column}: {quote(value)} {predicate}")
        )


def _content(doc: Record) -> tuple[Any, ...]:
    """What an event says, without its id and recorded time: lists as tuples, to hash."""
    return tuple(
        tuple(doc[name]) if name in models.LIST_FIELDS else doc[name] for name in CONTENT_FIELDS
    )


CONTENT_FIELDS = tuple(name for name in models.FIELDS["events"] if name not in ("id", "recorded"))


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
