"""Source URLs whole (links in a terminal), and control characters never raw on screen."""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rich.console import Console

from core_helpers import invoke
from summits import render
from test_cli_general import _env, _run_in_terminal

BUNDLED = Path(__file__).parent.parent / "data" / "summits.json"
LONG = (
    "https://www.soundtelegraph.com.au/politics/federal-politics/richard-marles-will-"
    "represent-australia-at-nato-meeting-after-anthony-albanese-confirms-he-wont-attend-c-19099320"
)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    path = tmp_path / "summits.json"
    shutil.copyfile(BUNDLED, path)
    return path


@pytest.mark.parametrize("columns", ["60", "100", ""])
def test_a_piped_url_is_never_folded_but_overflows_on_a_line_of_its_own(
    bundled: Path, columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if columns:
        monkeypatch.setenv("COLUMNS", columns)
    else:
        monkeypatch.delenv("COLUMNS", raising=False)
    result = invoke(bundled, "timeline", "nato-2025")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if LONG in line]
    assert lines and set(lines) == {f"{' ' * render.SOURCE_INDENT}source: {LONG}"}
    shown = invoke(bundled, "summit", "show", "nato-2025").stdout
    assert "  source  https://www.einpresswire.com/article/822945361/" in shown


def test_in_a_terminal_a_url_is_a_whole_hyperlink(bundled: Path) -> None:
    out = _run_in_terminal(
        ["--db", str(bundled), "timeline", "nato-2025"], _env(TERM="xterm-256color", COLUMNS="80")
    )
    assert b"\x1b]8;id=" in out
    assert f";{LONG}\x1b\\".encode() in out  # the link's target, whole
    assert LONG.encode() in out.replace(b"\r\n", b"")  # and its text, whole


def test_a_source_that_is_not_a_web_address_is_not_a_link() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=80)
    for source in ("javascript:alert(1)", "Reuters, 23 June 2025", "ftp://x"):
        with console.capture() as captured:
            console.print(render.source_line(source, 4))
        assert "\x1b]8" not in captured.get()


EVIL = "evil \x1b[2J\x1b]0;owned\x07 \u202egnp.exe \x9b31m"


def _evil_event() -> dict[str, object]:
    return {
        "id": "e\x1b1", "date": "2025-06-22", "summit": "nato-2025", "party": "KOR",
        "kind": "cancelled", "by": "Lee\x1b[31m", "level": "leader", "mode": "",
        "instead_of": "", "person": "", "reason": EVIL, "sources": [EVIL], "notes": EVIL,
        "tags": [], "recorded": "2025-06-22T00:00:00Z",
    }  # fmt: skip


@pytest.mark.parametrize("terminal", [True, False])
def test_control_and_bidi_characters_already_in_a_file_are_shown_escaped(
    terminal: bool, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    console = Console(file=io.StringIO(), force_terminal=terminal, width=100)
    timeline = render.timeline([render_view()], {"KOR": "South Korea"}, persons={})
    views = [*timeline, render.events_table([_evil_event()])]
    for view in views:
        console.print(render.Visible(view), crop=False)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    user_text = out if not terminal else _without_rich_codes(out)
    for raw in ("\x1b[2J", "\x1b]0", "\x07", "\u202e", "\x9b"):
        assert raw not in user_text
    assert "\\x1b[2J" in out and "\\u202e" in out


def render_view() -> object:
    from summits import analysis

    summit = {"id": "nato-2025", "name": "N", "start": "2025-06-24", "end": "2025-06-25",
              "host": "", "series": "", "format": "in-person", "status": "held"}  # fmt: skip
    return analysis.timeline([summit], [_evil_event()])[0]


def _without_rich_codes(text: str) -> str:
    """Terminal output without the colour codes Rich itself writes (SGR ``ESC [ … m``)."""
    import re

    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def test_a_picture_of_hostile_text_is_well_formed(tmp_path: Path) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    render._save_pictures([render.events_table([_evil_event()])], 100, svg, html, "t")
    ET.fromstring(svg.read_text(encoding="utf-8"))  # raises on a control character
    assert "\x1b" not in html.read_text(encoding="utf-8")
