"""Draw counts per period as small multiples: a panel per group (the pairs of actors, say), all on one scale,
with the counts' bars, marked days and hatched part of :mod:`analysis.viz.counts`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from .._frames import require_input
from .counts import PERIOD_COUNTS, mark_days, plot_attacks_per_period

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure


#: Widest and tallest a panel of :func:`plot_panels_per_period` is drawn, in inches: a figure of the report's width
#: holds three side by side.
PANEL_SIZE = (3.3, 1.9)


def panel_grid(n: int) -> tuple[int, int]:
    """Give the rows and columns of ``n`` small multiples: side by side up to three, two by two for four, else rows of
    three.

    Examples
    --------
    >>> [panel_grid(n) for n in (1, 2, 3, 4, 5, 10)]
    [(1, 1), (1, 2), (1, 3), (2, 2), (2, 3), (4, 3)]
    """
    columns = 2 if n == 4 else max(1, min(n, 3))
    return -(-n // columns), columns


def plot_panels_per_period(
    counts: pd.DataFrame,
    *,
    by: str,
    groups: Sequence[str],
    titles: Mapping[str, str] | None = None,
    covered: tuple[object, object] | None = None,
    marks: Mapping[str, object] | None = None,
    part: pd.DataFrame | None = None,
    part_label: str | None = None,
    ylabel: str = "attacks",
    fig: Figure | None = None,
) -> Figure:
    """Draw counts per period as small multiples: one panel per group, in the order given, all on one scale.

    Each panel is :func:`plot_attacks_per_period` of one group's counts
    (so a group is drawn at its own height, never a sliver at the foot of
    a stack of others), the periods the data cover only in part hatched;
    the panels share their x axis and their y axis, so a taller bar is more
    events whichever panel it is in. The groups left out are not drawn:
    the figure's words say them. One legend under the panels explains the
    hatch and the marked days.

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.stats.periods.attacks_per_period` with ``by``.
    by : str
        The group column the counts were made with.
    groups : sequence of str
        The groups to draw, a panel each, in reading order (row by row).
    titles : mapping or None, default None
        Each panel's title (group -> text, drawn exactly as written); a
        group not in it is titled with its name.
    covered : (first, last) or None, default None
        The first and last day the data cover, as in :func:`plot_attacks_per_period`.
    marks : mapping or None, default None
        Days to mark on every panel (:func:`mark_days`), named in the legend.
    part, part_label : DataFrame and str, or None, default None
        The counts of some of the events, made as ``counts`` were (with
        ``by``), and the legend's words for them: hatched in each group's
        panel as :func:`plot_attacks_per_period` hatches its ``part``.
    ylabel : str, default "attacks"
        What is counted (the y axis of the first column's panels).
    fig : matplotlib Figure, optional
        Where to draw: a new figure of :data:`PANEL_SIZE` per panel if None.

    Returns
    -------
    matplotlib Figure
        One Axes per group, each with its bars (``gid`` as in
        :func:`plot_attacks_per_period`) and title.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from analysis.stats.periods import attacks_per_period
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-11", "2020-03-12", "2020-04-02"]),
    ...                       "pair": ["A against B", "A against B", "C against D"]})
    >>> frame["date_end"] = frame["date_start"]
    >>> fig = plot_panels_per_period(attacks_per_period(frame, freq="M", by="pair", kinds=None), by="pair",
    ...                              groups=["A against B", "C against D"])
    >>> [(ax.get_title(loc="left"), [float(p.get_height()) for p in ax.patches]) for ax in fig.axes]
    [('A against B', [2.0, 0.0]), ('C against D', [0.0, 1.0])]
    """
    import matplotlib.pyplot as plt

    from .figures import set_title, wrap_text

    require_input(counts, [*PERIOD_COUNTS, by], taker="plot_panels_per_period",
                  maker=f"attacks_per_period with by={by!r}")
    rows, columns = panel_grid(len(groups))
    if fig is None:
        fig = plt.figure(figsize=(min(10.0, PANEL_SIZE[0] * columns + 0.6), PANEL_SIZE[1] * rows + 0.9),
                         layout="constrained")
    axes = fig.subplots(rows, columns, sharex=True, sharey=True, squeeze=False).ravel()
    periods = counts[["period_start", "period_end"]].drop_duplicates().sort_values("period_start", kind="stable")

    def of_group(frame: pd.DataFrame, group: str) -> pd.DataFrame:  # one group's counts in every period
        own = frame[(frame[by].astype("string") == group).to_numpy()].drop(columns=by)
        return periods.merge(own, on=["period_start", "period_end"], how="left").fillna(
            {name: 0 for name in PERIOD_COUNTS[2:]}).reset_index(drop=True)

    if part is not None:
        require_input(part, [*PERIOD_COUNTS, by], taker="plot_panels_per_period's part",
                      maker=f"attacks_per_period of some of the events with by={by!r}")
    for k, (ax, group) in enumerate(zip(axes, groups)):
        own_part = None if part is None else of_group(part, group)
        plot_attacks_per_period(of_group(counts, group), covered=covered, ax=ax, ylabel=ylabel, part=own_part,
                                part_label=part_label)
        if k % columns:  # the first column's panels name the axis they all share
            ax.set_ylabel("")
        if ax.get_legend() is not None:  # one legend for all the panels, under them
            ax.get_legend().remove()
        mark_days(ax, marks or {}, what="marked" if k == 0 else None, key=True)
        # wrapped to the panel's width (bold type is wider): a long pair of names runs into no neighbour
        set_title(ax, wrap_text(str((titles or {}).get(group, group)), PANEL_SIZE[0] - 0.4, 9.0), loc="left",
                  fontsize=9)
        if k + columns >= len(groups):  # no panel under it: its dates are shown
            ax.tick_params(labelbottom=True)
    for ax in axes[len(groups):]:
        fig.delaxes(ax)
    keyed: dict[str, object] = {}
    for ax in axes[: len(groups)]:
        for handle, label in zip(*ax.get_legend_handles_labels()):
            keyed.setdefault(label, handle)
    if keyed:
        # under the first panel of the last row, one entry a line: a legend wider than its panel would widen the
        # panel's column and narrow its panels
        axes[(rows - 1) * columns].legend(list(keyed.values()), list(keyed), loc="upper left",
                                          bbox_to_anchor=(0.0, -0.22), ncol=1, handletextpad=0.4)
    return fig
