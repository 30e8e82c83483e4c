"""What the index says of each page: heading, first sentence, thumbnail, parameters."""

from __future__ import annotations

import re

import nbformat
import pytest
from report_support import sample_report

from analysis.report.summary import notebook_summary


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    return sample_report(tmp_path_factory)


@pytest.mark.report  # builds the sample report: left out by `make test-fast`
def test_index_has_heading_first_sentence_and_thumbnail_of_each_notebook(sample):
    index = (sample.out / "index.html").read_text(encoding="utf-8")
    assert "Rockets &amp; &#34;strikes&#34; &lt; 5 a week" in index
    assert "How often did rockets hit the U.S. bases?" in index
    assert "The chart counts them" not in index  # first sentence only
    assert "Every note, quote and actor name below comes from the data, markup included." in index
    assert "They give no daily counts." in index
    assert index.count('<img src="data:image/png;base64,') == 1  # only 01 has a figure
    assert index.count('class="thumbnail"') == 1 and "No figure" not in index  # the others: words only
    links = re.findall(r'<a href="([^"]+)">', index)
    assert links == ["01-figure.html", "02-hostile-data.html", "03-prose.html"]


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
    heading, sentence = notebook_summary(nb)
    assert sentence == expected
    assert heading == ("Attacks" if expected else "")


def test_a_generated_heading_gives_its_card_as_data_not_read_back_from_its_markdown(tmp_path):
    from analysis.report.summary import page_card
    from analysis.report.words.common import CARD_METADATA

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A hand-written heading\n\nIts first sentence. More."),
        nbformat.v4.new_code_cell("tell(data, story.heading('timeline'))"),
    ])
    card = {"title": "Events in Town *A* [x](https://example.org)", "summary": "3 events in Town *A* e.g. here."}
    nb.cells[1].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/markdown": "# Events in Town \\*A\\* \\[x\\](https\\://example\\.org)"},
        metadata={CARD_METADATA: card})]
    found = page_card(tmp_path / "01-a.ipynb", nb)
    assert (found.title, found.summary) == (card["title"], card["summary"])  # markup kept as text, no sentence cut
    del nb.cells[1].outputs[0]["metadata"][CARD_METADATA]
    found = page_card(tmp_path / "01-a.ipynb", nb)
    assert (found.title, found.summary) == ("A hand-written heading", "Its first sentence.")


def test_the_index_opens_with_the_dateline_and_lists_the_options_only_for_a_run_with_options():
    """The default run's index shows the first page's dateline and no option list; a run with options shows both."""
    from analysis.report.render import render_index
    from analysis.report.summary import PageCard

    cards = [PageCard("01", "01-a.html", "A", "First.", None, None, None, dateline=None),
             PageCard("02", "02-b.html", "B", "Second.", None, None, None, dateline="Iraq, 2020. 4 attacks, from <AP>.")]
    default = render_index(cards, parameters={"START": None, "AREA": ""})
    assert '<p class="dateline">Iraq, 2020. 4 attacks, from &lt;AP&gt;.</p>' in default
    assert "parameters" not in default.split("<body>")[1] and "the first event" not in default
    chosen = render_index(cards, parameters={"AREA": "Baghdad"})
    assert '<dl class="parameters">' in chosen and "<dd>Baghdad</dd>" in chosen and 'class="dateline"' in chosen
    assert "Dates read" not in chosen and "Rows that could not be read" not in chosen  # the options of a data file, when given
    read = render_index(cards, parameters={"DATA": "/x/resaved.csv", "DAYFIRST": "true"})
    assert "<dt>Dates read</dt><dd>day first</dd>" in read
    # the settings come after the pages' cards, folded: a reader meets the findings first
    assert chosen.index('<ol class="notebooks">') < chosen.index('<details class="settings">') < chosen.index(
        '<dl class="parameters">')


def test_the_index_is_titled_by_the_report_title_a_pages_dateline_carries():
    """An ACLED run's index says what the report is about (countries, dates) from the data, never the file's name."""
    import nbformat

    from analysis.report.render import render_index
    from analysis.report.summary import PageCard, written_dateline
    from analysis.report.words.common import DATELINE_METADATA

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("say(story.dateline('timeline'))")])
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": "*Iraq.*"}, metadata={
        DATELINE_METADATA: {"dateline": "Iraq.", "report_title": "Conflict events in Iraq <and> Syria, 2020"}})]
    title = written_dateline(nb, "report_title")
    assert title == "Conflict events in Iraq <and> Syria, 2020"
    card = PageCard("01", "01-a.html", "A", "First.", None, None, None, dateline="Iraq.", report_title=title)
    page = render_index([card], parameters={"DATA": "/data/export-2020.csv"})
    assert "<title>Conflict events in Iraq &lt;and&gt; Syria, 2020</title>" in page and "export-2020.csv</h1>" not in page
    assert "Conflict events in export-2020.csv" in render_index([PageCard("01", "01-a.html", "A", "First.", None, None,
                                                                          None)], parameters={"DATA": "/x/export-2020.csv"})
