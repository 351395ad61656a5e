"""``xai-digest check``: read everything, say per file what was found and what is wrong."""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

from xai_digest.commands.common import add_project_options, cache_dir, shown_date
from xai_digest.config import load_site_settings
from xai_digest.model import Report
from xai_digest.pipeline import Project, discover_seeds, load_records


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="すべての記事とオーバーレイを読み、問題を「ファイル:行」で知らせる")
    add_project_options(p, out=False)
    p.add_argument("files", nargs="*", type=Path, metavar="FILE",
                   help="確かめる記事（seeds フォルダの中のファイル。既定: すべて）")
    p.add_argument("--strict", action="store_true", help="エラーだけでなく注意でも終了コード 1")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    _, reports = load_site_settings(args.content)
    project = Project(seeds_dir=args.seeds, content_dir=args.content)
    files, _ = discover_seeds(args.seeds)
    if args.files:  # only these seeds (and their overlays) are reported on; reports on the project still are
        files, missing = _chosen(files, args.files)
        if missing:
            for path in missing:
                print(f"{path}: {args.seeds}/ にありません（新しい記事は xai-digest add で加えます）", file=sys.stderr)
            return 1
    loaded = load_records(project, cache_dir=cache_dir(args))
    reports += loaded.reports
    if args.files:
        chosen = {path.stem for path in files}
        folders = (args.seeds, args.content / "articles")
        reports = [r for r in reports if Path(r.source_file).stem in chosen or Path(r.source_file).parent not in folders]
    by_file: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        by_file[Path(report.source_file).name].append(report)
    records = {r.source_file: r for r in loaded.records}
    for path in files:
        record = records.get(path.name)
        print(f"{path}")
        if record is None:
            print("  読み込めませんでした（スキップ）")
        else:
            derived = "（本文から作成）" if record.title_derived else ""
            print(f"  見出し: {record.title}{derived}")
            print(f"  日付: {shown_date(record)} / サイト: {record.site or '不明'} / 形式: {record.format}")
            tables = sum(len(section.tables) for section in record.sections)
            shown_tables = f"、表 {tables} 件" if tables else ""  # a pasted table read as one: the editor can tell
            print(f"  数値 {len(record.figures)} 件、企業・人物 {len(record.entities)} 件、発言 {len(record.quotes)} 件{shown_tables}")
        for report in by_file.pop(path.name, []):
            print(f"  {'エラー' if report.level == 'error' else '注意'}: {report}")
    for name, rest in sorted(by_file.items()):
        for report in rest:
            print(f"{'エラー' if report.level == 'error' else '注意'}: {report}")
    errors = sum(1 for r in reports if r.level == "error")
    print(f"{len(files)} ファイル: エラー {errors} 件、注意 {len(reports) - errors} 件")
    if errors or (args.strict and reports):
        return 1
    return 0


def _chosen(files: list[Path], asked: list[Path]) -> tuple[list[Path], list[Path]]:
    """The seeds named on the command line (by path or by file name), and the names no seed has."""
    by_name = {path.name: path for path in files}
    chosen = [by_name[path.name] for path in asked if path.name in by_name]
    return sorted(set(chosen), key=files.index), [path for path in asked if path.name not in by_name]
