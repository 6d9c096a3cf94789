"""Output for people: Rich tables and views on one stdout and one stderr console.

Rich detects pipes and NO_COLOR itself, so piped output is plain text. User
text always goes in as ``Text`` (never markup), so a reason containing
``[bold]`` prints literally.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from summits.store import Database, Record

# Kind → (symbol, style): the symbol carries the meaning without colour.
KIND_STYLE: dict[str, tuple[str, str]] = {
    "confirmed": ("○", "cyan"),
    "attended": ("●", "green"),
    "declined": ("✕", "yellow"),
    "cancelled": ("⊘", "bold red"),
    "absent": ("\u2013", "magenta"),
}


@functools.cache
def stdout() -> Console:
    return Console(highlight=False)


@functools.cache
def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def show(
    renderables: Sequence[RenderableType],
    svg: Path | None = None,
    html: Path | None = None,
    title: str = "summits",
) -> None:
    """Print, and save exactly what was printed as SVG and/or HTML."""
    console = stdout()
    if svg or html:
        # A recording console the same width as the real one, so the picture
        # holds the very lines that were printed.
        console = Console(
            record=True,
            highlight=False,
            width=stdout().width,
            force_terminal=stdout().is_terminal,
            color_system="truecolor" if stdout().color_system else None,
        )
        console.file = stdout().file
    for renderable in renderables:
        console.print(renderable)
    if svg:
        console.save_svg(str(svg), title=title, clear=False)
    if html:
        console.save_html(str(html), clear=False)


def kind_text(kind: str) -> Text:
    symbol, style = KIND_STYLE.get(kind, ("?", ""))
    return Text(f"{symbol} {kind}", style=style)


# Columns of codes, ids and dates never wrap; free text shares the rest and folds.
_FIXED = frozenset(
    {
        "id",
        "date",
        "dates",
        "summit",
        "party",
        "code",
        "kind",
        "level",
        "role",
        "invited",
        "events",
        "series",
    }
)


def _table(*columns: str, title: str | None = None) -> Table:
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
        if column in _FIXED:
            table.add_column(column, no_wrap=True)
        else:
            table.add_column(column, overflow="fold")
    return table


def who(event: Record) -> Text:
    """The person and their rank: ``Lee Jae-myung (leader)``."""
    text = Text(event["by"])
    if event["level"]:
        text.append(f" ({event['level']})" if event["by"] else event["level"], style="dim")
    return text


def events_table(db: Database, events: Iterable[Record]) -> RenderableType:
    table = _table("id", "date", "summit", "party", "kind", "who", "reason")
    count = 0
    for event in events:
        count += 1
        table.add_row(
            Text(event["id"], style="dim"),
            event["date"],
            Text(event["summit"]),
            Text(event["party"]),
            kind_text(event["kind"]),
            who(event),
            Text(event["reason"]),
        )
    return table if count else Text("no events match", style="dim")


def summits_table(db: Database, summits: Iterable[Record]) -> RenderableType:
    invited: dict[str, int] = {}
    logged: dict[str, int] = {}
    for doc in db.rows("invitations"):
        invited[doc["summit"]] = invited.get(doc["summit"], 0) + 1
    for doc in db.rows("events"):
        logged[doc["summit"]] = logged.get(doc["summit"], 0) + 1
    table = _table("id", "name", "series", "host", "dates", "invited", "events")
    rows = list(summits)
    for doc in rows:
        table.add_row(
            Text(doc["id"]),
            Text(doc["name"]),
            Text(doc["series"]),
            Text(doc["host"]),
            date_span(doc["start"], doc["end"]),
            str(invited.get(doc["id"], 0)),
            str(logged.get(doc["id"], 0)),
        )
    return table if rows else Text("no summits match", style="dim")


def parties_table(rows: Sequence[dict[str, Any]]) -> RenderableType:
    table = _table("code", "name", "aliases")
    for doc in rows:
        table.add_row(Text(doc["code"]), Text(doc["name"]), Text(", ".join(doc["aliases"])))
    return table if rows else Text("no organisations registered (countries need none)", style="dim")


def date_span(start: str, end: str) -> str:
    return start if start == end else f"{start} \u2013 {end}"


def summit_details(db: Database, summit: Record) -> list[RenderableType]:
    """The summit's facts and its invitations (the views add its timeline)."""
    head = Text()
    head.append(summit["name"], style="bold")
    head.append(f"  ({summit['id']})", style="dim")
    lines: list[RenderableType] = [head]
    facts = [
        ("series", summit["series"]),
        ("host", summit["host"]),
        ("dates", date_span(summit["start"], summit["end"])),
        ("notes", summit["notes"]),
    ]
    for label, value in facts + [("source", s) for s in summit["sources"]]:
        if value:
            lines.append(Text.assemble((f"{label:>8}  ", "dim"), value))
    invitations = db.invitations(summit["id"])
    if invitations:
        table = _table("party", "name", "role", "invited", title="Invitations")
        for doc in invitations:
            table.add_row(
                Text(doc["party"]), Text(db.party_name(doc["party"])), doc["role"], doc["date"]
            )
        lines += [Text(""), table]
    return lines
