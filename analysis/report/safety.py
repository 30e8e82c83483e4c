"""Keep the pages self-contained: the Content Security Policy, and finding what a page would load from outside."""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser

#: The policy of every page, but for its styles: no script at all, and images only from inside the page,
#: so a page can never fetch anything. :func:`with_policy` adds the styles the page may apply.
REPORT_CSP = "default-src 'none'; img-src data:; base-uri 'none'; form-action 'none'"
#: The only inline style attributes a page may apply: the alignment, wrapping and width of its tables' cells
#: (:class:`analysis.viz.tables.Table`, and pandas' ``text-align: right;``). Any other ``style=`` (one smuggled
#: in by a notebook's output) is refused by the browser.
TABLE_CELL_STYLE = re.compile(r"\s*text-align:\s*(?:left|right|center)\s*(?:;\s*white-space:\s*nowrap\s*)?"
                              r"(?:;\s*min-width:\s*[0-9.]+em\s*)?;?\s*")
#: What the templates write as the policy, for :func:`with_policy` to replace.
POLICY_PLACEHOLDER = "report-policy-placeholder"
NO_STYLE = "'none'"


def _source_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def page_policy(page: str) -> str:
    """Return a page's Content Security Policy: :data:`REPORT_CSP`, and its own styles named by their hashes.

    A style is applied only when the policy names it: every ``<style>``
    element of the page (the templates' and nbconvert's styles, and those
    of tables a notebook displays) and the table cells' style attributes
    that :data:`TABLE_CELL_STYLE` allows. Without ``'unsafe-inline'`` an
    attribute such as ``style="position:fixed"``, had one reached a page,
    is not applied.

    Examples
    --------
    >>> policy = page_policy('<style>p {}</style><td style="text-align:left">a</td><div style="position:fixed">')
    >>> policy.split("; style-src ")[1].split()[1], policy.count("'sha256-")  # the <style> and the cell's style
    ("'unsafe-hashes'", 2)
    """
    styles = [_source_hash(text) for text in re.findall(r"<style\b[^>]*>(.*?)</style>", page, flags=re.S | re.I)]
    attributes = sorted({value for value in re.findall(r'\sstyle="([^"]*)"', page) if TABLE_CELL_STYLE.fullmatch(value)})
    sources = list(dict.fromkeys(styles)) + (["'unsafe-hashes'"] + [_source_hash(a) for a in attributes] if attributes else [])
    return f"{REPORT_CSP}; style-src {' '.join(sources) or NO_STYLE}"


def with_policy(page: str) -> str:
    """Write a page's policy (:func:`page_policy`) where its template wrote :data:`POLICY_PLACEHOLDER`, once.

    Raises
    ------
    ValueError
        If the page does not hold the placeholder exactly once.
    """
    if page.count(POLICY_PLACEHOLDER) != 1:
        raise ValueError("a report page must hold its Content Security Policy exactly once")
    return page.replace(POLICY_PLACEHOLDER, html.escape(page_policy(page), quote=False))  # within content="..."


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

