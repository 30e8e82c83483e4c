"""Shared fixtures: a small, valid coded dataset written to a temporary folder.

Tests break one thing in it at a time (see test_bad_input.py), so every
check of the loaders is exercised on a file the test made itself.
"""

from __future__ import annotations

import copy
import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import analysis
from analysis import schema


def _loader(table: str):
    """Return a function calling ``analysis.load_<table>``, which is imported (with pandas) at the first call."""
    def load(*args, **kwargs):
        return getattr(analysis, f"load_{table}")(*args, **kwargs)

    return load


#: Loader of each table, by table name. This module imports no pandas: pytest's controlling process
#: reads it before it starts the workers of `-n auto`, which then wait for those imports.
LOADERS = {table: _loader(table) for table in
           ("sources", "bases", "events", "reports", "casualties", "troop_levels", "reported_totals")}

DOC_TEXT = (
    "Rockets hit Camp Taji on March 11, killing two US soldiers.\n"
    "The United States has about 5,000 troops in Iraq and the UK has less than 400.\n"
    "Militias fired over a dozen rocket attacks. The US struck back on March 12.\n"
)

ROWS: dict[str, list[dict[str, str]]] = {
    "sources": [
        {"doc_id": "doc_a", "file_name": "doc_a.txt", "sha256": hashlib.sha256(DOC_TEXT.encode()).hexdigest(),
         "title": "A test report", "outlet": "", "published_start": "2020-03-20", "published_end": "2020-03-21",
         "published_basis": "Written for the tests."},
    ],
    "bases": [
        {"base_id": "taji", "name": "Camp Taji", "aliases": "Taji", "admin1": "Baghdad", "latitude": "33.5",
         "longitude": "44.2", "geo_precision": "1", "coord_source": "test gazetteer", "doc_id": "doc_a",
         "quote": "Rockets hit Camp Taji"},
    ],
    "events": [
        {"event_id": "EV001", "date_start": "2020-03-11", "date_end": "2020-03-11", "event_date": "2020-03-11",
         "time_precision": "1", "date_basis": "Stated.", "date_start_from": "text", "date_end_from": "text",
         "event_type": "Explosions/Remote violence",
         "sub_event_type": "Shelling/artillery/missile attack", "category": "militia attack",
         "actor1": "Unidentified Armed Group (Iraq)", "actor2": "Military Forces of the United States",
         "location": "Camp Taji", "admin1": "Baghdad", "base_id": "taji", "latitude": "33.5", "longitude": "44.2",
         "geo_precision": "1", "projectiles_low": "18", "projectiles_high": "18", "fatalities": "2",
         "notes": "Rocket attack."},
        {"event_id": "EV002", "date_start": "2020-03-12", "date_end": "2020-03-18", "event_date": "2020-03-15",
         "time_precision": "2", "date_basis": "After EV001, within a week.", "date_start_from": "event EV001",
         "date_end_from": "text", "event_type": "Explosions/Remote violence",
         "sub_event_type": "Air/drone strike", "category": "US strike",
         "actor1": "Military Forces of the United States", "actor2": "", "location": "unspecified", "admin1": "",
         "base_id": "", "latitude": "", "longitude": "", "geo_precision": "", "projectiles_low": "",
         "projectiles_high": "", "fatalities": "0", "notes": "Strike."},
    ],
    "reports": [
        {"report_id": "RP001", "event_id": "EV001", "doc_id": "doc_a", "quote": "Rockets hit Camp Taji on March 11",
         "claim_field": "", "claim_value": "", "claimant": ""},
        {"report_id": "RP002", "event_id": "EV002", "doc_id": "doc_a", "quote": "The US struck back on March 12.",
         "claim_field": "date", "claim_value": "March 12", "claimant": ""},
    ],
    "casualties": [
        {"casualty_id": "CA001", "event_id": "EV001", "group": "US military", "outcome": "killed", "count_low": "2",
         "count_high": "2", "qualifier": "exact", "claimant": "", "doc_id": "doc_a", "quote": "killing two US soldiers"},
    ],
    "troop_levels": [
        {"level_id": "TL001", "date_start": "2020-03-20", "date_end": "2020-03-21", "date_basis": "Publication.",
         "date_start_from": "publication date", "date_end_from": "publication date", "force": "US",
         "count_low": "4500", "count_high": "5500", "qualifier": "about", "doc_id": "doc_a", "quote": "about 5,000 troops"},
        {"level_id": "TL002", "date_start": "2020-03-20", "date_end": "2020-03-21", "date_basis": "Publication.",
         "date_start_from": "publication date", "date_end_from": "publication date", "force": "UK",
         "count_low": "", "count_high": "399", "qualifier": "less than", "doc_id": "doc_a", "quote": "less than 400"},
    ],
    "reported_totals": [
        {"total_id": "RT001", "date_start": "2019-03-01", "date_end": "2020-03-21", "date_basis": "Before publication.",
         "date_start_from": "document doc_a", "date_end_from": "publication date", "measure": "rocket attacks",
         "actor": "Unidentified Armed Group (Iraq)", "count_low": "13", "count_high": "", "qualifier": "more than",
         "doc_id": "doc_a", "quote": "over a dozen rocket attacks", "about": "violence"},
    ],
}


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    """Write rows as a UTF-8 CSV with a header (columns default to the first row's keys)."""
    columns = columns or list(rows[0])
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@dataclass
class MiniDataset:
    """A valid dataset in ``folder``; ``rows`` can be changed and rewritten."""

    folder: Path
    rows: dict[str, list[dict[str, str]]] = field(default_factory=lambda: copy.deepcopy(ROWS))

    def path(self, table: str) -> Path:
        return self.folder / schema.TABLES[table].file_name

    def write(self, table: str | None = None) -> None:
        for name in [table] if table else list(self.rows):
            write_csv(self.path(name), self.rows[name], schema.TABLES[name].column_names)


@pytest.fixture
def mini(tmp_path: Path) -> MiniDataset:
    """Return a valid mini dataset written to a temporary folder."""
    (tmp_path / "doc_a.txt").write_text(DOC_TEXT, encoding="utf-8")
    dataset = MiniDataset(tmp_path)
    dataset.write()
    return dataset


# --- samples and figures for the helpers' tests ---------------------------------------


@pytest.fixture
def attacks():
    """Four events: an attack on Taji (18 rockets, 3 killed), a ranged attack, a US strike, an attack in Kirkuk."""
    import helpers_events

    return helpers_events.attacks_sample()


@pytest.fixture
def casualties():
    """The casualties of ``attacks``, two documents differing on the first."""
    import helpers_events

    return helpers_events.casualties_sample()


@pytest.fixture
def events():
    """Five events of four kinds, two of them known only to a range of days."""
    import helpers_events

    return helpers_events.mixed_events_sample()


@pytest.fixture
def close_figures():
    """Close every matplotlib figure (Agg backend) after the test."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


@pytest.fixture
def new_axes(close_figures):
    """Return a function that gives the Axes of a new figure (``new_axes(figsize=(9, 4))``)."""
    import matplotlib.pyplot as plt

    return lambda **figure: plt.figure(**figure).gca()
