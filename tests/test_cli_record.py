"""The recording commands: exact confirmations, and every refusal leaves the file as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from core_helpers import assert_refused, invoke, table_lines
from summits import store

pytestmark = pytest.mark.usefixtures("core_env")  # COLUMNS=120, today 2025-06-30


def _summits(path: Path) -> dict[str, dict[str, object]]:
    with store.reading(path) as database:
        return {doc["id"]: doc for doc in database.rows("summits")}


def _events(path: Path) -> list[dict[str, object]]:
    with store.reading(path) as database:
        return database.events()


# -- init ------------------------------------------------------------------------


def test_init_creates_an_empty_database(tmp_path: Path) -> None:
    path = tmp_path / "data" / "summits.json"
    result = invoke(path, "init")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"created {path}\n"
    assert path.read_bytes() == (
        b'{\n"schema": 2,\n"events": {},\n"invitations": {},\n"parties": {},\n'
        b'"persons": {},\n"summits": {}\n}\n'
    )


def test_init_refuses_an_existing_file(db: Path) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, "init"), before, db)
    assert message == f"{db} already exists; summits init never overwrites a database"
    message = assert_refused(invoke(db, "init", "--sample"), before, db)
    assert message == f"{db} already exists; summits init never overwrites a database"


def test_init_sample_passes_check(tmp_path: Path) -> None:
    path = tmp_path / "nato.json"
    result = invoke(path, "init", "--sample")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"created {path} from the bundled sample\n"
    check = invoke(path, "check")
    assert check.exit_code == 0, check.output
    assert check.stdout.startswith(f"{path}: ok, schema 2 (")
    assert "nato-2025" in _summits(path)


# -- summit add / edit / rm ----------------------------------------------------------


def test_summit_add(empty_db: Path) -> None:
    result = invoke(
        empty_db,
        "summit",
        "add",
        "nato-2025",
        "--name",
        "NATO Summit 2025",
        "--series",
        "NATO",
        "--host",
        "The Hague",
        "--start",
        "June 24, 2025",
        "--end",
        "2025-06-25",
        "--source",
        "https://nato.int",
        "--note",
        "5% target",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "added summit nato-2025: NATO Summit 2025, 2025-06-24 to 2025-06-25\n"
    assert result.stderr == ""
    assert _summits(empty_db)["nato-2025"] == {
        "id": "nato-2025",
        "name": "NATO Summit 2025",
        "series": "NATO",
        "host": "The Hague",
        "start": "2025-06-24",
        "end": "2025-06-25",
        "format": "in-person",
        "status": "held",
        "notes": "5% target",
        "sources": ["https://nato.int"],
    }


def test_summit_add_end_defaults_to_start(empty_db: Path) -> None:
    result = invoke(empty_db, "summit", "add", "g7", "--name", "G7", "--start", "2025-06-15")
    assert result.exit_code == 0, result.output
    assert result.stdout == "added summit g7: G7, 2025-06-15\n"
    assert _summits(empty_db)["g7"]["end"] == "2025-06-15"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nato-2025", "--name", "Again", "--start", "2025-06-24"],
            "summit 'nato-2025' already exists; change it with 'summit edit'",
        ),
        (
            ["new", "--name", "N", "--start", "2025-06-24", "--end", "2025-06-23"],
            "end: 2025-06-23 is before the start, 2025-06-24",
        ),
        (
            ["NATO 2026", "--name", "N", "--start", "2026"],
            "id: 'NATO 2026' is not an id: use lowercase letters, digits and '-' (e.g. nato-2025)",
        ),
        (
            ["new", "--name", "N", "--start", "06/07/2025"],
            "--start: '06/07/2025' reads two ways: 2025-06-07 (month first) or 2025-07-06 "
            "(day first); write it as YYYY-MM-DD",
        ),
        (
            ["new", "--name", "N", "--start", "2025-02-30"],
            "--start: '2025-02-30' is not a real date",
        ),
        (["new", "--name", "  ", "--start", "2026"], "name is required"),
    ],
)
def test_summit_add_refusals(db: Path, args: list[str], message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "summit", "add", *args), before, db) == message


def test_summit_add_usage_errors(db: Path) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, "summit", "add", "x", "--name", "X"), before, db, 2)
    assert message == "Missing option '--start'."
    message = assert_refused(invoke(db, "summit", "add"), before, db, 2)
    assert message == "Missing argument 'ID'."


def test_summit_edit(db: Path) -> None:
    result = invoke(
        db, "summit", "edit", "nato-2025", "--host", "World Forum, The Hague", "--clear", "series"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "changed summit nato-2025: NATO Summit 2025, 2025-06-24 to 2025-06-25\n"
        "  series: NATO \u2192 (empty)\n"
        "  host: The Hague \u2192 World Forum, The Hague\n"
    )
    doc = _summits(db)["nato-2025"]
    assert (doc["host"], doc["series"]) == ("World Forum, The Hague", "")


def test_summit_edit_moves_a_one_day_summit_as_one(db: Path) -> None:
    result = invoke(db, "summit", "edit", "g7-2025", "--start", "2025-06-16")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "changed summit g7-2025: G7 Summit 2025, 2025-06-16\n"
        "  start: 2025-06-15 \u2192 2025-06-16\n"
        "  end: 2025-06-15 \u2192 2025-06-16\n"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["nato-2026", "--host", "x"],
            1,
            "no summit 'nato-2026'; did you mean nato-2025 or nato-2024?",
        ),
        (
            ["nato-2025", "--end", "2025-06-01"],
            1,
            "end: 2025-06-01 is before the start, 2025-06-24",
        ),
        (
            ["nato-2025", "--start", "tomorrow-ish"],
            1,
            "--start: 'tomorrow-ish' is not a date "
            "(try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')",
        ),
        (["nato-2025"], 2, "give at least one field to change"),
        (
            ["nato-2025", "--clear", "name"],
            2,
            "Invalid value for '--clear': 'name' is not one of 'series', 'host', 'note', 'source'.",
        ),
    ],
)
def test_summit_edit_refusals(db: Path, args: list[str], code: int, message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "summit", "edit", *args), before, db, code) == message


def test_summit_rm(db: Path) -> None:
    result = invoke(db, "summit", "rm", "g7-2025")
    assert result.exit_code == 0, result.output
    assert result.stdout == "removed summit g7-2025\n"
    assert "g7-2025" not in _summits(db)


def test_summit_rm_refuses_with_references_and_force_removes_them(db: Path) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, "summit", "rm", "nato-2025"), before, db)
    assert message == (
        "summit 'nato-2025' has 5 invitation(s) and 3 event(s); remove them first or use --force"
    )
    result = invoke(db, "summit", "rm", "nato-2025", "--force")
    assert result.exit_code == 0, result.output
    assert result.stdout == "removed summit nato-2025 with 5 invitation(s) and 3 event(s)\n"
    assert [doc["id"] for doc in _events(db)] == ["0c0ffee0"]
    assert invoke(db, "check").exit_code == 0


def test_summit_rm_unknown(db: Path) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, "summit", "rm", "nope"), before, db)
    assert message == "no summit 'nope'"


# -- summit list / show --------------------------------------------------------------


def test_summit_list_table(run: Run) -> None:
    result = run("summit", "list")
    assert result.exit_code == 0, result.output
    assert table_lines(result.stdout) == [
        "id        name             series host             dates                   invited events",
        "nato-2024 NATO Summit 2024 NATO   Washington, D.C. 2024-07-09 \u2013 2024-07-11 0       1",
        "g7-2025   G7 Summit 2025   G7     Kananaskis       2025-06-15              0       0",
        "nato-2025 NATO Summit 2025 NATO   The Hague        2025-06-24 \u2013 2025-06-25 5       3",
    ]


def test_summit_list_csv_with_filters(run: Run) -> None:
    result = run("summit", "list", "--series", "nato", "--since", "2025", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == (
        b"id,name,series,host,start,start_earliest,start_latest,end,end_earliest,end_latest,"
        b"format,status,notes,sources\r\n"
        b"nato-2025,NATO Summit 2025,NATO,The Hague,2025-06-24,2025-06-24,2025-06-24,"
        b"2025-06-25,2025-06-25,2025-06-25,in-person,held,,\r\n"
    )


def test_summit_list_json_until(run: Run) -> None:
    result = run("summit", "list", "--until", "2024", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {
            "id": "nato-2024",
            "name": "NATO Summit 2024",
            "series": "NATO",
            "host": "Washington, D.C.",
            "start": "2024-07-09",
            "start_earliest": "2024-07-09",
            "start_latest": "2024-07-09",
            "end": "2024-07-11",
            "end_earliest": "2024-07-11",
            "end_latest": "2024-07-11",
            "format": "in-person",
            "status": "held",
            "notes": "",
            "sources": [],
        }
    ]


def test_summit_list_empty(empty_db: Path) -> None:
    result = invoke(empty_db, "summit", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == "no summits match\n"
    result = invoke(empty_db, "summit", "list", "--format", "csv")
    assert result.stdout_bytes == (
        b"id,name,series,host,start,start_earliest,start_latest,end,end_earliest,end_latest,"
        b"format,status,notes,sources\r\n"
    )
    result = invoke(empty_db, "summit", "list", "--format", "json")
    assert result.stdout == "[]\n"


def test_summit_show(run: Run) -> None:
    result = run("summit", "show", "nato-2025")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "NATO Summit 2025  (nato-2025)",
        "  series  NATO",
        "    host  The Hague",
        "   dates  2025-06-24 \u2013 2025-06-25",
    ]
    assert "EU    European Union guest" in table_lines(result.stdout)
    for name in ("Lee Jae-myung", "Shigeru Ishiba", "Takeshi Iwaya"):
        assert name in result.stdout


def test_summit_show_unknown(db: Path) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, "summit", "show", "nato2025"), before, db)
    assert message == "no summit 'nato2025'; did you mean nato-2025 or nato-2024?"


# -- party add / list ------------------------------------------------------------------


def test_party_add_and_list(empty_db: Path) -> None:
    result = invoke(
        empty_db, "party", "add", "asean", "--name", "ASEAN Secretariat", "--alias", "Association"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "added party ASEAN: ASEAN Secretariat\n"
    result = invoke(empty_db, "party", "list")
    assert result.exit_code == 0, result.output
    assert table_lines(result.stdout) == [
        "code  name              aliases",
        "ASEAN ASEAN Secretariat Association",
    ]
    result = invoke(empty_db, "party", "list", "--format", "csv")
    assert result.stdout_bytes == b"code,name,aliases\r\nASEAN,ASEAN Secretariat,Association\r\n"
    result = invoke(empty_db, "party", "list", "--format", "jsonl")
    assert result.stdout == (
        '{"code":"ASEAN","name":"ASEAN Secretariat","aliases":["Association"]}\n'
    )


def test_party_list_empty(empty_db: Path) -> None:
    result = invoke(empty_db, "party", "list")
    assert result.exit_code == 0, result.output
    assert result.stdout == "no organisations registered (countries need none)\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["EU", "--name", "Another"], "'EU' already names the organisation EU"),
        (["UN", "--name", "European Union"], "'European Union' already names the organisation EU"),
        (["JP", "--name", "Japan Inc"], "'JP' already names a country (JPN); choose another"),
        (
            ["UN", "--name", "United Nations", "--alias", "Korea"],
            "'Korea' already names a country (KOR, PRK); choose another",
        ),
        (
            ["U N", "--name", "United Nations"],
            "'U N' is not an organisation code: use 2-16 capital letters, digits or '-'",
        ),
    ],
)
def test_party_add_refusals(db: Path, args: list[str], message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "party", "add", *args), before, db) == message


# -- invite ------------------------------------------------------------------------------


def test_invite_under_common_names(db: Path) -> None:
    invoke(db, "summit", "add", "nato-2026", "--name", "NATO Summit 2026", "--start", "2026-07-07")
    result = invoke(
        db, "invite", "nato-2026", "Japan", "Republic of Korea", "ROK", "australia", "NZ", "E.U."
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "invited JPN (Japan) to nato-2026 as partner\n"
        "invited KOR (South Korea) to nato-2026 as partner\n"
        "invited AUS (Australia) to nato-2026 as partner\n"
        "invited NZL (New Zealand) to nato-2026 as partner\n"
        "invited EU (European Union) to nato-2026 as partner\n"
    )


def test_invite_again_updates_and_keeps_the_role(db: Path) -> None:
    result = invoke(db, "invite", "nato-2025", "EU", "--source", "https://www.consilium.europa.eu")
    assert result.exit_code == 0, result.output
    assert result.stdout == "updated invitation of EU (European Union) to nato-2025 as guest\n"
    result = invoke(db, "invite", "nato-2025", "EU", "JPN")
    assert result.stdout == (
        "already invited: EU (European Union) to nato-2025 as guest\n"
        "already invited: JPN (Japan) to nato-2025 as partner\n"
    )
    result = invoke(db, "invite", "nato-2025", "EU", "--role", "observer", "--date", "2025-05")
    assert result.stdout == "updated invitation of EU (European Union) to nato-2025 as observer\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["nato-2099", "JPN"], 1, "no summit 'nato-2099'; did you mean nato-2025 or nato-2024?"),
        (
            ["nato-2025", "JPN", "Atlantis"],
            1,
            "'Atlantis' is not a known country or registered "
            "organisation; to use an organisation, register it with 'summits party add'",
        ),
        (
            ["nato-2025", "Korea"],
            1,
            "'Korea' could mean more than one party: KOR (South Korea), "
            "PRK (North Korea); give the code",
        ),
        (
            ["nato-2025", "JPN", "--date", "next week"],
            1,
            "--date: 'next week' is not a date (try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')",
        ),
        (
            ["nato-2025", "JPN", "--role", "host"],
            2,
            "Invalid value for '--role': 'host' is not one "
            "of 'member', 'partner', 'guest', 'observer'.",
        ),
        (["nato-2025"], 2, "Missing argument 'PARTY...'."),
    ],
)
def test_invite_refusals(db: Path, args: list[str], code: int, message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "invite", *args), before, db, code) == message


# -- log ---------------------------------------------------------------------------------


def test_log_echoes_how_it_read_the_party_and_date(db: Path) -> None:
    result = invoke(
        db,
        "log",
        "nato-2025",
        "Republic of Korea",
        "cancelled",
        "--date",
        "June 22, 2025",
        "--by",
        "Lee Jae-myung",
        "--level",
        "leader",
        "--reason",
        "domestic affairs",
        "--source",
        "https://a",
        "--source",
        "https://b",
        "--note",
        "inauguration",
        "--tag",
        "ip4",
    )
    assert result.exit_code == 0, result.output
    [new] = [doc for doc in _events(db) if doc["reason"] == "domestic affairs"]
    assert result.stdout == f"logged {new['id']}: KOR cancelled nato-2025, 2025-06-22 (day)\n"
    # The fixture holds Lee's cancellation already: logged again, it is flagged, not refused.
    assert result.stderr == (
        "warning: KOR already has this cancelled event at nato-2025 (3f9a1c2e, 2025-06-22); "
        "remove one with summits event rm ID\n"
    )
    assert {k: v for k, v in new.items() if k not in ("id", "recorded")} == {
        "summit": "nato-2025",
        "party": "KOR",
        "kind": "cancelled",
        "date": "2025-06-22",
        "by": "Lee Jae-myung",
        "level": "leader",
        "mode": "",
        "instead_of": "",
        "person": "",
        "reason": "domestic affairs",
        "sources": ["https://a", "https://b"],
        "notes": "inauguration",
        "tags": ["ip4"],
    }


def test_log_quiet_prints_only_the_id_and_date_defaults_to_today(db: Path) -> None:
    result = invoke(db, "log", "nato-2025", "JPN", "attended", "--quiet")
    assert result.exit_code == 0, result.output
    new_id = result.stdout.strip()
    assert result.stdout == f"{new_id}\n"
    [new] = [doc for doc in _events(db) if doc["id"] == new_id]
    assert new["date"] == "2025-06-30"  # the patched today


def test_log_month_precision(db: Path) -> None:
    result = invoke(db, "log", "nato-2025", "NZ", "confirmed", "--date", "June 2025")
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(": NZL confirmed nato-2025, 2025-06 (month)\n")


def test_log_warns_when_the_party_is_not_invited(db: Path) -> None:
    result = invoke(db, "log", "g7-2025", "Japan", "attended", "--date", "2025-06-15")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: JPN is not invited to g7-2025 (summits invite g7-2025 JPN)\n"
    )
    assert result.stdout.startswith("logged ")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["nato-2099", "JPN", "attended"],
            1,
            "no summit 'nato-2099'; did you mean nato-2025 or nato-2024?",
        ),
        (
            ["nato-2025", "Japn", "attended"],
            1,
            "'Japn' is not a known country or registered organisation; did you mean JPN (Japan)?",
        ),
        (
            ["nato-2025", "Korea", "attended"],
            1,
            "'Korea' could mean more than one party: "
            "KOR (South Korea), PRK (North Korea); give the code",
        ),
        (
            ["nato-2025", "JPN", "attended", "--date", "06/07/2025"],
            1,
            "--date: '06/07/2025' reads two ways: 2025-06-07 (month first) or 2025-07-06 "
            "(day first); write it as YYYY-MM-DD",
        ),
        (
            ["nato-2025", "JPN", "attended", "--date", "24 June"],
            1,
            "--date: '24 June' has no year; write it in full, e.g. 'June 24, 2025'",
        ),
        (
            ["nato-2025", "JPN", "left"],
            2,
            "Invalid value for 'KIND': 'left' is not one of "
            "'confirmed', 'attended', 'declined', 'cancelled', 'absent', 'left-early'.",
        ),
        (
            ["nato-2025", "JPN", "attended", "--level", "king"],
            2,
            "Invalid value for '--level': "
            "'king' is not one of 'leader', 'deputy-leader', 'minister', 'senior-official', "
            "'ambassador', 'official'.",
        ),
        (["nato-2025", "JPN"], 2, "Missing argument 'KIND'. Choose from:"),
    ],
)
def test_log_refusals(db: Path, args: list[str], code: int, message: str) -> None:
    before = db.read_bytes()
    result = invoke(db, "log", *args)
    assert_refused(result, before, db, code)
    assert message in result.stderr


# -- event edit / rm -------------------------------------------------------------------------


def test_event_edit_by_prefix(db: Path) -> None:
    result = invoke(
        db,
        "event",
        "edit",
        "a1b",
        "--party",
        "South Korea",
        "--level",
        "senior-official",
        "--by",
        "Wi Sung-lac",
        "--date",
        "2025-06-25",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "changed a1b2c3d4: KOR attended nato-2025, 2025-06-25 (day)\n"
        "  party: JPN \u2192 KOR\n"
        "  date: 2025-06-24 \u2192 2025-06-25\n"
        "  by: Takeshi Iwaya \u2192 Wi Sung-lac\n"
        "  level: minister \u2192 senior-official\n"
    )
    [doc] = [doc for doc in _events(db) if doc["id"] == "a1b2c3d4"]
    assert (doc["party"], doc["level"], doc["by"]) == ("KOR", "senior-official", "Wi Sung-lac")


def test_log_warns_when_the_date_defaults_to_today_after_the_summit(db: Path) -> None:
    result = invoke(db, "log", "nato-2025", "NZL", "attended", "--by", "Christopher Luxon")
    assert result.exit_code == 0, result.output
    new_id = result.stdout.split()[1].rstrip(":")
    assert result.stderr == (
        "warning: no --date given, so it is dated today, 2025-06-30; nato-2025 ran "
        f"2025-06-24 to 2025-06-25 (fix it with summits event edit {new_id} --date D)\n"
    )


def test_log_warns_when_an_attendance_falls_outside_the_summit(db: Path) -> None:
    result = invoke(db, "log", "nato-2025", "NZL", "attended", "--date", "2025-07-01")
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: attended on 2025-07-01, outside nato-2025 (2025-06-24 to 2025-06-25)\n"
    )
    quiet = invoke(db, "log", "nato-2025", "AUS", "attended", "--date", "2025-06", "-q")
    assert (quiet.exit_code, quiet.stderr) == (0, "")  # June 2025 overlaps the summit


def test_event_edit_echoes_each_change_and_clear_takes_the_option_name(db: Path) -> None:
    result = invoke(
        db, "event", "edit", "3f9a", "--note", "inauguration", "--clear", "source", "--clear", "tag"
    )
    assert result.exit_code == 0, result.output
    [doc] = [doc for doc in _events(db) if doc["id"] == "3f9a1c2e"]
    assert (doc["notes"], doc["sources"], doc["tags"]) == ("inauguration", [], [])
    assert result.stdout == (
        "changed 3f9a1c2e: KOR cancelled nato-2025, 2025-06-22 (day)\n"
        "  sources: https://koreajoongangdaily.joins.com/x \u2192 (empty)\n"
        "  notes: (empty) \u2192 inauguration\n"
    )


@pytest.mark.parametrize("flag", ["--quiet", "-q"])
def test_event_edit_quiet_prints_only_the_whole_id(db: Path, flag: str) -> None:
    result = invoke(db, "event", "edit", "3f9a", "--note", "inauguration", flag)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "3f9a1c2e\n", "")
    [doc] = [doc for doc in _events(db) if doc["id"] == "3f9a1c2e"]
    assert doc["notes"] == "inauguration"


def test_an_edit_that_changes_nothing_says_so_and_writes_nothing(db: Path) -> None:
    before = db.read_bytes()
    result = invoke(db, "event", "edit", "3f9a", "--date", "2025-06-22", "--clear", "note")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "unchanged 3f9a1c2e: KOR cancelled nato-2025, 2025-06-22 (day) "
        "(it already had those values)\n"
    )
    assert db.read_bytes() == before


def test_event_edit_clear_and_replace_lists(db: Path) -> None:
    result = invoke(db, "event", "edit", "3f9a", "--clear", "level", "--tag", "x", "--tag", "y")
    assert result.exit_code == 0, result.output
    [doc] = [doc for doc in _events(db) if doc["id"] == "3f9a1c2e"]
    assert (doc["level"], doc["tags"]) == ("", ["x", "y"])


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["3f9", "--by", "x"],
            1,
            "'3f9' is the start of 2 event ids (3f9a1c2e, 3f9b0000); type more of it",
        ),
        (["ffff", "--by", "x"], 1, "no event has an id starting with 'ffff'"),
        (
            ["a1", "--summit", "nato-2099"],
            1,
            "no summit 'nato-2099'; did you mean nato-2025 or nato-2024?",
        ),
        (
            ["a1", "--party", "Korea"],
            1,
            "'Korea' could mean more than one party: "
            "KOR (South Korea), PRK (North Korea); give the code",
        ),
        (["a1", "--date", "2025-06-31"], 1, "--date: '2025-06-31' is not a real date"),
        (
            ["a1", "--kind", "left"],
            2,
            "Invalid value for '--kind': 'left' is not one of "
            "'confirmed', 'attended', 'declined', 'cancelled', 'absent', 'left-early'.",
        ),
        (["a1"], 2, "give at least one field to change"),
    ],
)
def test_event_edit_refusals(db: Path, args: list[str], code: int, message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "event", "edit", *args), before, db, code) == message


def test_event_rm(db: Path) -> None:
    result = invoke(db, "event", "rm", "0c0f")
    assert result.exit_code == 0, result.output
    assert result.stdout == "removed 0c0ffee0: AUS attended nato-2024, 2024-07-11 (day)\n"
    assert "0c0ffee0" not in [doc["id"] for doc in _events(db)]


@pytest.mark.parametrize(
    ("prefix", "message"),
    [
        ("3f9", "'3f9' is the start of 2 event ids (3f9a1c2e, 3f9b0000); type more of it"),
        ("zz", "no event has an id starting with 'zz'"),
        ("  ", "an event id cannot be empty"),
    ],
)
def test_event_rm_refusals(db: Path, prefix: str, message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "event", "rm", prefix), before, db) == message


# -- every writer on a missing or corrupt file ---------------------------------------------

WRITERS = [
    ["summit", "add", "x", "--name", "X", "--start", "2025"],
    ["summit", "edit", "nato-2025", "--host", "x"],
    ["summit", "rm", "nato-2025"],
    ["party", "add", "UN", "--name", "United Nations"],
    ["invite", "nato-2025", "JPN"],
    ["log", "nato-2025", "JPN", "attended"],
    ["event", "edit", "a1", "--by", "x"],
    ["event", "rm", "a1"],
]
READERS = [
    ["summit", "list"],
    ["summit", "show", "nato-2025"],
    ["party", "list"],
    ["events"],
    ["check"],
]


@pytest.mark.parametrize("args", WRITERS + READERS, ids=" ".join)
def test_missing_database(tmp_path: Path, args: list[str]) -> None:
    path = tmp_path / "none.json"
    result = invoke(path, *args)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: {path} does not exist; create it with 'summits init' or choose another with --db\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", WRITERS + READERS, ids=" ".join)
@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{oops", "is not a summits database: it is not valid JSON"),
        (
            b'{"schema": 9}',
            "was written by a newer summits (schema 9; this one reads 2); "
            "upgrade summits to use it",
        ),
        (b'{"summits": {}}', "is not a summits database: it has no schema version"),
    ],
    ids=["not-json", "newer", "no-schema"],
)
def test_corrupt_database(tmp_path: Path, args: list[str], content: bytes, problem: str) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(content)
    message = assert_refused(invoke(path, *args), content, path)
    assert message == f"{path} {problem}"


@pytest.mark.parametrize("args", WRITERS, ids=" ".join)
def test_writers_refuse_a_file_that_breaks_the_rules(db: Path, args: list[str]) -> None:
    raw = db.read_bytes().replace(b'"kind":"attended"', b'"kind":"walked-out"', 1)
    db.write_bytes(raw)
    message = assert_refused(invoke(db, *args), raw, db)
    assert message == (
        f"{db} breaks the rules: event a1b2c3d4: kind: 'walked-out' is not a kind "
        "(confirmed, attended, declined, cancelled, absent, left-early); "
        "'summits check' lists them, to mend in an editor"
    )


# An argument that is not valid UTF-8 reaches Python as a lone surrogate ('\udcff').
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["log", "nato-2025", "JPN", "attended", "--by", "\udcff"],
            "by is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["log", "nato-2025", "JPN", "attended", "--source", "x\udcff"],
            "sources is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["summit", "add", "x", "--name", "\udcffx", "--start", "2025"],
            "name is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["summit", "edit", "nato-2025", "--note", "\udcff"],
            "notes is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["party", "add", "UN", "--name", "United \udcff"],
            "name is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["invite", "nato-2025", "JPN", "--source", "\udcff"],
            "sources is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["event", "edit", "a1", "--tag", "\udcff"],
            "tags is not valid UTF-8 text (check the terminal's encoding)",
        ),
        (
            ["log", "nato-2025", "\udcff", "attended"],
            "'\\udcff' is not a known country or registered organisation",
        ),
    ],
)
def test_undecodable_arguments_are_refused(db: Path, args: list[str], message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, *args), before, db) == message
