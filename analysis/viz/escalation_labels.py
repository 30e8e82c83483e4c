"""The names of the events under the escalation chart's bars below zero: the retreats and acts of cooperation.

A reader must know which event every mark of the chart is. Its bars above zero are the violence the page's
findings and title name; its bars below zero are few (a base handed over, an agreement), and each is named under
its bars by :func:`label_down_bars`: one label for a run of periods that the same events pull down (an event spread
over its possible days), centred under the run, below every bar and point it spans. Where acts of violence push the
same periods up, the name says so on a line of its own (:func:`analysis.report.words.timeline.down_names`), so that a
reader does not take the bars up for the events named. Labels are measured with the
character-width model of :mod:`analysis.viz.placement`; labels that would meet are put in rows, and the axis is
lowered to hold them.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .literal import literal_text
from .placement import LABEL_FONT_SIZE, chars_across, pack_rows

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: A label wraps after this many characters where its bars are narrower.
LABEL_CHARS = 34
#: Room between a bar's end and its label, and between two rows of labels, in points.
GAP_POINTS = 3.0
#: A line of a label, in points: its font size and the space between lines.
LINE_POINTS = LABEL_FONT_SIZE * 1.25
#: The size of the text in the Axes' lower left corner, in points, and its place above the bottom, in the Axes'
#: height (as :func:`analysis.viz.escalation.plot_escalation` writes it).
CORNER_SIZE, CORNER_Y = 8.0, 0.02
#: The gid of each label drawn.
GID = "down label"


def down_runs(escalation: pd.DataFrame, labels: Mapping[object, str] | pd.Series) -> list[tuple[int, int, str]]:
    """Group the periods with points down (``cooperation`` above zero) and a label into runs of consecutive periods
    with the same label: (first position, last position, label), in date order.

    Examples
    --------
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2020-03-23", "2020-03-30", "2020-04-06"]),
    ...                       "cooperation": [6.7, 3.3, 0.0]})
    >>> down_runs(frame, {pd.Timestamp("2020-03-23"): "handover", pd.Timestamp("2020-03-30"): "handover"})
    [(0, 1, 'handover')]
    """
    found = pd.Series(labels, dtype="object") if not isinstance(labels, pd.Series) else labels
    by_start = {pd.Timestamp(start): text for start, text in found.items() if isinstance(text, str) and text.strip()}
    texts = [by_start.get(pd.Timestamp(start)) if down > 0 else None
             for start, down in zip(escalation["period_start"], escalation["cooperation"])]
    runs: list[tuple[int, int, str]] = []
    for i, text in enumerate(texts):
        if text is None:
            continue
        if runs and runs[-1][1] == i - 1 and runs[-1][2] == text:
            runs[-1] = (runs[-1][0], i, text)
        else:
            runs.append((i, i, text))
    return runs


def label_down_bars(ax: Axes, escalation: pd.DataFrame, left: np.ndarray, width: np.ndarray,
                    labels: Mapping[object, str] | pd.Series, *, corner: str = "") -> list[Any]:
    """Name the events under the bars below zero of an escalation chart already drawn, and lower its axis to hold
    the names; return the texts drawn (``gid`` :data:`GID`).

    ``labels`` maps a period's start to the name of the events that pull it down; ``left`` and ``width`` are the
    bars' (in the axis' numbers of days). ``corner`` is the text written in the lower left corner of the Axes (at
    :data:`CORNER_SIZE` points): a label above it is kept above it, by lowering the axis further.
    """
    runs = down_runs(escalation, labels)
    if not runs:
        return []
    x_min, x_max = ax.get_xlim()
    span = x_max - x_min
    per_char = span / chars_across(ax)  # a label character's width, in days
    lows = np.minimum(-escalation["cooperation"].to_numpy(dtype=float), escalation["escalation"].to_numpy(dtype=float))
    right_edges = left + width
    corner_end = x_min + (len(corner) + 2) * per_char * CORNER_SIZE / LABEL_FONT_SIZE if corner else x_min
    texts, x0, x1, anchor, lines = [], [], [], [], []
    for first, last, text in runs:
        run_width = float(right_edges[last] - left[first])
        # a name of several lines (the events down, then those up) wraps line by line
        wrapped = "\n".join(textwrap.fill(literal_text(line), max(LABEL_CHARS, int(run_width / per_char)))
                             for line in text.splitlines())
        across = max(len(line) for line in wrapped.splitlines()) * per_char
        middle = float(left[first] + right_edges[last]) / 2
        start = min(max(middle - across / 2, x_min), x_max - across)
        texts.append(wrapped)
        x0.append(start)
        x1.append(start + across)
        # below every bar and every point of the net line the label spans
        under = (right_edges > start) & (left < start + across)
        under[first:last + 1] = True
        anchor.append(float(lows[under].min()))
        lines.append(wrapped.count("\n") + 1)
    x0_, x1_ = np.array(x0), np.array(x1)
    rows = pack_rows(x0_, x1_, gap=per_char)
    # labels that meet (in rows over one another) hang from the lowest of them
    offsets = np.zeros(len(runs))
    for i in range(len(runs)):
        meets = (x0_ < x1_[i]) & (x1_ > x0_[i])
        anchor[i] = min(anchor[j] for j in np.flatnonzero(meets))
        above = [j for j in np.flatnonzero(meets) if rows[j] < rows[i]]
        offsets[i] = sum(lines[j] * LINE_POINTS + GAP_POINTS for j in above)
    drawn = []
    for i, wrapped in enumerate(texts):
        label = ax.annotate(wrapped, xy=(x0[i] + (x1[i] - x0[i]) / 2, anchor[i]),
                            xytext=(0, -GAP_POINTS - offsets[i]), textcoords="offset points", ha="center", va="top",
                            fontsize=LABEL_FONT_SIZE, color="0.25", linespacing=1.1, annotation_clip=False,
                            # over a day marked on the chart (zorder 2.5), which would cross its letters
                            zorder=4, bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"})
        label.set_gid(GID)
        drawn.append(label)
    # a label over the corner's text ends above it: the corner's line and its distance from the Axes' bottom more
    corner_points = CORNER_SIZE * 1.25 + CORNER_Y * ax.get_position().height * ax.figure.get_figheight() * 72
    _room_below(ax, [(anchor[i], GAP_POINTS + offsets[i] + lines[i] * LINE_POINTS
                      + (corner_points if x0[i] < corner_end else 0.0)) for i in range(len(runs))])
    return drawn


def _room_below(ax: Axes, hanging: list[tuple[float, float]]) -> None:
    """Lower the axis' bottom so that each label, hanging ``points`` below its ``anchor`` value, stays inside, with a
    fifth of room to spare (a headline set later shortens the Axes a little)."""
    bottom, top = ax.get_ylim()
    height = ax.get_position().height * ax.figure.get_figheight() * 72
    depth = -bottom
    for anchor, points in hanging:
        share = min(points * 1.2 / height, 0.5)  # of the axis' height, the label's
        # the label ends at anchor - share * (top + depth): it must stay above -depth, with GAP_POINTS to spare
        needed = (-anchor + share * top) / (1 - share) + GAP_POINTS / height * (top + depth)
        depth = max(depth, needed)
    ax.set_ylim(-depth, top)
