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

import bisect
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from . import entities

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
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|(?:von der|von|van der|van|de|der|bin|ibn)(?!\w)|al-)"
# A run of capitalised words, joined by the small words of organisations' names: "Group of
# Seven", "Institute for the Study of War". Never across a line break.
_CAPITALISED = re.compile(
    rf"(?<![\w’']){_NAME_WORD}(?:[^\S\n]+(?:(?:of|for|and|in)(?:[^\S\n]+the)?[^\S\n]+)?{_NAME_WORD})*"
)
_QUOTE = re.compile(r"“(?P<curly>[^“”]{3,1500})”|\"(?P<straight>[^\"\n]{3,1500})\"")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritics-insensitive form of a name: "Orbán" → "orban"."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().replace(".", " ").split())


# Romanisations of one Cyrillic name differ in a few letter groups: Shoygu/Shoigu,
# Klychko/Klitschko, Zelenskyy/Zelenskiy, Yevgeny/Evgeny, Aleksandr/Alexandr. Each rule maps
# the variants to one form; what is left (Lukashenka/Lukashenko) is for the fuzzy ratio.
_SPELLING_RULES = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"[’'`\-]", ""),
        (r"x", "ks"),
        (r"t?sch|tch", "ch"),
        (r"kh", "h"),
        (r"ph", "f"),
        (r"w", "v"),
        (r"y", "i"),
        (r"\bie", "e"),
        (r"ij\b", "i"),
        (r"(.)\1+", r"\1"),
    )
]


@functools.lru_cache(maxsize=65536)
def spelling(name: str) -> str:
    """One key for the transliterations of a name: "Sergei Shoygu" and "Sergey Shoigu"
    share it."""
    key = fold(name)
    for pattern, replacement in _SPELLING_RULES:
        key = pattern.sub(replacement, key)
    return key


def _is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 6


# An acronym of this many letters is also one when written as a word: "Nato", "Opec". Shorter
# ones are not: "Us" and "Un" start sentences.
WORD_ACRONYM = 4


def _as_acronym(name: str) -> str | None:
    """The acronym ``name`` spells, or None: "U.S." → "US", "Nato" → "NATO", "us" → None."""
    letters = name.replace(".", "")
    if _is_acronym(name):
        return letters
    if len(letters) >= WORD_ACRONYM and letters.isalpha() and letters.istitle():
        return letters.upper()
    return None


def _particle(word: str) -> bool:
    return word.casefold() in {"von", "van", "der", "de", "al", "bin", "ibn", "da", "di", "la"}


@dataclass
class RegistryEntry:
    key: str  # a stable identity: the database primary key as a string, or a new name
    name: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    is_reviewed: bool = True

    def spellings(self) -> list[str]:
        """The name and aliases; a proposed person also answers to the surname, so that
        "Prigozhin" later in the text is the "Yevgeny Prigozhin" proposed before."""
        names = [self.name, *self.aliases]
        words = self.name.split()
        if (
            not self.is_reviewed
            and self.kind == "person"
            and len(words) >= 2
            and not _particle(words[-2])
        ):
            names.append(words[-1])
        return names


@dataclass
class Registry:
    """Aliases → entries, for sources and for actors."""

    sources: list[RegistryEntry] = field(default_factory=list)
    actors: list[RegistryEntry] = field(default_factory=list)

    def __post_init__(self):
        self._source_index, self._source_acronyms = {}, {}
        self._actor_index, self._actor_acronyms = {}, {}
        self._person_spellings: dict[str, RegistryEntry] = {}
        self._actor_names: dict[str, str] = {}
        # People's one-word and several-word aliases, for fuzzy matching and the given-name
        # check; kept up to date as proposals are added (rebuilding them for each of a
        # long import's proposals was most of its matching time).
        self._surnames: dict[str, RegistryEntry] = {}
        self._full_names: dict[str, RegistryEntry] = {}
        self._given: set[str] = set()
        # The same, by initials: a fuzzy match is only looked for among names that start
        # alike, not among every person of a registry that grows with each import.
        self._by_initials: dict[str, list[str]] = {}
        for entry in self.sources:
            self._index_source(entry)
        for entry in self.actors:
            self._index_actor(entry)

    @staticmethod
    def _index(entry, index, acronyms) -> None:
        for alias in entry.spellings():
            if _is_acronym(alias):
                acronyms.setdefault(alias.replace(".", ""), entry)
            else:
                folded = fold(alias)
                index.setdefault(folded, entry)
                index.setdefault(folded.removeprefix("the "), entry)

    def _index_source(self, entry: RegistryEntry) -> None:
        self._index(entry, self._source_index, self._source_acronyms)

    def _index_actor(self, entry: RegistryEntry) -> None:
        self._index(entry, self._actor_index, self._actor_acronyms)
        self._actor_names[entry.key] = entry.name
        if entry.kind == "person":
            for alias in entry.spellings():
                if _is_acronym(alias):
                    continue
                self._person_spellings.setdefault(spelling(alias), entry)
                folded = fold(alias)
                names = self._full_names if " " in folded else self._surnames
                if folded not in names:
                    names[folded] = entry
                    self._by_initials.setdefault(_initials(folded), []).append(folded)
                if " " in folded:
                    self._given.add(folded.split()[0])

    def add_source(self, entry: RegistryEntry) -> None:
        self.sources.append(entry)
        self._index_source(entry)

    def add_actor(self, entry: RegistryEntry) -> None:
        self.actors.append(entry)
        self._index_actor(entry)

    def add_actor_name(self, entry: RegistryEntry) -> None:
        """Register ``entry`` under its key again: a proposed actor given its database key."""
        self._actor_names[entry.key] = entry.name

    @staticmethod
    def _lookup(name, index, acronyms) -> RegistryEntry | None:
        name = name.strip()
        acronym = _as_acronym(name)
        if acronym and acronyms.get(acronym):
            return acronyms[acronym]
        if _is_acronym(name):
            return None  # "AP" is not "Ap", nor the word "ap"
        return index.get(fold(name))

    def source(self, name: str) -> RegistryEntry | None:
        name = name.strip()
        if name[:4].casefold() == "the ":
            name = name[4:]  # "the AP"
        return self._lookup(name, self._source_index, self._source_acronyms)

    def is_outlet(self, name: str) -> bool:
        return self.source(name) is not None

    def actor(self, name: str) -> RegistryEntry | None:
        return self._lookup(name, self._actor_index, self._actor_acronyms)

    def person(self, name: str) -> RegistryEntry | None:
        """A person by any transliteration of a known spelling."""
        return self._person_spellings.get(spelling(name))

    def given_names(self) -> set[str]:
        """The first words of people's full names: "volodymyr", "yulia"."""
        return self._given

    def actor_name(self, key: str) -> str:
        return self._actor_names.get(key, "")

    def surnames(self) -> dict[str, RegistryEntry]:
        """One-word aliases of people, for fuzzy matching and the given-name check."""
        return self._surnames

    def full_names(self) -> dict[str, RegistryEntry]:
        return self._full_names

    def alike(self, folded: str) -> list[str]:
        """People's folded aliases with the same initials as ``folded``."""
        return self._by_initials.get(_initials(folded), [])


def _initials(folded: str) -> str:
    words = folded.split()
    return words[0][:1] + (words[-1][:1] if len(words) > 1 else "")


PERSON, ORGANISATION = "person", "organisation"


@dataclass
class ActorMatch:
    entry: RegistryEntry | None  # None: a proposal, named by ``proposed_name``
    surface: str  # as written
    start: int
    end: int
    proposed_name: str = ""
    fuzzy: bool = False
    proposed_kind: str = PERSON

    @property
    def proposed_aliases(self) -> list[str]:
        """What a proposed person will also answer to: the surname ("Prigozhin")."""
        words = self.proposed_name.split()
        if self.proposed_kind == PERSON and len(words) >= 2 and not _particle(words[-2]):
            return [words[-1]]
        return []


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
    # "Vice-President JD Vance", "Commander-in-Chief Oleksandr Syrskyi"
    return bool(before) and (
        before[-1].strip(",").casefold() in TITLE_WORDS
        or before[-1].strip(",").split("-")[-1].casefold() in TITLE_WORDS
    )


def _speech_follows(text: str, end: int, verbs: str = SPEECH_VERBS) -> bool:
    return bool(re.match(rf"\s*,?\s*(?:also\s+|then\s+|later\s+)?(?:{verbs})\b", text[end:]))


# What people and organisations do in the news besides speaking: a name followed by one of
# these is an actor's.
ACTION_VERBS = (
    SPEECH_VERBS + "|tells|warns|announces|confirmed|confirms|spoke|speaks|denied|denies|"
    "responded|responds|met|meets|visited|visits|signed|signs|pledged|pledges|urged|urges|"
    "rejected|rejects|ordered|orders|vowed|vows|condemned|condemns|promised|promises"
)


def _person_shaped(words: list[str]) -> bool:
    return (
        2 <= len(words) <= 4
        and words[0].casefold() not in NOT_NAMES
        and all(
            (w[:1].isupper() or _particle(w))
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


def _bare(word: str) -> str:
    """A word without trailing punctuation or possessive: "Prigozhin’s," → "Prigozhin"."""
    word = word.rstrip('.,;:!?)”"')
    if word.endswith(("’s", "'s")):
        word = word[:-2]
    return word.rstrip("’'")


class _Sentences:
    """The sentences of a text, and the named entities of those the matcher asks about.

    In a collecting pass (``collect`` given) nothing is recognised: the sentences that
    would need the model are gathered, to be tagged in one batch.
    """

    def __init__(self, text: str, collect: set[str] | None = None):
        self.text = text
        self.collect = collect
        self.bounds = _sentence_bounds(text)
        self.starts = [start for start, _ in self.bounds]
        self.credits = _credit_zones(text)

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
    for match in re.finditer(r"\n+|" + _SENTENCE_END.pattern, text):
        if match.start() > start:
            bounds.append((start, match.start() + (0 if match.group(0).isspace() else 1)))
        start = match.end()
    if start < len(text):
        bounds.append((start, len(text)))
    return bounds


# Where the names are a page's writers and photographers, not the news's: bylines
# ("By Olena Harmash and Tom Balmforth", "From Shaun Walker's dispatch"), "Reporting by …",
# photo credits ("Photograph: Genya Savilov/AFP", "(AP Photo/Efrem Lukatsky)") and lines that
# are nothing but names (an author list, a live post's author). Nobody is proposed there;
# registry names still count.
_CREDIT_LINE = re.compile(
    r"^[ \t]*(?:(?:photo(?:graph)?s?|image(?: source| caption)?|picture|video|illustration|"
    r"credit|caption)\s*[:,]|from\s+[A-Z][^\n]{0,60}?(?:[’']s\b|:\s*$))",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_BY = re.compile(
    r"\b(?:reporting|editing|writing|additional reporting|compiled|edited|written|produced|"
    r"photographs?|photos?|images?)\s+by\b[^\n.;]*",
    re.IGNORECASE,
)
_CREDIT_PARENS = re.compile(r"\((?:[^()\n]*\b[Pp]hoto\b|[^()\n]*/)[^()\n]*\)")
_CREDIT_SLASH = re.compile(r"(?:[A-Z][\w’'.-]*[ \t]+){0,3}[A-Z][\w’'.-]*/[A-Z][^\n]*")
_LINE = re.compile(
    r"^[ \t]*(?:(?:photo(?:graph)?s?|image(?: source| caption)?|picture|video|illustration|"
    r"credit|caption)\s*[:,]|from\s+[A-Z][^\n]{0,60}?(?:[’']s\b|:\s*$))",
    re.IGNORECASE | re.MULTILINE,
)
_CREDIT_INLINE = re.compile(
    r"\b(?:reporting|editing|writing|additional reporting|compiled|edited|written|produced|"
    r"photographs?|photos?|images?)\s+by\b[^\n.;]*"
    r"|\((?:[^()\n]*\bphoto\b|[^()\n]*/)[^()\n]*\)"
    r"|(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*/[A-Z][^\n]*",
    re.IGNORECASE,
)
_LINE = re.compile(r"[^\n]+")
_DATELINE_PLACE = re.compile(
    r"^[ \t]*[A-Z][A-Z .'-]{1,40}(?:,[^\n(]{0,40})?\([^()\n]{2,40}\)[ \t]*[—–-]", re.MULTILINE
)
_NAMES_ONLY_WORDS = {"and", "&", "by", "from", "in", "with"}


def _credit_zones(text: str) -> list[tuple[int, int]]:
    zones = []
    # Each pattern only where its telltale character is: most entries have none.
    if " by" in text or " By" in text:
        zones += [m.span() for m in _CREDIT_BY.finditer(text)]
    if "(" in text:
        zones += [m.span() for m in _CREDIT_PARENS.finditer(text)]
    if "/" in text:
        zones += [m.span() for m in _CREDIT_SLASH.finditer(text)]
    zones += [m.span() for m in _DATELINE_PLACE.finditer(text)]  # "MINSK, June 24 (Reuters) -"
    for line in _LINE.finditer(text):
        # "Tom Ambrose (now) and Shaun Walker in Kyiv (earlier)": a live page's authors.
        words = re.sub(r"\([^()]*\)", " ", line.group(0)).replace(",", " ").split()
        names_only = (
            words
            and len(words) <= 24
            and line.group(0).rstrip()[-1:] not in '.!?:”"'
            and all(w[:1].isupper() or w.casefold() in _NAMES_ONLY_WORDS for w in words)
        )
        if names_only or _CREDIT_LINE.match(line.group(0)):
            zones.append(line.span())
    return zones


def prepare_actors(texts: list[str], registry: Registry) -> None:
    """Run the named-entity step on every sentence of ``texts`` that will need it, in one
    batch, before ``find_actors`` reads them one text at a time."""
    needed: set[str] = set()
    for text in texts:
        _find(text, registry, _Sentences(text, collect=needed))
    entities.recognise(sorted(needed))


def find_actors(text: str, registry: Registry) -> EntryMatches:
    """Every actor named in ``text``, in order, with proposals for unknown people and
    organisations."""
    return _find(text, registry, _Sentences(text))


def _find(text: str, registry: Registry, sentences: _Sentences) -> EntryMatches:
    result = EntryMatches()
    proposed: dict[str, ActorMatch] = {}  # this text's proposals, by spelling key
    for match in _CAPITALISED.finditer(text):
        words = match.group(0).split()
        span = _Span(text, words, _word_offsets(text, match.start(), words))
        _match_span(span, registry, sentences, proposed, result)
    result.actors.sort(key=lambda m: m.start)
    return result


def _word_offsets(text: str, start: int, words: list[str]) -> list[int]:
    offsets, cursor = [], start
    for word in words:
        cursor = text.index(word, cursor)
        offsets.append(cursor)
        cursor += len(word)
    return offsets


@dataclass
class _Span:
    text: str
    words: list[str]
    offsets: list[int]

    def phrase(self, i: int, j: int) -> str:
        return _bare(self.text[self.offsets[i] : self.offsets[j - 1] + len(self.words[j - 1])])

    def at_sentence_start(self, i: int) -> bool:
        before = self.text[: self.offsets[i]].rstrip(" \t“\"‘'(")
        return not before or before[-1] in ".!?:\n—–-•*#>"


LONGEST = 7  # words in a registry name: "Organization for Security and Co-operation in Europe"


def _match_span(span, registry, sentences, proposed, result) -> None:
    words, offsets = span.words, span.offsets
    surnames, full_names = registry.surnames(), registry.full_names()
    i = 0
    while i < len(words):
        if _connector(words[i]):
            i += 1
            continue
        found = _known(span, i, registry, result)
        if found:
            i = found
            continue
        local = _proposed_before(span, i, proposed)
        if local:
            match, length = local
            result.actors.append(match)
            i += length
            continue
        fuzzy = _fuzzy(words, i, registry, surnames, full_names)
        if fuzzy:
            entry, length = fuzzy
            phrase = _bare(" ".join(words[i : i + length]))
            result.actors.append(
                ActorMatch(entry, phrase, offsets[i], offsets[i] + len(phrase), fuzzy=True)
            )
            i += length
            continue
        proposal = _proposal(span, i, registry, sentences)
        if proposal:
            match, length = proposal
            if match.proposed_kind == PERSON:
                namesake = registry.actor(match.proposed_name.split()[-1])
                if namesake and namesake.kind == PERSON:
                    result.warnings.append(_namesake_warning(match.proposed_name, namesake))
                proposed.setdefault(spelling(match.proposed_name), match)
                proposed.setdefault(spelling(match.proposed_name.split()[-1]), match)
            result.actors.append(match)
            i += length
            continue
        i += 1


def _connector(word: str) -> bool:
    return word in {"of", "for", "the", "and", "on", "in"}


def _known(span, i, registry, result) -> int | None:
    """A registry name starting at word ``i``: the match is added and the index of the
    word after it returned."""
    words, offsets = span.words, span.offsets
    for j in range(min(len(words), i + LONGEST), i, -1):
        if _connector(words[j - 1]):
            continue
        phrase = span.phrase(i, j)
        entry = registry.actor(phrase) or registry.person(phrase)
        if entry is None:
            if registry.is_outlet(phrase):
                return j  # an outlet is a source, not an actor
            continue
        start = offsets[i]
        if (
            j - i == 1
            and entry.kind == PERSON
            and j < len(words)
            and _name_like(span, j)
            and _bare(words[j]).casefold() not in ORGANISATION_WORDS | ORGANISATION_EVIDENCE
            and registry.actor(_bare(words[j])) is None
            and not registry.is_outlet(_bare(words[j]))
        ):
            return None  # "Kim Jong Un" is not Vitaliy Kim: a longer, unknown name
        if j - i == 1 and entry.kind == PERSON and _given_name_before(span, i, registry):
            given = _bare(words[i - 1])
            if fold(f"{given} {phrase}") not in registry.full_names():
                # "Dmitry Ushakov" is not Yuri Ushakov, whatever the surname says.
                name = f"{given} {phrase}"
                result.warnings.append(_namesake_warning(name, entry))
                result.actors.append(
                    ActorMatch(None, name, offsets[i - 1], start + len(phrase), proposed_name=name)
                )
                return j
        result.actors.append(ActorMatch(entry, phrase, start, start + len(phrase)))
        return j
    return None


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
    if i + 1 < len(words) and not _connector(words[i + 1]):
        pair = fold(_bare(" ".join(words[i : i + 2])))
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
    word = fold(_bare(words[i]))
    if len(word) < MIN_FUZZY or not words[i][:1].isupper():
        return None
    if i > 0 and words[i - 1][-1:] not in ".,;:!?" and _is_given_name(words[i - 1], registry):
        return None  # "Dmitry Ushakov"-like pairs are handled as full names
    candidates = [name for name in registry.alike(word) if abs(len(name) - len(word)) <= 2]
    best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_SURNAME)
    if best:
        return surnames[best[0]], 1
    return None


# What the named-entity step's labels mean here. PERSON and ORG are proposed (ORG checked
# against the registry's outlets); places and nationalities never are.
NOT_ACTORS = {
    "GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
    "QUANTITY", "EVENT", "LANGUAGE", "LAW", "PRODUCT", "WORK_OF_ART",
}  # fmt: skip
# Words that make an organisation's name an outlet's.
OUTLET_WORDS = {
    "news", "times", "post", "journal", "radio", "television", "tv", "daily", "weekly",
    "gazette", "herald", "tribune", "telegraph", "press", "media", "broadcasting", "pravda",
}  # fmt: skip
# Words that show a name is an organisation's (ORGANISATION_WORDS also holds places,
# nationalities and days, which do not).
ORGANISATION_EVIDENCE = {
    "house", "commission", "council", "union", "ministry", "office", "department", "parliament",
    "government", "army", "forces", "force", "court", "bank", "agency", "service", "committee",
    "nations", "organization", "alliance", "group", "party", "institute", "centre", "center",
    "foundation", "assembly", "guard", "command", "navy", "mission", "brigade", "battalion",
    "division", "corps", "fleet", "university", "school", "corporation", "inc", "ltd",
    "watch", "rights", "international", "front", "coalition", "federation", "association",
    "authority", "administration", "board", "bureau", "directorate", "police", "intelligence",
    "senate", "congress", "cabinet", "embassy", "operator", "holdings", "airlines", "network",
    "programme", "program", "initiative", "movement", "organisation", "legion", "regiment",
    "staff", "headquarters", "secretariat", "fund", "forum", "church", "club", "company",
}  # fmt: skip
# After a name, these make it a place: "Warsaw Chopin airport".
PLACE_NOUNS = {
    "airport", "airfield", "station", "square", "street", "avenue", "river", "bridge", "region",
    "oblast", "district", "city", "town", "village", "province", "plant", "port", "base",
    "reservoir", "dam", "peninsula", "island", "strait", "sea", "front", "axis", "direction",
}  # fmt: skip
# Before a name, these make it a place: "near Velyka Novosilka", "in Pokrovsk".
PLACE_PREPOSITIONS = {"in", "near", "around", "towards", "toward", "outside", "into", "across"}
# Words after a one-word name that make it an organisation: "Wagner group", "Rybar channel".
ORGANISATION_CUES = {
    "group", "mercenaries", "fighters", "militants", "movement", "militia", "channel",
    "company", "party", "network", "battalion", "brigade", "unit", "chief", "leader",
    "founder", "boss", "commander", "spokesman", "spokeswoman", "spokesperson",
}  # fmt: skip
# Nouns that introduce an organisation's name: "energy company DTEK", "the group Hamas".
ORGANISATION_NOUNS = {
    "company", "firm", "group", "operator", "agency", "organisation", "organization",
    "watchdog", "giant", "producer", "maker", "manufacturer", "movement", "party", "channel",
    "network", "outfit", "militia", "body", "regulator", "utility", "provider", "contractor",
}  # fmt: skip
# Capitalised abbreviations that are not organisations.
NOT_ORGANISATIONS = {
    "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "MSK", "EST", "EDT", "PST", "PDT", "CST",
    "ET", "PT", "AM", "PM", "UPDATE", "BREAKING", "LIVE", "NEW", "WATCH", "READ", "MORE", "TV",
    "ID", "OK", "CEO", "MP", "MPS", "UAV", "UAVS", "HIMARS", "ATACMS", "AI", "GDP", "HQ",
}  # fmt: skip


def _name_like(span, i) -> bool:
    word = _bare(span.words[i])
    folded = word.casefold()
    return (
        len(word) >= 2
        and word.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalpha()
        and folded not in NOT_NAMES | TITLE_WORDS
        and word.upper() not in NOT_ORGANISATIONS
    )


def _proposal(span, i, registry, sentences) -> tuple[ActorMatch, int] | None:
    """An unknown person or organisation starting at word ``i``, or None."""
    words, offsets, text = span.words, span.offsets, span.text
    if not _name_like(span, i) or sentences.in_credits(offsets[i]):
        return None
    # Which words a model would be asked about: two or more name-like words, or an
    # abbreviation, or one word that acts ("Rybar said", "the Wagner group").
    run = 1
    while i + run < len(words) and (_name_like(span, i + run) or _particle(words[i + run])):
        run += 1
    word = _bare(words[i])
    single_end = offsets[i] + len(word)
    acts = _speech_follows(text, single_end, ACTION_VERBS) or _cue_follows(text, single_end)
    if run < 2 and not _is_acronym(word) and not acts:
        return None
    if run < 2 and span.at_sentence_start(i) and not _is_acronym(word):
        return None  # "Officials said": a capitalised word, not a name
    if run >= 2:
        # What the words around a name settle, the model is not asked about: it is the
        # slow step (see entities.py).
        run_end = offsets[i + run - 1] + len(_bare(words[i + run - 1]))
        if _place_context(text, offsets[i], sentences) or _place_noun_follows(text, run_end):
            return None
        settled = _heuristic_person(span, i, registry, strong_only=True)
        if settled:
            return settled
    entity = sentences.entity_at(offsets[i])
    if entity is None and run >= 2:
        # The small model often leaves the given name out: "Dmitry [Peskov]".
        following = sentences.entity_at(offsets[i + 1])
        if following and following[2] == "PERSON":
            entity = (offsets[i], following[1], "PERSON")
    if entity is None and _is_acronym(word) and _organisation_noun_before(text, offsets[i]):
        entity = (offsets[i], single_end, "ORG")  # "energy company DTEK"
    if entity is None:
        return _heuristic_person(span, i, registry)
    start, end, label = entity
    if label in NOT_ACTORS:
        return None
    if any(
        start <= offsets[k]
        and _name_like(span, k)
        and not words[k].endswith(("’s", "'s"))  # "Russia's National Security Council"
        and registry.actor(_bare(words[k])) is None
        for k in range(i)
    ):
        return None  # the tail of a longer name: "War" of "Institute for the Study of War"
    inside = [k for k in range(i, len(words)) if offsets[k] < end]
    while inside and _connector(words[inside[-1]]):
        inside.pop()
    if not inside:
        return None
    length = len(inside)
    name = span.phrase(i, i + length)
    if registry.is_outlet(name):
        return None
    candidate = [_bare(w) for w in words[i : i + length]]
    if _place_context(text, offsets[i], sentences) or _place_noun_follows(text, end):
        return None  # "near Pokrovsk, Kurakhove, and Velyka Novosilka", "Chopin airport"
    if any(w.casefold() == "time" for w in candidate):
        return None  # "Greenwich Mean Time", "Eastern Time"
    if label == "ORG" and _person_shaped(candidate):
        # The model's ORG for a person-shaped name ("Olena Zelenska") is often wrong; the
        # words around it decide.
        return _heuristic_person(span, i, registry)
    if label == "PERSON":
        if not _person_shaped(candidate):
            return _heuristic_person(span, i, registry)
        kind = PERSON
    elif label == "ORG":
        if length == 1 and (not (_is_acronym(name) or acts) or _title_context(text, offsets[i])):
            return None  # "the Wagner group" is one; "in Bakhmut", "soldier Istoryk" are not
        if any(w.casefold() in OUTLET_WORDS for w in candidate):
            return None  # an outlet or a programme: "EA-Times Radio Special"
        if not (_is_acronym(name) or acts) and not any(
            w.casefold() in ORGANISATION_EVIDENCE for w in candidate
        ):
            return None  # a title or a heading: "Russian Offensive Campaign Assessment"
        if all(w.casefold() in ORGANISATION_WORDS for w in candidate):
            return None  # "Defence", "Security Council" said alone: not a name
        kind = ORGANISATION
    else:
        return None
    return ActorMatch(
        None, name, offsets[i], offsets[i] + len(name), proposed_name=name, proposed_kind=kind
    ), length


_PLACE_LIST = re.compile(
    rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))})\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
)


def _place_context(text: str, start: int, sentences: "_Sentences") -> bool:
    """Whether a place preposition governs the name, directly or through a list."""
    sentence_start = sentences.start_of(start)
    return bool(_PLACE_LIST.search(text, sentence_start, start))


_LIST_REST = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*"
)


def _place_noun_follows(text: str, end: int) -> bool:
    """ "Chopin airport", and through a list: "Warsaw Chopin, Modlin and Lublin airports"."""
    while rest := _LIST_REST.match(text, end):
        end = rest.end()
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip(".,;:").casefold().removesuffix("s") in (
        PLACE_NOUNS
    )


def _organisation_noun_before(text: str, start: int) -> bool:
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].casefold() in ORGANISATION_NOUNS


def _cue_follows(text: str, end: int) -> bool:
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip(".,;:").casefold() in ORGANISATION_CUES


def _surname_recurs(text: str, surname: str, end: int) -> bool:
    """ "… Olaf Scholz spoke with Putin. Scholz urged …": people are named again by their
    surname, organisations are not by their last word."""
    return bool(re.search(rf"(?<![\w’'-]){re.escape(surname)}(?![\w-])", text[end:]))


def _apposition_follows(text: str, end: int) -> bool:
    """ "Alexei Smirnov, the acting governor of …", "Serhiy Lysak, head of …"."""
    following = re.match(r"\s*,\s*((?:\S+\s+){0,5}\S+)", text[end : end + 80])
    return bool(following) and any(
        w.strip(",.’'s").casefold() in TITLE_WORDS - {"us", "uk", "eu", "nato", "un"}
        for w in following.group(1).split()
    )


def _heuristic_person(span, i, registry, strong_only=False) -> tuple[ActorMatch, int] | None:
    """Without the model's word: a person-shaped name introduced by a title ("Italian
    Prime Minister Giorgia Meloni"), followed by a speech verb ("…, Oleksandr Merezhko
    said") or by a title in apposition ("Alexei Smirnov, the acting governor"), or — the
    weaker cues, not ``strong_only`` — whose given name is a known person's or whose
    surname comes again."""
    words, offsets, text = span.words, span.offsets, span.text
    for length in (3, 2):
        if i + length > len(words):
            continue
        if i + length < len(words) and _name_like(span, i + length):
            continue  # part of a longer name: "National Anti-Terrorism Committee"
        candidate = [_bare(w) for w in words[i : i + length]]
        if not _person_shaped(candidate):
            continue
        name = span.phrase(i, i + length)
        end = offsets[i] + len(name)
        if (
            _title_context(text, offsets[i])
            or _speech_follows(text, end, ACTION_VERBS)
            or _apposition_follows(text, end)
            or (
                not strong_only
                and (
                    fold(candidate[0]) in registry.given_names()
                    or _surname_recurs(text, candidate[-1], end)
                )
            )
        ):
            return ActorMatch(None, name, offsets[i], end, proposed_name=name), length
    return None


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
