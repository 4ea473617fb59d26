"""The site's server, counting the bytes (headers and body) each response sends."""

from __future__ import annotations

import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple

from build_tools.serve import SiteHandler, make_server


class Transfer(NamedTuple):
    """One response: its path, the bytes sent (headers and body), and whether it had a
    body (a 304 "not modified" sends headers only: no file crosses the wire)."""

    path: str
    size: int
    body: bool


class Transfers:
    """Every response, in order; read with take()."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: list[Transfer] = []

    def record(self, path: str, size: int, body: bool) -> None:
        with self._lock:
            self._items.append(Transfer(path, size, body))

    def take(self) -> list[Transfer]:
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
            self._body = True

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            sent = getattr(self, "_sent", 0)
            if sent:
                self.server.transfers.record(  # type: ignore[attr-defined]
                    self.path, sent, getattr(self, "_body", False)
                )


def counting_server(site: Path) -> tuple[ThreadingHTTPServer, Transfers]:
    """A server for ``site`` (which may not be built yet) that counts what it sends."""
    server = make_server(site, require_site=False)
    server.RequestHandlerClass = lambda *a, **k: CountingHandler(*a, directory=str(site), **k)
    transfers = Transfers()
    server.transfers = transfers  # type: ignore[attr-defined]
    return server, transfers
