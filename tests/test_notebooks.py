"""The committed notebooks: stored as a fresh run writes them, and rendered to a self-contained report.

nbval executes every committed notebook once per test run and checks that
each cell gives the stored outputs, figures included (conftest.py beside
pyproject.toml lets it compare PNGs by their SHA-256). The tests here need
no kernel: they check what nbval does not (metadata, cell ids and execution
counts as a fresh run in place writes them) and render the notebooks as
committed to the report, which the browser test then opens.
"""

from __future__ import annotations

import re
from pathlib import Path

import markupsafe
import nbformat
import pytest
from report_support import committed_report, live_markup

from analysis.report.execute import NOTEBOOK_DIR, NOTEBOOK_PATTERN, clean_metadata, find_notebooks, read_notebook
from analysis.report.render import render_report
from analysis.report.safety import find_remote_references
from analysis.report.summary import notebook_summary

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`

COMMITTED = sorted(NOTEBOOK_DIR.glob(NOTEBOOK_PATTERN))
REFRESH = "python -m analysis.report --refresh-notebooks"


def test_the_notebooks_are_numbered_in_reading_order_from_01():
    """``01-escalation-timeline.ipynb``, ``02-...``: numbered without gaps, lowercase words joined by hyphens."""
    names = [path.name for path in COMMITTED]
    assert names, f"no notebook matching {NOTEBOOK_PATTERN} in {NOTEBOOK_DIR}"
    assert all(re.fullmatch(r"\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", name) for name in names), names
    assert [int(name[:2]) for name in names] == list(range(1, len(names) + 1)), names


@pytest.mark.parametrize("path", COMMITTED, ids=[p.name for p in COMMITTED])
def test_a_notebook_is_stored_as_a_fresh_run_in_place_writes_it(path):
    nb = read_notebook(path)
    counts = [cell.execution_count for cell in nb.cells if cell.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1)), f"{path.name}: run every cell once, in order: `{REFRESH}`"
    written = nbformat.writes(clean_metadata(nb))
    assert path.read_text(encoding="utf-8") == written + "\n", (
        f"{path.name} holds metadata, ids or formatting that `{REFRESH}` would not write")


def test_the_page_of_compare_is_stored_without_outputs_and_left_out_of_the_default_runs():
    """notebooks/compare/ holds the page built only with COMPARE: it needs an export, so it is stored unexecuted
    (nbval leaves it out: conftest.py; tests/report/test_story_pages.py builds it once), and neither the default
    report nor ``--refresh-notebooks`` runs it."""
    (path,) = sorted((NOTEBOOK_DIR / "compare").glob("*.ipynb"))
    nb = read_notebook(path)
    assert all(cell.get("outputs", []) == [] and cell.get("execution_count") is None for cell in nb.cells)
    assert path.read_text(encoding="utf-8") == nbformat.writes(clean_metadata(nb)) + "\n"
    assert re.fullmatch(r"\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", path.name) and int(path.name[:2]) == len(COMMITTED) + 1
    assert path not in find_notebooks(NOTEBOOK_DIR) and path not in find_notebooks(NOTEBOOK_DIR, pattern="*.ipynb")
    assert 'collect_ignore = ["notebooks/compare"]' in (NOTEBOOK_DIR.parent / "conftest.py").read_text(encoding="utf-8")


def test_rendering_twice_gives_identical_html(tmp_path, tmp_path_factory):
    built = committed_report(tmp_path_factory)
    again = render_report(built.sources, tmp_path / "again")
    assert again.read_bytes() == built.index.read_bytes()
    for source in built.sources:
        page = f"{source.stem}.html"
        assert (tmp_path / "again" / page).read_bytes() == (built.out / page).read_bytes(), page


def test_committed_report_pages_are_self_contained_and_summarised(tmp_path_factory):
    built = committed_report(tmp_path_factory)
    index = built.index.read_text(encoding="utf-8")
    for source in built.sources:
        page = (built.out / f"{source.stem}.html").read_text(encoding="utf-8")
        assert find_remote_references(page) == [], source.name
        assert live_markup(page) == [], source.name
        heading, sentence = notebook_summary(nbformat.read(source, as_version=4))
        assert heading, f"{source.name} has no Markdown heading for the index"
        assert sentence, f"{source.name} has no sentence after its heading for the index"
        assert f"<h2>{markupsafe.escape(heading)}</h2>" in index
        assert f"<p>{markupsafe.escape(sentence)}</p>" in index


def test_every_report_notebook_writes_its_chart_headlines_as_page_text():
    """Every page's charts carry their headlines as text above the image (they reflow on a phone), the page built
    only with COMPARE included."""
    notebooks = sorted(Path(NOTEBOOK_DIR).glob("**/[0-9][0-9]-*.ipynb"))
    assert len(notebooks) == 5
    for path in notebooks:
        code = "".join(cell.source for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
        assert 'analysis.use_report_style(headlines="text")' in code, path.name
