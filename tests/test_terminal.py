"""Document text never drives the terminal (issue 13, points 4 and 7): control characters
and rich markup from a document are shown escaped or literally by ``search``, ``check``,
the progress bar and every stderr line, while JSON keeps the text as it was; ``check``
says where a control character is (M304); and a rule code that chooses no rule is an
error, on the command line and in the configuration file."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minutes_cli import archive, codes, parse_text, search_output
from minutes_cli.checks import Selection, check, selector_error
from minutes_cli.cli import app
from minutes_cli.engines.progress import progress
from minutes_cli.errors import ExitCode, UsageError, printable, say

runner = CliRunner()

TITLE = "\x1b]0;pwned\x07"  # OSC 0: sets the window title
CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"  # OSC 52: writes the clipboard
CLEAR = "\x1b[2J"  # CSI 2 J: clears the screen
CSI8 = "\x9b31m"  # the 8-bit (C1) CSI
RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE

#: Assembly minutes whose speaker label holds a closing tag and whose speeches hold
#: escape sequences, a C1 control, a bidi override and rich markup.
HOSTILE = (
    f"○議長（山田[/]太郎君）　開会します。{TITLE}[bold]太字[/bold]\n"
    f"○委員（佐藤花子君）　質問します。{CLEAR}[link=https://x.io]ここ[/link]\n"
    f"○委員（佐藤花子君）　追加します。{CLIPBOARD}{CSI8}赤{RLO}逆\n"
    "○議長（山田[/]太郎君）　閉会します。\n"
)

#: What a document may not bring to a terminal (rich's own SGR colour codes are removed
#: from the output before looking).
RAW = ("\x1b", "\x07", "\x9b", RLO)
SGR = re.compile(r"\x1b\[[0-9;]*m")


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "300"})
    return result.exit_code, result.stdout, result.stderr


def assert_nothing_raw(output: str) -> None:
    left = SGR.sub("", output)
    for char in RAW:
        assert char not in left, f"{char!r} reached the output"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.fixture
def db(hostile: Path) -> Path:
    database = hostile.with_name("minutes.db")
    code, _, err = run("parse", "-q", "-f", "sqlite", "-o", str(database), str(hostile))
    assert code == 0, err
    return database


# --- search ---------------------------------------------------------------------------


def test_search_with_a_closing_tag_in_the_label_exits_0(db: Path) -> None:
    code, out, err = run("search", str(db), "します", "-f", "table")
    assert code == ExitCode.OK, err
    assert "山田[/]太郎" in out  # shown as written, not read as markup (was exit 70)
    assert "[bold]太字[/bold]" in out
    assert "4 utterances" in out
    assert_nothing_raw(out + err)


@pytest.mark.parametrize("color", ["never", "always"])
def test_search_lines_show_escapes_not_sequences(db: Path, color: str) -> None:
    code, out, err = run("search", str(db), "します", "--color", color)
    assert code == ExitCode.OK, err
    assert len(out.splitlines()) == 4 and all(line.count("\t") == 3 for line in out.splitlines())
    plain = SGR.sub("", out)
    assert_nothing_raw(plain)
    assert "\\x1b]0;pwned\\x07" in plain and "山田[/]太郎" in plain
    assert bool(SGR.search(out)) is (color == "always")


def test_search_on_a_terminal_shows_escapes_not_sequences(db: Path) -> None:
    """The real command on a pseudo-terminal, so that rich renders for a terminal."""
    pty = pytest.importorskip("pty")
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "400", "LINES": "50", "TERM": "xterm-256color"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parent.parent / "src")
    env.pop("NO_COLOR", None)
    command = [sys.executable, "-m", "minutes_cli.cli", "search", str(db), "します"]
    with subprocess.Popen(command, stdout=slave, stderr=slave, env=env) as child:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert child.wait(timeout=60) == 0
    os.close(master)
    out = b"".join(chunks).decode("utf-8")
    assert SGR.search(out), "rendered for a terminal (colour codes)"
    assert_nothing_raw(out)
    assert "\\x1b]0;pwned\\x07" in out
    assert "\\x1b[2J" in out
    assert "\\x1b]52;c;cHduZWQ=\\x07\\x9b31m赤\\u202e逆" in out
    assert "[link=https://x.io]ここ[/link]" in out
    assert "山田[/]太郎" in out


def test_search_table_in_process_with_a_forced_terminal(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "300")
    with archive.Archive(db, write=False) as store:
        hits = store.search(archive.Query("追加", None, None, None, None))
    out = io.StringIO()
    search_output.write_table(hits, "追加", out, color=True)
    rendered = out.getvalue()
    assert SGR.search(rendered)  # the match is highlighted: terminal styles are on
    assert_nothing_raw(rendered)
    assert "\\x9b31m赤" in rendered
    assert "\\u202e逆" in rendered


def test_search_json_keeps_the_text_as_it_was(db: Path) -> None:
    code, out, _ = run("search", str(db), "します", "-f", "json")
    assert code == 0
    text = "".join(hit["text"] for hit in json.loads(out))
    for raw in (TITLE, CLEAR, CLIPBOARD, CSI8, RLO, "[link=https://x.io]"):
        assert raw in text
    code, out, _ = run("search", str(db), "開会", "-f", "json")
    assert json.loads(out)[0]["speaker"] == "山田[/]太郎"


def test_the_highlight_stays_on_the_match_after_escapes() -> None:
    text = search_output.highlighted("a\x1bb match c", [(4, 9)])
    assert text.plain == "a\\x1bb match c"
    (span,) = text.spans
    assert text.plain[span.start : span.end] == "match"


# --- check ----------------------------------------------------------------------------


def test_check_text_escapes_what_it_quotes(hostile: Path) -> None:
    legend = hostile.with_name("legend.txt")  # a marker the legend does not explain
    legend.write_text(
        f"会議 議事録\n\n【◎…議長{TITLE} ○…委員】\n\n1 議事\n◎開会します。\n●傍聴者。\n",
        encoding="utf-8",
    )
    code, out, err = run("check", str(hostile), str(legend))
    assert code == ExitCode.FINDINGS
    assert_nothing_raw(out + err)
    assert "(◎…議長\\x1b); kept without a role" in out  # the legend, quoted by M101
    assert f"{legend}:3:6: M304 control character \\x1b in the text (2 on this line)" in out


def test_check_json_keeps_quoted_text_and_stays_json(hostile: Path) -> None:
    legend = hostile.with_name("legend.txt")
    legend.write_text(
        f"会議 議事録\n\n【◎…議長{TITLE} ○…委員】\n\n1 議事\n◎開会します。\n●傍聴者。\n",
        encoding="utf-8",
    )
    code, out, _ = run("check", str(legend), "-f", "json")
    assert code == ExitCode.FINDINGS
    messages = [finding["message"] for finding in json.loads(out)]
    assert any("議長\x1b)" in message for message in messages)  # the raw text
    code, out, _ = run("check", str(legend), "-f", "github")
    assert len(out.splitlines()) == len(messages)  # one workflow command per finding


def test_m304_says_line_and_column(hostile: Path) -> None:
    code, out, _ = run("check", str(hostile), "--select", "M304")
    assert code == ExitCode.FINDINGS
    assert out.splitlines() == [
        f"{hostile}:1:21: M304 control character \\x1b in the text (2 on this line)",
        f"{hostile}:2:18: M304 control character \\x1b in the text",
        f"{hostile}:3:18: M304 control character \\x1b in the text (4 on this line)",
    ]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("a\x00b\n", (1, 2)),
        ("ok\r\nok\r\nx\x7f\r\n", (3, 2)),  # CRLF lines counted as lines
        ("\ufeffa\x1bb\n", (1, 2)),  # the BOM is no column
        ("line\n\tab\x85\n", (2, 4)),  # a C1 control (NEL); the tab is fine
        ("name\u2066x\n", (1, 5)),  # a bidi isolate
        ("a\x0bb\n", (1, 2)),  # a vertical tab is not a line break here
    ],
)
def test_m304_positions(text: str, where: tuple[int, int]) -> None:
    found = [(d.line, d.column) for d in parse_text(text).diagnostics if d.code == "M304"]
    assert found == [where]


def test_tabs_newlines_and_page_breaks_are_no_finding() -> None:
    text = "会議 議事録\n\n1 議事\n○質問\tです。\n\f○次の頁です。\r\n"
    assert [d for d in parse_text(text).diagnostics if d.code == "M304"] == []


def test_m304_is_bounded_and_counts_the_rest() -> None:
    document = parse_text("".join(f"line {n}\x07\n" for n in range(1, 31)))
    found = [d for d in document.diagnostics if d.code == "M304"]
    assert [d.line for d in found] == list(range(1, 21))
    assert found[-1].message.endswith("; 10 more lines hold control characters")


def test_m304_is_listed_by_rules() -> None:
    code, out, _ = run("rules")
    assert code == 0
    assert any(line.startswith("M304  control-character") for line in out.splitlines())
    assert codes.CONTROL_CHARACTER.severity.value == "warning"


# --- unknown rule codes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "line"),
    [
        ("--select", "X1", "minutes: --select: unknown rule code 'X1'; did you mean 'M1'?"),
        (
            "--ignore",
            "m103",
            "minutes: --ignore: unknown rule code 'm103'; did you mean 'M103'? "
            "(codes are upper case)",
        ),
        (
            "--select",
            "no-date",
            "minutes: --select: unknown rule code 'no-date'; did you mean 'M001' (no-date)?",
        ),
        (
            "--ignore",
            "E001",
            "minutes: --ignore: 'E001' cannot be selected or ignored: an unreadable input is "
            "always reported",
        ),
    ],
)
def test_unknown_codes_on_the_command_line(
    hostile: Path, option: str, value: str, line: str
) -> None:
    code, out, err = run("check", str(hostile), option, value)
    assert code == ExitCode.INPUT_ERROR
    assert out == ""
    assert err.splitlines() == [line]


def test_prefixes_and_codes_are_valid(hostile: Path) -> None:
    for selector in ("M", "M3", "M30", "M304"):
        assert selector_error(selector) is None
        code, out, _ = run("check", str(hostile), "--select", selector)
        assert code == ExitCode.FINDINGS and "M304" in out


@pytest.mark.parametrize("name", ["pyproject.toml", "minutes.toml"])
def test_unknown_codes_in_the_configuration(
    hostile: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    table = "[tool.minutes]\n" if name == "pyproject.toml" else ""
    config = hostile.with_name(name)
    config.write_text(f'{table}select = ["m1"]\n', encoding="utf-8")
    monkeypatch.chdir(hostile.parent)
    code, out, err = run("check", str(hostile))
    assert code == ExitCode.INPUT_ERROR and out == ""
    assert err.splitlines() == [
        f"minutes: {config}: select: unknown rule code 'm1'; did you mean 'M1'? "
        "(codes are upper case)"
    ]
    code, _, err = run("check", str(hostile), "--select", "M3")  # still an error
    assert code == ExitCode.INPUT_ERROR
    config.write_text(f'{table}select = ["M3"]\nignore = ["M9O1"]\n', encoding="utf-8")
    code, _, err = run("check", str(hostile))
    assert code == ExitCode.INPUT_ERROR
    assert "ignore: unknown rule code 'M9O1'; did you mean 'M901' (pattern-timeout)?" in err


def test_the_library_refuses_an_unknown_selection() -> None:
    with pytest.raises(UsageError, match="unknown rule code 'X1'"):
        Selection(frozenset({"X1"}))
    document = parse_text("a\x1bb\n")
    assert [f.code for f in check(document, "x.txt", Selection(frozenset({"M3"})))] == ["M304"]
    assert check(document, "x.txt", Selection(frozenset({"M3"}), frozenset({"M304"}))) == []


# --- stderr and the progress bar ------------------------------------------------------


def test_printable() -> None:
    text = f"a{TITLE}b{CSI8}{RLO}\tc\nd"
    shown = printable(text)
    assert shown == "a\\x1b]0;pwned\\x07b\\x9b31m\\u202e\\tc\\nd"
    assert printable(shown) == shown  # escaping twice changes nothing
    assert printable(text, keep="\t\n").endswith("\tc\nd")
    assert printable("議長 [bold]") == "議長 [bold]"


def test_every_stderr_line_is_one_printable_line(capsys: pytest.CaptureFixture[str]) -> None:
    say(f"x.txt: {CLEAR}oops\n{RLO}more\tend")
    assert capsys.readouterr().err == "minutes: x.txt: \\x1b[2Joops\\n\\u202emore\tend\n"


def test_an_error_naming_a_hostile_file(tmp_path: Path) -> None:
    missing = tmp_path / f"a{RLO}{CSI8}b.txt"
    code, _, err = run("parse", str(missing))
    assert code == ExitCode.INPUT_ERROR
    assert err.splitlines() == [f"minutes: {tmp_path}/a\\u202e\\x9b31mb.txt: no such file"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_labels_are_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = _Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.setenv("COLUMNS", "200")
    with progress(3, quiet=False, what=f"[bold]parsing{CLEAR}[/]") as advance:
        assert advance is not None
        advance()
    shown = screen.getvalue()
    assert "[bold]parsing\\x1b[2J[/]" in shown
    assert CLEAR not in shown
