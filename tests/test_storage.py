"""The file format: deterministic bytes, refusals that name the file, atomic replacement."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core_helpers import NATO_2025, event, tables
from summits import storage
from summits.errors import DatabaseError

SMALL = tables(
    summits=[NATO_2025],
    events=[
        event(id="bb", summit="nato-2025", party="KOR", kind="cancelled", date="2025-06-22"),
        event(id="aa", summit="nato-2025", party="JPN", kind="attended", date="2025-06"),
    ],
)

EXPECTED = (
    b'{\n"schema": 2,\n'
    b'"events": {\n'
    b'"1": {"by":"","date":"2025-06-22","id":"bb","instead_of":"","kind":"cancelled","level":"",'
    b'"mode":"","notes":"","party":"KOR","person":"","reason":"",'
    b'"recorded":"2025-06-30T12:00:00Z","sources":[],"summit":"nato-2025","tags":[]},\n'
    b'"2": {"by":"","date":"2025-06","id":"aa","instead_of":"","kind":"attended","level":"",'
    b'"mode":"in-person","notes":"","party":"JPN","person":"","reason":"",'
    b'"recorded":"2025-06-30T12:00:00Z","sources":[],"summit":"nato-2025","tags":[]}\n'
    b"},\n"
    b'"invitations": {},\n'
    b'"parties": {},\n'
    b'"persons": {},\n'
    b'"summits": {\n'
    b'"1": {"end":"2025-06-25","format":"in-person","host":"The Hague","id":"nato-2025",'
    b'"name":"NATO Summit 2025","notes":"","series":"NATO","sources":[],"start":"2025-06-24",'
    b'"status":"held"}\n'
    b"}\n"
    b"}\n"
)


def test_dump_is_byte_exact() -> None:
    assert storage.dump(SMALL) == EXPECTED


def test_dump_orders_ids_numerically_and_keys_alphabetically() -> None:
    shuffled = {name: {} for name in reversed(storage.empty())}
    for key in ("10", "2", "1"):
        shuffled["events"][key] = {"z": key, "a": "first"}
    dumped = storage.dump(shuffled)
    assert dumped.index(b'"1": {"a":"first","z":"1"}') < dumped.index(b'"2": ')
    assert dumped.index(b'"2": ') < dumped.index(b'"10": ')
    assert dumped == storage.dump(dict(sorted(shuffled.items())))


def test_dump_is_utf8_not_escaped() -> None:
    doc = {**NATO_2025, "host": "Türkiye, İstanbul"}
    dumped = storage.dump(tables(summits=[doc]))
    assert "Türkiye, İstanbul".encode() in dumped
    assert dumped.endswith(b"}\n")


def test_parse_reads_what_dump_writes(tmp_path: Path) -> None:
    assert storage.parse(EXPECTED, tmp_path / "x.json") == SMALL


def test_parse_fills_missing_tables(tmp_path: Path) -> None:
    assert storage.parse(b'{"schema": 1}', tmp_path / "x.json") == storage.empty()


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        (b"", "is not a summits database: it is not valid JSON"),
        (b"{not json", "is not a summits database: it is not valid JSON"),
        (b"\xff\xfe", "is not a summits database: it is not valid JSON"),
        (b"[]", "is not a summits database: it has no schema version"),
        (b'{"events": {}}', "is not a summits database: it has no schema version"),
        (b'{"_default": {}}', "is not a summits database: it has no schema version"),
        (
            b'{"schema": 3}',
            "was written by a newer summits (schema 3; this one reads 2); "
            "upgrade summits to use it",
        ),
        (b'{"schema": "1"}', "has an invalid schema version: '1'"),
        (b'{"schema": true}', "has an invalid schema version: True"),
        (b'{"schema": 0}', "has an invalid schema version: 0"),
        (b'{"schema": 1, "people": {}}', "is not a summits database: unknown table 'people'"),
        (
            b'{"schema": 1, "events": []}',
            "is damaged: table 'events' is not an object of numbered records",
        ),
        (
            b'{"schema": 1, "events": {"x": {}}}',
            "is damaged: table 'events' is not an object of numbered records",
        ),
        (
            '{"schema": 1, "events": {"\u00b2": {}}}'.encode(),
            "is damaged: table 'events' is not an object of numbered records",
        ),
    ],
)
def test_parse_refuses_naming_the_file(tmp_path: Path, raw: bytes, problem: str) -> None:
    path = tmp_path / "x.json"
    with pytest.raises(DatabaseError) as refused:
        storage.parse(raw, path)
    assert str(refused.value) == f"{path} {problem}"


def test_load_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    with pytest.raises(DatabaseError) as refused:
        storage.load(path)
    assert str(refused.value) == (
        f"{path} does not exist; create it with 'summits init' or choose another with --db"
    )


def test_load_a_directory(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as refused:
        storage.load(tmp_path)
    assert str(refused.value) == f"{tmp_path} cannot be read: Is a directory"


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"old")
    path.chmod(0o600)
    storage.atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_atomic_write_failure_leaves_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"old")

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", crash)
    with pytest.raises(OSError):
        storage.atomic_write(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json"]


def test_sweep_removes_only_this_files_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_bytes(b"x")
    others = (
        ".db.json.x.tmp",  # not the exact pattern: 8 hex digits
        ".db.json.1234ABCD.tmp",
        ".db.json.bak.1234abcd.tmp",  # the temp file of db.json.bak
        ".other.json.1234abcd.tmp",
        "keep.tmp",
    )
    for name in (".db.json.1234abcd.tmp", *others):
        (tmp_path / name).write_bytes(b"")
    storage.sweep_temp_files(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["db.json", *others])


def test_memory_storage_writes_only_to_memory() -> None:
    held = storage.MemoryStorage(storage.empty())
    assert not held.dirty
    held.write({"events": {}})
    assert held.dirty
    assert held.read() == {"events": {}}
    held.close()


texts = st.text(max_size=20)
records = st.fixed_dictionaries(
    {
        "id": texts,
        "name": texts,
        "sources": st.lists(texts, max_size=3),
        "n": st.integers(-(2**63), 2**63 - 1),
    }
)


@given(
    st.dictionaries(
        st.sampled_from(list(storage.empty())),
        st.dictionaries(st.integers(1, 10**6).map(str), records, max_size=5),
    )
)
@settings(max_examples=100)
def test_dump_parse_dump_is_identical(tables_: dict[str, dict[str, dict[str, object]]]) -> None:
    dumped = storage.dump({**storage.empty(), **tables_})
    assert dumped.endswith(b"\n")
    assert storage.dump(storage.parse(dumped, Path("x.json"))) == dumped
