"""People known by several names: who ``by`` names, and names two persons share.

An event's ``by`` is text as the source wrote it ("Lula", "Luiz Inácio Lula
da Silva"). A registered person has an id, a name and aliases; ``by`` names
them when it equals one of those, ignoring case and accents — the whole
string, never a part of it, so "Li" never links to "Li Qiang".
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any


@functools.lru_cache(maxsize=1 << 16)  # an import links 100,000 events among few names
def fold(text: str) -> str:
    """A name as it is compared: no case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().split())


def names(person: Mapping[str, Any]) -> list[str]:
    """Every name a person answers to: id, name, aliases."""
    return [person["id"], person["name"], *person["aliases"]]


def index(persons: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Folded name → person id, for every name of every person."""
    return {fold(name): person["id"] for person in persons for name in names(person)}


def link(by: str, known: Mapping[str, str]) -> str:
    """The id of the person ``by`` names (from ``index``), or empty."""
    return known.get(fold(by), "") if by else ""


def clashes(persons: Iterable[Mapping[str, Any]]) -> list[tuple[str, str, str]]:
    """(person id, field, name) for each name that another person already has."""
    seen: dict[str, str] = {}
    found = []
    for person in persons:
        try:
            fields = [("id", person["id"]), ("name", person["name"])]
            fields += [("aliases", alias) for alias in person["aliases"]]
        except (KeyError, TypeError):
            continue  # a broken record: the record rules report it
        mine = set()
        for field, name in fields:
            if not isinstance(name, str):
                continue
            key = fold(name)
            owner = seen.get(key)
            if owner is not None and owner != person["id"]:
                found.append((str(person["id"]), field, name))
            mine.add(key)
        for key in mine:
            seen.setdefault(key, person["id"])
    return found
