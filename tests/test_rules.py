"""The declarations and the rules derived from them: the same on every path."""

from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_helpers import KOR_CANCELLED, assert_refused, invoke
from summits import models, rules, storage, store, wording

pytestmark = pytest.mark.usefixtures("core_env")


def test_each_record_type_has_exactly_the_declared_fields_in_order() -> None:
    for table, record_type in models.RECORD_TYPES.items():
        hints = typing.get_type_hints(record_type)
        assert tuple(hints) == models.FIELDS[table]
        for spec in models.DECLARATIONS[table]:
            assert hints[spec.name] == (list[str] if spec.items else str), (table, spec.name)


def test_every_field_is_described_and_bounded() -> None:
    for fields in models.DECLARATIONS.values():
        for spec in fields:
            assert spec.description.endswith(".") and spec.limit > 0
            assert (spec.valid is None) == (spec.code == ""), spec.name


def test_the_kinds_declare_what_they_mean() -> None:
    attending = [k.name for k in models.KIND.values() if k.attending]
    withdrawing = [k.name for k in models.KIND.values() if k.withdrawing]
    assert attending == ["attended"]
    assert withdrawing == ["declined", "cancelled"]
    assert len({k.symbol for k in models.KIND.values()}) == len(models.KINDS)


# -- one cleaning on every path ---------------------------------------------------------


def _reason_of(path: Path, event_id: str) -> str:
    with store.reading(path) as database:
        return str(database.event(event_id)["reason"])


def test_a_padded_reason_is_stored_trimmed_by_log_and_by_import(db: Path, tmp_path: Path) -> None:
    logged = invoke(
        db, "log", "nato-2025", "AUS", "declined", "--date", "2025-06-20",
        "--reason", "  padded  ", "--quiet",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    assert _reason_of(db, logged.stdout.strip()) == "padded"
    csv = tmp_path / "in.csv"
    csv.write_text(
        "id,summit,party,kind,date,reason\nfeed0001,nato-2025,NZL,declined,2025,  padded  \n"
    )
    imported = invoke(db, "import", str(csv))
    assert imported.exit_code == 0, imported.output
    assert _reason_of(db, "feed0001") == "padded"
    again = invoke(db, "import", str(csv))
    assert again.stdout == "imported events: 0 added, 0 updated, 1 unchanged\n"


def test_a_padded_value_already_stored_is_a_change_never_a_silent_difference(
    db: Path, tmp_path: Path
) -> None:
    # A file written before the rule (v1's import kept the padding).
    raw = json.loads(db.read_bytes())
    for doc in raw["events"].values():
        if doc["id"] == KOR_CANCELLED["id"]:
            doc["reason"] = "  padded  "
    db.write_bytes(storage.dump({k: v for k, v in raw.items() if k != "schema"}))
    csv = tmp_path / "in.csv"
    exported = invoke(db, "export", "-o", str(csv))
    assert exported.exit_code == 0, exported.output
    refused = invoke(db, "import", str(csv))
    assert refused.exit_code == 1
    assert "column reason: 'padded' differs from '  padded  ' in the database" in refused.stderr
    edited = invoke(db, "event", "edit", KOR_CANCELLED["id"], "--tag", "x")
    assert edited.exit_code == 0, edited.output
    assert "  reason:   padded   \u2192 padded\n" in edited.stdout


# -- control characters and length limits, on every path ----------------------------------


@pytest.mark.parametrize("text", ["\x1b[2J", "a\x07b", "\u202eevil", "x\u2066y", "\x9b1m", "a\nb"])
def test_a_control_or_bidi_character_is_refused_with_the_field_named(db: Path, text: str) -> None:
    before = db.read_bytes()
    result = invoke(db, "log", "nato-2025", "AUS", "declined", "--date", "2025", "--reason", text)
    message = assert_refused(result, before, db)
    assert message.startswith("reason: ")
    assert message.endswith("holds a control or bidirectional-override character")
    assert all(c.isprintable() for c in message)  # shown escaped, never raw


def test_notes_may_hold_newlines_and_tabs_but_no_other_control(db: Path) -> None:
    ok = invoke(db, "log", "nato-2025", "AUS", "declined", "--date", "2025", "--note", "a\n\tb")
    assert ok.exit_code == 0, ok.output
    before = db.read_bytes()
    bad = invoke(db, "log", "nato-2025", "AUS", "declined", "--date", "2025", "--note", "a\rb")
    assert assert_refused(bad, before, db).startswith("notes: 'a\\rb' holds a control")


def test_a_value_over_its_limit_is_refused_and_shown_short(db: Path) -> None:
    before = db.read_bytes()
    result = invoke(db, "log", "nato-2025", "AUS", "declined", "--date", "2025", "--by", "x" * 5000)
    assert assert_refused(result, before, db) == ("by is 5,000 characters long; the limit is 200")


def test_a_huge_date_is_refused_before_any_parsing(db: Path) -> None:
    before = db.read_bytes()
    result = invoke(db, "log", "nato-2025", "AUS", "declined", "--date", "June " * 2_000_000)
    message = assert_refused(result, before, db)
    assert message.endswith("is 9,999,999 characters long; a date has at most 64")
    assert len(message) < 200


def test_a_huge_party_name_is_refused_before_any_matching(db: Path) -> None:
    before = db.read_bytes()
    result = invoke(db, "log", "nato-2025", "Japan" * 100_000, "declined", "--date", "2025")
    message = assert_refused(result, before, db)
    assert message.endswith("is 500,000 characters long; a party has at most 100")


def test_import_refuses_control_characters_and_long_values_by_row_and_column(
    db: Path, tmp_path: Path
) -> None:
    rows = [
        {"summit": "nato-2025", "party": "AUS", "kind": "declined", "date": "2025",
         "reason": "\x1b]0;owned\x07"},
        {"summit": "nato-2025", "party": "AUS", "kind": "declined", "date": "2025",
         "by": "y" * 300},
        {"summit": "nato-2025", "party": "AUS", "kind": "declined", "date": "x" * 100_000},
    ]  # fmt: skip
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    before = db.read_bytes()
    result = invoke(db, "import", str(path))
    assert result.exit_code == 1
    assert db.read_bytes() == before
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "line 1, column reason: '\\x1b]0;owned\\x07' holds a control or "
        "bidirectional-override character"
    )
    assert lines[1].startswith("line 2, column by: 'yyyy")
    assert lines[1].endswith("…yy' is 300 characters long; the limit is 200")
    assert lines[2].endswith("is 100,000 characters long; the limit is 64")
    assert all(len(line) < 200 for line in lines)


# -- the fast checks are the field-by-field checks ---------------------------------------

TEXTS = st.text(st.characters(codec="utf-8"), max_size=8) | st.sampled_from(
    ["", " ", "a | b", "2025-06", "leader", "x" * 201, "\x1b", "a\nb", "\u202e"]
)


class _Slow(dict):  # type: ignore[type-arg]
    """A dict subclass: the fast paths step aside and the field-by-field check runs."""


@settings(max_examples=300)
@given(data=st.data())
def test_the_table_check_agrees_with_the_record_check(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(models.TABLES))
    spec = data.draw(st.sampled_from(models.DECLARATIONS[table]))
    base = {
        "summits": {"id": "s", "name": "n", "start": "2025", "end": "2025"},
        "parties": {"code": "EU", "name": "European Union"},
        "persons": {"id": "xi-jinping", "name": "Xi Jinping"},
        "invitations": {"summit": "s", "party": "JPN", "role": "partner"},
        "events": dict(KOR_CANCELLED),
    }[table]
    doc = rules.clean(table, base)
    doc[spec.name] = data.draw(st.lists(TEXTS, max_size=3) if spec.items else TEXTS)
    slow = rules.record_problems(table, _Slow(doc))
    assert rules.table_ok(table, [doc]) == (slow == [])
    assert rules.record_problems(table, doc) == slow
    for problem in slow:
        assert all(c.isprintable() for c in wording.sentence(problem))


# -- the fast checks agree with the full ones ----------------------------------


VALID_RECORDS = {
    "summits": rules.make(
        "summits", id="nato-2025", name="NATO", start="2025-06-24", end="2025-06-25"
    ),
    "parties": rules.make("parties", code="EU", name="European Union", aliases=["E.U."]),
    "persons": rules.make("persons", id="xi-jinping", name="Xi Jinping", aliases=["Xi"]),
    "invitations": rules.make("invitations", summit="nato-2025", party="JPN", role="guest"),
    "events": rules.make(
        "events",
        id="3f9a1c2e",
        summit="nato-2025",
        party="KOR",
        kind="cancelled",
        date="2025-06-22",
        level="leader",
        recorded="2025-06-22T10:00:00Z",
        tags=["x"],
    ),
}
ODD_VALUES = st.sampled_from(
    [
        "", " ", "x", "X-1", "nato-2025", "2025", "2025-06", "2025-02-29", "2024-02-29",
        "2025-13", "0000-01-01", "leader", "attended", "guest", "2025-06-22T10:00:00Z",
        "2025-06-22 10:00", None, 1, [], ["a"], ["a", 1], [[]], {}, "٢٠٢٥",
        "a | b", ["a | b"], ["a |", "b"], ["| b"], ["a|b", "a |b"], ["a\n|", "b"],
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_the_fast_record_checks_agree_with_the_field_by_field_ones(data: st.DataObject) -> None:
    table = data.draw(st.sampled_from(models.TABLES))
    doc = dict(VALID_RECORDS[table])
    for name in data.draw(st.lists(st.sampled_from([*models.FIELDS[table], "extra"]))):
        if data.draw(st.booleans()):
            doc[name] = data.draw(ODD_VALUES)
        else:
            doc.pop(name, None)
    slow = rules.record_problems(table, _Slow(doc))
    assert rules.record_problems(table, doc) == slow
    assert rules.table_ok(table, [VALID_RECORDS[table], doc]) == (slow == [])


@settings(max_examples=100)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["2025", "2025-06", "2025-06-01", "2025-06-20~", "2025-06-18/2025-06-20"]
            ),
            st.sampled_from(["2025-06-30T12:00:00Z", "2025-06-30T12:00:01Z"]),
        ),
        max_size=12,
    )
)
def test_the_fast_event_sort_is_the_event_order(pairs: list[tuple[str, str]]) -> None:
    events = [{"date": date, "recorded": at, "n": n} for n, (date, at) in enumerate(pairs)]
    assert models.sorted_events(events) == sorted(events, key=models.event_order)
