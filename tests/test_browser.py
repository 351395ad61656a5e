"""The site in a real browser: Debian's Chromium driven by Playwright.

Outside CI these tests skip (with a message) when Chromium is
missing; in CI (CI=true) a missing browser is a failure, never a skip.
Screenshots at 390 px and 1280 px go to tests/artifacts/.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from conftest import CONTENT, SEEDS
from xai_digest.site import build_site

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync"]


def _require(condition: bool, message: str) -> None:
    if condition:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{message} (CI must run the browser tests)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser():
    _require(Path(CHROMIUM).exists(), f"{CHROMIUM} not installed: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api") if not os.environ.get("CI") else __import__("playwright.sync_api").sync_api
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS)
        yield instance
        instance.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(_Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    result = build_site(SEEDS, CONTENT, None, out)
    assert result.search, "the search index must be built for the browser tests"
    server, url = serve(out)
    yield url
    server.shutdown()


def open_page(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors, requests


@pytest.mark.parametrize("path, name", [("", "index"), ("articles/000_6ad7681111780b01/", "article-000"),
                                        ("articles/001_753a2d71b8b70341/", "article-001"), ("entities/xai/", "entity-xai"),
                                        ("facts/", "facts")])
@pytest.mark.parametrize("width", [390, 1280])
def test_pages_render_without_errors_or_outside_requests(browser, site_url, path, name, width):
    page, errors, requests = open_page(browser, site_url + path, width)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    assert errors == []
    assert all(r.startswith(site_url) or r.startswith("data:") for r in requests), requests
    assert page.evaluate("document.documentElement.lang") == "ja"
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"page is {overflow}px wider than a {width}px screen"
    page.close()


@pytest.mark.parametrize("slug", ["000_6ad7681111780b01", "001_753a2d71b8b70341", "002_2e7849efe231b912",
                                  "003_ae105c68d01c28cd", "004_966dccc71f240b11"])
def test_figures_table_fits_a_desktop_column(browser, site_url, slug):
    """On a 1280px screen the figures table fits its column: the 照合 column (which numbers other articles
    confirm) was cut off behind a sideways scroll when a value such as 150億ドル〜160億ドル（年あたり）
    could not wrap."""
    page, errors, _ = open_page(browser, site_url + f"articles/{slug}/", 1280)
    wraps = page.locator("section[aria-labelledby=h-figures] .table-wrap")
    assert wraps.count() == 1
    assert wraps.first.evaluate("e => e.scrollWidth - e.clientWidth") <= 1
    assert errors == []
    page.close()


def test_chart_labels_stay_legible_on_a_phone(browser, site_url):
    """A 640-unit chart fitted to a 390px screen drew its 12px labels at 56 % (a 10px line box); it
    keeps 85 % of their size (a 15px box) and scrolls sideways instead."""
    page, errors, _ = open_page(browser, site_url + "facts/", 390)
    label = page.locator(".chart .chart-label").first
    assert label.bounding_box()["height"] >= 13
    chart = page.locator("figure.chart").first
    assert chart.evaluate("e => getComputedStyle(e).overflowX") == "auto"
    assert errors == []
    page.close()


def test_article_shows_key_points_and_opens_the_original(browser, site_url):
    page, errors, _ = open_page(browser, site_url + "articles/000_6ad7681111780b01/", 1280)
    assert page.locator(".key-points .box").count() == 7
    original = page.locator("details.original")
    assert not original.locator("div[lang=en]").is_visible()
    original.locator("summary").click()
    assert original.locator("div[lang=en]").is_visible()
    assert errors == []
    page.close()


def test_figure_link_jumps_to_its_highlighted_sentence(browser, site_url):
    page, _, _ = open_page(browser, site_url + "articles/001_753a2d71b8b70341/", 390)
    link = page.locator("table.figures a[href^='#fig-']").first
    target = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(f"mark{target}").is_visible()
    page.close()


def search(page, query: str) -> list[str]:
    page.fill("#search-input", query)
    page.wait_for_function(
        "q => document.getElementById('search-status').textContent.includes('「' + q + '」')", arg=query, timeout=15_000
    )
    links = page.locator("#search-results a.search-result-link")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


@pytest.mark.parametrize("query, expected_slug", [("コロッサス", "000_6ad7681111780b01"), ("資金調達", "001_753a2d71b8b70341"),
                                                   ("データセンター", "004_966dccc71f240b11")])
def test_japanese_search_returns_results(browser, site_url, query, expected_slug):
    page, errors, _ = open_page(browser, site_url, 1280)
    hrefs = search(page, query)
    assert any(expected_slug in href for href in hrefs), hrefs
    marks = page.locator("#search-results mark").all_inner_texts()
    assert marks and all(m == query for m in marks), marks  # highlights sit on the match even after … (NFKC: ...)
    assert errors == []
    page.close()


def test_search_from_an_article_page_normalizes_width_and_needs_every_term(browser, site_url):
    page, errors, _ = open_page(browser, site_url + "articles/000_6ad7681111780b01/", 390)
    hrefs = search(page, "ｘＡＩ　コロッサス")  # full-width letters and space: NFKC on both sides
    assert hrefs and all(h.startswith(site_url) for h in hrefs), hrefs
    assert any("000_6ad7681111780b01" in h for h in hrefs)
    assert search(page, "コロッサス 存在しない語句") == []
    page.fill("#search-input", "株")
    page.wait_for_function("document.getElementById('search-status').textContent.includes('2文字以上')")
    assert errors == []
    page.close()


def test_search_does_not_confuse_similar_katakana(browser, tmp_path):
    """サイバー must not find サイドバー (pagefind 1.6.0 did: CloudCannon/pagefind#1237)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "cyber.txt").write_text("サイバー攻撃の記事\nサイバー攻撃への備えが急務だ。\n", encoding="utf-8")
    (seeds / "sidebar.txt").write_text("画面設計の記事\nサイドバーの表示を変更した。\n", encoding="utf-8")
    out = tmp_path / "site"
    assert build_site(seeds, tmp_path / "content", None, out).search
    server, url = serve(out)
    try:
        page, errors, _ = open_page(browser, url, 1280)
        assert [h.rstrip("/").split("/")[-1] for h in search(page, "サイバー")] == ["cyber"]
        assert [h.rstrip("/").split("/")[-1] for h in search(page, "サイドバー")] == ["sidebar"]
        assert errors == []
        page.close()
    finally:
        server.shutdown()


def test_open_page_reloads_by_itself_after_an_edit(browser, server):
    url, project, _ = server
    page, errors, _ = open_page(browser, url + "articles/004_966dccc71f240b11/", 1280)
    assert "速報" not in page.locator("h1").inner_text()
    page.evaluate("window.__marker = 'before-reload'")
    seed = project / "seeds" / "004_966dccc71f240b11.txt"
    seed.write_text(seed.read_text("utf-8").replace('title: "xAI', 'title: "速報 xAI'), encoding="utf-8")
    page.wait_for_function("document.querySelector('h1').innerText.includes('速報')", timeout=30_000)
    assert page.evaluate("window.__marker") is None  # a real reload, not a DOM patch
    assert errors == []
    page.close()


def test_a_skipped_seed_reloads_the_page_and_the_banner_says_the_rest_is_published(browser, server):
    """An unreadable seed is skipped, everything else goes live: the page reloads with the new site
    and the banner names the skipped file (it said the build had failed and kept the old page)."""
    url, project, _ = server
    page, errors, _ = open_page(browser, url + "articles/004_966dccc71f240b11/", 1280)
    page.evaluate("window.__marker = 'before-reload'")
    seed = project / "seeds" / "004_966dccc71f240b11.txt"
    seed.write_text(seed.read_text("utf-8").replace('title: "xAI', 'title: "速報 xAI'), encoding="utf-8")
    (project / "seeds" / "empty.txt").write_text("", encoding="utf-8")
    page.wait_for_selector("#xai-digest-build-error", timeout=30_000)
    banner = page.locator("#xai-digest-build-error").inner_text()
    assert banner.startswith("エラーがあります（問題のないものは公開しました）"), banner
    assert "empty.txt: ファイルが空です。スキップしました" in banner
    assert "速報" in page.locator("h1").inner_text() and page.evaluate("window.__marker") is None  # reloaded
    assert errors == []
    page.close()


def test_build_error_is_shown_in_the_open_page(browser, server):
    url, project, _ = server
    page, _, _ = open_page(browser, url, 1280)
    (project / "templates" / "index.html").write_text("{% block x %}{{ oops(", encoding="utf-8")
    page.wait_for_selector("#xai-digest-build-error", timeout=30_000)
    assert "ビルドに失敗しました" in page.locator("#xai-digest-build-error").inner_text()
    page.close()
