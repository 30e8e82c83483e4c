"""What happened at each base."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_events

from analysis.stats.posture import base_posture, force_posture, foreign_forces, posture_kind, reported_under_way


def test_posture_kind_and_base_posture():
    events = make_events([
        {"date_start": "2020-03-26", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory", "base_id": "k1",
         "notes": "The general signs the transfer of K-1 Air Base to the Iraqi army."},
        {"date_start": "2020-03-16", "date_end": "2020-04-30", "category": "posture change",
         "event_type": "Strategic developments", "sub_event_type": "Other", "base_id": "erbil",
         "notes": "Patriot missile batteries deployed at Irbil."},
        {"date_start": "2020-03-20", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Non-violent transfer of territory", "base_id": "al-qaim", "notes": "Troops go."},
        {"date_start": "2020-03-11", "base_id": "taji"},
        {"date_start": "2020-03-12", "category": "political", "event_type": "Strategic developments",
         "sub_event_type": "Other", "notes": "They withdraw the claim."},
    ])
    assert posture_kind(events).tolist()[:4] == ["handed over", "Patriot batteries", "withdrawn from", "attacked"]
    assert pd.isna(posture_kind(events).iloc[4])
    bases = pd.DataFrame({"base_id": ["k1", "erbil", "al-qaim", "taji"], "name": ["K-1", "Irbil", "al-Qaim", "Taji"],
                          "latitude": [35.5, 36.2, 34.4, 33.5], "longitude": [44.3, 44.0, 41.0, 44.3]})
    posture = base_posture(events, bases)
    assert posture["event_id"].tolist() == ["EV004", "EV003", "EV001", "EV002"]
    assert posture["when"].tolist()[3] == "16 Mar - 30 Apr 2020"
    assert not posture["under_way"].any()


def test_a_change_reported_only_as_under_way_is_told_apart_from_one_done():
    # al-Qaim: 'is moving troops from' on 29 March, the row dated up to then, its completion not given
    events = make_events([
        {"date_start": "2020-03-11", "date_end": "2020-03-29", "category": "posture change",
         "event_type": "Strategic developments", "sub_event_type": "Change to group/activity", "base_id": "al-qaim",
         "notes": "US troops withdraw from the Qaim base.",
         "date_basis": "Document 000: 'is moving troops from', so the withdrawal was under way by then."},
        {"date_start": "2020-03-26", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Change to group/activity", "base_id": "qayyarah",
         "notes": "Pull-out ceremony of US troops.", "date_basis": "Photo caption: 'the pull-out ceremony, March 26'."},
        {"date_start": "2020-03-27", "category": "posture change", "event_type": "Strategic developments",
         "sub_event_type": "Other", "base_id": "qayyarah", "notes": "They leave.", "date_basis": "Underway is no rule."},
    ])
    assert reported_under_way(events).tolist() == [True, False, False]
    assert not reported_under_way(events.drop(columns="date_basis")).any()  # an ACLED file says nothing of it
    bases = pd.DataFrame({"base_id": ["al-qaim", "qayyarah"], "name": ["al-Qaim", "Qayyarah"],
                          "latitude": [34.4, 35.8], "longitude": [41.0, 43.1]})
    posture = base_posture(events, bases)
    assert posture[["base_id", "kind", "under_way"]].values.tolist() == [
        ["al-qaim", "withdrawn from", True], ["qayyarah", "withdrawn from", False], ["qayyarah", "withdrawn from", False]]


def _acled(rows):
    frame = make_events([{"event_type": "Strategic developments", "category": None, **row} for row in rows])
    frame["country"] = pd.Series(["Somalia"] * len(rows), dtype="string")
    frame["assoc_actor_1"] = pd.Series([r.get("assoc_actor_1") for r in rows], dtype="string")
    return frame


def test_force_posture_lists_strategic_developments_of_foreign_forces_by_default():
    events = _acled([
        {"date_start": "2025-02-01", "sub_event_type": "Headquarters or base established",
         "actor1": "Military Forces of Turkey (2016-)", "location": "Town 1"},
        {"date_start": "2025-01-05", "sub_event_type": "Non-violent transfer of territory",
         "actor1": "Military Forces of Somalia (2022-)",
         "assoc_actor_1": "AU: African Union Transition Mission in Somalia (2022-)", "location": "Town 2"},
        {"date_start": "2025-01-07", "sub_event_type": "Change to group/activity",
         "actor1": "Military Forces of Somalia (2022-)", "location": "Town 3"},  # the country's own forces
        {"date_start": "2025-01-09", "sub_event_type": "Agreement",
         "actor1": "Military Forces of the United States (2021-)", "location": "Town 4"},  # not a posture type
    ])
    posture = force_posture(events)
    assert posture["location"].tolist() == ["Town 2", "Town 1"]
    assert posture["force"].tolist() == ["AU: African Union Transition Mission in Somalia (2022-)",
                                         "Military Forces of Turkey (2016-)"]
    targeted = force_posture(events, target="Somalia")
    assert targeted["location"].tolist() == ["Town 2", "Town 3"]
    assert force_posture(events, target="Canada").empty


def test_foreign_forces_uses_the_country_given_for_frames_without_one():
    frame = pd.DataFrame({"actor1": ["Military Forces of the United States", "Military Forces of Iraq"],
                          "actor2": [None, "Global Coalition Against Daesh"]})
    assert foreign_forces(frame, country="Iraq").tolist() == ["Military Forces of the United States",
                                                              "Global Coalition Against Daesh"]


def test_posture_per_period_counts_each_kind_per_month_and_spreads_ranged_changes():
    from analysis.stats.posture import posture_per_period

    posture = pd.DataFrame({
        "sub_event_type": ["Headquarters or base established", "Non-violent transfer of territory",
                           "Headquarters or base established", "Headquarters or base established"],
        "date_start": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-03-30", "2025-03-02"]),
        "date_end": pd.to_datetime(["2025-01-05", "2025-01-20", "2025-04-02", "2025-03-02"]),
    })
    table = posture_per_period(posture)
    assert table["period"].tolist() == ["Jan 2025", "Feb 2025", "Mar 2025", "Apr 2025"]
    assert table.columns.tolist() == ["period", "Headquarters or base established", "Non-violent transfer of territory",
                                      "all"]
    assert table["Headquarters or base established"].tolist() == [1.0, 0.0, 1.5, 0.5]  # 30 Mar-2 Apr: 2 days each
    assert table["all"].sum() == 4.0
    assert posture_per_period(posture.iloc[:0]).empty
    clipped = posture_per_period(posture, start="2025-01-01", end="2025-03-31")  # 1 and 2 April left out
    assert clipped["period"].tolist() == ["Jan 2025", "Feb 2025", "Mar 2025"] and clipped["all"].sum() == 3.5


def test_foreign_forces_go_by_actor_type_and_associated_actors_by_name():
    """External/Other forces (code 8; the loader names the codes of both column sets) are foreign whatever their name;
    another type never is; an associated actor, which has no type, is foreign when named as another country's or an
    international force."""
    frame = pd.DataFrame({
        "country": ["Somalia"] * 5,
        "actor1": ["Military Forces of Somaliland (2017-)", "Private Security Forces (Kenya)", "Al Shabaab",
                   "Military Forces of Somalia (2022-)", "Al Shabaab"],
        "inter1": ["State forces", "External/Other forces", "Rebel group", "State forces", "Rebel group"],
        "assoc_actor_1": [None, None, None, "Clan Militia (Somalia); Military Forces of Ethiopia (1991-)", None],
        "actor2": ["Military Forces of Kenya (2022-)", None, "Police Forces of Somalia (2022-)", None,
                   "Global Coalition Forces"],
        "inter2": ["State forces", None, "State forces", None, "External/Other forces"],
    })
    assert foreign_forces(frame).tolist() == [pd.NA, "Private Security Forces (Kenya)", pd.NA,
                                              "Military Forces of Ethiopia (1991-)", "Global Coalition Forces"]
