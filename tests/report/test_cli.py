"""The report's command line and `make report`: every value reaches the program unchanged, checked before anything runs.

`make report` hands its options to ``python -m analysis.report --from-env``
through the environment; no shell and no make expansion ever reads a value.
The tests pass hostile values (shell commands in every quoting style, make
functions, newlines) and check that nothing runs, that each value arrives as
written, that the Makefile's own variables cannot be set from make's command
line, that the options' rules refuse what they should before any notebook
runs, and that a failing build exits non-zero.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from report_support import run_main

from analysis.report import __main__ as cli
from analysis.report import build
from analysis.report.options import OPTIONS

ROOT = Path(__file__).resolve().parents[2]
MAKEFILE = ROOT / "Makefile"

#: Values a shell or make would run or change if they read them.
HOSTILE = [
    'x"; touch pwned; echo "',
    "x'; touch pwned; echo '",
    "$(touch pwned)",
    "`touch pwned`",
    "$(shell touch pwned)",
    "$$(shell touch pwned)",
    "${HOME} $HOME $$HOME",
    "a\nb\"; touch pwned #",
    "a #comment; touch pwned",
    "back\\",
    "% * ? [x] ~ & | ; < >",
    "-starts-with-a-dash",
]


def make_report(cwd: Path, *assignments: str | bytes, python: str | Path = sys.executable) -> subprocess.CompletedProcess:
    """Run ``make report NAME=value ...`` from ``cwd`` with the project's Makefile, as a user's shell would after quoting."""
    command = ["make", "--no-print-directory", "-f", str(MAKEFILE), "report", f"PY={python}", "STAMP=", *assignments]
    return subprocess.run(command, cwd=cwd, capture_output=True, timeout=120)


def report_options() -> list[str]:
    """The option names `make report` passes on (REPORT_OPTIONS in the Makefile)."""
    match = re.search(r"^override REPORT_OPTIONS\s*:=\s*(.+)$", MAKEFILE.read_text(encoding="utf-8"), flags=re.M)
    assert match, "the Makefile names its report options in REPORT_OPTIONS"
    return match.group(1).split()


@pytest.fixture
def recorder(tmp_path) -> Path:
    """A stand-in for the Python interpreter that records its arguments and its REPORT_* environment."""
    script = tmp_path / "record-python"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import json, os, sys
        record = {{"argv": sys.argv[1:], "environ": {{k: v for k, v in os.environ.items()
                                                    if k.startswith("REPORT_") or k in {report_options()!r}}}}}
        with open(os.path.join(os.getcwd(), "record.json"), "w", encoding="utf-8") as handle:
            json.dump(record, handle)
        """), encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.slow
def test_make_report_passes_every_value_unchanged_and_runs_none(tmp_path, recorder):
    names = report_options()
    assert names == [option.name for option in OPTIONS], "REPORT_OPTIONS lists the options of analysis/report/options.py"
    for number, value in enumerate(HOSTILE):
        result = make_report(tmp_path, *(f"{name}={value}" for name in names), python=recorder)
        assert result.returncode == 0, result.stderr
        record = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))
        assert record["argv"] == ["-m", "analysis.report", "--from-env"], value
        # each value arrives as written, under REPORT_<NAME> only; make's own variables are not exported
        assert record["environ"] == {f"REPORT_{name}": value for name in names}, (number, value)
        assert not list(tmp_path.glob("pwned*")) and not (ROOT / "pwned").exists(), value
        assert value.encode() not in result.stdout, "a value was pasted into the command line"


def test_make_report_without_options_passes_none_and_takes_none_from_the_environment(tmp_path, recorder):
    """The defaults live in analysis/report/options.py; an environment variable such as DATA or TARGET is not an option."""
    environ = {**os.environ, **{option.name: "from the environment" for option in OPTIONS}}
    result = subprocess.run(["make", "--no-print-directory", "-f", str(MAKEFILE), "report", f"PY={recorder}", "STAMP="],
                            cwd=tmp_path, capture_output=True, timeout=120, env=environ)
    assert result.returncode == 0, result.stderr
    environ = json.loads((tmp_path / "record.json").read_text(encoding="utf-8"))["environ"]
    assert environ == {option.env: "" for option in OPTIONS}


@pytest.mark.parametrize(("assignment", "refusal"), [
    ("REPORT_AREA=$(shell touch pwned)", "REPORT_AREA is this Makefile's own; give the option as AREA=value"),
    ("REPORT_OUT=$$(touch pwned)", "REPORT_OUT is this Makefile's own; give the option as OUT=value"),
    ("REPORT_OPTIONS=$(shell touch pwned)", "REPORT_OPTIONS is this Makefile's own"),
    ("AREA:=Baghdad", "AREA was given as AREA:=value, which make expands before reading this Makefile"),
    ("TARGET::=Baghdad", "TARGET was given as TARGET:=value, which make expands before reading this Makefile"),
])
def test_make_refuses_its_own_variables_and_expanded_assignments_on_its_command_line(tmp_path, recorder, assignment,
                                                                                   refusal):
    result = make_report(tmp_path, assignment, python=recorder)
    assert result.returncode != 0
    assert refusal.encode() in result.stderr and b"Stop." in result.stderr
    assert not (tmp_path / "record.json").exists(), "the report ran"
    assert not list(tmp_path.glob("pwned*")) and not (ROOT / "pwned").exists()


def test_a_failing_report_fails_make_and_runs_nothing_smuggled_in(tmp_path):
    result = make_report(tmp_path, "DATA=/nonexistent.csv", f"AREA={HOSTILE[0]}")
    assert result.returncode != 0
    assert b"error: argument --data: /nonexistent.csv: no such file" in result.stderr
    value = '$(shell touch pwned) `touch pwned` "; touch pwned; echo "'
    result = make_report(tmp_path, f"START={value}")
    assert result.returncode != 0
    assert f"error: argument --start: {value!r} is not a date written YYYY-MM-DD".encode() in result.stderr
    assert not list(tmp_path.glob("pwned*")) and not (ROOT / "pwned").exists()
    assert not (tmp_path / "build").exists()


def test_every_make_option_is_an_option_of_the_command_line():
    assert report_options() == [option.name for option in OPTIONS], "REPORT_OPTIONS lists analysis/report/options.py's"
    options = {option for action in cli._parser()._actions for option in action.option_strings}
    for name in report_options():
        assert f"--{name.lower().replace('_', '-')}" in options, f"{name} is in REPORT_OPTIONS but has no option"


# --- the command line, in process ----------------------------------------------------------------


@pytest.fixture
def captured(tmp_path, monkeypatch):
    """Run ``main`` with a notebook folder and the build replaced by a recorder of its arguments."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01-a.ipynb").write_text("{}", encoding="utf-8")
    calls = []

    def build_report(out, **kwargs):
        calls.append({"out": out, **kwargs})
        return Path(out) / "index.html"

    monkeypatch.setattr(build, "build_report", build_report)
    for option in OPTIONS:
        monkeypatch.delenv(option.env, raising=False)
    return {"notebooks": notebooks, "calls": calls, "out": tmp_path / "out"}


def test_from_env_reads_every_option_and_the_command_line_wins(captured, monkeypatch):
    monkeypatch.setenv("REPORT_AREA", HOSTILE[-1])
    monkeypatch.setenv("REPORT_START", "2020-01-01")
    monkeypatch.setenv("REPORT_END", "2020-06-30")
    monkeypatch.setenv("REPORT_DATA", "")  # empty: not given
    monkeypatch.setenv("REPORT_OUT", str(captured["out"]))
    status = run_main(["--from-env", "--notebooks", str(captured["notebooks"]), "--start", "2020-02-01"])
    assert status == 0
    (call,) = captured["calls"]
    assert call["out"] == str(captured["out"])
    assert call["parameters"] == {"START": "2020-02-01", "END": "2020-06-30", "AREA": HOSTILE[-1]}


def test_without_from_env_the_environment_is_ignored(captured, monkeypatch):
    monkeypatch.setenv("REPORT_AREA", "Baghdad")
    assert run_main(["--notebooks", str(captured["notebooks"]), "--out", str(captured["out"])]) == 0
    assert captured["calls"][0]["parameters"] == {}


@pytest.mark.parametrize("text", ["20200601", "2020-W10-1", "2020-061", "2020-1-5", "2020-02-30", "２０２０-01-01",
                                  "2020-01-01T00:00", " 2020-01-01", "2020-01-01\n"])
def test_dates_must_be_written_yyyy_mm_dd(captured, capsys, text):
    status = run_main(["--notebooks", str(captured["notebooks"]), "--out", str(captured["out"]), "--start", text])
    assert status == 2
    assert capsys.readouterr().err == f"error: argument --start: {text!r} is not a date written YYYY-MM-DD\n"
    assert captured["calls"] == []


def test_dates_are_compared_as_dates(captured, capsys):
    status = run_main(["--notebooks", str(captured["notebooks"]), "--out", str(captured["out"]),
                       "--start", "2020-06-01", "--end", "2020-05-31"])
    assert status == 2
    assert capsys.readouterr().err == "error: --start 2020-06-01 is after --end 2020-05-31\n"
    assert run_main(["--notebooks", str(captured["notebooks"]), "--out", str(captured["out"]),
                     "--start", "2020-06-01", "--end", "2020-06-01"]) == 0


def test_a_byte_that_is_not_utf8_in_area_is_refused_before_anything_runs(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    (notebooks / "01-a.ipynb").write_text("{}", encoding="utf-8")
    command = [sys.executable, "-m", "analysis.report", "--notebooks", str(notebooks), "--out", str(tmp_path / "out"),
               "--area", b"Bagh\xffdad"]
    result = subprocess.run(command, capture_output=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == b"error: argument --area: 'Bagh\\udcffdad' is not UTF-8 text: byte 0xFF at character 5\n"
    assert result.stdout == b"" and not (tmp_path / "out").exists()
    result = make_report(tmp_path, b"AREA=\xfe\xff", f"OUT={tmp_path / 'out'}".encode())
    assert result.returncode != 0
    assert b"is not UTF-8 text: byte 0xFE at character 1" in result.stderr
    assert not (tmp_path / "out").exists()


def refused(captured, capsys, *argv: str) -> str:
    """Run the command line with ``argv``; check it was refused before the build, and return its one line."""
    status = run_main(["--notebooks", str(captured["notebooks"]), "--out", str(captured["out"]), *argv])
    err = capsys.readouterr().err
    assert status == 2 and captured["calls"] == [], err
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


@pytest.mark.parametrize(("argv", "message"), [
    (["--attacks", ";"], "error: argument --attacks: ';' names nothing; give a name, or several separated by ';'"),
    (["--area", ";"], "error: argument --area: ';' names nothing"),
    (["--area", " "], "error: argument --area: ' ' names nothing"),
    (["--area", "Baghdad;;Kirkuk"], "error: argument --area: 'Baghdad;;Kirkuk' has an empty name"),
    (["--target", "a;"], "error: argument --target: 'a;' has an empty name"),
    (["--target", "a|"], "error: argument --target: 'a|': a name may not hold |; names are plain text, separated by ';'"),
    (["--target", "a||b"], "error: argument --target: 'a||b': a name may not hold |;"),
    (["--target", "x" * 301], "error: argument --target: a name of 301 characters"),
    (["--target", ";".join(f"n{i}" for i in range(51))], "error: argument --target: 51 names; at most 50"),
    (["--start", "0001-01-01", "--end", "9999-12-31"],
     "error: argument --start: 0001-01-01 is outside 1900-01-01 to 2199-12-31, the days a date of the data may be"),
    (["--end", "9999-12-31"], "error: argument --end: 9999-12-31 is outside 1900-01-01 to 2199-12-31"),
    (["--invalid", "ignore"], "error: argument --invalid: 'ignore'; use 'raise' or 'drop'"),
    (["--invalid", "drop"], "error: --invalid applies to an ACLED file: give --data too"),
])
def test_values_that_would_mislead_the_pages_are_refused_before_anything_runs(captured, capsys, argv, message):
    assert refused(captured, capsys, *argv).startswith(message)


def test_compare_applies_to_the_coded_data_only(captured, capsys, tmp_path):
    export = tmp_path / "export.csv"
    export.write_text("event_id_cnty\n", encoding="utf-8")  # refused before it is read
    assert refused(captured, capsys, "--data", str(export), "--compare", str(export)) == (
        "error: --compare sets the coded events beside an ACLED export; it does not apply to --data: give one or "
        "the other")
    missing = refused(captured, capsys, "--compare", str(tmp_path / "none.csv"))
    assert missing.startswith("error: argument --compare: ") and missing.endswith("none.csv: no such file")


def test_a_symbolic_link_loop_in_data_or_out_is_one_line(captured, capsys, tmp_path):
    (tmp_path / "loop-a").symlink_to(tmp_path / "loop-b")
    (tmp_path / "loop-b").symlink_to(tmp_path / "loop-a")
    assert refused(captured, capsys, "--data", str(tmp_path / "loop-a")) == (
        f"error: argument --data: {tmp_path / 'loop-a'}: a loop of symbolic links")
    status = run_main(["--notebooks", str(captured["notebooks"]), "--out", str(tmp_path / "loop-a" / "report")])
    assert status == 2 and captured["calls"] == []
    assert capsys.readouterr().err == f"error: output folder {tmp_path / 'loop-a' / 'report'}: a loop of symbolic links\n"


def test_the_options_reach_the_build_as_text_in_canonical_form(captured, capsys, tmp_path):
    data = tmp_path / "export.csv"
    data.write_text("x\n", encoding="utf-8")
    status = run_main(["--notebooks", str(captured["notebooks"]), "--out", str(captured["out"]), "--data", str(data),
                       "--invalid", "drop", "--area", " Baghdad ; Kirkuk", "--attacks", "battles;BATTLES",
                       "--target", "Military Forces of the United States (2017-2021); Global Coalition"])
    assert status == 0, capsys.readouterr().err
    assert captured["calls"][0]["parameters"] == {
        "DATA": str(data.resolve()), "INVALID": "drop", "AREA": "Baghdad;Kirkuk", "ATTACKS": "Battles",
        "TARGET": "Military Forces of the United States (2017-2021);Global Coalition"}
