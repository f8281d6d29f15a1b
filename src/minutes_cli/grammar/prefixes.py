"""``Name: text`` speaker labels (``WH:``, ``nurse:``, ``委員長：``, ``【委員】``, ``問：``), the
words that end in a colon but are not speakers, and the legend of initials."""

from __future__ import annotations

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.kinds import PrefixShape

#: A name in a label: ``???``, ``*****``, ``Someone from Apple``, ``WH``, ``Joe Rastatter``,
#: ``Ms. Lee``, ``Vice Chair Osei``, or two people presenting together (``Alice/Bob``).
_WORD = r"[A-Z][\w.'’-]{0,24}"
_NAME = (
    r"\?{1,3}|\*{3,5}|(?i:some(?:one|body)) from [A-Z][\w.'’-]{0,24}"
    rf"|{_WORD}(?: ?/ ?{_WORD})+"
    r"|[A-Za-z][\w.'’-]{0,24}(?: [A-Z][\w.'’-]{0,24}){0,3}"
)
#: One part of a job title after a name: ``Capitol Project Manager``, ``Bureau of
#: Transportation``, ``Sr. Business Operations Manager`` (capitalised words and the small
#: words between them); whether it is a title, not another name, ``titles`` decides.
_TITLE = r"[A-Z][\w.'’&-]{0,24}(?: (?:[A-Z][\w.'’&-]{0,24}|of|the|and|for|on|in|&)){0,6}"

#: ``Name: text`` label shapes, checked in order; group ``label`` and ``rest`` (and, for
#: a name, the capacity it speaks in: ``qualifier`` of ``Lucas (chair):``, ``capacity`` of
#: ``(Chair) Baptiste:``, ``post`` of ``Winston Sandino, Capitol Project Manager:``).
PREFIX_LABELS: tuple[tuple[PrefixShape, patterns.Pattern], ...] = (
    # an IRC log: <Ege> text
    ("irc", patterns.compile(
        r"^<(?P<label>[A-Za-z][\w\-|^`\[\]{}]{0,30})>\s+(?P<rest>\S.*)$", re.DOTALL
    )),
    ("initials", patterns.compile(r"^(?P<label>[A-Z]{2,4}):\s+(?P<rest>\S.*)$", re.DOTALL)),
    ("qa", patterns.compile(  # Q: / A:, 問：/ 答：, and Question: / Answer: in words
        r"^(?:(?P<label>問|答|Q|A)\s*[.．:：]|(?P<label>Question|Answer)\s*:)\s*(?P<rest>\S.*)$",
        re.DOTALL,
    )),
    ("bracketed", patterns.compile(
        r"^[【](?P<label>[^】\s]{1,12})[】]\s*(?P<rest>\S.*)$", re.DOTALL
    )),
    ("name", patterns.compile(
        r"^(?:\((?P<capacity>[A-Z][A-Za-z .'’-]{1,30})\)\s*)?"  # (Chair) Baptiste:
        r"(?P<label>" + _NAME + r")"
        r"(?:\s*\((?P<qualifier>[^()\n]{1,40})\)"  # Lucas Pardue (as chair):
        r"|,\s+(?P<post>" + _TITLE + r"(?:,\s+" + _TITLE + r"){0,3}))?"  # Name, Job, Bureau:
        r"\s?:\s+(?P<rest>\S.*)$",
        re.DOTALL,
    )),
    ("paren", patterns.compile(
        r"^[（(](?P<label>[^）)\s]{1,8})[）)]\s*(?P<rest>\S.*)$", re.DOTALL
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
    "http", "https", "mailto", "presenter", "presenters", "minutes", "next", "todo",
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

#: Labels that are a convention only as a pair, each used more than once: a question and
#: its answer (``Q:``/``A:``, ``問：``/``答：``, ``Question:``/``Answer:``); ``A.`` and a lone
#: ``Q.`` are outline letters, a lone ``Question:`` a remark.
QA_PAIRS: tuple[tuple[str, str], ...] = (("Q", "A"), ("問", "答"), ("Question", "Answer"))
QA_LABELS: frozenset[str] = frozenset(label for pair in QA_PAIRS for label in pair)

#: Of the words that are no speakers, those that head the minute-taker's own entries
#: (``Note: …``, ``Motion: …``, ``Action item: …``): such a line is a block of its own,
#: never the wrapped tail of a speech (as ``Ave: Holgate to Foster`` may be, the rest of
#: ``SE 82nd`` above it).
RECORD_WORDS: frozenset[str] = frozenset((
    "note", "notes", "nb", "ps", "fyi", "action", "actions", "action item", "action items",
    "ai", "todo", "decision", "decisions", "resolved", "resolution", "motion", "vote",
    "votes", "result", "results", "disposition", "conclusion", "consensus", "outcome",
    "agreed", "summary", "recommendation", "recommendations", "follow-up", "follow up",
    "followup", "reminder",
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

#: A label that names nobody known, where it starts a label of any scheme: the above, and
#: also ``Audience``, ``不明``, ``発言者不明`` (the people stage links such a turn to nobody).
NAMES_NOBODY = patterns.compile(
    r"^(?:someone|somebody|unknown|unidentified|audience|\?+|\*+|不明|発言者不明)\b|^[?？*＊]+$",
    re.IGNORECASE,
)

#: Any ``Word:`` / ``Two words:`` / ``語：`` at the start of a paragraph (speaker or not).
REMARK_LABEL = patterns.compile(r"^(?P<label>[A-Za-z][A-Za-z ]{0,20}|[^\s:：]{1,8})\s*[:：]\s")

#: A legend of initials: ``Waldemar Horwat (WH)``.
INITIALS_ENTRY = patterns.compile(
    r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})\s*\((?P<initials>[A-Z]{2,4})\)"
)

#: A speaker label glued inside a line of PDF text: ``…Thank you.    Adams: Please…``,
#: ``…Welcome.    Winston Sandino, Capitol Project Manager, Bureau of Transportation:  Good…``;
#: not after a list number or letter or a courtesy title (``1. Nadia:``, ``III. Press
#: Releases:``, ``Ms. Lee:`` open the line).
MIDLINE_NAME = patterns.compile(
    r"(?:(?<=\S\s{2,})|(?<=[.?!\]]\s))"
    r"(?<!^\s*(?:\d{1,3}|[IVX]{1,5}|[A-Za-z])[.)]\s+)(?<!\b(?:Mr|Mrs|Ms|Mx|Dr|Prof|Rev|Sr|Jr|St)\.\s+)"
    r"(?P<label>\*{3,5}|[A-Z][\w.'’-]{0,24}(?: [A-Z][\w.'’-]{0,24}){0,2})"
    r"(?:,\s+(?P<post>" + _TITLE + r"(?:,\s+" + _TITLE + r"){0,3}))?:\s"
)
#: A label alone on its line, the speech on the lines below: ``Hamid:``.
BARE_LABEL = patterns.compile(r"^(?P<label>" + _NAME + r")\s?:$")
#: The number of a numbered list of turns: ``1. Nadia: …``.
ENUMERATOR = patterns.compile(r"^\d{1,3}[.)]\s+(?=\S)")
#: A row of a table or a report, a label and an amount: ``Opening balance: $1,200.00``.
TABLE_ROW = patterns.compile(
    r"^[A-Z][\w'’&.-]{0,24}(?: [\w'’&.-]{1,24}){0,4}\s?:\s+[-+(]?[$€£¥]?\s?\d[\d,]*(?:\.\d+)?%?\)?$"
)
#: Names in a row before a colon, several people at once: ``Hales, Fritz, Saltzman: Aye.``
NAMES_LABEL = patterns.compile(
    r"^[A-Z][\w.'’-]{0,24}(?:(?:, (?:and )?| and )[A-Z][\w.'’-]{0,24}){1,6}:\s+\S"
)
#: A line the minute-taker opens with the time of day: ``10:30 The meeting resumed.``
TIME_STAMP = patterns.compile(r"^\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s+[A-Z][a-z]")
#: An attendance line, whose names are the people of the meeting: ``Attendees: Hugo, Amara``;
#: a council's roll call (``THOSE PRESENT WERE: Mayor Adams, Commissioners Fish…``), which a
#: PDF's text may glue to the title before it.
ROSTER_LINE = patterns.compile(
    r"(?:^|\s)(?i:attendees|attendance|present|members present|also present|in attendance"
    r"|participants|guests|(?:those\s+)?present\s+were|officers\s+in\s+attendance)"
    r"\s*:\s*(?P<names>\S.*)$"
)
#: A personal name (``Joe Rastatter``): one such label is enough to be a speaker.
PROPER_NAME = patterns.compile(r"^[A-Z][a-z]+(?:[ -][A-Z][a-z'’-]+){1,2}$")


def is_remark(text: str) -> bool:
    """``Note: …``, ``Disposition: …``: a label that is not a speaker."""
    found = REMARK_LABEL.match(text.strip())
    return found is not None and found["label"].lower() in NOT_SPEAKER_WORDS


def is_record(text: str) -> bool:
    """``Note: …``, ``Motion: …``: an entry of the minute-taker's, capitalised as a line
    that opens a block is (see :data:`RECORD_WORDS`)."""
    found = REMARK_LABEL.match(text.strip())
    return (
        found is not None
        and found["label"][:1].isupper()
        and (found["label"].lower() in RECORD_WORDS)
    )


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

#: Emphasis around a label: ``**Mara**: …``, ``**Mara:** …``, ``*Mara*: …``.
EMPHASIS_LABEL = patterns.compile(
    r"^(?P<mark>\*\*|__|\*|_)(?P<label>[^*_\n]{1,40}?)(?::(?P=mark)|(?P=mark):)\s*"
)
