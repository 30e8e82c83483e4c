"""The coder's words as a reader reads them: reports by outlet and date, events by their number, disputed points
in plain words.

The coded data speak the coder's language: ``document 001`` for the report of
April 2020, ``EV035`` for the 35th event, ``claim_field actor`` for a claim on
who did it, ``RT023`` for a row of the reported totals. The pages name a report
by its outlet and date and an event by the number it carries on the timeline
and in every table (:func:`analysis.stats.selection.event_keys`); this module
is where those names are written, for the tables and for the coder's notes
shown in a page's "How this was coded" part.
"""

from __future__ import annotations

import re

import pandas as pd

from ...stats.selection import event_keys
from ...text import describe_dates

#: Each point a claim can be about (the reports' ``claim_field``, :data:`analysis.schema.CLAIM_FIELDS`), in words.
POINT_WORDS: dict[str, str] = {
    "date": "when",
    "actor": "who did it",
    "location": "where",
    "fatalities": "how many were killed",
    "casualties": "who was killed or wounded",
    "projectiles": "how many rockets",
    "occurred": "whether it happened",
    "status": "how things stood",
    "reason": "why",
}

#: A reference to one document or several ("document 001", "Documents 000 and 002", "documents 000, 001, 002,
#: 003"), or a document's number alone in brackets ("'near' (000)"); one pattern, so a name put in is not read again.
_DOCUMENTS = re.compile(r"\b([Dd])ocuments? (\d{3}(?:(?:, and |, | and )\d{3})*)\b|\((\d{3})\)")
_NUMBER = re.compile(r"\d{3}")
#: An event's id that ends in its number ("EV035"), the form of the coded data's ids.
_EVENT_ID = re.compile(r"\bEV0*(\d+)\b")
#: The coder's terms in the notes, in words (applied in this order).
_TERMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\breported_totals \(RT\d+\)"), "the reported totals (notebook 02)"),
    (re.compile(r" \(RT\d+\)"), ""),
    (re.compile(r"\bRT\d+\b"), "another reported total"),
    (re.compile(r"\bdate_basis\b"), "how the dates follow from the reports"),
    (re.compile(r"\bdate_start\b"), "the start date"),
    (re.compile(r"\bevent_date\b"), "the date drawn on the timeline"),
)
_CLAIM = re.compile(r"\breports, claim_field (\w+)\b")


def point_words(point: object) -> str:
    """Say what a claim is about: ``"actor"`` -> ``"who did it"``; a point this module does not know, as it is.

    Examples
    --------
    >>> point_words("actor"), point_words("reason"), point_words("weather")
    ('who did it', 'why', 'weather')
    """
    return POINT_WORDS.get(str(point), str(point))


def document_references(sources: pd.DataFrame | None) -> dict[str, str]:
    """Name each document, by the number that starts its id, as a sentence cites it.

    ``"Military Times (16-20 Mar 2020)"``, or ``"the report of 29 Mar 2020"``
    where the text names no outlet; two that would read the same keep their
    numbers apart (``"the report of Apr 2020 (001)"``).

    Examples
    --------
    >>> sources = pd.DataFrame({"doc_id": ["000_a", "002_b"], "outlet": [None, "Military Times"],
    ...                         "published_start": pd.to_datetime(["2020-03-29", "2020-03-16"]),
    ...                         "published_end": pd.to_datetime(["2020-03-29", "2020-03-20"])})
    >>> document_references(sources)
    {'000': 'the report of 29 Mar 2020', '002': 'Military Times (16-20 Mar 2020)'}
    """
    if sources is None or sources.empty:
        return {}
    numbers = sources["doc_id"].astype("string").str.split("_").str[0].tolist()
    names = []
    for outlet, start, end in zip(sources["outlet"], sources["published_start"], sources["published_end"]):
        dates = describe_dates(start, end)
        names.append(f"{outlet} ({dates})" if isinstance(outlet, str) and outlet.strip() else f"the report of {dates}")
    repeated = pd.Series(names).duplicated(keep=False).tolist()
    return {number: f"{name} ({number})" if twice else name for number, name, twice in zip(numbers, names, repeated)}


def plain_notes(text: object, sources: pd.DataFrame | None) -> object:
    """Write the coder's references in a note as a reader reads them; a missing note stays missing.

    Documents become their outlet and date (:func:`document_references`),
    ``EV035`` becomes "event 35" (its number on the pages), and the coder's
    column names and row ids become words. A document number the sources
    table does not hold is left as written.

    Examples
    --------
    >>> sources = pd.DataFrame({"doc_id": ["000_a", "002_b"], "outlet": [None, "Military Times"],
    ...                         "published_start": pd.to_datetime(["2020-03-29", "2020-03-16"]),
    ...                         "published_end": pd.to_datetime(["2020-03-29", "2020-03-20"])})
    >>> plain_notes("Documents 000 and 002 tell it; the same strike as EV003 (see date_basis).", sources)
    'The report of 29 Mar 2020 and Military Times (16-20 Mar 2020) tell it; the same strike as event 3 (see how the dates follow from the reports).'
    >>> plain_notes("Three bases (document 007; reports, claim_field actor); 'near' (000).", sources)
    "Three bases (document 007; claims on who did it); 'near' (the report of 29 Mar 2020)."
    """
    if not isinstance(text, str):
        return text
    names = document_references(sources)

    def documents(match: re.Match[str]) -> str:
        if match.group(3) is not None:  # a number alone in brackets
            return f"({names.get(match.group(3), match.group(3))})"
        numbers = _NUMBER.findall(match.group(2))
        if not all(number in names for number in numbers):
            return match.group(0)
        named = _NUMBER.sub(lambda number: names[number.group(0)], match.group(2))
        return named[:1].upper() + named[1:] if match.group(1) == "D" else named

    text = _DOCUMENTS.sub(documents, text)
    text = _EVENT_ID.sub(lambda match: f"event {int(match.group(1))}", text)
    text = _CLAIM.sub(lambda match: f"claims on {point_words(match.group(1))}", text)
    for pattern, words in _TERMS:
        text = pattern.sub(words, text)
    return text


def numbered(events: pd.DataFrame, listed: pd.DataFrame) -> pd.DataFrame:
    """Show a table's events by the number they carry on the pages (``number``, first), not by the coder's id.

    ``listed`` has an ``event_id`` column; it is replaced by ``number``
    (:func:`analysis.stats.selection.event_keys` of ``events``), or dropped
    where ``listed`` already numbers its events.

    Examples
    --------
    >>> events = pd.DataFrame({"event_id": ["EV035", "EV003"]})
    >>> numbered(events, pd.DataFrame({"event_id": ["EV003"], "what": ["a strike"]})).to_dict("records")
    [{'number': 3, 'what': 'a strike'}]
    """
    if "event_id" not in listed.columns:
        return listed
    out = listed.copy()
    if "number" not in out.columns:
        keys = pd.Series(event_keys(events).to_numpy(), index=events["event_id"].astype("string").to_numpy())
        out.insert(0, "number", pd.array(keys.reindex(out["event_id"].astype("string")).to_numpy(), dtype="Int64"))
    return out.drop(columns="event_id")


def headlines_of(events: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """Each listed event's headline (missing where the data have none), in the order of ``ids``."""
    by_id = events.set_index(events["event_id"].astype("string"))
    if "headline" not in by_id.columns:
        return pd.Series(pd.NA, index=range(len(ids)), dtype="string")
    by_id = by_id[~by_id.index.duplicated()]
    return by_id["headline"].astype("string").reindex(ids.astype("string")).reset_index(drop=True)
