"""The representation chart: each party's level across the summits, with matplotlib.

Imported only by ``summits plot`` and ``summits report`` (matplotlib costs half
a second to import). The chart is drawn from the matrix's long rows (one a
party and summit: ``cell``, ``level``, ``mode``, ``left_early``, ``stand_in``),
so it says what the matrix says. Its output is deterministic for the same data:
no dates in PDF or PNG metadata, a fixed hash salt for SVG ids, so a figure
committed to a paper's repository changes only when the data does.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from summits import models

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS = ("png", "svg", "pdf")
# Cells that say the party was not there (known): drawn at "none". Any other
# cell without a level (invited, confirmed, blank) is unknown: a gap in the line.
NOT_THERE = frozenset(kind.name for kind in models.KIND.values() if kind.away)
# Markers by mode, best first: filled in person, hollow by video, a cross for a message.
MARKERS = {"in-person": "o", "video": "D", "message": "x"}
FIXED_METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None, "Creator": "summits"},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": "summits", "Producer": "summits"},
    "png": {"Software": "summits"},
}


def level_value(row: Mapping[str, Any]) -> float:
    """A long row's height on the chart: levels from 1 (official) to 6 (leader), 0 none.

    Unknown (invited, nothing said) is NaN: never drawn as a fall to none.
    """
    if row["level"]:
        return float(models.level_rank(str(row["level"])))
    if row["cell"] in NOT_THERE:
        return 0.0
    return math.nan


def chart(rows: Sequence[Mapping[str, Any]], title: str = "") -> Figure:
    """One line a party across the summits (in the rows' order); marks for mode and stand-ins."""
    from matplotlib.figure import Figure

    summits: dict[str, str] = {}  # id -> label, in order
    parties: dict[str, list[Mapping[str, Any]]] = {}
    for row in rows:
        summits.setdefault(str(row["summit"]), str(row["summit"]))
        parties.setdefault(str(row["party"]), []).append(row)
    order = {summit: index for index, summit in enumerate(summits)}
    # Wide enough for a label a summit, up to a page's width; beyond that labels thin out.
    width = min(max(6.0, 0.9 * len(summits) + 3), 14.0)
    height = 4.2
    figure = Figure(figsize=(width, height), dpi=100)
    axes = figure.add_subplot()
    # Parties at the same level would hide each other: each is nudged a little.
    spread = 0.5 / max(len(parties), 1)
    for number, (party, mine) in enumerate(sorted(parties.items())):
        nudge = (number - (len(parties) - 1) / 2) * min(spread, 0.08)
        xs = [order[str(row["summit"])] for row in mine]
        ys = [level_value(row) + nudge for row in mine]
        (line,) = axes.plot(xs, ys, linewidth=1.4, label=party)
        # The marks, one artist a kind of mark (thousands of points stay cheap to draw).
        marks: dict[tuple[str, bool], tuple[list[int], list[float]]] = {}
        for x, y, row in zip(xs, ys, mine, strict=True):
            if math.isnan(y) or not row["level"]:
                continue
            hollow = row["mode"] not in ("", "in-person") or row["left_early"] in (True, "true")
            key = (MARKERS.get(str(row["mode"]), "o"), hollow)
            marks.setdefault(key, ([], []))[0].append(x)
            marks[key][1].append(y)
            if row["stand_in"] in (True, "true"):
                axes.annotate("\u2020", (x, y), textcoords="offset points", xytext=(5, 4))
        for (marker, hollow), (mx, my) in sorted(marks.items()):
            color = line.get_color()
            axes.plot(
                mx, my, linestyle="none", marker=marker, markersize=6, color=color,
                markerfacecolor="white" if hollow else color,
            )  # fmt: skip
    step = max(1, math.ceil(len(summits) / 24))  # at most about 24 labels
    ticks = list(range(0, len(summits), step))
    labels = list(summits)
    axes.set_xticks(ticks, [labels[i] for i in ticks], rotation=30, ha="right")
    ranks = range(len(models.LEVELS) + 1)
    axes.set_yticks(list(ranks), ["none", *reversed(models.LEVELS)])
    axes.set_ylim(-0.5, len(models.LEVELS) + 0.5)
    axes.grid(axis="y", linewidth=0.4, alpha=0.5)
    axes.set_title(title or "Representation across the summits", loc="left", fontsize=11)
    if parties:
        axes.legend(
            loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8,
            ncols=_legend_columns(len(parties)),
        )  # fmt: skip
    # Margins in inches, set by hand: matplotlib's constrained layout measures every
    # text twice, which for a long series cost more than all the rest of a report.
    right = 0.3 + 0.85 * _legend_columns(len(parties)) if parties else 0.3
    figure.subplots_adjust(
        left=1.35 / width, right=1 - right / width, bottom=1.0 / height, top=1 - 0.4 / height
    )
    figure.text(
        0.01, 0.02, "hollow: by video, message or left early; \u2020: a stand-in; "
        "gaps: nothing known", fontsize=7, color="#555555", ha="left",
    )  # fmt: skip
    return figure


def _legend_columns(parties: int) -> int:
    """A legend no taller than the axes: about 14 parties a column."""
    return max(1, math.ceil(parties / 14))


def render(figure: Figure, fmt: str) -> bytes:
    """The figure's bytes in ``fmt`` (png, svg or pdf), the same for the same figure."""
    import matplotlib

    out = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "summits", "svg.fonttype": "none"}):
        figure.savefig(out, format=fmt, metadata=FIXED_METADATA[fmt])
    return out.getvalue()
