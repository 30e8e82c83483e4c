"""The words of a run other than the default: titles, index cards and key sentences from the data."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest
from acled_files import write_acled

from analysis.report.execute import DEFAULT_ONLY_TAG, inject_parameters, without_default_only
from analysis.report.inputs import notebook_data
from analysis.report.story import PAGES, Story, tell
from analysis.report.summary import notebook_summary
from analysis.report.words.common import CARD_METADATA
from analysis.stats.highlights import per_period

#: Names only the five coded reports hold; no page of another run may mention them where the data have none.
CODED_NAMES = ("K-1", "Taji", "Soleimani", "Muhandis", "Kata'ib Hezbollah", "Irbil", "Ain al-Asad", "al-Qaim",
               "Qayyarah", "five reports", "five coded reports")


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return write_acled(tmp_path_factory.mktemp("acled") / "somalia.csv", 2000)


def _everything(story: Story) -> str:
    return "\n".join([*(story.heading(page).markdown for page in PAGES), story.timeline(), story.attacks(),
                      story.casualties(), story.posture(), story.sources(), *(story.limits(page) for page in PAGES)])


def test_a_large_run_takes_the_forms_its_size_needs(export, close_figures):
    """Above 300 events the timeline is drawn as bands and its note says why; above 200 attacks the killed per
    attack are a distribution (the builds of tests/report/test_story_pages.py show the small forms on a page)."""
    import analysis
    from analysis.viz.figures import alt_text

    data = notebook_data(str(export))
    assert len(data.events) > 300 and int(data.selection(data.events).sum()) > 200
    assert analysis.timeline_form(data.events) == "bands"
    assert f"{len(data.events):,} events are too many to draw one by one" in Story(data).section("timeline")
    ax = analysis.plot_attack_casualties(data.events, data.casualties, kinds=data.selection,
                                         what=data.selection.what)
    alt = alt_text(ax)
    assert "by people killed in each (lowest figure reported): 0: " in alt and "10-" in alt
    assert "25 or more" not in alt  # the deadliest killed fewer: no empty bar for it
    # the bars of the killed per week sum to the killed the page states, none of them lost to the window's edges
    story = Story(data)
    killed = analysis.killed_per_period(data.events, data.casualties, freq=story.period("weekly", "W"),
                                        kinds=data.selection, start=data.window[0], end=data.window[1],
                                        dates=data.date_rule)
    total = int(data.attacks["fatalities"].sum())
    assert killed["killed"].sum() == total and killed.attrs["outside"]["killed"] == 0
    assert f"killed {total:,} people" in story.casualties()


@pytest.mark.slow
def test_an_acled_run_is_told_from_its_data(export):
    data = notebook_data(str(export))
    story = Story(data)
    heading = story.heading("timeline").markdown
    assert heading.startswith("# How events unfolded in Somalia, ")
    killed = int(data.events["fatalities"].sum())
    assert "2,000 events in Somalia" in heading and f"{killed:,} people were killed" in heading
    # the file's burst week is the peak, and the sentence gives the chart's own figure
    weekly = per_period(data.events, freq="W", start=data.window[0], end=data.window[1])
    top = weekly.loc[weekly["expected"].idxmax()]
    assert top["period_start"] == pd.Timestamp("2025-03-03")
    # the timeline's title states the peak; the findings under it do not say it again
    assert "peaked in the week of 3-9 March 2025" in story.chart_title("timeline")
    assert "Events peaked in the week of 3-9 March 2025" not in story.timeline()
    text = _everything(story)
    for name in CODED_NAMES:
        assert name not in text
    assert "Events counted: ACLED events of type Battles and Explosions/Remote violence" in story.section("counting")


def test_attacks_on_a_target_are_counted_and_named(export):
    data = notebook_data(str(export), target="Military Forces of the United States")
    attacks = data.attacks
    assert len(attacks) > 0
    assert attacks["actor2"].astype(str).str.contains("United States").all()
    assert set(attacks["event_type"].astype(str)) <= {"Battles", "Explosions/Remote violence"}
    heading = Story(data).heading("attacks").markdown
    assert "on Military Forces of the United States" in heading
    # counted by the name the title gives them, not as "attacks" (the lead and the dateline alike)
    assert (f"{len(attacks):,} events of battles and remote violence on Military Forces of the United States"
            in heading)


def test_an_empty_window_says_no_events_in_this_window(export):
    story = Story(notebook_data(str(export), start="2030-01-01"))
    for page in PAGES:
        assert "in this window" in story.heading(page).markdown
    assert story.heading("timeline").markdown.startswith("# How events unfolded in Somalia, from 1 January 2030")


def test_a_window_of_the_coded_data_is_told_from_its_own_events_and_carries_in_troop_levels():
    data = notebook_data(start="2020-03-01", end="2020-04-30")
    assert not data.is_default
    story = Story(data)
    assert story.heading("timeline").markdown.startswith("# How events unfolded in Iraq, 1 March 2020 to 30 April 2020")
    text = _everything(story)
    assert "Soleimani" not in text and "December 2019" not in text and "June" not in text
    assert "US about 5,200 (6 February 2020, stated before the window and carried in)" in story.posture()
    carried = data.troop_levels[data.troop_levels["carried_in"]]
    assert carried["level_id"].tolist() == ["TL001"]


def test_the_weeks_counted_three_ways_read_on_a_phone():
    """At 390 px the weeks table's headers, the counts' explanations, wrapped to 6 to 10 lines and each week's two
    dates to three: the table has short headers (the page's methods explain them) and a week on one line."""
    from analysis import as_table
    from analysis.stats.periods import attacks_per_period

    data = notebook_data()
    story = Story(data)
    weekly = attacks_per_period(data.events, freq="W", kinds=data.selection, start=data.window[0], end=data.window[1],
                                clip=True, dates=data.date_rule)
    table = as_table(story.busiest(weekly), headers=story.busiest_headers())  # as notebook 02 shows it
    assert table.headers == ["week", "certain", "possible", "expected"]
    active = weekly[weekly["possible"] > 0]
    assert table.cells[0] == [f"{start:%-d}-{end:%-d %b %Y}" if start.month == end.month else
                              f"{start:%-d %b} - {end:%-d %b %Y}"
                              for start, end in zip(active["period_start"], active["period_end"])]
    assert table.cells[3] == [f"{value:.2f}" for value in active["expected"]]
    assert table._repr_html_().startswith('<table class="report-table compact">')


def test_the_default_run_shows_none_of_the_generated_words(capsys, monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kwargs: shown.append((obj, kwargs)))
    data = notebook_data()
    assert data.is_default
    tell(data, "# A generated title")
    tell(data, Story(data).heading("timeline"), default="the one-line summary")
    assert shown == [] and capsys.readouterr().out == "the one-line summary\n"
    other = notebook_data(start="2020-03-01", end="2020-04-30")
    heading = Story(other).heading("timeline")
    tell(other, heading, default="the one-line summary")
    assert capsys.readouterr().out == ""
    [(markdown, kwargs)] = shown
    assert markdown.data == heading.markdown and kwargs["metadata"][CARD_METADATA] == heading.card
    assert not notebook_data(area="Baghdad").is_default and not notebook_data(attacks="US strike").is_default


def test_the_palette_is_the_same_in_every_notebook_of_a_run(export):
    first, second = notebook_data(str(export)).palette, notebook_data(str(export)).palette
    assert first == second
    assert list(first)[:3] == ["Region A", "Region B", "Region C"] and list(first)[-1] == "other"
    assert len(set(first.values())) == len(first)


def test_default_only_cells_leave_the_pages_and_the_index_card_of_a_parameterised_run():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# How the escalation unfolded\n\nThe reports trace a chain from K-1."),
        nbformat.v4.new_code_cell("DATA = None"),
        nbformat.v4.new_code_cell("tell(data, story.heading('timeline'))"),
    ])
    nb.cells[0].metadata["tags"] = [DEFAULT_ONLY_TAG]
    nb.cells[1].metadata["tags"] = ["parameters"]
    nb.cells[2].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/markdown": "# How events unfolded in Somalia\n\n2,000 events in Somalia. More.",
                              "text/plain": "<IPython.core.display.Markdown object>"})]
    assert notebook_summary(without_default_only(nb))[0] == "How the escalation unfolded"
    run = without_default_only(inject_parameters(nb, {"DATA": "/tmp/somalia.csv"}))
    assert [c.cell_type for c in run.cells] == ["code", "code", "code"]
    assert notebook_summary(run) == ("How events unfolded in Somalia", "2,000 events in Somalia.")
    assert not any(re.search("K-1", c.source) for c in run.cells)


@pytest.mark.slow
def test_an_acled_run_says_what_its_tables_and_charts_hold(export):
    from analysis.stats.periods import attacks_per_period
    from analysis.stats.posture import force_posture

    data = notebook_data(str(export))
    story = Story(data)
    # posture: the foreign forces involved, not "bases or"; all the developments counted per month when too many
    posture = force_posture(data.events, country=data.country)
    counted = f"ACLED codes {len(posture):,} strategic developments involving foreign forces"
    assert counted in story.heading("posture").markdown and counted not in story.posture()  # the lead says it, once
    assert "bases or" not in story.posture() + story.heading("posture").markdown + story.chart_title("posture")
    table = story.posture_table()
    assert len(posture) > 60 and table["all"].sum() == pytest.approx(len(posture), rel=0.02)
    assert table["period"].iloc[0] == f"{data.window[0]:%b %Y}" and table["period"].iloc[-1] == f"{data.window[1]:%b %Y}"
    assert f"The {len(posture):,} strategic developments are too many to list" in story.section("posture table")
    # a table of counts has no notes: no notes' table, which would say "No changes of posture" under 191 of them
    assert story.lists_posture() and not story.lists_posture("notes") and story.section("posture coding") == ""
    # killed only: ACLED has no wounded and one figure per event
    # ... and the title states the killed, from the file (not a label: "Killed in ...")
    killed = data.attacks["fatalities"].astype(int)
    assert story.chart_title("casualties") == (f"Battles and remote violence in {data.place} killed {killed.sum():,} "
                                               f"people, at most {killed.max()} in one event")
    assert "wounded" not in story.chart_subtitle("casualties") + story.chart_title("casualties")
    assert "rockets" not in story.attacks_note()
    assert story.events_headers()["documents"] == "sources"
    # the dense timeline's table: the deadliest, none left out that killed as many as one listed
    listed = story.events_table()
    killed = data.events.set_index(data.events["event_id"].astype(str))["fatalities"].astype(int)
    inside = killed.index.isin(listed["event_id"].astype(str))
    assert 0 < len(listed) <= 60 and killed[inside].min() > killed[~inside].max()
    assert story.table_note().startswith(f"The {len(listed)} deadliest of the 2,000 events")
    # the busiest weeks: a caption says which, and no week left out counts as much as one listed
    weekly = attacks_per_period(data.events, freq="W", kinds=data.selection, start=data.window[0], end=data.window[1])
    shown = story.busiest(weekly)
    active = weekly[weekly["possible"] > 0]
    left = active[~active["period_start"].isin(shown.index)]  # each week's first day, the table's index
    assert len(shown) <= 12 and left["expected"].max() < shown["expected"].min()
    assert story.busiest_caption(weekly).startswith(f"The {len(shown)} busiest of the {len(active)} weeks")


def test_the_deadliest_named_never_leave_out_a_tie(tmp_path):
    path = write_acled(tmp_path / "small.csv", 50)
    frame = pd.read_csv(path)
    frame["fatalities"] = 0
    frame.loc[[3, 10, 20, 30], "fatalities"] = [9, 6, 6, 6]  # the 2nd to 4th deadliest tie at 6
    frame.to_csv(path, index=False)
    story = Story(notebook_data(str(path)))
    sentences = story.timeline()
    assert "The deadliest of the events: 9 killed in" in sentences
    assert "6 killed in" not in sentences and "3 more events killed 6 people each." in sentences
