"""The report's options, declared once: the notebooks, docs/report.md and the command line follow from the declaration."""

from __future__ import annotations

import ast
import datetime as dt
import inspect
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from analysis.report import __main__ as cli
from analysis.report.execute import NOTEBOOK_DIR, find_notebooks, inject_parameters, is_default_run, read_notebook
from analysis.report.inputs import notebook_data
from analysis.report.options import (
    CHECKED,
    COMPARE_CHECKED,
    OF_DATA,
    OPTIONS,
    PAGES,
    PARAMETERS,
    OptionError,
    check_together,
    from_environment,
    markdown_table,
    notebook_parameters,
    page_parameters,
    parameters_cell,
    read_parameter,
)
from analysis.report.options import is_default_run as options_default_run

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("path", find_notebooks(NOTEBOOK_DIR), ids=lambda p: p.stem)
def test_every_notebook_declares_the_parameters_and_passes_each_to_notebook_data(path):
    nb = read_notebook(path)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert cell.source == parameters_cell(), f"paste analysis.report.options.parameters_cell() into {path.name}"
    calls = [node for c in nb.cells if c.cell_type == "code" for node in ast.walk(ast.parse(c.source))
             if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) == "notebook_data"]
    (call,) = calls
    passed = {keyword.arg.upper(): keyword.value.id for keyword in call.keywords}
    passed["DATA"] = call.args[0].id
    assert passed == {name: name for name in (*PARAMETERS, CHECKED)}
    assert set(inspect.signature(notebook_data).parameters) == {name.lower() for name in (*PARAMETERS, CHECKED)}


def test_the_page_of_compare_declares_its_own_parameters_and_passes_them_on():
    """The notebook of COMPARE's page holds every page's parameters and its own; the export reaches only it."""
    (path,) = find_notebooks(NOTEBOOK_DIR / "compare")
    nb = read_notebook(path)
    (cell,) = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert cell.source == parameters_cell("compare") != parameters_cell()
    names = [line.split("=")[0].strip() for line in cell.source.splitlines()]
    assert names == [*PARAMETERS, "COMPARE", CHECKED, COMPARE_CHECKED]  # every page's, in their order, first
    calls = {getattr(node.func, "attr", getattr(node.func, "id", "")): node for c in nb.cells if c.cell_type == "code"
             for node in ast.walk(ast.parse(c.source)) if isinstance(node, ast.Call)}
    assert [a.id for a in calls["compared_export"].args] == ["COMPARE", "COMPARE_CHECKED"]
    assert {k.arg: k.value.id for k in calls["compare"].keywords} == {"area": "AREA"}
    assert {k.arg.upper() for k in calls["notebook_data"].keywords} | {"DATA"} == {*PARAMETERS, CHECKED}
    given = {"START": "2020-01-01", "COMPARE": "/x.csv", COMPARE_CHECKED: "/c.arrow", CHECKED: "/d.arrow"}
    assert page_parameters(given) == {"START": "2020-01-01", CHECKED: "/d.arrow"}
    assert page_parameters(given, "compare") == given
    assert "COMPARE" not in PARAMETERS and PAGES == {"compare": "COMPARE"}
    assert notebook_parameters({"COMPARE": Path("/x.csv")}) == {"COMPARE": "/x.csv"}
    assert options_default_run({"COMPARE": "/x.csv"}) is True  # the other pages run as committed


def test_the_readme_table_of_options_is_the_declaration():
    readme = (ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    assert markdown_table() in readme, "paste analysis.report.options.markdown_table() into docs/report.md"
    assert markdown_table().count("\n") == len(OPTIONS) + 1


def test_the_command_line_offers_every_option_with_its_help(capsys):
    with pytest.raises(SystemExit):
        cli._parser().parse_args(["--help"])
    usage = " ".join(capsys.readouterr().out.split())
    for option in OPTIONS:
        assert f"{option.flag} {option.metavar}" in usage and " ".join(option.help.split()) in usage


def test_from_environment_reads_the_declared_options_only():
    environ = {option.env: "x" for option in OPTIONS} | {"REPORT_NOTEBOOKS": "/elsewhere", "REPORT_TIMEOUT": "1"}
    assert from_environment(environ) == [f"{option.flag}=x" for option in OPTIONS]


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("AREA", "Baghdad; Kirkuk", ("Baghdad", "Kirkuk")),
    ("AREA", ["Baghdad", " Kirkuk "], ("Baghdad", "Kirkuk")),
    ("AREA", ("Baghdad",), ("Baghdad",)),
    ("AREA", "", None),
    ("AREA", [], None),
    ("START", "2020-03-01", dt.date(2020, 3, 1)),
    ("START", pd.Timestamp("2020-03-01 14:00"), dt.date(2020, 3, 1)),
    ("START", dt.date(2020, 3, 1), dt.date(2020, 3, 1)),
    ("ATTACKS", "us strike", ("US strike",)),
    ("TARGET", ["Military Forces of the United States (2017-2021)", "U.S. [Army]"],
     ("Military Forces of the United States (2017-2021)", "U.S. [Army]")),
    ("INVALID", "drop", "drop"),
    ("DAYFIRST", "true", True),
    ("DAYFIRST", " FALSE ", False),
    ("DAYFIRST", True, True),  # a notebook's cell set by hand, as load_acled's dayfirst is written
    ("DAYFIRST", False, False),
    ("DAYFIRST", "", None),
])
def test_a_notebook_parameter_is_read_as_its_option(name, value, expected):
    assert read_parameter(name, value) == expected


@pytest.mark.parametrize(("name", "value", "message"), [
    ("AREA", " ", "AREA: ' ' names nothing"),
    ("AREA", ["Baghdad", ""], "AREA: 'Baghdad;' has an empty name"),
    ("AREA", ["Baghdad;Kirkuk"], "AREA: a name holds ';'"),
    ("TARGET", "a|", "TARGET: 'a|': a name may not hold |; names are plain text, separated by ';'"),
    ("START", "2020-3-1", "START: '2020-3-1' is not a date written YYYY-MM-DD"),
    ("END", pd.Timestamp("2262-01-01"), "END: 2262-01-01 is outside 1900-01-01 to 2199-12-31"),
    ("INVALID", "ignore", "INVALID: 'ignore'; use 'raise' or 'drop'"),
    ("AREA", 5, "AREA: 5 is a int; give text"),
    ("DAYFIRST", "yes", "DAYFIRST: 'yes'; use 'true' or 'false' (true: day first, false: month first)"),
    ("DAYFIRST", 1, "DAYFIRST: 1 is a int; give text"),
    ("AREA", True, "AREA: True is a bool; give text"),  # only DAYFIRST is a yes or no
])
def test_a_notebook_parameter_is_refused_as_its_option(name, value, message):
    with pytest.raises(OptionError) as caught:
        read_parameter(name, value)
    assert str(caught.value).startswith(message)


@pytest.mark.parametrize("parameters", [
    {}, {"START": "2020-03-01"}, {"AREA": "Baghdad"}, {"ATTACKS": "US strike"},
    {"TARGET": "Military Forces of the United States"}, {"END": "2020-03-31", "AREA": "Baghdad;Al Anbar"},
])
def test_the_default_run_is_decided_in_one_place(parameters):
    """The builder's pages (the injected cell) and the notebook's words (notebook_data) agree, by the same rule."""
    expected = not parameters
    assert options_default_run(parameters) is expected
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("DATA = None")])
    nb.cells[0].metadata["tags"] = ["parameters"]
    executed = inject_parameters(nb, parameters) if parameters else nb
    assert is_default_run(executed) is expected
    arguments = {name.lower(): value for name, value in parameters.items()}
    assert notebook_data(**arguments).is_default is expected


def test_a_default_value_given_is_still_the_default_run():
    assert options_default_run({"INVALID": "raise", "AREA": "", "TARGET": []})
    assert notebook_parameters({"INVALID": "raise", "START": None, "OUT": Path("x")}) == {}


@pytest.mark.parametrize("order", [True, False])
def test_dayfirst_reaches_the_notebooks_as_its_text_and_is_read_back(order):
    """DAYFIRST=false is given, not left out as a false value would be; the injected text reads back as the value."""
    injected = notebook_parameters({"DATA": Path("/x.csv"), "DAYFIRST": order})
    assert injected == {"DATA": "/x.csv", "DAYFIRST": "true" if order else "false"}
    assert read_parameter("DAYFIRST", injected["DAYFIRST"]) is order
    assert not options_default_run(injected)


@pytest.mark.parametrize("name", OF_DATA)
def test_an_option_of_the_data_file_goes_with_a_file_it_reads(name):
    """INVALID reads the file of DATA alone; DAYFIRST reads the export of COMPARE too, as it reads DATA."""
    assert OF_DATA == ("INVALID", "DAYFIRST")
    value = read_parameter(name, {"INVALID": "drop", "DAYFIRST": "true"}[name])
    files = {"INVALID": "--data", "DAYFIRST": "--data or --compare"}[name]
    with pytest.raises(OptionError, match=f"^--{name.lower()} applies to an ACLED file: give {files} too$"):
        check_together({name: value})
    if name == "INVALID":
        with pytest.raises(OptionError, match="^--invalid applies to an ACLED file"):
            check_together({name: value, "COMPARE": Path("/x.csv")})  # not to the export of COMPARE
    else:
        check_together({name: value, "COMPARE": Path("/x.csv")})
        # how the export of COMPARE reads leaves the coded pages the committed default run
        assert options_default_run({name: "true"}) and not options_default_run({name: "true", "DATA": "/x.csv"})
    check_together({name: value, "DATA": Path("/x.csv")})


def test_every_usage_line_names_every_option():
    """The command's usage in docs/report.md and in the module's docstring list the options by hand: all of them."""
    docs = " ".join((ROOT / "docs" / "report.md").read_text(encoding="utf-8").split())
    usage = docs[docs.index("`python -m analysis.report --out build/report"):]
    usage = usage[:usage.index("`", 1)]
    docstring = " ".join(cli.__doc__.split())
    for option in OPTIONS:
        assert f"[{option.flag} " in usage or option.name == "OUT", option.name
        assert f"[{option.flag} " in docstring, option.name


def test_the_help_of_attacks_names_the_default_acled_attacks():
    """The help is written without importing pandas; this keeps it true to analysis.stats.selection."""
    from analysis.stats.targets import DEFAULT_ACLED_ATTACKS

    help_text = next(option.help for option in OPTIONS if option.name == "ATTACKS")
    assert f"for DATA, {' and '.join(DEFAULT_ACLED_ATTACKS)})" in help_text
