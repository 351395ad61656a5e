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

from xai_digest.forking import can_fork, fork_map, worker_count
from xai_digest.model import Report


#: An href, src or id attribute; the site's own templates double-quote them, and text and
#: attribute values never hold a bare quote (escaped), so one scan of the page finds them all.
_ATTRIBUTE = re.compile(r"\s(href|src|id)=\"([^\"]*)\"")
_TAG_NAME = re.compile(r"<(\w+)")


@dataclass
class _Page:
    links: list[tuple[str, str]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def _scan(html: str) -> _Page:
    """Links (with their tag's name) and ids of a page the site's own templates wrote.

    One regular expression over the whole page, not one per tag: the tag's name is looked up
    only for links (every page has hundreds of tags: the scan of the 1,000-article site's pages took
    ~40 % less time than with a pattern per tag).
    """
    page = _Page()
    for match in _ATTRIBUTE.finditer(html):
        name, value = match.groups()
        value = unescape(value)
        if name == "id":
            page.ids.add(value)
        else:
            tag = _TAG_NAME.match(html, html.rfind("<", 0, match.start()))
            page.links.append((tag.group(1).lower() if tag else "", value))
    return page


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) or url.startswith(("mailto:", "tel:", "javascript:", "data:"))


IdsCache = dict[tuple[str, int, int, int], set[str]]
IDS_CACHE_LIMIT = 50_000


#: Below this many pages per worker, the link check runs in one process.
PAGES_PER_WORKER_AT_LEAST = 200


def check_links(
    site_dir: Path, skip_prefixes: tuple[str, ...] = ("search/",), pages: set[str] | None = None, files: set[str] | None = None,
    ids_cache: IdsCache | None = None, jobs: int | None = None,
) -> list[Report]:
    """Reports for internal links to missing files or anchors, and for external loads.

    ``pages`` limits the check to the links *from* those pages (an incremental
    build passes the pages it rewrote: an unchanged page links to nothing new);
    ``files`` is every file of the site when the caller knows it (saves a walk);
    ``ids_cache`` keeps the ids of anchor targets between checks (serve), by
    file identity: an unchanged page is the same hard-linked file.  A big site's
    pages are checked in up to ``jobs`` forked workers (None: every core), in
    contiguous parts taken in turn, so the reports come in the same order.
    """
    if files is None:
        files = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    html = sorted(f for f in files if f.endswith(".html") and not f.startswith(skip_prefixes))
    checker = _Checker(site_dir, skip_prefixes, files, ids_cache)
    todo = html if pages is None else sorted(pages)
    workers = worker_count(jobs, len(todo), PAGES_PER_WORKER_AT_LEAST)
    if workers < 2 or not can_fork():
        return checker.check(todo)
    # more parts than workers: one that drew slow pages does not keep the others waiting at the end
    return [report for part in fork_map(_check_part, (checker, todo), workers, workers * 4) for report in part]


def _check_part(shared: tuple[_Checker, list[str]], part: int, parts: int) -> list[Report]:
    checker, todo = shared
    size = -(-len(todo) // parts)
    return checker.check(todo[part * size : (part + 1) * size])


@dataclass
class _Checker:
    site_dir: Path
    skip_prefixes: tuple[str, ...]
    files: set[str]
    ids_cache: IdsCache | None
    ids: dict[str, set[str]] = field(default_factory=dict)  # pages' ids, as anchor targets
    resolved: dict[tuple[str, str], str | None] = field(default_factory=dict)
    from_root: dict[tuple[str, str], str | None] = field(default_factory=dict)

    def scan(self, relative: str) -> _Page:
        """A page's links and ids; only the ids are kept (a big site's links would fill memory)."""
        page = _scan((self.site_dir / relative).read_text("utf-8"))
        self.ids[relative] = page.ids
        return page

    def ids_of(self, relative: str) -> set[str]:
        if self.ids_cache is None:
            return self._ids(relative)
        stat = os.stat(self.site_dir / relative)
        key = (relative, stat.st_ino, stat.st_size, stat.st_mtime_ns)
        if key not in self.ids_cache:
            if len(self.ids_cache) > IDS_CACHE_LIMIT:
                self.ids_cache.clear()
            self.ids_cache[key] = self._ids(relative)
        return self.ids_cache[key]

    def _ids(self, relative: str) -> set[str]:
        return self.ids[relative] if relative in self.ids else self.scan(relative).ids

    def target(self, page: str, base: str, path: str) -> str | None:
        """The file a link path names, resolved once per folder — or once for the whole site when
        the path first climbs to the root (``../../entities/x/`` from any ``articles/<slug>/``)."""
        if not path:
            return page
        climb = "../" * (base.count("/") + 1) if base else ""
        key = ("", path[len(climb) :]) if climb and path.startswith(climb) else (base, path)
        if key not in self.resolved:
            self.resolved[key] = _target_file(key[0], page, unquote(key[1])) if key[1] else "index.html"
        return self.resolved[key]

    def check(self, pages: list[str]) -> list[Report]:
        reports = []
        for page in pages:
            base = posixpath.dirname(page)
            climb = "../" * (base.count("/") + 1) if base else ""
            for tag, url in self.scan(page).links:
                if climb and url.startswith(climb) and not url.startswith(climb + ".."):
                    # the same link from any page as deep: judged once (nav, entity and article links)
                    key = (tag, url)
                    if key not in self.from_root:
                        self.from_root[key] = self.problem(page, base, tag, url)
                    problem = self.from_root[key]
                else:
                    problem = self.problem(page, base, tag, url)
                if problem:
                    reports.append(Report(f"site/{page}", problem))
        return reports

    def problem(self, page: str, base: str, tag: str, url: str) -> str | None:
        """What is wrong with one link of ``page``, or None."""
        if _is_external(url):
            return f"外部のリソース {url!r} を読み込んでいます" if tag in ("script", "img", "iframe", "link") else None
        parts = urlsplit(url)
        target = self.target(page, base, parts.path)
        if target is None:
            return f"リンク {url!r} がサイトの外を指しています"
        if target.startswith(self.skip_prefixes):
            return None
        if target not in self.files:
            return f"リンク切れ {url!r}: {target} がありません"
        if parts.fragment and target.endswith(".html") and unquote(parts.fragment) not in self.ids_of(target):
            return f"リンク先の位置がありません {url!r}: {target} に id {parts.fragment!r} がありません"
        return None


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
