"""Draw events on a time axis: lanes by kind, bars for ranged dates, every event numbered or labelled.

Where each mark and text goes is :func:`analysis.viz.timeline_layout.timeline_layout`'s
work (see that module for how the timeline reads); this module draws the
layout (:func:`plot_timeline`) and explains it (:func:`timeline_legend`).
The labels of the events worth naming are
:func:`analysis.viz.timeline_labels.event_labels`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._frames import day_numbers, require_input, weekday_days
from ..text import describe_dates
from ._axes import (
    current_axes,
    date_axis,
    dates_as_numbers,
    key_in_columns,
    legend_columns_width,
    note_below,
    nothing_to_draw,
    own_figure,
)
from .bands import bands_legend, plot_timeline_bands, timeline_form
from .figures import describe, key_of, set_key
from .literal import literal_text
from .placement import LABEL_FONT_SIZE, chars_across
from .style import HATCHES, color_for
from .timeline_layout import MAX_NUMBERED, RANGE_MARKER, LabelSpec, marker_area, time_extent, timeline_layout

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: A bar is BAR_HEIGHT rows high.
BAR_HEIGHT = 0.46
#: Share of a bar drawn hatched at a borrowed bound: 30%, at least 2 days
#: (half the bar if shorter), at most 10 days.
HATCH_SHARE, HATCH_MIN_DAYS, HATCH_MAX_DAYS = 0.3, 2.0, 10.0


def _bar_pieces(marks: pd.DataFrame) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Split each ranged mark's bar into its plain middle and hatched ends at borrowed bounds (rectangles)."""
    starts = dates_as_numbers(marks["x_start"])
    ends = dates_as_numbers(marks["x_end"])
    plain, hatched = [], []
    for s, e, y, lo, hi in zip(starts, ends, marks["y"], marks["start_borrowed"], marks["end_borrowed"]):
        length = e - s
        cap = min(max(HATCH_SHARE * length, HATCH_MIN_DAYS), HATCH_MAX_DAYS, length / 2)
        a = s + cap if lo else s
        b = e - cap if hi else e
        bottom, top = y - BAR_HEIGHT / 2, y + BAR_HEIGHT / 2
        if b > a:
            plain.append(np.array([[a, bottom], [b, bottom], [b, top], [a, top]]))
        if lo:
            hatched.append(np.array([[s, bottom], [a, bottom], [a, top], [s, top]]))
        if hi:
            hatched.append(np.array([[b, bottom], [e, bottom], [e, top], [b, top]]))
    return plain, hatched


def _draw_lane(ax: Axes, marks: pd.DataFrame, name: str, centre: float, color: str) -> None:
    """Draw one lane: its band, its bars (hatched at borrowed bounds) and its markers."""
    from matplotlib.collections import PolyCollection

    rows = marks[marks["lane"] == name]
    half = (rows["row"].max() + 1) / 2 if len(rows) else 0.5
    ax.axhspan(centre - half - 0.35, centre + half + 0.35, color=color, alpha=0.06, linewidth=0, zorder=0)
    ranged = rows[rows["is_range"].to_numpy(dtype=bool)]
    if len(ranged):
        plain, hatched = _bar_pieces(ranged)
        bars = PolyCollection(plain, facecolors=color, alpha=0.38, edgecolors="none", zorder=1)
        bars.set_gid(f"spans:{name}")
        ax.add_collection(bars)
        if hatched:
            ends = PolyCollection(hatched, facecolors="none", edgecolors=color, hatch=HATCHES["borrowed"], linewidths=0,
                                  alpha=0.9, zorder=1)
            ends.set_gid(f"borrowed:{name}")
            ax.add_collection(ends)
        _draw_possible_days(ax, ranged, name, color)
    fills = np.where(rows["is_range"].to_numpy(dtype=bool), "white", color)
    points = ax.scatter(
        dates_as_numbers(rows["event_date"]) + 0.5, rows["y"].to_numpy(), s=rows["marker_size"].to_numpy(),
        facecolors=list(fills), edgecolors=color, linewidths=1.2, zorder=3, label=literal_text(name),
    )
    points.set_gid(f"events:{name}")


def _draw_possible_days(ax: Axes, ranged: pd.DataFrame, name: str, color: str) -> None:
    """Tick, across the bar of an event known to one weekday of its range ("a Saturday" of June), each of its
    possible days: the bar spans the range, the ticks the only days it may have fallen on."""
    from matplotlib.collections import LineCollection

    found = weekday_days(day_numbers(ranged["date_start"]), day_numbers(ranged["date_end"]),
                         ranged["weekday"].to_numpy(dtype=np.int64))
    if found is None:
        return
    on, (event, day) = found
    y = ranged["y"].to_numpy(dtype=float)[on][event]
    x = day.astype(float) + 0.5  # the middle of the day, as the markers (matplotlib's day 0 is 1970-01-01)
    half = BAR_HEIGHT / 2
    ticks = LineCollection([[(a, b - half), (a, b + half)] for a, b in zip(x, y)], colors=color, linewidths=1.6,
                           zorder=2)
    ticks.set_gid(f"possible-days:{name}")
    ax.add_collection(ticks)


def _draw_texts(ax: Axes, marks: pd.DataFrame) -> None:
    """Write each mark's text on its row, after (or before) the mark."""
    import matplotlib.patheffects as effects

    halo = [effects.withStroke(linewidth=2.2, foreground="white")]
    for _, mark in marks[marks["text"].notna()].iterrows():
        x = dates_as_numbers([mark["text_x"]])[0]
        text = ax.text(x, mark["y"], literal_text(str(mark["text"])), ha=mark["text_ha"], va="center_baseline",
                       fontsize=LABEL_FONT_SIZE, color="0.1", zorder=4, path_effects=halo)
        text.set_gid("label")


def _description(layout: pd.DataFrame, axis: tuple[pd.Timestamp, pd.Timestamp]) -> str:
    """Say in words what the timeline shows (for its alternative text); ``axis``, its first and last day.

    The dates said are those drawn: a range that runs past the axis (a week that ends after the window) is
    said to end where the axis does, as the chart shows it.
    """
    marks = layout.drop_duplicates("mark")
    counts = layout.groupby("lane", observed=True).size()
    lanes = ", ".join(f"{name} {count}" for name, count in counts.items())
    first, last = max(layout["date_start"].min(), axis[0]), min(layout["date_end"].max(), axis[1])
    numbered = layout["text"].notna().any() and len(layout) <= MAX_NUMBERED
    labelled = marks[marks["label"].notna()]
    named = "; ".join(f"{n} {label}" for n, label in zip(labelled["number"], labelled["label"]))
    grouped = marks[marks["mark_events"] > 1]
    parts = [f"{len(layout)} events from {describe_dates(first, first)} to {describe_dates(last, last)}, "
             f"in lanes by kind (events per lane: {lanes})."]
    if numbered:
        parts.append("Each event carries its number, as in the events table.")
    if len(grouped):
        parts.append(f"{len(grouped)} marks stand for several events with the same dates "
                     f"({int(grouped['mark_events'].sum())} events in all).")
    borrowed = int((layout["start_borrowed"] | layout["end_borrowed"]).sum())
    if borrowed:
        parts.append(f"{borrowed} date ranges have a bound borrowed from another event or document (hatched).")
    if named:
        parts.append(f"Labelled: {named}.")
    return " ".join(parts)


@own_figure()
def plot_timeline(
    events: pd.DataFrame,
    *,
    lane: str = "category",
    size: str | None = "casualties",
    label: LabelSpec = None,
    casualties: pd.DataFrame | None = None,
    number: bool = True,
    collapse: bool = True,
    start: object = None,
    end: object = None,
    form: str = "auto",
    dates: str = "range",
    ax: Axes | None = None,
) -> Axes:
    """Draw events on a shared time axis, in lanes by kind, every event numbered or labelled.

    Each mark is coloured by kind and sized by the people killed or
    wounded; an event known to the day is a filled marker, one known only
    to a range is a hollow marker on a bar over its possible days, the bar
    hatched at a bound borrowed from another event or document. Texts sit
    on the marks' rows and never overlap (see :func:`timeline_layout`,
    which does all the placing).

    Parameters
    ----------
    events : DataFrame
        Events (coded or ACLED).
    lane, size, label, casualties, number, collapse, start, end
        As in :func:`timeline_layout`.
    form : {"auto", "events", "bands"}, default "auto"
        ``"events"``: a marker per event, as described here; ``"bands"``:
        each lane a band of events per period with the deadliest events
        labelled (:func:`analysis.viz.bands.plot_timeline_bands`; ``lane``,
        ``size`` and ``label`` do not apply); ``"auto"``: bands above
        :data:`analysis.viz.bands.DENSE_EVENTS` events.
    dates : {"range", "event_date"}, default "range"
        How the bands count an event in time, as the page's other counts do
        (:func:`analysis.stats.periods.attacks_per_period`); the markers draw
        every event over its range whatever this says.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes if None.

    Returns
    -------
    matplotlib Axes
        One scatter collection per lane (``gid`` ``"events:<lane>"``, one
        marker per mark), one collection of bars per lane with ranged events
        (``gid`` ``"spans:<lane>"``) and of hatched bar ends where bounds are
        borrowed (``"borrowed:<lane>"``), one text per mark with a text
        (``gid`` ``"label"``); its key (:func:`analysis.viz.figures.key_of`)
        holds ``sizes``, what the marker sizes count, which
        :func:`timeline_legend` reads.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from analysis import load_events
    >>> ax = plot_timeline(load_events())
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['militia attack', 'US strike', 'other violence', 'posture change', 'political', 'protest']
    """
    require_input(events, ["event_id", "date_start", "date_end", "event_date"], taker="plot_timeline",
                  maker="load_events or load_acled")
    ax = current_axes(ax)
    if form not in ("auto", "events", "bands"):
        raise ValueError(f"form={form!r}; use 'auto', 'events' or 'bands'")
    if form == "bands" or (form == "auto" and timeline_form(events) == "bands"):
        return plot_timeline_bands(events, casualties=casualties, start=start, end=end, dates=dates, ax=ax)
    chars = chars_across(ax)
    layout = timeline_layout(
        events, lane=lane, size=size, label=label, casualties=casualties, number=number, collapse=collapse,
        start=start, end=end, chars_per_axis=chars,
    )
    if layout.empty:
        ax.set_yticks([])
        nothing_to_draw(ax, "no events to show", "No events to show.")
        return ax
    lanes = layout.attrs["lanes"]
    colors = color_for(list(lanes))
    marks = layout.drop_duplicates("mark")
    for name, centre in lanes.items():
        _draw_lane(ax, marks, name, centre, colors[name])
    _draw_texts(ax, marks)
    first, last = time_extent(layout["x_start"], layout["x_end"], start, end)
    pad = max((last - first) / 80, pd.Timedelta(days=1))
    names = _lane_name_places(marks, lanes, first - pad, (last - first) / chars)
    ax.set_yticks(list(names.values()), [literal_text(name) for name in names])
    for tick, name in zip(ax.get_yticklabels(), names):
        tick.set_color(colors[name])
        tick.set_fontweight("bold")
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.5, layout.attrs["height"] + 0.5)
    ax.set_xlim(*dates_as_numbers([first - pad, last + pad]))
    ax.grid(axis="x", color="0.88", linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    date_axis(ax)
    # what the marker sizes count, for the legend: the coded casualties table has the wounded, ACLED's
    # fatalities (used without it) only the killed
    ranged = marks["is_range"].to_numpy(dtype=bool)
    set_key(ax, sizes="killed or wounded" if casualties is not None else "killed",
            no_one=bool((marks["size_value"] == 0).any()), most=float(marks["size_value"].max(skipna=True) or 0),
            dated=tuple(form for form, drawn in (("day", not ranged.all()), ("range", ranged.any())) if drawn))
    describe(ax, _description(layout, (first, last - pd.Timedelta(days=1))))
    return ax


def _lane_name_places(marks: pd.DataFrame, lanes: dict[str, float], left: pd.Timestamp,
                      char_time: pd.Timedelta) -> dict[str, float]:
    """Where each lane's name goes, left of the axis: the lane's centre, or, where a text written before its mark
    runs into the margin in that row, the lane's free row nearest the centre (the name would cover the text)."""
    before = marks["text_ha"] == "right"
    starts = marks["text_x"] - marks["text"].str.len().fillna(0).astype(float) * char_time
    in_margin = marks.loc[before & (starts < left)]
    places = {}
    for name, centre in lanes.items():
        covered = in_margin.loc[in_margin["lane"] == name, "y"].to_numpy(dtype=float)

        def free(y: float) -> bool:
            return not (np.abs(covered - y) < 0.75).any()

        rows = sorted(set(marks.loc[marks["lane"] == name, "y"]), key=lambda y: abs(y - centre))
        places[name] = centre if free(centre) else next((y for y in rows if free(y)), centre)
    return places


#: People counts the size key shows, after the mark of an event in which no one was killed (the smallest dot,
#: :func:`~analysis.viz.timeline_layout.marker_area` of 0) where the timeline has one.
SIZE_KEYS = (1, 5)


def timeline_legend(ax: Axes, *, sizes: Sequence[int] | None = None, size_label: str | None = None) -> Any:
    """Add the legend of :func:`plot_timeline`: what filled, hollow, bars and hatched ends mean, and marker sizes.

    Each is explained where the timeline has one: no swatch for ranges where every event's day is known, nor
    for a hatched end where no bound is borrowed. The sizes read together, in the legend's last column, the other
    entries in as many columns before it as the figure's width holds (:func:`analysis.viz._axes.key_in_columns`).

    Parameters
    ----------
    ax : matplotlib Axes
        An Axes drawn by :func:`plot_timeline`.
    sizes : sequence of int or None, default None
        People counts shown in the size key; None: :data:`SIZE_KEYS`, after
        0 ("no one reported killed": a toll of none, or none given; the smallest dot) where the timeline draws an
        event in which no one was killed, and then the largest count drawn where it is above them (so no mark is
        larger than the key's largest).
    size_label : str or None, default None
        What the sizes count; None for what :func:`plot_timeline` sized the
        marks by: "killed or wounded" with a casualties table, "killed" with
        ACLED's fatalities.

    Returns
    -------
    matplotlib Legend
        The legend, placed below the chart (for a timeline drawn as bands,
        the bands' legend, :func:`analysis.viz.bands.bands_legend`); under
        it, where events known only to a range are drawn, where their hollow
        markers sit (:data:`analysis.viz.timeline_layout.RANGE_MARKER`, ``gid``
        ``"range note"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> timeline_legend(plt.figure().gca()).get_texts()[0].get_text()
    'day known'
    """
    key = key_of(ax)
    if "period" in key:
        return bands_legend(ax)
    if size_label is None:
        size_label = key.get("sizes", "killed or wounded")
    if sizes is None:
        most = key.get("most", 0)  # the largest mark drawn, where it is above the key's largest: its largest too
        sizes = (((0,) if key.get("no_one", False) else ()) + SIZE_KEYS
                 + ((int(np.ceil(most)),) if most > SIZE_KEYS[-1] else ()))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    # only the forms drawn (every form where the Axes does not say: a legend drawn before any timeline)
    dated = key.get("dated", ("day", "range"))
    handles = [handle for form, handle in (
        ("day", Line2D([], [], marker="o", linestyle="", markerfacecolor="0.3", markeredgecolor="0.3",
                       label="day known")),
        ("range", Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="0.3",
                         label="known to a range: bar over the possible days"))) if form in dated]
    if any(str(c.get_gid()).startswith("borrowed:") for c in ax.collections):
        handles.append(Patch(facecolor="none", edgecolor="0.3", hatch=HATCHES["borrowed"], linewidth=0,
                             label="bound borrowed from another event or document"))
    if any(str(c.get_gid()).startswith("possible-days:") for c in ax.collections):
        handles.append(Line2D([], [], marker="|", linestyle="", color="0.3", markersize=9, markeredgewidth=1.6,
                              label="possible day, where the reports name the weekday"))
    # filled light grey: a hollow circle is the legend's mark of an event known only to a range
    key = [Line2D([], [], marker="o", linestyle="", markerfacecolor="0.8", markeredgecolor="0.3",
                  markersize=float(np.sqrt(marker_area(count))),
                  label=literal_text(f"{'no one reported' if count == 0 else count} {size_label}"))
           for count in sizes]
    # the sizes in a column of their own (split over two, "no one reported killed" stood under another entry,
    # apart from "1 killed"), in as many columns as the width from the chart's left edge to the figure's holds
    room = ax.figure.get_figwidth() * 72 * (1 - ax.get_position().x0)
    for most in range(3, 0, -1):
        laid, columns = key_in_columns(handles, key, most, blank=None)
        if most == 1 or legend_columns_width([h.get_label() if h else "" for h in laid], columns) <= room:
            break
    laid = [Line2D([], [], linestyle="", marker="", label="") if handle is None else handle for handle in laid]
    legend = ax.legend(handles=laid, loc="upper left", bbox_to_anchor=(0.0, -0.06), ncol=columns,
                       handletextpad=0.4, columnspacing=1.4, borderaxespad=0.0)
    if "range" in dated:  # a hollow marker on a day of its bar reads as the event's date
        note_below(ax, legend, RANGE_MARKER, gid="range note")
    return legend
