"""Speaker schemes on synthetic fixtures, one per real-world style and its traps.

Each ``fixtures/<case>.txt`` below is invented text written in the style of one document
of the real corpus (``../shared/corpus``, see its EXPECTED.md): kensakusystem and
discussnet assembly records, Shugiin and Sangiin Diet records, TC39 Markdown notes, a
Japanese committee summary, Portland-like PDF text and OSVTAC-like narrative minutes.
The assertions state what a user of ``minutes`` expects from each document; line numbers
are looked up from the fixture text, so the fixtures can be read side by side.
"""

from __future__ import annotations

from functools import cache

import pytest

from minutes_cli import parse_bytes
from minutes_cli.models import Document, Utterance
from tests.conftest import FIXTURES, ROOT, assert_lossless

CASES = (
    "assembly_inline_crlf",
    "assembly_variants",
    "diet_kanji",
    "diet_sangiin_showa",
    "prefix_initials.md",
    "prefix_japanese",
    "english_pdf_glued",
    "narrative_english.md",
    "french_oneline",
    "ruby_devmeeting.md",
)


@cache
def load(case: str) -> tuple[Document, tuple[str, ...]]:
    """The parsed fixture and its source lines (index 0 is line 1)."""
    document = parse_bytes(source(case), path=f"fixtures/{case}.txt")
    return document, tuple(source(case).decode("utf-8-sig").splitlines())


@cache
def source(case: str) -> bytes:
    """The fixture's bytes."""
    path = FIXTURES / f"{case}.txt"
    assert path.relative_to(ROOT).as_posix() == f"fixtures/{case}.txt"
    return path.read_bytes()


def line_of(case: str, needle: str, nth: int = 0) -> int:
    """1-based number of the ``nth`` source line (0-based count) that contains ``needle``."""
    _, lines = load(case)
    found = [n for n, text in enumerate(lines, 1) if needle in text]
    assert len(found) > nth, f"{needle!r} occurs {len(found)} times in {case}"
    return found[nth]


def lines_of(case: str, needle: str) -> list[int]:
    """1-based numbers of every source line that contains ``needle``."""
    _, lines = load(case)
    return [n for n, text in enumerate(lines, 1) if needle in text]


def utterance_at(document: Document, line: int) -> Utterance:
    """The utterance whose label starts on ``line``."""
    (found,) = [u for u in document.utterances if u.line_start == line]
    return found


def starts(document: Document) -> set[int]:
    """Lines on which an utterance begins."""
    return {u.line_start for u in document.utterances}


def event_kinds(document: Document) -> dict[int, str]:
    """Line -> event kind, wherever the event was filed: a note, an utterance's events,
    or a header rule or time stamp."""
    kinds: dict[int, str] = {}
    for field in document.header:
        if field.key in ("separator", "time"):
            kinds[field.line_start] = field.key
    for note in document.notes:
        kinds[note.line_start] = note.kind
    for utterance in document.utterances:
        for event in utterance.events:
            kinds[event.line_start] = event.kind
    return kinds


def owners(document: Document, line: int) -> list[str]:
    """Kinds of the records that own (part of) ``line``."""
    return [kind for kind, first, last, _, _ in document.owned_spans() if first <= line <= last]


# --- every fixture --------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES)
def test_fixture_is_lossless(case: str) -> None:
    document, _ = load(case)
    assert_lossless(document, source(case).decode("utf-8-sig"))


@pytest.mark.parametrize(
    ("case", "scheme", "date", "count"),
    [
        ("assembly_inline_crlf", "assembly", "2024-09-03", 9),
        ("assembly_variants", "assembly", "2023-06-12", 16),
        ("diet_kanji", "assembly", "2023-11-01", 9),  # not the convocation date 2023-10-20
        ("diet_sangiin_showa", "assembly", "1947-11-14", 9),  # not 1947-11-13 on line 1
        ("prefix_initials.md", "prefix", "2023-06-14", 14),
        ("prefix_japanese", "prefix", "2024-11-20", 13),  # not the next meeting's 2025-02-12
        ("english_pdf_glued", "prefix", "2010-03-03", 25),
        ("narrative_english.md", "none", "2018-03-08", 0),
    ],
)
def test_scheme_date_and_utterance_count(case: str, scheme: str, date: str, count: int) -> None:
    document, _ = load(case)
    assert document.scheme == scheme
    assert document.meta.date == date
    assert len(document.utterances) == count


@pytest.mark.parametrize(
    ("case", "start", "end"),
    [
        ("assembly_inline_crlf", "10:00", "11:05"),
        ("assembly_variants", "10:00", "14:15"),
        ("diet_kanji", "12:11", "12:36"),
        ("diet_sangiin_showa", "11:20", "11:52"),  # 開会 11:20, not the scheduled 午前十時開議
        ("prefix_japanese", "14:00", "15:30"),
        ("english_pdf_glued", "09:30", "10:12"),  # "At 10:12 a.m., Council adjourned."
        ("narrative_english.md", "18:02", "21:56"),  # "at 6:02 p.m." … "Adjourned at 9:56 p.m."
    ],
)
def test_start_and_end_time(case: str, start: str, end: str) -> None:
    document, _ = load(case)
    assert (document.meta.start_time, document.meta.end_time) == (start, end)


@pytest.mark.parametrize(
    ("case", "heading"),
    [
        ("assembly_inline_crlf", "○議事日程"),
        ("assembly_variants", "〇議事日程"),
        ("assembly_variants", "〇出席議員（６人）"),
        ("diet_sangiin_showa", "○議事日程　第九号"),
        ("diet_sangiin_showa", "○本日の会議に付した案件"),
        ("diet_sangiin_showa", "○小委員長の互選"),
    ],
)
def test_circle_headings_are_not_speakers(case: str, heading: str) -> None:
    document, _ = load(case)
    line = line_of(case, heading)
    assert line not in starts(document)
    assert owners(document, line) == ["header"]


# --- 1. kensakusystem: CRLF, inline labels, <PAGE>, ｢ ----------------------------------

CRLF = "assembly_inline_crlf"


def test_crlf_source_is_reported() -> None:
    document, _ = load(CRLF)
    assert document.source.newline == "CRLF"


def test_crlf_inline_labels() -> None:
    document, _ = load(CRLF)
    assert [u.role for u in document.utterances] == [
        *["議長"] * 5,
        "事務局長",
        "議長",
        "市長",
        "議長",
    ]
    chair = document.utterances[0]
    assert (chair.marker, chair.role, chair.speaker, chair.honorific, chair.label) == (
        "○",
        "議長",
        "中村健二",
        "議員",
        "議長（中村健二議員）",
    )
    mayor = utterance_at(document, line_of(CRLF, "○市長（川村　誠）"))
    assert (mayor.role, mayor.speaker, mayor.honorific, mayor.label) == (
        "市長",
        "川村誠",  # the full-width space inside the name is not part of it
        None,
        "市長（川村誠）",
    )
    assert mayor.text.startswith("本定例会に提出いたしました議案について御説明申し上げます。")
    assert mayor.line_end == line_of(CRLF, "十分に御審議の上")


def test_crlf_reading_between_rules_belongs_to_the_reader() -> None:
    document, _ = load(CRLF)
    line = line_of(CRLF, "○事務局長（木下正人）")
    clerk = utterance_at(document, line)
    assert (clerk.role, clerk.speaker, clerk.honorific) == ("事務局長", "木下正人", None)
    assert ("reading", line) in [(e.kind, e.line_start) for e in clerk.events]
    assert "朗読" not in clerk.text
    assert "議案第1号から第3号までの以上3件。" in clerk.text
    assert clerk.line_end == line_of(CRLF, "議案第１号から第３号までの以上３件。")


def test_crlf_events() -> None:
    document, _ = load(CRLF)
    kinds = event_kinds(document)
    assert kinds[line_of(CRLF, "〔｢異議なし」と呼ぶ者あり〕")] == "floor-voice"
    assert kinds[line_of(CRLF, "〔市長　川村　誠　登壇〕")] == "stage-direction"
    assert kinds[line_of(CRLF, "〔市長　川村　誠　降壇〕")] == "stage-direction"
    assert kinds[line_of(CRLF, "午前10時00分　開会")] == "time"
    assert kinds[line_of(CRLF, "午前11時05分　散会")] == "time"
    assert kinds[line_of(CRLF, "――――◇―――◇―――◇――――")] == "separator"
    for line in lines_of(CRLF, "　―――――――――――――――――"):
        assert kinds[line] == "separator"
    assert not {line_of(CRLF, "〔｢異議なし"), line_of(CRLF, "午前11時05分")} & starts(document)


def test_crlf_page_markers_are_dropped() -> None:
    document, _ = load(CRLF)
    assert [(d.line_start, d.reason, d.text) for d in document.dropped] == [
        (line_of(CRLF, '<PAGE="2">'), "page-marker", '<PAGE="2">'),
        (line_of(CRLF, '<PAGE="3">'), "page-marker", '<PAGE="3">'),
    ]


def test_crlf_agenda_with_bundled_bills() -> None:
    document, _ = load(CRLF)
    agenda = document.meta.agenda
    assert [a.number for a in agenda] == ["第1", "第2", "第3"]
    assert [a.title for a in agenda[:2]] == ["会議録署名議員の指名", "会期の決定"]
    bundle = agenda[2]
    assert (bundle.line_start, bundle.line_end) == (
        line_of(CRLF, "第３　議案第１号"),
        line_of(CRLF, "議案第３号　市道路線の認定について"),
    )
    assert bundle.title.startswith("議案第1号 令和6年度北浜市一般会計補正予算（第2号）")
    assert "議案第3号 市道路線の認定について" in bundle.title


def test_crlf_attendance() -> None:
    document, _ = load(CRLF)
    meta = document.meta
    assert [(g.label, g.status, g.count) for g in meta.attendance_groups] == [
        ("出席議員", "present", 5),
        ("欠席議員", "absent", 1),
        ("地方自治法第121条による出席者", "staff", None),
        ("出席事務局職員", "staff", None),
    ]
    assert meta.attendance is not None
    assert (meta.attendance.present, meta.attendance.total) == (5, 6)
    assert [(a.seat, a.name) for a in meta.attendees if a.group == "出席議員"] == [
        (1, "山田太郎"),
        (2, "佐々木花子"),
        (3, "森一郎"),
        (5, "高橋美和"),
        (6, "中村健二"),
    ]
    assert [(a.seat, a.name) for a in meta.attendees if a.group == "欠席議員"] == [(4, "小野勉")]
    assert [(a.role, a.name) for a in meta.attendees if a.group.startswith("地方自治法")] == [
        ("市長", "川村誠"),
        ("副市長", "藤井和子"),
        ("総務部長", "石田浩之"),
    ]


# --- 2. discussnet: label variants, －－－ inside a speech, signature -------------------

VARIANTS = "assembly_variants"


def test_variants_header() -> None:
    document, _ = load(VARIANTS)
    meta = document.meta
    assert meta.venue == "南原市議会議事堂"
    assert meta.kind == "会議録"
    assert meta.title is not None
    assert "南原市議会会議録（第3号）" in meta.title.replace(" ", "")
    assert [(a.number, a.title) for a in meta.agenda] == [
        ("日程第1", "会議録署名議員の指名"),
        ("日程第2", "議案第41号 南原市税条例の一部を改正する条例"),
        ("日程第3", "一般質問"),
    ]
    assert [(g.label, g.status, g.count) for g in meta.attendance_groups] == [
        ("出席議員", "present", 6),
        ("欠席議員", "absent", 1),  # written 欠　席　議　員　（１名）
    ]
    assert meta.attendance is not None
    assert (meta.attendance.present, meta.attendance.total) == (6, 7)
    assert (22, "小林誠一") in [(a.seat, a.name) for a in meta.attendees]


@pytest.mark.parametrize(
    ("needle", "marker", "role", "speaker", "honorific", "seat"),
    [
        ("○議長（西村達也君）　ただいまから", "○", "議長", "西村達也", "君", None),
        ("◆総務常任委員長（白石陽子）", "◆", "総務常任委員長", "白石陽子", None, None),
        ("◎副市長（松田恵子君）　議長", "◎", "副市長", "松田恵子", "君", None),
        ("○（岡田光男副議長）　休憩前", "○", "副議長", "岡田光男", None, None),
        ("◆（北島さやか君）", "◆", None, "北島さやか", "君", None),
        ("◎市長（大川隆之君）", "◎", "市長", "大川隆之", "君", None),
        ("○２２番（小林誠一議員）", "○", None, "小林誠一", "議員", 22),
    ],
)
def test_variants_labels(
    needle: str,
    marker: str,
    role: str | None,
    speaker: str,
    honorific: str | None,
    seat: int | None,
) -> None:
    document, _ = load(VARIANTS)
    utterance = utterance_at(document, line_of(VARIANTS, needle))
    assert (utterance.marker, utterance.role, utterance.speaker) == (marker, role, speaker)
    assert (utterance.honorific, utterance.seat) == (honorific, seat)


def test_variants_one_word_floor_request_is_an_utterance() -> None:
    document, _ = load(VARIANTS)
    request = utterance_at(document, line_of(VARIANTS, "◎副市長（松田恵子君）　議長"))
    assert request.text == "議長"
    assert request.line_end == request.line_start


def test_variants_label_alone_on_its_line() -> None:
    document, _ = load(VARIANTS)
    mayor = utterance_at(document, line_of(VARIANTS, "◎市長（大川隆之君）"))
    assert mayor.text.startswith("北島議員の御質問にお答えいたします。\n")
    assert mayor.line_end == line_of(VARIANTS, "来年度に１か所を増設する予定")


def test_variants_long_speech_across_rule_and_stray_tag() -> None:
    document, _ = load(VARIANTS)
    question = utterance_at(document, line_of(VARIANTS, "◆（北島さやか君）"))
    rule = next(n for n in lines_of(VARIANTS, "－－－") if n > question.line_start)
    tag = line_of(VARIANTS, '<span lang="ja">')
    assert question.line_start < rule < tag < question.line_end
    assert question.line_end == line_of(VARIANTS, "現在の利用者数と今後の整備方針")
    assert ("separator", rule) in [(e.kind, e.line_start) for e in question.events]
    assert "次に、放課後児童クラブについてです。" in question.text
    assert question.text.endswith("現在の利用者数と今後の整備方針を伺います。")
    assert "span" not in question.text
    assert [(d.line_start, d.reason) for d in document.dropped] == [(tag, "html-tag")]


def test_variants_events() -> None:
    document, _ = load(VARIANTS)
    kinds = event_kinds(document)
    assert kinds[line_of(VARIANTS, "（総務常任委員長　白石陽子君　登壇）")] == "stage-direction"
    assert kinds[line_of(VARIANTS, "（市長　大川隆之君　登壇）")] == "stage-direction"
    assert kinds[line_of(VARIANTS, "（午前１０時２８分　休憩）")] == "time"
    assert kinds[line_of(VARIANTS, "午後１時４分再開")] == "time"
    assert kinds[line_of(VARIANTS, "午後２時１５分散会")] == "time"
    rules = lines_of(VARIANTS, "－－－")
    assert len(rules) == 8
    assert [kinds.get(n) for n in rules] == ["separator"] * 8


def test_variants_signature_block_is_no_speech() -> None:
    document, _ = load(VARIANTS)
    last = document.utterances[-1]
    assert last.line_end == line_of(VARIANTS, "本日はこれにて散会いたします。")
    _, lines = load(VARIANTS)
    signature = list(range(line_of(VARIANTS, "議長　　　　西村達也"), len(lines) + 1))
    assert len(signature) == 4
    assert [n.line_start for n in document.notes if n.kind == "signature"] == signature


# --- 3. Shugiin: kanji dates, surname + role labels, two per line roster ---------------

KANJI = "diet_kanji"


def test_kanji_meeting_date_not_convocation() -> None:
    document, _ = load(KANJI)
    assert (document.meta.date, document.meta.weekday) == ("2023-11-01", "水")


def test_kanji_surname_role_labels() -> None:
    document, _ = load(KANJI)
    chair = ("委員長", "山田", None, "山田委員長")
    assert [(u.role, u.speaker, u.honorific, u.label) for u in document.utterances] == [
        chair,
        chair,
        chair,
        ("国務大臣", "佐藤", None, "佐藤国務大臣"),
        chair,
        ("副大臣", "鈴木", None, "鈴木副大臣"),
        chair,
        ("委員", "原（侑）", None, "原（侑）委員"),  # the brackets belong to the name
        chair,
    ]


def test_kanji_agenda_and_events() -> None:
    document, _ = load(KANJI)
    assert [(a.number, a.title) for a in document.meta.agenda] == [
        (None, "理事補欠選任の件"),
        (None, "環境の基本施策に関する件"),
    ]
    kinds = event_kinds(document)
    assert kinds[line_of(KANJI, "〔「異議なし」と呼ぶ者あり〕")] == "floor-voice"
    assert kinds[line_of(KANJI, "午後零時三十六分散会")] == "time"
    assert [kinds[n] for n in lines_of(KANJI, "――――◇―――――")] == ["separator"] * 3


def test_kanji_attendance_two_per_line() -> None:
    document, _ = load(KANJI)
    meta = document.meta
    assert [(g.label, g.status, g.line_start) for g in meta.attendance_groups] == [
        ("出席委員", "present", line_of(KANJI, "出席委員")),
    ]
    assert [(a.role, a.name) for a in meta.attendees] == [
        ("委員長", "山田一郎"),
        ("理事", "佐藤二郎"),
        ("理事", "鈴木花子"),
        ("理事", "原侑子"),
        ("理事", "原大輔"),
        (None, "伊藤三郎"),
        (None, "加藤美咲"),
        (None, "木村浩二"),
        (None, "松本直樹"),
        ("環境大臣", "佐藤健一"),
        ("環境副大臣", "鈴木良太"),
        ("環境委員会専門員", "高田実"),
    ]


# --- 4. Sangiin 1947: 君 labels, ○ agenda headings, attendance after 散會 ----------------

SHOWA = "diet_sangiin_showa"


def test_showa_labels() -> None:
    document, _ = load(SHOWA)
    chair = ("議長", "松平謙吉", "君")
    assert [(u.role, u.speaker, u.honorific) for u in document.utterances] == [
        chair,
        (None, "森田正一", "君"),
        chair,
        chair,
        chair,
        chair,
        (None, "川上信吾", "君"),
        chair,
        chair,
    ]
    assert document.utterances[1].label == "森田正一君"


def test_showa_wrapped_agenda_items() -> None:
    document, _ = load(SHOWA)
    assert [(a.number, a.title, a.line_start, a.line_end) for a in document.meta.agenda] == [
        (
            "第一",
            "農業協同組合法の一部を改正する法律案（内閣提出、衆議院送付）",
            line_of(SHOWA, "第一　農業協同組合法"),
            line_of(SHOWA, "律案（内閣提出、衆議院送付）"),
        ),
        (
            "第二",
            "漁業用資材の配給に関する臨時措置法案（内閣提出、衆議院送付）",
            line_of(SHOWA, "第二　漁業用資材"),
            line_of(SHOWA, "法案（内閣提出、衆議院送付）"),
        ),
    ]


def test_showa_events() -> None:
    document, _ = load(SHOWA)
    kinds = event_kinds(document)
    assert kinds[line_of(SHOWA, "〔森田正一君登壇、拍手〕")] == "stage-direction"
    assert kinds[line_of(SHOWA, "〔賛成者起立〕")] == "floor-voice"
    assert [kinds[n] for n in lines_of(SHOWA, "〔「異議なし」と呼ぶ者あり。〕")] == [
        "floor-voice",
        "floor-voice",
    ]
    assert kinds[line_of(SHOWA, "午前十一時五十二分散會")] == "time"


def test_showa_attendance_after_closing() -> None:
    document, _ = load(SHOWA)
    last = document.utterances[-1]
    assert last.line_end == last.line_start == line_of(SHOWA, "本日はこれにて散會いたします。")
    meta = document.meta
    assert [(g.status, g.line_start) for g in meta.attendance_groups] == [
        ("present", line_of(SHOWA, "出席者は左の通り。")),
    ]
    assert [(a.role, a.name) for a in meta.attendees] == [
        ("議長", "松平謙吉"),
        ("副議長", "高橋久雄"),
        (None, "森田正一"),
        (None, "川上信吾"),
        (None, "大西ハル"),
    ]


# --- 5. TC39 Markdown: initials, legend, headings, false labels ------------------------

TC39 = "prefix_initials.md"


def test_tc39_header_and_legend() -> None:
    document, _ = load(TC39)
    assert document.meta.title == "June 14, 2023 Meeting Notes"
    assert [(a.name, a.initials) for a in document.meta.attendees] == [
        ("Alice Walker", "AWK"),
        ("Bruno Costa", "BCA"),
        ("Chen Wei", "CW"),
        ("Dana Ortiz", "DO"),
        ("Erik Lund", "EL"),
        ("Fatima Noor", "FN"),
        ("Greg Hall", "GH"),
        ("Hana Sato", "HS"),
    ]


def test_tc39_sections() -> None:
    document, _ = load(TC39)
    assert [(s.title, s.level) for s in document.iter_sections()] == [
        ("7.i Pattern Matching Update", 1),
        ("Conclusion/Resolution", 2),
        ("7.ii Temporal Locale Data", 1),
    ]


def test_tc39_turns() -> None:
    document, _ = load(TC39)
    assert [(u.label, u.speaker, u.role) for u in document.utterances] == [
        ("BCA", "Bruno Costa", None),
        ("CW", "Chen Wei", None),
        ("BCA", "Bruno Costa", None),
        ("EL", "Erik Lund", None),
        ("BCA", "Bruno Costa", None),
        ("RK", "RK", None),  # initials that are not in the legend
        ("CW", "Chen Wei", None),
        ("HS", "Hana Sato", None),
        ("HS", "Hana Sato", None),
        ("FN", "Fatima Noor", None),
        ("HS", "Hana Sato", None),
        ("DO", "Dana Ortiz", None),
        ("HS", "Hana Sato", None),
        ("GH", "Greg Hall", None),
    ]
    first = document.utterances[0]
    assert first.text == "(presenting from slides)"
    question = utterance_at(document, line_of(TC39, "CW: Does the guard clause"))
    assert question.text == "Does the guard clause evaluate lazily?"
    assert question.section_title == "7.i Pattern Matching Update"
    later = utterance_at(document, line_of(TC39, "FN: Is the fallback"))
    assert later.section_title == "7.ii Temporal Locale Data"
    unknown = utterance_at(document, line_of(TC39, "RK: "))
    assert unknown.text == "I'd like to see more examples with nested arrays."


def test_tc39_bullets_and_asides_are_notes() -> None:
    document, _ = load(TC39)
    assert [(n.line_start, n.kind, n.text) for n in document.notes if n.kind == "bullet"] == [
        (
            line_of(TC39, "- Match expressions"),
            "bullet",
            "Match expressions now use the `match (x) { ... }` form",
        ),
        (line_of(TC39, "- Guard clauses"), "bullet", "Guard clauses are written with `if`"),
        (line_of(TC39, "- Open question"), "bullet", "Open question: binding patterns in arrays"),
        (line_of(TC39, "- Stays at Stage 1"), "bullet", "Stays at Stage 1"),
        (line_of(TC39, "- Champions"), "bullet", "Champions to bring nested array examples"),
        (line_of(TC39, "- Calendar fallback"), "bullet", "Calendar fallback"),
        (line_of(TC39, "- Time zone aliases"), "bullet", "Time zone aliases"),
    ]
    aside = line_of(TC39, "(Bruno Costa)")
    assert [(n.kind, n.text) for n in document.notes if n.line_start == aside] == [
        ("bracket", "(Bruno Costa)")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Note: RK is not in the attendee list; he joined remotely.",
        "Key: slides are linked from the agenda.",
        "Disposition: no consensus sought today.",
    ],
)
def test_tc39_false_labels_are_notes(text: str) -> None:
    document, _ = load(TC39)
    line = line_of(TC39, text)
    assert owners(document, line) == ["note"]
    assert [(n.kind, n.text) for n in document.notes if n.line_start == line] == [("text", text)]
    assert not any(text in u.text for u in document.utterances)


# --- 6. Japanese prefix summary: 委員長：, 事務局：, Ａ委員：, 問／答 ------------------------

JAPANESE = "prefix_japanese"


def test_japanese_header() -> None:
    document, _ = load(JAPANESE)
    meta = document.meta
    assert (meta.title, meta.kind) == ("第3回南原市地域公共交通協議会 議事要旨", "議事要旨")
    assert meta.weekday == "水"
    assert meta.venue == "南原市役所本庁舎3階 第2会議室"
    assert meta.attendance is not None
    assert (meta.attendance.present, meta.attendance.total, meta.attendance.group) == (
        8,
        10,
        "委員",
    )


def test_japanese_sections() -> None:
    document, _ = load(JAPANESE)
    assert [(s.id, s.title) for s in document.iter_sections()] == [
        ("1", "開会"),
        ("2", "議事"),
        ("2.1", "デマンド交通の実証運行について"),
        ("2.2", "バス路線の再編について"),
        ("3", "その他"),
        ("4", "閉会"),
    ]


def test_japanese_turns() -> None:
    document, _ = load(JAPANESE)
    assert [(u.label, u.section) for u in document.utterances] == [
        ("事務局", "2.1"),
        ("委員長", "2.1"),
        ("A委員", "2.1"),
        ("事務局", "2.1"),
        ("B委員", "2.1"),  # speaks only once
        ("A委員", "2.1"),
        ("委員長", "2.1"),
        ("事務局", "2.2"),
        ("問", "2.2"),
        ("答", "2.2"),
        ("問", "2.2"),
        ("答", "2.2"),
        ("委員長", "3"),
    ]
    roles = {
        (u.label, u.role, u.speaker)
        for u in document.utterances
        if u.label in ("委員長", "事務局", "問", "答")
    }
    assert roles == {
        ("委員長", "委員長", None),
        ("事務局", "事務局", None),
        ("問", "問", None),
        ("答", "答", None),
    }
    member = utterance_at(document, line_of(JAPANESE, "Ａ委員：平日午前"))
    assert member.text == (
        "平日午前の予約が取りにくいという声を聞いている。車両の増便は検討しているか。"
    )
    other = utterance_at(document, line_of(JAPANESE, "Ｂ委員："))
    assert other.text == "高齢者以外の利用も増えているので、周知方法を工夫してほしい。"


def test_japanese_label_line_in_body_is_no_speaker() -> None:
    document, _ = load(JAPANESE)
    line = line_of(JAPANESE, "日時：令和７年２月１２日")
    assert line not in starts(document)
    assert [(n.kind, n.section, n.text) for n in document.notes if n.line_start == line] == [
        ("text", "3", "日時：令和7年2月12日（水）14時00分（次回予定）")
    ]


# --- 7. Portland-like PDF text: glued turns, footers, false labels --------------------

GLUED = "english_pdf_glued"


def test_glued_turns_are_split() -> None:
    document, _ = load(GLUED)
    roll = ["Clerk Smith", "Baker", "Clerk Smith", "Lee", "Clerk Smith", "Ortiz"]
    vote = ["Baker", "Lee", "Ortiz"]
    assert [u.label for u in document.utterances] == [
        "Jones",
        *roll,
        "Jones",
        "Jones",
        "Clerk Smith",
        "Mary Ann Brown",  # named once, with a full name
        "Jones",
        "Lee",
        "Jones",
        "Clerk Smith",
        "Jones",
        *vote,
        "Jones",
        "Baker",
        "Ortiz",
        "Baker",
        "Lee",
        "Jones",
    ]
    # the clerk's office is the role of his turns, his surname the speaker
    assert {(u.label, u.role, u.speaker) for u in document.utterances if u.role} == {
        ("Clerk Smith", "Clerk", "Smith")
    }
    assert all(u.speaker == u.label for u in document.utterances if u.role is None)
    assert [u.seq for u in document.utterances if u.column_start is None] == []


def test_glued_turn_columns() -> None:
    document, lines = load(GLUED)
    first = document.utterances[0]
    start_line = line_of(GLUED, "Jones: Good morning")
    assert (first.line_start, first.column_start) == (
        start_line,
        lines[start_line - 1].index("Jones: Good morning") + 1,
    )
    end_line = line_of(GLUED, "please call the roll.")
    assert (first.line_end, first.column_end) == (
        end_line,
        lines[end_line - 1].index("roll.") + len("roll."),
    )
    clerk = document.utterances[1]
    column = lines[end_line - 1].index("Clerk Smith: Baker.") + 1
    assert (clerk.line_start, clerk.line_end) == (end_line, end_line)
    assert (clerk.column_start, clerk.column_end) == (
        column,
        column + len("Clerk Smith: Baker.") - 1,
    )
    assert (clerk.label, clerk.text) == ("Clerk Smith", "Baker.")


def test_glued_wrapped_turns_are_one_paragraph() -> None:
    document, _ = load(GLUED)
    assert [(u.seq, u.label) for u in document.utterances if "\n" in u.text] == []
    (lee,) = [  # several turns begin on this glued line: pick Lee's
        u
        for u in document.utterances
        if u.label == "Lee" and u.line_start == line_of(GLUED, "Lee: Just a comment.")
    ]
    assert lee.line_end == line_of(GLUED, "4 of 4")
    assert " ".join(lee.text.split()) == (
        "Just a comment. The library board meets next week and I will bring this up there. "
        "Thank you for coming."
    )
    jones = document.utterances[0]
    assert " ".join(jones.text.split()) == (
        "Good morning and welcome to the Northbrook city council. "
        "Clerk Smith, please call the roll."
    )


def test_glued_page_footers_are_dropped() -> None:
    document, _ = load(GLUED)
    assert [
        (d.line_start, d.column_start, d.reason, " ".join(d.text.split())) for d in document.dropped
    ] == [
        (line_of(GLUED, "2 of 4"), 1, "page-footer", "March 3, 2010 2 of 4"),
        (line_of(GLUED, "3 of 4"), None, "page-footer", "March 3, 2010 3 of 4"),
        (line_of(GLUED, "4 of 4"), 1, "page-footer", "March 3, 2010 4 of 4"),
    ]
    assert not any("March 3, 2010" in u.text or " of 4" in u.text for u in document.utterances)


@pytest.mark.parametrize(
    "needle", ["Disposition: COMMUNICATIONS", "Ave: Holgate", "Key:  *****", "THOSE PRESENT WERE:"]
)
def test_glued_false_labels(needle: str) -> None:
    document, lines = load(GLUED)
    line = line_of(GLUED, needle)
    column = lines[line - 1].index(needle) + 1
    label = needle.split(":")[0]
    assert label not in {u.label for u in document.utterances}
    assert not any(needle in u.text for u in document.utterances)
    assert (line, column) not in {(u.line_start, u.column_start or 1) for u in document.utterances}


def test_glued_aside_is_a_note() -> None:
    document, _ = load(GLUED)
    line = line_of(GLUED, "[gavel pounded]")
    assert [n.text for n in document.notes if n.line_start == line] == ["[gavel pounded]"]
    assert not any("gavel" in u.text for u in document.utterances)


# --- 8. OSVTAC-like narrative: bold items, no speakers ------------------------------------

NARRATIVE = "narrative_english.md"


def test_narrative_title() -> None:
    document, _ = load(NARRATIVE)
    assert document.meta.title == "Meeting Minutes: March 8, 2018"


def test_narrative_bold_items_are_the_sections() -> None:
    document, _ = load(NARRATIVE)
    assert [(s.id, s.level, s.title) for s in document.iter_sections()] == [
        ("1", 1, "Call to Order & Roll Call"),
        ("2", 1, "General Public Comment"),
        ("3", 1, "Approval of Minutes of Previous Meeting"),
        ("4", 1, "Water Access Report"),
        ("5", 1, "Adjournment"),
    ]


def test_narrative_numbered_list_stays_in_its_item() -> None:
    document, _ = load(NARRATIVE)
    first = line_of(NARRATIVE, "1. The Elm Street garden")
    last = line_of(NARRATIVE, "3. The remaining three gardens")
    for line in range(first, last + 1):
        assert owners(document, line) == ["note"], line
        assert [n.section for n in document.notes if n.line_start <= line <= n.line_end] == ["4"]


def test_narrative_public_comment_is_not_a_speaker() -> None:
    document, _ = load(NARRATIVE)
    comments = [n for n in document.notes if n.text.startswith("Public Comment:")]
    assert [(n.kind, n.section) for n in comments] == [("text", "2"), ("text", "4")]


# --- 9. French OCR on one line, and a Ruby developers' meeting log -----------------------


def test_french_one_line() -> None:
    document = parse_bytes(source("french_oneline"))
    meta = document.meta
    assert (document.scheme, meta.date, meta.start_time, meta.end_time) == (
        "none",
        "2022-03-09",
        "20:30",
        "22:05",
    )
    assert document.utterances == []
    assert [(n.line_start, n.line_end) for n in document.notes] == [(1, 1)]


def test_ruby_devmeeting_log() -> None:
    document = parse_bytes(source("ruby_devmeeting.md"))
    meta = document.meta
    assert document.scheme == "prefix"
    assert (meta.title, meta.date, meta.start_time, meta.end_time, meta.venue) == (
        "DevMeeting-2015-03-17",
        "2015-03-17",
        "14:00",
        "17:00",
        "Example Inc.",
    )
    assert [u.speaker for u in document.utterances] == [
        "ko1",
        "nurse",
        "ko1",
        "nurse",
        "???",
        "matz",
        "nurse",
    ]
    aside = [n for n in document.notes if "ayumin" in n.text]
    assert [(n.kind, n.text) for n in aside] == [("bracket", "(ayumin: 賛成)")]
    front_matter = [f for f in document.header if f.line_start in (2, 3)]
    assert [f.key for f in front_matter] == ["other", "other"]


def test_crlf_agenda_items_become_sections_where_they_are_taken_up() -> None:
    document, _ = load(CRLF)
    taken_up = [line_of(CRLF, f"日程第{n}、") for n in "１２３"]
    assert [(s.id, s.title, s.line_start, s.heading_line_start) for s in document.sections] == [
        ("1", "会議録署名議員の指名", taken_up[0], None),
        ("2", "会期の決定", taken_up[1], None),
        ("3", "議案第1号 令和6年度北浜市一般会計補正予算（第2号）", taken_up[2], None),
    ]
    opening = document.utterances[0]
    assert opening.section is None  # the chair opens the sitting before any item
    assert {u.section for u in document.utterances[1:]} == {"1", "2", "3"}
