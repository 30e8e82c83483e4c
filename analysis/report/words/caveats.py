"""ACLED's caveats with an export's own figures, in words (the sources page, notebook 04): placeholder fatalities,
single sources, geo- and time-precision, the export's date, revisions and deletions."""

from __future__ import annotations

from ...stats.caveats import placeholder_fatalities, precision_shares, single_source, stamp_before_events
from ...text import describe_dates, describe_number, join_words
from ...text import markdown_text as md
from .common import percent
from .facts import Facts

#: How many outlets the single-source caveat names.
ALONE_NAMED = 3
#: What ACLED's precision codes mean, for the caveats' words.
GEO_PRECISION = {"1": "the place itself", "2": "a place near it", "3": "the region only (admin area)"}
TIME_PRECISION = {"1": "the day", "2": "the week only", "3": "the month only"}


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
    return "\n".join(lines)
