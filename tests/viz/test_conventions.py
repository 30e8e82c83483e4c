"""Every plotting helper follows the same conventions: data first, then keywords, an optional Axes, no showing."""

from __future__ import annotations

import ast
import inspect

import pytest

from analysis.viz import counts, evidence, maps, ranges, timeline


PLOTTERS = [
    (timeline, "plot_timeline"), (counts, "plot_attacks_per_period"), (counts, "plot_escalation"),
    (ranges, "plot_ranges"), (ranges, "plot_casualties"), (ranges, "plot_troop_levels"), (maps, "plot_posture_map"),
    (maps, "plot_boundaries"), (evidence, "plot_evidence"),
]


@pytest.mark.parametrize(("module", "name"), PLOTTERS)
def test_plotting_helpers_take_data_first_then_keywords_and_an_optional_axes(module, name):
    signature = inspect.signature(getattr(module, name))
    parameters = list(signature.parameters.values())
    assert parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters[1:]), name
    assert signature.parameters["ax"].default is None


@pytest.mark.parametrize("module", sorted({module for module, _ in PLOTTERS}, key=lambda m: m.__name__))
def test_no_plotting_helper_shows_or_saves(module):
    calls = {node.func.attr for node in ast.walk(ast.parse(inspect.getsource(module)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not calls & {"show", "savefig"}


def _contrast_on_white(color: str) -> float:
    """WCAG contrast ratio of a colour against white."""
    from matplotlib.colors import to_rgb

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(c) for c in to_rgb(color))
    return 1.05 / (0.2126 * red + 0.7152 * green + 0.0722 * blue + 0.05)


def test_every_kind_colour_stands_out_on_a_light_page():
    from analysis.viz.style import KIND_COLORS

    # a lane's label and its pale bands are drawn in its colour: none may fade into the page (sand, #DDCC77,
    # was 1.6 to 1)
    faint = {kind: round(_contrast_on_white(color), 2) for kind, color in KIND_COLORS.items()
             if _contrast_on_white(color) < 2.0}
    assert not faint
