"""Quoted words and who said them."""

import itertools
import re

from .names import PERSON, SPEECH_VERBS, ActorMatch, EntryMatches, QuoteMatch
from .sentences import SENTENCE_END

_QUOTE = re.compile(r"“(?P<curly>[^“”]{3,1500})”|\"(?P<straight>[^\"\n]{3,1500})\"")


def find_quotes(text: str, matches: EntryMatches) -> list[QuoteMatch]:
    """Quoted words and who said them: "X said “…”", "“…,” X said", "“…,” said X"."""
    quotes = []
    people = [
        m
        for m in matches.actors
        if (m.entry.kind == PERSON if m.entry else m.proposed_kind == PERSON)
    ]
    for quote in _QUOTE.finditer(text):
        words = (quote.group("curly") or quote.group("straight") or "").strip()
        if len(words.split()) < 2:
            continue
        speaker = _speaker_before(text, quote.start(), people) or _speaker_after(
            text, quote.end(), people
        )
        if speaker:
            quotes.append(QuoteMatch(speaker, words.strip(" ,"), quote.start()))
    return quotes


NEAR_VERB = 6  # words between a speaker's name and the speech verb: "Blinken told reporters"
PRONOUNS = {"he", "she"}
_QUOTE_MARKS = re.compile(r"[“”\"]")


def _possessive(text: str, match: ActorMatch) -> bool:
    return text[match.end : match.end + 2] in {"’s", "'s"}


def _speaker_before(text: str, start: int, people: list[ActorMatch]) -> ActorMatch | None:
    """ "Blinken said, “…”", "Sybiha said on Wednesday of forthcoming military aid, “…”".

    The speaker is the person named just before the speech verb (a possessive such as
    "Putin’s aide" does not count); "he"/"she" is the first person the sentence names, or
    the last one named before it. Anyone further away is not trusted to be the speaker.
    """
    starts = _sentence_starts(text, start)
    sentence_start = starts[-1]
    verbs = list(re.finditer(rf"\b(?:{SPEECH_VERBS})\b", text[sentence_start:start]))
    if not verbs:
        return None
    verb_at = sentence_start + verbs[-1].start()
    if len(text[verb_at:start]) > 160:
        return None
    subject = text[max(sentence_start, verb_at - 20) : verb_at].split()
    subject = [w for w in subject if w.casefold() not in {"also", "then", "later"}]
    if subject and subject[-1].casefold() in PRONOUNS:
        # "he said": the subject of this sentence, else of the nearest one naming someone.
        for begin, end in reversed(list(itertools.pairwise([*starts, verb_at]))):
            named = [m for m in people if begin <= m.start < end]
            if named:
                return named[0]
        return None
    speakers = [
        m for m in people if sentence_start <= m.start < verb_at and not _possessive(text, m)
    ]
    if speakers:
        between = text[speakers[-1].end : verb_at]
        # Another quotation in between means the name belongs to that one, not this.
        if len(between.split()) <= NEAR_VERB and not _QUOTE_MARKS.search(between):
            return speakers[-1]
    return None


def _sentence_starts(text: str, before: int, limit: int = 4) -> list[int]:
    """Where the sentence holding ``before`` starts, after up to ``limit`` earlier ones."""
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text, 0, before)]
    starts += [m.end() for m in re.finditer("\n", text[:before])]
    return sorted(set(starts))[-limit:]


def _speaker_after(text: str, end: int, people: list[ActorMatch]) -> ActorMatch | None:
    """ "“…,” Blinken said", "“…”, said Blinken", "“…,” affirmed EU Energy Commissioner X"."""
    tail = text[end : end + 120]
    verb = re.match(
        rf"\s*[,.]?\s*(?:(?P<before>[^.“”\"]{{0,80}}?)\s+)?\b(?:{SPEECH_VERBS})\b", tail
    )
    if not verb:
        return None
    limit = end + verb.end() + 60
    after = [m for m in people if end <= m.start <= limit and not _possessive(text, m)]
    return after[0] if after else None
