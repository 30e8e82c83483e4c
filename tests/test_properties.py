"""Property tests of the counting rule: every event counted once, whatever the bins."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from helpers_events import make_events

from analysis import aggregate as ag

FREQS = ["D", "3D", "W", "2W", "M", "2M", "Q", "Y"]
BASE = pd.Timestamp("2019-12-01")


@st.composite
def ranged_events(draw, max_size: int = 30) -> pd.DataFrame:
    """Events with random first days and range lengths (0 to 60 days), some at bases, some nowhere."""
    n = draw(st.integers(min_value=0, max_value=max_size))
    rows = []
    for _ in range(n):
        first = draw(st.integers(min_value=0, max_value=240))
        length = draw(st.sampled_from([0, 0, 0, 1, 3, 6, 13, 30, 60]))
        base = draw(st.sampled_from(["taji", "k1", None]))
        rows.append({"date_start": BASE + pd.Timedelta(days=first),
                     "date_end": BASE + pd.Timedelta(days=first + length), "base_id": base})
    return make_events(rows)


def _periods_overlapped(events: pd.DataFrame, counts: pd.DataFrame) -> np.ndarray:
    """How many of the counted periods each event's range overlaps, computed the slow, obvious way."""
    starts, ends = counts["period_start"].unique(), counts["period_end"].unique()
    return np.array([
        sum(1 for s, e in zip(starts, ends) if s <= last and first <= e)
        for first, last in zip(events["date_start"], events["date_end"])
    ])


@settings(max_examples=120, deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS), week_start=st.sampled_from(ag.WEEKDAYS))
def test_every_event_is_counted_exactly_once_in_expected(events, freq, week_start):
    counts = ag.attacks_per_period(events, freq=freq, week_start=week_start)
    assert counts["expected"].sum() == pytest.approx(len(events))
    overlapped = _periods_overlapped(events, counts)
    # certain counts the events whose range lies in one period, once; possible counts every period touched
    assert counts["certain"].sum() == (overlapped == 1).sum()
    assert counts["possible"].sum() == overlapped.sum()
    assert (counts["certain"] <= counts["expected"] + 1e-9).all()
    assert (counts["expected"] <= counts["possible"] + 1e-9).all()


@settings(max_examples=80, deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS), week_start=st.sampled_from(ag.WEEKDAYS))
def test_periods_are_contiguous_and_start_on_the_right_day(events, freq, week_start):
    counts = ag.attacks_per_period(events, freq=freq, week_start=week_start)
    if counts.empty:
        return
    starts, ends = counts["period_start"], counts["period_end"]
    assert ((starts.iloc[1:].to_numpy() - ends.iloc[:-1].to_numpy()) == np.timedelta64(1, "D")).all()
    assert starts.iloc[0] <= events["date_start"].min() and ends.iloc[-1] >= events["date_end"].max()
    if freq.endswith("W"):
        assert set(starts.dt.day_of_week) == {ag.WEEKDAYS.index(week_start)}
    if freq in ("M", "Q", "Y"):
        assert set(starts.dt.day) == {1}


@settings(max_examples=80, deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS))
def test_totals_by_group_match_the_input(events, freq):
    counts = ag.attacks_per_period(events, freq=freq, by="base_id")
    totals = counts.groupby(counts["base_id"].fillna("none"))["expected"].sum()
    expected = events["base_id"].fillna("none").value_counts()
    assert sorted(totals.index) == sorted(expected.index)
    for base, number in expected.items():
        assert totals[base] == pytest.approx(number)
    sparse = ag.attacks_per_period(events, freq=freq, by="base_id", include_empty=False)
    assert sparse["expected"].sum() == pytest.approx(len(events))


@settings(max_examples=80, deadline=None)
@given(
    events=ranged_events(),
    freq=st.sampled_from(FREQS),
    window=st.tuples(st.integers(0, 260), st.integers(0, 120)),
)
def test_events_in_a_window_are_counted_once(events, freq, window):
    start = BASE + pd.Timedelta(days=window[0])
    end = start + pd.Timedelta(days=window[1])
    inside = ((events["date_end"] >= start) & (events["date_start"] <= end)).sum()
    counts = ag.attacks_per_period(events, freq=freq, start=start, end=end)
    assert counts["expected"].sum() == pytest.approx(inside)
    assert len(ag.select_events(events, start=start, end=end)) == inside
    assert counts["period_start"].min() <= start and counts["period_end"].max() >= end


@settings(max_examples=60, deadline=None)
@given(events=ranged_events(), freq=st.sampled_from(FREQS), weight=st.floats(-10, 10, allow_nan=False))
def test_weights_are_spread_without_loss(events, freq, weight):
    frame = ag.weighted_per_period(events, {"w": [weight] * len(events)}, freq=freq)
    assert frame["w"].sum() == pytest.approx(weight * len(events), abs=1e-6)


@pytest.mark.parametrize("freq", FREQS)
@pytest.mark.parametrize("by", [None, "base_id"])
def test_empty_input_gives_an_empty_well_typed_frame(freq, by):
    counts = ag.attacks_per_period(make_events([]), freq=freq, by=by)
    assert counts.empty
    expected_columns = ["period_start", "period_end", *([by] if by else []), "certain", "possible", "expected"]
    assert counts.columns.tolist() == expected_columns
    assert counts["period_start"].dtype == "datetime64[ns]" and counts["period_end"].dtype == "datetime64[ns]"
    assert counts["certain"].dtype == "int64" and counts["possible"].dtype == "int64"
    assert counts["expected"].dtype == "float64"


@settings(max_examples=60, deadline=None)
@given(events=ranged_events(max_size=25))
def test_timeline_rows_keep_overlapping_events_apart(events):
    layout = ag.timeline_layout(events, max_rows=40)
    assert sorted(layout["event_id"]) == sorted(events["event_id"])
    for _, lane in layout.groupby("lane", observed=True):
        for _, row in lane.groupby("row"):
            ranged = row[row["is_range"]].sort_values("x_start")
            assert (ranged["x_start"].iloc[1:].to_numpy() >= ranged["x_end"].iloc[:-1].to_numpy()).all()


@settings(max_examples=60, deadline=None)
@given(events=ranged_events(max_size=20), chars=st.integers(20, 200))
def test_timeline_labels_of_a_row_never_overlap(events, chars):
    labels = pd.Series([f"event number {i}" for i in range(len(events))], index=events.index, dtype="string")
    layout = ag.timeline_layout(events, label=labels, chars_per_axis=chars)
    span_days = (layout["x_end"].max() - layout["x_start"].min()) / pd.Timedelta(days=1) if len(layout) else 1
    width = pd.to_timedelta(layout["label"].str.len() * span_days / chars, unit="D")
    layout = layout.assign(label_end=layout["label_x"] + width)
    for _, group in layout.dropna(subset=["label"]).groupby(["lane", "label_row"], observed=True):
        group = group.sort_values("label_x")
        assert (group["label_x"].iloc[1:].to_numpy() >= group["label_end"].iloc[:-1].to_numpy()).all()
