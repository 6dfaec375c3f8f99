"""Matching names in text to the registry of sources and actors. Pure: the registry is
plain data, built from the database by the loader (or from a file by a test).

Actors are found by their names and aliases, with case and diacritics folded — except
all-capital aliases ("US", "EU", "AP"), which match only in capitals, so the pronoun "us" is
nobody. Misspellings and transliterations ("Sybhia", "Zelenskiy") are matched fuzzily, but a
full name whose surname is known and whose given name differs ("Dmitry Ushakov" against
Yuri Ushakov) is never merged: it is proposed as a new actor with a warning. Unknown
people introduced with a title ("Italian Prime Minister Giorgia Meloni") or quoted
("…, Oleksandr Merezhko said") are proposed as new, unreviewed actors.
"""

import re
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from . import entities
from .names import (
    FUNCTION_WORDS,
    GOVERNMENT_WORDS,
    NOT_NAMES,
    ORGANISATION,
    ORGANISATION_WORDS,
    PERSON,
    TITLE_WORDS,
    WORD_SURNAMES,
    ActorMatch,
    EntryMatches,
    Registry,
    RegistryEntry,
    fold,
    is_acronym,
    is_particle,
    organisation_initials,
    spelling,
)
from .organisations import ORGANISATION_EVIDENCE, introduced_as_organisation, state_body
from .proposals import NOT_ACTORS, proposal_at
from .sentences import (
    ACTION_VERBS,
    Sentences,
    Span,
    bare_word,
    is_connector,
    person_shaped,
    speech_follows,
    word_offsets,
)
from .surroundings import (
    REGIONS,
    THING_AFTER,
    cited_at,
    closes,
    name_like,
    part_of_a_country,
)

# Fuzzy thresholds (rapidfuzz ratio, 0–100). Measured on the seeds' spellings: "Sybhia" and
# "Sybiga" score 83 against "Sybiha", "Zelenskiy" 94 against "Zelensky"; "Dmitry Ushakov"
# scores 69 against "Yuri Ushakov" and must stay apart.
FUZZY_SURNAME = 80  # a single word against a one-word alias of at least MIN_FUZZY letters
FUZZY_FULL_NAME = 88  # several words against a several-word alias
MIN_FUZZY = 6


# Capital letters of every Latin alphabet, not only Latin-1's: "Čaputová", "Šutaj Eštok",
# "Łukasz", "Vučić".
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(
    c for c in map(chr, range(0x100, 0x250)) if c.isupper() and c.isalpha()
)
# A capitalised word of a name, and the particles that stand between such words ("Charles
# de Gaulle", "Ursula von der Leyen"), never first or last: in "la Corporación Nacional
# Forestal", "Sonora la" they are the article and preposition of Spanish or French around
# a name.
_CAPITAL_WORD = (
    rf"(?:[{_UPPER}][\w’'.-]*|(?:al|el|ad|as|an|ash|at|az|ul|ur|ud)-[{_UPPER}][\w’'.-]*)"
)
_PARTICLE = (
    r"(?:von der|von|van der|van den|van|de|der|den|bin|ibn|da|dos|das|del|della|dei|di|du|"
    r"la|le|ter|ten|al-)"
)
_NAME_WORD = rf"(?:(?:{_PARTICLE}(?!\w)[^\S\n]*)*{_CAPITAL_WORD})"
# A run of capitalised words, joined by the small words of organisations' names: "Group of
# Seven", "Institute for the Study of War". Never across a line break.
# Not after a hyphen: "pro-Kremlin", "anti-NATO", "non-EU" are adjectives, not mentions.
_CAPITALISED = re.compile(
    rf"(?<![\w’'-]){_CAPITAL_WORD}(?:[^\S\n]+(?:(?:of|for|and|in)(?:[^\S\n]+the)?[^\S\n]+|"
    rf"&[^\S\n]+)?{_NAME_WORD})*"
)


def prepare_actors(texts: list[str], registry: Registry, context: Sequence[str] = ()) -> None:
    """Run the named-entity step on every sentence of ``texts`` that will need it, in one
    batch, before ``find_actors`` reads them one text at a time.

    The same pass collects the people the document names in full, so that each of its
    texts knows them by their surname even where it comes first ("Yoon's removal" in an
    entry above the one that names Yoon Suk Yeol) or only in ``context``, its headline
    ("Pope Francis dies aged 88" over entries that say "Francis")."""
    needed: set[str] = set()
    people: dict[str, ActorMatch] = {}
    registry.document_people = {}  # the previous document's people are not this one's
    for text, collect in [*((t, needed) for t in texts), *((t, set()) for t in context if t)]:
        for match in _find(text, registry, Sentences(text, collect=collect)).actors:
            if (
                match.entry is None
                and match.proposed_kind == PERSON
                and len(match.proposed_name.split()) >= 2
            ):
                # by the surname only: a full name is proposed where it is written
                for alias in match.proposed_aliases:
                    people.setdefault(spelling(alias), match)
    entities.recognise(sorted(needed))
    registry.document_people = people


def find_actors(text: str, registry: Registry) -> EntryMatches:
    """Every actor named in ``text``, in order, with proposals for unknown people and
    organisations."""
    return _find(text, registry, Sentences(text))


# A given name, one or two initials, a surname: "Juan M. Merchan", "George H. W. Bush".
_MIDDLE_INITIALS = re.compile(
    rf"(?<![\w’'.-])([{_UPPER}][a-z][\w’'-]*)[^\S\n]+"
    rf"((?:[{_UPPER}]\.[^\S\n]?){{1,2}})(?=[^\S\n]*([{_UPPER}][a-z][\w’'-]*))"
)


def _without_middle_initials(text: str) -> str:
    """``text`` with the middle initials of people's names blanked (same length, so every
    offset stays): "Juan M. Merchan" is read as "Juan Merchan", its first and last names,
    not as "Juan" and a new sentence."""
    if "." not in text:
        return text
    spans = []
    for match in _MIDDLE_INITIALS.finditer(text):
        given, after = match.group(1).casefold(), match.group(3).casefold()
        if (
            given in TITLE_WORDS | ORGANISATION_WORDS | NOT_NAMES
            or after in TITLE_WORDS | NOT_NAMES | FUNCTION_WORDS
        ):
            continue  # "Plan B. Officials said", "Group C. The draw"
        spans.append(match.span(2))
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _find(text: str, registry: Registry, sentences: Sentences) -> EntryMatches:
    original, text = text, _without_middle_initials(text)
    result = _find_in(text, registry, sentences)
    if text != original:
        for match in result.actors:
            match.surface = original[match.start : match.end]
            match.proposed_name = " ".join(match.proposed_name.split())
    return result


def _find_in(text: str, registry: Registry, sentences: Sentences) -> EntryMatches:
    result = EntryMatches()
    proposed: dict[str, ActorMatch] = {}  # this text's proposals, by spelling key
    listed = _listed_names(text, registry, sentences)
    for found in listed:
        result.actors.append(found)
        proposed.setdefault(spelling(found.proposed_name), found)
    for match in _CAPITALISED.finditer(text):
        if any(m.start <= match.start() < m.end for m in listed):
            continue  # a word of a name read whole with its commas
        start = match.start()
        for words in _sentence_parts(match.group(0).split()):
            if is_acronym(words[-1]):
                end = text.index(words[-1], start) + len(words[-1])
                words += _lowercase_tail(text, end, words, registry)
            offsets = word_offsets(text, start, words)
            _match_span(Span(text, words, offsets), registry, sentences, proposed, result)
            start = offsets[-1] + len(words[-1])
    result.actors.sort(key=lambda m: m.start)
    return result


_WORD = rf"[{_UPPER}][\w’'-]*"
# An organisation's name that lists its members' trades: "the Kenya Medical Practitioners,
# Pharmacists and Dentists Union", "the Food, Beverage and Tobacco Workers Union".
_LISTING_NAME = re.compile(
    rf"(?<![\w’'-])(?P<first>{_WORD}(?:[^\S\n]+{_WORD})*)"
    rf"(?P<middle>(?:,[^\S\n]+{_WORD})+),?[^\S\n]+(?:and|&)[^\S\n]+"
    rf"(?P<last>(?:{_WORD}[^\S\n]+){{0,3}}(?P<head>{_WORD}))(?![\w’'-])"
)


def _listed_names(text: str, registry, sentences) -> list[ActorMatch]:
    """The organisations whose names hold commas and an "and" — a list of trades or
    fields before the head noun ("Practitioners, Pharmacists and Dentists Union") —
    read whole, not as the list's items. Not a list of known names ("Britain, France and
    Germany"), nor one whose head noun is no organisation's."""
    if "," not in text:
        return []
    found = []
    for match in _LISTING_NAME.finditer(text):
        head = match.group("head").casefold()
        if head not in ORGANISATION_EVIDENCE or head in GOVERNMENT_WORDS - {"union", "council"}:
            continue
        first, start = match.group("first"), match.start()
        if first.split()[0] in ("The", "A", "An") and " " in first:
            first = first.split(maxsplit=1)[1]  # "The Ghana Nurses, Midwives and …"
            start = match.start("first") + match.group("first").index(first)
        items = [first]
        items += [w.strip(", ") for w in match.group("middle").split(",") if w.strip()]
        items.append(match.group("last"))
        if any(registry.actor(item) or registry.is_outlet(item) for item in items):
            continue
        plural = all(w.endswith("s") and not w.endswith("ss") for w in items[1:-1])
        if not plural and (len(items[0].split()) < 2 or len(items[-1].split()) < 2):
            continue  # "Acme, Globex and Initech Group": three companies, not one
        if any(w.casefold() in NOT_NAMES | TITLE_WORDS for w in first.split()):
            continue  # "Meanwhile Nurses, Midwives and …": a sentence's capitalised word
        if sentences.in_credits(start):
            continue
        name = text[start : match.end()]
        known = registry.actor(name)
        found.append(
            ActorMatch(known, name, start, match.end())
            if known
            else ActorMatch(
                None, name, start, match.end(), proposed_name=name, proposed_kind=ORGANISATION
            )
        )
    return found


# Abbreviations whose full stop ends no sentence: "Gen. Keith Kellogg", "Acme Corp. chief".
_ABBREVIATED = {"inc", "corp", "co", "ltd", "jr", "sr", "st", "mt", "ft", "ave", "no", "vs"}


def _sentence_parts(words: list[str]) -> list[list[str]]:
    """A run of capitalised words cut where a sentence ends inside it: "… and Prince Edward
    Island. Elections Canada says" names the island, then the agency — never "Edward
    Island. Elections Canada". Initials ("Juan M. Merchan", "U.S.") and abbreviated titles
    ("Gen.", "Sen.") end nothing."""
    parts, current = [], []
    for k, word in enumerate(words):
        current.append(word)
        letters = word.rstrip(".")
        if (
            k + 1 < len(words)
            and word.endswith(".")
            and len(letters) >= 3
            and "." not in letters
            and (letters.isupper() or letters.casefold() not in TITLE_WORDS | _ABBREVIATED)
        ):
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


_LOWER_WORDS = re.compile(r"[^\S\n]+([a-z][a-z-]*)")


def _lowercase_tail(text, end, words, registry) -> list[str]:
    """The lower-case words that complete a registry name begun by an abbreviation: "UN
    general assembly", "UN refugee agency" (at most three)."""
    tail = []
    while len(tail) < 3 and (word := _LOWER_WORDS.match(text, end)):
        tail.append(word.group(1))
        end = word.end()
    for k in range(len(tail), 0, -1):
        if registry.actor(" ".join([words[-1], *tail[:k]])):
            return tail[:k]
    return []


LONGEST = 9  # words in a registry name: "UN Office for the Coordination of Humanitarian Affairs"


def _match_span(span, registry, sentences, proposed, result) -> None:
    words, offsets = span.words, span.offsets
    surnames, full_names = registry.surnames(), registry.full_names()
    i = 0
    while i < len(words):
        if is_connector(words[i]):
            i += 1
            continue
        if part_of_a_country(span, i, registry):
            i += 2  # "Western Australia closes in two hours": a place, not Australia
            continue
        defined = _defined_by_abbreviation(span, i, registry)
        if defined:
            result.actors.append(defined)
            i = len(words)
            continue
        found = _known(span, i, registry, result)
        if found:
            i = found
            continue
        local = (
            _proposed_before(span, i, proposed)
            or _abbreviation_after(span, i, result)
            or _acronym_of(span, i, registry, proposed)
        )
        if local:
            match, length = local
            result.actors.append(match)
            i += length
            continue
        if cited_at(span.text, offsets[i], registry):
            i += 1  # "according to projections published by Milenio": a source, not "Milei"
            continue
        fuzzy = _fuzzy(words, i, registry, surnames, full_names)
        if fuzzy:
            entry, length = fuzzy
            phrase = bare_word(" ".join(words[i : i + length]))
            result.actors.append(
                ActorMatch(entry, phrase, offsets[i], offsets[i] + len(phrase), fuzzy=True)
            )
            i += length
            continue
        proposal = proposal_at(span, i, registry, sentences)
        if proposal and _known_inside(span, i, proposal, registry, proposed):
            i += 1  # "Meeting Volodymyr Zelensky": a known name after a capitalised word
            continue
        if proposal:
            match, length = proposal
            if match.proposed_kind == PERSON:
                namesake = registry.actor(match.proposed_name.split()[-1])
                if namesake and namesake.kind == PERSON:
                    result.warnings.append(_namesake_warning(match.proposed_name, namesake))
                for alias in match.proposed_aliases:
                    proposed.setdefault(spelling(alias), match)
            proposed.setdefault(spelling(match.proposed_name), match)
            if match.proposed_kind == ORGANISATION:
                # "the Public Health Agency" again, after "Sweden's Public Health Agency"
                proposed.setdefault(spelling(match.surface), match)
            result.actors.append(match)
            i += length
            continue
        coordinated = _coordinated_person(span, i, result, sentences)
        if coordinated:
            match, length = coordinated
            result.actors.append(match)
            i += length
            continue
        named = _named_elsewhere(span, i, registry)
        if named:
            result.actors.append(named)
        i += 1


_AND = re.compile(r"[^\S\n]+and[^\S\n]+")


def _coordinated_person(span, i, result, sentences) -> tuple[ActorMatch, int] | None:
    """A person-shaped name coordinated with a person named right before it: "Elon Musk
    and Vivek Ramaswamy will lead …" — not a place the model knows ("Trump and Palm
    Beach")."""
    if not result.actors:
        return None
    last = result.actors[-1]
    if (last.entry.kind if last.entry else last.proposed_kind) != PERSON:
        return None
    if not _AND.fullmatch(span.text, last.end, span.offsets[i]):
        return None
    k = i + 1
    while k < len(span.words) and name_like(span, k) and not closes(span.words[k - 1]):
        k += 1
    if not person_shaped([bare_word(w) for w in span.words[i:k]]):
        return None
    entity = sentences.entity_at(span.offsets[i])
    if entity is not None and entity[2] in NOT_ACTORS:
        return None
    name = span.phrase(i, k)
    start = span.offsets[i]
    return ActorMatch(None, name, start, start + len(name), proposed_name=name), k - i


def _named_elsewhere(span, i, registry) -> ActorMatch | None:
    """A surname alone that the document gives in full in another of its texts (set by
    ``prepare_actors``): "Yoon's removal" above the entry that names Yoon Suk Yeol."""
    if not registry.document_people:
        return None
    word = bare_word(span.words[i])
    earlier = registry.document_people.get(spelling(word))
    if (
        earlier is None
        or fold(word) in FUNCTION_WORDS  # "More than 300 …" is not a Moore named elsewhere
        or (i > 0 and not closes(span.words[i - 1]) and name_like(span, i - 1))
        or (i + 1 < len(span.words) and not closes(span.words[i]) and name_like(span, i + 1))
    ):
        return None  # part of a longer name: "Olena Zelenska" is not Volodymyr Zelensky
    if _in_other_full_name(span.text, word, earlier.proposed_name):
        # "Prabowo apologises" over "President Prabowo Subianto said": the text's own
        # Prabowo, not "Listyo Sigit Prabowo" named in another entry
        return None
    start = span.offsets[i]
    return ActorMatch(
        None,
        word,
        start,
        start + len(word),
        proposed_name=earlier.proposed_name,
        proposed_kind=PERSON,
    )


def _in_other_full_name(text: str, word: str, name: str) -> bool:
    """Whether ``text`` opens another full name than ``name`` with ``word``: "Prabowo
    Subianto" (whose given name it is) beside a "Listyo Sigit Prabowo" named elsewhere."""
    for match in re.finditer(
        rf"(?<![\w’'-]){re.escape(word)}(?:[^\S\n]+[{_UPPER}][\w’'-]+)+", text
    ):
        if fold(match.group(0)) not in fold(name):
            return True
    return False


def _known(span, i, registry, result) -> int | None:
    """A registry name starting at word ``i``: the match is added and the index of the
    word after it returned."""
    words, offsets = span.words, span.offsets
    for j in range(min(len(words), i + LONGEST), i, -1):
        if is_connector(words[j - 1]):
            continue
        phrase = span.phrase(i, j)
        entry = registry.actor(phrase) or registry.person(phrase)
        if entry is None:
            if registry.is_outlet(phrase):
                if (
                    j - i == 1
                    and j < len(words)
                    and not closes(words[i])
                    and not words[i].endswith(("’s", "'s"))
                    and name_like(span, j)
                    and registry.actor(bare_word(words[j])) is None
                    and not registry.is_outlet(bare_word(words[j]))
                ):
                    return None  # "the Guardian Angels": an outlet's word opens a longer name
                return j  # an outlet is a source, not an actor
            continue
        start = offsets[i]
        if entry.kind != PERSON and THING_AFTER.match(span.text, start + len(phrase)):
            return j  # "the Chevron doctrine": a legal idea named after a party
        chapter = _chapter(span, i, j, entry, registry)
        if chapter is not None:
            result.actors.append(chapter[0])
            return chapter[1]
        if (
            j - i == 1
            and j < len(words)
            and not closes(words[i])  # "met Putin. Xi said"
            # "Hamas's Ismail Haniyeh": an organisation's or a person's name ends at its
            # possessive (a state's before a name stays as it was read)
            and (entry.kind == "state" or not words[i].endswith(("’s", "'s")))
            and (
                entry.kind != "state"
                or _person_after(span, j)
                or _body_after(span, j)
                # "his party, Pakistan Tehreek-e-Insaf": a name the noun introduces whole
                or introduced_as_organisation(span.text, start)
            )
            and name_like(span, j)
            and (
                bare_word(words[j]).casefold() not in ORGANISATION_WORDS | ORGANISATION_EVIDENCE
                # "UN Office for the Coordination of Humanitarian Affairs" is not the UN
                or (entry.kind != PERSON and is_acronym(phrase) and _longer_body(span, j))
                # "Azerbaijan Airlines" is not Azerbaijan
                or (entry.kind == "state" and _body_after(span, j))
            )
            and (
                registry.actor(bare_word(words[j])) is None
                # "Labor's Ali France": a known person's one name before a place's is a
                # given name, the place's word the surname
                or (entry.kind == PERSON and _surname_after(span, j, registry))
            )
            and not registry.is_outlet(bare_word(words[j]))
        ):
            # "Kim Jong Un" is not Vitaliy Kim, "Gazprom Neft" not Gazprom, "Israel Katz" not
            # Israel: a longer, unknown name
            return None
        if j - i == 1 and entry.kind == PERSON and _given_name_before(span, i, registry):
            given = bare_word(words[i - 1])
            if fold(f"{given} {phrase}") not in registry.full_names():
                # "Dmitry Ushakov" is not Yuri Ushakov, whatever the surname says.
                name = f"{given} {phrase}"
                result.warnings.append(_namesake_warning(name, entry))
                result.actors.append(
                    ActorMatch(None, name, offsets[i - 1], start + len(phrase), proposed_name=name)
                )
                return j
        if j - i == 1 and _common_word_opening(span, i, phrase, entry):
            return None  # "White smoke rose": not a "Sara White" an earlier import proposed
        if j - i == 1 and _inside_other_name(span, i, phrase, entry):
            return None  # "Baltimore City Fire Chief": not a "Cal Fire" proposed as a person
        own = _document_namesake(phrase, entry, registry) if j - i == 1 else None
        if own is not None:
            # "Singh steps down" over "Jagmeet Singh finished third": the surname is the
            # person this document names in full, not a namesake another document proposed
            result.actors.append(
                ActorMatch(
                    None,
                    phrase,
                    start,
                    start + len(phrase),
                    proposed_name=own.proposed_name,
                    proposed_kind=PERSON,
                )
            )
            return j
        if j - i == 1 and _inside_longer_name(span, i, phrase, entry):
            return None  # "Central Electoral Commission" is not "the Commission"
        if fold(entry.name).split()[-1] in SEATS and _venue(span, i, j):
            return j  # "arrived at the White House", "a statement at the Kremlin": a place
        result.actors.append(ActorMatch(entry, phrase, start, start + len(phrase)))
        return j
    return None


def _common_word_opening(span, i, phrase, entry) -> bool:
    """Whether a proposed person's surname that is also an everyday word ("White",
    "Green", "Price") opens a sentence without acting as a name: "White smoke rose",
    "Price rises slowed" — not "Green said", "Green's office"."""
    if entry.kind != PERSON or entry.is_reviewed or fold(phrase) not in WORD_SURNAMES:
        return False
    if fold(phrase) in {fold(n) for n in (entry.name, *entry.aliases)}:
        return False
    end = span.offsets[i] + len(phrase)
    return (
        span.at_sentence_start(i)
        and not span.words[i].endswith(("’s", "'s"))
        and not speech_follows(span.text, end, ACTION_VERBS)
    )


def _inside_other_name(span, i, phrase, entry) -> bool:
    """Whether the surname a proposed person answers to is a word inside another name,
    after a capitalised word that is no title nor given name: "Baltimore City Fire Chief",
    "D.C. Fire and EMS" (a proposal's surname is only its last word, often a noun)."""
    if entry.kind != PERSON or entry.is_reviewed or i == 0:
        return False
    if fold(phrase) in {fold(n) for n in (entry.name, *entry.aliases)}:
        return False
    before = span.words[i - 1]
    return (
        name_like(span, i - 1)
        and not closes(before)
        and not before.endswith(("’s", "'s"))
        and not is_particle(before)
    )


def _document_namesake(phrase, entry, registry) -> ActorMatch | None:
    """The person of this document (``prepare_actors``) that a one-word name stands for,
    where the registry's match is another's surname, proposed by an earlier import."""
    if entry.kind != PERSON or entry.is_reviewed or not registry.document_people:
        return None
    own = registry.document_people.get(spelling(phrase))
    if own is None or fold(own.proposed_name) in (fold(entry.name), fold(phrase)):
        return None
    return own


_PREPOSITION_BEFORE = re.compile(
    r"\b(?i:in|across|throughout|from|to|into|near|around|outside|inside|for)[^\S\n]+$"
)


def _region_or_state(word: str, registry) -> bool:
    entry = registry.actor(word)
    return (entry is not None and entry.kind == "state") or word.casefold() in REGIONS


def _chapter(span, i, j, entry, registry) -> tuple[ActorMatch, int] | None:
    """A known organisation's name with a state's or a region's before or after it names
    its national branch, another organisation: "the Jamaica Red Cross", "Africa CDC",
    "Amnesty International Kenya" — proposed whole, never the parent (nor the state)."""
    words = span.words
    if entry.kind == "state" and j < len(words) and not closes(words[j - 1]):
        # "Jamaica Red Cross": a state's name right before a known organisation's
        if words[j - 1].endswith(("’s", "'s")) or not _region_or_state(span.phrase(i, j), registry):
            return None
        for k in range(min(len(words), j + LONGEST), j, -1):
            parent = registry.actor(span.phrase(j, k))
            if parent is not None and parent.kind == ORGANISATION:
                break
        else:
            return None
    elif entry.kind == ORGANISATION:
        k = j
        if (
            j < len(words)
            and not closes(words[j - 1])
            and not words[j - 1].endswith(("’s", "'s"))  # "the WHO's Ukraine office"
            and _region_or_state(bare_word(words[j]), registry)
            and not words[j].endswith(("’s", "'s"))
            and (j + 1 >= len(words) or not name_like(span, j + 1))
        ):
            k = j + 1  # "Amnesty International Kenya"
        elif (
            i > 0
            and not closes(words[i - 1])
            and not words[i - 1].endswith(("’s", "'s"))
            and words[i - 1].casefold() in REGIONS
        ):
            i -= 1  # "Africa CDC"
        else:
            return None
    else:
        return None
    if _PREPOSITION_BEFORE.search(span.text, max(0, span.offsets[i] - 12), span.offsets[i]):
        return None  # "In Europe NATO allies met", "in Kenya Red Cross volunteers …"
    name = span.phrase(i, k)
    start = span.offsets[i]
    match = ActorMatch(
        None, name, start, start + len(name), proposed_name=name, proposed_kind=ORGANISATION
    )
    return match, k


# Institutions named after their seat: "the White House", "the Kremlin", "Downing Street".
SEATS = {"house", "kremlin", "pentagon", "elysee", "élysée", "capitol", "vatican", "street"}
_VENUE_BEFORE = re.compile(r"\b(?:at|outside|inside)[^\S\n]+the[^\S\n]+$")
# The parts of a building after its name: "in the White House briefing room".
_ROOMS_AFTER = re.compile(
    r"[^\S\n]+(?:press[^\S\n]+|briefing[^\S\n]+|situation[^\S\n]+|east[^\S\n]+|oval[^\S\n]+)?"
    r"(?:room|lawn|garden|gardens|grounds|gates?|compound|steps|walls|corridors|balcony|"
    r"driveway|lobby|basement|courtyard)\b"
)


def _venue(span, i, j) -> bool:
    """Whether the known organisation at words ``i``–``j`` is named as a building: "at the
    White House", "outside the Kremlin", "in the White House briefing room" (its name is
    also its seat's)."""
    start = span.offsets[i]
    end = span.offsets[j - 1] + len(bare_word(span.words[j - 1]))
    return bool(
        _VENUE_BEFORE.search(span.text, max(0, start - 16), start)
        or _ROOMS_AFTER.match(span.text, end)
    )


# Common nouns that registry aliases use alone ("the Commission" for the European Commission,
# "the Alliance" for NATO): inside a longer name they are that name's head noun.
_GENERIC_HEADS = ORGANISATION_WORDS | ORGANISATION_EVIDENCE | GOVERNMENT_WORDS | {"community"}


def _inside_longer_name(span, i, phrase, entry) -> bool:
    """Whether a one-word alias that is a common noun ends or begins a longer name:
    "Central Electoral Commission", "ECOWAS Commission", "Alliance of Sahel States"."""
    folded = fold(phrase)
    if folded not in _GENERIC_HEADS or folded == fold(entry.name):
        return False
    words = span.words
    before = (
        i > 0
        and name_like(span, i - 1)
        and not closes(words[i - 1])
        and not words[i - 1].endswith(("’s", "'s"))
    )
    after = i + 2 < len(words) and words[i + 1] in ("of", "for") and words[i][-1:] not in ",;:."
    return bool(before or after)


def _known_inside(span, i, proposal, registry, proposed) -> bool:
    """Whether a known person's or organisation's name (or one this text proposed) ends a
    proposal at word ``i``, beginning after its first word: "Meeting Volodymyr Zelensky",
    "Later Yoon" — not an organisation's longer name with the same head noun, another
    body ("the Free Democratic Party" beside a known "Democratic Party")."""
    match, length = proposal
    for k in range(i + 1, i + length):
        phrase = span.phrase(k, i + length)
        entry = registry.actor(phrase) or registry.person(phrase)
        if (
            entry is not None
            and entry.kind == ORGANISATION
            and match.proposed_kind == ORGANISATION
            and k < i + length - 1
            and _HEAD_NOUN.search(phrase)
        ):
            continue
        if entry is not None and (k < i + length - 1 or entry.kind == PERSON):
            return True
        earlier = proposed.get(spelling(phrase))
        if earlier is not None and earlier.proposed_kind == PERSON:
            return True
    return False


def _surname_after(span, j, registry) -> bool:
    """Whether word ``j``, known as no person (a state's or a place's name), ends a
    person's name begun by the word before it: "Ali France", "Georgia Ireland"."""
    word = bare_word(span.words[j])
    entry = registry.actor(word)
    return (
        entry is not None
        and entry.kind != PERSON
        and word.istitle()
        and word.isalpha()
        and (j + 1 >= len(span.words) or closes(span.words[j]) or not name_like(span, j + 1))
    )


# The head nouns of parties' and movements' names, which a word before them makes
# another's: "Free Democratic Party", "New Patriotic Party", "Liberal Democratic Party".
_HEAD_NOUN = re.compile(
    r"(?i:\b(?:party|congress|front|alliance|movement|union|coalition|league|bloc|forum|"
    r"federation|association|council)$)"
)


def _body_after(span, j) -> bool:
    """Whether a state's name heads an organisation's that is not the state's own body:
    "Kenya Medical Association", "Sudan Doctors Network" — not "Israel Defense Forces"."""
    k = j
    while k < len(span.words) and name_like(span, k) and not closes(span.words[k - 1]):
        k += 1
    named = [bare_word(w).casefold() for w in span.words[j:k]]
    return (
        bool(named)
        and (
            named[-1] in ORGANISATION_EVIDENCE
            or named[-1].removesuffix("s") in ORGANISATION_EVIDENCE
        )
        and not any(w in GOVERNMENT_WORDS for w in named)
    )


def _longer_body(span, j) -> bool:
    """Whether an organisation's name of several words follows word ``j - 1``: "UN Office
    for the Coordination of Humanitarian Affairs" (a body of the UN, not the UN)."""
    words = span.words[j:]
    return len(words) >= 3 and any(is_connector(w) for w in words[1:3])


def _person_after(span, j) -> bool:
    """Whether word ``j`` is a surname after a given name that is also a country's: "Israel
    Katz", "Georgia Meloni" — a capitalised word followed by a verb or punctuation."""
    word = bare_word(span.words[j])
    return (
        word[:1].isupper()
        and word.isalpha()
        and not word.isupper()
        and len(word) >= 3
        and (j + 1 >= len(span.words) or not span.words[j + 1][:1].isupper())
    )


_ABBREVIATION = re.compile(r"[^\S\n]*\(([A-Z][A-Za-z]{1,7})\)")


def _defined_by_abbreviation(span, i, registry) -> ActorMatch | None:
    """ "The International Federation of Red Cross and Red Crescent Societies (IFRC)": a
    name its abbreviation follows is one organisation's, from its first word to the
    bracket, whatever names it holds ("Red Cross")."""
    words = span.words
    if i > 1 or (i == 1 and fold(words[0]) != "the") or len(words) - i < 3:
        return None
    end = span.offsets[-1] + len(words[-1])
    abbreviation = _ABBREVIATION.match(span.text, end)
    if not abbreviation or closes(words[-1]) or words[-1].endswith(("’s", "'s")):
        return None
    letters = abbreviation.group(1).upper()
    initials = [w[0].upper() for w in words[i:] if not is_connector(w) and w[:1].isalpha()]
    if not initials or initials[0] != letters[0] or len(letters) > len(initials):
        return None
    rest = iter(initials)
    if not all(letter in rest for letter in letters):
        return None  # its letters, in order, among the name's initials
    name = span.phrase(i, len(words))
    if registry.actor(name) or person_shaped([bare_word(w) for w in words[i:]]):
        return None  # the registry's own name, or a person's
    if state_body([bare_word(w) for w in words[i:]]):
        return None
    if bare_word(words[-1]).casefold() == "time":
        return None  # "Central European Summer Time (CEST)": a time zone, nobody
    start = span.offsets[i]
    known = registry.actor(letters)
    if known is not None and known.kind == ORGANISATION:
        return ActorMatch(known, name, start, start + len(name))
    return ActorMatch(
        None, name, start, start + len(name), proposed_name=name, proposed_kind=ORGANISATION
    )


def _abbreviation_after(span, i, result) -> tuple[ActorMatch, int] | None:
    """ "the Alliance of Sahel States (AES)": an abbreviation in parentheses right after an
    organisation's name is that organisation."""
    word = bare_word(span.words[i])
    start = span.offsets[i]
    if (
        not is_acronym(word)
        or not result.actors
        or span.text[start - 1 : start] != "("
        or span.text[start + len(word) : start + len(word) + 1] != ")"
    ):
        return None
    named = result.actors[-1]
    kind = named.entry.kind if named.entry else named.proposed_kind
    if (
        kind in (PERSON, "state")
        or span.text[named.end : start - 1].strip()
        # the same first letter at least ("AES" for the Alliance of Sahel States, written
        # in another language); "NFP" after "Popular Front" is a longer name's
        or word[0] != organisation_initials(named.surface)[:1]
    ):
        return None
    match = ActorMatch(
        named.entry,
        word,
        start,
        start + len(word),
        proposed_name=named.proposed_name,
        proposed_kind=named.proposed_kind,
    )
    return match, 1


def _acronym_of(span, i, registry, proposed) -> tuple[ActorMatch, int] | None:
    """An unknown abbreviation that spells the initials of an organisation known or proposed
    before ("HTS" after "Hayat Tahrir al-Sham", "IRGC" after the Islamic Revolutionary Guard
    Corps): the same actor."""
    word = bare_word(span.words[i])
    if not is_acronym(word) or len(word) < 3:
        return None
    entry = registry.organisation_by_initials(word)
    start = span.offsets[i]
    if entry is None:
        # one this text proposed: "the Kenya Medical Association …, per KMA president …"
        earlier = next(
            (
                m
                for m in proposed.values()
                if m.proposed_kind == ORGANISATION
                and organisation_initials(m.proposed_name) == word.replace(".", "").upper()
            ),
            None,
        )
        if earlier is None:
            return None
        match = ActorMatch(
            None,
            word,
            start,
            start + len(word),
            proposed_name=earlier.proposed_name,
            proposed_kind=ORGANISATION,
        )
        return match, 1
    return ActorMatch(entry, word, start, start + len(word)), 1


def _proposed_before(span, i, proposed) -> tuple[ActorMatch, int] | None:
    """A name this text proposed earlier, in full or by surname, in any transliteration."""
    for length in (3, 2, 1):
        if i + length > len(span.words):
            continue
        phrase = span.phrase(i, i + length)
        earlier = proposed.get(spelling(phrase))
        if earlier is None:
            continue
        if length == 1 and _given_name_before(span, i, None):
            continue  # "Olena Zelenska" after "Volodymyr Zelensky"
        if (
            length == 1
            and i + 1 < len(span.words)
            and not closes(span.words[i])
            and name_like(span, i + 1)
        ):
            continue  # "Kim Yo Jong" after "Kim Jong Un": a longer name it begins
        if length == 1 and fold(phrase) in FUNCTION_WORDS:
            continue  # "More were hurt" after "Wes Moore": a word of grammar
        start = span.offsets[i]
        match = ActorMatch(
            None,
            phrase,
            start,
            start + len(phrase),
            proposed_name=earlier.proposed_name,
            proposed_kind=earlier.proposed_kind,
        )
        return match, length
    return None


def _namesake_warning(name: str, entry: RegistryEntry) -> str:
    return (
        f"“{name}” shares a surname with {entry.name} but not the given name: "
        "proposed as a new actor, not merged"
    )


def _given_name_before(span, i, registry) -> bool:
    """Whether word ``i`` follows a given name in the same sentence: "Dmitry Ushakov"."""
    return (
        i > 0
        and span.words[i - 1][-1:] not in ".,;:!?"
        and _is_given_name(span.words[i - 1], registry)
    )


def _is_given_name(word: str, registry: Registry | None) -> bool:
    clean = word.strip(".,;:")
    return (
        clean[:1].isupper()
        and clean.isalpha()
        and not clean.isupper()
        and clean.casefold() not in TITLE_WORDS | ORGANISATION_WORDS | NOT_NAMES
        and (registry is None or registry.actor(clean) is None)
    )


def _fuzzy(words, i, registry, surnames, full_names):
    """A misspelled known name starting at word ``i``: (entry, number of words) or None."""
    if i + 1 < len(words) and not is_connector(words[i + 1]):
        pair = fold(bare_word(" ".join(words[i : i + 2])))
        best = process.extractOne(
            pair, registry.alike(pair), scorer=fuzz.ratio, score_cutoff=FUZZY_FULL_NAME
        )
        if best:
            first, last = pair.split()[0], pair.split()[-1]
            known_first, known_last = best[0].split()[0], best[0].split()[-1]
            if (
                fuzz.ratio(first, known_first) >= FUZZY_SURNAME
                and fuzz.ratio(last, known_last) >= FUZZY_SURNAME
            ):
                return full_names[best[0]], 2
    word = fold(bare_word(words[i]))
    if len(word) < MIN_FUZZY or not words[i][:1].isupper():
        return None
    if i > 0 and words[i - 1][-1:] not in ".,;:!?" and _is_given_name(words[i - 1], registry):
        return None  # "Dmitry Ushakov"-like pairs are handled as full names
    if i + 1 < len(words) and words[i][-1:] not in ".,;:!?" and _is_given_name(words[i + 1], None):
        return None  # "Michael McCaul": a given name, not a misspelled surname ("Michal")
    if (
        i + 1 < len(words)
        and words[i][-1:] not in ".,;:!?"
        and not words[i].endswith(("’s", "'s"))
        and not is_connector(words[i + 1])
        and words[i + 1][:1].isupper()
    ):
        return None  # "William Ruto's": a name goes on, so this is no surname ("Williams")
    # a letter more or less, as transliterations differ ("Zelenskyy", "Netanyahou"); two
    # make an English word of a surname too often ("Coastal" is not Costa)
    candidates = [name for name in registry.alike(word) if abs(len(name) - len(word)) <= 1]
    best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_SURNAME)
    if best:
        return surnames[best[0]], 1
    return None
