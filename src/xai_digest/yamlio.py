"""YAML for untrusted text: safe loading, dates kept as text.

PyYAML's safe loader turns ``2025-13-45`` into a crash (ValueError) and
timestamps into datetimes; we keep every scalar that looks like a date as a
string and let ``parse.dates`` judge it, with a message that names the line.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it: same rules, ~10x faster


class _TextDatesLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader without the timestamp resolver."""


_TextDatesLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

YAMLError = yaml.YAMLError


def load_yaml(text: str) -> Any:
    """Parse YAML safely (no tags that build objects); raise YAMLError on any failure."""
    try:
        return yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        _clamp_mark(exc, text)
        raise
    except (ValueError, TypeError, RecursionError) as exc:
        raise yaml.YAMLError(str(exc)) from exc


def _clamp_mark(exc: yaml.YAMLError, text: str) -> None:
    """libyaml marks an error at the end of the stream one line past a text without a final newline."""
    mark = getattr(exc, "problem_mark", None)
    last_line = max(len(text.splitlines()) - 1, 0)
    if mark is not None and mark.line > last_line:
        exc.problem_mark = yaml.Mark(mark.name, mark.index, last_line, 0, None, None)  # libyaml's marks are read-only


def error_line(exc: Exception, offset: int = 0) -> int | None:
    """The 1-based line of a YAML error, shifted by ``offset`` lines."""
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 + offset if mark is not None else None


#: What the editor reads for PyYAML's (libyaml's) usual problems, by the start of its wording.
_REASONS_JA = (
    ("mapping values are not allowed", "ここに「:」は書けません（値に「:」を含めるなら引用符で囲みます）"),
    ("found a tab character", "字下げにタブ文字は使えません（半角スペースで字下げします）"),
    ("found character '\\t'", "字下げにタブ文字は使えません（半角スペースで字下げします）"),
    ("could not determine a constructor for the tag", "使えないタグ（!!…）があります"),
    ("found undefined alias", "定義されていない別名（*…）があります"),
    ("did not find expected key", "字下げがそろっていないか、「キー:」がありません"),
    ("found unexpected end of stream", "引用符が閉じていません"),
    ("found unknown escape character", "引用符の中に使えない「\\」の組み合わせがあります"),
    ("did not find expected '-' indicator", "リストの「- 」と字下げがそろっていません"),
    ("did not find expected ',' or ']'", "「[」が閉じていません"),
    ("did not find expected ',' or '}'", "「{」が閉じていません"),
    ("but found another document", "「---」のあとに二つ目の文書があります"),
    ("could not find expected ':'", "「:」が見つかりません"),
)


def error_reason(exc: Exception) -> str:
    """Why YAML could not be read, in Japanese when PyYAML's problem is a usual one (else as it says)."""
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    for start, japanese in _REASONS_JA:
        if problem.startswith(start):
            return japanese
    return problem


def package_data(name: str) -> Any:
    """One of the package's own data files (``src/xai_digest/data/``), parsed."""
    return load_yaml(resources.files("xai_digest.data").joinpath(name).read_text("utf-8"))
