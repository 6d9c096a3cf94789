"""The NATO 2022-2025 story, built through the CLI, for the view tests.

Facts from /work/shared/facts/nato-ip4.md. ``recorded`` timestamps come from a
counter so events on the same day keep the order in which they were logged.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from click.testing import CliRunner

from summits import dates
from summits.cli import cli

HERALD = "http://news.koreaherald.com/view.php?ud=20240710050746"
VILNIUS = (
    "https://www.aa.com.tr/en/world/"
    "leaders-of-natos-4-asia-pacific-partners-arrive-in-vilnius-for-summit/2942474"
)
STAR = (
    "https://www.thestar.com.my/news/world/2025/06/23/"
    "japan-prime-minister-ishiba-to-skip-nato-summit-source-says"
)
JOONGANG_22 = (
    "https://koreajoongangdaily.joins.com/news/2025-06-22/national/diplomacy/"
    "President-Lee-Jae-Myung-to-skip-NATO-summit-as-Middle-East-tensions-escalate-/2335743"
)
JOONGANG_23 = (
    "https://koreajoongangdaily.joins.com/news/2025-06-23/national/diplomacy/"
    "President-to-skip-NATO-summit-manage-economy-at-home-amid-Middle-East-tensions/2336665"
)
FDD = "FDD policy brief, 'Japan, South Korea Abruptly Pull Out of NATO Summit', 25 June 2025"
MOFA = "https://www.mofa.go.jp/erp/ep/pageite_000001_01073.html"
PERTHNOW = (
    "https://www.perthnow.com.au/news/"
    "anthony-albanese-to-send-defence-minister-richard-marles-to-nato-summit-in-his-absence"
    "-c-15223889"
)
TELEGRAPH = (
    "https://www.soundtelegraph.com.au/politics/federal-politics/"
    "richard-marles-will-represent-australia-at-nato-meeting-after-anthony-albanese-confirms"
    "-he-wont-attend-c-19099320"
)
LUXON = (
    "https://www.1news.co.nz/2025/06/26/"
    "luxon-meets-zelensky-after-nato-pledges-big-hike-in-defence-spending/"
)
JAPAN_REASON = (
    "various circumstances (Foreign Ministry); a NATO-Indo-Pacific leaders' meeting and a "
    "meeting with President Trump both looked unlikely (Fuji TV)"
)
KOREA_REASON = (
    "domestic affairs after his inauguration; uncertainties from the situation in the "
    "Middle East after US strikes on Iran"
)

SUMMITS = [
    ["nato-2022", "NATO Summit 2022", "Madrid, Spain", "2022-06-29", "2022-06-30"],
    ["nato-2023", "NATO Summit 2023", "Vilnius, Lithuania", "2023-07-11", "2023-07-12"],
    [
        "nato-2024",
        "NATO Summit 2024",
        "Washington, D.C., United States",
        "2024-07-09",
        "2024-07-11",
    ],
    ["nato-2025", "NATO Summit 2025", "The Hague, Netherlands", "2025-06-24", "2025-06-25"],
]


def event(summit: str, party: str, kind: str, date: str, by: str, level: str, *more: str):
    """The arguments of one ``summits log``."""
    return [summit, party, kind, "--date", date, "--by", by, "--level", level, *more]


LEADERS_2022 = [
    ("JPN", "Fumio Kishida"),
    ("KOR", "Yoon Suk Yeol"),
    ("AUS", "Anthony Albanese"),
    ("NZL", "Jacinda Ardern"),
]
LEADERS_2023 = [*LEADERS_2022[:3], ("NZL", "Chris Hipkins")]
KOREA_NAMED = "named to attend in the President's place"

EVENTS: list[list[str]] = [
    *(event("nato-2022", p, "attended", "2022-06-29", by, "leader") for p, by in LEADERS_2022),
    *(
        event("nato-2023", p, "attended", "2023-07-12", by, "leader", "--source", VILNIUS)
        for p, by in LEADERS_2023
    ),
    event(
        "nato-2024",
        "AUS",
        "declined",
        "2024-07",
        "Anthony Albanese",
        "leader",
        "--source",
        PERTHNOW,
        "--note",
        "announced by 2 July 2024",
    ),
    event("nato-2024", "JPN", "attended", "2024-07-11", "Fumio Kishida", "leader"),
    event(
        "nato-2024", "KOR", "attended", "2024-07-11", "Yoon Suk Yeol", "leader", "--source", HERALD
    ),
    event("nato-2024", "NZL", "attended", "2024-07-11", "Christopher Luxon", "leader"),
    event(
        "nato-2024",
        "AUS",
        "attended",
        "2024-07-11",
        "Richard Marles",
        "deputy-leader",
        "--source",
        PERTHNOW,
    ),
    event(
        "nato-2025",
        "AUS",
        "declined",
        "2025-06",
        "Anthony Albanese",
        "leader",
        "--source",
        TELEGRAPH,
    ),
    event(
        "nato-2025",
        "JPN",
        "confirmed",
        "2025-06-20",
        "Shigeru Ishiba",
        "leader",
        "--note",
        "announced about 20 June",
    ),
    event(
        "nato-2025",
        "KOR",
        "cancelled",
        "2025-06-22",
        "Lee Jae-myung",
        "leader",
        "--reason",
        KOREA_REASON,
        "--source",
        JOONGANG_22,
        "--source",
        FDD,
    ),
    event(
        "nato-2025",
        "JPN",
        "cancelled",
        "2025-06-23",
        "Shigeru Ishiba",
        "leader",
        "--reason",
        JAPAN_REASON,
        "--source",
        STAR,
        "--source",
        FDD,
    ),
    event(
        "nato-2025",
        "KOR",
        "confirmed",
        "2025-06-23",
        "Wi Sung-lac",
        "senior-official",
        "--reason",
        KOREA_NAMED,
        "--source",
        JOONGANG_23,
    ),
    event(
        "nato-2025",
        "JPN",
        "attended",
        "2025-06-24",
        "Takeshi Iwaya",
        "minister",
        "--note",
        "met Secretary General Rutte",
        "--source",
        MOFA,
    ),
    event("nato-2025", "KOR", "attended", "2025-06-24", "Wi Sung-lac", "senior-official"),
    event(
        "nato-2025",
        "AUS",
        "attended",
        "2025-06-24",
        "Richard Marles",
        "deputy-leader",
        "--source",
        TELEGRAPH,
    ),
    event(
        "nato-2025",
        "NZL",
        "attended",
        "2025-06-25",
        "Christopher Luxon",
        "leader",
        "--source",
        LUXON,
    ),
]


def run(db: Path, *args: str, **kwargs: object):
    """Invoke the CLI on ``db`` and return the result (not checked)."""
    return CliRunner().invoke(cli, ["--db", str(db), *args], **kwargs)


def ok(db: Path, *args: str) -> str:
    result = run(db, *args)
    assert result.exit_code == 0, (args, result.output)
    return result.output


def build_nato(db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Record the whole story in ``db`` through the commands a researcher would type."""
    clock = (f"2026-01-01T00:{n // 60:02d}:{n % 60:02d}Z" for n in itertools.count())
    monkeypatch.setattr(dates, "utc_now", lambda: next(clock))
    ok(db, "init")
    ok(db, "party", "add", "EU", "--name", "European Union")
    for summit_id, name, host, start, end in SUMMITS:
        ok(
            db,
            "summit",
            "add",
            summit_id,
            "--name",
            name,
            "--series",
            "NATO",
            "--host",
            host,
            "--start",
            start,
            "--end",
            end,
        )
        ok(db, "invite", summit_id, "Japan", "South Korea", "Australia", "New Zealand")
        ok(db, "invite", summit_id, "EU", "--role", "guest")
    for args in EVENTS:
        ok(db, "log", *args)
    return db
