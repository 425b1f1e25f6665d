"""What the release itself says about its capitalised words: common word, organisation, place, or maybe a person.

There is no trained model (spaCy is used blank), so the evidence that "Police" or "NSS" is not a
person comes from the release: a word that also appears in lower case mid-sentence is a common
word ("Chair" / "the chair"); a word inside a capitalised phrase with an organisation head
("Tripartite Group", "Northern Forum") or after "in"/"across" is an organisation or a place; an
all-caps token used as "the SG", "(SPS)", "the ABC colleagues" or "NSS are" is an acronym.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.furniture import HONORIFICS
from ingest.models import Document

# Job titles: the word that makes "X, SG Head of ..." a role slot. Lower-cased.
ROLE_WORDS = frozenset("""
head director deputy chair chairs chairman chairperson chairwoman convener convenor vice secretary
manager officer inspector lead coordinator co-ordinator coordinators co-ordinators specialist
adviser advisor analyst superintendent commander chief minister clerk facilitator administrator
executive president principal representative note-taker solicitor governor commissioner
""".split())

# Words that stand for a body or a role in a speaker slot ("Chair welcomed", "Members noted").
# Most are also caught because the release uses them in lower case; the list covers releases
# too short for that evidence.
NON_PERSON = frozenset("""
chair chairs secretary secretariat members member group groups committee committees attendees
board council everyone all team panel forum officers staff partners colleagues participants
delegates government minister ministers agency service services department unit authority
authorities inspectorate police action actions item items note notes update updates discussion
minutes agenda apologies present attendance report paper papers thanks regards meeting dear
""".split())

# Heads of organisation and place names: any capitalised phrase holding one names a body.
ORG_HEADS = frozenset("""
group unit service services council authority board division office agency network branch
committee team department directorate inspectorate government police prison forum association
partnership trust university college house room quay street road city region area centre center
ministry executive parliament court courts constabulary commission federation institute
hospital nhs hmp hmps ltd plc limited church school
""".split())

# Two- and three-letter capitals that are words, not someone's initials.
COMMON_CAPS = frozenset("""
UK US USA EU IT HR ID OK NB PS AM PM TV PC GP MP QC KC HQ PA CC BCC RE FW FWD FYI ASAP AOB AOCB
NHS FOI FOISA EIR EIRS DPA GDPR RAG TBC TBA NA N/A CEO CFO COO PDF DOC XLS VPN IOS MAC SQL
""".split())

MONTH_DAY = frozenset("""
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday mon tue tues wed thu thur thurs fri sat sun
""".split())

PLACE_PREPS = frozenset("in at across throughout within near around".split())
DETERMINERS = frozenset("the a an this that these those our their his her its your my each every any".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")
_EMAILISH = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_CAPS = re.compile(r"^[A-Z]{2,6}s?$")
# A run of capitalised words (and the small words inside organisation names) on one line.
_PHRASE = re.compile(
    r"(?:[A-Z][\w'’\-]*|&)(?:[ \t]+(?:[A-Z][\w'’\-]*|of|and|&|for|the|on|in)(?=[\s,;:.)]|$))*(?:[ \t]+[A-Z][\w'’\-]*)?"
)
_NAME_SHAPE = re.compile(r"^[A-Z][A-Za-z'’\-]*[a-z][A-Za-z'’\-]*$")
_INITIALS = re.compile(r"^(?:[A-Z]{2,3}|(?:[A-Z]\.){2,3}|[A-Z]\.[A-Z])$")


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words: pronouns and function words ("She explained") are never names."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_name_shape(word: str) -> bool:
    return bool(_NAME_SHAPE.match(word)) and not word.isupper()


def is_initials_shape(word: str) -> bool:
    return bool(_INITIALS.match(word)) and word.replace(".", "") not in COMMON_CAPS


@dataclass
class Lexicon:
    lower: set[str] = field(default_factory=set)  # words seen in lower case
    org: set[str] = field(default_factory=set)  # capitalised words seen naming a body or place
    acronyms: set[str] = field(default_factory=set)  # all-caps tokens seen used as an organisation

    def is_common(self, word: str) -> bool:
        w = word.lower().strip("'’")
        w = re.sub(r"['’]s$", "", w)
        return (w in self.lower or w in NON_PERSON or w in ROLE_WORDS or w in MONTH_DAY or w in HONORIFICS
                or w in _stop_words())

    def person_word(self, word: str) -> bool:
        """A capitalised word that could be (part of) a person's name in this release."""
        base = re.sub(r"['’]s?$", "", word)
        if not is_name_shape(base) or len(base) < 2:
            return False
        return not self.is_common(base) and base not in self.org

    def person_initials(self, word: str) -> bool:
        """An all-caps token that could be a person's initials (not an acronym the release uses)."""
        bare = word.replace(".", "")
        return is_initials_shape(word) and bare not in self.acronyms


def build_lexicon(docs: list[Document]) -> Lexicon:
    lex = Lexicon()
    for doc in docs:
        text = _EMAILISH.sub(" ", doc.text)
        words = [(m.group(), m.start()) for m in _WORD.finditer(text)]
        for i, (word, start) in enumerate(words):
            if word.islower():
                lex.lower.add(word.strip("'’"))
                continue
            bare = word.rstrip("s") if _CAPS.match(word) and word.endswith("s") and len(word) > 2 else word
            prev = words[i - 1][0] if i else ""
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            gap = text[start + len(word): words[i + 1][1]] if i + 1 < len(words) else ""
            if _CAPS.match(word):
                # "the SG", "(SPS)", "SGCSU colleagues", "NSS are", "SG Housing": an organisation.
                before = text[max(0, start - 1):start]
                after = text[start + len(word):start + len(word) + 1]
                used_as_org = (
                    prev.lower() == "the"
                    or (before == "(" and after == ")")
                    or (gap.strip() == "" and "\n" not in gap and nxt and (
                        (nxt.islower() and nxt not in _SPEECH_VERBS and nxt not in ("to", "and", "or", "had", "has"))
                        or (nxt[0].isupper() and nxt.lower() not in ROLE_WORDS and not _CAPS.match(nxt))
                    ))
                )
                if used_as_org:
                    lex.acronyms.add(bare)
            elif prev.lower() in PLACE_PREPS and is_name_shape(word):
                lex.org.add(word)
        for m in _PHRASE.finditer(text):
            parts = re.split(r"[ \t]+", m.group())
            # A phrase is cut at job titles: "Tom Smith SG Head of X Unit" names Tom, then a unit.
            chunks: list[list[str]] = [[]]
            for p in parts:
                if p.lower() in ROLE_WORDS:
                    chunks.append([])
                else:
                    chunks[-1].append(p)
            for chunk in chunks:
                if len(chunk) < 2:
                    continue
                heads = [p for p in chunk if p.lower().rstrip("'’s") in ORG_HEADS or p.lower() in ORG_HEADS
                         or (_CAPS.match(p) and len(p) >= 3)]
                if heads:
                    lex.org.update(p for p in chunk if is_name_shape(p))
    lex.acronyms -= {""}
    return lex


# Verbs that follow a speaker; an all-caps token directly before one is not thereby an organisation.
_SPEECH_VERBS = frozenset("""
advised explained welcomed updated reported confirmed noted highlighted stated agreed added raised
suggested provided spoke talked invited asked posited acknowledged emphasised emphasized said
commented informed proposed presented outlined indicated queried thanked offered circulated
summarised summarized introduced described mentioned observed replied responded recommended
undertook agreed clarified expressed gave led opened closed chaired tabled reiterated stressed
advises explains reports confirms notes states agrees adds says asks
""".split())

SPEECH_VERBS = _SPEECH_VERBS
