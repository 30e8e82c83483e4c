"""What happened at each base."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_events

from analysis.stats.posture import base_posture, posture_kind


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
