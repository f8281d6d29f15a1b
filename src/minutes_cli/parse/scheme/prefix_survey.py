"""Which ``Name:`` labels are this document's speakers: the evidence, read once over the lines.

A label is a speaker when it recurs, or when the document says who its people are: names
that recur, three different names opening lines, an attendance line that lists it
(``Attendees: Hugo, Amara``), a legend of initials. Colons by chance (``Wells Fargo
Savings:  287,864.39``, ``Press Releases:``) are nobody.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import regex as re

from minutes_cli.grammar import patterns
from minutes_cli.grammar.blocks import BULLET_START
from minutes_cli.grammar.offices import HEADS
from minutes_cli.grammar.prefixes import (
    INITIALS,
    MIDLINE_NAME,
    NAME_LIST,
    NICKNAME,
    NOT_SPEAKER_WORDS,
    PROPER_NAME,
    QA_LABELS,
    QA_PAIRS,
    REMARK_LABEL,
    ROSTER_LINE,
    UNKNOWN_SPEAKER,
)
from minutes_cli.grammar.titles import is_job_title, is_office, read_person
from minutes_cli.parse.scheme.prefix_label import (
    SPEAKING_OFFICES,
    WORDS,
    bare_prefix,
    find_prefix,
)


def _labels_in(text: str) -> list[tuple[str, bool]]:
    """Labels at the start of ``text`` and glued inside it (PDF text), each with whether
    words follow it (a number alone may be an answer, or a row of a table; a name alone
    after an office, ``Chair: Lucas Pardue``, says who holds it)."""
    found = [(p.label, _words(p.label, p.rest))] if (p := find_prefix(text)) else []
    if ":" in text:  # every glued label ends in one: skip the scan without
        found += [
            (m["label"], True)
            for m in MIDLINE_NAME.finditer(text)
            if not m["post"] or is_job_title(m["post"].split(",")[0])
        ]
    return [
        (label, words)
        for label, words in found
        if label.lower() not in NOT_SPEAKER_WORDS or label in QA_LABELS
    ]


def _words(label: str, rest: str) -> bool:
    if not WORDS.search(rest) or NAME_LIST.match(rest):
        return False
    return not (is_office(label) and PROPER_NAME.match(rest))


def _bare(texts: Sequence[str], gaps: Sequence[int]) -> list[str]:
    """Labels alone on their line with the speech right below (``Hamid:`` / ``The lease…``):
    the next line follows without a blank line, has words, and is no label, bullet or list,
    and no blank line sets the label apart from the speech before it (``Releases:`` after a
    blank line, over the paragraph of a report, is a heading)."""
    found: list[str] = []
    for index, text in enumerate(texts[:-1]):
        bare = bare_prefix(text) if text.endswith(":") else None
        if bare is None or gaps[index + 1] > 0 or (index > 0 and gaps[index] > 0):
            continue
        below = texts[index + 1]
        if (
            WORDS.search(below)
            and find_prefix(below) is None
            and bare_prefix(below) is None
            and not BULLET_START.match(below)
            and not NAME_LIST.match(below)
        ):
            found.append(bare.label)
    return found


def survey(
    lines: Iterable[str],
    initials: Iterable[str] = (),
    minimum: int = 2,
    gaps: Sequence[int] | None = None,
) -> tuple[frozenset[str], int]:
    """The labels used often enough to be speakers rather than chance colons, and how
    many turns they open (at line starts, inside lines, and alone on a line over the
    speech), from one pass over the lines (``gaps``: the blank lines before each).

    Some count from their first use: a personal name (``Joe Rastatter``), a name the
    attendance lists, initials in a document that keeps a legend of initials (``RK`` joins
    late), and a Japanese label that names an office (``Ｂ委員``, ``事務局``). A label only
    ever alone on its line counts once only where the speakers who recur are so written
    too: elsewhere ``Old Business:`` over a paragraph is a heading.
    """
    every = list(lines)
    texts = _outside_action_items(every)
    found = [item for text in texts for item in _labels_in(text)]
    bare = _bare(every, gaps) if gaps is not None else []
    only_bare = set(bare) - {label for label, _ in found}
    found += [(label, True) for label in bare]
    prefixes = [p for text in texts if (p := find_prefix(text))]
    qualified = {p.label for p in prefixes if p.qualifier}
    irc = {p.label for p in prefixes if p.shape == "irc"}
    # A label never followed by words (``Wells Fargo Savings:   287,864.39``, the rows of a
    # table) is nobody; one that is, may also answer with a number (``Fritz: $237,962.15.``).
    spoken = {label for label, words in found if words}  # (a vote on IRC, <sebastian> +1, counts)
    listed = attendance(every)
    # A listed person's label counts also where no words follow (``bf: +1``, a vote).
    counts = Counter(
        label for label, _ in found if label in spoken or label in irc or label.lower() in listed
    )
    has_legend = bool(set(initials))
    repeated = sum(n for n in counts.values() if n >= minimum)
    # Q and A (問 and 答, Question and Answer) are a convention only together, each used
    # more than once.
    for pair in QA_PAIRS:
        if min(counts[label] for label in pair) < minimum:
            for label in pair:
                counts.pop(label, None)
    # Names said once count where the document's speakers are people who recur: there,
    # ``Joe Rastatter:`` said once is one more of them; elsewhere (a report with
    # ``Wells Fargo Savings:`` and ``Press Releases:``) a capitalised phrase is no one.
    people = sum(1 for label, n in counts.items() if n >= minimum and _person_like(label))
    # … or where names open the lines: three different people, each ``Robin Marx:`` once,
    # are a record of who spoke, not chance capitals.
    opening = {p.label for p in prefixes if PROPER_NAME.match(p.label)}
    named = people >= 1 or len(opening) >= 3
    # A label alone said once is one more speaker where the speakers who recur are written
    # so too (Sofia among Hamid's turns); elsewhere it heads a paragraph (``Old Business:``).
    alone = any(counts[label] >= minimum for label in bare)
    # A first name said once is the person of a full name that speaks (Robin of Robin
    # Marx); a name said in a capacity (``Matt (as individual):``) is a person.
    accepted = frozenset(
        label
        for label, n in counts.items()
        if n >= minimum
        or label.lower() in listed
        or (label in only_bare and alone and _person_like(label))
        or (
            label not in only_bare
            and (
                (named and (PROPER_NAME.match(label) or _titled(label)))
                or (named and label in qualified and _person_like(label))
                or UNKNOWN_SPEAKER.fullmatch(label)
                or (has_legend and INITIALS.fullmatch(label))
                or (repeated >= 3 and NICKNAME.fullmatch(label))  # a log of nick: turns
                or label in SPEAKING_OFFICES
                or label in irc  # <Ege> …: a chat log says who speaks
                or (not label.isascii() and label.endswith(HEADS))
            )
        )
    )
    # … and so is a surname said once (Sandino of Winston Sandino, Capitol Project Manager;
    # Lee of Ms. Lee).
    full = [label.split() for label in accepted if " " in label and PROPER_NAME.match(label)]
    full += [name.split() for label in accepted if (name := _titled(label))]
    parts = {words[0] for words in full} | {words[-1] for words in full}
    labels = accepted | {label for label in counts if label in parts}
    return labels, sum(counts[label] for label in labels)


def attendance(texts: Iterable[str]) -> frozenset[str]:
    """The people an attendance line lists (``Attendees: Hugo, Amara``, ``Present: Hugo
    Lindqvist, Amara Osei (Treasurer)``, ``Present: Ben_Francis``): each name, its first and
    last word, and the initials of a name of two or three words (``bf``, a chat log's nick
    for Ben Francis), folded to lower case."""
    names: set[str] = set()
    for text in texts:
        if ":" not in text[:80]:
            continue  # every attendance line has its colon up front: skip the scans
        bullet = BULLET_START.match(text)
        found = ROSTER_LINE.search(text[bullet.end() :] if bullet else text)
        if found is None or found.start() > 40:
            continue
        for name in _LIST_SEPARATOR.split(_IN_BRACKETS.sub("", found["names"])):
            words = name.strip(" .").replace("_", " ").split()
            while words and is_office(words[0].removesuffix("s")):
                words = words[1:]  # Commissioners Fish: the title is no part of the name
            if not any(c.isalpha() for word in words for c in word):
                continue  # the count after a roll call: ``…and Saltzman, 4.``
            if 1 <= len(words) <= 4:
                names.update((" ".join(words).lower(), words[0].lower(), words[-1].lower()))
            if 2 <= len(words) <= 3:
                names.add("".join(word[0] for word in words).lower())
    return frozenset(names)


_LIST_SEPARATOR = patterns.compile(r"\s*[,;、]\s*|\s+and\s+")
_IN_BRACKETS = patterns.compile(r"\([^()]*\)")


#: A heading over a list of action items (``9. Review Outstanding Action Items``, ``## Action
#: items``): the ``Name: task`` lines under it assign work, nobody speaks.
_ACTION_HEADING = patterns.compile(r"action items?|アクションアイテム|宿題", re.IGNORECASE)
#: A numbered or Markdown heading, where a list of action items ends.
_NEXT_HEADING = patterns.compile(r"^(?:\d{1,2}\.\s|#{1,6}\s|[IVX]{1,5}\.\s)")


def _outside_action_items(texts: list[str]) -> list[str]:
    """The lines that are not under a heading of action items, as label evidence. A line
    that goes on after its colon (``Action item: Chen to contact the library.``) is one
    item, no heading."""
    kept: list[str] = []
    under = False
    for text in texts:
        if len(text) > 60:
            pass
        elif _ACTION_HEADING.search(text) and _heading(text):
            under = True
        elif under and _NEXT_HEADING.match(text) and _heading(text):
            under = False
        if not under:
            kept.append(text)
    return kept


def _titled(label: str) -> str | None:
    """The name of a label with an office or a courtesy title before it (``Ms. Lee``,
    ``Mayor Sam Adams``, ``CHAIR SMITH``): as much a person's as a full name is."""
    person = read_person(label)
    titled = person.speaker is not None and (person.role or person.honorific)
    return person.speaker if titled else None


def _heading(text: str) -> bool:
    """A line that is no label, nor goes on after a colon."""
    return find_prefix(text) is None and not REMARK_LABEL.match(text)


def _person_like(label: str) -> bool:
    """A label with the shape of a person: a name, a first name, initials, a nickname."""
    return bool(
        PROPER_NAME.match(label)
        or _FIRST_NAME.fullmatch(label)
        or INITIALS.fullmatch(label)
        or NICKNAME.fullmatch(label)
    )


_FIRST_NAME = patterns.compile(r"[A-Z][a-z]+")
