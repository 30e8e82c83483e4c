"""Tables to read: events with their numbers and documents, reported totals, troop-level statements, notes."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_events, make_table, troop_levels_sample

import analysis
from analysis import schema
from analysis.stats.selection import event_keys, event_numbers
from analysis.stats.tables import (
    events_table,
    reported_totals_table,
    troop_level_statements,
)

SOURCES = pd.DataFrame({
    "doc_id": ["003_abc", "001_def"], "outlet": ["The Media Line", None],
    "published_start": pd.to_datetime(["2020-06-06", "2020-04-01"]),
    "published_end": pd.to_datetime(["2020-07-03", "2020-04-30"]),
})


def test_events_table_lists_events_in_order_with_their_numbers_and_documents(attacks):
    reports = pd.DataFrame({"event_id": ["EV002", "EV002", "EV001"],
                            "doc_id": ["003_abc", "001_def", "001_def"]})
    table = events_table(attacks.iloc[::-1], reports, n=3)
    assert table["event_id"].tolist() == ["EV001", "EV002", "EV003"]
    assert table["number"].tolist() == [1, 2, 3]
    assert table["documents"].tolist()[:2] == ["001", "001; 003"] and pd.isna(table["documents"].iloc[2])
    assert table.index.tolist() == [0, 1, 2]  # no index to show: the number is a column
    assert table.loc[1, "when"] == "14-17 Mar 2020"
    named = events_table(attacks, reports, sources=SOURCES)
    assert named.loc[1, "documents"] == "unnamed outlet, Apr 2020; The Media Line, 6 Jun - 3 Jul 2020"


def test_events_table_keeps_the_numbers_of_all_events_when_it_lists_some_kinds(events):
    table = events_table(events, kinds=["posture change"])
    assert table["event_id"].tolist() == ["EV005"]
    # the number in the id, whatever subset is listed or shown (the timeline's and the heatmap's too)
    assert table["number"].tolist() == [5] == events_table(events.iloc[::2], kinds=["posture change"])["number"].tolist()
    assert event_keys(events.iloc[:2]).tolist() == [int(i[2:]) for i in events["event_id"].iloc[:2]]


def test_event_keys_fall_back_to_reading_order_where_ids_do_not_end_in_a_number():
    events = make_events([{"date_start": "2020-03-11", "event_id": "first"},
                          {"date_start": "2020-01-11", "event_id": "second"}])
    assert event_keys(events).tolist() == event_numbers(events).tolist() == [2, 1]
    twice = events.assign(event_id=["IRQ7", "SYR7"])  # two countries' ids with one number: not unique
    assert event_keys(twice).tolist() == [2, 1]


def test_events_table_gives_each_event_its_headline_where_the_data_have_one(events):
    titled = events.assign(headline=pd.array(["Rockets hit Taji"] + [None] * (len(events) - 1), dtype="string"))
    table = events_table(titled)
    assert table.loc[table["event_id"] == events["event_id"].iloc[0], "headline"].tolist() == ["Rockets hit Taji"]
    assert "headline" not in events_table(events).columns  # an ACLED file has none: no empty column


def test_event_numbers_follow_dates_then_kind_so_same_dated_events_are_consecutive():
    same = {"date_start": "2020-01-03", "date_end": "2020-02-06", "event_type": "Strategic developments",
            "sub_event_type": "Other"}
    events = make_events([
        {**same, "category": "political", "event_id": "EV009"},
        {**same, "category": "posture change", "event_id": "EV010"},
        {**same, "category": "political", "event_id": "EV005"},
        {"date_start": "2020-01-20", "category": "political", "event_id": "EV001", "event_type": "Strategic developments",
         "sub_event_type": "Other"},
    ])
    numbers = dict(zip(events["event_id"], event_numbers(events)))
    # all four fall on 20 Jan (the ranged ones' mid-point); the ranges start earlier; posture changes come before
    # political events (the order of the lanes); ties go by id
    assert numbers == {"EV010": 1, "EV005": 2, "EV009": 3, "EV001": 4}


def test_text_from_the_data_reaches_notebook_html_escaped(attacks):
    hostile = attacks.assign(notes=pd.array(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                             "plain", "plain"], dtype="string"),
                             actor1=pd.array(["<b>Group</b>"] * 4, dtype="string"))
    html = analysis.as_table(events_table(hostile))._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>Group" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_reported_totals_table_shows_totals_as_worded():
    totals = make_table(schema.REPORTED_TOTALS, [
        {"total_id": "RT2", "date_start": "2019-10-01", "date_end": "2019-11-30", "date_basis": "b",
         "measure": "air strikes", "actor": None, "count_low": 45, "count_high": 45, "qualifier": "exact",
         "doc_id": "003_abc", "quote": "45 strikes"},
        {"total_id": "RT1", "date_start": "2019-03-01", "date_end": "2020-03-20", "date_basis": "b",
         "measure": "rocket attacks", "actor": "Kata'ib Hezbollah", "count_low": 13, "count_high": None,
         "qualifier": "more than", "doc_id": "001_def", "quote": "over a dozen rocket attacks"},
    ])
    table = reported_totals_table(totals)
    assert table[["period", "measure", "as_worded", "bounds", "document"]].values.tolist() == [
        ["1 Mar 2019 - 20 Mar 2020", "rocket attacks", "more than 12", "13 or more", "001_def"],
        ["1 Oct - 30 Nov 2019", "air strikes", "45", "45", "003_abc"],
    ]
    assert reported_totals_table(totals, SOURCES)["document"].tolist() == [
        "unnamed outlet, Apr 2020", "The Media Line, 6 Jun - 3 Jul 2020"]


def test_a_total_whose_start_no_sentence_gives_shows_no_start_day():
    """The scope's first day (the coding's convention) is not a date any report gives: the period does not show it,
    and those totals come first, by their last day, then the others by their first (they read as unsorted among
    the totals of 2019)."""
    totals = analysis.load_reported_totals()
    table = reported_totals_table(totals)
    k = int(totals["date_start_from"].eq("convention").sum())
    assert k >= 5  # the packaged totals that name no period
    unstarted = table["period"].str.fullmatch(r"until \d{1,2} \w{3} \d{4} \(no start given\)")
    assert unstarted.tolist() == [True] * k + [False] * (len(table) - k)
    assert not table["period"].str.contains("Mar 2019 - ").any()
    ends = pd.to_datetime(table["period"][:k].str.extract(r"until (.*) \(")[0], format="%d %b %Y")
    assert ends.is_monotonic_increasing
    # a start a sentence gives is still written as a day ("in the spring of 2019": 1 March 2019)
    assert table["period"][k:].iloc[0] == "1 Mar - 27 Dec 2019"


def test_troop_level_statements_keep_their_own_dates_and_say_when_figures_overlap():
    statements = troop_level_statements(troop_levels_sample())
    assert statements["level_id"].tolist() == ["TL1", "TL2", "TL3"]  # by force (US, UK), then date
    by_id = statements.set_index("level_id")
    assert by_id.loc["TL1", "date_end"] == pd.Timestamp("2020-02-06")  # no step to the next statement
    assert by_id["value"].to_dict() == {"TL1": 5200.0, "TL2": 5000.0, "TL3": 400.0}
    assert by_id.loc["TL3", "as_worded"] == "less than 400"
    assert by_id.loc["TL1", "compared"] == "first statement"
    assert by_id.loc["TL2", "compared"] == "overlaps the previous figure (5,150-5,250 fits both): no change shown"


def test_troop_level_statements_name_a_change_only_where_the_bounds_part():
    levels = troop_levels_sample()
    levels.loc[1, ["count_low", "count_high"]] = [3500, 4500]
    statements = troop_level_statements(levels).set_index("level_id")
    assert statements.loc["TL2", "compared"] == "lower than the previous figure"


def test_an_events_number_is_shown_as_written_not_as_a_count():
    # an ACLED event numbered 2858 (its id SOM2858) read "2,858" in the '#' column; counts keep their separators
    table = analysis.as_table(pd.DataFrame({"number": pd.array([2858, 41, None], dtype="Int64"),
                                   "events": [2858, 41, 1200]}))
    assert table.cells[0] == ["2858", "41", "\u2013"] and table.numeric[0]
    assert table.cells[1] == ["2,858", "41", "1,200"]
