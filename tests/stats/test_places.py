"""Where events took place: admin areas counted, with the change between two periods; places by coordinates."""

from __future__ import annotations

import pandas as pd

from analysis.stats.places import area_levels, events_by_area, locations

JUNE = (pd.Timestamp("2020-06-01"), pd.Timestamp("2020-06-30"))
JULY = (pd.Timestamp("2020-07-01"), pd.Timestamp("2020-07-31"))


def events() -> pd.DataFrame:
    return pd.DataFrame({
        "admin1": ["Kirkuk", "Kirkuk", "Kirkuk", "Duhok", None, "Duhok"],
        "admin2": ["Daquq", "Daquq", "Hawija", "Zakho", None, ""],
        "event_date": pd.to_datetime(["2020-06-03", "2020-07-09", "2020-07-30", "2020-06-15", "2020-07-01",
                                      "2020-08-01"]),
        "fatalities": [2, 0, 5, 1, 3, None],
        "location": ["Daquq", "Daquq town", "Hawija", "Zakho", "Somewhere", "Zakho"],
        "latitude": [35.1, 35.1, 35.3, 37.1, None, 37.1],
        "longitude": [44.4, 44.4, 43.8, 42.7, None, 42.7],
    })


def test_events_by_area_counts_each_area_and_the_change_from_one_period_to_the_next():
    table = events_by_area(events(), previous=JUNE, last=JULY)
    assert table["admin1"].tolist() == ["Kirkuk", "Duhok", "(none)"]  # most events first; a missing name named
    assert table[["events", "fatalities"]].values.tolist() == [[3, 7], [2, 1], [1, 3]]
    assert table[["events_previous", "events_last", "events_change"]].values.tolist() == [[1, 2, 1], [1, 0, -1],
                                                                                         [0, 1, 1]]
    assert table["fatalities_change"].tolist() == [5 - 2, -1, 3]  # the event of 1 August is in neither period
    by_district = events_by_area(events(), ["admin1", "admin2"])
    assert by_district[["admin1", "admin2", "events"]].values.tolist() == [
        ["Kirkuk", "Daquq", 2], ["Kirkuk", "Hawija", 1], ["(none)", "(none)", 1], ["Duhok", "Zakho", 1],
        ["Duhok", "(none)", 1]]  # ties: most killed first
    assert "events_change" not in by_district.columns  # no periods given, no change


def test_area_levels_take_admin2_only_where_an_event_has_one():
    assert area_levels(events()) == ["admin1", "admin2"]
    assert area_levels(events().assign(admin2="")) == ["admin1"]


def test_locations_are_coordinates_named_by_their_busiest_name():
    places = locations(events())
    assert places[["name", "names", "events", "fatalities"]].values.tolist() == [
        ["Daquq", 2, 2, 2], ["Zakho", 1, 2, 1], ["Hawija", 1, 1, 5]]  # a tie of names: the first by name
