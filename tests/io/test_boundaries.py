"""Boundaries: the packaged GeoJSON, bases and places inside Iraq, and broken files."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

import analysis
from analysis import schema
from analysis.errors import DataError
from analysis.io.boundaries import find_country, load_boundaries, load_world_boundaries, packaged_boundaries_path

DATA = Path(analysis.__file__).resolve().parent / "data"


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
    return load_boundaries()


@pytest.fixture(scope="module")
def iraq(boundaries):
    (rings,) = [b.rings for b in boundaries if b.name == "Iraq"]
    return rings


def test_packaged_file_holds_iraq_and_its_neighbours(boundaries):
    names = [b.name for b in boundaries]
    for country in ("Iraq", "Syria", "Turkey", "Iran", "Kuwait", "Saudi Arabia", "Jordan"):
        assert country in names
    assert len(names) == len(set(names))
    assert packaged_boundaries_path().stat().st_size < 300_000


def test_packaged_rings_are_rounded_and_every_country_has_one(boundaries):
    for boundary in boundaries:
        assert boundary.rings, boundary.name
        for ring in boundary.rings:
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
    assert len(places) == 8
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
        load_boundaries(path)
    assert "broken.geojson" in str(caught.value)
    assert caught.value.path == str(path)


def test_missing_boundaries_file_gives_a_data_error(tmp_path):
    with pytest.raises(DataError, match="does not exist"):
        load_boundaries(tmp_path / "nowhere.geojson")


def test_load_boundaries_is_exported():
    # that it loads no plotting library is checked with the other names in tests/test_environment.py
    assert analysis.load_boundaries is load_boundaries


def test_world_boundaries_find_a_country_by_iso_code_or_acled_name():
    world = load_world_boundaries()
    assert find_country(world, iso=706).name == "Somalia"
    assert find_country(world, iso="368").name == "Iraq"
    assert find_country(world, "Democratic Republic of Congo").name == "Dem. Rep. Congo"
    assert find_country(world, "somalia").iso_a3 == "SOM"
    assert find_country(world, "Atlantis") is None and find_country(world, iso=999) is None
    somalia = find_country(world, iso=706)
    points = np.concatenate(somalia.rings)
    assert 40 < points[:, 0].min() < points[:, 0].max() < 52 and -2 < points[:, 1].min() < points[:, 1].max() < 13


def test_packaged_boundaries_are_read_once_and_each_caller_gets_its_own_copy(tmp_path, monkeypatch):
    import shutil

    from analysis.io import boundaries
    shutil.copy(DATA / "boundaries.geojson", tmp_path / "boundaries.geojson")
    monkeypatch.setattr(boundaries, "packaged_data_dir", lambda: tmp_path)
    reads = []
    read = boundaries._read_boundaries
    monkeypatch.setattr(boundaries, "_read_boundaries", lambda path: reads.append(path) or read(path))
    first = load_boundaries()
    first[0].rings[0][0] = (0.0, 0.0)  # a caller's change stays with the caller
    second = load_boundaries()
    assert len(reads) == 1 and tuple(second[0].rings[0][0]) != (0.0, 0.0)
    data = json.loads((tmp_path / "boundaries.geojson").read_text(encoding="utf-8"))
    data["features"] = data["features"][:1]
    (tmp_path / "boundaries.geojson").write_text(json.dumps(data), encoding="utf-8")  # another size: read again
    assert len(load_boundaries()) == 1 and len(reads) == 2
