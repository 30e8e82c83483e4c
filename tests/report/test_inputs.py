"""The notebooks' inputs: the coded documents or an ACLED file, in a window and an area."""

from __future__ import annotations

import pandas as pd
import pytest
from acled_files import write_acled

from analysis.report.inputs import notebook_data
from analysis.stats.tables import events_table


def test_notebook_data_selects_the_window_in_every_table():
    data = notebook_data(start="2020-03-01", end="2020-03-31")
    assert data.coded and data.place_column == "base_id"
    assert (data.events["date_end"] >= pd.Timestamp("2020-03-01")).all()
    assert set(data.casualties["event_id"]) <= set(data.events["event_id"])
    assert set(data.reports["event_id"]) == set(data.events["event_id"])
    assert data.summary().startswith(f"{len(data.events)} events from the 5 coded documents, 1 Mar 2020 to 31 Mar 2020")


def test_notebook_data_reads_an_acled_file(tmp_path):
    columns = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
               "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
               "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
               "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
               "fatalities", "tags", "timestamp"]
    row = ["IRQ1", "2020-03-11", "2020", "1", "Political violence", "Explosions/Remote violence",
           "Shelling/artillery/missile attack", "Unidentified Armed Group (Iraq)", "", "Political militia",
           "Military Forces of the United States", "", "External/Other forces", "Political militia-External/Other forces",
           "", "368", "Middle East", "Iraq", "Salah al-Din", "", "", "Taji", "33.52", "44.26", "1", "Reuters",
           "International", "Rockets hit <b>Taji</b>.", "3", "", "1600000000"]
    path = tmp_path / "export.csv"
    path.write_text(",".join(columns) + "\n" + ",".join(row) + "\n", encoding="utf-8")
    data = notebook_data(str(path), area="iraq")
    assert not data.coded and data.place_column == "admin1" and data.casualties is None
    assert data.summary() == "1 event from the ACLED file export.csv, 11 Mar 2020 to 11 Mar 2020, in iraq."
    assert events_table(data.events)["documents"].tolist() == ["Reuters"]


def test_charts_name_their_source_and_state_findings_only_for_the_default_run(tmp_path):
    data = notebook_data()
    assert data.is_default
    with pytest.deprecated_call():
        assert data.default_run
    assert data.source_line == "Source: five news reports, Feb-Jul 2020; coded in this project"
    assert data.headline("Attacks came in two bursts", "Attacks per week") == "Attacks came in two bursts"
    window = notebook_data(start="2020-03-01")
    assert not window.is_default
    assert window.headline("Attacks came in two bursts", "Attacks per week") == "Attacks per week"


