"""Resource behaviour of the pipeline that the speed and memory work relies on."""

from __future__ import annotations

import gc
from collections.abc import Callable
from pathlib import Path

import pytest

from minutes_cli import parse_text

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEED = (FIXTURES / "seed_kushiro_2025.txt").read_text(encoding="utf-8")


def _cyclic_garbage(text: str) -> int:
    """Objects in reference cycles that one parse of ``text`` leaves behind."""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        parse_text(text)
        return gc.collect()
    finally:
        if was_enabled:
            gc.enable()


def _sections(count: int) -> str:
    """Minutes with ``count`` numbered sections (valid numbering), nested and paged."""
    parts = ["議事要旨", "【◎…議長 ○…委員】"]
    for n in range(1, count + 1):
        parts += [f"{n} 議題{n}", "（1） 説明", "◎ 説明します。", "○ 質問です。\f"]
    return "\n".join(parts) + "\n"


GROWING: dict[str, Callable[[int], str]] = {
    "the seed repeated": lambda n: SEED * n,
    "numbered sections": _sections,
    # Markdown headings need no numbering: every copy adds its sections.
    "Markdown headings": lambda n: (FIXTURES / "prefix_initials.md.txt").read_text("utf-8") * n,
    "a prefix log": lambda n: "WH: Hello.\nBT: Thanks.\n" * (5 * n),
    "an assembly record": lambda n: (
        "○議長（山田太郎君）　開会します。\n○１番（鈴木一郎君）　質問します。\n" * (5 * n)
    ),
}


@pytest.mark.parametrize("name", sorted(GROWING))
def test_cycles_do_not_grow_with_the_document(name: str) -> None:
    # The parse runs with the cycle collector paused: that is only safe if the cycles it
    # makes stay a handful per document, not one per line or record (or section, or page).
    make = GROWING[name]
    parse_text(make(1))  # first use compiles patterns and fills caches
    small, large = _cyclic_garbage(make(2)), _cyclic_garbage(make(20))
    assert large <= small + 20, (small, large)


def test_the_collector_is_left_as_it_was() -> None:
    gc.enable()
    parse_text(SEED)
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text(SEED)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_overlapping_parses_share_one_pause() -> None:
    # Two threads' parses overlap: A starts, B starts, A ends, B ends. The collector must
    # stay off until the last parse ends and be on afterwards, whatever the order.
    import threading

    from minutes_cli.collector import paused

    gc.enable()
    b_inside, a_done, states = threading.Event(), threading.Event(), []

    def b() -> None:
        with paused():
            b_inside.set()
            a_done.wait(5)
            states.append(gc.isenabled())  # A has ended; B is still parsing

    with paused():
        thread = threading.Thread(target=b)
        thread.start()
        b_inside.wait(5)
    a_done.set()
    thread.join(5)
    assert states == [False]
    assert gc.isenabled()


def test_parses_in_threads_leave_the_collector_on() -> None:
    from concurrent.futures import ThreadPoolExecutor

    gc.enable()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: parse_text("○議長　開会します。"), range(2_000)))
    assert gc.isenabled()
