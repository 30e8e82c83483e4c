"""Build small events frames with the loaders' dtypes, for the helper tests."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from hypothesis import strategies as st

from analysis import schema

_DEFAULTS = {
    "time_precision": 1,
    "date_basis": "Stated.",
    "date_start_from": "text",
    "date_end_from": "text",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "category": "militia attack",
    "actor1": "Unidentified Armed Group (Iraq)",
    "actor2": None,
    "location": "Camp Taji",
    "admin1": "Baghdad",
    "base_id": None,
    "latitude": 33.5,
    "longitude": 44.2,
    "geo_precision": 1,
    "projectiles_low": None,
    "projectiles_high": None,
    "fatalities": 0,
    "notes": "An event.",
}


def make_events(rows: list[dict]) -> pd.DataFrame:
    """Return an events frame with the columns and dtypes of ``load_events``.

    Each row needs ``date_start`` (and optionally ``date_end``, default the
    start); ``event_id`` defaults to EV001, EV002, ...; ``event_date`` to the
    middle of the range (at noon when the range spans an even number of days).
    """
    records = []
    for number, row in enumerate(rows, start=1):
        record = {**_DEFAULTS, **row}
        record.setdefault("event_id", f"EV{number:03d}")
        start = pd.Timestamp(record["date_start"])
        end = pd.Timestamp(record.get("date_end", start))
        record["date_start"], record["date_end"] = start, end
        record.setdefault("event_date", start + (end - start) // 2)
        records.append(record)
    frame = pd.DataFrame(records, columns=schema.EVENTS.column_names)
    if not rows:
        frame = pd.DataFrame({name: [] for name in schema.EVENTS.column_names})
    return typed(frame, schema.EVENTS)


def typed(frame: pd.DataFrame, spec: schema.TableSpec) -> pd.DataFrame:
    """Give a frame the dtypes the loaders give to the columns of ``spec``."""
    out = frame.copy()
    for column in spec.columns:
        if column.name not in out.columns:
            continue
        values = out[column.name]
        if column.kind == "date":
            out[column.name] = pd.to_datetime(values).astype("datetime64[ns]")
        elif column.kind == "int":
            out[column.name] = pd.array(values, dtype="Int64")
        elif column.kind in ("latitude", "longitude", "float"):
            out[column.name] = values.astype("float64")
        elif column.kind == "category":
            out[column.name] = pd.Categorical(values, categories=list(column.allowed))
        else:
            out[column.name] = values.astype("string")
    return out


def make_table(spec: schema.TableSpec, rows: list[dict]) -> pd.DataFrame:
    """Return a frame of another coded table (casualties, troop levels...) with the loaders' dtypes."""
    frame = pd.DataFrame(rows, columns=spec.column_names) if rows else pd.DataFrame({c: [] for c in spec.column_names})
    return typed(frame, spec)


def troop_levels_sample() -> pd.DataFrame:
    """Return three statements of force size: about 5,200 and about 5,000 US troops, less than 400 UK troops."""
    published = {"date_basis": "b", "date_start_from": "publication date", "date_end_from": "publication date"}
    return make_table(schema.TROOP_LEVELS, [
        {"level_id": "TL1", "date_start": "2020-02-06", "date_end": "2020-02-06", **published, "force": "US",
         "count_low": 5150, "count_high": 5250, "qualifier": "about", "doc_id": "d", "quote": "q"},
        {"level_id": "TL2", "date_start": "2020-04-01", "date_end": "2020-04-30", **published, "force": "US",
         "count_low": 4500, "count_high": 5500, "qualifier": "about", "doc_id": "d", "quote": "q"},
        {"level_id": "TL3", "date_start": "2020-04-01", "date_end": "2020-04-30", **published, "force": "UK",
         "count_low": None, "count_high": 399, "qualifier": "less than", "doc_id": "d", "quote": "q"},
    ])


def attacks_sample() -> pd.DataFrame:
    """Return four events: an attack on Taji (18 rockets, 3 killed), a ranged one, a US strike, an attack in Kirkuk."""
    return make_events([
        {"date_start": "2020-03-11", "base_id": "taji", "projectiles_low": 18, "projectiles_high": 18, "fatalities": 3},
        {"date_start": "2020-03-14", "date_end": "2020-03-17", "base_id": "taji"},
        {"date_start": "2020-03-20", "category": "US strike", "sub_event_type": "Air/drone strike",
         "location": "unspecified", "admin1": None},
        {"date_start": "2020-04-02", "base_id": None, "location": "K-1 Air Base", "admin1": "Kirkuk"},
    ])


def casualties_sample() -> pd.DataFrame:
    """Return casualties of attacks_sample(): two documents on EV001's US killed, an open-ended wounded figure."""
    rows = [
        {"casualty_id": "CA1", "event_id": "EV001", "group": "US military", "outcome": "killed", "count_low": 2,
         "count_high": 2, "qualifier": "exact", "doc_id": "d1", "quote": "q"},
        {"casualty_id": "CA2", "event_id": "EV001", "group": "US military", "outcome": "killed", "count_low": 2,
         "count_high": 3, "qualifier": "about", "doc_id": "d2", "quote": "q"},
        {"casualty_id": "CA3", "event_id": "EV001", "group": "UK military", "outcome": "killed", "count_low": 1,
         "count_high": 1, "qualifier": "exact", "doc_id": "d1", "quote": "q"},
        {"casualty_id": "CA4", "event_id": "EV002", "group": "Iraqi civilians", "outcome": "wounded", "count_low": 1,
         "count_high": None, "qualifier": "at least", "doc_id": "d1", "quote": "q"},
        {"casualty_id": "CA5", "event_id": "EV003", "group": "militia members", "outcome": "killed", "count_low": 4,
         "count_high": 4, "qualifier": "exact", "doc_id": "d1", "quote": "q"},
    ]
    return make_table(schema.CASUALTIES, rows)


#: First day of the events that ranged_events() draws.
BASE = pd.Timestamp("2019-12-01")


@functools.cache
def _template(size: int) -> pd.DataFrame:
    return make_events([{"date_start": BASE}] * size)


@st.composite
def ranged_events(draw, max_size: int = 30) -> pd.DataFrame:
    """Events with random first days and range lengths (0 to 60 days), some at bases, some nowhere.

    The frames are what make_events gives for these rows; they are made from
    a template of typed rows, since building every column anew for each
    example would take most of a property test's time.
    """
    n = draw(st.integers(min_value=0, max_value=max_size))
    first = np.array([draw(st.integers(min_value=0, max_value=240)) for _ in range(n)], dtype=np.int64)
    length = np.array([draw(st.sampled_from([0, 0, 0, 1, 3, 6, 13, 30, 60])) for _ in range(n)], dtype=np.int64)
    bases = [draw(st.sampled_from(["taji", "k1", None])) for _ in range(n)]
    frame = _template(max_size).iloc[:n].copy()
    day = np.datetime64(BASE.date(), "D")
    frame["date_start"] = (day + first).astype("datetime64[ns]")
    frame["date_end"] = (day + first + length).astype("datetime64[ns]")
    frame["event_date"] = frame["date_start"] + (frame["date_end"] - frame["date_start"]) // 2
    frame["base_id"] = pd.array(bases, dtype="string")
    return frame


def mixed_events_sample() -> pd.DataFrame:
    """Return five events of four kinds: attacks at K-1 and Taji, a US strike, a month of politics, K-1 handed over."""
    return make_events([
        {"date_start": "2019-12-27", "base_id": "k1", "location": "K-1 Air Base", "fatalities": 1},
        {"date_start": "2020-01-03", "category": "US strike", "sub_event_type": "Air/drone strike", "fatalities": 2},
        {"date_start": "2020-01-03", "date_end": "2020-01-31", "category": "political",
         "event_type": "Strategic developments", "sub_event_type": "Other"},
        {"date_start": "2020-03-14", "date_end": "2020-03-17", "base_id": "taji"},
        {"date_start": "2020-03-26", "date_end": "2020-03-31", "category": "posture change",
         "event_type": "Strategic developments", "sub_event_type": "Non-violent transfer of territory",
         "base_id": "k1", "notes": "Transfer of K-1 to the Iraqi army."},
    ])
