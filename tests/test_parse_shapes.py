"""Article shapes the seeds do not have: an HTML paste, a Hugo post, a press release."""

import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xai_digest.parse import load_rules, parse_text
from xai_digest.parse.dates import find_dateline, japanese_date, split_dateline

ARTICLES = Path(__file__).parent / "fixtures" / "articles"


@pytest.fixture(scope="module")
def rules():
    return load_rules(None)


def parse(name, rules):
    record, reports = parse_text((ARTICLES / name).read_text("utf-8"), name, rules)
    return record, reports


def test_html_paste_drops_menus_and_reads_byline(rules):
    r, _ = parse("html_paste.txt", rules)
    assert r.title == "国内AI新興、データセンター増設へ　2000億円規模の計画"
    assert r.date == "2025-09-03"
    assert r.author == "山田太郎"
    body = "\n".join(r.paragraphs())
    for chrome in ("ホーム", "ログイン", "会員登録", "シェア", "ツイート", "All rights reserved"):
        assert chrome not in body
    assert r.paragraphs()[0].startswith("国内のAI新興企業であるサクラ計算機は3日")
    assert r.paragraphs()[-1].startswith("経済産業省は")


def test_hugo_post_front_matter_keys(rules):
    r, reports = parse("hugo_post.md", rules)
    assert r.format == "front-matter"
    assert r.title == "Mistral AI、評価額140億ドルで新たな資金調達"
    assert r.date == "2025-09-09T09:00:00+09:00"
    assert r.site == "Example Tech Blog"  # from publisher:
    assert r.slug == "mistral-funding"
    assert r.tags == ["Mistral AI", "資金調達"]
    assert r.lead == "フランスのMistral AIが大型の資金調達を完了した。"  # from summary:
    assert [s.heading for s in r.sections] == ["概要", "背景"]
    assert "・ASMLは約13億ユーロを出資し、筆頭株主の一つとなる。" in r.sections[1].paragraphs  # a Markdown bullet as a Japanese list writes it
    assert reports == []


def test_press_release_dateline_title_and_contact_footer(rules):
    r, _ = parse("press_release.txt", rules)
    assert r.title == "サンプルAI、国内最大級のGPUクラスタを構築"
    assert not r.title_derived
    assert r.date == "2025-11-04"
    assert r.site == "株式会社サンプルAI"
    body = "\n".join(r.paragraphs())
    assert "報道関係者各位" not in body and "03-1234-5678" not in body
    assert r.lead == "総額300億円を投資し、2026年に稼働"  # the subtitle under the title, not a section heading
    assert [s.heading for s in r.sections] == [None]
    assert "本件に関するお問い合わせ" in " ".join(r.chrome_removed)


def test_relative_date_is_kept_raw_never_resolved(rules):
    text = "見出しのテスト記事\n\n3日前\n\n本文はここから始まります。日付は書かれていません。\n"
    r, _ = parse_text(text, "x.txt", rules)[0], None
    assert r.date is None
    assert r.date_relative == "3日前"


def test_quote_broken_after_opening_bracket_is_joined(rules):
    text = "タイトル行\n彼は次のように述べた。 「\nこれは一つの引用です」と記者に語った。\n"
    r, _ = parse_text(text, "q.txt", rules)
    assert r.paragraphs() == ["彼は次のように述べた。 「これは一つの引用です」と記者に語った。"]


def test_markdown_heading_and_title_repeat(rules):
    text = "---\ntitle: テスト\n---\n\n# テスト\n\n## 節\n\n本文です。\n"
    r, _ = parse_text(text, "m.md", rules)
    assert r.title == "テスト"
    assert [s.heading for s in r.sections] == ["節"]
    assert r.paragraphs() == ["本文です。"]


def test_machine_translation_period_artifact_is_cleaned(rules):
    r, _ = parse_text("見出し\n最初の文です。.\n次の文です。.\n", "t.txt", rules)
    assert r.paragraphs() == ["最初の文です。", "次の文です。"]


def test_editor_rules_extend_chrome(tmp_path):
    (tmp_path / "reading.yaml").write_text("chrome:\n  - {name: my-ad, pattern: '広告: .*'}\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    r, _ = parse_text("タイトル\n広告: 今すぐ購入\n本文です。\n", "a.txt", rules)
    assert r.paragraphs() == ["本文です。"]
    assert "広告: 今すぐ購入" in r.chrome_removed


def test_broken_editor_rules_are_reported_not_fatal(tmp_path):
    (tmp_path / "reading.yaml").write_text("chrome: [\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.problems and "reading.yaml" in rules.problems[0].source_file
    assert rules.chrome  # the shipped rules still apply


def test_an_editor_rule_can_name_the_site_and_a_site_from_without_a_group_is_reported(tmp_path):
    (tmp_path / "reading.yaml").write_text(
        "chrome:\n  - {name: my-credit, pattern: '提供：.*', site_from: '提供：(.+)'}\n"
        "  - {name: broken, pattern: 'x', site_from: '© 例示'}\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    r, _ = parse_text("タイトルの記事です\n本文です。\n提供：例示メディア\n", "a.txt", rules)
    assert r.site == "例示メディア" and r.paragraphs() == ["本文です。"]
    assert [p.message for p in rules.problems] == ["飾りのルール 'broken' を使いません: site_from にはサイト名を ( ) で囲んだ部分が必要です"]


def test_the_one_regex_prefilter_drops_exactly_what_the_rules_drop(rules):
    """Every line is first tested against all chrome rules joined into one pattern; parsing with
    that prefilter gives the same records as testing each rule on every line."""
    import dataclasses

    from conftest import SEEDS

    assert rules.any_chrome is not None  # the shipped rules join (their (?i) flags scoped)
    unfiltered = dataclasses.replace(rules)
    unfiltered.any_chrome = None
    texts = [p.read_text("utf-8") for p in sorted(ARTICLES.iterdir())] + [p.read_text("utf-8") for p in sorted(SEEDS.iterdir())]
    dropped = 0
    for number, text in enumerate(texts):
        filtered_record, _ = parse_text(text, f"{number}.txt", rules)
        plain_record, _ = parse_text(text, f"{number}.txt", unfiltered)
        assert filtered_record == plain_record
        dropped += len(filtered_record.chrome_removed)
    assert dropped > 20  # the texts do have chrome for the rules to drop


def test_chrome_rules_that_cannot_be_joined_are_tested_one_by_one(tmp_path):
    (tmp_path / "reading.yaml").write_text("chrome:\n  - {name: twice, pattern: '(広告)\\1'}\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.any_chrome is None  # a back reference would point at another rule's group
    r, _ = parse_text("タイトル\n広告広告\n本文です。\n", "a.txt", rules)
    assert r.paragraphs() == ["本文です。"]


@pytest.mark.parametrize("iso, shown", [
    ("2025-10-08", "2025年10月8日"), ("2025-10-08T08:40:48+00:00", "2025年10月8日"), ("2025-10", "2025年10月"),
    ("2025", "2025年"), ("2024-Q4", "2024年第4四半期"), ("2025-H1", "2025年上半期"), ("2025-H2", "2025年下半期"),
    ("2024-04/2025-03", "2025年3月期"), ("2025-08/2025-10", "2025年8〜10月"), ("2025-11/2026-01", "2025年11月〜2026年1月"),
    ("", ""), (None, ""), ("2024-Q5", "2024-Q5"), ("先週", "先週"),
])
def test_dates_are_shown_the_japanese_way(iso, shown):
    assert japanese_date(iso) == shown


def test_one_line_menu_ad_label_byline_on_the_date_line_and_footer_links(rules):
    """A scrape from a site the rules were not written for: the menu is one line of items between |,
    an 広告 label, the byline shares the date's line, related links and a yearless copyright close it."""
    r, _ = parse("menu_bar_scrape.txt", rules)
    assert r.title == "Oracle、OpenAIとの3000億ドル規模のクラウド契約を発表"
    assert r.date == "2025-09-10" and r.author == "テックウォッチ編集部"
    assert [s.heading for s in r.sections] == [None]  # neither 広告 nor the date line became a heading
    body = "\n".join(r.paragraphs())
    assert body.startswith("Oracleは10日") and body.endswith("一時40%以上上昇した。")
    for chrome in ("ホーム", "広告", "200億ドルを調達", "シェアする", "Copyright"):
        assert chrome not in body


@pytest.mark.parametrize("line, kept", [
    ("ホーム | ニュース | テクノロジー | ログイン", False),
    ("トップ > AI > データセンター", False),
    ("xAIの200億ドル調達 | TechCrunch", True),  # a title with its site: two items
    ("売上高は 100 | 200 | 300 億ドルと推移し、前年を上回った。", True),  # a sentence
])
def test_a_menu_or_breadcrumb_on_one_line_is_dropped_near_the_top(rules, line, kept):
    r, _ = parse_text(f"{line}\n見出しです\n\n本文の文です。\n", "x.txt", rules)
    assert (line in [r.title, *r.paragraphs()]) == kept


@pytest.mark.parametrize("line, date, rest", [
    ("2025年9月10日 テックウォッチ編集部", "2025-09-10", "テックウォッチ編集部"),
    ("2025-10-08 10:00 山田太郎 記者", "2025-10-08T10:00:00", "山田太郎 記者"),
    ("2025年10月8日", "2025-10-08", ""),
    ("2025年10月8日 | 文: 佐藤", "2025-10-08", "文: 佐藤"),
    ("2025年10月8日 10:00 山田太郎 記者", "2025-10-08", "山田太郎 記者"),
])
def test_a_dateline_is_split_into_its_date_and_what_follows(line, date, rest):
    assert split_dateline(line) == (date, rest)


def test_masthead_above_the_title_and_a_blog_footer(rules):
    """The site's name above a breadcrumb and the title; 前の記事 / 次の記事, a tags line and an author
    box at the end."""
    r, _ = parse("masthead_footer_scrape.txt", rules)
    assert r.title == "Nebius、Microsoftと174億ドルのGPU供給契約"
    assert (r.date, r.author) == ("2025-09-09", "鈴木一郎")
    assert [s.heading for s in r.sections] == [None]
    body = "\n".join(r.paragraphs())
    assert body.startswith("AIクラウドのNebiusは9日") and body.endswith("一時約50%上昇した。")
    for chrome in ("AI Infra Weekly", "データセンター", "タグ", "前の記事", "次の記事", "この記事を書いた人", "担当記者"):
        assert chrome not in body


def test_jekyll_post_with_liquid_tags_an_image_an_italic_caption_and_a_block_quote(rules):
    r, reports = parse("jekyll_liquid_post.md", rules)
    assert r.title == "CoreWeave、Metaと142億ドルの契約" and r.date == "2025-09-30T09:00:00+09:00"
    assert [s.heading for s in r.sections] == [None, "背景"]  # neither the include, the image nor the caption
    assert [c.text for c in r.captions] == ["CoreWeaveのデータセンター（同社提供）"]
    body = "\n".join(r.paragraphs())
    for syntax in ("{%", "%}", "![", "> ", "*"):
        assert syntax not in body
    assert r.paragraphs()[-1].startswith("「Metaとの提携は")
    assert not any("途中で終わって" in report.message for report in reports)  # the raw tag line is gone


@pytest.mark.parametrize("last, truncated", [
    ("・OpenAI関連の評価益：2兆1567億円", False),  # a box of the main figures ends the story
    ("- 売上収益は3兆7367億円で前年同期から7％増えた", False),
    ("売上収益：3兆7367億円（前年同期比7％増）", False),
    ("問い合わせ先：株式会社サンプル 広報部 山田", False),
    ("これらの分野はAIエコシステム全体を支える上で不可欠な要素", True),
])
def test_an_article_ending_with_a_list_or_a_labelled_value_is_not_cut_off(rules, last, truncated):
    text = f"見出しの行\n\nソフトバンクグループは11日、決算を発表した。純利益は前年同期比2.9倍だった。\n\n{last}\n"
    record, reports = parse_text(text, "x.txt", rules)
    assert record.truncated is truncated
    assert any("途中で終わって" in r.message for r in reports) is truncated


def test_a_regional_papers_page_drops_its_share_row_and_credits_the_desks_writer(rules):
    """A row of share buttons (Xでポスト　Facebookでシェア　LINEで送る) was body text — the last
    paragraph, so the page was reported cut off — and （経済部　高橋美咲） credited no one."""
    r, reports = parse("dc_local_news.txt", rules)
    assert (r.title, r.date, r.site, r.author) == (
        "北海道・苫小牧に大型データセンター　東急不動産など、27年度稼働へ", "2025-11-18T19:30:00", "北海道新報社", "高橋美咲")
    body = "\n".join(r.paragraphs())
    for chrome in ("ポスト", "シェア", "経済部", "関連ニュース", "ホーム"):
        assert chrome not in body
    assert reports == [] and not r.truncated


def test_an_image_placeholder_is_a_caption_and_a_source_line_a_reference(rules):
    """[画像] …の推移（出所：IDC） was a heading over the rest of the story; 出典：IDC「…」 a paragraph
    (its report's title a quote, its words names)."""
    r, reports = parse("market_report.txt", rules)
    assert [s.heading for s in r.sections] == [None]
    assert [c.text for c in r.captions] == ["生成AI向けサーバー市場の推移（出所：IDC）", "写真：NVIDIAのGPUサーバー（同社提供）"]
    assert r.references == ["IDC「Worldwide AI Server Forecast, 2025–2028」"]
    assert not any("出典" in p for p in r.paragraphs()) and reports == []


@pytest.mark.parametrize("line, cited", [
    ("出典：https://example.com/report", ["https://example.com/report"]),
    ("【出所】：経済産業省「半導体・デジタル産業戦略」", ["経済産業省「半導体・デジタル産業戦略」"]),
    ("Source: company filings", ["company filings"]),
    ("出典の確認が必要だ：担当者は語った", []),  # not the marker on its own
])
def test_a_source_named_on_its_markers_line_is_a_reference(rules, line, cited):
    r, _ = parse_text(f"見出し\n\nxAIは200億ドルを調達した。\n\n{line}\n", "t.txt", rules)
    assert r.references == cited


def test_a_correction_notice_is_no_part_of_the_story(rules):
    """【訂正：…投資額を「約100億円」としていましたが、正しくは「約1000億円」でした…】: its wrong figure was
    read as the story's and the notice dated on the timeline."""
    r, reports = parse("itmedia_paged.txt", rules)
    assert (r.site, r.author, r.date) == ("ITmedia", "山田花子", "2026-01-20")
    assert [p[:8] for p in r.paragraphs()] == ["KDDIは1月2", "同社の松田浩路社"]
    assert any(c.startswith("【訂正") for c in r.chrome_removed) and reports == []


def test_a_paywalled_news_page_stops_at_the_paywall_and_says_so(rules):
    """An update stamp on the date line, a 会員限定 label, a ※ note, then the paywall's notice,
    the remaining-characters counter and 【関連記事】 with its links."""
    r, reports = parse("paywall_news.txt", rules)
    assert r.title == "ソフトバンクG、OpenAIに追加出資　総額300億ドルに" and r.date == "2025-04-01"
    assert [s.heading for s in r.sections] == [None]  # not the date line, the label or the ※ note
    assert r.paragraphs()[0].startswith("ソフトバンクグループ（SBG）は1日") and r.paragraphs()[-1] == "※1ドル=150円で換算"
    body = "\n".join(r.paragraphs())
    for chrome in ("会員限定", "残り1234文字", "関連記事", "10兆円"):
        assert chrome not in body
    assert r.truncated
    assert [(x.line, x.message) for x in reports] == [(7, "ここから先は会員向けで、ページに続きがありません。本文はその手前までです")]


@pytest.mark.parametrize("line, is_date", [
    ("2025年4月1日 5:30 (2025年4月1日 12:10更新)", True),
    ("2025-10-08 10:00 更新", True),
    ("2025年10月8日 山田太郎 記者", True),
    ("2025年10月8日、xAIは新たな資金調達を発表した。", False),  # a sentence that opens with a date
])
def test_a_date_line_may_carry_a_clock_an_update_stamp_or_a_byline(rules, line, is_date):
    r, _ = parse_text(f"見出しです\n{line}\n\n本文の文です。\n", "x.txt", rules)
    assert (line not in [s.heading for s in r.sections] + r.paragraphs()) == is_date


def test_a_press_release_from_a_distribution_site(rules):
    """PR TIMES: its logo, the company above the title, …のプレスリリース, a ■ heading, ・ list items
    without a space, the 【会社概要】 boilerplate and the contact footer."""
    r, reports = parse("prtimes_release.txt", rules)
    assert r.title == "国内最大級のGPUクラスタを稼働、計算能力を3倍に"
    assert r.date == "2025-11-05" and r.site == "PR TIMES"
    assert [s.heading for s in r.sections] == [None, "新クラスタの概要"]
    assert r.sections[1].paragraphs[:3] == ["・GPU：NVIDIA H200 1万基", "・消費電力：約20MW", "・所在地：北海道石狩市"]
    body = "\n".join(r.paragraphs())
    for chrome in ("PR TIMES", "のプレスリリース", "会社概要", "設立", "お問い合わせ", "pr@example.jp"):
        assert chrome not in body
    assert reports == []


def test_a_blog_platform_post_loses_its_hashtags_and_support_footer(rules):
    r, _ = parse("note_post.txt", rules)
    assert r.title == "AIデータセンター投資はバブルか？3つの数字で考える" and r.date == "2025-10-20"
    assert [s.heading for s in r.sections] == [None]
    assert r.paragraphs()[-1] == "私の結論は「短期的には過熱、長期的には妥当」です。"
    body = "\n".join(r.paragraphs())
    for chrome in ("#AI", "サポート", "スキ", "フォロー", "書いています"):
        assert chrome not in body
    assert r.author == "山田AI研究室" and r.category is None  # the writer's line is no category


def test_a_portal_wire_story_keeps_its_yearless_date_raw_and_drops_the_portal_footer(rules):
    r, _ = parse("portal_wire_story.txt", rules)
    assert r.title == "Nvidia、xAIに最大20億ドル出資へ　関係者"
    assert r.date is None and r.date_relative == "11/5(水) 10:00配信"  # no year: never guessed
    assert [s.heading for s in r.sections] == [None]
    assert r.paragraphs()[-1] == "調達総額は200億ドルに上る見通し。"
    body = "\n".join(r.paragraphs())
    for chrome in ("（ロイター）", "コメント123件", "記事に関する報告"):
        assert chrome not in body
    assert r.site == "ロイター" and r.category is None  # the wire credited under the dateline is the source


def test_hugo_toml_front_matter_is_read(rules):
    r, reports = parse("hugo_toml_post.md", rules)
    assert r.title == "Mistral AI、17億ユーロを調達　ASMLが筆頭" and r.format == "front-matter"
    assert r.date == "2025-09-09T10:00:00+02:00" and r.tags == ["Mistral AI", "ASML"]
    assert r.paragraphs() == [r.paragraphs()[0]] and r.paragraphs()[0].startswith("仏Mistral AIは9日") and reports == []


def test_broken_toml_front_matter_is_reported_with_its_line(rules):
    r, reports = parse_text('+++\ntitle = "x\ndate = 1\n+++\n本文です。\n', "x.md", rules)
    toml = [(x.line, x.message.split("（")[0]) for x in reports if "TOML" in x.message]
    assert toml == [(2, "フロントマターの TOML が正しくありません")]  # the file's line 2: the TOML's line 1
    assert r.paragraphs() == ["本文です。"]


def test_a_blog_platform_bar_and_an_english_dateline(rules):
    r, _ = parse("blog_platform_english_date.txt", rules)
    assert r.title == "Anthropic、評価額1830億ドルで130億ドル調達" and r.date == "2025-09-03"
    assert [s.heading for s in r.sections] == [None]
    assert r.paragraphs() == ["AnthropicはシリーズFで130億ドルを調達し、評価額は1830億ドルになったと発表した。", "ラウンドはICONIQが主導した。"]


def test_an_english_news_scrape_loses_its_menu_and_footer_and_keeps_its_byline(rules):
    r, _ = parse("english_news_scrape.txt", rules)
    assert r.title == "Meridian Labs to spend $12 billion on new data centers in Ohio"
    assert (r.date, r.author) == ("2025-11-18", "Dana Whitfield")  # a byline and a dateline under the title, no blank line
    assert [c.text for c in r.captions] == ["Image Credits: Meridian Labs"]
    assert r.paragraphs()[0].startswith("Meridian Labs said Tuesday it will invest $12 billion")
    assert r.paragraphs()[-1].startswith('"Our customers are asking for more compute')
    body = "\n".join(r.paragraphs())
    for chrome in ("Latest", "Site Search Toggle", "Advertisement", "Topics", "View Bio", "Subscribe", "Most Popular", "©"):
        assert chrome not in body
    assert r.site == "Compute Daily"  # from © 2025 Compute Daily Media LLC., inside the footer's tail


def test_an_english_wire_story_under_a_tagline_and_section_label(rules):
    r, _ = parse("english_wire_story.txt", rules)
    assert r.title == "Exclusive: Orbital Compute in talks to raise $5 billion at $40 billion valuation, sources say"
    assert (r.date, r.author, r.category) == ("2025-11-20", "Maya Lindqvist and Tom Okafor", "Technology")
    assert r.site == "Reuters"  # from the wire credit: SAN FRANCISCO, Nov 19 (Reuters) -
    assert r.paragraphs()[0].startswith("SAN FRANCISCO, Nov 19 (Reuters) - Orbital Compute")
    assert r.paragraphs()[-1] == "Orbital Compute declined to comment."
    assert "Exclusive news, data and analytics for financial market professionals" in r.chrome_removed


def test_a_bracketed_byline_and_an_unbulleted_related_list(rules):
    r, _ = parse("bracket_byline_news.txt", rules)
    assert r.title == "国内クラウド大手、GPUサーバに1000億円投資　2027年までに1万基"
    assert (r.date, r.author, r.site) == ("2025-11-18", "田中花子", "ITmedia")  # from [田中花子，ITmedia]
    assert [s.heading for s in r.sections] == [None]
    assert r.paragraphs()[-1] == "　生成AIの需要拡大を受け、同社の売上高は前年同期比35%増の820億円だった。".strip()
    body = "\n".join(r.paragraphs())
    for chrome in ("ランキング", "関連記事", "建設ラッシュ", "GPU不足はいつ解消するのか", "Copyright"):
        assert chrome not in body


def test_a_news_page_summary_becomes_the_key_points(rules):
    r, _ = parse("summary_points_news.txt", rules)
    assert r.title == "ソフトバンクG、AI半導体に3兆円投資　米社買収も視野"
    assert (r.date, r.site, r.category, r.truncated) == ("2025-11-21", "日本経済新聞", None, True)  # date line with [会員限定記事]
    assert [(k.heading, k.body) for k in r.key_points] == [
        ("ソフトバンクGがAI半導体に3兆円を投じる", ""), ("米半導体設計会社の買収も検討", ""), ("孫正義会長兼社長は「AIの基盤を握る」と強調", "")]
    assert [s.heading for s in r.sections] == [None]
    assert r.paragraphs()[0].startswith("ソフトバンクグループ（SBG）は20日")
    body = "\n".join(r.paragraphs())
    for chrome in ("think!", "多様な観点", "この記事のポイント", "・米半導体", "会員限定"):
        assert chrome not in body


def test_a_byline_of_latin_names_is_no_title_and_an_update_stamp_no_heading(rules):
    r, _ = parse("wire_jp_name_list.txt", rules)
    assert r.title == "オープンAI、評価額5000億ドルで従業員株売却を完了－関係者"  # not the byline under it
    assert (r.author, r.date, r.site) == ("Shirin Ghaffary、Katie Roof", "2025-10-02", "Bloomberg")
    assert [s.heading for s in r.sections] == [None]  # 更新日時 2025年10月2日 14:10 JST is metadata
    assert r.paragraphs()[-1] == "売却にはソフトバンクグループやスライブ・キャピタルなどが参加した。"
    assert "原題：OpenAI Completes Share Sale at Record $500 Billion Valuation(抜粋)" in r.chrome_removed


def test_a_short_title_with_a_subtitle_is_no_masthead(rules):
    text = "国内AI、新工場を建設へ\n〜総額300億円を投資し、2026年に稼働へ向けて準備を進める計画〜\n2025年11月5日\n\n本文です。同社は300億円を投じる。\n"
    r, _ = parse_text(text, "s.txt", rules)
    assert (r.title, r.date, r.site) == ("国内AI、新工場を建設へ", "2025-11-05", None)  # not a site name
    assert r.lead == "総額300億円を投資し、2026年に稼働へ向けて準備を進める計画"


@pytest.mark.parametrize("first", ["GPU新工場を建設へ", "国産AIが躍進"])
def test_a_short_headline_above_a_longer_one_is_no_site_or_category(rules, first):
    text = f"{first}\nサクラAIが北海道に1000億円規模の計算拠点を発表\n2026年11月20日\n\nサクラAIは20日、計算拠点を建設すると発表した。\n"
    r, _ = parse_text(text, "s.txt", rules)
    assert (r.title, r.lead, r.site, r.category) == (first, "サクラAIが北海道に1000億円規模の計算拠点を発表", None, None)


def test_a_site_name_above_a_longer_title_is_still_the_site(rules):
    text = "テックウォッチ\nサクラAIが北海道に1000億円規模の計算拠点を発表\n2026年11月20日\n\nサクラAIは20日、発表した。\n"
    r, _ = parse_text(text, "s.txt", rules)
    assert (r.title, r.site) == ("サクラAIが北海道に1000億円規模の計算拠点を発表", "テックウォッチ")


def test_a_newsletter_post_with_a_subtitle_and_like_counts(rules):
    r, _ = parse("newsletter_post.txt", rules)
    assert r.title == "The GPU glut that isn't coming"  # not its subtitle, which has the byline under it
    assert r.lead == "Why the $400 billion capex wave still runs short of chips"
    assert (r.author, r.date, r.site, r.category) == ("Dana Whitfield", "2025-11-20", "Compute Notes", None)  # 12 and 3 are counts
    assert r.paragraphs()[0].startswith("Hyperscalers will spend about $400 billion")
    body = "\n".join(r.paragraphs())
    for chrome in ("Subscribe", "Likes", "Restacks", "Discussion about this post", "Launched"):
        assert chrome not in body


def test_a_long_section_label_above_a_title_is_no_title(rules):
    text = ("Exclusive news and analytics for professionals everywhere today\nArtificial Intelligence\n"
            "Orbital Compute in talks to raise $5 billion at a $40 billion valuation\nBy Maya Lindqvist\nNovember 20, 2025\n\n"
            "Orbital Compute is in talks.\n")
    r, _ = parse_text(text, "s.txt", rules)
    assert r.title == "Orbital Compute in talks to raise $5 billion at a $40 billion valuation"
    assert (r.category, r.date, r.author) == ("Artificial Intelligence", "2025-11-20", "Maya Lindqvist")


def test_a_short_title_above_short_byline_lines_is_no_menu(rules):
    text = "Nvidia決算速報\n編集部\nテクノロジー\n半導体\nAI\n2025年11月20日\n\nNvidiaは20日、決算を発表した。売上高は570億ドルだった。\n"
    r, _ = parse_text(text, "short.txt", rules)
    assert (r.title, r.date) == ("Nvidia決算速報", "2025-11-20")
    assert r.paragraphs() == ["Nvidiaは20日、決算を発表した。売上高は570億ドルだった。"]


@pytest.mark.parametrize("line, date", [
    ("Sep 3, 2025", "2025-09-03"), ("September 3, 2025 by Jane", "2025-09-03"), ("3 September 2025", "2025-09-03"),
    ("Sept. 30, 2025", "2025-09-30"), ("Marketing 3, 2025", None), ("Feb 30, 2025", None),
    ("9:02 AM PST · November 12, 2025", "2025-11-12"), ("Updated November 12, 2025 at 9:02 a.m. ET", "2025-11-12"),
    ("Wed, November 12, 2025", "2025-11-12"), ("Published: Sep 3, 2025", "2025-09-03"), ("May the best win", None),
    ("更新日時 2025年10月2日 14:10 JST", "2025-10-02"), ("公開日：2025/10/02", "2025-10-02"),
])
def test_english_datelines(line, date):
    assert find_dateline(line) == date


@pytest.mark.parametrize("line, site", [
    ("© 2025 TechCrunch Media LLC.", "TechCrunch"), ("Copyright © ITmedia, Inc. All Rights Reserved.", "ITmedia"),
    ("(c) 2024-2025 Example Corp.", "Example"), ("©日本経済新聞社", "日本経済新聞社"), ("© 例示メディア 2025", "例示メディア"),
])
def test_a_copyright_line_names_the_site_when_nothing_else_does(rules, line, site):
    r, _ = parse_text(f"見出しのテスト記事です\n2025年1月1日\n\n本文です。ここまで。\n\n{line}\n", "x.txt", rules)
    assert r.site == site


def test_a_site_named_on_the_page_wins_over_its_copyright_line(rules):
    r, _ = parse("bracket_byline_news.txt", rules)  # [田中花子，ITmedia] and Copyright © ITmedia, Inc.
    assert r.site == "ITmedia"
    text = "見出しのテスト記事です\n2025年1月1日 テックウォッチ編集部\n\n本文です。ここまで。\n\n© 2025 Other Media LLC.\n"
    assert parse_text(text, "x.txt", rules)[0].site == "テックウォッチ"


def test_a_markdown_table_becomes_rows_that_read_with_their_headings(rules):
    r, reports = parse("table_post.md", rules)
    first, domestic = r.sections
    assert first.paragraphs[1:4] == ["xAI｜主な出資者：Nvidia｜調達額：200億ドル｜評価額：2,000億ドル",
                                    "Anthropic｜主な出資者：Fidelity | Lightspeed｜調達額：130億ドル｜評価額：1,830億ドル",
                                    "Mistral AI｜主な出資者：ASML｜調達額：17億ユーロ"]  # \| is a cell's own bar; a short row is padded
    (table,) = first.tables
    assert (table.first, table.header) == (1, ["企業", "主な出資者", "調達額", "評価額"])
    assert table.rows[0] == ["xAI", "Nvidia", "200億ドル", "2,000億ドル"] and table.rows[2][3] == ""  # **xAI** loses its marks
    assert first.paragraphs[4] == "xAIの調達額は、Anthropicを大きく上回りました。"  # the paragraph after it is its own
    assert domestic.heading == "国内の動き" and domestic.tables[0].rows == [["2025年9月3日", "サクラ計算機", "2000億円"]]
    assert not any("|" in p and "---" in p for p in r.paragraphs())  # the delimiter rows leave the body
    # an article ending with a table is not cut off; a link keeps its text and its address is a reference
    assert not r.truncated and reports == []
    assert r.lead == "10月に発表された主な資金調達を、各社の発表をもとに表にまとめました。"
    assert r.references == ["https://example.com/news"]


def test_tab_separated_lines_are_a_table_and_its_first_line_the_header_when_only_the_rows_hold_numbers(rules):
    r, _ = parse("tsv_table_scrape.txt", rules)
    (section,) = r.sections
    (table,) = section.tables
    assert table.header == ["社名", "投資額", "受電容量", "稼働予定", "発表日"]
    assert table.rows[1] == ["KDDI", "約1000億円", "", "2026年", "2025年9月5日"]
    assert section.paragraphs[2] == "KDDI｜投資額：約1000億円｜稼働予定：2026年｜発表日：2025年9月5日"
    rows = parse_text("見出し\n\n本文です。\n\nxAI\t200億ドル\nAnthropic\t130億ドル\n", "t.txt", rules)[0]
    assert rows.sections[0].tables[0].header == ["", ""]  # no line of headings: every line is a row
    assert rows.sections[0].paragraphs[1:] == ["xAI｜200億ドル", "Anthropic｜130億ドル"]


@pytest.mark.parametrize("text", ["A | B は比較の記号だ。\n\n次の段落。\n", "| 見出しのない行 |\n\n本文です。\n",
                                  "| a | b |\n| -- |\n| 1 | 2 |\n"])
def test_a_bar_without_a_delimiter_row_of_as_many_cells_is_no_table(rules, text):
    assert not any(s.tables for s in parse_text(text, "t.txt", rules)[0].sections)


def test_inline_markdown_links_keep_their_text_and_images_go(rules):
    r, _ = parse_text("---\ntitle: t\n---\n\n[xAI](https://x.ai)は[ロイター](https://www.reuters.com/a \"記事\")によると"
                      "調達した。![図](a.png)\n\n[相対リンク](/about/)も。\n", "t.md", rules)
    assert r.paragraphs() == ["xAIはロイターによると調達した。", "相対リンクも。"]
    assert r.references == ["https://x.ai", "https://www.reuters.com/a"]


def test_a_markdown_posts_markup_is_not_shown_as_text(rules):
    r, reports = parse("hugo_markup_post.md", rules)
    assert reports == []
    (lead,), breakdown = r.sections[0].paragraphs, r.sections[1]
    assert lead == ("OpenAIは31日、ソフトバンクグループなどから最大400億ドルを調達すると発表した。評価額は3000億ドルとなる。"
                    "今回の調達は、非上場企業としては過去最大規模だ。")  # *emphasis*, [^1] and <br> gone
    assert breakdown.heading == "調達の内訳"  # not "調達の内訳 {#breakdown}"
    assert breakdown.paragraphs[0] == "・ソフトバンクグループ：300億ドル"
    assert breakdown.paragraphs[-1] == "調達資金のうち約180億ドルは、Stargate プロジェクトに充てられる見通しだ。"  # `code`, <sup>2</sup>
    assert len(r.sections) == 2  # the HTML comment is no heading, the footnote no paragraph
    assert r.references == ["https://openai.com/index/march-funding-updates/"]  # the footnote's link


@pytest.mark.parametrize("text, kept", [("2*3*4の計算", "2*3*4の計算"), ("注*の欄", "注*の欄"), ("x_y_zの値", "x_y_zの値"),
                                        ("a < b と c > d", "a < b と c > d"), ("<注>は別", "<注>は別")])
def test_text_that_only_looks_like_markup_is_kept(rules, text, kept):
    r, _ = parse_text(f"見出し\n\n{text}です。\n", "t.txt", rules)
    assert r.paragraphs() == [f"{kept}です。"]


def test_a_press_release_from_an_english_wire(rules):
    r, reports = parse("business_wire_release.txt", rules)
    assert r.title == "Orbital Compute Raises $600 Million Series C to Expand GPU Cloud Capacity"
    assert r.lead == "New funding led by Sequoia Capital values the company at $5 billion"
    assert (r.date, r.site) == ("2025-11-18", "Business Wire")  # 08:00 AM Eastern Standard Time; --(BUSINESS WIRE)--
    assert [s.heading for s in r.sections] == [None]  # the date line is no heading
    assert r.paragraphs()[0].startswith("SAN FRANCISCO--(BUSINESS WIRE)--Orbital Compute, the GPU cloud provider")
    assert not any("Forward-Looking" in p or "press@" in p for p in r.paragraphs()) and reports == []


@pytest.mark.parametrize("line, site", [
    ("SAN FRANCISCO, Nov. 18, 2025 /PRNewswire/ -- Orbital Compute today announced a round.", "PR Newswire"),
    ("AUSTIN, Texas, Nov. 18, 2025 (GLOBE NEWSWIRE) -- Orbital Compute today announced a round.", "GlobeNewswire"),
])
def test_the_other_press_release_wires_name_the_site(rules, line, site):
    r, _ = parse_text(f"Orbital Compute announces a round\n\n{line}\n", "t.txt", rules)
    assert r.site == site


def test_a_post_embedded_from_x_is_a_signed_quote_not_a_heading(rules):
    r, _ = parse("embedded_post_news.txt", rules)
    assert [s.heading for s in r.sections] == [None]
    assert ("“Grok 5 training has begun. Colossus 2 is running at full power.” — Elon Musk (@elonmusk) November 18, 2025"
            in r.paragraphs())
    assert r.date == "2025-11-19"  # the article's, not the post's


@pytest.mark.parametrize("line, date", [("令和7年11月18日", "2025-11-18"), ("2025年（令和7年）11月18日", "2025-11-18"),
                                        ("平成31年4月1日", "2019-04-01"), ("令和元年5月1日", "2019-05-01")])
def test_a_japanese_era_date_is_read_as_its_western_date(line, date):
    assert find_dateline(line) == date


def test_an_end_credit_names_the_author_and_leaves_the_body(rules):
    r, _ = parse("interview_news.txt", rules)
    assert r.author == "山田太郎" and not any("聞き手" in p for p in r.paragraphs())
    assert r.paragraphs()[1].startswith("――政府の支援を受けて")  # the questions stay in the body
    bylined, _ = parse_text("国内AI新興、データセンター増設へ\n\n2025年9月3日 10:30\n文：佐藤花子\n\n本文です。投資を続ける。\n\n"
                            "（文・写真＝田中一郎）\n", "t.txt", rules)
    assert bylined.author == "佐藤花子" and bylined.paragraphs() == ["本文です。投資を続ける。"]  # the byline wins


def test_a_posts_block_html_ends_paragraphs_and_is_not_shown_as_text(rules):
    r, reports = parse("html_blocks_post.md", rules)
    assert reports == []
    first, background = r.sections
    assert first.paragraphs == ["xAIは 200億ドルを調達したと発表した。Nvidia&Ciscoも出資した。"]  # &nbsp; and &amp; read
    assert background.heading == "背景"  # <h2>
    assert background.paragraphs[:3] == [
        "同社はメンフィスにColossus 2を建設中で、100万基のGPUを導入する計画だ。",  # one <p> over two lines
        "・調達額は200億ドル", "・評価額は2,000億ドル"]  # <li>
    assert background.paragraphs[-1] == "いずれも過去最大級の規模だ。"
    assert [c.text for c in r.captions] == ["写真：xAI提供"]  # <figcaption>
    body = "\n".join(r.paragraphs())
    assert "<" not in body and "広告" not in body and "youtube" not in body and "color" not in body  # script, iframe, style gone


def test_an_html_table_is_a_table_with_its_th_row_as_the_header(rules):
    r, _ = parse("html_blocks_post.md", rules)
    (table,) = r.sections[1].tables
    assert table.header == ["企業", "調達額", "評価額"]
    assert table.rows == [["xAI", "200億ドル", "2,000億ドル"],  # <strong> gone
                          ["Anthropic", "130億ドル", "1,830億ドル"],  # closing tags left out, as HTML allows
                          ["Mistral AI", "17億ユーロ", ""]]  # a short row is padded
    assert "Anthropic｜調達額：130億ドル｜評価額：1,830億ドル" in r.sections[1].paragraphs
    untitled = parse_text("見出し\n\n<table><tr><td>xAI</td><td>200億ドル</td></tr><tr><td>KDDI</td><td>1000億円</td></tr></table>\n",
                          "t.md", rules)[0]
    assert untitled.sections[0].tables[0].header == ["", ""] and untitled.paragraphs() == ["xAI｜200億ドル", "KDDI｜1000億円"]
    one_line = parse_text("見出し\n\n<p>前の段落です。</p><table><tr><th>企業</th><th>調達額</th></tr><tr><td>xAI</td>"
                          "<td>200億ドル<script>track()</script></td></tr></table><p>後の段落です。</p>\n", "t.md", rules)[0]
    assert one_line.paragraphs() == ["前の段落です。", "xAI｜調達額：200億ドル", "後の段落です。"]  # a page pasted as one line


_HTML_PIECES = st.sampled_from(["<p>", "</p>", "<div class='a'>", "</div>", "<script>", "</script>", "<table>", "</table>",
                                "<tr>", "<th>", "<td>", "</td>", "<li>", "</li>", "<h2>", "</h2>", "<img src=x>", "<b>", "</b>",
                                "&amp;", "&nbsp;", "xAIは200億ドルを調達した。", "見出し", "Nvidia", "\n", "\n\n", " "])
_BLOCK_TAG_LEFT = re.compile(r"</?(?:p|div|li|h2|script|table|tr|th|td|img|b)\b", re.I)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 200)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_HTML_PIECES, max_size=40))
def test_no_html_tag_the_reader_knows_is_left_in_the_text(rules, pieces):
    r, _ = parse_text("見出しの記事\n\n" + "".join(pieces), "h.md", rules)
    texts = [r.title or "", *r.paragraphs(), *(s.heading or "" for s in r.sections), *(c.text for c in r.captions),
             *(cell for s in r.sections for t in s.tables for row in [t.header, *t.rows] for cell in row)]
    assert not any(_BLOCK_TAG_LEFT.search(text) for text in texts), texts


@pytest.mark.parametrize("text, language", [
    ("据报道，xAI已完成200亿美元融资。", "zh"), ("xAI完成融资，英伟达参投", "zh"), ("엔비디아가 xAI에 투자했다.", "ko"),
    ("xAIは200億ドルを調達した。", None), ("業績概要", None), ("米国株式市場", None), ("1，000億円", None),  # kanji-only Japanese
    ("xAI raised $20 billion.", None), ("", None),
])
def test_a_paragraph_in_chinese_or_korean_is_told_from_japanese(text, language):
    from xai_digest.parse.text import foreign_language

    assert foreign_language(text) == language


def test_a_body_is_foreign_when_most_of_its_characters_are():
    from xai_digest.parse.text import foreign_body

    chinese, japanese = "据报道，埃隆·马斯克旗下的人工智能公司xAI已完成融资。", "xAIは200億ドルを調達した。"
    assert foreign_body([chinese, chinese, japanese]) == "zh"
    assert foreign_body([japanese, japanese, japanese, chinese]) is None  # a Chinese quote in a Japanese article
    assert foreign_body(["業績概要", japanese]) is None and foreign_body([]) is None


def test_an_html_links_address_is_a_reference_as_a_markdown_links_is(rules):
    r, _ = parse_text('見出し\n\n<p><a href="https://www.reuters.com/tech/x">ロイター</a>によると、xAIは調達した。'
                      '<a href="/about/">社内</a></p>\n', "t.md", rules)
    assert r.paragraphs() == ["ロイターによると、xAIは調達した。社内"]
    assert r.references == ["https://www.reuters.com/tech/x"]  # a relative address is no source


def test_a_source_linked_in_the_text_and_listed_again_is_one_reference(rules):
    r, _ = parse_text("見出し\n\n[ロイター](https://www.reuters.com/tech/x)によると、xAIは調達した。\n\n参考リンク\n\n"
                      "- https://www.reuters.com/tech/x\n- https://www.cnbc.com/y\n- https://www.cnbc.com/y\n", "t.md", rules)
    assert r.references == ["https://www.reuters.com/tech/x", "https://www.cnbc.com/y"]


def test_a_release_head_names_its_publisher_and_the_title_stands_under_the_date(rules):
    """報道発表 / 経済産業省 / 令和7年4月25日 / the title: the ministry's name was the title and 報道発表 the
    site; the numbered section lines were paragraphs and the contact block (担当 / 電話：…) the body's end."""
    r, reports = parse("ministry_release.txt", rules)
    assert (r.title, r.site, r.date, r.category) == ("生成AI向け計算資源の整備に対する支援を決定しました", "経済産業省", "2025-04-25", "報道発表")
    assert [s.heading for s in r.sections] == [None, "1. 認定の概要", "2. 認定事業者と助成額", "3. 今後の予定"]
    assert r.chrome_removed == ["担当", "商務情報政策局 情報産業課", "電話：03-3501-1511（内線 3981）"] and reports == []


@pytest.mark.parametrize("head, site", [
    ("日本経済新聞 電子版\n2025年10月2日\n見出しのある記事", "日本経済新聞 電子版"),
    ("毎日新聞\n2025年10月2日\n見出しのある記事", "毎日新聞"),
    ("総務省\n2025年10月2日\n見出しのある記事", "総務省"),
])
def test_a_publisher_line_above_the_date_is_the_site_not_the_title(rules, head, site):
    r, _ = parse_text(f"{head}\n\nxAIは200億ドルを調達した。関係者が明らかにした。\n", "t.txt", rules)
    assert (r.title, r.site, r.date) == ("見出しのある記事", site, "2025-10-02")


def test_a_numbered_list_stays_a_list_and_a_numbered_line_over_text_is_a_heading(rules):
    r, _ = parse_text("見出し\n\nxAIは調達した。\n\n1. 概要\n\n今回の調達は過去最大だ。\n\n"
                      "2. 今後の課題\n\n1. 電力の確保\n2. 人材の採用\n3. 規制への対応\n\n以上が課題である。\n", "t.txt", rules)
    assert [s.heading for s in r.sections] == [None, "1. 概要", "2. 今後の課題"]
    assert r.sections[-1].paragraphs[:3] == ["1. 電力の確保", "2. 人材の採用", "3. 規制への対応"]


def test_a_source_line_under_the_title_names_the_site(rules):
    """ソース：TechNews（機械翻訳） under a machine translation's date was a section heading over the story."""
    r, reports = parse("machine_translation.txt", rules)
    assert (r.site, r.date) == ("TechNews", "2025-05-08")
    assert [s.heading for s in r.sections] == [None] and reports == []


def test_a_market_report_names_its_paper(rules):
    r, _ = parse("stock_market_news.txt", rules)
    assert (r.title, r.site, r.date) == ("＜東証＞ソフトバンクGが急伸　AI関連株に買い", "日本経済新聞 電子版", "2025-10-02")


def test_a_correspondents_place_and_name_is_the_byline(rules):
    """ソウル＝山田一郎 under the date (a newspaper's correspondent) was the category."""
    r, _ = parse("korea_results_news.txt", rules)
    assert (r.author, r.category, r.date) == ("山田一郎", None, "2025-10-29")


@pytest.mark.parametrize("lines, joined", [
    (["生成AIの急速な普及に伴い、国内における計算資源の需要は", "急拡大している。"], True),  # a PDF's wrap
    (["対象：GPU、CPU、メモリー", "期間：2025年度"], False),  # label lines
    (["xAI、評価額2000億ドルで追加調達へ", "〜Colossus 2の建設を加速〜"], False),  # a title and its subtitle
    (["■ xAI、150億ドルの資金調達を完了か", "米CNBCによると、xAIは資金調達を完了した。"], False),  # a heading
])
def test_a_line_a_pdf_broke_mid_sentence_goes_on_in_the_next(rules, lines, joined):
    text = "\n".join(lines)
    r, _ = parse_text(f"見出し\n\nxAIは調達した。\n\n{text}\n\n同社は語った。\n", "t.txt", rules)
    assert ("".join(lines) in r.paragraphs() or "".join(lines) in [s.heading for s in r.sections]) == joined


def test_a_portal_page_loses_its_spaced_menu_and_footer_and_its_half_width_kana(rules):
    """トップ　速報　ライブ　… (a menu between full-width spaces) was the title, the headline's ｴﾇﾋﾞﾃﾞｨｱ was
    printed half-width, and 最終更新:… / ロイター / 記事に関する報告 ended the body."""
    r, reports = parse("portal_scrape_halfwidth.txt", rules)
    assert (r.title, r.site, r.date_relative) == ("エヌビディア、時価総額５兆ドル突破　世界初", "ロイター", "11/4(火) 7:12配信")
    assert r.paragraphs()[-1] == "同社の株価は同日、前日比３％高の２０７ドルで取引を終えた。"
    assert {"最終更新:11/4(火) 7:12", "記事に関する報告"} <= set(r.chrome_removed) and reports == []


def test_an_english_release_is_dated_by_its_opening_city_and_date(rules):
    r, _ = parse("english_release_tokyo.txt", rules)
    assert r.date == "2025-11-05"  # TOKYO, November 5, 2025 -- …


def test_a_blog_post_under_its_blogs_name_and_date_with_comments_below(rules):
    """AIインフラ観測日記 / 読者になる / 2025-11-20 / the title: the blog's name was the title and the post's
    title a heading; 参考：URL stayed in the body; コメントを書く and a comment ended it."""
    r, reports = parse("blog_diary_post.txt", rules)
    assert (r.title, r.site, r.date) == ("ｘＡＩのＣｏｌｏｓｓｕｓ２、電力は１ギガワットへ", "AIインフラ観測日記", "2025-11-20")
    assert [s.heading for s in r.sections] == [None] and r.references == ["https://example.com/xai-colossus2"]
    assert r.paragraphs()[-1] == "個人的には、電力の確保が一番の課題だと思います。" and reports == []
    assert {"読者になる", "コメントを書く", "aiwatcher (id:aiwatcher) 2年前"} <= set(r.chrome_removed)


def test_a_short_title_over_its_date_stays_the_title(rules):
    """The blog rule takes a site's name over the date only when a longer title-like line is under it."""
    r, _ = parse_text("xAIの新拠点\n2025年11月20日\n\nxAIはメンフィスに新拠点を設けた。関係者が明らかにした。\n", "t.txt", rules)
    assert (r.title, r.site, r.date) == ("xAIの新拠点", None, "2025-11-20")
