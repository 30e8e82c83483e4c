"""The escalation measure: CAMEO codes, Goldstein weights, sums per period."""

from __future__ import annotations

import pytest
from helpers_events import make_events

from analysis.stats.escalation import (
    cameo_table,
    cameo_weights,
    cooperation_events,
    escalation_peaks,
    escalation_per_period,
)
from analysis.viz.escalation import escalation_key


def test_cameo_weights_follow_the_documented_table():
    events = make_events([
        {"date_start": "2020-01-03", "category": "US strike", "sub_event_type": "Air/drone strike"},
        {"date_start": "2020-03-26", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory"},
        {"date_start": "2020-03-20", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Other"},
        {"date_start": "2020-03-20", "category": None, "event_type": "Strategic developments",
         "sub_event_type": "Other"},
    ])
    weights = cameo_weights(events)
    assert weights["cameo_code"].tolist() == ["195", "0874", "154", "010"]
    assert weights["goldstein"].tolist() == [-10.0, 10.0, -7.2, 0.0]
    with pytest.raises(KeyError, match="999"):
        cameo_weights(events, by_sub_event_type={"Other": "999"})
    table = cameo_table(events)
    assert table["events"].sum() == 4


def test_escalation_spreads_ranged_events_and_counts_each_once():
    events = make_events([
        {"date_start": "2020-03-14", "date_end": "2020-03-17", "category": "US strike",
         "sub_event_type": "Air/drone strike"},
        {"date_start": "2020-03-18", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory"},
    ])
    frame = escalation_per_period(events, freq="W")
    assert frame["conflict"].tolist() == [5.0, 5.0]
    assert frame["cooperation"].tolist() == [0.0, 10.0]
    assert frame["escalation"].tolist() == [5.0, -5.0]
    assert frame["events"].sum() == 2.0


def test_the_peaks_are_the_weeks_of_highest_escalation_in_words():
    events = make_events([
        {"date_start": "2020-03-11", "category": "militia attack"},
        {"date_start": "2020-03-14", "category": "militia attack"},
        {"date_start": "2019-12-27", "category": "militia attack"},
    ])
    peaks = escalation_peaks(escalation_per_period(events, freq="W"), n=2)
    assert peaks["period"].tolist() == ["9-15 Mar 2020", "23-29 Dec 2019"]
    assert peaks["escalation"].tolist() == [20.0, 10.0]


def test_a_tie_at_the_last_peak_is_left_out_whole():
    # a window's table of "3 weeks of highest escalation" listed two weeks at 27 points and left out a third at 27
    events = make_events([
        *({"date_start": day, "category": "militia attack"} for day in ("2020-03-10", "2020-03-11", "2020-03-12")),
        *({"date_start": day, "category": "militia attack"} for day in ("2020-05-05", "2020-05-06")),
        *({"date_start": day, "category": "militia attack"} for day in ("2020-06-09", "2020-06-10")),
        *({"date_start": day, "category": "militia attack"} for day in ("2020-06-23", "2020-06-24")),
    ])
    measure = escalation_per_period(events, freq="W")
    assert escalation_peaks(measure, n=3)["period"].tolist() == ["9-15 Mar 2020"]  # three weeks tie at 20
    assert escalation_peaks(measure, n=4)["period"].tolist() == [
        "9-15 Mar 2020", "4-10 May 2020", "8-14 Jun 2020", "22-28 Jun 2020"]


def test_the_rules_say_in_words_what_a_withdrawal_and_a_handover_count_as():
    table = cameo_table().set_index(["category", "sub_event_type"])
    assert "withdrawals from bases" in table.loc[("posture change", "Change to group/activity"), "covers"]
    assert table.loc[("posture change", "Change to group/activity"), "goldstein"] == -4.0
    key = escalation_key(cameo_table())
    assert "handovers of a base 10 down;" in key and "CAMEO" not in key  # the codebook's names: the methods part's
    idle = key.split("not counted, as no violence: ", 1)[1]
    assert "withdrawals from bases no report says changed hands" in idle  # the rule of the coding, not a claim
    assert "Patriot deployments and fortification" in idle and "peaceful protests" in idle
    assert "air and drone strikes" not in idle


def test_only_violence_counts_as_conflict_so_a_week_of_posture_moves_shows_none():
    """A Patriot deployment and a withdrawal weigh -7.2 and -4, but no act of violence: the week has no conflict."""
    events = make_events([
        {"date_start": "2020-04-07", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Other"},
        {"date_start": "2020-04-08", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Change to group/activity"},
        {"date_start": "2020-04-15", "category": "protest", "event_type": "Protests", "sub_event_type": "Peaceful protest"},
        {"date_start": "2020-04-16", "category": "militia attack"},
    ])
    frame = escalation_per_period(events, freq="W")
    assert frame["conflict"].tolist() == [0.0, 10.0]
    assert frame["nonviolent"].tolist() == [7.2 + 4.0, 6.5]
    assert frame["escalation"].tolist() == [0.0, 10.0]


def test_an_acled_transfer_of_territory_is_actor1_taking_ground_and_a_coded_handover_a_retreat():
    """ACLED's actor1 takes control without fighting (192, conflict); the coded coalition hands a base over (0874)."""
    acled = make_events([
        {"date_start": "2025-03-05", "category": None, "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory", "actor1": "Al Shabaab"},
    ])
    weights = cameo_weights(acled)
    assert weights[["cameo_code", "cameo_name"]].iloc[0].tolist() == ["192", "Occupy territory"]
    assert weights["goldstein"].tolist() == [-9.5]
    frame = escalation_per_period(acled, freq="W")
    # ground taken without fighting is no violence: kept apart, in no score
    assert frame[["conflict", "cooperation", "escalation", "nonviolent"]].iloc[0].tolist() == [0.0, 0.0, 0.0, 9.5]
    rules = cameo_table(acled)
    assert rules["covers"].tolist() == ["ground the first actor takes without fighting"]
    assert escalation_key(rules) == ("How acts count: not counted, as no violence: ground the first actor takes "
                                     "without fighting.")
    assert "handover" not in escalation_key(rules) and "retreat" not in escalation_key(rules)


def test_the_coded_k1_handover_still_counts_as_the_coalitions_retreat():
    from analysis import load_events

    events = load_events()
    handovers = events[events["sub_event_type"] == "Non-violent transfer of territory"]
    assert len(handovers) >= 1 and set(handovers["category"]) == {"posture change"}
    assert set(handovers["actor1"]) == {"Military Forces of the United States"}
    assert set(cameo_weights(handovers)["cameo_code"]) == {"0874"}
    used = cameo_table(events).set_index(["category", "sub_event_type"])
    assert used.loc[("posture change", "Non-violent transfer of territory"), "events"] == len(handovers)


def test_a_week_counts_the_events_that_scored_apart_from_those_that_add_nothing():
    """A week of two strikes, a riot, an agreement and three protests: its 7 events are counted, and the 4 that add
    points (violence, cooperation) apart from the protests, which score nothing; the peaks table carries both, so
    a page's "from 7 events" is not read as 7 acts scored."""
    events = make_events([
        {"date_start": "2025-03-04", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
        {"date_start": "2025-03-05", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
        {"date_start": "2025-03-05", "event_type": "Riots", "sub_event_type": "Mob violence"},
        {"date_start": "2025-03-06", "event_type": "Strategic developments", "sub_event_type": "Agreement"},
        *[{"date_start": "2025-03-07", "event_type": "Protests", "sub_event_type": "Peaceful protest"}] * 3,
    ])
    frame = escalation_per_period(events, freq="W", dates="event_date")
    assert frame[["events", "scored"]].iloc[0].tolist() == [7.0, 4.0]
    assert frame["escalation"].tolist() == [10 + 10 + 7.5 - 8]
    peaks = escalation_peaks(frame)
    assert peaks[["events", "scored"]].iloc[0].tolist() == [7.0, 4.0]


def test_the_events_that_push_a_period_down_are_listed_with_their_points():
    # the chart's bars below zero had no name: each is the retreats and agreements listed here, by period
    events = make_events([
        {"date_start": "2020-03-26", "date_end": "2020-03-31", "category": "posture change",
         "event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory"},
        {"date_start": "2020-03-24", "category": "US strike", "sub_event_type": "Air/drone strike"},
        {"date_start": "2020-03-25", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Change to group/activity"},  # a withdrawal no report says handed a base over
        {"date_start": "2020-03-27", "category": "political", "event_type": "Strategic developments",
         "sub_event_type": "Agreement"},
    ])
    down = cooperation_events(events, freq="W")
    assert down["event_id"].tolist() == ["EV001", "EV004", "EV001"]
    assert down["period_start"].dt.strftime("%Y-%m-%d").tolist() == ["2020-03-23", "2020-03-23", "2020-03-30"]
    assert down["cooperation"].tolist() == pytest.approx([10 * 4 / 6, 8.0, 10 * 2 / 6])
    # a period's rows sum to the measure's cooperation, with the same options (a window cut by clip)
    measure = escalation_per_period(events, freq="W").set_index("period_start")["cooperation"]
    assert down.groupby("period_start")["cooperation"].sum().to_dict() == pytest.approx(measure[measure > 0].to_dict())
    clipped = cooperation_events(events, freq="W", start="2020-03-30", clip=True)
    assert clipped["event_id"].tolist() == ["EV001"]
    assert cooperation_events(events.iloc[1:3]).empty
