"""What a figure says in words: its headline, source line and alternative text, and its PNG for the page.

Every chart helper of :mod:`analysis.viz` records, with :func:`describe`,
what it drew on an Axes in a sentence built from the data ("4 militia
attacks per week, 23 Dec 2019 to 28 Jun 2020: ..."); :func:`headline` and
:func:`set_title` record the figure's headline, subtitle, source line and
titles as they draw them. These words are kept as written, never escaped,
in one place: the :class:`Words` of each Figure and Axes
(:func:`words_of`), which only these functions write and only
:func:`alt_text` reads. Text is escaped for matplotlib
(:func:`analysis.viz.literal.literal_text`) only where it is drawn.

:func:`alt_text` joins a figure's words into the text a screen reader reads
instead of the image; :func:`png_with_alt` is the notebook formatter that
stores it beside the PNG, where the report's pages find it (``<img
alt="...">``). matplotlib is imported inside the functions.

Where a figure's headline goes: :func:`headline` always draws it (with the
subtitle and the source line) in the figure, so a chart shown or saved on
its own carries its words. The report's notebooks ask the formatter for
the headline as text instead (``use_report_style(headlines="text")``):
:func:`png_with_alt` then leaves those three texts out of the PNG and hands
them over, as written, in the output's metadata; the report's page writes
them as HTML text above and below the image, where they reflow on a phone
rather than shrink with the picture.
"""

from __future__ import annotations

import base64
import io
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .literal import literal_text

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Resolution of the report's PNGs: twice the figure's dots per inch, shown at
#: its size in CSS pixels, so figures stay sharp when a reader zooms in.
PNG_SCALE = 2
#: Colours of the report's PNGs (a palette image).
PNG_COLORS = 256
#: Gap between the figure's lower edge and its source line, in inches.
_SOURCE_GAP = 0.08
#: The texts :func:`headline` draws (their gids, and the :class:`Words` fields that hold them), which a
#: page can write as text around the image instead (:func:`png_with_alt`).
PAGE_WORDS = ("headline", "subtitle", "source")


@dataclass
class Words:
    """The words of a Figure or of one of its Axes, as written: what its alternative text says.

    A Figure's words are its ``headline``, ``subtitle`` and ``source`` line
    (:func:`headline`) and its ``title`` (:func:`set_title`); an Axes' words are
    its ``title`` (:func:`set_title`), the ``descriptions`` of what the chart
    helpers drew on it (:func:`describe`) and what its legend says (``key``,
    :func:`set_key`). None for a title means "not set here": :func:`alt_text`
    then reads the title matplotlib holds.
    """

    headline: str = ""
    subtitle: str = ""
    source: str = ""
    title: str | None = None
    descriptions: list[str] = field(default_factory=list)
    #: What an Axes' key (its legend) says, as the helper that drew it left it for its legend function
    #: (:func:`set_key`): the period of a band, how many events are labelled, what a marker's size counts.
    key: dict[str, Any] = field(default_factory=dict)


#: The words of each Figure and Axes, kept as long as the Figure or Axes lives.
_WORDS: weakref.WeakKeyDictionary[Any, Words] = weakref.WeakKeyDictionary()


def words_of(target: Figure | Axes) -> Words:
    """Return the :class:`Words` kept for a Figure or an Axes (empty ones the first time)."""
    found = _WORDS.get(target)
    if found is None:
        found = _WORDS[target] = Words()
    return found


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
        ("Highest in the week of 9-15 Mar 2020: 27.1 points."), as written
        (it is never drawn, so never escaped).

    Returns
    -------
    matplotlib Axes
        ``ax``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> ax = describe(plt.figure().gca(), "Two bars of $5.")
    >>> descriptions(ax)
    ['Two bars of $5.']
    """
    text = " ".join(str(text).split())
    if text:
        words_of(ax).descriptions.append(text)
    return ax


def set_key(ax: Axes, **values: Any) -> Axes:
    """Record what an Axes' key says (``period="week"``, ``labelled=6``...), for the legend function that draws it.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> key_of(set_key(plt.figure().gca(), period="week"))
    {'period': 'week'}
    """
    words_of(ax).key.update(values)
    return ax


def key_of(ax: Axes) -> dict[str, Any]:
    """Return what :func:`set_key` recorded on an Axes (a copy; empty where a helper recorded nothing)."""
    return dict(words_of(ax).key)


def descriptions(ax: Axes) -> list[str]:
    """Return the sentences recorded on an Axes by :func:`describe` (a copy)."""
    return list(words_of(ax).descriptions)


def set_title(target: Figure | Axes, text: str, **style: Any) -> Any:
    """Give an Axes its title, or a Figure its title above the Axes, drawn exactly as written.

    The text is escaped for matplotlib where it is drawn and kept as
    written for the alternative text. ``style`` goes to ``Axes.set_title``
    or ``Figure.suptitle`` (``loc``, ``fontsize``...).

    Returns
    -------
    matplotlib Text
        The title.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = set_title(ax, "Costs in $", loc="left")
    >>> ax.get_title(loc="left"), alt_text(fig)
    ('Costs in \\\\$', 'Chart: Costs in $.')
    """
    drawn = literal_text(text)
    if hasattr(target, "suptitle"):
        made = target.suptitle(drawn, **style)
    else:
        made = target.set_title(drawn, **style)
    words_of(target).title = str(text)
    return made


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
    _freeze_layout(fig)
    _remove_headline_texts(fig)
    words = words_of(fig)
    words.headline, words.subtitle, words.source = title, subtitle or "", source or ""
    renderer = _renderer(fig)
    # each Axes' box, with its labels and legends, measured once (the texts placed here change none of them)
    boxes = [_figure_box(ax, renderer, fig) for ax in fig.axes if ax.get_visible()]
    top = _top_of_drawing(fig, renderer, boxes)
    width_in = fig.get_figwidth()
    left = min([box[0] for box in boxes], default=0.0)
    if subtitle:
        sub = fig.text(left, top + 0.06 / fig.get_figheight(), literal_text(wrap_text(subtitle, width_in, 9.0)), ha="left", va="bottom",
                       fontsize=9.0, color="0.3", gid="subtitle")
        top = _box_top(sub, renderer, fig)
    fig.text(left, top + 0.05 / fig.get_figheight(), literal_text(wrap_text(title, width_in, 12.5)), ha="left", va="bottom",
             fontsize=12.5, fontweight="bold", color="0.1", gid="headline")
    if source:
        bottom = min([box[1] for box in boxes], default=0.0)
        fig.text(left, bottom - _SOURCE_GAP / fig.get_figheight(), literal_text(wrap_text(source, width_in, 7.5)), ha="left", va="top",
                 fontsize=7.5, color="0.4", gid="source")
    return fig


def _renderer(fig: Figure) -> Any:
    """The renderer that measures a figure's texts, a figure closed by pyplot's too (its canvas is then matplotlib's
    base canvas, which measures nothing: an Agg canvas takes its place)."""
    if not hasattr(fig.canvas, "get_renderer"):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
    return fig.canvas.get_renderer()


def fit_to_drawing(fig: Figure, *, pad: float = 0.08) -> Figure:
    """Grow a figure so that everything drawn on it is inside it, every Axes keeping its size in inches.

    A plotter draws its key under the Axes and its labels beside them; in a
    figure of matplotlib's default size some of that falls outside the
    figure, which a plain ``savefig`` cuts off (``bbox_inches="tight"``, as
    the report saves, crops to the drawing instead). Growing the figure
    instead of shrinking the Axes keeps their shape, on which the placement
    of labels and the frame of maps were worked out.

    Parameters
    ----------
    fig : matplotlib Figure
        The figure, drawn.
    pad : float, default 0.08
        Room left around the drawing, in inches.

    Returns
    -------
    matplotlib Figure
        ``fig``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots(figsize=(4, 3))
    >>> _ = ax.legend(handles=ax.plot([0, 1], label="a long name"), loc="upper center", bbox_to_anchor=(0.5, -0.3))
    >>> bool(fit_to_drawing(fig).get_figheight() > 3), round(float(ax.get_position().height * fig.get_figheight()), 2)
    (True, 2.31)
    """
    box = fig.get_tightbbox(_renderer(fig))  # in inches, from the figure's lower left corner
    width, height = fig.get_size_inches()
    left, bottom = max(0.0, pad - box.x0), max(0.0, pad - box.y0)
    right, top = max(0.0, box.x1 + pad - width), max(0.0, box.y1 + pad - height)
    if not (left or bottom or right or top):
        return fig
    grown = (width + left + right, height + bottom + top)
    for ax in fig.axes:
        x0, y0, w, h = ax.get_position().bounds
        ax.set_position([(x0 * width + left) / grown[0], (y0 * height + bottom) / grown[1],
                         w * width / grown[0], h * height / grown[1]])
    fig.set_size_inches(*grown)
    return fig


def _freeze_layout(fig: Figure) -> None:
    """Lay a figure out once with its layout engine, then keep that layout."""
    if fig.get_layout_engine() is not None:
        # a layout engine would move the Axes again at drawing time, under the texts placed here: lay the
        # figure out once and keep that layout
        fig.draw_without_rendering()
        fig.set_layout_engine("none")


def _remove_headline_texts(fig: Figure) -> None:
    """Take away the headline, subtitle and source line a figure already has, so a new headline replaces them."""
    for text in [t for t in fig.texts if t.get_gid() in PAGE_WORDS]:
        text.remove()


def _top_of_drawing(fig: Figure, renderer: Any, boxes: list[tuple[float, float, float]]) -> float:
    """The top of everything drawn on a figure, in figure coordinates, but its source line (``boxes``: each visible
    Axes' :func:`_figure_box`)."""
    return max([box[2] for box in boxes] + [_box_top(t, renderer, fig) for t in fig.texts
                                            if t.get_gid() not in ("source",)], default=1.0)

def wrap_text(text: str, width_in: float, size: float) -> str:
    """Break a line to fit a width in inches (a figure's, a panel's), at a font size in points (about 0.55 em a
    character); never narrower than 20 characters."""
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=max(20, int(width_in * 72 / (0.55 * size))))


def _figure_box(ax: Axes, renderer: Any, fig: Figure) -> tuple[float, float, float]:
    """The left, bottom and top of an Axes with everything it draws, in figure coordinates ((0, 0, 1) where it
    draws nothing)."""
    box = ax.get_tightbbox(renderer)
    if box is None:
        return 0.0, 0.0, 1.0
    to_figure = fig.transFigure.inverted()
    return (float(to_figure.transform((box.x0, 0))[0]), float(to_figure.transform((0, box.y0))[1]),
            float(to_figure.transform((0, box.y1))[1]))


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
    words = words_of(fig)
    parts = [words.headline, words.subtitle, fig.get_suptitle() if words.title is None else words.title]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        own = words_of(ax)
        parts += [(ax.get_title() or ax.get_title(loc="left")) if own.title is None else own.title, *own.descriptions]
    body = [" ".join(part.split()).rstrip(".") for part in parts if part and part.strip()]
    if not body:
        return ""
    source = " ".join(words.source.split())
    return "Chart: " + ". ".join(body) + "." + (f" {source.rstrip('.')}." if source else "")


def png_with_alt(fig: Figure, *, words_as_text: bool = False, **print_kwargs: Any) -> tuple[str, dict[str, Any]] | None:
    """Render a figure as a PNG for a notebook, with its size and alternative text as output metadata.

    The PNG has :data:`PNG_SCALE` times the figure's resolution, is stored
    with a palette of :data:`PNG_COLORS` colours and is shown at its size in
    CSS pixels (``width`` and ``height``); ``alt`` holds :func:`alt_text`. The report's page template writes them into the
    ``<img>`` element.

    Parameters
    ----------
    fig : matplotlib Figure
        The figure.
    words_as_text : bool, default False
        Leave the headline, subtitle and source line that :func:`headline`
        drew out of the PNG, and give them as written in the metadata
        (``headline``, ``subtitle``, ``source``), for a page to write as
        text around the image. The figure itself keeps them.
    **print_kwargs
        Passed to ``savefig`` (e.g. ``bbox_inches="tight"``,
        ``metadata={"Software": None}``).

    Returns
    -------
    tuple of (str, dict) or None
        The base64 PNG and its metadata; None for a figure with nothing
        drawn (as IPython's own formatter does).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = headline(plt.figure().gca(), "Attacks came in <two> bursts", source="Source: test")
    >>> _, metadata = png_with_alt(fig, words_as_text=True, bbox_inches="tight")
    >>> metadata["headline"], metadata["source"], [t.get_visible() for t in fig.texts]
    ('Attacks came in <two> bursts', 'Source: test', [True, True])
    """
    if not fig.axes and not fig.lines and not fig.images and not fig.texts:
        return None
    from PIL import Image

    # texts that only tight bounding boxes leave out when hidden: the PNG is cropped to what stays drawn
    hidden = [t for t in fig.texts if t.get_gid() in PAGE_WORDS and t.get_visible()] if words_as_text else []
    buffer = io.BytesIO()
    try:
        for text in hidden:
            text.set_visible(False)
        fig.canvas.print_figure(buffer, format="png", dpi=fig.dpi * PNG_SCALE, **print_kwargs)
    finally:
        for text in hidden:
            text.set_visible(True)
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
    if words_as_text:
        words = words_of(fig)
        for name in PAGE_WORDS:
            text = " ".join(getattr(words, name).split())
            if text:
                metadata[name] = text
    return base64.b64encode(data).decode("ascii"), metadata
