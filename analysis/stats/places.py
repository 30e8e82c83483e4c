"""Where events took place: events and fatalities by admin area, with the change from one period to the next.

Every function takes events as :func:`analysis.io.acled.load_acled` returns
them (``admin1``, ``admin2``, ``event_date``, ``fatalities``) and gives a
tidy frame of counts, no sentence. An event is counted in the period of its
``event_date``, as ACLED's own tools count; fatalities are ACLED's
(missing counts 0, :func:`analysis.stats.actors.fatalities`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .._frames import require_columns
from .actors import NONE, fatalities

#: A period, as its first and last day.
Period = tuple[pd.Timestamp, pd.Timestamp]


def area_levels(events: pd.DataFrame) -> list[str]:
    """Return the admin columns the events name places by: ``admin1``, then ``admin2`` where any event has one.

    Examples
    --------
    >>> area_levels(pd.DataFrame({"admin1": ["Kirkuk"], "admin2": [""]}))
    ['admin1']
    """
    levels = []
    for column in ("admin1", "admin2"):
        if column in events.columns:
            values = events[column].astype("string").str.strip()
            if (values.notna() & (values != "")).any():
                levels.append(column)
    return levels


def _named(values: pd.Series) -> pd.Series:
    values = values.astype("string").str.strip()
    return values.mask(values == "").fillna(NONE)


def events_by_area(
    events: pd.DataFrame,
    columns: Sequence[str] = ("admin1",),
    *,
    previous: Period | None = None,
    last: Period | None = None,
) -> pd.DataFrame:
    """Count events and fatalities by admin area, and in two periods, the change from the first to the second.

    Parameters
    ----------
    events : DataFrame
        Events with ``columns``, ``fatalities`` and, with ``previous`` and
        ``last``, ``event_date``.
    columns : sequence of str, default ("admin1",)
        The area columns, coarsest first (``["admin1", "admin2"]`` counts
        each admin2 area within its admin1).
    previous, last : (Timestamp, Timestamp) or None, default None
        Two periods, each its first and last day: the events and fatalities
        of each, and ``last`` minus ``previous``, are added. None for either:
        no period columns.

    Returns
    -------
    DataFrame
        ``columns`` (a missing name is :data:`analysis.stats.actors.NONE`),
        events, fatalities, and with periods events_previous, events_last,
        events_change, fatalities_previous, fatalities_last,
        fatalities_change (all int64); most events first, then most
        fatalities, then by name.

    Examples
    --------
    >>> frame = pd.DataFrame({"admin1": ["A", "A", "B"], "fatalities": [2, 0, 5],
    ...                       "event_date": pd.to_datetime(["2020-01-05", "2020-02-03", "2020-01-20"])})
    >>> jan = (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-01-31"))
    >>> feb = (pd.Timestamp("2020-02-01"), pd.Timestamp("2020-02-29"))
    >>> events_by_area(frame, previous=jan, last=feb)[["admin1", "events", "events_previous", "events_last",
    ...                                                 "events_change"]].values.tolist()
    [['A', 2, 1, 1, 0], ['B', 1, 1, 0, -1]]
    """
    columns = list(columns)
    require_columns(events, [*columns, "fatalities"])
    frame = pd.DataFrame({c: _named(events[c]).to_numpy() for c in columns})
    frame["events"] = 1
    frame["fatalities"] = fatalities(events).to_numpy()
    counted = ["events", "fatalities"]
    if previous is not None and last is not None:
        require_columns(events, ["event_date"])
        dates = pd.to_datetime(events["event_date"]).to_numpy()
        for name, (first, final) in (("previous", previous), ("last", last)):
            inside = (dates >= np.datetime64(pd.Timestamp(first))) & (dates <= np.datetime64(pd.Timestamp(final)))
            frame[f"events_{name}"] = inside.astype(np.int64)
            frame[f"fatalities_{name}"] = np.where(inside, frame["fatalities"], 0)
        counted += ["events_previous", "events_last", "fatalities_previous", "fatalities_last"]
    table = frame.groupby(columns, sort=False)[counted].sum().reset_index()
    if "events_last" in table.columns:
        table["events_change"] = table["events_last"] - table["events_previous"]
        table["fatalities_change"] = table["fatalities_last"] - table["fatalities_previous"]
        counted = ["events", "fatalities", "events_previous", "events_last", "events_change", "fatalities_previous",
                   "fatalities_last", "fatalities_change"]
    for column in counted:
        table[column] = table[column].astype(np.int64)
    for column in columns:
        table[column] = table[column].astype("string")
    table = table.sort_values(["events", "fatalities", *columns], ascending=[False, False, *[True] * len(columns)],
                              kind="stable").reset_index(drop=True)
    return table[[*columns, *counted]]


def locations(events: pd.DataFrame, *, label: str = "location", area: str | None = None) -> pd.DataFrame:
    """Count events and fatalities per place: one row per pair of coordinates, named by its busiest ``label``.

    Events at the same coordinates (rounded to 3 decimals, about 100 m)
    are one place, whatever names they carry; rows without coordinates are
    left out. With ``area`` (an admin column, ``"admin1"``), each place
    also gets the area most of its events are coded in (then the first by
    name; missing where none of them has one).

    Returns
    -------
    DataFrame
        name (the ``label`` with the most events there, then the first by
        name), names (how many distinct names the place carries), latitude,
        longitude, events, fatalities, and with ``area`` the column
        ``area``; most events first, then by name.

    Examples
    --------
    >>> frame = pd.DataFrame({"location": ["X", "X town", "Y"], "latitude": [1.0, 1.0, 2.0],
    ...                       "longitude": [1.0, 1.0, 2.0], "fatalities": [1, 2, 0]})
    >>> locations(frame)[["name", "names", "events", "fatalities"]].values.tolist()
    [['X', 2, 2, 3], ['Y', 1, 1, 0]]
    >>> locations(frame.assign(admin1=["A", "A", None]), area="admin1")["area"].tolist()
    ['A', <NA>]
    """
    require_columns(events, ["latitude", "longitude", label, *([area] if area else [])])
    frame = pd.DataFrame({
        "name": events[label].astype("string").fillna("").to_numpy(),
        "latitude": pd.to_numeric(events["latitude"], errors="coerce").to_numpy(dtype=float),
        "longitude": pd.to_numeric(events["longitude"], errors="coerce").to_numpy(dtype=float),
        "fatalities": (fatalities(events) if "fatalities" in events.columns
                       else pd.Series(0, index=events.index)).to_numpy(),
    })
    if area:
        named = events[area].astype("string").str.strip()
        frame["area"] = named.mask(named == "").to_numpy()
    frame = frame.dropna(subset=["latitude", "longitude"])
    if frame.empty:
        return pd.DataFrame({"name": pd.Series([], dtype="string"), "names": pd.Series([], dtype=np.int64),
                             "latitude": [], "longitude": [], "events": pd.Series([], dtype=np.int64),
                             "fatalities": pd.Series([], dtype=np.int64),
                             **({"area": pd.Series([], dtype="string")} if area else {})})
    frame["lat"], frame["lon"] = frame["latitude"].round(3), frame["longitude"].round(3)
    names = frame.groupby(["lat", "lon", "name"], sort=False).size().reset_index(name="k")
    names = names.sort_values(["lat", "lon", "k", "name"], ascending=[True, True, False, True], kind="stable")
    busiest = names.drop_duplicates(["lat", "lon"]).set_index(["lat", "lon"])["name"]
    grouped = frame.groupby(["lat", "lon"], sort=False)
    table = pd.DataFrame({"latitude": grouped["latitude"].first(), "longitude": grouped["longitude"].first(),
                          "events": grouped.size().astype(np.int64), "fatalities": grouped["fatalities"].sum(),
                          "names": names.groupby(["lat", "lon"]).size()})
    table["name"] = busiest.reindex(table.index).astype("string")
    if area:  # the area most of the place's events are coded in
        areas = frame.dropna(subset=["area"]).groupby(["lat", "lon", "area"], sort=False).size().reset_index(name="k")
        areas = areas.sort_values(["lat", "lon", "k", "area"], ascending=[True, True, False, True], kind="stable")
        table["area"] = areas.drop_duplicates(["lat", "lon"]).set_index(["lat", "lon"])["area"].reindex(
            table.index).astype("string")
    table = table.reset_index(drop=True)[["name", "names", "latitude", "longitude", "events", "fatalities",
                                          *(["area"] if area else [])]]
    table = table.astype({"names": np.int64, "events": np.int64, "fatalities": np.int64})
    return table.sort_values(["events", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


__all__ = ["area_levels", "events_by_area", "locations"]
