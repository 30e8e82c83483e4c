"""The sources page's words (notebook 04): who reported the events, alone or not, and the passages cited."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from ..stats.evidence import outlets_per_event, outlets_table, source_scales
from ..text import describe_number
from .story_shared import StoryBase, percent


class SourcesPage(StoryBase):
    """The sentences, tables and chart of the sources page, written from the data."""

    @cached_property
    def sources_table(self) -> pd.DataFrame:
        """The sources behind the events, computed once: ACLED's outlets, or the coded reports.

        For an ACLED file, :func:`analysis.stats.evidence.outlets_table`; for
        the coded data, one row per report ("001: <title>"): the events of
        the run it supports and those it alone supports, in the same columns.
        """
        if not self.data.coded:
            return outlets_table(self.events)
        reports = self.data.reports
        titles = {} if self.data.sources is None else dict(zip(self.data.sources["doc_id"], self.data.sources["title"]))
        per_event = reports.groupby("event_id")["doc_id"].nunique()
        single = set(per_event[per_event == 1].index)
        rows = [
            {"source": f"{doc.split('_')[0]}: {titles.get(doc) or '(no title)'}",
             "events": group["event_id"].nunique(), "only_source": group.loc[group["event_id"].isin(single), "event_id"].nunique()}
            for doc, group in reports.groupby("doc_id", sort=True)
        ]
        table = pd.DataFrame(rows, columns=["source", "events", "only_source"])
        table["share"] = table["events"] / max(len(per_event), 1)
        return table.sort_values(["events", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)

    def plot_sources(self) -> object:
        """Draw who stands behind this run's events: outlets (and ACLED's source scale), or the coded reports."""
        import matplotlib.pyplot as plt

        from ..viz.figures import headline
        from ..viz.sources import plot_source_scales, plot_sources

        if self.data.coded or "source_scale" not in self.events.columns:
            fig, ax = plt.subplots(figsize=(10, 3.6), layout="constrained")
            plot_sources(self.sources_table, ax=ax)
        else:
            fig, (ax, right) = plt.subplots(1, 2, figsize=(11, 4.2), width_ratios=[3, 2], layout="constrained")
            plot_sources(self.sources_table, ax=ax)
            plot_source_scales(source_scales(self.events), ax=right)
        headline(fig, self.chart_title("sources"), subtitle=self.chart_subtitle("sources"), source=self.data.source_line)
        return fig

    @cached_property
    def outlets(self) -> pd.DataFrame:
        """The events by number of outlets (:func:`analysis.stats.evidence.outlets_per_event`), computed once."""
        return outlets_per_event(self.events)

    def _sources_lead(self) -> str:
        if self.events.empty:
            return self.nothing()
        if self.data.coded:
            reports = self.data.reports
            per_event = reports.groupby("event_id")["doc_id"].nunique()
            single = int((per_event == 1).sum())
            return (f"{describe_number(reports['doc_id'].nunique(), 'coded report')} support the "
                    f"{describe_number(len(self.events), 'event')} {self._in_window()}; "
                    f"{describe_number(single, 'event')} rest on a single report.")
        if "source" not in self.events.columns:
            return "The file has no source column: it does not say who reported the events."
        table, outlets = self.sources_table, self.outlets
        single = int(outlets.loc[outlets["outlets"] == "1", "events"].sum())
        return (f"{describe_number(len(table), 'outlet')} stand behind the "
                f"{describe_number(len(self.events), 'event')} {self._in_window()}; "
                f"{describe_number(single, 'event')} ({percent(single, len(self.events))}) rest on a single outlet.")

    def sources(self) -> str:
        """Write the key sentences of the sources page: who reports the most, alone, and at which scale."""
        lead = self._sources_lead()
        if self.data.coded or self.events.empty or "source" not in self.events.columns:
            return "**What it shows.** " + lead
        table = self.sources_table
        lines = [lead]
        if len(table):
            top = table.iloc[0]
            lines.append(f"{top['source']} reports the most: {describe_number(top['events'], 'event')} "
                         f"({percent(top['events'], len(self.events))}), {top['only_source']:,} of them alone.")
        outlets = self.outlets
        many = int(outlets.loc[outlets["outlets"] == "3 or more", "events"].sum())
        lines.append(f"{describe_number(many, 'event')} rest on three outlets or more.")
        if "source_scale" in self.events.columns:
            scales = source_scales(self.events)
            first = scales.iloc[0]
            lines.append(f"By ACLED's source scale, {first['source_scale']} comes first, with "
                         f"{describe_number(first['events'], 'event')}.")
        return "**What it shows.** " + " ".join(lines)

    def passages(self) -> pd.DataFrame:
        """List the passages the window's events rest on: document, event, claim and quote, in document order.

        A run on a window or an area of the coded data shows these instead
        of the five documents in full, whose other passages concern events
        outside the run.
        """
        reports = self.data.reports
        if reports is None:
            return pd.DataFrame({c: pd.Series([], dtype="string") for c in ("document", "event_id", "claim", "quote")})
        titles = {} if self.data.sources is None else dict(zip(self.data.sources["doc_id"], self.data.sources["title"]))
        ordered = reports.sort_values(["doc_id", "event_id", "report_id"], kind="stable")
        claim = ordered["claim_field"].astype("string").fillna("") + ": " + ordered["claim_value"].astype("string").fillna("")
        return pd.DataFrame({
            "document": [f"{d.split('_')[0]}: {titles.get(d) or '(no title)'}" for d in ordered["doc_id"]],
            "event_id": ordered["event_id"].astype("string").to_numpy(),
            "claim": claim.where(ordered["claim_field"].notna(), "").astype("string").to_numpy(),
            "quote": ordered["quote"].astype("string").to_numpy(),
        }).astype({"document": "string"})
