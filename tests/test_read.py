"""The read stage: the decoding chain, PDF text layers with page provenance, and bad input."""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

import pytest

from minutes_cli import SourceError, parse_bytes, parse_text
from minutes_cli.models import Document
from minutes_cli.parse.clean import clean_lines
from minutes_cli.parse.read import decode, repair_letter_spacing
from tests.conftest import SEED, assert_lossless

SEED_TEXT = SEED.read_text(encoding="utf-8")
# EUC-JP (JIS X 0208) has no ～ (U+FF5E), － (U+FF0D) or ①: its files write 〜, − and (1).
EUC_SUBSTITUTES: dict[str, str | int | None] = {"～": "〜", "－": "−", "①": "(1)"}
EUC_TEXT = SEED_TEXT.translate(str.maketrans(EUC_SUBSTITUTES))


def speech(document: Document) -> list[tuple[str | None, str, int, int]]:
    return [(u.role, u.text, u.line_start, u.line_end) for u in document.utterances]


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (SEED_TEXT, SEED_TEXT.encode("cp932"), "cp932"),
        (EUC_TEXT, EUC_TEXT.encode("euc_jp"), "euc_jp"),
        (SEED_TEXT, codecs.BOM_UTF8 + SEED_TEXT.encode(), "utf-8 (BOM)"),
        (SEED_TEXT, codecs.BOM_UTF16_LE + SEED_TEXT.encode("utf-16-le"), "utf-16-le (BOM)"),
        (SEED_TEXT, codecs.BOM_UTF16_BE + SEED_TEXT.encode("utf-16-be"), "utf-16-be (BOM)"),
    ],
    ids=["cp932", "euc-jp", "utf-8-bom", "utf-16-le", "utf-16-be"],
)
def test_encoded_seed_gives_the_same_records(text: str, data: bytes, encoding: str) -> None:
    document = parse_bytes(data, "seed")
    assert document.source.encoding == encoding
    assert speech(document) == speech(parse_text(text))
    assert len(document.utterances) == 16


def test_cp932_only_characters() -> None:
    data = "議事録①㈱～".encode("cp932")  # the shift_jis codec cannot even encode these
    assert decode(data, "x").text == "議事録①㈱～"
    assert b"\x81\x60" in data and decode(data, "x").text.endswith("～")


def test_forced_encoding_and_its_errors() -> None:
    data = "議事録".encode("euc_jp")
    assert decode(data, "x", encoding="euc-jp").encoding == "euc_jp"
    with pytest.raises(SourceError, match="unknown encoding 'klingon'"):
        decode(data, "x", encoding="klingon")
    with pytest.raises(SourceError, match=r"not valid utf-8: byte 0xb5 at offset 0"):
        decode(data, "x", encoding="utf-8")


def test_undecodable_names_the_first_bad_byte() -> None:
    with pytest.raises(SourceError) as caught:
        decode("議事録\n日時".encode() + b"\x80\xff\x80", "old.txt")
    assert str(caught.value) == (
        "old.txt:2:7: cannot decode: not UTF-8 (byte 0x80 at offset 16), nor CP932 or "
        "EUC-JP; name one with --encoding"
    )


def test_bad_bytes_after_a_bom_count_from_the_file_start() -> None:
    with pytest.raises(SourceError, match="byte 0xff at offset 5"):
        decode(codecs.BOM_UTF8 + b"ab\xff", "x")


def test_utf16_may_hold_nul_bytes_other_binaries_may_not() -> None:
    assert decode("あ".encode("utf-16"), "x").text == "あ"
    with pytest.raises(SourceError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00", "x")


def test_presentation_forms_and_kangxi_radicals() -> None:
    (line,) = clean_lines("︵注︶⽅針︒").lines
    assert line.text == "（注）方針。"


def test_letter_spacing_repair() -> None:
    assert repair_letter_spacing("○大 下 議 長 ただいまから") == "○大下議長 ただいまから"
    assert repair_letter_spacing("令和 7 年") == "令和 7 年"  # digits are not spaced-out names
    assert repair_letter_spacing("A B C") == "A B C"


def test_form_feeds_are_page_breaks() -> None:
    text = "会議録\n\n○議長（山田君） 開会します。\n\f○議長（山田君） 続けます。\n"
    document = parse_text(text)
    assert document.source.pages == 2
    assert [(u.page_start, u.page_end) for u in document.utterances] == [(1, 1), (2, 2)]


# --- PDF ---------------------------------------------------------------------------------

reportlab = pytest.importorskip("reportlab")
pytest.importorskip("pdfminer")

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

RUNNING_HEADER = "令和7年度 釧路市まち・ひと・しごと創生推進会議"


def seed_pdf(path: Path, lines_per_page: int = 70) -> dict[int, int]:
    """The seed as a PDF in the CID font HeiseiMin-W3 (no font file needed), with a running
    header and a ``- N -`` footer on every page; returns seed line -> page."""
    pdfmetrics.registerFont(UnicodeCIDFont("HeiseiMin-W3"))
    width, height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    page_of: dict[int, int] = {}
    lines = SEED_TEXT.split("\n")
    chunks = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for page, chunk in enumerate(chunks, start=1):
        pdf.setFont("HeiseiMin-W3", 9)
        pdf.drawString(40, height - 30, RUNNING_HEADER)
        y = height - 50
        for offset, line in enumerate(chunk):
            page_of[(page - 1) * lines_per_page + offset + 1] = page
            pdf.drawString(40, y, line)
            y -= 11
        pdf.drawCentredString(width / 2, 25, f"- {page} -")
        pdf.showPage()
    pdf.save()
    return page_of


@pytest.fixture(scope="module")
def pdf_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, dict[int, int], str]:
    path = tmp_path_factory.mktemp("pdf") / "seed.pdf"
    page_of = seed_pdf(path)
    data = path.read_bytes()
    text = decode(data, str(path)).text
    return parse_bytes(data, str(path)), page_of, text


def test_pdf_gives_the_seed_utterances(pdf_case: tuple[Document, dict[int, int], str]) -> None:
    document, _, text = pdf_case
    seed = parse_text(SEED_TEXT)
    assert document.source.format == "pdf" and document.source.encoding is None
    assert document.source.pages == 4
    # The CID font has one glyph for － and −, and for ～ and 〜 (JIS maps each pair to one
    # character); the text layer gives the second of each, as real PDFs do.
    same_glyph = str.maketrans({"－": "−", "～": "〜"})
    assert [(u.role, u.text) for u in document.utterances] == [
        (u.role, u.text.translate(same_glyph)) for u in seed.utterances
    ]
    assert document.meta.date == "2025-10-06"
    assert_lossless(document, text)


def test_pdf_records_carry_their_pages(pdf_case: tuple[Document, dict[int, int], str]) -> None:
    document, page_of, _ = pdf_case
    seed = parse_text(SEED_TEXT)
    assert [(u.page_start, u.page_end) for u in document.utterances] == [
        (page_of[u.line_start], page_of[u.line_end]) for u in seed.utterances
    ]
    pages = {
        p for u in document.utterances for p in range(u.page_start or 0, (u.page_end or 0) + 1)
    }
    assert pages == {1, 2, 3, 4}


def test_pdf_page_numbers_and_running_header_are_dropped(
    pdf_case: tuple[Document, dict[int, int], str],
) -> None:
    document, _, _ = pdf_case
    reasons = [(d.reason, d.text, d.page_start) for d in document.dropped]
    assert [r for r in reasons if r[0] == "page-number"] == [
        ("page-number", f"- {n} -", n) for n in range(1, 5)
    ]
    assert [r[2] for r in reasons if r[0] == "running-header"] == [1, 2, 3, 4]
    assert all(RUNNING_HEADER not in u.text for u in document.utterances)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(50, 50, 200, 200, fill=1)  # an image-like page: no text at all
    pdf.showPage()
    pdf.save()
    with pytest.raises(SourceError, match="no text layer"):
        parse_bytes(path.read_bytes(), str(path))


def test_damaged_pdf() -> None:
    with pytest.raises(SourceError, match="not a readable PDF"):
        parse_bytes(b"%PDF-1.4\nthis is not really a pdf", "broken.pdf")


def test_pdf_without_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pdfminer.high_level", None)
    with pytest.raises(SourceError, match=r"pip install 'minutes-records\[pdf\]'"):
        parse_bytes(b"%PDF-1.4\n", "x.pdf")


LATIN_1 = "Minutes\nRenée Smith: Hello.\n"


def test_latin1_is_not_taken_for_cp932() -> None:
    # charset-normalizer (the guess extra; the test extra has it through pdfminer.six)
    # reads it for what it is; the Japanese legacy codecs must not claim it first.
    source = decode(LATIN_1.encode("latin-1"), "x")
    assert source.encoding in ("cp1252 (guessed)", "latin_1 (guessed)")
    assert source.text == LATIN_1


def test_latin1_without_the_guess_extra_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "charset_normalizer", None)  # as if not installed
    with pytest.raises(
        SourceError, match=r"^x:2:4: cannot decode: not UTF-8 \(byte 0xe9 at offset 11\)"
    ):
        decode(LATIN_1.encode("latin-1"), "x")


def test_two_pages_are_too_few_to_call_a_line_running() -> None:
    text = (
        "議事録\n○議長（山田君） 日程第1を議題といたします。\n説明をお願いします。\n"
        "\f○議長（山田君） 日程第2を議題といたします。\n質疑はありませんか。\n"
    )
    assert len(parse_text(text).utterances) == 2


@pytest.mark.parametrize("footer", ["- {n} -", "{n}／3", "Page {n} of 3", "３／{n}"])
def test_page_number_styles_and_running_footers(footer: str) -> None:
    pages = [
        f"○議長（山田君） 第{n}頁の発言です。\n\n北浜市議会 会議録\n{footer.format(n=n)}\n"
        for n in (1, 2, 3)
    ]
    text = "\f".join(pages)
    document = parse_text(text)
    assert [u.page_start for u in document.utterances] == [1, 2, 3]
    assert [(d.reason, d.page_start) for d in document.dropped] == [
        (reason, n) for n in (1, 2, 3) for reason in ("running-footer", "page-number")
    ]
    assert_lossless(document, text)
