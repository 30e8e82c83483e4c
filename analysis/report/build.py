"""Build the report: execute every notebook in a fresh kernel, then render the pages and the index."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .execute import NOTEBOOK_DIR, execute_notebook, find_notebooks, run_with_progress
from .inputs import CACHE_ENV
from .render import render_report


def build_report(
    out: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    notebooks: str | Path = NOTEBOOK_DIR,
    show_code: bool = False,
    timeout: int = 600,
) -> Path:
    """Execute every notebook in a fresh kernel and render the HTML report.

    The notebooks ``NN-*.ipynb`` of ``notebooks`` run in reading order, each
    in its own kernel with the given parameters (none: they run as
    committed); the executed copies go to ``out/notebooks/``. Progress is
    printed as ``[1/4] 01-escalation-timeline ... 5.2 s``. Then
    ``render_report`` writes one page per notebook and ``index.html``.

    Parameters
    ----------
    out : str or Path
        The output folder (created if needed).
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
        At the first failing cell, naming the notebook, the cell and the
        error; the partly executed notebook is left in ``out/notebooks/``.
    FileNotFoundError
        If there is no notebook to run.

    Examples
    --------
    >>> build_report("build/report", parameters={"START": "2020-01-01"})  # doctest: +SKIP
    [1/4] 01-escalation-timeline ... 6.0 s
    ...
    """
    out = Path(out)
    sources = find_notebooks(notebooks)
    executed = []
    # the notebooks of one run share the checked data file (see analysis.report.inputs.load_checked)
    with tempfile.TemporaryDirectory(prefix="analysis-report-cache-") as cache, _environment(CACHE_ENV, cache):
        for number, source in enumerate(sources, start=1):
            target = out / "notebooks" / source.name
            run_with_progress(
                number,
                len(sources),
                source,
                lambda s=source, t=target: execute_notebook(
                    s, parameters=parameters, cwd=s.resolve().parent, output_path=t, timeout=timeout
                ),
            )
            executed.append(target)
    return render_report(executed, out, parameters=parameters, show_code=show_code)


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

