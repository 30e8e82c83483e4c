"""The timeline page's words (notebook 01): its heading, how to read the timeline, its table, its key sentences,
the escalation chart, and the titles of both charts."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from ..._frames import column_or_na
from ...schema import ACLED_POSTURE_MEANINGS
from ...stats.highlights import killed_per_event, peak, top_values
from ...stats.selection import OUTSIDE_CONFRONTATION, event_keys, event_kind
from ...text import (
    describe_dates,
    describe_events,
    describe_figure,
    describe_number,
    describe_points,
    describe_scored,
    in_words,
    join_words,
)
from ...text import markdown_text as md
from .common import (
    Dateline,
    Escape,
    Heading,
    after_the_title,
    capital,
    changes,
    fatality_rule,
    findings,
    heading,
    in_window,
    involved,
    labelled_words,
    month_text,
    nothing,
    percent,
    period_words,
    placeholder_note,
    spread_note,
    tie_note,
    week_text,
    weekly_words,
)
from .common import dateline as common_dateline
from .counting import (
    batch_title_note,
    partial_caveat,
    peak_headline,
    period_text,
    stands_apart_note,
    time_section,
    title_names_tie,
)
from .coverage import killed_source_note, new_source_note
from .dropped import Figure
from .events import deadliest, deadliest_listed, notes_heading, notes_of, reader_sentence, reader_what, sides_of
from .facts import TABLE_ROWS, Facts
from .plain import numbered


def page_heading(facts: Facts) -> Heading:
    """The page's title and lead: how many events and killed, and the busiest week."""
    return heading(lambda esc: (f"How events{involved(facts, esc)} unfolded in {esc(facts.data.place)}, "
                                f"{facts.data.period_text}"),
                   lambda esc: _overview(facts, esc))


def _overview(facts: Facts, esc: Escape) -> list[str]:
    n = len(facts.events)
    if n == 0:
        return [nothing(facts, esc=esc)]
    killed = facts.killed
    sentences = [f"{describe_number(n, 'event')} {in_window(facts, esc)}, in which "
                 f"{describe_number(killed, 'person', 'people')} were killed ({fatality_rule(facts)})."]
    placeholders = placeholder_note(facts, facts.events)
    if placeholders:
        sentences.append(placeholders)
    found = peak(facts.per_period("W"))
    if found is not None and facts.coded:  # an ACLED run's timeline title states its peak, right under the lead
        sentences.append(f"The busiest week was {week_text(found)}, with {describe_number(found.events, 'event')}"
                         f"{spread_note(found)}.")
    return sentences


def chart_title(facts: Facts, chart: str) -> str:
    """The title of the timeline (``"timeline"``) or the escalation chart (``"escalation"``), as plain text.

    An ACLED run's titles state what the chart shows, with its number: "Events in Iraq and Syria peaked in the week
    of 8-14 June 2020: 15 events (as many in 2 other weeks)", "Escalation in Iraq and Syria peaked in the week of
    ...: 117 points". A window of the coded data, whose counts spread ranged dates, keeps titles that name
    the chart.
    """
    where = f"{facts.data.place}, {facts.data.period_text}"
    who = involved(facts, str)
    if not facts.coded:
        finding = (peak_headline(facts.per_period(facts.period("weekly", "W")), facts.period("weekly", "W"),
                                 f"events{who} in {facts.data.place}", "event",
                                 note=lambda start, end: (new_source_note(facts, facts.events, start, end)
                                                          + batch_title_note(facts, facts.events, start, end)))
                   if chart == "timeline"
                   else _escalation_headline(facts))
        if finding:
            return finding
    if chart == "timeline":
        return (f"Events{who} per {facts.band_period} in {where}, by kind; the deadliest labelled" if facts.dense
                else f"Every event{who} in {where}, in lanes by kind")
    return f"Escalation per {weekly_words(facts)}, {where}: each act's points of hostility"


def peak_span(facts: Facts, chart: str) -> tuple[pd.DataFrame, pd.Timestamp, pd.Timestamp] | None:
    """The events of the timeline (``"timeline"``) or escalation chart and the first and last days of the peak its
    title names; None where it names none."""
    if chart == "escalation":
        found = _escalation_peaks(facts, facts.escalation)
        if found is None:
            return None
        peaks = found[2]
        return facts.escalation_events, peaks["period_start"].iloc[0], peaks["period_end"].iloc[0]
    busiest = peak(facts.per_period(facts.period("weekly", "W")))
    return None if busiest is None else (facts.events, busiest.start, busiest.end)


def _escalation_headline(facts: Facts) -> str:
    """State the escalation chart's peak, as its headline: "" when nothing violent was measured."""
    found = _escalation_peaks(facts, facts.escalation)
    if found is None:
        return ""
    whens, shown, peaks = found
    start, end = peaks["period_start"].iloc[0], peaks["period_end"].iloc[0]
    # said even where the timeline's title says it of the same week: a reader skimming titles meets this one alone,
    # far down the page
    note = new_source_note(facts, facts.events, start, end) + batch_title_note(facts, facts.events, start, end)
    return f"Escalation{involved(facts, str)} in {facts.data.place} peaked in {whens}: {shown} points{note}"


def chart_subtitle(facts: Facts, chart: str) -> str:
    """What the timeline or the escalation chart measures, as plain text, in every run (the default run's too)."""
    if chart == "timeline":
        if facts.dense:
            return (f"Events per {facts.band_period} in a lane for each kind, each lane scaled to its own peak; "
                    f"{labelled_words(facts)} marked and labelled")
        return f"Every event{_numbers_words(facts)} in a lane for its kind; bars span the days a date can fall on"
    return (f"Escalation score per {period_words(facts, 'weekly')}: each act's points on a published scale of "
            "hostility (how each act counts: at the end of the page); only acts of violence count as conflict")


def _numbers_words(facts: Facts) -> str:
    """Say where a reader finds the events the timeline draws one by one: ", numbered as in the table below,", or,
    when the table lists only the first, that the rest are in the events file, or, where they are too many to
    number each, that the labelled ones (the deadliest) carry their numbers."""
    from ..inputs import EVENTS_FILE

    if not facts.numbered:
        return ", the labelled ones numbered,"
    if len(facts.events) > TABLE_ROWS and not facts.coded:
        listed = (f"the {len(facts.deadliest_ids):,} deadliest" if facts.lists_deadliest
                  else f"the first {TABLE_ROWS}")
        return f", numbered by its id ({listed} in the table below, all {len(facts.events):,} in {EVENTS_FILE}),"
    return ", numbered as in the table below,"


def timeline_note(facts: Facts) -> str:
    """Say how to read the timeline in the form this run's events get."""
    if facts.events.empty:  # the page's lead says the window holds no event
        return ""
    if facts.dense:
        return (f"**How to read it.** {describe_number(len(facts.events), 'event')} are too many to draw one by one. "
                f"Each lane is a kind of event, and its band rises and falls with the events per {facts.band_period} "
                "(each lane scaled to its own peak, written at its right; events known only to a range of days "
                f"are spread over them). {capital(labelled_words(facts))} are marked and labelled; the "
                f"table below lists the {len(facts.deadliest_ids):,} deadliest.")
    harmed = "killed or wounded" if facts.coded else "killed"
    # the coded events have headlines, and every one is labelled with it (analysis.event_labels)
    labels = ("Every event is labelled with its number and its headline" if facts.coded
              else labels_words(facts, harmed))
    return ("**How to read it.** Each marker is one event, in a lane for its kind; a filled marker is an event "
            "whose day is known, a hollow marker on a bar an event known only to a range of days (the bar covers "
            f"every possible day{_weekday_words(facts)}). Markers grow with the people {harmed} (the lowest figure). {labels}; "
            "overlapping events in a lane take separate rows.")


def _weekday_words(facts: Facts) -> str:
    """Say what the ticks on a bar mean, where an event's reports name its weekday ("" where none does)."""
    from ..._frames import weekday_numbers

    days = weekday_numbers(facts.events)
    ranged = (facts.events["date_end"] > facts.events["date_start"]).to_numpy(dtype=bool) if len(facts.events) else []
    if days is None or not (days[ranged] >= 0).any():
        return ""
    return "; where the reports name the weekday, it spans the range and ticks mark the only days the event may have fallen on"


def labels_words(facts: Facts, harmed: str) -> str:
    """Say which events the timeline drawn one by one labels (:data:`analysis.viz.timeline_labels.NAMED_EVENTS` of
    them, as notebook 01 asks), each after its number, and, where the limit splits a tie, how many of how many."""
    from ...viz.timeline_labels import NAMED_EVENTS, label_tie

    words = f"Labels, each after its event's number, name the events with the most people {harmed}"
    tie = label_tie(facts.events, facts.data.casualties, n=NAMED_EVENTS)
    if tie is None:
        return words
    hurt = f"{describe_figure(tie.hurt)} {harmed}" if tie.hurt > 0 else f"no one {harmed}"
    return (f"{words}: there is room for {NAMED_EVENTS}, so {tie.labelled} of the {tie.tied} events with {hurt} "
            "are labelled, chosen evenly across the period")


def sections(facts: Facts) -> dict[str, Callable[[], str]]:
    """The page's section headings and how to read them, each written when called: ``"timeline"``, ``"events"``,
    ``"coding"``, ``"escalation"`` (the escalation chart's, :func:`escalation_note`), and the methods parts:
    ``"dates"``, how the page counts events in time, and ``"scoring"``, how the escalation score is counted
    (:func:`scoring_section`)."""
    return {"timeline": lambda: "## The timeline\n\n" + timeline_note(facts),
            "events": lambda: "## The events, in order, with their sources\n\n" + table_note(facts),
            "coding": lambda: notes_heading(facts, "the events of the events table") if notes_listed(facts) else "",
            "dates": lambda: time_section(facts),
            "escalation": lambda: escalation_note(facts),
            "scoring": lambda: scoring_section(facts)}


def escalation_note(facts: Facts) -> str:
    """Head the escalation chart and say how to read it (Markdown), in every run, the default run's too: what
    pushes a period up or down and what counts nothing, and how a date places an event, as this run's data count
    it (the coded reports' ranges of days spread, an ACLED file's one date whole). Like a chart's subtitle it says
    what is measured, not what was found."""
    week = facts.period_name("weekly")
    if facts.coded:
        down = "a retreat (a base a report says was handed over) or an act of cooperation (an agreement) pushes it down"
        idle = "other statements, protests and other moves of troops count nothing"
        dates = "An event known only to a range of days spreads its points over its possible days."
    else:
        down = "an act of cooperation (an agreement) pushes it down"
        idle = (f"peaceful protests, protests with intervention and the strategic developments other than an agreement "
                f"(such as {_idle_developments(' or ')}) count nothing, while excessive force against protesters "
                "counts as violence")
        dates = f"Every event counts whole in the {week} of the one date ACLED gives it."
    return (f"## An escalation measure\n\nEach {week} gets a score from a published scale of how hostile an act "
            f"is: an act of violence (a clash, an air strike, a shelling) pushes the {week} up; {down}; {idle}. "
            f"{_left_out_words(facts)}{dates} How each kind of event is scored, and where the scale comes from, is at "
            "the end of the page.")


def _left_out_words(facts: Facts) -> str:
    """Say, for the coded data, that the score counts the confrontation's events and not the fight against the
    Islamic State, naming the events of this run it leaves out (:attr:`Facts.left_out_of_escalation`), by headline
    and number: "... here that leaves out one event, *US Marine killed in an operation against ISIS* (event 22). "
    "" for an ACLED file, whose events are all scored."""
    if not facts.coded:
        return ""
    rule = ("The score counts the events of the confrontation between the US-led coalition, the Iran-backed "
            "militias and Iraq's government, not the fight against the Islamic State")
    left = facts.left_out_of_escalation
    if left.empty:
        return rule + ". "
    keys = event_keys(facts.events).loc[left.index]
    notes = column_or_na(left, "notes")
    names = [f"*{md(str(title))}*" if pd.notna(title) else md(reader_sentence(note).rstrip("."))
             for title, note in zip(column_or_na(left, "headline"), notes)]
    named = join_words([f"{name} (event {key})" for name, key in zip(names, keys)])
    count = f"{in_words(len(left))} event{'' if len(left) == 1 else 's'}"
    return f"{rule}: here that leaves out {count}, {named}. "


def _idle_developments(last: str) -> str:
    """The strategic developments of a force's posture that score nothing, as ACLED means them, the last joined by
    ``last``: "a base established or ground the first actor takes without fighting"
    (:data:`analysis.schema.ACLED_POSTURE_MEANINGS`)."""
    kinds = ("Headquarters or base established", "Non-violent transfer of territory")
    return last.join(ACLED_POSTURE_MEANINGS[kind] for kind in kinds)


def scoring_section(facts: Facts) -> str:
    """The methods part on how the escalation score is counted (Markdown), in every run: the rule as this run's
    data meet it (the coded posture changes and their handed-over base, or ACLED's non-violent transfer of
    territory, :data:`analysis.schema.ACLED_POSTURE_MEANINGS`) and the scale's sources; the table of the rules
    these events use follows it (:func:`rules_table`)."""
    week = facts.period_name("weekly")
    transfer = "Non-violent transfer of territory"
    if facts.coded:
        matched = "its ACLED sub-event type (for the coded posture changes: its category and sub-event type)"
        side = ("in the coded data a non-violent transfer of territory is the coalition handing a base over to its "
                "host: a retreat, which counts in cooperation. A base left is coded so only where a report says it "
                "changed hands; a withdrawal that no report says handed a base over is a change of activity")
        summed = (f"Values are summed per {week}, an event dated only to a range of days spreading its value evenly "
                  "over its possible days (the days of the range, or only those of the weekday the reports give), so "
                  f"each event counts once. A {week}'s events are counted alike, in parts: near a whole number, as "
                  "\"about\" it (\"about 6\"), else to one decimal (\"1.4\"), so that the points beside them add up.")
        idle = "a protest, a show of force or a withdrawal"
        lanes = join_words([f"*{kind}*" for kind in OUTSIDE_CONFRONTATION])
        scope = (f"Only the confrontation's events are scored: those of the timeline's lane {lanes}, the fight "
                 "against the Islamic State, are left out of every score and of the table below. ")
    else:
        matched = "its ACLED sub-event type"
        side = (f"in ACLED a non-violent transfer of territory is {ACLED_POSTURE_MEANINGS[transfer]} "
                "(\"Occupy territory\"), no violence")
        summed = f"Values are summed per {week}, each event whole in the {week} of the one date ACLED gives it."
        idle = f"a protest, {_idle_developments(' or ')}"
        scope = ""
    return ("## How the escalation score is counted\n\n"
            f"**The rule.** {scope}Each event gets the CAMEO event code that matches {matched}, and that code's value on the "
            "Goldstein conflict-cooperation scale, from -10 (using force) to +10 (a military retreat). An event is "
            f"scored from the side of its first actor: {side}. {summed} *Conflict* sums the negative values of acts "
            "of violence only (battles, explosions and remote violence, violence against civilians, riots); "
            f"{idle} is no violence and counts in no score, so no {week} shows conflict where nothing violent "
            "happened. *Cooperation* sums the positive values, and *escalation = conflict - cooperation*.\n\n"
            "**Sources.** Code names from the CAMEO codebook (Schrodt 2012, version 1.1b3); Goldstein values from "
            "the GDELT Project's lookup file CAMEO.goldsteinscale.txt (Goldstein 1992, *Journal of Conflict "
            "Resolution* 36(2)). The table lists the rules these events use and how many events each applies to; "
            "an act that is no violence adds nothing, whatever its value on the scale.")


def rules_table(facts: Facts) -> pd.DataFrame:
    """List the escalation rules this run's events use (:func:`analysis.stats.escalation.cameo_table`), for
    reading: the value of an act that counts in no score (no violence, of negative value) reads "not counted",
    with its value on the scale beside it, so no reader takes it for points added."""
    from ...stats.escalation import cameo_table

    rules = cameo_table(facts.escalation_events)
    idle = (rules["goldstein"] < 0).to_numpy() & ~rules["hostile"].to_numpy(dtype=bool)
    values = [f"not counted ({describe_points(value)} on the scale)" if skip else describe_points(value)
              for value, skip in zip(rules["goldstein"], idle)]
    return rules.drop(columns="hostile").assign(goldstein=pd.Series(values, index=rules.index, dtype="string"))


#: The headers of :func:`rules_table`.
RULES_HEADERS: dict[str, str] = {
    "category": "category (for the posture changes)", "sub_event_type": "ACLED sub-event type",
    "cameo_code": "CAMEO code", "cameo_name": "CAMEO act", "goldstein": "Goldstein value",
    "covers": "acts it covers here"}


def events_headers(facts: Facts) -> dict[str, str]:
    """The headers of the events table: the coded data's documents, or ACLED's event types and sources."""
    headers = {"number": "#", "event_id": "id", "actor1": "actor", "actor2": "other actor"}
    if not facts.coded:
        headers.update({"kind": "event type", "documents": "sources"})
    return headers


#: Most events a period's name under the escalation chart lists one by one; more are counted by kind.
DOWN_NAMED = 2


#: How a name under the escalation chart tells the events of its bars below zero from those of the bars above zero
#: in the same periods, as the chart's corners say which way is which.
DOWN_MARK, UP_MARK = "\u2193", "\u2191"


def down_names(facts: Facts) -> pd.Series:
    """Name, for the escalation chart, the events that pull each period down (the retreats and acts of cooperation
    of :func:`analysis.stats.escalation.cooperation_events`, as :attr:`Facts.escalation` counts them), each by its
    number and its headline, or what it was and where: "event 41: US hands K-1 Air Base in Kirkuk to the Iraqi
    army", "event 7: agreement at Baghdad"; more than :data:`DOWN_NAMED` events are counted by kind ("3 events:
    agreements"). Where acts of violence push the same periods up (a run of periods with the same names), they are
    named on a second line, so that a reader does not take their bars for the same events: "↓ event 45: ...",
    "↑ event 46: ...". Plain text, drawn as written; one per period start, empty where nothing pulls a period
    down."""
    from ...stats.escalation import cameo_table, conflict_events, cooperation_events
    from ...viz.timeline_labels import short_kind

    options = {"freq": facts.period("weekly", "W"), "start": facts.first, "end": facts.last, "clip": True,
               "dates": facts.data.date_rule}
    found = cooperation_events(facts.escalation_events, **options)
    if found.empty:
        return pd.Series(dtype="string", name="down")
    scored = facts.escalation_events
    ids = scored["event_id"].astype("string")
    keys = pd.Series(event_keys(scored).to_numpy(), index=ids.to_numpy())
    events = scored.assign(event_id=ids).drop_duplicates("event_id").set_index("event_id")
    titles = column_or_na(events, "headline").astype("string").str.strip().replace("", pd.NA)

    def name(event_id: str) -> str:
        row = events.loc[event_id]
        what = titles[event_id]
        if pd.isna(what):
            place = row.get("location")
            what = short_kind(row["sub_event_type"]) + (f" at {place}" if pd.notna(place) and str(place).strip() else "")
        return f"event {keys[event_id]}: {what}"

    rules = cameo_table(facts.escalation_events)
    covers = {(None if pd.isna(c) else c, s): words for c, s, words in
              zip(rules["category"], rules["sub_event_type"], rules["covers"])}

    def kind(event_id: str) -> str:
        row = events.loc[event_id]
        category = row.get("category")
        special = (category, row["sub_event_type"]) if pd.notna(category) else None
        return covers.get(special) or covers.get((None, row["sub_event_type"]), str(row["sub_event_type"]))

    def names(ids: pd.Series) -> str:
        ids = list(dict.fromkeys(ids.astype(str)))
        if len(ids) <= DOWN_NAMED:
            return "; ".join(name(i) for i in ids)
        return f"{len(ids)} events: {join_words(list(dict.fromkeys(kind(i) for i in ids)))}"

    texts = {start: names(ids) for start, ids in found.groupby("period_start", sort=True)["event_id"]}
    up = conflict_events(facts.escalation_events, **options)
    ends = dict(zip(found["period_start"], found["period_end"]))
    runs: list[list[pd.Timestamp]] = []  # consecutive periods with the same names: one label on the chart
    for start in texts:
        last = runs[-1][-1] if runs else None
        if last is not None and ends[last] + pd.Timedelta(days=1) == start and texts[last] == texts[start]:
            runs[-1].append(start)
        else:
            runs.append([start])
    for run in runs:
        pushed = up.loc[up["period_start"].isin(run), "event_id"]
        if len(pushed):
            both = f"{DOWN_MARK} {texts[run[0]]}\n{UP_MARK} {names(pushed)}"
            texts.update(dict.fromkeys(run, both))
    return pd.Series(texts, dtype="string", name="down")


def peaks_caption(facts: Facts, peaks: pd.DataFrame) -> str:
    """Say what the table of escalation peaks lists: "The 3 weeks of highest escalation, highest first." """
    period = facts.period_name("weekly")
    if len(peaks) == 1:
        return f"The {period} of highest escalation."
    return f"The {len(peaks)} {period}s of highest escalation, highest first." if len(peaks) else ""


def peaks_table(facts: Facts, peaks: pd.DataFrame) -> pd.DataFrame:
    """The table of escalation peaks for reading (:func:`analysis.stats.escalation.escalation_peaks`, the columns
    :func:`peaks_headers` names): a week's events, and those of them scored, where parts of events spread over their
    days make them up, are written whole as the sentences and the chart's alternative text say them
    (:func:`analysis.text.describe_events`: "about 6", not 5.99); whole counts stay numbers."""
    table = peaks[list(peaks_headers(facts))]
    counts = table[["events", "scored"]].to_numpy(dtype=float)
    if np.allclose(counts, np.round(counts), rtol=0.0, atol=1e-9):
        return table
    return table.assign(**{column: pd.Series([describe_events(value) for value in table[column]], index=table.index,
                                             dtype="string") for column in ("events", "scored")})


def peaks_headers(facts: Facts) -> dict[str, str]:
    """The headers of the table of escalation peaks: its events are spread over their ranges of days, or, for an
    ACLED file, each counted on its event_date (as the measure is)."""
    spread = ("each spread evenly over its possible days" if facts.data.date_rule == "range"
              else "each on ACLED's date")
    return {"period": facts.period_name("weekly"), "events": f"events ({spread})",
            "scored": "of them scored (an act of violence or of cooperation)", "conflict": "conflict (up)",
            "cooperation": "retreat or cooperation (down)", "escalation": "net score"}


def events_table(facts: Facts) -> pd.DataFrame:
    """List the events under the timeline: every one, or the deadliest above TABLE_ROWS (:attr:`Facts.lists_deadliest`),
    in date order.

    ``what`` says what happened for a reader
    (:func:`analysis.report.words.events.reader_what`); the notes whole are
    in :func:`coding_notes`. The coded events are shown by their number on
    the pages, not by the coder's id.
    """
    listed = _listed(facts)
    return numbered(facts.events, listed) if facts.coded else listed


def _listed(facts: Facts) -> pd.DataFrame:
    """The events :func:`events_table` lists, with their ids (their notes are found by them)."""
    from ...stats.tables import events_table as table

    data = facts.data
    if facts.lists_deadliest:
        ids = facts.deadliest_ids
        listed = table(facts.events, data.reports, sources=data.sources,
                       kinds=lambda frame: frame["event_id"].astype("string").isin(ids))
    else:
        listed = table(facts.events, data.reports, sources=data.sources, n=TABLE_ROWS)
    if facts.coded:
        return reader_what(facts, listed)
    listed = listed.copy()  # an ACLED run's actors with their associates, as the attacks table names them
    listed["actor1"], listed["actor2"] = (side.to_numpy() for side in sides_of(facts.events, listed["event_id"]))
    return reader_what(facts, with_killed(facts, listed))


def with_killed(facts: Facts, listed: pd.DataFrame) -> pd.DataFrame:
    """Add the killed of each listed event (ACLED's fatalities) after its actors, as every events table shows them."""
    from ...stats.highlights import killed_per_event

    killed = pd.Series(killed_per_event(facts.events, facts.data.casualties).to_numpy(),
                       index=facts.events["event_id"].astype("string").to_numpy())
    killed = killed[~killed.index.duplicated()]
    out = listed.copy()
    out.insert(out.columns.get_loc("actor2") + 1 if "actor2" in out.columns else len(out.columns), "killed",
               pd.array(killed.reindex(out["event_id"].astype("string")).round().to_numpy(), dtype="Int64"))
    return out


def coding_notes(facts: Facts) -> pd.DataFrame:
    """The coder's notes of the events the table lists, whole: for the page's "How this was coded" part."""
    return notes_of(facts, _listed(facts))


def notes_listed(facts: Facts) -> bool:
    """Whether the page lists the notes of its events: always for the coded data and a window without events (its
    table says so), else where some note says more than the events table (:func:`notes_of`)."""
    return facts.coded or facts.events.empty or not coding_notes(facts).empty


def table_note(facts: Facts) -> str:
    """Say which events the table under the timeline lists."""
    n = len(facts.events)
    sources = "the documents behind each" if facts.coded else "ACLED's sources"
    if facts.events.empty:  # the page's lead says the window holds no event
        return ""
    # the timeline numbers its marks only when it draws few enough events one by one (Facts.numbered)
    number = "is an event's number on the timeline" if facts.numbered else "is the number in an event's id"
    if facts.lists_deadliest:
        killed = killed_per_event(facts.events, facts.data.casualties)
        return (f"{deadliest_listed(killed, len(facts.deadliest_ids), f'{n:,} events')}, in date order, with "
                f"{sources}; `#` {number}." + rest_note(facts))
    if n > TABLE_ROWS:
        return (f"The first {TABLE_ROWS} of the {n:,} events, in date order, with {sources}; `#` {number}."
                + rest_note(facts))
    return f"Every event, in date order, with {sources}; `#` is its number on the timeline." + rest_note(facts)


def rest_note(facts: Facts) -> str:
    """Say where the run's events are in full: the CSV the build writes beside an ACLED run's report
    (:func:`analysis.report.checks.write_events`), where the events a table leaves out are; "" for the coded data."""
    from ..inputs import EVENTS_FILE

    if facts.coded:
        return ""
    n = len(facts.events)
    every = "The one event is" if n == 1 else f"All {n:,} events are"
    return (f" {every} in [{EVENTS_FILE}]({EVENTS_FILE}) beside this report, as the report read them: ACLED's "
            "columns, and the columns the report adds (empty where ACLED gives none).")


def key_sentences(facts: Facts) -> str:
    """Write the findings under the timeline (:func:`~analysis.report.words.common.findings`): the peak week first,
    then each a bullet: the kinds, the deadliest week, the busiest month, the largest changes, the deadliest
    events, the partial months. How events are counted in time is the methods part's (:func:`sections`)."""
    events = facts.events
    if events.empty:  # the page's lead says the window holds no event
        return ""
    kinds = top_values(event_kind(events).astype("string"), n=10)
    n = len(events)
    weekly = facts.per_period("W")
    by_events, by_killed = peak(weekly), peak(weekly, "killed")
    lead = (f"Events peaked in the week of {week_text(by_events)}: "
            f"{describe_number(by_events.events, 'event')}{spread_note(by_events)}"
            f"{tie_note(weekly, by_events)}." if by_events is not None else "")
    items = ["By kind: " + join_words([f"{md(kind)} {count:,} ({percent(count, n)})" for kind, count in kinds.items()])
             + "."]
    # an ACLED file's week apart comes with the signs that it may be a batch of coding (its outlets, its figures)
    apart = (stands_apart_note(weekly, by_events) if facts.coded
             else stands_apart_note(weekly, by_events, events=events, duplicates=facts.duplicates))
    if apart:
        items.insert(0, apart)
    if by_killed is not None:
        items.append(f"Fatalities peaked in the week of {week_text(by_killed)}: {describe_figure(by_killed.value)} "
                     f"killed, in {describe_number(by_killed.events, 'event')}{spread_note(by_killed)}"
                     f"{tie_note(weekly, by_killed, 'killed')}"
                     f"{md(killed_source_note(facts, events, by_killed.start, by_killed.end))}.")
    monthly = facts.per_period("M")
    by_month = peak(monthly)
    if by_month is not None and len(monthly) > 1:
        items.append(f"The busiest month was {month_text(by_month)}, with {describe_number(by_month.events, 'event')}"
                     f"{tie_note(monthly, by_month, name='month')}.")
    items += changes(facts, monthly)
    items += deadliest(facts, events, "events")
    items.append(partial_caveat(facts, facts.period("monthly", "M")))
    ties = "" if title_names_tie(weekly) else tie_note(weekly, by_events)  # a title naming the tie says it whole
    shared = f"The peak week, {week_text(by_events)}, is shared{ties}." if ties else ""
    return findings("What it shows", *after_the_title(facts, lead, items, shared))


def escalation(facts: Facts, frame: pd.DataFrame) -> str:
    """Write the key sentences under the escalation chart: its peak week, and how to read it."""
    found = _escalation_peaks(facts, frame)
    if found is None:  # no event at all is said by the page's lead; events, none of them conflict, here
        return "" if facts.events.empty else "**What it shows.** " + nothing(facts, "conflict events")
    periods, shown, peaks = found
    # each peak's events and those of them that scored, as the table under the chart and its alt text count them
    counts = list(zip(peaks["events"], peaks["scored"]))
    if len(peaks) == 1:  # a week that may be one batch of coding is said here as in the chart's title
        batch = batch_title_note(facts, facts.events, peaks["period_start"].iloc[0], peaks["period_end"].iloc[0])
        peak = f"highest in {periods}: {shown} points, from {describe_scored(*counts[0])}{batch}"
    else:
        each = (describe_scored(*counts[0], each=True) if len(set(counts)) == 1
                else join_words([describe_scored(*count) for count in counts]))
        peak = f"highest, at {shown} points, in {periods} (from {each})"
    return findings("What it shows", f"Escalation, as measured, was {peak}.",
                    [_escalation_coverage(facts, peaks),
                     "The measure counts acts, not their size: an attack that killed many and one that killed no one "
                     "weigh the same, and it measures what the sources reported.", _what_it_adds(facts)])


def _escalation_coverage(facts: Facts, peaks: pd.DataFrame) -> str:
    """Say, where new sources carry the escalation's peak (:func:`~analysis.report.words.coverage.carried_peak`, as
    the chart marks their first report), how much of it they report and the measure without the events only they report
    (Markdown): "A new source carries the peak: Local Network, which began reporting on 2 June 2020, reports 9 of
    the 15 events of 8-14 June 2020; without the events only it reports, ..."; "" where none carries it."""
    from ...stats.escalation import escalation_per_period
    from .coverage import carried_peak, carried_peak_words

    first = peaks.iloc[0]
    carried = carried_peak(facts, facts.escalation_events, first["period_start"], first["period_end"])
    if carried is None:
        return ""
    found, _, _, rest = carried
    without = escalation_per_period(rest, freq=facts.period("weekly", "W"), start=facts.first, end=facts.last,
                                    clip=True, dates=facts.data.date_rule)
    scores = without.set_index("period_start")["escalation"].reindex(peaks["period_start"]).fillna(0)
    points = join_words([describe_points(value) for value in scores])
    name = facts.period_name("weekly")
    which = f"that {name} scores" if len(peaks) == 1 else f"those {name}s score"
    # the other periods' highest, without those events: a peak no higher than it is the new sources' alone (naming a
    # period of the peak itself again, as "the peak without them", read as if the peak held)
    others = without[~without["period_start"].isin(peaks["period_start"])]
    found_again = _escalation_peaks(facts, others)
    if found_again is None:
        highest = ", and no other period scores above zero"
    elif scores.max() <= found_again[2]["escalation"].max() + 1e-9:
        highest = f", no more than {found_again[0]} ({found_again[1]} points): the peak is in the events it adds"
    else:
        highest = f", still above every other {name} (the next, {found_again[0]}: {found_again[1]} points)"
    who = "a new source carries" if len(found) == 1 else "new sources carry"
    return (f"{capital(who)} the peak: {carried_peak_words(carried, _peak_when(facts, first), md)}; without the events "
            f"{'only it reports' if len(found) == 1 else 'only they report'}, {which} {points} points{highest}.")


def _peak_when(facts: Facts, row: pd.Series) -> str:
    """Name one period of the escalation chart: "8-14 June 2020" (a week), else as the period is named."""
    freq = facts.period("weekly", "W")
    return describe_dates(row["period_start"], row["period_end"], long=True) if freq == "W" else period_text(row, freq)


def _what_it_adds(facts: Facts) -> str:
    """Say what the escalation chart adds to the counts where its weights are near one figure and nothing pulls a week
    down: then it follows the count of violent events ("" where it does more)."""
    from ...stats.escalation import cameo_weights, hostile_acts

    scored = facts.escalation_events
    weights = cameo_weights(scored)["goldstein"]
    violent = weights[hostile_acts(scored) & (weights < 0).to_numpy()]  # what the chart counts as conflict
    down = weights[weights > 0]
    if violent.empty or not down.empty or violent.max() - violent.min() > 1:
        return ""
    points = join_words([describe_points(value) for value in sorted({-float(value) for value in violent})], "or")
    return (f"Here every violent event weighs {points} points and none is a retreat or an act of cooperation, so the "
            "chart follows the number of violent events week by week: a reader can take it as that count.")


def _escalation_peaks(facts: Facts, frame: pd.DataFrame) -> tuple[str, str, pd.DataFrame] | None:
    """Find the escalation measure's peak, a tie whole: the periods in words ("the weeks of 8-14 June 2020 and
    22-28 June 2020"), the score as written, and the periods' rows; None when no period has a positive score."""
    if frame.empty or not (frame["escalation"] > 0).any():
        return None
    shown = describe_points(frame["escalation"].max())
    # every period at the peak as written (a tie is said whole), in date order
    peaks = frame.loc[(frame["escalation"].map(describe_points) == shown).to_numpy()].sort_values("period_start")
    freq = facts.period("weekly", "W")
    whens = [_peak_when(facts, row) for _, row in peaks.iterrows()]
    weeks = "the week of " if len(whens) == 1 else "the weeks of "
    return f"{weeks if freq == 'W' else ''}{join_words(whens)}", shown, peaks


def dateline(facts: Facts) -> Dateline:
    """The page's dateline: the events it places on the timeline, and, where ``INVALID=drop`` left rows out, what
    the periods its title and findings name would count with them (:func:`headline_figures`)."""
    return common_dateline(facts, describe_number(len(facts.events), "event"), figures=headline_figures(facts))


def headline_figures(facts: Facts) -> list[Figure]:
    """The periods the page's findings name, each with its figure, as :func:`key_sentences` finds them: the peak
    week of the events, the peak week of the killed, the busiest month (where there is more than one); then the
    pairs of actors the rows left out would add to (:func:`analysis.report.words.who.pair_figures`); none for the
    coded data or where no row was left out."""
    if facts.coded or not facts.data.dropped or facts.events.empty:
        return []
    weekly, monthly = facts.per_period("W"), facts.per_period("M")
    figures = []
    for found, measure in ((peak(weekly), "events"), (peak(weekly, "killed"), "killed")):
        if found is not None:
            figures.append(Figure(f"the week of {week_text(found)}", found.start, found.end, measure,
                                  found.events if measure == "events" else found.value))
    by_month = peak(monthly)
    if by_month is not None and len(monthly) > 1:
        figures.append(Figure(f"{month_text(by_month)}, the busiest month,", by_month.start, by_month.end, "events",
                              by_month.events))
    from .who import pair_figures

    return figures + pair_figures(facts)
