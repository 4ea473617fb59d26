"""The guide's pages as the nav in mkdocs.yml lists them."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent


@cache
def _config():
    return load_config(str(ROOT / "mkdocs.yml"))


def site_path_prefix() -> str:
    """The path the site is published under (from site_url), ending in '/'."""
    path = urlsplit(_config()["site_url"] or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def nav_pages() -> list[tuple[str, str]]:
    """(title, source file) for every page in the nav, in order."""
    config = _config()
    pages: list[tuple[str, str]] = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, dict):
                for title, target in item.items():
                    if isinstance(target, list):
                        walk(target)
                    else:
                        pages.append((title, target))
            else:
                pages.append((item, item))

    walk(config["nav"])
    return pages


def page_url(source: str) -> str:
    """The site-relative URL MkDocs gives a page (directory URLs)."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
