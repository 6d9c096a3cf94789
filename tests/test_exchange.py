"""The exchange module: reading files, checking rows, planning upserts; and the round trip.

The property tests build any valid database through the library's own
recording methods (so it obeys every rule), export it, import the export into
an empty database, export again, and demand the very same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summits import exchange, formats, importing, models, rules, storage, store
from summits.cli import cli
from summits.errors import InvalidValue, SummitsError

RECORDED = "2025-06-30T12:00:00Z"


def _database(path: Path, **records: list[dict[str, Any]]) -> store.Database:
    tables = storage.empty()
    for name, docs in records.items():
        tables[name] = {str(i): doc for i, doc in enumerate(docs, 1)}
    return store.Database(path, tables)


NATO = rules.make("summits", id="nato-2025", name="NATO 2025", start="2025-06-24", end="2025-06-25")
EVENT = rules.make(
    "events",
    id="3f9a1c2e",
    summit="nato-2025",
    party="KOR",
    kind="cancelled",
    date="2025-06-22",
    recorded=RECORDED,
)


@pytest.fixture
def db(tmp_path: Path) -> store.Database:
    # Copies: apply() replaces records in place, which must not change EVENT for later tests.
    return _database(tmp_path / "db.json", summits=[dict(NATO)], events=[dict(EVENT)])


def _plan(db: store.Database, text: str, update: bool = False) -> importing.Plan:
    return importing.plan(db, importing.read(text.encode(), "f.csv", "csv"), update)


def _problems(
    db: store.Database, text: str, fmt: str = "csv", table: str | None = None
) -> list[str]:
    with pytest.raises(importing.ImportRefused) as refused:
        importing.plan(db, importing.read(text.encode(), f"f.{fmt}", fmt, table), update=False)
    return refused.value.problems


# -- reading -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "table"),
    [
        (",".join(exchange.COLUMNS["events"]), "events"),
        ("summit,party,kind,date", "events"),
        (",".join(exchange.COLUMNS["summits"]), "summits"),
        ("id,name,start", "summits"),
        (",".join(exchange.COLUMNS["invitations"]), "invitations"),
        ("summit,party,role", "invitations"),
        ("code,name", "parties"),
        (" Code , NAME ", "parties"),
    ],
)
def test_the_csv_header_tells_the_table(header: str, table: str) -> None:
    assert list(importing.read(f"{header}\n".encode(), "f.csv", "csv").tables) == [table]


@pytest.mark.parametrize("header", ["summit,party", "notes", "foo,bar"])
def test_a_header_that_fits_no_table_or_two_is_refused(header: str) -> None:
    with pytest.raises(InvalidValue, match=r"cannot tell which table .* give --table"):
        importing.read(f"{header}\n".encode(), "f.csv", "csv")


def test_a_bom_is_dropped_and_other_encodings_refused() -> None:
    assert importing.decode("\ufeffcode,name".encode(), "f") == "code,name"
    with pytest.raises(InvalidValue, match=r"^f is not UTF-8 text \(byte 0xe9 on line 2\)"):
        importing.decode("code\nCaf\u00e9".encode("latin-1"), "f")


def test_csv_rows_are_numbered_as_a_spreadsheet_shows_them() -> None:
    text = 'code,name\nAA,"two\nlines"\n\n,,\nBB,b\n'
    rows = importing.read(text.encode(), "f.csv", "csv").tables["parties"]
    # The quoted line break stays in row 2; the blank line is row 3, the empty row 4.
    assert [(row.where, row.values["name"]) for row in rows] == [
        ("row 2", "two\nlines"),
        ("row 5", "b"),
    ]


def test_a_row_with_too_few_or_extra_cells_is_a_problem() -> None:
    incoming = importing.read(b"code,name\nAA\nBB,b,,\nCC,c,x\n", "f.csv", "csv")
    assert [row.where for row in incoming.tables["parties"]] == ["row 3"]
    assert [found.text for found in incoming.problems] == [
        "row 2: has 1 cells, but the header has 2",
        "row 4: has 3 cells, but the header has 2",
    ]


def test_a_quote_never_closed_is_named_as_the_likely_cause() -> None:
    incoming = importing.read(b'code,name\n"AA,a\nBB,b\n', "f.csv", "csv")
    assert [found.text for found in incoming.problems] == [
        "row 2: has 1 cells, but the header has 2; "
        "a quote that is never closed runs on to the end of the file",
    ]


def test_json_lines_split_only_on_newline() -> None:
    text = '{"code": "AA", "name": "a\u2028b"}\n{"code": "BB", "name": "c"}\n'
    rows = importing.read(text.encode(), "f.jsonl", "jsonl").tables["parties"]
    assert [(row.where, row.values["name"]) for row in rows] == [
        ("line 1", "a\u2028b"),
        ("line 2", "c"),
    ]


def test_an_all_object_keeps_dependency_order_and_refuses_unknown_tables() -> None:
    text = '{"events": [], "summits": [{"id": "x"}]}'
    assert list(importing.read(text.encode(), "f", "json").tables) == ["summits", "events"]
    with pytest.raises(InvalidValue, match="'people' is not a table"):
        importing.read(b'{"people": []}', "f", "json")


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.csv", "csv"), ("A.JSON", "json"), ("x/a.jsonl", "jsonl"), ("a.ndjson", "jsonl")],
)
def test_the_format_follows_the_extension(name: str, fmt: str) -> None:
    assert importing.format_of(name) == fmt
    assert importing.format_of("a.txt") is None


# -- planning --------------------------------------------------------------------


def test_new_identical_and_changed_rows(db: store.Database) -> None:
    header = "id,summit,party,kind,date,recorded\n"
    same = f"3f9a1c2e,nato-2025,KOR,cancelled,2025-06-22,{RECORDED}\n"
    new = "beef0001,nato-2025,JPN,attended,2025-06-24,\n"
    plan = _plan(db, header + same + new)
    assert plan.summary("events") == "events: 1 added, 0 updated, 1 unchanged"
    assert plan.added["events"][0]["recorded"].endswith("Z")

    changed = same.replace("cancelled", "declined")
    assert _plan(db, header + changed, update=True).summary("events") == (
        "events: 0 added, 1 updated, 0 unchanged"
    )


def test_an_empty_recorded_keeps_the_stored_one(db: store.Database) -> None:
    plan = _plan(db, "id,summit,party,kind,date\n3f9a1c2e,nato-2025,KOR,cancelled,2025-06-22\n")
    assert plan.summary("events") == "events: 0 added, 0 updated, 1 unchanged"


def test_empty_ids_get_new_distinct_ids(db: store.Database) -> None:
    rows = "".join(f"nato-2025,JPN,attended,2025,Person {n}\n" for n in range(50))
    plan = _plan(db, "summit,party,kind,date,by\n" + rows)
    ids = [doc["id"] for doc in plan.added["events"]]
    assert len(set(ids) | {"3f9a1c2e"}) == 51
    assert all(models.EVENT_ID.fullmatch(event_id) for event_id in ids)


def test_recording_defaults_fill_empty_cells(db: store.Database) -> None:
    summits = _plan(db, "id,name,start,end\nx-1,X,2025-06,\n").added["summits"]
    assert (summits[0]["start"], summits[0]["end"]) == ("2025-06", "2025-06")
    invitations = _plan(db, "summit,party,role\nnato-2025,Japan,\n").added["invitations"]
    assert invitations == [
        {
            "summit": "nato-2025",
            "party": "JPN",
            "role": "partner",
            "date": "",
            "notes": "",
            "sources": [],
        }
    ]


def test_list_cells_split_on_the_separator_trimmed_without_blanks(db: store.Database) -> None:
    text = "summit,party,kind,date,tags\nnato-2025,JPN,attended,2025,  a | b||c |  | a \n"
    assert _plan(db, text).added["events"][0]["tags"] == ["a", "b||c"]


def test_a_summit_before_its_start_is_refused(db: store.Database) -> None:
    assert _problems(db, "id,name,start,end\nx-1,X,2025-06-24,2025-06-20\n") == [
        "row 2, column end: '2025-06-20' is before the start, 2025-06-24"
    ]


def test_organisations_follow_the_rules_of_party_add(db: store.Database) -> None:
    problems = _problems(
        db, "code,name,aliases\nX,Short,\nZZA,Japan,\nZZB,Beta,Alpha\nZZC,Alpha,\nZZD,Delta,Gamma\n"
    )
    assert problems == [
        "row 2, column code: 'X' is not an organisation code: use 2-16 capital letters, "
        "digits or '-'",
        "row 3, column name: 'Japan' already names a country (JPN); choose another",
        "row 4, column aliases: 'Alpha' already names the organisation ZZC",
        "row 5, column name: 'Alpha' already names the organisation ZZB",
    ]


def test_events_may_use_organisations_from_the_same_file(tmp_path: Path) -> None:
    db = _database(tmp_path / "db.json", summits=[NATO])
    text = (
        '{"parties": [{"code": "EU", "name": "European Union", "aliases": ["E.U."]}],'
        ' "events": [{"summit": "nato-2025", "party": "e.u.", "kind": "attended",'
        ' "date": "2025"}]}'
    )
    plan = importing.plan(db, importing.read(text.encode(), "f", "json"), update=False)
    assert plan.added["events"][0]["party"] == "EU"


def test_duplicate_invitations_name_their_summit(db: store.Database) -> None:
    text = "summit,party\nnato-2025,JPN\nnato-2025,Japan\n"
    assert _problems(db, text, table="invitations") == [
        "row 3, column party: 'JPN' appears again for nato-2025 (first on row 2)"
    ]


def test_json_values_of_the_wrong_type(db: store.Database) -> None:
    text = (
        '[{"summit": "nato-2025", "party": "JPN", "kind": "attended", "date": "2025",'
        ' "tags": "a | b", "sources": [1], "by": null, "mood": "x"}]'
    )
    assert _problems(db, text, "json") == [
        "record 1, column mood: 'x' is not a column of events",
        "record 1, column sources: [1] is not a list of texts",
    ]


def test_apply_adds_and_replaces_in_place(db: store.Database) -> None:
    header = "id,summit,party,kind,date,recorded\n"
    text = (
        header
        + f"3f9a1c2e,nato-2025,KOR,declined,2025-06-22,{RECORDED}\n"
        + "beef0001,nato-2025,JPN,attended,2025,\n"
    )
    plan = _plan(db, text, update=True)
    importing.apply(db, plan)
    stored = db.storage.tables["events"]
    assert stored["1"]["kind"] == "declined"
    assert stored["2"]["id"] == "beef0001"
    assert db.storage.dirty
    assert db.problems() == []


def test_a_json_list_item_holding_the_csv_separator_is_a_problem_naming_the_item(
    db: store.Database,
) -> None:
    text = (
        '[{"summit": "nato-2025", "party": "JPN", "kind": "attended", "date": "2025",'
        ' "sources": ["Reuters", "A | Reuters"], "tags": ["a |"]}]'
    )
    assert _problems(db, text, "json") == [
        "record 1, column sources: 'A | Reuters' contains ' | ', which separates list items in CSV",
        "record 1, column tags: 'a |' has a '|' at its edge, which would run into the ' | ' "
        "that separates list items in CSV",
    ]


def test_a_conflict_shows_lists_as_json_arrays(tmp_path: Path) -> None:
    stored = {**EVENT, "sources": ["A|B", "C"]}
    db = _database(tmp_path / "db.json", summits=[NATO], events=[stored])
    text = '[{"id": "3f9a1c2e", "summit": "nato-2025", "party": "KOR", "kind": "cancelled",'
    text += f' "date": "2025-06-22", "recorded": "{RECORDED}", "sources": ["A|B C"]}}]'
    assert _problems(db, text, "json") == [
        'record 1, column sources: ["A|B C"] differs from ["A|B", "C"] in the database '
        "(event 3f9a1c2e); use --update to replace it"
    ]


EVENTS_WITHOUT_IDS = "summit,party,kind,date,by,sources\n"


def test_a_row_without_id_that_matches_an_event_is_unchanged(db: store.Database) -> None:
    # EVENT again, as a spreadsheet row without id or recorded; and one new event.
    text = EVENTS_WITHOUT_IDS + "nato-2025,KOR,cancelled,2025-06-22,,\n"
    text += "nato-2025,JPN,attended,2025-06-24,Ishiba,a | b\n"
    plan = _plan(db, text)
    assert plan.summary("events") == "events: 1 added, 0 updated, 1 unchanged"
    importing.apply(db, plan)
    assert _plan(db, text).summary("events") == "events: 0 added, 0 updated, 2 unchanged"
    assert _plan(db, text, update=True).summary("events") == (
        "events: 0 added, 0 updated, 2 unchanged"
    )


def test_a_row_without_id_that_differs_in_any_field_is_new(db: store.Database) -> None:
    text = EVENTS_WITHOUT_IDS + "nato-2025,KOR,cancelled,2025-06-22,,a source\n"
    assert _plan(db, text).summary("events") == "events: 1 added, 0 updated, 0 unchanged"


def test_a_row_without_id_repeating_another_row_is_a_problem(db: store.Database) -> None:
    text = (
        "id,summit,party,kind,date,by\n"
        "beef0001,nato-2025,JPN,attended,2025-06-24,Ishiba\n"
        ",nato-2025,JPN,declined,2025-06,\n"
        ",nato-2025,Japan,attended,24 June 2025,Ishiba\n"
        ",nato-2025,JPN,declined,2025-06,\n"
    )
    assert _problems(db, text) == [
        "row 4: repeats row 2 (the same event; this row has no id to tell them apart); "
        "delete one of them",
        "row 5: repeats row 3 (the same event; this row has no id to tell them apart); "
        "delete one of them",
    ]


def test_read_file_refuses_in_one_sentence_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(InvalidValue, match=r"^nosuch\.csv does not exist$"):
        importing.read_file(Path("nosuch.csv"))
    with pytest.raises(InvalidValue) as folder:
        importing.read_file(tmp_path)
    assert str(folder.value) == f"{tmp_path} is a folder, not a file to import"
    locked = tmp_path / "locked.csv"
    locked.write_text("x")

    def denied(self: Path) -> bytes:  # (as root, chmod 000 would not stop the read)
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(InvalidValue) as unreadable:
        importing.read_file(locked)
    assert str(unreadable.value) == f"{locked} cannot be read: Permission denied"


# -- the round trip, for any valid database ------------------------------------------

# Text as researchers paste it: commas, quotes, line breaks, accents, CJK.
# (NUL cannot be in a CSV cell; surrogates cannot be UTF-8.)
_CHARS = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
TEXT = st.one_of(
    st.text(_CHARS, max_size=12),
    st.sampled_from(['a, "b"', "line\nbreak", "cr\r\nlf", " padded ", "Zürich — 東京", "=1+2"]),
)
# List items with bars: the recording methods refuse the ones CSV's " | " would split
# ("a | b", "a |"), and every other one ("a|b", "a |b") must survive the round trip.
ITEM = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8),
    st.text("ab |", max_size=6),
)
ITEMS = st.lists(ITEM, max_size=3)
DATE = st.tuples(st.dates(min_value=dt.date(1900, 1, 1)), st.sampled_from([4, 7, 10])).map(
    lambda pair: pair[0].isoformat()[: pair[1]]
)
SLUG = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,3})?", fullmatch=True)
STAMP = st.datetimes(min_value=dt.datetime(2000, 1, 1)).map(
    lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")
)
COUNTRIES = ("JPN", "KOR", "AUS", "NZL", "UKR")


@st.composite
def databases(draw: st.DrawFn) -> list[tuple[str, dict[str, Any]]]:
    """Recording calls, in order: (method, keyword arguments)."""
    calls: list[tuple[str, dict[str, Any]]] = []
    codes = list(COUNTRIES)
    for code in draw(st.lists(st.from_regex(r"ORG[0-9]{1,2}", fullmatch=True), max_size=2)):
        name = draw(TEXT.filter(lambda t: t.strip()))
        calls.append(("add_party", {"code": code, "name": name, "aliases": draw(ITEMS)}))
        codes.append(code)
    names: list[str] = []
    for person_id in draw(st.lists(SLUG, max_size=2, unique=True)):
        name = draw(TEXT.filter(lambda t: t.strip()))
        names.append(name)
        person = {"id": person_id, "name": name, "aliases": draw(ITEMS)}
        person.update(party=draw(st.sampled_from(("", *COUNTRIES))))
        person.update(wikidata=draw(st.sampled_from(("", "Q42", "Q15031"))))
        calls.append(("add_person", person))
    summit_ids = draw(st.lists(SLUG, min_size=1, max_size=3, unique=True))
    for summit_id in summit_ids:
        start, end = sorted(draw(st.lists(DATE, min_size=2, max_size=2)))
        values = {"id": summit_id, "name": draw(TEXT.filter(bool)), "start": start, "end": end}
        values.update(series=draw(TEXT), host=draw(TEXT), notes=draw(TEXT), sources=draw(ITEMS))
        values.update(format=draw(st.sampled_from(models.FORMATS)))
        values.update(status=draw(st.sampled_from(models.STATUSES)))
        calls.append(("add_summit", values))
    for summit_id, code in draw(
        st.lists(st.tuples(st.sampled_from(summit_ids), st.sampled_from(codes)), max_size=4)
    ):
        role = draw(st.sampled_from(models.ROLES))
        date = draw(st.one_of(st.just(""), DATE))
        calls.append(
            (
                "invite",
                {
                    "summit_id": summit_id,
                    "codes": [code],
                    "role": role,
                    "date": date,
                    "sources": draw(ITEMS),
                    "notes": draw(TEXT),
                },
            )
        )
    for event_id in draw(
        st.lists(st.from_regex(r"[0-9a-f]{8}", fullmatch=True), max_size=5, unique=True)
    ):
        kind = draw(st.sampled_from(models.KINDS))
        takes = models.KIND[kind].represents
        values = {
            "id": event_id,
            "summit": draw(st.sampled_from(summit_ids)),
            "party": draw(st.sampled_from(codes)),
            "kind": kind,
            "date": draw(DATE),
            "by": draw(st.sampled_from(names) | TEXT if names else TEXT),
            "mode": draw(st.sampled_from(("", *models.MODES))) if takes else "",
            "instead_of": draw(TEXT) if takes else "",
            "level": draw(st.sampled_from(("", *models.LEVELS))),
            "reason": draw(TEXT),
            "sources": draw(ITEMS),
            "notes": draw(TEXT),
            "tags": draw(ITEMS),
            "recorded": draw(STAMP),
        }
        calls.append(("log", values))
    return calls


def _build(path: Path, calls: list[tuple[str, dict[str, Any]]]) -> None:
    """A database made through the recording methods; a refused call is just skipped."""
    store.create(path)
    refused: set[str] = set()
    with store.writing(path) as db:
        for method, values in calls:
            if refused & {values.get("party"), *values.get("codes", ())}:
                continue  # (invite and log trust the CLI to have resolved the party)
            # A refused call is skipped: e.g. an organisation name that names a country.
            try:
                getattr(db, method)(**values)
            except SummitsError:
                refused.add(values.get("code", ""))


def _cli(path: Path, *args: str, data: bytes | None = None) -> bytes:
    result = CliRunner().invoke(cli, ["--db", str(path), *args], input=data)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout_bytes


ROUND_TRIP = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@ROUND_TRIP
@given(databases(), st.sampled_from(["csv", "json", "jsonl"]))
def test_export_import_export_is_identical_table_by_table(
    calls: list[tuple[str, dict[str, Any]]], fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, copy = Path(folder) / "a.json", Path(folder) / "b.json"
        _build(source, calls)
        store.create(copy)
        exported = {
            t: _cli(source, "export", "--table", t, "--format", fmt) for t in exchange.ORDER
        }
        for table in exchange.ORDER:  # dependency order: parties before the events naming them
            _cli(copy, "import", "-", "--format", fmt, "--table", table, data=exported[table])
        for table in exchange.ORDER:
            assert _cli(copy, "export", "--table", table, "--format", fmt) == exported[table]
        assert _cli(copy, "check")


@ROUND_TRIP
@given(databases())
def test_export_all_import_export_is_identical_and_reimport_changes_nothing(
    calls: list[tuple[str, dict[str, Any]]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, copy = Path(folder) / "a.json", Path(folder) / "b.json"
        _build(source, calls)
        store.create(copy)
        everything = _cli(source, "export", "--table", "all", "--format", "json")
        _cli(copy, "import", "-", "--format", "json", data=everything)
        assert _cli(copy, "export", "--table", "all", "--format", "json") == everything
        written = copy.read_bytes()
        again = _cli(copy, "import", "-", "--format", "json", data=everything).decode()
        assert " 0 added, 0 updated" in again and "1 added" not in again
        assert copy.read_bytes() == written


@ROUND_TRIP
@given(databases())
def test_the_csv_module_reads_every_cell_back(calls: list[tuple[str, dict[str, Any]]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "a.json"
        _build(source, calls)
        text = _cli(source, "export").decode()
        with store.reading(source) as db:
            expected = exchange.rows(db, "events", db.events())
        # As a script reads it: the csv module, then the one ' escaping added undone.
        rows = [
            {name: formats.unescape_cell(value) for name, value in row.items()}
            for row in csv.DictReader(io.StringIO(text, newline=""))
        ]
        assert [row["reason"] for row in rows] == [doc["reason"] for doc in expected]
        assert [row["notes"] for row in rows] == [doc["notes"] for doc in expected]
        assert [row["tags"].split(" | ") if row["tags"] else [] for row in rows] == [
            doc["tags"] for doc in expected
        ]


@ROUND_TRIP
@given(databases(), st.sampled_from(["csv", "json"]))
def test_the_column_by_column_reading_plans_what_the_row_by_row_one_does(
    calls: list[tuple[str, dict[str, Any]]], fmt: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder) / "a.json", Path(folder) / "b.json"
        _build(source, calls)
        store.create(target)
        for table in exchange.ORDER:
            data = _cli(source, "export", "--table", table, "--format", fmt)
            incoming = importing.read(data, f"x.{fmt}", fmt, table)
            with store.reading(target) as db:
                fast = importing.plan(db, incoming, update=False)
                with pytest.MonkeyPatch.context() as patch:
                    patch.setattr(importing._Checker, "_by_columns", lambda *a, **k: None)
                    slow = importing.plan(db, incoming, update=False)
            assert fast.added == slow.added and fast.unchanged == slow.unchanged
            _cli(target, "import", "-", "--format", fmt, "--table", table, data=data)
