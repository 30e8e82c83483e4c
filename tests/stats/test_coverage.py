"""ACLED's outlets: who reports each event, the outlets over time, and the outlets behind a change."""

from __future__ import annotations

import pandas as pd

from analysis.stats.coverage import (
    change_coverage,
    event_sources,
    events_by_outlet_age,
    events_only_by,
    outlet_shift,
    outlet_spans,
    outlets_per_event,
    outlets_per_period,
    outlets_table,
    source_scales,
)


def frame():
    return pd.DataFrame({"event_id": list("abcdef"),
                         "source": ["X; Y", "X", "X; Local", "Local", "Y", None],
                         "event_date": pd.to_datetime(["2025-05-03", "2025-05-20", "2025-06-02", "2025-06-09",
                                                       "2025-06-30", "2025-07-01"])})


def test_each_outlet_counts_in_the_month_of_the_event_date():
    counts = outlets_per_period(frame())
    months = counts.assign(month=counts["period_start"].dt.strftime("%b"))
    assert months[["month", "source", "events"]].values.tolist() == [
        ["May", "X", 2], ["May", "Y", 1], ["Jun", "Local", 2], ["Jun", "X", 1], ["Jun", "Y", 1]]


def test_spans_mark_new_and_vanishing_outlets():
    spans = outlet_spans(outlets_per_period(frame())).set_index("source")
    assert spans.loc["Local", ["new", "gone"]].tolist() == [True, False]
    assert spans.loc["X", ["new", "gone"]].tolist() == [False, False]


def test_change_coverage_names_new_and_gone_outlets_with_their_events():
    data = pd.concat([frame(), pd.DataFrame({"event_id": ["g"], "source": ["Local"],
                                             "event_date": pd.to_datetime(["2025-07-04"])})], ignore_index=True)
    counts = outlets_per_period(data)
    assert change_coverage(counts, "2025-05-01", "2025-06-01").values.tolist() == [["Local", "new", 2]]
    gone = change_coverage(counts, "2025-06-01", "2025-07-01")
    assert sorted(gone.values.tolist()) == [["X", "gone", 1], ["Y", "gone", 1]]


def test_no_events_or_no_sources_give_empty_frames():
    assert outlets_per_period(frame().iloc[:0]).empty
    assert outlets_per_period(frame().assign(source=None)).empty
    assert outlet_spans(outlets_per_period(frame().iloc[:0])).empty


def test_outlet_shift_counts_the_events_only_each_outlet_reports_and_the_rest_in_two_periods():
    may, june = ("2025-05-01", "2025-05-31"), ("2025-06-01", "2025-06-30")
    shift = outlet_shift(frame(), may, june).set_index("source")
    # May: a (X; Y), b (X); June: c (X; Local), d (Local), e (Y); f (July, no source) in neither. An event another
    # outlet reports too is in the rest: the data would hold it without the outlet (c without Local, a without X)
    assert shift.loc["X"].tolist() == [1, 0, 1, 3]
    assert shift.loc["Local"].tolist() == [0, 1, 2, 2]
    assert shift.loc["Y"].tolist() == [0, 1, 2, 2]
    assert shift.index.tolist() == ["Local", "X", "Y"]  # most events only theirs in either period first, then by name
    for name in shift.index:  # events_only_by's rule, one outlet at a time
        june_events = frame()[frame()["event_date"].between(*june)]
        assert shift.loc[name, "only_after"] == len(events_only_by(june_events, [name]))


def test_events_that_only_later_outlets_report_are_counted_apart_month_by_month():
    # May's outlets X and Y; Local begins in June: d (Local alone) is new-only, c (X and Local) shared; f has no source
    ages = events_by_outlet_age(frame())
    columns = ["established", "shared", "new_only"]
    assert ages["period_start"].dt.strftime("%b").tolist() == ["May", "Jun", "Jul"]
    assert ages[columns].values.tolist() == [[2, 0, 0], [1, 1, 1], [1, 0, 0]]
    assert ages[columns].to_numpy().sum() == len(frame())  # every event once
    # the events the data would hold without the new outlet (outlet_shift's rest) are all but those only it reports
    shift = outlet_shift(frame(), ("2025-05-01", "2025-05-31"), ("2025-06-01", "2025-06-30")).set_index("source")
    assert ages["established"].iloc[1] + ages["shared"].iloc[1] == shift.loc["Local", "rest_after"]
    window = events_by_outlet_age(frame(), start="2025-04-01", end="2025-08-31")  # empty months as zeros
    assert window["period_start"].dt.strftime("%b").tolist() == ["Apr", "May", "Jun", "Jul", "Aug"]
    assert window[columns].values.tolist() == [[0, 0, 0], [2, 0, 0], [1, 1, 1], [1, 0, 0], [0, 0, 0]]
    assert events_by_outlet_age(frame().iloc[:0]).empty


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


def test_the_events_only_some_outlets_report_leave_out_those_another_reports_too_and_those_with_no_source():
    # "c" is Local's with X, and would be in the data without Local; "f" has no source at all
    assert events_only_by(frame(), ["Local"])["event_id"].tolist() == ["d"]
    assert events_only_by(frame(), ["Local", "X"])["event_id"].tolist() == ["b", "c", "d"]
    assert events_only_by(frame(), []).empty and events_only_by(frame().iloc[:0], ["Local"]).empty
