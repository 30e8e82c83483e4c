"""Draw maps: country boundaries, and the bases marked with what happened at each, and when.

Boundaries come from the packaged Natural Earth file
(:func:`analysis.io.boundaries.load_boundaries`); nothing is downloaded.
Where the frame goes is :mod:`analysis.viz.map_layout`'s work, where the
labels go :class:`analysis.viz.placement.LabelPlacer`'s. matplotlib is
imported inside the functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._frames import require_input
from .._lazy import moved_names
from ..io.boundaries import Boundary, load_boundaries
from ..stats.posture import POSTURE_KINDS
from ..text import describe_dates, join_dates, refusal
from ._axes import current_axes, own_figure
from .figures import describe, set_title
from .literal import literal_text
from .map_layout import axes_shape, extent_of, framed_points, label_spot, map_extent
from .placement import LabelPlacer
from .style import KIND_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


#: The land of a map, and of the countries it highlights (Iraq): the grounds every mark of a map is seen on.
LAND_COLOR, HIGHLIGHT_COLOR = "#f1efe8", "#e3dbc4"


def plot_boundaries(
    boundaries: Sequence[Boundary] | None = None,
    *,
    ax: Axes | None = None,
    highlight: Iterable[str] = ("Iraq",),
    extent: tuple[float, float, float, float] | None = None,
    labels: bool = True,
    avoid: np.ndarray | None = None,
    facecolor: str = LAND_COLOR,
    highlight_color: str = HIGHLIGHT_COLOR,
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
        Write each country's name, upper-case, inside the country and the
        extent, at the point farthest from its borders, the frame and the
        points of ``avoid`` (countries with too little room inside the
        extent are not labelled).
    avoid : array of shape (n, 2) or None, default None
        Longitude, latitude of points the country names keep away from (the
        places the map marks).
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
        extent = extent_of(boundaries, framed, margin=1.0)
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
        # add_artist, not add_patch: the extent is set below, so the data limits that add_patch would measure
        # on every vertex of every country are not needed (it made drawing the map several times slower).
        ax.add_artist(patch)
        if labels:
            spot = label_spot(boundary, extent, avoid)
            if spot is not None:
                ax.text(spot[0], spot[1], literal_text(boundary.name.upper()), ha="center", va="center", fontsize=7,
                        color="#8a8a8a", zorder=0.6, gid=f"label:{boundary.name}")

    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    ax.set_aspect(1 / math.cos(math.radians((lat_min + lat_max) / 2)))
    ax.set_facecolor(water_color)
    ax.set_xlabel("Longitude")
    ax.set_ylabel("Latitude")
    return ax


# --- posture of the bases ---------------------------------------------------------------

#: Colour and marker of each kind of change at a base.
#: An attack on a base takes the colour of the militia attacks, every other change the colour of the
#: posture changes (the report's colour language, :mod:`analysis.viz.style`); the marker tells them apart.
POSTURE_STYLES: dict[str, tuple[str, str]] = {
    "attacked": (KIND_COLORS["militia attack"], "X"),
    "fortified": (KIND_COLORS["posture change"], "s"),
    "Patriot batteries": (KIND_COLORS["posture change"], "^"),
    "withdrawn from": (KIND_COLORS["posture change"], "v"),
    "handed over": (KIND_COLORS["posture change"], "D"),  # a base handed over apart from one left, on one map
}
#: What a label says happened at a base, where a map draws more than one kind ("left 11-29 Mar 2020").
POSTURE_VERBS: dict[str, str] = {"attacked": "attacked", "fortified": "fortified", "Patriot batteries": "Patriots",
                                 "withdrawn from": "left", "handed over": "handed over"}
#: What a label says is going on at a base where the reports tell the change only as under way
#: (:func:`analysis.stats.posture.reported_under_way`), where a map draws more than one kind ("leaving").
UNDER_WAY_VERBS: dict[str, str] = {"attacked": "attack", "fortified": "fortifying", "Patriot batteries": "Patriots arriving",
                                   "withdrawn from": "leaving", "handed over": "handing over"}
#: What a change reported only as under way is drawn as (a hollow marker), in the map's key beside its verb.
UNDER_WAY_KEY = "under way, completion not reported"

#: Columns the posture maps draw from :func:`analysis.stats.posture.base_posture`, and from the bases table.
POSTURE_COLUMNS = ("base_id", "name", "latitude", "longitude", "kind", "when")
BASE_COLUMNS = ("base_id", "name", "latitude", "longitude")
#: The panels of :func:`plot_posture_panels`: kinds drawn together.
POSTURE_PANELS: tuple[tuple[str, ...], ...] = (
    ("attacked",), ("fortified",), ("Patriot batteries",), ("withdrawn from", "handed over"),
)


@own_figure()
def plot_posture_map(
    posture: pd.DataFrame,
    *,
    bases: pd.DataFrame,
    kinds: Sequence[str] | None = None,
    boundaries: Sequence[Any] | None = None,
    references: pd.DataFrame | None = None,
    extent: tuple[float, float, float, float] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the bases on a map of Iraq and its neighbours, marking what happened at each, and when.

    Every base of ``bases`` is a small grey dot with its name; a base where
    an event of ``kinds`` happened gets that kind's marker and colour
    (:data:`POSTURE_STYLES`) and the dates in words under its name (several
    events of a kind at one base are listed together). A change the reports
    tell only as under way (``under_way``) is marked hollow and dated "under
    way by" its ``date_end``, the last day it is known to be going on, and
    the map keys its marks under it: its completion is not reported, so it is
    not drawn as done. Boundaries come from the packaged Natural Earth file
    (no download).

    Parameters
    ----------
    posture : DataFrame
        Output of :func:`analysis.stats.posture.base_posture`.
    bases : DataFrame
        A bases table (``load_bases()``), for every base's place and name.
    kinds : sequence of str or None, default None
        Kinds to mark (of :data:`analysis.stats.posture.POSTURE_KINDS`, or of
        ``posture``'s ``kind``; another name is refused, naming the closest);
        None marks all.
    boundaries : sequence or None, default None
        What :func:`analysis.io.boundaries.load_boundaries` returns; None loads the
        packaged file.
    references : DataFrame or None, default None
        Places drawn as reference points (black squares with their name in
        italics): ``name``, ``latitude``, ``longitude``
        (:func:`analysis.stats.posture.place_points`).
    extent : tuple of float or None, default None
        ``(lon_min, lon_max, lat_min, lat_max)``; None frames the bases and
        the reference points (:func:`map_extent`) with the shape of the Axes.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        The map, without axes (the frame is the map's edge): one grey dot
        collection of all bases (``gid`` ``"bases"``), one marker collection
        per kind drawn (``gid`` ``"posture:<kind>"``, or
        ``"posture:<kind>:under way"`` for the hollow ones, with a key
        ``"posture key"``), one name label per
        base (``gid`` ``"base:<base_id>"``), and one square and label per
        reference point (``gid`` ``"references"``, ``"place:<name>"``). No
        label covers a mark, another label or a country's name.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> bases = pd.DataFrame({"base_id": ["k1"], "name": ["K-1 Air Base"], "latitude": [35.47], "longitude": [44.35]})
    >>> ax = plot_posture_map(bases.iloc[:0].assign(kind=[], when=[]), bases=bases, ax=plt.figure().gca())
    >>> [c.get_gid() for c in ax.collections]
    ['bases']
    """
    require_input(posture, POSTURE_COLUMNS, taker="plot_posture_map", maker="base_posture")
    require_input(bases, BASE_COLUMNS, taker="plot_posture_map's bases=", maker="load_bases")
    known = list(dict.fromkeys([*POSTURE_KINDS, *posture["kind"].dropna().astype(str)]))
    unknown = [] if kinds is None else [kind for kind in kinds if kind not in known]
    if unknown:  # a mistyped kind would mark nothing
        raise ValueError(refusal("kinds", unknown, known, "is not a kind of posture event (POSTURE_KINDS) or of the data"))
    ax = current_axes(ax)
    points = framed_points(bases, references)
    if extent is None:
        extent = map_extent(points, margin=0.9, aspect=axes_shape(ax))
    plot_boundaries(boundaries, ax=ax, labels=True, extent=extent, avoid=points.to_numpy(dtype=float))
    _frame_map(ax)
    _draw_places(ax, bases, references)
    chosen = posture if kinds is None else posture[posture["kind"].isin(list(kinds))]
    chosen = chosen.assign(under_way=_under_way(chosen))
    if chosen["under_way"].any():  # going on when last reported: the last day it is known to be, not a day it was done
        ends = chosen.loc[chosen["under_way"], "date_end"]
        chosen.loc[chosen["under_way"], "when"] = ["under way by " + describe_dates(day, day) for day in ends]
    if chosen["kind"].nunique() > 1:  # each date with what happened then, where a map draws more than one kind
        kind = chosen["kind"].astype(str)
        verbs = kind.map(POSTURE_VERBS).mask(chosen["under_way"], kind.map(UNDER_WAY_VERBS) + ",").fillna(kind)
        chosen = chosen.assign(when=verbs + " " + chosen["when"].astype(str))
    when = chosen.groupby("base_id", sort=False)["when"].agg(join_dates)
    _draw_posture_marks(ax, chosen)
    if chosen["under_way"].any():
        _posture_key(ax, chosen)
    _label_places(LabelPlacer(ax, extent), bases, when, references)
    describe(ax, _posture_map_description(bases, references, chosen, when))
    return ax


def _frame_map(ax: Axes) -> None:
    """Take the axes off a map and draw its edge as a thin grey frame."""
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("0.6")
        spine.set_linewidth(0.6)


def _draw_places(ax: Axes, bases: pd.DataFrame, references: pd.DataFrame | None) -> None:
    """Draw every base as a small grey dot and every reference point as a black square."""
    dots = ax.scatter(bases["longitude"], bases["latitude"], s=14, color="0.45", zorder=3)
    dots.set_gid("bases")
    if references is not None and len(references):
        squares = ax.scatter(references["longitude"], references["latitude"], s=22, marker="s", color="0.1", zorder=3)
        squares.set_gid("references")


def _under_way(posture: pd.DataFrame) -> pd.Series:
    """Whether each change is reported only as under way (``under_way``; none where the frame has no such column)."""
    if "under_way" not in posture.columns:
        return pd.Series(False, index=posture.index)
    require_input(posture, ("date_end",), taker="plot_posture_map's under_way", maker="base_posture")
    return posture["under_way"].astype("boolean").fillna(False).astype(bool)


def _mark_style(kind: str, under_way: bool) -> dict[str, Any]:
    """How a change is marked: its kind's marker and colour (:data:`POSTURE_STYLES`), filled, or hollow where the
    reports tell it only as under way."""
    color, marker = POSTURE_STYLES.get(kind, ("0.2", "o"))
    if under_way:
        return {"marker": marker, "facecolors": "none", "edgecolors": color, "linewidths": 1.8}
    return {"marker": marker, "color": color, "edgecolors": "white", "linewidths": 0.8}


def _draw_posture_marks(ax: Axes, chosen: pd.DataFrame) -> None:
    """Mark the bases of each kind of posture change with that kind's marker and colour, hollow where the change is
    reported only as under way."""
    for kind, under_way in dict.fromkeys(zip(chosen["kind"], chosen["under_way"])):
        part = chosen[(chosen["kind"] == kind) & (chosen["under_way"] == under_way)].drop_duplicates("base_id")
        marks = ax.scatter(part["longitude"], part["latitude"], s=90, zorder=4, label=literal_text(str(kind)),
                           **_mark_style(str(kind), under_way))
        marks.set_gid(f"posture:{kind}:under way" if under_way else f"posture:{kind}")


def _posture_key(ax: Axes, chosen: pd.DataFrame) -> None:
    """Key the marks of a map that draws a change reported only as under way, under it: each kind's verb, filled,
    and, hollow, what is going on and that its completion is not reported."""
    from matplotlib.lines import Line2D

    handles = []
    drawn = dict.fromkeys(zip(chosen["kind"].astype(str), chosen["under_way"]))
    for kind, under_way in sorted(drawn, key=lambda entry: entry[1]):  # the changes done first, in the map's order
        style = _mark_style(kind, under_way)
        face = style.get("facecolors", style.get("color"))
        edge = style["edgecolors"]
        words = (f"{UNDER_WAY_VERBS.get(kind, kind)}: {UNDER_WAY_KEY}" if under_way
                 else POSTURE_VERBS.get(kind, kind))
        handles.append(Line2D([], [], linestyle="none", marker=style["marker"], markersize=8.5, markerfacecolor=face,
                              markeredgecolor=edge, markeredgewidth=style["linewidths"], label=literal_text(words)))
    key = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, -0.01), ncol=len(handles), frameon=False,
                    fontsize=8, handletextpad=0.3, columnspacing=1.2, borderaxespad=0.0)
    key.set_gid("posture key")


def _label_places(placed: LabelPlacer, bases: pd.DataFrame, when: pd.Series, references: pd.DataFrame | None) -> None:
    """Name the marked bases first (bold, with their dates), then the other bases, then the reference points."""
    ordered = sorted(zip(bases["base_id"], bases["name"], bases["longitude"], bases["latitude"]),
                     key=lambda base: base[0] not in when.index)
    for base_id, name, lon, lat in ordered:
        marked = base_id in when.index
        text = f"{name}\n{when[base_id]}" if marked else str(name)
        style = {"fontsize": 7.5 if marked else 6.5, "color": "0.05" if marked else "0.4",
                 "fontweight": "bold" if marked else "normal", "zorder": 5}
        placed.annotate(literal_text(text), (lon, lat), gid=f"base:{base_id}", **style)
    if references is not None:
        for name, lon, lat in zip(references["name"], references["longitude"], references["latitude"]):
            placed.annotate(literal_text(str(name)), (lon, lat), gid=f"place:{name}", fontsize=7, style="italic", color="0.1",
                            zorder=5)


def _posture_map_description(bases: pd.DataFrame, references: pd.DataFrame | None, chosen: pd.DataFrame,
                             when: pd.Series) -> str:
    """Say in words what a posture map shows: its bases, its reference points and what is marked where."""
    marked_bases = chosen.drop_duplicates(["base_id", "kind"])
    described = "; ".join(f"{name} {kind} {when_}" for name, kind, when_ in
                          zip(marked_bases["name"], marked_bases["kind"], marked_bases["base_id"].map(when)))
    return (f"Map of {len(bases)} bases: {', '.join(map(str, bases['name']))}"
            + (f", with {', '.join(map(str, references['name']))} for reference" if references is not None
               and len(references) else "")
            + (f". Marked: {described}." if described else ". None marked."))


def plot_posture_panels(
    posture: pd.DataFrame,
    *,
    bases: pd.DataFrame,
    panels: Sequence[Sequence[str]] = POSTURE_PANELS,
    boundaries: Sequence[Any] | None = None,
    references: pd.DataFrame | None = None,
    title: str | None = None,
    empty: str = "nothing of this kind in this window",
    axes: Sequence[Axes] | None = None,
) -> np.ndarray:
    """Draw one posture map per kind of change, side by side (small multiples).

    Parameters
    ----------
    posture : DataFrame
        Output of :func:`analysis.stats.posture.base_posture`.
    bases : DataFrame
        A bases table.
    panels : sequence of sequence of str, default POSTURE_PANELS
        The kinds drawn in each panel.
    boundaries : sequence or None, default None
        Boundaries (None for the packaged file).
    references : DataFrame or None, default None
        Reference places (see :func:`plot_posture_map`).
    title : str or None, default None
        Title of the whole figure.
    empty : str, default "nothing of this kind in this window"
        What a panel with nothing to mark says (``gid`` ``"empty"``).
    axes : sequence of Axes or None, default None
        One Axes per panel; None makes a figure with two panels per row.

    Returns
    -------
    numpy.ndarray of matplotlib Axes
        The panels' Axes, titled with their kinds.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> bases = pd.DataFrame({"base_id": ["k1"], "name": ["K-1 Air Base"], "latitude": [35.47], "longitude": [44.35]})
    >>> len(plot_posture_panels(bases.iloc[:0].assign(kind=[], when=[]), bases=bases))
    4
    """
    import matplotlib.pyplot as plt

    require_input(posture, POSTURE_COLUMNS, taker="plot_posture_panels", maker="base_posture")
    require_input(bases, BASE_COLUMNS, taker="plot_posture_panels' bases=", maker="load_bases")
    if axes is None:
        rows = (len(panels) + 1) // 2
        _, grid = plt.subplots(rows, 2, figsize=(10, 4.6 * rows), squeeze=False,
                               gridspec_kw={"wspace": 0.04, "hspace": 0.12, "left": 0.01, "right": 0.99,
                                            "bottom": 0.01, "top": 0.95})
        axes = grid.ravel()
    axes = np.asarray(axes, dtype=object).ravel()
    if boundaries is None:
        boundaries = load_boundaries()
    extent = map_extent(framed_points(bases, references), margin=0.9, aspect=axes_shape(axes[0]))
    for ax, kinds in zip(axes, panels):
        plot_posture_map(posture, bases=bases, kinds=kinds, boundaries=boundaries, references=references,
                         extent=extent, ax=ax)
        set_title(ax, " or ".join(kinds).capitalize(), fontsize=10.5, loc="left")
        if not posture["kind"].isin(list(kinds)).any():
            ax.text(0.5, 0.5, empty, transform=ax.transAxes, ha="center", va="center", color="0.25", fontsize=9.5,
                    bbox={"facecolor": "white", "edgecolor": "0.7", "boxstyle": "round,pad=0.4"}, zorder=6,
                    gid="empty")
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    if title:
        set_title(axes[0].figure, title, x=0.02, ha="left", fontweight="bold", fontsize=11.5)
    return axes


#: Names that moved when this module was split (the map of a country's events, :mod:`analysis.viz.country_map`),
#: importable from here for one release (with a warning).
__getattr__ = moved_names(__name__, {name: "analysis.viz.country_map" for name in (
    "COUNTRY_PARTS", "NAMED_PLACES", "MIXED", "MIXED_COLOR", "stable_colors", "ALIKE", "place_kinds",
    "plot_country_events", "named_places")})
