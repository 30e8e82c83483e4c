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
from .._lazy import renamed_keywords
from ..io.boundaries import Boundary, load_boundaries
from ..stats.posture import POSTURE_KINDS
from ..text import join_dates, join_words, refusal
from ._axes import current_axes, nothing_to_draw, own_figure
from .figures import describe, set_title
from .literal import literal_text
from .map_layout import axes_shape, events_extent, extent_of, framed_points, label_spot, map_extent
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
    events of a kind at one base are listed together). Boundaries come from
    the packaged Natural Earth file (no download).

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
        per kind drawn (``gid`` ``"posture:<kind>"``), one name label per
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
    if chosen["kind"].nunique() > 1:  # each date with what happened then, where a map draws more than one kind
        kind = chosen["kind"].astype(str)
        chosen = chosen.assign(when=kind.map(POSTURE_VERBS).fillna(kind) + " " + chosen["when"].astype(str))
    when = chosen.groupby("base_id", sort=False)["when"].agg(join_dates)
    _draw_posture_marks(ax, chosen)
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


def _draw_posture_marks(ax: Axes, chosen: pd.DataFrame) -> None:
    """Mark the bases of each kind of posture change with that kind's marker and colour."""
    for kind in dict.fromkeys(chosen["kind"]):
        part = chosen[chosen["kind"] == kind].drop_duplicates("base_id")
        color, marker = POSTURE_STYLES.get(str(kind), ("0.2", "o"))
        marks = ax.scatter(part["longitude"], part["latitude"], s=90, marker=marker, color=color,
                           edgecolors="white", linewidths=0.8, zorder=4, label=literal_text(str(kind)))
        marks.set_gid(f"posture:{kind}")


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



# --- events on a map of their own country (any country, world boundaries) ---------------------


#: Natural Earth draws these apart from the country ACLED codes them under; they are highlighted with it.
COUNTRY_PARTS: dict[str, tuple[str, ...]] = {"Somalia": ("Somaliland",), "Cyprus": ("N. Cyprus",), "Serbia": ("Kosovo",)}


#: How many places a map of events names, by default (the biggest dots).
NAMED_PLACES = 8

#: The kind of a place where no kind holds more than half of its events, and its colour.
MIXED = "mixed kinds"
MIXED_COLOR = "#A0A0A0"


def stable_colors(values: pd.Series) -> dict[str, str]:
    """Give each value a colour that does not depend on which values the data hold, in the report's colour language.

    A kind of event keeps its hue (:data:`analysis.viz.style.KIND_COLORS`).
    ACLED's sub-event types take shades of their event type's hue, dark to
    light in the codebook's order whether or not all of them occur, so a
    strategic development is green wherever it is drawn and no sub-type
    borrows the hue of another kind; the three that change a force's posture
    (:data:`analysis.stats.posture.ACLED_POSTURE_SUB_EVENT_TYPES`, drawn
    together on the posture map) take the darkest, the middle and the
    lightest shade, not three neighbours of eight. Other values take the
    neutral grey scale (:data:`analysis.viz.style.GREY_SCALE`),
    alphabetically. Where two sub-types of different event types drawn
    together would still look alike (dark shades of vermilion and orange
    both turn brown), the later one in the codebook takes the shade of its
    own hue that differs most from the others (:data:`ALIKE`).

    Examples
    --------
    >>> stable_colors(pd.Series(["Other"]))["Other"] == stable_colors(pd.Series(["Agreement", "Other"]))["Other"]
    True
    >>> stable_colors(pd.Series(["Protests", "Agreement", "some label"]))
    {'Protests': '#E69F00', 'Agreement': '#006B4E', 'some label': '#262626'}
    >>> stable_colors(pd.Series(["Change to group/activity", "Headquarters or base established",
    ...                          "Non-violent transfer of territory"]))
    {'Change to group/activity': '#00573F', 'Headquarters or base established': '#14A67E', 'Non-violent transfer of territory': '#8CD3C0'}
    """
    from ..schema import ACLED_SUB_EVENT_TYPES
    from .style import GREY_SCALE, KIND_COLORS, shades

    sub_types: dict[str, str] = {}
    families: dict[str, list[str]] = {}  # a sub-type -> every shade of its event type's hue
    for event_type, subs in ACLED_SUB_EVENT_TYPES.items():
        if event_type in KIND_COLORS:
            family = shades(KIND_COLORS[event_type], len(subs))
            sub_types.update(zip(_spread(subs), family))
            families.update(dict.fromkeys(subs, family))
    present = list(dict.fromkeys(values.dropna().astype(str)))
    others = sorted(v for v in present if v not in KIND_COLORS and v not in sub_types)
    grey = {value: GREY_SCALE[i % len(GREY_SCALE)] for i, value in enumerate(others)}
    colors = {value: KIND_COLORS.get(value) or sub_types.get(value) or grey[value] for value in present}
    return _told_apart(colors, families, list(sub_types))


#: Below this distance (:func:`analysis.viz.style.color_distance`), two sub-event types of different event types
#: read as one colour on a map: dark shades of neighbouring hues (a vermilion's and an orange's) turn the same brown.
ALIKE = 25.0


def _told_apart(colors: dict[str, str], families: dict[str, list[str]], order: list[str]) -> dict[str, str]:
    """Give a sub-event type whose shade looks like that of a sub-type of another event type drawn with it the shade
    of its own hue that differs most from the others' colours; the sub-types earlier in the codebook keep theirs.
    Where no two look alike, as on the posture map (shades of one hue, apart in lightness), nothing changes."""
    from .style import color_distance

    kept = dict(colors)
    typed = sorted((v for v in colors if v in families), key=order.index)
    for k, value in enumerate(typed):
        earlier = [v for v in typed[:k] if families[v] is not families[value]]
        if all(color_distance(kept[value], kept[v]) >= ALIKE for v in earlier):
            continue
        rest = [kept[v] for v in colors if v != value] + [LAND_COLOR, HIGHLIGHT_COLOR]  # seen on the land too
        kept[value] = max(families[value], key=lambda shade: min((color_distance(shade, c) for c in rest),
                                                                 default=0.0))
    return kept


def _spread(subs: Sequence[str]) -> list[str]:
    """Order an event type's sub-types for its shades: those that change a force's posture at the darkest, middle and
    lightest places, the others in the codebook's order between them."""
    from ..stats.posture import ACLED_POSTURE_SUB_EVENT_TYPES

    spread = sorted((s for s in subs if s in ACLED_POSTURE_SUB_EVENT_TYPES), key=list(subs).index)
    if len(spread) != 3:
        return list(subs)
    rest = iter(s for s in subs if s not in spread)
    places = {0: spread[0], len(subs) // 2: spread[1], len(subs) - 1: spread[2]}
    return [places[i] if i in places else next(rest) for i in range(len(subs))]


def place_kinds(points: pd.DataFrame, *, hue: str = "sub_event_type", label: str = "location") -> pd.DataFrame:
    """Group events by place (:func:`analysis.stats.places.locations`): each place's events, fatalities, and its kind,
    the ``hue`` of more than half of them, or MIXED.

    Returns
    -------
    DataFrame
        name, names, latitude, longitude, events, fatalities, kind; the
        places with the most events first (then by name).

    Examples
    --------
    >>> frame = pd.DataFrame({"location": ["X", "X", "X", "Y", "Y"], "latitude": [1.0] * 3 + [2.0] * 2,
    ...                       "longitude": [1.0] * 3 + [2.0] * 2, "sub_event_type": ["a", "a", "b", "a", "b"]})
    >>> place_kinds(frame)[["name", "events", "kind"]].values.tolist()
    [['X', 3, 'a'], ['Y', 2, 'mixed kinds']]
    """
    from ..stats.places import locations

    places = locations(points, label=label)
    located = points.assign(_lat=pd.to_numeric(points["latitude"], errors="coerce").round(3),
                            _lon=pd.to_numeric(points["longitude"], errors="coerce").round(3)).dropna(
                                subset=["_lat", "_lon"])

    def majority(values: pd.Series) -> str:
        counts = values.astype("string").value_counts()
        return str(counts.index[0]) if len(counts) and counts.iloc[0] * 2 > len(values) else MIXED

    kinds = located.groupby(["_lat", "_lon"], sort=False)[hue].agg(majority)
    keys = list(zip(places["latitude"].round(3), places["longitude"].round(3)))
    return places.assign(kind=[kinds.get(key, MIXED) for key in keys])


@own_figure()
@renamed_keywords(most="n")
def plot_country_events(
    points: pd.DataFrame,
    *,
    country: str | Sequence[str] | None = None,
    iso: object = None,
    hue: str = "sub_event_type",
    size: str = "events",
    colors: dict[str, str] | None = None,
    label: str = "location",
    n: int = NAMED_PLACES,
    empty: str = "no events in this window",
    boundaries: Sequence[Boundary] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw events on a map of their own country or countries, offline, coloured by kind, the busiest places named.

    The countries are found in the packaged world boundaries (Natural Earth
    1:110m, :func:`analysis.io.boundaries.load_world_boundaries`), the first
    by ISO numeric code (ACLED's ``iso``) or name, the others by name, and
    highlighted; the map frames them and every event, or, where the events
    fill a small part of the countries (the events of one region), the
    events alone, with a margin and at least a few hundred kilometres across
    (:func:`analysis.viz.map_layout.events_extent`). Each place (a pair of
    coordinates, named by its busiest location, :func:`place_kinds`) is one
    dot, sized by its events or its fatalities (the legend gives the sizes
    of the smallest and the largest) and
    coloured by the ``hue`` value of more than half its events, grey where
    no value has a majority (:func:`place_kinds`); a value keeps its colour
    whatever the data's size. The ``n`` places with the most events are
    named with their count.

    Parameters
    ----------
    points : DataFrame
        Events with ``latitude``, ``longitude``, ``hue`` and ``label``
        columns (rows without coordinates are left out and counted in the
        legend title).
    country : str, sequence of str or None
        The country, or the countries (see :func:`analysis.io.boundaries.find_country`).
    iso : int, str or None
        The ISO numeric code of the (first) country.
    hue : str, default "sub_event_type"
        Column giving the colour.
    size : {"events", "fatalities"}, default "events"
        What a dot's size counts: the place's events, or the people killed
        in them (ACLED's ``fatalities``, which ``points`` must then hold).
    colors : dict or None, default None
        Value of ``hue`` -> colour; None gives each value a colour in turn.
    label : str, default "location"
        Column naming the places.
    n : int, default NAMED_PLACES (8)
        How many places to name (the biggest dots), each once: a place
        whose name another named place already carries is not named again.
    empty : str, default "no events in this window"
        What the map says when there is nothing to draw (its figure, when
        the map is alone on it, is closed, so no empty map is shown:
        :func:`analysis.viz._axes.nothing_to_draw`).
    boundaries : sequence of Boundary or None, default None
        None for the packaged world file.
    ax : matplotlib Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib Axes
        Country patches (``gid`` = name), one dot collection per hue value
        (``gid`` ``"places:<value>"``), the names (``gid`` ``"place"``), or the
        ``empty`` note.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> frame = pd.DataFrame({"latitude": [2.0], "longitude": [45.3], "location": ["X"],
    ...                       "sub_event_type": ["Headquarters or base established"]})
    >>> ax = plot_country_events(frame, country="Somalia", ax=plt.figure().gca())
    >>> [c.get_gid() for c in ax.collections]
    ['places:Headquarters or base established']
    """
    if size not in ("events", "fatalities"):
        raise ValueError(f"size={size!r}; use 'events' or 'fatalities'")
    require_input(points, ["latitude", "longitude", hue, label, *(["fatalities"] if size == "fatalities" else [])],
                  taker="plot_country_events", maker="load_events or load_acled")
    ax = current_axes(ax)
    placed = points.dropna(subset=["latitude", "longitude"])
    found = _draw_countries(ax, placed, country, iso, boundaries)
    where = join_words([b.name for b in found]) if found else "the events' area"
    if placed.empty:  # the words beside the map say what the window lacks: no empty map is shown
        nothing_to_draw(ax, empty, f"Map of {where}: {empty}.")
        return ax
    places = place_kinds(placed, hue=hue, label=label)
    # the kinds in a fixed order (alphabetical, the mixed places last), so a kind keeps its colour whatever the
    # data's size or order
    kinds = sorted(set(places["kind"]) - {MIXED}) + ([MIXED] if (places["kind"] == MIXED).any() else [])
    palette = {**(dict(colors) if colors else stable_colors(placed[hue])), MIXED: MIXED_COLOR}
    biggest = max(float(places[size].max()), 1.0)

    def area(counts: object) -> object:
        return 12 + 160 * np.sqrt(np.asarray(counts, dtype=float) / biggest)

    places = places.sort_values([size, "events", "name"], ascending=[False, False, True], kind="stable")
    for kind in kinds:
        part = places[places["kind"] == kind]
        dots = ax.scatter(part["longitude"], part["latitude"], s=area(part[size]),
                          color=palette.get(kind, "0.3"), alpha=0.8, edgecolors="white", linewidths=0.5, zorder=4,
                          label=literal_text(kind))
        dots.set_gid(f"places:{kind}")
    lon_min, lon_max = ax.get_xlim()
    lat_min, lat_max = ax.get_ylim()
    placer = LabelPlacer(ax, (lon_min, lon_max, lat_min, lat_max))
    named = _named_places(places, n, size)
    for _, row in named.iterrows():
        placer.annotate(literal_text(row["label"]), (row["longitude"], row["latitude"]), gid="place", fontsize=7.5,
                        color="0.1", zorder=5)
    _places_key(ax, places, size, area)
    describe(ax, f"Map of {where}: {len(placed):,} events at {len(places):,} places, by kind "
                 f"({', '.join(kinds)}); the biggest: {', '.join(named['label'])}.")
    return ax


def _draw_countries(ax: Axes, placed: pd.DataFrame, country: str | Sequence[str] | None, iso: object,
                    boundaries: Sequence[Boundary] | None) -> list[Boundary]:
    """Draw the world's boundaries framed on the countries (found by name, the first also by ISO code) and the
    events' coordinates, or on the events alone where they fill a small part of that (:func:`events_extent`: the
    events of one region), the countries highlighted; return the countries found."""
    from ..io.boundaries import find_country, load_world_boundaries

    world = list(boundaries) if boundaries is not None else load_world_boundaries()
    names = [country] if country is None or isinstance(country, str) else list(country)
    found = list({b.name: b for b in (find_country(world, name, iso if k == 0 else None)
                                      for k, name in enumerate(names or [None])) if b is not None}.values())
    frame = Boundary("", [ring for b in found for ring in b.rings]) if found else None
    lon, lat = placed["longitude"].to_numpy(dtype=float), placed["latitude"].to_numpy(dtype=float)
    extent = events_extent(frame, lon, lat, aspect=axes_shape(ax))
    if extent is not None:
        highlight = [part for b in found for part in (b.name, *COUNTRY_PARTS.get(b.name, ()))]
        plot_boundaries(world, ax=ax, highlight=highlight, extent=extent, labels=True,
                        avoid=np.column_stack([lon, lat]) if len(lon) else None)
        ax.set_xlabel("")
        ax.set_ylabel("")
        ax.tick_params(labelsize=7)
    return found


def _key_sizes(smallest: int, largest: int) -> list[int]:
    """The sizes the key of a map of places shows: the largest place's, and a size a reader can tell from it.

    The smallest place's where it is at most a quarter of the largest (7 and 10 events drew two dots of nearly
    one size), else a quarter of the largest, rounded down (at least 1); the largest alone where that is 1 too.

    >>> _key_sizes(1, 35), _key_sizes(7, 10), _key_sizes(1, 1)
    ([1, 35], [2, 10], [1])
    """
    small = smallest if smallest * 4 <= largest else max(largest // 4, 1)
    return sorted({small, largest})


def _places_key(ax: Axes, places: pd.DataFrame, size: str, area) -> None:
    """The legend of :func:`plot_country_events`: a dot per kind, and two sizes (:func:`_key_sizes`)."""
    from matplotlib.lines import Line2D

    handles, labels = ax.get_legend_handles_labels()
    for count in _key_sizes(int(places[size].min()), int(places[size].max())):
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="0.6", markeredgecolor="white",
                              markersize=float(np.sqrt(area(count))), alpha=0.8))
        labels.append(f"{count:,} event{'' if count == 1 else 's'}" if size == "events" else f"{count:,} killed")
    measure = "its events" if size == "events" else "the people killed in its events"
    mixed = f" ({MIXED} where no kind has more than half)" if (places["kind"] == MIXED).any() else ""
    legend = ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=min(3, len(handles)),
                       fontsize=8, title=f"a dot is a place, sized by {measure}; its colour, the kind of most of "
                       f"them{mixed}", title_fontsize=8)
    legend.set_gid("key")


def named_places(places: pd.DataFrame, n: int = NAMED_PLACES, size: str = "events") -> pd.DataFrame:
    """The ``n`` biggest places of ``places`` (sorted, biggest first), each name once (a place named like a bigger one
    is left out); a tie at the last is never split: left out whole, so no place unnamed is as big as one named
    (unless even the biggest are more than ``n``: then the first ``n``)."""
    ranked = places.drop_duplicates("name")
    if len(ranked) <= n:
        return ranked
    values = ranked[size].to_numpy()
    if values[n - 1] == values[n]:
        above = ranked[values > values[n]]
        return above if len(above) else ranked.head(n)
    return ranked.head(n)


def _named_places(places: pd.DataFrame, n: int, size: str) -> pd.DataFrame:
    """The places :func:`named_places` names, with their labels: "Town A (3)", "Town A and 2 more (5)" for a place
    several names share, "(4 killed)" by fatalities."""
    top = named_places(places, n, size)
    more = top["names"].astype(int) - 1
    names = [f"{name} and {k} more" if k > 0 else str(name) for name, k in zip(top["name"], more)]
    counts = [f"{value:,}" if size == "events" else f"{value:,} killed" for value in top[size]]
    return top.assign(label=[f"{name} ({count})" for name, count in zip(names, counts)])
