"""Draw a country's events on a map: a dot per place, sized by its events, coloured by the kind of most of them,
the busiest places named (the regions, once each, where no place stands out); the kinds' colours kept apart and
stable from run to run. The map of the forces' moves draws a mark per force and place, each force in a shape of its
own and each kind of move in a colour of its own, side by side where forces share a place.

Split from :mod:`analysis.viz.maps`, which keeps the boundaries and the bases' maps this map draws on.
matplotlib is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._frames import require_input
from .._lazy import renamed_keywords
from ..io.boundaries import Boundary
from ..stats.highlights import alike, top_whole
from ..text import describe_number, join_words
from ._axes import current_axes, nothing_to_draw, own_figure
from .figures import describe
from .literal import literal_text
from .map_layout import axes_shape, events_extent
from .maps import HIGHLIGHT_COLOR, LAND_COLOR, plot_boundaries
from .placement import LabelPlacer
from .style import KIND_COLORS

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes


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
    from .style import GREY_SCALE, shades

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


def place_kinds(points: pd.DataFrame, *, hue: str = "sub_event_type", label: str = "location",
                area: str | None = None) -> pd.DataFrame:
    """Group events by place (:func:`analysis.stats.places.locations`): each place's events, fatalities, and its kind,
    the ``hue`` of more than half of them, or MIXED; with ``area`` (``"admin1"``), the region of most of them.

    Returns
    -------
    DataFrame
        name, names, latitude, longitude, events, fatalities, (area,) kind;
        the places with the most events first (then by name).

    Examples
    --------
    >>> frame = pd.DataFrame({"location": ["X", "X", "X", "Y", "Y"], "latitude": [1.0] * 3 + [2.0] * 2,
    ...                       "longitude": [1.0] * 3 + [2.0] * 2, "sub_event_type": ["a", "a", "b", "a", "b"]})
    >>> place_kinds(frame)[["name", "events", "kind"]].values.tolist()
    [['X', 3, 'a'], ['Y', 2, 'mixed kinds']]
    """
    from ..stats.places import locations

    places = locations(points, label=label, area=area)
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
    shape: str | None = None,
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
    whatever the data's size. With ``shape`` (the forces of their moves),
    a place has a mark for each value of that column, in its own marker
    (:func:`shape_groups`: the values with the most events a shape each,
    the others one shape together), sized and coloured by that value's
    events there, the marks of one place side by side; the key says what
    the shapes, the colours and the sizes mean. The ``n`` places with the
    most events are named with their count; where no place stands out (all
    alike in events, or differing by one) and there are more places than
    that, the regions are named instead, each once, with their places and
    events (:func:`named_regions`).

    Parameters
    ----------
    points : DataFrame
        Events with ``latitude``, ``longitude``, ``hue`` and ``label``
        columns (rows without coordinates are left out and counted in the
        legend title); an ``admin1`` column names the regions.
    country : str, sequence of str or None
        The country, or the countries (see :func:`analysis.io.boundaries.find_country`).
    iso : int, str or None
        The ISO numeric code of the (first) country.
    hue : str, default "sub_event_type"
        Column giving the colour.
    shape : str or None, default None
        Column giving the marker's shape (``"force"``); None draws a dot per
        place.
    size : {"events", "fatalities"}, default "events"
        What a dot's size counts: the place's events, or the people killed
        in them (ACLED's ``fatalities``, which ``points`` must then hold).
    colors : dict or None, default None
        Value of ``hue`` -> colour; None gives each value a colour in turn.
    label : str, default "location"
        Column naming the places.
    n : int, default NAMED_PLACES (8)
        How many places (or regions) to name (the biggest dots), each once:
        a place whose name another named place already carries is not named
        again.
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
        (``gid`` ``"places:<value>"``; with ``shape``, one per hue value and
        shape group, ``"places:<value>|<group>"``), the names of places
        (``gid`` ``"place"``) or regions (``gid`` ``"region"``), or the
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
    require_input(points, ["latitude", "longitude", hue, label, *([shape] if shape else []),
                           *(["fatalities"] if size == "fatalities" else [])],
                  taker="plot_country_events", maker="load_events or load_acled")
    ax = current_axes(ax)
    placed = points.dropna(subset=["latitude", "longitude"])
    found = _draw_countries(ax, placed, country, iso, boundaries)
    where = join_words([b.name for b in found]) if found else "the events' area"
    if placed.empty:  # the words beside the map say what the window lacks: no empty map is shown
        nothing_to_draw(ax, empty, f"Map of {where}: {empty}.")
        return ax
    places = place_kinds(placed, hue=hue, label=label, area="admin1" if "admin1" in placed.columns else None)
    places = places.assign(place=_place_keys(places)).sort_values([size, "events", "name"],
                                                                  ascending=[False, False, True], kind="stable")
    groups = shape_groups(placed[shape], shape) if shape else {"": ("o", [])}
    marks = _marks(placed, places, hue=hue, label=label, shape=shape, groups=groups)
    marks = marks.sort_values([size, "events", "name"], ascending=[False, False, True], kind="stable")
    # the kinds in a fixed order (alphabetical, the mixed places last), so a kind keeps its colour whatever the
    # data's size or order
    kinds = sorted(set(marks["kind"]) - {MIXED}) + ([MIXED] if (marks["kind"] == MIXED).any() else [])
    palette = {**(dict(colors) if colors else stable_colors(placed[hue])), MIXED: MIXED_COLOR}
    biggest = max(float(marks[size].max()), 1.0)

    def area(counts: object) -> object:
        return 12 + 160 * np.sqrt(np.asarray(counts, dtype=float) / biggest)

    marks = _side_by_side(ax, marks, area(marks[size]), list(groups)) if shape else marks
    for group, (marker, _) in groups.items():
        for kind in kinds:
            part = marks[(marks["kind"] == kind) & (marks["group"] == group)]
            if shape and part.empty:
                continue
            style = ({"edgecolors": "white", "linewidths": 0.5, "alpha": 0.8} if not shape
                     else {"edgecolors": MARK_EDGE, "linewidths": 0.6, "alpha": 0.9})
            dots = ax.scatter(part["x"], part["y"], s=area(part[size]), marker=marker, color=palette.get(kind, "0.3"),
                              zorder=4, label=literal_text(kind) if not shape else None, **style)
            dots.set_gid(f"places:{kind}" + (f"|{group}" if shape else ""))
    lon_min, lon_max = ax.get_xlim()
    lat_min, lat_max = ax.get_ylim()
    placer = LabelPlacer(ax, (lon_min, lon_max, lat_min, lat_max))
    regions = named_regions(places, n, size)
    named = _region_labels(regions, size) if regions is not None else _named_places(places, n, size)
    for _, row in named.iterrows():
        # a place drawn as one dot is its label's own mark; several marks side by side, or a region's, are named
        own = marks.loc[marks["place"].isin(row["keys"] if regions is not None else [row["place"]]), ["x", "y"]]
        placer.annotate(literal_text(row["label"]), (row["longitude"], row["latitude"]),
                        own=[tuple(xy) for xy in own.to_numpy(dtype=float)] if shape or regions is not None else None,
                        gid="place" if regions is None else "region", fontsize=7.5, color="0.1", zorder=5,
                        **({} if regions is None else {"fontweight": "bold", "centred": True}))
    if shape:
        _shapes_key(ax, marks, groups, kinds, palette, shape=shape, size=size, area=area)
    else:
        _places_key(ax, marks, size, area)
    by_shape = (f" and by {shape} ({'; '.join(f'{name}: {MARKER_NAMES[marker]}' for name, (marker, _) in groups.items())})"
                if shape else "")
    which = ("no place stands out; its regions" if regions is not None else "the biggest")
    describe(ax, f"Map of {where}: {len(placed):,} events at {len(places):,} places, by kind "
                 f"({', '.join(kinds)}){by_shape}; {which}: {('; ' if regions is not None else ', ').join(named['label'])}.")
    return ax


#: Columns the map of the forces' moves draws from :func:`analysis.stats.posture.force_posture`.
MOVE_COLUMNS = ("latitude", "longitude", "sub_event_type", "force", "location")


@own_figure()
def plot_force_moves(
    posture: pd.DataFrame,
    *,
    country: str | Sequence[str] | None = None,
    iso: object = None,
    n: int = NAMED_PLACES,
    boundaries: Sequence[Boundary] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the forces' moves on a map of their country: where each force moved, and how.

    A mark is the moves of one force at one place
    (:func:`plot_country_events` with ``shape="force"``): its shape the
    force (:func:`shape_groups`: the forces with the most moves a shape
    each, the others one shape together), its colour the kind of most of
    those moves (:data:`analysis.viz.style.MOVE_COLORS`, three colours apart
    for every reader; grey where none has more than half), its size their
    number; the marks of one place side by side. The key says all three.

    Parameters
    ----------
    posture : DataFrame
        Output of :func:`analysis.stats.posture.force_posture`.
    country, iso, n, boundaries, ax
        As in :func:`plot_country_events`.

    Returns
    -------
    matplotlib Axes
        The map: one marker collection per kind and force (``gid``
        ``"places:<kind>|<force>"``), the key (``gid`` ``"key"``).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> moves = pd.DataFrame({"latitude": [2.0, 2.0], "longitude": [45.3, 45.3], "location": ["X", "X"],
    ...                       "sub_event_type": ["Headquarters or base established"] * 2, "force": ["A", "B"]})
    >>> ax = plot_force_moves(moves, country="Somalia", ax=plt.figure().gca())
    >>> [(c.get_gid(), round(float(c.get_offsets()[0][0]), 2)) for c in ax.collections]  # side by side, A to the west
    [('places:Headquarters or base established|A', 45.24), ('places:Headquarters or base established|B', 45.36)]
    """
    from .style import MOVE_COLORS

    require_input(posture, MOVE_COLUMNS, taker="plot_force_moves", maker="force_posture")
    return plot_country_events(posture, country=country, iso=iso, hue="sub_event_type", shape="force",
                               colors=MOVE_COLORS, n=n, boundaries=boundaries, ax=ax)


#: The marker of each value of a map's ``shape`` column with the most events (the forces named most), in turn:
#: outlines a reader tells apart at a map's sizes (circle, triangle, square, diamond); the other values share
#: :data:`OTHER_MARKER`, a plus.
SHAPE_MARKERS: tuple[str, ...] = ("o", "^", "s", "D")
OTHER_MARKER = "P"
#: The markers' names, for the figure's alternative text.
MARKER_NAMES: dict[str, str] = {"o": "circle", "^": "triangle", "s": "square", "D": "diamond", "P": "plus"}
#: The outline of a map's shaped marks, so that a shape reads on any colour and on the land.
MARK_EDGE = "#333333"
#: How far apart the marks of one place are drawn side by side, as a share of their mean width: they touch and
#: overlap a little, so they read as one place.
SIDE_BY_SIDE = 0.8
#: The value of a shape column that an event lacks.
NOT_KNOWN = "not known"


def shape_groups(values: pd.Series, noun: str) -> dict[str, tuple[str, list[str]]]:
    """Give the values of a map's shape column their markers: the :data:`SHAPE_MARKERS` to the values with the most
    events, in turn (a tie in alphabetical order), :data:`OTHER_MARKER` to the others together, named "2 other
    forces" (a single other keeps its name). A missing value is :data:`NOT_KNOWN`.

    Returns
    -------
    dict
        The name of each group -> its marker and the values it draws, in the
        order of the key.

    Examples
    --------
    >>> shape_groups(pd.Series(["B", "A", "B"]), "force")
    {'B': ('o', ['B']), 'A': ('^', ['A'])}
    >>> list(shape_groups(pd.Series(list("ABCDEF")), "force"))
    ['A', 'B', 'C', 'D', '2 other forces']
    """
    counts = values.astype("string").fillna(NOT_KNOWN).value_counts()
    order = sorted((str(value) for value in counts.index), key=lambda value: (-int(counts[value]), value))
    own, rest = order[: len(SHAPE_MARKERS)], order[len(SHAPE_MARKERS):]
    groups = {value: (marker, [value]) for value, marker in zip(own, SHAPE_MARKERS)}
    if rest:
        groups[rest[0] if len(rest) == 1 else describe_number(len(rest), f"other {noun}")] = (OTHER_MARKER, rest)
    return groups


def _marks(placed: pd.DataFrame, places: pd.DataFrame, *, hue: str, label: str, shape: str | None,
           groups: dict[str, tuple[str, list[str]]]) -> pd.DataFrame:
    """The marks of a map: a place each (``places``), or with ``shape`` a place and shape group each, the kind and
    the events of that group's events there (:func:`place_kinds`); ``place`` is the place's key, ``x``, ``y`` where
    the mark is drawn, ``group`` its shape group."""
    if not shape:
        parts = [places.assign(group="")]
    else:
        values = placed[shape].astype("string").fillna(NOT_KNOWN).astype(str)
        parts = [place_kinds(placed[values.isin(members).to_numpy()], hue=hue, label=label).assign(group=name)
                 for name, (_, members) in groups.items()]
    marks = pd.concat(parts, ignore_index=True)
    return marks.assign(place=_place_keys(marks), x=marks["longitude"].astype(float),
                        y=marks["latitude"].astype(float))


def _place_keys(places: pd.DataFrame) -> list[tuple[float, float]]:
    """Each place's key: its coordinates rounded as :func:`analysis.stats.places.locations` groups them."""
    return list(zip(places["latitude"].astype(float).round(3), places["longitude"].astype(float).round(3)))


def _side_by_side(ax: Axes, marks: pd.DataFrame, sizes: object, order: list[str]) -> pd.DataFrame:
    """Move the marks of a place drawn for several groups side by side, east-west, in the order of the groups
    (the first to the west), centred on the place and overlapping a little (:data:`SIDE_BY_SIDE`), so that no mark
    hides another; ``sizes`` are the marks' areas in points squared."""
    ax.apply_aspect()
    pixels = ax.figure.dpi / 72
    xy = ax.transData.transform(marks[["x", "y"]].to_numpy(dtype=float))
    widths = np.sqrt(np.asarray(sizes, dtype=float)) * pixels
    rank = marks["group"].map({group: k for k, group in enumerate(order)}).to_numpy()
    for rows in pd.Series(range(len(marks))).groupby(marks["place"].to_numpy(), sort=False).agg(list):
        if len(rows) < 2:
            continue
        rows = sorted(rows, key=lambda row: rank[row])
        width = widths[rows]
        centres = np.concatenate([[0.0], np.cumsum(SIDE_BY_SIDE * (width[:-1] + width[1:]) / 2)])
        xy[rows, 0] += centres - (centres[0] + centres[-1]) / 2
    moved = ax.transData.inverted().transform(xy)
    return marks.assign(x=moved[:, 0], y=moved[:, 1])


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


def _shapes_key(ax: Axes, marks: pd.DataFrame, groups: dict[str, tuple[str, list[str]]], kinds: list[str],
                palette: dict[str, str], *, shape: str, size: str, area) -> None:
    """The legend of a map of shaped marks, in three columns, each headed by what it tells: the shape of each group
    (the forces), the colour of each kind (a swatch, which no shape can be taken for), two sizes
    (:func:`_key_sizes`)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    def blank() -> Line2D:
        return Line2D([], [], linestyle="", marker="")

    shapes = [(Line2D([], [], marker=marker, linestyle="", markerfacecolor="0.75", markeredgecolor=MARK_EDGE,
                      markeredgewidth=0.6, markersize=8), literal_text(name)) for name, (marker, _) in groups.items()]
    colours = [(Patch(facecolor=palette.get(kind, "0.3"), edgecolor=MARK_EDGE, linewidth=0.6),
                literal_text(kind) + (" (none has more than half)" if kind == MIXED else "")) for kind in kinds]
    sizes = [(Line2D([], [], marker="o", linestyle="", markerfacecolor="0.75", markeredgecolor=MARK_EDGE,
                     markeredgewidth=0.6, markersize=float(np.sqrt(area(count)))),
              f"{count:,} event{'' if count == 1 else 's'}" if size == "events" else f"{count:,} killed")
             for count in _key_sizes(int(marks[size].min()), int(marks[size].max()))]
    # two columns, each section headed by what it tells: the shapes, then the sizes; the colours
    columns = [[(blank(), f"shape: the {literal_text(shape)}"), *shapes,
                (blank(), "size: its events" if size == "events" else "size: the people killed"), *sizes],
               [(blank(), "colour: the kind of most of its events"), *colours]]
    rows = max(len(column) for column in columns)
    entries = [entry for column in columns for entry in column + [(blank(), "")] * (rows - len(column))]
    legend = ax.legend([handle for handle, _ in entries], [text for _, text in entries], loc="upper center",
                       bbox_to_anchor=(0.5, -0.04), ncol=len(columns), fontsize=8, handletextpad=0.5,
                       columnspacing=1.6)
    headers = {0, len(shapes) + 1, rows}
    for k in headers:
        legend.get_texts()[k].set_fontweight("bold")
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


def named_regions(places: pd.DataFrame, n: int = NAMED_PLACES, size: str = "events") -> pd.DataFrame | None:
    """The regions a map names instead of its places where no place stands out: the ``n`` regions (the places'
    ``area``) with the most, each once, a tie at the last kept whole up to twice as many (else left out whole,
    :func:`analysis.stats.highlights.top_whole`; the first ``n`` where even the biggest tie more).

    No place stands out where the places' events (or killed) are alike, or
    differ by one (:func:`analysis.stats.highlights.alike`): naming "the
    biggest" would pick a few towns of 2 events among many of 1. None where
    a few places do stand out (the biggest are named), where every place can
    be named (there are no more than ``n``), or where the places have no
    region.

    Returns
    -------
    DataFrame or None
        name (the region), places (how many), events, fatalities, latitude
        and longitude (the middle of the box that holds its places), and
        ``keys``, the places' keys (their coordinates, as :func:`analysis.stats.places.locations`
        rounds them); the most first.

    Examples
    --------
    >>> places = pd.DataFrame({"name": list("abcde"), "latitude": [1.0, 1.2, 3.0, 3.1, 5.0],
    ...                        "longitude": [1.0] * 5, "events": [2, 1, 1, 1, 2], "fatalities": [0] * 5,
    ...                        "area": ["K", "K", "D", "D", "B"]})
    >>> named_regions(places, 3)[["name", "places", "events"]].values.tolist()
    [['K', 2, 3], ['B', 1, 2], ['D', 2, 2]]
    >>> named_regions(places.assign(events=[9, 1, 1, 1, 2]), 3) is None  # a place stands out
    True
    """
    if "area" not in places.columns or places["area"].isna().all():
        return None
    if len(places.drop_duplicates("name")) <= n or not alike(places[size], or_by=1):
        return None
    located = places.dropna(subset=["area"]).assign(keys=_place_keys(places.dropna(subset=["area"])))
    grouped = located.groupby("area", sort=False)
    regions = grouped.agg(places=("keys", "size"), events=("events", "sum"), fatalities=("fatalities", "sum"),
                          keys=("keys", list))
    for column in ("latitude", "longitude"):  # the middle of the box that holds its places
        regions[column] = (grouped[column].min() + grouped[column].max()) / 2
    regions = regions.reset_index().rename(columns={"area": "name"}).astype({"name": str})
    regions = regions.sort_values([size, "events", "name"], ascending=[False, False, True], kind="stable")
    # a tie at the last kept whole, up to twice as many: regions are few, and all of a tie are as big
    kept, _, _ = top_whole(regions.reset_index(drop=True), n, 2 * n, column=size)
    return kept if len(kept) else regions.head(n)


def _region_labels(regions: pd.DataFrame, size: str) -> pd.DataFrame:
    """The labels of the regions :func:`named_regions` names: "Kirkuk: 4 places, 4 events", "(…, 3 killed)" by
    fatalities."""
    counts = [describe_number(value, "event") if size == "events" else f"{value:,} killed" for value in regions[size]]
    return regions.assign(label=[f"{name}: {describe_number(k, 'place')}, {count}"
                                 for name, k, count in zip(regions["name"], regions["places"], counts)])


def _named_places(places: pd.DataFrame, n: int, size: str) -> pd.DataFrame:
    """The places :func:`named_places` names, with their labels: "Town A (3)", "Town A and 2 more (5)" for a place
    several names share, "(4 killed)" by fatalities."""
    top = named_places(places, n, size)
    more = top["names"].astype(int) - 1
    names = [f"{name} and {k} more" if k > 0 else str(name) for name, k in zip(top["name"], more)]
    counts = [f"{value:,}" if size == "events" else f"{value:,} killed" for value in top[size]]
    return top.assign(label=[f"{name} ({count})" for name, count in zip(names, counts)])
