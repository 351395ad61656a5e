"""Stage 1 — read: bytes to text.

Seeds arrive in whatever encoding the editor's browser or scraper produced.
We detect UTF-8 (with or without BOM), UTF-16 with BOM, CP932/Shift_JIS and
EUC-JP, normalise line ends, drop NUL bytes, and refuse binary files with a
clear reason instead of publishing mojibake.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

#: Files larger than this are refused: no news article is this long, and the
#: analyzer's cost grows with length.  Stated in docs/robustness.md.
MAX_BYTES = 8 * 1024 * 1024

_JAPANESE_FALLBACKS = ("cp932", "euc_jp")


class UnreadableError(Exception):
    """The file cannot be turned into text; the message says why."""


class _MostlyUtf8(Exception):
    """UTF-8 with a few invalid bytes: carries the repaired text and where the first one was."""

    def __init__(self, text: str, line: int, count: int) -> None:
        super().__init__(text[:20])
        self.text, self.line, self.count = text, line, count


@dataclass
class Text:
    text: str
    encoding: str
    warnings: list[tuple[int | None, str]] = field(default_factory=list)


def decode_bytes(data: bytes) -> Text:
    """Decode seed bytes, detecting the encoding; raise UnreadableError if binary."""
    if len(data) > MAX_BYTES:
        raise UnreadableError(f"ファイルが大きすぎます（{len(data):,} バイト。上限は {MAX_BYTES:,} バイト）")
    if not data.strip():
        raise UnreadableError("ファイルが空です")
    warnings: list[tuple[int | None, str]] = []
    try:
        text, encoding = _decode(data)
    except _MostlyUtf8 as partial:
        text, encoding = partial.text, "utf-8"
        warnings.append((partial.line, f"UTF-8 として読めないバイト列 {partial.count} か所を � に置き換えました"))
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        warnings.append((line, f"NUL バイト {text.count(chr(0))} 個を取り除きました"))
        text = text.replace("\x00", "")
    text = normalize_newlines(text)
    if _looks_binary(text):
        raise UnreadableError("記事ではなくバイナリファイルのようです（ほとんどが制御文字）")
    if not text.strip():
        raise UnreadableError("文字が一つもありません")
    return Text(text=text, encoding=encoding, warnings=warnings)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mostly_utf8 = data.decode("utf-8", errors="replace")
    if mostly_utf8.count("\ufffd") <= max(8, len(mostly_utf8) // 100):
        # a few broken bytes in an otherwise UTF-8 file: keep it, say where
        line = data[: utf8_error.start].count(b"\n") + 1
        raise _MostlyUtf8(mostly_utf8, line, mostly_utf8.count("\ufffd"))
    candidates = []
    for encoding in _JAPANESE_FALLBACKS:
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_japanese_score(decoded), encoding, decoded))
    if candidates:
        _, encoding, decoded = max(candidates, key=lambda c: (c[0], c[1] == "cp932"))
        return decoded, encoding
    if _looks_binary(data.decode("latin-1")):
        raise UnreadableError("記事ではなくバイナリファイルのようです（ほとんどが制御文字）")
    raise UnreadableError(
        f"UTF-8・Shift_JIS・EUC-JP のどれとしても読めません（最初の不正なバイトの位置: {utf8_error.start}）"
    )


def _japanese_score(text: str) -> float:
    """Share of characters that are kana, common kanji or ASCII: real text scores high."""
    if not text:
        return 0.0
    good = sum(
        1
        for ch in text
        if ch.isascii() or "\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" or ch in "、。「」"
    )
    return good / len(text)


#: Unicode category Cc (C0 and C1 controls) except tab, newline and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    if not sample:
        return False
    return len(_CONTROL.findall(sample)) / len(sample) > 0.05


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: Characters NFKC may change: everything but ASCII, hiragana, katakana and common kanji.
_NFKC_UNSTABLE = re.compile(r"[^\x00-\x7f\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u4e00-\u9fff、。「」『』]+")


def nfkc_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFKC view of ``text`` plus, for each normalized char, its index in ``text``.

    Matching runs on the normalized view (full-width digits, ％, ，) while
    offsets reported to the page must point into the text as written.  Only
    runs of characters NFKC can change are normalised, one char at a time.
    """
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _NFKC_UNSTABLE.finditer(text):
        if match.start() > position:
            out.append(text[position : match.start()])
            offsets.extend(range(position, match.start()))
        for i in range(match.start(), match.end()):
            norm = unicodedata.normalize("NFKC", text[i])
            out.append(norm)
            offsets.extend([i] * len(norm))
        position = match.end()
    out.append(text[position:])
    offsets.extend(range(position, len(text)))
    offsets.append(len(text))
    return "".join(out), offsets
