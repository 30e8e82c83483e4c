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
