"""Entities: the gazetteer in ``content/entities.yaml`` plus names nobody listed.

Gazetteer aliases are matched longest first with script-aware boundaries (X is
not found inside SpaceX, テスラ not inside テスラー).  Names not in the file
are still found: unidic proper nouns (人名, 組織名, 地名) and Latin-script
names, so a company nobody listed appears with kind ``other`` (``organization``
when it is introduced as one or its name ends as companies' names do).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Container
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from xai_digest.analyze.spans import Uncovered
from xai_digest.model import Report
from xai_digest.parse.dates import MONTH_NAME, PRESS_DATE_AFTER_CITY
from xai_digest.parse.text import alternation, capitalised
from xai_digest.yamlio import YAMLError, error_line, error_reason, load_yaml

if TYPE_CHECKING:  # the tokens module loads fugashi: a build that renders only reads the gazetteer's names
    from xai_digest.analyze.tokens import Token

SUBJECT_KINDS = ("organization", "product", "facility", "person", "agency", "index", "other")
_UNIDIC_KINDS = {"人名": "person", "組織名": "organization", "地名": "place", "一般": "other"}
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z][A-Za-z0-9]*|[a-z]+[A-Z][A-Za-z0-9]*)(?:[ \-'’](?:[A-Z][A-Za-z0-9]*))*(?![A-Za-z0-9])")
_KATAKANA = "\u30a1-\u30fa\u30fc"
#: SBG, FTC, 4SN: a short form a name may be given in brackets (a capital letter in it).
SHORT_FORM = r"(?=[A-Za-z0-9&\-]*[A-Z])[A-Za-z0-9][A-Za-z0-9&\-]{1,9}"


@dataclass
class GazetteerEntry:
    name: str
    kind: str
    owner: str | None = None
    family: str | None = None
    ja: str | None = None  # how the site writes the name (イーロン・マスク for Elon Musk)


@dataclass
class Mention:
    name: str
    kind: str
    surface: str
    start: int
    end: int


class MentionIndex:
    """Mentions sorted by position, for bisect lookups instead of scans (long articles)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def between(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end)."""
        return self.mentions[bisect.bisect_left(self.starts, start) : bisect.bisect_left(self.starts, end)]

    def within(self, start: int, end: int) -> list[Mention]:
        """Mentions wholly inside [start, end)."""
        return [m for m in self.between(start, end) if m.end <= end]

    def first_from(self, position: int, kinds: tuple[str, ...]) -> Mention | None:
        for i in range(bisect.bisect_left(self.starts, position), len(self.mentions)):
            if self.mentions[i].kind in kinds:
                return self.mentions[i]
        return None

    def last_before(self, position: int, kinds: tuple[str, ...], since: int = 0) -> Mention | None:
        """The last mention of one of ``kinds`` ending by ``position`` and starting at or after ``since``."""
        for i in range(bisect.bisect_left(self.starts, position) - 1, bisect.bisect_left(self.starts, since) - 1, -1):
            mention = self.mentions[i]
            if mention.kind in kinds and mention.end <= position:
                return mention
        return None


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    ignore: set[str] = field(default_factory=set)
    pattern: re.Pattern[str] | None = None  # made by compile(), at the first find: a build that only
    compiled: bool = False                    # shows the names (display_names) never pays for it
    problems: list[Report] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None) -> "Gazetteer":
        gazetteer = cls()
        if path is None or not path.is_file():
            return gazetteer
        try:
            data = load_yaml(path.read_text("utf-8")) or {}
        except (YAMLError, UnicodeDecodeError) as exc:
            gazetteer.problems.append(Report(str(path), f"企業・人物の別名を読み込めませんでした: {error_reason(exc)}", error_line(exc)))
            data = {}
        for index, raw in enumerate(data.get("entities", []) or []):
            if not isinstance(raw, dict) or not raw.get("name"):
                gazetteer.problems.append(Report(str(path), f"{index + 1} 番目の項目に name がありません。使いません"))
                continue
            ja = raw.get("ja")
            if ja is not None and not isinstance(ja, str):
                gazetteer.problems.append(Report(str(path), f"{raw['name']} の ja は文字列で書いてください。使いません"))
                ja = None
            name, aliases = str(raw["name"]), [str(a) for a in raw.get("aliases", []) or []]
            if name in gazetteer.entries:  # one entity listed twice (a list grown by several editors)
                gazetteer.problems.append(Report(str(path), f"{name} の項目が 2 つあります。別名はどちらのものも使い、種類などはあとの項目のものを使います"))
            for alias in [name, *aliases]:
                taken = gazetteer.aliases.get(alias)
                if taken is not None and taken != name:  # one spelling, two entities: the first listed wins
                    gazetteer.problems.append(Report(str(path), f"{alias} は {taken} と {name} の両方に書かれています。{taken} として読みます"))
            gazetteer.add(name, str(raw.get("kind", "other")), aliases, raw.get("owner"), raw.get("family"), ja)
        gazetteer.ignore = {str(w) for w in data.get("ignore", []) or []}
        return gazetteer

    def add(self, name: str, kind: str, aliases: list[str], owner: str | None = None, family: str | None = None,
            ja: str | None = None) -> None:
        self.entries[name] = GazetteerEntry(name, kind, owner, family, ja)
        for alias in [name, *aliases]:
            self.aliases.setdefault(alias, name)
        self.compiled = False

    def display_names(self) -> dict[str, str]:
        """Canonical name → how the site writes it, for the entries that say (``ja``)."""
        return {name: entry.ja for name, entry in self.entries.items() if entry.ja}

    def compile(self) -> None:
        """One regex from a trie of all aliases: a single fast pass over the text."""
        self.pattern = re.compile(_trie_regex(list(self.aliases))) if self.aliases else None
        self.compiled = True

    def find(self, text: str) -> list[Mention]:
        """Gazetteer mentions in ``text``, leftmost-longest, non-overlapping, script-aware boundaries."""
        if not self.compiled:
            self.compile()
        if self.pattern is None:
            return []
        mentions = []
        position = 0
        while True:
            match = self.pattern.search(text, position)
            if match is None:
                return mentions
            alias = self._longest_fitting(text, match.start(), match.group(0))
            if alias is None:
                position = match.start() + 1
                continue
            name = self.aliases[alias]
            end = match.start() + len(alias)
            mentions.append(Mention(name, self.entries[name].kind, alias, match.start(), end))
            position = end

    def _longest_fitting(self, text: str, start: int, matched: str) -> str | None:
        """The longest alias starting at ``start`` (up to ``matched``) whose edges are word edges."""
        for length in range(len(matched), 0, -1):
            alias = matched[:length]
            if alias in self.aliases and _fits(text, start, start + length, alias):
                return alias
        return None


def _trie_regex(words: list[str]) -> str:
    """A regex matching any of ``words``, longest alternative first, built from their trie."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if optional else body

    return build(trie)


_LATIN = re.compile(r"[A-Za-z0-9]")
#: English words capitalised only because a sentence starts with them: neither names nor keywords.
SENTENCE_START_WORDS = frozenset({
    "The", "We", "It", "Its", "In", "On", "At", "As", "For", "By", "If", "This", "That", "These", "Those", "But",
    "And", "Our", "They", "He", "She", "His", "Her", "According", "While", "After", "When", "Shares",
    "Why", "What", "How", "Where", "Who",
})
#: SAN FRANCISCO, Nov 19 (Reuters) -, SAN FRANCISCO--(BUSINESS WIRE)--, SAN FRANCISCO, Nov. 18, 2025
#: /PRNewswire/ --, TOKYO, November 5, 2025 --: the city of a wire story's dateline is no company (the shape,
#: not a list of agencies: reading.yaml's wire_dateline names them for the site).
_WIRE_DATELINE_AFTER = re.compile(r",\s(?:[A-Z][A-Za-z .]{1,20},\s)?(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s\d{4})?\s)?(?:\([A-Z][A-Za-z ]{1,20}\)|/[A-Za-z ]{2,20}/)\s?[-–—]"
                                  r"|--\([A-Z][A-Za-z ]{1,20}\)--"
                                  rf"|{PRESS_DATE_AFTER_CITY}")
#: Anthropic said Wednesday …: days and months are capitalised in English, and are no one's name.
_CALENDAR_WORD = re.compile(rf"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|{MONTH_NAME}")
_KATA = re.compile(f"[{_KATAKANA}]")
_KATA_WORD = re.compile(f"[{_KATAKANA}]{{2,}}")


def _fits(text: str, start: int, end: int, alias: str) -> bool:
    """Latin aliases need non-Latin neighbours (X is not in SpaceX); katakana ones, non-katakana."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    for pattern in (_LATIN, _KATA):
        if pattern.match(alias[0]) and before and pattern.match(before):
            return False
        if pattern.match(alias[-1]) and after and pattern.match(after):
            return False
    return True


def find_unlisted(text: str, tokens: list[Token], known: list[Mention], gazetteer: Gazetteer) -> list[Mention]:
    """Companies introduced by what they are (国内クラウド大手の雲海データは), proper nouns from unidic
    and Latin-script names that the gazetteer does not cover."""
    found = _introduced_companies(text, Uncovered([(m.start, m.end) for m in known]), gazetteer)
    free = Uncovered([(m.start, m.end) for m in known + found])
    run: list[Token] = []
    for token in [*tokens, None]:
        if token is not None and (token.pos2 == "固有名詞" and not token.surface.isascii() or _family_name(text, run, token)):
            if run and run[-1].end != token.start and not _one_name(text, run[-1], token):
                _flush(text, run, found, free, gazetteer)
                run = []
            run.append(token)
            continue
        _flush(text, run, found, free, gazetteer)
        run = []
    for finder, needs in _NAMES_BY_SHAPE:  # each sees the names the ones before it found
        if needs in text:
            found += finder(text, Uncovered([(m.start, m.end) for m in known + found]))
    lower_words = lower_case_words(text)
    for match in _LATIN_NAME.finditer(text):
        name = match.group(0).strip("-'’ ")
        if (len(name) < 2 or name.rstrip("0123456789") in gazetteer.ignore or name in SENTENCE_START_WORDS
                or _CALENDAR_WORD.fullmatch(name)
                or _WIRE_DATELINE_AFTER.match(text, match.end()) or not free(match.start(), match.end())):
            continue
        if (all(word in gazetteer.ignore for word in re.split(r"[ \-]", name)) or common_word(name, lower_words)
                or _only_opens_quotes(text, match.start(), name)):
            continue
        if _EN_TITLE_WORD.fullmatch(name):
            continue  # President & CEO of …: a title, not a name
        start = match.start()
        titled = _EN_LEADING_TITLE.match(name)
        if titled and " " in name[titled.end() :]:  # Analyst Mary Jones: the title is no part of the name
            start += titled.end()
            name = name[titled.end() :]
        kind = "organization" if _introduced_in_english(text, start, match.end()) else (
            "person" if titled or _titled_in_english(text, start, match.end()) else "other")
        end = match.end()
        suffix = _company_suffix(text, end, kind)
        if suffix is not None:  # NTTデータ: the whole is the company
            end = suffix.end()
            name, kind = text[start:end], "organization"
        found.append(Mention(name, kind, text[start:end], start, end))
    return found


#: ソフトバンクグループ（SBG）, Federal Trade Commission (FTC), フォーシーズネット（4SN）, Oracle (ORCL.N) in
#: NFKC: the short form an article defines for the name just before it (a capital letter in it: not
#: (2025), (a)); a stock ticker's exchange (.N, .O, .T) is no part of it.
_DEFINED_SHORT_FORM = re.compile(rf"\s?\(({SHORT_FORM})(?:\.[A-Z]{{1,2}})?\)")


def defined_short_forms(text: str, mentions: list[Mention], listed: Container[str]) -> dict[str, Mention]:
    """The short forms ``text`` defines in brackets right after a name (ソフトバンクグループ（SBG）), or that an
    unlisted katakana company's name implies (コンステレーション of コンステレーション・エナジー), each with that
    name's mention; a short form the gazetteer lists is its own entity, not redefined."""
    defined: dict[str, Mention] = {}
    for mention in mentions:
        found = _DEFINED_SHORT_FORM.match(text, mention.end)
        if found is not None and found.group(1) not in listed and mention.kind in SUBJECT_KINDS:
            defined.setdefault(found.group(1), mention)
        elif (mention.kind == "organization" and mention.name not in listed
              and (first := _KATAKANA_COMPANY_FIRST.fullmatch(mention.name))):
            defined.setdefault(first.group(1), mention)  # コンステレーション of コンステレーション・エナジー
    return defined


#: コンステレーション・エナジー, スライブ・キャピタル: an unlisted katakana company whose last word says
#: what it is, named again by its first word (コンステレーションは) as a listed one would be.
#: (Its last words: the katakana ones of COMPANY_ENDINGS and those a foreign company's name is written with.)
_KATAKANA_COMPANY_WORDS = ("エネルギー", "キャピタル", "パワー", "ラボズ", "コンピュート", "パートナーズ", "ベンチャーズ",
                           "インダストリーズ", "データセンターズ", "セミコンダクター", "エレクトロニクス", "コンピューティング")


def with_short_forms(mentions: list[Mention], defined: dict[str, Mention], text: str | None = None) -> list[Mention]:
    """Each mention of a defined short form (SBG) as a mention of the name it stands for (SoftBank): one
    entity, and the figures of 「SBGは…」 are SoftBank's, not those of a company called SBG.  With the
    ``text`` the mentions were found in, also where it writes a short form no rule finds as a name (4SN)."""
    if not defined:
        return mentions
    result = [replace(m, name=defined[m.name].name, kind=defined[m.name].kind) if m.name in defined else m
              for m in mentions]
    if text is None:
        return result
    free = Uncovered([(m.start, m.end) for m in result])
    for short, full in defined.items():
        for found in re.finditer(rf"(?<![A-Za-z0-9ァ-ヴー・]){re.escape(short)}(?![A-Za-z0-9ァ-ヴー・])", text):
            if free(found.start(), found.end()):
                result.append(Mention(full.name, full.kind, short, found.start(), found.end()))
    return sorted(result, key=lambda m: m.start)


def common_word(name: str, lower_words: Callable[[], set[str]]) -> bool:
    """``New`` (a sentence's first word) when the text also writes ``new`` (``lower_words``: the text's
    lower-case words, made when first needed): a word, not a name."""
    return capitalised(name) and name.lower() in lower_words()


def _only_opens_quotes(text: str, start: int, name: str) -> bool:
    """``“Demand for AI compute…”``: a capitalised word that the text writes only as a quote's first
    word is the quote's first word, not a name (a name is written elsewhere too, or listed).  The text
    is searched only for a word found opening a quote (a page's every name: the whole text each)."""
    if not capitalised(name) or text[start - 1 : start] not in _OPENING_QUOTES:
        return False
    at = text.find(name)
    while at >= 0:
        before, after = text[at - 1 : at] if at else "", text[at + len(name) : at + len(name) + 1]
        if before not in _OPENING_QUOTES and not _ascii_letter(before) and not _ascii_letter(after):  # a word of its own
            return False
        at = text.find(name, at + len(name))
    return True


_OPENING_QUOTES = ("“", '"')


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def lower_case_words(text: str) -> Callable[[], set[str]]:
    """The lower-case English words of ``text``, computed once and only when asked for."""
    return functools.cache(lambda: set(_LOWER_WORD.findall(text)))


_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")


#: the startup Orbital Compute, cloud provider Fluidstack / Orbital Compute, the GPU cloud startup, …
_COMPANY_NOUN = r"(?:startup|start-up|company|firm|provider|maker|developer|operator|giant|rival|lab|chipmaker|unicorn)"
_EN_COMPANY_BEFORE = re.compile(rf"(?<![A-Za-z]){_COMPANY_NOUN}\s$")
_EN_COMPANY_AFTER = re.compile(rf",\s(?:the|a|an)\s[A-Za-z0-9 \-]{{0,40}}?{_COMPANY_NOUN}\b")


def _introduced_in_english(text: str, start: int, end: int) -> bool:
    """An English name introduced as a company, before (cloud provider Fluidstack) or after it
    (Orbital Compute, the GPU cloud startup)."""
    return bool(_EN_COMPANY_BEFORE.search(text, max(0, start - 16), start) or _EN_COMPANY_AFTER.match(text, end))


#: Dana Whitfield, CEO of …, chief executive Dana Whitfield: a name with a person's title.
_EN_TITLE = r"(?:CEO|CFO|CTO|COO|chief executive|chief \w+ officer|founder|co-founder|president|chairman|chairwoman|chair|head|director|spokesperson|spokesman|spokeswoman|analyst|partner|professor|researcher|senator|secretary|minister)"
_EN_PERSON_AFTER = re.compile(rf",\s(?:the\s|a\s|an\s|its\s)?(?:[A-Za-z\-]+\s){{0,3}}?{_EN_TITLE}\b", re.IGNORECASE)
_EN_LEADING_TITLE = re.compile(rf"{_EN_TITLE}\s", re.IGNORECASE)
_EN_TITLE_WORD = re.compile(_EN_TITLE, re.IGNORECASE)
_EN_PERSON_BEFORE = re.compile(rf"(?<![A-Za-z]){_EN_TITLE}\s$", re.IGNORECASE)


def _titled_in_english(text: str, start: int, end: int) -> bool:
    """A two-word (or longer) English name with a person's title after it or before it."""
    if " " not in text[start:end]:
        return False
    return bool(_EN_PERSON_AFTER.match(text, end) or _EN_PERSON_BEFORE.search(text, max(0, start - 24), start))


#: さくらインターネットが, 日立製作所と, NTTデータの, 東京電力は: a name followed by the word a company's
#: name ends with is that company (unidic splits the name before it).  The first endings end a company's
#: name whatever stands before them (a hiragana name too: さくらインターネット, みずほフィナンシャルグループ);
#: a place takes only the endings utilities, banks and makers are named with (米国データ is no company).
_STRONG_COMPANY_ENDINGS = ("ホールディングス", "フィナンシャルグループ", "インターネット", "テクノロジーズ", "ネットワークス")
_PLACE_COMPANY_ENDINGS = ("ホールディングス", "フィナンシャルグループ", "グループ", "製作所", "電機", "電気", "電力", "ガス",
                          "重工業", "重工", "商事", "物産", "証券", "銀行", "不動産", "鉄道", "電鉄")
COMPANY_ENDINGS = (*_STRONG_COMPANY_ENDINGS, *_PLACE_COMPANY_ENDINGS, "テクノロジー", "システムズ", "ソリューションズ",
                    "ラボラトリーズ", "ラボ", "データ", "エナジー", "電工", "通信", "工業", "産業", "自動車", "総研", "化学", "建設")
_SUFFIX_END = r"(?=[はがもとのをにで、。・（(「\s]|$)"
#: 米, 英, 中国 …: a country's initial written before a foreign company's name (米ラムダ, 米Meta).
_COUNTRY_INITIALS = "(?:米|英|仏|独|韓|豪|加|印|蘭|伊|露|台湾|中国)"
_COMPANY_SUFFIX = re.compile(rf"(?:{alternation(dict.fromkeys(COMPANY_ENDINGS))}){{1,2}}{_SUFFIX_END}")
_PLACE_COMPANY_SUFFIX = re.compile(rf"(?:{alternation(_PLACE_COMPANY_ENDINGS)}){{1,2}}{_SUFFIX_END}")
_KATAKANA_COMPANY_FIRST = re.compile(
    rf"([ァ-ヴー]{{3,}})・(?:[ァ-ヴー]+・)*(?:{alternation(w for w in (*COMPANY_ENDINGS, *_KATAKANA_COMPANY_WORDS) if _KATA_WORD.fullmatch(w))})")


#: 国内クラウド大手の雲海データは, 米新興のオービタルが, AI新興企業であるサクラ計算機は, 株式会社サンプルAI,
#: サンプル株式会社, ハイレゾ社は, Orbital Compute社の, 米ラムダは, 電力大手コンステレーション・エナジーと: a company
#: named right after (or with) what it is (雲海データ（UKD）は: with the short form it defines).
_NAME_CHARS = r"[ァ-ヴー一-龥々A-Za-z0-9・&]"
_INTRODUCED_BY_WHAT_IT_IS = (
    rf"(?:(?:大手|新興|スタートアップ|ベンチャー|メーカー|運営会社|子会社)の|(?:企業|会社)である)(?P<name>{_NAME_CHARS}{{2,16}}?)(?=(?:\({SHORT_FORM}\))?[はがも])")
_INTRODUCED_AS_KABUSHIKI_GAISHA = (
    rf"株式会社(?P<after>{_NAME_CHARS}{{2,16}})(?!{_NAME_CHARS})|(?<!{_NAME_CHARS})(?P<before>{_NAME_CHARS}{{2,16}}?)株式会社")
_INTRODUCED_AS_SHA_OR_ABROAD = (
    r"(?<![ァ-ヴーA-Za-z0-9])(?P<sha>[ァ-ヴー]{2,16}|[A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+){0,3})社(?=[はがもとのを、。])"
    # 米ラムダは, 独シーメンスが: a country's initial before a katakana name marks a foreign company (not 米ドル)
    rf"|(?<![一-龥ァ-ヴー]){_COUNTRY_INITIALS}(?!ドル|セント)(?P<abroad>[ァ-ヴー]{{2,16}}(?:・[ァ-ヴー]{{2,16}})*)"
    r"(?=[はがもとのを、。])"
    # 米電力大手コンステレーション・エナジーと, 米半導体設計のアンペア・コンピューティングを, 米投資会社カーライル・グループが:
    # a katakana name of two words or more after what the company is (大手ゼネコンの, 大手メーカーが are kinds of company)
    r"|(?:大手|新興|会社|企業|設計|開発|製造|運営|ファンド)の?(?P<major>[ァ-ヴー]{2,16}(?:・[ァ-ヴー]{2,16})+)(?=[はがもとのを、。(])")
#: さくらインターネット, みずほフィナンシャルグループ: a name in hiragana (unidic may read it as a word, 桜)
#: before a company's katakana ending; the word starts the text or follows a particle, and is no
#: demonstrative, modifier or particle-ended phrase (このインターネット, あらゆる…, そんな…, ための…)
_INTRODUCED_IN_KANA = (
    rf"(?:(?<![ぁ-ゖ])|(?<=[^ぁ-ゖ][のはがとでにをもや]))(?!(?:[こそあど]んな|いろんな|おおきな|ちいさな)[ァ-ヴ])"
    rf"(?P<kana>(?![のはがをにでともへやか])[ぁ-ゖ]{{1,4}}(?![のはがをにでともへやかるい])[ぁ-ゖ]"
    rf"(?:{alternation(_STRONG_COMPANY_ENDINGS)}))(?=[はがもとのをにで、。])")


@functools.lru_cache(maxsize=4)
def _introduced_company_pattern(kabushiki_gaisha: bool, kana_ending: bool) -> re.Pattern[str]:
    """One alternation of the ways a company is introduced, without those that cannot match the text:
    the 株式会社 and hiragana-name branches cost ~half the search and need their words in the text
    (leaving them out when absent changes no match)."""
    branches = [_INTRODUCED_BY_WHAT_IT_IS, *([_INTRODUCED_AS_KABUSHIKI_GAISHA] if kabushiki_gaisha else []),
                _INTRODUCED_AS_SHA_OR_ABROAD, *([_INTRODUCED_IN_KANA] if kana_ending else [])]
    return re.compile("|".join(branches))


#: 大手の主流企業が: a kind of company, not one company's name.
_GENERIC_COMPANY = re.compile(r"(?:企業|会社|各社|事業者|勢|陣|各国)$")


def _introduced_companies(text: str, free: Uncovered, gazetteer: Gazetteer) -> list[Mention]:
    found = []
    pattern = _introduced_company_pattern("株式会社" in text, any(ending in text for ending in _STRONG_COMPANY_ENDINGS))
    for match in pattern.finditer(text):
        group = match.lastgroup  # each branch has one named group: the name it found
        name = match.group(group)
        if (name in gazetteer.ignore or name in ("同社", "同氏") or _GENERIC_COMPANY.search(name)
                or not free(match.start(group), match.end(group))):
            continue
        found.append(Mention(name, "organization", name, match.start(group), match.end(group)))
    return found


def _one_name(text: str, first: Token, second: Token) -> bool:
    """A given name and a family name written with ・ between them (アドルフ・ヒトラー) are one person."""
    return first.pos3 == "人名" and text[first.end : second.start] == "・"


def _family_name(text: str, run: list[Token], token: Token) -> bool:
    """A katakana word after a given name and ・ that unidic does not know as a name
    (マイケル・イントレイター: イントレイター is tagged a common noun) completes the person's name."""
    return bool(run) and _one_name(text, run[-1], token) and _KATA_WORD.fullmatch(token.surface) is not None


def _flush(text: str, run: list[Token], found: list[Mention], free: Uncovered, gazetteer: Gazetteer) -> None:
    if not run:
        return
    start, end = run[0].start, run[-1].end
    if end - start < 2 or text[start:end] in gazetteer.ignore:
        return
    kind = _UNIDIC_KINDS.get(run[0].pos3, "other")
    suffix = _company_suffix(text, end, kind)
    if suffix is not None:
        end, kind = suffix.end(), "organization"
    elif (plant := _POWER_PLANT.match(text, end)) is not None:
        end, kind = plant.end(), "facility"  # クリントン原子力発電所 is a plant, not the person クリントン
    elif (word := _katakana_word_around(text, start, end)) is not None:
        # スラ (a place to unidic) of スライブ・キャピタル; ロン・マスク of イーロン・マスク stays a person
        start, end, kind = word.start(), word.end(), "person" if kind == "person" else "other"
    elif kind == "place" and (division := _PLACE_DIVISION.match(text, end)):
        end = division.end()
    elif kind == "person" and not _TITLE.match(text, end) and (tail := _GIVEN_NAME_TAIL.match(text, end)):
        end = tail.end()  # 松田浩路社長: unidic knows 浩, not 浩路; the title after it says where the name ends
    if kind in ("person", "other") and _KATAKANA_COMPANY_FIRST.fullmatch(text[start:end]):
        kind = "organization"  # スライブ・キャピタル, カーライル・グループ: a company's name, whatever unidic takes its words for
    if free(start, end) and not (found and found[-1].start < end and start < found[-1].end):  # (熊本県菊陽町, then 菊陽)
        found.append(Mention(text[start:end], kind, text[start:end], start, end))


def _titled_katakana_people(text: str, free: Uncovered) -> list[Mention]:
    """ジン・チェンCEO, マイケル・スミス氏: a katakana name of two words or more before a person's title is a
    person unidic does not know (not a company's name: カーライル・グループ代表)."""
    return [Mention(m.group(), "person", m.group(), m.start(), m.end()) for m in titled_katakana_names(text)
            if free(m.start(), m.end()) and not _KATAKANA_COMPANY_FIRST.fullmatch(m.group())]


def _news_lead_subjects(text: str, free: Uncovered) -> list[Mention]:
    """サクラ計算機は10日、…と発表した: what opens a sentence with は and the day of its news is who made the news
    — a company, when its name has katakana or Latin letters (政府は10日 is a common noun, 同社 no name)."""
    found = []
    for day in _DAY_AFTER_TOPIC.finditer(text):
        start = max(text.rfind(mark, 0, day.start()) for mark in "。\n") + 1
        name = _COUNTRY_INITIAL.sub("", text[start : day.start()].strip())  # 米Metaは3日: Meta
        if (_LEAD_NAME.fullmatch(name) and not name.startswith("同") and free(day.start() - len(name), day.start())):
            found.append(Mention(name, "organization", name, day.start() - len(name), day.start()))
    return found


#: は10日、: the topic of a news lead and the day of its news (found from は: a pattern that begins with a
#: look-behind for the sentence's start would be tried at every character).
_DAY_AFTER_TOPIC = re.compile(r"は(?:(?:1[0-2]|[1-9])月)?(?:3[01]|[12]\d|[1-9])日[、,]")
_COUNTRY_INITIAL = re.compile(rf"^{_COUNTRY_INITIALS}(?=[ァ-ヴA-Za-z])")
#: A company's name as a lead writes it: 2–16 characters with katakana or Latin letters in them.
_LEAD_NAME = re.compile(r"(?=.*[ァ-ヴA-Za-z])[ァ-ヴー一-龥々A-Za-z0-9・&]{2,16}")


def _governments(text: str, free: Uncovered) -> list[Mention]:
    """中国政府, 米政府, 日本政府: a country's government is a public body (its fund's 3440億元 is its own, not the
    last company's named)."""
    return [Mention(m.group(), "agency", m.group(), m.start(), m.end()) for m in _GOVERNMENT.finditer(text) if free(m.start(), m.end())]


#: (not 同政府, "the said government", nor a longer word's tail: 地方政府 is kept whole)
_GOVERNMENT = re.compile(r"(?<![一-龥ァ-ヴー])(?!同)[一-龥ァ-ヴー]{1,8}政府")
#: Names found by their shape after the proper nouns, each with a word the text must have for it to look.
_NAMES_BY_SHAPE = ((_titled_katakana_people, "・"), (_governments, "政府"), (_news_lead_subjects, "日"))


def titled_katakana_names(text: str) -> list[re.Match[str]]:
    """What ``_KATAKANA_PERSON.finditer`` finds, looked for only where the text has a ・ (searching every
    katakana run of a page took ~0.09 ms an article; this, a few µs)."""
    found: list[re.Match[str]] = []
    dot = text.find("・")
    while dot >= 0:
        start = dot
        while start > 0 and text[start - 1] in _KATAKANA_CHARS:
            start -= 1
        match = _KATAKANA_PERSON.match(text, start) if start < dot and text[start - 1 : start] != "・" else None
        if match is not None:
            found.append(match)
        dot = text.find("・", match.end() if match is not None else dot + 1)
    return found


#: A power plant's name ends with what it is (クリントン原子力発電所, スリーマイル島原発).
_POWER_PLANT = re.compile(r"(?:原子力発電所|原子力発電|原発|火力発電所|発電所)")
#: What follows a person's name in news: an honorific or a title (also an interview answer's label: 田中社長 …).
PERSON_TITLE = (r"(?:氏|さん|(?:副|前|元|現)?(?:社長|会長)|代表(?:取締役)?|最高|取締役|専務|常務|執行役員|CEO|CTO|CFO|COO|理事長"
                r"|部長|室長|所長|准?教授|研究員|長官|大臣|知事|市長|首相|議員|総裁|記者)")
_TITLE = re.compile(PERSON_TITLE)
#: (a match starts where its katakana run does: ``titled_katakana_names`` makes sure of it)
_KATAKANA_PERSON = re.compile(rf"[ァ-ヴー]{{2,}}(?:・[ァ-ヴー]{{2,}})+(?={PERSON_TITLE})")
_KATAKANA_CHARS = frozenset(map(chr, range(ord("ァ"), ord("ヴ") + 1))) | {"ー"}  # what [ァ-ヴー] matches
#: The rest of a given name unidic does not know, up to the title after it (浩路 of 松田浩路社長, 颯真 of 鈴木颯真氏).
_GIVEN_NAME_TAIL = re.compile(rf"[一-龥々]{{1,2}}(?={PERSON_TITLE})")


def _katakana_word_around(text: str, start: int, end: int) -> re.Match[str] | None:
    """The katakana name (words joined by ・) that a katakana proper noun found at ``start``–``end`` is
    only part of — unidic splits unknown words into known pieces (スライブ・キャピタル: スラ, a place,
    and イブ) — else None."""
    if not _KATA.match(text, start) or not (_KATA.match(text, end) or start and _KATA.match(text, start - 1)):
        return None
    return next((m for m in _KATA_NAME.finditer(text, max(0, start - 40), end + 40) if m.start() <= start and end <= m.end()), None)


_KATA_NAME = re.compile(f"[{_KATAKANA}]+(?:・[{_KATAKANA}]+)*")


#: 香川県, 北海道石狩市, 大阪府堺市, 東京都港区: unidic leaves the division out of the place's name
#: (not 米国市場 or 東京都内: a longer word goes on).
_PLACE_DIVISION = re.compile(r"(?:[都道府県](?:[一-龥ヶ]{1,3}?[市区町村郡])?|[市区町村郡州])(?![一-龥])")


def _company_suffix(text: str, end: int, kind: str) -> re.Match[str] | None:
    """The company-name ending right after a name that ends at ``end``, if any."""
    if kind == "person":
        return None
    return (_PLACE_COMPANY_SUFFIX if kind == "place" else _COMPANY_SUFFIX).match(text, end)
