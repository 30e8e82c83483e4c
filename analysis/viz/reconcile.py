"""Draw the coded events beside an ACLED export: ACLED's events of one kind per month, linked or lacking, and the coded ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from ._axes import counted_axes, date_axis, dates_as_numbers, legend_below, tag_bars
from .figures import describe
from .style import COMPARE_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: The columns of :func:`analysis.stats.reconcile_summary.lacking_by_month` that the chart draws.
MONTH_COUNTS = ("month", "acled", "acled_lacking", "coded")


def plot_compared_months(months: pd.DataFrame, *, what: str = "events", ax: Axes | None = None) -> Axes:
    """Draw, month by month, ACLED's events linked to a coded event and those the coded data lacks, and the coded ones.

    Parameters
    ----------
    months : DataFrame
        Output of :func:`analysis.stats.reconcile_summary.lacking_by_month`
        (any order: drawn by month).
    what : str, default "events"
        What is counted, for the axis and the legend ("events of indirect fire"), as written.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Stacked bars with ``gid`` ``"linked"`` and ``"lacking"`` (one per
        month each) and the coded events as dots (``gid`` ``"coded"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"month": pd.to_datetime(["2020-01-01", "2020-02-01"]), "acled": [4, 1],
    ...                       "acled_lacking": [4, 0], "coded": [0, 1]})
    >>> ax = plot_compared_months(frame, ax=plt.figure().gca())
    >>> [float(p.get_height()) for p in ax.patches if p.get_gid() == "lacking"]
    [4.0, 0.0]
    """
    require_input(months, list(MONTH_COUNTS), taker="plot_compared_months", maker="lacking_by_month")
    ax, empty = counted_axes(ax, what, months.empty)
    if empty:
        return ax
    months = months.sort_values("month", kind="stable")
    starts = pd.to_datetime(months["month"])
    left = dates_as_numbers(starts)
    width = dates_as_numbers(starts + pd.offsets.MonthBegin(1)) - left
    linked = (months["acled"] - months["acled_lacking"]).to_numpy(dtype=float)
    lacking = months["acled_lacking"].to_numpy(dtype=float)
    tag_bars(ax.bar(left, linked, width=width * 0.8, align="edge", color=COMPARE_COLORS["linked"],
                    label="in ACLED, linked to a coded event"), "linked")
    tag_bars(ax.bar(left, lacking, bottom=linked, width=width * 0.8, align="edge", color=COMPARE_COLORS["lacking"],
                    label="in ACLED, not in the coded data"), "lacking")
    coded = months["coded"].to_numpy(dtype=float)
    shown = coded > 0
    ax.plot(left[shown] + width[shown] * 0.4, coded[shown], linestyle="none", marker="o", markersize=6,
            color=COMPARE_COLORS["coded"], label="coded events (dates overlap the month)", gid="coded")
    ax.set_ylim(0, max(1.0, float(np.max(linked + lacking)), float(coded.max())) * 1.15)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.grid(axis="y", color="0.9", linewidth=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    legend_below(ax)
    top = months.sort_values(["acled_lacking", "month"], ascending=[False, True], kind="stable").iloc[0]
    describe(ax, f"{int(months['acled'].sum())} {what} in ACLED over {len(months)} months, "
                 f"{int(lacking.sum())} of them not in the coded data, the most in {pd.Timestamp(top['month']):%B %Y} "
                 f"({int(top['acled_lacking'])}); coded events of this kind in {int(shown.sum())} of the months.")
    return ax


__all__ = ["MONTH_COUNTS", "plot_compared_months"]
