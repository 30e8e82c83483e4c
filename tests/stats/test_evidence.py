"""ACLED's sources: outlets per event, outlets by events, source scales."""

from __future__ import annotations

import pandas as pd

from analysis.stats.evidence import event_sources, outlets_per_event, source_scales, sources_table

EVENTS = pd.DataFrame({
    "event_id": ["a", "b", "c", "d", "e"],
    "source": ["Radio X; Daily Y", "Radio X", " Daily Y ;Radio X; Wire Z", None, "Radio X;; "],
    "source_scale": ["National", "Local", "National", None, "Local"],
})


def test_event_sources_splits_outlets_and_drops_empty_parts():
    rows = event_sources(EVENTS)
    assert rows["event_id"].tolist() == ["a", "a", "b", "c", "c", "c", "e"]
    assert rows["source"].tolist() == ["Radio X", "Daily Y", "Radio X", "Daily Y", "Radio X", "Wire Z", "Radio X"]
    assert rows.groupby("event_id")["outlets"].first().to_dict() == {"a": 2, "b": 1, "c": 3, "e": 1}


def test_sources_table_counts_events_and_the_events_an_outlet_alone_reports():
    table = sources_table(EVENTS)
    assert table[["source", "events", "only_source"]].values.tolist() == [
        ["Radio X", 4, 2], ["Daily Y", 2, 0], ["Wire Z", 1, 0]]
    assert table["share"].tolist() == [1.0, 0.5, 0.25]  # of the 4 events with a source


def test_outlets_per_event_and_source_scales_count_every_event():
    per_event = outlets_per_event(EVENTS)
    assert per_event.values.tolist() == [["none", 1], ["1", 2], ["2", 1], ["3 or more", 1]]
    assert per_event["events"].sum() == len(EVENTS)
    assert source_scales(EVENTS).values.tolist() == [["Local", 2], ["National", 2], ["not given", 1]]
