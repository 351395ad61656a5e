"""The command line: records JSON, build output, reports and --strict."""

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from xai_digest.cli import main, make_parser

ROOT = Path(__file__).resolve().parent.parent


def run_cli(*args, cwd=ROOT):
    return subprocess.run(
        [sys.executable, "-m", "xai_digest", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
    )


def test_records_prints_one_json_array_unescaped():
    result = run_cli("records", "seeds/004_966dccc71f240b11.txt")
    assert result.returncode == 0, result.stderr
    assert "\\u" not in result.stdout  # Japanese is written as is
    data = json.loads(result.stdout)
    assert len(data) == 1
    for key in ("source_file", "format", "title", "title_derived", "lead", "date", "date_relative", "site",
                "author", "category", "tags", "reading_minutes", "key_points", "impact_analysis",
                "editor_comment", "sections", "original", "truncated", "references", "chrome_removed", "warnings"):
        assert key in data[0], key
    assert data[0]["title"] == "xAIの200億ドル調達、Nvidiaの出資が意味するものとは？"


def test_records_defaults_to_every_seed():
    data = json.loads(run_cli("records").stdout)
    assert [r["source_file"] for r in data] == sorted(p.name for p in (ROOT / "seeds").iterdir())


@pytest.fixture
def bad_seeds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("良い記事のタイトル\n本文です。きちんと読めます。\n", encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "binary.bin").write_bytes(bytes(range(256)) * 40)
    (seeds / "badyaml.md").write_text("---\ntitle: [unclosed\n---\n本文です。\n", encoding="utf-8")
    (seeds / "baddate.md").write_text("---\ntitle: 日付が壊れた記事\ndate: 2025-13-45\n---\n本文です。\n", encoding="utf-8")
    return tmp_path


def test_bad_input_is_reported_by_file_and_line_and_the_rest_publishes(bad_seeds, capsys):
    out = bad_seeds / "site"
    code = main(["build", "--seeds", str(bad_seeds / "seeds"), "--content", str(bad_seeds / "content"), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0
    assert "empty.txt: ファイルが空です。スキップしました" in err
    assert "binary.bin: 記事ではなくバイナリファイルのようです" in err
    assert "badyaml.md:2: フロントマターの YAML が正しくありません" in err
    assert "baddate.md:3: 日付 '2025-13-45'" in err
    articles = json.loads((out / "data" / "articles.json").read_text("utf-8"))
    assert sorted(a["source_file"] for a in articles) == ["baddate.md", "badyaml.md", "good.txt"]
    assert (out / "articles" / "good" / "index.html").is_file()


def test_strict_turns_reports_into_failure(bad_seeds, capsys):
    args = ["build", "--seeds", str(bad_seeds / "seeds"), "--content", str(bad_seeds / "c"), "--out", str(bad_seeds / "o")]
    assert main(args + ["--strict"]) == 1


def test_strict_passes_on_clean_input(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("タイトル\n本文です。\n", encoding="utf-8")
    assert main(["build", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--out", str(tmp_path / "o"), "--strict"]) == 0


def test_overlay_wins_and_is_marked(tmp_path):
    seeds, content = tmp_path / "seeds", tmp_path / "content" / "articles"
    seeds.mkdir()
    content.mkdir(parents=True)
    (seeds / "a.txt").write_text("元のタイトル\n本文です。\n", encoding="utf-8")
    (content / "a.yaml").write_text(
        "title: 編集者のタイトル\ndate: 2025年10月8日\ntags: [AI]\nkey_points:\n  - {heading: 要点, body: 本文}\n"
        "editor_comment: 注目です。\n", encoding="utf-8")
    result = run_cli("records", "--seeds", str(seeds), "--content", str(tmp_path / "content"))
    record = json.loads(result.stdout)[0]
    assert record["title"] == "編集者のタイトル"
    assert record["date"] == "2025-10-08"
    assert record["key_points"] == [{"heading": "要点", "body": "本文"}]
    assert record["editor_fields"] == ["title", "date", "tags", "key_points", "editor_comment"]


def test_two_builds_are_byte_identical(tmp_path):
    from xai_digest.site import build_site

    trees = []
    for name in ("one", "two"):
        out = tmp_path / name
        build_site(ROOT / "seeds", ROOT / "content", None, out)
        trees.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
    assert "data/facts.json" in trees[0]


def test_a_failed_render_leaves_the_previous_site(tmp_path, monkeypatch):
    from xai_digest import site as site_module

    project, out = tmp_path / "project", tmp_path / "site"
    shutil.copytree(ROOT / "seeds", project / "seeds")
    site_module.build_site(project / "seeds", ROOT / "content", None, out)
    before = (out / "index.html").read_bytes()

    def boom(*args, **kwargs):
        raise RuntimeError("killed mid-build")

    (project / "seeds" / "new.txt").write_text("新しい記事\n本文です。\n", encoding="utf-8")  # something to build
    monkeypatch.setattr(site_module, "render_site", boom)
    with pytest.raises(RuntimeError):
        site_module.build_site(project / "seeds", ROOT / "content", None, out)
    assert (out / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "site"]  # no staging folder left behind


@pytest.mark.parametrize("out", ["a-file", ".", "seeds/..", "other-things"])
def test_an_output_the_swap_would_harm_is_refused_and_left_alone(project, capsys, monkeypatch, out):
    """``--out`` is moved aside whole when the new site goes in: never a file, the project, or a folder of other things."""
    monkeypatch.chdir(project)
    (project / "a-file").write_text("keep me", encoding="utf-8")
    (project / "other-things").mkdir()
    (project / "other-things" / "notes.md").write_text("keep me too", encoding="utf-8")
    before = sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))
    assert main(["build", "--no-cache", "--out", out]) == 1
    err = capsys.readouterr().err
    assert f"{out}: " in err and "[エラー]" in err and "サイトは書き出していません" in err
    assert sorted(p.relative_to(project).as_posix() for p in project.rglob("*")) == before  # nothing moved, nothing added
    assert (project / "a-file").read_text("utf-8") == "keep me"


def test_a_site_this_tool_wrote_and_an_empty_folder_are_accepted_as_output(project, monkeypatch):
    monkeypatch.chdir(project)
    (project / "empty").mkdir()
    assert main(["build", "--no-cache", "--quiet", "--out", "empty"]) == 0
    assert main(["build", "--no-cache", "--quiet", "--out", "empty"]) == 0  # its own site, built again
    assert (project / "empty" / "index.html").is_file()


def test_a_template_that_does_not_compile_is_reported_with_file_and_line(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    (project / "templates" / "index.html").write_text("<p>\n{% if %}\n", encoding="utf-8")
    assert main(["build", "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "templates/index.html:2: テンプレートの構文が正しくありません" in err and "Traceback" not in err
    assert not (project / "site").exists()


def test_check_prints_per_file_findings_and_fails_on_errors(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("良い記事\n2025年10月8日\n\nxAIは約200億ドルを調達した。\n", encoding="utf-8")
    result = run_cli("check", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "見出し: 良い記事" in result.stdout and "日付: 2025年10月8日" in result.stdout and "数値 1 件" in result.stdout
    assert "表 " not in result.stdout  # no table, no count of them
    (seeds / "table.txt").write_text("各社の調達額\n\n本文です。\n\n企業\t調達額\nxAI\t200億ドル\n", encoding="utf-8")
    result = run_cli("check", "table.txt", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--no-cache")
    assert "数値 1 件、企業・人物 1 件、発言 0 件、表 1 件" in result.stdout, result.stdout
    (seeds / "table.txt").unlink()
    (seeds / "bad.md").write_text("---\ntitle: x\ndate: 2025-02-30\n---\n本文。\n", encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    result = run_cli("check", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--no-cache")
    assert result.returncode == 1
    assert "bad.md:3: 日付 '2025-02-30' は存在しません" in result.stdout
    assert "エラー: " in result.stdout and "empty.txt: ファイルが空です" in result.stdout


def test_check_of_named_files_reports_on_those_alone(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("良い記事\n2025年10月8日\n\nxAIは約200億ドルを調達した。\n", encoding="utf-8")
    (seeds / "empty.txt").write_bytes(b"")
    common = ("--seeds", str(seeds), "--content", str(tmp_path / "c"), "--no-cache")
    result = run_cli("check", str(seeds / "good.txt"), *common)
    assert result.returncode == 0, result.stdout + result.stderr  # the empty seed is not asked about
    assert "見出し: 良い記事" in result.stdout and "empty.txt" not in result.stdout
    assert "1 ファイル: エラー 0 件" in result.stdout
    result = run_cli("check", "empty.txt", *common)  # a name alone will do
    assert result.returncode == 1 and "empty.txt: ファイルが空です" in result.stdout and "良い記事" not in result.stdout
    result = run_cli("check", "new.txt", *common)
    assert result.returncode == 1 and "new.txt: " in result.stderr and "xai-digest add" in result.stderr


def test_add_copies_under_a_clean_name_and_writes_an_overlay_skeleton(tmp_path):
    source = tmp_path / "My Article (draft).txt"
    source.write_bytes("新しい記事の見出し\n2025年10月8日\n本文です。xAIは200億ドルを調達した。\n".encode("cp932"))
    seeds, content = tmp_path / "seeds", tmp_path / "content"
    result = run_cli("add", str(source), "--seeds", str(seeds), "--content", str(content), "--no-cache")
    assert result.returncode == 0, result.stderr
    added = seeds / "my-article-draft.txt"
    assert added.read_text("utf-8").startswith("新しい記事の見出し")  # stored as UTF-8
    assert "見出し: 新しい記事の見出し" in result.stdout and "200億ドル" in result.stdout
    assert f"{added} を追加しました" in result.stdout and "日付: 2025年10月8日" in result.stdout  # told in Japanese
    overlay = content / "articles" / "my-article-draft.yaml"
    assert "# title: 新しい記事の見出し" in overlay.read_text("utf-8")


def test_add_from_stdin_names_the_file_from_its_content(tmp_path):
    seeds = tmp_path / "seeds"
    result = subprocess.run(
        [sys.executable, "-m", "xai_digest", "add", "-", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--no-cache"],
        input="貼り付けた記事\n本文です。\n".encode("utf-8"), capture_output=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    (added,) = seeds.iterdir()
    assert added.name.startswith("article-") and added.suffix == ".txt"


def test_a_pasted_page_is_named_after_its_date_and_title_not_its_menu(tmp_path):
    seeds = tmp_path / "seeds"
    page = (ROOT / "tests" / "fixtures" / "articles" / "english_wire_story.txt").read_bytes()  # opens with "Skip to main content"
    result = subprocess.run(
        [sys.executable, "-m", "xai_digest", "add", "-", "--seeds", str(seeds), "--content", str(tmp_path / "c"), "--no-cache"],
        input=page, capture_output=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    (added,) = seeds.iterdir()
    assert added.name == "2025-11-20-exclusive-orbital-compute-in-talks-to.txt"


def test_a_reader_that_stops_reading_gets_no_traceback():
    # standard output is a pipe whose reader has gone (xai-digest check | head -1, once head exits)
    code = ("import os, sys; r, w = os.pipe(); os.close(r); os.dup2(w, 1); from xai_digest.cli import main; "
            "sys.exit(main(['check', '--seeds', 'seeds', '--content', 'content', '--no-cache']))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120)
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr and b"BrokenPipeError" not in result.stderr


def test_site_settings_are_validated(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: テスト\ncolour: blue\nbase_url: 42\n", encoding="utf-8")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("見出し\n本文です。\n", encoding="utf-8")
    code = main(["build", "--seeds", str(seeds), "--content", str(content), "--out", str(tmp_path / "o"), "--no-search", "--strict"])
    err = capsys.readouterr().err
    assert code == 1
    assert "site.yaml: 設定 'colour' は使えません" in err
    assert "site.yaml: 設定 'base_url' は文字列で書いてください（int でした）" in err
    assert "<title>テスト</title>" in (tmp_path / "o" / "index.html").read_text("utf-8")


def test_every_command_and_option_is_explained_in_japanese():
    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    parser = make_parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    assert {c.dest for c in commands._choices_actions} == {"build", "serve", "check", "add", "records"}
    for choice in commands._choices_actions:
        assert japanese.search(choice.help), choice.dest
    for name, sub in commands.choices.items():
        for action in sub._actions:
            if not isinstance(action, argparse._HelpAction):
                assert action.help and japanese.search(action.help), (name, action.dest)


def test_help_and_usage_errors_speak_japanese(capsys):
    for argv in (["--help"], ["build", "--help"], ["add", "--help"]):
        with pytest.raises(SystemExit):
            main(argv)
        out = capsys.readouterr().out
        assert out.startswith("使い方: xai-digest") and "オプション:" in out and "このヘルプを表示して終了する" in out
        assert "usage:" not in out and "options:" not in out and "show this help" not in out
    with pytest.raises(SystemExit) as stopped:
        main(["add"])  # its FILE is missing
    assert stopped.value.code == 2
    assert "xai-digest add: エラー: " in capsys.readouterr().err


def test_a_wrapped_usage_lines_up_under_the_command_on_screen(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    first, *wrapped = capsys.readouterr().out.split("\n\n")[0].split("\n")
    assert wrapped, "the usage should wrap at 80 columns"
    # 使い方 takes six columns on a terminal: the options of the next lines start where "[-h]" does
    column_of_options = len(first[: first.index("[-h]")]) + sum(1 for c in first[: first.index("[-h]")] if ord(c) > 0x2E80)
    for line in wrapped:
        assert len(line) - len(line.lstrip(" ")) == column_of_options, line
