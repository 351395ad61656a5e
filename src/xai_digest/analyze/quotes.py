"""Quotes 「…」 (and English “…”) and who said them.

The speaker is read from the words after the closing bracket (「…」と○○氏は
述べた), from an attribution before it (○○によると、「…」), and a pronoun
(彼, 彼女, 同氏) stands for the last person named before the quote; with no one named between
the quote and its verb (「…」と述べた), or no verb (the quote ends the sentence), the person
marked with は/が earlier in the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xai_digest.analyze.entities import PERSON_TITLE, Mention, MentionIndex
from xai_digest.parse.text import is_english

MIN_QUOTE_CHARS = 10
#: 「AIの基盤を握る」と強調した: shorter words count when a speech verb follows them.
MIN_SPOKEN_CHARS = 5
_SPEECH_VERBS = re.compile(
    r"述べ|語っ|語り|語る|主張|宣言|話し|話す|指摘|強調|明かし|明らかに|説明|付け加え|書い|投稿|発言|発表|訴え|認め|報じ|答え|警告|批判"
    r"|表明|記し|綴っ|歓迎|期待|意欲を示|力を込め|胸を張|明言|断言|振り返|評価し|呼びかけ|コメントし|分析し|予想|予測|解説し|見込"
    # 「…」との考えを示した, 「…」との見方を示した; 「…」とした (news's plain "said")
    r"|の(?:考え|見方|認識|姿勢|意向|見通し|方針)を示|(?<=と)し(?:た|ている|ています)"
)
_AFTER = re.compile(r"^\s*(?:と|、と|とも)\s*[、,]?")
_PRONOUN = re.compile(r"^(?:彼女|彼|同氏|同社)(?:は|が)")
_ACCORDING = re.compile(r"(?:によると|によれば|の報道では)[、,]?\s*$")
_HONORIFIC = r"(?:\s?(?:氏|さん|社長|会長|CEO|最高経営責任者))?"


@dataclass
class FoundQuote:
    text: str
    start: int
    end: int
    speaker: str | None


def top_level_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost 「…」, end just past the closing 」."""
    spans, depth, start = [], 0, 0
    for bracket in _BRACKET.finditer(text):  # the brackets only: a loop over every character took ~3 % of analysis
        index = bracket.start()
        if bracket.group() == "「":
            if depth == 0:
                start = index
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, index + 1))
    return spans


_BRACKET = re.compile("[「」]")


def find_quotes(text: str, mentions: list[Mention]) -> list[FoundQuote]:
    """Japanese 「…」 quotes and English “…” ones, in the order they stand."""
    index = MentionIndex(mentions)  # each quote looks up the names near it: no scan of all (a long page)
    return sorted(_japanese_quotes(text, index) + _english_quotes(text, index), key=lambda q: q.start)


def _japanese_quotes(text: str, index: MentionIndex) -> list[FoundQuote]:
    quotes = []
    for start, end in top_level_quotes(text):
        inner = text[start + 1 : end - 1]
        if len(inner) < MIN_SPOKEN_CHARS:
            continue
        speaker = _speaker(text, start, end, index)
        if len(inner) < MIN_QUOTE_CHARS and (speaker is None or not _said_after(text, end)):
            continue  # short words in 「」 are a quote only when someone is said to have said them
        if speaker is None and not _reads_like_speech(inner):
            continue  # a term in quotes (「ネオクラウド」), a title, a name
        quotes.append(FoundQuote(inner, start, end, speaker))
    return quotes


def _speaker(text: str, start: int, end: int, index: MentionIndex) -> str | None:
    credited = _BRACKETED_SPEAKER.match(text, end)
    if credited is not None:  # 「…」（国内証券のストラテジスト）との声: the speaker in brackets after the words
        people = [m for m in index.within(credited.start(1), credited.end(1)) if m.kind == "person"]
        return people[0].name if people else credited.group(1).strip()
    sentence_end = _next_sentence_end(text, end)
    after = text[end:sentence_end]
    lead = _AFTER.match(after)
    if lead:
        verb = _SPEECH_VERBS.search(after)
        if verb:
            segment_start, segment_end = end + lead.end(), end + verb.start()
            pronoun = _PRONOUN.match(text[segment_start:segment_end].lstrip())
            if pronoun and pronoun.group(0).startswith(("彼", "同氏")):
                return _last_person_before(index, start)
            inside = [m for m in index.within(segment_start, segment_end) if m.kind != "place"]
            marked = [m for m in inside if _is_marked(text, m)]
            if marked:
                return marked[0].name
            people = [m for m in inside if m.kind == "person"]
            if people:
                return people[-1].name
            if inside:
                return inside[0].name
            if not text[segment_start:segment_end].strip():  # 「…」と述べた: who said it leads the sentence
                return _sentence_topic_before(text, index, start)
    before = text[max(0, start - 40) : start]
    if _ACCORDING.search(before):
        candidates = index.within(start - 40, start)
        if candidates:
            return candidates[-1].name
    if not after.strip(" 。\n"):  # the quote ends the sentence: ○○氏は、…「…」。
        return _sentence_topic_before(text, index, start)
    return None


#: 「…」（国内証券のストラテジスト）, 「…」（SBI証券の鈴木英之投資情報部長）: news credits a market comment
#: to the one who made it in brackets after it, often someone it does not name (NFKC brackets).
_BRACKETED_SPEAKER = re.compile(
    r"\(([^()「」、。]{0,24}(?:ストラテジスト|アナリスト|エコノミスト|関係者|幹部|担当者|責任者|投資家|首脳|トレーダー"
    rf"|ファンドマネ[ジー]ャー|運用担当者|専門家|{PERSON_TITLE}))\)")


def _said_after(text: str, end: int) -> bool:
    """「…」と述べた / 「…」と孫氏は強調した: the quote is followed by と and a speech verb in its sentence."""
    after = text[end : _next_sentence_end(text, end)]
    return bool(_AFTER.match(after) and _SPEECH_VERBS.search(after))


def _reads_like_speech(inner: str) -> bool:
    return len(inner) >= 20 and bool(re.search(r"[、。,!?！？]", inner))


#: A name marked as the sentence's topic, after any honorific or title (and the title's short form):
#: サックス氏は, レニエ報道官は, 後藤芳光最高財務責任者（CFO）は.
_MARKED = re.compile(rf"{_HONORIFIC}[一-龥ァ-ヴー]{{0,10}}(?:\([A-Za-z]{{2,6}}\))?\s?(?:は|が)")


def _is_marked(text: str, mention: Mention) -> bool:
    return bool(_MARKED.match(text, mention.end))


def _sentence_topic_before(text: str, index: MentionIndex, position: int) -> str | None:
    """The person (else organisation) marked with は/が, after any title (報道官は), earlier in the
    sentence that ``position`` is in: トーマス・レニエ報道官は、…「…」と述べた."""
    sentence_start = _sentence_start(text, position)
    marked = [m for m in index.within(sentence_start, position) if m.kind != "place" and _is_marked(text, m)]
    people = [m for m in marked if m.kind == "person"]
    chosen = people or [m for m in marked if m.kind in ("organization", "agency")]
    return chosen[0].name if chosen else None


def _last_person_before(index: MentionIndex, position: int) -> str | None:
    person = index.last_before(position, ("person",))
    return person.name if person else None


#: Where a sentence ends, for the bounds of the sentence around a quote.
_SENTENCE_ENDS = "。！？\n"
_SENTENCE_END = re.compile(f"[{_SENTENCE_ENDS}]")


def _next_sentence_end(text: str, position: int) -> int:
    match = _SENTENCE_END.search(text, position)
    return match.end() if match else len(text)


def _sentence_start(text: str, position: int) -> int:
    return max(text.rfind(mark, 0, position) for mark in _SENTENCE_ENDS) + 1


# --- English: “We are building …,” Musk said. / said Jensen Huang, Nvidia's CEO. ---------------------

#: Every quoted span, short ones too: straight quotes pair in order (("SoftBank") and OpenAI … "Crystal
#: intelligence": the words between two quoted terms are no quote); the short ones are passed over after.
_ENGLISH_QUOTE = re.compile(r"[“\"]([^“”\"\n]*)[”\"]")
_EN_VERB = r"(?:said|says|told|wrote|added|noted|explained|argued|stated)"
#: after the quote: ``,” Musk said`` / ``,” said Musk`` (the speaker's words are the group)
_EN_SPEAKER_AFTER = re.compile(rf"^[,.]?\s*(?:(?P<before>[^.;:\n]{{1,60}}?)\s{_EN_VERB}\b|{_EN_VERB}\s(?P<after>[^.;:\n]{{1,60}})"
                               r"|\s?[—–]\s?(?P<signed>[^(\n]{1,40}))")  # “…” — Elon Musk (@elonmusk): a signed post
_EN_SPEAKER_BEFORE = re.compile(rf"(?P<who>[^.;:\n]{{1,60}}?)\s{_EN_VERB}(?:\s[a-z]+)?[:,]?\s*$")  # told reporters:
_EN_PRONOUN = re.compile(r"^(?:he|she)$", re.I)


def _english_quotes(text: str, index: MentionIndex) -> list[FoundQuote]:
    """Quotes in English quotation marks whose words are English (a Japanese “ネオクラウド” is a term)."""
    quotes: list[FoundQuote] = []
    for match in _ENGLISH_QUOTE.finditer(text):
        inner = match.group(1).strip(" ,")
        if len(match.group(1)) < MIN_QUOTE_CHARS or not is_english(inner):
            continue
        speaker = _english_speaker(text, match.start(), match.end(), index)
        if speaker is None and quotes:
            speaker = _still_speaking(text, quotes[-1], match.start(), index)
        if speaker is None and not _reads_like_speech(inner):
            continue
        quotes.append(FoundQuote(inner, match.start(), match.end(), speaker))
    return quotes


def _still_speaking(text: str, previous: FoundQuote, start: int, index: MentionIndex) -> str | None:
    """“A,” said Dana Whitfield, CEO of Orbital Compute. “B.”: a quote right after another one's
    attribution, in the same paragraph with no one else named between, is the same speaker's."""
    if previous.speaker is None or "\n" in text[previous.end : start]:
        return None
    others = [m for m in index.between(previous.end, start) if m.kind == "person" and m.name != previous.speaker]
    return None if others else previous.speaker


def _english_speaker(text: str, start: int, end: int, index: MentionIndex) -> str | None:
    after = _EN_SPEAKER_AFTER.match(text[end : end + 80])
    if after:
        group = next(name for name in ("before", "after", "signed") if after.group(name))
        span = (end + after.start(group), end + after.end(group))
    else:
        before = _EN_SPEAKER_BEFORE.search(text, max(0, start - 80), start)
        if before is None:
            return None
        span = before.span("who")
    if _EN_PRONOUN.match(text[span[0] : span[1]].strip()):
        return _last_person_before(index, start)
    inside = [m for m in index.within(*span) if m.kind != "place"]
    people = [m for m in inside if m.kind == "person"]
    chosen = people or inside
    return chosen[0].name if chosen else None
