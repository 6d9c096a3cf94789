"""Output for people: Rich tables and views on one stdout and one stderr console.

Rich detects pipes and NO_COLOR itself, so piped output is plain text. User
text always goes in as ``Text`` (never markup), so a reason containing
``[bold]`` prints literally.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from summits import dates, models
from summits.errors import visible
from summits.fitting import CODE, FITS, TEXT, Fit, Fitted, is_code

if TYPE_CHECKING:
    from summits.analysis import Cell, Change, Matrix, SummitTimeline
    from summits.formats import Sheet
    from summits.store import Record

# Kind → (symbol, style), as the vocabulary declares them: the symbol carries the
# meaning without colour.
KIND_STYLE: dict[str, tuple[str, str]] = {
    kind.name: (kind.symbol, kind.colour) for kind in models.KIND.values()
}


# Output to a pipe or file is not wrapped at an arbitrary 80 columns: each table
# row stays on one line, as grep, sort and diff want, up to this sane limit.
PIPE_WIDTH = 400
# A picture made where there is no terminal to take the width from.
PICTURE_WIDTH = 100


def stdout() -> Console:
    """The console for standard output, built for the current stream and settings.

    Rich reads COLUMNS, NO_COLOR and whether the stream is a terminal when a
    Console is made, so one is cached per (stream, COLUMNS, NO_COLOR): a test
    that swaps the stream or sets COLUMNS gets a console that sees it.
    """
    return _console(sys.stdout, _columns(), os.environ.get("NO_COLOR"))


def _columns() -> int | None:
    """COLUMNS when it is set to a width (as Rich reads it), else None."""
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else None


@functools.lru_cache(maxsize=8)
def _console(stream: object, columns: int | None, no_color: str | None) -> Console:
    console = Console(highlight=False)
    if columns is not None:
        console.width = columns
    elif not console.is_terminal:
        console.width = PIPE_WIDTH  # tables print at their natural width, not 80
    return console


@functools.cache
def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def show(
    renderables: Sequence[RenderableType],
    svg: Path | None = None,
    html: Path | None = None,
    title: str = "summits",
    prose: bool = False,
) -> None:
    """Print, and save what was printed as SVG and/or HTML.

    The picture is drawn by a second, recording console, always in colour even
    when the text goes plain to a pipe. It has the terminal's width (or
    COLUMNS), so it holds the very lines that were printed; with no terminal
    and no COLUMNS it is PICTURE_WIDTH wide, a readable page, where the piped
    text keeps each row on one line. Views that are read as prose (a
    timeline, its notes and sources) go to a pipe at PICTURE_WIDTH too, a
    page rather than a 400-column line. Pictures are saved first, so a path
    that cannot be written is refused before anything is printed.
    """
    console = stdout()
    if prose and not console.is_terminal and not _columns():
        console = _console(sys.stdout, PICTURE_WIDTH, os.environ.get("NO_COLOR"))
    if svg or html:
        width = console.width if console.is_terminal or _columns() else PICTURE_WIDTH
        _save_pictures(renderables, width, svg, html, title)
    # crop=False: a source URL longer than the line overflows it whole, on a line of
    # its own, rather than being cut (see ``source_line``); nothing else is wider.
    if console.is_terminal:
        for renderable in renderables:
            whole = isinstance(renderable, WholeLine)
            console.print(Visible(renderable), crop=False, soft_wrap=whole)
        return
    # Plain text for a pipe or a file: Rich pads table cells to the column
    # width, and trailing blanks only get in the way of grep, diff and tests.
    with console.capture() as capture:
        for renderable in renderables:
            whole = isinstance(renderable, WholeLine)
            console.print(Visible(renderable), crop=False, soft_wrap=whole)
    console.file.write("".join(line.rstrip() + "\n" for line in capture.get().splitlines()))


def _save_pictures(
    renderables: Sequence[RenderableType],
    width: int,
    svg: Path | None,
    html: Path | None,
    title: str,
) -> None:
    """Record the output and write each picture atomically: all of it, or the old file."""
    from summits import outfiles

    recorder = Console(
        record=True,
        highlight=False,
        width=width,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
    )
    for renderable in renderables:
        if isinstance(renderable, WholeLine):
            # A picture has no terminal to wrap an overflowing line: fold it as one would.
            renderable = renderable.copy()
            renderable.no_wrap, renderable.overflow = False, "fold"
        recorder.print(Visible(renderable))
    # force: an existing file was refused (or --force given) as the option was read.
    if svg:
        outfiles.write(svg, recorder.export_svg(title=title, clear=False).encode(), force=True)
    if html:
        outfiles.write(html, recorder.export_html(clear=False).encode(), force=True)


class Visible:
    """A renderable whose text shows every control or bidi character escaped (``\\x1b``).

    The rules refuse such characters on every write path, but a file can be
    edited by hand or come from elsewhere: whatever reaches the screen, an
    escape sequence in a reason must never clear it, retitle the window or fake
    a link, and an override must never reorder what is read. So every
    renderable is printed through this, which rewrites the text of Rich's
    segments (never Rich's own control segments, never the newlines).
    """

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            text = segment.text
            if segment.control or text.isprintable() or text == "\n":
                yield segment
            else:
                yield Segment("\n".join(map(visible, text.split("\n"))), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class WholeLine(Text):
    """A line printed whole: never wrapped, folded or cut (``show`` soft-wraps it)."""


def source_line(source: str, indent: int, right: bool = False) -> RenderableType:
    """``source: URL`` on a line of its own, a URL whole: never folded or cut.

    A web address is a hyperlink in a terminal (OSC 8, which Rich drops in a
    pipe); one longer than the line overflows it whole, where the terminal
    wraps it, so it can still be copied or clicked. Only http(s) addresses link.
    A citation in words wraps at its words, beside its label, like any text.
    ``right`` aligns the label to the right of ``indent`` (as a summit's facts are).
    """
    label = "source".rjust(indent - 2) if right else " " * indent + "source"
    colon = "  " if right else ": "
    if any(c.isspace() for c in source):
        grid = Table.grid()
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(style="dim", overflow="fold")
        grid.add_row(label + colon, Text(source))
        return grid
    line = WholeLine(label, style="dim", no_wrap=True, overflow="ignore")
    line.append(colon, style="dim")
    link = source if source.startswith(("https://", "http://")) else None
    line.append(source, style=Style(link=link, dim=True) if link else Style(dim=True))
    return line


def kind_text(kind: str) -> Text:
    symbol, style = KIND_STYLE.get(kind, ("?", ""))
    return Text(f"{symbol} {kind}", style=style)


def _table(*columns: str, title: str | None = None) -> Fitted:
    table = Table(
        title=title,
        title_justify="left",
        header_style="bold",
        box=None,
        pad_edge=False,
        show_edge=False,
        padding=(0, 1, 0, 0),
    )
    for column in columns:
        table.add_column(column)
    return Fitted(table, [CODE if is_code(c) else FITS.get(c, TEXT) for c in columns])


def who(event: Mapping[str, Any], persons: Mapping[str, str] | None = None) -> Text:
    """The person, their rank and how they took part: ``Lula (leader, video)``.

    With ``persons`` (id → name), a registered person's name follows a ``by``
    that differs from it: ``Lula [Luiz Inácio Lula da Silva]``.
    """
    text = Text(event["by"])
    name = (persons or {}).get(event["person"], "")
    if name and name != event["by"]:
        text.append(f" [{name}]")
    rank = [word for word in (event["level"], models.mode_said(event["mode"])) if word]
    if rank:
        words = ", ".join(rank)
        text.append(f" ({words})" if event["by"] else words, style="dim")
    return text


def events_table(events: Iterable[Record]) -> RenderableType:
    fitted = _table("id", "date", "summit", "party", "kind", "who", "reason")
    count = 0
    for event in events:
        count += 1
        fitted.table.add_row(
            Text(event["id"], style="dim"),
            dates.display(event["date"]),
            Text(event["summit"]),
            Text(event["party"]),
            kind_text(event["kind"]),
            who(event),
            Text(event["reason"]),
        )
    return fitted if count else Text("no events match", style="dim")


def summits_table(
    summits: Iterable[Record], invited: Mapping[str, int], logged: Mapping[str, int]
) -> RenderableType:
    """Summits with how many parties each invited and how many events each has."""
    fitted = _table("id", "name", "series", "host", "dates", "invited", "events")
    rows = list(summits)
    for doc in rows:
        fitted.table.add_row(
            Text(doc["id"]),
            Text(doc["name"]),
            Text(doc["series"]),
            Text(doc["host"]),
            date_span(doc["start"], doc["end"]),
            str(invited.get(doc["id"], 0)),
            str(logged.get(doc["id"], 0)),
        )
    return fitted if rows else Text("no summits match", style="dim")


def parties_table(rows: Sequence[dict[str, Any]]) -> RenderableType:
    fitted = _table("code", "name", "aliases")
    for doc in rows:
        fitted.table.add_row(Text(doc["code"]), Text(doc["name"]), Text(", ".join(doc["aliases"])))
    none = "no organisations registered (countries need none)"
    return fitted if rows else Text(none, style="dim")


def persons_table(rows: Sequence[dict[str, Any]]) -> RenderableType:
    fitted = _table("id", "name", "aliases", "party", "wikidata")
    for doc in rows:
        fitted.table.add_row(
            Text(doc["id"]),
            Text(doc["name"]),
            Text(", ".join(doc["aliases"])),
            Text(doc["party"]),
            Text(doc["wikidata"]),
        )
    return fitted if rows else Text("no persons registered", style="dim")


def date_span(start: str, end: str) -> str:
    """A summit's dates: ``2025-06-24 \u2013 2025-06-25``, each as people read it."""
    return (
        dates.display(start)
        if start == end
        else f"{dates.display(start)} \u2013 {dates.display(end)}"
    )


FACT_LABEL = 8  # the width of a summit fact's label ("series", "source")


def summit_details(
    summit: Mapping[str, Any], invitations: Sequence[Record], names: Mapping[str, str]
) -> list[RenderableType]:
    """The summit's facts and its invitations (the views add its timeline)."""
    head = Text()
    head.append(summit["name"] + "  ", style="bold")
    head.append(f"({summit['id']})", style="dim")
    lines: list[RenderableType] = [head]
    facts = [
        ("series", summit["series"]),
        ("host", summit["host"]),
        ("dates", date_span(summit["start"], summit["end"])),
        ("notes", summit["notes"]),
    ]
    grid = Table.grid(padding=(0, 2, 0, 0))
    grid.add_column(style="dim", justify="right", min_width=FACT_LABEL, overflow="fold")
    grid.add_column(overflow="fold")
    for label, value in facts:
        if value:
            grid.add_row(label, Text(value))
    lines.append(grid)
    lines += [source_line(source, FACT_LABEL + 2, right=True) for source in summit["sources"]]
    if invitations:
        noted = any(doc["notes"] for doc in invitations)
        columns = ("party", "name", "role", "invited", *(("notes",) if noted else ()))
        fitted = _table(*columns, title="Invitations")
        for doc in invitations:
            cells = [Text(doc["party"]), Text(names.get(doc["party"], "")), doc["role"]]
            cells.append(dates.display(doc["date"]))
            fitted.table.add_row(*cells, *((Text(doc["notes"]),) if noted else ()))
        lines += [Text(""), fitted]
    return lines


# -- views: timeline, matrix, changes ------------------------------------------------

# Level → colour, from the most senior (bright green) down: the matrix reads at a glance.
LEVEL_STYLE: dict[str, str] = {
    "leader": "bold green",
    "deputy-leader": "green",
    "minister": "yellow",
    "senior-official": "dark_orange",
    "ambassador": "orange_red1",
    "official": "red",
    "attended": "green",
}
MARK = "\u2020"  # †: a stand-in: someone cancelled or declined, another person went
DOWN, UP = ("\u25bc", "red"), ("\u25b2", "green")  # ▼ ▲


def heading(text: str) -> Text:
    return Text(text, style="bold")


def summit_heading(summit: Mapping[str, Any]) -> list[RenderableType]:
    """``NATO Summit 2025 (nato-2025)`` over its place, dates and series."""
    head = Text()
    head.append(summit["name"] + "  ", style="bold")
    head.append(f"({summit['id']})", style="dim")
    facts = [summit["host"], date_span(summit["start"], summit["end"])]
    if summit["series"]:
        facts.append(f"series {summit['series']}")
    facts += _unusual(summit)
    return [head, Text(" \u00b7 ".join(fact for fact in facts if fact), style="dim")]


def _unusual(summit: Mapping[str, Any]) -> list[str]:
    """A summit's format and status when they are not the declared defaults."""
    declared = models.FIELD["summits"]
    return [
        str(summit[name])
        for name in ("status", "format")
        if summit[name] and summit[name] != declared[name].default
    ]


def timeline(
    views: Sequence[SummitTimeline],
    names: Mapping[str, str],
    headings: bool = True,
    persons: Mapping[str, str] | None = None,
) -> list[RenderableType]:
    """Each summit's events by date: kind by symbol and colour, who, level, why, sources."""
    if not views:
        return [Text("no events match", style="dim")]
    out: list[RenderableType] = []
    for number, view in enumerate(views):
        if headings:
            out += [Text("")] if number else []
            out += [*summit_heading(view.summit), Text("")]
        if view.days:
            out += _timeline_table(view, names, persons or {})
        else:
            out.append(Text("no events", style="dim"))
    return out


# The timeline's columns: a date (or "summit day 1"), a kind with its symbol.
DATE_WIDTH = len("summit day 1")
KIND_WIDTH = max(map(len, KIND_STYLE)) + 2
SOURCE_INDENT = DATE_WIDTH + 2 + KIND_WIDTH + 2  # sources line up with the text


def _timeline_table(
    view: SummitTimeline, names: Mapping[str, str], persons: Mapping[str, str]
) -> list[RenderableType]:
    """A row for each event, each followed by its sources whole (``source_line``).

    A table row cannot hold a line wider than the screen, and a URL folded in
    the middle can no longer be copied or clicked, so each event is a one-row
    table of fixed-width columns (aligned with the others) and its sources follow.
    """
    from summits import analysis

    out: list[RenderableType] = []
    # A date shown wider than "summit day 1" (an interval) widens the summit's column.
    width = max(DATE_WIDTH, *(len(dates.display(day.date)) for day in view.days))
    indent = SOURCE_INDENT + width - DATE_WIDTH
    for number, day in enumerate(view.days):
        if number:
            out.append(Text(""))
        when = Text(dates.display(day.date))
        nth = analysis.summit_day(view.summit, day.date)
        if nth is not None:
            when.append(f"\nsummit day {nth}", style="dim")
        for index, event in enumerate(day.events):
            table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
            table.add_column("date", min_width=width)
            table.add_column("kind", min_width=KIND_WIDTH)
            table.add_column("what")
            table.add_row(
                when if index == 0 else "", kind_text(event["kind"]), _what(event, names, persons)
            )
            out.append(Fitted(table, [CODE, CODE, Fit(share=1, least=22)]))
            out += [source_line(source, indent) for source in event["sources"]]
    return out


def _append_who(
    text: Text, event: Mapping[str, Any], persons: Mapping[str, str], separator: str
) -> None:
    """Who, their rank and how (``who``), and whom they stood in for, after ``separator``."""
    person = who(event, persons)
    if person:
        text.append(separator)
        text.append_text(person)
    if event["instead_of"]:
        text.append(f" instead of {event['instead_of']}", style="italic")


def _what(
    event: Mapping[str, Any], names: Mapping[str, str], persons: Mapping[str, str]
) -> RenderableType:
    """Party and person on the first line; the reason, notes and tags below."""
    text = Text()
    name = names.get(event["party"])
    text.append(event["party"] + (" " if name else ""), style="bold")
    if name:
        text.append(name)
    _append_who(text, event, persons, " \u00b7 ")
    if event["reason"]:
        text.append("\n")
        text.append(event["reason"])
    more = [("note", event["notes"])] if event["notes"] else []
    more += [("tags", ", ".join(event["tags"]))] if event["tags"] else []
    return Group(text, _labelled(more)) if more else text


def _labelled(rows: Sequence[tuple[str, str]]) -> Table:
    """Dim ``label: value`` lines whose values (long URLs) fold beside the label."""
    grid = Table.grid(padding=(0, 1, 0, 0))
    grid.add_column(style="dim", overflow="fold")
    grid.add_column(overflow="fold", style="dim")
    for label, value in rows:
        grid.add_row(f"{label}:", Text(value))
    return grid


def matrix(grid: Matrix, names: Mapping[str, str]) -> list[RenderableType]:
    """Parties by summits, coloured by level, with a legend of the marks that appear."""
    if not grid.parties:
        return [Text("no invitations or events in these summits", style="dim")]
    table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
    table.add_column("party")
    table.add_column("name")
    for summit in grid.summits:
        table.add_column(summit_header(summit))
    for party in grid.parties:
        cells = [grid.cell(party, summit["id"]) for summit in grid.summits]
        table.add_row(Text(party, style="bold"), Text(names.get(party, "")), *map(_cell, cells))
    fits = [CODE, TEXT, *(CODE for _ in grid.summits)]
    return [*_matrix_heading(grid), Fitted(table, fits), Text(""), _legend(grid)]


def summit_header(summit: Mapping[str, Any]) -> Text:
    """A summit's id, with its status when it was not held: ``g20-2020 (postponed)``."""
    from summits import analysis

    text = Text(summit["id"])
    if not analysis.held(summit):
        text.append(f" ({summit['status']})", style="dim")
    return text


def _matrix_heading(grid: Matrix) -> list[RenderableType]:
    """The series, how many summits and their span, then a blank line."""
    first, last = grid.summits[0], grid.summits[-1]
    series = sorted({summit["series"] for summit in grid.summits if summit["series"]})
    head = Text((", ".join(series) or "summits") + " ", style="bold")
    span = date_span(first["start"], last["end"])
    count = len(grid.summits)
    head.append(f"\u00b7 {count} summit{'s' if count > 1 else ''} \u00b7 {span}", style="dim")
    return [head, Text("")]


def _cell(cell: Cell) -> Text:
    if cell.attended:
        # The space ends the coloured word rather than starting the mark: some
        # SVG renderers (librsvg) drop a text run's leading space.
        word = cell.word + (" " if cell.stand_in else "")
        text = Text(word, style=LEVEL_STYLE.get(cell.level or "attended", "green"))
        if cell.stand_in:
            text.append(MARK, style="bold red")
        return text
    if cell.word in KIND_STYLE:
        return kind_text(cell.word)
    return Text(cell.word, style="dim")


def _legend(grid: Matrix) -> Table:
    """What the marks in the cells mean, as ``key  explanation`` lines: those that appear."""
    from summits import analysis

    held = [summit for summit in grid.summits if analysis.held(summit)]
    cells = [grid.cell(party, summit["id"]) for party in grid.parties for summit in held]
    went = [cell for cell in cells if cell.attended]
    grid_table = Table.grid(padding=(0, 2, 0, 0))
    grid_table.add_column(style="dim", overflow="fold")
    grid_table.add_column(overflow="fold")
    levels = [level for level in models.LEVELS if any(cell.level == level for cell in went)]
    if went:
        line = Text()
        for number, level in enumerate(levels):
            line.append(", " if number else "")
            line.append(level, style=LEVEL_STYLE[level])
        if levels:
            line.append(": the level of the best attendance, most senior first")
        if any(not cell.level for cell in went):
            line.append("; " if levels else "")
            line.append("attended", style=LEVEL_STYLE["attended"])
            line.append(": level not recorded")
        grid_table.add_row("levels", line)
    for number, mode in enumerate(models.MODES[1:], 1):
        if any(cell.mode == mode for cell in went):
            below = models.MODES[number - 1]
            meaning = f"{models.MODE[mode]}; ranks below {below} at the same level"
            grid_table.add_row(f"({mode})", meaning)
    if any(cell.left_early for cell in went):
        meaning = "left before the summit ended; ranks below staying to the end in the same mode"
        grid_table.add_row(f"({analysis.LEFT_EARLY})", meaning)
    if any(cell.stand_in for cell in went):
        grid_table.add_row(
            Text(MARK, style="bold red"),
            "a stand-in: someone of the party cancelled or declined (or was stood in for), "
            "and a different person went",
        )
    words = Text()
    for kind in (k for k in KIND_STYLE if any(c.word == k and not c.attended for c in cells)):
        words.append(", " if words else "")
        words.append_text(kind_text(kind))
    if words:
        words.append(": the last word, when nobody attended")
        grid_table.add_row("words", words)
    if any(cell.word == analysis.INVITED for cell in cells):
        grid_table.add_row("invited", "invited, nothing more recorded")
    if any(not cell.word for cell in cells):
        grid_table.add_row("(blank)", "neither invited nor recorded")
    for status in models.STATUSES:
        if any(summit["status"] == status for summit in grid.summits if summit not in held):
            grid_table.add_row(f"({status})", f"the summit was {status}, not held: no cells")
    return grid_table


def changes(
    found: Sequence[Change],
    unknown: Sequence[tuple[str, str]] = (),
    persons: Mapping[str, str] | None = None,
) -> list[RenderableType]:
    """Each rise, fall and stand-in, party by party, with the events that explain it.

    A closing line names the party-summit pairs whose representation is not
    known, which were not compared. ``persons`` (id → name) shows a registered
    person's name beside the ``by`` of an event.
    """
    out: list[RenderableType] = []
    if not found:
        out.append(Text("no changes in representation", style="dim"))
    else:
        table = Table(box=None, pad_edge=False, padding=(0, 2, 0, 0), header_style="bold")
        table.add_column("party")
        table.add_column("summit")
        table.add_column("change and why")
        last = None
        for change in found:
            party = Text()
            if change.party != last:
                if last is not None:
                    table.add_row("", "", "")
                party.append(change.party, style="bold")
                party.append(f"\n{change.party_name}" if change.party_name else "")
            last = change.party
            table.add_row(party, Text(change.summit), _change(change, persons or {}))
        out.append(Fitted(table, [CODE, CODE, Fit(share=1, least=24)]))
    if unknown:
        out += [Text(""), _unknown(unknown)]
    return out


def _unknown(pairs: Sequence[tuple[str, str]]) -> Text:
    """``unknown …: EU at nato-2022, nato-2023; NZL at nato-2024`` on one line."""
    by_party: dict[str, list[str]] = {}
    for party, summit in pairs:
        by_party.setdefault(party, []).append(summit)
    text = Text("unknown (nothing recorded says whether they came), not compared: ", style="dim")
    for number, (party, summits) in enumerate(by_party.items()):
        text.append("; " if number else "")
        text.append(party, style="bold")
        text.append(" at " + ", ".join(summits))
    return text


CHANGE_STYLE = {"down": DOWN, "up": UP, "stand-in": (MARK, "bold red")}


def _change(change: Change, persons: Mapping[str, str]) -> Text:
    from summits import analysis

    symbol, style = CHANGE_STYLE[change.direction]
    text = Text(f"{symbol} {change.direction}  ", style=style)
    text.append(change.before)
    text.append(" \u2192 ")
    text.append(change.after, style="bold")
    text.append(f"  (previous: {change.previous})", style="dim")
    for event in change.explaining:
        text.append("\n")
        text.append_text(_event_line(event, persons))
    if not change.explaining and change.direction == "down":
        kinds = [kind for kind in models.KINDS if kind in analysis.EXPLAINING]
        listed = ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        text.append(f"\nno {listed} event recorded", style="dim")
    if change.stand_in and change.representative is not None:
        text.append("\n")
        text.append_text(_event_line(change.representative, persons))
    return text


def _event_line(event: Mapping[str, Any], persons: Mapping[str, str]) -> Text:
    """``⊘ cancelled 2025-06-23 Shigeru Ishiba (leader): reason``."""
    text = kind_text(event["kind"])
    text.append(f" {dates.display(event['date'])}")
    _append_who(text, event, persons, " ")
    if event["reason"]:
        text.append(": ")
        text.append(event["reason"])
    return text


# -- statistics ----------------------------------------------------------------------

# A party's representation at each summit, as a bar: the higher, the more senior.
BLOCKS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588"  # ▁▂▃▄▅▆▇█
UNKNOWN_MARK, NO_LEVEL_MARK = "\u00b7", "?"  # ·


def spark(cell: Cell) -> str:
    """One summit of a sparkline: ``█`` the leader in person … ``▁`` nobody came.

    Each level has a bar (the leader by video or a message one below the
    leader in person); ``?`` an attendance without a level; ``·`` unknown; a
    space neither invited nor recorded (or a summit not held).
    """
    if cell.attended:
        rank = models.level_rank(cell.level)
        if not rank:
            return NO_LEVEL_MARK
        top = rank == len(models.LEVELS) and cell.mode == models.MODES[0]
        return BLOCKS[rank + 1 if top else rank]
    if cell.known:
        return BLOCKS[0]
    return UNKNOWN_MARK if cell.word else " "


def stats(sheet: Sheet, grid: Matrix) -> list[RenderableType]:
    """The statistics, each party's sparkline across the summits, and the party's name last.

    The name comes last, where it may wrap, so the counts keep one line each.
    """
    from summits import analysis

    # Two-line headers where the words allow: the counts are narrow.
    headers = {
        "leader_in_person": "in\nperson",
        "left_early": "left\nearly",
        "stand_in": "stand-\nin",
        "withdrew": "with-\ndrew",
        "leader_rate": "rate",
    }
    counts = [column for column in sheet.columns if column not in ("party", "party_name")]
    table = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0), header_style="bold")
    table.add_column("party")
    for column in counts:
        table.add_column(headers.get(column, column), justify="right")
    table.add_column("levels")
    table.add_column("name")
    marks: set[str] = set()
    for row in sheet.rows:
        code = str(row["party"])
        line = ""
        if code != analysis.ALL:
            line = "".join(spark(grid.cell(code, summit["id"])) for summit in grid.summits)
            marks.update(line)
        style = "bold" if code == analysis.ALL else ""
        values = [Text("" if row[c] is None else str(row[c]), style=style) for c in counts]
        table.add_row(Text(code, style="bold"), *values, line, Text(str(row["party_name"])))
    fits = [CODE, *(CODE for _ in counts), CODE, TEXT]
    return [Fitted(table, fits), Text(""), _spark_legend(marks)]


def _spark_legend(marks: set[str]) -> Text:
    """What the sparkline's marks mean: those that appear."""
    meanings = [(BLOCKS[len(models.LEVELS) + 1], f"{models.LEVELS[0]} in person")]
    meanings.append((BLOCKS[len(models.LEVELS)], f"{models.LEVELS[0]} by video or message"))
    meanings += [(BLOCKS[models.level_rank(level)], level) for level in models.LEVELS[1:]]
    meanings += [(NO_LEVEL_MARK, "level not recorded"), (BLOCKS[0], "none")]
    meanings += [(UNKNOWN_MARK, "unknown")]
    text = Text("levels, summit by summit in date order: ", style="dim")
    shown = [(mark, meaning) for mark, meaning in meanings if mark in marks]
    for number, (mark, meaning) in enumerate(shown):
        text.append(", " if number else "", style="dim")
        text.append(mark)
        text.append(f" {meaning}", style="dim")
    if " " in marks:
        text.append("; blank: neither invited nor recorded, or not held", style="dim")
    return text


def sheet(found: Sheet) -> RenderableType:
    """Any machine sheet as a plain table (``matrix --long`` for people)."""
    columns = list(found.columns)
    table = _table(*columns)
    count = 0
    for row in found.rows:
        count += 1
        cells = []
        for column in columns:
            value = row.get(column)
            if isinstance(value, bool):
                value = "true" if value else "false"
            cells.append(Text("" if value is None else str(value)))
        table.table.add_row(*cells)
    return table if count else Text("nothing to show", style="dim")
