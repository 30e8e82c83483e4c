"""Count events per period (week, month...), honestly about uncertain dates.

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

An event known to fall on one weekday of its range (a ``weekday`` column,
"a Saturday" of June) has only those days as possible days: ``possible``
counts the periods holding one of them, ``certain`` the period holding all
of them, and ``expected`` gives each of them an equal share.

``certain <= expected <= possible`` holds in every period; the three are
equal when every date is known to the day. ``dates="event_date"`` counts
each event on its recorded day instead (ACLED's ``event_date``, the middle
of a week or month known only to that), as ACLED's own tools count, so the
three are equal and the totals match theirs
(:data:`analysis.stats.selection.DATE_RULES`). The results are tidy frames: one
row per period (and group), with real dtypes, so they chain with pandas and
seaborn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._frames import as_list, as_timestamp, day_numbers, require_columns, weekday_days, weekday_numbers
from .selection import (
    MILITIA_ATTACKS_FOR_NOW,
    EventSelector,
    date_rule,
    default_kinds,
    on_event_date,
    select_events,
    select_kinds,
)

WEEKDAYS: tuple[str, ...] = ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")

#: The three counts named for a reader, with the rule of each (the module docs): the headers of their table, and
#: the legend of their chart.
COUNT_NAMES: dict[str, str] = {
    "certain": "certain (all its possible days in the period)",
    "possible": "possible (one of its possible days in the period)",
    "expected": "expected (an event known only to a range of days counts a share of 1 in each period it may fall in)",
}

_FREQ_RE = re.compile(r"^\s*(\d*)\s*([DWMQY])\s*$", re.IGNORECASE)


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
    weekday: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Count (or sum weights of) ranged events per group and period; the rule of the module docs.

    ``bins`` are the first and last period of each event, when already
    known; ``weekday`` the one weekday each event fell on (0 Monday ... 6
    Sunday; -1 any day of its range). Returns flat arrays of length
    ``n_groups * n_periods`` (group-major).
    """
    n = len(edges) - 1
    size = n_groups * n
    wide = n_groups * (n + 1)
    if bins is None:
        bins = (np.searchsorted(edges, start_day, side="right") - 1, np.searchsorted(edges, end_day, side="right") - 1)
    first, last = bins
    weight = np.ones(len(start_day)) if weights is None else np.asarray(weights, dtype=float)
    if weekday is not None:
        days = weekday_days(start_day, end_day, weekday)
        if days is not None:  # the events of one weekday: spread over those days; the others by their ranges
            on, (day_event, day) = days
            rest = _spread(start_day[~on], end_day[~on], codes[~on], n_groups, edges,
                           None if weights is None else weight[~on], (first[~on], last[~on]))
            fixed = _spread_days(day_event, day, codes[on], n_groups, edges, weight[on], weights is not None)
            return {name: rest[name] + fixed[name] for name in rest}
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
    fi, la, w = first[many], last[many], per_day[many]
    expected += np.bincount(cell[many], weights=w * (edges[fi + 1] - start_day[many]), minlength=size)
    expected += np.bincount(codes[many] * n + la, weights=w * (end_day[many] + 1 - edges[la]), minlength=size)
    r = row[many]
    middle = np.bincount(r + fi + 1, weights=w, minlength=wide) - np.bincount(r + la, weights=w, minlength=wide)
    widths = np.diff(edges).astype(float)
    expected += (middle.reshape(n_groups, n + 1).cumsum(axis=1)[:, :n] * widths).ravel()
    # running sums leave rounding dust (1e-17) where nothing falls: make it a clean zero
    expected[np.abs(expected) < 1e-9] = 0.0
    return {"certain": certain, "possible": possible, "expected": expected}


def _spread_days(
    event: np.ndarray, day: np.ndarray, codes: np.ndarray, n_groups: int, edges: np.ndarray, weight: np.ndarray,
    weighted: bool,
) -> dict[str, np.ndarray]:
    """Count events known to a set of possible days (``day`` of each ``event``) by the rule of the module docs.

    ``certain`` where all of an event's days fall in one period,
    ``possible`` in every period holding one of them, ``expected`` an equal
    share of its weight on each day.
    """
    n = len(edges) - 1
    size = n_groups * n
    period = np.searchsorted(edges, day, side="right") - 1
    days = np.bincount(event, minlength=len(codes))
    expected = np.bincount(codes[event] * n + period, weights=(weight / days)[event], minlength=size).astype(float)
    pairs = np.unique(event * n + period)  # each (event, period) once
    possible = np.bincount(codes[pairs // n] * n + pairs % n, minlength=size)
    firsts, lasts = np.full(len(codes), n), np.full(len(codes), -1)
    np.minimum.at(firsts, event, period)
    np.maximum.at(lasts, event, period)
    one = firsts == lasts
    certain = np.bincount(codes[one] * n + firsts[one], weights=weight[one] if weighted else None, minlength=size)
    return {"certain": certain, "possible": possible, "expected": expected}


def _covering_edges(
    events: pd.DataFrame, freq: str, week_start: str, start: pd.Timestamp | None, end: pd.Timestamp | None
) -> np.ndarray:
    """Return the period edges (day numbers) that cover the window and every event's range; empty if nothing to cover."""
    firsts = [d for d in (start, events["date_start"].min() if len(events) else None) if d is not None]
    lasts = [d for d in (end, events["date_end"].max() if len(events) else None) if d is not None]
    if not firsts or not lasts:
        return np.array([], dtype=np.int64)
    index = period_edges(min(firsts), max(lasts), freq=freq, week_start=week_start)
    return index.to_numpy().astype("datetime64[D]").astype(np.int64)


def _empty_period_frame(events: pd.DataFrame, by: list[str], weights: dict[str, np.ndarray]) -> pd.DataFrame:
    """Return the frame of the counting helpers with no row, its columns typed."""
    columns = {
        "period_start": pd.Series([], dtype="datetime64[ns]"),
        "period_end": pd.Series([], dtype="datetime64[ns]"),
        **{c: events[c].iloc[:0].reset_index(drop=True) for c in by},
    }
    result = {name: pd.Series([], dtype="float64") for name in weights}
    return pd.DataFrame({**columns, **_empty_counts(), **result})


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
    codes, keys = _group_codes(events, by)
    edges = _covering_edges(events, freq, week_start, start, end)
    n = max(len(edges) - 1, 0)
    n_groups = len(keys) if by else 1
    if n == 0 or (by and len(events) == 0):
        return _empty_period_frame(events, by, weights)
    start_day, end_day = day_numbers(events["date_start"]), day_numbers(events["date_end"])
    bins = (np.searchsorted(edges, start_day, side="right") - 1, np.searchsorted(edges, end_day, side="right") - 1)
    weekday = weekday_numbers(events)
    counts = _spread(start_day, end_day, codes, n_groups, edges, bins=bins, weekday=weekday)
    extra = {
        name: _spread(start_day, end_day, codes, n_groups, edges, weights=values, bins=bins, weekday=weekday)["expected"]
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
    kinds: EventSelector = MILITIA_ATTACKS_FOR_NOW,
    start: object = None,
    end: object = None,
    include_empty: bool = True,
    clip: bool = False,
    dates: str = "range",
) -> pd.DataFrame:
    """Count attacks (or any events) per period, with events known only to a range of dates counted honestly.

    Which events are attacks is a parameter: ``kinds=is_militia_attack``
    counts events of category ``"militia attack"``, or, where an event has
    no category (ACLED exports), rocket, artillery and missile fire (see
    :func:`analysis.stats.selection.is_militia_attack`, the default for one
    more release); ``kinds=None`` counts every event.

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
    kinds : callable, sequence of str or None
        Which events to count (see :func:`select_kinds`); None counts all.
        Left out: militia attacks for one more release, with a
        DeprecationWarning; then None, every event, as in every helper.
    start, end : date-like or None, default None
        Window: only events whose range overlaps it are counted, and the
        periods cover at least the window. Periods also cover the whole
        range of every counted event, so totals always match.
    include_empty : bool, default True
        Keep periods (and, with ``by``, group-period pairs) with nothing in
        them, as zero rows. False keeps only rows where ``possible > 0``.
    clip : bool, default False
        Keep only the periods that overlap the window ``start``..``end``
        (see :func:`clip_to_window`): a window shows its own periods, and
        ``attrs["outside"]`` says how much of the events' weight fell in
        the periods left out.
    dates : {"range", "event_date"}, default "range"
        Count each event over its range of days, or on its ``event_date``
        (:data:`analysis.stats.selection.DATE_RULES`).

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
    kinds = default_kinds(kinds, "attacks_per_period")
    by_ = as_list(by)
    require_columns(events, ["date_start", "date_end", *by_])
    _parse_freq(freq, week_start)
    if date_rule(dates) == "event_date":
        events = on_event_date(events)
    chosen = select_events(select_kinds(events, kinds), start=start, end=end)
    frame = _period_frame(
        chosen,
        freq=freq,
        week_start=week_start,
        by=by_,
        start=as_timestamp(start, "start"),
        end=as_timestamp(end, "end"),
        include_empty=include_empty,
        weights={},
    )
    return clip_to_window(frame, start, end) if clip else frame


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
    clip: bool = False,
    dates: str = "range",
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
    freq, week_start, by, start, end, include_empty, clip, dates
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
    by_ = as_list(by)
    require_columns(events, ["date_start", "date_end", *by_])
    _parse_freq(freq, week_start)
    if not events.index.is_unique:
        raise ValueError("events has a duplicated index; reset it (events.reset_index(drop=True)) first")
    if date_rule(dates) == "event_date":
        events = on_event_date(events)
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
    frame = _period_frame(
        chosen,
        freq=freq,
        week_start=week_start,
        by=by_,
        start=as_timestamp(start, "start"),
        end=as_timestamp(end, "end"),
        include_empty=include_empty,
        weights={name: values[keep] for name, values in arrays.items()},
    )
    return clip_to_window(frame, start, end) if clip else frame


def clip_to_window(frame: pd.DataFrame, start: object = None, end: object = None) -> pd.DataFrame:
    """Keep the periods of a per-period frame that overlap a window, and say what was left out.

    The counting helpers cover the whole date range of every event they
    count, so an event of 28 Feb - 5 Mar puts a February week into a March
    window's counts. A chart or table of the window shows only its own
    periods; the part of the events' weight that fell outside is kept in
    ``attrs["outside"]`` (column -> sum left out, for ``expected`` and every
    weight column), so nothing disappears silently.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`attacks_per_period` or :func:`weighted_per_period`.
    start, end : date-like or None, default None
        The window; None leaves that side open.

    Returns
    -------
    DataFrame
        The rows whose period overlaps the window, index reset.

    Examples
    --------
    >>> frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-02-28"]), "date_end": pd.to_datetime(["2020-03-05"])})
    >>> weekly = clip_to_window(attacks_per_period(frame, kinds=None), "2020-03-02")
    >>> weekly["period_start"].dt.strftime("%d %b").tolist(), round(weekly.attrs["outside"]["expected"], 3)
    (['02 Mar'], 0.429)
    """
    start_, end_ = as_timestamp(start, "start"), as_timestamp(end, "end")
    keep = np.ones(len(frame), dtype=bool)
    if start_ is not None:
        keep &= (frame["period_end"] >= start_).to_numpy()
    if end_ is not None:
        keep &= (frame["period_start"] <= end_).to_numpy()
    numeric = [c for c in frame.columns if c not in ("certain", "possible") and pd.api.types.is_float_dtype(frame[c])]
    out = frame.loc[keep].reset_index(drop=True)
    out.attrs["outside"] = {c: float(frame.loc[~keep, c].sum()) for c in numeric}
    return out


def counts_agree(counts: pd.DataFrame) -> bool:
    """Tell whether the three counts of :func:`attacks_per_period` are one: ``certain``, ``possible`` and
    ``expected`` equal in every row.

    They are when every event counted falls in one period: its day is known, or it is counted on one date (ACLED's
    ``event_date``). Then a chart or a table has one count per period to show, not three, and no uncertainty to
    explain. An empty frame agrees.

    Examples
    --------
    >>> frame = pd.DataFrame({"certain": [1, 0], "possible": [2, 1], "expected": [1.5, 0.5]})
    >>> counts_agree(frame), counts_agree(frame.assign(certain=[2, 1], expected=[2.0, 1.0]))
    (False, True)
    """
    certain = counts["certain"].to_numpy(dtype=float)
    return bool(np.array_equal(certain, counts["possible"].to_numpy(dtype=float))
                and np.allclose(certain, counts["expected"].to_numpy(dtype=float), rtol=0.0, atol=1e-9))


def partial_periods(frame: pd.DataFrame, first: object, last: object) -> pd.Series:
    """Mark the periods of a per-period frame that the span ``first``..``last`` covers only in part.

    A chart's first and last bars often cover days outside the data (a
    window that starts on 15 March, a file that ends on 9 May): their counts
    are not comparable with a whole period's.

    Returns
    -------
    Series of bool
        One value per row of ``frame``: True where the period starts before
        ``first`` or ends after ``last``.

    Examples
    --------
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2020-03-01", "2020-04-01"]),
    ...                       "period_end": pd.to_datetime(["2020-03-31", "2020-04-30"])})
    >>> partial_periods(frame, "2020-03-15", "2020-04-30").tolist()
    [True, False]
    """
    first_, last_ = as_timestamp(first, "first"), as_timestamp(last, "last")
    partial = np.zeros(len(frame), dtype=bool)
    if first_ is not None:
        partial |= (frame["period_start"] < first_).to_numpy()
    if last_ is not None:
        partial |= (frame["period_end"] > last_).to_numpy()
    return pd.Series(partial, index=frame.index, name="partial")


#: Periods a chart uses by the span it covers, finest first: weeks up to 18 months, months up to ten
#: years, then quarters, then years; each is (longest span in days, freq, name).
CHART_PERIODS: tuple[tuple[int, str, str], ...] = (
    (550, "W", "week"), (3650, "M", "month"), (15000, "Q", "quarter"), (10**9, "Y", "year"),
)


def chart_period(first: object, last: object, *, finest: str = "W") -> tuple[str, str]:
    """Return the period (``freq``, name) a chart of ``first`` to ``last`` counts by, no finer than ``finest``.

    About 80 periods at most across a chart keeps its bars legible; the
    rule is :data:`CHART_PERIODS`.

    Examples
    --------
    >>> chart_period("2025-01-01", "2025-12-31"), chart_period("2025-01-01", "2025-12-31", finest="M")
    (('W', 'week'), ('M', 'month'))
    >>> chart_period("1997-01-01", "2024-12-31")
    ('Q', 'quarter')
    """
    days = (pd.Timestamp(last) - pd.Timestamp(first)).days
    order = [freq for _, freq, _ in CHART_PERIODS]
    if finest not in order:
        raise ValueError(f"finest={finest!r}; use one of {', '.join(order)}")
    for limit, freq, name in CHART_PERIODS[order.index(finest):]:
        if days <= limit:
            return freq, name
    return CHART_PERIODS[-1][1], CHART_PERIODS[-1][2]
