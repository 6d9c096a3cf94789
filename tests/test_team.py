"""Working as a team through git: git-setup, then real ``git merge`` runs of the driver.

A repository in a temporary folder, two branches that each add, change and
remove records (both appending events to the same table), merged by git with
the driver that ``summits git-setup`` installed. git runs ``summits merge`` as
a process, so the summits of this Python is put first on git's PATH.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from core_helpers import assert_refused, invoke, nato_tables
from summits import history, models, storage, store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ENV = {
    **os.environ,
    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    "GIT_AUTHOR_NAME": "Researcher",
    "GIT_AUTHOR_EMAIL": "researcher@example.org",
    "GIT_COMMITTER_NAME": "Researcher",
    "GIT_COMMITTER_EMAIL": "researcher@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": os.devnull,  # no ~/.gitconfig of the machine's
}


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        ["git", *args], cwd=repo, env=ENV, capture_output=True, text=True, timeout=60
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def ok(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository on branch main holding data/summits.json (the NATO records), set up."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / ".gitignore").write_text(".*.lock\n.*.checked\n")
    db = tmp_path / "data" / "summits.json"
    db.parent.mkdir()
    store.create(db, nato_tables())
    ok(db, "git-setup")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "start")
    return tmp_path


def by_key(path: Path) -> dict[str, dict[str, dict[str, object]]]:
    tables = storage.load(path)
    return {
        table: {models.key_of(table, doc): doc for doc in tables[table].values()}
        for table in models.TABLES
    }


def entry_ids(path: Path) -> set[str]:
    return {entry.id for entry in history.entries(storage.load(path), path)}


def test_git_setup_writes_the_attribute_and_the_driver_once(repo: Path) -> None:
    db = repo / "data" / "summits.json"
    assert (repo / ".gitattributes").read_text() == "data/summits.json merge=summits\n"
    driver = git(repo, "config", "--get", "merge.summits.driver").stdout
    assert driver == "summits merge %O %A %B\n"
    assert ok(db, "git-setup").splitlines() == [
        ".gitattributes already has 'data/summits.json merge=summits'",
        "merge.summits.driver is already 'summits merge %O %A %B'",
    ]
    assert (repo / ".gitattributes").read_text() == "data/summits.json merge=summits\n"
    attribute = git(repo, "check-attr", "merge", "--", "data/summits.json").stdout
    assert attribute == "data/summits.json: merge: summits\n"


def test_git_setup_refuses_outside_a_repository(tmp_path: Path) -> None:
    db = tmp_path / "summits.json"
    store.create(db)
    before = db.read_bytes()
    assert assert_refused(invoke(db, "git-setup"), before, db) == (
        f"{db} is not in a git repository; run 'git init' first, or give --db a database inside one"
    )
    assert not (tmp_path / ".gitattributes").exists()


def test_two_branches_merge_cleanly_record_by_record(repo: Path) -> None:
    db = repo / "data" / "summits.json"
    git(repo, "switch", "-q", "-c", "bob")
    bob_event = ok(db, "log", "nato-2025", "NZL", "attended", "--date", "2025-06-25", "-q")
    ok(db, "event", "edit", "3f9a", "--reason", "domestic affairs (bob)")
    ok(db, "event", "rm", "3f9b")
    ok(db, "summit", "edit", "g7-2025", "--host", "Kananaskis, Alberta")
    git(repo, "commit", "-q", "-am", "bob")
    bob = by_key(db)
    bob_entries = entry_ids(db)
    git(repo, "switch", "-q", "main")
    alice_event = ok(db, "log", "nato-2025", "AUS", "absent", "--date", "2025-06-25", "-q")
    ok(db, "event", "edit", "a1b2", "--level", "leader")
    ok(db, "invite", "g7-2025", "KOR")
    ok(db, "summit", "edit", "g7-2025", "--note", "Kananaskis summit")
    git(repo, "commit", "-q", "-am", "alice")
    alice = by_key(db)

    merged = git(repo, "merge", "-q", "--no-edit", "bob", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "merged: 1 added, 2 changed, 1 removed, 4 history entries from theirs" in merged.stdout
    assert git(repo, "status", "--porcelain").stdout == ""
    ok(db, "check")
    result = by_key(db)
    events = result["events"]
    assert set(events) == {"3f9a1c2e", "a1b2c3d4", "0c0ffee0", bob_event.strip(),
                           alice_event.strip()}  # fmt: skip
    assert events["3f9a1c2e"] == bob["events"]["3f9a1c2e"]
    assert events["a1b2c3d4"] == alice["events"]["a1b2c3d4"]
    assert result["summits"]["g7-2025"]["host"] == "Kananaskis, Alberta"
    assert result["summits"]["g7-2025"]["notes"] == "Kananaskis summit"
    assert "g7-2025/KOR" in result["invitations"]
    assert entry_ids(db) == bob_entries | entry_ids_at(repo, "HEAD^1")
    # Both appended an event: ours keeps its place, theirs follows it.
    numbered = storage.load(db)["events"]
    assert [numbered[n]["id"] for n in sorted(numbered, key=int)][-2:] == [
        alice_event.strip(),
        bob_event.strip(),
    ]


def entry_ids_at(repo: Path, revision: str) -> set[str]:
    raw = git(repo, "show", f"{revision}:data/summits.json").stdout.encode()
    tables = storage.parse(raw, Path("x"))
    return {entry.id for entry in history.entries(tables, Path("x"))}


def test_a_field_changed_on_both_branches_is_listed_and_ours_kept(repo: Path) -> None:
    db = repo / "data" / "summits.json"
    git(repo, "switch", "-q", "-c", "bob")
    ok(db, "event", "edit", "3f9a", "--reason", "bob's reason", "--level", "minister")
    ok(db, "event", "rm", "a1b2")
    git(repo, "commit", "-q", "-am", "bob")
    git(repo, "switch", "-q", "main")
    ok(db, "event", "edit", "3f9a", "--reason", "alice's reason")
    ok(db, "event", "edit", "a1b2", "--by", "Iwaya Takeshi")
    git(repo, "commit", "-q", "-am", "alice")

    merged = git(repo, "merge", "--no-edit", "bob", check=False)
    assert merged.returncode == 1
    said = merged.stdout + merged.stderr
    assert (
        'conflict: event 3f9a1c2e: reason: ours "alice\'s reason", theirs "bob\'s reason" '
        "(kept ours)" in said
    )
    assert "conflict: event a1b2c3d4: ours changed it, theirs removed it (kept ours)" in said
    assert "CONFLICT (content): Merge conflict in data/summits.json" in said
    # No conflict markers: the file is a whole database, ours kept where they clashed.
    ok(db, "check")
    events = by_key(db)["events"]
    assert events["3f9a1c2e"]["reason"] == "alice's reason"
    assert events["3f9a1c2e"]["level"] == "minister"  # only bob changed it
    assert events["a1b2c3d4"]["by"] == "Iwaya Takeshi"
    git(repo, "add", "data/summits.json")
    git(repo, "commit", "-q", "--no-edit")


SCHEMA_1 = Path(__file__).parent / "schema1.json"  # the bundled data as version 1 wrote it


def as_version_1_writes(path: Path, change: dict[str, dict[str, dict[str, object]]]) -> None:
    """Change a schema-1 file the way summits 1 would: records of schema 1, no history."""
    import orjson

    data = orjson.loads(path.read_bytes())
    del data["schema"]
    for table, records in change.items():
        data[table].update(records)
    path.write_bytes(storage.dump(data).replace(b'"schema": 2', b'"schema": 1', 1))


def test_a_branch_still_on_schema_1_merges_with_one_that_upgraded(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / ".gitignore").write_text(".*.lock\n")
    db = tmp_path / "data" / "summits.json"
    db.parent.mkdir()
    db.write_bytes(SCHEMA_1.read_bytes())
    ok(db, "git-setup")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "schema 1")
    git(tmp_path, "switch", "-q", "-c", "old")
    first = storage.load(db)["events"]["1"]
    added = {**first, "id": "0000beef", "party": "KOR", "by": "Han Duck-soo", "notes": ""}
    for name in ("mode", "instead_of", "person"):
        added.pop(name)
    noted = {k: v for k, v in first.items() if k not in ("mode", "instead_of", "person")}
    as_version_1_writes(db, {"events": {"1": {**noted, "notes": "edited on schema 1"},
                                        "99": added}})  # fmt: skip
    assert db.read_bytes().startswith(b'{\n"schema": 1,')
    git(tmp_path, "commit", "-q", "-am", "on schema 1")
    git(tmp_path, "switch", "-q", "main")
    result = invoke(db, "event", "edit", "3fb8", "--reason", "a reason")
    assert result.exit_code == 0 and result.stderr == f"upgraded {db} to schema 2\n"
    git(tmp_path, "commit", "-q", "-am", "upgraded")

    merged = git(tmp_path, "merge", "-q", "--no-edit", "old", check=False)
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "merged: 1 added, 1 changed from theirs" in merged.stdout
    assert db.read_bytes().startswith(b'{\n"schema": 2,')
    assert ok(db, "check").startswith(f"{db}: ok, schema 2")
    events = by_key(db)["events"]
    assert events["47ce804a"]["notes"] == "edited on schema 1"
    assert events["3fb87356"]["reason"] == "a reason"
    assert events["0000beef"]["mode"] == "in-person"  # upgraded as it merged
    assert [entry.upgrade for entry in history.entries(storage.load(db), db)] == [(1, 2), None]
