"""Text from the data is drawn as written: no mathematics from ``$``, no legend entry lost to a leading ``_``.

Every chart gets names, places and labels holding a malformed formula
(``$\\frac{1}{$``, which makes matplotlib fail to draw the figure), a valid
one (``$x^2$``, which it would draw as x squared) and a name starting with an
underscore (which a legend would leave out). Each figure is drawn, and every
text in it is checked the way matplotlib draws it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers_events import make_events

from analysis.io.boundaries import Boundary
from analysis.stats.periods import attacks_per_period
from analysis.stats.selection import is_militia_attack
from analysis.viz.counts import plot_attacks_per_period
from analysis.viz.evidence import plot_evidence
from analysis.viz.literal import literal_text
from analysis.viz.maps import plot_boundaries, plot_posture_panels
from analysis.viz.ranges import plot_ranges
from analysis.viz.timeline import plot_timeline, timeline_legend

BROKEN = r"$\frac{1}{$"
FORMULA = "$x^2$"
HIDDEN = "_underscore"
HOSTILE = [BROKEN, FORMULA, HIDDEN]


def drawn(figure) -> list[str]:
    """Draw the figure and return every text in it as shown, failing on any text read as mathematics."""
    from matplotlib.text import Text

    figure.canvas.draw()  # a malformed formula raises here
    shown = []
    for text in figure.findobj(Text):
        # the step matplotlib itself takes before drawing a text: is it mathematics, and what string is shown
        string, is_math = text._preprocess_math(text.get_text())
        assert not is_math, f"{text.get_text()!r} is drawn as mathematics"
        shown.append(string.replace("\u200b", "").strip())
    return shown


def legend_texts(ax) -> list[str]:
    return [text.get_text().replace("\u200b", "").replace("\\$", "$") for text in ax.get_legend().get_texts()]


@pytest.mark.parametrize("text", ["plain", "$5", "a \\$ b", "$", "$$", "_", "__x_", "x_"])
def test_literal_text_is_drawn_as_written(text, new_axes):
    ax = new_axes()
    ax.set_title(literal_text(text))
    ax.plot([0, 1], [0, 1], label=literal_text(text))
    ax.legend()
    assert drawn(ax.figure).count(text) == 2  # the title and the legend entry


def test_timeline_lanes_labels_and_lane_legend_are_literal(new_axes):
    events = make_events([{"date_start": "2020-03-01", "actor1": actor} for actor in HOSTILE])
    ax = plot_timeline(events, lane="actor1", label=pd.Series(HOSTILE), size=None, ax=new_axes(figsize=(9, 4)))
    timeline_legend(ax, size_label=FORMULA)
    assert [t.get_text().replace("\u200b", "").replace("\\$", "$") for t in ax.get_yticklabels()] == HOSTILE
    shown = drawn(ax.figure)
    assert all(shown.count(text) >= 2 for text in HOSTILE)  # a lane name and an event label each
    assert f"1 {FORMULA}" in shown
    ax.legend()  # the lanes' own legend
    assert sorted(legend_texts(ax)) == sorted(HOSTILE)
    drawn(ax.figure)


def test_counts_legend_keeps_every_group_as_written(new_axes):
    events = make_events([{"date_start": f"2020-03-0{day}", "admin1": name} for day, name in enumerate(HOSTILE, 1)])
    counts = attacks_per_period(events, freq="W", by="admin1", kinds=is_militia_attack)
    ax = plot_attacks_per_period(counts, by="admin1", names={"$x^2$": "$x^2$ (named)"}, ax=new_axes())
    assert legend_texts(ax)[:3] == [BROKEN, "$x^2$ (named)", HIDDEN]
    shown = drawn(ax.figure)
    assert {BROKEN, "$x^2$ (named)", HIDDEN} <= set(shown)


def test_the_evidence_heatmaps_reports_are_named_as_written(new_axes):
    # seaborn drew the documents' names as its tick labels: an outlet of "$x^2$" was drawn as x squared
    frame = pd.DataFrame({"doc_id": ["a", "b", "c"], "document": [f"{name}, 1 Jan 2020" for name in HOSTILE],
                          "event_id": ["EV1"] * 3, "number": [1] * 3, "kind": ["US strike"] * 3, "rows": [1, 2, 1],
                          "disputed": [False] * 3})
    ax = plot_evidence(frame, ax=new_axes(figsize=(4, 2)))
    assert {f"{name}, 1 Jan 2020" for name in HOSTILE} <= set(drawn(ax.figure))
    assert [t.get_text().replace("\u200b", "").replace("\\$", "$") for t in ax.get_yticklabels()] == list(frame["document"])


def test_ranges_rows_and_hues_are_literal(new_axes):
    frame = pd.DataFrame({"attack": HOSTILE, "outcome": [HIDDEN, FORMULA, HIDDEN],
                          "count_low": [1, 2, 3], "count_high": [1, 4, 3]})
    ax = plot_ranges(frame, y="attack", hue="outcome", ax=new_axes())
    shown = drawn(ax.figure)
    assert set(HOSTILE) <= set(shown)
    assert legend_texts(ax) == [HIDDEN, FORMULA]


def test_maps_boundaries_bases_panels_and_title_are_literal(close_figures):
    square = np.array([[44.0, 33.0], [45.0, 33.0], [45.0, 34.0], [44.0, 34.0], [44.0, 33.0]])
    boundaries = [Boundary(BROKEN, [square]), Boundary(HIDDEN, [square + 1.5])]
    bases = pd.DataFrame({"base_id": ["b1", "b2"], "name": [FORMULA, HIDDEN],
                          "latitude": [33.5, 35.0], "longitude": [44.5, 46.0]})
    posture = bases.assign(kind=[BROKEN, HIDDEN], when=["1 Mar 2020", "$3 Mar"])
    axes = plot_posture_panels(posture, bases=bases, panels=[(BROKEN, HIDDEN)], boundaries=boundaries, title=FORMULA)
    axes[0].legend()
    shown = drawn(axes[0].figure)
    # two kinds in one panel: each date says its kind, the kind's name drawn as typed too
    assert {f"{FORMULA}\n{BROKEN} 1 Mar 2020", f"{HIDDEN}\n{HIDDEN} $3 Mar", FORMULA} <= set(shown)
    assert f"{BROKEN} or {HIDDEN}".capitalize() in shown
    assert legend_texts(axes[0]) == [BROKEN, HIDDEN]


def test_boundary_names_are_literal(new_axes):
    square = np.array([[40.0, 30.0], [46.0, 30.0], [46.0, 36.0], [40.0, 36.0], [40.0, 30.0]])
    boundaries = [Boundary(BROKEN, [square]), Boundary(HIDDEN, [square + [6.0, 0.0]])]
    ax = plot_boundaries(boundaries, ax=new_axes(), highlight=[BROKEN], extent=(40.0, 52.0, 30.0, 36.0))
    assert {BROKEN.upper(), HIDDEN.upper()} <= set(drawn(ax.figure))


def test_a_very_long_or_direction_changing_name_is_cut_and_drawn_left_to_right(new_axes):
    """A 10,000-character place is cut to DRAWN_CHARS where drawn (the figure keeps its size); a right-to-left
    override is removed, so it cannot reverse a legend; the alternative text keeps both names whole."""
    from analysis.viz.figures import alt_text
    from analysis.viz.literal import DRAWN_CHARS

    long_name, reversing = "Ba" * 5_000, "Kirkuk \u202eevoba"
    events = make_events([{"date_start": "2020-03-02", "admin1": long_name},
                          {"date_start": "2020-03-03", "admin1": reversing}])
    counts = attacks_per_period(events, freq="W", by="admin1", kinds=is_militia_attack)
    ax = plot_attacks_per_period(counts, by="admin1", ax=new_axes())
    shown = drawn(ax.figure)
    assert max(len(text) for text in shown) <= DRAWN_CHARS
    assert long_name[: DRAWN_CHARS - 1] + "…" in shown and "Kirkuk evoba" in shown
    assert not any("\u202e" in text for text in shown)
    assert ax.figure.get_size_inches()[0] * ax.figure.dpi < 3000
    assert long_name in alt_text(ax.figure) and reversing in alt_text(ax.figure)


def test_the_alt_text_of_counts_names_the_groups_drawn_not_every_group_of_the_data(new_axes):
    from analysis.viz.figures import alt_text

    places = [f"Region {i}" for i in range(40)]
    events = make_events([{"date_start": "2020-03-02", "admin1": place} for place in places])
    counts = attacks_per_period(events, freq="W", by="admin1", kinds=is_militia_attack)
    palette = {"Region 0": "#0072B2", "Region 1": "#E69F00", "other": "#BBBBBB"}
    ax = plot_attacks_per_period(counts, by="admin1", colors=palette, ax=new_axes())
    text = alt_text(ax.figure)
    assert "stacked by Region 0, Region 1, other" in text and "Region 39" not in text
