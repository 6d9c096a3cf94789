"""The summits database: open it, ask it questions, change it.

``reading(path)`` opens the file for a query; ``writing(path)`` takes the
writers' lock, opens it, refuses a file whose records break the rules, and
writes it back once, atomically, if the block succeeds. Every change below
raises a SummitsError before touching anything when it is refused, and a block
that raises writes nothing, so a refused command leaves the file as it was.
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from summits import cache, dates, history, models, parties, people, rules, storage, wording
from summits.errors import (
    Ambiguous,
    Conflict,
    DatabaseError,
    InvalidValue,
    NotFound,
    SummitsError,
)

Record = dict[str, Any]
LOCK_TIMEOUT = 60.0


@contextlib.contextmanager
def reading(path: Path, *, trust: bool = False) -> Iterator[Database]:
    """Open the database for questions; never waits for a writer.

    A file whose records break the rules is refused, as writers refuse it. The
    whole check costs about half a second at 100,000 events, so it runs once per
    content: a file summits checked or wrote before is known by the digest cache.
    ``trust`` skips it, for ``check``, whose job is to list the problems.
    """
    real = real_path(path)
    raw, identity = storage.snapshot(path, real)
    known = not trust and cache.is_checked(real, identity, raw)
    database = Database(path, *storage.parse_versioned(raw, path, checked=known))
    if not trust and not known:
        _refuse_broken(database)
        cache.remember_checked(real, identity, raw)
    del raw
    try:
        yield database
    except (SummitsError, OSError):
        raise  # a refusal, or a closed pipe: nothing to do with the file's records
    except Exception:
        _refuse_broken(database)  # a digest that lied: still a sentence, not a traceback
        raise


def real_path(path: Path) -> Path:
    """The file behind any symbolic links, where the lock, temp file and rename happen.

    Replacing the link itself would turn it into a copy that the real file (say,
    in a shared folder) never hears of.
    """
    return Path(os.path.realpath(path))


def _refuse_broken(database: Database) -> None:
    """Raise a sentence naming the file and its first problem, if it has any."""
    broken = database.problems()
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise DatabaseError(
            f"{database.path} breaks the rules: {wording.sentence(broken[0])}{more}; "
            "'summits check' lists them, to mend in an editor"
        )


@contextlib.contextmanager
def writing(path: Path) -> Iterator[Database]:
    """Lock, open, let the block change the database, then write it once."""
    real = real_path(path)
    _refuse_unwritable(path, real)
    with _locked(path, real):
        raw, identity = storage.snapshot(path, real)
        known = cache.is_checked(real, identity, raw)
        db = Database(path, *storage.parse_versioned(raw, path, checked=known))
        if not known:
            _refuse_broken(db)
            cache.remember_checked(real, identity, raw)
        del raw  # 30 MB at 100,000 events that the block and the dump do not need
        yield db
        if db.storage.dirty:
            # The entries saying what changed go into the same write as the change.
            if db.schema < storage.SCHEMA_VERSION:
                history.upgraded(db.storage.tables, db.schema, storage.SCHEMA_VERSION)
            history.append(db.storage.tables, db.changes)
            # Every change below keeps the rules, so the new file is as valid as the old.
            new = storage.dump(db.storage.tables)
            storage.sweep_temp_files(real)
            _replace(path, real, new)
            with contextlib.suppress(OSError):  # only ever a speed-up
                cache.remember_checked(real, cache.Identity.of(os.stat(real)), new)
            if db.schema < storage.SCHEMA_VERSION:
                notice(f"upgraded {path} to schema {storage.SCHEMA_VERSION}")


def _ignore(message: str) -> None:
    """The default ``notice``: a library says nothing itself."""


# Told what a command did beyond its answer (a file's schema upgrade), for the CLI
# to say on standard error; the library never prints.
notice: Callable[[str], None] = _ignore


def _refuse_unwritable(path: Path, real: Path) -> None:
    """Refuse a missing or read-only file before anything (even the lock file) is made.

    The mode bits are asked as well as ``os.access``, which tells root yes to
    anything: a file its owner made read-only stays so, whoever runs summits.
    """
    try:
        mode = os.stat(real).st_mode
    except OSError:
        storage.snapshot(path, real)  # raises the sentence: does not exist, cannot be read
        raise
    if stat.S_ISREG(mode) and (not mode & 0o222 or not os.access(real, os.W_OK)):
        raise DatabaseError(f"{path} is read-only, so summits will not change it")


def _replace(path: Path, real: Path, data: bytes) -> None:
    """Write the real file atomically; an error names the file as the user gave it."""
    try:
        storage.atomic_write(real, data)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror or str(exc), os.fspath(path)) from None


def create(path: Path, tables: storage.Tables | None = None) -> None:
    """Write a new database; refuse to replace an existing file, or tables that break the rules."""
    real = real_path(path)
    if real.exists():
        raise Conflict(f"{path} already exists; summits init never overwrites a database")
    if tables is not None:
        _refuse_broken(Database(path, tables))
    real.parent.mkdir(parents=True, exist_ok=True)
    # The writers' lock, so that of two inits at once the second sees the first's file
    # instead of replacing it (and a log cannot slip in between).
    with _locked(path, real):
        if real.exists():
            raise Conflict(f"{path} already exists; summits init never overwrites a database")
        _replace(path, real, storage.dump(tables if tables is not None else storage.empty()))


def sample() -> storage.Tables:
    """The bundled dataset's tables (``init --sample``), read as any database is."""
    from importlib.resources import files

    raw = files("summits").joinpath("sample.json").read_bytes()
    return storage.parse(raw, Path("the bundled sample"))


@contextlib.contextmanager
def _locked(path: Path, real: Path) -> Iterator[None]:
    """Hold the writers' lock (a file beside the real database) for the block."""
    from filelock import FileLock, Timeout  # lazy: only writers need it

    lock = FileLock(storage.lock_path(real), timeout=LOCK_TIMEOUT)
    try:
        lock.acquire()
    except Timeout:
        raise DatabaseError(f"{path} is locked by another summits command; try again") from None
    except OSError as exc:
        raise DatabaseError(f"{path} cannot be locked: {exc.strerror}") from None
    try:
        yield
    finally:
        lock.release()


@dataclass(frozen=True)
class EventFilter:
    """The questions ``summits events`` and the views can ask of events."""

    summits: frozenset[str] | None = None
    party: str | None = None
    kinds: frozenset[str] | None = None
    levels: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    search: str | None = None
    tags: frozenset[str] | None = None  # any of them
    modes: frozenset[str] | None = None
    person: PersonMatch | None = None

    def __call__(self, event: Mapping[str, Any]) -> bool:
        if self.summits is not None and event["summit"] not in self.summits:
            return False
        if self.party is not None and event["party"] != self.party:
            return False
        if self.kinds is not None and event["kind"] not in self.kinds:
            return False
        if self.levels is not None and event["level"] not in self.levels:
            return False
        if (self.since or self.until) and not dates.overlaps(event["date"], self.since, self.until):
            return False
        if self.tags is not None and self.tags.isdisjoint(event["tags"]):
            return False
        if self.modes is not None and event["mode"] not in self.modes:
            return False
        if self.person is not None and not self.person(event):
            return False
        return self.search is None or _mentions(event, self.search.casefold())


@dataclass(frozen=True)
class PersonMatch:
    """A person's events: linked to the registered person, or (unregistered) ``by`` as given."""

    person: str  # the registered person's id, or empty
    text: str  # the folded text asked for

    def __call__(self, event: Mapping[str, Any]) -> bool:
        if self.person:
            return bool(event["person"] == self.person)
        return people.fold(event["by"]) == self.text


_SEARCHED = ("by", "instead_of", "reason", "notes", "party", "summit")


def _mentions(event: Mapping[str, Any], needle: str) -> bool:
    texts = [event[name] for name in _SEARCHED] + event["sources"] + event["tags"]
    return any(needle in text.casefold() for text in texts)


class Database:
    """One open database file. Reads come from memory; changes go through TinyDB."""

    def __init__(
        self, path: Path, tables: storage.Tables, schema: int = storage.SCHEMA_VERSION
    ) -> None:
        self.path = path
        self.schema = schema  # the version of the file as read (upgraded in memory)
        self.storage = storage.MemoryStorage(tables)
        self.changes = history.Changes()  # what this command changed, for its history entry

    @functools.cached_property
    def _tinydb(self) -> Any:
        """TinyDB over the in-memory tables, made only by commands that change records."""
        from tinydb import TinyDB  # lazy: readers never need it

        class Store(TinyDB):
            table_class = storage.InPlaceTable

        return Store(storage=lambda: self.storage)

    # -- reading ------------------------------------------------------------

    def rows(self, table: str) -> list[Record]:
        """The table's records as stored (no copies: do not change them)."""
        return list(self.storage.tables.get(table, {}).values())

    def problems(self) -> list[rules.Problem]:
        org_codes = {
            doc["code"]
            for doc in self.rows("parties")
            if isinstance(doc, dict) and isinstance(doc.get("code"), str)
        }
        return rules.problems(
            self.storage.tables, lambda code: code in org_codes or parties.is_country(code)
        )

    @functools.cached_property
    def party_names(self) -> dict[str, str]:
        return parties.names(self.rows("parties"))

    def party_name(self, code: str) -> str:
        return self.party_names.get(code, "")

    def resolve_party(self, text: str) -> str:
        return parties.resolve(text, self.rows("parties"))

    # -- persons --------------------------------------------------------------

    @functools.cached_property
    def _person_index(self) -> dict[str, str]:
        return people.index(self.rows("persons"))

    def person(self, person_id: str) -> models.Person:
        for doc in self.rows("persons"):
            if doc["id"] == person_id:
                return cast(models.Person, doc)
        raise NotFound(_unknown("person", person_id, [d["id"] for d in self.rows("persons")]))

    def persons(self, party: str | None = None) -> list[Record]:
        found = [doc for doc in self.rows("persons") if party in (None, doc["party"])]
        return sorted(found, key=lambda doc: doc["id"])

    def person_names(self) -> dict[str, str]:
        """Person id → the name to show."""
        return {doc["id"]: doc["name"] for doc in self.rows("persons")}

    def match_person(self, text: str) -> PersonMatch:
        """``--person``: a person's id, name or alias, or else the text of ``by``."""
        return PersonMatch(people.link(text.strip(), self._person_index), people.fold(text))

    def _linked(self, doc: Record) -> models.Event:
        """An event with ``person`` set from its ``by`` (the tool sets it, never the user)."""
        return cast(models.Event, {**doc, "person": people.link(doc["by"], self._person_index)})

    @functools.cached_property
    def _summits_by_id(self) -> dict[str, Record]:
        return {doc["id"]: doc for doc in self.rows("summits")}

    def summit(self, summit_id: str) -> models.Summit:
        try:
            return cast(models.Summit, self._summits_by_id[summit_id])
        except KeyError:
            raise NotFound(_unknown("summit", summit_id, self._summits_by_id)) from None

    def summits(
        self, series: str | None = None, since: str | None = None, until: str | None = None
    ) -> list[Record]:
        """Summits in date order, filtered by series and by dates they overlap.

        A series no summit belongs to is refused, so a typo is not an empty answer.
        """
        if series is not None and series.casefold() not in map(str.casefold, self.series()):
            listed = ", ".join(self.series()) or "none recorded yet"
            raise NotFound(f"no summits in series {series!r} (series: {listed})")
        found = [
            doc
            for doc in self.rows("summits")
            if (series is None or doc["series"].casefold() == series.casefold())
            and (since is None or dates.last_day(doc["end"]) >= dates.first_day(since))
            and (until is None or dates.first_day(doc["start"]) <= dates.last_day(until))
        ]
        return sorted(found, key=models.summit_order)

    def series(self) -> list[str]:
        return sorted({doc["series"] for doc in self.rows("summits") if doc["series"]})

    def invitations(self, summit_id: str | None = None) -> list[Record]:
        found = [doc for doc in self.rows("invitations") if summit_id in (None, doc["summit"])]
        return sorted(found, key=lambda doc: (doc["summit"], doc["party"]))

    def events(self, where: Callable[[Record], bool] | None = None) -> list[Record]:
        """Events in date order (a month before its days), then by when recorded."""
        found = [doc for doc in self.rows("events") if where is None or where(doc)]
        return models.sorted_events(found)

    def event(self, prefix: str) -> models.Event:
        """The event whose id starts with ``prefix``; refuse none or several."""
        prefix = prefix.strip().lower()
        if not prefix:
            raise InvalidValue("an event id cannot be empty")
        matches = [doc for doc in self.rows("events") if doc["id"].startswith(prefix)]
        if not matches:
            raise NotFound(f"no event has an id starting with {prefix!r}")
        if len(matches) > 1:
            exact = [doc for doc in matches if doc["id"] == prefix]
            if exact:
                return cast(models.Event, exact[0])
            ids = ", ".join(sorted(doc["id"] for doc in matches)[:5])
            raise Ambiguous(
                f"{prefix!r} is the start of {len(matches)} event ids ({ids}); type more of it"
            )
        return cast(models.Event, matches[0])

    # -- changing -------------------------------------------------------------

    def _doc_ids(self, table: str, match: Callable[[Record], bool]) -> list[int]:
        return [int(key) for key, doc in self.storage.tables[table].items() if match(doc)]

    def _numbered(self, table: str, doc_ids: Iterable[int]) -> list[tuple[int, Record]]:
        records = self.storage.tables[table]
        return [(doc_id, records[str(doc_id)]) for doc_id in doc_ids]

    def _insert(self, table: str, doc: Record) -> None:
        doc_id = self._tinydb.table(table).insert(doc)
        self.changes.inserted(table, [(doc_id, doc)])
        self._forget_lookups()

    def _replace(self, table: str, doc_ids: list[int], doc: Record) -> None:
        self.changes.replacing(table, self._numbered(table, doc_ids))
        self._tinydb.table(table).update(doc, doc_ids=doc_ids)
        self._forget_lookups()

    def _remove(self, table: str, doc_ids: list[int]) -> None:
        if doc_ids:
            self.changes.removing(table, self._numbered(table, doc_ids))
            self._tinydb.table(table).remove(doc_ids=doc_ids)
        self._forget_lookups()

    def _forget_lookups(self) -> None:
        """Drop the lookups built from the tables, after any change to them."""
        for name in ("_summits_by_id", "party_names", "_person_index"):
            self.__dict__.pop(name, None)

    def add_summit(self, **values: Any) -> models.Summit:
        values.setdefault("end", values.get("start", ""))
        doc = cast(models.Summit, rules.make("summits", **values))
        if doc["id"] in self._summits_by_id:
            raise Conflict(f"summit {doc['id']!r} already exists; change it with 'summit edit'")
        self._insert("summits", dict(doc))
        return doc

    def edit_summit(self, summit_id: str, **changes: Any) -> models.Summit:
        old = self.summit(summit_id)
        if "start" in changes and "end" not in changes and old["end"] == old["start"]:
            changes["end"] = changes["start"]  # a one-day summit moves as one
        doc = cast(models.Summit, rules.make("summits", **{**old, **changes}))
        self._replace(
            "summits", self._doc_ids("summits", lambda d: d["id"] == summit_id), dict(doc)
        )
        return doc

    def remove_summit(self, summit_id: str, force: bool = False) -> tuple[int, int]:
        """Remove a summit; with ``force`` its invitations and events too. Returns their counts."""
        self.summit(summit_id)
        invitations = self._doc_ids("invitations", lambda d: d["summit"] == summit_id)
        events = self._doc_ids("events", lambda d: d["summit"] == summit_id)
        if (invitations or events) and not force:
            raise Conflict(
                f"summit {summit_id!r} has {len(invitations)} invitation(s) and "
                f"{len(events)} event(s); remove them first or use --force"
            )
        self._remove("invitations", invitations)
        self._remove("events", events)
        self._remove("summits", self._doc_ids("summits", lambda d: d["id"] == summit_id))
        return len(invitations), len(events)

    def add_party(self, code: str, name: str, aliases: Iterable[str] = ()) -> models.Party:
        doc = rules.clean("parties", {"code": code, "name": name, "aliases": list(aliases)})
        parties.check_organisation(doc["code"], doc["name"], doc["aliases"])
        party = cast(models.Party, rules.make("parties", **doc))
        taken = {
            parties.fold(key): old["code"]
            for old in self.rows("parties")
            for key in (old["code"], old["name"], *old["aliases"])
        }
        for value in (party["code"], party["name"], *party["aliases"]):
            if parties.fold(value) in taken:
                raise Conflict(
                    f"{value!r} already names the organisation {taken[parties.fold(value)]}"
                )
        self._insert("parties", dict(party))
        return party

    def add_person(self, **values: Any) -> tuple[models.Person, int]:
        """Register a person; returns it and how many events it now names."""
        doc = rules.make("persons", **values)
        if doc["id"] in {d["id"] for d in self.rows("persons")}:
            raise Conflict(f"person {doc['id']!r} already exists; change it with 'person edit'")
        self._check_person(doc)
        self._insert("persons", doc)
        return cast(models.Person, doc), self._relink()

    def edit_person(self, person_id: str, **changes: Any) -> tuple[Record, Record, int]:
        """Change a person; returns the old and new records and how many events changed link."""
        old = dict(self.person(person_id))  # a copy: the update changes the record in place
        doc = rules.make("persons", **{**old, **changes})
        self._check_person(doc)
        self._replace("persons", self._doc_ids("persons", lambda d: d["id"] == person_id), doc)
        return old, doc, self._relink()

    def remove_person(self, person_id: str, force: bool = False) -> tuple[models.Person, int]:
        """Remove a person; refused while events name them, unless ``force`` (they unlink)."""
        doc = self.person(person_id)
        named = sum(1 for event in self.rows("events") if event["person"] == person_id)
        if named and not force:
            raise Conflict(
                f"person {person_id!r} is named by {named} event(s); "
                "their 'by' stays as written: use --force to remove the person anyway"
            )
        self._remove("persons", self._doc_ids("persons", lambda d: d["id"] == person_id))
        self._relink()
        return doc, named

    def _check_person(self, doc: Record) -> None:
        if doc["party"]:
            doc["party"] = self.resolve_party(doc["party"])
        others = [d for d in self.rows("persons") if d["id"] != doc["id"]]
        for person_id, _field, name in people.clashes([*others, doc]):
            if person_id == doc["id"]:
                owner = people.index(others)[people.fold(name)]
                raise Conflict(f"{name!r} already names the person {owner}")

    def _relink(self) -> int:
        """Link every event to the person its ``by`` names now; how many changed."""
        self._forget_lookups()
        moves: dict[str, list[int]] = {}  # new person -> the events that now name them
        for key, doc in self.storage.tables["events"].items():
            person = people.link(doc["by"], self._person_index)
            if doc["person"] != person:
                moves.setdefault(person, []).append(int(key))
        for person, doc_ids in moves.items():
            self._replace("events", doc_ids, {"person": person})
        return sum(map(len, moves.values()))

    def invite(
        self,
        summit_id: str,
        codes: Iterable[str],
        role: str | None,
        date: str,
        sources: list[str],
        notes: str | None = None,
    ) -> list[tuple[str, str, str]]:
        """Invite parties (codes already resolved); returns (code, role, added|updated|unchanged).

        ``role`` None keeps an existing invitation's role (a new one is a partner),
        so adding a source to the EU's invitation does not demote it from guest.
        """
        self.summit(summit_id)
        outcome = []
        for code in dict.fromkeys(codes):
            doc = rules.make(
                "invitations",
                summit=summit_id,
                party=code,
                role=role,
                date=date,
                notes=notes,
                sources=sources,
            )
            match = self._doc_ids("invitations", _is_invitation(summit_id, code))
            if not match:
                self._insert("invitations", doc)
                outcome.append((code, doc["role"], "added"))
                continue
            old = self.storage.tables["invitations"][str(match[0])]
            merged = rules.make(
                "invitations",
                **{
                    **old,
                    "role": role or old["role"],
                    "date": doc["date"] or old["date"],
                    "notes": old["notes"] if notes is None else doc["notes"],
                    "sources": [*old["sources"], *doc["sources"]],
                },
            )
            if merged == old:
                outcome.append((code, old["role"], "unchanged"))
            else:
                self._replace("invitations", match, merged)
                outcome.append((code, merged["role"], "updated"))
        return outcome

    def is_invited(self, summit_id: str, code: str) -> bool:
        return any(map(_is_invitation(summit_id, code), self.rows("invitations")))

    def log(self, **values: Any) -> models.Event:
        """Record a new event; ``summit`` must exist and ``party`` be a resolved code."""
        self.summit(values["summit"])
        values.setdefault("id", models.new_event_id(d["id"] for d in self.rows("events")))
        values.setdefault("recorded", dates.utc_now())
        doc = self._linked(rules.make("events", **values))
        self._insert("events", dict(doc))
        return doc

    def edit_event(self, prefix: str, **changes: Any) -> models.Event:
        old = self.event(prefix)
        if "summit" in changes:
            self.summit(changes["summit"])
        kind = changes.get("kind", old["kind"])
        if not rules.represents(kind):
            # Another kind that takes neither: the old mode and stand-in go with it.
            changes = {"mode": "", "instead_of": "", **changes}
        doc = self._linked(rules.make("events", **{**old, **changes}))
        event_ids = self._doc_ids("events", lambda d: d["id"] == old["id"])
        self._replace("events", event_ids, dict(doc))
        return doc

    def remove_event(self, prefix: str) -> models.Event:
        doc = self.event(prefix)
        self._remove("events", self._doc_ids("events", lambda d: d["id"] == doc["id"]))
        return doc

    def import_records(self, table: str, added: list[Record], replaced: list[Record]) -> None:
        """Add and replace many checked records (``summits import``): one TinyDB call each.

        A replacement finds its record by key.
        """
        target = self._tinydb.table(table)
        if replaced:
            by_key = {models.key_of(table, doc): doc for doc in replaced}

            def swap(doc: MutableMapping[str, Any]) -> None:
                new = by_key[models.key_of(table, doc)]
                doc.clear()
                doc.update(new)

            doc_ids = self._doc_ids(table, lambda d: models.key_of(table, d) in by_key)
            self.changes.replacing(table, self._numbered(table, doc_ids))
            target.update(swap, doc_ids=doc_ids)
        if added:
            self.changes.inserted(table, zip(target.insert_multiple(added), added, strict=True))
        self._forget_lookups()

    def revert(self, table: str, records: Mapping[str, tuple[Record | None, int | None]]) -> None:
        """Make each named record what is given (None: absent), for undo, in any table.

        ``records`` maps a key to the record to put back and the place it had in
        the file: a record put back where it was, when that place is free, gives
        the file its old bytes again.
        """
        from tinydb.table import Document

        present = {
            key: int(number)
            for number, doc in self.storage.tables[table].items()
            if (key := models.key_of(table, doc)) in records
        }
        gone = [present[key] for key, (doc, _) in records.items() if doc is None and key in present]
        self._remove(table, gone)
        taken = set(self.storage.tables[table])
        replaced: list[Record] = []
        added: list[Record] = []
        for key, (doc, place) in records.items():
            if doc is None:
                continue
            if key in present:
                replaced.append(doc)
            elif place is not None and str(place) not in taken:
                added.append(Document(doc, doc_id=place))
                taken.add(str(place))
            else:
                added.append(doc)
        self.import_records(table, added, replaced)


def _is_invitation(summit_id: str, code: str) -> Callable[[Record], bool]:
    return lambda doc: doc["summit"] == summit_id and doc["party"] == code


def _unknown(what: str, value: str, known: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(value, list(known), n=3)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    return f"no {what} {value!r}{hint}"
