"""Build the report: execute every notebook in a fresh kernel, then render the pages and the index."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .execute import NOTEBOOK_DIR, NotebookError, execute_notebook, find_notebooks, run_with_progress
from .inputs import CACHE_ENV
from .publish import staged_folder
from .render import render_report


def build_report(
    out: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    notebooks: str | Path = NOTEBOOK_DIR,
    show_code: bool = False,
    timeout: int = 600,
) -> Path:
    """Execute every notebook in a fresh kernel and render the HTML report, replacing ``out`` only when complete.

    The notebooks ``NN-*.ipynb`` of ``notebooks`` run in reading order, each
    in its own kernel with the given parameters (none: they run as
    committed); the executed copies go to ``out/notebooks/``. Progress is
    printed as ``[1/4] 01-escalation-timeline ... 5.2 s``. Then
    ``render_report`` writes one page per notebook and ``index.html``.

    Everything is written to a folder beside ``out`` and moved into place
    when complete (:func:`analysis.report.publish.staged_folder`): a build
    that fails leaves the previous report as it was, and a second build into
    the same folder is refused while one runs. The output folder is checked
    before any notebook runs.

    Parameters
    ----------
    out : str or Path
        The output folder (created if needed); it must be new, empty or an
        earlier report, and must not hold the notebooks.
    parameters : mapping or None, default None
        Notebook parameters, e.g. ``{"DATA": "/abs/export.csv", "START":
        "2019-10-01"}``, injected after each notebook's ``parameters``
        cell (:func:`analysis.report.execute.inject_parameters`).
    notebooks : str or Path, default the project's ``notebooks/``
        The folder holding the notebooks.
    show_code : bool, default False
        Show the code cells in the pages (the report shows prose and outputs
        only by default).
    timeout : int, default 600
        Seconds a single cell may run.

    Returns
    -------
    Path
        The index page.

    Raises
    ------
    NotebookError
        At the first failing cell or error output, naming the notebook, the
        cell and the error; the partly executed notebook is kept as
        ``<out>.failed/<name>.ipynb`` (its path in the error's ``kept``;
        the next build that succeeds removes it).
    FileNotFoundError
        If there is no notebook to run.
    OutputFolderError
        If the output folder is refused or another build is writing it.
    OSError
        If the report cannot be written (the previous report is left as it was).

    Examples
    --------
    Building the report runs every notebook (about a minute), so this example is not run by the tests::

        build_report("build/report", parameters={"START": "2020-01-01"})
        # [1/4] 01-escalation-timeline ... 6.0 s
        # ...
    """
    out = Path(out)
    sources = find_notebooks(notebooks)
    # the notebooks of one run share the checked data file (see analysis.report.inputs.load_checked)
    with staged_folder(out, notebooks=[notebooks, NOTEBOOK_DIR]) as stage, \
            tempfile.TemporaryDirectory(prefix="analysis-report-cache-") as cache, _environment(CACHE_ENV, cache):
        executed = []
        for number, source in enumerate(sources, start=1):
            target = stage / "notebooks" / source.name
            try:
                run_with_progress(
                    number,
                    len(sources),
                    source,
                    lambda s=source, t=target: execute_notebook(
                        s, parameters=parameters, cwd=s.resolve().parent, output_path=t, timeout=timeout
                    ),
                )
            except NotebookError as error:
                error.kept = _keep_failed(target, out)
                raise
            executed.append(target)
        render_report(executed, stage, parameters=parameters, show_code=show_code)
        shutil.rmtree(_failed_folder(out), ignore_errors=True)  # what an earlier failure kept is out of date
    return out / "index.html"


@contextlib.contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """Set an environment variable (inherited by the kernels) for the duration of a block."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def _failed_folder(out: Path) -> Path:
    return out.parent / f"{out.name}.failed"


def _keep_failed(executed: Path, out: Path) -> Path | None:
    """Copy a partly executed notebook to ``<out>.failed/``, to look at; return where it went (None if it could not)."""
    if not executed.is_file():
        return None
    folder = _failed_folder(out)
    try:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        return Path(shutil.copy2(executed, folder / executed.name))
    except OSError:
        return None
