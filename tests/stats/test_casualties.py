"""Attacks, projectiles, killed and wounded, combined across documents."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.stats.casualties import attacks_table, casualties_by_group, casualties_per_event
from analysis.stats.selection import is_militia_attack
from analysis.text import bounds_texts


def test_casualties_per_event_keeps_the_widest_range_across_documents(attacks, casualties):
    per_event = casualties_per_event(attacks, casualties, kinds=is_militia_attack)
    assert per_event[["event_id", "group", "outcome", "count_low", "count_high", "figures"]].astype(object).where(
        per_event.notna(), None).values.tolist() == [
        ["EV001", "US military", "killed", 2, 3, 2],
        ["EV001", "UK military", "killed", 1, 1, 1],
        ["EV002", "Iraqi civilians", "wounded", 1, None, 1],
    ]
    assert per_event.loc[0, "as_worded"] == "2; about 2"
    assert per_event.loc[0, "attack"] == "11 Mar 2020, Camp Taji"


def test_attacks_table_tells_not_reported_from_none(attacks, casualties):
    table = attacks_table(attacks, casualties, kinds=is_militia_attack)
    assert table["event_id"].tolist() == ["EV001", "EV002", "EV004"]
    figures = [c for c in table.columns if c.endswith(("_low", "_high"))]
    assert figures == ["projectiles_low", "projectiles_high", "killed_low", "killed_high", "wounded_low", "wounded_high"]
    assert all(str(table[c].dtype) == "Int64" for c in figures)  # numbers stay numbers
    assert not {"projectiles", "killed", "wounded"} & set(table.columns)
    assert table["killed_low"].tolist()[0] == 3 and table["killed_high"].tolist()[0] == 4
    # not reported (both bounds missing) is not none (0), and reads so in words
    assert bounds_texts(table["killed_low"], table["killed_high"]).tolist() == ["3-4", "not reported", "not reported"]
    assert bounds_texts(table["wounded_low"], table["wounded_high"]).tolist() == ["not reported", "1 or more",
                                                                                  "not reported"]
    assert bounds_texts(table["projectiles_low"], table["projectiles_high"]).tolist() == ["18", "not reported",
                                                                                          "not reported"]


def test_without_casualties_the_fatalities_are_the_killed(attacks):
    table = attacks_table(attacks, kinds=is_militia_attack)
    assert table["killed_low"].tolist() == table["killed_high"].tolist() == [3, 0, 0]
    by_group = casualties_by_group(attacks, kinds=is_militia_attack)
    assert by_group[["group", "outcome", "count_low", "events"]].values.tolist() == [
        ["not split by group", "killed", 3, 3]]


def test_casualties_by_group_sums_bounds_and_keeps_open_ends(attacks, casualties):
    by_group = casualties_by_group(attacks, casualties, kinds=None)
    rows = {(g, o): (lo, hi) for g, o, lo, hi in by_group[["group", "outcome", "count_low", "count_high"]].values}
    assert rows[("US military", "killed")] == (2, 3)
    assert rows[("militia members", "killed")] == (4, 4)
    assert pd.isna(rows[("Iraqi civilians", "wounded")][1])
    assert casualties_by_group(attacks.iloc[:0], casualties, kinds=is_militia_attack).empty


def test_the_killed_distribution_has_a_bin_per_figure_up_to_ten_killed_and_wide_bins_beyond():
    from analysis.stats.casualties import FIGURE_BINS_UP_TO, WIDE_BINS_FROM, killed_distribution

    def counts(killed: list[float]) -> dict[str, int]:
        frame = pd.DataFrame({"event_id": [f"e{i}" for i in range(len(killed))], "fatalities": killed,
                              "sub_event_type": ["Armed clash"] * len(killed)})
        out = killed_distribution(frame, kinds=None)
        assert out["events"].sum() == len(killed) and out["people"].sum() == int(sum(killed))  # none dropped
        return dict(zip(out["killed"], out["events"]))

    assert counts([0, 2, 6, 6]) == {"0": 1, "1": 0, "2": 1, "3": 0, "4": 0, "5": 0, "6": 2}
    assert list(counts([0, FIGURE_BINS_UP_TO])) == [str(k) for k in range(FIGURE_BINS_UP_TO + 1)]
    # a bar per figure up to 9, then wide bins up to the one holding the deadliest event: no empty "25 or more" bar
    # where 20 is the most
    each = [str(k) for k in range(WIDE_BINS_FROM)]
    assert list(counts([0, FIGURE_BINS_UP_TO + 1])) == [*each, "10-11"]  # the last up to the most
    assert list(counts([0, 20]))[-1] == "10-20" and list(counts([0, 25]))[-1] == "25 or more"
    assert counts([0, 0]) == {"0": 2, "1": 0}  # no one killed: still a scale, not a lone bar
    assert counts([2.5, 30]) == {**dict.fromkeys(each, 0), "2": 1, "10-24": 0, "25 or more": 1}


def test_a_heap_at_one_figure_keeps_a_bar_of_its_own_when_some_event_killed_many():
    """A heap of events with exactly 3 killed was folded into a "2-4" bar as soon as one event killed more than
    ten: each figure under ten keeps its bar, so the heap shows beside its neighbours."""
    from analysis.stats.casualties import killed_distribution

    killed = [2] * 12 + [3] * 40 + [4] * 9 + [20]
    frame = pd.DataFrame({"event_id": [f"e{i}" for i in range(len(killed))], "fatalities": killed,
                          "sub_event_type": ["Armed clash"] * len(killed)})
    out = killed_distribution(frame, kinds=None).set_index("killed")["events"]
    assert (out["2"], out["3"], out["4"], out["10-20"]) == (12, 40, 9, 1)


def _dated(rows: list[tuple[str, str, str, int, str]]) -> pd.DataFrame:
    """Events of (id, first day, last day, fatalities, notes), ACLED's event_date the middle of their range."""
    frame = pd.DataFrame(rows, columns=["event_id", "date_start", "date_end", "fatalities", "notes"])
    for column in ("date_start", "date_end"):
        frame[column] = pd.to_datetime(frame[column])
    frame["event_date"] = frame["date_start"] + (frame["date_end"] - frame["date_start"]) / 2
    return frame


def test_the_killed_per_period_sum_to_the_events_killed_over_the_periods_of_their_count():
    from analysis.stats.casualties import killed_per_period
    from analysis.stats.periods import attacks_per_period

    events = _dated([
        ("a", "2025-03-03", "2025-03-03", 5, "5 killed."),
        ("b", "2025-03-13", "2025-03-16", 3, "Fatalities unknown; coded as 3."),  # Thursday to Sunday: one week
        ("c", "2025-03-15", "2025-03-18", 8, "8 killed."),  # Saturday to Tuesday: 2 days in each of two weeks
        ("d", "2025-03-26", "2025-03-26", 0, "No one hurt."),  # a week with an event and no one killed
        ("e", "2025-04-09", "2025-04-09", 1, ""),  # after a week with no event
    ])
    killed = killed_per_period(events, set_by_rule=True)
    counts = attacks_per_period(events, kinds=None)
    # the periods of the events' count, and the events as it counts them
    pd.testing.assert_frame_equal(killed[counts.columns], counts)
    assert killed["period_start"].dt.strftime("%d %b").tolist() == ["03 Mar", "10 Mar", "17 Mar", "24 Mar",
                                                                    "31 Mar", "07 Apr"]
    assert killed["killed"].tolist() == [5.0, 7.0, 4.0, 0.0, 0.0, 1.0]  # c's 8 split 4 and 4 by its days
    assert killed["set_by_rule"].tolist() == [0.0, 3.0, 0.0, 0.0, 0.0, 0.0]
    assert killed["killed"].notna().all() and killed.loc[3, "possible"] == 1  # an event, no one killed: a zero
    assert killed["killed"].sum() == events["fatalities"].sum() == 17
    # on ACLED's one date each (the middle of its range, 16 March), c's 8 fall in one week
    on_date = killed_per_period(events, dates="event_date")
    assert on_date["killed"].tolist() == [5.0, 11.0, 0.0, 0.0, 0.0, 1.0]
    # a window: its periods only, the killed outside it kept in attrs
    window = killed_per_period(events, start="2025-03-10", end="2025-03-16")
    assert window["killed"].tolist() == [7.0] and window.attrs["outside"]["killed"] == 4.0
    assert killed_per_period(events.iloc[:0])["killed"].sum() == 0


def test_the_coded_killed_per_period_are_the_lowest_figures_of_the_casualties_table():
    import analysis
    from analysis.stats.casualties import event_sizes, killed_per_period

    data = analysis.load_dataset()
    killed = killed_per_period(data.events, data.casualties, kinds=is_militia_attack, set_by_rule=True)
    attacks = data.events[is_militia_attack(data.events)]
    lowest = event_sizes(attacks, data.casualties, outcome="killed")
    assert killed["killed"].sum() == pytest.approx(lowest.sum()) and lowest.sum() > 0
    assert not killed["set_by_rule"].any()  # the coded notes set no toll by rule
    # the peak week holds the 11 March attack's killed, the least any report gives
    top = killed.loc[killed["killed"].idxmax()]
    ids = attacks.loc[(attacks["date_start"] >= top["period_start"]) & (attacks["date_end"] <= top["period_end"]),
                      "event_id"]
    assert top["killed"] == pytest.approx(lowest[attacks["event_id"].isin(ids)].sum())
