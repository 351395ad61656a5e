"""Charts: labels fit their column."""

from xai_digest.render.charts import FONT_SIZE, LABEL_WIDTH, fit_label


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
