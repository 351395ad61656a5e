"""Save-to-new-page time of `xai-digest serve`: from writing a seed to the reload event.

The reload event is sent only after the rebuilt site has been swapped in, so
this is the time an editor waits between saving and seeing the new page.

Two kinds of edit, each repeated on the same seed:

* text: a paragraph without figures is appended (what linking reads is
  unchanged, so the server's kept links are reused);
* figure: a sentence with a new funding figure is appended (the article's
  facts change: everything is linked again).

Usage:  python benchmarks/serve_latency.py [--sizes 5 1000] [--repeat 5] [--write]
        (5 = the bundled seeds; other sizes use the synthetic corpus)
"""

from __future__ import annotations

import argparse
import http.client
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_articles, write_xai  # noqa: E402
from results import write_section  # noqa: E402


def project(n: int) -> Path:
    folder = WORK / f"serve-{n}"
    shutil.rmtree(folder, ignore_errors=True)
    if n == 5:
        shutil.copytree(ROOT / "seeds", folder / "seeds")
    else:
        write_xai(make_articles(n), folder / "seeds")
    shutil.copytree(ROOT / "content", folder / "content")
    (folder / "templates").mkdir()
    return folder


def start(folder: Path) -> tuple[subprocess.Popen, int]:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "xai-digest"), "serve", "--port", "0", "--cache", ".cache"],
        cwd=folder, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    for line in process.stderr:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return process, int(match.group(1))
    raise RuntimeError("serve did not start")


def wait_reload(port: int, edit) -> float:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", "/__livereload")
    response = connection.getresponse()
    time.sleep(0.2)  # let the stream settle before the edit
    started = time.perf_counter()
    edit()
    while True:
        line = response.fp.readline().decode()
        if line.startswith("event: reload"):
            elapsed = time.perf_counter() - started
            connection.close()
            return elapsed
        if line.startswith("event: error-report"):
            raise RuntimeError("build failed during the benchmark")


EDITS = {
    "text": lambda i: f"追記{i}: 編集部が内容を更新した。",
    "figure": lambda i: f"追記{i}: Anthropicは新たに{101 + i}億ドルを調達した。",
}


def measure(n: int, repeat: int) -> dict[str, list[float]]:
    folder = project(n)
    process, port = start(folder)
    try:
        seed = sorted((folder / "seeds").iterdir())[n // 2]
        times: dict[str, list[float]] = {kind: [] for kind in EDITS}
        for i in range(repeat):
            for kind, sentence in EDITS.items():
                def edit(sentence=sentence(i)):
                    text = seed.read_text("utf-8")
                    seed.write_text(text.rstrip("\n") + f"\n\n{sentence}\n", encoding="utf-8")
                times[kind].append(wait_reload(port, edit))
        return times
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[5, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    lines = ["| articles | edit | save → reload event (median) | min | max | runs |", "|---|---|---|---|---|---|"]
    for n in args.sizes:
        for kind, times in measure(n, args.repeat).items():
            lines.append(f"| {n:,} | {kind} | {statistics.median(times):.2f} s | {min(times):.2f} s | {max(times):.2f} s | {len(times)} |")
            print(lines[-1], flush=True)
    table = "\n".join(lines)
    if args.write:
        write_section("serve", "Save-to-new-page time (`python benchmarks/serve_latency.py --write`)", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
