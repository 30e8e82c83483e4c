"""The pages' words for single events: each side named with its associated actors, the deadliest named, what
happened (a note's first sentence), and the notes that say more than a table of events.

Split from :mod:`analysis.report.words.common`, which keeps the words the pages share about counts, periods and
pages (their datelines and headings).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from ...stats.highlights import deadliest_events, killed_per_event
from ...text import describe_figure, describe_number, in_words, join_words, placeholder_toll
from ...text import markdown_text as md
from .common import capital, sublist
from .facts import NAMED, Facts
from .plain import numbered, plain_notes_of


def deadliest(facts: Facts, events: pd.DataFrame, what: str) -> list[str]:
    """Name the deadliest of ``events`` (at most NAMED, a tie named whole or not at all): killed, place, date, actors;
    several are listed one a line (:func:`sublist`), each a finding's list."""
    # a tie is named whole or not at all: never one event and not another that killed as many
    top = deadliest_events(events, facts.data.casualties, n=NAMED, split_ties=False)
    if top.empty:
        return [f"No one is reported killed in these {what}."]
    killed = killed_per_event(events, facts.data.casualties)
    left = killed[killed > 0].sort_values(ascending=False, kind="stable").iloc[len(top):]
    first, second = sides_of(events, top["event_id"])  # each actor with its associated actors
    # killed at a base (the coded events name their base), in a town
    at_base = event_columns(events, top["event_id"])("base_id").notna().to_numpy()
    parts = []
    for k, (_, row) in enumerate(top.iterrows()):
        place = row["location"] if pd.notna(row["location"]) else "unspecified"
        place = "an unspecified place" if str(place).strip().casefold() in ("", "unspecified") else md(place)
        at = "at" if at_base[k] else "in"
        who = f", {md(first[k])}" + (f" against {md(second[k])}" if pd.notna(second[k]) else "")
        # a day takes "on"; a month or a range of days ("Apr 2020", "1-7 Apr 2020"), "in"
        on = "on" if re.fullmatch(r"\d{1,2} \w+ \d{4}", str(row["when"])) else "in"
        parts.append(f"{row['killed']:,} killed {at} {place} {on} {row['when']} ({md(row['sub_event_type'])}{who})")
    noun = "attack" if what == "attacks" else "event"
    most = int((killed == killed.max()).sum())
    if most > len(top):  # the highest figure itself is shared by more than can be named: say how many, name some
        which = ("the first" if len(top) == 1 else "the first and the last" if len(top) == 2 else
                 f"the first, the last and {in_words(len(top) - 2)} between")  # as highest_positions spreads them
        return [f"{capital(describe_number(most, noun))} killed {describe_number(killed.max(), 'person', 'people')} "
                f"each, the most of any {noun}; {in_words(len(top))} of them, {which}:" + sublist(parts)
                ] + _in_batch_week(facts, events, top)
    label = "The only deadly one" if len(top) == 1 and left.empty else "The deadliest"
    out = [f"{label} of the {what}: {parts[0]}." if len(parts) == 1 else f"{label} of the {what}:" + sublist(parts)]
    if len(left) and len(top) < NAMED:
        tied = int((left == left.iloc[0]).sum())
        out.append(f"{describe_number(tied, f'more {noun}')} killed {describe_number(left.iloc[0], 'person', 'people')} "
                   "each.")
    return out + _in_batch_week(facts, events, top)


def _in_batch_week(facts: Facts, events: pd.DataFrame, top: pd.DataFrame) -> list[str]:
    """Say how many of the deadliest events named (``top``, the deadliest first) fall in the week that may be one
    batch of coding (:func:`analysis.report.words.counting.batch_week`), on ACLED's date, and whether the deadliest
    does, so that a list of the deadliest does not present that week's events without a word (a finding; none
    where none does or there is no such week)."""
    from .common import week_text
    from .counting import BATCH_WORDS, batch_week

    week = batch_week(facts, events)
    if week is None or top.empty:
        return []
    dates = pd.to_datetime(event_columns(events, top["event_id"])("event_date"))
    inside = dates.between(week.start, week.end).to_numpy()
    if not inside.any():
        return []
    n, k = len(top), int(inside.sum())
    which = ("the one named falls" if n == 1 else f"{'both' if n == 2 else f'all {in_words(n)}'} named fall"
             if k == n else f"the deadliest of the {in_words(n)} named falls" if inside[0] and k == 1 else
             f"{in_words(k)} of the {in_words(n)} named{', the deadliest among them,' if inside[0] else ''} "
             f"{'falls' if k == 1 else 'fall'}")
    return [f"{capital(which)} in the week of {week_text(week)}, which {BATCH_WORDS}."]


def with_associates(actors: pd.Series, associates: pd.Series) -> pd.Series:
    """Name each event's actor with its associated actors (ACLED's list, separated by ";"): "A with B and C".

    Examples
    --------
    >>> with_associates(pd.Series(["Police Forces of Iraq", "PKK", None]),
    ...                 pd.Series(["Military Forces of the United States; Contractors", None, "Civilians"])).tolist()
    ['Police Forces of Iraq with Military Forces of the United States and Contractors', 'PKK', 'Civilians']
    """
    actors = actors.astype("string").reset_index(drop=True)
    associates = associates.astype("string").reset_index(drop=True)
    listed = pd.Series([join_words([part.strip() for part in value.split(";") if part.strip()])
                        if isinstance(value, str) else pd.NA for value in associates.astype(object).where(
                            associates.notna(), None)], dtype="string").mask(lambda v: v == "")
    both = actors.notna() & listed.notna()
    out = actors.where(~both, actors + " with " + listed)
    return out.fillna(listed)


def event_columns(events: pd.DataFrame, ids: pd.Series) -> Callable[[str], pd.Series]:
    """Return a function giving a column of ``events`` for each event of ``ids`` (its ``event_id``), in that order, as
    trimmed text (missing where empty, or where the frame lacks the column), for a table that lists those events."""
    by_id = events.set_index(events["event_id"].astype("string"))
    by_id = by_id[~by_id.index.duplicated()]
    keys = pd.Index(ids.astype("string"))

    def column(name: str) -> pd.Series:
        values = by_id[name].reindex(keys) if name in by_id else pd.Series(pd.NA, index=keys)
        return values.astype("string").str.strip().mask(lambda v: v == "").reset_index(drop=True)

    return column


def sides_of(events: pd.DataFrame, ids: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The two sides of each event of ``ids`` (its ``event_id``), each actor with its associated actors
    (:func:`with_associates`): what every table of an ACLED run's events shows in its actors' columns, so that a
    force named beside an actor (United States forces with the Iraqi army) is in each of them.
    """
    column = event_columns(events, ids)
    return (with_associates(column("actor1"), column("assoc_actor_1")),
            with_associates(column("actor2"), column("assoc_actor_2")))


def deadliest_listed(killed: pd.Series, shown: int, counted: str) -> str:
    """Name the deadliest events a table lists, by the people killed, where a tie at its last place was left out
    whole: "The 55 deadliest of the 170 events, down to 5 killed (the 12 that killed 4 each would not all fit,
    so none of them is listed)". ``killed``: the killed per event of the events counted.

    Examples
    --------
    >>> deadliest_listed(pd.Series([9, 5, 5, 4, 4, 4, 0]), 3, "7 events")
    'The 3 deadliest of the 7 events, down to 5 killed (the 3 that killed 4 each would not all fit, so none of them is listed)'
    >>> deadliest_listed(pd.Series([9, 5, 0]), 2, "3 events")
    'The 2 deadliest of the 3 events, down to 5 killed'
    """
    figures = killed.sort_values(ascending=False, kind="stable").to_numpy()
    lowest = describe_figure(figures[shown - 1]) if shown else "0"
    said = f"The {shown:,} deadliest of the {counted}, down to {lowest} killed"
    if shown >= len(figures) or figures[shown] <= 0:  # every event that killed anyone is listed
        return said
    left, tied = figures[shown], int((figures == figures[shown]).sum())
    return f"{said} (the {tied:,} that killed {describe_figure(left)} each would not all fit, so none of them is listed)"


def reader_sentence(notes: object, *, references: bool = True) -> str:
    """The first sentence of an event's notes, without the bracketed references a coder adds (``references``: the
    coded data's notes; an ACLED file's brackets are ACLED's own words and stay), and, where the notes say ACLED set
    the toll by rule ("coded as 3"), that it was not reported.

    Examples
    --------
    >>> reader_sentence("Rocket attack on K-1 (document 001: 'an American (civilian)'). Document 002 says more.")
    'Rocket attack on K-1.'
    >>> reader_sentence("Attack in Diyala. Fatalities unknown; coded as 3.")
    'Attack in Diyala. Toll not reported (ACLED codes 3).'
    >>> reader_sentence("On 3 January 2025, Al Shabaab (air/drone strike) in Town 18; 13 fatalities.", references=False)
    'On 3 January 2025, Al Shabaab (air/drone strike) in Town 18; 13 fatalities.'
    """
    from ...stats.caveats import PLACEHOLDER

    if not isinstance(notes, str):
        return ""
    rule = PLACEHOLDER.search(notes)
    toll = f" {capital(placeholder_toll(int(rule.group(1))))}." if rule else ""
    text = notes
    while references:
        shorter = re.sub(r"\s*\([^()]*\)", "", text)
        if shorter == text:
            break
        text = shorter
    first = re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip(), maxsplit=1)[0]
    return (first if first.endswith((".", "!", "?")) else first + ".") + toll


def reader_what(facts: Facts, listed: pd.DataFrame) -> pd.DataFrame:
    """Write a table's ``what`` for a reader: each event's headline where the data give one, else :func:`reader_sentence`.

    The coder's notes whole go to the page's "How this was coded" part (:func:`notes_of`).
    """
    if "what" not in listed.columns or "event_id" not in listed.columns:
        return listed
    by_id = facts.events.set_index(facts.events["event_id"].astype("string"))
    headlines = by_id["headline"].dropna() if "headline" in by_id.columns else pd.Series(dtype="string")
    listed = listed.drop(columns="headline", errors="ignore")  # the headline is the "what", not a column twice
    listed["what"] = [str(headlines[i]) if i in headlines.index else reader_sentence(notes, references=facts.coded)
                      for i, notes in zip(listed["event_id"].astype("string"), listed["what"])]
    return listed


def _acled_date_words() -> dict[str, str]:
    """What each of ACLED's time precision codes says of an event's date, in a reader's words, by the loader's
    wording (:data:`analysis.io.acled.DATE_BASIS`)."""
    from ...io.acled import DATE_BASIS

    return {DATE_BASIS[1]: "the day is known",
            DATE_BASIS[2]: "only the week is known; the date given is its middle, give or take 3 days",
            DATE_BASIS[3]: "only the month is known"}


def notes_of(facts: Facts, listed: pd.DataFrame) -> pd.DataFrame:
    """The coder's notes, whole, and how the dates follow from the reports, of the events a table lists.

    For an ACLED file, how precisely each date is known is said in words ("only the month is known"), not as
    the column ``time_precision`` and its code, and an event whose notes the table shows whole (its ``what``)
    and whose day is known is left out: its row would say nothing the table does not.

    The coded events are shown by their number on the pages, and their notes
    name the reports and the events as the pages do
    (:func:`analysis.report.words.plain.plain_notes`).
    """
    notes = facts.events.set_index(facts.events["event_id"].astype("string"))
    columns = [c for c in ("notes", "date_basis") if c in notes.columns]
    ids = listed[["event_id"]].astype({"event_id": "string"})
    out = ids.join(notes[columns], on="event_id").reset_index(drop=True)
    if not facts.coded:
        words = _acled_date_words()
        if "date_basis" in out.columns:  # ACLED's time precision, not its column's name and code
            out["date_basis"] = out["date_basis"].replace(words)
        if "what" in listed.columns and "notes" in out.columns:
            # a note the table shows whole, of an event known to the day, would only be said again: the others
            whole = (listed["what"].astype("string").fillna("").to_numpy()
                     == out["notes"].astype("string").fillna("").to_numpy())
            day = (out["date_basis"].eq(next(iter(words.values()))).fillna(False).to_numpy(dtype=bool)
                   if "date_basis" in out.columns else True)
            out = out[~(whole & day)].reset_index(drop=True)
        return out
    sources = facts.data.sources
    for column in columns:
        out[column] = plain_notes_of(out[column], sources)
    return numbered(facts.events, out)


def notes_heading(facts: Facts, listed: str) -> str:
    """Head the part at the end of a page that gives the notes of the events a table lists (``listed``, plain words);
    "" where the window holds no event (no table, no notes)."""
    if facts.events.empty:
        return ""
    if facts.coded:
        return (f"## How this was coded\n\nFor {listed}, the coder's notes whole (which report says what, how the "
                "place and the dates were read) and how the dates follow from the reports.")
    return (f"## The events' notes\n\nFor {listed}, ACLED's notes as the file gives them, where the table does not "
            "show them whole or the day is not known.")
