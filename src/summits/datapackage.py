"""A Frictionless Data Package of the database: one CSV a table and ``datapackage.json``.

The package is what a research pipeline reads without being told anything:
each resource's Table Schema says every column's type, meaning, required-ness,
fixed list (``enum``), form (``pattern``) and length, the table's primary key
and the foreign keys between tables. All of it is derived from the
declarations in ``models`` (and the derived columns of ``exchange``), so a new
field or table appears here by itself. The CSV files are the export's own
bytes (``exchange``/``formats``), so ``summits import`` reads them back.

Writes no data through Frictionless: the ``frictionless`` library is a test
dependency that validates what this module writes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from summits import dates, exchange, formats, models, outfiles
from summits.errors import InvalidValue

if TYPE_CHECKING:
    from summits.store import Database

DESCRIPTOR = "datapackage.json"
# Timestamps are declared by their form; a column of this form is a datetime.
_TYPE_OF_FORM = {models.TIMESTAMP.pattern: "datetime"}


def files(folder: Path) -> list[Path]:
    """Every file a package writes into ``folder`` (to check none of them is the database)."""
    return [folder / f"{table}.csv" for table in models.TABLES] + [folder / DESCRIPTOR]


def field(table: str, column: str) -> dict[str, Any]:
    """A column's Table Schema field: name, type, description, constraints."""
    spec = models.FIELD[table].get(column)
    if spec is None:
        return _derived(table, column)
    out: dict[str, Any] = {"name": column, "type": "string", "description": spec.description}
    constraints: dict[str, Any] = {}
    if spec.required:
        constraints["required"] = True
    form = getattr(spec.valid, "__self__", None)  # a declared form: re.Pattern.fullmatch
    if spec.items:
        out["description"] += f" Items are joined with {models.LIST_SEPARATOR!r}."
    elif spec.code == "date":
        out["description"] += (
            " EDTF (ISO 8601-2 level 1): a day, month or year, maybe approximate (~), "
            "uncertain (?) or both (%), or an interval A/B; its bounds follow it."
        )
        constraints["pattern"] = dates.PATTERN
    elif spec.choices:
        constraints["enum"] = list(spec.choices)
    elif isinstance(form, re.Pattern) and form.pattern in _TYPE_OF_FORM:
        out["type"] = _TYPE_OF_FORM[form.pattern]
    else:
        if isinstance(form, re.Pattern):
            constraints["pattern"] = form.pattern
        constraints["maxLength"] = spec.limit
    if constraints:
        out["constraints"] = constraints
    return out


def _derived(table: str, column: str) -> dict[str, Any]:
    """A column the export adds: a date's bounds, or a name looked up from its code."""
    for name in exchange.DATE_FIELDS[table]:
        first, last = exchange.bounds_columns(name)
        if column in (first, last):
            which = "first" if column == first else "last"
            return {
                "name": column,
                "type": "date",
                "description": (
                    f"The {which} day the {name} can mean (derived from {name}; import ignores it)."
                ),
            }
    return {
        "name": column,
        "type": "string",
        "description": exchange.DERIVED_DESCRIPTIONS.get(column, "Derived; import ignores it."),
    }


def schema(table: str) -> dict[str, Any]:
    """A table's Table Schema: its fields, primary key, foreign keys and missing values."""
    out: dict[str, Any] = {
        "fields": [field(table, column) for column in exchange.COLUMNS[table]],
        "missingValues": [""],
        "primaryKey": list(models.PRIMARY_KEY[table]),
    }
    foreign = [
        {
            "fields": spec.name,
            "reference": {"resource": spec.refers, "fields": models.PRIMARY_KEY[spec.refers][0]},
        }
        for spec in models.DECLARATIONS[table]
        if spec.refers and len(models.PRIMARY_KEY[spec.refers]) == 1
    ]
    if foreign:
        out["foreignKeys"] = foreign
    return out


def descriptor() -> dict[str, Any]:
    """``datapackage.json``: a tabular data package with a resource a table."""
    return {
        "profile": "tabular-data-package",
        "name": "summits",
        "title": "summits: who comes to diplomatic summits",
        "description": (
            "Summits, the parties invited, and every attendance event, as exported by "
            "summits. Dates are EDTF text, each followed by its bounds as plain days."
        ),
        "resources": [
            {
                "name": table,
                "path": f"{table}.csv",
                "profile": "tabular-data-resource",
                "title": table,
                "description": table_description(table),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(table),
            }
            for table in models.TABLES
        ],
    }


def table_description(table: str) -> str:
    """What a table holds, as the package (and the SQLite file) holds it."""
    text = models.TABLE_DESCRIPTIONS.get(table, "")
    if table == "parties":
        text += " Here also every country a record names, so that each party code joins."
    return text.strip()


def prepare(folder: Path, force: bool) -> None:
    """Refuse a file, or a folder that holds files unless ``force``; make a new folder."""
    if folder.exists() and not folder.is_dir():
        raise InvalidValue(f"{folder} is a file; a data package is written to a folder")
    outfiles.check(folder, force, folder=True)
    folder.mkdir(exist_ok=True)


def write(db: Database, folder: Path, force: bool = False) -> None:
    """Write the package into ``folder``: each file atomically, the descriptor last."""
    prepare(folder, force)
    sheets = exchange.every_sheet(db)
    for table in models.TABLES:
        outfiles.write(folder / f"{table}.csv", _csv(sheets[table]), force)
    outfiles.write(folder / DESCRIPTOR, _json(descriptor()), force)


def _csv(sheet: formats.Sheet) -> bytes:
    out = io.StringIO(newline="")
    formats.write(sheet, "csv", out)
    return out.getvalue().encode()


def _json(data: Mapping[str, Any]) -> bytes:
    import orjson

    return orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
