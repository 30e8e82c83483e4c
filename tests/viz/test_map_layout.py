"""A map's layout: the extent framing the places, and labels placed to cover no mark and no other label."""

from __future__ import annotations

import numpy as np

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
