"""The archive's people: one person per body and name across documents, the utterances
linked to them, and ``search --speaker`` however the labels wrote the name."""

from __future__ import annotations

from pathlib import Path

from minutes_cli import archive, parse_file
from minutes_cli.archive import Query

MEETING = """\
昭和二十二年九月{day}日（{weekday}曜日）
　出席委員
　　　委員長　加藤　勘十君
　　　理事　　三浦寅之助君
　出席國務大臣
　　　勞働大臣　米窪　{given}君
　　　　―――――――――――――
○加藤委員長　これより会議を開きます。三浦君。
○三浦委員　大臣に伺います。
○{label}　お答えいたします。
"""


def write(folder: Path, name: str, day: str, given: str, label: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(MEETING.format(day=day, weekday="月", given=given, label=label), "utf-8")
    return path


def store(database: Path, *paths: Path) -> None:
    with archive.Archive(database, write=True) as db:
        for path in paths:
            db.store(parse_file(path), "{}")


def test_one_person_across_documents_of_a_body_whatever_the_kanji_forms(tmp_path: Path) -> None:
    body = tmp_path / "labour"
    first = write(body, "a.txt", "一", "滿亮", "米窪國務大臣")
    second = write(body, "b.txt", "二", "満亮", "米窪国務大臣")
    other = write(tmp_path / "elsewhere", "c.txt", "三", "満亮", "米窪国務大臣")
    database = tmp_path / "m.db"
    store(database, first, second, other)
    with archive.Archive(database, write=False) as db:
        people = db.connection.execute(
            "SELECT body, name, (SELECT count(*) FROM appearances AS a WHERE a.person_id = p.id)"
            " FROM people AS p WHERE key LIKE '米窪%' ORDER BY body"
        ).fetchall()
        assert [(Path(b).name, n) for b, _, n in people] == [("elsewhere", 1), ("labour", 2)]
        linked = db.connection.execute(
            "SELECT count(*), count(person_id) FROM utterances"
        ).fetchone()
        assert linked == (9, 9)
        found = {
            name: sorted((hit.path, hit.seq) for hit in db.search(Query(None, speaker=name)))
            for name in ("米窪", "米窪満亮", "米窪滿亮", "米窪國務大臣", "米窪国務大臣")
        }
    assert len({tuple(hits) for hits in found.values()}) == 1, found
    assert [seq for _, seq in found["米窪"]] == [3, 3, 3]
    assert len({path for path, _ in found["米窪"]}) == 3


def test_text_and_speaker_together_and_a_name_nobody_has(tmp_path: Path) -> None:
    body = tmp_path / "labour"
    database = tmp_path / "m.db"
    store(database, write(body, "a.txt", "一", "滿亮", "米窪國務大臣"))
    with archive.Archive(database, write=False) as db:
        assert [h.seq for h in db.search(Query("伺います", speaker="三浦"))] == [2]
        assert db.search(Query("伺います", speaker="米窪")) == []
        assert db.search(Query(None, speaker="鈴木")) == []


def test_a_replaced_document_leaves_no_stranger(tmp_path: Path) -> None:
    body = tmp_path / "labour"
    database = tmp_path / "m.db"
    path = write(body, "a.txt", "一", "滿亮", "米窪國務大臣")
    store(database, path)
    path.write_text(
        path.read_text("utf-8")
        .replace("米窪　滿亮", "星島　二郎")
        .replace("米窪國務大臣", "星島國務大臣"),
        "utf-8",
    )
    store(database, path)
    with archive.Archive(database, write=False) as db:
        names = {name for (name,) in db.connection.execute("SELECT name FROM people")}
    assert "星島二郎" in names and not any(name.startswith("米窪") for name in names)


def test_the_command_line_finds_a_persons_turns_and_needs_text_or_a_speaker(
    tmp_path: Path,
) -> None:
    from typer.testing import CliRunner

    from minutes_cli.cli import app

    database = tmp_path / "m.db"
    store(database, write(tmp_path / "labour", "a.txt", "一", "滿亮", "米窪國務大臣"))
    runner = CliRunner()
    found = runner.invoke(app, ["search", str(database), "--speaker", "米窪満亮", "-f", "json"])
    assert found.exit_code == 0 and '"seq": 3' in found.output
    nobody = runner.invoke(app, ["search", str(database), "--speaker", "鈴木"])
    assert nobody.exit_code == 1
    neither = runner.invoke(app, ["search", str(database)])
    assert neither.exit_code == 2 and "--speaker" in neither.output
