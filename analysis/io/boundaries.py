"""Load country boundaries for offline maps from GeoJSON: the packaged file or a user's own.

The package ships ``analysis/data/boundaries.geojson``: Natural Earth's
1:50m country boundaries of Iraq and the countries around it (its provenance
and how it was made are in ``analysis/data/BOUNDARIES.md``). Maps draw from
that file alone; nothing is downloaded. Only json and numpy are needed to
read it; the maps are drawn by :mod:`analysis.viz.maps`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple, Union

import numpy as np

from .coded import packaged_data_dir
from .problems import file_error

PathLike = Union[str, Path]


BOUNDARIES_FILE = "boundaries.geojson"
WORLD_BOUNDARIES_FILE = "world_boundaries.geojson"


class Boundary(NamedTuple):
    """One country: its name and its rings.

    ``rings`` holds every ring of every polygon of the country as an
    ``(n, 2)`` float array of longitude, latitude; each ring is closed (its
    last point repeats the first). ``iso_a3`` and ``iso_n3`` are the ISO
    3166-1 alpha-3 code and numeric code, where the file gives them. Outer rings run counter-clockwise and holes
    clockwise (RFC 7946), so a compound path filled with the non-zero rule
    draws holes as holes.
    """

    name: str
    rings: list[np.ndarray]
    iso_a3: str | None = None
    iso_n3: int | None = None


def packaged_boundaries_path() -> Path:
    """Return the path of the packaged boundaries file."""
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
    if path in (packaged_boundaries_path(), packaged_world_boundaries_path()):
        return _packaged(path)
    return _read_boundaries(path)


def _read_boundaries(path: Path) -> list[Boundary]:
    data = _read_feature_collection(path)
    return [_boundary(feature, index, path) for index, feature in enumerate(data["features"])]


#: The packaged files' boundaries as last read, under each file's size and modification time (every map reads them).
_packaged_read: dict[Path, tuple[tuple[int, int], list[Boundary]]] = {}


def _packaged(path: Path) -> list[Boundary]:
    """Return a copy of a packaged file's boundaries, reading it if it was not read yet or changed since."""
    stat = path.stat()
    key = (stat.st_size, stat.st_mtime_ns)
    if _packaged_read.get(path, (None,))[0] != key:
        _packaged_read[path] = (key, _read_boundaries(path))
    return [b._replace(rings=[ring.copy() for ring in b.rings]) for b in _packaged_read[path][1]]


def _read_feature_collection(path: Path) -> dict[str, Any]:
    """Read a GeoJSON FeatureCollection, or raise a DataError naming the file."""
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
    return data


def _polygons(geometry: dict, path: Path, where: str) -> list:
    """Return the polygons of a Polygon or MultiPolygon geometry, each a list of rings, or raise."""
    kind = geometry.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        raise file_error(path, "must be a Polygon or MultiPolygon", column=f"{where}.geometry.type", value=kind)
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not all(isinstance(p, list) and p for p in polygons):
        raise file_error(path, "must hold a list of rings per polygon", column=f"{where}.geometry.coordinates")
    return polygons


def _boundary(feature: Any, index: int, path: Path) -> Boundary:
    """Return one feature as a Boundary, or raise a DataError naming the file and the feature."""
    where = f"features[{index}]"
    properties = feature.get("properties") if isinstance(feature, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if not isinstance(name, str) or not name:
        raise file_error(path, "every feature needs a 'name' property", column=f"{where}.properties.name", value=name)
    where = f"{where} ({name})"
    rings = [_ring_array(ring, path, f"{where}.geometry.coordinates")
             for polygon in _polygons(feature.get("geometry") or {}, path, where) for ring in polygon]
    iso_a3 = properties.get("iso_a3")
    numeric = feature.get("id")
    iso_n3 = int(numeric) if isinstance(numeric, (int, str)) and str(numeric).isdigit() else None
    return Boundary(name, rings, iso_a3 if isinstance(iso_a3, str) else None, iso_n3)


def packaged_world_boundaries_path() -> Path:
    """Return the path of the packaged world boundaries file (every country, 1:110m)."""
    return packaged_data_dir() / WORLD_BOUNDARIES_FILE


def load_world_boundaries() -> list[Boundary]:
    """Load the packaged boundaries of every country (Natural Earth 1:110m), for maps of any country.

    Returns
    -------
    list of Boundary
        One per country, with its name, ISO codes and rings.

    Examples
    --------
    >>> world = load_world_boundaries()
    >>> len(world) > 170, next(b for b in world if b.name == "Somalia").iso_n3
    (True, 706)
    """
    return load_boundaries(packaged_world_boundaries_path())


#: ACLED's country names that Natural Earth writes otherwise (where the ISO code does not settle it).
COUNTRY_ALIASES: dict[str, str] = {
    "Democratic Republic of Congo": "Dem. Rep. Congo",
    "Republic of Congo": "Congo",
    "Central African Republic": "Central African Rep.",
    "South Sudan": "S. Sudan",
    "Bosnia and Herzegovina": "Bosnia and Herz.",
    "Dominican Republic": "Dominican Rep.",
    "Equatorial Guinea": "Eq. Guinea",
    "Ivory Coast": "C\u00f4te d'Ivoire",
    "Czech Republic": "Czechia",
    "North Macedonia": "Macedonia",
    "eSwatini": "eSwatini",
    "Solomon Islands": "Solomon Is.",
    "Western Sahara": "W. Sahara",
    "United States": "United States of America",
}


def find_country(boundaries: list[Boundary], name: str | None = None, iso: object = None) -> Boundary | None:
    """Find a country's boundary by ISO 3166-1 numeric code (ACLED's ``iso`` column) or by name.

    Parameters
    ----------
    boundaries : list of Boundary
        What :func:`load_boundaries` or :func:`load_world_boundaries` returns.
    name : str or None, default None
        The country's name, as ACLED or Natural Earth writes it (case ignored).
    iso : int, str or None, default None
        The ISO numeric code; tried first.

    Returns
    -------
    Boundary or None
        None when neither finds a country (the map then frames the events).

    Examples
    --------
    >>> world = load_world_boundaries()
    >>> find_country(world, "Central African Republic").name, find_country(world, iso=368).name
    ('Central African Rep.', 'Iraq')
    """
    if iso is not None and str(iso).strip().isdigit():
        for boundary in boundaries:
            if boundary.iso_n3 == int(str(iso).strip()):
                return boundary
    if name:
        wanted = {name.casefold(), COUNTRY_ALIASES.get(name, name).casefold()}
        for boundary in boundaries:
            if boundary.name.casefold() in wanted:
                return boundary
    return None

