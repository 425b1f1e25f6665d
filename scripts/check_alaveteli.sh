#!/usr/bin/env bash
# Every file of Alaveteli's test fixtures (the software behind WhatDoTheyKnow keeps ~125 awkward
# real-world mails and attachments there: TNEF, uuencode, bad charsets, Lotus Notes quoting, a
# multipart without its final boundary) through `foi ingest`, one fresh index.
# Not in CI (CI cannot fetch). First, in the session: fetch github:mysociety/alaveteli (it prints
# the git directory; default below). Copies spec/fixtures/files/ into real/alaveteli/ (git-ignored;
# never commit it) and prints: files read / refused (with each reason) / tracebacks (must be 0),
# the attachments found in them, read or not (with why), and whether each one read is searchable
# under its message. Exit 1 when any traceback or unsearchable attachment is found.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/.mirror/mysociety+alaveteli/repo}
if ! git --git-dir="$src" rev-parse HEAD >/dev/null 2>&1; then
    echo "check_alaveteli.sh: no git directory at $src (fetch github:mysociety/alaveteli first)" >&2
    exit 2
fi
rm -rf real/alaveteli
mkdir -p real/alaveteli
# File by file: a snapshot may list its largest files without holding them (reported, skipped).
absent=0
while IFS= read -r path; do
    out="real/alaveteli/${path#spec/fixtures/files/}"
    mkdir -p "$(dirname "$out")"
    if ! git --git-dir="$src" show "HEAD:$path" > "$out" 2>/dev/null; then
        rm -f "$out"
        echo "absent from the snapshot: $path" >&2
        absent=$((absent + 1))
    fi
done < <(git --git-dir="$src" ls-tree -r --name-only HEAD -- spec/fixtures/files/)
index=$(mktemp -d)
trap 'rm -rf "$index"' EXIT
# Each file named on the command line, so none is left out for its extension.
mapfile -d '' files < <(find real/alaveteli -type f -print0 | sort -z)
set +e
.venv/bin/foi --index "$index/foi" ingest --json "${files[@]}" > "$index/ingest.json" 2> "$index/stderr.txt"
status=$?
set -e
exec .venv/bin/python - "$index" "$status" "${#files[@]}" "$absent" <<'PY'
import json
import subprocess
import sys
from collections import Counter

index, status, given, absent = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
stderr = open(f"{index}/stderr.txt", encoding="utf-8", errors="replace").read()
try:
    summary = json.load(open(f"{index}/ingest.json", encoding="utf-8"))
except ValueError:
    print(f"foi ingest printed no summary (exit {status}):\n{stderr[-3000:]}")
    sys.exit(1)
failed = summary["failed"]
# A reader bug that the pipeline caught is a traceback all the same.
tracebacks = stderr.count("Traceback") + sum("unexpected error" in f["reason"] for f in failed)
warnings = summary["warnings"]
member_warnings = [w for w in warnings if "!" in w["warning"].split(": ", 1)[0]]
tracebacks += sum("unexpected error" in w["warning"] for w in member_warnings)

print(f"files given:   {given}" + (f" ({absent} more absent from the snapshot)" if absent else ""))
print(f"read:          {summary['ingested']}")
print(f"refused:       {len(failed)}")
for reason, n in Counter(f["reason"] for f in failed).most_common():
    print(f"  {n:3}  {reason}")
print(f"tracebacks:    {tracebacks}   (exit status of foi ingest: {status})")

foi = [".venv/bin/foi", "--index", f"{index}/foi"]
sys.path.insert(0, ".")
from index import STORE_FILE  # noqa: E402
from index.store import Store  # noqa: E402

store = Store(f"{index}/foi/{STORE_FILE}", readonly=True)
docs = [{"doc_id": d.doc_id, "source": d.source, "parent_id": d.parent_id, "member": d.member}
        for d in store.documents()]
store.close()
attached = [d for d in docs if d["parent_id"]]
print(f"documents:     {len(docs)} ({len(attached)} of them attachments or archive members)")
kinds = Counter((d["member"] or "").rsplit(".", 1)[-1].lower() if "." in (d["member"] or "") else "(none)"
                for d in attached)
print("attachments read, by type: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
# A warning names the member it is about; a member with no document of its own was not read.
sources = {d["source"] for d in docs}
not_read = [w for w in member_warnings if w["warning"].split(": ", 1)[0] not in sources]
print(f"attachments not read: {len(not_read)}")
for reason, n in Counter(w["warning"].split(": ", 1)[1] for w in not_read).most_common():
    print(f"  {n:3}  {reason}")

# Every attachment read is searchable under its message: its rarest-looking word finds it.
unsearchable = []
for doc in attached:
    shown = json.loads(subprocess.run([*foi, "show", doc["doc_id"], "--json"], capture_output=True,
                                      text=True).stdout)["documents"][0]
    words = [w.strip(".,;:()[]\"'") for p in shown["passages"] for w in p["text"].split()]
    words = sorted({w for w in words if w.isalpha() and 6 <= len(w) <= 20}, key=lambda w: (-len(w), w))
    if not words:
        continue
    for word in words[:3]:  # the longest words: the least common, usually
        hits = json.loads(subprocess.run([*foi, "search", f'+{word}', "--limit", "500", "--json"],
                                         capture_output=True, text=True).stdout)["hits"]
        # a passage held twice (a quoted reply and its attachment) is one hit with the copy in also_in
        if any(doc["doc_id"] in [h["doc_id"]] + [c["doc_id"] for c in h.get("also_in", [])] for h in hits):
            break
    else:
        unsearchable.append((doc["source"], words[0]))
print(f"attachments searchable by a word of their own: {len(attached) - len(unsearchable)} of {len(attached)}")
for source, word in unsearchable:
    print(f"  not found: {source} ({word!r})")
sys.exit(1 if tracebacks or unsearchable else 0)
PY
