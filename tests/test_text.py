"""Figures and dates written back in words."""

from __future__ import annotations

import pytest

from analysis.text import describe_bounds, describe_count, describe_dates, join_dates


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


def test_join_dates_writes_a_shared_year_once():
    assert join_dates(["27 Dec 2019", "26-31 Mar 2020"]) == "27 Dec 2019, 26-31 Mar 2020"
    assert join_dates(["11 Mar 2020", "14-17 Mar 2020", "11 Mar 2020"]) == "11 Mar, 14-17 Mar 2020"
    assert join_dates(["Apr 2020"]) == "Apr 2020"


def test_points_are_whole_without_decimals_and_halves_as_a_half():
    """The escalation measure's points read alike in tables, sentences and alternative texts: "4,533", not
    "4,533.00" or "4533.0"; "393.5", not "393.50" or "about 394"."""
    from analysis.text import describe_points

    assert [describe_points(v) for v in (4533.0, 393.5, 388.0, -9.5, 0.0, 24.63, 1_000_000.0)] == [
        "4,533", "393.5", "388", "-9.5", "0", "24.6", "1,000,000"]
