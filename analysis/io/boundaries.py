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

from ._validate import file_error
from .coded import packaged_data_dir

PathLike = Union[str, Path]


BOUNDARIES_FILE = "boundaries.geojson"


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
    data = _read_feature_collection(path)
    return [_boundary(feature, index, path) for index, feature in enumerate(data["features"])]


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


def _boundary(feature: Any, index: int, path: Path) -> Boundary:
    """Return one feature as a Boundary, or raise a DataError naming the file and the feature."""
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
    rings = [_ring_array(ring, path, f"{where}.geometry.coordinates") for polygon in polygons for ring in polygon]
    return Boundary(name, rings)

