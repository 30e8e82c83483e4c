"""ACLED's caveats measured on an export."""

from __future__ import annotations

import pandas as pd

from analysis.stats import caveats


def test_placeholder_fatalities_are_found_in_the_notes_whatever_the_case():
    frame = pd.DataFrame({"notes": ["Fatalities coded as 3.", "UNKNOWN, CODED AS 10", "3 killed", None, "decoded as 4"],
                          "fatalities": [3, 10, 3, 0, 4]})
    assert caveats.placeholder_fatalities(frame).values.tolist() == [[3, 1, 3], [10, 1, 10]]


def test_precision_shares_list_every_code_and_missing_values():
    frame = pd.DataFrame({"geo_precision": pd.Series(["1", "1", "3", None], dtype="category")})
    shares = caveats.precision_shares(frame, "geo_precision")
    assert shares.values.tolist() == [["1", 2, 0.5], ["2", 0, 0.0], ["3", 1, 0.25], ["missing", 1, 0.25]]


def test_single_source_events_and_the_outlets_that_carry_them_alone():
    frame = pd.DataFrame({"event_id": list("abcd"), "source": ["X", "X", "Y", "X; Y"]})
    count, alone = caveats.single_source(frame)
    assert count == 3
    assert alone.values.tolist() == [["X", 2, 3], ["Y", 1, 2]]


def test_the_export_date_is_the_latest_timestamp_and_none_without_one():
    frame = pd.DataFrame({"timestamp": ["1600000000", "1700000000", None]})
    assert caveats.export_date(frame) == pd.Timestamp("2023-11-14 22:13:20", tz="UTC")
    assert caveats.export_date(frame.drop(columns="timestamp")) is None
    assert caveats.export_date(pd.DataFrame({"timestamp": ["x"]})) is None


def test_the_export_date_of_utc_datetimes_as_the_loader_gives_them():
    stamps = pd.Series([1600000000, 1700000000, None], dtype="Int64")
    utc = pd.DataFrame({"timestamp": pd.to_datetime(stamps, unit="s", utc=True)})
    assert caveats.export_date(utc) == pd.Timestamp("2023-11-14 22:13:20", tz="UTC")
    naive = utc.assign(timestamp=utc["timestamp"].dt.tz_localize(None))
    assert caveats.export_date(naive) == pd.Timestamp("2023-11-14 22:13:20", tz="UTC")
    assert caveats.export_date(utc.iloc[2:]) is None
