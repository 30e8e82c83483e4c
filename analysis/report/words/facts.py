"""The facts of one run that the words of its pages are written from, each computed once.

:class:`Facts` holds a run's :class:`~analysis.report.inputs.NotebookData`
and what more than one page's words need: the window, the counts per
period, the killed, the period a chart counts by, the posture events, the
sources behind the events and an ACLED run's actors. It computes; it writes no sentence (the
pages' words are in :mod:`analysis.report.words.timeline` and its siblings).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

import pandas as pd

from ...stats.highlights import deadliest_events, killed_per_event, per_period
from ..inputs import NotebookData

#: Rows of the events table under the timeline, of the posture table, and of the attacks table.
TABLE_ROWS = 60
ATTACK_ROWS = 40
#: How many of the deadliest events a sentence names.
NAMED = 3
#: Smallest change from one month to the next worth a sentence.
MIN_CHANGE = 2

#: A chart's period code -> its name in words.
PERIOD_NAMES = {"W": "week", "M": "month", "Q": "quarter", "Y": "year"}


class Facts:
    """One run's data, and the facts its pages' words share.

    Parameters
    ----------
    data : NotebookData
        What the notebook works on.
    """

    def __init__(self, data: NotebookData) -> None:
        self.data = data
        self.events = data.events
        self.first, self.last = data.window
        self._computed: dict[tuple, tuple[pd.DataFrame, tuple, pd.DataFrame]] = {}
        self._areas: dict[str, pd.DataFrame] = {}

    @property
    def coded(self) -> bool:
        """True for the five coded reports, False for an ACLED file."""
        return self.data.coded

    @property
    def is_default(self) -> bool:
        """True for the committed default run (:attr:`NotebookData.is_default`)."""
        return self.data.is_default

    def per_period(self, freq: str, events: pd.DataFrame | None = None) -> pd.DataFrame:
        """Events and killed per period of the window (:func:`analysis.stats.highlights.per_period`).

        ``events`` defaults to all the run's events. The counts of a frame
        are kept for the next call with the same frame (the same object, such
        as :attr:`attacks`): every page's sentences and titles ask again.
        Callers read the result and never change it.
        """
        events = self.events if events is None else events
        return self.once(per_period, events, self.data.casualties, freq=freq, start=self.first, end=self.last,
                         dates=self.data.date_rule)

    def once(self, compute: Callable[..., pd.DataFrame], events: pd.DataFrame, *args, **options) -> pd.DataFrame:
        """Return ``compute(events, *args, **options)``, computed once for the run: kept for the next call with the
        same function, the same frame (the same object, such as :attr:`attacks`) and the same arguments (compared as
        objects too), since every page's titles and sentences ask again. Callers read the result and never change it.
        """
        key = (compute, id(events), tuple(id(arg) for arg in args), tuple(sorted(options.items())))
        kept = self._computed.get(key)
        if kept is None or kept[0] is not events or any(a is not b for a, b in zip(kept[1], args)):
            # the frame and arguments themselves are kept, so that their ids are not another's
            kept = self._computed[key] = (events, args, compute(events, *args, **options))
        return kept[2]

    @cached_property
    def escalation(self) -> pd.DataFrame:
        """The escalation measure per period of the weekly chart, as notebook 01 draws it
        (:func:`analysis.stats.escalation.escalation_per_period` of :attr:`escalation_events`)."""
        from ...stats.escalation import escalation_per_period

        return escalation_per_period(self.escalation_events, freq=self.period("weekly", "W"), start=self.first, end=self.last,
                                     clip=True, dates=self.data.date_rule)

    @property
    def escalation_events(self) -> pd.DataFrame:
        """The events the escalation score counts (:attr:`NotebookData.escalation_events`, selected there once)."""
        return self.data.escalation_events

    @cached_property
    def left_out_of_escalation(self) -> pd.DataFrame:
        """The run's events the escalation score leaves out: those outside the confrontation
        (:data:`analysis.stats.selection.OUTSIDE_CONFRONTATION`), in the order of the events."""
        return self.events.loc[~self.events.index.isin(self.escalation_events.index)]

    @cached_property
    def killed(self) -> int:
        """The people killed in all the run's events (lowest figures)."""
        return int(killed_per_event(self.events, self.data.casualties).sum()) if len(self.events) else 0

    @cached_property
    def attacks(self) -> pd.DataFrame:
        """The events counted as attacks (:attr:`NotebookData.attacks`), selected once."""
        return self.data.attacks

    @cached_property
    def counted_per_period(self) -> bool:
        """True where the attacks page draws its attacks per period (a weekly, then a monthly chart), not one by one
        (:func:`analysis.viz.attacks.attack_chart_form`), so that each chart's findings stand under it."""
        from ...viz.attacks import attack_chart_form

        return attack_chart_form(len(self.attacks)) == "counts"

    def period(self, chart: str, default: str) -> str:
        """The period a chart counts by: ``default`` in the default run, else what the window's span allows.

        ``chart`` is ``"weekly"`` (weeks, or coarser over long spans) or
        ``"monthly"`` (months, or coarser); see
        :func:`analysis.stats.periods.chart_period`.
        """
        from ...stats.periods import chart_period

        if self.is_default or self.first is None:
            return default
        return chart_period(self.first, self.last, finest="W" if chart == "weekly" else "M")[0]

    def period_name(self, chart: str) -> str:
        """Name the period of :meth:`period` ("week", "month", "quarter", "year")."""
        return PERIOD_NAMES[self.period(chart, "W" if chart == "weekly" else "M")]

    @cached_property
    def dense(self) -> bool:
        """True when the timeline is drawn as bands (:func:`analysis.viz.bands.timeline_form`)."""
        from ...viz.bands import timeline_form

        return timeline_form(self.events) == "bands"

    @cached_property
    def numbered(self) -> bool:
        """True when the timeline writes every event's number on its mark: drawn one by one and few enough
        (:data:`analysis.viz.timeline_layout.MAX_NUMBERED`)."""
        from ...viz.timeline_layout import MAX_NUMBERED

        return not self.dense and len(self.events) <= MAX_NUMBERED

    @property
    def band_period(self) -> str:
        """The period of the timeline's bands, in words (:func:`analysis.viz.bands.band_period`)."""
        from ...viz.bands import band_period

        return band_period(self.first, self.last)[1]

    @cached_property
    def labelled(self) -> int:
        """How many of the deadliest events the dense timeline labels (a tie is left out whole)."""
        from ...viz.bands import LABELLED

        return len(deadliest_events(self.events, self.data.casualties, n=LABELLED, split_ties=False))

    @cached_property
    def deadliest_ids(self) -> set[str]:
        """The events the table of a dense timeline lists: at most TABLE_ROWS of the deadliest, never splitting a tie."""
        top = deadliest_events(self.events, self.data.casualties, n=TABLE_ROWS, split_ties=False)
        return set(top["event_id"].astype(str))

    @cached_property
    def lists_deadliest(self) -> bool:
        """True when the table under the timeline lists the deadliest events (:attr:`deadliest_ids`), not every
        event: more than TABLE_ROWS of them, some killing anyone. So the events the timeline labels, the deadliest,
        are in the table, whatever their dates."""
        return self.dense or (len(self.events) > TABLE_ROWS and bool(self.deadliest_ids))

    @cached_property
    def posture_events(self) -> pd.DataFrame:
        """The strategic developments about forces (:func:`analysis.stats.posture.force_posture`)."""
        from ...stats.posture import force_posture

        return force_posture(self.events, target=self.data.selection.target or None, country=self.data.country)

    @cached_property
    def sources_table(self) -> pd.DataFrame:
        """The sources behind the events: ACLED's outlets, or the coded reports.

        For an ACLED file, :func:`analysis.stats.coverage.outlets_table`; for
        the coded data, one row per report, named as every table of the
        pages names it ("unnamed outlet, 29 Mar 2020",
        :func:`analysis.stats.evidence.document_names`): the events of the
        run it supports and those it alone supports, in the same columns.
        """
        from ...stats.coverage import outlets_table
        from ...stats.evidence import document_names

        if not self.coded:
            return outlets_table(self.events)
        reports = self.data.reports
        sources = self.data.sources
        names = document_names(sources) if sources is not None else pd.Series(dtype="string")
        per_event = reports.groupby("event_id")["doc_id"].nunique()
        single = set(per_event[per_event == 1].index)
        rows = [
            {"source": str(names.get(str(doc), str(doc).split("_")[0])), "events": group["event_id"].nunique(),
             "only_source": group.loc[group["event_id"].isin(single), "event_id"].nunique()}
            for doc, group in reports.groupby("doc_id", sort=True)
        ]
        table = pd.DataFrame(rows, columns=["source", "events", "only_source"])
        table["share"] = table["events"] / max(len(per_event), 1)
        return table.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)

    @cached_property
    def duplicates(self) -> pd.DataFrame:
        """The run's events that may be one event coded twice (:func:`analysis.stats.caveats.possible_duplicates`)."""
        from ...stats.caveats import possible_duplicates

        return possible_duplicates(self.events)

    @cached_property
    def actors(self) -> pd.DataFrame:
        """Every actor of an ACLED run with its events and killed (:func:`analysis.stats.actors.actors_table`)."""
        from ...stats.actors import actors_table

        return actors_table(self.events)

    @cached_property
    def whole_periods(self) -> pd.DataFrame:
        """The whole periods of the window, of the monthly chart's period (months, or coarser over long windows):
        the rows of :meth:`per_period` that the window covers from their first day to their last."""
        from ...stats.periods import partial_periods

        if self.first is None:
            return pd.DataFrame({"period_start": [], "period_end": []})
        frame = self.per_period(self.period("monthly", "M"))
        return frame[~partial_periods(frame, self.first, self.last).to_numpy(dtype=bool)] if len(frame) else frame

    @cached_property
    def compared(self) -> tuple[tuple[pd.Timestamp, pd.Timestamp], tuple[pd.Timestamp, pd.Timestamp], str] | None:
        """The last two of the :attr:`whole_periods`: the previous one and the last one, each as its first and
        last day, and the period's code; None with fewer."""
        whole = self.whole_periods
        freq = self.period("monthly", "M")
        if len(whole) < 2:
            return None
        previous, last = whole.iloc[-2], whole.iloc[-1]
        return ((previous["period_start"], previous["period_end"]), (last["period_start"], last["period_end"]), freq)

    def areas(self, level: str = "admin1") -> pd.DataFrame:
        """Events and fatalities by admin area (``"admin1"``, or ``"admin2"`` within its admin1; in a file of several
        countries, each with its ``country`` first), with the change
        between the :attr:`compared` periods (:func:`analysis.stats.places.events_by_area`); kept for the next call."""
        from ...stats.places import events_by_area

        if level not in self._areas:
            columns = ["admin1", "admin2"] if level == "admin2" else [level]
            if "country" in self.events.columns and self.events["country"].nunique() > 1:
                columns = ["country", *columns]  # a file of several countries: each area with its country
            previous, last = self.compared[:2] if self.compared else (None, None)
            self._areas[level] = events_by_area(self.events, columns, previous=previous, last=last)
        return self._areas[level]

    @cached_property
    def outlets(self) -> pd.DataFrame:
        """The events by number of outlets (:func:`analysis.stats.coverage.outlets_per_event`)."""
        from ...stats.coverage import outlets_per_event

        return outlets_per_event(self.events)
