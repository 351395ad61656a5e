"""The record: its JSON is the same whether built through to_dict or straight from the dataclasses."""

from __future__ import annotations

import json

import pytest

from xai_digest.model import Record, record_from_dict, record_json


def test_record_json_equals_the_to_dict_json(records):
    assert records, "the bundled seeds give records"
    for record in records.values():
        record.related = [{"source_file": "x.txt", "score": 1.5, "shared": ["xAI"]}]
        assert record_json(record) == json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))
        record.related = []


def test_record_json_round_trips(records):
    for record in records.values():
        assert record_from_dict(json.loads(record_json(record))) == record


def test_a_foreign_object_in_a_record_is_refused():
    record = Record(id="a", source_file="a.txt", format="plain", title="t")
    record.events = [{"date": object()}]
    with pytest.raises(TypeError):
        record_json(record)


def test_shared_strings_keep_the_record_equal_and_make_recurring_names_one_object(records):
    record = next(r for r in records.values() if r.figures and any(len(e.name) > 1 for e in r.entities))
    entity = next(n for n, e in enumerate(record.entities) if len(e.name) > 1)  # (1-character strings are cached)
    text = record_json(record)
    first, second = record_from_dict(json.loads(text)), record_from_dict(json.loads(text))
    assert first.entities[entity].name is not second.entities[entity].name  # each load has its own strings
    first.share_strings()
    second.share_strings()
    assert first == second == record and record_json(first) == text
    assert first.entities[entity].name is second.entities[entity].name
    assert first.figures[0].unit is second.figures[0].unit


def test_a_record_with_tables_round_trips_and_a_cached_record_from_before_tables_still_loads():
    from xai_digest.model import Section, Table, table_row_text

    text, starts = table_row_text(["企業", "調達額", "評価額"], ["xAI", "", "2,000億ドル"])
    assert (text, starts) == ("xAI｜評価額：2,000億ドル", [0, None, 8])  # an empty cell is left out
    record = Record(id="a", source_file="a.txt", format="markdown", title="t",
                    sections=[Section(None, ["前文。", text], [Table(1, ["企業", "調達額", "評価額"], [["xAI", "", "2,000億ドル"]])])])
    assert record_from_dict(json.loads(record_json(record))) == record
    assert record.prose() == ["前文。"] and record.paragraphs() == ["前文。", text]
    old = {"id": "a", "source_file": "a.txt", "format": "plain", "title": "t", "sections": [{"heading": None, "paragraphs": ["本文。"]}]}
    assert record_from_dict(old).sections == [Section(None, ["本文。"], [])]
