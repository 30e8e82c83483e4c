"""Measure loading, counting and reporting on synthetic ACLED exports, side by side with plain readers.

Every figure comes from a fresh Python process that runs its task once, so
its time includes everything a user waits for after the imports, and its
peak memory (the process's maximum resident set size above what it held
after its imports) belongs to that task alone. Each figure is run
``--repeat`` times, each time in a new process, interleaved with the
others; the table keeps the best time, the least processor time (every
thread's, user and system: less disturbed than the time by other work on
the machine) and the highest peak. Figures:

* loading each file (100,000, 1,000,000 and 3,000,000 rows, and the same
  rows with spreadsheet dates like ``31-Dec-20``; each with LF line ends
  and, in a copy this script writes, CRLF) with ``load_acled`` (full
  validation) and with the plain readers a user would reach for instead:
  ``pandas.read_csv`` with its default engine, ``pandas.read_csv(path,
  engine="pyarrow")`` and ``polars.read_csv`` (``pip install -e ".[bench]"``);
  the ratio of ``load_acled`` to the fastest of them, and its peak memory
  against the loaded frame's ``memory_usage(deep=True)``;
* weekly and monthly attack counts by location
  (``analysis.stats.periods.attacks_per_period``, non-empty rows only), the
  timeline's layout (``analysis.viz.timeline_layout.timeline_layout``, no drawing) and
  the events that may be coded twice (``analysis.possible_duplicates``) on the loaded events;
* ``import analysis`` against ``import pandas`` (and whether plotting
  libraries were imported);
* the whole report (``make report DATA=...``) for the 100,000-row file.

Usage::

    python benchmarks/generate_acled.py                          # once: benchmarks/out/acled_*.csv
    python benchmarks/generate_acled.py --event-dates excel --rows 1000000 --rows 3000000
    python benchmarks/run.py                                     # every generated size
    python benchmarks/run.py --rows 1000000 --repeat 1 --no-report --no-counts
"""

from __future__ import annotations

import argparse
import datetime
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
#: The plain readers ``load_acled`` is compared with, by task name, as the table shows them.
READERS = {
    "pandas_c": "pandas read_csv",
    "pandas_pyarrow": 'pandas read_csv(engine="pyarrow")',
    "polars": "polars read_csv",
}


# --- the child process: one measurement -------------------------------------------------------

def _rss_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def _peak_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


def _reader(task: str, path: str):
    """Return the function that reads ``path`` for ``task``, with its imports done."""
    import pandas as pd
    import pyarrow.compute  # noqa: F401  (every reader below may use them; imported before the baseline)
    import pyarrow.csv  # noqa: F401

    if task == "pandas_c":
        return lambda: pd.read_csv(path)
    if task == "pandas_pyarrow":
        return lambda: pd.read_csv(path, engine="pyarrow")
    if task == "polars":
        import polars as pl

        return lambda: pl.read_csv(path)
    sys.path.insert(0, str(ROOT))
    import analysis

    if task == "load_acled":
        return lambda: analysis.load_acled(path)
    raise ValueError(f"unknown task {task!r}")


def child(task: str, path: str, repeat: int) -> dict:
    """Run one measurement in this (fresh) process and return its figures."""
    if task.startswith("import "):
        began = time.perf_counter()
        __import__(task.split()[1])
        seconds = time.perf_counter() - began
        plotting = sorted(m for m in ("matplotlib", "seaborn") if m in sys.modules)
        return {"seconds": seconds, "plotting_modules": plotting}
    if task == "counts":
        return _counts(path, repeat)

    read = _reader(task, path)
    baseline = _rss_bytes()
    cpu = _cpu_seconds()
    began = time.perf_counter()
    try:
        frame = read()
    except Exception as exc:  # a refused file is a result too: how long it took to refuse
        return {"seconds": time.perf_counter() - began, "error": f"{type(exc).__name__}: {str(exc).splitlines()[0][:160]}"}
    seconds = time.perf_counter() - began
    cpu = _cpu_seconds() - cpu
    frame_bytes = frame.estimated_size() if task == "polars" else int(frame.memory_usage(deep=True).sum())
    return {"seconds": seconds, "cpu_seconds": cpu, "peak_bytes": _peak_bytes() - baseline, "frame_bytes": frame_bytes,
            "rows": len(frame)}


def _cpu_seconds() -> float:
    """Processor time of this process so far, every thread, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _counts(path: str, repeat: int) -> dict:
    sys.path.insert(0, str(ROOT))
    import analysis
    import analysis.io.acled  # noqa: F401
    from analysis.stats.caveats import possible_duplicates
    from analysis.stats.periods import attacks_per_period
    from analysis.stats.selection import is_militia_attack
    from analysis.viz.timeline_layout import timeline_layout

    def best(run):
        times, result = [], None
        for _ in range(repeat):
            result = None
            began = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - began)
        return min(times), result

    events = analysis.load_acled(path)
    figures = {}
    for name, freq in (("weekly", "W"), ("monthly", "M")):
        seconds, counts = best(
            lambda: attacks_per_period(events, freq=freq, by="location", include_empty=False, kinds=is_militia_attack)
        )
        figures[f"{name}_s"] = seconds
        figures[f"{name}_rows"] = len(counts)
        figures[f"{name}_events"] = int(counts["expected"].sum().round())
    seconds, layout = best(lambda: timeline_layout(events))
    figures["timeline_s"] = seconds
    figures["timeline_rows"] = len(layout)
    seconds, found = best(lambda: possible_duplicates(events))
    figures["duplicates_s"] = seconds
    figures["duplicates_rows"] = len(found)
    return figures


# --- the parent: run the children, print the tables ---------------------------------------------

def measure(task: str, path: Path | str = "", repeat: int = 1) -> dict:
    """Run ``task`` in a fresh process and return its figures (or the error it printed)."""
    command = [sys.executable, __file__, "--child", task, "--path", str(path), "--repeat", str(repeat)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": last}
    return json.loads(done.stdout.strip().splitlines()[-1])


def combine(runs: list[dict]) -> dict:
    """Keep the best time and the highest peak memory of repeated runs (an error if any run failed)."""
    failed = [r for r in runs if "error" in r]
    if failed:
        return {**failed[0], "seconds": min(r.get("seconds", float("inf")) for r in failed), "runs": len(runs)}
    best = dict(min(runs, key=lambda r: r["seconds"]))
    best["peak_bytes"] = max(r["peak_bytes"] for r in runs)
    best["cpu_seconds"] = min(r["cpu_seconds"] for r in runs)
    best["runs"] = len(runs)
    best["all_seconds"] = [round(r["seconds"], 3) for r in runs]
    return best


def measure_loading(path: Path, tasks: list[str], repeat: int) -> dict:
    """Measure every task on ``path``, ``repeat`` rounds of fresh processes, the tasks interleaved."""
    runs: dict[str, list[dict]] = {task: [] for task in tasks}
    for _ in range(repeat):
        for task in tasks:
            runs[task].append(measure(task, path))
    return {task: combine(task_runs) for task, task_runs in runs.items()}


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

    try:
        import polars

        polars_version = f", polars {polars.__version__}"
    except ImportError:
        polars_version = ""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} CPUs ({platform.processor() or platform.machine()}), {memory:.0f} GiB RAM, "
            f"Python {platform.python_version()}, pandas {pd.__version__}, pyarrow {pa.__version__}"
            f"{polars_version}, {platform.system()} {platform.release()}")


def _mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _verdict(value: float, target: float) -> str:
    return "met" if value < target else "MISSED"


def loading_table(results: dict) -> str:
    """Format the loading figures as a Markdown table: load_acled, each reader, ratio, memory."""
    head = ["file", "rows", "`load_acled`", *READERS.values(), "ratio to the fastest", "ratio of processor time",
            "`load_acled` peak memory", "loaded frame", "peak / frame"]
    lines = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    for key, r in sorted(results["loading"].items(), key=lambda kv: (kv[1]["label"], kv[1]["rows"])):
        load = r["figures"].get("load_acled") or r["figures"].get("typed_stand_in")
        readers = {t: r["figures"].get(t, {"error": "not run"}) for t in READERS}
        cells = [r["label"], f"{r['rows']:,}"]
        said = [f"refused after {r['refused']['seconds']:.2f} s"] if "refused" in r else []
        if "error" in load:
            said.append(load["error"])
        else:
            said.append(f"{load['seconds']:.2f} s" + (" with a stand-in date parser" if "refused" in r else ""))
        cells.append("; ".join(said))
        cells += ["" if f.get("error") == "not run" else f"{f['seconds']:.2f} s" if "error" not in f else "failed"
                  for f in readers.values()]
        timed = {t: f["seconds"] for t, f in readers.items() if "error" not in f}
        if timed and "error" not in load:
            fastest = min(timed, key=timed.get)
            ratio = load["seconds"] / timed[fastest]
            target = f" ({_verdict(ratio, TARGETS['load'])})" if r["rows"] >= 1_000_000 else ""
            cells.append(f"{ratio:.2f}x of {READERS[fastest].split(' read_csv')[0]}{target}")
            cpu = {t: f["cpu_seconds"] for t, f in readers.items() if "error" not in f}
            least = min(cpu, key=cpu.get)
            cells.append(f"{load['cpu_seconds'] / cpu[least]:.2f}x of {READERS[least].split(' read_csv')[0]}")
            memory = load["peak_bytes"] / load["frame_bytes"]
            target = f" ({_verdict(memory, TARGETS['memory'])})" if r["rows"] >= 1_000_000 else ""
            cells += [_mib(load["peak_bytes"]), _mib(load["frame_bytes"]), f"{memory:.2f}x{target}"]
        else:
            cells += ["", "", "", "", ""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def readers_memory_table(results: dict) -> str:
    """Peak memory of every reader against its own frame."""
    lines = ["| reader | file | rows | peak memory | its frame | peak / frame |", "|---|---|---:|---:|---:|---:|"]
    for r in sorted(results["loading"].values(), key=lambda r: (r["label"], r["rows"])):
        for task, figures in r["figures"].items():
            if "error" in figures:
                continue
            name = READERS.get(task, f"`{task}`")
            lines.append(f"| {name} | {r['label']} | {r['rows']:,} | {_mib(figures['peak_bytes'])} | "
                         f"{_mib(figures['frame_bytes'])} | {figures['peak_bytes'] / figures['frame_bytes']:.2f}x |")
    return "\n".join(lines)


def other_table(results: dict) -> str:
    """Counting, imports and the whole report."""
    lines = ["| measurement | rows | figure | floor | ratio | target | |", "|---|---:|---:|---:|---:|---:|---|"]
    for rows, counts in sorted(results.get("counts", {}).items(), key=lambda kv: int(kv[0])):
        n = f"{int(rows):,}"
        if "error" in counts:
            lines.append(f"| attack counts by location | {n} | {counts['error']} | | | | |")
            continue
        for name in ("weekly", "monthly"):
            target = f"< {TARGETS['counts_s']} s" if int(rows) == 1_000_000 else ""
            verdict = _verdict(counts[f"{name}_s"], TARGETS["counts_s"]) if target else ""
            lines.append(f"| {name} attack counts by location | {n} | {counts[f'{name}_s']:.2f} s | | | "
                         f"{target} | {verdict} |")
        lines.append(f"| timeline data (`timeline_layout`) | {n} | {counts['timeline_s']:.2f} s | | | | |")
        lines.append(f"| events that may be coded twice (`possible_duplicates`) | {n} | {counts['duplicates_s']:.2f} s "
                     "| | | | |")
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


def with_windows_line_ends(path: Path) -> Path:
    """Return a copy of a generated file with CRLF line ends (as Excel or Windows save it), written if missing."""
    crlf = path.with_name(path.stem + "_crlf.csv")
    if not crlf.is_file() or crlf.stat().st_mtime < path.stat().st_mtime:
        partial = crlf.with_suffix(".partial")
        with open(path, "rb") as source, open(partial, "wb") as target:
            while block := source.read(1 << 24):
                target.write(block.replace(b"\n", b"\r\n"))  # the generator writes LF alone, never CR
        partial.replace(crlf)
    return crlf


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, action="append", help="file sizes to measure (default: all generated)")
    parser.add_argument("--repeat", type=int, default=3, help="fresh processes per figure (the best time is kept)")
    parser.add_argument("--readers", nargs="+", choices=list(READERS), default=list(READERS),
                        help="plain readers to compare with")
    parser.add_argument("--line-ends", nargs="+", choices=["LF", "CRLF"], default=["LF", "CRLF"],
                        help="line ends of the files to load (CRLF: a copy of each generated file, written once)")
    parser.add_argument("--no-counts", action="store_true", help="skip the counting measurements")
    parser.add_argument("--no-report", action="store_true", help="skip the whole-report measurement")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--path", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.path, args.repeat)))
        return

    results: dict = {"date": datetime.date.today().isoformat(), "machine": machine(), "repeat": args.repeat,
                     "loading": {}, "counts": {}}
    print(results["date"], results["machine"], flush=True)
    for rows in args.rows or SIZES:
        files = [("ISO dates", OUT / f"acled_{rows}.csv"), ("spreadsheet dates", OUT / f"acled_{rows}_excel_dates.csv")]
        for label, path in [(f"{label}, {ends}", path) for ends in args.line_ends for label, path in files]:
            lf = path
            if path.is_file() and label.endswith("CRLF"):
                path = with_windows_line_ends(path)
            if not lf.is_file():
                option = "" if label.startswith("ISO dates") else "--event-dates excel "
                print(f"{lf.relative_to(ROOT)} missing: run benchmarks/generate_acled.py {option}--rows {rows}",
                      flush=True)
                continue
            tasks = ["load_acled", *args.readers]
            figures = measure_loading(path, tasks, args.repeat)
            entry = {"label": label, "rows": rows, "path": str(path.relative_to(ROOT)), "figures": figures}
            results["loading"][f"{label} {rows}"] = entry
            for task, figure in figures.items():
                print(f"{rows:>9,} {label}: {task}: {figure}", flush=True)
        if not args.no_counts and (OUT / f"acled_{rows}.csv").is_file():
            results["counts"][str(rows)] = measure("counts", OUT / f"acled_{rows}.csv", args.repeat)
            print(f"{rows:>9,} counts: {results['counts'][str(rows)]}", flush=True)
    if not args.no_counts:
        results["imports"] = measure_imports()
        print(f"imports: {results['imports']}", flush=True)
    report_data = OUT / "acled_100000.csv"
    if not args.no_report and report_data.is_file():
        results["report"] = measure_report(report_data)
        print(f"report: {results['report']}", flush=True)
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    print()
    print(loading_table(results))
    print()
    print(readers_memory_table(results))
    if results["counts"] or "imports" in results or "report" in results:
        print()
        print(other_table(results))


if __name__ == "__main__":
    main()
