"""Building the report: progress, one page per notebook, the executed notebooks."""

from __future__ import annotations

import re

import nbformat
import pytest
from report_support import sample_report

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_report(tmp_path_factory)


def test_build_reports_progress_and_writes_a_page_per_notebook(sample):
    lines = sample.stdout.splitlines()
    assert re.fullmatch(r"\[1/3\] 01-figure \.\.\. \d+\.\d s", lines[0])
    assert re.fullmatch(r"\[2/3\] 02-hostile-data \.\.\. \d+\.\d s", lines[1])
    assert re.fullmatch(r"\[3/3\] 03-prose \.\.\. \d+\.\d s", lines[2])
    assert lines[3].startswith("Report written to ")
    pages = sorted(p.name for p in sample.out.glob("*.html"))
    assert pages == ["01-figure.html", "02-hostile-data.html", "03-prose.html", "index.html"]
    executed = nbformat.read(sample.out / "notebooks" / "01-figure.ipynb", as_version=4)
    assert executed.cells[2].execution_count == 2
    assert "image/png" in executed.cells[2].outputs[0]["data"]


def test_without_parameters_nothing_is_injected(sample):
    source = nbformat.read(sample.notebooks / "01-figure.ipynb", as_version=4)
    executed = nbformat.read(sample.out / "notebooks" / "01-figure.ipynb", as_version=4)
    assert [c.source for c in executed.cells] == [c.source for c in source.cells]
    assert [c.id for c in executed.cells] == [c.id for c in source.cells]
