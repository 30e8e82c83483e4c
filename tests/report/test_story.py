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
from analysis.stats.highlights import per_period

#: Names only the five coded reports hold; no page of another run may mention them where the data have none.
CODED_NAMES = ("K-1", "Taji", "Soleimani", "Muhandis", "Kata'ib Hezbollah", "Irbil", "Ain al-Asad", "al-Qaim",
               "Qayyarah", "five reports", "five coded reports")


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    return write_acled(tmp_path_factory.mktemp("acled") / "somalia.csv", 2000)


def _everything(story: Story) -> str:
    return "\n".join([*(story.heading(page) for page in PAGES), story.timeline(), story.attacks(),
                      story.casualties(), story.posture(), story.sources(), story.limits()])


def test_an_acled_run_is_told_from_its_data(export):
    data = notebook_data(str(export))
    story = Story(data)
    heading = story.heading("timeline")
    assert heading.startswith("# How events unfolded in Somalia, ")
    killed = int(data.events["fatalities"].sum())
    assert f"2,000 events in Somalia" in heading and f"{killed:,} people were killed" in heading
    # the file's burst week is the peak, and the sentence gives the chart's own figure
    weekly = per_period(data.events, freq="W", start=data.window[0], end=data.window[1])
    top = weekly.loc[weekly["expected"].idxmax()]
    assert top["period_start"] == pd.Timestamp("2025-03-03")
    assert "Events peaked in the week of 3-9 March 2025" in story.timeline()
    text = _everything(story)
    for name in CODED_NAMES:
        assert name not in text
    assert "Attacks counted: ACLED events of type Battles and Explosions/Remote violence" in story.section("counting")


def test_attacks_on_a_target_are_counted_and_named(export):
    data = notebook_data(str(export), target="Military Forces of the United States")
    attacks = data.attacks
    assert len(attacks) > 0
    assert attacks["actor2"].astype(str).str.contains("United States").all()
    assert set(attacks["event_type"].astype(str)) <= {"Battles", "Explosions/Remote violence"}
    heading = Story(data).heading("attacks")
    assert "on Military Forces of the United States" in heading
    assert f"{len(attacks):,} attack" in heading


def test_an_empty_window_says_no_events_in_this_window(export):
    story = Story(notebook_data(str(export), start="2030-01-01"))
    for page in PAGES:
        assert "in this window" in story.heading(page)
    assert story.heading("timeline").startswith("# How events unfolded in Somalia, from 1 January 2030")


def test_a_window_of_the_coded_data_is_told_from_its_own_events_and_carries_in_troop_levels():
    data = notebook_data(start="2020-03-01", end="2020-04-30")
    assert not data.is_default
    story = Story(data)
    assert story.heading("timeline").startswith("# How events unfolded in Iraq, 1 March 2020 to 30 April 2020")
    text = _everything(story)
    assert "Soleimani" not in text and "December 2019" not in text and "June" not in text
    assert "US about 5,200 (6 February 2020, stated before the window and carried in)" in story.posture()
    carried = data.troop_levels[data.troop_levels["carried_in"]]
    assert carried["level_id"].tolist() == ["TL001"]


def test_the_default_run_shows_none_of_the_generated_words(capsys):
    data = notebook_data()
    assert data.is_default
    assert tell(data, "# A generated title") is None
    assert capsys.readouterr().out == ""
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
