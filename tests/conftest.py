"""Shared fixtures: the gold file, the bundled seeds and their records (read once)."""

from __future__ import annotations

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
