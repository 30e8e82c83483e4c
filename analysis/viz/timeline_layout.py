"""Lay out a timeline: lanes, marks, rows, marker sizes and texts that never overlap; nothing drawn.

The drawing is :mod:`analysis.viz.timeline`'s; everything it places comes
from :func:`timeline_layout`. How the layout reads:

- each kind of event has a lane, the first of :data:`KIND_ORDER` at the top;
- an event known to the day is a filled marker; an event known only to a
  range of days is a bar over every possible day, with a hollow marker at its
  mid-point; a bound borrowed from another event or document (the
  ``date_start_from`` / ``date_end_from`` columns of the coded events) gives
  the bar a hatched end on that side;
- events of a lane with the same dates, the same kind of bounds and no label
  of their own are one mark, labelled with their numbers and their count;
- every mark carries its events' numbers, the numbers in their ids
  (:func:`analysis.stats.selection.event_keys`, the numbers of the events
  tables), in reading order and, where given, a label (above
  :data:`MAX_NUMBERED` events, only the labelled marks, each label after
  its event's number); the text sits on the mark's own row,
  after its bar (before it near the right edge), and marks go to the first
  row of their lane where neither their bar nor their text overlaps another
  mark's, so no text ever covers a mark or another text.

Texts are measured with a character-width model and placed by
:mod:`analysis.viz.placement` (:func:`~analysis.viz.placement.beside`,
:func:`~analysis.viz.placement.pack_rows`), so the layout needs no renderer.
The counts behind marker sizes come from :func:`analysis.stats.casualties.event_sizes`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Union

import numpy as np
import pandas as pd

from .._frames import check_dates, column_or_na, day_numbers, require_columns, weekday_numbers
from ..stats.casualties import event_sizes
from ..stats.selection import event_keys, event_kind, event_numbers
from .placement import CHAR_WIDTH_EM, LABEL_FONT_SIZE, beside, pack_rows

if TYPE_CHECKING:  # pragma: no cover
    pass

#: Vertical layout, in rows: lanes are LANE_GAP rows apart.
LANE_GAP = 0.9
#: Above this many marks in a lane, marks take rows in turn (date order,
#: ``max_rows`` rows) instead of the first free row, to stay fast.
GREEDY_LIMIT = 5000
#: Most events that get numbers: beyond this, numbers would not be read.
MAX_NUMBERED = 100
#: Between an event's number and its label on a chart ("35 · 25 rockets hit Taji"), so that a number never reads
#: as part of the label's own figures.
NUMBER_SEPARATOR = " · "
#: The gap between a mark and its text, in characters.
TEXT_GAP = 0.7
#: Where a date bound comes from when the row's own document gives it.
OWN_BOUNDS = ("text", "publication date")

LabelSpec = Union[str, pd.Series, Callable[[pd.DataFrame], "pd.Series"], None]

#: Where the charts draw an event known only to a range of days, said under each chart that draws one (the timeline,
#: the attacks one by one): its hollow marker sits on a day of the range, which reads as its date unless told.
RANGE_MARKER = ("A hollow marker sits on the middle one of the possible days (the earlier of the two middle ones): a "
                "place to draw it, not the event's date.")


def marker_area(people: float | pd.Series) -> float | pd.Series:
    """Return the area of an event's marker, in points squared, for the people killed or wounded in it.

    Examples
    --------
    >>> marker_area(0), marker_area(5)
    (30.0, 100.0)
    """
    return 30.0 + 14.0 * people


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


def number_ranges(numbers: Sequence[int]) -> str:
    """Write numbers briefly, runs as ranges: ``[8, 9, 10, 12]`` -> ``"8\u201310, 12"``.

    Examples
    --------
    >>> number_ranges([8, 9, 10, 12]), number_ranges([3, 5])
    ('8\u201310, 12', '3, 5')
    """
    values = sorted(int(n) for n in numbers)
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return ", ".join(f"{run[0]}\u2013{run[-1]}" if len(run) > 2 else ", ".join(map(str, run)) for run in runs)


def _borrowed(events: pd.DataFrame, column: str) -> np.ndarray:
    """Mark the bounds borrowed from another event or document (not the row's own document's)."""
    origin = column_or_na(events, column).astype("string")
    return (origin.notna() & ~origin.isin(OWN_BOUNDS)).fillna(False).to_numpy(dtype=bool)


def _events_in_lanes(
    events: pd.DataFrame, lane: str, size: str | None, casualties: pd.DataFrame | None, label: LabelSpec
) -> pd.DataFrame:
    """Return the events in reading order with their lanes, numbers, dates, span ends, bounds, sizes and labels.

    Everything is worked out on the events as given and only the columns needed are put in order, so a
    timeline of millions of events never copies their notes.
    """
    kinds = event_kind(events)
    order = np.argsort(event_numbers(events, kinds=kinds).to_numpy(), kind="stable")
    numbers = event_keys(events, kinds=kinds)
    if lane == "category":
        lanes = kinds
    else:
        require_columns(events, [lane])
        lanes = events[lane].astype("category")
    if size is None:
        values = np.zeros(len(events))
    elif size == "casualties":
        values = event_sizes(events, casualties).to_numpy(dtype=float)
    else:
        require_columns(events, [size])
        values = events[size].astype("Float64").fillna(0).to_numpy(dtype=float, na_value=0.0)
    labels = (pd.array(np.full(len(events), None, dtype=object), dtype="string") if label is None
              else _labels(events, label).array.take(order))
    out = pd.DataFrame({
        "event_id": events["event_id"].astype("string").array.take(order),
        "number": numbers.to_numpy()[order],
        "lane": pd.Categorical(lanes.array).take(order).remove_unused_categories(),
        "date_start": events["date_start"].to_numpy()[order],
        "date_end": events["date_end"].to_numpy()[order],
        "event_date": events["event_date"].to_numpy()[order],
        "start_borrowed": _borrowed(events, "date_start_from")[order],
        "end_borrowed": _borrowed(events, "date_end_from")[order],
        # the one weekday an event fell on, where the reports give one (0 Monday ... 6 Sunday; -1 any day)
        "weekday": (np.full(len(events), -1, dtype=np.int64) if (days := weekday_numbers(events)) is None
                    else days)[order],
        "size_value": values[order],
        "label": labels,
    })
    out["x_start"] = out["date_start"]
    out["x_end"] = out["date_end"] + pd.Timedelta(days=1)
    out["is_range"] = (out["date_end"] > out["date_start"]).to_numpy(dtype=bool)
    out.loc[~out["is_range"], ["start_borrowed", "end_borrowed"]] = False
    out["marker_size"] = marker_area(out["size_value"])
    return out


def _group_marks(out: pd.DataFrame, collapse: bool) -> None:
    """Give every event its mark: events of a lane with the same dates, bounds and size, and no label, share one."""
    if collapse and len(out):
        labelled = out["label"].notna().to_numpy()
        keys = pd.DataFrame({
            "lane": out["lane"].cat.codes.to_numpy(),
            "start": day_numbers(out["date_start"]), "end": day_numbers(out["date_end"]),
            "middle": day_numbers(out["event_date"]),
            "bounds": out["start_borrowed"].to_numpy(dtype=np.int64) * 2 + out["end_borrowed"].to_numpy(dtype=np.int64),
            "weekday": out["weekday"].to_numpy(dtype=np.int64),
            "size": out["marker_size"].to_numpy(dtype=float),
            "own": np.where(labelled, np.arange(len(out)), -1),  # a labelled event keeps a mark of its own
        })
        out["mark"] = keys.groupby(list(keys.columns), sort=False).ngroup().to_numpy(dtype=np.int64)
    else:
        out["mark"] = np.arange(len(out), dtype=np.int64)
    out["mark_events"] = out.groupby("mark")["event_id"].transform("size").astype("int64")


def _mark_texts(out: pd.DataFrame, number: bool) -> pd.Series:
    """Write each mark's text: its numbers (and count, for several events) and its label; above MAX_NUMBERED events,
    only the labels, each after its event's number (without ``number``, the labels alone)."""
    label = out["label"].astype("string")
    count = out["mark_events"]
    if not number or len(out) > MAX_NUMBERED:  # too many events to number or count one by one
        texts = out["number"].astype("string") + NUMBER_SEPARATOR + label if number else label
        return texts.where(count == 1).astype("string")
    texts = {}
    for mark, members in out.groupby("mark", sort=False):
        keys = number_ranges(members["number"])
        first = members["label"].iloc[0]
        if len(members) > 1:
            texts[mark] = f"{keys} ({len(members)} events)"
        else:
            texts[mark] = keys if pd.isna(first) else f"{keys}{NUMBER_SEPARATOR}{first}"
    return out["mark"].map(texts).astype("string")


def _rows(lanes: np.ndarray, left: np.ndarray, right: np.ndarray, gap: float, max_rows: int) -> np.ndarray:
    """Rows of the marks within their lanes: first free row, or rows in turn for very many marks."""
    rows = np.zeros(len(left), dtype=np.int64)
    for lane in pd.unique(lanes):
        members = np.flatnonzero(lanes == lane)
        if len(members) <= GREEDY_LIMIT:
            found = pack_rows(left[members], right[members], gap=gap)
            rows[members] = np.minimum(found, max_rows - 1)
        else:
            order = members[np.lexsort((right[members], left[members]))]
            rows[order] = np.arange(len(order)) % max_rows
    return rows


def time_extent(x_start: pd.Series, x_end: pd.Series, start: object, end: object) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the first day of the time axis and the day after its last: the window given, else the events'."""
    first = pd.Timestamp(start) if start is not None else (x_start.min() if len(x_start) else pd.Timestamp(0))
    last = pd.Timestamp(end) + pd.Timedelta(days=1) if end is not None else (x_end.max() if len(x_end) else first)
    return first, last


def _place_marks(out: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp, chars_per_axis: float,
                 max_rows: int) -> None:
    """Give each mark its text's place (after its bar, or before it near the right edge) and its row (in place)."""
    axis_days = max((last - first) / pd.Timedelta(days=1), 1.0)
    char_days = axis_days / chars_per_axis
    day = np.timedelta64(1, "D")
    x_start = (out["x_start"].to_numpy() - np.datetime64(first)) / day
    x_end = (out["x_end"].to_numpy() - np.datetime64(first)) / day
    x_mid = (out["event_date"].to_numpy() - np.datetime64(first)) / day + 0.5
    radius = np.sqrt(out["marker_size"].to_numpy(dtype=float)) / 2 / (CHAR_WIDTH_EM * LABEL_FONT_SIZE) * char_days
    body_left = np.where(out["is_range"], np.minimum(x_start, x_mid - radius), x_mid - radius)
    body_right = np.where(out["is_range"], np.maximum(x_end, x_mid + radius), x_mid + radius)
    width = out["text"].str.len().fillna(0).to_numpy(dtype=float) * char_days
    on_right, text_x, left, right = beside(body_left, body_right, width, gap=TEXT_GAP * char_days, length=axis_days)
    lanes = out["lane"].astype(str).to_numpy()
    marks = out["mark"].to_numpy()
    leaders = np.flatnonzero(~pd.Series(marks).duplicated().to_numpy())
    rows = _rows(lanes[leaders], left[leaders], right[leaders], gap=char_days / 2, max_rows=max_rows)
    by_mark = np.zeros(int(marks.max()) + 1 if len(marks) else 0, dtype=np.int64)
    by_mark[marks[leaders]] = rows
    out["row"] = by_mark[marks]
    has_text = out["text"].notna().to_numpy()
    out["text_x"] = pd.Series(first + pd.to_timedelta(text_x, unit="D")).where(has_text).to_numpy()
    side = np.where(on_right, 0, 1)
    out["text_ha"] = pd.Categorical.from_codes(np.where(has_text, side, -1), categories=["left", "right"])


def _stack_lanes(out: pd.DataFrame) -> None:
    """Stack the lanes from the top, each as tall as its rows, the first row of a lane at its top (in place)."""
    present = list(out["lane"].cat.categories)
    rows = out.groupby("lane", observed=False)["row"].max()
    tops, position = {}, 0.0
    for name in present:
        tops[name] = position
        position += (0 if pd.isna(rows.get(name)) else int(rows.get(name)) + 1) + LANE_GAP
    height = position - LANE_GAP
    out["y"] = height - (out["lane"].map(tops).astype(float) + out["row"].astype(float)) - 0.5
    centres = {name: height - tops[name] - (int(rows.get(name, 0)) + 1) / 2 for name in present}
    out.attrs["lanes"] = centres
    out.attrs["height"] = height


def timeline_layout(
    events: pd.DataFrame,
    *,
    lane: str = "category",
    size: str | None = "casualties",
    label: LabelSpec = None,
    casualties: pd.DataFrame | None = None,
    number: bool = True,
    collapse: bool = True,
    chars_per_axis: float = 150.0,
    max_rows: int = 40,
    start: object = None,
    end: object = None,
) -> pd.DataFrame:
    """Lay out a timeline: lanes, marks, rows, marker sizes, bars, borrowed bounds and texts that never overlap.

    See the module documentation for how it reads. Events are numbered in
    reading order (:func:`analysis.stats.selection.event_numbers`) when
    ``number`` is True and there are at most :data:`MAX_NUMBERED` of them.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id``, ``date_start``, ``date_end``, ``event_date``,
        ``event_type`` and the lane column (``category`` by default);
        ``date_start_from`` / ``date_end_from`` where bounds may be borrowed.
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
    number : bool, default True
        Write each event's number in its mark's text.
    collapse : bool, default True
        Draw events of a lane with the same dates, bounds and size and no
        label as one mark.
    chars_per_axis : float, default 150.0
        How many label characters fill the axis width (for overlap checks).
    max_rows : int, default 40
        Most rows of marks in a lane; further overlapping marks share the
        last row.
    start, end : date-like or None, default None
        Extent of the time axis; None for the events' extent.

    Returns
    -------
    DataFrame
        One row per event, in reading order: event_id, number (int64), lane
        (categorical), mark (int64, shared by the events drawn as one mark),
        mark_events (int64, events in the mark), row (int64, 0 at the top of
        the lane), y (float64), date_start, date_end, event_date, x_start,
        x_end (datetime64; x_end is the day after date_end), is_range,
        start_borrowed, end_borrowed (bool), weekday (int64: the one weekday
        the event fell on, 0 Monday ... 6 Sunday, -1 any day of its range),
        size_value, marker_size (float64,
        points squared), label (string, the label given), text (string, what
        the mark says: numbers, count and label), text_x (datetime64, where
        the text starts, or ends for ``"right"``), text_ha (categorical:
        ``"left"``, after the mark; ``"right"``, before it). ``attrs["lanes"]`` maps each lane
        to its centre, ``attrs["height"]`` gives the total height in rows.

    Raises
    ------
    DataError
        If a needed column is missing or a date range is invalid.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1"], "category": ["US strike"], "event_type": ["Battles"],
    ...                       "date_start": pd.to_datetime(["2020-01-03"]), "date_end": pd.to_datetime(["2020-01-03"]),
    ...                       "event_date": pd.to_datetime(["2020-01-03"]), "fatalities": [2]})
    >>> timeline_layout(frame)[["lane", "row", "is_range", "size_value", "text"]]
            lane  row  is_range  size_value text
    0  US strike    0     False         2.0    1
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date"])
    check_dates(events)
    out = _events_in_lanes(events, lane, size, casualties, label)
    _group_marks(out, collapse)
    out["text"] = _mark_texts(out, number)
    first, last = time_extent(out["x_start"], out["x_end"], start, end)
    _place_marks(out, first, last, chars_per_axis, max_rows)
    _stack_lanes(out)
    columns = ["event_id", "number", "lane", "mark", "mark_events", "row", "y", "date_start", "date_end", "event_date",
               "x_start", "x_end", "is_range", "start_borrowed", "end_borrowed", "weekday", "size_value", "marker_size",
               "label", "text", "text_x", "text_ha"]
    return out[columns]
