"""Overlays: which file belongs to which seed."""

from xai_digest.overlay import overlay_index


def test_overlay_index_prefers_yaml_then_yml_then_md(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.md", "a.yaml", "b.yml", "b.md", "c.md", "README.txt", "d.yaml.bak"):
        (folder / name).write_text("x", encoding="utf-8")
    (folder / "e.yaml").mkdir()  # a folder is not an overlay
    index = {stem: path.name for stem, path in overlay_index(tmp_path).items()}
    assert index == {"a": "a.yaml", "b": "b.yml", "c": "c.md"}


def test_no_articles_folder_means_no_overlays(tmp_path):
    assert overlay_index(tmp_path) == {}
