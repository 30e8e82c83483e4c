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
from analysis.viz.timeline import (
    CHAR_WIDTH_EM,
    LABEL_FONT_SIZE,
    event_labels,
    plot_timeline,
    timeline_layout,
    timeline_legend,
)


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
    assert layout.attrs["lanes"]["militia attack"] > layout.attrs["lanes"]["political"]  # first lane on top
    assert by_id.loc["EV001", "row"] != by_id.loc["EV002", "row"]
    assert by_id.loc["EV001", "y"] > by_id.loc["EV002", "y"]  # row 0 at the top of its lane
    assert by_id.loc[["EV001", "EV002", "EV003", "EV004"], "is_range"].tolist() == [True, True, False, False]
    assert by_id.loc["EV001", "x_end"] == pd.Timestamp("2020-02-07")
    assert by_id.loc["EV004", "marker_size"] > by_id.loc["EV003", "marker_size"]


def test_every_event_carries_its_number_and_its_label_on_its_own_row():
    events = make_events([{"date_start": f"2020-03-{day:02d}"} for day in (1, 2, 3, 5, 20)])
    layout = timeline_layout(events, label=pd.Series(["a long label for an attack"] * 5), chars_per_axis=60)
    assert layout["text"].tolist() == [f"{n} a long label for an attack" for n in range(1, 6)]
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


def test_borrowed_bounds_are_marked_and_drawn_hatched(new_axes):
    events = make_events([
        {"date_start": "2020-01-03", "date_end": "2020-02-06", "date_start_from": "event EV002",
         "date_end_from": "publication date"},
        {"date_start": "2020-01-03", "date_start_from": "event EV009", "date_end_from": "event EV009"},
        {"date_start": "2020-03-01", "date_end": "2020-03-31", "date_start_from": "document 004_x",
         "date_end_from": "document 004_x"},
        {"date_start": "2020-04-01", "date_end": "2020-04-30"},
    ])
    layout = timeline_layout(events).set_index("event_id").loc[["EV001", "EV002", "EV003", "EV004"]]
    assert layout["start_borrowed"].tolist() == [True, False, True, False]  # a day known is not a range
    assert layout["end_borrowed"].tolist() == [False, False, True, False]
    ax = plot_timeline(events, ax=new_axes())
    (hatched,) = [c for c in ax.collections if c.get_gid() == "borrowed:militia attack"]
    assert len(hatched.get_paths()) == 3 and hatched.get_hatch() == "/////"


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
    assert sorted(shown) == list(range(1, len(events) + 1))
    assert layout.drop_duplicates("mark")["mark_events"].max() > 1  # the 3 Jan - 6 Feb statements share a mark


def test_timeline_labels_from_event_ids_and_acled_lanes(attacks):
    labels = pd.Series({"EV002": "second"})
    layout = timeline_layout(attacks, label=labels)
    assert layout.set_index("event_id")["label"].dropna().to_dict() == {"EV002": "second"}
    acled = attacks.assign(category=pd.Categorical([None] * 4, categories=schema.CATEGORIES))
    assert list(timeline_layout(acled).attrs["lanes"]) == ["Explosions/Remote violence"]


def test_event_labels_name_place_rockets_casualties_and_every_violent_event(attacks, casualties):
    labels = event_labels(attacks, casualties)
    assert labels.tolist() == ["Camp Taji: 18 rockets, 3 killed", "Camp Taji: rocket attack, 1+ wounded",
                               "air strike, 4 killed", "K-1 Air Base: rocket attack"]
    target = attacks.assign(actor2=pd.array([None, None, "Kata'ib Hezbollah", None], dtype="string"))
    assert event_labels(target, casualties).iloc[2] == "air strike on Kata'ib Hezbollah, 4 killed"


def test_event_labels_keep_the_most_hurt_events(attacks, casualties):
    labels = event_labels(attacks, casualties, most=1)
    assert labels.dropna().tolist() == ["air strike, 4 killed"]
    assert labels.index.equals(attacks.index)


@settings(max_examples=60, deadline=None)
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


# --- drawing --------------------------------------------------------------------------------


def test_timeline_draws_one_marker_per_mark_coloured_by_kind(events, new_axes):
    ax = new_axes()
    assert plot_timeline(events, ax=ax) is ax
    points = {c.get_gid(): c for c in ax.collections if str(c.get_gid()).startswith("events:")}
    assert set(points) == {"events:militia attack", "events:US strike", "events:political", "events:posture change"}
    assert sum(len(c.get_offsets()) for c in points.values()) == len(events)  # no two events share dates here
    for gid, collection in points.items():
        kind = gid.split(":", 1)[1]
        assert to_hex(collection.get_edgecolor()[0]) == KIND_COLORS[kind].lower()
    # day-known events are filled with their colour, ranged ones are hollow
    strike = points["events:US strike"]
    assert to_hex(strike.get_facecolor()[0]) == KIND_COLORS["US strike"].lower()
    assert to_hex(points["events:political"].get_facecolor()[0]) == "#ffffff"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["militia attack", "US strike", "posture change", "political"]
    assert sorted(t.get_text() for t in ax.texts if t.get_gid() == "label") == ["1", "2", "3", "4", "5"]


def test_timeline_draws_a_span_per_ranged_event(events, new_axes):
    ax = plot_timeline(events, ax=new_axes())
    spans = [c for c in ax.collections if str(c.get_gid()).startswith("spans:")]
    assert sum(len(c.get_paths()) for c in spans) == int((events["date_end"] > events["date_start"]).sum()) == 3
    political = [c for c in spans if c.get_gid() == "spans:political"][0]
    width = political.get_paths()[0].get_extents().width
    assert width == pytest.approx(29.0)  # 3 to 31 January, both days included


def test_timeline_texts_cover_no_other_text_and_no_marker(new_axes):
    events = analysis.load_events()
    casualties = analysis.load_casualties()
    labels = event_labels(events, casualties, bases=analysis.load_bases())
    ax = new_axes(figsize=(10, 7.6))
    plot_timeline(events, label=labels, casualties=casualties, ax=ax)
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    texts = [t for t in ax.texts if t.get_gid() == "label"]
    assert len(texts) == timeline_layout(events, label=labels, casualties=casualties)["mark"].nunique()
    boxes = [t.get_window_extent(renderer) for t in texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    for collection in ax.collections:
        if str(collection.get_gid()).startswith("events:"):
            for x, y in ax.transData.transform(collection.get_offsets()):
                assert not any(b.contains(x, y) for b in boxes), (collection.get_gid(), x, y)


def test_timeline_on_acled_events_uses_event_types(events, new_axes):
    acled = events.assign(category=pd.Categorical([None] * len(events), categories=schema.CATEGORIES))
    ax = plot_timeline(acled, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Explosions/Remote violence", "Strategic developments"]


def test_an_empty_timeline_returns_the_axes(events, new_axes):
    ax = new_axes()
    assert plot_timeline(events.iloc[:0], ax=ax) is ax
    assert not ax.collections
    assert [t.get_text() for t in ax.texts] == ["no events to show"]


def test_timeline_legend_explains_markers(events, new_axes):
    ax = plot_timeline(events, ax=new_axes())
    legend = timeline_legend(ax)
    assert [t.get_text() for t in legend.get_texts()][:3] == [
        "day known", "known to a range: bar over the possible days", "1 killed or wounded"]
    borrowed = events.assign(date_start_from=pd.array(["text", "text", "event EV002", "text", "text"], dtype="string"))
    legend = timeline_legend(plot_timeline(borrowed, ax=new_axes()))
    assert legend.get_texts()[2].get_text() == "bound borrowed from another event or document"


def test_the_legend_keys_have_the_size_of_the_markers_they_explain(new_axes):
    events = make_events([{"date_start": "2020-01-03", "fatalities": 1}, {"date_start": "2020-03-11", "fatalities": 5}])
    ax = plot_timeline(events, ax=new_axes())
    drawn = sorted(ax.collections[0].get_sizes())
    keys = [h.get_markersize() ** 2 for h in timeline_legend(ax, sizes=(1, 5)).legend_handles[2:]]
    assert keys == pytest.approx(drawn)


def test_drawing_the_same_timeline_twice_gives_the_same_png_bytes(events, tmp_path, new_axes):
    outputs = []
    for number in range(2):
        ax = new_axes()
        plot_timeline(events, label=event_labels(events), ax=ax)
        path = tmp_path / f"timeline{number}.png"
        ax.figure.savefig(path, metadata={"Software": None})
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
