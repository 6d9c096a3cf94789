"""Make git merge the database with ``summits merge``: the attribute and the driver.

git merges a file through a custom driver when ``.gitattributes`` gives it a
``merge=NAME`` attribute and the repository's config says what
``merge.NAME.driver`` runs. Both are written here, once: running it again
finds them in place and changes nothing.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from summits import storage
from summits.errors import InvalidValue

DRIVER = "summits merge %O %A %B"
NAME = "summits: records merged one by one, field by field"


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise InvalidValue("git is not installed (or not on PATH)") from None


def pattern(relative: str) -> str:
    """The path as a .gitattributes pattern: glob characters escaped, quoted if it has blanks."""
    escaped = re.sub(r"([\\*?\[])", r"\\\1", relative)
    if escaped[:1] in ("#", "!"):
        escaped = "\\" + escaped
    if re.search(r"\s", escaped) or '"' in escaped:
        return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return escaped


def setup(db: Path) -> list[str]:
    """Write the attribute line and the driver config where needed; say what was done."""
    path = db.absolute()
    folder = path.parent
    if not folder.is_dir():
        raise InvalidValue(f"{db.parent} is not a folder; give --db a database in a repository")
    found = _git(folder, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise InvalidValue(
            f"{db} is not in a git repository; run 'git init' first, "
            "or give --db a database inside one"
        )
    top = Path(found.stdout.strip())
    try:
        relative = path.resolve().relative_to(top.resolve()).as_posix()
    except ValueError:
        raise InvalidValue(f"{db} is not inside the git repository at {top}") from None
    said = [_attribute(top, f"{pattern(relative)} merge=summits")]
    current = _git(top, "config", "--local", "--get", "merge.summits.driver").stdout.strip()
    if current == DRIVER:
        said.append(f"merge.summits.driver is already '{DRIVER}'")
    else:
        for key, value in (("merge.summits.name", NAME), ("merge.summits.driver", DRIVER)):
            done = _git(top, "config", "--local", key, value)
            if done.returncode != 0:
                raise InvalidValue(f"git could not set {key}: {done.stderr.strip()}")
        said.append(f"set merge.summits.driver to '{DRIVER}'")
    return said


def _attribute(top: Path, line: str) -> str:
    attributes = top / ".gitattributes"
    try:
        text = attributes.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidValue(f"{attributes} cannot be read: {exc}") from None
    if line in (existing.strip() for existing in text.splitlines()):
        return f".gitattributes already has '{line}'"
    if text and not text.endswith("\n"):
        text += "\n"
    storage.atomic_write(attributes, (text + line + "\n").encode())
    return f"added '{line}' to .gitattributes"
