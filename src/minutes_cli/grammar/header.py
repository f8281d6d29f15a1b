"""Header lines: what each line before the body is, read on its own.

A labelled line (``日時：``, ``１　期日　…``, ``Date:``, ``会議名：…``), the heading of an
attendance block (``出席議員（２５名）``) or of the agenda (``議事日程``), an agenda item
(``日程第１``), a legend, a Markdown title, a date, a time stamp or a rule. The header
stage groups them into blocks; the split stage asks them where the header ends.
"""

from __future__ import annotations

from typing import NamedTuple

import regex as re

from minutes_cli.grammar import jpdate, patterns
from minutes_cli.grammar.blocks import BRACKET_LINE, HEADER_LABEL
from minutes_cli.grammar.events import event_kind
from minutes_cli.grammar.markers import LEGEND_BLOCK, is_legend_text
from minutes_cli.grammar.numbers import NUMBER
from minutes_cli.grammar.prefixes import INITIALS_ENTRY
from minutes_cli.grammar.text import display_width, ends_sentence
from minutes_cli.kinds import HeaderKey, LineKind, RecordKind

#: Header label (spaces removed) -> what its value states.
LABEL_KEYS: dict[str, HeaderKey] = {
    "日時": "datetime", "開催日時": "datetime", "開会日時": "datetime",
    "開催日": "date", "期日": "date", "日付": "date", "date": "date",
    "時間": "time", "time": "time",
    "場所": "venue", "会場": "venue", "開催場所": "venue", "place": "venue",
    "location": "venue", "venue": "venue",
    "出席者": "attendance", "出席委員": "attendance", "欠席者": "attendance",
    "欠席委員": "attendance", "attendees": "attendance", "present": "attendance",
    "absent": "attendance", "議題": "agenda", "案件": "agenda", "協議事項": "agenda",
    "次第": "agenda", "会議次第": "agenda",
}  # fmt: skip

#: Title words that name the kind of record, longest first.
KINDS: tuple[RecordKind, ...] = ("議事要旨", "会議要旨", "議事概要", "議事録", "会議録")

#: Attendance block headings: 出席議員（２５名）, 出　席　議　員　（３８名）, ３ 出席議員（32人）,
#: 欠席議員 なし, 欠席委員（なし）, 説明員, 出席事務局職員, 地方自治法第121条による出席者,
#: 区議会事務局, 出席國務大臣, 理事者側出席者, 執行部出席者.
ATTENDANCE_HEAD = patterns.compile(
    r"^(?:[○〇]\s*)?(?:\d{1,2}\s*)?(?P<label>"
    r"(?:(?:理事者|執行部|当局|市|町|村|区|説明)側?)?"
    r"(?:出席|欠席)\S{0,8}?(?:議員|委員|者|職員|説明員|大臣|政府委員|政府参考人|参考人)"
    r"|説明員|事務局出席職員|出席事務局職員|地方自治法第\d+条による出席者|(?:区|市)?議会事務局"
    r")\s*(?:[（(]\s*(?P<count>\d+)\s*(?:名|人)\s*[）)])?\s*(?P<rest>.*)$"
)
#: Agenda block headings: ○議事日程, 議事日程（第１号）, 本日の会議に付した事件, 追加議事日程,
#: 令和６年度○○区議会定例会議事日程　第１号, and
#: alone on their line 協議事項, 審査事件, 付議事件 (their items listed below them).
AGENDA_HEAD = patterns.compile(
    r"^(?:[○〇]\s*)?(?:\S{0,40}?(?:議会|定例会|臨時会|委員会))?(?P<label>(?:追加)?議事日程|(?:本日の)?[会會]議に付した(?:事件|案件)"
    r"|(?:協議|審査|審議|付議|調査)(?:事項|事件|案件)(?=$|[（(]))(?P<rest>.*)$"
)
#: Agenda items: 第１　会期の決定, 日程第１, 日程第 2 議案…, 第一 環太平洋…
AGENDA_ITEM = patterns.compile(
    r"^(?P<number>(?:追加)?(?:日程)?第\s*" + NUMBER + r")(?:\s+(?P<title>\S.*))?$"
)
#: Header labels with a numbered form and no colon: ``１　期日　令和６年…``, ``２ 場 所 …``,
#: ``３ 出席者 委員１０名中８名出席``, ``４ 議 題`` (its items on the lines below). Not 議事:
#: ``３ 議事`` is where the proceedings start, the body's first section.
NUMBERED_LABEL = patterns.compile(
    r"^\d{1,2}[.．、]?\s*(?P<label>日\s*時|期\s*日|場\s*所|会\s*場|開催日時|開催日|"
    r"出\s*席\s*者|出席委員|欠\s*席\s*者|欠席委員|議\s*題|案\s*件|協議事項|会議次第|次\s*第|会議名|"
    r"配布資料|傍聴者)(?:\s+(?P<value>\S.*))?$"
)
#: The same labels with no number and no colon, set apart by white space or a tab:
#: ``日　時　令和６年…``, ``場　所　中央公民館``, ``日時<TAB>令和６年…``.
SPACED_LABEL = patterns.compile(
    r"^(?P<label>日\s*時|開催日時|期\s*日|開催日|時\s*間|場\s*所|会\s*場|開催場所)"
    r"[\t ]+(?P<value>\S.*)$"
)
#: English ``Date: …`` style labels (the Japanese ones are ``blocks.HEADER_LABEL``).
ENGLISH_LABEL = patterns.compile(
    r"^\*?\s*(?P<label>Date|Time|Place|Location|Venue|Attendees|Present|Absent)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
#: Other ``key: value`` lines in a header (front matter, 会議名：…).
KEY_VALUE = patterns.compile(r"^(?P<label>[\w・]{1,12})\s*[:：]\s*(?P<value>\S.*)$")


def _label_of(text: str) -> tuple[HeaderKey, str, str] | None:
    """``(key, label, value)`` for a labelled line in any of its forms."""
    for pattern in (HEADER_LABEL, NUMBERED_LABEL, SPACED_LABEL, ENGLISH_LABEL):
        found = pattern.match(text)
        if found:
            label = found["label"].replace(" ", "")
            return LABEL_KEYS.get(label.lower(), "other"), label, (found["value"] or "").strip()
    return None


class LineShape(NamedTuple):
    """What one header line is, read on its own (blocks are formed later, in context)."""

    kind: LineKind
    label: str | None  # the label as written, spaces removed (``出席議員``, ``日時``)
    value: str  # what follows the label; else the line
    key: HeaderKey | None = None  # kind "label": what the label states


def classify_line(text: str) -> LineShape:
    """What a stripped header line is: the first of these shapes that it has."""
    event = event_kind(text)
    if event == "separator" or event == "time":
        return LineShape(event, None, text)
    labelled = _label_of(text)
    if labelled:
        key, label, value = labelled
        return LineShape("label", label, value, key)
    compact = text.replace(" ", "")
    found = ATTENDANCE_HEAD.match(compact)
    if found and len(found["rest"]) <= 12:
        return LineShape("attendance-head", found["label"], compact)
    found = AGENDA_HEAD.match(compact)
    if found:
        return LineShape("agenda-head", found["label"], found["rest"].strip())
    found = AGENDA_ITEM.match(text)
    if found:
        number = found["number"].replace(" ", "")
        return LineShape("agenda-item", number, (found["title"] or "").strip())
    if (LEGEND_BLOCK.search(text) and BRACKET_LINE.match(text)) or is_legend_text(text):
        return LineShape("legend", None, text)
    if text.startswith("# "):
        return LineShape("title", None, text[2:].strip())
    if len(INITIALS_ENTRY.findall(text)) >= 3:
        return LineShape("attendance-head", "Attendees", text)
    found = KEY_VALUE.match(text)
    if found and display_width(text) <= 80 and not ends_sentence(text):
        return LineShape("label", found["label"], found["value"], "other")
    date = jpdate.find_date(text)
    if date and display_width(text) <= 80:
        return LineShape("date", None, text)
    return LineShape("text", None, text)
