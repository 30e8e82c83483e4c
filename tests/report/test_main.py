"""The command line: options become parameters, bad options are refused, a failing cell stops the build."""

from __future__ import annotations

import runpy
import sys

import nbformat
import pandas as pd
import pytest
from acled_files import write_acled
from report_support import make_notebook, run_main
from test_inputs import ambiguous_export, damaged_export

from analysis.report.__main__ import main

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`


def test_a_failing_cell_stops_the_build_naming_notebook_cell_and_error(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-fine.ipynb", "# Fine", "x = 1")
    make_notebook(notebooks / "02-broken.ipynb", "# Broken", "rates = {}", "total = 1 / 0\nprint(total)")
    make_notebook(notebooks / "03-after.ipynb", "# After", "y = 2")
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("the previous report", encoding="utf-8")
    status = main(["--notebooks", str(notebooks), "--out", str(out)])
    printed = capsys.readouterr()
    assert status == 1
    assert "[2/3] 02-broken ... failed after" in printed.out
    assert "03-after" not in printed.out  # stopped at the failure
    kept = tmp_path / "out.failed" / "02-broken.ipynb"
    assert printed.err == (
        "error: 02-broken failed in cell 3 ('total = 1 / 0'): ZeroDivisionError: division by zero"
        f" (the executed notebook: {kept})\n"
    )
    assert [p.name for p in out.iterdir()] == ["index.html"]  # the previous report, untouched
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous report"
    partial = nbformat.read(kept, as_version=4)
    assert partial.cells[3].outputs[0]["ename"] == "ZeroDivisionError"


def test_an_error_shown_in_an_output_fails_the_build(tmp_path, capsys):
    """A figure that cannot be drawn does not stop its cell: IPython shows the traceback as an output and goes on."""
    notebooks = tmp_path / "notebooks"
    make_notebook(
        notebooks / "01-formula.ipynb", "# A title from the data",
        "import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.set_title(r'Attacks in $\\frac{1}{$')",
        "print('after the figure')",
    )
    assert run_main(["--notebooks", str(notebooks), "--out", str(tmp_path / "out")]) == 1
    message = capsys.readouterr().err
    assert message.startswith("error: 01-formula failed in cell 2 ('import matplotlib.pyplot as plt'): ValueError: ")
    assert message.count("\n") == 1 and "Traceback" not in message and "site-packages" not in message
    assert not (tmp_path / "out").exists()
    executed = nbformat.read(tmp_path / "out.failed" / "01-formula.ipynb", as_version=4)
    assert [o["output_type"] for o in executed.cells[2].outputs].count("error") >= 1
    assert executed.cells[3].outputs[0]["text"] == "after the figure\n"  # the run had gone on


def test_options_are_injected_as_parameters_after_the_parameters_cell(tmp_path, monkeypatch, capsys):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-show.ipynb", "# Parameters", "print(repr(DATA), START, END, AREA)",
                  "print(ATTACKS, '/', TARGET)", "print(CHECKED is not None and CHECKED.endswith('checked-events.arrow'))")
    write_acled(tmp_path / "export.csv", 40)
    monkeypatch.chdir(tmp_path)
    status = main([
        "--notebooks", str(notebooks), "--out", "out", "--data", "export.csv",
        "--start", "2025-01-01", "--end", "2026-03-31", "--area", "Region A",
        "--attacks", "Armed clash;Shelling/artillery/missile attack", "--target", "United States;Al Shabaab",
    ])  # fmt: skip
    assert status == 0, capsys.readouterr().err
    executed = nbformat.read(tmp_path / "out" / "notebooks" / "01-show.ipynb", as_version=4)
    assert executed.cells[1].metadata["tags"] == ["parameters"]
    assert executed.cells[2].metadata["tags"] == ["injected-parameters"]
    data = str((tmp_path / "export.csv").resolve())
    assert executed.cells[3].outputs[0]["text"] == f"{data!r} 2025-01-01 2026-03-31 Region A\n"
    assert executed.cells[4].outputs[0]["text"] == (
        "Armed clash;Shelling/artillery/missile attack / United States;Al Shabaab\n")
    assert executed.cells[5].outputs[0]["text"] == "True\n"  # the checked copy, removed when the build ended
    assert not list(tmp_path.glob(".out.checked*"))
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "export.csv (ACLED export)" in index and str(tmp_path) not in index
    assert "1 January 2025" in index and "31 March 2026" in index and "Region A" in index and "United States;Al Shabaab" in index


def test_bad_options_are_refused_before_anything_runs(tmp_path, capsys):
    with pytest.raises(SystemExit) as caught:
        main(["--notebooks", str(tmp_path), "--out", str(tmp_path / "out"), "--start", "2020-02-30"])
    assert caught.value.code == 2 and "'2020-02-30' is not a date written YYYY-MM-DD" in capsys.readouterr().err
    assert run_main(["--out", str(tmp_path / "out"), "--data", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: no such file" in capsys.readouterr().err
    assert main(["--notebooks", str(tmp_path), "--out", str(tmp_path / "out"), "--start", "2020-03-01",
                 "--end", "2020-02-01"]) == 2
    assert "--start 2020-03-01 is after --end 2020-02-01" in capsys.readouterr().err
    assert main(["--notebooks", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "no notebook matching" in capsys.readouterr().err
    assert run_main(["--notebooks", str(tmp_path), "--out", str(tmp_path / "out"), "--attacks", "Bombing"]) == 2
    assert "error: argument --attacks: 'Bombing' is not an ACLED event type" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_python_dash_m_runs_the_command_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["python -m analysis.report", "--help"])
    monkeypatch.delitem(sys.modules, "analysis.report.__main__", raising=False)  # run it afresh, as python -m does
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("analysis.report", run_name="__main__")  # what python -m analysis.report does
    assert caught.value.code == 0
    usage = capsys.readouterr().out
    assert usage.startswith("usage: python -m analysis.report") and "--refresh-notebooks" in usage


def test_a_damaged_file_is_refused_once_before_any_notebook_with_the_loaders_first_problem(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-never.ipynb", "# Never", "print('ran')")
    path = damaged_export(tmp_path / "damaged.csv")
    status = run_main(["--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--data", str(path)])
    printed = capsys.readouterr()
    assert status == 2 and printed.out == "" and not (tmp_path / "out").exists()
    assert printed.err == (
        f"error: {path}: 2 problems, the first: line 4, column 'event_date': '2025-02-30' is not a real day in a form"
        " ACLED exports or spreadsheets write (2020-12-31, 31 December 2020, 31-Dec-20, 9-May-20, 31-12-20,"
        " 31/12/2020, 12/31/2020) from 1900-01-01 to 2199-12-31"
        " (--invalid drop would leave out 2 rows that break a rule and keep 28 events)\n")
    # a file whose dates cannot tell their order: the report's option is named, not --invalid drop
    path = ambiguous_export(tmp_path / "resaved.csv")
    for given in ([], ["--invalid", "drop"]):
        assert run_main(["--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--data", str(path),
                         *given]) == 2
        printed = capsys.readouterr()
        assert printed.err.startswith(f"error: {path}, line 1, column 'event_date': is ambiguous: ")
        assert printed.err.endswith(" (--dayfirst true reads its dates day first, --dayfirst false month first)\n")
        assert "--invalid" not in printed.err and printed.out == ""


def test_a_damaged_export_to_compare_with_is_refused_before_any_notebook_without_the_hint_of_invalid(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-never.ipynb", "# Never", "print('ran')")
    argv = ["--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--compare",
            str(damaged_export(tmp_path / "damaged.csv"))]
    assert run_main(argv) == 2  # no page for COMPARE in this folder of notebooks
    assert capsys.readouterr().err == f"error: no notebook matching '[0-9][0-9]-*.ipynb' in {notebooks / 'compare'}\n"
    make_notebook(notebooks / "compare" / "05-never.ipynb", "# Never", "print('ran')")
    status = run_main(argv)
    printed = capsys.readouterr()
    assert status == 2 and printed.out == "" and not (tmp_path / "out").exists()
    assert printed.err.startswith(f"error: {tmp_path / 'damaged.csv'}: 2 problems, the first: line 4")
    assert "--invalid" not in printed.err  # INVALID applies to DATA, not to the export of COMPARE


def test_a_name_that_matches_nothing_is_refused_before_any_notebook(tmp_path, capsys):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-never.ipynb", "# Never", "print('ran')")
    status = run_main(["--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--area", "Bagdad"])
    printed = capsys.readouterr()
    assert status == 2 and printed.out == "" and not (tmp_path / "out").exists()
    assert printed.err == ("error: AREA: 'Bagdad' matches no governorate (admin1) or country of the data;"
                           " did you mean 'Baghdad'?\n")


def test_invalid_drop_builds_from_the_copy_checked_once(tmp_path, capsys):
    """The kernel reads the build's checked copy: the loader is never called there, and the dropped rows are counted."""
    notebooks = tmp_path / "notebooks"
    make_notebook(
        notebooks / "01-count.ipynb", "# Count",
        "import analysis.report.inputs as inputs\ninputs.load_acled = None  # the file is not read again\n"
        "data = inputs.notebook_data(DATA, invalid=INVALID, checked=CHECKED)\nprint(data.summary())",
        "from analysis.report.story import Story, say\nsay(Story(data).dateline('timeline'))",
    )
    path = damaged_export(tmp_path / "damaged.csv")
    # a row left out names its place with markup: the page and the index show it as text
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace('"Region D"', '"<script>x</script> *D*"')  # line 4, left out for its 30 February
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = run_main(["--notebooks", str(notebooks), "--out", str(tmp_path / "out"), "--data", str(path),
                       "--invalid", "drop"])
    printed = capsys.readouterr()
    assert status == 0, printed.err
    assert printed.out.splitlines()[0] == "damaged.csv: 2 invalid rows left out (INVALID=drop), 28 events kept; dropped.csv beside the report lists them"
    executed = nbformat.read(tmp_path / "out" / "notebooks" / "01-count.ipynb", as_version=4)
    assert executed.cells[-2].outputs[0]["text"].startswith(
        "28 events from the ACLED file damaged.csv (2 invalid rows of the file left out)")
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    # the settings say it in words, with the file linked as the pages link it
    assert ('<dt>Rows that could not be read</dt><dd>2 rows left out of every count; <a href="dropped.csv">dropped.csv'
            '</a>, beside this report, lists each with its line and why</dd>') in index
    # the page's dateline says it, and the index, which opens with it, each with the link and what can still be read
    said = ("2 rows of damaged.csv could not be read as events (a value missing, or not written as ACLED writes it) "
            'and are left out of every count; <a href="dropped.csv">dropped.csv</a>, beside this report, lists each '
            "with its line and why. What can still be read of them: line 4: a protest with intervention in "
            "&lt;script&gt;x&lt;/script&gt; *D* (Somalia)")
    page = (tmp_path / "out" / "01-count.html").read_text(encoding="utf-8")
    assert said in index and said in page and "<em>D</em>" not in page
    assert "<script>x" not in page and "<script>x" not in index
    listed = pd.read_csv(tmp_path / "out" / "dropped.csv")
    assert listed["line"].tolist() == [4, 6] and listed["reasons"].str.contains("2025-02-30").iloc[0]
