"""Parties: ISO codes and names, curated aliases, organisations, and no silent guesses."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summits import parties
from summits.errors import Ambiguous, InvalidValue, NotFound, SummitsError

EU = {"code": "EU", "name": "European Union", "aliases": ["E.U.", "Union"]}
ASEAN = {"code": "ASEAN", "name": "Association of Southeast Asian Nations", "aliases": []}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("JPN", "JPN"),
        ("jpn", "JPN"),
        ("JP", "JPN"),
        ("Japan", "JPN"),
        ("KOR", "KOR"),
        ("KR", "KOR"),
        ("South Korea", "KOR"),
        ("south korea", "KOR"),
        ("ROK", "KOR"),
        ("Republic of Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Australia", "AUS"),
        ("New Zealand", "NZL"),
        ("NZ", "NZL"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("UK", "GBR"),
        ("U.K.", "GBR"),
        ("Britain", "GBR"),
        ("United Kingdom", "GBR"),
        ("US", "USA"),
        ("U.S.", "USA"),
        ("USA", "USA"),
        ("United States", "USA"),
        ("Netherlands", "NLD"),
        ("The Netherlands", "NLD"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Iran", "IRN"),
        ("DRC", "COD"),
        ("Czechia", "CZE"),
        ("Czech Republic", "CZE"),
    ],
)
def test_countries_resolve(text: str, code: str) -> None:
    assert parties.resolve(text) == code


def test_republic_of_korea_is_never_north_korea() -> None:
    # pycountry's fuzzy search maps this to PRK; we must not.
    for text in (
        "Republic of Korea",
        "republic of korea",
        "REPUBLIC OF KOREA",
        "the Republic of Korea",
    ):
        assert parties.resolve(text) == "KOR"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("EU", "EU"),
        ("eu", "EU"),
        ("European Union", "EU"),
        ("E.U.", "EU"),
        ("union", "EU"),
        ("ASEAN", "ASEAN"),
        ("Association of Southeast Asian Nations", "ASEAN"),
    ],
)
def test_organisations_resolve_by_code_name_and_alias(text: str, code: str) -> None:
    assert parties.resolve(text, [EU, ASEAN]) == code


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Korea",
            "'Korea' could mean more than one party: KOR (South Korea), PRK (North Korea); "
            "give the code",
        ),
        (
            "Congo",
            "'Congo' could mean more than one party: COD (DR Congo), COG (Congo); give the code",
        ),
    ],
)
def test_ambiguous_names_are_refused_with_candidates(text: str, message: str) -> None:
    with pytest.raises(Ambiguous) as refused:
        parties.resolve(text)
    assert str(refused.value) == message


def test_an_organisation_alias_that_is_also_a_country_name_is_ambiguous() -> None:
    # Written by hand (party add refuses this), so resolve must still not pick one.
    shadow = {"code": "GEO-ORG", "name": "Georgian Org", "aliases": ["Georgia"]}
    with pytest.raises(Ambiguous) as refused:
        parties.resolve("Georgia", [shadow])
    assert str(refused.value) == (
        "'Georgia' could mean more than one party: GEO (Georgia), GEO-ORG (Georgian Org); "
        "give the code"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Japn",
            "'Japn' is not a known country or registered organisation; did you mean JPN (Japan)?",
        ),
        (
            "Atlantis",
            "'Atlantis' is not a known country or registered organisation; "
            "to use an organisation, register it with 'summits party add'",
        ),
        (
            "European Union",
            "'European Union' is not a known country or registered organisation; "
            "to use an organisation, register it with 'summits party add'",
        ),
        (
            # A code: no fuzzy hint (EU is one letter from DEU and ECU), but the likely fix.
            "EU",
            "'EU' is not a known country or registered organisation; if it is an "
            "organisation, register it first: summits party add EU --name NAME",
        ),
        (
            "Narnia",  # 'armenia' is close by letters, not by meaning: no hint
            "'Narnia' is not a known country or registered organisation; "
            "to use an organisation, register it with 'summits party add'",
        ),
    ],
)
def test_unknown_names_get_suggestions_never_a_pick(text: str, message: str) -> None:
    with pytest.raises(NotFound) as refused:
        parties.resolve(text)
    assert str(refused.value) == message


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_party_is_refused(text: str) -> None:
    with pytest.raises(InvalidValue, match=r"^a party cannot be empty$"):
        parties.resolve(text)


@pytest.mark.parametrize("text", ["...", "\udcff", "\u2014"])
def test_a_party_of_symbols_is_unknown_not_empty(text: str) -> None:
    with pytest.raises(NotFound) as refused:
        parties.resolve(text)
    assert str(refused.value) == f"{text!r} is not a known country or registered organisation"


@pytest.mark.parametrize(
    ("code", "name", "aliases", "message"),
    [
        ("JP", "Japan Org", [], "'JP' already names a country (JPN); choose another"),
        ("KOR", "Korea Org", [], "'KOR' already names a country (KOR); choose another"),
        ("XX", "South Korea", [], "'South Korea' already names a country (KOR); choose another"),
        ("XX", "Some Org", ["Korea"], "'Korea' already names a country (KOR, PRK); choose another"),
        (
            "eu",
            "European Union",
            [],
            "'eu' is not an organisation code: use 2-16 capital letters, digits or '-'",
        ),
        (
            "E",
            "European Union",
            [],
            "'E' is not an organisation code: use 2-16 capital letters, digits or '-'",
        ),
        ("EU", "  ", [], "an organisation needs a name"),
    ],
)
def test_check_organisation_refuses(code: str, name: str, aliases: list[str], message: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parties.check_organisation(code, name, aliases)
    assert str(refused.value) == message


def test_check_organisation_accepts_a_new_code() -> None:
    parties.check_organisation("EU", "European Union", ["E.U."])


def test_names_and_display_names() -> None:
    table = parties.names([EU])
    assert table["EU"] == "European Union"
    assert table["KOR"] == "South Korea"
    assert table["JPN"] == "Japan"
    assert "XXX" not in table
    assert parties.is_country("NZL")
    assert not parties.is_country("EU")


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Côte d'Ivoire", "cote divoire"),
        ("The Gambia", "gambia"),
        ("U.S.", "us"),
        ("  South   Korea ", "south korea"),
        ("Korea, Republic of", "korea republic of"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert parties.fold(text) == folded


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_resolve_returns_a_known_party_or_refuses(text: str) -> None:
    try:
        code = parties.resolve(text, [EU, ASEAN])
    except SummitsError:
        return
    assert code in parties.names([EU, ASEAN])


def test_countries_read_from_pycountrys_data_file_are_pycountrys_countries() -> None:
    import pycountry

    expected = [
        {field: getattr(c, field) for field in parties._ISO_FIELDS if getattr(c, field, None)}
        for c in pycountry.countries
    ]
    assert parties._iso_countries() == expected


CELLS = st.one_of(st.none(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=3))
