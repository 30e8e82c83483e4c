"""Small drawing steps shared by the chart modules: the Axes to draw on, date axes, legends, tags.

matplotlib is imported inside the functions, so importing a chart module
stays cheap.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

#: A plotter: data first, ``ax=`` among its keywords, the Axes (or Axes) drawn returned.
Plotter = TypeVar("Plotter", bound=Callable[..., Any])


def current_axes(ax: Axes | None) -> Axes:
    """Return ``ax``, or the current Axes when it is None."""
    import matplotlib.pyplot as plt

    return plt.gca() if ax is None else ax


def own_figure(size: Callable[..., tuple[float, float]] | None = None) -> Callable[[Plotter], Plotter]:
    """Let a plotter given no ``ax=``, with no figure open, draw on a figure of its own that holds all it draws.

    The figure is ``size(*args, **kwargs)`` inches (the plotter's arguments:
    a heatmap as wide as its columns need), or matplotlib's default size;
    once drawn, it grows to hold the key under the Axes and every label
    (:func:`analysis.viz.figures.fit_to_drawing`), so a plain ``savefig``
    keeps them. A figure the caller opened without Axes
    (``plt.figure(figsize=(9, 4))``) is drawn on at its size, then grown
    likewise. Given ``ax=``, or with Axes open (the current Axes, pyplot's
    rule), the plotter draws as it is told, and the caller's figure is left
    as it is.
    """
    def decorate(plot: Plotter) -> Plotter:
        @functools.wraps(plot)
        def plotter(*args: Any, **kwargs: Any) -> Any:
            import matplotlib.pyplot as plt

            from .figures import fit_to_drawing

            empty = plt.gcf() if plt.get_fignums() and not plt.gcf().axes else None  # plt.figure(figsize=...) alone
            if kwargs.get("ax") is not None or (plt.get_fignums() and empty is None):
                return plot(*args, **kwargs)
            try:
                inches = size(*args, **kwargs) if size is not None and empty is None else None
            except (KeyError, TypeError, ValueError, AttributeError):
                # not what the size needs: matplotlib's size, still grown to what is drawn (the plotter's own check
                # refuses what it cannot draw, and the figure is closed)
                inches = None
            fig = empty if empty is not None else plt.figure(figsize=inches)
            try:
                drawn = plot(*args, **{**kwargs, "ax": fig.add_subplot()})
            except BaseException:
                if empty is None:
                    plt.close(fig)  # no empty figure left open by a refused call
                else:
                    fig.clear()
                raise
            fit_to_drawing(fig)
            return drawn

        return plotter

    return decorate


def date_axis(ax: Axes) -> None:
    """Label the x axis with 4 to 9 concise dates."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))


def legend_below(ax: Axes, columns: int = 3, *, order: Sequence[str] = (), rows: bool = False, **style: Any) -> Any:
    """Put the legend under the x axis, so it never hides data; its entries in the order of the labels in ``order``
    (the others after them, as drawn), read column by column, or row by row with ``rows`` (:func:`by_rows`: a
    stack's groups, largest first, read across), ``style`` passed to matplotlib (a title, say)."""
    handles, labels = ax.get_legend_handles_labels()
    ranked = sorted(range(len(labels)), key=lambda k: list(order).index(labels[k]) if labels[k] in order else len(order))
    # no more columns than the figure's width holds: long labels (pairs of actors) take fewer, never a clipped legend
    size = legend_font_size()
    widest = max((legend_text_width(label) for label in labels), default=size)
    column = widest + (plt_rc("legend.handlelength") + 0.4 + 1.4) * size  # the swatch and the spaces around it
    fits = max(1, int((ax.figure.get_figwidth() * 72 - 2 * size) // column))
    ncol = max(1, min(columns, len(labels), fits))
    if rows:
        ranked = by_rows(ranked, ncol)
    return ax.legend([handles[k] for k in ranked], [labels[k] for k in ranked], loc="upper center",
                     bbox_to_anchor=(0.5, -0.13), ncol=ncol, handletextpad=0.4, columnspacing=1.4, **style)


def by_rows(entries: Sequence[Any], columns: int) -> list[Any]:
    """Order a legend's entries so that it reads row by row: matplotlib fills a legend column by column (the
    first columns one entry longer where the entries do not fill the last row), so the entries are given to it
    column by column of the rows they should read in.

    Examples
    --------
    >>> by_rows(["a", "b", "c", "d", "e"], 3)  # read as: a b c / d e
    ['a', 'd', 'b', 'e', 'c']
    """
    rows = -(-len(entries) // columns) if columns else 0
    return [entries[row * columns + column] for column in range(columns) for row in range(rows)
            if row * columns + column < len(entries)]


def legend_font_size() -> float:
    """The legend's font size, in points (the setting may name a size: "small")."""
    from matplotlib.font_manager import FontProperties

    return float(FontProperties(size=plt_rc("legend.fontsize")).get_size_in_points())


def legend_text_width(label: str) -> float:
    """The width of a legend entry's text, in points, at the legend's font size."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(size=legend_font_size())
    return float(TextToPath().get_text_width_height_descent(label, font, ismath=False)[0]) if label else 0.0


def legend_columns_width(labels: Sequence[str], columns: int, spacing: float = 1.4, text_pad: float = 0.4) -> float:
    """The width, in points, of a legend of ``labels`` given to matplotlib in ``columns`` columns (column by
    column, every column as tall), each as wide as its longest text and a swatch (``spacing`` and ``text_pad`` as
    the legend's ``columnspacing`` and ``handletextpad``, in font sizes)."""
    size = legend_font_size()
    rows = -(-len(labels) // columns) if columns else 0
    texts = [max((legend_text_width(label) for label in labels[k * rows:(k + 1) * rows]), default=0.0)
             for k in range(columns)]
    swatch = (plt_rc("legend.handlelength") + text_pad) * size
    return sum(texts) + columns * swatch + (columns - 1) * spacing * size + 2 * plt_rc("legend.borderpad") * size


def key_in_columns(entries: Sequence[Any], key: Sequence[Any], columns: int = 3,
                   blank: Any = None) -> tuple[list[Any], int]:
    """Lay out a legend's entries so that ``key`` (entries read together, a key of marker sizes) fills a column of
    its own, the last, and ``entries`` the columns before it, at most ``columns`` in all: the entries in the order
    to give matplotlib (which fills a legend column by column, every column as tall where none is short), each
    column made as tall as the tallest with ``blank`` entries, and the number of columns.

    Examples
    --------
    >>> key_in_columns(["day", "range", "borrowed", "weekday"], [0, 1, 5], blank="")
    (['day', 'range', '', 'borrowed', 'weekday', '', 0, 1, 5], 3)
    >>> key_in_columns(["day", "range"], [0, 1, 5], blank="")
    (['day', 'range', '', 0, 1, 5], 2)
    """
    entries, key = list(entries), list(key)
    if not key or not entries or columns < 2:
        return entries + key, max(1, min(columns, len(entries) + len(key)))
    rows = max(len(key), -(-len(entries) // (columns - 1)))
    before = -(-len(entries) // rows)  # the columns the entries take, as evenly filled as they can be
    tall = -(-len(entries) // before)
    parts = [entries[start:start + tall] for start in range(0, len(entries), tall)]
    laid = [entry for part in parts for entry in part + [blank] * (rows - len(part))]
    return laid + key + [blank] * (rows - len(key)), len(parts) + 1


def plt_rc(name: str) -> Any:
    """Return a matplotlib setting (``legend.fontsize``...)."""
    import matplotlib

    return matplotlib.rcParams[name]


def tag_bars(bars: Any, gid: str) -> None:
    """Give every bar of a BarContainer the same gid, so tests and readers can find them."""
    for patch in bars:
        patch.set_gid(gid)


def dates_as_numbers(values: pd.Series | pd.Index | np.ndarray) -> np.ndarray:
    """Return dates as matplotlib's date numbers (days as floats), the x values of every chart."""
    import matplotlib.dates as mdates

    return mdates.date2num(pd.to_datetime(np.asarray(values)).to_pydatetime()) if len(values) else np.array([])


def note_nothing(ax: Axes, text: str) -> None:
    """Write in the middle of an empty Axes why there is nothing to draw ("no events to show")."""
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", color="0.4")


def nothing_to_draw(ax: Axes, text: str, alt: str) -> None:
    """Leave a chart with nothing to draw undrawn: say why in the middle of its Axes (``text``) and in its
    alternative text (``alt``), and close a figure that is this Axes alone, so that showing the figures shows no
    empty frame (the words beside the chart say what the window lacks). An Axes among others stays, with its
    sentence, for the figure's other charts."""
    from .figures import describe

    note_nothing(ax, text)
    describe(ax, alt)
    if len(ax.figure.axes) == 1:
        import matplotlib.pyplot as plt

        plt.close(ax.figure)


def counted_axes(ax: Axes | None, what: str, empty: bool) -> tuple[Axes, bool]:
    """Start a chart of counts: the Axes (:func:`current_axes`) with ``what`` is counted on its y axis; when there
    is nothing (``empty``), say so on the chart and in its alternative text. Returns the Axes and ``empty``."""
    from .figures import describe

    ax = current_axes(ax)
    ax.set_ylabel(what)
    if empty:
        note_nothing(ax, "nothing to count")
        describe(ax, f"No {what} to count.")
    return ax, empty


def note_below(ax: Axes, anchor: Any, text: str, *, gid: str, size: float = 8.0) -> Any:
    """Write a note under an artist of the chart (its legend, or its x axis), from the Axes' left edge, wrapped to
    its width.

    Under an axis the note is placed at a distance from the Axes' bottom, in points, that the axis' tick labels
    take now: placed relative to the axis itself, it was measured on the figure before a tight bounding box
    moved it, and drawn outside the saved image (its room left blank).
    """
    import textwrap

    from matplotlib.axis import Axis

    chars = int(ax.get_position().width * ax.figure.get_figwidth() * 72 / (0.55 * size))
    xycoords, below = ("axes fraction", anchor), 6.0
    if isinstance(anchor, Axis):
        renderer = ax.figure.canvas.get_renderer()
        labels = anchor.get_tightbbox(renderer)
        xycoords = "axes fraction"
        below += max(ax.get_window_extent(renderer).y0 - labels.y0, 0.0) * 72 / ax.figure.dpi
    note = ax.annotate(textwrap.fill(" ".join(text.split()), chars), xy=(0, 0), xycoords=xycoords,
                       xytext=(0, -below), textcoords="offset points", ha="left", va="top", fontsize=size,
                       color="0.25", annotation_clip=False)
    note.set_gid(gid)
    return note
