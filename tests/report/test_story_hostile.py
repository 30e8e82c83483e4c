"""Hostile values in the data and the options reach a page's prose as text: never as HTML, a link or an image.

A small ACLED file whose free-text fields (location, actors, region,
country, outlets, source scale) and whose file name hold markup, run with
an area and a target that hold markup too. Every text the pages' words
write is displayed as the notebooks display it (:func:`analysis.report.story.tell`),
rendered by the report's own exporter, and the page is checked as a browser
would read it.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest
from acled_files import write_acled
from report_support import page_text

from analysis import as_table
from analysis.report.inputs import EVENTS_FILE, LINKS_FILE, notebook_data
from analysis.report.render import render_report
from analysis.report.safety import find_remote_references
from analysis.report.story import PAGES, Story
from analysis.report.words.common import CARD_METADATA, DATELINE_METADATA, Dateline
from analysis.text import markdown_text

# Slow: every test builds a run's pages or words from a file of hostile values.
pytestmark = pytest.mark.slow

#: One hostile value per field, each naming its field so a leak says where it came from.
HOSTILE = {
    "location": '<meta http-equiv="refresh" content="0;url=https://evil.example/location">',
    "actor1": 'Military Forces of <div style="position:fixed;inset:0;background:#fff">actor1</div>',
    "actor2": "Military Forces of the [actor2](https://evil.example/actor2) **bold** `code`",
    "admin1": "Region <b>admin1</b> ![admin1](https://evil.example/admin1.png)",
    "country": "Somalia <i>country</i> $x^2$ _em_",
    "source": "<script>alert('source')</script> https://evil.example/source",
    "source_scale": "<img src=x onerror=alert('scale')>",
}
FILE_NAME = "x_<b>file <img src=x>_[f](https:evil.example).csv"
#: Tags the page may hold inside its notebook outputs: what the words' own Markdown makes.
OWN_TAGS = {"div", "p", "h1", "h2", "strong", "em", "code", "ul", "li", "a", "img", "table", "thead", "tbody", "tr",
            "th", "td", "caption", "pre", "span"}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    path = write_acled(folder / "plain.csv", 60)
    frame = pd.read_csv(path, keep_default_na=False, dtype=str)
    for column, value in HOSTILE.items():
        frame[column] = value
    frame["event_type"] = "Battles"  # every event an attack, so every sentence names the hostile rows
    frame["sub_event_type"] = "Armed clash"
    frame.loc[:9, ["event_type", "sub_event_type"]] = ["Strategic developments", "Headquarters or base established"]
    frame["fatalities"] = [str(10 + i % 7) for i in range(len(frame))]
    # one battle told twice, so the caveats' table of events alike shows the hostile actors and place
    told_twice = ["event_date", "year", "time_precision", "latitude", "longitude"]
    frame.loc[11, told_twice] = frame.loc[10, told_twice].to_numpy()
    hostile_path = folder / FILE_NAME
    frame.to_csv(hostile_path, index=False)
    data = notebook_data(str(hostile_path), area=HOSTILE["admin1"], target="[actor2](https://evil.example/actor2)")
    assert len(data.events) == 60 and len(data.attacks) > 0  # the options chose the hostile rows
    story = Story(data)
    texts = [story.heading(page) for page in PAGES] + [story.dateline(page) for page in PAGES]
    texts += [story.section(name) for name in ("timeline", "events", "counting", "totals", "posture",
                                               "posture table", "troops", "reports", "matrix", "conflicts",
                                               "coding", "posture coding",
                                               "passages")]
    texts += [story.timeline(), story.attacks(), story.killed_over_time(), story.casualties(), story.posture(),
              story.sources(), story.limits("timeline"), story.limits("attacks"), story.attacks_note(),
              story.posture_table_note(), story.caveats()]
    alike = as_table(story.duplicates_table(), caption=story.duplicates_note())
    assert len(alike.frame) == 1  # the battle told twice
    outputs = []
    for text in texts:
        markdown = text.markdown if hasattr(text, "markdown") else text
        metadata = ({DATELINE_METADATA if isinstance(text, Dateline) else CARD_METADATA: text.card}
                    if hasattr(text, "card") else {})
        outputs.append(nbformat.v4.new_output("display_data", data={"text/markdown": markdown}, metadata=metadata))
    outputs.append(nbformat.v4.new_output("display_data", data={"text/html": alike._repr_html_()}))
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("tell(data, text)")])
    nb.cells[0].outputs = outputs
    notebook = folder / "01-hostile.ipynb"
    nbformat.write(nb, notebook)
    index = render_report([notebook], folder / "report")
    return {"texts": [t.markdown if hasattr(t, "markdown") else t for t in texts], "alike": alike._repr_html_(),
            "page": (folder / "report" / "01-hostile.html").read_text(encoding="utf-8"),
            "index": index.read_text(encoding="utf-8"), "data": data}


class _Elements(HTMLParser):
    """The elements and attributes of a page's body."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.body = False
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.body = self.body or tag == "body"
        if self.body:
            self.tags.append((tag, dict(attrs)))


def assert_no_markup_from_the_data(page: str, *, tables: bool = False) -> None:
    """Assert a page's body holds only the tags the words' own Markdown makes: no link, image, handler or style from
    the data (with ``tables``, the only style is the tables' own alignment of their cells)."""
    parser = _Elements()
    parser.feed(page)
    tags = parser.tags
    assert not [t for t, _ in tags if t not in OWN_TAGS | {"body", "main", "nav", "br", "hr"}]
    assert not [(t, a) for t, a in tags if t == "a" and a.get("href") not in ("index.html", EVENTS_FILE, LINKS_FILE) and not
                str(a.get("href", "")).startswith("#")], "a link from the data"  # events.csv, links.csv: the build's own files
    assert not [a for t, a in tags if t == "img"], "an image from the data"
    assert not [a for t, a in tags if any(k.startswith("on") for k in a)]
    assert not [(t, a) for t, a in tags if "style" in a and not (
        tables and t in ("td", "th") and a["style"].startswith("text-align:"))]


@pytest.mark.slow
def test_every_hostile_value_is_shown_as_typed_and_none_is_markup(hostile):
    page = hostile["page"]
    seen = page_text(page)
    words = "\n".join(hostile["texts"])
    for field, value in {**HOSTILE, "file name": FILE_NAME}.items():
        if markdown_text(value) in words:  # the value reaches the prose ...
            assert value in seen, f"{field}: not shown as typed"  # ... and is shown, character for character
    for field in ("location", "actor1", "actor2", "admin1", "country", "source", "source_scale", "file name"):
        value = HOSTILE.get(field, FILE_NAME)
        assert markdown_text(value) in words, f"{field} never reaches the prose: the test would not see it leak"
    for field in ("location", "actor1", "actor2"):  # the table of events alike shows them too
        assert HOSTILE[field] in html.unescape(hostile["alike"]), f"{field} never reaches the table of events alike"
    assert_no_markup_from_the_data(page, tables=True)
    assert "<strong>bold</strong>" not in page and "<code>code</code>" not in page and "<em>em</em>" not in page
    assert find_remote_references(page) == []


def test_the_index_card_and_title_hold_the_values_as_text(hostile):
    index, page = hostile["index"], hostile["page"]
    title = re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1)
    target = hostile["data"].selection.target_words  # every page follows the target
    assert html.unescape(title) == (f"How events involving {target} unfolded in {HOSTILE['admin1']}, "
                                    + hostile["data"].period_text)
    assert html.escape(HOSTILE["admin1"], quote=False) in index or html.escape(HOSTILE["admin1"]) in index
    assert "<b>admin1</b>" not in index and "evil.example/admin1.png\"" not in index


def test_the_dateline_names_the_outlets_as_text_on_the_page_and_the_index(hostile):
    """The dateline (the sources named) holds ACLED's outlet and the file's name as typed, never as markup."""
    index = hostile["index"]
    dateline = re.search(r'<p class="dateline">(.*?)</p>', index, flags=re.S).group(1)
    assert html.unescape(dateline).startswith(f"From ACLED ({FILE_NAME}; ")
    assert HOSTILE["source"] in html.unescape(dateline) and "<script>" not in dateline
    assert FILE_NAME in html.unescape(dateline) and "<b>file" not in dateline


def test_a_markdown_output_cannot_carry_html_or_an_image_into_the_page(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("display(Markdown(text))")])
    raw = ('<meta http-equiv="refresh" content="0;url=https://evil.example"> <div style="position:fixed">x</div> '
           "![x](https://evil.example/x.png) [link](javascript:alert(1))")
    nb.cells[0].outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": raw})]
    notebook = tmp_path / "01-raw.ipynb"
    nbformat.write(nb, notebook)
    render_report([notebook], tmp_path / "report")  # an image link no longer fails the build
    page = (tmp_path / "report" / "01-raw.html").read_text(encoding="utf-8")
    assert "<meta http-equiv=\"refresh\"" not in page and '<div style="position:fixed">' not in page
    assert "![x](https://evil.example/x.png)" in page_text(page) and find_remote_references(page) == []
    assert 'href="javascript:' not in page


#: The export's fields the page that sets the coded events beside it shows, each hostile in some rows: an id of a
#: linked row and of a row the coded data lacks, every place, the attacker of the K-1 attack (a difference) and of
#: the rows the coded data lacks (their list).
COMPARED_HOSTILE = {
    "event_id_cnty": "IRQ<b>1</b>[id](https://evil.example/id)",
    "location": '<img src=x onerror=alert("place")> *place*',
    "actor1": "<i>Group</i> [actor1](https://evil.example/actor1) `code`",
}


@pytest.fixture(scope="module")
def hostile_comparison(tmp_path_factory):
    from acled_files import COMPARISON_EVENTS, write_acled_comparison

    from analysis import as_table, load_acled
    from analysis.report.words import compare as words

    folder = tmp_path_factory.mktemp("hostile-comparison")
    lacked = [i for i, row in enumerate(COMPARISON_EVENTS) if row["notes"].endswith("which hosts US troops.")
              and "Taji" not in row["notes"]]
    changes = {i: {"location": COMPARED_HOSTILE["location"]} for i in range(len(COMPARISON_EVENTS))}
    for i in (1, lacked[0]):
        changes[i]["event_id_cnty"] = COMPARED_HOSTILE["event_id_cnty"] + str(i)
    for i in (3, *lacked):
        changes[i]["actor1"] = COMPARED_HOSTILE["actor1"]
    path = write_acled_comparison(folder / FILE_NAME, changes=changes)
    compared = words.compare(notebook_data(), load_acled(path))
    texts = [words.page_heading(compared), words.dateline(compared), words.found(compared),
             words.differences(compared), words.without_counterpart(compared), words.outside_scope(compared),
             words.lacking(compared), words.checks(compared), words.method(compared)]
    tables = [as_table(words.found_table(compared)), as_table(words.lacking_table(compared),
                                                              caption=words.lacking_caption(compared))]
    outputs = [nbformat.v4.new_output("display_data", data={"text/markdown": getattr(t, "markdown", t)},
                                      metadata={CARD_METADATA: t.card} if hasattr(t, "summary") else {})
               for t in texts]
    outputs += [nbformat.v4.new_output("display_data", data={"text/html": t._repr_html_()}) for t in tables]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("show(text)")])
    nb.cells[0].outputs = outputs
    notebook = folder / "05-hostile.ipynb"
    nbformat.write(nb, notebook)
    index = render_report([notebook], folder / "report")
    return {"words": "\n".join(getattr(t, "markdown", t) for t in texts),
            "tables": [t._repr_html_() for t in tables],
            "page": (folder / "report" / "05-hostile.html").read_text(encoding="utf-8"),
            "index": index.read_text(encoding="utf-8")}


@pytest.mark.slow
def test_the_comparison_page_shows_every_hostile_value_of_the_export_as_typed(hostile_comparison):
    page, words = hostile_comparison["page"], hostile_comparison["words"]
    seen = page_text(page)
    tables = "\n".join(html.unescape(t) for t in hostile_comparison["tables"])
    for field, value in {**COMPARED_HOSTILE, "file name": FILE_NAME}.items():
        assert markdown_text(value) in words or value in tables, f"{field} never reaches the page"
        assert value in seen, f"{field}: not shown as typed"
    assert_no_markup_from_the_data(page, tables=True)
    assert "<i>Group</i>" not in page and "<code>code</code>" not in page and "<em>place</em>" not in page
    assert find_remote_references(page) == []
    title = re.search(r"<title>(.*?)</title>", page, flags=re.S).group(1)
    assert html.unescape(title) == f"The coded events beside the ACLED export {FILE_NAME}"
    assert "<b>file" not in hostile_comparison["index"]
