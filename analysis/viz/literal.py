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

#: The longest line of text drawn on a chart, in characters: a longer one is cut and ends in "…" (its whole words
#: stay in the figure's alternative text). A label of thousands of characters would otherwise make a figure
#: of hundreds of megapixels, or squeeze the chart to a sliver.
DRAWN_CHARS = 160

#: Characters that change the direction in which text is drawn (embeddings, overrides, isolates and marks):
#: removed from drawn text, so a name cannot reverse the text of a legend or a label.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def literal_text(text: object) -> str:
    """Return a text that matplotlib draws exactly as written.

    Every ``$`` is escaped (``\\$``, which matplotlib draws as ``$``), so
    no part of the text is read as mathematics; a text starting with ``_``
    gets a zero-width space in front, so that a legend shows it instead of
    leaving it out. Drawn, the result looks like ``str(text)``, but for two
    things: a line longer than :data:`DRAWN_CHARS` characters is cut and
    ends in "…", and the characters that change the direction of text
    (:data:`BIDI_CONTROLS`) are removed. This holds
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
    >>> len(literal_text("x" * 10_000)), literal_text("abc\\u202edef")
    (160, 'abcdef')
    """
    lines = str(text).translate(BIDI_CONTROLS).split("\n")
    text = "\n".join(line if len(line) <= DRAWN_CHARS else line[: DRAWN_CHARS - 1] + "…" for line in lines)
    text = text.replace("$", "\\$")
    return _ZERO_WIDTH_SPACE + text if text.startswith("_") else text
