"""Write synthetic ACLED-format exports for the scaling benchmark.

The files have ACLED's current column set and realistic shapes: event and
sub-event types in roughly ACLED's proportions, mostly exact days (some
weeks and months), a few thousand to a hundred thousand named places with
coordinates, long notes with commas and quotes, fatalities mostly zero. The
values are invented by a seeded random generator, so the same command writes
the same bytes. They are not ACLED data.

Usage::

    python benchmarks/generate_acled.py                 # 100,000, 1,000,000 and 3,000,000 rows
    python benchmarks/generate_acled.py --rows 100000   # one size
    python benchmarks/generate_acled.py --column-set older --rows 100000
    python benchmarks/generate_acled.py --event-dates excel --rows 1000000

Files go to ``benchmarks/out/`` (git-ignored), named ``acled_<rows>.csv``
(``acled_older_<rows>.csv`` for the older column set). ``--event-dates
excel`` writes the same rows with ``event_date`` as a spreadsheet saves it
(``9-May-20``: day without a leading zero, abbreviated month, two-digit
year), to ``acled_<rows>_excel_dates.csv``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as pa_csv

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.io.acled import ACTOR_TYPES, COLUMN_SETS  # noqa: E402
from analysis.schema import ACLED_SUB_EVENT_TYPES  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
SIZES = (100_000, 1_000_000, 3_000_000)
CHUNK = 250_000  # rows generated and written at a time, to keep memory flat

# Share of each event type in the synthetic files (roughly ACLED's global mix).
EVENT_SHARES = {
    "Protests": 0.38,
    "Battles": 0.17,
    "Explosions/Remote violence": 0.17,
    "Violence against civilians": 0.13,
    "Strategic developments": 0.09,
    "Riots": 0.06,
}
DISORDER = {
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
ACTOR1_TYPE = {
    "Protests": "Protesters",
    "Riots": "Rioters",
    "Battles": "State forces",
    "Explosions/Remote violence": "Political militia",
    "Violence against civilians": "Identity militia",
    "Strategic developments": "Rebel group",
}
SOURCES = ["Local Wire", "Regional Daily", "National Radio", "Monitoring Group", "International Agency",
           "Local Wire; Regional Daily", "Social media channel", "Partner observatory"]
SCALES = ["Local", "National", "Regional", "International", "Subnational", "New media", "Other"]
VERBS = ["attacked", "shelled", "clashed with", "fired rockets at", "detained members of", "protested against",
         "raided a position of", "struck a convoy of"]
NOTES_TAIL = [
    "No further details were reported.",
    "Sources give conflicting accounts, and the number of casualties is unclear.",
    "According to a local official, \"several\" people were wounded; the figure has not been confirmed.",
    "The attack targeted a checkpoint, a market and a nearby road, according to residents.",
    "It followed days of tension in the area, including arrests, raids and a curfew.",
]


def _weighted(rng: np.random.Generator, n: int, shares: dict[str, float]) -> np.ndarray:
    """Return indices into ``shares`` drawn with its weights."""
    weights = np.array(list(shares.values()))
    return rng.choice(len(shares), size=n, p=weights / weights.sum())


def _places(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    """Invent ``count`` places with admin units and coordinates inside Iraq's bounding box."""
    admin1 = np.array([f"Province {i:02d}" for i in range(18)])
    idx = np.arange(count)
    a1 = rng.integers(0, len(admin1), count)
    return {
        "location": np.char.add("Place ", idx.astype(str)),
        "admin1": admin1[a1],
        "admin2": np.char.add(np.char.add("District ", a1.astype(str)), np.char.add("-", (idx % 7).astype(str))),
        "admin3": np.where(idx % 3 == 0, "", np.char.add("Subdistrict ", (idx % 50).astype(str))),
        "latitude": np.round(rng.uniform(29.1, 37.3, count), 4),
        "longitude": np.round(rng.uniform(38.8, 48.5, count), 4),
    }


def _actors(rng: np.random.Generator) -> np.ndarray:
    groups = ["Military Forces", "Police Forces", "Unidentified Armed Group", "Militia", "Protesters",
              "Rioters", "Civilians", "Tribal Militia", "Rebel Movement", "Private Security"]
    return np.array([f"{g} ({chr(65 + i % 26)}{i})" for i, g in enumerate(groups * 30)])


MONTH_ABBREVIATIONS = np.array(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])


def spreadsheet_dates(dates: np.ndarray) -> np.ndarray:
    """Write days as a spreadsheet saves them: ``9-May-20``, ``31-Dec-19``."""
    months = dates.astype("datetime64[M]")
    day = (dates - months.astype("datetime64[D]")).astype(int) + 1
    year = np.char.zfill(((months.astype("datetime64[Y]").astype(int) + 1970) % 100).astype(str), 2)
    return np.char.add(np.char.add(day.astype(str), "-"),
                       np.char.add(np.char.add(MONTH_ABBREVIATIONS[months.astype(int) % 12], "-"), year))


def _chunk(rng: np.random.Generator, first_id: int, n: int, places: dict, actors: np.ndarray,
           column_set: str, event_dates: str = "iso") -> pa.Table:
    """Generate ``n`` rows as an Arrow table of strings in ``column_set`` order."""
    kinds = list(EVENT_SHARES)
    kind = _weighted(rng, n, EVENT_SHARES)
    event_type = np.array(kinds)[kind]
    sub_event_type = np.empty(n, dtype=object)
    for k, name in enumerate(kinds):
        subs = ACLED_SUB_EVENT_TYPES[name]
        rows = kind == k
        sub_event_type[rows] = np.array(subs, dtype=object)[rng.integers(0, len(subs), rows.sum())]
    days = rng.integers(0, (np.datetime64("2024-12-31") - np.datetime64("1997-01-01")).astype(int), n)
    dates = np.datetime64("1997-01-01") + days
    precision = rng.choice([1, 2, 3], size=n, p=[0.9, 0.08, 0.02])
    # ACLED puts weeks and months on their middle day
    month_mid = dates.astype("datetime64[M]") + np.timedelta64(14, "D")
    dates = np.where(precision == 3, month_mid.astype("datetime64[D]"), dates)
    place = np.minimum(rng.zipf(1.3, n) - 1, len(places["location"]) - 1)
    place = (place * 7919) % len(places["location"])  # spread the busy places over the index
    inter1 = np.array([ACTOR1_TYPE[k] for k in kinds])[kind]
    has_actor2 = rng.random(n) < np.where(np.isin(event_type, ["Protests", "Strategic developments"]), 0.2, 0.85)
    inter2 = np.where(has_actor2, np.array(ACTOR_TYPES)[rng.integers(0, len(ACTOR_TYPES), n)], "")
    actor1 = actors[rng.integers(0, len(actors), n)]
    actor2 = np.where(has_actor2, actors[rng.integers(0, len(actors), n)], "")
    violent = ~np.isin(event_type, ["Protests", "Strategic developments"])
    fatalities = np.where(violent & (rng.random(n) < 0.4), rng.geometric(0.25, n), 0)
    date_text = np.datetime_as_string(dates, unit="D")
    location = places["location"][place]
    notes = pc.binary_join_element_wise(
        pa.array(np.char.add("On ", date_text)), pa.array(actor1), pa.array(np.array(VERBS)[rng.integers(0, 8, n)]),
        pa.array(np.where(has_actor2, actor2, "unknown targets")), pa.array(np.char.add("in ", location)),
        pa.array(np.char.add(np.char.add("(", places["admin1"][place]), "),")),
        pa.array(np.char.add(fatalities.astype(str), " fatalities reported.")),
        pa.array(np.array(NOTES_TAIL)[rng.integers(0, len(NOTES_TAIL), n)]), " ",
    )
    ids = first_id + np.arange(n)
    columns = {
        "event_id_cnty": np.char.add("IRQ", ids.astype(str)),
        "event_date": date_text,
        "year": dates.astype("datetime64[Y]").astype(int) + 1970,
        "time_precision": precision,
        "disorder_type": np.array([DISORDER.get(k, "Political violence") for k in kinds])[kind],
        "event_type": event_type,
        "sub_event_type": sub_event_type.astype(str),
        "actor1": actor1,
        "assoc_actor_1": np.where(rng.random(n) < 0.15, actors[rng.integers(0, len(actors), n)], ""),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": np.where(has_actor2 & (rng.random(n) < 0.1), actors[rng.integers(0, len(actors), n)], ""),
        "inter2": inter2,
        "interaction": np.where(has_actor2, np.char.add(np.char.add(inter1, "-"), inter2), np.char.add(inter1, " only")),
        "civilian_targeting": np.where(inter2 == "Civilians", "Civilian targeting", ""),
        "iso": np.full(n, 368),
        "region": np.full(n, "Middle East"),
        "country": np.full(n, "Iraq"),
        "admin1": places["admin1"][place],
        "admin2": places["admin2"][place],
        "admin3": places["admin3"][place],
        "location": location,
        "latitude": places["latitude"][place],
        "longitude": places["longitude"][place],
        "geo_precision": rng.choice([1, 2, 3], size=n, p=[0.75, 0.2, 0.05]),
        "source": np.array(SOURCES)[rng.integers(0, len(SOURCES), n)],
        "source_scale": np.array(SCALES)[rng.integers(0, len(SCALES), n)],
        "notes": notes,
        "fatalities": fatalities,
        "tags": np.where(event_type == "Protests", "crowd size=no report", ""),
        "timestamp": 1_600_000_000 + rng.integers(0, 120_000_000, n),
    }
    if column_set == "older":
        months = np.array(["January", "February", "March", "April", "May", "June", "July", "August",
                           "September", "October", "November", "December"])
        day = (dates - dates.astype("datetime64[M]")).astype(int) + 1
        month = dates.astype("datetime64[M]").astype(int) % 12
        codes = {name: str(i + 1) for i, name in enumerate(ACTOR_TYPES)} | {"": "0"}
        to_code = np.vectorize(codes.get, otypes=[str])
        columns.update(
            data_id=ids + 7_000_000, event_id_no_cnty=ids, iso3=np.full(n, "IRQ"),
            event_date=np.char.add(np.char.add(day.astype(str), " "), np.char.add(np.char.add(months[month], " "),
                                                                            columns["year"].astype(str))),
            inter1=to_code(inter1), inter2=to_code(inter2),
        )
        columns["interaction"] = np.char.add(columns["inter1"], columns["inter2"])
    if event_dates == "excel":
        columns["event_date"] = spreadsheet_dates(dates)
    return pa.table({name: pa.array(columns[name]) for name in COLUMN_SETS[column_set]})


def file_path(rows: int, column_set: str = "current", event_dates: str = "iso", out: Path = OUT) -> Path:
    """Return where the export of ``rows`` rows of a column set and date form is written."""
    name = f"acled_{rows}.csv" if column_set == "current" else f"acled_{column_set}_{rows}.csv"
    return out / (name if event_dates == "iso" else name.replace(".csv", f"_{event_dates}_dates.csv"))


def generate(rows: int, *, column_set: str = "current", seed: int = 20200103, out: Path = OUT,
             event_dates: str = "iso") -> Path:
    """Write one synthetic export of ``rows`` rows and return its path.

    ``event_dates="excel"`` writes the same rows with spreadsheet dates (``9-May-20``).
    """
    out.mkdir(parents=True, exist_ok=True)
    path = file_path(rows, column_set, event_dates, out)
    rng = np.random.default_rng(seed)
    places = _places(rng, max(rows // 30, 500))
    actors = _actors(rng)
    with pa_csv.CSVWriter(str(path), _chunk(rng, 1, 1, places, actors, column_set, event_dates).schema) as writer:
        for first in range(0, rows, CHUNK):
            writer.write_table(_chunk(rng, first + 1, min(CHUNK, rows - first), places, actors, column_set, event_dates))
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append", help="rows per file (repeatable); default 100k, 1M, 3M")
    parser.add_argument("--column-set", choices=sorted(COLUMN_SETS), default="current")
    parser.add_argument("--event-dates", choices=["iso", "excel"], default="iso",
                        help="event_date as the export writes it (iso) or as a spreadsheet saves it (excel: 9-May-20)")
    parser.add_argument("--seed", type=int, default=20200103)
    parser.add_argument("--missing", action="store_true", help="write only the files that are not there yet")
    args = parser.parse_args(argv)
    for rows in args.rows or SIZES:
        if args.missing and file_path(rows, args.column_set, args.event_dates).is_file():
            continue
        began = time.perf_counter()
        path = generate(rows, column_set=args.column_set, seed=args.seed, event_dates=args.event_dates)
        print(f"{path.relative_to(ROOT)}: {rows:,} rows, {path.stat().st_size / 2**20:,.0f} MiB, "
              f"{time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
