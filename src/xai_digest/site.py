"""The whole build: load, link, render, index for search, check links, swap in atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xai_digest.config import load_content_pages, load_site_settings
from xai_digest.link import link_records
from xai_digest.linkcheck import check_links
from xai_digest.model import Report
from xai_digest.output import SiteWriter, clean_stale_staging
from xai_digest.pipeline import Progress, Project, load_records
from xai_digest.render import make_environment, render_site
from xai_digest.search import SearchIndexError, build_index, find_pagefind


@dataclass
class BuildResult:
    articles: int = 0
    pages: int = 0
    reports: list[Report] = field(default_factory=list)
    search: bool = False
    changed: int = 0
    cache_hits: int = 0


def build_site(
    seeds: Path,
    content: Path,
    templates: Path | None,
    out: Path,
    search: bool | str = True,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    jobs: int | None = None,
) -> BuildResult:
    """Build ``out`` from ``seeds`` + ``content``; the old site stays until the new one is whole.

    ``search``: True builds the search index (reusing it when no page changed), False skips it,
    "reuse" keeps the current index even if pages changed (the dev server refreshes it when idle).
    """
    settings, reports = load_site_settings(content)
    loaded = load_records(Project(seeds_dir=seeds, content_dir=content), cache_dir=cache_dir, progress=progress, jobs=jobs)
    reports += loaded.reports
    links = link_records(loaded.records)
    if progress:
        progress("link", len(links.facts), len(loaded.records))
    pagefind = find_pagefind() if search else None
    if search and pagefind is None:
        reports.append(Report("pagefind", "search index not built: pagefind_extended not found (run `npm ci`)"))
    settings["search"] = pagefind is not None
    clean_stale_staging(out)
    writer = SiteWriter(out)
    try:
        pages, page_reports = load_content_pages(content)
        reports += page_reports
        render_site(loaded.records, links, writer, make_environment(templates), settings, pages)
        if progress:
            progress("render", len(writer.written), len(writer.written))
        if pagefind is not None:
            html_changed = any(p.endswith(".html") for p in writer.changed)
            # search="reuse" (serve, while editing): keep the old index now, refresh it when idle
            if (html_changed and search != "reuse") or not writer.reuse_tree("pagefind"):
                try:
                    build_index(pagefind, writer.staging)
                except SearchIndexError as exc:
                    reports.append(Report("pagefind", f"search index failed: {exc}", level="error"))
            if progress:
                progress("search", 1, 1)
        previous_site = (writer.out_dir / ".xai-digest").is_dir()
        changed_pages = {p for p in writer.changed if p.endswith(".html")} if previous_site else None
        reports += check_links(writer.staging, pages=changed_pages)
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    pages = sum(1 for p in writer.written if p.endswith(".html"))
    return BuildResult(
        articles=len(loaded.records),
        pages=pages,
        reports=reports,
        search=pagefind is not None,
        changed=len(writer.changed),
        cache_hits=loaded.cache_hits,
    )

