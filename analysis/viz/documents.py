"""Show a source document as HTML, with every passage the coded tables cite highlighted."""

from __future__ import annotations

import html

import pandas as pd

from .._frames import require_input
from ..io.coded import PathLike, TableArg, document_text


def highlight_quotes(
    doc_id: str, reports: pd.DataFrame, *, sources: TableArg = None, documents: PathLike | None = None,
    events: pd.DataFrame | None = None,
) -> str:
    """Render a document as HTML with every cited passage highlighted.

    Each passage quoted by a report row is wrapped in ``<mark>`` whose
    ``title`` names the events it supports (with ``events``, each by its id
    and headline: "EV003 US strike kills Soleimani at Baghdad airport");
    overlapping passages are merged
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
    documents : str, Path or None, default None
        The folder of the documents; None for the folder of ``sources``
        (see :func:`analysis.io.coded.document_text`). Required when
        ``sources`` is a DataFrame.
    events : DataFrame or None, default None
        The events, to name each by its headline as well as its id (where
        they have a ``headline``).

    Returns
    -------
    str
        An HTML fragment: ``<div class="document">`` with one ``<p>`` per
        paragraph.

    Raises
    ------
    DataError
        If ``doc_id`` is not in the sources table, or ``sources`` is a
        DataFrame and ``documents`` is None.
    """
    require_input(reports, ["doc_id", "quote", "event_id"], taker="highlight_quotes", maker="load_reports")
    text = document_text(doc_id, sources=sources, documents=documents)
    merged = _merged_spans(_quoted_spans(text, reports[reports["doc_id"] == doc_id]))
    body = _marked_text(text, merged, _event_titles(events))
    paragraphs = [p for p in body.split("\n") if p.strip()]
    return '<div class="document">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


#: A passage of a document: its start and end offsets, and the ids of the events it supports.
_Span = tuple[int, int, set[str]]


def _quoted_spans(text: str, cited: pd.DataFrame) -> list[_Span]:
    """Where each report row's quote is found in the document's text, in order; a quote not found has none."""
    spans: list[_Span] = []
    for quote, event_id in zip(cited["quote"], cited["event_id"]):
        start = text.find(quote) if isinstance(quote, str) and quote else -1
        if start >= 0:
            spans.append((start, start + len(quote), {str(event_id)}))
    spans.sort()
    return spans


def _merged_spans(spans: list[_Span]) -> list[_Span]:
    """Join the passages that overlap into one, naming the events of all of them."""
    merged: list[_Span] = []
    for start, end, ids in spans:
        if merged and start < merged[-1][1]:
            last_start, last_end, last_ids = merged[-1]
            merged[-1] = (last_start, max(last_end, end), last_ids | ids)
        else:
            merged.append((start, end, ids))
    return merged


def _event_titles(events: pd.DataFrame | None) -> dict[str, str]:
    """Each event's headline by its id, for the events that have one."""
    if events is None or "headline" not in events.columns:
        return {}
    named = events[events["headline"].notna()]
    return dict(zip(named["event_id"].astype(str), named["headline"].astype(str)))


def _marked_text(text: str, merged: list[_Span], titles: dict[str, str]) -> str:
    """The document's text escaped for HTML, each passage in a ``<mark>`` whose title names its events."""
    pieces: list[str] = []
    position = 0
    for start, end, ids in merged:
        pieces.append(html.escape(text[position:start]))
        title = html.escape("; ".join(f"{i} {titles[i]}" if i in titles else i for i in sorted(ids)), quote=True)
        pieces.append(f'<mark title="{title}">{html.escape(text[start:end])}</mark>')
        position = end
    pieces.append(html.escape(text[position:]))
    return "".join(pieces)
