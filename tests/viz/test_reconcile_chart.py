"""ACLED's events of one kind per month beside the coded ones, as drawn (analysis/viz/reconcile.py)."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.colors import to_hex

from analysis.errors import DataError
from analysis.viz.figures import descriptions
from analysis.viz.reconcile import plot_compared_months
from analysis.viz.style import COMPARE_COLORS

#: Months in the order lacking_by_month gives them: most lacking first.
MONTHS = pd.DataFrame({"month": pd.to_datetime(["2020-01-01", "2020-03-01", "2019-12-01", "2020-02-01"]),
                       "acled": [4, 2, 1, 0], "acled_lacking": [4, 1, 0, 0], "coded": [0, 2, 1, 0]})


def test_each_month_stacks_the_linked_and_the_lacking_and_dots_the_coded(new_axes):
    ax = plot_compared_months(MONTHS, what="events of indirect fire", ax=new_axes())
    by_month = MONTHS.sort_values("month")
    linked = [p for p in ax.patches if p.get_gid() == "linked"]
    lacking = [p for p in ax.patches if p.get_gid() == "lacking"]
    assert [mdates.num2date(p.get_x()).strftime("%Y-%m") for p in linked] == by_month["month"].dt.strftime("%Y-%m").tolist()
    assert [p.get_height() for p in linked] == (by_month["acled"] - by_month["acled_lacking"]).tolist()
    assert [p.get_height() for p in lacking] == by_month["acled_lacking"].tolist()
    assert [p.get_y() for p in lacking] == [p.get_height() for p in linked]  # stacked on the linked
    assert {to_hex(p.get_facecolor()) for p in linked} == {COMPARE_COLORS["linked"].lower()}
    (dots,) = [line for line in ax.lines if line.get_gid() == "coded"]
    assert list(dots.get_ydata()) == [1, 2]  # the months with coded events, by month
    assert ax.get_ylabel() == "events of indirect fire"
    assert descriptions(ax) == ["7 events of indirect fire in ACLED over 4 months, 5 of them not in the coded data, "
                                "the most in January 2020 (4); coded events of this kind in 2 of the months."]


def test_nothing_to_draw_is_said(new_axes):
    ax = plot_compared_months(MONTHS.iloc[:0], ax=new_axes())
    assert len(ax.patches) == 0 and descriptions(ax) == ["No events to count."]


def test_a_frame_it_cannot_draw_names_its_maker(new_axes):
    with pytest.raises(DataError, match="lacking_by_month"):
        plot_compared_months(MONTHS.drop(columns="coded"), ax=new_axes())
