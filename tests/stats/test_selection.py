"""Kinds of events, and selection by kind, window and area."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import DataError, schema
from analysis.stats.selection import event_kind, is_militia_attack, select_events, select_kinds


def test_select_events_keeps_ranges_overlapping_the_window(attacks):
    chosen = select_events(attacks, start="2020-03-15", end="2020-03-31")
    assert chosen["event_id"].tolist() == ["EV002", "EV003"]
    pd.testing.assert_frame_equal(chosen, attacks.loc[[1, 2]])


def test_select_events_matches_area_without_regard_to_case(attacks):
    assert select_events(attacks, area="KIRKUK")["event_id"].tolist() == ["EV004"]
    assert select_events(attacks, area=["baghdad", "Kirkuk"])["event_id"].tolist() == ["EV001", "EV002", "EV004"]


def test_select_events_matches_country_where_the_frame_has_it(attacks):
    frame = attacks.assign(country=pd.array(["Iraq", "Iraq", "Syria", "Iraq"], dtype="string"))
    assert select_events(frame, area="syria")["event_id"].tolist() == ["EV003"]


def test_select_events_refuses_bad_windows_and_bad_frames(attacks):
    with pytest.raises(ValueError, match="before start"):
        select_events(attacks, start="2020-04-01", end="2020-03-01")
    with pytest.raises(ValueError, match="not a date"):
        select_events(attacks, start="next week")
    reversed_range = attacks.copy()
    reversed_range.loc[0, "date_end"] = pd.Timestamp("2020-03-01")
    with pytest.raises(DataError, match="before date_start"):
        select_events(reversed_range)
    with pytest.raises(DataError, match="missing column"):
        select_events(attacks.drop(columns="date_end"))
    missing = attacks.copy()
    missing.loc[2, "date_start"] = pd.NaT
    with pytest.raises(DataError, match="date is missing"):
        select_events(missing)


def test_kinds_fall_back_to_acled_types_where_category_is_missing(attacks):
    acled = attacks.assign(category=pd.Categorical([None] * 4, categories=schema.CATEGORIES))
    assert is_militia_attack(acled).tolist() == [True, True, False, True]
    assert event_kind(acled).astype(str).tolist() == ["Explosions/Remote violence"] * 4
    assert select_kinds(attacks, ["US strike"])["event_id"].tolist() == ["EV003"]
    assert len(select_kinds(attacks, None)) == 4
