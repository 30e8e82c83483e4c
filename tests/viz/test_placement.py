"""Where marks and texts go: rows where nothing overlaps, texts beside their marks, leader lines never crossed."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.viz.placement import beside, pack_rows

intervals = st.lists(
    st.tuples(st.floats(0, 100), st.floats(0, 20), st.sampled_from("ab")), min_size=1, max_size=40)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@settings(deadline=None)
@given(intervals, st.floats(0, 3))
def test_intervals_of_a_row_never_overlap_and_each_takes_the_lowest_free_row(items, gap):
    left = np.array([x for x, _, _ in items])
    right = left + np.array([w for _, w, _ in items])
    groups = np.array([g for _, _, g in items])
    rows = pack_rows(left, right, gap=gap, groups=groups)
    spans = [(lo - gap, hi + gap) for lo, hi in zip(left, right)]
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if groups[i] == groups[j] and rows[i] == rows[j]:
                assert not _overlap(spans[i], spans[j])
    # an interval is on row r > 0 only because each row below holds one it overlaps
    for i in range(len(items)):
        for below in range(rows[i]):
            assert any(_overlap(spans[i], spans[j]) for j in range(len(items))
                       if j != i and groups[j] == groups[i] and rows[j] == below)


@settings(deadline=None)
@given(st.lists(st.tuples(st.floats(0, 100), st.floats(0.5, 30)), min_size=1, max_size=25))
def test_labels_placed_latest_first_keep_clear_of_the_leaders_of_those_placed_before(items):
    anchor = np.array([x for x, _ in items])
    left = anchor.copy()
    right = anchor + np.array([w for _, w in items])
    gap = 0.5
    rows = pack_rows(left, right, gap=gap, leaders=anchor, latest_first=True)
    placed = np.empty(len(items), dtype=int)
    placed[np.lexsort((right, anchor))[::-1]] = np.arange(len(items))  # when each label was placed
    span = [(lo - gap, hi + gap) for lo, hi in zip(left, right)]
    for i in range(len(items)):
        for j in range(len(items)):
            if i != j and rows[i] == rows[j]:
                assert not _overlap(span[i], span[j])
            if placed[j] < placed[i] and rows[j] > rows[i]:  # j's leader rises through the row of i
                assert not _overlap(span[i], (anchor[j] - gap / 2, anchor[j] + gap / 2))
            if placed[j] < placed[i] and span[j][0] < anchor[i] < span[j][1]:
                assert rows[i] > rows[j]  # above a label that covers its point


def test_close_points_stack_up_lane_by_lane():
    anchors = np.array([10.0, 11.0, 30.0, 10.5, 11.5])
    levels = pack_rows(anchors, anchors, gap=1.0, groups=np.array(["a", "a", "a", "b", "a"]))
    assert levels.tolist() == [0, 1, 0, 0, 2]


def test_a_text_goes_after_its_mark_unless_it_would_run_past_the_axis():
    start = np.array([1.0, 80.0, 60.0, 99.0])
    end = start + 1.0
    width = np.array([10.0, 30.0, 70.0, 0.0])
    after, text_x, left, right = beside(start, end, width, gap=1.0, length=100.0)
    assert after.tolist() == [True, False, False, True]  # the third fits neither side: more room before it
    assert text_x.tolist() == [3.0, 79.0, 59.0, 101.0]
    assert left.tolist() == [1.0, 49.0, -11.0, 99.0]
    assert right.tolist() == [13.0, 81.0, 61.0, 101.0]


def _placer_with_marks(new_axes, points):
    from analysis.viz.placement import LabelPlacer

    ax = new_axes(figsize=(4, 4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.scatter(*np.array(points).T, s=40)
    return ax, LabelPlacer(ax, (0, 10, 0, 10))


def test_a_label_of_several_marks_keeps_outside_them_or_sits_among_them_where_it_fits(new_axes):
    """A region's name among its places, where it covers none; else beside them, clear of every one."""
    corners = [(3.0, 3.0), (7.0, 3.0), (3.0, 7.0), (7.0, 7.0)]
    ax, placer = _placer_with_marks(new_axes, corners)
    among = placer.annotate("Region", (5.0, 5.0), gid="region", own=corners, centred=True, fontsize=8)
    assert among.xyann == (0, 0) and (among.get_ha(), among.get_va()) == ("center", "center")
    pair = [(4.8, 5.0), (5.2, 5.0)]  # a place's two marks side by side
    ax, placer = _placer_with_marks(new_axes, pair)
    label = placer.annotate("Town", (5.0, 5.0), gid="place", own=pair, fontsize=8)
    box = label.get_window_extent(placer.renderer)
    marks = ax.transData.transform(pair)
    half = np.sqrt(40) / 2 * ax.figure.dpi / 72
    assert not [xy for xy in marks if box.x0 - half < xy[0] < box.x1 + half and box.y0 - half < xy[1] < box.y1 + half]


def test_a_label_beside_the_frame_keeps_its_outline_inside_it(new_axes):
    """"Town 6 (8)" on the forces' map began a pixel inside the map's left edge, and its white outline and first
    letter ran over the edge and the tick label beyond it: a place within a few points of the frame is outside."""
    from matplotlib.transforms import Bbox

    from analysis.viz.placement import LabelPlacer

    point = [(0.25, 5.0)]  # a mark at the left edge: only the labels to its right, above or below fit
    ax, placer = _placer_with_marks(new_axes, point)
    frame = ax.get_window_extent(placer.renderer)
    room = LabelPlacer._MARGIN * ax.figure.dpi / 72
    mid = (frame.y0 + frame.y1) / 2
    for x0 in (frame.x0 + 1, frame.x0 + room - 1):  # inside the frame, but within its margin: refused
        assert placer._cost(Bbox.from_extents(x0, mid, x0 + 40, mid + 10), 0.0) >= 1e9
    assert placer._cost(Bbox.from_extents(frame.x0 + room, mid, frame.x0 + room + 40, mid + 10), 0.0) < 1e9
    label = placer.annotate("Town 6 (8)", point[0], gid="place", fontsize=8)
    box = label.get_window_extent(placer.renderer)
    assert frame.x0 + room <= box.x0 and box.x1 <= frame.x1 - room
