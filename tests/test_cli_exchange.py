"""summits export and summits import through the CLI: formats, refusals, merges, spreadsheets."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from summits import rules, storage, store
from summits.cli import cli

RECORDED = "2025-06-30T12:00:00Z"
EVENTS_HEADER = (
    "id,summit,summit_name,series,party,party_name,kind,date,date_earliest,date_latest,by,level,"
    "mode,instead_of,person,reason,sources,notes,tags,recorded"
)


def _tables() -> storage.Tables:
    summits = [
        rules.make(
            "summits",
            id="nato-2024",
            name="NATO Summit 2024",
            series="NATO",
            host="Washington, D.C.",
            start="2024-07-09",
            end="2024-07-11",
        ),
        rules.make(
            "summits",
            id="nato-2025",
            name="NATO Summit 2025",
            series="NATO",
            host="The Hague",
            start="2025-06-24",
            end="2025-06-25",
        ),
    ]
    invitations = [
        rules.make("invitations", summit="nato-2025", party=code, role="partner")
        for code in ("JPN", "KOR")
    ]
    events = [
        rules.make(
            "events",
            id="3f9a1c2e",
            summit="nato-2025",
            party="KOR",
            kind="cancelled",
            date="2025-06-22",
            by="Lee Jae-myung",
            level="leader",
            reason='domestic affairs, "the Middle East"',
            sources=["https://example.org/a", "Joongang, 22 June"],
            notes="said on 22 June\nand more",
            recorded=RECORDED,
        ),
        rules.make(
            "events",
            id="a1b2c3d4",
            summit="nato-2025",
            party="JPN",
            kind="attended",
            date="2025-06",
            by="Iwaya Takeshi",
            level="minister",
            notes="Den Haag — 東京",
            tags=["ip4"],
            recorded=RECORDED,
        ),
    ]
    parties = [rules.make("parties", code="EU", name="European Union", aliases=["E.U."])]
    result = storage.empty()
    for name, docs in (
        ("summits", summits),
        ("invitations", invitations),
        ("events", events),
        ("parties", parties),
    ):
        result[name] = {str(i): doc for i, doc in enumerate(docs, 1)}
    return result


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "summits.json"
    store.create(path, _tables())
    return path


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    path = tmp_path / "empty.json"
    store.create(path)
    return path


def run(path: Path, *args: str, **kwargs: Any) -> Result:
    return CliRunner().invoke(cli, ["--db", str(path), *args], **kwargs)


def refused(result: Result, path: Path, before: bytes) -> list[str]:
    """Exit 1, the database unchanged, the last stderr line an Error; returns stderr lines."""
    assert result.exit_code == 1, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    assert path.read_bytes() == before
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("Error: ")
    return lines


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


# -- export --------------------------------------------------------------------


def test_export_defaults_to_events_as_csv_on_stdout(db: Path) -> None:
    result = run(db, "export")
    assert result.exit_code == 0
    assert result.stderr == ""
    # (Click's result.stdout turns \r\n into \n; the bytes are what a pipe gets.)
    assert result.stdout_bytes.decode() == (
        EVENTS_HEADER + "\r\n"
        "a1b2c3d4,nato-2025,NATO Summit 2025,NATO,JPN,Japan,attended,2025-06,2025-06-01,"
        f"2025-06-30,Iwaya Takeshi,minister,in-person,,,,,Den Haag — 東京,ip4,{RECORDED}\r\n"
        "3f9a1c2e,nato-2025,NATO Summit 2025,NATO,KOR,South Korea,cancelled,2025-06-22,"
        '2025-06-22,2025-06-22,Lee Jae-myung,leader,,,,"domestic affairs, ""the Middle East""",'
        f'"https://example.org/a | Joongang, 22 June","said on 22 June\nand more",,{RECORDED}\r\n'
    )


def test_the_csv_module_with_default_settings_reads_the_export(db: Path) -> None:
    result = run(db, "export")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [row["id"] for row in rows] == ["a1b2c3d4", "3f9a1c2e"]
    assert rows[1]["reason"] == 'domestic affairs, "the Middle East"'
    assert rows[1]["notes"] == "said on 22 June\nand more"
    assert rows[1]["sources"].split(" | ") == ["https://example.org/a", "Joongang, 22 June"]
    assert rows[0]["notes"] == "Den Haag — 東京"


@pytest.mark.parametrize(
    ("table", "header"),
    [
        (
            "summits",
            "id,name,series,host,start,start_earliest,start_latest,end,end_earliest,end_latest,"
            "format,status,notes,sources",
        ),
        (
            "invitations",
            "summit,party,party_name,role,date,date_earliest,date_latest,notes,sources",
        ),
        ("parties", "code,name,aliases"),
        ("persons", "id,name,aliases,party,wikidata"),
    ],
)
def test_export_other_tables_with_their_columns(db: Path, table: str, header: str) -> None:
    result = run(db, "export", "--table", table)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == header


def test_export_summits_in_date_order_and_invitations_by_summit_and_party(db: Path) -> None:
    summits = run(db, "export", "--table", "summits").stdout.splitlines()
    assert [line.split(",")[0] for line in summits[1:]] == ["nato-2024", "nato-2025"]
    invitations = run(db, "export", "--table", "invitations").stdout.splitlines()
    assert invitations[1:] == [
        "nato-2025,JPN,Japan,partner,,,,,",
        "nato-2025,KOR,South Korea,partner,,,,,",
    ]


def test_export_json_and_jsonl(db: Path) -> None:
    as_json = json.loads(run(db, "export", "--format", "json").stdout)
    lines = run(db, "export", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == as_json
    assert list(as_json[1]) == EVENTS_HEADER.split(",")
    assert as_json[1]["sources"] == ["https://example.org/a", "Joongang, 22 June"]


def test_export_all_is_one_object_of_tables(db: Path) -> None:
    result = run(db, "export", "--table", "all", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["parties", "persons", "summits", "invitations", "events"]
    assert data["parties"] == [{"code": "EU", "name": "European Union", "aliases": ["E.U."]}]


def test_export_all_needs_json(db: Path) -> None:
    before = db.read_bytes()
    result = run(db, "export", "--table", "all")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        "Error: Invalid value for '--table': 'all' needs --format json, datapackage or sqlite"
    )
    assert db.read_bytes() == before


def test_export_to_a_file_writes_it_and_prints_nothing(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = run(db, "export", "-o", str(out))
    assert result.exit_code == 0
    assert result.output == ""
    assert out.read_bytes() == run(db, "export").stdout_bytes
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# -- import: round trips and counts ---------------------------------------------


def test_import_of_everything_restores_it_exactly(db: Path, empty: Path, tmp_path: Path) -> None:
    everything = tmp_path / "all.json"
    assert (
        run(db, "export", "--table", "all", "--format", "json", "-o", str(everything)).exit_code
        == 0
    )
    result = run(empty, "import", str(everything))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "imported parties: 1 added, 0 updated, 0 unchanged\n"
        "imported persons: 0 added, 0 updated, 0 unchanged\n"
        "imported summits: 2 added, 0 updated, 0 unchanged\n"
        "imported invitations: 2 added, 0 updated, 0 unchanged\n"
        "imported events: 2 added, 0 updated, 0 unchanged\n"
    )
    assert result.stderr == ""
    assert run(empty, "export", "--table", "all", "--format", "json").stdout_bytes == (
        everything.read_bytes()
    )


def test_reimporting_the_same_file_changes_nothing(db: Path, tmp_path: Path) -> None:
    exported = write_csv(tmp_path / "events.csv", run(db, "export").stdout)
    before = db.read_bytes()
    result = run(db, "import", str(exported))
    assert result.exit_code == 0
    assert result.stdout == "imported events: 0 added, 0 updated, 2 unchanged\n"
    assert db.read_bytes() == before


def test_reimporting_a_file_without_ids_changes_nothing(db: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "new.csv",
        "summit,party,kind,date,sources\n"
        "nato-2025,AUS,declined,2025-06,a | b\n"
        "nato-2025,South Korea,cancelled,22 June 2025,\n",
    )
    first = run(db, "import", str(path))
    assert first.exit_code == 0, first.output
    assert first.stdout == "imported events: 2 added, 0 updated, 0 unchanged\n"
    after_first = db.read_bytes()
    again = run(db, "import", str(path))
    assert again.exit_code == 0, again.output
    assert again.stdout == "imported events: 0 added, 0 updated, 2 unchanged\n"
    assert db.read_bytes() == after_first


def test_a_source_holding_the_csv_separator_is_refused_so_csv_stays_lossless(
    db: Path, tmp_path: Path
) -> None:
    before = db.read_bytes()
    lines = refused(
        run(db, "log", "nato-2025", "JPN", "cancelled", "--source", "A | Reuters", "-q"), db, before
    )
    assert lines == [
        "Error: sources: 'A | Reuters' contains ' | ', which separates list items in CSV"
    ]
    # A bar without the spaces is an ordinary character, and comes back from CSV as it was.
    logged = run(db, "log", "nato-2025", "JPN", "cancelled", "--source", "A|Reuters", "-q")
    assert logged.exit_code == 0, logged.output
    exported = write_csv(tmp_path / "e.csv", run(db, "export").stdout)
    written = db.read_bytes()
    result = run(db, "import", str(exported), "--update")
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported events: 0 added, 0 updated, 3 unchanged\n"
    assert db.read_bytes() == written


def test_import_from_standard_input_defaults_to_csv(db: Path, empty: Path) -> None:
    for table in ("summits", "events"):
        result = run(empty, "import", "-", input=run(db, "export", "--table", table).stdout_bytes)
        assert result.exit_code == 0, result.output
    assert run(empty, "export").stdout == run(db, "export").stdout


def test_dry_run_reports_and_writes_nothing(db: Path, empty: Path, tmp_path: Path) -> None:
    everything = tmp_path / "all.json"
    everything.write_bytes(run(db, "export", "--table", "all", "--format", "json").stdout_bytes)
    before = empty.read_bytes()
    result = run(empty, "import", str(everything), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "would import events: 2 added, 0 updated, 0 unchanged"
    assert empty.read_bytes() == before


def test_a_spreadsheet_edit_of_one_cell_updates_exactly_that_row(db: Path, tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(run(db, "export").stdout, newline="")))
    rows[2][rows[0].index("level")] = "senior-official"
    edited = tmp_path / "edited.csv"
    with edited.open("w", newline="", encoding="utf-8-sig") as handle:  # as Excel saves it
        csv.writer(handle).writerows(rows)
    before = {doc["id"]: doc for doc in store.Database(db, storage.load(db)).rows("events")}
    result = run(db, "import", str(edited), "--update")
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported events: 0 added, 1 updated, 1 unchanged\n"
    after = {doc["id"]: doc for doc in store.Database(db, storage.load(db)).rows("events")}
    assert after["3f9a1c2e"] == {**before["3f9a1c2e"], "level": "senior-official"}
    assert after["a1b2c3d4"] == before["a1b2c3d4"]
    assert run(db, "check").exit_code == 0


def test_two_researchers_merge_by_importing_a_json_export(db: Path, tmp_path: Path) -> None:
    alice, bob = tmp_path / "alice.json", tmp_path / "bob.json"
    shutil.copy(db, alice)
    shutil.copy(db, bob)
    logged_a = run(alice, "log", "nato-2024", "Japan", "attended", "--date", "2024-07-11", "-q")
    logged_b = run(bob, "log", "nato-2024", "KOR", "attended", "--by", "Yoon, Suk-yeol", "-q")
    assert run(bob, "invite", "nato-2024", "NZ").exit_code == 0
    assert logged_a.exit_code == 0 and logged_b.exit_code == 0
    shared = tmp_path / "bob-all.json"
    assert (
        run(bob, "export", "--table", "all", "--format", "json", "-o", str(shared)).exit_code == 0
    )

    result = run(alice, "import", str(shared))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[3:] == [
        "imported invitations: 1 added, 0 updated, 2 unchanged",
        "imported events: 1 added, 0 updated, 2 unchanged",
    ]
    ids = {row["id"] for row in csv.DictReader(io.StringIO(run(alice, "export").stdout))}
    assert ids == {"3f9a1c2e", "a1b2c3d4", logged_a.stdout.strip(), logged_b.stdout.strip()}

    merged = alice.read_bytes()
    again = run(alice, "import", str(shared))
    assert again.exit_code == 0
    assert "1 added" not in again.stdout
    assert alice.read_bytes() == merged


def test_names_and_free_dates_are_read_and_stored_as_codes_and_iso(
    empty: Path, tmp_path: Path
) -> None:
    summits = write_csv(
        tmp_path / "summits.csv", "id,name,start,end\nnato-2025,NATO 2025,24 Jun 2025,\n"
    )
    events = write_csv(
        tmp_path / "events.csv",
        "summit,party,kind,date,sources\n"
        "nato-2025,South Korea,cancelled,June 2025, a | b |  | a \n"
        "nato-2025,european union,attended,24/06/2025,\n",
    )
    parties = write_csv(tmp_path / "parties.csv", "code,name,aliases\neu,European Union,E.U.\n")
    for path in (parties, summits, events):
        result = run(empty, "import", str(path))
        assert result.exit_code == 0, result.output
    exported = list(csv.DictReader(io.StringIO(run(empty, "export").stdout, newline="")))
    assert [(row["party"], row["date"], row["sources"]) for row in exported] == [
        ("KOR", "2025-06", "a | b"),
        ("EU", "2025-06-24", ""),
    ]
    assert all(len(row["id"]) == 8 and row["recorded"].endswith("Z") for row in exported)
    summit = json.loads(run(empty, "export", "--table", "summits", "--format", "json").stdout)
    assert (summit[0]["start"], summit[0]["end"]) == ("2025-06-24", "2025-06-24")


# -- import: refusals --------------------------------------------------------------


def _event_row(**cells: str) -> str:
    values = {
        "id": "",
        "summit": "nato-2025",
        "party": "JPN",
        "kind": "attended",
        "date": "2025-06-24",
        "level": "",
    }
    values.update(cells)
    return ",".join(values.values())


EVENT_COLUMNS = "id,summit,party,kind,date,level\n"


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (
            {"date": "2025-13-01"},
            "row 3, column date: '2025-13-01' is not a real date",
        ),
        (
            {"date": "06/07/2025"},
            "row 3, column date: '06/07/2025' reads two ways: 2025-06-07 (month first) or "
            "2025-07-06 (day first); write it as YYYY-MM-DD",
        ),
        (
            {"party": "Zzyzx"},
            "row 3, column party: 'Zzyzx' is not a known country or registered organisation; "
            "to use an organisation, register it with 'summits party add'",
        ),
        (
            {"party": "Korea"},
            "row 3, column party: 'Korea' could mean more than one party: KOR (South Korea), "
            "PRK (North Korea); give the code",
        ),
        (
            {"summit": "nato-2099"},
            "row 3, column summit: 'nato-2099' is not a summit in the database or the file",
        ),
        (
            {"kind": "attendd"},
            "row 3, column kind: 'attendd' is not a kind (confirmed, attended, declined, "
            "cancelled, absent, left-early)",
        ),
        (
            {"level": "king"},
            "row 3, column level: 'king' is not a level (leader, deputy-leader, minister, "
            "senior-official, ambassador, official)",
        ),
        ({"kind": ""}, "row 3, column kind: '' is empty, but required"),
        (
            {"id": "Not An Id"},
            "row 3, column id: 'Not An Id' is not an event id (lowercase letters, digits, '-')",
        ),
        (
            {"id": "3f9a1c2e"},
            "row 3, column party: 'JPN' differs from 'KOR' in the database (event 3f9a1c2e; "
            "kind, date, by, level, mode, reason, sources, notes differ too); "
            "use --update to replace it",
        ),
    ],
)
def test_each_refused_cell_is_named_by_row_and_column(
    db: Path, tmp_path: Path, cells: dict[str, str], problem: str
) -> None:
    path = write_csv(
        tmp_path / "events.csv",
        # (the first row differs from the second in level, so never repeats it)
        EVENT_COLUMNS + _event_row(level="minister") + "\n" + _event_row(**cells) + "\n",
    )
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines == [problem, f"Error: {path}: 1 problem; nothing was imported"]


def test_every_problem_is_listed_before_the_one_error(db: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "events.csv",
        EVENT_COLUMNS
        + _event_row(id="dup1", kind="went")
        + "\n"
        + _event_row(id="dup1")
        + "\n"
        + _event_row(id="dup1", date="someday")
        + "\n",
    )
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines == [
        "row 2, column kind: 'went' is not a kind (confirmed, attended, declined, cancelled, "
        "absent, left-early)",
        "row 4, column date: 'someday' is not a date (try 2025-06-24, 2025-06, 2025 or "
        "'June 24, 2025')",
        f"Error: {path}: 2 problems; nothing was imported",
    ]


def test_the_same_id_twice_in_a_file_is_refused(db: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "events.csv",
        EVENT_COLUMNS
        + _event_row(id="dup1")
        + "\n"
        + _event_row(id="dup1", kind="declined")
        + "\n",
    )
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines[0] == "row 3, column id: 'dup1' appears again (first on row 2)"


def test_a_conflicting_id_is_accepted_with_update(db: Path, tmp_path: Path) -> None:
    exported = run(db, "export").stdout.replace("Iwaya Takeshi", "Takeshi Iwaya")
    path = write_csv(tmp_path / "events.csv", exported)
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines[0] == (
        "row 2, column by: 'Takeshi Iwaya' differs from 'Iwaya Takeshi' in the database "
        "(event a1b2c3d4); use --update to replace it"
    )
    result = run(db, "import", str(path), "--update")
    assert result.exit_code == 0
    assert result.stdout == "imported events: 0 added, 1 updated, 1 unchanged\n"
    assert "Takeshi Iwaya" in run(db, "events", "--format", "csv").stdout


def test_a_missing_required_column_is_refused_with_a_sentence(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "events.csv", "summit,party,kind\nnato-2025,JPN,attended\n")
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines == [
        f"Error: {path} has no 'date' column (row 1, the header), which events need; "
        "required: summit, party, kind, date"
    ]


def test_an_unknown_column_is_refused(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", EVENT_COLUMNS.strip() + ",mood\n" + _event_row() + ",ok\n")
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines[-1].startswith(f"Error: {path}: 'mood' (row 1) is not a column of events;")


def test_a_file_in_another_encoding_is_refused(db: Path, tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "events.csv",
        EVENT_COLUMNS.replace("level", "by") + _event_row(level="Søren Ærø") + "\n",
        encoding="latin-1",
    )
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines == [
        f"Error: {path} is not UTF-8 text (byte 0xf8 on line 2); save it as UTF-8 "
        "(in a spreadsheet: 'CSV UTF-8') and import it again"
    ]


def test_a_byte_order_mark_is_accepted(db: Path, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "events.csv", EVENT_COLUMNS + _event_row() + "\n", "utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    result = run(db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == "imported events: 1 added, 0 updated, 0 unchanged\n"


def test_json_problems_are_named_by_record(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_text(
        json.dumps(
            [
                {"summit": "nato-2025", "party": "JPN", "kind": "attended", "date": "2025"},
                {"summit": "nato-2025", "party": "JPN", "kind": "attended", "date": 2025},
                "not an object",
            ]
        )
    )
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines == [
        "record 2, column date: 2025 is not text",
        "record 3: is not a JSON object",
        f"Error: {path}: 2 problems; nothing was imported",
    ]


def test_jsonl_problems_are_named_by_line(db: Path, tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(
        '{"summit": "nato-2025", "party": "JPN", "kind": "attended", "date": "2025"}\n'
        "\n"
        '{"summit": "nato-2025", "party": "JPN", "kind": "went", "date": "2025"}\n'
    )
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines[0].startswith("line 3, column kind: 'went' is not a kind")


def test_an_all_file_may_refer_to_summits_it_brings(empty: Path, tmp_path: Path) -> None:
    path = tmp_path / "all.json"
    summit = {"id": "s-1", "name": "S", "start": "2025"}
    event = {"summit": "s-1", "party": "XYZ", "kind": "attended", "date": "2025"}
    path.write_text(
        json.dumps({"summits": [summit], "events": [event, {**event, "summit": "s-2"}]})
    )
    before = empty.read_bytes()
    lines = refused(run(empty, "import", str(path)), empty, before)
    assert lines[:2] == [
        "events record 1, column party: 'XYZ' is not a known country or registered "
        "organisation; if it is an organisation, register it first: "
        "summits party add XYZ --name NAME",
        "events record 2, column party: 'XYZ' is not a known country or registered "
        "organisation; if it is an organisation, register it first: "
        "summits party add XYZ --name NAME",
    ]
    assert lines[2].startswith("events record 2, column summit: 's-2' is not a summit")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["notes.txt"],
            "Error: cannot tell the format of {path}; give --format csv, json or jsonl",
        ),
        (
            ["notes.txt", "--format", "csv", "--table", "all"],
            "Error: Invalid value for '--table': 'all' needs --format json",
        ),
    ],
)
def test_usage_errors_exit_2(db: Path, tmp_path: Path, args: list[str], message: str) -> None:
    path = write_csv(tmp_path / "notes.txt", EVENT_COLUMNS)
    before = db.read_bytes()
    result = run(db, "import", str(path), *args[1:])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == message.format(path=path)
    assert db.read_bytes() == before


def test_a_quiet_import_prints_no_progress_when_stderr_is_not_a_terminal(
    db: Path, tmp_path: Path
) -> None:
    rows = "".join(_event_row(id=f"e{n:05}") + "\n" for n in range(6000))
    path = write_csv(tmp_path / "many.csv", EVENT_COLUMNS + rows)
    result = run(db, "import", str(path))
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == "imported events: 6000 added, 0 updated, 0 unchanged\n"


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("nosuch.csv", "does not exist"),
        ("", "is a folder without a datapackage.json, not a file to import"),
    ],
)
def test_a_file_to_import_that_cannot_be_read_is_refused_in_one_sentence(
    db: Path, tmp_path: Path, name: str, sentence: str
) -> None:
    path = tmp_path / name  # ("": the folder itself)
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    assert lines == [f"Error: {path} {sentence}"]


def test_a_folder_as_the_database_is_refused_in_one_sentence(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    for args in (["events"], ["log", "nato-2025", "JPN", "attended"], ["export"]):
        result = run(folder, *args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr == f"Error: {folder} cannot be read: Is a directory\n"


@pytest.mark.parametrize("target", ["nonexist/x.csv", "folder"])
def test_export_to_a_file_that_cannot_be_written_names_that_file(
    db: Path, tmp_path: Path, target: str
) -> None:
    (tmp_path / "folder").mkdir()
    out = tmp_path / target
    before = sorted(p.name for p in tmp_path.rglob("*"))
    result = run(db, "export", "-o", str(out))
    assert result.exit_code == 1
    reason = "No such file or directory" if target.startswith("nonexist") else "Is a directory"
    assert result.stderr == f"Error: {out}: {reason}\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # no temp file left


def test_export_will_not_overwrite_the_database(db: Path) -> None:
    before = db.read_bytes()
    lines = refused(run(db, "export", "-o", str(db)), db, before)
    assert lines == [f"Error: {db} is the database itself; export to another file"]


def test_importing_a_database_file_says_to_export_it_first(db: Path, empty: Path) -> None:
    before = empty.read_bytes()
    lines = refused(run(empty, "import", str(db)), empty, before)
    assert lines == [
        f"Error: {db} is a summits database, not an export; import what "
        f"'summits --db {db} export --table all --format json' writes"
    ]


def test_an_empty_json_export_imports_as_nothing(db: Path, empty: Path) -> None:
    exported = run(empty, "export", "--format", "json").stdout_bytes
    assert exported == b"[]\n"
    result = run(db, "import", "-", "--format", "json", input=exported)
    assert result.exit_code == 0
    assert result.stdout == "nothing to import: standard input holds no records\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_import_shows_a_progress_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from summits.cli import exchange as commands

    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with commands._progress(commands.PROGRESS_MIN_ROWS - 1) as tick:
        assert tick is None  # a short import: no bar
    with commands._progress(commands.PROGRESS_MIN_ROWS) as tick:
        assert tick is not None
        tick(commands.PROGRESS_MIN_ROWS)
    assert "checking rows" in terminal.getvalue()


def test_problems_are_listed_in_row_order(db: Path, tmp_path: Path) -> None:
    # Also: a refused row without an id must not make the next row count as id-less
    # (it once did, through a reused id() of the refused row's record).
    rows = [
        _event_row(party="Zzyzx", level="minister"),  # row 2: a party, checked late
        _event_row(date="2025-13-01", level="official"),  # row 3: a date
        _event_row(id="x1", level="leader"),
        _event_row(id="x1", level="ambassador"),  # row 5: the same id as row 4
        _event_row(kind="left"),  # row 6: a kind
    ]
    path = write_csv(tmp_path / "events.csv", EVENT_COLUMNS + "\n".join(rows) + "\n")
    before = db.read_bytes()
    lines = refused(run(db, "import", str(path)), db, before)
    numbers = [int(line.split(",")[0].removeprefix("row ").split(":")[0]) for line in lines[:-1]]
    assert numbers == sorted(numbers) and set(numbers) == {2, 3, 5, 6}
