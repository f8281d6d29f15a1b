"""Assembly and Diet speaker labels: the roles a label ends with, honorifics, seats, and the
○-headings that are not speakers (``○議事日程``)."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.numbers import NUMBER

#: Role words a speaker label may end with, matched longest first so that 副委員長
#: wins over 委員長 and 委員, and 副議長 over 議長. Old kanji forms (國務大臣) included.
ROLE_SUFFIXES: tuple[str, ...] = tuple(
    sorted(
        {
            "議長", "副議長", "仮議長", "委員長", "副委員長", "小委員長", "仮委員長", "委員",
            "理事", "市長", "副市長", "区長", "副区長", "町長", "副町長", "村長", "副村長",
            "知事", "副知事",
            "教育長", "教育委員", "監査委員", "代表監査委員", "選挙管理委員会委員長",
            "内閣総理大臣", "国務大臣", "國務大臣", "大臣", "副大臣", "大臣政務官", "政務官",
            "政府委員", "政府参考人", "参考人", "公述人", "説明員", "証人",
            "事務局長", "事務局次長", "議会事務局長", "局長", "次長", "部長", "室長", "課長",
            "会計管理者", "管理者", "会長", "副会長", "座長", "副座長", "幹事長",
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip

#: Honorifics written after a speaker's name; removed from the name and kept apart.
HONORIFICS: tuple[str, ...] = ("議員", "君", "さん", "氏", "様")

_ROLE_ALT = "|".join(re.escape(r) for r in ROLE_SUFFIXES)
_HONORIFIC_ALT = "|".join(re.escape(h) for h in HONORIFICS)

#: The label that follows an assembly marker, up to the white space before the speech.
#: Shapes: 議長（清野一榮議員） / （伊藤よしのり議長） / （井上さくら君） / 22番（筒井議員）
#: / おのせ康裕議長 / 北村経夫君 / 原（侑）委員. The caller splits name, role and honorific.
ASSEMBLY_LABEL = patterns.compile(
    r"^(?P<label>"
    r"(?P<outer>[^\s（(）)]{0,24})[（(](?P<inner>[^）)]{1,24})[）)](?P<after>[^\s（(]{0,8})"
    r"|(?P<bare>[^\s（(）)、。]{1,24})"
    r")(?:\s+|$)(?P<rest>.*)$",
    re.DOTALL,
)
ROLE_AT_END = patterns.compile(r"(?P<role>" + _ROLE_ALT + r")$")
HONORIFIC_AT_END = patterns.compile(r"(?P<honorific>" + _HONORIFIC_ALT + r")$")

#: Endings of posts that are not in ROLE_SUFFIXES (企画部長, 議事調査主査, 書記).
_POST_ENDINGS = ("長", "員", "者", "官", "理事", "主査", "主事", "書記", "参事", "監")


def looks_like_role(text: str) -> bool:
    """Whether ``text`` names a post (議長, 総務常任委員長, 企画部長), not a person."""
    return bool(ROLE_AT_END.search(text)) or text.endswith(_POST_ENDINGS)


def strip_honorific(name: str) -> tuple[str, str | None]:
    """``田中実君`` -> (``田中実``, ``君``); a name that is only an honorific is kept."""
    found = HONORIFIC_AT_END.search(name)
    if found and found.start() > 0:
        return name[: found.start()], found["honorific"]
    return name, None


SEAT = patterns.compile(r"^(?P<seat>\d{1,3})\s*番$")

#: Headings of header blocks that start with ○/〇 but are not speakers
#: (○議事日程, 〇出席議員, ○本日の会議に付した案件, ○小委員長の互選, 〇 第 1 日).
NOT_A_SPEAKER = patterns.compile(
    r"^(?:[…‥:：=＝・]|(?:追加)?議事日程|(?:本日の)?[会會]議に付した|出席|欠席|地方自治法|会議録署名|"
    r"委員の異動|日程第|請願|陳情|第\s*" + NUMBER + r"\s*日|"
    r"(?:説明員|事務局出席職員|(?:区|市)?議会事務局)\s*(?:[（(]\s*\d+\s*[名人]\s*[）)])?\s*$)"
)
