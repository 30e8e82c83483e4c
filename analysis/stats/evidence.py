"""What each document contributes: corroboration, conflicting claims, events per document; and ACLED's sources."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._frames import require_columns

_CONFLICT_COLUMNS = ["event_id", "claim_field", "claim_value", "doc_id", "claimant", "quote", "report_id"]


def list_conflicts(reports: pd.DataFrame) -> pd.DataFrame:
    """List the claims on which documents or claimants disagree.

    A conflict is an (event_id, claim_field) pair with more than one distinct
    ``claim_value`` among the report rows. Every competing row is returned, so
    the claims stand side by side.

    Parameters
    ----------
    reports : DataFrame
        A reports table (``load_reports()``).

    Returns
    -------
    DataFrame
        Columns event_id, claim_field, claim_value, doc_id, claimant, quote,
        report_id; one row per competing report, sorted by event and field.
        Empty (same columns) when nothing conflicts.

    Examples
    --------
    >>> from analysis import load_reports
    >>> conflicts = list_conflicts(load_reports())
    >>> sorted(conflicts.columns)[:3]
    ['claim_field', 'claim_value', 'claimant']
    """
    claims = reports.loc[reports["claim_field"].notna() & reports["claim_value"].notna(), _CONFLICT_COLUMNS]
    claims = claims.astype({"claim_field": "string"})
    distinct = claims.groupby(["event_id", "claim_field"])["claim_value"].transform("nunique")
    out = claims[distinct > 1].sort_values(["event_id", "claim_field", "doc_id", "report_id"], kind="stable")
    return out.reset_index(drop=True)


def corroboration(reports: pd.DataFrame) -> pd.DataFrame:
    """Count the documents that support each event.

    Parameters
    ----------
    reports : DataFrame
        A reports table.

    Returns
    -------
    DataFrame
        Columns event_id, documents (number of distinct documents) and
        doc_ids (their ids joined by ", "), one row per event, sorted by
        event_id.
    """
    grouped = reports.groupby("event_id", observed=True)["doc_id"]
    out = pd.DataFrame(
        {
            "documents": grouped.nunique(),
            "doc_ids": grouped.agg(lambda ids: ", ".join(sorted(set(ids)))),
        }
    )
    out["documents"] = out["documents"].astype("Int64")
    return out.reset_index().astype({"event_id": "string", "doc_ids": "string"})


def events_per_document(reports: pd.DataFrame) -> pd.DataFrame:
    """Count the events each document supports.

    Parameters
    ----------
    reports : DataFrame
        A reports table.

    Returns
    -------
    DataFrame
        Columns doc_id, events (distinct events cited), reports (rows), and
        only_source (events for which this is the sole document), one row per
        document, sorted by doc_id.
    """
    per_event = reports.groupby("event_id")["doc_id"].nunique()
    single = set(per_event[per_event == 1].index)
    rows = []
    for doc_id, part in reports.groupby("doc_id"):
        events = set(part["event_id"])
        rows.append({"doc_id": doc_id, "events": len(events), "reports": len(part), "only_source": len(events & single)})
    out = pd.DataFrame(rows, columns=["doc_id", "events", "reports", "only_source"])
    return out.astype({"doc_id": "string", "events": "Int64", "reports": "Int64", "only_source": "Int64"})


# --- ACLED: the sources behind the events ----------------------------------------------------

#: What separates the outlets of an ACLED ``source`` cell.
SOURCE_SEPARATOR = ";"


def _split_sources(source: pd.Series) -> tuple[np.ndarray, list[list[str]], np.ndarray]:
    """Factorize the ``source`` cells and split each distinct cell into its outlets.

    Returns each row's cell code (-1 where missing), the outlets of each
    distinct cell, and their number. ACLED repeats the same few combinations,
    so the splitting is done per cell, not per row.
    """
    codes, cells = pd.factorize(source.astype("string"))
    parts = [list(dict.fromkeys(p.strip() for p in str(cell).split(SOURCE_SEPARATOR) if p.strip())) for cell in cells]
    return codes, parts, np.array([len(p) for p in parts], dtype=np.int64)


def event_sources(events: pd.DataFrame) -> pd.DataFrame:
    """Split ACLED's ``source`` column into one row per event and outlet.

    ACLED lists every outlet behind an event in ``source``, separated by
    semicolons ("Garowe Online; Shabelle Media Network"). Outlets are
    stripped of spaces; an event with no source has no row.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` and ``source``.

    Returns
    -------
    DataFrame
        event_id, source (string), outlets (int64: how many outlets the
        event has).

    Raises
    ------
    DataError
        If ``event_id`` or ``source`` is missing.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "source": ["Radio X; Daily Y", "Radio X"]})
    >>> event_sources(frame).values.tolist()
    [['a', 'Radio X', 2], ['a', 'Daily Y', 2], ['b', 'Radio X', 1]]
    """
    require_columns(events, ["event_id", "source"])
    codes, parts, sizes = _split_sources(events["source"])
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64) if len(sizes) else sizes
    outlets = np.array([name for p in parts for name in p], dtype=object)
    rows = np.flatnonzero(codes >= 0)
    rows = rows[sizes[codes[rows]] > 0]
    cell = codes[rows]
    count = sizes[cell]
    repeated = np.repeat(rows, count)
    within = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
    rows = pd.DataFrame({
        "event_id": events["event_id"].astype("string").to_numpy()[repeated],
        "source": pd.array(outlets[np.repeat(offsets[cell], count) + within] if len(repeated) else [], dtype="string"),
        "outlets": np.repeat(count, count).astype(np.int64),
    })
    return rows[["event_id", "source", "outlets"]].reset_index(drop=True)


def sources_table(events: pd.DataFrame) -> pd.DataFrame:
    """Say which outlets stand behind how many events, and for how many they are the only source.

    Parameters
    ----------
    events : DataFrame
        Events with ``event_id`` and ``source`` (and ``source_scale``, ACLED's
        scale of the sources, where the frame has it).

    Returns
    -------
    DataFrame
        One row per outlet, most events first (then by name): source,
        events (int64), only_source (int64: events for which it is the only
        outlet), share (float64: its events over all events with a source).

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b"], "source": ["Radio X; Daily Y", "Radio X"]})
    >>> sources_table(frame)[["source", "events", "only_source"]].values.tolist()
    [['Radio X', 2, 1], ['Daily Y', 1, 0]]
    """
    rows = event_sources(events)
    with_source = rows["event_id"].nunique()
    grouped = rows.groupby("source", sort=False)
    out = pd.DataFrame({
        "events": grouped["event_id"].nunique().astype(np.int64),
        "only_source": grouped["outlets"].agg(lambda n: int((n == 1).sum())).astype(np.int64),
    }).rename_axis("source").reset_index()
    out["share"] = out["events"] / with_source if with_source else 0.0
    out["source"] = out["source"].astype("string")
    return out.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)


def outlets_per_event(events: pd.DataFrame) -> pd.DataFrame:
    """Count the events by how many outlets stand behind each: none, 1, 2, 3 or more.

    Examples
    --------
    >>> frame = pd.DataFrame({"event_id": ["a", "b", "c"], "source": ["Radio X; Daily Y", "Radio X", None]})
    >>> outlets_per_event(frame).values.tolist()
    [['none', 1], ['1', 1], ['2', 1], ['3 or more', 0]]
    """
    require_columns(events, ["event_id", "source"])
    codes, _, sizes = _split_sources(events["source"])
    per_event = np.where(codes >= 0, sizes[np.maximum(codes, 0)] if len(sizes) else 0, 0)
    labels = ["none", "1", "2", "3 or more"]
    binned = np.minimum(per_event, 3)
    return pd.DataFrame({"outlets": labels, "events": np.bincount(binned, minlength=4).astype(np.int64)})


def source_scales(events: pd.DataFrame) -> pd.DataFrame:
    """Count the events by ACLED's ``source_scale`` (local, national, international...), most first.

    Examples
    --------
    >>> frame = pd.DataFrame({"source_scale": ["National", "Local", "National", None]})
    >>> source_scales(frame).values.tolist()
    [['National', 2], ['Local', 1], ['not given', 1]]
    """
    require_columns(events, ["source_scale"])
    counts = events["source_scale"].astype("string").fillna("not given").value_counts()
    out = counts.rename_axis("source_scale").reset_index(name="events")
    out["events"] = out["events"].astype(np.int64)
    out["source_scale"] = out["source_scale"].astype("string")
    return out.sort_values(["events", "source_scale"], ascending=[False, True], kind="stable").reset_index(drop=True)
