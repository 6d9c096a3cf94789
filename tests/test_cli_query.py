"""``summits events`` with every filter and format, and ``summits check``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import Run
from core_helpers import (
    KOR_CANCELLED,
    NATO_2025,
    assert_refused,
    invoke,
    nato_tables,
    table_lines,
    tables,
)
from summits import storage

pytestmark = pytest.mark.usefixtures("core_env")

HEADER = (
    "id,summit,summit_name,series,party,party_name,kind,date,date_earliest,date_latest,by,level,"
    "mode,instead_of,person,reason,sources,notes,tags,recorded"
)


def test_events_table(run: Run) -> None:
    result = run("events")
    assert result.exit_code == 0, result.output
    assert table_lines(result.stdout) == [
        "id       date       summit    party kind        who                            reason",
        "0c0ffee0 2024-07-11 nato-2024 AUS   \u25cf attended  Richard Marles (deputy-leader)",
        "3f9b0000 2025-06    nato-2025 JPN   \u2298 cancelled Shigeru Ishiba (leader)        "
        "various circumstances",
        "3f9a1c2e 2025-06-22 nato-2025 KOR   \u2298 cancelled Lee Jae-myung (leader)         "
        "domestic affairs; the Middle East",
        "a1b2c3d4 2025-06-24 nato-2025 JPN   \u25cf attended  Takeshi Iwaya (minister)",
    ]
    assert result.stderr == ""


def test_events_csv_is_exact(run: Run) -> None:
    result = run("events", "--kind", "cancelled", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.decode() == (
        f"{HEADER}\r\n"
        "3f9b0000,nato-2025,NATO Summit 2025,NATO,JPN,Japan,cancelled,2025-06,2025-06-01,"
        "2025-06-30,Shigeru Ishiba,leader,,,,various circumstances,,,trump,2025-06-30T12:00:00Z\r\n"
        "3f9a1c2e,nato-2025,NATO Summit 2025,NATO,KOR,South Korea,cancelled,2025-06-22,"
        "2025-06-22,2025-06-22,Lee Jae-myung,leader,,,,domestic affairs; the Middle East,"
        "https://koreajoongangdaily.joins.com/x,,,2025-06-30T12:00:00Z\r\n"
    )


def test_events_json_and_jsonl_carry_the_csv_columns(run: Run) -> None:
    as_json = run("events", "--format", "json")
    as_jsonl = run("events", "--format", "jsonl")
    as_csv = run("events", "--format", "csv")
    assert (as_json.exit_code, as_jsonl.exit_code, as_csv.exit_code) == (0, 0, 0)
    records = json.loads(as_json.stdout)
    assert records == [json.loads(line) for line in as_jsonl.stdout.splitlines()]
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [list(r) for r in records] == [HEADER.split(",")] * 4
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    assert records[2] == {
        "id": "3f9a1c2e",
        "summit": "nato-2025",
        "summit_name": "NATO Summit 2025",
        "series": "NATO",
        "party": "KOR",
        "party_name": "South Korea",
        "kind": "cancelled",
        "date": "2025-06-22",
        "date_earliest": "2025-06-22",
        "date_latest": "2025-06-22",
        "by": "Lee Jae-myung",
        "level": "leader",
        "mode": "",
        "instead_of": "",
        "person": "",
        "reason": "domestic affairs; the Middle East",
        "sources": ["https://koreajoongangdaily.joins.com/x"],
        "notes": "",
        "tags": [],
        "recorded": "2025-06-30T12:00:00Z",
    }


@pytest.mark.parametrize(
    ("args", "ids"),
    [
        ([], ["0c0ffee0", "3f9b0000", "3f9a1c2e", "a1b2c3d4"]),
        (["--summit", "nato-2024"], ["0c0ffee0"]),
        (["--series", "NATO"], ["0c0ffee0", "3f9b0000", "3f9a1c2e", "a1b2c3d4"]),
        (["--series", "G7"], []),
        (["--series", "NATO", "--summit", "nato-2025"], ["3f9b0000", "3f9a1c2e", "a1b2c3d4"]),
        (["--party", "Japan"], ["3f9b0000", "a1b2c3d4"]),
        (["--party", "Republic of Korea"], ["3f9a1c2e"]),
        (["--kind", "cancelled"], ["3f9b0000", "3f9a1c2e"]),
        (["--kind", "attended", "--kind", "declined"], ["0c0ffee0", "a1b2c3d4"]),
        (["--level", "minister"], ["a1b2c3d4"]),
        (["--level", "leader", "--level", "deputy-leader"], ["0c0ffee0", "3f9b0000", "3f9a1c2e"]),
        (["--since", "2025-06-15"], ["3f9b0000", "3f9a1c2e", "a1b2c3d4"]),
        (["--since", "June 23, 2025"], ["3f9b0000", "a1b2c3d4"]),
        (["--until", "2024"], ["0c0ffee0"]),
        (["--since", "2025-06", "--until", "2025-06-22"], ["3f9b0000", "3f9a1c2e"]),
        (["--search", "middle EAST"], ["3f9a1c2e"]),
        (["--search", "[bold]"], []),
        (["--party", "JPN", "--kind", "cancelled", "--since", "2025"], ["3f9b0000"]),
    ],
)
def test_events_filters(run: Run, args: list[str], ids: list[str]) -> None:
    result = run("events", *args, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ids


def test_events_nothing_matches(run: Run) -> None:
    result = run("events", "--kind", "absent")
    assert result.exit_code == 0, result.output
    assert result.stdout == "no events match\n"
    result = run("events", "--kind", "absent", "--format", "csv")
    assert result.stdout_bytes == HEADER.encode() + b"\r\n"
    result = run("events", "--kind", "absent", "--format", "json")
    assert result.stdout == "[]\n"
    result = run("events", "--kind", "absent", "--format", "jsonl")
    assert result.stdout == ""


def test_events_on_an_empty_database(empty_db: Path) -> None:
    result = invoke(empty_db, "events")
    assert result.exit_code == 0, result.output
    assert result.stdout == "no events match\n"


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--summit", "nato-2099"],
            1,
            "no summit 'nato-2099'; did you mean nato-2025 or nato-2024?",
        ),
        (
            ["--party", "Korea"],
            1,
            "'Korea' could mean more than one party: KOR (South Korea), "
            "PRK (North Korea); give the code",
        ),
        (
            ["--party", "Atlantis"],
            1,
            "'Atlantis' is not a known country or registered "
            "organisation; to use an organisation, register it with 'summits party add'",
        ),
        (
            ["--since", "06/07/2025"],
            1,
            "--since: '06/07/2025' reads two ways: 2025-06-07 (month "
            "first) or 2025-07-06 (day first); write it as YYYY-MM-DD",
        ),
        (
            ["--until", "soon"],
            1,
            "--until: 'soon' is not a date (try 2025-06-24, 2025-06, 2025 or 'June 24, 2025')",
        ),
        (
            ["--format", "xml"],
            2,
            "Invalid value for '--format': 'xml' is not one of 'table', 'csv', 'json', 'jsonl'.",
        ),
        (
            ["--kind", "walked-out"],
            2,
            "Invalid value for '--kind': 'walked-out' is not one of "
            "'confirmed', 'attended', 'declined', 'cancelled', 'absent', 'left-early'.",
        ),
        (
            ["--level", "king"],
            2,
            "Invalid value for '--level': 'king' is not one of 'leader', "
            "'deputy-leader', 'minister', 'senior-official', 'ambassador', 'official'.",
        ),
        (["--colour"], 2, "No such option '--colour'."),
    ],
)
def test_events_refusals(db: Path, args: list[str], code: int, message: str) -> None:
    before = db.read_bytes()
    assert assert_refused(invoke(db, "events", *args), before, db, code) == message


@pytest.mark.parametrize(
    "args", [["summit", "list", "--format", "yaml"], ["party", "list", "--format", "yaml"]]
)
def test_list_format_refusals(db: Path, args: list[str]) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, *args), before, db, 2)
    assert message == (
        "Invalid value for '--format': 'yaml' is not one of 'table', 'csv', 'json', 'jsonl'."
    )


# -- check -------------------------------------------------------------------------------


def test_check_ok(run: Run, db: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == f"{db}: ok, schema 2 (3 summits, 5 invitations, 4 events, 1 organisation, 0 persons)\n"
    )


def test_check_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    broken = tables(
        summits=[NATO_2025, {**NATO_2025, "id": "bad", "start": "2025-06-31"}],
        events=[
            {**KOR_CANCELLED, "kind": "walked-out"},
            {**KOR_CANCELLED, "id": "ffff0000", "summit": "nato-2099", "party": "XYZ"},
        ],
    )
    path.write_bytes(storage.dump(broken))
    before = path.read_bytes()
    result = invoke(path, "check")
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"{path}: summit bad: start: '2025-06-31' is not a real date\n"
        f"{path}: event 3f9a1c2e: kind: 'walked-out' is not a kind "
        "(confirmed, attended, declined, cancelled, absent, left-early)\n"
        f"{path}: event ffff0000: summit: 'nato-2099' is not a summit\n"
        f"{path}: event ffff0000: party: 'XYZ' is not a known party\n"
    )
    assert result.stderr == f"Error: {path}: 4 problems\n"
    assert path.read_bytes() == before


def test_readers_name_a_broken_file_instead_of_crashing(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(storage.dump(tables(summits=[NATO_2025], events=[{"id": "x"}])))
    before = path.read_bytes()
    for args in (["events"], ["events", "--format", "csv"], ["summit", "show", "nato-2025"]):
        message = assert_refused(invoke(path, *args), before, path)
        assert message == (
            f"{path} breaks the rules: event x: summit must be a string (and 13 more); "
            "'summits check' lists them, to mend in an editor"
        )


@pytest.mark.parametrize(
    ("table", "index", "field", "value", "problem"),
    [
        ("events", 0, "party", ["KOR"], "event 3f9a1c2e: party must be a string"),
        ("events", 0, "date", 2025, "event 3f9a1c2e: date must be a string"),
        (
            "invitations",
            0,
            "summit",
            {"id": 1},
            "invitation {'id': 1}/JPN: summit must be a string",
        ),
        ("parties", 0, "code", ["EU"], "party ['EU']: code must be a string"),
        ("summits", 1, "start", None, "summit nato-2025: start must be a string"),
    ],
)
@pytest.mark.parametrize(
    "args",
    [
        ["events"],
        ["events", "--party", "JPN", "--format", "json"],
        ["summit", "list"],
        ["summit", "show", "nato-2025"],
        ["party", "list"],
        ["check"],
    ],
    ids=" ".join,
)
def test_values_of_the_wrong_type_are_named_never_a_traceback(
    tmp_path: Path,
    args: list[str],
    table: str,
    index: int,
    field: str,
    value: object,
    problem: str,
) -> None:
    records = nato_tables()
    key = list(records[table])[index]
    records[table][key] = {**records[table][key], field: value}
    path = tmp_path / "db.json"
    path.write_bytes(storage.dump(records))
    before = path.read_bytes()
    result = invoke(path, *args)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert path.read_bytes() == before
    if args == ["check"]:
        assert result.exit_code == 1
        assert result.stdout.splitlines()[0] == f"{path}: {problem}"
    else:  # every reader refuses a file that breaks the rules, naming the record
        assert result.exit_code == 1
        assert result.stderr.startswith(f"Error: {path} breaks the rules: {problem}")
        assert result.stderr.endswith("; 'summits check' lists them, to mend in an editor\n")
        assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("command", [["events"], ["summit", "list"]])
def test_an_unknown_series_is_refused_not_an_empty_answer(db: Path, command: list[str]) -> None:
    before = db.read_bytes()
    message = assert_refused(invoke(db, *command, "--series", "NAT0"), before, db)
    assert message == "no summits in series 'NAT0' (series: G7, NATO)"


def test_events_logged_in_the_same_second_keep_the_order_they_were_entered(db: Path) -> None:
    ids = []
    for party in ("NZL", "AUS", "JPN"):  # not alphabetical, on purpose
        result = invoke(db, "log", "nato-2025", party, "attended", "--date", "2025-06-24", "-q")
        assert result.exit_code == 0, result.output
        ids.append(result.stdout.strip())
    result = invoke(
        db, "events", "--since", "2025-06-24", "--until", "2025-06-24", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    listed = [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert [event_id for event_id in listed if event_id in ids] == ids


def test_readers_refuse_a_record_that_breaks_a_rule_even_after_a_good_read(db: Path) -> None:
    assert invoke(db, "events").exit_code == 0  # read, checked, digest remembered
    raw = db.read_bytes().replace(b'"date":"2025-06-22"', b'"date":"2025-13-40"', 1)
    db.write_bytes(raw)  # a hand edit: the digest no longer matches, so it is checked again
    for args in (["events"], ["timeline", "nato-2025"], ["export"], ["matrix", "--series", "NATO"]):
        message = assert_refused(invoke(db, *args), raw, db)
        assert message == (
            f"{db} breaks the rules: event 3f9a1c2e: date: '2025-13-40' is not a real date; "
            "'summits check' lists them, to mend in an editor"
        )
