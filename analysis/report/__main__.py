"""Run the report from the command line.

::

    python -m analysis.report --out build/report [--data D] [--start S] [--end E] [--area A] [--attacks T] [--target P]
    python -m analysis.report --from-env
    python -m analysis.report --refresh-notebooks

The first form executes every ``notebooks/NN-*.ipynb`` in reading order, each
in a fresh kernel, and writes one HTML page per notebook plus ``index.html``.
With ``--from-env`` each option not given on the command line is read from
the environment variable ``REPORT_<OPTION>`` (``REPORT_AREA`` for
``--area``; empty means not given): this is how ``make report`` passes its
values, without a shell ever reading them. The last form re-executes the
committed notebooks in place (this is how their stored outputs are
refreshed).

Every option is checked before anything runs; every error is one line on
standard error, never a traceback. Exit status: 0 when the report is written,
1 when a notebook fails (or shows an error) or the report cannot be written,
2 when an option or the output folder is refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NoReturn

from .publish import OutputFolderError, check_output_folder

#: Prefix of the environment variables ``--from-env`` reads: ``REPORT_`` + the option's name in capitals.
ENV_PREFIX = "REPORT_"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (no usage block)."""

    def error(self, message: str) -> NoReturn:
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _text(text: str) -> str:
    """Accept text that is valid UTF-8 (a byte that is not arrives as a lone surrogate)."""
    for position, character in enumerate(text):
        if "\udc80" <= character <= "\udcff":
            raise argparse.ArgumentTypeError(
                f"{text!r} is not UTF-8 text: byte 0x{ord(character) - 0xDC00:02X} at character {position + 1}"
            )
    return text


def _iso_date(text: str) -> dt.date:
    """Accept a day written YYYY-MM-DD (ASCII digits), and nothing else ISO 8601 allows."""
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"{_text(text)!r} is not a date written YYYY-MM-DD")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m analysis.report",
        description="Execute the notebooks and render the HTML report (or refresh the committed notebooks).",
    )
    parser.add_argument("--out", type=_text, default="build/report", help="output folder (default: build/report)")
    parser.add_argument("--data", type=_text, help="an ACLED export (CSV or Parquet) instead of the coded seed data")
    parser.add_argument("--start", type=_iso_date, help="first day of the time window, YYYY-MM-DD")
    parser.add_argument("--end", type=_iso_date, help="last day of the time window, YYYY-MM-DD")
    parser.add_argument("--area", type=_text, help="keep events of this area (admin1 or location, as the notebooks define it)")
    parser.add_argument(
        "--attacks", type=_text,
        help="which events are attacks: ACLED event or sub-event types (or coded categories), separated by ';' "
             "(default: the coded 'militia attack'; for an ACLED file, Battles and Explosions/Remote violence)",
    )
    parser.add_argument(
        "--target", type=_text,
        help="attacks on whom: a name or pattern searched in actor2 and assoc_actor_2, alternatives separated by '|' "
             "(default: any target)",
    )
    parser.add_argument("--notebooks", type=_text, help="folder of the notebooks (default: the project's notebooks/)")
    parser.add_argument(
        "--from-env",
        action="store_true",
        help=f"read each option not given here from the environment variable {ENV_PREFIX}<OPTION>, e.g. {ENV_PREFIX}AREA",
    )
    parser.add_argument(
        "--refresh-notebooks",
        action="store_true",
        help="execute notebooks/*.ipynb in place in fresh kernels, keeping outputs, and exit",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds a single cell may run (default: 600)")
    return parser


def environment_options(parser: argparse.ArgumentParser, environ: Mapping[str, str]) -> list[str]:
    """Return ``--option=value`` for every option of ``parser`` set by a non-empty ``REPORT_<OPTION>`` variable.

    Only options that take a value count (not switches such as
    ``--from-env``); the value is passed as one ``--option=value`` argument,
    so even a value starting with ``-`` stays a value. Put these before the
    command line's own arguments, so that those win.

    Parameters
    ----------
    parser : ArgumentParser
        The command line's parser.
    environ : mapping
        The environment (``os.environ``).

    Returns
    -------
    list of str
        Arguments, in the parser's order of options.

    Examples
    --------
    >>> environment_options(_parser(), {"REPORT_AREA": "Baghdad", "REPORT_END": "", "HOME": "/root"})
    ['--area=Baghdad']
    """
    arguments = []
    for action in parser._actions:
        long = [option for option in action.option_strings if option.startswith("--")]
        if not long or action.nargs == 0:
            continue
        value = environ.get(ENV_PREFIX + long[0][2:].replace("-", "_").upper(), "")
        if value:
            arguments.append(f"{long[0]}={value}")
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.from_env:
        args = parser.parse_args(environment_options(parser, os.environ) + argv)
    started = time.perf_counter()
    try:
        parameters = _parameters(args)
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    # The options are checked before the builder is imported: nbformat takes seconds to import.
    from .build import build_report
    from .execute import NOTEBOOK_DIR, NotebookError, find_notebooks, refresh_notebooks

    notebooks = args.notebooks or str(NOTEBOOK_DIR)
    try:
        if args.refresh_notebooks:
            paths = refresh_notebooks(notebooks)
            print(f"Refreshed {len(paths)} notebooks in {time.perf_counter() - started:.1f} s")
            return 0
        find_notebooks(notebooks)
        check_output_folder(args.out, notebooks=[notebooks, NOTEBOOK_DIR])
    except NotebookError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except (FileNotFoundError, OutputFolderError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    try:
        index = build_report(args.out, parameters=parameters, notebooks=notebooks, timeout=args.timeout)
    except NotebookError as error:
        kept = f" (the executed notebook: {error.kept})" if error.kept else ""
        print(f"error: {error}{kept}", file=sys.stderr)
        return 1
    except OutputFolderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: the report could not be written to {args.out} ({error}); an earlier report there is as it was",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"error: interrupted; the previous report in {args.out} is unchanged", file=sys.stderr)
        return 130
    print(f"Report written to {index} in {time.perf_counter() - started:.1f} s")
    return 0


def _parameters(args: argparse.Namespace) -> dict[str, str]:
    """Return the notebooks' parameters of the checked options; raise ValueError for a refused one."""
    parameters = {}
    if args.data:
        data = Path(args.data).expanduser().resolve()
        if not data.is_file():
            raise ValueError(f"--data {args.data}: no such file")
        parameters["DATA"] = str(data)
    if args.start and args.end and args.start > args.end:
        raise ValueError(f"--start {args.start} is after --end {args.end}")
    if args.start:
        parameters["START"] = args.start.isoformat()
    if args.end:
        parameters["END"] = args.end.isoformat()
    if args.area:
        parameters["AREA"] = args.area
    if args.attacks:
        from ..stats.selection import attack_selection

        try:
            attack_selection(args.attacks)
        except ValueError as error:
            raise ValueError(f"--attacks: {error}") from None
        parameters["ATTACKS"] = args.attacks
    if args.target:
        parameters["TARGET"] = args.target
    return parameters

if __name__ == "__main__":
    sys.exit(main())
