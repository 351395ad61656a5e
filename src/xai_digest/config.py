"""Site settings from ``content/site.yaml``, validated with clear messages, and the content pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from xai_digest.yamlio import YAMLError, error_line, error_reason, load_yaml
from xai_digest.model import Report

DEFAULTS: dict[str, Any] = {
    "title": "xAI ダイジェスト",
    "description": "AI 業界の計算資源・資金調達・データセンターをめぐるニュースを分析する日本語ダイジェスト",
    "base_url": "",
    "language": "ja",
    "author": "xai-digest 編集部",
}


def load_site_settings(content_dir: Path) -> tuple[dict[str, Any], list[Report]]:
    """Defaults overridden by ``site.yaml``; unknown keys and wrong types are reported."""
    settings = dict(DEFAULTS)
    path = content_dir / "site.yaml"
    if not path.is_file():
        return settings, []
    try:
        data = load_yaml(path.read_text("utf-8")) or {}
    except (YAMLError, UnicodeDecodeError) as exc:
        return settings, [Report(str(path), f"YAML が正しくありません（{error_reason(exc)}）。既定の設定を使います", error_line(exc))]
    if not isinstance(data, dict):
        return settings, [Report(str(path), "「設定名: 値」の形ではありません。既定の設定を使います", 1)]
    reports = []
    for key, value in data.items():
        if key not in DEFAULTS:
            reports.append(Report(str(path), f"設定 {key!r} は使えません（使える設定: {', '.join(DEFAULTS)}）"))
        elif not isinstance(value, str):
            reports.append(Report(str(path), f"設定 {key!r} は文字列で書いてください（{type(value).__name__} でした）"))
        else:
            settings[key] = value.rstrip("/") if key == "base_url" else value
    return settings, reports


#: Slugs the site's own pages use: a content page may not take them.
RESERVED_SLUGS = {"articles", "entities", "facts", "timeline", "tags", "page", "static", "data", "search", "404"}


def load_content_pages(content_dir: Path) -> tuple[list[dict[str, Any]], list[Report]]:
    """Static pages from ``content/pages/*.md`` (front matter: title, slug), sorted by file name."""
    from xai_digest.pipeline import slugify

    folder = content_dir / "pages"
    if not folder.is_dir():
        return [], []
    pages, reports, taken = [], [], set(RESERVED_SLUGS)
    for path in sorted(folder.glob("*.md")):
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reports.append(Report(str(path), f"ページを読み込めません: {exc}"))
            continue
        meta: dict[str, Any] = {}
        if text.startswith("---\n") and "\n---" in text[4:]:
            head, text = text[4:].split("\n---", 1)
            text = text.split("\n", 1)[1] if "\n" in text else ""
            try:
                meta = load_yaml(head) or {}
            except YAMLError as exc:
                reports.append(Report(str(path), f"フロントマターの YAML が正しくありません（{error_reason(exc)}）", error_line(exc, 1)))
            if not isinstance(meta, dict):
                meta = {}
        slug = slugify(str(meta.get("slug") or path.stem))
        if slug in taken:
            reports.append(Report(str(path), f"スラッグ {slug!r} はサイトが使っています。このページはスキップしました"))
            continue
        taken.add(slug)
        pages.append({"slug": slug, "title": str(meta.get("title") or path.stem), "body": text})
    return pages, reports
