"""What the pages of a run's story share: the window's facts, the periods, and the common sentences.

:class:`StoryBase` holds a run's :class:`~analysis.report.inputs.NotebookData`
and the facts and wording more than one page uses: counts per period, the
killed, "nothing in this window", the largest changes and the deadliest
events. The pages' own sentences are in ``story_timeline``,
``story_attacks``, ``story_posture`` and ``story_sources``; the whole story,
with each page's title and sections, is :class:`analysis.report.story.Story`.
"""

from __future__ import annotations

import pandas as pd

from ..stats.highlights import Peak, deadliest_events, largest_changes, per_period
from ..text import describe_dates, describe_figure, describe_number
from .inputs import NotebookData

#: How many of the deadliest events a sentence names.
NAMED = 3
#: Rows of the events table under the timeline, and of the attacks table.
TABLE_ROWS = 60
ATTACK_ROWS = 40
#: Smallest change from one month to the next worth a sentence.
MIN_CHANGE = 2


def percent(part: float, whole: float) -> str:
    """Write ``part`` as a share of ``whole``: "12%", or "under 1%" for a share that rounds to nothing."""
    if whole <= 0:
        return "0%"
    share = 100 * part / whole
    return f"{share:.0f}%" if share >= 1 or share == 0 else "under 1%"


def week_text(found: Peak) -> str:
    """Write a peak's week in words: "1 March 2020 to 7 March 2020"."""
    return describe_dates(found.start, found.end, long=True)


def month_text(found: Peak) -> str:
    """Write a peak's month: "March 2020"."""
    return f"{found.start:%B %Y}"


class StoryBase:
    """A run's data, and the facts and sentences its pages share.

    Parameters
    ----------
    data : NotebookData
        What the notebook works on.
    """

    def __init__(self, data: NotebookData) -> None:
        self.data = data
        self.events = data.events
        self.first, self.last = data.window
        self.killed_column = "killed"

    # --- facts shared by the pages ---------------------------------------------------------

    def _per_period(self, freq: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
        frame = self.events if events is None else events
        casualties = self.data.casualties
        return per_period(frame, casualties, freq=freq, start=self.first, end=self.last)

    def _killed_total(self, events: pd.DataFrame) -> int:
        from ..stats.highlights import killed_per_event

        return int(killed_per_event(events, self.data.casualties).sum()) if len(events) else 0

    @property
    def _harmed(self) -> str:
        """What the figures count: "killed and wounded" in the coded data, "killed" in ACLED's fatalities."""
        return "killed and wounded" if self.data.coded else "killed"

    def _labelled_words(self) -> str:
        """Name the deadliest events the dense timeline labels: "the 8 deadliest", fewer where a tie is left out."""
        from ..viz.bands import LABELLED

        count = len(deadliest_events(self.events, self.data.casualties, n=LABELLED, split_ties=False))
        return "the deadliest event" if count == 1 else f"the {count} deadliest"

    @property
    def _fatality_rule(self) -> str:
        return ("lowest figures the reports give" if self.data.coded
                else "ACLED's fatalities, the lowest figure reported")

    def _spread_note(self, found: Peak) -> str:
        return " (events known only to a range of days counted in proportion)" if found.ranged else ""

    def _in_window(self) -> str:
        return f"in {self.data.place}, {self.data.period_text}"

    def nothing(self, what: str = "events") -> str:
        """Say that the window holds nothing: "No events in this window (Region A, 1 March 2020 to 30 April 2020)." """
        return f"No {what} in this window ({self.data.place}, {self.data.period_text})."

    # --- what a cell shows ------------------------------------------------------------------------

    def show(self, table: pd.DataFrame, what: str = "events") -> object:
        """Return a table to display, or, when it is empty, the sentence saying so (as Markdown).

        In the default run the table is returned whatever it holds, so the
        committed notebooks keep their outputs.
        """
        if len(table) or self.data.is_default:
            return table
        from IPython.display import Markdown

        return Markdown(self.nothing(what))

    def _weekly_words(self) -> str:
        name = self.period_name("weekly")
        return "week (Monday to Sunday)" if name == "week" else name

    def period(self, chart: str, default: str) -> str:
        """Return the period a chart counts by: ``default`` in the default run, else what the window's span allows.

        ``chart`` is ``"weekly"`` (weeks, or coarser over long spans) or
        ``"monthly"`` (months, or coarser); see
        :func:`analysis.stats.periods.chart_period`.
        """
        from ..stats.periods import chart_period

        if self.data.is_default or self.first is None:
            return default
        return chart_period(self.first, self.last, finest="W" if chart == "weekly" else "M")[0]

    def period_name(self, chart: str) -> str:
        """Name the period of :meth:`period` ("week", "month", "quarter", "year")."""
        return {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}[self.period(chart, "W" if chart == "weekly" else "M")]

    def _changes(self, monthly: pd.DataFrame, noun: str = "event") -> list[str]:
        whole = monthly[(monthly["period_start"] >= self.first) & (monthly["period_end"] <= self.last)]
        out = []
        for _, row in largest_changes(whole.reset_index(drop=True)).iterrows():
            if abs(row["change"]) < MIN_CHANGE:
                continue
            verb = "rise" if row["direction"] == "rise" else "fall"
            out.append(f"The largest {verb} from one whole month to the next: from "
                       f"{describe_number(row['before'], noun)} in {row['from_start']:%B %Y} to "
                       f"{describe_figure(row['after'])} in {row['to_start']:%B %Y}.")
        return out

    def _deadliest(self, events: pd.DataFrame, what: str) -> list[str]:
        from ..stats.highlights import killed_per_event

        # a tie is named whole or not at all: never one event and not another that killed as many
        top = deadliest_events(events, self.data.casualties, n=NAMED, split_ties=False)
        if top.empty:
            return [f"No one is reported killed in these {what}."]
        killed = killed_per_event(events, self.data.casualties)
        left = killed[killed > 0].sort_values(ascending=False, kind="stable").iloc[len(top):]
        parts = []
        for _, row in top.iterrows():
            place = row["location"] if pd.notna(row["location"]) else "unspecified"
            place = "an unspecified place" if str(place).strip().casefold() in ("", "unspecified") else place
            who = f", {row['actor1']}" + (f" against {row['actor2']}" if pd.notna(row["actor2"]) else "")
            parts.append(f"{row['killed']:,} killed in {place} on {row['when']} ({row['sub_event_type']}{who})")
        label = "The only deadly one" if len(top) == 1 and left.empty else "The deadliest"
        out = [f"{label} of the {what}: " + "; ".join(parts) + "."]
        if len(left) and len(top) < NAMED:
            tied = int((left == left.iloc[0]).sum())
            noun = "more attack" if what == "attacks" else "more event"
            out.append(f"{describe_number(tied, noun)} killed {describe_figure(left.iloc[0])} each.")
        return out
