"""What can still be read of the rows an export's loading left out (``invalid="drop"``).

:func:`analysis.io.acled.load_acled` with ``invalid="drop"`` keeps the rows it left out, as the file wrote them,
in the frame's ``attrs["dropped"].table`` (:class:`analysis.io.problems.DroppedRows`): one row per record, its
``line``, its ``reasons`` and its fields as text. :func:`readable_dropped` reads of each what still reads: its
day, place, kind, sides and fatalities, so that the pages can say what the rows left out seem to be and which
of their own figures they would change (:func:`analysis.stats.dropped.of_the_run` marks those a run would
count).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import schema
from .acled import date_ranges
from .acled_dates import read_dates

#: The text fields read as they are (empty or ACLED's ``NA``: not known), in the frame's order.
TEXT_FIELDS: tuple[str, ...] = ("location", "admin1", "country", "actor1", "assoc_actor_1", "actor2",
                                "assoc_actor_2", "source")
#: The columns of :func:`readable_dropped`, in order.
COLUMNS: tuple[str, ...] = ("line", "event_id", "event_date", "time_precision", "event_type", "sub_event_type", *TEXT_FIELDS,
                            "fatalities", "cut_off")
_NA_TEXT = "NA"


def readable_dropped(ledger: pd.DataFrame | None, *, dayfirst: bool | None = None) -> pd.DataFrame:
    """Read what still reads of the rows a loading left out: one row per row left out, in line order.

    Parameters
    ----------
    ledger : DataFrame or None
        The rows left out, as the loader lists them (``frame.attrs["dropped"].table``: ``line``, ``reasons``,
        then each field as text, missing past the end of a record cut off); None for none.
    dayfirst : bool or None, default None
        How a numeric date reads (the loader's ``dayfirst``); None: as the dates of the rows left out tell,
        unread where they cannot.

    Returns
    -------
    DataFrame
        ``line`` (int64); ``event_id`` (string; ACLED's ``event_id_cnty``); ``event_date`` (datetime64[ns]);
        ``time_precision`` (Int64: 1 the day, 2 the week, 3 the month is known; missing where it does not read);
        ``event_type`` and ``sub_event_type`` (string, only a kind of ACLED's codebook); ``location``,
        ``admin1``, ``country``, ``actor1``, ``assoc_actor_1``, ``actor2``, ``assoc_actor_2``, ``source`` (string);
        ``fatalities`` (Int64, a whole number of 0 or more); ``cut_off`` (bool: the file ends inside the
        record). A value that does not read is missing; so is the last field a record cut off still holds,
        which may be cut short itself.

    Examples
    --------
    >>> ledger = pd.DataFrame({"line": [5, 30], "reasons": ["r", "r"], "event_id_cnty": ["", "TST29"],
    ...                        "event_date": ["2020-03-29", "2020-04-15"], "admin1": ["Kirkuk", "Kirk"],
    ...                        "fatalities": ["5", None]})
    >>> read = readable_dropped(ledger)
    >>> read[["line", "event_id", "admin1", "fatalities", "cut_off"]].astype(object).values.tolist()
    [[5, <NA>, 'Kirkuk', 5, False], [30, 'TST29', <NA>, <NA>, True]]
    """
    if ledger is None or not len(ledger):
        return pd.DataFrame({name: pd.Series([], dtype=_dtype(name)) for name in COLUMNS})
    fields = [name for name in ledger.columns if name not in ("line", "reasons")]
    text = ledger[fields].astype(object)
    missing = text.isna().to_numpy()
    cut_off = missing.any(axis=1)
    # the last field a record cut off still holds may itself be cut short: it is not read
    values = text.copy()
    for row in np.flatnonzero(cut_off):
        present = np.flatnonzero(~missing[row])
        if len(present):
            values.iat[row, present[-1]] = None

    def column(name: str) -> pd.Series:
        if name not in values.columns:
            return pd.Series(pd.NA, index=values.index, dtype="string")
        out = values[name].astype("string").str.strip()
        return out.mask(out.isin(["", _NA_TEXT]))

    out = pd.DataFrame({"line": ledger["line"].astype("int64").to_numpy()}, index=values.index)
    out["event_id"] = column("event_id_cnty")
    dates = column("event_date")
    years = pd.to_numeric(column("year"), errors="coerce").fillna(-1).astype("int64").to_numpy()
    out["event_date"] = pd.Series(read_dates(dates.fillna(""), years, dayfirst=dayfirst), index=values.index)
    precision = pd.to_numeric(column("time_precision"), errors="coerce")
    out["time_precision"] = precision.where(precision.isin(schema.TIME_PRECISION)).astype("Int64")
    kinds, subs = column("event_type"), column("sub_event_type")
    out["event_type"] = kinds.where(kinds.isin(schema.EVENT_TYPES))
    out["sub_event_type"] = subs.where(subs.isin(schema.SUB_EVENT_TYPES))
    for name in TEXT_FIELDS:
        out[name] = column(name)
    killed = pd.to_numeric(column("fatalities"), errors="coerce")
    whole = killed.notna() & (killed >= 0) & (killed == killed.round())
    out["fatalities"] = killed.where(whole).astype("Int64")
    out["cut_off"] = cut_off
    return out.sort_values("line", kind="stable", ignore_index=True)[list(COLUMNS)]


def date_spans(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The first and last day each row of :func:`readable_dropped` can be on, as ACLED's
    ``time_precision`` reads its ``event_date`` (:func:`analysis.io.acled.date_ranges`): the day; the week around
    it; its month. A row whose precision does not read is taken at its day, as the file writes it; one whose day
    does not read has none (NaT).

    Examples
    --------
    >>> rows = pd.DataFrame({"event_date": pd.to_datetime(["2020-03-29", "2020-04-15", None]),
    ...                      "time_precision": pd.array([2, None, 3], dtype="Int64")})
    >>> [f"{a:%d %b}-{b:%d %b}" if pd.notna(a) else "none" for a, b in zip(*date_spans(rows))]
    ['26 Mar-01 Apr', '15 Apr-15 Apr', 'none']
    """
    dates = pd.to_datetime(rows["event_date"])
    read = (pd.to_numeric(rows["time_precision"], errors="coerce") if "time_precision" in rows.columns
            else pd.Series(np.nan, index=rows.index))
    read = read.where(read.isin(schema.TIME_PRECISION), 1).astype("int64")
    precision = pd.Series(pd.Categorical(read, categories=schema.TIME_PRECISION), index=rows.index)
    start, end, _ = date_ranges(dates.dt.normalize(), precision)
    return start.where(dates.notna()), end.where(dates.notna())


def _dtype(name: str) -> str:
    return {"line": "int64", "event_date": "datetime64[ns]", "time_precision": "Int64", "fatalities": "Int64",
            "cut_off": "bool"}.get(
        name, "string")


__all__ = ["COLUMNS", "TEXT_FIELDS", "date_spans", "readable_dropped"]
