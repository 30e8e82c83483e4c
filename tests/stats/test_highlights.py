"""What a story leads with: peaks, changes, the deadliest events, the largest groups."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_events

from analysis.stats.highlights import deadliest_events, largest_changes, peak, per_period, top_values


def _events():
    return make_events([
        {"date_start": "2025-03-03", "fatalities": 4, "location": "Town 1"},
        {"date_start": "2025-03-05", "fatalities": 9, "location": "Town 2"},
        {"date_start": "2025-03-12", "fatalities": 0},
        {"date_start": "2025-03-13", "fatalities": 1},
        {"date_start": "2025-03-14", "fatalities": 1},
        {"date_start": "2025-04-07", "date_end": "2025-04-20", "fatalities": 20, "location": "Town 3"},
    ])


def test_peaks_of_events_and_killed_are_different_weeks_and_say_when_ranges_contribute():
    weekly = per_period(_events(), freq="W")
    by_events, by_killed = peak(weekly), peak(weekly, "killed")
    assert (by_events.start, by_events.end) == (pd.Timestamp("2025-03-10"), pd.Timestamp("2025-03-16"))
    assert by_events.events == 3 and by_events.value == 3 and not by_events.ranged
    # the 20 killed of 7-20 April spread over its two weeks: 10 in each, below the 13 of the first week
    assert (by_killed.start, by_killed.value, by_killed.events) == (pd.Timestamp("2025-03-03"), 13.0, 2.0)
    april = weekly[weekly["period_start"] == pd.Timestamp("2025-04-07")].iloc[0]
    assert april["killed"] == 10.0 and april["expected"] == 0.5 and april["ranged"] == 1
    assert peak(weekly.assign(expected=0.0)) is None


def test_per_period_keeps_only_the_windows_periods():
    weekly = per_period(_events(), freq="W", start="2025-03-10", end="2025-04-13")
    assert weekly["period_start"].min() == pd.Timestamp("2025-03-10")
    assert weekly["period_start"].max() == pd.Timestamp("2025-04-07")
    # the April event overlaps the window; the part of it after the window's last week is left out and counted
    assert weekly.attrs["outside"]["killed"] == 10.0


def test_largest_changes_rise_and_fall_between_consecutive_periods():
    monthly = per_period(_events(), freq="M")
    changes = largest_changes(monthly)
    assert changes["direction"].tolist() == ["fall"]
    assert changes[["before", "after", "change"]].values.tolist() == [[5.0, 1.0, -4.0]]
    assert changes["to_start"].tolist() == [pd.Timestamp("2025-04-01")]
    assert largest_changes(monthly.iloc[:1]).empty


def test_deadliest_events_lists_the_most_killed_first_and_never_the_unharmed():
    top = deadliest_events(_events(), n=3)
    assert top["killed"].tolist() == [20, 9, 4]
    assert top["location"].tolist() == ["Town 3", "Town 2", "Town 1"]
    assert top["when"].tolist()[0] == "7-20 Apr 2025"
    assert len(deadliest_events(_events().assign(fatalities=0))) == 0


def test_top_values_groups_the_rest_as_other_with_ties_in_name_order():
    counts = top_values(pd.Series(["b", "a", "c", "c", None, "d"]), n=2)
    assert counts.to_dict() == {"c": 2, "a": 1, "other": 3}
    assert counts.sum() == 6


def test_busiest_periods_keep_date_order_and_never_split_a_tie():
    from analysis.stats.highlights import busiest_periods

    starts = pd.date_range("2025-01-06", periods=8, freq="W-MON")
    counts = pd.DataFrame({"period_start": starts, "possible": [3, 0, 1, 5, 1, 1, 2, 1.0],
                           "expected": [3, 0, 1, 5, 1, 1, 2, 1.0]})
    assert busiest_periods(counts, n=10)["period_start"].tolist() == [starts[i] for i in (0, 2, 3, 4, 5, 6, 7)]
    # the 4th busiest has 1, like three more: all four are left out, not some of them
    assert busiest_periods(counts, n=3)["period_start"].tolist() == [starts[0], starts[3], starts[6]]
    assert busiest_periods(counts, n=4)["period_start"].tolist() == [starts[0], starts[3], starts[6]]
    flat = counts.assign(expected=1.0, possible=1.0)  # every week alike: the first ones in order
    assert busiest_periods(flat, n=2)["period_start"].tolist() == [starts[0], starts[1]]


def test_deadliest_events_can_leave_a_tie_out_whole():
    events = make_events([{"date_start": f"2025-03-0{i + 1}", "fatalities": k, "location": f"Town {i}"}
                          for i, k in enumerate([7, 6, 6, 2])])
    assert deadliest_events(events, n=2)["location"].tolist() == ["Town 0", "Town 1"]  # Town 2 also killed 6
    assert deadliest_events(events, n=2, split_ties=False)["location"].tolist() == ["Town 0"]
    assert deadliest_events(events, n=3, split_ties=False)["location"].tolist() == ["Town 0", "Town 1", "Town 2"]


def test_halves_split_the_periods_in_two_and_rate_the_killed_per_event():
    from analysis.stats.highlights import halves

    weeks = pd.date_range("2025-01-06", periods=5, freq="7D")
    frame = pd.DataFrame({"period_start": weeks, "period_end": weeks + pd.Timedelta(days=6),
                          "expected": [2.0, 0.0, 2.0, 3.0, 1.0], "killed": [1.0, 0.0, 5.0, 0.0, 12.0]})
    split = halves(frame)
    assert split["half"].tolist() == ["first", "second"] and split["periods"].tolist() == [3, 2]  # odd: first one more
    assert split["period_start"].tolist() == [weeks[0], weeks[3]]
    assert split["period_end"].tolist() == [weeks[2] + pd.Timedelta(days=6), weeks[4] + pd.Timedelta(days=6)]
    assert split["events"].tolist() == [4.0, 4.0] and split["killed"].tolist() == [6.0, 12.0]
    assert split["per_event"].tolist() == [1.5, 3.0]
    # a half with no event has no rate, not a zero
    assert halves(frame.assign(expected=[0.0, 0.0, 0.0, 3.0, 1.0]))["per_event"].isna().tolist() == [True, False]
    assert halves(frame.iloc[:1]).empty
