"""The report: one self-contained HTML page a researcher can send.

Everything is inline — the CSS, and the chart as SVG — and a Content Security
Policy forbids anything else, so the page makes no network request and runs no
script. Every piece of user text goes through ``html.escape``; only ``http`` and
``https`` sources become links (``rel="noopener noreferrer"``), any other scheme
stays text. The page prints on A4 without cut tables and reads on a phone:
wide tables scroll inside their own box on a screen and shrink to the page in
print. The data comes in as plain records (``Report``), built by ``gather``
from the same analysis that the matrix, changes and stats commands print.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from summits import models

Record = Mapping[str, Any]


@dataclass
class Cell:
    """One party at one summit, as the matrix shows it, and the events behind it."""

    text: str  # the matrix's word: "leader", "leader (video)", "declined", "invited", ""
    level: str = ""
    stand_in: bool = False
    events: list[Record] = field(default_factory=list)


@dataclass
class Report:
    """What the page shows, in order."""

    title: str
    span: str
    summits: list[Record]
    parties: list[tuple[str, str]]  # (code, name), in order
    cells: dict[tuple[str, str], Cell]
    stats: tuple[Sequence[str], list[Mapping[str, Any]]]  # columns, rows
    changes: list[Mapping[str, Any]]  # the changes' rows, reasons as a list
    unknown: list[tuple[str, str]]  # (party, summit) with nothing known
    timeline: list[tuple[Record, list[Record]]]  # each summit and its events, in order
    chart_svg: str = ""
    persons: Mapping[str, str] = field(default_factory=dict)


def esc(value: Any) -> str:
    return html.escape(str(value), quote=True)


def link(source: str) -> str:
    """A source as HTML: a link when it is an http(s) address, else escaped text."""
    try:
        scheme = urlsplit(source).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme in ("http", "https") and not any(c.isspace() for c in source):
        return f'<a href="{esc(source)}" rel="noopener noreferrer">{esc(source)}</a>'
    return esc(source)


def page(report: Report) -> str:
    """The whole HTML document."""
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # Nothing but what is inline: no fetch, no font, no script, whatever the data says.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(report.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{esc(report.title)}</h1>",
        f'<p class="span">{esc(report.span)} · {len(report.summits)} '
        f"summit{'s' if len(report.summits) != 1 else ''}</p>",
        "</header>",
        "<main>",
        _stats(report),
        _matrix(report),
        _chart(report),
        _changes(report),
        _timeline(report),
        "</main>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# -- sections ------------------------------------------------------------------------


def _stats(report: Report) -> str:
    columns, rows = report.stats
    if not rows:
        return ""
    head = "".join(f'<th scope="col">{esc(c.replace("_", " "))}</th>' for c in columns)
    body = []
    for row in rows:
        cells = []
        for index, column in enumerate(columns):
            raw = row.get(column)
            value = esc("" if raw is None else raw)
            number = isinstance(raw, int | float) and not isinstance(raw, bool)
            cells.append(
                f'<th scope="row">{value}</th>'
                if index == 0
                else f'<td class="num">{value}</td>'
                if number
                else f"<td>{value}</td>"
            )
        total = ' class="all"' if row.get(columns[0]) == "all" else ""
        body.append(f"<tr{total}>{''.join(cells)}</tr>")
    return (
        '<section id="summary"><h2>Summary</h2>'
        '<div class="scroll"><table class="stats">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div></section>"
    )


def _matrix(report: Report) -> str:
    if not report.parties:
        return '<section id="matrix"><h2>Who came</h2><p>No invitations or events.</p></section>'
    heads = ['<th scope="col">party</th>', '<th scope="col">name</th>']
    for summit in report.summits:
        status = summit.get("status", "held")
        note = f"<br><em>{esc(status)}</em>" if status and status != "held" else ""
        heads.append(
            f'<th scope="col"><span class="sid">{esc(summit["id"])}</span>'
            f"<br><small>{esc(summit['start'])}</small>{note}</th>"
        )
    rows = []
    notes: list[str] = []
    marks: set[str] = set()
    for code, name in report.parties:
        cells = [f'<th scope="row">{esc(code)}</th>', f"<td>{esc(name)}</td>"]
        for summit in report.summits:
            if summit.get("status", "held") != "held":
                cells.append('<td class="cell off"></td>')
                continue
            cell = report.cells.get((code, summit["id"]), Cell(""))
            cells.append(_cell(report, code, summit, cell, notes, marks))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<section id="matrix"><h2>Who came</h2>'
        '<div class="scroll"><table class="matrix">'
        f"<thead><tr>{''.join(heads)}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        + _legend(marks)
        + (f'<ol class="notes">{"".join(notes)}</ol>' if notes else "")
        + "</section>"
    )


def _cell(
    report: Report, code: str, summit: Record, cell: Cell, notes: list[str], marks: set[str]
) -> str:
    classes = ["cell", f"lvl-{cell.level}" if cell.level else f"w-{cell.text or 'blank'}"]
    text = esc(cell.text)
    for word, mark in (("video", "video"), ("message", "message"), ("left early", "left-early")):
        if f"({word})" in cell.text:
            marks.add(mark)
    if cell.level:
        marks.add("level")
    elif cell.text:
        marks.add(cell.text)
    if cell.stand_in:
        text += ' <span class="dagger" title="a stand-in">†</span>'
        marks.add("stand-in")
    if not cell.events:
        return f'<td class="{" ".join(classes)}">{text}</td>'
    number = len(notes) + 1
    anchor = f"n{number}"
    items = "".join(f"<li>{_event_line(report, event)}</li>" for event in cell.events)
    notes.append(
        f'<li id="{anchor}"><b>{esc(code)}</b> at <b>{esc(summit["id"])}</b><ul>{items}</ul></li>'
    )
    return (
        f'<td class="{" ".join(classes)}" tabindex="0" aria-describedby="{anchor}">'
        f'{text}<sup><a href="#{anchor}">{number}</a></sup>'
        f'<span class="tip" role="tooltip"><ul>{items}</ul></span></td>'
    )


def _event_line(report: Report, event: Record, party: bool = False) -> str:
    """``⊘ cancelled 2025-06-23 [JPN ·] Shigeru Ishiba (leader): reason``, escaped."""
    kind = models.KIND.get(str(event["kind"]))
    symbol = kind.symbol if kind else "?"
    who = esc(event["by"])
    name = report.persons.get(str(event.get("person", "")), "")
    if name and name != event["by"]:
        who += f" [{esc(name)}]"
    rank = [
        word
        for word in (event.get("level", ""), models.mode_said(str(event.get("mode", ""))))
        if word
    ]
    if rank:
        who += f" ({esc(', '.join(rank))})"
    text = f'<span class="k k-{esc(event["kind"])}">{symbol} {esc(event["kind"])}</span> '
    text += f"<time>{esc(event['date'])}</time> "
    text += f"<b>{esc(event['party'])}</b> · {who}" if party else who
    if event.get("instead_of"):
        text += f" <i>instead of {esc(event['instead_of'])}</i>"
    if event.get("reason"):
        text += f": {esc(event['reason'])}"
    return text


LEGEND = {
    "level": "the level that attended, coloured from leader (darkest) down",
    "video": "(video): joined by video link",
    "message": "(message): a recorded video or written statement only",
    "left-early": "(left early): left before the summit ended",
    "stand-in": "†: a stand-in — someone else went after the expected person withdrew",
    "declined": "declined: said no",
    "cancelled": "cancelled: pulled out after saying yes",
    "absent": "absent: did not come",
    "confirmed": "confirmed: said yes, attendance not yet recorded",
    "invited": "invited: nothing more recorded",
}


def _legend(marks: set[str]) -> str:
    items = [f"<li>{esc(text)}</li>" for key, text in LEGEND.items() if key in marks]
    return f'<ul class="legend">{"".join(items)}</ul>' if items else ""


def _chart(report: Report) -> str:
    if not report.chart_svg:
        return ""
    return (
        '<section id="chart"><h2>Representation across the summits</h2>'
        f'<figure class="chart">{report.chart_svg}</figure></section>'
    )


def _changes(report: Report) -> str:
    items = []
    for change in report.changes:
        arrow = {"down": "▼", "up": "▲"}.get(str(change["direction"]), "†")
        reasons = "".join(f"<li>{esc(reason)}</li>" for reason in change.get("reasons", []))
        items.append(
            f'<li class="d-{esc(change["direction"])}"><b>{esc(change["party"])}</b> '
            f"{esc(change.get('party_name', ''))} at <b>{esc(change['summit'])}</b>: "
            f'<span class="arrow">{arrow}</span> {esc(change["direction"])} '
            f"{esc(change['from'])} → <b>{esc(change['to'])}</b> "
            f"<small>(previous: {esc(change['previous'])})</small>"
            + (f"<ul>{reasons}</ul>" if reasons else "")
            + "</li>"
        )
    if report.unknown:
        pairs = ", ".join(f"{esc(p)} at {esc(s)}" for p, s in report.unknown)
        items.append(f'<li class="unknown">Nothing recorded (not compared): {pairs}</li>')
    body = f"<ul>{''.join(items)}</ul>" if items else "<p>No changes in representation.</p>"
    return f'<section id="changes"><h2>Changes, and why</h2>{body}</section>'


def _timeline(report: Report) -> str:
    out = ['<section id="timeline"><h2>Timeline</h2>']
    for summit, events in report.timeline:
        facts = [summit.get("host", ""), f"{summit['start']} \u2013 {summit['end']}"]
        declared = models.FIELD["summits"]
        facts += [
            summit[name]
            for name in ("status", "format")
            if summit.get(name) and summit[name] != declared[name].default
        ]
        out.append(
            f"<article><h3>{esc(summit['name'])} <small>({esc(summit['id'])})</small></h3>"
            f'<p class="meta">{esc(" · ".join(f for f in facts if f))}</p>'
        )
        if not events:
            out.append("<p>No events.</p></article>")
            continue
        out.append('<ol class="events">')
        for event in events:
            more = ""
            if event.get("notes"):
                more += f'<p class="note">{esc(event["notes"])}</p>'
            for source in event.get("sources", []):
                more += f'<p class="src">source: {link(str(source))}</p>'
            out.append(f"<li>{_event_line(report, event, party=True)}{more}</li>")
        out.append("</ol></article>")
    out.append("</section>")
    return "".join(out)


CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --bg: #ffffff; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--ink); background: var(--bg); margin: 0 auto; padding: 16px; max-width: 1100px; }
h1 { font-size: 1.6em; margin: 0.2em 0; } h2 { font-size: 1.2em; margin-top: 1.6em; }
h3 { font-size: 1.05em; margin-bottom: 0.1em; }
.span, .meta, small { color: var(--muted); }
.scroll { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
.stats td.num { text-align: right; font-variant-numeric: tabular-nums; }
.stats tr.all { font-weight: 600; }
.matrix th[scope="row"] { position: sticky; left: 0; background: var(--bg); }
.matrix td.cell { position: relative; white-space: nowrap; }
.cell sup a { color: var(--muted); text-decoration: none; font-size: 0.75em; }
.lvl-leader { background: #1b7f3b; color: #fff; } .lvl-deputy-leader { background: #4caf50; }
.lvl-minister { background: #c9e7a7; } .lvl-senior-official { background: #ffe08a; }
.lvl-ambassador { background: #ffbf80; } .lvl-official { background: #ff9a8a; }
.lvl-leader sup a { color: #e8f5e9; }
.w-declined, .w-cancelled, .w-absent { color: #b00020; }
.w-invited, .w-blank { color: var(--muted); }
.dagger { font-weight: 700; color: #b00020; } .lvl-leader .dagger { color: #ffd54f; }
.tip { display: none; position: absolute; z-index: 2; left: 0; top: 100%; width: 22em;
  white-space: normal; background: #fff; color: var(--ink); border: 1px solid var(--line);
  padding: 6px 8px; box-shadow: 0 2px 8px rgba(0,0,0,0.15); font-size: 0.9em; }
.tip ul, .notes ul { margin: 0; padding-left: 1.1em; }
.cell:hover .tip, .cell:focus .tip, .cell:focus-within .tip { display: block; }
.legend { color: var(--muted); font-size: 0.9em; padding-left: 1.1em; }
.notes { font-size: 0.9em; }
.chart svg { max-width: 100%; height: auto; }
.events { list-style: none; padding-left: 0; } .events > li { margin: 0.5em 0; }
.note, .src { margin: 0.1em 0 0 1.2em; color: var(--muted); font-size: 0.92em; }
a { overflow-wrap: anywhere; }
.k-declined, .k-cancelled { color: #b00020; } .k-attended { color: #1b7f3b; }
.d-down .arrow { color: #b00020; } .d-up .arrow { color: #1b7f3b; }
@media (max-width: 600px) {
  body { padding: 8px; font-size: 14px; }
  .tip { width: 16em; }
}
@media print {
  @page { size: A4; margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 9pt; }
  .scroll { overflow: visible; }
  table { width: 100%; table-layout: fixed; font-size: 7.5pt; }
  th, td { padding: 2px 3px; overflow-wrap: anywhere; }
  .matrix td.cell { white-space: normal; }
  tr, li, figure { break-inside: avoid; }
  .tip { display: none !important; }
  a { color: inherit; }
}
"""


def build(
    grid: Any,
    names: Mapping[str, str],
    views: Sequence[Any],
    chart_svg: str,
    title: str,
) -> Report:
    """The page's data from the analysis: the matrix (restricted to its parties), the
    statistics, the changes and the unknown pairs it implies, and the timeline views."""
    from summits import analysis

    cells = {
        pair: Cell(
            text=cell.word,
            level=cell.level if cell.attended else "",
            stand_in=cell.stand_in,
            events=list(grid.events.get(pair, [])),
        )
        for pair, cell in grid.cells.items()
    }
    stats = analysis.stats(grid, names)
    changes = analysis.changes_sheet(analysis.changes(grid, names))
    summits = list(grid.summits)
    span = f"{summits[0]['start']} \u2013 {summits[-1]['end']}" if summits else ""
    return Report(
        title=title,
        span=span,
        summits=summits,
        parties=[(code, names.get(code, "")) for code in grid.parties],
        cells=cells,
        stats=(stats.columns, list(stats.rows)),
        changes=list(changes.rows),
        unknown=analysis.unknown(grid),
        timeline=[(view.summit, [e for day in view.days for e in day.events]) for view in views],
        chart_svg=chart_svg,
        persons=grid.persons,
    )


def inline_svg(svg: bytes) -> str:
    """matplotlib's SVG without its XML prolog and doctype, to sit inside the page."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else ""
