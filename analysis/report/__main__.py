"""Run the report from the command line.

::

    python -m analysis.report [--out O] [--data D] [--invalid drop] [--start S] [--end E] [--area A] [--attacks T] [--target N]
    python -m analysis.report --from-env
    python -m analysis.report --refresh-notebooks

The first form executes every ``notebooks/NN-*.ipynb`` in reading order, each
in a fresh kernel, and writes one HTML page per notebook plus ``index.html``.
The options are declared in :mod:`analysis.report.options`. With
``--from-env`` each option not given on the command line is read from the
environment variable ``REPORT_<OPTION>`` (``REPORT_AREA`` for ``--area``;
empty means not given): this is how ``make report`` passes its values,
without a shell ever reading them. The last form re-executes the committed
notebooks in place (this is how their stored outputs are refreshed).

Every option is checked before anything runs, and the data once, before the
first notebook (:func:`analysis.report.inputs.check_run`); every error is one
line on standard error, never a traceback. Exit status: 0 when the report is
written, 1 when a notebook fails (or shows an error) or the report cannot be
written, 2 when an option, the data file or the output folder is refused.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
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
    except spec.OptionError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    out = str(values["OUT"] or spec.BY_NAME["OUT"].default)
    parameters = spec.notebook_parameters(values)
    # The options are checked before the builder is imported: nbformat takes seconds to import.
    from ..errors import DataError
    from .build import build_report
    from .execute import NOTEBOOK_DIR, NotebookError, find_notebooks, refresh_notebooks

    notebooks = args.notebooks or str(NOTEBOOK_DIR)
    try:
        if args.refresh_notebooks:
            paths = refresh_notebooks(notebooks)
            print(f"Refreshed {len(paths)} notebooks in {time.perf_counter() - started:.1f} s")
            return 0
        find_notebooks(notebooks)
        check_output_folder(out, notebooks=[notebooks, NOTEBOOK_DIR])
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
        index = build_report(out, parameters=parameters, notebooks=notebooks, timeout=args.timeout)
    except (DataError, spec.OptionError) as error:
        print(f"error: {_one_line(error)}", file=sys.stderr)
        return 2
    except NotebookError as error:
        kept = f" (the executed notebook: {error.kept})" if error.kept else ""
        print(f"error: {error}{kept}", file=sys.stderr)
        return 1
    except OutputFolderError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: the report could not be written to {out} ({error}); an earlier report there is as it was",
              file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"error: interrupted; the previous report in {out} is unchanged", file=sys.stderr)
        return 130
    print(f"Report written to {index} in {time.perf_counter() - started:.1f} s")
    return 0


def _one_line(error: Exception) -> str:
    """Say an error in one line: a loader's message listing several problems is cut to the first of them.

    A problem of one row (it names a line) can be left out with ``--invalid drop``, and the line says so.
    """
    lines = [line.strip() for line in str(error).strip().splitlines()]
    text = f"{lines[0]}, the first: {lines[1]}" if len(lines) > 1 else (lines[0] if lines else type(error).__name__)
    if getattr(error, "line", None) is not None:
        text += f" ({spec.BY_NAME['INVALID'].flag} drop leaves out the rows that break a rule)"
    return text


if __name__ == "__main__":
    sys.exit(main())
