"""The reported totals of the coded data in words: their tables for a reader, and the note that the counts of
attacks described one by one are a floor under them (the attacks page, notebook 02)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..._frames import column_or_na, require_columns
from ...stats.selection import EventSelector, select_kinds
from ...text import count_texts, date_texts, join_words
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

    The column "by whom" is :func:`by_whom`: an attacker no report names
    (ACLED's actor "Unidentified Armed Group (Iraq)") in the words of the
    total's passage where it describes the attackers ("Iranian-backed
    militias, not named"), else "armed groups not named"; a named actor with
    the passage's hedge ("believed responsible"); "not said" where no actor
    is coded. The table's caption (:func:`totals_caption`) says what these
    words stand for, and ACLED's actor.

    Examples
    --------
    >>> totals = pd.DataFrame({"measure": ["bases left (EV033 is one)"], "actor": ["US"], "count_low": [2],
    ...                        "count_high": [None], "qualifier": ["at least"], "doc_id": ["000_a"],
    ...                        "quote": ["some bases"], "date_start": pd.to_datetime(["2020-03-11"]),
    ...                        "date_end": pd.to_datetime(["2020-03-29"])})
    >>> totals_table(totals, None)["measure"].tolist()
    ['bases left (event 33 is one)']
    >>> unnamed = pd.concat([totals] * 2).assign(actor="Unidentified Armed Group (Iraq)", quote=[
    ...     "Iranian-backed militias have launched rocket attacks", "Most of the attacks have caused little damage"])
    >>> totals_table(pd.concat([totals, unnamed], ignore_index=True), None)["actor"].tolist()
    ['US', 'Iranian-backed militias, not named', 'armed groups not named']
    """
    from ...stats.tables import reported_totals_table

    table = reported_totals_table(_of_kind(totals, about), sources).drop(columns="as_worded")
    table["measure"] = plain_notes_of(table["measure"], sources)
    table["actor"] = pd.Series([by_whom(actor, quote) for actor, quote in zip(table["actor"], table["quote"])],
                               index=table.index, dtype="string")
    return table


def _of_kind(totals: pd.DataFrame, about: str | None) -> pd.DataFrame:
    """The totals of one kind ``about`` (a key of :data:`TOTALS_CAPTIONS`); None, every total."""
    if about is None:
        return totals
    if about not in TOTALS_CAPTIONS:
        raise ValueError(f"about={about!r}; use one of {', '.join(TOTALS_CAPTIONS)}")
    return totals[(totals["about"].astype("string") == about).fillna(False).to_numpy(dtype=bool)]


#: ACLED's name for an attacker no report names ("Unidentified Armed Group (Iraq)"), and what a reader reads for it
#: where the passage does not describe the attackers: beside a passage that says "pro-Iranian groups",
#: "unidentified" read as a contradiction.
_UNNAMED = r"Unidentified Armed Group \((.+)\)"
UNNAMED_ACTOR = "armed groups not named"
#: How a passage describes attackers it does not name: an allegiance ("Iranian-backed", "pro-Iranian"), any proper
#: adjectives after it ("Shiite"), and a noun for armed men ("militias"), as the passage writes them.
DESCRIBED = re.compile(r"\b(?:[A-Za-z]+-backed|pro-[A-Z][A-Za-z]+)(?:\s+[A-Z][A-Za-z]+)*"
                       r"\s+(?:militias?|groups?|proxies|militants|fighters)\b")


def unnamed_actor(quote: object) -> str:
    """Say an attacker no report names, for the column "by whom": in the passage's own words where it describes
    the attackers (:data:`DESCRIBED`), else :data:`UNNAMED_ACTOR`.

    Examples
    --------
    >>> unnamed_actor("Just before the talks began, pro-Iranian groups began lobbing rockets once again.")
    'pro-Iranian groups, not named'
    >>> unnamed_actor("Taji has been a frequent target, so the militants know the coordinates")
    'armed groups not named'
    """
    found = DESCRIBED.search(" ".join(str(quote).split())) if pd.notna(quote) else None
    return f"{found.group(0)}, not named" if found else UNNAMED_ACTOR


#: What the column "by whom" says where no actor is coded: the passage does not say by whom.
NOT_SAID = "not said"
#: How a passage hedges the actor it names ("The militia group is believed to be responsible"): the verb is kept
#: beside the name, as :data:`HEDGE_WORDS` writes it.
HEDGED = re.compile(r"\b(?:is|are|was|were|been)\s+(believed|thought|suspected|alleged|said|reported)\s+to\b",
                    re.IGNORECASE)
HEDGE_WORDS = {"believed": "believed responsible", "thought": "thought responsible", "suspected": "suspected",
               "alleged": "alleged", "said": "said to be responsible", "reported": "reported responsible"}


def by_whom(actor: object, quote: object) -> str:
    """Say who did what a total counts, for the column "by whom", no surer than the passage (``quote``) is.

    An attacker no report names (ACLED's "Unidentified Armed Group (...)"):
    :func:`unnamed_actor`; another, as coded. Where the passage hedges whom
    it names (:data:`HEDGED`), the hedge follows, "(believed responsible)".
    No actor coded: :data:`NOT_SAID`.

    Examples
    --------
    >>> by_whom("Kata'ib Hezbollah", "The militia group is believed to be responsible for over a dozen rocket attacks")
    "Kata'ib Hezbollah (believed responsible)"
    >>> by_whom(None, "especially Camp Taji, which has been the target of multiple rocket attacks")
    'not said'
    >>> by_whom("Military Forces of the United States", "dozens of Iraqi militiamen died in American air strikes")
    'Military Forces of the United States'
    """
    if pd.isna(actor) or not str(actor).strip():
        return NOT_SAID
    said = unnamed_actor(quote) if re.fullmatch(_UNNAMED, str(actor)) else str(actor)
    hedge = _hedge(quote)
    return f"{said} ({hedge})" if hedge else said


def _hedge(quote: object) -> str | None:
    """The hedge a passage puts on the actor it names (:data:`HEDGED`), in :data:`HEDGE_WORDS`; None if none."""
    found = HEDGED.search(" ".join(str(quote).split())) if pd.notna(quote) else None
    return HEDGE_WORDS[found.group(1).lower()] if found else None


def totals_caption(totals: pd.DataFrame, about: str) -> str:
    """The caption of the table of reported totals of one kind ``about`` (:data:`TOTALS_CAPTIONS`), and what the
    words of its column "by whom" (:func:`by_whom`) stand for, those it shows alone: an attacker no report names,
    with ACLED's actor for it; a hedge kept from the passage; "not said" (plain text).

    Examples
    --------
    >>> totals = pd.DataFrame({"actor": ["Unidentified Armed Group (Iraq)", "US"], "about": ["violence", "other"],
    ...                        "quote": ["Most of the attacks caused no casualties", "They left."]})
    >>> totals_caption(totals, "violence").endswith("coded with ACLED's actor Unidentified Armed Group (Iraq).")
    True
    >>> totals_caption(totals, "other") == TOTALS_CAPTIONS["other"]
    True
    """
    rows = _of_kind(totals, about)
    actors, quotes = rows["actor"].astype("string"), column_or_na(rows, "quote")
    said = [by_whom(actor, quote) for actor, quote in zip(actors, quotes)]
    unnamed = actors.str.fullmatch(_UNNAMED).fillna(False).to_numpy(dtype=bool)
    labels = sorted(set(actors[unnamed]))
    notes = [TOTALS_CAPTIONS[about]]
    if labels:
        words = sorted({text for text, chosen in zip(said, unnamed) if chosen and text != UNNAMED_ACTOR})
        described = (f"in the passage's own words where it describes them (\"{words[0]}\")"
                     + (f", else \"{UNNAMED_ACTOR}\"" if UNNAMED_ACTOR in said else "") if words
                     else f"\"{UNNAMED_ACTOR}\": no passage describes them")
        notes.append(f"\"Not named\": attackers no report names, {described}; coded with ACLED's actor "
                     f"{join_words(labels)}.")
    coded = [quote for quote, text in zip(quotes, said) if text != NOT_SAID]
    hedges = sorted({hedge for hedge in map(_hedge, coded) if hedge})
    if hedges:
        quoted = [f'"{hedge}"' for hedge in hedges]
        notes.append(f"{join_words(quoted)}, in brackets: the passage's own hedge on who did it.")
    if NOT_SAID in said:
        notes.append(f"\"{NOT_SAID[0].upper()}{NOT_SAID[1:]}\": the passage does not say by whom, and no actor is "
                     "coded.")
    return " ".join(notes)


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
