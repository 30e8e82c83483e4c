"""Select, count and summarise events, honestly about uncertain dates.

Every function here takes a DataFrame with the columns of the events table
(``analysis.schema.EVENTS``; an ACLED export loaded with ``load_acled`` has
them too) and returns a tidy DataFrame: one row per observation, one column
per variable, with real dtypes, so the result chains with pandas and seaborn.

Counting events known only to a range of dates
----------------------------------------------
An event has a first and a last possible day (``date_start``, ``date_end``,
both inclusive). For each period (a week, a month...) three counts are given:

``certain``
    events whose whole date range lies inside the period: they surely
    happened in it;
``possible``
    events whose date range overlaps the period: they may have happened in
    it (an event spanning two weeks is possible in both);
``expected``
    each event's share of its range's days that fall in the period, as if
    every day of the range were equally likely. An event of 1-10 March counts
    0.5 in a period of 1-5 March. Over all periods an event adds up to
    exactly 1, so the ``expected`` column sums to the number of events.

``certain <= expected <= possible`` holds in every period; the three are
equal when every date is known to the day.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

import numpy as np
import pandas as pd

from . import schema
from .errors import DataError

#: ACLED sub-event types that count as attacks where an event has no project
#: category (ACLED exports): rocket, mortar and missile fire, the form of
#: every militia attack in the coded documents.
ATTACK_SUB_EVENT_TYPES: tuple[str, ...] = ("Shelling/artillery/missile attack",)

#: The order of kinds (timeline lanes, legend entries): the project's
#: categories, then ACLED event types for events that have no category.
KIND_ORDER: tuple[str, ...] = schema.CATEGORIES + schema.EVENT_TYPES

WEEKDAYS: tuple[str, ...] = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")
_FREQ_RE = re.compile(r"^\s*(\d*)\s*([DWMQY])\s*$", re.IGNORECASE)

EventSelector = Union[Callable[[pd.DataFrame], "pd.Series"], Sequence[str], None]


# --- checks ------------------------------------------------------------------------

def require_columns(frame: pd.DataFrame, columns: Sequence[str], what: str = "events") -> None:
    """Raise a DataError naming the columns a helper needs and the frame lacks.

    Parameters
    ----------
    frame : DataFrame
        The frame given to a helper.
    columns : sequence of str
        Columns the helper needs.
    what : str, default "events"
        Name of the table, for the message.

    Raises
    ------
    DataError
        If any of ``columns`` is missing.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"event_id": []}), ["event_id"])
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(
            f"{what}: missing column(s) {', '.join(repr(c) for c in missing)}; "
            f"this helper needs {', '.join(repr(c) for c in columns)}",
            column=missing[0], rule="missing column",
        )


def _check_dates(events: pd.DataFrame) -> None:
    """Refuse missing dates and ranges that end before they start."""
    require_columns(events, ["date_start", "date_end"])
    for column in ("date_start", "date_end"):
        if not pd.api.types.is_datetime64_any_dtype(events[column]):
            raise DataError(
                f"events: column {column!r} has dtype {events[column].dtype}; expected datetime64 "
                "(load the table with analysis.load_events or load_acled)",
                column=column, value=str(events[column].dtype), rule="dtype",
            )
        missing = events[column].isna()
        if missing.any():
            label = events.index[missing.to_numpy()][0]
            raise DataError(
                f"events: row {label!r}, column {column!r}: the date is missing; every event needs "
                "date_start and date_end", column=column, value=None, rule="required",
            )
    reversed_ = (events["date_end"] < events["date_start"]).to_numpy()
    if reversed_.any():
        label = events.index[reversed_][0]
        raise DataError(
            f"events: row {label!r}: date_end {events.loc[label, 'date_end']:%Y-%m-%d} is before "
            f"date_start {events.loc[label, 'date_start']:%Y-%m-%d}; a range must end on or after its start",
            column="date_end", value=events.loc[label, "date_end"], rule="date range",
        )


def _timestamp(value: object, name: str) -> pd.Timestamp | None:
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name}={value!r} is not a date; give a date such as '2020-01-31'") from error
    if pd.isna(stamp):
        raise ValueError(f"{name}={value!r} is not a date; give a date such as '2020-01-31'")
    return stamp.normalize()


# --- kinds and selections ------------------------------------------------------------

def _column_or_na(events: pd.DataFrame, column: str) -> pd.Series:
    if column in events.columns:
        return events[column]
    return pd.Series(pd.NA, index=events.index, dtype="string")


def event_kind(events: pd.DataFrame) -> pd.Series:
    """Return each event's kind: its project category, else its ACLED event type.

    The coded events all have a ``category`` (the timeline lane); ACLED
    exports do not, so their events fall back to ``event_type``.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_type`` and, optionally, ``category``.

    Returns
    -------
    Series
        Categorical with the categories of :data:`KIND_ORDER` (plus any other
        value met, after them), same index as ``events``.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["US strike", None], "event_type": ["Battles", "Protests"]})
    >>> event_kind(frame).tolist()
    ['US strike', 'Protests']
    """
    require_columns(events, ["event_type"])
    category = _column_or_na(events, "category")
    kind = np.where(category.isna().to_numpy(), _as_objects(events["event_type"]), _as_objects(category))
    kind = pd.Series(kind, index=events.index).where(pd.notna(kind), None)
    extra = sorted(set(kind.dropna().unique()) - set(KIND_ORDER))
    return pd.Series(pd.Categorical(kind, categories=[*KIND_ORDER, *extra]), index=events.index, name="kind")


def _as_objects(values: pd.Series) -> np.ndarray:
    """Return the values as a numpy object array (fast for categoricals)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        categories = np.asarray(values.cat.categories, dtype=object)
        codes = values.cat.codes.to_numpy()
        return np.where(codes >= 0, categories.take(np.maximum(codes, 0)) if len(categories) else None, None)
    return values.astype(object).where(values.notna(), None).to_numpy()


def _is_one_of(values: pd.Series, allowed: Sequence[str]) -> np.ndarray:
    """Return a boolean array: the value is one of ``allowed`` (missing values are not)."""
    return values.isin(list(allowed)).fillna(False).to_numpy(dtype=bool)


def is_militia_attack(events: pd.DataFrame) -> pd.Series:
    """Mark the events that count as attacks: the default selector of the counting helpers.

    An event is an attack when its ``category`` is ``"militia attack"``; an
    event without a category (an ACLED export) is an attack when its
    ``sub_event_type`` is one of :data:`ATTACK_SUB_EVENT_TYPES`. To count
    something else, pass your own function to the ``kinds=`` option of the
    helpers, e.g. ``lambda e: e["actor1"].str.contains("Hezbollah")``.

    Parameters
    ----------
    events : DataFrame
        Events with ``sub_event_type`` and, optionally, ``category``.

    Returns
    -------
    Series of bool
        True for attacks, same index as ``events``.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["militia attack", "US strike", None],
    ...                       "sub_event_type": ["Shelling/artillery/missile attack", "Air/drone strike",
    ...                                          "Shelling/artillery/missile attack"]})
    >>> is_militia_attack(frame).tolist()
    [True, False, True]
    """
    require_columns(events, ["sub_event_type"])
    category = _column_or_na(events, "category")
    coded = _is_one_of(category, ["militia attack"])
    fallback = category.isna().to_numpy() & _is_one_of(events["sub_event_type"], ATTACK_SUB_EVENT_TYPES)
    return pd.Series(coded | fallback, index=events.index, name="attack")


def _selection_mask(events: pd.DataFrame, kinds: EventSelector) -> np.ndarray:
    if kinds is None:
        return np.ones(len(events), dtype=bool)
    if callable(kinds):
        mask = kinds(events)
        mask = pd.Series(mask, index=events.index) if not isinstance(mask, pd.Series) else mask
        return mask.astype("boolean").fillna(False).to_numpy(dtype=bool)
    if isinstance(kinds, str):
        kinds = [kinds]
    return event_kind(events).isin(list(kinds)).to_numpy(dtype=bool)


def select_kinds(events: pd.DataFrame, kinds: EventSelector = is_militia_attack) -> pd.DataFrame:
    """Keep the events of some kinds.

    Parameters
    ----------
    events : DataFrame
        Events.
    kinds : callable, sequence of str or None, default is_militia_attack
        A function returning a boolean Series for ``events``; or kind names
        matched against :func:`event_kind` (categories such as
        ``"US strike"``, or ACLED event types); None keeps every event.

    Returns
    -------
    DataFrame
        The selected rows, unchanged, in their order.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["US strike", "protest"], "event_type": ["Battles", "Protests"]})
    >>> select_kinds(frame, ["protest"]).index.tolist()
    [1]
    """
    return events.loc[_selection_mask(events, kinds)]


def select_events(
    events: pd.DataFrame,
    *,
    start: object = None,
    end: object = None,
    area: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Keep the events of a time window and an area.

    An event is in the window when its date range overlaps it: a range
    event of 28 Feb - 5 Mar is in a window starting 1 March. Nothing else
    is dropped, and the rows are returned unchanged, in their order.

    Parameters
    ----------
    events : DataFrame
        Events with ``date_start``, ``date_end`` and, for ``area``, ``admin1``
        (and ``country`` where the frame has it, as ACLED exports do).
    start, end : date-like or None, default None
        First and last day of the window (inclusive); None leaves that side
        open.
    area : str, sequence of str or None, default None
        Governorate(s) (``admin1``) or country name(s) (``country``),
        matched without regard to case; None keeps every place.

    Returns
    -------
    DataFrame
        The events in the window and the area.

    Raises
    ------
    DataError
        If a needed column is missing, a date is missing, or a range ends
        before it starts.
    ValueError
        If ``start`` or ``end`` is not a date, or ``end`` is before ``start``.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-02-28", "2020-03-11"]),
    ...                       "date_end": pd.to_datetime(["2020-03-05", "2020-03-11"]),
    ...                       "admin1": ["Baghdad", "Kirkuk"]})
    >>> select_events(frame, start="2020-03-01", area="baghdad").index.tolist()
    [0]
    """
    _check_dates(events)
    start_, end_ = _timestamp(start, "start"), _timestamp(end, "end")
    if start_ is not None and end_ is not None and end_ < start_:
        raise ValueError(f"end={end!r} is before start={start!r}")
    mask = np.ones(len(events), dtype=bool)
    if start_ is not None:
        mask &= (events["date_end"] >= start_).to_numpy()
    if end_ is not None:
        mask &= (events["date_start"] <= end_).to_numpy()
    if area is not None:
        wanted = [area] if isinstance(area, str) else list(area)
        wanted = {str(a).strip().casefold() for a in wanted}
        require_columns(events, ["admin1"])
        in_area = np.zeros(len(events), dtype=bool)
        for column in ("admin1", "country"):
            if column in events.columns:
                names = events[column].astype("string").str.strip().str.casefold()
                in_area |= names.isin(wanted).fillna(False).to_numpy(dtype=bool)
        mask &= in_area
    return events.loc[mask]


# --- periods -------------------------------------------------------------------------

def _parse_freq(freq: str, week_start: str) -> tuple[int, str, int]:
    match = _FREQ_RE.match(str(freq))
    if not match:
        raise ValueError(
            f"freq={freq!r} is not a period; use 'D', 'W', 'M', 'Q' or 'Y', optionally with a "
            "whole number of them in front ('2W', '3M')"
        )
    count = int(match.group(1) or 1)
    if count < 1:
        raise ValueError(f"freq={freq!r}: the number of periods must be at least 1")
    day = str(week_start).strip().upper()[:3]
    if day not in WEEKDAYS:
        raise ValueError(f"week_start={week_start!r} is not a weekday; use one of {', '.join(WEEKDAYS)}")
    return count, match.group(2).upper(), WEEKDAYS.index(day)


def period_edges(first: object, last: object, *, freq: str = "W", week_start: str = "MON") -> pd.DatetimeIndex:
    """Return the start days of the periods that cover a span of days, and the day after the last.

    Weeks start on ``week_start``; months, quarters and years on their
    calendar first day; ``"nD"`` periods start on ``first``; ``"nW"`` and
    ``"nM"`` periods on the first week or month start on or before
    ``first``.

    Parameters
    ----------
    first, last : date-like
        First and last day to cover (inclusive).
    freq : str, default "W"
        ``"D"``, ``"W"``, ``"M"``, ``"Q"`` or ``"Y"``, optionally preceded by a
        whole number (``"2W"``).
    week_start : str, default "MON"
        First day of a week: ``"MON"`` ... ``"SUN"``.

    Returns
    -------
    DatetimeIndex
        ``k + 1`` edges for ``k`` periods; period ``i`` runs from edge ``i``
        to the day before edge ``i + 1``.

    Raises
    ------
    ValueError
        If ``freq`` or ``week_start`` is not understood.

    Examples
    --------
    >>> period_edges("2020-03-11", "2020-03-14", freq="W").strftime("%a %d %b").tolist()
    ['Mon 09 Mar', 'Mon 16 Mar']
    """
    count, unit, weekday = _parse_freq(freq, week_start)
    first_day = np.datetime64(pd.Timestamp(first).date(), "D")
    last_day = np.datetime64(pd.Timestamp(last).date(), "D")
    if unit in ("D", "W"):
        step = count * (1 if unit == "D" else 7)
        anchor = first_day
        if unit == "W":
            # 1970-01-01 (day 0) was a Thursday: weekday 3 when Monday is 0.
            anchor = first_day - ((first_day.astype(np.int64) + 3 - weekday) % 7)
        n_periods = int((last_day - anchor).astype(np.int64) // step) + 1
        edges = anchor + np.arange(n_periods + 1) * step
    else:
        months = {"M": 1, "Q": 3, "Y": 12}[unit]
        anchor = first_day.astype("datetime64[M]")
        if unit != "M":
            anchor = anchor - (anchor.astype(np.int64) % months)
        step = count * months
        n_periods = int((last_day.astype("datetime64[M]") - anchor).astype(np.int64) // step) + 1
        edges = (anchor + np.arange(n_periods + 1) * step).astype("datetime64[D]")
    return pd.DatetimeIndex(edges.astype("datetime64[ns]"))


def _days(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)


def _group_codes(frame: pd.DataFrame, by: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Return a group number per row and the groups' keys (sorted, missing values kept)."""
    if not by:
        return np.zeros(len(frame), dtype=np.int64), pd.DataFrame(index=pd.RangeIndex(1))
    grouped = frame.groupby(by, observed=True, dropna=False, sort=True)
    codes = grouped.ngroup().to_numpy(dtype=np.int64)
    keys = grouped.size().index.to_frame(index=False)
    for column in by:
        keys[column] = keys[column].astype(frame[column].dtype)
    return codes, keys


def _spread(
    start_day: np.ndarray,
    end_day: np.ndarray,
    codes: np.ndarray,
    n_groups: int,
    edges: np.ndarray,
    weights: np.ndarray | None = None,
    bins: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Count (or sum weights of) ranged events per group and period; the rule of the module docs.

    ``bins`` are the first and last period of each event, when already
    known. Returns flat arrays of length ``n_groups * n_periods``
    (group-major).
    """
    n = len(edges) - 1
    size = n_groups * n
    wide = n_groups * (n + 1)
    if bins is None:
        bins = (np.searchsorted(edges, start_day, side="right") - 1, np.searchsorted(edges, end_day, side="right") - 1)
    first, last = bins
    weight = np.ones(len(start_day)) if weights is None else np.asarray(weights, dtype=float)
    one = first == last
    cell = codes * n + first
    certain = np.bincount(cell[one], weights=None if weights is None else weight[one], minlength=size)
    row = codes * (n + 1)
    opened = np.bincount(row + first, minlength=wide) - np.bincount(row + last + 1, minlength=wide)
    possible = opened.reshape(n_groups, n + 1).cumsum(axis=1)[:, :n].ravel()
    # expected: single-period events add their whole weight; longer ranges add
    # weight * days-in-period / days-in-range to their first, middle and last periods.
    per_day = weight / (end_day - start_day + 1)
    many = ~one
    expected = np.bincount(cell[one], weights=weight[one], minlength=size).astype(float)
    f, l, w = first[many], last[many], per_day[many]
    expected += np.bincount(cell[many], weights=w * (edges[f + 1] - start_day[many]), minlength=size)
    expected += np.bincount(codes[many] * n + l, weights=w * (end_day[many] + 1 - edges[l]), minlength=size)
    r = row[many]
    middle = np.bincount(r + f + 1, weights=w, minlength=wide) - np.bincount(r + l, weights=w, minlength=wide)
    widths = np.diff(edges).astype(float)
    expected += (middle.reshape(n_groups, n + 1).cumsum(axis=1)[:, :n] * widths).ravel()
    # running sums leave rounding dust (1e-17) where nothing falls: make it a clean zero
    expected[np.abs(expected) < 1e-9] = 0.0
    return {"certain": certain, "possible": possible, "expected": expected}


def _as_list(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def _period_frame(
    events: pd.DataFrame,
    *,
    freq: str,
    week_start: str,
    by: list[str],
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
    include_empty: bool,
    weights: dict[str, np.ndarray],
) -> pd.DataFrame:
    """Build the tidy per-period frame shared by the counting helpers."""
    firsts = [d for d in (start, events["date_start"].min() if len(events) else None) if d is not None]
    lasts = [d for d in (end, events["date_end"].max() if len(events) else None) if d is not None]
    codes, keys = _group_codes(events, by)
    if not firsts or not lasts:
        edges = np.array([], dtype=np.int64)
    else:
        index = period_edges(min(firsts), max(lasts), freq=freq, week_start=week_start)
        edges = index.to_numpy().astype("datetime64[D]").astype(np.int64)
    n = max(len(edges) - 1, 0)
    n_groups = len(keys) if by else 1
    if n == 0 or (by and len(events) == 0):
        columns = {
            "period_start": pd.Series([], dtype="datetime64[ns]"),
            "period_end": pd.Series([], dtype="datetime64[ns]"),
            **{c: events[c].iloc[:0].reset_index(drop=True) for c in by},
        }
        result = {name: pd.Series([], dtype="float64") for name in weights}
        return pd.DataFrame({**columns, **_empty_counts(), **result})
    start_day, end_day = _days(events["date_start"]), _days(events["date_end"])
    bins = (np.searchsorted(edges, start_day, side="right") - 1, np.searchsorted(edges, end_day, side="right") - 1)
    counts = _spread(start_day, end_day, codes, n_groups, edges, bins=bins)
    extra = {
        name: _spread(start_day, end_day, codes, n_groups, edges, weights=values, bins=bins)["expected"]
        for name, values in weights.items()
    }
    # rows period-major (sorted by period, then group); the arrays are group-major
    period = np.repeat(np.arange(n), n_groups)
    group = np.tile(np.arange(n_groups), n)
    flat = group * n + period
    counts = {name: values[flat] for name, values in counts.items()}
    extra = {name: values[flat] for name, values in extra.items()}
    keep = np.ones(len(period), dtype=bool) if include_empty else counts["possible"] > 0
    starts = edges[:-1].astype("datetime64[D]").astype("datetime64[ns]")
    ends = (edges[1:] - 1).astype("datetime64[D]").astype("datetime64[ns]")
    out = {
        "period_start": starts[period[keep]],
        "period_end": ends[period[keep]],
    }
    for column in by:
        out[column] = keys[column].take(group[keep]).reset_index(drop=True)
    out["certain"] = counts["certain"][keep].astype(np.int64)
    out["possible"] = counts["possible"][keep].astype(np.int64)
    out["expected"] = counts["expected"][keep]
    for name, values in extra.items():
        out[name] = values[keep]
    return pd.DataFrame(out)


def _empty_counts() -> dict[str, pd.Series]:
    return {
        "certain": pd.Series([], dtype="int64"),
        "possible": pd.Series([], dtype="int64"),
        "expected": pd.Series([], dtype="float64"),
    }


def attacks_per_period(
    events: pd.DataFrame,
    *,
    freq: str = "W",
    week_start: str = "MON",
    by: str | Sequence[str] | None = None,
    kinds: EventSelector = is_militia_attack,
    start: object = None,
    end: object = None,
    include_empty: bool = True,
) -> pd.DataFrame:
    """Count attacks (or any events) per period, with events known only to a range of dates counted honestly.

    Which events are attacks is a parameter: by default events of category
    ``"militia attack"``, or, where an event has no category (ACLED
    exports), rocket, artillery and missile fire (see
    :func:`is_militia_attack`); ``kinds=None`` counts every event.

    The counting rule (``certain``, ``possible``, ``expected``) is the one of
    this module's documentation: ``certain`` counts events whose whole date
    range lies in the period, ``possible`` events whose range overlaps it,
    and ``expected`` each event's share of its range's days in the period,
    so every event adds up to exactly 1 over all periods.

    Parameters
    ----------
    events : DataFrame
        Events with ``date_start`` and ``date_end`` (and the columns that
        ``by`` and ``kinds`` use).
    freq : str, default "W"
        Period length: ``"D"``, ``"W"``, ``"M"``, ``"Q"``, ``"Y"``, optionally
        with a whole number in front (``"2W"``). See :func:`period_edges`.
    week_start : str, default "MON"
        First day of a week (``"MON"`` ... ``"SUN"``).
    by : str, sequence of str or None, default None
        Column(s) to count separately, e.g. ``"base_id"`` or ``"location"``.
        Missing values form a group of their own, so no event is lost.
    kinds : callable, sequence of str or None, default is_militia_attack
        Which events to count (see :func:`select_kinds`); None counts all.
    start, end : date-like or None, default None
        Window: only events whose range overlaps it are counted, and the
        periods cover at least the window. Periods also cover the whole
        range of every counted event, so totals always match.
    include_empty : bool, default True
        Keep periods (and, with ``by``, group-period pairs) with nothing in
        them, as zero rows. False keeps only rows where ``possible > 0``.

    Returns
    -------
    DataFrame
        One row per period (and group): ``period_start``, ``period_end``
        (datetime64, both inclusive), the ``by`` columns, ``certain``,
        ``possible`` (int64) and ``expected`` (float64). Sorted by period,
        then group. Empty input gives an empty frame with these columns.

    Raises
    ------
    DataError
        If a needed column is missing, a date is missing, or a range ends
        before it starts.
    ValueError
        If ``freq``, ``week_start``, ``start`` or ``end`` is not understood.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-11", "2020-03-14"]),
    ...                       "date_end": pd.to_datetime(["2020-03-11", "2020-03-17"])})
    >>> attacks_per_period(frame, freq="W", kinds=None)[["period_start", "certain", "possible", "expected"]]
      period_start  certain  possible  expected
    0   2020-03-09        1         2       1.5
    1   2020-03-16        0         1       0.5
    """
    by_ = _as_list(by)
    require_columns(events, ["date_start", "date_end", *by_])
    _parse_freq(freq, week_start)
    chosen = select_events(select_kinds(events, kinds), start=start, end=end)
    return _period_frame(
        chosen,
        freq=freq,
        week_start=week_start,
        by=by_,
        start=_timestamp(start, "start"),
        end=_timestamp(end, "end"),
        include_empty=include_empty,
        weights={},
    )


def weighted_per_period(
    events: pd.DataFrame,
    weights: dict[str, Sequence[float] | pd.Series],
    *,
    freq: str = "W",
    week_start: str = "MON",
    by: str | Sequence[str] | None = None,
    start: object = None,
    end: object = None,
    include_empty: bool = True,
) -> pd.DataFrame:
    """Sum per-event weights per period, spreading ranged events by the ``expected`` rule.

    Each event adds ``weight * (days of its range in the period) / (days of
    its range)`` to a period, so an event's whole weight is counted once.

    Parameters
    ----------
    events : DataFrame
        Events with ``date_start`` and ``date_end``.
    weights : dict of str to array-like
        Output column name -> one weight per event (aligned with ``events``;
        missing weights count 0).
    freq, week_start, by, start, end, include_empty
        As in :func:`attacks_per_period`.

    Returns
    -------
    DataFrame
        The columns of :func:`attacks_per_period` plus one float64 column per
        entry of ``weights``.

    Raises
    ------
    DataError
        If a needed column is missing or a date range is invalid.
    ValueError
        If a weight array does not have one value per event, or an option is
        not understood.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-14"]),
    ...                       "date_end": pd.to_datetime(["2020-03-17"])})
    >>> weighted_per_period(frame, {"score": [-10.0]})["score"].tolist()
    [-5.0, -5.0]
    """
    by_ = _as_list(by)
    require_columns(events, ["date_start", "date_end", *by_])
    _parse_freq(freq, week_start)
    if not events.index.is_unique:
        raise ValueError("events has a duplicated index; reset it (events.reset_index(drop=True)) first")
    arrays = {}
    for name, values in weights.items():
        if isinstance(values, pd.Series):
            values = values.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        values = np.asarray(values, dtype=float)
        if values.shape != (len(events),):
            raise ValueError(f"weights[{name!r}] has {values.size} values for {len(events)} events")
        arrays[name] = np.nan_to_num(values, nan=0.0)
    chosen = select_events(events, start=start, end=end)
    keep = events.index.get_indexer(chosen.index)
    return _period_frame(
        chosen,
        freq=freq,
        week_start=week_start,
        by=by_,
        start=_timestamp(start, "start"),
        end=_timestamp(end, "end"),
        include_empty=include_empty,
        weights={name: values[keep] for name, values in arrays.items()},
    )


# --- wording of figures and dates ---------------------------------------------------

def _whole(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def describe_count(qualifier: object, low: object, high: object) -> str:
    """Write a coded figure back as the documents worded it.

    The coding turned wording into bounds (``"about 5,000"`` -> 4,500 to
    5,500; ``"less than 400"`` -> at most 399); this undoes it for tables and
    labels, so the qualifier stays visible.

    Parameters
    ----------
    qualifier : str
        One of ``analysis.schema.QUALIFIERS``.
    low, high : int or missing
        The coded bounds (missing where open-ended).

    Returns
    -------
    str
        E.g. ``"about 5,000"``, ``"less than 400"``, ``"more than 12"``,
        ``"18"``, ``"dozens"``; ``"?"`` when the bounds say nothing.

    Examples
    --------
    >>> describe_count("about", 4500, 5500), describe_count("less than", None, 399)
    ('about 5,000', 'less than 400')
    """
    low_, high_ = _whole(low), _whole(high)
    word = str(qualifier) if qualifier is not None and not pd.isna(qualifier) else "exact"
    if word == "about" and low_ is not None and high_ is not None:
        return f"about {(low_ + high_) // 2:,}"
    if word == "less than" and high_ is not None:
        return f"less than {high_ + 1:,}"
    if word == "more than" and low_ is not None:
        return f"more than {low_ - 1:,}"
    if word in ("dozens", "several"):
        return word
    if word == "at least" and low_ is not None:
        return f"at least {low_:,}"
    if low_ is not None and (high_ is None or high_ == low_):
        return f"{low_:,}" if high_ is not None else f"{low_:,} or more"
    if low_ is not None:
        return f"{low_:,} to {high_:,}"
    return f"at most {high_:,}" if high_ is not None else "?"


def describe_bounds(low: object, high: object) -> str:
    """Write coded bounds as a range: ``"4,500-5,500"``, ``"up to 399"``, ``"13 or more"``.

    Parameters
    ----------
    low, high : int or missing
        The bounds; missing means open-ended.

    Returns
    -------
    str
        The range in words.

    Examples
    --------
    >>> describe_bounds(4500, 5500), describe_bounds(None, 399), describe_bounds(2, 2)
    ('4,500-5,500', 'up to 399', '2')
    """
    low_, high_ = _whole(low), _whole(high)
    if low_ is not None and high_ is not None:
        return f"{low_:,}" if low_ == high_ else f"{low_:,}-{high_:,}"
    if low_ is not None:
        return f"{low_:,} or more"
    return f"up to {high_:,}" if high_ is not None else "unknown"


def describe_dates(start: object, end: object) -> str:
    """Write a date range briefly: a day, a whole month, or first and last day.

    Parameters
    ----------
    start, end : date-like
        First and last possible day (inclusive).

    Returns
    -------
    str
        ``"27 Dec 2019"``, ``"Apr 2020"``, ``"14-20 Mar 2020"`` or
        ``"28 Feb - 5 Mar 2020"``.

    Examples
    --------
    >>> describe_dates("2020-04-01", "2020-04-30"), describe_dates("2020-03-14", "2020-03-20")
    ('Apr 2020', '14-20 Mar 2020')
    """
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if first.day == 1 and last == first + pd.offsets.MonthEnd(0):
        return f"{first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}-{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} - {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} - {last.day} {last:%b %Y}"


def _date_texts(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [describe_dates(s, e) for s, e in zip(frame["date_start"], frame["date_end"])],
        index=frame.index, dtype="string",
    )


def _count_texts(frame: pd.DataFrame) -> pd.Series:
    return pd.Series(
        [describe_count(q, lo, hi) for q, lo, hi in zip(frame["qualifier"], frame["count_low"], frame["count_high"])],
        index=frame.index, dtype="string",
    )


# --- attacks, projectiles, casualties ------------------------------------------------

_EVENT_FACTS = ["event_id", "date_start", "date_end", "event_date", "location"]


def _event_facts(events: pd.DataFrame) -> pd.DataFrame:
    facts = events[_EVENT_FACTS].copy()
    facts["base_id"] = _column_or_na(events, "base_id").astype("string")
    facts["when"] = _date_texts(events)
    facts["attack"] = (facts["when"] + ", " + facts["location"].astype("string")).astype("string")
    return facts


def casualties_per_event(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = is_militia_attack,
) -> pd.DataFrame:
    """Combine the killed and wounded of each event, group and outcome across documents.

    Where several documents (or claimants) give a figure for the same event,
    group and outcome, the result keeps the widest honest range: the lowest
    ``count_low`` and the highest ``count_high`` (missing, i.e. open-ended,
    if any figure is open-ended). Without a casualties table (ACLED
    exports), each event's ``fatalities`` is used as the killed of the group
    ``"not split by group"``, with both bounds equal to it.

    Parameters
    ----------
    events : DataFrame
        Events (``event_id``, dates, ``location``; ``fatalities`` when
        ``casualties`` is None).
    casualties : DataFrame or None, default None
        A casualties table (``load_casualties()``).
    kinds : callable, sequence of str or None, default is_militia_attack
        Which events to keep (see :func:`select_kinds`).

    Returns
    -------
    DataFrame
        One row per (event, group, outcome) with a reported figure:
        event_id, date_start, date_end, event_date, location, base_id,
        when (the dates in words), attack (when and where, a label), group,
        outcome, count_low, count_high (Int64), figures (Int64, how many
        figures were combined) and as_worded (the figures as the documents
        word them, joined by "; "). Sorted by date, event, group, outcome.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_events, load_casualties  # doctest: +SKIP
    >>> casualties_per_event(load_events(), load_casualties())  # doctest: +SKIP
    """
    require_columns(events, [*_EVENT_FACTS, "sub_event_type"])
    chosen = select_kinds(events, kinds)
    facts = _event_facts(chosen)
    if casualties is None:
        require_columns(chosen, ["fatalities"])
        rows = pd.DataFrame({
            "event_id": chosen["event_id"].to_numpy(),
            "group": "not split by group",
            "outcome": "killed",
            "count_low": chosen["fatalities"].astype("Int64").to_numpy(),
            "count_high": chosen["fatalities"].astype("Int64").to_numpy(),
            "qualifier": "exact",
        })
    else:
        require_columns(casualties, ["event_id", "group", "outcome", "count_low", "count_high", "qualifier"], "casualties")
        rows = casualties.loc[casualties["event_id"].isin(chosen["event_id"])].copy()
    rows["as_worded"] = _count_texts(rows) if len(rows) else pd.Series([], dtype="string")
    rows["open_high"] = rows["count_high"].isna()
    for column in ("group", "outcome"):
        rows[column] = rows[column].astype("string")
    keys = ["event_id", "group", "outcome"]
    grouped = rows.groupby(keys, sort=False)
    combined = pd.DataFrame({
        "count_low": grouped["count_low"].min().astype("Int64"),
        "count_high": grouped["count_high"].max().astype("Int64"),
        "open_high": grouped["open_high"].any(),
        "figures": grouped.size().astype("Int64"),
        "as_worded": grouped["as_worded"].agg(lambda texts: "; ".join(dict.fromkeys(texts))).astype("string"),
    }).reset_index()
    combined["count_high"] = combined["count_high"].mask(combined["open_high"].astype(bool))
    out = facts.merge(combined.drop(columns="open_high"), on="event_id", how="inner", validate="one_to_many")
    group_order = {g: i for i, g in enumerate([*schema.CASUALTY_GROUPS, "not split by group"])}
    out["_group"] = out["group"].map(group_order)
    out = out.sort_values(["event_date", "event_id", "_group", "outcome"], kind="stable").drop(columns="_group")
    return out.reset_index(drop=True)


def _sum_bounds(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Sum low and high bounds per key; a high bound is open if any part is open."""
    grouped = frame.groupby(keys, sort=False)
    out = pd.DataFrame({
        "count_low": grouped["count_low"].sum().astype("Int64"),
        "count_high": grouped["count_high"].sum().astype("Int64"),
        "open": grouped["count_high"].agg(lambda values: values.isna().any()),
    })
    out["count_high"] = out["count_high"].mask(out["open"].astype(bool))
    return out.drop(columns="open")


def attacks_table(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = is_militia_attack,
) -> pd.DataFrame:
    """List the attacks with their projectiles, killed and wounded.

    Killed and wounded are summed over groups from
    :func:`casualties_per_event` (lows with lows, highs with highs; a high
    bound is open if any part is open). An attack for which no document
    gives a figure has missing killed or wounded: not reported, which is not
    the same as none.

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        Casualties table; None uses ``fatalities`` as the killed.
    kinds : callable, sequence of str or None, default is_militia_attack
        Which events are attacks.

    Returns
    -------
    DataFrame
        One row per attack, in date order: event_id, date_start, date_end,
        event_date, location, base_id, when, attack, projectiles_low,
        projectiles_high, killed_low, killed_high, wounded_low, wounded_high
        (Int64), and projectiles, killed, wounded (the figures in words).

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_events, load_casualties  # doctest: +SKIP
    >>> attacks_table(load_events(), load_casualties())  # doctest: +SKIP
    """
    chosen = select_kinds(events, kinds)
    out = _event_facts(chosen)
    for column in ("projectiles_low", "projectiles_high"):
        out[column] = _column_or_na(chosen, column).astype("Int64")
    per_event = casualties_per_event(chosen, casualties, kinds=None)
    for outcome in schema.OUTCOMES:
        part = per_event[per_event["outcome"] == outcome]
        sums = _sum_bounds(part, ["event_id"]) if len(part) else pd.DataFrame(
            {"count_low": pd.Series([], dtype="Int64"), "count_high": pd.Series([], dtype="Int64")},
            index=pd.Index([], name="event_id", dtype="string"),
        )
        sums = sums.rename(columns={"count_low": f"{outcome}_low", "count_high": f"{outcome}_high"})
        out = out.merge(sums, left_on="event_id", right_index=True, how="left")
    out["projectiles"] = [
        describe_bounds(lo, hi) if not (pd.isna(lo) and pd.isna(hi)) else "not reported"
        for lo, hi in zip(out["projectiles_low"], out["projectiles_high"])
    ]
    for outcome in schema.OUTCOMES:
        reported = per_event.loc[per_event["outcome"] == outcome, "event_id"]
        out[outcome] = [
            describe_bounds(lo, hi) if event in set(reported) else "not reported"
            for event, lo, hi in zip(out["event_id"], out[f"{outcome}_low"], out[f"{outcome}_high"])
        ]
    out = out.astype({"projectiles": "string", "killed": "string", "wounded": "string"})
    return out.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)


def casualties_by_group(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = is_militia_attack,
) -> pd.DataFrame:
    """Sum the killed and wounded of the selected events by group.

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        Casualties table; None uses ``fatalities``.
    kinds : callable, sequence of str or None, default is_militia_attack
        Which events to sum over.

    Returns
    -------
    DataFrame
        One row per (group, outcome) with a reported figure: group, outcome,
        count_low, count_high (Int64; high missing if any figure is
        open-ended), events (Int64, events with a figure), bounds (in words).

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_events, load_casualties  # doctest: +SKIP
    >>> casualties_by_group(load_events(), load_casualties())  # doctest: +SKIP
    """
    per_event = casualties_per_event(events, casualties, kinds=kinds)
    if per_event.empty:
        return pd.DataFrame({
            "group": pd.Series([], dtype="string"), "outcome": pd.Series([], dtype="string"),
            "count_low": pd.Series([], dtype="Int64"), "count_high": pd.Series([], dtype="Int64"),
            "events": pd.Series([], dtype="Int64"), "bounds": pd.Series([], dtype="string"),
        })
    sums = _sum_bounds(per_event, ["group", "outcome"])
    sums["events"] = per_event.groupby(["group", "outcome"], sort=False)["event_id"].nunique().astype("Int64")
    out = sums.reset_index()
    out["bounds"] = pd.Series(
        [describe_bounds(lo, hi) for lo, hi in zip(out["count_low"], out["count_high"])], dtype="string"
    )
    return out.reset_index(drop=True)


# --- reported totals and troop levels ------------------------------------------------

def reported_totals_table(totals: pd.DataFrame) -> pd.DataFrame:
    """Show aggregate claims as what they are: reported totals, with their wording and source.

    Parameters
    ----------
    totals : DataFrame
        A reported-totals table (``load_reported_totals()``).

    Returns
    -------
    DataFrame
        One row per total, in date order: period (in words), measure, actor,
        as_worded, bounds, doc_id, quote (all string).

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_reported_totals  # doctest: +SKIP
    >>> reported_totals_table(load_reported_totals())  # doctest: +SKIP
    """
    needed = ["date_start", "date_end", "measure", "actor", "count_low", "count_high", "qualifier", "doc_id", "quote"]
    require_columns(totals, needed, "reported totals")
    ordered = totals.sort_values(["date_start", "date_end"], kind="stable")
    out = pd.DataFrame({
        "period": _date_texts(ordered),
        "measure": ordered["measure"].astype("string"),
        "actor": ordered["actor"].astype("string"),
        "as_worded": _count_texts(ordered),
        "bounds": pd.Series(
            [describe_bounds(lo, hi) for lo, hi in zip(ordered["count_low"], ordered["count_high"])],
            index=ordered.index, dtype="string",
        ),
        "doc_id": ordered["doc_id"].astype("string"),
        "quote": ordered["quote"].astype("string"),
    })
    return out.reset_index(drop=True)


def troop_level_steps(levels: pd.DataFrame) -> pd.DataFrame:
    """Prepare the statements of force size for a step chart with bounds.

    Each statement holds from its first day until the next statement about
    the same force (the last one until its own last day): "the latest
    reported figure", not a claim about the days between. Open bounds stay
    open: ``"less than 400"`` has no low bound.

    Parameters
    ----------
    levels : DataFrame
        A troop-levels table (``load_troop_levels()``).

    Returns
    -------
    DataFrame
        One row per statement, by force and date: level_id, force, date_start,
        date_end, step_end (datetime64), count_low, count_high (Int64),
        value (float64: the figure as worded, e.g. 5000 for "about 5,000",
        400 for "less than 400"), qualifier, as_worded, doc_id.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_troop_levels  # doctest: +SKIP
    >>> troop_level_steps(load_troop_levels())  # doctest: +SKIP
    """
    needed = ["level_id", "date_start", "date_end", "force", "count_low", "count_high", "qualifier", "doc_id"]
    require_columns(levels, needed, "troop levels")
    out = levels[needed].sort_values(["force", "date_start", "date_end", "level_id"], kind="stable").copy()
    following = out.groupby("force", observed=True, sort=False)["date_start"].shift(-1)
    out["step_end"] = following.where(following > out["date_end"], out["date_end"] + pd.Timedelta(days=1))
    out["as_worded"] = _count_texts(out)
    low = out["count_low"].astype("Float64")
    high = out["count_high"].astype("Float64")
    value = ((low + high) / 2).fillna(high + 1).fillna(low - 1)
    qualifier = out["qualifier"].astype("string")
    value = value.mask(qualifier.isin(["exact", "at least", "several"]).fillna(False), low)
    out["value"] = value.astype("float64")
    columns = ["level_id", "force", "date_start", "date_end", "step_end", "count_low", "count_high", "value",
               "qualifier", "as_worded", "doc_id"]
    return out[columns].reset_index(drop=True)


# --- timeline --------------------------------------------------------------------------

#: Vertical layout of the timeline, in data units: within a lane, overlapping
#: events take rows ROW_STEP apart; label rows stack above them, LABEL_STEP
#: apart; lanes are LANE_GAP apart.
ROW_STEP = 0.2
LABEL_STEP = 0.3
LANE_GAP = 0.6
#: Above this many ranged events in a lane, spans take rows in turn (date
#: order, MAX_ROWS rows) instead of the first free row, to stay fast.
GREEDY_LIMIT = 5000

LabelSpec = Union[str, pd.Series, Callable[[pd.DataFrame], "pd.Series"], None]


def event_sizes(events: pd.DataFrame, casualties: pd.DataFrame | None = None, *, outcome: str | None = None) -> pd.Series:
    """Count each event's people killed or wounded, for marker sizes and labels.

    With a casualties table: the lowest figure of each (group, outcome),
    summed over groups (and outcomes): the least the documents support.
    Without one: the ``fatalities`` column (ACLED's lowest figure), or 0.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` (and ``fatalities`` when ``casualties`` is
        None).
    casualties : DataFrame or None, default None
        A casualties table.
    outcome : str or None, default None
        ``"killed"`` or ``"wounded"`` to count only those; None for both.
        Without a casualties table, ``"wounded"`` gives 0.

    Returns
    -------
    Series
        float64, one value per event (0 where nothing is reported), same
        index as ``events``.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["EV1", "EV2"], "fatalities": [3, 0]})
    >>> event_sizes(frame).tolist()
    [3.0, 0.0]
    """
    if casualties is None:
        if "fatalities" not in events.columns or outcome == "wounded":
            return pd.Series(0.0, index=events.index, name="casualties")
        return events["fatalities"].astype("Float64").fillna(0).astype(float).rename("casualties")
    require_columns(events, ["event_id"])
    require_columns(casualties, ["event_id", "group", "outcome", "count_low"], "casualties")
    rows = casualties if outcome is None else casualties[casualties["outcome"] == outcome]
    lowest = rows.groupby(["event_id", "group", "outcome"], observed=True)["count_low"].min()
    per_event = lowest.groupby(level="event_id").sum()
    sizes = events["event_id"].map(per_event).astype("Float64").fillna(0).astype(float)
    return sizes.rename("casualties")


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
    base_id = _column_or_na(events, "base_id").astype("string")
    place = events["location"].astype("string")
    if bases is not None:
        place = base_id.map(dict(zip(bases["base_id"], bases["name"]))).astype("string").fillna(place)
    kind = posture_kind(events)
    low = _column_or_na(events, "projectiles_low").astype("Float64")
    high = _column_or_na(events, "projectiles_high").astype("Float64")
    hurt = (killed + wounded).to_numpy()
    chosen = np.flatnonzero((hurt > 0) | base_id.notna().to_numpy())
    if most is not None and len(chosen) > most:
        order = np.lexsort((_days(events["event_date"].iloc[chosen]), -hurt[chosen]))
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
    _check_dates(events)
    # date order, then the input's order (numpy on day numbers: fast on millions of rows)
    ordered = events.iloc[np.lexsort((_days(events["date_start"]), _days(events["event_date"])))]
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
    out["marker_size"] = 36.0 + 14.0 * out["size_value"]
    texts = _labels(ordered, label).reset_index(drop=True)
    out["label"] = texts

    first = pd.Timestamp(start) if start is not None else (out["x_start"].min() if len(out) else pd.Timestamp(0))
    last = pd.Timestamp(end) + pd.Timedelta(days=1) if end is not None else (out["x_end"].max() if len(out) else first)
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

    # lanes from the top, each as tall as its event rows and label rows need
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
    columns = ["event_id", "lane", "lane_y", "row", "y", "date_start", "date_end", "event_date", "x_start", "x_end",
               "is_range", "size_value", "marker_size", "label", "label_row", "label_x", "label_ha", "label_y"]
    return out[columns]


# --- posture of the bases ---------------------------------------------------------------

#: What happened at a base, in the order of the map's panels.
POSTURE_KINDS: tuple[str, ...] = ("attacked", "fortified", "Patriot batteries", "withdrawn from", "handed over")
_POSTURE_WORDS: tuple[tuple[str, str], ...] = (
    ("Patriot batteries", r"\bPatriot"),
    ("handed over", r"\b(?:transfer|hand(?:ed|s)? over|handover)"),
    ("fortified", r"\b(?:fortif|reinforc|barricade|watchtower)"),
    ("withdrawn from", r"\b(?:withdr|pull-out|pull out|leave|left)"),
)


def posture_kind(events: pd.DataFrame) -> pd.Series:
    """Say what each event did to a base's posture, by a documented rule.

    Militia attacks (:func:`is_militia_attack`) are ``"attacked"``. Other
    events of category ``"posture change"`` are classified by the words of
    their ``notes``, first match wins: "Patriot" -> ``"Patriot batteries"``;
    "transfer", "hand(ed) over", "handover" -> ``"handed over"``; "fortif",
    "reinforc", "barricade", "watchtower" -> ``"fortified"``; "withdr",
    "pull-out", "leave", "left" -> ``"withdrawn from"``. A non-violent
    transfer of territory that names none of these is ``"withdrawn from"``.

    Parameters
    ----------
    events : DataFrame
        Events with ``sub_event_type``, ``notes`` and, optionally,
        ``category``.

    Returns
    -------
    Series
        string, one of :data:`POSTURE_KINDS`, or missing for other events
        and for posture changes the rule cannot place; same index.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["posture change", "posture change"],
    ...                       "sub_event_type": ["Other", "Non-violent transfer of territory"],
    ...                       "notes": ["Patriot batteries deployed at Irbil", "K-1 transferred to the Iraqi army"]})
    >>> posture_kind(frame).tolist()
    ['Patriot batteries', 'handed over']
    """
    require_columns(events, ["sub_event_type"])
    notes = _column_or_na(events, "notes").astype("string").fillna("")
    category = _column_or_na(events, "category")
    posture = _is_one_of(category, ["posture change"])
    kind = pd.Series(pd.NA, index=events.index, dtype="string")
    for name, pattern in reversed(_POSTURE_WORDS):
        kind = kind.mask(notes.str.contains(pattern, case=False, regex=True).to_numpy(dtype=bool) & posture, name)
    transfer = _is_one_of(events["sub_event_type"], ["Non-violent transfer of territory"]) & posture
    kind = kind.mask(transfer & kind.isna().to_numpy(), "withdrawn from")
    return kind.mask(is_militia_attack(events).to_numpy(), "attacked")


def base_posture(events: pd.DataFrame, bases: pd.DataFrame) -> pd.DataFrame:
    """List what happened at each base, and when: attacks and posture changes.

    Parameters
    ----------
    events : DataFrame
        Events with ``base_id`` (see :func:`posture_kind` for the rule).
    bases : DataFrame
        A bases table (``load_bases()``).

    Returns
    -------
    DataFrame
        One row per event at a base with a kind, in date order: base_id,
        name, latitude, longitude, kind (string, one of
        :data:`POSTURE_KINDS`), event_id, date_start, date_end, when (the
        dates in words), notes.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_events, load_bases  # doctest: +SKIP
    >>> base_posture(load_events(), load_bases())  # doctest: +SKIP
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "sub_event_type", "base_id"])
    require_columns(bases, ["base_id", "name", "latitude", "longitude"], "bases")
    kind = posture_kind(events)
    at_base = events["base_id"].notna().to_numpy() & kind.notna().to_numpy()
    chosen = events.loc[at_base, ["event_id", "base_id", "date_start", "date_end", "event_date"]].copy()
    chosen["kind"] = kind[at_base]
    chosen["notes"] = _column_or_na(events, "notes").astype("string")[at_base]
    chosen["when"] = _date_texts(chosen)
    out = chosen.merge(bases[["base_id", "name", "latitude", "longitude"]], on="base_id", how="left", validate="many_to_one")
    out = out.sort_values(["event_date", "date_start", "event_id"], kind="stable")
    columns = ["base_id", "name", "latitude", "longitude", "kind", "event_id", "date_start", "date_end", "when", "notes"]
    return out[columns].reset_index(drop=True)


# --- tables and inputs of the notebooks ------------------------------------------------------

def events_table(
    events: pd.DataFrame,
    reports: pd.DataFrame | None = None,
    *,
    kinds: EventSelector = None,
    limit: int | None = None,
) -> pd.DataFrame:
    """List events in date order, in words, with the documents (or ACLED sources) behind each.

    Parameters
    ----------
    events : DataFrame
        Events.
    reports : DataFrame or None, default None
        A reports table: the ``documents`` column lists the documents that
        support each event, by the number that starts their id ("001"). None uses the events' own
        ``source`` column where it exists (ACLED exports).
    kinds : callable, sequence of str or None, default None
        Which events to list (see :func:`select_kinds`); None lists all.
    limit : int or None, default None
        List only the first ``limit`` events (in date order).

    Returns
    -------
    DataFrame
        event_id, when, kind, location, actor1, actor2, what (the notes),
        documents (string columns), indexed from 1.

    Raises
    ------
    DataError
        If a needed column is missing.

    Examples
    --------
    >>> from analysis import load_events, load_reports  # doctest: +SKIP
    >>> events_table(load_events(), load_reports()).head(1)  # doctest: +SKIP
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "event_type", "location", "actor1"])
    chosen = select_kinds(events, kinds).sort_values(["event_date", "date_start", "event_id"], kind="stable")
    if limit is not None:
        chosen = chosen.iloc[:limit]
    if reports is not None:
        require_columns(reports, ["event_id", "doc_id"], "reports")
        short = reports["doc_id"].astype("string").str.split("_").str[0]
        documents = short.groupby(reports["event_id"]).agg(lambda ids: ", ".join(sorted(set(ids))))
        sources = chosen["event_id"].map(documents)
    else:
        sources = _column_or_na(chosen, "source")
    out = pd.DataFrame({
        "event_id": chosen["event_id"].astype("string"),
        "when": _date_texts(chosen),
        "kind": event_kind(chosen).astype("string"),
        "location": chosen["location"].astype("string"),
        "actor1": chosen["actor1"].astype("string"),
        "actor2": _column_or_na(chosen, "actor2").astype("string"),
        "what": _column_or_na(chosen, "notes").astype("string"),
        "documents": sources.astype("string"),
    })
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


CODED_ONLY = "{what} needs the coded documents; it has nothing to show for an ACLED file."


@dataclass(frozen=True)
class NotebookData:
    """What a notebook works on: the events of the window and area, and the tables that go with them.

    For an ACLED file, only ``events`` is there; the tables that only the
    coded documents have (casualties, reports, troop levels, reported
    totals, bases, sources) are None, and ``coded`` is False.
    """

    events: pd.DataFrame
    coded: bool
    source_name: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    area: str | None
    casualties: pd.DataFrame | None = None
    reports: pd.DataFrame | None = None
    troop_levels: pd.DataFrame | None = None
    reported_totals: pd.DataFrame | None = None
    bases: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None

    @property
    def place_column(self) -> str:
        """Column to split counts by: the base for the coded events, the governorate for ACLED."""
        return "base_id" if self.coded else "admin1"

    @property
    def base_names(self) -> dict[str, str]:
        """Base id -> name, for legends (empty for an ACLED file)."""
        return {} if self.bases is None else dict(zip(self.bases["base_id"], self.bases["name"]))

    @property
    def window(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """First and last day to show: the window given, else the events' extent."""
        first = self.start if self.start is not None else (self.events["date_start"].min() if len(self.events) else None)
        last = self.end if self.end is not None else (self.events["date_end"].max() if len(self.events) else None)
        return first, last

    def summary(self) -> str:
        """Say in one sentence what the notebook shows."""
        first, last = self.window
        span = f", {describe_dates(first, first)} to {describe_dates(last, last)}" if first is not None else ""
        where = f", in {self.area}" if self.area else ""
        count = len(self.events)
        return f"{count:,} event{'' if count == 1 else 's'} from {self.source_name}{span}{where}."

    def has_coded_tables(self, what: str = "This notebook") -> bool:
        """Return True for the coded documents; else print that ``what`` has nothing to show."""
        if not self.coded:
            print(CODED_ONLY.format(what=what))
        return self.coded


def _overlapping(table: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    mask = np.ones(len(table), dtype=bool)
    if start is not None:
        mask &= (table["date_end"] >= start).to_numpy()
    if end is not None:
        mask &= (table["date_start"] <= end).to_numpy()
    return table.loc[mask].reset_index(drop=True)


def notebook_data(
    data: object = None,
    *,
    start: object = None,
    end: object = None,
    area: str | Sequence[str] | None = None,
) -> NotebookData:
    """Load what the notebooks show: the coded documents, or an ACLED export, in a window and an area.

    Parameters
    ----------
    data : str, Path or None, default None
        None for the packaged coded dataset; else the path of an ACLED
        export (CSV or Parquet), read with :func:`analysis.load_acled`.
    start, end : date-like or None, default None
        Window (see :func:`select_events`); dated tables (troop levels,
        reported totals) are kept where their dates overlap it.
    area : str, sequence of str or None, default None
        Governorate(s) or country name(s) (see :func:`select_events`).

    Returns
    -------
    NotebookData
        The selected events (index reset) and, for the coded dataset, the
        casualties and reports of those events, troop levels, reported
        totals, bases and sources.

    Raises
    ------
    DataError
        If a file is invalid.
    ValueError
        If ``start`` or ``end`` is not a date.

    Examples
    --------
    >>> data = notebook_data()  # doctest: +SKIP
    >>> data.summary()  # doctest: +SKIP
    '44 events from the five coded documents, 27 Dec 2019 to 27 Jun 2020.'
    """
    from .io import coded as io

    start_, end_ = _timestamp(start, "start"), _timestamp(end, "end")
    area_text = None if area is None else (area if isinstance(area, str) else ", ".join(area))
    if data is None or (isinstance(data, str) and not data.strip()):
        dataset = io.load_dataset()
        events = select_events(dataset.events, start=start_, end=end_, area=area).reset_index(drop=True)
        kept = dataset.events["event_id"].isin(events["event_id"])
        kept_ids = set(dataset.events.loc[kept, "event_id"])
        return NotebookData(
            events=events, coded=True, source_name=f"the {len(dataset.sources)} coded documents",
            start=start_, end=end_, area=area_text,
            casualties=dataset.casualties[dataset.casualties["event_id"].isin(kept_ids)].reset_index(drop=True),
            reports=dataset.reports[dataset.reports["event_id"].isin(kept_ids)].reset_index(drop=True),
            troop_levels=_overlapping(dataset.troop_levels, start_, end_),
            reported_totals=_overlapping(dataset.reported_totals, start_, end_),
            bases=dataset.bases, sources=dataset.sources,
        )
    from .io.acled import load_acled

    path = Path(str(data))
    events = select_events(load_acled(path), start=start_, end=end_, area=area).reset_index(drop=True)
    return NotebookData(events=events, coded=False, source_name=f"the ACLED file {path.name}", start=start_,
                        end=end_, area=area_text)
