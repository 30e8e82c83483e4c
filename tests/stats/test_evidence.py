"""What each document contributes: names, the document-by-event matrix, corroboration and disputes."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.stats.evidence import (
    corroboration,
    corroboration_counts,
    disputed_points,
    document_names,
    event_sources,
    evidence_matrix,
    outlets_per_event,
    outlets_table,
    source_scales,
    sources_table,
)


def test_documents_are_named_by_outlet_and_date_and_told_apart():
    sources = pd.DataFrame({"doc_id": ["000_a", "001_b", "002_c"], "outlet": [None, None, "AP"],
                            "published_start": pd.to_datetime(["2020-03-29", "2020-03-29", "2020-02-06"]),
                            "published_end": pd.to_datetime(["2020-03-29", "2020-03-29", "2020-02-06"])})
    assert document_names(sources).tolist() == ["outlet not named, 29 Mar 2020 (000)",
                                                "outlet not named, 29 Mar 2020 (001)", "AP, 6 Feb 2020"]


def test_the_packaged_documents_read_by_outlet_and_date_in_order_of_publication():
    data = analysis.load_dataset()
    table = sources_table(data.sources)
    assert table["document"].tolist()[0] == "Associated Press, 6 Feb 2020"
    assert not table["document"].str.contains("_").any()
    assert table["number"].tolist() == ["004", "002", "000", "001", "003"]


def test_the_evidence_matrix_has_a_cell_per_document_and_event_and_counts_every_row():
    data = analysis.load_dataset()
    matrix = evidence_matrix(data.reports, data.sources, data.events)
    assert len(matrix) == len(data.sources) * len(data.events)
    assert matrix["rows"].sum() == len(data.reports)
    assert matrix.groupby("event_id")["rows"].sum().gt(0).all()  # every event has evidence
    columns = matrix.drop_duplicates("event_id")
    # events in reading order, each by the number of its id (EV035 is 35)
    assert columns["number"].tolist() == [int(i[2:]) for i in columns["event_id"]]
    order = analysis.event_numbers(data.events.set_index("event_id").loc[columns["event_id"]].reset_index())
    assert order.tolist() == list(range(1, len(data.events) + 1))
    disputed = matrix[matrix["disputed"]]
    conflicts = analysis.list_conflicts(data.reports)
    assert set(zip(disputed["doc_id"], disputed["event_id"])) == set(zip(conflicts["doc_id"], conflicts["event_id"]))


def test_corroboration_counts_and_table_agree():
    reports = pd.DataFrame({"event_id": ["EV1", "EV1", "EV1", "EV2", "EV3", "EV3"], "doc_id": ["a", "b", "c", "a", "a", "b"]})
    assert corroboration_counts(reports).values.tolist() == [[1, 1], [2, 1], [3, 1]]
    table = corroboration(reports)
    assert table["documents"].tolist() == [3, 1, 2] and table["document_names"].tolist()[0] == "a; b; c"


def test_disputed_points_tell_one_report_quoting_sides_from_reports_that_differ():
    reports = pd.DataFrame({
        "report_id": ["RP1", "RP2", "RP3", "RP4", "RP5"], "event_id": ["EV1", "EV1", "EV2", "EV2", "EV2"],
        "doc_id": ["a", "a", "a", "b", "b"], "claim_field": ["status", "status", "actor", "actor", "actor"],
        "claim_value": ["ended", "not ended", "a militia", "Kata'ib Hezbollah", "a militia"],
        "claimant": ["the US", "the army", "the article", "the article", "the article"], "quote": ["q"] * 5,
    })
    points = disputed_points(reports)
    assert points[["event_id", "claims", "documents", "where"]].values.tolist() == [
        ["EV1", 2, 1, "within one report"], ["EV2", 3, 2, "between reports"]]


# --- ACLED's sources: outlets per event, outlets by events, source scales ---------------------

ACLED_EVENTS = pd.DataFrame({
    "event_id": ["a", "b", "c", "d", "e"],
    "source": ["Radio X; Daily Y", "Radio X", " Daily Y ;Radio X; Wire Z", None, "Radio X;; "],
    "source_scale": ["National", "Local", "National", None, "Local"],
})


def test_event_sources_splits_outlets_and_drops_empty_parts():
    rows = event_sources(ACLED_EVENTS)
    assert rows["event_id"].tolist() == ["a", "a", "b", "c", "c", "c", "e"]
    assert rows["source"].tolist() == ["Radio X", "Daily Y", "Radio X", "Daily Y", "Radio X", "Wire Z", "Radio X"]
    assert rows.groupby("event_id")["outlets"].first().to_dict() == {"a": 2, "b": 1, "c": 3, "e": 1}


def test_outlets_table_counts_events_and_the_events_an_outlet_alone_reports():
    table = outlets_table(ACLED_EVENTS)
    assert table[["source", "events", "only_source"]].values.tolist() == [
        ["Radio X", 4, 2], ["Daily Y", 2, 0], ["Wire Z", 1, 0]]
    assert table["share"].tolist() == [1.0, 0.5, 0.25]  # of the 4 events with a source


def test_outlets_per_event_and_source_scales_count_every_event():
    per_event = outlets_per_event(ACLED_EVENTS)
    assert per_event.values.tolist() == [["none", 1], ["1", 2], ["2", 1], ["3 or more", 1]]
    assert per_event["events"].sum() == len(ACLED_EVENTS)
    assert source_scales(ACLED_EVENTS).values.tolist() == [["Local", 2], ["National", 2], ["not given", 1]]
