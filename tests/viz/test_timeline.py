"""The timeline: its layout (rows, lanes, labels, sizes) and what it draws."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers_events import make_events, ranged_events
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex

import analysis
from analysis import schema
from analysis.viz.style import KIND_COLORS
from analysis.viz.timeline import event_labels, plot_timeline, timeline_layout, timeline_legend


# --- layout ---------------------------------------------------------------------------------


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
    assert layout.attrs["lanes"]["militia attack"] > layout.attrs["lanes"]["political"]
    assert by_id.loc["EV001", "row"] != by_id.loc["EV002", "row"]
    assert by_id.loc["EV003", "row"] == 0
    assert by_id.loc[["EV001", "EV002", "EV003", "EV004"], "is_range"].tolist() == [True, True, False, False]
    assert by_id.loc["EV001", "x_end"] == pd.Timestamp("2020-02-07")
    assert by_id.loc["EV004", "marker_size"] > by_id.loc["EV003", "marker_size"]


def test_timeline_labels_never_overlap_in_a_lane():
    events = make_events([{"date_start": f"2020-03-{day:02d}"} for day in (1, 2, 3, 5, 20)])
    layout = timeline_layout(events, label=pd.Series(["a long label for the first attack"] * 5), chars_per_axis=60)
    rows = layout["label_row"].tolist()
    assert len(set(rows[:4])) == 4  # four labels close together stack on four rows
    labelled = layout.dropna(subset=["label"])
    assert (labelled["label_y"] > labelled["y"]).all()


def test_timeline_labels_from_event_ids_and_acled_lanes(attacks):
    labels = pd.Series({"EV002": "second"})
    layout = timeline_layout(attacks, label=labels)
    assert layout.set_index("event_id")["label"].dropna().to_dict() == {"EV002": "second"}
    acled = attacks.assign(category=pd.Categorical([None] * 4, categories=schema.CATEGORIES))
    assert list(timeline_layout(acled).attrs["lanes"]) == ["Explosions/Remote violence"]


def test_event_labels_name_place_rockets_and_casualties(attacks, casualties):
    labels = event_labels(attacks, casualties)
    assert labels.tolist()[:3] == ["Camp Taji: 18 rockets, 3 killed", "Camp Taji: rocket attack, 1+ wounded",
                                   "air strike, 4 killed"]
    assert pd.isna(labels.iloc[3])


def test_event_labels_keep_the_most_hurt_events(attacks, casualties):
    labels = event_labels(attacks, casualties, most=1)
    assert labels.dropna().tolist() == ["air strike, 4 killed"]
    assert labels.index.equals(attacks.index)


def test_every_packaged_event_is_laid_out():
    events = analysis.load_events()
    layout = timeline_layout(events, label=event_labels(events, analysis.load_casualties()))
    assert sorted(layout["event_id"]) == sorted(events["event_id"])
    assert np.isfinite(layout["y"]).all()


@settings(max_examples=60, deadline=None)
@given(events=ranged_events(max_size=25))
def test_timeline_rows_keep_overlapping_events_apart(events):
    layout = timeline_layout(events, max_rows=40)
    assert sorted(layout["event_id"]) == sorted(events["event_id"])
    for _, lane in layout.groupby("lane", observed=True):
        for _, row in lane.groupby("row"):
            ranged = row[row["is_range"]].sort_values("x_start")
            assert (ranged["x_start"].iloc[1:].to_numpy() >= ranged["x_end"].iloc[:-1].to_numpy()).all()


@settings(max_examples=60, deadline=None)
@given(events=ranged_events(max_size=20), chars=st.integers(20, 200))
def test_timeline_labels_of_a_row_never_overlap(events, chars):
    labels = pd.Series([f"event number {i}" for i in range(len(events))], index=events.index, dtype="string")
    layout = timeline_layout(events, label=labels, chars_per_axis=chars)
    span_days = (layout["x_end"].max() - layout["x_start"].min()) / pd.Timedelta(days=1) if len(layout) else 1
    width = pd.to_timedelta(layout["label"].str.len() * span_days / chars, unit="D")
    layout = layout.assign(label_end=layout["label_x"] + width)
    for _, group in layout.dropna(subset=["label"]).groupby(["lane", "label_row"], observed=True):
        group = group.sort_values("label_x")
        assert (group["label_x"].iloc[1:].to_numpy() >= group["label_end"].iloc[:-1].to_numpy()).all()


# --- drawing --------------------------------------------------------------------------------


def test_timeline_draws_one_marker_per_event_coloured_by_kind(events, new_axes):
    ax = new_axes()
    assert plot_timeline(events, ax=ax) is ax
    points = {c.get_gid(): c for c in ax.collections if str(c.get_gid()).startswith("events:")}
    assert set(points) == {"events:militia attack", "events:US strike", "events:political", "events:posture change"}
    assert sum(len(c.get_offsets()) for c in points.values()) == len(events)
    for gid, collection in points.items():
        kind = gid.split(":", 1)[1]
        assert to_hex(collection.get_edgecolor()[0]) == KIND_COLORS[kind].lower()
    # day-known events are filled with their colour, ranged ones are hollow
    strike = points["events:US strike"]
    assert to_hex(strike.get_facecolor()[0]) == KIND_COLORS["US strike"].lower()
    assert to_hex(points["events:political"].get_facecolor()[0]) == "#ffffff"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["militia attack", "US strike", "posture change", "political"]


def test_timeline_draws_a_span_per_ranged_event(events, new_axes):
    ax = plot_timeline(events, ax=new_axes())
    spans = [c for c in ax.collections if str(c.get_gid()).startswith("spans:")]
    assert sum(len(c.get_paths()) for c in spans) == int((events["date_end"] > events["date_start"]).sum()) == 3
    political = [c for c in spans if c.get_gid() == "spans:political"][0]
    width = political.get_paths()[0].get_extents().width
    assert width == pytest.approx(29.0)  # 3 to 31 January, both days included


def test_timeline_labels_are_drawn_and_do_not_overlap(events, new_axes):
    ax = new_axes(figsize=(9, 4))
    labels = event_labels(events)
    plot_timeline(events, label=labels, ax=ax)
    texts = [t for t in ax.texts if t.get_gid() == "label"]
    assert sorted(t.get_text().strip() for t in texts) == sorted(labels.dropna())
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_timeline_on_acled_events_uses_event_types(events, new_axes):
    acled = events.assign(category=pd.Categorical([None] * len(events), categories=schema.CATEGORIES))
    ax = plot_timeline(acled, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Explosions/Remote violence", "Strategic developments"]


def test_an_empty_timeline_returns_the_axes(events, new_axes):
    ax = new_axes()
    assert plot_timeline(events.iloc[:0], ax=ax) is ax
    assert not ax.collections
    assert [t.get_text() for t in ax.texts] == ["no events to show"]


def test_the_legend_keys_look_like_the_markers_they_explain(new_axes):
    events = make_events([{"date_start": "2020-01-03", "fatalities": 1},
                          {"date_start": "2020-03-11", "date_end": "2020-03-17", "fatalities": 5}])
    ax = plot_timeline(events, ax=new_axes())
    (points,) = [c for c in ax.collections if str(c.get_gid()).startswith("events:")]
    day_known, ranged, *_, one, five = timeline_legend(ax, sizes=(1, 5)).legend_handles
    # filled for a day known, hollow (white) for a range, as drawn
    assert to_hex(day_known.get_markerfacecolor()) != "#ffffff"
    assert [to_hex(c) for c in points.get_facecolors()][1] == to_hex(ranged.get_markerfacecolor()) == "#ffffff"
    # the size key's markers have the area of the events' markers with as many people hurt
    assert [one.get_markersize() ** 2, five.get_markersize() ** 2] == pytest.approx(list(points.get_sizes()))


def test_drawing_the_same_timeline_twice_gives_the_same_png_bytes(events, tmp_path, new_axes):
    outputs = []
    for number in range(2):
        ax = new_axes()
        plot_timeline(events, label=event_labels(events), ax=ax)
        path = tmp_path / f"timeline{number}.png"
        ax.figure.savefig(path, metadata={"Software": None})
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
