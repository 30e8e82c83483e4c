"""Who reported the events: outlets and source scales."""

from __future__ import annotations

import pandas as pd

from analysis.viz.sources import plot_source_scales, plot_sources


def test_plot_sources_draws_the_top_outlets_and_counts_the_rest(new_axes):
    table = pd.DataFrame({"source": [f"Outlet {i}" for i in range(15)], "events": list(range(30, 15, -1)),
                          "only_source": [3] * 15})
    ax = plot_sources(table, most=12, ax=new_axes())
    events = [p for p in ax.patches if p.get_gid() == "events"]
    assert len(events) == 12 and max(p.get_width() for p in events) == 30
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "Outlet 0"  # the largest on top
    assert [t.get_text() for t in ax.texts if t.get_gid() == "more"] == ["3 more outlets not shown"]


def test_plot_source_scales_and_empty_inputs(new_axes):
    ax = plot_source_scales(pd.DataFrame({"source_scale": ["National", "Local"], "events": [5, 2]}), ax=new_axes())
    assert sorted(p.get_width() for p in ax.patches) == [2, 5]
    empty = plot_sources(pd.DataFrame({"source": [], "events": [], "only_source": []}), ax=new_axes())
    assert [t.get_text() for t in empty.texts] == ["no sources in this window"]
