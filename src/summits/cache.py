"""The digest cache: which database contents summits has already checked in full.

Checking every record costs half a second at 100,000 events, and a writer
would pay it on every ``log``. So when summits has checked or written a file,
it notes the file's identity (device, inode, size, modification time) and the
SHA-256 of its bytes; the next command that finds the same file with the same
bytes skips the check. Any other change (an editor, git, a copy, a damaged
disk) changes the identity or the digest, so the file is checked again.

The notes live in the user's cache folder (``$XDG_CACHE_HOME/summits``, by
default ``~/.cache/summits``), one small file per database named by a hash of
the database's real path: never beside the database, where a colleague's
commit could plant one. A note is opened without following links, must be a
small regular file of ours, is replaced atomically, and is only ever a
speed-up: anything odd about it (missing, a link, a FIFO, too big, another
format) means a full check, and no error of the cache ever reaches the user.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from pathlib import Path
from typing import NamedTuple

NOTE_LIMIT = 8192  # a note is a path and a few numbers; anything bigger is not ours
_FORMAT = b"summits-checked 1\n"


class Identity(NamedTuple):
    """What tells one file from another, and a rewritten file from the one read."""

    device: int
    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, status: os.stat_result) -> Identity:
        return cls(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def folder() -> Path | None:
    """``$XDG_CACHE_HOME/summits``, else ``~/.cache/summits``; None without a home."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG spec: a relative value is to be ignored
        home = os.path.expanduser("~")
        if not os.path.isabs(home):
            return None
        base = os.path.join(home, ".cache")
    return Path(base, "summits")


def note_path(real: Path) -> Path | None:
    """The note for the database at ``real`` (its real path: links already resolved)."""
    where = folder()
    if where is None:
        return None
    return where / f"{hashlib.sha256(os.fsencode(real)).hexdigest()}.checked"


def _note(real: Path, identity: Identity, raw: bytes) -> bytes:
    numbers = " ".join(map(str, identity)).encode()
    digest = hashlib.sha256(raw).hexdigest().encode()
    return _FORMAT + os.fsencode(real) + b"\n" + numbers + b"\n" + digest + b"\n"


def is_checked(real: Path, identity: Identity | None, raw: bytes) -> bool:
    """Whether summits checked exactly these bytes, in this very file, before."""
    note = note_path(real)
    if identity is None or note is None:
        return False
    try:
        # O_NOFOLLOW: a link is refused; O_NONBLOCK: a FIFO cannot make us wait.
        flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        fd = os.open(note, flags)
        try:
            status = os.fstat(fd)
            if (
                not stat.S_ISREG(status.st_mode)
                or status.st_size > NOTE_LIMIT
                or status.st_uid != os.geteuid()
            ):
                return False
            found = os.read(fd, NOTE_LIMIT + 1)
        finally:
            os.close(fd)
    except (OSError, ValueError):
        return False
    return len(found) <= NOTE_LIMIT and found == _note(real, identity, raw)


def remember_checked(real: Path, identity: Identity | None, raw: bytes) -> None:
    """Note that ``raw``, in the file of this identity, is a whole, valid database."""
    note = note_path(real)
    if identity is None or note is None:
        return
    with contextlib.suppress(OSError, ValueError):
        note.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        # A new file of our own (O_EXCL), renamed over whatever the note's name holds:
        # a link there is replaced, never written through.
        fd, temp = tempfile.mkstemp(dir=note.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_note(real, identity, raw))
            os.replace(temp, note)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
