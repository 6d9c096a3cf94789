"""Build the bundled dataset: NATO summits 2022-2025 and the Indo-Pacific Four.

The facts come from ``nato-ip4.md`` (the project's fact sheet), each with the
published source named beside it; where a source's own wording was available
it is quoted, and a field the sources do not establish is left empty.

The data goes in through the tool's own library layer (``store.create``, then
``db.add_summit`` / ``add_party`` / ``invite`` / ``log`` inside
``store.writing``), so it is checked by the same rules as anything a user
records, and stays valid when the schema changes. Event ids are derived from
summit + party + kind + date and every event carries the same fixed
``recorded`` time, so a rebuild is byte-for-byte identical.

Dates: an attendance is dated on the day the sources give (a meeting, or the
day partners met Allies); otherwise on the summit's first day. An
announcement is dated on its day, or on its month when the day is not known.

Usage:
    python scripts/build_dataset.py          write data/summits.json and src/summits/sample.json
    python scripts/build_dataset.py --check  exit 1 if either committed file differs from a build
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summits import storage, store

ROOT = Path(__file__).resolve().parents[1]
OUTPUTS = (ROOT / "data" / "summits.json", ROOT / "src" / "summits" / "sample.json")
RECORDED = "2026-11-28T00:00:00Z"  # fixed, so rebuilds do not change the file
IP4 = ("JPN", "KOR", "AUS", "NZL")

# -- sources ---------------------------------------------------------------------

FDD = (
    'Foundation for Defense of Democracies, "Japan, South Korea Abruptly Pull Out of '
    'NATO Summit", policy brief, 25 June 2025'
)
NATO_2022 = "https://www.nato.int/cps/en/natohq/news_197287.htm"
EUROSD_2024 = "https://euro-sd.com/2024/07/major-news/39303/nato-75th-anniversary-summit"
HME_2022 = "https://www.hmeonlineglobal.com/General/4240.html"
SBS_2022 = (
    "https://www.sbs.com.au/news/article/why-anthony-albanese-is-attending-the-nato-"
    "leaders-summit-when-australias-not-a-member/ujvypuysh"
)
ONENEWS_2022 = "https://www.1news.co.nz/2022/06/30/ukraine-war-must-not-fuel-arms-race-ardern-tells-nato-leaders/"
AA_2023 = (
    "https://www.aa.com.tr/en/world/leaders-of-natos-4-asia-pacific-partners-arrive-in-"
    "vilnius-for-summit/2942474"
)
NIPPON_2024 = (
    "https://www.nippon.com/en/news/yjj2024071000666/japan's-kishida-leaves-for-u-s-to-"
    "bolster-ties-with-nato.html"
)
KHERALD_2024 = "http://news.koreaherald.com/view.php?ud=20240710050746"
NEWSTALKZB_2024 = (
    "https://www.newstalkzb.co.nz/news/politics/pm-christopher-luxon-to-meet-us-politicians-"
    "nato-leaders-in-washington-dc-as-fallout-from-president-joe-biden-v-donald-trump-continues/"
)
PERTHNOW_2024 = (
    "https://www.perthnow.com.au/news/anthony-albanese-to-send-defence-minister-richard-"
    "marles-to-nato-summit-in-his-absence-c-15223889"
)
STAR_2025 = (
    "https://www.thestar.com.my/news/world/2025/06/23/japan-prime-minister-ishiba-to-skip-"
    "nato-summit-source-says"
)
MOFA_2025 = "https://www.mofa.go.jp/erp/ep/pageite_000001_01073.html"
JOONGANG_0622 = (
    "https://koreajoongangdaily.joins.com/news/2025-06-22/national/diplomacy/President-Lee-"
    "Jae-Myung-to-skip-NATO-summit-as-Middle-East-tensions-escalate-/2335743"
)
JOONGANG_0623 = (
    "https://koreajoongangdaily.joins.com/news/2025-06-23/national/diplomacy/President-to-"
    "skip-NATO-summit-manage-economy-at-home-amid-Middle-East-tensions/2336665"
)
AJU_2025 = "https://www.ajupress.com/view/20250626114154413"
SOUNDTEL_2025 = (
    "https://www.soundtelegraph.com.au/politics/federal-politics/richard-marles-will-"
    "represent-australia-at-nato-meeting-after-anthony-albanese-confirms-he-wont-attend-"
    "c-19099320"
)
ONENEWS_2025 = (
    "https://www.1news.co.nz/2025/06/26/luxon-meets-zelensky-after-nato-pledges-big-hike-"
    "in-defence-spending/"
)
FRIDAYOL_2025 = (
    "https://fridayol.com/en-IE/news/Japan-Cancels-Key-Security-Talks-with-US-Amid-"
    "Defence-Spending-Dispute/26282?source=def"
)

# -- summits and invitations -----------------------------------------------------

SUMMITS: tuple[dict[str, object], ...] = (
    {
        "id": "nato-2022",
        "name": "NATO Summit 2022",
        "series": "NATO",
        "host": "Madrid, Spain",
        "start": "2022-06-29",
        "end": "2022-06-30",
        "notes": "Leaders' dinner on 28 June. First summit with the four Indo-Pacific partners.",
        "sources": [NATO_2022],
    },
    {
        "id": "nato-2023",
        "name": "NATO Summit 2023",
        "series": "NATO",
        "host": "Vilnius, Lithuania",
        "start": "2023-07-11",
        "end": "2023-07-12",
        "notes": "Partners met Allies on 12 July.",
        "sources": [AA_2023],
    },
    {
        "id": "nato-2024",
        "name": "NATO Summit 2024",
        "series": "NATO",
        "host": "Washington, D.C., United States",
        "start": "2024-07-09",
        "end": "2024-07-11",
        "notes": "75th anniversary summit. Partners met Allies on 11 July.",
        "sources": [EUROSD_2024],
    },
    {
        "id": "nato-2025",
        "name": "NATO Summit 2025",
        "series": "NATO",
        "host": "The Hague, Netherlands",
        "start": "2025-06-24",
        "end": "2025-06-25",
        "notes": "Held at the World Forum. New defence spending target of 5% of GDP.",
        "sources": [JOONGANG_0622, ONENEWS_2025, FDD],
    },
    {
        "id": "us-japan-2plus2-2025",
        "name": 'US-Japan Security Consultative Committee ("2+2")',
        "series": "US-Japan 2+2",
        "host": "Washington, D.C., United States",
        "start": "2025-07-01",
        "notes": "Planned for 1 July 2025: Rubio and Hegseth with Iwaya and Nakatani.",
        "sources": [FRIDAYOL_2025],
    },
)

EU = {"code": "EU", "name": "European Union"}

# Sources that say the four were invited as partners; FDD: NATO "has invited
# both countries, along with Australia and New Zealand, to its annual summits since 2022".
IP4_INVITATION_SOURCES = {
    "nato-2022": [NATO_2022, FDD],
    "nato-2023": [AA_2023, FDD],
    "nato-2024": [EUROSD_2024, FDD],
    "nato-2025": [FDD],
}

# -- events ----------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One attendance event as the sources report it."""

    summit: str
    party: str
    kind: str
    date: str
    by: str
    level: str
    sources: tuple[str, ...]
    reason: str = ""
    notes: str = ""
    tags: tuple[str, ...] = field(default=("indo-pacific-four",))

    @property
    def id(self) -> str:
        """Eight hex characters that depend only on what the event is."""
        key = f"{self.summit}|{self.party}|{self.kind}|{self.date}"
        return hashlib.sha256(key.encode()).hexdigest()[:8]


def _attended(summit: str, day: str, who: dict[str, tuple[str, str]]) -> list[Event]:
    """Each party's leader attended on ``day``: who maps party -> (person, source)."""
    return [
        Event(summit, party, "attended", day, person, "leader", (source,))
        for party, (person, source) in who.items()
    ]


FOUR_LEADER_MEETING = "Four-leader meeting on 29 June."
STAND_IN = ("indo-pacific-four", "stand-in")
PULL_OUT = ("indo-pacific-four", "pull-out-2025")

EVENTS: tuple[Event, ...] = (
    *_attended(
        "nato-2022",
        "2022-06-29",
        {
            "JPN": ("Fumio Kishida", HME_2022),
            "KOR": ("Yoon Suk Yeol", HME_2022),
            "AUS": ("Anthony Albanese", SBS_2022),
            "NZL": ("Jacinda Ardern", ONENEWS_2022),
        },
    ),
    *_attended(
        "nato-2023",
        "2023-07-12",
        {
            "JPN": ("Fumio Kishida", AA_2023),
            "KOR": ("Yoon Suk Yeol", AA_2023),
            "AUS": ("Anthony Albanese", AA_2023),
            "NZL": ("Chris Hipkins", AA_2023),
        },
    ),
    *_attended(
        "nato-2024",
        "2024-07-11",
        {
            "JPN": ("Fumio Kishida", NIPPON_2024),
            "KOR": ("Yoon Suk Yeol", KHERALD_2024),
            "NZL": ("Christopher Luxon", NEWSTALKZB_2024),
        },
    ),
    Event(
        "nato-2024",
        "AUS",
        "declined",
        "2024-07-02",
        "Anthony Albanese",
        "leader",
        (PERTHNOW_2024,),
        notes=(
            "Announced by 2 July 2024 (the day of the report); the day of the decision is "
            'not established. Albanese "defended his decision to reject an invitation" and '
            'sent Richard Marles "in his absence".'
        ),
    ),
    Event(
        "nato-2024",
        "AUS",
        "attended",
        "2024-07-11",
        "Richard Marles",
        "deputy-leader",
        (PERTHNOW_2024,),
        notes='Deputy Prime Minister and Defence Minister, attending "in his absence".',
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "JPN",
        "confirmed",
        "2025-06-20",
        "Shigeru Ishiba",
        "leader",
        (STAR_2025,),
        notes=(
            'The Foreign Ministry "had announced Ishiba\'s attendance three days ago" '
            '(Reuters, 23 June 2025); he was set to "reaffirm with NATO allies and others '
            "the recognition that the security of Euro-Atlantic and Indo-Pacific is "
            'inseparable."'
        ),
    ),
    Event(
        "nato-2025",
        "KOR",
        "cancelled",
        "2025-06-22",
        "Lee Jae-myung",
        "leader",
        (JOONGANG_0622, FDD),
        reason=(
            'presidential office: "after comprehensively considering various domestic issues '
            'and uncertainties stemming from the situation in the Middle East"'
        ),
        notes=(
            "Announced Sunday evening, after the US attack on Iranian nuclear sites; "
            "\"Our government actively reviewed the president's attendance at the NATO summit "
            'despite pressing items on the national agenda following his inauguration" '
            "(National Security Adviser Wi Sung-lac). Context (FDD, 25 June 2025): "
            '"rising tensions with Washington over both trade and defense spending".'
        ),
        tags=PULL_OUT,
    ),
    Event(
        "nato-2025",
        "JPN",
        "cancelled",
        "2025-06-23",
        "Shigeru Ishiba",
        "leader",
        (STAR_2025, FDD),
        reason=(
            'Foreign Ministry: "various circumstances"; Fuji Television reported that a '
            "planned meeting between NATO and the IP4 was not likely to take place and that "
            "a meeting with President Trump was also unlikely"
        ),
        notes=(
            "Context (FDD, 25 June 2025): "
            '"rising tensions with Washington over both trade and defense spending"; the '
            "Pentagon's demand that Japan spend 5% of GDP on defence, and tariffs threatened "
            "on Japanese cars and imports."
        ),
        tags=(*PULL_OUT, "defence-spending"),
    ),
    Event(
        "nato-2025",
        "KOR",
        "confirmed",
        "2025-06-23",
        "Wi Sung-lac",
        "senior-official",
        (JOONGANG_0623,),
        notes=(
            '"In place of President Lee, National Security Adviser Wi will attend the NATO '
            'summit" (presidential spokesperson Kang Yu-jung).'
        ),
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "JPN",
        "attended",
        "2025-06-24",
        "Takeshi Iwaya",
        "minister",
        (MOFA_2025, STAR_2025),
        notes=(
            "Foreign Minister, attending instead of Ishiba; met Secretary General Rutte on 24 June."
        ),
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "KOR",
        "attended",
        "2025-06-24",
        "Wi Sung-lac",
        "senior-official",
        (JOONGANG_0623, AJU_2025),
        notes="National Security Adviser, attending on behalf of President Lee.",
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "AUS",
        "declined",
        "2025-06",
        "Anthony Albanese",
        "leader",
        (SOUNDTEL_2025,),
        notes=(
            "Reported in June 2025, before the summit; the day is not established. He "
            '"had already announced his deputy Richard Marles would be representing '
            'Australia at NATO".'
        ),
    ),
    Event(
        "nato-2025",
        "AUS",
        "attended",
        "2025-06-24",
        "Richard Marles",
        "deputy-leader",
        (SOUNDTEL_2025,),
        notes="Deputy Prime Minister, representing Australia.",
        tags=STAND_IN,
    ),
    *_attended("nato-2025", "2025-06-24", {"NZL": ("Christopher Luxon", ONENEWS_2025)}),
    Event(
        "us-japan-2plus2-2025",
        "JPN",
        "cancelled",
        "2025-06-20",
        "",
        "minister",
        (FRIDAYOL_2025, FDD),
        reason=(
            "Financial Times: Japan scrapped it after a US request to raise defence spending "
            "to 3.5% of GDP"
        ),
        notes=(
            "Reported by the Financial Times on 20 June 2025. A US official told Reuters Japan "
            'had "postponed" it.'
        ),
        tags=("defence-spending",),
    ),
)


# -- building ----------------------------------------------------------------------


def build(path: Path) -> None:
    """Create ``path`` and record the whole dataset through the library."""
    store.create(path)
    with store.writing(path) as db:
        for summit in SUMMITS:
            db.add_summit(**summit)
        db.add_party(EU["code"], EU["name"])
        for summit_id, sources in IP4_INVITATION_SOURCES.items():
            db.invite(summit_id, IP4, role="partner", date="", sources=sources)
            db.invite(summit_id, ["EU"], role="guest", date="", sources=[])
        db.invite("us-japan-2plus2-2025", ["JPN", "USA"], "member", "", [FRIDAYOL_2025])
        for event in EVENTS:
            db.log(
                id=event.id,
                summit=event.summit,
                party=event.party,
                kind=event.kind,
                date=event.date,
                by=event.by,
                level=event.level,
                reason=event.reason,
                sources=list(event.sources),
                notes=event.notes,
                tags=list(event.tags),
                recorded=RECORDED,
            )


def built_bytes() -> bytes:
    """The dataset file as a fresh build writes it."""
    ids = [event.id for event in EVENTS]
    if len(set(ids)) != len(ids):
        raise SystemExit("two events share an id: make summit+party+kind+date unique")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "summits.json"
        build(path)
        return path.read_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a committed file differs from a build"
    )
    args = parser.parse_args(argv)
    fresh = built_bytes()
    if args.check:
        stale = [path for path in OUTPUTS if not path.exists() or path.read_bytes() != fresh]
        for path in stale:
            print(
                f"{path.relative_to(ROOT)} differs from a fresh build; "
                "run python scripts/build_dataset.py",
                file=sys.stderr,
            )
        return 1 if stale else 0
    for path in OUTPUTS:
        storage.atomic_write(path, fresh)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
