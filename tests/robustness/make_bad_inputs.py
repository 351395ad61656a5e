"""Make a folder of bad and awkward seeds, to check the build survives each one.

Usage:  python tests/robustness/make_bad_inputs.py FOLDER
Each entry of BAD_INPUTS says what the build must do with it; docs/robustness.md
is the same table for people.
"""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

ARTICLE = "見出しのある記事\n\nxAIは約200億ドルを調達した。「計算資源が全てだ」と同社は述べた。\n"

#: name → (expected, reason).  expected: "published" | "skipped"
BAD_INPUTS: dict[str, tuple[str, str]] = {
    "empty.txt": ("skipped", "ファイルが空です"),
    "binary.bin": ("skipped", "バイナリファイル"),
    "nul-bytes.txt": ("published", "NUL バイト"),
    "invalid-utf8.txt": ("published", "UTF-8 として読めないバイト列"),
    "shift_jis.txt": ("published", ""),
    "euc-jp.txt": ("published", ""),
    "bom-crlf.txt": ("published", ""),
    "unclosed-front-matter.md": ("published", "フロントマターが閉じていません"),
    "python-tag.md": ("published", "YAML が正しくありません"),
    "slug-escape.md": ("published", ""),
    "invalid-date.md": ("published", "は存在しません"),
    "same-title-1.txt": ("published", ""),
    "same-title-2.txt": ("published", ""),
    "name with spaces [and] (brackets).txt": ("published", ""),
    "huge-5mb.txt": ("published", "数値と企業・人物は最初の 300,000 文字から読み取りました"),
    "one-line-1mb.txt": ("published", ""),
    "many-names.txt": ("published", ""),
    "long-table.md": ("published", ""),
    "chrome-only.txt": ("skipped", "ページの飾り（メニュー・広告など）しかなく"),
    "symlink-out.txt": ("skipped", "seeds フォルダの外を指すシンボリックリンク"),
    "folder.txt": ("skipped", "記事ではなくフォルダです"),
}
PWNED = "xai-digest-pwned"


def make_bad_inputs(folder: Path, outside: Path) -> None:
    """Write every entry of BAD_INPUTS into ``folder``; ``outside`` holds the symlink target."""
    folder.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.bin").write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    (folder / "nul-bytes.txt").write_bytes(ARTICLE.replace("調達", "調\x00達").encode())
    (folder / "invalid-utf8.txt").write_bytes(ARTICLE.encode() + b"\xff\xfe broken \x80\n" + "続きの文です。".encode())
    (folder / "shift_jis.txt").write_bytes(ARTICLE.replace("見出し", "シフトJISの見出し").encode("shift_jis"))
    (folder / "euc-jp.txt").write_bytes(ARTICLE.replace("見出し", "EUC-JPの見出し").encode("euc_jp"))
    (folder / "bom-crlf.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("見出し", "BOM付きの見出し").replace("\n", "\r\n").encode())
    (folder / "unclosed-front-matter.md").write_text("---\ntitle: 閉じていない\n\n本文です。\n", encoding="utf-8")
    (folder / "python-tag.md").write_text(
        f"---\ntitle: !!python/object/apply:os.system [\"touch {outside / PWNED}\"]\n---\n本文です。\n", encoding="utf-8")
    (folder / "slug-escape.md").write_text("---\ntitle: 逃げる記事\nslug: ../../../../tmp/escaped\n---\n本文です。\n", encoding="utf-8")
    (folder / "invalid-date.md").write_text("---\ntitle: 日付が壊れた記事\ndate: 2025-13-45\n---\n本文です。\n", encoding="utf-8")
    (folder / "same-title-1.txt").write_text("同じ見出しの記事\n一本目の本文です。\n", encoding="utf-8")
    (folder / "same-title-2.txt").write_text("同じ見出しの記事\n二本目の本文です。\n", encoding="utf-8")
    (folder / "name with spaces [and] (brackets).txt").write_text("変な名前のファイル\n本文です。\n", encoding="utf-8")
    paragraphs = [f"第{i}段落。xAIは{i % 500 + 1}億ドルを投じ、Nvidiaの{i % 90 + 10}万基のGPUを使う計画だと述べた。" * 3 for i in range(20_000)]
    (folder / "huge-5mb.txt").write_text("とても長い記事\n\n" + "\n\n".join(paragraphs)[: 5 * 1024 * 1024 // 3], encoding="utf-8")
    (folder / "one-line-1mb.txt").write_text("一行だけの長い記事\n" + ("xAIは200億ドルを調達した。" * 60_000)[: 1024 * 1024 // 3], encoding="utf-8")
    (folder / "many-names.txt").write_text("名前の多い記事\n\n" + "\n\n".join(_many_names(rng, 4_500)), encoding="utf-8")
    rows = [f"| {_invented_name(rng)} | {i % 700 + 1}億ドル | {i % 90 + 10}万基 |" for i in range(6_000)]
    (folder / "long-table.md").write_text("長い表の記事\n\n| 企業 | 調達額 | GPU |\n|---|---|---|\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (folder / "chrome-only.txt").write_text("Command Palette\nConsole\nFeatured Image\n00:00\n31:02\n", encoding="utf-8")
    (outside / "secret.txt").write_text("外の秘密\n読まれてはいけない。\n", encoding="utf-8")
    os.symlink(outside / "secret.txt", folder / "symlink-out.txt")
    (folder / "folder.txt").mkdir()


def _invented_name(rng: random.Random) -> str:
    """A company-like name nobody lists (Vokaremi), so the analyzer must find it without the gazetteer."""
    return "".join(rng.choice("BDKLMNPRSTVZ") + rng.choice("aeiou") for _ in range(4)).capitalize()


def _many_names(rng: random.Random, count: int) -> list[str]:
    """Paragraphs naming ``count`` people and companies nobody lists, each in full and again by family
    name: the names a long page asks the analyzer to match with each other (once every pair: 11 s)."""
    return [f"{_invented_name(rng)}社の{first} {family}氏は{i % 300 + 1}億円の調達を発表した。{family}氏は増産を語った。"
            for i in range(count) for first, family in [(_invented_name(rng), _invented_name(rng))]]


if __name__ == "__main__":
    target = Path(sys.argv[1])
    make_bad_inputs(target, target.parent / f"{target.name}-outside")
    print(f"wrote {len(BAD_INPUTS)} bad inputs to {target}")
