"""Where a map's frame and country names go: extents that frame points or a country, names clear of borders.

The drawing is :mod:`analysis.viz.maps`'; this module decides the extent
of a map (:func:`map_extent`, :func:`extent_of`, :func:`country_extent`)
and where a country's name is written (:func:`label_spot`). The points'
labels are placed by :class:`analysis.viz.placement.LabelPlacer`.
matplotlib is imported inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..io.boundaries import Boundary

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


def extent_of(boundaries: Sequence[Boundary], names: Iterable[str], margin: float) -> tuple[float, float, float, float]:
    """Frame the countries named in ``names`` with ``margin`` degrees: ``(lon_min, lon_max, lat_min, lat_max)``."""
    names = set(names)
    points = np.concatenate([ring for b in boundaries if b.name in names for ring in b.rings])
    return (
        float(points[:, 0].min() - margin),
        float(points[:, 0].max() + margin),
        float(points[:, 1].min() - margin),
        float(points[:, 1].max() + margin),
    )


def country_extent(country: Boundary | None, lon: np.ndarray, lat: np.ndarray) -> tuple[float, float, float, float] | None:
    """Frame a country and the points at ``lon``, ``lat`` with a degree of margin; None with neither."""
    boxes = []
    if country is not None:
        points = np.concatenate(country.rings)
        boxes.append((points[:, 0].min(), points[:, 0].max(), points[:, 1].min(), points[:, 1].max()))
    if len(lon):
        boxes.append((lon.min(), lon.max(), lat.min(), lat.max()))
    if not boxes:
        return None
    box = np.array(boxes)
    lon_min, lon_max = box[:, 0].min() - 1.0, box[:, 1].max() + 1.0
    lat_min, lat_max = box[:, 2].min() - 1.0, box[:, 3].max() + 1.0
    return float(lon_min), float(lon_max), float(max(lat_min, -89.0)), float(min(lat_max, 89.0))


def map_extent(points: pd.DataFrame, *, margin: float = 1.0, aspect: float = 1.0) -> tuple[float, float, float, float]:
    """Frame points (``longitude``, ``latitude``) with a margin in degrees, at a given width-to-height ratio.

    The ratio is measured on the map as drawn (a degree of longitude is
    ``cos(latitude)`` of a degree of latitude), so panels of that shape are
    filled by the map.

    Examples
    --------
    >>> frame = pd.DataFrame({"longitude": [41.0, 44.0], "latitude": [33.5, 36.0]})
    >>> [round(v, 2) for v in map_extent(frame)]
    [39.76, 45.24, 32.5, 37.0]
    """
    lon_min, lon_max = float(points["longitude"].min()) - margin, float(points["longitude"].max()) + margin
    lat_min, lat_max = float(points["latitude"].min()) - margin, float(points["latitude"].max()) + margin
    scale = math.cos(math.radians((lat_min + lat_max) / 2))
    width, height = (lon_max - lon_min) * scale, lat_max - lat_min
    if width / height < aspect:
        grow = (aspect * height / scale - (lon_max - lon_min)) / 2
        lon_min, lon_max = lon_min - grow, lon_max + grow
    else:
        grow = (width / aspect - height) / 2
        lat_min, lat_max = lat_min - grow, lat_max + grow
    return lon_min, lon_max, lat_min, lat_max


def axes_shape(ax: Axes) -> float:
    """Return the width-to-height ratio of an Axes as drawn on its figure (for :func:`map_extent`)."""
    box = ax.get_position()
    return box.width * ax.figure.get_figwidth() / max(box.height * ax.figure.get_figheight(), 1e-9)


def framed_points(bases: pd.DataFrame, references: pd.DataFrame | None) -> pd.DataFrame:
    """Return the places a posture map frames: the bases and the reference points (``longitude``, ``latitude``)."""
    points = bases[["longitude", "latitude"]]
    if references is not None and len(references):
        points = pd.concat([points, references[["longitude", "latitude"]]], ignore_index=True)
    return points


#: Room a country name needs around its centre, in degrees, to be written.
_LABEL_ROOM = 0.35


def label_spot(boundary: Boundary, extent: tuple[float, float, float, float],
                avoid: np.ndarray | None) -> tuple[float, float] | None:
    """Find where to write a country's name: the grid point inside it farthest from borders, frame and points."""
    from matplotlib.path import Path as MplPath

    lon_min, lon_max, lat_min, lat_max = extent
    border = np.concatenate(boundary.rings)
    (west, south), (east, north) = border.min(axis=0), border.max(axis=0)
    if west > lon_max or east < lon_min or south > lat_max or north < lat_min:
        return None  # the country lies outside the map: no grid point can be inside it
    xs, ys = np.meshgrid(np.linspace(lon_min, lon_max, 60), np.linspace(lat_min, lat_max, 60))
    grid = np.column_stack([xs.ravel(), ys.ravel()])
    inside = np.zeros(len(grid), dtype=bool)
    for ring in boundary.rings:
        inside ^= MplPath(ring).contains_points(grid)
    candidates = grid[inside]
    if not len(candidates):
        return None
    border = border[(border[:, 0] >= lon_min - 1) & (border[:, 0] <= lon_max + 1)
                    & (border[:, 1] >= lat_min - 1) & (border[:, 1] <= lat_max + 1)]
    room = np.minimum.reduce([candidates[:, 0] - lon_min, lon_max - candidates[:, 0],
                              (candidates[:, 1] - lat_min) * 2, (lat_max - candidates[:, 1]) * 2])
    for points in (border, avoid):
        if points is not None and len(points):
            distance = np.sqrt(((candidates[:, None, :] - points[None, :, :]) ** 2).sum(axis=2)).min(axis=1)
            room = np.minimum(room, distance if points is border else distance / 1.5)
    best = int(np.argmax(room))
    return (float(candidates[best, 0]), float(candidates[best, 1])) if room[best] >= _LABEL_ROOM else None
