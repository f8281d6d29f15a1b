"""Metadata for `Datasette <https://datasette.io>`_ over an archive: labels, the columns'
meanings, facets, full-text search on the readable view, and a query for the short words
the trigram index cannot find (議長, 市長, 予算: fewer than three characters).

Only data: ``minutes schema --datasette minutes.db > metadata.json``, then ``datasette
minutes.db -m metadata.json``. Datasette is not a dependency of ``minutes``.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from minutes_cli.archive.tables import DOCUMENTS, UTTERANCES
from minutes_cli.writers.rows import ROW_FIELDS

#: What each field of the readable view holds (the ``-f jsonl`` row).
_MEANINGS = {
    "path": "the input file, as given to minutes parse",
    "title": "the meeting's title, from the header",
    "date": "the meeting's date, YYYY-MM-DD",
    "seq": "position of the utterance in its document, 1-based",
    "section": "id of the innermost section, e.g. 3.2",
    "section_title": "that section's title",
    "marker": "the speaker marker that opened the utterance (○, ◎, …)",
    "role": "the speaker's role, from the legend or the label",
    "speaker": "the speaker's name, when the record names one",
    "text": "what was said, reflowed",
    "line_start": "first source line, 1-based",
    "line_end": "last source line",
    "page_start": "page of line_start (PDF or text with form feeds)",
    "page_end": "page of line_end",
}

#: The query for words of one or two characters: a LIKE scan of the readable view.
SHORT_WORDS = (
    "select path, date, role, speaker, text, line_start, line_end from utterance_rows"
    " where text like '%' || :word || '%' order by date desc, path, seq limit 200"
)


def metadata(database: str) -> dict[str, Any]:
    """Datasette's metadata for the archive *database* (its file name or path: Datasette
    names a database by its file's stem)."""
    name = PurePath(database).stem
    readable = {
        "description": "One row per utterance with its meeting's facts, as minutes parse "
        "-f jsonl writes it: the table to read and search.",
        "fts_table": "utterances_fts",
        "fts_pk": "id",
        "facets": ["role", "date", "speaker"],
        "sort_desc": "date",
        "columns": {field: _MEANINGS[field] for field in ROW_FIELDS},
        "label_column": "text",
    }
    return {
        "title": "minutes archive",
        "description": "Meeting minutes parsed by minutes (minutes-records): every record "
        "keeps its source lines. Search finds three characters or more; use the query "
        "short_words for one or two (議長, 予算).",
        "databases": {
            name: {
                "tables": {
                    "utterance_rows": readable,
                    UTTERANCES.name: {
                        "label_column": "text",
                        "facets": ["role", "speaker"],
                        "fts_table": "utterances_fts",
                        "fts_pk": "id",
                    },
                    DOCUMENTS.name: {"label_column": "title", "sort_desc": "date"},
                },
                "queries": {
                    "short_words": {
                        "title": "Utterances containing a word of one or two characters",
                        "description": "The full-text index (trigrams) finds three "
                        "characters or more; this scans for shorter words such as 議長.",
                        "sql": SHORT_WORDS,
                    }
                },
            }
        },
    }
