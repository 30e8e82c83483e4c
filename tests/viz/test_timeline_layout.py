"""The timeline's layout: lanes, rows, marks, marker sizes and texts that never overlap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers_events import make_events, ranged_events
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis import schema
from analysis.viz.timeline_labels import event_labels
from analysis.viz.timeline_layout import CHAR_WIDTH_EM, LABEL_FONT_SIZE, timeline_layout


def test_timeline_layout_puts_overlapping_events_on_separate_rows():
    events = make_events([
        {"date_start": "2020-01-03", "date_end": "2020-02-06", "category": "political", "sub_event_type": "Other",
         "event_type": "Strategic developments"},
        {"date_start": "2020-01-10", "date_end": "2020-01-20", "category": "political", "sub_event_type": "Other",
         "event_type": "Strategic developments"},
        {"date_start": "2020-03-01", "category": "political", "sub_event_type": "Other",
         "event_type": "Strategic developments"},
        {"date_start": "2020-01-10", "fatalities": 2},
    ])
    layout = timeline_layout(events)
    by_id = layout.set_index("event_id")
    assert list(layout.attrs["lanes"]) == ["militia attack", "political"]
    assert layout.attrs["lanes"]["militia attack"] > layout.attrs["lanes"]["political"]  # first lane on top
    assert by_id.loc["EV001", "row"] != by_id.loc["EV002", "row"]
    assert by_id.loc["EV001", "y"] > by_id.loc["EV002", "y"]  # row 0 at the top of its lane
    assert by_id.loc[["EV001", "EV002", "EV003", "EV004"], "is_range"].tolist() == [True, True, False, False]
    assert by_id.loc["EV001", "x_end"] == pd.Timestamp("2020-02-07")
    assert by_id.loc["EV004", "marker_size"] > by_id.loc["EV003", "marker_size"]


def test_every_event_carries_its_number_and_its_label_on_its_own_row():
    events = make_events([{"date_start": f"2020-03-{day:02d}"} for day in (1, 2, 3, 5, 20)])
    layout = timeline_layout(events, label=pd.Series(["a long label for an attack"] * 5), chars_per_axis=60)
    assert layout["text"].tolist() == [f"{n} · a long label for an attack" for n in range(1, 6)]
    assert len(set(layout["row"].iloc[:4])) == 4  # four labelled events close together take four rows
    assert (layout["text_ha"] == "left").iloc[:4].all() and layout["text_ha"].iloc[4] == "right"  # near the end


def test_identical_ranges_collapse_into_one_mark_with_a_count():
    same = {"date_start": "2020-01-03", "date_end": "2020-02-06", "category": "political",
            "event_type": "Strategic developments", "sub_event_type": "Other", "date_start_from": "event EV001",
            "date_end_from": "publication date"}
    events = make_events([{"date_start": "2019-12-27"}] + [same] * 4 + [{**same, "date_start_from": "text"}])
    layout = timeline_layout(events)
    political = layout[layout["lane"] == "political"]
    assert political["mark"].nunique() == 2  # a bound of another kind is drawn apart
    grouped = political[political["mark_events"] == 4]
    assert grouped["text"].unique().tolist() == ["2\u20135 (4 events)"]
    labelled = timeline_layout(events, label=pd.Series({"EV003": "a statement"}))
    assert labelled.set_index("event_id").loc["EV003", "mark_events"] == 1  # a labelled event keeps its own mark
    assert timeline_layout(events, collapse=False)["mark"].nunique() == len(events)


def test_every_packaged_event_is_numbered_or_labelled_once():
    events = analysis.load_events()
    labels = event_labels(events, analysis.load_casualties(), bases=analysis.load_bases())
    layout = timeline_layout(events, label=labels)
    assert sorted(layout["event_id"]) == sorted(events["event_id"])
    assert np.isfinite(layout["y"]).all()
    shown = []
    for text in layout.drop_duplicates("mark")["text"]:
        keys = text.split(" (")[0] if text.endswith("events)") else text.split(" ")[0]
        for part in keys.split(", "):
            first, _, last = part.partition("\u2013")
            shown += list(range(int(first), int(last or first) + 1))
    # the numbers of the events' ids (EV035 is 35), each once: the numbers of every table
    assert sorted(shown) == sorted(int(event_id[2:]) for event_id in events["event_id"])
    assert layout.drop_duplicates("mark")["mark_events"].max() > 1  # the 3 Jan - 6 Feb statements share a mark


def test_timeline_labels_from_event_ids_and_acled_lanes(attacks):
    labels = pd.Series({"EV002": "second"})
    layout = timeline_layout(attacks, label=labels)
    assert layout.set_index("event_id")["label"].dropna().to_dict() == {"EV002": "second"}
    acled = attacks.assign(category=pd.Categorical([None] * 4, categories=schema.CATEGORIES))
    assert list(timeline_layout(acled).attrs["lanes"]) == ["Explosions/Remote violence"]


@pytest.mark.slow
@settings(deadline=None)
@given(events=ranged_events(max_size=25), chars=st.integers(20, 200))
def test_no_mark_or_text_overlaps_another_in_its_row(events, chars):
    labels = pd.Series([f"event number {i}" if i % 3 else None for i in range(len(events))], index=events.index,
                       dtype="string")
    layout = timeline_layout(events, label=labels, chars_per_axis=chars, max_rows=60)
    assert sorted(layout["event_id"]) == sorted(events["event_id"])
    marks = layout.drop_duplicates("mark")
    if marks.empty:
        return
    first = layout["x_start"].min()
    axis_days = (layout["x_end"].max() - first) / pd.Timedelta(days=1)
    char_days = max(axis_days, 1.0) / chars
    day = pd.Timedelta(days=1)
    start = (marks["x_start"] - first) / day
    end = (marks["x_end"] - first) / day
    middle = (marks["event_date"] - first) / day + 0.5
    radius = np.sqrt(marks["marker_size"]) / 2 / (CHAR_WIDTH_EM * LABEL_FONT_SIZE) * char_days
    body_left = np.where(marks["is_range"], np.minimum(start, middle - radius), middle - radius)
    body_right = np.where(marks["is_range"], np.maximum(end, middle + radius), middle + radius)
    width = marks["text"].str.len().fillna(0).to_numpy(dtype=float) * char_days
    text_x = ((marks["text_x"] - first) / day).to_numpy(dtype=float)
    after = (marks["text_ha"] == "left").to_numpy(dtype=bool)
    left = np.where(after, body_left, np.minimum(body_left, text_x - width))
    right = np.where(after, np.maximum(body_right, text_x + width), body_right)
    spans = pd.DataFrame({"lane": marks["lane"].astype(str).to_numpy(), "row": marks["row"].to_numpy(),
                          "left": left, "right": right})
    for _, row in spans.groupby(["lane", "row"]):
        row = row.sort_values("left")
        assert (row["left"].iloc[1:].to_numpy() >= row["right"].iloc[:-1].to_numpy() - 1e-9).all()


def test_above_the_numbered_limit_each_label_still_carries_its_events_number():
    # 120 events are too many to number every mark, but two identical labels ("Camp Taji: ..., 6 killed") must
    # still be told apart and found in the events table, by the number in the event's id
    events = make_events([{"date_start": (pd.Timestamp("2020-01-01") + pd.Timedelta(days=i)).strftime("%Y-%m-%d"),
                           "fatalities": 6 if i in (29, 43) else 0} for i in range(120)])
    labels = pd.Series(pd.NA, index=events.index, dtype="string")
    labels[[29, 43]] = "Camp Taji: clash, 6 killed"
    layout = timeline_layout(events, label=labels).set_index("event_id")
    texts = layout["text"].dropna()
    assert texts.to_dict() == {"EV030": "30 · Camp Taji: clash, 6 killed", "EV044": "44 · Camp Taji: clash, 6 killed"}
    # without numbers asked for, the labels alone
    assert timeline_layout(events, label=labels, number=False)["text"].dropna().tolist() == [
        "Camp Taji: clash, 6 killed"] * 2
