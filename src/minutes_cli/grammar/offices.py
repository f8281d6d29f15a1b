"""The office vocabulary of Japanese speaker labels: 議長, 副教育長, 議会事務局議事課長,
市長付参事, 会計管理者兼総務課長, 農地整備課長補佐兼係長…

An office is matched over the *whole* label, longest first, as a phrase: organisational
units (議会事務局, 総務課, 市長付) then a head (課長, 参事, 副教育長), optionally ``補佐`` or
``代理``, and ``兼`` joining several. So ``鈴木副教育長`` is 鈴木 and 副教育長 (not 鈴木副 and
教育長), and ``竹内議会事務局議事課長`` is 竹内 and the whole office, not a name ending in
議事 and the office 課長.

Where a label has no brackets, the name is what comes before the office: the shortest
prefix after which the rest is an office built from this vocabulary (so a given name such
as 博二 is never read as a department). Department names this vocabulary does not know are
read only inside brackets (``にぎわい創出課長（小笹義博君）``), where nothing must be split.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.jpdate import parse_int
from minutes_cli.grammar.labels import HONORIFICS
from minutes_cli.grammar.numbers import NUMBER

#: Heads: what an office ends with, longest first in the pattern. Old kanji forms included.
HEADS: tuple[str, ...] = (
    "議長", "副議長", "仮議長", "委員長", "副委員長", "小委員長", "仮委員長", "委員",
    "理事", "市長", "副市長", "区長", "副区長", "町長", "副町長", "村長", "副村長",
    "知事", "副知事", "教育長", "副教育長", "教育次長", "教育委員", "監査委員",
    "代表監査委員", "内閣総理大臣", "国務大臣", "國務大臣", "大臣", "副大臣", "大臣政務官",
    "政務官", "政府委員", "政府参考人", "参考人", "公述人", "説明員", "証人", "事務局長",
    "事務局次長", "局長", "次長", "部長", "副部長", "室長", "課長", "副課長", "所長", "館長",
    "園長", "院長", "校長", "署長", "場長", "係長", "班長", "主幹", "主査", "主任", "主事",
    "参事", "副参事", "参与", "監", "会計管理者", "管理者", "会長", "副会長", "座長",
    "副座長", "幹事長", "書記", "書記長", "事務長", "センター長", "事務取扱", "事務局",
    "消防長", "総長", "長官", "副長官", "技監",
)  # fmt: skip

#: What turns a head into a deputy or a stand-in, or says it is held besides another:
#: 課長補佐, 部長代理, 部長兼務.
AFTER_HEAD = ("補佐", "代理", "心得", "兼務")

#: Words that end an organisational unit: 総務課, 議会事務局, 選挙管理委員会, 市長付.
UNIT_ENDS: tuple[str, ...] = (
    "委員会", "事務局", "センター", "本部", "支所", "出張所", "課", "部", "局", "室", "係",
    "所", "館", "園", "署", "場", "班", "院", "付",
)  # fmt: skip

#: Department and organisation words that go before a unit end or a head (総務課長,
#: 企画財政課長, 議会事務局, 教育次長). A closed list on purpose: a name before an office is
#: told from a department only because the department is a known word.
STEMS: tuple[str, ...] = (
    "議会", "議事", "調査", "総務", "企画", "財政", "財務", "政策", "経営", "行政", "庶務",
    "秘書", "広報", "広聴", "人事", "職員", "税務", "課税", "収納", "会計", "出納", "市民",
    "町民", "村民", "区民", "住民", "生活", "環境", "衛生", "清掃", "福祉", "保健", "健康",
    "医療", "保険", "年金", "子育て", "子ども", "こども", "児童", "保育", "高齢", "高齢者",
    "介護", "障害", "障がい", "社会", "地域", "包括", "支援", "協働", "産業", "振興", "商工",
    "観光", "経済", "農林", "農政", "農業", "農地", "林業", "林務", "水産", "畜産", "建設",
    "土木", "都市", "計画", "整備", "管理", "道路", "河川", "建築", "住宅", "営繕", "上下水道",
    "下水道", "水道", "消防", "防災", "危機", "危機管理", "安全", "交通", "教育", "学校",
    "生涯学習", "学務", "学習", "文化", "スポーツ", "図書", "選挙", "選挙管理", "監査", "公平",
    "情報", "デジタル", "国際", "交流", "移住", "定住", "まちづくり", "企業", "病院", "港湾",
    "空港", "資産", "契約", "検査", "統計", "法務", "文書", "総合", "戦略", "推進", "担当",
    "統括", "総括", "事業", "施設", "公園", "緑地", "用地", "常任", "特別", "運営", "予算",
    "決算", "文教", "厚生", "議会運営", "特命", "内閣", "内閣府", "官房", "外務", "防衛",
    "復興", "文部科学", "厚生労働", "農林水産", "経済産業", "国土交通", "国家公安", "警察",
    *(SINGLE_STEMS := ("市", "町", "村", "区", "県", "道", "府", "都")),
)  # fmt: skip


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


class _Words(NamedTuple):
    """A class of vocabulary words, by length (longest first), for :func:`is_office`."""

    by_length: tuple[tuple[int, frozenset[str]], ...]

    @classmethod
    def of(cls, words: tuple[str, ...]) -> _Words:
        lengths = sorted({len(word) for word in words}, reverse=True)
        return cls(tuple((n, frozenset(w for w in words if len(w) == n)) for n in lengths))

    def ends(self, text: str, at: int) -> Iterator[int]:
        """Where each word of the class that starts at ``at`` ends."""
        for length, words in self.by_length:
            if text[at : at + length] in words:
                yield at + length


_STEM, _HEADWORD, _UNIT_END, _AFTER = map(_Words.of, (STEMS, HEADS, UNIT_ENDS, AFTER_HEAD))
_KEN, _CHO, _TSUKI = _Words.of(("兼",)), _Words.of(("長",)), _Words.of(("付",))

#: The grammar of an office phrase, as a finite automaton over words: state -> (words,
#: the states they lead to). As a pattern (which it replaces: its backtracking was
#: exponential on a long run of stems that are also pairs of stems, ``危機管理…x``)::
#:
#:     ONE    = UNIT* (STEM* HEAD AFTER? | STEM+ UNIT_END 長 AFTER?)
#:     UNIT   = STEM+ UNIT_END | HEAD 付
#:     OFFICE = ONE (兼 ONE)*
#:
#: so 議会事務局議事課長 (two units, a head), 企画財政課長, 市長付参事, 副教育長, 地域支所長 (a
#: unit's 長: 地域支所 + 長), 会計管理者兼総務課長. Run over every reading at once, it takes
#: time linear in the text.
_OFFICE: dict[str, tuple[tuple[_Words, tuple[str, ...]], ...]] = {
    "unit": ((_STEM, ("stems",)), (_HEADWORD, ("head", "head of unit"))),
    "stems": ((_STEM, ("stems",)), (_UNIT_END, ("unit", "unit end")), (_HEADWORD, ("head",))),
    "head of unit": ((_TSUKI, ("unit",)),),  # 市長付
    "unit end": ((_CHO, ("chief",)),),  # 地域支所 + 長
    "head": ((_AFTER, ("deputy",)), (_KEN, ("unit",))),
    "chief": ((_AFTER, ("deputy",)), (_KEN, ("unit",))),
    "deputy": ((_KEN, ("unit",)),),  # 課長補佐兼…
}
#: The states an office phrase may end in.
_OFFICE_ENDS = frozenset({"head", "chief", "deputy"})


#: An office inside brackets or before them may be any post that ends like one: the
#: department need not be known there (にぎわい創出課長, 地域包括支援センター長補佐).
POST_ENDINGS = (*HEADS, "長", "員", "者", "官", "補佐", "代理")


def is_office(text: str) -> bool:
    """Whether ``text`` is, as a whole, an office of this vocabulary. Two one-character
    stems do not open one (町村議長, 市村部長: 町村 and 市村 are surnames)."""
    if not text or (text[:1] in SINGLE_STEMS and text[1:2] in SINGLE_STEMS):
        return False
    reached: list[set[str]] = [set() for _ in range(len(text) + 1)]
    reached[0].add("unit")
    for at, states in enumerate(reached[:-1]):
        for state in states:
            for words, following in _OFFICE[state]:
                for end in words.ends(text, at):
                    reached[end].update(following)
    return not reached[-1].isdisjoint(_OFFICE_ENDS)


def looks_like_post(text: str) -> bool:
    """Whether ``text`` names a post, known department or not (企画部長, 書記, 保育園長)."""
    return is_office(text) or text.endswith(POST_ENDINGS)


class Parts(NamedTuple):
    """A label without brackets, read with the office vocabulary."""

    seat: int | None
    name: str | None
    role: str | None
    honorific: str | None


_SEAT = patterns.compile(r"^(?P<seat>" + NUMBER + r")番")
_HONORIFIC = patterns.compile(f"(?:{_alternation(HONORIFICS)})$")


def split_label(text: str) -> Parts:
    """``鈴木副教育長`` -> (None, 鈴木, 副教育長, None); ``3番玉城保弘議員`` -> (3, 玉城保弘,
    None, 議員); ``議長辻本一夫君`` -> (None, 辻本一夫, 議長, 君); ``田中太郎`` -> name only.

    The seat leads; the honorific ends; the office is the longest one at the end (after
    the shortest name), else, when an honorific ends the name, at the start (a role written
    before the name: without the honorific, ``区長所信表明`` would be a name)."""
    seat: int | None = None
    found = _SEAT.match(text)
    if found:
        seat, text = parse_int(found["seat"]), text[found.end() :]
    honorific: str | None = None
    found = _HONORIFIC.search(text)
    if found and found.start() > 0:
        honorific, text = found[0], text[: found.start()]
    elif found and text in HONORIFICS and seat is None:
        return Parts(None, None, None, None)  # an honorific alone names nobody
    if not text:
        return Parts(seat, None, None, honorific)
    if is_office(text):
        return Parts(seat, None, text, honorific)
    # The shortest name after which the rest is an office; a one-character name only when
    # the office after it does not open with a one-character stem that leaves an office
    # (村 of 中村教育長 is not the village of 村教育長; 堀 of 堀議会事務局長 is a surname).
    if is_office(text[1:]) and not (text[1] in SINGLE_STEMS and is_office(text[2:])):
        return Parts(seat, text[:1], text[1:], honorific)
    for cut in range(2, len(text)):
        if is_office(text[cut:]):
            return Parts(seat, text[:cut], text[cut:], honorific)
    if honorific is not None:  # an office before the name: 議長辻本一夫君, 議員８番松岡泉君
        for cut in range(len(text) - 1, 0, -1):
            if is_office(text[:cut]) or text[:cut] == "議員":
                name = text[cut:]
                found = _SEAT.match(name)
                if found and seat is None:
                    seat, name = parse_int(found["seat"]), name[found.end() :]
                return Parts(seat, name or None, text[:cut], honorific)
    return Parts(seat, text, None, honorific)
