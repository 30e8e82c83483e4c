"""A map's layout: the extent framing the places, and labels placed to cover no mark and no other label."""

from __future__ import annotations

import numpy as np
import pytest

import analysis
from analysis.stats.posture import base_posture
from analysis.viz.maps import plot_posture_panels


def test_the_map_frames_the_bases_and_its_labels_cover_nothing(close_figures):
    events, bases = analysis.load_events(), analysis.load_bases()
    references = analysis.place_points(events, ["Baghdad"])
    axes = plot_posture_panels(base_posture(events, bases), bases=bases, references=references)
    for ax in axes:
        lon_min, lon_max = ax.get_xlim()
        lat_min, lat_max = ax.get_ylim()
        # the bases fill the frame: none of its edges is more than 2 degrees from a base or Baghdad
        assert lon_min > bases["longitude"].min() - 2 and lon_max < bases["longitude"].max() + 2
        assert lat_min > bases["latitude"].min() - 2 and lat_max < bases["latitude"].max() + 2
        assert list(ax.get_xticks()) == [] and list(ax.get_yticks()) == []
        assert [t.get_text() for t in ax.texts if t.get_gid() == "place:Baghdad"] == ["Baghdad"]
        renderer = ax.figure.canvas.get_renderer()
        labels = [t for t in ax.texts if str(t.get_gid()).split(":")[0] in ("base", "place", "label")]
        boxes = [t.get_window_extent(renderer) for t in labels]
        overlapping = [(a.get_text(), b.get_text()) for i, (a, p) in enumerate(zip(labels, boxes))
                       for b, q in zip(labels[i + 1:], boxes[i + 1:]) if p.overlaps(q)]
        assert overlapping == []
        points = np.concatenate([ax.transData.transform(c.get_offsets()) for c in ax.collections])
        covered = [(t.get_text(), tuple(xy)) for t, box in zip(labels, boxes) for xy in points if box.contains(*xy)]
        assert covered == []


def _gap(box, centre) -> float:
    """Pixels from a text's box to a point."""
    dx = max(box.x0 - centre[0], 0.0, centre[0] - box.x1)
    dy = max(box.y0 - centre[1], 0.0, centre[1] - box.y1)
    return float(np.hypot(dx, dy))


def test_a_map_label_keeps_nearer_its_own_place_than_a_neighbouring_one(new_axes):
    """Town B's dot sits just past where Town A's label would end on its right, without touching it: the label goes
    where it is clearly nearer Town A's dot (or on a leader line, clear of Town B's)."""
    from analysis.viz.placement import LabelPlacer

    ax = new_axes(figsize=(4, 4))
    ax.figure.set_dpi(100)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    town_a, town_b = (3.0, 5.0), (5.35, 5.0)
    ax.scatter([town_a[0], town_b[0]], [town_a[1], town_b[1]], s=40)
    label = LabelPlacer(ax, (0, 10, 0, 10)).annotate("Town A (12)", town_a, gid="place", fontsize=7.5)
    box = label.get_window_extent(ax.figure.canvas.get_renderer())
    a, b = ax.transData.transform([town_a, town_b])
    dot = np.sqrt(40) / 2  # the dots' radius, in pixels at 100 dpi
    clearance = LabelPlacer.CLEARANCE * 100 / 72
    if label.arrow_patch is None:  # beside its dot: nearer it than Town B's, by the clearance
        assert _gap(box, a) - dot + clearance <= _gap(box, b) - dot
    else:  # on a leader line: clear of Town B's dot
        assert _gap(box, b) - dot >= clearance
    assert _gap(box, b) - dot > 2 * clearance  # not next to Town B at all


def test_a_map_label_alone_stays_beside_its_dot(new_axes):
    from analysis.viz.placement import LabelPlacer

    ax = new_axes(figsize=(4, 4))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.scatter([3.0, 8.0], [5.0, 1.0], s=40)
    label = LabelPlacer(ax, (0, 10, 0, 10)).annotate("Town A (12)", (3.0, 5.0), gid="place", fontsize=7.5)
    assert label.arrow_patch is None and label.xyann[0] > 0 and label.xyann[1] == 0  # the first place tried: right


@pytest.mark.parametrize("seed", range(4))
def test_no_leader_line_runs_across_another_label(new_axes, seed):
    """Clusters of big dots send some labels out on leader lines: none crosses another label's text."""
    from matplotlib.text import Text

    from analysis.viz.placement import LabelPlacer

    ax = new_axes(figsize=(4, 4))
    ax.figure.set_dpi(100)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    rng = np.random.default_rng(seed)
    points = np.column_stack([4 + rng.uniform(0, 3, 8), 4 + rng.uniform(0, 3, 8)])
    ax.scatter(points[:, 0], points[:, 1], s=160)
    placer = LabelPlacer(ax, (0, 10, 0, 10))
    labels = [placer.annotate(f"Town {k} (1{k})", tuple(xy), gid="place", fontsize=7.5) for k, xy in enumerate(points)]
    ax.figure.canvas.draw()
    renderer = ax.figure.canvas.get_renderer()
    boxes = [Text.get_window_extent(label, renderer) for label in labels]  # the texts, without their lines
    crossed = []
    for k, (label, box) in enumerate(zip(labels, boxes)):
        if label.arrow_patch is None:
            continue
        start = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])  # a leader starts at its text's middle
        line = start + np.linspace(0, 1, 200)[:, None] * (ax.transData.transform(points[k]) - start)
        crossed += [(k, j) for j, other in enumerate(boxes) if j != k
                    and ((line[:, 0] > other.x0) & (line[:, 0] < other.x1)
                         & (line[:, 1] > other.y0) & (line[:, 1] < other.y1)).any()]
    assert any(label.arrow_patch is not None for label in labels) and crossed == []
