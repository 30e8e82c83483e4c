"""What each document contributes: corroboration, conflicting claims, cited passages."""

from __future__ import annotations

import html

import pandas as pd

from .io.coded import TableArg, document_text, load_sources

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


def highlight_quotes(doc_id: str, reports: pd.DataFrame, *, sources: TableArg = None) -> str:
    """Render a document as HTML with every cited passage highlighted.

    Each passage quoted by a report row is wrapped in ``<mark>`` whose
    ``title`` names the events it supports; overlapping passages are merged
    into one highlight naming all their events. All text is HTML-escaped, so
    markup in a document or a quote shows as text.

    Parameters
    ----------
    doc_id : str
        The document to render.
    reports : DataFrame
        Report rows (with ``doc_id``, ``quote``, ``event_id``); rows of other
        documents are ignored. Any table with those columns works, e.g.
        casualties or troop levels.
    sources : DataFrame, path or None, default None
        The sources table; None for the packaged one.

    Returns
    -------
    str
        An HTML fragment: ``<div class="document">`` with one ``<p>`` per
        paragraph.

    Raises
    ------
    DataError
        If ``doc_id`` is not in the sources table.
    """
    sources = sources if isinstance(sources, pd.DataFrame) else load_sources(sources)
    text = document_text(doc_id, sources=sources)
    cited = reports[reports["doc_id"] == doc_id]
    spans: list[tuple[int, int, set[str]]] = []
    for quote, event_id in zip(cited["quote"], cited["event_id"]):
        start = text.find(quote) if isinstance(quote, str) and quote else -1
        if start >= 0:
            spans.append((start, start + len(quote), {str(event_id)}))
    spans.sort()
    merged: list[tuple[int, int, set[str]]] = []
    for start, end, ids in spans:
        if merged and start < merged[-1][1]:
            last_start, last_end, last_ids = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_ids | ids)
        else:
            merged.append((start, end, ids))
    pieces: list[str] = []
    position = 0
    for start, end, ids in merged:
        pieces.append(html.escape(text[position:start]))
        title = html.escape(", ".join(sorted(ids)), quote=True)
        pieces.append(f'<mark title="{title}">{html.escape(text[start:end])}</mark>')
        position = end
    pieces.append(html.escape(text[position:]))
    body = "".join(pieces)
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return '<div class="document">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"
