"""Deterministic synthetic corpus for the foisearch benchmark and its tests.

Meeting series of invented public bodies (a health board's audit committee, a council's
licensing board, a police authority's scrutiny panel, ...) over several years, written the way
FOI releases arrive:

* minutes and long reports as PDF (reportlab, standard fonts): numbered items, drawn black
  redaction boxes (a few with the text still underneath), ruled action tables;
* agendas, some minutes and action lists as DOCX (python-docx): Item/Action/Owner/Due/Status
  tables, black-highlighted runs, █ runs;
* cover e-mails as .eml and meeting notes as .txt: [REDACTED], [Redacted],
  [REDACTED - s.38(1)(b)], [Redacted]@domain.

Actions are numbered per series and carried from meeting to meeting ("Action 3 – Head of
Finance to review ... by 30 April 2018") until closed; each series has a review whose
recommendations are referred to as "Recommendation 4", "Rec. 6", "recommendations 7 and 9".
Dates come in several UK forms.

Everything derives from ``--seed``: a plan (plain data) is drawn from one random generator,
then files are rendered, in parallel, each from its own plan only, so the same seed gives
byte-identical files whatever the number of processes.

Usage::

    python bench/generate.py --size small --out bench/out/small
    python bench/generate.py --size bench --out bench/out/bench --jobs 2
    python bench/generate.py --passages-only 100000 --out bench/out/passages-100000.jsonl

A ``manifest.json`` in the output folder lists every file with its format, kind and pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import math
import os
import random
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 1
BLOCK = "\u2588"
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------------------------
# The invented world
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Body:
    name: str
    committee: str
    code: str
    domain: str
    topics: tuple[str, ...]
    roles: tuple[str, ...]
    review: str  # the report whose recommendations the series tracks
    n_recs: int


BODIES = (
    Body(
        "NHS Glenmoray", "Audit and Risk Committee", "ARC", "glenmoray.scot.nhs.uk",
        ("risk register", "internal audit plan", "counter fraud", "waiting times", "infection control",
         "cyber security", "procurement", "estates backlog", "workforce planning", "clinical governance",
         "payroll controls", "information governance"),
        ("Director of Finance", "Chief Internal Auditor", "Head of Risk", "Fraud Liaison Officer",
         "Board Secretary", "Head of eHealth", "Director of Workforce"),
        "Internal Audit Review of Risk Management 2016/07", 12,
    ),
    Body(
        "Carrick Vale Council", "Licensing Board", "CVLB", "carrickvale.gov.uk",
        ("premises licence", "occasional licence", "taxi and private hire", "overprovision",
         "public health objective", "noise complaints", "late hours catering", "street trading",
         "licensing policy statement", "test purchasing", "training of staff"),
        ("Clerk to the Board", "Licensing Standards Officer", "Depute Clerk", "Convener",
         "Environmental Health Manager", "Police Licensing Sergeant"),
        "Licensing Policy Review 2017", 10,
    ),
    Body(
        "Northmoor Police Authority", "Scrutiny Panel", "NPASP", "northmoor-pa.police.uk",
        ("stop and search", "custody healthcare", "complaints handling", "vetting", "body-worn video",
         "call handling", "domestic abuse", "hate crime", "firearms licensing", "missing persons",
         "information sharing"),
        ("Chief Superintendent", "Head of Professional Standards", "Scrutiny Officer",
         "Head of Contact Centre", "Vetting Manager", "Chief Executive"),
        "HMICS Inspection of Vetting Arrangements 2016", 14,
    ),
    Body(
        "Strathallan Fire and Rescue Board", "Performance Committee", "SFRB", "strathallanfire.gov.uk",
        ("home fire safety visits", "response times", "unwanted fire signals", "retained duty system",
         "appliance availability", "community safety", "training compliance", "sickness absence",
         "water rescue", "fleet replacement"),
        ("Area Manager", "Head of Service Delivery", "Group Manager", "Performance Analyst",
         "Head of Training", "Board Clerk"),
        "Operational Assurance Audit 2015", 9,
    ),
    Body(
        "Eastmere Integration Joint Board", "Clinical and Care Governance Committee", "EIJB",
        "eastmere-ijb.org.uk",
        ("delayed discharge", "care home assurance", "adult support and protection", "mental health",
         "medicines management", "carers strategy", "self-directed support", "complaints",
         "drug related deaths", "primary care improvement"),
        ("Chief Officer", "Chief Social Work Officer", "Clinical Director", "Head of Health Services",
         "Lead Nurse", "Governance Officer"),
        "Joint Inspection of Adult Services 2016", 11,
    ),
)

FIRST = ("Alison", "Brian", "Catriona", "David", "Eilidh", "Fraser", "Gillian", "Hamish", "Isla",
         "James", "Karen", "Lewis", "Morag", "Neil", "Olivia", "Pauline", "Ross", "Shona", "Thomas",
         "Una", "Victoria", "William", "Yvonne", "Zoe", "Graeme", "Heather", "Iain", "Fiona")
LAST = ("Anderson", "Baird", "Cameron", "Drummond", "Ewing", "Ferguson", "Gillespie", "Henderson",
        "Irvine", "Johnstone", "Kerr", "Lindsay", "MacLeod", "Munro", "Nicol", "Ogilvie", "Paterson",
        "Quinn", "Robertson", "Sinclair", "Thomson", "Urquhart", "Wallace", "Young", "Buchanan")

VERBS = ("review", "update", "circulate", "report back on", "prepare a paper on", "confirm the position on",
         "liaise with partners about", "provide assurance on", "bring a revised version of",
         "scope", "seek legal advice on", "complete the benchmarking of", "arrange a workshop on")
OBJECTS = ("the {t} action plan", "the {t} policy", "the {t} performance report", "the {t} risk",
           "a briefing note on {t}", "the {t} data return", "the terms of reference for {t}",
           "the {t} improvement plan", "training on {t}", "the {t} dashboard", "the {t} procedure")
PROGRESS = ("had improved", "remained under pressure", "was on track", "had deteriorated slightly",
            "was subject to further review", "had been escalated to the Board", "showed a mixed picture")
UNITS = ("cases", "referrals", "incidents", "applications", "complaints", "visits", "posts", "reports")
STATUSES = ("Open", "Complete", "In progress", "Carried forward", "Closed", "Overdue")
EXEMPTIONS = ("s.38(1)(b)", "s.30(c)", "s.33(1)(b)", "s.40(2)", "s.35(1)(a)", "s.36(2)")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def uk_date(d: dt.date, form: int) -> str:
    """One of the UK date spellings releases use."""
    day = d.day
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    forms = (
        f"{day} {MONTHS[d.month - 1]} {d.year}",
        f"{day}{suffix} {MONTHS[d.month - 1]} {d.year}",
        f"{day:02d}/{d.month:02d}/{d.year}",
        f"{day:02d}.{d.month:02d}.{d.year % 100:02d}",
        f"{WEEKDAYS[d.weekday()]} {day} {MONTHS[d.month - 1]} {d.year}",
        f"{MONTHS[d.month - 1]} {d.year}",
        f"{day}-{MONTHS[d.month - 1][:3]}-{d.year % 100:02d}",
        f"Q{(d.month - 1) // 3 + 1} {d.year}",
        f"end of {MONTHS[d.month - 1]} {d.year}",
    )
    return forms[form % len(forms)]


# ---------------------------------------------------------------------------------------------
# Plans: plain data, drawn from the seeded generator, rendered later
# ---------------------------------------------------------------------------------------------

# A segment is (text, style): style None for plain text, else a redaction of ``text``:
# "box" (PDF box, nothing beneath), "box_under" (box over visible text), "block" (█ run),
# "bracket", "bracket_lower", "exemption:<s>", "shade" (DOCX black highlight).
Seg = tuple[str, str | None]
# A block is ("h", [Seg]) heading, ("p", [Seg]) paragraph, ("t", header, rows) table with rows of
# cells, each cell a [Seg].


@dataclass
class FilePlan:
    path: str  # relative to the output folder
    fmt: str  # pdf, docx, text, email
    kind: str
    title: str
    date: str
    blocks: list = field(default_factory=list)
    headers: dict = field(default_factory=dict)  # e-mail headers
    landscape: bool = False


@dataclass
class ActionState:
    number: int
    owner: Seg
    text: str
    due: dt.date
    recs: list[int]
    status: str = "Open"


class Writer:
    """Draws sentences for one series; every choice goes through the series' own generator."""

    def __init__(self, rng: random.Random, body: Body, people: list[tuple[str, str]]) -> None:
        self.rng = rng
        self.body = body
        self.people = people

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def redaction_style(self, fmt: str, primary: str) -> str:
        if self.rng.random() < 0.85:
            style = primary
        else:
            style = self.pick(("block", "bracket", "bracket_lower", "exemption"))
        if style == "exemption":
            style = "exemption:" + self.pick(EXEMPTIONS)
        if style == "box" and self.rng.random() < 0.06:
            style = "box_under"  # a bad redaction: the name is still under the box
        if style in ("box", "box_under") and fmt != "pdf":
            style = "block"
        if style == "shade" and fmt != "docx":
            style = "bracket"
        return style

    def person(self, fmt: str, primary: str, p_redact: float = 0.6) -> Seg:
        name, role = self.pick(self.people)
        if self.rng.random() < p_redact:
            return (name, self.redaction_style(fmt, primary))
        return (name if self.rng.random() < 0.5 else role, None)

    def owner(self, fmt: str, primary: str) -> Seg:
        r = self.rng.random()
        if r < 0.45:
            return (self.pick(self.body.roles), None)
        if r < 0.6:
            name, _ = self.pick(self.people)
            return ("".join(p[0] for p in name.split()), None)  # initials
        return self.person(fmt, primary, p_redact=0.8)

    def rec_ref(self) -> tuple[str, list[int]]:
        n = self.rng.randrange(1, self.body.n_recs + 1)
        m = self.rng.randrange(1, self.body.n_recs + 1)
        forms = (
            (f"Recommendation {n}", [n]), (f"Rec. {n}", [n]), (f"recommendation {n}", [n]),
            (f"Rec {n}", [n]), (f"(Rec {n})", [n]),
        )
        if m != n and self.rng.random() < 0.25:
            a, b = sorted((n, m))
            return f"recommendations {a} and {b}", [a, b]
        return self.pick(forms)

    def sentence(self, fmt: str, primary: str, year: int) -> list[Seg]:
        topic = self.pick(self.body.topics)
        r = self.rng.randrange(9)
        if r == 0:
            who = self.person(fmt, primary)
            return [(f"The {self.pick(self.body.roles)} introduced the {topic} update, prepared with ", None),
                    who, (f", and highlighted the position at {uk_date(self._date(year), self.rng.randrange(9))}. ", None)]
        if r == 1:
            n = self.rng.randrange(3, 400)
            return [(f"Members noted that {topic} {self.pick(PROGRESS)}, with {n} {self.pick(UNITS)} "
                     f"recorded in the period to {uk_date(self._date(year), self.rng.randrange(9))}. ", None)]
        if r == 2:
            ref, _ = self.rec_ref()
            return [(f"It was agreed that {ref} of the {self.body.review} would remain open until evidence "
                     f"on {topic} had been provided to the {self.body.committee}. ", None)]
        if r == 3:
            who = self.person(fmt, primary)
            return [who, (f" asked whether the work on {topic} would be reported to the "
                          f"{self.body.name} before the summer recess. ", None)]
        if r == 4:
            return [(f"The {self.body.committee} discussed the {topic} report in detail and requested a "
                     f"further update at the next meeting. ", None)]
        if r == 5:
            ref, _ = self.rec_ref()
            return [(f"The {self.pick(self.body.roles)} confirmed that {ref} had been implemented and "
                     f"that the {topic} procedures were now embedded. ", None)]
        if r == 6:
            return [("A member asked about the resourcing of ", None), (topic, None),
                    (". The response is withheld: ", None),
                    (f"details of {topic} capacity", "exemption:" + self.pick(EXEMPTIONS)), (". ", None)]
        if r == 7:
            pct = self.rng.randrange(40, 99)
            return [(f"Performance on {topic} stood at {pct}% against a target of "
                     f"{min(99, pct + self.rng.randrange(1, 15))}%. ", None)]
        who = self.person(fmt, primary)
        return [("Correspondence from ", None), who, (f" regarding {topic} was noted. ", None)]

    def paragraph(self, fmt: str, primary: str, year: int, n: int | None = None) -> list[Seg]:
        segs: list[Seg] = []
        for _ in range(n or self.rng.randrange(2, 6)):
            segs += self.sentence(fmt, primary, year)
        return _merge(segs)

    def _date(self, year: int) -> dt.date:
        return dt.date(year, self.rng.randrange(1, 13), self.rng.randrange(1, 29))


def _merge(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for text, style in segs:
        if out and style is None and out[-1][1] is None:
            out[-1] = (out[-1][0] + text, None)
        else:
            out.append((text, style))
    if out and out[-1][1] is None:
        out[-1] = (out[-1][0].rstrip(), None)
    return out


def _people(rng: random.Random, body: Body) -> list[tuple[str, str]]:
    return [(f"{rng.choice(FIRST)} {rng.choice(LAST)}", role) for role in body.roles]


@dataclass(frozen=True)
class Size:
    bodies: int
    years: tuple[int, int]  # first, last
    meetings_per_year: int
    report_pages: tuple[int, int]  # items per report, roughly 1.2 pages each
    minutes_items: tuple[int, int]


SIZES = {
    "small": Size(bodies=2, years=(2016, 2017), meetings_per_year=2, report_pages=(2, 4), minutes_items=(5, 8)),
    "bench": Size(bodies=5, years=(2014, 2020), meetings_per_year=12, report_pages=(26, 58), minutes_items=(8, 16)),
}


def plan_corpus(seed: int, size: Size) -> list[FilePlan]:
    rng = random.Random(seed)
    plans: list[FilePlan] = []
    for body in BODIES[: size.bodies]:
        w = Writer(random.Random(rng.getrandbits(64)), body, _people(rng, body))
        plans += _plan_series(w, size)
    return plans


def _meeting_dates(w: Writer, size: Size) -> list[dt.date]:
    dates = []
    for year in range(size.years[0], size.years[1] + 1):
        step = 12 // size.meetings_per_year
        for k in range(size.meetings_per_year):
            month = 1 + k * step + w.rng.randrange(step)
            d = dt.date(year, month, 1 + w.rng.randrange(27))
            dates.append(d)
    return dates


def _plan_series(w: Writer, size: Size) -> list[FilePlan]:
    body = w.body
    plans: list[FilePlan] = []
    open_actions: list[ActionState] = []
    next_action = 1
    for m, when in enumerate(_meeting_dates(w, size)):
        folder = f"{body.code.lower()}/{when.year}"
        stem = f"{body.code}_{when.isoformat()}"
        long_date = uk_date(when, 0)
        # -- actions: close some, carry the rest, add new ones
        updates: list[tuple[ActionState, str]] = []
        for a in open_actions:
            r = w.rng.random()
            if r < 0.4:
                a.status = "Complete"
                updates.append((a, "complete; action closed"))
            elif r < 0.75:
                a.status = "Carried forward"
                a.due = a.due + dt.timedelta(days=w.rng.randrange(30, 120))
                updates.append((a, f"carried forward; revised due date {uk_date(a.due, w.rng.randrange(7))}"))
            else:
                a.status = "In progress"
                updates.append((a, "in progress, update to next meeting"))
        new_actions = []
        for _ in range(w.rng.randrange(2, 6)):
            fmt_hint = "pdf"
            topic = w.pick(body.topics)
            text = f"{w.pick(VERBS)} {w.pick(OBJECTS).format(t=topic)}"
            recs: list[int] = []
            if w.rng.random() < 0.4:
                ref, recs = w.rec_ref()
                text += f" ({ref})" if not ref.startswith("(") else f" {ref}"
            a = ActionState(next_action, w.owner(fmt_hint, "box"), text,
                            when + dt.timedelta(days=w.rng.randrange(30, 150)), recs)
            next_action += 1
            new_actions.append(a)

        # -- minutes
        fmt = "pdf" if w.rng.random() < 0.75 else "docx"
        primary = w.pick(("box", "box", "block", "bracket")) if fmt == "pdf" else w.pick(("shade", "block", "bracket", "exemption"))
        blocks: list = [
            ("h", [(f"{body.name.upper()}", None)]),
            ("h", [(f"{body.committee.upper()}", None)]),
            ("p", [(f"MINUTES of the meeting of the {body.committee} held on {uk_date(when, 4)} at 10.00am "
                    f"in the Board Room, Headquarters.", None)]),
            ("p", _merge([("Present: ", None)] + _join([w.person(fmt, primary, 0.5) for _ in range(5)]))),
            ("h", [("1. Welcome and apologies", None)]),
            ("p", _merge([("The Chair welcomed members. Apologies were received from ", None),
                          w.person(fmt, primary, 0.7), (".", None)])),
            ("h", [("2. Minutes of the previous meeting", None)]),
            ("p", [("The minutes of the previous meeting were approved as an accurate record.", None)]),
            ("h", [("3. Matters arising and action log", None)]),
        ]
        for i, (a, note) in enumerate(updates, 1):
            blocks.append(("p", [(f"3.{i} Action {a.number} – {note}.", None)]))
        if not updates:
            blocks.append(("p", [("There were no matters arising.", None)]))
        n_items = w.rng.randrange(*size.minutes_items)
        for item in range(4, 4 + n_items):
            topic = w.pick(body.topics)
            blocks.append(("h", [(f"{item}. {topic.capitalize()}", None)]))
            for sub in range(1, w.rng.randrange(2, 5)):
                blocks.append(("p", _merge([(f"{item}.{sub} ", None)] + w.paragraph(fmt, primary, when.year))))
        item += 1
        blocks.append(("h", [(f"{item}. Actions agreed", None)]))
        for a in new_actions:
            blocks.append(("p", _merge([(f"Action {a.number} – ", None), a.owner,
                                         (f" to {a.text} by {uk_date(a.due, w.rng.randrange(5))}.", None)])))
        blocks.append(("h", [(f"{item + 1}. Date of next meeting", None)]))
        nxt = when + dt.timedelta(days=w.rng.randrange(28, 95))
        blocks.append(("p", [(f"The next meeting will be held on {uk_date(nxt, w.rng.randrange(5))}.", None)]))
        if fmt == "pdf" and w.rng.random() < 0.5:
            blocks.append(("h", [("ACTION LOG", None)]))
            blocks.append(_action_table(open_actions + new_actions, when))
        plans.append(FilePlan(f"{folder}/{stem}_minutes.{fmt}", fmt, "minutes",
                              f"{body.committee} minutes {long_date}", when.isoformat(), blocks))

        # -- action list
        all_actions = open_actions + new_actions
        fmt_a = "docx" if w.rng.random() < 0.6 else "pdf"
        plans.append(FilePlan(
            f"{folder}/{stem}_action_list.{fmt_a}", fmt_a, "action_list",
            f"{body.committee} action list {long_date}", when.isoformat(),
            [("h", [(f"{body.committee} – Action List", None)]),
             ("p", [(f"Updated following the meeting of {uk_date(when, w.rng.randrange(4))}.", None)]),
             _action_table(all_actions, when)],
        ))
        open_actions = [a for a in all_actions if a.status != "Complete"]
        for a in open_actions:
            if a.status == "Open":
                continue
            a.status = "Open" if w.rng.random() < 0.5 else a.status

        # -- agenda (DOCX or text)
        fmt_g = "docx" if w.rng.random() < 0.6 else "text"
        agenda = [("h", [(f"{body.name} – {body.committee}", None)]),
                  ("p", [(f"AGENDA for the meeting on {uk_date(when, w.rng.randrange(5))} at 10.00am", None)])]
        for i in range(1, w.rng.randrange(6, 11)):
            agenda.append(("p", [(f"{i}. {w.pick(body.topics).capitalize()} – paper {when.year % 100}/{m * 10 + i:03d}", None)]))
        plans.append(FilePlan(f"{folder}/{stem}_agenda.{'docx' if fmt_g == 'docx' else 'txt'}", fmt_g, "agenda",
                              f"{body.committee} agenda {long_date}", when.isoformat(), agenda))

        # -- cover e-mail
        sent = dt.datetime(when.year, when.month, when.day, 9, 0) + dt.timedelta(days=w.rng.randrange(2, 10),
                                                                                  minutes=w.rng.randrange(480))
        clerk, _ = w.pick(w.people)
        body_text = [
            "Dear colleagues,",
            "",
            f"Please find attached the draft minutes and the action list of the {body.committee} meeting "
            f"held on {uk_date(when, w.rng.randrange(5))}. Comments to [Redacted]@{body.domain} by "
            f"{uk_date(sent.date() + dt.timedelta(days=14), w.rng.randrange(5))} please.",
            "",
        ]
        for a in new_actions[:3]:
            body_text.append(f"Action {a.number} – {_plain(a.owner)} to {a.text} by {uk_date(a.due, 0)}.")
        ref, _ = w.rec_ref()
        body_text += ["", f"A further paper on {ref} will follow. Contact [REDACTED] on {w.rng.randrange(1000, 9999)} "
                      f"with any questions.", "", "Kind regards", "", "[Redacted]", "Committee Services",
                      f"[Redacted]@{body.domain}", "", f"<< File: {stem}_minutes.{fmt} >>"]
        plans.append(FilePlan(
            f"{folder}/{stem}_cover.eml", "email", "email", f"{body.code} papers", when.isoformat(),
            [("p", [(line, None)]) for line in body_text],
            headers={
                "From": f"Committee Services <committee.services@{body.domain}>",
                "To": f"[Redacted]@{body.domain}",
                "Cc": f"{clerk.split()[0].lower()}.{clerk.split()[1].lower()}@{body.domain}"
                if w.rng.random() < 0.3 else f"[Redacted]@{body.domain}",
                "Subject": f"{body.committee} – papers from meeting of {uk_date(when, 0)}",
                "Date": sent.strftime("%a, %d %b %Y %H:%M:%S +0000"),
                "Message-ID": f"<{stem}.{m}@foi-bench.invalid>",
            },
        ))

        # -- a report (the pages of the corpus live here)
        if w.rng.random() < 0.9:
            plans.append(_report(w, size, when, folder, stem))
        # -- meeting note as text
        if w.rng.random() < 0.4:
            note = [("p", [(f"MEETING NOTE – {body.committee} pre-meeting, {uk_date(when - dt.timedelta(days=7), 3)}", None)]),
                    ("p", [("Attendees: " + ", ".join(_plain(w.person("text", "block", 0.7)) for _ in range(4)), None)])]
            for _ in range(w.rng.randrange(3, 7)):
                note.append(("p", _merge(w.paragraph("text", w.pick(("block", "bracket", "exemption")), when.year))))
            plans.append(FilePlan(f"{folder}/{stem}_note.txt", "text", "other",
                                  f"{body.committee} pre-meeting note", when.isoformat(), note))
    return plans


def _join(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for i, s in enumerate(segs):
        if i:
            out.append((", ", None))
        out.append(s)
    return out


def _plain(seg: Seg) -> str:
    """A segment as plain text for formats without boxes or shading."""
    text, style = seg
    if style is None:
        return text
    if style in ("box", "box_under", "block", "shade"):
        return BLOCK * len(text)
    if style == "bracket":
        return "[REDACTED]"
    if style == "bracket_lower":
        return "[Redacted]"
    if style.startswith("exemption:"):
        return f"[REDACTED - {style.split(':', 1)[1]}]"
    raise ValueError(style)


def _action_table(actions: list[ActionState], when: dt.date) -> tuple:
    rows = []
    for a in actions:
        rows.append([[(str(a.number), None)], [(a.text[0].upper() + a.text[1:], None)], [a.owner],
                     [(uk_date(a.due, a.number % 4), None)], [(a.status, None)]])
    return ("t", ["Item", "Action", "Owner", "Due", "Status"], rows)


def _report(w: Writer, size: Size, when: dt.date, folder: str, stem: str) -> FilePlan:
    body = w.body
    topic = w.pick(body.topics)
    title = f"{topic.capitalize()}: progress report to the {body.committee}"
    primary = w.pick(("box", "box", "block", "bracket", "exemption"))
    blocks: list = [
        ("h", [(f"{body.name.upper()}", None)]),
        ("h", [(f"REPORT: {title.upper()}", None)]),
        ("p", _merge([(f"Meeting date: {uk_date(when, 2)}. Report by: ", None), w.person("pdf", primary, 0.5),
                      (f", {w.pick(body.roles)}.", None)])),
        ("h", [("1. Purpose", None)]),
        ("p", [(f"This report updates the {body.committee} on progress against the recommendations of the "
                f"{body.review} and on {topic}.", None)]),
    ]
    n_sections = w.rng.randrange(*size.report_pages)
    for s in range(2, 2 + n_sections):
        sect = w.pick(body.topics)
        blocks.append(("h", [(f"{s}. {sect.capitalize()}", None)]))
        for sub in range(1, w.rng.randrange(3, 7)):
            blocks.append(("p", _merge([(f"{s}.{sub} ", None)] + w.paragraph("pdf", primary, when.year, w.rng.randrange(3, 7)))))
        if w.rng.random() < 0.35:
            rows = []
            for _ in range(w.rng.randrange(3, 7)):
                n = w.rng.randrange(1, body.n_recs + 1)
                rows.append([[(f"Rec. {n}", None)],
                             [(f"{w.pick(VERBS).capitalize()} {w.pick(OBJECTS).format(t=sect)}", None)],
                             [w.owner("pdf", primary)],
                             [(uk_date(w._date(when.year + 1), w.rng.randrange(8)), None)],
                             [(w.pick(STATUSES), None)]])
            blocks.append(("t", ["Recommendation", "Management response", "Owner", "Target date", "Status"], rows))
    blocks.append(("h", [(f"{2 + n_sections}. Recommendation", None)]))
    blocks.append(("p", [(f"The {body.committee} is asked to note the report and the status of "
                          f"Recommendations {w.rng.randrange(1, 5)} to {body.n_recs}.", None)]))
    return FilePlan(f"{folder}/{stem}_report.pdf", "pdf", "report", title, when.isoformat(), blocks)


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

FONT, BOLD, SIZE, LEADING = "Helvetica", "Helvetica-Bold", 10.0, 13.0
MARGIN = 60.0


def render(out: str, plan: FilePlan) -> dict:
    path = Path(out) / plan.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if plan.fmt == "pdf":
        pages = _render_pdf(path, plan)
        chars = None
    elif plan.fmt == "docx":
        chars = _render_docx(path, plan)
        pages = None
    elif plan.fmt == "email":
        chars = _render_email(path, plan)
        pages = None
    else:
        chars = _render_text(path, plan)
        pages = None
    # Formats without pages count one page per 3,000 characters (a dense A4 page), at least one.
    counted = pages if pages is not None else max(1, math.ceil(chars / 3000))
    return {"path": plan.path, "format": plan.fmt, "kind": plan.kind, "date": plan.date,
            "pdf_pages": pages, "pages": counted, "bytes": path.stat().st_size}


def _plain_blocks(plan: FilePlan) -> list[str]:
    lines: list[str] = []
    for block in plan.blocks:
        if block[0] in ("h", "p"):
            lines.append("".join(_plain(s) for s in block[1]))
        else:
            _, header, rows = block
            lines.append("\t".join(header))
            lines += ["\t".join("".join(_plain(s) for s in cell) for cell in row) for row in rows]
    return lines


def _render_text(path: Path, plan: FilePlan) -> int:
    text = "\n\n".join(_plain_blocks(plan)) + "\n"
    path.write_bytes(text.encode("utf-8"))
    return len(text)


def _render_email(path: Path, plan: FilePlan) -> int:
    head = "".join(f"{k}: {v}\n" for k, v in plan.headers.items())
    head += 'MIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: 8bit\n'
    body = "\n".join(_plain_blocks(plan)) + "\n"
    path.write_bytes((head + "\n" + body).encode("utf-8"))
    return len(body)


# -- PDF ----------------------------------------------------------------------------------------

_WIDTHS: dict[tuple[str, str], float] = {}


def _w(text: str, font: str = FONT) -> float:
    key = (text, font)
    width = _WIDTHS.get(key)
    if width is None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        width = stringWidth(text, font, SIZE)
        if len(_WIDTHS) < 200_000:
            _WIDTHS[key] = width
    return width


def _pdf_tokens(segs: list[Seg]) -> list[tuple[str, str | None]]:
    """Words to lay out: plain words split on spaces; a box redaction stays one token."""
    toks: list[tuple[str, str | None]] = []
    for text, style in segs:
        if style in ("box", "box_under"):
            toks.append((text, style))
        elif style is None:
            toks += [(word, None) for word in text.split()]
        else:
            toks += [(word, None) for word in _plain((text, style)).split()]
    return toks


def _wrap(segs: list[Seg], width: float, font: str) -> list[list[tuple[str, str | None]]]:
    space = _w(" ", font)
    lines: list[list[tuple[str, str | None]]] = [[]]
    used = 0.0
    for tok in _pdf_tokens(segs):
        tw = _w(tok[0], font)
        if lines[-1] and used + space + tw > width:
            lines.append([])
            used = 0.0
        used += (space if lines[-1] else 0.0) + tw
        lines[-1].append(tok)
    return lines if lines[0] else []


def _draw_line(c, line: list[tuple[str, str | None]], x: float, y: float, font: str) -> None:
    space = _w(" ", font)
    run: list[str] = []
    run_x = x
    for text, style in line:
        if style is None:
            if not run:
                run_x = x
            run.append(text)
            x += _w(text, font) + space
            continue
        if run:
            c.drawString(run_x, y, " ".join(run))
            run = []
        tw = _w(text, font)
        if style == "box_under":
            c.drawString(x, y, text)
        c.rect(x - 0.5, y - 3, tw + 1, SIZE + 4, fill=1, stroke=0)
        x += tw + space
    if run:
        c.drawString(run_x, y, " ".join(run))


class _PdfPage:
    def __init__(self, path: Path, plan: FilePlan) -> None:
        from reportlab.lib.pagesizes import A4, landscape
        from reportlab.pdfgen import canvas

        self.size = landscape(A4) if plan.landscape else A4
        self.c = canvas.Canvas(str(path), pagesize=self.size, invariant=1, pageCompression=1)
        self.c.setTitle(plan.title)
        self.c.setAuthor("foisearch bench generator")
        self.pages = 1
        self.y = self.size[1] - MARGIN
        self.c.setFont(FONT, SIZE)

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN

    def need(self, height: float) -> None:
        if self.y - height < MARGIN:
            self.break_page()

    def break_page(self) -> None:
        self.c.setFont(FONT, 8)
        self.c.drawCentredString(self.size[0] / 2, MARGIN / 2, str(self.pages))
        self.c.showPage()
        self.pages += 1
        self.y = self.size[1] - MARGIN
        self.c.setFont(FONT, SIZE)

    def text(self, segs: list[Seg], font: str) -> None:
        for line in _wrap(segs, self.width, font):
            self.need(LEADING)
            self.c.setFont(font, SIZE)
            self.y -= LEADING
            _draw_line(self.c, line, MARGIN, self.y, font)
        self.y -= LEADING * 0.6

    def table(self, header: list[str], rows: list) -> None:
        fractions = (0.09, 0.45, 0.18, 0.15, 0.13)
        xs = [MARGIN]
        for f in fractions:
            xs.append(xs[-1] + f * self.width)

        def draw_row(cells: list[list[Seg]], font: str) -> None:
            wrapped = [_wrap(cell, xs[i + 1] - xs[i] - 6, font) for i, cell in enumerate(cells)]
            height = max(1, max(len(w) for w in wrapped)) * LEADING + 6
            if self.y - height < MARGIN:
                self.break_page()
                draw_row([[(h, None)] for h in header], BOLD)
            top = self.y
            self.c.setFont(font, SIZE)
            for i, lines in enumerate(wrapped):
                y = top - 3
                for line in lines:
                    y -= LEADING
                    _draw_line(self.c, line, xs[i] + 3, y + 2, font)
            bottom = top - height
            self.c.setLineWidth(0.5)
            self.c.line(xs[0], top, xs[-1], top)
            self.c.line(xs[0], bottom, xs[-1], bottom)
            for x in xs:
                self.c.line(x, top, x, bottom)
            self.y = bottom

        self.need(LEADING * 3)
        draw_row([[(h, None)] for h in header], BOLD)
        for row in rows:
            draw_row(row, FONT)
        self.y -= LEADING

    def save(self) -> int:
        self.c.setFont(FONT, 8)
        self.c.drawCentredString(self.size[0] / 2, MARGIN / 2, str(self.pages))
        self.c.showPage()
        self.c.save()
        return self.pages


def _render_pdf(path: Path, plan: FilePlan) -> int:
    doc = _PdfPage(path, plan)
    for block in plan.blocks:
        if block[0] == "h":
            doc.need(LEADING * 3)
            doc.y -= LEADING * 0.4
            doc.text(block[1], BOLD)
        elif block[0] == "p":
            doc.text(block[1], FONT)
        else:
            doc.table(block[1], block[2])
    return doc.save()


# -- DOCX ---------------------------------------------------------------------------------------


def _docx_runs(paragraph, segs: list[Seg], bold: bool = False) -> None:
    from docx.enum.text import WD_COLOR_INDEX

    for text, style in segs:
        if style == "shade":
            run = paragraph.add_run(text)
            run.font.highlight_color = WD_COLOR_INDEX.BLACK
        else:
            run = paragraph.add_run(_plain((text, style)))
        if bold:
            run.bold = True


def _render_docx(path: Path, plan: FilePlan) -> int:
    from docx import Document

    document = Document()
    chars = 0
    for block in plan.blocks:
        if block[0] == "h":
            p = document.add_heading(level=1)
            _docx_runs(p, block[1])
            chars += sum(len(t) for t, _ in block[1])
        elif block[0] == "p":
            p = document.add_paragraph()
            _docx_runs(p, block[1])
            chars += sum(len(t) for t, _ in block[1])
        else:
            _, header, rows = block
            table = document.add_table(rows=1, cols=len(header))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, header, strict=True):
                _docx_runs(cell.paragraphs[0], [(name, None)], bold=True)
            for row in rows:
                cells = table.add_row().cells
                for cell, segs in zip(cells, row, strict=True):
                    _docx_runs(cell.paragraphs[0], segs)
                    chars += sum(len(t) for t, _ in segs) + 1
    core = document.core_properties
    stamp = dt.datetime.fromisoformat(plan.date + "T09:00:00")
    core.title = plan.title
    core.author = "Committee Services"
    core.last_modified_by = "Committee Services"
    core.created = stamp
    core.modified = stamp
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    _normalise_zip(buffer.getvalue(), path)
    return chars


def _normalise_zip(data: bytes, path: Path) -> None:
    """Sorted entries and fixed timestamps, so the same plan gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = sorted((info.filename, src.read(info.filename)) for info in src.infolist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, payload in entries:
            info = zipfile.ZipInfo(name, FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, payload, compresslevel=6)
    path.write_bytes(out.getvalue())


# ---------------------------------------------------------------------------------------------
# Passages only (query timing)
# ---------------------------------------------------------------------------------------------


def passages(seed: int, count: int):
    """``count`` passages as dicts shaped like the engine's PassageRecord, drawn series by series."""
    rng = random.Random(seed)
    writers = [Writer(random.Random(rng.getrandbits(64)), b, _people(rng, b)) for b in BODIES]
    doc_types = ("minutes", "report", "action_list", "agenda", "email")
    made = 0
    doc = 0
    while made < count:
        w = writers[doc % len(writers)]
        year = 2014 + rng.randrange(7)
        date = dt.date(year, 1 + rng.randrange(12), 1 + rng.randrange(28)).isoformat()
        doc_type = doc_types[rng.randrange(len(doc_types))]
        doc_id = f"{w.body.code.lower()}-{doc:06d}"
        for k in range(min(count - made, 5 + rng.randrange(40))):
            segs = w.paragraph("text", w.pick(("block", "bracket", "exemption", "bracket_lower")), year)
            text = "".join(_plain(s) for s in segs)
            if rng.random() < 0.15:
                ref, recs = w.rec_ref()
                text = f"{ref}: {text}"
            else:
                recs = []
            recs = sorted(set(recs + [int(t) for t in _rec_numbers(text)]))
            yield {
                "passage_id": f"{doc_id}-p{k:03d}", "doc_id": doc_id, "text": text, "recs": recs,
                "year": year, "date": date, "doc_type": doc_type, "group": w.body.committee,
                "has_redaction": any(s[1] is not None for s in segs),
            }
            made += 1
        doc += 1


def _rec_numbers(text: str) -> list[str]:
    import re

    return re.findall(r"\b(?:[Rr]ecommendations?|Rec\.?)\s+(\d+)", text)


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def _render_one(args: tuple[str, FilePlan]) -> dict:
    return render(*args)


def generate(out: str, seed: int, size_name: str, jobs: int = 1) -> dict:
    size = SIZES[size_name]
    plans = plan_corpus(seed, size)
    os.makedirs(out, exist_ok=True)
    work = [(out, p) for p in plans]
    if jobs > 1:
        import multiprocessing

        # Largest first: the long reports otherwise finish last on one core.
        order = sorted(range(len(work)), key=lambda i: -len(work[i][1].blocks))
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            done = pool.map(_render_one, [work[i] for i in order], chunksize=4)
        files = [None] * len(work)
        for i, entry in zip(order, done, strict=True):
            files[i] = entry
    else:
        files = [_render_one(w) for w in work]
    manifest = {
        "generator_version": GENERATOR_VERSION, "seed": seed, "size": size_name,
        "files": files,
        "totals": {
            "files": len(files),
            "pages": sum(f["pages"] for f in files),
            "pdf_pages": sum(f["pdf_pages"] or 0 for f in files),
            "by_format": {fmt: sum(1 for f in files if f["format"] == fmt) for fmt in ("pdf", "docx", "text", "email")},
        },
    }
    Path(out, "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--size", choices=sorted(SIZES), default="small")
    ap.add_argument("--out", required=True, help="folder (or .jsonl file with --passages-only)")
    ap.add_argument("--passages-only", type=int, metavar="N", help="write N passages as JSONL to --out")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="rendering processes")
    args = ap.parse_args(argv)
    started = time.perf_counter()
    if args.passages_only:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "w", encoding="utf-8") as f:
            for p in passages(args.seed, args.passages_only):
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        print(f"{args.passages_only} passages -> {args.out} in {time.perf_counter() - started:.1f} s")
        return 0
    manifest = generate(args.out, args.seed, args.size, args.jobs)
    t = manifest["totals"]
    print(f"{t['files']} files ({t['by_format']}), {t['pages']} pages ({t['pdf_pages']} PDF pages) "
          f"-> {args.out} in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
