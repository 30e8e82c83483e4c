"""The pages' words for the rows INVALID=drop left out (analysis.report.words.dropped), on small frames."""

from __future__ import annotations

import pandas as pd

from analysis.io.dropped import readable_dropped
from analysis.report.words.dropped import Figure, group_figures, what_they_seem, with_them
from analysis.text import markdown_text as md

US = "Military Forces of the United States (2017-)"


def rows(*records: dict) -> pd.DataFrame:
    """What can be read of rows left out, from their fields as text (each with its line first)."""
    fields = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
              "actor2", "assoc_actor_2", "admin1", "country", "source", "fatalities", "notes"]
    table = pd.DataFrame([{"line": r["line"], "reasons": "a rule", **{f: r.get(f, "") for f in fields}}
                          for r in records])
    for k, record in enumerate(records):
        if record.get("cut"):  # the file ends inside the record: the fields after ``cut`` are not there
            table.loc[k, fields[fields.index(record["cut"]) + 1:]] = None
    return readable_dropped(table)


def shelling(line: int, day: str, killed: str = "", **more) -> dict:
    return {"line": line, "event_date": day, "year": day[:4], "event_type": "Explosions/Remote violence",
            "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Unidentified Armed Group (Iraq)",
            "actor2": "Military Forces of Iraq (2018-)", "assoc_actor_2": f"{US}; Contractors (United States)",
            "admin1": "Kirkuk", "country": "Iraq", "fatalities": killed, **more}


def test_a_few_rows_are_named_and_what_they_share_said_once():
    left = rows(shelling(5, "2020-03-29", "5"), shelling(30, "2020-04-15", "7", event_id_cnty="IRQ9", cut="fatalities"))
    assert what_they_seem(left, str) == (
        " What can still be read of them: both read as a shelling/artillery/missile attack in Kirkuk (Iraq), "
        "Unidentified Armed Group (Iraq) against Military Forces of Iraq (2018-) with Military Forces of the United "
        "States (2017-) and Contractors (United States) (line 5: 29 Mar 2020, 5 killed, no event ID; line 30: "
        "15 Apr 2020, cut off).")  # the last field a cut record holds may be cut short: its 7 killed is not said
    # what they do not share is said of each; a date that does not read is said so
    other = rows(shelling(5, "2020-02-30", "5"), {"line": 9, "event_date": "2020-03-01", "year": "2020",
                                                  "event_type": "Protests", "admin1": "Basra", "country": "Iraq",
                                                  "actor1": "Protesters (Iraq)", "fatalities": "0"})
    said = what_they_seem(other, str)
    assert said.startswith(" What can still be read of them: line 5: a shelling/artillery/missile attack in Kirkuk "
                           "(Iraq), Unidentified Armed Group (Iraq) against ")
    assert said.endswith("no date that reads, 5 killed, no event ID; line 9: an event of ACLED's type Protests in "
                         "Basra (Iraq), Protesters (Iraq), 1 Mar 2020, 0 killed, no event ID.")


def test_many_rows_are_counted_by_kind_and_month_and_the_deadliest_three_named():
    left = rows(*[shelling(10 + k, f"2020-0{3 + k % 2}-1{k}", str(k)) for k in range(5)],
                {"line": 40, "event_date": "someday", "fatalities": "x"})
    said = what_they_seem(left, str)
    assert said.startswith(" What can still be read of them: by kind, Explosions/Remote violence 5 and no kind that "
                           "reads 1; by month, Mar 2020 3, Apr 2020 2 and no date that reads 1. Three of them (the "
                           "most killed first): line 14: ")
    assert said.index("line 14: ") < said.index("line 13: ") < said.index("line 12: ") and "line 11: " not in said


def test_values_from_the_file_are_text_in_markdown():
    hostile = rows(shelling(5, "2020-03-29", "5", admin1="<script>alert(1)</script>", actor1="*bold* [x](y)"))
    said = what_they_seem(hostile, md)
    assert md("<script>alert(1)</script>") in said and md("*bold* [x](y)") in said
    assert "<script>" not in said and "*bold*" not in said
    assert "<script>alert(1)</script>" in what_they_seem(hostile, str)  # plain text is left as it is


def test_a_figure_the_page_names_is_said_with_the_rows_of_its_period_the_run_would_count():
    left = rows(shelling(5, "2020-03-29", "5"), shelling(30, "2020-04-15", "9", cut="fatalities"),
                shelling(31, "2020-03-25", "2"))
    week = Figure("the week of 23-29 March 2020", pd.Timestamp("2020-03-23"), pd.Timestamp("2020-03-29"), "killed", 16)
    month = Figure("March 2020, the busiest month,", pd.Timestamp("2020-03-01"), pd.Timestamp("2020-03-31"),
                   "events", 19)
    assert with_them(left, [week, month]) == (
        " With them, the week of 23-29 March 2020 would count at least 23 killed (16 without them) and March 2020, "
        "the busiest month, at least 21 events (19 without them).")
    april = Figure("the week of 13-19 April 2020", pd.Timestamp("2020-04-13"), pd.Timestamp("2020-04-19"), "killed", 4)
    assert with_them(left, [april]) == ""  # its one row's fatalities are cut off: no figure to add
    outside = left.assign(of_the_run=[False, True, False])  # outside the run's area, say
    assert with_them(outside, [week, month]) == ""


def test_a_figure_of_the_pages_attacks_counts_only_the_rows_that_read_as_its_attacks():
    left = rows(shelling(5, "2020-03-29", "5"), shelling(6, "2020-03-30", "4"), shelling(7, "2020-03-31", "3"))
    total = Figure(lambda esc: f"the {esc('*battles*')}", None, None, "killed", 40, among=[True, False, True])
    assert with_them(left, [total]) == " With them, the \\*battles\\* would count at least 48 killed (40 without them)."
    assert with_them(left, [total], str) == " With them, the *battles* would count at least 48 killed (40 without them)."


def test_a_row_known_only_to_its_week_is_said_as_that_week_and_counted_only_where_all_of_it_falls():
    """ACLED's time_precision 2: the event_date is the middle of a week. The row is dated by that week, counted in a
    period only where the whole week is in it, and said to be unsure in one its week runs over."""
    left = rows(shelling(5, "2020-03-29", "5", time_precision="2"), shelling(6, "2020-03-18", "2", time_precision="3"))
    assert "(line 5: 26 Mar - 1 Apr 2020, 5 killed, no event ID; line 6: Mar 2020, 2 killed, no event ID)" in (
        what_they_seem(left, str))
    week = Figure("the week of 23-29 March 2020", pd.Timestamp("2020-03-23"), pd.Timestamp("2020-03-29"), "killed", 16)
    month = Figure("March 2020, the busiest month,", pd.Timestamp("2020-03-01"), pd.Timestamp("2020-03-31"),
                   "events", 19)
    assert with_them(left, [week, month], str) == (
        " With them, March 2020, the busiest month, would count at least 20 events (19 without them). Line 5 is "
        "dated only to 26 Mar - 1 Apr 2020, so it may or may not fall in the week of 23-29 March 2020 or March 2020, "
        "the busiest month. Line 6 is dated only to Mar 2020, so it may or may not fall in the week of 23-29 March "
        "2020.")


def test_a_group_the_rows_would_lift_to_the_top_is_said_to_reach_it():
    """The regions, outlets or pairs a page's finding names: a group the rows add to is said with them, level with
    the most where they bring it there; a group already at the top is not said to be lifted; names are escaped."""
    hostile = "*Kirkuk* [x](y)"
    left = rows(shelling(5, "2020-03-29", "5", admin1=hostile, source="Rudaw; Shafaq News"),
                shelling(30, "2020-04-15", cut="fatalities", admin1=hostile))
    regions = pd.Series({"Diyala": 6, "Duhok": 6, hostile: 4})
    said = with_them(left, group_figures(regions, left["admin1"].map(lambda region: [region])))
    assert said == f" With them, {md(hostile)} would count at least 6 events (4 without them), level with the most."
    outlets = pd.Series({"Shafaq News": 27, "Rudaw": 9})
    named = pd.Series([["Rudaw", "Shafaq News"], []])
    assert with_them(left, group_figures(outlets, named), str) == (
        " With them, Rudaw would count at least 10 events (9 without them) and Shafaq News at least 28 events (27 "
        "without them).")
    pairs = group_figures(pd.Series({"A against B": 6, "C against D": 3}), pd.Series([["C against D"]] * 2), "the pair ")
    assert with_them(left, pairs, str) == (" With them, the pair C against D would count at least 5 events (3 "
                                           "without them).")
    beyond = group_figures(pd.Series({"A against B": 4, "C against D": 3}), pd.Series([["C against D"]] * 2))
    assert with_them(left, beyond, str).endswith("at least 5 events (3 without them), more than any other.")
