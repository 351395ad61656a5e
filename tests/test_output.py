"""The site writer: a clone of the current site patched and swapped in whole."""

from pathlib import Path

import pytest

from xai_digest.output import SiteWriter, UnsafePath, spare_path


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def staged(out: Path, write: dict[str, str] | None = None, reuse: tuple[str, ...] = (), trees: tuple[str, ...] = (),
           **start) -> SiteWriter:
    """A writer that wrote ``write`` and kept the files ``reuse`` and folders ``trees`` (each must be keepable)."""
    writer = SiteWriter(out, **start)
    for name, text in (write or {}).items():
        writer.write_text(name, text)
    for name in reuse:
        assert writer.reuse_file(name), name
    for name in trees:
        assert writer.reuse_tree(name), name
    return writer


def first_site(out: Path) -> None:
    staged(out, {"index.html": "old index", "articles/a/index.html": "article a", "articles/b/index.html": "article b",
                 "search/index.json": "{}"}).commit()


def test_second_build_keeps_only_what_it_wrote(tmp_path):
    out = tmp_path / "site"
    first_site(out)
    writer = staged(out, {"index.html": "new index", "articles/c/index.html": "article c"}, reuse=("articles/a/index.html",))
    writer.commit()
    assert files(out) == {"index.html": b"new index", "articles/a/index.html": b"article a", "articles/c/index.html": b"article c"}
    assert not (out / "articles" / "b").exists()  # a deleted article leaves no empty folder behind
    assert writer.changed == ["index.html", "articles/c/index.html"]


def test_files_another_process_wrote_are_kept_once_adopted_and_deleted_if_not(tmp_path):
    import os

    from xai_digest.forking import ForkedCall

    out = tmp_path / "site"
    first_site(out)
    writer = staged(out, {"index.html": "new index"}, reuse=("articles/a/index.html",))

    def write_data(name):
        writer.write_text(name, f"written by {os.getpid()}")

    adopted = ForkedCall(writer.files_written_by, (write_data, "data/kept.json")).wait()
    assert adopted == (["data/kept.json"], ["data/kept.json"])
    ForkedCall(writer.files_written_by, (write_data, "data/dropped.json")).wait()  # written, never adopted
    assert writer.written == ["index.html", "articles/a/index.html"]  # the child's lists stayed in the child
    writer.adopt(adopted)
    writer.commit()
    assert sorted(files(out)) == ["articles/a/index.html", "data/kept.json", "index.html"]
    assert files(out)["data/kept.json"] != f"written by {os.getpid()}".encode()


def test_a_changed_file_is_never_written_through_the_live_site(tmp_path):
    out = tmp_path / "site"
    first_site(out)
    live = out / "index.html"
    writer = SiteWriter(out)
    writer.write_text("index.html", "new index")
    assert live.read_text() == "old index"  # the clone shares inodes: writing in place would change the live page
    writer.abort()
    assert files(out)["index.html"] == b"old index"


def test_a_kept_tree_survives_and_a_replaced_one_starts_empty(tmp_path):
    out = tmp_path / "site"
    first_site(out)
    writer = SiteWriter(out)
    assert writer.reuse_tree("search")
    writer.commit()
    assert (out / "search" / "index.json").read_text() == "{}"
    writer = SiteWriter(out)
    fresh = writer.replace_tree("search")
    assert list(fresh.iterdir()) == []
    (fresh / "new.json").write_text("[]")
    writer.commit()
    assert files(out) == {"search/new.json": b"[]"}


@pytest.mark.parametrize("from_spare", [False, True], ids=["from-a-clone", "from-the-spare"])
def test_an_aborted_build_leaves_the_site_and_no_staging(tmp_path, from_spare):
    out = tmp_path / "site"
    first_site(out)
    if from_spare:  # a second build leaves .site.prev, which the aborted build claims
        staged(out, {"index.html": "second index"}, reuse=("articles/a/index.html", "articles/b/index.html")).commit()
    before = files(out)
    writer = SiteWriter(out)
    writer.write_text("index.html", "half")
    writer.abort()
    assert files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    writer = staged(out, {"index.html": "third index"}, reuse=("articles/a/index.html",))  # a clone again
    writer.commit()
    assert files(out) == {"index.html": b"third index", "articles/a/index.html": b"article a"}


@pytest.mark.parametrize("bad", ["../escape.html", "/etc/passwd", "a/../../b", "a\\b", ""])
def test_paths_outside_the_site_are_refused(tmp_path, bad):
    writer = SiteWriter(tmp_path / "site")
    with pytest.raises(UnsafePath):
        writer.write_text(bad, "x")
    writer.abort()


def test_an_older_kept_tree_is_patched_into_the_current_site(tmp_path):
    """serve keeps the tree a build swapped out and starts the next build from it."""
    out = tmp_path / "site"
    first_site(out)
    writer = staged(out, {"index.html": "second index", "articles/b/index.html": "article b v2"},
                    reuse=("articles/a/index.html",), trees=("search",))
    spare = writer.commit(keep_old=True)
    assert spare is not None and files(spare)["index.html"] == b"old index"  # the first build's tree
    writer = SiteWriter(out, start_from=spare)
    assert writer.staging == spare
    assert writer.reuse_file("index.html")  # unchanged since the second build: must become its bytes
    assert writer.reuse_file("articles/b/index.html")
    writer.write_text("articles/a/index.html", "article a")  # same bytes as live: linked, not rewritten
    assert writer.reuse_tree("search")
    writer.commit()
    assert files(out) == {
        "index.html": b"second index", "articles/a/index.html": b"article a",
        "articles/b/index.html": b"article b v2", "search/index.json": b"{}",
    }
    assert writer.changed == []


def test_a_kept_tree_with_a_known_file_list_loses_exactly_the_unwritten_files(tmp_path):
    out = tmp_path / "site"
    first_site(out)
    writer = SiteWriter(out)
    for name in ("index.html", "articles/a/index.html", "articles/b/index.html"):
        assert writer.reuse_file(name)
    assert writer.reuse_tree("search")
    spare = writer.commit(keep_old=True)
    assert writer.contents() == {"index.html", "articles/a/index.html", "articles/b/index.html", "search/"}
    first_contents = {"index.html", "articles/a/index.html", "articles/b/index.html", "search/index.json"}
    writer = SiteWriter(out, start_from=spare, start_files=first_contents)  # the spare is the first build's tree
    assert writer.reuse_file("index.html")
    writer.write_text("articles/a/index.html", "article a v2")
    writer.commit()
    assert files(out) == {"index.html": b"old index", "articles/a/index.html": b"article a v2"}
    assert not (out / "articles" / "b").exists() and not (out / "search").exists()


def test_a_streamed_file_is_like_a_written_one(tmp_path):
    out = tmp_path / "site"
    first_site(out)
    live_inode = (out / "articles" / "a" / "index.html").stat().st_ino
    writer = SiteWriter(out)
    writer.write_stream("articles/a/index.html", iter(["article", " ", "a"]))  # same bytes: the live inode stays
    writer.write_stream("data/big.json", (f"{i}," for i in range(5)))
    writer.write_stream("index.html", ["streamed ", "index"])
    assert (out / "index.html").read_text() == "old index"  # not written through the hard-linked clone
    assert writer.changed == ["data/big.json", "index.html"]
    writer.commit()
    assert (out / "articles" / "a" / "index.html").stat().st_ino == live_inode
    assert files(out)["data/big.json"] == b"0,1,2,3,4," and files(out)["index.html"] == b"streamed index"
    assert not [p for p in out.rglob("*.xai-part")]


def test_a_tree_kept_from_an_older_tree_gets_the_files_patched_since(tmp_path):
    """serve's third build starts from the first build's tree; the second patched one file deep in
    the kept folder (as the search index is patched) and left its top-level file alone."""
    out = tmp_path / "site"
    staged(out, {"index.html": "v1", "search/meta.json": "m", "search/grams/0.json": "g1"}).commit()
    second = staged(out, {"index.html": "v2"}, trees=("search",))
    second.write_text("search/grams/0.json", "g2")
    older = second.commit(keep_old=True)
    third = staged(out, {"index.html": "v3"}, trees=("search",), start_from=older)
    third.commit()
    assert files(out) == {"index.html": b"v3", "search/meta.json": b"m", "search/grams/0.json": b"g2"}


def test_a_build_patches_the_tree_the_last_build_swapped_out(tmp_path):
    """The swapped-out tree waits beside the site (``.site.prev``) and the next build starts from
    it instead of cloning the site: the result must still be exactly what that build wrote."""
    out = tmp_path / "site"
    first_site(out)
    assert not spare_path(out).exists()  # the first build swapped nothing out
    staged(out, {"index.html": "second index", "articles/c/index.html": "article c"}, reuse=("articles/a/index.html",)).commit()
    assert files(spare_path(out))["articles/b/index.html"] == b"article b"  # the first build's tree
    (spare_path(out) / "stray.html").write_text("not written by any build")
    third = staged(out, {"articles/d/index.html": "article d"}, reuse=("index.html", "articles/c/index.html"))
    assert third.staging.name.startswith(".site.new-") and not spare_path(out).exists()  # claimed, not cloned
    assert (third.staging / "articles" / "b" / "index.html").exists()  # the first build's file, not the second's
    third.commit()
    assert files(out) == {"index.html": b"second index", "articles/c/index.html": b"article c",
                          "articles/d/index.html": b"article d"}
    assert files(spare_path(out))["articles/a/index.html"] == b"article a"  # now the second build's tree
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.prev", "site"]
