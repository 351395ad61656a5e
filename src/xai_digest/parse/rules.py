"""Stage 2 — parse: the named rules, applied in order to a ParseState.

Each rule is a small function that reads and updates the state; ``RULES``
lists them in the order they run.  Site-specific knowledge lives in the
reading rules data file, not here: these functions only know the shapes
articles come in (front matter, digest pages, web scrapes, plain text).
"""

from __future__ import annotations

import html
import itertools
import re
import tomllib
import unicodedata
from collections.abc import Callable
from typing import Any

from xai_digest.yamlio import YAMLError, error_line, error_reason, load_yaml
from xai_digest.model import ROW_SEPARATOR, KeyPoint, Original, table_row_text
from xai_digest.parse.dates import InvalidDate, find_dateline, normalize_date
from xai_digest.analyze.sentences import split_sentences
from xai_digest.parse.state import Line, ParseState, TableRow, Unit
from xai_digest.parse.reading_rules import END_SCOPE_LINES, ChromeRule
from xai_digest.parse.header import header_line, title_and_metadata
from xai_digest.parse.text import (HEADING_MARKS, LIST_ITEM, MD_HEADING, NUMBERED_LINE, OWN_LINE_START, UNIT_NOTE, ends_sentence,
                                   normalized)

HEADING_MAX_CHARS = 60
NUMBERED_HEADING_MAX_CHARS = 30
#: The shortest line a PDF's wrap is taken to have broken (a label line with a comma is shorter).
WRAPPED_LINE_MIN_CHARS = 20
REPEAT_MIN_CHARS = 20
DERIVED_TITLE_MAX_CHARS = 80
_URL = re.compile(r"https?://[^\s<>「」『』()（）\[\]]+")
_MD_QUOTE = re.compile(r"^(>\s?)+")
#: A heading marked the way press releases and Japanese pages mark them (■新クラスタの概要, 【背景】).
_MARKED_HEADING = re.compile(rf"^(?:[{HEADING_MARKS}]\s*(?P<a>[^{HEADING_MARKS}]{{1,40}})|【(?P<b>[^】]{{1,30}})】)$")
#: A whole line in Markdown emphasis (``*写真: 同社提供*``), as captions under images are written.
_MD_EMPHASIS_LINE = re.compile(r"^([*_]{1,2})([^*_].*?)\1$")
#: A front matter line's key: ``date: …`` (YAML) or ``date = …`` (TOML).
_FRONT_MATTER_KEY = re.compile(r"\s*([^:=]*?)\s*[:=]")
_FRONT_MATTER_KEYS = {
    "title": "title",
    "author": "author",
    "authors": "author",
    "site": "site",
    "site_name": "site",
    "publisher": "site",
    "source": "site",
    "category": "category",
    "categories": "category",
    "tags": "tags",
    "excerpt": "lead",
    "description": "lead",
    "summary": "lead",
    "slug": "slug",
}


# --- rules over lines ---------------------------------------------------------


def front_matter(state: ParseState) -> None:
    """Front matter: YAML between ``---`` lines (Jekyll, Hugo, most blog exports) or TOML between
    ``+++`` lines (Hugo)."""
    fence = state.lines[0].text.strip() if state.lines else ""
    if fence not in ("---", "+++"):
        return
    closers = ("---", "...") if fence == "---" else ("+++",)
    for index in range(1, len(state.lines)):
        if state.lines[index].text.strip() in closers:
            break
    else:
        state.warn(f"「{fence}」で始まるフロントマターが閉じていません。ふつうのテキストとして読みました", 1)
        state.lines = state.lines[1:]
        return
    raw = "\n".join(line.text for line in state.lines[1:index])
    state.lines = state.lines[index + 1 :]
    state.format = "front-matter"
    data = _front_matter_data(state, raw, fence)
    if data is None:
        return
    if not isinstance(data, dict):
        state.warn("フロントマターが「項目: 値」の形ではありません。使いません", 2)
        return
    state.front_matter = data
    key_lines = {m.group(1): i + 2 for i, ln in enumerate(raw.splitlines()) if (m := _FRONT_MATTER_KEY.match(ln))}
    for key, value in data.items():
        target = _FRONT_MATTER_KEYS.get(str(key))
        if target in ("tags", "category"):
            values = value if isinstance(value, list) else [value] if value else []
            values = [str(v) for v in values if v is not None]
            if target == "category":
                state.fields["category"] = values[0] if values else None
                state.fields.setdefault("categories", values)
            else:
                state.fields["tags"] = values
        elif target and value is not None:
            state.fields[target] = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    if "date" in data:
        try:
            state.fields["date"] = normalize_date(data["date"])
        except InvalidDate as exc:
            state.warn(str(exc), key_lines.get("date"))


def _front_matter_data(state: ParseState, raw: str, fence: str) -> Any:
    """The parsed front matter (safe loaders only: no tag or value can run code); None and a report
    when it does not parse."""
    if fence == "+++":
        try:
            return tomllib.loads(raw)
        except tomllib.TOMLDecodeError as exc:
            line = re.search(r"line (\d+)", str(exc))
            state.warn(f"フロントマターの TOML が正しくありません（{exc}）。その項目は使いません", int(line.group(1)) + 1 if line else 1)
            return None
    try:
        return load_yaml(raw)
    except YAMLError as exc:
        state.warn(f"フロントマターの YAML が正しくありません（{error_reason(exc)}）。その項目は使いません", error_line(exc, 1) or 1)
        return None


def clean_artifacts(state: ParseState) -> None:
    """Fix machine-translation artefacts (a stray '.' after '。'), trailing spaces, and half-width katakana
    (ｴﾇﾋﾞﾃﾞｨｱ in a portal's headline: Japanese is printed in full-width kana)."""
    for line in state.lines:
        text = re.sub(r"。\s*\.(?=\s|$)", "。", line.text.rstrip())
        if _HALF_WIDTH_KANA.search(text):
            text = _HALF_WIDTH_KANA.sub(lambda kana: unicodedata.normalize("NFKC", kana.group()), text)
        line.text = text


#: A run of half-width katakana (and its sound marks): NFKC writes it full-width (ｴﾇﾋﾞﾃﾞｨｱ → エヌビディア).
_HALF_WIDTH_KANA = re.compile(r"[\uff61-\uff9f]+")


_COMMENT_OPEN, _COMMENT_CLOSE = "<!--", "-->"
#: A Markdown footnote's text: ``[^1]: [OpenAIの発表](https://…)``.
_MD_FOOTNOTE = re.compile(r"^\s*\[\^[^\]\s]+\]:\s*(.*)$")


def markdown_notes(state: ParseState) -> None:
    """An HTML comment (an editor's note: <!-- 数字は要確認 -->) is no text; a Markdown footnote leaves
    the body and its web address becomes a reference."""
    kept, in_comment = [], False
    for line in state.lines:
        text = line.text
        if in_comment or text.lstrip().startswith(_COMMENT_OPEN):
            closes = text.find(_COMMENT_CLOSE, 0 if in_comment else text.find(_COMMENT_OPEN) + len(_COMMENT_OPEN))
            in_comment = closes < 0
            rest = "" if in_comment else text[closes + len(_COMMENT_CLOSE) :].strip()
            if not rest:
                continue
            line = Line(line.number, rest)
        footnote = _MD_FOOTNOTE.match(line.text)
        if footnote:
            _cite(state.references, _URL.findall(footnote.group(1)))
            continue
        kept.append(line)
    state.lines = kept


#: Block-level HTML, as a Markdown post or a pasted page holds it: a tag ends a paragraph and is no text
#: (the table tags here are strays: a <table> is read by ``tables``).
_BLOCK_TAG = re.compile(r"</?(?P<name>address|article|aside|blockquote|center|dd|details|div|dl|dt|figcaption|figure|footer"
                        r"|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|ul|picture|source|video|audio|embed"
                        r"|object|param|table|caption|colgroup|col|thead|tbody|tfoot|tr|th|td)\b[^<>]*>", re.IGNORECASE)
#: Elements whose content is no text of the article (code, styles, embedded frames): dropped whole.
_HIDDEN_OPEN = re.compile(r"<(script|style|noscript|iframe|svg|template|form|button|select)\b[^<>]*>", re.IGNORECASE)
_HIDDEN_CLOSE = re.compile(r"</(?:script|style|noscript|iframe|svg|template|form|button|select)\s*>", re.IGNORECASE)
_TABLE_OPEN = re.compile(r"<table\b[^<>]*>", re.IGNORECASE)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.IGNORECASE)


def html_blocks(state: ParseState) -> None:
    """Block-level HTML (<div>, <p>, <h2>, <li>, <figure>): its tags end paragraphs and are no text, a
    heading tag makes a heading and a list item a bullet, a <p> wrapped over lines is one paragraph;
    <script>, <style> and <iframe> go with what they hold.  A <table> is left whole to ``tables``."""
    if not any("<" in line.text for line in state.lines):
        return
    kept: list[Line] = []
    hidden: re.Pattern[str] | None = None  # the closing tag of the hidden element being skipped
    in_table = False
    open_block: Line | None = None  # a <p> (or <li>, <h2> …) whose closing tag is on a later line
    for line in _tables_apart(state.lines):
        text = line.text
        if hidden is not None:
            closed = hidden.search(text)
            if closed is None:
                continue
            hidden, text = None, text[closed.end() :]
        if "<" in text:
            text, hidden = _without_hidden_elements(text)
        if in_table:  # the table is one line: no later rule (chrome) can take part of it
            kept[-1] = Line(kept[-1].number, f"{kept[-1].text} {text.strip()}")
            in_table = not _TABLE_CLOSE.search(text)
            continue
        if _TABLE_OPEN.search(text):
            kept += _html_lines(open_block) if open_block else []
            open_block, in_table = None, not _TABLE_CLOSE.search(text)
            kept.append(Line(line.number, text))
            continue
        if open_block is not None and text.strip() and not _BLOCK_TAG.match(text.lstrip()):
            line = Line(open_block.number, _join(open_block.text, text.strip()))
        else:
            kept += _html_lines(open_block) if open_block else []
            line = Line(line.number, text)
        open_block = line if _opens_paragraph(line.text) else None
        if open_block is None:
            kept += _html_lines(line)
    state.lines = kept + (_html_lines(open_block) if open_block else [])


_TABLE_EDGE = re.compile(r"(?=<table\b)|(?<=</table>)", re.IGNORECASE)


def _tables_apart(lines: list[Line]) -> list[Line]:
    """``lines`` with each <table> … </table> starting and ending a line of its own (a page pasted as one
    line of HTML keeps the text around its tables)."""
    apart = []
    for line in lines:
        if "<" in line.text and (_TABLE_OPEN.search(line.text) or _TABLE_CLOSE.search(line.text)):
            apart += [Line(line.number, part) for part in _TABLE_EDGE.split(line.text) if part.strip()]
        else:
            apart.append(line)
    return apart


#: Block tags whose text is one paragraph however many lines it is wrapped over.
_PARAGRAPH_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "summary"})


def _opens_paragraph(text: str) -> bool:
    """The last block tag of ``text`` opens a paragraph (<p>…) that the line does not close."""
    tags = list(_BLOCK_TAG.finditer(text))
    return bool(tags) and not tags[-1].group(0).startswith("</") and tags[-1].group("name").lower() in _PARAGRAPH_TAGS


def _html_lines(line: Line) -> list[Line]:
    """``line`` as the lines its block tags separate; a line of tags only (<img …>, <br>) is a blank one."""
    if "<" not in line.text:
        return [line]
    if not _ANY_TAG.sub("", line.text).strip():
        return [Line(line.number, "")]
    if not _BLOCK_TAG.search(line.text):
        return [line]
    return [Line(line.number, part) for part in _block_parts(line.text)]


def _without_hidden_elements(text: str) -> tuple[str, re.Pattern[str] | None]:
    """``text`` less its <script>…</script> and the like; the closing tag to look for when one is left open."""
    while (opened := _HIDDEN_OPEN.search(text)) is not None:
        closing = re.compile(rf"</{opened.group(1)}\s*>", re.IGNORECASE)
        closed = closing.search(text, opened.end())
        if closed is None:
            return _HIDDEN_CLOSE.sub("", text[: opened.start()]), closing
        text = text[: opened.start()] + text[closed.end() :]
    return _HIDDEN_CLOSE.sub("", text), None  # one closed that never opened


def _block_parts(text: str) -> list[str]:
    """A line holding block tags, as the lines its tags separate: a blank line stands for each tag (text
    before the first or after the last may continue a neighbouring line), entities read."""
    parts, mark, at = [], "", 0
    for tag in _BLOCK_TAG.finditer(text):
        parts += _block_piece(mark, text[at : tag.start()]) + [""]
        mark = "" if tag.group(0).startswith("</") else _BLOCK_MARK.get(tag.group("name").lower(), "")
        at = tag.end()
    return parts + _block_piece(mark, text[at:])


def _block_piece(mark: str, html_text: str) -> list[str]:
    """The text between two block tags as a line (after the mark its opening tag makes: ``## ``, ``- ``),
    or none when it is only marks (<img …> alone)."""
    piece = _html_text(html_text)
    return [mark + piece] if _ANY_TAG.sub("", piece).strip() else []


def _html_text(text: str) -> str:
    """Text of HTML with its entities read (&amp; → &, &nbsp; → a plain space)."""
    return html.unescape(text).replace("\xa0", " ").strip()


#: How Markdown writes what a block tag makes of the text after it: a heading, a list item.
_BLOCK_MARK = {**{f"h{level}": "#" * level + " " for level in range(1, 7)}, "li": "- "}


def strip_chrome(state: ParseState) -> None:
    """Drop page furniture named by the chrome rules (see data/reading.yaml)."""
    lines = state.lines
    nonblank = [i for i, line in enumerate(lines) if line.text.strip()]
    zones = {"end": set(nonblank[-END_SCOPE_LINES:]), "start": set(nonblank[:END_SCOPE_LINES])}
    keep: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.text.strip()
        rule = next(
            (r for r in state.rules.chrome if r.matches(text) and (r.scope is None or index in zones[r.scope])),
            None,
        ) if text and state.rules.may_be_chrome(text) else None
        if rule is None:
            keep.append(line)
            index += 1
            continue
        if rule.site:
            state.site_hints.append(rule.site)
        _note_site_from(state, rule, text)
        if rule.cut and state.cut_at is None:
            state.cut_at = line.number
        if rule.kind == "tail":
            for dropped in lines[index:]:
                state.remove_chrome(dropped)
                for other in state.rules.chrome:  # a copyright line inside the tail still names the site
                    if other.site_from and other.matches(dropped.text):
                        _note_site_from(state, other, dropped.text.strip())
            break
        stop = index + 1
        if rule.kind == "block":
            stop = _block_end(lines, index, rule)
        for dropped in lines[index:stop]:
            state.remove_chrome(dropped)
        index = stop
    state.lines = keep


#: A site menu pasted one item per line ahead of the article (Latest / Startups / Venture / …): at least
#: MENU_MIN_ITEMS short lines in a row, each without digits or punctuation, before the first line of text.
MENU_MIN_ITEMS = 5
_MENU_ITEM = re.compile(r"[^\d。．.!?！？、,:：「」()（）]{1,20}")
_TEXT_LINE_CHARS = 40


def strip_menu_run(state: ParseState) -> None:
    """Drop the runs of menu items at the top of a pasted page (a title is longer, stands alone, or
    heads a block of short lines that ends at the dateline)."""
    run: list[int] = []
    dropped: set[int] = set()
    for index, line in enumerate([*state.lines, Line(number=0, text="")]):
        text = line.text.strip()
        if text and _MENU_ITEM.fullmatch(text):
            run.append(index)
            continue
        if len(run) >= MENU_MIN_ITEMS and not find_dateline(text):  # title, byline, tags … then the date: no menu
            dropped.update(run)
        run = []
        if len(text) > _TEXT_LINE_CHARS and ends_sentence(text):
            break  # the article has begun (a title or a site's tagline does not end a sentence)
    if not dropped:
        return
    for index in sorted(dropped):
        state.remove_chrome(state.lines[index])
        if state.rules.organisation.match(state.lines[index].text.strip()):
            state.site_hints.append(state.lines[index].text.strip())  # 日本経済新聞 / トップ / 速報 …
    state.lines = [line for index, line in enumerate(state.lines) if index not in dropped]


def _note_site_from(state: ParseState, rule: ChromeRule, text: str) -> None:
    """© 2025 Example Media LLC: a rule's ``site_from`` names the site, when nothing else does."""
    named = rule.site_from.search(text) if rule.site_from else None
    if named and named.group(1).strip():
        state.site_fallbacks.append(named.group(1).strip())


def _block_end(lines: list[Line], start: int, rule) -> int:
    """Index just past a chrome block that begins at ``start``."""
    if rule.end is not None:
        for index in range(start + 1, min(len(lines), start + 60)):
            if rule.end.fullmatch(lines[index].text.strip()):
                stop = index + 1
                extra = rule.after
                while extra and stop < len(lines):
                    if lines[stop].text.strip():
                        extra -= 1
                    stop += 1
                return stop
        return start + 1
    stop = start + 1
    while stop < len(lines) and rule.follow is not None and rule.follow.fullmatch(lines[stop].text.strip()):
        stop += 1
    return stop


def strip_title_suffix_repeat(state: ParseState) -> None:
    """A last line ``<title> | section | Site`` is the HTML <title>: it names the title and the site."""
    texts = [line.text.strip() for line in state.lines if line.text.strip()]
    for index in range(len(state.lines) - 1, -1, -1):
        text = state.lines[index].text.strip()
        if not text:
            continue
        if " | " not in text and "｜" not in text:
            return
        parts = [p.strip() for p in re.split(r"\s+\|\s+|｜", text) if p.strip()]
        if len(parts) >= 2 and parts[0] in texts[:12]:
            state.fields.setdefault("title", parts[0])
            state.fields["title_confirmed"] = True
            state.site_hints.append(parts[-1])
            suffix = text[len(parts[0]) :].strip()
            state.chrome_removed.append(suffix)
            del state.lines[index]
        return


def split_original(state: ParseState) -> None:
    """Everything after 原文を表示 is the article in its original language."""
    for index, line in enumerate(state.lines):
        if state.rules.marker(line.text) == "original":
            original = "\n".join(ln.text.strip() for ln in state.lines[index + 1 :] if ln.text.strip())
            state.lines = state.lines[:index]
            if original:
                state.original = Original(language=guess_language(original), text=original)
            return


def guess_language(text: str) -> str:
    """A coarse script-based guess: en, ja, ko or zh."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "und"
    kana = sum(1 for ch in letters if "\u3040" <= ch <= "\u30ff")
    hangul = sum(1 for ch in letters if "\uac00" <= ch <= "\ud7af")
    latin = sum(1 for ch in letters if ch.isascii())
    han = sum(1 for ch in letters if "\u4e00" <= ch <= "\u9fff")
    if latin / len(letters) > 0.6:
        return "en"
    if hangul > kana and hangul > han:
        return "ko"
    if kana:
        return "ja"
    return "zh"


#: A Markdown pipe table's delimiter row (``| --- | :---: |``), of two cells or more.
_PIPE_DELIMITER = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*")
_PIPE = re.compile(r"(?<!\\)\|")
_HAS_DIGIT = re.compile(r"\d")


def tables(state: ParseState) -> None:
    """Tables: a Markdown pipe table (header, delimiter row, rows), or a run of lines of as many
    tab-separated cells, as a browser copies a web page's table.  Each body row becomes one line that
    later rules keep whole, written ``名前｜見出し：値｜…``: a value reads with its column's heading
    (調達額 or 評価額) and its row's name.  The header and delimiter lines leave the body."""
    lines, kept, index, count = state.lines, [], 0, 0
    while index < len(lines):
        found = _pipe_table(lines, index) or _tab_table(lines, index) or _html_table(lines, index)
        if found is None:
            kept.append(lines[index])
            index += 1
            continue
        header, rows, index = found
        for line, cells in rows:
            kept.append(Line(line.number, table_row_text(header, cells)[0], TableRow(count, header, cells)))
        count += bool(rows)
    state.lines = kept


#: A table found at a line: its header, each body row's line and cells, and the index past its last line.
_FoundTable = tuple[tuple[str, ...], list[tuple[Line, tuple[str, ...]]], int]


def _pipe_table(lines: list[Line], start: int) -> _FoundTable | None:
    if start + 2 >= len(lines) or "|" not in lines[start].text or not _PIPE_DELIMITER.fullmatch(lines[start + 1].text):
        return None
    header = _pipe_cells(lines[start].text)
    if len(header) != len(_pipe_cells(lines[start + 1].text)):
        return None  # not a table to Markdown either
    end = start + 2
    rows = []
    while end < len(lines) and lines[end].text.strip() and "|" in lines[end].text:
        cells = _pipe_cells(lines[end].text)
        rows.append((lines[end], (cells + ("",) * len(header))[: len(header)]))  # as Markdown pads and cuts
        end += 1
    return (header, rows, end) if rows else None


def _pipe_cells(text: str) -> tuple[str, ...]:
    text = text.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return tuple(_cell_text(cell.replace("\\|", "|")) for cell in _PIPE.split(text))


def _tab_table(lines: list[Line], start: int) -> _FoundTable | None:
    """Two or more lines of the same number (two or more) of tab-separated cells.  The first is the
    header when none of its cells has a digit and a later one does (企業 / 調達額 over xAI / 200億ドル)."""
    width = lines[start].text.count("\t") + 1 if "\t" in lines[start].text.strip() else 0
    end = start
    while end < len(lines) and width >= 2 and lines[end].text.strip() and lines[end].text.count("\t") + 1 == width:
        end += 1
    if end - start < 2:
        return None
    cells = [tuple(_cell_text(cell) for cell in line.text.split("\t")) for line in lines[start:end]]
    if not any(_HAS_DIGIT.search(c) for c in cells[0]) and any(_HAS_DIGIT.search(c) for row in cells[1:] for c in row):
        return cells[0], list(zip(lines[start + 1 : end], cells[1:])), end
    return ("",) * width, list(zip(lines[start:end], cells)), end


_HTML_ROW = re.compile(r"<tr\b[^<>]*>", re.IGNORECASE)
_HTML_CELL = re.compile(r"<t([hd])\b[^<>]*>", re.IGNORECASE)
_HTML_ROW_END = re.compile(r"</tr\s*>|<tr\b|</?t(?:head|body|foot)\b|</table\s*>", re.IGNORECASE)
#: An HTML tag of any name (not a bracketed word such as <注> or the < and > of a comparison).
_ANY_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")


def _html_table(lines: list[Line], start: int) -> _FoundTable | None:
    """An HTML <table> (``html_blocks`` made it one line): its rows of <td>/<th> cells; the first row is
    the header when all its cells are <th>.  Cells a row lacks are empty; what is no cell is left out."""
    line = lines[start]
    if not _TABLE_OPEN.search(line.text):
        return None
    found = []
    for row in _HTML_ROW.finditer(line.text):
        row_end = _HTML_ROW_END.search(line.text, row.end())
        inside = line.text[row.end() : row_end.start() if row_end else len(line.text)]
        cells = [(kind.lower(), _cell_text(" ".join(_html_text(_ANY_TAG.sub(" ", cell)).split())))
                 for kind, cell in _html_cells(inside)]
        if cells:
            found.append(cells)
    width = max((len(cells) for cells in found), default=0)
    header: tuple[str, ...] = ("",) * width
    if found and all(kind == "h" for kind, _ in found[0]):
        header = tuple(cell for _, cell in found[0]) + ("",) * (width - len(found[0]))
        found = found[1:]
    return header, [(line, tuple(cell for _, cell in cells) + ("",) * (width - len(cells))) for cells in found], start + 1


def _html_cells(row: str) -> list[tuple[str, str]]:
    """(h or d, inner HTML) of each cell of a row's HTML (closing tags optional, as HTML allows)."""
    opened = list(_HTML_CELL.finditer(row))
    return [(cell.group(1), _CELL_END.sub("", row[cell.end() : following.start() if following else len(row)]))
            for cell, following in zip(opened, opened[1:] + [None])]


_CELL_END = re.compile(r"</t[hd]\s*>.*", re.IGNORECASE | re.DOTALL)


def _cell_text(text: str) -> str:
    return _strip_inline_markdown(text.strip()).replace(ROW_SEPARATOR, "/")


def make_units(state: ParseState) -> None:
    """Turn lines into paragraph units, re-joining quotes and hard-wrapped lines."""
    nonblank = [line for line in state.lines if line.text.strip()]
    blanks = len(state.lines) - len(nonblank)
    state.uses_blank_lines = blanks >= max(2, len(nonblank) // 3)
    units: list[Unit] = []
    previous_blank = True
    for line in state.lines:
        text = line.text.strip()
        if not text:
            previous_blank = True
            continue
        if line.row is not None:  # a table's row: never joined to a neighbour
            units.append(Unit(number=line.number, text=text, kind="row", row=line.row))
            previous_blank = True
            continue
        text = _MD_QUOTE.sub("", text) or text  # a Markdown block quote's marker is not text
        if (units and units[-1].kind != "row" and _continues(units[-1].text, text, previous_blank, state.uses_blank_lines)
                and not header_line(state, text, len(units))):
            units[-1].text = _join(units[-1].text, text)
        else:
            units.append(Unit(number=line.number, text=text))
        previous_blank = False
    state.units = units


def _continues(previous: str, text: str, previous_blank: bool, uses_blank_lines: bool) -> bool:
    if previous.count("「") > previous.count("」") and previous.rstrip().endswith("「"):
        return True
    if not uses_blank_lines or previous_blank:
        return False
    if LIST_ITEM.match(text) or MD_HEADING.match(text) or MD_HEADING.match(previous) or ends_sentence(previous):
        return False
    return len(previous) > HEADING_MAX_CHARS or _wrapped_mid_sentence(previous, text)


def _wrapped_mid_sentence(previous: str, text: str) -> bool:
    """生成AIの急速な普及に伴い、国内における計算資源の需要は / 急拡大している。: a page copied from a PDF
    breaks its sentences at the line's width; a line of running text (a comma or a finished sentence
    inside it, as headings and labels have not) that stops mid-sentence goes on in the next line —
    unless either line starts something of its own (■ a heading, 〜 a subtitle, （1） a label)."""
    return (len(previous) >= WRAPPED_LINE_MIN_CHARS and _RUNNING_TEXT.search(previous) is not None
            and OWN_LINE_START.match(text) is None and OWN_LINE_START.match(previous) is None)


#: A comma or a sentence's end inside a line: it is running text.
_RUNNING_TEXT = re.compile(r"[、。，．]")


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and right[0].isascii() and left[-1].isalnum():
        return f"{left} {right}"
    return left.rstrip() + right.lstrip()


def end_credit(state: ParseState) -> None:
    """（聞き手・山田太郎） on the last line credits the writer: the author, when no byline named one
    (it runs after the title and byline rules)."""
    last = state.units[-1] if state.units else None
    credit = state.rules.end_credit.match(last.text) if last is not None else None
    if credit:
        state.fields.setdefault("author", credit.group("author").strip())
        state.chrome_removed.append(last.text)
        state.units.pop()


#: The signature under a post embedded from X or Threads: — Elon Musk (@elonmusk) November 18, 2025.
_POST_SIGNATURE = re.compile(r"^[—–]\s?[^()@\n]{1,40}?\s?\(@\w{1,30}\)(?:\s.{0,40})?$")


def embedded_posts(state: ParseState) -> None:
    """A post embedded from X (its words, then ``— Name (@handle) date``) is a quote signed by its
    author: “words” — Name (@handle) date, read like any signed quote.  The signature alone would be
    taken for a heading."""
    units: list[Unit] = []
    for unit in state.units:
        if _POST_SIGNATURE.match(unit.text) and units and units[-1].kind == "paragraph" and not units[-1].text.startswith(("“", "「", '"')):
            units[-1].text = f"“{units[-1].text}” {unit.text}"
            continue
        units.append(unit)
    state.units = units


def detect_digest(state: ParseState) -> None:
    """A digest page: title, lead, キーポイント boxes, 影響分析, 編集コメント, body."""
    marks = [(i, state.rules.marker(u.text)) for i, u in enumerate(state.units)]
    found = {name: i for i, name in reversed(marks) if name in ("key_points", "impact_analysis", "editor_comment")}
    if "key_points" not in found or not ({"impact_analysis", "editor_comment"} & found.keys()):
        return
    state.format = "digest" if state.format == "plain" else state.format
    kp = found["key_points"]
    head = state.units[:kp]
    if head and "title" not in state.fields:
        state.fields["title"] = head[0].text
        state.fields["title_confirmed"] = True
        head = head[1:]
    if head:
        state.fields["lead"] = " ".join(u.text for u in head)
    section_starts = sorted(i for i in found.values() if i > kp)
    kp_end = section_starts[0] if section_starts else len(state.units)
    boxes = state.units[kp + 1 : kp_end]
    for pos in range(0, len(boxes) - 1, 2):
        state.key_points.append(KeyPoint(heading=boxes[pos].text, body=boxes[pos + 1].text))
    if len(boxes) % 2:
        state.warn("キーポイントに本文のない見出しがあります", boxes[-1].number)
    body_start = kp_end
    for name in ("impact_analysis", "editor_comment"):
        if name in found and found[name] > kp and found[name] + 1 < len(state.units):
            state.fields[name] = state.units[found[name] + 1].text
            body_start = max(body_start, found[name] + 2)
    state.units = state.units[body_start:]


def summary_points(state: ParseState) -> None:
    """A news page's own summary (【この記事のポイント】 and a bullet list) becomes the key points,
    one a bullet, when the page has none of its own (a digest's キーポイント boxes come first)."""
    if state.key_points:
        return
    for index, unit in enumerate(state.units[:12]):
        if state.rules.marker(unit.text) not in ("summary", "key_points"):
            continue
        items = list(itertools.takewhile(lambda u: LIST_ITEM.match(u.text), state.units[index + 1 :]))
        if len(items) < 2:
            return
        state.key_points = [KeyPoint(heading=LIST_ITEM.sub("", item.text).strip(), body="") for item in items]
        state.units = state.units[:index] + state.units[index + 1 + len(items) :]
        return


def references(state: ParseState) -> None:
    """A 参考リンク/References list: its URLs become ``references`` and leave the body; so does a
    source named on its marker's line (出典：IDC「Worldwide AI Server Forecast」, Source: …)."""
    for unit in state.units:
        cited = state.rules.labelled(unit.text, "references")
        if cited is not None:
            _cite(state.references, _URL.findall(cited) or [cited])
            unit.text = ""
    state.units = [unit for unit in state.units if unit.text]
    for index, unit in enumerate(state.units):
        if state.rules.marker(unit.text) != "references":
            continue
        end = index + 1
        while end < len(state.units) and (_URL.search(state.units[end].text) or LIST_ITEM.match(state.units[end].text)):
            item = state.units[end].text
            _cite(state.references, _URL.findall(item) or [LIST_ITEM.sub("", item, count=1)])  # once each, without its bullet
            end += 1
        if end > index + 1:
            del state.units[index:end]
        return


def dedupe(state: ParseState) -> None:
    """A paragraph or long sentence repeated in the file (copy-paste, export glitch) appears once."""
    seen: set[str] = set()
    kept = []
    for unit in state.units:
        if unit.kind == "row":  # a table keeps every row
            kept.append(unit)
            continue
        key = normalized(unit.text)
        if len(key) >= 12 and key in seen:
            state.chrome_removed.append(f"(repeat) {unit.text[:40]}…")
            continue
        sentences = [(s.text, normalized(s.text)) for s in split_sentences(unit.text)]
        fresh = [text for text, norm in sentences if len(norm) < REPEAT_MIN_CHARS or norm not in seen]
        if len(fresh) < len(sentences):
            if not fresh:
                continue
            state.chrome_removed.append(f"(repeat) {unit.text[:40]}…")
            unit.text = _join_sentences(fresh)
        seen.add(key)
        seen.update(norm for _, norm in sentences)
        kept.append(unit)
    state.units = kept


def _join_sentences(sentences: list[str]) -> str:
    out = ""
    for sentence in sentences:
        out = f"{out} {sentence}" if out and (out[-1].isascii() or sentence[0].isascii()) else out + sentence
    return out


def classify_units(state: ParseState) -> None:
    """Label each unit: Markdown or unmarked heading, image caption, or paragraph."""
    units = state.units
    for index, unit in enumerate(units):
        if unit.kind == "row":
            continue
        md = MD_HEADING.match(unit.text)
        if md:
            unit.kind, unit.text = "heading", _strip_inline_markdown(_MD_HEADING_ATTRIBUTES.sub("", md.group(2)))
            continue
        marked = _MARKED_HEADING.match(unit.text)
        if marked and not ends_sentence(unit.text):
            unit.kind, unit.text = "heading", (marked.group("a") or marked.group("b")).strip()
            continue
        emphasis = _MD_EMPHASIS_LINE.match(unit.text)
        if emphasis:
            unit.text = emphasis.group(2)
        if _is_caption(state, unit.text):
            unit.kind, unit.text = "caption", _IMAGE_PLACEHOLDER.sub("", unit.text)
        elif _is_unmarked_heading(unit.text, units[index + 1 :]) or _is_numbered_heading(unit.text, units, index):
            unit.kind = "heading"
        unit.text = _strip_inline_markdown(unit.text, state.references)  # <b>背景</b> as a heading too
    state.units = [unit for unit in units if unit.text]  # a line of inline marks only (<img …>, <br>)


def _is_caption(state: ParseState, text: str) -> bool:
    if len(text) > state.rules.caption_max_chars or ends_sentence(text) or LIST_ITEM.match(text):
        return False
    if _IMAGE_PLACEHOLDER.match(text) or _SOURCE_NOTE_AT_END.search(text):
        return True  # [画像] …の推移（出所：IDC）: what a copied page left of an image, and its caption
    bare = text.rstrip("）)」』】")  # 写真（同社提供）
    return any(bare.endswith(cue) or f"{cue} " in text or f"{cue}-" in text for cue in state.rules.caption_cues) or (
        "報じた" in text or "報道" in text
    )


#: [画像], 【写真】, (図): where a copied page had an image.
_IMAGE_PLACEHOLDER = re.compile(r"^[\[［【(（](?:画像|写真|図|図表|グラフ|動画|(?i:image|photo|chart))[\]］】)）]\s*")
#: …の推移（出所：IDC）: a chart's caption names where its data come from.
_SOURCE_NOTE_AT_END = re.compile(r"[（(](?:出所|出典|資料|データ|(?i:source))\s*[:：][^（）()]{1,40}[）)]$")


def _is_unmarked_heading(text: str, rest: list[Unit]) -> bool:
    if len(text) > HEADING_MAX_CHARS or ends_sentence(text) or LIST_ITEM.match(text) or _URL.search(text):
        return False
    if text.startswith(("※", "注）", "注:", "注：", "(注", "（注")) or UNIT_NOTE.match(text):
        return False  # a note (※1ドル=150円で換算, a table's （単位：億円）), not a heading
    for following in rest[:3]:
        if following.kind == "caption":
            continue
        if len(following.text) > HEADING_MAX_CHARS or ends_sentence(following.text) or following.kind == "row":
            return True
    return False


def _number(text: str) -> int | None:
    numbered = NUMBERED_LINE.match(text)
    return int(numbered.group("n") or numbered.group("m")) if numbered else None


def _is_numbered_heading(text: str, units: list[Unit], index: int) -> bool:
    """1. 認定の概要 over its own text or list: a release's numbered section, not an item of a numbered
    list (the line before it is not the item before it, nor the line after it the next: 2. 今後の課題 over
    a list of its own, 1. 電力の確保 / 2. 人材の採用, is a heading)."""
    number = _number(text)
    if number is None or len(text) > NUMBERED_HEADING_MAX_CHARS or ends_sentence(text):
        return False
    before = _number(units[index - 1].text) if index else None
    after = next((unit for unit in units[index + 1 :] if unit.kind != "caption"), None)
    return after is not None and before != number - 1 and _number(after.text) != number + 1


_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((\S+?)(?:\s+\"[^\"]*\")?\)")
_MD_STRONG = re.compile(r"(\*\*|__)(.+?)\1")


#: A Markdown heading's attributes: ``## 調達の内訳 {#breakdown}``.
_MD_HEADING_ATTRIBUTES = re.compile(r"\s*\{[#.][^{}]*\}$")
#: *emphasis* (not 2*3*4, not a ** pair), `code`, a footnote's mark [^1] or <sup>2</sup>, an inline HTML tag or comment.
_MD_EMPHASIS = re.compile(r"(?<![*A-Za-z0-9])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![*A-Za-z0-9])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\](?!:)")
_HTML_INLINE = re.compile(r"<!--.*?-->|<sup>[\d\s,*†‡-]+</sup>|</?(?:br|sup|sub|span|em|strong|b|i|u|small|mark|a|abbr|cite|code|s|del|ins|kbd|q|wbr|img)\b[^<>]*>",
                          re.IGNORECASE)
_MD_BULLET = re.compile(r"^[-*+]\s+")
_HTML_HREF = re.compile(r"""<a\s[^<>]*?href\s*=\s*["']?(https?://[^"'\s<>]+)""", re.IGNORECASE)


def _strip_inline_markdown(text: str, urls: list[str] | None = None) -> str:
    """Markdown's marks out of a paragraph: **bold**, *emphasis*, `code` and [a link](url) keep their
    text; an inline image, a footnote's mark [^1] and inline HTML (<br>, <sup>, comments) go; a bullet
    (- item) is written ・ as Japanese lists are.  A link's web address (Markdown's or an HTML <a>'s) is
    added to ``urls`` (the article's references: a cited source)."""
    if "](" in text:
        text = _MD_IMAGE.sub("", text)

        def link_text(match: re.Match[str]) -> str:
            if urls is not None and _URL.fullmatch(match.group(2)):
                _cite(urls, [match.group(2)])
            return match.group(1)

        text = _MD_LINK.sub(link_text, text).strip()
    if "[^" in text:
        text = _MD_FOOTNOTE_MARK.sub("", text)
    if "<" in text:  # a block tag too, left where chrome took the rest of its element
        if urls is not None:  # <a href="https://…">ロイター</a> cites a source as [ロイター](https://…) does
            _cite(urls, _HTML_HREF.findall(text))
        text = _BLOCK_TAG.sub("", _HTML_INLINE.sub("", text)).strip()
    if "`" in text:
        text = _MD_CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = _MD_EMPHASIS.sub(r"\1", _MD_STRONG.sub(r"\2", text))
    return _MD_BULLET.sub("・", text)


def _cite(references: list[str], urls: list[str]) -> None:
    """Add each of ``urls`` that is not yet among the article's ``references``, in order."""
    for url in urls:
        if url not in references:
            references.append(url)


RULES: list[Callable[[ParseState], None]] = [
    front_matter,
    clean_artifacts,
    markdown_notes,
    html_blocks,
    strip_menu_run,
    strip_chrome,
    strip_title_suffix_repeat,
    split_original,
    tables,
    make_units,
    embedded_posts,
    detect_digest,
    title_and_metadata,
    end_credit,
    summary_points,
    references,
    dedupe,
    classify_units,
]
