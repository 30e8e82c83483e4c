"""Shared by test_report.py and test_reproducible.py: the built report and a headless browser.

The report of the committed notebooks is built once per test run (executing
every notebook takes most of the time) and both test modules look at it:
test_report.py opens its pages in Chromium, test_reproducible.py compares
the freshly executed notebooks with the committed ones.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import io
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from analysis import report

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT_DIR = ROOT / "build" / "screenshots"

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
# The report of the committed notebooks, built once
# ---------------------------------------------------------------------------


@dataclass
class BuiltReport:
    out: Path
    index: Path
    sources: list[Path]
    executed: list[Path]
    progress: str
    seconds: float

    def timing(self) -> str:
        """Say how long executing and rendering took, notebook by notebook."""
        return f"[report] {len(self.sources)} notebooks executed and rendered in {self.seconds:.1f} s\n{self.progress}"


_built: dict[str, object] = {}


def committed_report() -> BuiltReport:
    """Build the report of the committed notebooks (once per test run) and return it."""
    if "error" in _built:
        raise _built["error"]  # type: ignore[misc]
    if "report" not in _built:
        try:
            _built["report"] = _build_committed_report()
        except Exception as error:  # remembered, so every test reports the same failure quickly
            _built["error"] = error
            raise
    return _built["report"]  # type: ignore[return-value]


def _build_committed_report() -> BuiltReport:
    sources = report.find_notebooks(report.NOTEBOOK_DIR)
    out = Path(tempfile.mkdtemp(prefix="analysis-report-"))
    atexit.register(shutil.rmtree, out, True)
    buffer = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(buffer):
        index = report.build_report(out, notebooks=report.NOTEBOOK_DIR)
    seconds = time.perf_counter() - started
    executed = [out / "notebooks" / path.name for path in sources]
    return BuiltReport(out, index, sources, executed, buffer.getvalue(), seconds)


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
  return JSON.stringify({
    title: document.title,
    images: images.map((image) => ({src: image.src.slice(0, 40), width: image.naturalWidth,
                                    height: image.naturalHeight, alt: image.getAttribute("alt"),
                                    shown: image.getBoundingClientRect().width,
                                    declared: Number(image.getAttribute("width")) || null})),
    tables: [...document.querySelectorAll("table")].map((table) => ({
      rowHeaders: table.querySelectorAll("tbody th").length,
      emptyCorner: [...table.querySelectorAll("thead th")].some((th) => th.textContent.trim() === ""),
      text: table.innerText,
      leftAligned: [...table.querySelectorAll("td")].filter((td) => /[A-Za-z]/.test(td.textContent))
                     .every((td) => getComputedStyle(td).textAlign === "left"),
    })),
    pageWidth: document.documentElement.scrollWidth,
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

    def screenshot(self, path: Path) -> tuple[int, int]:
        """Save the whole page, not only the window, as a PNG; return its width and height in pixels."""
        metrics = self.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        width, height = int(round(size["width"])), int(round(size["height"]))
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
