"""Which of the rows an export's loading left out (``invalid="drop"``) a run would have counted, as far as can be
read of them (:func:`analysis.io.dropped.readable_dropped`): its window, area and target; and the days each can be
on, as its ``time_precision`` reads its date."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .. import schema
from ..io.acled import date_ranges
from .selection import in_area
from .targets import involving


def of_the_run(rows: pd.DataFrame, *, start: object = None, end: object = None,
               area: Sequence[str] | None = None, target: str | Sequence[str] | None = None) -> np.ndarray:
    """Mark the rows of :func:`analysis.io.dropped.readable_dropped` that a run would have counted, as far as can be read: dated in
    its window (``start`` to ``end``, either open), in its ``area`` (:func:`analysis.stats.selection.in_area`) and
    involving its ``target`` (:func:`analysis.stats.targets.involving`). A row whose day does not read is not
    marked, nor one whose place does not read where an area is asked.

    Examples
    --------
    >>> rows = pd.DataFrame({"event_date": pd.to_datetime(["2020-03-29", None, "2020-04-15"]),
    ...                      "admin1": ["Kirkuk", "Kirkuk", None], "country": ["Iraq", "Iraq", None]})
    >>> of_the_run(rows, start="2020-03-01", area=["kirkuk"]).tolist()
    [True, False, False]
    """
    dates = pd.to_datetime(rows["event_date"])
    marked = dates.notna().to_numpy(copy=True)
    if start is not None:
        marked &= (dates >= pd.Timestamp(start)).to_numpy()
    if end is not None:
        marked &= (dates <= pd.Timestamp(end)).to_numpy()
    if area:
        marked &= in_area(rows, area)
    return marked & involving(rows, target)


def date_spans(rows: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The first and last day each row of :func:`analysis.io.dropped.readable_dropped` can be on, as ACLED's
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


__all__ = ["date_spans", "of_the_run"]
