"""Self-contained pages: what counts as a remote resource, and pages that would load one are refused."""

from __future__ import annotations

import nbformat
import pytest
from report_support import sample_report

from analysis.report.render import render_page
from analysis.report.safety import REPORT_CSP, find_remote_references


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_report(tmp_path_factory)


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<script src="https://cdn.example/require.js"></script>', ["https://cdn.example/require.js"]),
        ('<link rel="stylesheet" href="//fonts.example/x.css">', ["//fonts.example/x.css"]),
        ('<img src="http://example.org/x.png"><img src="data:image/png;base64,AAAA">', ["http://example.org/x.png"]),
        ('<style>@import "https://x.example/y.css"; b { background: url(https://x.example/z.png) }</style>',
         ["https://x.example/z.png", "https://x.example/y.css"]),
        ('<div style="background-image: url(\'file:///etc/x.png\')"></div>', ["file:///etc/x.png"]),
        ('<a href="https://www.example.org/source">source</a><img src="figure.png">', []),
    ],
)
def test_find_remote_references(page, expected):
    assert find_remote_references(page) == expected


def test_a_page_that_would_load_a_remote_image_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Map\n\n![tiles](https://tile.example/1/2/3.png)")])
    with pytest.raises(ValueError, match=r"would load 'https://tile.example/1/2/3.png'"):
        render_page(nb, name="map")


@pytest.mark.report  # builds the sample report: left out by `make test-fast`
def test_pages_carry_no_cdn_script_mathjax_or_random_ids(sample):
    for page in sorted(sample.out.glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert find_remote_references(text) == [], page.name
        for forbidden in ("require.js", "require.min.js", "MathJax", "mermaid.esm", "cdnjs", "unpkg", "jsdelivr"):
            assert forbidden not in text, (page.name, forbidden)
        assert f'content="{REPORT_CSP}"' in text.replace("&#39;", "'"), page.name
