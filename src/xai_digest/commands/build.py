"""``xai-digest build``: seeds → records → links → site/, written atomically."""

from __future__ import annotations

import argparse
import sys
import time

from xai_digest.commands.common import (
    ProgressPrinter,
    add_project_options,
    add_verbosity_options,
    cache_dir,
    exit_code,
    print_reports,
)
from xai_digest.site import build_failure, build_site


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="サイトを --out に書き出す")
    add_project_options(p)
    p.add_argument("--strict", action="store_true", help="報告が一つでもあれば終了コード 1")
    p.add_argument("--no-search", action="store_true", help="検索索引を作らない")
    p.add_argument("--jobs", "-j", type=int, default=None, help="解析・記事ページ・リンク検査のワーカープロセス数（既定: 全コア。1 なら fork しない）")
    add_verbosity_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        result = build_site(
            args.seeds, args.content, args.templates, args.out, search=not args.no_search,
            cache_dir=cache_dir(args), progress=ProgressPrinter.for_args(args), jobs=args.jobs,
        )
    except Exception as exc:
        message = build_failure(exc)
        if message is None:
            raise
        print(f"{message} [エラー]", file=sys.stderr)
        print(f"サイトは書き出していません（{args.out}/ は以前のままです）", file=sys.stderr)
        return 1
    print_reports(result.reports, quiet=args.quiet)
    if not args.quiet:
        print(
            f"{args.out}/ に {result.pages} ページを書き出しました（記事 {result.articles} 件、うちキャッシュから "
            f"{result.cache_hits} 件、変更したファイル {result.changed} 個、報告 {len(result.reports)} 件、"
            f"{time.perf_counter() - started:.1f} 秒）",
            file=sys.stderr,
        )
    return exit_code(result.reports, args.strict)
