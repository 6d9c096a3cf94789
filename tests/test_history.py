"""History and undo: one entry a changing command, shown newest first, undone as a unit.

Entries get fixed ids, times and a fixed user here (``fixed`` below), so the
tests compare exact output and exact entries.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from core_helpers import RECORDED, assert_refused, invoke
from summits import dates, history, storage

pytestmark = pytest.mark.usefixtures("core_env", "fixed")
AT = RECORDED  # every entry is made at 2025-06-30T12:00:00Z here


@pytest.fixture
def fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Entry ids 00000001, 00000002, … in the order made; the clock and the user fixed."""
    numbers = itertools.count(1)
    monkeypatch.setattr(history, "_new_id", lambda taken: f"{next(numbers):08x}")
    monkeypatch.setattr(history, "login", lambda: "alice")
    monkeypatch.setattr(dates, "utc_now", lambda: AT)


def entries(path: Path) -> list[dict[str, Any]]:
    return list(storage.load(path).get(storage.HISTORY, {}).values())


def records(path: Path) -> bytes:
    """The file's bytes without the history table: what undo must give back exactly."""
    tables = storage.load(path)
    tables.pop(storage.HISTORY, None)
    return storage.dump(tables)


def ok(path: Path, *args: str, **kwargs: Any) -> str:
    result = invoke(path, *args, **kwargs)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- entries ---------------------------------------------------------------------


def test_a_log_adds_one_entry_with_the_command_as_typed_without_db(db: Path) -> None:
    ok(db, "log", "nato-2025", "South Korea", "attended", "--date", "2025-06-24", "-q")
    (entry,) = entries(db)
    doc = next(d for d in storage.load(db)["events"].values() if d["kind"] == "attended"
               and d["party"] == "KOR")  # fmt: skip
    assert entry == {
        "id": "00000001",
        "at": AT,
        "user": "alice",
        "command": "log nato-2025 'South Korea' attended --date 2025-06-24 -q",
        "changes": {"events": {"add": f"{doc['id']} {history.digest(doc)}"}},
    }


def test_an_edit_keeps_the_record_before_and_a_digest_of_after(db: Path) -> None:
    before = next(d for d in storage.load(db)["events"].values() if d["id"] == "3f9a1c2e")
    ok(db, "event", "edit", "3f9a", "--reason", "domestic affairs")
    after = dict(before, reason="domestic affairs")
    (entry,) = entries(db)
    assert entry["command"] == "event edit 3f9a --reason 'domestic affairs'"
    assert entry["changes"] == {
        "events": {"change": {"3f9a1c2e": {"before": before, "after": history.digest(after)}}}
    }


def test_a_removal_keeps_the_record_and_its_place_in_the_file(db: Path) -> None:
    numbered = storage.load(db)["events"]
    number, before = next((n, d) for n, d in numbered.items() if d["id"] == "a1b2c3d4")
    ok(db, "event", "rm", "a1b2")
    (entry,) = entries(db)
    assert entry["changes"] == {
        "events": {"remove": {"a1b2c3d4": {"before": before, "number": int(number)}}}
    }


def test_a_forced_summit_removal_is_one_entry_over_three_tables(db: Path) -> None:
    ok(db, "summit", "rm", "nato-2025", "--force")
    (entry,) = entries(db)
    assert entry["command"] == "summit rm nato-2025 --force"
    changes = entry["changes"]
    assert sorted(changes) == ["events", "invitations", "summits"]
    assert sorted(changes["events"]["remove"]) == ["3f9a1c2e", "3f9b0000", "a1b2c3d4"]
    assert len(changes["invitations"]["remove"]) == 5


def test_a_refused_command_or_one_that_changes_nothing_adds_no_entry(db: Path) -> None:
    before = db.read_bytes()
    assert_refused(invoke(db, "log", "nato-2099", "JPN", "attended"), before, db)
    ok(db, "invite", "nato-2025", "JPN")  # already invited, nothing new
    assert db.read_bytes() == before


def test_the_digest_ignores_empty_fields_so_new_empty_fields_keep_it() -> None:
    doc = {"id": "x", "reason": "a", "tags": ["t"]}
    assert history.digest({**doc, "mode": "", "aliases": []}) == history.digest(doc)
    assert history.digest({**doc, "reason": "b"}) != history.digest(doc)
    assert len(history.digest(doc)) == 6


# -- undo: every changing command, back to the same bytes ------------------------------

CSV_NEW = "id,summit,party,kind,date,recorded\nfeed0001,nato-2025,NZL,attended,2025-06-25,\n"
CSV_UPDATE = (
    "id,summit,party,kind,date,by,level,reason,recorded\n"
    "a1b2c3d4,nato-2025,JPN,attended,2025-06-25,Takeshi Iwaya,minister,,2025-06-30T12:00:00Z\n"
    "feed0002,g7-2025,JPN,attended,2025-06-16,,,,2025-06-30T12:00:00Z\n"
)
IWAYA = ["person", "add", "iwaya", "--name", "Takeshi Iwaya", "--party", "Japan"]
# Each changing command, after the commands it needs first.
CHANGING: dict[str, tuple[list[list[str]], list[str]]] = {
    "summit add": ([], ["summit", "add", "g20", "--name", "G20", "--start", "2025-11-22",
                        "--format", "hybrid"]),
    "summit edit": ([], ["summit", "edit", "nato-2025", "--host", "Den Haag", "--note", "5%",
                         "--status", "postponed"]),
    "summit rm --force": ([], ["summit", "rm", "nato-2025", "--force"]),
    "summit rm": ([], ["summit", "rm", "g7-2025"]),
    "party add": ([], ["party", "add", "ASEAN", "--name", "Association of Southeast Asian "
                       "Nations"]),
    "invite": ([], ["invite", "nato-2025", "ITA", "USA", "--role", "guest", "--note", "n"]),
    "invite again": ([], ["invite", "nato-2025", "EU", "--role", "observer", "--source", "x"]),
    "log": ([], ["log", "nato-2025", "NZL", "attended", "--date", "2025-06-25", "--tag", "ip4",
                 "--mode", "video", "--by", "Takeshi Iwaya"]),
    "event edit": ([], ["event", "edit", "3f9a", "--reason", "other", "--clear", "source"]),
    "event rm": ([], ["event", "rm", "a1b2"]),
    "import": ([], ["import", "new.csv"]),
    "import --update": ([], ["import", "update.csv", "--update"]),
    "person add": ([], IWAYA),  # links the event whose by names him
    "person edit": ([IWAYA], ["person", "edit", "iwaya", "--alias", "Iwaya"]),
    "person rm --force": ([IWAYA], ["person", "rm", "iwaya", "--force"]),
    "undo": ([["event", "rm", "a1b2"]], ["undo"]),
}  # fmt: skip


@pytest.mark.parametrize("command", CHANGING)
def test_undo_gives_back_the_bytes_from_before_the_command(
    command: str, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(db.parent)
    (db.parent / "new.csv").write_text(CSV_NEW)
    (db.parent / "update.csv").write_text(CSV_UPDATE)
    setup, args = CHANGING[command]
    for earlier in setup:
        ok(db, *earlier)
    before = records(db)
    ok(db, *args)
    assert records(db) != before
    changed = db.read_bytes()
    # An undo is not what a plain undo takes back (it walks back): name it.
    named = [entries(db)[-1]["id"]] if command == "undo" else []
    dry = ok(db, "undo", *named, "--dry-run")
    assert db.read_bytes() == changed
    done = ok(db, "undo", *named)
    assert done == dry.replace("would undo", "undid", 1)
    assert records(db) == before
    *_, made, undone = entries(db)
    assert undone["command"] == f"undo {made['id']}" and undone["undoes"] == made["id"]
    # ... and undoing the undo makes the change again, byte for byte.
    ok(db, "undo", undone["id"])
    assert records(db) == records_of(changed)


def records_of(raw: bytes) -> bytes:
    tables = storage.parse(raw, Path("x"))
    tables.pop(storage.HISTORY, None)
    return storage.dump(tables)


def test_undo_output_names_the_entry_and_each_record(db: Path) -> None:
    ok(db, "event", "edit", "3f9a", "--reason", "other")
    ok(db, "summit", "rm", "nato-2025", "--force")
    assert ok(db, "undo").splitlines() == [
        "undid 00000002: summits summit rm nato-2025 --force",
        "  added summit nato-2025",
        "  added invitation nato-2025/JPN",
        "  added invitation nato-2025/KOR",
        "  added invitation nato-2025/AUS",
        "  added invitation nato-2025/NZL",
        "  added invitation nato-2025/EU",
        "  added event 3f9a1c2e",
        "  added event 3f9b0000",
        "  added event a1b2c3d4",
    ]
    # The rm and its undo cancel out: the edit before them can be undone.
    assert ok(db, "undo").splitlines() == [
        "undid 00000001: summits event edit 3f9a --reason other",
        "  changed event 3f9a1c2e",
        "    reason: other \u2192 domestic affairs; the Middle East",
    ]


def test_undo_walks_back_and_an_undo_can_be_undone(db: Path) -> None:
    ok(db, "event", "edit", "3f9a", "--reason", "one")
    ok(db, "event", "edit", "3f9a", "--reason", "two")
    ok(db, "undo")  # 00000003 undoes 00000002
    ok(db, "undo")  # 00000004 undoes 00000001
    assert storage.load(db)["events"]["1"]["reason"] == "domestic affairs; the Middle East"
    ok(db, "undo", "00000004")  # redo 00000001
    assert storage.load(db)["events"]["1"]["reason"] == "one"
    assert [e["command"] for e in entries(db)][2:] == [
        "undo 00000002",
        "undo 00000001",
        "undo 00000004",
    ]


def test_undo_refuses_when_a_later_entry_changed_the_same_record(db: Path) -> None:
    ok(db, "event", "edit", "3f9a", "--reason", "one")
    ok(db, "log", "nato-2025", "NZL", "attended", "--date", "2025-06-25")
    ok(db, "event", "edit", "3f9a", "--level", "minister")
    before = db.read_bytes()
    message = assert_refused(invoke(db, "undo", "00000001"), before, db)
    assert message == (
        "cannot undo 00000001: the later entry 00000003 (alice at 2025-06-30T12:00:00Z: "
        "summits event edit 3f9a --level minister) changed event 3f9a1c2e too; "
        "undo 00000003 first"
    )
    assert_refused(invoke(db, "undo", "00000001", "--dry-run"), before, db)
    ok(db, "undo", "00000002")  # another record: fine


def test_undo_refuses_a_record_changed_outside_the_history(db: Path) -> None:
    ok(db, "event", "edit", "3f9a", "--reason", "one")
    tables = storage.load(db)
    tables["events"]["1"]["reason"] = "edited by hand"
    db.write_bytes(storage.dump(tables))
    before = db.read_bytes()
    assert assert_refused(invoke(db, "undo"), before, db) == (
        "cannot undo 00000001: event 3f9a1c2e has changed since, outside the history "
        "(by hand, or in a merge)"
    )


def test_undo_refuses_to_leave_records_that_break_the_rules(db: Path) -> None:
    ok(db, "summit", "add", "g20-2025", "--name", "G20 2025", "--start", "2025-11-22")
    ok(db, "invite", "g20-2025", "JPN")
    before = db.read_bytes()
    assert assert_refused(invoke(db, "undo", "00000001"), before, db) == (
        "cannot undo 00000001: it would leave invitation g20-2025/JPN: summit: 'g20-2025' "
        "is not a summit; 00000002 (alice at 2025-06-30T12:00:00Z: summits invite g20-2025 JPN) "
        "did that, undo it first"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["undo"], "nothing to undo: no entry in the history changed records and is not undone"),
        (["undo", "ffff"], "no history entry has an id starting with 'ffff'"),
    ],
)
def test_undo_refusals_in_one_sentence(db: Path, args: list[str], message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, *args), before, db) == message


def test_an_undone_entry_is_not_undone_twice(db: Path) -> None:
    ok(db, "event", "rm", "a1b2")
    ok(db, "undo")
    before = db.read_bytes()
    assert assert_refused(invoke(db, "undo", "00000001"), before, db) == (
        "entry 00000001 was undone already, by 00000002; undo 00000002 to make its changes again"
    )


# -- history -------------------------------------------------------------------------


@pytest.fixture
def worked(db: Path) -> Path:
    """Three commands and an undo on the NATO database."""
    ok(db, "log", "nato-2025", "NZL", "attended", "--date", "2025-06-25", "--by", "Luxon")
    ok(db, "event", "edit", "3f9a", "--reason", "other", "--tag", "x")
    ok(db, "event", "rm", "a1b2")
    ok(db, "undo")
    return db


def new_id(path: Path) -> str:
    return next(d["id"] for d in storage.load(path)["events"].values() if d["party"] == "NZL")


def test_history_shows_entries_newest_first_field_by_field(worked: Path) -> None:
    nzl = new_id(worked)
    assert ok(worked, "history").splitlines() == [
        "00000004  2025-06-30T12:00:00Z  alice",
        "  summits undo 00000003",
        "  added event a1b2c3d4",
        "    summit: nato-2025",
        "    party: JPN",
        "    kind: attended",
        "    date: 2025-06-24",
        "    by: Takeshi Iwaya",
        "    level: minister",
        "    mode: in-person",
        "    recorded: 2025-06-30T12:00:00Z",
        "",
        "00000003  2025-06-30T12:00:00Z  alice  (undone by 00000004)",
        "  summits event rm a1b2",
        "  removed event a1b2c3d4",
        "    summit: nato-2025",
        "    party: JPN",
        "    kind: attended",
        "    date: 2025-06-24",
        "    by: Takeshi Iwaya",
        "    level: minister",
        "    mode: in-person",
        "    recorded: 2025-06-30T12:00:00Z",
        "",
        "00000002  2025-06-30T12:00:00Z  alice",
        "  summits event edit 3f9a --reason other --tag x",
        "  changed event 3f9a1c2e",
        "    reason: domestic affairs; the Middle East \u2192 other",
        "    tags: (empty) \u2192 x",
        "",
        "00000001  2025-06-30T12:00:00Z  alice",
        "  summits log nato-2025 NZL attended --date 2025-06-25 --by Luxon",
        f"  added event {nzl}",
        "    summit: nato-2025",
        "    party: NZL",
        "    kind: attended",
        "    date: 2025-06-25",
        "    by: Luxon",
        "    mode: in-person",
        "    recorded: 2025-06-30T12:00:00Z",
    ]


def test_history_of_one_record_and_a_limit(worked: Path) -> None:
    assert ok(worked, "history", "--record", "3f9a", "--limit", "1").splitlines() == [
        "00000002  2025-06-30T12:00:00Z  alice",
        "  summits event edit 3f9a --reason other --tag x",
        "  changed event 3f9a1c2e",
        "    reason: domestic affairs; the Middle East \u2192 other",
        "    tags: (empty) \u2192 x",
    ]
    assert ok(worked, "history", "--limit", "0") == ""


def test_history_shows_an_addition_as_the_next_change_found_it(db: Path) -> None:
    ok(db, "log", "nato-2025", "NZL", "attended", "--date", "2025-06-25")
    nzl = new_id(db)
    ok(db, "event", "edit", nzl, "--by", "Luxon")
    assert ok(db, "history", "--record", nzl).splitlines()[5:] == [
        "00000001  2025-06-30T12:00:00Z  alice",
        "  summits log nato-2025 NZL attended --date 2025-06-25",
        f"  added event {nzl}",
        "    summit: nato-2025",
        "    party: NZL",
        "    kind: attended",
        "    date: 2025-06-25",
        "    mode: in-person",
        "    recorded: 2025-06-30T12:00:00Z",
    ]
    # Changed behind the history's back: what the addition added is no longer known.
    tables = storage.load(db)
    tables["events"]["5"]["by"] = "edited by hand"
    db.write_bytes(storage.dump(tables))
    assert ok(db, "history", "--record", nzl, "--limit", "1").splitlines() == [
        "00000002  2025-06-30T12:00:00Z  alice",
        f"  summits event edit {nzl} --by Luxon",
        f"  changed event {nzl} (what it became is not known: changed since)",
    ]


def test_history_as_csv_has_one_row_a_changed_field(worked: Path) -> None:
    rows = ok(worked, "history", "--format", "csv", "--limit", "2").splitlines()
    assert rows[0] == "entry,at,user,command,table,key,change,field,old,new"
    assert rows[1:3] == [
        "00000004,2025-06-30T12:00:00Z,alice,undo 00000003,events,a1b2c3d4,add,summit,,nato-2025",
        "00000004,2025-06-30T12:00:00Z,alice,undo 00000003,events,a1b2c3d4,add,party,,JPN",
    ]
    assert rows[-1] == (
        "00000003,2025-06-30T12:00:00Z,alice,event rm a1b2,events,a1b2c3d4,remove,recorded,"
        "2025-06-30T12:00:00Z,"
    )


def test_history_as_json_keeps_lists_as_lists(worked: Path) -> None:
    rows = json.loads(ok(worked, "history", "--format", "json", "--record", "3f9a1c2e"))
    assert rows == [
        {
            "entry": "00000002", "at": AT, "user": "alice",
            "command": "event edit 3f9a --reason other --tag x",
            "table": "events", "key": "3f9a1c2e", "change": "change",
            "field": field, "old": old, "new": new,
        }
        for field, old, new in (
            ("reason", "domestic affairs; the Middle East", "other"), ("tags", [], ["x"])
        )
    ]  # fmt: skip


def test_history_refuses_an_unknown_record_and_says_when_there_is_none(db: Path) -> None:
    assert ok(db, "history") == "no history yet: it starts with the next change\n"
    before = db.read_bytes()
    message = assert_refused(invoke(db, "history", "--record", "zzz"), before, db)
    assert message == "no history entry changed a record 'zzz'"


def test_prune_keeps_the_latest_entries_and_adds_none(worked: Path) -> None:
    data = records(worked)
    assert ok(worked, "history", "--prune", "1") == (
        "pruned 3 history entries; kept the latest 1\n"
    )
    assert [e["id"] for e in entries(worked)] == ["00000004"]
    assert records(worked) == data
    assert ok(worked, "history", "--prune", "5") == "nothing to prune: the history has 1 entries\n"
    before = worked.read_bytes()
    message = assert_refused(
        invoke(worked, "history", "--prune", "1", "--limit", "2"), before, worked, code=2
    )
    assert message == "--prune cannot be combined with --limit, --record or --format"


def test_a_damaged_history_entry_is_refused_naming_the_file(db: Path) -> None:
    tables = storage.load(db)
    tables[storage.HISTORY] = {"1": {"id": "00000001", "at": AT, "user": "a", "command": ""}}
    db.write_bytes(storage.dump(tables))
    before = db.read_bytes()
    for args in (["history"], ["undo"], ["check"]):
        message = assert_refused(invoke(db, *args), before, db)
        assert message == f"{db} is damaged: history entry 1 has no 'changes' object"


def test_an_import_of_many_events_grows_the_file_by_well_under_a_tenth(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark measures it at 100,000 events (docs/benchmarks.md); here, 3,000."""
    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parent.parent / "bench"))
    import synth

    data = synth.generate(3000, n_summits=60)
    files = synth.write_files(data, tmp_path)
    path = tmp_path / "db.json"
    ok(path, "init")
    for table in ("parties", "summits", "invitations"):
        ok(path, "import", str(files[table]))
    size, data_size = path.stat().st_size, len(records(path))
    ok(path, "import", str(files["events"]))
    entry = (path.stat().st_size - size) - (len(records(path)) - data_size)
    assert entry < 0.08 * len(records(path))  # about 20 bytes an event of ~270


SCHEMA_1 = Path(__file__).parent / "schema1.json"  # the bundled data as version 1 wrote it


def test_the_schema_upgrade_is_an_entry_of_its_own_that_undo_passes_by(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_bytes(SCHEMA_1.read_bytes())
    assert invoke(path, "history").stdout == "no history yet: it starts with the next change\n"
    ok(path, "event", "edit", "07c5", "--level", "minister")
    upgrade, edit = entries(path)
    assert upgrade == {
        "id": "00000001",
        "at": AT,
        "user": "alice",
        "command": "event edit 07c5 --level minister",
        "changes": {},
        "upgrade": {"from": 1, "to": 2},
    }
    assert list(edit["changes"]["events"]["change"]) == ["07c5edf3"]
    # The record before is as the upgrade left it: undo puts back the upgraded record.
    assert edit["changes"]["events"]["change"]["07c5edf3"]["before"]["mode"] == "in-person"
    upgraded = records(path)
    assert ok(path, "history").splitlines()[-3:] == [
        "00000001  2025-06-30T12:00:00Z  alice",
        "  summits event edit 07c5 --level minister",
        "  upgraded the file from schema 1 to 2",
    ]
    rows = ok(path, "history", "--format", "csv").splitlines()
    assert rows[-1] == (
        "00000001,2025-06-30T12:00:00Z,alice,event edit 07c5 --level minister,,,upgrade,schema,1,2"
    )
    ok(path, "undo")
    assert storage.load(path)["events"]["14"]["level"] == "leader"
    assert records(path) != upgraded  # the level is back ...
    before = path.read_bytes()
    message = assert_refused(invoke(path, "undo", "00000001"), before, path)
    assert message == (  # ... and the upgrade stays
        "entry 00000001 (alice at 2025-06-30T12:00:00Z: summits event edit 07c5 --level "
        "minister) changed no records: nothing to undo"
    )


def test_a_command_with_a_newline_is_shown_on_one_line_escaped(db: Path) -> None:
    ok(db, "summit", "edit", "nato-2025", "--note", "one\ntwo")
    assert ok(db, "history").splitlines()[:4] == [
        "00000001  2025-06-30T12:00:00Z  alice",
        "  summits summit edit nato-2025 --note 'one\\ntwo'",
        "  changed summit nato-2025",
        "    notes: (empty) \u2192 one\\ntwo",
    ]
