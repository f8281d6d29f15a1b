"""What minutes say when something is decided: the recognisers of the ``decisions`` stage.

A decision is read from *cues* in the text, each an entry of :data:`CUES`, a table of named
patterns whose entries carry what they tell:

* a **result** announces the decision: ``よって、原案どおり可決されました``, ``異議がありません
  ので、そのように決定いたしました``, a note's ``…の6名承認`` (a board's minutes), ``Upon
  voice vote, the motion carried unanimously``, ``Approved by General Consent``, ``(Y-5)
  184350``, ``PLACED ON FILE``, ``Pour : 11 Contre : 0 Abstentions : 0``, ``RESOLUTION: …``;
* a **finding** is the chair's finding just before a result (``御異議なしと認めます``,
  ``過半数と認めます``, ``総数81、賛成72、反対９``, ``on a Y-5 roll call``); a finding that no
  result follows in the same turn is the decision itself (``御異議なしと認めます。`` and the
  chair goes on to name the members);
* a **method** cue says how it was decided, where the chair puts the question (``御異議あり
  ませんか``, ``〔賛成者起立〕``, ``記名投票``, ``voice vote``, ``A l'unanimité``);
* a **heading** may say that what stands under it is the decision on the item above it
  (:data:`DECISION_HEADING`: ``#### Conclusion/Resolution``);
* an **item** cue names what is on the floor (``日程第２、会期の決定を議題といたします``,
  ``Délibération n° : D202345 Objet de la délibération …``, ``Special Order 7A, …``), and a
  bare ``お諮りいたします。`` puts a new question whose item the text does not number.

Counts come as named groups ``yes``, ``no``, ``abstain`` and ``total`` of a cue. A committee
chair's report of what the committee decided (``…承認すべきものと決定いたしました``) is no
decision of this meeting, and a past decision told in a speech (``閣議決定した``) is written
in plain form, which no result cue takes.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.kinds import DecisionMethod

#: What a cue is (see the module).
CueKind = Literal["result", "finding", "method", "item", "question"]


class Cue(NamedTuple):
    """One entry of :data:`CUES`."""

    name: str
    kind: CueKind
    pattern: patterns.Pattern
    #: Whether the decision carries (None: the cue does not tell, or it is no vote at all,
    #: e.g. ``REFERRED TO …``); a cue with counts decides it from them.
    passed: bool | None = None
    method: DecisionMethod | None = None
    #: Whether the cue says all were for (``起立全員``, ``unanimously``, ``A l'unanimité``).
    unanimous: bool | None = None
    #: Results only in narrative paragraphs, not in a speech (``The report was approved``
    #: said in a speech may be history).
    narrative: bool = False
    #: Counts a cue leaves out because they are none (``(Y-5)``: five for, none against).
    zero: tuple[str, ...] = ()
    #: An item that one decision settles (an entry of a disposition agenda: ``*44 Amend
    #: contract … (Ordinance) (Y-5)``): the next decision is not on it.
    once: bool = False


#: A number as the minutes write it: digits (OCR may read 0 as O or Q), or kanji numerals.
_N = r"[0-9OQ]{1,4}|[〇一二三四五六七八九十百千]{1,8}"
#: How the chair says the body decided: ``可決されました``, ``承認することに決しました``.
_J_DECIDED = (
    r"(?:されました|することに決しました|と決しました|することに決定いたしました"
    r"|と決定いたしました)"
)
#: … and for a vote's result, also ``否決いたしました``.
_J_DONE = rf"(?:{_J_DECIDED}|いたしました)"
_FR_N = r"[0-9OQ]{1,3}"

CUES: tuple[Cue, ...] = (
    # --- items: what is on the floor ---------------------------------------------------
    Cue(
        "ja-agenda",
        "item",
        patterns.compile(
            r"(?P<what>[^。]{2,200}?)(?:を|について)(?:一括して|一括)?(?:議題と(?:いた)?します|議題に供します"
            r"|議題とすることに)"
        ),
    ),
    Cue(
        "ja-matter",
        "item",
        patterns.compile(r"(?P<what>[^。、]{2,80}?)(?:について|を)お諮りいたします"),
    ),
    Cue("ja-question", "question", patterns.compile(r"(?<!について)(?<!を)お諮りいたします。")),
    Cue(
        "fr-deliberation",
        "item",
        patterns.compile(
            r"Délibération\s+n[°o]\s*:?\s*(?P<item>D?\d{3,})(?:\s+[OQ]b[ij]et\s+de\s+la\s+"
            r"délibération\s+(?P<what>.{2,160}?)(?=\s+(?:[AÀ]\s+l['’]unanimit|Pour\s*:|Vu\s|Le\s|La\s"
            r"|Les\s|Après|Considérant|Compte\s)|$))?"
        ),
    ),
    Cue(
        "en-disposition-item",
        "item",
        patterns.compile(
            r"(?:^|\s|(?=\*))(?P<item>\*?\d{1,3})\s+(?P<what>[A-Z](?:(?!\s\*?\d{1,3}\s+[A-Z])[^()]){4,400}?)"
            r"\s+\([^()]{2,120}\)\s+"
            r"(?=\(Y-\d|PLACED ON FILE|PASSED TO\s+SECOND READING|REFERRED TO|ADOPTED|ACCEPTED"
            r"|CONFIRMED)"
        ),
        once=True,
    ),
    Cue(
        "en-special-order",
        "item",
        patterns.compile(
            r"\b(?P<item>(?:Special Order|Item|Agenda Item|Resolution)\s+(?:No\.\s*)?"
            r"[0-9]{1,3}[A-Z]?)"
            r"(?:,\s*(?P<what>[^,]{3,160}),)?(?=\s+(?:was|were|is)\s+(?:not\s+)?(?:approved|adopted"
            r"|accepted|confirmed|ratified|rejected|carried|tabled)\b)"
        ),
    ),
    Cue(
        "en-motion",
        "item",
        patterns.compile(
            r"\b(?:moved\s+(?:to|that)|(?:a|the)\s+motion\s+to)\s+(?P<what>[^,.;]{3,160})", re.I
        ),
    ),
    # --- methods: how the question is put ---------------------------------------------
    Cue(
        "ja-objection",
        "method",
        patterns.compile(r"異議(?:あり|ござい)ませんか|「異議なし」と呼ぶ|異議なしと認め"),
        method="no-objection",
    ),
    Cue(
        "ja-standing-all",
        "method",
        patterns.compile(r"起立(?:全員|総員)"),
        method="standing",
        unanimous=True,
    ),
    Cue(
        "ja-standing",
        "method",
        patterns.compile(r"起立を求め|賛成者起立|起立多数|起立少数"),
        method="standing",
    ),
    Cue(
        "ja-hands",
        "method",
        patterns.compile(r"挙手を求め|賛成者挙手|挙手多数|挙手全員"),
        method="show-of-hands",
    ),
    Cue(
        "ja-ballot",
        "method",
        patterns.compile(
            r"記名投票|無記名投票|投票(?:を|願|開始|終了|により|といたします)|押しボタン"
        ),
        method="ballot",
    ),
    Cue("ja-all", "method", patterns.compile(r"全会一致|全員賛成|満場一致"), unanimous=True),
    Cue("en-voice", "method", patterns.compile(r"\bvoice vote\b", re.I), method="voice"),
    Cue("en-roll-call", "method", patterns.compile(r"\broll[- ]call\b", re.I), method="roll-call"),
    Cue("en-hands", "method", patterns.compile(r"\bshow of hands\b", re.I), method="show-of-hands"),
    Cue(
        "en-ballot",
        "method",
        patterns.compile(r"\bby\s+(?:secret\s+|written\s+)?ballot\b|\bballot\s+vote\b", re.I),
        method="ballot",
    ),
    Cue(
        "en-unanimous",
        "method",
        patterns.compile(r"\bunanimous(?:ly)?\b", re.I),
        unanimous=True,
    ),
    Cue("fr-unanimous", "method", patterns.compile(r"[AÀ]\s+l['’]unanimit[ée]"), unanimous=True),
    # --- findings: the chair's finding before the result ------------------------------
    Cue(
        "ja-tally",
        "finding",
        patterns.compile(
            rf"(?:投票)?総数\s*(?P<total>{_N})\s*票?\s*[、，,]?\s*(?:賛成|白色?票)\s*(?P<yes>{_N})\s*票?"
            rf"\s*[、，,]?\s*(?:反対|青色?票)\s*(?P<no>{_N})"
        ),
        method="ballot",
    ),
    Cue(
        "ja-no-objection",
        "finding",
        patterns.compile(r"(?:御|ご)?異議(?:なし|ない(?:もの)?)と認め"),
        passed=True,
        method="no-objection",
    ),
    Cue(
        "ja-majority",
        "finding",
        patterns.compile(r"過半数と認め|(?:起立|挙手)多数(?:と認め|であります)"),
        passed=True,
    ),
    Cue(
        "ja-all-found",
        "finding",
        patterns.compile(r"(?:起立|挙手)(?:全員|総員)(?:と認め|であります)"),
        passed=True,
        unanimous=True,
    ),
    Cue(
        "en-tally-call",
        "finding",
        patterns.compile(r"\bon\s+a\s+Y-(?P<yes>\d{1,3})(?:\s*N-(?P<no>\d{1,3}))?\s+roll\s+call"),
        method="roll-call",
        zero=("no",),
    ),
    # --- results: the decision announced ----------------------------------------------
    Cue(
        "ja-rejected",
        "result",
        patterns.compile(rf"(?P<outcome>否決|不承認|不同意|不採択|不認定){_J_DONE}"),
        passed=False,
    ),
    Cue(
        "ja-passed",
        "result",
        patterns.compile(
            rf"(?P<outcome>(?:原案|修正案?)(?:どおり|のとおり)?可決|修正可決|可決){_J_DONE}"
            rf"|(?P<outcome>承認|同意|採択|認定|選任){_J_DECIDED}"
        ),
        passed=True,
    ),
    Cue(
        "ja-decided",
        "result",
        patterns.compile(
            r"(?<!べきものと)(?<!べきものに)(?P<outcome>決定)いたしました|(?P<outcome>決)しました"
        ),
        passed=True,
    ),
    Cue(
        "ja-noted",
        "result",
        patterns.compile(
            r"(?P<outcome>承認|可決|否決|決定|了承|採択)(?:された|されました|しました|となった"
            r"|となりました)?(?=[。．]|[ \t]*(?:\n|$))"
        ),
        narrative=True,
    ),
    Cue(
        "en-motion-result",
        "result",
        patterns.compile(
            r"\bmotion\s+(?:was\s+)?(?P<outcome>carried|passed|failed|was\s+defeated|adopted|approved)",
            re.I,
        ),
    ),
    Cue(
        "en-by-consent",
        "result",
        patterns.compile(
            r"(?:(?<=^|[.:!?]\s{1,3})(?P<what>[A-Z][\w'’ -]{2,60}?)\s+(?:(?:was|were)\s+)?)?"
            r"\b(?P<outcome>(?:not\s+)?(?:approved|adopted|accepted|confirmed|ratified))"
            r"(?:\s+as\s+(?:submitted|amended|presented|corrected))?\s+by\s+general\s+consent",
            re.I,
        ),
        method="consent",
        narrative=True,
    ),
    Cue(
        "en-by-vote",
        "result",
        patterns.compile(
            r"\b(?P<outcome>(?:not\s+)?(?:approved|adopted|accepted|confirmed|ratified|rejected))"
            r"(?:\s+as\s+(?:submitted|amended|presented|corrected))?\s+by\s+(?:a\s+)?"
            r"(?:unanimous|majority|roll[- ]call|voice)\s+vote",
            re.I,
        ),
        method="vote",
        narrative=True,
    ),
    Cue(
        "en-was",
        "result",
        patterns.compile(
            r"\b(?:motion|minutes|report|resolution|ordinance|agenda|amendment|proposal|budget"
            r"|item|request)s?\b[^.;:!?]{0,40}?\b(?:was|were)\s+(?P<outcome>(?:not\s+)?(?:approved"
            r"|adopted|accepted|confirmed|ratified|rejected|carried|tabled))\b(?!\s+by)",
            re.I,
        ),
        narrative=True,
    ),
    Cue(
        "en-roll-tally",
        "finding",
        patterns.compile(r"\((?P<outcome>Y-(?P<yes>\d{1,3})(?:\s*N-(?P<no>\d{1,3}))?)\)"),
        method="roll-call",
        narrative=True,
        zero=("no",),
    ),
    Cue(
        "en-disposition",
        "result",
        patterns.compile(
            r"(?P<outcome>PLACED ON FILE|PASSED TO\s+SECOND READING|REFERRED TO(?: [A-Z&,]+)+"
            r"|(?<![A-Z] )ADOPTED|ACCEPTED|CONFIRMED)(?![a-z])"
        ),
        narrative=True,
    ),
    Cue(
        "en-resolution",
        "result",
        patterns.compile(r"(?:^|\*\*)(?P<outcome>RESOLUTION|RESOLVED)\s*:\s*(?P<what>[^*]{3,400})"),
        passed=True,
    ),
    Cue(
        "fr-tally",
        "result",
        patterns.compile(
            rf"Pour\s*:\s*(?P<yes>{_FR_N})[\s:;z°]{{0,12}}?Contre\s*:\s*(?P<no>{_FR_N})"
            rf"(?:[\s°]{{0,4}}Abstentions?\s*:\s*(?P<abstain>{_FR_N}))?"
        ),
        method="vote",
    ),
)

#: The method cues, for the words said with a result (``carried unanimously``).
METHODS = tuple(cue for cue in CUES if cue.kind == "method")

#: Outcomes that say the decision carries or fails where the cue itself does not.
PASSED_WORDS = {
    "carried": True, "passed": True, "adopted": True, "approved": True, "accepted": True,
    "confirmed": True, "ratified": True, "rejected": False, "failed": False, "defeated": False,
    "承認": True, "可決": True, "決定": True, "了承": True, "採択": True, "否決": False,
}  # fmt: skip

#: Outcomes named in full: ``そのように決しました`` is 決定.
OUTCOME_NAMES = {"決": "決定"}

#: Outcomes the disposition of an agenda gives that are no vote: the item goes on.
NOT_A_VOTE = ("PLACED ON FILE", "PASSED TO", "REFERRED TO", "tabled")

#: A heading whose paragraphs are what was decided on the item above it: TC39's
#: ``#### Conclusion/Resolution``, ``Decisions``, 決定事項, 結論 (not ``Summary of
#: resolutions``, which repeats them).
DECISION_HEADING = patterns.compile(
    r"(?i:conclusions?|resolutions?|decisions?|outcomes?)(?:\s*/\s*(?i:conclusions?|resolutions?"
    r"|decisions?))?|決定事項|結論|決議事項"
)

#: A report of what a committee decided: no decision of this meeting.
REPORTED = patterns.compile(
    r"べきもの[とに]|との(?:結論|報告)|委員会(?:において|では)[^。]{0,60}決定"
)

#: Kanji numerals, for counts written 七十二.
_KANJI_VALUE = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_UNIT = {"十": 10, "百": 100, "千": 1000}


def number(text: str) -> int:
    """A count as written: ``72``, ``O`` or ``Q`` (OCR's 0), ``七十二``."""
    text = text.replace("O", "0").replace("Q", "0")
    if text.isdigit():
        return int(text)
    total, digit = 0, 0
    for char in text:
        if char in _KANJI_VALUE:
            digit = _KANJI_VALUE[char]
        else:
            total += (digit or 1) * _KANJI_UNIT[char]
            digit = 0
    return total + digit


#: What ends a sentence, for the text of a decision (a full stop only before a space: not
#: in ``9.30`` or ``calendar.html``; a line break before a bullet).
SENTENCE_END = patterns.compile(r"[。．！？!?〕]|\.(?=\s)|\n(?=\s*[*・•-])")
#: At most this many characters of a sentence either side of a cue make a decision's text.
REACH = 160

#: An item's number inside what was put to the meeting: ``日程第２``, ``議案第７０号``.
NUMBERED = patterns.compile(
    r"(?:追加)?日程第[0-9一二三四五六七八九十]+|議案第[0-9]+号|(?:請願|陳情|報告|諮問|発議)第[0-9]+号"
    r"|第[0-9]+号議案"
)
#: The number of an item, to tell its kind (日程第, 議案第…号).
KIND_OF_NUMBER = patterns.compile(r"[0-9一二三四五六七八九十]+")
NUMBERED_PREFIX = patterns.compile(
    r"^(?:[^、]*?(?:追加)?日程第[0-9一二三四五六七八九十]+(?:(?:・|、)?(?:議案|請願|陳情|報告)第[0-9]+号)?)"
)
#: Words of the chair before the item: ``次に、``, ``直ちに、``, ``これより``.
LEAD = patterns.compile(r"^(?:次に|直ちに|続いて|引き続き|これより|ここで|では|それでは)[、，,\s]*")
