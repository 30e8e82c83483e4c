"""ACLED's caveats, computed from an export: placeholder fatalities, single sources, precision, the export's date,
events that may be coded twice.

Each function returns figures or a tidy frame, no sentence; the report's
words say what they mean.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .._frames import require_columns
from .coverage import outlets_per_event, outlets_table

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
    if "timestamp" not in events.columns or events.empty:
        return None
    stamps = events["timestamp"]
    if pd.api.types.is_datetime64_any_dtype(stamps):
        latest = stamps.max()
        if pd.isna(latest):
            return None
        return latest.tz_convert("UTC") if latest.tzinfo is not None else latest.tz_localize("UTC")
    seconds = pd.to_numeric(stamps, errors="coerce").dropna()
    return pd.Timestamp(int(seconds.max()), unit="s", tz="UTC") if len(seconds) else None


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
