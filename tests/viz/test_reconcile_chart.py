"""ACLED's events of one kind per month beside the coded ones, and the coded windows beside ACLED's events with the
links between them, as drawn (analysis/viz/reconcile.py)."""

from __future__ import annotations

import matplotlib.dates as mdates
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.transforms import Bbox

from analysis.errors import DataError
from analysis.viz.figures import descriptions
from analysis.viz.reconcile import plot_compared_links, plot_compared_months
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


# --- the coded windows beside ACLED's events, with the links by grade -------------------------------------------

#: Coded windows in the frame link_timeline gives: two known days, two windows, one of them long.
WINDOWS = pd.DataFrame({"number": [3, 12, 23, 46],
                        "start": pd.to_datetime(["2020-01-03", "2020-01-05", "2020-03-11", "2020-06-06"]),
                        "end": pd.to_datetime(["2020-01-03", "2020-01-20", "2020-03-11", "2020-06-27"])})
ACLED = pd.DataFrame({"event_id": ["A1", "A2", "A3", "A4", "A5", "A6"],
                      "date": pd.to_datetime(["2020-01-02", "2020-01-08", "2020-01-07", "2020-03-11", "2020-06-13",
                                              "2020-06-20"]),
                      "linked": [True, True, False, True, True, True]})
LINKS = pd.DataFrame({"number": [3, 12, 23, 46, 46, 12],
                      "acled_id": ["A1", "A2", "A4", "A5", "A6", "A3"],
                      "grade": ["strong", "plausible", "plausible (no place)", "related", "strong", "near miss"],
                      "needs_review": [False, False, False, True, True, False]})


def _links(ax):
    return [line for line in ax.lines if line.get_gid() == "link"]


def test_each_link_is_a_line_from_its_coded_event_to_its_acled_event_styled_by_grade(new_axes):
    ax = plot_compared_links(WINDOWS, ACLED, LINKS, ax=new_axes(figsize=(9, 4)))
    drawn = LINKS.loc[LINKS["grade"] != "near miss"]
    lines = _links(ax)
    assert len(lines) == len(drawn)  # the near miss is not drawn
    assert [line.get_linestyle() for line in lines] == ["-", "--", "--", ":", "-"]
    windows = WINDOWS.set_index("number")
    for line, link in zip(lines, drawn.itertuples()):
        coded_x, acled_x = line.get_xdata()
        start, end = windows.loc[link.number, "start"], windows.loc[link.number, "end"] + pd.Timedelta(days=1)
        assert mdates.num2date(coded_x).replace(tzinfo=None) == start + (end - start) / 2  # the window's middle
        assert mdates.num2date(acled_x).date() == ACLED.set_index("event_id").loc[link.acled_id, "date"].date()
        assert line.get_ydata()[0] < line.get_ydata()[1]  # from the coded lane up to ACLED's
    rings = [line for line in ax.lines if line.get_gid() == "review"]
    assert len(rings) == int(drawn["needs_review"].sum())
    legend = ax.get_legend()
    assert [t.get_text() for t in legend.get_texts()] == [
        "coded event: its dates", "coded event: a known day", "ACLED event, linked",
        "ACLED event, no coded event links to it", "strong link", "plausible link", "related link", "needs review"]
    assert legend.get_title().get_text() == "links by grade; near misses are not drawn"
    # greys of the one colour language: the lanes keep the month chart's meaning of linked and lacking
    dots = {line.get_gid(): to_hex(line.get_color()) for line in ax.lines if line.get_gid() in ("acled", "acled lacking")}
    assert dots == {"acled": COMPARE_COLORS["linked"].lower(), "acled lacking": COMPARE_COLORS["lacking"].lower()}
    assert {to_hex(line.get_color()) for line in lines} == {COMPARE_COLORS["linked"].lower()}
    # ACLED's events of one day are stacked, not drawn over each other; the linked ones nearest the coded lane
    heights = {gid: list(line.get_ydata()) for gid, line in ((line.get_gid(), line) for line in ax.lines)
               if gid in ("acled", "acled lacking")}
    assert min(heights["acled lacking"]) > max(heights["acled"])
    assert descriptions(ax) == [
        "4 coded events in ACLED's scope, as bars over their dates, and 6 ACLED events in scope, as dots, 5 of them "
        "linked; 5 links drawn: 2 strong, 1 plausible, 1 plausible (no place) and 1 related, 2 of them needing "
        "review; coded event 3 to A1 (strong), 12 to A2 (plausible), 23 to A4 (plausible (no place)), 46 to A5 "
        "(related, needs review) and 46 to A6 (strong, needs review)."]


def test_the_numbers_cover_no_other_number_and_no_mark_of_another_event(new_axes):
    # twelve windows and days crowded into three weeks, half of them linked
    days = pd.to_datetime("2020-03-01") + pd.to_timedelta([0, 0, 1, 1, 2, 3, 3, 4, 9, 10, 10, 20], unit="D")
    lengths = pd.to_timedelta([0, 6, 0, 12, 0, 0, 3, 0, 0, 5, 0, 0], unit="D")
    windows = pd.DataFrame({"number": range(101, 113), "start": days, "end": days + lengths})
    acled = pd.DataFrame({"event_id": [f"A{i}" for i in range(6)], "date": days[::2], "linked": True})
    links = pd.DataFrame({"number": windows["number"][::2].to_numpy(), "acled_id": acled["event_id"],
                          "grade": "strong", "needs_review": False})
    ax = plot_compared_links(windows, acled, links, ax=new_axes(figsize=(6, 4)))
    renderer = ax.figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_gid() == "number"]
    assert sorted(t.get_text() for t in labels) == [str(n) for n in range(101, 113)]
    boxes = [t.get_window_extent(renderer) for t in labels]
    marks = [p.get_window_extent(renderer) for p in ax.patches if p.get_gid() == "window"]
    (dots,) = [line for line in ax.lines if line.get_gid() == "coded"]
    marks += [Bbox.from_extents(x - 2.5, y - 2.5, x + 2.5, y + 2.5)
              for x, y in ax.transData.transform(dots.get_xydata())]
    for i, box in enumerate(boxes):
        assert not any(box.overlaps(other) for other in boxes[i + 1:]), labels[i].get_text()
        assert not any(box.overlaps(mark) for mark in marks), labels[i].get_text()
    # a linked event sits above every event that is not, so no link crosses another event's bar
    linked = {int(n) for n in links["number"]}
    y = {int(t.get_text()): t.get_position()[1] for t in labels}
    assert min(y[n] for n in linked) > max(y[n] for n in y if n not in linked)


def test_no_events_to_draw_is_said(new_axes):
    ax = plot_compared_links(WINDOWS.iloc[:0], ACLED.iloc[:0], LINKS.iloc[:0], ax=new_axes())
    assert not ax.lines and not ax.patches
    assert [t.get_text() for t in ax.texts] == ["no events to show"]
    assert descriptions(ax) == ["No coded events in ACLED's scope and no ACLED events in scope to show."]


def test_events_without_links_are_drawn_and_said_to_have_none(new_axes):
    ax = plot_compared_links(WINDOWS, ACLED.assign(linked=False), LINKS.iloc[:0], ax=new_axes())
    assert not _links(ax) and len([t for t in ax.texts if t.get_gid() == "number"]) == len(WINDOWS)
    assert descriptions(ax)[0].endswith("0 of them linked; no links drawn.")
    # the legend names only what is drawn: no swatch of a linked ACLED event where none is
    assert "ACLED event, linked" not in [t.get_text() for t in ax.get_legend().get_texts()]
    assert "ACLED event, no coded event links to it" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_months_without_a_linked_event_have_no_swatch_of_one(new_axes):
    ax = plot_compared_months(MONTHS.assign(acled_lacking=MONTHS["acled"]), ax=new_axes())
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "in ACLED, linked to a coded event" not in labels and "in ACLED, not in the coded data" in labels


@pytest.mark.parametrize("frame", ["windows", "acled", "links"])
def test_a_links_frame_it_cannot_draw_names_its_maker(new_axes, frame):
    given = {"windows": WINDOWS, "acled": ACLED, "links": LINKS}
    given[frame] = given[frame].iloc[:, 1:]
    with pytest.raises(DataError, match=f"plot_compared_links \\({frame}\\) takes the frame that link_timeline"):
        plot_compared_links(given["windows"], given["acled"], given["links"], ax=new_axes())
