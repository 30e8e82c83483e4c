"""Draw who reported the events of an ACLED file: the outlets behind the most events, and the scale of the sources."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from .._lazy import renamed_keywords
from . import style
from ._axes import (
    current_axes,
    date_axis,
    dates_as_numbers,
    legend_below,
    note_nothing,
    nothing_to_draw,
    own_figure,
    tag_bars,
)
from .counts import mark_partial
from .figures import describe
from .literal import literal_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Longest outlet name drawn in full; longer ones are cut with an ellipsis.
LABEL_CHARS = 42
#: Colours of all events of an outlet and of the events it alone reports.
SOURCE_COLORS = style.SOURCE_COLORS


@own_figure()
@renamed_keywords(most="n")
def plot_sources(table: pd.DataFrame, *, n: int = 12, what: str = "outlets", ax: Axes | None = None) -> Axes:
    """Draw the outlets behind the most events: a bar of their events, darker for the events they alone report.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`analysis.stats.coverage.outlets_table`.
    n : int, default 12
        How many outlets to draw; how many more there are is said under the
        chart (``gid`` ``"more"``).
    what : str, default "outlets"
        What the rows are, in the plural, for the title and the note of
        those not shown ("reports" for the coded documents).
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"events"`` and ``"only_source"``, one per outlet drawn.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"source": ["Radio X", "Daily Y"], "events": [5, 2], "only_source": [3, 0]})
    >>> sorted({p.get_gid() for p in plot_sources(frame, ax=plt.figure().gca()).patches})
    ['events', 'only_source']
    """
    require_input(table, ["source", "events", "only_source"], taker="plot_sources", maker="outlets_table")
    ax = current_axes(ax)
    if table.empty:
        ax.set_yticks([])
        nothing_to_draw(ax, "no sources in this window", "No sources in this window.")
        return ax
    shown = table.head(n).iloc[::-1]
    positions = range(len(shown))
    for column, label in (("events", "events it reports"), ("only_source", "events it alone reports")):
        bars = ax.barh(list(positions), shown[column], color=SOURCE_COLORS[column], label=label, height=0.7)
        for patch in bars:
            patch.set_gid(column)
    for y, (events, only) in enumerate(zip(shown["events"], shown["only_source"])):
        ax.text(events, y, f" {events:,} ({only:,} alone)", va="center", fontsize=7.5, color="0.2")
    names = [name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "\u2026"
             for name in shown["source"].astype(str)]
    ax.set_yticks(list(positions), [literal_text(name) for name in names])
    ax.set_title(literal_text(f"{what[:1].upper()}{what[1:]} behind the most events"), loc="left", fontsize=10)
    ax.set_xlabel("events")
    _count_axis(ax)
    ax.set_xlim(right=float(shown["events"].max()) * 1.25)
    if len(table) > n:
        more = ax.text(0, -0.32, literal_text(f"{len(table) - n:,} more {what} not shown"), transform=ax.transAxes,
                       fontsize=8, color="0.3", va="top")
        more.set_gid("more")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
    describe(ax, "Events per source, with the events it alone reports: " + "; ".join(
        f"{name} {events:,} ({only:,} alone)" for name, events, only
        in zip(table["source"].head(n), table["events"].head(n), table["only_source"].head(n)))
        + (f"; {len(table) - n:,} more" if len(table) > n else "") + ".")
    return ax


@own_figure()
@renamed_keywords(most="n")
def plot_source_scales(scales: pd.DataFrame, *, n: int = 10, ax: Axes | None = None) -> Axes:
    """Draw the events by ACLED's ``source_scale`` (:func:`analysis.stats.coverage.source_scales`), largest first.

    Parameters
    ----------
    scales : DataFrame
        What :func:`analysis.stats.coverage.source_scales` returns.
    n : int, default 10
        How many scales to draw.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        ``ax``, with a bar per scale (a sentence when there are no events).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"source_scale": ["National", "Local"], "events": [5, 2]})
    >>> len(plot_source_scales(frame, ax=plt.figure().gca()).patches)
    2
    """
    import seaborn as sns

    require_input(scales, ["source_scale", "events"], taker="plot_source_scales", maker="source_scales")
    ax = current_axes(ax)
    if scales.empty or scales["events"].sum() == 0:
        note_nothing(ax, "no events in this window")
        describe(ax, "No events in this window.")
        return ax
    shown = scales.head(n).assign(source_scale=lambda frame: frame["source_scale"].map(literal_text))
    # every event of a scale, in the colour of "events" beside it (the dark one means "alone" there), each bar
    # with its figure, as the panel beside it writes its own: bars of 405 to 450 look alike
    sns.barplot(data=shown, y="source_scale", x="events", color=SOURCE_COLORS["events"], ax=ax)
    for patch in ax.patches:
        patch.set_gid("scale")
    for y, events in enumerate(shown["events"]):
        ax.text(events, y, f" {int(events):,}", va="center", fontsize=7.5, color="0.2", gid="scale-figure")
    ax.set_ylabel("")
    ax.set_title("Events by ACLED's source scale", loc="left", fontsize=10)
    ax.set_xlabel("events")
    _count_axis(ax)
    describe(ax, "Events by ACLED's source scale: " + "; ".join(
        f"{name} {count:,}" for name, count in zip(scales["source_scale"].head(n), scales["events"].head(n))) + ".")
    return ax


@own_figure()
def plot_outlet_ages(frame: pd.DataFrame, *, period: str = "month", later: Sequence[str] = (),
                     covered: tuple[object, object] | None = None, ax: Axes | None = None) -> Axes:
    """Draw each period's events stacked by the age of their outlets: those only outlets of the first period report,
    those a later outlet reports with one of them, and on top those only later outlets report (a rise made of these
    may be one of coverage).

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`analysis.stats.coverage.events_by_outlet_age`.
    period : str, default "month"
        The name of its periods, for the legend ("outlets of the first month").
    later : sequence of str, default ()
        The outlets first cited later, named in the legend (at most three; how many more otherwise).
    covered : (date-like, date-like) or None, default None
        The first and last days the data cover: a period they cover only in part is hatched, as on the other
        charts over time.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Bars with ``gid`` ``"established"``, ``"shared"`` and ``"new_only"``, one of each per period.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2025-05-01", "2025-06-01"]),
    ...                       "period_end": pd.to_datetime(["2025-05-31", "2025-06-30"]),
    ...                       "established": [4, 5], "shared": [0, 1], "new_only": [0, 7]})
    >>> ax = plot_outlet_ages(frame, ax=plt.figure().gca())
    >>> [float(p.get_height()) for p in ax.patches if p.get_gid() == "new_only"]
    [0.0, 7.0]
    """
    from ..stats.coverage import OUTLET_AGES
    from ..text import date_texts

    require_input(frame, ["period_start", "period_end", *OUTLET_AGES], taker="plot_outlet_ages",
                  maker="events_by_outlet_age")
    ax = current_axes(ax)
    if frame.empty or not frame[list(OUTLET_AGES)].to_numpy().sum():
        nothing_to_draw(ax, "no events in this window", "No events in this window.")
        return ax
    left = dates_as_numbers(frame["period_start"])
    width = (dates_as_numbers(frame["period_end"]) + 1.0 - left) * 0.86
    named = list(later)[:3] + ([f"{len(later) - 3:,} more"] if len(later) > 3 else [])
    labels = {age: meaning.format(period=period, later=f" ({', '.join(named)})" if named else "")
              for age, meaning in OUTLET_AGES.items()}
    bottom = np.zeros(len(frame))
    for age in OUTLET_AGES:
        heights = frame[age].to_numpy(dtype=float)
        tag_bars(ax.bar(left, heights, bottom=bottom, width=width, align="edge", color=style.OUTLET_AGE_COLORS[age],
                        label=literal_text(labels[age])), age)
        bottom = bottom + heights
    described = ""
    if covered is not None:
        described = mark_partial(ax, frame, covered, [frame[list(OUTLET_AGES)].sum(axis=1)],
                                 style.OUTLET_AGE_COLORS["established"])
    ax.set_ylabel("events")
    date_axis(ax)
    legend_below(ax, 1)
    periods = date_texts(frame.rename(columns={"period_start": "date_start", "period_end": "date_end"}))
    shown = [f"{when} " + " + ".join(f"{int(row[age]):,}" for age in OUTLET_AGES)
             for when, (_, row) in zip(periods, frame.iterrows()) if row[list(OUTLET_AGES)].sum()]
    describe(ax, f"Events per {period}, " + " + ".join(labels.values()) + ": " + "; ".join(shown) + "." + described)
    return ax


def _count_axis(ax: Axes) -> None:
    """Give a horizontal count axis a few whole-number ticks with thousands separators, so large counts stay apart."""
    from matplotlib.ticker import MaxNLocator, StrMethodFormatter

    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
