"""Remaking the packaged boundaries: TopoJSON decoding and the file it writes."""

from __future__ import annotations

import json

import make_boundaries
import numpy as np
import pytest

from analysis.errors import DataError
from analysis.io.boundaries import load_boundaries, load_world_boundaries

# --- a hand-made topology ------------------------------------------------------
# Quantized with scale (0.5, 0.25) and translate (10, 20): a position (i, j)
# is (10 + 0.5 i, 20 + 0.25 j). Arcs are delta-encoded.
#
#   arc 0: (0,0) -> (4,0)                  the edge shared by "north" and "south"
#   arc 1: (4,0) -> (4,4) -> (0,4) -> (0,0)
#   arc 2: (0,0) -> (0,-4) -> (4,-4) -> (4,0)
#   arc 3: a clockwise square (8,0) (8,4) (12,4) (12,0) (8,0)
#   arc 4: a square hole inside arc 3, counter-clockwise
#   arc 5: a lone square (20,0) (22,0) (22,2) (20,2) (20,0)
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
    "arcs": [
        [[0, 0], [4, 0]],
        [[4, 0], [0, 4], [-4, 0], [0, -4]],
        [[0, 0], [0, -4], [4, 0], [0, 4]],
        [[8, 0], [0, 4], [4, 0], [0, -4], [-4, 0]],
        [[9, 1], [2, 0], [0, 2], [-2, 0], [0, -2]],
        [[20, 0], [2, 0], [0, 2], [-2, 0], [0, -2]],
    ],
    "objects": {
        "shapes": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "north"}},
                # arc 0 reversed (~0 == -1) closes the southern square.
                {"type": "Polygon", "arcs": [[2, ~0]], "id": "002", "properties": {"name": "south"}},
                # A multipolygon: a square with a hole, and a lone square.
                {"type": "MultiPolygon", "arcs": [[[3], [4]], [[5]]], "properties": {"name": "islands"}},
            ],
        }
    },
}


def q(i: float, j: float) -> list[float]:
    """Return the position of quantized point (i, j) in TOPOLOGY."""
    return [10 + 0.5 * i, 20 + 0.25 * j]


def features_by_name(collection):
    return {f["properties"]["name"]: f for f in collection["features"]}


def signed_area(ring) -> float:
    ring = np.asarray(ring)
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def test_quantized_arcs_are_delta_decoded_and_scaled():
    north = features_by_name(make_boundaries.topojson_to_geojson(TOPOLOGY, "shapes"))["north"]
    assert north["geometry"]["type"] == "Polygon"
    assert north["geometry"]["coordinates"] == [[q(0, 0), q(4, 0), q(4, 4), q(0, 4), q(0, 0)]]
    assert north["id"] == "001"


def test_reversed_arc_is_walked_backwards_without_repeating_the_join():
    south = features_by_name(make_boundaries.topojson_to_geojson(TOPOLOGY, "shapes"))["south"]
    ring = south["geometry"]["coordinates"][0]
    assert ring == [q(0, 0), q(0, -4), q(4, -4), q(4, 0), q(0, 0)]


def test_multipolygon_keeps_its_parts_and_orients_outer_rings_and_holes():
    islands = features_by_name(make_boundaries.topojson_to_geojson(TOPOLOGY, "shapes"))["islands"]
    assert islands["geometry"]["type"] == "MultiPolygon"
    first, second = islands["geometry"]["coordinates"]
    outer, hole = first
    # Arc 3 runs clockwise in the topology: the outer ring is turned round.
    assert outer == [q(8, 0), q(12, 0), q(12, 4), q(8, 4), q(8, 0)]
    assert signed_area(outer) > 0
    # Arc 4 runs counter-clockwise: as a hole it is turned round too.
    assert hole == [q(9, 1), q(9, 3), q(11, 3), q(11, 1), q(9, 1)]
    assert signed_area(hole) < 0
    assert second == [[q(20, 0), q(22, 0), q(22, 2), q(20, 2), q(20, 0)]]


def test_keep_selects_by_name_and_refuses_an_unknown_name():
    kept = make_boundaries.topojson_to_geojson(TOPOLOGY, "shapes", keep=["south"])
    assert [f["properties"]["name"] for f in kept["features"]] == ["south"]
    kept = make_boundaries.topojson_to_geojson(TOPOLOGY, "shapes", keep=lambda p: p["name"] != "south")
    assert [f["properties"]["name"] for f in kept["features"]] == ["north", "islands"]
    with pytest.raises(DataError, match="Atlantis"):
        make_boundaries.topojson_to_geojson(TOPOLOGY, "shapes", keep=["north", "Atlantis"])


def test_unquantized_topology_uses_positions_as_they_are():
    topology = {
        "type": "Topology",
        "arcs": [[[1.5, 2.5], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]],
        "objects": {"t": {"type": "GeometryCollection",
                          "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "tri"}}]}},
    }
    ring = make_boundaries.topojson_to_geojson(topology, "t")["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[1.5, 2.5], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]


def test_precision_rounds_and_merges_repeated_positions():
    topology = {
        "type": "Topology",
        "arcs": [[[0.0, 0.0], [1.00004, 0.0], [1.00001, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]],
        "objects": {"t": {"type": "GeometryCollection",
                          "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "sq"}}]}},
    }
    ring = make_boundaries.topojson_to_geojson(topology, "t", precision=3)["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]


def test_bad_topologies_give_data_errors():
    with pytest.raises(DataError, match="no object 'countries'"):
        make_boundaries.topojson_to_geojson(TOPOLOGY, "countries")
    broken = json.loads(json.dumps(TOPOLOGY))
    broken["objects"]["shapes"]["geometries"][0]["arcs"] = [[0, 9]]
    with pytest.raises(DataError, match="arc the topology does not have"):
        make_boundaries.topojson_to_geojson(broken, "shapes")
    broken["objects"]["shapes"]["geometries"][0] = {"type": "LineString", "arcs": [0], "properties": {"name": "l"}}
    with pytest.raises(DataError, match="LineString"):
        make_boundaries.topojson_to_geojson(broken, "shapes")


def test_build_boundaries_writes_a_file_that_load_boundaries_reads(tmp_path):
    topology_path = tmp_path / "topology.json"
    topology_path.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    codes = tmp_path / "codes.json"
    codes.write_text(json.dumps({"N": {"isonumeric": 1, "iso3": "NNN"}, "S": {"isonumeric": 2, "iso3": "SSS"}}))
    out = tmp_path / "out.geojson"
    collection = make_boundaries.build_boundaries(topology_path, out, names=["south", "north", "islands"],
                                         object_name="shapes", iso_codes_path=codes)
    assert [f["properties"]["name"] for f in collection["features"]] == ["south", "north", "islands"]
    assert [f["properties"]["iso_a3"] for f in collection["features"]] == ["SSS", "NNN", None]
    loaded = load_boundaries(out)
    assert [b.name for b in loaded] == ["south", "north", "islands"]
    assert [len(b.rings) for b in loaded] == [1, 1, 3]
    np.testing.assert_array_equal(loaded[1].rings[0], np.array([q(0, 0), q(4, 0), q(4, 4), q(0, 4), q(0, 0)]))


def test_build_boundaries_names_the_file_when_a_country_is_missing(tmp_path):
    topology_path = tmp_path / "topology.json"
    topology_path.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    with pytest.raises(DataError, match=r"topology\.json.*Atlantis") as caught:
        make_boundaries.build_boundaries(topology_path, names=["north", "Atlantis"], object_name="shapes")
    assert caught.value.path == str(topology_path)


# --- the packaged file ---------------------------------------------------------


def test_the_packaged_file_holds_every_country_kept_once():
    names = [b.name for b in load_boundaries()]
    assert sorted(names) == sorted(make_boundaries.MAP_COUNTRIES)


def test_build_boundaries_without_names_keeps_every_country_in_name_order(tmp_path):
    topology_path = tmp_path / "topology.json"
    topology_path.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    out = tmp_path / "world.geojson"
    make_boundaries.build_boundaries(topology_path, out, names=None, object_name="shapes")
    loaded = load_boundaries(out)
    assert [b.name for b in loaded] == ["islands", "north", "south"]
    assert [b.iso_n3 for b in loaded] == [None, 1, 2]


def test_the_packaged_world_file_holds_every_country_once_with_its_iso_code():
    world = load_world_boundaries()
    names = [b.name for b in world]
    assert len(names) == len(set(names)) >= 170 and names == sorted(names)
    codes = [b.iso_n3 for b in world if b.iso_n3 is not None]
    assert len(codes) == len(set(codes)) and len(codes) >= len(world) - 3
