"""What kind of turn an utterance is: the vocabularies of the ``exchanges`` stage.

Who speaks says most of it. The office that presides (the first of :data:`PRESIDING` to
speak in a document: 議長 in a plenary, 委員長 in a committee, Chair) runs the procedure; a
member asks (or debates, under a heading of :data:`DEBATE`); an official answers a
member's question, or reports where nobody has asked (a mayor's policy speech, the reasons
for a bill); another presiding office in a meeting it does not preside (a committee chair in
the plenary) reports. Words decide where the office does not: a member's turn that an
official answers is a question, and so is one that asks (:data:`ASKS`); a turn that opens as
a report reports (:data:`REPORTING`); a heading may say what its turns are
(:data:`QUESTIONING`, :data:`REMARKS`).
"""

from __future__ import annotations

from minutes_cli.grammar import patterns

#: Offices that preside over a meeting, most senior first (English in any case).
PRESIDING: tuple[str, ...] = (
    "議長", "副議長", "仮議長", "委員長", "副委員長", "仮委員長", "小委員長", "分科会長", "会長",
    "副会長", "座長", "副座長", "部会長", "chair", "chairman", "chairwoman", "chairperson",
    "vice chair", "co-chair", "acting chair", "presiding officer", "president", "mayor",
)  # fmt: skip

#: Offices of the members, who ask and debate.
MEMBERS: tuple[str, ...] = (
    "議員", "委員", "理事", "幹事", "構成員", "member", "commissioner", "councillor",
    "councilor", "council member", "councilmember", "alderman", "alderwoman", "trustee",
    "director", "supervisor", "senator", "representative", "delegate",
)  # fmt: skip

#: Offices that end like a member's but are officials' (政府委員 answers for the government).
OFFICIALS: tuple[str, ...] = (
    "政府委員", "政府参考人", "参考人", "説明員", "教育委員", "監査委員", "農業委員",
    "選挙管理委員", "公安委員", "人事委員", "公述人", "証人",
)  # fmt: skip

#: Those who attend to listen, whose words are remarks (``●…オブザーバー``, a guest).
OBSERVERS: tuple[str, ...] = ("オブザーバー", "傍聴者", "来賓", "observer", "guest", "visitor")

#: A question: the words a member asks with.
ASKS = patterns.compile(
    r"伺います|伺いたい|お伺い|お尋ね|尋ねします|お聞きし|お聞かせ|聞きたい|質問(?:いた)?します"
    r"|質問に入|答弁を求め|御答弁|ご答弁|見解を|お考えを|考えを(?:お|伺|聞)|でしょうか|ですか[。？?]"
    r"|か[。？?]|願いたい|[?？]\s*$|(?i:\b(?:what|why|how|when|where|who|whether|could you"
    r"|can you|would you|do you|is there|are there)\b)[^.]{0,200}\?"
)

#: The opening words of a report: a committee chair's (審査の経過と結果を御報告申し上げます),
#: the reasons for a bill or a motion (提案理由を申し上げます), an explanation.
REPORTING = patterns.compile(
    r"報告(?:を)?申し上げ|報告いたします|審査の経過(?:と|及び|並びに)結果|提案理由|趣旨(?:を|の)?"
    r"(?:御|ご)?説明|説明(?:を)?申し上げ|説明(?:を)?いたします|(?i:\bI (?:am pleased to )?report\b)"
)

#: Headings whose turns ask and answer: 代表質問, 一般質問, 質疑.
QUESTIONING = patterns.compile(r"質問|質疑|(?i:questions?\b|Q\s*&\s*A)")
#: Headings whose turns report: a policy speech, the reasons for bills, a committee's report.
REPORTS = patterns.compile(
    r"施政方針|所信|提案理由|説明|行政報告|執行方針|報告|趣旨弁明|(?i:report)"
)
#: Headings whose turns debate (討論), or greet (挨拶): remarks, whoever speaks.
REMARKS = patterns.compile(r"討論|挨拶|あいさつ|(?i:debate|greeting|welcome)")
