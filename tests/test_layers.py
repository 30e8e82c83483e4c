"""The package's layers: no module imports from a layer above its own, and docs/layout.md lists every module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import analysis

PACKAGE = Path(analysis.__file__).resolve().parent

#: Layers from the bottom: a module may import from its own layer and those below.
LAYERS = {
    "analysis.errors": 0, "analysis.schema": 0, "analysis.codebook": 0, "analysis._lazy": 0,
    "analysis._frames": 1, "analysis.text": 1, "analysis.io": 1,
    "analysis.stats": 2,
    "analysis.viz": 3,
    "analysis.report": 4,
}


def layer_of(module: str) -> int | None:
    matches = [name for name in LAYERS if module == name or module.startswith(name + ".")]
    return LAYERS[max(matches, key=len)] if matches else None


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path) -> set[str]:
    """Return the analysis modules a file imports (relative imports resolved), at any depth of the code."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("analysis")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            if base.startswith("analysis"):
                found |= {f"{base}.{alias.name}" if layer_of(f"{base}.{alias.name}") is not None and base == "analysis"
                          else base for alias in node.names}
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if module_name(p) != "analysis")


@pytest.mark.parametrize("path", MODULES, ids=[module_name(p) for p in MODULES])
def test_no_module_imports_from_a_layer_above_it(path):
    own = layer_of(module_name(path))
    assert own is not None, f"{module_name(path)} belongs to no layer of LAYERS"
    above = sorted(m for m in imported_modules(path) if (layer_of(m) or 0) > own)
    assert above == [], f"{module_name(path)} (layer {own}) imports {above}"


def test_computing_reads_no_files_and_loading_knows_no_computing():
    stats = [p for p in MODULES if module_name(p).startswith("analysis.stats")]
    assert not any(m.startswith("analysis.io") for p in stats for m in imported_modules(p))


def test_the_checker_resolves_relative_imports():
    found = imported_modules(PACKAGE / "stats" / "periods.py")
    assert {"analysis._frames", "analysis.stats.selection"} <= found
    assert imported_modules(PACKAGE / "viz" / "ranges.py") >= {"analysis.stats.tables", "analysis.viz._axes"}


def readme_layout() -> dict[str, str]:
    """Return the layout page's tree of the package: each module's path (``io/acled.py``) and its one-line job."""
    text = (PACKAGE.parent / "docs" / "layout.md").read_text(encoding="utf-8")
    tree = text.split("The package, one line per module", 1)[1].split("```", 2)[1]
    listed, folders = {}, []
    for line in tree.splitlines():
        stripped = line.strip()
        if not stripped or stripped == "analysis/":
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2 - 1
        name, _, job = stripped.partition(" ")
        folders = folders[:depth]
        if name.endswith("/"):
            folders.append(name.rstrip("/"))
            continue
        listed["/".join([*folders, name])] = job.strip()
    return listed


def test_the_layout_page_lists_every_module_with_its_job_and_no_other():
    modules = {str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"}
    listed = readme_layout()
    assert sorted(modules - set(listed)) == [], "modules missing from the tree in docs/layout.md"
    assert sorted(set(listed) - modules) == [], "the tree in docs/layout.md lists modules that do not exist"
    assert [name for name, job in listed.items() if not job] == [], "a module in the tree of docs/layout.md has no job"
