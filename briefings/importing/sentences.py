"""The text around a name: its sentences (and their named entities), the words of a run
of capitalised words, and the small tests of context the matcher asks."""

import bisect
import re
from dataclasses import dataclass

from . import entities
from .credits import credit_zones
from .names import (
    NOT_NAMES,
    ORGANISATION_WORDS,
    SPEECH_VERBS,
    TITLE_WORDS,
    is_particle,
    without_article,
)

# Sentence ends, but not the full stop of "Mr." or "U.S.": where a pronoun's sentence starts.
SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<![A-Z])[.!?][”\"’]?\s+"
)


def title_context(text: str, start: int) -> bool:
    """Whether the words just before ``start`` introduce a person: "Prime Minister …"."""
    before = text[max(0, start - 60) : start].split()
    # "Vice-President JD Vance", "Commander-in-Chief Oleksandr Syrskyi", "Rep. Greene"
    if not before:
        return False
    word = before[-1].strip(",").rstrip(".").casefold()
    return word in TITLE_WORDS or word.split("-")[-1] in TITLE_WORDS


def speech_follows(text: str, end: int, verbs: str = SPEECH_VERBS) -> bool:
    return bool(re.match(rf"\s*,?\s*(?:also\s+|then\s+|later\s+)?(?:{verbs})\b", text[end:]))


# What people and organisations do in the news besides speaking: a name followed by one of
# these is an actor's.
ACTION_VERBS = (
    SPEECH_VERBS + "|tells|warns|announces|confirmed|confirms|spoke|speaks|denied|denies|"
    "responded|responds|met|meets|visited|visits|signed|signs|pledged|pledges|urged|urges|"
    "rejected|rejects|ordered|orders|vowed|vows|condemned|condemns|promised|promises"
)


def person_shaped(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 5
        and words[0].casefold() not in NOT_NAMES
        and all(
            (without_article(w)[:1].isupper() or is_particle(w))
            and w.replace("-", "").replace("’", "").replace("'", "").isalpha()
            and (not w.isupper() or (k == 0 and len(w) <= 2))  # "JD Vance", not "SAMYA KULLAB"
            for k, w in enumerate(words)
        )
        and not any(
            w.casefold().strip(".") in ORGANISATION_WORDS | TITLE_WORDS
            and not (w.istitle() and w.casefold() in {"un", "us", "eu", "uk"})  # "Kim Jong Un"
            for w in words
        )
    )


def bare_word(word: str) -> str:
    """A word without trailing punctuation or possessive: "Prigozhin’s," → "Prigozhin"."""
    word = word.rstrip('.,;:!?)”"')
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    return word.rstrip("’'")


class Sentences:
    """The sentences of a text, and the named entities of those the matcher asks about.

    In a collecting pass (``collect`` given) nothing is recognised: the sentences that
    would need the model are gathered, to be tagged in one batch.
    """

    def __init__(self, text: str, collect: set[str] | None = None):
        self.text = text
        self.collect = collect
        self.bounds = _sentence_bounds(text)
        self.starts = [start for start, _ in self.bounds]
        self.credits = credit_zones(text)

    def start_of(self, position: int) -> int:
        at = bisect.bisect_right(self.starts, position) - 1
        return self.starts[at] if at >= 0 else 0

    def in_credits(self, position: int) -> bool:
        return any(start <= position < end for start, end in self.credits)

    def entity_at(self, position: int) -> tuple[int, int, str] | None:
        """(start, end, label) in the text of the entity covering ``position``, or None."""
        at = bisect.bisect_right(self.starts, position) - 1
        if at < 0 or position >= self.bounds[at][1]:
            return None
        start, end = self.bounds[at]
        sentence = self.text[start:end]
        if self.collect is not None:
            self.collect.add(sentence)
            return None
        for entity in entities.entities(sentence):
            if entity.start <= position - start < entity.end:
                return start + entity.start, start + entity.end, entity.label
        return None


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in re.finditer(r"\n+|" + SENTENCE_END.pattern, text):
        if match.start() > start:
            bounds.append((start, match.start() + (0 if match.group(0).isspace() else 1)))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


def word_offsets(text: str, start: int, words: list[str]) -> list[int]:
    offsets, cursor = [], start
    for word in words:
        cursor = text.index(word, cursor)
        offsets.append(cursor)
        cursor += len(word)
    return offsets


@dataclass
class Span:
    text: str
    words: list[str]
    offsets: list[int]

    def phrase(self, i: int, j: int) -> str:
        return bare_word(self.text[self.offsets[i] : self.offsets[j - 1] + len(self.words[j - 1])])

    def at_sentence_start(self, i: int) -> bool:
        before = self.text[: self.offsets[i]].rstrip(" \t“\"‘'(")
        return not before or before[-1] in ".!?:\n—–-•*#>"


def is_connector(word: str) -> bool:
    return word in {"of", "for", "the", "and", "on", "in"}
