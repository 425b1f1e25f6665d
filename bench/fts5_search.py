"""The baseline `foi search` is timed against: a plain Python SQLite FTS5 search, run as a fresh process.

    python bench/fts5_search.py FTS5.sqlite 'MATCH EXPRESSION' [YEAR]

The table is bench/run.py's `fts5_index` over the same passages (Porter stemming, case folding).
Like `foi search --json` it prints the top 10 with their text and a snippet, and the total.
"""

import json
import sqlite3
import sys

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
match, year = sys.argv[2], (int(sys.argv[3]) if len(sys.argv) > 3 else None)
where = "passages MATCH ?" + (" AND year = ?" if year else "")
args = (match, year) if year else (match,)
hits = db.execute(
    "SELECT passage_id, text, snippet(passages, 1, '«', '»', '…', 24), bm25(passages) FROM passages "
    f"WHERE {where} ORDER BY rank LIMIT 10", args).fetchall()
total = db.execute(f"SELECT count(*) FROM passages WHERE {where}", args).fetchone()[0]
print(json.dumps({"query": match, "total": total, "hits": [
    {"passage_id": pid, "text": text, "snippet": snip, "score": -score} for pid, text, snip, score in hits]}))
