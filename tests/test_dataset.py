"""The bundled dataset: valid, sourced, reproducible, shipped, and telling the story right.

The stories: NATO 2022-2025 and the Indo-Pacific Four; BRICS 2024 (Kazan) and
2025 (Rio de Janeiro); the G7 2025 (Kananaskis). The key facts are asked of the
data through the CLI (``events --format json``, ``changes --format csv``), as a
researcher would, so a regression in either the
data or the commands that read it shows up here. Provenance is checked against
``data/SOURCES.md``: every cited page is listed there with the passages relied
on, and every quotation in a note or reason is found in one of them.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from summits import storage
from summits.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "summits.json"
SAMPLE = ROOT / "src" / "summits" / "sample.json"
SCRIPT = ROOT / "scripts" / "build_dataset.py"
SOURCES_MD = ROOT / "data" / "SOURCES.md"
FDD = (
    "https://www.fdd.org/analysis/policy_briefs/2025/06/25/japan-south-korea-abruptly-pull-"
    "out-of-nato-summit/"
)


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["--db", str(DATA), *args])


def events(*args: str) -> list[dict[str, Any]]:
    result = run("events", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)
    return rows


def brief(rows: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """(summit, party, kind, date, by, level) of each row, in the order given."""
    keys = ("summit", "party", "kind", "date", "by", "level")
    return [tuple(row[key] for key in keys) for row in rows]


@pytest.fixture(scope="module")
def tables() -> storage.Tables:
    return storage.load(DATA)


def load_script(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """Import scripts/build_dataset.py (not a package) as a module."""
    spec = importlib.util.spec_from_file_location("build_dataset", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "build_dataset", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


# -- the file ----------------------------------------------------------------------


def test_check_passes_on_the_dataset() -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"{DATA}: ok")


def test_counts(tables: storage.Tables) -> None:
    counts = {name: len(table) for name, table in tables.items()}
    assert counts == {"summits": 8, "parties": 1, "persons": 36, "invitations": 52, "events": 63}


@pytest.mark.parametrize("table", ["summits", "invitations", "events"])
def test_every_record_has_a_source(tables: storage.Tables, table: str) -> None:
    unsourced = [doc for doc in tables[table].values() if not doc["sources"]]
    assert unsourced == []


def test_every_source_is_a_web_address(tables: storage.Tables) -> None:
    sources = {
        s for docs in tables.values() for doc in docs.values() for s in doc.get("sources", [])
    }
    assert sources  # the check below must have something to check
    assert [s for s in sources if not re.fullmatch(r"https?://\S+", s)] == []


def test_event_ids_are_eight_hex_and_recorded_is_fixed(tables: storage.Tables) -> None:
    docs = list(tables["events"].values())
    assert all(re.fullmatch(r"[0-9a-f]{8}", doc["id"]) for doc in docs)
    assert len({doc["id"] for doc in docs}) == len(docs)
    assert {doc["recorded"] for doc in docs} == {"2026-11-28T00:00:00Z"}


def test_event_dates_fit_their_summits(tables: storage.Tables) -> None:
    """Attending and leaving early fall within the summit; announcements come before it."""
    summits = {doc["id"]: doc for doc in tables["summits"].values()}
    wrong = []
    for doc in tables["events"].values():
        summit = summits[doc["summit"]]
        if doc["kind"] in ("attended", "left-early"):
            fits = summit["start"] <= doc["date"] <= summit["end"]
        else:
            # A month (2025-06) sorts before the days of the month it overlaps.
            fits = doc["date"] <= summit["start"]
        if not fits:
            wrong.append((doc["summit"], doc["party"], doc["kind"], doc["date"]))
    assert wrong == []


SUMMIT_DAYS = {
    # The leaders' programme as announced, opening dinner included.
    "nato-2022": ("2022-06-28", "2022-06-30"),
    "nato-2023": ("2023-07-11", "2023-07-12"),
    "nato-2024": ("2024-07-09", "2024-07-11"),
    "nato-2025": ("2025-06-24", "2025-06-25"),
    "us-japan-2plus2-2025": ("2025-07-01", "2025-07-01"),
    "brics-2024": ("2024-10-22", "2024-10-24"),
    "g7-2025": ("2025-06-15", "2025-06-17"),
    "brics-2025": ("2025-07-06", "2025-07-07"),
}
PARTNERS_DAY = {
    "nato-2022": "2022-06-29",
    "nato-2023": "2023-07-12",
    "nato-2024": "2024-07-11",
    "nato-2025": "2025-06-25",
}


def test_summits_span_the_announced_programme(tables: storage.Tables) -> None:
    found = {doc["id"]: (doc["start"], doc["end"]) for doc in tables["summits"].values()}
    assert found == SUMMIT_DAYS


def test_attendance_is_dated_on_the_partners_meeting_day(tables: storage.Tables) -> None:
    attended = [
        doc
        for doc in tables["events"].values()
        if doc["kind"] == "attended" and doc["summit"] in PARTNERS_DAY
    ]
    assert len(attended) == 16
    wrong = [doc for doc in attended if doc["date"] != PARTNERS_DAY[doc["summit"]]]
    assert wrong == []


def test_attendance_elsewhere_is_dated_on_a_day_the_sources_place_them_there(
    tables: storage.Tables,
) -> None:
    """Rio: the opening session, 6 July. Kananaskis: the outreach day and family photo,
    17 June, but Trump on the leaders' day he left, 16 June. Kazan: Vieira's first day
    at the head of the delegation, Lula's speech by video."""
    found = sorted(
        (doc["summit"], doc["date"], doc["party"])
        for doc in tables["events"].values()
        if doc["kind"] == "attended" and doc["summit"] not in PARTNERS_DAY
    )
    rio = ["ARE", "BRA", "CHN", "EGY", "ETH", "IDN", "IND", "IRN", "RUS", "RUS", "ZAF"]
    kananaskis = [
        *("AUS", "BRA", "CAN", "DEU", "FRA", "GBR", "IND", "KOR", "MEX", "UKR"),
        *("USA", "ZAF"),  # the United States by its Treasury Secretary, after Trump left
    ]
    assert found == [
        ("brics-2024", "2024-10-22", "BRA"),
        ("brics-2024", "2024-10-23", "BRA"),
        *(("brics-2025", "2025-07-06", party) for party in rio),
        ("g7-2025", "2025-06-16", "USA"),
        *(("g7-2025", "2025-06-17", party) for party in kananaskis),
    ]


def test_sample_is_the_same_bytes_as_the_data() -> None:
    assert SAMPLE.read_bytes() == DATA.read_bytes()


def test_init_sample_creates_the_dataset(tmp_path: Path) -> None:
    target = tmp_path / "nato.json"
    result = CliRunner().invoke(cli, ["--db", str(target), "init", "--sample"])
    assert result.exit_code == 0, result.output
    assert result.output == f"created {target} from the bundled sample\n"
    assert target.read_bytes() == DATA.read_bytes()


# -- provenance: data/SOURCES.md -------------------------------------------------------

# A quotation is text inside straight or curly double quotes.
QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d')
ELLIPSIS = re.compile(r"\s*(?:\u2026|\.\.\.)\s*")


@dataclass(frozen=True)
class SourceEntry:
    """One page of data/SOURCES.md: its address, its outlet's names, the passages read."""

    url: str
    names: tuple[str, ...]
    passages: tuple[str, ...]
    fact_sheet: str = ""


def normalise(text: str) -> str:
    """Compare quotations as words: curly apostrophes straight, runs of spaces single."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def read_sources_md(text: str) -> dict[str, SourceEntry]:
    """Entries by URL: '### ' starts one; its '- URL:', '- Named as:', '- Fact sheet:'
    and '> ' lines fill it."""
    entries: dict[str, SourceEntry] = {}
    blocks = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    for block in blocks:
        url = re.search(r"^- URL: (\S+)$", block, flags=re.MULTILINE)
        names = re.search(r"^- Named as: (.+)$", block, flags=re.MULTILINE)
        assert url and names, f"entry without URL or Named as: {block.splitlines()[0]}"
        passages = [
            normalise(" ".join(line[2:] for line in para.splitlines()))
            for para in re.split(r"\n\s*\n", block)
            if para.startswith("> ")
        ]
        sheet = re.search(r"^- Fact sheet: (.+)$", block, flags=re.MULTILINE)
        assert url.group(1) not in entries, f"{url.group(1)} listed twice"
        entries[url.group(1)] = SourceEntry(
            url.group(1),
            tuple(n.strip() for n in names.group(1).split(",")),
            tuple(passages),
            sheet.group(1) if sheet else "",
        )
    return entries


def quotations(text: str) -> list[str]:
    return [normalise(a or b) for a, b in QUOTED.findall(text)]


def misquoted(text: str, sources: list[str], entries: dict[str, SourceEntry]) -> list[str]:
    """The quotations in ``text`` not backed by one of ``sources`` whose outlet ``text`` names.

    A quotation is backed when each of its parts (split at an ellipsis) is word for
    word in one passage recorded for that source in data/SOURCES.md.
    """
    problems = []
    for quote in quotations(text):
        parts = [part for part in ELLIPSIS.split(quote) if part]
        backing = [
            entries[source]
            for source in sources
            if source in entries
            and any(all(part in passage for part in parts) for passage in entries[source].passages)
        ]
        if not backing:
            problems.append(f"not in a cited source: {quote!r}")
        elif not any(name in text for entry in backing for name in entry.names):
            problems.append(f"outlet not named: {quote!r} ({backing[0].names[0]})")
    return problems


@pytest.fixture(scope="module")
def entries() -> dict[str, SourceEntry]:
    return read_sources_md(SOURCES_MD.read_text(encoding="utf-8"))


def cited(tables: storage.Tables) -> set[str]:
    return {s for docs in tables.values() for doc in docs.values() for s in doc.get("sources", [])}


def test_every_cited_page_is_in_sources_md_with_a_passage(
    tables: storage.Tables, entries: dict[str, SourceEntry]
) -> None:
    assert sorted(cited(tables) - set(entries)) == []
    assert [entry.url for entry in entries.values() if not entry.passages] == []


def test_every_page_in_sources_md_is_cited(
    tables: storage.Tables, entries: dict[str, SourceEntry]
) -> None:
    assert sorted(set(entries) - cited(tables)) == []


def test_every_quotation_is_in_a_cited_source_and_names_its_outlet(
    tables: storage.Tables, entries: dict[str, SourceEntry]
) -> None:
    problems = []
    quoted = 0
    tables_fields = (
        ("summits", ("notes",)),
        ("invitations", ("notes",)),
        ("events", ("notes", "reason")),
    )
    for table, fields in tables_fields:
        for doc in tables[table].values():
            key = doc.get("id") or f"{doc['summit']}/{doc['party']}"
            for name in fields:
                quoted += len(quotations(doc[name]))
                found = misquoted(doc[name], doc["sources"], entries)
                problems += [f"{table} {key} {name}: {p}" for p in found]
    assert quoted >= 70  # the rule is exercised, not vacuously true
    assert problems == []


NEW_STORIES = ("brics-2024", "brics-2025", "g7-2025")


def test_the_brics_and_g7_records_each_cite_a_page_of_their_fact_sheet(
    tables: storage.Tables, entries: dict[str, SourceEntry]
) -> None:
    """Those stories come from ../shared/facts/brics-g7-2025.md only."""
    docs = [
        doc
        for table in ("summits", "invitations", "events")
        for doc in tables[table].values()
        if doc.get("summit", doc.get("id")) in NEW_STORIES
    ]
    assert len(docs) == 3 + 30 + 40
    off_sheet = [
        doc
        for doc in docs
        if not any(
            entries[source].fact_sheet == "yes (brics-g7-2025.md)" for source in doc["sources"]
        )
    ]
    assert off_sheet == []


TOY = {
    "https://a.example/1": SourceEntry(
        "https://a.example/1",
        ("The Star", "Reuters"),
        ('The ministry said "various circumstances".',),
    ),
    "https://b.example/2": SourceEntry(
        "https://b.example/2", ("FDD",), ("rising tensions \u2026 over trade",)
    ),
}


@pytest.mark.parametrize(
    ("text", "sources", "problems"),
    [
        ('Reuters: "various circumstances"', ["https://a.example/1"], []),
        ("The Star: \u201cvarious circumstances\u201d", ["https://a.example/1"], []),
        ('FDD: "rising tensions"', ["https://b.example/2"], []),
        ('The Star: "The ministry ... circumstances"', ["https://a.example/1"], []),
        ("no quotation at all", [], []),
        (
            'Reuters: "various reasons"',
            ["https://a.example/1"],
            ["not in a cited source: 'various reasons'"],
        ),
        (
            'Reuters: "various circumstances"',
            ["https://b.example/2"],
            ["not in a cited source: 'various circumstances'"],
        ),
        (
            'the ministry: "various circumstances"',
            ["https://a.example/1"],
            ["outlet not named: 'various circumstances' (The Star)"],
        ),
    ],
)
def test_misquoted_finds_unbacked_and_unattributed_quotations(
    text: str, sources: list[str], problems: list[str]
) -> None:
    assert misquoted(text, sources, TOY) == problems


def test_read_sources_md_reads_entries_and_passages() -> None:
    text = (
        "# intro\n\n### A page\n\n- URL: https://x.example/\n- Named as: X, Ex\n\n"
        "> first line\n> goes on\n\n[translation]\n\n> second\n"
    )
    assert read_sources_md(text) == {
        "https://x.example/": SourceEntry(
            "https://x.example/", ("X", "Ex"), ("first line goes on", "second")
        )
    }
    sheet = text.replace("- Named as: X, Ex\n", "- Named as: X, Ex\n- Fact sheet: yes\n")
    assert read_sources_md(sheet)["https://x.example/"].fact_sheet == "yes"


# -- the build -----------------------------------------------------------------------


def test_build_check_passes_on_the_committed_files() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_build_check_fails_on_a_stale_file_and_a_build_fixes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = load_script(monkeypatch)
    outputs = (tmp_path / "data" / "summits.json", tmp_path / "src" / "sample.json")
    for path in outputs:
        path.parent.mkdir(parents=True)
    outputs[0].write_bytes(DATA.read_bytes())
    outputs[1].write_bytes(DATA.read_bytes().replace(b"Ishiba", b"Ishib4"))
    monkeypatch.setattr(script, "ROOT", tmp_path)
    monkeypatch.setattr(script, "OUTPUTS", outputs)

    assert script.main(["--check"]) == 1
    assert capsys.readouterr().err == (
        "src/sample.json differs from a fresh build; run python scripts/build_dataset.py\n"
    )
    assert script.main([]) == 0
    assert script.main(["--check"]) == 0
    assert outputs[1].read_bytes() == DATA.read_bytes()


# -- the facts -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("summit", "day", "new_zealand"),
    [("nato-2022", "2022-06-29", "Jacinda Ardern"), ("nato-2023", "2023-07-12", "Chris Hipkins")],
)
def test_all_four_leaders_attended(summit: str, day: str, new_zealand: str) -> None:
    # Same day, same recorded stamp: listed in the order they were entered.
    assert sorted(brief(events("--summit", summit))) == [
        (summit, "AUS", "attended", day, "Anthony Albanese", "leader"),
        (summit, "JPN", "attended", day, "Fumio Kishida", "leader"),
        (summit, "KOR", "attended", day, "Yoon Suk Yeol", "leader"),
        (summit, "NZL", "attended", day, new_zealand, "leader"),
    ]


def test_japan_2025_confirmed_then_cancelled_then_minister() -> None:
    rows = events("--summit", "nato-2025", "--party", "Japan")
    assert brief(rows) == [
        ("nato-2025", "JPN", "confirmed", "2025-06-20", "Shigeru Ishiba", "leader"),
        ("nato-2025", "JPN", "cancelled", "2025-06-23", "Shigeru Ishiba", "leader"),
        ("nato-2025", "JPN", "attended", "2025-06-25", "Takeshi Iwaya", "minister"),
    ]
    assert '"various circumstances"' in rows[1]["reason"]
    assert "Fuji Television" in rows[1]["reason"]
    assert FDD in rows[1]["sources"]


def test_south_korea_2025_cancelled_then_senior_official() -> None:
    rows = events("--summit", "nato-2025", "--party", "South Korea")
    assert brief(rows) == [
        ("nato-2025", "KOR", "cancelled", "2025-06-22", "Lee Jae-myung", "leader"),
        ("nato-2025", "KOR", "confirmed", "2025-06-23", "Wi Sung-lac", "senior-official"),
        ("nato-2025", "KOR", "attended", "2025-06-25", "Wi Sung-lac", "senior-official"),
    ]
    assert "the situation in the Middle East" in rows[0]["reason"]
    assert FDD in rows[0]["sources"]


@pytest.mark.parametrize(
    ("summit", "declined", "attended"),
    [("nato-2024", "2024-07-02", "2024-07-11"), ("nato-2025", "2025-06", "2025-06-25")],
)
def test_albanese_declined_and_marles_went(summit: str, declined: str, attended: str) -> None:
    rows = events("--summit", summit, "--party", "Australia")
    assert brief(rows) == [
        (summit, "AUS", "declined", declined, "Anthony Albanese", "leader"),
        (summit, "AUS", "attended", attended, "Richard Marles", "deputy-leader"),
    ]
    assert rows[0]["reason"] == ""  # not established by the sources


def test_new_zealand_sent_its_leader_every_year() -> None:
    rows = events("--party", "New Zealand", "--kind", "attended")
    assert [(row["summit"], row["level"]) for row in rows] == [
        ("nato-2022", "leader"),
        ("nato-2023", "leader"),
        ("nato-2024", "leader"),
        ("nato-2025", "leader"),
    ]


def test_the_two_plus_two_was_cancelled_by_japan() -> None:
    rows = events("--series", "US-Japan 2+2")
    assert brief(rows) == [
        ("us-japan-2plus2-2025", "JPN", "cancelled", "2025-06-20", "", "minister"),
    ]
    assert "3.5% of GDP" in rows[0]["reason"]
    assert "Financial Times" in rows[0]["reason"]
    assert '"postponed"' in rows[0]["notes"]
    assert rows[0]["notes"].startswith("Dated on the day the Financial Times reported it")


def test_invitations(tables: storage.Tables) -> None:
    found = sorted((d["summit"], d["party"], d["role"]) for d in tables["invitations"].values())
    nato = [
        (f"nato-{year}", party, "guest" if party == "EU" else "partner")
        for year in range(2022, 2026)
        for party in ("AUS", "EU", "JPN", "KOR", "NZL")
    ]
    two_plus_two = [
        ("us-japan-2plus2-2025", "JPN", "member"),
        ("us-japan-2plus2-2025", "USA", "member"),
    ]
    brics_members = ["ARE", "BRA", "CHN", "EGY", "ETH", "IDN", "IND", "IRN", "RUS", "SAU", "ZAF"]
    brics = [
        ("brics-2024", "BRA", "member"),
        ("brics-2024", "SAU", "member"),
        *(("brics-2025", party, "member") for party in brics_members),
        ("brics-2025", "MEX", "guest"),
        ("brics-2025", "TUR", "guest"),
    ]
    g7 = sorted(
        [
            ("g7-2025", party, "member")
            for party in ("CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA")
        ]
        + [
            ("g7-2025", party, "guest")
            for party in ("AUS", "BRA", "IDN", "IND", "KOR", "MEX", "UKR", "ZAF")
        ]
    )
    assert found == sorted(nato + two_plus_two + brics + g7)


def test_changes_show_the_story() -> None:
    result = run("changes", "--series", "NATO", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    keys = ("party", "summit", "previous", "from", "to", "direction")
    assert [tuple(row[key] for key in keys) for row in rows] == [
        ("AUS", "nato-2024", "nato-2023", "leader", "deputy-leader", "down"),
        # Albanese declined again and Marles went again: the same level, a stand-in
        ("AUS", "nato-2025", "nato-2024", "deputy-leader", "deputy-leader", "stand-in"),
        ("JPN", "nato-2025", "nato-2024", "leader", "minister", "down"),
        ("KOR", "nato-2025", "nato-2024", "leader", "senior-official", "down"),
    ]
    assert rows[2]["reasons"].startswith("cancelled 2025-06-23 Shigeru Ishiba: ")
    assert '"various circumstances"' in rows[2]["reasons"]


# -- the facts: BRICS 2024, BRICS 2025, G7 2025 ----------------------------------------


def stand_in(rows: list[dict[str, Any]]) -> list[tuple[str, ...]]:
    """(kind, date, by, level, mode, instead_of, person) of each row."""
    keys = ("kind", "date", "by", "level", "mode", "instead_of", "person")
    return [tuple(row[key] for key in keys) for row in rows]


def test_china_2025_xi_declined_and_premier_li_qiang_stood_in_at_leader_level() -> None:
    rows = events("--summit", "brics-2025", "--party", "China")
    assert stand_in(rows) == [
        ("declined", "2025-06-24", "Xi Jinping", "leader", "", "", "xi-jinping"),
        ("confirmed", "2025-07-02", "Li Qiang", "leader", "in-person", "Xi Jinping", "li-qiang"),
        ("attended", "2025-07-06", "Li Qiang", "leader", "in-person", "Xi Jinping", "li-qiang"),
    ]
    assert rows[0]["reason"].endswith('"Xi had a scheduling conflict"')
    assert "South China Morning Post" in rows[0]["reason"]
    assert '"his first-ever absence' in rows[0]["notes"]
    assert "Read as leader" in rows[2]["notes"]
    assert rows[2]["tags"] == ["stand-in"]


def test_russia_2025_putin_by_video_because_of_the_icc_warrant_lavrov_in_person() -> None:
    rows = events("--summit", "brics-2025", "--party", "Russia")
    assert stand_in(rows) == [
        ("confirmed", "2025-06-25", "Vladimir Putin", "leader", "video", "", "vladimir-putin"),
        ("attended", "2025-07-06", "Vladimir Putin", "leader", "video", "", "vladimir-putin"),
        ("attended", "2025-07-06", "Sergey Lavrov", "minister", "in-person", "", "sergey-lavrov"),
    ]
    assert "the ICC's requirements" in rows[0]["reason"]
    assert "Censor.NET" in rows[0]["reason"]
    assert "Not recorded as a stand-in" in rows[2]["notes"]


@pytest.mark.parametrize(
    ("party", "cancelled", "president", "stand_in_", "level"),
    [
        ("Egypt", "2025-06", "Abdel Fattah al-Sisi", "Mostafa Madbouly", "leader"),
        ("Iran", "2025-07-04", "Masoud Pezeshkian", "Abbas Araghchi", "minister"),
    ],
)
def test_egypt_and_iran_presidents_cancelled_and_sent_others(
    party: str, cancelled: str, president: str, stand_in_: str, level: str
) -> None:
    rows = events("--summit", "brics-2025", "--party", party)
    assert [(r["kind"], r["date"], r["by"], r["level"], r["instead_of"]) for r in rows] == [
        ("cancelled", cancelled, president, "leader", ""),
        ("attended", "2025-07-06", stand_in_, level, president),
    ]
    assert rows[0]["reason"]  # in the sources' words, attributed


def test_egypt_reason_is_the_regional_situation_iran_gave_none() -> None:
    egypt, iran = (
        events("--summit", "brics-2025", "--party", party, "--kind", "cancelled")[0]
        for party in ("EGY", "IRN")
    )
    assert '"situação regional"' in egypt["reason"]
    assert iran["reason"].startswith("no statement from Iran is established")


def test_the_crown_princes_read_as_deputy_leaders() -> None:
    rows = events("--summit", "brics-2025", "--level", "deputy-leader")
    assert brief(rows) == [
        ("brics-2025", "SAU", "declined", "2025-07-05", "Mohammed bin Salman", "deputy-leader"),
        (
            *("brics-2025", "ARE", "attended", "2025-07-06"),
            *("Khalid bin Mohamed bin Zayed Al Nahyan", "deputy-leader"),
        ),
    ]
    assert all("Read as deputy-leader" in row["notes"] for row in rows)
    assert rows[1]["instead_of"] == "President of the United Arab Emirates"


def test_the_other_members_sent_their_leaders_to_rio() -> None:
    rows = events("--summit", "brics-2025", "--kind", "attended", "--level", "leader")
    assert sorted((row["party"], row["by"], row["mode"]) for row in rows) == [
        ("BRA", "Luiz Inácio Lula da Silva", "in-person"),
        ("CHN", "Li Qiang", "in-person"),
        ("EGY", "Mostafa Madbouly", "in-person"),
        ("ETH", "Abiy Ahmed", "in-person"),
        ("IDN", "Prabowo Subianto", "in-person"),
        ("IND", "Narendra Modi", "in-person"),
        ("RUS", "Vladimir Putin", "video"),
        ("ZAF", "Cyril Ramaphosa", "in-person"),
    ]


def test_lula_2024_cancelled_after_a_head_injury_spoke_by_video_and_vieira_went() -> None:
    rows = events("--summit", "brics-2024", "--party", "Brazil")
    lula, vieira = "Luiz Inácio Lula da Silva", "Mauro Vieira"
    assert stand_in(rows) == [
        ("cancelled", "2024-10-20", lula, "leader", "", "", "luiz-inacio-lula-da-silva"),
        ("confirmed", "2024-10-20", vieira, "minister", "in-person", "", "mauro-vieira"),
        ("attended", "2024-10-22", vieira, "minister", "in-person", "", "mauro-vieira"),
        ("attended", "2024-10-23", lula, "leader", "video", "", "luiz-inacio-lula-da-silva"),
    ]
    assert "avoid long-haul flights" in rows[0]["reason"]
    assert "hurt his head in a fall at home" in rows[0]["notes"]


def test_trump_left_the_g7_early_because_of_the_middle_east() -> None:
    rows = events("--summit", "g7-2025", "--party", "United States")
    assert brief(rows) == [
        ("g7-2025", "USA", "attended", "2025-06-16", "Donald Trump", "leader"),
        ("g7-2025", "USA", "left-early", "2025-06-16", "Donald Trump", "leader"),
        ("g7-2025", "USA", "attended", "2025-06-17", "Scott Bessent", "minister"),
    ]
    left = rows[1]
    assert "\"because of what's going on in the Middle East" in left["reason"]
    assert "Brisbane Times" in left["reason"]
    assert "fell through" in left["notes"]
    assert left["person"] == "donald-trump"


def test_who_left_early_and_who_took_part_by_video() -> None:
    left = events("--kind", "left-early")
    assert [(row["summit"], row["party"], row["by"]) for row in left] == [
        ("g7-2025", "USA", "Donald Trump"),
        ("g7-2025", "UKR", "Volodymyr Zelensky"),
    ]
    video = events("--mode", "video", "--kind", "attended")
    assert [(row["summit"], row["party"], row["by"]) for row in video] == [
        ("brics-2024", "BRA", "Luiz Inácio Lula da Silva"),
        ("brics-2025", "RUS", "Vladimir Putin"),
    ]


def test_the_g7_outreach_partners_came_but_indonesia_declined() -> None:
    rows = events("--summit", "g7-2025", "--kind", "declined")
    assert brief(rows) == [
        ("g7-2025", "IDN", "declined", "2025-06-12", "Prabowo Subianto", "leader"),
    ]
    assert "Jakarta Globe" in rows[0]["reason"]
    assert '"due to previous commitments with Singapore and Russia"' in rows[0]["reason"]
    came = events("--summit", "g7-2025", "--kind", "attended", "--level", "leader")
    guests = {"AUS", "BRA", "IND", "KOR", "MEX", "UKR", "ZAF"}
    assert guests <= {row["party"] for row in came}


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Lula", "luiz-inacio-lula-da-silva"),
        ("xi", "xi-jinping"),
        ("Zelenskyy", "volodymyr-zelensky"),
    ],
)
def test_people_are_found_by_the_names_researchers_write(name: str, person: str) -> None:
    rows = events("--person", name)
    assert rows and {row["person"] for row in rows} == {person}


def test_stand_ins_across_the_series() -> None:
    rows = events("--tag", "stand-in", "--since", "2025-07")
    assert [(row["party"], row["kind"], row["by"]) for row in rows] == [
        ("CHN", "confirmed", "Li Qiang"),
        ("CHN", "attended", "Li Qiang"),
        ("EGY", "attended", "Mostafa Madbouly"),
        ("IRN", "attended", "Abbas Araghchi"),
        ("ARE", "attended", "Khalid bin Mohamed bin Zayed Al Nahyan"),
    ]


def test_the_matrix_reads_as_the_sheet_says() -> None:
    """Stand-ins by person, the leader by video, the leader who left early."""
    result = run("matrix", "--series", "BRICS", "--series", "G7", "--long", "--format", "csv")
    assert result.exit_code == 0, result.output
    cells = {
        (row["party"], row["summit"]): (row["cell"], row["stand_in"], row["left_early"], row["by"])
        for row in csv.DictReader(io.StringIO(result.output))
    }
    assert {key: cells[key] for key in cells if cells[key][0] and key[1] == "brics-2025"} == {
        ("ARE", "brics-2025"): (
            *("deputy-leader", "true", "false"),
            "Khalid bin Mohamed bin Zayed Al Nahyan",
        ),
        ("BRA", "brics-2025"): ("leader", "false", "false", "Luiz Inácio Lula da Silva"),
        ("CHN", "brics-2025"): ("leader", "true", "false", "Li Qiang"),
        ("EGY", "brics-2025"): ("leader", "true", "false", "Mostafa Madbouly"),
        ("ETH", "brics-2025"): ("leader", "false", "false", "Abiy Ahmed"),
        ("IDN", "brics-2025"): ("leader", "false", "false", "Prabowo Subianto"),
        ("IND", "brics-2025"): ("leader", "false", "false", "Narendra Modi"),
        ("IRN", "brics-2025"): ("minister", "true", "false", "Abbas Araghchi"),
        ("MEX", "brics-2025"): ("declined", "false", "false", "Claudia Sheinbaum"),
        ("RUS", "brics-2025"): ("leader (video)", "false", "false", "Vladimir Putin"),
        ("SAU", "brics-2025"): ("declined", "false", "false", "Mohammed bin Salman"),
        ("TUR", "brics-2025"): ("declined", "false", "false", "Recep Tayyip Erdoğan"),
        ("ZAF", "brics-2025"): ("leader", "false", "false", "Cyril Ramaphosa"),
    }
    # Lula cancelled his trip but took part himself, by video: no stand-in.
    assert cells["BRA", "brics-2024"] == (
        *("leader (video)", "false", "false"),
        "Luiz Inácio Lula da Silva",
    )
    assert cells["USA", "g7-2025"] == ("leader (left early)", "false", "true", "Donald Trump")
    assert cells["UKR", "g7-2025"][:3] == ("leader (left early)", "false", "true")
    assert cells["IDN", "g7-2025"][0] == "declined"


@pytest.mark.parametrize(
    ("series", "party", "cell"),
    [
        ("BRICS", "CHN", "leader †"),
        ("BRICS", "EGY", "leader †"),
        ("BRICS", "IRN", "minister †"),
        ("BRICS", "RUS", "leader (video)"),
        ("G7", "USA", "leader (left early)"),
    ],
)
def test_the_matrix_table_marks_them(series: str, party: str, cell: str) -> None:
    result = run("matrix", "--series", series)
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith(f"{party} ")]
    assert line.rstrip().endswith(f"  {cell}")


def test_brics_changes_brazil_back_in_person_saudi_kazan_unknown() -> None:
    result = run("changes", "--series", "BRICS", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    keys = ("party", "summit", "previous", "from", "to", "direction")
    assert [tuple(row[key] for key in keys) for row in rows] == [
        ("BRA", "brics-2025", "brics-2024", "leader (video)", "leader", "up"),
    ]
    table = " ".join(run("changes", "--series", "BRICS").output.split())
    assert table.endswith("not compared: SAU at brics-2024")


PICKED = {  # attended, leader, leader in person, video, left early, stand-in
    "BRA": (3, 3, 2, 1, 0, 0),  # Kazan by video, Kananaskis and Rio in person
    "CHN": (1, 1, 1, 0, 0, 1),
    "RUS": (1, 1, 0, 1, 0, 0),
    "USA": (1, 1, 1, 0, 1, 0),  # a leader who left early still counts as in person
}


def test_stats_count_video_left_early_and_stand_ins() -> None:
    result = run("stats", "--series", "BRICS", "--series", "G7", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = {row["party"]: row for row in csv.DictReader(io.StringIO(result.output))}
    keys = ("attended", "leader", "leader_in_person", "video", "left_early", "stand_in")
    picked = {party: tuple(int(rows[party][key]) for key in keys) for party in PICKED}
    assert picked == PICKED
