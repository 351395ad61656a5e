"""Page fingerprints: equal inputs hash equal however they were built; any shown change shows."""

import copy

from xai_digest.link import Links
from xai_digest.model import Record, Section
from xai_digest.render.fingerprint import Fingerprints, digest


def test_digest_ignores_object_sharing_but_not_content():
    word = "".join(["アン", "ソロピック"])
    shared = [{"name": word}, {"name": word}]
    separate = [{"name": "アンソロピック"}, {"name": "".join(["アンソ", "ロピック"])}]
    assert digest(shared) == digest(separate)
    assert digest(shared) != digest([{"name": "アンソロピック"}, {"name": "OpenAI"}])
    assert digest([1, 2]) != digest([2, 1])


def record(**fields) -> Record:
    base = Record(id="a", source_file="a.txt", format="plain", title="見出し", slug="a",
                  sections=[Section(heading=None, paragraphs=["本文です。"])])
    for name, value in fields.items():
        setattr(base, name, value)
    return base


def card(r: Record) -> str:
    return Fingerprints("salt", {r.source_file: r}, Links(), {}, {}).card(r.source_file)


def test_a_card_changes_with_what_other_pages_show_and_only_that():
    original = record()
    reworded = copy.deepcopy(original)
    reworded.sections = [Section(heading=None, paragraphs=["書き直した本文です。"])]
    assert card(reworded) == card(original)  # the body shows only on the article's own page
    for name, value in [("title", "新しい見出し"), ("date", "2025-10-08"), ("site", "例新聞"), ("lead", "リード"), ("slug", "b")]:
        assert card(record(**{name: value})) != card(original), name
