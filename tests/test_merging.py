"""The three-way merge: record by record, field by field, history as a union by id.

The property test builds a base and two independent edit sequences on disjoint
records, made through the store as commands make them (each op is one entry);
merging the two results must equal applying both sequences to the base.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_helpers import assert_refused, invoke, nato_tables
from summits import history, merging, models, rules, storage, store

MEMORY = Path("memory.json")


def run(tables: storage.Tables, *ops: Any) -> storage.Tables:
    """Apply each op as one command would: a Database over the tables, then its entry."""
    for op in ops:
        db = store.Database(MEMORY, tables)
        op(db)
        history.append(db.storage.tables, db.changes)
        tables = db.storage.tables
    return tables


def by_key(tables: storage.Tables) -> dict[str, dict[str, Any]]:
    """Each table's records by key: what a merge must get right, whatever their places."""
    return {
        table: {models.key_of(table, doc): doc for doc in tables.get(table, {}).values()}
        for table in models.TABLES
    }


def entry_ids(tables: storage.Tables) -> set[str]:
    return {entry["id"] for entry in tables.get(storage.HISTORY, {}).values()}


def fork(tables: storage.Tables) -> storage.Tables:
    return copy.deepcopy(tables)


def nato() -> storage.Tables:
    """The NATO tables, copied: the store changes records in place, and these are shared."""
    return fork(nato_tables())


# -- examples ---------------------------------------------------------------------


def test_both_sides_appending_events_merge_cleanly() -> None:
    base = run(nato())
    ours = run(fork(base), lambda db: db.log(summit="nato-2025", party="NZL", kind="attended",
                                           date="2025-06-25", id="0000aaaa"))  # fmt: skip
    theirs = run(fork(base), lambda db: db.log(summit="nato-2025", party="AUS", kind="absent",
                                             date="2025-06-25", id="0000bbbb"))  # fmt: skip
    result = merging.merge(base, ours, theirs)
    assert result.clashes == []
    events = result.tables["events"]
    assert list(events) == ["1", "2", "3", "4", "5", "6"]  # ours' places, then theirs' new one
    assert [events[n]["id"] for n in ("5", "6")] == ["0000aaaa", "0000bbbb"]
    assert entry_ids(result.tables) == entry_ids(ours) | entry_ids(theirs)
    assert result.taken == {"add": 1} and result.entries == 1
    # Theirs' new entry before ours' own: undo after the merge takes back ours.
    order = [entry["id"] for entry in result.tables[storage.HISTORY].values()]
    (mine,) = entry_ids(ours) - entry_ids(base)
    assert order[-1] == mine and len(order) == 2
    assert merging.problems(result.tables, MEMORY) == []


def test_a_field_changed_two_ways_is_a_conflict_that_keeps_ours() -> None:
    base = nato()
    ours = run(fork(base), lambda db: db.edit_event("3f9a", reason="ours", level="minister"))
    theirs = run(fork(base), lambda db: db.edit_event("3f9a", reason="theirs", by="Someone"))
    result = merging.merge(base, ours, theirs)
    assert result.clashes == [merging.Clash("events", "3f9a1c2e", "reason", "ours", "theirs")]
    merged = by_key(result.tables)["events"]["3f9a1c2e"]
    assert (merged["reason"], merged["level"], merged["by"]) == ("ours", "minister", "Someone")


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict() -> None:
    base = nato()
    ours = run(fork(base), lambda db: db.remove_event("3f9a"))
    theirs = run(fork(base), lambda db: db.edit_event("3f9a", reason="theirs"))
    result = merging.merge(base, ours, theirs)
    assert [(c.key, c.field, c.ours) for c in result.clashes] == [("3f9a1c2e", "", None)]
    assert "3f9a1c2e" not in by_key(result.tables)["events"]
    flipped = merging.merge(base, theirs, ours)
    assert by_key(flipped.tables)["events"]["3f9a1c2e"]["reason"] == "theirs"


def test_the_same_change_on_both_sides_is_taken_once() -> None:
    base = nato()
    edit = lambda db: db.edit_event("3f9a", reason="same")  # noqa: E731
    result = merging.merge(base, run(fork(base), edit), run(fork(base), edit))
    assert result.clashes == []
    assert by_key(result.tables)["events"]["3f9a1c2e"]["reason"] == "same"


def test_a_removal_that_leaves_a_dangling_reference_is_reported() -> None:
    base = nato()
    ours = run(fork(base), lambda db: db.remove_summit("g7-2025"))
    theirs = run(fork(base), lambda db: db.log(summit="g7-2025", party="JPN",
                                             kind="attended", date="2025-06-16"))  # fmt: skip
    result = merging.merge(base, ours, theirs)
    assert result.clashes == []
    assert [(p.table, p.field, p.code) for p in merging.problems(result.tables, MEMORY)] == [
        ("events", "summit", "no-summit")
    ]


def test_history_entries_one_side_pruned_stay_out() -> None:
    base = run(nato(), lambda db: db.edit_event("3f9a", reason="one"))
    (old,) = entry_ids(base)
    ours = fork(base)
    history.prune(ours, 0)
    theirs = run(fork(base), lambda db: db.edit_event("a1b2", reason="two"))
    result = merging.merge(base, ours, theirs)
    assert entry_ids(result.tables) == entry_ids(theirs) - {old}


def test_an_older_schema_base_without_history_or_new_fields_merges(tmp_path: Path) -> None:
    """A base written before fields were added: missing fields read as their defaults."""
    base = nato()
    for doc in base["events"].values():
        del doc["tags"]
    ours = run(nato(), lambda db: db.edit_event("3f9a", reason="ours"))
    theirs = run(nato(), lambda db: db.edit_event("a1b2", tags=["t"]))
    result = merging.merge(base, ours, theirs)
    events = by_key(result.tables)["events"]
    # JPN_CANCELLED has tags in the fixture: both sides kept it, so it is not a change.
    assert result.clashes == []
    assert events["3f9a1c2e"]["reason"] == "ours" and events["a1b2c3d4"]["tags"] == ["t"]
    assert merging.problems(result.tables, MEMORY) == []


def test_events_link_to_the_persons_of_the_merged_file() -> None:
    """``person`` is computed from ``by``: never a conflict, always right after a merge."""
    base = nato()
    iwaya = {"id": "iwaya", "name": "Takeshi Iwaya"}
    ours = run(fork(base), lambda db: db.add_person(**iwaya))
    theirs = run(fork(base), lambda db: db.log(summit="nato-2025", party="JPN", kind="attended",
                                             date="2025-06-25", by="takeshi iwaya",
                                             id="0000aaaa"))  # fmt: skip
    result = merging.merge(base, ours, theirs)
    events = by_key(result.tables)["events"]
    assert (events["0000aaaa"]["person"], events["a1b2c3d4"]["person"]) == ("iwaya", "iwaya")
    # One branch removes the person; the other's new event names them: unlinked, no problem.
    gone = run(fork(result.tables), lambda db: db.remove_person("iwaya", force=True))
    confirmed = {"kind": "confirmed", "date": "2025-06-20", "id": "0000bbbb"}
    named = run(
        fork(result.tables),
        lambda db: db.log(summit="nato-2025", party="JPN", by="Takeshi Iwaya", **confirmed),
    )
    again = merging.merge(result.tables, gone, named)
    assert again.clashes == [] and merging.problems(again.tables, MEMORY) == []
    assert by_key(again.tables)["events"]["0000bbbb"]["person"] == ""


# -- the command ----------------------------------------------------------------------


def write(path: Path, tables: storage.Tables) -> Path:
    path.write_bytes(storage.dump(tables))
    return path


def test_merge_writes_ours_and_lists_conflicts_on_stderr(tmp_path: Path) -> None:
    base = nato()
    ours = run(fork(base), lambda db: db.edit_event("3f9a", reason="ours"))
    theirs = run(fork(base), lambda db: db.edit_event("3f9a", reason="theirs"),
                 lambda db: db.remove_event("a1b2"))  # fmt: skip
    paths = [write(tmp_path / f"{name}.json", t) for name, t in
             (("base", base), ("ours", ours), ("theirs", theirs))]  # fmt: skip
    result = invoke(tmp_path / "unused.json", "merge", *map(str, paths))
    assert result.exit_code == 1
    assert result.stdout == "merged: 1 removed, 2 history entries from theirs\n"
    assert result.stderr == (
        "conflict: event 3f9a1c2e: reason: ours 'ours', theirs 'theirs' (kept ours)\n"
        "Error: 1 conflict, listed above; the merged file keeps our value for each\n"
    )
    merged = storage.load(paths[1])
    assert "a1b2c3d4" not in by_key(merged)["events"]
    assert by_key(merged)["events"]["3f9a1c2e"]["reason"] == "ours"
    assert len(merged[storage.HISTORY]) == 3


def test_merge_refuses_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    good = write(tmp_path / "good.json", nato())
    bad = tmp_path / "bad.json"
    bad.write_text("not json")
    before = good.read_bytes()
    result = invoke(tmp_path / "unused.json", "merge", str(good), str(good), str(bad))
    message = assert_refused(result, before, good)
    assert message == f"{bad} is not a summits database: it is not valid JSON"


def test_an_empty_base_means_both_sides_added_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "base.json"
    empty.write_bytes(b"")
    ours = write(tmp_path / "ours.json", nato())
    theirs = write(tmp_path / "theirs.json", nato())
    result = invoke(tmp_path / "unused.json", "merge", str(empty), str(ours), str(theirs))
    assert result.exit_code == 0, result.output
    assert result.stdout == "merged: nothing new from theirs\n"


# -- the property -----------------------------------------------------------------------

SIDES = ("a", "b")
PARTIES = ("JPN", "KOR", "AUS", "NZL", "USA")


def base_tables() -> storage.Tables:
    """Shared summit ``s-0``; each side owns summit ``a-0`` / ``b-0`` and the events on it,
    and the events on the shared summit alternate between the sides."""
    tables = storage.empty()
    summits = [("s-0", "2025-06-24"), ("a-0", "2025-07-01"), ("b-0", "2025-08-01")]
    for number, (summit_id, day) in enumerate(summits, 1):
        tables["summits"][str(number)] = rules.make(
            "summits", id=summit_id, name=f"Summit {summit_id}", start=day, end=day
        )
    for number, (summit_id, owner, n) in enumerate(
        [(s, s[0] if s != "s-0" else SIDES[n % 2], n) for s in ("s-0", "a-0", "b-0")
         for n in range(4)], 1
    ):  # fmt: skip
        tables["events"][str(number)] = rules.make(
            "events", id=f"{owner}base{summit_id[0]}{n:02d}", summit=summit_id,
            party=PARTIES[n % 5], kind="attended", date="2025-06-24",
            recorded="2025-06-01T00:00:00Z",
        )  # fmt: skip
    return tables


def owned(tables: storage.Tables, side: str) -> list[str]:
    return sorted(doc["id"] for doc in tables["events"].values() if doc["id"].startswith(side))


TEXT = st.sampled_from(["", "x", "domestic affairs", "another reason"])


@st.composite
def edits(draw: st.DrawFn, side: str) -> list[tuple[Any, ...]]:
    """A sequence of edits that touch only the side's records."""
    mine = owned(base_tables(), side)
    ops: list[tuple[Any, ...]] = []
    removed: set[str] = set()
    summit_gone = False
    for n in range(draw(st.integers(0, 8))):
        live = [e for e in mine if e not in removed]
        choice = draw(st.sampled_from(["log", "edit", "rm", "summit", "invite", "summit-rm"]))
        if choice == "log":
            summit = draw(st.sampled_from(["s-0"] if summit_gone else ["s-0", f"{side}-0"]))
            event_id = f"{side}new{n:05d}"
            ops.append(("log", event_id, summit, draw(st.sampled_from(PARTIES))))
            mine.append(event_id)
        elif choice == "edit" and live:
            ops.append(("edit", draw(st.sampled_from(live)), draw(st.sampled_from(
                ["reason", "by", "notes"])), draw(TEXT)))  # fmt: skip
        elif choice == "rm" and live:
            gone = draw(st.sampled_from(live))
            ops.append(("rm", gone))
            removed.add(gone)
        elif choice == "summit" and not summit_gone:
            ops.append(("summit", f"{side}-0", draw(TEXT)))
        elif choice == "invite" and not summit_gone:
            ops.append(("invite", f"{side}-0", draw(st.sampled_from(PARTIES)),
                        draw(st.sampled_from(models.ROLES))))  # fmt: skip
        elif choice == "summit-rm" and not summit_gone:
            ops.append(("summit-rm", f"{side}-0"))
            summit_gone = True
            removed |= {e for e in mine if e.startswith(f"{side}base{side}") or e in
                        {o[1] for o in ops if o[0] == "log" and o[2] == f"{side}-0"}}  # fmt: skip
    return ops


def op(step: tuple[Any, ...]) -> Any:
    name, *args = step

    def apply(db: store.Database) -> None:
        if name == "log":
            event_id, summit, party = args
            db.log(id=event_id, summit=summit, party=party, kind="attended",
                   date="2025-06-24", recorded="2025-06-30T00:00:00Z")  # fmt: skip
        elif name == "edit":
            db.edit_event(args[0], **{args[1]: args[2]})
        elif name == "rm":
            db.remove_event(args[0])
        elif name == "summit":
            db.edit_summit(args[0], host=args[1])
        elif name == "invite":
            db.invite(args[0], [args[1]], args[2], "", [])
        elif name == "summit-rm":
            db.remove_summit(args[0], force=True)

    return apply


@settings(max_examples=60, deadline=None)
@given(a=edits("a"), b=edits("b"))
def test_merging_independent_edits_equals_applying_both(
    a: list[tuple[Any, ...]], b: list[tuple[Any, ...]]
) -> None:
    base = run(base_tables(), lambda db: db.edit_summit("s-0", notes="shared"))
    ours = run(fork(base), *map(op, a))
    theirs = run(fork(base), *map(op, b))
    both = run(fork(ours), *map(op, b))
    result = merging.merge(base, ours, theirs)
    assert result.clashes == []
    assert by_key(result.tables) == by_key(both)
    assert entry_ids(result.tables) == entry_ids(ours) | entry_ids(theirs)
    assert merging.problems(result.tables, MEMORY) == []
    # and the other way round
    assert by_key(merging.merge(base, theirs, ours).tables) == by_key(both)


@pytest.mark.parametrize("side", SIDES)
def test_the_sides_own_disjoint_records(side: str) -> None:
    other = SIDES[1 - SIDES.index(side)]
    assert not set(owned(base_tables(), side)) & set(owned(base_tables(), other))
