"""Incremental builds: after every kind of edit the output equals a clean build, byte for byte."""

from pathlib import Path

import pytest

from xai_digest.site import build_site

ROOT = Path(__file__).resolve().parent.parent


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def build(project: Path, out: str, cache: bool):
    return build_site(project / "seeds", project / "content", project / "templates", project / out,
                      search=False, cache_dir=project / ".cache" if cache else None)


def edit_seed(p):
    path = p / "seeds" / "002_2e7849efe231b912.txt"
    path.write_text(path.read_text("utf-8").replace("500 億ドル", "600 億ドル", 1), encoding="utf-8")


def edit_overlay(p):
    (p / "content" / "articles" / "003_ae105c68d01c28cd.yaml").write_text(
        "date: 2025-07-20\ntags: [SpaceX]\neditor_comment: 編集部が書いたコメントです。\n", encoding="utf-8")


def edit_alias(p):
    path = p / "content" / "entities.yaml"
    path.write_text(path.read_text("utf-8").replace("aliases: [アンソロピック", "aliases: [アンスロ社, アンソロピック"), encoding="utf-8")


def edit_template(p):
    source = ROOT / "src" / "xai_digest" / "templates" / "index.html"
    (p / "templates" / "index.html").write_text(source.read_text("utf-8").replace("最新の記事", "新着記事"), encoding="utf-8")


def delete_seed(p):
    (p / "seeds" / "001_753a2d71b8b70341.txt").unlink()


@pytest.mark.parametrize("edit", [edit_seed, edit_overlay, edit_alias, edit_template, delete_seed])
def test_incremental_equals_clean_build(project, edit):
    first = build(project, "site", cache=True)
    assert first.cache_hits == 0
    edit(project)
    incremental = build(project, "site", cache=True)
    build(project, "clean", cache=False)
    assert tree(project / "site") == tree(project / "clean")
    if edit in (edit_seed, edit_overlay):
        assert incremental.cache_hits == 4  # only the edited seed was read again
    if edit is edit_alias:
        assert incremental.cache_hits == 0  # an alias can change every record


def test_unchanged_pages_are_not_rewritten(project):
    build(project, "site", cache=True)
    before = {p: p.stat().st_ino for p in (project / "site").rglob("*.html")}
    edit_seed(project)
    result = build(project, "site", cache=True)
    after = {p: p.stat().st_ino for p in (project / "site").rglob("*.html")}
    same = [p for p in after if before.get(p) == after[p]]
    assert result.changed < len(after)
    assert len(same) == len(after) - sum(1 for p in after if before.get(p) != after[p])
    assert project / "site" / "tags" / "index.html" in same  # nothing about tags changed


def test_no_change_rebuild_comes_from_cache(project):
    build(project, "site", cache=True)
    again = build(project, "site", cache=True)
    assert again.cache_hits == 5 and again.changed == 0
