"""`make serve` sends what a static host sends: gzip for text and WebAssembly when asked."""

from __future__ import annotations

import gzip
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from build_tools.serve import accepts_gzip, base_url, make_server, serve_in_thread, start_in_thread

FILES = {
    "index.html": b"<!doctype html><title>Home</title>" + b"<p>words</p>" * 200,
    "app.js": b"console.log('hello');\n" * 100,
    "core/pyodide.asm.wasm": b"\0asm\1\0\0\0" + bytes(4000),
    "engine.zip": b"PK\3\4" + bytes(4000),
}


@pytest.fixture
def served(tmp_path: Path):
    for name, data in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    server, url = serve_in_thread(tmp_path)
    yield url
    server.shutdown()
    server.server_close()


def get(url: str, encoding: str | None) -> tuple[dict[str, str], bytes]:
    request = urllib.request.Request(url)
    if encoding is not None:
        request.add_header("Accept-Encoding", encoding)
    with urllib.request.urlopen(request) as response:
        return dict(response.headers), response.read()


@pytest.mark.parametrize("name", ["", "app.js", "core/pyodide.asm.wasm"])
def test_text_and_wasm_are_gzipped_when_asked(served: str, name: str) -> None:
    headers, body = get(served + name, "gzip, deflate, br")
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    assert int(headers["Content-Length"]) == len(body) < len(FILES[name or "index.html"])
    assert gzip.decompress(body) == FILES[name or "index.html"]


@pytest.mark.parametrize("encoding", [None, "identity", "br", "gzip;q=0"])
def test_plain_bytes_when_gzip_is_not_asked_for(served: str, encoding: str | None) -> None:
    headers, body = get(served + "app.js", encoding)
    assert "Content-Encoding" not in headers
    assert body == FILES["app.js"]


def test_zips_go_as_they_are(served: str) -> None:
    headers, body = get(served + "engine.zip", "gzip")
    assert "Content-Encoding" not in headers
    assert body == FILES["engine.zip"]


def test_accept_encoding_parsing() -> None:
    assert accepts_gzip("gzip")
    assert accepts_gzip("deflate, gzip;q=0.8")
    assert accepts_gzip("*")
    assert not accepts_gzip(None)
    assert not accepts_gzip("gzip;q=0")
    assert not accepts_gzip("br")


def test_a_folder_without_its_slash_is_redirected(tmp_path: Path) -> None:
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text("<p>about</p>")
    (tmp_path / "index.html").write_text("<p>home</p>")
    server = make_server(tmp_path)
    try:
        start_in_thread(server)
        headers, body = get(base_url(server) + "about", "gzip")
        assert gzip.decompress(body) == b"<p>about</p>"  # followed the redirect to about/
    finally:
        server.shutdown()
        server.server_close()


def test_a_folder_without_an_index_is_not_listed(served: str):
    # core/ holds a file but no index.html: a static host answers 404, not a listing.
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(served + "core/")
    assert refused.value.code == 404
    assert b"pyodide.asm.wasm" not in refused.value.read()
