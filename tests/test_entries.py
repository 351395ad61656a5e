"""articles.json entries copied from the current site when their key is unchanged."""

import json
from pathlib import Path

import pytest

from xai_digest.render import json_array_chunks
from xai_digest.render.entries import ARTICLES, INDEX, KeptEntries


def write_site(site: Path, entries: list[tuple[str, str]]) -> None:
    """What a build writes: the file made by ``chunks`` and its index."""
    kept = KeptEntries(site)
    text = b"".join(kept.chunks((key, lambda text=text: text) for key, text in entries)).decode("utf-8")
    (site / ARTICLES).parent.mkdir(parents=True, exist_ok=True)
    (site / ARTICLES).write_text(text, encoding="utf-8")
    (site / INDEX).parent.mkdir(parents=True, exist_ok=True)
    (site / INDEX).write_text(kept.index_text(), encoding="utf-8")


def never(key):
    def make():
        raise AssertionError(f"{key} was encoded again although it is kept")
    return make


@pytest.mark.parametrize("count", [0, 1, 3])
def test_the_pieces_are_the_compact_arrays_bytes(tmp_path, count):
    items = [json.dumps({"title": f"記事{i}", "n": i}, ensure_ascii=False) for i in range(count)]
    pieces = KeptEntries(tmp_path).chunks((f"k{i}", lambda text=text: text) for i, text in enumerate(items))
    assert b"".join(pieces) == "".join(json_array_chunks(items)).encode("utf-8")


def test_kept_entries_are_copied_and_the_rest_made(tmp_path):
    write_site(tmp_path, [("a", '{"t":"一"}'), ("b", '{"t":"二つ目"}'), (None, '{"t":"鍵なし"}'), ("c", '{"t":"3"}')])
    kept = KeptEntries(tmp_path)
    made = b"".join(kept.chunks([("c", never("c")), ("new", lambda: '{"t":"新"}'), ("a", never("a")), (None, lambda: '{"t":"x"}')]))
    assert json.loads(made) == [{"t": "3"}, {"t": "新"}, {"t": "一"}, {"t": "x"}]
    (tmp_path / ARTICLES).write_bytes(made)
    (tmp_path / INDEX).write_text(kept.index_text(), encoding="utf-8")
    again = b"".join(KeptEntries(tmp_path).chunks([("new", never("new")), ("a", never("a"))]))
    assert json.loads(again) == [{"t": "新"}, {"t": "一"}]


def test_a_file_that_is_not_the_indexed_one_is_not_copied_from(tmp_path):
    write_site(tmp_path, [("a", '{"t":"一"}'), ("b", '{"t":"二"}')])
    (tmp_path / ARTICLES).write_text('[{"t":"X"},{"t":"Y"}]\n', encoding="utf-8")  # edited by hand: other bytes
    made = b"".join(KeptEntries(tmp_path).chunks([("b", lambda: '{"t":"二"}')]))
    assert made.decode("utf-8") == '[{"t":"二"}]\n'
    (tmp_path / INDEX).write_text("not json", encoding="utf-8")
    assert b"".join(KeptEntries(tmp_path).chunks([("a", lambda: '{"t":"一"}')])).decode("utf-8") == '[{"t":"一"}]\n'
