"""Which of the rows an export's loading left out (``invalid="drop"``) a run would have counted, as far as can be
read of them (:func:`analysis.io.dropped.readable_dropped`): its window, area and target."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

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


__all__ = ["of_the_run"]
