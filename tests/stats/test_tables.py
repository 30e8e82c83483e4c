"""Tables to read: events with their documents, reported totals, troop-level steps."""

from __future__ import annotations

import pandas as pd
from helpers_events import make_table, troop_levels_sample

from analysis import schema
from analysis.stats.tables import events_table, reported_totals_table, troop_level_steps


def test_events_table_lists_events_in_order_with_their_documents(attacks):
    reports = pd.DataFrame({"event_id": ["EV002", "EV002", "EV001"],
                            "doc_id": ["003_abc", "001_def", "001_def"]})
    table = events_table(attacks.iloc[::-1], reports, limit=3)
    assert table["event_id"].tolist() == ["EV001", "EV002", "EV003"]
    assert table["documents"].tolist()[:2] == ["001", "001, 003"] and pd.isna(table["documents"].iloc[2])
    assert table.index.tolist() == [1, 2, 3]
    assert table.loc[2, "when"] == "14-17 Mar 2020"


def test_text_from_the_data_reaches_notebook_html_escaped(attacks):
    hostile = attacks.assign(notes=pd.array(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                                             "plain", "plain"], dtype="string"),
                             actor1=pd.array(["<b>Group</b>"] * 4, dtype="string"))
    html = events_table(hostile)._repr_html_()
    assert "<script>" not in html and "<img" not in html and "<b>Group" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_reported_totals_table_shows_totals_as_worded():
    totals = make_table(schema.REPORTED_TOTALS, [
        {"total_id": "RT2", "date_start": "2019-10-01", "date_end": "2019-11-30", "date_basis": "b",
         "measure": "air strikes", "actor": None, "count_low": 45, "count_high": 45, "qualifier": "exact",
         "doc_id": "d", "quote": "45 strikes"},
        {"total_id": "RT1", "date_start": "2019-03-01", "date_end": "2020-03-20", "date_basis": "b",
         "measure": "rocket attacks", "actor": "Kata'ib Hezbollah", "count_low": 13, "count_high": None,
         "qualifier": "more than", "doc_id": "d", "quote": "over a dozen rocket attacks"},
    ])
    table = reported_totals_table(totals)
    assert table[["period", "measure", "as_worded", "bounds"]].values.tolist() == [
        ["1 Mar 2019 - 20 Mar 2020", "rocket attacks", "more than 12", "13 or more"],
        ["1 Oct - 30 Nov 2019", "air strikes", "45", "45"],
    ]


def test_troop_level_steps_hold_until_the_next_statement():
    levels = troop_levels_sample()
    steps = troop_level_steps(levels)
    assert steps["level_id"].tolist() == ["TL1", "TL2", "TL3"]
    by_id = steps.set_index("level_id")
    assert by_id.loc["TL1", "step_end"] == pd.Timestamp("2020-04-01")
    assert by_id.loc["TL2", "step_end"] == pd.Timestamp("2020-05-01")
    assert by_id["value"].to_dict() == {"TL1": 5200.0, "TL2": 5000.0, "TL3": 400.0}
    assert by_id.loc["TL3", "as_worded"] == "less than 400"
