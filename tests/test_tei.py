"""``-f tei``: well-formed TEI, valid against the schema the tests ship
(``tests/tei/minutes-tei.rng``), with the roster, the kinds and the line spans kept."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from minutes_cli import parse_file, parse_text
from minutes_cli.models import Document
from minutes_cli.writers import Format, Stream, WriteOptions, write
from tests.conftest import FIXTURES, SHARED

etree = pytest.importorskip("lxml.etree")
SCHEMA = etree.RelaxNG(etree.parse(str(Path(__file__).parent / "tei" / "minutes-tei.rng")))
TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def tei(document: Document) -> str:
    out = io.StringIO()
    write(document, Format.TEI, out)
    return out.getvalue()


def valid(text: str) -> ET.Element:
    assert SCHEMA.validate(etree.fromstring(text.encode("utf-8"))), SCHEMA.error_log
    return ET.fromstring(text)


def inputs() -> list[Path]:
    corpus = sorted((SHARED / "corpus").glob("*.txt")) if (SHARED / "corpus").exists() else []
    return sorted(FIXTURES.glob("*.txt")) + corpus


@pytest.mark.parametrize("path", inputs(), ids=lambda path: path.name)
def test_every_document_is_valid_tei_with_each_utterance_once(path: Path) -> None:
    document = parse_file(path)
    root = valid(tei(document))
    turns = root.iter(f"{TEI}u")
    spans = [(u.get("n"), u.get("ana")) for u in turns]
    assert len(spans) == len(document.utterances)
    assert all(n and n.startswith("L") for n, _ in spans)
    people = {p.get(XML_ID) for p in root.iter(f"{TEI}person")}
    assert len(people) == len(document.people)
    for u in root.iter(f"{TEI}u"):
        who = u.get("who")
        assert who is None or who[1:] in people, who
    ids = [e.get(XML_ID) for e in root.iter() if e.get(XML_ID)]
    assert len(ids) == len(set(ids))


def test_an_exchange_in_tei() -> None:
    document = parse_text(
        "令和五年十一月一日（水曜日）\n"
        "　出席委員\n　　　委員長　田野瀬太道君\n　　　理事　山田　賢司君\n"
        "　　　文部科学大臣　　盛山　正仁君\n　　　　―――――――――――――\n"
        "○田野瀬委員長　これより会議を開きます。\n"
        "○山田委員　大臣に伺います。\u0007\n"
        "　　　〔「異議なし」と呼ぶ者あり〕\n"
        "○盛山国務大臣　お答えします。\n"
    )
    root = valid(tei(document))
    u = list(root.iter(f"{TEI}u"))
    assert [x.get("ana") for x in u] == ["#procedure", "#question", "#answer"]
    assert u[1].get("who", "").endswith(".山田賢司")
    assert u[2].get("corresp") == f"#{u[1].get(XML_ID)}"
    assert u[2].get("n") == "L10"
    assert "\ufffd" in "".join(u[1].itertext())  # a control character XML cannot hold
    roles = [r.text for r in root.iter(f"{TEI}roleName")]
    assert "文部科学大臣" in roles


def test_several_documents_are_one_tei_corpus() -> None:
    out = io.StringIO()
    stream = Stream(Format.TEI, out)
    for name in ("seed_kushiro_2025.txt", "english_pdf_glued.txt"):
        stream.add(Stream.render(parse_file(FIXTURES / name), Format.TEI, WriteOptions()))
    stream.end()
    root = valid(out.getvalue())
    assert root.tag == f"{TEI}teiCorpus" and len(root.findall(f"{TEI}TEI")) == 2
