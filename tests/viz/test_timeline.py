"""The timeline as drawn: markers, bars, hatched ends, texts and the legend."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers_events import make_events
from matplotlib.colors import to_hex

import analysis
from analysis import schema
from analysis.viz.style import HATCHES, KIND_COLORS
from analysis.viz.timeline import plot_timeline, timeline_legend
from analysis.viz.timeline_labels import event_labels
from analysis.viz.timeline_layout import timeline_layout


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
    assert len(hatched.get_paths()) == 3 and hatched.get_hatch() == HATCHES["borrowed"]


def test_the_alternative_text_gives_the_dates_the_axis_shows(new_axes):
    # an event known only to a week that ends after the window was said to run "to 1 Sep 2020" under a title
    # that ends the window on 29 August, where the chart cuts its bar
    from analysis.viz.figures import descriptions

    events = make_events([{"date_start": "2020-08-03"}, {"date_start": "2020-08-26", "date_end": "2020-09-01"}])
    inside = descriptions(plot_timeline(events, ax=new_axes()))[0]
    assert inside.startswith("2 events from 3 Aug 2020 to 1 Sep 2020,")
    window = descriptions(plot_timeline(events, start="2020-08-01", end="2020-08-29", ax=new_axes()))[0]
    assert window.startswith("2 events from 3 Aug 2020 to 29 Aug 2020,")


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


@pytest.mark.slow
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


@pytest.mark.slow
def test_a_lanes_name_never_covers_a_text_that_runs_into_the_margin(new_axes):
    # March 2020: the political lane's middle rows carry long headlines written before bars that reach the end of
    # the month, which run left of the axis, where the lane names are
    events = analysis.load_events()
    events = events[(events["date_end"] >= "2020-03-01") & (events["date_start"] <= "2020-03-31")]
    casualties = analysis.load_casualties()
    labels = event_labels(events, casualties, bases=analysis.load_bases(), headlines=True)
    ax = new_axes(figsize=(10, 7.6))
    plot_timeline(events, label=labels, casualties=casualties, start="2020-03-01", end="2020-03-31", ax=ax)
    renderer = ax.figure.canvas.get_renderer()
    names = {t.get_text(): t.get_window_extent(renderer) for t in ax.get_yticklabels()}
    texts = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == "label"]
    in_margin = [b for b in texts if b.x0 < ax.get_window_extent(renderer).x0]
    assert len(in_margin) > 1  # the case this test is about
    assert {name for name, box in names.items() if any(box.overlaps(b) for b in texts)} == set()
    assert len(ax.get_yticks()) == len(names) == events["category"].nunique()  # every lane keeps its name


def test_timeline_on_acled_events_uses_event_types(events, new_axes):
    acled = events.assign(category=pd.Categorical([None] * len(events), categories=schema.CATEGORIES))
    ax = plot_timeline(acled, ax=new_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Explosions/Remote violence", "Strategic developments"]


def test_an_empty_timeline_returns_the_axes(events, new_axes):
    ax = new_axes()
    assert plot_timeline(events.iloc[:0], ax=ax) is ax
    assert not ax.collections
    assert [t.get_text() for t in ax.texts] == ["no events to show"]
    import matplotlib.pyplot as plt

    assert ax.figure.number not in plt.get_fignums()  # the chart alone, with nothing drawn: not shown


def test_timeline_legend_explains_markers(events, casualties, new_axes):
    ax = plot_timeline(events, casualties=casualties, ax=new_axes())
    legend = timeline_legend(ax)
    assert [t.get_text() for t in legend.get_texts()][:4] == [
        "day known", "known to a range: bar over the possible days", "no one reported killed or wounded",
        "1 killed or wounded"]
    # without a casualties table the marks are sized by the fatalities column (ACLED's): the killed only
    assert timeline_legend(plot_timeline(events, ax=new_axes())).get_texts()[3].get_text() == "1 killed"
    borrowed = events.assign(date_start_from=pd.array(["text", "text", "event EV002", "text", "text"], dtype="string"))
    legend = timeline_legend(plot_timeline(borrowed, ax=new_axes()))
    assert legend.get_texts()[2].get_text() == "bound borrowed from another event or document"


def entries(legend) -> list[tuple[str, object]]:
    """A legend's entries, text and handle, without the blank ones that fill a column out."""
    return [(text.get_text(), handle) for text, handle in zip(legend.get_texts(), legend.legend_handles)
            if text.get_text()]


def test_the_legend_keys_have_the_size_of_the_markers_they_explain(new_axes):
    events = make_events([{"date_start": "2020-01-03", "fatalities": 1}, {"date_start": "2020-03-11", "fatalities": 5}])
    ax = plot_timeline(events, ax=new_axes())
    drawn = sorted(ax.collections[0].get_sizes())
    keys = [h.get_markersize() ** 2 for _, h in entries(timeline_legend(ax, sizes=(1, 5)))[1:]]  # after "day known"
    assert keys == pytest.approx(drawn)


@pytest.mark.parametrize("width", [10, 14])
def test_the_size_key_reads_in_one_column_of_its_own(new_axes, width):
    """The key of sizes was split over two columns: "no one reported killed or wounded" under "possible day, where
    the reports name the weekday", "1 killed or wounded" and "5 killed or wounded" in the next column."""
    events = make_events([
        {"date_start": "2020-01-03", "fatalities": 0},
        {"date_start": "2020-02-01", "date_end": "2020-02-20", "date_start_from": "event EV001", "fatalities": 1},
        {"date_start": "2020-03-11", "fatalities": 5}])
    ax = plot_timeline(events, casualties=None, ax=new_axes(figsize=(width, 6)))
    legend = timeline_legend(ax)
    ax.figure.canvas.draw()
    left = {text.get_text(): round(text.get_window_extent().x0) for text in legend.get_texts() if text.get_text()}
    sizes = ["no one reported killed", "1 killed", "5 killed"]
    assert [name for name in left if name not in sizes] == [
        "day known", "known to a range: bar over the possible days", "bound borrowed from another event or document"]
    assert len({left[name] for name in sizes}) == 1  # one column, the last, and nothing else in it
    assert all(left[name] < left[sizes[0]] for name in left if name not in sizes)
    # no wider than from the chart's left edge to the figure's
    room = ax.figure.get_window_extent().x1
    assert legend.get_window_extent().x1 <= room


def test_the_size_key_shows_the_dot_of_an_event_in_which_no_one_was_killed(new_axes):
    # the many dots of events with no one killed, the smallest, had no entry: the key began at "1 killed"
    events = make_events([{"date_start": "2020-01-03", "fatalities": 0}, {"date_start": "2020-02-11", "fatalities": 1},
                          {"date_start": "2020-03-11", "fatalities": 5}])
    ax = plot_timeline(events, ax=new_axes())
    legend = timeline_legend(ax)
    # "reported": the smallest dot is an event with no toll given as well as one with a toll of none
    assert [text for text, _ in entries(legend)][1:] == ["no one reported killed", "1 killed", "5 killed"]
    keys = [h.get_markersize() ** 2 for _, h in entries(legend)[1:]]
    assert keys == pytest.approx(sorted(ax.collections[0].get_sizes()))  # the smallest dot is no one killed
    # a timeline with no such dot has no such entry
    deadly = make_events([{"date_start": "2020-01-03", "fatalities": 2}])
    assert "no one reported killed" not in [t.get_text() for t in timeline_legend(plot_timeline(deadly, ax=new_axes())).get_texts()]


def test_the_size_keys_are_not_drawn_as_the_mark_of_a_range(new_axes):
    # the size keys were hollow circles, the legend's mark of "known to a range"
    from matplotlib.colors import to_rgba

    ranges = make_events([{"date_start": "2020-01-03", "date_end": "2020-01-09", "fatalities": 2}])
    handles = timeline_legend(plot_timeline(ranges, ax=new_axes()), sizes=(1, 5)).legend_handles
    faces = [to_rgba(h.get_markerfacecolor()) for h in handles]
    assert faces[0] == (1.0, 1.0, 1.0, 1.0)  # the range's mark: hollow (white)
    assert all(face[3] == 1.0 and face[:3] != (1.0, 1.0, 1.0) for face in faces[1:])  # the sizes: filled


def test_the_legend_explains_only_the_date_forms_drawn(new_axes):
    # a window whose every event is known to the day had a swatch "known to a range: bar over the possible days"
    days = make_events([{"date_start": "2020-01-03"}, {"date_start": "2020-03-11"}])
    texts = [t.get_text() for t in timeline_legend(plot_timeline(days, ax=new_axes())).get_texts()]
    assert texts[0] == "day known" and not any(text.startswith("known to a range") for text in texts)
    ranges = make_events([{"date_start": "2020-01-03", "date_end": "2020-01-09"}])
    texts = [t.get_text() for t in timeline_legend(plot_timeline(ranges, ax=new_axes())).get_texts()]
    assert texts[0] == "known to a range: bar over the possible days" and "day known" not in texts



def test_under_the_legend_the_timeline_says_its_hollow_marker_is_no_date(new_axes):
    # the marker of an event known to a range sits on one of its days, which a reader took for its date
    from analysis.viz.timeline_layout import RANGE_MARKER

    ranges = make_events([{"date_start": "2020-06-06", "date_end": "2020-06-27", "event_date": "2020-06-13"}])
    ax = plot_timeline(ranges, ax=new_axes())
    timeline_legend(ax)
    notes = [" ".join(t.get_text().split()) for t in ax.texts if t.get_gid() == "range note"]
    assert notes == [RANGE_MARKER] and "not the event's date" in RANGE_MARKER
    days = plot_timeline(make_events([{"date_start": "2020-01-03"}]), ax=new_axes())
    timeline_legend(days)
    assert [t for t in days.texts if t.get_gid() == "range note"] == []  # no range drawn, nothing to say


def test_drawing_the_same_timeline_twice_gives_the_same_png_bytes(events, tmp_path, new_axes):
    outputs = []
    for number in range(2):
        ax = new_axes()
        plot_timeline(events, label=event_labels(events), ax=ax)
        path = tmp_path / f"timeline{number}.png"
        ax.figure.savefig(path, metadata={"Software": None})
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


def test_an_event_known_to_a_weekday_ticks_its_possible_days_on_its_bar(new_axes):
    events = make_events([{"date_start": "2020-06-06", "date_end": "2020-06-27", "event_date": "2020-06-13"},
                          {"date_start": "2020-06-01", "date_end": "2020-06-10", "event_date": "2020-06-05"}])
    events["weekday"] = pd.Series(["Saturday", None], dtype="string")
    ax = plot_timeline(events, ax=new_axes())
    ticks = [c for c in ax.collections if str(c.get_gid()).startswith("possible-days:")]
    assert len(ticks) == 1
    xs = sorted(segment[0][0] for segment in ticks[0].get_segments())
    saturdays = pd.to_datetime(["2020-06-06", "2020-06-13", "2020-06-20", "2020-06-27"])
    assert xs == [float((day - pd.Timestamp("1970-01-01")).days) + 0.5 for day in saturdays]
    labels = [t.get_text() for t in timeline_legend(ax).get_texts()]
    assert "possible day, where the reports name the weekday" in labels
    plain = plot_timeline(events.drop(columns="weekday"), ax=new_axes())  # no weekday: no ticks, no key
    assert not [c for c in plain.collections if str(c.get_gid()).startswith("possible-days:")]
    assert "possible day, where the reports name the weekday" not in [t.get_text() for t in timeline_legend(plain).get_texts()]


def test_the_size_key_reaches_the_largest_mark_drawn(new_axes):
    """The conflicts report's timeline drew twenty events of 6 killed, larger than any mark of its size key, which
    stopped at 5: the key's largest is the largest mark drawn where that is above its usual sizes."""
    from analysis.viz.timeline import SIZE_KEYS

    def key_counts(fatalities):
        events = make_events([{"date_start": f"2020-03-{day + 1:02d}", "fatalities": killed}
                              for day, killed in enumerate(fatalities)])
        ax = plot_timeline(events, ax=new_axes())
        return [text.get_text() for text in timeline_legend(ax).get_texts() if text.get_text().endswith(" killed")]

    assert key_counts([6, 2, 1]) == [f"{k} killed" for k in (*SIZE_KEYS, 6)]
    assert key_counts([3, 2, 1]) == [f"{k} killed" for k in SIZE_KEYS]
    assert key_counts([0, 9]) == ["no one reported killed", *(f"{k} killed" for k in SIZE_KEYS), "9 killed"]
