"""What a figure says in words: headline, source line, alternative text, and the PNG that carries it."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

import analysis
from analysis.stats.selection import is_militia_attack
from analysis.viz.figures import PNG_SCALE, alt_text, describe, descriptions, headline, png_with_alt


def test_headline_subtitle_and_source_sit_above_and_below_everything_drawn(new_axes):
    ax = new_axes(figsize=(6, 3))
    ax.plot([1, 2], [1, 2])
    ax.set_xlabel("days")
    fig = headline(ax, "Attacks came in two bursts", subtitle="Attacks per week", source="Source: test data")
    renderer = fig.canvas.get_renderer()
    texts = {t.get_gid(): t.get_window_extent(renderer) for t in fig.texts}
    axes = ax.get_tightbbox(renderer)
    assert texts["headline"].y0 >= texts["subtitle"].y1 - 1 and texts["subtitle"].y0 >= axes.y1 - 1
    assert texts["source"].y1 <= axes.y0 + 1
    headline(ax, "Attacks came in three bursts")  # a new headline replaces the old one
    assert [t.get_text() for t in fig.texts if t.get_gid() == "headline"] == ["Attacks came in three bursts"]


def test_headline_stays_clear_of_axes_that_a_layout_engine_placed():
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), layout="constrained")
    try:
        left.barh([0, 1], [12, 5])
        left.set_yticks([0, 1], ["Islands Post", "Northern Voice"])
        right.set_title("Events by source scale")
        headline(fig, "Who reported the events", subtitle="Events each source reports", source="Source: test")
        fig.canvas.draw()  # drawing must not move the Axes under the texts placed by the headline
        renderer = fig.canvas.get_renderer()
        texts = {t.get_gid(): t.get_window_extent(renderer) for t in fig.texts}
        for ax in (left, right):
            box = ax.get_tightbbox(renderer)
            assert texts["subtitle"].y0 >= box.y1 - 1 and texts["headline"].y0 >= texts["subtitle"].y1 - 1
            assert texts["source"].y1 <= box.y0 + 1
    finally:
        plt.close(fig)


def test_alt_text_joins_titles_descriptions_and_source(new_axes):
    ax = new_axes()
    describe(ax, "Two bars:   27 Dec 2019 and 11 Mar 2020.")
    assert descriptions(ax) == ["Two bars: 27 Dec 2019 and 11 Mar 2020."]
    headline(ax, "Attacks came in two bursts", subtitle="Attacks per week", source="Source: test data")
    assert alt_text(ax) == ("Chart: Attacks came in two bursts. Attacks per week. Two bars: 27 Dec 2019 and "
                            "11 Mar 2020. Source: test data.")


def test_png_with_alt_is_twice_as_sharp_and_carries_its_size_and_alt_text(new_axes):
    ax = new_axes(figsize=(4, 2))
    ax.bar([1, 2], [3, 4])
    describe(ax, "Two bars of 3 and 4.")
    data, metadata = png_with_alt(ax.figure, bbox_inches="tight", metadata={"Software": None})
    image = Image.open(io.BytesIO(base64.b64decode(data)))
    assert image.mode == "P"  # a palette image: flat fills and text in at most 256 colours
    assert (metadata["width"], metadata["height"]) == (image.width // PNG_SCALE, image.height // PNG_SCALE)
    assert metadata["alt"] == "Chart: Two bars of 3 and 4."
    assert png_with_alt(ax.figure, bbox_inches="tight", metadata={"Software": None})[0] == data  # same bytes again


@pytest.mark.slow
@pytest.mark.parametrize("name", ["plot_timeline", "plot_attacks_per_period", "plot_escalation", "plot_troop_levels",
                                  "plot_evidence"])
def test_every_chart_says_what_it_shows_even_when_empty(name, new_axes):
    from analysis.report import notebook_data

    data = notebook_data()
    frames = {
        "plot_timeline": data.events,
        "plot_attacks_per_period": analysis.attacks_per_period(data.events, kinds=is_militia_attack),
        "plot_escalation": analysis.escalation_per_period(data.events),
        "plot_troop_levels": data.troop_levels,
        "plot_evidence": analysis.evidence_matrix(data.reports, data.sources, data.events),
    }
    plot = getattr(analysis, name)
    full = plot(frames[name], ax=new_axes())
    assert any(ch.isdigit() for ch in " ".join(descriptions(full)))
    empty = plot(frames[name].iloc[:0], ax=new_axes())
    assert descriptions(empty) and alt_text(empty).startswith("Chart: ")


@pytest.mark.parametrize("text", ["costs $5", "a \\$ b", "$x^2$", "_hidden", "\u200b_zero width"])
def test_alt_text_keeps_every_word_as_written_while_the_figure_draws_it_literally(text, new_axes):
    from analysis.viz.figures import set_title
    from analysis.viz.literal import literal_text

    ax = new_axes()
    set_title(ax, f"Panel {text}", loc="left")
    set_title(ax.figure, f"Figure {text}")
    describe(ax, f"Described {text}")
    fig = headline(ax, f"Headline {text}", subtitle=f"Subtitle {text}", source=f"Source {text}")
    assert alt_text(fig) == (f"Chart: Headline {text}. Subtitle {text}. Figure {text}. Panel {text}. "
                             f"Described {text}. Source {text}.")
    drawn = {t.get_gid(): t.get_text() for t in fig.texts}
    assert drawn["headline"] == literal_text(f"Headline {text}") and ax.get_title(loc="left") == literal_text(f"Panel {text}")
    fig.canvas.draw()  # a text read as mathematics would fail to draw or change here


def test_png_with_alt_can_leave_the_headline_to_the_page_and_the_figure_keeps_it(new_axes):
    """As text, the words leave the PNG (which is cropped to the chart) and travel as written in its metadata."""
    ax = new_axes(figsize=(4, 2))
    ax.bar([1, 2], [3, 4])
    hostile = "Attacks <script>alert(1)</script> & $x$ *rose*"
    fig = headline(ax, hostile, subtitle="Attacks   per week", source="Source: <b>test</b>")
    kwargs = {"bbox_inches": "tight", "metadata": {"Software": None}}
    drawn_data, drawn = png_with_alt(fig, **kwargs)
    text_data, as_text = png_with_alt(fig, words_as_text=True, **kwargs)
    assert not {"headline", "subtitle", "source"} & set(drawn)
    assert (as_text["headline"], as_text["subtitle"], as_text["source"]) == (hostile, "Attacks per week",
                                                                             "Source: <b>test</b>")
    assert as_text["alt"] == drawn["alt"] and as_text["alt"].startswith(f"Chart: {hostile}.")
    # the image lost the headline and subtitle above the chart and the source line under it
    assert as_text["height"] < drawn["height"] - 25 and as_text["width"] <= drawn["width"]
    assert [t.get_visible() for t in fig.texts] == [True, True, True]  # the figure keeps its words
    assert png_with_alt(fig, **kwargs)[0] == drawn_data and text_data != drawn_data


def test_report_style_refuses_a_headline_place_it_does_not_know():
    with pytest.raises(ValueError, match="headlines='page' is not allowed: use 'figure'"):
        analysis.use_report_style(headlines="page")
