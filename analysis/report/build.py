"""Build the report: check the data once, execute every notebook in a fresh kernel, then render the pages and the index."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .checks import check_run, write_dropped, write_events, write_links
from .execute import NOTEBOOK_DIR, NotebookError, execute_notebook, find_notebooks, run_with_progress
from .inputs import DROPPED_FILE
from .options import PAGES, page_parameters
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

    First the data are checked, once (:func:`analysis.report.checks.check_run`):
    the coded documents, or the ACLED file of ``DATA``, loaded and checked, and
    every ``AREA``, ``ATTACKS`` and ``TARGET`` name matched against them. An
    ACLED file's checked events are kept beside ``out`` (``.<name>.checked/``,
    removed when the build ends) and every notebook reads them from there (the
    ``CHECKED`` parameter); so is the export of ``COMPARE``, whose page
    (``notebooks/compare/``) is built, last, only when it is given. Then the notebooks ``NN-*.ipynb`` of ``notebooks`` run in reading order, each
    in its own kernel with the given parameters (none: they run as
    committed); the executed copies go to ``out/notebooks/``. Progress is
    printed as ``[1/4] 01-escalation-timeline ... 5.2 s``. Then, for an ACLED
    file, the run's events are written in full to ``events.csv``
    (:func:`analysis.report.checks.write_events`), the rows ``INVALID=drop`` left out to ``dropped.csv``
    (:func:`analysis.report.checks.write_dropped`), with ``COMPARE`` every link of the comparison to
    ``links.csv`` (:func:`analysis.report.checks.write_links`), and ``render_report``
    writes one page per notebook and ``index.html``.

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
        Notebook parameters as text, e.g. ``{"DATA": "/abs/export.csv", "START":
        "2019-10-01"}`` (:func:`analysis.report.options.notebook_parameters`), injected after each notebook's ``parameters``
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
    DataError
        If the data file is invalid (nothing runs).
    OptionError
        If a parameter is refused, or an ``AREA``, ``ATTACKS`` or ``TARGET``
        name matches no event (nothing runs).
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
    given = dict(parameters or {})
    sources = report_notebooks(notebooks, given)
    with staged_folder(out, notebooks=[notebooks, NOTEBOOK_DIR]) as stage:
        scratch = stage.parent / f".{out.resolve().name}.checked"  # a fixed name: the executed notebooks do not vary
        shutil.rmtree(scratch, ignore_errors=True)
        scratch.mkdir()
        try:
            _build(sources, stage, scratch, given, show_code=show_code, timeout=timeout, out=out)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(_failed_folder(out), ignore_errors=True)  # what an earlier failure kept is out of date
    return out / "index.html"


def report_notebooks(notebooks: str | Path, parameters: Mapping[str, Any]) -> list[tuple[Path, str]]:
    """List the notebooks a build runs, in reading order, each with its page (:func:`analysis.report.options.page_parameters`).

    The notebooks ``NN-*.ipynb`` of ``notebooks`` are every run's pages (page
    ""); a page of one option (``COMPARE``: ``notebooks/compare/``) follows
    them only when the option is given.

    Examples
    --------
    >>> [(path.name, page) for path, page in report_notebooks(NOTEBOOK_DIR, {"COMPARE": "x.csv"})][-2:]
    [('04-sources-and-evidence.ipynb', ''), ('05-compared-with-acled.ipynb', 'compare')]
    """
    sources = [(path, "") for path in find_notebooks(notebooks)]
    return sources + [(path, page) for page, name in PAGES.items() if parameters.get(name)
                      for path in find_notebooks(Path(notebooks) / page)]


def _build(sources: list[tuple[Path, str]], stage: Path, scratch: Path, given: dict[str, Any], *, show_code: bool,
           timeout: int, out: Path) -> None:
    """Check the data, execute the notebooks into ``stage`` and render the pages there."""
    run = check_run(given, scratch)
    if run.dropped:
        print(f"{Path(given['DATA']).name}: {run.dropped:,} invalid row{'' if run.dropped == 1 else 's'} left out "
              f"(INVALID=drop), {run.events:,} events kept; {DROPPED_FILE} beside the report lists them", flush=True)
    executed = []
    for number, (source, page) in enumerate(sources, start=1):
        target = stage / "notebooks" / source.name
        try:
            run_with_progress(
                number,
                len(sources),
                source,
                lambda s=source, t=target, p=page_parameters(run.parameters, page): execute_notebook(
                    s, parameters=p, cwd=s.resolve().parent, output_path=t, timeout=timeout
                ),
            )
        except NotebookError as error:
            error.kept = _keep_failed(target, out)
            raise
        executed.append(target)
    write_events(run.parameters, stage)  # the run's events in full, which the pages' tables name
    write_dropped(run.dropped_rows, stage)  # with INVALID=drop, the rows left out, which the pages' datelines name
    write_links(page_parameters(run.parameters, "compare"), stage)  # with COMPARE, every link of its page
    render_report(executed, stage, parameters=given, show_code=show_code, dropped=run.dropped)


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
