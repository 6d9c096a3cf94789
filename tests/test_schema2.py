"""Schema 2: people known by several names, modes, stand-ins, leaving early, summit status.

And the way up from schema 1: every command reads a schema-1 file as it is, the
first write upgrades it losslessly and says so once.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from core_helpers import assert_refused, invoke
from summits import models, storage

pytestmark = pytest.mark.usefixtures("core_env")

SCHEMA_1 = Path(__file__).parent / "schema1.json"  # the bundled data as version 1 wrote it


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "old.json"
    shutil.copyfile(SCHEMA_1, path)
    return path


def ok(path: Path, *args: str) -> str:
    result = invoke(path, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


# -- from schema 1 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("events",),
        ("events", "--format", "csv"),
        ("timeline", "nato-2025"),
        ("matrix", "--series", "NATO"),
        ("changes", "--series", "NATO"),
        ("summit", "list"),
        ("summit", "show", "nato-2025"),
        ("party", "list"),
        ("person", "list"),
        ("export", "--table", "all", "--format", "json"),
    ],
)
def test_every_reader_reads_a_schema_1_file_and_leaves_it_alone(
    old: Path, args: tuple[str]
) -> None:
    before = old.read_bytes()
    result = invoke(old, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert old.read_bytes() == before


def test_check_names_the_schema(old: Path) -> None:
    assert ok(old, "check").startswith(f"{old}: ok, schema 1 (")


def test_the_first_write_upgrades_losslessly_and_says_so_once(old: Path, tmp_path: Path) -> None:
    before = {t: ok(old, "export", "--table", t, "--format", "json") for t in ("events", "summits")}
    first = invoke(old, "party", "add", "UN", "--name", "United Nations")
    assert first.exit_code == 0, first.output
    assert first.stderr == f"upgraded {old} to schema 2\n"
    assert json.loads(old.read_bytes())["schema"] == storage.SCHEMA_VERSION
    second = invoke(
        old, "party", "add", "ASEAN", "--name", "Association of Southeast Asian Nations"
    )
    assert second.exit_code == 0 and second.stderr == ""
    assert ok(old, "check").startswith(f"{old}: ok, schema 2 (")
    # Nothing is lost: the old exports are the new ones without the new columns.
    new_columns = {
        "events": {"mode", "instead_of", "person"},
        "summits": {"format", "status"},
    }
    for table, text in before.items():
        after = json.loads(ok(old, "export", "--table", table, "--format", "json"))
        stripped = [{k: v for k, v in row.items() if k not in new_columns[table]} for row in after]
        assert stripped == [
            {k: v for k, v in row.items() if k not in new_columns[table]}
            for row in json.loads(text)
        ]
    modes = {row["kind"]: row["mode"] for row in json.loads(ok(old, "export", "--format", "json"))}
    assert modes["attended"] == "in-person" and modes["cancelled"] == ""


def test_a_refused_write_does_not_upgrade(old: Path) -> None:
    before = old.read_bytes()
    result = invoke(old, "log", "nato-2099", "JPN", "attended", "--date", "2025")
    assert_refused(result, before, old)


def test_a_schema_1_export_imports_into_a_schema_2_database(old: Path, tmp_path: Path) -> None:
    exported = {
        t: ok(old, "export", "--table", t, "--format", "csv")
        for t in ("parties", "summits", "invitations", "events")
    }
    # Drop the new columns: what version 1's export wrote.
    v1 = {
        "summits": ("format", "status"),
        "invitations": ("notes",),
        "events": ("mode", "instead_of", "person"),
        "parties": (),
    }
    new = tmp_path / "new.json"
    ok(new, "init")
    for table, text in exported.items():
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        path = tmp_path / f"{table}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            columns = [c for c in rows[0] if c not in v1[table]]
            writer = csv.DictWriter(handle, columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        ok(new, "import", str(path))
    for table in ("events", "summits"):
        assert ok(new, "export", "--table", table) == ok(old, "export", "--table", table)


# -- persons ----------------------------------------------------------------------------


def _bundled(tmp_path: Path) -> Path:
    path = tmp_path / "b.json"
    ok(path, "init", "--sample")
    return path


def test_person_add_links_every_event_by_any_name_ignoring_case_and_accents(
    tmp_path: Path,
) -> None:
    db = tmp_path / "p.json"
    ok(db, "init")
    ok(db, "summit", "add", "brics-2024", "--name", "BRICS 2024", "--start", "2024-10-22")
    for by in ("Lula", "LULA", "Luiz Inacio Lula da Silva", "Lula da"):
        ok(db, "log", "brics-2024", "BRA", "attended", "--date", "2024-10-22", "--by", by)
    added = ok(
        db, "person", "add", "lula-da-silva", "--name", "Luiz Inácio Lula da Silva",
        "--alias", "Lula", "--party", "Brazil", "--wikidata", "Q37181",
    )  # fmt: skip
    assert added == "added person lula-da-silva: Luiz Inácio Lula da Silva (3 events linked anew)\n"
    rows = json.loads(ok(db, "events", "--person", "lula-da-silva", "--format", "json"))
    assert sorted(row["by"] for row in rows) == ["LULA", "Luiz Inacio Lula da Silva", "Lula"]
    assert json.loads(ok(db, "person", "list", "--format", "json")) == [
        {
            "id": "lula-da-silva",
            "name": "Luiz Inácio Lula da Silva",
            "aliases": ["Lula"],
            "party": "BRA",
            "wikidata": "Q37181",
        }
    ]
    # A name given to nobody: the exact text of --by.
    assert [
        r["by"] for r in json.loads(ok(db, "events", "--person", "lula da", "--format", "json"))
    ] == ["Lula da"]
    edited = ok(db, "person", "edit", "lula-da-silva", "--alias", "Lula da")
    assert "aliases: Lula \u2192 Lula da" in edited
    assert edited.endswith("3 events linked anew\n")  # two unlinked, one linked
    linked = json.loads(ok(db, "events", "--person", "Lula da", "--format", "json"))
    assert sorted(row["by"] for row in linked) == ["Luiz Inacio Lula da Silva", "Lula da"]


def test_person_rm_is_refused_while_events_name_them_unless_forced(tmp_path: Path) -> None:
    db = _bundled(tmp_path)
    before = db.read_bytes()
    message = assert_refused(invoke(db, "person", "rm", "fumio-kishida"), before, db)
    assert message == (
        "person 'fumio-kishida' is named by 3 event(s); their 'by' stays as written: "
        "use --force to remove the person anyway"
    )
    assert ok(db, "person", "rm", "fumio-kishida", "--force") == (
        "removed person fumio-kishida: Fumio Kishida (3 event(s) no longer linked)\n"
    )
    assert json.loads(ok(db, "events", "--person", "Kishida", "--format", "json")) == []
    assert len(json.loads(ok(db, "events", "--person", "Fumio Kishida", "--format", "json"))) == 3


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--name", "X", "--wikidata", "Q12x"], 1,
         "wikidata: 'Q12x' is not a Wikidata id: Q followed by digits (e.g. Q15031)"),
        (["--name", "X", "--alias", "Kishida"], 1,
         "'Kishida' already names the person fumio-kishida"),
        (["--name", "X", "--party", "Narnia"], 1,
         "'Narnia' is not a known country or registered organisation; "
         "to use an organisation, register it with 'summits party add'"),
        (["--name", ""], 1, "name is required"),
        (["--name", "X", "--alias", "a\x1bb"], 1,
         "aliases: 'a\\x1bb' holds a control or bidirectional-override character"),
        ([], 2, "Missing option '--name'."),
    ],
)  # fmt: skip
def test_person_add_refusals(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    db = _bundled(tmp_path)
    before = db.read_bytes()
    assert (
        assert_refused(invoke(db, "person", "add", "someone", *args), before, db, code) == message
    )


def test_person_ids_are_slugs_and_unique(tmp_path: Path) -> None:
    db = _bundled(tmp_path)
    before = db.read_bytes()
    bad = invoke(db, "person", "add", "Kishida F", "--name", "Y")
    assert assert_refused(bad, before, db).startswith("id: 'Kishida F' is not an id")
    again = invoke(db, "person", "add", "fumio-kishida", "--name", "Y")
    assert assert_refused(again, before, db) == (
        "person 'fumio-kishida' already exists; change it with 'person edit'"
    )


# -- modes, stand-ins, leaving early -------------------------------------------------


def test_mode_with_a_kind_that_takes_none_is_a_usage_error(tmp_path: Path) -> None:
    db = _bundled(tmp_path)
    before = db.read_bytes()
    result = invoke(db, "log", "nato-2025", "JPN", "cancelled", "--date", "2025", "--mode", "video")
    assert assert_refused(result, before, db, 2) == (
        "--mode is only for confirmed and attended events, not cancelled"
    )
    result = invoke(db, "log", "nato-2025", "JPN", "declined", "--instead-of", "Ishiba")
    assert assert_refused(result, before, db, 2).startswith("--instead-of is only for")


def test_an_attendance_defaults_to_in_person_and_keeps_an_unknown_stand_in_as_written(
    tmp_path: Path,
) -> None:
    db = _bundled(tmp_path)
    event_id = ok(
        db, "log", "nato-2025", "JPN", "attended", "--date", "2025-06-25", "--by", "Iwaya",
        "--level", "minister", "--instead-of", "Prime Minister Ishiba", "-q",
    ).strip()  # fmt: skip
    [row] = json.loads(ok(db, "events", "--search", "Prime Minister Ishiba", "--format", "json"))
    assert (row["id"], row["mode"], row["instead_of"], row["person"]) == (
        event_id,
        "in-person",
        "Prime Minister Ishiba",
        "takeshi-iwaya",
    )
    # Changing the kind to one that takes no mode drops the mode and the stand-in, visibly.
    edited = ok(db, "event", "edit", event_id, "--kind", "absent")
    assert "  mode: in-person \u2192 (empty)\n" in edited
    assert "  instead_of: Prime Minister Ishiba \u2192 (empty)\n" in edited


def test_video_and_left_early_show_in_events_and_timeline(tmp_path: Path) -> None:
    db = tmp_path / "g.json"
    ok(db, "init")
    ok(db, "summit", "add", "g7-2025", "--name", "G7 2025", "--start", "2025-06-15",
       "--end", "2025-06-17", "--format", "hybrid", "--status", "held")  # fmt: skip
    ok(db, "log", "g7-2025", "USA", "attended", "--date", "2025-06-16", "--by", "Trump",
       "--level", "leader")  # fmt: skip
    ok(db, "log", "g7-2025", "USA", "left-early", "--date", "2025-06-16", "--by", "Trump",
       "--reason", "the Middle East")  # fmt: skip
    ok(db, "log", "g7-2025", "UKR", "attended", "--date", "2025-06-17", "--by", "Zelensky",
       "--level", "leader", "--mode", "video")  # fmt: skip
    table = ok(db, "events")
    assert "\u25d0 left-early" in table
    assert "Zelensky (leader, video)" in table
    timeline = ok(db, "timeline", "g7-2025")
    assert timeline.splitlines()[1] == "2025-06-15 \u2013 2025-06-17 \u00b7 hybrid"
    assert "\u25d0 left-early  USA United States \u00b7 Trump" in timeline
    assert [
        r["by"] for r in json.loads(ok(db, "events", "--mode", "video", "--format", "json"))
    ] == ["Zelensky"]


def test_a_postponed_summit_says_so_in_its_heading(tmp_path: Path) -> None:
    db = tmp_path / "s.json"
    ok(db, "init")
    ok(db, "summit", "add", "x-2026", "--name", "X", "--start", "2026", "--status", "postponed",
       "--format", "virtual")  # fmt: skip
    assert ok(db, "timeline", "x-2026").splitlines()[1] == "2026 \u00b7 postponed \u00b7 virtual"
    before = db.read_bytes()
    bad = invoke(db, "summit", "edit", "x-2026", "--status", "moved")
    assert assert_refused(bad, before, db, 2).startswith("Invalid value for '--status'")


def test_an_invitation_note_shows_in_summit_show(tmp_path: Path) -> None:
    db = _bundled(tmp_path)
    assert ok(db, "invite", "nato-2025", "EU", "--note", "status as a guest unclear") == (
        "updated invitation of EU (European Union) to nato-2025 as guest\n"
    )
    shown = ok(db, "summit", "show", "nato-2025")
    assert "status as a guest unclear" in shown
    # Inviting again without --note keeps the note.
    ok(db, "invite", "nato-2025", "EU", "--source", "https://example.org/eu")
    assert "status as a guest unclear" in ok(db, "summit", "show", "nato-2025")


def test_events_tag_keeps_any_of_the_tags(tmp_path: Path) -> None:
    db = _bundled(tmp_path)
    both = json.loads(
        ok(db, "events", "--tag", "stand-in", "--tag", "pull-out-2025", "--format", "json")
    )
    one = json.loads(ok(db, "events", "--tag", "stand-in", "--format", "json"))
    assert one and len(both) > len(one)
    assert all({"stand-in", "pull-out-2025"} & set(row["tags"]) for row in both)


def test_the_bundled_people_are_registered_with_their_aliases(tmp_path: Path) -> None:
    db = _bundled(tmp_path)
    persons = json.loads(ok(db, "person", "list", "--format", "json"))
    assert {p["id"] for p in persons} >= {"fumio-kishida", "shigeru-ishiba", "lee-jae-myung"}
    events = json.loads(ok(db, "events", "--format", "json"))
    assert all(row["person"] for row in events if row["by"])
    modes = {row["mode"] for row in events if models.KIND[row["kind"]].represents}
    assert modes == {"in-person", "video"}  # Putin at Rio and Lula at Kazan by video
