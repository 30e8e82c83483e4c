"""The index's thumbnails: the first figure, scaled down, sharp on dense screens."""

from __future__ import annotations

import base64
import io

import nbformat
from PIL import Image

from analysis.report.thumbnails import THUMBNAIL_WIDTH, thumbnail


def _png(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def _notebook(*sizes: tuple[int, int]) -> nbformat.NotebookNode:
    cells = [nbformat.v4.new_markdown_cell("# Figures")]
    for width, height in sizes:
        output = nbformat.v4.new_output("display_data", data={"image/png": _png(width, height)})
        cells.append(nbformat.v4.new_code_cell("plot()", outputs=[output]))
    return nbformat.v4.new_notebook(cells=cells)


def test_the_first_figure_is_stored_at_twice_the_card_width_and_shown_within_the_card():
    uri, width, height = thumbnail(_notebook((1800, 900), (300, 300)))
    image = Image.open(io.BytesIO(base64.b64decode(uri.removeprefix("data:image/png;base64,"))))
    assert image.size == (2 * THUMBNAIL_WIDTH, THUMBNAIL_WIDTH)
    assert (width, height) == (460, 230)  # the card is at most 460 x 240 CSS pixels


def test_a_small_figure_is_kept_as_it_is_and_no_figure_gives_none():
    uri, width, height = thumbnail(_notebook((200, 120)))
    assert Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).size == (200, 120)
    assert (width, height) == (200, 120)
    assert thumbnail(_notebook()) == (None, None, None)
