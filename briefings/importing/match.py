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

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

# Fuzzy thresholds (rapidfuzz ratio, 0–100). Measured on the seeds' spellings: "Sybhia" and
# "Sybiga" score 83 against "Sybiha", "Zelenskiy" 94 against "Zelensky"; "Dmitry Ushakov"
# scores 69 against "Yuri Ushakov" and must stay apart.
FUZZY_SURNAME = 80  # a single word against a one-word alias of at least MIN_FUZZY letters
FUZZY_FULL_NAME = 88  # several words against a several-word alias
MIN_FUZZY = 6

TITLE_WORDS = {
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "general",
    "secretary-general", "mr", "mrs", "ms", "dr", "sir", "chancellor", "king", "queen",
    "ambassador", "senator", "governor", "mayor", "commander", "commander-in-chief", "adviser",
    "advisor", "aide", "chief", "head", "spokesman", "spokeswoman", "spokesperson", "deputy",
    "vice", "envoy", "special", "state", "energy", "commissioner", "chairman", "chairwoman",
    "chair", "speaker", "colonel", "lieutenant", "major", "captain", "admiral",
    "marshal", "representative", "high", "former", "acting", "pope", "prince", "leader",
    "us", "u.s.", "uk", "eu", "nato", "un", "ukraine's", "russia's", "kremlin", "presidential",
    "soldier", "officer", "analyst", "journalist", "reporter", "correspondent", "mp", "lawmaker",
    "representatives", "affairs", "ministers", "leaders", "officials", "envoys",
}  # fmt: skip
# Words that mark a capitalised phrase as an organisation or place, not a person.
ORGANISATION_WORDS = {
    "house", "commission", "council", "union", "ministry", "office", "department", "parliament",
    "government", "army", "forces", "force", "court", "bank", "agency", "service", "committee",
    "kremlin", "pentagon", "nations", "organization", "organisation", "alliance", "group",
    "party", "post", "news", "times", "journal", "institute", "centre", "center", "foundation",
    "fund", "assembly", "guard", "command", "staff", "navy", "security", "defence", "defense",
    "republic", "region", "oblast", "city", "street", "square", "sea", "river", "airport",
    "station", "plant", "university", "school", "church", "company", "corporation", "inc",
    "ltd", "media", "radio", "television", "tv", "daily", "weekly", "review", "monitor",
    "mission", "brigade", "battalion", "regiment", "division", "corps", "fleet", "ukraine",
    "russia", "europe", "european", "america", "american", "ukrainian", "russian", "british",
    "german", "french", "italian", "polish", "lithuanian", "estonian", "chinese", "north",
    "south", "east", "west", "eastern", "western", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip
SPEECH_VERBS = (
    "said|says|saying|told|telling|added|adding|stated|stating|wrote|writes|warned|warning|"
    "insisted|insisting|argued|arguing|declared|remarked|affirmed|asserted|asserting|noted|"
    "noting|emphasized|emphasised|emphasizing|stressed|stressing|claimed|claiming|replied|"
    "announced|explained|acknowledged|cautioned|hailed|urged|posted|tweeted|accused|accusing|"
    "criticized|criticised|called|characterized|characterised|described|relayed"
)
# Capitalised words that begin sentences but never names: "The Biden administration".
NOT_NAMES = {
    "the", "a", "an", "this", "that", "these", "those", "and", "but", "or", "when", "while",
    "after", "before", "during", "as", "if", "in", "on", "at", "for", "with", "from", "by",
    "to", "of", "it", "his", "her", "their", "its", "our", "both", "all", "some", "many",
    "no", "not", "yet", "then", "now", "today", "yesterday", "tomorrow", "meanwhile",
    "however", "also", "even", "only", "last", "next", "new", "according", "despite",
}  # fmt: skip
# Sentence ends, but not the full stop of "Mr." or "U.S.": where a pronoun's sentence starts.
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<![A-Z])[.!?][”\"’]?\s+"
)
_CAPITALISED = re.compile(
    r"(?<![\w’'])(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|von der|von|van der|van|de|al-|bin|ibn)"
    r"(?:\s+(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|von der|von|van der|van|de|al-|bin|ibn))*"
)
_QUOTE = re.compile(r"“(?P<curly>[^“”]{3,1500})”|\"(?P<straight>[^\"\n]{3,1500})\"")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritics-insensitive form of a name: "Orbán" → "orban"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace(".", " ").split())


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 6


@dataclass
class RegistryEntry:
    key: str  # a stable identity: the database primary key as a string, or a new name
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    is_reviewed: bool = True


@dataclass
class Registry:
    """Aliases → entries, for sources and for actors."""

    sources: list[RegistryEntry] = field(default_factory=list)
    actors: list[RegistryEntry] = field(default_factory=list)

    def __post_init__(self):
        self._source_index = self._index(self.sources)
        self._actor_index = self._index(self.actors)
        self._actor_acronyms = self._acronyms(self.actors)
        self._source_acronyms = self._acronyms(self.sources)
        self._actor_names = {entry.key: entry.name for entry in self.actors}
        self._surnames = self._full_names = None

    @staticmethod
    def _index(entries: list[RegistryEntry]) -> dict[str, RegistryEntry]:
        index = {}
        for entry in entries:
            for alias in [entry.name, *entry.aliases]:
                if not _is_acronym(alias):
                    folded = fold(alias)
                    index.setdefault(folded, entry)
                    index.setdefault(folded.removeprefix("the "), entry)
        return index

    @staticmethod
    def _acronyms(entries: list[RegistryEntry]) -> dict[str, RegistryEntry]:
        acronyms = {}
        for entry in entries:
            for alias in [entry.name, *entry.aliases]:
                if _is_acronym(alias):
                    acronyms.setdefault(alias.replace(".", ""), entry)
        return acronyms

    def add_source(self, entry: RegistryEntry) -> None:
        self.sources.append(entry)
        for alias in [entry.name, *entry.aliases]:
            if _is_acronym(alias):
                self._source_acronyms.setdefault(alias.replace(".", ""), entry)
            else:
                self._source_index.setdefault(fold(alias), entry)

    def add_actor(self, entry: RegistryEntry) -> None:
        self.actors.append(entry)
        self._actor_names[entry.key] = entry.name
        self._surnames = self._full_names = None
        for alias in [entry.name, *entry.aliases]:
            if _is_acronym(alias):
                self._actor_acronyms.setdefault(alias.replace(".", ""), entry)
            else:
                self._actor_index.setdefault(fold(alias), entry)

    def source(self, name: str) -> RegistryEntry | None:
        name = name.strip()
        if _is_acronym(name):
            return self._source_acronyms.get(name.replace(".", ""))
        folded = fold(name)
        return self._source_index.get(folded) or self._source_index.get(folded.removeprefix("the "))

    def is_outlet(self, name: str) -> bool:
        return self.source(name) is not None

    def actor(self, name: str) -> RegistryEntry | None:
        if _is_acronym(name.strip()):
            return self._actor_acronyms.get(name.strip().replace(".", ""))
        return self._actor_index.get(fold(name))

    def actor_name(self, key: str) -> str:
        return self._actor_names.get(key, "")

    def surnames(self) -> dict[str, RegistryEntry]:
        """One-word aliases of people, for fuzzy matching and the given-name check."""
        if self._surnames is None:
            self._surnames = self._people_aliases(one_word=True)
        return self._surnames

    def full_names(self) -> dict[str, RegistryEntry]:
        if self._full_names is None:
            self._full_names = self._people_aliases(one_word=False)
        return self._full_names

    def _people_aliases(self, one_word: bool) -> dict[str, RegistryEntry]:
        return {
            fold(alias): entry
            for entry in self.actors
            if entry.kind == "person"
            for alias in [entry.name, *entry.aliases]
            if (" " not in alias.strip()) == one_word and not _is_acronym(alias)
        }


@dataclass
class ActorMatch:
    entry: RegistryEntry | None  # None: a proposal, named by ``proposed_name``
    surface: str  # as written
    start: int
    end: int
    proposed_name: str = ""
    fuzzy: bool = False


@dataclass
class QuoteMatch:
    speaker: ActorMatch
    text: str
    start: int


@dataclass
class EntryMatches:
    actors: list[ActorMatch] = field(default_factory=list)
    quotes: list[QuoteMatch] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _title_context(text: str, start: int) -> bool:
    """Whether the words just before ``start`` introduce a person: "Prime Minister …"."""
    before = text[max(0, start - 60) : start].split()
    return bool(before) and before[-1].strip(",").casefold() in TITLE_WORDS


def _speech_follows(text: str, end: int) -> bool:
    return bool(re.match(rf"\s*,?\s*(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b", text[end:]))


def _person_shaped(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 4
        and words[0].casefold() not in NOT_NAMES
        and all(
            w[:1].isupper() and w.replace("-", "").replace("’", "").replace("'", "").isalpha()
            for w in words
        )
        and not any(w.casefold().strip(".") in ORGANISATION_WORDS | TITLE_WORDS for w in words)
    )


def find_actors(text: str, registry: Registry) -> EntryMatches:
    """Every actor named in ``text``, in order, with proposals for unknown people."""
    result = EntryMatches()
    surnames = registry.surnames()
    full_names = registry.full_names()
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        # Drop a sentence-initial article or title words; try the longest spans first.
        offset = match.start()
        _match_span(text, words, offset, registry, surnames, full_names, result)
    result.actors.sort(key=lambda m: m.start)
    return result


def _word_offsets(text: str, start: int, words: list[str]) -> list[int]:
    offsets, cursor = [], start
    for word in words:
        cursor = text.index(word, cursor)
        offsets.append(cursor)
        cursor += len(word)
    return offsets


def _match_span(text, words, offset, registry, surnames, full_names, result) -> None:
    offsets = _word_offsets(text, offset, words)
    i = 0
    while i < len(words):
        matched = False
        for j in range(min(len(words), i + 5), i, -1):
            phrase = " ".join(words[i:j]).rstrip(".,;:’'")
            if phrase.endswith("’s") or phrase.endswith("'s"):
                phrase = phrase[:-2]
            entry = registry.actor(phrase)
            if entry is None:
                continue
            surface_start = offsets[i]
            if j - i == 1 and entry.kind == "person" and i > 0:
                given = words[i - 1]
                if _is_given_name(given, registry) and fold(f"{given} {phrase}") not in full_names:
                    # "Dmitry Ushakov" is not Yuri Ushakov, whatever the surname says.
                    name = f"{given} {phrase}"
                    result.warnings.append(_namesake_warning(name, entry))
                    result.actors.append(
                        ActorMatch(
                            None, name, offsets[i - 1], offsets[i] + len(phrase), proposed_name=name
                        )
                    )
                    i = j
                    matched = True
                    break
            result.actors.append(
                ActorMatch(entry, phrase, surface_start, surface_start + len(phrase))
            )
            i = j
            matched = True
            break
        if matched:
            continue
        fuzzy = _fuzzy(words, i, registry, surnames, full_names)
        if fuzzy:
            entry, length = fuzzy
            phrase = " ".join(words[i : i + length]).rstrip(".,;:")
            result.actors.append(
                ActorMatch(entry, phrase, offsets[i], offsets[i] + len(phrase), fuzzy=True)
            )
            i += length
            continue
        proposal = _proposal(text, words, i, offsets)
        if proposal and not registry.is_outlet(proposal[0]):
            name, length = proposal
            namesake = registry.actor(name.split()[-1])
            if namesake and namesake.kind == "person":
                result.warnings.append(_namesake_warning(name, namesake))
            result.actors.append(
                ActorMatch(None, name, offsets[i], offsets[i] + len(name), proposed_name=name)
            )
            i += length
            continue
        i += 1


def _namesake_warning(name: str, entry: RegistryEntry) -> str:
    return (
        f"“{name}” shares a surname with {entry.name} but not the given name: "
        "proposed as a new actor, not merged"
    )


def _is_given_name(word: str, registry: Registry) -> bool:
    clean = word.strip(".,;:")
    return (
        clean[:1].isupper()
        and clean.isalpha()
        and clean.casefold() not in TITLE_WORDS | ORGANISATION_WORDS | NOT_NAMES
        and registry.actor(clean) is None
    )


def _fuzzy(words, i, registry, surnames, full_names):
    """A misspelled known name starting at word ``i``: (entry, number of words) or None."""
    if i + 1 < len(words):
        pair = fold(" ".join(words[i : i + 2]).rstrip(".,;:’'s"))
        best = max(full_names, key=lambda n: fuzz.ratio(pair, n), default=None)
        if best and fuzz.ratio(pair, best) >= FUZZY_FULL_NAME:
            first, last = pair.split()[0], pair.split()[-1]
            known_first, known_last = best.split()[0], best.split()[-1]
            if (
                fuzz.ratio(first, known_first) >= FUZZY_SURNAME
                and fuzz.ratio(last, known_last) >= FUZZY_SURNAME
            ):
                return full_names[best], 2
    word = fold(words[i].rstrip(".,;:’'s").removesuffix("'s"))
    if len(word) < MIN_FUZZY:
        return None
    if i > 0 and _is_given_name(words[i - 1], registry):
        return None  # "Dmitry Ushakov"-like pairs are handled as full names
    candidates = [
        name for name in surnames if name[:1] == word[:1] and abs(len(name) - len(word)) <= 2
    ]
    best = max(candidates, key=lambda n: fuzz.ratio(word, n), default=None)
    if best and fuzz.ratio(word, best) >= FUZZY_SURNAME:
        return surnames[best], 1
    return None


def _proposal(text, words, i, offsets):
    """An unknown person's name starting at word ``i`` worth proposing, or None."""
    for length in (3, 2):
        if i + length > len(words):
            continue
        candidate = [w.rstrip(".,;:") for w in words[i : i + length]]
        if candidate[-1].endswith(("’s", "'s")):
            candidate[-1] = candidate[-1][:-2]
        if not _person_shaped(candidate):
            continue
        name = " ".join(candidate)
        end = offsets[i] + len(name)
        if _title_context(text, offsets[i]) or _speech_follows(text, end):
            return name, length
    return None


def find_quotes(text: str, matches: EntryMatches) -> list[QuoteMatch]:
    """Quoted words and who said them: "X said “…”", "“…,” X said", "“…,” said X"."""
    quotes = []
    people = [m for m in matches.actors if m.entry is None or m.entry.kind == "person"]
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
    starts = [0] + [m.end() for m in _SENTENCE_END.finditer(text, 0, before)]
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
