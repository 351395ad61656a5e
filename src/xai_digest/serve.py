"""``xai-digest serve``: build, serve the site, rebuild on change, reload open pages.

Self-contained, in the manner of MkDocs' livereload module:

* the site is served from ``out`` as it is on disk; builds swap a whole new
  tree into place, so a half-built site is never served;
* watchfiles watches ``seeds/``, ``content/`` and ``templates/``; a change
  runs an incremental build (the record cache makes unchanged seeds free);
* open pages listen on ``/__livereload`` (Server-Sent Events) and reload only
  after a build has finished and been swapped in; the reload script is added
  to HTML responses by this server, never written into the site;
* a build that fails (a broken template) keeps the previous site, prints the
  error and shows it in the page; one that skips a seed publishes the rest,
  reloads the page and shows what was skipped; fixing the file recovers.
"""

from __future__ import annotations

import http.server
import json
import posixpath
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from xai_digest.output import OutputRefused, keep_as_spare
from xai_digest.site import BuildMemory, BuildResult, build_failure, build_site, check_output

RELOAD_PATH = "/__livereload"
SCRIPT_PATH = "/__livereload.js"
MAX_PATH_CHARS = 2048
SEARCH_REFRESH_IDLE_SECONDS = 2.0
#: The banner's first line: the build stopped and the open site is the last good one, or it
#: finished and published everything but what the error reports name (a skipped seed …).
BUILD_FAILED = "ビルドに失敗しました（前回のサイトを表示中）"
BUILT_WITH_ERRORS = "エラーがあります（問題のないものは公開しました）"

RELOAD_SCRIPT = """(function () {
  var source = new EventSource("/__livereload");
  var shown = null;
  function banner(text) {
    if (!shown) {
      shown = document.createElement("pre");
      shown.id = "xai-digest-build-error";
      shown.setAttribute("role", "alert");
      shown.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;margin:0;" +
        "padding:1rem;background:#8b0000;color:#fff;font:14px/1.5 monospace;z-index:99999;white-space:pre-wrap";
      document.body.appendChild(shown);
    }
    shown.textContent = text;
  }
  source.addEventListener("reload", function () { location.reload(); });
  source.addEventListener("error-report", function (event) { banner(JSON.parse(event.data).message); });
})();
"""


@dataclass
class ServerState:
    """What the watcher tells the request handlers: build generation, whether a new site went live,
    and the banner to show (a page opened later gets it too)."""

    generation: int = 0
    error: str | None = None
    live: bool = True
    condition: threading.Condition = field(default_factory=threading.Condition)

    def built(self, error: str | None = None) -> None:
        """A new site is live: open pages reload (and show ``error``, if any, once reloaded)."""
        self._next(error, live=True)

    def failed(self, message: str) -> None:
        """No new site: open pages keep what they show and get the banner."""
        self._next(message, live=False)

    def _next(self, error: str | None, live: bool) -> None:
        with self.condition:
            self.generation += 1
            self.error, self.live = error, live
            self.condition.notify_all()


def resolve_request_path(root: Path, raw_path: str) -> Path | None:
    """The file a URL path names inside ``root``, or None (→ 404) for anything else.

    Decodes %-escapes (twice-encoded ones stay literal), refuses NUL bytes,
    backslashes and any ``..`` that would climb out, and never follows a
    symlink out of the site.
    """
    if len(raw_path) > MAX_PATH_CHARS:
        return None
    path = unquote(urlsplit(raw_path).path)
    if "\x00" in path or "\\" in path:
        return None
    normal = posixpath.normpath("/" + path)
    if any(part == ".." for part in normal.split("/")):
        return None
    candidate = root.joinpath(*[p for p in normal.split("/") if p])
    try:
        resolved = candidate.resolve()
        resolved.relative_to(root.resolve())
    except (OSError, ValueError):
        return None
    if resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved if resolved.is_file() else None


def make_handler(root: Path, state: ServerState) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "xai-digest"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
            pass

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            path = urlsplit(self.path).path
            if path == RELOAD_PATH:
                self.stream_events()
            elif path == SCRIPT_PATH:
                self.send_bytes(200, RELOAD_SCRIPT.encode(), "text/javascript; charset=utf-8")
            else:
                self.send_file()

        do_HEAD = do_GET

        def send_file(self) -> None:
            file = resolve_request_path(root, self.path)
            if file is None:
                missing = resolve_request_path(root, "/404.html")
                body = missing.read_bytes() if missing else b"404 Not Found"
                self.send_bytes(404, self.inject(body), "text/html; charset=utf-8")
                return
            body = file.read_bytes()
            content_type = _content_type(file.suffix)
            if file.suffix == ".html":
                body = self.inject(body)
            self.send_bytes(200, body, content_type)

        def inject(self, body: bytes) -> bytes:
            tag = f'<script src="{SCRIPT_PATH}"></script>'.encode()
            marker = body.rfind(b"</body>")
            return body[:marker] + tag + body[marker:] if marker >= 0 else body + tag

        def send_bytes(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def stream_events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            with state.condition:
                seen = state.generation
                error = state.error
            try:
                if error:
                    self.event("error-report", {"message": error})
                while True:
                    with state.condition:
                        state.condition.wait_for(lambda: state.generation != seen, timeout=15)
                        changed, seen, error, live = state.generation != seen, state.generation, state.error, state.live
                    if not changed:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                    elif live:  # the reloaded page's new stream brings the banner, if any
                        self.event("reload", {"generation": seen})
                    else:
                        self.event("error-report", {"message": error})
            except (BrokenPipeError, ConnectionResetError):
                return

        def event(self, name: str, data: dict) -> None:
            self.wfile.write(f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()

    return Handler


_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8", ".xml": "application/xml; charset=utf-8", ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm",
}


def _content_type(suffix: str) -> str:
    return _TYPES.get(suffix, "application/octet-stream")


class _Server(http.server.ThreadingHTTPServer):
    """A thread per connection, and a listen backlog for a burst of them (a page load fetches several files)."""

    daemon_threads = True
    request_queue_size = 256


@dataclass
class Serve:
    seeds: Path
    content: Path
    templates: Path
    out: Path
    cache_dir: Path | None
    host: str = "127.0.0.1"
    port: int = 8000
    state: ServerState = field(default_factory=ServerState)
    memory: BuildMemory = field(default_factory=BuildMemory)

    def build(self, search: bool | str = "reuse", notify: bool = True) -> BuildResult | None:
        """One (incremental) build; errors become the page's error banner.

        While editing, the search index of the previous build is kept (it is the
        slow part); ``refresh_search`` rebuilds it once the editor pauses.
        """
        started = time.perf_counter()
        try:
            result = build_site(self.seeds, self.content, self.templates, self.out, search=search, cache_dir=self.cache_dir,
                                memory=self.memory)
        except Exception as exc:  # a broken template or a bug: keep serving the last good site
            message = build_failure(exc) or "".join(traceback.format_exception_only(type(exc), exc)).strip()
            print(f"{BUILD_FAILED}: {message}", file=sys.stderr, flush=True)
            self.state.failed(f"{BUILD_FAILED}\n\n{message}")
            return None
        errors = [str(r) for r in result.reports if r.level == "error"]
        for report in result.reports:
            print(report.logged(), file=sys.stderr)
        seconds = time.perf_counter() - started
        print(f"ビルドしました（記事 {result.articles} 件、変更したファイル {result.changed} 個、{seconds:.2f} 秒）", file=sys.stderr, flush=True)
        if notify:
            self.state.built("\n".join([BUILT_WITH_ERRORS, "", *errors]) if errors else None)
        return result

    def make_server(self) -> http.server.ThreadingHTTPServer:
        return _Server((self.host, self.port), make_handler(self.out, self.state))

    def watch(self, stop: threading.Event, ready: threading.Event) -> None:
        from watchfiles import watch

        paths = [str(p) for p in (self.seeds, self.content, self.templates) if p.exists()]
        index_stale_since: float | None = None
        for changes in watch(*paths, stop_event=stop, debounce=50, step=20, rust_timeout=100, yield_on_timeout=True):
            ready.set()  # the first (empty) yield means the watcher is live
            if changes:
                self.build()
                index_stale_since = time.monotonic()
            elif index_stale_since is not None and time.monotonic() - index_stale_since > SEARCH_REFRESH_IDLE_SECONDS:
                self.build(search=True, notify=False)  # pages are unchanged: only the index is rebuilt
                index_stale_since = None


def run_serve(serve: Serve) -> int:
    try:  # a refused --out is a mistake in the command, not something an edit fixes: do not start
        check_output(serve.out, serve.seeds, serve.content, serve.templates, serve.cache_dir)
    except OutputRefused as exc:
        print(f"{exc} [エラー]", file=sys.stderr)
        return 1
    serve.build(search=True)
    server = serve.make_server()
    stop, ready = threading.Event(), threading.Event()
    watcher = threading.Thread(target=serve.watch, args=(stop, ready), daemon=True)
    watcher.start()
    ready.wait(timeout=10)
    host, port = server.server_address[:2]
    print(f"{serve.out}/ を配信しています: http://{host}:{port}/ （Ctrl+C で終了）", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        if serve.memory.spare is not None:  # the next build patches it
            keep_as_spare(serve.memory.spare, serve.out)
    return 0
