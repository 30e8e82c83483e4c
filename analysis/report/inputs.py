"""What the notebooks work on: the coded documents or an ACLED export, in a window and an area.

Each notebook of the report starts with :func:`notebook_data` on its
parameters (the options of :mod:`analysis.report.options`, read with the same
parsers) and works on the :class:`NotebookData` it returns. Everything a run
shares between notebooks (which events are attacks, the colour of each place)
is computed here from the data, so every notebook of a run computes the same.

A report build checks its data once, before any notebook runs
(:func:`analysis.report.checks.check_run`), and keeps the checked events in a
file of its own that every notebook then reads (the ``CHECKED`` parameter,
:func:`write_checked`, :func:`read_checked`).
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pandas as pd

from .. import schema
from ..errors import DroppedRowsWarning
from ..io.acled import load_acled
from ..io.dataset import load_dataset
from ..io.dropped import readable_dropped
from ..stats.caveats import export_date
from ..stats.dropped import of_the_run
from ..stats.evidence import told_beforehand, unnamed_outlets
from ..stats.highlights import top_values
from ..stats.selection import in_confrontation, select_events
from ..stats.targets import AttackSelection, attack_selection, involving
from ..text import describe_dates, in_words, join_words
from ..viz.style import GROUP_COLORS, group_palette
from .options import (
    CHECKED,
    OPTIONS,
    OptionError,
    is_default_run,
    read_parameter,
)

#: Key of the checked copy's schema metadata: JSON naming the file it was checked from.
CHECKED_METADATA = b"analysis.report.checked"

#: The file beside an ACLED run's report that holds the run's events in full, as CSV (its tables list a few dozen).
EVENTS_FILE = "events.csv"
#: The file beside an ACLED run's report that lists the rows of the file ``INVALID=drop`` left out, with their
#: lines and reasons (:func:`analysis.report.checks.write_dropped`).
DROPPED_FILE = "dropped.csv"
#: The file beside a report with COMPARE that holds every link of the comparison, with its measurements.
LINKS_FILE = "links.csv"
#: The files a build may write beside the pages and their notebooks.
DATA_FILES: tuple[str, ...] = (EVENTS_FILE, DROPPED_FILE, LINKS_FILE)

#: The country of the coded events.
CODED_COUNTRY = "Iraq"
CODED_ISO = 368


@dataclass(frozen=True)
class NotebookData:
    """What a notebook works on: the events of the window and area, and the tables that go with them.

    For an ACLED file, only ``events`` is there; the tables that only the
    coded documents have (casualties, reports, troop levels, reported
    totals, bases, sources) are None, and ``coded`` is False.

    ``reports`` holds the passages that attest their events; a passage of a
    document out before its event could have happened (a plan or a forecast,
    :func:`analysis.stats.evidence.told_beforehand`) is in ``forecasts``
    instead, so that every count of the reports behind an event, and every
    dispute, is of the reports that attest it.
    """

    events: pd.DataFrame
    coded: bool
    source_name: str
    start: pd.Timestamp | None
    end: pd.Timestamp | None
    area: str | None
    casualties: pd.DataFrame | None = None
    reports: pd.DataFrame | None = None
    #: passages told before their event (:func:`analysis.stats.evidence.told_beforehand`), apart from ``reports``
    forecasts: pd.DataFrame | None = None
    troop_levels: pd.DataFrame | None = None
    reported_totals: pd.DataFrame | None = None
    bases: pd.DataFrame | None = None
    sources: pd.DataFrame | None = None
    selection: AttackSelection = AttackSelection()
    default: bool = False
    file_countries: tuple[str, ...] = ()
    dropped: int = 0
    #: what can still be read of those rows (:func:`analysis.io.dropped.readable_dropped`); None for the coded data
    dropped_rows: pd.DataFrame | None = None
    #: an ACLED file's date: its latest ``timestamp``, of the whole file (:func:`analysis.stats.caveats.export_date`)
    exported: pd.Timestamp | None = None
    #: the first and last day of the whole file's (or the coded data's) events, before the window and the area
    file_span: tuple[pd.Timestamp, pd.Timestamp] | None = None

    @property
    def is_default(self) -> bool:
        """True for the committed default run: no parameter set (:func:`analysis.report.options.is_default_run`)."""
        return self.default

    @property
    def attacks(self) -> pd.DataFrame:
        """The events counted as attacks (:attr:`selection`), index reset."""
        return self.events.loc[self.selection.mask(self.events).to_numpy()].reset_index(drop=True)

    @cached_property
    def escalation_events(self) -> pd.DataFrame:
        """The events the escalation score counts, selected once for the chart, its table and its words: those of the
        confrontation (:func:`analysis.stats.selection.in_confrontation`), without the coded fight against the
        Islamic State; an ACLED file's events all (the same frame)."""
        keep = in_confrontation(self.events).to_numpy()
        return self.events if keep.all() else self.events.loc[keep]

    @cached_property
    def countries(self) -> list[str]:
        """The countries of the events, most events first (the coded events: Iraq); counted once (every title asks)."""
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
    def date_rule(self) -> str:
        """How this run places an event in time (:data:`analysis.stats.selection.DATE_RULES`).

        ``"range"`` for the coded data (every day a date can fall on, counted
        as certain, possible and expected); ``"event_date"`` for an ACLED
        file, whose events are selected and counted on their ``event_date``
        as ACLED's own tools count them, so its totals match theirs.
        """
        return "range" if self.coded else "event_date"

    @property
    def window(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """First and last day to show: the window given, else the events' extent (by :attr:`date_rule`)."""
        low, high = ("date_start", "date_end") if self.date_rule == "range" else ("event_date", "event_date")
        first = self.start if self.start is not None else (self.events[low].min() if len(self.events) else None)
        last = self.end if self.end is not None else (self.events[high].max() if len(self.events) else None)
        return first, last

    @property
    def covered(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """The days the data cover, where a chart marks a first or last period they cover in part: the window given;
        without one, for the coded reports the days they can speak of (:data:`analysis.schema.SCOPE_START` to the last
        report's publication), in which the weeks of the first and last events are whole; for an ACLED file its
        events' extent (:attr:`window`)."""
        first, last = self.window
        if self.coded and self.sources is not None and len(self.sources):
            first = first if self.start is not None else pd.Timestamp(schema.SCOPE_START)
            last = last if self.end is not None else self.sources["published_end"].max()
        return first, last

    @property
    def default_run(self) -> bool:
        """Deprecated name of :attr:`is_default`."""
        warnings.warn("NotebookData.default_run is deprecated; use is_default", DeprecationWarning, stacklevel=2)
        return self.default

    @property
    def file_name(self) -> str:
        """The ACLED file the run reads, by its name as the pages give it (no folder): :attr:`source_name` without
        "the ACLED file "."""
        return self.source_name.removeprefix("the ACLED file ")

    @property
    def source_line(self) -> str:
        """Name the data under every chart: the outlets of the coded reports and their months, or the ACLED file.

        A chart that draws some events only names the reports that describe them (:meth:`source_line_of`).

        Examples
        --------
        >>> notebook_data().source_line
        'Source: news reports by Associated Press, Military Times, The Media Line and two by unnamed outlets, Feb-Jul 2020; coded by this project'
        """
        return self.source_line_of(None)

    def source_line_of(self, rows: pd.DataFrame | None) -> str:
        """Name the data under a chart of ``rows``: the coded reports they come from (their ``doc_id``), or that
        describe them (events, by ``event_id``); every report for None, or where none is found; or the ACLED file.

        Examples
        --------
        >>> data = notebook_data()
        >>> data.source_line_of(data.events[data.selection(data.events)])  # the attacks: none is in the AP report
        'Source: news reports by Military Times, The Media Line and two by unnamed outlets, Mar-Jul 2020; coded by this project'
        >>> data.source_line_of(data.troop_levels)  # the troop figures: two reports give any
        'Source: news reports by Associated Press and one by an unnamed outlet, Feb-Apr 2020; coded by this project'
        """
        if not self.coded or self.sources is None:
            return f"Source: ACLED, {self.file_name}"
        sources = self.sources
        if rows is not None and "doc_id" in rows.columns:
            describing = rows["doc_id"]
        elif rows is not None and self.reports is not None:
            describing = self.reports.loc[self.reports["event_id"].isin(rows["event_id"]), "doc_id"]
        else:
            describing = sources["doc_id"].iloc[:0]
        sources = sources[sources["doc_id"].isin(describing)] if len(describing) else sources
        first, last = sources["published_start"].min(), sources["published_end"].max()
        months = f"{first:%b}-{last:%b %Y}" if first.year == last.year else f"{first:%b %Y}-{last:%b %Y}"
        return f"Source: news reports by {named_outlets(sources)}, {months}; coded by this project"

    def headline(self, finding: str, otherwise: str) -> str:
        """Return a chart's title: the finding for the default run, else a title that holds for any data.

        The notebooks' sentences, the findings in chart titles among them,
        describe the default run (:attr:`is_default`); with other data or
        a window they would not hold, so the chart says what it shows
        instead.
        """
        return finding if self.default else otherwise

    def summary(self) -> str:
        """Say in one sentence what the notebook shows."""
        first, last = self.window
        span = f", {describe_dates(first, first)} to {describe_dates(last, last)}" if first is not None else ""
        where = f", in {self.area}" if self.area else ""
        count = len(self.events)
        dropped = (f" ({self.dropped:,} invalid row{'' if self.dropped == 1 else 's'} of the file left out)"
                   if self.dropped else "")
        return f"{count:,} event{'' if count == 1 else 's'} from {self.source_name}{dropped}{span}{where}."


def named_outlets(sources: pd.DataFrame) -> str:
    """Name the outlets of a sources table in order of publication, and count the reports that name none, in the
    words of every document's name (:func:`analysis.stats.evidence.unnamed_outlets`).

    Examples
    --------
    >>> frame = pd.DataFrame({"outlet": ["AP", None, "AP", None, "The Media Line"],
    ...                       "published_start": pd.to_datetime(["2020-02-06", "2020-03-29", "2020-03-01",
    ...                                                          "2020-04-01", "2020-06-06"])})
    >>> named_outlets(frame)
    'AP, The Media Line and two by unnamed outlets'
    >>> named_outlets(frame.iloc[[0, 1]]), named_outlets(frame.iloc[[1, 3]])
    ('AP and one by an unnamed outlet', 'unnamed outlets')
    """
    ordered = sources.sort_values("published_start", kind="stable")
    outlets = ordered["outlet"].astype("string")
    named = list(dict.fromkeys(str(name) for name in outlets.dropna() if str(name).strip()))
    unnamed = len(ordered) - int(outlets.fillna("").str.strip().ne("").sum())
    if unnamed:
        # "news reports by unnamed outlets" where no report names one
        named.append(f"{in_words(unnamed)} by {unnamed_outlets(unnamed)}" if named else unnamed_outlets(unnamed))
    return join_words(named)


def _overlapping(table: pd.DataFrame, start: pd.Timestamp | None, end: pd.Timestamp | None) -> pd.DataFrame:
    mask = np.ones(len(table), dtype=bool)
    if start is not None:
        mask &= (table["date_end"] >= start).to_numpy()
    if end is not None:
        mask &= (table["date_start"] <= end).to_numpy()
    return table.loc[mask].reset_index(drop=True)


def write_checked(events: pd.DataFrame, path: str | Path, *, source: str | Path, dropped: int = 0,
                  dropped_rows: pd.DataFrame | None = None) -> Path:
    """Keep a checked ACLED file's events for the notebooks of a build: an Arrow IPC file (Feather v2).

    The file holds the frame :func:`analysis.io.acled.load_acled` returned,
    every dtype as it was, and in its schema metadata, under
    :data:`CHECKED_METADATA`, JSON naming the ``source`` file (its absolute
    path, size and modification time), how many invalid rows were left
    out and those rows as the loader listed them. :func:`read_checked` reads it back.

    Parameters
    ----------
    events : DataFrame
        The checked events.
    path : str or Path
        Where to write.
    source : str or Path
        The ACLED file they were read from.
    dropped : int, default 0
        Rows of the file left out (``invalid="drop"``).
    dropped_rows : DataFrame or None, default None
        Those rows, as the loader lists them (:attr:`LoadedData.dropped_rows`); None for none.

    Returns
    -------
    Path
        ``path``.
    """
    import pyarrow as pa
    import pyarrow.feather as feather

    source = Path(source).resolve()
    stat = source.stat()
    note = {"source": str(source), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "dropped": int(dropped)}
    if dropped_rows is not None and len(dropped_rows):  # text and line numbers: kept as the loader listed them
        rows = dropped_rows.astype(object).where(dropped_rows.notna(), None)
        note["dropped_rows"] = {"columns": [str(c) for c in rows.columns], "rows": rows.to_numpy().tolist()}
    frame = events.copy(deep=False)
    frame.attrs = {}
    table = pa.Table.from_pandas(frame, preserve_index=False)
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), CHECKED_METADATA: json.dumps(note).encode()})
    path = Path(path)
    feather.write_feather(table, str(path))
    return path


def read_checked(path: str | Path, source: str | Path) -> "LoadedData":
    """Read the events :func:`write_checked` kept; return them, the number of invalid rows left out and those rows,
    as :func:`load_data` returns them from the file.

    Raises
    ------
    ValueError
        If there is no such file, or it was not written by :func:`write_checked` from
        ``source`` as it is now (another file, or the file changed since it was checked).
    """
    import pyarrow.feather as feather

    if not Path(path).is_file():
        raise ValueError(f"{CHECKED}={str(path)!r}: no such file (a build removes its copy when it ends); "
                         f"set {CHECKED} = None to read the file itself")
    table = feather.read_table(str(path))
    note = json.loads((table.schema.metadata or {}).get(CHECKED_METADATA, b"null"))
    source = Path(source).resolve()
    stat = source.stat()
    if not isinstance(note, dict) or [note.get("source"), note.get("size"), note.get("mtime_ns")] != [
            str(source), stat.st_size, stat.st_mtime_ns]:
        raise ValueError(f"{CHECKED}={str(path)!r} is not the checked copy of {source} as it is now; "
                         f"set {CHECKED} = None to read the file itself")
    events = table.to_pandas()
    events.attrs.update({"path": str(source), "source_format": "acled"})
    kept = note.get("dropped_rows")
    rows = None if not kept else pd.DataFrame(kept["rows"], columns=kept["columns"], dtype=object).astype(
        {"line": "int64"})
    return LoadedData(events, int(note.get("dropped", 0)), rows)


class LoadedData(NamedTuple):
    """An ACLED file's events as :func:`load_data` read them, and the invalid rows ``INVALID=drop`` left out."""

    events: pd.DataFrame
    #: how many rows were left out
    dropped: int
    #: the rows left out, with their lines and reasons (:class:`analysis.io.problems.DroppedRows`' table); None for none
    dropped_rows: pd.DataFrame | None


def load_data(data: Path, invalid: str | None = None, dayfirst: bool | None = None) -> LoadedData:
    """Load and check an ACLED file (``INVALID``, ``DAYFIRST``); return its events and the invalid rows left out, as
    the loader's ledger gives them.

    The loader's warning about left-out rows is not repeated: the count is returned, for the pages to say.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DroppedRowsWarning)
        events = load_acled(data, invalid=invalid or "raise", dayfirst=dayfirst)
    ledger = events.attrs.get("dropped")  # the loader's documented ledger, read where the file is loaded
    rows = ledger.table if ledger is not None and len(ledger) else None
    return LoadedData(events, 0 if rows is None else len(rows), rows)


def read_export(values: Mapping[str, object], name: str = "DATA") -> LoadedData:
    """Load the ACLED file of option ``name`` (``DATA`` or ``COMPARE``) with every option that says how it is read
    (:attr:`analysis.report.options.Option.reads`: ``INVALID`` for ``DATA``, ``DAYFIRST`` for both), given as
    :func:`load_data`'s keyword of the same name; the one load of both files.

    ``values`` are the options read (:func:`analysis.report.options.read_parameter`), by name.
    """
    return load_data(values[name], **{option.name.lower(): values.get(option.name)
                                      for option in OPTIONS if name in option.reads})


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
    invalid: str | None = None,
    dayfirst: str | bool | None = None,
    checked: str | Path | None = None,
) -> NotebookData:
    """Load what the notebooks show: the coded documents, or an ACLED export, in a window and an area.

    Every argument is the notebook parameter of the same name in capitals,
    read as the report's option is (:func:`analysis.report.options.read_parameter`):
    text as on the command line, names separated by ``;``.

    Parameters
    ----------
    data : str, Path or None, default None
        None for the packaged coded dataset; else the path of an ACLED
        export, read with :func:`analysis.io.acled.load_acled`.
    start, end : str (YYYY-MM-DD), date or None, default None
        Window (see :func:`analysis.stats.selection.select_events`); dated tables (troop levels,
        reported totals) are kept where their dates overlap it.
    area : str, sequence of str or None, default None
        Governorate(s) or country name(s) (see :func:`analysis.stats.selection.select_events`);
        several in one string are separated by ``;`` (``"Baghdad;Kirkuk"``).
    attacks : str, sequence of str or None, default None
        Which events count as attacks (see :func:`analysis.stats.targets.attack_selection`).
        None: the coded category "militia attack" for the coded data;
        ACLED's Battles and Explosions/Remote violence for an ACLED file.
    target : str, sequence of str or None, default None
        Attacks on whom: names searched as plain text in ``actor2`` and
        ``assoc_actor_2`` (:func:`analysis.stats.targets.target_mask`); None: any target.
    invalid : {"raise", "drop"} or None, default None
        For an ACLED file: "drop" leaves out the rows that break a rule
        (:attr:`NotebookData.dropped` counts them); None or "raise" refuses the file.
    dayfirst : {"true", "false"}, bool or None, default None
        For an ACLED file whose numeric dates cannot tell their order (no day above 12): "true" reads them day
        first, "false" month first (:func:`analysis.io.acled.load_acled`'s ``dayfirst``); None: as the dates tell.
    checked : str, Path or None, default None
        The copy of ``data`` a report build checked (:func:`write_checked`),
        read instead of ``data``; None reads ``data``.

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
    OptionError
        If an argument is refused as the report's option would be.

    Examples
    --------
    >>> data = notebook_data(start="2020-03-01", end="2020-03-31")
    >>> data.coded, data.place_column
    (True, 'base_id')
    >>> data.summary()  # doctest: +ELLIPSIS
    '... events from the 5 coded documents, 1 Mar 2020 to 31 Mar 2020.'
    """
    values = {"DATA": data, "INVALID": invalid, "DAYFIRST": dayfirst, "START": start, "END": end, "AREA": area,
              "ATTACKS": attacks, "TARGET": target}
    values = {name: read_parameter(name, value) for name, value in values.items()}
    default = is_default_run(values)
    path, names = values["DATA"], values["TARGET"]
    start_, end_ = (None if values[n] is None else pd.Timestamp(values[n]) for n in ("START", "END"))
    area_names = values["AREA"]
    area_text = None if area_names is None else ", ".join(area_names)
    coded = path is None
    selection = attack_selection(values["ATTACKS"], names, coded=coded)
    if coded:
        dataset = load_dataset()
        events = select_events(dataset.events, start=start_, end=end_, area=area_names)
        events = events.loc[involving(events, selection.target)].reset_index(drop=True)  # every page follows TARGET
        kept = dataset.events["event_id"].isin(events["event_id"])
        kept_ids = set(dataset.events.loc[kept, "event_id"])
        reports = dataset.reports[dataset.reports["event_id"].isin(kept_ids)]
        beforehand = told_beforehand(reports, dataset.sources, dataset.events)
        return NotebookData(
            events=events, coded=True, source_name=f"the {len(dataset.sources)} coded documents",
            start=start_, end=end_, area=area_text,
            casualties=dataset.casualties[dataset.casualties["event_id"].isin(kept_ids)].reset_index(drop=True),
            reports=reports[~beforehand].reset_index(drop=True), forecasts=reports[beforehand].reset_index(drop=True),
            troop_levels=dataset.troop_levels if default else levels_in_window(dataset.troop_levels, start_, end_),
            reported_totals=_overlapping(dataset.reported_totals, start_, end_),
            bases=dataset.bases, sources=dataset.sources, selection=selection, default=default,
            file_span=_span(dataset.events["date_start"], dataset.events["date_end"]),
        )
    every, dropped, ledger = read_checked(checked, path) if checked else read_export(values)
    events = select_events(every, start=start_, end=end_, area=area_names, dates="event_date")
    events = events.loc[involving(events, selection.target)].reset_index(drop=True)  # every page follows TARGET
    return NotebookData(events=events, coded=False, source_name=f"the ACLED file {path.name}", start=start_,
                        end=end_, area=area_text, selection=selection, file_countries=tuple(_countries(every)),
                        dropped=dropped, dropped_rows=_read_dropped(ledger, values, selection.target),
                        exported=export_date(every),
                        file_span=_span(every["event_date"], every["event_date"]))


def _read_dropped(ledger: pd.DataFrame | None, values: dict, target: object) -> pd.DataFrame:
    """What can still be read of the rows left out (:func:`analysis.io.dropped.readable_dropped`), read as the
    file was (``DAYFIRST``), and ``of_the_run``: whether the run's window, area and target would take each."""
    rows = readable_dropped(ledger, dayfirst=values["DAYFIRST"])
    return rows.assign(of_the_run=of_the_run(rows, start=values["START"], end=values["END"], area=values["AREA"],
                                             target=target))


def _span(first: pd.Series, last: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first of ``first`` and the last of ``last``; None where there is no date."""
    first, last = first.min(), last.max()
    return None if pd.isna(first) or pd.isna(last) else (pd.Timestamp(first), pd.Timestamp(last))


def compared_export(compare: object, checked: str | Path | None = None, *, dayfirst: str | bool | None = None
                    ) -> pd.DataFrame:
    """Load the ACLED export of ``COMPARE`` as the file of ``DATA`` is loaded (:func:`read_export`: ``DAYFIRST``
    reads its numeric dates), or the copy of it a report build checked (``COMPARE_CHECKED``).

    Raises
    ------
    DataError
        If the file is invalid.
    OptionError
        If ``compare`` is refused as the option would be, or not given.
    """
    path = read_parameter("COMPARE", compare)
    if path is None:
        raise OptionError("COMPARE: give the path of an ACLED export to compare the coded events with")
    values = {"COMPARE": path, "DAYFIRST": read_parameter("DAYFIRST", dayfirst)}
    return read_checked(checked, path).events if checked else read_export(values, "COMPARE").events
