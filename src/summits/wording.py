"""Problems into words: the one place a broken rule becomes a sentence.

``rules`` reports problems as data; the CLI, ``check`` and import word them
here, each in its own frame (``event 3f9a: date: '2025-13' is not a real date``,
``row 7, column date: '2025-13' is not a real date``) from the same predicate.
"""

from __future__ import annotations

from summits import dates, models
from summits.errors import quote, visible
from summits.rules import Problem

# Codes whose wording does not quote the value first.
_UNQUOTED = frozenset(
    {"required", "type-text", "type-list", "unknown-field", "not-object", "duplicate",
     "items", "limit", "encoding"}
)  # fmt: skip


def predicate(problem: Problem) -> str:
    """What is wrong, without the field or the value: ``is not a real date``."""
    code, spec = problem.code, models.FIELD.get(problem.table, {}).get(problem.field)
    if code == "required":
        return "is required"
    if code == "type-text":
        return "must be a string"
    if code == "type-list":
        return "must be a list of strings"
    if code == "unknown-field":
        return "is not a field of this table"
    if code == "not-object":
        return "is not a JSON object"
    if code == "duplicate":
        return "appears more than once"
    if code == "items":
        return f"has more than {problem.detail} items"
    if code == "limit":
        length = len(problem.value) if isinstance(problem.value, str) else 0
        return f"is {length:,} characters long; the limit is {int(problem.detail):,}"
    if code == "encoding":
        return "is not valid UTF-8 text (check the terminal's encoding)"
    if code == "control":
        allowed = " (newline and tab are allowed)" if spec is not None and spec.multiline else ""
        return f"holds a control or bidirectional-override character{allowed}"
    if code == "date":
        value = problem.value if isinstance(problem.value, str) else ""
        return dates.problem(value) or "is not a date"
    if code == "choice" and spec is not None:
        return f"is not a {spec.expected}"
    if code == "form" and spec is not None:
        return f"is not {spec.expected}"
    if code == "separator":
        item = str(problem.value)
        if models.LIST_SEPARATOR in item:
            return f"contains {models.LIST_SEPARATOR!r}, which separates list items in CSV"
        return (
            f"has a '|' at its edge, which would run into the {models.LIST_SEPARATOR!r} "
            "that separates list items in CSV"
        )
    if code == "end-before-start":
        return f"is before the start, {problem.detail}"
    if code == "no-summit":
        return "is not a summit"
    if code == "no-party":
        return "is not a known party"
    if code == "no-person":
        return "is not a registered person"
    if code == "shared-name":
        return "already names another person"
    if code == "kind-takes-none":
        kinds = " and ".join(k.name for k in models.KIND.values() if k.represents)
        return f"is only for {kinds} events"
    return code


def clause(problem: Problem) -> str:
    """The field and what is wrong: ``name is required``, ``date: '2025-13' is not …``."""
    words = predicate(problem)
    if not problem.field:
        return words
    if problem.code in _UNQUOTED:
        return f"{problem.field} {words}"
    return f"{problem.field}: {shown(problem)} {words}"


def sentence(problem: Problem) -> str:
    """A whole line for ``check``: ``event 3f9a: date: '2025-13' is not a real date``."""
    where = f"{models.SINGULAR[problem.table]} {visible(problem.key)}".rstrip()
    if not problem.field:
        return f"{where} {predicate(problem)}"
    return f"{where}: {clause(problem)}"


def shown(problem: Problem) -> str:
    """The value as a record's problem shows it (a summit's end plainly, as a date)."""
    if problem.code == "end-before-start":
        return str(problem.value)
    return quote(problem.value)


def cell_predicate(problem: Problem) -> str:
    """The predicate as an import row's problem says it, of a cell rather than a field."""
    return _CELL_WORDS.get(problem.code) or predicate(problem)


# An import speaks of cells: an empty cell, a cell that is not text.
_CELL_WORDS = {
    "required": "is empty, but required",
    "type-text": "is not text",
    "type-list": "is not a list of texts",
}
