"""The audit as people and spreadsheets read it: a table grouped by kind, CSV, one-file HTML.

The HTML report is what an FOI officer attaches to the case file: one self-contained file
(inline CSS, no script, no external resource), a summary by document, then the findings by
kind with the line around each and the leaked text highlighted. Every piece of document text
goes through ``html.escape``: a release may hold markup or script of its own.
"""

from __future__ import annotations

import csv
import html
import io
import textwrap

from index.audit import AuditResult
from index.audit.model import KINDS, Finding

KIND_TITLES = {
    "text_under_box": "Text still under a PDF box",
    "hidden_under_shading": "Text still under DOCX shading",
    "name_visible": "Names visible where the release redacts people",
    "initials_visible": "Initials visible where the release redacts people",
    "role_inconsistent": "Redacted in one place, readable in another",
    "duplicate_differs": "Copies of one document that differ",
    "watchlist_hit": "Names from the withholding list",
    "marker_style_mixed": "Mixed marker styles",
    "exemption_missing": "Markers without an exemption",
}

CSV_FIELDS = ["kind", "severity", "doc_id", "source", "page", "location", "text", "explanation", "evidence", "context"]


def _grouped(result: AuditResult) -> list[tuple[str, list[Finding]]]:
    return [(k, [f for f in result.findings if f.kind == k]) for k in KINDS
            if any(f.kind == k for f in result.findings)]


def _where(f_page: int | None, location: str) -> str:
    parts = [f"p.{f_page}" if f_page is not None else "", location]
    return ", ".join(p for p in parts if p) or "-"


def render_table(result: AuditResult, width: int = 100) -> str:
    if not result.findings:
        return f"No findings in {len(result.documents)} document(s).\n"
    out: list[str] = []
    for kind, findings in _grouped(result):
        out.append(f"== {KIND_TITLES[kind]} ({kind}, {findings[0].severity}): {len(findings)}")
        for f in findings:
            text = " ".join(f.at.text.split())
            out.append(f"  [{f.severity}] {f.at.source} ({_where(f.at.page, f.at.location)}): \"{text[:90]}\"")
            for line in textwrap.wrap(f.explanation, width - 6):
                out.append(f"      {line}")
            for e in f.evidence[:3]:
                etext = " ".join(e.text.split())
                out.append(f"      - see {e.source} ({_where(e.page, e.location)}): \"{etext[:80]}\"")
            if len(f.evidence) > 3:
                out.append(f"      - and {len(f.evidence) - 3} more place(s)")
        out.append("")
    summary = result.summary()
    severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items())
    out.append(f"{summary['findings']} finding(s) ({severities}) in {summary['documents']} document(s).")
    return "\n".join(out) + "\n"


def render_csv(result: AuditResult) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in result.findings:
        row = f.to_json()
        row["evidence"] = " | ".join(
            f"{e.source} ({_where(e.page, e.location)}): {' '.join(e.text.split())}" for e in f.evidence)
        writer.writerow({k: row.get(k, "") if row.get(k) is not None else "" for k in CSV_FIELDS})
    return buffer.getvalue()


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right}
.finding{border-left:4px solid #999;padding:.4em .8em;margin:.8em 0;background:#fafafa}
.high{border-color:#c00}.medium{border-color:#e80}.low{border-color:#888}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.high .sev{color:#c00}.medium .sev{color:#b60}
.where{color:#555;font-size:.9em}
.context{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;background:#fff;border:1px solid #eee;padding:.4em;margin:.3em 0}
mark{background:#ffe066;padding:0 .1em;font-weight:bold}
ul.evidence{margin:.3em 0 0 1em;padding:0;font-size:.9em}
"""


def _highlight(context: str, text: str) -> str:
    """The context line escaped, with the first occurrence of ``text`` in <mark>."""
    at = context.find(text) if text else -1
    if at < 0:
        return html.escape(context)
    return (html.escape(context[:at]) + "<mark>" + html.escape(text) + "</mark>"
            + html.escape(context[at + len(text):]))


def render_html(result: AuditResult, title: str = "Redaction audit") -> str:
    e = html.escape
    summary = result.summary()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{summary['findings']} finding(s) in {summary['documents']} document(s): "
        + e(", ".join(f"{n} {s}" for s, n in summary["by_severity"].items()) or "none") + ".</p>",
        "<h2>Summary by document</h2><table><tr><th>Document</th><th>Source</th>"
        '<th class="num">High</th><th class="num">Medium</th><th class="num">Low</th></tr>',
    ]
    for d in summary["by_document"]:
        parts.append(
            f"<tr><td>{e(d['title'] or d['doc_id'])}</td><td>{e(d['source'])}</td>"
            f'<td class="num">{d["high"]}</td><td class="num">{d["medium"]}</td><td class="num">{d["low"]}</td></tr>')
    parts.append("</table>")
    if summary["by_kind"]:
        parts.append("<h2>Findings by kind</h2><table><tr><th>Kind</th><th class=\"num\">Findings</th></tr>")
        for kind, n in summary["by_kind"].items():
            parts.append(f'<tr><td><a href="#{kind}">{e(KIND_TITLES[kind])}</a></td><td class="num">{n}</td></tr>')
        parts.append("</table>")
    for kind, findings in _grouped(result):
        parts.append(f'<h2 id="{kind}">{e(KIND_TITLES[kind])} <small>({e(kind)})</small></h2>')
        for f in findings:
            context = f.at.context or f.at.text
            if f.kind in ("text_under_box", "hidden_under_shading"):
                # The hidden text is not in the context (a marker is): show both.
                shown = _highlight(context, f.at.text) if f.at.text in context else (
                    html.escape(context) + "\n<strong>Under the marker:</strong> <mark>" + e(f.at.text) + "</mark>")
            else:
                shown = _highlight(context, f.at.text)
            parts.append(
                f'<div class="finding {e(f.severity)}"><span class="sev">{e(f.severity)}</span> '
                f'<span class="where">{e(f.at.source)} &middot; {e(_where(f.at.page, f.at.location))} '
                f"&middot; {e(f.at.doc_id)}</span>"
                f"<p>{e(f.explanation)}</p><div class=\"context\">{shown}</div>")
            if f.evidence:
                parts.append('<ul class="evidence">')
                for ev in f.evidence:
                    parts.append(f"<li>{e(ev.source)} ({e(_where(ev.page, ev.location))}): "
                                 f"<q>{e(' '.join(ev.text.split()))}</q></li>")
                parts.append("</ul>")
            parts.append("</div>")
    if not result.findings:
        parts.append("<p>No findings.</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
