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
    width = max(6.0, 1.1 * len(summits) + 3)
    figure = Figure(figsize=(width, 4.2), dpi=100, layout="constrained")
    axes = figure.add_subplot()
    # Parties at the same level would hide each other: each is nudged a little.
    spread = 0.5 / max(len(parties), 1)
    for number, (party, mine) in enumerate(sorted(parties.items())):
        nudge = (number - (len(parties) - 1) / 2) * min(spread, 0.08)
        xs = [order[str(row["summit"])] for row in mine]
        ys = [level_value(row) + nudge for row in mine]
        (line,) = axes.plot(xs, ys, linewidth=1.4, label=party)
        for x, y, row in zip(xs, ys, mine, strict=True):
            if math.isnan(y) or not row["level"]:
                continue
            hollow = row["mode"] not in ("", "in-person") or row["left_early"] in (True, "true")
            axes.plot(
                [x], [y], marker=MARKERS.get(str(row["mode"]), "o"), markersize=6,
                color=line.get_color(), markerfacecolor="white" if hollow else line.get_color(),
            )  # fmt: skip
            if row["stand_in"] in (True, "true"):
                axes.annotate("\u2020", (x, y), textcoords="offset points", xytext=(5, 4))
    axes.set_xticks(range(len(summits)), list(summits), rotation=30, ha="right")
    ranks = range(len(models.LEVELS) + 1)
    axes.set_yticks(list(ranks), ["none", *reversed(models.LEVELS)])
    axes.set_ylim(-0.5, len(models.LEVELS) + 0.5)
    axes.grid(axis="y", linewidth=0.4, alpha=0.5)
    axes.set_title(title or "Representation across the summits", loc="left", fontsize=11)
    if parties:
        axes.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False, fontsize=8)
    figure.supxlabel(
        "hollow: by video, message or left early; \u2020: a stand-in; gaps: nothing known",
        fontsize=7, color="#555555", x=0.01, ha="left",
    )  # fmt: skip
    return figure


def render(figure: Figure, fmt: str) -> bytes:
    """The figure's bytes in ``fmt`` (png, svg or pdf), the same for the same figure."""
    import matplotlib

    out = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "summits", "svg.fonttype": "none"}):
        figure.savefig(out, format=fmt, metadata=FIXED_METADATA[fmt])
    return out.getvalue()
