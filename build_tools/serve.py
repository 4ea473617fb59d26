"""Serve the built site on 127.0.0.1 as a static host does: media types, _headers, gzip.

The site's `_headers` file (build_tools/csp.py writes it, in the format
Netlify and Cloudflare Pages read) is sent as those hosts send it, so the
tests run under the Content-Security-Policy a host would send. Text and
WebAssembly go out gzipped when the browser asks for it (Accept-Encoding),
as GitHub Pages sends them, so local byte counts match hosted ones.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import os
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

# Pyodide refuses to compile WebAssembly served under any other type, and
# browsers refuse module scripts that are not JavaScript.
MEDIA_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
    ".ics": "text/calendar",
    ".pdf": "application/pdf",
    ".svg": "image/svg+xml",
}


HEADERS_FILE = "_headers"
# What a static host compresses: text of every kind, and WebAssembly. Zips,
# images and PDFs are compressed already.
GZIP_TYPES = ("text/", "application/javascript", "application/json", "application/wasm",
              "application/xml", "image/svg+xml")  # fmt: skip
GZIP_LEVEL = 6


@functools.lru_cache(maxsize=256)
def gzipped(path: str, mtime_ns: int, size: int) -> bytes:
    """The file's bytes, gzipped (cached per version of the file)."""
    with open(path, "rb") as file:
        return gzip.compress(file.read(), GZIP_LEVEL, mtime=0)


def accepts_gzip(header: str | None) -> bool:
    """Whether an Accept-Encoding header allows gzip (and does not set q=0 for it)."""
    for part in (header or "").split(","):
        name, _, params = part.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def parse_headers_file(text: str) -> list[tuple[re.Pattern[str], list[tuple[str, str]]]]:
    """Rules of a `_headers` file: a path pattern (`*` matches anything), then
    indented `Name: value` lines. Comments start with `#`."""
    rules: list[tuple[re.Pattern[str], list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = "".join(
                ".*" if part == "*" else re.escape(part) for part in re.split(r"(\*)", line.strip())
            )
            rules.append((re.compile(pattern), []))
        elif rules and ":" in line:
            name, value = line.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with explicit media types, the site's _headers, no request log noise."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MEDIA_TYPES}

    def end_headers(self) -> None:
        # Read on every response: the tests bind the server before the build writes the file.
        file = Path(self.directory) / HEADERS_FILE
        if file.is_file():
            path = self.path.split("?", 1)[0].split("#", 1)[0]
            for pattern, headers in parse_headers_file(file.read_text(encoding="utf-8")):
                if pattern.fullmatch(path):
                    for name, value in headers:
                        self.send_header(name, value)
        super().end_headers()

    def send_head(self):
        """Like SimpleHTTPRequestHandler's, but gzipped for a browser that asks for it."""
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        media_type = self.guess_type(path)
        if not (
            accepts_gzip(self.headers.get("Accept-Encoding"))
            and os.path.isfile(path)
            and media_type.startswith(GZIP_TYPES)
        ):
            return super().send_head()
        stat = os.stat(path)
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        since = self.headers.get("If-Modified-Since")
        if since and "If-None-Match" not in self.headers:
            try:
                unchanged = email.utils.parsedate_to_datetime(since).timestamp() >= int(
                    stat.st_mtime
                )
            except (TypeError, ValueError, OverflowError):
                unchanged = False
            if unchanged:
                self.send_response(304)
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return None
        body = gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):
        """No folder listings: a folder without an index is not found, as on a static host."""
        self.send_error(404, "Not found")
        return None

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


def make_server(
    root: Path, port: int = 0, verbose: bool = False, require_site: bool = True
) -> ThreadingHTTPServer:
    """Bind a server for ``root`` on 127.0.0.1 (port 0 picks a free port)."""
    if require_site and not (root / "index.html").is_file():
        raise FileNotFoundError(f"{root} holds no built site (no index.html): run `make build`")
    handler = functools.partial(SiteHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    server.verbose = verbose  # type: ignore[attr-defined]
    return server


def base_url(server: ThreadingHTTPServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}/"


def start_in_thread(server: ThreadingHTTPServer) -> None:
    threading.Thread(target=server.serve_forever, daemon=True).start()


def serve_in_thread(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server in a daemon thread; return it and its base URL."""
    server = make_server(root)
    start_in_thread(server)
    return server, base_url(server)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--root", type=Path, default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    try:
        server = make_server(args.root, args.port, verbose=True)
    except (FileNotFoundError, OSError) as error:
        print(f"serve: {error}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(f"Serving the guide at http://{host}:{port}/  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
