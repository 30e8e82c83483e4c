"""Reproducible outputs: a fresh run gives the committed notebooks and the same HTML, byte for byte.

The report of the committed notebooks is built once per test run (see
report_support.py): every notebook is executed in a fresh kernel, with no
parameters. Each executed notebook must equal the committed file exactly,
figures included; since the committed files were themselves produced by an
earlier execution, this is the "executing twice gives byte-identical
notebooks" check. Rendering is then checked to be a pure function of the
executed notebooks. Together they make the whole build deterministic.
"""

from __future__ import annotations

import base64
import hashlib

import nbformat
import pytest

from analysis import report
from report_support import committed_report

COMMITTED = sorted(report.NOTEBOOK_DIR.glob(report.NOTEBOOK_PATTERN))
REFRESH = "python -m analysis.report --refresh-notebooks"


def test_the_project_has_notebooks_to_reproduce():
    assert COMMITTED, f"no notebook matching {report.NOTEBOOK_PATTERN} in {report.NOTEBOOK_DIR}"


def _digest(value) -> str:
    data = value if isinstance(value, str) else "".join(value)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def _png_size(encoded: str) -> str:
    data = base64.b64decode(encoded)
    return f"{int.from_bytes(data[16:20], 'big')}x{int.from_bytes(data[20:24], 'big')} px, {len(data)} bytes"


def describe_differences(committed: nbformat.NotebookNode, fresh: nbformat.NotebookNode, limit: int = 8) -> list[str]:
    """List where two versions of a notebook differ, in a reader's words."""
    found: list[str] = []
    if committed.metadata != fresh.metadata:
        keys = sorted(set(committed.metadata) ^ set(fresh.metadata)) or [
            k for k in committed.metadata if committed.metadata[k] != fresh.metadata.get(k)
        ]
        found.append(f"notebook metadata differs ({', '.join(keys)})")
    if len(committed.cells) != len(fresh.cells):
        found.append(f"{len(committed.cells)} cells committed, {len(fresh.cells)} after a fresh run")
    for index, (old, new) in enumerate(zip(committed.cells, fresh.cells)):
        where = f"cell {index} ({old.source.splitlines()[0][:50]!r})" if old.source else f"cell {index}"
        if old.get("metadata") != new.get("metadata"):
            found.append(f"{where}: metadata differs")
        if old.get("execution_count") != new.get("execution_count"):
            found.append(f"{where}: execution count {old.get('execution_count')} committed, {new.get('execution_count')} now")
        old_outputs, new_outputs = old.get("outputs", []), new.get("outputs", [])
        if len(old_outputs) != len(new_outputs):
            found.append(f"{where}: {len(old_outputs)} outputs committed, {len(new_outputs)} now")
        for number, (a, b) in enumerate(zip(old_outputs, new_outputs)):
            if a == b:
                continue
            if a.get("output_type") == "stream" or "text" in a:
                found.append(f"{where}, output {number}: text differs ({a.get('text', '')[:60]!r} vs {b.get('text', '')[:60]!r})")
                continue
            for mime in sorted(set(a.get("data", {})) | set(b.get("data", {}))):
                x, y = a.get("data", {}).get(mime), b.get("data", {}).get(mime)
                if x == y:
                    continue
                if mime == "image/png" and x and y:
                    found.append(f"{where}, output {number}: figure differs ({_png_size(x)} vs {_png_size(y)})")
                else:
                    detail = f"{_digest(x)} vs {_digest(y)}" if x and y else "present in only one"
                    found.append(f"{where}, output {number}: {mime} differs ({detail})")
            if a.get("metadata") != b.get("metadata"):
                found.append(f"{where}, output {number}: output metadata differs")
    return found[:limit] or ["same content, different bytes (JSON formatting or key order)"]


@pytest.mark.parametrize("name", [p.name for p in COMMITTED])
def test_a_fresh_run_reproduces_the_committed_notebook(name):
    built = committed_report()
    committed_path = report.NOTEBOOK_DIR / name
    fresh_path = built.out / "notebooks" / name
    if fresh_path.read_bytes() != committed_path.read_bytes():
        differences = describe_differences(
            nbformat.read(committed_path, as_version=4), nbformat.read(fresh_path, as_version=4)
        )
        pytest.fail(
            f"{name}: a fresh execution does not reproduce the committed file:\n  - "
            + "\n  - ".join(differences)
            + f"\nIf the change is intended, refresh the notebooks with `{REFRESH}` and commit them;"
            " if it changes on every run, something in the notebook is not deterministic."
        )


def test_rendering_twice_gives_identical_html(tmp_path):
    built = committed_report()
    again = report.render_report(built.executed, tmp_path / "again")
    assert again.read_bytes() == built.index.read_bytes()
    for source in built.sources:
        page = f"{source.stem}.html"
        assert (tmp_path / "again" / page).read_bytes() == (built.out / page).read_bytes(), page


def test_the_committed_notebooks_render_to_the_built_report(tmp_path):
    """The report of the committed files equals the report of a fresh run."""
    built = committed_report()
    report.render_report(built.sources, tmp_path / "committed")
    for name in ["index.html"] + [f"{s.stem}.html" for s in built.sources]:
        assert (tmp_path / "committed" / name).read_bytes() == (built.out / name).read_bytes(), name
