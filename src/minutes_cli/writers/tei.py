"""TEI: one ``<TEI>`` per document, in the shape ParlaMint gives parliamentary records.

The header has the title, the source's hash and the meeting's date and place, and the
roster as ``<listPerson>`` (one ``<person xml:id>`` a roster person, with ``<persName>``,
the offices as ``<roleName>``, the party as ``<affiliation>``). The body is the section tree
as ``<div type="debateSection">`` with its ``<head>``; each utterance a ``<u>`` (``who``
points at its person, ``ana`` says its kind, ``corresp`` the question it answers), its
paragraphs ``<seg>``; the events inside a turn and the notes outside one are ``<note>``
(a remark, a time stamp, the minute-taker's words), ``<vocal>`` (a floor voice,
``〔「異議なし」と呼ぶ者あり〕``), ``<kinesic>`` (a stage direction, ``（市長 登壇）``) or
``<gap>`` (a rule line). Ids are scoped by the document (``d634b8199.u12``,
``d634b8199.盛山正仁``: the first hex digits of its hash), so that a ``<teiCorpus>`` of many
documents keeps them unique. Every element that comes from the source carries its line span in ``n``
(``L45-53``, ``L3:5-3:40`` where it starts or ends inside a line), so TEI users can go back
to the source as JSON users can.

Built with :mod:`xml.etree.ElementTree`, which escapes what it writes; characters XML 1.0
cannot hold (control characters) become U+FFFD. Several documents in one stream are one
``<teiCorpus>`` (see :class:`~minutes_cli.writers.Stream`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, TextIO

from minutes_cli.models import Document, Event, Note, Section, TextSpan, Utterance

if TYPE_CHECKING:
    from minutes_cli.writers import WriteOptions

NAMESPACE = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: The opening and closing of a stream of several documents.
CORPUS_START = f'<?xml version="1.0" encoding="UTF-8"?>\n<teiCorpus xmlns="{NAMESPACE}">\n'
CORPUS_END = "</teiCorpus>\n"

#: What each event or note kind is in TEI: the element and its ``type``.
ELEMENTS: dict[str, tuple[str, str | None]] = {
    "floor-voice": ("vocal", "interruption"),
    "stage-direction": ("kinesic", None),
    "time": ("note", "time"),
    "separator": ("gap", "rule"),
    "reading": ("note", "reading"),
    "bullet": ("note", "bullet"),
    "bracket": ("note", "comment"),
    "legend": ("note", "legend"),
    "signature": ("note", "signature"),
    "text": ("note", "narrative"),
}

#: What XML 1.0 cannot hold: most control characters, lone surrogates, U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ET.register_namespace("", NAMESPACE)


def _tag(name: str) -> str:
    return f"{{{NAMESPACE}}}{name}"


def _text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def tei_id(person_id: str) -> str:
    """A roster id as a TEI id that every XML parser takes: the letters of the first edition
    of XML 1.0 (ASCII, Latin-1, kana, the CJK ideographs up to U+9FA5; ー and 々 inside)
    kept, any other character written ``_xHHHH_`` (尾﨑 → 尾_xfa11_)."""
    kept = []
    for index, char in enumerate(person_id):
        code = ord(char)
        plain = (char.isascii() and (char.isalnum() or char in "._-")) or (
            0xC0 <= code <= 0xFF and code not in (0xD7, 0xF7)
        )
        plain = plain or 0x4E00 <= code <= 0x9FA5 or 0x3041 <= code <= 0x30FA
        plain = plain or (index > 0 and code in (0x30FC, 0x3005))
        kept.append(char if plain else f"_x{code:04x}_")
    text = "".join(kept)
    return text if text[:1].isalpha() or text[:1] == "_" else f"_{text}"


def lines(record: TextSpan | Event | Section) -> str:
    """``L45-53``, ``L7``, ``L3:5-3:40``: the record's source lines (and columns)."""
    start, end = f"{record.line_start}", f"{record.line_end}"
    column_start = getattr(record, "column_start", None)
    column_end = getattr(record, "column_end", None)
    if column_start is not None or column_end is not None:
        start += f":{column_start or 1}"
        end += f":{column_end}" if column_end is not None else ""
    return f"L{start}" if start == end else f"L{start}-{end}"


def write_tei(document: Document, out: TextIO, options: WriteOptions) -> None:
    """One ``<TEI>`` element, with the XML declaration unless the stream frames it
    (``options.header`` is False for the documents of a ``<teiCorpus>``)."""
    root = build(document)
    ET.indent(root, space="  ")
    text = ET.tostring(root, encoding="unicode")
    if options.header:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(text)
    out.write("\n")


def build(document: Document) -> ET.Element:
    """The document as a ``<TEI>`` element."""
    japanese = any("\u3040" <= c <= "\u9fff" for c in (document.meta.title or "")) or any(
        "\u3040" <= c <= "\u9fff" for u in document.utterances[:5] for c in u.text[:40]
    )
    root = ET.Element(_tag("TEI"), {XML_LANG: "ja" if japanese else "en"})
    scope = f"d{document.source.sha256[:8]}."
    root.set(XML_ID, f"d-{document.source.sha256[:16]}")
    _header(root, document, scope)
    body = _add(_add(root, "text"), "body")
    _sections(body, document, scope + _utterance_prefix(document))
    return root


def _utterance_prefix(document: Document) -> str:
    """``u`` for the ids of the utterances (``u12``), longer where a person's id would be
    one of them (a nick ``u2``): ids are unique in a TEI document."""
    prefix = "u"
    taken = [tei_id(person.id) for person in document.people]
    while any(id_.startswith(prefix) and id_[len(prefix) :].isdigit() for id_ in taken):
        prefix += "u"
    return prefix


def _header(root: ET.Element, document: Document, scope: str) -> None:
    meta = document.meta
    header = _add(root, "teiHeader")
    described = _add(header, "fileDesc")
    _add(_add(described, "titleStmt"), "title", meta.title or document.source.path or "minutes")
    _add(_add(described, "publicationStmt"), "p", "Converted by minutes")
    source = _add(_add(described, "sourceDesc"), "bibl")
    if document.source.path:
        _add(source, "idno", document.source.path, type="path")
    _add(source, "idno", document.source.sha256, type="sha256")
    profile = _add(header, "profileDesc")
    setting = _add(_add(profile, "settingDesc"), "setting")
    if meta.date:
        _add(setting, "date", meta.date, when=meta.date)
    if meta.venue:
        _add(setting, "name", meta.venue, type="place")
    if not document.people:
        return
    people = _add(_add(profile, "particDesc"), "listPerson")
    for person in document.people:
        entry = _add(people, "person", **{XML_ID: scope + tei_id(person.id)})
        named = _add(entry, "persName", person.name)
        if person.reading:
            named.set("key", _text(person.reading))
        if person.lines:
            entry.set("n", f"L{person.lines[0]}")
        for office in person.offices:
            _add(entry, "roleName", office)
        if person.party:
            _add(entry, "affiliation", person.party)


def _sections(body: ET.Element, document: Document, prefix: str) -> None:
    """The tree of ``<div>`` with the utterances and notes in source order; what comes
    before the first section, or in no section, goes straight into ``<body>``."""
    divs: dict[str | None, ET.Element] = {None: body}

    def open_section(section: Section, parent: ET.Element) -> None:
        div = _add(parent, "div", type="debateSection", n=section.id)
        head = _add(div, "head", " ".join(p for p in (section.number, section.title) if p))
        head.set("n", lines(section))
        divs[section.id] = div
        for child in section.children:
            open_section(child, div)

    for section in document.sections:
        open_section(section, body)
    records: list[Utterance | Note] = [*document.utterances, *document.notes]
    records.sort(key=lambda r: (r.line_start, r.column_start or 0))
    for record in records:
        parent = divs.get(record.section, body)
        if isinstance(record, Utterance):
            _utterance(parent, record, prefix)
        else:
            _event(parent, record.kind, record.text, lines(record))


def _utterance(parent: ET.Element, turn: Utterance, prefix: str) -> None:
    attributes = {XML_ID: f"{prefix}{turn.seq}", "n": lines(turn)}
    if turn.person:
        attributes["who"] = f"#{prefix.rpartition('.')[0]}.{tei_id(turn.person)}"
    if turn.kind:
        attributes["ana"] = f"#{turn.kind}"
    if turn.reply_to:
        attributes["corresp"] = f"#{prefix}{turn.reply_to}"
    element = _add(parent, "u", **attributes)
    for paragraph in turn.text.split("\n") if turn.text else [""]:
        _add(element, "seg", paragraph)
    for event in turn.events:
        _event(element, event.kind, event.text, lines(event))


def _event(parent: ET.Element, kind: str, text: str, span: str) -> None:
    name, kind_type = ELEMENTS.get(kind, ("note", None))
    attributes = {"n": span, **({"type": kind_type} if kind_type else {})}
    element = _add(parent, name, **attributes)
    if name in ("gap", "vocal", "kinesic"):
        _add(element, "desc", text)
    else:
        element.text = _text(text)
