"""The views through the CLI: timeline, matrix, changes, summit show, pictures, completion.

The database holds the NATO 2022-2025 story, typed in through the commands
(tests/views_helpers.py). Tables are checked as exact plain text at 100 columns.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.shell_completion import ShellComplete

from summits.cli import cli
from views_helpers import build_nato, run


@pytest.fixture(scope="module")
def nato(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Built once for the module; the tests only read it."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        yield build_nato(tmp_path_factory.mktemp("views") / "nato.json", monkeypatch)


@pytest.fixture(autouse=True)
def _width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)


def out(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, result.output
    return result.output


TIMELINE_2025 = """\
NATO Summit 2025  (nato-2025)
The Hague, Netherlands · 2025-06-24 – 2025-06-25 · series NATO

2025-06       ✕ declined    AUS Australia · Anthony Albanese (leader)
                            source: https://www.soundtelegraph.com.au/politics/federal-politics/richard-marles-will-represent-australia-at-nato-meeting-after-anthony-albanese-confirms-he-wont-attend-c-19099320

2025-06-20    ○ confirmed   JPN Japan · Shigeru Ishiba (leader)
                            note: announced about 20 June

2025-06-22    ⊘ cancelled   KOR South Korea · Lee Jae-myung (leader)
                            domestic affairs after his inauguration; uncertainties from the
                            situation in the Middle East after US strikes on Iran
                            source: https://koreajoongangdaily.joins.com/news/2025-06-22/national/diplomacy/President-Lee-Jae-Myung-to-skip-NATO-summit-as-Middle-East-tensions-escalate-/2335743
                            source: FDD policy brief, 'Japan, South Korea Abruptly Pull Out of NATO
                                    Summit', 25 June 2025

2025-06-23    ⊘ cancelled   JPN Japan · Shigeru Ishiba (leader)
                            various circumstances (Foreign Ministry); a NATO-Indo-Pacific leaders'
                            meeting and a meeting with President Trump both looked unlikely (Fuji
                            TV)
                            source: https://www.thestar.com.my/news/world/2025/06/23/japan-prime-minister-ishiba-to-skip-nato-summit-source-says
                            source: FDD policy brief, 'Japan, South Korea Abruptly Pull Out of NATO
                                    Summit', 25 June 2025
              ○ confirmed   KOR South Korea · Wi Sung-lac (senior-official)
                            named to attend in the President's place
                            source: https://koreajoongangdaily.joins.com/news/2025-06-23/national/diplomacy/President-to-skip-NATO-summit-manage-economy-at-home-amid-Middle-East-tensions/2336665

2025-06-24    ● attended    JPN Japan · Takeshi Iwaya (minister)
summit day 1                note: met Secretary General Rutte
                            source: https://www.mofa.go.jp/erp/ep/pageite_000001_01073.html
              ● attended    KOR South Korea · Wi Sung-lac (senior-official)
              ● attended    AUS Australia · Richard Marles (deputy-leader)
                            source: https://www.soundtelegraph.com.au/politics/federal-politics/richard-marles-will-represent-australia-at-nato-meeting-after-anthony-albanese-confirms-he-wont-attend-c-19099320

2025-06-25    ● attended    NZL New Zealand · Christopher Luxon (leader)
summit day 2
                            source: https://www.1news.co.nz/2025/06/26/luxon-meets-zelensky-after-nato-pledges-big-hike-in-defence-spending/
"""  # noqa: RUF001 (the en dash of a date span)

MATRIX = """\
NATO · 4 summits · 2022-06-29 – 2025-06-25

party  name            nato-2022  nato-2023  nato-2024        nato-2025
AUS    Australia       leader     leader     deputy-leader †  deputy-leader †
EU     European Union  invited    invited    invited          invited
JPN    Japan           leader     leader     leader           minister †
KOR    South Korea     leader     leader     leader           senior-official †
NZL    New Zealand     leader     leader     leader           leader

levels   leader, deputy-leader, minister, senior-official: the level of the best attendance, most
         senior first
†        a stand-in: someone of the party cancelled or declined (or was stood in for), and a
         different person went
invited  invited, nothing more recorded
"""  # noqa: RUF001 (the en dash of a date span)

CHANGES = """\
party        summit     change and why
AUS          nato-2024  ▼ down  leader → deputy-leader  (previous: nato-2023)
Australia               ✕ declined 2024-07 Anthony Albanese (leader)
                        ● attended 2024-07-11 Richard Marles (deputy-leader)
             nato-2025  † stand-in  deputy-leader → deputy-leader  (previous: nato-2024)
                        ✕ declined 2025-06 Anthony Albanese (leader)
                        ● attended 2025-06-24 Richard Marles (deputy-leader)

JPN          nato-2025  ▼ down  leader → minister  (previous: nato-2024)
Japan                   ⊘ cancelled 2025-06-23 Shigeru Ishiba (leader): various circumstances
                        (Foreign Ministry); a NATO-Indo-Pacific leaders' meeting and a meeting with
                        President Trump both looked unlikely (Fuji TV)
                        ● attended 2025-06-24 Takeshi Iwaya (minister)

KOR          nato-2025  ▼ down  leader → senior-official  (previous: nato-2024)
South Korea             ⊘ cancelled 2025-06-22 Lee Jae-myung (leader): domestic affairs after his
                        inauguration; uncertainties from the situation in the Middle East after US
                        strikes on Iran
                        ● attended 2025-06-24 Wi Sung-lac (senior-official)

unknown (nothing recorded says whether they came), not compared: EU at nato-2022, nato-2023,
nato-2024, nato-2025
"""

MATRIX_CSV = """\
party,nato-2022,nato-2023,nato-2024,nato-2025
AUS,leader,leader,deputy-leader,deputy-leader
EU,invited,invited,invited,invited
JPN,leader,leader,leader,minister
KOR,leader,leader,leader,senior-official
NZL,leader,leader,leader,leader
"""

JAPAN_REASON = (
    "various circumstances (Foreign Ministry); a NATO-Indo-Pacific leaders' meeting and a "
    "meeting with President Trump both looked unlikely (Fuji TV)"
)
KOREA_REASON = (
    "domestic affairs after his inauguration; uncertainties from the situation in the "
    "Middle East after US strikes on Iran"
)
CHANGES_CSV = f"""\
party,party_name,summit,previous,from,to,direction,reasons
AUS,Australia,nato-2024,nato-2023,leader,deputy-leader,down,declined 2024-07 Anthony Albanese
AUS,Australia,nato-2025,nato-2024,deputy-leader,deputy-leader,stand-in,declined 2025-06 Anthony Albanese
JPN,Japan,nato-2025,nato-2024,leader,minister,down,cancelled 2025-06-23 Shigeru Ishiba: {JAPAN_REASON}
KOR,South Korea,nato-2025,nato-2024,leader,senior-official,down,cancelled 2025-06-22 Lee Jae-myung: {KOREA_REASON}
"""  # noqa: E501 (one CSV row a line)
STATS_CSV = """\
party,party_name,invited,known,attended,leader,leader_in_person,video,left_early,stand_in,withdrew,leader_rate,streak
AUS,Australia,4,4,4,2,2,0,0,2,2,0.50,0
EU,European Union,4,0,0,0,0,0,0,0,0,,0
JPN,Japan,4,4,4,3,3,0,0,1,1,0.75,0
KOR,South Korea,4,4,4,3,3,0,0,1,1,0.75,0
NZL,New Zealand,4,4,4,4,4,0,0,0,0,1.00,4
all,,20,16,16,12,12,0,0,4,4,0.75,
"""
STATS = """\
                                        in        left stand- with-
party invited known attended leader person video early     in  drew rate streak levels name
AUS         4     4        4      2      2     0     0      2     2 0.50      0 ██▆▆   Australia
EU          4     0        0      0      0     0     0      0     0           0 ····   European
                                                                                       Union
JPN         4     4        4      3      3     0     0      1     1 0.75      0 ███▅   Japan
KOR         4     4        4      3      3     0     0      1     1 0.75      0 ███▄   South Korea
NZL         4     4        4      4      4     0     0      0     0 1.00      4 ████   New Zealand
all        20    16       16     12     12     0     0      4     4 0.75

levels, summit by summit in date order: █ leader in person, ▆ deputy-leader, ▅ minister, ▄
senior-official, · unknown
"""


# -- timeline ------------------------------------------------------------------------


def test_timeline_of_the_hague_reads_as_a_chronology(nato: Path) -> None:
    assert out(nato, "timeline", "nato-2025") == TIMELINE_2025


def test_timeline_on_a_pipe_is_plain_text(nato: Path) -> None:
    text = out(nato, "timeline", "--series", "NATO")
    assert "\x1b" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_timeline_wraps_to_the_width_and_cuts_nothing(
    nato: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    text = out(nato, "timeline", "nato-2025")
    # Every line fits but a source's: a URL overflows whole rather than being folded.
    assert max(len(line) for line in text.splitlines() if "source: " not in line) <= 60
    assert "\u2026" not in text
    flat = "".join(text.split())
    for words in (JAPAN_REASON, KOREA_REASON):
        assert "".join(words.split()) in flat


def test_timeline_of_a_party_across_the_series(nato: Path) -> None:
    text = out(nato, "timeline", "--series", "nato", "--party", "South Korea", "--until", "2023")
    assert text == (
        "NATO Summit 2022  (nato-2022)\n"
        "Madrid, Spain \u00b7 2022-06-29 \u2013 2022-06-30 \u00b7 series NATO\n"
        "\n"
        "2022-06-29    \u25cf attended    KOR South Korea \u00b7 Yoon Suk Yeol (leader)\n"
        "summit day 1\n"
        "\n"
        "NATO Summit 2023  (nato-2023)\n"
        "Vilnius, Lithuania \u00b7 2023-07-11 \u2013 2023-07-12 \u00b7 series NATO\n"
        "\n"
        "2023-07-12    \u25cf attended    KOR South Korea \u00b7 Yoon Suk Yeol (leader)\n"
        "summit day 2\n"
        "                            source: https://www.aa.com.tr/en/world/leaders-of-natos-4-asia-"
        "pacific-partners-arrive-in-vilnius-for-summit/2942474\n"
    )


def test_timeline_since_keeps_a_month_that_overlaps(nato: Path) -> None:
    text = out(nato, "timeline", "nato-2025", "--since", "2025-06-15", "--until", "2025-06-20")
    dated = [line.split()[0] for line in text.splitlines()[3:] if line[:1].isdigit()]
    assert dated == ["2025-06", "2025-06-20"]


def test_timeline_of_a_summit_with_nothing_matching_still_names_it(nato: Path) -> None:
    assert out(nato, "timeline", "nato-2022", "--party", "EU") == (
        "NATO Summit 2022  (nato-2022)\n"
        "Madrid, Spain \u00b7 2022-06-29 \u2013 2022-06-30 \u00b7 series NATO\n"
        "\n"
        "no events\n"
    )
    assert out(nato, "timeline", "--party", "EU") == "no events match\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nato-2026"], "Error: no summit 'nato-2026'; did you mean nato-2025 or nato-2024 or "),
        (["nato-2025", "--series", "G7"], "Error: summit 'nato-2025' is not in series 'G7'\n"),
        (["--series", "G7"], "Error: no summits in series 'G7' (series: NATO)\n"),
        (["--party", "Korea"], "Error: 'Korea' could mean more than one party: KOR (South"),
        (["--since", "06/07/2025"], "Error: --since: '06/07/2025' reads two ways"),
    ],
)
def test_timeline_refusals(nato: Path, args: list[str], message: str) -> None:
    result = run(nato, "timeline", *args)
    assert result.exit_code == 1
    assert result.output.startswith(message)


# -- matrix --------------------------------------------------------------------------


def test_matrix_shows_the_shift_at_a_glance(nato: Path) -> None:
    assert out(nato, "matrix", "--series", "NATO") == MATRIX


def test_matrix_takes_the_only_series(nato: Path) -> None:
    assert out(nato, "matrix") == MATRIX


def test_matrix_csv(nato: Path) -> None:
    assert out(nato, "matrix", "--series", "NATO", "--format", "csv") == MATRIX_CSV


def test_matrix_json_and_jsonl_carry_the_csv_columns(nato: Path) -> None:
    rows = json.loads(out(nato, "matrix", "--format", "json"))
    assert rows[2] == {
        "party": "JPN",
        "nato-2022": "leader",
        "nato-2023": "leader",
        "nato-2024": "leader",
        "nato-2025": "minister",
    }
    lines = out(nato, "matrix", "--format", "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == rows
    assert list(rows[0]) == MATRIX_CSV.splitlines()[0].split(",")


def test_matrix_refuses_to_guess_among_several_series(tmp_path: Path) -> None:
    db = tmp_path / "two.json"
    assert run(db, "init").exit_code == 0
    for summit_id, series in (("g7-2025", "G7"), ("nato-2025", "NATO")):
        args = ["summit", "add", summit_id, "--name", summit_id, "--start", "2025-06-24"]
        assert run(db, *args, "--series", series).exit_code == 0
    before = db.read_bytes()
    result = run(db, "matrix")
    assert result.exit_code == 1
    assert result.output == "Error: there are 2 series (G7, NATO); choose one with --series\n"
    assert db.read_bytes() == before


def test_matrix_pictures_need_the_table(nato: Path, tmp_path: Path) -> None:
    result = run(nato, "matrix", "--format", "csv", "--svg", str(tmp_path / "m.svg"))
    assert result.exit_code == 2
    assert "--svg and --html save the table" in result.output
    assert not (tmp_path / "m.svg").exists()


# -- changes -------------------------------------------------------------------------


def test_changes_table(nato: Path) -> None:
    assert out(nato, "changes", "--series", "NATO") == CHANGES


def test_changes_csv(nato: Path) -> None:
    assert out(nato, "changes", "--series", "NATO", "--format", "csv") == CHANGES_CSV


def test_changes_json_for_one_party(nato: Path) -> None:
    rows = json.loads(out(nato, "changes", "--party", "Japan", "--format", "json"))
    assert rows == [
        {
            "party": "JPN",
            "party_name": "Japan",
            "summit": "nato-2025",
            "previous": "nato-2024",
            "from": "leader",
            "to": "minister",
            "direction": "down",
            "reasons": [f"cancelled 2025-06-23 Shigeru Ishiba: {JAPAN_REASON}"],
        }
    ]


def test_changes_for_a_steady_party(nato: Path) -> None:
    assert out(nato, "changes", "--party", "NZ") == "no changes in representation\n"
    assert out(nato, "changes", "--party", "NZ", "--format", "csv") == (
        "party,party_name,summit,previous,from,to,direction,reasons\n"
    )


def test_changes_refuses_an_unknown_party(nato: Path) -> None:
    result = run(nato, "changes", "--party", "Narnia")
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'Narnia' is not a known country")


def test_changes_refuses_a_format_outside_the_list(nato: Path) -> None:
    result = run(nato, "changes", "--format", "xml")
    assert result.exit_code == 2


# -- summit show -----------------------------------------------------------------------


def test_summit_show_has_details_invitations_and_timeline(nato: Path) -> None:
    text = out(nato, "summit", "show", "nato-2025")
    head, timeline = text.split("Timeline\n")
    assert head == (
        "NATO Summit 2025  (nato-2025)\n"
        "  series  NATO\n"
        "    host  The Hague, Netherlands\n"
        "   dates  2025-06-24 \u2013 2025-06-25\n"
        "\n"
        "Invitations\n"
        "party name           role    invited\n"
        "AUS   Australia      partner\n"
        "EU    European Union guest\n"
        "JPN   Japan          partner\n"
        "KOR   South Korea    partner\n"
        "NZL   New Zealand    partner\n"
        "\n"
    )
    assert timeline == TIMELINE_2025.split("series NATO\n\n", 1)[1]


# -- pictures --------------------------------------------------------------------------


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _flat(text: str) -> str:
    """Text without any whitespace: pictures lay out spaces their own way."""
    return re.sub(r"\s+", "", text.replace("\xa0", " "))


@pytest.mark.parametrize(
    "args",
    [["timeline", "nato-2025"], ["matrix", "--series", "NATO"], ["summit", "show", "nato-2024"]],
)
def test_pictures_hold_exactly_what_was_printed(nato: Path, tmp_path: Path, args) -> None:
    svg, page = tmp_path / "view.svg", tmp_path / "view.html"
    printed = out(nato, *args, "--svg", str(svg), "--html", str(page))
    assert printed == out(nato, *args)  # saving pictures changes nothing printed
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    svg_text = "".join(el.text or "" for el in root.iter("{http://www.w3.org/2000/svg}text"))
    assert _flat(printed) in _flat(svg_text)
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")
    assert _flat(printed) in _flat(html.unescape("".join(parser.parts)))


def test_a_refused_picture_path_is_one_error_line(nato: Path, tmp_path: Path) -> None:
    result = run(nato, "timeline", "nato-2025", "--svg", str(tmp_path / "no" / "such" / "x.svg"))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")  # refused before anything is printed
    assert len(result.output.splitlines()) == 1


# -- shell completion --------------------------------------------------------------------


def _complete(db: Path, args: list[str], incomplete: str) -> list[str]:
    shell = ShellComplete(cli, {}, "summits", "_SUMMITS_COMPLETE")
    return [item.value for item in shell.get_completions(["--db", str(db), *args], incomplete)]


def test_completion_of_summit_ids_and_party_codes(nato: Path) -> None:
    assert _complete(nato, ["timeline"], "nato-202") == [
        "nato-2022",
        "nato-2023",
        "nato-2024",
        "nato-2025",
    ]
    assert _complete(nato, ["summit", "show"], "nato-2025") == ["nato-2025"]
    codes = _complete(nato, ["changes", "--party"], "k")
    assert "KOR" in codes and "JPN" not in codes
    assert "EU" in _complete(nato, ["timeline", "--party"], "E")


def test_completion_through_the_shell_protocol(nato: Path) -> None:
    env = {
        **os.environ,
        "_SUMMITS_COMPLETE": "bash_complete",
        "COMP_WORDS": f"summits --db {nato} timeline nato-2",
        "COMP_CWORD": "4",
    }
    script = "from summits.cli import main; main()"
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [f"plain,nato-{year}" for year in range(2022, 2026)]
