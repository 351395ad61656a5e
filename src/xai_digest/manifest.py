"""The inputs of a build, and what the last build made of them.

The site is a pure function of its inputs: the seeds (names and bytes),
their overlays, the project data (entity aliases, reading rules, site
settings, content pages), the templates (the project's and the shipped
ones), the code and the search setting.  The last build's digest of all of
them, its reports and its file list live in ``site/.xai-digest/build.json``;
when nothing changed and every file is still there, ``build`` has nothing to
do but repeat the reports, which takes a second even for 10,000 articles.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Any

from xai_digest.cache import code_version
from xai_digest.model import Report

MANIFEST = ".xai-digest/build.json"
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"


def input_digest(content_keys: list[str], content: Path, templates: Path | None, search: str) -> str:
    """One hash over everything a build's output depends on: the seeds' content keys (which
    include entity aliases, reading rules and the code that makes records), all the code,
    settings, content pages, templates, search."""
    digest = hashlib.sha256(search.encode())
    digest.update(code_version().encode())
    for key in content_keys:
        digest.update(key.encode())
    _add_file(digest, "site.yaml", content / "site.yaml")
    for folder, label in ((content / "pages", "page:"), (templates, "template:"), (PACKAGE_TEMPLATES, "shipped:")):
        if folder is not None and folder.is_dir():
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                _add_file(digest, label + path.relative_to(folder).as_posix(), path)
    return digest.hexdigest()


def _add_file(digest: Any, label: str, path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError:
        data = b"\x00missing"
    digest.update(len(label.encode()).to_bytes(8, "big") + label.encode())
    digest.update(len(data).to_bytes(8, "big") + data)


def manifest_text(inputs: str, reports: list[Report], articles: int, pages: int, search: bool, files: set[str]) -> str:
    return json.dumps(
        {"inputs": inputs, "articles": articles, "pages": pages, "search": search,
         "reports": [asdict(r) for r in reports], "files": sorted(files | {MANIFEST})},
        ensure_ascii=False, indent=0,
    ) + "\n"


def unchanged_build(out: Path, inputs: str) -> dict[str, Any] | None:
    """The last build's manifest if it was made from these inputs and its files are all there."""
    try:
        manifest = json.loads((out / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(manifest, dict) or manifest.get("inputs") != inputs:
        return None
    files = manifest.get("files") or []
    if not all(os.path.lexists(out / name.rstrip("/")) for name in files):
        return None  # someone deleted part of the site: build it again
    return manifest
