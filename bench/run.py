"""The foisearch performance benchmark (not a test): prints one markdown table.

    .venv/bin/python bench/run.py            # full run on the `bench` corpus (long: pdfplumber)
    .venv/bin/python bench/run.py --quick    # smoke run on the `small` corpus, < 2 minutes
    .venv/bin/python bench/run.py --only query,command
    .venv/bin/python bench/run.py --sample 300   # ingest a deterministic 300-file slice of `bench`

Parts (``--only``, comma separated): ``ingest`` (``foi ingest`` with --workers 1 and 2, peak
RSS, index size, unchanged re-ingest), ``stages`` (read / extract / index timed by calling the
pipeline and the index writer directly, on the same files), ``pdftotext`` (the extraction
floor on the same PDFs), ``query`` (p50/p95 of a fixed query set on the Whoosh backend and on
SQLite FTS5 over the same passages, at 10,000 and 100,000 passages), ``command`` (``foi
search`` as a whole command against sqlite3 FTS5 as a whole command).

Corpora, indexes and passage sets are built under ``bench/out/`` (gitignored) and reused when
their generator version and seed match. Every number is measured in this run; a part that
cannot run says why in its row instead of printing a number.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
PY = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable
FOI = str(ROOT / ".venv" / "bin" / "foi") if (ROOT / ".venv" / "bin" / "foi").exists() else "foi"
PARTS = ("ingest", "stages", "pdftotext", "query", "command")

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402  (bench/ is not a package)

# ---------------------------------------------------------------------------------------------
# The fixed query set: what a user types into `foi search`, the FTS5 MATCH that asks the same,
# and an optional year filter. Recommendation queries: FTS5 gets the required clause only
# (it has no "and maybe"), so it matches the same passages and ranks them its own way.
# ---------------------------------------------------------------------------------------------


def _rec(n: int) -> str:
    return f'("recommendation {n}" OR "recommendations {n}" OR "rec {n}")'


QUERIES: list[tuple[str, str, int | None]] = [
    # single words
    ("vetting", "vetting", None),
    ("procurement", "procurement", None),
    ("fraud", "fraud", None),
    ("custody", "custody", None),
    ("licence", "licence", None),
    ("complaints", "complaints", None),
    ("overprovision", "overprovision", None),
    ("discharge", "discharge", None),
    ("benchmarking", "benchmarking", None),
    ("correspondence", "correspondence", None),
    # two words
    ("risk register", "risk AND register", None),
    ("waiting times", "waiting AND times", None),
    ("response times", "response AND times", None),
    ("cyber security", "cyber AND security", None),
    ("care home", "care AND home", None),
    ("information governance", "information AND governance", None),
    ("training plan", "training AND plan", None),
    ("stop search", "stop AND search", None),
    # phrases
    ('"action plan"', '"action plan"', None),
    ('"further update at the next meeting"', '"further update at the next meeting"', None),
    ('"public health objective"', '"public health objective"', None),
    ('"body-worn video"', '"body worn video"', None),
    ('"summer recess"', '"summer recess"', None),
    # recommendation queries
    ("recommendation 4", _rec(4), None),
    ("Rec. 6", _rec(6), None),
    ("recommendation 7 vetting", _rec(7), None),
    ("recommendations 3 and 9", f"{_rec(3)} OR {_rec(9)}", None),
    ("rec 11 procurement", _rec(11), None),
    # filtered by year
    ("risk register", "risk AND register", 2016),
    ("complaints", "complaints", 2018),
    ("recommendation 2", _rec(2), 2019),
    ("fraud", "fraud", 2015),
    ("training", "training", 2020),
]


@dataclass
class Row:
    part: str
    measure: str
    value: str
    note: str = ""


ROWS: list[Row] = []


def row(part: str, measure: str, value: str, note: str = "") -> None:
    ROWS.append(Row(part, measure, value, note))
    print(f"  [{part}] {measure}: {value} {note}", file=sys.stderr, flush=True)


def table() -> str:
    lines = ["| part | measure | value | target / note |", "|---|---|---|---|"]
    lines += [f"| {r.part} | {r.measure} | {r.value} | {r.note} |" for r in ROWS]
    return "\n".join(lines)


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


# ---------------------------------------------------------------------------------------------
# Running a command with its peak memory: a wrapper process runs it, samples the RSS of the
# whole process tree from /proc, and reads getrusage(RUSAGE_CHILDREN) (largest single process)
# once it has exited, so each measurement is isolated from the others.
# ---------------------------------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/statm") as f:
                rss[int(entry)] = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += children.get(pid, [])
    return total


def _measure_main(argv: list[str]) -> int:
    """``run.py --_measure OUT.json CMD...``: run CMD, write wall time, exit code, peak RSS."""
    out, cmd = argv[0], argv[1:]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    stdout_parts: list[str] = []
    stderr_parts: list[str] = []
    import threading

    readers = [threading.Thread(target=lambda s, b: b.append(s.read()), args=(proc.stdout, stdout_parts)),
               threading.Thread(target=lambda s, b: b.append(s.read()), args=(proc.stderr, stderr_parts))]
    for t in readers:
        t.start()
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.2)
    wall = time.perf_counter() - started
    for t in readers:
        t.join()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    Path(out).write_text(json.dumps({
        "wall": wall, "rc": proc.returncode, "tree_peak": peak,
        "max_single": usage.ru_maxrss * 1024, "stdout": "".join(stdout_parts), "stderr": "".join(stderr_parts)[-2000:],
    }))
    return 0


def measured(cmd: list[str]) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    try:
        subprocess.run([sys.executable, __file__, "--_measure", out, *cmd], check=True)
        return json.loads(Path(out).read_text())
    finally:
        os.unlink(out)


# ---------------------------------------------------------------------------------------------
# Corpora
# ---------------------------------------------------------------------------------------------


def corpus(size: str, seed: int) -> tuple[Path, dict]:
    folder = OUT / f"{size}-seed{seed}"
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest = json.loads(manifest_path.read_text())
        if manifest.get("generator_version") == generate.GENERATOR_VERSION and manifest.get("seed") == seed:
            row("corpus", f"`{size}` corpus", _corpus_text(manifest), "reused from bench/out/")
            return folder, manifest
        shutil.rmtree(folder)
    started = time.perf_counter()
    manifest = generate.generate(str(folder), seed, size, jobs=os.cpu_count() or 1)
    row("corpus", f"`{size}` corpus", _corpus_text(manifest),
        f"generated in {time.perf_counter() - started:.1f} s ({os.cpu_count()} processes)")
    return folder, manifest


def _corpus_text(manifest: dict) -> str:
    t = manifest["totals"]
    by = t["by_format"]
    return (f"{t['files']} files ({by['pdf']} PDF, {by['docx']} DOCX, {by['text']} text, {by['email']} e-mail), "
            f"{t['pages']} pages ({t['pdf_pages']} PDF pages)")


def sample_files(folder: Path, manifest: dict, sample: int | None) -> tuple[list[str], int, int]:
    """Files to ingest (all, or every k-th in manifest order, so each series and format stays in)."""
    files = manifest["files"]
    if sample and sample < len(files):
        step = len(files) / sample
        files = [files[int(i * step)] for i in range(sample)]
    paths = [str(folder / f["path"]) for f in files]
    return paths, sum(f["pages"] for f in files), sum(f["pdf_pages"] or 0 for f in files)


# ---------------------------------------------------------------------------------------------
# Ingest through the command
# ---------------------------------------------------------------------------------------------


def _foi_ready(command: str) -> str | None:
    """None when `foi COMMAND` exists, else why not."""
    probe = subprocess.run([FOI, command, "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        return f"`foi {command}` not available ({(probe.stderr or probe.stdout).strip().splitlines()[-1:]})"
    return None


def part_ingest(label: str, paths: list[str], pages: int, index_root: Path) -> Path | None:
    missing = _foi_ready("ingest")
    if missing:
        row("ingest", "end to end", "index not available", missing)
        return None
    kept: Path | None = None
    for workers in (1, 2):
        index = index_root / f"idx-{label}-w{workers}"
        shutil.rmtree(index, ignore_errors=True)
        m = measured([FOI, "--index", str(index), "ingest", *paths, "--workers", str(workers), "--json"])
        try:
            summary = json.loads(m["stdout"])
        except json.JSONDecodeError:
            row("ingest", f"--workers {workers}", "failed", f"exit {m['rc']}: {m['stderr'][-200:]!r}")
            continue
        rate = pages / m["wall"]
        target = " (target ≥ 20 pages/s with 2 workers)" if workers == 2 else ""
        row("ingest", f"`foi ingest --workers {workers}`", f"{rate:.1f} pages/s",
            f"{pages} pages in {m['wall']:.1f} s; {summary['ingested']} files ingested, {len(summary['failed'])} failed, "
            f"{summary['documents']} documents, {summary['passages']} passages{target}")
        row("ingest", f"peak RSS, --workers {workers}",
            f"{_mb(m['max_single'])} largest process",
            f"{_mb(m['tree_peak'])} whole process tree (sampled every 0.2 s); target ≤ 600 MB")
        if workers == 1:
            kept = index
            row("ingest", "index size on disk", _mb(_du(index)),
                f"store.sqlite {_mb((index / 'store.sqlite').stat().st_size) if (index / 'store.sqlite').exists() else '?'}, "
                f"whoosh/ {_mb(_du(index / 'whoosh')) if (index / 'whoosh').exists() else '?'}")
            # Right after the full ingest, so the same code does both.
            part_reingest(index, paths, m["wall"])
        else:
            shutil.rmtree(index, ignore_errors=True)
    return kept


def part_reingest(index: Path, paths: list[str], full: float) -> None:
    m = measured([FOI, "--index", str(index), "ingest", *paths, "--json"])
    try:
        summary = json.loads(m["stdout"])
    except json.JSONDecodeError:
        row("ingest", "unchanged re-ingest / full ingest", "failed", f"exit {m['rc']}: {m['stderr'][-200:]!r}")
        return
    note = f"{m['wall']:.2f} s vs {full:.1f} s; {summary['unchanged']} unchanged, {summary['ingested']} re-read"
    if summary.get("reread"):
        note += f" ({summary['reread']} because the ingest pipeline version changed: not an unchanged re-ingest)"
    row("ingest", "unchanged re-ingest / full ingest", f"{100 * m['wall'] / full:.1f} %", note + "; target ≤ 5 %")


# ---------------------------------------------------------------------------------------------
# Stages, measured by calling the pipeline and the index writer directly (in a child process,
# so the imports it pays for are its own)
# ---------------------------------------------------------------------------------------------


def _stages_main(argv: list[str]) -> int:
    """``run.py --_stages OUT.json INDEX_DIR FILE...``"""
    out, index_dir, files = argv[0], argv[1], argv[2:]
    result: dict = {}
    t0 = time.perf_counter()
    # What every ingest process pays before its first file (the pipeline imports these lazily).
    import docx  # noqa: F401
    import pdfplumber  # noqa: F401
    import spacy

    from ingest.pipeline import documents_from_source, file_sha256, read_source

    spacy.blank("en")
    result["imports"] = time.perf_counter() - t0
    read = {"pdf": 0.0, "other": 0.0}
    pdf_pages = 0
    extract = 0.0
    docs_by_file = []
    for path in files:
        t0 = time.perf_counter()
        sha = file_sha256(path)
        try:
            source = read_source(path)
        except Exception as exc:  # noqa: BLE001 - one bad file must not stop the benchmark
            result.setdefault("errors", []).append(f"{path}: {exc}")
            continue
        source.sha256 = source.sha256 or sha
        t1 = time.perf_counter()
        docs = documents_from_source(source, path)
        t2 = time.perf_counter()
        if source.format == "pdf":
            read["pdf"] += t1 - t0
            pdf_pages += len(source.pages)
        else:
            read["other"] += t1 - t0
        extract += t2 - t1
        docs_by_file.append((path, sha, source.warnings, docs))
        # Kept for the index stage below, not for the reading: out of the collector's sight, or
        # every collection walks all documents read so far and the later files read slower
        # than `foi ingest` (which keeps nothing) reads them.
        gc.freeze()
    result.update(read_pdf=read["pdf"], read_other=read["other"], pdf_pages=pdf_pages, extract=extract)
    # The index stage as `foi ingest` does it: store rows per file, engine adds, a commit per batch.
    try:
        from index.build import DEFAULT_BATCH, _Given, _open_for_writing, _write_file

        shutil.rmtree(index_dir, ignore_errors=True)
        t0 = time.perf_counter()
        store, backend = _open_for_writing(index_dir, True)
        for i, (path, sha, warnings, docs) in enumerate(docs_by_file, 1):
            st = os.stat(path)
            _write_file(store, backend, _Given(path, docs, sha, warnings), os.path.abspath(path),
                        st.st_size, st.st_mtime)
            if i % DEFAULT_BATCH == 0:
                backend.commit()
        backend.commit()
        backend.close()
        store.close()
        result["index"] = time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - the index API is still moving; say so, do not guess
        result["index_error"] = f"{type(exc).__name__}: {exc}"
    Path(out).write_text(json.dumps(result))
    return 0


def part_stages(paths: list[str], pages: int, index_root: Path) -> dict | None:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    index = index_root / "idx-stages"
    try:
        proc = subprocess.run([PY, __file__, "--_stages", out, str(index), *paths], capture_output=True, text=True)
        if proc.returncode != 0:
            row("stages", "read / extract / index", "failed", proc.stderr.strip().splitlines()[-1:][0][:200])
            return None
        r = json.loads(Path(out).read_text())
    finally:
        os.unlink(out)
        shutil.rmtree(index, ignore_errors=True)
    total = r["read_pdf"] + r["read_other"] + r["extract"] + r.get("index", 0.0)
    row("stages", "imports: pdfplumber, python-docx, spaCy + blank('en')", f"{r['imports']:.2f} s",
        "paid once per process (each worker pays it again); not in the stage times below")
    row("stages", "read, PDF", f"{r['pdf_pages'] / r['read_pdf']:.1f} pages/s" if r["read_pdf"] else "n/a",
        f"{r['read_pdf']:.1f} s for {r['pdf_pages']} PDF pages ({100 * r['read_pdf'] / total:.0f} % of stage time)")
    row("stages", "read, DOCX / text / e-mail", f"{r['read_other']:.1f} s", f"{100 * r['read_other'] / total:.0f} % of stage time")
    row("stages", "extract (segment, passages, actions, recs, dates)", f"{r['extract']:.1f} s",
        f"{pages / r['extract']:.1f} pages/s; {100 * r['extract'] / total:.0f} % of stage time")
    if "index" in r:
        row("stages", "index (store rows + Whoosh adds + commits)", f"{r['index']:.1f} s",
            f"{pages / r['index']:.1f} pages/s; {100 * r['index'] / total:.0f} % of stage time")
    else:
        row("stages", "index", "index not available", r.get("index_error", "")[:200])
    if r.get("errors"):
        row("stages", "files that failed to read", str(len(r["errors"])), r["errors"][0][:150])
    return r


def part_pdftotext(paths: list[str], stages: dict | None) -> None:
    exe = shutil.which("pdftotext")
    if exe is None:
        row("pdftotext", "pdftotext", "not installed", "`apt-get install -y poppler-utils` to measure the extraction floor")
        return
    pdfs = [p for p in paths if p.endswith(".pdf")]
    pages = 0
    started = time.perf_counter()
    for p in pdfs:
        out = subprocess.run([exe, "-q", p, "-"], capture_output=True)
        pages += out.stdout.count(b"\f")  # one form feed per page
    wall = time.perf_counter() - started
    rate = pages / wall if wall else 0.0
    row("pdftotext", "pdftotext, one process per file", f"{rate:.1f} pages/s", f"{pages} pages of {len(pdfs)} PDFs in {wall:.1f} s")
    if stages and stages.get("read_pdf"):
        ours = stages["pdf_pages"] / stages["read_pdf"]
        row("pdftotext", "PDF read stage vs pdftotext", f"{rate / ours:.1f}× slower" if ours < rate else f"{ours / rate:.1f}× faster",
            "target: within 5×")


# ---------------------------------------------------------------------------------------------
# Query timing: the Whoosh backend and SQLite FTS5 over the same passages
# ---------------------------------------------------------------------------------------------


def passage_file(n: int, seed: int) -> Path:
    path = OUT / f"passages-{n}-seed{seed}-v{generate.GENERATOR_VERSION}.jsonl"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            for p in generate.passages(seed, n):
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        tmp.rename(path)
    return path


def _load(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def whoosh_index(n: int, seed: int, passages: list[dict]):
    from index.engine.backend import PassageRecord
    from index.engine.whoosh_backend import ENGINE_VERSION, WhooshBackend

    folder = OUT / f"engine-{n}-seed{seed}-v{generate.GENERATOR_VERSION}-e{ENGINE_VERSION}"
    done = folder / "BENCH_COMPLETE"
    build = None
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        backend = WhooshBackend(str(folder), create=True)
        backend.add_passages(
            PassageRecord(passage_id=p["passage_id"], doc_id=p["doc_id"], text=p["text"], recs=p["recs"],
                          year=p["year"], date=p["date"], doc_type=p["doc_type"], group=p["group"],
                          has_redaction=p["has_redaction"], dup_key="")
            for p in passages)
        backend.commit()
        backend.close()
        build = time.perf_counter() - started
        done.write_text("ok\n")
    return WhooshBackend(str(folder)), folder, build


def fts5_index(path: Path, passages) -> float | None:
    """An FTS5 table with the same analysis where FTS5 has it: Porter stemming, case folding."""
    if path.exists():
        return None
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    started = time.perf_counter()
    db = sqlite3.connect(tmp)
    db.execute("CREATE VIRTUAL TABLE passages USING fts5(passage_id UNINDEXED, text, year UNINDEXED, "
               "tokenize='porter unicode61')")
    db.executemany("INSERT INTO passages(passage_id, text, year) VALUES (?, ?, ?)",
                   ((p["passage_id"], p["text"], p["year"]) for p in passages))
    db.execute("INSERT INTO passages(passages) VALUES ('optimize')")
    db.commit()
    db.close()
    tmp.rename(path)
    return time.perf_counter() - started


def fts5_search(db: sqlite3.Connection, match: str, year: int | None, window: int) -> tuple[list, int]:
    where = "passages MATCH ?" + (" AND year = ?" if year else "")
    args = (match, year) if year else (match,)
    hits = db.execute(f"SELECT passage_id, bm25(passages) FROM passages WHERE {where} ORDER BY rank LIMIT {window}",
                      args).fetchall()
    total = db.execute(f"SELECT count(*) FROM passages WHERE {where}", args).fetchone()[0]
    return hits, total


def part_query(sizes: list[int], seed: int, repeat: int) -> None:
    try:
        from index.engine.backend import Filters
        from index.engine.query import parse
        from index.engine.whoosh_backend import WhooshBackend  # noqa: F401
    except ImportError as exc:
        row("query", "Whoosh backend", "index not available", str(exc))
        return
    try:
        from index.search import MIN_WINDOW, WINDOW_FACTOR

        window = max(MIN_WINDOW, 10 * WINDOW_FACTOR)
    except ImportError:
        window = 200
    singles = sum(1 for q in QUERIES[:10])
    row("query", "query set", f"{len(QUERIES)} queries",
        f"{singles} single words, 8 two words, 5 phrases, 5 recommendation, 5 with a year filter; each run "
        f"{repeat}× after one warm-up; top {window} fetched (the window `foi search` asks for) plus the total")
    for n in sizes:
        passages = _load(passage_file(n, seed))
        backend, folder, build = whoosh_index(n, seed, passages)
        fts_path = OUT / f"fts5-{n}-seed{seed}-v{generate.GENERATOR_VERSION}.sqlite"
        fts_build = fts5_index(fts_path, passages)
        del passages
        if build is not None or fts_build is not None:
            row("query", f"build {n:,} passages",
                f"Whoosh {build:.1f} s" if build is not None else "Whoosh reused",
                (f"FTS5 {fts_build:.1f} s" if fts_build is not None else "FTS5 reused")
                + f"; on disk Whoosh {_mb(_du(folder))}, FTS5 {_mb(fts_path.stat().st_size)}")
        db = sqlite3.connect(fts_path)
        times_w: list[float] = []
        times_f: list[float] = []
        worst: list[tuple[float, str]] = []
        mismatch = []
        for text, match, year in QUERIES:
            filters = Filters(years=[year] if year else [])
            result = backend.search(parse(text).query, filters, window)  # warm-up
            hits, total = fts5_search(db, match, year, window)
            if (result.total == 0) != (total == 0):
                mismatch.append(f"{text!r}: Whoosh {result.total}, FTS5 {total}")
            for _ in range(repeat):
                t0 = time.perf_counter()
                backend.search(parse(text).query, filters, window)
                times_w.append(time.perf_counter() - t0)
                worst.append((times_w[-1], text + (f" --year {year}" if year else "")))
                t0 = time.perf_counter()
                fts5_search(db, match, year, window)
                times_f.append(time.perf_counter() - t0)
        backend.close()
        db.close()
        p50w, p95w = _pct(times_w, 50), _pct(times_w, 95)
        p50f, p95f = _pct(times_f, 50), _pct(times_f, 95)
        slowest = {}
        for t, q in sorted(worst, reverse=True):
            slowest.setdefault(q, t)
        slow_note = "slowest: " + ", ".join(f"`{q}` {_ms(t)}" for q, t in list(slowest.items())[:3])
        row("query", f"Whoosh backend, {n:,} passages", f"p50 {_ms(p50w)}, p95 {_ms(p95w)}",
            ("target p95 ≤ 50 ms; " if n >= 100_000 else "") + slow_note)
        row("query", f"SQLite FTS5, {n:,} passages", f"p50 {_ms(p50f)}, p95 {_ms(p95f)}", "same passages, same run")
        row("query", f"Whoosh / FTS5, {n:,} passages", f"p50 {p50w / p50f:.1f}×, p95 {p95w / p95f:.1f}×",
            "target p95 within 4×" + (f"; hit/no-hit disagreements: {'; '.join(mismatch[:3])}" if mismatch else ""))


# ---------------------------------------------------------------------------------------------
# Whole commands: process start to exit
# ---------------------------------------------------------------------------------------------

_SQLITE_PY = (
    "import sqlite3,sys;db=sqlite3.connect(sys.argv[1]);"
    "print(db.execute(\"SELECT passage_id, snippet(passages,1,'[',']','…',12) FROM passages WHERE passages MATCH ? "
    "ORDER BY rank LIMIT 10\",(sys.argv[2],)).fetchall())"
)


def part_command(index: Path | None, runs: int = 10) -> None:
    if index is None or not (index / "store.sqlite").exists():
        row("command", "`foi search` whole command", "index not available", "no ingested index (run the ingest part)")
        return
    missing = _foi_ready("search")
    if missing:
        row("command", "`foi search` whole command", "index not available", missing)
        return
    # FTS5 over exactly the passages of that index, read from its store.
    src = sqlite3.connect(f"file:{index / 'store.sqlite'}?mode=ro", uri=True)
    try:
        texts = src.execute("SELECT passage_id, text FROM passages").fetchall()
    except sqlite3.Error as exc:
        row("command", "sqlite3 FTS5 whole command", "n/a", f"cannot read passages from the store: {exc}")
        texts = []
    src.close()
    fts = index.parent / f"{index.name}-fts5.sqlite"
    fts.unlink(missing_ok=True)
    fts5_index(fts, ({"passage_id": pid, "text": t, "year": None} for pid, t in texts))
    queries = QUERIES[: runs]
    foi_times, py_times, cli_times = [], [], []
    sqlite_cli = shutil.which("sqlite3")
    for text, match, _ in queries:
        t0 = time.perf_counter()
        proc = subprocess.run([FOI, "--index", str(index), "search", text, "--json"], capture_output=True)
        foi_times.append(time.perf_counter() - t0)
        if proc.returncode not in (0, 1):
            row("command", "`foi search` whole command", "failed", proc.stderr.decode()[-200:])
            return
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", _SQLITE_PY, str(fts), match], capture_output=True, check=True)
        py_times.append(time.perf_counter() - t0)
        if sqlite_cli:
            sql = (f"SELECT passage_id, snippet(passages,1,'[',']','…',12) FROM passages WHERE passages MATCH "
                   f"'{match.replace(chr(39), chr(39) * 2)}' ORDER BY rank LIMIT 10;")
            t0 = time.perf_counter()
            subprocess.run([sqlite_cli, str(fts), sql], capture_output=True, check=True)
            cli_times.append(time.perf_counter() - t0)
    n = len(texts)
    foi_med = statistics.median(foi_times)
    row("command", f"`foi search --json`, {n:,}-passage index", f"median {_ms(foi_med)}",
        f"{len(queries)} runs, one query each; target ≤ 0.5 s on 100,000 passages")
    row("command", "`python -c` sqlite3 FTS5, same passages", f"median {_ms(statistics.median(py_times))}",
        f"ratio {foi_med / statistics.median(py_times):.1f}×")
    if cli_times:
        row("command", "`sqlite3` CLI FTS5, same passages", f"median {_ms(statistics.median(cli_times))}",
            f"ratio {foi_med / statistics.median(cli_times):.1f}×")
    else:
        row("command", "`sqlite3` CLI", "not installed", "")


# ---------------------------------------------------------------------------------------------


def code_state() -> str:
    try:
        head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "ingest", "index", "search_cli"],
                               capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"
    return f"git {head or '?'}" + (" + uncommitted changes in ingest/index/search_cli" if dirty else "")


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return (f"nproc {os.cpu_count()}, memory {mem}, CPU {model}, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_measure"]:
        return _measure_main(argv[1:])
    if argv[:1] == ["--_stages"]:
        return _stages_main(argv[1:])
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpus, 10,000 passages: a smoke run (< 2 min)")
    ap.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {PARTS}")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--sample", type=int, help="ingest only N files of the corpus (every k-th, all series)")
    ap.add_argument("--passages", default=None, help="passage counts for query timing (default 10000,100000)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per query")
    args = ap.parse_args(argv)
    parts = [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = set(parts) - set(PARTS)
    if unknown:
        ap.error(f"unknown part(s) {sorted(unknown)}; choose from {PARTS}")
    size = "small" if args.quick else "bench"
    sizes = [int(s) for s in (args.passages or ("10000" if args.quick else "10000,100000")).split(",")]
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    label = "quick" if args.quick else ("sampled" if args.sample else "full")
    print(f"foisearch benchmark ({label} run) on {machine()}", file=sys.stderr)

    index = None
    if {"ingest", "stages", "pdftotext", "command"} & set(parts):
        folder, manifest = corpus(size, args.seed)
        paths, pages, pdf_pages = sample_files(folder, manifest, args.sample)
        if args.sample:
            row("corpus", "ingested slice", f"{len(paths)} files, {pages} pages ({pdf_pages} PDF pages)",
                "every k-th file of the manifest")
        corpus_label = f"{size}-s{args.sample or 'all'}"
        if "ingest" in parts:
            index = part_ingest(corpus_label, paths, pages, OUT)
        stages = part_stages(paths, pages, OUT) if "stages" in parts else None
        if "pdftotext" in parts:
            part_pdftotext(paths, stages)
        if "command" in parts:
            if index is None:
                candidate = OUT / f"idx-{corpus_label}-w1"
                index = candidate if candidate.exists() else None
            part_command(index)
    if "query" in parts:
        part_query(sizes, args.seed, args.repeat)

    print(f"\n**foisearch benchmark — {label} run** ({time.perf_counter() - started:.0f} s)  ")
    print(f"Machine: {machine()}  ")
    print(f"Code: {code_state()}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print(table())
    print("\nPages: PDF pages as drawn; a DOCX, text or e-mail file counts one page per 3,000 characters.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
