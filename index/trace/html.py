"""The timeline page of one trace (`foi trace ID --html FILE`): a jinja2 template, self-contained
(no scripts, fonts or styles from the network), every text escaped, the linking words marked."""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

TEMPLATES = Path(__file__).parent / "templates"


def highlight(text: str, words: list[str] | None) -> Markup:
    """The text escaped, with each linking word in <mark>."""
    safe = str(escape(text))
    if not words:
        return Markup(safe)
    pattern = re.compile(r"\b(" + "|".join(re.escape(str(escape(w))) for w in sorted(words, key=len, reverse=True))
                         + r")\b", re.IGNORECASE)
    return Markup(pattern.sub(r"<mark>\1</mark>", safe))


def timeline_html(trace: dict) -> str:
    """One page for a trace in the contract's JSON shape."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]))
    env.filters["highlight"] = highlight
    return env.get_template("timeline.html.j2").render(**trace)
