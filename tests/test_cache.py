"""The record cache's code version: only the code that makes records invalidates cached records."""

from pathlib import Path

import pytest

from xai_digest import cache
from xai_digest.cache import _PACKAGE, record_modules
from xai_digest.site import build_site
from test_incremental import tree


def test_the_record_code_is_what_pipeline_and_the_analyzer_import():
    names = {p.relative_to(_PACKAGE).as_posix() for p in record_modules()}
    assert {"pipeline.py", "analyze/analyzer.py", "analyze/tokens.py", "analyze/figures.py", "parse/rules.py",
            "parse/dates.py", "read.py", "overlay.py", "model.py", "yamlio.py", "__init__.py"} <= names
    assert not names & {"site.py", "render/__init__.py", "render/pages.py", "link/__init__.py", "link/related.py",
                        "output.py", "search.py", "manifest.py", "serve.py", "cli.py", "commands/build.py"}


def build(project: Path, out: str = "site", cached: bool = True):
    return build_site(project / "seeds", project / "content", project / "templates", project / out,
                      search=False, cache_dir=project / ".cache" if cached else None)


def other_code(monkeypatch, name: str) -> None:
    """Pretend this process runs other code: ``code_version`` (every module that took it by name) or ``record_code_version``."""
    import xai_digest.link.stored as stored
    import xai_digest.manifest as manifest
    import xai_digest.render as render

    modules = (cache, stored, manifest, render) if name == "code_version" else (cache,)
    for module in modules:
        monkeypatch.setattr(module, name, lambda: "other code")


@pytest.mark.parametrize("changed, hits", [("code_version", 5), ("record_code_version", 0)])
def test_other_rendering_code_keeps_the_records_other_record_code_does_not(project, monkeypatch, changed, hits):
    build(project)
    other_code(monkeypatch, changed)
    again = build(project)
    assert again.cache_hits == hits
    assert again.rendered  # either way not taken for an unchanged build: pages made by other code are made again
    build(project, "clean", cached=False)
    assert tree(project / "site") == tree(project / "clean")
