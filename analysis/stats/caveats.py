"""ACLED's caveats, computed from an export: placeholder fatalities, a heap at one fatality figure, single sources,
precision, the export's date and its rows' times of change, events that may be coded twice, and the signs that a
week standing apart may be a batch of coding.

Each function returns figures or a tidy frame, no sentence; the report's
words say what they mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._frames import require_columns
from .coverage import event_sources, outlets_per_event, outlets_table

#: How ACLED's notes state a fatality figure it set because the sources gave none: "fatalities coded as 3",
#: "unknown fatalities coded as 10" (any letter case; the figure is captured).
PLACEHOLDER = re.compile(r"\bcoded\s+as\s+(\d+)\b", re.IGNORECASE)


def placeholder_figures(events: pd.DataFrame) -> pd.Series:
    """Return, event by event, the fatality figure its notes say ACLED set by rule ("coded as 3"), missing where they
    say none (every event without a ``notes`` column).

    Examples
    --------
    >>> placeholder_figures(pd.DataFrame({"notes": ["3 killed", "Unknown fatalities coded as 3.", None]})).tolist()
    [<NA>, 3, <NA>]
    """
    if "notes" not in events.columns:
        return pd.Series(pd.NA, index=events.index, dtype="Int64")
    return pd.to_numeric(events["notes"].astype("string").str.extract(PLACEHOLDER, expand=False)).astype("Int64")


def placeholder_fatalities(events: pd.DataFrame) -> pd.DataFrame:
    """Count the events whose notes say their fatalities are a placeholder ("coded as 3"), by the figure stated.

    Returns
    -------
    DataFrame
        coded_as (int64, the figure the note states), events, fatalities
        (int64: the events' ``fatalities``), fewest figure first.

    Examples
    --------
    >>> frame = pd.DataFrame({"notes": ["3 killed", "Unknown fatalities coded as 3.", "coded as 10"],
    ...                       "fatalities": [3, 3, 10]})
    >>> placeholder_fatalities(frame).values.tolist()
    [[3, 1, 3], [10, 1, 10]]
    """
    require_columns(events, ["notes", "fatalities"])
    figure = placeholder_figures(events)
    found = figure.notna().to_numpy(dtype=bool)
    killed = pd.to_numeric(events["fatalities"], errors="coerce").fillna(0).astype(np.int64)
    frame = pd.DataFrame({"coded_as": figure[found].to_numpy(dtype=np.int64), "killed": killed[found].to_numpy()})
    grouped = frame.groupby("coded_as", sort=True)
    out = pd.DataFrame({"events": grouped.size(), "fatalities": grouped["killed"].sum()}).reset_index()
    return out.astype({"coded_as": np.int64, "events": np.int64, "fatalities": np.int64})


#: A fatality figure is heaped when more events hold it than :data:`HEAP_TIMES` times as many as hold either figure
#: beside it (one fewer, one more killed), and at least :data:`HEAP_EVENTS` events: reported tolls thin out smoothly
#: from 1 killed up, so a figure that towers over both neighbours was set (a placeholder), rounded, or coded in a
#: batch alike. 0 and 1 are never heaped: no one killed, and one killed, are the commonest reports.
HEAP_TIMES = 1.5
HEAP_EVENTS = 20


def heaped_figures(events: pd.DataFrame) -> pd.DataFrame:
    """Find the fatality figures held by far more events than both figures beside them (:data:`HEAP_TIMES`,
    :data:`HEAP_EVENTS`), and the Monday-to-Sunday week (by ``event_date``) that holds most of each, with the
    figure and the figures beside it outside that week (whether the heap is the week's).

    Returns
    -------
    DataFrame
        figure (int64), events, below, above (int64: the events with one fewer and one more killed),
        week_start, week_end (datetime64, the week with most of the figure's events, the earliest on a tie),
        in_week (int64, its events of the figure), outside, below_outside, above_outside (int64: the events
        outside that week with the figure, one fewer and one more killed) and set_by_rule (int64: the figure's
        events whose notes say ACLED set it, :func:`placeholder_figures`); fewest killed first. Empty (with these
        columns) when no figure is heaped.

    Examples
    --------
    >>> frame = pd.DataFrame({"fatalities": [1] * 40 + [2] * 10 + [3] * 30 + [4] * 5,
    ...                       "event_date": pd.to_datetime(["2025-03-03"] * 75 + ["2025-03-12"] * 10)})
    >>> heaped_figures(frame)[["figure", "events", "below", "above", "in_week", "set_by_rule"]].values.tolist()
    [[3, 30, 10, 5, 25, 0]]
    >>> heaped_figures(frame)[["outside", "below_outside", "above_outside", "heaped_outside"]].values.tolist()
    [[5, 0, 5, False]]
    """
    require_columns(events, ["fatalities", "event_date"])
    killed = pd.to_numeric(events["fatalities"], errors="coerce")
    whole = killed.notna() & (killed == killed.round())
    counts = killed[whole].astype(np.int64).value_counts()
    set_by_rule = placeholder_figures(events).notna().to_numpy(dtype=bool)
    days = pd.to_datetime(events["event_date"]).dt.normalize()
    mondays = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    rows = []
    for figure, held in sorted(counts.items()):
        below, above = int(counts.get(figure - 1, 0)), int(counts.get(figure + 1, 0))
        if figure < 2 or not is_heap(held, below, above):
            continue
        weeks = mondays[whole & (killed == figure)].value_counts()
        weeks = weeks[weeks == weeks.max()].sort_index()
        outside = whole & (mondays != weeks.index[0])  # a date missing is outside every week
        beside = {value: int((outside & (killed == value)).sum()) for value in (figure - 1, figure, figure + 1)}
        rows.append({"figure": int(figure), "events": int(held), "below": below, "above": above,
                     "week_start": weeks.index[0], "week_end": weeks.index[0] + pd.Timedelta(days=6),
                     "in_week": int(weeks.iloc[0]), "outside": beside[figure],
                     "below_outside": beside[figure - 1], "above_outside": beside[figure + 1],
                     "heaped_outside": is_heap(beside[figure], beside[figure - 1], beside[figure + 1]),
                     "set_by_rule": (by_rule := int((set_by_rule & (whole & (killed == figure)).to_numpy(dtype=bool)).sum())),
                     "heaped_without_rule": is_heap(int(held) - by_rule, below, above)})
    counted = ["figure", "events", "below", "above", "in_week", "outside", "below_outside", "above_outside",
               "set_by_rule"]
    columns = ["figure", "events", "below", "above", "week_start", "week_end", *counted[4:]]
    out = pd.DataFrame(rows, columns=[*columns, "heaped_outside", "heaped_without_rule"])
    for name in ("week_start", "week_end"):
        out[name] = pd.to_datetime(out[name])
    return out.astype({**{name: np.int64 for name in counted}, "heaped_outside": bool, "heaped_without_rule": bool})


def is_heap(held: int, below: int, above: int) -> bool:
    """Whether ``held`` events at one fatality figure make a heap beside the ``below`` and ``above`` events of the
    figures one fewer and one more killed (:data:`HEAP_TIMES`, :data:`HEAP_EVENTS`): the one rule for a whole file
    and for its events outside a week.

    Examples
    --------
    >>> is_heap(30, 10, 5), is_heap(30, 25, 5), is_heap(10, 1, 1)
    (True, False, False)
    """
    return held >= HEAP_EVENTS and held > HEAP_TIMES * max(below, above)


def precision_shares(events: pd.DataFrame, column: str) -> pd.DataFrame:
    """Count the events by a precision code (``geo_precision`` or ``time_precision``: 1, 2, 3) with their shares.

    Returns
    -------
    DataFrame
        precision (string), events (int64), share (float64); every code
        of the column's categories (or values), in order, missing as
        ``"missing"``.
    """
    require_columns(events, [column])
    values = events[column].astype("string")
    codes = sorted(set(values.dropna()) | {"1", "2", "3"})
    counts = [int((values == code).sum()) for code in codes]
    missing = int(values.isna().sum())
    if missing:
        codes, counts = [*codes, "missing"], [*counts, missing]
    n = len(events)
    return pd.DataFrame({"precision": pd.array(codes, dtype="string"), "events": np.array(counts, dtype=np.int64),
                         "share": np.array(counts, dtype=float) / n if n else np.zeros(len(codes))})


def single_source(events: pd.DataFrame) -> tuple[int, pd.DataFrame]:
    """Count the events that rest on one outlet, and list the outlets by the events they carry alone.

    Returns
    -------
    tuple
        The number of single-source events, and the outlets with at least
        one such event: source, only_source, events (int64), most
        ``only_source`` first, then by outlet.
    """
    per_event = outlets_per_event(events)
    single = int(per_event.loc[per_event["outlets"] == "1", "events"].sum())
    table = outlets_table(events)
    alone = table[table["only_source"] > 0][["source", "only_source", "events"]]
    alone = alone.sort_values(["only_source", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)
    return single, alone


def export_date(events: pd.DataFrame) -> pd.Timestamp | None:
    """Return the latest ``timestamp`` (the time of a row's last change) as a UTC time: when the data were drawn.

    ``timestamp`` is a UTC datetime, as :func:`analysis.io.acled.load_acled`
    gives it (a datetime without a time zone is read as UTC), or Unix
    seconds (numbers or text). None when the events have no readable
    timestamp.
    """
    span = change_times(events)
    return None if span is None else span[1]


def change_times(events: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """Return the earliest and the latest ``timestamp`` (the times the rows last changed) as UTC times, or None
    when the events have no readable timestamp (see :func:`export_date`).

    Examples
    --------
    >>> change_times(pd.DataFrame({"timestamp": [1750000000, 1750002999]}))
    (Timestamp('2025-06-15 15:06:40+0000', tz='UTC'), Timestamp('2025-06-15 15:56:39+0000', tz='UTC'))
    """
    if "timestamp" not in events.columns or events.empty:
        return None
    stamps = events["timestamp"]
    if pd.api.types.is_datetime64_any_dtype(stamps):
        stamps = stamps.dropna()
        if stamps.empty:
            return None
        utc = stamps.dt.tz_convert("UTC") if stamps.dt.tz is not None else stamps.dt.tz_localize("UTC")
        return utc.min(), utc.max()
    seconds = pd.to_numeric(stamps, errors="coerce").dropna()
    if seconds.empty:
        return None
    return (pd.Timestamp(int(seconds.min()), unit="s", tz="UTC"),
            pd.Timestamp(int(seconds.max()), unit="s", tz="UTC"))


def dated_after(exported: pd.Timestamp | None, events: pd.DataFrame) -> int:
    """Count the events dated (``event_date``) after the day of ``exported`` (:func:`export_date`): events a row's
    time of change cannot precede, so a file that holds any was rebuilt or altered after ACLED gave it out.

    Examples
    --------
    >>> events = pd.DataFrame({"event_date": pd.to_datetime(["2025-03-01", "2025-06-15", "2026-03-31"])})
    >>> dated_after(pd.Timestamp("2025-06-15 15:56", tz="UTC"), events)
    1
    """
    if exported is None or events.empty or "event_date" not in events.columns:
        return 0
    day = exported.tz_convert("UTC").tz_localize(None).normalize() if exported.tzinfo else exported.normalize()
    return int((events["event_date"] > day).sum())


def stamp_before_events(exported: pd.Timestamp | None, events: pd.DataFrame) -> pd.Timestamp | None:
    """Return the latest ``event_date`` of ``events`` when it is after the export's date (:func:`export_date`, a
    UTC time), else None: such timestamps cannot be the rows' times of change, and do not date the export.

    Examples
    --------
    >>> events = pd.DataFrame({"event_date": pd.to_datetime(["2025-03-01", "2026-03-31"])})
    >>> stamp_before_events(pd.Timestamp("2025-06-15 15:56", tz="UTC"), events)
    Timestamp('2026-03-31 00:00:00')
    >>> stamp_before_events(pd.Timestamp("2026-04-02", tz="UTC"), events) is None
    True
    """
    if exported is None or events.empty or "event_date" not in events.columns:
        return None
    latest = events["event_date"].max()
    if pd.isna(latest):
        return None
    day = exported.tz_convert("UTC").tz_localize(None).normalize() if exported.tzinfo else exported.normalize()
    return latest if latest > day else None


#: The event types whose two actors are compared as a pair in either order by :func:`possible_duplicates`: in a
#: battle both sides fight, so "A against B" and "B against A" on one day and place are one battle told twice; in the
#: other types the first actor acts on the second (an air strike by A on B is not one by B on A).
EITHER_ORDER: tuple[str, ...] = ("Battles",)

#: The columns :func:`possible_duplicates` compares when the frame has them: the coordinates.
DUPLICATE_PLACE: tuple[str, ...] = ("latitude", "longitude")


def possible_duplicates(events: pd.DataFrame) -> pd.DataFrame:
    """Find the events that may be one event coded twice: different ids, the same day, place, actors and kind.

    Events are put in one group when they share ``event_date``, ``location`` (and the coordinates, where the
    frame has ``latitude`` and ``longitude``), ``actor1`` and ``actor2`` and ``sub_event_type``, and the group
    holds at least two different ``event_id``. The actors of a battle (:data:`EITHER_ORDER`) are a pair in either
    order; in other event types the first acts on the second, so their order counts. A missing value matches
    only a missing value (two events without a second actor share it). Only events dated to their day are
    compared (``date_start`` equal to ``date_end``, where the frame has them): two events known only to one week
    or month share its middle day as ``event_date``, which does not put them on one day
    (:func:`day_known` tells them apart). Nothing is dropped or changed: this is a
    finding for a reader to judge, not a filter; to count each group once, drop the rows of a group but its
    first (``events.drop(index=found.loc[found["group"].duplicated(), "row"])``).

    Parameters
    ----------
    events : DataFrame
        Events (:func:`analysis.load_acled` or :func:`analysis.load_events`), with ``event_id``,
        ``event_date``, ``location``, ``actor1``, ``actor2``, ``event_type``, ``sub_event_type``,
        ``fatalities`` and ``notes``.

    Returns
    -------
    DataFrame
        One row per event of a group: group (int64, from 1, groups in order of their day, then of their first
        row), row (the event's index label in ``events``), event_id, event_date, location, actor1, actor2,
        sub_event_type, fatalities, and three booleans the same in every row of a group: same_fatalities,
        same_notes, exact (both: the events differ in their ids only, as far as these columns tell). Rows of a
        group in the order of ``events``. Empty (with these columns) when no two events are alike.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["A1", "A2", "A3"], "event_date": pd.to_datetime(["2020-01-03"] * 3),
    ...     "location": "Baghdad", "actor1": ["Army", "Militia", "Army"], "actor2": ["Militia", "Army", "Militia"],
    ...     "event_type": "Battles", "sub_event_type": "Armed clash", "fatalities": [2, 2, 3], "notes": "Clash."})
    >>> possible_duplicates(frame)[["group", "event_id", "same_fatalities", "exact"]].values.tolist()
    [[1, 'A1', False, False], [1, 'A2', False, False], [1, 'A3', False, False]]
    """
    require_columns(events, ["event_id", "event_date", "location", "actor1", "actor2", "event_type",
                             "sub_event_type", "fatalities", "notes"])
    # every compared column as integer codes (a missing value is a code of its own), so the search is one hash
    # every compared column as integer codes (a missing value is a code of its own), so the search is one hash;
    # the columns are read, never copied whole (a million rows' frame is searched in under a second)
    codes = {name: pd.factorize(events[name], use_na_sentinel=False)[0]
             for name in ("event_date", "location", "sub_event_type", *DUPLICATE_PLACE) if name in events.columns}
    actors = pd.factorize(pd.concat([events["actor1"], events["actor2"]], ignore_index=True),
                          use_na_sentinel=False)[0]
    first, second = actors[:len(events)], actors[len(events):]
    either = events["event_type"].isin(EITHER_ORDER).to_numpy(dtype=bool)
    codes["first_actor"] = np.where(either, np.minimum(first, second), first)
    codes["second_actor"] = np.where(either, np.maximum(first, second), second)
    dated = day_known(events)
    key = pd.DataFrame(codes)[dated]
    alike = key.duplicated(keep=False).to_numpy()
    key = key[alike]
    found = events.iloc[np.flatnonzero(dated)[alike]]
    group = key.groupby(list(key.columns), sort=False).ngroup().to_numpy()
    # a group of one id repeated is not two events (the loaders refuse a repeated id): it is left out
    ids = pd.Series(pd.factorize(found["event_id"], use_na_sentinel=False)[0])
    apart = (ids.groupby(group).transform("nunique") > 1).to_numpy() if len(found) else np.zeros(0, dtype=bool)
    found, group = found[apart], group[apart]
    # groups numbered by their day, then by their first row
    first_row = pd.Series(np.arange(len(group))).groupby(group).transform("min").to_numpy()
    order = np.lexsort((np.arange(len(group)), first_row, found["event_date"].to_numpy()))
    found, group = found.iloc[order], group[order]
    number = pd.factorize(group)[0].astype(np.int64) + 1
    return _duplicates_frame(found, number)


def day_known(events: pd.DataFrame) -> np.ndarray:
    """Return, event by event, whether its day is known: ``date_start`` equal to ``date_end``, or True for every
    event of a frame without them (its ``event_date`` is all it says).

    Examples
    --------
    >>> day_known(pd.DataFrame({"date_start": pd.to_datetime(["2020-01-03", "2020-01-01"]),
    ...                         "date_end": pd.to_datetime(["2020-01-03", "2020-01-31"])})).tolist()
    [True, False]
    """
    if "date_start" not in events.columns or "date_end" not in events.columns:
        return np.ones(len(events), dtype=bool)
    return (events["date_start"] == events["date_end"]).fillna(False).to_numpy(dtype=bool)


def _duplicates_frame(found: pd.DataFrame, number: np.ndarray) -> pd.DataFrame:
    """The rows of :func:`possible_duplicates`: ``found``'s events with their group ``number`` and what they share."""
    out = found[["event_id", "event_date", "location", "actor1", "actor2", "sub_event_type", "fatalities"]]
    out = out.reset_index(drop=True)
    out.insert(0, "row", found.index.to_numpy())
    out.insert(0, "group", number)
    for name in ("fatalities", "notes"):
        values = pd.Series(found[name].to_numpy())
        out[f"same_{name}"] = (values.groupby(number).transform("nunique", dropna=False) == 1).to_numpy(dtype=bool)
    out["exact"] = out["same_fatalities"] & out["same_notes"]
    return out


#: The signs that a week standing apart (:func:`analysis.stats.highlights.stands_apart`) may be a batch of coding,
#: not a rise of events (:func:`batch_signs`): its commonest fatality figure over 0 holds at least
#: :data:`BATCH_FIGURE_TIMES` times its share of the other weeks' events (and :data:`HEAP_EVENTS` events); at least
#: two groups of possible duplicates and more than half of them fall in it; every outlet of the week reported
#: before and rose at least :data:`BATCH_OUTLET_SHARE` of the week's own rise over its usual number.
BATCH_FIGURE_TIMES = 2.0
BATCH_OUTLET_SHARE = 0.5


@dataclass(frozen=True)
class BatchSigns:
    """What :func:`batch_signs` measures of one week, and which signs of a batch of coding hold.

    ``events`` and ``others`` are the week's events and the other weeks'; ``figure`` the week's commonest fatality
    figure over 0 (None without one), held by ``figure_in`` of its events and ``figure_out`` of the others;
    ``killed_in``, ``killed_out`` the killed per event in and out of it; ``groups_in`` of the ``groups`` of possible
    duplicates fall in it; ``outlets`` outlets reported in it, each ``outlet_low`` to ``outlet_high`` times its
    usual weekly number (its mean over the other weeks); ``month_start`` is the first day of the month that holds
    most of the week's days, with ``month_without`` events without the week and ``month_before``, ``month_after``
    the events of the months beside it (None outside the window). ``heaped``, ``duplicated`` and ``together`` say
    which signs hold.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    events: int
    others: int
    figure: int | None
    figure_in: int
    figure_out: int
    killed_in: float
    killed_out: float
    groups_in: int
    groups: int
    outlets: int
    outlet_low: float
    outlet_high: float
    month_start: pd.Timestamp
    month_without: int
    month_before: int | None
    month_after: int | None
    heaped: bool
    duplicated: bool
    together: bool

    @property
    def any(self) -> bool:
        """True when at least one sign of a batch holds."""
        return self.heaped or self.duplicated or self.together


def batch_signs(events: pd.DataFrame, weekly: pd.DataFrame, start: object, duplicates: pd.DataFrame | None = None
                ) -> BatchSigns:
    """Measure the signs that the week starting ``start`` may be a batch of coding rather than a rise of events
    (:data:`BATCH_FIGURE_TIMES`, :data:`BATCH_OUTLET_SHARE`): a heap at one fatality figure, the possible
    duplicates in it, every outlet rising together; and its month's events without it.

    Parameters
    ----------
    events : DataFrame
        ACLED events (``event_date``, ``fatalities``; ``source``, and what :func:`possible_duplicates` needs, where
        the frame has them), counted on ``event_date``.
    weekly : DataFrame
        The events per week of the window (:func:`analysis.stats.highlights.per_period`, ``freq="W"``): its weeks
        are those the usual numbers are taken over.
    start : date-like
        The week's Monday.
    duplicates : DataFrame or None, default None
        :func:`possible_duplicates` of ``events``, where already found; None finds them.

    Examples
    --------
    >>> dates = pd.to_datetime(["2025-03-03"] * 30 + ["2025-03-12", "2025-03-19", "2025-03-26"] * 5)
    >>> frame = pd.DataFrame({"event_id": range(45), "event_date": dates, "fatalities": [3] * 30 + [1, 2, 0] * 5,
    ...                       "source": "Radio X"})
    >>> weekly = pd.DataFrame({"period_start": pd.to_datetime(["2025-03-03", "2025-03-10", "2025-03-17",
    ...                                                         "2025-03-24"])})
    >>> signs = batch_signs(frame, weekly, "2025-03-03")
    >>> signs.figure, signs.figure_in, signs.heaped, signs.together, signs.outlet_low
    (3, 30, True, False, 6.0)
    """
    require_columns(events, ["event_date", "fatalities"])
    first = pd.Timestamp(start)
    last = first + pd.Timedelta(days=6)
    dates = pd.to_datetime(events["event_date"]).dt.normalize()
    inside = ((dates >= first) & (dates <= last)).to_numpy(dtype=bool)
    n_in, n_out = int(inside.sum()), int((~inside).sum())
    killed = pd.to_numeric(events["fatalities"], errors="coerce").fillna(0).to_numpy(dtype=float)
    # the heap: the week's commonest figure over 0, against its share of the other weeks' events
    counts = pd.Series(killed[inside & (killed > 0)]).value_counts()
    figure = int(counts.sort_index(kind="stable").idxmax()) if len(counts) else None
    figure_in = int((killed[inside] == figure).sum()) if figure is not None else 0
    figure_out = int((killed[~inside] == figure).sum()) if figure is not None else 0
    heaped = (figure is not None and figure_in >= HEAP_EVENTS
              and figure_in * max(n_out, 1) >= BATCH_FIGURE_TIMES * figure_out * max(n_in, 1))
    # the possible duplicates of the week
    if duplicates is None:
        needed = ["event_id", "location", "actor1", "actor2", "event_type", "sub_event_type", "notes"]
        duplicates = (possible_duplicates(events) if set(needed) <= set(events.columns)
                      else pd.DataFrame({"group": [], "event_date": []}))
    group_days = duplicates.drop_duplicates("group")["event_date"] if len(duplicates) else pd.Series([], dtype=object)
    group_days = pd.to_datetime(group_days).dt.normalize()
    groups, groups_in = len(group_days), int(((group_days >= first) & (group_days <= last)).sum())
    duplicated = groups_in >= 2 and 2 * groups_in > groups
    # the outlets: each one's events in the week against its mean over the other weeks
    other_weeks = max(len(weekly) - 1, 1)
    rise = n_in / (n_out / other_weeks) if n_out else np.inf
    low = high = np.nan
    outlets, together = 0, False
    if "source" in events.columns and "event_id" in events.columns and n_in:
        rows = event_sources(events.assign(event_id=np.arange(len(events))))
        rows["inside"] = inside[rows["event_id"].to_numpy(dtype=np.int64)]
        table = rows.groupby("source")["inside"].agg(week="sum", every="size")
        table = table[table["week"] > 0]
        usual = (table["every"] - table["week"]) / other_weeks
        times = (table["week"] / usual.where(usual > 0)).to_numpy(dtype=float)
        outlets = len(table)
        if outlets and not np.isnan(times).any():
            low, high = float(times.min()), float(times.max())
            together = outlets >= 2 and low >= BATCH_OUTLET_SHARE * rise and low > 1
    # the month that holds most of the week's days, without the week
    middle = first + pd.Timedelta(days=3)
    month = pd.Timestamp(year=middle.year, month=middle.month, day=1)
    months = dates.dt.to_period("M")
    per_month = months.value_counts()
    here = pd.Period(month, "M")
    without = int(per_month.get(here, 0)) - int((inside & (months == here).to_numpy(dtype=bool)).sum())
    window = (weekly["period_start"].min(), weekly["period_start"].max() + pd.Timedelta(days=6)) if len(weekly) else (
        first, last)
    before = int(per_month.get(here - 1, 0)) if month - pd.Timedelta(days=1) >= window[0] else None
    after = int(per_month.get(here + 1, 0)) if (here + 1).start_time <= window[1] else None
    return BatchSigns(start=first, end=last, events=n_in, others=n_out, figure=figure, figure_in=figure_in,
                      figure_out=figure_out, killed_in=float(killed[inside].sum()) / n_in if n_in else 0.0,
                      killed_out=float(killed[~inside].sum()) / n_out if n_out else 0.0, groups_in=groups_in,
                      groups=groups, outlets=outlets, outlet_low=low, outlet_high=high, month_start=month,
                      month_without=without, month_before=before, month_after=after, heaped=bool(heaped),
                      duplicated=bool(duplicated), together=bool(together))
