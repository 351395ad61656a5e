"""The parse part of the gold file (tests/fixtures/gold.yaml) on the bundled seeds."""

from gold_checks import parse_checks, score

PARSE_TARGET = 0.97


def test_parse_gold_pass_rate(gold, records):
    checks = list(parse_checks(gold, records))
    assert len(checks) > 100, "the gold file should yield well over a hundred parse checks"
    rate, failed = score(checks)
    assert rate >= PARSE_TARGET, f"parse checks {rate:.1%} < {PARSE_TARGET:.0%}; failing: {failed}"


def test_every_seed_becomes_a_record(gold, records):
    assert sorted(records) == sorted(gold["seeds"])


def test_titles_exact(gold, records):
    for name, g in gold["seeds"].items():
        if g.get("title"):
            assert records[name].title == g["title"], name
