"""The report and the plot: what the page holds, what it refuses to do, in a real browser.

The browser tests drive Debian's Chromium through Playwright (``.ci/run``
installs it when it is missing); without it they are skipped, saying why.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core_helpers import assert_refused, invoke
from summits import report as pages

BUNDLED = Path(__file__).parent.parent / "data" / "summits.json"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    path = tmp_path / "summits.json"
    shutil.copyfile(BUNDLED, path)
    return path


def _report(db: Path, out: Path, *args: str) -> str:
    result = invoke(db, "report", *args, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == ""
    return out.read_text(encoding="utf-8")


# -- the page, as text ---------------------------------------------------------------


def test_the_report_holds_every_section_and_nothing_external(bundled: Path, tmp_path: Path) -> None:
    text = _report(bundled, tmp_path / "r.html", "--series", "NATO")
    for section in ("summary", "matrix", "chart", "changes", "timeline"):
        assert f'<section id="{section}">' in text
    assert "<script" not in text.lower()
    assert "<svg" in text  # the chart, inline
    # Nothing is fetched: no src= at all, and every href is a footnote or an http(s) link.
    assert " src=" not in text
    for href in re.findall(r'href="([^"]*)"', text):
        assert href.startswith(("#", "https://", "http://")), href
    assert "default-src 'none'" in text


def test_every_link_is_http_and_opens_no_opener(bundled: Path, tmp_path: Path) -> None:
    text = _report(bundled, tmp_path / "r.html", "--series", "NATO")
    links = re.findall(r"<a href=\"(http[^\"]*)\"([^>]*)>", text)
    assert links
    assert all(attrs == ' rel="noopener noreferrer"' for _, attrs in links)


HOSTILE = "<script>alert(1)</script> \"quoted\" 'single' ]]> &amp; <b>bold</b>"


def test_hostile_text_is_escaped_and_other_schemes_stay_text(tmp_path: Path) -> None:
    db = tmp_path / "h.json"
    assert invoke(db, "init").exit_code == 0
    assert invoke(db, "summit", "add", "x-2025", "--name", HOSTILE, "--series", "X",
                  "--start", "2025-06-01").exit_code == 0  # fmt: skip
    logged = invoke(
        db, "log", "x-2025", "JPN", "declined", "--date", "2025-05", "--by", HOSTILE,
        "--level", "leader", "--reason", HOSTILE, "--note", HOSTILE,
        "--source", "javascript:alert(1)", "--source", "data:text/html,<script>x</script>",
        "--source", "https://example.org/a?b=<c>&d=\"e\"",
    )  # fmt: skip
    assert logged.exit_code == 0, logged.output
    text = _report(db, tmp_path / "r.html")
    assert "<script" not in text.lower()
    assert "<b>bold</b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'href="javascript' not in text and 'href="data' not in text
    assert "javascript:alert(1)" in text  # shown, as text
    assert 'href="https://example.org/a?b=&lt;c&gt;&amp;d=&quot;e&quot;"' in text


def test_the_report_refuses_an_existing_file_unless_forced(bundled: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("keep me")
    before = bundled.read_bytes()
    message = assert_refused(invoke(bundled, "report", "-o", str(out)), before, bundled)
    assert message == f"{out} already exists; add --force to replace it"
    assert out.read_text() == "keep me"
    assert invoke(bundled, "report", "--series", "NATO", "-o", str(out), "--force").exit_code == 0
    assert out.read_text().startswith("<!doctype html>")


def test_the_report_is_refused_as_the_database(bundled: Path) -> None:
    before = bundled.read_bytes()
    result = invoke(bundled, "report", "-o", str(bundled), "--force")
    assert assert_refused(result, before, bundled).endswith(
        "is the database itself; write it to another file"
    )


def test_a_party_filter_keeps_only_those_parties(bundled: Path, tmp_path: Path) -> None:
    text = _report(
        bundled, tmp_path / "r.html", "--series", "NATO", "--party", "Japan", "--party", "KOR"
    )
    rows = re.findall(r'<tr><th scope="row">([A-Z]+)</th>', text)
    assert set(rows) == {"JPN", "KOR"}


# -- the plot ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_the_plot_is_the_same_bytes_for_the_same_data(
    bundled: Path, tmp_path: Path, suffix: str
) -> None:
    first, second = tmp_path / f"a.{suffix}", tmp_path / f"b.{suffix}"
    for path in (first, second):
        result = invoke(bundled, "plot", "--series", "NATO", "-o", str(path))
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    magic = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix]
    assert first.read_bytes().startswith(magic)


def test_the_plot_needs_a_known_ending(bundled: Path, tmp_path: Path) -> None:
    before = bundled.read_bytes()
    result = invoke(bundled, "plot", "-o", str(tmp_path / "chart.gif"))
    assert assert_refused(result, before, bundled, 2).endswith("does not end in .png, .svg or .pdf")


def test_the_chart_reads_the_long_rows_gaps_for_unknown() -> None:
    from summits import plot

    assert plot.level_value({"level": "leader", "cell": "leader"}) == 6.0
    assert plot.level_value({"level": "", "cell": "cancelled"}) == 0.0
    assert plot.level_value({"level": "", "cell": "invited"}) != plot.level_value(
        {"level": "", "cell": "invited"}
    )  # NaN: a gap, never a fall to none


# -- in a real browser ---------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does it)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def opened(
    browser: Any, bundled: Path, tmp_path: Path
) -> Iterator[tuple[Any, list[str], list[str]]]:
    out = tmp_path / "r.html"
    _report(bundled, out, "--series", "NATO")
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url) if r.url != out.as_uri() else None)
    page.goto(out.as_uri())
    yield page, errors, requests
    page.close()


def _long_cells(db: Path) -> dict[tuple[str, str], str]:
    result = invoke(db, "matrix", "--series", "NATO", "--long", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = csv.DictReader(io.StringIO(result.stdout, newline=""))
    return {(row["party"], row["summit"]): row["cell"] for row in rows}


def test_in_a_browser_no_error_no_request_and_the_matrix_is_matrix_long(
    opened: tuple[Any, list[str], list[str]], bundled: Path
) -> None:
    page, errors, requests = opened
    assert errors == []
    assert requests == []
    summits = page.eval_on_selector_all(
        "table.matrix thead .sid", "els => els.map(e => e.textContent)"
    )
    shown: dict[tuple[str, str], str] = {}
    for row in page.query_selector_all("table.matrix tbody tr"):
        party = row.query_selector("th").inner_text()
        cells = row.query_selector_all("td.cell")
        for summit, cell in zip(summits, cells, strict=True):
            word = cell.evaluate(
                "c => Array.from(c.childNodes).filter(n => n.nodeType === 3)"
                ".map(n => n.textContent).join('').trim()"
            )
            shown[(party, summit)] = word
    assert shown == _long_cells(bundled)
    daggers = page.eval_on_selector_all("table.matrix .dagger", "els => els.length")
    assert daggers > 0


def test_in_a_browser_every_link_is_http(opened: tuple[Any, list[str], list[str]]) -> None:
    page, _, _ = opened
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    external = [h for h in hrefs if "#" not in h or not h.startswith("file:")]
    assert external and all(h.startswith(("http://", "https://")) for h in external)


def test_in_a_browser_hover_and_focus_reveal_a_cells_reasons(
    opened: tuple[Any, list[str], list[str]],
) -> None:
    page, _, _ = opened
    cell = page.locator("table.matrix td.cell[tabindex]", has_text="minister").first
    tip = cell.locator(".tip")
    assert not tip.is_visible()
    cell.hover()
    assert tip.is_visible()
    assert "cancelled" in tip.inner_text()
    page.mouse.move(0, 0)
    cell.focus()
    assert tip.is_visible()


def test_on_a_phone_nothing_overflows_the_viewport(
    opened: tuple[Any, list[str], list[str]],
) -> None:
    page, _, _ = opened
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_in_print_the_tables_fit_the_page(
    opened: tuple[Any, list[str], list[str]], tmp_path: Path
) -> None:
    page, _, _ = opened
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less 12 mm margins, at 96 dpi
    overflow = page.evaluate(
        "Array.from(document.querySelectorAll('table, figure, svg'))"
        ".map(e => e.getBoundingClientRect().right)"
        ".filter(right => right > document.documentElement.clientWidth + 1)"
    )
    assert overflow == []
    pdf = tmp_path / "r.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_page_builder_keeps_unknown_pairs_out_of_the_changes_but_names_them() -> None:
    report = pages.Report(
        title="t", span="", summits=[], parties=[], cells={}, stats=((), []), changes=[],
        unknown=[("EU", "nato-2025")], timeline=[],
    )  # fmt: skip
    text = pages.page(report)
    assert "Nothing recorded (not compared): EU at nato-2025" in text
    json.dumps(text)  # one string, nothing else
