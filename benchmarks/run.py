"""Measure loading, counting and reporting on synthetic ACLED exports, side by side with their floors.

Every measurement runs in a fresh Python process, so peak memory (the
process's maximum resident set size above what it held after its imports)
belongs to that measurement alone. Timings are the best of ``--repeat`` runs
in that process. Figures:

* ``load_acled`` (full validation) against ``pandas.read_csv(path,
  engine="pyarrow")`` of the same file, the raw parsing floor: time, peak
  memory, and the loaded frame's ``memory_usage(deep=True)``;
* weekly and monthly attack counts by location
  (``analysis.stats.periods.attacks_per_period``, non-empty rows only) and the
  timeline's layout (``analysis.viz.timeline.timeline_layout``, no drawing) on
  the loaded events;
* ``import analysis`` against ``import pandas`` (and whether plotting
  libraries were imported);
* the whole report (``make report DATA=...``) for the 100,000-row file.

Usage::

    python benchmarks/generate_acled.py     # once: writes benchmarks/out/acled_*.csv
    python benchmarks/run.py                # every generated size
    python benchmarks/run.py --rows 1000000 --repeat 1 --no-report
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SIZES = (100_000, 1_000_000, 3_000_000)
TARGETS = {"load": 1.5, "memory": 2.0, "counts_s": 0.5, "report_s": 120.0}


# --- the child process: one measurement -------------------------------------------------------

def _rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _best(run, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        result = None  # free the previous run's result, so peak memory is one run's
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return min(times), result


def child(task: str, path: str, repeat: int) -> dict:
    """Run one measurement in this (fresh) process and return its figures."""
    if task.startswith("import "):
        began = time.perf_counter()
        __import__(task.split()[1])
        seconds = time.perf_counter() - began
        plotting = sorted(m for m in ("matplotlib", "seaborn") if m in sys.modules)
        return {"seconds": seconds, "plotting_modules": plotting}

    import pandas as pd
    import pyarrow.csv  # noqa: F401  (imported before the baseline, as both readers need it)

    sys.path.insert(0, str(ROOT))
    import analysis
    import analysis.io.acled  # noqa: F401
    from analysis.stats.periods import attacks_per_period
    from analysis.viz.timeline import timeline_layout

    if task == "read_pyarrow":
        baseline = _rss_bytes()
        seconds, frame = _best(lambda: pd.read_csv(path, engine="pyarrow"), repeat)
    elif task == "load_acled":
        baseline = _rss_bytes()
        seconds, frame = _best(lambda: analysis.load_acled(path), repeat)
    elif task == "counts":
        events = analysis.load_acled(path)
        figures = {}
        for name, freq in (("weekly", "W"), ("monthly", "M")):
            seconds, counts = _best(
                lambda: attacks_per_period(events, freq=freq, by="location", include_empty=False), repeat
            )
            figures[f"{name}_s"] = seconds
            figures[f"{name}_rows"] = len(counts)
            figures[f"{name}_events"] = int(counts["expected"].sum().round())
        seconds, layout = _best(lambda: timeline_layout(events), repeat)
        figures["timeline_s"] = seconds
        figures["timeline_rows"] = len(layout)
        return figures
    else:
        raise ValueError(f"unknown task {task!r}")
    return {
        "seconds": seconds,
        "peak_bytes": _peak_bytes() - baseline,
        "frame_bytes": int(frame.memory_usage(deep=True).sum()),
        "rows": len(frame),
    }


# --- the parent: run the children, print the table ----------------------------------------------

def measure(task: str, path: Path | str = "", repeat: int = 1) -> dict:
    """Run ``task`` in a fresh process and return its figures (or the error it printed)."""
    command = [sys.executable, __file__, "--child", task, "--path", str(path), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last}
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure_imports(repeat: int = 5) -> dict:
    figures = {}
    for module in ("pandas", "analysis"):
        runs = [measure(f"import {module}") for _ in range(repeat)]
        figures[module] = statistics.median(r["seconds"] for r in runs)
        figures[f"{module}_plotting"] = runs[0]["plotting_modules"]
    return figures


def measure_report(path: Path) -> dict:
    out = OUT / "report"
    began = time.perf_counter()
    done = subprocess.run(
        ["make", "report", f"DATA={path}", f"OUT={out}"], capture_output=True, text=True, cwd=ROOT
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        said = [line for line in done.stderr.splitlines() if line.strip() and not line.startswith("make")]
        return {"seconds": seconds, "error": (said or ["no output"])[-1]}
    return {"seconds": seconds, "pages": len(list(out.glob("*.html")))}


def machine() -> str:
    import pandas as pd
    import pyarrow as pa

    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {memory:.0f} GiB RAM, "
            f"Python {platform.python_version()}, pandas {pd.__version__}, pyarrow {pa.__version__}, "
            f"{platform.system()} {platform.release()}")


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _verdict(value: float, target: float) -> str:
    return "met" if value < target else "MISSED"


def table(results: dict) -> str:
    """Format the results as a Markdown table: figure, floor, ratio, target."""
    lines = ["| measurement | rows | figure | floor | ratio | target | |", "|---|---:|---:|---:|---:|---:|---|"]
    for rows, r in sorted(results["sizes"].items(), key=lambda kv: int(kv[0])):
        n = f"{int(rows):,}"
        load, floor = r["load_acled"], r["read_pyarrow"]
        if "error" in load or "error" in floor:
            lines.append(f"| load | {n} | {load.get('error', '')} | {floor.get('error', '')} | | | |")
        else:
            ratio = load["seconds"] / floor["seconds"]
            lines.append(f"| `load_acled` time (full validation) | {n} | {load['seconds']:.2f} s | "
                         f"{floor['seconds']:.2f} s (pyarrow read_csv) | {ratio:.2f}x | < {TARGETS['load']}x | "
                         f"{_verdict(ratio, TARGETS['load'])} |")
            ratio = load["peak_bytes"] / load["frame_bytes"]
            lines.append(f"| `load_acled` peak memory | {n} | {_mib(load['peak_bytes'])} | "
                         f"{_mib(load['frame_bytes'])} (loaded frame) | {ratio:.2f}x | < {TARGETS['memory']}x | "
                         f"{_verdict(ratio, TARGETS['memory'])} |")
            lines.append(f"| pyarrow read_csv peak memory | {n} | {_mib(floor['peak_bytes'])} | "
                         f"{_mib(floor['frame_bytes'])} (its frame) | {floor['peak_bytes'] / floor['frame_bytes']:.2f}x | | |")
        counts = r.get("counts", {})
        if "error" in counts:
            lines.append(f"| attack counts by location | {n} | {counts['error']} | | | | |")
        elif counts:
            for name in ("weekly", "monthly"):
                target = f"< {TARGETS['counts_s']} s" if int(rows) == 1_000_000 else ""
                verdict = _verdict(counts[f"{name}_s"], TARGETS["counts_s"]) if target else ""
                lines.append(f"| {name} attack counts by location | {n} | {counts[f'{name}_s']:.2f} s | | | "
                             f"{target} | {verdict} |")
            lines.append(f"| timeline data (`timeline_layout`) | {n} | {counts['timeline_s']:.2f} s | | | | |")
    imports = results.get("imports")
    if imports:
        ratio = imports["analysis"] / imports["pandas"]
        plotting = ", ".join(imports["analysis_plotting"]) or "none"
        lines.append(f"| `import analysis` | | {imports['analysis']:.2f} s | {imports['pandas']:.2f} s "
                     f"(`import pandas`) | {ratio:.2f}x | plotting modules: {plotting} | |")
    report = results.get("report")
    if report:
        figure = f"{report['seconds']:.0f} s" + (f" (failed: {report['error']})" if "error" in report else "")
        verdict = "" if "error" in report else _verdict(report["seconds"], TARGETS["report_s"])
        lines.append(f"| whole report, `make report DATA=...` | 100,000 | {figure} | | | < 120 s | {verdict} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append", help="file sizes to measure (default: all generated)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing (best is kept)")
    parser.add_argument("--no-report", action="store_true", help="skip the whole-report measurement")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.path, args.repeat)))
        return

    results: dict = {"machine": machine(), "sizes": {}}
    print(results["machine"], flush=True)
    for rows in args.rows or SIZES:
        path = OUT / f"acled_{rows}.csv"
        if not path.is_file():
            print(f"{path.relative_to(ROOT)} missing: run benchmarks/generate_acled.py --rows {rows}", flush=True)
            continue
        repeat = args.repeat if rows <= 1_000_000 else 1
        size = results["sizes"][str(rows)] = {}
        for task in ("read_pyarrow", "load_acled", "counts"):
            size[task] = measure(task, path, repeat)
            print(f"{rows:>9,} {task}: {size[task]}", flush=True)
    results["imports"] = measure_imports()
    print(f"imports: {results['imports']}", flush=True)
    report_data = OUT / "acled_100000.csv"
    if not args.no_report and report_data.is_file():
        results["report"] = measure_report(report_data)
        print(f"report: {results['report']}", flush=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print()
    print(table(results))


if __name__ == "__main__":
    main()
