"""The HTML report: building it, failing loudly, parameters, safe HTML, and a real browser.

The browser tests open every page in Debian's headless Chromium with the
network off (see report_support.py) and check that each page loads, that
every figure decodes to a non-empty image, that every link of the index
leads to a page of the report, and that nothing is requested from outside
the report's folder; on the committed notebooks' report, also that every
image has an alt text of its own, that no table shows an index column or
<NA>, and that figures keep their size on a 400-pixel-wide screen.
Full-page screenshots of the index and of every page are saved to
build/screenshots/ (1280 px wide) and build/screenshots/narrow-400/.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from analysis import report
from report_support import (
    INSTALL_CHROMIUM,
    ROOT,
    SCREENSHOT_DIR,
    WINDOW,
    Chromium,
    Visit,
    committed_report,
    make_notebook,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
ATTRIBUTE = '"><script>alert(2)</script>'

FIGURE_CODE = textwrap.dedent(
    """\
    import matplotlib.pyplot as plt
    %config InlineBackend.print_figure_kwargs = {"metadata": {"Software": None}}
    fig, ax = plt.subplots(figsize=(8, 4))
    ax.plot([1, 2, 3], [2, 5, 3])
    ax.set_title("Attacks per week");"""
)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "analysis.report", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def write_hostile_sources(folder: Path) -> Path:
    """A sources table whose one document holds markup, for highlight_quotes."""
    text = f"Rockets hit the base. A note said {SCRIPT} and then {IMG} in the text.\n"
    (folder / "doc_x.txt").write_text(text, encoding="utf-8")
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    rows = [
        "doc_id,file_name,sha256,title,outlet,published_start,published_end,published_basis",
        f"doc_x,doc_x.txt,{sha},A hostile document,,2020-03-20,2020-03-20,Written for the tests.",
    ]
    path = folder / "sources.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict:
    """A report of three small notebooks: a figure, hostile data tables, and prose only."""
    base = tmp_path_factory.mktemp("sample")
    notebooks = base / "notebooks"
    notebooks.mkdir()
    sources = write_hostile_sources(base)
    make_notebook(
        notebooks / "01-figure.ipynb",
        '# Rockets & "strikes" < 5 a week\n\nHow often did rockets hit the U.S. bases? The chart counts them.',
        FIGURE_CODE,
    )
    make_notebook(
        notebooks / "02-hostile-data.ipynb",
        "# Notes from the data\n\nEvery note, quote and actor name below comes from the data, markup included.",
        textwrap.dedent(
            f"""\
            import pandas as pd
            from IPython.display import HTML
            from analysis import highlight_quotes
            rows = pd.DataFrame({{
                "event_id": ["EV001", {ATTRIBUTE!r}],
                "doc_id": ["doc_x", "doc_x"],
                "actor1": [{IMG!r}, "Kata'ib Hizballah & others"],
                "notes": [{SCRIPT!r}, {IMG!r}],
                "quote": [{SCRIPT!r}, {IMG!r}],
            }})
            rows"""
        ),
        f"HTML(highlight_quotes('doc_x', rows, sources={str(sources)!r}))",
        "print(rows.loc[0, 'notes'])",
    )
    make_notebook(notebooks / "03-prose.ipynb", "# What the reports cannot tell\n\nThey give no daily counts.")
    out = base / "report"
    result = run_cli("--notebooks", str(notebooks), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return {"notebooks": notebooks, "out": out, "result": result, "sources": sources}


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    except FileNotFoundError:
        pytest.fail(INSTALL_CHROMIUM)
    yield chromium
    chromium.close()


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


def test_build_reports_progress_and_writes_a_page_per_notebook(sample):
    out = sample["out"]
    lines = sample["result"].stdout.splitlines()
    assert re.fullmatch(r"\[1/3\] 01-figure \.\.\. \d+\.\d s", lines[0])
    assert re.fullmatch(r"\[2/3\] 02-hostile-data \.\.\. \d+\.\d s", lines[1])
    assert re.fullmatch(r"\[3/3\] 03-prose \.\.\. \d+\.\d s", lines[2])
    assert lines[3].startswith("Report written to ")
    pages = sorted(p.name for p in out.glob("*.html"))
    assert pages == ["01-figure.html", "02-hostile-data.html", "03-prose.html", "index.html"]
    executed = nbformat.read(out / "notebooks" / "01-figure.ipynb", as_version=4)
    assert executed.cells[2].execution_count == 2
    assert "image/png" in executed.cells[2].outputs[0]["data"]


def test_index_has_heading_first_sentence_and_thumbnail_of_each_notebook(sample):
    index = (sample["out"] / "index.html").read_text(encoding="utf-8")
    assert "Rockets &amp; &#34;strikes&#34; &lt; 5 a week" in index
    assert "How often did rockets hit the U.S. bases?" in index
    assert "The chart counts them" not in index  # first sentence only
    assert "Every note, quote and actor name below comes from the data, markup included." in index
    assert "They give no daily counts." in index
    assert index.count('<img src="data:image/png;base64,') == 1  # only 01 has a figure
    assert index.count("No figure") == 2
    links = re.findall(r'<a href="([^"]+)">', index)
    assert links == ["01-figure.html", "02-hostile-data.html", "03-prose.html"]


def test_a_failing_cell_stops_the_build_naming_notebook_cell_and_error(tmp_path):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-fine.ipynb", "# Fine", "x = 1")
    make_notebook(notebooks / "02-broken.ipynb", "# Broken", "rates = {}", "total = 1 / 0\nprint(total)")
    make_notebook(notebooks / "03-after.ipynb", "# After", "y = 2")
    result = run_cli("--notebooks", str(notebooks), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "[2/3] 02-broken ... failed after" in result.stdout
    assert "03-after" not in result.stdout  # stopped at the failure
    message = result.stderr.strip()
    assert message == "error: 02-broken failed in cell 3 ('total = 1 / 0'): ZeroDivisionError: division by zero"
    assert not (tmp_path / "out" / "index.html").exists()
    partial = nbformat.read(tmp_path / "out" / "notebooks" / "02-broken.ipynb", as_version=4)
    assert partial.cells[3].outputs[0]["ename"] == "ZeroDivisionError"


def test_parameters_are_injected_after_the_parameters_cell(tmp_path):
    notebooks = tmp_path / "notebooks"
    make_notebook(notebooks / "01-show.ipynb", "# Parameters", "print(repr(DATA), START, END, AREA)")
    (tmp_path / "export.csv").write_text("event_id_cnty\n", encoding="utf-8")
    result = run_cli(
        "--notebooks", str(notebooks), "--out", "out", "--data", "export.csv",
        "--start", "2019-10-01", "--end", "2020-09-30", "--area", "Baghdad", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    executed = nbformat.read(tmp_path / "out" / "notebooks" / "01-show.ipynb", as_version=4)
    assert executed.cells[1].metadata["tags"] == ["parameters"]
    assert executed.cells[2].metadata["tags"] == ["injected-parameters"]
    data = str((tmp_path / "export.csv").resolve())
    assert executed.cells[3].outputs[0]["text"] == f"{data!r} 2019-10-01 2020-09-30 Baghdad\n"
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "export.csv (ACLED export)" in index and str(tmp_path) not in index
    assert "2019-10-01" in index and "Baghdad" in index


def test_without_parameters_nothing_is_injected(sample):
    source = nbformat.read(sample["notebooks"] / "01-figure.ipynb", as_version=4)
    executed = nbformat.read(sample["out"] / "notebooks" / "01-figure.ipynb", as_version=4)
    assert [c.source for c in executed.cells] == [c.source for c in source.cells]
    assert [c.id for c in executed.cells] == [c.id for c in source.cells]


def test_bad_options_are_refused_before_anything_runs(tmp_path):
    result = run_cli("--notebooks", str(tmp_path), "--out", str(tmp_path / "out"), "--start", "2020-02-30")
    assert result.returncode == 2 and "'2020-02-30' is not a date written YYYY-MM-DD" in result.stderr
    result = run_cli("--out", str(tmp_path / "out"), "--data", str(tmp_path / "missing.csv"))
    assert result.returncode == 2 and "missing.csv: no such file" in result.stderr
    result = run_cli("--notebooks", str(tmp_path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "no notebook matching" in result.stderr


# ---------------------------------------------------------------------------
# Refreshing the committed notebooks in place
# ---------------------------------------------------------------------------


def test_refresh_executes_in_place_and_strips_volatile_metadata(tmp_path):
    path = make_notebook(tmp_path / "01-counts.ipynb", "# Counts", "for i in range(3):\n    print(i)", "{'a': 1}")
    nb = nbformat.read(path, as_version=4)
    nb.metadata["papermill"] = {"duration": 1.2, "input_path": "/somewhere/else.ipynb"}
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells[2].metadata["execution"] = {"iopub.execute_input": "2024-01-01T00:00:00Z"}
    nb.cells[2].metadata["papermill"] = {"duration": 0.1, "status": "completed"}
    nbformat.write(nb, str(path))

    result = run_cli("--refresh-notebooks", "--notebooks", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.match(r"\[1/1\] 01-counts \.\.\. \d+\.\d s", result.stdout)
    refreshed = nbformat.read(path, as_version=4)
    assert "papermill" not in refreshed.metadata and "widgets" not in refreshed.metadata
    assert refreshed.cells[1].metadata == {"tags": ["parameters"]}
    assert refreshed.cells[2].metadata == {}
    assert refreshed.cells[2].outputs == [{"name": "stdout", "output_type": "stream", "text": "0\n1\n2\n"}]
    assert refreshed.cells[3].execution_count == 3
    assert refreshed.cells[3].outputs[0]["data"] == {"text/plain": "{'a': 1}"}
    first = path.read_bytes()
    report.execute_notebook(path)
    assert path.read_bytes() == first  # executing twice gives the same bytes


def test_refresh_leaves_a_failing_notebook_as_it_was(tmp_path):
    path = make_notebook(tmp_path / "01-broken.ipynb", "# Broken", "import missing_module_xyz")
    before = path.read_bytes()
    with pytest.raises(report.NotebookError) as caught:
        report.execute_notebook(path)
    assert caught.value.cell_index == 2
    assert caught.value.ename == "ModuleNotFoundError"
    assert path.read_bytes() == before


def test_notebook_without_cell_ids_gets_stable_ids(tmp_path):
    path = make_notebook(tmp_path / "01-ids.ipynb", "# Ids", "1 + 1")
    raw = json.loads(path.read_text(encoding="utf-8"))
    for cell in raw["cells"]:
        del cell["id"]
    path.write_text(json.dumps(raw), encoding="utf-8")
    report.execute_notebook(path, output_path=tmp_path / "a.ipynb")
    report.execute_notebook(path, output_path=tmp_path / "b.ipynb")
    assert (tmp_path / "a.ipynb").read_bytes() == (tmp_path / "b.ipynb").read_bytes()
    assert [c.id for c in nbformat.read(tmp_path / "a.ipynb", as_version=4).cells] == ["cell-0", "cell-1", "cell-2"]


# ---------------------------------------------------------------------------
# Safe, self-contained HTML
# ---------------------------------------------------------------------------


def live_markup(page: str) -> list[str]:
    """Return script elements and inline event handlers that a browser would honour."""
    return re.findall(r"<script\b[^>]*>", page, flags=re.I) + re.findall(
        r"<[a-z][^>]*\son[a-z]+\s*=", page, flags=re.I
    )


def test_text_from_the_data_is_escaped_in_tables_highlights_and_streams(sample):
    page = (sample["out"] / "02-hostile-data.html").read_text(encoding="utf-8")
    assert live_markup(page) == []
    # the DataFrame table
    assert "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" in page
    assert "<td>&lt;img src=x onerror=alert(1)&gt;</td>" in page
    assert "<td>Kata'ib Hizballah &amp; others</td>" in page
    # highlight_quotes: the document's markup is text, the marks are real
    assert "<mark title=\"EV001\">&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in page
    assert "&lt;img src=x onerror=alert(1)&gt;</mark>" in page
    # printed text
    assert "<pre>&lt;script&gt;alert(1)&lt;/script&gt;\n</pre>" in page


def test_headings_reach_the_pages_escaped(sample):
    page = (sample["out"] / "01-figure.html").read_text(encoding="utf-8")
    assert "<title>Rockets &amp; \"strikes\" &lt; 5 a week</title>" in page
    assert live_markup(page) == []


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
    assert report.find_remote_references(page) == expected


def test_a_page_that_would_load_a_remote_image_is_refused():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Map\n\n![tiles](https://tile.example/1/2/3.png)")])
    with pytest.raises(ValueError, match=r"would load 'https://tile.example/1/2/3.png'"):
        report.render_page(nb, name="map")


def test_pages_carry_no_cdn_script_mathjax_or_random_ids(sample):
    for page in sorted(sample["out"].glob("*.html")):
        text = page.read_text(encoding="utf-8")
        assert report.find_remote_references(text) == [], page.name
        for forbidden in ("require.js", "require.min.js", "MathJax", "mermaid.esm", "cdnjs", "unpkg", "jsdelivr"):
            assert forbidden not in text, (page.name, forbidden)
        assert f'content="{report.REPORT_CSP}"' in text.replace("&#39;", "'"), page.name


def test_rendering_the_same_notebooks_twice_gives_identical_html(sample, tmp_path):
    executed = sorted((sample["out"] / "notebooks").glob("*.ipynb"))
    report.render_report(executed, tmp_path / "again")
    for page in sorted(sample["out"].glob("*.html")):
        assert (tmp_path / "again" / page.name).read_bytes() == page.read_bytes(), page.name


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------


def check_visit(visit: Visit, folder: Path, *, expected_images: int | None = None) -> None:
    """Assert a page loaded cleanly: figures decoded, links inside the report, nothing fetched outside."""
    probe = visit.probe
    assert probe["text"].strip(), f"{visit.url} shows no text"
    assert visit.outside(folder) == [], f"{visit.url} requested {visit.outside(folder)}"
    assert visit.failed == [], f"{visit.url}: failed loads {visit.failed}"
    assert visit.console == [], f"{visit.url}: console {visit.console}"
    assert visit.dialogs == [], f"{visit.url} opened dialogs {visit.dialogs}"
    assert probe["scripts"] == 0 and probe["handlers"] == 0, visit.url
    assert probe["decodeErrors"] == [], f"{visit.url}: {probe['decodeErrors']}"
    for image in probe["images"]:
        assert image["width"] > 0 and image["height"] > 0, f"{visit.url}: image {image['src']} did not decode"
        assert image["src"].startswith("data:image/"), f"{visit.url}: image {image['src']} is not embedded"
    if expected_images is not None:
        assert len(probe["images"]) == expected_images, visit.url
    for link in probe["resolvedLinks"]:
        if link.startswith("file:"):
            target = Path(link.split("#", 1)[0].removeprefix("file://"))
            assert target.is_file(), f"{visit.url}: link to missing {target}"
            assert folder.resolve() in target.resolve().parents, f"{visit.url}: link outside the report {target}"


def figures_in(notebook: Path) -> int:
    nb = nbformat.read(notebook, as_version=4)
    return sum("image/png" in o.get("data", {}) for c in nb.cells for o in c.get("outputs", []))


def test_the_browser_check_catches_remote_loads_scripts_and_missing_images(browser, tmp_path):
    """The checks below can fail: a page with remote loads and live script trips every one."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"></head>'
        f'<body><p>Bad page</p><img src="http://example.invalid/tile.png">{SCRIPT}<img src="missing.png" '
        'onerror="alert(2)"><a href="nowhere.html">a missing page</a></body></html>',
        encoding="utf-8",
    )
    visit = browser.visit(page.as_uri())
    assert "https://cdn.example.com/x.css" in visit.outside(tmp_path)
    assert "http://example.invalid/tile.png" in visit.outside(tmp_path)
    assert visit.dialogs == ["alert: 1", "alert: 2"]
    assert [i["width"] for i in visit.probe["images"]] == [0, 0]
    with pytest.raises(AssertionError):
        check_visit(visit, tmp_path)


def test_sample_report_in_the_browser(browser, sample):
    out = sample["out"]
    index = browser.visit((out / "index.html").as_uri())
    check_visit(index, out, expected_images=1)
    assert index.probe["links"] == ["01-figure.html", "02-hostile-data.html", "03-prose.html"]
    for link in index.probe["resolvedLinks"]:
        name = Path(link.removeprefix("file://")).stem
        visit = browser.visit(link)
        check_visit(visit, out, expected_images=figures_in(out / "notebooks" / f"{name}.ipynb"))
    hostile = browser.visit((out / "02-hostile-data.html").as_uri())
    assert SCRIPT in hostile.probe["text"] and IMG in hostile.probe["text"]  # shown as text


NBCONVERT_PLACEHOLDER = "No description has been provided for this image"


def check_alt_texts(visit: Visit) -> None:
    """Assert every image says what it shows: a non-empty alt text of its own, with the figures that matter."""
    texts = [image["alt"] for image in visit.probe["images"]]
    for alt in texts:
        assert alt and alt.strip(), f"{visit.url}: an image has no alt text"
        assert NBCONVERT_PLACEHOLDER not in alt, f"{visit.url}: an image has nbconvert's placeholder alt text"
        assert len(alt.split()) >= 12 and any(c.isdigit() for c in alt), f"{visit.url}: alt text too vague: {alt!r}"
    assert len(set(texts)) == len(texts), f"{visit.url}: two images share an alt text"


def check_tables(visit: Visit) -> None:
    """Assert no table shows an index column, a missing value as <NA>, NaN or NaT, or text aligned right."""
    for number, table in enumerate(visit.probe["tables"], start=1):
        assert table["rowHeaders"] == 0 and not table["emptyCorner"], f"{visit.url}: table {number} has an index column"
        for missing in ("<NA>", "NaN", "NaT"):
            assert missing not in table["text"].split(), f"{visit.url}: table {number} shows {missing}"
        assert table["leftAligned"], f"{visit.url}: table {number} aligns text to the right"


def test_the_alt_text_and_table_checks_can_fail(browser, sample):
    """The sample report's figure keeps nbconvert's placeholder and its table pandas' index: both checks fail."""
    figure = browser.visit((sample["out"] / "01-figure.html").as_uri())
    assert [image["alt"] for image in figure.probe["images"]] == [NBCONVERT_PLACEHOLDER]
    with pytest.raises(AssertionError, match="placeholder"):
        check_alt_texts(figure)
    table = browser.visit((sample["out"] / "02-hostile-data.html").as_uri())
    with pytest.raises(AssertionError, match="index column"):
        check_tables(table)


NARROW = 400


def test_committed_report_in_the_browser_with_screenshots(browser, capsys):
    built = committed_report()
    with capsys.disabled():  # the time the report takes, shown whatever pytest captures
        print("\n" + built.timing(), end="")
    out = built.out
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOT_DIR.glob("**/*.png"):
        old.unlink()
    narrow = SCREENSHOT_DIR / f"narrow-{NARROW}"
    shots = {}
    index = browser.visit(built.index.as_uri(), screenshot=SCREENSHOT_DIR / "index.png")
    thumbnails = sum(1 for path in built.executed if figures_in(path) > 0)
    check_visit(index, out, expected_images=thumbnails)
    check_alt_texts(index)
    assert index.probe["links"] == [f"{p.stem}.html" for p in built.sources]
    for path, link in zip(built.executed, index.probe["resolvedLinks"]):
        visit = browser.visit(link)
        shots[path.stem] = browser.screenshot(SCREENSHOT_DIR / f"{path.stem}.png")
        check_visit(visit, out, expected_images=figures_in(path))
        check_alt_texts(visit)
        check_tables(visit)
        # the whole page, not only the first window: taller than the window for every page with figures
        assert shots[path.stem][1] > 0 and (figures_in(path) == 0 or shots[path.stem][1] > 2400), path.stem
    browser.set_width(NARROW, mobile=True)
    try:
        for path, link in zip(built.executed, index.probe["resolvedLinks"]):
            visit = browser.visit(link, screenshot=narrow / f"{path.stem}.png")
            for image in visit.probe["images"]:  # a figure keeps its size and scrolls sideways, not shrunk to 400 px
                assert image["declared"] and image["shown"] >= image["declared"] - 1, (path.stem, image)
    finally:
        browser.set_width(*WINDOW)
    expected = sorted(["index.png"] + [f"{p.stem}.png" for p in built.sources])
    assert sorted(p.name for p in SCREENSHOT_DIR.glob("*.png")) == expected
    assert sorted(p.name for p in narrow.glob("*.png")) == sorted(f"{p.stem}.png" for p in built.sources)
    with capsys.disabled():
        sizes = ", ".join(f"{name} {w} x {h}" for name, (w, h) in shots.items())
        print(f"\n[screenshots] full pages in {SCREENSHOT_DIR}: {sizes}; {NARROW} px wide in {narrow}", end="")


def test_committed_report_pages_are_self_contained_and_summarised():
    built = committed_report()
    index = built.index.read_text(encoding="utf-8")
    for source in built.sources:
        page = (built.out / f"{source.stem}.html").read_text(encoding="utf-8")
        assert report.find_remote_references(page) == [], source.name
        assert live_markup(page) == [], source.name
        heading, sentence = report.notebook_summary(nbformat.read(source, as_version=4))
        assert heading, f"{source.name} has no Markdown heading for the index"
        assert sentence, f"{source.name} has no sentence after its heading for the index"
        assert f"<h2>{_escape(heading)}</h2>" in index
        assert f"<p>{_escape(sentence)}</p>" in index


def _escape(text: str) -> str:
    import markupsafe

    return str(markupsafe.escape(text))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# Attacks\n\n**The question.** How often did the U.S. bases come under fire? More.", "How often did the U.S. bases come under fire?"),
        ("# Attacks\n\nRockets hit [Camp Taji](https://example.org/taji), e.g. on 11 March. Then more.", "Rockets hit Camp Taji, e.g. on 11 March."),
        ("# Attacks\n\n- a list item first\n\nA `code` word and *emphasis* here! Next.", "A code word and emphasis here!"),
        ("# Attacks\n\n| table | row |\n\n## Sub heading\n\nThe sentence.", "The sentence."),
        ("No heading here. At all.", ""),
    ],
)
def test_notebook_summary_takes_the_first_sentence_after_the_heading(markdown, expected):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(markdown)])
    heading, sentence = report.notebook_summary(nb)
    assert sentence == expected
    assert heading == ("Attacks" if expected else "")
