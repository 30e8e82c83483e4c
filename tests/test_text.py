"""Figures and dates written back in words."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.text import POSSIBLE_DAYS_LISTED, date_texts, describe_bounds, describe_count, describe_dates, join_dates


@pytest.mark.parametrize("qualifier, low, high, words", [
    ("exact", 18, 18, "18"), ("about", 4500, 5500, "about 5,000"), ("about", 5150, 5250, "about 5,200"),
    ("less than", None, 399, "less than 400"), ("more than", 13, None, "more than 12"),
    ("at least", 2, None, "at least 2"), ("dozens", 24, 99, "dozens"), ("several", 3, None, "several"),
])
def test_describe_count_gives_back_the_wording(qualifier, low, high, words):
    assert describe_count(qualifier, low, high) == words


def test_describe_dates_and_bounds():
    assert describe_dates("2019-12-27", "2019-12-27") == "27 Dec 2019"
    assert describe_dates("2020-03-26", "2020-03-31") == "26-31 Mar 2020"
    assert describe_dates("2020-03-16", "2020-04-30") == "16 Mar - 30 Apr 2020"
    assert describe_dates("2019-12-27", "2020-01-02") == "27 Dec 2019 - 2 Jan 2020"
    assert describe_dates("2020-04-01", "2020-04-30") == "Apr 2020"
    assert describe_bounds(None, None) == "unknown"


@pytest.mark.parametrize("start, end, weekday, words", [
    # a weekday of one month: its days, as the timeline ticks them
    ("2020-06-06", "2020-06-27", "Saturday", "6, 13, 20 or 27 Jun 2020"),
    ("2020-06-04", "2020-06-25", "Thursday", "4, 11, 18 or 25 Jun 2020"),
    ("2020-03-13", "2020-03-20", "Friday", "13 or 20 Mar 2020"),
    # across a month, and a year: each day with its month (and year)
    ("2020-02-28", "2020-03-06", "Friday", "28 Feb or 6 Mar 2020"),
    ("2020-02-21", "2020-03-13", "Friday", "21 Feb, 28 Feb, 6 Mar or 13 Mar 2020"),
    ("2019-12-27", "2020-01-03", "Friday", "27 Dec 2019 or 3 Jan 2020"),
    # as many days as are listed, and one more: the range and the weekday
    ("2020-05-03", "2020-05-31", "Sunday", "3, 10, 17, 24 or 31 May 2020"),
    ("2020-06-06", "2020-07-11", "Saturday", "Saturdays, 6 Jun - 11 Jul 2020"),
    ("2020-06-06", "2020-08-29", "Saturday", "Saturdays, 6 Jun - 29 Aug 2020"),
    ("2019-12-07", "2020-01-11", "Saturday", "Saturdays, 7 Dec 2019 - 11 Jan 2020"),
    # a single possible day: the day (a day known to the day, or a range holding one day of its weekday)
    ("2020-03-13", "2020-03-13", "Friday", "13 Mar 2020"),
    ("2020-03-13", "2020-03-19", "Friday", "13 Mar 2020"),
    # no weekday, or a range without a day of its weekday (a file the loaders refuse): the range, as before
    ("2020-06-06", "2020-06-27", None, "6-27 Jun 2020"),
    ("2020-06-06", "2020-06-27", pd.NA, "6-27 Jun 2020"),
    ("2020-03-14", "2020-03-16", "Friday", "14-16 Mar 2020"),
])
def test_dates_with_a_weekday_name_their_possible_days(start, end, weekday, words):
    assert describe_dates(start, end, weekday=weekday) == words


def test_possible_days_are_listed_up_to_the_limit_and_in_full_months_for_sentences():
    assert POSSIBLE_DAYS_LISTED == 5  # a weekday of one month is always listed
    assert describe_dates("2020-06-06", "2020-06-27", long=True, weekday="Saturday") == "6, 13, 20 or 27 June 2020"
    assert describe_dates("2020-02-28", "2020-03-06", long=True, weekday="Friday") == "28 February or 6 March 2020"
    assert (describe_dates("2020-06-06", "2020-08-29", long=True, weekday="Saturday")
            == "Saturdays, 6 June - 29 August 2020")


def test_a_weekday_that_is_no_day_of_the_week_is_refused():
    with pytest.raises(ValueError, match="'Sat' is not a day of the week; use one of Monday, .*Sunday"):
        describe_dates("2020-06-06", "2020-06-27", weekday="Sat")


def test_date_texts_read_the_weekday_of_a_row_that_has_one():
    frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-06-06", "2020-06-06", "2020-03-11"]),
                          "date_end": pd.to_datetime(["2020-06-27", "2020-06-27", "2020-03-11"]),
                          "weekday": pd.Categorical(["Saturday", None, None], categories=["Friday", "Saturday"])})
    assert date_texts(frame).tolist() == ["6, 13, 20 or 27 Jun 2020", "6-27 Jun 2020", "11 Mar 2020"]
    assert date_texts(frame.drop(columns="weekday")).tolist() == ["6-27 Jun 2020", "6-27 Jun 2020", "11 Mar 2020"]


def test_join_dates_writes_a_shared_year_once():
    assert join_dates(["27 Dec 2019", "26-31 Mar 2020"]) == "27 Dec 2019, 26-31 Mar 2020"
    assert join_dates(["11 Mar 2020", "14-17 Mar 2020", "11 Mar 2020"]) == "11 Mar, 14-17 Mar 2020"
    assert join_dates(["Apr 2020"]) == "Apr 2020"
    # a date with commas of its own (possible days): the dates are parted by semicolons
    assert join_dates(["11 Mar 2020", "14 Mar 2020", "6, 13, 20 or 27 Jun 2020"]) == "11 Mar; 14 Mar; 6, 13, 20 or 27 Jun 2020"


def test_points_are_whole_without_decimals_and_halves_as_a_half():
    """The escalation measure's points read alike in tables, sentences and alternative texts: "4,533", not
    "4,533.00" or "4533.0"; "393.5", not "393.50" or "about 394"."""
    from analysis.text import describe_points

    assert [describe_points(v) for v in (4533.0, 393.5, 388.0, -9.5, 0.0, 24.63, 1_000_000.0)] == [
        "4,533", "393.5", "388", "-9.5", "0", "24.6", "1,000,000"]
