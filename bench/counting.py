"""The site's server, counting the bytes (headers and body) each response sends."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

from build_tools.serve import SiteHandler, make_server


class Transfers:
    """(path, bytes) of every response, in order; read with take()."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[tuple[str, int]] = []

    def record(self, path: str, size: int) -> None:
        with self._lock:
            self._items.append((path, size))

    def take(self) -> list[tuple[str, int]]:
        with self._lock:
            items, self._items = self._items, []
        return items


class CountingHandler(SiteHandler):
    """The site's handler, noting what each response sends into the server's Transfers."""

    def flush_headers(self) -> None:
        buffered = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", []))
        self._sent = getattr(self, "_sent", 0) + buffered
        super().flush_headers()

    def copyfile(self, source, outputfile) -> None:
        while chunk := source.read(64 * 1024):
            outputfile.write(chunk)
            self._sent = getattr(self, "_sent", 0) + len(chunk)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            sent = getattr(self, "_sent", 0)
            if sent:
                self.server.transfers.record(self.path, sent)  # type: ignore[attr-defined]


def counting_server(site: Path) -> tuple[ThreadingHTTPServer, Transfers]:
    """A server for ``site`` (which may not be built yet) that counts what it sends."""
    server = make_server(site, require_site=False)
    server.RequestHandlerClass = lambda *a, **k: CountingHandler(*a, directory=str(site), **k)
    transfers = Transfers()
    server.transfers = transfers  # type: ignore[attr-defined]
    return server, transfers
