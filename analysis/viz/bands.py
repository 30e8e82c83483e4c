"""Draw a dense timeline: each lane a band of events per period, the deadliest events marked and labelled.

Past a few hundred events, one marker per event becomes solid blocks with
stacked labels. This form stays legible at any size: each lane (a kind of
event) is a band whose height follows its events per week, month or quarter
(scaled to the lane's own peak, which is written beside it), and only the
deadliest events are marked and labelled; the events table lists them and
the rest. :func:`timeline_form` says which form a frame gets; the
thresholds are constants here, measured on generated files (docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import check_dates, require_input
from .._lazy import renamed_keywords
from ..stats.highlights import highest_positions, killed_per_event
from ..stats.periods import attacks_per_period, chart_period
from ..stats.selection import event_keys, event_kind
from ..text import describe_dates, event_dates
from ._axes import current_axes, date_axis, dates_as_numbers, nothing_to_draw, own_figure
from .figures import describe, key_of, set_key
from .literal import literal_text
from .placement import LABEL_FONT_SIZE, beside, chars_across, pack_rows
from .style import color_for
from .timeline_labels import short_kind
from .timeline_layout import NUMBER_SEPARATOR

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Above this many events, :func:`analysis.viz.timeline.plot_timeline` draws bands instead of one
#: marker per event (at 300 events on a 10-inch axis a busy week fills the ten rows of its lane and markers overlap).
DENSE_EVENTS = 200
#: Height of a band (data units); labels stack above it, LABEL_STEP apart.
BAND_HEIGHT = 1.0
LANE_GAP = 0.5
#: How many of the deadliest events are marked and labelled.
LABELLED = 8
#: Height of a row of labels above a band (data units).
LABEL_STEP = 0.3
#: Rise of a deadliest-event mark over another in its lane closer than MARK_WIDTH characters (data units).
MARK_STEP = 0.2
MARK_WIDTH = 1.6


def timeline_form(events: pd.DataFrame) -> str:
    """Say which timeline a frame gets: ``"events"`` (a marker per event) or ``"bands"`` (counts per period).

    Parameters
    ----------
    events : DataFrame
        The events to draw.

    Returns
    -------
    str
        ``"bands"`` above :data:`DENSE_EVENTS` events, else ``"events"``.

    Examples
    --------
    >>> timeline_form(pd.DataFrame({"event_id": range(10)})), timeline_form(pd.DataFrame({"event_id": range(301)}))
    ('events', 'bands')
    """
    return "bands" if len(events) > DENSE_EVENTS else "events"


def band_period(first: pd.Timestamp, last: pd.Timestamp) -> tuple[str, str]:
    """Return the period (``freq``, name) of the bands for an axis from ``first`` to ``last`` (:func:`chart_period`).

    Examples
    --------
    >>> band_period(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    ('W', 'week')
    """
    return chart_period(first, last)


def _deadliest_label(row: pd.Series, killed: float, number: int) -> str:
    """``"<number> · <place>, <dates>: <what>, <n> killed"``: the number is the one in the event's id, as in the events
    table; what happened is its sub-event type in short (:func:`~analysis.viz.timeline_labels.short_kind`), as the
    labels of a timeline drawn event by event say it."""
    place = str(row["location"]) if pd.notna(row["location"]) else ""
    when = event_dates(row)
    what = short_kind(row.get("sub_event_type"))
    return f"{number}{NUMBER_SEPARATOR}" + f"{place}, {when}: {what + ', ' if what else ''}{int(killed):,} killed".lstrip(", ")


def _place_labels(offsets: pd.Series, lane_of: np.ndarray, texts: list[str], axis_days: float,
                  chars: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Place the deadliest events' labels: after their event, or before it near the right edge, in rows.

    ``offsets`` are the events' dates from the start of the axis. Returns the
    events' positions, whether each label follows its event, and the labels'
    rows above their lanes, stacked latest first so that neither labels nor
    leader lines overlap (:func:`~analysis.viz.placement.pack_rows`).
    """
    char_days = axis_days / chars
    anchor = (offsets.dt.days).to_numpy(dtype=float)
    widths = np.array([len(t) + 2 for t in texts], dtype=float) * char_days
    after, _, left, right = beside(anchor, anchor, widths, gap=0.0, length=axis_days)
    rows = pack_rows(left, right, gap=char_days, groups=lane_of, leaders=anchor, latest_first=True)
    return anchor, after, rows


def _stack_bands(lanes: list[str], lane_of: np.ndarray, rows: np.ndarray) -> tuple[dict[str, float], float]:
    """Stack the lanes from the bottom, each a band with its labels' rows above it: each lane's base, and the top."""
    base, position = {}, 0.0
    for name in reversed(lanes):
        base[name] = position
        labelled = rows[lane_of == name]
        position += BAND_HEIGHT + (labelled.max() + 1.2) * LABEL_STEP if len(labelled) else BAND_HEIGHT
        position += LANE_GAP
    return base, position


def _draw_bands(ax: Axes, counts: pd.DataFrame, lanes: list[str], base: dict[str, float], colors: dict[str, str],
                period_name: str) -> None:
    """Draw each lane's band of events per period, scaled to its own peak, and write the peak at its right."""
    for name in lanes:
        part = counts[counts["lane"].astype(str) == name].sort_values("period_start")
        x = dates_as_numbers(part["period_start"])
        x = np.append(x, dates_as_numbers(part["period_end"].iloc[-1:] + pd.Timedelta(days=1))) if len(part) else x
        values = part["expected"].to_numpy(dtype=float)
        peak = float(values.max()) if len(values) else 0.0
        height = values / peak * BAND_HEIGHT if peak > 0 else values
        y0 = base[name]
        band = ax.fill_between(x, y0, y0 + np.append(height, height[-1:]) if len(height) else y0, step="post",
                               color=colors[name], alpha=0.55, linewidth=0)
        band.set_gid(f"band:{name}")
        ax.text(1.005, y0 + BAND_HEIGHT / 2, f"peak {peak:,.0f}\na {period_name}", transform=ax.get_yaxis_transform(),
                ha="left", va="center", fontsize=7.2, color="0.3")


def _draw_deadliest(ax: Axes, dates: pd.Series, lane_of: np.ndarray, rows: np.ndarray, texts: list[str],
                    base: dict[str, float], *, after: np.ndarray, levels: np.ndarray) -> None:
    """Mark the deadliest events on their lanes' bands, each with a leader line up to its label.

    A label is written after its event where ``after`` is True, else before it; a mark is raised by its
    ``levels`` above another it would cover.
    """
    xs = dates_as_numbers(dates)
    ys = np.array([base[n] for n in lane_of]) + 0.04 + MARK_STEP * levels
    marks = ax.scatter(xs, ys, s=30, color="0.1", zorder=4, marker="v")
    marks.set_gid("deadliest")
    for xi, yi, name, row, text, is_after in zip(xs, ys, lane_of, rows, texts, after):
        label_y = base[name] + BAND_HEIGHT + LABEL_STEP * (row + 0.7)
        ax.plot([xi, xi], [yi, label_y - 0.08], color="0.45", linewidth=0.6, zorder=3)
        label = ax.text(xi, label_y, f" {literal_text(text)} ", ha="left" if is_after else "right",
                        va="center", fontsize=LABEL_FONT_SIZE, color="0.1", zorder=5)
        label.set_gid("label")


@own_figure()
@renamed_keywords(most="n")
def plot_timeline_bands(
    events: pd.DataFrame,
    *,
    casualties: pd.DataFrame | None = None,
    n: int = LABELLED,
    start: object = None,
    end: object = None,
    dates: str = "range",
    ax: Axes | None = None,
) -> Axes:
    """Draw events in lanes by kind as bands of events per period, with the deadliest events labelled.

    Parameters
    ----------
    events : DataFrame
        Events (coded or ACLED) with ``event_id``, ``date_start``,
        ``date_end``, ``event_date``, ``location``, ``event_type``.
    casualties : DataFrame or None, default None
        The coded casualties table; None uses ``fatalities``.
    n : int, default LABELLED
        How many of the deadliest events to mark and label.
    start, end : date-like or None, default None
        The axis; None for the events' extent.
    dates : {"range", "event_date"}, default "range"
        Count each event over its range of days, or on its ``event_date``
        (:func:`analysis.stats.periods.attacks_per_period`), as the page's
        other counts do: a lane's peak is then the same figure as theirs.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        One filled band per lane (``gid`` ``"band:<lane>"``), the marks of
        the deadliest events (``gid`` ``"deadliest"``) and their labels
        (``gid`` ``"label"``); its key (:func:`analysis.viz.figures.key_of`),
        which :func:`bands_legend` reads, holds ``period`` (``"week"``...)
        and ``labelled`` (how many events are labelled).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "event_type": ["Battles", "Protests"], "location": ["X", "Y"],
    ...                       "date_start": pd.to_datetime(["2025-01-02", "2025-02-03"]),
    ...                       "date_end": pd.to_datetime(["2025-01-02", "2025-02-03"]),
    ...                       "event_date": pd.to_datetime(["2025-01-02", "2025-02-03"]), "fatalities": [4, 0]})
    >>> ax = plot_timeline_bands(frame, ax=plt.figure().gca())
    >>> sorted(c.get_gid() for c in ax.collections)
    ['band:Battles', 'band:Protests', 'deadliest']
    """
    ax = current_axes(ax)
    require_input(events, ["event_id", "date_start", "date_end", "event_date", "location", "event_type"],
                  taker="plot_timeline_bands", maker="load_events or load_acled")
    check_dates(events)
    if events.empty:
        ax.set_yticks([])
        nothing_to_draw(ax, "no events in this window", "No events in this window.")
        return ax
    kinds = event_kind(events).cat.remove_unused_categories()
    first = pd.Timestamp(start) if start is not None else events["date_start"].min()
    last = pd.Timestamp(end) if end is not None else events["date_end"].max()
    freq, period_name = band_period(first, last)
    frame = pd.DataFrame({"date_start": events["date_start"].to_numpy(), "date_end": events["date_end"].to_numpy(),
                          "event_date": events["event_date"].to_numpy(), "lane": kinds.to_numpy()})
    counts = attacks_per_period(frame, freq=freq, by="lane", kinds=None, start=first, end=last, clip=True, dates=dates)
    lanes = list(kinds.cat.categories)
    colors = color_for(lanes)
    killed = killed_per_event(events, casualties).to_numpy(dtype=float)
    top = highest_positions(killed, events["event_date"], n, split_ties=False)
    chosen = events.iloc[top]
    numbers = event_keys(events).to_numpy()[top]
    texts = [_deadliest_label(row, k, n) for (_, row), k, n in zip(chosen.iterrows(), killed[top], numbers)]
    axis_days = max((last - first).days + 1, 1)
    lane_of = kinds.iloc[top].astype(str).to_numpy()
    anchor, after, rows = _place_labels(chosen["event_date"] - first, lane_of, texts, axis_days, chars_across(ax))
    base, position = _stack_bands(lanes, lane_of, rows)
    _draw_bands(ax, counts, lanes, base, colors, period_name)
    if len(top):
        # marks closer than MARK_WIDTH characters stack up, each a level above the one it would cover
        half = MARK_WIDTH / 2 * axis_days / chars_across(ax)
        levels = pack_rows(anchor, anchor, gap=half, groups=lane_of)
        _draw_deadliest(ax, chosen["event_date"], lane_of, rows, texts, base, after=after, levels=levels)
    ax.set_yticks([base[n] + BAND_HEIGHT / 2 for n in lanes], [literal_text(n) for n in lanes])
    for tick, name in zip(ax.get_yticklabels(), lanes):
        tick.set_color(colors[name])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.2, position - LANE_GAP + 0.1)
    pad = pd.Timedelta(days=max(axis_days / 80, 1))
    ax.set_xlim(*dates_as_numbers([first - pad, last + pd.Timedelta(days=1) + pad]))
    date_axis(ax)
    peaks = "; ".join(
        f"{name} peak {counts.loc[counts['lane'].astype(str) == name, 'expected'].max():,.0f} a {period_name}"
        for name in lanes)
    set_key(ax, period=period_name, labelled=len(top))
    describe(ax, f"{len(events):,} events, {describe_dates(first, last)}, drawn as bands of events per {period_name} "
                 f"in {len(lanes)} lanes by kind ({peaks}); the {len(top)} deadliest labelled: "
                 + "; ".join(texts) + ".")
    return ax


@renamed_keywords(most="n")
def bands_legend(ax: Axes, *, n: int = LABELLED) -> object:
    """Add the legend of :func:`plot_timeline_bands` below the chart: what a band and a mark mean."""
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    key = key_of(ax)
    period, labelled = key.get("period", "period"), key.get("labelled", n)
    # the swatch shows the bands' own colours, one patch per lane
    bands = tuple(Patch(facecolor=c.get_facecolor()[0], alpha=0.55, linewidth=0) for c in ax.collections
                  if str(c.get_gid()).startswith("band:")) or (Patch(facecolor="0.45", alpha=0.55),)
    marks = Line2D([], [], marker="v", linestyle="", color="0.1")
    what = f"the {labelled} deadliest events, labelled" if labelled != 1 else "the deadliest event, labelled"
    return ax.legend(handles=[bands, marks], labels=[f"events per {period}, scaled to each lane's peak", what],
                     handler_map={tuple: HandlerTuple(ndivide=None, pad=0)}, handlelength=max(2.0, 0.6 * len(bands)),
                     loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)

