"""ACLED's caveats with an export's own figures, in words (the sources page, notebook 04): placeholder fatalities, a
heap at one fatality figure, a week that may be a batch of coding, single sources, geo- and time-precision, the
export's date and its rows' times of change, revisions and deletions, events that may be coded twice."""

from __future__ import annotations

import pandas as pd

from ...stats.caveats import (
    batch_signs,
    change_times,
    dated_after,
    day_known,
    heaped_figures,
    placeholder_fatalities,
    precision_shares,
    single_source,
    stamp_before_events,
)
from ...stats.highlights import peak, stands_apart
from ...text import describe_dates, describe_number, in_words, join_words
from ...text import markdown_text as md
from .common import percent
from .counting import batch_note, stands_apart_note
from .facts import Facts

#: How many outlets the single-source caveat names.
ALONE_NAMED = 3
#: What ACLED's precision codes mean, for the caveats' words.
GEO_PRECISION = {"1": "the place itself", "2": "a place near it", "3": "the region only (admin area)"}
TIME_PRECISION = {"1": "the day", "2": "the week only", "3": "the month only"}
#: How many groups of possible duplicates the sources page's table shows.
DUPLICATES_SHOWN = 5
#: What the events of a group of possible duplicates share, in the caveat and the table's caption.
SHARED = "their day, place, actors and kind"


def caveats(facts: Facts) -> str:
    """Write ACLED's caveats with this run's figures (Markdown bullets); "" for the coded data or no events."""
    events = facts.events
    n = len(events)
    if facts.coded or n == 0:
        return ""
    lines = ["## ACLED's caveats, measured on this file", ""]
    if "notes" in events.columns and "fatalities" in events.columns:
        placeholders = placeholder_fatalities(events)
        count = int(placeholders["events"].sum())
        figures = join_words([f"{row.coded_as:,} in {describe_number(row.events, 'event')}"
                              for row in placeholders.itertuples()])
        lines.append(f"- **Placeholder fatalities**: {describe_number(count, 'event')} ({percent(count, n)}) "
                     "have notes saying their fatalities were coded to a set figure because the sources gave none "
                     f"(coded as {figures}); their toll is a convention, not a report." if count else
                     "- **Placeholder fatalities**: no event's notes say its fatalities were coded to a set figure "
                     "(\"coded as 3\"), so none is known to be a placeholder.")
    if "fatalities" in events.columns and "event_date" in events.columns:
        lines.append(heap_line(events))
    lines.append(batch_line(facts))
    if "source" in events.columns:
        single, alone = single_source(events)
        named = join_words([f"{md(row.source)} ({row.only_source:,})" for row in alone.head(ALONE_NAMED).itertuples()])
        lines.append(f"- **Single sources**: {describe_number(single, 'event')} ({percent(single, n)}) rest on one "
                     "outlet" + (f"; the outlets that carry most events alone: {named}" if len(alone) else "")
                     + ". An outlet with a side in the conflict colours what it alone reports.")
    for column, meanings, label in (("geo_precision", GEO_PRECISION, "Places"),
                                    ("time_precision", TIME_PRECISION, "Dates")):
        if column not in events.columns:
            continue
        shares = precision_shares(events, column)
        shares = shares[shares["events"] > 0]
        # counts, which add up (rounded shares summed to 101%); one precision for all is said as such
        parts = [f"to {meanings.get(row.precision, md(row.precision))} for "
                 f"{describe_number(row.events, 'event') if k == 0 else f'{row.events:,}'}"
                 for k, row in enumerate(shares.itertuples())]
        lines.append(f"- **{label}**: every event is known to {meanings.get(shares['precision'].iloc[0], 'one')}."
                     if len(shares) == 1 else f"- **{label}**: known {join_words(parts)}.")
    lines.append(export_line(facts))
    lines.append(duplicates_line(facts))
    return "\n".join(line for line in lines if line)


#: Why a heap at one figure matters, said after it wherever it is said.
HEAP_MEANING = ("a toll held by far more events than the tolls beside it was likely set by rule, rounded, or coded "
                "alike in one batch rather than counted")


def heap_line(events: pd.DataFrame) -> str:
    """Say which fatality figures far more events hold than the figures beside them
    (:func:`analysis.stats.caveats.heaped_figures`), and the week most of a figure's events fall in, if one does (a
    caveat's bullet, Markdown); "" where none is heaped."""
    found = _heaps(events)
    if not found:
        return ""
    parts = "; ".join(text for text, _ in found)
    if all(explained for _, explained in found):  # ACLED's rule or one week makes the heap: said in its brackets
        return f"- **A heap at one figure**: {parts}."
    return (f"- **A heap at one figure**: {parts}. {HEAP_MEANING[0].upper()}{HEAP_MEANING[1:]}: these "
            "tolls are less sure than the rest.")


def heap_sentence(events: pd.DataFrame) -> str:
    """Say the heaps at one figure under the chart of killed per event, which draws them as a bar above its
    neighbours (Markdown; "" where none is heaped)."""
    found = _heaps(events)
    if not found:
        return ""
    parts = "; ".join(text for text, _ in found)
    return f"{parts}." if all(explained for _, explained in found) else f"{parts}: {HEAP_MEANING}."


def heaps(events: pd.DataFrame) -> list[str]:
    """Each heaped figure of ``events`` in words, with the week most of its events fall in and the figures outside
    that week, so that a reader sees whether the heap is the week's: "338 events have exactly 3 killed, against 152
    with 2 and 120 with 4 (225 of the 338 in the week of 3-9 March 2025; outside that week, 113 with 3 killed,
    against 152 with 2 and 76 with 4, no heap: the heap is that week's)" (:func:`analysis.stats.caveats.heaped_figures`,
    whose rule of a heap, :func:`~analysis.stats.caveats.is_heap`, judges the figures outside the week too)."""
    return [text for text, _ in _heaps(events)]


def _heaps(events: pd.DataFrame) -> list[tuple[str, bool]]:
    """:func:`heaps`, each with whether ACLED's rule or one week explains it (without its tolls set by rule, or
    outside that week, no heap is left), so that what a heap means is said only of one they do not explain."""
    heaped = heaped_figures(events)
    parts = []
    for row in heaped.itertuples():
        # "of the 34", not "of them": the figure just before the brackets is the count of the figure below
        of = f"of the {row.events:,}"
        notes, explained = [], False
        if row.set_by_rule:
            without = ("" if row.heaped_without_rule else
                       f"; without them, {row.events - row.set_by_rule:,} with {row.figure:,} killed, against "
                       f"{_beside(row.below, row.above, row.figure)}: no heap beyond ACLED's rule")
            notes.append(f"{row.set_by_rule:,} {of} set by ACLED's rule, as their notes say{without}")
            explained = not row.heaped_without_rule
        if 2 * row.in_week > row.events:  # most of them in one week
            notes.append(f"{row.in_week:,} {of} in the week of "
                         f"{describe_dates(row.week_start, row.week_end, long=True)}; outside that week, "
                         f"{row.outside:,} with {row.figure:,} killed, against "
                         f"{_beside(row.below_outside, row.above_outside, row.figure)}"
                         + ("" if row.heaped_outside else ", no heap: the heap is that week's"))
            explained = explained or not row.heaped_outside
        parts.append((f"{describe_number(row.events, 'event')} have exactly {row.figure:,} killed, against "
                      f"{_beside(row.below, row.above, row.figure)}" + (f" ({'; '.join(notes)})" if notes else ""),
                      explained))
    return parts


def _beside(below: int, above: int, figure: int) -> str:
    """The events with the figures beside a heaped ``figure``: "152 with 2 and 120 with 4"."""
    return f"{below:,} with {figure - 1:,} and {above:,} with {figure + 1:,}"


def batch_line(facts: Facts) -> str:
    """Say whether the week that stands apart from the others (:func:`analysis.stats.highlights.stands_apart`) shows
    the signs of a batch of coding (:func:`analysis.report.words.counting.batch_note`), and which (a caveat's bullet,
    Markdown); "" where no week stands apart."""
    weekly = facts.per_period("W")
    found = peak(weekly)
    if stands_apart(weekly, found) is None:
        return ""
    said = stands_apart_note(weekly, found)
    signs = batch_note(batch_signs(facts.events, weekly, found.start, facts.duplicates))
    return (f"- **A week apart**: {said}{signs}" if signs else
            f"- **A week apart**: {said} It shows none of the signs of a batch of coding looked for here (a heap at "
            "one fatality figure, events that may be coded twice, every outlet rising together).")


def export_line(facts: Facts) -> str:
    """Say what the rows' times of change (``timestamp``) tell of the export (a caveat's bullet, Markdown): when it
    was drawn, or, where its events run past them, that they cannot date it and that the file was rebuilt or
    altered after ACLED gave it out; "" without timestamps."""
    events, when = facts.events, facts.data.exported
    if when is None:
        return ""
    revised = ("ACLED revises and deletes events after publication, so a later export can differ from this one, in "
               "the past as well as the present.")
    later = stamp_before_events(when, events)
    if later is None:
        return f"- **The export's date**: its latest row was changed on {describe_dates(when, when, long=True)}. {revised}"
    first, last = (day.tz_localize(None).normalize() for day in (change_times(events) or (when, when)))
    days = describe_dates(first, last, long=True)
    span = f"all fall on {days}" if first == last else f"all fall in {days}"
    after = dated_after(when, events)
    n = len(events)
    return (f"- **The export's date**: not known. The file's times of change (when each row was last changed) {span}, "
            f"before {after:,} of its {describe_number(n, 'event')} ({percent(after, n)}), dated up to "
            f"{describe_dates(later, later, long=True)}: no row can change before its event, so these times were "
            "set when the file was rebuilt or altered after ACLED gave it out. Check where the file comes from "
            f"before trusting its figures. {revised}")


def duplicates_line(facts: Facts) -> str:
    """Say how many events of an ACLED run may be one event coded twice (a caveat's bullet, Markdown): groups of
    events under different ids that share their day, place, actors and kind
    (:func:`analysis.stats.caveats.possible_duplicates`), their events and killed, and how many are alike in their
    fatalities and notes too; one clause when there is none."""
    found = facts.duplicates
    label = "- **Events coded twice?**"
    undated = int((~day_known(facts.events)).sum())
    unsure = (f" {describe_number(undated, 'event')} dated only to a week or a month {'are' if undated > 1 else 'is'} "
              "not compared: sharing the middle day of a week or month does not put two events on one day."
              if undated else "")
    if found.empty:
        return f"{label} No two events share {SHARED} under different ids.{unsure}"
    sizes = found.groupby("group").size()
    groups = len(sizes)
    if (sizes == 2).all():
        told = describe_number(groups, "pair") + " of events"
    else:
        counts = sizes.value_counts().sort_index()
        parts = [describe_number(count, "pair") if size == 2 else f"{describe_number(count, 'group')} of {in_words(size)}"
                 for size, count in counts.items()]
        told = f"{describe_number(groups, 'group')} of events ({join_words(parts)})"
    killed = int(found["fatalities"].fillna(0).sum())
    exact = int(found.groupby("group")["exact"].first().sum())
    if groups == 1:
        alike = "the same fatalities and notes too" if exact else "their fatalities or notes differ"
    else:
        alike = ("every one with the same fatalities and notes too" if exact == groups else
                 f"{in_words(exact)} with the same fatalities and notes too" if exact else
                 "none with the same fatalities and notes")
    extra = len(found) - groups
    return (f"{label} {told} {'share' if groups > 1 else 'shares'} {SHARED} under different ids "
            f"({describe_number(len(found), 'event')}, {killed:,} killed; {alike}). ACLED's own ids differ, so they "
            f"are counted as different events here: if each group is one event, the counts are "
            f"{describe_number(extra, 'event')} too high.{unsure}")


def duplicates_table(facts: Facts) -> pd.DataFrame:
    """The first :data:`DUPLICATES_SHOWN` groups of possible duplicates (:func:`duplicates_line`), one row per
    group, by day: the events' ids, the day, the place, the actors, the kind, each event's killed and what else
    they share. Empty when there is none. The values are as the file writes them: the table escapes them."""
    found = facts.duplicates
    columns = ["events", "date", "place", "actors", "kind", "killed", "also alike"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    shown = found[found["group"] <= DUPLICATES_SHOWN]
    grouped = shown.groupby("group", sort=True)
    first = shown.drop_duplicates("group").set_index("group")  # what a group's events share: its first row's
    actors = first["actor1"].astype(str) + first["actor2"].map(lambda actor: "" if pd.isna(actor) else f" – {actor}")
    alike = [join_words([name for name, same in (("fatalities", row.same_fatalities), ("notes", row.same_notes)) if same])
             or "neither" for row in first.itertuples()]
    return pd.DataFrame({
        "events": grouped["event_id"].agg(", ".join).to_numpy(),
        "date": first["event_date"].to_numpy(),
        "place": first["location"].to_numpy(),
        "actors": actors.to_numpy(),
        "kind": first["sub_event_type"].astype(str).to_numpy(),
        "killed": grouped["fatalities"].agg(
            lambda values: ", ".join(f"{int(v):,}" if pd.notna(v) else "–" for v in values)).to_numpy(),
        "also alike": alike,
    }, columns=columns)


def duplicates_note(facts: Facts) -> str:
    """The caption of :func:`duplicates_table` (plain text): which groups it shows; "" when there is none."""
    groups = int(facts.duplicates["group"].max()) if len(facts.duplicates) else 0
    if not groups:
        return ""
    which = (f"The first {DUPLICATES_SHOWN} of the {groups:,} groups" if groups > DUPLICATES_SHOWN else
             "Every group" if groups > 1 else "The one group")
    return f"{which} of events that share {SHARED} under different ids, by day."
