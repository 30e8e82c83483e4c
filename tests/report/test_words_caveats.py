"""The caveat of the events that may be coded twice, and its table, on the sources page of an ACLED run.

Each run is a small export the tests write (:func:`tests.acled_files.alike_events`); the expected figures are
counted here from the rows as written, not by :func:`analysis.possible_duplicates`.
"""

from __future__ import annotations

import html

import pandas as pd
import pytest
from acled_files import alike_events, write_acled_events

from analysis import as_table
from analysis.report.inputs import notebook_data
from analysis.report.story import Story
from analysis.report.words import caveats as words

#: Hostile names for the actors and the place of an exact pair.
HOSTILE = {"actor1": "<script>alert('actor1')</script> [a](https://evil.example/a)",
           "actor2": "Militia **bold** <img src=x onerror=alert(2)>",
           "location": "Town `code` <b>place</b> ![p](https://evil.example/p.png)"}


def run(tmp_path, rows: list[dict[str, str]]) -> Story:
    return Story(notebook_data(str(write_acled_events(tmp_path / "export.csv", rows))))


def line(story: Story) -> str:
    """The caveats' line on events coded twice."""
    found = [text for text in story.caveats().splitlines() if text.startswith("- **Events coded twice?**")]
    assert len(found) == 1
    return found[0]


def test_the_caveat_counts_the_groups_their_events_and_killed(tmp_path):
    rows = alike_events()
    story = run(tmp_path, rows)
    # by the file's rows: TST1-3 (a battle told three times), TST4-5 (exact), TST6-7 (fatalities apart) are alike
    grouped = [rows[i] for i in range(7)]
    killed = sum(int(row["fatalities"]) for row in grouped)
    weekly = sum(row.get("time_precision") == "2" for row in rows)
    assert line(story) == (
        "- **Events coded twice?** 3 groups of events (2 pairs and 1 group of three) share their day, place, actors "
        f"and kind under different ids (7 events, {killed} killed; one with the same fatalities and notes too). "
        "ACLED's own ids differ, so they are counted as different events here: if each group is one event, the "
        f"counts are 4 events too high. {weekly} events dated only to a week or a month are not compared: sharing "
        "the middle day of a week or month does not put two events on one day.")


def test_one_exact_pair_is_said_as_such_and_none_in_one_clause(tmp_path):
    rows = alike_events()
    pair = run(tmp_path, rows[3:5] + rows[7:9])
    assert line(pair) == (
        "- **Events coded twice?** 1 pair of events shares their day, place, actors and kind under different ids "
        "(2 events, 0 killed; the same fatalities and notes too). ACLED's own ids differ, so they are counted as "
        "different events here: if each group is one event, the counts are 1 event too high.")
    (tmp_path / "none").mkdir()
    none = run(tmp_path / "none", rows[7:11])  # other actors; an attack and its reverse
    assert line(none) == ("- **Events coded twice?** No two events share their day, place, actors and kind under "
                          "different ids.")
    assert none.duplicates_table().empty and none.duplicates_note() == ""


def test_the_table_shows_each_group_once_by_day_with_each_events_killed(tmp_path):
    story = run(tmp_path, alike_events())
    table = story.duplicates_table()
    assert table[["events", "place", "killed", "also alike"]].values.tolist() == [
        ["TST4, TST5", "Alpha", "0, 0", "fatalities and notes"],
        ["TST6, TST7", "Bravo", "1, 3", "notes"],
        ["TST1, TST2, TST3", "Charlie", "2, 2, 2", "fatalities"],
    ]
    assert table["date"].tolist() == list(pd.to_datetime(["2020-03-01", "2020-03-02", "2020-03-03"]))
    assert table["actors"].iloc[2] == "Military Forces of Iraq (2020-) – Islamic State (Iraq)"
    assert table["kind"].tolist() == ["Shelling/artillery/missile attack"] * 2 + ["Armed clash"]
    assert story.duplicates_note().startswith("Every group of events that share their day, place, actors and kind")


def test_the_table_shows_the_first_groups_and_its_caption_says_how_many(tmp_path, monkeypatch):
    monkeypatch.setattr(words, "DUPLICATES_SHOWN", 2)
    story = run(tmp_path, alike_events())
    assert story.duplicates_table()["events"].tolist() == ["TST4, TST5", "TST6, TST7"]
    assert story.duplicates_note().startswith("The first 2 of the 3 groups of events that share")


def test_hostile_names_of_the_events_alike_are_shown_as_text(tmp_path):
    rows = alike_events()
    pair = [{**row, **HOSTILE} for row in rows[3:5]]
    story = run(tmp_path, pair)
    assert "1 pair of events shares" in line(story)
    for value in HOSTILE.values():  # the caveat names no one: no value reaches its Markdown
        assert value not in story.caveats()
    shown = as_table(story.duplicates_table(), caption=story.duplicates_note())._repr_html_()
    for value in HOSTILE.values():
        assert html.escape(value, quote=False) in shown or html.escape(value) in shown
    assert "<script>" not in shown and "<img" not in shown and "<b>place" not in shown


def test_the_coded_run_says_no_caveat_and_shows_no_table():
    story = Story(notebook_data())
    assert story.caveats() == "" and story.duplicates_table().empty and story.duplicates_note() == ""


@pytest.mark.parametrize("shown", [1, 3])
def test_the_caption_names_one_group_or_every_group(tmp_path, shown):
    rows = alike_events()
    story = run(tmp_path, rows[3:5] if shown == 1 else rows[:7])
    assert story.duplicates_note().startswith("The one group of" if shown == 1 else "Every group of")
