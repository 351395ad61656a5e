"""Hostile and broken seeds: one report each, never the site, never the machine."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import CONTENT, ROOT, SEEDS
from robustness.make_bad_inputs import BAD_INPUTS, PWNED, make_bad_inputs
from xai_digest.site import build_site

#: Stated bound for the whole bad-input build (5 MB + 1 MB articles included), on a 2-core machine.
BAD_BUILD_SECONDS = 120


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    seeds, outside = base / "seeds", base / "outside"
    make_bad_inputs(seeds, outside)
    started = time.perf_counter()
    result = build_site(seeds, base / "content", None, base / "site", search=False)
    seconds = time.perf_counter() - started
    return base, result, seconds


def reports_for(result, name):
    return [r for r in result.reports if Path(r.source_file).name == name]


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_each_bad_input_is_handled_as_stated(bad_build, name):
    base, result, _ = bad_build
    expected, reason = BAD_INPUTS[name]
    articles = {a["source_file"] for a in json.loads((base / "site/data/articles.json").read_text("utf-8"))}
    assert (name in articles) == (expected == "published"), (name, articles)
    if reason:
        messages = [str(r) for r in reports_for(result, name)]
        assert any(reason in m for m in messages), messages
        assert all(name in m for m in messages)


def test_reports_name_the_line_where_it_applies(bad_build):
    _, result, _ = bad_build
    lines = {Path(r.source_file).name: r.line for r in result.reports if r.line}
    assert lines["invalid-date.md"] == 3
    assert lines["python-tag.md"] == 2
    assert lines["nul-bytes.txt"] == 3
    assert lines["unclosed-front-matter.md"] == 1


def test_no_code_runs_and_nothing_escapes(bad_build):
    base, _, _ = bad_build
    assert not (base / "outside" / PWNED).exists()
    assert not Path("/tmp/escaped").exists()
    written = {p.relative_to(base).parts[0] for p in base.rglob("*")}
    assert written <= {"seeds", "outside", "site"}  # the build wrote only inside site/
    assert "外の秘密" not in (base / "site/data/articles.json").read_text("utf-8")


def test_encodings_odd_names_and_same_titles_publish(bad_build):
    base, _, _ = bad_build
    articles = {a["source_file"]: a for a in json.loads((base / "site/data/articles.json").read_text("utf-8"))}
    assert articles["shift_jis.txt"]["title"] == "シフトJISの見出しのある記事"
    assert articles["euc-jp.txt"]["title"] == "EUC-JPの見出しのある記事"
    assert articles["bom-crlf.txt"]["title"] == "BOM付きの見出しのある記事"
    assert articles["same-title-1.txt"]["slug"] != articles["same-title-2.txt"]["slug"]
    assert (base / "site/articles/name-with-spaces-and-brackets/index.html").is_file()
    assert articles["slug-escape.md"]["slug"] == "tmp-escaped"


def test_huge_inputs_finish_within_the_stated_bound(bad_build):
    _, _, seconds = bad_build
    assert seconds < BAD_BUILD_SECONDS
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < 2048, f"peak memory {peak_mb:.0f} MB"


def test_strict_fails_on_bad_input(tmp_path):
    seeds = tmp_path / "seeds"
    make_bad_inputs(seeds, tmp_path / "outside")
    (seeds / "huge-5mb.txt").unlink()
    result = subprocess.run([sys.executable, "-m", "xai_digest", "build", "--seeds", str(seeds), "--content",
                             str(tmp_path / "c"), "--out", str(tmp_path / "site"), "--no-search", "--no-cache", "--strict", "-q"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "empty.txt: ファイルが空です。スキップしました [エラー]" in result.stderr


def tree(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5, 4.0])
def test_a_killed_build_leaves_the_previous_site_whole(tmp_path, delay):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for path in SEEDS.iterdir():
        for copy in range(8):  # 40 seeds: a build that takes a few seconds
            (seeds / f"{copy}-{path.name}").write_bytes(path.read_bytes())
    command = [sys.executable, "-m", "xai_digest", "build", "--seeds", str(seeds), "--content", str(CONTENT),
               "--out", str(tmp_path / "site"), "--no-cache", "-q", "--jobs", "1"]
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    before = tree(tmp_path / "site")
    (seeds / "0-000_6ad7681111780b01.txt").write_text("新しい見出し\n新しい本文です。\n", encoding="utf-8")
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = tree(tmp_path / "site")
    assert after == before or "新しい見出し" in after["data/articles.json"].decode("utf-8")
    assert (tmp_path / "site" / "index.html").is_file()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)  # the next build cleans up and succeeds
    # no staging folder is left; the tree the last build swapped out waits for the next one
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == [".site.prev"]


MARKUP = st.sampled_from(["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ 7*7 }}", "{% raw %}", "&amp;",
                          "\"'><svg onload=1>", "</p>", "<!--", "]]>", "javascript:alert(1)", "https://example.com/<b>"])
JAPANESE = st.text(alphabet=st.characters(min_codepoint=0x3041, max_codepoint=0x30FF), max_size=30)
ASCII = st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=30)
PIECES = st.lists(st.one_of(MARKUP, JAPANESE, ASCII, st.sampled_from(["。", "\n", "\n\n", "「", "」", "200億ドル", "---\n",
                                                                      "\n出典：", "\n参考リンク\n- ", "\n[画像] "])),
                  max_size=25)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 25)), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=PIECES, body=PIECES)
def test_fuzzed_seeds_never_crash_and_never_inject_markup(tmp_path_factory, title, body):
    base = tmp_path_factory.mktemp("fuzz")
    seeds = base / "seeds"
    seeds.mkdir()
    (seeds / "fuzz.txt").write_text("".join(title) + "\n" + "".join(body), encoding="utf-8")
    build_site(seeds, base / "content", None, base / "site", search=False)
    for page in (base / "site").rglob("*.html"):
        text = page.read_text("utf-8")
        for raw in ("<script>alert", "<img src=x", "<svg onload", "href=\"javascript:", "src=\"javascript:"):
            assert raw not in text, (page, raw)


def test_a_source_named_in_words_is_never_a_link(tmp_path):
    """出典：javascript:alert(1) is a reference in words: shown as text, never an href (only http(s)
    addresses are links)."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("見出し\n\nxAIは200億ドルを調達した。\n\n出典：javascript:alert(1)\n\n参考リンク\n\n- IDC「調査」\n",
                                 encoding="utf-8")
    build_site(seeds, tmp_path / "content", None, tmp_path / "site", search=False)
    page = (tmp_path / "site" / "articles" / "a" / "index.html").read_text("utf-8")
    assert "javascript:alert(1)" in page and 'href="javascript:' not in page
    assert "<li>IDC「調査」</li>" in page
