"""Related lists kept in the cache between builds: read back only when every record links as before."""

import json
from pathlib import Path

import pytest

from xai_digest.link import link_records
from xai_digest.link import stored as stored_links
from xai_digest.link.stored import FILE, StoredRelated, load, save
from xai_digest.pipeline import Project, load_records
from xai_digest.render.fingerprint import digest
from xai_digest.site import build_site
from test_incremental import edit_seed, edit_wording, tree


def build(project: Path, out: str, cache: bool = True):
    return build_site(project / "seeds", project / "content", project / "templates", project / out,
                      search=False, cache_dir=project / ".cache" if cache else None)


@pytest.fixture
def linking_calls(monkeypatch):
    """How many times a build ranks related articles (links without stored lists)."""
    calls = []

    def counted(records, kept=None, related=None):
        if related is None:
            calls.append(len(records))
        return link_records(records, kept, related)

    monkeypatch.setattr(stored_links, "link_records", counted)
    return calls


def add_editor_comment(p):
    (p / "content" / "articles" / "003_ae105c68d01c28cd.yaml").write_text(
        "editor_comment: 編集部が書いたコメントです。\nimpact_analysis: 影響は大きい。\n", encoding="utf-8")


@pytest.mark.parametrize("edit", [edit_wording, add_editor_comment])
def test_a_link_neutral_edit_reads_the_links_back(project, linking_calls, edit):
    build(project, "site")
    assert linking_calls == [5] and (project / ".cache" / FILE).is_file()
    edit(project)  # nothing that linking reads: figures, names, keywords, dates, events
    result = build(project, "site")
    assert linking_calls == [5]
    assert result.cache_hits == 4
    build(project, "clean", cache=False)
    assert tree(project / "site") == tree(project / "clean")


def test_an_edit_that_changes_a_figure_links_again_and_stores_the_new_links(project, linking_calls):
    build(project, "site")
    before = (project / ".cache" / FILE).read_bytes()
    edit_seed(project)  # 500 → 600 億ドル
    build(project, "site")
    assert linking_calls == [5, 5]
    assert (project / ".cache" / FILE).read_bytes() != before
    build(project, "site")  # nothing changed since: no linking at all (and the site is intact)
    assert linking_calls == [5, 5]


@pytest.mark.parametrize("damage", ["garbage", "other code", "missing part"])
def test_a_damaged_or_foreign_file_is_ignored(project, linking_calls, damage):
    build(project, "site")
    path = project / ".cache" / FILE
    if damage == "garbage":
        path.write_bytes(b"\x00not json{")
    else:
        data = json.loads(path.read_text("utf-8"))
        if damage == "other code":
            data["version"] = "another"
        else:
            del data["related"]
        path.write_text(json.dumps(data), encoding="utf-8")
    edit_wording(project)
    build(project, "site")
    assert linking_calls == [5, 5]  # linked again, not from the file
    build(project, "clean", cache=False)
    assert tree(project / "site") == tree(project / "clean")


def test_links_made_with_stored_lists_equal_links_made_from_scratch(project, tmp_path):
    records = load_records(Project(project / "seeds", project / "content")).records
    links = link_records(records)
    related = {r.source_file: r.related for r in records}
    save(tmp_path / FILE, StoredRelated([["a", "b"]], {"k": "b"}, related))
    back = load(tmp_path / FILE)
    assert back is not None and back.inputs == [["a", "b"]] and back.digests == {"k": "b"}
    assert any(back.related.values()) and digest(back.related) == digest(related)
    for record in records:
        record.related = []
    again = link_records(records, related=back.related)
    assert digest({r.source_file: r.related for r in records}) == digest(related)
    for part in ("facts", "entities", "timeline", "clusters"):
        assert digest(getattr(again, part)) == digest(getattr(links, part))
