"""Find what a story about any events frame leads with: totals, the peak week and month, the deadliest events, the largest changes.

Every function takes an events frame (coded or ACLED) and returns numbers
in a tidy frame or a small record, nothing worded: the sentences are made
in :mod:`analysis.report.words`. Killed are the lowest reported figure
(ACLED's ``fatalities``, or the casualties table for the coded events);
per-period figures spread an event known only to a range of days over its
days, as every chart does (:mod:`analysis.stats.periods`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._frames import column_or_na, require_columns
from .._lazy import renamed_keywords
from ..text import date_texts
from .casualties import event_sizes, killed_per_period
from .selection import EventSelector, select_kinds


@dataclass(frozen=True)
class Peak:
    """The period with the most of something: its days, the amount, and the events in it.

    ``events`` is the expected number of events in the period (events known
    only to a range of days count in proportion); ``ranged`` is True when
    such events contribute, so a sentence can say the figure is spread.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    value: float
    events: float
    ranged: bool


def killed_per_event(events: pd.DataFrame, casualties: pd.DataFrame | None = None) -> pd.Series:
    """Return each event's killed: the lowest figure reported (``fatalities`` for ACLED), float64, same index."""
    return event_sizes(events, casualties, outcome="killed")


def per_period(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    freq: str = "W",
    kinds: EventSelector = None,
    start: object = None,
    end: object = None,
    dates: str = "range",
) -> pd.DataFrame:
    """Count events and killed per period, inside a window: :func:`analysis.stats.casualties.killed_per_period`
    with the events known only to a range of days counted in each period (``ranged``).

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id``, ``date_start``, ``date_end`` (and
        ``fatalities`` or a casualties table).
    casualties : DataFrame or None, default None
        The coded casualties table; None uses ``fatalities``.
    freq : str, default "W"
        Period (see :func:`analysis.stats.periods.period_edges`).
    kinds : callable, sequence of str or None, default None
        Which events (see :func:`analysis.stats.selection.select_kinds`).
    start, end : date-like or None, default None
        The window: only its periods are kept.
    dates : {"range", "event_date"}, default "range"
        Count each event over its range of days, or on its ``event_date``
        (:data:`analysis.stats.selection.DATE_RULES`).

    Returns
    -------
    DataFrame
        period_start, period_end, certain, possible (int64), expected
        (float64, events), killed (float64), ranged (int64: events known only
        to a range of days that overlap the period: ``possible - certain``).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "fatalities": [3, 1],
    ...                       "date_start": pd.to_datetime(["2025-03-03", "2025-03-12"]),
    ...                       "date_end": pd.to_datetime(["2025-03-03", "2025-03-12"])})
    >>> per_period(frame)[["period_start", "expected", "killed"]]
      period_start  expected  killed
    0   2025-03-03       1.0     3.0
    1   2025-03-10       1.0     1.0
    """
    frame = killed_per_period(events, casualties, freq=freq, kinds=kinds, start=start, end=end, dates=dates)
    frame["ranged"] = (frame["possible"] - frame["certain"]).astype(np.int64)
    return frame


def halves(frame: pd.DataFrame, column: str = "killed") -> pd.DataFrame:
    """Split the periods of :func:`per_period` into a first and a second half, and sum the events and ``column`` of
    each: whether the events grew deadlier (or busier) from one half of a window to the other.

    The halves are whole periods, as many in each (the first one more for an odd number), so each sums what
    its bars show.

    Parameters
    ----------
    frame : DataFrame
        What :func:`per_period` returns (or :func:`analysis.stats.casualties.killed_per_period`), every period
        of the window, in date order.
    column : str, default "killed"
        What to sum beside the events.

    Returns
    -------
    DataFrame
        Two rows, ``"first"`` and ``"second"`` (``half``), with period_start (the first day of its first period),
        period_end (the last day of its last), periods (int64), events (float64, the ``expected`` events), the
        sum of ``column`` (float64) and ``per_event`` (``column`` per event, float64, NaN where the half holds
        no event). Empty with fewer than two periods.

    Examples
    --------
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2025-01-06", "2025-01-13", "2025-01-20"]),
    ...                       "period_end": pd.to_datetime(["2025-01-12", "2025-01-19", "2025-01-26"]),
    ...                       "expected": [2.0, 2.0, 4.0], "killed": [1.0, 3.0, 12.0]})
    >>> halves(frame)[["half", "periods", "events", "killed", "per_event"]]
         half  periods  events  killed  per_event
    0   first        2     4.0     4.0        1.0
    1  second        1     4.0    12.0        3.0
    """
    columns = ["half", "period_start", "period_end", "periods", "events", column, "per_event"]
    if len(frame) < 2:
        return pd.DataFrame({name: [] for name in columns})
    cut = (len(frame) + 1) // 2
    rows = []
    for half, part in (("first", frame.iloc[:cut]), ("second", frame.iloc[cut:])):
        events, total = float(part["expected"].sum()), float(part[column].sum())
        rows.append({"half": half, "period_start": part["period_start"].iloc[0],
                     "period_end": part["period_end"].iloc[-1], "periods": len(part), "events": events,
                     column: total, "per_event": total / events if events > 1e-9 else np.nan})
    return pd.DataFrame(rows, columns=columns).astype({"periods": np.int64, "events": float, column: float,
                                                      "per_event": float})


#: A peak stands apart from the other periods when it holds at least this many times their median, and at least
#: :data:`STANDS_APART_EVENTS` events (a handful of events in a quiet series is no outlier).
STANDS_APART_TIMES = 5
STANDS_APART_EVENTS = 20


def stands_apart(frame: pd.DataFrame, found: Peak | None, column: str = "expected") -> float | None:
    """Return the median of the periods of ``frame`` when the peak ``found`` stands apart from them (an outlier: at
    least :data:`STANDS_APART_TIMES` times their median and :data:`STANDS_APART_EVENTS` events), else None.

    Examples
    --------
    >>> def highest(value):
    ...     return Peak(start=pd.Timestamp("2025-03-03"), end=pd.Timestamp("2025-03-09"), value=value, events=value,
    ...                 ranged=False)
    >>> stands_apart(pd.DataFrame({"expected": [30.0, 40.0, 35.0, 600.0]}), highest(600.0))
    37.5
    >>> stands_apart(pd.DataFrame({"expected": [30.0, 40.0, 35.0, 100.0]}), highest(100.0)) is None
    True
    """
    if found is None or frame.empty:
        return None
    median = float(frame[column].median())
    if found.value < STANDS_APART_EVENTS or found.value < STANDS_APART_TIMES * max(median, 1.0):
        return None
    return median


def peak(frame: pd.DataFrame, column: str = "expected") -> Peak | None:
    """Return the period of :func:`per_period` with the highest ``column`` (the earliest on a tie), or None if all are 0.

    Parameters
    ----------
    frame : DataFrame
        What :func:`per_period` returns.
    column : str, default "expected"
        The column to rank by (``"expected"`` events, ``"killed"``...).

    Returns
    -------
    Peak or None
        The period's first and last day, its value of ``column``, its
        expected events and whether events known only to a range of days
        contribute; None when every period is 0.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "fatalities": [3, 1],
    ...                       "date_start": pd.to_datetime(["2025-03-03", "2025-03-12"]),
    ...                       "date_end": pd.to_datetime(["2025-03-03", "2025-03-12"])})
    >>> found = peak(per_period(frame), "killed")
    >>> f"{found.start:%d %b}", found.value, found.events
    ('03 Mar', 3.0, 1.0)
    """
    if frame.empty or not (frame[column] > 1e-9).any():
        return None
    row = frame.iloc[int(np.argmax(frame[column].to_numpy()))]
    return Peak(start=row["period_start"], end=row["period_end"], value=float(row[column]),
                events=float(row["expected"]), ranged=bool(row["ranged"] > 0))


def largest_changes(frame: pd.DataFrame, column: str = "expected") -> pd.DataFrame:
    """Find the largest rise and the largest fall of ``column`` from one period to the next.

    Parameters
    ----------
    frame : DataFrame
        Output of :func:`per_period` (every period, empty ones included).
    column : str, default "expected"
        What to compare.

    Returns
    -------
    DataFrame
        Up to two rows, ``direction`` "rise" then "fall": from_start,
        from_end, to_start, to_end (datetime64), before, after, change
        (float64). A direction with no change (nothing rose, or nothing
        fell) has no row.

    Examples
    --------
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01"]),
    ...                       "period_end": pd.to_datetime(["2025-01-31", "2025-02-28", "2025-03-31"]),
    ...                       "expected": [10.0, 40.0, 15.0]})
    >>> largest_changes(frame)[["direction", "before", "after", "change"]]
      direction  before  after  change
    0      rise    10.0   40.0    30.0
    1      fall    40.0   15.0   -25.0
    """
    columns = ["direction", "from_start", "from_end", "to_start", "to_end", "before", "after", "change"]
    if len(frame) < 2:
        return pd.DataFrame({c: [] for c in columns})
    values = frame[column].to_numpy(dtype=float)
    change = np.diff(values)
    rows = []
    for direction, index in (("rise", int(np.argmax(change))), ("fall", int(np.argmin(change)))):
        if (direction == "rise" and change[index] <= 1e-9) or (direction == "fall" and change[index] >= -1e-9):
            continue
        rows.append({
            "direction": direction,
            "from_start": frame["period_start"].iloc[index], "from_end": frame["period_end"].iloc[index],
            "to_start": frame["period_start"].iloc[index + 1], "to_end": frame["period_end"].iloc[index + 1],
            "before": values[index], "after": values[index + 1], "change": float(change[index]),
        })
    return pd.DataFrame(rows, columns=columns)


def highest_positions(values: np.ndarray, dates: pd.Series, n: int, *, split_ties: bool = True) -> np.ndarray:
    """Return the positions of the ``n`` highest values over 0 (the most killed, the highest escalation), the
    earliest first on a tie.

    With ``split_ties=False`` a tie is never split: when the first row
    left out has as high a value as the last one kept, every row with that
    value is left out, so none left out is as high as one listed (fewer
    than ``n`` then). If even the highest value is shared by more than
    ``n`` rows, ``n`` of them are kept, spread over their dates
    (:func:`spread_evenly`, so a shorter list is part of a longer one),
    in date order.

    Examples
    --------
    >>> dates = pd.Series(pd.to_datetime(["2025-03-04", "2025-03-01", "2025-03-09", "2025-03-02"]))
    >>> highest_positions(np.array([3.0, 0.0, 9.0, 3.0]), dates, 3).tolist()
    [2, 3, 0]
    >>> highest_positions(np.array([3.0, 0.0, 9.0, 3.0]), dates, 2, split_ties=False).tolist()
    [2]
    >>> days = pd.Series(pd.date_range("2025-03-01", periods=7))
    >>> highest_positions(np.ones(7), days, 3, split_ties=False).tolist()
    [0, 3, 6]
    """
    above_zero = np.flatnonzero(values > 0)
    order = above_zero[np.lexsort((dates.to_numpy()[above_zero], -values[above_zero]))]
    if split_ties or len(order) <= n:
        return order[:n]
    above = order[values[order] > values[order[n]]]
    if len(above):
        return above
    tied = order[values[order] == values[order[0]]]  # the highest value, shared by more than n rows, in date order
    return tied[spread_evenly(len(tied), n)]


def spread_order(count: int, m: int | None = None) -> np.ndarray:
    """Return the positions ``0 .. count - 1`` (the first ``m`` of them) in the order a fair choice takes them: the
    first and the last, then the middle between them, the middles of the halves, of the quarters..., so that any
    number of the first is spread over the whole range and a shorter choice is part of a longer one.

    Examples
    --------
    >>> spread_order(7).tolist()
    [0, 6, 3, 2, 5, 1, 4]
    >>> spread_order(10, 4).tolist()
    [0, 9, 5, 3]
    """
    m = count if m is None else max(min(m, count), 0)
    out: list[int] = [0, count - 1][:count]  # the first and the last, then the middles between them
    level, depth = [(1, max(count - 1, 1))], 0
    while len(out) < m:
        # every range of one level is halved before the next level, its ranges taken in bit-reversed order (of 4:
        # the 1st, 3rd, 2nd, 4th), so that a level taken in part is spread too; an empty range keeps its place
        for index in range(len(level)):
            low, high = level[int(format(index, f"0{depth}b")[::-1], 2)] if depth else level[0]
            if high > low:
                out.append((low + high) // 2)
        level = [half for low, high in level
                 for half in (((low, (low + high) // 2), ((low + high) // 2 + 1, high)) if high > low
                              else ((low, low), (low, low)))]
        depth += 1
    return np.asarray(out[:m], dtype=np.int64)


def spread_evenly(count: int, m: int) -> np.ndarray:
    """Return ``m`` of the positions ``0 .. count - 1``, spread over them, in order: the fair choice of some events
    of a tie in date order, which leaves out events all along the period, never only the last ones. The choice of
    fewer is part of the choice of more (:func:`spread_order`), so a page that names 3 of a tie and a chart that
    labels 8 of it agree on the 3.

    Examples
    --------
    >>> spread_evenly(20, 5).tolist()
    [0, 5, 10, 15, 19]
    >>> spread_evenly(5, 1).tolist(), spread_evenly(3, 5).tolist()
    ([0], [0, 1, 2])
    >>> set(spread_evenly(20, 3)) <= set(spread_evenly(20, 8))
    True
    """
    return np.sort(spread_order(count, m))


@renamed_keywords(most="n")
def deadliest_events(
    events: pd.DataFrame,
    casualties: pd.DataFrame | None = None,
    *,
    n: int = 5,
    kinds: EventSelector = None,
    split_ties: bool = True,
) -> pd.DataFrame:
    """List the events with the most people killed (lowest reported figure), the earliest first on a tie.

    Parameters
    ----------
    events : DataFrame
        Events.
    casualties : DataFrame or None, default None
        The coded casualties table; None uses ``fatalities``.
    n : int, default 5
        How many events to list (events with no one killed are never listed).
    kinds : callable, sequence of str or None, default None
        Which events (see :func:`analysis.stats.selection.select_kinds`).
    split_ties : bool, default True
        False: never list one event and leave out another that killed as
        many (see :func:`highest_positions`).

    Returns
    -------
    DataFrame
        event_id, when (dates in words), event_date, location, admin1,
        sub_event_type, actor1, actor2 (string), killed (int64), at most
        ``n`` rows, deadliest first.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "fatalities": [3, 0, 9], "location": ["X", "Y", "Z"],
    ...                       "sub_event_type": ["Armed clash"] * 3, "actor1": ["A"] * 3,
    ...                       "date_start": pd.to_datetime(["2025-03-03"] * 3),
    ...                       "date_end": pd.to_datetime(["2025-03-03"] * 3),
    ...                       "event_date": pd.to_datetime(["2025-03-03"] * 3)})
    >>> deadliest_events(frame)[["event_id", "killed"]].values.tolist()
    [['c', 9], ['a', 3]]
    """
    require_columns(events, ["event_id", "date_start", "date_end", "event_date", "location", "sub_event_type", "actor1"])
    chosen = select_kinds(events, kinds)
    killed = killed_per_event(chosen, casualties).to_numpy(dtype=float)
    order = highest_positions(killed, chosen["event_date"], n, split_ties=split_ties)
    top = chosen.iloc[order]
    return pd.DataFrame({
        "event_id": top["event_id"].astype("string").to_numpy(),
        "when": date_texts(top).to_numpy(),
        "event_date": top["event_date"].to_numpy(),
        "location": top["location"].astype("string").to_numpy(),
        "admin1": column_or_na(top, "admin1").astype("string").to_numpy(),
        "sub_event_type": top["sub_event_type"].astype("string").to_numpy(),
        "actor1": top["actor1"].astype("string").to_numpy(),
        "actor2": column_or_na(top, "actor2").astype("string").to_numpy(),
        "killed": killed[order].astype(np.int64),
    }).astype({"when": "string", "location": "string", "admin1": "string", "sub_event_type": "string",
               "actor1": "string", "actor2": "string", "event_id": "string"})


#: Counts whose largest and smallest differ by no more than this share of the largest are alike: said as alike, not
#: ranked ("5 pairs of actors, 33 to 36 events each"), as a lead of a few events is no finding.
ALIKE_SHARE = 0.1


def alike(counts, *, or_by: int = 0) -> bool:
    """True for two or more counts that differ by no more than :data:`ALIKE_SHARE` of the largest, or by no more
    than ``or_by`` (counts so small that a difference of one is no finding: the events of a map's places).

    Examples
    --------
    >>> alike([36, 34, 34, 33, 33]), alike([36, 20]), alike([36]), alike([2, 1, 1]), alike([2, 1, 1], or_by=1)
    (True, False, False, False, True)
    """
    values = [int(value) for value in counts]
    return len(values) > 1 and max(values) - min(values) <= max(ALIKE_SHARE * max(values), or_by)


def top_whole(table: pd.DataFrame, n: int, limit: int, column: str = "events") -> tuple[pd.DataFrame, int, int]:
    """Keep the first ``n`` rows of a table sorted by ``column``, a tie at the last row kept whole.

    When the whole tie would pass ``limit`` rows, the tie is left out whole
    instead. Returns the rows kept, how many tied rows were left out, and
    their ``column`` each (0 when none was).

    Examples
    --------
    >>> table = pd.DataFrame({"events": [5, 3, 3, 3, 1]})
    >>> top_whole(table, 2, 4)[0]["events"].tolist(), top_whole(table, 2, 3)[1:]
    ([5, 3, 3, 3], (3, 3))
    """
    if len(table) <= n:
        return table, 0, 0
    last = table[column].iloc[n - 1]
    kept = table[table[column] >= last]
    if len(kept) <= limit:
        return kept.reset_index(drop=True), 0, 0
    above = table[table[column] > last]
    return above.reset_index(drop=True), int((table[column] == last).sum()), int(last)


@renamed_keywords(most="n")
def top_values(values: pd.Series, *, n: int = 7, other: str = "other") -> pd.Series:
    """Count the values of a column, keeping the ``n`` commonest and summing the rest as ``other``.

    Missing values count as ``"not known"``. Ties keep the alphabetical
    order, so the same data always give the same groups.

    Parameters
    ----------
    values : Series
        The column's values.
    n : int, default 7
        How many values keep a count of their own.
    other : str, default "other"
        The name of the rest.

    Returns
    -------
    Series
        ``events`` per value, commonest first, then ``other`` (when any are left).

    Examples
    --------
    >>> top_values(pd.Series(["a", "b", "b", "c", None]), n=1).to_dict()
    {'b': 2, 'other': 3}
    """
    counts = values.astype("string").fillna("not known").value_counts()
    counts = counts.rename_axis("value").reset_index(name="n").sort_values(["n", "value"], ascending=[False, True])
    head = counts.iloc[:n]
    rest = int(counts["n"].iloc[n:].sum())
    out = pd.Series(head["n"].to_numpy(dtype=np.int64), index=head["value"].to_numpy(dtype=object), name="events")
    if rest:
        out[other] = rest
    return out


@renamed_keywords(most="n")
def busiest_periods(counts: pd.DataFrame, n: int = 12, column: str = "expected") -> pd.DataFrame:
    """Return the periods with any event, at most ``n`` of the busiest, in date order, never splitting a tie.

    A period is left out only with every period as busy as itself, so no
    period left out counts as many as one kept (fewer than ``n`` rows
    then; if even the busiest count is shared by more than ``n`` periods,
    the first ``n`` of those are kept).

    Parameters
    ----------
    counts : DataFrame
        Output of :func:`analysis.stats.periods.attacks_per_period`
        (``period_start``, ``possible``, ``column``).
    n : int, default 12
        Most periods to return.
    column : str, default "expected"
        The count that ranks the periods.

    Examples
    --------
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2025-01-06", "2025-01-13", "2025-01-20"]),
    ...                       "possible": [1.0, 2.0, 1.0], "expected": [1.0, 2.0, 1.0]})
    >>> busiest_periods(frame, n=2)["expected"].tolist()
    [2.0]
    """
    active = counts[counts["possible"] > 0]
    if len(active) <= n:
        return active
    ranked = active.sort_values([column, "period_start"], ascending=[False, True], kind="stable")
    values = ranked[column].to_numpy(dtype=float)
    kept = ranked[values > values[n]]
    return (kept if len(kept) else ranked.head(n)).sort_values("period_start", kind="stable")
