"""What each document contributes: corroboration, conflicting claims, events per document."""

from __future__ import annotations

import pandas as pd

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
