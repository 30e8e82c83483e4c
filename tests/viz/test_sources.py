"""Who reported the events: outlets and source scales."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.viz.sources import plot_source_scales, plot_sources


def test_plot_sources_draws_the_top_outlets_and_counts_the_rest(new_axes):
    table = pd.DataFrame({"source": [f"Outlet {i}" for i in range(15)], "events": list(range(30, 15, -1)),
                          "only_source": [3] * 15})
    ax = plot_sources(table, n=12, ax=new_axes())
    events = [p for p in ax.patches if p.get_gid() == "events"]
    assert len(events) == 12 and max(p.get_width() for p in events) == 30
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Outlet 0"  # the largest on top
    assert [t.get_text() for t in ax.texts if t.get_gid() == "more"] == ["3 more outlets not shown"]


def test_plot_source_scales_and_empty_inputs(new_axes):
    ax = plot_source_scales(pd.DataFrame({"source_scale": ["National", "Local"], "events": [5, 2]}), ax=new_axes())
    assert sorted(p.get_width() for p in ax.patches) == [2, 5]
    # each bar with its figure (bars of 405 to 450 read alike), in the colour of "events", not of "alone"
    assert [t.get_text() for t in ax.texts if t.get_gid() == "scale-figure"] == [" 5", " 2"]
    from matplotlib.colors import to_hex

    from analysis.viz.style import SOURCE_COLORS

    assert {to_hex(p.get_facecolor()) for p in ax.patches} == {SOURCE_COLORS["events"].lower()}
    empty = plot_sources(pd.DataFrame({"source": [], "events": [], "only_source": []}), ax=new_axes())
    assert [t.get_text() for t in empty.texts] == ["no sources in this window"]
    import matplotlib.pyplot as plt

    assert empty.figure.number not in plt.get_fignums()  # the chart alone, with nothing drawn: not shown


def test_each_panel_has_a_title_and_large_counts_keep_their_ticks_apart(new_axes):
    scales = pd.DataFrame({"source_scale": ["Local partner-National", "New media", "National"],
                           "events": [148_000, 121_000, 60_000]})
    ax = plot_source_scales(scales, ax=new_axes(figsize=(4.4, 4.2)))
    assert ax.get_title(loc="left") == "Events by ACLED's source scale"
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.get_xticklabels() if t.get_text() and t.get_visible()]
    assert any("," in t.get_text() for t in labels)  # 100,000, not 100000
    boxes = sorted((t.get_window_extent(renderer) for t in labels), key=lambda box: box.x0)
    assert all(a.x1 < b.x0 for a, b in zip(boxes, boxes[1:]))
    outlets = plot_sources(pd.DataFrame({"source": ["Radio X"], "events": [5], "only_source": [3]}), ax=new_axes())
    assert outlets.get_title(loc="left") == "Outlets behind the most events"


def test_outlet_ages_stack_the_later_outlets_events_on_the_established_ones(new_axes):
    from analysis import DataError
    from analysis.viz.sources import plot_outlet_ages

    ages = pd.DataFrame({"period_start": pd.to_datetime(["2025-05-01", "2025-06-01", "2025-07-01"]),
                         "period_end": pd.to_datetime(["2025-05-31", "2025-06-30", "2025-07-31"]),
                         "established": [4, 5, 3], "shared": [0, 2, 1], "new_only": [0, 7, 1]})
    ax = plot_outlet_ages(ages, period="week", ax=new_axes())
    bars = {gid: [p for p in ax.patches if p.get_gid() == gid] for gid in ("established", "shared", "new_only")}
    assert [[p.get_height() for p in bars[gid]] for gid in bars] == [[4, 5, 3], [0, 2, 1], [0, 7, 1]]
    assert [p.get_y() for p in bars["shared"]] == [4, 5, 3] and [p.get_y() for p in bars["new_only"]] == [4, 7, 4]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "reported only by outlets of the first week", "reported by a later outlet and one of the first week",
        "reported only by outlets first cited later"]
    with pytest.raises(DataError, match="plot_outlet_ages takes the frame that events_by_outlet_age returns"):
        plot_outlet_ages(pd.DataFrame({"event_id": ["a"], "source": ["X"]}), ax=new_axes())


def test_the_outlets_first_cited_later_are_named_in_the_legend(new_axes):
    from analysis.viz.sources import plot_outlet_ages

    ages = pd.DataFrame({"period_start": pd.to_datetime(["2025-05-01"]), "period_end": pd.to_datetime(["2025-05-31"]),
                         "established": [4], "shared": [1], "new_only": [2]})
    one = plot_outlet_ages(ages, later=["Local $News"], ax=new_axes())
    assert [t.get_text() for t in one.get_legend().get_texts()][-1] == (
        "reported only by outlets first cited later (Local \\$News)")  # drawn as written
    five = plot_outlet_ages(ages, later=["A", "B", "C", "D", "E"], ax=new_axes())
    assert [t.get_text() for t in five.get_legend().get_texts()][-1].endswith("(A, B, C, 2 more)")
