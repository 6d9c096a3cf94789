"""The database file: its format, atomic replacement, and the writers' lock.

The file is JSON meant to live in git, so it is written deterministically: a
schema version, then each table with one record a line (keys sorted), records
in id order. A new event is then a one-line diff, and 100,000 events still
serialise in one fast orjson pass per record.

Crash safety: a write goes to a temp file in the same folder, is fsynced, then
renamed over the old file, and the folder is fsynced. A kill at any instant
leaves the old file or the new one, whole. Writers hold an exclusive lock
(a sibling ``.NAME.lock``) for their whole read-check-write; readers never take
it, since the rename means they always see a whole file.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage
from tinydb.table import Document, Table

from summits import strictjson
from summits.cache import Identity
from summits.errors import DatabaseError
from summits.models import TABLES

# Schema 2 (version 2 of the product) adds event modes, stand-ins and persons,
# summit formats and statuses, invitation notes, and the history table.
SCHEMA_VERSION = 2
DEPTH = 4  # file → table → record → list of text; a nested field needs more
# A file with a history goes deeper, in its entries: file → history → entry → changes →
# table → add/change/remove → the key's change → the record before → a list of text.
# (A record nested deeper than its own four levels still breaks the rules.)
HISTORY_DEPTH = 9
# The history of changes (see ``history``) is stored as one more table of numbered
# entries, one a line, beside the record tables; it is not a table of records.
HISTORY = "history"
Tables = dict[str, dict[str, Any]]


def empty() -> Tables:
    return {name: {} for name in TABLES}


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


def _temp_prefix(path: Path) -> str:
    return f".{path.name}."


def load(path: Path) -> Tables:
    """Parse the file and check its outline; refuse with a sentence naming the file."""
    return parse(read(path), path)


def read(path: Path) -> bytes:
    """The file's bytes, or a sentence naming the file."""
    return snapshot(path)[0]


def snapshot(path: Path, real: Path | None = None) -> tuple[bytes, Identity | None]:
    """The bytes of ``real`` (default ``path``) and the identity of the file they came from.

    The identity (for the digest cache) is None when the file changed while it
    was read, as an editor writing in place does: those bytes are not the
    file's. Errors name ``path``, as the user gave it.
    """
    try:
        # O_NONBLOCK: a FIFO given as the database is refused below, not waited on.
        fd = os.open(real or path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DatabaseError(
            f"{path} does not exist; create it with 'summits init' or choose another with --db"
        ) from None
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read: {exc.strerror}") from None
    try:
        before = os.fstat(fd)
        if stat.S_ISDIR(before.st_mode):
            raise DatabaseError(f"{path} cannot be read: Is a directory")
        if not stat.S_ISREG(before.st_mode):
            raise DatabaseError(f"{path} is not a regular file, so not a summits database")
        with open(fd, "rb", closefd=False) as handle:
            raw = handle.read()
        after = os.fstat(fd)
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be read: {exc.strerror}") from None
    finally:
        os.close(fd)
    identity = Identity.of(before)
    return raw, identity if identity == Identity.of(after) else None


def parse(raw: bytes, path: Path, *, checked: bool = False) -> Tables:
    """The file's tables, upgraded in memory to this schema; refuse a file that is not one."""
    return parse_versioned(raw, path, checked=checked)[0]


def parse_versioned(raw: bytes, path: Path, *, checked: bool = False) -> tuple[Tables, int]:
    """The file's tables, upgraded in memory, and the schema version the file has.

    ``checked``: the digest cache knows these bytes passed every check before,
    so the scans for duplicate keys and deep nesting are spared.
    """
    try:
        data = _loads(raw)
        if not checked:
            has_history = isinstance(data, dict) and HISTORY in data
            strictjson.check(raw, data, HISTORY_DEPTH if has_history else DEPTH)
    except orjson.JSONDecodeError:
        raise DatabaseError(f"{path} is not a summits database: it is not valid JSON") from None
    except strictjson.Refused as exc:
        raise DatabaseError(f"{path} is not a summits database: {exc}") from None
    if not isinstance(data, dict) or "schema" not in data:
        raise DatabaseError(f"{path} is not a summits database: it has no schema version")
    version = data.pop("schema")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DatabaseError(f"{path} has an invalid schema version: {version!r}")
    if version > SCHEMA_VERSION:
        raise DatabaseError(
            f"{path} was written by a newer summits (schema {version}; this one reads "
            f"{SCHEMA_VERSION}); upgrade summits to use it"
        )
    unknown = sorted(data.keys() - {*TABLES, HISTORY})
    if unknown:
        raise DatabaseError(f"{path} is not a summits database: unknown table {unknown[0]!r}")
    tables = empty()
    for name, table in data.items():
        if not isinstance(table, dict) or not _numbered(table):
            raise DatabaseError(
                f"{path} is damaged: table {name!r} is not an object of numbered records"
            )
        tables[name] = table
    if version < SCHEMA_VERSION:
        upgrade(tables)
    return tables, version


def upgrade(tables: Tables) -> None:
    """Schema 1 to 2, in place and losslessly: each new field takes its default.

    Only fields a record lacks are added, and only to records that are objects:
    a record that breaks the rules still breaks them, and is reported as such.
    """
    from summits import rules

    for table in TABLES:
        for doc in tables.setdefault(table, {}).values():
            if isinstance(doc, dict):
                rules.fill_missing(table, doc)


def _numbered(table: dict[str, Any]) -> bool:
    """Every key is a record number (ASCII digits); map() keeps 100,000 keys cheap."""
    return all(map(str.isdigit, table)) and all(map(str.isascii, table))


def _loads(raw: bytes) -> Any:
    """orjson.loads without the cycle collector, which would rescan every new dict.

    A 100,000-event file is a million container objects; with the collector on,
    parsing takes twice as long. Parsed JSON has no reference cycles, so once
    parsed it is frozen out of later collections too (refcounting still frees it).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        data = orjson.loads(raw)
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return data


def dump(tables: Tables) -> bytes:
    """The file's bytes: stable order, one record a line, UTF-8, trailing newline."""
    parts = [b'{\n"schema": ', str(SCHEMA_VERSION).encode()]
    for name in sorted(tables):
        table = tables[name]
        parts.append(b",\n" + orjson.dumps(name) + b": {")
        if table:
            dumps, sort_keys = orjson.dumps, orjson.OPT_SORT_KEYS
            # Each line carries its separator, so the file is joined once: at 100,000
            # events every extra join is another 30 MB at the peak of a write.
            lines = [
                b'"' + key.encode() + b'": ' + dumps(table[key], option=sort_keys) + b",\n"
                for key in sorted(table, key=int)
            ]
            lines[-1] = lines[-1][:-2] + b"\n"
            parts.append(b"\n")
            parts += lines
        parts.append(b"}")
    parts.append(b"\n}\n")
    return b"".join(parts)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or new file, whole.

    A replaced file keeps its permission bits (a group-writable database stays
    so) and, where we may, its group; a new file gets ``0666 & ~umask``, as any
    file the user makes. An error names ``path``, never the temp file: the user
    asked for ``path`` (``/nonexist/x.csv: No such file or directory``), and the
    temp file is gone.
    """
    temp = path.with_name(f"{_temp_prefix(path)}{secrets.token_hex(4)}.tmp")
    try:
        try:
            old: os.stat_result | None = os.stat(path)
        except FileNotFoundError:
            old = None
        # The kernel applies the umask to 0o666, so a new file needs no umask read here.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                if old is not None:
                    # fchmod, not the mode given to open, which the umask would cut down.
                    os.fchmod(handle.fileno(), stat.S_IMODE(old.st_mode) & 0o777)
                    with contextlib.suppress(OSError):  # only a member of the group may
                        os.fchown(handle.fileno(), -1, old.st_gid)
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        # OSError(errno, ...) builds the matching subclass (FileNotFoundError, ...).
        raise OSError(exc.errno, exc.strerror or str(exc), os.fspath(path)) from None
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def sweep_temp_files(path: Path) -> None:
    """Remove temp files a killed writer left; only call while holding the lock.

    Only this file's own pattern (``.NAME.`` + 8 hex digits + ``.tmp``): the
    temp file of ``NAME.bak`` or of another tool is none of our business.
    """
    mine = re.compile(re.escape(_temp_prefix(path)) + r"[0-9a-f]{8}\.tmp")
    with os.scandir(path.parent) as entries:
        leftovers = [entry.path for entry in entries if mine.fullmatch(entry.name)]
    for leftover in leftovers:
        with contextlib.suppress(OSError):  # gone already, or a folder: not ours to force
            os.unlink(leftover)


class MemoryStorage(Storage):
    """TinyDB's storage seam: the whole file is read once and written at most once.

    TinyDB reads the storage on every query and writes it on every change. Here
    ``read`` hands out the tables parsed when the command opened the file and
    ``write`` only keeps the new tables in memory; the store writes the file
    once, atomically, when the command succeeds. So a command costs one parse
    and at most one write, and a refused command writes nothing at all.
    """

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.dirty = False

    def read(self) -> Tables:
        return self.tables

    def write(self, data: Tables) -> None:
        self.tables = data
        self.dirty = True

    def close(self) -> None:
        pass


class _IntKeys(MutableMapping[int, Any]):
    """A table's records as TinyDB's updaters see them (int ids), over the stored dict.

    The file and the storage key records by text; TinyDB's updaters index by int.
    Rather than copying the whole table into an int-keyed dict and back on every
    change (what ``Table._update_table`` does), this view translates each key.
    """

    def __init__(self, records: dict[str, Any]) -> None:
        self.records = records

    def __getitem__(self, key: int) -> Any:
        return self.records[str(key)]

    def __setitem__(self, key: int, value: Any) -> None:
        self.records[str(key)] = value

    def __delitem__(self, key: int) -> None:
        del self.records[str(key)]

    def __iter__(self) -> Iterator[int]:
        return map(int, self.records)

    def __len__(self) -> int:
        return len(self.records)

    def __contains__(self, key: object) -> bool:
        return str(key) in self.records


class InPlaceTable(Table):
    """TinyDB's table, changed in place in the storage's memory: TinyDB's own seam.

    ``Table._update_table`` reads the whole database, rebuilds the table with
    int keys, lets the change run, rebuilds it with text keys and writes it
    all back: twice O(n) for every insert, so O(n²) for an import. With
    ``MemoryStorage`` holding the parsed tables, a change can run on them
    directly; the storage is then told that they changed.
    """

    def _update_table(self, updater: Callable[[dict[int, Mapping[str, Any]]], None]) -> None:
        tables = self._storage.read() or {}
        updater(_IntKeys(tables.setdefault(self.name, {})))  # type: ignore[arg-type]
        self._storage.write(tables)
        self.clear_cache()

    def insert_multiple(self, documents: Iterable[Mapping[str, Any]]) -> list[int]:
        """Add records as they are: TinyDB's own copies each one, which ours need not be.

        A ``Document`` keeps its ``doc_id``, as in TinyDB (so undo puts a removed
        record back in its place); the others are numbered after the last.
        """
        tables = self._storage.read() or {}
        records = tables.setdefault(self.name, {})
        added = list(documents)
        if any(isinstance(doc, Document) for doc in added):
            return self._insert_placed(tables, records, added)
        first = max(map(int, records), default=0) + 1
        records.update(zip(map(str, range(first, first + len(added))), added, strict=True))
        self._storage.write(tables)
        self.clear_cache()
        self._next_id = None  # TinyDB's cached next id is stale now
        return list(range(first, first + len(added)))

    def _insert_placed(
        self, tables: Tables, records: dict[str, Any], added: list[Mapping[str, Any]]
    ) -> list[int]:
        placed = {doc.doc_id for doc in added if isinstance(doc, Document)}
        taken = [number for number in placed if str(number) in records]
        if taken:
            raise ValueError(f"document with ID {taken[0]} already exists")
        following = max([*map(int, records), *placed], default=0) + 1
        numbers = []
        for doc in added:
            if isinstance(doc, Document):
                number = doc.doc_id
            else:
                number, following = following, following + 1
            records[str(number)] = dict(doc)  # a plain dict, as parsing the file gives
            numbers.append(number)
        self._storage.write(tables)
        self.clear_cache()
        self._next_id = None
        return numbers

    def insert(self, document: Mapping[str, Any]) -> int:
        return self.insert_multiple([document])[0]
