"""Japanese full-text search with pagefind's extended build (it segments Japanese).

Pinned to pagefind 1.6.0 from npm (``package.json``): 1.5.x, the PyPI release,
segments Japanese one way when indexing and another when querying and gives
false matches (CloudCannon/pagefind #1237: サイバー finds サイドバー).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

PAGEFIND_VERSION = "1.6.0"
ENV_VAR = "XAI_DIGEST_PAGEFIND"
_NPM_PATH = Path("node_modules/@pagefind/linux-x64/bin/pagefind_extended")


def find_pagefind() -> Path | None:
    """The pagefind_extended binary: $XAI_DIGEST_PAGEFIND, ./node_modules (npm ci), or PATH."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured) if Path(configured).is_file() else None
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base / _NPM_PATH
        if candidate.is_file():
            return candidate
    found = shutil.which("pagefind_extended")
    return Path(found) if found else None


class SearchIndexError(RuntimeError):
    """pagefind failed; the message carries its output."""


def build_index(binary: Path, site_dir: Path, output: Path) -> None:
    """Index ``site_dir`` into the empty folder ``output``."""
    result = subprocess.run(
        # only article and entity pages carry data-pagefind-body: don't make pagefind parse the rest
        [str(binary), "--site", str(site_dir), "--output-path", str(output), "--glob", "{articles,entities}/**/*.html", "--silent"],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if result.returncode != 0:
        raise SearchIndexError((result.stderr or result.stdout).strip()[-2000:])
