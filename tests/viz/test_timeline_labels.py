"""The labels of the events worth naming on a timeline, written from the data."""

from __future__ import annotations

import pandas as pd

from analysis.viz.timeline_labels import event_labels


def test_event_labels_name_place_rockets_casualties_and_every_violent_event(attacks, casualties):
    labels = event_labels(attacks, casualties)
    assert labels.tolist() == ["Camp Taji: 18 rockets, 3 killed", "Camp Taji: shelling or missile attack, 1+ wounded",
                               "air strike, 4 killed", "K-1 Air Base: shelling or missile attack"]
    target = attacks.assign(actor2=pd.array([None, None, "Kata'ib Hezbollah", None], dtype="string"))
    assert event_labels(target, casualties).iloc[2] == "air strike on Kata'ib Hezbollah, 4 killed"


def test_event_labels_keep_the_most_hurt_events(attacks, casualties):
    labels = event_labels(attacks, casualties, n=1)
    assert labels.dropna().tolist() == ["air strike, 4 killed"]
    assert labels.index.equals(attacks.index)


def _tied_events(n: int, tied: int) -> pd.DataFrame:
    """``n`` violent events a day apart; ``tied`` of them, every ``n // tied``-th, kill 6 (the most), the rest 1."""
    from helpers_events import make_events

    step = n // tied
    return make_events([{"date_start": (pd.Timestamp("2020-03-01") + pd.Timedelta(days=i)).strftime("%Y-%m-%d"),
                         "fatalities": 6 if i % step == 0 and i // step < tied else 1} for i in range(n)])


def test_a_tie_too_large_to_label_whole_is_labelled_across_its_dates_and_counted():
    # 20 events kill 6 and there is room for 15 labels: the 5 left out were the last 5 in date order, so the
    # chart suggested the deadly events stopped early; they are now spread over the tie's dates, and counted
    from analysis.viz.timeline_labels import LabelTie, label_tie

    events = _tied_events(60, 20)
    deadliest = events.index[events["fatalities"] == 6]
    labels = event_labels(events, n=15)
    assert labels.notna().sum() == 15 and labels.dropna().index.isin(deadliest).all()
    left_out = [i for i in deadliest if pd.isna(labels[i])]
    assert len(left_out) == 5
    assert pd.notna(labels[deadliest[-1]]) and pd.notna(labels[deadliest[0]])  # the tie's first and last
    gaps = pd.Series(left_out).diff().dropna()
    assert gaps.min() >= 2 * (60 // 20)  # no two left out next to each other in the tie
    # a shorter choice is part of a longer one: the events a page names of the tie are labelled on its chart
    assert set(event_labels(events, n=8).dropna().index) <= set(labels.dropna().index)
    assert label_tie(events, n=15) == LabelTie(hurt=6.0, labelled=15, tied=20)
    # no tie split: the limit falls between two figures, or every event is labelled
    assert label_tie(events, n=20) is None and label_tie(events, n=None) is None


def test_a_toll_acled_set_by_rule_is_labelled_as_not_reported():
    frame = pd.DataFrame({"event_id": ["a", "b"], "location": ["Town A", "Town B"], "sub_event_type": ["Attack"] * 2,
                          "event_type": ["Violence against civilians"] * 2, "fatalities": [3, 3],
                          "notes": ["Fatalities unknown; coded as 3.", "Three civilians were killed."]})
    assert event_labels(frame).tolist() == ["Town A: attack, toll not reported (ACLED codes 3)",
                                            "Town B: attack, 3 killed"]
