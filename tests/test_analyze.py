"""The analyzer on small texts: entities, quotes, sources, reading time, and no crash on any text."""

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xai_digest.analyze.analyzer import Analyzer
from xai_digest.analyze.entities import Gazetteer
from xai_digest.analyze.reading import reading_minutes
from xai_digest.analyze.sentences import split_sentences
from xai_digest.model import Record, Section

CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(scope="module")
def analyzer():
    return Analyzer.for_project(CONTENT)


@pytest.fixture(scope="module")
def rules_only(tmp_path_factory):
    """The name-finding rules alone: a gazetteer that lists no entity (only the project's ignored words),
    so a company the project's gazetteer may come to list is still found by what its name looks like."""
    content = tmp_path_factory.mktemp("content")
    ignore = sorted(Gazetteer.load(CONTENT / "entities.yaml").ignore)
    (content / "entities.yaml").write_text(json.dumps({"ignore": ignore}, ensure_ascii=False), encoding="utf-8")
    return Analyzer.for_project(content)


def analyzed(analyzer, *paragraphs, published=None):
    record = Record(id="t", source_file="t.txt", format="plain", title="テスト", date=published,
                    sections=[Section(None, list(paragraphs))])
    analyzer.analyze(record)
    return record


def test_aliases_map_to_one_entity(analyzer):
    r = analyzed(analyzer, "イーロン・マスク氏は語った。マスク氏のxAIはNVIDIAとエヌビディアの話をした。")
    names = {e.name: e for e in r.entities}
    assert set(names["Elon Musk"].mentions) == {"イーロン・マスク", "マスク氏"}
    assert set(names["Nvidia"].mentions) == {"NVIDIA", "エヌビディア"}


def test_x_is_not_found_inside_spacex(analyzer):
    r = analyzed(analyzer, "SpaceXは打ち上げを行った。")
    assert "X" not in {e.name for e in r.entities}


def test_unlisted_company_is_still_found(rules_only):
    r = analyzed(rules_only, "新興企業のZephyrixは、東京で新しい計画を発表した。")
    assert "Zephyrix" in {e.name for e in r.entities}


def test_quote_speaker_after_and_pronoun(analyzer):
    r = analyzed(
        analyzer,
        "「計算資源こそが最も重要な要素だ」とサム・アルトマン氏は述べた。",
        "ダリオ・アモデイ氏が登壇した。「安全性への投資を続けていくつもりです」と彼は語った。",
    )
    speakers = {q.text[:6]: q.speaker for q in r.quotes}
    assert speakers == {"計算資源こそ": "Sam Altman", "安全性への投": "Dario Amodei"}


def test_a_katakana_full_name_with_a_middle_dot_is_one_person(analyzer):
    r = analyzed(analyzer, "欧州委員会のトーマス・レニエ報道官は取材に応じた。")
    people = [e.name for e in r.entities if e.kind == "person"]
    assert "トーマス・レニエ" in people
    assert "トーマス" not in people and "レニエ" not in people


def test_a_quote_with_no_one_named_after_it_is_the_sentence_topics(analyzer):
    r = analyzed(
        analyzer,
        "欧州委員会のトーマス・レニエ報道官は、EUはX社に連絡を取っており、「同社は、欧州の基本的権利を侵害するリスクに対処する義務がある」と述べた。",
        "Meta の CEO であるマーク ザッカーバーグ氏は、リスクを認め、「もし私たちが数千億ドルを無駄に使ってしまったら、それは問題です。」",
        "市場は揺れた。「これは誰の言葉でもない長い引用文です、確かに。」と書かれていた。",
    )
    assert [q.speaker for q in r.quotes] == ["トーマス・レニエ", "Mark Zuckerberg", None]


def test_outlet_and_url_sources(analyzer):
    r = analyzed(analyzer, "ロイターによると、xAIは資金を集めた。詳細は https://example.com/a で読める。")
    assert ("Reuters", None) in {(s.name, s.url) for s in r.sources}
    assert ("example.com", "https://example.com/a") in {(s.name, s.url) for s in r.sources}


def test_figure_subject_and_date(analyzer):
    r = analyzed(analyzer, "2025年7月、SpaceXはxAIに20億ドルを投資した。同社は年間150億ドルの収益を上げている。")
    first, second = r.figures
    assert (first.subject, first.date, first.measure) == ("SpaceX", "2025-07", "investment")
    assert (second.subject, second.per, second.measure) == ("SpaceX", "year", "revenue")


def test_who_is_quoted_is_not_the_subject_of_the_quoted_figures(analyzer):
    r = analyzed(
        analyzer,
        "xAIは資金を集めた。モルガン・スタンレーのリサ・シャレット氏によると、「業界の設備投資は年間4,000億ドルに近づいている。」",
        "ゴールドマン・サックスによると、「Nvidiaの売上は500億ドルを超える」という。",
        "ゴールドマン・サックスによると、Anthropicは70億ドルを調達した。",
    )
    unnamed, named, outside = r.figures
    assert unnamed.text == "年間4,000億ドルに近づいている" and unnamed.subject is None  # not the speaker, not xAI
    assert named.subject == "Nvidia"  # an entity inside the quote is
    assert outside.subject == "Anthropic"


def test_a_source_named_with_niyoruto_is_not_a_subject(analyzer):
    r = analyzed(analyzer, "xAIについて、リサ・シャレット氏によると15億ドルが追加で投じられる。")
    (figure,) = r.figures
    assert figure.subject == "xAI"


def test_a_pronoun_gives_the_figure_the_entity_it_stands_for(analyzer):
    r = analyzed(
        analyzer,
        "xAIは資金を集めている。注目すべきはNvidiaの存在だ。彼らはこの株式部分に最大20億ドルを投資する。",
        "SpaceXは打ち上げを続けた。イーロン・マスク氏も登場した。彼は私財から10億ドルを投じた。",
    )
    company, person = r.figures
    assert company.subject == "Nvidia"  # not xAI, the topic carried from the first sentence
    assert person.subject == "Elon Musk"


def test_a_measure_is_given_only_to_figures_of_a_unit_it_can_describe(analyzer):
    r = analyzed(analyzer, "GPU密度の指標は10億ドルです。xAIはGPUの契約で20万基を確保した。")
    money, machines = r.figures
    assert money.measure is None  # an amount of money is no number of GPUs
    assert machines.measure == "gpus"  # the nearer cue 契約 (a deal) does not describe machines


def test_backlog_and_share_price_are_measures_of_their_own(analyzer):
    r = analyzed(analyzer, "Oracleの受注残高は4550億ドルに達した。同社の株価は10日の取引で一時40%超上昇した。")
    backlog, price = r.figures
    assert backlog.measure == "backlog"  # not a deal (契約) nor nothing
    assert price.measure == "share_price"  # 取引 here is the day's trading, not a deal


def test_a_share_sale_is_a_sale_not_a_holding(analyzer):
    r = analyzed(analyzer, "オープンAIは、従業員が保有する株式約66億ドル相当の売却を完了した。マスク氏は株式約42%を保有する。")
    money, holding = r.figures
    assert money.measure == "sale"  # 持株比率 is a share of a company, not an amount of money
    assert holding.measure == "shares"


def test_the_other_party_of_a_deal_is_not_the_figure_subject(analyzer):
    r = analyzed(analyzer, "Oracleは好調だ。OpenAIとの間で、5年間で3000億ドル規模のクラウド契約を結んだ。")
    (deal,) = r.figures
    assert deal.subject == "Oracle"  # the company carried from before, not its partner OpenAI


ENGLISH = [
    "Elon Musk's artificial intelligence startup xAI has raised $20 billion, including up to $2 billion from Nvidia.",
    "The round values the company at about $200 billion. Its Colossus 2 data center will draw 1.2 gigawatts.",
]


def test_a_proper_noun_keyword_is_written_as_the_article_writes_it(analyzer):
    r = analyzed(analyzer, "北海道石狩市と大阪府のデータセンター。北海道と大阪で増設が続く。田中一郎氏が語った。")
    assert {"北海道", "北海道石狩市", "大阪", "田中一郎"} <= set(r.keywords)
    assert not {"ホッカイドウ", "イシカリ", "オオサカ", "タナカ"} & set(r.keywords)  # unidic's readings


def test_a_name_is_one_keyword_not_the_pieces_mecab_splits_it_into(analyzer):
    """ソフト and バンク, ロン of イーロン・マスク (MeCab splits it so without 氏) were keywords of their own."""
    r = analyzed(analyzer, "ソフトバンクグループは、イーロン・マスクの会社に出資した。田中花子社長が語った。")
    assert {"SoftBank", "Elon Musk", "田中花子"} <= set(r.keywords)  # a listed name as its entity is named
    assert not {"ソフト", "バンク", "ロン", "マスク", "花子"} & set(r.keywords)


def test_the_words_amounts_are_written_in_are_no_keywords(analyzer):
    """ドル was the first keyword of seed 003 (73 amounts): every article about money shares it."""
    r = analyzed(analyzer, "xAIは200億ドルを調達し、1.2ギガワットのデータセンターを建てる。評価額は2000億ドル、3兆円規模。",
                 "テスラとxAIの提携で、GPUの調達がさらに進む。")
    assert not {"ドル", "ギガワット", "ギガ"} & set(r.keywords)
    assert {"xAI", "Tesla", "GPU"} <= set(r.keywords)  # テスラ is a unit word to unidic (tesla) but a company here


@pytest.mark.parametrize("sentence, date", [
    ("In March 2025, xAI merged with X in an all-stock deal.", "2025-03"),
    ("Anthropic said on March 3, 2025 it would invest in data centers.", "2025-03-03"),
    ("Anthropic said on 3 March 2025 it would invest in data centers.", "2025-03-03"),
    ("xAI's revenue reached $500 million in Q3 2025.", "2025-Q3"),
    ("xAI expects a profit in the third quarter of 2026.", "2026-Q3"),
    ("OpenAI raised money in the first half of 2025.", "2025-H1"),
    ("OpenAI raised money in H2 2025.", "2025-H2"), ("Nvidia's FY2025 revenue rose.", "2025"),
    ("xAI will open it by the end of 2026.", "2026"),
    ("The sites will come online throughout 2026, Anthropic said.", "2026"),
    ("xAI plans to go public by mid-2027.", "2027"),
    ("Microsoft will spend $80 billion on AI data centers in fiscal 2025.", "2025"),
    ("Oracle expects capex of $35 billion in fiscal year 2026.", "2026"),
])
def test_an_english_date_dates_the_event(analyzer, sentence, date):
    assert [e["date"] for e in analyzed(analyzer, sentence).events] == [date]


@pytest.mark.parametrize("sentence", ["Nvidia sold 2025 GPUs to xAI.", "xAI may 2025 be right.", "xAI paid $2,025 for it.",
                                      "xAI's model 2025 is out."])
def test_a_number_like_a_year_is_no_english_date(analyzer, sentence):
    assert analyzed(analyzer, sentence).events == []


@pytest.mark.parametrize("sentence, measure", [
    ("Lambda closed a $1.5 billion Series E round.", "funding"),
    ("CoreWeave shares jumped 12% on Tuesday.", "share_price"),
    ("Microsoft will spend $80 billion on AI data centers.", "spending"),
])
def test_english_cues_measure_rounds_share_moves_and_spending(analyzer, sentence, measure):
    assert [f.measure for f in analyzed(analyzer, sentence).figures] == [measure]


def test_an_english_figure_takes_the_date_before_it(analyzer):
    r = analyzed(analyzer, "The company raised $6 billion in December 2024.")
    assert [(f.text, f.date) for f in r.figures] == [("$6 billion", "2024-12")]


def test_an_english_article_gets_figures_subjects_and_measures(analyzer):
    r = analyzed(analyzer, *ENGLISH)
    found = [(f.text, f.subject, f.measure) for f in r.figures]
    assert found == [("$20 billion", "xAI", "funding"), ("up to $2 billion", "Nvidia", "funding"),
                     ("about $200 billion", "xAI", "valuation"), ("1.2 gigawatts", "Colossus", "power")]
    assert not [k for k in r.keywords if k.islower() or k in ("The", "Its")]  # the, raised, billion: no keywords
    assert {"xAI", "Nvidia", "Colossus 2"} <= set(r.keywords)  # a name as its entity is named


def test_an_english_report_corroborates_the_japanese_one(analyzer):
    from xai_digest.link import find_facts

    english = analyzed(analyzer, *ENGLISH)
    japanese = analyzed(analyzer, "xAIは200億ドルの資金調達を完了した。")
    english.source_file, japanese.source_file = "en.txt", "ja.txt"
    facts = [f for f in find_facts([english, japanese]) if f["kind"] == "corroborated"]
    assert [(f["subject"], f["measure"], sorted(m["text"] for m in f["members"])) for f in facts] == [
        ("xAI", "funding", ["$20 billion", "200億ドル"])]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["Elon Musk spoke.", '"We are building the largest AI supercomputer in the world," Musk said on X.'],
         [("We are building the largest AI supercomputer in the world", "Elon Musk")]),
        (["“Demand for compute is insane right now,” said Jensen Huang, Nvidia's chief executive."],
         [("Demand for compute is insane right now", "Jensen Huang")]),
        (["Sam Altman spoke on Tuesday. “We will need far more chips than anyone thinks,” he said."],
         [("We will need far more chips than anyone thinks", "Sam Altman")]),
        (["Nvidia CEO Jensen Huang told reporters: “This is the beginning of a new industrial revolution.”"],
         [("This is the beginning of a new industrial revolution.", "Jensen Huang")]),
        # typeset English (curly apostrophe, dash) is English too
        (["“It’s a race — and we’re not slowing down,” said Jensen Huang, Nvidia’s chief executive."],
         [("It’s a race — and we’re not slowing down", "Jensen Huang")]),
        (["The firm calls it a “neocloud business model” in its filing."], []),  # a term, not speech
        (["同社は“ネオクラウド企業の代表格”と呼ばれる。"], []),  # Japanese words in “…”: a term
    ],
)
def test_english_quotes_and_who_said_them(analyzer, paragraphs, expected):
    r = analyzed(analyzer, *paragraphs)
    assert [(q.text, q.speaker) for q in r.quotes] == expected


def test_a_passive_clause_gives_the_figure_to_the_entity_it_ends_at(analyzer):
    r = analyzed(
        analyzer,
        "マスク氏は、約3,000億ドルの評価額が付けられたOpenAIと競う。",
        "SpaceXが20億ドルを出資したxAIは成長した。",
    )
    passive, active = r.figures
    assert passive.subject == "OpenAI"
    assert active.subject == "SpaceX"  # who gave the money, not who got it


def test_reading_time_counts_scripts_separately():
    assert reading_minutes("あ" * 1000) == 2
    assert reading_minutes("word " * 424) == 2
    assert reading_minutes("あ" * 500 + " word" * 212) == 2
    assert reading_minutes("") == 0


def test_sentences_keep_nested_quotes_whole():
    text = "彼は「これは『重要だ。』と思う。」と述べた。次の文。"
    assert [s.text for s in split_sentences(text)] == ["彼は「これは『重要だ。』と思う。」と述べた。", "次の文。"]


def test_sentences_split_english_passages():
    text = "This is one. This is two! 日本語です。"
    assert [s.text for s in split_sentences(text)] == ["This is one.", "This is two!", "日本語です。"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=80), min_size=1, max_size=4))
def test_analyzer_never_raises(analyzer, paragraphs):
    r = analyzed(analyzer, *paragraphs)
    body = r.body_text()
    for figure in r.figures:
        assert body[figure.start : figure.end] == figure.text


span = st.tuples(st.integers(0, 40), st.integers(1, 12)).map(lambda t: (t[0], t[0] + t[1]))


@given(st.lists(span, max_size=12), span)
def test_uncovered_agrees_with_checking_every_span(spans, query):
    from xai_digest.analyze.spans import Uncovered

    start, end = query
    assert Uncovered(spans)(start, end) == (not any(s < end and start < e for s, e in spans))


def test_a_family_name_unidic_does_not_know_completes_the_speakers_name(analyzer):
    """マイケル is a given name to unidic, イントレイター a common noun: written with ・ they are one person."""
    record = analyzed(analyzer, "「Metaとの提携は当社の成長戦略の柱です」とCoreWeaveのマイケル・イントレイターCEOは述べました。")
    assert [q.speaker for q in record.quotes] == ["マイケル・イントレイター"]
    assert "マイケル・イントレイター" in [e.name for e in record.entities]


def test_a_weekday_is_no_entity_and_no_subject(analyzer):
    r = analyzed(analyzer, "Anthropic said Wednesday it will invest $50 billion in data centers.")
    (figure,) = r.figures
    assert figure.subject == "Anthropic" and figure.measure == "investment"
    assert "Wednesday" not in {e.name for e in r.entities}


def test_a_wire_dateline_city_is_no_subject_and_an_english_rise_is_a_change(analyzer):
    r = analyzed(analyzer, "SAN FRANCISCO, Nov 19 (Reuters) - Orbital Compute is in talks to raise about $5 billion.",
                 "The company's revenue is expected to reach $1.2 billion this year, up 150% from 2024.")
    assert [(f.text, f.subject, f.change) for f in r.figures] == [
        ("about $5 billion", "Orbital Compute", None), ("$1.2 billion", "Orbital Compute", None), ("150%", "Orbital Compute", "increase")]
    assert not {"SAN FRANCISCO", "Nov"} & {e.name for e in r.entities}


def test_a_company_introduced_by_what_it_is_is_an_entity_and_owns_its_figures(rules_only):
    r = analyzed(rules_only, "国内クラウド大手の雲海データは、約1000億円を投資すると発表した。",
                 "同社の山本太郎社長は「計算資源を増やしたい」と話した。", "同社の売上高は前年同期比35%増の820億円だった。")
    assert ("雲海データ", "organization") in {(e.name, e.kind) for e in r.entities}
    assert [f.subject for f in r.figures] == ["雲海データ", "雲海データ", "雲海データ"]  # not the president


def test_a_short_form_defined_in_brackets_names_the_same_entity(analyzer, rules_only):
    """ソフトバンクグループ（SBG） then SBGは…: one company, whose figures the SBG sentences give
    (SBG was an entity of its own, and 「SBGの純利益」 a figure of a company called SBG)."""
    r = analyzed(rules_only, "国内クラウド大手の雲海データ（UKD）は10日、データセンターを新設すると発表した。UKDは100億円を投じる。")
    assert [(e.name, e.mentions) for e in r.entities] == [("雲海データ", ["雲海データ", "UKD"])]
    assert [f.subject for f in r.figures] == ["雲海データ"]
    r = analyzed(analyzer, "米連邦取引委員会（FTC）は調査を始めた。Helios Compute（HLC）は5億ドルを調達した。HLCは拠点を増やす。")
    assert {e.name: e.mentions for e in r.entities}["FTC"] == ["連邦取引委員会", "FTC"]  # listed: its own entity still
    assert {e.name: e.mentions for e in r.entities}["Helios Compute"] == ["Helios Compute", "HLC"]


def test_a_katakana_name_unidic_splits_into_known_pieces_is_whole(rules_only):
    """スライブ・キャピタル was the place スラ; イーロン・マスク the person ロン・マスク (unidic's pieces)."""
    r = analyzed(rules_only, "売却にはスライブ・キャピタルなどが参加した。", "イーロン・マスクは、SpaceXの株式約42%を保有している。")
    kinds = {e.name: e.kind for e in r.entities}
    assert kinds["スライブ・キャピタル"] == "organization" and kinds["イーロン・マスク"] == "person"  # キャピタル: a company's name
    assert not {"スラ", "ロン・マスク"} & set(kinds)
    assert [f.subject for f in r.figures] == ["イーロン・マスク"]


@pytest.mark.parametrize("sentence, name", [
    ("同社の松田浩路社長は話した。", "松田浩路"),  # unidic knows 浩, not 浩路
    ("鈴木颯真氏は述べた。", "鈴木颯真"),  # nor 颯真
    ("田中邦裕副社長は語った。", "田中邦裕"),  # 副 starts the title
    ("佐藤健太郎CEOが語った。", "佐藤健太郎"),
])
def test_a_given_name_unidic_does_not_know_ends_at_the_title(rules_only, sentence, name):
    assert [e.name for e in analyzed(rules_only, sentence).entities if e.kind == "person"] == [name]


@pytest.mark.parametrize("sentence, name", [
    ("さくらインターネットが石狩に100億円を投資する。", "さくらインターネット"),  # unidic: さくら + a common noun
    ("日立製作所は50億円を投じる。", "日立製作所"),  # 日立 is a place to unidic
    ("NTTデータが100億円を投資した。", "NTTデータ"),
    ("GMOインターネットグループは100億円を投資した。", "GMOインターネットグループ"),
    ("東京電力は10億円を投資した。", "東京電力"),
    ("ハイレゾ社は30億円を投資した。", "ハイレゾ"),  # a common noun to unidic, a company by 社
    ("Orbital Compute社は5億ドルを調達した。", "Orbital Compute"),
    # here unidic reads さくら as the common noun 桜: the hiragana name before a company's ending still counts
    ("国内のGPUクラウド市場で競争が激しい。さくらインターネットは20日、1000億円を投じると発表した。", "さくらインターネット"),
    ("りそなホールディングスは10億円を投じた。", "りそなホールディングス"),
    ("三井住友フィナンシャルグループは10億円を投じた。", "三井住友フィナンシャルグループ"),  # one list of endings for both rules
    ("東急不動産は3000億円を投じる。", "東急不動産"),
    ("米ラムダは15億ドルを調達した。", "ラムダ"),  # a country's initial before a katakana name: a foreign company
    ("独シーメンスは10億ユーロを投じる。", "シーメンス"),
])
def test_a_name_ending_as_companies_do_is_a_company_with_its_figures(rules_only, sentence, name):
    r = analyzed(rules_only, sentence)
    assert (name, "organization") in {(e.name, e.kind) for e in r.entities}
    assert [f.subject for f in r.figures] == [name]


@pytest.mark.parametrize("sentence", ["米国データが示すとおりだ。", "研究グループが発表した。", "同社は新製品を出した。",
                                      "このインターネットは速い。", "あらゆるインターネットが変えた。", "企業のためのインターネットが広がる。",
                                      "それはインターネットが変えた。", "1米ドルは150円前後で推移した。"])  # 米ドル: the currency
def test_a_place_or_a_common_word_before_a_company_ending_is_no_company(rules_only, sentence):
    assert not [e for e in analyzed(rules_only, sentence).entities if e.kind == "organization"]


@pytest.mark.parametrize("sentence, place", [
    ("KDDIは大阪府堺市のデータセンターを稼働させた。", "大阪府堺市"), ("香川県に開設した。", "香川県"),
    ("東京都港区に本社を置く。", "東京都港区"), ("東京都内のデータセンター。", "東京"),  # 都内: not a division
])
def test_a_place_is_named_with_its_division(rules_only, sentence, place):
    assert place in [e.name for e in analyzed(rules_only, sentence).entities if e.kind == "place"]


def test_a_company_written_with_sha_is_the_topic_of_its_sentence(analyzer):
    r = analyzed(analyzer, "アップルは好調だ。マイクロソフト社はOpenAIに100億ドルを投じた。")
    assert [f.subject for f in r.figures] == ["Microsoft"]


def test_a_kind_of_company_is_no_company(analyzer):
    r = analyzed(analyzer, "大手の主流企業が規制の枠組み内で動く。")
    assert "主流企業" not in {e.name for e in r.entities}


@pytest.mark.parametrize("text, name", [
    ("Orbital Compute, the GPU cloud startup, is in talks to raise money.", "Orbital Compute"),
    ("Anthropic will build data centers with the cloud provider Ironbridge.", "Ironbridge"),
])
def test_an_english_name_introduced_as_a_company_is_an_organisation(analyzer, text, name):
    r = analyzed(analyzer, text)
    assert (name, "organization") in {(e.name, e.kind) for e in r.entities}


def test_a_press_release_company_owns_its_figures_not_the_president_in_brackets(analyzer):
    r = analyzed(analyzer, "株式会社サクラAI（本社：東京都千代田区、代表取締役社長：田中花子）は、NVIDIA製GPU 1万基を導入します。",
                 "総投資額は約500億円です。")
    assert ("サクラAI", "organization") in {(e.name, e.kind) for e in r.entities}
    assert [(f.text, f.subject) for f in r.figures] == [("1万基", "サクラAI"), ("約500億円", "サクラAI")]


@pytest.mark.parametrize("sentence", ["NVIDIAの最新GPUを約1万基導入する。", "NVIDIA製のGPUを約1万基導入する。", "GPU：NVIDIA H200 1万基"])
def test_the_maker_of_the_machines_counted_is_not_their_owner(analyzer, sentence):
    r = analyzed(analyzer, "国内のAI新興企業であるサクラ計算機は3日、新しいデータセンターを発表した。", sentence)
    (count,) = [f for f in r.figures if f.unit == "基"]
    assert count.subject == "サクラ計算機"


@pytest.mark.parametrize("sentence, subject", [
    ("統合されたxAIとソーシャルネットワークXの統合構造の評価額は1,130億ドルです。", "xAI"),
    ("OpenAIとMicrosoftは総額100億ドルの契約を結んだ。", "OpenAI"),
    ("Nebius は Meta と 30 億ドルの契約を締結しました。", "Nebius"),  # Meta と: the other party
    ("OpenAIとの提携を発表したMicrosoftは100億ドルを投じる。", "Microsoft"),  # との: the partner
])
def test_of_two_names_joined_by_to_the_first_is_the_subject(analyzer, sentence, subject):
    (figure,) = analyzed(analyzer, sentence).figures
    assert figure.subject == subject


@pytest.mark.parametrize("sentence", ["現在2万基のNvidiaとAMDのGPUを搭載している。", "NvidiaとAMDのGPUを2万基搭載している。"])
def test_two_makers_joined_by_to_are_makers(analyzer, sentence):
    r = analyzed(analyzer, "国内のAI新興企業であるサクラ計算機は3日、新しいデータセンターを発表した。", sentence)
    (count,) = [f for f in r.figures if f.unit == "基"]
    assert count.subject == "サクラ計算機"


@pytest.mark.parametrize("paragraph, expected", [
    ("孫正義会長兼社長は記者会見で「AIの基盤を握る」と強調した。", [("AIの基盤を握る", "Masayoshi Son")]),
    ("同社は「ネオクラウド」と呼ばれる。", []),  # a term, however short
    ("「AIの基盤」という言葉がある。", []),  # short words nobody is said to have said
])
def test_a_short_quote_counts_when_a_speech_verb_follows_it(analyzer, paragraph, expected):
    r = analyzed(analyzer, paragraph)
    assert [(q.text, q.speaker) for q in r.quotes] == expected


def table_record(rules_text: str):
    from xai_digest.parse import load_rules, parse_text

    return parse_text(rules_text, "t.md", load_rules(None))[0]


def test_a_table_rows_figures_are_its_names_measured_by_their_own_column_and_dated_by_a_date_column(rules_only):
    record = table_record(
        "---\ntitle: t\n---\n\nxAIは好調だ。\n\n"
        "| 発表日 | 出資者 | 社名 | 調達額 | 評価額 | 稼働予定 |\n|---|---|---|---|---|---|\n"
        "| 2025年9月3日 | Nvidia | サクラ計算機 | 2000億円 | 1兆円 | 2027年 |\n"
        "| | | Zephyrix | 50億ドル | | 2026年 |\n")
    rules_only.analyze(record)
    got = [(f.text, f.subject, f.measure, f.date) for f in record.figures]
    assert got == [("2000億円", "サクラ計算機", "funding", "2025-09-03"), ("1兆円", "サクラ計算機", "valuation", "2025-09-03"),
                   ("50億ドル", "Zephyrix", "funding", None)]  # not xAI (the topic before), Nvidia (nearer) or 2026 (稼働予定)
    assert ("サクラ計算機", "organization") in {(e.name, e.kind) for e in record.entities}  # named by its column
    assert record.events == []  # a row is no sentence for the timeline (its figures are dated and linked)


def test_the_same_words_outside_a_table_keep_the_nearest_cue(analyzer):
    r = analyzed(analyzer, "xAIの調達額は200億ドル、評価額は2,000億ドルだった。")
    assert [(f.subject, f.measure) for f in r.figures] == [("xAI", "funding"), ("xAI", "valuation")]


def test_an_english_table_reads_its_capitalised_headings_as_measures_and_not_as_names(rules_only):
    record = table_record("---\ntitle: t\n---\n\nThe largest rounds.\n\n| Company | Raised | Valuation | Lead investor |\n"
                          "|---|---|---|---|\n| Orbital Compute | $500 million | $4 billion | Sequoia |\n")
    rules_only.analyze(record)
    assert [(f.subject, f.measure) for f in record.figures] == [("Orbital Compute", "funding"), ("Orbital Compute", "valuation")]
    kinds = {e.name: e.kind for e in record.entities}
    assert kinds["Orbital Compute"] == "organization"  # found as a Latin name, an organisation by its column
    assert not {"Raised", "Valuation", "Lead"} & kinds.keys()


def test_a_table_whose_columns_are_companies_reads_the_row_heading_as_the_measure(analyzer):
    record = table_record("---\ntitle: t\n---\n\n業績を比べた。\n\n| 項目 | Nvidia | AMD |\n|---|---|---|\n"
                          "| 売上高 | 300億ドル | 70億ドル |\n| 従業員数 | 3万人 | 2万6000人 |\n")
    analyzer.analyze(record)
    assert [(f.text, f.subject, f.measure) for f in record.figures] == [
        ("300億ドル", "Nvidia", "revenue"), ("70億ドル", "AMD", "revenue"), ("3万人", "Nvidia", "jobs"), ("2万6000人", "AMD", "jobs")]


def test_a_comparison_tables_column_headings_name_whose_figures_they_are_listed_or_not(rules_only):
    record = table_record("---\ntitle: t\n---\n\nNvidiaは好調だ。\n\n| 項目 | サクラ計算機 | Orbital Compute |\n|---|---|---|\n"
                          "| 売上高 | 300億円 | 7億ドル |\n\n| 指標 | 2024年 | 今期 | 前年比 |\n|---|---|---|---|\n"
                          "| 売上高 | 100億円 | 120億円 | 20% |\n")
    rules_only.analyze(record)
    assert [(f.text, f.subject, f.measure) for f in record.figures] == [
        ("300億円", "サクラ計算機", "revenue"), ("7億ドル", "Orbital Compute", "revenue"),  # not Nvidia, the topic before
        ("100億円", "Nvidia", "revenue"), ("120億円", "Nvidia", "revenue"), ("20%", "Nvidia", "revenue")]  # years, periods name no one
    assert {e.name for e in record.entities} == {"Nvidia", "サクラ計算機", "Orbital Compute"}


def test_a_comparison_column_named_like_a_sum_is_still_a_company_and_a_value_column_none(rules_only):
    """日建設計 ends as 合計 (a sum) does: it names its column; 内容 heads a key–value table's values."""
    record = table_record("---\ntitle: t\n---\n\nxAIは好調だ。\n\n| 項目 | 日建設計 | サクラ計算機 |\n|---|---|---|\n"
                          "| 売上高 | 300億円 | 70億円 |\n\n| 項目 | 内容 |\n|---|---|\n| 受電容量 | 300MW |\n")
    rules_only.analyze(record)
    assert [(f.text, f.subject) for f in record.figures] == [("300億円", "日建設計"), ("70億円", "サクラ計算機"), ("300MW", "xAI")]
    assert "内容" not in {e.name for e in record.entities}


def test_a_rows_figure_never_takes_the_name_in_another_cell(rules_only):
    record = table_record("---\ntitle: t\n---\n\nxAIは好調だ。\n\n| 年 | 出資者 | 金額 |\n|---|---|---|\n| 2025年 | Zephyrix | 50億ドル |\n")
    rules_only.analyze(record)
    assert [(f.text, f.subject) for f in record.figures] == [("50億ドル", None)]  # Zephyrix is the investor, not whose money


def fixture_article(name, analyzer=None):
    """A fixture article parsed with the shipped reading rules (and analysed, given an analyzer): the
    record and the parse's reports."""
    from xai_digest.parse import load_rules, parse_text

    record, reports = parse_text((Path(__file__).parent / "fixtures" / "articles" / name).read_text("utf-8"), name, load_rules(None))
    if analyzer is not None:
        analyzer.analyze(record)
    return record, reports


def dated(analyzer, published, *paragraphs):
    return [(e["date"], e["text"][:12]) for e in analyzed(analyzer, *paragraphs, published=published).events]


@pytest.mark.parametrize("published, sentence, date", [
    ("2025-11-22", "Anthropicは18日、Microsoftから出資を受けると発表した。", "2025-11-18"),
    ("2025-11-22T09:00:00+09:00", "Googleは11月14日に投資を発表した。", "2025-11-14"),
    ("2025-11-22", "Nvidiaは26日に決算を発表する予定だ。", "2025-11-26"),  # up to a week ahead: this month
    ("2025-11-03", "Oracleは28日、契約を結んだと発表した。", "2025-10-28"),  # later in the month: last month's
    ("2026-01-05", "xAIは12月28日に調達を完了した。", "2025-12-28"),  # December named in January: last year's
    ("2025-11-03", "Metaは31日に発表した。", "2025-10-31"),
])
def test_a_day_named_without_its_year_dates_the_event_against_the_publication(analyzer, published, sentence, date):
    """Japanese news dates what it reports by the day alone (18日、…発表した): the main event of most
    stories had no place on the timeline."""
    assert [d for d, _ in dated(analyzer, published, sentence)] == [date]


@pytest.mark.parametrize("published, sentence", [
    (None, "Anthropicは18日、出資を受けると発表した。"),  # no day to read it against
    ("2025-11", "Anthropicは18日、出資を受けると発表した。"),
    ("2025-11-22", "xAIは30日以内に100億ドルを調達する。"),  # counts of days
    ("2025-11-22", "xAIは3日間で100億ドルを調達した。"),
    ("2025-11-22", "xAIは10日後に100億ドルを調達した。"),
])
def test_a_count_of_days_or_an_undated_article_dates_nothing(analyzer, published, sentence):
    assert dated(analyzer, published, sentence) == []


@settings(max_examples=300, deadline=None)
@given(published=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2049, 12, 31)),
       day=st.integers(1, 31), month=st.one_of(st.none(), st.integers(1, 12)))
def test_a_day_named_is_read_within_a_week_ahead_and_a_month_or_half_a_year_back(published, day, month):
    """Whatever the day an article was published, a day of the month it names lands at most a week after
    it and at most a month before it; a month and day, within half a year either side."""
    from xai_digest.analyze.analyzer import _days_named
    from xai_digest.model import Sentence

    text = f"xAIは{month}月{day}日、発表した。" if month else f"xAIは{day}日、発表した。"
    found = _days_named(text, Sentence(text, 0, len(text)), published)
    for _, iso in found:
        date = dt.date.fromisoformat(iso)
        assert date.day == day and (month is None or date.month == month)
        if month is None:
            assert published - dt.timedelta(days=31) <= date <= published + dt.timedelta(days=7)
        else:
            assert abs((date - published).days) <= 184 + 31
    assert len(found) <= 1


@pytest.mark.parametrize("published, sentence, date", [
    ("2025-11-20", "Nvidiaの8〜10月期の売上高は570億ドルだった。", "2025-08/2025-10"),
    ("2025-11-20", "Nvidiaの11〜1月期の売上高は650億ドルを見込む。", "2025-11/2026-01"),  # the quarter under way
    ("2026-02-26", "Nvidiaの11〜1月期の売上高は680億ドルだった。", "2025-11/2026-01"),
    ("2025-11-20", "Nvidiaの2024年8〜10月期の売上高は351億ドルだった。", "2024-08/2024-10"),  # stated: kept
    (None, "Nvidiaの8〜10月期の売上高は570億ドルだった。", None),
])
def test_a_results_period_without_its_year_is_the_latest_begun(analyzer, published, sentence, date):
    """Two quarters' revenue (8〜10月期, 5〜7月期) were both undated, so they could be one fact that differed."""
    record = analyzed(analyzer, sentence, published=published)
    assert [f.date for f in record.figures] == [date]
    assert [e["date"] for e in record.events] == ([date] if date else [])


def test_a_named_day_adds_to_the_dates_a_sentence_states(analyzer):
    assert dated(analyzer, "2025-11-22", "Googleは14日、2027年までに400億ドルを投じると発表した。") == [
        ("2025-11-14", "Googleは14日、2"), ("2027", "Googleは14日、2")]  # announced, and the year it aims at


def test_a_timeline_event_from_a_list_item_is_shown_without_its_bullet(analyzer):
    r = analyzed(analyzer, "・Mistral AIは2023年に設立された。", "1. xAIは2023年7月に設立された。")
    assert [e["text"] for e in r.events] == ["Mistral AIは2023年に設立された。", "xAIは2023年7月に設立された。"]


def test_an_english_press_release_reads_its_company_people_and_places(analyzer):
    record, _ = fixture_article("business_wire_release.txt", analyzer)
    assert {f.text: f.subject for f in record.figures} == {
        "$600 million": "Orbital Compute", "$5 billion": "Orbital Compute", "50,000 GPUs": "Orbital Compute",
        "1.2 gigawatts": "Orbital Compute", "240%": "Orbital Compute", "$380 million": "Orbital Compute"}
    kinds = {e.name: e.kind for e in record.entities}
    assert kinds["Dana Whitfield"] == "person" and kinds["Business Wire"] == "outlet" and kinds["Texas"] == "place"
    # not the dateline's city, a sentence's first word the text also writes in lower case, a round's
    # name, or the capitalised words of the headline
    assert not {"SAN FRANCISCO", "New", "Series C", "Orbital Compute Raises", "Expand GPU Cloud Capacity"} & kinds.keys()


@pytest.mark.parametrize("sentence, figure, subject", [
    ("Zephyrix raised $5 million from Sequoia.", "$5 million", "Zephyrix"),  # the raiser's; from: who gave it
    ("Zephyrix got an investment of $2 billion from Nvidia.", "$2 billion", "Nvidia"),
])
def test_an_amount_from_a_company_is_its_own_unless_it_was_raised(analyzer, sentence, figure, subject):
    assert {f.text: f.subject for f in analyzed(analyzer, sentence).figures}[figure] == subject


def test_an_english_name_with_a_persons_title_is_a_person(rules_only):
    kinds = {e.name: e.kind for e in analyzed(rules_only, "Analyst Mary Jones said demand is strong. "
                                              "The firm hired John Smith, its chief financial officer.").entities}
    assert kinds["Mary Jones"] == "person" and kinds["John Smith"] == "person" and "Analyst Mary Jones" not in kinds


@pytest.mark.parametrize("paragraphs, named", [
    (['"Demand for AI compute continues to outstrip supply," said Dana Whitfield.'], False),  # a quote's first word
    (['“Zephyrix will double its capacity,” said Dana Whitfield.', "The deal values Zephyrix at $5 billion."], True),
])
def test_a_word_that_only_opens_quotes_is_no_name(rules_only, paragraphs, named):
    names = {e.name for e in analyzed(rules_only, *paragraphs).entities}
    assert ("Demand" in names or "Zephyrix" in names) == named


def test_an_english_quote_right_after_another_ones_attribution_is_the_same_speakers(analyzer):
    r = analyzed(analyzer, '"Demand for AI compute continues to outstrip supply," said Dana Whitfield, CEO of Orbital Compute. '
                           '"This investment lets us bring capacity online faster for our customers."',
                 '"Capacity is the constraint for everyone in this market," Jensen Huang said.')
    assert [(q.text[:4], q.speaker) for q in r.quotes] == [("Dema", "Dana Whitfield"), ("This", "Dana Whitfield"), ("Capa", "Jensen Huang")]
    r = analyzed(analyzer, '"We are growing fast," said Dana Whitfield, CEO of Orbital Compute. '
                           'Analyst Mary Jones answered: "Growth like this cannot last for long, in my view."')
    assert "Dana Whitfield" not in [q.speaker for q in r.quotes[1:]]  # someone else named between


def test_a_signed_post_is_its_authors_quote(analyzer):
    r = analyzed(analyzer, "“Grok 5 training has begun. Colossus 2 is running at full power.” — Elon Musk (@elonmusk) November 18, 2025")
    assert [(q.text, q.speaker) for q in r.quotes] == [("Grok 5 training has begun. Colossus 2 is running at full power.", "Elon Musk")]


def test_an_era_year_dates_a_figure_and_public_money_has_its_measures(analyzer):
    r = analyzed(analyzer, "経済産業省は令和7年度補正予算で、AI半導体向けに約1兆円を計上した。",
                 "補助額は最大500億円になる見通しだ。", "政府は2030年度までに10兆円以上の公的支援を行う。")
    assert [(f.text, f.date, f.measure) for f in r.figures] == [
        ("約1兆円", "2025", "spending"), ("最大500億円", None, "subsidy"), ("10兆円以上", "2030", "subsidy")]
    assert "令和" not in {e.name for e in r.entities}


def test_a_results_article_reads_profit_and_calendar_quarters(analyzer):
    r = analyzed(analyzer, "ソフトバンクグループの2025年7〜9月期決算は、純利益が2兆5022億円だった。",
                 "Nvidiaの2025年8〜10月期の売上高は570億ドルだった。", "同社の2025年4～6月期の営業利益は100億円だった。")
    assert [(f.text, f.measure, f.date) for f in r.figures] == [
        ("2兆5022億円", "profit", "2025-Q3"), ("570億ドル", "revenue", "2025-08/2025-10"),  # a quarter of other months
        ("100億円", "profit", "2025-Q2")]


@pytest.mark.parametrize("sentence, date", [
    ("トヨタ自動車の2025年3月期の営業利益は4兆7955億円だった。", "2024-04/2025-03"),  # the year to March 2025, not March
    ("ソフトバンクグループの2026年3月期第2四半期の純利益は2兆円だった。", "2025-Q3"),  # July–September 2025
    ("ソフトバンクグループの2026年3月期上半期の純利益は3兆円だった。", "2025-04/2025-09"),
    ("同社の2026年3月期中間期の純利益は3兆円だった。", "2025-04/2025-09"),
    ("同社の2026年3月期下半期の純利益は3兆円だった。", "2025-10/2026-03"),
    ("楽天の2025年12月期の売上高は2兆円だった。", "2025"),  # a fiscal year that is the calendar year
    ("同社の2025年11〜1月期の売上高は500億円だった。", "2025-11/2026-01"),
    ("同社の2025年3月期間中の売上高は500億円だった。", "2025-03"),  # 3月期間: the month, no fiscal year
    ("同社は2025年後半に100億円を投じる。", "2025-H2"), ("同社は2026年前半に100億円を投じる。", "2026-H1"),
])
def test_a_fiscal_year_is_dated_as_its_months_not_as_the_month_it_ends(analyzer, sentence, date):
    assert [f.date for f in analyzed(analyzer, sentence).figures] == [date]


@pytest.mark.parametrize("sentence, date", [
    ("ソフトバンクグループの26年3月期の純利益は3兆円を見込む。", "2025-04/2026-03"),
    ("KDDIは25年4～9月期に売上高3兆円を計上した。", "2025-04/2025-09"),
    ("さくらインターネットは27年度までに1000億円を投じる。", "2027"),
    ("同社は25年10月に100億円を調達した。", "2025-10"),
    ("創業25年の同社は100億円を調達した。", None),  # a duration, not 2025
    ("過去10年間で100億円を投じた。", None),
])
def test_a_year_written_short_dates_a_figure(analyzer, sentence, date):
    """Business news writes years short (26年3月期, 27年度): those figures and events had no date."""
    assert [f.date for f in analyzed(analyzer, sentence).figures] == [date]


@pytest.mark.parametrize("sentence, measures", [
    ("AnthropicはMicrosoftから最大50億ドル、Nvidiaから最大100億ドルの出資を受ける。", ["funding", "funding"]),
    ("xAIの調達額は200億ドル、評価額は2000億ドルとなった。", ["funding", "valuation"]),  # each clause its own cue
    ("Anthropicは50億ドル、Nvidiaから100億ドル、評価額は3500億ドルとなった。", [None, None, "valuation"]),
    ("AnthropicはAzureの計算資源を300億ドル分購入する。", ["deal"]),
])
def test_amounts_listed_before_one_cue_share_it(analyzer, sentence, measures):
    assert [f.measure for f in analyzed(analyzer, sentence).figures] == measures


def test_a_subsidy_is_the_recipients_not_the_ministrys(analyzer):
    """Two companies' subsidies from 経済産業省 were both the ministry's subsidy: a dispute between two
    articles (約450億円 against 最大500億円) about two different grants."""
    r = analyzed(analyzer, "AI新興企業であるサクラ計算機は石狩市にデータセンターを建設する。経済産業省は同社の計画を補助金の対象とする方針で、補助額は最大500億円になる見通しだ。",
                 "OpenAIは資金を集めている。ソフトバンクから400億ドルを調達する。")
    assert [f.subject for f in r.figures] == ["サクラ計算機", "OpenAI"]  # the second: from SoftBank, to the topic


@pytest.mark.parametrize("sentence, measures", [
    ("投資総額は約500億円で、同社の計算能力は従来の3倍になる。", ["investment", None]),  # not an investment of 3倍
    ("売上高は100億円、前年比20%増だった。", ["revenue", "revenue"]),  # the rise is the revenue's
    ("投資額について、同社は約500億円と説明した。", ["investment"]),
])
def test_a_cue_before_a_figure_stops_at_the_clause_whose_amount_it_measured(analyzer, sentence, measures):
    assert [f.measure for f in analyzed(analyzer, sentence).figures] == measures


@pytest.mark.parametrize("verb", ["と分析している", "と予想する", "と歓迎した", "とコメントした", "と見込む"])
def test_an_analysts_words_are_a_quote_with_a_speaker(analyzer, verb):
    r = analyzed(analyzer, f"IDCの田村健二シニアアナリストは「国内ではソブリンAIの需要が市場をけん引する」{verb}。")
    assert [q.speaker for q in r.quotes] == ["田村健二"]


@pytest.mark.parametrize("verb", ["と明らかにした", "との考えを示した", "との見方を示した", "とした", "と話す", "と発表した"])
def test_news_says_said_in_many_ways(analyzer, verb):
    """「AIへの投資は続ける」との考えを示した: a quote too short to read as speech on its own had no speaker."""
    r = analyzed(analyzer, f"ナデラ氏は「AIへの投資は続ける」{verb}。")
    assert [(q.text, q.speaker) for q in r.quotes] == [("AIへの投資は続ける", "Satya Nadella")]


def test_booking_an_amount_says_nothing_of_what_it_is(analyzer):
    """計上 (booked) goes with revenue, profit and losses alike: the item's own word measures the figure."""
    r = analyzed(analyzer, "KDDIは売上高3兆円を計上した。", "同社は減損損失500億円を計上した。")
    assert [f.measure for f in r.figures] == ["revenue", "loss"]


def test_an_interviews_answers_speak_for_the_speakers_company(rules_only):
    record, _ = fixture_article("interview_news.txt", rules_only)
    assert [(f.text, f.subject) for f in record.figures] == [
        ("約1000億円", "さくらインターネット"), ("約10倍", "さくらインターネット"), ("1万基規模", "さくらインターネット"),
        ("約2倍", "さくらインターネット"), ("400億円", "さくらインターネット")]  # not 田中 (the speaker) or no one
    people = {e.name: e.mentions for e in record.entities if e.kind == "person"}
    assert set(people["田中邦裕"]) == {"田中邦裕", "田中"} and "田中" not in people  # 田中社長 is 田中邦裕
    # each answer's first sentence is what he said (発言 was empty for a page of his words)
    assert [(q.text, q.speaker) for q in record.quotes] == [
        ("2027年度までに約1000億円を投じ、GPUを現在の約10倍にあたる1万基規模に増やします", "田中邦裕"),
        ("価格では勝負しません", "田中邦裕")]
    assert record.quotes[1].sentence == "田中社長 価格では勝負しません。"


def test_an_earnings_story_gives_its_figures_to_the_company_reporting_them(analyzer):
    """A Nikkei-style results story: ソフトバンクグループ（SBG）, a gain on OpenAI (米OpenAIへの投資で評価益…,
    OpenAI関連の評価益：…), Nvidia shares sold (エヌビディア株を売却し…を得た), a CFO quoted with his title
    and its short form between his name and は, and a closing box of the main figures."""
    record, reports = fixture_article("earnings_news.txt", analyzer)
    assert reports == [] and not record.truncated  # the box of figures is no cut-off sentence
    assert "SBG" in {e.name: e.mentions for e in record.entities}["SoftBank"] and "SBG" not in {e.name for e in record.entities}
    gains = [(f.subject, f.measure) for f in record.figures if f.value == 2_156_700_000_000]
    assert gains == [("SoftBank", "profit"), ("SoftBank", "profit")]  # not OpenAI's, nor ChatGPT's; a gain, not spending
    assert [f.subject for f in record.figures if f.text == "58億3000万ドル"] == ["SoftBank"]  # the seller's, not Nvidia's
    assert [q.speaker for q in record.quotes] == ["後藤芳光", "後藤芳光"]  # 後藤芳光最高財務責任者（CFO）は「…」


def test_a_local_data_centre_story_gives_its_figures_to_the_builders(analyzer):
    """A regional paper's page: two builders joined by と (東急不動産と…フォーシーズネット（4SN）は), a
    short form starting with a digit, DC and MW defined for common nouns, a closing 項目｜内容 table
    after a paragraph about other companies, and a mayor who 歓迎した what he said."""
    record, reports = fixture_article("dc_local_news.txt", analyzer)
    assert reports == [] and record.author == "高橋美咲"  # （経済部　高橋美咲）; the share buttons are no body text
    entities = {e.name: (e.kind, e.mentions) for e in record.entities}
    assert entities["東急不動産"][0] == "organization" and entities["フォーシーズネット"] == ("organization", ["フォーシーズネット", "4SN"])
    assert not {"東急", "DC", "MW", "内容", "X", "LINE"} & set(entities)
    assert [f.subject for f in record.figures if f.unit in ("JPY", "W") and f.measure != "subsidy"] == ["東急不動産"] * 4
    assert [f.measure for f in record.figures if f.text == "約3000億円"] == ["investment", "investment"]  # 総事業費
    assert [q.speaker for q in record.quotes] == ["佐々木健一", "岩倉博文"]


def test_a_weekly_roundup_gives_each_story_its_own_company_and_day(analyzer):
    """A newsletter of three stories under ■ headings: each story's figures are its own company's, and each
    story's news is on the timeline on the day it names (18日, 14日), read against the page's date."""
    record, reports = fixture_article("weekly_roundup.txt", analyzer)
    assert reports == [] and [s.heading for s in record.sections][1:4] == [
        "Anthropic、MicrosoftとNvidiaから最大150億ドルの出資", "Google、テキサス州に400億ドル投資", "xAI、150億ドルの資金調達を完了か"]
    assert [(f.text, f.subject, f.measure) for f in record.figures] == [
        ("最大50億ドル", "Anthropic", "funding"), ("最大100億ドル", "Anthropic", "funding"), ("300億ドル", "Anthropic", "deal"),
        ("400億ドル", "Google", "investment"), ("2300億ドル", "xAI", "valuation"), ("150億ドル", "xAI", "funding")]
    assert [e["date"] for e in record.events] == ["2025-11-18", "2025-11-14", "2027"]
    assert [s.name for s in record.sources] == ["CNBC"]


def test_an_english_wire_story_reads_its_ticker_multiples_and_who_draws_the_power(analyzer):
    """A Reuters-style story: a ticker after the name (Oracle (ORCL.N)), capex and share moves in English,
    a multiple (roughly 1.5 times last year's level), a company described by a which-clause naming its
    backers, and the desk's credit in brackets at the end."""
    record, reports = fixture_article("english_deal.txt", analyzer)
    assert reports == [] and record.site == "Reuters"  # (Reporting by …; Editing by …) is chrome, not a cut-off paragraph
    entities = {e.name: e.mentions for e in record.entities}
    assert entities["Oracle"] == ["Oracle", "ORCL"] and not {"ORCL", "Shares", "Reporting", "Editing", "Mark Smith"} & set(entities)
    assert [(f.text, f.subject, f.measure, f.qualifier) for f in record.figures] == [
        ("$38 billion", "Oracle", "debt", "none"), ("$300 billion", "Oracle", "deal", "none"),
        ("$35 billion", "Oracle", "spending", "none"), ("roughly 1.5 times", "Oracle", None, "approx"),
        ("3%", "Oracle", "share_price", "none"), ("1.4 gigawatts", "Vantage Data Centers", "power", "none")]  # not Silver Lake, a backer
    assert entities["Vantage Data Centers"] == ["Vantage Data Centers", "Vantage"]  # named again by its first word


@pytest.mark.parametrize("paragraphs, names", [
    (["Dana Whitfield leads Orbital Compute.", "Whitfield said the market is growing."], {"Dana Whitfield", "Orbital Compute"}),
    (["Google DeepMind and Google both build models."], {"Google DeepMind", "Google"}),  # a first word is no short name
    (["Orbital Compute raised $600 million.", "Orbital said demand is growing."], {"Orbital Compute"}),  # a company's is
    (["Google Veo makes videos.", "Google said so."], {"Google Veo", "Google"}),  # a product's first word is its maker
    (["田中邦裕氏と田中太郎氏が登壇した。", "田中氏は投資を語った。"], {"田中邦裕", "田中太郎", "田中"}),  # two fit: left as written
])
def test_a_name_given_short_again_is_the_one_named_in_full(rules_only, paragraphs, names):
    assert {e.name for e in analyzed(rules_only, *paragraphs).entities if e.kind in ("person", "other")} == names


def _fuller_by_comparing_every_pair(mentions, listed):
    """with_full_names as first written: each unlisted mention compared with every unlisted name."""
    from dataclasses import replace

    from xai_digest.parse.text import JAPANESE_SCRIPT, capitalised

    def shortened(short, kind, full):
        if "・" in full:
            return kind == "person" and full.endswith("・" + short)
        if JAPANESE_SCRIPT.search(full):
            return kind == "person" and full.startswith(short) and len(full) > len(short)
        return capitalised(short) and (full.endswith(" " + short) and full.count(" ") == 1
                                       or full.startswith(short + " ") and full.split(" ")[-1] in ("AI", "Compute", "Labs"))

    full = {m.name: m.kind for m in mentions if m.name not in listed and m.kind in ("person", "organization", "other")}
    result = []
    for m in mentions:
        if m.name in full:
            fuller = [n for n in full if n != m.name and shortened(m.name, m.kind, n)]
            if len(fuller) == 1:
                m = replace(m, name=fuller[0], kind=full[fuller[0]] if m.kind == "other" else m.kind)
        result.append(m)
    return result


_NAME_PARTS = st.sampled_from(["田中", "邦裕", "太郎", "イーロン", "マスク", "・", " ", "Dana", "Whitfield", "AI", "Mistral", "whit",
                               "Compute", "Orbital", "Veo"])


@given(st.lists(st.tuples(st.lists(_NAME_PARTS, min_size=1, max_size=4).map("".join),
                          st.sampled_from(["person", "organization", "other", "place"])), max_size=12),
       st.sets(st.sampled_from(["田中", "Dana Whitfield", "マスク"])))
def test_full_names_are_found_from_an_index_as_by_comparing_every_pair(names, listed):
    """The short-form index (one pass) must name every mention as comparing it with every name did."""
    from xai_digest.analyze.entities import Mention
    from xai_digest.analyze.interviews import with_full_names

    mentions = [Mention(name, kind, name, i * 10, i * 10 + len(name)) for i, (name, kind) in enumerate(names)]
    assert with_full_names(mentions, listed) == _fuller_by_comparing_every_pair(mentions, listed)


_SPANS = st.lists(st.tuples(st.integers(0, 4), st.integers(1, 5)), max_size=8).map(
    lambda gaps: [(sum(g + w for g, w in gaps[:i]) + gap, sum(g + w for g, w in gaps[: i + 1])) for i, (gap, _) in enumerate(gaps)])


@given(_SPANS, st.integers(0, 60), st.integers(1, 8))  # what is looked up is never empty (a position: one character)
def test_the_span_holding_a_stretch_is_found_by_bisection_as_by_a_scan(spans, start, length):
    """Rows, cells and interview answers are looked up by bisection (a long table scanned every row)."""
    from xai_digest.analyze.spans import span_holding

    scanned = next((i for i, (s, e) in enumerate(spans) if s <= start and start + length <= e), None)
    assert span_holding(spans)(start, start + length) == scanned


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6), st.sampled_from(["person", "organization"])), max_size=10),
       st.integers(0, 50), st.integers(0, 12))
def test_mentions_near_a_quote_are_found_by_bisection_as_by_a_scan(spans, start, length):
    """Quotes look up the names near them in a MentionIndex: the same names, in the same order, as a scan."""
    from xai_digest.analyze.entities import Mention, MentionIndex

    mentions = sorted((Mention(f"n{i}", kind, "", s, s + w) for i, (s, w, kind) in enumerate(spans)), key=lambda m: m.start)
    index, end = MentionIndex(mentions), start + length
    assert index.within(start, end) == [m for m in mentions if start <= m.start and m.end <= end]
    people = [m for m in mentions if m.kind == "person" and m.end <= end]
    assert index.last_before(end, ("person",)) == (people[-1] if people else None)


@given(st.text(alphabet="「」あA。", max_size=40))
def test_outermost_quotes_are_found_from_the_brackets_as_by_reading_every_character(text):
    from xai_digest.analyze.quotes import top_level_quotes

    spans, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "「":
            start, depth = (index if depth == 0 else start), depth + 1
        elif char == "」" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    assert top_level_quotes(text) == spans


def test_a_chinese_article_is_not_analysed_and_says_why(analyzer):
    record, _ = fixture_article("chinese_news.txt")
    notes = analyzer.analyze(record)
    assert notes == ["本文が中国語で書かれているようです。数値・企業・人物は日本語と英語の記事からだけ読み取ります。訳文を seeds に置いてください"]
    assert (record.figures, record.entities, record.keywords, record.quotes) == ([], [], [], [])  # not 正在孟 as a name
    assert record.reading_minutes == 1


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["株式会社", "サンプル", "AI", "さくら", "みずほ", "インターネット", "フィナンシャルグループ",
                                 "は", "が", "の", "と", "、", "。", "大手の", "米", "ラムダ", "社", "Orbital Compute", "データ", "こんな",
                                 "国内クラウド", "雲海データ", "(UKD)", " "]), max_size=20))
def test_leaving_out_branches_whose_words_are_absent_changes_no_company_found(parts):
    """The company-introduction search leaves out its 株式会社 and hiragana-name branches when the text
    has neither word: it must find what the whole alternation finds."""
    from xai_digest.analyze import entities

    text = "".join(parts)
    whole = entities._introduced_company_pattern(True, True)
    pruned = entities._introduced_company_pattern("株式会社" in text, any(e in text for e in entities._STRONG_COMPANY_ENDINGS))
    assert [(m.start(), m.end()) for m in pruned.finditer(text)] == [(m.start(), m.end()) for m in whole.finditer(text)]


def test_a_market_report_reads_moves_indexes_and_an_unnamed_analysts_words(analyzer):
    """A Nikkei-style 東証 report: 前日比10%高 is a rise, 2万2000円 the share price, 日経平均株価 an index whose
    move is its own (it was Tokyo Electron's share price, and 日経 of it the outlet Nikkei cited as a source),
    and 「…」（国内証券のストラテジスト）との声 a quote of the one in brackets."""
    record, reports = fixture_article("stock_market_news.txt", analyzer)
    assert reports == [] and record.sources == []
    moves = [(f.text, f.subject, f.measure, f.change) for f in record.figures if f.unit in ("percent", "JPY")]
    assert moves == [
        ("10%", "SoftBank", "share_price", "increase"), ("2万2000円", "SoftBank", "share_price", None),
        ("5%", "Advantest", None, "increase"), ("3%", "Tokyo Electron", None, "increase"),
        ("600円", "Nikkei 225", "share_price", "increase"), ("4万4500円台", "Nikkei 225", "share_price", None)]
    assert {e.name: e.kind for e in record.entities}["Nikkei 225"] == "index"
    assert [(q.text, q.speaker) for q in record.quotes] == [("AI関連への資金流入は当面続く", "国内証券のストラテジスト")]


@pytest.mark.parametrize("paragraph, speaker", [
    ("「AI関連の需要は続く」（外資系証券のアナリスト）との見方が出た。", "外資系証券のアナリスト"),
    ("「AI関連の需要は続く」（イーロン・マスク氏）との声。", "Elon Musk"),  # a person named in the brackets
    ("「AI関連の需要は続く」（2025年）という。", None),  # a date, not a speaker
])
def test_a_speaker_in_brackets_after_the_words(analyzer, paragraph, speaker):
    assert [q.speaker for q in analyzed(analyzer, paragraph).quotes] == ([speaker] if speaker else [])


def test_a_release_lists_amounts_under_a_heading_that_says_what_they_are(analyzer):
    """2. 認定事業者と助成額 / ・さくらインターネット株式会社　最大501億円: each amount is the company's subsidy
    (the items had no measure, so another article's report of the same grant could not confirm them)."""
    record, _ = fixture_article("ministry_release.txt", analyzer)
    listed = [(f.text, f.subject, f.measure) for f in record.figures if f.text != "3件"]
    assert listed == [("最大725億円", "経済産業省", "subsidy"), ("最大501億円", "Sakura Internet", "subsidy"),
                      ("最大102億円", "KDDI", "subsidy"), ("最大77億円", "ハイレゾ", "subsidy")]


def test_a_power_deal_names_the_plant_the_supplier_and_the_forecaster(analyzer, rules_only):
    """クリントン原子力発電所 was the person Clinton; 電力大手コンステレーション・エナジー, named again as
    コンステレーション, was no entity without the gazetteer (its 30メガワット Meta's); 米電力研究所（EPRI）は
    sets the topic of its forecast, a share of power consumption (電力消費, not spending's 消費)."""
    for reader in (analyzer, rules_only):
        record, _ = fixture_article("power_deal_news.txt", reader)
        kinds = {e.name: e.kind for e in record.entities}
        assert kinds["クリントン原子力発電所"] == "facility" and "クリントン" not in kinds
        supplier = "Constellation Energy" if reader is analyzer else "コンステレーション・エナジー"
        assert [(f.text, f.subject, f.change) for f in record.figures if f.text == "30メガワット"] == [("30メガワット", supplier, "increase")]
        assert [(f.subject, f.measure) for f in record.figures if f.text == "最大9%"] == [("EPRI", "power")]


def test_a_machine_translation_keeps_the_kind_of_money_and_its_counts(analyzer):
    """負債で120億ドルまでを調達: up to, and debt (調達 beside 負債 is how, not what); 20万のGPU: 20万基."""
    record, _ = fixture_article("machine_translation.txt", analyzer)
    assert [(f.text, f.measure, f.qualifier) for f in record.figures if f.unit == "USD"] == [("120億ドルまで", "debt", "max")]
    assert [(f.value, f.unit) for f in record.figures if f.measure == "gpus"] == [(1_000_000, "基"), (200_000, "基")]
    assert "ロン" not in record.keywords  # of イーロン・マスク, split by MeCab


@pytest.mark.parametrize("paragraph, measure", [
    ("xAIは負債で50億ドルを調達した。", "debt"),
    ("xAIは負債と株式で計100億ドルを調達した。", "funding"),  # both kinds: funding
    ("xAIは50億ドルを調達した。", "funding"),
])
def test_funding_raised_as_one_kind_is_that_kind(analyzer, paragraph, measure):
    assert [f.measure for f in analyzed(analyzer, paragraph).figures] == [measure]


def test_a_dated_history_list_dates_each_items_figures_and_events(analyzer):
    """■これまでの経緯 / ・2025年3月　X（旧Twitter）と統合。統合後の評価額は1130億ドル: the item's second
    sentence is of its date too, and one event with the first; an item naming no one is the company's
    whose figures it states (・2024年5月　シリーズBで60億ドルを調達 is xAI's)."""
    record, _ = fixture_article("history_list_news.txt", analyzer)
    assert [(f.text, f.date) for f in record.figures if f.text == "1130億ドル"] == [("1130億ドル", "2025-03")]
    events = {e["date"]: e for e in record.events}
    assert events["2025-03"]["text"] == "X(旧Twitter)と統合。統合後の評価額は1130億ドル"  # the timeline shows the date beside it
    assert events["2025-03"]["entities"] == ["X", "xAI"] and events["2024-05"]["entities"] == ["xAI"]
    assert len([e for e in record.events if e["date"] == "2025-03"]) == 1


def test_an_english_results_story_gives_its_figures_to_the_company(analyzer):
    """Data center revenue rose 66% …, Net income was …: Data and Net were companies, and had the figures."""
    record, reports = fixture_article("english_earnings.txt", analyzer)
    assert reports == [] and {e.name for e in record.entities} == {"Nvidia", "Jensen Huang"}
    assert {f.subject for f in record.figures} == {"Nvidia"}
    assert [(f.text, f.measure, f.change) for f in record.figures][3:6] == [
        ("66%", "revenue", "increase"), ("$51.2 billion", "revenue", None), ("$31.9 billion", "profit", None)]


def test_an_acquisition_is_the_buyers_and_names_what_it_buys(analyzer, rules_only):
    """米半導体設計のアンペア・コンピューティングを65億ドルで買収: the company bought was no entity (and, without the
    gazetteer, the amount was its); 米投資会社カーライル・グループ was a person."""
    for reader, buyer in ((analyzer, "SoftBank"), (rules_only, "SBG")):
        record, _ = fixture_article("acquisition_news.txt", reader)
        entities = {e.name: (e.kind, e.mentions) for e in record.entities}
        assert entities["アンペア・コンピューティング"] == ("organization", ["アンペア・コンピューティング", "アンペア"])
        assert entities["カーライル・グループ"][0] == "organization"
        assert [(f.subject, f.measure) for f in record.figures if f.unit == "USD"] == [(buyer, "deal")]


def test_a_qa_page_reads_its_answers(analyzer):
    """Q. …？ / A. …: the lead is the first answer, not the question; OpenAIの評価額は5000億ドル、Anthropicは
    1830億ドル: the second clause's figure is a valuation too."""
    record, _ = fixture_article("qa_explainer.txt", analyzer)
    assert record.lead.startswith("関係者によると、xAIは総額150億ドル")
    assert [(f.subject, f.measure) for f in record.figures if f.value in (500_000_000_000, 183_000_000_000)] == [
        ("OpenAI", "valuation"), ("Anthropic", "valuation")]


@pytest.mark.parametrize("paragraph, measures", [
    ("OpenAIの評価額は5000億ドル、Anthropicは1830億ドルとされる。", ["valuation", "valuation"]),
    ("xAIの評価額は2000億ドル、GPUは20万基に達した。", ["valuation", "gpus"]),  # not of one unit
    ("xAIの評価額は2000億ドルで、同社は100億ドルを借りた。", ["valuation", None]),  # a clause of its own, with a verb
])
def test_a_parallel_clause_measures_what_the_one_before_it_does(analyzer, paragraph, measures):
    assert [f.measure for f in analyzed(analyzer, paragraph).figures] == measures


def test_a_pdf_copy_reads_its_wrapped_sentences_whole(analyzer):
    """A ministry's PDF copied line by line: a sentence broken at the line's width was cut into headings
    and lost its figures (最大8025億円, 10兆円以上); the page number - 3 - was a bullet."""
    record, reports = fixture_article("pdf_copy.txt", analyzer)
    assert [s.heading for s in record.sections] == ["1．背景", "2．主な支援内容", "（1）ラピダスへの支援", "（2）計算資源の整備"]
    assert record.site == "経済産業省 商務情報政策局" and "- 3 -" in record.chrome_removed and reports == []
    assert [(f.text, f.subject, f.measure, f.date) for f in record.figures][:2] == [
        ("10兆円以上", None, "subsidy", "2030"), ("最大8025億円", "Rapidus", "subsidy", "2025")]


def test_a_comparison_of_companies_gives_each_its_figure_and_the_total_to_none(analyzer):
    """Microsoftが約800億ドル、Alphabetが750億ドル…。4社の合計は3000億ドルを超え: the total was Microsoft's."""
    record, _ = fixture_article("capex_comparison_post.md", analyzer)
    spending = [(f.subject, f.measure) for f in record.figures if f.unit == "USD"]
    assert spending == [("Microsoft", "spending"), ("Google", "spending"), ("Amazon", "spending"), ("Meta", "spending"), (None, None)]


def test_a_story_citing_three_outlets_names_each_and_what_is_contributed(analyzer):
    """2025年3月27日 8:30　AIウォッチ編集部: AI of the byline was read as the clock's time zone (site ウォッチ);
    SBGが最初に100億ドルを拠出する: contributed, an investment."""
    record, reports = fixture_article("multi_source_news.txt", analyzer)
    assert (record.site, record.author) == ("AIウォッチ", "AIウォッチ編集部") and reports == []
    assert [s.name for s in record.sources] == ["Bloomberg", "The Wall Street Journal", "CNBC"]
    assert [(f.text, f.subject, f.measure) for f in record.figures if f.value == 10_000_000_000] == [("100億ドル", "SoftBank", "investment")]


def test_a_post_copied_from_x_is_dated_and_loses_its_counts(analyzer):
    """11:42 PM · Aug 22, 2025 under the post's words was a heading and the page undated; the view and like
    counts were body text; 50 million H100 GPUs was read as 100 GPUs (the 100 of H100)."""
    record, reports = fixture_article("x_post_copy.txt", analyzer)
    assert record.date == "2025-08-22" and [s.heading for s in record.sections] == [None]
    assert "4,820 Reposts  312 Quotes  39K Likes" in record.chrome_removed and "1.2M Views" in record.chrome_removed
    assert [(f.text, f.value, f.unit) for f in record.figures][:1] == [("50 million H100 GPUs", 50_000_000, "基")]


def test_an_english_release_quotes_only_quotes_and_names_no_titles(analyzer, rules_only):
    """SoftBank Corp. ("SoftBank") and OpenAI … "Crystal intelligence": the words between two quoted terms
    were a quote; TOKYO of the dateline, and President of "President & CEO", were names."""
    for reader in (analyzer, rules_only):
        record, _ = fixture_article("english_release_tokyo.txt", reader)
        assert [(q.text, q.speaker) for q in record.quotes] == [("This partnership marks a new chapter for AI in Japan", "Junichi Miyakawa")]
        assert not {"TOKYO", "President", "CEO", "Japan"} & {e.name for e in record.entities}


def test_a_closing_price_is_a_share_price_not_a_deal(analyzer):
    r = analyzed(analyzer, "同社の株価は同日、前日比3%高の207ドルで取引を終えた。")
    assert [f.measure for f in r.figures] == ["share_price", "share_price"]  # 取引を終えた: the day's trading


def test_a_year_named_from_the_articles_dates_figures_and_events(analyzer):
    """今年10月, 来年3月末, 昨年, 今年度, 今年上半期: news names the year from its own; 翌年 (the year after the
    sentence's) and 前年比 are no such date."""
    r = analyzed(analyzer, "xAIは今年10月に200億ドルを調達した。", "同社は来年3月末までに100億ドルを投じる。",
                 "昨年の売上高は5億ドルだった。", "今年度の設備投資は300億円の見込み。", "同社は今年上半期に50億ドルを投じた。",
                 "2020年に設立し、翌年には10億ドルを調達した。", "売上高は前年比で2倍になった。", published="2026-02-20")
    assert [(f.text, f.date) for f in r.figures] == [
        ("200億ドル", "2026-10"), ("100億ドル", "2027-03"), ("5億ドル", "2025"), ("300億円", "2025"),  # FY from April 2025
        ("50億ドル", "2026-H1"), ("10億ドル", "2020"), ("2倍", None)]
    assert r.events[0]["date"] == "2026-10"


@pytest.mark.parametrize("paragraph, expected", [
    ("米ハイパーボリックのジン・チェンCEOによると、GPUの価格は下がっている。", {"ハイパーボリック": "organization", "ジン・チェン": "person"}),
    ("サフラ・キャッツCEOは「大型契約を結ぶ見通しだ」と述べた。", {"サフラ・キャッツ": "person"}),  # unidic knows neither word
    ("カーライル・グループ代表は語った。", {"カーライル・グループ": "organization"}),  # a company before 代表
    ("TSMCは熊本県菊陽町に第2工場を建設する。", {"TSMC": "other", "熊本県菊陽町": "place"}),  # not 菊陽町 a second time
])
def test_names_before_a_title_and_places_with_their_divisions(rules_only, paragraph, expected):
    assert {e.name: e.kind for e in analyzed(rules_only, paragraph).entities} == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ジン", "チェン", "ア", "ー", "・", "CEO", "氏", "社長", "は", "A", " ", "。", "代表"]), max_size=30))
def test_titled_katakana_names_are_found_where_the_plain_search_finds_them(parts):
    """The search that starts only at a ・ finds what searching every katakana run for the name finds."""
    import re

    from xai_digest.analyze.entities import _KATAKANA_PERSON, titled_katakana_names

    text = "".join(parts)
    plain = re.compile(r"(?<![ァ-ヴー・])" + _KATAKANA_PERSON.pattern)
    assert [m.span() for m in titled_katakana_names(text)] == [m.span() for m in plain.finditer(text)]


def test_a_tables_numbers_are_in_the_unit_its_note_gives(analyzer):
    """（単位：億円） over a table of bare numbers: the table had no figures at all (and the note was its
    section's heading); each cell is an amount, dated by its column (2025年度) and measured by the words
    that introduce the table (投資計画をまとめた)."""
    record, reports = fixture_article("unit_note_table.md", analyzer)
    assert [s.heading for s in record.sections] == [None] and reports == []
    assert [(f.text, f.value, f.subject, f.measure, f.date) for f in record.figures][:3] == [
        ("300", 30_000_000_000, "Sakura Internet", "investment", "2025"),
        ("500", 50_000_000_000, "Sakura Internet", "investment", "2026"),
        ("1,000", 100_000_000_000, "KDDI", "investment", "2025")]


def test_a_columns_heading_gives_its_numbers_unit_and_a_loss_is_negative(analyzer):
    """売上高｜2025年4〜9月期（億円）：150, 純利益｜…：▲5 — in a results table of the company whose news the lead
    opens with (サクラ計算機は10日、…: no entity, so the table's figures were no one's)."""
    record, _ = fixture_article("results_table_post.md", analyzer)
    assert [(f.text, f.value, f.subject, f.measure, f.date) for f in record.figures] == [
        ("120", 12_000_000_000, "サクラ計算機", "revenue", "2024-04/2024-09"),
        ("150", 15_000_000_000, "サクラ計算機", "revenue", "2025-04/2025-09"),
        ("10", 1_000_000_000, "サクラ計算機", "profit", "2024-04/2024-09"),
        ("▲5", -500_000_000, "サクラ計算機", "profit", "2025-04/2025-09")]


@pytest.mark.parametrize("paragraph, names", [
    ("サクラ計算機は10日、決算を発表した。", {"サクラ計算機": "organization"}),
    ("米Metaは3日、契約を結んだと発表した。", {"Meta": "organization"}),  # without the country's initial
    ("政府は10日、方針を決めた。", {}), ("同社は10日、発表した。", {}), ("株価は10日、上昇した。", {}),  # no names
])
def test_whoever_opens_a_news_lead_with_the_day_of_its_news_is_a_company(rules_only, paragraph, names):
    assert {e.name: e.kind for e in analyzed(rules_only, paragraph).entities} == names


@pytest.mark.parametrize("word, unit", [("億円", ("JPY", 100_000_000)), ("百万ドル", ("USD", 1_000_000)), ("%", ("percent", 1)),
                                        ("MW", ("W", 1_000_000)), ("人", ("人", 1)), ("年度", None), ("億円超", None)])
def test_a_unit_written_alone_is_read_as_a_figures_unit(word, unit):
    from xai_digest.analyze.figures import unit_of

    assert unit_of(word) == unit


def test_a_government_is_a_public_body_and_an_expense_is_spending(analyzer):
    """中国政府は…3440億元規模の基金を設けた was Huawei's (the last company named); 費用を計上 had no measure."""
    record, _ = fixture_article("export_controls_news.txt", analyzer)
    assert {e.name: e.kind for e in record.entities}["中国政府"] == "agency"
    assert [(f.subject, f.measure) for f in record.figures] == [("Nvidia", "spending"), ("中国政府", "investment")]


def test_an_english_figures_measure_may_be_named_further_after_it(analyzer):
    """$13 billion in annualized revenue: English puts more words between an amount and what it is."""
    r = analyzed(analyzer, "OpenAI reached $13 billion in annualized revenue.")
    assert [(f.subject, f.measure) for f in r.figures] == [("OpenAI", "revenue")]
