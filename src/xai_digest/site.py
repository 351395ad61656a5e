"""The whole build: load, link, render and write atomically."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from xai_digest.config import load_site_settings
from xai_digest.link import link_records
from xai_digest.model import Report
from xai_digest.output import SiteWriter, clean_stale_staging
from xai_digest.pipeline import Project, load_records
from xai_digest.render import make_environment, render_site


@dataclass
class BuildResult:
    articles: int = 0
    pages: int = 0
    reports: list[Report] = field(default_factory=list)


def build_site(seeds: Path, content: Path, templates: Path | None, out: Path) -> BuildResult:
    """Build ``out`` from ``seeds`` + ``content``; the old site stays until the new one is whole."""
    settings, reports = load_site_settings(content)
    loaded = load_records(Project(seeds_dir=seeds, content_dir=content))
    reports += loaded.reports
    links = link_records(loaded.records)
    clean_stale_staging(out)
    writer = SiteWriter(out)
    try:
        render_site(loaded.records, links, writer, make_environment(templates), settings)
    except BaseException:
        writer.abort()
        raise
    writer.commit()
    pages = sum(1 for p in writer.written if p.endswith(".html"))
    return BuildResult(articles=len(loaded.records), pages=pages, reports=reports)
