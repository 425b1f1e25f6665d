#!/usr/bin/env python3
"""Score `foi search` on a judged query set, beside two plain SQLite FTS5 baselines.

Usage:
    .venv/bin/python scripts/score_search.py GOLD.json DOCS_PATH [--foi CMD] [--json] [--show-missed]

    .venv/bin/python scripts/score_search.py scripts/gold/queries_suffolk.json real/suffolk
    .venv/bin/python scripts/score_search.py scripts/gold/queries_seed.json corpus --show-missed

GOLD.json is ``{"queries": [{"q": ..., "relevant": [{"file": ..., "quote": ...}]}]}`` (the format of
../shared/eval/README.md). ``--foi`` is the command to run (default: the venv's ``foi`` beside this
interpreter, else ``foi`` on PATH).

What runs, in one temporary directory that is removed afterwards:
  1. ``foi ingest DOCS_PATH --json`` into a fresh index (``FOI_INDEX``);
  2. every query through ``foi search Q --limit 10 --json``;
  3. fts5-passages: the passages ``foi extract DOCS_PATH --json`` gives (every document's
     passages' ``text``, the ones the product indexes) in an FTS5 table (porter tokenizer);
     the query's content words (stopwords and question words dropped) joined with OR, ranked by
     bm25(), LIMIT 10;
  4. fts5-pdftotext: the same FTS5 query over the passages of ../shared/eval/fts5_baseline.py
     (its own text extraction: pdftotext, python-docx, stdlib e-mail; blank-line paragraphs merged
     to 40 words). That script's main() lists DOCS_DIR without recursing and fails on a folder
     (real/suffolk has board/, fohcl/, contract/; corpus/ has scanned/ and .seed/), so its
     functions are called here on every file under DOCS_PATH instead (hidden folders skipped, only
     the types it reads: .pdf .docx .eml .txt).

Matching is score.py's (score_search): a relevant quote is found when, after norm(), it is a
substring of a hit's text or fuzz.partial_ratio(quote, text) >= 90.  Per query:
  recall@10  found quotes / relevant quotes;
  nDCG@10    binary gain: a hit counts when it holds a quote no earlier hit held (each quote
             counts once); ideal DCG over min(relevant quotes, 10) hits;
  MRR        1 / rank of the first hit that holds a relevant quote (0 when none does).
Means are over queries with at least one relevant quote. "empty" counts queries with no hits.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
EVAL_DIR = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(EVAL_DIR))

try:
    from score import norm  # the scorer's own normalisation (quotes, dashes, redaction markers)
except ImportError:  # pragma: no cover - only when ../shared/eval is absent
    _MARK = re.compile(
        r"█+|\[[^\]\[]{0,40}redact[^\]\[]{0,40}\]|\([^()]{0,20}redact[^()]{0,20}\)|\[BOX\]", re.I
    )

    def norm(s: str | None) -> str:
        """Copy of norm() in ../shared/eval/score.py; keep the two identical."""
        s = (s or "").replace("’", "'").replace("–", "-").replace("—", "-")
        s = _MARK.sub(" <r> ", s)
        s = re.sub(r"\*+", "", s)
        return re.sub(r"\s+", " ", s).strip().lower()


try:
    import fts5_baseline as _peer  # text_of() and passages() of the plain peer
except ImportError:  # pragma: no cover
    _peer = None

K = 10
FUZZ_MIN = 90
# Stopwords and question words dropped from a query before it goes to FTS5 (the list of
# ../shared/eval/fts5_baseline.py, so both baselines ask the same words).
STOP = frozenset(
    """a an and are as at be been but by did do does for from had has have how i if in into is it
its me my no not of on or our so that the their them there these they this those to was we were what
when where which while who whom why will with would you your about any all also can could should still
than then up""".split()
)
PEER_TYPES = (".pdf", ".docx", ".eml", ".txt", ".md")  # the peer reads any other file as plain text
SYSTEMS = ("foi", "fts5-passages", "fts5-pdftotext")


@dataclass
class QueryResult:
    """One query's outcome for one system."""

    q: str
    n_rel: int
    n_hits: int
    found: int
    ndcg: float
    rr: float
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.n_rel if self.n_rel else 0.0


def default_foi() -> str:
    """The `foi` beside the running interpreter (the project venv), else `foi` on PATH."""
    here = Path(sys.executable).parent / "foi"
    return str(here) if here.exists() else "foi"


def run_json(cmd: list[str], env: dict[str, str]) -> dict:
    """Run a command that prints JSON; exit codes 0 and 1 both mean it ran (cli.md)."""
    p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if p.returncode not in (0, 1):
        raise SystemExit(f"command failed ({p.returncode}): {shlex.join(cmd)}\n{p.stderr[-2000:]}")
    try:
        return json.loads(p.stdout)
    except json.JSONDecodeError as e:
        raise SystemExit(f"no JSON from: {shlex.join(cmd)}\n{p.stdout[:500]}\n{p.stderr[-1000:]}") from e


def holds(quote: str, text: str) -> bool:
    """score.py's test: normalised quote is in the normalised text, or nearly (partial_ratio)."""
    return bool(quote and text) and (quote in text or fuzz.partial_ratio(quote, text) >= FUZZ_MIN)


def judge(q: str, quotes: list[str], hit_texts: list[str]) -> QueryResult:
    """Recall@10, nDCG@10 (binary, each quote credited once) and reciprocal rank of one ranking."""
    nq = [norm(x) for x in quotes]
    texts = [norm(t) for t in hit_texts[:K]]
    credited: set[int] = set()
    dcg, rr = 0.0, 0.0
    for rank, t in enumerate(texts, start=1):
        held = {i for i, x in enumerate(nq) if holds(x, t)}
        if held and not rr:
            rr = 1.0 / rank
        if held - credited:
            dcg += 1.0 / math.log2(rank + 1)
            credited |= held
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(nq), K) + 1))
    return QueryResult(
        q=q,
        n_rel=len(nq),
        n_hits=len(texts),
        found=len(credited),
        ndcg=dcg / ideal if ideal else 0.0,
        rr=rr,
        missed=[quotes[i] for i in range(len(nq)) if i not in credited],
    )


def content_words(q: str) -> list[str]:
    """The query's words, lower-cased, stopwords and question words dropped, first occurrence kept."""
    out: list[str] = []
    for w in re.findall(r"\w+", q.lower()):
        if w not in STOP and w not in out:
            out.append(w)
    return out


class Fts5:
    """An in-memory FTS5 table over passages, queried with OR'd content words and ranked by bm25()."""

    def __init__(self, texts: list[str]) -> None:
        self.db = sqlite3.connect(":memory:")
        # 'porter unicode61' is what tokenize='porter' means (porter wraps unicode61 by default).
        self.db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='porter unicode61')")
        self.db.executemany("INSERT INTO p(text) VALUES (?)", [(t,) for t in texts if t.strip()])
        self.size = len(texts)

    def search(self, q: str) -> list[str]:
        words = content_words(q)
        if not words:
            return []
        match = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.db.execute(
            "SELECT text FROM p WHERE p MATCH ? ORDER BY bm25(p), rowid LIMIT ?", (match, K)
        )
        return [t for (t,) in rows]


def peer_files(docs: Path) -> Iterator[Path]:
    """Files under DOCS_PATH that fts5_baseline.text_of() reads, hidden folders skipped."""
    if docs.is_file():
        yield docs
        return
    for root, dirs, files in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(PEER_TYPES):
                yield Path(root) / name


def peer_passages(docs: Path) -> list[str] | None:
    """fts5_baseline's passages for every file under DOCS_PATH (None when it cannot be imported)."""
    if _peer is None:
        return None
    out: list[str] = []
    for path in peer_files(docs):
        try:
            out.extend(_peer.passages(_peer.text_of(str(path))))
        except Exception as e:  # one unreadable file should not stop the baseline
            print(f"fts5-pdftotext: skipped {path}: {e}", file=sys.stderr)
    return out


def evaluate(queries: list[dict], ranker: Callable[[str], list[str]]) -> list[QueryResult]:
    """Run every judged query through one system."""
    out = []
    for item in queries:
        quotes = [r["quote"] for r in item.get("relevant", [])]
        out.append(judge(item["q"], quotes, ranker(item["q"])))
    return out


def summary(results: list[QueryResult]) -> dict[str, float | int]:
    judged = [r for r in results if r.n_rel]
    n = len(judged) or 1
    return {
        "recall@10": round(sum(r.recall for r in judged) / n, 3),
        "nDCG@10": round(sum(r.ndcg for r in judged) / n, 3),
        "MRR": round(sum(r.rr for r in judged) / n, 3),
        "empty": sum(1 for r in results if r.n_hits == 0),
        "queries": len(judged),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", type=Path, help="judged queries (JSON)")
    ap.add_argument("docs", type=Path, help="the file or folder the queries were judged on")
    ap.add_argument("--foi", default=default_foi(), help="the foi command (default: %(default)s)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--show-missed", action="store_true", help="list, per query, the quotes foi missed")
    a = ap.parse_args(argv)

    queries = json.loads(a.gold.read_text(encoding="utf-8")).get("queries", [])
    if not queries:
        raise SystemExit(f"{a.gold}: no queries")
    foi = shlex.split(a.foi)
    docs = str(a.docs)

    with tempfile.TemporaryDirectory(prefix="foi-score-search-") as tmp:
        env = dict(os.environ, FOI_INDEX=os.path.join(tmp, "ix"), NO_COLOR="1")
        ingest = run_json(foi + ["ingest", docs, "--json"], env)
        extracted = run_json(foi + ["extract", docs, "--json"], env).get("documents", [])
        foi_texts = [p.get("text") or "" for d in extracted for p in d.get("passages", [])]

        def foi_rank(q: str) -> list[str]:
            res = run_json(foi + ["search", q, "--limit", str(K), "--json"], env)
            return [h.get("text") or h.get("snippet") or "" for h in res.get("hits", [])]

        results: dict[str, list[QueryResult]] = {"foi": evaluate(queries, foi_rank)}
        fts = Fts5(foi_texts)
        results["fts5-passages"] = evaluate(queries, fts.search)
        peer = peer_passages(a.docs)
        peer_fts = Fts5(peer) if peer is not None else None
        if peer_fts is not None:
            results["fts5-pdftotext"] = evaluate(queries, peer_fts.search)

    table = {name: summary(res) for name, res in results.items()}
    n_quotes = sum(len(q.get("relevant", [])) for q in queries)
    sizes = {
        "foi": ingest.get("passages"),
        "fts5-passages": fts.size,
        "fts5-pdftotext": peer_fts.size if peer_fts else None,
    }
    if a.json:
        out = {
            "gold": str(a.gold),
            "docs": docs,
            "queries": len(queries),
            "relevant_quotes": n_quotes,
            "documents": ingest.get("documents"),
            "passages": sizes,
            "systems": table,
            "per_query": {
                name: [
                    {
                        "q": r.q,
                        "recall@10": round(r.recall, 3),
                        "nDCG@10": round(r.ndcg, 3),
                        "RR": round(r.rr, 3),
                        "hits": r.n_hits,
                        "missed": r.missed,
                    }
                    for r in res
                ]
                for name, res in results.items()
            },
        }
        print(json.dumps(out, indent=1, ensure_ascii=False))
        return 0

    print(
        f"{a.gold.name} on {docs}: {len(queries)} queries, {n_quotes} relevant quotes; "
        f"foi indexed {ingest.get('documents')} documents, {ingest.get('passages')} passages"
    )
    print(f"{'system':16s} {'recall@10':>9s} {'nDCG@10':>8s} {'MRR':>6s} {'empty':>6s} {'passages':>9s}")
    for name in SYSTEMS:
        if name in table:
            s = table[name]
            print(
                f"{name:16s} {s['recall@10']:9.3f} {s['nDCG@10']:8.3f} {s['MRR']:6.3f} {s['empty']:6d} "
                f"{sizes[name] if sizes[name] is not None else '-':>9}"
            )
    if a.show_missed:
        print("\nfoi, per query: recall@10, hits, quotes not in the top 10")
        for r in results["foi"]:
            if r.missed:
                print(f"  {r.q!r}  recall={r.recall:.2f} hits={r.n_hits}")
                for m in r.missed:
                    print(f"      - {m[:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
