"""Time ``analysis.reconcile`` of the coded dataset against invented exports of 1,000 to 100,000 events.

Each export is written by the tests' own writer (``tests/acled_files.py``:
invented events, not ACLED data) over the coded span, December 2019 to July
2020; its points are moved to random places in Iraq and its actors renamed
(Somalia to Iraq; the US forces with the period suffix of the time), so that
places, types and actors meet the coded events' and every part of the
matching runs. The script prints, per size, the seconds of ``reconcile``
(after loading) and what it found.

Usage::

    python benchmarks/reconcile.py                    # 1,000, 10,000 and 100,000 events
    python benchmarks/reconcile.py --sizes 10000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from acled_files import write_acled  # noqa: E402

import analysis  # noqa: E402


def export(size: int):
    """Return an invented export of ``size`` events in the coded span, in Iraq."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"reconcile_{size}.csv"
    if not path.is_file():
        write_acled(path, size, start="2019-12-01", end="2020-07-31", burst_week="2020-03-09")
    events = analysis.load_acled(path)
    rng = np.random.default_rng(1)
    events["latitude"], events["longitude"] = rng.uniform(30, 37, size), rng.uniform(40, 47, size)
    for column in ("actor1", "actor2"):
        events[column] = (events[column].str.replace("Somalia", "Iraq", regex=False)
                          .str.replace(" (2021-)", " (2017-2021)", regex=False))
    return events


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    sizes = parser.parse_args(argv).sizes
    data = analysis.load_dataset()
    print(f"{'events':>8} {'seconds':>8} {'links':>6} {'review':>6} {'ACLED only':>10}")
    for size in sizes:
        events = export(size)
        began = time.perf_counter()
        result = analysis.reconcile(data, events)
        seconds = time.perf_counter() - began
        print(f"{size:>8,} {seconds:>8.2f} {len(result.links):>6,} {int(result.links['needs_review'].sum()):>6,} "
              f"{len(result.acled_only):>10,}")


if __name__ == "__main__":
    main()
