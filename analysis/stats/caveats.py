"""ACLED's caveats, computed from an export: placeholder fatalities, single sources, precision, the export's date.

Each function returns figures or a tidy frame, no sentence; the report's
words say what they mean.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .._frames import require_columns
from .evidence import outlets_per_event, outlets_table

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
