"""The built site, parsed page by page: language, titles, validity, links, and seed 000's digest."""

import html
import json
import re
import shutil
from pathlib import Path

import html5lib
import pytest

from conftest import CONTENT, SEEDS
from xai_digest.commands.common import shown_date
from xai_digest.linkcheck import check_links
from xai_digest.model import Record
from xai_digest.render import make_environment
from xai_digest.search import shard_of
from xai_digest.site import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    result = build_site(SEEDS, CONTENT, None, out)
    return out, result


def built_article(tmp_path: Path, name: str, text: str) -> tuple[str, Path]:
    """The article page a one-seed site (no gazetteer, no search index) makes of ``text``, and the site."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / f"{name}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build_site(seeds, tmp_path / "content", None, out, search=False)
    return (out / "articles" / name / "index.html").read_text("utf-8"), out


def html_pages(out: Path):
    return [p for p in sorted(out.rglob("*.html")) if "search" not in p.parts]


def test_build_reports_nothing_but_the_two_known_seed_warnings(site):
    _, result = site
    messages = sorted(r.message for r in result.reports)
    assert messages == [
        "本文が文の途中で終わっています。記事が途中で切れているようです",
        "見出しの行がありません。リードから見出しを作りました",
    ]


def test_expected_pages_exist(site):
    out, _ = site
    for path in ["index.html", "404.html", "facts/index.html", "timeline/index.html", "entities/index.html",
                 "tags/index.html", "feed.xml", "sitemap.xml", "robots.txt", "data/articles.json", "data/facts.json",
                 "data/entities.json", "data/timeline.json", "entities/xai/index.html", "entities/colossus/index.html",
                 "search/meta.json", "search/docs/0.json", "static/style.css", "about/index.html"]:
        assert (out / path).is_file(), path
    assert len(list((out / "tags").iterdir())) == 1 + 7  # index + the 7 tags of seed 004
    assert len(list((out / "articles").iterdir())) == 5


def test_every_page_is_japanese_titled_valid_html(site):
    out, _ = site
    pages = html_pages(out)
    assert len(pages) > 20
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in pages:
        text = page.read_text("utf-8")
        assert text.startswith("<!doctype html>\n<html lang=\"ja\">"), page
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and title.group(1).strip(), page
        parser.parse(text)  # raises on any parse error


def test_no_broken_internal_link_and_no_external_load(site):
    out, _ = site
    assert check_links(out) == []
    for page in html_pages(out):
        text = page.read_text("utf-8")
        assert not re.search(r"<(script|img|iframe)[^>]+src=\"(https?:)?//", text), page
        assert not re.search(r"<link[^>]+href=\"(https?:)?//", text), page


def test_seed_000_digest_page(site):
    out, _ = site
    text = (out / "articles/000_6ad7681111780b01/index.html").read_text("utf-8")
    assert text.count('<div class="box">') == 7
    assert '<h2 id="h-impact">影響分析</h2>' in text
    assert '<h2 id="h-comment">編集コメント</h2>' in text
    details = re.search(r"<details class=\"original\"[^>]*>(.*?)</details>", text, re.S).group(1)
    assert "<summary>原文を表示</summary>" in details and 'lang="en"' in details
    assert "Anthropic and xAI announced a big partnership this week" in details
    assert '<h2 id="h-related">関連記事</h2>' in text and "共通：" in text  # Japanese punctuation: full-width colon


def test_figures_link_to_highlighted_sentences_and_show_cross_checks(site):
    out, _ = site
    text = (out / "articles/001_753a2d71b8b70341/index.html").read_text("utf-8")
    anchors = set(re.findall(r'<a href="#(fig-\d+)">', text))
    assert anchors
    for anchor in anchors:
        assert f'<mark id="{anchor}">' in text
    assert "他1件の記事と一致" in text
    # each other report names its article and, when it has one, the article's date
    assert ('<br><a href="../../articles/004_966dccc71f240b11/">ALLFORCES</a>'
            '<span class="reported">（2025年10月8日付）</span>：最大125億ドル') in text
    colossus = (out / "articles/004_966dccc71f240b11/index.html").read_text("utf-8")
    assert "記事間で数値が異なる" in colossus


def test_each_report_on_the_facts_page_says_when_its_article_is_dated(site):
    out, _ = site
    facts = (out / "facts/index.html").read_text("utf-8")
    reports = re.findall(r"<li><a [^>]*>([^<]+)</a>(<span class=\"reported\">[^<]*</span>)?：「", facts)
    assert reports
    dated = {label: when for label, when in reports}
    assert dated["ALLFORCES"] == '<span class="reported">（2025年10月8日付）</span>'  # seed 004's front matter
    assert "HyperAI" in dated and dated["HyperAI"] == ""  # 23日前: no date to give
    title = "イーロン・マスクの大胆な計画:SpaceXによるxAIへの20億ドルの投資はリスクを伴う"  # seed 003 names no site
    assert title[:23] + "…" in dated and title not in dated  # a title cut short says so


def test_names_are_written_as_japanese_news_writes_them_and_urls_and_data_keep_the_canonical_name(site):
    out, _ = site
    page = (out / "entities/elon-musk/index.html").read_text("utf-8")  # the URL from the canonical name
    assert '<h1>イーロン・マスク <span class="original-name" lang="en">Elon Musk</span></h1>' in page
    assert "<title>イーロン・マスク |" in page
    article = (out / "articles/000_6ad7681111780b01/index.html").read_text("utf-8")
    assert '<a href="../../entities/elon-musk/">イーロン・マスク</a>' in article and ">Elon Musk</a>" not in article
    reasons = re.findall(r'<span class="reason">([^<]*(?:<[^>]*>[^<]*)*?)</span>', article)
    assert any("イーロン・マスク" in r for r in reasons) and not any("Elon Musk" in r or ", " in r for r in reasons)
    assert '<a href="../../entities/xai/">xAI</a>' in article  # a company keeps its Latin name
    data = json.loads((out / "data/entities.json").read_text("utf-8"))
    assert "Elon Musk" in {e["name"] for e in data} and "イーロン・マスク" not in {e["name"] for e in data}
    shown = {e["name"]: e.get("ja") for e in data}
    assert shown["Elon Musk"] == "イーロン・マスク" and shown["xAI"] is None  # ja only where the site writes it otherwise
    docs = [doc for chunk in sorted((out / "search/docs").glob("*.json")) for doc in json.loads(chunk.read_text("utf-8"))]
    (musk,) = [doc for doc in docs if doc[0] == "entities/elon-musk/"]
    assert musk[1] == "イーロン・マスク" and "Elon Musk" in musk[3]  # found under either name


def test_automatic_analysis_is_labelled_and_quotes_only_the_article(site):
    out, _ = site
    text = (out / "articles/002_2e7849efe231b912/index.html").read_text("utf-8")
    assert "自動生成" in text
    body = (SEEDS / "002_2e7849efe231b912.txt").read_text("utf-8")
    quoted = re.findall(r"<blockquote><p>(.*?)</p></blockquote>", text.split('id="h-auto"')[1].split("</section>")[0])
    assert quoted
    for sentence in quoted:
        assert sentence.replace("&#34;", '"').replace("&#39;", "'") in body


def test_a_figure_of_no_known_measure_is_named_by_its_subject_alone(site):
    """Not "SpaceXの—：20億ドル" (the dash stands for a missing measure in table cells only)."""
    out, _ = site
    assert not [p for p in html_pages(out) if "の—" in p.read_text("utf-8")]
    text = (out / "articles/003_ae105c68d01c28cd/index.html").read_text("utf-8")
    assert '<li>SpaceX：<a href="#fig-1">20億ドル</a></li>' in text
    assert '<li>SpaceXの株式調達：<a href=' in text


def test_dates_on_pages_are_written_the_japanese_way(site):
    """The timeline, entity pages and figure tables show 2024年第4四半期 / 2023年7月, never 2024-Q4 / 2023-07."""
    out, _ = site
    iso = re.compile(r">\s*\d{4}-(?:\d{2}|Q[1-4]|H[12])\b")
    timeline = (out / "timeline" / "index.html").read_text("utf-8")
    assert "2024年第4四半期" in timeline and "2023年7月" in timeline
    for page in [out / "timeline" / "index.html", *out.glob("entities/*/index.html"), *out.glob("articles/*/index.html")]:
        assert not iso.search(page.read_text("utf-8")), page


def test_index_is_newest_first_with_undated_last(site):
    out, _ = site
    text = (out / "index.html").read_text("utf-8")
    order = re.findall(r'href="\./articles/([^/]+)/"', text)
    assert order[0] == "004_966dccc71f240b11"  # the only dated seed
    assert order[1:] == sorted(order[1:])


def test_tag_pages_show_each_article_with_its_lead_as_the_index_does(site):
    out, _ = site
    records = {r["slug"]: r for r in json.loads((out / "data" / "articles.json").read_text("utf-8"))}
    cards = 0
    for page in (out / "tags").glob("*/index.html"):
        for slug, card in re.findall(r'<li class="card"><h2><a href="\.\./\.\./articles/([^/]+)/">(.*?)</li>', page.read_text("utf-8"), re.S):
            lead = records[slug]["lead"]
            excerpt = re.search(r'<p class="lead-excerpt">(.*?)</p>', card, re.S)
            assert excerpt and html.unescape(excerpt.group(1))[:40] == lead[:40], (page, slug)
            cards += 1
    assert cards == 7  # seed 004 under each of its 7 tags


def test_feed_and_sitemap_are_wellformed_xml(site):
    import xml.dom.minidom

    out, _ = site
    feed = xml.dom.minidom.parse(str(out / "feed.xml"))
    assert feed.documentElement.getAttribute("xml:lang") == "ja"
    assert len(feed.getElementsByTagName("entry")) == 1
    sitemap = xml.dom.minidom.parse(str(out / "sitemap.xml"))
    assert len(sitemap.getElementsByTagName("url")) > 10


def test_seed_markup_is_shown_as_text(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "evil.txt").write_text(
        "<script>alert('t')</script> 危険な見出し\n本文に <img src=x onerror=alert(1)> と書かれた。<x-widget onclick=alert(2)>も。"
        "xAIは200億ドルを調達した。\n<b onmouseover=alert(3)>資金の内訳</b>\n次の段落です。\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    build_site(seeds, tmp_path / "content", None, out, search=False)
    for page in html_pages(out):
        text = page.read_text("utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and "<x-widget" not in text, page
        assert "alert(" not in text.replace("&lt;x-widget onclick=alert(2)&gt;", ""), page  # read as HTML: gone
    article = (out / "articles/evil/index.html").read_text("utf-8")
    assert "<h1>危険な<wbr>見出し</h1>" in article and "<h3>資金の<wbr>内訳</h3>" in article  # a <b> heading loses its tag
    assert "&lt;x-widget onclick=alert(2)&gt;" in article  # markup the reader does not know: shown as text


def test_slug_from_overlay_cannot_escape_the_site(tmp_path):
    seeds, articles = tmp_path / "seeds", tmp_path / "content" / "articles"
    seeds.mkdir()
    articles.mkdir(parents=True)
    (seeds / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (articles / "a.yaml").write_text("slug: ../../../etc/evil\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(seeds, tmp_path / "content", None, out, search=False)
    assert (out / "articles" / "etc-evil" / "index.html").is_file()
    assert not (tmp_path / "etc").exists()


def test_headings_never_skip_a_level_and_landmarks_exist(site):
    out, _ = site
    for page in html_pages(out):
        text = page.read_text("utf-8")
        levels = [int(n) for n in re.findall(r"<h([1-6])[ >]", text)]
        assert levels and levels[0] == 1 and levels.count(1) == 1, page
        for previous, current in zip(levels, levels[1:]):
            assert current <= previous + 1, (page, levels)
        for landmark in ("<header", "<nav", "<main", "<footer"):
            assert landmark in text, (page, landmark)


def test_colliding_slugs_are_resolved_deterministically(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in ("a b.txt", "a-b.txt", "A_B.md"):
        (seeds / name).write_text(f"{name} の見出し\n本文です。\n", encoding="utf-8")
    out = tmp_path / "site"
    build_site(seeds, tmp_path / "content", None, out, search=False)
    assert sorted(p.name for p in (out / "articles").iterdir()) == ["a-b", "a-b-2", "a_b"]
    import json

    slugs = {a["source_file"]: a["slug"] for a in json.loads((out / "data/articles.json").read_text("utf-8"))}
    assert slugs == {"A_B.md": "a_b", "a b.txt": "a-b", "a-b.txt": "a-b-2"}


def test_content_pages_render_markdown_safely(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "articles").mkdir()
    (content / "pages" / "about.md").write_text(
        "---\ntitle: このサイトについて\n---\n\n## 見出し\n\n**太字**と<script>alert(1)</script>と[リンク](javascript:alert(1))。\n",
        encoding="utf-8")
    (content / "pages" / "facts.md").write_text("予約された名前\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    (content / "articles" / "a.md").write_text("---\ntitle: 上書き\n---\n編集部の**コメント**です。\n", encoding="utf-8")
    result = build_site(seeds, content, None, tmp_path / "site", search=False)
    page = (tmp_path / "site" / "about" / "index.html").read_text("utf-8")
    assert "<h2>見出し</h2>" in page and "<strong>太字</strong>" in page
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert 'href="javascript:' not in page
    assert any("スラッグ 'facts' はサイトが使っています" in r.message for r in result.reports)
    article = (tmp_path / "site" / "articles" / "a" / "index.html").read_text("utf-8")
    assert "<p>編集部の<strong>コメント</strong>です。</p>" in article
    assert '<a href="../../about/">このサイトについて</a>' in article


def test_search_index_is_rebuilt_once_the_pages_it_indexed_change(project):
    """serve keeps the old index while editing (search="reuse") and refreshes it later (search=True)."""
    out = project / "site"

    def index_state():
        marker = (out / "search" / "meta.json").read_text("utf-8")
        inodes = {p.name: p.stat().st_ino for p in (out / "search").rglob("*") if p.is_file()}
        return marker, inodes

    def build(search):
        return build_site(project / "seeds", project / "content", None, out, search=search)

    assert build(True).search
    first = index_state()
    assert build(True) and index_state() == first  # nothing changed: the index is kept, not rebuilt
    seed = project / "seeds" / "002_2e7849efe231b912.txt"
    seed.write_text(seed.read_text("utf-8") + "\n編集部注：検索語ペンギン号を追記した。\n", encoding="utf-8")
    build("reuse")
    assert index_state() == first  # while editing, the old index stays
    build(True)
    refreshed = index_state()
    assert refreshed[0] != first[0] and refreshed[1] != first[1]
    shard = json.loads((out / "search" / "grams" / f"{shard_of('ギン')}.json").read_text("utf-8"))
    assert "ギン" in shard  # the new word is findable


def test_facts_are_paginated_with_working_links(project, monkeypatch):
    import xai_digest.render as render

    monkeypatch.setattr(render, "FACTS_PAGE_SIZE", 2)
    out = project / "site"
    result = build_site(project / "seeds", project / "content", None, out, search=False)
    facts = json.loads((out / "data" / "facts.json").read_text("utf-8"))
    pages = -(-len(facts) // 2)
    assert pages >= 2
    assert (out / "facts" / "page" / str(pages) / "index.html").is_file()
    assert not (out / "facts" / "page" / str(pages + 1)).exists()
    last = (out / "facts" / "page" / str(pages) / "index.html").read_text("utf-8")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert "記事間で数値が異なるもの" in last  # differing facts come after the corroborated ones
    assert f"facts/page/{pages}/" in (out / "sitemap.xml").read_text("utf-8")
    assert not [r for r in result.reports if "broken" in r.message]


def test_a_build_in_forked_workers_equals_one_in_a_single_process(project, tmp_path, monkeypatch):
    """Article pages and the link check in workers, the search index and the data files beside them:
    the same bytes (and the data files, written by another process, are not dropped as unwritten)."""
    import os

    import xai_digest.linkcheck as linkcheck
    import xai_digest.render as render

    monkeypatch.setattr(render, "PAGES_PER_WORKER_AT_LEAST", 1)  # the seeds are too few to fork for otherwise
    monkeypatch.setattr(linkcheck, "PAGES_PER_WORKER_AT_LEAST", 1)
    monkeypatch.setattr(render, "DATA_FILES_FORKED_FROM", 1)
    write_data = render.SiteRenderer.write_data
    writers = tmp_path / "data-writers"

    def write_data_and_say_who(renderer, writer):
        with open(writers, "a") as file:
            file.write(f"{os.getpid()}\n")
        write_data(renderer, writer)

    monkeypatch.setattr(render.SiteRenderer, "write_data", write_data_and_say_who)
    forked = build_site(project / "seeds", project / "content", None, tmp_path / "forked", search=True, jobs=2)
    (child,) = map(int, writers.read_text().split())  # written once, by another process
    assert child != os.getpid()
    inline = build_site(project / "seeds", project / "content", None, tmp_path / "inline", search=True, jobs=1)
    assert writers.read_text().split()[1:] == [str(os.getpid())]
    assert forked.search and inline.search and forked.reports == inline.reports
    assert sorted(forked.rendered) == sorted(inline.rendered) and len(forked.rendered) > 10
    files = sorted(p.relative_to(tmp_path / "forked") for p in (tmp_path / "forked").rglob("*") if p.is_file())
    assert len([f for f in files if f.parts[0] == "search"]) > 100
    assert files == sorted(p.relative_to(tmp_path / "inline") for p in (tmp_path / "inline").rglob("*") if p.is_file())
    for relative in files:
        assert (tmp_path / "forked" / relative).read_bytes() == (tmp_path / "inline" / relative).read_bytes(), relative


def test_data_files_failing_in_their_forked_process_fail_the_build_and_keep_the_old_site(project, monkeypatch):
    import xai_digest.render as render
    from xai_digest.forking import ForkedError

    out = project / "site"
    build_site(project / "seeds", project / "content", None, out, search=False)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    monkeypatch.setattr(render, "DATA_FILES_FORKED_FROM", 1)

    def fail(renderer, writer):
        raise OSError("disk full")

    monkeypatch.setattr(render.SiteRenderer, "write_data", fail)
    (project / "seeds" / "000_6ad7681111780b01.txt").write_text("# 新しい見出し\n\n本文です。\n", encoding="utf-8")
    with pytest.raises(ForkedError, match="OSError: disk full"):
        build_site(project / "seeds", project / "content", None, out, search=False, jobs=2)
    assert {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site.new")) == []


def test_a_build_keeps_the_collector_off_its_model_and_gives_it_back(project, monkeypatch):
    """The records and links are frozen while pages render (gc.freeze) and collectable after the build."""
    import gc

    import xai_digest.site as site

    seen = {}
    render_site = site.render_site

    def render_and_look(records, *args):
        seen["frozen"], seen["collecting"] = gc.get_freeze_count(), gc.isenabled()
        seen["records"] = sum(1 for o in gc.get_objects() if type(o).__name__ == "Record")
        return render_site(records, *args)

    monkeypatch.setattr(site, "render_site", render_and_look)
    build_site(project / "seeds", project / "content", None, project / "site", search=False)
    assert seen["collecting"] and seen["frozen"] > 1000
    assert seen["records"] == 0  # gc.get_objects() leaves out the frozen: the records are among them
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_failed_search_index_is_reported_and_the_site_still_published(project, monkeypatch):
    import xai_digest.search as search

    def fail(source, folder):
        raise OSError("disk full")

    monkeypatch.setattr(search, "write_index", fail)
    out = project / "site"
    result = build_site(project / "seeds", project / "content", None, out, search=True)
    assert [r.message for r in result.reports if r.level == "error"] == ["検索索引を作れませんでした: OSError: disk full"]
    assert (out / "index.html").is_file() and (out / "articles").is_dir()
    inline = build_site(project / "seeds", project / "content", None, project / "inline", search=True, jobs=1)
    assert [r.message for r in inline.reports if r.level == "error"] == ["検索索引を作れませんでした: OSError: disk full"]


def test_a_big_archive_streams_the_same_data_compact(project, tmp_path, monkeypatch):
    """Above COMPACT_JSON_ABOVE articles the data files are streamed an entry at a time, compact:
    the same entries as the indented files of a small site, and the bytes json.dumps would give."""
    import xai_digest.render as render

    small = build_site(project / "seeds", project / "content", None, tmp_path / "small", search=False)
    monkeypatch.setattr(render, "COMPACT_JSON_ABOVE", 1)
    big = build_site(project / "seeds", project / "content", None, tmp_path / "big", search=False)
    assert small.reports == big.reports
    for name in ("articles", "facts", "entities", "timeline", "clusters"):
        indented = (tmp_path / "small" / "data" / f"{name}.json").read_text("utf-8")
        compact = (tmp_path / "big" / "data" / f"{name}.json").read_text("utf-8")
        assert compact != indented
        data = json.loads(indented)
        assert data, name
        assert compact == json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", name


def test_compiled_templates_are_kept_in_the_cache_and_an_edited_one_is_compiled_again(tmp_path):
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "404.html").write_text("one {{ 1 + 1 }}", encoding="utf-8")
    stale = cache / "templates" / "an-older-version"
    stale.mkdir(parents=True)
    assert make_environment(templates, cache).get_template("404.html").render() == "one 2"
    assert not stale.exists()  # compiled by other code: removed
    later = make_environment(templates, cache)

    def compile_again(*args, **kwargs):
        raise AssertionError("compiled again although the template and the code are unchanged")

    later.compile = compile_again
    assert later.get_template("404.html").render() == "one 2"
    (templates / "404.html").write_text("two", encoding="utf-8")
    assert make_environment(templates, cache).get_template("404.html").render() == "two"


def test_a_date_given_without_its_year_or_relatively_is_shown_as_written_and_marked_inexact(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    source = Path(__file__).parent / "fixtures" / "articles" / "portal_wire_story.txt"
    (seeds / source.name).write_bytes(source.read_bytes())
    result = build_site(seeds, tmp_path / "content", None, tmp_path / "site", search=False)
    page = (tmp_path / "site" / "articles" / "portal_wire_story" / "index.html").read_text("utf-8")
    assert "<span>11/5(水) 10:00配信（正確な日付は不明）</span>" in page
    assert "<span>11/5(水) 10:00配信（正確な日付は不明）</span>" in (tmp_path / "site" / "index.html").read_text("utf-8")
    assert result.articles == 1
    # (its key figures on the index: the amounts, not 関係者2人, a count too small to be news)
    index = (tmp_path / "site" / "index.html").read_text("utf-8")
    values = re.findall(r'<span class="figure-value">([^<]+)</span>', index)
    assert sorted(values) == ["200億ドル", "最大20億ドル"]
    record = Record(id="a", source_file="a.txt", format="plain", title="t", date_relative="23日前")
    assert shown_date(record) == "23日前（正確な日付は不明）"  # what check and add print


def test_english_text_is_marked_english_in_the_japanese_page(tmp_path):
    article, out = built_article(
        tmp_path, "en", "xAI raises $20 billion in new funding round\n\nxAI has raised $20 billion, including up to $2 billion "
        "from Nvidia.\n\nxAIは200億ドルを調達したと報じられた。\n")
    assert '<html lang="ja">' in article
    assert '<h1 lang="en">' in article
    assert '<p lang="en">xAI has raised <mark' in article
    assert '<p>xAIは<mark' in article  # a Japanese paragraph keeps the page's language
    assert '<h2 lang="en"><a href="./articles/en/">' in (out / "index.html").read_text("utf-8")


def built_with_gazetteer(tmp_path: Path, entities_yaml: str, text: str) -> tuple[list[str], str]:
    """What a one-seed site with this ``content/entities.yaml`` reports on that file, and its article's
    登場する企業・人物 list as text."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "entities.yaml").write_text(entities_yaml, encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(text, encoding="utf-8")
    result = build_site(seeds, content, None, tmp_path / "site", search=False)
    article = (tmp_path / "site/articles/a/index.html").read_text("utf-8")
    listed = re.sub(r"<[^>]+>", "", re.search(r'<p class="entity-list">(.*?)</p>', article).group(1))
    return [r.message for r in result.reports if r.source_file.endswith("entities.yaml")], listed


def test_a_japanese_name_that_is_no_text_is_reported_and_not_shown(tmp_path):
    reports, listed = built_with_gazetteer(
        tmp_path, "entities:\n  - {name: Sam Altman, ja: [サム], kind: person, aliases: [アルトマン氏]}\n"
        "  - {name: Dario Amodei, ja: ダリオ・アモデイ, kind: person, aliases: [アモデイ氏]}\n",
        "AIの話\n\nアルトマン氏とアモデイ氏が語った。\n")
    assert reports == ["Sam Altman の ja は文字列で書いてください。使いません"]
    assert listed == "Sam Altman、ダリオ・アモデイ"  # the canonical name, not "['サム']"


def test_an_entity_listed_twice_is_reported_and_keeps_both_lists_of_aliases(tmp_path):
    reports, listed = built_with_gazetteer(
        tmp_path, "entities:\n  - {name: Rakuten, kind: other, aliases: [楽天グループ]}\n"
        "  - {name: Rakuten, ja: 楽天, kind: organization, aliases: [Rakuten Group]}\n", "AIの話\n\n楽天グループは投資した。\n")
    assert reports == ["Rakuten の項目が 2 つあります。別名はどちらのものも使い、種類などはあとの項目のものを使います"]
    assert listed == "楽天"  # found by the first entry's alias, written as the second says


def test_one_spelling_given_to_two_entities_is_reported_and_read_as_the_first(tmp_path):
    reports, listed = built_with_gazetteer(
        tmp_path, "entities:\n  - {name: Sony, kind: organization, aliases: [ソニー]}\n"
        "  - {name: Sony Group, kind: organization, aliases: [ソニー, ソニーグループ]}\n", "AIの話\n\nソニーは投資した。\n")
    assert reports == ["ソニー は Sony と Sony Group の両方に書かれています。Sony として読みます"]
    assert listed == "Sony"


def test_an_english_quote_keeps_english_quotation_marks(tmp_path):
    article, _ = built_article(
        tmp_path, "q", "Anthropic to spend $50 billion\n\n"
        "\"We're getting closer to AI that can accelerate scientific discovery,\" said Dario Amodei, Anthropic's CEO.\n\n"
        "「計算資源の確保が最大の課題だ」と山田太郎氏は述べた。\n")
    quotes = re.findall(r'<figure class="quote"><blockquote><p([^>]*)>(.*?)</p>', article)
    assert (' lang="en"', "“We&#39;re getting closer to AI that can accelerate scientific discovery”") in quotes
    assert ("", "「計算資源の確保が最大の課題だ」") in quotes


def test_key_points_without_a_body_are_boxes_with_a_heading_only(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "articles" / "summary_points_news.txt", seeds / "nk.txt")
    out = tmp_path / "site"
    build_site(seeds, tmp_path / "content", None, out, search=False)
    article = (out / "articles/nk/index.html").read_text("utf-8")
    assert article.count('<div class="box"><h3>') == 3
    assert "<p></p>" not in article


def test_the_names_listed_are_the_known_kinds_and_whoever_owns_a_figure(tmp_path):
    article, _ = built_article(
        tmp_path, "jp", "国内GPUクラウドの投資競争\n\nKDDIは大阪府堺市のデータセンターに約1000億円を投じた。"
        "ハイレゾ社はGPUを2000基導入した。\n\n生成AIの需要は強い。\n")
    (listed,) = re.findall(r'<p class="entity-list">(.*?)</p>', article)
    names = re.sub(r"<[^>]+>", "", listed).split("、")
    assert "KDDI" in names and "ハイレゾ" in names  # an unlisted name whose figure is shown; a company by 社
    assert "AI" not in names and "GPU" not in names  # unlisted words of no known kind, owning nothing
    actors = re.search(r"<h3>関係する主体</h3><p>(.*?)</p>", article).group(1)
    assert "KDDI" in actors and "KDDI（その他）" not in actors and "ハイレゾ（組織）" in actors


def test_no_empty_list_of_names(tmp_path):
    article, _ = built_article(tmp_path, "jp", "生成AIの話\n\n生成AIとGPUの需要は強い。\n")
    assert 'id="h-entities"' not in article


def test_a_table_is_shown_as_a_table_with_each_figure_marked_in_its_cell(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "articles" / "table_post.md", seeds / "tb.md")
    result = build_site(seeds, tmp_path / "content", None, tmp_path / "site", search=False)
    assert result.reports == []  # every #fig- link of the figure table finds its cell
    article = (tmp_path / "site/articles/tb/index.html").read_text("utf-8")
    tables = re.findall(r'<table class="body-table">(.*?)</table>', article, re.S)
    assert len(tables) == 2
    assert '<th scope="col">企業</th><th scope="col">主な出資者</th><th scope="col">調達額</th><th scope="col">評価額</th>' in tables[0]
    (row,) = re.findall(r"<tr><th scope=\"row\" lang=\"en\">xAI</th>(.*?)</tr>", tables[0])
    anchors = re.findall(r'<td><mark id="(fig-\d+)">([^<]*)</mark></td>', row)
    assert [text for _, text in anchors] == ["200億ドル", "2,000億ドル"]
    for anchor, _ in anchors:
        assert f'href="#{anchor}"' in article
    assert "｜" not in article.split('id="h-body"')[1].split("</section>")[0]  # no row shown as its text form
    assert "Fidelity | Lightspeed" in tables[0]


def test_a_posts_html_is_read_not_shown_as_tags(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "articles" / "html_blocks_post.md", seeds / "hb.md")
    result = build_site(seeds, tmp_path / "content", None, tmp_path / "site", search=False)
    assert result.reports == []
    article = (tmp_path / "site/articles/hb/index.html").read_text("utf-8")
    assert "&lt;" not in article and "広告の文" not in article and "youtube" not in article  # no tag shown as text
    (table,) = re.findall(r'<table class="body-table">(.*?)</table>', article, re.S)
    assert '<th scope="col">調達額</th>' in table and '<td><mark id="fig-' in table


def test_a_chinese_article_is_published_marked_chinese_and_reported(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(Path(__file__).parent / "fixtures" / "articles" / "chinese_news.txt", seeds / "zh.txt")
    result = build_site(seeds, tmp_path / "content", None, tmp_path / "site", search=False)
    assert [r.message[:16] for r in result.reports] == ["本文が中国語で書かれているようで"]
    article = (tmp_path / "site/articles/zh/index.html").read_text("utf-8")
    assert '<h1 lang="zh">' in article and '<p lang="zh">据报道' in article  # a Chinese font, not a Japanese one
    assert "この記事は中国語で書かれています" in article and 'class="auto-analysis"' not in article
