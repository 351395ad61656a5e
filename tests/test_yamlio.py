"""YAML from seeds and editors: safe loading, and why it failed in words the editor reads."""

import pytest

from xai_digest.yamlio import YAMLError, error_line, error_reason, load_yaml


@pytest.mark.parametrize("text, line, reason", [
    ("title: a\nlead: b: c\n", 2, "ここに「:」は書けません（値に「:」を含めるなら引用符で囲みます）"),
    ("title: a\n\tlead: b\n", 2, "字下げにタブ文字は使えません（半角スペースで字下げします）"),
    ("x: !!python/object/apply:os.system ['ls']\n", 1, "使えないタグ（!!…）があります"),
    ("title: *nope\n", 1, "定義されていない別名（*…）があります"),
    ("a:\n  b: 1\n c: 2\n", 3, "字下げがそろっていないか、「キー:」がありません"),
    ('title: "abc\n', 1, "引用符が閉じていません"),
    ("tags: [AI, 投資\n", 1, "「[」が閉じていません"),
    ("a: 1\n---\nb: 2\n", 2, "「---」のあとに二つ目の文書があります"),
])
def test_usual_yaml_mistakes_are_explained_in_japanese_with_their_line(text, line, reason):
    with pytest.raises(YAMLError) as caught:
        load_yaml(text)
    assert error_reason(caught.value) == reason
    assert error_line(caught.value) == line


def test_an_unusual_problem_is_passed_on_as_the_parser_says_it():
    assert error_reason(YAMLError("something new")) == "something new"


def test_dates_stay_text_and_no_tag_builds_an_object():
    assert load_yaml("date: 2025-13-45\n") == {"date": "2025-13-45"}
    with pytest.raises(YAMLError):
        load_yaml("x: !!python/name:os.system\n")
