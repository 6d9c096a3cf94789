"""Parties: countries by ISO 3166-1 alpha-3 code, and registered organisations.

Researchers write "South Korea", "ROK", "Republic of Korea", "KR" or "KOR" for
the same country. We accept the ISO code, the ISO names (official and common)
and a curated table of the names people actually write, compared after
folding case, accents and punctuation. We never guess: pycountry's fuzzy
search maps "Republic of Korea" to North Korea, so it is not used. A name that
could mean more than one party is refused with the candidates; an unknown one
gets suggestions, never a silent pick.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from summits import models
from summits.errors import Ambiguous, InvalidValue, NotFound

# Names researchers write that ISO does not list. A tuple means the name is
# genuinely ambiguous and must be refused with these candidates.
ALIASES: dict[str, str | tuple[str, ...]] = {
    "south korea": "KOR",
    "republic of korea": "KOR",
    "rok": "KOR",
    "korea south": "KOR",
    "north korea": "PRK",
    "dprk": "PRK",
    "korea north": "PRK",
    "korea": ("KOR", "PRK"),
    "russia": "RUS",
    "turkey": "TUR",
    "turkiye": "TUR",
    "uk": "GBR",
    "britain": "GBR",
    "great britain": "GBR",
    "united kingdom of great britain and northern ireland": "GBR",
    "us": "USA",
    "usa": "USA",
    "america": "USA",
    "united states of america": "USA",
    "prc": "CHN",
    "peoples republic of china": "CHN",
    "mainland china": "CHN",
    "roc": ("TWN", "COG"),
    "republic of china": "TWN",
    "congo": ("COG", "COD"),
    "drc": "COD",
    "dr congo": "COD",
    "democratic republic of the congo": "COD",
    "congo kinshasa": "COD",
    "republic of the congo": "COG",
    "congo brazzaville": "COG",
    "ivory coast": "CIV",
    "cape verde": "CPV",
    "swaziland": "SWZ",
    "burma": "MMR",
    "macedonia": "MKD",
    "east timor": "TLS",
    "vatican": "VAT",
    "holy see": "VAT",
    "palestine": "PSE",
    "brunei": "BRN",
    "micronesia": "FSM",
    "czech republic": "CZE",
    "holland": "NLD",
    "uae": "ARE",
    "emirates": "ARE",
    "ksa": "SAU",
    "vietnam": "VNM",
    "laos": "LAO",
    "syria": "SYR",
    "iran": "IRN",
    "bolivia": "BOL",
    "venezuela": "VEN",
    "tanzania": "TZA",
    "moldova": "MDA",
    "taiwan": "TWN",
    "nz": "NZL",
    "virgin islands": ("VGB", "VIR"),
}

# Display names where the ISO name reads awkwardly in a table.
SHORT_NAMES: dict[str, str] = {
    "RUS": "Russia",
    "COD": "DR Congo",
    "GBR": "United Kingdom",
    "USA": "United States",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "FSM": "Micronesia",
    "VAT": "Holy See",
    "PSE": "Palestine",
}


def fold(text: str) -> str:
    """Compare names as people mean them: case, accents, dots and 'the' do not count."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    plain = re.sub(r"[.'\u2019]", "", plain)
    plain = re.sub(r"[^a-z0-9]+", " ", plain).strip()
    return plain.removeprefix("the ")


_ISO_FIELDS = ("alpha_2", "alpha_3", "name", "official_name", "common_name")


@functools.cache
def _iso_countries() -> list[dict[str, str]]:
    """pycountry's ISO 3166-1 records, read from its data file without importing it.

    Importing pycountry costs ~35 ms (it asks importlib.metadata for its own
    version), which every command naming a party would pay; its data file is
    the same records. Should the file move, pycountry itself answers.
    """
    import importlib.util

    spec = importlib.util.find_spec("pycountry")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        with contextlib.suppress(OSError, KeyError, TypeError, ValueError):
            raw = Path(folder, "databases", "iso3166-1.json").read_bytes()
            records = json.loads(raw)["3166-1"]
            if records and all(isinstance(r.get("alpha_3"), str) for r in records):
                return [{f: r[f] for f in _ISO_FIELDS if r.get(f)} for r in records]
    import pycountry

    return [
        {f: getattr(c, f) for f in _ISO_FIELDS if getattr(c, f, None)} for c in pycountry.countries
    ]


@functools.cache
def _countries() -> dict[str, str]:
    """alpha-3 code → display name, for every ISO 3166-1 country."""
    return {
        c["alpha_3"]: SHORT_NAMES.get(c["alpha_3"]) or c.get("common_name") or c["name"]
        for c in _iso_countries()
    }


@functools.cache
def _country_index() -> dict[str, frozenset[str]]:
    """Folded name or code → the country codes it can mean."""
    index: dict[str, set[str]] = {}
    for c in _iso_countries():
        for attr in _ISO_FIELDS:
            value = c.get(attr)
            if value:
                index.setdefault(fold(value), set()).add(c["alpha_3"])
    for name, codes in ALIASES.items():
        index[fold(name)] = {codes} if isinstance(codes, str) else set(codes)
    return {key: frozenset(codes) for key, codes in index.items()}


def is_country(code: str) -> bool:
    return code in _countries()


def names(organisations: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Code → display name for every country and registered organisation."""
    table = dict(_countries())
    for org in organisations:
        table[org["code"]] = org["name"]
    return table


def _org_index(organisations: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    index: dict[str, set[str]] = {}
    for org in organisations:
        for key in (org["code"], org["name"], *org.get("aliases", ())):
            index.setdefault(fold(key), set()).add(org["code"])
    return index


def resolve(text: str, organisations: Iterable[Mapping[str, Any]] = ()) -> str:
    """The code of the party ``text`` names; refuse unknown and ambiguous names."""
    if len(text) > models.PARTY.limit:  # before folding or fuzzy matching a huge value
        raise InvalidValue.about(
            text,
            f"is {len(text):,} characters long; a party has at most {models.PARTY.limit}",
        )
    orgs = list(organisations)
    key = fold(text)
    if not key:
        if text.strip():  # only punctuation or symbols: nothing to look up
            raise NotFound.about(text, "is not a known country or registered organisation")
        raise InvalidValue("a party cannot be empty")
    org_index = _org_index(orgs)
    candidates = set(_country_index().get(key, ())) | org_index.get(key, set())
    if len(candidates) == 1:
        return candidates.pop()
    known = names(orgs)
    if candidates:
        listed = ", ".join(f"{c} ({known[c]})" for c in sorted(candidates))
        raise Ambiguous.about(text, f"could mean more than one party: {listed}; give the code")
    unknown = "is not a known country or registered organisation"
    hints: list[str] = []
    if len(key) > 3:  # 'EU' is one letter from DEU and ECU, which says nothing
        keys: dict[str, Iterable[str]] = {**_country_index(), **org_index}
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.8)
        hints = sorted({c for k in close for c in keys[k]})
    if hints:
        raise NotFound.about(
            text, f"{unknown}; did you mean {' or '.join(f'{c} ({known[c]})' for c in hints)}?"
        )
    code = text.strip()
    if models.ORG_CODE.fullmatch(code):  # typed as a code, e.g. EU or ASEAN
        raise NotFound.about(text, f"{unknown}; if it is an organisation, register it first: "
                             f"summits party add {code} --name NAME")  # fmt: skip
    raise NotFound.about(
        text, f"{unknown}; to use an organisation, register it with 'summits party add'"
    )


def check_organisation(code: str, name: str, aliases: Iterable[str]) -> None:
    """Refuse an organisation whose code or names would shadow a country."""
    if not models.ORG_CODE.fullmatch(code):
        raise InvalidValue.about(code, f"is not {models.FIELD['parties']['code'].expected}")
    if not name.strip():
        raise InvalidValue("an organisation needs a name")
    for value in (code, name, *aliases):
        countries = _country_index().get(fold(value))
        if countries:
            listed = ", ".join(sorted(countries))
            raise InvalidValue.about(value, f"already names a country ({listed}); choose another")
