"""Executing notebooks: in place with stable bytes, short failures, stable cell ids, the parameter cell, and what counts as a failed cell."""

from __future__ import annotations

import json
import keyword
import math
import re

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st
from report_support import make_notebook

from analysis.report.__main__ import main
from analysis.report.execute import NotebookError, _error_in_outputs, execute_notebook, parameters_source, read_notebook

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,11}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name))
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=10,
)

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`


@given(parameters=st.dictionaries(NAMES, VALUES, max_size=5))
def test_running_the_parameter_cell_gives_back_the_values(parameters):
    namespace: dict = {}
    exec(parameters_source(parameters), namespace)
    assert {name: namespace[name] for name in parameters} == parameters


def test_the_cell_names_its_purpose_and_quotes_strings_as_papermill_did():
    assert parameters_source({"DATA": 'a "b".csv', "END": "2020-09-30"}) == (
        '# Parameters\nDATA = "a \\"b\\".csv"\nEND = "2020-09-30"\n')


@pytest.mark.parametrize(("parameters", "error"), [
    ({"not a name": 1}, ValueError), ({"class": 1}, ValueError), ({"X": math.inf}, ValueError),
    ({"X": {1, 2}}, TypeError),
])
def test_what_cannot_be_written_as_a_literal_is_refused(parameters, error):
    with pytest.raises(error):
        parameters_source(parameters)


# --- executing in place --------------------------------------------------------------


def test_refresh_executes_in_place_and_strips_volatile_metadata(tmp_path, capsys):
    path = make_notebook(tmp_path / "01-counts.ipynb", "# Counts", "for i in range(3):\n    print(i)", "{'a': 1}")
    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"duration": 1.2, "input_path": "/somewhere/else.ipynb"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells[2].metadata["execution"] = {"iopub.execute_input": "2024-01-01T00:00:00Z"}
    nb.cells[2].metadata["papermill"] = {"duration": 0.1, "status": "completed"}
    nbformat.write(nb, str(path))

    assert main(["--refresh-notebooks", "--notebooks", str(tmp_path)]) == 0
    assert re.match(r"\[1/1\] 01-counts \.\.\. \d+\.\d s", capsys.readouterr().out)
    refreshed = nbformat.read(path, as_version=4)
    assert "papermill" not in refreshed.metadata and "widgets" not in refreshed.metadata
    assert refreshed.cells[1].metadata == {"tags": ["parameters"]}
    assert refreshed.cells[2].metadata == {}
    assert refreshed.cells[2].outputs == [{"name": "stdout", "output_type": "stream", "text": "0\n1\n2\n"}]
    assert refreshed.cells[3].execution_count == 3
    assert refreshed.cells[3].outputs[0]["data"] == {"text/plain": "{'a': 1}"}
    first = path.read_bytes()
    execute_notebook(path)
    assert path.read_bytes() == first  # executing twice gives the same bytes


def test_refresh_leaves_a_failing_notebook_as_it_was(tmp_path):
    path = make_notebook(tmp_path / "01-broken.ipynb", "# Broken", "import missing_module_xyz")
    before = path.read_bytes()
    with pytest.raises(NotebookError) as caught:
        execute_notebook(path)
    assert caught.value.cell_index == 2
    assert caught.value.ename == "ModuleNotFoundError"
    assert path.read_bytes() == before


def test_notebook_without_cell_ids_gets_stable_ids(tmp_path):
    path = make_notebook(tmp_path / "01-ids.ipynb", "# Ids", "1 + 1")
    raw = json.loads(path.read_text(encoding="utf-8"))
    for cell in raw["cells"]:
        del cell["id"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    expected = ["cell-0", "cell-1", "cell-2"]
    assert [c.id for c in read_notebook(path).cells] == [c.id for c in read_notebook(path).cells] == expected
    execute_notebook(path, output_path=tmp_path / "executed.ipynb")
    assert [c.id for c in nbformat.read(tmp_path / "executed.ipynb", as_version=4).cells] == expected


def _executed(*outputs) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell("draw()", execution_count=1, outputs=list(outputs))
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# A"), cell])


@pytest.mark.parametrize(("output", "expected"), [
    (nbformat.v4.new_output("error", ename="ValueError", evalue="\n\\frac{1}{\n     ^\nParseSyntaxException: x",
                            traceback=["\x1b[0;31mValueError\x1b[0m  Traceback (most recent call last)", "..."]),
     "01-a failed in cell 1 ('draw()'): ValueError: \\frac{1}{ ^ ParseSyntaxException: x"),
    (nbformat.v4.new_output("stream", name="stderr", text="Traceback (most recent call last):\n  File \"x.py\"\n"
                                                          "KeyError: 'admin1'\n"),
     "01-a failed in cell 1 ('draw()'): traceback on standard error: KeyError: 'admin1'"),
])
def test_an_error_among_the_outputs_is_a_failure_of_one_line(output, expected):
    warning = nbformat.v4.new_output("stream", name="stderr", text="UserWarning: a warning is not an error\n")
    failure = _error_in_outputs("01-a", _executed(warning, output), injected=[])
    assert str(failure) == expected
    assert _error_in_outputs("01-a", _executed(warning), injected=[]) is None


def test_a_long_error_is_cut_short():
    failure = NotebookError("01-a", 1, "draw()", "ValueError", "x" * 5000 + "\x1b[0m")
    assert len(str(failure)) < 400 and str(failure).endswith("x…") and "\n" not in str(failure)
