"""Linking: the gold links on the seeds, and edge cases on hand-made records."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gold_checks import link_checks, score
from xai_digest.link import compatible, find_facts, link_records
from xai_digest.model import Entity, Figure, Record


@pytest.fixture(scope="module")
def links(loaded):
    return link_records(loaded.records)


def test_link_gold_passes_completely(gold, records, links):
    checks = list(link_checks(gold, records, links))
    rate, failed = score(checks)
    assert len(checks) == 3 + 1 + 1 + 8 + 6
    assert failed == []


def record(name, *figures, entities=(), date=None):
    return Record(id=name, source_file=name, format="plain", title=name, date=date,
                  figures=list(figures), entities=[Entity(e, "organization") for e in entities])


def fig(value=None, qualifier="none", unit="USD", per=None, subject="xAI", measure="funding", low=None, high=None, date=None):
    return Figure(text=str(value), unit=unit, value=value, low=low, high=high, qualifier=qualifier, per=per,
                  subject=subject, measure=measure, date=date)


def kinds(*records):
    return sorted(f["kind"] for f in find_facts(list(records)))


def test_approx_and_max_of_the_same_amount_corroborate():
    assert kinds(record("a", fig(20_000_000_000, "approx")), record("b", fig(20_000_000_000, "max"))) == ["corroborated"]


def test_tenfold_difference_differs():
    assert kinds(record("a", fig(20_000_000_000)), record("b", fig(200_000_000_000))) == ["differing"]


def test_range_containing_a_point_corroborates_it():
    assert kinds(record("a", fig(low=15e9, high=16e9)), record("b", fig(15_500_000_000))) == ["corroborated"]


def test_per_month_never_merges_with_per_year():
    assert kinds(record("a", fig(1e9, per="month")), record("b", fig(1e9, per="year"))) == []


def test_yen_and_dollars_are_not_compared_by_value():
    assert not compatible(fig(3e12, unit="JPY"), fig(3e12, unit="USD"))
    assert kinds(record("a", fig(3e12, unit="JPY")), record("b", fig(3e12, unit="USD"))) == []


def test_equal_numbers_about_different_subjects_stay_apart():
    assert kinds(record("a", fig(5e10, subject="Anthropic", measure="investment")),
                 record("b", fig(5e10, subject="SoftBank", measure="market_cap"))) == []


def test_incompatible_dates_do_not_corroborate():
    assert not compatible(fig(2e9, date="2025-07"), fig(2e9, date="2025-10"))
    assert compatible(fig(2e9, date="2025-10"), fig(2e9, date="2025-10-08"))


def test_one_article_alone_makes_no_fact():
    assert kinds(record("a", fig(1e9), fig(2e9))) == []


def test_related_reasons_are_japanese_and_name_shared_things():
    a = record("a", entities=["Zeta", "Common"])
    b = record("b", entities=["Zeta", "Common"])
    c = record("c", entities=["Common"])
    link_records([a, b, c])
    assert a.related[0]["source_file"] == "b"
    assert a.related[0]["reasons"].startswith("共通: Zeta")


def test_build_writes_link_data(tmp_path, loaded):
    from xai_digest.site import build_site
    from conftest import CONTENT, SEEDS

    out = tmp_path / "site"
    build_site(SEEDS, CONTENT, None, out)
    facts = json.loads((out / "data" / "facts.json").read_text("utf-8"))
    assert {f["kind"] for f in facts} == {"corroborated", "differing"}
    for fact in facts:
        assert set(fact) == {"kind", "subject", "measure", "unit", "per", "members"}
        for member in fact["members"]:
            assert {"source_file", "text", "qualifier", "sentence"} <= set(member)
            assert ("value" in member) != ("low" in member and "high" in member)
    entities = json.loads((out / "data" / "entities.json").read_text("utf-8"))
    xai = next(e for e in entities if e["name"] == "xAI")
    assert len(xai["articles"]) >= 4 and xai["figures"] and xai["events"]
    timeline = json.loads((out / "data" / "timeline.json").read_text("utf-8"))
    assert timeline == sorted(timeline, key=lambda e: (e["date"], e["source_file"], e["text"]))
    articles = json.loads((out / "data" / "articles.json").read_text("utf-8"))
    assert all(len(a["related"]) <= 5 for a in articles)


# --- incremental related ranking (serve) ------------------------------------------

ENTITY_POOL = [f"社{i}" for i in range(12)]
KEYWORD_POOL = [f"語{i}" for i in range(15)]


def random_record(rng, name):
    r = record(name, entities=rng.sample(ENTITY_POOL, rng.randint(0, 4)),
               date=rng.choice([None, "2025-07", f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"]))
    r.keywords = rng.sample(KEYWORD_POOL, rng.randint(0, 5))
    return r


def random_facts(rng, names):
    facts = []
    for n in range(rng.randint(0, 4)):
        members = rng.sample(names, rng.randint(2, min(4, len(names))))
        facts.append({"kind": "corroborated", "members": [{"source_file": m, "text": f"事実{n}"} for m in members]})
    return facts


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=5))
def test_related_index_update_equals_a_fresh_index(rng, edits):
    from xai_digest.link.related import RelatedIndex

    names = [f"a{i:02d}.txt" for i in range(rng.randint(3, 40))]
    records = [random_record(rng, n) for n in names]
    index = RelatedIndex(records, random_facts(rng, names))
    for _ in range(edits):
        victim = rng.randrange(len(records))
        records[victim] = random_record(rng, names[victim])  # new entities, keywords and date
    facts = random_facts(rng, names)
    assert index.update(records, facts)
    assert index.related == RelatedIndex(records, facts).related


def test_related_index_refuses_to_update_when_articles_come_or_go():
    from xai_digest.link.related import RelatedIndex

    records = [record("a", entities=["社1"]), record("b", entities=["社1"])]
    index = RelatedIndex(records, [])
    assert not index.update(records[:1], [])
