"""``minutes schema --datasette``: metadata that makes an archive readable in Datasette:
the readable view with search, facets on role, date and speaker, and a query for the
one- and two-character words the trigram index cannot find."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from minutes_cli.archive.datasette import SHORT_WORDS, metadata
from minutes_cli.cli import app
from minutes_cli.writers.rows import ROW_FIELDS
from tests.conftest import SEED

runner = CliRunner()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("ds") / "minutes.db"
    result = runner.invoke(app, ["parse", str(SEED), "-f", "sqlite", "-o", str(target)])
    assert result.exit_code == 0, result.stderr
    return target


def test_the_metadata_names_what_the_archive_has(archive: Path) -> None:
    result = runner.invoke(app, ["schema", "--datasette", str(archive)])
    made = json.loads(result.stdout)
    assert made == metadata(str(archive))
    tables = made["databases"]["minutes"]["tables"]
    view = tables["utterance_rows"]
    assert list(view["columns"]) == list(ROW_FIELDS) and view["facets"] == [
        "role",
        "date",
        "speaker",
    ]
    with closing(sqlite3.connect(archive)) as connection:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        columns = {c[0] for c in connection.execute("SELECT * FROM utterance_rows").description}
    assert set(tables) <= names and view["fts_table"] in names
    assert set(view["facets"]) | {view["fts_pk"]} <= columns


def test_the_short_words_query_finds_two_characters(archive: Path) -> None:
    with closing(sqlite3.connect(archive)) as connection:
        by_index = connection.execute(
            "SELECT count(*) FROM utterances_fts WHERE utterances_fts MATCH '\"予算\"'"
        ).fetchone()[0]
        rows = connection.execute(SHORT_WORDS, {"word": "予算"}).fetchall()
    assert by_index == 0 < len(rows)  # the trigram index cannot, the query can


def test_datasette_serves_search_facets_and_the_query(archive: Path) -> None:
    datasette_app = pytest.importorskip("datasette.app")
    import asyncio

    async def ask() -> list[dict[str, Any]]:
        site = datasette_app.Datasette([str(archive)], metadata=metadata(str(archive)))
        await site.invoke_startup()
        answers = []
        for path in (
            "/minutes/utterance_rows.json?_search=工業用地&_shape=objects",
            "/minutes/short_words.json?word=予算&_shape=objects",
            "/minutes/utterance_rows.json?_shape=objects",
        ):
            response = await site.client.get(path)
            assert response.status_code == 200, path
            answers.append(response.json())
        return answers

    searched, short, faceted = asyncio.run(ask())
    assert searched["rows"] and all("工業用地" in row["text"] for row in searched["rows"])
    assert short["rows"] and all("予算" in row["text"] for row in short["rows"])
    facets = faceted["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them under "results"
    assert {"role", "date", "speaker"} <= set(facets)
