"""The packaged coded dataset: provenance, consistency and documentation."""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

import analysis
from analysis import io
from analysis.codebook import data_dictionary

ROOT = Path(__file__).resolve().parent.parent
QUOTED_TABLES = ["reports", "casualties", "troop_levels", "reported_totals", "bases"]


@pytest.fixture(scope="module")
def data():
    return analysis.load_dataset()


def test_documents_are_the_recorded_bytes():
    with open(ROOT / "seeds" / "sources.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5
    for row in rows:
        digest = hashlib.sha256((ROOT / "seeds" / row["file_name"]).read_bytes()).hexdigest()
        assert digest == row["sha256"], row["file_name"]


@pytest.mark.parametrize("table", QUOTED_TABLES)
def test_every_quote_is_verbatim_in_its_document(data, table):
    frame = getattr(data, table)
    texts = {doc: analysis.document_text(doc) for doc in data.sources["doc_id"]}
    missing = [(doc, quote) for doc, quote in zip(frame["doc_id"], frame["quote"]) if quote not in texts[doc]]
    assert missing == []
    assert not frame["quote"].str.contains("\n").any()


def test_every_event_is_reported_and_every_report_has_an_event(data):
    assert set(data.events["event_id"]) == set(data.reports["event_id"])
    assert set(data.casualties["event_id"]) <= set(data.events["event_id"])


def test_events_at_a_base_carry_its_place(data):
    at_base = data.events.dropna(subset=["base_id"]).merge(data.bases, on="base_id", suffixes=("", "_base"))
    assert len(at_base) == data.events["base_id"].notna().sum()
    for column in ("latitude", "longitude", "admin1"):
        assert (at_base[column].astype(object) == at_base[f"{column}_base"].astype(object)).all(), column


def test_event_coordinates_come_from_the_gazetteer_tables(data):
    places = pd.read_csv(ROOT / "analysis" / "data" / "places.csv")
    known = set(zip(places["latitude"], places["longitude"])) | set(zip(data.bases["latitude"], data.bases["longitude"]))
    located = data.events.dropna(subset=["latitude"])
    unknown = located[[(lat, lon) not in known for lat, lon in zip(located["latitude"], located["longitude"])]]
    assert unknown["event_id"].tolist() == []


def _fold(name: str) -> str:
    letters = unicodedata.normalize("NFKD", name).lower()
    return re.sub(r"[^a-z]", "", letters).replace("al", "")


def test_actor_names_have_one_spelling_each(data):
    actors = pd.concat([data.events["actor1"], data.events["actor2"], data.reported_totals["actor"]]).dropna().unique()
    folded: dict[str, str] = {}
    for actor in sorted(actors):
        assert _fold(actor) not in folded, f"{actor!r} and {folded[_fold(actor)]!r} are spelled differently"
        folded[_fold(actor)] = actor
    assert not any("’" in a for a in actors), "use the ASCII apostrophe in actor names"


def test_fatalities_are_never_above_the_lowest_reported_killed(data):
    killed = data.casualties[data.casualties["outcome"] == "killed"]
    lowest = killed.groupby(["event_id", "group"], observed=True)["count_low"].min().groupby("event_id").sum()
    events = data.events.set_index("event_id")
    for event_id, count in lowest.items():
        assert events.loc[event_id, "fatalities"] <= count, event_id
    with_deaths = set(events.index[events["fatalities"] > 0])
    assert with_deaths <= set(killed["event_id"]), "events with fatalities need their killed in casualties"


def test_readme_data_dictionary_is_current():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- section: data dictionary -->\n", 1)[1].split("<!-- end section: data dictionary -->")[0]
    assert section == "## Data dictionary\n\n" + data_dictionary(), "run: python -m analysis.codebook"


def test_packaged_folders_exist():
    assert (io.packaged_data_dir() / "events.csv").is_file()
    assert io.packaged_documents_dir() == ROOT / "seeds"
