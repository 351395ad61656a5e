"""Shared fixtures: the gold file, the bundled seeds and their records (read once)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from xai_digest.pipeline import Project, load_records

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CONTENT = ROOT / "content"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def gold() -> dict:
    return yaml.safe_load((FIXTURES / "gold.yaml").read_text("utf-8"))


@pytest.fixture(scope="session")
def loaded():
    return load_records(Project(seeds_dir=SEEDS, content_dir=CONTENT))


@pytest.fixture(scope="session")
def records(loaded) -> dict:
    return {r.source_file: r for r in loaded.records}


@pytest.fixture
def project(tmp_path):
    """A copy of the bundled seeds and content to edit, with an empty templates/ folder."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(CONTENT, tmp_path / "content")
    (tmp_path / "templates").mkdir()
    return tmp_path


@pytest.fixture
def server(project):
    """``xai-digest serve --port 0`` as a real process; yields (base url, project)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "xai_digest", "serve", "--port", "0", "--seeds", "seeds", "--content", "content",
         "--templates", "templates", "--out", "site", "--cache", ".cache"],
        cwd=project, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    url = None
    lines = []
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stderr.readline()
        lines.append(line)
        match = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
        if match:
            url = match.group(1)
            break
    assert url, "".join(lines)
    threading.Thread(target=lambda: [lines.append(l) for l in process.stderr], daemon=True).start()
    yield url, project, lines
    process.terminate()
    process.wait(timeout=10)


