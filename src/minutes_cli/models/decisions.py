"""Records of what a meeting decided: the item, the outcome, how, and by how many."""

from __future__ import annotations

from pydantic import Field

from minutes_cli.kinds import DecisionMethod
from minutes_cli.models.base import Record, TextSpan


class Votes(Record):
    """The counts a decision gives, where the minutes state them."""

    yes: int | None = Field(default=None, ge=0, description="Votes for (賛成, Pour, Y-).")
    no: int | None = Field(default=None, ge=0, description="Votes against (反対, Contre, N-).")
    abstain: int | None = Field(default=None, ge=0, description="Abstentions, when stated.")
    total: int | None = Field(default=None, ge=0, description="Votes cast (総数), when stated.")


class Decision(TextSpan):
    """One decision the minutes record: ``よって、原案どおり可決されました``, ``Upon voice
    vote, the motion carried unanimously``, ``Pour : 11 Contre : 0 Abstentions : 0``.

    ``line_start``/``column_start`` point at the first cue (the chair's finding, or the
    result itself) and ``line_end``/``column_end`` at the end of the result. The text stays
    in its utterance or note: a decision is a view of it, not a record that owns lines.
    """

    seq: int = Field(ge=1, description="Position among decisions, 1-based, in document order.")
    item: str | None = Field(
        description="The item decided, numbered as written ('日程第2', '議案第70号', "
        "'D202345', '*44', 'Special Order 7A'); null where the text does not number it."
    )
    title: str | None = Field(
        description="What the item is about ('会期の決定', 'Approve the minutes'), from where "
        "it was put to the meeting or from its section; null where nothing says."
    )
    outcome: str = Field(
        description="The outcome as written: '可決', '原案どおり可決', '承認', '否決', '決定', "
        "'異議なし' (a finding that nobody objected, with no result said after it), "
        "'carried', 'approved', 'PLACED ON FILE', 'Y-5', 'adopté'/'rejeté' for counts alone."
    )
    passed: bool | None = Field(
        description="Whether it carried: true for 可決/承認/決定/carried/approved, false for "
        "否決/failed/not approved; null where the outcome is no vote (PLACED ON FILE, "
        "REFERRED TO …, PASSED TO SECOND READING)."
    )
    method: DecisionMethod | None = Field(
        description="How it was decided, from the words around it (異議ありませんか, 起立, "
        "記名投票, voice vote, roll call, General Consent); null where nothing says."
    )
    unanimous: bool | None = Field(
        description="True where the minutes say all were for (起立全員, unanimously, A "
        "l'unanimité, no votes against in a count); false where a count has votes against; "
        "else null."
    )
    votes: Votes | None = Field(description="The counts, where the minutes give them.")
    text: str = Field(description="The sentence or sentences that say it, as written.")
    utterance: int | None = Field(
        description="``seq`` of the utterance that says it (the chair's), or null in a note."
    )
    section: str | None = Field(description="Id of the innermost enclosing section.")
