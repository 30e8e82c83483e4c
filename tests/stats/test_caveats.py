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


def test_a_figure_far_above_both_its_neighbours_is_heaped_and_its_week_found():
    """Tolls thin out from 1 killed up: a figure that towers over both figures beside it is found, with the week
    most of its events fall in; a smooth decline, the figures 0 and 1, and a small heap are not."""
    from analysis.stats.caveats import HEAP_EVENTS, HEAP_TIMES

    def frame(counts: dict[int, int], day: str = "2025-03-05") -> pd.DataFrame:
        killed = [figure for figure, n in counts.items() for _ in range(n)]
        return pd.DataFrame({"fatalities": killed, "event_date": pd.to_datetime([day] * len(killed))})

    smooth = frame({0: 300, 1: 120, 2: 80, 3: 55, 4: 40, 5: 30})
    assert caveats.heaped_figures(smooth).empty
    heap = pd.concat([smooth, frame({3: 90}, "2025-03-12")], ignore_index=True)  # 145 with 3 against 80 and 40
    found = caveats.heaped_figures(heap)
    assert found[["figure", "events", "below", "above", "in_week", "set_by_rule"]].values.tolist() == [
        [3, 145, 80, 40, 90, 0]]
    # the heap's events whose notes say ACLED set the figure are counted apart
    marked = heap["fatalities"].eq(3) & (heap.index % 2 == 0)
    noted = heap.assign(notes=marked.map({True: "Unknown fatalities coded as 3.", False: "3 killed."}))
    assert caveats.heaped_figures(noted)["set_by_rule"].tolist() == [int(marked.sum())]
    # without them, 72 with 3 against 80 and 40: no heap left; the unmarked heap stands without any
    assert caveats.heaped_figures(noted)["heaped_without_rule"].tolist() == [False]
    assert found["heaped_without_rule"].tolist() == [True]
    assert (found["week_start"].iloc[0], found["week_end"].iloc[0]) == (pd.Timestamp("2025-03-10"),
                                                                        pd.Timestamp("2025-03-16"))
    # outside that week, the figure and its neighbours as the smooth decline has them: the heap is the week's
    assert found[["outside", "below_outside", "above_outside"]].values.tolist() == [[55, 80, 40]]
    assert not found["heaped_outside"].item()
    # a heap that stands outside its week too is said to: 90 more in other weeks (145 with 3 outside against 80, 40)
    everywhere = pd.concat([heap, frame({3: 90}, "2025-04-09")], ignore_index=True)
    assert caveats.heaped_figures(everywhere)[["outside", "heaped_outside"]].values.tolist() == [[145, True]]
    # at the rule's edge: exactly HEAP_TIMES times a neighbour is no heap; fewer than HEAP_EVENTS events neither
    edge = frame({2: 20, 3: int(HEAP_TIMES * 20), 4: 10})
    assert caveats.heaped_figures(edge).empty
    assert caveats.heaped_figures(frame({2: 1, 3: HEAP_EVENTS - 1, 4: 1})).empty
    assert caveats.heaped_figures(frame({0: 5, 1: 200, 2: 10})).empty  # one killed is the commonest report


def _weeks(batch: dict[str, object] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Twelve weeks from 6 January 2025 of four events each, two by each of two outlets, tolls 0, 1, 2, 1; the sixth
    week (10-16 February) holds ``batch``'s events instead: ``events``, ``threes`` of them with 3 killed, ``pairs``
    pairs of events alike, and ``outlets`` (by default the two outlets, alternately)."""
    batch = batch or {}
    rows = []
    for week in range(12):
        monday = pd.Timestamp("2025-01-06") + pd.Timedelta(weeks=week)
        if week == 5 and batch:
            n, threes, pairs = batch["events"], batch["threes"], batch["pairs"]
            outlets = batch.get("outlets", ["Wire A", "Radio B"])
            for k in range(n):
                place = f"Town {k // 2}" if k < 2 * pairs else f"Town {k}"
                day = monday + pd.Timedelta(days=(k // 2 if k < 2 * pairs else k) % 7)
                rows.append({"event_date": day, "fatalities": 3 if k < threes else 0, "location": place,
                             "source": outlets[k % len(outlets)]})
            continue
        for k, killed in enumerate((0, 1, 2, 1)):
            rows.append({"event_date": monday + pd.Timedelta(days=k), "fatalities": killed,
                         "location": f"Town w{week}-{k}", "source": ("Wire A", "Radio B")[k % 2]})
    frame = pd.DataFrame(rows).assign(event_id=lambda f: [f"E{k}" for k in range(len(f))], actor1="Group",
                                      actor2="Army", event_type="Battles", sub_event_type="Armed clash", notes="")
    mondays = pd.date_range("2025-01-06", periods=12, freq="7D")
    return frame, pd.DataFrame({"period_start": mondays, "period_end": mondays + pd.Timedelta(days=6)})


def test_a_week_apart_shows_the_signs_of_a_batch_of_coding():
    """A week of 40 events, 25 of them with exactly 3 killed, two pairs alike, both outlets ten times their usual
    number: every sign holds, and February without it counts fewer events than January and March."""
    events, weekly = _weeks({"events": 40, "threes": 25, "pairs": 2})
    signs = caveats.batch_signs(events, weekly, "2025-02-10")
    assert (signs.events, signs.others, signs.figure, signs.figure_in, signs.figure_out) == (40, 44, 3, 25, 0)
    assert (signs.groups_in, signs.groups, signs.outlets) == (2, 2, 2)
    assert signs.outlet_low == signs.outlet_high == 20 / 2  # 20 events each, against 2 a week in the other 11
    assert signs.heaped and signs.duplicated and signs.together and signs.any
    assert (signs.month_start, signs.month_without, signs.month_before, signs.month_after) == (
        pd.Timestamp("2025-02-01"), 52 - 40, 16, 16)


def test_a_week_apart_without_the_signs_of_a_batch_shows_none():
    """The same week of 40 events, its tolls like the others', no two alike, and carried by a new outlet: no sign of
    a batch holds (a new outlet is a change of sources, said elsewhere)."""
    events, weekly = _weeks({"events": 40, "threes": 0, "pairs": 0, "outlets": ["New Daily"]})
    signs = caveats.batch_signs(events, weekly, "2025-02-10")
    assert signs.figure is None and not signs.heaped
    assert signs.groups == 0 and not signs.duplicated
    assert signs.outlets == 1 and not signs.together and not signs.any


def test_the_times_of_change_and_the_events_dated_after_them():
    frame = pd.DataFrame({"timestamp": [1750000000, 1750003000, None],
                          "event_date": pd.to_datetime(["2025-03-01", "2025-06-16", "2026-01-01"])})
    first, last = caveats.change_times(frame)
    assert (first, last) == (pd.Timestamp(1750000000, unit="s", tz="UTC"), pd.Timestamp(1750003000, unit="s", tz="UTC"))
    assert caveats.dated_after(last, frame) == 2  # 16 June 2025 and 2026: after 15 June 2025
    as_dates = frame.assign(timestamp=pd.to_datetime(frame["timestamp"], unit="s"))  # no time zone: read as UTC
    assert caveats.change_times(as_dates) == (first, last)
    assert caveats.change_times(frame.drop(columns="timestamp")) is None and caveats.dated_after(None, frame) == 0
