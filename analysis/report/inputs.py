"""What the notebooks work on: the coded documents or an ACLED export, in a window and an area.

Each notebook of the report starts with :func:`notebook_data` on its
parameters (``DATA``, ``START``, ``END``, ``AREA``, ``ATTACKS``, ``TARGET``)
and works on the :class:`NotebookData` it returns. Everything a run shares
between notebooks (which events are attacks, the colour of each place) is
computed here from the data, so every notebook of a run computes the same.
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
from ..stats.highlights import top_values
from ..stats.selection import AttackSelection, attack_selection, select_events
from ..text import describe_dates, in_words, join_words
from ..viz.style import GROUP_COLORS, group_palette

#: Environment variable naming a folder where a report build keeps each ACLED file it has checked,
#: so the notebooks of one run (each in its own kernel) read and validate the file once.
CACHE_ENV = "ANALYSIS_REPORT_CACHE"

#: The country of the coded events.
CODED_COUNTRY = "Iraq"
CODED_ISO = 368


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
    selection: AttackSelection = AttackSelection()
    default: bool = False
    file_countries: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        """True for the committed default run: the coded documents, every event, no parameter set."""
        return self.default

    @property
    def attacks(self) -> pd.DataFrame:
        """The events counted as attacks (:attr:`selection`), index reset."""
        return self.events.loc[self.selection.mask(self.events).to_numpy()].reset_index(drop=True)

    @property
    def countries(self) -> list[str]:
        """The countries of the events, most events first (the coded events: Iraq)."""
        if self.coded or "country" not in self.events.columns:
            return [CODED_COUNTRY]
        if self.events.empty:
            return list(self.file_countries)
        return _countries(self.events)

    @property
    def country(self) -> str | None:
        """The country with the most events (None if the file names none)."""
        return self.countries[0] if self.countries else None

    @property
    def iso(self) -> object:
        """The ISO 3166-1 numeric code of :attr:`country`, where the data give one (ACLED's ``iso``)."""
        if self.coded:
            return CODED_ISO
        if "iso" not in self.events.columns or "country" not in self.events.columns or not self.country:
            return None
        codes = self.events.loc[self.events["country"].astype("string") == self.country, "iso"].dropna()
        return codes.iloc[0] if len(codes) else None

    @property
    def place(self) -> str:
        """Where the run looks, for titles: the area given, else the country (or the first countries)."""
        if self.area:
            return self.area
        names = self.countries
        if len(names) > 3:
            return f"{join_words(names[:3] + ['others'])}"
        return join_words(names) or "the file's area"

    @property
    def period_text(self) -> str:
        """The window in words ("1 January 2025 to 31 March 2026"); "at any date" with no window and no events.

        Without ``START`` or ``END``, the first or last event date (ACLED's
        ``event_date``, the middle of a range known only to a week or month).
        """
        dates = self.events["event_date"] if len(self.events) else pd.Series([], dtype="datetime64[ns]")
        first = self.start if self.start is not None else (dates.min() if len(dates) else None)
        last = self.end if self.end is not None else (dates.max() if len(dates) else None)
        if first is None and last is None:
            return "at any date"
        if last is None:
            return f"from {describe_dates(first, first, long=True)}"
        if first is None:
            return f"up to {describe_dates(last, last, long=True)}"
        return f"{describe_dates(first, first, long=True)} to {describe_dates(last, last, long=True)}"

    @property
    def palette(self) -> dict[str, str]:
        """Colour of each place of :attr:`place_column`: the places with the most events, then "other".

        Computed from all the events of the run, so every notebook (each in
        its own kernel) gives a place the same colour. Events with no place
        are drawn with the other places, as "other".
        """
        column = self.place_column
        if column not in self.events.columns or self.events.empty:
            return group_palette([])
        named = self.events[column].dropna()
        groups = top_values(named, n=len(GROUP_COLORS))
        return group_palette([g for g in groups.index if g != "other"])

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
        """True for the committed default run: the coded documents, every event, no parameter set.

        The run the notebooks' hand-written sentences describe; the same as :attr:`is_default`.
        """
        return self.default

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


def _overlapping(table: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    mask = np.ones(len(table), dtype=bool)
    if start is not None:
        mask &= (table["date_end"] >= start).to_numpy()
    if end is not None:
        mask &= (table["date_start"] <= end).to_numpy()
    return table.loc[mask].reset_index(drop=True)


def load_checked(path: Path) -> pd.DataFrame:
    """Load an ACLED file with :func:`load_acled`, once per report build.

    When the build names a cache folder (environment variable
    :data:`CACHE_ENV`), the checked frame is kept there as Parquet, keyed by
    the file's path, size and modification time, and the next notebook of the
    run reads it back instead of parsing and checking the file again. Without
    the variable (a notebook opened by hand), the file is simply loaded. The
    frame is kept as a pickle (every dtype comes back as it was), written
    and read only by the build's own kernels, in its temporary folder.
    """
    import hashlib
    import os

    folder = os.environ.get(CACHE_ENV)
    if not folder:
        return load_acled(path)
    stat = path.resolve().stat()
    key = hashlib.sha256(f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:24]
    cached = Path(folder) / f"{key}.pickle"
    if cached.is_file():
        return pd.read_pickle(cached)
    events = load_acled(path)
    cached.parent.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".partial")
    events.to_pickle(partial)
    partial.replace(cached)
    return events


def _countries(events: pd.DataFrame) -> list[str]:
    if "country" not in events.columns:
        return []
    return [c for c in top_values(events["country"], n=10**6).index if c != "not known"]


def levels_in_window(levels: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    """Keep the troop levels of a window, and carry in the last one stated before it for each force.

    A window shows what the reports say within it, and also the last
    figure stated before it starts (for each force), which is still the
    latest reported figure on the window's first day; those rows get
    ``carried_in`` True.

    Examples
    --------
    >>> levels = pd.DataFrame({"force": ["US", "US", "UK"], "level_id": ["a", "b", "c"],
    ...                        "date_start": pd.to_datetime(["2020-02-06", "2020-04-01", "2020-04-01"]),
    ...                        "date_end": pd.to_datetime(["2020-02-06", "2020-04-30", "2020-04-30"])})
    >>> levels_in_window(levels, pd.Timestamp("2020-03-01"), pd.Timestamp("2020-03-31"))[["level_id", "carried_in"]].values.tolist()
    [['a', True]]
    """
    inside = _overlapping(levels, start, end).assign(carried_in=False)
    if start is None:
        return inside
    before = levels[levels["date_end"] < start].sort_values(["date_end", "date_start"], kind="stable")
    last = before.groupby("force", observed=True, sort=True).tail(1).assign(carried_in=True)
    out = pd.concat([last, inside], ignore_index=True)
    return out.sort_values(["date_start", "date_end", "level_id"], kind="stable").reset_index(drop=True)


def notebook_data(
    data: object = None,
    *,
    start: object = None,
    end: object = None,
    area: str | Sequence[str] | None = None,
    attacks: str | Sequence[str] | None = None,
    target: str | Sequence[str] | None = None,
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
        Governorate(s) or country name(s) (see :func:`analysis.stats.selection.select_events`);
        several in one string are separated by ``;`` (``"Baghdad;Kirkuk"``).
    attacks, target : str, sequence of str or None, default None
        Which events count as attacks, and on whom (the ``ATTACKS`` and
        ``TARGET`` parameters, see :func:`analysis.stats.selection.attack_selection`).
        None: the coded category "militia attack" for the coded data;
        ACLED's Battles and Explosions/Remote violence, on any target, for
        an ACLED file.

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
        If ``start`` or ``end`` is not a date, or ``attacks`` names no ACLED type.

    Examples
    --------
    >>> data = notebook_data(start="2020-03-01", end="2020-03-31")
    >>> data.coded, data.place_column
    (True, 'base_id')
    >>> data.summary()  # doctest: +ELLIPSIS
    '... events from the 5 coded documents, 1 Mar 2020 to 31 Mar 2020.'
    """
    start_, end_ = as_timestamp(start, "start"), as_timestamp(end, "end")
    if isinstance(area, str) and ";" in area:
        area = [part.strip() for part in area.split(";") if part.strip()]
    area_text = None if area is None else (area if isinstance(area, str) else ", ".join(area))
    coded = data is None or (isinstance(data, str) and not data.strip())
    selection = attack_selection(attacks, target, coded=coded)
    if coded:
        default = start_ is None and end_ is None and area is None and selection.default
        dataset = load_dataset()
        events = select_events(dataset.events, start=start_, end=end_, area=area).reset_index(drop=True)
        kept = dataset.events["event_id"].isin(events["event_id"])
        kept_ids = set(dataset.events.loc[kept, "event_id"])
        return NotebookData(
            events=events, coded=True, source_name=f"the {len(dataset.sources)} coded documents",
            start=start_, end=end_, area=area_text,
            casualties=dataset.casualties[dataset.casualties["event_id"].isin(kept_ids)].reset_index(drop=True),
            reports=dataset.reports[dataset.reports["event_id"].isin(kept_ids)].reset_index(drop=True),
            troop_levels=dataset.troop_levels if default else levels_in_window(dataset.troop_levels, start_, end_),
            reported_totals=_overlapping(dataset.reported_totals, start_, end_),
            bases=dataset.bases, sources=dataset.sources, selection=selection, default=default,
        )
    path = Path(str(data))
    every = load_checked(path)
    events = select_events(every, start=start_, end=end_, area=area).reset_index(drop=True)
    return NotebookData(events=events, coded=False, source_name=f"the ACLED file {path.name}", start=start_,
                        end=end_, area=area_text, selection=selection, file_countries=tuple(_countries(every)))

