"""Execute notebooks in fresh kernels, with parameters, and write them with stable bytes.

A notebook runs in its own kernel (nbclient), the parameters injected after
its cell tagged ``parameters``; outputs and execution counts are kept,
volatile metadata removed, so the same notebook and parameters give the same
file. A failing cell stops the run with a short :class:`NotebookError`.
"""

from __future__ import annotations

import copy
import json
import keyword
import math
import re
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import nbformat

from .options import is_default_run as options_default_run

#: The checkout holding the package, and its notebooks: ``NN-name.ipynb``, in reading order.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"

# Metadata written by execution tools that changes from run to run (timings,
# papermill's paths and parameters, widget state, editor extensions).
_VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets", "execution")

_VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime", "widgets")


#: Longest error text a NotebookError message quotes.
_MAX_ERROR_TEXT = 300

_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class NotebookError(RuntimeError):
    """A notebook cell raised an error, or showed one in its outputs, while the notebook was executed.

    The message is one short line: the notebook, the cell (index and first
    line of its source) and the error, never the whole traceback. The facts
    are kept as attributes: ``notebook``, ``cell_index``, ``first_line``,
    ``ename``, ``evalue``; ``kept`` is where the partly executed notebook
    was kept, if anywhere.
    """

    def __init__(self, notebook: str, cell_index: int | None, first_line: str, ename: str, evalue: str) -> None:
        self.notebook = notebook
        self.cell_index = cell_index
        self.first_line = first_line
        self.ename = ename
        self.evalue = evalue
        self.kept: Path | None = None
        where = "before any cell ran" if cell_index is None else f"in cell {cell_index} ({first_line!r})"
        super().__init__(f"{notebook} failed {where}: {ename}: {_one_line(evalue)}".rstrip(": "))


def _one_line(text: str) -> str:
    """Return an error text on one line: terminal colours dropped, white space runs made one space, cut short."""
    text = " ".join(_ANSI_ESCAPE.sub("", str(text)).split())
    return text if len(text) <= _MAX_ERROR_TEXT else text[: _MAX_ERROR_TEXT - 1] + "…"


def read_notebook(path: str | Path) -> nbformat.NotebookNode:
    """Read a notebook, giving any cell without an id a stable one.

    ``nbformat`` fills missing cell ids with random ones; they would change
    the file and the HTML on every run, so cells without an id get
    ``cell-<index>`` instead.

    Parameters
    ----------
    path : str or Path
        The ``.ipynb`` file.

    Returns
    -------
    NotebookNode
        The notebook, in nbformat 4.

    Examples
    --------
    >>> nb = read_notebook(NOTEBOOK_DIR / "01-escalation-timeline.ipynb")
    >>> nb.cells[0].cell_type, nb.nbformat
    ('markdown', 4)
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if raw.get("nbformat") == 4 and raw.get("nbformat_minor", 0) >= 5:
        for index, cell in enumerate(raw.get("cells", [])):
            cell.setdefault("id", f"cell-{index}")
    return nbformat.reads(json.dumps(raw), as_version=4)


def parameters_source(parameters: Mapping[str, Any]) -> str:
    """Write notebook parameters as the source of a Python cell: a ``# Parameters`` comment, one assignment each.

    Strings become double-quoted literals (JSON's escapes are Python's; other
    characters are written as they are);
    None, bools, ints and finite floats are written as Python writes them;
    lists (tuples become lists) and dicts element by element. Running the
    cell gives back the same values.

    Parameters
    ----------
    parameters : mapping
        Parameter names (Python identifiers) and values.

    Returns
    -------
    str
        The cell's source, ending with a newline.

    Raises
    ------
    ValueError
        If a name is not an identifier, or a float is not finite.
    TypeError
        If a value is of another type.

    Examples
    --------
    >>> print(parameters_source({"DATA": "x.csv", "START": None, "AREA": ["Baghdad", "Ninewa"]}), end="")
    # Parameters
    DATA = "x.csv"
    START = None
    AREA = ["Baghdad", "Ninewa"]
    """
    lines = ["# Parameters"]
    for name, value in parameters.items():
        if not (isinstance(name, str) and name.isidentifier() and not keyword.iskeyword(name)):
            raise ValueError(f"parameter name {name!r} is not a Python identifier")
        lines.append(f"{name} = {_literal(value)}")
    return "\n".join(lines) + "\n"


def _literal(value: Any) -> str:
    """Return a Python literal of a parameter value (see :func:`parameters_source`)."""
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"parameter value {value!r} is not a finite number")
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_literal(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(str(key))}: {_literal(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"parameter value {value!r} is a {type(value).__name__}; use str, numbers, bools, None, lists or dicts")


#: Tag of the cells true of the committed default run only (hand-written analysis of the five coded
#: reports): a run with parameters leaves them out of its pages and its index card.
DEFAULT_ONLY_TAG = "default-only"


def injected_parameters(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """Return the parameters of a notebook's ``injected-parameters`` cell (:func:`parameters_source`); empty without one.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("DATA = None")])
    >>> injected_parameters(inject_parameters(nb, {"START": "2020-03-01"}))
    {'START': '2020-03-01'}
    """
    import ast

    values: dict[str, Any] = {}
    for cell in nb.cells:
        if "injected-parameters" in cell.metadata.get("tags", []):
            for statement in ast.parse(cell.source).body:
                if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                    values[getattr(statement.targets[0], "id", "")] = ast.literal_eval(statement.value)
    return values


def is_default_run(nb: nbformat.NotebookNode) -> bool:
    """Return True if the notebook ran as the committed default run (:func:`analysis.report.options.is_default_run`)."""
    return options_default_run(injected_parameters(nb))


def without_default_only(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the notebook without its ``default-only`` cells if it ran with parameters; else unchanged.

    The hand-written prose of the committed notebooks describes the five
    coded reports, whole; a run on other data, another window or another
    area shows the sentences the notebook writes from its data instead
    (:mod:`analysis.report.story`).

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# The coded story")])
    >>> nb.cells[0].metadata["tags"] = [DEFAULT_ONLY_TAG]
    >>> len(without_default_only(nb).cells), len(without_default_only(inject_parameters(nb, {"START": "2020-03-01"})).cells)
    (1, 1)
    """
    if is_default_run(nb):
        return nb
    nb = copy.deepcopy(nb)
    nb.cells = [cell for cell in nb.cells if DEFAULT_ONLY_TAG not in cell.metadata.get("tags", [])]
    return nb


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> nbformat.NotebookNode:
    """Insert a cell setting the parameters after the cell tagged ``parameters``.

    The cell (:func:`parameters_source`) is tagged ``injected-parameters``,
    as papermill does, and has a fixed id, so the same parameters always
    give the same notebook. An earlier injected cell is replaced.

    Parameters
    ----------
    nb : NotebookNode
        The notebook; it is not modified.
    parameters : mapping
        Parameter names and values (str, numbers, bools, None, lists, dicts).

    Returns
    -------
    NotebookNode
        A copy of the notebook with the injected cell.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("DATA = None")])
    >>> nb.cells[0].metadata["tags"] = ["parameters"]
    >>> inject_parameters(nb, {"DATA": "x.csv"}).cells[1].source.splitlines()[-1]
    'DATA = "x.csv"'
    """
    nb = copy.deepcopy(nb)
    cell = nbformat.v4.new_code_cell(source=parameters_source(parameters))
    cell.metadata["tags"] = ["injected-parameters"]
    if nb.nbformat_minor >= 5:
        cell.id = "injected-parameters"
    else:
        del cell["id"]
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    old = [i for i, t in enumerate(tags) if "injected-parameters" in t]
    if old:
        nb.cells[old[0]] = cell
    else:
        marked = [i for i, t in enumerate(tags) if "parameters" in t]
        nb.cells.insert(marked[0] + 1 if marked else 0, cell)
    return nb


def clean_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove the metadata that changes between runs, keeping outputs and counts.

    Drops papermill's and nbclient's timing metadata, widget state and
    editor-extension timestamps, at notebook and cell level (what
    ``nbstripout --keep-output --keep-count`` would leave).

    Parameters
    ----------
    nb : NotebookNode
        The notebook, modified in place.

    Returns
    -------
    NotebookNode
        The same notebook.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(metadata={"papermill": {"duration": 1.5}})
    >>> "papermill" in clean_metadata(nb).metadata
    False
    """
    for key in _VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    for cell in nb.cells:
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
    return nb


def _first_line(source: str) -> str:
    lines = [line.strip() for line in source.splitlines() if line.strip()]
    return lines[0] if lines else ""


def execute_notebook(
    path: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    cwd: str | Path | None = None,
    output_path: str | Path | None = None,
    timeout: int = 600,
) -> nbformat.NotebookNode:
    """Execute a notebook in a fresh kernel and write it back with stable metadata.

    With no ``output_path`` the notebook is rewritten in place: this is how
    the committed notebooks are refreshed. Parameters, when given, are
    injected after the cell tagged ``parameters`` (:func:`inject_parameters`); with none,
    the notebook runs exactly as committed. Outputs and execution counts are
    kept; volatile metadata is removed (see ``clean_metadata``). Stream
    outputs are merged so that how the kernel split its writes does not
    change the file. A cell fails when it raises, and also when one of its
    outputs is an error that did not stop it (a figure that could not be
    drawn: IPython shows the traceback and carries on) or a traceback
    printed to standard error. When a cell fails, nothing is written in
    place; with an ``output_path``, the partly executed notebook is written
    there to help find the problem.

    Parameters
    ----------
    path : str or Path
        The notebook to execute.
    parameters : mapping or None, default None
        Values for the notebook's parameters (e.g. ``{"DATA": "export.csv"}``).
    cwd : str, Path or None, default None
        Working directory of the kernel; None for the notebook's folder (as
        Jupyter and nbval do).
    output_path : str, Path or None, default None
        Where to write the executed notebook; None to overwrite ``path``.
    timeout : int, default 600
        Seconds a single cell may run.

    Returns
    -------
    NotebookNode
        The executed notebook.

    Raises
    ------
    NotebookError
        If a cell raises or shows an error; the message names the notebook,
        the cell index (0-based, counting every cell of the file as
        committed), its first line and the error.

    Examples
    --------
    Executing a notebook starts a kernel and takes seconds, so this example is not run by the tests::

        execute_notebook("notebooks/01-escalation-timeline.ipynb")
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    path = Path(path)
    name = path.stem
    nb = read_notebook(path)
    if parameters:
        nb = inject_parameters(nb, parameters)
    injected = [i for i, c in enumerate(nb.cells) if "injected-parameters" in c.metadata.get("tags", [])]
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    workdir = Path(cwd) if cwd is not None else path.resolve().parent
    state = {"cell": None}

    def on_cell_start(cell: Any, cell_index: int) -> None:
        state["cell"] = cell_index

    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name=kernel,
        resources={"metadata": {"path": str(workdir)}},
        record_timing=False,
        coalesce_streams=True,
        on_cell_start=on_cell_start,
        shutdown_kernel="immediate",  # the run is over and its outputs are in hand: no need to wait for an exit
    )
    failure: NotebookError | None = None
    try:
        # The kernel's own log (not the cells' stderr, which nbclient records)
        # only holds start-up notices; keep it off the terminal.
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as error:
        failure = _describe_failure(name, nb, state["cell"], error.ename, error.evalue, injected)
    except (CellTimeoutError, DeadKernelError) as error:
        message = str(error).strip().splitlines()
        failure = _describe_failure(name, nb, state["cell"], type(error).__name__, message[0] if message else "", injected)
    if failure is None:
        failure = _error_in_outputs(name, nb, injected)
    clean_metadata(nb)
    if failure is not None:
        if output_path is not None:
            _write_notebook(nb, Path(output_path))
        raise failure
    _write_notebook(nb, Path(output_path) if output_path is not None else path)
    return nb


def _describe_failure(
    name: str, nb: nbformat.NotebookNode, index: int | None, ename: str, evalue: str, injected: list[int]
) -> NotebookError:
    if index is None:
        return NotebookError(name, None, "", ename, evalue)
    first_line = _first_line(nb.cells[index].source)
    # Report the index in the notebook as committed, without the injected cell.
    committed_index = index - sum(1 for i in injected if i < index)
    return NotebookError(name, committed_index, first_line, ename, evalue)


def _error_in_outputs(name: str, nb: nbformat.NotebookNode, injected: list[int]) -> NotebookError | None:
    """Return the failure of the first cell whose outputs hold an error or a printed traceback, or None."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return _describe_failure(name, nb, index, output.get("ename", ""), output.get("evalue", ""), injected)
            text = output.get("text", "") if output.get("name") == "stderr" else ""
            if "Traceback (most recent call last)" in text:
                last = [line for line in text.splitlines() if line.strip()][-1]
                return _describe_failure(name, nb, index, "traceback on standard error", last, injected)
    return None


def _write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def refresh_notebooks(folder: str | Path = NOTEBOOK_DIR, *, pattern: str = "*.ipynb") -> list[Path]:
    """Re-execute every notebook of a folder in place, each in a fresh kernel.

    Parameters
    ----------
    folder : str or Path, default the project's ``notebooks/``
        The folder holding the notebooks.
    pattern : str, default ``"*.ipynb"``
        Which notebooks to execute (glob pattern), in name order.

    Returns
    -------
    list of Path
        The notebooks executed.

    Raises
    ------
    NotebookError
        At the first failing cell; the notebooks before it are refreshed,
        the failing one is left as it was.
    FileNotFoundError
        If no notebook matches.

    Examples
    --------
    Refreshing rewrites the committed notebooks, so this example is not run by the tests::

        refresh_notebooks()
        # [1/4] 01-escalation-timeline ... 6.1 s
    """
    paths = find_notebooks(folder, pattern=pattern)
    for number, path in enumerate(paths, start=1):
        run_with_progress(number, len(paths), path, lambda p=path: execute_notebook(p))
    return paths


def find_notebooks(folder: str | Path = NOTEBOOK_DIR, *, pattern: str = NOTEBOOK_PATTERN) -> list[Path]:
    """List the report's notebooks in reading order.

    Parameters
    ----------
    folder : str or Path, default the project's ``notebooks/``
        The folder holding the notebooks.
    pattern : str, default ``"[0-9][0-9]-*.ipynb"``
        Glob pattern of the notebooks to include.

    Returns
    -------
    list of Path
        Matching notebooks sorted by name (their number gives the order).

    Raises
    ------
    FileNotFoundError
        If the folder holds no matching notebook.

    Examples
    --------
    >>> find_notebooks()[0].name
    '01-escalation-timeline.ipynb'
    """
    folder = Path(folder)
    paths = sorted(p for p in folder.glob(pattern) if p.is_file())
    if not paths:
        raise FileNotFoundError(f"no notebook matching {pattern!r} in {folder}")
    return paths


def run_with_progress(number: int, total: int, path: Path, run: Any) -> Any:
    """Call ``run()``, printing ``[number/total] name ... 2.1 s`` (or ``failed after``) around it."""
    print(f"[{number}/{total}] {path.stem} ...", end=" ", flush=True)
    started = time.perf_counter()
    try:
        result = run()
    except NotebookError:
        print(f"failed after {time.perf_counter() - started:.1f} s", flush=True)
        raise
    print(f"{time.perf_counter() - started:.1f} s", flush=True)
    return result

