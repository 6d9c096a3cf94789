"""Files the user asks summits to write: ``export -o``, ``--svg``, ``--html``.

- ``-`` is standard output.
- A device or FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is written
  in place. An atomic replace would put a regular file where the device was:
  as root, ``-o /dev/null`` once replaced the system's ``/dev/null``.
- A regular file is written atomically (temp file, fsync, rename) at the real
  file behind any links, so a link stays a link. One that exists already is
  refused unless ``force``: a typo must not destroy a colleague's file.
- A folder that is not empty is refused unless ``force`` (for outputs that are
  folders); as the target of one file, a folder is the writer's "Is a directory".

Whether the target is the database itself is the caller's question
(``options.refuse_database_path``): that is refused even with ``force``.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from summits import storage
from summits.errors import Conflict


def is_stdout(path: Path | None) -> bool:
    return path is None or str(path) == "-"


def check(path: Path | None, force: bool, *, folder: bool = False) -> None:
    """Refuse, before any work is done, a target that ``write`` would refuse."""
    if is_stdout(path):
        return
    assert path is not None
    try:
        mode = os.stat(path).st_mode  # through links: /dev/stdout is the pipe behind it
    except OSError:
        return  # not there yet (or unreadable): the write will say
    if force or not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return
    if stat.S_ISREG(mode) and not _is_our_stdout(path):
        raise Conflict(f"{path} already exists; add --force to replace it")
    if folder and stat.S_ISDIR(mode) and any(Path(path).iterdir()):
        raise Conflict(f"{path} is a folder that is not empty; add --force to write into it")


def write(path: Path | None, data: bytes, force: bool) -> None:
    """Write ``data`` to the file the user named, as the module's rules say."""
    if is_stdout(path) or _is_our_stdout(path):
        # Through our own stdout, so the bytes keep their order with what else it prints.
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    assert path is not None
    check(path, force)
    try:
        mode: int | None = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), os.fspath(path))
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(path, data)
        return
    real = Path(os.path.realpath(path))
    try:
        storage.atomic_write(real, data)
    except OSError as exc:  # named as the user wrote it, not as the link resolves
        raise OSError(exc.errno, exc.strerror or str(exc), os.fspath(path)) from None


def _write_in_place(path: Path, data: bytes) -> None:
    """Write to a device or FIFO (waiting for a FIFO's reader, as any Unix tool does)."""
    fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)  # never O_CREAT
    try:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            # Swapped for a regular file since it was looked at: not to be overwritten in place.
            raise Conflict(f"{path} changed while summits was writing it; nothing was written")
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _is_our_stdout(path: Path | None) -> bool:
    """Whether ``path`` is the file our standard output already writes (``/dev/stdout``).

    ``summits matrix --html /dev/stdout > page.html`` means the shell's file, not a
    file to refuse or to replace behind the shell's back.
    """
    if path is None:
        return False
    try:
        return os.path.samestat(os.stat(path), os.fstat(1))
    except OSError:
        return False
