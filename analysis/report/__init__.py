"""Execute the notebooks and render them as a self-contained HTML report.

Run it from the command line::

    python -m analysis.report --out build/report [--data D] [--start S] [--end E] [--area A]
    python -m analysis.report --refresh-notebooks

The first form executes every ``notebooks/NN-*.ipynb`` in reading order, each
in a fresh kernel, and writes one HTML page per notebook plus ``index.html``.
The second re-executes the committed notebooks in place (this is how their
stored outputs are refreshed). Both stop at the first failing cell with a
short message naming the notebook, the cell and the error.
"""

from __future__ import annotations

import argparse
import base64
import copy
import datetime as dt
import io
import json
import re
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nbformat

PROJECT_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
NOTEBOOK_PATTERN = "[0-9][0-9]-*.ipynb"
PARAMETER_NAMES = ("DATA", "START", "END", "AREA")
SEED_TITLE = "Rockets, strikes and pull-backs: US forces and Iran-backed militias in Iraq, 2019-2020"
THUMBNAIL_WIDTH = 360  # CSS pixels; the image is stored at twice that

# Metadata written by execution tools that changes from run to run (timings,
# papermill's paths and parameters, widget state, editor extensions).
_VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets", "execution")
_VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime", "widgets")


class NotebookError(RuntimeError):
    """A notebook cell raised an error while the notebook was executed.

    The message is short: the notebook, the cell (index and first line of its
    source) and the error, never the whole traceback. The facts are kept as
    attributes: ``notebook``, ``cell_index``, ``first_line``, ``ename``,
    ``evalue``.
    """

    def __init__(self, notebook: str, cell_index: int | None, first_line: str, ename: str, evalue: str) -> None:
        self.notebook = notebook
        self.cell_index = cell_index
        self.first_line = first_line
        self.ename = ename
        self.evalue = evalue
        where = "before any cell ran" if cell_index is None else f"in cell {cell_index} ({first_line!r})"
        super().__init__(f"{notebook} failed {where}: {ename}: {evalue}".rstrip(": "))


# --------------------------------------------------------------------------
# Executing notebooks
# --------------------------------------------------------------------------


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
    >>> nb = read_notebook("notebooks/01-escalation-timeline.ipynb")  # doctest: +SKIP
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    if raw.get("nbformat") == 4 and raw.get("nbformat_minor", 0) >= 5:
        for index, cell in enumerate(raw.get("cells", [])):
            cell.setdefault("id", f"cell-{index}")
    return nbformat.reads(json.dumps(raw), as_version=4)


def inject_parameters(nb: nbformat.NotebookNode, parameters: Mapping[str, Any]) -> nbformat.NotebookNode:
    """Insert papermill's parameter cell after the cell tagged ``parameters``.

    The cell is written by papermill's Python translator and tagged
    ``injected-parameters``, as papermill does, but with a fixed id so the
    same parameters always give the same notebook. An earlier injected cell
    is replaced.

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
    from papermill.translators import translate_parameters

    nb = copy.deepcopy(nb)
    kernel = nb.metadata.get("kernelspec", {}).get("name", "python3")
    language = nb.metadata.get("kernelspec", {}).get("language") or nb.metadata.get("language_info", {}).get(
        "name", "python"
    )
    cell = nbformat.v4.new_code_cell(source=translate_parameters(kernel, language, dict(parameters), "Parameters"))
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
    injected by papermill after the cell tagged ``parameters``; with none,
    the notebook runs exactly as committed. Outputs and execution counts are
    kept; volatile metadata is removed (see ``clean_metadata``). Stream
    outputs are merged so that how the kernel split its writes does not
    change the file. When a cell fails, nothing is written in place; with an
    ``output_path``, the partly executed notebook is written there to help
    find the problem.

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
        If a cell raises; the message names the notebook, the cell index
        (0-based, counting every cell of the file as committed), its first
        line and the error.

    Examples
    --------
    >>> execute_notebook("notebooks/01-escalation-timeline.ipynb")  # doctest: +SKIP
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


def _write_notebook(nb: nbformat.NotebookNode, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def refresh_notebooks(folder: str | Path = NOTEBOOK_DIR, *, pattern: str = "*.ipynb") -> list[Path]:
    """Re-execute every notebook of a folder in place, each in a fresh kernel.

    Parameters
    ----------
    folder : str or Path, default the project's ``notebooks/``
        The folder holding the notebooks.
    pattern : str, default "*.ipynb"
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
    >>> refresh_notebooks()  # doctest: +SKIP
    [1/4] 01-escalation-timeline ... 6.1 s
    """
    paths = find_notebooks(folder, pattern=pattern)
    for number, path in enumerate(paths, start=1):
        _run_with_progress(number, len(paths), path, lambda p=path: execute_notebook(p))
    return paths


def find_notebooks(folder: str | Path = NOTEBOOK_DIR, *, pattern: str = NOTEBOOK_PATTERN) -> list[Path]:
    """List the report's notebooks in reading order.

    Parameters
    ----------
    folder : str or Path, default the project's ``notebooks/``
        The folder holding the notebooks.
    pattern : str, default "[0-9][0-9]-*.ipynb"
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
    >>> [p.name for p in find_notebooks()]  # doctest: +SKIP
    ['01-escalation-timeline.ipynb', '02-attack-frequency.ipynb', ...]
    """
    folder = Path(folder)
    paths = sorted(p for p in folder.glob(pattern) if p.is_file())
    if not paths:
        raise FileNotFoundError(f"no notebook matching {pattern!r} in {folder}")
    return paths


def _run_with_progress(number: int, total: int, path: Path, run: Any) -> Any:
    print(f"[{number}/{total}] {path.stem} ...", end=" ", flush=True)
    started = time.perf_counter()
    try:
        result = run()
    except NotebookError:
        print(f"failed after {time.perf_counter() - started:.1f} s", flush=True)
        raise
    print(f"{time.perf_counter() - started:.1f} s", flush=True)
    return result


# --------------------------------------------------------------------------
# Rendering the report
# --------------------------------------------------------------------------

#: The policy of every page: no script at all, and images, styles and fonts
#: only from inside the page, so a page can never fetch anything.
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


@dataclass(frozen=True)
class PageCard:
    """What the index shows of one notebook page."""

    number: str
    href: str
    title: str
    summary: str
    thumbnail: str | None
    thumbnail_width: int | None
    thumbnail_height: int | None


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
        "2019-10-01"}``; papermill injects them after each notebook's
        ``parameters`` cell.
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
    for number, source in enumerate(sources, start=1):
        target = out / "notebooks" / source.name
        _run_with_progress(
            number,
            len(sources),
            source,
            lambda s=source, t=target: execute_notebook(
                s, parameters=parameters, cwd=s.resolve().parent, output_path=t, timeout=timeout
            ),
        )
        executed.append(target)
    return render_report(executed, out, parameters=parameters, show_code=show_code)


def render_report(
    notebooks: Sequence[str | Path],
    out: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    show_code: bool = False,
) -> Path:
    """Render executed notebooks as HTML pages and an index page.

    Every page is self-contained: figures are embedded as data URIs, nothing
    is loaded from the network (no require.js, MathJax, fonts or CDN
    styles), and a Content Security Policy forbids scripts and any resource
    not embedded in the page. The same notebooks give byte-identical HTML.
    The index lists each notebook with its first heading, the first sentence
    after it and a thumbnail of its first figure; all text is escaped.

    Parameters
    ----------
    notebooks : sequence of str or Path
        Executed notebooks, in reading order.
    out : str or Path
        The output folder; pages are named after the notebooks
        (``01-escalation-timeline.html``) and the index is ``index.html``.
    parameters : mapping or None, default None
        The parameters the notebooks ran with, listed on the index page
        (a data file by its name only).
    show_code : bool, default False
        Show the code cells in the pages.

    Returns
    -------
    Path
        The index page.

    Raises
    ------
    ValueError
        If a rendered page would reference a remote resource (a notebook
        output loading an image, style or script from a URL).

    Examples
    --------
    >>> render_report(["notebooks/01-escalation-timeline.ipynb"], "build/report")  # doctest: +SKIP
    PosixPath('build/report/index.html')
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in notebooks]
    loaded = [clean_metadata(read_notebook(p)) for p in paths]
    cards = [_card(p, nb) for p, nb in zip(paths, loaded)]
    exporter = _html_exporter(show_code=show_code)
    for position, (path, nb, card) in enumerate(zip(paths, loaded, cards)):
        nav = {
            "previous": _nav_link(cards[position - 1]) if position > 0 else None,
            "next": _nav_link(cards[position + 1]) if position + 1 < len(cards) else None,
        }
        page = render_page(nb, name=path.stem, title=card.title, exporter=exporter, nav=nav, folder=path.parent)
        _write_page(out / card.href, page)
    index = out / "index.html"
    _write_page(index, render_index(cards, parameters=parameters))
    return index


def render_page(
    nb: nbformat.NotebookNode,
    *,
    name: str,
    title: str | None = None,
    exporter: Any = None,
    nav: Mapping[str, Any] | None = None,
    folder: str | Path | None = None,
) -> str:
    """Render one executed notebook as a self-contained HTML page.

    Parameters
    ----------
    nb : NotebookNode
        The executed notebook (not modified).
    name : str
        The notebook's name (used as title when it has no heading).
    title : str or None, default None
        The page title; None for the notebook's first heading.
    exporter : HTMLExporter or None, default None
        A configured exporter; None for the report's (code hidden).
    nav : mapping or None, default None
        ``{"previous": {"href", "title"} or None, "next": ...}`` links
        shown under the back-to-index link.
    folder : str, Path or None, default None
        The notebook's folder, for images its Markdown cells embed.

    Returns
    -------
    str
        The HTML page.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hello")])
    >>> "<title>Hello</title>" in render_page(nb, name="hello")
    True
    """
    nb = clean_metadata(copy.deepcopy(nb))
    nb.metadata["title"] = title or notebook_summary(nb)[0] or name
    exporter = exporter or _html_exporter(show_code=False)
    resources = {
        "metadata": {"name": name, "path": str(folder or ".")},
        "report_csp": REPORT_CSP,
        "report_nav": dict(nav or {"previous": None, "next": None}),
    }
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    remote = find_remote_references(page)
    if remote:
        raise ValueError(
            f"{name}: the page would load {remote[0]!r} from outside the report"
            f" ({len(remote)} remote reference(s)); embed the resource in the notebook instead"
        )
    return page


def render_index(cards: Sequence[PageCard], *, parameters: Mapping[str, Any] | None = None) -> str:
    """Render the index page listing the notebook pages.

    Parameters
    ----------
    cards : sequence of PageCard
        One card per page, in reading order.
    parameters : mapping or None, default None
        The parameters the notebooks ran with.

    Returns
    -------
    str
        The HTML page; every text is escaped.

    Examples
    --------
    >>> card = PageCard("01", "01-a.html", "A <b>", "First.", None, None, None)
    >>> "A &lt;b&gt;" in render_index([card])
    True
    """
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=True,
        keep_trailing_newline=True,
    )
    template = environment.get_template("report_index.html.j2")
    data = (parameters or {}).get("DATA")
    return template.render(
        title=f"Conflict events in {Path(str(data)).name}" if data else SEED_TITLE,
        lead="Each page below was made by executing one notebook of the project in a fresh kernel.",
        csp=REPORT_CSP,
        parameters=describe_parameters(parameters),
        pages=cards,
    )


def describe_parameters(parameters: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """List the report's parameters as (label, value) pairs for a reader.

    A data file is named by its file name only, so the report does not
    depend on where the file sits on a disk.

    Parameters
    ----------
    parameters : mapping or None
        Notebook parameters (``DATA``, ``START``, ``END``, ``AREA``).

    Returns
    -------
    list of tuple of str
        Labels and values, the defaults spelled out.

    Examples
    --------
    >>> describe_parameters({"DATA": "/tmp/iraq.csv", "START": "2020-01-01"})[:2]
    [('Data', 'iraq.csv (ACLED export)'), ('From', '2020-01-01')]
    """
    parameters = dict(parameters or {})
    data = parameters.get("DATA")
    return [
        ("Data", f"{Path(str(data)).name} (ACLED export)" if data else "the coded events of the five source documents"),
        ("From", str(parameters.get("START") or "the first event")),
        ("To", str(parameters.get("END") or "the last event")),
        ("Area", str(parameters.get("AREA") or "all")),
    ]


def notebook_summary(nb: nbformat.NotebookNode) -> tuple[str, str]:
    """Find a notebook's first Markdown heading and the first sentence after it.

    Parameters
    ----------
    nb : NotebookNode
        The notebook.

    Returns
    -------
    tuple of str
        ``(heading, sentence)`` as plain text (Markdown markup removed, not
        yet HTML-escaped); empty strings when missing.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("# Attack *frequency*"),
    ...     nbformat.v4.new_markdown_cell("**The question.** How often did the U.S. bases come under fire? More."),
    ... ])
    >>> notebook_summary(nb)
    ('Attack frequency', 'How often did the U.S. bases come under fire?')
    """
    heading = ""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            lines = [line for line in block.strip().splitlines() if line.strip()]
            while lines and lines[0].lstrip().startswith("#"):
                if not heading:
                    heading = _plain_text(lines[0].lstrip().lstrip("#"))
                lines = lines[1:]
            if not lines or not heading or re.match(r"\s*(\||```|~~~|<|!\[|[-*+] |\d+\. |---)", lines[0]):
                continue
            # A bold run-in label ("**The question.** How many ...") is not the sentence.
            paragraph = re.sub(r"^\s*(\*\*|__)[^*_]{1,40}?[.:](\1)\s*", "", " ".join(lines))
            return heading, _first_sentence(_plain_text(paragraph))
    return heading, ""


_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "approx", "no", "mr", "mrs", "dr", "st", "gen", "lt", "col", "sgt"}


def _plain_text(markdown: str) -> str:
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(\*\*|__|\*)", "", text)
    text = re.sub(r"(?<!\w)_(.+?)_(?!\w)", r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def _first_sentence(text: str, limit: int = 300) -> str:
    for match in re.finditer(r"[.!?][\"'\u201d)\]]*(?=\s|$)", text):
        word = re.search(r"(\S+)$", text[: match.start()])
        token = word.group(1).lower().lstrip("(\"'\u201c") if word else ""
        if match.group(0)[0] == "." and (token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token)):
            continue  # "U.S.", "e.g." or an initial, not the end of a sentence
        text = text[: match.end()]
        break
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"
    return text


def _card(path: Path, nb: nbformat.NotebookNode) -> PageCard:
    heading, sentence = notebook_summary(nb)
    number = path.stem.split("-", 1)[0]
    thumbnail, width, height = _thumbnail(nb)
    return PageCard(
        number=number,
        href=quote(f"{path.stem}.html"),
        title=heading or path.stem,
        summary=sentence,
        thumbnail=thumbnail,
        thumbnail_width=width,
        thumbnail_height=height,
    )


def _nav_link(card: PageCard) -> dict[str, str]:
    return {"href": card.href, "title": card.title}


def _thumbnail(nb: nbformat.NotebookNode, width: int = 2 * THUMBNAIL_WIDTH) -> tuple[str | None, int | None, int | None]:
    """Scale the notebook's first PNG figure to a data URI (None when there is none)."""
    from PIL import Image

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png") if output.get("output_type") in {
                "display_data",
                "execute_result",
            } else None
            if not data:
                continue
            image = Image.open(io.BytesIO(base64.b64decode(data)))
            image.load()
            if image.width > width:
                height = max(1, round(image.height * width / image.width))
                image = image.resize((width, height), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
            # Shown at most 460 x 240 CSS pixels (the index card), sharp on dense screens.
            scale = min(1.0, 460 / image.width, 240 / image.height)
            return f"data:image/png;base64,{encoded}", round(image.width * scale), round(image.height * scale)
    return None, None, None


def _html_exporter(*, show_code: bool) -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="report",
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def _write_page(path: Path, page: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(page.encode("utf-8"))


class _ResourceFinder(HTMLParser):
    """Collect the URLs an HTML page would load (not the links it offers)."""

    _LOADING = {
        "script": ("src",),
        "img": ("src", "srcset"),
        "iframe": ("src",),
        "frame": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "audio": ("src",),
        "track": ("src",),
        "input": ("src",),
        "link": ("href",),
        "image": ("href", "xlink:href"),
        "use": ("href", "xlink:href"),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in self._LOADING.get(tag, ()):
            value = values.get(name)
            if value:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(",")) if name == "srcset" else (
                    self.urls.append(value.strip())
                )
        if values.get("style"):
            self.urls.extend(_css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(_css_urls(data))


def _css_urls(css: str) -> list[str]:
    found = re.findall(r"url\(\s*[\"']?([^\"')]+)", css)
    found += re.findall(r"@import\s+[\"']([^\"']+)", css)
    return [url.strip() for url in found]


def find_remote_references(page: str) -> list[str]:
    """List the URLs outside the page's folder that an HTML page would load.

    Scripts, images, frames, style sheets, and ``url()``/``@import`` in
    styles count; ordinary links (``<a href>``) do not, since following
    one is the reader's choice. Embedded ``data:`` URIs and relative paths
    inside the folder are fine.

    Parameters
    ----------
    page : str
        The HTML text.

    Returns
    -------
    list of str
        The remote URLs, in document order (empty for a self-contained page).

    Examples
    --------
    >>> find_remote_references('<script src="https://cdn.example/x.js"></script><a href="https://a.b">a</a>')
    ['https://cdn.example/x.js']
    """
    finder = _ResourceFinder()
    finder.feed(page)
    finder.close()
    remote = []
    for url in finder.urls:
        scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
        if url.startswith("//") or url.startswith("/") or url.startswith("..") or (
            scheme and scheme.group(1).lower() != "data"
        ):
            remote.append(url)
    return remote


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


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
