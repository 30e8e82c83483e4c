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
