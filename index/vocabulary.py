"""The release's own vocabulary: abbreviations the papers define, or use beside their names,
learnt when they are indexed.

A definition is a long form followed by its short form in brackets, "Memorandum of
Understanding (MoU)", "Terms of Reference (ToR)", "Environmental Risk Assessment (ERA)", or
the reverse, "ERA (Environmental Risk Assessment)", or a glossary's line ("ACS: Adult and
Community Services Directorate": `glossary`); or, undefined, an acronym in capitals and a
capitalised name of the same paper whose initials spell it ("TAC" and "Travel Assistance
Committee": `implied`). The long form of a definition is found as Schwartz and
Hearst find it ("A simple algorithm for identifying abbreviation definitions in biomedical
text", PSB 2003): among the few words before the brackets, the shortest run whose characters
hold the short form's letters in order, the first letter at the start of a word. The store keeps
each document's definitions (`Store.abbreviations`); a query then treats the short form and
the long one as one idea, whichever was typed (`index.engine.query`).
"""

from __future__ import annotations

import re

# "long form (SHORT)" and "SHORT (long form)"; a short form is 2-10 characters, starts with a
# letter or digit, holds a letter, and is one or two words ("ViSOR", "H&S", "CAT 3" is not one).
_BRACKETED = re.compile(r"\(([^()]{1,80})\)")
_SHORT = re.compile(r"^[A-Za-z0-9][\w&\-./]{0,8}[\w&]?$")
_WORD = re.compile(r"[\w&'\-]+")
MAX_DEFINITIONS = 2000  # per document: enough for a glossary, bounded for a garbled text


def _is_short(text: str) -> bool:
    return (bool(_SHORT.match(text)) and 2 <= len(text) <= 10 and any(c.isalpha() for c in text)
            and sum(c.isupper() for c in text) >= 1 and not text.isdigit()
            and not (text[0].isupper() and text[1:].islower() and len(text) > 3))  # "(Chair)" is a word


def _match_long(short: str, words: list[str]) -> str | None:
    """Schwartz-Hearst: the shortest tail of ``words`` that spells ``short``'s letters."""
    letters = [c.lower() for c in short if c.isalnum()]
    if not letters or not words:
        return None
    text = " ".join(words)
    low = text.lower()
    s, t = len(letters) - 1, len(low) - 1
    last = None  # where the short form's last letter was found
    while s >= 0:
        c = letters[s]
        # The first letter of the short form must begin a word of the long form.
        while t >= 0 and (low[t] != c or (s == 0 and t > 0 and low[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        if last is None:
            last = t
        s -= 1
        t -= 1
    start = low.rfind(" ", 0, t + 1) + 1
    end = len(text)
    if last is not None and (last == 0 or not low[last - 1].isalnum()):
        # The last letter begins a word ("Harm" in "Risk of Serious Harm assessment (RoSH)"):
        # the words after that one are not part of the name.
        space = low.find(" ", last)
        end = space if space >= 0 else end
    long_form = text[start:end].strip(" ,;:-")
    n_words = len(long_form.split())
    if n_words < 2 or n_words > min(len(letters) + 5, len(letters) * 2) or len(long_form) <= len(short):
        return None
    if not long_form[0].isalnum() or short.lower() in (w.lower() for w in _WORD.findall(long_form)):
        return None  # a long form never holds its own short form as a word
    return long_form


def definitions(text: str) -> list[tuple[str, str]]:
    """(short form, long form) for every abbreviation ``text`` defines, first definition first."""
    out: dict[tuple[str, str], None] = {}
    for m in _BRACKETED.finditer(text):
        inside = m.group(1).strip()
        before = text[max(0, m.start() - 200):m.start()]
        # Only the words of the same sentence or line count, and none before another bracket: in
        # a roll call "Stephen Taylor (SCC), Richard Hunt (SCC)" the second "(SCC)" names
        # Richard Hunt's body, it does not spell out "SCC), Richard Hunt".
        before = re.split(r"[.;:!?\n]\s|\n|[()]", before)[-1]
        words = _WORD.findall(before)
        if _is_short(inside):
            window = words[-min(len(inside) + 5, len(inside) * 2):]
            long_form = _match_long(inside, window)
            if long_form:
                out[(inside, long_form)] = None
                if len(inside) > 2 and inside.endswith("s") and inside[-2].isupper() and long_form.endswith("s"):
                    out[(inside[:-1], long_form[:-1])] = None  # "ERAs": "ERA" too
        elif words and _is_short(words[-1]) and len(inside.split()) >= 2:
            inner = _WORD.findall(inside)
            long_form = _match_long(words[-1], inner)
            if long_form and long_form.split()[0] == inner[0]:
                out[(words[-1], long_form)] = None
        if len(out) >= MAX_DEFINITIONS:
            break
    for short, long_form in glossary(text):
        if len(out) < MAX_DEFINITIONS:
            out[(short, long_form)] = None
    defined = {short.lower() for short, _ in out}
    for short, long_form in implied(text):
        if short.lower() not in defined and len(out) < MAX_DEFINITIONS:
            out[(short, long_form)] = None
    return list(out)


# A glossary's line: "ACS: Adult and Community Services Directorate", "CJSW – Criminal Justice …"
_GLOSSARY = re.compile(r"^[ \t]*(?P<short>[A-Z][A-Za-z&]{1,7})[ \t]*(?::|[–—-])[ \t]+(?P<long>[A-Z][^\n]{3,120})$", re.MULTILINE)


def glossary(text: str) -> list[tuple[str, str]]:
    """(short form, long form) of a glossary's lines: the short form, a colon or dash, then the
    name its capitals spell from its first word ("ACS: Adult and Community Services Directorate"
    gives "Adult and Community Services"; "Note: See the minutes" gives nothing)."""
    out: list[tuple[str, str]] = []
    for m in _GLOSSARY.finditer(text):
        short = m.group("short")
        letters = [c for c in short if c.isupper()]
        if len(letters) < 2:
            continue
        words = m.group("long").split()
        caps = [k for k, w in enumerate(words) if w.lower() not in _SKIPPED]
        if len(caps) >= len(letters) and all(words[caps[i]][0] == c for i, c in enumerate(letters)):
            out.append((short, " ".join(words[:caps[len(letters) - 1] + 1]).rstrip(",;.")))
    return out


# An acronym written in capitals, three to six letters ("TAC", "SCC", "AGM"), and a name in
# capitals of as many words ("Travel Assistance Committee"; "of", "and", "for", "the" between them
# are skipped, as acronyms skip them).
_ACRONYM = re.compile(r"\b[A-Z]{3,6}\b")
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+(?:(?:of|and|for|the|on|in|&)[ \t]+)*[A-Z][a-z]+){2,5}\b")
_SKIPPED = frozenset({"of", "and", "for", "the", "on", "in", "&"})


def implied(text: str) -> list[tuple[str, str]]:
    """(short form, long form) that a paper uses without defining: an acronym and a capitalised
    name whose initials spell it, both in the paper ("TAC" and "Travel Assistance Committee",
    "SCC" and "Suffolk County Council"). Only where the initials point to one name: two names
    with the same initials leave the acronym alone."""
    acronyms = {m.group() for m in _ACRONYM.finditer(text) if len(set(m.group())) > 1}
    if not acronyms:
        return []
    names: dict[str, set[str]] = {}
    for m in _NAME.finditer(text):
        words = m.group().split()
        # the name to its end, its first words aside ("The Travel Assistance Committee"); never a
        # name's first words alone ("Sexual Offences Prevention" of "… Prevention Orders")
        # (or up to an "and" that may join two names: "Weyford Borough Council and the Western …")
        ends = [len(words)] + [k for k, w in enumerate(words) if w in ("and", "&")]
        for end in ends:
            caps = [k for k in range(end) if words[k].lower() not in _SKIPPED]
            for start in range(max(0, len(caps) - 6), len(caps) - 2):
                initials = "".join(words[k][0] for k in caps[start:])
                if initials in acronyms:
                    names.setdefault(initials, set()).add(" ".join(words[caps[start]:end]))
    return [(short, next(iter(found))) for short, found in sorted(names.items()) if len(found) == 1]


__all__ = ["definitions"]
