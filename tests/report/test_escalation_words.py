"""The escalation chart's words: the events named under its bars below zero, and its peaks' events written whole."""

from __future__ import annotations

import pandas as pd
import pytest
from acled_files import write_acled_events

import analysis
from analysis.report.inputs import notebook_data
from analysis.report.story import Story


@pytest.fixture(scope="module")
def coded():
    return Story(notebook_data())


def test_the_coded_bars_below_zero_are_named_by_their_events_number_and_headline(coded):
    # the K-1 handover, 10 points down, and the June agreement had no name on the chart
    names = coded.down_names()
    # the weeks' bars above zero are named on a second line: June's four bars of the Taji rockets (event 46) stood
    # over the bars of event 45, the one name under them, and read as its own
    k1 = ("\u2193 event 41: US hands K-1 Air Base in Kirkuk to the Iraqi army\n"
          "\u2191 event 25: US strikes back at Kata'ib Hezbollah")
    june = ("\u2193 event 45: Iraq and US reaffirm the US will reduce its troops\n"
            "\u2191 event 46: Two Katyusha rockets fired at Camp Taji, no casualties")
    assert names.to_dict() == {pd.Timestamp("2020-03-23"): k1, pd.Timestamp("2020-03-30"): k1,
                               **{pd.Timestamp(day): june for day in ("2020-06-01", "2020-06-08", "2020-06-15",
                                                                     "2020-06-22")}}
    # every week the chart pulls down is named, and no other
    weekly = coded.facts.escalation
    assert sorted(names.index) == sorted(weekly.loc[weekly["cooperation"] > 0, "period_start"])


def test_an_acled_files_agreements_are_named_one_by_one_or_counted_by_kind(tmp_path):
    agreement = {"disorder_type": "Strategic developments", "event_type": "Strategic developments",
                 "sub_event_type": "Agreement"}
    export = write_acled_events(tmp_path / "agreements.csv", [
        {"event_date": "2020-03-02", "sub_event_type": "Armed clash", "event_type": "Battles"},
        {**agreement, "event_date": "2020-03-03", "location": "Erbil $x$"},
        {**agreement, "event_date": "2020-03-17", "location": "Basra"},
        {**agreement, "event_date": "2020-03-18", "location": "Mosul"},
        {**agreement, "event_date": "2020-03-19", "location": "Kirkuk"},
    ])
    names = Story(notebook_data(str(export))).down_names()
    # the week of the Erbil agreement has a clash too, above zero: named on a line of its own
    assert names.to_dict() == {pd.Timestamp("2020-03-02"): "\u2193 event 2: agreement at Erbil $x$\n"
                                                           "\u2191 event 1: clash at Test town",
                               pd.Timestamp("2020-03-16"): "3 events: agreements"}


def test_the_peaks_events_are_written_whole_in_the_table_the_sentence_and_the_alt_text(coded, close_figures):
    # the table showed "5.99" events of which "2.26" scored, spread over their possible days; its sentence "6 events,
    # 2.3 of them scored"
    from analysis.viz.figures import alt_text

    weekly = coded.facts.escalation
    peaks = analysis.escalation_peaks(weekly)
    assert peaks["events"].iloc[0] == pytest.approx(5.99, abs=0.005)  # the measure keeps its numbers
    table = coded.peaks_table(peaks)
    assert list(table.columns) == list(coded.peaks_headers())
    # near a whole number "about" it; else one decimal, so that no week shows more points than its scored acts
    # can make (1.4 acts of at most 10 points for 14 points; "about 1" could not)
    assert table[["events", "scored"]].values.tolist() == [["about 6", "2.3"], ["1.6", "1.6"], ["2.5", "1.4"]]
    shown = repr(analysis.as_table(table, headers=coded.peaks_headers()))
    assert "5.99" not in shown and "2.26" not in shown and "about 6" in shown
    sentence = coded.escalation(weekly)
    assert "22.6 points, from about 6 events, 2.3 of them scored" in sentence
    import matplotlib.pyplot as plt

    ax = analysis.plot_escalation(weekly, ax=plt.figure().gca())
    assert "9-15 Mar 2020 22.6 points, from about 6 events, 2.3 of them scored" in alt_text(ax)
    assert "else to one decimal" in coded.section("scoring")


def test_whole_counts_stay_numbers_in_the_peaks_table(tmp_path):
    export = write_acled_events(tmp_path / "clashes.csv", [
        {"event_date": "2020-03-02", "sub_event_type": "Armed clash", "event_type": "Battles"},
        {"event_date": "2020-03-03", "sub_event_type": "Peaceful protest", "event_type": "Protests",
         "disorder_type": "Demonstrations"},
    ])
    story = Story(notebook_data(str(export)))
    table = story.peaks_table(analysis.escalation_peaks(story.facts.escalation))
    assert table[["events", "scored"]].values.tolist() == [[2.0, 1.0]]
    assert "from 2 events, 1 of them scored" in story.escalation(story.facts.escalation)
