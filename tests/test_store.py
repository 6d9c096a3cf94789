"""The database: one write on success only, refusals that change nothing, queries."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from core_helpers import (
    AUS_2024,
    JPN_ATTENDED,
    JPN_CANCELLED,
    KOR_CANCELLED,
    NATO_2025,
    event,
    tables,
)
from summits import storage, store
from summits.errors import Ambiguous, Conflict, DatabaseError, InvalidValue, NotFound


def test_create_refuses_an_existing_file(db: Path) -> None:
    before = db.read_bytes()
    with pytest.raises(Conflict) as refused:
        store.create(db)
    assert str(refused.value) == f"{db} already exists; summits init never overwrites a database"
    assert db.read_bytes() == before


def test_two_creates_at_once_never_replace_each_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    path = tmp_path / "db.json"
    reached_lock = threading.Event()
    real_lock_path = storage.lock_path

    def lock_path(target: Path) -> Path:
        reached_lock.set()  # create has found no file and now waits for the lock
        return real_lock_path(target)

    monkeypatch.setattr(storage, "lock_path", lock_path)
    outcome: list[BaseException | None] = []

    def second_init() -> None:
        try:
            store.create(path)
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    with FileLock(real_lock_path(path)):  # the first init holds the lock...
        thread = threading.Thread(target=second_init)
        thread.start()
        assert reached_lock.wait(30)
        path.write_bytes(b"the first init's file")  # ...and writes its file
    thread.join(30)
    assert isinstance(outcome[0], Conflict)
    assert path.read_bytes() == b"the first init's file"


def test_create_makes_folders(tmp_path: Path) -> None:
    path = tmp_path / "data" / "summits.json"
    store.create(path)
    assert path.read_bytes() == storage.dump(storage.empty())


def test_writing_writes_once_on_success(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    writes: list[bytes] = []
    real = storage.atomic_write
    monkeypatch.setattr(
        storage, "atomic_write", lambda path, data: (writes.append(data), real(path, data))
    )
    with store.writing(db) as database:
        database.add_summit(id="g20-2025", name="G20", start="2025-11-22")
        database.log(summit="g20-2025", party="JPN", kind="confirmed", date="2025-11")
        database.invite("g20-2025", ["JPN"], None, "", [])
    assert len(writes) == 1
    assert db.read_bytes() == writes[0]


def test_writing_without_changes_does_not_write(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "atomic_write", lambda path, data: pytest.fail("wrote"))
    with store.writing(db) as database:
        database.summit("nato-2025")


def test_a_block_that_raises_leaves_the_file_byte_identical(db: Path) -> None:
    before = db.read_bytes()
    with pytest.raises(RuntimeError), store.writing(db) as database:
        database.add_summit(id="g20-2025", name="G20", start="2025-11-22")
        raise RuntimeError("boom")
    assert db.read_bytes() == before
    with pytest.raises(NotFound), store.writing(db) as database:
        database.remove_summit("nato-2025", force=True)
        database.summit("nope")
    assert db.read_bytes() == before


def test_the_next_write_sweeps_stale_temp_files(db: Path) -> None:
    stale = db.with_name(f".{db.name}.deadbeef.tmp")
    stale.write_bytes(b'{"half a file')
    with store.reading(db):
        pass
    assert stale.exists()  # readers never sweep
    with store.writing(db) as database:
        database.add_summit(id="g20-2025", name="G20", start="2025-11-22")
    assert not stale.exists()


def test_writing_a_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    with pytest.raises(DatabaseError, match="does not exist"), store.writing(path):
        pass
    assert list(tmp_path.iterdir()) == []


def test_writers_refuse_a_file_that_breaks_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    broken = tables(summits=[NATO_2025], events=[{**KOR_CANCELLED, "summit": "gone"}, "junk"])
    path.write_bytes(storage.dump(broken))
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as refused, store.writing(path) as database:
        database.add_summit(id="g20-2025", name="G20", start="2025-11-22")
    assert str(refused.value) == (
        f"{path} breaks the rules: event #2 is not a JSON object "
        "(and 1 more); 'summits check' lists them, to mend in an editor"
    )
    assert path.read_bytes() == before


def test_readers_name_the_file_when_a_broken_record_trips_them(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(storage.dump(tables(summits=[NATO_2025], events=[{"id": "x"}])))
    with pytest.raises(DatabaseError) as refused, store.reading(path) as database:
        database.events()
    assert str(refused.value) == (
        f"{path} breaks the rules: event x: summit must be a string (and 13 more); "
        "'summits check' lists them, to mend in an editor"
    )


def test_readers_let_other_errors_through(db: Path) -> None:
    with pytest.raises(KeyError), store.reading(db):
        raise KeyError("a bug, not the file")


# -- queries -------------------------------------------------------------------


def test_events_in_date_order_month_before_its_days(db: Path) -> None:
    with store.reading(db) as database:
        ids = [doc["id"] for doc in database.events()]
    assert ids == [AUS_2024["id"], JPN_CANCELLED["id"], KOR_CANCELLED["id"], JPN_ATTENDED["id"]]


@pytest.mark.parametrize(
    ("where", "ids"),
    [
        (store.EventFilter(), ["0c0ffee0", "3f9b0000", "3f9a1c2e", "a1b2c3d4"]),
        (store.EventFilter(summits=frozenset({"nato-2024"})), ["0c0ffee0"]),
        (store.EventFilter(party="JPN"), ["3f9b0000", "a1b2c3d4"]),
        (store.EventFilter(kinds=frozenset({"cancelled"})), ["3f9b0000", "3f9a1c2e"]),
        (
            store.EventFilter(levels=frozenset({"minister", "deputy-leader"})),
            ["0c0ffee0", "a1b2c3d4"],
        ),
        (store.EventFilter(since="2025-06-15"), ["3f9b0000", "3f9a1c2e", "a1b2c3d4"]),
        (store.EventFilter(since="2025-06-23"), ["3f9b0000", "a1b2c3d4"]),
        (store.EventFilter(until="2024"), ["0c0ffee0"]),
        (store.EventFilter(until="2025-06-01"), ["0c0ffee0", "3f9b0000"]),
        (store.EventFilter(search="IWAYA"), ["a1b2c3d4"]),
        (store.EventFilter(search="middle east"), ["3f9a1c2e"]),
        (store.EventFilter(search="joongang"), ["3f9a1c2e"]),  # sources
        (store.EventFilter(search="trump"), ["3f9b0000"]),  # tags
        (store.EventFilter(search="albanese"), ["0c0ffee0"]),  # notes
        (store.EventFilter(search="nothing like it"), []),
    ],
)
def test_event_filter(db: Path, where: store.EventFilter, ids: list[str]) -> None:
    with store.reading(db) as database:
        assert [doc["id"] for doc in database.events(where)] == ids


@pytest.mark.parametrize(
    ("series", "since", "until", "ids"),
    [
        (None, None, None, ["nato-2024", "g7-2025", "nato-2025"]),
        ("nato", None, None, ["nato-2024", "nato-2025"]),
        (None, "2025", None, ["g7-2025", "nato-2025"]),
        (None, "2025-06-25", None, ["nato-2025"]),
        (None, "2025-06-26", None, []),
        (None, None, "2024", ["nato-2024"]),
        (None, None, "2025-06-15", ["nato-2024", "g7-2025"]),
    ],
)
def test_summits_filter(
    db: Path, series: str | None, since: str | None, until: str | None, ids: list[str]
) -> None:
    with store.reading(db) as database:
        assert [doc["id"] for doc in database.summits(series, since, until)] == ids


def test_summits_of_month_precision_overlap(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    store.create(path)
    with store.writing(path) as database:
        database.add_summit(id="vague", name="Some summit", start="2025-06")
    with store.reading(path) as database:
        assert [doc["id"] for doc in database.summits(since="2025-06-15")] == ["vague"]
        assert [doc["id"] for doc in database.summits(until="2025-06-15")] == ["vague"]


def test_event_prefix(db: Path) -> None:
    with store.reading(db) as database:
        assert database.event("a1")["id"] == "a1b2c3d4"
        assert database.event(" A1B2C3D4 ")["id"] == "a1b2c3d4"
        with pytest.raises(Ambiguous) as refused:
            database.event("3f9")
        assert str(refused.value) == (
            "'3f9' is the start of 2 event ids (3f9a1c2e, 3f9b0000); type more of it"
        )
        with pytest.raises(NotFound) as missing:
            database.event("ffff")
        assert str(missing.value) == "no event has an id starting with 'ffff'"
        with pytest.raises(InvalidValue, match=r"^an event id cannot be empty$"):
            database.event(" ")


def test_an_exact_id_wins_over_longer_ids(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    docs = [
        event(id=i, summit="nato-2025", party="JPN", kind="attended", date="2025")
        for i in ("abc", "abcd")
    ]
    store.create(path, tables(summits=[NATO_2025], events=docs))
    with store.reading(path) as database:
        assert database.event("abc")["id"] == "abc"


def test_unknown_summit_suggests(db: Path) -> None:
    with store.reading(db) as database, pytest.raises(NotFound) as refused:
        database.summit("nato-2026")
    assert str(refused.value) == "no summit 'nato-2026'; did you mean nato-2025 or nato-2024?"


# -- changes -------------------------------------------------------------------


def test_add_summit_conflict(db: Path) -> None:
    with store.writing(db) as database, pytest.raises(Conflict) as refused:
        database.add_summit(id="nato-2025", name="Again", start="2025-06-24")
    assert str(refused.value) == "summit 'nato-2025' already exists; change it with 'summit edit'"


def test_edit_summit_moves_a_one_day_summit_as_one(db: Path) -> None:
    with store.writing(db) as database:
        doc = database.edit_summit("g7-2025", start="2025-06-16")
    assert (doc["start"], doc["end"]) == ("2025-06-16", "2025-06-16")


def test_remove_summit_refuses_with_references_unless_forced(db: Path) -> None:
    with store.writing(db) as database, pytest.raises(Conflict) as refused:
        database.remove_summit("nato-2025")
    assert str(refused.value) == (
        "summit 'nato-2025' has 5 invitation(s) and 3 event(s); remove them first or use --force"
    )
    with store.writing(db) as database:
        assert database.remove_summit("nato-2025", force=True) == (5, 3)
    with store.reading(db) as database:
        assert database.rows("invitations") == []
        assert [doc["id"] for doc in database.events()] == ["0c0ffee0"]
        assert database.problems() == []


def test_invite_keeps_the_role_unless_given(db: Path) -> None:
    with store.writing(db) as database:
        assert database.invite("nato-2025", ["EU"], None, "", ["https://x"]) == [
            ("EU", "guest", "updated")
        ]
        assert database.invite("nato-2025", ["EU", "EU"], None, "", []) == [
            ("EU", "guest", "unchanged")
        ]
        assert database.invite("nato-2025", ["EU"], "observer", "2025-05", []) == [
            ("EU", "observer", "updated")
        ]
        assert database.invite("g7-2025", ["JPN"], None, "", []) == [("JPN", "partner", "added")]


@pytest.mark.parametrize(
    ("code", "name", "aliases", "error", "message"),
    [
        ("eu", "Other", [], Conflict, "'EU' already names the organisation EU"),
        (
            "EUC",
            "european union",
            [],
            Conflict,
            "'european union' already names the organisation EU",
        ),
        ("EUC", "Commission", ["EU"], Conflict, "'EU' already names the organisation EU"),
        ("JP", "Japan Org", [], InvalidValue, "'JP' already names a country (JPN); choose another"),
    ],
)
def test_add_party_refusals(
    db: Path, code: str, name: str, aliases: list[str], error: type[Exception], message: str
) -> None:
    with store.writing(db) as database, pytest.raises(error) as refused:
        database.add_party(code, name, aliases)
    assert str(refused.value) == message


def test_log_needs_a_summit(db: Path) -> None:
    with store.writing(db) as database, pytest.raises(NotFound):
        database.log(summit="nope", party="JPN", kind="attended", date="2025")


def test_edit_and_remove_event(db: Path) -> None:
    with store.writing(db) as database:
        doc = database.edit_event("a1", level="leader", by="Shigeru Ishiba")
        assert (doc["id"], doc["level"], doc["by"]) == ("a1b2c3d4", "leader", "Shigeru Ishiba")
        with pytest.raises(NotFound):
            database.edit_event("a1", summit="nope")
        assert database.remove_event("0c")["id"] == "0c0ffee0"
    with store.reading(db) as database:
        assert [doc["id"] for doc in database.events()] == ["3f9b0000", "3f9a1c2e", "a1b2c3d4"]


def test_a_writer_that_cannot_get_the_lock_gives_up_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    path = tmp_path / "db.json"
    store.create(path)
    before = path.read_bytes()
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.1)
    with FileLock(storage.lock_path(path)), pytest.raises(DatabaseError) as refused:  # noqa: SIM117
        with store.writing(path) as database:
            database.add_summit(id="s-1", name="S", start="2025")
    assert str(refused.value) == f"{path} is locked by another summits command; try again"
    assert path.read_bytes() == before
    with store.reading(path) as database:  # readers never wait for the lock
        assert database.rows("summits") == []
