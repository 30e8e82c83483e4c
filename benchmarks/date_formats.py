"""Measure load_acled on the same export with ISO dates and with dates re-saved by a spreadsheet.

A spreadsheet that opens and saves an ACLED export rewrites ``event_date``
(``2020-12-31`` becomes ``31-Dec-20``). This script takes a generated export
(``benchmarks/generate_acled.py``), writes a copy whose ``event_date`` is in
that form (``9-May-20``: day without a leading zero, abbreviated month,
two-digit year), and times :func:`analysis.load_acled` on both files, each in
a fresh Python process, best of ``--repeat`` runs, as wall-clock time and as
the process's CPU time (steadier on a shared machine). A file that is refused
is reported with the time it took to refuse it.

Usage::

    python benchmarks/generate_acled.py --rows 100000
    python benchmarks/date_formats.py                  # benchmarks/out/acled_100000.csv
    python benchmarks/date_formats.py --rows 1000000 --repeat 3
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"


def excel_copy(path: Path) -> Path:
    """Write ``path`` with event_date as a spreadsheet saves it (``31-Dec-20``) and return the copy."""
    import pyarrow as pa
    import pyarrow.compute as pc
    from pyarrow import csv as pa_csv

    target = path.with_name(path.stem + "_excel_dates.csv")
    if target.is_file() and target.stat().st_mtime >= path.stat().st_mtime:
        return target
    table = pa_csv.read_csv(path, convert_options=pa_csv.ConvertOptions(column_types={"event_date": pa.string()}))
    dates = pc.strptime(table["event_date"], format="%Y-%m-%d", unit="s")
    day = pc.cast(pc.day(dates), pa.string())
    rest = pc.strftime(dates, format="-%b-%y")
    position = table.column_names.index("event_date")
    table = table.set_column(position, "event_date", pc.binary_join_element_wise(day, rest, ""))
    pa_csv.write_csv(table, target)
    return target


def child(path: str, repeat: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import analysis
    import analysis.io.acled  # noqa: F401

    times, cpu, outcome = [], [], ""
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        try:
            frame = analysis.load_acled(path)
            outcome = f"loaded {len(frame):,} rows"
            del frame
        except analysis.DataError as exc:
            outcome = "refused: " + str(exc).splitlines()[0][-70:]
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return {"seconds": min(times), "cpu_seconds": min(cpu), "outcome": outcome}


def measure(path: Path, repeat: int) -> dict:
    command = [sys.executable, __file__, "--child", str(path), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--child")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.repeat)))
        return
    iso = OUT / f"acled_{args.rows}.csv"
    if not iso.is_file():
        sys.exit(f"{iso} not found: run python benchmarks/generate_acled.py --rows {args.rows} first")
    excel = excel_copy(iso)
    print(f"| event_date written | file | load_acled, best of {args.repeat} | CPU time | outcome |")
    print("|---|---|---:|---:|---|")
    for label, path in (("ISO (2020-12-31)", iso), ("spreadsheet (31-Dec-20)", excel)):
        figures = measure(path, args.repeat)
        print(f"| {label} | {path.relative_to(ROOT)} | {figures['seconds']:.3f} s | {figures['cpu_seconds']:.3f} s | "
              f"{figures['outcome']} |")


if __name__ == "__main__":
    main()
