"""Where the events of an ACLED run took place (notebook 03): the map's title, the admin areas' tables, their sentences.

The counts are :mod:`analysis.stats.places`' (through :meth:`Facts.areas`);
this module names them for a reader: regions (``admin1``) and districts
(``admin2``, where the file has them), with the events and killed of the
window and the change from the previous whole period of the chart's to the
last one.
"""

from __future__ import annotations

import pandas as pd

from ...stats.highlights import alike
from ...text import describe_all, describe_number, join_words
from ...text import markdown_text as md
from .common import Escape, fewer_than_two_whole, involved, nothing, top_whole, two_whole
from .counting import period_text
from .facts import PERIOD_NAMES, Facts

#: How the tables and sentences name each admin level.
LEVEL_NAMES = {"admin1": ("region", "regions"), "admin2": ("district", "districts")}
#: Rows of an admin area table (a tie at the last kept whole, up to twice as many).
AREA_ROWS = 20
#: How many areas a sentence names.
AREAS_NAMED = 3


def levels(facts: Facts) -> list[str]:
    """The admin levels the run's events name places by: ``admin1``, and ``admin2`` where any event has one."""
    from ...stats.places import area_levels

    return [] if facts.coded else area_levels(facts.events)


def _compared_words(facts: Facts) -> tuple[str, str] | None:
    compared = facts.compared
    if compared is None:
        return None
    previous, last, freq = compared
    return (period_text(pd.Series({"period_start": previous[0], "period_end": previous[1]}), freq),
            period_text(pd.Series({"period_start": last[0], "period_end": last[1]}), freq))


def areas_table(facts: Facts, level: str = "admin1") -> pd.DataFrame:
    """The admin areas of one level with the most events, for reading: events, killed, and the change between the
    last two whole periods (a tie at the last row kept whole)."""
    table = facts.areas(level)
    shown, _, _ = top_whole(table, AREA_ROWS, 2 * AREA_ROWS)
    names = {c: LEVEL_NAMES[c][0] for c in ("admin1", "admin2")}
    names["fatalities"] = "killed"
    words = _compared_words(facts)
    if words is not None:
        before, after = words
        names.update({"events_previous": f"events, {before}", "events_last": f"events, {after}",
                      "events_change": "change in events", "fatalities_change": "change in killed"})
        shown = shown.drop(columns=["fatalities_previous", "fatalities_last"])
    return shown.rename(columns=names)


def areas_note(facts: Facts, level: str = "admin1") -> str:
    """Say what an admin area table lists (plain text, the table's caption)."""
    everyone = facts.areas(level)
    shown = areas_table(facts, level)
    singular, plural = LEVEL_NAMES[level]
    which = (f"{describe_all(len(everyone), singular, plural)} with events"
             + ("" if len(everyone) == 1 else ", most events first") if len(shown) == len(everyone)
             else f"The {len(shown):,} {plural} with the most events, of {len(everyone):,}, most events first")
    words = _compared_words(facts)
    name = _period_name(facts)
    change = (f"; then the events in {words[0]} and {words[1]}, {_two_whole(facts)}, and the "
              "change in events and in killed from the one to the other" if words else
              f"; {fewer_than_two_whole(len(facts.whole_periods), name)}, so no change from one to the next is shown")
    within = " (each within its region)" if level == "admin2" else ""
    # how the events are counted is said under the first table (its regions), not again under the second
    counted = " Events are counted on ACLED's date." if level == levels(facts)[0] else ""
    return f"{which}{within}: the events and the people killed in the window (ACLED's fatalities){change}.{counted}"


def _period_name(facts: Facts) -> str:
    """The name of the period the changes are measured by ("month", or coarser over long windows)."""
    return PERIOD_NAMES.get(facts.period("monthly", "M"), "period")


def _two_whole(facts: Facts) -> str:
    """Name the two whole periods compared (:func:`analysis.report.words.common.two_whole`)."""
    return two_whole(len(facts.whole_periods), _period_name(facts))


def region_figures(facts: Facts) -> list:
    """The regions (``admin1``) the rows ``INVALID=drop`` left out would add to, each with its events and the most any
    region has (:func:`analysis.report.words.dropped.group_figures`): the map's finding with them; none where no
    row was left out or the file names no region."""
    from .dropped import group_figures, rows_left_out

    rows = rows_left_out(facts)
    if rows is None or "admin1" not in levels(facts):
        return []
    table = facts.areas("admin1")
    counts = pd.Series(table["events"].to_numpy(), index=table["admin1"].astype(str).to_numpy())
    return group_figures(counts, rows["admin1"].map(lambda region: [] if pd.isna(region) else [str(region)]))


def where_lead(facts: Facts, esc: Escape = md) -> str:
    """Say in one sentence where the events took place: how many places and regions, and the busiest regions (the
    page's lead; "" for the coded data)."""
    return next(iter(_sentences(facts, esc)), "")


def where(facts: Facts, esc: Escape = md) -> str:
    """Say what the map and the tables show beyond the lead: the deadliest region, the busiest districts, and the
    largest changes from one whole period to the next ("" when there is nothing more to say)."""
    rest = _sentences(facts, esc)[1:]
    return "**What it shows.** " + " ".join(rest) if rest else ""


def _sentences(facts: Facts, esc: Escape) -> list[str]:
    events = facts.events
    if facts.coded:
        return []
    if events.empty:
        return [nothing(facts, esc=esc)]
    lines = []
    places = _locations(facts)
    at = f" at {describe_number(len(places), 'place')}" if len(places) else ""
    countries = facts.data.countries
    of = f" of {esc(join_words(countries))}" if countries else ""
    for level in levels(facts):
        table = facts.areas(level)
        singular, plural = LEVEL_NAMES[level]
        shown, _, _ = top_whole(table, AREAS_NAMED, 2 * AREAS_NAMED)
        named = join_words([f"{esc(row[level])} ({describe_number(row['events'], 'event')}, "
                            f"{row['fatalities']:,} killed)" for _, row in shown.iterrows()])
        every = len(shown) == len(table)  # every area named: none is "the most"
        if level == "admin1":
            opening = f"The {describe_number(len(events), 'event')}{involved(facts, esc)} took place"
            if len(table) == 1:
                row = table.iloc[0]
                lines.append(f"{opening}{' in ' + esc(join_words(countries)) + ',' if countries else ''} all in "
                             f"{esc(row['admin1'])} ({row['fatalities']:,} killed){',' + at if at else ''}.")
            else:
                regions = describe_number(len(table), singular, plural)
                lines.append(f"{opening}{at} in {regions}{of}{': ' if every else '; the most in '}{named}.")
            deadliest = table.sort_values(["fatalities", "events"], ascending=False, kind="stable").iloc[0]
            if deadliest["fatalities"] > 0 and deadliest["admin1"] != table.iloc[0]["admin1"]:
                lines.append(f"The deadliest {singular} was {esc(deadliest['admin1'])}, with "
                             f"{describe_number(deadliest['fatalities'], 'person', 'people')} killed.")
        else:
            lines.append(f"By {singular}, {'all' if len(table) == 1 else 'the'} events were in {named}." if every
                         else f"By {singular}, the most events were in {named}.")
    return lines + _changes(facts, esc)


def _changes(facts: Facts, esc: Escape) -> list[str]:
    words = _compared_words(facts)
    if words is None or "admin1" not in levels(facts):
        return []
    table = facts.areas("admin1")
    before, after = words
    which = _two_whole(facts)
    if len(table) == 1:  # one region: its change is the whole change, said once
        row = table.iloc[0]
        first, last = int(row["events_previous"]), int(row["events_last"])
        if first == last:
            return [f"From {before} to {after}, {which}, the events in {esc(row['admin1'])} "
                    f"held at {first:,}."]
        return ([f"From {before} to {after}, {which}, the events in {esc(row['admin1'])} "
                 f"{'rose' if last > first else 'fell'} from {first:,} to {last:,}."] + _coverage(facts, total=False))
    parts = []
    for verb, change in (("rose", int(table["events_change"].max())), ("fell", int(table["events_change"].min()))):
        if (verb == "rose" and change <= 0) or (verb == "fell" and change >= 0):
            continue
        tied = table[table["events_change"] == change]  # a tie named whole
        if len(tied) == 1:
            row = tied.iloc[0]
            parts.append(f"{verb} most in {esc(row['admin1'])} (from {row['events_previous']:,} to "
                         f"{row['events_last']:,})")
        elif len(tied) * 2 > len(table):  # most regions alike: no region stands out, the count says so
            parts.append(f"{verb} by {abs(change):,} in each of {len(tied):,} of the {len(table):,} regions "
                         f"({join_words([esc(a) for a in tied['admin1']])})")
        else:
            parts.append(f"{verb} most in {join_words([esc(a) for a in tied['admin1']])} (by {abs(change):,} each)")
    if not parts:
        return [f"From {before} to {after}, {which}, no region's events changed."]
    return [f"From {before} to {after}, {which}, events {' and '.join(parts)}."] + _coverage(facts)


def _coverage(facts: Facts, total: bool = True) -> list[str]:
    """Say how all the events changed between the last two whole months (unless ``total`` is False: the sentence
    before said it) and whether the change coincides with a change of the outlets
    (:func:`analysis.report.words.coverage.change_sources`); nothing for coarser periods or no change."""
    from .coverage import change_sources

    (from_start, from_end), (to_start, to_end), freq = facts.compared
    if facts.coded or freq != "M" or "event_date" not in facts.events.columns:
        return []
    dates = facts.events["event_date"]
    before = int(((dates >= from_start) & (dates <= from_end)).sum())
    after = int(((dates >= to_start) & (dates <= to_end)).sum())
    if before == after:
        return []
    row = pd.Series({"direction": "rise" if after > before else "fall", "before": before, "after": after,
                     "change": after - before, "from_start": from_start, "from_end": from_end,
                     "to_start": to_start, "to_end": to_end})
    note = change_sources(facts, facts.events, row)
    # the attacks page counts fewer kinds of event in the same months: say that these are all of them
    every = " of every kind" if not facts.data.selection.mask(facts.events).all() else ""
    said = [f"In all, events{every} {'rose' if after > before else 'fell'} from {before:,} to {after:,}."] if total else []
    return said + ([note] if note else [])


def chart_title(facts: Facts, chart: str = "where") -> str:
    """The title of the events map, as plain text: the region (``admin1``) with the most events, a tie named whole
    ("Diyala had the most events in Iraq and Syria: 36 of 170"), or where the file names no region, what it maps."""
    who = involved(facts, str)
    table = facts.areas("admin1") if "admin1" in levels(facts) else pd.DataFrame()
    if table.empty:
        return f"Where the events{who} took place, {facts.data.place}, {facts.data.period_text}"
    top = table[table["events"] == table["events"].iloc[0]]
    if len(table) == 1 and str(top["admin1"].iloc[0]) == facts.data.place:  # the run's area is the one region
        places = len(_locations(facts))
        if places:
            return (f"The {describe_number(len(facts.events), 'event')}{who} in {facts.data.place} took place at "
                    f"{describe_number(places, 'place')}")
    if len(table) == 1:
        return f"All {len(facts.events):,} events{who} in {facts.data.place} were in {top['admin1'].iloc[0]}"
    if alike(table["events"]):  # no region stands out: how evenly they share the events is the finding
        least, most = int(table["events"].min()), int(table["events"].max())
        each = f"{most:,} each" if least == most else f"{least:,} to {most:,} each"
        return (f"The {describe_number(len(facts.events), 'event')}{who} in {facts.data.place} are spread over "
                f"{len(table):,} regions, {each}{_busiest_place(facts)}")
    each = " each" if len(top) > 1 else ""
    return (f"{join_words([str(name) for name in top['admin1']])} had the most events{who} in {facts.data.place}: "
            f"{int(top['events'].iloc[0]):,}{each} of {len(facts.events):,}{_busiest_place(facts)}")


def _busiest_place(facts: Facts) -> str:
    """Name the place of the most events, the biggest dot of the map, which draws places and not regions, so that a
    reader finds the title's point on it: "; the busiest place: Town 3, with 112 events" (a tie of up to three named whole,
    "" for a larger one, a file without coordinates, or places none of which stands out, where the map names
    regions)."""
    from ...viz.country_map import named_regions

    places = _locations(facts)
    if places.empty or named_regions(places) is not None:  # no place stands out: the map names its regions
        return ""
    top = places[places["events"] == places["events"].iloc[0]]
    if len(places) == 1 or len(top) > 3 or len(top) == len(places):  # one place, or none stands out
        return ""
    names = join_words([str(name) for name in top["name"]])
    return (f"; the busiest place: {names}, with {describe_number(int(top['events'].iloc[0]), 'event')}"
            if len(top) == 1 else f"; the busiest places: {names}, with {int(top['events'].iloc[0]):,} events each")


def _locations(facts: Facts) -> pd.DataFrame:
    """The places the map draws (:func:`analysis.stats.places.locations` of the run's events, found once, with
    their region where the file names regions); none where the file has no coordinates."""
    from ...stats.places import locations

    events = facts.events
    if not {"latitude", "longitude", "location"} <= set(events.columns):
        return pd.DataFrame()
    return facts.once(locations, events, area="admin1" if "admin1" in events.columns else None)


def _named(facts: Facts, counts: str = "") -> str:
    """Say which places the map names (:func:`analysis.viz.country_map.named_regions` and ``named_places``): "the 8
    biggest named" (fewer where a tie at the last is left out whole), "every place named", or, where no place stands
    out, the regions named once each, with their places and events; ``counts`` ("with their events") follows the
    places' words."""
    from ...viz.country_map import named_places, named_regions

    places = _locations(facts)
    regions = named_regions(places) if len(places) else None
    if regions is not None:
        every = len(regions) == places["area"].nunique()
        which = "each region" if every else f"the {len(regions):,} regions with the most events"
        return (f"no place stands out (they have {_events_range(places)}), so {which} "
                f"{'is' if every else 'are'} named once, with {'its' if every else 'their'} places and events")
    named = len(named_places(places)) if len(places) else 0
    which = "every place" if named == len(places) else ("the biggest" if named == 1 else f"the {named} biggest")
    return f"{which} named" + (f", {counts}" if counts else "")


def _events_range(places: pd.DataFrame) -> str:
    """The events of the map's places, in words: "1 or 2 events each", "3 events each"."""
    least, most = int(places["events"].min()), int(places["events"].max())
    if least == most:
        return f"{describe_number(most, 'event')} each"
    joined = " or " if most - least == 1 else " to "
    return f"{least:,}{joined}{most:,} events each"


def chart_subtitle(facts: Facts, chart: str = "where") -> str:
    """What the events map shows, as plain text."""
    return ("A dot is a place, sized by its events and coloured by the event type of most of them; "
            f"{_named(facts, 'with their events')}")


def section(facts: Facts) -> str:
    """Head the part of the page on where the events took place, and say how to read the map and the tables."""
    data = facts.data
    districts = " and district (its second)" if "admin2" in levels(facts) else ""
    return ("## Where the events took place\n\n"
            f"Every event in this report on a map of {md(join_words(data.countries) or 'the events')} (borders: "
            "Natural Earth): a dot is a place (the events at the same coordinates together, named "
            "by the location with the most of them), sized by its events and coloured by the event type of most "
            f"of them (grey where none has more than half); {_named(facts)}. Under it, the events "
            f"and the people killed by region (the country's first administrative division){districts}"
            + (f", and the change between {_two_whole(facts)}." if facts.compared else "."))
