"""Run the report from the command line.

::

    python -m analysis.report --out build/report [--data D] [--start S] [--end E] [--area A]
                              [--attacks "Battles;Explosions/Remote violence"] [--target "Military Forces of the United States"]
    python -m analysis.report --refresh-notebooks

The first form executes every ``notebooks/NN-*.ipynb`` in reading order, each
in a fresh kernel, and writes one HTML page per notebook plus ``index.html``.
The second re-executes the committed notebooks in place (this is how their
stored outputs are refreshed). Both stop at the first failing cell with a
short message naming the notebook, the cell and the error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from ..stats.selection import attack_selection
from .build import build_report
from .execute import NOTEBOOK_DIR, NotebookError, refresh_notebooks


def _iso_date(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.report",
        description="Execute the notebooks and render the HTML report (or refresh the committed notebooks).",
    )
    parser.add_argument("--out", default="build/report", help="output folder (default: build/report)")
    parser.add_argument("--data", help="an ACLED export (CSV or Parquet) instead of the coded seed data")
    parser.add_argument("--start", type=_iso_date, help="first day of the time window, YYYY-MM-DD")
    parser.add_argument("--end", type=_iso_date, help="last day of the time window, YYYY-MM-DD")
    parser.add_argument("--area", help="keep events of this area (admin1 or location, as the notebooks define it)")
    parser.add_argument(
        "--attacks",
        help="which events are attacks: ACLED event or sub-event types (or coded categories), separated by ';' "
             "(default: the coded 'militia attack'; for an ACLED file, Battles and Explosions/Remote violence)",
    )
    parser.add_argument(
        "--target",
        help="attacks on whom: a name or pattern searched in actor2 and assoc_actor_2, alternatives separated by '|' "
             "(default: any target)",
    )
    parser.add_argument("--notebooks", default=str(NOTEBOOK_DIR), help="folder of the notebooks")
    parser.add_argument(
        "--refresh-notebooks",
        action="store_true",
        help="execute notebooks/*.ipynb in place in fresh kernels, keeping outputs, and exit",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds a single cell may run (default: 600)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        if args.refresh_notebooks:
            paths = refresh_notebooks(args.notebooks)
            print(f"Refreshed {len(paths)} notebooks in {time.perf_counter() - started:.1f} s")
            return 0
        parameters = {}
        if args.data:
            data = Path(args.data).expanduser().resolve()
            if not data.is_file():
                print(f"error: --data {args.data}: no such file", file=sys.stderr)
                return 2
            parameters["DATA"] = str(data)
        if args.start:
            parameters["START"] = args.start
        if args.end:
            parameters["END"] = args.end
        if args.area:
            parameters["AREA"] = args.area
        if args.attacks:
            try:
                attack_selection(args.attacks)
            except ValueError as error:
                print(f"error: --attacks: {error}", file=sys.stderr)
                return 2
            parameters["ATTACKS"] = args.attacks
        if args.target:
            parameters["TARGET"] = args.target
        if args.start and args.end and args.start > args.end:
            print(f"error: --start {args.start} is after --end {args.end}", file=sys.stderr)
            return 2
        index = build_report(args.out, parameters=parameters, notebooks=args.notebooks, timeout=args.timeout)
        print(f"Report written to {index} in {time.perf_counter() - started:.1f} s")
        return 0
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
