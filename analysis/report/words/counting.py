"""How a run's pages count events in time: the rule a page uses, the dates known only to a range, and the partial
first and last periods of its charts; the methods part at a page's end that says so (:func:`time_section`)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...stats.caveats import BatchSigns, batch_signs
from ...stats.highlights import Peak, stands_apart
from ...stats.periods import partial_periods
from ...text import describe_dates, describe_figure, describe_number, describe_points, in_words, join_words
from .common import percent, week_text
from .facts import PERIOD_NAMES, Facts


def counting_rule(facts: Facts, events: pd.DataFrame | None = None) -> str:
    """Say which rule the page's counts use, and how many of the ``events`` it counts (the run's if None) it places
    only approximately (Markdown)."""
    if facts.data.date_rule == "range":
        return ("Each event is counted over every day its date can fall on: **certain** where its whole range "
                "lies in a period, **possible** where it overlaps it, **expected** by its share of days.")
    here = "" if events is None else " counted here"
    events = facts.events if events is None else events
    n = len(events)
    ranged = int((events["date_end"] > events["date_start"]).sum()) if n else 0
    rule = ("Each event is counted in the period of the one date ACLED gives it, as ACLED Explorer and acledR "
            "count, so the totals match ACLED's own tools.")
    if not ranged:
        return rule
    return (f"{rule} {ranged:,} of the {describe_number(n, 'event')}{here} ({percent(ranged, n)}) are known only to a "
            "week or a month; ACLED dates each to the middle of it, so each may belong to a neighbouring period "
            "(a note on the count, not a change to it).")


def stands_apart_note(weekly: pd.DataFrame, found: Peak | None, noun: str = "event", *, killed: bool = True,
                      events: pd.DataFrame | None = None, duplicates: pd.DataFrame | None = None) -> str:
    """Say that the peak week ``found`` of ``weekly`` (:meth:`Facts.per_period`) stands apart from the other weeks
    (:func:`analysis.stats.highlights.stands_apart`), with its share of the killed (``killed=False``: without, where a
    chart of the killed per week follows and says it); "" where it does not: "The week of 3-9 March 2025 stands
    apart: 625 events, 18 times the median week's 35.5; 1,928 of the 4,349 killed (44%)."

    Given the ``events`` that ``weekly`` counts (an ACLED file's), the signs that the week may be a batch of coding
    follow (:func:`batch_note`; ``duplicates``, :func:`analysis.stats.caveats.possible_duplicates` of them where
    already found).
    """
    median = stands_apart(weekly, found)
    if median is None:
        return ""
    week = weekly[weekly["period_start"] == found.start]
    dead, every = float(week["killed"].sum()), float(weekly["killed"].sum())
    share = (f"; {describe_figure(dead)} of the {describe_figure(every)} killed ({percent(dead, every)})"
             if dead > 0 and killed else "")
    batch = "" if events is None else batch_note(batch_signs(events, weekly, found.start, duplicates), noun)
    return (f"The week of {week_text(found)} stands apart: {describe_number(found.events, noun)}, "
            f"{found.events / median:,.0f} times the median week's {describe_points(median)}{share}.{batch}")


def batch_week(facts: Facts, events: pd.DataFrame | None = None) -> Peak | None:
    """The week of ``events`` (the run's, by default) that stands apart from the others and shows signs of a batch
    of coding (:func:`analysis.stats.caveats.batch_signs`); None for the coded data or where there is none."""
    from ...stats.highlights import peak

    events = facts.events if events is None else events
    if facts.coded or events.empty or "event_date" not in events.columns:
        return None
    weekly = facts.per_period("W", events)
    found = peak(weekly)
    if stands_apart(weekly, found) is None:
        return None
    duplicates = facts.duplicates if events is facts.events else None
    return found if batch_signs(events, weekly, found.start, duplicates).any else None


#: What a week standing apart with signs of a batch of coding may be, wherever a title or a finding names it.
BATCH_WORDS = "may be one batch of coding"


def batch_title_note(facts: Facts, events: pd.DataFrame, start: object, end: object) -> str:
    """Say, after a chart's headline figure, that its peak period (``start`` to ``end``) holds a week that stands
    apart with signs of a batch of coding (:func:`batch_week`), so that no title presents such a week as a peak
    without a word, in one plain clause: ", a week that may be one batch of coding" (the week itself), ", a month
    holding a week that may be one batch of coding" (a month, a quarter, a year holding it; the findings under the
    chart name the week); "" for the coded data or none.
    """
    found = _batch_in(facts, events, start, end)
    if found is None:
        return ""
    if found.start == pd.Timestamp(start) and found.end == pd.Timestamp(end):
        return f", a week that {BATCH_WORDS}"
    return f", a {_period_noun(start, end)} holding a week that {BATCH_WORDS}"


def batch_change_note(facts: Facts, events: pd.DataFrame, start: object, end: object,
                      said: set[pd.Timestamp] | None = None) -> str:
    """Say, after a finding on a change from one period to the next, that the period ``start`` to ``end`` holds a
    week that stands apart with signs of a batch of coding (:func:`batch_week`): "that month holds the week of 3-9
    March 2025, which may be one batch of coding"; where ``said`` (the first days of the weeks the findings before
    have named so; this one is added) holds the week, the finding after names it as said: "that month holds the
    same week"; "" for the coded data or none."""
    found = _batch_in(facts, events, start, end)
    if found is None:
        return ""
    noun = _period_noun(start, end)
    if said is not None and found.start in said:
        return f"that {noun} holds the same week"
    if said is not None:
        said.add(found.start)
    return f"that {noun} holds the week of {week_text(found)}, which {BATCH_WORDS}"


def batch_marks(facts: Facts, events: pd.DataFrame, start: object, end: object) -> dict[str, pd.Timestamp]:
    """Return the day to mark on a chart whose peak period (``start`` to ``end``) holds a week that may be one batch
    of coding (:func:`batch_week`): "3-9 March 2025: may be one batch of coding" -> the week's first day, so that the
    chart copied without its title still says it; empty for the coded data or none."""
    found = _batch_in(facts, events, start, end)
    return {} if found is None else {f"{week_text(found)}: {BATCH_WORDS}": found.start}


def batch_part(facts: Facts, events: pd.DataFrame, start: object, end: object) -> tuple[pd.DataFrame, str] | None:
    """Return the events of the week that may be one batch of coding in a chart's peak period (``start`` to
    ``end``; :func:`batch_week`, the week :func:`batch_marks` marks), for the chart to draw apart, and the key's words
    for them (plain text, drawn as written): "events of 3-9 March 2025, which may be one batch of coding"; None for
    the coded data or none."""
    found = _batch_in(facts, events, start, end)
    if found is None:
        return None
    dates = events["event_date"]
    inside = ((dates >= found.start) & (dates <= found.end)).to_numpy()
    return events.loc[inside], f"events of {week_text(found)}, which {BATCH_WORDS}"


def _batch_in(facts: Facts, events: pd.DataFrame, start: object, end: object) -> Peak | None:
    """The week of :func:`batch_week` where it begins in the period ``start`` to ``end``, else None."""
    found = batch_week(facts, events)
    return found if found is not None and pd.Timestamp(start) <= found.start <= pd.Timestamp(end) else None


def _period_noun(start: object, end: object) -> str:
    """Name the period from ``start`` to ``end``: "week", "month", "quarter", "year", else "period"."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    for freq in ("W", "M", "Q", "Y"):
        whole = start.to_period(freq if freq != "W" else "W-SUN")
        if whole.start_time.normalize() == start and whole.end_time.normalize() == end:
            return PERIOD_NAMES[freq]
    return "period"


def batch_note(signs: BatchSigns, noun: str = "event") -> str:
    """Say the signs found that a week standing apart may be a batch of coding rather than a rise of events
    (:func:`analysis.stats.caveats.batch_signs`), and its month without it; "" where no sign holds (Markdown,
    after a sentence that names the week).

    " It shows signs of a batch of coding: 225 of its 625 events have exactly 3 killed, against 113 of the other
    2,375; 7 of the 8 groups of events that may be coded twice are in it; every one of its 10 outlets reported 14 to
    20 times its usual weekly number. It may be one batch, not a rise of events: check it before reading a trend
    into it. Without that week, March 2025 had 120 events, fewer than February 2025 (137) and April 2025 (158)."
    """
    if not signs.any:
        return ""
    found = []
    if signs.heaped:
        found.append(f"{signs.figure_in:,} of its {describe_number(signs.events, noun)} have exactly "
                     f"{signs.figure:,} killed, against {signs.figure_out:,} of the other {signs.others:,}")
    if signs.duplicated:
        groups = "groups of events that may be coded twice"
        found.append(f"all {signs.groups:,} {groups} are in it" if signs.groups_in == signs.groups else
                     f"{signs.groups_in:,} of the {signs.groups:,} {groups} are in it")
    if signs.together:
        low, high = round(signs.outlet_low), round(signs.outlet_high)
        times = f"{low:,} to {high:,} times" if high > low else f"about {low:,} times"
        found.append(f"every one of its {signs.outlets:,} outlets reported {times} its usual weekly number")
    month = f"{signs.month_start:%B %Y}"
    text = (f" It shows signs of a batch of coding: {'; '.join(found)}. It may be one batch, not a rise of "
            f"{noun}s: check it before reading a trend into it.")
    beside = [(f"{day:%B %Y}", count) for day, count in
              ((signs.month_start - pd.offsets.MonthBegin(1), signs.month_before),
               (signs.month_start + pd.offsets.MonthBegin(1), signs.month_after)) if count is not None]
    if not beside:
        return text
    named = join_words([f"{name} ({count:,})" for name, count in beside])
    fewer = all(signs.month_without < count for _, count in beside)
    compared = (f"fewer than {named}" if fewer else
                "against " + join_words([f"{count:,} in {name}" for name, count in beside]))
    return (f"{text} Without that week, {month} had {describe_number(signs.month_without, noun)}, {compared}.")


def partial_note(facts: Facts, freq: str) -> str:
    """Say which of the first and last periods of ``freq`` the data cover only in part, or "" when both are whole:
    the methods' words (:func:`time_section`); the findings say it short (:func:`partial_caveat`).

    "The first month (March 2025) is partial: the data cover 15 March 2025 to 31 March 2025, so its count is not
    comparable with a whole month's."
    """
    name = PERIOD_NAMES.get(freq, "period")
    return " ".join(f"The {position} {name} ({period_text(row, freq)}) is partial: the data cover "
                    f"{describe_dates(*covered, long=True)}, so its count is not comparable with a whole {name}'s."
                    for position, row, covered in _partial(facts, freq))


def partial_caveat(facts: Facts, freq: str) -> str:
    """Say short, beside the findings it qualifies, which periods of ``freq`` are partial ("" when none is):
    "March 2020 and August 2020, the first and last months, are covered only in part." """
    found = _partial(facts, freq)
    if not found:
        return ""
    name = PERIOD_NAMES.get(freq, "period")
    named = join_words([period_text(row, freq) for _, row, _ in found])
    which = (f"the first and last {name}s, are" if len(found) == 2
             else f"the {found[0][0]} {name}, is")
    return f"{named}, {which} covered only in part."


def partial_starts(facts: Facts, freq: str) -> list[pd.Timestamp]:
    """The first days of the first and last periods of ``freq`` that the data cover only in part (none, one or two)."""
    return [row["period_start"] for _, row, _ in _partial(facts, freq)]


def _partial(facts: Facts, freq: str) -> list[tuple[str, pd.Series, tuple[pd.Timestamp, pd.Timestamp]]]:
    """The first and last periods of ``freq`` the data cover only in part: "first" or "last", the period's row and
    the days the data cover of it."""
    frame = facts.per_period(freq)
    if frame.empty or facts.first is None:
        return []
    partial = partial_periods(frame, facts.first, facts.last)
    out = []
    for position, row_at in (("first", 0), ("last", len(frame) - 1)):
        if position == "last" and len(frame) == 1:
            break
        if not partial.iloc[row_at]:
            continue
        row = frame.iloc[row_at]
        out.append((position, row, (max(row["period_start"], facts.first), min(row["period_end"], facts.last))))
    return out


def time_section(facts: Facts, *more: str, events: pd.DataFrame | None = None) -> str:
    """The methods part that says how a page counts events in time (Markdown): the rule, how many of the page's
    ``events`` (the run's if None) are known only to a range, the partial first and last months, and ``more`` (a
    page's own words on it), each a paragraph."""
    parts = [counting_rule(facts, events), partial_note(facts, facts.period("monthly", "M")), *more]
    return "## How events are counted in time\n\n" + "\n\n".join(part for part in parts if part)


def period_text(row: pd.Series, freq: str, *, short: bool = False) -> str:
    """Name one period of a per-period frame as the chart counts it: "March 2025", "Q1 2025", "2025" or its days;
    ``short``, as a column of a table with a column per period names it: "Mar 2025", "3-9 Mar 2025"."""
    start = row["period_start"]
    if freq == "M":
        return f"{start:%b %Y}" if short else f"{start:%B %Y}"
    if freq == "Q":
        return f"Q{start.quarter} {start.year}"
    if freq == "Y":
        return f"{start.year}"
    return describe_dates(start, row["period_end"], long=not short)


#: The most periods a chart's title names when they tie for its peak (:func:`peak_headline`); more, and it counts them.
TIE_NAMED = 3


def title_names_tie(frame: pd.DataFrame, column: str = "expected") -> bool:
    """Whether a chart's title names the periods that tie for its peak, whole (:func:`peak_headline`): two to
    :data:`TIE_NAMED` of them; a sentence under it then need not say the tie again."""
    values = frame[column].to_numpy(dtype=float) if len(frame) else np.zeros(0)
    if not len(values) or values.max() <= 1e-9:
        return False
    return 2 <= int((abs(values - values.max()) < 1e-9).sum()) <= TIE_NAMED


def peak_headline(frame: pd.DataFrame, freq: str, what: str, noun: str, column: str = "expected",
                  note: object = None, plural: str | None = None) -> str:
    """State where a chart of counts per period peaks, as its headline (plain text; "" when every period is 0).

    ``frame`` is the chart's counts per period (:meth:`Facts.per_period`), ``freq`` its period, ``what`` what
    it counts, where, and ``noun`` the unit of its figure: "Battles and remote violence in Iraq peaked in the week
    of 1-7 June 2020: 9 attacks". Two or three periods tied are named together, none of them presented as the peak:
    "Events in Iraq and Syria peaked at 15 events in each of three weeks: 8-14, 15-21 and 22-28 June 2020"; where
    more than three periods share the top, none is a peak: "Battles and remote violence in Somalia: at most 1
    attack in a week, in 12 weeks". ``note``, a function of the first and last days of the peak period (the first
    of a tie), writes what follows the peak's figure (a change of sources,
    :func:`analysis.report.words.coverage.new_source_note`); ``plural`` is the plural of ``noun`` where an "s"
    does not make it ("person killed", "people killed").
    """
    from ...stats.highlights import peak

    found = peak(frame, column)
    if found is None:
        return ""
    row = pd.Series({"period_start": found.start, "period_end": found.end})
    name = PERIOD_NAMES.get(freq, "period")
    when = f"the week of {period_text(row, freq)}" if freq == "W" else period_text(row, freq)
    values = frame[column].to_numpy(dtype=float)
    others = int((abs(values - found.value) < 1e-9).sum()) - 1
    what = what[:1].upper() + what[1:]
    if others + 1 > TIE_NAMED:  # no one period stands out: say the most any had, and how many had it
        most = describe_number(found.value, noun, plural)
        return f"{what}: at most {most} in a {name}, in {describe_number(others + 1, name)}"
    # the note is said of the first of a tie, the period whose new sources the chart marks (``peak_span``), so that
    # a count it gives ("all 9 from Local Network alone") is one period's, as the figure before it
    after = note(found.start, found.end) if note else ""
    if not others:
        return f"{what} peaked in {when}: {describe_number(found.value, noun, plural)}{after}"
    return f"{what} peaked at {tied_peak(frame, freq, noun, column, plural)}{after}"


def tied_peak(frame: pd.DataFrame, freq: str, noun: str, column: str = "expected", plural: str | None = None) -> str:
    """Name a peak of ``frame`` (:meth:`Facts.per_period`) that several periods of ``freq`` share, whole, none of
    them presented as the peak: "15 events in each of three weeks: 8-14, 15-21 and 22-28 June 2020" (plain text;
    "" where one period alone holds the most, or none holds any). The title of a chart (:func:`peak_headline`)
    and a sentence under it (:func:`tie_sentence`) name a tie in these words.
    """
    values = frame[column].to_numpy(dtype=float) if len(frame) else np.zeros(0)
    if not len(values) or values.max() <= 1e-9:
        return ""
    tied = frame[abs(values - values.max()) < 1e-9]
    if len(tied) < 2:
        return ""
    name = PERIOD_NAMES.get(freq, "period")
    return (f"{describe_number(values.max(), noun, plural)} in each of {in_words(len(tied))} {name}s: "
            f"{periods_text(tied, freq)}")


def tie_sentence(frame: pd.DataFrame, freq: str, noun: str, column: str = "expected") -> str:
    """Say that the peak of ``frame`` is shared, in the words of the chart's title (:func:`tied_peak`): "The peak is
    shared: 15 events in each of three weeks: 8-14, 15-21 and 22-28 June 2020."; "" without a tie."""
    tied = tied_peak(frame, freq, noun, column)
    return f"The peak is shared: {tied}." if tied else ""


def periods_text(frame: pd.DataFrame, freq: str) -> str:
    """Name the periods of a per-period frame in one phrase, a month or a year they share written once:
    "8-14, 15-21 and 22-28 June 2020", "June and July 2020", "29 June - 5 July and 13-19 July 2020".

    Examples
    --------
    >>> frame = pd.DataFrame({"period_start": pd.to_datetime(["2020-06-08", "2020-06-22"]),
    ...                       "period_end": pd.to_datetime(["2020-06-14", "2020-06-28"])})
    >>> periods_text(frame, "W"), periods_text(frame.iloc[:1], "W")
    ('8-14 and 22-28 June 2020', '8-14 June 2020')
    >>> periods_text(pd.DataFrame({"period_start": pd.to_datetime(["2020-06-01", "2021-07-01"])}), "M")
    'June 2020 and July 2021'
    """
    texts = [period_text(row, freq) for _, row in frame.iterrows()]
    if len(texts) > 1:
        for words in (2, 1):  # a shared "June 2020", else a shared "2020", written once at the end
            tails = {" ".join(text.split()[-words:]) for text in texts}
            heads = [" ".join(text.split()[:-words]) for text in texts]
            if len(tails) == 1 and all(heads) and (words == 1 or not any(c.isalpha() for c in "".join(heads))):
                return f"{join_words(heads)} {tails.pop()}"
    return join_words(texts)
