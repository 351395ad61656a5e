"""Charts: labels fit their column."""

from xai_digest.render.charts import FONT_SIZE, LABEL_WIDTH, WIDTH, Bar, fit_label, text_width


def width(text: str) -> float:
    import unicodedata
    return sum(FONT_SIZE if unicodedata.east_asian_width(c) in ("W", "F") else FONT_SIZE * 0.6 for c in text)


def test_short_labels_are_kept_whole():
    assert fit_label("HyperAI", LABEL_WIDTH - 16) == "HyperAI"
    assert fit_label("日本経済新聞", LABEL_WIDTH - 16) == "日本経済新聞"


def test_long_labels_are_cut_to_the_column_with_an_ellipsis():
    title = "Google、50億ドル規模の計算資源投資を発表（2025年10月）"
    cut = fit_label(title, LABEL_WIDTH - 16)
    assert cut.endswith("…") and title.startswith(cut[:-1])
    assert width(cut) <= LABEL_WIDTH - 16


def test_a_value_is_written_where_it_fits_whole():
    long_bar = Bar("a", "2,000億ドル", x=LABEL_WIDTH, width=WIDTH - LABEL_WIDTH - 20, y=0)
    short_bar = Bar("b", "2,000億ドル", x=LABEL_WIDTH, width=40, y=0)
    # a range ending at the chart's edge: 1,700–2,000 of a chart scaled to 2,000 (was cut to "1,700億ド" inside it)
    range_bar = Bar("c", "1,700億ドル〜2,000億ドル", x=LABEL_WIDTH + 357, width=63, y=0, is_range=True)
    assert [b.caption_place for b in (long_bar, short_bar, range_bar)] == ["inside", "right", "left"]
    assert range_bar.x - 6 - text_width(range_bar.caption) >= LABEL_WIDTH  # left of it, clear of the names


def test_a_loss_is_drawn_by_its_size():
    """Two reports of −120億円 (▲120億円): bars as long as the chart allows, captioned with the minus sign."""
    from xai_digest.render.charts import fact_chart

    fact = {"unit": "JPY", "per": None}
    reports = [{"source_file": "a", "value": -12_000_000_000}, {"source_file": "b", "value": -6_000_000_000}]
    chart = fact_chart(fact, reports, {}, {}, "KDDI")
    assert [bar.width for bar in chart.bars] == [WIDTH - LABEL_WIDTH - 20, (WIDTH - LABEL_WIDTH - 20) / 2]
    assert [bar.caption for bar in chart.bars] == ["−120億円", "−60億円"]
