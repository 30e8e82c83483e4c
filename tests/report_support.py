"""Shared by the report's tests: sample notebooks, the two reports they look at, a headless browser.

Reports are made once per test run and looked at by several test modules:

- the sample report, built by the command line's ``main`` from three small
  notebooks written here (a figure; data tables full of markup; prose
  only), which executes them; under pytest-xdist the workers share it;
- the report of the committed notebooks, rendered from the files as
  committed (in pytest's temporary folder), without executing them again: nbval executes them in the same
  run and checks that every output, figures included, is what a fresh run
  gives (see the conftest.py beside pyproject.toml);
- two reports of other runs (:data:`RUNS`: an ACLED-format file written by the tests, and a window of the
  coded data compared with an export), built by the command line.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from acled_files import write_acled_comparison, write_acled_conflicts

from analysis import report
from analysis.report.__main__ import main

INSTALL_CHROMIUM = (
    "Debian's chromium is needed for the browser test and was not found on PATH. "
    "Install it with: sudo apt-get update && sudo apt-get install -y chromium"
)

# Everything that could reach the network is off: names resolve nowhere, any
# request that still tries goes to a closed local port, and Chromium's own
# background traffic (updates, sync, field trials) is disabled.
NETWORK_OFF_FLAGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--metrics-recording-only",
]

WINDOW = (1280, 2400)


def run_main(argv: list[str]) -> int:
    """Run ``python -m analysis.report`` in this process and return its exit status (argparse's refusals too)."""
    from analysis.report.__main__ import main

    try:
        return main(argv)
    except SystemExit as stop:
        return stop.code


def make_notebook(path: Path, markdown: str, *code: str, parameters: bool = True) -> Path:
    """Write a small notebook: a Markdown cell, a ``parameters`` cell, then code cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [nbformat.v4.new_markdown_cell(markdown)]
    if parameters:
        cell = nbformat.v4.new_code_cell("DATA = None\nSTART = None\nEND = None\nAREA = None")
        cell.metadata["tags"] = ["parameters"]
        cells.append(cell)
    cells += [nbformat.v4.new_code_cell(source) for source in code]
    for index, cell in enumerate(cells):
        cell["id"] = f"{path.stem[:40]}-{index}"
    nb.cells = cells
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# ---------------------------------------------------------------------------
# The sample report, built once by the command line's main()
# ---------------------------------------------------------------------------

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


def live_markup(page: str) -> list[str]:
    """Return script elements and inline event handlers that a browser would honour."""
    return re.findall(r"<script\b[^>]*>", page, flags=re.I) + re.findall(
        r"<[a-z][^>]*\son[a-z]+\s*=", page, flags=re.I
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


@dataclass
class SampleReport:
    notebooks: Path
    out: Path
    status: int
    stdout: str
    sources: Path


def _build_sample_report(base: Path) -> tuple[int, str]:
    notebooks = base / "notebooks"
    notebooks.mkdir(parents=True, exist_ok=True)
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
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        status = main(["--notebooks", str(notebooks), "--out", str(base / "report")])
    assert status == 0, printed.getvalue()
    return status, printed.getvalue()


def built_once(tmp_path_factory, name: str, build) -> tuple[Path, dict]:
    """Run ``build(folder)`` once per test run and return the folder and the JSON record ``build`` returned.

    With pytest-xdist the workers share what was built: the first to ask
    builds it in a folder they all see, under a lock, and the others wait and
    read it. A build that fails leaves no record, so the next test to ask
    tries again and reports the failure too.
    """
    base = tmp_path_factory.getbasetemp()
    folder = (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name
    with open(f"{folder}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        built = folder / "built.json"
        if not built.exists():
            folder.mkdir(parents=True, exist_ok=True)
            built.write_text(json.dumps(build(folder)), encoding="utf-8")
    return folder, json.loads(built.read_text(encoding="utf-8"))


def sample_report(tmp_path_factory) -> SampleReport:
    """Return the sample report, built the first time any test of the run asks for it (:func:`built_once`)."""
    def build(folder: Path) -> dict:
        status, stdout = _build_sample_report(folder)
        return {"status": status, "stdout": stdout}

    folder, record = built_once(tmp_path_factory, "sample-report", build)
    return SampleReport(folder / "notebooks", folder / "report", record["status"], record["stdout"],
                        folder / "sources.csv")


# ---------------------------------------------------------------------------
# Reports of runs other than the default, each built by the command line
# ---------------------------------------------------------------------------

#: The target of the ACLED run, named only in ``assoc_actor_2``.
TARGET = "Military Forces of the United States"

#: Each run's options, as functions of the folder its files are written to. ``acled-conflicts``: five conflicts in
#: Iraq and Syria, civilian targeting, a source that first reports in June, in a window that starts mid-March, the
#: events in Iraq that involve a target; ``coded-window-area``: a window and an area of the coded data, compared
#: with an ACLED-format export (a fifth page). The large forms (bands, distributions) are tested without a build
#: (tests/report/test_story.py); ``benchmarks/render_sizes.py`` builds reports of 50 to 1,000,000 events.
RUNS = {
    "acled-conflicts": lambda folder: {"DATA": str(write_acled_conflicts(folder / "conflicts.csv")),
                                       "START": "2020-03-15", "AREA": "Iraq", "TARGET": TARGET},
    # with an export to compare with: the coded run gains a fifth page
    "coded-window-area": lambda folder: {"START": "2020-03-01", "END": "2020-04-30", "AREA": "Baghdad;Kirkuk",
                                         "COMPARE": str(write_acled_comparison(folder / "comparison.csv"))},
}


def story_runs(tmp_path_factory) -> dict[str, dict]:
    """Return the reports of :data:`RUNS`, built once per test run (:func:`built_once`), side by side, each by
    ``python -m analysis.report`` in its own process: for each run its options (``parameters``), the report's
    folder (``out``) and what the command printed (``stdout``)."""
    def build(folder: Path) -> dict:
        processes = {}
        for name, make in RUNS.items():
            parameters = make(folder)
            command = [sys.executable, "-m", "analysis.report", "--out", str(folder / name)]
            for key, value in parameters.items():
                command += [f"--{key.lower()}", value]
            processes[name] = (parameters, subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                            text=True))
        built = {}
        for name, (parameters, process) in processes.items():
            out, err = process.communicate(timeout=900)
            assert process.returncode == 0, f"{name}: {err}"
            built[name] = {"parameters": parameters, "out": str(folder / name), "stdout": out}
        return built

    _, record = built_once(tmp_path_factory, "story-runs", build)
    return {name: {**run, "out": Path(run["out"])} for name, run in record.items()}


# ---------------------------------------------------------------------------
# The report of the committed notebooks, rendered once from the files
# ---------------------------------------------------------------------------


@dataclass
class CommittedReport:
    out: Path
    index: Path
    sources: list[Path]


def committed_report(tmp_path_factory) -> CommittedReport:
    """Return the report of the committed notebooks, rendered the first time a test of the run asks for it
    (:func:`built_once`)."""
    sources = report.find_notebooks(report.NOTEBOOK_DIR)
    folder, record = built_once(tmp_path_factory, "committed-report",
                                lambda folder: {"index": str(report.render_report(sources, folder / "report"))})
    return CommittedReport(folder / "report", Path(record["index"]), sources)


# ---------------------------------------------------------------------------
# Headless Chromium over the DevTools protocol
# ---------------------------------------------------------------------------


@dataclass
class Visit:
    """What the browser saw on one page."""

    url: str
    probe: dict
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def outside(self, folder: Path) -> list[str]:
        """Return the requests that left the folder (anything but data: and files inside it)."""
        inside = folder.resolve().as_uri() + "/"
        urls = dict.fromkeys(self.requests + self.probe["resources"])
        return [u for u in urls if not (u.startswith("data:") or u.startswith(inside))]


_PROBE = """
(async () => {
  const images = [...document.images];
  const decodeErrors = await Promise.all(images.map(
    (image) => image.decode().then(() => null, (error) => image.src.slice(0, 80) + ": " + error)));
  const anchors = [...document.querySelectorAll("a[href]")];
  const inScrollingFrame = (element) => {
    for (let above = element.parentElement; above && above !== document.body; above = above.parentElement) {
      if (["auto", "scroll"].includes(getComputedStyle(above).overflowX)) return true;
    }
    return false;
  };
  return JSON.stringify({
    title: document.title,
    images: images.map((image) => ({src: image.src.slice(0, 40), width: image.naturalWidth,
                                    height: image.naturalHeight, alt: image.getAttribute("alt"),
                                    shown: image.getBoundingClientRect().width,
                                    declared: Number(image.getAttribute("width")) || null,
                                    // cut by its frame (it scrolls sideways), and whether a line says so
                                    cut: (image.closest(".figure-frame") || image).scrollWidth >
                                         (image.closest(".figure-frame") || image).clientWidth + 1,
                                    hinted: [...(image.closest(".report-figure") || image).querySelectorAll(".scroll-hint")]
                                              .some((hint) => getComputedStyle(hint).display !== "none"),
                                    // a box above the figure enlarges it (shown on a phone only)
                                    zoomable: [...(image.closest(".report-figure") || image).querySelectorAll("label.zoom")]
                                              .some((box) => getComputedStyle(box).display !== "none" &&
                                                    (box.compareDocumentPosition(image) & Node.DOCUMENT_POSITION_FOLLOWING)),
                                    // the line comes before the image: read before its left part is taken for the whole
                                    hintedAbove: [...(image.closest(".report-figure") || image).querySelectorAll(".scroll-hint")]
                                              .some((hint) => getComputedStyle(hint).display !== "none" &&
                                                    (hint.compareDocumentPosition(image) & Node.DOCUMENT_POSITION_FOLLOWING))})),
    tables: [...document.querySelectorAll("table")].map((table) => ({
      rowHeaders: table.querySelectorAll("tbody th").length,
      emptyCorner: [...table.querySelectorAll("thead th")].some((th) => th.textContent.trim() === ""),
      text: table.innerText,
      leftAligned: [...table.querySelectorAll("td")].filter((td) => /[A-Za-z]/.test(td.textContent))
                     .every((td) => getComputedStyle(td).textAlign === "left"),
    })),
    pageWidth: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    // elements that reach past the viewport's right edge (or start left of it), and tables wider than their column;
    // what a frame that scrolls sideways holds is reached by scrolling it (the frame itself must fit)
    tooWide: [...document.body.querySelectorAll("*")].filter((element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && (box.right > document.documentElement.clientWidth + 1 || box.left < -1)
        && !inScrollingFrame(element);
    }).map((element) => `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().width)} px`
                        + ` ${(element.innerText || element.getAttribute("alt") || "").slice(0, 40)}`),
    wideTables: [...document.querySelectorAll("table")].filter(
        (table) => table.getBoundingClientRect().width > table.parentElement.clientWidth + 1)
      .map((table) => `${Math.round(table.getBoundingClientRect().width)} px in ${table.parentElement.clientWidth} px: `
                      + table.innerText.slice(0, 40)),
    decodeErrors: decodeErrors.filter((error) => error !== null),
    links: anchors.map((a) => a.getAttribute("href")),
    resolvedLinks: anchors.map((a) => a.href),
    resources: performance.getEntriesByType("resource").map((entry) => entry.name),
    scripts: document.scripts.length,
    handlers: document.querySelectorAll("[onerror], [onload], [onclick], [onmouseover]").length,
    text: document.body ? document.body.innerText : "",
  });
})()
"""


class Chromium:
    """A headless Chromium with the network off, driven over the DevTools protocol."""

    def __init__(self, profile: Path) -> None:
        import websocket

        executable = shutil.which("chromium")
        if executable is None:
            raise FileNotFoundError(INSTALL_CHROMIUM)
        profile.mkdir(parents=True, exist_ok=True)
        # a browser that used this profile before leaves its port behind: read only the new one's
        (profile / "DevToolsActivePort").unlink(missing_ok=True)
        self.log = (profile / "chromium.log").open("wb")
        self.process = subprocess.Popen(
            [
                executable,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--allow-file-access-from-files",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                f"--window-size={WINDOW[0]},{WINDOW[1]}",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                *NETWORK_OFF_FLAGS,
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        port = self._wait_for_port(profile / "DevToolsActivePort")
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            targets = json.load(response)
        page = next(t for t in targets if t.get("type") == "page")
        self.socket = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=60, suppress_origin=True, http_no_proxy=["127.0.0.1"]
        )
        self._next_id = 0
        self._events: list[dict] = []
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride", width=WINDOW[0], height=WINDOW[1], deviceScaleFactor=1, mobile=False
        )

    def _wait_for_port(self, port_file: Path, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with status {self.process.returncode}; see {self.log.name}")
            if port_file.is_file():
                lines = port_file.read_text().splitlines()
                if lines and lines[0].isdigit():
                    return int(lines[0])
            time.sleep(0.05)
        raise TimeoutError(f"chromium did not open its DevTools port within {timeout} s")

    def _send(self, method: str, params: dict) -> int:
        self._next_id += 1
        self.socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        return self._next_id

    def _receive(self) -> dict:
        message = json.loads(self.socket.recv())
        if message.get("method") == "Page.javascriptDialogOpening":
            # A dialog would block the page: note it and dismiss it.
            self._send("Page.handleJavaScriptDialog", {"accept": False})
        if "method" in message:
            self._events.append(message)
        return message

    def call(self, method: str, **params) -> dict:
        """Send a DevTools command and return its result."""
        wanted = self._send(method, params)
        while True:
            message = self._receive()
            if message.get("id") == wanted:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def _wait_for_event(self, method: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for event in self._events:
                if event["method"] == method:
                    return event
            self._receive()
        raise TimeoutError(f"no {method} within {timeout} s")

    def visit(self, url: str, *, screenshot: Path | None = None) -> Visit:
        """Open a page, wait for it to load and its images to decode, and report what happened."""
        self._events = []
        result = self.call("Page.navigate", url=url)
        if result.get("errorText"):
            raise RuntimeError(f"{url}: {result['errorText']}")
        self._wait_for_event("Page.loadEventFired")
        evaluated = self.call("Runtime.evaluate", expression=_PROBE, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in evaluated:
            raise RuntimeError(f"{url}: the probe failed: {evaluated['exceptionDetails']}")
        visit = Visit(url=url, probe=json.loads(evaluated["result"]["value"]))
        if screenshot is not None:
            self.screenshot(screenshot)
        self.call("Runtime.evaluate", expression="0")  # collect the events that were already on their way
        for event in self._events:
            params = event.get("params", {})
            if event["method"] == "Network.requestWillBeSent":
                visit.requests.append(params["request"]["url"])
            elif event["method"] == "Network.loadingFailed":
                visit.failed.append(f"{params.get('errorText')} ({params.get('blockedReason', '')})")
            elif event["method"] == "Log.entryAdded":
                entry = params["entry"]
                visit.console.append(f"{entry['level']} [{entry['source']}] {entry['text']}")
            elif event["method"] == "Runtime.consoleAPICalled":
                visit.console.append(f"console.{params['type']}")
            elif event["method"] == "Runtime.exceptionThrown":
                visit.console.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif event["method"] == "Page.javascriptDialogOpening":
                visit.dialogs.append(f"{params.get('type')}: {params.get('message')}")
        return visit

    def probe(self) -> dict:
        """Measure the page already open again, as laid out now (after :meth:`set_width`), without reloading it."""
        evaluated = self.call("Runtime.evaluate", expression=_PROBE, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in evaluated:
            raise RuntimeError(f"the probe failed: {evaluated['exceptionDetails']}")
        return json.loads(evaluated["result"]["value"])

    def click_all(self, selector: str) -> int:
        """Click every element the CSS selector finds on the page open now (as a reader would); return how many."""
        expression = f"(() => {{ const found = [...document.querySelectorAll({json.dumps(selector)})];" \
                     " found.forEach((element) => element.click()); return found.length; })()"
        evaluated = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in evaluated:
            raise RuntimeError(f"clicking {selector} failed: {evaluated['exceptionDetails']}")
        return evaluated["result"]["value"]

    def page_size(self) -> tuple[int, int]:
        """Return the whole page's width and height in pixels, as laid out now (not only the window's)."""
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        return int(round(size["width"])), int(round(size["height"]))

    def screenshot(self, path: Path) -> tuple[int, int]:
        """Save the whole page, not only the window, as a PNG; return its width and height in pixels."""
        width, height = self.page_size()
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(shot["data"]))
        return width, height

    def set_width(self, width: int, height: int = WINDOW[1], *, mobile: bool = False) -> None:
        """Lay pages out for a window of this width (a phone's 400 CSS pixels, say)."""
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.log.close()


# ---------------------------------------------------------------------------
# Pages of runs other than the default: what they must not say
# ---------------------------------------------------------------------------

#: Names only the five coded reports hold: a page of another run names them only where its own data do.
CODED_NAMES = ("K-1", "Taji", "Soleimani", "Muhandis", "Kata'ib Hezbollah", "Irbil", "Ain al-Asad", "al-Qaim",
               "Qayyarah", "Patriot", "US-led forces", "December 2019")
#: What the hand-written prose says of the five documents, and words true only of what they code (bases handed
#: over, a handover as a retreat, the coded posture changes, ranges of days spread, rockets, the wounded,
#: casualties split by group, totals beside events described one by one); a page of an ACLED file never says them.
CODED_PHRASES = ("five reports", "five coded reports", "the reports trace", "five articles", "handovers of a base",
                 "rocket", "killed or wounded", "killed and wounded", "not split by group", "needs the coded documents",
                 "described one by one", "about bases or", "coded reports' data", "coded posture changes",
                 "handing a base over", "handed over", "counts as a retreat", "spreads its points",
                 "spreading its value")


def page_text(page: str) -> str:
    """Return what a reader sees of a page: its text and the alt text of its images, tags, styles and scripts removed."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", page)
    alts = " ".join(re.findall(r'<img[^>]*\balt="([^"]*)"', body))
    return html.unescape(re.sub(r"<[^>]+>", " ", body) + " " + alts)


def document_cell(name: str) -> str:
    """Return a document's name as running text writes it ("an unnamed outlet (29 Mar 2020)", capitalised or not)
    as a table's cell writes it ("unnamed outlet, 29 Mar 2020"): the article before "unnamed outlet" dropped, the
    dates' brackets a comma; the two must be one name (:func:`analysis.stats.evidence.document_names`)."""
    match = re.fullmatch(r"(?:[Aa]n (?=unnamed outlet))?(.+) \((.+)\)", name)
    assert match, f"{name!r} is not an outlet with its dates in brackets"
    return f"{match.group(1)}, {match.group(2)}"
