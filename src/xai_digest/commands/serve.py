"""``xai-digest serve``: preview with live reload while editing."""

from __future__ import annotations

import argparse

from xai_digest.commands.common import add_project_options, cache_dir


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="ビルドして 127.0.0.1 で配信し、変更のたびに再ビルドして再読み込みする")
    add_project_options(p)
    p.add_argument("--host", default="127.0.0.1", help="待ち受けるアドレス（既定: 127.0.0.1、このマシンからのみ）")
    p.add_argument("--port", type=int, default=8000, help="ポート（既定: 8000。0 なら空いているものを使う）")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from xai_digest.serve import Serve, run_serve  # (its HTTP server is not loaded by the other commands)

    return run_serve(Serve(args.seeds, args.content, args.templates, args.out, cache_dir(args), args.host, args.port))
