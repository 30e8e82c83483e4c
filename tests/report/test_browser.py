"""The reports in a real browser: Debian's headless Chromium with the network off.

Every page of the sample report and of the committed notebooks' report is
opened (see report_support.py): each must load, every figure must decode to
a non-empty image, every link of the index must lead to a page of the
report, and nothing may be requested from outside the report's folder.
On the committed notebooks' report, also: every image has an alt text of its own,
no table shows an index column or <NA>; and at 360, 768 and 1,400 px wide, no element is
wider than the window, no table wider than its column, and figures scale down to the column (on a phone, to no
less than 720 px, scrolling sideways in a frame that fits).
``pytest --screenshots DIR`` takes full-page screenshots of the index and of every page at every width and
keeps them (``DIR/360px/``, ``768px/``, ``1400px/``); without it none is taken.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from report_support import (
    IMG,
    INSTALL_CHROMIUM,
    SCRIPT,
    WINDOW,
    Chromium,
    Visit,
    committed_report,
    sample_report,
    story_runs,
)

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_report(tmp_path_factory)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    try:
        chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    except FileNotFoundError:
        pytest.fail(INSTALL_CHROMIUM)
    yield chromium
    chromium.close()


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


def test_the_page_policy_refuses_a_style_the_report_does_not_write(browser, tmp_path):
    """Without 'unsafe-inline', only the page's own styles and its tables' cell alignment apply."""
    from analysis.report.render import render_report
    from analysis.viz.tables import as_table

    table = as_table(__import__("pandas").DataFrame({"place": ["Town A"], "events": [3]}))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("display(table)")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={
        "text/html": '<div id="cover" style="position:fixed;inset:0;background:red">cover</div>' + table._repr_html_(),
        "text/plain": "table"})]
    notebook = tmp_path / "01-style.ipynb"
    nbformat.write(nb, notebook)
    render_report([notebook], tmp_path / "report")
    visit = browser.visit((tmp_path / "report" / "01-style.html").as_uri())
    refused = [line for line in visit.console if "style" in line and "Content Security Policy" in line]
    assert len(refused) == 1 and visit.console == refused, visit.console
    position = browser.call("Runtime.evaluate", returnByValue=True,
                            expression="getComputedStyle(document.getElementById('cover')).position")
    assert position["result"]["value"] == "static"  # the smuggled style is not applied
    assert visit.probe["tables"][0]["leftAligned"]  # the table's own cell styles are


def test_sample_report_in_the_browser(browser, sample):
    out = sample.out
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
    figure = browser.visit((sample.out / "01-figure.html").as_uri())
    assert [image["alt"] for image in figure.probe["images"]] == [NBCONVERT_PLACEHOLDER]
    with pytest.raises(AssertionError, match="placeholder"):
        check_alt_texts(figure)
    table = browser.visit((sample.out / "02-hostile-data.html").as_uri())
    with pytest.raises(AssertionError, match="index column"):
        check_tables(table)


#: The widths every page is laid out at: a phone, a tablet, a desktop window.
WIDTHS = (360, 768, 1400)
#: The width a figure takes on a phone's screen (under 600 px) when the reader enlarges it, scrolling sideways in its frame.
PHONE_FIGURE = 720


@pytest.fixture
def screenshot_dir(request):
    """The folder given with ``--screenshots``, where every page is saved at every width; None: not asked for."""
    chosen = request.config.getoption("screenshots")
    if not chosen:
        return None
    folder = Path(chosen).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("**/*.png"):
        old.unlink()
    return folder


def check_fits(visit: Visit, width: int) -> None:
    """Assert nothing on the page is wider than the window, and no table wider than its column."""
    probe = visit.probe
    assert probe["tooWide"] == [], f"{visit.url} at {width} px: wider than the window: {probe['tooWide'][:5]}"
    assert probe["wideTables"] == [], f"{visit.url} at {width} px: tables wider than their column: {probe['wideTables']}"
    assert probe["pageWidth"] <= probe["viewport"], f"{visit.url} at {width} px: the page is {probe['pageWidth']} px wide"


def test_the_fit_check_catches_a_wide_table_and_a_wide_figure(browser, tmp_path):
    """A table and a figure wider than a 360-pixel window both fail the check."""
    page = tmp_path / "wide.html"
    page.write_text('<!DOCTYPE html><html><head><meta name="viewport" content="width=device-width"></head><body>'
                    '<div style="width:300px"><table><tr><td style="white-space:nowrap">' + "word " * 80
                    + '</td></tr></table></div><div class="figure" style="width:900px">a wide figure</div>'
                    '</body></html>', encoding="utf-8")
    browser.set_width(360, mobile=True)
    try:
        visit = browser.visit(page.as_uri())
    finally:
        browser.set_width(*WINDOW)
    assert visit.probe["wideTables"] and any(entry.startswith("div.figure") for entry in visit.probe["tooWide"])
    with pytest.raises(AssertionError, match="wider than"):
        check_fits(visit, 360)


def check_enlarged(browser: Chromium, width: int, name: str) -> None:
    """Tick every figure's box to enlarge it: each keeps 720 px (its labels at 0.72 of their size or more), or
    its own width if smaller, scrolling sideways in its frame, which fits, and a line above it says so; untick
    them: each fits the screen again."""
    boxes = browser.click_all("input.zoom-toggle")
    enlarged = browser.probe()
    check_fits(Visit(url=name, probe=enlarged), width)
    images = [image for image in enlarged["images"] if image["zoomable"]]
    assert len(images) == boxes > 0, (width, name, boxes)
    for image in images:
        assert image["shown"] == pytest.approx(min(image["declared"], PHONE_FIGURE)), (width, name, image)
        assert image["cut"] and image["hinted"] and image["hintedAbove"], (width, name, image)
    browser.click_all("input.zoom-toggle")
    assert not any(image["cut"] or image["hinted"] for image in browser.probe()["images"]), (width, name)


def test_committed_report_in_the_browser(browser, screenshot_dir, tmp_path_factory, capsys):
    """Every page and the index, at a phone's, a tablet's and a desktop's width: nothing wider than the window.

    With ``--screenshots DIR``, full-page screenshots (the whole page, not only the first window) are taken at
    every width, into ``DIR/<width>px/``; without it none is taken (they were 5 of the test's 8 s, for files
    no one looked at), and each page's height is measured instead.
    """
    built = committed_report(tmp_path_factory)
    shot_widths = WIDTHS if screenshot_dir is not None else ()
    out = built.out
    thumbnails = sum(1 for path in built.sources if figures_in(path) > 0)
    shots = {}
    desktop, *narrower = sorted(WIDTHS, reverse=True)
    pages = [(built.index, None)] + [(path, path) for path in built.sources]
    links = {}
    try:
        for page, source in pages:
            # each page is opened once, at the desktop's width: what loads, the alt texts and the tables are checked
            # there; then the window is narrowed and the same page measured again at each width, laid out anew
            name = "index" if source is None else source.stem
            browser.set_width(desktop)
            visit = browser.visit(page.as_uri() if source is None else links[name],
                                  screenshot=(screenshot_dir / f"{desktop}px" / f"{name}.png"
                                              if source is None and desktop in shot_widths else None))
            check_visit(visit, out, expected_images=thumbnails if source is None else figures_in(source))
            check_alt_texts(visit)
            if source is None:
                assert visit.probe["links"] == [f"{p.stem}.html" for p in built.sources]
                links = dict(zip((path.stem for path in built.sources), visit.probe["resolvedLinks"]))
            else:
                check_tables(visit)
            for width in [desktop, *narrower]:
                if width != desktop:
                    browser.set_width(width, mobile=width < 600)
                    visit = Visit(url=visit.url, probe=browser.probe())
                check_fits(visit, width)
                for image in visit.probe["images"] if source is not None else ():  # a page's figures (not thumbnails)
                    # never drawn larger than made, they fit the column, whole, at every width; on a phone a box above
                    # each one wider than the screen offers to enlarge it
                    assert 0 < image["shown"] <= min(image["declared"], width), (width, name, image)
                    assert not image["cut"] and not image["hinted"], (width, name, image)
                    assert image["zoomable"] == (width < 600 and image["declared"] > 360), (width, name, image)
                if width < 600 and source is not None:
                    check_enlarged(browser, width, name)
                if width in shot_widths and (width != desktop or source is not None):
                    shots[(width, name)] = browser.screenshot(screenshot_dir / f"{width}px" / f"{name}.png")
                if width == desktop and source is not None:
                    # the whole page, not only the first window: taller than the window for every page with figures
                    assert figures_in(source) == 0 or browser.page_size()[1] > WINDOW[1], (width, name)
    finally:
        browser.set_width(*WINDOW)
    for width in shot_widths:
        names = sorted(p.name for p in (screenshot_dir / f"{width}px").glob("*.png"))
        assert names == sorted(["index.png"] + [f"{p.stem}.png" for p in built.sources]), width
    if shots:
        with capsys.disabled():
            sizes = ", ".join(f"{name} at {width} px {w} x {h}" for (width, name), (w, h) in shots.items())
            print(f"\n[screenshots] in {screenshot_dir}/<width>px: {sizes}", end="")


def test_an_acled_reports_pages_fit_a_tablet_and_a_desktop(browser, tmp_path_factory):
    """An ACLED run's pages, whose tables hold more columns than the committed report's (a column per month of the
    outlets' table, the actors beside each event): at 768 px the events tables were wider than their column
    (819 px in 722), and an outlets' table of 15 months at 1,400 px (1,752 px in 1,090). A table whose words cannot
    wrap to fit scrolls in its own box; nothing on the page is wider than the window."""
    out = story_runs(tmp_path_factory)["acled-conflicts"]["out"]
    pages = sorted(out.glob("*.html"))
    assert len(pages) >= 5
    try:
        for width in (1400, 768):
            browser.set_width(width)
            for page in pages:
                check_fits(browser.visit(page.as_uri()), width)
    finally:
        browser.set_width(*WINDOW)
