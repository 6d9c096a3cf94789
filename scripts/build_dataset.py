"""Build the bundled dataset: NATO 2022-2025, BRICS 2024-2025 and the G7 2025.

Every record cites stored pages that state what it says: the project's fact
sheets (``nato-ip4.md``, ``brics-g7-2025.md``) and the pages listed, with the
exact passages relied on, in ``data/SOURCES.md``. An attendance cites a page
written after it happened. Quoted words in a note or reason are the source's
own, and the note or reason names the outlet they come from; a field the sources
do not establish is left empty, and a date the sources give only to the month
stays a month.

The data goes in through the tool's own library layer (``store.create``, then
``db.add_summit`` / ``add_party`` / ``invite`` / ``log`` inside
``store.writing``), so it is checked by the same rules as anything a user
records, and stays valid when the schema changes. Event ids are derived from
summit + party + kind + date (and the person, where a party has two such events
on one day) and every event carries the same fixed ``recorded`` time, so a
rebuild is byte-for-byte identical.

Dates: a summit runs over the leaders' programme as announced, opening dinner
included. At NATO an attendance is dated on the day of the summit's meeting with
the Indo-Pacific partners; elsewhere on a day a source places the representative
at the summit (Rio: the opening session of 6 July; Kananaskis: the leaders' day,
16 June, and the outreach session and family photo, 17 June; Kazan: the first
day the sources put the foreign minister at the head of the delegation, and the
day Lula spoke by video). An announcement is
dated on the day it was made or first reported, or on its month when no source
gives the day.

Readings the sources leave open, taken once and applied throughout (each event
says so in its note): a premier or prime minister standing in for a president is
at level ``leader``; a crown prince is at ``deputy-leader``; a minister who went
in person while the leader took part by video is not a stand-in (``instead_of``
is set only where the leader did not take part at all).

Usage:
    python scripts/build_dataset.py          write data/summits.json and src/summits/sample.json
    python scripts/build_dataset.py --check  exit 1 if either committed file differs from a build
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
from collections import Counter
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

# BRICS 2024 Kazan (brics-g7-2025.md, section 3)
XINHUA_KAZAN = "http://en.people.cn/n3/2024/1021/c90000-20231610.html"
SPUTNIK_KAZAN = (
    "https://sputnikglobe.com/20241022/live-updates-16th-brics-summit-in-russias-kazan---"
    "day-one-1120631954.html"
)
PLANALTO_2024 = (
    "https://gov.br/planalto/en/latest-news/2024/10/president-lula-to-join-brics-summit-via-"
    "videoconference?set_language=en"
)
DECCAN_2024 = (
    "https://www.deccanherald.com/world/brazils-lula-cancels-trip-to-brics-summit-on-medical-"
    "advice-3240849"
)
NDT_2024 = (
    "https://www.newdelhitimes.com/brazils-lula-cancels-russia-trip-for-brics-summit-after-"
    "head-injury/"
)
TASS_2024 = "https://tass.com/world/1858783"
SPUTNIKBR_2024 = (
    "https://noticiabrasil.net.br/amp/20241021/impedido-de-ir-a-kazan-para-cupula-do-brics-"
    "por-recomendacao-medica-lula-tera-telefonema-com-putin-37021979.html"
)
AGBR_2024 = (
    "http://blogoosfero.cc/news/blog/mauro-vieira-chefia-delegacao-do-brasil-na-cupula-do-brics"
)
JC_2024 = (
    "https://jc.ne10.uol.com.br/politica/2024/10/23/confira-o-discurso-completo-do-presidente-"
    "lula-na-cupula-do-brics.html"
)
ATARDE_2024 = (
    "https://atarde.com.br/politica/lula-discursa-por-videoconferencia-em-reuniao-dos-brics-1292551"
)
SPEECH_2024 = (
    "https://gov.br/planalto/en/follow-the-government/speeches-statements/2024/10/president-"
    "lulas-speech-during-the-open-plenary-session-of-the-brics-summit?set_language=en"
)

# BRICS 2025 Rio de Janeiro (brics-g7-2025.md, section 1)
BRICSBR_2025 = (
    "https://brics.br/pt-br/noticias/mam-no-rio-de-janeiro-sera-palco-da-cupula-de-lideres-"
    "do-brics-brasil-em-julho"
)
MAM_2025 = "https://mam.rio/cupula-de-lideres-do-brics"
ACESSA_2025 = (
    "https://www.acessa.com/mundo/2025/07/260516-lideres-chegam-para-a-reuniao-de-cupula-do-"
    "brics-no-mam.html"
)
HERALD_2025 = "https://allafrica.com/stories/202507160625.html"
SCMP_XI = (
    "https://todayheadline.co/first-xi-will-miss-brics-summit-rio-li-qiang-leads-china-"
    "delegation-sourcesutm_sourcerss_feed/"
)
INDIATODAY_XI = (
    "https://www.indiatoday.in/world/story/chinese-president-xi-jinping-brics-summit-brazil-"
    "media-report-rio-scheduling-issues-2746098-2025-06-25"
)
OUTLOOK_XI = (
    "https://www.outlookindia.com/amp/story/international/china-confirms-president-xi-will-"
    "miss-brics-summit-premier-li-to-attend"
)
PTI_LI = "https://www.millenniumpost.in/world/china-confirms-xi-will-miss-brics-summit-617293"
PEOPLE_DE_LI = "http://german.people.com.cn/n3/2025/0702/c209052-20335201.html"
XINHUA_LI_ARRIVED = "http://en.people.cn/n3/2025/0707/c90000-20336761.html"
XINHUA_LI_REMARKS = "http://en.people.cn/n3/2025/0707/c90000-20336814.html"
CENSOR_PUTIN = (
    "https://censor.net/en/news/3559927/putin-won-t-go-to-brics-summit-in-brazil-afraid-of-"
    "icc-warrant"
)
UNITED24_PUTIN = (
    "https://united24media.com/latest-news/icc-arrest-warrant-forces-putin-to-join-brics-"
    "summit-via-video-link-9411"
)
JAMESTOWN_PUTIN = (
    "https://jamestown.org/program/icc-arrest-warrant-prevents-putins-brics-summit-attendance"
)
SPUTNIK_RIO = (
    "https://sputnikglobe.com/20250706/putin-speaks-at-brazil-hosted-17th-brics-summit-"
    "1122400199.html"
)
REGNUM_PUTIN = "https://regnum.ru/amp/3974853"
FOLHA_HOLANDA = (
    "https://www.portaldoholanda.com.br/mundo/egito-e-nova-baixa-e-amplia-desfalque-de-"
    "lideres-na-cupula-do-brics"
)
TELA_SISI = (
    "https://www.portaltela.com/politica/internacional/2025/07/01/presidente-do-egito-desiste-"
    "de-participar-da-cupula-do-brics-a-convite-de-lula"
)
CRUSOE_SISI = "https://crusoe.com.br/diario/nao-vem-ninguem-para-a-reuniao-do-brics-de-lula"
SADA_MADBOULY = "https://www.daily8.com/en/article/2582d3253f14de4a36112b576f1127c9"
AHRAM_MADBOULY = (
    "https://english.ahram.org.eg/NewsContent/50/1201/549366/AlAhram-Weekly/Egypt/BRICS-"
    "versus-Trump.aspx"
)
DGABC_IRAN = (
    "https://www.dgabc.com.br/Noticia/4242107/embaixador-do-ira-no-brasil-indica-que-"
    "presidente-pode-vir-ao-brics-no-rio"
)
JBR_IRAN = (
    "https://jornaldebrasilia.com.br/noticias/mundo/chanceler-do-ira-esta-a-caminho-do-brasil-"
    "para-participar-do-brics-dizem-diplomatas/"
)
PODER_2025 = (
    "https://www.poder360.com.br/poder-governo/cupula-do-brics-no-rio-esvazia-sem-lideres-de-"
    "china-russia-russia-e-ira"
)
AWAAZ_IRAN = (
    "https://theindianawaaz.com/iran-expresses-gratitude-to-brics-blocs-for-condemning-"
    "attack-on-it/"
)
CNNBR_2025 = "https://portalnacao.com.br/?p=166581"
EXAME_2025 = (
    "https://exame.com/mundo/lideres-do-brics-se-reunem-na-abertura-da-cupula-veja-a-foto-oficial/"
)
NEWSINFOCO_2025 = (
    "https://newsinfoco.com.br/inicio/cupula-de-lideres-do-brics-comeca-neste-domingo-6-no-"
    "rj-confira-detalhes"
)

# G7 2025 Kananaskis (brics-g7-2025.md, section 2)
CP24_G7 = (
    "https://www.cp24.com/news/canada/2025/06/07/canada-focusing-on-peace-energy-security-"
    "and-new-partnerships-at-g7-meeting-carney/"
)
CP_MHN_G7 = (
    "https://medicinehatnews.com/news/national-news/2025/06/17/modi-zelenskyy-to-meet-with-"
    "carney-at-g7-as-leaders-discuss-foreign-policy"
)
ZAF_OUTREACH = (
    "https://www.einpresswire.com/article/822933408/president-cyril-ramaphosa-attends-g7-"
    "summit-outreach-session-in-canada-17-jun"
)
ZAF_CONCLUDES = (
    "https://www.einpresswire.com/article/823410103/president-cyril-ramaphosa-concludes-"
    "working-visit-to-canada"
)
BRISBANE_G7 = (
    "https://www.brisbanetimes.com.au/politics/federal/albanese-s-meeting-with-trump-meeting-"
    "cancelled-because-of-iran-israel-war-20250617-p5m7ym.html"
)
PA_G7 = (
    "https://www.shropshirestar.com/uk-news/2025/06/17/g7-leaders-call-for-de-escalation-in-"
    "middle-east-as-trump-leaves-summit/"
)
CNA_G7 = (
    "https://www.channelnewsasia.com/world/trump-leave-g7-summit-early-due-middle-east-"
    "situation-5185711"
)
BBC_G7 = (
    "https://sunrise.ug/world-news/202506/g7-seeks-mideast-de-escalation-but-avoids-israel-"
    "iran-ceasefire-demand.html"
)
TASS_FT_G7 = "https://tass.com/world/1976533"
ABC_G7 = "https://amp.abc.net.au/article/105428394"
NYT_G7 = (
    "https://georgemagazine.com/trump-skips-zelensky-meeting-as-g7-talks-end-with-little-for-"
    "ukraine"
)
ESPRESO_G7 = (
    "https://global.espreso.tv/russia-ukraine-war-zelenskyy-leaves-canada-without-meeting-"
    "with-trump-reuters"
)
CBC_G7 = (
    "http://35.201.78.98/news/politics/livestory/canada-pledges-another-2b-in-military-aid-to-"
    "ukraine-as-zelenskyy-makes-solemn-appearance-at-g7-summit-9.6800517"
)
HT_G7 = (
    "https://www.hindustantimes.com/world-news/us-news/ukraines-zelenskiy-seeks-g7-support-as-"
    "trump-s-early-exit-dampens-summit-101750176514627.html"
)
CASTANET_G7 = (
    "https://www.castanet.net/news/Canada/556695/Canada-pledges-4-3B-in-support-for-Ukraine-"
    "as-Carney-Zelenskyy-meet-at-G7"
)
TELEGRAPH_G7 = (
    "https://www.telegraphindia.com/world/prime-minister-narendra-modi-arrives-in-canada-for-"
    "g7-summit-says-will-emphasise-priorities-of-global-south/cid/2108253"
)
BIHARI_G7 = "https://globalbihari.com/modis-g7-call-power-up-clean-energy"
ONCE_G7 = (
    "https://oncenoticias.digital/internacional/asi-fueron-las-reuniones-de-sheinbaum-en-la-"
    "cumbre-del-g7/488144"
)
JOONGANG_G7 = (
    "https://koreajoongangdaily.joins.com/news/2025-06-18/national/diplomacy/President-Lee-"
    "stresses-energy-supply-chains-AI-integration-in-multilateral-diplomatic-debut-at-G7/"
    "2332908"
)
KBS_G7 = "https://news.kbs.co.kr/news/pc/view/view.do?ncd=8280757"
SBS_G7 = (
    "https://www.sbs.com.au/news/podcast-episode/world-leaders-arrive-in-canada-for-the-g7-"
    "summit/2w6ippmwi"
)
AUSTRALIAN_G7 = (
    "https://newsbite.mooo.com/www.theaustralian.com.au/nation/g7-anthony-albanese-invokes-"
    "concerns-about-chinas-dominance-of-global-critical-minerals-supply-chains/news-story/"
    "88a2e94e45d712d57cbb487c1b4cb18c"
)
MND_AGENDA = "https://mexiconewsdaily.com/news/sheinbaum-agenda-g7"
MND_MEETING = "https://mexiconewsdaily.com/news/sheinbaum-meeting-trump"
SINEMBARGO_G7 = (
    "https://www.sinembargo.mx/4665252/sheinbaum-llega-a-una-cumbre-llena-de-tensiones-"
    "mexicanos-le-dan-calida-bienvenida/"
)
JB_G7 = (
    "https://www.jb.com.br/brasil/politica/2025/06/1055861-presidente-lula-participa-da-"
    "cupula-do-g7-no-canada-nessa-terca-feira.html"
)
UOL_G7 = (
    "https://www.bol.uol.com.br/noticias/2025/06/17/na-cupula-do-g7-lula-defende-a-volta-do-"
    "protagonismo-da-onu.htm"
)
AFRICANEWS_G7 = (
    "https://www.africanews.com/amp/2025/06/18/ramaphosa-concludes-g7-summit-visit-no-"
    "meeting-with-trump"
)
JAKARTA_G7 = "https://jakartaglobe.id/news/prabowo-to-skip-g7-summit-but-will-meet-putin-in-russia"

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
    {
        "id": "brics-2024",
        "name": "16th BRICS Summit",
        "series": "BRICS",
        "host": "Kazan, Russia",
        "start": "2024-10-22",
        "end": "2024-10-24",
        "notes": 'Xinhua: "The bloc is holding its 16th summit from Oct. 22 to 24 in Kazan."',
        "sources": [XINHUA_KAZAN, SPUTNIK_KAZAN],
    },
    {
        "id": "g7-2025",
        "name": "G7 Leaders' Summit 2025",
        "series": "G7",
        "host": "Kananaskis, Alberta, Canada",
        "start": "2025-06-15",
        "end": "2025-06-17",
        "notes": (
            "Announced for 15-17 June. The leaders' talks began on Monday 16 June; Tuesday "
            "17 June, the second and final day, brought the outreach session with the "
            "invited leaders."
        ),
        "sources": [CP24_G7, CP_MHN_G7, ZAF_OUTREACH],
    },
    {
        "id": "brics-2025",
        "name": "17th BRICS Summit",
        "series": "BRICS",
        "host": "Rio de Janeiro, Brazil",
        "start": "2025-07-06",
        "end": "2025-07-07",
        "notes": (
            "Held at the Museu de Arte Moderna (MAM Rio) on 6 and 7 July; the delegations "
            "arrived there on the morning of Sunday 6 July for the first session."
        ),
        "sources": [BRICSBR_2025, MAM_2025, ACESSA_2025],
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


@dataclass(frozen=True)
class Invitation:
    """Parties invited to a summit in one role, and the pages that say so."""

    summit: str
    parties: tuple[str, ...]
    role: str
    sources: tuple[str, ...]
    notes: str = ""


BRICS_2025_MEMBERS = ("BRA", "RUS", "IND", "CHN", "ZAF", "IRN", "IDN", "EGY", "ETH", "ARE")
G7_MEMBERS = ("CAN", "FRA", "DEU", "ITA", "JPN", "GBR", "USA")

# BRICS members as the sources list them (Acessa.com: "O Brics tem, como membros
# permanentes, ..."); Saudi Arabia's standing is told in its note. The G7 members
# as the Canadian Press lists them; the outreach partners each by a page that has
# them at (or declining) the outreach session.
INVITATIONS: tuple[Invitation, ...] = (
    Invitation("brics-2024", ("BRA", "SAU"), "member", (AGBR_2024,)),
    Invitation("brics-2025", BRICS_2025_MEMBERS, "member", (ACESSA_2025, HERALD_2025)),
    Invitation(
        "brics-2025",
        ("SAU",),
        "member",
        (ACESSA_2025, EXAME_2025, HERALD_2025),
        notes=(
            'Acessa.com lists Saudi Arabia among the "membros permanentes"; Exame: it "ainda '
            'não concluiu os trâmites formais de adesão ao bloco" [has not completed the '
            'formal accession]; the Ethiopian Herald counts it among the "additional invited '
            'countries".'
        ),
    ),
    Invitation("brics-2025", ("MEX", "TUR"), "guest", (FOLHA_HOLANDA, HERALD_2025)),
    Invitation("g7-2025", G7_MEMBERS, "member", (CP24_G7,)),
    Invitation("g7-2025", ("UKR",), "guest", (HT_G7,)),
    Invitation("g7-2025", ("IND",), "guest", (TELEGRAPH_G7,)),
    Invitation("g7-2025", ("KOR",), "guest", (JOONGANG_G7,)),
    Invitation("g7-2025", ("AUS",), "guest", (ABC_G7,)),
    Invitation("g7-2025", ("MEX",), "guest", (MND_AGENDA,)),
    Invitation("g7-2025", ("BRA",), "guest", (JB_G7,)),
    Invitation("g7-2025", ("ZAF",), "guest", (ZAF_OUTREACH,)),
    Invitation("g7-2025", ("IDN",), "guest", (JAKARTA_G7,)),
)

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
    mode: str = ""  # on attended/confirmed; empty reads as in person
    instead_of: str = ""

    @property
    def key(self) -> str:
        """What the event is: summit, party, kind and date."""
        return f"{self.summit}|{self.party}|{self.kind}|{self.date}"


def event_ids(events: Sequence[Event]) -> list[str]:
    """Eight hex characters per event that depend only on what the event is.

    The key is summit + party + kind + date; where one party has two events of a
    kind on one day (Putin by video and Lavrov in person), the person joins the
    key of both, so the ids of all other events stay as they were.
    """
    shared = Counter(event.key for event in events)
    keys = [f"{event.key}|{event.by}" if shared[event.key] > 1 else event.key for event in events]
    if len(set(keys)) != len(keys):
        raise SystemExit("two events share summit, party, kind, date and person")
    return [hashlib.sha256(key.encode()).hexdigest()[:8] for key in keys]


STAND_IN = ("indo-pacific-four", "stand-in")
PULL_OUT = ("indo-pacific-four", "pull-out-2025")
FDD_CONTEXT = (
    'Context (FDD, 25 June 2025): the cancellations "underscore rising tensions with '
    'Washington over both trade and defense spending".'
)

# An attendance is dated on the day of the summit's meeting with the Indo-Pacific
# partners, the day the sources place each representative there: 29 June 2022,
# 12 July 2023, 11 July 2024, 25 June 2025.
NATO_EVENTS: tuple[Event, ...] = (
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


# -- BRICS 2024, BRICS 2025, G7 2025 -------------------------------------------------
#
# From brics-g7-2025.md. Only the stories the sheet tells are recorded: at Kazan,
# Brazil (and the Saudi foreign minister named in the same report); at Rio, every
# member and the two invited presidents who sent others; at Kananaskis, the United
# States, the invited outreach partners, and the G7 leaders the family-photo caption
# names. Readings (see the module's docstring) are said in each event's note.

STAND_IN_ONLY = ("stand-in",)
LEADER_READING = (
    "Read as leader: a head of government standing in for a president is at level "
    "leader (the same reading for China's Premier Li Qiang and Egypt's Prime Minister "
    "Madbouly)."
)
CROWN_PRINCE_READING = (
    "Read as deputy-leader, the reading this dataset takes for a crown prince (the same "
    "for the UAE and Saudi Arabia)."
)
VIDEO_READING = (
    "Not recorded as a stand-in: the leader took part by video, so the party's "
    "representation is the leader's."
)
FAMILY_PHOTO = (
    "In the G7 family photo (The Australian, caption), taken on Tuesday 17 June: Once "
    'Noticias tells of Sheinbaum\'s activities of "este martes" [this Tuesday], the '
    "official photo among them."
)
TRUMP_TUESDAY = (
    'ABC: Trump "was also due to meet with the leaders of Ukraine, Mexico, India and South '
    'Korea on Tuesday, before he decided to leave the summit early".'
)

BRICS_2024_EVENTS: tuple[Event, ...] = (
    Event(
        "brics-2024",
        "BRA",
        "cancelled",
        "2024-10-20",
        "Luiz Inácio Lula da Silva",
        "leader",
        (PLANALTO_2024, DECCAN_2024, XINHUA_KAZAN, NDT_2024, ATARDE_2024),
        reason=(
            'Brazilian Presidency: "following medical advice, which recommends he avoid '
            'long-haul flights temporarily"'
        ),
        notes=(
            "Lula hurt his head in a fall at home on Saturday 19 October; Reuters (Deccan "
            'Herald): he cancelled "after hurting his head in an accident at home". Dated on '
            "Sunday 20 October, when his office announced it (Xinhua). The Presidency: "
            '"Instead, the President will participate in the summit via videoconference".'
        ),
        tags=(),
    ),
    Event(
        "brics-2024",
        "BRA",
        "confirmed",
        "2024-10-20",
        "Mauro Vieira",
        "minister",
        (TASS_2024, NDT_2024),
        notes=(
            'Foreign Minister; VOA/AP (New Delhi Times): he "has been designated to lead the '
            'Brazilian delegation in the BRICS summit, departing later on Sunday".'
        ),
        tags=(),
    ),
    Event(
        "brics-2024",
        "SAU",
        "confirmed",
        "2024-10",
        "",
        "minister",
        (AGBR_2024,),
        notes=(
            'Agência Brasil: "Os sauditas também nomearam o ministro das relações exteriores." '
            "[The Saudis also named the foreign minister.] The minister is not named; the report "
            "gives no day."
        ),
        tags=(),
    ),
    Event(
        "brics-2024",
        "BRA",
        "attended",
        "2024-10-22",
        "Mauro Vieira",
        "minister",
        (AGBR_2024, SPUTNIKBR_2024),
        notes=(
            'Foreign Minister, head of the delegation in Kazan; Agência Brasil: he "chefia a '
            "delegação brasileira na cúpula dos BRICS em Kazan, na Rússia, entre estas terça e "
            'quinta-feiras" [heads the delegation from Tuesday to Thursday, 22-24 October]: '
            f"dated on the first of those days. {VIDEO_READING}"
        ),
        tags=(),
    ),
    Event(
        "brics-2024",
        "BRA",
        "attended",
        "2024-10-23",
        "Luiz Inácio Lula da Silva",
        "leader",
        (JC_2024, ATARDE_2024, SPEECH_2024),
        mode="video",
        notes=(
            'A Tarde: Lula "discursou por videoconferência na manhã desta quarta-feira, 23, '
            'durante a Sessão Plenária Aberta da Cúpula dos Brics" [spoke by videoconference '
            "at the open plenary session on the morning of Wednesday 23 October]."
        ),
        tags=(),
    ),
)

BRICS_2025_EVENTS: tuple[Event, ...] = (
    Event(
        "brics-2025",
        "CHN",
        "declined",
        "2025-06-24",
        "Xi Jinping",
        "leader",
        (SCMP_XI, INDIATODAY_XI, OUTLOOK_XI),
        reason=(
            "officials familiar with the matter, as the South China Morning Post reports: "
            'Beijing told the Brazilian government that "Xi had a scheduling conflict"'
        ),
        notes=(
            "Reported by the South China Morning Post on Tuesday 24 June as "
            '"his first-ever absence from the gathering of leading emerging economies". On 2 '
            'July the Foreign Ministry spokesperson "avoided to reply to a question on why Xi, '
            "who never missed a BRICS summit during his 12-year tenure in power, decided to "
            'skip the event" (Outlook India). Stored copies of the SCMP story differ on 2023, '
            'when Xi "sent Commerce Minister Wang Wentao in his place" at the last minute.'
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "RUS",
        "confirmed",
        "2025-06-25",
        "Vladimir Putin",
        "leader",
        (CENSOR_PUTIN, UNITED24_PUTIN),
        mode="video",
        reason=(
            "presidential aide Yuri Ushakov, as Censor.NET reports citing Reuters: "
            '"certain difficulties in the context of the ICC\'s requirements"'
        ),
        notes=(
            'Announced by the Kremlin on Wednesday 25 June; Ushakov: "The president will take '
            "part via video conference, but our foreign minister [Sergey Lavrov] will be "
            'present on site in Brazil" (UNITED24 Media).'
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "EGY",
        "cancelled",
        "2025-06",
        "Abdel Fattah al-Sisi",
        "leader",
        (FOLHA_HOLANDA, TELA_SISI, CRUSOE_SISI),
        reason=(
            'al-Sisi cited the "situação regional" [the regional situation] (Portal Tela), '
            "after the war between Israel and Iran (Crusoé, citing O Globo)"
        ),
        notes=(
            'Folhapress: al-Sisi "desistiu de viajar ao Rio de Janeiro por causa da escalada '
            'das tensões na região" [gave up travelling to Rio because of the escalation of '
            "tensions in the region]. Dated to the month of that report, the earliest in the "
            "sources, which gives no day; Portal Tela reported on 1 July that Prime Minister "
            "Mostafa Madbouly would represent him. "
            "No statement of the Egyptian presidency is established."
        ),
        tags=(),
    ),
    *(
        Event(
            "brics-2025",
            party,
            "declined",
            "2025-06",
            person,
            "leader",
            (FOLHA_HOLANDA,),
            notes=(
                'Invited. Folhapress: "Os presidentes da Turquia, Recep Erdogan, e do México, '
                'Claudia Sheinbaum, decidiram enviar representantes." [decided to send '
                "representatives] Who represented them is not established; the report gives "
                "no day."
            ),
            tags=(),
        )
        for party, person in (("MEX", "Claudia Sheinbaum"), ("TUR", "Recep Tayyip Erdoğan"))
    ),
    Event(
        "brics-2025",
        "CHN",
        "confirmed",
        "2025-07-02",
        "Li Qiang",
        "leader",
        (PTI_LI, PEOPLE_DE_LI, OUTLOOK_XI),
        instead_of="Xi Jinping",
        notes=(
            'Foreign Ministry spokesperson Mao Ning: "Li will attend the 17th BRICS Summit in '
            "Rio de Janeiro\" (PTI, in Millennium Post), on Wednesday 2 July (People's Daily). "
            f"{LEADER_READING}"
        ),
        tags=STAND_IN_ONLY,
    ),
    Event(
        "brics-2025",
        "IRN",
        "cancelled",
        "2025-07-04",
        "Masoud Pezeshkian",
        "leader",
        (JBR_IRAN, PODER_2025, DGABC_IRAN, CNNBR_2025),
        reason=(
            'no statement from Iran is established; as Poder360 reports: "com a escalada de '
            'conflitos entre o país iraniano e os Estados Unidos, cancelou a viagem ao país" '
            "[with the escalation of conflict with the United States, he cancelled the trip]"
        ),
        notes=(
            "Iran's ambassador had said on 26 June that he \"deve visitar o Brasil para "
            'participar da Cúpula do Brics" (Estadão, via DGABC). Dated on 4 July, when Estadão '
            '(Jornal de Brasília) reported that "diplomatas do Brasil já admitiram que o '
            'presidente Masoud Pezeshkian não virá, como planejado"; CNN Brasil: "Nesta semana, '
            'avisou a decisão de cancelar." Brazil\'s government "considerou a ausência de '
            'Pezeshkian justificável, em virtude do confronto recente com Israel" (Estadão).'
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "SAU",
        "declined",
        "2025-07-05",
        "Mohammed bin Salman",
        "deputy-leader",
        (CNNBR_2025, PODER_2025, EXAME_2025),
        notes=(
            "The Crown Prince had announced his absence; CNN Brasil, on Saturday 5 July: al-Sisi "
            'and Mohammed bin Salman "já haviam comunicado sua ausência na cúpula". Dated on '
            "that report; the day of the announcement is not established. Poder360 lists "
            '"Faisal bin Farhan Al Saud, príncipe e ministro das Relações Exteriores da Arábia '
            'Saudita" among the confirmed authorities; whether he attended is not established, '
            "and Saudi Arabia was the only absence from the family photo (Exame). "
            f"{CROWN_PRINCE_READING}"
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "BRA",
        "attended",
        "2025-07-06",
        "Luiz Inácio Lula da Silva",
        "leader",
        (ACESSA_2025, HERALD_2025),
        notes="Host; the first to arrive at MAM on 6 July (Acessa.com).",
        tags=(),
    ),
    Event(
        "brics-2025",
        "CHN",
        "attended",
        "2025-07-06",
        "Li Qiang",
        "leader",
        (XINHUA_LI_REMARKS, XINHUA_LI_ARRIVED, HERALD_2025),
        instead_of="Xi Jinping",
        notes=(
            "Premier of the State Council; arrived in Rio on 5 July and spoke at the session "
            'on peace and security and global governance reform on 6 July (Xinhua: "Rio de '
            'Janeiro, July 6, 2025"). '
            f"{LEADER_READING}"
        ),
        tags=STAND_IN_ONLY,
    ),
    Event(
        "brics-2025",
        "RUS",
        "attended",
        "2025-07-06",
        "Vladimir Putin",
        "leader",
        (SPUTNIK_RIO, REGNUM_PUTIN, JAMESTOWN_PUTIN),
        mode="video",
        notes=(
            "Addressed the plenary session by video link (Sputnik, Regnum). The Jamestown "
            'Foundation: he "did not fly to Brazil ... because of concerns over the '
            "International Criminal Court's (ICC) arrest warrant\"."
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "RUS",
        "attended",
        "2025-07-06",
        "Sergey Lavrov",
        "minister",
        (SPUTNIK_RIO, ACESSA_2025, JAMESTOWN_PUTIN),
        notes=(
            'Foreign Minister; Sputnik: "Foreign Minister Sergey Lavrov is attending the summit '
            'in person." The Jamestown Foundation writes that he "attended in his place". '
            f"{VIDEO_READING}"
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "EGY",
        "attended",
        "2025-07-06",
        "Mostafa Madbouly",
        "leader",
        (AHRAM_MADBOULY, ACESSA_2025, SADA_MADBOULY),
        instead_of="Abdel Fattah al-Sisi",
        notes=(
            "Prime Minister; addressed the opening session (Al-Ahram Weekly), speaking "
            '"on behalf of President Abdel Fattah El-Sisi" (Sada Elbalad). '
            f"{LEADER_READING}"
        ),
        tags=STAND_IN_ONLY,
    ),
    Event(
        "brics-2025",
        "IRN",
        "attended",
        "2025-07-06",
        "Abbas Araghchi",
        "minister",
        (ACESSA_2025, AWAAZ_IRAN, HERALD_2025),
        instead_of="Masoud Pezeshkian",
        notes=(
            "Foreign Minister, head of Iran's delegation; after the host, \"o primeiro líder a "
            'chegar" [the first leader to arrive] at MAM on 6 July (Acessa.com).'
        ),
        tags=STAND_IN_ONLY,
    ),
    Event(
        "brics-2025",
        "ARE",
        "attended",
        "2025-07-06",
        "Khalid bin Mohamed bin Zayed Al Nahyan",
        "deputy-leader",
        (ACESSA_2025, NEWSINFOCO_2025, HERALD_2025),
        instead_of="President of the United Arab Emirates",
        notes=(
            "Crown Prince of Abu Dhabi, representing the UAE in place of its President (the "
            "sources do not name him); why the President did not come is not established. "
            f"{CROWN_PRINCE_READING}"
        ),
        tags=STAND_IN_ONLY,
    ),
    Event(
        "brics-2025",
        "IND",
        "attended",
        "2025-07-06",
        "Narendra Modi",
        "leader",
        (ACESSA_2025, HERALD_2025),
        notes="Prime Minister; at MAM by 10:10 on 6 July (Acessa.com).",
        tags=(),
    ),
    Event(
        "brics-2025",
        "ZAF",
        "attended",
        "2025-07-06",
        "Cyril Ramaphosa",
        "leader",
        (ACESSA_2025, HERALD_2025),
        notes="At MAM by 10:10 on 6 July (Acessa.com).",
        tags=(),
    ),
    Event(
        "brics-2025",
        "IDN",
        "attended",
        "2025-07-06",
        "Prabowo Subianto",
        "leader",
        (HERALD_2025, EXAME_2025),
        notes=(
            'The Ethiopian Herald names the "Indonesian President" among those who attended; '
            "Exame reports Saudi Arabia as the only absence from the members' family photo of "
            "6 July."
        ),
        tags=(),
    ),
    Event(
        "brics-2025",
        "ETH",
        "attended",
        "2025-07-06",
        "Abiy Ahmed",
        "leader",
        (HERALD_2025, EXAME_2025),
        notes=(
            'Ethiopian Herald: Ethiopia "was represented by Prime Minister Abiy Ahmed (PhD)"; '
            "Exame reports Saudi Arabia as the only absence from the members' family photo of "
            "6 July."
        ),
        tags=(),
    ),
)

G7_2025_EVENTS: tuple[Event, ...] = (
    Event(
        "g7-2025",
        "IDN",
        "declined",
        "2025-06-12",
        "Prabowo Subianto",
        "leader",
        (JAKARTA_G7,),
        reason=(
            'a senior diplomat, as the Jakarta Globe reports: "due to previous commitments '
            'with Singapore and Russia"'
        ),
        notes="Invited to the outreach session. Dated on the day of the Jakarta Globe report.",
        tags=(),
    ),
    Event(
        "g7-2025",
        "USA",
        "attended",
        "2025-06-16",
        "Donald Trump",
        "leader",
        (PA_G7, CP_MHN_G7),
        notes=(
            "At the leaders' talks on Monday 16 June, until the group dinner; PA (Shropshire "
            'Star): he left "after a group dinner on Monday".'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "USA",
        "left-early",
        "2025-06-16",
        "Donald Trump",
        "leader",
        (BRISBANE_G7, PA_G7, CNA_G7, BBC_G7, ABC_G7, TASS_FT_G7),
        reason=(
            "White House Press Secretary Karoline Leavitt on X, as the Brisbane Times quotes "
            "her: \"because of what's going on in the Middle East, President Trump will be "
            'leaving tonight after dinner with Heads of State"'
        ),
        notes=(
            "Left after the leaders' dinner on the evening of Monday 16 June, a day early, and "
            "missed the 17 June sessions; the hour is not established. Trump, as he left: "
            '"I have to be back early for obvious reasons." (BBC). His meetings set for Tuesday '
            f"fell through; {TRUMP_TUESDAY} People familiar with the discussions told the "
            'Financial Times (relayed by TASS) that the decision was "partly due to irritation '
            'at French President Emmanuel Macron": a report, not the stated reason.'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "USA",
        "attended",
        "2025-06-17",
        "Scott Bessent",
        "minister",
        (AUSTRALIAN_G7, ONCE_G7),
        notes=f"Treasury Secretary, for the United States after Trump left. {FAMILY_PHOTO}",
        tags=(),
    ),
    *(
        Event(
            "g7-2025",
            party,
            "attended",
            "2025-06-17",
            person,
            "leader",
            (AUSTRALIAN_G7, ONCE_G7),
            notes=FAMILY_PHOTO,
            tags=(),
        )
        for party, person in (
            ("CAN", "Mark Carney"),
            ("FRA", "Emmanuel Macron"),
            ("DEU", "Friedrich Merz"),
            ("GBR", "Keir Starmer"),
        )
    ),
    Event(
        "g7-2025",
        "UKR",
        "attended",
        "2025-06-17",
        "Volodymyr Zelensky",
        "leader",
        (HT_G7, CASTANET_G7, NYT_G7),
        notes=(
            "Met Prime Minister Carney on the sidelines on Tuesday 17 June (The Canadian Press, "
            "in Castanet). The meeting with Trump planned for that day did not take place: "
            'Trump "canceled his meeting with Mr. Zelensky" (The New York Times).'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "UKR",
        "left-early",
        "2025-06-17",
        "Volodymyr Zelensky",
        "leader",
        (CBC_G7, ESPRESO_G7),
        notes=(
            'CBC News: "Ukrainian President Volodymyr Zelenskyy is leaving early. He had '
            "expected to meet with U.S. President Donald Trump, but the latter ducked out early "
            'himself yesterday." No reason of his own is established.'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "IND",
        "attended",
        "2025-06-17",
        "Narendra Modi",
        "leader",
        (BIHARI_G7, TELEGRAPH_G7, ONCE_G7, ABC_G7),
        notes=(
            "Prime Minister; arrived on the evening of Monday 16 June (PTI, in The Telegraph) "
            "and spoke at the energy security session on 17 June (Global Bihari). No meeting "
            f"with Trump: {TRUMP_TUESDAY}"
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "KOR",
        "attended",
        "2025-06-17",
        "Lee Jae-myung",
        "leader",
        (JOONGANG_G7, KBS_G7, AUSTRALIAN_G7),
        notes=(
            'Korea JoongAng Daily: Lee made "two speeches on energy security and establishing '
            'a stable global AI ecosystem at an expanded G7 session". His first meeting with '
            "Trump fell through; KBS: \"with Trump's early departure, the Presidential Office "
            'announced that talks have fallen through".'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "AUS",
        "attended",
        "2025-06-17",
        "Anthony Albanese",
        "leader",
        (ABC_G7, BRISBANE_G7, SBS_G7, AUSTRALIAN_G7),
        notes=(
            'Prime Minister; arrived on Sunday 15 June (SBS). ABC: "Prime Minister Anthony '
            'Albanese speaks at the G7 in Canada, June 17, 2025." Trump "will not meet with '
            'Prime Minister Anthony Albanese" (Brisbane Times).'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "MEX",
        "attended",
        "2025-06-17",
        "Claudia Sheinbaum",
        "leader",
        (ONCE_G7, MND_MEETING, MND_AGENDA, SINEMBARGO_G7),
        notes=(
            "Arrived in Calgary on the afternoon of Monday 16 June (SinEmbargo) and held her "
            "meetings at Kananaskis on Tuesday 17 June (Once Noticias). Her meeting with "
            'Trump, set for 15:40 that day, was cancelled; she said it "is postponed" '
            "(Mexico News Daily)."
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "BRA",
        "attended",
        "2025-06-17",
        "Luiz Inácio Lula da Silva",
        "leader",
        (UOL_G7, JB_G7),
        notes=(
            "Spoke at the expanded session on Tuesday 17 June (BOL/UOL), invited by Canada "
            '(Jornal do Brasil: "a convite do governo do Canadá").'
        ),
        tags=(),
    ),
    Event(
        "g7-2025",
        "ZAF",
        "attended",
        "2025-06-17",
        "Cyril Ramaphosa",
        "leader",
        (ZAF_CONCLUDES, ZAF_OUTREACH, AFRICANEWS_G7),
        notes=(
            "Arrived on 15 June and concluded his visit on 17 June after the outreach session "
            '(the Presidency). Africanews: "a bilateral meeting between the South African '
            'leader and US president Trump did not take place".'
        ),
        tags=(),
    ),
)

EVENTS: tuple[Event, ...] = (*NATO_EVENTS, *BRICS_2024_EVENTS, *G7_2025_EVENTS, *BRICS_2025_EVENTS)


# -- building ----------------------------------------------------------------------


# The people the events name, registered so that each is found by any of the
# names researchers write: the surname alone, Japanese names in Japanese order,
# and the other spellings the sources use.
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
    # BRICS and the G7: the spellings brics-g7-2025.md meets in its sources.
    ("luiz-inacio-lula-da-silva", "Luiz Inácio Lula da Silva", ("Lula",), "BRA"),
    ("mauro-vieira", "Mauro Vieira", ("Vieira",), "BRA"),
    ("xi-jinping", "Xi Jinping", ("Xi",), "CHN"),
    ("li-qiang", "Li Qiang", (), "CHN"),
    ("vladimir-putin", "Vladimir Putin", ("Putin",), "RUS"),
    ("sergey-lavrov", "Sergey Lavrov", ("Sergei Lavrov", "Lavrov"), "RUS"),
    (
        "abdel-fattah-al-sisi",
        "Abdel Fattah al-Sisi",
        ("Abdel Fattah El-Sisi", "Abdel Fatah Al-Sisi", "Al-Sissi", "al-Sisi", "Sisi"),
        "EGY",
    ),
    (
        "mostafa-madbouly",
        "Mostafa Madbouly",
        ("Mustafa Madbouly", "Mustafa Madbouli", "Madbouly"),
        "EGY",
    ),
    ("masoud-pezeshkian", "Masoud Pezeshkian", ("Pezeshkian",), "IRN"),
    (
        "abbas-araghchi",
        "Abbas Araghchi",
        ("Seyyed Abbas Araghchi", "Seyed Abbas Araghchi", "Abbas Araqchi", "Abbas Aragchi"),
        "IRN",
    ),
    ("mohammed-bin-salman", "Mohammed bin Salman", (), "SAU"),
    (
        "khalid-bin-mohamed-bin-zayed",
        "Khalid bin Mohamed bin Zayed Al Nahyan",
        ("Khalid bin Mohamed bin Zayed",),
        "ARE",
    ),
    ("narendra-modi", "Narendra Modi", ("Modi",), "IND"),
    ("cyril-ramaphosa", "Cyril Ramaphosa", ("Ramaphosa",), "ZAF"),
    ("prabowo-subianto", "Prabowo Subianto", ("Prabowo",), "IDN"),
    ("abiy-ahmed", "Abiy Ahmed", (), "ETH"),
    ("claudia-sheinbaum", "Claudia Sheinbaum", ("Claudia Sheinbaum Pardo", "Sheinbaum"), "MEX"),
    ("recep-tayyip-erdogan", "Recep Tayyip Erdoğan", ("Recep Erdogan", "Erdoğan"), "TUR"),
    ("donald-trump", "Donald Trump", ("Trump",), "USA"),
    ("scott-bessent", "Scott Bessent", ("Bessent",), "USA"),
    (
        "volodymyr-zelensky",
        "Volodymyr Zelensky",
        ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelensky", "Zelenskyy", "Zelenskiy"),
        "UKR",
    ),
    ("mark-carney", "Mark Carney", ("Carney",), "CAN"),
    ("emmanuel-macron", "Emmanuel Macron", ("Macron",), "FRA"),
    ("friedrich-merz", "Friedrich Merz", ("Merz",), "DEU"),
    ("keir-starmer", "Keir Starmer", ("Starmer",), "GBR"),
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
        for invitation in INVITATIONS:
            db.invite(
                invitation.summit,
                invitation.parties,
                invitation.role,
                "",
                list(invitation.sources),
                invitation.notes,
            )
        for event, event_id in zip(EVENTS, event_ids(EVENTS), strict=True):
            db.log(
                id=event_id,
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
                mode=event.mode,
                instead_of=event.instead_of,
                recorded=RECORDED,
            )
    # The store wrote a history entry (its id, time and user differ on every build);
    # a dataset is built, not edited, so it starts without history.
    tables = storage.load(path)
    del tables[storage.HISTORY]
    storage.atomic_write(path, storage.dump(tables))


def built_bytes() -> bytes:
    """The dataset file as a fresh build writes it."""
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
