"""Exports for research pipelines: EDTF through every format and back, bounds columns that
pandas reads without options, a Frictionless data package, SQLite for Datasette."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_helpers import EU, assert_refused, event, invitation, invoke, nato_tables, summit, tables
from summits import dates, exchange, models, rules, storage, store

# Every stored form, on every date field: events, summit start and end, invitations.
EDTF_FORMS = [
    "2025-06-20",
    "2025-06",
    "2025",
    "2025-06-20~",
    "2025-06-20?",
    "2025-06-20%",
    "2025-06~",
    "2025?",
    "2025-06-18/2025-06-20",
    "2025-06/2025-07",
    "2024/2025",
]


def _edtf_tables() -> storage.Tables:
    summits = [
        summit(
            id="nato-2025",
            name="NATO Summit 2025",
            series="NATO",
            start="2025-06-24~",
            end="2025-06-24/2025-06-25",
        ),
        summit(id="g7-2025", name="G7 Summit 2025", series="G7", start="2025-06?", end="2025-06?"),
    ]
    events = [
        event(
            id=f"e{n:07d}",
            summit="nato-2025",
            party=party,
            kind=kind,
            date=date,
            level="leader" if n % 3 else "",
            by="Someone" if n % 2 else "",
            sources=["https://example.org/a", "Reuters"] if n % 4 == 0 else [],
        )
        for n, (date, party, kind) in enumerate(
            zip(
                EDTF_FORMS,
                ["JPN", "KOR", "AUS", "NZL", "EU"] * 3,
                ["confirmed", "attended", "declined", "cancelled", "absent"] * 3,
                strict=False,
            )
        )
    ]
    invitations = [
        invitation(summit="nato-2025", party="JPN", date="2025-05~"),
        invitation(summit="nato-2025", party="KOR", date="2025-05-01/2025-05-15"),
        invitation(summit="nato-2025", party="EU", role="guest"),
        invitation(summit="g7-2025", party="JPN", date="2025?"),
    ]
    person = rules.make("persons", id="lee-jae-myung", name="Lee Jae-myung", party="KOR")
    events[1] = {**events[1], "party": "KOR", "by": "Lee Jae-myung", "person": person["id"]}
    return tables(
        summits=summits, invitations=invitations, events=events, parties=[EU], persons=[person]
    )


@pytest.fixture
def edtf_db(tmp_path: Path) -> Path:
    path = tmp_path / "edtf.json"
    store.create(path, _edtf_tables())
    return path


def _everything(db: Path) -> Any:
    result = invoke(db, "export", "--table", "all", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ok(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- round trips ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl", "datapackage", "all"])
def test_every_edtf_form_round_trips_through_every_format(
    edtf_db: Path, tmp_path: Path, fmt: str
) -> None:
    copy = tmp_path / "copy.json"
    store.create(copy)
    if fmt == "datapackage":
        _ok(edtf_db, "export", "--format", fmt, "-o", str(tmp_path / "package"))
        _ok(copy, "import", str(tmp_path / "package"))
    elif fmt == "all":
        _ok(edtf_db, "export", "--table", "all", "--format", "json", "-o", str(tmp_path / "a.json"))
        _ok(copy, "import", str(tmp_path / "a.json"))
    else:
        for table in exchange.ORDER:
            target = tmp_path / f"{table}.{fmt}"
            _ok(edtf_db, "export", "--table", table, "--format", fmt, "-o", str(target))
            _ok(copy, "import", str(target))
    assert _everything(copy) == _everything(edtf_db)
    stored = {doc["date"] for doc in storage.load(copy)["events"].values()}
    assert stored == set(EDTF_FORMS)


def test_a_data_package_imports_from_its_descriptor_and_again_changes_nothing(
    edtf_db: Path, tmp_path: Path
) -> None:
    _ok(edtf_db, "export", "--format", "datapackage", "-o", str(tmp_path / "p"))
    copy = tmp_path / "copy.json"
    store.create(copy)
    _ok(copy, "import", str(tmp_path / "p" / "datapackage.json"))
    before = copy.read_bytes()
    again = _ok(copy, "import", "--format", "datapackage", str(tmp_path / "p"))
    assert "events: 0 added, 0 updated, 11 unchanged" in again
    assert "parties: 0 added, 0 updated, 1 unchanged" in again  # the countries are skipped
    assert copy.read_bytes() == before


# -- bounds -----------------------------------------------------------------------------


def test_every_date_column_is_followed_by_its_bounds(edtf_db: Path) -> None:
    for table in models.TABLES:
        columns = list(exchange.COLUMNS[table])
        for name in exchange.DATE_FIELDS[table]:
            at = columns.index(name)
            assert columns[at + 1 : at + 3] == [f"{name}_earliest", f"{name}_latest"]
        assert "recorded_earliest" not in columns  # a timestamp is exact
    rows = json.loads(_ok(edtf_db, "events", "--format", "json"))
    interval = next(row for row in rows if row["date"] == "2025-06-18/2025-06-20")
    assert (interval["date_earliest"], interval["date_latest"]) == ("2025-06-18", "2025-06-20")
    summits = json.loads(_ok(edtf_db, "summit", "list", "--format", "json"))
    assert [(s["start_earliest"], s["end_latest"]) for s in summits] == [
        ("2025-06-01", "2025-06-30"),
        ("2025-06-24", "2025-06-25"),
    ]


def _csv_outputs(db: Path, tmp_path: Path) -> dict[str, str]:
    """Every CSV the tool writes for this database, by how it was asked for."""
    found = {
        f"export --table {table}": _ok(db, "export", "--table", table)
        for table in ("events", "summits", "invitations", "parties")
    }
    found["events --format csv"] = _ok(db, "events", "--format", "csv")
    found["summit list --format csv"] = _ok(db, "summit", "list", "--format", "csv")
    found["matrix --format csv"] = _ok(db, "matrix", "--series", "NATO", "--format", "csv")
    found["changes --format csv"] = _ok(db, "changes", "--series", "NATO", "--format", "csv")
    _ok(db, "export", "--format", "datapackage", "-o", str(tmp_path / "p"))
    for path in sorted((tmp_path / "p").glob("*.csv")):
        found[f"datapackage {path.name}"] = path.read_text(encoding="utf-8")
    return found


def test_pandas_reads_every_csv_and_to_datetime_reads_the_bounds_without_options(
    edtf_db: Path, tmp_path: Path
) -> None:
    pd = pytest.importorskip("pandas")
    bounded = 0
    for what, text in _csv_outputs(edtf_db, tmp_path).items():
        frame = pd.read_csv(io.StringIO(text))
        for column in frame.columns:
            if column.endswith(("_earliest", "_latest")):
                bounded += 1
                parsed = pd.to_datetime(frame[column])
                assert str(parsed.dtype).startswith("datetime64"), (what, column)
                assert parsed.notna().sum() == frame[column].notna().sum(), (what, column)
    assert bounded >= 14


# -- the data package -------------------------------------------------------------------


def test_the_data_package_is_valid_for_frictionless(edtf_db: Path, tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    _ok(edtf_db, "export", "--format", "datapackage", "-o", str(tmp_path / "p"))
    report = frictionless.validate(str(tmp_path / "p" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((tmp_path / "p" / "datapackage.json").read_text())
    assert [r["name"] for r in descriptor["resources"]] == list(models.TABLES)
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"]}
    fields = {(table, f["name"]): f for table, s in schemas.items() for f in s["fields"]}
    assert fields["events", "kind"]["constraints"] == {"required": True, "enum": list(models.KINDS)}
    assert fields["events", "level"]["constraints"] == {"enum": list(models.LEVELS)}
    assert fields["invitations", "role"]["constraints"]["enum"] == list(models.ROLES)
    assert fields["events", "date_earliest"]["type"] == "date"
    assert fields["events", "recorded"]["type"] == "datetime"
    assert fields["events", "reason"]["description"] == "Why, in the source's words."
    assert schemas["invitations"]["primaryKey"] == ["summit", "party"]
    assert schemas["events"]["primaryKey"] == ["id"]
    assert schemas["events"]["foreignKeys"] == [
        {"fields": "summit", "reference": {"resource": "summits", "fields": "id"}},
        {"fields": "party", "reference": {"resource": "parties", "fields": "code"}},
        {"fields": "person", "reference": {"resource": "persons", "fields": "id"}},
    ]
    assert schemas["persons"]["foreignKeys"] == [
        {"fields": "party", "reference": {"resource": "parties", "fields": "code"}}
    ]
    assert all(s["missingValues"] == [""] for s in schemas.values())


def test_frictionless_finds_a_broken_foreign_key_and_a_date_out_of_form(
    edtf_db: Path, tmp_path: Path
) -> None:
    frictionless = pytest.importorskip("frictionless")
    _ok(edtf_db, "export", "--format", "datapackage", "-o", str(tmp_path / "p"))
    events = tmp_path / "p" / "events.csv"
    text = events.read_text(encoding="utf-8")
    events.write_text(
        text.replace(",nato-2025,", ",nato-1999,", 1).replace(",2025-06~,", ",c2025,")
    )
    report = frictionless.validate(str(tmp_path / "p" / "datapackage.json"))
    assert sorted(error.type for task in report.tasks for error in task.errors) == [
        "constraint-error",
        "foreign-key",
    ]


def test_pandas_loads_the_package_with_its_declared_types(edtf_db: Path, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    _ok(edtf_db, "export", "--format", "datapackage", "-o", str(tmp_path / "p"))
    descriptor = json.loads((tmp_path / "p" / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        fields = resource["schema"]["fields"]
        timed = [f["name"] for f in fields if f["type"] in ("date", "datetime")]
        frame = pd.read_csv(
            tmp_path / "p" / resource["path"],
            dtype={f["name"]: "string" for f in fields if f["type"] == "string"},
            keep_default_na=False,
            na_values=resource["schema"]["missingValues"],
        )
        for name in timed:
            frame[name] = pd.to_datetime(frame[name])
            assert str(frame[name].dtype).startswith("datetime64")
        assert list(frame.columns) == [f["name"] for f in fields]
    events = pd.read_csv(tmp_path / "p" / "events.csv", dtype="string", keep_default_na=False)
    assert sorted(events["date"]) == sorted(EDTF_FORMS)


def test_a_package_folder_that_is_not_empty_is_refused_unless_force(
    edtf_db: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    before = edtf_db.read_bytes()
    result = invoke(edtf_db, "export", "--format", "datapackage", "-o", str(folder))
    assert assert_refused(result, before, edtf_db) == (
        f"{folder} is a folder that is not empty; add --force to write into it"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    _ok(edtf_db, "export", "--format", "datapackage", "-o", str(folder), "--force")
    assert (folder / "notes.txt").read_text() == "mine"
    assert (folder / "datapackage.json").exists()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "datapackage"], 2, "--format datapackage needs -o and a folder to write to"),
        (["--format", "sqlite", "-o", "-"], 2, "--format sqlite needs -o and a file to write to"),
        (
            ["--format", "sqlite", "--table", "events", "-o", "x.db"],
            2,
            "Invalid value for '--table': sqlite holds every table: give all, or leave --table out",
        ),
    ],
)
def test_whole_exports_need_a_path_and_every_table(
    edtf_db: Path, args: list[str], code: int, message: str
) -> None:
    before = edtf_db.read_bytes()
    assert assert_refused(invoke(edtf_db, "export", *args), before, edtf_db, code) == message


def test_a_package_whose_resource_climbs_out_of_its_folder_is_refused(
    edtf_db: Path, tmp_path: Path
) -> None:
    _ok(edtf_db, "export", "--format", "datapackage", "-o", str(tmp_path / "p"))
    descriptor = tmp_path / "p" / "datapackage.json"
    data = json.loads(descriptor.read_text())
    data["resources"][0]["path"] = "../edtf.json"
    descriptor.write_text(json.dumps(data))
    copy = tmp_path / "copy.json"
    store.create(copy)
    before = copy.read_bytes()
    assert assert_refused(invoke(copy, "import", str(tmp_path / "p")), before, copy) == (
        f"{descriptor}: resource 'summits' has a path outside the package: '../edtf.json'"
    )


# -- SQLite -----------------------------------------------------------------------------


@pytest.fixture
def exported(tmp_path: Path) -> sqlite3.Connection:
    db = tmp_path / "nato.json"
    store.create(db, nato_tables())
    (tmp_path / "out").mkdir()
    _ok(db, "export", "--format", "sqlite", "-o", str(tmp_path / "out" / "summits.db"))
    return sqlite3.connect(tmp_path / "out" / "summits.db")


def test_sqlite_has_keys_that_hold_indexes_and_nulls(exported: sqlite3.Connection) -> None:
    assert exported.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = exported.execute("PRAGMA foreign_key_list(events)").fetchall()
    assert sorted((k[2], k[3], k[4]) for k in keys) == [
        ("parties", "party", "code"),
        ("persons", "person", "id"),
        ("summits", "summit", "id"),
    ]
    indexed = {row[1] for row in exported.execute("PRAGMA index_list(events)")}
    assert {"events_summit", "events_party", "events_date_earliest"} <= indexed
    joined = exported.execute(
        "SELECT e.id, s.name, p.name FROM events e JOIN summits s ON s.id = e.summit "
        "JOIN parties p ON p.code = e.party ORDER BY e.date_earliest, e.id"
    ).fetchall()
    assert joined == [
        ("0c0ffee0", "NATO Summit 2024", "Australia"),
        ("3f9b0000", "NATO Summit 2025", "Japan"),
        ("3f9a1c2e", "NATO Summit 2025", "South Korea"),
        ("a1b2c3d4", "NATO Summit 2025", "Japan"),
    ]
    assert exported.execute("SELECT count(*) FROM invitations WHERE date = ''").fetchone() == (0,)
    assert exported.execute("SELECT count(*) FROM invitations WHERE date IS NULL").fetchone() == (
        5,
    )
    assert exported.execute("SELECT tags FROM events WHERE id = '3f9b0000'").fetchone() == (
        '["trump"]',
    )
    assert exported.execute("SELECT code FROM parties ORDER BY code").fetchall() == [
        ("AUS",), ("EU",), ("JPN",), ("KOR",), ("NZL",)
    ]  # fmt: skip


@pytest.mark.parametrize("series", ["NATO", "G7"])
def test_the_attendance_view_holds_the_long_rows_of_matrix_long(
    exported: sqlite3.Connection, tmp_path: Path, series: str
) -> None:
    cursor = exported.execute("SELECT * FROM attendance WHERE series = ?", (series,))
    columns = [column[0] for column in cursor.description]
    view = [dict(zip(columns, row, strict=True)) for row in cursor]
    long = json.loads(
        _ok(tmp_path / "nato.json", "matrix", "--series", series, "--long", "--format", "json")
    )
    # SQLite's forms of the same values: a flag is 0 or 1, a missing value NULL.
    as_stored = [
        {k: int(v) if isinstance(v, bool) else (None if v == "" else v) for k, v in row.items()}
        for row in long
    ]
    assert view == as_stored
    assert all(list(row) == columns for row in long)
    assert (len(view) > 0) is (series == "NATO")  # the G7 summit has nobody recorded


def test_metadata_json_describes_every_table_and_column_for_datasette(
    edtf_db: Path, tmp_path: Path
) -> None:
    _ok(edtf_db, "export", "--format", "sqlite", "-o", str(tmp_path / "summits.db"))
    meta = json.loads((tmp_path / "metadata.json").read_text())
    described = meta["databases"]["summits"]["tables"]
    connection = sqlite3.connect(tmp_path / "summits.db")
    for (name,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
    ):
        if described[name].get("hidden"):
            continue
        columns = [row[1] for row in connection.execute(f"PRAGMA table_info({name})")]
        assert list(described[name]["columns"]) == columns
        assert all(described[name]["columns"].values()), name
        assert described[name]["description"]
    assert described["events"]["columns"]["kind"] == "What happened."


def test_an_existing_sqlite_file_is_replaced_only_with_force(edtf_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "summits.db"
    target.write_bytes(b"mine")
    before = edtf_db.read_bytes()
    result = invoke(edtf_db, "export", "--format", "sqlite", "-o", str(target))
    assert assert_refused(result, before, edtf_db) == (
        f"{target} already exists; add --force to replace it"
    )
    assert target.read_bytes() == b"mine"
    _ok(edtf_db, "export", "--format", "sqlite", "-o", str(target), "--force")
    assert sqlite3.connect(target).execute("SELECT count(*) FROM events").fetchone() == (11,)


# -- the --since/--until overlap, on the database -----------------------------------------

edtf = st.sampled_from([*EDTF_FORMS, "2024-12-31", "2025-06-19", "2025-07-01", "2026"])


@given(st.lists(edtf, min_size=1, max_size=8), st.none() | edtf, st.none() | edtf)
@settings(max_examples=150)
def test_since_and_until_keep_exactly_the_events_and_summits_whose_bounds_overlap(
    found: list[str], since: str | None, until: str | None
) -> None:
    docs = [
        event(id=f"e{n}", summit="s", party="JPN", kind="attended", date=date)
        for n, date in enumerate(found)
    ]
    summits = [summit(id=f"s{n}", name="S", start=date, end=date) for n, date in enumerate(found)]
    database = store.Database(Path("x.json"), tables(events=docs, summits=summits))

    def overlaps(date: str) -> bool:
        first, last = dates.bounds(date)
        return (since is None or last >= dates.first_day(since)) and (
            until is None or first <= dates.last_day(until)
        )

    kept = database.events(store.EventFilter(since=since, until=until))
    assert sorted(doc["id"] for doc in kept) == sorted(
        doc["id"] for doc in docs if overlaps(doc["date"])
    )
    assert [doc["id"] for doc in kept] == [
        doc["id"] for doc in sorted(kept, key=lambda d: (dates.order(d["date"]), d["id"]))
    ]
    listed = database.summits(since=since, until=until)
    assert {doc["id"] for doc in listed} == {d["id"] for d in summits if overlaps(d["start"])}


def test_tables_and_timelines_show_edtf_dates_readably(
    edtf_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    shown = _ok(edtf_db, "events")
    for text in (
        "c. 2025-06-20",
        "2025-06-20?",
        "c. 2025-06-20?",
        "2025-06-18 \u2013 20",
        "2024 \u2013 2025",
    ):
        assert text in shown
    timeline = _ok(edtf_db, "timeline", "nato-2025").splitlines()
    assert timeline[1] == "c. 2025-06-24 \u2013 2025-06-24 \u2013 25 \u00b7 series NATO"
    dated = [line for line in timeline if line[:4].isdigit() or line.startswith("c. ")]
    kinds = {
        line.index(symbol)
        for line in dated
        for symbol in "\u25cb\u25cf\u2715\u2298\u2013"[:4]
        if symbol in line
    }
    assert len(kinds) == 1  # every kind starts in the same column, however wide the date
