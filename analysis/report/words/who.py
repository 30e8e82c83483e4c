"""Who fought whom and who died, in an ACLED run's words: the most active actors, actor types, interactions,
disorder types and civilian targeting (shown on the timeline page, notebook 01)."""

from __future__ import annotations

import pandas as pd

from ...io.acled import ACTOR_TYPES
from ...stats import actors as stats
from ...text import describe_all, describe_number
from ...text import markdown_text as md
from .common import lower_first, percent, top_whole
from .facts import NAMED, Facts

#: Rows of the table of the most active actors (a tie at the last row is listed whole, up to ACTOR_LIMIT rows).
ACTOR_ROWS = 15
ACTOR_LIMIT = 30
#: How many actor types, interactions and disorder types a sentence names.
TYPES_NAMED = 4


def listing(parts: list[str]) -> str:
    """Join parts that hold commas themselves: "a; b; c"."""
    return "; ".join(parts)


def _figures(events: int, killed: int) -> str:
    return f"{describe_number(events, 'event')}, {killed:,} killed"


def who(facts: Facts) -> str:
    """Write who fought whom and who died (Markdown): actors, actor types, interactions, disorder types, civilians.

    "" for the coded data, whose actors the timeline's table names.
    """
    events = facts.events
    if facts.coded or events.empty:
        return ""
    lines = [f"**Who.** {_actors(facts)}"]
    if "inter1" in events.columns:
        types = stats.by_actor_type(events, 1).head(TYPES_NAMED)
        lines.append("By the first actor's type: " + listing(
            [f"{md(row.actor_type)}: {_figures(row.events, row.fatalities)}" for row in types.itertuples()]) + ".")
    if "inter2" in events.columns:
        types = stats.by_actor_type(events, 2)
        types = types[types["actor_type"] != stats.NONE].head(TYPES_NAMED)
        if len(types):
            lines.append("By the second actor's type (the other side): " + listing(
                [f"{md(row.actor_type)}: {_figures(row.events, row.fatalities)}" for row in types.itertuples()]) + ".")
    if "interaction" in events.columns:
        pairs = stats.by_column(events, "interaction", ACTOR_TYPES).head(TYPES_NAMED)
        lines.append("The most frequent interactions: " + listing(
            [f"{md(row.interaction)}: {_figures(row.events, row.fatalities)}" for row in pairs.itertuples()]) + ".")
    if "disorder_type" in events.columns:
        kinds = stats.by_column(events, "disorder_type").head(TYPES_NAMED)
        lines.append("By disorder type: " + listing(
            [f"{md(row.disorder_type)}: {_figures(row.events, row.fatalities)}" for row in kinds.itertuples()]) + ".")
    lines.append(civilians(facts))
    return " ".join(lines)


def _actors(facts: Facts) -> str:
    table = facts.actors
    if table.empty:
        return "No actor is named."
    shown, left, each = top_whole(table, NAMED, 2 * NAMED)
    # ACLED's names hold brackets of their own ("Civilians (Iraq)"): the type follows after a comma, not in a bracket
    named = [f"{md(row.actor)}, {md(lower_first(str(row.actor_type))) if pd.notna(row.actor_type) else 'type not given'}: "
             f"{_figures(row.events, row.fatalities)}" for row in shown.itertuples()]
    text = ("The most active actors, as first or second actor: " + listing(named) + "." if named
            else "")
    if left:
        text += f" {describe_number(left, 'actor')} tie with {describe_number(each, 'event')} each."
    return text.strip()


def civilians(facts: Facts) -> str:
    """Write civilian targeting as its own measure (Markdown): the events whose main target was civilians."""
    events = facts.events
    summary = stats.civilian_summary(events).set_index("measure")
    marked, vac = summary.loc["civilian_targeting"], summary.loc["violence_against_civilians"]
    how = ("as ACLED marks civilian targeting" if "civilian_targeting" in events.columns
           else "Violence against civilians, or a second actor of type Civilians: this export does not mark "
                "civilian targeting")
    if not marked["events"]:
        return (f"**Civilian targeting.** No event has civilians as its main target ({how}); ACLED's type Violence "
                f"against civilians holds {_figures(int(vac['events']), int(vac['fatalities']))}.")
    return (f"**Civilian targeting.** Civilians were the main target of "
            f"{describe_number(int(marked['events']), 'event')} "
            f"({percent(marked['events'], len(events))}; {how}), in which "
            f"{describe_number(int(marked['fatalities']), 'person', 'people')} were killed; ACLED's type Violence "
            f"against civilians holds {_figures(int(vac['events']), int(vac['fatalities']))}.")


def actors_table(facts: Facts) -> pd.DataFrame:
    """The most active actors (at most ACTOR_ROWS, a tie listed whole up to ACTOR_LIMIT), with their figures."""
    table = facts.actors
    shown, _, _ = top_whole(table, ACTOR_ROWS, ACTOR_LIMIT)
    return shown[["actor", "actor_type", "events", "fatalities", "as_actor1", "as_actor2"]].rename(
        columns={"fatalities": "killed"})


ACTOR_HEADERS = {"actor": "actor", "actor_type": "actor type", "events": "events", "killed": "killed",
                 "as_actor1": "as first actor", "as_actor2": "as second actor"}


def actors_note(facts: Facts) -> str:
    """Say what the table of actors lists (plain text, the table's caption)."""
    table = facts.actors
    if table.empty:
        return ""
    shown, left, each = top_whole(table, ACTOR_ROWS, ACTOR_LIMIT)
    text = (f"The {len(shown):,} most active of the {len(table):,} actors (a tie listed whole), with the events each "
            "is first or second actor in and the people killed in them (an event's dead count under both its actors)."
            if len(shown) < len(table) else
            f"{describe_all(len(table), 'actor')}, with the events each is first or second actor in and the people "
            "killed in them (an event's dead count under both its actors).")
    if left:
        text += f" {left:,} more actors have {each:,} events each."
    return text
