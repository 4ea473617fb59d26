"""MkDocs hook: a Content-Security-Policy in every page, and in site/_headers for hosts.

The policy allows the site's own files and nothing else. Material's inline
scripts (and the print page's) are allowed by their sha256 hashes; its icons
are data: images; the engine's worker compiles Pyodide's WebAssembly
('wasm-unsafe-eval') and fetches the runtime from the site itself.

One policy serves the whole site, computed once every page is written
(on_post_build, after every plugin, so the print page and 404.html are final):
Material's instant navigation adds the next page's <head> elements to the
current document, and a second, different CSP <meta> would add its policy to
the first, so per-page hashes would block scripts on the next page.

A <meta> policy cannot cover a worker (a worker takes its policy from its
script's response) nor say frame-ancestors; the _headers file can, in the
format Netlify and Cloudflare Pages read, and `make serve` sends it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

HEADERS_FILE = "_headers"
HEADER = "Content-Security-Policy"
# Script types the browser runs; JSON data blocks (Material's __config) are not scripts.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# Directives a <meta> policy ignores (with a console error), kept for the header.
HEADER_ONLY = {"frame-ancestors"}
META_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
META_CSP = re.compile(
    r'\s*<meta\s+http-equiv="Content-Security-Policy"\s+content="[^"]*"\s*/?>', re.IGNORECASE
)


class InlineCode(HTMLParser):
    """Collects the text of a page's inline scripts (that run) and style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and "src" not in found:
            if (found.get("type") or "").strip().lower() in SCRIPT_TYPES:
                self._open = self.scripts
                self.scripts.append("")
        elif tag == "style":
            self._open = self.styles
            self.styles.append("")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._open = None


def source_hash(text: str) -> str:
    """CSP's hash source for an element's text (the parser turns CR LF into LF first)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_hashes(html: str) -> tuple[set[str], set[str]]:
    """Hash sources of the page's inline scripts and of its style elements."""
    parser = InlineCode()
    parser.feed(META_CSP.sub("", html))
    parser.close()
    return {source_hash(s) for s in parser.scripts}, {source_hash(s) for s in parser.styles}


def directives(scripts: set[str], styles: set[str]) -> dict[str, list[str]]:
    return {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'", *sorted(scripts)],
        "style-src": ["'self'", *sorted(styles)],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }


def policy(scripts: set[str], styles: set[str], *, meta: bool) -> str:
    return "; ".join(
        " ".join([name, *sources])
        for name, sources in directives(scripts, styles).items()
        if not (meta and name in HEADER_ONLY)
    )


def with_meta(html: str, content: str) -> str:
    """The page with its CSP <meta> first in <head>, right after the charset."""
    html = META_CSP.sub("", html)
    tag = f'<meta http-equiv="{HEADER}" content="{content}">'
    charset = META_CHARSET.search(html)
    if charset is not None:
        return html[: charset.end()] + "\n    " + tag + html[charset.end() :]
    head = re.search(r"<head[^>]*>", html, re.IGNORECASE)
    if head is None:
        raise ValueError("the page has no <head> to put its Content-Security-Policy in")
    return html[: head.end()] + tag + html[head.end() :]


# Sent with every file besides the policy: no guessing a script out of a text
# file, and no address of the guide's pages (which name the reader's
# questionnaires) in requests to anyone else.
OTHER_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))


def headers_file(content: str) -> str:
    lines = [f"  {HEADER}: {content}", *(f"  {name}: {value}" for name, value in OTHER_HEADERS)]
    return "/*\n" + "\n".join(lines) + "\n"


def apply(site_dir: Path, *, meta: bool = True) -> str:
    """Write the policy into every page of ``site_dir`` and its _headers; return the header."""
    pages = sorted(site_dir.rglob("*.html"))
    scripts: set[str] = set()
    styles: set[str] = set()
    texts = {}
    for path in pages:
        texts[path] = path.read_text(encoding="utf-8")
        page_scripts, page_styles = inline_hashes(texts[path])
        scripts |= page_scripts
        styles |= page_styles
    if meta:
        content = policy(scripts, styles, meta=True)
        for path, text in texts.items():
            try:
                path.write_text(with_meta(text, content), encoding="utf-8")
            except ValueError as error:
                raise ValueError(f"{path.relative_to(site_dir)}: {error}") from None
    header = policy(scripts, styles, meta=False)
    (site_dir / HEADERS_FILE).write_text(headers_file(header), encoding="utf-8")
    return header


# ---------------------------------------------------------------- MkDocs hooks

_command = "build"


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_post_build(*, config) -> None:
    # `mkdocs serve` injects an inline live-reload script into every page it
    # serves; a <meta> policy would block it, so that server gets none.
    from mkdocs.exceptions import PluginError

    try:
        apply(Path(config.site_dir), meta=_command != "serve")
    except ValueError as error:
        raise PluginError(f"Content-Security-Policy: {error}") from None
