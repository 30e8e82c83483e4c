"""Sphinx configuration of the API reference (``make docs``).

The reference is written from the package's numpydoc docstrings, offline:
no theme, font or script is fetched from elsewhere. Its pages list the
names of ``analysis.__all__`` and ``analysis.report.__all__`` by
themselves, grouped by the module that defines them, through the
``public-names`` directive below, so adding a name to a package's exports
adds it here.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from sphinx.util import logging
from sphinx.util.nodes import nested_parse_with_titles

logger = logging.getLogger(__name__)

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

project = "analysis"
author = "the project's authors"
extensions = ["sphinx.ext.autodoc", "numpydoc"]
exclude_patterns: list[str] = []
html_theme = "alabaster"
html_static_path: list[str] = []
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
# The docstrings' own order, and signatures as written (with their annotations).
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
# Classes list their documented methods and attributes through autodoc, not numpydoc's tables.
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False
# What an analyst calls documents every parameter and what it returns (a missing one fails the build). The
# report's machinery is checked for the docstrings' form only: its Story methods each name the function they
# stand for, which documents them.
numpydoc_validation_checks = {"PR01", "PR02", "RT01"}
numpydoc_validation_exclude = {r"^analysis\.report\."}


class PublicNames(Directive):
    """Document every name a package exports, grouped by the module that defines it.

    ``.. public-names:: analysis`` reads the package's ``_EXPORTS`` (public
    name -> defining submodule) and writes one section per submodule, in the
    order the package lists them, opening with the first line of the
    submodule's docstring.
    """

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        package = self.arguments[0]
        exports: dict[str, str] = importlib.import_module(package)._EXPORTS
        modules: dict[str, list[str]] = {}
        for name, module in exports.items():
            modules.setdefault(module, []).append(name)
        lines: list[str] = []
        for module, names in modules.items():
            full = f"{package}.{module}"
            title = f"``{full}``"
            summary = (inspect.getdoc(importlib.import_module(full)) or "").split("\n")[0]
            lines += [title, "-" * len(title), "", summary, ""]
            for name in sorted(names):
                value = getattr(importlib.import_module(full), name)
                if inspect.isclass(value):
                    lines += [f".. autoclass:: {package}.{name}", "   :members:", ""]
                elif callable(value):
                    lines += [f".. autofunction:: {package}.{name}", ""]
                else:
                    lines += [f".. autodata:: {package}.{name}", "   :no-value:", ""]
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, source=f"<{package} exports>"), node)
        return node.children


def check_offline(app, exception) -> None:
    """Fail the build if a page would load a script, style, font or image from elsewhere."""
    if exception is not None or app.builder.format != "html":
        return
    from analysis.report.safety import find_remote_references

    for page in sorted(Path(app.outdir).glob("*.html")):
        remote = find_remote_references(page.read_text(encoding="utf-8"))
        if remote:
            logger.warning("%s would load %s: the reference must work offline", page.name, ", ".join(remote))


def setup(app):
    app.add_directive("public-names", PublicNames)
    app.connect("build-finished", check_offline)
    return {"parallel_read_safe": True}
