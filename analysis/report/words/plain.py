"""The coder's words as a reader reads them: reports by outlet and date, events by their number, disputed points
in plain words.

The coded data speak the coder's language: ``document 001`` for the report of
April 2020, ``EV035`` for the 35th event, ``claim_field actor`` for a claim on
who did it, ``RT023`` for a row of the reported totals. The pages name a report
by its outlet and date, as every table, chart and dateline does
(:func:`analysis.stats.evidence.document_names`, in the form a sentence
needs), and an event by the number it carries on the timeline and in every
table (:func:`analysis.stats.selection.event_keys`); this module puts those
names into the tables and into the coder's notes shown in a page's "How this
was coded" part.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import pandas as pd

from ...stats.evidence import document_names
from ...stats.selection import event_keys

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
_DOCUMENTS = re.compile(r"\b(?P<case>[Dd])ocuments? (?P<numbers>\d{3}(?:(?:, and |, | and )\d{3})*)\b(?P<own>'s)?"
                        r"(?P<bracket> \((?:published (?:in )?)?(?P<dates>(?:\d{1,2} (?:to \d{1,2} )?)?[A-Z][a-z]+ \d{4})"
                        r"(?:[,;] (?P<rest>[^()]*))?\))?|\((?P<alone>\d{3})\)")
#: How the coder writes a publication date after a document: "6 February 2020", "16 to 20 March 2020", "April 2020".
_DAY_RANGE = re.compile(r"(?:(\d{1,2}) (?:to (\d{1,2}) )?)?([A-Z][a-z]+ \d{4})")
_NUMBER = re.compile(r"\d{3}")
#: An event's id that ends in its number ("EV035"), the form of the coded data's ids.
_EVENT_ID = re.compile(r"\bEV0*(\d+)\b")
#: The coder's terms in the notes, in words (applied in this order).
_TERMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\breported_totals \(RT\d+\)"), "the reported totals (on the attacks page)"),
    (re.compile(r"\breported_totals\b"), "the reported totals (on the attacks page)"),
    (re.compile(r" \(RT\d+\)"), ""),
    (re.compile(r"\bRT\d+\b"), "another reported total"),
    (re.compile(r"\bdate_basis\b"), "how the dates follow from the reports"),
    # the coding's rules are the project's documentation, which a page's reader does not have: said where they apply
    (re.compile(r"by the scope convention \(see the Methods, docs/methods\.md\)"),
     "by convention, the first day of \"the spring of 2019\" in which, one report says, the attacks began"),
    (re.compile(r" \(see the Methods, docs/methods\.md\)"), ""),
    (re.compile(r"\bdate_start\b"), "the start date"),
    # ACLED's geographic precision, in words: 3, a place known only to its region; 2, only to somewhere near it
    (re.compile(r"\bgeo precision 3\b"), "a place known only to its region (ACLED's geographic precision 3)"),
    (re.compile(r"\bgeo precision 2\b"), "a place known only to be near the one named (ACLED's geographic precision 2)"),
    (re.compile(r"\bCoded at\b"), "placed at"),
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


class _Reference(NamedTuple):
    """A document as the notes cite it: its name in each form (:func:`analysis.stats.evidence.document_names`) and
    the first and last possible days of its publication."""

    sentence: str
    possessive: str
    bracketed: str
    start: pd.Timestamp
    end: pd.Timestamp


def _references(sources: pd.DataFrame | None) -> dict[str, _Reference]:
    """Each document's number -> its names and publication span."""
    if sources is None or sources.empty:
        return {}
    sentence, possessive, table = (document_names(sources, form=form) for form in ("sentence", "possessive", "table"))
    numbers = sources["doc_id"].astype("string").str.split("_").str[0]
    return {number: _Reference(*names, pd.Timestamp(start), pd.Timestamp(end))
            for number, *names, start, end in zip(numbers, sentence, possessive, table,
                                                  sources["published_start"], sources["published_end"])}


def _is_publication(words: str, start: pd.Timestamp, end: pd.Timestamp) -> bool:
    """Whether a date the coder wrote after a document ("6 February 2020", "16 to 20 March 2020", "April 2020") is
    the whole span it can have been published in."""
    match = _DAY_RANGE.fullmatch(words)
    if match is None:
        return False
    first, last, month = match.groups()
    try:
        month_start = pd.Timestamp(f"1 {month}")
    except ValueError:
        return False
    if first is None:
        span = (month_start, month_start + pd.offsets.MonthEnd(0))
    else:
        span = (month_start.replace(day=int(first)), month_start.replace(day=int(last or first)))
    return span == (start.normalize(), end.normalize())


def document_references(sources: pd.DataFrame | None) -> dict[str, str]:
    """Name each document, by the number that starts its id, as a sentence cites it.

    The sentence form of :func:`analysis.stats.evidence.document_names`:
    ``"Military Times (16-20 Mar 2020)"``, or ``"an unnamed outlet (29 Mar
    2020)"`` where the text names no outlet; two that would read the same
    keep their numbers apart (``"an unnamed outlet (Apr 2020, no. 001)"``).

    Examples
    --------
    >>> sources = pd.DataFrame({"doc_id": ["000_a", "002_b"], "outlet": [None, "Military Times"],
    ...                         "published_start": pd.to_datetime(["2020-03-29", "2020-03-16"]),
    ...                         "published_end": pd.to_datetime(["2020-03-29", "2020-03-20"])})
    >>> document_references(sources)
    {'000': 'an unnamed outlet (29 Mar 2020)', '002': 'Military Times (16-20 Mar 2020)'}
    """
    return {number: reference.sentence for number, reference in _references(sources).items()}


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
    'An unnamed outlet (29 Mar 2020) and Military Times (16-20 Mar 2020) tell it; the same strike as event 3 (see how the dates follow from the reports).'
    >>> plain_notes("Three bases (document 007; reports, claim_field actor); 'near' (000).", sources)
    "Three bases (document 007; claims on who did it); 'near' (unnamed outlet, 29 Mar 2020)."
    """
    return _plain(text, _references(sources))


def plain_notes_of(texts: Iterable[object], sources: pd.DataFrame | None) -> pd.arrays.StringArray:
    """Write each note of ``texts`` as :func:`plain_notes` does, naming the documents once for all of them.

    Examples
    --------
    >>> sources = pd.DataFrame({"doc_id": ["002_b"], "outlet": ["Military Times"],
    ...                         "published_start": pd.to_datetime(["2020-03-16"]),
    ...                         "published_end": pd.to_datetime(["2020-03-20"])})
    >>> list(plain_notes_of(["As document 002 says.", None], sources))
    ['As Military Times (16-20 Mar 2020) says.', <NA>]
    """
    references = _references(sources)
    return pd.array([_plain(text, references) for text in pd.Series(texts, dtype=object)], dtype="string")


def _plain(text: object, references: dict[str, _Reference]) -> object:
    """:func:`plain_notes` with the documents' names already made."""
    if not isinstance(text, str):
        return text

    def documents(match: re.Match[str]) -> str:
        if match.group("alone") is not None:  # a number alone in brackets
            number = match.group("alone")
            # a citation in brackets takes the table's form: no brackets within brackets
            return f"({references[number].bracketed})" if number in references else match.group(0)
        numbers = _NUMBER.findall(match.group("numbers"))
        if not all(number in references for number in numbers):
            return match.group(0)
        own = match.group("own") is not None and len(numbers) == 1
        named = _NUMBER.sub(lambda number: getattr(references[number.group(0)], "possessive" if own else "sentence"),
                            match.group("numbers"))
        if match.group("own") is not None and not own:
            named += "'s"
        bracket = match.group("bracket") or ""
        if bracket and len(numbers) == 1 and not own and _is_publication(match.group("dates"),
                                                                         *references[numbers[0]][3:]):
            # the name already dates the document: the coder's date after it is not said twice
            rest = match.group("rest")
            bracket = ""
            if rest:
                # "Associated Press (6 Feb 2020; upper bound ...)": into the brackets that end the name
                named = f"{named[:-1]}; {rest})"
        named += bracket
        return named[:1].upper() + named[1:] if match.group("case") == "D" else named

    text = _DOCUMENTS.sub(documents, text)
    text = _EVENT_ID.sub(lambda match: f"event {int(match.group(1))}", text)
    text = _CLAIM.sub(lambda match: f"claims on {point_words(match.group(1))}", text)
    for pattern, words in _TERMS:
        text = pattern.sub(lambda match, words=words: _at_start(match, words), text)
    return text


def _at_start(match: re.Match[str], words: str) -> str:
    """The words for a coder's term, capitalised where the term starts the note or a sentence."""
    before = match.string[:match.start()].rstrip(" ")
    return words[:1].upper() + words[1:] if words and (not before or before.endswith((".", "!", "?"))) else words


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
