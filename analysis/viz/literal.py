"""Text from the data, drawn exactly as written.

matplotlib gives two characters a meaning of their own: text between two
``$`` is drawn as mathematics (``$x^2$`` becomes x squared, and a malformed
``$\\frac{1}{$`` makes the whole figure fail to draw), and a legend leaves
out every entry whose label starts with ``_``. Names, places and notes come
from files anyone can write, so every text that reaches a chart from the
data (labels, legends, titles, tick labels) goes through
:func:`literal_text` where it is drawn, and nowhere else: the words of a
figure's alternative text are kept as written
(:mod:`analysis.viz.figures`).
"""

from __future__ import annotations

#: Put before a text starting with "_" so that legends keep it; the zero-width space draws as nothing.
_ZERO_WIDTH_SPACE = "\u200b"


def literal_text(text: object) -> str:
    """Return a text that matplotlib draws exactly as written.

    Every ``$`` is escaped (``\\$``, which matplotlib draws as ``$``), so
    no part of the text is read as mathematics; a text starting with ``_``
    gets a zero-width space in front, so that a legend shows it instead of
    leaving it out. Drawn, the result looks like ``str(text)``. This holds
    with matplotlib's defaults (``text.usetex`` off, ``text.parse_math``
    on), which the report keeps.

    Parameters
    ----------
    text : object
        The text (anything else is turned into text with ``str``).

    Returns
    -------
    str
        The text to give matplotlib.

    Examples
    --------
    >>> literal_text("$x^2$ and $5")
    '\\\\$x^2\\\\$ and \\\\$5'
    >>> literal_text("_underscore")
    '\\u200b_underscore'
    """
    text = str(text).replace("$", "\\$")
    return _ZERO_WIDTH_SPACE + text if text.startswith("_") else text
