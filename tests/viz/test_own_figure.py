"""A plotter given no Axes draws a figure of its own that a plain savefig keeps whole; given one, it leaves the
figure as it is; the default colours of a map tell its kinds apart."""

from __future__ import annotations

import io
import itertools

import pandas as pd
import pytest
from helpers_events import make_events

import analysis
from analysis.stats.periods import attacks_per_period
from analysis.stats.selection import is_militia_attack


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


def test_a_maps_default_colours_tell_sub_event_types_of_neighbouring_hues_apart():
    from analysis.schema import ACLED_SUB_EVENT_TYPES
    from analysis.stats.posture import ACLED_POSTURE_SUB_EVENT_TYPES
    from analysis.viz.maps import ALIKE, stable_colors
    from analysis.viz.style import color_distance

    kinds = ["Attack", "Air/drone strike", "Peaceful protest", "Shelling/artillery/missile attack", "Armed clash"]
    of_type = {sub: kind for kind, subs in ACLED_SUB_EVENT_TYPES.items() for sub in subs}
    colours = stable_colors(pd.Series(kinds))
    assert all(color_distance(colours[a], colours[b]) >= ALIKE for a, b in itertools.combinations(kinds, 2)
               if of_type[a] != of_type[b])  # those of one type differ in lightness, by design
    assert colours["Air/drone strike"] == stable_colors(pd.Series(["Air/drone strike"]))["Air/drone strike"]  # the earlier keeps its own
    assert colours["Peaceful protest"] in {"#E69F00", "#7F5700", "#F4D48C"}  # a shade of the protests' hue still
    posture = list(ACLED_POSTURE_SUB_EVENT_TYPES)  # shades of one hue, apart in lightness: as they were
    assert stable_colors(pd.Series(posture)) == {"Change to group/activity": "#00573F",
                                                 "Headquarters or base established": "#14A67E",
                                                 "Non-violent transfer of territory": "#8CD3C0"}
