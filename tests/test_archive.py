"""The SQLite archive: ``minutes parse -f sqlite`` and ``minutes search``, checked through
sqlite3 against the documents the parser makes of the same files."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from minutes_cli import archive, parse_file
from minutes_cli.archive.search import fts_phrase
from minutes_cli.cli import ParseFormat, app
from minutes_cli.engines.batch import discover
from minutes_cli.errors import ExitCode, MinutesError
from minutes_cli.models import Document
from minutes_cli.writers import Format
from tests.conftest import FIXTURES, SEED

runner = CliRunner()
NAMES = ["diagnostics_styles", "doubled_page_footer", "reiwa_gannen_crlf", "seed_kushiro_2025"]
TABLES = ("documents", "sections", "utterances", "notes", "dropped", "diagnostics")


def run(*args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=stdin, env={"COLUMNS": "300"})
    return result.exit_code, result.stdout, result.stderr


@contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        yield connection


def scalar(connection: sqlite3.Connection, sql: str, *parameters: object) -> Any:
    return connection.execute(sql, parameters).fetchone()[0]


def indexed_rowids(connection: sqlite3.Connection) -> set[int]:
    """The utterance ids the FTS index itself holds (not what its content table says)."""
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_rows "
        "USING fts5vocab(main, 'utterances_fts', 'instance')"
    )
    return {row for (row,) in connection.execute("SELECT DISTINCT doc FROM temp.fts_rows")}


def assert_index_in_sync(connection: sqlite3.Connection) -> None:
    """Every utterance of three characters or more is indexed, and nothing else is."""
    texts = connection.execute("SELECT id, text FROM utterances").fetchall()
    assert indexed_rowids(connection) == {i for i, text in texts if len(text) >= 3}
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "minutes"
    (root / "2019").mkdir(parents=True)
    for name in NAMES:
        sub = "2019" if name == "reiwa_gannen_crlf" else ""
        shutil.copyfile(FIXTURES / f"{name}.txt", root / sub / f"{name}.txt")
    return root


@pytest.fixture
def db(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "minutes.db"
    code, out, err = run("parse", str(folder), "-f", "sqlite", "-o", str(target), "--jobs", "1")
    assert (code, out) == (0, ""), err
    return target


def documents_of(folder: Path) -> dict[str, Document]:
    """What the parser makes of each file, keyed by the path the archive stores."""
    paths = [item.path for item in discover([str(folder)], [])]
    return {path: parse_file(path) for path in paths}


# --- what is stored -------------------------------------------------------------------


def test_rows_are_the_documents_records(db: Path, folder: Path) -> None:
    expected = documents_of(folder)
    with connect(db) as connection:
        stored = dict(connection.execute("SELECT path, id FROM documents").fetchall())
        assert set(stored) == set(expected)
        for path, doc in expected.items():
            counts = {
                table: scalar(
                    connection, f"SELECT count(*) FROM {table} WHERE document_id = ?", stored[path]
                )
                for table in TABLES[1:]
            }
            assert counts == {
                "sections": len(list(doc.iter_sections())),
                "utterances": len(doc.utterances),
                "notes": len(doc.notes),
                "dropped": len(doc.dropped),
                "diagnostics": len(doc.diagnostics),
            }, path
            record = scalar(connection, "SELECT json FROM documents WHERE id = ?", stored[path])
            assert isinstance(record, str)
            assert Document.model_validate_json(record) == doc  # nothing lost
        assert_index_in_sync(connection)


def test_every_row_carries_its_line_span(db: Path, folder: Path) -> None:
    expected = documents_of(folder)
    with connect(db) as connection:
        for path, doc in expected.items():
            utterances = connection.execute(
                "SELECT u.seq, u.role, u.section, u.line_start, u.line_end FROM utterances u "
                "JOIN documents d ON d.id = u.document_id WHERE d.path = ? ORDER BY u.seq",
                (path,),
            ).fetchall()
            assert utterances == [
                (u.seq, u.role, u.section, u.line_start, u.line_end) for u in doc.utterances
            ]
            notes = connection.execute(
                "SELECT n.kind, n.line_start, n.line_end FROM notes n "
                "JOIN documents d ON d.id = n.document_id WHERE d.path = ? ORDER BY n.seq",
                (path,),
            ).fetchall()
            assert notes == [(n.kind, n.line_start, n.line_end) for n in doc.notes]
            sections = connection.execute(
                "SELECT s.id, s.parent, s.line_start, s.line_end, s.heading_line_start FROM "
                "sections s JOIN documents d ON d.id = s.document_id WHERE d.path = ? "
                "ORDER BY s.position",
                (path,),
            ).fetchall()
            parents = {c.id: s.id for s in doc.iter_sections() for c in s.children}
            assert sections == [
                (s.id, parents.get(s.id), s.line_start, s.line_end, s.heading_line_start)
                for s in doc.iter_sections()
            ]
        for table in ("sections", "utterances", "notes", "dropped"):
            assert (
                scalar(
                    connection,
                    f"SELECT count(*) FROM {table} WHERE line_start < 1 OR line_end < line_start",
                )
                == 0
            )


def test_the_seed_is_found_by_a_japanese_phrase_with_its_source_lines(db: Path) -> None:
    phrase = "国際交流プラザ"
    lines = SEED.read_text(encoding="utf-8").splitlines()
    where = [number for number, line in enumerate(lines, 1) if phrase in line]
    assert where, "the phrase is in the seed"
    with connect(db) as connection:
        rows = connection.execute(
            "SELECT d.path, u.line_start, u.line_end, u.text FROM utterances_fts f "
            "JOIN utterances u ON u.id = f.rowid JOIN documents d ON d.id = u.document_id "
            "WHERE utterances_fts MATCH ?",
            (fts_phrase(phrase),),
        ).fetchall()
    assert len(rows) == 1
    path, start, end, text = rows[0]
    assert path.endswith("seed_kushiro_2025.txt") and phrase in text
    assert all(start <= number <= end for number in where)


def test_the_schema_is_versioned_and_marked(db: Path) -> None:
    with connect(db) as connection:
        assert scalar(connection, "PRAGMA user_version") == archive.SCHEMA_VERSION
        assert scalar(connection, "PRAGMA application_id") == archive.APPLICATION_ID
        assert scalar(connection, "PRAGMA journal_mode") == "delete"  # one file, no -wal beside
        indexes = {row[1] for row in connection.execute("SELECT * FROM sqlite_master")}
    assert {"documents_date", "utterances_role", "utterances_section"} <= indexes


# --- re-runs and changes --------------------------------------------------------------


def snapshot(path: Path) -> dict[str, int]:
    with connect(path) as connection:
        return {t: scalar(connection, f"SELECT count(*) FROM {t}") for t in TABLES}


def test_a_rerun_updates_instead_of_duplicating(db: Path, folder: Path) -> None:
    before = snapshot(db)
    code, _, err = run("parse", str(folder), "-f", "sqlite", "-o", str(db), "--jobs", "2")
    assert code == 0
    assert f"{len(NAMES)} stored (0 new, {len(NAMES)} updated)" in err
    assert snapshot(db) == before
    with connect(db) as connection:
        assert_index_in_sync(connection)


def test_changed_content_replaces_the_old_version_of_that_path(tmp_path: Path) -> None:
    source, target = tmp_path / "m.txt", tmp_path / "m.db"
    old = "会議録\n\n【○…委員】\n○古い発言があった。\n"
    source.write_text(old, encoding="utf-8")
    assert run("parse", str(source), "-f", "sqlite", "-o", str(target))[0] == 0
    source.write_text(old.replace("古い", "新しい") + "○二つ目の発言。\n", encoding="utf-8")
    assert run("parse", str(source), "-f", "sqlite", "-o", str(target))[0] == 0
    with connect(target) as connection:
        assert connection.execute("SELECT path, sha256 FROM documents").fetchall() == [
            (str(source), parse_file(source).source.sha256)
        ]
        texts = [t for (t,) in connection.execute("SELECT text FROM utterances ORDER BY seq")]
        assert texts == ["新しい発言があった。", "二つ目の発言。"]
        assert_index_in_sync(connection)
    assert run("search", str(target), "古い発言", "-f", "json")[:2] == (1, "[]\n")


def test_the_same_content_under_another_path_is_stored_once(tmp_path: Path) -> None:
    first, second, target = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "m.db"
    shutil.copyfile(SEED, first)
    shutil.copyfile(SEED, second)
    assert run("parse", str(first), "-f", "sqlite", "-o", str(target))[0] == 0
    assert run("parse", str(second), "-f", "sqlite", "-o", str(target))[0] == 0
    with connect(target) as connection:
        assert connection.execute("SELECT path FROM documents").fetchall() == [(str(second),)]
        assert scalar(connection, "SELECT count(*) FROM utterances") == 16


@pytest.mark.parametrize("foreign_keys", ["ON", "OFF"])
def test_deleting_a_document_leaves_no_rows_and_no_index_entries(
    db: Path, foreign_keys: str
) -> None:
    with closing(sqlite3.connect(db)) as connection:
        connection.execute(f"PRAGMA foreign_keys = {foreign_keys}")
        connection.execute("DELETE FROM documents WHERE path LIKE '%seed_kushiro_2025.txt'")
        connection.commit()
        for table in TABLES[1:]:
            orphans = scalar(
                connection,
                f"SELECT count(*) FROM {table} WHERE document_id NOT IN (SELECT id FROM documents)",
            )
            assert orphans == 0, table
        assert_index_in_sync(connection)
        assert scalar(connection, "SELECT count(*) FROM documents") == len(NAMES) - 1


def test_an_update_of_utterance_text_reindexes_it(db: Path) -> None:
    with closing(sqlite3.connect(db)) as connection:
        (old,) = connection.execute(
            "UPDATE utterances SET text = 'まったく別の言葉' WHERE text LIKE '%国際交流プラザ%'"
            " RETURNING id"
        ).fetchall()
        connection.commit()
        assert_index_in_sync(connection)
    assert run("search", str(db), "国際交流プラザ", "-f", "json")[:2] == (1, "[]\n")
    code, out, _ = run("search", str(db), "まったく別の言葉", "-f", "json")
    assert code == 0 and [h["seq"] for h in json.loads(out)] == [6] and old


def test_a_document_the_database_refuses_leaves_no_rows(tmp_path: Path) -> None:
    doc = parse_file(SEED)
    broken = doc.model_copy(
        update={"utterances": [u.model_copy(update={"section": "9.9"}) for u in doc.utterances]}
    )  # no such section: the foreign key fails after the document row went in
    with archive.Archive(tmp_path / "m.db", write=True) as store:
        with pytest.raises(archive.RecordError, match="FOREIGN KEY") as caught:
            store.store(broken, broken.model_dump_json())
        assert isinstance(caught.value, MinutesError) and caught.value.where == doc.source.path
        # Printed as every error is: minutes: PATH: message.
        assert (
            str(caught.value) == f"{doc.source.path}: cannot store: FOREIGN KEY constraint failed"
        )
        assert store.store(doc, doc.model_dump_json()) is False
        counts = [scalar(store.connection, f"SELECT count(*) FROM {t}") for t in TABLES[:3]]
    assert counts == [1, len(list(doc.iter_sections())), 16]


# --- batch runs and usage -------------------------------------------------------------


def test_a_bad_input_is_reported_and_the_others_are_stored(folder: Path, tmp_path: Path) -> None:
    (folder / "broken.txt").write_bytes(b"\x00\x01binary")
    target = tmp_path / "m.db"
    code, out, err = run("parse", str(folder), "-f", "sqlite", "-o", str(target), "-q")
    assert (code, out) == (ExitCode.FINDINGS, "")
    assert err == f"minutes: {folder / 'broken.txt'}:1:1: binary file (NUL byte), not text\n"
    assert snapshot(target)["documents"] == len(NAMES)


def test_a_document_the_database_refuses_is_one_line_and_the_run_goes_on(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = archive.Archive.store

    def refuse_the_seed(self: archive.Archive, document: Document, record_json: str) -> bool:
        if document.source.path and document.source.path.endswith("seed_kushiro_2025.txt"):
            raise archive.RecordError(document.source.path, "cannot store: refused")
        return real(self, document, record_json)

    monkeypatch.setattr(archive.Archive, "store", refuse_the_seed)
    target = tmp_path / "m.db"
    code, out, err = run("parse", str(folder), "-f", "sqlite", "-o", str(target), "-q", "-j", "1")
    assert (code, out) == (ExitCode.FINDINGS, "")
    assert err == f"minutes: {folder / 'seed_kushiro_2025.txt'}: cannot store: refused\n"
    assert snapshot(target)["documents"] == len(NAMES) - 1


def test_workers_store_the_same_rows(folder: Path, tmp_path: Path) -> None:
    dumps = []
    for jobs in ("1", "3"):
        target = tmp_path / f"m{jobs}.db"
        assert run("parse", str(folder), "-f", "sqlite", "-o", str(target), "-j", jobs)[0] == 0
        with connect(target) as connection:
            dumps.append(
                connection.execute(
                    "SELECT d.path, u.seq, u.text, u.line_start FROM utterances u "
                    "JOIN documents d ON d.id = u.document_id ORDER BY d.path, u.seq"
                ).fetchall()
            )
    assert dumps[0] == dumps[1] and dumps[0]


def test_stdin_and_several_files(tmp_path: Path) -> None:
    target = tmp_path / "m.db"
    other = FIXTURES / "reiwa_gannen_crlf.txt"
    assert run("parse", "-", "-f", "sqlite", "-o", str(target), stdin=SEED.read_bytes())[0] == 0
    assert run("parse", str(other), str(SEED), "-f", "sqlite", "-o", str(target))[0] == 0
    with connect(target) as connection:
        paths = sorted(p for (p,) in connection.execute("SELECT path FROM documents"))
    assert paths == sorted([str(other), str(SEED)])  # the seed from stdin was the same content


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "minutes: -f sqlite: needs --output FILE.db; a database cannot be written to stdout"),
        (["--out-dir", "out"], "minutes: --out-dir: -f sqlite writes one database; name it"),
    ],
)
def test_sqlite_needs_one_output_file(extra: list[str], message: str, tmp_path: Path) -> None:
    code, out, err = run("parse", str(SEED), "-f", "sqlite", *extra)
    assert (code, out) == (ExitCode.INPUT_ERROR, "")
    assert err.startswith(message) and err.count("\n") == 1


def test_a_single_bad_input_exits_2_and_creates_no_database(tmp_path: Path) -> None:
    target = tmp_path / "m.db"
    code, _, err = run("parse", str(tmp_path / "missing.txt"), "-f", "sqlite", "-o", str(target))
    assert code == ExitCode.INPUT_ERROR
    assert err.splitlines()[0] == f"minutes: {tmp_path / 'missing.txt'}: no such file"
    assert not target.exists()


def test_parse_refuses_to_write_into_a_file_that_is_not_an_archive(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("my notes, not a database\n", encoding="utf-8")
    code, _, err = run("parse", str(SEED), "-f", "sqlite", "-o", str(target))
    assert code == ExitCode.INPUT_ERROR
    assert err.startswith(f"minutes: {target}: not a minutes database") and err.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "my notes, not a database\n"


def test_help_lists_sqlite_and_xlsx() -> None:
    code, out, _ = run("parse", "--help")
    assert code == 0 and "sqlite" in out and "xlsx" in out
    # the text writers' formats, plus the two file formats written by this process
    assert {f.value for f in ParseFormat} == {f.value for f in Format} | {"sqlite", "xlsx"}


# --- search ---------------------------------------------------------------------------


def like_count(db: Path, text: str, role: str | None = None) -> int:
    """An independent count: utterances whose text holds *text*, by instr()."""
    with connect(db) as connection:
        rows = connection.execute("SELECT text, role FROM utterances").fetchall()
    return sum(text in t and (role is None or r == role) for t, r in rows)


def test_search_json_has_the_hits_with_their_provenance(db: Path) -> None:
    code, out, err = run("search", str(db), "外国人材", "-f", "json", "--limit", "0")
    assert (code, err) == (0, "")
    hits = json.loads(out)
    assert len(hits) == like_count(db, "外国人材") > 1
    seed = parse_file(SEED)
    for hit in hits:
        assert "外国人材" in hit["text"] and hit["path"].endswith("seed_kushiro_2025.txt")
        utterance = seed.utterances[hit["seq"] - 1]
        assert (hit["line_start"], hit["line_end"], hit["role"], hit["section"]) == (
            utterance.line_start,
            utterance.line_end,
            utterance.role,
            utterance.section,
        )
        assert hit["date"] == "2025-10-06" and hit["section_title"] == utterance.section_title


def test_search_csv_matches_json(db: Path) -> None:
    _, as_json, _ = run("search", str(db), "外国人材", "-f", "json")
    code, as_csv, _ = run("search", str(db), "外国人材", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert code == 0 and list(rows[0]) == list(archive.HIT_FIELDS)
    assert [(r["seq"], r["text"]) for r in rows] == [
        (str(h["seq"]), h["text"]) for h in json.loads(as_json)
    ]


def test_search_role_filter(db: Path) -> None:
    code, out, _ = run("search", str(db), "外国人", "--role", "委員", "-f", "json", "-n", "0")
    hits = json.loads(out)
    assert code == 0 and {h["role"] for h in hits} == {"委員"}
    assert len(hits) == like_count(db, "外国人", "委員") < like_count(db, "外国人")


def test_search_date_filters_and_order(db: Path) -> None:
    with connect(db) as connection:
        dates = sorted(d for (d,) in connection.execute("SELECT date FROM documents") if d)
    assert len(set(dates)) >= 2
    _, out, _ = run("search", str(db), "。", "-f", "json", "-n", "0")
    every = json.loads(out)
    assert [h["date"] for h in every] == sorted((h["date"] for h in every), reverse=True)
    cut = dates[-1]
    _, out, _ = run("search", str(db), "。", "--since", cut, "-f", "json", "-n", "0")
    assert json.loads(out) == [h for h in every if h["date"] >= cut]
    _, out, _ = run("search", str(db), "。", "--until", dates[0], "-f", "json", "-n", "0")
    assert json.loads(out) == [h for h in every if h["date"] <= dates[0]]


def test_search_limit(db: Path) -> None:
    _, out, _ = run("search", str(db), "釧路市", "-f", "json", "-n", "2")
    assert len(json.loads(out)) == 2 < like_count(db, "釧路市")


@pytest.mark.parametrize("text", ["外国", "窓口", "。"])
def test_short_queries_fall_back_to_a_scan(db: Path, text: str) -> None:
    with connect(db) as connection:  # the trigram index alone finds nothing for them
        fts = connection.execute(
            "SELECT count(*) FROM utterances_fts WHERE utterances_fts MATCH ?",
            (fts_phrase(text),),
        ).fetchone()[0]
    assert fts == 0
    code, out, _ = run("search", str(db), text, "-f", "json", "-n", "0")
    hits = json.loads(out)
    assert code == 0 and len(hits) == like_count(db, text) > 0
    assert all(text in h["text"] for h in hits)


SPECIAL = 'AND OR NOT "quoted" - x*y NEAR(a b) col:x ^top 100%_off'


@pytest.fixture
def special_db(tmp_path: Path) -> Path:
    source, target = tmp_path / "special.txt", tmp_path / "special.db"
    source.write_text(f"会議録\n\n【○…委員】\n○{SPECIAL}\n○普通の発言。\n", encoding="utf-8")
    assert run("parse", str(source), "-f", "sqlite", "-o", str(target))[0] == 0
    return target


@pytest.mark.parametrize(
    "query",
    ['"quoted"', "AND OR", "x*y", "NEAR(a b)", "col:x", "^top", "- x", "%_", '"', "-", "*"],
)
def test_fts_syntax_in_a_query_is_literal_text(special_db: Path, query: str) -> None:
    code, out, err = run("search", str(special_db), "-f", "json", "--", query)
    assert (code, err) == (0, "")
    assert [h["text"] for h in json.loads(out)] == [SPECIAL]


@pytest.mark.parametrize("query", ['"unmatched', "NOTE", "%x", "_通", "ab"])
def test_a_query_that_matches_nothing_exits_1(special_db: Path, query: str) -> None:
    code, out, err = run("search", str(special_db), query, "-f", "json")
    assert (code, out, err) == (ExitCode.FINDINGS, "[]\n", "")


def test_search_table(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)  # short relative paths, so the table does not fold them
    assert run("parse", ".", "-f", "sqlite", "-o", "m.db")[0] == 0
    code, out, _ = run("search", "m.db", "国際交流プラザ", "-f", "table")
    (hit,) = json.loads(run("search", "m.db", "国際交流プラザ", "-f", "json")[1])
    assert code == 0
    assert f"seed_kushiro_2025.txt:{hit['line_start']}-{hit['line_end']}" in out
    assert f"{hit['section']} {hit['section_title'][:10]}" in out
    assert "1 utterances" in out and "国際交流プラザ" in out and "2025-10-06" in out


def test_json_search_does_not_import_rich(db: Path) -> None:
    code = (
        "import sys\n"
        "from minutes_cli.cli import main\n"
        f"sys.argv = ['minutes', 'search', {str(db)!r}, '外国人材', '-f', 'json']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "print('rich' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "False"
    assert json.loads(result.stdout)


# --- unusable databases ---------------------------------------------------------------


def test_a_missing_database_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    target = tmp_path / "nope.db"
    code, out, err = run("search", str(target), "外国人材")
    assert (code, out, err) == (ExitCode.INPUT_ERROR, "", f"minutes: {target}: no such file\n")
    assert not target.exists()


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    target.write_text("hello\n" * 200, encoding="utf-8")
    code, _, err = run("search", str(target), "外国人材")
    assert code == ExitCode.INPUT_ERROR
    assert err.startswith(f"minutes: {target}: not a minutes database") and err.count("\n") == 1


def test_another_programs_database(tmp_path: Path) -> None:
    target = tmp_path / "other.db"
    with closing(sqlite3.connect(target)) as connection:
        connection.execute("CREATE TABLE utterances (text TEXT)")
        connection.commit()
    for args in (["search", str(target), "外国人材"], ["parse", str(SEED), "-f", "sqlite"]):
        code, _, err = run(*args, *(["-o", str(target)] if args[0] == "parse" else []))
        assert code == ExitCode.INPUT_ERROR
        assert err == f"minutes: {target}: not a minutes database (written by another program)\n"


def test_a_newer_schema_is_refused(db: Path) -> None:
    with closing(sqlite3.connect(db)) as connection:
        connection.execute(f"PRAGMA user_version = {archive.SCHEMA_VERSION + 1}")
        connection.commit()
    for args in (["search", str(db), "外国人材"], ["parse", str(SEED), "-f", "sqlite", "-o"]):
        code, _, err = run(*args, *([str(db)] if args[0] == "parse" else []))
        assert code == ExitCode.INPUT_ERROR
        newer = archive.SCHEMA_VERSION + 1
        assert err.startswith(f"minutes: {db}: database schema version {newer} is newer")
        assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2025-1-1"], "minutes: --since: '2025-1-1' is not a date in the form"),
        (["--until", "yesterday"], "minutes: --until: 'yesterday' is not a date in the form"),
    ],
)
def test_bad_dates_are_usage_errors(db: Path, args: list[str], message: str) -> None:
    code, _, err = run("search", str(db), "外国人材", *args)
    assert code == ExitCode.INPUT_ERROR and err.startswith(message)


def test_an_empty_query_is_a_usage_error(db: Path) -> None:
    assert run("search", str(db), " ")[0] == ExitCode.INPUT_ERROR


def test_the_pipeline_never_imports_the_archive() -> None:
    from tests.test_architecture import PIPELINE, imports_of, module_files

    for name in PIPELINE:
        for path in module_files(name):
            found = imports_of(path)
            assert not {"sqlite3", "minutes_cli.archive", "minutes_cli.search_output"} & found


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ＡＩ活用", "AI活用"),
        ("２０２５年度", "2025年度"),
        ("ＤＸ　推進", "DX 推進"),
        ("ＤＸ", "DX"),
    ],
)
def test_a_full_width_query_finds_the_folded_text(
    tmp_path: Path, query: str, expected: str
) -> None:
    # Records hold folded text (half-width letters and digits): a query typed with a
    # Japanese input method is folded the same way, on both the index and the scan paths.
    source, target = tmp_path / "fw.txt", tmp_path / "fw.db"
    source.write_text(
        "【◎…議長 ○…委員】\n◎議長　ＡＩ活用について、２０２５年度の計画を説明する。\n"
        "○委員　ＤＸ　推進の予算はどうか。\n",
        encoding="utf-8",
    )
    code, _, err = run("parse", str(source), "-f", "sqlite", "-o", str(target))
    assert code == 0, err
    code, out, err = run("search", str(target), query, "-f", "json")
    assert (code, err) == (0, "")
    assert [expected in hit["text"] for hit in json.loads(out)] == [True]
