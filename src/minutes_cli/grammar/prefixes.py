"""``Name: text`` speaker labels (``WH:``, ``nurse:``, ``委員長：``, ``【委員】``, ``問：``), the
words that end in a colon but are not speakers, and the legend of initials."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.kinds import PrefixShape

#: ``Name: text`` label shapes, checked in order; group ``label`` and ``rest`` (and, for
#: a name, ``qualifier``: the capacity it speaks in, ``Lucas (chair):``).
PREFIX_LABELS: tuple[tuple[PrefixShape, patterns.Pattern], ...] = (
    # an IRC log: <Ege> text
    ("irc", patterns.compile(
        r"^<(?P<label>[A-Za-z][\w\-|^`\[\]{}]{0,30})>\s+(?P<rest>\S.*)$", re.DOTALL
    )),
    ("initials", patterns.compile(r"^(?P<label>[A-Z]{2,4}):\s+(?P<rest>\S.*)$", re.DOTALL)),
    ("qa", patterns.compile(r"^(?P<label>問|答|Q|A)\s*[.．:：]\s*(?P<rest>\S.*)$", re.DOTALL)),
    ("bracketed", patterns.compile(
        r"^[【](?P<label>[^】\s]{1,12})[】]\s*(?P<rest>\S.*)$", re.DOTALL
    )),
    ("paren", patterns.compile(
        r"^[（(](?P<label>[^）)\s]{1,8})[）)]\s*(?P<rest>\S.*)$", re.DOTALL
    )),
    ("name", patterns.compile(
        r"^(?P<label>\?{1,3}|\*{3,5}|(?i:some(?:one|body)) from [A-Z][\w.'’-]{0,24}"
        r"|[A-Za-z][\w.'’-]{0,24}(?: [A-Z][\w.'’-]{0,24}){0,3})"
        r"(?:\s*\((?P<qualifier>[^()\n]{1,40})\))?\s?:"  # Lucas Pardue (as chair):
        r"\s+(?P<rest>\S.*)$",
        re.DOTALL,
    )),
    ("japanese", patterns.compile(  # 委員長：…; at least one character that is not ASCII
        r"^(?P<label>(?=[^\s:：]{0,11}[^\x00-\x7f])[^\s:：、。()（）「」<>]{1,12})[：:]\s*(?P<rest>\S.*)$",
        re.DOTALL,
    )),
)  # fmt: skip

#: Words that end in a colon but are not speakers (``Disposition:``, ``Key:``, ``Note:``).
NOT_SPEAKER_WORDS: frozenset[str] = frozenset((
    "disposition", "key", "note", "notes", "date", "time", "place", "location", "venue",
    "attendees", "attendance", "present", "absent", "agenda", "motion", "action", "actions",
    "vote", "votes", "result", "results", "conclusion", "resolution", "topic", "topics",
    "summary", "subject", "re", "ave", "plan", "item", "items", "lang", "tags", "title",
    "layout", "author", "status", "update", "updates", "decision", "decisions", "question",
    "questions", "answer", "answers", "example", "examples", "see", "source", "link", "links",
    "http", "https", "mailto", "presenter", "presenters", "chair", "minutes", "next", "todo",
    "fyi", "ps", "nb", "cc", "bcc", "from", "to", "comment", "comments", "discussion",
    "proposal", "proposals", "slides", "slide", "consensus", "outcome",
    "public comment", "public comments", "roll call", "call to order", "next steps",
    "action item", "action items", "new business", "old business", "portland plan",
    "日時", "日付", "時間", "場所", "会場", "議題", "件名", "出席者", "欠席者", "資料", "配布資料",
    "ai", "a.i.", "resolved", "rationale", "owner", "owners", "assignee", "due", "deadline",
    "regrets", "scribe", "scribes", "facilitator", "moderator", "notetaker", "note taker",
    "chairs", "guests", "observers", "missing", "members", "issue", "issues", "poll",
    "show of hands", "show of hands tool", "proposed", "agreed", "agreement",
    "recommendation", "recommendations", "background", "context", "problem", "solution",
    "goal", "goals", "purpose", "second", "seconded", "follow-up", "follow up", "followup",
    "reminder", "reminders", "announcement", "announcements", "question", "present",
    "備考", "注", "メモ", "結論", "決定", "決定事項",
))  # fmt: skip

#: Initials used as a speaker label (``WH``).
INITIALS = patterns.compile(r"[A-Z]{2,4}")
#: A chat-log nickname (``nurse``, ``ko1``, ``amatsuda``).
NICKNAME = patterns.compile(r"[a-z][a-z0-9_]{1,15}")
#: The label minutes use for a speaker nobody identified (``???``, ``*****``, ``?``,
#: ``Someone``, ``Someone from Apple``, ``Unknown``).
UNKNOWN_SPEAKER = patterns.compile(
    r"\?{1,3}|\*{3,5}|(?:someone|somebody|unknown|unidentified)(?: (?:speaker|from \S.{0,30}))?",
    re.IGNORECASE,
)

#: Any ``Word:`` / ``Two words:`` / ``語：`` at the start of a paragraph (speaker or not).
REMARK_LABEL = patterns.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,20}|[^\s:：]{1,8})\s*[:：]\s")

#: A legend of initials: ``Waldemar Horwat (WH)``.
INITIALS_ENTRY = patterns.compile(
    r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\s*\((?P<initials>[A-Z]{2,4})\)"
)

#: A speaker label glued inside a line of PDF text: ``…Thank you.    Adams: Please…``.
MIDLINE_NAME = patterns.compile(
    r"(?:(?<=\S\s{2,})|(?<=[.?!\]]\s))"
    r"(?P<label>\*{3,5}|[A-Z][\w.'’-]{0,24}(?: [A-Z][\w.'’-]{0,24}){0,2}):\s"
)
#: A personal name (``Joe Rastatter``): one such label is enough to be a speaker.
PROPER_NAME = patterns.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z'’-]+){1,2}$")


def is_remark(text: str) -> bool:
    """``Note: …``, ``Disposition: …``: a label that is not a speaker."""
    found = REMARK_LABEL.match(text.strip())
    return found is not None and found["label"].lower() in NOT_SPEAKER_WORDS


#: Any line of an IRC log, a bot's and a command included.
IRC_LINE = patterns.compile(r"^<[A-Za-z][\w\-|^`\[\]{}]{0,30}>\s")

#: IRC bots, whose lines are the channel's machinery, not anyone's words.
IRC_BOTS: frozenset[str] = frozenset(
    {"zakim", "rrsagent", "trackbot", "agendabot", "ghurlbot", "github-bot", "chanserv",
     "nickserv", "meetbot", "scribe", "bot"}
)  # fmt: skip

#: IRC commands to the queue or the bots (``q+``, ``ack benfrancis``, ``present+``): said
#: to the channel, not in the meeting. (``+1`` is a vote, and counts.)
IRC_COMMAND = patterns.compile(
    r"^(?:q[+\-?]|queue[+\-?]|ack\b|present[+\-]|regrets[+\-]|rrsagent\b|zakim\b|"
    r"scribe[+\-:]|scribenick|topic:|agenda[+\-:]|s/|i/)",
    re.IGNORECASE,
)


#: What follows a label when the line lists people, not speech: ``理事: takanory, yoshida,
#: terada``, ``Council: Carol, Mark, Mara``.
NAME_LIST = patterns.compile(
    r"^[^\s,、，。]{1,24}(?:\s*[,、，]\s*[^\s,、，。]{1,24}(?: [^\s,、，。]{1,24})?){1,}\s*$"
)

#: Emphasis around a label: ``**Mara**: …``, ``**Mara:** …``.
EMPHASIS_LABEL = patterns.compile(
    r"^(?:\*\*|__)(?P<label>[^*_\n]{1,40}?)(?::(?:\*\*|__)|(?:\*\*|__):)\s*"
)
