"""One exception family: everything the library refuses is a SummitsError.

The CLI turns each into a one-line message and exit status 1; nothing below
the CLI prints or exits.
"""


class SummitsError(Exception):
    """A value, record or file that was read and refused."""


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
