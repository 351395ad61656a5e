"""A build whose inputs did not change does nothing — and anything that changes the output is an input."""

import json

import pytest

import xai_digest.site as site_module
from xai_digest.site import build_site


def build(project, **kwargs):
    return build_site(project / "seeds", project / "content", project / "templates", project / "site",
                      search=False, cache_dir=project / ".cache", **kwargs)


def refuse(*args, **kwargs):
    raise AssertionError("records were loaded although nothing changed")


def test_an_unchanged_project_is_not_built_again(project, monkeypatch):
    (project / "seeds" / "empty.txt").write_text("", encoding="utf-8")  # a report to replay
    first = build(project)
    monkeypatch.setattr(site_module, "load_records", refuse)  # the second build must not even read the records
    again = build(project)
    assert again.changed == 0 and again.articles == first.articles and again.pages == first.pages
    assert [str(r) for r in again.reports] == [str(r) for r in first.reports]  # --strict still sees them
    assert any("empty.txt" in str(r) for r in again.reports)


@pytest.mark.parametrize("edit", [
    lambda p: (p / "seeds" / "002_2e7849efe231b912.txt").write_text("新しい見出し\n本文です。\n", encoding="utf-8"),
    lambda p: (p / "seeds" / "new.txt").write_text("追加した記事\n本文です。\n", encoding="utf-8"),
    lambda p: (p / "seeds" / "001_753a2d71b8b70341.txt").unlink(),
    lambda p: (p / "content" / "articles" / "002_2e7849efe231b912.yaml").write_text("title: 上書き\n", encoding="utf-8"),
    lambda p: (p / "content" / "site.yaml").write_text("title: 別の名前\n", encoding="utf-8"),
    lambda p: (p / "content" / "entities.yaml").write_text("entities: []\n", encoding="utf-8"),
    lambda p: (p / "templates" / "404.html").write_text("<!doctype html><html lang=\"ja\"><title>x</title></html>\n", encoding="utf-8"),
    lambda p: (p / "site" / "facts" / "index.html").unlink(),  # a damaged site is built again
], ids=["seed", "new seed", "deleted seed", "overlay", "settings", "entities", "template", "deleted page"])
def test_any_input_change_builds_again(project, edit):
    build(project)
    edit(project)
    again = build(project)
    assert again.pages > 0 and (project / "site" / "facts" / "index.html").is_file()
    clean = build_site(project / "seeds", project / "content", project / "templates", project / "clean", search=False)
    assert again.articles == clean.articles
    for page in ("index.html", "facts/index.html", "404.html"):
        assert (project / "site" / page).read_bytes() == (project / "clean" / page).read_bytes(), page


def test_after_serve_rebuilt_an_edit_a_command_line_build_has_nothing_to_do(project, monkeypatch):
    from xai_digest.site import BuildMemory

    memory = BuildMemory()
    build(project, memory=memory)
    seed = project / "seeds" / "002_2e7849efe231b912.txt"
    seed.write_text(seed.read_text("utf-8").replace("浮き彫り", "明らかに", 1), encoding="utf-8")
    build(project, memory=memory)  # serve's rebuild: its digest comes from the keys it holds, not from re-reading
    manifest = json.loads((project / "site" / ".xai-digest" / "build.json").read_text("utf-8"))
    assert manifest["inputs"]
    monkeypatch.setattr(site_module, "load_records", refuse)
    again = build(project)  # the same digest computed by reading every seed: nothing to do
    assert again.articles == 5 and again.changed == 0
