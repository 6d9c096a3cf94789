"""The rules of a record, derived from the declarations in ``models``.

Three things are asked of the rules, and all three come from the same
``models.Field`` entries, so they cannot drift apart:

- ``clean``: how an input value is stored (trimmed, case folded, lists split
  and de-duplicated) — for the recording commands and for import alike;
- ``record_problems``: what is wrong with one record, as data (``Problem``);
- ``table_ok``: whether a whole table is right, checked column by column with
  C-level operations, so 100,000 records cost little; only a table that fails
  it is looked at record by record.

Wording a problem is ``wording``'s job; nothing here builds a sentence.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from summits import dates, models
from summits.errors import InvalidValue
from summits.models import LIST_SEPARATOR, MAX_ITEMS, Field

Record = dict[str, Any]


class Problem(NamedTuple):
    """One broken rule: where (table, record key, field), the value, and which rule.

    ``code`` names the rule (``required``, ``limit``, ``control``, ``choice``,
    ``form``, ``date``, ``end-before-start``, ``duplicate``, ``no-summit`` …);
    ``detail`` carries what the wording needs beyond the value (the start a
    summit's end comes before, the length limit).
    """

    table: str
    key: str
    field: str
    value: Any
    code: str
    detail: str = ""


# -- cleaning input ---------------------------------------------------------------


def clean_list(values: Iterable[str]) -> list[str]:
    """Trimmed, without blanks or repeats, in the order given."""
    seen: dict[str, None] = {}
    for value in values:
        value = value.strip()
        if value:
            seen.setdefault(value, None)
    return list(seen)


def cleaner(spec: Field) -> Callable[[Any], Any]:
    """How an input value of this field is stored; anything not text passes unchanged.

    Text is trimmed (stray spaces from the shell or a spreadsheet are never
    meant), codes are upper-cased, and a list given as one CSV cell is split
    at `` | ``. The checks then see exactly what will be stored.
    """
    return _CLEANERS[spec.items, spec.clean]


def trimmed(value: Any) -> Any:
    """A text's cleaning: trimmed (anything else passes unchanged, for the rules to refuse)."""
    return value.strip() if type(value) is str else value


def _upper(value: Any) -> Any:
    return value.strip().upper() if type(value) is str else value


def _items(value: Any) -> Any:
    if type(value) is str:
        if LIST_SEPARATOR not in value:  # one item or none: most cells, found in C
            value = value.strip()
            return [value] if value else []
        return clean_list(value.split(LIST_SEPARATOR))
    if type(value) is list and all(type(item) is str for item in value):
        return clean_list(value)
    return value


_CLEANERS: dict[tuple[bool, str], Callable[[Any], Any]] = {
    (False, "trim"): trimmed,
    (False, "upper"): _upper,
    (True, "trim"): _items,
    (True, "upper"): _items,
}


def clean(table: str, values: Mapping[str, Any]) -> Record:
    """A complete record from the given fields: every field present, every value cleaned.

    An empty value takes the field's declared default; an event of a kind that
    ``represents`` (attended, confirmed) is in person unless told otherwise.
    """
    doc: Record = {}
    for spec in models.DECLARATIONS[table]:
        value = values.get(spec.name)
        doc[spec.name] = ([] if spec.items else "") if value is None else cleaner(spec)(value)
    doc.update((name, value) for name, value in values.items() if name not in doc)
    fill_defaults(table, doc)
    return doc


def fill_defaults(table: str, doc: Record) -> None:
    """Empty fields take their declared defaults (a mode by the event's kind), in place."""
    for spec in DEFAULTED[table]:
        if doc[spec.name] == "":
            doc[spec.name] = spec.default
    if table == "events" and doc["mode"] == "" and represents(doc["kind"]):
        doc["mode"] = models.MODES[0]


DEFAULTED = {
    table: [spec for spec in fields if spec.default]
    for table, fields in models.DECLARATIONS.items()
}


def fill_missing(table: str, doc: Record) -> None:
    """Give a record the fields it lacks, with the values ``clean`` would give them.

    The upgrade of an older file: nothing present is changed (not even trimmed).
    """
    missing = [spec for spec in models.DECLARATIONS[table] if spec.name not in doc]
    if not missing:
        return
    filled = clean(table, {**{spec.name: None for spec in missing}, "kind": doc.get("kind")})
    doc.update((spec.name, filled[spec.name]) for spec in missing)


def represents(kind: Any) -> bool:
    """Whether events of this kind take a mode and an ``instead_of``."""
    return isinstance(kind, str) and kind in models.KIND and models.KIND[kind].represents


def make(table: str, **values: Any) -> Record:
    """A complete, cleaned record, or InvalidValue for its first problem."""
    from summits import wording

    doc = clean(table, values)
    found = record_problems(table, doc)
    if found:
        raise InvalidValue(wording.clause(found[0]))
    return doc


# -- one record ---------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)  # a database repeats its dates thousands of times
def _is_date(value: str) -> bool:
    return dates.is_valid(value)


def _valid(spec: Field) -> Callable[[str], object] | None:
    return _is_date if spec.code == "date" else spec.valid


def _text_problem(spec: Field, value: str) -> tuple[str, str] | None:
    """(code, detail) of the first rule a non-empty text breaks, or None."""
    if len(value) > spec.limit:
        return ("limit", str(spec.limit))
    if (models.CONTROL_MULTILINE if spec.multiline else models.CONTROL).search(value):
        return ("control", "")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # an argument from a terminal that is not UTF-8
            return ("encoding", "")
    valid = _valid(spec)
    if valid is not None and not valid(value):
        return (spec.code, "")
    return None


def splits(item: str) -> bool:
    """Whether CSV's `` | `` join would not give this item back on import.

    Not only an item holding `` | ``: ``a |`` or ``| b`` next to another item
    runs into the separator (``x | a | | b`` splits as ``x``, ``a``, ``| b``).
    """
    return LIST_SEPARATOR in f" {item} "


def record_problems(table: str, doc: Any) -> list[Problem]:
    """Everything wrong with one record on its own (not its references)."""
    if type(doc) is dict and table_ok(table, [doc]):
        return []  # the usual answer, found fast: the rules are the same either way
    if not isinstance(doc, dict):
        return [Problem(table, "", "", doc, "not-object")]
    key = models.key_of(table, doc)
    found: list[Problem] = []
    declared = models.FIELD[table]
    for name in doc.keys() - declared.keys():
        found.append(Problem(table, key, name, doc[name], "unknown-field"))
    for spec in models.DECLARATIONS[table]:
        value = doc.get(spec.name)
        if spec.items:
            found += _list_problems(table, key, spec, value)
        elif not isinstance(value, str):
            found.append(Problem(table, key, spec.name, value, "type-text"))
        elif not value:
            if spec.required:
                found.append(Problem(table, key, spec.name, value, "required"))
        else:
            broken = _text_problem(spec, value)
            if broken:
                found.append(Problem(table, key, spec.name, value, *broken))
    if table == "summits" and not found and _ends_before_start(doc):
        found.append(Problem(table, key, "end", doc["end"], "end-before-start", doc["start"]))
    if table == "events" and not found:
        found += [Problem(table, key, name, doc[name], code) for name, code in _by_kind(doc)]
    return found


def _by_kind(doc: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(field, code) of the event fields its kind does not allow, or requires and lacks."""
    return _kind_allows(doc["kind"], bool(doc["mode"]), bool(doc["instead_of"]))


@functools.lru_cache(maxsize=64)
def _kind_allows(kind: Any, mode: bool, instead_of: bool) -> list[tuple[str, str]]:
    """A kind that ``represents`` (attended, confirmed) has a mode; other kinds have
    neither a mode nor an ``instead_of``. (It depends on nothing else, so a whole
    table is checked by the few distinct combinations it holds.)"""
    if represents(kind):
        return [] if mode else [("mode", "required")]
    given = (("mode", mode), ("instead_of", instead_of))
    return [(name, "kind-takes-none") for name, there in given if there]


def _list_problems(table: str, key: str, spec: Field, value: Any) -> list[Problem]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return [Problem(table, key, spec.name, value, "type-list")]
    if len(value) > MAX_ITEMS:
        return [Problem(table, key, spec.name, value, "items", str(MAX_ITEMS))]
    found = []
    for item in value:
        broken = _text_problem(spec, item)
        if broken:
            found.append(Problem(table, key, spec.name, item, *broken))
        elif splits(item):
            found.append(Problem(table, key, spec.name, item, "separator"))
        elif not item.strip():
            found.append(Problem(table, key, spec.name, item, "required"))
    return found


def _ends_before_start(doc: Mapping[str, Any]) -> bool:
    # A month-precision end covers its days: ends 2025-06 and starts 2025-06-24 is fine.
    return dates.last_day(doc["end"]) < dates.first_day(doc["start"])


# -- a whole table, fast ----------------------------------------------------------

_STR, _LIST, _DICT = frozenset({str}), frozenset({list}), frozenset({dict})


def table_ok(table: str, docs: list[Any]) -> bool:
    """True only when ``record_problems`` finds nothing in any of ``docs``; False: look closer.

    Checking 100,000 records before every write must cost little, and almost
    every record is one summits wrote itself. So this checks column by column
    with operations that run in C (key sets, item getters, type sets, one regex
    over a joined column), each distinct value once; ``record_problems`` finds
    the messages record by record, only for a table that fails here.
    """
    if not _DICT.issuperset(map(type, docs)):
        return False
    names = frozenset(models.FIELDS[table])
    if not all(map(operator.eq, map(dict.keys, docs), itertools.repeat(names))):
        return False
    for spec in models.DECLARATIONS[table]:
        column = list(map(operator.itemgetter(spec.name), docs))
        if spec.items:
            if not _LIST.issuperset(map(type, column)):
                return False
            if max(map(len, column), default=0) > MAX_ITEMS:
                return False
            column = list(itertools.chain.from_iterable(column))
            if not _texts_ok(spec, column):
                return False
            # Padded as ``splits`` pads each item, joined so that no match spans two.
            if LIST_SEPARATOR in " " + " \n ".join(column) + " ":
                return False
            if not all(map(str.strip, column)):
                return False
            continue
        if not _STR.issuperset(map(type, column)) or (spec.required and not all(column)):
            return False
        if not _texts_ok(spec, column):
            return False
    if table == "summits":
        return not any(map(_ends_before_start, docs))
    if table != "events":
        return True
    combinations = set(
        zip(
            map(operator.itemgetter("kind"), docs),
            map(bool, map(operator.itemgetter("mode"), docs)),
            map(bool, map(operator.itemgetter("instead_of"), docs)),
            strict=True,
        )
    )
    return not any(_kind_allows(*combination) for combination in combinations)


def _texts_ok(spec: Field, column: list[Any]) -> bool:
    if not _STR.issuperset(map(type, column)):
        return False
    if max(map(len, column), default=0) > spec.limit:
        return False
    joined = "".join(column)
    pattern = models.CONTROL_MULTILINE if spec.multiline else models.CONTROL
    if pattern.search(joined):
        return False
    if not joined.isascii():
        try:
            joined.encode("utf-8")
        except UnicodeEncodeError:
            return False
    valid = _valid(spec)
    return valid is None or all(map(valid, filter(None, set(column))))


def _keys(table: str, docs: Iterable[Mapping[str, Any]]) -> set[str]:
    """``key_of`` for every record of a table that passed ``table_ok``."""
    field = models.KEY_FIELD[table]
    if field is None:
        return {f"{doc['summit']}/{doc['party']}" for doc in docs}
    return set(map(operator.itemgetter(field), docs))


# -- a whole database ---------------------------------------------------------------


def _strings(values: Iterable[Any]) -> set[str]:
    return {value for value in values if isinstance(value, str)}


def problems(
    tables: Mapping[str, Mapping[str, Any]], is_party: Callable[[str], bool]
) -> list[Problem]:
    """Every broken rule in a whole database: records, references, duplicates."""
    found: list[Problem] = []
    keys: dict[str, set[str]] = {name: set() for name in models.TABLES}
    for table in models.TABLES:
        records = tables.get(table, {})
        if table_ok(table, list(records.values())):
            keys[table] = _keys(table, records.values())
            if len(keys[table]) == len(records):
                continue  # every record is right and named once: nothing to report
            keys[table] = set()
        for doc_id, doc in records.items():
            # A record that is not an object has no key: name it by its place in the file.
            key = models.key_of(table, doc) if isinstance(doc, dict) else f"#{doc_id}"
            found += [p._replace(key=key) for p in record_problems(table, doc)]
            if key in keys[table]:
                found.append(Problem(table, key, "", None, "duplicate"))
            keys[table].add(key)
    found += _person_problems(tables, keys["persons"])
    for table in ("invitations", "events", "persons"):
        docs = [doc for doc in tables.get(table, {}).values() if isinstance(doc, dict)]
        # Each distinct reference is looked up once, not once a record. Only text is
        # collected: a list where a code should be is unhashable (and reported above).
        bad_summits = {
            summit
            for summit in _strings(map(operator.methodcaller("get", "summit"), docs))
            if summit and summit not in keys["summits"]
        }
        bad_parties = {
            party
            for party in _strings(map(operator.methodcaller("get", "party"), docs))
            if party and not (party in keys["parties"] or is_party(party))
        }
        for doc in docs if bad_summits or bad_parties else ():
            key = models.key_of(table, doc)
            summit, party = doc.get("summit"), doc.get("party")
            if summit in bad_summits and table != "persons":
                found.append(Problem(table, key, "summit", summit, "no-summit"))
            if party in bad_parties:
                found.append(Problem(table, key, "party", party, "no-party"))
    return found


def _person_problems(tables: Mapping[str, Mapping[str, Any]], ids: set[str]) -> list[Problem]:
    """Events naming a person who is not registered; a name two persons share."""
    from summits import people

    found: list[Problem] = []
    persons = [d for d in tables.get("persons", {}).values() if isinstance(d, dict)]
    for problem in people.clashes(persons):
        found.append(Problem("persons", *problem, "shared-name"))
    for doc in tables.get("events", {}).values():
        person = doc.get("person") if isinstance(doc, dict) else None
        if isinstance(person, str) and person and person not in ids:
            found.append(
                Problem("events", models.key_of("events", doc), "person", person, "no-person")
            )
    return found
