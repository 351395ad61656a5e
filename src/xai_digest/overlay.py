"""Editor overlays: ``content/articles/<seed-stem>.yaml`` (or ``.md`` with front matter).

An overlay sets or corrects what the seed got wrong or lacks.  Its fields win
over the parsed ones and the record lists them in ``editor_fields`` so pages
can say which parts an editor wrote.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from xai_digest.yamlio import YAMLError, error_line, error_reason, load_yaml
from xai_digest.model import KeyPoint, Record, Report
from xai_digest.parse.dates import InvalidDate, normalize_date

TEXT_FIELDS = ("title", "site", "author", "category", "lead", "impact_analysis", "editor_comment", "slug")
KNOWN_FIELDS = set(TEXT_FIELDS) | {"date", "tags", "key_points"}


OVERLAY_SUFFIXES = (".yaml", ".yml", ".md")  # in order of precedence when a seed has several


def overlay_index(content_dir: Path) -> dict[str, Path]:
    """Seed stem → its overlay file, from one listing of ``content/articles/``."""
    folder = content_dir / "articles"
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return {}
    found: dict[str, Path] = {}
    for suffix in reversed(OVERLAY_SUFFIXES):  # the preferred suffix is written last and wins
        for entry in entries:
            if entry.name.endswith(suffix) and entry.is_file():
                found[entry.name[: -len(suffix)]] = folder / entry.name
    return found


def load_overlay(path: Path) -> tuple[dict[str, Any], list[Report]]:
    """Read an overlay file; problems are reports, never exceptions."""
    name = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Report(name, f"オーバーレイを読み込めません: {exc}")]
    body = ""
    if path.suffix == ".md":
        if not text.startswith("---"):
            return {"editor_comment": text.strip()} if text.strip() else {}, []
        parts = text.split("\n---", 1)
        if len(parts) < 2:
            return {}, [Report(name, "「---」で始まるフロントマターが閉じていません", 1)]
        text, body = parts[0][3:], parts[1].split("\n", 1)[1] if "\n" in parts[1] else ""
    try:
        data = load_yaml(text) or {}
    except YAMLError as exc:
        line = error_line(exc, 1 if path.suffix == ".md" else 0)
        return {}, [Report(name, f"オーバーレイの YAML が正しくありません（{error_reason(exc)}）", line)]
    if not isinstance(data, dict):
        return {}, [Report(name, "オーバーレイは「項目: 値」の形で書いてください", 1)]
    if body.strip() and "editor_comment" not in data:
        data["editor_comment"] = body.strip()
    return data, []


def apply_overlay(record: Record, data: dict[str, Any], path: Path) -> list[Report]:
    """Apply overlay fields to the record in place; return problems found."""
    reports: list[Report] = []
    name = str(path)
    for key, value in data.items():
        if key not in KNOWN_FIELDS:
            reports.append(Report(name, f"オーバーレイの項目 {key!r} は使えません（使える項目: {', '.join(sorted(KNOWN_FIELDS))}）"))
            continue
        if value is None:
            continue
        if key == "date":
            try:
                record.date = normalize_date(value)
            except InvalidDate as exc:
                reports.append(Report(name, str(exc)))
                continue
        elif key == "tags":
            record.tags = [str(v) for v in (value if isinstance(value, list) else [value])]
        elif key == "key_points":
            points = _key_points(value)
            if points is None:
                reports.append(Report(name, "key_points は heading と body の組のリストで書いてください"))
                continue
            record.key_points = points
        else:
            setattr(record, key, str(value).strip())
            if key == "title":
                record.title_derived = False
        record.editor_fields.append(key)
    return reports


def _key_points(value: Any) -> list[KeyPoint] | None:
    if not isinstance(value, list):
        return None
    points = []
    for item in value:
        if not isinstance(item, dict) or "heading" not in item:
            return None
        points.append(KeyPoint(heading=str(item["heading"]), body=str(item.get("body", ""))))
    return points
