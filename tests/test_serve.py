"""The dev server: live rebuild, reload events, safe paths, loopback by default."""

import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from xai_digest.serve import Serve, resolve_request_path, run_serve

ROOT = Path(__file__).resolve().parent.parent


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def wait_for(predicate, timeout=30.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_edit_a_seed_and_the_served_page_changes(server):
    url, project, _ = server
    page = url + "articles/004_966dccc71f240b11/"
    status, body = get(page)
    assert status == 200 and "<script src=\"/__livereload.js\"></script></body>" in body
    seed = project / "seeds" / "004_966dccc71f240b11.txt"
    seed.write_text(seed.read_text("utf-8").replace('title: "xAIの200億ドル調達', 'title: "速報 xAIの200億ドル調達'), encoding="utf-8")
    assert wait_for(lambda: "速報 xAIの200億ドル調達" in get(page)[1])
    assert "__livereload" not in (project / "site" / "articles" / "004_966dccc71f240b11" / "index.html").read_text("utf-8")


def test_broken_template_is_shown_and_fixing_it_recovers(server):
    url, project, lines = server
    template = project / "templates" / "index.html"
    template.write_text("{% extends 'base.html' %}{% block main %}{{ broken(", encoding="utf-8")
    assert wait_for(lambda: any("ビルドに失敗しました" in l for l in lines))
    failure = next(l for l in lines if "ビルドに失敗しました" in l)
    assert "index.html:1: テンプレートの構文が正しくありません" in failure  # the file and line, in Japanese
    assert "TemplateSyntaxError" not in failure
    assert get(url)[0] == 200  # the last good site is still served
    template.unlink()
    (project / "seeds" / "000_6ad7681111780b01.txt").touch()
    assert wait_for(lambda: sum("ビルドしました（" in l for l in lines) >= 2)
    assert "最新の記事" in get(url)[1]


@pytest.mark.parametrize("path", ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
                                  "/%252e%252e/etc/passwd", "/articles/../../../etc/passwd", "/static/..%5c..%5cetc%5cpasswd",
                                  "/%00index.html"])
def test_traversal_gets_404(server, path):
    url, _, _ = server
    status, body = get(url.rstrip("/") + path)
    assert status == 404
    assert "root:" not in body


def test_very_long_url_is_refused_not_crashing(server):
    url, _, _ = server
    status, _ = get(url + "a" * 5000)
    assert status in (404, 414)
    assert get(url)[0] == 200


def test_resolve_request_path_stays_inside(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("ok", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("no", encoding="utf-8")
    (tmp_path / "site" / "link").symlink_to(tmp_path / "secret.txt")
    root = tmp_path / "site"
    assert resolve_request_path(root, "/") == (root / "index.html").resolve()
    for bad in ("/../secret.txt", "/%2e%2e/secret.txt", "/link", "/a\\..\\secret.txt"):
        assert resolve_request_path(root, bad) is None, bad


def test_listens_on_loopback_by_default():
    from xai_digest.cli import make_parser

    args = make_parser().parse_args(["serve"])
    assert args.host == "127.0.0.1"
    serve = Serve(Path("seeds"), Path("content"), Path("templates"), Path("site"), None, port=0)
    server = serve.make_server()
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_200_concurrent_clients_for_10_seconds_get_no_error(server):
    """Bounded load on loopback: 200 clients, 10 s, at most 100 requests each; stops by itself."""
    from concurrent.futures import ThreadPoolExecutor

    url, _, _ = server
    paths = ["", "articles/000_6ad7681111780b01/", "static/style.css", "data/articles.json", "facts/", "missing/", "../etc/passwd"]
    deadline = time.time() + 10

    def client(number: int) -> tuple[int, list[str]]:
        done, problems = 0, []
        while time.time() < deadline and done < 100:
            path = paths[(number + done) % len(paths)]
            try:
                status, _ = get(url + path)
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                problems.append(f"{path}: {exc!r}")
            else:
                if status not in (200, 404) or (status == 404) != (path in ("missing/", "../etc/passwd")):
                    problems.append(f"{path}: {status}")
            done += 1
        return done, problems

    with ThreadPoolExecutor(max_workers=200) as pool:
        results = list(pool.map(client, range(200)))
    total = sum(done for done, _ in results)
    problems = [p for _, found in results for p in found]
    assert total > 1000
    assert problems == []


def test_serve_refuses_an_output_the_swap_would_harm_before_serving(project, capsys):
    target = project / "notes.txt"
    target.write_text("keep me", encoding="utf-8")
    serve = Serve(project / "seeds", project / "content", project / "templates", target, None, "127.0.0.1", 0)
    assert run_serve(serve) == 1  # returns at once: no server, no watcher
    assert "出力先がフォルダではなくファイルです" in capsys.readouterr().err
    assert target.read_text("utf-8") == "keep me"
