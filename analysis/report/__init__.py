"""The notebooks' app: their inputs, and the HTML report made by executing them.

- :mod:`~analysis.report.options`: the report's options, declared once;
- :mod:`~analysis.report.inputs`: what a notebook works on (the coded documents or an ACLED file);
- :mod:`~analysis.report.checks`: a build's data checked once before any notebook runs, and the files beside the report;
- :mod:`~analysis.report.words`: the pages' words for any run but the default, one module of plain
  functions per page (``timeline``, ``attacks``, ``posture``, ``sources``) over one ``Facts`` object;
- :mod:`~analysis.report.story`: the notebooks' handle on the words (``Story``, ``tell``);
- :mod:`~analysis.report.execute`: executing notebooks in fresh kernels, with parameters;
- :mod:`~analysis.report.render`: the pages and the index, as self-contained HTML;
- :mod:`~analysis.report.summary`: what the index says of each page;
- :mod:`~analysis.report.thumbnails`: the index's thumbnails;
- :mod:`~analysis.report.safety`: the pages' Content Security Policy and the check for remote resources;
- :mod:`~analysis.report.publish`: the output folder written whole or not at all, one build at a time;
- :mod:`~analysis.report.build`: the whole build, executing then rendering;
- :mod:`~analysis.report.__main__`: the command line, ``python -m analysis.report``.

Names are imported on first use: the notebooks' inputs need none of the
report's own dependencies (nbformat, nbclient, nbconvert, Jinja2, Pillow).
"""

from __future__ import annotations

from .._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "notebook_data": "inputs",
    "NotebookData": "inputs",
    "check_run": "checks",
    "OPTIONS": "options",
    "OptionError": "options",
    "Story": "story",
    "tell": "story",
    "PAGES": "story",
    "Facts": "words.facts",
    "Heading": "words.common",
    "PROJECT_ROOT": "execute",
    "NOTEBOOK_DIR": "execute",
    "NOTEBOOK_PATTERN": "execute",
    "NotebookError": "execute",
    "read_notebook": "execute",
    "parameters_source": "execute",
    "inject_parameters": "execute",
    "clean_metadata": "execute",
    "execute_notebook": "execute",
    "refresh_notebooks": "execute",
    "find_notebooks": "execute",
    "TEMPLATE_DIR": "render",
    "render_report": "render",
    "render_page": "render",
    "render_index": "render",
    "PageCard": "summary",
    "notebook_summary": "summary",
    "describe_parameters": "summary",
    "REPORT_CSP": "safety",
    "find_remote_references": "safety",
    "OutputFolderError": "publish",
    "check_output_folder": "publish",
    "staged_folder": "publish",
    "build_report": "build",
    "main": "__main__",
}

__all__ = sorted(_EXPORTS)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)
