"""The ``xai-digest`` command line: parses arguments and hands over to commands/."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata

from xai_digest import __version__
from xai_digest.commands import add, build, check, records, serve


USAGE_PREFIX = "使い方: "


def _columns(text: str) -> int:
    """The width of ``text`` in a terminal: wide and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class JapaneseHelpFormatter(argparse.HelpFormatter):
    """argparse's help with its own words in Japanese: ``使い方:`` for ``usage:``."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix if prefix is not None else USAGE_PREFIX)

    def _format_usage(self, usage, actions, groups, prefix):  # type: ignore[no-untyped-def]
        """argparse indents a wrapped usage by the prefix's length in characters; 使い方 is three
        characters but six columns wide, so the continuation lines get the difference added."""
        text = super()._format_usage(usage, actions, groups, prefix)
        extra = " " * (_columns(prefix or "") - len(prefix or ""))
        first, *rest = text.split("\n")
        return "\n".join([first, *(extra + line if line.strip() else line for line in rest)])


class JapaneseArgumentParser(argparse.ArgumentParser):
    """An argument parser (and, through ``add_subparsers``, every command's) whose help headings,
    ``-h`` and error lines are Japanese; the editor reads them.  argparse's own error reasons
    ("the following arguments are required: …") stay as it words them, after ``エラー:``."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        kwargs.setdefault("formatter_class", JapaneseHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "引数"
        self._optionals.title = "オプション"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="このヘルプを表示して終了する")

    def error(self, message: str):  # type: ignore[no-untyped-def]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {message}\n")


def make_parser() -> argparse.ArgumentParser:
    parser = JapaneseArgumentParser(prog="xai-digest", description="日本語 AI ニュース分析ダイジェストの静的サイトジェネレーター")
    parser.add_argument("--version", action="version", version=f"xai-digest {__version__}", help="バージョンを表示して終了する")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (build, serve, check, add, records):
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    args = make_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        # the reader stopped reading (xai-digest records | head): no traceback; Python would
        # complain again when flushing stdout at exit, so stdout goes nowhere from here on
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
