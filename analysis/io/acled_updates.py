"""ACLED exports kept up to date: several exports combined, ACLED's deletions applied, two exports compared.

ACLED revises events after it publishes them: each row carries the Unix
time of its last change (``timestamp``), a later export may hold a newer
version of an event, and ACLED publishes the events it has deleted (a list
of ``event_id_cnty`` and ``deleted_timestamp``). :func:`combine_acled`
keeps, for each event, the row with the latest ``timestamp``;
:func:`apply_deletions` removes the events deleted after their row's last
change; :func:`compare_acled` says what changed between two exports. None
drops a row silently: each returns, beside its frame, a ledger of every row
it left out and why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

import numpy as np
import pandas as pd

from ..schema import Column
from ..text import refusal
from .acled import ACTOR_TYPES, load_acled
from .acled_layouts import interaction_names
from .problems import file_error, not_found, warn
from .rules import check_columns
from .text_table import checker_for, read_text_table

PathLike = Union[str, Path]
ExportLike = Union[str, Path, pd.DataFrame]

#: The columns of ACLED's list of deleted events, and their rules.
DELETION_COLUMNS: tuple[Column, ...] = (
    Column("event_id_cnty", "id", meaning="The deleted event's identifier."),
    Column("deleted_timestamp", "int", meaning="Unix time of the deletion."),
)
#: The fields :func:`compare_acled` compares, in this order: dates, type, actors, place, fatalities, text.
COMPARED_FIELDS: tuple[str, ...] = (
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
    "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting", "location", "admin1", "admin2",
    "admin3", "latitude", "longitude", "geo_precision", "fatalities", "notes", "source", "source_scale", "tags",
)


def _id_column(frame: pd.DataFrame) -> str:
    """Return the column holding ACLED's event identifier: ``event_id_cnty``, as :func:`load_acled` keeps it, or
    ``event_id`` (the same value) in a frame without it."""
    for name in ("event_id_cnty", "event_id"):
        if name in frame.columns:
            return name
    raise ValueError("the frame has no event_id_cnty (or event_id) column; load it with analysis.load_acled")


def _seconds(values: pd.Series) -> np.ndarray:
    """Return Unix seconds of a ``timestamp`` column, text of digits or a datetime column."""
    if pd.api.types.is_datetime64_any_dtype(values):
        stamps = pd.to_datetime(values, utc=True)
        return ((stamps - pd.Timestamp(0, tz="UTC")) // pd.Timedelta(seconds=1)).to_numpy(dtype=np.int64)
    return pd.to_numeric(values).to_numpy(dtype=np.int64)


def _as_frame(export: ExportLike, **options) -> pd.DataFrame:
    return export if isinstance(export, pd.DataFrame) else load_acled(export, **options)


# --- several exports -------------------------------------------------------------------------

@dataclass(frozen=True)
class CombinedExports:
    """What :func:`combine_acled` kept of each export and what it replaced.

    ``files`` has one row per export: ``file``, ``records`` (rows loaded),
    ``kept`` and ``superseded`` (``records == kept + superseded``), and
    ``dropped``, the invalid records :func:`load_acled` left out with
    ``invalid="drop"`` (listed in that file's ``attrs["dropped"]``, here
    ``dropped_rows``).
    ``superseded`` has one row per row left out: ``event_id_cnty``, the
    ``file`` and ``timestamp`` of the row left out, and the ``kept_file``
    and ``kept_timestamp`` of the row that replaced it.
    """

    files: pd.DataFrame
    superseded: pd.DataFrame
    #: each export's :class:`~analysis.io.problems.DroppedRows` (None where nothing was dropped), by file
    dropped_rows: dict | None = None


def combine_acled(paths: Sequence[ExportLike], **options) -> pd.DataFrame:
    """Combine several ACLED exports, keeping for each event the row with the latest ``timestamp``.

    Parameters
    ----------
    paths : sequence of str, Path or DataFrame
        The exports, oldest first: each a file :func:`load_acled` reads
        (with ``options``) or a frame it returned. Where two rows of an
        event have the same ``timestamp``, the one from the later export in
        this order is kept.
    **options
        Passed to :func:`load_acled` for each file (``region``,
        ``dayfirst``, ``invalid``, ...).

    Returns
    -------
    DataFrame
        One row per event, in the exports' order (each event where its kept
        row stands), with the columns of :func:`load_acled`: every export's
        columns (the first one's in its order, another's after the column it
        follows there), missing in the rows of an export that lacks them,
        and ``interaction`` written one way (an older export's codes as
        names, where they meet a current export's names); one
        :class:`ExportColumnsWarning` names the columns an export lacks and
        says when ``interaction`` was written as names.
        ``frame.attrs["combined"]`` is a :class:`CombinedExports`: per file,
        rows read, kept and superseded, and every superseded row.

    Examples
    --------
    The files stand for an analyst's exports, so this is not run by the tests::

        events = combine_acled(["iraq_2024-01.csv", "iraq_2024-06.csv"])
        events.attrs["combined"].files
        #                file  records  kept  superseded  dropped
        # 0  iraq_2024-01.csv     5210  5101         109        0
        # 1  iraq_2024-06.csv     4978  4978           0        0
    """
    if isinstance(paths, (str, Path, pd.DataFrame)) or not len(paths):
        raise ValueError("combine_acled takes a list of exports (paths or frames), at least one")
    frames = [_as_frame(p, **options) for p in paths]
    names = _export_names(paths, frames)
    combined = _stacked(frames, names)
    source = np.repeat(np.arange(len(frames)), [len(f) for f in frames])
    stamps = _seconds(combined["timestamp"])
    order = pd.DataFrame({"id": combined[_id_column(combined)].astype(object).to_numpy(), "stamp": stamps,
                          "source": source, "row": np.arange(len(combined))})
    keep, kept_row = _latest_rows(order)
    out = combined[keep].reset_index(drop=True)
    superseded = _superseded_rows(order, keep, kept_row, names, stamps)
    out.attrs.update(path=", ".join(names), source_format="acled",
                     combined=CombinedExports(files=_files_ledger(frames, names, source, keep), superseded=superseded,
                                              dropped_rows={n: f.attrs.get("dropped") for n, f in zip(names, frames)}))
    return out


def _export_names(paths: Sequence[ExportLike], frames: list[pd.DataFrame]) -> list[str]:
    """Return the name of each export: its path, or a frame's ``attrs["path"]`` (``frame 2`` where it has none)."""
    return [f.attrs.get("path", f"frame {i + 1}") if isinstance(p, pd.DataFrame) else str(p)
            for i, (p, f) in enumerate(zip(paths, frames))]


class ExportColumnsWarning(UserWarning):
    """Combined exports do not all have the same columns (an older and a current export, say): each column is kept,
    missing in the rows of the exports that lack it."""


def _stacked(frames: list[pd.DataFrame], names: list[str]) -> pd.DataFrame:
    """Return the rows of every frame, one after another, with every frame's columns (in the first one's order, a
    column of a later one after the column it follows there), missing in the rows of the frames that lack it, and
    ``interaction`` written one way; warn when the columns differ."""
    columns = _column_union(frames)
    lacking = []
    parts = []
    for frame, name in zip(frames, names):
        absent = [c for c in columns if c not in frame.columns]
        if absent:
            lacking.append(f"{name} lacks {', '.join(absent)} (missing in its {len(frame):,} rows)")
        part = frame.copy()
        for column in absent:
            part[column] = _missing(next(f[column].dtype for f in frames if column in f.columns), part.index)
        part = part[columns]
        part.attrs = {}
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    said = []
    if lacking:
        said.append("the combined exports have different columns; each is kept, missing in the rows of an export "
                    "that lacks it: " + "; ".join(lacking))
    if "interaction" in out.columns:
        values = out["interaction"]
        named = interaction_names(values, ACTOR_TYPES)
        if named is not values and (named == values)[values.notna()].any():  # codes beside names
            out["interaction"] = named
            said.append(("" if lacking else "the combined exports write interaction two ways: ")
                        + "interaction's two-digit codes (of an older export) are written as names, as the others "
                        "write them ('12' as 'State forces-Rebel group')")
    if said:
        warn("; ".join(said), ExportColumnsWarning)
    return out


def _missing(dtype, index: pd.Index) -> pd.Series:
    """Return a column of missing values of ``dtype`` (its nullable form: a missing true/false or whole number is
    missing, not True or a decimal), for the rows of an export that lacks the column."""
    if pd.api.types.is_bool_dtype(dtype):
        dtype = pd.BooleanDtype()
    elif pd.api.types.is_integer_dtype(dtype) and not isinstance(dtype, pd.api.extensions.ExtensionDtype):
        dtype = pd.Int64Dtype()
    return pd.Series(pd.NA, index=index, dtype=dtype)


def _column_union(frames: list[pd.DataFrame]) -> list[str]:
    """Return every column of the frames: the first one's in its order, each other one after the column it follows
    in the first frame that has it."""
    columns = list(frames[0].columns)
    for frame in frames[1:]:
        previous = None
        for column in frame.columns:
            if column not in columns:
                columns.insert(columns.index(previous) + 1 if previous is not None else 0, column)
            previous = column
    return columns


def _latest_rows(order: pd.DataFrame) -> tuple[np.ndarray, pd.Series]:
    """Return which rows of ``order`` (``id``, ``stamp``, ``source``, ``row``) are kept, the latest of each event
    (by ``stamp``, then the later export, then the later row), and the row kept, by event id."""
    latest = order.sort_values(["id", "stamp", "source", "row"], kind="stable").drop_duplicates("id", keep="last")
    kept_row = pd.Series(latest["row"].to_numpy(), index=latest["id"].to_numpy())
    keep = np.zeros(len(order), dtype=bool)
    keep[latest["row"].to_numpy()] = True
    return keep, kept_row


def _superseded_rows(order: pd.DataFrame, keep: np.ndarray, kept_row: pd.Series, names: list[str],
                     stamps: np.ndarray) -> pd.DataFrame:
    """Return one row per row left out: its event, file and timestamp, and the file and timestamp of the row kept."""
    left = order[~keep]
    winner = kept_row.loc[left["id"].to_numpy()].to_numpy()
    source = order["source"].to_numpy()
    return pd.DataFrame({
        "event_id_cnty": left["id"].to_numpy(),
        "file": [names[s] for s in left["source"]],
        "timestamp": left["stamp"].to_numpy(),
        "kept_file": [names[s] for s in source[winner]],
        "kept_timestamp": stamps[winner],
    })


def _files_ledger(frames: list[pd.DataFrame], names: list[str], source: np.ndarray, keep: np.ndarray) -> pd.DataFrame:
    """Return, per export, the rows loaded, kept, superseded and dropped by :func:`load_acled` as invalid."""
    records = np.bincount(source, minlength=len(frames))
    kept = np.bincount(source[keep], minlength=len(frames))
    dropped = [len(f.attrs["dropped"]) if "dropped" in f.attrs else 0 for f in frames]
    return pd.DataFrame({"file": names, "records": records, "kept": kept, "superseded": records - kept,
                         "dropped": dropped})


# --- deletions -------------------------------------------------------------------------------

@dataclass(frozen=True)
class DeletionsApplied:
    """What :func:`apply_deletions` did.

    ``removed`` has one row per event removed (``event_id_cnty``, the row's
    ``timestamp``, ``deleted_timestamp``); ``kept_newer`` one per listed
    event kept because its row changed after the deletion; ``absent`` counts
    the listed events the frame does not hold.
    """

    removed: pd.DataFrame
    kept_newer: pd.DataFrame
    absent: int


def read_deletions(path: PathLike) -> pd.DataFrame:
    """Read ACLED's list of deleted events (CSV, or JSON as the API returns it) and check it.

    Parameters
    ----------
    path : str or Path
        The file of deletions: CSV with ``event_id_cnty`` and
        ``deleted_timestamp`` columns, or JSON as ACLED's API returns it.

    Returns
    -------
    DataFrame
        ``event_id_cnty`` (string) and ``deleted_timestamp`` (Int64), one row
        per record, in file order; other columns are dropped.

    Raises
    ------
    DataError
        If a column is missing, an ``event_id_cnty`` is empty, or a
        ``deleted_timestamp`` is not a whole number; the message names the
        file, line, column and value.
    """
    from .acled_formats import read_json

    path = Path(path)
    if not path.is_file():
        raise not_found(path)
    names = [c.name for c in DELETION_COLUMNS]
    if path.suffix.lower() == ".json":
        table = read_json(path)
        missing = [n for n in names if n not in table.header]
        if missing:
            raise file_error(path, f"is not a list of ACLED deletions: it lacks {', '.join(missing)}; expected "
                                   f"the fields {', '.join(names)}", line=2, column=", ".join(missing))
    else:
        table = read_text_table(path, required=names)
    checker = checker_for(table)
    check_columns(table, DELETION_COLUMNS, checker)
    checker.raise_if_any()
    frame = table.frame
    return pd.DataFrame({
        "event_id_cnty": frame["event_id_cnty"].astype("string"),
        "deleted_timestamp": pd.to_numeric(frame["deleted_timestamp"]).astype("Int64"),
    })


def apply_deletions(events: pd.DataFrame, deletions: PathLike | pd.DataFrame) -> pd.DataFrame:
    """Remove the events ACLED deleted after their row's last change.

    An event listed with a ``deleted_timestamp`` later than its row's
    ``timestamp`` is removed; one whose row changed at or after the deletion
    (ACLED restored or re-coded it) is kept. An event listed more than once
    counts by its latest deletion.

    Parameters
    ----------
    events : DataFrame
        A frame :func:`load_acled` or :func:`combine_acled` returned.
    deletions : str, Path or DataFrame
        ACLED's list of deleted events: a CSV or JSON file read by
        :func:`read_deletions`, or its frame.

    Returns
    -------
    DataFrame
        ``events`` without the deleted events, in the same order;
        ``frame.attrs["deletions"]`` is a :class:`DeletionsApplied` listing
        every removed event (rows in equal rows out plus rows removed).

    Examples
    --------
    Not run by the tests (the files stand for an analyst's own)::

        events = apply_deletions(load_acled("iraq.csv"), "acled_deleted.csv")
        len(events.attrs["deletions"].removed)
    """
    listed = deletions if isinstance(deletions, pd.DataFrame) else read_deletions(deletions)
    latest = listed.groupby(listed["event_id_cnty"].astype(object))["deleted_timestamp"].max()
    ident = _id_column(events)
    ids = events[ident].astype(object)
    deleted_at = ids.map(latest)
    on_list = deleted_at.notna().to_numpy()
    stamps = _seconds(events["timestamp"])
    deleted = np.where(on_list, deleted_at.fillna(0).to_numpy(dtype=np.int64), 0)
    remove = on_list & (deleted > stamps)
    newer = on_list & ~remove

    def ledger(mask):
        return pd.DataFrame({"event_id_cnty": ids[mask].to_numpy(), "timestamp": stamps[mask],
                             "deleted_timestamp": deleted[mask]})

    out = events[~remove].reset_index(drop=True)
    out.attrs = {**events.attrs, "deletions": DeletionsApplied(
        removed=ledger(remove), kept_newer=ledger(newer), absent=int(len(latest) - ids[on_list].nunique()))}
    return out


# --- two exports compared --------------------------------------------------------------------

@dataclass(frozen=True)
class ExportChanges:
    """What changed from one export to another, by ``event_id_cnty``.

    ``added`` are the rows of the events only the new export holds;
    ``deleted`` the rows of the events only the old export holds that fall
    within the new export's dates (its first to its last ``event_date``),
    which the new export would hold had ACLED kept them; ``outside`` the
    old export's other rows, dated outside the new export's dates, of which
    the new export says nothing (exports of two periods, or of two queries,
    differ there without any deletion); ``changed`` has one row per field
    that differs in an event both hold: ``event_id_cnty``, ``field``,
    ``old``, ``new`` (as text; empty where missing). The old export's rows
    are ``deleted``, ``outside`` or held by both.
    """

    added: pd.DataFrame
    deleted: pd.DataFrame
    changed: pd.DataFrame
    outside: pd.DataFrame = field(default_factory=pd.DataFrame)


def _text(values: pd.Series) -> pd.Series:
    """Return values as comparable text: days as YYYY-MM-DD, missing as empty."""
    if pd.api.types.is_datetime64_any_dtype(values):
        values = values.dt.strftime("%Y-%m-%d")
    return values.astype(object).where(values.notna(), "").astype(str)


def compare_acled(old: ExportLike, new: ExportLike, *, fields: str | Sequence[str] | None = None,
                  **options) -> ExportChanges:
    """Compare two exports event by event: the events added, deleted and changed, with the fields that changed.

    Parameters
    ----------
    old, new : str, Path or DataFrame
        The earlier and the later export: files :func:`load_acled` reads
        (with ``options``) or frames it returned.
    fields : str, sequence of str or None, default None
        The field or fields compared, each a column of both exports (a name that is
        not is refused, with the closest names); None for those of
        ``COMPARED_FIELDS`` (dates, types, actors, place, fatalities, notes
        and sources) that both have.
    **options
        Passed to :func:`load_acled` for a file (``invalid=``, say).

    Returns
    -------
    ExportChanges
        ``added``, ``deleted`` (rows; deleted: only within the new export's
        dates), ``outside`` (the old export's rows outside them, which the
        new export cannot say were deleted) and ``changed`` (one row per
        event and field that differ, sorted by event and in the order of
        ``fields``).

    Examples
    --------
    Not run by the tests::

        changes = compare_acled("iraq_2024-01.csv", "iraq_2024-06.csv")
        changes.changed.query("field == 'fatalities'")
    """
    before, after = _as_frame(old, **options), _as_frame(new, **options)
    id_old, id_new = _id_column(before), _id_column(after)
    old_ids, new_ids = before[id_old].astype(object), after[id_new].astype(object)
    for which, ids in (("old", old_ids), ("new", new_ids)):
        if ids.duplicated().any():
            raise ValueError(f"the {which} export repeats event {ids[ids.duplicated()].iloc[0]!r}; "
                             "compare exports with one row per event (combine_acled keeps the latest)")
    added = after[~new_ids.isin(old_ids)].reset_index(drop=True)
    only_old = ~old_ids.isin(new_ids).to_numpy()
    within = _within_dates(before, after)
    deleted = before[only_old & within].reset_index(drop=True)
    outside = before[only_old & ~within].reset_index(drop=True)
    both = pd.Index(new_ids[new_ids.isin(old_ids)])
    a = before.set_axis(old_ids.to_numpy()).loc[both]
    b = after.set_axis(new_ids.to_numpy()).loc[both]
    parts = []
    shared = [name for name in after.columns if name in before.columns]
    if fields is None:
        fields = [name for name in COMPARED_FIELDS if name in shared]
    elif isinstance(fields, str):  # one field, not its letters
        fields = [fields]
    unknown = [name for name in fields if name not in shared]
    if unknown:  # a misspelt field would compare nothing and report no change
        raise ValueError(refusal("fields", unknown, shared, "is not a column of both exports"))
    for rank, name in enumerate(fields):
        was, now = _text(a[name]).to_numpy(), _text(b[name]).to_numpy()
        differ = was != now
        if differ.any():
            parts.append(pd.DataFrame({"event_id_cnty": both[differ], "field": name, "old": was[differ],
                                       "new": now[differ], "_rank": rank}))
    columns = ["event_id_cnty", "field", "old", "new"]
    if parts:
        changed = pd.concat(parts, ignore_index=True)
        position = pd.Series(np.arange(len(both)), index=both)
        changed["_order"] = position.loc[changed["event_id_cnty"]].to_numpy()
        changed = changed.sort_values(["_order", "_rank"], kind="stable")[columns].reset_index(drop=True)
    else:
        changed = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return ExportChanges(added=added, deleted=deleted, changed=changed.astype("string"), outside=outside)


def _within_dates(before: pd.DataFrame, after: pd.DataFrame) -> np.ndarray:
    """Return, per row of ``before``, whether its day lies within ``after``'s first to last day (``event_date``;
    ``date_start`` in a frame without it); every row where either frame has no day to go by."""
    column = next((c for c in ("event_date", "date_start") if c in before.columns and c in after.columns), None)
    if column is None:
        return np.ones(len(before), dtype=bool)
    days, span = pd.to_datetime(before[column]), pd.to_datetime(after[column])
    if span.isna().all():
        return np.ones(len(before), dtype=bool)
    return (days.isna() | days.between(span.min(), span.max())).to_numpy(dtype=bool)


__all__ = ["combine_acled", "ExportColumnsWarning", "apply_deletions", "read_deletions", "compare_acled", "CombinedExports",
           "DeletionsApplied", "ExportChanges", "COMPARED_FIELDS", "DELETION_COLUMNS"]
