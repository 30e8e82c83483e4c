"""The project's set-up files agree with each other, and the package installs cleanly."""

from __future__ import annotations

import ast
import functools
import importlib.metadata
import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + sum(project["optional-dependencies"].values(), [])
    return {_name(r) for r in requirements}


def environment_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        match = re.fullmatch(r"\s+- ([A-Za-z0-9_.-]+)=([^=\s]+)", line)
        if match and match.group(1) != "python":
            pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def constraint_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if "==" in line:
            name, version = line.split("==")
            pins[name.strip().lower().replace("_", "-")] = version.strip()
    return pins


def test_environment_yml_lists_the_pyproject_packages():
    assert set(environment_pins()) == pyproject_packages()


def test_environment_yml_versions_equal_the_pins():
    pins = constraint_pins()
    for name, version in environment_pins().items():
        assert pins.get(name) == version, f"{name}: environment.yml has {version}, constraints.txt {pins.get(name)}"


def test_every_dependency_is_pinned():
    assert pyproject_packages() <= set(constraint_pins())


def test_environment_yml_installs_the_package():
    assert re.search(r"- pip:\n\s+- (-e )?\.\s*$", (ROOT / "environment.yml").read_text(), re.M)


@pytest.mark.slow
def test_import_stays_cheap():
    """Loading, counting and the notebooks' inputs load neither the plotting libraries nor the report's."""
    code = (
        "import sys, analysis; analysis.load_events; analysis.load_boundaries(); analysis.attacks_per_period;"
        "import analysis.report; analysis.report.notebook_data;"
        "heavy = ('matplotlib', 'seaborn', 'IPython', 'nbformat', 'nbconvert', 'jinja2', 'PIL');"
        "print(','.join(sorted(m for m in heavy if m in sys.modules)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd="/", check=True)
    assert result.stdout.strip() == ""


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel from a copy of the project's packaged files, so the build writes nothing in the project."""
    project = tmp_path_factory.mktemp("project")
    for name in ("pyproject.toml", "README.md", "analysis", "seeds"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(project)],
        check=True, capture_output=True,
    )
    return next(out.glob("analysis-*.whl"))


@pytest.mark.slow
def test_wheel_carries_documents_and_tables(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    documents = {p.name for p in (ROOT / "seeds").glob("*.txt")}
    assert {f"analysis/seeds/{d}" for d in documents} <= names
    assert "analysis/seeds/sources.csv" in names
    tables = {p.name for p in (ROOT / "analysis" / "data").glob("*.csv")}
    assert tables and {f"analysis/data/{t}" for t in tables} <= names


@pytest.mark.slow
def test_installed_wheel_loads_events_from_another_folder(wheel, tmp_path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = "import analysis; e = analysis.load_events(); print(len(e), analysis.io.packaged_documents_dir())"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    count, folder = result.stdout.split()
    assert int(count) > 0
    assert folder == str(site / "analysis" / "seeds")


@functools.cache
def _third_party_imports(path: Path, *, top_level_only: bool = False) -> frozenset[str]:
    """Return the top-level names of the modules a file imports that are neither the standard library nor ours."""
    tree = _syntax_tree(path)
    nodes = tree.body if top_level_only else ast.walk(tree)
    names = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return frozenset(name for name in names if name not in sys.stdlib_module_names and name not in _local_modules())


@functools.cache
def _syntax_tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


@functools.cache
def _local_modules() -> frozenset[str]:
    """The project's own top-level names: the package, the tools' script, the tests' modules."""
    return frozenset({"analysis", "make_boundaries", *(p.stem for p in (ROOT / "tests").rglob("*.py"))})


def _declared(*groups: str) -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    requirements = project["dependencies"] + sum((project["optional-dependencies"][g] for g in groups), [])
    return {_name(r) for r in requirements}


@functools.cache
def _distributions() -> dict[str, list[str]]:
    return importlib.metadata.packages_distributions()


def _distribution(module: str) -> str:
    return _name(_distributions()[module][0])


@pytest.mark.slow
def test_every_import_is_declared_in_the_group_that_needs_it():
    core, notebooks, dev = _declared(), _declared("notebooks"), _declared("notebooks", "dev")
    optional = _declared("notebooks", "xlsx")  # imported inside the function that needs it
    package = ROOT / "analysis"
    for path in sorted(package.rglob("*.py")):
        in_report = "report" in path.relative_to(package).parts
        # outside the report, anything beyond the core is imported only inside a function, where needed
        assert {_distribution(m) for m in _third_party_imports(path, top_level_only=not in_report)} <= (
            notebooks if in_report else core), path
        assert {_distribution(m) for m in _third_party_imports(path)} <= optional, path
    for path in sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "tools").glob("*.py")]):
        assert {_distribution(m) for m in _third_party_imports(path)} <= dev, path


def test_notebooks_name_the_kernel_jupyterlab_writes_back():
    """JupyterLab rewrites a notebook's kernelspec from the kernel it starts: the committed one must be the same.

    The Makefile installs ipykernel's kernel spec as ``python3`` into the environment; a notebook stored with
    another display name ("Python 3") is marked modified as soon as JupyterLab opens it.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    expected = {"display_name": spec.display_name, "language": spec.language, "name": "python3"}
    assert expected["display_name"] == "Python 3 (ipykernel)"
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert json.loads(path.read_text(encoding="utf-8"))["metadata"]["kernelspec"] == expected, path.name
