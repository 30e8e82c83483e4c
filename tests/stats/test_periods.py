"""Counts per period: the counting rule on examples, and as properties of random events."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from helpers_events import BASE, make_events, ranged_events
from hypothesis import given, settings
from hypothesis import strategies as st

import analysis
from analysis.stats.periods import WEEKDAYS, attacks_per_period, period_edges, weighted_per_period
from analysis.stats.selection import is_militia_attack, select_events

FREQS = ["D", "3D", "W", "2W", "M", "2M", "Q", "Y"]


def test_period_edges_start_on_the_week_day_and_cover_the_span():
    edges = period_edges("2020-03-11", "2020-03-24", freq="W", week_start="SUN")
    assert [d.strftime("%a %Y-%m-%d") for d in edges] == ["Sun 2020-03-08", "Sun 2020-03-15", "Sun 2020-03-22",
                                                          "Sun 2020-03-29"]
    assert period_edges("2020-02-10", "2020-05-01", freq="Q").strftime("%Y-%m-%d").tolist() == [
        "2020-01-01", "2020-04-01", "2020-07-01"]
    assert period_edges("2020-01-05", "2020-01-20", freq="2W").strftime("%Y-%m-%d").tolist() == [
        "2019-12-30", "2020-01-13", "2020-01-27"]


@pytest.mark.parametrize("freq, week_start", [("fortnight", "MON"), ("W", "Funday"), ("0W", "MON")])
def test_bad_period_options_are_refused(attacks, freq, week_start):
    with pytest.raises(ValueError):
        attacks_per_period(attacks, freq=freq, week_start=week_start, kinds=is_militia_attack)


def test_attacks_per_week_counts_a_ranged_event_honestly(attacks):
    counts = attacks_per_period(attacks, freq="W", kinds=is_militia_attack)
    assert counts["period_start"].dt.strftime("%Y-%m-%d").tolist() == [
        "2020-03-09", "2020-03-16", "2020-03-23", "2020-03-30"]
    assert counts["period_end"].dt.strftime("%a").unique().tolist() == ["Sun"]
    # EV001 on 11 March; EV002 from Saturday 14 to Tuesday 17 March: half in each week
    assert counts["certain"].tolist() == [1, 0, 0, 1]
    assert counts["possible"].tolist() == [2, 1, 0, 1]
    assert counts["expected"].tolist() == [1.5, 0.5, 0.0, 1.0]
    assert counts.dtypes.astype(str).tolist() == ["datetime64[ns]", "datetime64[ns]", "int64", "int64", "float64"]


def test_the_week_start_day_moves_the_bins(attacks):
    counts = attacks_per_period(attacks, freq="W", week_start="SAT", kinds=is_militia_attack)
    # weeks from Saturday 14 March: the ranged event now lies in one week
    assert counts.loc[counts["period_start"] == "2020-03-14", ["certain", "possible", "expected"]].values.tolist() == [
        [1, 1, 1.0]]


def test_attacks_per_month_by_base_keeps_missing_groups(attacks):
    counts = attacks_per_period(attacks, freq="M", by="base_id", kinds=is_militia_attack)
    assert counts.columns.tolist() == ["period_start", "period_end", "base_id", "certain", "possible", "expected"]
    march = counts[counts["period_start"] == "2020-03-01"]
    assert march["base_id"].iloc[0] == "taji" and pd.isna(march["base_id"].iloc[1])
    assert march["expected"].tolist() == [2.0, 0.0]
    assert counts["expected"].sum() == 3.0
    assert counts["base_id"].dtype == "string"


def test_include_empty_false_drops_only_empty_rows(attacks):
    full = attacks_per_period(attacks, freq="W", by="base_id", kinds=is_militia_attack)
    sparse = attacks_per_period(attacks, freq="W", by="base_id", include_empty=False, kinds=is_militia_attack)
    assert (sparse["possible"] > 0).all()
    assert len(sparse) == (full["possible"] > 0).sum()
    assert sparse["expected"].sum() == full["expected"].sum() == 3.0


def test_a_window_extends_the_periods_and_filters_events(attacks):
    counts = attacks_per_period(attacks, freq="M", start="2020-01-01", end="2020-03-31", kinds=is_militia_attack)
    assert counts["period_start"].dt.month.tolist() == [1, 2, 3]
    assert counts["expected"].tolist() == [0.0, 0.0, 2.0]


def test_weighted_per_period_spreads_weights_like_expected(attacks):
    frame = weighted_per_period(attacks, {"score": [-10, -10, -10, 0]}, freq="W")
    assert frame["score"].tolist() == [-15.0, -15.0, 0.0, 0.0]
    with pytest.raises(ValueError, match="3 values for 4 events"):
        weighted_per_period(attacks, {"score": [1, 2, 3]})


def test_every_packaged_event_is_counted_once():
    events = analysis.load_events()
    counts = attacks_per_period(events, freq="W", kinds=None)
    assert counts["expected"].sum() == pytest.approx(len(events))
    assert attacks_per_period(events, freq="M", kinds=is_militia_attack)["expected"].sum() == pytest.approx(
        (events["category"] == "militia attack").sum())


def test_an_event_known_to_a_weekday_counts_only_on_its_possible_days():
    # "a Saturday" of 6-27 June 2020: the four Saturdays, one in each week from Monday
    saturdays = pd.DataFrame({"date_start": pd.to_datetime(["2020-06-06"]), "date_end": pd.to_datetime(["2020-06-27"]),
                              "weekday": ["Saturday"]})
    weekly = attacks_per_period(saturdays, freq="W", kinds=None)
    assert weekly["expected"].tolist() == [0.25] * 4
    assert weekly["possible"].tolist() == [1] * 4 and weekly["certain"].sum() == 0
    daily = attacks_per_period(saturdays, freq="D", kinds=None, include_empty=False)
    assert daily["period_start"].dt.day_name().unique().tolist() == ["Saturday"]
    assert daily["expected"].tolist() == [0.25] * 4
    # weeks from Sunday 7 June put the first Saturday alone in the week before
    assert attacks_per_period(saturdays, freq="W", week_start="SUN", kinds=None)["expected"].tolist() == [0.25] * 4
    # all four Saturdays in June: certain in June
    monthly = attacks_per_period(saturdays, freq="M", kinds=None)
    assert monthly[["certain", "possible", "expected"]].values.tolist() == [[1, 1, 1.0]]
    assert weighted_per_period(saturdays, {"score": [-8.0]}, freq="W")["score"].tolist() == [-2.0] * 4
    # without the weekday the 22 days share the event
    anyday = attacks_per_period(saturdays.drop(columns="weekday"), freq="W", kinds=None)
    assert anyday["expected"].round(4).tolist() == [round(2 / 22, 4), round(7 / 22, 4), round(7 / 22, 4), round(6 / 22, 4)]


# --- properties ---------------------------------------------------------------------------


def _possible_days(start: pd.Timestamp, end: pd.Timestamp, weekday) -> pd.DatetimeIndex:
    """The days an event may have fallen on, listed one by one: its range's days of its weekday, if it has any."""
    days = pd.date_range(start, end, freq="D")
    if isinstance(weekday, str) and len(days) > 1:
        on = days[days.day_name() == weekday]
        return on if len(on) else days
    return days


@settings(deadline=None)
@given(events=ranged_events(max_size=12), freq=st.sampled_from(FREQS), data=st.data())
def test_events_known_to_a_weekday_are_counted_on_its_days_only(events, freq, data):
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", None, None]
    events = events.assign(weekday=[data.draw(st.sampled_from(names)) for _ in range(len(events))])
    counts = attacks_per_period(events, freq=freq, kinds=is_militia_attack)
    starts, ends = counts["period_start"].to_numpy(), counts["period_end"].to_numpy()
    certain, possible, expected = np.zeros(len(counts)), np.zeros(len(counts)), np.zeros(len(counts))
    for start, end, weekday in zip(events["date_start"], events["date_end"], events["weekday"]):
        days = _possible_days(start, end, weekday).to_numpy()
        inside = (starts[:, None] <= days[None, :]) & (days[None, :] <= ends[:, None])  # period x day
        expected += inside.sum(axis=1) / len(days)
        possible += inside.any(axis=1)
        certain += inside.all(axis=1)
    assert counts["expected"].to_numpy() == pytest.approx(expected)
    assert counts["possible"].tolist() == possible.astype(int).tolist()
    assert counts["certain"].tolist() == certain.astype(int).tolist()


def _periods_overlapped(events: pd.DataFrame, counts: pd.DataFrame) -> np.ndarray:
    """How many of the counted periods each event's range overlaps: every event against every period."""
    starts, ends = counts["period_start"].unique().to_numpy(), counts["period_end"].unique().to_numpy()
    first = events["date_start"].to_numpy()[:, None]
    last = events["date_end"].to_numpy()[:, None]
    return ((starts[None, :] <= last) & (first <= ends[None, :])).sum(axis=1)


@settings(deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS), week_start=st.sampled_from(WEEKDAYS))
def test_every_event_is_counted_exactly_once_in_expected(events, freq, week_start):
    counts = attacks_per_period(events, freq=freq, week_start=week_start, kinds=is_militia_attack)
    assert counts["expected"].sum() == pytest.approx(len(events))
    overlapped = _periods_overlapped(events, counts)
    # certain counts the events whose range lies in one period, once; possible counts every period touched
    assert counts["certain"].sum() == (overlapped == 1).sum()
    assert counts["possible"].sum() == overlapped.sum()
    assert (counts["certain"] <= counts["expected"] + 1e-9).all()
    assert (counts["expected"] <= counts["possible"] + 1e-9).all()


@settings(deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS), week_start=st.sampled_from(WEEKDAYS))
def test_periods_are_contiguous_and_start_on_the_right_day(events, freq, week_start):
    counts = attacks_per_period(events, freq=freq, week_start=week_start, kinds=is_militia_attack)
    if counts.empty:
        return
    starts, ends = counts["period_start"], counts["period_end"]
    assert ((starts.iloc[1:].to_numpy() - ends.iloc[:-1].to_numpy()) == np.timedelta64(1, "D")).all()
    assert starts.iloc[0] <= events["date_start"].min() and ends.iloc[-1] >= events["date_end"].max()
    if freq.endswith("W"):
        assert set(starts.dt.day_of_week) == {WEEKDAYS.index(week_start)}
    if freq in ("M", "Q", "Y"):
        assert set(starts.dt.day) == {1}


@settings(deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS))
def test_totals_by_group_match_the_input(events, freq):
    counts = attacks_per_period(events, freq=freq, by="base_id", kinds=is_militia_attack)
    totals = counts.groupby(counts["base_id"].fillna("none"))["expected"].sum()
    expected = events["base_id"].fillna("none").value_counts()
    assert sorted(totals.index) == sorted(expected.index)
    for base, number in expected.items():
        assert totals[base] == pytest.approx(number)
    sparse = attacks_per_period(events, freq=freq, by="base_id", include_empty=False, kinds=is_militia_attack)
    assert sparse["expected"].sum() == pytest.approx(len(events))


@settings(deadline=None)
@given(
    events=ranged_events(),
    freq=st.sampled_from(FREQS),
    window=st.tuples(st.integers(0, 260), st.integers(0, 120)),
)
def test_events_in_a_window_are_counted_once(events, freq, window):
    start = BASE + pd.Timedelta(days=window[0])
    end = start + pd.Timedelta(days=window[1])
    inside = ((events["date_end"] >= start) & (events["date_start"] <= end)).sum()
    counts = attacks_per_period(events, freq=freq, start=start, end=end, kinds=is_militia_attack)
    assert counts["expected"].sum() == pytest.approx(inside)
    assert len(select_events(events, start=start, end=end)) == inside
    assert counts["period_start"].min() <= start and counts["period_end"].max() >= end


@settings(deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS), weight=st.floats(-10, 10, allow_nan=False))
def test_weights_are_spread_without_loss(events, freq, weight):
    frame = weighted_per_period(events, {"w": [weight] * len(events)}, freq=freq)
    assert frame["w"].sum() == pytest.approx(weight * len(events), abs=1e-6)


@pytest.mark.parametrize("freq", FREQS)
@pytest.mark.parametrize("by", [None, "base_id"])
def test_empty_input_gives_an_empty_well_typed_frame(freq, by):
    counts = attacks_per_period(make_events([]), freq=freq, by=by, kinds=is_militia_attack)
    assert counts.empty
    expected_columns = ["period_start", "period_end", *([by] if by else []), "certain", "possible", "expected"]
    assert counts.columns.tolist() == expected_columns
    assert counts["period_start"].dtype == "datetime64[ns]" and counts["period_end"].dtype == "datetime64[ns]"
    assert counts["certain"].dtype == "int64" and counts["possible"].dtype == "int64"
    assert counts["expected"].dtype == "float64"


def test_clip_to_window_keeps_the_windows_periods_and_counts_what_fell_outside():
    events = make_events([
        {"date_start": "2020-02-24", "date_end": "2020-03-08"},  # two weeks, one before the window
        {"date_start": "2020-03-04"},
    ])
    weekly = attacks_per_period(events, freq="W", kinds=None, start="2020-03-02", end="2020-03-15", clip=True)
    assert weekly["period_start"].tolist() == [pd.Timestamp("2020-03-02"), pd.Timestamp("2020-03-09")]
    assert weekly["expected"].tolist() == [1.5, 0.0]
    assert weekly.attrs["outside"]["expected"] == 0.5
    unclipped = attacks_per_period(events, freq="W", kinds=None, start="2020-03-02", end="2020-03-15")
    assert unclipped["period_start"].min() == pd.Timestamp("2020-02-24")
    assert weekly["expected"].sum() + weekly.attrs["outside"]["expected"] == unclipped["expected"].sum()
    escalation = analysis.escalation_per_period(events, start="2020-03-02", end="2020-03-15", clip=True)
    assert escalation["period_start"].min() == pd.Timestamp("2020-03-02") and "outside" in escalation.attrs


def test_event_date_counting_puts_each_event_whole_in_the_period_of_its_event_date():
    from analysis.stats.periods import attacks_per_period, partial_periods, weighted_per_period

    frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-01", "2020-03-27"]),
                          "date_end": pd.to_datetime(["2020-03-31", "2020-04-02"]),
                          "event_date": pd.to_datetime(["2020-03-15", "2020-03-30"])})
    by_date = attacks_per_period(frame, freq="M", kinds=None, dates="event_date")
    assert by_date[["certain", "possible", "expected"]].values.tolist() == [[2, 2, 2.0]]
    spread = attacks_per_period(frame, freq="M", kinds=None)
    assert spread["expected"].tolist() == pytest.approx([1 + 5 / 7, 2 / 7])
    weighted = weighted_per_period(frame, {"killed": [4, 6]}, freq="M", dates="event_date")
    assert weighted["killed"].tolist() == [10.0]
    with pytest.raises(ValueError, match="dates='day'"):
        attacks_per_period(frame, kinds=None, dates="day")
    assert partial_periods(by_date, "2020-03-02", "2020-03-31").tolist() == [True]
    assert partial_periods(by_date, "2020-03-01", "2020-03-31").tolist() == [False]


def test_event_date_counting_needs_event_date():
    from analysis.errors import DataError
    from analysis.stats.periods import attacks_per_period

    frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-03-01"]), "date_end": pd.to_datetime(["2020-03-02"])})
    with pytest.raises(DataError, match="event_date"):
        attacks_per_period(frame, kinds=None, dates="event_date")
