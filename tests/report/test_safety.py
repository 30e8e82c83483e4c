"""Self-contained pages: what counts as a remote resource, and pages that would load one are refused."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from report_support import sample_report

from analysis.report.render import render_page
from analysis.report.safety import (
    POLICY_PLACEHOLDER,
    REPORT_CSP,
    _source_hash,
    find_remote_references,
    page_policy,
)


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


@pytest.mark.slow
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
        meta = re.search(r'<meta[^>]*"Content-Security-Policy"[^>]*>', text).group(0)
        policy = re.search(r'content="([^"]*)"', meta).group(1)
        assert html.unescape(policy) == page_policy(text.replace(policy, POLICY_PLACEHOLDER)), page.name
        assert html.unescape(policy).startswith(f"{REPORT_CSP}; style-src 'sha256-"), page.name
        assert "unsafe-inline" not in text, page.name


def test_the_policy_names_the_pages_styles_and_the_cells_alignment_only():
    page = ('<style>main {}</style><td style="text-align:left;min-width:18em">a</td>'
            '<tr style="text-align: right;"><div style="position:fixed;inset:0">x</div>')
    policy = page_policy(page)
    named = policy.split("; style-src ")[1].split()
    assert named[1] == "'unsafe-hashes'" and len(named) == 4  # the <style>, the keyword, the two cell styles
    assert _source_hash("position:fixed;inset:0") not in named and _source_hash("main {}") == named[0]
    assert page_policy("<p>no style</p>").endswith("style-src 'none'")
