"""Where a map's frame and country names go: extents that frame points or a country, names clear of borders.

The drawing is :mod:`analysis.viz.maps`'; this module decides the extent
of a map (:func:`map_extent`, :func:`extent_of`, :func:`country_extent`,
:func:`events_extent`)
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


#: Margin around the events of a map framed on them (:func:`events_extent`), in degrees.
EVENTS_MARGIN = 0.5
#: Smallest extent of a map framed on its events, north-south and east-west as drawn, in degrees of latitude (about
#: 330 km): a single place still shows its surroundings.
EVENTS_SPAN = 3.0
#: A map of events frames the events instead of their countries where the events, with their margin, span less than
#: this share of the countries' frame both east-west and north-south (the events of one region of a country).
EVENTS_SHARE = 0.25


def events_extent(country: Boundary | None, lon: np.ndarray, lat: np.ndarray, *,
                  aspect: float = 1.0) -> tuple[float, float, float, float] | None:
    """Frame a map of events: their countries and the events (:func:`country_extent`), or the events alone where
    they fill a small part of that frame.

    Where the events, with :data:`EVENTS_MARGIN`, span less than
    :data:`EVENTS_SHARE` of the countries' frame both east-west and
    north-south (a run on one region of a country), the map frames them
    (:func:`map_extent`): :data:`EVENTS_MARGIN` around them, at least
    :data:`EVENTS_SPAN` across, at the width-to-height ratio ``aspect``; the
    countries' borders still show around them. None with neither countries nor events.

    Examples
    --------
    >>> iraq = Boundary("Iraq", [np.array([[38.8, 29.1], [48.6, 29.1], [48.6, 37.4], [38.8, 37.4]])])
    >>> [round(v, 1) for v in events_extent(iraq, np.array([44.6, 45.2]), np.array([33.8, 34.2]))]
    [43.1, 46.7, 32.5, 35.5]
    >>> [round(v, 1) for v in events_extent(iraq, np.array([40.0, 45.2]), np.array([33.8, 36.2]))]
    [37.8, 49.6, 28.1, 38.4]
    """
    whole = country_extent(country, lon, lat)
    if whole is None or country is None or not len(lon):
        return whole
    wide = float(lon.max() - lon.min()) + 2 * EVENTS_MARGIN
    high = float(lat.max() - lat.min()) + 2 * EVENTS_MARGIN
    if wide >= EVENTS_SHARE * (whole[1] - whole[0]) or high >= EVENTS_SHARE * (whole[3] - whole[2]):
        return whole
    return map_extent(pd.DataFrame({"longitude": lon, "latitude": lat}), margin=EVENTS_MARGIN, aspect=aspect,
                      minimum=EVENTS_SPAN)


def map_extent(points: pd.DataFrame, *, margin: float = 1.0, aspect: float = 1.0,
               minimum: float = 0.0) -> tuple[float, float, float, float]:
    """Frame points (``longitude``, ``latitude``) with a margin in degrees, at a given width-to-height ratio.

    The ratio is measured on the map as drawn (a degree of longitude is
    ``cos(latitude)`` of a degree of latitude), so panels of that shape are
    filled by the map. The frame is at least ``minimum`` degrees of latitude
    across each way, as drawn, around the points' middle.

    Examples
    --------
    >>> frame = pd.DataFrame({"longitude": [41.0, 44.0], "latitude": [33.5, 36.0]})
    >>> [round(v, 2) for v in map_extent(frame)]
    [39.76, 45.24, 32.5, 37.0]
    >>> [round(v, 2) for v in map_extent(frame.head(1), margin=0.5, minimum=3.0)]
    [39.2, 42.8, 32.0, 35.0]
    """
    lon_min, lon_max = float(points["longitude"].min()) - margin, float(points["longitude"].max()) + margin
    lat_min, lat_max = float(points["latitude"].min()) - margin, float(points["latitude"].max()) + margin
    scale = math.cos(math.radians((lat_min + lat_max) / 2))
    if lat_max - lat_min < minimum:
        grow = (minimum - (lat_max - lat_min)) / 2
        lat_min, lat_max = lat_min - grow, lat_max + grow
    if (lon_max - lon_min) * scale < minimum:
        grow = (minimum / scale - (lon_max - lon_min)) / 2
        lon_min, lon_max = lon_min - grow, lon_max + grow
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
