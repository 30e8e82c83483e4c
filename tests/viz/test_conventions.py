"""Every plotting helper follows the same conventions: data first, then keywords, an optional Axes, no showing;
given no Axes, a figure of its own that a plain savefig keeps whole."""

from __future__ import annotations

import ast
import inspect
import io
import itertools

import pandas as pd
import pytest
from helpers_events import make_events

import analysis
from analysis.stats.periods import attacks_per_period
from analysis.stats.selection import is_militia_attack
from analysis.viz import country_map, counts, escalation, evidence, maps, ranges, reconcile, timeline

PLOTTERS = [
    (timeline, "plot_timeline"), (counts, "plot_attacks_per_period"), (escalation, "plot_escalation"),
    (counts, "plot_killed_per_period"),
    (ranges, "plot_ranges"), (ranges, "plot_casualties"), (ranges, "plot_troop_levels"), (maps, "plot_posture_map"),
    (maps, "plot_boundaries"), (country_map, "plot_country_events"), (country_map, "plot_force_moves"),
    (evidence, "plot_evidence"),
    (reconcile, "plot_compared_months"),
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
    from analysis.viz.style import contrast

    return contrast(color, "#FFFFFF")


def test_every_kind_colour_stands_out_on_a_light_page():
    from analysis.viz.style import KIND_COLORS

    # a lane's label and its pale bands are drawn in its colour: none may fade into the page (sand, #DDCC77,
    # was 1.6 to 1)
    faint = {kind: round(_contrast_on_white(color), 2) for kind, color in KIND_COLORS.items()
             if _contrast_on_white(color) < 2.0}
    assert not faint


def _wrong_input(name: str):
    """A frame each plotter cannot use: events for those taking a table, a table of counts for those taking events."""
    from helpers_events import make_events

    from analysis.stats.periods import attacks_per_period

    events = make_events([{"date_start": "2020-03-11", "location": "Camp Taji"}])
    takes_events = {"plot_timeline", "plot_timeline_bands", "plot_attacks", "plot_attack_casualties",
                    "plot_country_events"}
    if name in takes_events:
        return attacks_per_period(events, kinds=None), "counts per period", "load_events or load_acled"
    return events, "events", None


PUBLIC_PLOTTERS = sorted(name for name in __import__("analysis").__all__ if name.startswith("plot_"))
MAKERS = {"plot_attacks_per_period": "attacks_per_period", "plot_escalation": "escalation_per_period",
          "plot_casualties": "casualties_per_event", "plot_killed_distribution": "killed_distribution",
          "plot_killed_per_period": "killed_per_period",
          "plot_troop_levels": "load_troop_levels", "plot_posture_map": "base_posture",
          "plot_posture_panels": "base_posture", "plot_sources": "outlets_table", "plot_source_scales": "source_scales",
          "plot_evidence": "evidence_matrix", "plot_ranges": "a table of low-high figures",
          "plot_outlet_ages": "events_by_outlet_age", "plot_force_moves": "force_posture"}


@pytest.mark.slow
@pytest.mark.parametrize("name", PUBLIC_PLOTTERS)
def test_every_plotter_refuses_a_frame_it_cannot_draw_and_names_what_makes_the_right_one(name, new_axes):
    import analysis
    from analysis import DataError

    frame, what, maker = _wrong_input(name)
    maker = maker or MAKERS[name]
    keywords = {"y": "attack"} if name == "plot_ranges" else {}
    keywords |= {"bases": frame} if name.startswith("plot_posture") else {}
    keywords |= {} if name == "plot_posture_panels" else {"ax": new_axes()}
    with pytest.raises(DataError) as info:
        getattr(analysis, name)(frame, **keywords)
    assert str(info.value).startswith(f"{name} takes the frame that {maker}")
    assert f"got {what}, without " in str(info.value)
    with pytest.raises(TypeError, match=f"{name} takes the frame that .* got list"):
        getattr(analysis, name)([1, 2], **keywords)


# --- given no Axes: a figure of its own ---------------------------------------------------


@pytest.mark.parametrize("name", [name for name in PUBLIC_PLOTTERS
                                  if "ax" in inspect.signature(getattr(analysis, name)).parameters])
def test_every_plotter_given_no_axes_draws_a_figure_of_its_own(name):
    from analysis.viz._axes import own_figure

    assert getattr(analysis, name).__code__ is own_figure()(lambda: None).__code__, f"{name} lacks @own_figure()"


@pytest.fixture
def no_figure(close_figures):
    """No figure open: what a script or a notebook cell starts with."""
    import matplotlib.pyplot as plt

    plt.close("all")


def _inside(artist, fig) -> bool:
    box = artist.get_window_extent(fig.canvas.get_renderer())
    return box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height


def _saved(fig) -> None:
    fig.savefig(io.BytesIO(), format="png", dpi=60)  # plain savefig: the figure as it is, no bbox_inches="tight"


def _weekly():
    events = make_events([{"date_start": "2020-03-02"}, {"date_start": "2020-03-09", "date_end": "2020-03-20"}])
    return attacks_per_period(events, freq="W", kinds=is_militia_attack)


def test_the_key_under_a_chart_is_inside_a_figure_of_its_own(no_figure):
    ax = analysis.plot_attacks_per_period(_weekly())
    _saved(ax.figure)
    assert ax.get_legend() is not None and _inside(ax.get_legend(), ax.figure)
    assert all(_inside(label, ax.figure) for label in ax.get_xticklabels() + [ax.yaxis.label])


def test_a_figure_opened_without_axes_is_drawn_on_at_its_size_and_grown_to_hold_the_key(no_figure):
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(5.0, 3.0))
    ax = analysis.plot_attacks_per_period(_weekly())
    assert ax.figure is fig and fig.get_figwidth() == 5.0 and fig.get_figheight() > 3.0
    assert _inside(ax.get_legend(), fig) and ax.get_position().height * fig.get_figheight() == pytest.approx(3.0 * 0.77)


def test_given_axes_the_figure_is_left_as_it_is(new_axes):
    ax = analysis.plot_attacks_per_period(_weekly(), ax=new_axes(figsize=(6.0, 3.0)))
    assert tuple(ax.figure.get_size_inches()) == (6.0, 3.0)
    assert not _inside(ax.get_legend(), ax.figure)  # the report saves with bbox_inches="tight"


def test_a_refused_call_leaves_no_figure_open(no_figure):
    import matplotlib.pyplot as plt

    with pytest.raises(analysis.DataError, match="plot_evidence takes the frame that evidence_matrix returns"):
        analysis.plot_evidence(make_events([{"date_start": "2020-03-02"}]))
    assert not plt.get_fignums()


def test_an_evidence_heatmap_of_its_own_is_as_wide_as_its_events_need(no_figure):
    matrix = pd.DataFrame([{"doc_id": doc, "document": f"Outlet {doc}, 1 Mar 2020", "event_id": f"EV{n:03d}",
                            "number": n, "kind": "political", "rows": (n + len(doc)) % 3, "disputed": False}
                           for doc in ("a", "bb") for n in range(1, 49)])
    ax = analysis.plot_evidence(matrix)
    _saved(ax.figure)
    renderer = ax.figure.canvas.get_renderer()
    numbers = [label.get_window_extent(renderer) for label in ax.get_xticklabels()]
    assert len(numbers) == 48 and all(left.x1 < right.x0 for left, right in itertools.pairwise(numbers))
    assert _inside(ax.get_legend(), ax.figure)


def test_a_figure_whose_size_cannot_be_told_is_still_the_plotters_own_and_holds_what_it_draws(no_figure):
    # a size function that fails sent the plotter to pyplot's default figure, never grown to hold its key
    import matplotlib.pyplot as plt

    from analysis.viz._axes import own_figure

    def cannot_tell(*args, **kwargs):
        raise KeyError("no such column")

    @own_figure(cannot_tell)
    def plot(ax=None):
        ax.plot([0, 1], [0, 1], label="a line")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2))  # a key under the Axes
        return ax

    ax = plot()
    assert plt.get_fignums() == [ax.figure.number]
    _saved(ax.figure)
    assert _inside(ax.get_legend(), ax.figure)
