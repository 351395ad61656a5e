"""Linking: the gold links on the seeds, and edge cases on hand-made records."""

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gold_checks import link_checks, score
from xai_digest.link import compatible, find_facts, link_records
from xai_digest.link.related import _highest
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


def test_a_rise_is_never_compared_with_a_level():
    rise = Figure(text="40%増", unit="percent", value=40, subject="Oracle", measure="share_price", change="increase")
    level = Figure(text="40%", unit="percent", value=40, subject="Oracle", measure="share_price")
    assert kinds(record("a", rise), record("b", level)) == []
    (fact,) = find_facts([record("a", rise), record("b", rise)])
    assert fact["kind"] == "corroborated" and fact["change"] == "increase"
    assert [m["change"] for m in fact["members"]] == ["increase", "increase"]


def test_one_article_alone_makes_no_fact():
    assert kinds(record("a", fig(1e9), fig(2e9))) == []


def test_a_figure_repeated_thousands_of_times_in_one_article_is_one_fact_with_the_other_article():
    """A pasted page repeating one figure: every repeat is compatible with the other article's
    report, so all join one fact; each of its rows names the other article (and only it)."""
    from xai_digest.render.pages import figure_rows

    repeated = record("huge", *[fig(5_000_000_000) for _ in range(3000)])
    other = record("other", fig(5_000_000_000, "approx"))
    links = link_records([repeated, other])
    assert [len(f["members"]) for f in links.facts] == [3001]
    rows = figure_rows(repeated, links)
    assert len(rows) == 3000
    assert all(row.other_count == 1 and [m["source_file"] for m in row.others] == ["other"] for row in rows)
    assert [m["source_file"] for m in figure_rows(other, links)[0].others] == ["huge"]


def test_related_reasons_name_shared_things_rarest_first():
    a = record("a", entities=["Zeta", "Common"])
    b = record("b", entities=["Zeta", "Common"])
    c = record("c", entities=["Common"])
    link_records([a, b, c])
    assert a.related[0]["source_file"] == "b"
    assert a.related[0]["shared"] == ["Zeta", "Common"]


def test_an_entity_page_counts_the_articles_with_figures_about_it_in_any_order():
    """A figure about the Colossus family in an article naming only Colossus 2 (and sorted before
    the first article naming Colossus) belongs to the page, and so does its article."""
    early = record("a_early", fig(200_000, unit="GPU", subject="Colossus", measure="gpus"), entities=["Colossus 2"])
    named = record("b_named", fig(100_000, unit="GPU", subject="Colossus", measure="gpus"), entities=["Colossus"])
    other = record("c_other", entities=["Colossus"])
    page = next(p for p in link_records([other, named, early]).entities if p["name"] == "Colossus")
    assert [f["source_file"] for f in page["figures"]] == ["a_early", "b_named"]
    assert page["articles"] == ["a_early", "b_named", "c_other"]


@given(st.dictionaries(st.text(max_size=3), st.sampled_from([0.5, 1.0, 1.5, 2.25, 3.0]) | st.floats(0, 10), max_size=60),
       st.integers(1, 25))
def test_the_highest_scores_are_those_of_sorting_every_pair(scores, count):
    assert _highest(scores, count) == sorted(zip(scores.values(), scores.keys()), reverse=True)[:count]


def test_build_writes_link_data(tmp_path, loaded):
    from xai_digest.site import build_site
    from conftest import CONTENT, SEEDS

    out = tmp_path / "site"
    build_site(SEEDS, CONTENT, None, out)
    facts = json.loads((out / "data" / "facts.json").read_text("utf-8"))
    assert {f["kind"] for f in facts} == {"corroborated", "differing"}
    for fact in facts:
        assert set(fact) == {"kind", "subject", "measure", "unit", "per", "change", "members"}
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


def all_pairs_components(members):
    """The definition the sweep implements: figures of different articles that are compatible, chained."""
    parent = list(range(len(members)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, (a_record, _, a) in enumerate(members):
        for j in range(i + 1, len(members)):
            b_record, _, b = members[j]
            if a_record.source_file != b_record.source_file and compatible(a, b):
                parent[root(i)] = root(j)
    groups = {}
    for i in range(len(members)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=min)


figures = st.builds(
    lambda value, span, qualifier, date, unit, per: Figure(
        text="x", unit=unit, qualifier=qualifier, date=date, per=per,
        **({"value": value} if span is None else {"low": value, "high": value + span})),
    st.sampled_from([-50.0, 5.0, 100.0, 104.0, 110.0, 125.0, 1000.0]),
    st.one_of(st.none(), st.sampled_from([5.0, 20.0])),
    st.sampled_from(["none", "approx", "min", "max"]),
    st.sampled_from([None, "2025-10", "2025-10-08", "2025-07"]),
    st.sampled_from(["USD", "JPY"]),
    st.sampled_from([None, "year"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(figures, min_size=1, max_size=8), st.lists(st.tuples(st.sampled_from("abcd"), st.integers(0, 7)), min_size=1, max_size=60))
@example([Figure(text="x", unit="USD", value=-50.0, qualifier="approx")], [("a", 0), ("b", 0)])  # a loss, about
@example([Figure(text="x", unit="JPY", low=-50.0, high=-45.0, per="year"),  # one article's two figures, joined through
          Figure(text="x", unit="JPY", value=-50.0, qualifier="max", per="year")], [("a", 0), ("a", 1), ("b", 1)])  # another's
def test_corroborating_components_are_the_all_pairs_components(pool, reported):
    """Repeated figures (one fact, many outlets) are collapsed into classes before the sweep: the
    components stay exactly those of comparing every pair (below SWEEP_WINDOW distinct figures,
    where the sweep is exact)."""
    from xai_digest.link.facts import _corroborating_components

    records = {name: Record(id=name, format="plain", title=name, source_file=f"{name}.txt") for name in "abcd"}
    members = [(records[name], index, pool[pick % len(pool)]) for index, (name, pick) in enumerate(reported)]
    assert _corroborating_components(members) == all_pairs_components(members)


def test_a_loss_about_its_size_fits_itself_and_an_exact_report():
    """約▲50億円 (−50億, approx) allowed −45億…−55億 written backwards, which nothing fitted, not even itself."""
    about = Figure(text="約▲50億円", unit="JPY", value=-5e9, qualifier="approx")
    exact = Figure(text="▲48億円", unit="JPY", value=-4.8e9)
    assert compatible(about, about) and compatible(about, exact) and compatible(exact, about)
    assert not compatible(about, Figure(text="▲60億円", unit="JPY", value=-6e9))
