"""Tables for reading: no index, no <NA>, text left and numbers right, whole numbers whole, escaped."""

from __future__ import annotations

import pandas as pd

from analysis.viz.tables import MISSING_NUMBER, as_table


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "force": pd.array(["US", None], dtype="string"),
        "count_low": pd.array([5150, None], dtype="Int64"),
        "value": [5200.0, 400.0],
        "expected": [0.0909, 1.0],
        "date_start": pd.to_datetime(["2020-02-06", None]),
    }, index=[7, 9])


def test_tables_show_no_index_and_no_na():
    html = as_table(frame())._repr_html_()
    assert "<th></th>" not in html and "<tbody><tr><th" not in html and ">7<" not in html
    assert "NA" not in html and "NaN" not in html and "NaT" not in html
    assert html.count(f">{MISSING_NUMBER}<") == 2  # a missing number and a missing date read as a dash


def test_whole_numbers_show_whole_and_fractions_with_their_explanation():
    table = as_table(frame())
    assert table.cells[1:4] == [["5,150", MISSING_NUMBER], ["5,200", "400"], ["0.09", "1.00"]]
    assert table.headers[3].startswith("expected (an event known only to a range of days counts a share")
    assert table.cells[4] == ["6 Feb 2020", MISSING_NUMBER]


def test_text_is_aligned_left_numbers_right_and_everything_escaped():
    html = as_table(pd.DataFrame({"notes": ["<script>x</script>"], "n": [3]}), headers={"n": "number"})._repr_html_()
    assert '<td style="text-align:left;white-space:nowrap">&lt;script&gt;x&lt;/script&gt;</td>' in html
    assert '<td style="text-align:right;white-space:nowrap">3</td>' in html
    assert '<th style="text-align:right;white-space:nowrap">number</th>' in html


def test_the_plain_text_is_aligned_and_an_empty_table_is_a_sentence():
    assert repr(as_table(frame()[["force", "count_low"]])).splitlines() == [
        "force  count low", "US         5,150", f"               {MISSING_NUMBER}"]
    empty = as_table(frame().iloc[:0], empty="No attacks in this window.")
    assert empty._repr_html_() == "<p>No attacks in this window.</p>" and repr(empty) == "No attacks in this window."
    # a page that has said it already gives no sentence: the table shows nothing, not an empty paragraph
    said = as_table(frame().iloc[:0], empty="")
    assert said._repr_html_() == "" and repr(said) == ""


def test_a_long_table_shows_its_first_rows_and_says_so():
    table = as_table(pd.DataFrame({"week": range(100)}), n=60)
    assert len(table.frame) == 60 and table.caption == "The first 60 of 100 rows."
    assert "<caption>The first 60 of 100 rows.</caption>" in table._repr_html_()
    assert len(as_table(pd.DataFrame({"week": range(100)}), n=None).frame) == 100


def test_a_long_header_wraps_over_short_cells_and_empty_columns_can_be_left_out():
    rules = pd.DataFrame({"category": pd.array([None, None], dtype="string"), "week": ["3-9 Mar 2025", "10-16 Mar 2025"],
                          "expected": [2.5, 1.0]})
    html = as_table(rules)._repr_html_()
    assert '<td style="text-align:right;white-space:nowrap">2.50</td>' in html  # the numbers stay on one line
    assert '<th style="text-align:right">expected (an event known only' in html  # the long header wraps
    assert '<th style="text-align:left;white-space:nowrap">week</th>' in html
    shown = as_table(rules, hide_empty=True)
    assert shown.headers[0] == "week" and len(shown.headers) == 2
    assert as_table(rules).headers[0] == "category"  # kept unless asked


def test_a_table_of_escalation_points_writes_each_point_as_the_sentences_do():
    """The week of 4,533 points read "4,533.00" beside "393.50" (two decimals for a column not all whole), while
    another run's table read "117": points are whole without decimals, halves as .5, aligned right as numbers."""
    frame = pd.DataFrame({"period": ["3-9 Mar 2025", "16-22 Mar 2026", "15-21 Dec 2025"],
                          "events": [625.0, 55.0, 53.0], "conflict": [4533.0, 393.5, 388.0],
                          "cooperation": [0.0, 0.0, 8.0], "escalation": [4533.0, 393.5, 380.0]})
    table = as_table(frame)
    assert table.cells[2:] == [["4,533", "393.5", "388"], ["0", "0", "8"], ["4,533", "393.5", "380"]]
    assert table.numeric[2:] == [True, True, True]
    assert table.cells[1] == ["625", "55", "53"]  # a count is no point: its own rule


def test_an_events_dates_stay_on_one_line_however_many_possible_days_they_name():
    # "4, 11, 18 or 25 Jun 2020" is longer than a short cell: the dates column would wrap, "3 Jan - 6 Feb 2020"
    # too, parting days from their months
    frame = pd.DataFrame({"when": ["3 Jan - 6 Feb 2020", "4, 11, 18 or 25 Jun 2020"],
                          "where": ["Camp Taji, north of Baghdad", "Baghdad"]})
    html = as_table(frame)._repr_html_()
    assert '<td style="text-align:left;white-space:nowrap">4, 11, 18 or 25 Jun 2020</td>' in html
    assert '<th style="text-align:left;white-space:nowrap">when</th>' in html
    assert '<td style="text-align:left">Camp Taji, north of Baghdad</td>' in html  # any other column by its length


def test_a_table_of_a_few_short_columns_is_compact_and_a_table_of_long_text_is_not():
    """On a phone the report draws a table as cards, one per row; a table of a few columns of numbers and short names
    fits as a table, and was drawn as a stack of cards several screens long."""
    from analysis.viz.tables import COMPACT_COLUMNS

    counts = pd.DataFrame({"reports": [1, 2, 3], "events": [38, 6, 2]})
    assert '<table class="report-table compact">' in as_table(counts)._repr_html_()
    wide = pd.DataFrame({f"c{i}": [1] for i in range(COMPACT_COLUMNS + 1)})
    assert '<table class="report-table">' in as_table(wide)._repr_html_()
    text = pd.DataFrame({"report": ["an unnamed outlet"], "headline": ["US forces retreat to defensible bases in Iraq"]})
    assert '<table class="report-table">' in as_table(text)._repr_html_()


def test_a_week_stays_on_one_line_in_a_compact_table_under_the_headers_given():
    """The weeks table of the attacks page had the counts' explanations as headers (6 to 10 lines on a phone) and
    each week as two dates that wrapped to three lines: the page gives short headers, and a week, even one across a
    new year, is one line of a compact table."""
    frame = pd.DataFrame({"week": ["23-29 Dec 2019", "29 Dec 2025 - 4 Jan 2026"], "certain": [1, 0],
                          "expected": [1.0, 0.25]})
    table = as_table(frame, headers={"certain": "certain", "expected": "expected count"})
    assert table.headers == ["week", "certain", "expected count"]
    html = table._repr_html_()
    assert html.startswith('<table class="report-table compact">')
    assert '<td style="text-align:left;white-space:nowrap">29 Dec 2025 - 4 Jan 2026</td>' in html
    assert as_table(frame).headers[1:] != ["certain", "expected"]  # without headers, the counts' explanations
