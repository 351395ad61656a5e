"""Helpers shared by the commands: options, report printing, progress and exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

from xai_digest.cache import DEFAULT_DIR
from xai_digest.model import Record, Report
from xai_digest.parse.dates import japanese_date


def add_project_options(parser: argparse.ArgumentParser, out: bool = True) -> None:
    parser.add_argument("--seeds", type=Path, default=Path("seeds"), help="元の記事のフォルダ（既定: seeds）")
    parser.add_argument("--content", type=Path, default=Path("content"), help="編集部のコンテンツフォルダ（既定: content）")
    if out:
        parser.add_argument("--templates", type=Path, default=Path("templates"), help="上書きするテンプレートのフォルダ（既定: templates）")
        parser.add_argument("--out", type=Path, default=Path("site"), help="出力フォルダ（既定: site）")
    parser.add_argument("--cache", type=Path, default=DEFAULT_DIR, help=f"差分ビルド用キャッシュのフォルダ（既定: {DEFAULT_DIR}）")
    parser.add_argument("--no-cache", action="store_true", help="キャッシュを使わず、すべての記事を読み直す")


def add_verbosity_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--quiet", "-q", action="store_true", help="エラーだけを表示する")
    group.add_argument("--verbose", "-v", action="store_true", help="端末でなくても進み具合を表示する")


def cache_dir(args: argparse.Namespace) -> Path | None:
    return None if args.no_cache else args.cache


def print_reports(reports: Iterable[Report], quiet: bool = False) -> int:
    """Print each report to stderr as ``file:line: message``; return the count."""
    count = 0
    for report in reports:
        count += 1
        if not quiet or report.level == "error":
            print(report.logged(), file=sys.stderr)
    return count


STAGE_NAMES = {"read": "読み込み", "analyze": "解析", "link": "リンク", "render": "書き出し", "search": "検索索引"}


class ProgressPrinter:
    """Per-stage progress on a terminal (stderr); silent when piped unless --verbose."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.enabled:
            end = "\n" if sys.stderr.isatty() is False else "\r"
            print(f"[{STAGE_NAMES.get(stage, stage)}] {done}/{total}", end=end, file=sys.stderr, flush=True)

    @classmethod
    def for_args(cls, args: argparse.Namespace) -> "ProgressPrinter":
        return cls(not args.quiet and (args.verbose or sys.stderr.isatty()))


def exit_code(reports: list[Report], strict: bool) -> int:
    """0 unless --strict and anything was reported (1): bad input never stops a build by itself."""
    return 1 if strict and reports else 0


def shown_date(record: Record) -> str:
    """A record's date as the editor reads it: 2025年10月8日, 23日前（正確な日付は不明）, or 記載なし."""
    if record.date:
        return japanese_date(record.date)
    return f"{record.date_relative}（正確な日付は不明）" if record.date_relative else "記載なし"
