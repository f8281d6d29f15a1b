"""What opens a block of its own (a bullet, a bracketed line, a header label), where a
sentence ends, and what notes refer to (handouts, attendance counts)."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns

#: Bullets that open a note paragraph.
BULLET_START = patterns.compile(r"^\s*(?:(?P<bullet>[・･•‧])\s*|(?P<md>[-*+])\s+(?=\S))")

#: A line that is wholly one bracketed remark: ``（質疑応答）``, ``（了）``, ``〔休憩〕``.
BRACKET_LINE = patterns.compile(r"^\s*[（(〔［\[【<＜][^）)〕］\]】>＞]{1,60}[）)〕］\]】>＞]\s*$")

#: Header labels that start a new paragraph wherever they occur, letter-spaced or not.
HEADER_LABEL = patterns.compile(
    r"^\s*(?P<label>"
    r"日\s*時|開催日時|開催日|開会日時|期\s*日|日\s*付|時\s*間|場\s*所|会\s*場|開催場所|"
    r"出席者|出席委員|欠席者|欠席委員|事務局|傍聴者|議\s*題|会議名|件\s*名|司\s*会|配布資料"
    r")\s*[:：]\s*(?P<value>.*)$",
    re.DOTALL,
)

#: ``資料１ タイトル`` in a note: the label, and the title up to the closing quote or
#: the next label (``…の概略と資料９ …``); the caller trims a trailing ``と``/``、``.
MATERIAL_REF = patterns.compile(
    r"(?P<id>資料\s*\d+(?:[-－‐]\d+)?)\s*(?P<title>(?:(?!資料\s*\d)[^」』\n])*)"
)

#: Attendance counts: ``委員 11 名中７名出席``, ``出席者 7 名``, ``委員11名中7名``.
ATTENDANCE = patterns.compile(
    r"(?P<group>[^\s、。,：:・「」]{1,10}?)?\s{0,3}(?P<total>\d{1,4})\s*(?:名|人)\s*中\s*(?P<present>\d{1,4})"
    r"\s*(?:名|人)\s*(?:が\s*)?出席"
    r"|出席(?:者|委員)?\s*[:：]?\s*(?P<present_only>\d{1,4})\s*(?:名|人)"
)

#: The end mark of a document, ``以上``, alone on its line: set apart to the right (indented
#: past a paragraph's one-character indent), it closes the document, and no one says it.
END_MARK = patterns.compile(r"^以\s*上$")

#: How far (characters) the end mark stands from the left margin at least: a paragraph's
#: own indent is one.
END_MARK_INDENT = 2

#: The end of a speech that announces a list (``意見は次の二点です。``, ``以下のとおり：``):
#: the bullets after it are more of the speech. Searched in the last words only. (A colon
#: alone is not enough: ``Two issues remain open:`` in English notes heads the notes' list.)
LIST_INTRO = patterns.compile(
    r"(?:次|以下)の[^。．\n]{0,16}(?:です|である|あります|とおり|通り)[。．:：]?\s*\Z"
)
