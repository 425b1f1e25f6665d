"""Minutes written into a folder and read or traced: the set-up the extraction and trace tests share."""

from __future__ import annotations

from pathlib import Path


def write_papers(folder: Path, papers: dict[str, str]) -> Path:
    """Each paper written as a UTF-8 file of ``folder`` (name -> text)."""
    for name, text in papers.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def one_document(folder: Path, name: str, text: str):
    """The one document ``text`` is, written to ``folder / name`` and read (a read error, or a
    paper read as several documents, fails the test here)."""
    from ingest.pipeline import extract_file

    path = folder / name
    path.write_text(text, encoding="utf-8")
    result = extract_file(str(path))
    assert result.error is None, result.error
    assert len(result.documents) == 1, [d.title for d in result.documents]
    return result.documents[0]


def traced(folder: Path, papers: dict[str, str] | None = None) -> list[dict]:
    """Every action's trace (contract JSON) over the papers of ``folder``, once ``papers`` are written there."""
    from index.trace import select_traces
    from ingest.pipeline import extract_path

    write_papers(folder, papers or {})
    return select_traces(extract_path(str(folder)), every=True)
