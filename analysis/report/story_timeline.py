"""The timeline page's words (notebook 01): its lead, how to read it, its table, its key sentences, escalation."""

from __future__ import annotations

import pandas as pd

from ..stats.highlights import deadliest_events, peak, top_values
from ..stats.selection import event_kind
from ..text import describe_dates, describe_figure, describe_number, join_words
from .story_shared import TABLE_ROWS, StoryBase, month_text, percent, week_text


class TimelinePage(StoryBase):
    """The sentences and tables of the timeline page, written from the data."""

    def _overview(self) -> str:
        n = len(self.events)
        if n == 0:
            return self.nothing()
        killed = self._killed_total(self.events)
        sentence = (f"{describe_number(n, 'event')} {self._in_window()}, in which "
                    f"{describe_number(killed, 'person', 'people')} were killed ({self._fatality_rule}).")
        found = peak(self._per_period("W"))
        if found is not None:
            sentence += (f" The busiest week was {week_text(found)}, with {describe_number(found.events, 'event')}"
                         f"{self._spread_note(found)}.")
        return sentence

    @property
    def dense(self) -> bool:
        """True when the timeline is drawn as bands (:func:`analysis.viz.bands.timeline_form`)."""
        from ..viz.bands import timeline_form

        return timeline_form(self.events) == "bands"

    def _band_period(self) -> str:
        from ..viz.bands import band_period

        return band_period(self.first, self.last)[1]

    def timeline_note(self) -> str:
        """Say how to read the timeline in the form this run's events get."""
        from ..viz.bands import band_period

        if self.events.empty:
            return self.nothing()
        if self.dense:
            _, period = band_period(self.first, self.last)
            return (f"**How to read it.** {describe_number(len(self.events), 'event')} are too many to draw one by one. "
                    f"Each lane is a kind of event, and its band rises and falls with the events per {period} "
                    "(each lane scaled to its own peak, written at its right; events known only to a range of days "
                    f"are spread over them). {self._labelled_words().capitalize()} are marked and labelled; the "
                    f"table below lists the {len(self._deadliest_ids()):,} deadliest.")
        return ("**How to read it.** Each marker is one event, in a lane for its kind; a filled marker is an event "
                "whose day is known, a hollow marker on a bar an event known only to a range of days (the bar covers "
                f"every possible day). Markers grow with the people {self._harmed_or} (the lowest figure). Labels "
                f"name the events with the most people {self._harmed_or}; overlapping events in a lane take separate "
                "rows.")

    @property
    def _harmed_or(self) -> str:
        return "killed or wounded" if self.data.coded else "killed"

    def events_headers(self) -> dict[str, str]:
        """The headers of the events table: the coded data's documents, or ACLED's event types and sources."""
        headers = {"number": "#", "event_id": "id", "actor1": "actor", "actor2": "other actor"}
        if not self.data.coded:
            headers.update({"kind": "event type", "documents": "sources"})
        return headers

    def peaks_caption(self, peaks: pd.DataFrame) -> str:
        """Say what the table of escalation peaks lists: "The 3 weeks of highest escalation, highest first." """
        period = self.period_name("weekly")
        if len(peaks) == 1:
            return f"The {period} of highest escalation."
        return f"The {len(peaks)} {period}s of highest escalation, highest first." if len(peaks) else ""

    def _deadliest_ids(self) -> set[str]:
        """The events the table of a dense timeline lists: at most TABLE_ROWS of the deadliest, never splitting a tie."""
        if not hasattr(self, "_deadliest_found"):
            top = deadliest_events(self.events, self.data.casualties, n=TABLE_ROWS, split_ties=False)
            self._deadliest_found = set(top["event_id"].astype(str))
        return self._deadliest_found

    def events_table(self) -> pd.DataFrame:
        """List the events under the timeline: the first in date order, or the deadliest when the timeline is dense."""
        from ..stats.tables import events_table

        if self.dense:
            ids = self._deadliest_ids()
            return events_table(self.events, self.data.reports, sources=self.data.sources,
                                kinds=lambda frame: frame["event_id"].astype("string").isin(ids))
        return events_table(self.events, self.data.reports, sources=self.data.sources, n=TABLE_ROWS)

    def table_note(self) -> str:
        """Say which events the table under the timeline lists."""
        n = len(self.events)
        sources = "the documents behind each" if self.data.coded else "ACLED's sources"
        if self.events.empty:
            return self.nothing()
        if self.dense:
            return (f"The {len(self._deadliest_ids()):,} deadliest of the {n:,} events (at most {TABLE_ROWS}, a tie "
                    f"listed whole or not at all), in date order, with {sources}; `#` is an "
                    f"event's place in date order among all {n:,}.")
        if n > TABLE_ROWS:
            return (f"The first {TABLE_ROWS} of the {n:,} events, in date order, with {sources}; `#` is an event's "
                    "number on the timeline.")
        return f"Every event, in date order, with {sources}; `#` is its number on the timeline."

    def timeline(self) -> str:
        """Write the key sentences under the timeline: kinds, peak week and month, deadliest events, largest changes."""
        if self.events.empty:
            return self.nothing()
        kinds = top_values(event_kind(self.events).astype("string"), n=10)
        n = len(self.events)
        lines = ["**What it shows.** " + "By kind: " + join_words(
            [f"{kind} {count:,} ({percent(count, n)})" for kind, count in kinds.items()]) + "."]
        weekly = self._per_period("W")
        by_events, by_killed = peak(weekly), peak(weekly, "killed")
        if by_events is not None:
            lines.append(f"Events peaked in the week of {week_text(by_events)}: {describe_number(by_events.events, 'event')}"
                         f"{self._spread_note(by_events)}.")
        if by_killed is not None:
            lines.append(f"Fatalities peaked in the week of {week_text(by_killed)}: {describe_figure(by_killed.value)}, in "
                         f"{describe_number(by_killed.events, 'event')}{self._spread_note(by_killed)}.")
        monthly = self._per_period("M")
        by_month = peak(monthly)
        if by_month is not None and len(monthly) > 1:
            lines.append(f"The busiest month was {month_text(by_month)}, with {describe_number(by_month.events, 'event')}.")
        lines += self._changes(monthly)
        lines += self._deadliest(self.events, "events")
        return " ".join(lines)

    def escalation(self, escalation: pd.DataFrame) -> str:
        """Write the key sentences under the escalation chart: its peak week, and how to read it."""
        if escalation.empty or not (escalation["escalation"] > 0).any():
            return "**What it shows.** " + self.nothing("conflict events")
        row = escalation.loc[escalation["escalation"].idxmax()]
        when = describe_dates(row["period_start"], row["period_end"], long=True)
        return (f"**What it shows.** Escalation, as measured, was highest in the week of {when}: "
                f"{describe_figure(row['escalation'])} Goldstein points, from {describe_number(row['events'], 'event')}. "
                "The measure counts acts, not their size: an attack that killed many and one that killed no one "
                "weigh the same, and it measures what the sources reported.")
