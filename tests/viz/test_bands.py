"""The dense timeline: bands of events per period by lane, the deadliest events labelled, the form chosen by size."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers_events import make_events

from analysis.viz.bands import DENSE_EVENTS, band_period, plot_timeline_bands, timeline_form
from analysis.viz.figures import alt_text, key_of
from analysis.viz.timeline import plot_timeline, timeline_legend
from analysis.viz.timeline_labels import short_kind


def _dense(n: int, days: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    starts = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, days, n), unit="D")
    kinds = [("Battles", "Armed clash"), ("Protests", "Peaceful protest"), ("Explosions/Remote violence", "Grenade")]
    rows = []
    for i, start in enumerate(starts):
        event_type, sub = kinds[i % 3]
        rows.append({"date_start": start, "event_type": event_type, "sub_event_type": sub, "category": None,
                     "fatalities": int(i % 97 == 0) * (i // 97 + 1), "location": f"Town {i % 40}"})
    return make_events(rows)


def test_timeline_form_switches_to_bands_above_the_threshold():
    assert timeline_form(_dense(DENSE_EVENTS)) == "events"
    assert timeline_form(_dense(DENSE_EVENTS + 1)) == "bands"
    assert band_period(pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")) == ("W", "week")
    assert band_period(pd.Timestamp("2020-01-01"), pd.Timestamp("2025-12-31")) == ("M", "month")
    assert band_period(pd.Timestamp("1997-01-01"), pd.Timestamp("2024-12-31")) == ("Q", "quarter")


def test_bands_follow_each_lanes_weekly_counts_and_label_the_deadliest(new_axes):
    events = _dense(900)
    ax = plot_timeline(events, ax=new_axes(figsize=(10, 6)))
    gids = sorted(c.get_gid() for c in ax.collections)
    assert gids == ["band:Battles", "band:Explosions/Remote violence", "band:Protests", "deadliest"]
    labels = [t.get_text().strip() for t in ax.texts if t.get_gid() == "label"]
    killed = events["fatalities"].astype(int).sort_values(ascending=False).to_numpy()
    assert len(labels) == 8
    assert sorted(int(label.rsplit(" killed", 1)[0].split()[-1]) for label in labels) == sorted(killed[:8])
    # a lane's band reaches its full height in its peak week, and the peak is written beside it
    band = next(c for c in ax.collections if c.get_gid() == "band:Battles")
    heights = band.get_paths()[0].vertices[:, 1]
    assert heights.max() - heights.min() == pytest.approx(1.0)
    assert any(t.get_text().startswith("peak ") and t.get_text().endswith("a week") for t in ax.texts)
    assert timeline_legend(ax).get_texts()[0].get_text().startswith("events per week")


def test_labels_of_the_deadliest_never_overlap(new_axes):
    events = _dense(2000, days=60)
    ax = new_axes(figsize=(10, 6))
    plot_timeline_bands(events, n=8, ax=ax)
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() == "label"]
    assert len(boxes) == 8
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.overlaps(b), "two labels of the deadliest events overlap"


def test_an_empty_window_says_so(new_axes):
    import matplotlib.pyplot as plt

    ax = plot_timeline_bands(_dense(5).iloc[:0], ax=new_axes())
    assert [t.get_text() for t in ax.texts] == ["no events in this window"]
    assert ax.figure.number not in plt.get_fignums()  # the chart alone, with nothing drawn: not shown


def test_names_from_the_data_are_drawn_as_written(new_axes):
    events = _dense(300)
    events.loc[events["fatalities"].astype(int).idxmax(), "location"] = "$\\frac{1}{$ Town"
    ax = plot_timeline_bands(events, ax=new_axes())
    ax.figure.canvas.draw()  # a malformed $...$ read as mathematics would fail here
    assert any(" · \\$\\frac{1}{\\$ Town" in t.get_text() for t in ax.texts if t.get_gid() == "label")


def test_a_tie_is_labelled_whole_or_not_at_all_and_close_marks_stack(new_axes):
    from matplotlib.colors import to_hex
    from matplotlib.patches import Rectangle

    events = _dense(900).assign(fatalities=0)
    # 6 events killed 30 (three of them in one lane within two days), then 3 killed 24: with n=8 the cut falls
    # among the 24s, which are all left out
    for i, (day, killed) in enumerate([("2025-03-04", 30), ("2025-03-05", 30), ("2025-03-06", 30),
                                       ("2025-05-01", 30), ("2025-06-01", 30), ("2025-07-01", 30),
                                       ("2025-08-01", 24), ("2025-08-15", 24), ("2025-09-01", 24)]):
        row = events.index[3 * i]  # lane Battles
        events.loc[row, ["date_start", "date_end", "event_date"]] = pd.Timestamp(day)
        events.loc[row, "fatalities"] = killed
    ax = plot_timeline_bands(events, n=8, ax=new_axes(figsize=(10, 6)))
    labels = [t.get_text() for t in ax.texts if t.get_gid() == "label"]
    assert len(labels) == 6 and all(label.strip().endswith("30 killed") for label in labels)
    # each says what happened, as the labels of a timeline drawn event by event do
    kinds = {short_kind(kind) for kind in events["sub_event_type"]}
    assert all(label.strip().split(": ", 1)[1].removesuffix(", 30 killed") in kinds for label in labels), labels
    assert key_of(ax)["labelled"] == 6 and key_of(ax)["period"] == "week"
    marks = next(c for c in ax.collections if c.get_gid() == "deadliest").get_offsets()
    march = sorted(y for x, y in marks if x < 20160)  # the three of 4-6 March 2025, a day apart
    assert len(march) == 3 and march[0] < march[1] < march[2]
    legend = timeline_legend(ax)
    assert [t.get_text() for t in legend.get_texts()][1] == "the 6 deadliest events, labelled"
    swatches = {to_hex(p.get_facecolor(), keep_alpha=False) for p in legend.findobj(Rectangle) if p.get_width() < 100}
    bands = {to_hex(c.get_facecolor()[0], keep_alpha=False) for c in ax.collections if c.get_gid().startswith("band:")}
    assert swatches == bands  # the legend shows the bands' colours, not a grey of its own


def test_the_bands_count_on_acleds_date_when_asked_as_the_pages_other_counts_do():
    # an ACLED run counts every event on its event_date: the lane's peak said 111 a week where the page's other
    # counts said 110, for an event dated to its month was spread over the month's weeks
    import matplotlib.pyplot as plt

    frame = pd.DataFrame({"event_id": ["a", "b"], "event_type": ["Battles", "Battles"], "location": ["X", "Y"],
                          "date_start": pd.to_datetime(["2025-03-04", "2025-03-01"]),
                          "date_end": pd.to_datetime(["2025-03-04", "2025-03-31"]),
                          "event_date": pd.to_datetime(["2025-03-04", "2025-03-05"]), "fatalities": [1, 0]})
    on_the_date = plot_timeline_bands(frame, dates="event_date", ax=plt.figure().gca())
    spread = plot_timeline_bands(frame, ax=plt.figure().gca())
    assert "Battles peak 2 a week" in alt_text(on_the_date)
    assert "Battles peak 1 a week" in alt_text(spread)
