"""ACLED's caveats measured on an export."""

from __future__ import annotations

import pandas as pd
import pytest
from acled_files import alike_events, write_acled_events

from analysis import load_acled, load_events
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


# --- events that may be coded twice -----------------------------------------------------------------

@pytest.fixture(scope="module")
def alike_file(tmp_path_factory):
    """The export of :func:`tests.acled_files.alike_events`: groups of events alike, and events that are not."""
    return write_acled_events(tmp_path_factory.mktemp("alike") / "alike.csv", alike_events())


@pytest.fixture(scope="module")
def alike(alike_file):
    return load_acled(alike_file)


def test_possible_duplicates_group_the_events_alike_and_say_what_else_they_share(alike):
    found = caveats.possible_duplicates(alike)
    columns = ["group", "event_id", "same_fatalities", "same_notes", "exact"]
    assert found[columns].values.tolist() == [
        [1, "TST4", True, True, True], [1, "TST5", True, True, True],      # 1 March: alike in every column
        [2, "TST6", False, True, False], [2, "TST7", False, True, False],  # 2 March: the fatalities differ
        [3, "TST1", True, False, False], [3, "TST2", True, False, False],  # 3 March: a battle told three times,
        [3, "TST3", True, False, False],                                   # once the other way round
    ]
    assert found["row"].tolist() == [3, 4, 5, 6, 0, 1, 2]  # each event's place in the frame given
    assert found["event_date"].dt.day.tolist() == [1, 1, 2, 2, 3, 3, 3]
    assert found["fatalities"].tolist() == [0, 0, 1, 3, 2, 2, 2]


def test_possible_duplicates_leave_out_other_actors_a_reversed_attack_a_week_and_other_coordinates(alike):
    """Same day and place but other actors; a shelling by B on A beside one by A on B (only a battle's actors are a
    pair in either order); alike but known only to a week; the same place name at other coordinates."""
    found = set(caveats.possible_duplicates(alike)["event_id"])
    assert not found & {f"TST{n}" for n in range(8, 16)}
    # each is left out by its one difference: made alike in it, it is found
    assert set(caveats.possible_duplicates(alike.assign(actor1=alike["actor1"].where(
        alike["location"] != "Delta", "Military Forces of Iraq (2020-)")))["event_id"]) - found == {"TST8", "TST9"}
    battles = alike.assign(event_type=alike["event_type"].where(alike["location"] != "Echo", "Battles"))
    assert set(caveats.possible_duplicates(battles)["event_id"]) - found == {"TST10", "TST11"}
    by_day = alike.assign(date_start=alike["event_date"], date_end=alike["event_date"])
    assert set(caveats.possible_duplicates(by_day)["event_id"]) - found == {"TST12", "TST13"}
    assert set(caveats.possible_duplicates(alike.drop(columns=["latitude", "longitude"]))["event_id"]) - found == {
        "TST14", "TST15"}


def test_possible_duplicates_drop_nothing_and_change_nothing(alike_file, alike):
    before = alike.copy()
    caveats.possible_duplicates(alike)
    pd.testing.assert_frame_equal(alike, before)
    assert len(alike) == len(pd.read_csv(alike_file)) == 15  # the loader keeps every row of a group


def test_the_coded_events_hold_no_possible_duplicate():
    """The coded data are one row per event: none is found. Two statements of March 2020 (EV027, EV030) share the
    middle day of their range, no place, their actor and kind; only the rule that compares events dated to their
    day keeps them apart."""
    events = load_events()
    assert caveats.possible_duplicates(events).empty
    by_middle_day = events.assign(date_start=events["event_date"], date_end=events["event_date"])
    assert caveats.possible_duplicates(by_middle_day)["event_id"].tolist() == ["EV027", "EV030"]


def test_possible_duplicates_of_no_events_have_the_columns_and_a_repeated_id_is_no_group(alike):
    empty = caveats.possible_duplicates(alike.iloc[:0])
    assert empty.empty and list(empty.columns) == list(caveats.possible_duplicates(alike).columns)
    repeated = alike[alike["location"] == "Alpha"].assign(event_id="TST4")
    assert caveats.possible_duplicates(repeated).empty
