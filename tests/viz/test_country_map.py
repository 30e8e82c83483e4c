"""The map of a country's events as a reader sees it: the forces' moves in shapes and colours a key explains, the
marks of one place side by side, and the regions named where no place stands out."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.markers import MarkerStyle

import analysis
from analysis.viz.country_map import OTHER_MARKER, SHAPE_MARKERS
from analysis.viz.literal import literal_text
from analysis.viz.style import MOVE_COLORS, color_distance

HQ, GROUND, CHANGE = "Headquarters or base established", "Non-violent transfer of territory", "Change to group/activity"


@pytest.fixture(scope="module")
def near():
    """Somalia, Iraq, Syria and their neighbours: the other countries of the world file are drawn alike, and slowly."""
    keep = {"Somalia", "Somaliland", "Ethiopia", "Kenya", "Djibouti", "Iraq", "Syria", "Turkey", "Iran", "Jordan",
            "Saudi Arabia", "Kuwait", "Lebanon", "Israel"}
    return [b for b in analysis.load_world_boundaries() if b.name in keep]


def moves(rows: list[tuple[str, float, float, str, str]]) -> pd.DataFrame:
    """Strategic developments as :func:`analysis.stats.posture.force_posture` lists them: force, place, kind."""
    return pd.DataFrame([{"force": force, "location": place, "latitude": lat, "longitude": lon, "sub_event_type": kind}
                         for force, place, lat, lon, kind in rows])


def marker_of(collection) -> str:
    """The marker a collection draws, found by its outline."""
    drawn = collection.get_paths()[0].vertices
    for marker in (*SHAPE_MARKERS, OTHER_MARKER):
        style = MarkerStyle(marker)
        outline = style.get_path().transformed(style.get_transform()).vertices
        if outline.shape == drawn.shape and np.allclose(outline, drawn):
            return marker
    raise AssertionError(f"{collection.get_gid()} draws no marker of the map's")


def shapes_by_force(ax) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for collection in ax.collections:
        if str(collection.get_gid()).startswith("places:"):
            force = collection.get_gid().split("|", 1)[1]
            found.setdefault(force, set()).add(marker_of(collection))
    return found


def key_entries(ax) -> list[tuple[str, object]]:
    legend = ax.get_legend()
    return [(text.get_text(), handle) for text, handle in zip(legend.get_texts(), legend.legend_handles)
            if text.get_text()]


def test_each_force_has_a_shape_each_kind_of_move_a_colour_and_the_key_says_both(near, new_axes):
    """Turkey's and the AU's moves were dots of one shape in two near-identical teals: each force now has a shape,
    each kind of move a colour apart, and the key names the shapes, the colours and the sizes."""
    frame = moves([("Military Forces of Turkey (2016-)", "Mogadishu", 2.04, 45.34, HQ)] * 3
                  + [("AU: African Union Mission", "Mogadishu", 2.04, 45.34, GROUND)] * 2
                  + [("AU: African Union Mission", "Kismayo", -0.36, 42.55, CHANGE),
                     ("Military Forces of Turkey (2016-)", "Baidoa", 3.12, 43.65, GROUND)])
    ax = analysis.plot_force_moves(frame, country="Somalia", iso=706, boundaries=near, ax=new_axes(figsize=(8, 8)))
    shapes = shapes_by_force(ax)
    assert shapes == {"Military Forces of Turkey (2016-)": {"o"}, "AU: African Union Mission": {"^"}}
    colours = {c.get_gid().split(":", 1)[1].split("|")[0]: to_hex(c.get_facecolor()[0], keep_alpha=False)
               for c in ax.collections}
    assert colours == {kind: MOVE_COLORS[kind].lower() for kind in (HQ, GROUND, CHANGE)}
    assert min(color_distance(a, b) for a, b in itertools.combinations(colours.values(), 2)) > 30
    entries = dict(key_entries(ax))
    assert list(entries) == ["shape: the force", "Military Forces of Turkey (2016-)", "AU: African Union Mission",
                             "size: its events", "1 event", "3 events", "colour: the kind of most of its events",
                             CHANGE, HQ, GROUND]
    assert entries["Military Forces of Turkey (2016-)"].get_marker() == "o"
    assert entries["AU: African Union Mission"].get_marker() == "^"
    for kind in (HQ, GROUND, CHANGE):  # a swatch, which no reader takes for a force's shape
        assert type(entries[kind]).__name__ == "Rectangle"
        assert to_hex(entries[kind].get_facecolor(), keep_alpha=False) == MOVE_COLORS[kind].lower()
    # Mogadishu's two marks side by side, Turkey's (more moves) to the west, neither hiding the other
    at = {c.get_gid(): ax.transData.transform(c.get_offsets()) for c in ax.collections}
    turkey = at[f"places:{HQ}|Military Forces of Turkey (2016-)"][0]
    au = next(xy for xy in at[f"places:{GROUND}|AU: African Union Mission"] if abs(xy[1] - turkey[1]) < 1)
    place = ax.transData.transform((45.34, 2.04))
    points = ax.figure.dpi / 72
    assert turkey[0] < place[0] < au[0] and au[0] - turkey[0] > 8 * points  # apart by more than half a mark
    assert max(place[0] - turkey[0], au[0] - place[0]) < 12 * points  # and close enough to read as one place
    # the place's name keeps clear of both its marks
    (label,) = [t for t in ax.texts if t.get_gid() == "place" and t.get_text().startswith("Mogadishu")]
    box = label.get_window_extent(ax.figure.canvas.get_renderer())
    assert not any(box.x0 - 4 < x < box.x1 + 4 and box.y0 - 4 < y < box.y1 + 4 for x, y in (turkey, au))


def test_forces_beyond_the_shapes_share_one_named_in_the_key_and_hostile_names_are_drawn_as_written(near, new_axes):
    forces = ["$x^2$ force", "_Underscored", "Force C", "Force D", "Force E", "Force F"]
    rows = [(force, f"Town {k}", 2.0 + k * 0.5, 45.0 - k * 0.3, HQ)
            for k, force in enumerate(forces) for _ in range(len(forces) - k)]
    ax = analysis.plot_force_moves(moves(rows), country="Somalia", boundaries=near, ax=new_axes(figsize=(8, 8)))
    assert shapes_by_force(ax) == {"$x^2$ force": {"o"}, "_Underscored": {"^"}, "Force C": {"s"}, "Force D": {"D"},
                                   "2 other forces": {OTHER_MARKER}}
    entries = dict(key_entries(ax))
    assert entries[literal_text("$x^2$ force")].get_marker() == "o"  # drawn as typed, not as mathematics
    assert entries[literal_text("_Underscored")].get_marker() == "^"  # kept by the legend
    assert entries["2 other forces"].get_marker() == OTHER_MARKER
    ax.figure.canvas.draw()  # a malformed mathematics in a name would fail here


def test_one_force_is_named_in_the_key_with_its_shape(near, new_axes):
    frame = moves([("Military Forces of Turkey (2016-)", "Mogadishu", 2.04, 45.34, HQ)])
    ax = analysis.plot_force_moves(frame, country="Somalia", boundaries=near, ax=new_axes(figsize=(8, 8)))
    assert [text for text, _ in key_entries(ax)][:2] == ["shape: the force", "Military Forces of Turkey (2016-)"]


#: A region's name as a file may spell it: drawn as written, never as mathematics.
KIRKUK = "Kirkuk $1"


def tied_places(events_of) -> pd.DataFrame:
    """Four places in each of five regions, one or two events each (as in a small export)."""
    regions = {"Baghdad": (33.3, 44.4), "Diyala": (33.75, 45.2), "Duhok": (37.0, 42.8), KIRKUK: (35.75, 43.8),
               "Deir ez-Zor": (35.45, 39.8)}
    rows = []
    for (region, (lat, lon)), k in itertools.product(regions.items(), range(4)):
        rows += [{"admin1": region, "location": f"{region} town {k}", "latitude": lat + 0.15 * k,
                  "longitude": lon + 0.2 * k, "event_type": "Battles"}] * events_of(region, k)
    return pd.DataFrame(rows)


def test_where_no_place_stands_out_each_region_is_named_once_and_no_name_covers_another(near, new_axes):
    """Seven towns of 2 events were named and a cluster of four 1-event towns (Kirkuk) was not: each region is
    named once instead, with its places and events."""
    frame = tied_places(lambda region, k: 1 if region == KIRKUK else 1 + k % 2)
    ax = analysis.plot_country_events(frame, country=["Iraq", "Syria"], iso=368, hue="event_type", boundaries=near,
                                      ax=new_axes(figsize=(8, 8)))
    regions = [t for t in ax.texts if t.get_gid() == "region"]
    assert sorted(t.get_text() for t in regions) == [
        "Baghdad: 4 places, 6 events", "Deir ez-Zor: 4 places, 6 events", "Diyala: 4 places, 6 events",
        "Duhok: 4 places, 6 events", literal_text(f"{KIRKUK}: 4 places, 4 events")]
    assert not [t for t in ax.texts if t.get_gid() == "place"]  # no town of 2 events named as "the biggest"
    ax.figure.canvas.draw()  # a region's "$" drawn as written
    renderer = ax.figure.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts if t.get_gid() in ("region", "place")
             or str(t.get_gid()).startswith("label:")]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
    dots = np.concatenate([ax.transData.transform(c.get_offsets()) for c in ax.collections])
    named = [t.get_window_extent(renderer) for t in regions]
    assert not [(box, xy) for box in named for xy in dots if box.contains(*xy)]  # no name covers a place


def test_where_a_place_stands_out_the_biggest_places_are_named_as_before(near, new_axes):
    frame = tied_places(lambda region, k: 1 + k % 2)
    ahead = analysis.plot_country_events(pd.concat([frame, *[frame.head(1)] * 7], ignore_index=True),
                                         country=["Iraq", "Syria"], iso=368, hue="event_type", boundaries=near,
                                         ax=new_axes(figsize=(8, 8)))
    assert not [t for t in ahead.texts if t.get_gid() == "region"]
    # the 2-event towns tie at the 8th name: left out whole, as before
    assert [t.get_text() for t in ahead.texts if t.get_gid() == "place"] == ["Baghdad town 0 (8)"]
