"""Render the report on ACLED-format files of 50 to 1,000,000 events: time it, check every page, keep the timelines.

For each size, an ACLED-format file is written by the tests' own writer
(``tests/acled_files.py``: invented events in Somalia, January 2025 to
March 2026, a burst in one week, foreign forces, several outlets per event;
not ACLED data), and ``python -m analysis.report --data FILE`` renders the
report into ``benchmarks/out/report_<size>/``. The script prints the time of
each notebook and of the whole build, checks every page as the test of
runs other than the default does (a figure on every page; no name or phrase
true only of the five coded reports), and saves, under
``build/screenshots/sizes/``, the timeline figure of each size
(``timeline_<size>.png``, from the executed notebook) and a full-page
screenshot of every page (``<size>-<page>.png``, headless Chromium, network
off).

Usage::

    python benchmarks/render_sizes.py                         # 50, 5,000, 100,000 and 1,000,000 events
    python benchmarks/render_sizes.py --sizes 100000 --no-screenshots
"""

from __future__ import annotations

import argparse
import base64
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SHOTS = ROOT / "build" / "screenshots" / "sizes"
SIZES = (50, 5_000, 100_000, 1_000_000)
TARGET_S = {1_000_000: 120.0}

sys.path.insert(0, str(ROOT / "tests"))
from acled_files import write_acled  # noqa: E402
from report_support import CODED_NAMES, CODED_PHRASES, Chromium, page_text  # noqa: E402


def render(size: int, *, screenshots: bool) -> dict:
    """Write the file of ``size`` events, render its report, check its pages; return the figures."""
    OUT.mkdir(parents=True, exist_ok=True)
    data = OUT / f"somalia_{size}.csv"
    if not data.is_file():
        write_acled(data, size)
    out = OUT / f"report_{size}"
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis.report", "--data", str(data), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        return {"size": size, "seconds": seconds, "error": result.stderr.strip()}
    notebooks = dict(re.findall(r"\] (\S+) \.\.\. ([\d.]+) s", result.stdout))
    problems = []
    pages = sorted(out.glob("[0-9][0-9]-*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if not re.search(r'<img[^>]+src="data:image/png;base64,', text):
            problems.append(f"{page.name}: no figure")
        seen = page_text(text).casefold()
        problems += [f"{page.name}: says {word!r}" for word in (*CODED_NAMES, *CODED_PHRASES) if word.casefold() in seen]
    SHOTS.mkdir(parents=True, exist_ok=True)
    timeline = nbformat.read(out / "notebooks" / "01-escalation-timeline.ipynb", as_version=4)
    figure = next(o["data"]["image/png"] for c in timeline.cells if c.cell_type == "code"
                  for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
    (SHOTS / f"timeline_{size}.png").write_bytes(base64.b64decode(figure))
    if screenshots:
        browser = Chromium(OUT / "chromium-profile")
        try:
            for page in pages:
                browser.visit(page.resolve().as_uri(), screenshot=SHOTS / f"{size}-{page.stem}.png")
        finally:
            browser.close()
    return {"size": size, "seconds": seconds, "notebooks": notebooks, "pages": len(pages), "problems": problems}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="events per file")
    parser.add_argument("--no-screenshots", action="store_true", help="skip the browser screenshots")
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average {os.getloadavg()[0]:.1f}")
    failed = False
    for size in args.sizes:
        figures = render(size, screenshots=not args.no_screenshots)
        if "error" in figures:
            print(f"{size:>9,} events: FAILED after {figures['seconds']:.0f} s: {figures['error']}")
            failed = True
            continue
        parts = ", ".join(f"{name[:2]} {s} s" for name, s in figures["notebooks"].items())
        target = TARGET_S.get(size)
        verdict = "" if target is None else (" (target < %.0f s: %s)" % (target, "met" if figures["seconds"] < target
                                                                           else "MISSED"))
        print(f"{size:>9,} events: {figures['seconds']:.1f} s{verdict} [{parts}]; {figures['pages']} pages, "
              f"{'no problem' if not figures['problems'] else '; '.join(figures['problems'])}")
        failed |= bool(figures["problems"])
    print(f"timelines and screenshots in {SHOTS.relative_to(ROOT)}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
