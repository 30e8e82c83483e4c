"""Executing notebooks: the parameter cell written for a run."""

from __future__ import annotations

import keyword
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.report.execute import parameters_source

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
