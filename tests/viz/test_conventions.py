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
