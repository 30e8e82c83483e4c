"""Checks that apply to the whole test run: nbval compares the notebooks' figures too; ``--screenshots DIR``.

(The fixtures of the tests are in tests/conftest.py.)
"""

from __future__ import annotations

import base64
import gc
import hashlib
import os

import pytest

#: nbval leaves out the notebook of the page built only when COMPARE is given: it needs an export, which the
#: repository does not hold; tests/report/test_compare_page.py executes it once on an export the tests write.
collect_ignore = ["notebooks/compare"]


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """Choose Hypothesis' profile, and keep what it stores between runs in pytest's temporary folder for this user.

    Property tests draw 30 examples each in `make test` (and CI), so the suite
    keeps its minute; 10 in the inner loop, `make test-fast` (profile "inner",
    1 s less test time); `HYPOTHESIS_PROFILE=thorough make test` draws 300 for
    a deeper search. No example database: the tests
    write nothing in the project (a failing example is printed, with how to
    reproduce it).

    What Hypothesis stores lives in pytest's folder for the user, which outlives
    a run (pytest keeps each run's own folder beneath it), so the constants Hypothesis collects from the project's modules at
    collection are read back instead of being collected again by every
    worker of every run (0.7 s each).
    """
    if config.getoption("numprocesses", None) and not hasattr(config, "workerinput"):
        return  # the process that only starts `-n auto`'s workers runs no test: it need not import Hypothesis
    from hypothesis import settings
    from hypothesis.configuration import set_hypothesis_home_dir

    settings.register_profile("inner", max_examples=10, database=None)
    settings.register_profile("everyday", max_examples=30, database=None)
    settings.register_profile("thorough", max_examples=300, database=None)
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "everyday"))
    run = config._tmp_path_factory.getbasetemp()
    user = next((folder for folder in (run, *run.parents) if folder.name.startswith("pytest-of-")), run)
    set_hypothesis_home_dir(user / "hypothesis")


def pytest_collection_finish(session):
    """Let the garbage collector pass over what collection imported, and run it less often.

    Every worker holds pandas, pyarrow, matplotlib and the project's modules:
    hundreds of thousands of objects that live as long as the run. Frozen,
    they are no longer walked by each collection; with a first-generation
    threshold of 50,000 new objects instead of 700, the collector runs a
    seventieth as often while frames and figures are built and dropped by
    the thousand. Measured on `make test-fast`: 2 s less processor time
    (6%). Cycles are still collected, later.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def pytest_runtest_teardown(item):
    """Close the figures a test or a docstring's example left open (pyplot keeps them until closed)."""
    import sys

    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None and pyplot.get_fignums():  # closing runs the garbage collector: only where one is open
        pyplot.close("all")


def pytest_addoption(parser):
    parser.addoption("--screenshots", metavar="DIR", default=None,
                     help="keep the browser test's screenshots of the report in DIR (by default they go to a "
                          "temporary folder)")


def pytest_collection_modifyitems(items):
    """Let nbval compare the notebooks' figures too, by the SHA-256 of their PNG bytes.

    nbval leaves PNG outputs out of its comparison. The committed notebooks'
    figures are reproducible byte for byte (``analysis.use_report_style``), so
    a changed figure fails its cell like changed text does, named by its size
    and digest instead of thousands of base64 characters.
    """
    for item in items:
        notebook = getattr(item, "parent", None)
        if not hasattr(notebook, "skip_compare") or not hasattr(item, "compare_outputs"):
            continue
        notebook.skip_compare = tuple(key for key in notebook.skip_compare if key != "image/png")
        item.compare_outputs = _comparing_figures(item.compare_outputs)
    _slow_first(items)


def _slow_first(items):
    """Put the tests that build reports or run notebooks first, so the workers of ``-n auto`` start them first
    and fill the rest of the run with the quick tests, instead of waiting on a report at the end."""
    def slow(item):
        return item.get_closest_marker("report") is not None or str(item.fspath).endswith(".ipynb")

    items.sort(key=lambda item: not slow(item))  # stable: each file's tests stay in their order


def _comparing_figures(compare):
    def compare_outputs(test, ref, skip_compare=None):
        return compare(_figure_digests(test), _figure_digests(ref), skip_compare)

    return compare_outputs


def _figure_digests(outputs):
    """Return the outputs with each PNG figure replaced by its size and SHA-256."""
    digested = []
    for output in outputs:
        png = output.get("data", {}).get("image/png")
        if png is not None:
            import nbformat

            output = nbformat.from_dict(output)
            data = base64.b64decode(png)
            output.data["image/png"] = f"PNG of {len(data):,} bytes, SHA-256 {hashlib.sha256(data).hexdigest()}"
        digested.append(output)
    return digested
