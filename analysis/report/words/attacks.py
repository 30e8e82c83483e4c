"""The attacks page's words (notebook 02): what is counted, the peak week, the places, the killed and when they
were killed, the tables, and the titles of its charts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ...stats.casualties import killed_distribution
from ...stats.highlights import busiest_periods, deadliest_events, halves, killed_per_event, peak, top_values
from ...stats.periods import counts_agree
from ...stats.selection import event_kind
from ...text import (
    bounds_texts,
    describe_all,
    describe_dates,
    describe_figure,
    describe_number,
    describe_points,
    join_words,
)
from ...text import markdown_text as md
from .caveats import heap_sentence
from .common import (
    Dateline,
    Heading,
    after_the_title,
    capital,
    changes,
    counted_as,
    data_span,
    fatality_rule,
    findings,
    harmed,
    heading,
    in_window,
    lower_first,
    nothing,
    percent,
    period_words,
    placeholder_note,
    spread_note,
    tie_note,
    top_whole,
    week_text,
    weekly_words,
)
from .common import dateline as common_dateline
from .counting import (
    batch_title_note,
    partial_caveat,
    partial_note,
    partial_starts,
    peak_headline,
    period_text,
    stands_apart_note,
    time_section,
    title_names_tie,
)
from .coverage import killed_source_note, new_source_note
from .dropped import Figure
from .events import deadliest, deadliest_listed, event_columns, reader_sentence, sides_of
from .facts import ATTACK_ROWS, Facts
from .plain import headlines_of, numbered

#: The table of busy periods lists every period with an attack up to ALL_PERIODS of them (half a year of
#: weeks), else at most BUSIEST of the busiest.
ALL_PERIODS = 26
BUSIEST = 12
#: The three counts of a period (:data:`analysis.stats.periods.COUNT_NAMES`), headed so in the table of periods.
COUNTS = ("certain", "possible", "expected")
#: How many places the attacks sentence names (a tie at the last named whole, up to twice as many).
PLACES_NAMED = 3
#: How many perpetrators the table of attacks by perpetrator lists (a tie at the last kept whole, up to twice as
#: many), and how many the sentence names.
PERPETRATORS = 15
PERPETRATORS_NAMED = 3


#: How many kinds of event the lead of a window without attacks names.
KINDS_NAMED = 4
#: The findings under the chart of people killed per period say how the killed per attack changed from the first half
#: of its periods to the second when one half has at least PER_EVENT_CHANGE times the other's, and each half holds
#: at least HALF_EVENTS attacks (a few attacks make no rate).
PER_EVENT_CHANGE = 1.5
HALF_EVENTS = 20


def page_heading(facts: Facts) -> Heading:
    """The page's title and lead: how many attacks, and their share of the events."""
    data = facts.data
    what, n, attacks = data.selection.what, len(facts.events), facts.attacks

    def lead(esc):
        if not len(attacks):  # and what the window does hold, where it holds events: the page has nothing else
            said = [nothing(facts, esc(what), esc) + data_span(facts)]
            if n:
                kinds = top_values(event_kind(facts.events).astype("string"), n=KINDS_NAMED)
                listed = (f"all {esc(lower_first(str(kinds.index[0])))}" if len(kinds) == 1 else join_words(
                    [f"{esc(lower_first(str(kind)))} ({count:,})" for kind, count in kinds.items()]))
                others = n - int(kinds.sum())
                said.append(f"The window's {describe_number(n, 'event')} were {listed}"
                            f"{f', and {others:,} of other kinds' if others else ''}.")
            return said
        return [f"The data hold {counted_as(facts, len(attacks), esc)}, "
                f"{percent(len(attacks), n)} of the {describe_number(n, 'event')} {in_window(facts, esc)}."]

    return heading(lambda esc: f"How often: {esc(what)} in {esc(data.place)}, {data.period_text}", lead)


def chart_title(facts: Facts, chart: str) -> str:
    """The title of the attacks one by one (``"attacks"``), the weekly or monthly counts (``"weekly"``,
    ``"monthly"``), the people killed per week (``"killed"``) or the killed per attack (``"casualties"``).

    An ACLED run's titles state what the chart shows, with its number (:func:`_finding`); a window of the coded
    data, whose counts spread ranged dates and whose figures are killed and wounded, keeps titles that name the
    chart.
    """
    data = facts.data
    what = data.selection.what
    where = f"{data.place}, {data.period_text}"
    finding = "" if facts.coded or facts.attacks.empty else _finding(facts, chart)
    if finding:
        return finding
    if chart == "attacks":
        return f"{capital(what)}, one by one, {where}"
    if chart == "weekly":
        return f"{capital(what)} per {weekly_words(facts)}, {where}"
    if chart == "monthly":
        how = "expected count" if data.date_rule == "range" else "each counted on ACLED's date"
        return (f"{capital(what)} per {facts.period_name('monthly')}, by "
                f"{'base' if data.coded else 'region'} ({how})")
    if chart == "killed":
        return f"People killed in {what} per {weekly_words(facts)}, {where}"
    return f"{capital(harmed(facts))} in {what}, {where}"


def peak_span(facts: Facts, chart: str) -> tuple[pd.DataFrame, pd.Timestamp, pd.Timestamp] | None:
    """The attacks of the weekly, monthly or killed chart (``chart``) and the first and last days of the peak its title
    names (of the killed, for the killed per week); None where it names none."""
    if chart not in ("weekly", "monthly", "killed") or facts.attacks.empty:
        return None
    freq = facts.period("weekly" if chart == "killed" else chart, "M" if chart == "monthly" else "W")
    busiest = peak(facts.per_period(freq, facts.attacks), column="killed" if chart == "killed" else "expected")
    return None if busiest is None else (facts.attacks, busiest.start, busiest.end)


def _finding(facts: Facts, chart: str) -> str:
    """State what an ACLED run's chart of attacks shows, as plain text: the peak period of the weekly or monthly
    counts, the period of the most people killed, or the killed and the most in one attack."""
    data = facts.data
    what, attacks = data.selection.what, facts.attacks
    if chart == "killed":
        freq = facts.period("weekly", "W")
        found = peak_headline(facts.per_period(freq, attacks), freq, f"deaths in {what} in {data.place}",
                              "person killed", column="killed", plural="people killed",
                              note=lambda start, end: (killed_source_note(facts, attacks, start, end)
                                                       + batch_title_note(facts, attacks, start, end)))
        return found or _no_one_killed(facts)
    if chart in ("weekly", "monthly"):
        # the peak alone, one sentence: the places of the most attacks are the findings' under the monthly chart
        # (:func:`_places`)
        freq = facts.period(chart, "W" if chart == "weekly" else "M")
        return peak_headline(facts.per_period(freq, attacks), freq, f"{what} in {data.place}", unit(facts),
                             note=lambda start, end: (new_source_note(facts, attacks, start, end)
                                                      + batch_title_note(facts, attacks, start, end)))
    killed = killed_per_event(attacks, data.casualties)
    total, most = int(killed.sum()), int(killed.max())
    if not total:
        return _no_one_killed(facts)
    return (f"{capital(what)} in {data.place} killed {describe_number(total, 'person', 'people')}, "
            f"at most {most:,} in one {unit(facts)}")


def _no_one_killed(facts: Facts) -> str:
    """Say, as a chart's title, that the run's attacks killed no one (plain text)."""
    return f"No {facts.data.selection.what} in {facts.data.place} killed anyone, as ACLED codes them"


def _placed(facts: Facts) -> str:
    """Say how the charts over time place an attack (plain text)."""
    return ("an attack known only to a range of days is spread over it" if facts.data.date_rule == "range"
            else "each counted on ACLED's date, as ACLED's tools count")


def chart_subtitle(facts: Facts, chart: str) -> str:
    """What the attacks, weekly, monthly or casualties chart measures, as plain text, in every run (the default
    run's too)."""
    what = facts.data.selection.what
    if chart == "attacks":
        from ..._frames import weekday_numbers

        weekday = weekday_numbers(facts.attacks)
        ticks = (" (ticked on the days of the weekday the reports name)"
                 if weekday is not None and (weekday >= 0).any() else "")
        return (f"Each attack on its date, a bar over its possible days where only a range is known{ticks}, with the "
                "rockets and the killed and wounded the reports give (the lowest figures)" if facts.coded
                else "Each attack on its date, with ACLED's fatalities")
    if chart == "weekly":
        return f"{capital(what)} per {period_words(facts, 'weekly')}; {_placed(facts)}"
    if chart == "killed":
        return f"People killed in {what} per {period_words(facts, 'weekly')} ({fatality_rule(facts)}); {_placed(facts)}"
    if chart == "monthly":
        how = "expected count" if facts.data.date_rule == "range" else "each counted on ACLED's date"
        return (f"{capital(what)} per {period_words(facts, 'monthly')}, by "
                f"{'base' if facts.coded else 'region'} ({how})")
    return ("Killed and wounded per attack and group: the lowest and highest figure any report gives" if facts.coded
            else f"People killed in {what}: ACLED's fatalities, one figure per event")


def sections(facts: Facts) -> dict[str, Callable[[], str]]:
    """The page's section headings and how to read them, each written when called: ``"counting"``, ``"totals"``."""
    return {
        "counting": lambda: (time_section(facts, counted(facts), events=facts.attacks)
                             if facts.data.date_rule == "event_date" else
                             "## Counting events known only to a range of dates\n\n"
                     "An event known only to a range of days (a week or a month in ACLED's time precision) is "
                     "counted three ways in every period: **certain** if its whole range lies in the period, "
                     "**possible** if its range overlaps the period, and **expected**: its share of its range's days "
                     "in the period. Over all periods each event adds up to exactly one. The bars show *expected*; "
                     "the darker part is *certain* and the dashed outline *possible*.\n\n"
                     + "\n\n".join(part for part in (partial_note(facts, facts.period("monthly", "M")), counted(facts))
                                   if part)),
        "totals": lambda: ("## Reported totals: aggregate claims, not events\n\nThe reports' claims about many events at "
                   "once whose period overlaps this window, with their wording and source; they are never turned "
                   "into events or added to the counts above." if facts.coded else ""),
    }


def counted(facts: Facts) -> str:
    """Say in one sentence which events are counted as attacks (Markdown), as the option ``ATTACKS`` and
    ``TARGET`` chose them."""
    selection = facts.data.selection
    if not selection.attacks:
        kinds = ("events coded as militia attacks (for events without a category, ACLED's "
                 "Shelling/artillery/missile attack)")
    else:
        kinds = "ACLED events of type " + join_words([md(name) for name in selection.attacks])
    whom = (" whose second actor or its associated actors match "
            f"'{md('; '.join(selection.target))}'" if selection.target else ", whoever the target")
    # what the page counts, called as the page calls it: "Events counted" where battles are among them
    return f"{capital(unit(facts))}s counted: {kinds}{whom}."


def key_sentences(facts: Facts) -> str:
    """Write the findings of the attack counts (:func:`~analysis.report.words.common.findings`): the peak week
    first, then each a bullet: the places, the largest changes, the partial months. Where the attacks are drawn per
    period, the places and the months' changes stand under the monthly chart instead (:func:`monthly_sentences`),
    the chart that shows them."""
    data = facts.data
    what, attacks = data.selection.what, facts.attacks
    if attacks.empty:  # the page's lead says the window holds none
        return ""
    weekly = facts.per_period("W", attacks)
    found = peak(weekly)
    lead = (f"{capital(md(what))} peaked in the week of {week_text(found)}: "
            f"{describe_number(found.events, unit(facts))}{spread_note(found)}{tie_note(weekly, found)}."
            if found is not None else "")
    # where the chart of the killed per week follows, it says the week's killed: not here too
    # an ACLED file's week apart comes with the signs that it may be a batch of coding, among its attacks
    apart = stands_apart_note(weekly, found, unit(facts), killed=not facts.counted_per_period,
                              events=None if facts.coded else attacks)
    items = ([apart] if apart else []) + ([] if facts.counted_per_period else _monthly_items(facts))
    ties = "" if title_names_tie(weekly) else tie_note(weekly, found)  # a title naming the tie says it whole
    shared = f"The peak week, {week_text(found)}, is shared{ties}." if ties else ""
    return findings("What it shows", *after_the_title(facts, lead, items, shared))


def _monthly_items(facts: Facts) -> list[str]:
    """The places of the most attacks, the largest changes from one whole month to the next, the partial months."""
    attacks, column = facts.attacks, facts.data.place_column
    items = _places(facts, attacks, column) if column in attacks.columns else []
    items += changes(facts, facts.per_period("M", attacks), unit(facts), attacks)
    items.append(partial_caveat(facts, facts.period("monthly", "M")))
    return [item for item in items if item]


def monthly_sentences(facts: Facts) -> str:
    """Write the findings under the monthly chart of attacks by place (Markdown): the places of the most attacks,
    the largest changes from one month to the next, the partial months; "" where the attacks are drawn one by one
    (:attr:`Facts.counted_per_period`: the first chart's findings say them)."""
    if facts.attacks.empty or not facts.counted_per_period:
        return ""
    items = _monthly_items(facts)
    return findings("What it shows", items[0], items[1:]) if items else ""


def _places(facts: Facts, attacks: pd.DataFrame, column: str) -> list[str]:
    """Name the places with the most attacks (a tie named whole), or the one place all of them were in."""
    data = facts.data
    counts = top_values(attacks[column].dropna(), n=len(attacks))
    table = pd.DataFrame({"place": counts.index, "events": counts.to_numpy()})
    if table.empty:
        return []
    names = data.base_names
    word, at = ("base", "at") if data.coded else ("region", "in")
    if len(table) == 1:
        return [f"All of them were {at} one {word}, {md(names.get(table['place'][0], table['place'][0]))}."]
    shown, left, each = top_whole(table, PLACES_NAMED, 2 * PLACES_NAMED)
    if shown.empty:
        named = ""
    elif len(shown) > 1 and shown["events"].nunique() == 1:  # a tie said once: "Duhok and Kirkuk, 31 each"
        named = f"{join_words([md(names.get(p, p)) for p in shown['place']])}, {shown['events'].iloc[0]:,} each"
    else:
        named = join_words([f"{md(names.get(row.place, row.place))} ({row.events:,})" for row in shown.itertuples()])
    most = "the" if len(shown) == len(table) else "the most"  # every place named: none is "the most"
    text = f"By {word}, {most} {unit(facts)}s were {at} {named}." if named else ""
    if left:
        text += f" {left:,} places tie with {describe_number(each, unit(facts))} each."
    return [text.strip()]


def casualties(facts: Facts) -> str:
    """Write the key sentences of the killed per attack: the total, the distribution, the deadliest."""
    data = facts.data
    attacks = facts.attacks
    if attacks.empty:  # the page's lead says the window holds none
        return ""
    counts = killed_distribution(attacks, data.casualties, kinds=None)
    total = int(counts["people"].sum())
    none = int(counts.loc[counts["killed"] == "0", "events"].sum())
    many = int(counts.loc[counts["lowest"] >= 10, "events"].sum())
    # a heap at one figure stands out on the chart above as a bar taller than its neighbours: said under it
    heap = "" if facts.coded or "event_date" not in attacks.columns else heap_sentence(attacks)
    items = ([note for note in [placeholder_note(facts, attacks, total), capital(heap)] if note]
             + deadliest(facts, attacks, f"{unit(facts)}s"))
    if not facts.coded:
        items.append(perpetrators_sentence(facts))
    return findings("What it shows", killed_sentence(len(attacks), total, none, many, fatality_rule(facts), unit(facts)),
                    items)


def killed_over_time(facts: Facts) -> str:
    """Write the findings under the chart of people killed per period (Markdown): whether its deadliest period was
    also the busiest (the peak the chart of attacks per period names), and how the killed per attack changed from
    the first half of the periods to the second, where it changed much (:data:`PER_EVENT_CHANGE`)."""
    attacks = facts.attacks
    if attacks.empty:  # the page's lead says the window holds none
        return ""
    freq, name, noun = facts.period("weekly", "W"), facts.period_name("weekly"), unit(facts)
    frame = facts.per_period(freq, attacks)
    found = peak(frame, "killed")
    if found is None:
        return findings("What it shows", f"No one was reported killed in any {name} ({fatality_rule(facts)}).", [])
    deadly = frame[np.isclose(frame["killed"].to_numpy(dtype=float), found.value)]
    busy = frame[np.isclose(frame["expected"].to_numpy(dtype=float), float(frame["expected"].max()))]
    row = deadly.iloc[0]
    it = (f"The deadliest {name}, {period_text(row, freq)}," if len(deadly) == 1 else
          f"The first of the {len(deadly):,} deadliest {name}s, {period_text(row, freq)},")
    toll = (f"{describe_number(found.value, 'person', 'people')} killed in "
            f"{describe_number(found.events, noun)}{spread_note(found)}")
    if found.start in set(busy["period_start"]):
        also = "also the busiest" if len(busy) == 1 else f"one of the {len(busy):,} busiest"
        lead = f"{it} was {also}: {toll}."
    else:
        first = busy.iloc[0]
        which = "the busiest" if len(busy) == 1 else f"the first of the {len(busy):,} busiest"
        lead = (f"{it} was not the busiest: {toll}, while {which}, {period_text(first, freq)}, had "
                f"{describe_number(first['expected'], noun)} and {describe_figure(first['killed'])} killed.")
    return findings("What it shows", lead, [_per_event_change(facts, frame, found, noun)])


def _per_event_change(facts: Facts, frame: pd.DataFrame, found: object, noun: str) -> str:
    """Say how the killed per attack changed from the first half of the chart's periods to the second ("" where it
    changed less than :data:`PER_EVENT_CHANGE` times or a half holds fewer than :data:`HALF_EVENTS` attacks), and,
    where one period holds most of its half's killed, that it does."""
    split = halves(frame)
    if split.empty or (split["events"] < HALF_EVENTS).any():
        return ""
    before, after = split["per_event"].tolist()
    if max(before, after) < PER_EVENT_CHANGE * min(before, after) or max(before, after) == 0:
        return ""

    def half(row: pd.Series, which: str) -> str:
        first, last = max(row["period_start"], facts.first), min(row["period_end"], facts.last)
        return (f"{describe_points(row['per_event'])} in the {which} ({describe_dates(first, last, long=True)}: "
                f"{describe_figure(row['killed'])} killed in {describe_number(row['events'], noun)})")

    first, second = split.iloc[0], split.iloc[1]
    higher, lower = (first, second) if before > after else (second, first)
    if higher["period_start"] <= found.start <= higher["period_end"] and found.value > higher["killed"] / 2:
        peak_row = pd.Series({"period_start": found.start, "period_end": found.end})
        when = period_text(peak_row, facts.period("weekly", "W"))
        holds = (f"holds {describe_figure(found.value)} of the {higher['half']} half's "
                 f"{describe_figure(higher['killed'])} killed")
        rest = higher["events"] - found.events
        without = (higher["killed"] - found.value) / rest if rest > 1e-9 else np.nan
        if not np.isnan(without) and max(without, lower["per_event"]) < PER_EVENT_CHANGE * min(without,
                                                                                                lower["per_event"]):
            # the one period makes the whole difference: no change of the halves is said, the period is
            return (f"Killed per {noun} was {half(first, 'first half of the window')} and {half(second, 'second')}, "
                    f"a difference that one {facts.period_name('weekly')} makes: {when} {holds}; without it, "
                    f"{describe_points(without)} in the {higher['half']} half against "
                    f"{describe_points(lower['per_event'])} in the {lower['half']}.")
        return (f"Killed per {noun} {'rose' if after > before else 'fell'} from "
                f"{half(first, 'first half of the window')} to {half(second, 'second')}; one "
                f"{facts.period_name('weekly')}, {when}, {holds}.")
    return (f"Killed per {noun} {'rose' if after > before else 'fell'} from {half(first, 'first half of the window')} "
            f"to {half(second, 'second')}.")


def killed_sentence(attacks: int, killed: int, none: int, many: int, rule: str, noun: str = "attack") -> str:
    """Say how many the attacks killed in all, in how many no one was reported killed (a zero or no figure: the
    attack is not known to have killed no one) and how many killed 10 or more; each of them a ``noun``.

    Examples
    --------
    >>> killed_sentence(2, 3, 1, 0, "lowest figures")
    'The 2 attacks killed 3 people (lowest figures); no one was reported killed in 1 attack, and none killed 10 or more.'
    >>> killed_sentence(1, 0, 1, 0, "lowest figures")
    'No one was reported killed in the attack (lowest figures).'
    """
    those = f"the {noun}" if attacks == 1 else f"the {attacks:,} {noun}s"
    if killed == 0:
        return f"No one was reported killed in {those} ({rule})."
    text = f"{those[:1].upper()}{those[1:]} killed {describe_number(killed, 'person', 'people')} ({rule})"
    if attacks == 1:
        return text + "."
    unknown = f"no one was reported killed in {describe_number(none, noun)}, and " if none else ""
    return text + f"; {unknown}{describe_number(many, noun) if many else 'none'} killed 10 or more."


def attacks_table(facts: Facts, most: int = ATTACK_ROWS) -> pd.DataFrame:
    """List the attacks with their figures: all up to ``most``, else the ``most`` deadliest, in date order.

    The coded attacks show projectiles, killed and wounded as the
    reports word them; ACLED codes neither projectiles nor wounded, so
    an ACLED file's attacks show their place, kind, actors and killed.
    """
    from ...stats.casualties import attacks_table as table_of

    data = facts.data
    attacks = facts.attacks
    if len(attacks) > most:
        # a tie is listed whole or not at all: no attack left out killed as many as one listed
        ids = set(deadliest_events(attacks, data.casualties, n=most, split_ties=False)["event_id"])
        attacks = attacks[attacks["event_id"].isin(ids)]
    table = table_of(attacks, data.casualties, kinds=None)
    for figure in ("projectiles", "killed", "wounded"):  # the figures in words
        table[figure] = bounds_texts(table[f"{figure}_low"], table[f"{figure}_high"])
    if data.coded:  # each attack by its number and headline, as on the pages
        listed = table[["event_id", "when", "location", "projectiles", "killed", "wounded"]].head(most)
        listed.insert(1, "attack", headlines_of(facts.events, listed["event_id"]).to_numpy())
        return numbered(facts.events, listed.reset_index(drop=True))
    column = event_columns(facts.events, table["event_id"])
    out = table[["event_id", "when", "location"]].copy().reset_index(drop=True)
    out["admin1"] = column("admin1")
    out["sub_event_type"] = column("sub_event_type")
    first, second = actor_roles(facts)
    out[first], out[second] = sides_of(facts.events, table["event_id"])
    out["killed"] = table["killed"].to_numpy()
    out["what"] = [reader_sentence(notes, references=facts.coded)
                   for notes in column("notes").astype(object).where(lambda v: v.notna(), None)]
    return out.head(most).reset_index(drop=True)



#: The headers of :func:`groups_table`.
GROUP_HEADERS = {"count_low": "lowest", "count_high": "highest", "attacks": "the attacks that give a figure, even 0, by number"}


def groups_table(facts: Facts) -> pd.DataFrame:
    """Sum the coded attacks' killed and wounded by group, each row naming the attacks it sums by their numbers on
    the pages ("23, 35"), so that a reader finds them in the table of attacks: group, outcome, count_low, count_high,
    attacks. Empty for an ACLED run (its figures are per event, not per group)."""
    from ...stats.casualties import casualties_by_group, casualties_per_event
    from ...stats.selection import event_keys

    data = facts.data
    if not facts.coded or data.casualties is None:
        return pd.DataFrame(columns=["group", "outcome", "count_low", "count_high", "attacks"])
    sums = casualties_by_group(data.events, data.casualties, kinds=data.selection)
    rows = casualties_per_event(data.events, data.casualties, kinds=data.selection)
    number = dict(zip(data.events["event_id"].astype("string"), event_keys(data.events)))
    listed = rows.groupby(["group", "outcome"], sort=False)["event_id"].agg(
        lambda ids: ", ".join(str(n) for n in sorted({number[str(i)] for i in ids})))
    out = sums[["group", "outcome", "count_low", "count_high"]].copy()
    out["attacks"] = [listed.get((g, o), "") for g, o in zip(out["group"], out["outcome"])]
    return out.astype({"attacks": "string"})

def _has_battles(facts: Facts) -> bool:
    """Whether battles are among the run's attacks: a battle has two sides, neither of them named the attacker."""
    attacks = facts.attacks
    return "event_type" in attacks.columns and bool(attacks["event_type"].astype("string").eq("Battles").any())


def actor_roles(facts: Facts) -> tuple[str, str]:
    """Name the first and second actor of the run's attacks: "perpetrator" and "attacked", or, where battles are
    among them, "first actor" and "second actor": in a battle ACLED's first actor is one side, not the attacker."""
    return ("first actor", "second actor") if _has_battles(facts) else ("perpetrator", "attacked")


def unit(facts: Facts) -> str:
    """What one of the run's attacks is called in a count: "attack", or "event" where battles are among them (a
    battle is no attack): "292 events", "at most 20 in one event"."""
    return "event" if _has_battles(facts) else "attack"


def perpetrators(facts: Facts, most: int = PERPETRATORS) -> pd.DataFrame:
    """Count an ACLED run's attacks by perpetrator (its first actor, ``actor1``): perpetrator, actor type, attacks, killed.

    Most attacks first; the ``most`` first, a tie at the last kept whole (up to twice as many, else left out
    whole). Empty for the coded data, whose attacks' figures are by group (:func:`casualties`).
    """
    from ...stats.actors import actors_table

    attacks = facts.attacks
    role = actor_roles(facts)[0]
    counted = f"{unit(facts)}s"  # "attacks", or "events" where battles are among them
    if facts.coded or attacks.empty or "actor1" not in attacks.columns:
        return pd.DataFrame(columns=[role, "actor type", counted, "killed"])
    first = attacks.assign(actor2=pd.NA, inter2=pd.NA) if "inter2" in attacks.columns else attacks.assign(actor2=pd.NA)
    table = actors_table(first, associated=False)
    shown, _, _ = top_whole(table, most, 2 * most)
    return shown.rename(columns={"actor": role, "actor_type": "actor type", "events": counted,
                                 "fatalities": "killed"})[[role, "actor type", counted, "killed"]]


def perpetrators_note(facts: Facts, most: int = PERPETRATORS) -> str:
    """Say what the table of attacks by perpetrator lists (plain text, a table's caption)."""
    everyone = perpetrators(facts, most=max(len(facts.attacks), 1))
    shown = perpetrators(facts, most)
    if everyone.empty:
        return ""
    role = actor_roles(facts)[0]
    which = (describe_all(len(everyone), role) if len(shown) == len(everyone)
             else f"The {len(shown):,} {role}s with the most of the {len(everyone):,}")
    if role == "perpetrator":
        return (f"{which} of the {counted_as(facts, len(facts.attacks))} (ACLED's first actor), with the attacks each "
                "carried out and the people killed in them.")
    return (f"{which} of the {counted_as(facts, len(facts.attacks))} (the attacker, or in a battle one side), with "
            f"the {unit(facts)}s each took part in and the people killed in them.")


def perpetrators_sentence(facts: Facts) -> str:
    """Name the perpetrators of the most attacks (a tie named whole), with their attacks and killed (Markdown)."""
    table = perpetrators(facts, PERPETRATORS_NAMED)
    if table.empty:
        return ""
    n = len(facts.attacks)
    role = actor_roles(facts)[0]
    noun = unit(facts)
    named = [f"{md(name)} ({describe_number(count, noun)}, {percent(count, n)}; "
             f"{describe_number(killed, 'person', 'people')} killed)"
             for name, count, killed in zip(table[role], table[f"{noun}s"], table["killed"])]
    how = "ACLED's first actor" if role == "perpetrator" else "the attacker, or in a battle one side"
    return f"By {role} ({how}): {join_words(named)}."


def attacks_note(facts: Facts, most: int = ATTACK_ROWS) -> str:
    """Head the attacks table and say which attacks it lists (Markdown)."""
    n = len(facts.attacks)
    what = md(facts.data.selection.what)
    if n == 0:
        return ""
    shown = len(attacks_table(facts, most))
    killers = int((killed_per_event(facts.attacks, facts.data.casualties) > 0).sum())
    counted = counted_as(facts, n, md)  # "62 events of battles and remote violence", the selection's name a noun
    if n <= most:
        listed = f"Every one of the {counted}"
    elif shown == killers:
        listed = f"The {shown:,} of the {counted} that killed anyone (the others killed no one)"
    elif shown < most:
        listed = deadliest_listed(killed_per_event(facts.attacks, facts.data.casualties), shown, counted)
    else:
        listed = f"The {shown:,} deadliest of the {counted}"
    who = ("who attacked whom (each side with its associated actors)" if actor_roles(facts)[0] == "perpetrator" else
           "who fought whom (ACLED's first and second actor, each with its associated actors; in a battle neither "
           "is named the attacker)")
    with_what = (" with the killed" if facts.coded else
                 f": when, where, {who}, the killed and what happened (the first sentence of ACLED's notes, and "
                 "whether ACLED set the toll by rule)")
    return f"## {capital(what)}, one by one\n\n{listed}, in date order{with_what}."


def casualties_within(facts: Facts) -> tuple[pd.Timestamp, pd.Timestamp, str] | None:
    """The week of the attacks that may be one batch of coding (:func:`analysis.report.words.counting.batch_week`),
    for the chart of killed per attack to draw its part of each bar apart, with the key's words ("in the week of 3-9
    March 2025, which may be one batch of coding"); None for the coded data or none. The sentence under the chart
    says a heap in that week with the figures outside it (:func:`analysis.report.words.caveats.heap_sentence`)."""
    from .counting import BATCH_WORDS, batch_week

    found = None if facts.coded or facts.attacks.empty else batch_week(facts, facts.attacks)
    return None if found is None else (found.start, found.end, f"in the week of {week_text(found)}, which {BATCH_WORDS}")


def busiest(facts: Facts, counts: pd.DataFrame, most: int = BUSIEST) -> pd.DataFrame:
    """Return the periods with any event, for reading: all up to ``ALL_PERIODS``, else at most ``most`` of the
    busiest, in date order, a tie at the cut left out whole (:func:`analysis.stats.highlights.busiest_periods`).

    Each period is one short cell, headed by its name ("week": "23-29 Dec 2019"), its first day the frame's index
    (not shown). The three counts are shown under their short names (:data:`BUSIEST_HEADERS`); where they are one
    (:func:`analysis.stats.periods.counts_agree`: every event counted on one date), the table has one count per
    period, headed by what is counted, instead of three equal columns.
    """
    active = _busiest_rows(facts, counts, most)
    freq = facts.period("weekly", "W")
    periods = pd.Series([period_text(row, freq, short=True) for _, row in active.iterrows()],
                        index=pd.Index(active["period_start"], name="period_start"), dtype="string")
    if counts_agree(counts):
        counted = {facts.data.selection.what: active["certain"].to_numpy()}
    else:
        counted = {name: active[name].to_numpy() for name in COUNTS}
    return pd.DataFrame({facts.period_name("weekly"): periods, **counted}, index=periods.index)


#: The headers of :func:`busiest`'s counts: their short names (the page's methods explain them, so that the table
#: reads on a phone), not the explanations of :data:`analysis.viz.tables.DEFAULT_HEADERS`.
BUSIEST_HEADERS = {name: name for name in COUNTS}


def _busiest_rows(facts: Facts, counts: pd.DataFrame, most: int = BUSIEST) -> pd.DataFrame:
    """The rows of ``counts`` that :func:`busiest` shows."""
    active = counts[counts["possible"] > 0]
    return busiest_periods(active, n=most) if len(active) > ALL_PERIODS and not facts.is_default else active


def busiest_caption(facts: Facts, counts: pd.DataFrame, most: int = BUSIEST) -> str | None:
    """Say which periods the table of :func:`busiest` lists, and in which order (plain text; None in the default
    run)."""
    if facts.is_default:
        return None
    active = counts[counts["possible"] > 0]
    name = facts.period_name("weekly")
    what = facts.data.selection.what
    shown = _busiest_rows(facts, counts, most)
    freq = facts.period("weekly", "W")
    # a partial first or last week in the table is said, as its bar is hatched
    partial = (f" {partial_caveat(facts, freq)}" if shown["period_start"].isin(partial_starts(facts, freq)).any()
               else "")
    if len(shown) == len(active):
        return (f"{describe_all(len(active), name)} with any {what}" + (", in date order." if len(active) > 1 else ".")
                + partial)
    left = active[~active["period_start"].isin(shown["period_start"])]
    most_left = left["expected"].max()
    figure = f"{most_left:,.0f}" if facts.data.date_rule == "event_date" else f"{most_left:,.2f}"
    return (f"The {len(shown):,} busiest of the {len(active):,} {name}s with any {what}, in date order; "
            f"none of the {len(left):,} left out counts more than {figure}.{partial}")


def dateline(facts: Facts) -> Dateline:
    """The page's dateline: what it counts, named as its title and lead name it (:func:`counted_as`), and, where
    ``INVALID=drop`` left rows out, what its figures would count with them (:func:`headline_figures`)."""
    return common_dateline(facts, lambda esc: counted_as(facts, len(facts.attacks), esc), events=facts.attacks,
                           figures=headline_figures(facts))


def headline_figures(facts: Facts) -> list[Figure]:
    """The figures the page's titles and findings give, of the rows left out that read as its attacks: the people
    the attacks killed in the window, and their peak week (:func:`key_sentences`); none for the coded data or where
    no row was left out."""
    data = facts.data
    if facts.coded or not data.dropped or facts.attacks.empty or data.dropped_rows is None:
        return []
    among = data.selection.mask(data.dropped_rows).to_numpy(dtype=bool)
    what = data.selection.what
    figures = [Figure(lambda esc: f"the {esc(what)}", None, None, "killed",
                      int(killed_per_event(facts.attacks, data.casualties).sum()), among)]
    found = peak(facts.per_period("W", facts.attacks))
    if found is not None:
        figures.append(Figure(f"the week of {week_text(found)}", found.start, found.end, "events", found.events,
                              among))
    return figures
