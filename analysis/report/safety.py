"""Keep the pages self-contained: the Content Security Policy, and finding what a page would load from outside."""

from __future__ import annotations

import re
from html.parser import HTMLParser

#: The policy of every page: no script at all, and images, styles and fonts
#: only from inside the page, so a page can never fetch anything.
REPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


class _ResourceFinder(HTMLParser):
    """Collect the URLs an HTML page would load (not the links it offers)."""

    _LOADING = {
        "script": ("src",),
        "img": ("src", "srcset"),
        "iframe": ("src",),
        "frame": ("src",),
        "embed": ("src",),
        "object": ("data",),
        "source": ("src", "srcset"),
        "video": ("src", "poster"),
        "audio": ("src",),
        "track": ("src",),
        "input": ("src",),
        "link": ("href",),
        "image": ("href", "xlink:href"),
        "use": ("href", "xlink:href"),
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in self._LOADING.get(tag, ()):
            value = values.get(name)
            if value:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(",")) if name == "srcset" else (
                    self.urls.append(value.strip())
                )
        if values.get("style"):
            self.urls.extend(_css_urls(values["style"]))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(_css_urls(data))


def _css_urls(css: str) -> list[str]:
    found = re.findall(r"url\(\s*[\"']?([^\"')]+)", css)
    found += re.findall(r"@import\s+[\"']([^\"']+)", css)
    return [url.strip() for url in found]


def find_remote_references(page: str) -> list[str]:
    """List the URLs outside the page's folder that an HTML page would load.

    Scripts, images, frames, style sheets, and ``url()``/``@import`` in
    styles count; ordinary links (``<a href>``) do not, since following
    one is the reader's choice. Embedded ``data:`` URIs and relative paths
    inside the folder are fine.

    Parameters
    ----------
    page : str
        The HTML text.

    Returns
    -------
    list of str
        The remote URLs, in document order (empty for a self-contained page).

    Examples
    --------
    >>> find_remote_references('<script src="https://cdn.example/x.js"></script><a href="https://a.b">a</a>')
    ['https://cdn.example/x.js']
    """
    finder = _ResourceFinder()
    finder.feed(page)
    finder.close()
    remote = []
    for url in finder.urls:
        scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", url)
        if url.startswith("//") or url.startswith("/") or url.startswith("..") or (
            scheme and scheme.group(1).lower() != "data"
        ):
            remote.append(url)
    return remote

