"""The analyze part of the gold file: figures, not-figures, entities, quotes, URLs, caption sources."""

from gold_checks import analyze_checks, score

ANALYZE_TARGET = 0.95


def test_analyze_gold_pass_rate(gold, records):
    checks = list(analyze_checks(gold, records))
    assert len(checks) > 250
    rate, failed = score(checks)
    assert rate >= ANALYZE_TARGET, f"analyze checks {rate:.1%} < {ANALYZE_TARGET:.0%}; failing: {failed}"


def test_every_gold_figure_is_found_with_its_value(gold, records):
    failed = [name for name, ok in analyze_checks(gold, records) if name.endswith(" found") and not ok]
    assert failed == []


def test_no_gold_not_figure_is_extracted(gold, records):
    failed = [name for name, ok in analyze_checks(gold, records) if "not a figure" in name and not ok]
    assert failed == []


def test_figure_offsets_point_at_the_figure_text(records):
    for record in records.values():
        body = record.body_text()
        for figure in record.figures:
            assert body[figure.start : figure.end] == figure.text
            assert figure.text in figure.sentence
