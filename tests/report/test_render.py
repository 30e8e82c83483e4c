"""Rendering pages: text from the data reaches them escaped, and the same notebooks give the same bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_support import live_markup, sample_report

from analysis.report.render import render_report

pytestmark = pytest.mark.report  # builds or renders a report: left out by `make test-fast`


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_report(tmp_path_factory)


def test_text_from_the_data_is_escaped_in_tables_highlights_and_streams(sample):
    page = (sample.out / "02-hostile-data.html").read_text(encoding="utf-8")
    assert live_markup(page) == []
    # the DataFrame table (each cell labelled with its column's name, for a narrow screen's cards)
    assert re.search(r'<td data-label="[^"<>]*">&lt;script&gt;alert\(1\)&lt;/script&gt;</td>', page)
    assert re.search(r'<td data-label="[^"<>]*">&lt;img src=x onerror=alert\(1\)&gt;</td>', page)
    assert re.search(r"<td data-label=\"[^\"<>]*\">Kata'ib Hizballah &amp; others</td>", page)
    # highlight_quotes: the document's markup is text, the marks are real
    assert "<mark title=\"EV001\">&lt;script&gt;alert(1)&lt;/script&gt;</mark>" in page
    assert "&lt;img src=x onerror=alert(1)&gt;</mark>" in page
    # printed text
    assert "<pre>&lt;script&gt;alert(1)&lt;/script&gt;\n</pre>" in page


def test_headings_reach_the_pages_escaped(sample):
    page = (sample.out / "01-figure.html").read_text(encoding="utf-8")
    assert "<title>Rockets &amp; \"strikes\" &lt; 5 a week</title>" in page
    assert live_markup(page) == []


def test_rendering_the_same_notebooks_twice_gives_identical_html(sample, tmp_path):
    executed = sorted((sample.out / "notebooks").glob("*.ipynb"))
    render_report(executed, tmp_path / "again")
    for page in sorted(sample.out.glob("*.html")):
        assert (tmp_path / "again" / page.name).read_bytes() == page.read_bytes(), page.name


def test_table_cells_carry_their_column_name_escaped_for_the_narrow_cards():
    """A header holding markup or quotes labels its cells as text; a table without a header row is left alone."""
    from analysis.report.render import labelled_tables

    table = ('<table class="report-table"><thead><tr><th>a &quot;b&quot; &lt;script&gt;</th><th>n</th></tr></thead>'
             '<tbody><tr><td>x</td><td>1</td></tr><tr><td>y</td><td>2</td></tr></tbody></table>')
    labelled = labelled_tables(table)
    assert labelled.count('<td data-label="a &quot;b&quot; &lt;script&gt;">') == 2
    assert labelled.count('<td data-label="n">') == 2
    assert "<script" not in labelled
    bare = "<table><tr><td>x</td></tr></table>"
    assert labelled_tables(bare) == bare
    # a name that explains itself in brackets gives its first words too, escaped, for the cards after the first
    explained = ('<table><thead><tr><th>expected (a share &lt;b&gt; of 1)</th><th>&lt;i&gt; (x)</th></tr></thead>'
                 '<tbody><tr><td>1.00</td><td>2</td></tr></tbody></table>')
    cells = labelled_tables(explained)
    assert '<td data-label="expected (a share &lt;b&gt; of 1)" data-short="expected">1.00</td>' in cells
    assert 'data-short="&lt;i&gt;"' in cells and "<i>" not in cells.split("</thead>")[1]


def test_a_chart_headline_given_as_text_is_written_escaped_above_its_image():
    """The page writes the headline and subtitle above the image and the source line under it, as text."""
    import nbformat

    from analysis.report.render import render_page

    words = {"headline": "Attacks <script>alert(1)</script> & rose", "subtitle": "Per week <i>x</i>",
             "source": "Source: <img src=x onerror=alert(1)>"}
    figure = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
                                    metadata={"image/png": {"width": 400, "height": 200, "alt": "Chart: a", **words}})
    plain = nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"},
                                   metadata={"image/png": {"width": 400, "height": 200, "alt": "Chart: b"}})
    cell = nbformat.v4.new_code_cell("plt.show()", outputs=[figure, plain])
    page = render_page(nbformat.v4.new_notebook(cells=[cell]), name="figure")
    assert live_markup(page) == []
    headline = page.index('<h3 class="chart-headline">Attacks &lt;script&gt;alert(1)&lt;/script&gt; &amp; rose</h3>')
    subtitle = page.index('<p class="chart-subtitle">Per week &lt;i&gt;x&lt;/i&gt;</p>')
    image = page.index('alt="Chart: a"')
    source = page.index('<p class="chart-source">Source: &lt;img src=x onerror=alert(1)&gt;</p>')
    assert headline < subtitle < image < source < page.index('alt="Chart: b"')
    assert page.count('class="chart-headline"') == 1 and page.count('class="chart-source"') == 1


def test_a_page_of_a_window_without_events_keeps_only_the_words_written_from_the_data(tmp_path):
    """The committed timeline notebook, as a run of an empty window sees it: the sections that explain charts not
    drawn (the escalation measure, how it is counted) are written empty, and its figures and tables show nothing:
    the page says once that the window is empty, and where the data are."""
    import nbformat
    from acled_files import write_acled_events
    from report_support import page_text

    from analysis.report.execute import inject_parameters, read_notebook, without_default_only
    from analysis.report.inputs import notebook_data
    from analysis.report.render import only_what_the_window_holds, render_page
    from analysis.report.story import Story
    from analysis.report.words.common import CARD_METADATA

    path = write_acled_events(tmp_path / "far.csv", [{"event_date": "2020-05-04"}])
    story = Story(notebook_data(str(path), start="2021-01-01", end="2021-02-01"))
    notebook = Path(__file__).resolve().parents[2] / "notebooks" / "01-escalation-timeline.ipynb"
    nb = without_default_only(inject_parameters(read_notebook(notebook),
                                                {"DATA": str(path), "START": "2021-01-01", "END": "2021-02-01"}))
    # the escalation measure's paragraph and rule are the page's words, written from the data: none for a window
    # without events (they were Markdown cells, which the page had to leave out)
    assert story.section("escalation") == "" and story.section("scoring") == ""
    heading = story.heading("timeline")
    first = next(cell for cell in nb.cells if cell.cell_type == "code" and "story.heading" in cell.source)
    first.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": heading.markdown},
                                            metadata={CARD_METADATA: heading.card})]
    for cell in nb.cells:  # the sections written from the data, as this window's run writes them (none of them here)
        named = re.search(r'story\.section\("(\w+)"\)', cell.source) if cell.cell_type == "code" else None
        if named and named.group(1) in ("escalation", "scoring"):
            said = story.section(named.group(1))
            cell.outputs = [nbformat.v4.new_output("display_data", {"text/markdown": said})] if said else []
    page = render_page(only_what_the_window_holds(nb), name="01-escalation-timeline")
    text = page_text(page)
    assert text.count("No events in this window") == 1 and "The file's events run from 4 May 2020" in text
    assert "<img" not in page and "<table" not in page and "Nothing to show" not in text
    assert "An escalation measure" not in text and "How the escalation score is counted" not in text
