"""Load a folder of coded tables whole, and check what no single table can: the references between them.

:func:`load_dataset` reads each table with its loader in
:mod:`analysis.io.coded` (which checks the table and the tables it refers
to), then checks that every event has a report and that every borrowed date
bound names an event or a document the dataset has. The packaged dataset is
read once per process, and again when one of its files changes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

import pandas as pd

from .. import schema
from . import coded
from .coded import (
    PathLike,
    load_bases,
    load_casualties,
    load_events,
    load_reported_totals,
    load_reports,
    load_sources,
    load_troop_levels,
)
from .csv_scan import record_lines
from .problems import build_error, not_found


@dataclass(frozen=True)
class Dataset:
    """Every coded table, loaded and checked against each other.

    Made by :func:`load_dataset`; each table as its own loader returns it.

    Parameters
    ----------
    sources : DataFrame
        The documents (:func:`load_sources`).
    bases : DataFrame
        The bases and places (:func:`load_bases`).
    events : DataFrame
        The events (:func:`load_events`).
    reports : DataFrame
        The evidence: one quote per event and document (:func:`load_reports`).
    casualties : DataFrame
        Killed and wounded per event (:func:`load_casualties`).
    troop_levels : DataFrame
        Reported troop numbers (:func:`load_troop_levels`).
    reported_totals : DataFrame
        Totals the documents give (:func:`load_reported_totals`).
    documents : Path
        The folder of the sources' documents (for :func:`document_text`).
    """

    sources: pd.DataFrame
    bases: pd.DataFrame
    events: pd.DataFrame
    reports: pd.DataFrame
    casualties: pd.DataFrame
    troop_levels: pd.DataFrame
    reported_totals: pd.DataFrame
    #: The folder of the sources' documents (for :func:`document_text`).
    documents: Path


def load_dataset(folder: PathLike | None = None, *, documents: PathLike | None = None) -> Dataset:
    """Load every coded table of a folder and check the references between them.

    Parameters
    ----------
    folder : str or Path, optional
        A folder holding ``events.csv``, ``reports.csv``, ``casualties.csv``,
        ``troop_levels.csv``, ``reported_totals.csv`` and ``bases.csv``;
        None loads the packaged dataset.
    documents : str or Path, optional
        The folder holding ``sources.csv`` and the documents; by default the
        packaged documents when ``folder`` is None, else ``folder`` itself.

    Returns
    -------
    Dataset
        The seven tables as DataFrames, and the folder of the documents.

    Raises
    ------
    DataError
        If any table is invalid or refers to a row that does not exist: an
        event without a report, or a date origin (``date_start_from``,
        ``date_end_from``) naming an event or document the dataset does not
        have, or the event's own row.

    Notes
    -----
    The packaged dataset is read and checked once per process, and again when
    any of its files changes (size or modification time); each call returns its
    own copy of the tables.
    """
    if folder is None and documents is None:
        return _packaged_dataset()
    return _load_dataset(folder, documents)


#: The packaged dataset as last loaded, under the name, size and modification time of each packaged file.
_packaged: dict[tuple, Dataset] = {}


def _packaged_dataset() -> Dataset:
    """Return a copy of the packaged dataset, loading it if it was not loaded yet or one of its files changed."""
    key = coded.packaged_key()
    if key not in _packaged:
        loaded = _load_dataset(None, None)
        _packaged.clear()
        _packaged[key] = loaded
    kept = _packaged[key]
    return replace(kept, **{field.name: getattr(kept, field.name).copy() for field in fields(kept)
                            if isinstance(getattr(kept, field.name), pd.DataFrame)})


def _load_dataset(folder: PathLike | None, documents: PathLike | None) -> Dataset:
    if folder is None:
        path_of = {name: None for name in schema.TABLES}
        documents = Path(documents) if documents else coded.packaged_documents_dir()
    else:
        folder = Path(folder)
        path_of = {name: folder / spec.file_name for name, spec in schema.TABLES.items()}
        documents = Path(documents or folder)
    #: where each table was read, for the lines of the problems found between tables
    read_from = {name: path or coded.default_path(schema.TABLES[name]) for name, path in path_of.items()}
    read_from["sources"] = documents / schema.SOURCES.file_name
    _check_files(read_from, documents)
    sources = load_sources(read_from["sources"])
    bases = load_bases(path_of["bases"], sources=sources, documents=documents)
    events = load_events(path_of["events"], bases=bases)
    reports = load_reports(path_of["reports"], events=events, sources=sources, documents=documents)
    unsupported = events.index[~events["event_id"].isin(reports["event_id"])]
    _raise_at_records(
        read_from["events"],
        [(i, "event_id", events["event_id"].iloc[i], "has no row in the reports table; every event needs at least one quoted report")
         for i in unsupported],
    )
    dataset = Dataset(
        sources=sources,
        bases=bases,
        events=events,
        reports=reports,
        casualties=load_casualties(path_of["casualties"], events=events, sources=sources, documents=documents),
        troop_levels=load_troop_levels(path_of["troop_levels"], sources=sources, documents=documents),
        reported_totals=load_reported_totals(path_of["reported_totals"], sources=sources, documents=documents),
        documents=documents,
    )
    _check_date_origins(dataset, read_from)
    return dataset


def _check_files(read_from: dict[str, Path], documents: Path) -> None:
    """Raise a DataError for the first table file that does not exist, saying which table needs it and where
    ``load_dataset`` looked for it."""
    for name, path in read_from.items():
        if Path(path).is_file():
            continue
        if name == "sources":
            needed = (f"load_dataset reads the sources table ({schema.SOURCES.file_name}) and the documents from "
                      f"the documents folder, {str(documents)!r}; pass documents= the folder that holds them "
                      f"(the package's are in {str(coded.packaged_documents_dir())!r})")
        else:
            needed = f"load_dataset reads the {name} table from the folder {str(Path(path).parent)!r}"
        raise not_found(path, needed, suggest=False)


def _raise_at_records(path: Path, problems: list[tuple[int, str, object, str]]) -> None:
    """Raise one DataError for (record, column, value, rule) problems of the table loaded from ``path``, if any."""
    if not problems:
        return
    lines = record_lines(path)
    raise build_error(path, [(lines[i], column, value, rule) for i, column, value, rule in problems])


def _check_date_origins(dataset: Dataset, read_from: dict[str, Path]) -> None:
    """Raise if a date origin names an event or a document the dataset lacks, or the row itself (``read_from``: each
    table's file, by name)."""
    targets = {"event": ("an event", "the events table", set(dataset.events["event_id"])),
               "document": ("a document", "the sources table", set(dataset.sources["doc_id"]))}
    for name in ("events", "troop_levels", "reported_totals"):
        frame = getattr(dataset, name)
        own = list(frame["event_id"]) if "event_id" in frame else [None] * len(frame)
        problems = []
        for column in ("date_start_from", "date_end_from"):
            for i, (origin, own_id) in enumerate(zip(frame[column], own)):
                kind, _, ref = str(origin).partition(" ")
                if kind not in targets:
                    continue
                what, where, ids = targets[kind]
                if ref not in ids:
                    problems.append((i, column, origin, f"names {what} that is not in {where}"))
                elif kind == "event" and ref == own_id:
                    problems.append((i, column, origin, "names the row's own event; a borrowed bound comes from another event"))
        _raise_at_records(read_from[name], problems)


__all__ = ["Dataset", "load_dataset"]
