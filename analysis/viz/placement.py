"""Where marks and texts go so that none covers another: rows on a time axis, the side of a text, labels on a map.

Every chart that places texts uses these, and nothing else:

- :func:`pack_rows` gives intervals of an axis the lowest row where they
  overlap nothing (the timeline's marks and texts, the dense timeline's
  labels with their leader lines, and its marks that would cover each other);
- :func:`beside` puts a text after its mark, or before it where it would
  run past the end of the axis (the timeline and the dense timeline);
- :class:`LabelPlacer` puts point labels on a map where they cover no mark,
  no label and no border, each nearer its own mark than any other place's
  (the maps).

Texts on a time axis are measured with a character-width model
(:data:`CHAR_WIDTH_EM` of :data:`LABEL_FONT_SIZE`, :func:`chars_across`), so
their layout needs no renderer; the map's labels are measured with the
figure's renderer. Nothing here draws; matplotlib is imported inside the
functions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: Font size of the labels on a time axis, in points.
LABEL_FONT_SIZE = 7.6
#: Average width of a label's character, in em (DejaVu Sans averages about 0.6 em).
CHAR_WIDTH_EM = 0.6


def chars_across(ax: Axes) -> float:
    """Return how many label characters fill the width of an Axes (its width in points over a character's)."""
    width_points = ax.get_position().width * ax.figure.get_figwidth() * 72
    return width_points / (CHAR_WIDTH_EM * LABEL_FONT_SIZE)


def pack_rows(
    left: np.ndarray,
    right: np.ndarray,
    *,
    gap: float = 0.0,
    groups: np.ndarray | None = None,
    leaders: np.ndarray | None = None,
    latest_first: bool = False,
) -> np.ndarray:
    """Give each interval the lowest row of its group where it overlaps no interval placed before it.

    Intervals are placed in order of their left end (then their right end),
    or from the last to the first with ``latest_first``. Each is widened by
    ``gap`` on both sides, so two intervals of a row stay ``2 * gap`` apart.

    With ``leaders`` (a point of each interval, such as the event a label
    names), an interval is a label joined to its point by a vertical leader
    line that rises from row 0: it is placed in order of its point instead
    of its left end, above every row where an interval placed before it
    covers its point, and its leader, ``gap`` wide, then takes its place in
    every row below it, so that the intervals placed after it keep clear of
    the leader.

    Parameters
    ----------
    left, right : numpy.ndarray of float
        The ends of the intervals.
    gap : float, default 0.0
        Room left on each side of an interval.
    groups : numpy.ndarray or None, default None
        The group of each interval (a lane): each group has rows of its own.
        None: one group.
    leaders : numpy.ndarray of float or None, default None
        The point of each interval its leader line rises from.
    latest_first : bool, default False
        Place the intervals from the last to the first.

    Returns
    -------
    numpy.ndarray of int64
        The row of each interval, 0 the first.

    Examples
    --------
    >>> pack_rows(np.array([0.0, 1.0, 5.0]), np.array([2.0, 3.0, 6.0])).tolist()
    [0, 1, 0]
    >>> anchors = np.array([10.0, 11.0, 30.0, 10.5])  # points closer than 2 apart stack up, lane by lane
    >>> pack_rows(anchors, anchors, gap=1.0, groups=np.array(["a", "a", "a", "b"])).tolist()
    [0, 1, 0, 0]
    """
    left = np.asarray(left, dtype=float)
    right = np.asarray(right, dtype=float)
    rows = np.zeros(len(left), dtype=np.int64)
    keys = leaders if leaders is not None else left
    order = np.lexsort((right, keys))
    taken: dict[object, list[list[tuple[float, float]]]] = {}
    for i in order[::-1] if latest_first else order:
        occupied = taken.setdefault(None if groups is None else groups[i], [])
        row = 0 if leaders is None else _row_above_leader(occupied, leaders[i])
        span = (left[i] - gap, right[i] + gap)
        row = _first_free_row(occupied, span, row)
        while len(occupied) <= row:
            occupied.append([])
        occupied[row].append(span)
        if leaders is not None:
            for below in range(row):
                occupied[below].append((leaders[i] - gap / 2, leaders[i] + gap / 2))
        rows[i] = row
    return rows


def _row_above_leader(occupied: list[list[tuple[float, float]]], point: float) -> int:
    """The lowest row above every row where a span placed before covers ``point``."""
    covering = [q for q, spans in enumerate(occupied) if any(a < point < b for a, b in spans)]
    return max(covering) + 1 if covering else 0


def _first_free_row(occupied: list[list[tuple[float, float]]], span: tuple[float, float], row: int) -> int:
    """The first row from ``row`` up where ``span`` overlaps no span placed before."""
    while row < len(occupied) and any(a < span[1] and span[0] < b for a, b in occupied[row]):
        row += 1
    return row


def beside(
    start: np.ndarray, end: np.ndarray, width: np.ndarray, *, gap: float, length: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Put each text beside its mark on an axis from 0 to ``length``: after the mark, or before it near the end.

    A text goes ``gap`` after its mark's ``end`` where it ends within the
    axis; else ``gap`` before its ``start`` where it begins within the axis;
    else on the side with more room. A mark without text (``width`` 0)
    counts as followed by its gap.

    Parameters
    ----------
    start, end : numpy.ndarray of float
        Where each mark begins and ends on the axis.
    width : numpy.ndarray of float
        The width of each text, in the axis' units.
    gap : float
        Room between a mark and its text.
    length : float
        The length of the axis.

    Returns
    -------
    tuple of numpy.ndarray
        ``after`` (bool: the text follows its mark), ``text_x`` (where the
        text begins, after its mark, or ends, before it), and ``left`` and
        ``right``, the ends of the mark and its text together (for
        :func:`pack_rows`).

    Examples
    --------
    >>> after, text_x, left, right = beside(np.array([1.0, 9.0]), np.array([2.0, 9.5]), np.array([3.0, 3.0]),
    ...                                    gap=0.5, length=10.0)
    >>> after.tolist(), text_x.tolist(), left.tolist(), right.tolist()
    ([True, False], [2.5, 8.5], [1.0, 5.5], [5.5, 9.5])
    """
    fits_after = end + gap + width <= length + gap
    fits_before = start - gap - width >= -gap
    more_room_after = length - end >= start
    after = fits_after | (~fits_before & more_room_after) | (width == 0)
    text_x = np.where(after, end + gap, start - gap)
    left = np.where(after, start, start - gap - width)
    right = np.where(after, end + gap + width, end)
    return after, text_x, left, right


class LabelPlacer:
    """Put point labels on a map where they cover no mark, no other label, no country name and no border, each
    nearest its own place.

    Tries eight directions around the point at three distances (the farther
    ones with a thin leader line back to the point), measuring the texts
    with the figure's renderer, and keeps the place that costs least, the
    nearest of equals. A label costs by what it covers, and by the other
    places' marks it comes near: a label beside its point (no leader line)
    must be nearer its own mark than any other's by :attr:`CLEARANCE`, so a
    reader does not attach it to the neighbouring place; a label on a leader
    line, which shows whose it is, must keep :attr:`CLEARANCE` from every
    other mark, and its line must cross no other label and no other mark, as
    no label may cover a line drawn before it. Borders count less than marks
    and labels (a label may cross a border where nothing else fits).
    Deterministic: same input, same places.
    """

    _DIRECTIONS = ((1, 0, "left", "center"), (-1, 0, "right", "center"), (0, 1, "center", "bottom"),
                   (0, -1, "center", "top"), (0.8, 0.8, "left", "bottom"), (-0.8, 0.8, "right", "bottom"),
                   (0.8, -0.8, "left", "top"), (-0.8, -0.8, "right", "top"))
    _DISTANCES = (6.0, 16.0, 28.0)
    #: Half the width of the smallest mark, in points (with a point of room).
    _SMALLEST = 3.0
    #: Room, in points, a label keeps from another place's mark beyond its distance to its own.
    CLEARANCE = 5.0
    #: Room, in points, a label keeps from the map's frame.
    _MARGIN = 3.0
    #: The cost of a label too near another place's mark: as much as covering a mark.
    _NEAR_COST = 5000.0

    def __init__(self, ax: Axes, extent: tuple[float, float, float, float]) -> None:
        from matplotlib.transforms import Bbox

        self.ax = ax
        self.renderer = ax.figure.canvas.get_renderer()
        ax.apply_aspect()
        self.frame = ax.get_window_extent(self.renderer)
        self.taken = [t.get_window_extent(self.renderer) for t in ax.texts if t.get_visible()]
        self.labels = list(self.taken)  # the texts alone, which a leader line must not cross
        self.leaders = np.empty((0, 2))  # the leader lines drawn, as points every few pixels
        # the marks themselves, as boxes of their size, so labels do not cover them; and as circles (centre and
        # radius, in pixels), so that a label keeps nearer its own mark than another place's
        self.pixels = ax.figure.dpi / 72
        marks = []
        for collection in ax.collections:
            sizes = collection.get_sizes()
            for i, (x, y) in enumerate(ax.transData.transform(collection.get_offsets())):
                # a marker's size is its area in points squared; its half-width, plus a point, in pixels
                half = max(self._SMALLEST, math.sqrt(sizes[i % len(sizes)] if len(sizes) else 9.0) / 2 + 1) * self.pixels
                self.taken.append(Bbox.from_extents(x - half, y - half, x + half, y + half))
                marks.append((x, y, half))
        self.marks = np.array(marks, dtype=float).reshape(-1, 3)
        # borders, as points every few pixels
        lon_min, lon_max, lat_min, lat_max = extent
        borders = [patch.get_path().vertices for patch in ax.patches]
        vertices = np.concatenate(borders) if borders else np.empty((0, 2))
        vertices = vertices[(vertices[:, 0] >= lon_min) & (vertices[:, 0] <= lon_max)
                            & (vertices[:, 1] >= lat_min) & (vertices[:, 1] <= lat_max)]
        self.borders = ax.transData.transform(vertices) if len(vertices) else np.empty((0, 2))

    def _cost(self, box: Any, distance: float) -> float:
        # inside the frame by the width of the label's white outline and a little more, so that no letter meets
        # the frame or the tick labels beyond it
        margin = self._MARGIN * self.pixels
        outside = 0.0 if (self.frame.x0 + margin <= box.x0 and box.x1 <= self.frame.x1 - margin
                          and self.frame.y0 + margin <= box.y0 and box.y1 <= self.frame.y1 - margin) else 1e9
        overlap = 0.0
        for other in self.taken:
            width = min(box.x1, other.x1) - max(box.x0, other.x0)
            height = min(box.y1, other.y1) - max(box.y0, other.y0)
            overlap += max(width, 0.0) * max(height, 0.0)
        crossed = 0
        if len(self.borders):
            b = self.borders
            crossed = int(((b[:, 0] > box.x0) & (b[:, 0] < box.x1) & (b[:, 1] > box.y0) & (b[:, 1] < box.y1)).sum())
        return outside + 100.0 * overlap + 20.0 * crossed + distance

    def _gaps(self, box: Any) -> np.ndarray:
        """The room, in pixels, between a box and the edge of each mark (0 where they touch or overlap)."""
        x, y, radius = self.marks[:, 0], self.marks[:, 1], self.marks[:, 2]
        dx = np.maximum.reduce([box.x0 - x, np.zeros_like(x), x - box.x1])
        dy = np.maximum.reduce([box.y0 - y, np.zeros_like(y), y - box.y1])
        return np.maximum(np.hypot(dx, dy) - radius, 0.0)

    def _near_others(self, box: Any, own: np.ndarray, leader: bool) -> int:
        """Count the other places' marks too near a label: nearer than its own mark (plus :attr:`CLEARANCE`), or,
        for a label on a leader line, within :attr:`CLEARANCE`."""
        if not len(self.marks):
            return 0
        gaps = self._gaps(box)
        clearance = self.CLEARANCE * self.pixels
        if own.any():
            limit = clearance if leader else float(gaps[own].min()) + clearance
        else:  # a point without a mark: only the clearance
            limit = clearance
        return int((gaps[~own] < limit).sum())

    @staticmethod
    def _edge(reach: tuple[float, float], towards: np.ndarray) -> float:
        """The distance from a label's point to the edge of its marks, ``reach`` across and up (an ellipse, a circle
        round one mark), in the direction ``towards``."""
        across, up = reach
        if across == up:
            return across
        length = float(np.hypot(*towards))
        if length == 0 or across == 0 or up == 0:
            return min(across, up)
        return 1.0 / float(np.hypot(towards[0] / length / across, towards[1] / length / up))

    @classmethod
    def _leader(cls, box: Any, centre: np.ndarray, reach: tuple[float, float]) -> np.ndarray:
        """Points every two pixels or so along a label's leader line, from its text's middle to its marks' edge."""
        start = np.array([(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2])
        length = float(np.hypot(*(centre - start)))
        steps = max(int(length / 2), 2)
        radius = cls._edge(reach, start - centre)
        along = np.linspace(0.0, max(1.0 - radius / max(length, 1e-9), 0.0), steps)[:, None]
        return start + along * (centre - start)

    def _crossings(self, box: Any, line: np.ndarray | None, own: np.ndarray) -> int:
        """Count what a label and its leader line (None: no line) run across: the points of lines drawn before
        inside the label; the line's points inside another label or another place's mark."""
        inside = ((self.leaders[:, 0] > box.x0) & (self.leaders[:, 0] < box.x1) & (self.leaders[:, 1] > box.y0)
                  & (self.leaders[:, 1] < box.y1))
        count = int(inside.sum())
        if line is None:
            return count
        line = line[~((line[:, 0] > box.x0) & (line[:, 0] < box.x1) & (line[:, 1] > box.y0) & (line[:, 1] < box.y1))]
        for other in self.labels:
            count += int(((line[:, 0] > other.x0) & (line[:, 0] < other.x1) & (line[:, 1] > other.y0)
                          & (line[:, 1] < other.y1)).any())
        others = self.marks[~own]
        if len(others) and len(line):
            near = np.hypot(line[:, None, 0] - others[None, :, 0], line[:, None, 1] - others[None, :, 1]) < others[:, 2]
            count += int(near.any(axis=0).sum())
        return count

    def annotate(self, text: str, xy: tuple[float, float], *, gid: str,
                 own: Sequence[tuple[float, float]] | None = None, centred: bool = False, **style: Any) -> Any:
        """Write ``text`` (as matplotlib draws it) for the point ``xy`` where it covers least and stays nearest its
        own marks; return the annotation.

        ``own`` gives, in data coordinates, the points of the marks that are
        the label's (a place drawn as several marks side by side, the places
        of a region named together); None: the marks drawn at ``xy``. The
        label keeps outside the ellipse around ``xy`` that holds them, unless
        ``centred`` (a region's name among its places) and it fits on ``xy``
        itself, covering nothing.
        """
        import matplotlib.patheffects as effects

        centre = self.ax.transData.transform(xy)
        points = self.ax.transData.transform(np.asarray([xy] if own is None else list(own), dtype=float).reshape(-1, 2))
        # the marks drawn at these points (a dot, and a marker over it) are its own
        mine = np.zeros(len(self.marks), dtype=bool)
        for x, y in points:
            mine |= np.hypot(self.marks[:, 0] - x, self.marks[:, 1] - y) < 1.0
        # the distances are from the edge of a small mark: a bigger mark moves the label out by as much more; several
        # (a place's marks side by side, a region's places), by as far as they reach across and up from the point
        if own is None or not mine.any():
            reach = (float(self.marks[mine, 2].max()) if mine.any() else 0.0,) * 2
        else:
            reach = (float((np.abs(self.marks[mine, 0] - centre[0]) + self.marks[mine, 2]).max()),
                     float((np.abs(self.marks[mine, 1] - centre[1]) + self.marks[mine, 2]).max()))
        beyond = [max(side / self.pixels - self._SMALLEST, 0.0) for side in reach]
        best = None
        tries = [(0.0, ((0, 0, "center", "center"),))] if centred else []
        for distance, directions in [*tries, *((distance, self._DIRECTIONS) for distance in self._DISTANCES)]:
            for dx, dy, ha, va in directions:
                offset = (dx * (distance + beyond[0]), dy * (distance + beyond[1]))
                label = self.ax.annotate(text, xy, xytext=offset, textcoords="offset points", ha=ha, va=va, **style)
                box = label.get_window_extent(self.renderer)
                leader = distance > self._DISTANCES[0]
                line = self._leader(box, centre, reach) if leader else None
                cost = (self._cost(box, distance)
                        + self._NEAR_COST * (self._near_others(box, mine, leader=leader) + self._crossings(box, line, mine)))
                label.remove()
                if best is None or cost < best[0]:
                    best = (cost, offset, ha, va, box, distance, line)
            if best[0] < self._DISTANCES[0] + 1:
                break
        _, offset, ha, va, box, distance, line = best
        # a leader line ends on a mark's edge, or on the edge of the circle that holds several marks
        arrow = None if distance <= self._DISTANCES[0] else {"arrowstyle": "-", "color": "0.45", "linewidth": 0.6,
                                                              "shrinkA": 1,
                                                              "shrinkB": 3 if own is None else
                                                              self._edge(reach, np.array(offset)) / self.pixels}
        label = self.ax.annotate(text, xy, xytext=offset, textcoords="offset points", ha=ha, va=va,
                                 arrowprops=arrow, **style)
        label.set_path_effects([effects.withStroke(linewidth=2.4, foreground=(1, 1, 1, 0.85))])
        label.set_gid(gid)
        self.taken.append(box)
        self.labels.append(box)
        if line is not None:
            self.leaders = np.concatenate([self.leaders, line])
        return label
