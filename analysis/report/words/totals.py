"""The reported totals of the coded data in words: their tables for a reader, and the note that the counts of
attacks described one by one are a floor under them (the attacks page, notebook 02)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..._frames import column_or_na, require_columns
from ...stats.selection import EventSelector, select_kinds
from ...text import count_texts, date_texts
from .plain import plain_notes_of

#: What each table of reported totals holds (the totals' ``about``), as its caption says it.
TOTALS_CAPTIONS = {
    "violence": "Totals of attacks, strikes and the people killed in them.",
    "other": "The reports' other totals: bases, requests, statements, and the coalition's strikes against the Islamic "
             "State.",
}


def totals_table(totals: pd.DataFrame, sources: pd.DataFrame, about: str | None = None) -> pd.DataFrame:
    """List the coded data's reported totals for a reader: the events and rows their measures name, in words.

    :func:`analysis.stats.tables.reported_totals_table`, its ``measure``
    written by :func:`analysis.report.words.plain.plain_notes`, without its
    ``as_worded``: the count as coded ("at least 2" for "repeatedly"), which
    is no wording of the report's; its ``quote`` gives the words, ``bounds``
    how they are read. ``about`` keeps the totals of one kind
    (:data:`analysis.schema.TOTAL_KINDS`, :data:`TOTALS_CAPTIONS`); None, every total.

    Examples
    --------
    >>> totals = pd.DataFrame({"measure": ["bases left (EV033 is one)"], "actor": ["US"], "count_low": [2],
    ...                        "count_high": [None], "qualifier": ["at least"], "doc_id": ["000_a"],
    ...                        "quote": ["some bases"], "date_start": pd.to_datetime(["2020-03-11"]),
    ...                        "date_end": pd.to_datetime(["2020-03-29"])})
    >>> totals_table(totals, None)["measure"].tolist()
    ['bases left (event 33 is one)']
    >>> totals_table(totals.assign(actor=["Unidentified Armed Group (Iraq)"]), None)["actor"].tolist()
    ["armed groups not named (Iraq; ACLED's Unidentified Armed Group)"]
    """
    from ...stats.tables import reported_totals_table

    if about is not None:
        if about not in TOTALS_CAPTIONS:
            raise ValueError(f"about={about!r}; use one of {', '.join(TOTALS_CAPTIONS)}")
        totals = totals[totals["about"].astype("string") == about]
    table = reported_totals_table(totals, sources).drop(columns="as_worded")
    table["measure"] = plain_notes_of(table["measure"], sources)
    table["actor"] = table["actor"].astype("string").str.replace(_UNNAMED, UNNAMED_ACTOR, regex=True)
    return table


#: ACLED's name for an attacker no report names ("Unidentified Armed Group (Iraq)"), and what a reader reads for it:
#: beside a passage that says "pro-Iranian groups", "unidentified" read as a contradiction.
_UNNAMED = r"^Unidentified Armed Group \((.+)\)$"
UNNAMED_ACTOR = r"armed groups not named (\1; ACLED's Unidentified Armed Group)"


def count_floor_note(
    events: pd.DataFrame, totals: pd.DataFrame | None = None, *, kinds: EventSelector = None,
    what: str = "attacks",
) -> str:
    """Say that counts of described events are a floor, and how far reported totals go beyond them.

    Parameters
    ----------
    events : DataFrame
        The events counted.
    totals : DataFrame or None, default None
        A reported-totals table; its largest total whose ``measure`` names
        ``what`` is quoted, in its report's own words (its ``quote``: the
        report's hedges kept, no period the report does not give). None
        (ACLED exports) says only what the counts are.
    kinds : callable, sequence of str or None, default None
        Which events are counted (see :func:`select_kinds`); None: every event given.
    what : str, default "attacks"
        What is counted, as the totals' ``measure`` names it.

    Returns
    -------
    str
        One or two sentences.

    Examples
    --------
    >>> frame = pd.DataFrame({"category": ["militia attack"], "sub_event_type": ["Shelling/artillery/missile attack"]})
    >>> count_floor_note(frame)
    'A floor: the 1 attack described one by one, not every attack there was.'
    """
    count = len(select_kinds(events, kinds))
    noun = what[:-1] if count == 1 and what.endswith("s") else what
    note = f"A floor: the {count:,} {noun} described one by one, not every {what.rstrip('s')} there was."
    if totals is None or totals.empty:
        return note
    require_columns(totals, ["measure", "count_low", "count_high", "qualifier", "date_start", "date_end"], "reported totals")
    about = totals[totals["measure"].astype("string").str.contains(what, case=False, regex=False).fillna(False)]
    about = about[about["count_low"].astype("Float64").fillna(0) > count]
    if about.empty:
        return note
    largest = about.iloc[[int(np.argmax(about["count_low"].astype("Float64").fillna(0).to_numpy(dtype=float)))]]
    row = largest.iloc[0]
    quote = column_or_na(largest, "quote").iloc[0]
    if pd.notna(quote) and str(quote).strip():
        return f"{note} One report counts more that it does not list: \"{' '.join(str(quote).split())}\""
    actor = column_or_na(largest, "actor").iloc[0]
    by = f" by {actor}" if pd.notna(actor) else ""
    return (f"{note} The reports also speak of {count_texts(largest).iloc[0]} {row['measure']}{by} "
            f"({date_texts(largest).iloc[0]}) that they do not list.")
