CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    path TEXT UNIQUE,               -- as given to minutes parse; NULL for standard input
    sha256 TEXT NOT NULL UNIQUE,    -- of the input bytes: the document's identity
    bytes INTEGER NOT NULL,
    format TEXT NOT NULL,           -- text or pdf
    encoding TEXT,
    newline TEXT NOT NULL,
    lines INTEGER NOT NULL,         -- the document spans source lines 1..lines
    pages INTEGER,
    scheme TEXT NOT NULL,
    title TEXT,
    kind TEXT,
    date TEXT,                      -- ISO 8601, YYYY-MM-DD
    weekday TEXT,
    start_time TEXT,
    end_time TEXT,
    venue TEXT,
    record_version TEXT NOT NULL,   -- schema_version of the JSON record
    minutes_version TEXT NOT NULL,  -- the minutes release that parsed it
    stored_at TEXT NOT NULL,        -- UTC, ISO 8601
    json TEXT NOT NULL              -- the whole record, as minutes parse -f json prints it
);

CREATE INDEX documents_date ON documents(date);

CREATE TABLE sections (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    id TEXT NOT NULL,               -- dotted path in the tree, e.g. 3.2
    parent TEXT,                    -- id of the enclosing section, NULL at the top level
    position INTEGER NOT NULL,      -- order in the document, depth first, 1-based
    number TEXT NOT NULL,
    style TEXT NOT NULL,
    title TEXT NOT NULL,
    remark TEXT,
    level INTEGER NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    heading_line_start INTEGER,
    heading_line_end INTEGER,
    page_start INTEGER,
    page_end INTEGER,
    PRIMARY KEY (document_id, id),
    FOREIGN KEY (document_id, parent) REFERENCES sections(document_id, id)
);

CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    body TEXT,                      -- the folder its documents are stored from; NULL for standard input
    key TEXT NOT NULL,              -- the name compared
    name TEXT NOT NULL,             -- as a document first gave it
    full_name INTEGER NOT NULL,     -- 0 or 1
    family_name TEXT,
    reading TEXT,
    UNIQUE (body, key)
);

CREATE INDEX people_family_name ON people(family_name);

CREATE TABLE utterances (
    id INTEGER PRIMARY KEY,         -- the rowid of utterances_fts
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    marker TEXT NOT NULL,
    role TEXT,
    speaker TEXT,
    honorific TEXT,
    seat INTEGER,
    label TEXT,
    section TEXT,
    section_title TEXT,
    text TEXT NOT NULL,
    events TEXT NOT NULL,           -- JSON array of the events inside the turn
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    column_start INTEGER,
    column_end INTEGER,
    page_start INTEGER,
    page_end INTEGER,
    attribution TEXT,               -- how the speaker was found; NULL in rows stored by layout version 1
    person TEXT,                    -- the roster id in the record
    person_id INTEGER REFERENCES people(id),-- the person across the archive (set from appearances)
    kind TEXT,                      -- question, answer, report, procedure, remark
    reply_to INTEGER,               -- seq of the question answered
    UNIQUE (document_id, seq),
    FOREIGN KEY (document_id, section) REFERENCES sections(document_id, id)
);

CREATE INDEX utterances_section ON utterances(document_id, section);

CREATE INDEX utterances_role ON utterances(role);

CREATE INDEX utterances_speaker ON utterances(speaker);

CREATE INDEX utterances_person ON utterances(person_id);

CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,           -- position among the document's notes, 1-based
    kind TEXT NOT NULL,
    section TEXT,
    text TEXT NOT NULL,
    materials TEXT NOT NULL,        -- JSON array of the handouts named
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    column_start INTEGER,
    column_end INTEGER,
    page_start INTEGER,
    page_end INTEGER,
    UNIQUE (document_id, seq),
    FOREIGN KEY (document_id, section) REFERENCES sections(document_id, id)
);

CREATE INDEX notes_section ON notes(document_id, section);

CREATE TABLE dropped (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    text TEXT NOT NULL,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    column_start INTEGER,
    column_end INTEGER,
    page_start INTEGER,
    page_end INTEGER
);

CREATE INDEX dropped_document ON dropped(document_id);

CREATE TABLE diagnostics (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    message TEXT NOT NULL,
    line INTEGER,                   -- NULL when it concerns the whole file
    "column" INTEGER
);

CREATE INDEX diagnostics_document ON diagnostics(document_id);

CREATE INDEX diagnostics_code ON diagnostics(code);

CREATE TABLE appearances (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people(id),
    local_id TEXT NOT NULL,         -- the id in the record
    offices TEXT NOT NULL,          -- the offices held in this meeting, joined with '; '
    seat INTEGER,
    party TEXT,
    initials TEXT,
    status TEXT,                    -- present, absent, staff, other
    turns INTEGER NOT NULL,
    PRIMARY KEY (document_id, local_id)
);

CREATE INDEX appearances_person ON appearances(person_id);

CREATE TABLE decisions (
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    item TEXT,
    title TEXT,
    outcome TEXT NOT NULL,
    passed INTEGER,                 -- 1 carried, 0 failed, NULL no vote
    method TEXT,
    unanimous INTEGER,
    yes INTEGER,
    no INTEGER,
    abstain INTEGER,
    total INTEGER,
    text TEXT NOT NULL,
    utterance INTEGER,              -- seq of the utterance saying it
    section TEXT,
    line_start INTEGER NOT NULL,
    line_end INTEGER NOT NULL,
    page_start INTEGER,
    page_end INTEGER,
    PRIMARY KEY (document_id, seq)
);

CREATE VIRTUAL TABLE utterances_fts USING fts5(
    text, content="utterances", content_rowid="id", tokenize="trigram"
);

CREATE TRIGGER utterances_ai AFTER INSERT ON utterances BEGIN
    INSERT INTO utterances_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER utterances_ad AFTER DELETE ON utterances BEGIN
    INSERT INTO utterances_fts(utterances_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TRIGGER utterances_au AFTER UPDATE OF id, text ON utterances BEGIN
    INSERT INTO utterances_fts(utterances_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO utterances_fts(rowid, text) VALUES (new.id, new.text);
END;

CREATE TRIGGER documents_bd BEFORE DELETE ON documents BEGIN
    DELETE FROM utterances WHERE document_id = old.id;
    DELETE FROM notes WHERE document_id = old.id;
    DELETE FROM dropped WHERE document_id = old.id;
    DELETE FROM diagnostics WHERE document_id = old.id;
    DELETE FROM appearances WHERE document_id = old.id;
    DELETE FROM decisions WHERE document_id = old.id;
    DELETE FROM sections WHERE document_id = old.id;
END;

CREATE VIEW utterance_rows AS
SELECT d.path, d.title, d.date, u.seq, u.section, u.section_title, u.marker, u.role,
       u.speaker, u.text, u.line_start, u.line_end, u.page_start, u.page_end, u.id,
       u.document_id
FROM utterances AS u JOIN documents AS d ON d.id = u.document_id;
