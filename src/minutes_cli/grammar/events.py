"""Things recorded that nobody says: floor voices, stage directions, time stamps, rule
lines, readings; what closes a sitting and the signatures after it."""

from __future__ import annotations

from functools import lru_cache

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.kinds import EventKind

_OPEN = r"[（(〔\[［]"
_CLOSE = r"[）)〕\]］]"
_NUM = r"[\d〇零一二三四五六七八九十]{1,3}"
_TIME = r"(?:午前|午後)\s*" + _NUM + r"\s*時(?:\s*" + _NUM + r"\s*分|半)?"
_TIME_WORDS = r"(?:開会・開議|開会|開議|休憩|再開|散会|散會|閉会|閉會|延会|延會|開議|会議中止)"

#: Events recorded in verbatim minutes, checked in order (name -> pattern on a stripped line).
EVENTS: tuple[tuple[EventKind, patterns.Pattern], ...] = (
    (
        "time",
        patterns.compile(
            r"^"
            + _OPEN
            + r"?\s*[〇○]?\s*(?:"
            + _TIME
            + r"\s*"
            + _TIME_WORDS
            + r"|"
            + _TIME_WORDS
            + r"\s*"
            + _TIME
            + r")\s*"
            + _CLOSE
            + r"?$"
        ),  # 午前１１時５分休憩, ○休憩　午前１１時５分
    ),
    (
        "time",  # The meeting adjourned at 8:15 p.m.; Meeting called to order at 6:02 PM.
        patterns.compile(
            r"^(?:the\s+)?(?:(?:regular|special)\s+)?(?:meeting|session|council|board)\s+(?:was\s+)?"
            r"(?:adjourned|recessed|reconvened|resumed|called\s+to\s+order)\b[^\n]{0,80}$",
            re.IGNORECASE,
        ),
    ),
    (
        "stage-direction",
        patterns.compile(
            r"^"
            + _OPEN
            + r"[^〕）)\]］]{0,40}(?:登壇|降壇|退席|着席|入場|退場|入室|退室|発言席"
            + r"|投票開始|投票終了|開票|速記中止|速記開始|を示す|提示|自席から|自席にて|自席で)"
            + r"[^〕）)\]］]{0,4}"
            + _CLOSE
            + r"$"
        ),
    ),
    (
        "floor-voice",
        patterns.compile(
            r"^"
            + _OPEN
            + r".{0,60}(?:呼ぶ者|声あり|の声|拍手|起立|発言する者|者あり|議場騒然|笑声)"
            + r"[^〕）)\]］]{0,6}"
            + _CLOSE
            + r"$"
        ),
    ),
    (
        "reading",
        patterns.compile(r"^" + _OPEN + r"[^〕）)\]］]{0,40}(?:朗読|報告)" + _CLOSE + r"$"),
    ),
    ("separator", patterns.compile(r"^[-－―ー─━＝=‐–—◇◆・~〜＊*_＿.…\s]{3,}$")),
)


#: A floor voice written inside a line of speech (``お答えします。〔「もっと具体的に」と呼ぶ者
#: あり〕具体的には…``, ``…と考えます。（拍手）``): not the speaker's words.
INLINE_VOICE = patterns.compile(
    r"〔[^〔〕\n]{0,60}(?:呼ぶ者|声あり|の声|拍手|発言する者|者あり|議場騒然|笑声)[^〔〕\n]{0,6}〕"
    r"|（[^（）\n]{0,60}(?:と呼ぶ者あり|の声あり|拍手)[^（）\n]{0,6}）"
)

#: Time stamps and phrases that close the sitting: after them come signatures, not speech.
CLOSING = patterns.compile(r"散会|散會|閉会|閉會|延会|延會|\badjourned\b", re.I)

#: A signature line under the closing time: ``市会議長　鈴木太郎``, ``同　坂本勝司``.
SIGNATURE = patterns.compile(
    r"^(?:\S{0,6}議長|\S{0,6}議員|\S{0,6}委員長|署名\S{0,6}|同)\s+[^\s君。、]{1,6}(?:\s[^\s君。、]{1,6})?$"
)


#: What an event can start with (brackets, 午前/午後, 〇 of 〇午後１時開会, rule characters,
#: the first letter of The/Meeting/Session/Council/Board/Regular).
_EVENT_START = patterns.compile(
    r"^(?:[（(〔\[［〇○午\-－―ー─━＝=‐–—◇◆・~〜＊*_＿.…\s]|[TtMmSsCcBbRr])"
)


_RULE_RUN = patterns.compile(r"[-－―ー─━＝=‐–—_＿*＊]{3}")


@lru_cache(maxsize=8192)  # each line is asked by several stages; bounded, unlike @cache
def event_kind(text: str) -> EventKind | None:
    """The kind of non-speech event a stripped line or paragraph records, if any."""
    if not _EVENT_START.match(text):
        return None  # most lines are speech: one cheap test instead of five patterns
    for name, pattern in EVENTS:
        if pattern.match(text):
            if name == "separator" and not _RULE_RUN.search(text):
                continue  # "・・・" alone is an ellipsis, not a rule
            return name
    return None
