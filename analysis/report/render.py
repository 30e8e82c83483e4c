"""Render executed notebooks as self-contained HTML pages, and the index page that lists them.

Every page is self-contained: figures are embedded as data URIs, nothing is
loaded from the network, and a Content Security Policy forbids scripts and
any resource not embedded in the page (:mod:`analysis.report.safety`). The
same notebooks give byte-identical HTML.
"""

from __future__ import annotations

import copy
import functools
import html
import itertools
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import nbformat

from .execute import clean_metadata, read_notebook, without_default_only
from .inputs import DATA_FILES, DROPPED_FILE
from .options import BY_NAME, PAGES, is_default_run
from .safety import POLICY_PLACEHOLDER, find_remote_references, with_policy
from .summary import PageCard, briefly, describe_parameters, notebook_summary, page_card, window_is_empty

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
SEED_TITLE = "Rockets, strikes and pull-backs: US forces and Iran-backed militias in Iraq, 2019-2020"


def render_report(
    notebooks: Sequence[str | Path],
    out: str | Path,
    *,
    parameters: Mapping[str, Any] | None = None,
    show_code: bool = False,
    dropped: int = 0,
) -> Path:
    """Render executed notebooks as HTML pages and an index page.

    Every page is self-contained: figures are embedded as data URIs, nothing
    is loaded from the network (no require.js, MathJax, fonts or CDN
    styles), and a Content Security Policy forbids scripts and any resource
    not embedded in the page. The same notebooks give byte-identical HTML.
    The index lists each notebook with its first heading, the first sentence
    after it and a thumbnail of its first figure; all text is escaped. A
    notebook run with parameters loses its cells tagged ``default-only``
    (prose true of the committed default run only), so its page and card
    start with the heading it wrote from its data; a page whose window
    holds no event shows only the words written from the data
    (:func:`only_what_the_window_holds`).

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
    dropped : int, default 0
        Rows of the data file that ``INVALID=drop`` left out, said on the index.

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
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     notebook = Path(folder) / "01-hello.ipynb"
    ...     nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Hello")]), notebook)
    ...     index = render_report([notebook], Path(folder) / "report")
    ...     sorted(path.name for path in index.parent.glob("*.html"))
    ['01-hello.html', 'index.html']
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    paths = [Path(p) for p in notebooks]
    loaded = [only_what_the_window_holds(without_default_only(clean_metadata(read_notebook(p)))) for p in paths]
    cards = [page_card(p, nb) for p, nb in zip(paths, loaded)]
    # the links between pages and the index's cards leave out the place and the window the report's title names
    scope = next((card.scope for card in cards if card.scope), None)
    short = [briefly(card, scope) for card in cards]
    exporter = _html_exporter(show_code=show_code)
    for position, (path, nb, card) in enumerate(zip(paths, loaded, cards)):
        nav = {
            "previous": _nav_link(short[position - 1]) if position > 0 else None,
            "next": _nav_link(short[position + 1]) if position + 1 < len(cards) else None,
        }
        page = render_page(nb, name=path.stem, title=card.title, exporter=exporter, nav=nav, folder=path.parent)
        _write_page(out / card.href, page)
    index = out / "index.html"
    _write_page(index, render_index(short, parameters=parameters, dropped=dropped))
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
    nb = without_empty_outputs(clean_metadata(copy.deepcopy(nb)))
    nb.metadata["title"] = title or notebook_summary(nb)[0] or name
    exporter = exporter or _html_exporter(show_code=False)
    resources = {
        "metadata": {"name": name, "path": str(folder or ".")},
        "report_csp": POLICY_PLACEHOLDER,
        "report_nav": dict(nav or {"previous": None, "next": None}),
    }
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    page = with_policy(page)
    remote = find_remote_references(page)
    if remote:
        raise ValueError(
            f"{name}: the page would load {remote[0]!r} from outside the report"
            f" ({len(remote)} remote reference(s)); embed the resource in the notebook instead"
        )
    return page


def only_what_the_window_holds(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Leave a page whose window holds no event (:func:`analysis.report.summary.window_is_empty`) with the words
    written from its data alone: its heading, which says the window is empty and where the data are, its dateline
    and what the data cannot tell. Its hand-written Markdown, which explains charts and tables, and its figures and
    tables, which show nothing, are left out. Any other notebook is returned as it is; the one given is not modified.

    Examples
    --------
    >>> from .words.common import CARD_METADATA, EMPTY_WINDOW
    >>> heading = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
    ...     "display_data", {"text/markdown": "# Nothing"}, metadata={CARD_METADATA: {EMPTY_WINDOW: True}})])
    >>> chart = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", {"image/png": "iVBO"})])
    >>> nb = nbformat.v4.new_notebook(cells=[heading, nbformat.v4.new_markdown_cell("## A chart"), chart])
    >>> [(c.cell_type, len(c.get("outputs", []))) for c in only_what_the_window_holds(nb).cells]
    [('code', 1), ('code', 0)]
    """
    if not window_is_empty(nb):
        return nb
    nb = copy.deepcopy(nb)
    nb.cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    for cell in nb.cells:
        cell.outputs = [output for output in cell.outputs if "text/markdown" in output.get("data", {})
                        or output.get("output_type") in ("stream", "error")]
    return nb


def without_empty_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Leave out the outputs that show nothing (every form of them empty: a table with nothing to list, whose page
    has said so), so no blank space stands where they were. The notebook is modified in place and returned.

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", {"text/html": ""}),
    ...                                           nbformat.v4.new_output("display_data", {"text/html": "<p>A</p>"})])
    >>> [o.data["text/html"] for o in without_empty_outputs(nbformat.v4.new_notebook(cells=[cell])).cells[0].outputs]
    ['<p>A</p>']
    """
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [output for output in cell.outputs
                            if output.get("output_type") not in ("display_data", "execute_result")
                            or any(str(value).strip() for value in output.get("data", {}).values())]
    return nb


def render_index(cards: Sequence[PageCard], *, parameters: Mapping[str, Any] | None = None, dropped: int = 0) -> str:
    """Render the index page listing the notebook pages.

    Parameters
    ----------
    cards : sequence of PageCard
        One card per page, in reading order.
    parameters : mapping or None, default None
        The parameters the notebooks ran with; listed under the dateline
        (the first page's, :attr:`PageCard.dateline`) when any is set.
    dropped : int, default 0
        Rows of the data file that ``INVALID=drop`` left out.

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
    given = dict(parameters or {})
    chosen = not is_default_run(given) or any(given.get(name) for name in PAGES.values())
    first = next((card for card in cards if card.dateline), None)
    settings = describe_parameters(parameters, dropped=dropped) if chosen or dropped else []
    invalid = BY_NAME["INVALID"].label
    return with_policy(template.render(
        title=next((card.report_title for card in cards if card.report_title), None) or _index_title(parameters),
        dateline=None if first is None else linked_parts(first.dateline, first.dateline_links),
        csp=POLICY_PLACEHOLDER,
        # the rows left out are listed in a file beside the report, linked as the pages link it
        parameters=[(label, linked_parts(text, _spans_of(text, DROPPED_FILE) if label == invalid and dropped else ()))
                    for label, text in settings],
        pages=cards,
    ))


def linked_parts(text: str, links: Sequence[tuple[int, int]] = ()) -> list[tuple[str, str | None]]:
    """Cut ``text`` into (part, link) pairs: each span of ``links`` that names a file beside the report
    (:data:`analysis.report.inputs.DATA_FILES`) links to it, every other part has None.

    Examples
    --------
    >>> linked_parts("2 rows; dropped.csv lists each", [(8, 19)])
    [('2 rows; ', None), ('dropped.csv', 'dropped.csv'), (' lists each', None)]
    >>> linked_parts("named <b>", [(0, 5)])  # not a file of the report: text
    [('named', None), (' <b>', None)]
    """
    parts, at = [], 0
    for start, end in sorted(links):
        if start < at or end > len(text):
            continue
        parts.append((text[at:start], None))
        name = text[start:end]
        parts.append((name, name if name in DATA_FILES else None))
        at = end
    parts.append((text[at:], None))
    return [(part, link) for part, link in parts if part]


def _spans_of(text: str, name: str) -> tuple[tuple[int, int], ...]:
    """The first place ``text`` (words with no value of a file in them) names ``name``."""
    start = text.find(name)
    return () if start < 0 else ((start, start + len(name)),)


def _index_title(parameters: Mapping[str, Any] | None) -> str:
    """Title the index when no page gives the report's title (an ACLED run's first dateline does): the data file's
    name; for the coded data, the seed title, or the window and area chosen.

    Examples
    --------
    >>> _index_title({"START": "2020-03-01", "END": "2020-04-30"})
    'The five coded reports, 2020-03-01 to 2020-04-30'
    """
    parameters = dict(parameters or {})
    if parameters.get("DATA"):
        return f"Conflict events in {Path(str(parameters['DATA'])).name}"
    chosen = {k: v for k, v in parameters.items() if v and k not in PAGES.values()}  # a page's option adds a page
    if not chosen:
        return SEED_TITLE
    window = f"{chosen.get('START', 'the first event')} to {chosen.get('END', 'the last event')}"
    where = f", {str(chosen['AREA']).replace(';', ', ')}" if "AREA" in chosen else ""
    return f"The five coded reports, {window}{where}"


def _nav_link(card: PageCard) -> dict[str, str]:
    return {"href": card.href, "title": card.title}


def markdown_output_html(source: str) -> str:
    """Render Markdown that a code cell displayed, as text: raw HTML and images are shown, never honoured.

    The notebooks display Markdown written from the data
    (:func:`analysis.report.story.tell`), whose values are escaped where
    they are written (:func:`analysis.text.markdown_text`); this keeps a
    page safe even from a value that was not. Markdown cells, written by
    hand, are rendered by nbconvert as usual.

    Examples
    --------
    >>> print(markdown_output_html('A <meta http-equiv="refresh"> and ![x](https://example.org/x.png)'))
    <p>A &lt;meta http-equiv=&quot;refresh&quot;&gt; and ![x](https://example.org/x.png)</p>
    <BLANKLINE>
    """
    return _output_markdown().render(source)


@functools.cache
def _output_markdown() -> Any:
    """nbconvert's Markdown parser with a renderer that escapes raw HTML and writes images as text (built once)."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    class TextImages(IPythonRenderer):
        def image(self, text: str, url: str, title: str | None = None) -> str:
            return self.text(f"![{text}]({url})")

    return MarkdownWithMath(renderer=TextImages(escape=True, allow_harmful_protocols=False))


_TABLE = re.compile(r"(<table\b[^>]*>)(.*?)(</table>)", re.S | re.I)
_ROW = re.compile(r"(<tr\b[^>]*>)(.*?)(</tr>)", re.S | re.I)
_CELL = re.compile(r"<(td|th)\b([^>]*)>(.*?)</\1>", re.S | re.I)


def labelled_tables(page: str) -> str:
    """Give every body cell of a table its column's name, ``data-label``, for the cards a narrow screen shows.

    Under 600 px the pages show each row of a table as a card, each value
    under its column's name (the page's style writes ``data-label`` before
    the value). The names are the header cells' text, as escaped as they
    were; a cell that already has a label, or a table without a header
    row, is left as it is. A name that explains itself in brackets
    ("expected (an event known only to a range of days counts a share...)")
    also gives its first words, ``data-short``: the first card shows the
    whole name, the others the short one, so that the explanation is not
    repeated on every card.

    Examples
    --------
    >>> labelled_tables('<table><thead><tr><th>a &amp; b</th><th>c (d)</th></tr></thead>'
    ...                 '<tbody><tr><td>1</td><td style="x">2</td></tr></tbody></table>')
    '<table><thead><tr><th>a &amp; b</th><th>c (d)</th></tr></thead><tbody><tr><td data-label="a &amp; b">1</td><td data-label="c (d)" data-short="c" style="x">2</td></tr></tbody></table>'
    """
    def table(match: re.Match[str]) -> str:
        inner = match.group(2)
        head = re.search(r"<thead\b[^>]*>(.*?)</thead>", inner, re.S | re.I)
        if head is None:
            return match.group(0)
        names = [re.sub(r"<[^>]+>", "", cell.group(3)).strip() for cell in _CELL.finditer(head.group(1))]

        def row(found: re.Match[str]) -> str:
            position = itertools.count()

            def cell(c: re.Match[str]) -> str:
                i = next(position)
                if c.group(1).lower() != "td" or i >= len(names) or "data-label" in c.group(2):
                    return c.group(0)
                name = html.unescape(names[i])
                label = html.escape(name, quote=True)
                first = name.split(" (", 1)[0].strip()
                short = f' data-short="{html.escape(first, quote=True)}"' if first and first != name else ""
                return f'<td data-label="{label}"{short}{c.group(2)}>{c.group(3)}</td>'

            return found.group(1) + _CELL.sub(cell, found.group(2)) + found.group(3)

        body_start = head.end()
        return match.group(1) + inner[:body_start] + _ROW.sub(row, inner[body_start:]) + match.group(3)

    return _TABLE.sub(table, page)


def _html_exporter(*, show_code: bool) -> Any:
    from nbconvert import HTMLExporter

    return HTMLExporter(
        filters={"markdown_output_html": markdown_output_html, "labelled_tables": labelled_tables},
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

