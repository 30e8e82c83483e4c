"""Who fought whom and who died, in an ACLED run's words: the pairs of actors, actor types, interactions,
disorder types and civilian targeting (shown on the timeline page, notebook 01)."""

from __future__ import annotations

import pandas as pd

from ...io.acled import ACTOR_TYPES
from ...stats import actors as stats
from ...stats.highlights import alike
from ...text import describe_all, describe_figure, describe_number, in_words, join_words
from ...text import markdown_text as md
from .common import capital, findings, lower_first, percent, top_whole
from .facts import NAMED, Facts

#: Rows of the table of the most active actors (a tie at the last row is listed whole, up to ACTOR_LIMIT rows).
ACTOR_ROWS = 15
ACTOR_LIMIT = 30
#: How many actor types, interactions and disorder types a sentence names.
TYPES_NAMED = 4


def listing(parts: list[str]) -> str:
    """Join parts that hold commas themselves: "a; b; c"."""
    return "; ".join(parts)


def _figures(events: int, killed: int, sides: bool = False) -> str:
    """Events and the people killed in them: "36 events, in which 116 people were killed"; ``sides``: the events
    are a side's (an actor type's), whose figure is not its losses (:func:`_killed_in`)."""
    return f"{describe_number(events, 'event')}, {_killed_in(killed, sides)}"


def _killed_in(killed: int, sides: bool = True) -> str:
    """The people killed in events, said as what the figure is: with ``sides`` (a pair's events, an actor's), not
    one side's losses: "in which 113 people were killed (on any side)"."""
    if not killed:
        return "in which no one was killed"
    return (f"in which {describe_number(killed, 'person', 'people')} {'was' if killed == 1 else 'were'} killed"
            + (" (on any side)" if sides else ""))


#: How many regions a pair's events are listed in, where none holds most of them; with more, the first is named with
#: its share and the regions counted.
REGIONS_LISTED = 3


def _where(regions: pd.DataFrame) -> str:
    """Say where a pair's events were (Markdown), from its rows of :func:`analysis.stats.actors.pairs_by_region`, most
    events first, to follow its count of events: " in Duhok" (all of them), ", mostly in Duhok (30 of 34)" (most),
    " in Duhok (12), Erbil (12) and Ninewa (10)" (a few regions, none holding most), " in 9 regions, the most in
    Duhok (12 of 34)" (many); "" where the file names no region."""
    if regions.empty or (regions["region"] == stats.NONE).all():
        return ""
    total = int(regions["events"].sum())
    names = ["a region not given" if name == stats.NONE else md(name) for name in regions["region"]]
    top = int(regions["events"].iloc[0])
    if len(regions) == 1:
        return f" in {names[0]}"
    if 2 * top > total:
        return f", mostly in {names[0]} ({top:,} of {total:,})"
    if len(regions) <= REGIONS_LISTED:
        return " in " + join_words([f"{name} ({count:,})" for name, count in zip(names, regions["events"])])
    return f" in {len(regions):,} regions, the most in {names[0]} ({top:,} of {total:,})"


def _pair_figures(row: object, regions: pd.DataFrame) -> str:
    """A pair's events, where they were and the people killed in them (Markdown): "34 events in Duhok, in which 105
    people were killed (on any side)"; ``regions`` as :func:`_where` takes them, for every pair."""
    return f"{describe_number(row.events, 'event')}{_where(_regions_of(regions, row))}, {_killed_in(row.fatalities)}"


def _regions_of(regions: pd.DataFrame, row: object) -> pd.DataFrame:
    """The rows of :func:`analysis.stats.actors.pairs_by_region` of one pair (``row``'s ``actor1`` and ``actor2``)."""
    return regions[(regions["actor1"] == row.actor1).to_numpy() & (regions["actor2"] == row.actor2).to_numpy()]


def who(facts: Facts) -> str:
    """Write who fought whom and who died (Markdown): the pairs of actors first, then each a bullet: actor types,
    interactions, disorder types, civilians (:func:`~analysis.report.words.common.findings`).

    A breakdown whose figures are those of the pairs, one for one (each actor type or interaction one pair's),
    is left out: it would say the same events and killed again under other names. "" for the coded data, whose
    actors the timeline's table names.
    """
    events = facts.events
    if facts.coded or events.empty:
        return ""
    pairs = stats.by_pair(events)
    lines: list[str] = []
    said = sorted(zip(pairs["events"], pairs["fatalities"]))

    def breakdown(label: str, table: pd.DataFrame, column: str, shown: pd.DataFrame | None = None,
                  sides: bool = False) -> None:
        if sorted(zip(table["events"], table["fatalities"])) == said:
            return
        every = table if shown is None else shown
        rows = every.head(TYPES_NAMED)
        if len(rows):
            # the largest few of more: said, so the list does not read as whole
            of = f" ({in_words(len(rows))} largest of {len(every):,})" if len(every) > len(rows) else ""
            lines.append(f"{label}{of}: " + listing(
                [f"{md(getattr(row, column))}: {_figures(row.events, row.fatalities, sides)}"
                 for row in rows.itertuples()]) + ".")

    if "inter1" in events.columns:
        breakdown("By the first actor's type", stats.by_actor_type(events, 1), "actor_type", sides=True)
    if "inter2" in events.columns:
        types = stats.by_actor_type(events, 2)
        breakdown("By the second actor's type (the other side)", types, "actor_type",
                  types[types["actor_type"] != stats.NONE], sides=True)
    if "interaction" in events.columns:
        breakdown("The most frequent interactions", stats.by_column(events, "interaction", ACTOR_TYPES), "interaction")
    if "disorder_type" in events.columns:
        breakdown("By disorder type", stats.by_column(events, "disorder_type"), "disorder_type")
    lines.append(civilians(facts))
    lead, alone = _pairs(pairs, stats.pairs_by_region(events) if "admin1" in events.columns else None,
                         drawn=len(pair_groups(facts)[1]))
    return findings("Who", lead, [alone, *lines])


def _pairs(pairs: pd.DataFrame, regions: pd.DataFrame | None = None, drawn: int = 0) -> tuple[str, str]:
    """Who fought whom, where: the pairs of first and second actor with the most events, ranked among the events
    with a second actor, each with its regions (``regions`` as :func:`analysis.stats.actors.pairs_by_region` gives
    them, None for a file that names none; :func:`_where`), the lead; and how many events name one actor alone (a
    finding of its own; "" for none). The table under the text gives every actor with its type."""
    if regions is None:
        regions = pd.DataFrame(columns=["actor1", "actor2", "region", "events", "fatalities"])
    if pairs.empty:
        return "No actor is named.", ""
    one_sided = pairs["actor2"] == stats.NONE
    two, alone = pairs[~one_sided], pairs[one_sided]
    return _two_sided(two, alone.empty, regions, drawn), _one_sided(alone, two.empty, regions)


def _two_sided(pairs: pd.DataFrame, every: bool, regions: pd.DataFrame, drawn: int = 0) -> str:
    """The pairs with a second actor, most events first, each with where its events were ("" for none); ``every``:
    they hold every event."""
    if pairs.empty:
        return ""
    if len(pairs) == 1:  # "fought" would be wrong for attacks on civilians: the pair is said as ACLED sets it
        row = next(pairs.itertuples())
        which = (describe_all(row.events, "event") if every
                 else describe_all(row.events, "event with a second actor", "events with a second actor"))
        return (f"{which}{_where(_regions_of(regions, row))}, {_killed_in(row.fatalities)}, set {md(row.actor1)} "
                f"against {md(row.actor2)}.")
    if alike(pairs["events"]) and len(pairs) <= 2 * NAMED:  # a few pairs alike in events: none leads, all named
        named = [f"{md(row.actor1)} against {md(row.actor2)}: {_pair_figures(row, regions)}"
                 for row in pairs.itertuples()]
        return (f"{describe_all(len(pairs), 'pair')} of actors, alike in events "
                f"({int(pairs['events'].min()):,} to {int(pairs['events'].max()):,} each), the first actor against "
                f"the second: {listing(named)}.")
    shown, left, each = top_whole(pairs, NAMED, 2 * NAMED)
    named = [f"{md(row.actor1)} against {md(row.actor2)}: {_pair_figures(row, regions)}"
             for row in shown.itertuples()]
    text = "The pairs of actors with the most events, the first actor against the second: " + listing(named) + "."
    if left:
        text += f" {describe_number(left, 'other pair')} tie with {describe_number(each, 'event')} each."
    elif len(pairs) > len(shown):
        rest = pairs.iloc[len(shown):]
        events = describe_number(int(rest["events"].sum()), "event")
        text += (f" One other pair has {events}." if len(rest) == 1 else
                 f" {capital(describe_number(len(rest), 'other pair'))} have {events} between them.")
        if drawn > len(shown):  # the chart below draws more pairs, and so counts fewer "other pairs"
            text += f" The chart below draws the {drawn:,} pairs with the most events."
    return text


def _one_sided(alone: pd.DataFrame, only: bool, regions: pd.DataFrame) -> str:
    """How many events name one actor alone, with no second actor, and the actors with the most of them, each with
    where its events were ("" for none): no pair, so not ranked with the pairs; ``only``: no event has a second
    actor."""
    if alone.empty:
        return ""
    events = int(alone["events"].sum())
    if only:
        lead = f"No event has a second actor: {lower_first(describe_all(events, 'event'))} name one actor alone"
    else:
        lead = (f"{capital(describe_number(events, 'event'))} {'names' if events == 1 else 'name'} one actor alone, "
                "with no second actor, not ranked as a pair")
    if len(alone) == 1:
        row = next(alone.itertuples())
        where = _where(_regions_of(regions, row))
        return (f"{lead}: {'it' if events == 1 else 'all of them'} {md(row.actor1)}"
                f"{',' if where.startswith(' ') else ''}{where}, {_killed_in(row.fatalities)}.")
    shown, left, each = top_whole(alone, NAMED, NAMED)
    if shown.empty:  # every actor alone ties: none is ahead
        return f"{lead}: {describe_number(left, 'actor')}, {describe_number(each, 'event')} each."
    named = [f"{md(row.actor1)}: {_pair_figures(row, regions)}" for row in shown.itertuples()]
    rest = alone.iloc[len(shown):]
    if len(rest):
        named.append(f"{describe_number(len(rest), 'other actor')}: "
                     f"{describe_number(int(rest['events'].sum()), 'event')}")
    return f"{lead}; the actors alone with the most events: {listing(named)}."


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
    same = (int(vac["events"]), int(vac["fatalities"])) == (int(marked["events"]), int(marked["fatalities"]))
    both, typed = int(summary.loc["both", "events"]), int(vac["events"])
    # the two measures side by side read as one: how far they are the same events, where they are not wholly
    overlap = ("" if not typed or both == typed or "civilian_targeting" not in events.columns else
               f" ({'none' if not both else f'only {both:,}'} of them marked as civilian targeting)")
    vac_words = ("as many events and killed" if same  # the figures once, not twice in one sentence
                 else f"{describe_number(typed, 'event')}{overlap}, {_killed_in(int(vac['fatalities']), False)}")
    return (f"**Civilian targeting.** Civilians were the main target of "
            f"{describe_number(int(marked['events']), 'event')} "
            f"({percent(marked['events'], len(events))}; {how}), in which "
            f"{describe_number(int(marked['fatalities']), 'person', 'people')} were killed; ACLED's type Violence "
            f"against civilians holds {vac_words}.")


def actors_table(facts: Facts) -> pd.DataFrame:
    """The most active actors (at most ACTOR_ROWS, a tie listed whole up to ACTOR_LIMIT), with their figures."""
    table = facts.actors
    shown, _, _ = top_whole(table, ACTOR_ROWS, ACTOR_LIMIT)
    columns = ["actor", "actor_type", "events", "fatalities", "as_actor1", "as_actor2"]
    if shown["as_associated"].any():  # the export names associated actors
        columns.append("as_associated")
    # ACLED gives an associated actor no type (an empty cell), and does not say it was hit: an actor named only
    # beside a side has no killed figure that could read as its losses; the note under the table says both
    killed = shown["fatalities"].astype("Int64").mask(_only_associated(shown))
    return shown[columns].assign(fatalities=killed).rename(columns={"fatalities": "killed"})


def _only_associated(table: pd.DataFrame) -> pd.Series:
    """Mark the actors of :attr:`Facts.actors` named only beside a side (as an associated actor), never as one."""
    return (table["as_associated"] > 0) & (table["as_associated"] == table["events"])


ACTOR_HEADERS = {"actor": "actor", "actor_type": "actor type", "events": "events",
                 "killed": "killed in these events (any side)", "as_actor1": "as first actor",
                 "as_actor2": "as second actor", "as_associated": "as associated actor"}


def actors_note(facts: Facts) -> str:
    """Say what the table of actors lists (plain text, the table's caption)."""
    table = facts.actors
    if table.empty:
        return ""
    shown, left, each = top_whole(table, ACTOR_ROWS, ACTOR_LIMIT)
    roles = ("first, second or associated actor" if table["as_associated"].any() else "first or second actor")
    how = (f"with the events each is {roles} in and the people killed in them (an event's dead count under each of "
           "its actors)")
    text = (f"The {len(shown):,} most active of the {len(table):,} actors (all those tied at the last place listed), {how}."
            if len(shown) < len(table) else f"{describe_all(len(table), 'actor')}, {how}.")
    if left:
        text += f" {left:,} more actors have {each:,} events each."
    if _only_associated(shown).any():
        text += (" An actor named only beside a side (an associated actor) has no actor type in ACLED, and no killed "
                 "figure here: ACLED does not say whether it was hit.")
    return text


#: Pairs of actors the chart of pairs over time draws, a panel each (a tie at the last kept whole, up to twice as
#: many), ranked among the events with a second actor; the other pairs, and the events with no second actor (no pair,
#: so never ranked as one), are counted as :data:`OTHER_PAIRS` and :data:`ONE_ACTOR` and said, not drawn.
PAIRS_DRAWN = 5
OTHER_PAIRS = "other pairs"
ONE_ACTOR = "one actor alone"


def pair_groups(facts: Facts) -> tuple[pd.Series, list[str]]:
    """Each event's pair of actors, the pairs with the most events named, the other pairs :data:`OTHER_PAIRS` and the
    events with no second actor :data:`ONE_ACTOR`; and the named pairs, most events first."""
    pairs = stats.by_pair(facts.events)
    shown, _, _ = top_whole(pairs[pairs["actor2"] != stats.NONE], PAIRS_DRAWN, 2 * PAIRS_DRAWN)
    names = stats.pair_of(shown).tolist()
    every = stats.pair_of(facts.events)
    return every.where(every.isin(names), OTHER_PAIRS).mask(stats.alone(facts.events), ONE_ACTOR), names


def pair_figures(facts: Facts) -> list:
    """The pairs of actors (with a second actor) the rows ``INVALID=drop`` left out would add to, each with its
    events and the most any pair has (:func:`analysis.report.words.dropped.group_figures`): the "who fought whom"
    finding with them; none where no row was left out, or none reads as a pair."""
    from .dropped import group_figures, rows_left_out

    rows = rows_left_out(facts)
    if rows is None or facts.events.empty:
        return []
    pairs = stats.by_pair(facts.events)
    pairs = pairs[pairs["actor2"] != stats.NONE]
    counts = pd.Series(pairs["events"].to_numpy(), index=stats.pair_of(pairs).to_numpy())
    both = rows["actor1"].notna() & rows["actor2"].notna()
    named = stats.pair_of(rows[["actor1", "actor2"]].astype("string").fillna(""))
    return group_figures(counts, named.where(both.to_numpy()).map(lambda pair: [] if pd.isna(pair) else [pair]),
                         "the pair ")


#: What the chart of pairs over time is made of: each event's group and the pairs drawn (:func:`pair_groups`), and
#: the counts per period and group, as it draws them.
PairsDrawn = tuple[pd.Series, list[str], pd.DataFrame]


def pairs_drawn(facts: Facts) -> PairsDrawn:
    """Compute what the chart of pairs over time draws (:data:`PairsDrawn`), once for its drawing and its words."""
    groups, names = pair_groups(facts)
    return groups, names, _pair_counts(facts, facts.events, groups)


def _pair_counts(facts: Facts, events: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Count ``events`` (some of the run's) per period of the chart of pairs, by their pair (``groups``, as
    :func:`pair_groups` gives it, on the run's index): the chart's counts, or a part of them counted alike."""
    from ...stats.periods import attacks_per_period

    return attacks_per_period(events.assign(pair=groups.loc[events.index].to_numpy()),
                              freq=facts.period("monthly", "M"), by="pair", kinds=None, start=facts.first,
                              end=facts.last, dates=facts.data.date_rule)


def pairs_title(facts: Facts, drawn: PairsDrawn | None = None) -> str:
    """The chart of pairs over time's title, its finding: the pair with the most events of those with a second actor
    (or, where the pairs drawn are alike, how many and their range), and the one period in which every pair drawn
    peaked, where there is one; ``drawn`` as :func:`pairs_drawn` gives it (computed if None)."""
    from .counting import batch_title_note, period_text
    from .coverage import new_source_note

    groups, names, counts = drawn or pairs_drawn(facts)
    if not names:
        return "Who fought whom: no event has a second actor"
    sizes = groups[groups.isin(names)].value_counts().reindex(names)
    most, least = int(sizes.max()), int(sizes.min())
    if alike(sizes):
        lead = f"{len(names)} pairs of actors, {f'{least:,} to ' if least < most else ''}{most:,} events each"
    else:
        top = sizes[sizes == most]
        two = int((groups != ONE_ACTOR).sum())
        lead = (f"{' and '.join(top.index)} had the most events, {most:,}{' each' if len(top) > 1 else ''} of "
                f"{two:,}{'' if two == len(groups) else ' with a second actor'}")
    when = _common_peak((groups, names, counts))
    if when is not None:
        every = "both pairs" if len(names) == 2 else f"all {len(names)} pairs drawn"
        lead += f"; {every} peaked in {period_text(when, facts.period('monthly', 'M'))}"
        drawn_events = facts.events[groups.isin(names).to_numpy()]
        lead += new_source_note(facts, drawn_events, when["period_start"], when["period_end"])
        lead += batch_title_note(facts, drawn_events, when["period_start"], when["period_end"])
    return f"Who fought whom: {lead}"


def _common_peak(drawn: PairsDrawn) -> pd.Series | None:
    """The one period in which every pair drawn peaked (its row of counts: ``period_start``, ``period_end``), where
    there are several pairs and one such period; else None."""
    _, names, counts = drawn
    counts = counts[counts["pair"].isin(names)]
    peaks = set()
    for _, part in counts.groupby("pair", observed=True):
        top = part[part["expected"] == part["expected"].max()]
        peaks.add(top["period_start"].iloc[0] if len(top) == 1 else None)
    if len(names) > 1 and len(peaks) == 1 and None not in peaks:
        return counts[counts["period_start"] == next(iter(peaks))].iloc[0]
    return None


def pairs_coverage(facts: Facts, drawn: PairsDrawn | None = None) -> str:
    """Say, where new sources carry the period in which every pair drawn peaked
    (:func:`~analysis.report.words.coverage.carried_peak`), how many of the pairs' events of that period they report
    and the pairs' events without them, against the other periods (plain text, for the subtitle): "Local Network,
    which began reporting on 2 June 2020, reports 28 of the pairs' 48 events of June 2020; without the events only it reports,
    the pairs drawn have 3 to 4 events each in June 2020, no more than in other months (up to 5)"; "" where no
    new source carries it. ``drawn`` as :func:`pairs_drawn` gives it (computed if None)."""
    from .counting import period_text
    from .coverage import carried_peak, carried_peak_words

    drawn = drawn or pairs_drawn(facts)
    groups, names, _ = drawn
    when = _common_peak(drawn)
    if when is None:
        return ""
    freq = facts.period("monthly", "M")
    carried = carried_peak(facts, facts.events[groups.isin(names).to_numpy()], when["period_start"],
                           when["period_end"])
    if carried is None:
        return ""
    counts = _pair_counts(facts, carried[3], groups)
    counts = counts[counts["pair"].isin(names)]
    at_peak = (counts[counts["period_start"] == when["period_start"]].set_index("pair")["expected"]
               .reindex(names, fill_value=0))
    other = float(counts.loc[counts["period_start"] != when["period_start"], "expected"].max())
    name = period_text(when, freq)
    low, high = float(at_peak.min()), float(at_peak.max())
    each = (f"{describe_figure(high)} events each" if describe_figure(low) == describe_figure(high)
            else f"{describe_figure(low)} to {describe_figure(high)} events each")
    against = (f"no more than in other {facts.period_name('monthly')}s (up to {describe_figure(other)})"
               if high <= other else f"against at most {describe_figure(other)} in other "
               f"{facts.period_name('monthly')}s")
    them = "only it reports" if len(carried[0]) == 1 else "only they report"
    share = carried_peak_words(carried, name, whose="the pairs'")
    return (f"{share}; without the events {them}, the pairs drawn have {each} in {name}, "
            f"{against}")


def pairs_subtitle(facts: Facts, drawn: PairsDrawn | None = None) -> str:
    """The chart of pairs over time's subtitle: what a panel draws, on which scale, and the events not drawn, counted
    (the other pairs, the events with no second actor), so that those drawn and those not add up to every event;
    ``drawn`` as :func:`pairs_drawn` gives it (computed if None)."""
    groups, names, _ = drawn or pairs_drawn(facts)
    shown = int(groups.isin(names).sum())
    other, alone = int((groups == OTHER_PAIRS).sum()), int((groups == ONE_ACTOR).sum())
    which = ("both pairs" if len(names) == 2 else f"the {len(names)} pairs") + " of actors"
    text = (f"Events per {facts.period_name('monthly')} of {which}{' with the most events' if other else ''} (the "
            f"first actor against the second), a panel each, all on one scale: "
            + (f"{shown:,} of the {len(groups):,} events" if shown < len(groups)
               else lower_first(describe_all(shown, "event"))))
    left = []
    if other:
        count = int(stats.pair_of(facts.events[(groups == OTHER_PAIRS).to_numpy()]).nunique())
        left.append(f"{describe_number(other, 'event')} of {describe_number(count, 'other pair')}")
    if alone:
        left.append(f"{describe_number(alone, 'event')} with one actor alone, no second actor")
    text += f". Not drawn: {' and '.join(left)}" if left else ""
    coverage = pairs_coverage(facts, drawn)
    return text + (f". {capital(coverage)}" if coverage else "")


def pairs_part(facts: Facts, drawn: PairsDrawn | None = None) -> tuple[pd.DataFrame | None, str | None]:
    """The part of the chart of pairs that explains the period every pair drawn peaked in, counted as the chart
    counts, and the key's words for it, as the other charts' hatch says it
    (:func:`analysis.report.words.coverage.peak_part`): the events only the new sources carrying it report (those
    :func:`pairs_coverage` names), else those of the week in it that may be one batch of coding (the title's);
    (None, None) where neither. ``drawn`` as :func:`pairs_drawn` gives it (computed if None)."""
    from .coverage import peak_part

    drawn = drawn or pairs_drawn(facts)
    groups, names, _ = drawn
    when = _common_peak(drawn)
    if when is None:
        return None, None
    found = peak_part(facts, facts.events[groups.isin(names).to_numpy()], when["period_start"], when["period_end"])
    if found is None:
        return None, None
    events, label = found
    return _pair_counts(facts, events, groups), label


def plot_pairs(facts: Facts) -> object:
    """Draw an ACLED run's events per period of each pair of actors with the most events, a panel each on one scale,
    with its title and a subtitle that counts the events not drawn (None for the coded data, a window without events,
    fewer than two pairs with a second actor, or pairs that all tie, too many to draw: the sentence says it all)."""
    from ...stats.highlights import peak
    from ...viz.figures import headline
    from ...viz.panels import plot_panels_per_period
    from .coverage import peak_marks

    if facts.coded or facts.events.empty:
        return None
    pairs = stats.by_pair(facts.events)
    if (pairs["actor2"] != stats.NONE).sum() < 2:
        return None
    drawn = pairs_drawn(facts)
    groups, names, counts = drawn
    if not names:
        return None
    sizes = groups.value_counts()
    busiest = peak(facts.per_period(facts.period("monthly", "M")))  # a new source or a batch behind it is marked
    marks = {} if busiest is None else peak_marks(facts, facts.events, busiest.start, busiest.end)
    part, part_label = pairs_part(facts, drawn)
    fig = plot_panels_per_period(counts, by="pair", groups=names,
                                 titles={name: f"{name}: {describe_number(int(sizes[name]), 'event')}" for name in names},
                                 covered=(facts.first, facts.last), marks=marks, part=part, part_label=part_label,
                                 ylabel="events")
    headline(fig, pairs_title(facts, drawn), subtitle=pairs_subtitle(facts, drawn), source=facts.data.source_line)
    return fig
