"""An offline check of every internal link and anchor in the built site.

Run by ``build`` on the staged site before it is swapped in; a broken link is
a report like a bad seed (and fails ``--strict``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from html import unescape
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from xai_digest.model import Report


_ATTRIBUTE = re.compile(r"<(\w+)\b([^>]*)>")
_VALUE = re.compile(r"\s(href|src|id)=\"([^\"]*)\"")


@dataclass
class _Page:
    links: list[tuple[str, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def _scan(html: str) -> _Page:
    """Links and ids of a page the site's own templates wrote (attributes double-quoted)."""
    page = _Page()
    for tag in _ATTRIBUTE.finditer(html):
        for name, value in _VALUE.findall(tag.group(2)):
            value = unescape(value)
            if name == "id":
                page.ids.add(value)
            else:
                page.links.append((tag.group(1).lower(), value))
    return page


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith(("mailto:", "tel:", "javascript:", "data:"))


IdsCache = dict[tuple[str, int, int, int], set[str]]
IDS_CACHE_LIMIT = 50_000


def check_links(
    site_dir: Path, skip_prefixes: tuple[str, ...] = ("search/",), pages: set[str] | None = None, files: set[str] | None = None,
    ids_cache: IdsCache | None = None,
) -> list[Report]:
    """Reports for internal links to missing files or anchors, and for external loads.

    ``pages`` limits the check to the links *from* those pages (an incremental
    build passes the pages it rewrote: an unchanged page links to nothing new);
    ``files`` is every file of the site when the caller knows it (saves a walk);
    ``ids_cache`` keeps the ids of anchor targets between checks (serve), by
    file identity: an unchanged page is the same hard-linked file.
    """
    if files is None:
        files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    html = sorted(f for f in files if f.endswith(".html") and not f.startswith(skip_prefixes))
    scanned: dict[str, _Page] = {}

    def scan(relative: str) -> _Page:
        if relative not in scanned:
            scanned[relative] = _scan((site_dir / relative).read_text("utf-8"))
        return scanned[relative]

    def ids_of(relative: str) -> set[str]:
        if ids_cache is None:
            return scan(relative).ids
        stat = os.stat(site_dir / relative)
        key = (relative, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if key not in ids_cache:
            if len(ids_cache) > IDS_CACHE_LIMIT:
                ids_cache.clear()
            ids_cache[key] = scan(relative).ids
        return ids_cache[key]

    reports = []
    resolved: dict[tuple[str, str], str | None] = {}
    for page in html if pages is None else sorted(pages):
        found = scan(page)
        base = posixpath.dirname(page)
        for tag, url in found.links:
            if _is_external(url):
                if tag in ("script", "img", "iframe", "link"):
                    reports.append(Report(f"site/{page}", f"loads an external resource {url!r}"))
                continue
            parts = urlsplit(url)
            key = (base, parts.path)
            if key not in resolved:
                resolved[key] = _target_file(base, page, unquote(parts.path))
            target = resolved[key]
            if target is None:
                reports.append(Report(f"site/{page}", f"link {url!r} leaves the site"))
                continue
            if target.startswith(skip_prefixes):
                continue
            if target not in files:
                reports.append(Report(f"site/{page}", f"broken link {url!r}: {target} does not exist"))
                continue
            if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in ids_of(target):
                reports.append(Report(f"site/{page}", f"broken anchor {url!r}: no id {parts.fragment!r} in {target}"))
    return reports


def _target_file(base: str, page: str, path: str) -> str | None:
    """The site file a link path names (``dir/`` → ``dir/index.html``), or None if it climbs out."""
    if not path:
        return page
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(base, path)
    if any(part == ".." for part in _climb(joined)):
        return None
    normal = posixpath.normpath(joined) if joined else "."
    if normal == ".":
        return "index.html"
    if path.endswith("/") or "." not in posixpath.basename(normal):
        return f"{normal}/index.html"
    return normal


def _climb(path: str) -> list[str]:
    """Parts left after resolving ``..`` against earlier parts: any '..' left climbs out of the site."""
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out and out[-1] != "..":
                out.pop()
            else:
                out.append("..")
        elif part not in ("", "."):
            out.append(part)
    return out
