"""Hostile input and hostile files: each attack of the audit (issue 10), replayed.

Every refusal is checked the same way: the exit status, one ``Error:``
sentence on stderr, no traceback, and the database's bytes and mode as they
were. The digest cache is per test (conftest's ``XDG_CACHE_HOME``).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from core_helpers import KOR_CANCELLED, invoke, nato_tables
from summits import cache, formats, storage, store

SUMMITS = [sys.executable, "-m", "summits"]
LOG = ("log", "nato-2025", "JPN", "attended", "--date", "2025-06-24", "-q")


def assert_one_sentence(result: Result, code: int = 1) -> str:
    """Exit ``code``, no traceback, exactly one ``Error:`` line on stderr; returns it."""
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0].removeprefix("Error: ")


def unchanged(path: Path) -> tuple[bytes, int]:
    """What must not change about a database: its bytes and its mode."""
    return path.read_bytes(), stat.S_IMODE(path.stat().st_mode)


def note(db: Path) -> Path:
    found = cache.note_path(db.resolve())
    assert found is not None
    return found


def broken(db: Path) -> bytes:
    """Break the NATO database by hand, as an editor would; returns the new bytes."""
    raw = db.read_bytes().replace(b'"date":"2025-06-22"', b'"date":"2025-13-40"', 1)
    assert raw != db.read_bytes()
    db.write_bytes(raw)
    return raw


# -- 1. the digest cache -----------------------------------------------------------


def test_the_cache_lives_in_the_cache_folder_not_beside_the_database(
    db: Path, _private_cache: Path
) -> None:
    beside = [f".{db.name}.lock", db.name]
    assert invoke(db, "events").exit_code == 0
    assert sorted(p.name for p in db.parent.iterdir()) == beside
    assert [p.name for p in _private_cache.iterdir()] == [note(db).name]
    assert invoke(db, *LOG).exit_code == 0
    assert sorted(p.name for p in db.parent.iterdir()) == beside


def test_a_planted_checked_file_beside_the_database_blesses_nothing(db: Path) -> None:
    """The old ``.NAME.checked`` holding the digest of a hand-broken file is ignored."""
    import hashlib

    raw = broken(db)
    db.with_name(f".{db.name}.checked").write_text(hashlib.sha256(raw).hexdigest())
    before = unchanged(db)
    message = assert_one_sentence(invoke(db, "events"))
    assert "breaks the rules" in message
    assert unchanged(db) == before


@pytest.mark.parametrize("target", ["database", "/dev/zero"])
def test_a_cache_note_that_is_a_link_is_never_followed(db: Path, target: str) -> None:
    """Linked at the database, a read once replaced it with a digest; at /dev/zero it ate memory."""
    note(db).parent.mkdir(parents=True)
    note(db).symlink_to(db if target == "database" else Path(target))
    before = unchanged(db)
    assert invoke(db, "timeline", "nato-2025").exit_code == 0
    assert invoke(db, *LOG).exit_code == 0
    assert stat.S_ISCHR(os.stat("/dev/zero").st_mode)
    assert note(db).is_file() and not note(db).is_symlink()  # replaced by a note of ours
    assert unchanged(db) != before  # the log wrote the database, and only the log
    assert invoke(db, "events").exit_code == 0


def test_a_fifo_as_cache_note_never_makes_a_command_wait(db: Path) -> None:
    note(db).parent.mkdir(parents=True)
    os.mkfifo(note(db))
    before = unchanged(db)
    done = subprocess.run(
        [*SUMMITS, "--db", str(db), "events"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert unchanged(db) == before
    assert note(db).is_file()  # the FIFO's name now holds a note, written atomically


def test_an_oversized_or_foreign_note_is_ignored(db: Path) -> None:
    """A note too big to be ours, or of another format, means a full check."""
    raw = broken(db)
    note(db).parent.mkdir(parents=True)
    for text in (b"x" * (cache.NOTE_LIMIT + 1), b"checked\n"):
        note(db).write_bytes(text)
        assert "breaks the rules" in assert_one_sentence(invoke(db, "events"))
        assert db.read_bytes() == raw


def test_a_note_for_other_bytes_or_another_file_is_ignored(db: Path, tmp_path: Path) -> None:
    """A note only spares the check of the bytes summits checked, in that very file."""
    real = db.resolve()
    raw = db.read_bytes()
    identity = cache.Identity.of(db.stat())
    cache.remember_checked(real, identity, raw)
    assert cache.is_checked(real, identity, raw)
    assert not cache.is_checked(real, identity, raw + b" ")  # other bytes
    assert not cache.is_checked(real, identity._replace(inode=identity.inode + 1), raw)
    assert not cache.is_checked(real, identity._replace(mtime_ns=1), raw)
    assert not cache.is_checked(tmp_path / "other.json", identity, raw)  # another path
    assert not cache.is_checked(real, None, raw)  # bytes that changed while read


def test_a_hand_broken_file_with_the_blessed_identity_is_checked_again(db: Path) -> None:
    """Same size, same mtime, same inode: the digest still tells the edit."""
    assert invoke(db, "events").exit_code == 0
    before = db.stat()
    raw = db.read_bytes().replace(b'"date":"2025-06-22"', b'"date":"2025-06-32"', 1)
    with db.open("r+b") as handle:  # in place: the inode stays
        handle.write(raw)
    os.utime(db, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert cache.Identity.of(db.stat()) == cache.Identity.of(before)
    assert "breaks the rules" in assert_one_sentence(invoke(db, "events"))
    assert db.read_bytes() == raw


def test_the_cache_is_silent_when_it_cannot_be_written(
    db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    result = invoke(db, *LOG)
    assert result.exit_code == 0 and result.stderr == ""
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # ignored, as XDG says
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert invoke(db, "events").exit_code == 0
    assert (tmp_path / "home" / ".cache" / "summits").is_dir()
    assert not Path("relative").exists()


def test_a_database_that_is_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "db.json"
    os.mkfifo(fifo)
    done = subprocess.run(
        [*SUMMITS, "--db", str(fifo), "events"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1
    assert done.stderr == f"Error: {fifo} is not a regular file, so not a summits database\n"


# -- 2. links, read-only files, modes, temp files ----------------------------------


def test_a_symlinked_database_is_written_through_to_its_target(db: Path, tmp_path: Path) -> None:
    """Once, a write replaced the link with a copy (a silent fork) and locked beside the link."""
    link_folder = tmp_path / "work"
    link_folder.mkdir()
    link = link_folder / "summits.json"
    link.symlink_to(db)
    result = invoke(link, *LOG)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(db)
    assert result.stdout.strip().encode() in db.read_bytes()
    assert sorted(p.name for p in link_folder.iterdir()) == ["summits.json"]  # no lock, no temp
    assert db.with_name(f".{db.name}.lock").exists()


def test_init_through_a_dangling_link_creates_the_target(tmp_path: Path) -> None:
    target = tmp_path / "shared" / "summits.json"
    link = tmp_path / "summits.json"
    link.symlink_to(target)
    assert invoke(link, "init").exit_code == 0
    assert link.is_symlink() and target.is_file()
    assert invoke(link, "init").exit_code == 1  # and it exists now


@pytest.mark.parametrize(
    "args",
    [
        ["log", "nato-2025", "JPN", "attended"],
        ["summit", "rm", "nato-2025", "--force"],
        ["import", "-", "--format", "json"],
    ],
)
def test_a_read_only_database_is_refused_for_writing(db: Path, args: list[str]) -> None:
    """Root may write anything: the mode bits decide, not only os.access."""
    db.chmod(0o444)
    storage.lock_path(db).unlink()  # to see that the refusal comes before the lock file
    before, files = unchanged(db), sorted(db.parent.iterdir())
    result = invoke(db, *args, input="[]")
    assert assert_one_sentence(result) == f"{db} is read-only, so summits will not change it"
    assert unchanged(db) == before
    assert sorted(db.parent.iterdir()) == files
    assert invoke(db, "events").exit_code == 0  # reading is fine


def test_a_read_only_target_behind_a_link_is_refused(db: Path, tmp_path: Path) -> None:
    db.chmod(0o440)
    link = tmp_path / "link.json"
    link.symlink_to(db)
    before = unchanged(db)
    message = assert_one_sentence(invoke(link, "event", "rm", KOR_CANCELLED["id"]))
    assert message == f"{link} is read-only, so summits will not change it"
    assert unchanged(db) == before


@pytest.mark.parametrize("mode", [0o664, 0o660, 0o666, 0o600, 0o640])
def test_a_replaced_database_keeps_its_permission_bits(db: Path, mode: int) -> None:
    db.chmod(mode)
    old_umask = os.umask(0o077)  # the strictest umask must not cut a group's write away
    try:
        assert invoke(db, *LOG).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(db.stat().st_mode) == mode


@pytest.mark.parametrize(("umask", "mode"), [(0o002, 0o664), (0o022, 0o644), (0o077, 0o600)])
def test_a_new_file_gets_0666_less_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    old_umask = os.umask(umask)
    try:
        assert invoke(tmp_path / "db.json", "init").exit_code == 0
        storage.atomic_write(tmp_path / "out.csv", b"x")
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE((tmp_path / "db.json").stat().st_mode) == mode
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == mode


def test_the_temp_sweep_leaves_other_databases_temp_files(db: Path) -> None:
    """The sweep once removed any ``.NAME.*.tmp``: also the temp files of ``NAME.bak``."""
    stale = db.with_name(f".{db.name}.0123abcd.tmp")
    others = [
        db.with_name(f".{db.name}.bak.0123abcd.tmp"),  # summits writing summits.json.bak
        db.with_name(f".{db.name}.editor-swap.tmp"),
        db.with_name(f".{db.name}.0123ABCD.tmp"),
    ]
    for path in (stale, *others):
        path.write_bytes(b"half")
    assert invoke(db, *LOG).exit_code == 0
    assert not stale.exists()
    assert all(path.read_bytes() == b"half" for path in others)


def test_store_create_and_writing_lock_at_the_real_file(db: Path, tmp_path: Path) -> None:
    link = tmp_path / "elsewhere.json"
    link.symlink_to(db)
    with store.writing(link) as database:
        database.log(summit="nato-2025", party="JPN", kind="attended", date="2025-06-24")
        assert storage.lock_path(db).exists()
        assert not storage.lock_path(link).exists()
    assert link.is_symlink()


# -- 3. duplicate keys and needless nesting ----------------------------------------


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_a_database_with_a_duplicate_key_is_refused(db: Path) -> None:
    """orjson keeps the last of two keys silently; summits refuses the file."""
    raw = db.read_bytes().replace(b'"date":"2025-06-22"', b'"date":"2025-06-22","date":"2025"', 1)
    db.write_bytes(raw)
    before = unchanged(db)
    for args in (["events"], [*LOG], ["check"]):
        message = assert_one_sentence(invoke(db, *args))
        assert message == (
            f"{db} is not a summits database: the key 'date' appears twice in one object"
        )
        assert unchanged(db) == before


def test_a_duplicate_hidden_by_an_escaped_colon_is_still_found(db: Path) -> None:
    """A colon written as \\u003a cannot make up for the key a duplicate drops."""
    raw = db.read_bytes().replace(
        b'"by":"Lee Jae-myung"', b'"by":"Lee\\u003a Jae-myung","by":"Lee Jae-myung"', 1
    )
    db.write_bytes(raw)
    message = assert_one_sentence(invoke(db, "events"))
    assert message.endswith("the key 'by' appears twice in one object")
    assert db.read_bytes() == raw


def test_an_escaped_colon_alone_is_fine(db: Path) -> None:
    raw = db.read_bytes().replace(b'"by":"Lee Jae-myung"', b'"by":"Lee\\u003a Jae-myung"', 1)
    db.write_bytes(raw)
    result = invoke(db, "events", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert "Lee: Jae-myung" in result.stdout


@pytest.mark.parametrize("depth", [5, 300, 1000, 1100])
def test_a_database_nested_too_deep_is_refused_in_one_sentence(db: Path, depth: int) -> None:
    """1000 deep once ended in 'unexpected RecursionError … a bug'."""
    raw = db.read_bytes().replace(b'"tags":[]', b'"tags":' + nested(depth).encode(), 1)
    db.write_bytes(raw)
    before = unchanged(db)
    for args in (["events"], ["timeline"], [*LOG], ["check"]):
        message = assert_one_sentence(invoke(db, *args))
        assert message.startswith(f"{db} is not a summits database: ")
        assert unchanged(db) == before


def test_the_database_format_needs_four_levels(db: Path) -> None:
    """A list field at the deepest level the format has is fine."""
    assert (
        invoke(db, "log", "nato-2025", "JPN", "attended", "--tag", "a", "--tag", "b").exit_code == 0
    )
    assert invoke(db, "events").exit_code == 0
    assert invoke(db, "check").exit_code == 0


def _event_json(**values: object) -> dict[str, object]:
    return {
        "summit": "nato-2025",
        "party": "JPN",
        "kind": "attended",
        "date": "2025-06-24",
        **values,
    }


@pytest.mark.parametrize(
    ("fmt", "text", "message"),
    [
        (
            "json",
            '[{"summit":"nato-2025","party":"JPN","party":"KOR","kind":"attended","date":"2025"}]',
            "standard input cannot be imported: the key 'party' appears twice in one object",
        ),
        (
            "json",
            '{"events":[{"summit":"nato-2025","party":"JPN","kind":"attended","date":"2025",'
            '"tags":' + nested(1000) + "}]}",
            "standard input cannot be imported: "
            "it nests containers deeper than the 4 levels its format has",
        ),
        (
            "json",
            '{"events":[],"events":[]}',
            "standard input cannot be imported: the key 'events' appears twice in one object",
        ),
    ],
)
def test_import_refuses_duplicate_keys_and_deep_json(
    db: Path, fmt: str, text: str, message: str
) -> None:
    before = unchanged(db)
    result = invoke(db, "import", "-", "--format", fmt, input=text)
    assert assert_one_sentence(result) == message
    assert unchanged(db) == before


def test_import_of_json_lines_names_each_bad_line(db: Path) -> None:
    import orjson

    good = orjson.dumps(_event_json()).decode()
    text = "\n".join(
        [
            good,
            good.replace('"kind"', '"kind":"declined","kind"'),
            good.replace('"date":"2025-06-24"', '"date":"2025-06-24","tags":' + nested(1000)),
            "{not json",
            good.replace('"date":"2025-06-24"', '"date":"2025-06-24","tags":[[]]'),
        ]
    )
    before = unchanged(db)
    result = invoke(db, "import", "-", "--format", "jsonl", input=text)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "line 2: the key 'kind' appears twice in one object"
    assert lines[1] == "line 3: it nests containers deeper than the 2 levels its format has"
    assert lines[2].startswith("line 4: is not valid JSON")
    assert lines[-1] == "Error: standard input: 4 problems; nothing was imported"
    assert unchanged(db) == before


def test_import_of_json_export_still_reads_what_export_writes(db: Path, tmp_path: Path) -> None:
    empty_db = tmp_path / "copy.json"
    store.create(empty_db)
    everything = invoke(db, "export", "--table", "all", "--format", "json")
    assert everything.exit_code == 0
    result = invoke(empty_db, "import", "-", "--format", "json", input=everything.stdout)
    assert result.exit_code == 0, result.output
    lines = invoke(db, "export", "--format", "jsonl").stdout
    assert invoke(empty_db, "import", "-", "--format", "jsonl", input=lines).exit_code == 0


# -- 4. output files ---------------------------------------------------------------


def test_export_to_dev_null_leaves_it_a_device(db: Path) -> None:
    """As root, ``export -o /dev/null`` once replaced the system's /dev/null with a file."""
    before = os.stat("/dev/null")
    for args in (
        ["export", "-o", "/dev/null"],
        ["matrix", "--series", "NATO", "--html", "/dev/null"],
    ):
        result = invoke(db, *args)
        assert result.exit_code == 0, result.output
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert not list(Path("/dev").glob(".null.*.tmp"))


def test_export_to_a_fifo_writes_in_place(db: Path, tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = invoke(db, "export", "-o", str(fifo))
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert received == [invoke(db, "export").stdout_bytes]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_export_to_dev_stdout_and_dash_is_standard_output(db: Path) -> None:
    data = invoke(db, "export").stdout_bytes
    assert invoke(db, "export", "-o", "-").stdout_bytes == data
    done = subprocess.run(
        [*SUMMITS, "--db", str(db), "export", "-o", "/dev/stdout"], capture_output=True
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, data, b"")


@pytest.mark.parametrize(
    "args", [["export", "-o"], ["matrix", "--series", "NATO", "--svg"], ["timeline", "--html"]]
)
def test_an_existing_file_is_refused_unless_force(
    db: Path, tmp_path: Path, args: list[str]
) -> None:
    target = tmp_path / "colleague.txt"
    target.write_text("a colleague's notes\n")
    target.chmod(0o664)
    before = unchanged(db)
    message = assert_one_sentence(invoke(db, *args, str(target)))
    assert message == f"{target} already exists; add --force to replace it"
    assert target.read_text() == "a colleague's notes\n"
    result = invoke(db, *args, str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_text() != "a colleague's notes\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664
    assert unchanged(db) == before


def test_the_database_is_refused_as_output_even_with_force(db: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(db)
    before = unchanged(db)
    for target in (db, link):
        for args in (
            ["export", "--force", "-o"],
            ["matrix", "--series", "NATO", "--force", "--svg"],
        ):
            message = assert_one_sentence(invoke(db, *args, str(target)))
            assert message.startswith(f"{target} is the database itself; ")
            assert unchanged(db) == before


def test_an_output_link_stays_a_link(db: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert invoke(db, "export", "-o", str(link), "--force").exit_code == 0
    assert link.is_symlink()
    assert real.read_bytes() == invoke(db, "export").stdout_bytes


def test_a_non_empty_folder_is_refused_for_folder_outputs(tmp_path: Path) -> None:
    from summits import outfiles
    from summits.errors import Conflict

    folder = tmp_path / "package"
    folder.mkdir()
    outfiles.check(folder, force=False, folder=True)  # empty: fine
    (folder / "keep.csv").write_text("x")
    with pytest.raises(Conflict, match="is a folder that is not empty; add --force"):
        outfiles.check(folder, force=False, folder=True)
    outfiles.check(folder, force=True, folder=True)


# -- 5. CSV formula injection ------------------------------------------------------

FORMULAS = {
    "reason": '=HYPERLINK("http://evil","x")',
    "by": "'=1+1",  # looks escaped already: must come back as typed
    "notes": "-2+3",
    "sources": "@SUM(A1)",
    "tags": "+x",
}


def _log_formulas(db: Path) -> str:
    result = invoke(
        db,
        "log", "nato-2025", "JPN", "declined", "--date", "2025-06-20", "--level", "leader",
        "--reason", FORMULAS["reason"], "--by", FORMULAS["by"], "--note", FORMULAS["notes"],
        "--source", FORMULAS["sources"], "--tag", FORMULAS["tags"], "-q",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


@given(st.text())
def test_escaping_a_cell_is_undone_exactly_and_never_starts_a_formula(text: str) -> None:
    escaped = formats.escape_cell(text)
    assert formats.unescape_cell(escaped) == text
    assert not escaped.startswith(formats.FORMULA_STARTS)


@given(st.text(alphabet="'=+-@\t\r\na", max_size=6), st.text(alphabet="'=+-@\t\r\na", max_size=6))
def test_escaping_is_injective(one: str, other: str) -> None:
    if one != other:
        assert formats.escape_cell(one) != formats.escape_cell(other)


@pytest.mark.parametrize("args", [["events", "--format", "csv"], ["export"]])
def test_csv_output_escapes_formulas(db: Path, args: list[str]) -> None:
    event_id = _log_formulas(db)
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    row = next(r for r in csv.DictReader(io.StringIO(result.stdout)) if r["id"] == event_id)
    assert {name: row[name] for name in FORMULAS} == {
        name: "'" + value for name, value in FORMULAS.items()
    }


def test_json_output_is_never_escaped(db: Path) -> None:
    import orjson

    event_id = _log_formulas(db)
    for args in (["events", "--format", "json"], ["export", "--format", "json"]):
        rows = orjson.loads(invoke(db, *args).stdout)
        row = next(r for r in rows if r["id"] == event_id)
        assert (row["reason"], row["by"], row["notes"]) == (
            FORMULAS["reason"],
            FORMULAS["by"],
            FORMULAS["notes"],
        )


def test_summit_list_csv_escapes_formulas(db: Path) -> None:
    edit = invoke(db, "summit", "edit", "nato-2025", "--host", "=cmd|' /C calc'!A0")
    assert edit.exit_code == 0, edit.output
    result = invoke(db, "summit", "list", "--format", "csv")
    assert "'=cmd|' /C calc'!A0" in result.stdout


def test_export_then_import_is_lossless_with_formulas(db: Path, tmp_path: Path) -> None:
    _log_formulas(db)
    exported = invoke(db, "export").stdout_bytes
    copy = tmp_path / "copy.json"
    store.create(copy, {**nato_tables(), "events": {}})
    result = invoke(copy, "import", "-", "--format", "csv", input=exported)
    assert result.exit_code == 0, result.output
    assert invoke(copy, "export").stdout_bytes == exported
    again = invoke(db, "import", "-", "--format", "csv", input=exported)
    assert again.exit_code == 0 and "0 added, 0 updated" in again.stdout


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui",
)
def test_a_round_trip_through_libreoffice_changes_nothing(db: Path, tmp_path: Path) -> None:
    """The README's round trip: export, open and save in a spreadsheet, import --update.

    Unescaped, LibreOffice stored the formula's result ('x') instead of the text.
    """
    _log_formulas(db)
    exported = tmp_path / "events.csv"
    assert invoke(db, "export", "-o", str(exported)).exit_code == 0
    env = {**os.environ, "HOME": str(tmp_path / "home")}  # LibreOffice's profile
    csv_filter = "44,34,76,1"  # comma, double quote, UTF-8, from line 1
    for args in (
        ["--infilter=CSV:" + csv_filter, "--convert-to", "ods", str(exported)],
        ["--convert-to", f"csv:Text - txt - csv (StarCalc):{csv_filter}", "--outdir", "saved",
         str(tmp_path / "events.ods")],
    ):  # fmt: skip
        subprocess.run(
            ["soffice", "--headless", *args], cwd=tmp_path, env=env, capture_output=True,
            timeout=300, check=True,
        )  # fmt: skip
    saved = tmp_path / "saved" / "events.csv"
    assert FORMULAS["reason"].replace('"', '""') in saved.read_text()  # text, not 'x'
    before = unchanged(db)
    result = invoke(db, "import", str(saved), "--update")
    assert result.exit_code == 0, result.output
    assert "0 added, 0 updated, 5 unchanged" in result.stdout
    assert unchanged(db) == before


# -- 6. shell completion -----------------------------------------------------------


def _complete(db: Path, words: str) -> list[str]:
    """What bash completion offers for the last of ``words`` (Click's bash protocol)."""
    from click.testing import CliRunner

    from summits.cli import cli

    env = {
        "_SUMMITS_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
        "SUMMITS_DB": str(db),
    }
    result = CliRunner().invoke(cli, [], env=env, prog_name="summits")
    assert result.exit_code == 0, result.output
    return [line.split(",", 1)[1] for line in result.stdout.splitlines() if line]


def test_completion_offers_nothing_from_a_crafted_or_broken_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _complete(db, "summits log nato") == ["nato-2024", "nato-2025"]
    crafted = db.read_bytes().replace(b'"id":"nato-2025"', b'"id":"nato-2025$(touch PWNED)"')
    db.write_bytes(crafted)
    for words in ("summits log nato", "summits event rm 3f", "summits events --summit "):
        assert _complete(db, words) == []
    assert not (tmp_path / "PWNED").exists()
    db.write_bytes(b'{"schema": 1, "events": {"1": {"id": "a"}, "1": {"id": "b"}}}')
    assert _complete(db, "summits event rm ") == []


def test_completion_offers_only_well_formed_ids(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a file that passed (or a rule that slipped) cannot offer a shell command."""
    monkeypatch.setattr(store.Database, "problems", lambda self: [])  # a rule that slipped
    crafted = db.read_bytes().replace(b'"id":"nato-2025"', b'"id":"nato-2025$(touch PWNED)"')
    db.write_bytes(crafted)
    assert _complete(db, "summits log nato") == ["nato-2024"]
    assert _complete(db, "summits event rm 3f") == ["3f9a1c2e", "3f9b0000"]


def test_completion_offers_persons_and_organisations(db: Path) -> None:
    assert invoke(db, "person", "add", "xi-jinping", "--name", "Xi Jinping").exit_code == 0
    assert invoke(db, "party", "add", "ASEAN", "--name", "ASEAN").exit_code == 0
    assert _complete(db, "summits person rm x") == ["xi-jinping"]
    assert "ASEAN" in _complete(db, "summits log nato-2025 AS")
