"""The recognisers: what every stage may ask of a piece of text, as tables of named patterns.

Like mistune's ``SPECIFICATION`` or sqlfluff's lexer tables, the stages look shapes up
here by name instead of growing their own if/elif chains, so that a new marker, heading
style or event is one table entry. Each module is one subject:

* :mod:`.patterns` — the regex engine under a timeout, one-call alternations, character sets;
* :mod:`.text` — display width, sentence ends, how wrapped Latin text joins, inline tags;
* :mod:`.numbers` — Arabic and kanji numerals, circled and katakana ordinals;
* :mod:`.markers` — speaker markers (○ ◎ ●…) and the legend that explains them;
* :mod:`.blocks` — what opens a block of its own (bullets, bracketed lines, header labels),
  handout references and attendance counts;
* :mod:`.headings` — the numbered heading styles;
* :mod:`.header` — what a header line is (a label, an attendance or agenda heading…);
* :mod:`.offices` — the office vocabulary of Japanese labels (議長, 副教育長, 議会事務局議事課長),
  matched over the whole label, longest first;
* :mod:`.labels` — assembly and Diet speaker labels: honorifics, seats, marked headings;
* :mod:`.prefixes` — ``Name: text`` speaker labels and the colon words that are not speakers;
* :mod:`.titles` — English offices and courtesy titles in those labels (``Mayor Wheeler``,
  ``Ms. Lee``) and the job titles after a name;
* :mod:`.events` — floor voices, stage directions, time stamps, rules, signatures;
* :mod:`.artifacts` — page numbers, running footers and other layout noise;
* :mod:`.jpdate` — dates and times, Japanese eras, kanji numerals.
* :mod:`.charsets` — the 7-bit encodings that pass for UTF-8 (ISO-2022-JP, UTF-7), for
  the read stage.

Patterns run on *normalised* text (full-width digits and letters already folded to ASCII,
see :mod:`minutes_cli.parse.clean`). Patterns that only one stage uses live in that stage.
Nothing here imports the pipeline.
"""
