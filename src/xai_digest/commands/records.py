"""``xai-digest records [FILE…]``: print the records as one JSON array."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xai_digest.commands.common import add_project_options, cache_dir, exit_code, print_reports
from xai_digest.link import link_records
from xai_digest.pipeline import Project, load_records
from xai_digest.render import dump_json


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("records", help="記事のレコードを JSON で表示する")
    p.add_argument("files", nargs="*", type=Path, help="記事のファイル（既定: --seeds のすべて）")
    add_project_options(p, out=False)
    p.add_argument("--strict", action="store_true", help="報告が一つでもあれば終了コード 1")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    project = Project(seeds_dir=args.seeds, content_dir=args.content)
    loaded = load_records(project, files=args.files or None, cache_dir=cache_dir(args))
    link_records(loaded.records)
    sys.stdout.write(dump_json([r.to_dict() for r in sorted(loaded.records, key=lambda r: r.source_file)]))
    print_reports(loaded.reports)
    return exit_code(loaded.reports, args.strict)
