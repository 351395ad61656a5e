"""``xai-digest add FILE`` (or ``-`` for a paste on stdin): put an article into seeds/.

Copies the text under a clean file name, prints what the reader found, and
writes an overlay skeleton in content/articles/ for the editor to fill.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from xai_digest.commands.common import add_project_options, cache_dir, print_reports, shown_date
from xai_digest.parse import load_rules, parse_text
from xai_digest.pipeline import Project, load_records, slugify
from xai_digest.read import UnreadableError, decode_bytes

OVERLAY_SKELETON = """# 編集者用の上書き設定: {seed}
# 空欄のままなら記事から読み取った値が使われます。値を書いた項目だけが優先されます。
# title: {title}
# date: 2025-10-08          # 掲載日（例: 2025-10-08 または 2025年10月8日）
# site: {site}
# author:
# tags: [AI, 資金調達]
# key_points:
#   - heading: 見出し
#     body: 一段落の説明
# impact_analysis: |
#   影響分析の本文
# editor_comment: |
#   編集コメントの本文
"""


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="記事を seeds/ に取り込み、オーバーレイのひな形を作る")
    p.add_argument("file", help="記事のファイル（- なら標準入力から貼り付けを読む）")
    p.add_argument("--name", help="seeds/ でのファイル名（既定: 元のファイル名か見出しから）")
    add_project_options(p, out=False)
    p.set_defaults(run=run)


#: A title whose slug is shorter than this says little in a file name (国内AI新興… → "ai").
MIN_TITLE_SLUG_CHARS = 8


def paste_stem(text: str, data: bytes, content_dir: Path) -> str:
    """A pasted page is named after the date and title the reader finds in it, not after its first
    line, which is often the site's menu (Skip to main content, ホーム | ニュース)."""
    record, _ = parse_text(text, "paste.txt", load_rules(content_dir))
    title = slugify(record.title or "")
    if len(title) > 40:
        title = title[:41].rsplit("-", 1)[0]  # whole words: exclusive-orbital-compute-in-talks-to
    date = (record.date or "")[:10]
    if len(title) >= MIN_TITLE_SLUG_CHARS and not record.title_derived:
        return f"{date}-{title}" if date else title
    return f"{date}-{hashlib.sha1(data).hexdigest()[:8]}" if date else ""


def clean_name(stem: str, data: bytes, suffix: str) -> str:
    slug = slugify(stem)
    if slug == "article":
        slug = "article-" + hashlib.sha1(data).hexdigest()[:8]
    return f"{slug}{suffix if suffix in ('.txt', '.md', '.markdown', '.html') else '.txt'}"


def run(args: argparse.Namespace) -> int:
    if args.file == "-":
        data, stem, suffix = sys.stdin.buffer.read(), "", ".txt"
    else:
        source = Path(args.file)
        try:
            data = source.read_bytes()
        except OSError as exc:
            print(f"{source}: 読み込めません（{exc.strerror}）", file=sys.stderr)
            return 1
        stem, suffix = source.stem, source.suffix.lower()
    try:
        text = decode_bytes(data)
    except UnreadableError as exc:
        print(f"{args.file}: {exc}。追加しませんでした", file=sys.stderr)
        return 1
    args.seeds.mkdir(parents=True, exist_ok=True)
    if args.name:
        stem, suffix = Path(args.name).stem, Path(args.name).suffix
    elif not stem:
        stem = paste_stem(text.text, data, args.content)
    name = clean_name(stem, data, suffix)
    target = args.seeds / name
    counter = 2
    while target.exists():
        if target.read_bytes() == text.text.encode("utf-8"):
            print(f"{target}: 同じ本文がすでに seeds/ にあります", file=sys.stderr)
            break
        target = args.seeds / f"{Path(name).stem}-{counter}{Path(name).suffix}"
        counter += 1
    else:
        target.write_text(text.text, encoding="utf-8")  # stored as UTF-8 whatever it came in
        print(f"{target} を追加しました")
    loaded = load_records(Project(args.seeds, args.content), files=[target], cache_dir=cache_dir(args))
    print_reports(loaded.reports)
    if not loaded.records:
        return 1
    record = loaded.records[0]
    print(f"  見出し: {record.title}{'（本文から作成）' if record.title_derived else ''}")
    print(f"  日付: {shown_date(record)} / サイト: {record.site or '不明'}")
    print(f"  数値 {len(record.figures)} 件: " + "、".join(f.text for f in record.figures[:5]))
    overlay = args.content / "articles" / f"{target.stem}.yaml"
    if not overlay.exists():
        overlay.parent.mkdir(parents=True, exist_ok=True)
        overlay.write_text(
            OVERLAY_SKELETON.format(seed=target.name, title=record.title or "", site=record.site or ""), encoding="utf-8"
        )
        print(f"{overlay} を作りました（読み取りの誤りはここで直せます）")
    return 0
