"""Is a change real, in an ACLED run's words: whether a rise or fall coincides with a change in the outlets, and
the outlets that appear or vanish over the run (shown on the sources page, notebook 04)."""

from __future__ import annotations

import pandas as pd

from ...stats.coverage import (
    change_coverage,
    event_sources,
    events_by_outlet_age,
    events_only_by,
    first_reports,
    outlet_shift,
    outlet_spans,
    outlets_per_period,
)
from ...text import describe_dates, describe_number, join_words
from ...text import markdown_text as md
from .common import Escape
from .facts import PERIOD_NAMES, Facts

#: A change coincides with new (or vanished) outlets when their events make at least this share of it; a peak, when
#: new outlets report at least this share of the peak period's events (:func:`new_source_note`).
COINCIDES = 0.5
#: How many new and vanishing outlets a sentence names.
OUTLETS_NAMED = 5


def per_outlet(facts: Facts, events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each outlet's events per month of the window (:func:`analysis.stats.coverage.outlets_per_period`)."""
    return facts.once(outlets_per_period, facts.events if events is None else events, freq="M", start=facts.first,
                      end=facts.last)


def change_sources(facts: Facts, events: pd.DataFrame, change: pd.Series, noun: str = "event",
                   said: set[pd.Timestamp] | None = None) -> str:
    """Say whether a month-to-month change coincides with a change in the outlets (Markdown), "" for the coded data.

    ``change`` is a row of :func:`analysis.stats.highlights.largest_changes`.
    "The rise in June 2020 coincides with a new source, Local Network, the only source of 40 of June 2020's
    events; without Local Network, 18 events in May 2020 and 20 in June 2020: the rise is the new outlet's."
    (:func:`_without_them`). The outlets' share is the events only they report (the part the charts hatch,
    :func:`analysis.stats.coverage.events_only_by`): an outlet that only repeats other outlets' events changes no
    count. A change no outlet explains, in a month holding a week that may be one batch of coding,
    names the week (:func:`~analysis.report.words.counting.batch_change_note`; ``said``, the weeks the findings
    before it named so, which it names as "the same week").
    """
    if facts.coded or "source" not in events.columns:
        return ""
    rise = change["direction"] == "rise"
    month = change["to_start"] if rise else change["from_start"]
    month_end = change["to_end"] if rise else change["from_end"]
    when = f"{month:%B %Y}"
    found = change_coverage(per_outlet(facts, events), change["from_start"], change["to_start"])
    found = found[found["status"] == ("new" if rise else "gone")]
    found = found.assign(events=found["source"].map(
        lambda name: _only_theirs(events, [name], month, month_end)).astype("int64"))
    found = found.sort_values(["events", "source"], ascending=[False, True], kind="stable")
    size = abs(float(change["change"]))
    carried = _only_theirs(events, found["source"], month, month_end)
    plural = noun + "s"
    if found.empty or carried < COINCIDES * size:
        one = _one_outlet(events, change, noun)
        if one:
            return one
    if found.empty:
        from .counting import batch_change_note

        # a rise or fall no outlet explains may be one week's batch of coding: said where the month holds it
        batch = batch_change_note(facts, events, month, month_end, said)
        return _no_change_of_sources(rise, when).removesuffix(".") + f"; {batch}." if batch else \
            _no_change_of_sources(rise, when)
    if carried == 0:  # outlets that only repeat other outlets' events change no count
        what, verb = _outlet_words(rise, len(found))
        one = len(found) == 1
        return (f"{what[:1].upper()}{what[1:]} ({_outlets_named(found, counts=False)}) {'is' if one else 'are'} "
                f"{verb} none of {when}'s {plural}: another outlet reports each of {'its' if one else 'their'} "
                f"{plural}, so {'it changes' if one else 'they change'} no count.")
    names = _outlets_named(found)
    what, verb = _outlet_words(rise, len(found))
    if carried >= COINCIDES * size:
        return (f"The {'rise in' if rise else 'fall after'} {when} coincides with {what}, {names}, {verb} "
                f"{carried:,} of {when}'s {plural}; {_without_them(events, change, found, noun)}.")
    return (f"{what[:1].upper()}{what[1:]} ({names}) {'is' if len(found) == 1 else 'are'} {verb} just "
            f"{carried:,} of {when}'s {plural}, less than {COINCIDES:.0%} of the change.")


#: A change is one outlet's when the other events (all but those only it reports) move its way, in proportion, by less
#: than this share of the change of all the events (a real change moves every outlet's events alike).
REST_STEADY = 0.5


def _one_outlet(events: pd.DataFrame, change: pd.Series, noun: str) -> str:
    """Say that a change is one outlet's (Markdown): the events only it reports carry most of the change while the
    other events hold steady or move against it (:data:`REST_STEADY`); "" when no outlet's do.

    An outlet's events are measured as the charts hatch them, and as :func:`_without_them` counts: those only it
    reports, and the others, which would be in the data without it (:func:`analysis.stats.coverage.outlet_shift`).
    "Only Local Network reported 24 of June 2020's events and none of July 2020's; without Local Network, 12 events
    in June 2020 and 15 in July 2020: the fall is one outlet's, and may be one of coverage." Where the other events
    did not change at all: "...; without Local Network, June and July 2020 both had 16 events: the fall is ..."
    """
    before, after = float(change["before"]), float(change["after"])
    if before <= 0 or after <= 0:
        return ""
    shift = outlet_shift(events, (change["from_start"], change["from_end"]), (change["to_start"], change["to_end"]))
    total = after / before - 1
    moved = (shift["only_after"] - shift["only_before"]) * (1 if total > 0 else -1)
    # the other events moved the change's way by less than REST_STEADY of it (against it, the more the outlet's)
    steady = shift["rest_before"].gt(0) & (
        (shift["rest_after"] / shift["rest_before"].where(shift["rest_before"] > 0) - 1) * (1 if total > 0 else -1)
        < REST_STEADY * abs(total))
    chosen = shift[(moved >= COINCIDES * abs(after - before)) & steady]
    if chosen.empty:
        return ""
    row = chosen.iloc[0]
    first, second = change["from_start"], change["to_start"]
    name = md(row["source"])
    if row["rest_before"] == row["rest_after"]:
        rest = f"without {name}, {_two_months(first, second)} both had {describe_number(row['rest_before'], noun)}"
    else:
        rest = (f"without {name}, {describe_number(row['rest_before'], noun)} in {first:%B %Y} and "
                f"{row['rest_after']:,} in {second:%B %Y}")
    before_words, after_words = (f"{n:,}" if n else "none" for n in (row["only_before"], row["only_after"]))
    return (f"Only {name} reported {before_words} of {first:%B %Y}'s {noun}s and {after_words} of "
            f"{second:%B %Y}'s; {rest}: the {'rise' if total > 0 else 'fall'} is one outlet's, and may be one of "
            "coverage.")


#: A change that coincides with new (or vanishing) outlets is theirs when the events they do not report moved its way
#: by at most this share of it (18 to 20 of a rise from 18 to 60 is; 10 to 40 of a rise from 10 to 80 is not).
REST_PART = 0.25


def events_without(events: pd.DataFrame, names: object) -> pd.DataFrame:
    """The events there would be without the outlets ``names``: every event but those only they report
    (:func:`analysis.stats.coverage.events_only_by`, the part the charts hatch); an event another outlet reports too
    stays."""
    ids = events["event_id"].astype("string")
    return events.loc[~ids.isin(events_only_by(events, names)["event_id"].astype("string")).to_numpy()]


def without_sources(events: pd.DataFrame, names: object, start: object, end: object) -> int:
    """Count the events from ``start`` to ``end`` (their ``event_date``) that the period would have without the outlets
    ``names``: all but those only they report (:func:`events_without`)."""
    dates = events["event_date"]
    inside = events.loc[((dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))).to_numpy()]
    return int(events_without(inside, names)["event_id"].nunique())


def _without_them(events: pd.DataFrame, change: pd.Series, found: pd.DataFrame, noun: str) -> str:
    """Say the events of a change's two months without the new (or vanishing) outlets ``found``, and what that makes
    of the change (Markdown): "without Local Network, 18 events in May 2020 and 20 in June 2020: the rise is the new
    outlet's". The change is theirs when the other events moved its way by at most :data:`REST_PART` of it; else
    the sentence says that the other outlets' events moved the same way."""
    rise = change["direction"] == "rise"
    first, second = change["from_start"], change["to_start"]
    before = without_sources(events, found["source"], change["from_start"], change["from_end"])
    after = without_sources(events, found["source"], change["to_start"], change["to_end"])
    one = len(found) == 1
    who = md(found["source"].iloc[0]) if one else "them"
    counts = f"without {who}, {describe_number(before, noun)} in {first:%B %Y} and {after:,} in {second:%B %Y}"
    moved = (after - before) * (1 if rise else -1)  # the other events' share of the change, in its direction
    if moved <= REST_PART * abs(float(change["change"])):
        whose = ("the new outlet's" if one else "the new outlets'") if rise else (
            f"{who}'s" if one else "these outlets'")
        return f"{counts}: the {'rise' if rise else 'fall'} is {whose}"
    return f"{counts}: the other outlets' {noun}s {'rose' if rise else 'fell'} too, so only part of it is one of coverage"


def _two_months(first: pd.Timestamp, second: pd.Timestamp) -> str:
    """Name two months together, their year once where they share it: "June and July 2020"."""
    if first.year == second.year:
        return f"{first:%B} and {second:%B %Y}"
    return f"{first:%B %Y} and {second:%B %Y}"


def carrying_sources(facts: Facts, events: pd.DataFrame, start: object, end: object) -> pd.Series:
    """Return the new sources that carry a peak, each with the day of its first report (empty for the coded data).

    ``start`` and ``end`` are the first and last days of the peak period. The new sources are those that first
    report after the run's first month (:func:`analysis.stats.coverage.outlet_spans`) and report events of the
    peak; they carry it when they report at least :data:`COINCIDES` of the period's ``events``: those whose first
    report falls in the period itself, else those that began before it. Sorted by first report.
    """
    return _carrying(facts, events, start, end)[0]


def _carrying(facts: Facts, events: pd.DataFrame, start: object, end: object, *, killed: bool = False
              ) -> tuple[pd.Series, int, int, int]:
    """:func:`carrying_sources`, with how many of the period's events the sources report alone, its events, and how
    many of them the sources report; with ``killed``, the people killed in those events instead of the events."""
    none = pd.Series([], dtype="datetime64[ns]")
    if facts.coded or events.empty or "source" not in events.columns or start is None:
        return none, 0, 0, 0
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    spans = facts.once(outlet_spans, per_outlet(facts))
    firsts = facts.once(first_reports, facts.events).reindex(spans.loc[spans["new"].to_numpy(dtype=bool), "source"])
    dates = events["event_date"]
    inside = ((dates >= first) & (dates <= last)).to_numpy()
    rows = event_sources(events.loc[inside])
    weight = (events.loc[inside].drop_duplicates("event_id").set_index("event_id")["fatalities"].fillna(0).astype(int)
              if killed else None)

    def measure(ids) -> int:  # the events, or the people killed in them
        ids = pd.unique(pd.Series(ids, dtype=object))
        return int(weight.reindex(ids).sum()) if killed else len(ids)

    total = measure(events.loc[inside, "event_id"])

    def carried(names: pd.Index) -> int:
        return measure(rows.loc[rows["source"].isin(names).to_numpy(), "event_id"])

    def alone(names: pd.Index) -> int:  # the events no other outlet reports
        return measure(events_only_by(events.loc[inside], names)["event_id"].astype("string"))

    began = firsts[(firsts >= first).to_numpy() & (firsts <= last).to_numpy()]
    earlier = firsts[(firsts < first).to_numpy() & firsts.index.isin(rows["source"])]
    for found in (began, earlier):
        if total > 0 and len(found) > 0 and carried(found.index) >= COINCIDES * total:
            return found.sort_values(kind="stable"), alone(found.index), total, carried(found.index)
    return none, 0, total, 0


def new_source_note(facts: Facts, events: pd.DataFrame, start: object, end: object) -> str:
    """Say, after a chart's headline figure, whether new sources carry its peak (plain text; "" for the coded data).

    The sources are :func:`carrying_sources`'. Those whose first report falls in the period itself began
    reporting with the peak (", as a new source began reporting"); those that began before it are named with
    their first day ("; Local Network had begun reporting on 2 June 2020"); "" when none carries it. Where they
    alone report every event of the peak, it says so ("; all 4 from Local Network alone, which had begun ...").
    """
    found, alone, total, _ = _carrying(facts, events, start, end)
    if found.empty:
        return ""
    if alone == total > 1:  # (one event "all 1 from" is no finding)
        who = (f"{found.index[0]} alone" if len(found) == 1 else f"{describe_number(len(found), 'new source')} alone")
        if (found >= pd.Timestamp(start)).all():
            return f", all {total:,} from {who}, new in that period"
        began = describe_dates(found.iloc[0], found.iloc[0], long=True)
        return f"; all {total:,} from {who}, which had begun reporting on {began}" if len(found) == 1 else (
            f"; all {total:,} from {who}")
    if (found >= pd.Timestamp(start)).all():
        return ", as a new source began reporting" if len(found) == 1 else ", as new sources began reporting"
    if len(found) == 1:
        return f"; {found.index[0]} had begun reporting on {describe_dates(found.iloc[0], found.iloc[0], long=True)}"
    named = [f"{name} (from {describe_dates(day, day, long=True)})" for name, day in found.head(2).items()]
    more = [f"{len(found) - 2:,} more"] if len(found) > 2 else []
    return f"; new sources had begun reporting: {join_words(named + more)}"


#: A peak that new sources carry (:func:`carried_peak`): the sources, each with the day of its first report; how
#: many of the peak's events they report, of how many; and the events none of them reports, for the chart's measure
#: without them.
CarriedPeak = tuple[pd.Series, int, int, pd.DataFrame]


def carried_peak(facts: Facts, events: pd.DataFrame, start: object, end: object) -> CarriedPeak | None:
    """Find the new sources that carry the peak from ``start`` to ``end`` (:func:`carrying_sources`, the rule the
    chart titles' notes and marks follow), for a chart that says its measure without them; None where none does."""
    found, _, total, carried = _carrying(facts, events, start, end)
    if found.empty:
        return None
    return found, carried, total, events_without(events, found.index)


def carried_peak_words(carried: CarriedPeak, when: str, esc: Escape = str, whose: str = "the") -> str:
    """Say how much of a peak new sources report (in ``esc``'s format; ``when`` names the peak's period): "Local
    Network, which began reporting on 2 June 2020, reports 9 of the 15 events of 8-14 June 2020"; several sources
    are counted together ("2 new sources, from 2 June 2020, report ..."). ``whose`` names the events counted where
    they are not all the period's ("the pairs'": "28 of the pairs' 48 events of June 2020")."""
    found, share, total, _ = carried
    began = describe_dates(found.iloc[0], found.iloc[0], long=True)
    if len(found) == 1:
        who = f"{esc(found.index[0])}, which began reporting on {began}, reports"
    else:
        who = f"{describe_number(len(found), 'new source')}, the first from {began}, report"
    return f"{who} {share:,} of {whose} {describe_number(total, 'event')} of {when}"


def killed_source_note(facts: Facts, events: pd.DataFrame, start: object, end: object) -> str:
    """Say, after a peak of the killed, how many of them new sources report (plain text; "" for the coded data, or
    where new sources report fewer than :data:`COINCIDES` of them): "; 32 of the 41 killed were in events that only
    Local Network reports, which had begun reporting on 2 June 2020", the killed the chart hatches
    (:func:`reported_alone` with ``killed``). The sources are found as :func:`carrying_sources` finds them, weighing
    each event by its killed."""
    found, alone, total, carried = _carrying(facts, events, start, end, killed=True)
    if found.empty:
        return ""
    who = found.index[0] if len(found) == 1 else describe_number(len(found), "new source")
    verb = "reports" if len(found) == 1 else "report"
    # the killed in the events only they report: the part the chart hatches
    share = (f"all {total:,} killed were in events that only {who} {verb}" if alone == total else
             f"{alone:,} of the {total:,} killed were in events that only {who} {verb}")
    if len(found) == 1 and found.iloc[0] < pd.Timestamp(start):
        return f"; {share}, which had begun reporting on {describe_dates(found.iloc[0], found.iloc[0], long=True)}"
    return f"; {share}, new in that period" if (found >= pd.Timestamp(start)).all() else f"; {share}"


def first_report_marks(facts: Facts, events: pd.DataFrame, start: object, end: object) -> dict[str, pd.Timestamp]:
    """Return the days to mark on a chart whose peak new sources carry (:func:`carrying_sources`): "Local Network's
    first report" -> its day (plain text, drawn as written by :func:`analysis.viz.counts.mark_days`)."""
    return {f"{name}'s first report": day for name, day in carrying_sources(facts, events, start, end).items()}


def reported_alone(facts: Facts, events: pd.DataFrame, start: object, end: object, *, killed: bool = False
                   ) -> tuple[pd.DataFrame, str] | None:
    """Return the events that only the new sources carrying the peak from ``start`` to ``end`` report
    (:func:`carrying_sources`, the sources the chart's title names; :func:`analysis.stats.coverage.events_only_by`),
    in every period of ``events``, and the key's words for them (plain text, drawn as written): "reported only by
    Local Network, first cited 2 June 2020"; several sources, "reported only by new sources (Local Network and
    Radio Y), the first cited 2 June 2020". With ``killed``, the sources carrying a peak of the killed, as
    :func:`killed_source_note` finds them. None where no new source carries the peak (the coded data)."""
    found = _carrying(facts, events, start, end, killed=killed)[0]
    if found.empty:
        return None
    began = describe_dates(found.iloc[0], found.iloc[0], long=True)
    if len(found) == 1:
        label = f"reported only by {found.index[0]}, first cited {began}"
    else:
        named = list(found.index[:OUTLETS_NAMED]) + ([f"{len(found) - OUTLETS_NAMED:,} more"]
                                                    if len(found) > OUTLETS_NAMED else [])
        label = f"reported only by new sources ({join_words(named)}), the first cited {began}"
    return events_only_by(events, found.index), label


def peak_part(facts: Facts, events: pd.DataFrame, start: object, end: object, *, killed: bool = False
              ) -> tuple[pd.DataFrame, str] | None:
    """Return the part of a chart's events to draw apart, which explains the peak from ``start`` to ``end`` its title
    names, and the key's words for it: the events only the new sources carrying it report (:func:`reported_alone`;
    ``killed`` as there), else those of the week in it that may be one batch of coding
    (:func:`analysis.report.words.counting.batch_part`); None for the coded data or where neither explains it."""
    from .counting import batch_part

    return reported_alone(facts, events, start, end, killed=killed) or batch_part(facts, events, start, end)


def peak_marks(facts: Facts, events: pd.DataFrame, start: object, end: object) -> dict[str, pd.Timestamp]:
    """Return the days to mark on a chart whose peak runs from ``start`` to ``end``, which explain it: the first
    report of each new source that carries it (:func:`first_report_marks`), and the week that may be one batch of
    coding it holds (:func:`analysis.report.words.counting.batch_marks`); empty for the coded data."""
    from .counting import batch_marks

    return {**first_report_marks(facts, events, start, end), **batch_marks(facts, events, start, end)}


def _no_change_of_sources(rise: bool, when: str) -> str:
    """Say that no new (or vanishing) outlet explains a rise (or fall) in the month ``when``: a fact about the
    outlets, not a finding that the change is real (a batch of coding, say, is another cause, said where found)."""
    if rise:
        return f"No new outlet explains the rise: every outlet of {when} had reported before."
    return f"No outlet that stopped reporting explains the fall: every outlet of {when} reported again later."


def _outlets_named(found: pd.DataFrame, counts: bool = True) -> str:
    """Name the first :data:`OUTLETS_NAMED` outlets of ``found`` (Markdown), each with its ``events`` (those only it
    reports) where there are several and ``counts``, and how many more there are."""
    names = join_words([f"{md(row.source)}" + (f" ({row.events:,})" if counts and len(found) > 1 else "")
                        for row in found.head(OUTLETS_NAMED).itertuples()])
    more = f" and {len(found) - OUTLETS_NAMED:,} more" if len(found) > OUTLETS_NAMED else ""
    return names + more


def _outlet_words(rise: bool, count: int) -> tuple[str, str]:
    """Return what ``count`` new (or vanishing) outlets are called, and the words for their share of the events (the
    events only they report)."""
    only = "the only source of" if count == 1 else "the only sources of"
    if rise:
        return ("a new source" if count == 1 else "new sources"), only
    return ("a source that stops after it" if count == 1 else "sources that stop after it"), only


def _only_theirs(events: pd.DataFrame, names: object, start: object, end: object) -> int:
    """Count the events from ``start`` to ``end`` (their ``event_date``) that only the outlets ``names`` report:
    their share of a change, the part the charts hatch (:func:`without_sources` counts the rest)."""
    dates = events["event_date"]
    inside = events.loc[((dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))).to_numpy()]
    return int(events_only_by(inside, names)["event_id"].nunique())


def sources_over_time(facts: Facts) -> str:
    """Say which outlets appear after the first month and which stop before the last (Markdown); "" for coded data."""
    if facts.coded or facts.events.empty:
        return ""
    spans = facts.once(outlet_spans, per_outlet(facts))
    if spans.empty:
        return ""
    months = spans["last_period"].max().to_period("M") - spans["first_period"].min().to_period("M")
    if months.n < 1:
        return ""
    lines = ["**Sources over time.**"]
    for flag, label, column in (("new", "Outlets that first report after the first month", "first_period"),
                                ("gone", "Outlets whose last report is before the last month", "last_period")):
        chosen = spans[spans[flag]]
        if chosen.empty:
            lines.append(f"{label}: none.")
            continue
        named = [f"{md(row.source)} ({'from' if flag == 'new' else 'until'} {getattr(row, column):%B %Y}, "
                 f"{describe_number(row.events, 'event')})" for row in chosen.head(OUTLETS_NAMED).itertuples()]
        more = f", and {len(chosen) - OUTLETS_NAMED:,} more" if len(chosen) > OUTLETS_NAMED else ""
        lines.append(f"{label}: {join_words(named)}{more}.")
        # an outlet that never reports an event alone changes no count by coming or going: said, so no reader
        # takes its start or stop for the cause of a change
        alone = facts.sources_table.set_index("source")["only_source"]
        silent = [md(name) for name in chosen.head(OUTLETS_NAMED)["source"] if int(alone.get(name, 1)) == 0]
        if silent:
            lines.append(f"{join_words(silent)} never {'reports' if len(silent) == 1 else 'report'} an event alone, "
                         f"so {'its' if len(silent) == 1 else 'their'} {'start' if flag == 'new' else 'stop'} "
                         "changes no count.")
    return " ".join(lines)


#: Rows of the table of outlets over time (a tie at the last row listed whole, up to twice as many), and its
#: most columns: a longer run is counted by a coarser period.
OUTLET_ROWS = 10
OUTLET_COLUMNS = 24
COARSER = {"W": "M", "M": "Q", "Q": "Y"}


def outlets_period(facts: Facts) -> str:
    """The period the table of outlets over time counts by: the monthly chart's, coarser while it gives too many."""
    from ...stats.periods import period_edges

    freq = facts.period("monthly", "M")
    while freq in COARSER and len(period_edges(facts.first, facts.last, freq=freq)) - 1 > OUTLET_COLUMNS:
        freq = COARSER[freq]
    return freq


def outlets_over_time(facts: Facts) -> pd.DataFrame:
    """The most active outlets' events per period (``all`` first, where a wide table keeps it in view, then a column
    per period); empty for the coded data."""
    from .common import top_whole
    from .counting import period_text

    if facts.coded or facts.events.empty or "source" not in facts.events.columns:
        return pd.DataFrame()
    freq = outlets_period(facts)
    counts = facts.once(outlets_per_period, facts.events, freq=freq, start=facts.first, end=facts.last)
    if counts.empty:
        return pd.DataFrame()
    totals = counts.groupby("source")["events"].sum().rename_axis("source").reset_index()
    totals = totals.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)
    shown, _, _ = top_whole(totals, OUTLET_ROWS, 2 * OUTLET_ROWS)
    periods = counts[["period_start", "period_end"]].drop_duplicates().sort_values("period_start")
    # a column per period: short names, so that a year of months fits the page
    labels = {row.period_start: period_text(pd.Series(row._asdict()), freq, short=True)
              for row in periods.itertuples()}
    wide = counts[counts["source"].isin(shown["source"])].pivot_table(
        index="source", columns="period_start", values="events", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=shown["source"], columns=list(labels), fill_value=0).astype("int64")
    wide.columns = [labels[c] for c in wide.columns]
    wide.insert(0, "all", shown.set_index("source")["events"].astype("int64"))
    return wide.reset_index()


def outlets_over_time_note(facts: Facts) -> str:
    """Say what the table of outlets over time lists (plain text, its caption)."""
    table = outlets_over_time(facts)
    if table.empty:
        return ""
    name = PERIOD_NAMES[outlets_period(facts)]
    every = "source" in facts.events.columns and len(table) == len(facts.sources_table)
    which = (f"each of the {len(table):,} outlets" if every else
             f"the {len(table):,} outlets behind most events (all those tied at the last place listed)")
    return (f"The events of {which}, in all and per {name} of ACLED's date: an outlet that starts or stops reporting "
            "changes the counts as surely as the conflict does." + _every_outlet_peaks(facts))


#: Every outlet's busiest period stands apart when it holds at least this many times its events of any other period.
APART_TIMES = 2


def _every_outlet_peaks(facts: Facts) -> str:
    """Say, where every outlet (two or more) reports the most in one period, far above its other periods
    (:data:`APART_TIMES`), which period and how far, and whether it holds a week that may be one batch of coding:
    the table's point, which a phone's cards of one outlet each do not show (" Every outlet reports the most in March
    2025: 103 to 127 events each, against at most 41 in any other month; that month holds the week of ...")."""
    from .counting import batch_change_note, period_text

    freq = outlets_period(facts)
    counts = facts.once(outlets_per_period, facts.events, freq=freq, start=facts.first, end=facts.last)
    if counts.empty or counts["source"].nunique() < 2:
        return ""
    wide = counts.pivot_table(index="source", columns="period_start", values="events", aggfunc="sum", fill_value=0)
    peaks = wide.idxmax(axis=1)
    if peaks.nunique() != 1 or wide.shape[1] < 2:
        return ""
    start = peaks.iloc[0]
    at_peak, elsewhere = wide[start], wide.drop(columns=start).max(axis=1)
    if (at_peak < APART_TIMES * elsewhere).any():
        return ""
    row = counts[counts["period_start"] == start].iloc[0]
    batch = batch_change_note(facts, facts.events, row["period_start"], row["period_end"])
    return (f" Every outlet reports the most in {period_text(row, freq)}: {int(at_peak.min()):,} to "
            f"{int(at_peak.max()):,} events each, against at most {int(elsewhere.max()):,} in any other "
            f"{PERIOD_NAMES[freq]}" + (f"; {batch}." if batch else "."))


def outlet_ages(facts: Facts) -> tuple[pd.DataFrame, str]:
    """Each period's events by outlet age (:func:`analysis.stats.coverage.events_by_outlet_age`), in the periods of
    the table of outlets over time, and the name of those periods; empty for the coded data."""
    freq = outlets_period(facts)
    if facts.coded or facts.events.empty or "source" not in facts.events.columns:
        return pd.DataFrame(), PERIOD_NAMES[freq]
    return events_by_outlet_age(facts.events, freq=freq, start=facts.first, end=facts.last), PERIOD_NAMES[freq]


def outlet_ages_title(facts: Facts) -> str:
    """The chart of outlet ages' title, its finding: how many events only later outlets report, and when most
    ("" when there is none: no chart, the sentence on sources over time says so)."""
    from .counting import period_text

    ages, name = outlet_ages(facts)
    if ages.empty or not ages["new_only"].sum():
        return ""
    most = ages.loc[ages["new_only"].idxmax()]
    total = int(ages[["established", "shared", "new_only"]].to_numpy().sum())
    first = period_text(ages.iloc[0], outlets_period(facts))
    alone = int(ages["new_only"].sum())
    share = "all" if int(most["new_only"]) == alone else f"{int(most['new_only']):,}"
    return (f"{alone:,} of the {describe_number(total, 'event')} are reported only by outlets this file first cites "
            f"after {first}; {share} of them in {period_text(most, outlets_period(facts))}")


def plot_outlet_ages(facts: Facts) -> object:
    """Draw each period's events by outlet age, with its title (None when no event rests on later outlets alone)."""
    import matplotlib.pyplot as plt

    from ...viz.figures import headline
    from ...viz.sources import plot_outlet_ages as plot_ages

    title = outlet_ages_title(facts)
    if not title:
        return None
    ages, name = outlet_ages(facts)
    spans = outlet_spans(facts.once(outlets_per_period, facts.events, freq=outlets_period(facts), start=facts.first,
                                    end=facts.last))
    later = spans.loc[spans["new"].to_numpy(dtype=bool), "source"].astype(str).tolist()  # most events first
    fig, ax = plt.subplots(figsize=(10, 3.4), layout="constrained")
    plot_ages(ages, period=name, later=later, covered=(facts.first, facts.last), ax=ax)
    headline(fig, title, subtitle=f"Events per {name} by the age of the outlets that report them; on top, those "
             "only later outlets report (a rise made of these may be one of coverage)", source=facts.data.source_line)
    return fig
