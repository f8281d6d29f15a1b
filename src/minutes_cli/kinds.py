"""The closed vocabularies: every set of names a record field or a stage decides among.

Each is a ``Literal`` defined here once; the records (:mod:`minutes_cli.models`) use the
public ones as field types, and the recognisers and stages type their tables with them,
so that a misspelt kind is a type error, not a record that fails validation at run time.
Like the models, this module imports nothing of the pipeline.
"""

from __future__ import annotations

from typing import Literal, get_args

# --- in the records -------------------------------------------------------------------

#: How speakers are marked in a document (``Document.scheme``).
SchemeName = Literal["legend", "assembly", "prefix", "none"]
#: What the text was read from (``Source.format``).
SourceFormat = Literal["text", "pdf"]
#: How the input ended its lines (``Source.newline``).
Newline = Literal["LF", "CRLF", "CR", "mixed", "none"]
#: Kinds of record named by a title (``Meta.kind``).
RecordKind = Literal["議事要旨", "議事録", "会議録", "会議要旨", "議事概要"]
#: What an attendance block lists (``AttendanceGroup.status``).
AttendanceStatus = Literal["present", "absent", "staff", "other"]
#: What a header paragraph or block states (``HeaderField.key``).
HeaderKey = Literal[
    "title",
    "datetime",
    "date",
    "time",
    "venue",
    "attendance",
    "agenda",
    "legend",
    "separator",
    "other",
]
#: Things recorded that nobody says (``Event.kind``).
EventKind = Literal["floor-voice", "stage-direction", "time", "separator", "reading"]
#: Paragraphs that are not speech (``Note.kind``): the event kinds among them, for events
#: outside any turn.
NoteKind = Literal["bullet", "bracket", "legend", "text", EventKind, "signature"]
#: How an utterance's speaker was found (``Utterance.attribution``): the marker's role
#: from the legend; a marker no legend explains; the label after the marker (会議録);
#: ``Name:`` before the speech; initials resolved by the document's key of initials; an IRC
#: nick (``<Ege> …``); the name at the end of the statement (``…した(terada``).
Attribution = Literal["legend", "marker", "assembly-label", "prefix", "initials", "irc", "trailing"]

#: How a decision was taken (``Decision.method``): nobody objected when the chair asked
#: (異議なし); members stood (起立) or raised hands (挙手); a ballot (投票, 記名投票); a roll
#: call (``Y-5``, ``Fish: Aye``); a voice vote; general or unanimous consent; a vote with
#: counts the minutes give but no method (``Pour : 11 Contre : 0``, ``by Unanimous Vote``).
DecisionMethod = Literal[
    "no-objection", "standing", "show-of-hands", "ballot", "roll-call", "voice", "consent", "vote"
]

#: What kind of turn an utterance is (``Utterance.kind``): a member's question, an
#: official's answer to it, a report (a committee chair's report, a mayor's policy
#: speech, the reasons for a bill), the presiding chair's procedure, or any other remark
#: (a debate speech, a greeting, a motion from the floor).
TurnKind = Literal["question", "answer", "report", "procedure", "remark"]

#: Why source text was left out of the data (``Dropped.reason``; the record keeps an open
#: string, so that a new reason is not a change of the schema).
DropReason = Literal[
    "page-number", "page-footer", "page-marker", "html-tag", "running-header", "running-footer"
]
#: Heading numbering styles (``Section.style``, an open string in the record for the same
#: reason), and ``agenda`` for the sections of a verbatim record taken from its agenda.
HeadingStyleName = Literal[
    "markdown-h2", "markdown-h3", "markdown-h4", "markdown-h5", "markdown-h6", "bold-numbered",
    "dai", "paren-arabic", "paren-kanji", "paren-katakana", "circled", "kanji", "arabic",
    "arabic-paren", "katakana", "agenda",
]  # fmt: skip

#: Every scheme name, in the order ``--scheme`` lists them.
SCHEMES: tuple[SchemeName, ...] = get_args(SchemeName)

# --- inside the pipeline --------------------------------------------------------------

#: What a header line is, before lines are grouped into blocks (``grammar.header``).
LineKind = Literal[
    "separator",
    "time",
    "label",
    "attendance-head",
    "agenda-head",
    "agenda-item",
    "legend",
    "title",
    "date",
    "text",
]
#: How a heading style's number becomes 1, 2, 3… (``grammar.headings.HEADING_STYLES``).
OrdinalOf = Literal["number", "katakana", "circled", "none"]
#: What a body paragraph is, checked in order by ``parse.turns.PARAGRAPH_KINDS``.
ParagraphKind = Literal[
    "legend", "event", "utterance", "bullet", "bracket", "remark", "marked", "text"
]
#: How an assembly label is written (``parse.scheme.assembly``): ``議長（山田君）``, up to
#: white space, in pieces (``岡村 俊彰 議長``), glued to the speech (``山田議長ただいま``), or
#: a name alone where the document sets its labels apart by white space (``田中太郎　…``).
LabelShape = Literal["bracketed", "bare", "spaced", "glued", "name"]
#: What a paragraph that opens no turn but looks as if it might is: a heading that has the
#: look (``○議事日程``), an aside of a chat log (a bot, a queue command: ``<Zakim> …``,
#: ``<benfrancis> q+``), a remark of the minute-taker's (``Note: …``), a paragraph opened by
#: the time of day (``10:30 The meeting resumed.``; a line may be the wrapped tail of a
#: speech), or a label this document does not read (said in a diagnostic).
Unread = Literal["heading", "aside", "remark", "stamp", "label"]
#: Shapes of ``Name: text`` speaker labels (``grammar.prefixes.PREFIX_LABELS``).
PrefixShape = Literal["irc", "initials", "qa", "bracketed", "paren", "name", "japanese"]
#: Why a paragraph breaks before a line (``parse.split.BOUNDARIES``).
BreakReason = Literal[
    "first",
    "alone",
    "turn",
    "not-wrapped",
    "blank-lines",
    "opener",
    "after-single-line-block",
    "sentence-end",
]
