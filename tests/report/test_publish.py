"""The report folder is written whole or not at all, by one build at a time, and only where a report may go.

The build steps are tested directly: the staged folder with files the tests
write, a build killed with SIGKILL, and the command line with the notebooks'
execution replaced by a copy of an executed notebook (no kernel starts), so
that a full disk can strike in the middle of the pages.
"""

from __future__ import annotations

import errno
import hashlib
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest
from report_support import run_main

from analysis.report import build, publish, render
from analysis.report.execute import NOTEBOOK_DIR, PROJECT_ROOT
from analysis.report.publish import OutputFolderError, build_lock, check_output_folder, staged_folder


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (relative path -> SHA-256), to compare before and after."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def old_report(out: Path) -> dict[str, str]:
    """Write a small earlier report to ``out`` and return its snapshot."""
    (out / "notebooks").mkdir(parents=True)
    (out / "index.html").write_text("<p>the old index</p>", encoding="utf-8")
    (out / "01-old.html").write_text("<p>an old page</p>", encoding="utf-8")
    (out / "notebooks" / "01-old.ipynb").write_text("{}", encoding="utf-8")
    return snapshot(out)


# --- the staged folder ----------------------------------------------------------------------------


def test_a_complete_build_replaces_the_whole_folder(tmp_path):
    out = tmp_path / "report"
    old_report(out)
    with staged_folder(out) as stage:
        assert stage.parent == tmp_path and stage.name.startswith(".report.partial-")
        (stage / "index.html").write_text("<p>the new index</p>", encoding="utf-8")
        assert (out / "01-old.html").is_file()  # nothing moves before the end
    assert snapshot(out) == {"index.html": hashlib.sha256(b"<p>the new index</p>").hexdigest()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]  # no stage, no lock, no old copy
    assert (out.stat().st_mode & 0o777) == 0o777 & ~publish._umask()


def test_a_build_that_fails_midway_leaves_the_previous_report_as_it_was(tmp_path):
    out = tmp_path / "report"
    before = old_report(out)
    with pytest.raises(OSError, match="No space left"), staged_folder(out) as stage:
        (stage / "01-old.html").write_text("<p>a new page</p>", encoding="utf-8")
        (stage / "index.html").write_text("<p>cut off mid-", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_report_and_the_next_build_cleans_up(tmp_path):
    out = tmp_path / "report"
    before = old_report(out)
    script = textwrap.dedent(f"""\
        import os, signal
        from pathlib import Path
        from analysis.report.publish import staged_folder
        with staged_folder({str(out)!r}) as stage:
            (stage / "index.html").write_text("half a page", encoding="utf-8")
            os.kill(os.getpid(), signal.SIGKILL)
        """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert killed.returncode == -signal.SIGKILL
    assert snapshot(out) == before
    assert len(list(tmp_path.glob(".report.partial-*"))) == 1  # what the killed build left
    with staged_folder(out) as stage:  # the lock died with the build; the leftover goes
        (stage / "index.html").write_text("whole", encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]
    assert snapshot(out) == {"index.html": hashlib.sha256(b"whole").hexdigest()}


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(tmp_path):
    out = tmp_path / "report"
    with staged_folder(out) as first:
        with pytest.raises(OutputFolderError, match=r"another build is writing .*report"), staged_folder(out):
            pass
        (first / "index.html").write_text("first", encoding="utf-8")
    assert snapshot(out) == {"index.html": hashlib.sha256(b"first").hexdigest()}
    with staged_folder(tmp_path / "other"), staged_folder(out):  # other folders, and later builds, go ahead
        pass


@pytest.mark.parametrize("where", ["the folder", "its parent", "the notebooks' own output folder"])
def test_a_folder_holding_the_notebooks_is_refused(tmp_path, where):
    notebooks = tmp_path / "project" / "notebooks"
    notebooks.mkdir(parents=True)
    out = {"the folder": notebooks, "its parent": notebooks.parent,
           "the notebooks' own output folder": notebooks / ".." / "."}[where]
    with pytest.raises(OutputFolderError, match="is or holds the notebook folder"):
        check_output_folder(out, notebooks=[notebooks])
    assert check_output_folder(notebooks.parent / "build", notebooks=[notebooks]) == notebooks.parent / "build"


@pytest.mark.parametrize(("entry", "shown"), [("README.md", "README.md"), ("notebooks/helper.py", "notebooks/helper.py"),
                                              ("images/map.png", "images")])
def test_a_folder_holding_anything_but_a_report_is_refused(tmp_path, entry, shown):
    out = tmp_path / "mine"
    before = old_report(out)
    (out / entry).parent.mkdir(parents=True, exist_ok=True)
    (out / entry).write_text("keep me", encoding="utf-8")
    with pytest.raises(OutputFolderError, match=f"holds {shown}, which is not part of a report"):
        with staged_folder(out):
            pass
    assert snapshot(out) == {**before, entry: hashlib.sha256(b"keep me").hexdigest()}


@pytest.mark.parametrize("name", ["events.csv", "dropped.csv", "links.csv"])
def test_an_earlier_reports_events_dropped_or_links_file_is_part_of_a_report_and_replaced(tmp_path, name):
    out = tmp_path / "report"
    old_report(out)
    (out / name).write_text("event_id\nA1\n", encoding="utf-8")
    with staged_folder(out) as stage:
        (stage / "index.html").write_text("new", encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["index.html"]


def test_the_docs_list_every_file_a_build_writes_beside_the_pages():
    """docs/report.md's table of what the build writes names each data file, and the function that writes it."""
    from analysis.report import checks
    from analysis.report.inputs import DATA_FILES

    docs = (PROJECT_ROOT / "docs" / "report.md").read_text(encoding="utf-8")
    table = docs[docs.index("What it writes to the output folder:"):]
    table = table[:table.index("\n\n", table.index("| file |"))]
    rows = {line.split(" | ")[0].strip("| `"): line for line in table.splitlines()[3:]}
    for name in DATA_FILES:
        writer = f"write_{Path(name).stem}"
        assert callable(getattr(checks, writer)), name
        assert f"`analysis.report.checks.{writer}`" in rows[name], name


# --- through the command line ---------------------------------------------------------------------


@pytest.fixture
def executed(tmp_path, monkeypatch) -> Path:
    """Two notebooks whose execution (no kernel) copies a small executed notebook to where the build asks."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for name in ("01-first", "02-second"):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {name}\n\nA page."),
                                             nbformat.v4.new_code_cell("1 + 1", execution_count=1, outputs=[
                                                 nbformat.v4.new_output("execute_result", {"text/plain": "2"},
                                                                        execution_count=1)])])
        nbformat.write(nb, str(notebooks / f"{name}.ipynb"))

    def execute_notebook(source, *, output_path, **_):
        Path(output_path).parent.mkdir(parents=True, exist_ok=True)
        Path(output_path).write_bytes(Path(source).read_bytes())

    monkeypatch.setattr(build, "execute_notebook", execute_notebook)
    return notebooks


@pytest.mark.slow
def test_a_full_disk_while_writing_the_pages_leaves_the_previous_report(tmp_path, executed, monkeypatch, capsys):
    out = tmp_path / "report"
    before = old_report(out)
    write_page = render._write_page
    written = []

    def full_after_one_page(path, page):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        written.append(path)
        write_page(path, page)

    monkeypatch.setattr(render, "_write_page", full_after_one_page)
    assert run_main(["--notebooks", str(executed), "--out", str(out)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith(f"error: the report could not be written to {out}")
    assert "No space left on device" in error and "an earlier report there is as it was" in error
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "report"]
    monkeypatch.setattr(render, "_write_page", write_page)
    assert run_main(["--notebooks", str(executed), "--out", str(out)]) == 0
    assert sorted(snapshot(out)) == ["01-first.html", "02-second.html", "index.html",
                                     "notebooks/01-first.ipynb", "notebooks/02-second.ipynb"]


def test_another_build_writing_the_folder_is_refused_before_anything_runs(tmp_path, executed, capsys):
    out = tmp_path / "report"
    before = old_report(out)
    with build_lock(out.resolve()):
        assert run_main(["--notebooks", str(executed), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""  # no notebook ran
    assert captured.err.startswith("error: another build is writing") and captured.err.count("\n") == 1
    assert snapshot(out) == before


def test_the_projects_notebooks_are_never_an_output_folder(tmp_path, executed, capsys):
    committed = snapshot(NOTEBOOK_DIR)
    for out in (PROJECT_ROOT, NOTEBOOK_DIR, NOTEBOOK_DIR / ".."):
        assert run_main(["--notebooks", str(executed), "--out", str(out), "--start", "2020-03-01"]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err == (f"error: output folder {PROJECT_ROOT if out != NOTEBOOK_DIR else NOTEBOOK_DIR} is or"
                                f" holds the notebook folder {NOTEBOOK_DIR}, which a build would replace; choose a"
                                " folder of its own, such as build/report\n")
    assert snapshot(NOTEBOOK_DIR) == committed


def test_an_output_folder_that_cannot_be_written_is_refused_before_anything_runs(tmp_path, executed, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert run_main(["--notebooks", str(executed), "--out", str(blocker / "report")]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""  # refused before the first notebook
    assert captured.err.startswith(f"error: the report could not be written to {blocker / 'report'} (")
    assert captured.err.count("\n") == 1 and "Traceback" not in captured.err
    assert run_main(["--notebooks", str(executed), "--out", str(blocker)]) == 2
    assert capsys.readouterr().err == f"error: output folder {blocker} is a file, not a folder\n"
