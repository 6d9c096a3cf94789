"""How tables and pictures fit the width they get: nothing cut, nothing dropped, no data lost."""

from __future__ import annotations

import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

from core_helpers import assert_refused, invoke

BUNDLED = Path(__file__).parent.parent / "data" / "summits.json"
VIEWS = [
    ("events",),
    ("events", "--kind", "cancelled"),
    ("summit", "list"),
    ("summit", "show", "nato-2025"),
    ("party", "list"),
    ("timeline", "nato-2025"),
    ("matrix", "--series", "NATO"),
    ("changes", "--series", "NATO"),
]


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    path = tmp_path / "summits.json"
    shutil.copyfile(BUNDLED, path)
    return path


def out(db: Path, *args: str) -> str:
    result = invoke(db, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


def letters(text: str) -> Counter[str]:
    """Every character that is not blank: wrapping and folding may move them, never drop them."""
    return Counter(char for char in text if not char.isspace())


# -- tables on the bundled data --------------------------------------------------------


@pytest.mark.parametrize("args", VIEWS, ids=" ".join)
@pytest.mark.parametrize("columns", ["30", "50", "80", "100", "140"])
def test_nothing_is_cut_or_dropped_at_any_width(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], columns: str
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    whole = out(bundled, *args)
    monkeypatch.setenv("COLUMNS", columns)
    narrow = out(bundled, *args)
    assert narrow.count("\u2026") == whole.count("\u2026")  # no ellipsis of Rich's own
    # Every line fits, but a source's line: a URL is never folded (it overflows, whole).
    fitted = [line for line in narrow.splitlines() if not _is_source_line(line)]
    assert max(map(len, fitted)) <= int(columns)
    assert letters(narrow) == letters(whole)


def _is_source_line(line: str) -> bool:
    label, _, source = line.strip().partition(" ")
    return label in ("source:", "source") and bool(source.strip())


@pytest.mark.parametrize(
    ("args", "table"), [(("events",), "events"), (("summit", "list"), "summits")]
)
def test_a_pipe_without_columns_keeps_each_row_on_one_line(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], table: str
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    rows = out(bundled, "export", "--table", table, "--format", "jsonl").splitlines()
    lines = out(bundled, *args).splitlines()
    assert len(lines) == 1 + len(rows)
    assert len(max(lines, key=len)) > 80


def test_a_pipe_keeps_the_timeline_a_readable_page(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    page = out(bundled, "timeline", "nato-2025")
    monkeypatch.setenv("COLUMNS", "100")
    assert page == out(bundled, "timeline", "nato-2025")


def test_events_at_80_columns_give_the_reason_room_and_fold_the_long_id(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = out(bundled, "events", "--kind", "cancelled", "--party", "JPN").splitlines()
    assert lines[:4] == [
        "id       date       summit    party kind        who        reason",
        "118e879e 2025-06-20 us-japan- JPN   ⊘ cancelled minister   Financial Times, as",
        "                    2plus2-20                              the South China",
        "                    25                                     Morning Post and",
    ]


def test_summit_list_at_80_columns_wraps_names_at_words(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = out(bundled, "summit", "list").splitlines()
    assert lines[:4] == [
        "id                   name         series   host        dates      invited events",
        "nato-2022            NATO Summit  NATO     Madrid,     2022-06-28 5       4",
        "                     2022                  Spain       \u2013",
        "                                                       2022-06-30",
    ]


# -- pictures --------------------------------------------------------------------------


@pytest.mark.parametrize("option", ["--svg", "--html"])
@pytest.mark.parametrize("command", [("matrix", "--series", "NATO"), ("timeline",)])
def test_a_picture_over_the_database_is_refused(
    bundled: Path, monkeypatch: pytest.MonkeyPatch, option: str, command: tuple[str, ...]
) -> None:
    monkeypatch.chdir(bundled.parent)
    before = bundled.read_bytes()
    result = invoke(Path("summits.json"), *command, option, "./summits.json")
    message = assert_refused(result, before, bundled)
    assert message == "summits.json is the database itself; save the picture to another file"
    assert result.stdout == ""


def test_a_picture_over_a_hard_link_to_the_database_is_refused(bundled: Path) -> None:
    link = bundled.with_name("link.svg")
    os.link(bundled, link)
    before = bundled.read_bytes()
    message = assert_refused(
        invoke(bundled, "summit", "show", "nato-2025", "--svg", str(link)), before, bundled
    )
    assert message == f"{link} is the database itself; save the picture to another file"


def test_pictures_are_written_whole_and_leave_no_temporary_file(bundled: Path) -> None:
    before = set(bundled.parent.iterdir())
    svg, html = bundled.with_name("m.svg"), bundled.with_name("m.html")
    svg.write_text("old")  # replaced whole, as --force asks
    out(bundled, "matrix", "--series", "NATO", "--svg", str(svg), "--html", str(html), "--force")
    assert set(bundled.parent.iterdir()) - before == {svg, html}
    assert svg.read_text().startswith("<svg") and svg.read_text().rstrip().endswith("</svg>")
    assert "</html>" in html.read_text()


def test_a_picture_made_in_a_pipe_is_100_columns_wide(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    piped, hundred = bundled.with_name("piped.svg"), bundled.with_name("hundred.svg")
    out(bundled, "matrix", "--series", "NATO", "--svg", str(piped))
    monkeypatch.setenv("COLUMNS", "100")
    out(bundled, "matrix", "--series", "NATO", "--svg", str(hundred))
    assert piped.read_text() == hundred.read_text()


def test_a_timeline_at_50_columns_keeps_dates_and_kinds_whole(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dates and kinds stay whole; the text beside them wraps at its words.
    monkeypatch.setenv("COLUMNS", "50")
    lines = out(bundled, "timeline", "nato-2025").splitlines()
    assert lines[4:8] == [
        "2025-06       \u2715 declined    AUS Australia \u00b7",
        "                            Anthony Albanese",
        "                            (leader)",
        "                            note: At the G7 in",
    ]
