"""The ``xai-digest`` command line: parses arguments and hands over to commands/."""

from __future__ import annotations

import argparse
import sys

from xai_digest import __version__
from xai_digest.commands import add, build, check, records, serve


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xai-digest", description="日本語 AI ニュース分析ダイジェストの静的サイトジェネレーター")
    parser.add_argument("--version", action="version", version=f"xai-digest {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in (build, serve, check, add, records):
        module.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")
    args = make_parser().parse_args(argv)
    return args.run(args)
