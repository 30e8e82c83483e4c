"""Draw events on a time axis: lanes by kind, spans for ranged dates, sized markers, labels that never overlap.

The layout (:func:`timeline_layout`: lanes, rows, marker areas, label rows
and label widths estimated from a character width) and the drawing
(:func:`plot_timeline`, :func:`timeline_legend`) live together, with their
constants defined once, so a change of look is made in one place. The
counts behind marker sizes come from :func:`analysis.stats.casualties.event_sizes`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Union

import numpy as np
import pandas as pd

from .._frames import check_dates, column_or_na, day_numbers, require_columns
from ..stats.casualties import event_sizes
from ..stats.posture import posture_kind
from ..stats.selection import event_kind
from ..text import describe_bounds
from ._axes import current_axes, date_axis, dates_as_numbers, note_nothing
from .literal import literal_text
from .style import color_for

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Vertical layout of the timeline, in data units: within a lane, overlapping
#: events take rows ROW_STEP apart; label rows stack above them, LABEL_STEP
#: apart; lanes are LANE_GAP apart.
ROW_STEP = 0.2
LABEL_STEP = 0.3
LANE_GAP = 0.6
#: Above this many ranged events in a lane, spans take rows in turn (date
#: order, MAX_ROWS rows) instead of the first free row, to stay fast.
GREEDY_LIMIT = 5000
#: Font size of the labels, in points.
LABEL_FONT_SIZE = 7.8
#: Average width of a label's character, in em: DejaVu Sans averages about
#: 0.6 em, and the two spaces around each label add a little.
CHAR_WIDTH_EM = 0.62

LabelSpec = Union[str, pd.Series, Callable[[pd.DataFrame], "pd.Series"], None]


def marker_area(people: float | pd.Series) -> float | pd.Series:
    """Return the area of an event's marker, in points squared, for the people killed or wounded in it.

    Examples
    --------
    >>> marker_area(0), marker_area(5)
    (36.0, 106.0)
    """
    return 36.0 + 14.0 * people


def chars_across(ax: Axes) -> float:
    """Return how many label characters fill the width of an Axes (its width in points over a character's)."""
    width_points = ax.get_position().width * ax.figure.get_figwidth() * 72
    return width_points / (CHAR_WIDTH_EM * LABEL_FONT_SIZE)


#: Short names of ACLED sub-event types for timeline labels.
SHORT_NAMES: dict[str, str] = {
    "Shelling/artillery/missile attack": "rocket attack",
    "Air/drone strike": "air strike",
    "Armed clash": "clash",
    "Non-violent transfer of territory": "handed over",
    "Peaceful protest": "protest",
    "Remote explosive/landmine/IED": "IED",
}

_NO_PLACE = {"unspecified", "iraq", ""}


def event_labels(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    bases: pd.DataFrame | None = None,
    most: int | None = None,
) -> pd.Series:
    """Write short labels for the events worth naming on a timeline, from the data alone.

    An event gets a label when someone was killed or wounded in it or it
    happened at a base: ``"<place>: <what>, <n> killed, <n> wounded"``. The
    place is the base name (or the location; none when the location is
    "unspecified" or only the country); what happened is the number of
    rockets where reported, the posture change at a base
    (:func:`posture_kind`), or the sub-event type in short
    (:data:`SHORT_NAMES`). Figures are the lowest reported (``1+`` where the
    documents only say "at least").

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        Casualties table; None uses ``fatalities`` for the killed.
    bases : DataFrame or None, default None
        Bases table, for base names; None uses the events' ``location``.
    most : int or None, default None
        Label at most this many events: those with the most people killed
        or wounded (then the earliest). None labels every event that
        qualifies.

    Returns
    -------
    Series
        string, same index as ``events``; missing for events not labelled.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "location": ["Camp Taji"], "base_id": ["taji"],
    ...                       "sub_event_type": ["Shelling/artillery/missile attack"], "category": ["militia attack"],
    ...                       "projectiles_low": [18], "projectiles_high": [18], "fatalities": [3], "notes": [""]})
    >>> event_labels(frame).tolist()
    ['Camp Taji: 18 rockets, 3 killed']
    """
    require_columns(events, ["event_id", "location", "sub_event_type"])
    killed = event_sizes(events, casualties, outcome="killed")
    wounded = event_sizes(events, casualties, outcome="wounded")
    open_ended = pd.Series(False, index=events.index)
    if casualties is not None:
        open_ids = set(casualties.loc[casualties["count_high"].isna(), "event_id"])
        open_ended = events["event_id"].isin(open_ids)
    base_id = column_or_na(events, "base_id").astype("string")
    place = events["location"].astype("string")
    if bases is not None:
        place = base_id.map(dict(zip(bases["base_id"], bases["name"]))).astype("string").fillna(place)
    kind = posture_kind(events)
    low = column_or_na(events, "projectiles_low").astype("Float64")
    high = column_or_na(events, "projectiles_high").astype("Float64")
    hurt = (killed + wounded).to_numpy()
    chosen = np.flatnonzero((hurt > 0) | base_id.notna().to_numpy())
    if most is not None and len(chosen) > most:
        order = np.lexsort((day_numbers(events["event_date"].iloc[chosen]), -hurt[chosen]))
        chosen = np.sort(chosen[order[:most]])
    labels = pd.Series(pd.NA, index=events.index, dtype="string", name="label")
    for i in chosen:
        if pd.notna(low.iloc[i]):
            what = f"{describe_bounds(low.iloc[i], high.iloc[i])} rockets"
        elif pd.notna(kind.iloc[i]) and kind.iloc[i] != "attacked":
            what = str(kind.iloc[i])
        else:
            sub = str(events["sub_event_type"].iloc[i])
            what = SHORT_NAMES.get(sub, sub.lower())
        plus = "+" if open_ended.iloc[i] else ""
        parts = [what]
        parts += [f"{int(killed.iloc[i])}{plus} killed"] if killed.iloc[i] > 0 else []
        parts += [f"{int(wounded.iloc[i])}{plus} wounded"] if wounded.iloc[i] > 0 else []
        where = place.iloc[i]
        prefix = f"{where}: " if pd.notna(where) and str(where).strip().casefold() not in _NO_PLACE else ""
        labels.iloc[i] = prefix + ", ".join(parts)
    return labels


def _labels(events: pd.DataFrame, label: LabelSpec) -> pd.Series:
    if label is None:
        return pd.Series(pd.NA, index=events.index, dtype="string")
    if callable(label):
        values = label(events)
    elif isinstance(label, str):
        require_columns(events, [label])
        values = events[label]
    else:
        values = label
        if values.index.isin(events.index).all() and not values.index.isin(events.get("event_id", [])).any():
            values = values.reindex(events.index)
        else:
            values = events["event_id"].map(values)
    values = pd.Series(values, index=events.index).astype("string").str.strip()
    return values.mask(values == "")


def _first_free_rows(groups: np.ndarray, left: np.ndarray, right: np.ndarray, gap: float) -> np.ndarray:
    """Give each interval, in order of its left end, the lowest row of its group where it overlaps nothing."""
    rows = np.zeros(len(left), dtype=np.int64)
    taken: dict[object, list[list[tuple[float, float]]]] = {}
    for i in np.lexsort((right, left)):
        occupied = taken.setdefault(groups[i], [])
        span = (left[i] - gap, right[i] + gap)
        row = 0
        while row < len(occupied) and any(a < span[1] and span[0] < b for a, b in occupied[row]):
            row += 1
        if row == len(occupied):
            occupied.append([])
        occupied[row].append(span)
        rows[i] = row
    return rows


def _label_rows(groups: np.ndarray, anchors: np.ndarray, left: np.ndarray, right: np.ndarray, gap: float) -> np.ndarray:
    """Stack labels, latest first, so that neither they nor their leader lines overlap.

    A label goes to the lowest row where its text overlaps no label or leader
    line, above every row where a label covers its event (its leader line
    would cross that text). Its leader line then occupies the rows below.
    Going from the latest event back, a label that runs right over later
    events is lifted above their labels instead of crossing their leaders.
    """
    rows = np.zeros(len(left), dtype=np.int64)
    taken: dict[object, list[list[tuple[float, float]]]] = {}
    for i in np.lexsort((right, anchors))[::-1]:
        occupied = taken.setdefault(groups[i], [])
        covering = [q for q, spans in enumerate(occupied) if any(a < anchors[i] < b for a, b in spans)]
        row = max(covering) + 1 if covering else 0
        span = (left[i] - gap, right[i] + gap)
        while row < len(occupied) and any(a < span[1] and span[0] < b for a, b in occupied[row]):
            row += 1
        while len(occupied) <= row:
            occupied.append([])
        occupied[row].append(span)
        for below in range(row):
            occupied[below].append((anchors[i] - gap / 2, anchors[i] + gap / 2))
        rows[i] = row
    return rows


def _span_rows(lanes: np.ndarray, left: np.ndarray, right: np.ndarray, gap: float, max_rows: int) -> np.ndarray:
    """Rows of the events within their lanes: first free row, or rows in turn for very many spans."""
    rows = np.zeros(len(left), dtype=np.int64)
    for lane in pd.unique(lanes):
        members = np.flatnonzero(lanes == lane)
        if len(members) <= GREEDY_LIMIT:
            found = _first_free_rows(lanes[members], left[members], right[members], gap)
            rows[members] = np.minimum(found, max_rows - 1)
        else:
            order = members[np.lexsort((right[members], left[members]))]
            rows[order] = np.arange(len(order)) % max_rows
    return rows


def _time_extent(x_start: pd.Series, x_end: pd.Series, start: object, end: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first day of the time axis and the day after its last: the window given, else the events'."""
    first = pd.Timestamp(start) if start is not None else (x_start.min() if len(x_start) else pd.Timestamp(0))
    last = pd.Timestamp(end) + pd.Timedelta(days=1) if end is not None else (x_end.max() if len(x_end) else first)
    return first, last


def _events_in_lanes(
    events: pd.DataFrame, lane: str, size: str | None, casualties: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the events in date order (then input order), and their lanes, dates, span ends and marker sizes."""
    # date order, then the input's order (numpy on day numbers: fast on millions of rows)
    ordered = events.iloc[np.lexsort((day_numbers(events["date_start"]), day_numbers(events["event_date"])))]
    if lane == "category":
        lanes = event_kind(ordered)
    else:
        require_columns(ordered, [lane])
        lanes = ordered[lane].astype("category")
    lanes = lanes.cat.remove_unused_categories()
    out = pd.DataFrame({
        "event_id": ordered["event_id"].astype("string").to_numpy(),
        "lane": lanes.array,
        "date_start": ordered["date_start"].to_numpy(),
        "date_end": ordered["date_end"].to_numpy(),
        "event_date": ordered["event_date"].to_numpy(),
    })
    out["x_start"] = out["date_start"]
    out["x_end"] = out["date_end"] + pd.Timedelta(days=1)
    out["is_range"] = (out["date_end"] > out["date_start"]).to_numpy(dtype=bool)
    if size is None:
        values = pd.Series(0.0, index=ordered.index)
    elif size == "casualties":
        values = event_sizes(ordered, casualties)
    else:
        require_columns(ordered, [size])
        values = ordered[size].astype("Float64").fillna(0).astype(float)
    out["size_value"] = values.to_numpy(dtype=float)
    out["marker_size"] = marker_area(out["size_value"])
    return ordered, out


def _place_rows_and_labels(
    out: pd.DataFrame, texts: pd.Series, first: pd.Timestamp, last: pd.Timestamp, chars_per_axis: float, max_rows: int
) -> None:
    """Give each event its row in its lane, and each label its row, left edge and side (in place)."""
    axis_days = max((last - first) / pd.Timedelta(days=1), 1.0)
    char_days = axis_days / chars_per_axis
    day = np.timedelta64(1, "D")
    x_start = (out["x_start"].to_numpy() - np.datetime64(first)) / day
    x_end = (out["x_end"].to_numpy() - np.datetime64(first)) / day
    x_mid = (out["event_date"].to_numpy() - np.datetime64(first)) / day
    # a point takes about a marker's width (two characters) on the axis
    left = np.where(out["is_range"], x_start, x_mid - char_days)
    right = np.where(out["is_range"], x_end, x_mid + char_days)
    lane_names = out["lane"].astype(str).to_numpy()
    out["row"] = _span_rows(lane_names, left, right, gap=char_days / 2, max_rows=max_rows)

    has_label = texts.notna().to_numpy()
    rows = np.zeros(len(out), dtype=np.int64)
    label_left = out["event_date"].to_numpy(dtype="datetime64[ns]").copy()
    if has_label.any():
        widths = texts[has_label].str.len().to_numpy(dtype=float) * char_days
        anchor = x_mid[has_label]
        starts = np.where(anchor + widths > axis_days, anchor - widths, anchor)
        rows[has_label] = _label_rows(lane_names[has_label], anchor, starts, starts + widths, gap=char_days)
        label_left[has_label] = (first + pd.to_timedelta(starts, unit="D")).to_numpy(dtype="datetime64[ns]")
    out["label_row"] = pd.array(np.where(has_label, rows, 0), dtype="Int64")
    out.loc[~has_label, "label_row"] = pd.NA
    out["label_x"] = pd.Series(label_left).where(has_label)
    out["label_ha"] = pd.Series(np.where(out["label_x"] < out["event_date"], "right", "left"), dtype="string").where(has_label)


def _stack_lanes(out: pd.DataFrame) -> None:
    """Stack the lanes from the top, each as tall as its event rows and label rows need (in place)."""
    present = list(out["lane"].cat.categories)
    event_rows = out.groupby("lane", observed=False)["row"].max()
    label_rows = out.groupby("lane", observed=False)["label_row"].max()
    base, position, tops = {}, 0.0, {}
    for name in reversed(present):
        base[name] = position
        tops[name] = int(event_rows.get(name, 0)) * ROW_STEP
        labelled = label_rows.get(name)
        labels_height = 0.0 if pd.isna(labelled) else (int(labelled) + 1) * LABEL_STEP
        position += tops[name] + labels_height + LANE_GAP
    out["lane_y"] = out["lane"].map(base).astype(float)
    out["y"] = out["lane_y"] + ROW_STEP * out["row"]
    top = out["lane"].map(tops).astype(float)
    out["label_y"] = (out["lane_y"] + top + LABEL_STEP * (out["label_row"].astype("Float64") + 0.8)).astype("Float64").astype(float)
    out.attrs["lanes"] = {name: base[name] for name in present}
    out.attrs["height"] = position


def timeline_layout(
    events: pd.DataFrame,
    *,
    lane: str = "category",
    size: str | None = "casualties",
    label: LabelSpec = None,
    casualties: pd.DataFrame | None = None,
    chars_per_axis: float = 150.0,
    max_rows: int = 10,
    start: object = None,
    end: object = None,
) -> pd.DataFrame:
    """Lay out a timeline: lanes, rows, marker sizes, spans and non-overlapping labels.

    Lanes are kinds of events (:func:`event_kind`: the project category,
    else the ACLED event type) in :data:`KIND_ORDER`, the first at the top.
    An event known to the day is a point at its date; an event known only to
    a range is a span from its first day to the end of its last, with its
    point at ``event_date``. Within a lane, an event goes to the lowest row
    where it overlaps no other event (at most ``max_rows`` rows). Marker
    areas grow with the people killed or wounded (:func:`event_sizes`).
    Labels are placed greedily in date order on the lowest label row of
    their lane where they overlap no other label (widths estimated from
    their length: ``chars_per_axis`` characters fill the axis); each lane is
    as tall as its rows need, so labels never overlap each other or another
    lane.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id``, ``date_start``, ``date_end``, ``event_date``
        and the lane column (``category``/``event_type`` by default).
    lane : str, default "category"
        ``"category"`` for kinds (with the ACLED fallback), or any column.
    size : str or None, default "casualties"
        ``"casualties"`` (see :func:`event_sizes`), a numeric column, or None
        for equal markers.
    label : str, Series, callable or None, default None
        Label texts: a column, a Series (aligned on the index, or indexed by
        event_id), or a function of the events such as :func:`event_labels`;
        missing or empty texts mean no label.
    casualties : DataFrame or None, default None
        Casualties table for ``size="casualties"``.
    chars_per_axis : float, default 150.0
        How many label characters fill the axis width (for overlap checks).
    max_rows : int, default 10
        Most rows of events in a lane; further overlapping events share the
        last row.
    start, end : date-like or None, default None
        Extent of the time axis; None for the events' extent.

    Returns
    -------
    DataFrame
        One row per event, in date order (then input order): event_id, lane
        (categorical), lane_y (the lane's base line), row (int64), y (float64), date_start,
        date_end, event_date, x_start, x_end (datetime64; x_end is the day
        after date_end), is_range (bool), size_value, marker_size (float64,
        points squared), label (string), label_row (Int64), label_x
        (datetime64, the label's left edge), label_ha ("left" or "right" of
        the event), label_y (float64). ``attrs["lanes"]`` maps each lane to
        its base line, ``attrs["height"]`` gives the total height.

    Raises
    ------
    DataError
        If a needed column is missing or a date range is invalid.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "category": ["US strike"], "event_type": ["Battles"],
    ...                       "date_start": pd.to_datetime(["2020-01-03"]), "date_end": pd.to_datetime(["2020-01-03"]),
    ...                       "event_date": pd.to_datetime(["2020-01-03"]), "fatalities": [2]})
    >>> timeline_layout(frame)[["lane", "row", "is_range", "size_value"]]
            lane  row  is_range  size_value
    0  US strike    0     False         2.0
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date"])
    check_dates(events)
    ordered, out = _events_in_lanes(events, lane, size, casualties)
    texts = _labels(ordered, label).reset_index(drop=True)
    out["label"] = texts
    first, last = _time_extent(out["x_start"], out["x_end"], start, end)
    _place_rows_and_labels(out, texts, first, last, chars_per_axis, max_rows)
    _stack_lanes(out)
    columns = ["event_id", "lane", "lane_y", "row", "y", "date_start", "date_end", "event_date", "x_start", "x_end",
               "is_range", "size_value", "marker_size", "label", "label_row", "label_x", "label_ha", "label_y"]
    return out[columns]

def _draw_lane(ax: Axes, layout: pd.DataFrame, x: np.ndarray, name: str, base: float, color: str) -> float:
    """Draw one lane: its band, the spans of its ranged events and its markers; return its centre."""
    rows = (layout["lane"] == name).to_numpy()
    top = float(layout.loc[rows, "y"].max()) if rows.any() else base
    ax.axhspan(base - 0.12, top + 0.12, color=color, alpha=0.05, linewidth=0, zorder=0)
    ranged = rows & layout["is_range"].to_numpy()
    if ranged.any():
        starts = dates_as_numbers(layout.loc[ranged, "x_start"])
        ends = dates_as_numbers(layout.loc[ranged, "x_end"])
        for y_row in sorted(set(layout.loc[ranged, "y"])):
            in_row = (layout.loc[ranged, "y"] == y_row).to_numpy()
            spans = ax.broken_barh(
                list(zip(starts[in_row], (ends - starts)[in_row])), (y_row - 0.06, 0.12), facecolors=color,
                alpha=0.3, edgecolor="none", zorder=1,
            )
            spans.set_gid(f"spans:{name}")
    fills = np.where(layout.loc[rows, "is_range"].to_numpy(), "white", color)
    points = ax.scatter(
        x[rows], layout.loc[rows, "y"].to_numpy(), s=layout.loc[rows, "marker_size"].to_numpy(),
        facecolors=list(fills), edgecolors=color, linewidths=1.2, zorder=3, label=literal_text(name),
    )
    points.set_gid(f"events:{name}")
    return (base + top) / 2


def _draw_labels(ax: Axes, layout: pd.DataFrame, x: np.ndarray) -> None:
    """Write each label on its row, with a leader line down to its event."""
    labelled = layout["label"].notna().to_numpy()
    for (_, row), xi in zip(layout[labelled].iterrows(), x[labelled]):
        ax.plot([xi, xi], [row["y"] + 0.05, row["label_y"] - 0.08], color="0.55", linewidth=0.6, zorder=2)
        text = ax.text(
            xi, row["label_y"], f" {literal_text(row['label'])} ", ha=row["label_ha"], va="center", fontsize=LABEL_FONT_SIZE, color="0.1",
            zorder=4,
        )
        text.set_gid("label")


def plot_timeline(
    events: pd.DataFrame,
    *,
    lane: str = "category",
    size: str | None = "casualties",
    label: LabelSpec = None,
    casualties: pd.DataFrame | None = None,
    start: object = None,
    end: object = None,
    form: str = "auto",
    ax: Axes | None = None,
) -> Axes:
    """Draw events on a shared time axis, in lanes by kind, with spans for ranged dates.

    Each event is a marker at its ``event_date``, coloured by kind and sized
    by the people killed or wounded; an event known to the day is filled,
    one known only to a range is hollow and drawn over a bar spanning its
    possible days. Labels sit above their lane, stacked so they never
    overlap (see :func:`timeline_layout`, which does all the placing).

    Parameters
    ----------
    events : DataFrame
        Events (coded or ACLED).
    lane, size, label, casualties, start, end
        As in :func:`timeline_layout`.
    form : {"auto", "events", "bands"}, default "auto"
        ``"events"``: a marker per event, as described here; ``"bands"``:
        each lane a band of events per period with the deadliest events
        labelled (:func:`analysis.viz.bands.plot_timeline_bands`; ``lane``,
        ``size`` and ``label`` do not apply); ``"auto"``: bands above
        :data:`analysis.viz.bands.DENSE_EVENTS` events.
    ax : matplotlib Axes, optional
        Where to draw; the current Axes if None.

    Returns
    -------
    matplotlib Axes
        One scatter collection per lane (``gid`` ``"events:<lane>"``), one
        bar collection of spans per lane with ranged events (``gid``
        ``"spans:<lane>"``), one text per label (``gid`` ``"label"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV2"], "category": ["militia attack", "US strike"],
    ...                       "event_type": ["Explosions/Remote violence"] * 2, "fatalities": [3, 0],
    ...                       "date_start": pd.to_datetime(["2020-03-11", "2020-03-12"]),
    ...                       "date_end": pd.to_datetime(["2020-03-11", "2020-03-12"]),
    ...                       "event_date": pd.to_datetime(["2020-03-11", "2020-03-12"])})
    >>> ax = plot_timeline(frame, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['militia attack', 'US strike']
    """
    ax = current_axes(ax)
    if form not in ("auto", "events", "bands"):
        raise ValueError(f"form={form!r}; use 'auto', 'events' or 'bands'")
    from .bands import plot_timeline_bands, timeline_form

    if form == "bands" or (form == "auto" and timeline_form(events) == "bands"):
        return plot_timeline_bands(events, casualties=casualties, start=start, end=end, ax=ax)
    layout = timeline_layout(
        events, lane=lane, size=size, label=label, casualties=casualties, start=start, end=end,
        chars_per_axis=chars_across(ax),
    )
    if layout.empty:
        ax.set_yticks([])
        note_nothing(ax, "no events to show")
        return ax
    lanes = layout.attrs["lanes"]
    colors = color_for(list(lanes))
    x = dates_as_numbers(layout["event_date"])
    centres = {name: _draw_lane(ax, layout, x, name, base, colors[name]) for name, base in lanes.items()}
    _draw_labels(ax, layout, x)
    ax.set_yticks(list(centres.values()), [literal_text(name) for name in centres])
    for tick, name in zip(ax.get_yticklabels(), lanes):
        tick.set_color(colors[name])
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.set_ylim(-0.3, layout.attrs["height"] - 0.25)
    first, last = _time_extent(layout["x_start"], layout["x_end"], start, end)
    pad = max((last - first) / 60, pd.Timedelta(days=1))
    ax.set_xlim(*dates_as_numbers([first - pad, last + pad]))
    date_axis(ax)
    return ax

def timeline_legend(ax: Axes, *, sizes: Sequence[int] = (1, 5), size_label: str = "killed or wounded") -> Any:
    """Add the legend of :func:`plot_timeline`: what filled, hollow and spans mean, and marker sizes.

    Parameters
    ----------
    ax : matplotlib Axes
        An Axes drawn by :func:`plot_timeline`.
    sizes : sequence of int, default (1, 5)
        People counts shown in the size key.
    size_label : str, default "killed or wounded"
        What the sizes count.

    Returns
    -------
    matplotlib Legend
        The legend, placed below the chart (for a timeline drawn as bands,
        the bands' legend, :func:`analysis.viz.bands.bands_legend`).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> timeline_legend(plt.figure().gca()).get_texts()[0].get_text()
    'day known'
    """
    if hasattr(ax, "band_period"):
        from .bands import bands_legend

        return bands_legend(ax)
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles = [
        Line2D([], [], marker="o", linestyle="", markerfacecolor="0.3", markeredgecolor="0.3", label="day known"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor="0.3",
               label="date known to a range (bar: possible days)"),
        Patch(facecolor="0.3", alpha=0.28, label="possible days"),
    ]
    for count in sizes:
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none", markeredgecolor="0.3",
                              markersize=float(np.sqrt(marker_area(count))), label=literal_text(f"{count} {size_label}")))
    return ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(handles),
                     handletextpad=0.3, columnspacing=1.2)

