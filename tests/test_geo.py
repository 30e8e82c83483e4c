"""Boundaries: TopoJSON decoding, the packaged GeoJSON, and bases and places inside Iraq."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis import geo, schema
from analysis.errors import DataError

DATA = Path(analysis.__file__).resolve().parent / "data"

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
    north = features_by_name(geo.topojson_to_geojson(TOPOLOGY, "shapes"))["north"]
    assert north["geometry"]["type"] == "Polygon"
    assert north["geometry"]["coordinates"] == [[q(0, 0), q(4, 0), q(4, 4), q(0, 4), q(0, 0)]]
    assert north["id"] == "001"


def test_reversed_arc_is_walked_backwards_without_repeating_the_join():
    south = features_by_name(geo.topojson_to_geojson(TOPOLOGY, "shapes"))["south"]
    ring = south["geometry"]["coordinates"][0]
    assert ring == [q(0, 0), q(0, -4), q(4, -4), q(4, 0), q(0, 0)]


def test_multipolygon_keeps_its_parts_and_orients_outer_rings_and_holes():
    islands = features_by_name(geo.topojson_to_geojson(TOPOLOGY, "shapes"))["islands"]
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
    kept = geo.topojson_to_geojson(TOPOLOGY, "shapes", keep=["south"])
    assert [f["properties"]["name"] for f in kept["features"]] == ["south"]
    kept = geo.topojson_to_geojson(TOPOLOGY, "shapes", keep=lambda p: p["name"] != "south")
    assert [f["properties"]["name"] for f in kept["features"]] == ["north", "islands"]
    with pytest.raises(DataError, match="Atlantis"):
        geo.topojson_to_geojson(TOPOLOGY, "shapes", keep=["north", "Atlantis"])


def test_unquantized_topology_uses_positions_as_they_are():
    topology = {
        "type": "Topology",
        "arcs": [[[1.5, 2.5], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]],
        "objects": {"t": {"type": "GeometryCollection",
                          "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "tri"}}]}},
    }
    ring = geo.topojson_to_geojson(topology, "t")["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[1.5, 2.5], [3.5, 2.5], [3.5, 4.5], [1.5, 2.5]]


def test_precision_rounds_and_merges_repeated_positions():
    topology = {
        "type": "Topology",
        "arcs": [[[0.0, 0.0], [1.00004, 0.0], [1.00001, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]],
        "objects": {"t": {"type": "GeometryCollection",
                          "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "sq"}}]}},
    }
    ring = geo.topojson_to_geojson(topology, "t", precision=3)["features"][0]["geometry"]["coordinates"][0]
    assert ring == [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]


def test_bad_topologies_give_data_errors():
    with pytest.raises(DataError, match="no object 'countries'"):
        geo.topojson_to_geojson(TOPOLOGY, "countries")
    broken = json.loads(json.dumps(TOPOLOGY))
    broken["objects"]["shapes"]["geometries"][0]["arcs"] = [[0, 9]]
    with pytest.raises(DataError, match="arc the topology does not have"):
        geo.topojson_to_geojson(broken, "shapes")
    broken["objects"]["shapes"]["geometries"][0] = {"type": "LineString", "arcs": [0], "properties": {"name": "l"}}
    with pytest.raises(DataError, match="LineString"):
        geo.topojson_to_geojson(broken, "shapes")


def test_build_boundaries_writes_a_file_that_load_boundaries_reads(tmp_path):
    topology_path = tmp_path / "topology.json"
    topology_path.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    codes = tmp_path / "codes.json"
    codes.write_text(json.dumps({"N": {"isonumeric": 1, "iso3": "NNN"}, "S": {"isonumeric": 2, "iso3": "SSS"}}))
    out = tmp_path / "out.geojson"
    collection = geo.build_boundaries(topology_path, out, names=["south", "north", "islands"],
                                         object_name="shapes", iso_codes_path=codes)
    assert [f["properties"]["name"] for f in collection["features"]] == ["south", "north", "islands"]
    assert [f["properties"]["iso_a3"] for f in collection["features"]] == ["SSS", "NNN", None]
    loaded = geo.load_boundaries(out)
    assert [b.name for b in loaded] == ["south", "north", "islands"]
    assert [len(b.rings) for b in loaded] == [1, 1, 3]
    np.testing.assert_array_equal(loaded[1].rings[0], np.array([q(0, 0), q(4, 0), q(4, 4), q(0, 4), q(0, 0)]))


def test_build_boundaries_names_the_file_when_a_country_is_missing(tmp_path):
    topology_path = tmp_path / "topology.json"
    topology_path.write_text(json.dumps(TOPOLOGY), encoding="utf-8")
    with pytest.raises(DataError, match=r"topology\.json.*Atlantis") as caught:
        geo.build_boundaries(topology_path, names=["north", "Atlantis"], object_name="shapes")
    assert caught.value.path == str(topology_path)


# --- the packaged file ---------------------------------------------------------


def point_in_rings(lon: float, lat: float, rings: list[np.ndarray]) -> bool:
    """Even-odd ray casting over every ring (holes subtract)."""
    inside = False
    for ring in rings:
        x, y = ring[:-1, 0], ring[:-1, 1]
        x2, y2 = ring[1:, 0], ring[1:, 1]
        crosses = (y > lat) != (y2 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = x + (lat - y) * (x2 - x) / (y2 - y)
        inside ^= bool(np.count_nonzero(crosses & (lon < x_at)) % 2)
    return inside


@pytest.fixture(scope="module")
def boundaries():
    return geo.load_boundaries()


@pytest.fixture(scope="module")
def iraq(boundaries):
    (rings,) = [b.rings for b in boundaries if b.name == "Iraq"]
    return rings


def test_packaged_file_holds_iraq_and_its_neighbours(boundaries):
    names = [b.name for b in boundaries]
    for country in ("Iraq", "Syria", "Turkey", "Iran", "Kuwait", "Saudi Arabia", "Jordan"):
        assert country in names
    assert len(names) == len(set(names)) == len(geo.MAP_COUNTRIES)
    assert geo.packaged_boundaries_path().stat().st_size < 300_000


def test_packaged_rings_are_closed_arrays_in_the_region(boundaries):
    for boundary in boundaries:
        assert boundary.rings, boundary.name
        for ring in boundary.rings:
            assert ring.ndim == 2 and ring.shape[1] == 2 and len(ring) >= 4
            np.testing.assert_array_equal(ring[0], ring[-1])
            # Rounded to 3 decimals when the file was made.
            np.testing.assert_array_equal(ring, np.round(ring, 3))


def test_iraq_outline_is_where_iraq_is(iraq):
    points = np.concatenate(iraq)
    lat_min, lat_max, lon_min, lon_max = schema.REGION_BOUNDS
    assert lon_min < points[:, 0].min() and points[:, 0].max() < lon_max
    assert lat_min < points[:, 1].min() and points[:, 1].max() < lat_max
    # Baghdad's gazetteer point is inside; Tehran-side and Damascus-side points are not.
    assert point_in_rings(44.4, 33.34, iraq)
    assert not point_in_rings(51.4, 35.7, iraq)
    assert not point_in_rings(36.3, 33.5, iraq)


def test_every_base_lies_inside_iraq(iraq):
    bases = analysis.load_bases()
    assert len(bases) == 6
    outside = [row.base_id for row in bases.itertuples() if not point_in_rings(row.longitude, row.latitude, iraq)]
    assert outside == []


def test_every_place_lies_inside_iraq(iraq):
    with open(DATA / "places.csv", encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle))
    assert len(places) == 9
    outside = [p["place"] for p in places if not point_in_rings(float(p["longitude"]), float(p["latitude"]), iraq)]
    assert outside == []


def test_places_and_bases_name_their_gazetteer_and_a_valid_precision():
    with open(DATA / "places.csv", encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle))
    assert list(places[0]) == ["place", "admin1", "latitude", "longitude", "geo_precision", "coord_source"]
    for place in places:
        assert int(place["geo_precision"]) in schema.GEO_PRECISION
        assert place["coord_source"].startswith(("GeoNames ", "airportsdata ICAO "))
    for row in analysis.load_bases().itertuples():
        assert row.coord_source.startswith(("GeoNames ", "airportsdata ICAO "))


# --- bad files -----------------------------------------------------------------


def square_feature(name="Somewhere"):
    return {"type": "Feature", "properties": {"name": name},
            "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
        ('{"type": "Feature"}', "FeatureCollection"),
        (json.dumps({"type": "FeatureCollection", "features": [dict(square_feature(), properties={})]}),
         "needs a 'name'"),
        (json.dumps({"type": "FeatureCollection", "features": [
            dict(square_feature(), geometry={"type": "Point", "coordinates": [1, 2]})]}), "Polygon or MultiPolygon"),
        (json.dumps({"type": "FeatureCollection", "features": [
            dict(square_feature(), geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]})]}),
         "end where it starts"),
        (json.dumps({"type": "FeatureCollection", "features": [
            dict(square_feature(), geometry={"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]})]}),
         "at least 4 positions"),
        (json.dumps({"type": "FeatureCollection", "features": [
            dict(square_feature(), geometry={"type": "Polygon",
                                             "coordinates": [[[0, 0], [200, 0], [1, 1], [0, 0]]]})]}),
         r"\[-180, 180\]"),
    ],
)
def test_broken_geojson_gives_a_data_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "broken.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as caught:
        geo.load_boundaries(path)
    assert "broken.geojson" in str(caught.value)
    assert caught.value.path == str(path)


def test_missing_boundaries_file_gives_a_data_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        geo.load_boundaries(tmp_path / "nowhere.geojson")


def test_load_boundaries_is_exported_and_import_does_not_load_matplotlib():
    assert analysis.load_boundaries is geo.load_boundaries
    code = "import sys, analysis; analysis.load_boundaries(); print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- drawing -------------------------------------------------------------------


def test_plot_boundaries_draws_one_patch_per_country_and_highlights_iraq(boundaries):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.colors import to_rgba

    fig, ax = plt.subplots()
    try:
        returned = geo.plot_boundaries(boundaries, ax=ax, highlight=["Iraq"], highlight_color="#ff0000",
                                       facecolor="#00ff00")
        assert returned is ax
        by_name = {patch.get_gid(): patch for patch in ax.patches}
        assert sorted(by_name) == sorted(b.name for b in boundaries)
        assert by_name["Iraq"].get_facecolor() == to_rgba("#ff0000")
        assert by_name["Iran"].get_facecolor() == to_rgba("#00ff00")
        # The default frame is Iraq with one degree of margin.
        iraq_points = np.concatenate([b.rings for b in boundaries if b.name == "Iraq"][0])
        assert ax.get_xlim() == pytest.approx((iraq_points[:, 0].min() - 1, iraq_points[:, 0].max() + 1))
        assert ax.get_ylim() == pytest.approx((iraq_points[:, 1].min() - 1, iraq_points[:, 1].max() + 1))
        labels = {text.get_text() for text in ax.texts}
        assert {"IRAQ", "IRAN", "SYRIA"} <= labels
        assert "YEMEN" not in labels  # no position of Yemen falls in Iraq's frame
        # A hole stays a hole: the path of a country holds all its rings.
        assert len(by_name["United Arab Emirates"].get_path().vertices) == sum(
            len(r) for b in boundaries if b.name == "United Arab Emirates" for r in b.rings
        )
    finally:
        plt.close(fig)


def test_plot_boundaries_returns_the_axes_with_nothing_to_draw():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    try:
        assert geo.plot_boundaries([], ax=ax) is ax
        assert len(ax.patches) == 0
        geo.plot_boundaries(geo.load_boundaries(), ax=ax, labels=False, extent=(40, 45, 30, 35))
        assert len(ax.texts) == 0
        assert ax.get_xlim() == (40, 45)
    finally:
        plt.close(fig)
