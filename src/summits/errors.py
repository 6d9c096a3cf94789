"""One exception family: everything the library refuses is a SummitsError.

The CLI turns each into a one-line message and exit status 1; nothing below
the CLI prints or exits. An error about one value can carry it apart from its
words (``about``), so that import can say it of a cell without parsing the
message.
"""

from __future__ import annotations

from typing import Any, Self

QUOTE_LIMIT = 80  # characters of a value quoted in a message


def quote(value: Any) -> str:
    """A value as messages show it: ``repr`` (so control characters read ``\\x1b``), shortened."""
    if isinstance(value, list):
        import json

        shown = json.dumps(value, default=repr)  # ASCII: escapes every control character
    else:
        shown = repr(value)
    if len(shown) > QUOTE_LIMIT:
        shown = f"{shown[: QUOTE_LIMIT - 5]}…{shown[-3:]}"
    return shown


def visible(text: str) -> str:
    """Text with every character that is not printable escaped (``\\x1b``, ``\\u202e``).

    For text put into a sentence unquoted (a record's key): never a raw control.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class SummitsError(Exception):
    """A value, record or file that was read and refused."""

    value: Any = None
    predicate: str = ""

    @classmethod
    def about(cls, value: Any, predicate: str) -> Self:
        """``'2025-13-01' is not a real date``: the value quoted, then what is wrong with it."""
        error = cls(f"{quote(value)} {predicate}")
        error.value, error.predicate = value, predicate
        return error


class InvalidValue(SummitsError):
    """A value that does not parse or breaks a rule (a date, a slug, a level)."""


class NotFound(SummitsError):
    """A summit, party, invitation or event that does not exist."""


class Ambiguous(SummitsError):
    """A name or id prefix that could mean more than one thing."""


class Conflict(SummitsError):
    """A record that already exists, or that others still refer to."""


class DatabaseError(SummitsError):
    """The database file is missing, unreadable, locked, or breaks the schema."""
