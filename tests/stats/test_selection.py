"""Kinds of events, and selection by kind, window and area."""

from __future__ import annotations

import pandas as pd
import pytest
from helpers_events import make_events

from analysis import DataError, schema
from analysis.stats.highlights import deadliest_events
from analysis.stats.periods import attacks_per_period
from analysis.stats.selection import (
    OUTSIDE_CONFRONTATION,
    event_kind,
    in_confrontation,
    is_militia_attack,
    select_events,
    select_kinds,
)
from analysis.stats.targets import DEFAULT_ACLED_ATTACKS, attack_selection, target_mask


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


@pytest.mark.parametrize("helper", [
    lambda events, kinds: select_kinds(events, kinds),
    lambda events, kinds: attacks_per_period(events, freq="W", kinds=kinds),
    lambda events, kinds: deadliest_events(events, kinds=kinds),
])
def test_a_kind_that_names_nothing_is_refused_with_the_closest_names(attacks, helper):
    with pytest.raises(ValueError) as caught:
        helper(attacks, ["Battle"])
    assert str(caught.value) == ("kinds: 'Battle' is not an ACLED event type, sub-event type or category; "
                                 "did you mean 'Battles'?")
    with pytest.raises(ValueError, match=r"^kinds: 'zzz' is not .* allowed: 'Battles', 'Explosions/Remote violence', "):
        helper(attacks, "zzz")
    with pytest.raises(TypeError, match="kinds: 3 is not a name"):
        helper(attacks, [3])


def test_kinds_takes_sub_event_types_and_any_case_as_attacks_does(attacks):
    acled = _acled_like([
        {"date_start": "2020-03-02", "event_type": "Battles", "sub_event_type": "Armed clash"},
        {"date_start": "2020-03-03", "event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"},
        {"date_start": "2020-03-04"},  # shelling
    ])
    assert select_kinds(acled, ["air/DRONE strike"]).index.tolist() == [1]
    assert select_kinds(acled, ["battles", "Shelling/artillery/missile attack"]).index.tolist() == [0, 2]
    for names in (["Air/drone strike"], ["Battles", "Shelling/artillery/missile attack"], ["militia attack"]):
        assert select_kinds(acled, names).index.tolist() == acled.index[attack_selection(names).mask(acled)].tolist()
        assert select_kinds(attacks, names).index.tolist() == attacks.index[attack_selection(names).mask(attacks)].tolist()
    assert select_kinds(attacks, ["US strike"])["event_id"].tolist() == ["EV003"]


def test_a_kind_with_no_events_counts_zeros_and_a_kind_of_the_data_is_accepted(attacks):
    weekly = attacks_per_period(attacks, freq="W", kinds=["Riots"], start="2020-03-01", end="2020-03-31")
    assert len(weekly) == 6 and weekly["expected"].eq(0).all() and weekly["certain"].eq(0).all()  # no riot: zeros
    later = attacks_per_period(attacks, freq="W", kinds=["militia attack"], start="2020-06-01", end="2020-06-30")
    assert len(later) == 5 and later["expected"].eq(0).all()
    newer = attacks.astype({"sub_event_type": "string"})
    newer.loc[1, "sub_event_type"] = "Drone swarm"  # a sub-event type ACLED added after this package
    assert select_kinds(newer, ["drone swarm"])["event_id"].tolist() == ["EV002"]
    assert select_kinds(attacks.iloc[:0], ["Armed clash"]).empty


def test_an_area_that_names_nothing_is_refused_with_the_closest_names(attacks):
    with pytest.raises(ValueError) as caught:
        select_events(attacks, area="Bagdad")
    assert str(caught.value) == ("area: 'Bagdad' matches no governorate (admin1) or country of the data; "
                                 "did you mean 'Baghdad'?")
    with pytest.raises(ValueError, match=r"^area: 'Narnia' matches no .*; the same for 'Mordor'; allowed: 'Baghdad', 'Kirkuk'$"):
        select_events(attacks, area=["Narnia", "Kirkuk", "Mordor"])
    with pytest.raises(ValueError, match=r"^area: 'Bagdad' .*; did you mean 'Baghdad'\?; the same for 'Kirkukk' \(did you mean 'Kirkuk'\?\)$"):
        select_events(attacks, area=["Bagdad", "Kirkuk", "Kirkukk"])  # every name refused at once, each with its own
    assert select_events(attacks, start="2020-06-01", area="Kirkuk").empty  # a place of the data, not in the window
    assert select_events(attacks.iloc[:0], area="Kirkuk").empty  # nothing to match: nothing refused


# --- ATTACKS and TARGET ------------------------------------------------------------------


def _acled_like(rows):
    frame = make_events(rows).assign(category=pd.NA)
    frame["assoc_actor_2"] = pd.Series([r.get("assoc_actor_2") for r in rows], dtype="string")
    return frame


def test_attack_selection_defaults_differ_for_coded_data_and_acled_files():
    coded, acled = attack_selection(coded=True), attack_selection()
    assert coded.attacks == () and coded.default and coded.what == "militia attacks"
    assert acled.attacks == DEFAULT_ACLED_ATTACKS and acled.default
    events = _acled_like([
        {"date_start": "2025-03-03", "event_type": "Battles", "sub_event_type": "Armed clash"},
        {"date_start": "2025-03-04", "event_type": "Protests", "sub_event_type": "Peaceful protest"},
        {"date_start": "2025-03-05"},  # shelling
    ])
    assert acled.mask(events).tolist() == [True, False, True]
    assert coded.mask(events).tolist() == [False, False, True]  # no category: shelling only, as before
    with pytest.warns(DeprecationWarning, match="report's words say what is counted"):
        described = acled.describe()  # kept for one release; the words are in analysis.report.words.attacks
    assert "Battles and Explosions/Remote violence" in described and "whoever the target" in described


def test_attack_selection_reads_types_and_refuses_unknown_names():
    chosen = attack_selection("shelling/artillery/missile attack; Air/drone strike")
    assert chosen.attacks == ("Shelling/artillery/missile attack", "Air/drone strike") and not chosen.default
    assert chosen.what == "shelling, artillery and missile attacks and air and drone strikes"
    with pytest.raises(ValueError, match="'Bombing' is not an ACLED event type"):
        attack_selection("Battles, Bombing")


def test_target_matches_names_as_plain_text_in_actor2_and_its_associates():
    events = _acled_like([
        {"date_start": "2025-03-03", "actor2": "Military Forces of the United States (2021-)"},
        {"date_start": "2025-03-03", "actor2": "Military Forces of Somalia (2022-)",
         "assoc_actor_2": "Global Coalition Against Daesh"},
        {"date_start": "2025-03-03", "actor1": "Military Forces of the United States (2021-)", "actor2": "Al Shabaab"},
        {"date_start": "2025-03-03", "actor2": None},
    ])
    both = "Military Forces of the United States (2021-); Global Coalition"
    assert target_mask(events, both).tolist() == [True, True, False, False]
    assert target_mask(events, ["united states (2021-)", "global coalition"]).tolist() == [True, True, False, False]
    assert target_mask(events, r"United States \(20\d\d-\)").tolist() == [False] * 4  # not a pattern
    assert target_mask(events, "somalia").tolist() == [False, True, False, False]
    chosen = attack_selection(None, ["Military Forces of the United States (2021-)"])
    assert chosen.mask(events).tolist() == [True, False, False, False]
    assert chosen.what.endswith("on Military Forces of the United States (2021-)")


def test_kinds_left_out_still_means_militia_attacks_for_one_release_with_a_warning(attacks):
    from analysis.stats.casualties import attacks_table
    from analysis.stats.periods import attacks_per_period
    from analysis.stats.selection import is_militia_attack

    with pytest.warns(DeprecationWarning, match=r"attacks_per_period\(\) counts only militia attacks .* kinds=None"):
        old = attacks_per_period(attacks, freq="M")
    pd.testing.assert_frame_equal(old, attacks_per_period(attacks, freq="M", kinds=is_militia_attack))
    every = attacks_per_period(attacks, freq="M", kinds=None)
    assert every["expected"].sum() == len(attacks) > old["expected"].sum()
    with pytest.warns(DeprecationWarning, match=r"attacks_table\(\)"):
        assert len(attacks_table(attacks)) == int(is_militia_attack(attacks).sum())


def test_a_window_selects_on_event_date_when_asked():
    from analysis.stats.selection import select_events

    frame = pd.DataFrame({"date_start": pd.to_datetime(["2020-02-24", "2020-03-01"]),
                          "date_end": pd.to_datetime(["2020-03-02", "2020-03-31"]),
                          "event_date": pd.to_datetime(["2020-02-27", "2020-03-15"])})
    assert select_events(frame, start="2020-03-01").index.tolist() == [0, 1]
    assert select_events(frame, start="2020-03-01", dates="event_date").index.tolist() == [1]
    assert select_events(frame, end="2020-02-29", dates="event_date").index.tolist() == [0]


def test_the_escalation_score_leaves_out_the_fight_against_the_islamic_state_and_nothing_of_acled():
    events = make_events([
        {"date_start": "2020-03-11", "category": "militia attack"},
        {"date_start": "2020-03-01", "date_end": "2020-03-10", "category": "other violence", "event_type": "Battles",
         "sub_event_type": "Armed clash", "actor1": "Military Forces of the United States",
         "actor2": "Islamic State (Iraq)"},
        {"date_start": "2020-03-12", "category": "US strike", "sub_event_type": "Air/drone strike"},
        # an ACLED event: no category, its kind is its event type, whoever fights
        {"date_start": "2020-03-05", "category": None, "event_type": "Battles", "sub_event_type": "Armed clash",
         "actor2": "Islamic State (Iraq)"},
    ])
    assert OUTSIDE_CONFRONTATION == ("other violence",)
    assert set(OUTSIDE_CONFRONTATION) < set(schema.CATEGORIES)  # kinds of the coded vocabulary, none of ACLED's
    assert not set(OUTSIDE_CONFRONTATION) & set(schema.EVENT_TYPES)
    mask = in_confrontation(events)
    assert mask.tolist() == [True, False, True, True] and mask.index.equals(events.index)
