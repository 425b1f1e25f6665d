"""Word 97-2003 ``.doc`` files, through Debian's antiword when it is installed.

Measured on the two .doc test files of textract (a public text-extraction project) against
their expected text: antiword 100.0 and catdoc 99.5 (rapidfuzz ratio on whitespace-normalised
text); catdoc leaks field codes ("HYPERLINK "http://..."") into the text, antiword does not;
both under 0.01 s a file. So antiword it is (``apt-get install antiword``); ``-w 0`` keeps a
paragraph on one line. Without it a .doc is refused with one line saying what to do.
Redaction shading in a .doc is not seen (antiword gives text only): typed markers are.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from ingest.files import file_bytes
from ingest.models import ReadError, SourceFile

TIMEOUT_SECONDS = 60


def antiword_binary() -> str | None:
    """The antiword to run: $FOI_ANTIWORD, else antiword on the PATH."""
    wanted = os.environ.get("FOI_ANTIWORD") or "antiword"
    return shutil.which(wanted)


def read_doc(path: str | Path) -> SourceFile:
    from ingest.read_text import normalise_newlines, page_from_text

    p = Path(path)
    data = file_bytes(p)
    binary = antiword_binary()
    if binary is None:
        raise ReadError("legacy Word .doc: convert to DOCX (or install antiword to read it)")
    try:
        done = subprocess.run([binary, "-w", "0", "-m", "UTF-8.txt", str(p)], capture_output=True,
                              timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise ReadError(f"legacy Word .doc: antiword took over {TIMEOUT_SECONDS} s; convert to DOCX") from None
    except OSError as exc:
        raise ReadError(f"legacy Word .doc: antiword could not run ({exc.strerror or exc})") from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = why[-1] if why else f"exit status {done.returncode}"
        raise ReadError(f"legacy Word .doc not readable by antiword ({reason}); convert to DOCX")
    text = normalise_newlines(done.stdout.decode("utf-8", "replace")).strip("\n")
    return SourceFile(path=str(path), format="text", pages=[page_from_text(text)],
                      sha256=hashlib.sha256(data).hexdigest())
