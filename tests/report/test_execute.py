"""Executing notebooks: the parameter cell written for a run, and what counts as a failed cell."""

from __future__ import annotations

import keyword
import math

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.report.execute import NotebookError, _error_in_outputs, parameters_source

NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,11}", fullmatch=True).filter(lambda name: not keyword.iskeyword(name))
SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=10,
)


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
