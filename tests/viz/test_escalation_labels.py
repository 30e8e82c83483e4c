"""The escalation chart names the events under its bars below zero, where they read and cover nothing."""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.dates import date2num

from analysis.viz.escalation import DOWN_CORNER, plot_escalation
from analysis.viz.escalation_labels import GID, down_runs
from analysis.viz.figures import alt_text


def weeks(starts: list[str], conflict: list[float], cooperation: list[float]) -> pd.DataFrame:
    start = pd.to_datetime(starts)
    return pd.DataFrame({"period_start": start, "period_end": start + pd.Timedelta(days=6),
                         "conflict": conflict, "cooperation": cooperation}).assign(
        escalation=lambda frame: frame["conflict"] - frame["cooperation"])


#: Twelve weeks: a large peak, a handover spread over two weeks, an agreement in the first week (under the corner's
#: text) and two more agreements a week apart, whose long names would meet side by side.
MEASURE = weeks([f"2020-{month:02d}-{day:02d}" for month, day in
                 [(3, 2), (3, 9), (3, 16), (3, 23), (3, 30), (4, 6), (4, 13), (4, 20), (4, 27), (5, 4), (5, 11), (5, 18)]],
                [10.0, 22.6, 3.7, 3.7, 0.0, 0.0, 0.0, 0.0, 10.0, 0.0, 0.0, 2.5],
                [8.0, 0.0, 0.0, 6.7, 3.3, 0.0, 0.0, 0.0, 0.0, 8.0, 8.0, 0.0])
NAMES = {pd.Timestamp("2020-03-02"): "event 7: agreement at Baghdad",
         pd.Timestamp("2020-03-23"): "event 41: US hands K-1 Air Base in Kirkuk to the Iraqi army",
         pd.Timestamp("2020-03-30"): "event 41: US hands K-1 Air Base in Kirkuk to the Iraqi army",
         pd.Timestamp("2020-05-04"): "event 50: Iraq and the coalition sign a long agreement on $ and training",
         pd.Timestamp("2020-05-11"): "event 51: the Kurdistan Region and Baghdad agree on the budget",
         pd.Timestamp("2020-04-13"): "event 60: a week with no bar below zero is not named"}


def test_a_run_of_weeks_pulled_down_by_the_same_events_is_one_label():
    assert [(first, last) for first, last, _ in down_runs(MEASURE, NAMES)] == [(0, 0), (3, 4), (9, 9), (10, 10)]
    assert down_runs(MEASURE, {}) == [] and down_runs(MEASURE, pd.Series(dtype="string")) == []


def test_the_bars_below_zero_are_named_inside_the_chart_covering_no_text(new_axes):
    ax = plot_escalation(MEASURE, names=NAMES, ax=new_axes(figsize=(10, 4.2)))
    labels = [text for text in ax.texts if text.get_gid() == GID]
    drawn = [" ".join(label.get_text().split()) for label in labels]
    assert drawn == ["event 7: agreement at Baghdad", "event 41: US hands K-1 Air Base in Kirkuk to the Iraqi army",
                     r"event 50: Iraq and the coalition sign a long agreement on \$ and training",
                     "event 51: the Kurdistan Region and Baghdad agree on the budget"]
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    inside = ax.get_window_extent(renderer)
    boxes = [label.get_window_extent(renderer) for label in labels]
    for label, box in zip(drawn, boxes):
        assert inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1, label
    others = [text.get_window_extent(renderer) for text in ax.texts if text.get_gid() != GID]
    assert [text.get_text() for text in ax.texts if text.get_gid() != GID][-1] == DOWN_CORNER
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in others + boxes[:i] + boxes[i + 1:]), drawn[i]
        # every bar and point of the net line a label spans is above it
        for bar in (patch for patch in ax.patches if patch.get_gid() == "cooperation" and patch.get_height() < 0):
            bar_box = bar.get_window_extent(renderer)
            assert not box.overlaps(bar_box), drawn[i]
    # over a day marked on the chart (its line at zorder 2.5), on white: the line does not cross the letters
    assert all(label.get_zorder() > 2.5 and label.get_bbox_patch().get_facecolor()[:3] == (1, 1, 1) for label in labels)
    # the K-1 handover, spread over two weeks, is named once, centred under them
    k1 = boxes[1]
    middle = ax.transData.transform((date2num(pd.Timestamp("2020-03-30")), 0))[0]  # where the two weeks meet
    assert k1.x0 < middle < k1.x1
    # the alternative text names them, as written, with their weeks
    described = alt_text(ax)
    assert ("Named under the bars below zero: event 7: agreement at Baghdad (2-8 Mar 2020); event 41: US hands K-1 Air "
            "Base in Kirkuk to the Iraqi army (23 Mar - 5 Apr 2020); event 50: Iraq and the coalition sign a long "
            "agreement on $ and training (4-10 May 2020);") in described
    assert "event 60" not in described


@pytest.mark.parametrize("names", [None, {}], ids=["no names", "none given"])
def test_without_names_no_bar_is_named(new_axes, names):
    ax = plot_escalation(MEASURE, names=names, ax=new_axes())
    assert not [text for text in ax.texts if text.get_gid() == GID]
    assert "Named under" not in alt_text(ax)


def test_a_name_of_the_bars_down_and_up_keeps_its_two_lines_and_reads_as_one_in_the_alt_text(new_axes):
    # June's four bars up (event 46) over event 45's four bars down had no name, and read as event 45's
    june = weeks(["2020-06-01", "2020-06-08", "2020-06-15", "2020-06-22"], [2.5] * 4, [2.0] * 4)
    both = ("\u2193 event 45: Iraq and US reaffirm the US will reduce its troops\n"
            "\u2191 event 46: Two Katyusha rockets fired at Camp Taji, no casualties $x$")
    ax = plot_escalation(june, names=dict.fromkeys(june["period_start"], both), ax=new_axes(figsize=(10, 4.2)))
    (label,) = [text for text in ax.texts if text.get_gid() == GID]
    lines = label.get_text().split("\n")
    down = lines.index(next(line for line in lines if line.startswith("\u2193")))
    up = lines.index(next(line for line in lines if line.startswith("\u2191")))
    assert down == 0 and up > down  # each event on its own line, however each wraps
    assert " ".join(lines[up:]) == "\u2191 event 46: Two Katyusha rockets fired at Camp Taji, no casualties \\$x\\$"
    assert ("Named under the bars below zero: \u2193 event 45: Iraq and US reaffirm the US will reduce its troops "
            "\u2191 event 46: Two Katyusha rockets fired at Camp Taji, no casualties $x$ (1-28 Jun 2020).") in alt_text(ax)
