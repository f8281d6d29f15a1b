"""Assembly and Diet speaker labels: honorifics, seats, and the ○-headings that are not
speakers (``○議事日程``). The offices a label names are in :mod:`.offices`."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.numbers import NUMBER
from minutes_cli.grammar.text import SENTENCE_ENDERS

#: Honorifics written after a speaker's name; removed from the name and kept apart.
HONORIFICS: tuple[str, ...] = ("議員", "君", "さん", "氏", "様")

_HONORIFIC_AT_END = patterns.compile(
    r"(?P<honorific>" + "|".join(re.escape(h) for h in HONORIFICS) + r")$"
)


def strip_honorific(name: str) -> tuple[str, str | None]:
    """``田中実君`` -> (``田中実``, ``君``); a name that is only an honorific is kept."""
    found = _HONORIFIC_AT_END.search(name)
    if found and found.start() > 0:
        return name[: found.start()], found["honorific"]
    return name, None


#: A seat number: ``２２番``, ``十四番``.
SEAT = patterns.compile(r"^(?P<seat>" + NUMBER + r")\s*番$")

#: Headings of header blocks that start with ○/〇 but are not speakers
#: (○議事日程, 〇出席議員, ○本日の会議に付した案件, ○小委員長の互選, 〇 第 1 日).
NOT_A_SPEAKER = patterns.compile(
    r"^(?:[…‥:：=＝・]|(?:追加)?議事日程|(?:本日の)?[会會]議に付した|出席|欠席|地方自治法|会議録署名|"
    r"委員の異動|日程第|請願|陳情|第\s*" + NUMBER + r"\s*日|"
    r"(?:説明員|事務局出席職員|(?:区|市)?議会事務局)\s*(?:[（(]\s*\d+\s*[名人]\s*[）)])?\s*$)"
)


def is_marked_heading(after: str) -> bool:
    """What follows the marker of ``○出席議員（８名）``, ``○職務のため出席した者の職氏名``,
    ``◎諸般の報告``: a known header heading, or one word without the end of a sentence
    (``○質問があります。`` is a sentence, said by someone)."""
    after = after.strip()
    if NOT_A_SPEAKER.match(after):
        return True
    return len(after.split(maxsplit=1)) == 1 and not any(mark in after for mark in SENTENCE_ENDERS)
