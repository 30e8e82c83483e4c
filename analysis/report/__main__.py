"""Run the report from the command line.

::

    python -m analysis.report [--out O] [--data D] [--invalid drop] [--dayfirst true|false] [--start S] [--end E]
                              [--area A] [--attacks T] [--target N] [--compare C]
    python -m analysis.report --from-env
    python -m analysis.report --refresh-notebooks

The first form executes every ``notebooks/NN-*.ipynb`` in reading order, each
in a fresh kernel, and writes one HTML page per notebook plus ``index.html``;
with ``--compare`` the page of ``notebooks/compare/`` follows them.
The options are declared in :mod:`analysis.report.options`. With
``--from-env`` each option not given on the command line is read from the
environment variable ``REPORT_<OPTION>`` (``REPORT_AREA`` for ``--area``;
empty means not given): this is how ``make report`` passes its values,
without a shell ever reading them. The last form re-executes the committed
notebooks in place (this is how their stored outputs are refreshed).

Every option is checked before anything runs, and the data once, before the
first notebook (:func:`analysis.report.checks.check_run`); every error is one
line on standard error, never a traceback. A refused file of ``DATA`` is said
with the option that would let the run go on, where one would
(:func:`analysis.report.checks.advice`). Exit status: 0 when the report is
written, 1 when a notebook fails (or shows an error) or the report cannot be
written, 2 when an option, the data file or the output folder is refused.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from . import options as spec
from .publish import OutputFolderError, check_output_folder


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line (no usage block)."""

    def error(self, message: str) -> NoReturn:
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m analysis.report",
        description="Execute the notebooks and render the HTML report (or refresh the committed notebooks).",
    )
    spec.add_arguments(parser)
    parser.add_argument("--notebooks", help="folder of the notebooks (default: the project's notebooks/)")
    parser.add_argument(
        "--from-env",
        action="store_true",
        help=f"read each option not given here from the environment variable {spec.ENV_PREFIX}<OPTION>, "
             f"e.g. {spec.ENV_PREFIX}AREA",
    )
    parser.add_argument(
        "--refresh-notebooks",
        action="store_true",
        help="execute notebooks/*.ipynb in place in fresh kernels, keeping outputs, and exit",
    )
    parser.add_argument("--timeout", type=int, default=600, help="seconds a single cell may run (default: 600)")
    return parser


class _Stop(Exception):
    """The command line stops with one line on standard error and an exit status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    if args.from_env:
        args = parser.parse_args(spec.from_environment(os.environ) + argv)
    started = time.perf_counter()
    values = {option.name: getattr(args, option.name) for option in spec.OPTIONS}
    try:
        spec.check_together(values)
        out = str(values["OUT"] or spec.BY_NAME["OUT"].default)
        # The options are checked before the builder is imported: nbformat takes seconds to import.
        from .execute import NOTEBOOK_DIR

        notebooks = args.notebooks or str(NOTEBOOK_DIR)
        if args.refresh_notebooks:
            count = _refresh(notebooks)
            print(f"Refreshed {count} notebooks in {time.perf_counter() - started:.1f} s")
            return 0
        _check_inputs(notebooks, out, values)
        index = _build(out, spec.notebook_parameters(values), notebooks, args.timeout)
    except spec.OptionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except _Stop as stop:
        print(f"error: {stop}", file=sys.stderr)
        return stop.status
    print(f"Report written to {index} in {time.perf_counter() - started:.1f} s")
    return 0


def _refresh(notebooks: str) -> int:
    from .execute import NotebookError, refresh_notebooks

    try:
        return len(refresh_notebooks(notebooks))
    except NotebookError as error:
        raise _Stop(str(error), 1) from error


def _check_inputs(notebooks: str, out: str, values: dict) -> None:
    """Refuse a folder without notebooks, or without the page of an option given, or an output folder a report may
    not replace (status 2)."""
    from .build import report_notebooks
    from .execute import NOTEBOOK_DIR, NotebookError

    try:
        report_notebooks(notebooks, values)
        check_output_folder(out, notebooks=[notebooks, NOTEBOOK_DIR])
    except NotebookError as error:
        raise _Stop(str(error), 1) from error
    except (FileNotFoundError, OutputFolderError) as error:
        raise _Stop(str(error), 2) from error
    except OSError as error:
        raise _Stop(str(error), 1) from error


def _build(out: str, parameters: dict, notebooks: str, timeout: int) -> Path:
    """Build the report; say each failure in one line, with the exit status it gives."""
    from ..errors import DataError
    from .build import build_report
    from .checks import advice
    from .execute import NotebookError

    try:
        return build_report(out, parameters=parameters, notebooks=notebooks, timeout=timeout)
    except DataError as error:
        raise _Stop(_one_line(error, advice(error, parameters)), 2) from error
    except spec.OptionError as error:
        raise _Stop(_one_line(error), 2) from error
    except NotebookError as error:
        kept = f" (the executed notebook: {error.kept})" if error.kept else ""
        raise _Stop(f"{error}{kept}", 1) from error
    except OutputFolderError as error:
        raise _Stop(str(error), 2) from error
    except OSError as error:
        raise _Stop(f"the report could not be written to {out} ({error}); an earlier report there is as it was",
                    1) from error
    except KeyboardInterrupt as error:
        raise _Stop(f"interrupted; the previous report in {out} is unchanged", 130) from error


def _one_line(error: Exception, advice: str = "") -> str:
    """Say an error in one line: a loader's message listing several problems is cut to the first of them; the
    report's ``advice`` (:func:`analysis.report.checks.advice`) follows in brackets."""
    lines = [line.strip() for line in str(error).strip().splitlines()]
    text = f"{lines[0]}, the first: {lines[1]}" if len(lines) > 1 else (lines[0] if lines else type(error).__name__)
    return f"{text} ({advice})" if advice else text


if __name__ == "__main__":
    sys.exit(main())
