"""ACLED's caveats with an export's own figures, in words (the sources page, notebook 04): placeholder fatalities,
single sources, geo- and time-precision, the export's date, revisions and deletions, events that may be coded
twice."""

from __future__ import annotations

import pandas as pd

from ...stats.caveats import day_known, placeholder_fatalities, precision_shares, single_source, stamp_before_events
from ...text import describe_dates, describe_number, in_words, join_words
from ...text import markdown_text as md
from .common import percent
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
    when = facts.data.exported
    later = stamp_before_events(when, events)
    if when is not None and later is not None:
        stamped, last = (describe_dates(day, day, long=True) for day in (when, later))
        lines.append(f"- **The export's date**: not known. Its rows' times of change end on {stamped}, before its "
                     f"last event ({last}), so they cannot be when the rows last changed; it holds events of {last}, "
                     "so it is from that day or later. "
                     "ACLED revises and deletes events after publication, so a later export can differ from this "
                     "one, in the past as well as the present.")
    elif when is not None:
        lines.append(f"- **The export's date**: its latest row was changed on {describe_dates(when, when, long=True)}. "
                     "ACLED revises and deletes events after publication, so a later export can differ from this one, "
                     "in the past as well as the present.")
    lines.append(duplicates_line(facts))
    return "\n".join(lines)


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
