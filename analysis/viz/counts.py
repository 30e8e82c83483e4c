"""Draw counts and weights per period: attacks (expected, certain, possible) and the escalation measure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ._axes import current_axes, date_axis, dates_as_numbers, legend_below, note_nothing, tag_bars
from .literal import literal_text
from .style import OTHER, OTHER_COLOR, color_for

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def _period_bars(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    left = dates_as_numbers(frame["period_start"])
    right = dates_as_numbers(frame["period_end"]) + 1.0
    return left, right - left


def plot_attacks_per_period(
    counts: pd.DataFrame,
    *,
    by: str | None = None,
    names: Mapping[str, str] | None = None,
    colors: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    ylabel: str = "attacks",
) -> Axes:
    """Draw counts per period: expected as bars, with certain and possible shown beside them.

    Without ``by``: a bar per period up to ``expected``, a darker bar up to
    ``certain``, and an outline up to ``possible``; where every date is
    known to the day the three coincide. With ``by``: ``expected`` stacked by
    group, and the outline of the periods' total ``possible``.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.attacks_per_period`.
    by : str or None, default None
        The group column the counts were made with.
    names : mapping or None, default None
        Legend text of each group (e.g. base id -> base name); groups not
        in it show as they are.
    colors : mapping or None, default None
        Group -> colour, computed once per run
        (:func:`analysis.viz.style.group_palette`), so a group has the same
        colour in every chart. Groups not in it are drawn together as
        ``"other"`` (in its colour, grey by default). None: a colour per
        group, in turn.
    ax : matplotlib Axes, optional
        Where to draw.
    ylabel : str, default "attacks"
        What is counted.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"expected"`` (or ``"expected:<group>"`` with
        ``by``), ``"certain"``, ``"possible"``, one per period each.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-11"]), "date_end": pd.to_datetime(["2020-03-17"])})
    >>> import matplotlib.pyplot as plt
    >>> from analysis.stats.periods import attacks_per_period
    >>> ax = plot_attacks_per_period(attacks_per_period(frame, kinds=None), ax=plt.figure().gca())
    >>> sorted({p.get_gid() for p in ax.patches})
    ['certain', 'expected', 'possible']
    """
    ax = current_axes(ax)
    ax.set_ylabel(ylabel)
    if counts.empty:
        note_nothing(ax, "nothing to count")
        return ax
    if by is None:
        left, width = _period_bars(counts)
        bars = ax.bar(left, counts["expected"], width=width * 0.86, align="edge", color="#E9A27A",
                      label="expected (ranged dates spread over their days)")
        tag_bars(bars, "expected")
        bars = ax.bar(left, counts["certain"], width=width * 0.86, align="edge", color="#B2430F",
                      label="certain (whole date range in the period)")
        tag_bars(bars, "certain")
    else:
        totals = counts.groupby("period_start", sort=True)[["possible"]].sum().reset_index()
        periods = counts.groupby("period_start", sort=True)["period_end"].first().reset_index()
        totals = totals.merge(periods, on="period_start")
        group_of = counts[by].astype("string").fillna("not known")
        if colors is None:
            groups = list(dict.fromkeys(group_of))
            colors = color_for(groups)
        else:
            other = next((g for g, c in colors.items() if g == OTHER), OTHER)
            group_of = group_of.where(group_of.isin(list(colors)), other)
            present = set(group_of)
            groups = [g for g in colors if g in present]
            colors = {**dict(colors), other: colors.get(other, OTHER_COLOR)}
        bottom = pd.Series(0.0, index=totals["period_start"])
        for group in groups:
            part = counts[(group_of == group).to_numpy()].groupby("period_start")["expected"].sum()
            part = part.reindex(totals["period_start"], fill_value=0.0)
            left, width = _period_bars(totals)
            bars = ax.bar(left, part.to_numpy(), bottom=bottom.to_numpy(), width=width * 0.86, align="edge",
                          color=colors[group], label=literal_text((names or {}).get(group, group)))
            tag_bars(bars, f"expected:{group}")
            bottom = bottom + part.to_numpy()
        counts = totals
    left, width = _period_bars(counts)
    bars = ax.bar(left, counts["possible"], width=width * 0.86, align="edge", facecolor="none",
                  edgecolor="0.35", linewidth=0.8, linestyle="--", label="possible (date range overlaps the period)")
    tag_bars(bars, "possible")
    ax.yaxis.get_major_locator().set_params(integer=True)
    date_axis(ax)
    legend_below(ax)
    return ax


def plot_escalation(escalation: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Draw the escalation measure per period: conflict up, cooperation down, the net as a line.

    Parameters
    ----------
    escalation : DataFrame
        Output of :func:`analysis.stats.escalation.escalation_per_period`.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"conflict"`` and ``"cooperation"`` (one per
        period each) and the line ``gid`` ``"escalation"``.

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
    ax = current_axes(ax)
    ax.set_ylabel("Goldstein points")
    if escalation.empty:
        note_nothing(ax, "nothing to measure")
        return ax
    left, width = _period_bars(escalation)
    bars = ax.bar(left, escalation["conflict"], width=width * 0.86, align="edge", color="#C0392B",
                  label="conflict (sum of negative weights)")
    tag_bars(bars, "conflict")
    bars = ax.bar(left, -escalation["cooperation"], width=width * 0.86, align="edge", color="#2E8B57",
                  label="cooperation (sum of positive weights, drawn below zero)")
    tag_bars(bars, "cooperation")
    (line,) = ax.plot(left + width / 2, escalation["escalation"], color="0.15", marker="o", markersize=3,
                      linewidth=1.2, label="escalation = conflict - cooperation")
    line.set_gid("escalation")
    ax.axhline(0, color="0.5", linewidth=0.6)
    date_axis(ax)
    legend_below(ax)
    return ax

