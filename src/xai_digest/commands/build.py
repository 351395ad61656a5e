"""``xai-digest build``: seeds → records → links → site/, written atomically."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from xai_digest.commands.common import exit_code, print_reports
from xai_digest.site import build_site


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the site into --out")
    p.add_argument("--seeds", type=Path, default=Path("seeds"), help="folder of raw articles (default: seeds)")
    p.add_argument("--content", type=Path, default=Path("content"), help="editor content folder (default: content)")
    p.add_argument("--templates", type=Path, default=Path("templates"), help="template overrides (default: templates)")
    p.add_argument("--out", type=Path, default=Path("site"), help="output folder (default: site)")
    p.add_argument("--strict", action="store_true", help="exit 1 if anything was reported")
    p.add_argument("--quiet", action="store_true", help="print errors only")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    result = build_site(args.seeds, args.content, args.templates, args.out)
    print_reports(result.reports, quiet=args.quiet)
    if not args.quiet:
        print(
            f"built {result.pages} pages from {result.articles} articles into {args.out}/ "
            f"({len(result.reports)} reports)",
            file=sys.stderr,
        )
    return exit_code(result.reports, args.strict)
