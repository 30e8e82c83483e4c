"""The posture page's words (notebook 03): the bases or the forces, what happened to them, the troop levels,
and the title of its chart."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from ...schema import ACLED_POSTURE_MEANINGS
from ...stats.highlights import top_values
from ...stats.posture import posture_per_period
from ...text import describe_count, describe_dates, describe_number, join_words
from ...text import markdown_text as md
from . import where as where_words
from .common import Dateline, Escape, Heading, findings, forces_words, heading, in_window, involved, nothing, week_text
from .common import dateline as common_dateline
from .counting import batch_week
from .events import notes_heading, notes_of, reader_what
from .facts import TABLE_ROWS, Facts
from .plain import numbered


def page_heading(facts: Facts) -> Heading:
    """The page's title and lead: the events at the bases; for an ACLED file, where the events took place and
    ACLED's strategic developments about the forces."""
    data = facts.data
    if data.coded:
        return heading(lambda esc: f"The bases and the troops, {data.period_text}", lambda esc: [bases_lead(facts, esc)])
    # the moves of the forces are named only where the window holds any (the page said "none" under a title promising
    # them)
    def moves(esc) -> str:
        return "" if facts.posture_events.empty else f", and the moves of {forces_words(facts, esc)}"

    return heading(lambda esc: (f"Where the events{involved(facts, esc)} took place in {esc(data.place)}, "
                                f"{data.period_text}{moves(esc)}"),
                   lambda esc: [text for text in (where_words.where_lead(facts, esc), _forces_lead(facts, esc)) if text])


def chart_title(facts: Facts, chart: str = "posture") -> str:
    """The title of the posture map or panels, as plain text."""
    data = facts.data
    if data.coded:
        return f"What happened at each base, {data.period_text}"
    posture = facts.posture_events
    if posture.empty:
        return f"Strategic developments involving {forces_words(facts)}, {data.place}, {data.period_text}"
    kinds = top_values(posture["sub_event_type"], n=len(posture))
    first = kinds[kinds == kinds.iloc[0]]
    coded = f"ACLED codes {describe_number(len(posture), 'strategic development')} involving {forces_words(facts)} in {data.place}"
    if len(kinds) == 1:
        return f"{coded}: {'all ' if len(posture) > 1 else ''}{kinds.index[0]}"
    each = " each" if len(first) > 1 else ""
    return f"{coded}; the most: {join_words([str(kind) for kind in first.index])} ({int(first.iloc[0]):,}{each})"


def chart_subtitle(facts: Facts, chart: str = "posture") -> str:
    """What the posture chart shows, as plain text."""
    if facts.coded:
        return "What happened at each base the reports name, and when"
    return (f"Strategic developments involving {forces_words(facts)}; a mark is the moves of one force at one place: "
            "its shape the force, its colour the kind of most of them, its size their number")


def _forces_lead(facts: Facts, esc: Escape) -> str:
    posture = facts.posture_events
    forces = forces_words(facts, esc)
    if posture.empty:  # a window without any event: the lead has said it, once
        return "" if facts.events.empty else (_forces_in_events(facts, esc)
                                              or nothing(facts, f"strategic development involving {forces}", esc))
    kinds = top_values(posture["sub_event_type"], n=5)
    # the forces' moves, then every event that names them: the forces that fight, not only those that moved
    return (f"ACLED codes {describe_number(len(posture), 'strategic development')} involving {forces} "
            f"{in_window(facts, esc, involving=False)}: " + join_words([f"{esc(k)} {n:,}" for k, n in kinds.items()])
            + "." + (f" {named}" if (named := _forces_in_events(facts, esc, moved=True)) else ""))


def _named_forces(facts: Facts) -> pd.Series:
    """The force each of the window's events involves (:func:`analysis.stats.posture.involved_forces`), missing for
    events that involve none."""
    from ...stats.posture import involved_forces

    return involved_forces(facts.events, facts.data.selection.target or None, country=facts.data.country)


def _moves_by_force(facts: Facts, esc: Escape) -> str:
    """Say how many of the strategic developments (the moves) involve each force, the three with the most by name;
    and, where forces named in the window's events have none, which and in how many events (the three named most),
    so that a count of moves is not read as one of the events that name a force."""
    moves = facts.posture_events["force"]
    moved = top_values(moves, n=10**6)

    def listed(counts: pd.Series, say: Callable[[str, int], str], others: Callable[[int, int], str]) -> list[str]:
        shown, rest = counts.iloc[:3], counts.iloc[3:]
        return ([say(esc(force), int(n)) for force, n in shown.items()]
                + ([others(len(rest), int(rest.sum()))] if len(rest) else []))

    if len(moved) == 1:
        every = {1: "The one move involves", 2: "Both moves involve"}.get(len(moves), f"All {len(moves):,} moves involve")
        said = f"{every} {esc(moved.index[0])}."
    else:
        said = (f"Of the {len(moves):,} moves, " + join_words(listed(
            moved, lambda force, n: f"{n:,} involve {force}",
            lambda forces, n: f"{n:,} involve {describe_number(forces, 'other force')}")) + ".")
    named = top_values(_named_forces(facts).dropna(), n=10**6)
    idle = named[~named.index.isin(moved.index)]
    if idle.empty:
        return said
    # each force's count follows it after a comma, so the last one too is set apart by one
    items = listed(idle, lambda force, n: f"{force}, named in {describe_number(n, 'event')}",
                   lambda forces, n: f"{describe_number(forces, 'other force')}, named in {describe_number(n, 'event')}")
    return said + " No move is coded for " + (f"{', '.join(items[:-1])}, or {items[-1]}" if len(items) > 1
                                               else items[0]) + "."


def _forces_in_events(facts: Facts, esc: Escape, *, moved: bool = False) -> str:
    """Say in how many of the window's events the forces are actors, and which ("" in none); where none of its
    strategic developments involves them (not ``moved``), that none of those events is one, so that a reader does
    not take the page's "none" for their absence."""
    from ...stats.posture import named_as_actor

    named = _named_forces(facts).dropna()
    if named.empty:
        return ""
    beside = ~named_as_actor(facts.events.loc[named.index], named).astype(bool)  # an associated actor only
    counts = top_values(named, n=10**6)
    forces, rest = counts.iloc[:3], counts.iloc[3:]  # the three named most, by name; the others counted together

    def role(force: str, n: int) -> str:  # a force named only beside an actor did not itself fight or attack
        only = int(beside[named == force].sum())
        return (", each time as an actor" if not only else ", each time only as an associated actor" if only == n
                else f", {only:,} of them only as an associated actor")

    roles = [role(force, n) for force, n in forces.items()]
    # where one force is named only beside an actor, each force's role is said, or the last one's reads as all's
    beside_any = any("associated" in said for said in roles)
    items = [f"{esc(force)} in {n:,}{said if beside_any else ''}" for (force, n), said in zip(forces.items(), roles)]
    if len(rest):
        items.append(f"{describe_number(len(rest), 'other force')} in {int(rest.sum()):,}")
    listed = "; ".join(items) if beside_any else join_words(items)
    forces = forces_words(facts, esc)
    said = (f"{forces[0].upper()}{forces[1:]} are named in {len(named):,} of the "
            f"{describe_number(len(facts.events), 'event')}: {listed}.")
    if moved:
        return said
    return (f"{said} None of these is a strategic development: ACLED records no change of a force's posture "
            f"({', '.join(ACLED_POSTURE_MEANINGS.values())}) involving {forces} {in_window(facts, esc, involving=False)}.")


def bases_lead(facts: Facts, esc: Escape = md) -> str:
    """Say how many events happened at how many bases, by kind ("" without a table of bases)."""
    from ...stats.posture import base_posture

    data = facts.data
    if data.bases is None:
        return ""
    posture = base_posture(facts.events, data.bases)
    if posture.empty:
        return nothing(facts, "event at a base", esc)
    kinds = posture["kind"].value_counts()
    return (f"{describe_number(posture['event_id'].nunique(), 'event')} at "
            f"{describe_number(posture['base_id'].nunique(), 'base')} {in_window(facts, esc)}: "
            + join_words([f"{esc(kind)} {n:,}" for kind, n in kinds.items()]) + ".")


def troops(facts: Facts) -> str:
    """Write the troop levels stated in the window, and the last one before it (carried in)."""
    levels = facts.data.troop_levels
    if levels is None or levels.empty:
        return "No troop level is stated in or before this window."
    parts = []
    for _, row in levels.iterrows():
        when = describe_dates(row["date_start"], row["date_end"], long=True)
        carried = ", stated before the window and carried in" if bool(row.get("carried_in", False)) else ""
        parts.append(f"{md(row['force'])} {describe_count(row['qualifier'], row['count_low'], row['count_high'])} "
                     f"({when}{carried})")
    return "Troop levels: " + "; ".join(parts) + "."


def key_sentences(facts: Facts) -> str:
    """Write the key sentences of the posture page, under its charts: the troop levels; for an ACLED file, the forces
    named most and the first and last change ("" when it has none).

    How many events happened at the bases, or how many strategic developments involve the forces, is the page's lead
    (:func:`page_heading`): said there, not again here.
    """
    if facts.coded:
        return "**What it shows.** " + troops(facts)
    posture = facts.posture_events
    if posture.empty:
        return ""
    lines = [_moves_by_force(facts, md)]
    week = batch_week(facts)  # a week that may be one batch of coding: its share of the changes, said
    if week is not None:
        held = int(posture["event_date"].between(week.start, week.end).sum()) if "event_date" in posture else 0
        if held:
            lines.append(f"{held:,} of the {len(posture):,} fall in the week of {week_text(week)}, which may be one "
                         f"batch of coding: {week.start:%B %Y}'s count is less sure than it looks.")
    first, last = posture.iloc[0], posture.iloc[-1]
    lines.append(f"The first, on {first['when']}: {md(first['sub_event_type'])} ({md(first['force'])}) in "
                 f"{md(first['location'])}.")
    if len(posture) > 1:
        lines.append(f"The last, on {last['when']}: {md(last['sub_event_type'])} ({md(last['force'])}) in "
                     f"{md(last['location'])}.")
    return findings("What it shows", lines[0], lines[1:])


def sections(facts: Facts) -> dict[str, Callable[[], str]]:
    """The page's section headings and how to read them, each written when called: ``"posture"`` (for an ACLED
    file, where the events took place), ``"forces"`` (an ACLED file's strategic developments; "" for the coded data),
    ``"posture table"``, ``"troops"`` ("" for an ACLED file, which states no troop level) and ``"posture coding"``
    ("" when the table counts changes instead of listing them)."""
    return {"posture": lambda: (where_words.section(facts) if not facts.coded else _posture_section(facts)),
            # none: the page's lead says so; a heading over a definition alone read as if the page had lost a part
            "forces": lambda: "" if facts.coded or facts.posture_events.empty else _posture_section(facts),
            "posture table": lambda: posture_table_note(facts),
            "posture coding": lambda: (notes_heading(facts, "the changes of posture of the table above")
                                       if notes_listed(facts) else ""),
            "troops": lambda: _troops_section(facts) if facts.coded else ""}


def _troops_section(facts: Facts) -> str:
    """How to read the troop chart of a coded run: each statement over its own days, nothing between them, so a
    statement made before the window (carried in, in the table) is not drawn."""
    levels = facts.data.troop_levels
    if levels is None or levels.empty:
        carried = pd.Series(dtype=bool)
    else:
        carried = (levels["carried_in"] if "carried_in" in levels.columns
                   else pd.Series(False, index=levels.index)).fillna(False).astype(bool)
    text = ("## How many troops?\n\nThe statements of force size in this window, each drawn over the days it can "
            "refer to, nothing between them.")
    if carried.any():
        text += (" The last statement before the window is in the table (carried in); the chart, which shows the "
                 "window's days only, does not draw it.")
    if not (~carried).any():
        text += " No statement of force size falls in this window, so the chart is empty."
    return text


def _posture_section(facts: Facts) -> str:
    data = facts.data
    if data.coded:
        return ("## What happened at each base\n\nEvery base the reports name, on a map; each panel marks one "
                "kind of change in this window and dates it.")
    target = data.selection.target
    # the rule that finds them (ACLED's actor types, and the names of the associated actors) is in docs/report.md
    involving = ("foreign or international forces (another country's forces, a coalition, or a mission of the UN, "
                 "AU or EU)" if not target
                 else f"the target ('{md('; '.join(target))}' in any actor column)")
    mapped = (f", on a map of {md(join_words(data.countries) or 'the events')} (borders: Natural "
              f"Earth). A mark is the moves of one force at one place: its shape is the force ({_shapes(facts)}), "
              "its colour the kind of most of those moves (grey where none has more than half), its size their "
              "number; the marks of one place are drawn side by side")
    return (f"## Strategic developments involving {forces_words(facts, md)}\n\nACLED's strategic developments "
            f"that change a force's posture ({', '.join(ACLED_POSTURE_MEANINGS.values())}) involving "
            f"{involving}{mapped}.")


def _shapes(facts: Facts) -> str:
    """Say which forces the map of their moves draws in a shape of their own
    (:func:`analysis.viz.country_map.shape_groups`)."""
    from ...viz.country_map import OTHER_MARKER, shape_groups

    groups = shape_groups(facts.posture_events["force"], "force")
    shared = [name for name, (marker, members) in groups.items() if marker == OTHER_MARKER and len(members) > 1]
    if not shared:
        return "each force a shape of its own"
    return f"the {len(groups) - 1:,} forces with the most moves a shape each, the others one shape together"


def posture_table(facts: Facts) -> pd.DataFrame:
    """List the posture changes: the coded lane "posture change", or ACLED's strategic developments about forces.

    The coded changes are shown by their number on the pages, without the
    coder's id or their kind (every one is a posture change).
    """
    listed_ = _listed(facts)
    return numbered(facts.events, listed_).drop(columns="kind", errors="ignore") if facts.coded else listed_


def _listed(facts: Facts) -> pd.DataFrame:
    """The posture changes :func:`posture_table` lists, with their ids (their notes are found by them)."""
    from ...stats.tables import events_table

    data = facts.data
    if data.coded:
        return reader_what(facts, events_table(facts.events, data.reports, sources=data.sources,
                                               kinds=["posture change"], n=TABLE_ROWS))
    posture = facts.posture_events
    if len(posture) > TABLE_ROWS:  # too many to list: how many per period and kind, over the whole window
        return posture_per_period(posture, freq=facts.period("monthly", "M"), start=facts.first, end=facts.last,
                                  dates=facts.data.date_rule)
    listed = posture[["event_id", "when", "sub_event_type", "force", "location", "admin1", "notes"]]
    if "fatalities" not in posture.columns:
        return listed
    return listed.assign(killed=posture["fatalities"].to_numpy())[
        ["event_id", "when", "sub_event_type", "force", "location", "admin1", "killed", "notes"]]


def coding_notes(facts: Facts) -> pd.DataFrame:
    """The coder's notes of the changes the posture table lists, whole (none for a table of counts)."""
    listed_ = _listed(facts)
    return notes_of(facts, listed_) if "event_id" in listed_.columns else listed_.iloc[0:0]


def listed(facts: Facts) -> bool:
    """Whether the page lists changes of posture: always for the coded data (its table says when there is none);
    for an ACLED file, only when it has strategic developments involving forces (the page says when it has none)."""
    return facts.coded or not facts.posture_events.empty


def notes_listed(facts: Facts) -> bool:
    """Whether the page lists the coder's notes of its changes of posture: only when its table lists the changes one
    by one (a table of their number per period has no notes to show, and no empty table says there is none), and,
    for an ACLED file, some note says more than the table (:func:`analysis.report.words.events.notes_of`)."""
    return listed(facts) and "event_id" in _listed(facts).columns and (facts.coded or not coding_notes(facts).empty)


def posture_table_note(facts: Facts) -> str:
    """Head the posture table and say what it lists: every change in order, or their number per period and kind."""
    if facts.coded:
        return "## Every change of posture, in order\n\nThe events of the lane \"posture change\" in this window."
    n = len(facts.posture_events)
    if n == 0:
        return ""  # the page has said there is none (its section on foreign forces): no empty table under a heading
    if n <= TABLE_ROWS:
        return "## Every change of posture, in order\n\nThese strategic developments, in date order."
    name = facts.period_name("monthly")
    return (f"## Changes of posture per {name}\n\nThe {n:,} strategic developments are too many to list one by "
            f"one: their number per {name} and kind in this window (each counted on ACLED's date, as ACLED's "
            "tools count).")


def dateline(facts: Facts) -> Dateline:
    """The page's dateline: the changes of posture it follows; for an ACLED file, the events it maps."""
    if not facts.coded:  # with the rows left out, the regions the map's finding names
        return common_dateline(facts, describe_number(len(facts.events), "event"),
                               figures=where_words.region_figures(facts))
    from ...stats.selection import event_kind

    # the changes the page's table lists: the events of the lane "posture change"
    listed = facts.events[(event_kind(facts.events) == "posture change").to_numpy()]
    # the lead counts the events at the bases, not the changes of posture: the dateline counts them in every run
    return common_dateline(facts, describe_number(len(listed), "change of posture", "changes of posture"),
                           lead_counts=False, events=listed)
