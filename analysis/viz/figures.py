"""What a figure says in words: its headline, source line and alternative text, and its PNG for the page.

Every chart helper of :mod:`analysis.viz` records on its Axes, with
:func:`describe`, what it drew in a sentence built from the data ("4 militia
attacks per week, 23 Dec 2019 to 28 Jun 2020: ..."). :func:`alt_text` joins
the figure's titles, those sentences and its source line into the text a
screen reader reads instead of the image; :func:`png_with_alt` is the
notebook formatter that stores it beside the PNG, where the report's pages
find it (``<img alt="...">``). matplotlib is imported inside the functions.
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING, Any

from .literal import as_written, literal_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Where the sentences of an Axes are kept (an attribute of the Axes).
_DESCRIPTIONS = "_analysis_descriptions"
#: Resolution of the report's PNGs: twice the figure's dots per inch, shown at
#: its size in CSS pixels, so figures stay sharp when a reader zooms in.
PNG_SCALE = 2
#: Colours of the report's PNGs (a palette image).
PNG_COLORS = 256
#: Gap between the figure's lower edge and its source line, in inches.
_SOURCE_GAP = 0.08


def figure_of(target: Figure | Axes) -> Figure:
    """Return the Figure of an Axes, or the Figure itself."""
    return target if hasattr(target, "axes") and hasattr(target, "suptitle") else target.figure


def describe(ax: Axes, text: str) -> Axes:
    """Record a sentence saying what an Axes shows, for the figure's alternative text.

    Parameters
    ----------
    ax : matplotlib Axes
        The Axes a helper drew on.
    text : str
        What it shows, in words, with the figures that matter
        ("Highest in the week of 9-15 Mar 2020: 27.1 points.").

    Returns
    -------
    matplotlib Axes
        ``ax``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> ax = describe(plt.figure().gca(), "Two bars.")
    >>> descriptions(ax)
    ['Two bars.']
    """
    text = " ".join(str(text).split())
    if text:
        ax.__dict__.setdefault(_DESCRIPTIONS, []).append(text)
    return ax


def descriptions(ax: Axes) -> list[str]:
    """Return the sentences recorded on an Axes by :func:`describe` (a copy)."""
    return list(ax.__dict__.get(_DESCRIPTIONS, []))


def headline(
    target: Figure | Axes, title: str, *, subtitle: str | None = None, source: str | None = None
) -> Figure:
    """Give a figure a headline that states the finding, a subtitle and a source line.

    The title and subtitle sit at the top left of the figure, above every
    Axes; the source line at the bottom left, under everything drawn
    (legends included), in small grey type.

    Parameters
    ----------
    target : matplotlib Figure or Axes
        The figure, or one of its Axes.
    title : str
        The finding, as a sentence ("Escalation peaked in the week of 9-15 March").
    subtitle : str or None, default None
        What is measured, and over which period.
    source : str or None, default None
        Where the data come from ("Source: five news reports, Feb-Jul 2020; coded in this project").

    Returns
    -------
    matplotlib Figure
        The figure; its title, subtitle and source texts have the gids
        ``"headline"``, ``"subtitle"`` and ``"source"``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = headline(plt.figure(), "Attacks came in two bursts", source="Source: test")
    >>> sorted(t.get_gid() for t in fig.texts)
    ['headline', 'source']
    """
    fig = figure_of(target)
    if fig.get_layout_engine() is not None:
        # a layout engine would move the Axes again at drawing time, under the texts placed here: lay the
        # figure out once and keep that layout
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
    for gid in ("headline", "subtitle", "source"):
        for text in [t for t in fig.texts if t.get_gid() == gid]:
            text.remove()
    renderer = fig.canvas.get_renderer()
    visible = [ax for ax in fig.axes if ax.get_visible()]
    top = max([_top_of(ax, renderer, fig) for ax in visible] + [_box_top(t, renderer, fig) for t in fig.texts
                                                                   if t.get_gid() not in ("source",)], default=1.0)
    width_in = fig.get_figwidth()
    left = min([_left_of(ax, renderer, fig) for ax in visible], default=0.0)
    if subtitle:
        sub = fig.text(left, top + 0.06 / fig.get_figheight(), literal_text(_wrap(subtitle, width_in, 9.0)), ha="left", va="bottom",
                       fontsize=9.0, color="0.3", gid="subtitle")
        top = _box_top(sub, renderer, fig)
    fig.text(left, top + 0.05 / fig.get_figheight(), literal_text(_wrap(title, width_in, 12.5)), ha="left", va="bottom",
             fontsize=12.5, fontweight="bold", color="0.1", gid="headline")
    if source:
        bottom = min([_bottom_of(ax, renderer, fig) for ax in visible], default=0.0)
        fig.text(left, bottom - _SOURCE_GAP / fig.get_figheight(), literal_text(_wrap(source, width_in, 7.5)), ha="left", va="top",
                 fontsize=7.5, color="0.4", gid="source")
    return fig


def _wrap(text: str, width_in: float, size: float) -> str:
    """Break a line to fit a figure's width (about 0.55 em a character)."""
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=max(20, int(width_in * 72 / (0.55 * size))))


def _left_of(ax: Axes, renderer: Any, fig: Figure) -> float:
    box = ax.get_tightbbox(renderer)
    return 0.0 if box is None else float(fig.transFigure.inverted().transform((box.x0, 0))[0])


def _top_of(ax: Axes, renderer: Any, fig: Figure) -> float:
    box = ax.get_tightbbox(renderer)
    return 1.0 if box is None else float(fig.transFigure.inverted().transform((0, box.y1))[1])


def _bottom_of(ax: Axes, renderer: Any, fig: Figure) -> float:
    box = ax.get_tightbbox(renderer)
    return 0.0 if box is None else float(fig.transFigure.inverted().transform((0, box.y0))[1])


def _box_top(text: Any, renderer: Any, fig: Figure) -> float:
    return float(fig.transFigure.inverted().transform((0, text.get_window_extent(renderer).y1))[1])


def alt_text(target: Figure | Axes) -> str:
    """Write a figure's alternative text: its headline, subtitle, what each Axes shows, and its source.

    Parameters
    ----------
    target : matplotlib Figure or Axes
        The figure.

    Returns
    -------
    str
        One paragraph; empty when the figure has no title and no Axes
        description.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.set_title("Attacks per week")
    >>> _ = describe(ax, "One bar of 2 attacks in the week of 9-15 Mar 2020.")
    >>> alt_text(fig)
    'Chart: Attacks per week. One bar of 2 attacks in the week of 9-15 Mar 2020.'
    """
    fig = figure_of(target)
    texts = {gid: " ".join(t.get_text() for t in fig.texts if t.get_gid() == gid) for gid in ("headline", "subtitle", "source")}
    parts = [texts["headline"], texts["subtitle"]]
    if fig.get_suptitle():
        parts.append(fig.get_suptitle())
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        title = ax.get_title() or ax.get_title(loc="left")
        parts += [title, *descriptions(ax)]
    parts = [as_written(part) for part in parts if part]
    body = [" ".join(part.split()).rstrip(".") for part in parts if part.strip()]
    if not body:
        return ""
    source = " ".join(as_written(texts["source"]).split())
    return "Chart: " + ". ".join(body) + "." + (f" {source.rstrip('.')}." if source else "")


def png_with_alt(fig: Figure, **print_kwargs: Any) -> tuple[str, dict[str, Any]] | None:
    """Render a figure as a PNG for a notebook, with its size and alternative text as output metadata.

    The PNG has :data:`PNG_SCALE` times the figure's resolution, is stored
    with a palette of :data:`PNG_COLORS` colours and is shown at its size in
    CSS pixels (``width`` and ``height``); ``alt`` holds :func:`alt_text`. The report's page template writes them into the
    ``<img>`` element.

    Parameters
    ----------
    fig : matplotlib Figure
        The figure.
    **print_kwargs
        Passed to ``savefig`` (e.g. ``bbox_inches="tight"``,
        ``metadata={"Software": None}``).

    Returns
    -------
    tuple of (str, dict) or None
        The base64 PNG and its metadata; None for a figure with nothing
        drawn (as IPython's own formatter does).
    """
    if not fig.axes and not fig.lines and not fig.images and not fig.texts:
        return None
    from PIL import Image

    buffer = io.BytesIO()
    fig.canvas.print_figure(buffer, format="png", dpi=fig.dpi * PNG_SCALE, **print_kwargs)
    image = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")
    width, height = image.size
    # 256 colours hold a chart's flat fills and anti-aliased text; the file is a third of the size
    palette = image.quantize(colors=PNG_COLORS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    data = buffer.getvalue()
    metadata: dict[str, Any] = {"width": width // PNG_SCALE, "height": height // PNG_SCALE}
    alt = alt_text(fig)
    if alt:
        metadata["alt"] = alt
    return base64.b64encode(data).decode("ascii"), metadata
