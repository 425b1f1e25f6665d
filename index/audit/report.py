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
from index.audit.crops import MAX_CROPS, box_of, crop_png
from index.audit.model import KINDS, SEVERITY_ORDER, Finding
from index.printable import safe

KIND_TITLES = {
    "text_under_box": "Text still under a PDF box",
    "hidden_under_shading": "Text still under shading or a black fill",
    "name_visible": "Names visible where the release redacts people",
    "initials_visible": "Initials visible where the release redacts people",
    "role_inconsistent": "Redacted in one place, readable in another",
    "duplicate_differs": "Copies of one document that differ",
    "watchlist_hit": "Names from the withholding list",
    "marker_style_mixed": "Mixed marker styles",
    "exemption_missing": "Markers without an exemption",
    "hidden_content": "Hidden spreadsheet rows, columns and sheets",
    "personal_data_visible": "Personal details printed where the release withholds their kind",
}

CSV_FIELDS = ["kind", "severity", "doc_id", "source", "page", "location", "text", "explanation", "evidence", "context"]


def _grouped(result: AuditResult) -> list[tuple[str, str, list[Finding]]]:
    """(severity, kind, findings): high before medium before low, then in KINDS order."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in result.findings:
        groups.setdefault((f.severity, f.kind), []).append(f)
    order = sorted(groups, key=lambda k: (SEVERITY_ORDER[k[0]], KINDS.index(k[1])))
    return [(sev, kind, groups[(sev, kind)]) for sev, kind in order]


def _run_lines(result: AuditResult) -> list[str]:
    run = result.run or {}
    if not run:
        return []
    what = (f"files under {', '.join(run['paths'])}" if run.get("paths")
            else f"the index at {run.get('index', '?')}")
    names = (f"{run['names']} ({run.get('names_count', 0)} names)" if run.get("names") else "none given")
    return [f"Audited {what}", f"on {run.get('when', '?')} with {run.get('version', '?')}; names list: {names}"]


def _where(f_page: int | None, location: str) -> str:
    parts = [f"p.{f_page}" if f_page is not None else "", location]
    return ", ".join(p for p in parts if p) or "-"


def render_table(result: AuditResult, width: int = 100) -> str:
    """The findings for a terminal (document text has its control characters escaped)."""
    return "\n".join(safe(line) for line in _table_lines(result, width).split("\n"))


def _table_lines(result: AuditResult, width: int) -> str:
    out: list[str] = []
    text_width = max(width - 8, 30)
    if not result.findings:
        out.append(f"No findings in {len(result.documents)} document(s).")
    for severity, kind, findings in _grouped(result):
        out.append(_cut(f"== {KIND_TITLES[kind]} ({kind}, {severity}): {len(findings)}", width))
        for f in findings:
            text = " ".join(f.at.text.split())
            head = f"  [{f.severity}] {f.at.source} ({_where(f.at.page, f.at.location)}): "
            out.append(_cut(head + f'"{text}"', width))
            for line in textwrap.wrap(f.explanation, text_width):
                out.append(f"      {line}")
            for e in f.evidence[:3]:
                etext = " ".join(e.text.split())
                lead = f"      - see {e.source} ({_where(e.page, e.location)}): "
                out.append(_cut(lead + f'"{etext}"', width))
            if len(f.evidence) > 3:
                out.append(f"      - and {len(f.evidence) - 3} more place(s)")
        out.append("")
    if result.findings:
        summary = result.summary()
        severities = ", ".join(f"{n} {s}" for s, n in summary["by_severity"].items())
        out += textwrap.wrap(f"{summary['findings']} finding(s) ({severities}) in {summary['documents']} "
                             "document(s).", width)
    if result.unread:
        out.append(f"{len(result.unread)} file(s) not audited:")
        out += [_cut(f"  {path}: {reason}", width) for path, reason in result.unread]
    out += [_cut(line, width) for line in _run_lines(result)]
    return "\n".join(out) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"): "=", "+", "-", "@", a tab
# or a carriage return first. Such a cell is written with a leading apostrophe, shown as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_csv(result: AuditResult) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for f in result.findings:
        row = f.to_json()
        row["evidence"] = " | ".join(
            f"{e.source} ({_where(e.page, e.location)}): {' '.join(e.text.split())}" for e in f.evidence)
        writer.writerow({k: csv_cell(row.get(k)) for k in CSV_FIELDS})
    return buffer.getvalue()


_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ccc}h3{font-size:1.05em}
.run{width:auto}.run th{width:8em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{border:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}.num{text-align:right}
.finding{border-left:4px solid #999;padding:.4em .8em;margin:.8em 0;background:#fafafa}
.high{border-color:#c00}.medium{border-color:#e80}.low{border-color:#888}
.sev{font-weight:bold;text-transform:uppercase;font-size:.8em}.high .sev{color:#c00}.medium .sev{color:#b60}
.where{color:#555;font-size:.9em}
.context{font-family:ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;background:#fff;border:1px solid #eee;padding:.4em;margin:.3em 0}
mark{background:#ffe066;padding:0 .1em;font-weight:bold}
ul.evidence{margin:.3em 0 0 1em;padding:0;font-size:.9em}
img.crop{max-width:100%;border:1px solid #ddd;margin:.4em 0;display:block}
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
    run = result.run or {}
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        f"<p>{summary['findings']} finding(s) in {summary['documents']} document(s): "
        + e(", ".join(f"{n} {s}" for s, n in summary["by_severity"].items()) or "none") + ".</p>",
    ]
    if run:
        what = ("<br>".join(e(p) for p in run["paths"]) if run.get("paths")
                else "index " + e(str(run.get("index", ""))))
        names = (f"{e(run['names'])} ({run.get('names_count', 0)} names)" if run.get("names")
                 else "none given")
        parts.append(
            '<table class="run">'
            f"<tr><th>When</th><td>{e(str(run.get('when', '')))}</td></tr>"
            f"<tr><th>What</th><td>{what}</td></tr>"
            f"<tr><th>Names list</th><td>{names}</td></tr>"
            f"<tr><th>Tool</th><td>{e(str(run.get('version', '')))}</td></tr></table>")
    if result.unread:
        parts.append(f"<h2>Files not audited ({len(result.unread)})</h2><ul>")
        parts += [f"<li>{e(p)}: {e(r)}</li>" for p, r in result.unread]
        parts.append("</ul>")
    if not result.findings:
        parts.append("<p>No findings.</p>")
    shown_severity = None
    docs = {d.doc_id: d for d in result.documents}
    crops = 0
    for severity, kind, findings in _grouped(result):
        if severity != shown_severity:
            shown_severity = severity
            n = summary["by_severity"].get(severity, 0)
            parts.append(f'<h2 id="{e(severity)}">{e(severity.capitalize())} findings ({n})</h2>')
        parts.append(f'<h3 id="{e(severity)}-{kind}">{e(KIND_TITLES[kind])} <small>({e(kind)})</small></h3>')
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
            box = box_of(f, docs) if crops < MAX_CROPS and f.at.page else None
            picture = crop_png(f.at.source, f.at.page, box) if box else None
            if picture:
                crops += 1
                parts.append(f'<img class="crop" alt="page {f.at.page}, the box outlined in red" src="{picture}">')
            if f.evidence:
                parts.append('<ul class="evidence">')
                for ev in f.evidence:
                    parts.append(f"<li>{e(ev.source)} ({e(_where(ev.page, ev.location))}): "
                                 f"<q>{e(' '.join(ev.text.split()))}</q></li>")
                parts.append("</ul>")
            parts.append("</div>")
    if summary["by_kind"]:
        parts.append("<h2>Findings by kind</h2><table><tr><th>Kind</th><th class=\"num\">Findings</th></tr>")
        for kind, n in summary["by_kind"].items():
            parts.append(f'<tr><td>{e(KIND_TITLES[kind])}</td><td class="num">{n}</td></tr>')
        parts.append("</table>")
    parts.append("<h2>Summary by document</h2><table><tr><th>Document</th><th>Source</th>"
                 '<th class="num">High</th><th class="num">Medium</th><th class="num">Low</th></tr>')
    for d in summary["by_document"]:
        parts.append(
            f"<tr><td>{e(d['title'] or d['doc_id'])}</td><td>{e(d['source'])}</td>"
            f'<td class="num">{d["high"]}</td><td class="num">{d["medium"]}</td><td class="num">{d["low"]}</td></tr>')
    parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
