"""Running read → parse → overlay → analyze over a folder of seeds.

Every per-seed step takes plain data and returns plain data plus reports, so
one bad seed costs one report and never the rest of the site.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from xai_digest.analyze import Analyzer
from xai_digest.model import Record, Report
from xai_digest.overlay import apply_overlay, find_overlay, load_overlay
from xai_digest.parse import ReadingRules, load_rules, parse_text
from xai_digest.read import UnreadableError, decode_bytes


@dataclass
class Project:
    """Where a build reads from."""

    seeds_dir: Path = Path("seeds")
    content_dir: Path = Path("content")

    def rules(self) -> ReadingRules:
        return load_rules(self.content_dir)


@dataclass
class Loaded:
    records: list[Record] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)


def discover_seeds(seeds_dir: Path) -> tuple[list[Path], list[Report]]:
    """Regular files directly in ``seeds_dir``, sorted; anything else is reported."""
    reports: list[Report] = []
    if not seeds_dir.is_dir():
        return [], [Report(str(seeds_dir), "seeds folder does not exist", level="error")]
    root = seeds_dir.resolve()
    paths = []
    for path in sorted(seeds_dir.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(root):
                reports.append(Report(str(path), "symlink points outside the seeds folder; not followed", level="error"))
                continue
        if path.is_dir():
            reports.append(Report(str(path), "is a folder, not an article; skipped", level="error"))
            continue
        if not path.is_file():
            reports.append(Report(str(path), "is not a regular file; skipped", level="error"))
            continue
        paths.append(path)
    return paths, reports


def read_seed(path: Path, project: Project, rules: ReadingRules, analyzer: Analyzer | None) -> tuple[Record | None, list[Report]]:
    """One seed to one record (or None with an error report)."""
    name = path.name
    shown = str(path)
    try:
        text = decode_bytes(path.read_bytes())
    except UnreadableError as exc:
        return None, [Report(shown, f"{exc}; skipped", level="error")]
    except OSError as exc:
        return None, [Report(shown, f"cannot be read ({exc.strerror}); skipped", level="error")]
    reports = [Report(shown, msg, line) for line, msg in text.warnings]
    record, parse_reports = parse_text(text.text, name, rules)
    reports += [Report(shown, r.message, r.line, r.level) for r in parse_reports]
    if not record.title and not record.paragraphs():
        reports.append(Report(shown, "nothing but page chrome: no title and no text; skipped", level="error"))
        return None, reports
    overlay = find_overlay(project.content_dir, path.stem)
    if overlay is not None:
        data, overlay_reports = load_overlay(overlay)
        reports += overlay_reports
        reports += apply_overlay(record, data, overlay)
    if analyzer is not None:
        analyzer.analyze(record)
    record.warnings = [f"{r.line}: {r.message}" if r.line else r.message for r in reports]
    return record, reports


def load_records(project: Project, files: list[Path] | None = None, analyze: bool = True) -> Loaded:
    """Read every seed (or the given files) into records with their reports."""
    loaded = Loaded()
    rules = project.rules()
    loaded.reports += rules.problems
    if files is None:
        files, reports = discover_seeds(project.seeds_dir)
        loaded.reports += reports
    analyzer = Analyzer.for_project(project.content_dir) if analyze else None
    if analyzer is not None:
        loaded.reports += analyzer.problems
    for path in files:
        record, reports = read_seed(path, project, rules, analyzer)
        loaded.reports += reports
        if record is not None:
            loaded.records.append(record)
    assign_slugs(loaded.records)
    return loaded


def slugify(text: str) -> str:
    """A URL-safe slug: ASCII letters, digits and hyphens; never a path."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[^a-z0-9_-]+", "-", text).strip("-_")
    return text[:80] or "article"


def assign_slugs(records: list[Record]) -> None:
    """Stable, unique slugs from the overlay slug or seed name; collisions get -2, -3 …"""
    taken: set[str] = set()
    for record in sorted(records, key=lambda r: r.source_file):
        base = slugify(record.slug or Path(record.source_file).stem)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        record.slug = slug
