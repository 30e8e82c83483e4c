"""The charts' look: the report's one colour language, and the house style.

A colour means the same thing in every chart of the report. Hues are kept
for kinds of event (:data:`KIND_COLORS`, colour-blind safe: Okabe-Ito and
Tol), one hue per kind in a run. Groups that a chart stacks (places, bases)
take a qualitative palette of their own (:data:`GROUP_COLORS`,
Paul Tol's muted and vibrant schemes), whose hues are none of the kinds',
each group named in the chart's key, in a chart that draws no kind;
everything else that is not a kind of event (killed and wounded, forces,
outlets, the escalation score, counts of evidence, "other") is drawn in
neutral greys and labelled directly or in a key, so no reader takes it for
a kind. A run names its kinds in one vocabulary, the coded categories or
ACLED's event types; a hue may stand for a kind of each ("militia attack"
and ACLED's "Explosions/Remote violence"), as the two never share a run.
Small multiples of groups, a panel each (pairs of actors), name each group
in its panel's title and draw every panel in the grey of a count. The
parts of one kind drawn alone are groups of their chart too: the map of
the foreign forces' moves, all of them strategic developments, colours the
three kinds of move with group colours (:data:`MOVE_COLORS`), named in its
key, as its title names the one kind they belong to.
matplotlib is imported only inside :func:`use_report_style`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..schema import ACLED_POSTURE_MEANINGS
from .figures import png_with_alt

#: One colour per kind of event (colour-blind safe, Okabe-Ito and Tol), so a
#: kind looks the same in every chart; the hues are kept for kinds, and the
#: kinds of one run differ in hue and lightness, not only by a shade of
#: purple (Battles wine, Violence against civilians blue).
KIND_COLORS: dict[str, str] = {
    "militia attack": "#D55E00",
    "US strike": "#0072B2",
    "other violence": "#332288",
    "posture change": "#009E73",
    "political": "#AA4499",
    "protest": "#E69F00",
    "Battles": "#882255",
    "Explosions/Remote violence": "#D55E00",
    "Violence against civilians": "#0072B2",
    "Protests": "#E69F00",
    "Riots": "#332288",
    "Strategic developments": "#009E73",
}
#: Colours of kinds that have none of their own, taken in turn.
_EXTRA_COLORS = ("#56B4E9", "#117733", "#999933", "#44AA99", "#661100", "#CC6677", "#DDAA33", "#6699CC")
#: Killed and wounded, in every chart that splits them: near-black and mid-grey (they differ in
#: lightness and in marker shape), not the hue of a kind.
OUTCOME_COLORS: dict[str, str] = {"killed": "#1A1A1A", "wounded": "#8C8C8C"}
#: Conflict (acts of violence) and retreat or cooperation, in the escalation chart: dark and light grey,
#: up and down, each named on the axis.
ESCALATION_COLORS: dict[str, str] = {"conflict": "#3D3D3D", "cooperation": "#ABABAB"}
#: Whose troops, in the troop-level chart: greys, each statement labelled with its force.
FORCE_COLORS: dict[str, str] = {"US": "#333333", "UK": "#7A7A7A", "coalition": "#A8A8A8"}
#: Counts per period (expected and certain), in the counting charts: greys, as a count is no kind.
COUNT_COLORS: dict[str, str] = {"expected": "#B8B8B8", "certain": "#4A4A4A"}
#: Counts of evidence rows (0, 1, 2, 3 or more) in the evidence heatmap: a sequential grey scale,
#: which no reader takes for a kind.
EVIDENCE_SHADES: tuple[str, ...] = ("#FFFFFF", "#D4D4D4", "#8F8F8F", "#404040")
#: All events of an outlet and the events it alone reports, in the outlets chart.
SOURCE_COLORS: dict[str, str] = {"events": "#C4C4C4", "only_source": "#4A4A4A"}
#: The events by the age of their outlets (:data:`analysis.stats.coverage.OUTLET_AGES`): greys, as a count is no
#: kind, the darkest for the events only later outlets report, as the darker bar of the outlets' chart is the events
#: one outlet alone reports.
OUTLET_AGE_COLORS: dict[str, str] = {"established": "#D0D0D0", "shared": "#8C8C8C", "new_only": "#2E2E2E"}
#: ACLED's events linked to a coded event and those the coded data lacks, and the coded events, in the chart of
#: the page that sets the coded events beside an export: greys, as a count is no kind.
COMPARE_COLORS: dict[str, str] = {"linked": "#4A4A4A", "lacking": "#C4C4C4", "coded": "#1A1A1A"}


def color_for(kinds: Sequence[str]) -> dict[str, str]:
    """Return a colour for each kind: the fixed one of :data:`KIND_COLORS`, else the next spare colour.

    Parameters
    ----------
    kinds : sequence of str
        Kinds (categories, ACLED event types, or any labels), in the order
        they should take spare colours.

    Returns
    -------
    dict of str to str
        Kind -> hex colour.

    Examples
    --------
    >>> color_for(["US strike", "something else"])
    {'US strike': '#0072B2', 'something else': '#56B4E9'}
    """
    colors, spare = {}, 0
    for kind in kinds:
        if kind in KIND_COLORS:
            colors[kind] = KIND_COLORS[kind]
        else:
            colors[kind] = _EXTRA_COLORS[spare % len(_EXTRA_COLORS)]
            spare += 1
    return colors


#: Colours of groups (places, bases) in the order of their size: a qualitative palette of
#: clearly distinct colours (mostly from Paul Tol's muted and vibrant schemes, made for colour-blind readers;
#: neighbours in a stack differ in lightness too), whose hues are none of the kinds' (:data:`KIND_COLORS`),
#: each group named in the key of a chart that draws no kind; then a pale grey for "other" (:func:`group_palette`).
#: At most six groups get their own colour.
GROUP_COLORS: tuple[str, ...] = ("#CC6677", "#AA88DD", "#117733", "#DDCC77", "#009988", "#663399")
OTHER_COLOR = "#E3E3E3"
#: The kinds of move of the map of the forces' moves (ACLED's strategic developments that change a force's
#: posture, :data:`analysis.schema.ACLED_POSTURE_MEANINGS`), drawn alone: three group colours apart in hue and
#: lightness for every kind of colour blindness (dark green, sand, purple; the shades of the strategic
#: developments' green, which a map of every kind of event gives them, read as one teal), the same in every run.
MOVE_COLORS: dict[str, str] = dict(zip(ACLED_POSTURE_MEANINGS, ("#117733", "#DDCC77", "#663399")))
#: A hatch for each meaning, one pattern each, whatever chart draws it (two meanings on one page must not look
#: alike): a period the data cover only in part; a bound of a date range borrowed from another event or document;
#: a toll ACLED set by rule, no source giving one; the killed of a week that may be one batch of coding; the part of
#: a bar that some of its events make (those only a new source reports).
HATCHES: dict[str, str] = {"partial": "////", "borrowed": "\\\\\\\\\\", "by rule": "xxx", "within": "...",
                           "part": "|||"}
#: The legend of the hatch "by rule", on every chart that draws it.
SET_BY_RULE = "a figure ACLED set by rule, no source giving one (\"coded as\" in its notes)"
#: Values that are neither a kind nor a group of a chart of groups (a label of no kind on a map of kinds): a
#: neutral scale from dark to light grey, so they take neither a kind's hue nor a group's colour.
GREY_SCALE: tuple[str, ...] = ("#262626", "#4D4D4D", "#707070", "#939393", "#B5B5B5", "#D0D0D0")
OTHER = "other"
#: Where a notebook shows a chart's headline (:func:`use_report_style`): drawn in the image, or as the page's text.
HEADLINE_PLACES = ("figure", "text")


def shades(color: str, n: int) -> list[str]:
    """Give ``n`` shades of one colour, dark to light, each keeping its hue (a kind's parts, told apart by lightness).

    The colour is mixed with black (at most 45%) for the dark end and with
    white (at most 55%) for the light end, which changes neither its hue nor
    makes it grey.

    Examples
    --------
    >>> shades("#009E73", 3)
    ['#00573F', '#009E73', '#8CD3C0']
    """
    import numpy as np
    from matplotlib.colors import to_hex, to_rgb

    rgb = np.array(to_rgb(color))
    found = []
    for step in np.linspace(-1.0, 1.0, n) if n > 1 else [0.0]:
        mixed = rgb * (1 + 0.45 * step) if step < 0 else rgb + (1 - rgb) * 0.55 * step
        found.append(to_hex(np.clip(mixed, 0, 1)).upper())
    return found


def mark_color(fill: str) -> str:
    """Give the colour of a mark drawn on an area of colour ``fill``: near-black or white, whichever contrasts more
    with it (WCAG contrast of relative luminances), so a mark is dark on light and middle greys, light on dark ones.

    Examples
    --------
    >>> [mark_color(c) for c in ("#FFFFFF", "#D4D4D4", "#8F8F8F", "#404040")]
    ['#1A1A1A', '#1A1A1A', '#1A1A1A', '#FFFFFF']
    """
    dark, light = "#1A1A1A", "#FFFFFF"
    return light if contrast(fill, light) > contrast(fill, dark) else dark


def contrast(one: str, other: str) -> float:
    """Return the WCAG contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    Examples
    --------
    >>> round(contrast("#000000", "#FFFFFF"), 1), round(contrast("#8F8F8F", "#FFFFFF"), 1)
    (21.0, 3.2)
    """
    from matplotlib.colors import to_rgb

    def luminance(color: str) -> float:
        channels = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(color)]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def color_distance(one: str, other: str) -> float:
    """Return how different two colours look: their distance in CIE L*a*b* (CIE76 delta E; about 2 is barely seen,
    below about 25 two marks read as one colour on a map, as dark shades of neighbouring hues do).

    Examples
    --------
    >>> round(color_distance("#000000", "#FFFFFF")), round(color_distance("#9B4500", "#7F5700"), 1)
    (100, 22.9)
    """
    import numpy as np
    from matplotlib.colors import to_rgb

    def lab(color: str) -> np.ndarray:
        rgb = np.array(to_rgb(color))
        linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
        xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
        xyz = xyz / np.array([0.95047, 1.0, 1.08883])  # D65 white
        f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
        return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])

    return float(np.linalg.norm(lab(one) - lab(other)))


def group_palette(groups: Sequence[str], *, other: str = OTHER) -> dict[str, str]:
    """Give the largest groups a colour each, in order, and everything else the grey of ``other``.

    Compute it once per run from all the events (for example the places
    with the most events) and pass it to every chart, so a group keeps its
    colour from chart to chart; a chart draws the groups missing from it
    together, as ``other``.

    Parameters
    ----------
    groups : sequence of str
        Groups, largest first; only the first ``len(GROUP_COLORS)`` get a
        colour (an ``other`` among them is skipped).
    other : str, default "other"
        The name of everything else.

    Returns
    -------
    dict of str to str
        Group -> hex colour, then ``other`` -> :data:`OTHER_COLOR`.

    Examples
    --------
    >>> group_palette(["Banaadir", "Lower Shabelle"])
    {'Banaadir': '#CC6677', 'Lower Shabelle': '#AA88DD', 'other': '#E3E3E3'}
    >>> group_palette(["A against B"], other="other pairs")
    {'A against B': '#CC6677', 'other pairs': '#E3E3E3'}
    """
    named = [g for g in dict.fromkeys(str(g) for g in groups) if g != other][: len(GROUP_COLORS)]
    palette = dict(zip(named, GROUP_COLORS))
    palette[other] = OTHER_COLOR
    return palette


def use_report_style(*, headlines: str = "figure") -> None:
    """Set the charts' style and make notebook figures reproducible byte for byte.

    Sets matplotlib's rcParams (size, fonts, no top and right spines) and,
    when running in a Jupyter kernel with the inline backend, makes it write
    PNG figures with a tight bounding box and without the "Software"
    metadata stamp, so re-running a notebook gives identical files, at twice
    the figure's resolution and with the figure's alternative text
    (:func:`analysis.viz.figures.png_with_alt`).

    Parameters
    ----------
    headlines : {"figure", "text"}, default "figure"
        Where a notebook shows the headline, subtitle and source line that
        :func:`analysis.headline` gives a chart. ``"figure"``: drawn in the
        image, as everywhere outside a notebook (``savefig``, a script). ``"text"``: left
        out of the notebook's PNG and stored, as written, in the output's
        metadata, from which the report's page writes them as HTML text
        above and below the image (they reflow on a phone instead of
        shrinking with the picture). JupyterLab shows that metadata to no
        one, so ``"text"`` is for notebooks rendered by the report
        (``python -m analysis.report``); the figure itself keeps its words
        either way, and the alternative text holds them.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        If ``headlines`` is neither ``"figure"`` nor ``"text"``.

    Examples
    --------
    >>> use_report_style()
    >>> use_report_style(headlines="title")
    Traceback (most recent call last):
    ...
    ValueError: headlines='title' is not allowed: use 'figure' (drawn in the image) or 'text' (written by the report's page)
    """
    if headlines not in HEADLINE_PLACES:
        raise ValueError(f"headlines={headlines!r} is not allowed: use 'figure' (drawn in the image) or "
                         "'text' (written by the report's page)")
    import matplotlib as mpl

    mpl.rcParams.update({
        "figure.figsize": (9.0, 4.6),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "font.family": "DejaVu Sans",
        "font.size": 9.5,
        "axes.titlesize": 11.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 9.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "legend.frameon": False,
        "legend.fontsize": 8.5,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "svg.hashsalt": "analysis",
    })
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebooks' dependencies
        return
    shell = get_ipython()
    if shell is None or "matplotlib_inline" not in str(mpl.get_backend()):
        return
    import matplotlib.pyplot  # noqa: F401  (loads the inline backend and its configuration)
    from matplotlib_inline.config import InlineBackend

    config = InlineBackend.instance()
    config.figure_formats = {"png"}
    config.print_figure_kwargs = {"bbox_inches": "tight", "metadata": {"Software": None}}
    # after the backend's own formatter: PNGs at twice the resolution, with their alternative text
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["image/png"].for_type(
        Figure, partial(png_with_alt, words_as_text=headlines == "text", **config.print_figure_kwargs)
    )

