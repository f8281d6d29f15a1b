"""``minutes view``: the page is self-contained and safe, every record is linked to its
lines; in headless Chromium it loads without console errors and a click on an utterance
brings its lines into view (with a screenshot kept for a person to look at)."""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli import parse_file
from minutes_cli.cli import app
from minutes_cli.view import render
from tests.conftest import SEED

runner = CliRunner()

HOSTILE = (
    "第1回 会議 議事録\n日時：令和6年5月1日（水）\n\n【○…委員 ◎…座長】\n\n1 議題\n"
    '○<script>alert(1)</script> と "引用" & <b>太字</b>\n◎座長です。\n●凡例にない印。\n'
)


class _Page(HTMLParser):
    """What the tests look for in a page: ids, links, external references."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and found.get("href"):
            self.links.append(str(found["href"]))
        for name in ("src", "href"):
            value = found.get(name) or ""
            if re.match(r"(https?:)?//", value):
                self.external.append(value)
        self.scripts += tag == "script"


def parsed(page: str) -> _Page:
    reader = _Page()
    reader.feed(page)
    return reader


def test_every_link_has_its_target_and_nothing_is_fetched() -> None:
    document = parse_file(SEED)
    page = parsed(render(document, SEED.read_text(encoding="utf-8")))
    assert not page.external and page.scripts == 1
    assert all(link.lstrip("#") in page.ids for link in page.links)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert {f"L{n}" for n in range(1, len(lines) + 1)} <= page.ids
    records = [i for i in page.ids if re.fullmatch(r"r\d+", i)]
    owned = sum(1 for _ in document.owned_spans())
    assert len(records) == owned  # one article per record that owns source text


def test_document_text_is_escaped(tmp_path: Path) -> None:
    source = tmp_path / "x.txt"
    source.write_text(HOSTILE, encoding="utf-8")
    code = runner.invoke(app, ["view", str(source), "-o", str(tmp_path / "x.html")]).exit_code
    page = (tmp_path / "x.html").read_text(encoding="utf-8")
    assert code == 0
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script>") == 1
    assert "M101" in page  # the diagnostic of ● is on the page, and its line marked
    assert re.search(r'<li id="L9" class="utterance diag"', page)


def test_unreadable_input_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["view", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "missing.txt" in result.stderr


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_in_chromium_the_page_loads_cleanly_and_a_click_shows_the_lines(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "seed.html"
    assert runner.invoke(app, ["view", str(SEED), "-o", str(page_file)]).exit_code == 0
    document = parse_file(SEED)
    last = document.utterances[-1]
    errors: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.route(
            "**/*",
            lambda route: (
                route.abort() if not route.request.url.startswith("file:") else route.continue_()
            ),
        )
        page.goto(page_file.as_uri())
        target = page.locator(f'article.utterance[data-start="{last.line_start}"]')
        target.scroll_into_view_if_needed()
        target.locator(".text").click()
        first = page.locator(f"#L{last.line_start}")
        assert "hl" in (first.get_attribute("class") or "")
        assert first.evaluate(
            "el => { const r = el.getBoundingClientRect(), p = el.closest('section')"
            ".getBoundingClientRect(); return r.top >= p.top && r.bottom <= p.bottom }"
        )
        assert page.locator("#source li.hl").count() == last.line_end - last.line_start + 1
        page.fill("#q", "工業用地")
        shown = page.locator("article:not([hidden])").count()
        assert 0 < shown < page.locator("article").count()
        shot = Path(os.environ.get("MINUTES_SCREENSHOTS", tmp_path)) / "view-seed.png"
        page.screenshot(path=str(shot))
        browser.close()
    assert errors == []
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
