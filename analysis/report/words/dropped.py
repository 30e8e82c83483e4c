"""The pages' words for the rows of an ACLED file that ``INVALID=drop`` left out: how many, what can still be read
of them, and which of the page's own figures they would change.

The reading of the rows is :func:`analysis.io.dropped.readable_dropped`'s (kept on the run's data as
``dropped_rows``); here it is written. Every value from the file goes through the escaping function given
(:func:`analysis.text.markdown_text` for Markdown, :class:`str` for plain text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

import numpy as np
import pandas as pd

from ...io.dropped import date_spans
from ...text import describe_dates, describe_number, in_words, join_words
from ...text import markdown_text as md
from .common import Escape, lower_first
from .events import with_associates
from .facts import Facts

#: Rows left out named one by one; more are counted by kind and month, and this many of them named.
NAMED_ROWS = 3


class Figure(NamedTuple):
    """A figure a page's headline or findings give for a period: "the week of 23-29 March 2020", 16 killed."""

    #: what the figure counts, in words: plain text with no value from the data or the options in it, or a function
    #: that writes it with a value-escaping function (a page's kind of attack)
    when: str | Callable[[Escape], str]
    start: pd.Timestamp | None  # None: the period is open on that side (the whole window)
    end: pd.Timestamp | None
    measure: str  # "killed" or "events"
    value: float
    #: which of the rows left out the figure would count, as far as can be read (the page's attacks); None: any
    among: object = None
    #: for a group's figure (a region's, an outlet's, a pair's events): the most any group has without the rows, so
    #: that a group the rows would bring level with the top, or past it, is said to; None: not a group's figure
    lead: float | None = None


def left_out(facts: Facts, esc: Escape = md, link: Callable[[str], str] = str,
             figures: Sequence[Figure] = ()) -> str:
    """Say that ``INVALID=drop`` left rows of the file out, how many, where they are listed, what can still be read
    of them, and what the page's ``figures`` would be with them; "" where none was left out.

    The one sentence that says it on the pages, at the end of each page's dateline
    (:func:`analysis.report.words.common.dateline`), which the index opens with: " 2 rows of damaged.csv could not
    be read as events (a value missing, or not written as ACLED writes it) and are left out of every count;
    dropped.csv, beside this report, lists each with its line and why. What can still be read of them: both read as
    a shelling/artillery/missile attack in Kirkuk (Iraq), ... (line 5: 29 Mar 2020, 5 killed, no event ID; line
    30: 15 Apr 2020, cut off). With them, the week of 23-29 March 2020 would count at least 21 killed." ``link``
    writes the file's name as a link (Markdown) or as it is (plain text).
    """
    count = facts.data.dropped
    if facts.coded or not count:
        return ""
    name = esc(facts.data.file_name)
    one = count == 1
    said = (f" {describe_number(count, 'row')} of {name} could not be read as {'an event' if one else 'events'} "
            f"(a value missing, or not written as ACLED writes it) and {'is' if one else 'are'} left out of every "
            f"count; {where_listed(count, link)}.")
    rows = facts.data.dropped_rows
    if rows is None or not len(rows):
        return said
    return said + what_they_seem(rows, esc) + with_them(rows, figures, esc)


def where_listed(count: int, link: Callable[[str], str] = str) -> str:
    """Say where the rows left out are listed: "dropped.csv, beside this report, lists each with its line and why"
    (the pages' datelines and the index's settings); ``link`` writes the file's name as a link or as it is."""
    from ..inputs import DROPPED_FILE

    return f"{link(DROPPED_FILE)}, beside this report, lists {'it' if count == 1 else 'each'} with its line and why"


def what_they_seem(rows: pd.DataFrame, esc: Escape = md) -> str:
    """Say what the rows left out seem to be, from what can still be read of them (the frame of
    :func:`analysis.io.dropped.readable_dropped`): " What can still be read of them: ..."; each of up to
    :data:`NAMED_ROWS` rows named, what they share said once; more are counted by kind and month, and
    :data:`NAMED_ROWS` of them named, the most killed first (in line order where no toll reads)."""
    if len(rows) <= NAMED_ROWS:
        return " What can still be read of " + ("it: " if len(rows) == 1 else "them: ") + _named(rows, esc) + "."
    kinds = rows["event_type"].astype("string")
    by_kind = [f"{esc(kind)} {n:,}" for kind, n in kinds.value_counts(sort=True).items()]
    if kinds.isna().any():
        by_kind.append(f"no kind that reads {int(kinds.isna().sum()):,}")
    dates = pd.to_datetime(rows["event_date"])
    months = dates.dt.to_period("M").value_counts().sort_index()
    by_month = [f"{period.start_time:%b %Y} {n:,}" for period, n in months.items()]
    if dates.isna().any():
        by_month.append(f"no date that reads {int(dates.isna().sum()):,}")
    killed = rows["fatalities"].astype("Float64")
    chosen = rows.assign(_killed=killed.fillna(-1)).sort_values(["_killed", "line"], ascending=[False, True],
                                                                 kind="stable").head(NAMED_ROWS)
    which = "the most killed first" if killed.notna().any() else "the first"
    listed = "; ".join(f"line {int(row['line'])}: {_details(_parts(row, esc))}" for _, row in chosen.iterrows())
    return (f" What can still be read of them: by kind, {join_words(by_kind)}; by month, {join_words(by_month)}. "
            f"{in_words(NAMED_ROWS).capitalize()} of them ({which}): {listed}.")


def with_them(rows: pd.DataFrame, figures: Sequence[Figure], esc: Escape = md) -> str:
    """Say what each of the page's ``figures`` would be with the rows left out that fall in its period and that the
    run would count (``of_the_run``): " With them, the week of 23-29 March 2020 would count at least 21 killed."
    A row counts toward a figure of the killed only where its fatalities read; "" where no figure would change."""
    dates = pd.to_datetime(rows["event_date"])
    first, last = date_spans(rows)  # a row known only to its week or month counts where all of it is inside
    taken = rows["of_the_run"].to_numpy(dtype=bool) if "of_the_run" in rows.columns else dates.notna().to_numpy()
    said: dict[str, list[str]] = {}  # each period once, with its figures
    straddle: dict[int, list[str]] = {}  # a row known only to a week or month that runs over a period's edge
    for figure in figures:
        inside = taken.copy()
        if figure.among is not None:
            inside &= np.asarray(figure.among, dtype=bool)
        overlap = inside & (last >= (figure.start or last.min())).to_numpy() & (
            first <= (figure.end or first.max())).to_numpy()
        if figure.start is not None:
            inside &= (first >= figure.start).to_numpy()
        if figure.end is not None:
            inside &= (last <= figure.end).to_numpy()
        when = figure.when(esc) if callable(figure.when) else figure.when
        for row in np.flatnonzero(overlap & ~inside):
            straddle.setdefault(row, []).append(when.removesuffix(","))
        if figure.measure == "killed":
            killed = int(rows.loc[inside, "fatalities"].dropna().sum())
            if killed:
                said.setdefault(when, []).append(f"{figure.value + killed:,.0f} killed ({figure.value:,.0f} "
                                                        "without them)")
        elif inside.any():
            total = figure.value + int(inside.sum())
            # said only of a group the rows would lift to the top: one there already is not changed by them
            standing = ("" if figure.lead is None or figure.value >= figure.lead or total < figure.lead else
                        ", level with the most" if total == figure.lead else ", more than any other")
            said.setdefault(when, []).append(
                f"{describe_number(total, 'event')} ({figure.value:,.0f} without them){standing}")
    # a row whose week or month runs over the edge of a period is not counted in it, and is said to be unsure
    unsure = "".join(
        f" Line {int(rows['line'].iloc[row])} is dated only to {describe_dates(first.iloc[row], last.iloc[row])}, "
        f"so it may or may not fall in {join_words(list(dict.fromkeys(periods)), 'or')}."
        for row, periods in straddle.items())
    if not said:
        return unsure
    periods = [f"{when} {'would count ' if k == 0 else ''}at least {join_words(parts)}"
               for k, (when, parts) in enumerate(said.items())]
    return f" With {'it' if len(rows) == 1 else 'them'}, {join_words(periods)}.{unsure}"


def group_figures(counts: pd.Series, groups: pd.Series, kind: str = "") -> list[Figure]:
    """The figures of the groups (regions, outlets, pairs of actors) the rows left out would add to: for each group
    a row names (``groups``: for each row of :func:`analysis.io.dropped.readable_dropped`, the groups it reads as
    in, a list, empty where none reads), its events without the rows (``counts``, by group; 0 for a group without
    any), which rows it would take and the most events any group has (:attr:`Figure.lead`); a group without any
    event, only where its rows could bring it level with the most. Each group's name is
    data: the figure writes it with the page's escaping function, after ``kind`` (plain text: "the pair ")."""
    lead = float(counts.max()) if len(counts) else 0.0
    rows_of = pd.Series([group for listed in groups for group in listed], dtype=object).value_counts()
    # a group without any event is in none of the page's findings: said only where the rows could bring it to the top
    named = sorted(group for group, n in rows_of.items() if group in counts.index or n >= lead)
    return [Figure(lambda esc, group=group: kind + esc(group), None, None, "events", float(counts.get(group, 0)),
                   among=groups.map(lambda listed, group=group: group in listed).to_numpy(dtype=bool), lead=lead)
            for group in named]


def rows_left_out(facts: Facts) -> pd.DataFrame | None:
    """What can be read of the rows ``INVALID=drop`` left out of an ACLED run (:attr:`NotebookData.dropped_rows`);
    None for the coded data or where none was left out: a page has no figure to give with them."""
    rows = facts.data.dropped_rows
    return None if facts.coded or not facts.data.dropped or rows is None or not len(rows) else rows


def _named(rows: pd.DataFrame, esc: Escape) -> str:
    """Name a few rows: what all of them share once, then each by its line and the rest of what reads."""
    parts = [_parts(row, esc) for _, row in rows.iterrows()]
    shared = tuple(key for key in ("kind", "place", "sides")
                   if all(part.get(key) for part in parts) and len({part[key] for part in parts}) == 1)
    first = parts[0]
    common = ", ".join(part for part in (" ".join(first[key] for key in shared if key != "sides"),
                                         first["sides"] if "sides" in shared else "") if part)
    lines = "; ".join(f"line {int(line)}: {_details(part, shared)}" for line, part in zip(rows["line"], parts))
    if not common:
        return lines
    lead = "" if len(rows) == 1 else "both read as " if len(rows) == 2 else f"all {in_words(len(rows))} read as "
    return f"{lead}{common} ({lines})"


def _parts(row: pd.Series, esc: Escape) -> dict[str, str]:
    """The words of what reads of one row: its kind ("a shelling/artillery/missile attack"), its place ("in Kirkuk
    (Iraq)"), its sides ("X against Y with Z"), its day, its killed, its missing id and whether it is cut off."""
    out: dict[str, str] = {}
    kind, kind_type = row.get("sub_event_type"), row.get("event_type")
    if pd.notna(kind):  # ACLED's sub-event types are things that happen: "an armed clash"
        text = lower_first(str(kind))
        out["kind"] = f"{'an' if text[:1] in 'aeiou' else 'a'} {esc(text)}"
    elif pd.notna(kind_type):  # its event types are plural groups: "Protests"
        out["kind"] = f"an event of ACLED's type {esc(kind_type)}"
    region, country = row.get("admin1"), row.get("country")
    if pd.notna(region) or pd.notna(country):
        where = esc(region) if pd.notna(region) else esc(country)
        out["place"] = f"in {where}" + (f" ({esc(country)})" if pd.notna(region) and pd.notna(country) else "")
    first, second = (with_associates(pd.Series([row.get(actor)], dtype="string"),
                                     pd.Series([row.get(associates)], dtype="string")).iloc[0]
                     for actor, associates in (("actor1", "assoc_actor_1"), ("actor2", "assoc_actor_2")))
    if pd.notna(first) or pd.notna(second):
        out["sides"] = (esc(first) if pd.notna(first) else "") + (
            f"{' ' if pd.notna(first) else ''}against {esc(second)}" if pd.notna(second) else "")
    first, last = (span.iloc[0] for span in date_spans(row.to_frame().T))  # a week or a month where only it is known
    out["day"] = describe_dates(first, last) if pd.notna(first) else "no date that reads"
    killed = row.get("fatalities")
    if pd.notna(killed):
        out["killed"] = f"{int(killed):,} killed"
    if pd.isna(row.get("event_id")):
        out["id"] = "no event ID"
    if bool(row.get("cut_off")):
        out["cut"] = "cut off"
    return out


def _details(parts: dict[str, str], shared: Sequence[str] = ()) -> str:
    """One row's words (:func:`_parts`), without those all the rows named share: "29 Mar 2020, 5 killed, no event
    ID"."""
    described = " ".join(parts[key] for key in ("kind", "place") if key in parts and key not in shared)
    sides = parts.get("sides") if "sides" not in shared else None
    return ", ".join(part for part in (described, sides, parts["day"], parts.get("killed"), parts.get("id"),
                                       parts.get("cut")) if part)


__all__ = ["Figure", "NAMED_ROWS", "group_figures", "left_out", "rows_left_out", "what_they_seem", "where_listed", "with_them"]
