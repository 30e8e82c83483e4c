"""The README's "Using the package" example runs as written and gives the numbers the report gives."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

import analysis
from analysis.report import notebook_data

ROOT = Path(__file__).resolve().parents[1]


def _package_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("<!-- section: package -->\n", 1)[1].split("<!-- end section: package -->")[0]


def test_the_first_example_counts_the_passages_the_report_counts(close_figures):
    section = _package_section()
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    names: dict = {}
    exec(compile(example, "README.md (Using the package)", "exec"), names)  # noqa: S102 - the README's own code
    counted = notebook_data().reports  # what the sources page counts
    pd.testing.assert_frame_equal(names["attested"].reset_index(drop=True), counted.reset_index(drop=True))
    every, attested = names["data"].reports, names["attested"]
    # the prose after the example says what the passages left out change; its figures are these
    more = len(analysis.list_conflicts(every)) - len(analysis.list_conflicts(attested))
    assert more > 0 and f"{analysis.text.in_words(more)} more disputed claims" in section

    def told(reports, outlet):
        matrix = analysis.evidence_matrix(reports, names["data"].sources, names["data"].events)
        return matrix.loc[(matrix["rows"] > 0) & matrix["document"].str.startswith(outlet), "event_id"].nunique()

    stated = re.search(r"Military Times (\d+) instead of (\d+)", section)
    assert stated and (int(stated[1]), int(stated[2])) == (told(every, "Military Times"), told(attested, "Military Times"))
