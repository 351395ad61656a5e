"""People as an article names them again, whom they work for, and an interview's answers.

A Japanese article names a person in full once (さくらインターネットの田中邦裕社長) and by family name
after (田中社長); an English one by family name (Whitfield).  An interview (インタビュー) writes each
question after ―― and each answer after its speaker's name (田中社長 2027年度までに…): the answer is the
speaker's words, and what the speaker says the company will do is the company's, not the person's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from xai_digest.analyze.entities import PERSON_TITLE, Mention
from xai_digest.analyze.spans import span_holding
from xai_digest.model import BODY_JOINER
from xai_digest.parse.text import JAPANESE_SCRIPT, capitalised

#: A question of an interview: ――政府の支援を受けて… (the dash doubled, or ─, —, Q., Q：).
_QUESTION = re.compile(rf"(?:^|{BODY_JOINER})(?:[―─—]{{1,2}}|Q[.．:：]|Q\s)")
#: After a speaker's name at the head of an answer: a title, then a space (NFKC made 　 plain) or ：.
_SPEAKER_LABEL_END = re.compile(rf"{PERSON_TITLE}?\s?[:：]?\s")
#: さくらインターネットの田中邦裕社長: an organisation, の, then the person.
_OF = re.compile(r"\s?の\s?")
_ORGANISATIONS = ("organization", "other")


@dataclass(frozen=True)
class Answer:
    """An interview answer: its words (``start``–``end`` in the analysed text) and who says them."""

    start: int
    end: int
    speaker: str


def with_full_names(mentions: list[Mention], listed: Container[str]) -> list[Mention]:
    """A name nobody listed, given short — a person by family name (田中社長, Whitfield said), a company by
    its first word (Vantage after Vantage Data Centers) — is the one the article names in full (田中邦裕,
    Dana Whitfield), when exactly one full name fits.  Listed names are never merged: Google is not
    Google DeepMind, nor Starship Starship Block."""
    full = {m.name: m.kind for m in mentions if m.name not in listed and m.kind in _SHORTENED_KINDS}
    fuller_by_short = _fuller_names(full)
    result = []
    for mention in mentions:
        if mention.name in full:
            fuller = [name for name, person_only in fuller_by_short.get(mention.name, ())
                      if name != mention.name and (mention.kind == "person" or not person_only)]
            if len(fuller) == 1:
                kind = full[fuller[0]] if mention.kind == "other" else mention.kind
                mention = replace(mention, name=fuller[0], kind=kind)
        result.append(mention)
    return result


_SHORTENED_KINDS = ("person", "organization", "other")


def _fuller_names(names: Iterable[str]) -> dict[str, list[tuple[str, bool]]]:
    """Each way an article may name one of ``names`` again (its family name) → (the full name, whether
    only a person's mention can be that short form).  Built once, so a long page with thousands of
    unlisted names does not compare every name with every other (11 s for 6,000 names in 300 KB)."""
    fuller: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for name in names:
        for short, person_only in _short_forms(name):
            fuller[short].append((name, person_only))
    return fuller


def _short_forms(full: str) -> Iterator[tuple[str, bool]]:
    """The short forms ``full`` may be written as (a family name, a company's first word), each with whether
    only a person is so shortened."""
    if "・" in full:  # イーロン・マスク: a foreign name in katakana puts the family name last
        yield from ((full[i + 1 :], True) for i, char in enumerate(full) if char == "・")
    elif JAPANESE_SCRIPT.search(full):  # 田中邦裕 → 田中
        yield from ((full[:end], True) for end in range(1, len(full)))
    elif " " in full:
        words = full.split(" ")
        if len(words) == 2 and capitalised(words[1]):  # Dana Whitfield; not AI of Mistral AI or GPU of Nvidia GPU
            yield words[1], False
        if capitalised(words[0]) and words[-1] in _COMPANY_LAST_WORDS:  # Vantage of Vantage Data Centers (not
            yield words[0], False  # Google of Google Veo, Starship of Starship Block: a product's first word is its maker's)


#: How an English company's name ends (Vantage Data Centers, Orbital Compute, Thrive Capital, Mistral AI).
_COMPANY_LAST_WORDS = frozenset({"Centers", "Center", "Compute", "Computing", "Labs", "Lab", "Capital", "Partners", "Ventures",
                                 "Systems", "Technologies", "Networks", "Group", "Holdings", "Inc", "Corp", "Corporation",
                                 "Company", "Energy", "Cloud", "AI"})


@dataclass(frozen=True)
class Interview:
    """An article's interview answers and whom each speaker works for (none: not an interview)."""

    answers: list[Answer]
    employers: dict[str, str]

    @classmethod
    def read(cls, text: str, mentions: list[Mention]) -> "Interview":
        answers = _answers(text, mentions)
        return cls(answers, _affiliations(text, mentions) if answers else {})

    @cached_property
    def _answer_at(self) -> Callable[[int, int], int | None]:
        return span_holding([(a.start, a.end) for a in self.answers])

    def subject(self, position: int, subject: str | None) -> str | None:
        """Whose a figure at ``position`` whose subject was found to be ``subject`` is: in an answer, one
        of the speaker's or no one's is the speaker's organisation's (what the company will do)."""
        index = self._answer_at(position, position + 1)
        answer = None if index is None else self.answers[index]
        if answer is None or subject not in (None, answer.speaker):
            return subject
        return self.employers.get(answer.speaker, subject)


def _affiliations(text: str, mentions: list[Mention]) -> dict[str, str]:
    """Person → the organisation named just before them with の (さくらインターネットの田中邦裕社長)."""
    found: dict[str, str] = {}
    for before, after in zip(mentions, mentions[1:]):
        if (after.kind == "person" and before.kind in _ORGANISATIONS
                and _OF.fullmatch(text, before.end, after.start)):
            found.setdefault(after.name, before.name)
    return found


def _answers(text: str, mentions: list[Mention]) -> list[Answer]:
    """The answers of an interview: paragraphs that open with a person's name (and title) and a space,
    in an article that asks questions after ――."""
    if not _QUESTION.search(text):
        return []
    answers = []
    for mention in mentions:
        opens_paragraph = mention.start == 0 or text.startswith(BODY_JOINER, mention.start - len(BODY_JOINER))
        label = _SPEAKER_LABEL_END.match(text, mention.end) if mention.kind == "person" and opens_paragraph else None
        if label is None:
            continue
        end = text.find(BODY_JOINER, label.end())
        answers.append(Answer(label.end(), end if end >= 0 else len(text), mention.name))
    return answers
