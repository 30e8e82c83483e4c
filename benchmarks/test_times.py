"""Time the two test commands, `make test` and `make test-fast`, against their targets.

Each command runs ``--repeat`` times (3 by default) from the project's root,
on a warm environment (``make setup`` first, so no run pays for installing),
and the script prints every wall time, the best and the median, beside the
target: 60 s for ``make test`` (every test: unit tests, doctests, nbval, the
browser test) and 15 s for ``make test-fast`` (unit tests and doctests, no
notebook run, no browser). A failing run is reported and counts as missed.
The figures mean something only on a quiet machine: the script prints the
load average before and after each run so a busy machine shows.

Usage::

    python benchmarks/test_times.py                 # both commands, three times each
    python benchmarks/test_times.py --only test-fast --repeat 5
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS_S = {"test-fast": 15.0, "test": 60.0}


def time_command(target: str) -> tuple[float, int]:
    """Run ``make <target>`` once; return its wall time in seconds and its exit status."""
    began = time.perf_counter()
    result = subprocess.run(["make", target], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - began, result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument("--only", choices=sorted(TARGETS_S), action="append",
                        help="time only this command (may be given twice)")
    args = parser.parse_args(argv)
    subprocess.run(["make", "setup"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{time.strftime('%Y-%m-%d %H:%M')}")
    missed = False
    for target in args.only or ["test-fast", "test"]:
        times = []
        for run in range(1, args.repeat + 1):
            load = os.getloadavg()[0]
            seconds, status = time_command(target)
            times.append(seconds)
            failed = status != 0
            missed |= failed
            print(f"  make {target:9} run {run}: {seconds:6.1f} s  (load before {load:.1f}, after "
                  f"{os.getloadavg()[0]:.1f}){'  FAILED' if failed else ''}")
        best, median = min(times), statistics.median(times)
        verdict = "met" if median <= TARGETS_S[target] else "MISSED"
        missed |= verdict == "MISSED"
        print(f"make {target}: best {best:.1f} s, median {median:.1f} s; target {TARGETS_S[target]:.0f} s: {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
