"""Incremental builds: after every kind of edit the output equals a clean build, byte for byte."""

import json
from pathlib import Path

import pytest

from xai_digest.site import BuildMemory, build_site

ROOT = Path(__file__).resolve().parent.parent


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def build(project: Path, out: str, cache: bool, memory: BuildMemory | None = None):
    return build_site(project / "seeds", project / "content", project / "templates", project / out,
                      search=False, cache_dir=project / ".cache" if cache else None, memory=memory)


def edit_seed(p):
    path = p / "seeds" / "002_2e7849efe231b912.txt"
    path.write_text(path.read_text("utf-8").replace("500 億ドル", "600 億ドル", 1), encoding="utf-8")


def edit_wording(p):
    """A reworded sentence without figures or names: linking is skipped when the process kept its links."""
    path = p / "seeds" / "002_2e7849efe231b912.txt"
    path.write_text(path.read_text("utf-8").replace("浮き彫りにしています", "浮き彫りにしている", 1), encoding="utf-8")


def edit_title(p):
    """Titles show on the index, tag, entity, timeline and related lists of other pages."""
    (p / "content" / "articles" / "002_2e7849efe231b912.yaml").write_text("title: 改題した見出し\ntags: [SpaceX]\n", encoding="utf-8")


def edit_content_page(p):
    path = p / "content" / "pages" / "about.md"
    path.write_text(path.read_text("utf-8").replace("title: このサイトについて", "title: 編集方針"), encoding="utf-8")


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


EDITS = [edit_seed, edit_wording, edit_title, edit_overlay, edit_alias, edit_template, edit_content_page, delete_seed]


@pytest.mark.parametrize("kept", [False, True], ids=["build", "serve-memory"])
@pytest.mark.parametrize("edit", EDITS)
def test_incremental_equals_clean_build(project, edit, kept):
    memory = BuildMemory() if kept else None
    first = build(project, "site", cache=True, memory=memory)
    assert first.cache_hits == 0
    if kept:  # a second build leaves serve a spare tree: the edit's build starts from it
        untouched = project / "seeds" / "004_966dccc71f240b11.txt"
        untouched.write_text(untouched.read_text("utf-8") + "\n", encoding="utf-8")  # new bytes, same article
        build(project, "site", cache=True, memory=memory)
        assert memory.spare is not None and memory.spare_files
    edit(project)
    incremental = build(project, "site", cache=True, memory=memory)
    build(project, "clean", cache=False)
    assert tree(project / "site") == tree(project / "clean")
    if edit in (edit_seed, edit_wording, edit_title, edit_overlay):
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


def test_kept_links_are_reused_only_when_linking_inputs_are_unchanged(project):
    memory = BuildMemory()
    build(project, "site", cache=True, memory=memory)
    links = memory.links.links
    edit_wording(project)
    build(project, "site", cache=True, memory=memory)
    assert memory.links.links is links  # nothing linking reads changed
    edit_seed(project)  # a figure changed: 500 → 600 億ドル
    build(project, "site", cache=True, memory=memory)
    assert memory.links.links is not links


@pytest.mark.parametrize("kept", [False, True], ids=["build", "serve-memory"])
def test_rewording_a_paragraph_renders_only_that_article(project, kept):
    memory = BuildMemory() if kept else None
    build(project, "site", cache=True, memory=memory)
    edit_wording(project)
    result = build(project, "site", cache=True, memory=memory)
    assert result.rendered == ["articles/002_2e7849efe231b912/index.html"]


def test_title_edit_renders_the_pages_that_show_the_title(project):
    build(project, "site", cache=True)
    edit_title(project)
    rendered = set(build(project, "site", cache=True).rendered)
    assert {"index.html", "articles/002_2e7849efe231b912/index.html", "tags/index.html"} <= rendered
    assert any(p.startswith("entities/") and p != "entities/index.html" for p in rendered)  # its entities list it by title
    data = json.loads((project / "site" / "data" / "articles.json").read_text("utf-8"))
    for article in data:  # another article's page shows the title only in its related list
        lists_it = any(link["source_file"] == "002_2e7849efe231b912.txt" for link in article["related"])
        assert (f"articles/{article['slug']}/index.html" in rendered) == (lists_it or article["slug"].startswith("002")), article["slug"]


@pytest.mark.parametrize("kept", [False, True], ids=["build", "serve-memory"])
@pytest.mark.parametrize("edit", [edit_wording, edit_title, edit_seed, delete_seed, edit_alias])
def test_a_big_archives_articles_json_reuses_unchanged_entries(project, monkeypatch, edit, kept):
    """Above COMPACT_JSON_ABOVE articles, articles.json entries are copied from the current file
    while their record, slug and related links are unchanged: still the clean build's bytes."""
    import xai_digest.render as render

    monkeypatch.setattr(render, "COMPACT_JSON_ABOVE", 2)
    memory = BuildMemory() if kept else None
    build(project, "site", cache=True, memory=memory)
    encoded: list[str] = []
    original = render.record_json
    monkeypatch.setattr(render, "record_json", lambda record: encoded.append(record.source_file) or original(record))
    edit(project)
    build(project, "site", cache=True, memory=memory)
    incremental = sorted(encoded)
    build(project, "clean", cache=False)
    assert tree(project / "site") == tree(project / "clean")
    if edit in (edit_wording, edit_title):  # nothing another entry shows changed
        assert incremental == ["002_2e7849efe231b912.txt"]
    if edit is edit_alias:  # every record may change: all encoded anew
        assert len(incremental) == 5


def test_a_build_that_patches_the_search_index_equals_a_clean_build(project):
    """Bookkeeping included: the files a patch wrote inside the kept search folder are listed as that folder."""
    build_site(project / "seeds", project / "content", project / "templates", project / "site", cache_dir=project / ".cache")
    edit_wording(project)
    build_site(project / "seeds", project / "content", project / "templates", project / "site", cache_dir=project / ".cache")
    build_site(project / "seeds", project / "content", project / "templates", project / "clean")
    site, clean = tree(project / "site"), tree(project / "clean")
    assert site["search/meta.json"] == clean["search/meta.json"]
    assert site == clean
