"""The posture page's words (notebook 03): the bases or the forces, what happened to them, the troop levels."""

from __future__ import annotations

import pandas as pd

from ..stats.highlights import top_values
from ..stats.posture import force_posture, posture_per_period
from ..text import describe_count, describe_dates, describe_number, join_words
from .story_shared import TABLE_ROWS, StoryBase


class PosturePage(StoryBase):
    """The sentences and tables of the posture page, written from the data."""

    def _forces_words(self) -> str:
        target = self.data.selection.target
        return "foreign forces" if target is None else self.data.selection.target_words

    def posture_events(self) -> pd.DataFrame:
        """The strategic developments about bases and forces (:func:`analysis.stats.posture.force_posture`)."""
        return force_posture(self.events, target=self.data.selection.target, country=self.data.country)

    def _posture_lead(self) -> str:
        posture = self.posture_events()
        forces = self._forces_words()
        if posture.empty:
            return self.nothing(f"strategic development involving {forces}")
        kinds = top_values(posture["sub_event_type"], n=5)
        return (f"ACLED codes {describe_number(len(posture), 'strategic development')} involving {forces} "
                f"{self._in_window()}: " + join_words([f"{k} {n:,}" for k, n in kinds.items()]) + ".")

    def posture(self) -> str:
        """Write the key sentences of the posture page: what ACLED codes about the forces, first and last, where."""
        if self.data.coded:
            return "**What it shows.** " + self._bases_lead() + " " + self._troops()
        posture = self.posture_events()
        lines = [self._posture_lead()]
        if posture.empty:
            return "**What it shows.** " + lines[0]
        forces = top_values(posture["force"], n=3)
        lines.append("The forces named most: " + join_words([f"{f} ({n:,})" for f, n in forces.items()]) + ".")
        first, last = posture.iloc[0], posture.iloc[-1]
        lines.append(f"The first, on {first['when']}: {first['sub_event_type']} ({first['force']}) in "
                     f"{first['location']}.")
        if len(posture) > 1:
            lines.append(f"The last, on {last['when']}: {last['sub_event_type']} ({last['force']}) in "
                         f"{last['location']}.")
        return "**What it shows.** " + " ".join(lines)

    def _bases_lead(self) -> str:
        from ..stats.posture import base_posture

        if self.data.bases is None:
            return ""
        posture = base_posture(self.events, self.data.bases)
        if posture.empty:
            return self.nothing("event at a base")
        kinds = posture["kind"].value_counts()
        return (f"{describe_number(posture['event_id'].nunique(), 'event')} at "
                f"{describe_number(posture['base_id'].nunique(), 'base')} {self._in_window()}: "
                + join_words([f"{kind} {n:,}" for kind, n in kinds.items()]) + ".")

    def _troops(self) -> str:
        levels = self.data.troop_levels
        if levels is None or levels.empty:
            return "No troop level is stated in or before this window."
        parts = []
        for _, row in levels.iterrows():
            when = describe_dates(row["date_start"], row["date_end"], long=True)
            carried = ", stated before the window and carried in" if bool(row.get("carried_in", False)) else ""
            parts.append(f"{row['force']} {describe_count(row['qualifier'], row['count_low'], row['count_high'])} "
                         f"({when}{carried})")
        return "Troop levels: " + "; ".join(parts) + "."

    def posture_table(self) -> pd.DataFrame:
        """List the posture changes: the coded lane "posture change", or ACLED's strategic developments about forces."""
        from ..stats.tables import events_table

        if self.data.coded:
            return events_table(self.events, self.data.reports, sources=self.data.sources, kinds=["posture change"],
                                n=TABLE_ROWS)
        posture = self.posture_events()
        if len(posture) > TABLE_ROWS:  # too many to list: how many per period and kind, over the whole window
            return posture_per_period(posture, freq=self.period("monthly", "M"), start=self.first, end=self.last)
        return posture[["event_id", "when", "sub_event_type", "force", "location", "admin1", "notes"]]

    def posture_table_note(self) -> str:
        """Head the posture table and say what it lists: every change in order, or their number per period and kind."""
        if self.data.coded:
            return ("## Every change of posture, in order\n\nThe events of the lane \"posture change\" in this "
                    "window.")
        n = len(self.posture_events())
        if n <= TABLE_ROWS:
            return "## Every change of posture, in order\n\nThese strategic developments, in date order."
        name = self.period_name("monthly")
        return (f"## Changes of posture per {name}\n\nThe {n:,} strategic developments are too many to list one by "
                f"one: their number per {name} and kind in this window (one known only to a range of days is spread "
                "over it).")
