"""Build the bundled dataset: NATO summits 2022-2025 and the Indo-Pacific Four.

Every record cites stored pages that state what it says: ``nato-ip4.md`` (the
project's fact sheet) and the pages listed, with the exact passages relied on,
in ``data/SOURCES.md``. An attendance cites a page written after it happened.
Quoted words in a note or reason are the source's own, and the note or reason
names the outlet they come from; a field the sources do not establish is left
empty, and a date the sources give only to the month stays a month.

The data goes in through the tool's own library layer (``store.create``, then
``db.add_summit`` / ``add_party`` / ``invite`` / ``log`` inside
``store.writing``), so it is checked by the same rules as anything a user
records, and stays valid when the schema changes. Event ids are derived from
summit + party + kind + date and every event carries the same fixed
``recorded`` time, so a rebuild is byte-for-byte identical.

Dates: a summit runs over the leaders' programme as announced, opening dinner
included. An attendance is dated on the day of the summit's meeting with the
Indo-Pacific partners; an announcement on the day it was made or first reported,
or on its month when no source gives the day.

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
#
# Each address is the stored page as it was read; data/SOURCES.md gives, for every
# one, the outlet, the date the page shows and the exact passages the records rely
# on. A copy kept on another host is cited at that host, its outlet named there.

# 2022 Madrid
NATIONAL_2022 = (
    "https://www.thenationalnews.com/world/europe/2022/06/25/nato-summit-2022-where-is-it-"
    "being-held-who-is-attending-and-what-is-on-the-agenda/"
)
NATO_2022 = "https://www.nato.int/cps/en/natohq/news_197287.htm?selectedLocale=en"
YONHAP_2022 = "https://m-en.yna.co.kr/view/AEN20220630011000315"
HME_2022 = "https://www.hmeonlineglobal.com/General/4240.html"
YOMIURI_2022 = "https://japannews.yomiuri.co.jp/politics/defense-security/20220630-41900"
JOONGANG_2022 = (
    "https://koreajoongangdaily.joins.com/2022/06/30/national/politics/Korea-NATO-Summit-"
    "Yoon-Sukyeol/20220630161303455.html"
)
KHERALD_2022 = "https://www.koreaherald.com/view.php?ud=20220630000014"
THEAGE_2023 = (
    "https://www.theage.com.au/world/europe/anthony-albanese-to-be-a-no-show-at-nato-in-"
    "disappointment-for-brussels-20230412-p5czpg.html?ref=rss&utm_medium=rss&utm_source=rss_feed"
)
ONENEWS_2022 = "https://www.1news.co.nz/2022/06/30/ukraine-war-must-not-fuel-arms-race-ardern-tells-nato-leaders/"
PRESS_2022 = "http://www.pressreader.com/new-zealand/the-press/20220701/281646783831610"

# 2023 Vilnius
LITHUANIA_2023 = (
    "https://lithuania.lt/governance-in-lithuania/dates-of-nato-summit-in-vilnius-announced/"
)
YOMIURI_2023 = "https://japannews.yomiuri.co.jp/politics/defense-security/20230630-119629/"
NATO_2023 = (
    "https://thedefencenews.com/secretary-general-concludes-historic-nato-summit-in-vilnius/"
)
JIJI_2023 = (
    "https://www.nippon.com/en/news/yjj2023071201192/nato-partners-agree-to-enhance-ties-"
    "with-asean-pacific-nations.html"
)

# 2024 Washington
EUROSD_2024 = "https://euro-sd.com/2024/07/major-news/39303/nato-75th-anniversary-summit"
ANEWS_2024 = (
    "https://www.anews.com.tr/world/2024/07/11/nato-chief-says-alliance-indo-pacific-"
    "partners-must-work-ever-more-closely-together"
)
NZHERALD_2024 = (
    "https://www.nzherald.co.nz/nz/politics/horrific-pm-christopher-luxon-to-ukraines-"
    "president-volodymyr-zelenskyy-at-nato-indo-pacific-meeting/NQYOKVFBLFGVLH3GJMM6ZLY26Q/"
)
PERTHNOW_2024 = (
    "https://www.perthnow.com.au/news/anthony-albanese-to-send-defence-minister-richard-"
    "marles-to-nato-summit-in-his-absence-c-15223889"
)

# 2025 The Hague
GOVNL_2025 = "https://www.einpresswire.com/article/822945361/2025-nato-summit-programme-announced"
NATO_2025 = "https://securengin.fifthestate.nz/category/nato/page/4"
FDD = (
    "https://www.fdd.org/analysis/policy_briefs/2025/06/25/japan-south-korea-abruptly-pull-"
    "out-of-nato-summit/"
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
ASIAE_2025 = "https://cm.asiae.co.kr/en/article/2025062521242996113"
KBS_2025 = "http://world.kbs.co.kr/service/news_view.htm?lang=e&Seq_Code=194068"
AJU_2025 = "https://www.ajupress.com/view/20250626114154413"
NEWSPRIME_2025 = "https://newsprime.co.kr/mobile/section_view.html?menu=index&no=693977"
NIGHTLY_2025 = (
    "https://thenightly.com.au/politics/us-politics/latika-m-bourke-anthony-albanese-wants-"
    "to-skip-nato-a-second-time-he-should-think-again-c-19069670"
)
MWM_2025 = "https://michaelwest.com.au/news/pm-mulls-nato-visit-for-trump-meeting-mideast-talks"
SOUNDTEL_2025 = (
    "https://www.soundtelegraph.com.au/politics/federal-politics/richard-marles-will-"
    "represent-australia-at-nato-meeting-after-anthony-albanese-confirms-he-wont-attend-"
    "c-19099320"
)
RNZ_2025 = "https://www.daily8.com/en/article/674101c7765644cc64eae39e8d8b591c"
ONENEWS_2025 = (
    "https://www.1news.co.nz/2025/06/26/luxon-meets-zelensky-after-nato-pledges-big-hike-"
    "in-defence-spending"
)
UNN_2025 = (
    "https://unn.ua/en/news/world-leaders-arrive-for-dinner-with-the-king-of-the-"
    "netherlands-zelenskyy-and-trump-sit-at-different-tables"
)

# The US-Japan "2+2"
FRIDAYOL_2025 = (
    "https://fridayol.com/en-IE/news/Japan-Cancels-Key-Security-Talks-with-US-Amid-"
    "Defence-Spending-Dispute/26282?source=def"
)
SCMP_2025 = (
    "https://www-scmp-com.libproxy1.nus.edu.sg/week-asia/politics/article/3315653/tactical-"
    "move-why-japan-pulled-plug-us-security-talks-amid-defence-spending-row"
    "?module=top_story&pgtype=homepage"
)
ECONOTIMES_2025 = (
    "https://www.econotimes.com/Japan-Cancels-Security-Talks-with-US-Amid-Defense-Budget-"
    "Dispute-1713893"
)

# -- summits and invitations -----------------------------------------------------

# A summit runs from the first to the last day of the leaders' programme as
# announced before it, the opening dinner included (NATO announced Madrid for
# 28-30 June 2022, with the King of Spain's dinner on the 28th; The Hague for
# 24-25 June 2025, with the royal dinner on the 24th).
SUMMITS: tuple[dict[str, object], ...] = (
    {
        "id": "nato-2022",
        "name": "NATO Summit 2022",
        "series": "NATO",
        "host": "Madrid, Spain",
        "start": "2022-06-28",
        "end": "2022-06-30",
        "notes": (
            "Gala dinner for the leaders on 28 June; Allies met the partners on 29 June. "
            "First summit with the four Indo-Pacific partners."
        ),
        "sources": [NATIONAL_2022, YONHAP_2022, NATO_2022],
    },
    {
        "id": "nato-2023",
        "name": "NATO Summit 2023",
        "series": "NATO",
        "host": "Vilnius, Lithuania",
        "start": "2023-07-11",
        "end": "2023-07-12",
        "notes": "Allies met the leaders of the four Indo-Pacific partners and the EU on 12 July.",
        "sources": [LITHUANIA_2023, NATO_2023],
    },
    {
        "id": "nato-2024",
        "name": "NATO Summit 2024",
        "series": "NATO",
        "host": "Washington, D.C., United States",
        "start": "2024-07-09",
        "end": "2024-07-11",
        "notes": (
            "75th anniversary summit. Allies met the four Indo-Pacific partners and the EU "
            "on 11 July."
        ),
        "sources": [EUROSD_2024],
    },
    {
        "id": "nato-2025",
        "name": "NATO Summit 2025",
        "series": "NATO",
        "host": "The Hague, Netherlands",
        "start": "2025-06-24",
        "end": "2025-06-25",
        "notes": (
            "Held at the World Forum: a royal dinner for the leaders on 24 June, the formal "
            "session on 25 June. Allies committed to invest 5% of GDP in defence."
        ),
        "sources": [GOVNL_2025, NATO_2025],
    },
    {
        "id": "us-japan-2plus2-2025",
        "name": 'US-Japan Security Consultative Committee ("2+2")',
        "series": "US-Japan 2+2",
        "host": "Washington, D.C., United States",
        "start": "2025-07-01",
        "notes": (
            "Planned for 1 July 2025: Rubio and Hegseth with Iwaya and Nakatani. Called off "
            "by Japan (see its event)."
        ),
        "sources": [SCMP_2025, ECONOTIMES_2025],
    },
)

EU = {"code": "EU", "name": "European Union"}

# Sources that say the four were invited as partners (FDD: NATO "has invited both
# countries, along with Australia and New Zealand, to its annual summits since
# 2022"), and sources that say the EU took part, summit by summit.
IP4_INVITATION_SOURCES = {
    "nato-2022": [NATO_2022, FDD],
    "nato-2023": [YOMIURI_2023, FDD],
    "nato-2024": [EUROSD_2024, FDD],
    "nato-2025": [GOVNL_2025, FDD],
}
EU_INVITATION_SOURCES = {
    "nato-2022": [NATO_2022],
    "nato-2023": [NATO_2023],
    "nato-2024": [EUROSD_2024],
    "nato-2025": [GOVNL_2025, UNN_2025],
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


STAND_IN = ("indo-pacific-four", "stand-in")
PULL_OUT = ("indo-pacific-four", "pull-out-2025")
FDD_CONTEXT = (
    'Context (FDD, 25 June 2025): the cancellations "underscore rising tensions with '
    'Washington over both trade and defense spending".'
)

# An attendance is dated on the day of the summit's meeting with the Indo-Pacific
# partners, the day the sources place each representative there: 29 June 2022,
# 12 July 2023, 11 July 2024, 25 June 2025.
EVENTS: tuple[Event, ...] = (
    Event(
        "nato-2022",
        "JPN",
        "attended",
        "2022-06-29",
        "Fumio Kishida",
        "leader",
        (HME_2022, YOMIURI_2022),
        notes="First Japanese prime minister to attend a NATO summit.",
    ),
    Event(
        "nato-2022",
        "KOR",
        "attended",
        "2022-06-29",
        "Yoon Suk Yeol",
        "leader",
        (JOONGANG_2022, KHERALD_2022),
        notes=(
            "Spoke at the meeting with partners; Korea JoongAng Daily: "
            '"a three-minute address at a closed-door session of the North Atlantic Treaty '
            'Organization and partner countries in Madrid".'
        ),
    ),
    Event(
        "nato-2022",
        "AUS",
        "attended",
        "2022-06-29",
        "Anthony Albanese",
        "leader",
        (NATO_2022, HME_2022, THEAGE_2023),
        notes=(
            "NATO: Australia took part in the 29 June meeting with partners; Albanese was at "
            "the four leaders' talks in Madrid that day (HME)."
        ),
    ),
    Event(
        "nato-2022",
        "NZL",
        "attended",
        "2022-06-29",
        "Jacinda Ardern",
        "leader",
        (ONENEWS_2022, PRESS_2022),
        notes=(
            "The Press: \"Ardern spoke at the leaders' forum in the afternoon following "
            "Zelenskyy's morning address on Wednesday\"."
        ),
    ),
    *(
        Event(
            "nato-2023", party, "attended", "2023-07-12", person, "leader", (JIJI_2023, NATO_2023)
        )
        for party, person in (
            ("JPN", "Fumio Kishida"),
            ("KOR", "Yoon Suk Yeol"),
            ("AUS", "Anthony Albanese"),
            ("NZL", "Chris Hipkins"),
        )
    ),
    *(
        Event("nato-2024", party, "attended", "2024-07-11", person, "leader", (ANEWS_2024,))
        for party, person in (
            ("JPN", "Fumio Kishida"),
            ("KOR", "Yoon Suk Yeol"),
            ("NZL", "Christopher Luxon"),
        )
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
            'not established. PerthNow: Albanese "defended his decision to reject an '
            'invitation".'
        ),
    ),
    Event(
        "nato-2024",
        "AUS",
        "attended",
        "2024-07-11",
        "Richard Marles",
        "deputy-leader",
        (ANEWS_2024, NZHERALD_2024),
        notes=(
            "Deputy Prime Minister, at the Indo-Pacific partners' meeting in Albanese's place "
            "(NZ Herald)."
        ),
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
            "presidential office (National Security Adviser Wi Sung-lac), in Korea JoongAng "
            'Daily: "after comprehensively considering '
            "various domestic issues and uncertainties stemming from the situation in the "
            'Middle East"'
        ),
        notes=(
            "Announced Sunday evening, after the US attack on Iranian nuclear sites; "
            "\"Our government actively reviewed the president's attendance at the NATO summit "
            'despite pressing items on the national agenda following his inauguration" '
            "(National Security Adviser Wi Sung-lac, in Korea JoongAng Daily). "
            f"{FDD_CONTEXT}"
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
        (STAR_2025, FDD, SCMP_2025),
        reason=(
            'Foreign Ministry, as Reuters reports: "various circumstances"; Fuji Television '
            "reported that a planned meeting between NATO and the IP4 was not likely to take "
            "place and that a meeting with President Trump was also unlikely"
        ),
        notes=(
            f'{FDD_CONTEXT} FDD: "The Pentagon has publicly demanded Japan allocate 5 '
            'percent of its gross domestic product to defense". The South China Morning Post, '
            "relaying the Financial Times, reports a different figure from the 2+2 talks: a US "
            "request for 3.5% of GDP, up from 3%."
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
            'summit" (presidential spokesperson Kang Yu-jung, in Korea JoongAng Daily).'
        ),
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "JPN",
        "attended",
        "2025-06-25",
        "Takeshi Iwaya",
        "minister",
        (MOFA_2025, NEWSPRIME_2025, STAR_2025),
        notes=(
            "Foreign Minister, attending instead of Ishiba; met Secretary General Rutte on "
            "24 June (Japan's Foreign Ministry) and joined the NATO-Indo-Pacific partners "
            "event on 25 June (Prime Economy)."
        ),
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "KOR",
        "attended",
        "2025-06-25",
        "Wi Sung-lac",
        "senior-official",
        (ASIAE_2025, KBS_2025, NEWSPRIME_2025, AJU_2025),
        notes=(
            "National Security Adviser, attending on behalf of President Lee. The presidential "
            "office dates his meeting with Rubio 25 June (Asia Economy, KBS) and his meeting "
            "with Rutte and the partners' event 25 June (Prime Economy); Aju Press photo "
            "captions date the Rutte and Rubio meetings 24 June."
        ),
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "AUS",
        "declined",
        "2025-06",
        "Anthony Albanese",
        "leader",
        (NIGHTLY_2025, MWM_2025, SOUNDTEL_2025),
        notes=(
            'At the G7 in Kananaskis he had said "I expect that the Deputy Prime Minister, '
            'Richard Marles, will attend the NATO summit" (The Nightly); on 19 June '
            'Michael West Media reported him "weighing up whether to travel to The Hague"; '
            "Sound Telegraph then reported that he \"won't attend next week's NATO meeting in "
            'the Netherlands". No source gives the day of the final decision.'
        ),
    ),
    Event(
        "nato-2025",
        "AUS",
        "attended",
        "2025-06-25",
        "Richard Marles",
        "deputy-leader",
        (RNZ_2025, NEWSPRIME_2025, SOUNDTEL_2025),
        notes="Deputy Prime Minister and Defence Minister, representing Australia.",
        tags=STAND_IN,
    ),
    Event(
        "nato-2025",
        "NZL",
        "attended",
        "2025-06-25",
        "Christopher Luxon",
        "leader",
        (RNZ_2025, ONENEWS_2025, NEWSPRIME_2025),
        notes=(
            'RNZ: "Prime Minister Christopher Luxon arrives for a dinner at the Royal Palace in '
            'The Hague, on June 24, 2025."'
        ),
    ),
    Event(
        "us-japan-2plus2-2025",
        "JPN",
        "cancelled",
        "2025-06-20",
        "",
        "minister",
        (FRIDAYOL_2025, SCMP_2025, ECONOTIMES_2025, FDD),
        reason=(
            "Financial Times, as the South China Morning Post and EconoTimes relay it: Japan "
            "withdrew after the US raised its defence spending demand to 3.5% of GDP, up from "
            "3%"
        ),
        notes=(
            "Dated on the day the Financial Times reported it, not the day of the decision: "
            'a US official told Reuters that Japan had "postponed" the meeting several weeks '
            "earlier (South China Morning Post)."
        ),
        tags=("defence-spending",),
    ),
)


# -- building ----------------------------------------------------------------------


# The people the events name, registered so that each is found by any of the
# names researchers write: the surname alone, and Japanese names in Japanese order.
PERSONS = (
    ("fumio-kishida", "Fumio Kishida", ("Kishida", "Kishida Fumio"), "JPN"),
    ("shigeru-ishiba", "Shigeru Ishiba", ("Ishiba", "Ishiba Shigeru"), "JPN"),
    ("takeshi-iwaya", "Takeshi Iwaya", ("Iwaya", "Iwaya Takeshi"), "JPN"),
    ("yoon-suk-yeol", "Yoon Suk Yeol", ("Yoon",), "KOR"),
    ("lee-jae-myung", "Lee Jae-myung", (), "KOR"),
    ("wi-sung-lac", "Wi Sung-lac", (), "KOR"),
    ("anthony-albanese", "Anthony Albanese", ("Albanese",), "AUS"),
    ("richard-marles", "Richard Marles", ("Marles",), "AUS"),
    ("jacinda-ardern", "Jacinda Ardern", ("Ardern",), "NZL"),
    ("chris-hipkins", "Chris Hipkins", ("Hipkins",), "NZL"),
    ("christopher-luxon", "Christopher Luxon", ("Luxon",), "NZL"),
)


def build(path: Path) -> None:
    """Create ``path`` and record the whole dataset through the library."""
    store.create(path)
    with store.writing(path) as db:
        for summit in SUMMITS:
            db.add_summit(**summit)
        db.add_party(EU["code"], EU["name"])
        for person_id, name, aliases, party in PERSONS:
            db.add_person(id=person_id, name=name, aliases=list(aliases), party=party)
        for summit_id, sources in IP4_INVITATION_SOURCES.items():
            db.invite(summit_id, IP4, role="partner", date="", sources=sources)
        for summit_id, sources in EU_INVITATION_SOURCES.items():
            db.invite(summit_id, ["EU"], role="guest", date="", sources=sources)
        db.invite(
            "us-japan-2plus2-2025", ["JPN", "USA"], "member", "", [SCMP_2025, ECONOTIMES_2025]
        )
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
