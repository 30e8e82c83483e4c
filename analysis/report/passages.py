"""The passages each event rests on, each with a sentence of context either side and its citation, as HTML.

The sources page quotes, for every event, the passages of the reports that
the coding cites for it: the passage marked, the sentence before and the
sentence after it within its paragraph, and the report it comes from
(its outlet and date of publication). The reports are never reproduced
whole, and nothing outside a cited passage's paragraph is shown (no page
furniture a scraper kept). Every text is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from ..io.coded import PathLike, TableArg, document_text
from ..stats.selection import event_keys, event_numbers
from ..text import event_dates
from .words.common import capital
from .words.plain import document_references

#: Where a sentence ends: after ., ! or ? (and a closing quote or bracket), before white space and a word that does
#: not start in lower case ("an anti-US. collection" goes on).
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?![a-z])")


@dataclass(frozen=True)
class Passage:
    """A cited passage of a report, with the sentence before and after it in its paragraph."""

    doc_id: str
    before: str
    lead: str
    quote: str
    tail: str
    after: str
    start: int


def _sentence_starts(paragraph: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(paragraph)]


def in_context(text: str, start: int, end: int) -> tuple[str, str, str, str, str]:
    """Return a passage in its context: the sentence before, the start of its own sentence, the passage, the rest
    of its sentence, the sentence after.

    Only the passage's paragraph (its line) is read.

    Examples
    --------
    >>> text = "Title line\\nOne thing. Then rockets hit the base on Friday. Nobody was hurt. Later.\\nPlease comment!"
    >>> start = text.index("rockets hit")
    >>> in_context(text, start, start + len("rockets hit the base"))
    ('One thing.', 'Then ', 'rockets hit the base', ' on Friday.', 'Nobody was hurt.')
    """
    before_start, own, own_end, after_end = _bounds(text, start, end)
    return (text[before_start:own].strip(), text[own:start].lstrip(), text[start:end], text[end:own_end].rstrip(),
            text[own_end:after_end].strip())


def _bounds(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    """Where, in ``text``, the sentence before a passage starts, its own sentence starts and ends, and the sentence
    after it ends (within the passage's paragraph, its line)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    paragraph = text[line_start:line_end]
    first, last = start - line_start, end - line_start
    starts = _sentence_starts(paragraph)
    own = max(s for s in starts if s <= first)
    following = [s for s in starts if s >= last]
    own_end = following[0] if following else len(paragraph)
    previous = [s for s in starts if s < own]
    before_start = previous[-1] if previous else own
    after_end = (following[1] if len(following) > 1 else len(paragraph)) if following else own_end
    return line_start + before_start, line_start + own, line_start + own_end, line_start + after_end


def event_passages(
    event_id: str, reports: pd.DataFrame, *, sources: TableArg = None, documents: PathLike | None = None,
    texts: Mapping[str, str] | None = None,
) -> list[Passage]:
    """List the passages an event rests on, in its context, one per sentence cited, by report and place in it.

    Parameters
    ----------
    event_id : str
        The event.
    reports : DataFrame
        Report rows (``event_id``, ``doc_id``, ``quote``).
    sources, documents
        As for :func:`analysis.io.coded.document_text`.
    texts : mapping or None, default None
        The documents' texts by id, when already read.
    """
    rows = reports[reports["event_id"].astype("string") == event_id]
    spans: list[tuple[str, int, int]] = []
    read: dict[str, str] = dict(texts or {})
    for doc_id, quote in zip(rows["doc_id"].astype(str), rows["quote"]):
        if doc_id not in read:
            read[doc_id] = document_text(doc_id, sources=sources, documents=documents)
        start = read[doc_id].find(quote) if isinstance(quote, str) and quote else -1
        if start >= 0:
            spans.append((doc_id, start, start + len(quote)))
    merged: list[tuple[str, int, int]] = []
    for doc_id, start, end in sorted(spans):
        if merged and merged[-1][0] == doc_id and start < merged[-1][2]:  # overlapping quotes: one passage
            merged[-1] = (doc_id, merged[-1][1], max(merged[-1][2], end))
        else:
            merged.append((doc_id, start, end))
    return [Passage(doc_id, *in_context(read[doc_id], start, end), start) for doc_id, start, end in merged]


def _shown_once(found: list[Passage], texts: Mapping[str, str]) -> list[tuple[str, str, list[str]]]:
    """Each stretch of a report a reader sees, once, with every passage it holds: passages of one report whose
    contexts (the sentence before, their own, the sentence after) overlap are one block with several marks, not
    the same sentences shown again for each."""
    blocks: list[list] = []  # [doc_id, context start, context end, quotes]
    for passage in found:
        text = texts[passage.doc_id]
        first, _, _, last = _bounds(text, passage.start, passage.start + len(passage.quote))
        block = blocks[-1] if blocks else None
        if block is not None and block[0] == passage.doc_id and first < block[2]:
            block[2] = max(block[2], last)
            block[3].append(passage.quote)
        else:
            blocks.append([passage.doc_id, first, last, [passage.quote]])
    return [(doc_id, texts[doc_id][first:last].strip(), quotes) for doc_id, first, last, quotes in blocks]


def _marked(context: str, quotes: list[str]) -> str:
    """The context as HTML, each quote marked where it stands (in reading order), every text escaped."""
    spans, at = [], 0
    for quote in sorted(quotes, key=context.find):
        start = context.find(quote, at)
        if start < 0:  # not in the context: cannot happen for a passage's own quote, kept whole if it does
            continue
        spans.append((start, start + len(quote)))
        at = start + len(quote)
    out, at = [], 0
    for start, end in spans:
        out.append(f"{html.escape(context[at:start])}<mark>{html.escape(context[start:end])}</mark>")
        at = end
    out.append(html.escape(context[at:]))
    return "".join(out)


def event_label(row: pd.Series, number: int) -> str:
    """Name an event for a reader: its number on the pages, its headline where the data give one (else its kind and
    place), its date: "35 · 25 rockets hit Taji, wounding three US troops (14 Mar 2020)"."""
    headline = row.get("headline")
    what = (str(headline) if isinstance(headline, str) and headline.strip()
            else f"{row['category'] if isinstance(row.get('category'), str) else row['sub_event_type']}, "
                 f"{row['location']}")
    return f"{number} \u00b7 {what} ({event_dates(row)})"


def _quotes_of(rows: pd.DataFrame, event_id: str, *, plans: bool = False) -> list[tuple[str, str, bool]]:
    """The (doc_id, quote, is a plan) of an event's report rows (``tells`` "plan" where ``plans`` and coded)."""
    mine = rows[rows["event_id"].astype("string") == event_id]
    plan = (mine["tells"].astype("string").eq("plan").fillna(False).to_numpy(dtype=bool)
            if plans and "tells" in mine.columns else [False] * len(mine))
    return [(str(doc), str(quote), bool(flag)) for doc, quote, flag in zip(mine["doc_id"], mine["quote"], plan)]


def _not_counted(doc_id: str, quotes: list[str], counted: list[tuple[str, str, bool]],
                 uncounted: list[tuple[str, str, bool]]) -> str:
    """Why a block of a report's passages does not count as a report of its event ("" where one of them does): a
    plan or forecast of it, or said before it happened, as its rows are (a passage is a row's quote, or holds it)."""
    def overlaps(quote: str, row: str) -> bool:
        return row in quote or quote in row

    if any(doc == doc_id and overlaps(q, row) for doc, row, _ in counted for q in quotes):
        return ""
    flags = {plan for doc, row, plan in uncounted if doc == doc_id and any(overlaps(q, row) for q in quotes)}
    reasons = [words for flag, words in ((True, "a plan or forecast of this event"),
                                         (False, "said before this event happened")) if flag in flags]
    return " or ".join(reasons)


def passages_html(
    events: pd.DataFrame, reports: pd.DataFrame, sources: pd.DataFrame, *, documents: PathLike | None = None,
    empty: str = "No cited passages.", beforehand: pd.DataFrame | None = None,
) -> str:
    """Show, event by event in date order, the passages each rests on: context, the passage marked, the citation.

    Parameters
    ----------
    events : DataFrame
        The events to show (``event_id``, dates, ``category``, ``location``; ``headline`` if there).
    reports : DataFrame
        Report rows (``event_id``, ``doc_id``, ``quote``).
    sources : DataFrame
        The sources table, loaded (its documents in its folder, or in ``documents``).
    documents : str, Path or None, default None
        The documents' folder (None: the packaged documents).
    empty : str, default "No cited passages."
        What to say, as plain text, when no event of ``events`` has a passage.
    beforehand : DataFrame or None, default None
        Report rows that tell of their event without attesting it
        (:func:`analysis.stats.evidence.told_beforehand`): shown with the
        event's passages, their citation saying why they do not count: a plan
        or forecast (``tells``), or a report out before the event happened.

    Returns
    -------
    str
        ``<div class="report-passages">``: for each event a heading naming
        it, then each passage as a ``<blockquote>`` (the cited passage in
        ``<mark>``) followed by its citation; or ``empty`` in a paragraph.
        Every text is escaped.
    """
    order = event_numbers(events).sort_values(kind="stable").index
    numbers = event_keys(events)  # the number each event carries on the timeline and in every table
    cited = {str(row["doc_id"]): row for _, row in sources.iterrows()}
    # each report by its outlet and dates, as every sentence of the pages names it (its title is in the table of
    # the reports, once: a title as long as an article's first line stood under each of its 19 passages)
    names = document_references(sources)
    read_from = None if documents is None else sources  # None: the packaged documents
    texts = {doc: document_text(doc, sources=read_from, documents=documents) for doc in cited}
    early = beforehand if beforehand is not None else reports.iloc[:0]
    every = pd.concat([reports, early], ignore_index=True) if len(early) else reports
    parts = ['<div class="report-passages">']
    for index, event in events.loc[order].iterrows():
        event_id = str(event["event_id"])
        found = event_passages(event_id, every, texts=texts)
        if not found:
            continue
        counted = _quotes_of(reports, event_id)
        uncounted = _quotes_of(early, event_id, plans=True)
        parts.append(f"<h4>{html.escape(event_label(event, int(numbers[index])))}</h4>")
        for doc_id, context, quotes in _shown_once(found, texts):
            cite = html.escape(capital(names.get(doc_id.split("_")[0], doc_id)))
            why = _not_counted(doc_id, quotes, counted, uncounted)
            if why:  # the report's name as everywhere, then why this passage does not count
                cite += f'<span class="told-before">, {why}: not counted as a report of it</span>'
            parts.append(f"<blockquote><p>{_marked(context, quotes)}</p></blockquote>"
                         f"<p class=\"cite\">{cite}</p>")
    if len(parts) == 1:
        parts.append(f"<p>{html.escape(empty)}</p>")
    parts.append("</div>")
    return "".join(parts)
