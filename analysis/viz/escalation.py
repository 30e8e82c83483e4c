"""Draw the escalation measure per period: conflict up, retreat or cooperation down, the net line, the events
under the bars below zero named (:mod:`analysis.viz.escalation_labels`), and the key of how acts count.

Split from :mod:`analysis.viz.counts`, which keeps the charts of counts per period this chart's axes follow.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from ..text import date_texts, describe_dates, describe_points, describe_scored
from ._axes import (
    current_axes,
    date_axis,
    legend_below,
    note_below,
    nothing_to_draw,
    own_figure,
    tag_bars,
)
from .counts import BarPart, mark_partial, period_bars, span_words
from .escalation_labels import CORNER_SIZE, CORNER_Y, down_runs, label_down_bars
from .figures import describe
from .style import (
    ESCALATION_COLORS,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


#: The escalation chart's lower left corner: which way is down.
DOWN_CORNER = "\u2193 retreat or cooperation"


def _signed(value: float) -> str:
    """Write a score with its direction: ``"10 up"``, ``"4 up"``, ``"10 down"``, ``"0"``."""
    size = f"{abs(value):g}"
    return "0" if value == 0 else f"{size} {'up' if value > 0 else 'down'}"


def escalation_key(rules: pd.DataFrame) -> str:
    """Say how each kind of act counts on the escalation chart, from :func:`analysis.cameo_table`.

    Scores are Goldstein values with the sign reversed, so conflict counts
    up and cooperation down; acts with the same score are listed together.
    Acts of negative weight without violence (``hostile`` False) count in
    no score: they are listed last as "not counted".

    Parameters
    ----------
    rules : DataFrame
        Output of :func:`analysis.stats.escalation.cameo_table` (``covers``,
        ``goldstein`` and, optionally, ``hostile``; without
        it every act counts).

    Returns
    -------
    str
        ``"How acts count: shelling, artillery and missile attacks, ... 10 up; ..."``.

    Examples
    --------
    >>> from analysis.stats.escalation import cameo_table
    >>> rules = cameo_table().query("sub_event_type in ['Non-violent transfer of territory', 'Air/drone strike']")
    >>> escalation_key(rules)
    'How acts count: air and drone strikes 10 up; handovers of a base 10 down; not counted, as no violence: ground the first actor takes without fighting.'
    """
    parts = []
    hostile = rules["hostile"].to_numpy(dtype=bool) if "hostile" in rules else np.ones(len(rules), dtype=bool)
    idle = (rules["goldstein"].to_numpy(dtype=float) < 0) & ~hostile
    ordered = rules[~idle].assign(score=-rules.loc[~idle, "goldstein"]).sort_values("score", ascending=False,
                                                                                   kind="stable")
    for score, group in ordered.groupby("score", sort=False):  # the codebook's names are the methods' (a reader's key)
        covers = ", ".join(dict.fromkeys(group["covers"].astype(str)))
        parts.append(f"{covers} {_signed(float(score))}")
    if idle.any():
        parts.append("not counted, as no violence: " + ", ".join(dict.fromkeys(rules.loc[idle, "covers"].astype(str))))
    return "How acts count: " + "; ".join(parts) + "." if parts else ""


#: The columns of :func:`analysis.stats.escalation.escalation_per_period` the chart draws.
ESCALATION_COLUMNS = ("period_start", "period_end", "conflict", "cooperation", "escalation")


@own_figure()
def plot_escalation(escalation: pd.DataFrame, *, rules: pd.DataFrame | None = None,
                    covered: tuple[object, object] | None = None, names: Mapping[object, str] | pd.Series | None = None,
                    part: pd.DataFrame | None = None, part_label: str | None = None,
                    ax: Axes | None = None) -> Axes:
    """Draw the escalation score per period: conflict up, cooperation down and, where there is any, the net.

    The score is the Goldstein value of each act with its sign reversed
    (``escalation = conflict - cooperation``), so the picture and the axis
    agree: up is more conflict, down is retreat or cooperation.

    Parameters
    ----------
    escalation : DataFrame
        Output of :func:`analysis.stats.escalation.escalation_per_period`.
    rules : DataFrame or None, default None
        Output of :func:`analysis.stats.escalation.cameo_table` for the
        events measured: written under the chart as the key of how each act
        counts (what a withdrawal counts as, for one).
    covered : (first, last) or None, default None
        The days the data cover (a run's window): a period that runs past
        them is hatched in white over its bars (``gid`` ``"partial"``), and
        the legend and the alternative text say so, as in
        :func:`plot_attacks_per_period`. None: no period is marked.
    names : mapping or Series or None, default None
        A period's start -> the names of the events that pull it down (the
        retreats and acts of cooperation of
        :func:`analysis.stats.escalation.cooperation_events`), written under
        its bar below zero, once under a run of periods with the same names
        (:func:`analysis.viz.escalation_labels.label_down_bars`). None: no
        bar is named.
    part : DataFrame or None, default None
        :func:`analysis.stats.escalation.escalation_per_period` of some of
        the events (e.g. those only a new source reports), made as
        ``escalation`` was: its conflict hatched and outlined at the top of
        each bar up, its retreat or cooperation at the end of each bar down
        (``gid`` ``"part"``), as :func:`analysis.viz.counts.plot_attacks_per_period`
        hatches its ``part``, named in the legend by ``part_label``.
    part_label : str or None, default None
        The legend's words for ``part``, drawn exactly as written; required
        with ``part``.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"conflict"`` (height ``conflict``) and
        ``"cooperation"`` (height ``-cooperation``), one per period each, the
        line ``gid`` ``"escalation"`` where any period has cooperation (with
        none, the net is the conflict and the line would trace its bars),
        with ``names``, the names under the bars below zero (``gid``
        ``"down label"``), with ``rules``, the key's text (``gid`` ``"key"``)
        and, with ``part``, its hatched parts (``"part"``) and key (``"part key"``).

    Raises
    ------
    DataError
        If ``part`` is given without ``part_label``, or holds more points in
        a period than ``escalation`` does.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from analysis.stats.escalation import escalation_per_period
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "sub_event_type": ["Air/drone strike"],
    ...                       "date_start": pd.to_datetime(["2020-01-03"]), "date_end": pd.to_datetime(["2020-01-03"])})
    >>> import matplotlib.pyplot as plt
    >>> ax = plot_escalation(escalation_per_period(frame), ax=plt.figure().gca())
    >>> [p.get_gid() for p in ax.patches]
    ['conflict', 'cooperation']
    """
    require_input(escalation, ESCALATION_COLUMNS, taker="plot_escalation", maker="escalation_per_period")
    if rules is not None:
        require_input(rules, ["covers", "goldstein", "cameo_name"], taker="plot_escalation's rules=", maker="cameo_table")
    ax = current_axes(ax)
    ax.set_ylabel("escalation score\n(points of hostility)")
    if escalation.empty or ("events" in escalation.columns and not escalation["events"].any()):
        # no event in any period: a row of zeros would draw a measure of nothing
        nothing_to_draw(ax, "nothing to measure", "Nothing to measure.")
        return ax
    left, width = period_bars(escalation)
    bars = ax.bar(left, escalation["conflict"], width=width * 0.86, align="edge", color=ESCALATION_COLORS["conflict"],
                  label="conflict: acts of violence (up)")
    tag_bars(bars, "conflict")
    # the legend names only what is drawn: no swatch for bars of no height (the axis still says which way is down)
    down = "retreat or cooperation (down)" if (escalation["cooperation"] > 0).any() else "_nolegend_"
    bars = ax.bar(left, -escalation["cooperation"], width=width * 0.86, align="edge",
                  color=ESCALATION_COLORS["cooperation"], label=down)
    tag_bars(bars, "cooperation")
    if (escalation["cooperation"] > 0).any():  # with no cooperation the net is the conflict: a line over the bars
        (line,) = ax.plot(left + width / 2, escalation["escalation"], color="0.15", marker="o", markersize=3,
                          linewidth=1.2, label="net: conflict minus retreat or cooperation")
        line.set_gid("escalation")
    described = _escalation_description(escalation)
    if part is not None:  # the part up at the top of the bars up, the part down at the end of the bars down
        found = {name: BarPart(escalation, part, part_label, None, column=name, needs=ESCALATION_COLUMNS,
                             taker="plot_escalation", maker="escalation_per_period")
                 for name in ("conflict", "cooperation")}
        conflict, cooperation = (escalation[name].to_numpy(dtype=float) for name in ("conflict", "cooperation"))
        found["conflict"].draw(ax, escalation, conflict, conflict)
        found["cooperation"].draw(ax, escalation, -cooperation, cooperation, down=True)
        said = found["conflict"].finish(ax, escalation)
        described += said + found["cooperation"].finish(ax, escalation, key=not said,
                                                        where="at the end of the bars below zero")
    if covered is not None:
        described += mark_partial(ax, escalation, covered, [escalation["conflict"], -escalation["cooperation"]],
                                   ESCALATION_COLORS["conflict"])
    ax.axhline(0, color="0.3", linewidth=0.8)
    top = max(float(escalation["conflict"].max()), 1.0)
    bottom = max(float(escalation["cooperation"].max()), 0.0)
    ax.set_ylim(-max(bottom, top * 0.15) * 1.25, top * 1.12)
    ax.text(0.005, 0.98, "\u2191 more conflict", transform=ax.transAxes, ha="left", va="top", fontsize=8, color="0.35")
    ax.text(0.005, CORNER_Y, DOWN_CORNER, transform=ax.transAxes, ha="left", va="bottom", fontsize=CORNER_SIZE,
            color="0.35")
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.yaxis.set_major_formatter("{x:,.0f}")  # 175,000 and 1,000,000, never 175000 or an offset "1e6"
    # the axis spans the periods measured, not matplotlib's margins of a twentieth of the span on each side
    pad = float(np.min(width)) / 2
    ax.set_xlim(float(left[0]) - pad, float(left[-1] + width[-1]) + pad)
    if names is not None:
        label_down_bars(ax, escalation, left, width, names, corner=DOWN_CORNER)
        runs = down_runs(escalation, names)
        if runs:
            described += " Named under the bars below zero: " + "; ".join(
                f"{' '.join(text.split())} "
                f"({describe_dates(escalation['period_start'].iloc[first], escalation['period_end'].iloc[last])})"
                for first, last, text in runs) + "."
    date_axis(ax)
    legend = legend_below(ax)
    if rules is not None and len(rules):
        note_below(ax, legend, escalation_key(rules), gid="key")
    describe(ax, described)
    return ax


def _escalation_description(escalation: pd.DataFrame) -> str:
    """Say in words what the escalation chart shows: its span, its three highest periods with their points and, where
    the frame counts them, the events that scored of all the period's events; the retreat or cooperation."""
    periods = date_texts(escalation.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    top = escalation["escalation"].nlargest(3)
    counted = {"events", "scored"} <= set(escalation.columns)

    def scored(i: object) -> str:
        return f", from {describe_scored(escalation['events'][i], escalation['scored'][i])}" if counted else ""

    highest = "; ".join(f"{periods[i]} {describe_points(escalation['escalation'][i])} points{scored(i)}"
                        for i in top.index if escalation["escalation"][i] > 0)
    down = escalation["cooperation"] > 0
    text = f"Escalation score per period {span_words(escalation)}; highest: {highest}."
    if down.any():
        most = escalation["cooperation"].idxmax()
        text += (f" Retreat or cooperation in {int(down.sum())} periods, most in {periods[most]} "
                 f"({describe_points(escalation['cooperation'][most])} points down).")
    return text
