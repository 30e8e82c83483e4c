"""What the notebooks work on: the coded documents or an ACLED export, in a window and an area.

Each notebook of the report starts with :func:`notebook_data` on its
parameters (``DATA``, ``START``, ``END``, ``AREA``) and works on the
:class:`NotebookData` it returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .._frames import as_timestamp
from ..io.acled import load_acled
from ..io.coded import load_dataset
from ..stats.selection import select_events
from ..text import describe_dates, in_words

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

    @property
    def default_run(self) -> bool:
        """True for the coded documents with no window and no area: the run the notebooks' sentences describe."""
        return self.coded and self.start is None and self.end is None and self.area is None

    @property
    def source_line(self) -> str:
        """Name the data under every chart: the coded reports and their dates, or the ACLED file."""
        if not self.coded or self.sources is None:
            return f"Source: ACLED, {self.source_name.removeprefix('the ACLED file ')}"
        first, last = self.sources["published_start"].min(), self.sources["published_end"].max()
        months = f"{first:%b}-{last:%b %Y}" if first.year == last.year else f"{first:%b %Y}-{last:%b %Y}"
        return f"Source: {in_words(len(self.sources))} news reports, {months}; coded in this project"

    def headline(self, finding: str, otherwise: str) -> str:
        """Return a chart's title: the finding for the default run, else a title that holds for any data.

        The notebooks' sentences, the findings in chart titles among them,
        describe the default run (:attr:`default_run`); with other data or
        a window they would not hold, so the chart says what it shows
        instead.
        """
        return finding if self.default_run else otherwise

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
        export (CSV or Parquet), read with :func:`analysis.io.acled.load_acled`.
    start, end : date-like or None, default None
        Window (see :func:`analysis.stats.selection.select_events`); dated tables (troop levels,
        reported totals) are kept where their dates overlap it.
    area : str, sequence of str or None, default None
        Governorate(s) or country name(s) (see :func:`analysis.stats.selection.select_events`).

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
    >>> data = notebook_data(start="2020-03-01", end="2020-03-31")
    >>> data.coded, data.place_column
    (True, 'base_id')
    >>> data.summary()  # doctest: +ELLIPSIS
    '... events from the 5 coded documents, 1 Mar 2020 to 31 Mar 2020.'
    """
    start_, end_ = as_timestamp(start, "start"), as_timestamp(end, "end")
    area_text = None if area is None else (area if isinstance(area, str) else ", ".join(area))
    if data is None or (isinstance(data, str) and not data.strip()):
        dataset = load_dataset()
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
    path = Path(str(data))
    events = select_events(load_acled(path), start=start_, end=end_, area=area).reset_index(drop=True)
    return NotebookData(events=events, coded=False, source_name=f"the ACLED file {path.name}", start=start_,
                        end=end_, area=area_text)

