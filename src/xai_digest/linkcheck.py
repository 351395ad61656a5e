"""An offline check of every internal link and anchor in the built site.

Run by ``build`` on the staged site before it is swapped in; a broken link is
a report like a bad seed (and fails ``--strict``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path, PurePosixPath
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


def check_links(site_dir: Path, skip_prefixes: tuple[str, ...] = ("pagefind/",)) -> list[Report]:
    """Reports for internal links to missing files or anchors, and for external loads."""
    pages: dict[str, _Page] = {}
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(skip_prefixes):
            continue
        pages[relative] = _scan(path.read_text("utf-8"))
    reports = []
    for page, collector in pages.items():
        base = PurePosixPath(page).parent
        for tag, url in collector.links:
            if _is_external(url):
                if tag in ("script", "img", "iframe", "link") and not url.startswith(("mailto:",)):
                    reports.append(Report(f"site/{page}", f"loads an external resource {url!r}"))
                continue
            parts = urlsplit(url)
            target = unquote(parts.path)
            if target.startswith("/"):
                resolved = PurePosixPath(target.lstrip("/"))
            elif target:
                resolved = base / target
            else:
                resolved = PurePosixPath(page)
            normal = _normalise(resolved)
            if normal is None:
                reports.append(Report(f"site/{page}", f"link {url!r} leaves the site"))
                continue
            if normal.startswith(skip_prefixes):
                continue
            file = normal if normal.endswith(".html") or "." in PurePosixPath(normal).name else f"{normal.rstrip('/')}/index.html".lstrip("/")
            if normal in ("", "."):
                file = "index.html"
            if not (site_dir / file).is_file():
                reports.append(Report(f"site/{page}", f"broken link {url!r}: {file} does not exist"))
                continue
            if parts.fragment and file in pages and unquote(parts.fragment) not in pages[file].ids:
                reports.append(Report(f"site/{page}", f"broken anchor {url!r}: no id {parts.fragment!r} in {file}"))
    return reports


def _normalise(path: PurePosixPath) -> str | None:
    out: list[str] = []
    for part in path.parts:
        if part == "..":
            if not out:
                return None
            out.pop()
        elif part not in (".", ""):
            out.append(part)
    return "/".join(out)
