"""Loading the reading rules (chrome, markers, captions) from data files.

The package ships ``data/reading.yaml``; a project may add ``content/reading.yaml``
in the same shape.  Its chrome rules are appended (a rule with the same name
replaces ours) and its marker and caption lists extend ours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from xai_digest.yamlio import YAMLError, error_line, error_reason, load_yaml, package_data
from xai_digest.model import Report

#: Scope "end" rules only apply within this many non-blank lines of the end.
END_SCOPE_LINES = 12


@dataclass
class ChromeRule:
    name: str
    kind: str  # line | pattern | block | tail
    matcher: re.Pattern[str]
    end: re.Pattern[str] | None = None
    follow: re.Pattern[str] | None = None
    after: int = 0
    site: str | None = None
    site_from: re.Pattern[str] | None = None  # its first group names the site, when nothing else on the page does
    scope: str | None = None
    cut: bool = False  # the article stops here for the reader (a paywall): the record is marked truncated

    def matches(self, text: str) -> bool:
        return bool(self.matcher.fullmatch(text.strip()))


@dataclass
class ReadingRules:
    chrome: list[ChromeRule]
    markers: dict[str, list[str]]
    caption_cues: list[str]
    caption_max_chars: int
    relative_date: re.Pattern[str]
    author_prefix: re.Pattern[str]
    end_credit: re.Pattern[str]
    author_suffix: re.Pattern[str]
    site_from_author_suffix: str
    organisation: re.Pattern[str]
    source_line: re.Pattern[str]
    wire_dateline: re.Pattern[str]
    wire_names: dict[str, str]
    bracket_byline: re.Pattern[str]
    problems: list[Report] = field(default_factory=list)
    any_chrome: re.Pattern[str] | None = field(init=False)

    def __post_init__(self) -> None:
        self.any_chrome = _any_of([rule.matcher for rule in self.chrome])

    def may_be_chrome(self, text: str) -> bool:
        """False when no chrome rule can match the (stripped) line: one regex call for most lines
        instead of one per rule."""
        return self.any_chrome is None or self.any_chrome.fullmatch(text) is not None

    def marker(self, text: str) -> str | None:
        """Which structural marker (key_points, original, …) the line is, if any."""
        stripped = text.strip().strip("【】[]").rstrip(":：").strip()
        for name, words in self.markers.items():
            if stripped in words:
                return name
        return None

    def labelled(self, text: str, name: str) -> str | None:
        """What follows a ``name`` marker written with its content on the same line (出典：IDC「…」), if
        the line is one."""
        head, colon, rest = text.strip().lstrip("【[").partition("：" if "：" in text else ":")
        if colon and rest.strip() and head.strip().rstrip("】]").strip() in self.markers.get(name, ()):
            return rest.strip()
        return None


def _any_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str] | None:
    """One pattern that fully matches where any of ``patterns`` does; None when they cannot be
    joined safely (a back reference would point at another pattern's group)."""
    if any(_BACK_REFERENCE.search(p.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(map(_scoped, patterns)))
    except re.error:
        return None


def _scoped(pattern: re.Pattern[str]) -> str:
    """``pattern`` as a group; leading flags such as ``(?i)`` become the group's own: ``(?i:…)``."""
    flags = _LEADING_FLAGS.match(pattern.pattern)
    if flags is None:
        return f"(?:{pattern.pattern})"
    return f"(?{flags.group(1)}:{pattern.pattern[flags.end():]})"


_BACK_REFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def load_rules(content_dir: Path | None = None) -> ReadingRules:
    """The shipped rules, extended by ``content_dir/reading.yaml`` when present."""
    shipped = package_data("reading.yaml")
    problems: list[Report] = []
    extra: dict[str, Any] = {}
    if content_dir is not None:
        path = content_dir / "reading.yaml"
        if path.is_file():
            try:
                extra = load_yaml(path.read_text("utf-8")) or {}
                if not isinstance(extra, dict):
                    raise ValueError("いちばん上が「項目: 値」の形ではありません")
            except (YAMLError, ValueError, UnicodeDecodeError) as exc:
                problems.append(Report(str(path), f"読み取りルールを読み込めませんでした: {error_reason(exc)}", error_line(exc)))
                extra = {}
    raw_chrome = {r["name"]: r for r in shipped.get("chrome", [])}
    for rule in extra.get("chrome", []) or []:
        if isinstance(rule, dict) and "name" in rule:
            raw_chrome[rule["name"]] = rule
    chrome = []
    for raw in raw_chrome.values():
        try:
            chrome.append(_compile_chrome(raw))
        except (re.error, KeyError, TypeError) as exc:
            problems.append(Report("reading.yaml", f"飾りのルール {raw.get('name')!r} を使いません: {exc}"))
    markers = {k: list(v) for k, v in shipped["markers"].items()}
    for key, words in (extra.get("markers") or {}).items():
        markers.setdefault(key, []).extend(words or [])
    captions = shipped["captions"]
    cues = list(captions["cues"]) + list((extra.get("captions") or {}).get("cues", []) or [])
    meta = shipped["metadata"]
    return ReadingRules(
        chrome=chrome,
        markers=markers,
        caption_cues=cues,
        caption_max_chars=int(captions["max_chars"]),
        relative_date=re.compile(meta["relative_date"]),
        author_prefix=re.compile(meta["author_prefix"]),
        end_credit=re.compile(meta["end_credit"]),
        author_suffix=re.compile(meta["author_suffix"]),
        site_from_author_suffix=meta["site_from_author_suffix"],
        organisation=re.compile(meta["organisation"]),
        source_line=re.compile(meta["source_line"]),
        wire_dateline=re.compile(meta["wire_dateline"]),
        wire_names={str(k): str(v) for k, v in (meta.get("wire_names") or {}).items()},
        bracket_byline=re.compile(meta["bracket_byline"]),
        problems=problems,
    )


def _compile_chrome(raw: dict[str, Any]) -> ChromeRule:
    name = raw["name"]
    site_from = re.compile(raw["site_from"]) if raw.get("site_from") else None
    if site_from is not None and site_from.groups < 1:
        raise re.error("site_from にはサイト名を ( ) で囲んだ部分が必要です")
    common = {"name": name, "site": raw.get("site"), "scope": raw.get("scope"), "cut": raw.get("cut") is True,
              "site_from": site_from}
    if "line" in raw:
        return ChromeRule(kind="line", matcher=re.compile(re.escape(str(raw["line"]).strip())), **common)
    if "pattern" in raw:
        return ChromeRule(kind="pattern", matcher=re.compile(raw["pattern"]), **common)
    if "tail" in raw:
        return ChromeRule(kind="tail", matcher=re.compile(raw["tail"]), **common)
    block = raw["block"]
    return ChromeRule(
        kind="block",
        matcher=re.compile(block["start"]),
        end=re.compile(block["end"]) if "end" in block else None,
        follow=re.compile(block["follow"]) if "follow" in block else None,
        after=int(block.get("after", 0)),
        **common,
    )
