"""Rendering helpers: headings break only between BudouX phrases, and stay escaped; what the
automatic analysis lists."""

import pytest
from markupsafe import Markup

from xai_digest.link import link_records
from xai_digest.model import Entity, Figure, Record, Section
from xai_digest.render import phrases
from xai_digest.render.pages import auto_analysis, figure_rows


def test_a_heading_breaks_only_between_phrases_and_is_escaped_every_time():
    title = "OpenAIが<script>大規模な計算資源契約を発表"
    first = phrases(title)
    again = phrases(title)  # remembered: the same safe markup, not a second escaping
    assert isinstance(first, Markup) and first == again
    assert "<script>" not in first and "&lt;script&gt;" in first
    chunks = str(first).split("<wbr>")
    assert len(chunks) > 2  # Japanese phrases, not one unbreakable line
    assert first.striptags() == title  # the breaks are the only tags: every character of the title is there
    assert phrases("") == "" and phrases(None) == ""


def test_the_automatic_analysis_checks_each_fact_once():
    def record(name, *values):
        figures = [Figure(text=f"{v}ドル", unit="USD", value=v, subject="xAI", measure="funding") for v in values]
        return Record(id=name, source_file=name, format="plain", title=name, figures=figures,
                      sections=[Section(None, ["xAIは資金を集めた。"])])

    repeats = record("a", 2e10, 2e10, 2e10, 5e9)  # one amount stated three times, another once
    other = record("b", 2e10, 5e9)
    links = link_records([repeats, other])
    checks = auto_analysis(repeats, figure_rows(repeats, links)).cross_checks
    assert [row.figure.value for row in checks] == [2e10, 5e9]
    assert [row.index for row in checks] == [0, 3]  # the first statement of each


def test_the_main_figures_leave_out_small_counts():
    """経済産業省：3件 (3件の計画を認定) headed 主な数値 of a ministry's release, above the grants."""
    figures = [Figure(text="3件", unit="件", value=3, subject="経済産業省"),
               Figure(text="最大725億円", unit="JPY", value=7.25e10, subject="経済産業省", measure="subsidy"),
               Figure(text="1万件", unit="件", value=10_000, subject="経済産業省")]  # a large count is news
    record = Record(id="a", source_file="a", format="plain", title="a", figures=figures, sections=[Section(None, ["認定した。"])])
    shown = auto_analysis(record, figure_rows(record, link_records([record]))).figures
    assert [row.figure.text for row in shown] == ["最大725億円", "1万件"]


def test_the_event_is_the_first_sentence_that_says_what_happened():
    def event(paragraph):
        record = Record(id="a", source_file="a", format="plain", title="a", sections=[Section(None, [paragraph])],
                        entities=[Entity("xAI", "organization", ["xAI"]), Entity("Tokyo", "place", ["東京"])])
        return auto_analysis(record, []).event

    assert event("またか、という感じですよね？ 東京は雨だった。xAIが200億ドルの調達を目指している。続きの文。") == [
        "xAIが200億ドルの調達を目指している。"]  # not the question, not a sentence naming only a place
    assert event("2025年10月、複数のメディアが次のように報じた。xAIは資金を集めている。") == [
        "2025年10月、複数のメディアが次のように報じた。", "xAIは資金を集めている。"]
    assert event("今日は晴れ。明日も晴れ。") == ["今日は晴れ。"]  # nobody named: the opening sentence


def test_a_question_is_quoted_as_no_risk_opportunity_or_outlook():
    paragraph = ("AI企業の成長は本当に持続可能でしょうか？ xAIは事業の拡大を続けている。"
                 "規制のリスクはあるのか？ 訴訟のリスクが依然として残っている。今後も投資は続く見込みか？")
    record = Record(id="a", source_file="a", format="plain", title="a", sections=[Section(None, ["序文です。", paragraph])])
    analysis = auto_analysis(record, [])
    assert analysis.opportunities == ["xAIは事業の拡大を続けている。"]
    assert analysis.risks == ["訴訟のリスクが依然として残っている。"]
    assert analysis.outlook == []


def test_an_english_article_gets_the_analysis_headings_too():
    paragraphs = ["Anthropic said Wednesday it will invest $50 billion in data centers.",
                  "The sites will come online throughout 2026. The announcement follows OpenAI's commitments.",
                  "Regulators have raised concerns about power use. Demand for compute keeps growing."]
    record = Record(id="a", source_file="a", format="plain", title="a", sections=[Section(None, paragraphs)],
                    entities=[Entity("Anthropic", "organization", ["Anthropic"])])
    analysis = auto_analysis(record, [])
    assert analysis.event == ["Anthropic said Wednesday it will invest $50 billion in data centers."]
    assert analysis.outlook == ["The sites will come online throughout 2026."]  # one sentence, not the paragraph
    assert analysis.background == ["The announcement follows OpenAI's commitments."]
    assert analysis.risks == ["Regulators have raised concerns about power use."]
    assert analysis.opportunities == ["Demand for compute keeps growing."]
    assert auto_analysis(Record(id="b", source_file="b", format="plain", title="b", sections=[Section(None, [
        "序文です。", "Sam will speak. Williams said nothing."])]), []).outlook == ["Sam will speak."]  # not in "Williams"


def test_a_sentence_quoting_several_sentences_is_quoted_whole():
    paragraph = "「需要は強い。供給が足りない」と同社の担当者は述べ、今後も投資を続ける考えを示した。"
    record = Record(id="a", source_file="a", format="plain", title="a", sections=[Section(None, ["序文です。", paragraph])])
    assert auto_analysis(record, []).outlook == [paragraph]


def test_a_search_document_holds_a_lead_taken_from_the_body_once():
    from xai_digest.render import SearchDocuments

    record = Record(id="a", source_file="a", format="plain", title="見出し", lead="最初の段落です。",
                    sections=[Section(None, ["最初の段落です。", "二番目の段落です。"])])
    (doc,) = SearchDocuments([record], link_records([record]))
    assert doc.text.count("最初の段落です。") == 1 and "二番目の段落です。" in doc.text


def test_the_actors_are_the_listed_organisations_and_people_and_whoever_owns_a_figure():
    record = Record(id="a", source_file="a", format="plain", title="a", sections=[Section(None, ["KDDIは投資した。"])],
                    entities=[Entity("KDDI", "other", ["KDDI"]), Entity("AI", "other", ["AI"]),
                              Entity("Nebius", "organization", ["Nebius"]), Entity("Memphis", "place", ["Memphis"])],
                    figures=[Figure(text="100億円", unit="JPY", value=1e10, subject="KDDI", measure="investment")])
    assert [a["name"] for a in auto_analysis(record, []).actors] == ["KDDI", "Nebius"]  # not AI (owns nothing) or a place


def test_a_line_break_between_japanese_letters_adds_no_space():
    from xai_digest.render.markdown import render_markdown

    html = str(render_markdown("記事を読み込み、\n要点を整理します。\nIt reads\nthe text.\n英語の\nAIモデル"))
    assert "読み込み、要点を整理します。It reads" in html  # a space here shows as a gap in Japanese text
    assert "It reads\nthe text" in html  # English words keep their space
    assert "the text.英語のAIモデル" in html  # a Japanese letter on either side: no space


def test_a_figure_reads_with_its_qualifier_rate_and_change():
    from xai_digest.render.format import figure_value

    assert figure_value(Figure(text="", unit="USD", value=20_000_000_000, qualifier="approx")) == "約200億ドル"
    assert figure_value(Figure(text="", unit="percent", value=40, qualifier="min", change="increase")) == "40%以上増"
    assert figure_value({"unit": "USD", "low": 15e9, "high": 16e9, "per": "year", "change": "decrease"}) == "150億ドル〜160億ドル減（年あたり）"


def test_a_rise_is_not_plotted_as_an_amount_over_time():
    from xai_digest.render.charts import amounts_over_time

    figures = [{"unit": "USD", "value": 2e9, "date": "2025-01", "text": "20億ドル", "source_file": "a"},
               {"unit": "USD", "value": 3e9, "date": "2025-06", "text": "30億ドル", "source_file": "b"}]
    assert len(amounts_over_time("xAI", figures, {}).points) == 2
    rise = {"unit": "USD", "value": 1e9, "date": "2025-09", "text": "10億ドル増", "source_file": "c", "change": "increase"}
    assert len(amounts_over_time("xAI", [*figures, rise], {}).points) == 2


@pytest.mark.parametrize("text, attribute", [
    ("xAI has raised $20 billion.", ' lang="en"'), ("“We are building it,” Musk said.", ' lang="en"'),
    ("xAIは200億ドルを調達した。", ""), ("ｱﾙﾄﾏﾝ氏 said", ""), ("2025", ""), ("", ""), (None, ""),
])
def test_english_text_gets_a_lang_attribute(text, attribute):
    from xai_digest.render.format import lang_attribute

    assert str(lang_attribute(text)) == attribute


def test_every_measure_the_analyzer_can_give_has_a_japanese_label():
    from xai_digest.render.format import MEASURE_NAMES
    from xai_digest.yamlio import package_data

    data = package_data("measures.yaml")
    given = set(data["measures"]) | {"power"}  # power is given by the unit W alone
    assert given <= set(MEASURE_NAMES), given - set(MEASURE_NAMES)
    assert set(data["units"]) <= set(data["measures"])
    assert all(label and not label.isascii() for label in MEASURE_NAMES.values())


def test_a_fiscal_year_is_plotted_at_its_middle_and_named_as_japanese_results_name_it():
    from xai_digest.render.charts import amounts_over_time

    figures = [{"unit": "USD", "value": 2e9, "date": "2024-01", "text": "20億ドル", "source_file": "a"},
               {"unit": "USD", "value": 3e9, "date": "2024-04/2025-03", "text": "30億ドル", "source_file": "b"},
               {"unit": "USD", "value": 4e9, "date": "2025-12", "text": "40億ドル", "source_file": "c"}]
    points = amounts_over_time("SoftBank", figures, {}).points
    assert [p.label for p in points] == ["2024年1月：20億ドル", "2025年3月期：30億ドル", "2025年12月：40億ドル"]
    first, fiscal, last = (p.cx for p in points)
    # April 2024 – March 2025 at September 2024: 8 of the 23 months from January 2024 to December 2025
    assert abs((fiscal - first) / (last - first) - 8 / 23) < 0.01


def test_a_rate_per_hour_is_written_as_japanese_writes_it():
    from xai_digest.render.format import figure_value

    assert figure_value({"value": 2, "unit": "USD", "per": "hour", "qualifier": "none"}) == "2ドル（1時間あたり）"
