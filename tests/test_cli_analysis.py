"""matrix, changes and stats through the CLI on two series (tests/analysis_world.py).

Exact output at 100 columns: a leader by video, a leader who left early, a
stand-in by another leader, a party invited with nothing recorded, a summit
that was postponed, and a guest at both series.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import analysis_world as world
from core_helpers import assert_refused, invoke

BOTH = ("--series", "BRICS", "--series", "G7")


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return world.write(tmp_path / "world.json")


def out(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


MATRIX = """\
BRICS, G7 · 5 summits · 2024-06-13 – 2026-09

party  name         g7-2024  brics-2024  g7-2025              brics-2025      brics-2026 (postponed)
ARE    United Arab           leader                           invited
       Emirates
CHN    China                 leader                           leader †
IND    India        leader   leader      leader               leader
RUS    Russia                leader                           leader (video)
USA    United       leader               leader (left early)
       States

levels        leader: the level of the best attendance, most senior first
(video)       joined live by video link; ranks below in-person at the same level
(left early)  left before the summit ended; ranks below staying to the end in the same mode
†             a stand-in: someone of the party cancelled or declined (or was stood in for), and a
              different person went
invited       invited, nothing more recorded
(blank)       neither invited nor recorded
(postponed)   the summit was postponed, not held: no cells
"""  # noqa: RUF001 (the en dash of a date span)


def test_matrix_of_two_series_in_date_order(db: Path) -> None:
    # version 1: --series given twice kept the last one, and showed only the G7
    assert out(db, "matrix", *BOTH) == MATRIX


def test_the_legend_names_only_the_marks_that_appear(db: Path) -> None:
    assert out(db, "matrix", "--series", "G7") == (
        "G7 · 2 summits · 2024-06-13 – 2025-06-17\n"  # noqa: RUF001
        "\n"
        "party  name           g7-2024  g7-2025\n"
        "IND    India          leader   leader\n"
        "USA    United States  leader   leader (left early)\n"
        "\n"
        "levels        leader: the level of the best attendance, most senior first\n"
        "(left early)  left before the summit ended; ranks below staying to the end in the same"
        " mode\n"
    )


def test_matrix_role_keeps_the_parties_invited_so(db: Path) -> None:
    text = out(db, "matrix", *BOTH, "--role", "guest")
    assert [line.split()[0] for line in text.splitlines()[3:4]] == ["IND"]
    assert text.splitlines()[4] == ""
    both = out(db, "matrix", *BOTH, "--role", "guest", "--role", "member", "--format", "csv")
    assert [row.split(",")[0] for row in both.splitlines()[1:]] == [
        "ARE",
        "CHN",
        "IND",
        "RUS",
        "USA",
    ]


def test_matrix_csv_stays_wide_with_plain_words(db: Path) -> None:
    assert out(db, "matrix", *BOTH, "--format", "csv") == (
        "party,g7-2024,brics-2024,g7-2025,brics-2025,brics-2026\n"
        "ARE,,leader,,invited,\n"
        "CHN,,leader,,leader,\n"
        "IND,leader,leader,leader,leader,\n"
        "RUS,,leader,,leader (video),\n"
        "USA,leader,,leader (left early),,\n"
    )


def test_matrix_long_rows(db: Path) -> None:
    text = out(db, "matrix", "--series", "BRICS", "--long", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert text.splitlines()[0] == (
        "party,party_name,summit,summit_name,series,start,start_earliest,start_latest,role,cell,"
        "level,mode,left_early,stand_in,person,by"
    )
    assert len(rows) == 4 * 3  # every party and summit
    assert rows[4] == {
        "party": "CHN",
        "party_name": "China",
        "summit": "brics-2025",
        "summit_name": "BRICS Summit 2025",
        "series": "BRICS",
        "start": "2025-07-06",
        "start_earliest": "2025-07-06",
        "start_latest": "2025-07-06",
        "role": "member",
        "cell": "leader",
        "level": "leader",
        "mode": "in-person",
        "left_early": "false",
        "stand_in": "true",
        "person": "",
        "by": "Li Qiang",
    }
    assert [row["cell"] for row in rows if row["party"] == "RUS"] == [
        "leader",
        "leader (video)",
        "",
    ]
    as_json = json.loads(out(db, "matrix", "--series", "BRICS", "--long", "--format", "json"))
    assert as_json[4]["stand_in"] is True and as_json[4]["left_early"] is False
    assert [list(row) for row in as_json] == [list(rows[0])] * len(rows)


def test_matrix_long_for_people_is_a_table_of_the_same_rows(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    lines = out(db, "matrix", "--series", "G7", "--long").splitlines()
    header = "party party_name summit summit_name series start role cell level mode left_early"
    assert lines[0].split() == f"{header} stand_in person by".split(" ")
    usa_2025 = "USA United States g7-2025 G7 Summit 2025 G7 2025-06-15 member leader (left early)"
    assert lines[4].split() == f"{usa_2025} leader in-person true false donald-trump Trump".split(
        " "
    )


def test_the_same_series_twice_is_one(db: Path) -> None:
    assert out(db, "matrix", "--series", "G7", "--series", "g7") == out(
        db, "matrix", "--series", "G7"
    )


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["matrix"], 1, "there are 2 series (BRICS, G7); choose one with --series"),
        (["stats"], 1, "there are 2 series (BRICS, G7); choose one with --series"),
        (["changes", "--series", "G7", "--series", "G20"], 1, "no summits in series 'G20'"),
        (["matrix", "--role", "king", "--series", "G7"], 2, "Invalid value for '--role'"),
        (["stats", "--series", "G7", "--party", "Narnia"], 1, "'Narnia' is not a known country"),
        (["matrix", "--series", "G7", "--long", "--svg", "x.svg", "--format", "csv"], 2, ""),
    ],
)
def test_refusals(db: Path, args: list[str], code: int, message: str) -> None:
    before = db.read_bytes()
    said = assert_refused(invoke(db, *args), before, db, code)
    assert message in said


CHANGES = """\
party          summit      change and why
CHN            brics-2025  † stand-in  leader → leader  (previous: brics-2024)
China                      ✕ declined 2025-07 President Xi [Xi Jinping] (leader): a scheduling
                           conflict
                           ● attended 2025-07-06 Li Qiang (leader)

RUS            brics-2025  ▼ down  leader → leader (video)  (previous: brics-2024)
Russia                     no declined, cancelled, absent or left-early event recorded

USA            g7-2025     ▼ down  leader → leader (left early)  (previous: g7-2024)
United States              ◐ left-early 2025-06-16 Donald Trump: the situation in the Middle East

unknown (nothing recorded says whether they came), not compared: ARE at brics-2025
"""


def test_changes_across_two_series(db: Path) -> None:
    # version 1: no change for China, Russia or the US (all "leader"), and, once the
    # UAE was invited to 2025, "ARE brics-2025 down leader -> none"
    assert out(db, "changes", *BOTH) == CHANGES


def test_changes_csv_leaves_the_unknown_out(db: Path) -> None:
    assert out(db, "changes", *BOTH, "--format", "csv") == (
        "party,party_name,summit,previous,from,to,direction,reasons\n"
        "CHN,China,brics-2025,brics-2024,leader,leader,stand-in,"
        "declined 2025-07 Xi Jinping: a scheduling conflict\n"
        "RUS,Russia,brics-2025,brics-2024,leader,leader (video),down,\n"
        "USA,United States,g7-2025,g7-2024,leader,leader (left early),down,"
        "left-early 2025-06-16 Donald Trump: the situation in the Middle East\n"
    )


def test_changes_of_a_guest_compare_within_each_series(db: Path) -> None:
    assert out(db, "changes", *BOTH, "--party", "India") == "no changes in representation\n"
    assert out(db, "changes", *BOTH, "--party", "ARE") == (
        "no changes in representation\n"
        "\n"
        "unknown (nothing recorded says whether they came), not compared: ARE at brics-2025\n"
    )


STATS_CSV = """\
party,party_name,invited,known,attended,leader,leader_in_person,video,left_early,stand_in,withdrew,leader_rate,streak
ARE,United Arab Emirates,2,1,1,1,1,0,0,0,0,1.00,1
CHN,China,2,2,2,2,2,0,0,1,1,1.00,2
IND,India,4,4,4,4,4,0,0,0,0,1.00,4
RUS,Russia,2,2,2,2,1,1,0,0,0,1.00,0
USA,United States,2,2,2,2,2,0,1,0,0,1.00,2
all,,12,11,11,11,10,1,1,1,1,1.00,
"""

STATS = """\
                                        in        left stand- with-
party invited known attended leader person video early     in  drew rate streak levels name
ARE         2     1        1      1      1     0     0      0     0 1.00      1  █ ·   United Arab
                                                                                       Emirates
CHN         2     2        2      2      2     0     0      1     1 1.00      2  █ █   China
IND         4     4        4      4      4     0     0      0     0 1.00      4 ████   India
RUS         2     2        2      2      1     1     0      0     0 1.00      0  █ ▇   Russia
USA         2     2        2      2      2     0     1      0     0 1.00      2 █ █    United States
all        12    11       11     11     10     1     1      1     1 1.00

levels, summit by summit in date order: █ leader in person, ▇ leader by video or message, · unknown;
blank: neither invited nor recorded, or not held
"""


def test_stats_csv_and_table(db: Path) -> None:
    assert out(db, "stats", *BOTH, "--format", "csv") == STATS_CSV
    assert out(db, "stats", *BOTH) == STATS


def test_stats_json_has_numbers_and_one_party(db: Path) -> None:
    rows = json.loads(out(db, "stats", *BOTH, "--party", "Russia", "--format", "json"))
    assert rows == [
        {
            "party": "RUS",
            "party_name": "Russia",
            "invited": 2,
            "known": 2,
            "attended": 2,
            "leader": 2,
            "leader_in_person": 1,
            "video": 1,
            "left_early": 0,
            "stand_in": 0,
            "withdrew": 0,
            "leader_rate": 1.0,
            "streak": 0,
        },
        {**rows[0], "party": "all", "party_name": "", "streak": None},
    ]
