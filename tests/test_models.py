"""Record rules and whole-database problems."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_helpers import KOR_CANCELLED, NATO_2025, event, invitation, tables
from summits import models, rules, wording
from summits.errors import InvalidValue


def test_make_fills_every_field() -> None:
    doc = rules.make("summits", id="nato-2025", name="NATO", start="2025-06-24", end="2025-06-25")
    assert doc == {
        "id": "nato-2025",
        "name": "NATO",
        "series": "",
        "host": "",
        "start": "2025-06-24",
        "end": "2025-06-25",
        "format": "in-person",
        "status": "held",
        "notes": "",
        "sources": [],
    }
    assert list(doc) == list(models.FIELDS["summits"])


def test_make_cleans_lists() -> None:
    doc = event(
        id="ab",
        summit="s",
        party="JPN",
        kind="attended",
        date="2025",
        sources=[" a ", "", "b", "a"],
        tags=["x", "x"],
    )
    assert doc["sources"] == ["a", "b"]
    assert doc["tags"] == ["x"]


@pytest.mark.parametrize(
    ("table", "values", "message"),
    [
        (
            "summits",
            {"id": "NATO 2025", "name": "n", "start": "2025", "end": "2025"},
            "id: 'NATO 2025' is not an id: use lowercase letters, digits and '-' (e.g. nato-2025)",
        ),
        (
            "summits",
            {"id": "nato--2025", "name": "n", "start": "2025", "end": "2025"},
            "id: 'nato--2025' is not an id: use lowercase letters, digits and '-' (e.g. nato-2025)",
        ),
        (
            "summits",
            {"id": "-nato", "name": "n", "start": "2025", "end": "2025"},
            "id: '-nato' is not an id: use lowercase letters, digits and '-' (e.g. nato-2025)",
        ),
        (
            "summits",
            {"id": "nato", "name": "", "start": "2025", "end": "2025"},
            "name is required",
        ),
        (
            "summits",
            {"id": "nato", "name": "n", "start": "2025-06-24", "end": "2025-06-23"},
            "end: 2025-06-23 is before the start, 2025-06-24",
        ),
        (
            "summits",
            {"id": "nato", "name": "n", "start": "2025-06-31", "end": "2025-07-01"},
            "start: '2025-06-31' is not a real date",
        ),
        (
            "invitations",
            {"summit": "s", "party": "JPN", "role": "host"},
            "role: 'host' is not a role (member, partner, guest, observer)",
        ),
        (
            "events",
            {
                "id": "ab",
                "summit": "s",
                "party": "JPN",
                "kind": "left",
                "date": "2025",
                "recorded": "2025-06-30T12:00:00Z",
            },
            "kind: 'left' is not a kind "
            "(confirmed, attended, declined, cancelled, absent, left-early)",
        ),
        (
            "events",
            {
                "id": "ab",
                "summit": "s",
                "party": "JPN",
                "kind": "attended",
                "date": "2025",
                "level": "king",
                "recorded": "2025-06-30T12:00:00Z",
            },
            "level: 'king' is not a level (leader, deputy-leader, minister, senior-official, "
            "ambassador, official)",
        ),
        (
            "events",
            {
                "id": "AB",
                "summit": "s",
                "party": "JPN",
                "kind": "attended",
                "date": "2025",
                "recorded": "2025-06-30T12:00:00Z",
            },
            "id: 'AB' is not an event id (lowercase letters, digits, '-')",
        ),
        (
            "events",
            {
                "id": "ab",
                "summit": "s",
                "party": "JPN",
                "kind": "attended",
                "date": "2025",
                "recorded": "2025-06-30 12:00",
            },
            "recorded: '2025-06-30 12:00' is not a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)",
        ),
        (
            "events",
            {
                "id": "ab",
                "summit": "s",
                "party": "JPN",
                "kind": "attended",
                "date": 2025,
                "recorded": "2025-06-30T12:00:00Z",
            },
            "date must be a string",
        ),
        (
            "events",
            {
                "id": "ab",
                "summit": "s",
                "party": "JPN",
                "kind": "attended",
                "date": "2025",
                "recorded": "2025-06-30T12:00:00Z",
                "colour": "red",
            },
            "colour is not a field of this table",
        ),
    ],
)
def test_make_refuses(table: str, values: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        rules.make(table, **values)
    assert str(refused.value) == message


def test_a_month_end_covers_a_day_start() -> None:
    doc = rules.make("summits", id="s", name="n", start="2025-06-24", end="2025-06")
    assert doc["end"] == "2025-06"


def test_record_problems_lists_every_problem_of_a_record() -> None:
    found = rules.record_problems("events", {"id": 5, "tags": "x"})
    assert [(p.field, wording.predicate(p)) for p in found] == [
        ("id", "must be a string"),
        ("summit", "must be a string"),
        ("party", "must be a string"),
        ("kind", "must be a string"),
        ("date", "must be a string"),
        ("by", "must be a string"),
        ("level", "must be a string"),
        ("mode", "must be a string"),
        ("instead_of", "must be a string"),
        ("person", "must be a string"),
        ("reason", "must be a string"),
        ("sources", "must be a list of strings"),
        ("notes", "must be a string"),
        ("tags", "must be a list of strings"),
        ("recorded", "must be a string"),
    ]
    found = rules.record_problems("summits", ["not", "a", "record"])
    assert [(p.field, wording.predicate(p)) for p in found] == [("", "is not a JSON object")]


def test_level_rank() -> None:
    ranks = [models.level_rank(level) for level in models.LEVELS]
    assert ranks == sorted(ranks, reverse=True)
    assert models.level_rank("leader") == 6
    assert models.level_rank("") == 0


def test_new_event_id_avoids_taken_ids(monkeypatch: pytest.MonkeyPatch) -> None:
    assert models.EVENT_ID.fullmatch(models.new_event_id())
    draws = iter(["aaaa0000", "aaaa0000", "bbbb1111"])
    monkeypatch.setattr("secrets.token_hex", lambda n: next(draws))  # imported lazily
    assert models.new_event_id(["aaaa0000"]) == "bbbb1111"


def _is_party(code: str) -> bool:
    return code in {"JPN", "KOR", "EU"}


def test_problems_of_a_sound_database() -> None:
    sound = tables(
        summits=[NATO_2025],
        invitations=[invitation(summit="nato-2025", party="JPN")],
        events=[KOR_CANCELLED],
    )
    assert rules.problems(sound, _is_party) == []


def test_problems_names_duplicates_dangling_references_and_bad_records() -> None:
    broken = tables(
        summits=[NATO_2025, NATO_2025, {**NATO_2025, "id": "x", "end": "2025-13-01"}],
        invitations=[
            invitation(summit="nato-2025", party="JPN"),
            invitation(summit="nato-2025", party="JPN"),
            invitation(summit="nato-2099", party="XYZ"),
        ],
        events=[KOR_CANCELLED, {**KOR_CANCELLED, "summit": "gone"}, "junk"],
        parties=[{"code": "EU", "name": "European Union", "aliases": [], "extra": 1}],
    )
    assert [wording.sentence(p) for p in rules.problems(broken, _is_party)] == [
        "summit nato-2025 appears more than once",
        "summit x: end: '2025-13-01' is not a real date",
        "party EU: extra is not a field of this table",
        "invitation nato-2025/JPN appears more than once",
        "event 3f9a1c2e appears more than once",
        "event #3 is not a JSON object",
        "invitation nato-2099/XYZ: summit: 'nato-2099' is not a summit",
        "invitation nato-2099/XYZ: party: 'XYZ' is not a known party",
        "event 3f9a1c2e: summit: 'gone' is not a summit",
    ]


# -- list items and the CSV separator ------------------------------------------


@pytest.mark.parametrize(
    ("table", "field", "item", "message"),
    [
        (
            "events",
            "sources",
            "A | Reuters",
            "sources: 'A | Reuters' contains ' | ', which separates list items in CSV",
        ),
        (
            "events",
            "tags",
            "a |",
            "tags: 'a |' has a '|' at its edge, which would run into the ' | ' that "
            "separates list items in CSV",
        ),
        (
            "parties",
            "aliases",
            "| E.U.",
            "aliases: '| E.U.' has a '|' at its edge, which would run into the ' | ' that "
            "separates list items in CSV",
        ),
    ],
)
def test_make_refuses_a_list_item_that_csv_would_split(
    table: str, field: str, item: str, message: str
) -> None:
    base = {
        "events": {
            "id": "ab",
            "summit": "s",
            "party": "JPN",
            "kind": "attended",
            "date": "2025",
            "recorded": "2025-06-30T12:00:00Z",
        },
        "parties": {"code": "EU", "name": "European Union"},
    }[table]
    with pytest.raises(InvalidValue) as refused:
        rules.make(table, **base, **{field: ["ok", item]})
    assert str(refused.value) == message


def test_a_bar_without_spaces_around_it_is_a_list_item_like_any_other() -> None:
    doc = event(
        id="ab", summit="s", party="JPN", kind="attended", date="2025", tags=["a|b", "a |b"]
    )
    assert doc["tags"] == ["a|b", "a |b"]


class _Slow(dict):  # type: ignore[type-arg]
    """A dict subclass: the fast paths step aside and the field-by-field check runs."""


# Items from a few characters, so that bars, spaces and newlines meet often.
BARRED_ITEMS = st.lists(st.text("a |\n", max_size=5), max_size=4)


@settings(max_examples=300, deadline=None)
@given(sources=BARRED_ITEMS, tags=BARRED_ITEMS)
def test_the_fast_checks_agree_on_list_items_and_every_accepted_list_survives_csv(
    sources: list[str], tags: list[str]
) -> None:
    doc = {**KOR_CANCELLED, "sources": sources, "tags": tags}
    slow = rules.record_problems("events", _Slow(doc))
    assert rules.record_problems("events", doc) == slow
    assert rules.table_ok("events", [KOR_CANCELLED, doc]) == (slow == [])
    # A record as make() stores it: CSV joins its lists with " | ", import splits and
    # cleans them; whenever the rules accept the record, the same items come back.
    clean = {**doc, "sources": rules.clean_list(sources), "tags": rules.clean_list(tags)}
    if not rules.record_problems("events", clean):
        for items in (clean["sources"], clean["tags"]):
            assert rules.clean_list(" | ".join(items).split(" | ")) == items
