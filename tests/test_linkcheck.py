"""The link check: every kind of problem is found, the same way in one process or several."""

from __future__ import annotations

from pathlib import Path

import pytest

import xai_digest.linkcheck as linkcheck
from xai_digest.linkcheck import check_links

PAGES = {
    "index.html": '<a href="articles/a/">a</a><a href="articles/b/#fig-1">b</a><a href="missing/">x</a>',
    "articles/a/index.html": '<p id="fig-1">a</p><a href="../../entities/x/">x</a><a href="#fig-1">self</a>'
                             '<a href="../../../etc/passwd">out</a><script src="https://cdn.example/x.js"></script>',
    "articles/b/index.html": '<p id="fig-1">b</p><a href="../../entities/y/">y</a><a href="../a/#fig-2">a</a>'
                             '<a href="../../">home</a><a href="../../search/meta.json">index</a>',
    "entities/x/index.html": '<a href="../../articles/a/#fig-1">a</a><a href="../../gone/">g</a>',
    "tags/index.html": '<a href="../gone/">g</a><a href="../articles/a/#fig-1">a</a>',
}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    for relative, html in PAGES.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return tmp_path


EXPECTED = [
    ("site/articles/a/index.html", "リンク '../../../etc/passwd' がサイトの外を指しています"),
    ("site/articles/a/index.html", "外部のリソース 'https://cdn.example/x.js' を読み込んでいます"),
    ("site/articles/b/index.html", "リンク切れ '../../entities/y/': entities/y/index.html がありません"),
    ("site/articles/b/index.html", "リンク先の位置がありません '../a/#fig-2': articles/a/index.html に id 'fig-2' がありません"),
    ("site/entities/x/index.html", "リンク切れ '../../gone/': gone/index.html がありません"),
    ("site/index.html", "リンク切れ 'missing/': missing/index.html がありません"),
    ("site/tags/index.html", "リンク切れ '../gone/': gone/index.html がありません"),
]


def test_every_kind_of_problem_is_reported_once_in_page_order(site):
    assert [(r.source_file, r.message) for r in check_links(site)] == EXPECTED


def test_forked_workers_report_the_same(site, monkeypatch):
    monkeypatch.setattr(linkcheck, "PAGES_PER_WORKER_AT_LEAST", 1)
    assert [(r.source_file, r.message) for r in check_links(site, jobs=2)] == EXPECTED


def test_only_the_given_pages_are_checked(site):
    reports = check_links(site, pages={"articles/b/index.html"})
    assert {r.source_file for r in reports} == {"site/articles/b/index.html"}


def test_a_page_scan_finds_each_attribute_with_its_tag():
    html = ('<nav id="top">\n<a class="x"\n   href="a/?q=1&amp;r=2" id="link-1">a b id=&#34;fake&#34;</a>'
            '<IMG alt=\'i\' src="img.png"><link rel="stylesheet" href="s.css"><p title="href=&#34;no&#34;">t</p>'
            '<script src="app.js"></script></nav>')
    page = linkcheck._scan(html)
    assert page.links == [("a", "a/?q=1&r=2"), ("img", "img.png"), ("link", "s.css"), ("script", "app.js")]
    assert page.ids == {"top", "link-1"}  # not the escaped text that looks like an attribute
