"""Writers: each format says what the document says, safely, in its own syntax."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any, cast

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt  # a dependency of rich: a real CommonMark parser

from minutes_cli.models import (
    Attendance,
    Diagnostic,
    Document,
    LegendEntry,
    Meta,
    Note,
    Section,
    Severity,
    Source,
    Utterance,
)
from minutes_cli.writers import EXTENSIONS, WRITERS, Format, WriteOptions, write
from minutes_cli.writers.csv_writer import safe_cell
from minutes_cli.writers.markdown import escape_block, escape_line
from minutes_cli.writers.rows import ROW_FIELDS, utterance_rows
from tests.conftest import fixture_cases

FORMULA = "=SUM(A1)"
TWO_PARAGRAPHS = "第一段落です。\n第二段落です。"
MARKUP = "*bold* [x](y)"


def _utterance(
    seq: int, line: int, text: str, *, section: str | None, title: str | None, end: int = 0
) -> Utterance:
    return Utterance(
        seq=seq,
        line_start=line,
        line_end=end or line,
        marker="○",
        role="委員" if seq != 1 else "議長",
        speaker="山田" if seq == 2 else None,
        attribution="legend",
        section=section,
        section_title=title,
        text=text,
    )


def make_document(
    texts: tuple[str, str, str, str] = ("開会します。", FORMULA, TWO_PARAGRAPHS, MARKUP),
    *,
    path: str | None = "minutes/2024-05-01.txt",
) -> Document:
    """Two top sections, the first with a sub-section; content in all three and before."""
    child = Section(
        id="1.1",
        number="(1)",
        style="paren-arabic",
        title="報告",
        remark=None,
        level=2,
        line_start=12,
        line_end=19,
        heading_line_start=12,
        heading_line_end=12,
    )
    first = Section(
        id="1",
        number="1.",
        style="arabic",
        title="開会",
        remark="＜以下、質疑応答＞",
        level=1,
        line_start=8,
        line_end=19,
        heading_line_start=8,
        heading_line_end=8,
        children=[child],
    )
    second = Section(
        id="2",
        number="2.",
        style="arabic",
        title="議題",
        remark=None,
        level=1,
        line_start=20,
        line_end=30,
        heading_line_start=20,
        heading_line_end=20,
    )
    return Document(
        scheme="legend",
        source=Source(
            path=path, sha256="0" * 64, bytes=1234, encoding="utf-8", newline="LF", lines=30
        ),
        meta=Meta(
            title="第3回 検討会 議事要旨",
            kind="議事要旨",
            date="2024-05-01",
            weekday=None,
            start_time="10:00",
            end_time="12:00",
            venue="本館 会議室",
            attendance=Attendance(line_start=4, line_end=4, present=7, total=11, group="委員"),
        ),
        header=[],
        speakers=[LegendEntry(line_start=5, line_end=5, marker="◎", role="議長")],
        sections=[first, second],
        utterances=[
            _utterance(1, 9, texts[0], section="1", title="開会"),
            _utterance(2, 13, texts[1], section="1.1", title="報告"),
            _utterance(3, 21, texts[2], section="2", title="議題", end=23),
            _utterance(4, 45, texts[3], section="2", title="議題", end=53),
        ],
        notes=[
            Note(line_start=6, line_end=6, kind="text", section=None, text="前文の注記"),
            Note(line_start=15, line_end=15, kind="bullet", section="1.1", text="資料1を説明"),
            Note(line_start=16, line_end=16, kind="bullet", section="1.1", text="# 見出しではない"),
        ],
        dropped=[],
        diagnostics=[
            Diagnostic(code="M101", severity=Severity.WARNING, message="未知の記号", line=13)
        ],
    )


def render(doc: Document, fmt: Format, options: WriteOptions | None = None) -> str:
    out = io.StringIO(newline="")
    write(doc, fmt, out, options or WriteOptions())
    return out.getvalue()


# --- registry -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_has_a_writer_and_an_extension(fmt: Format) -> None:
    assert callable(WRITERS[fmt])
    assert EXTENSIONS[fmt] == ("." + fmt.value if fmt is not Format.TEI else ".xml")
    assert render(make_document(), fmt)  # writes something for a non-empty document


def test_write_accepts_the_plain_string_value() -> None:
    # A str enum compares equal to its value but hashes differently; write() copes.
    assert render(make_document(), cast(Any, "json")) == render(make_document(), Format.JSON)


# --- JSON -----------------------------------------------------------------------


def test_json_round_trips_and_keeps_japanese_readable() -> None:
    doc = make_document()
    text = render(doc, Format.JSON)
    assert Document.model_validate_json(text) == doc
    assert text.endswith("}\n")
    assert "議事要旨" in text  # not \u8b70...
    assert '\n  "source"' in text  # indent 2 by default


def test_json_indent_none_is_one_line() -> None:
    text = render(make_document(), Format.JSON, WriteOptions(indent=None))
    assert text.count("\n") == 1
    assert Document.model_validate_json(text) == make_document()


# --- rows / JSONL -----------------------------------------------------------------


def test_rows_follow_the_documented_field_order() -> None:
    rows = list(utterance_rows(make_document()))
    assert [tuple(row) for row in rows] == [ROW_FIELDS] * 4
    assert rows[1]["path"] == "minutes/2024-05-01.txt"
    assert rows[1]["section"] == "1.1"
    assert rows[1]["speaker"] == "山田"
    assert rows[2]["line_end"] == 23


def test_rows_name_stdin_with_a_dash() -> None:
    row = next(utterance_rows(make_document(path=None)))
    assert row["path"] == "-"


def test_jsonl_one_line_per_utterance_with_keys_in_order() -> None:
    doc = make_document()
    text = render(doc, Format.JSONL)
    lines = text.splitlines()
    assert len(lines) == len(doc.utterances)
    assert text.endswith("\n")
    parsed = [json.loads(line) for line in lines]
    assert all(tuple(obj) == ROW_FIELDS for obj in parsed)
    assert [obj["text"] for obj in parsed] == [u.text for u in doc.utterances]
    assert parsed[0]["seq"] == 1 and parsed[0]["line_start"] == 9
    assert "開会" in lines[0]  # ensure_ascii=False


def test_jsonl_records_survive_splitlines() -> None:
    odd = "a\u2028b\u2029c\x85d\x0be"  # all line breaks to str.splitlines
    doc = make_document((odd, "x", "y", "z"))
    lines = render(doc, Format.JSONL).splitlines()
    assert len(lines) == 4
    assert json.loads(lines[0])["text"] == odd


def test_jsonl_of_a_document_without_utterances_is_empty() -> None:
    doc = make_document().model_copy(update={"utterances": []})
    assert render(doc, Format.JSONL) == ""


# --- CSV --------------------------------------------------------------------------


def _read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_csv_round_trips_texts_and_guards_formulas() -> None:
    doc = make_document()
    text = render(doc, Format.CSV)
    rows = _read_csv(text)
    assert len(rows) == len(doc.utterances)
    assert [tuple(row) for row in rows] == [ROW_FIELDS] * 4
    assert rows[1]["text"] == "'" + FORMULA
    assert [r["text"].removeprefix("'") for r in rows] == [u.text for u in doc.utterances]
    assert rows[2]["text"] == TWO_PARAGRAPHS  # embedded newline survived quoting
    assert rows[0]["speaker"] == ""  # None is an empty cell
    assert rows[0]["seq"] == "1" and rows[2]["line_end"] == "23"  # numbers not prefixed


def test_csv_uses_crlf_between_records_and_lf_inside_cells() -> None:
    text = render(make_document(), Format.CSV)
    assert text.startswith(",".join(ROW_FIELDS) + "\r\n")
    assert '"第一段落です。\n第二段落です。"' in text


def test_csv_bom_and_header_options() -> None:
    doc = make_document()
    assert not render(doc, Format.CSV).startswith("\ufeff")
    with_bom = render(doc, Format.CSV, WriteOptions(bom=True))
    assert with_bom.startswith("\ufeff" + "path,")
    headless = render(doc, Format.CSV, WriteOptions(header=False))
    assert not headless.startswith("path,")
    assert len(list(csv.reader(io.StringIO(headless, newline="")))) == len(doc.utterances)
    assert render(doc, Format.CSV) == ",".join(ROW_FIELDS) + "\r\n" + headless


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_safe_cell_prefixes_formula_triggers(cell: str) -> None:
    assert safe_cell(cell) == "'" + cell


@pytest.mark.parametrize(("cell", "expected"), [(-5, -5), (3, 3), (None, ""), ("a=b", "a=b")])
def test_safe_cell_leaves_numbers_and_harmless_text(
    cell: int | str | None, expected: int | str
) -> None:
    assert safe_cell(cell) == expected


_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@given(_TEXT, _TEXT)
def test_csv_and_jsonl_round_trip_any_text(first: str, second: str) -> None:
    doc = make_document((first, second, "x", "y"), path='a,"b"\n.txt')
    rows = _read_csv(render(doc, Format.CSV))
    assert [r["text"] for r in rows] == [safe_cell(u.text) for u in doc.utterances]
    assert {r["path"] for r in rows} == {'a,"b"\n.txt'}
    parsed = [json.loads(line) for line in render(doc, Format.JSONL).splitlines()]
    assert [p["text"] for p in parsed] == [first, second, "x", "y"]


# --- Markdown ---------------------------------------------------------------------


def test_markdown_layout() -> None:
    md = render(make_document(), Format.MD)
    assert md.startswith("# 第3回 検討会 議事要旨\n")
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert "* Date: 2024-05-01\n" in md  # no weekday is guessed when the source states none
    assert "* Time: 10:00–12:00" in md
    assert "* Attendance: 7 / 11 (委員)" in md
    assert "* ◎ 議長" in md
    headings = re.findall(r"^#+ .*$", md, flags=re.MULTILINE)
    assert headings == [
        "# 第3回 検討会 議事要旨",
        "## 1. 開会 *＜以下、質疑応答＞*",
        "### (1) 報告",
        "## 2. 議題",
        "## Diagnostics",
    ]
    assert md.index("前文の注記") < md.index("## 1. 開会")  # preamble before first heading
    assert "**議長**: 開会します。 <sub>L9</sub>" in md
    assert "**委員** 山田: =SUM(A1) <sub>L13</sub>" in md
    assert "<sub>L45–53</sub>" in md
    assert "- **M101** (warning, L13): 未知の記号" in md


def test_markdown_content_follows_its_heading_in_source_order() -> None:
    md = render(make_document(), Format.MD)
    order = [
        "## 1. 開会",
        "開会します。",
        "### (1) 報告",
        "=SUM(A1)",
        "資料1を説明",
        "## 2. 議題",
        "第一段落",
        r"\*bold\*",
    ]
    positions = [md.index(marker) for marker in order]
    assert positions == sorted(positions)


def test_markdown_escapes_user_text() -> None:
    md = render(make_document(), Format.MD)
    assert r"\*bold\* \[x\](y)" in md
    assert "*bold*" not in md.replace(r"\*", "")
    assert "- \\# 見出しではない <sub>L16</sub>" in md  # a note cannot become a heading


def test_markdown_bullets_form_one_tight_list() -> None:
    md = render(make_document(), Format.MD)
    assert "- 資料1を説明 <sub>L15</sub>\n- \\# 見出しではない" in md


def test_markdown_multi_paragraph_text_stays_in_its_block() -> None:
    md = render(make_document(), Format.MD)
    assert "**委員**: 第一段落です。\\\n第二段落です。 <sub>L21–23</sub>" in md
    bullet = escape_block("一行目\n- 二行目\n\n1. 三行目", indent="  ")
    assert bullet == "一行目\\\n  \\- 二行目\\\n  1\\. 三行目"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# x", r"\# x"),
        ("> quote", r"\> quote"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("===", r"\==="),
        ("12) item", r"12\) item"),
        ("    code", "code"),
        ("<b>&amp;</b>", r"\<b\>\&amp;\</b\>"),
        ("a | b `c` ~d~ _e_", r"a \| b \`c\` \~d\~ \_e\_"),
        (r"back\slash", r"back\\slash"),
        ("普通の文 #1", "普通の文 #1"),
    ],
)
def test_escape_line(line: str, expected: str) -> None:
    assert escape_line(line) == expected


def test_markdown_title_falls_back_to_path_then_untitled() -> None:
    doc = make_document()
    untitled = doc.model_copy(update={"meta": doc.meta.model_copy(update={"title": None})})
    assert render(untitled, Format.MD).startswith("# minutes/2024-05-01.txt\n")
    anonymous = untitled.model_copy(update={"source": doc.source.model_copy(update={"path": None})})
    assert render(anonymous, Format.MD).startswith("# Untitled minutes\n")


def test_markdown_without_diagnostics_has_no_diagnostics_heading() -> None:
    doc = make_document().model_copy(update={"diagnostics": []})
    assert "Diagnostics" not in render(doc, Format.MD)


# --- Markdown escaping, checked by a real CommonMark parser --------------------------

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
_MARKDOWN_TEXT = st.text(
    st.sampled_from(list("#>+-=*_`[]()<>!|~&;:\\/.) 019aZあ議\t\r\n")), max_size=30
)


def _inline_text(markdown: str) -> str:
    """The plain text of a one-paragraph rendering; fails on any other block or markup."""
    tokens = _PARSER.parse(markdown)
    inline = [t for t in tokens if t.type == "inline"]
    blocks = {t.type for t in tokens} - {"inline"}
    assert len(inline) == 1, tokens
    assert blocks <= {
        "paragraph_open",
        "paragraph_close",
        "bullet_list_open",
        "bullet_list_close",
        "list_item_open",
        "list_item_close",
    }, blocks
    parts: list[str] = []
    for child in inline[0].children or []:
        assert child.type in {"text", "hardbreak", "softbreak", "strong_open", "strong_close"}
        parts.append("\n" if child.type.endswith("break") else child.content)
    return "".join(parts)


def _plain(text: str) -> str:
    lines = (line.strip(" \t") for line in re.split(r"\r\n|\r|\n", text))
    return "\n".join(line for line in lines if line)


@given(_MARKDOWN_TEXT)
def test_escaped_text_renders_as_itself(text: str) -> None:
    plain = _plain(text)
    if not plain:
        return
    assert _inline_text(escape_block(text)) == plain
    assert _inline_text("- " + escape_block(text, "  ")) == plain
    labelled = "**議長**: " + escape_block(text, block_start=False)
    assert _inline_text(labelled) == "議長: " + plain


def test_csv_replaces_nul_characters() -> None:
    assert safe_cell("a\x00b") == "a\ufffdb"
    assert safe_cell("=\x00") == "'=\ufffd"


def test_json_is_the_whole_dump_though_written_item_by_item() -> None:
    """The JSON writer dumps the long lists one item at a time (for memory): the bytes are
    still those of one ``model_dump_json`` of the whole document, on every fixture; and
    each streamed list is non-empty in some fixture (so each splice is exercised)."""
    from minutes_cli import parse_file
    from minutes_cli.writers.json_writer import STREAMED
    from tests.conftest import FIXTURES

    full = set()
    for path in sorted(FIXTURES.glob("*.txt")):
        document = parse_file(path)
        assert render(document, Format.JSON) == document.model_dump_json(indent=2) + "\n", path
        full |= {key for key in STREAMED if getattr(document, key)}
    assert full == set(STREAMED)


@pytest.mark.parametrize("fixture", fixture_cases(), ids=lambda path: path.stem)
def test_compact_json_reads_back_as_the_same_record(fixture: Path) -> None:
    from minutes_cli import parse_file

    document = parse_file(fixture)
    out = io.StringIO()
    write(document, Format.JSON, out, WriteOptions(compact=True))
    assert Document.model_validate_json(out.getvalue()) == document
