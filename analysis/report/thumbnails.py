"""Scale a notebook's first figure down to a thumbnail for the index page."""

from __future__ import annotations

import base64
import io

import nbformat

THUMBNAIL_WIDTH = 360  # CSS pixels; the image is stored at twice that


def thumbnail(nb: nbformat.NotebookNode, width: int = 2 * THUMBNAIL_WIDTH) -> tuple[str | None, int | None, int | None]:
    """Scale the notebook's first PNG figure to a data URI (None when there is none)."""
    from PIL import Image

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png") if output.get("output_type") in {
                "display_data",
                "execute_result",
            } else None
            if not data:
                continue
            image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
            if image.width > width:
                height = max(1, round(image.height * width / image.width))
                image = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
            # Shown at most 460 x 240 CSS pixels (the index card), sharp on dense screens.
            scale = min(1.0, 460 / image.width, 240 / image.height)
            return f"data:image/png;base64,{encoded}", round(image.width * scale), round(image.height * scale)
    return None, None, None



def first_figure_alt(nb: nbformat.NotebookNode) -> str | None:
    """Return the alternative text stored with the notebook's first PNG figure (None when it has none)."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                alt = output.get("metadata", {}).get("image/png", {}).get("alt")
                return str(alt) if alt else None
    return None
