"""The head of an article: its title, and the byline, date, site and section lines around it.

``title_and_metadata`` is one rule of the chain in ``rules.RULES``; ``header_line`` tells
``make_units`` not to join a byline or dateline to the title above it.
"""

from __future__ import annotations

import re

from xai_digest.parse.dates import PRESS_DATE_AFTER_CITY, find_dateline, split_dateline
from xai_digest.parse.state import ParseState
from xai_digest.parse.text import HEADING_MARKS, LIST_ITEM, MD_HEADING, NUMBERED_LINE, TITLE_MAX_CHARS, ends_sentence, normalized


def header_line(state: ParseState, text: str, units_so_far: int) -> bool:
    """A byline or dateline under the title never continues it, even with no blank line between
    (Anthropic to spend $50 billion … / Rebecca Bellan / 9:02 AM PST · November 12, 2025)."""
    if units_so_far > 3:
        return False
    kind = _metadata_kind(state, text)
    return kind in ("date", "date_relative") or kind == "author" and text[:1].isupper()


def title_and_metadata(state: ParseState) -> None:
    """Find the title line and the date/author/category lines around it."""
    if not state.units:
        return
    if "title" in state.fields:
        _drop_title_repeat(state)
        _take_metadata(state, require_date=True)
        return
    _take_metadata(state, require_date=True, before_title=True)
    _drop_publisher_above_date(state)
    _drop_masthead(state)
    _drop_lines_above_title(state)
    if state.units and state.units[0].kind != "row" and _looks_like_title(state):
        state.fields["title"] = state.units[0].text
        state.units = state.units[1:]
        _take_subtitle(state)
        _take_metadata(state, require_date=True)
    if state.units and "date" not in state.fields:
        dateline = find_dateline(state.units[0].text) or _press_dateline_date(state.units[0].text)
        if dateline:
            state.fields["date"] = dateline
        else:
            _take_date_below_text(state)
    if state.units:
        wire = state.rules.wire_dateline.match(state.units[0].text.strip())
        agency = next((name for name in wire.groupdict().values() if name), None) if wire else None
        if agency:
            state.site_hints.append(state.rules.wire_names.get(agency, agency))


#: TOKYO, November 5, 2025 -- …, NEW YORK, Nov. 3, 2025 /…: an English release's first paragraph opens with
#: its city and date.
_PRESS_DATELINE = re.compile(rf"[A-Z][A-Za-z .'\-]{{1,40}}{PRESS_DATE_AFTER_CITY}")


def _press_dateline_date(text: str) -> str | None:
    found = _PRESS_DATELINE.match(text.strip())
    return find_dateline(found.group("date")) if found else None


#: How far down a page with no date under its title a line of its own that is a date is looked for.
DATE_BELOW_TEXT_UNITS = 8


def _take_date_below_text(state: ParseState) -> None:
    """A post copied from X prints its time and date under its words (11:42 PM · Aug 22, 2025): with no
    date under the title, a line near the top that is only a date (and a clock) dates the page."""
    for index, unit in enumerate(state.units[:DATE_BELOW_TEXT_UNITS]):
        found = split_dateline(unit.text) if len(unit.text) <= 40 else None
        if found is not None and not found[1]:
            state.fields["date"] = found[0]
            state.chrome_removed.append(unit.text.strip())
            del state.units[index]
            return


def _take_metadata(state: ParseState, require_date: bool, before_title: bool = False) -> None:
    """Consume a run of short byline lines (date, 23日前, author, category, company).

    Before the title only unmistakable lines count: a short word there is the
    title itself, not a category.
    """
    kinds = []
    for unit in state.units[:5]:
        kind = _metadata_kind(state, unit.text)
        if kind is None or (before_title and kind in ("category", "author") and not state.rules.author_prefix.match(unit.text)):
            break
        kinds.append(kind)
    if not kinds or (require_date and not {"date", "date_relative"} & set(kinds)):
        return
    for unit, kind in zip(state.units, kinds):
        text = unit.text.strip()
        if kind == "date":
            date, rest = split_dateline(text) or (None, "")
            state.fields.setdefault("date", date)
            if _is_byline(state, rest):  # 2025年9月10日 テックウォッチ編集部
                state.fields.setdefault("author", _author_name(state, rest))
        elif kind == "date_relative":
            state.fields.setdefault("date_relative", text)
        elif kind == "author":
            state.fields.setdefault("author", _author_name(state, text))
            bracketed = state.rules.bracket_byline.fullmatch(text)
            if bracketed:
                state.site_hints.append(bracketed.group("site").strip())
        elif kind == "site":
            state.site_hints.append(text)
        elif kind == "source":
            state.site_hints.append(state.rules.source_line.match(text).group("site"))
        else:
            state.fields.setdefault("category", text)
    state.units = state.units[len(kinds) :]


#: 〜総額300億円を投資〜, ―…―, －…: a subtitle under the title, marked as one.
_SUBTITLE = re.compile(r"^[〜～―－\-－]")


def _take_subtitle(state: ParseState) -> None:
    """〜総額300億円を投資し、2026年に稼働〜 under the title: the article's lead, marks dropped."""
    if state.units and _SUBTITLE.match(state.units[0].text.strip()):
        state.fields.setdefault("lead", _subtitle_text(state.units[0].text))
        state.units = state.units[1:]


def _subtitle_text(text: str) -> str:
    """A subtitle without the marks around it: 〜総額300億円を投資〜 → 総額300億円を投資."""
    return text.strip().strip("〜～―－-").strip()


def _drop_publisher_above_date(state: ParseState) -> None:
    """報道発表 / 経済産業省 / 令和7年4月25日 / the title: a release's head, or a paper's (日本経済新聞 /
    the date / the title), names its publisher and date above the title.  The publisher is the site,
    a label above it the category; the title is the line under the date, not the publisher's name."""
    units = state.units
    for index in range(min(3, len(units) - 3)):
        publisher = units[index].text.strip()
        if _metadata_kind(state, units[index + 1].text) != "date" or not _names_publisher(state, publisher, units[index + 2].text):
            continue
        labels, title = units[:index], units[index + 2].text.strip()
        if (any(_metadata_kind(state, label.text) not in ("category", "site") for label in labels)
                or len(title) > TITLE_MAX_CHARS or ends_sentence(title) or LIST_ITEM.match(title)
                or _metadata_kind(state, title) is not None):
            return
        if labels:
            state.fields.setdefault("category", labels[0].text.strip())
        state.site_hints.append(publisher)
        state.fields.setdefault("date", (split_dateline(units[index + 1].text.strip()) or (None, ""))[0])
        state.units = units[index + 2 :]
        state.fields["title_confirmed"] = True
        return


def _names_publisher(state: ParseState, line: str, below_date: str) -> bool:
    """A line above the date that names who published the page: a company, paper or public body, or — over a
    longer line under the date that reads as a title — a site's or blog's name (AIインフラ観測日記)."""
    if _metadata_kind(state, line) == "site":
        return True
    below = below_date.strip()
    return (_is_site_name(line) and len(line) < len(below) <= TITLE_MAX_CHARS and not ends_sentence(below)
            and _OWN_LINE_MARK.match(below) is None)


#: ■概要, 【背景】: a heading's mark (a line that begins with one is no title).
_OWN_LINE_MARK = re.compile(rf"^[{HEADING_MARKS}【]")


def _drop_masthead(state: ParseState) -> None:
    """A site's name above the title (``AI Infra Weekly`` / title / ``2025.09.09``): the title is the
    line the dateline follows, and the shorter line above it, without digits, names the site."""
    units = state.units
    if len(units) < 3 or _metadata_kind(state, units[2].text) not in ("date", "date_relative"):
        return
    masthead, title = units[0].text.strip(), units[1].text.strip()
    if (_is_site_name(masthead) and len(masthead) < len(title) <= TITLE_MAX_CHARS
            and not ends_sentence(masthead) and not ends_sentence(title) and not _SUBTITLE.match(title)):
        state.site_hints.append(masthead)
        state.units = units[1:]


#: How far below the top of the page a title with its byline or dateline under it is looked for.
TITLE_SEARCH_UNITS = 5


def _drop_lines_above_title(state: ParseState) -> None:
    """The title is found by the byline or dateline under it: the first line followed by a dateline,
    or a byline and a dateline.  Above it may stand a section label (Exclusive news, data and
    analytics … / Technology / the title / By … / the dateline: the label is the category, the lines
    above it go) or the real title, of which the line found is the subtitle (The GPU glut that
    isn't coming / Why the $400 billion capex wave … / Dana Whitfield / Nov 20, 2025: the subtitle
    is the lead).  A short first line above the title names the site (Compute Notes).
    (One site name directly above a title with its date is ``_drop_masthead``'s.)"""
    units = state.units
    for index in range(1, min(TITLE_SEARCH_UNITS, len(units) - 1)):
        title = units[index].text.strip()
        if len(title) > TITLE_MAX_CHARS or ends_sentence(title) or _metadata_kind(state, title) is not None:
            continue
        below = [_metadata_kind(state, u.text) for u in units[index + 1 : index + 3]]
        if not (below[:1] in (["date"], ["date_relative"]) or below[:2] in (["author", "date"], ["author", "date_relative"])):
            continue
        above = units[index - 1].text.strip()
        if _metadata_kind(state, above) == "category" or (_is_site_name(above) and 2 * len(above) <= len(title)):
            state.fields.setdefault("category", above)
            start = index
        else:  # the line above is the title, this one its subtitle
            state.fields.setdefault("lead", _subtitle_text(title))
            units = units[: index] + units[index + 1 :]
            start = index - 1
        dropped = [unit.text.strip() for unit in units[:start]]
        if dropped and _is_site_name(dropped[0]):
            state.site_hints.append(dropped[0])
        state.chrome_removed.extend(dropped)
        state.units = units[start:]
        return


def _is_site_name(text: str) -> bool:
    """A short line with no digits or punctuation, as a site's name is (AI Infra Weekly, Compute Notes),
    and no particle after a noun, as a short headline has (GPU新工場を建設へ, 国産AIが躍進)."""
    return len(text) <= 24 and not re.search(r"[\d、，,。.:：!?！？]", text) and not _HEADLINE_PARTICLE.search(text)


#: を, が, は or へ right after a noun: a sentence's particle (GPU新工場を建設へ), not a site's name
#: (ながの経済新聞: が inside a word).
_HEADLINE_PARTICLE = re.compile(r"[一-龥々ァ-ヴーA-Za-z0-9][をがはへ]")


#: What may follow a dateline's date besides a byline: clock times and an update stamp
#: (``2025年4月1日 5:30 (2025年4月1日 12:10更新)``).
_DATE_STAMP = re.compile(r"[\d\s:/.\-年月日時分()（）\[\]]*(更新|公開|配信|掲載|(?i:updated?|published)(?i:\s+\d+\s+\w+\s+ago)?)?[\s)）\]]*")


def _is_dateline(state: ParseState, text: str) -> bool:
    """A line that is a date: the date alone, or with a clock time, an update stamp or a byline."""
    found = split_dateline(text)
    if found is None or len(text) > 64:
        return False
    rest = found[1]
    return ((len(text) <= 24 and not ends_sentence(text)) or _DATE_STAMP.fullmatch(rest) is not None
            or _is_byline(state, rest) or _is_chrome(state, rest))


def _is_chrome(state: ParseState, text: str) -> bool:
    """2025年11月21日 5:00 [会員限定記事]: what follows the date is page furniture a chrome rule knows."""
    return bool(text) and any(rule.kind in ("line", "pattern") and rule.matches(text) for rule in state.rules.chrome)


def _is_byline(state: ParseState, text: str) -> bool:
    return bool(text) and bool(state.rules.author_prefix.match(text) or state.rules.author_suffix.match(text)
                               or state.rules.bracket_byline.fullmatch(text.strip()))


def _looks_like_title(state: ParseState) -> bool:
    first = state.units[0].text
    if len(first) > TITLE_MAX_CHARS or LIST_ITEM.match(first) or _metadata_kind(state, first) in ("date", "date_relative"):
        return False
    if state.fields.get("title_confirmed"):
        return True
    following = state.units[1].text if len(state.units) > 1 else ""
    if _metadata_kind(state, following) in ("date", "date_relative"):
        return True
    return not ends_sentence(first) or first.rstrip()[-1] in "!！?？"


def _drop_title_repeat(state: ParseState) -> None:
    title_key = normalized(str(state.fields["title"]).lstrip("#").strip())
    state.units = [
        u for u in state.units if normalized(MD_HEADING.sub(r"\2", u.text)) != title_key
    ]


def _metadata_kind(state: ParseState, text: str) -> str | None:
    text = text.strip()
    if _is_dateline(state, text):
        return "date"
    if len(text) <= 60 and (state.rules.author_prefix.match(text) or _NAME_LIST.fullmatch(text)) and not ends_sentence(text):
        return "author"  # By Maya Lindqvist and Tom Okafor / Shirin Ghaffary、Katie Roof
    if not text or len(text) > 30 or ends_sentence(text) and not text.endswith(".") or state.rules.marker(text):
        return None  # a sentence, or a structural line (【この記事のポイント】, 参考リンク)
    if state.rules.relative_date.fullmatch(text):
        return "date_relative"
    if _is_byline(state, text):
        return "author"
    if state.rules.organisation.match(text):
        return "site"
    if state.rules.source_line.match(text):
        return "source"
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9._\- ]{0,29}", text) and (" " in text or "." in text or text.islower()):
        return "author"
    if len(text) <= 12 and not re.search(r"[、。,:：]", text) and not _HEADLINE_PARTICLE.search(text) and not NUMBERED_LINE.match(text):
        return "category"  # (1．背景 is a section's heading)
    return None


#: Latin-script names of two or more words, listed with 、 / , / and: Shirin Ghaffary、Katie Roof.
_LATIN_PERSON = r"[A-Z][a-zA-Z.'\-]+(?: [A-Z][a-zA-Z.'\-]+)+"
_NAME_LIST = re.compile(rf"{_LATIN_PERSON}(?:\s?(?:[、,]|and)\s?(?:and )?{_LATIN_PERSON})+")


def _author_name(state: ParseState, text: str) -> str:
    bracketed = state.rules.bracket_byline.fullmatch(text.strip())
    if bracketed:
        return bracketed.group("author").strip()
    match = state.rules.author_prefix.match(text)
    return next(group for group in match.groups() if group).strip() if match else text.strip()
