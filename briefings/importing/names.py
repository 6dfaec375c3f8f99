"""Names of people and organisations: folding, spellings and acronyms, the registry of
sources and actors, and what a match of a name in text is. Pure: no database."""

import functools
import re
import unicodedata
from dataclasses import dataclass, field

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
    # abbreviated titles: "Rep. Marjorie Taylor Greene", "Lt. Gen. Keith Kellogg"
    "rep", "sen", "gov", "gen", "lt", "col", "maj", "capt", "adm", "sgt", "amb", "prof", "rev",
    "hon", "rt", "cmdr", "brig", "supt", "insp", "pres", "sec", "atty", "cllr", "dame", "lord",
    "lady", "sheikh", "emir", "crown", "patriarch", "cardinal", "archbishop", "ayatollah",
    "sultan", "imam",
    # "PM Modi", "Sheriff Robert Luna", "Senate Majority Leader Chuck Schumer"
    "pm", "sheriff", "majority", "minority", "whip", "judge", "justice", "inspector",
    "superintendent", "detective", "sergeant", "corporal", "constable", "councillor",
    "councilman", "councilwoman", "alderman", "premier", "chairperson", "coach",
    "cs",  # Kenya's cabinet secretaries: "Defence CS Aden Duale"
    # adjectives of office that open a title or stand for one: "Incumbent Ranil
    # Wickremesinghe", "Outgoing President X", "Supreme Leader Ali Khamenei"
    "incumbent", "outgoing", "supreme", "interim", "caretaker",
    # titles of address of other languages and faiths: "Frau Ursula Haverkamp", "Monsieur
    # Jean-Luc Moreau", "Datuk Seri Anwar Ibrahim", "Shri Narendra Modi", "Rabbi Yosef Levin"
    "herr", "frau", "monsieur", "madame", "mme", "señor", "senor", "señora", "senora",
    "signor", "signora", "datuk", "dato", "datin", "tun", "seri", "shri", "smt", "shrimati",
    "rabbi", "mullah", "mufti", "maulana", "reverend",
}  # fmt: skip
# Nouns that say a name is a person's when they stand in apposition ("Ilan Shor, a fugitive
# businessman") or before it ("billionaire Elon Musk", "podcaster Lex Fridman").
PERSON_NOUNS = {
    "businessman", "businesswoman", "billionaire", "tycoon", "oligarch", "entrepreneur",
    "investor", "banker", "lawyer", "attorney", "prosecutor", "judge", "activist", "dissident",
    "blogger", "podcaster", "influencer", "commentator", "politician", "lawmaker", "legislator",
    "candidate", "nominee", "rival", "challenger", "ally", "negotiator", "economist", "scientist",
    "physician", "doctor", "priest", "cleric", "rabbi", "imam", "bishop", "patriarch",
    "singer", "actor", "actress", "writer", "author", "historian", "founder", "co-founder",
    "owner", "heir", "son", "daughter", "wife", "husband", "widow", "brother", "sister",
    "mother", "father", "pilot", "volunteer", "medic", "survivor", "witness", "resident",
    "veteran", "fighter", "mercenary", "commander", "general", "colonel", "officer", "soldier",
    "marine", "journalist", "reporter", "editor", "photographer", "presenter", "host",
    "analyst", "expert", "researcher", "professor", "adviser", "advisor", "aide", "envoy",
    "diplomat", "ambassador", "official", "spokesman", "spokeswoman", "spokesperson",
    "minister", "president", "premier", "chancellor", "governor", "mayor", "senator",
    "congressman", "congresswoman", "representative", "deputy", "speaker", "leader", "chief",
    "head", "chairman", "chairwoman", "chair", "director", "ceo", "executive", "boss",
    "secretary", "prime", "foreign", "defence", "defense", "former", "ex-president",
}  # fmt: skip
# The words of a person's job, rank or standing that the news writes capitalised before a
# name, as a title or at a sentence's start ("Administrator Bill Nelson", "Rookie Cooper
# DeJean", "Striker Alessia Russo", "Novelist Han Kang"): never part of the name.
ROLE_NOUNS = PERSON_NOUNS | {
    "administrator", "rookie", "quarterback", "striker", "midfielder", "defender",
    "goalkeeper", "keeper", "winger", "forward", "pitcher", "catcher", "batter", "bowler",
    "batsman", "opener", "all-rounder", "playmaker", "guard", "centre", "center",
    "captain", "skipper", "manager", "coach", "referee", "umpire", "player", "teammate",
    "driver", "rider", "cyclist", "runner", "sprinter", "swimmer", "golfer", "boxer",
    "wrestler", "champion", "star", "superstar", "legend", "rapper", "novelist", "poet",
    "composer", "producer", "designer", "chef", "artist", "filmmaker", "comedian",
    "laureate", "astronaut", "cosmonaut", "commissioner", "ombudsman", "auditor",
    "treasurer", "registrar", "provost", "dean", "rector", "principal", "superintendent",
    "sheriff", "detective", "inspector", "sergeant", "constable", "trooper", "agent",
    "nurse", "surgeon", "paramedic", "firefighter", "teacher", "student", "pastor",
    "monk", "nun", "chaplain", "founder", "chief", "executive", "president", "director",
    "managing", "co-chair", "vice-president", "vice-chair", "undersecretary", "secretary",
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
# The head nouns of a state's own bodies — ministries, departments, armed services,
# committees, central banks, police — which the news names constantly and which are not
# actors of their own (the registry lists the few that are: the SBU, the Kremlin, the UN
# Security Council). "Interior Ministry", "State Department", "National Anti-Terrorism
# Committee", "Operational Command", "Central Bank".
GOVERNMENT_WORDS = {
    "ministry", "ministries", "department", "committee", "command", "staff", "police",
    "treasury", "parliament", "army", "navy", "forces", "force", "guard", "guards",
    "prosecutor", "prosecutors", "prosecutor's", "prosecutor-general", "office", "directorate",
    "inspectorate", "administration", "cabinet", "government", "council", "senate", "house",
    "congress", "court", "courts", "judiciary", "bureau", "service", "services", "border",
    "customs", "coastguard", "gendarmerie", "municipality", "governorate",
    "mayoralty", "duma", "rada", "assembly", "legislature", "commission", "embassy",
    "consulate", "headquarters", "fleet", "flotilla", "brigade", "brigades", "battalion",
    "regiment", "division", "squadron",
    # a central bank by its own name: "the Federal Reserve"
    "reserve",
    # parliaments by their own names: "the Lok Sabha", "the Knesset", "the Sejm"
    "sabha", "knesset", "bundestag", "bundesrat", "sejm", "majlis", "storting", "riksdag",
    "folketing", "eduskunta", "saeima", "seimas", "riigikogu", "oireachtas", "dail", "althing",
    "cortes", "skupstina", "sobranie", "khural", "jirga", "mejlis", "kurultai", "sabor",
    "nationalrat", "hural", "parlament", "parlamento", "parlement",
}  # fmt: skip
# With these first words a "Bank", "Agency" or "Service" is a state's: "Central Bank",
# "National Bank", "State Emergency Service".
GOVERNMENT_FIRST = {"central", "national", "state", "federal", "interior", "foreign", "emergency"}
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
    # question words that open headlines: "How Olaf Scholz came to sack …", "Why Kenya …"
    "how", "why", "what", "who", "where", "which", "whose",
    # participles that open a sentence before a name: "Quoting Peskov, TASS said"
    "quoting", "citing", "speaking", "writing", "asked", "responding", "addressing",
    # adverbs of time and place, and prepositions no organisation's name holds ("Doctors
    # Without Borders", "Students Against Discrimination" do hold theirs): "Tonight
    # Romanians vote", "Per ProPakistani"
    "tonight", "overnight", "earlier", "elsewhere", "separately", "per", "via", "amid",
    "following", "including", "regarding",
}  # fmt: skip


# English words of grammar that open sentences capitalised ("More than 300 …", "Will the …",
# "Most of …"): never a person's name, though a transliteration key can make one of them a
# surname's ("More" and "Moore" share "more").
FUNCTION_WORDS = {
    "more", "most", "much", "many", "few", "less", "least", "will", "would", "shall",
    "should", "may", "might", "must", "can", "could", "well", "so", "such", "very", "too",
    "here", "there", "where", "once", "ever", "never", "again", "still", "just", "already",
    "almost", "about", "above", "below", "under", "over", "off", "out", "up", "down", "into",
    "onto", "upon", "since", "until", "though", "although", "unless", "whether", "each",
    "every", "either", "neither", "other", "others", "another", "same", "own", "several",
    "any", "none", "nothing", "everyone", "someone", "anyone", "first", "later", "early",
    "soon", "thus", "hence", "therefore", "instead", "rather", "perhaps", "maybe", "whole",
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "do", "does", "did",
    "he", "she", "we", "they", "you", "i", "me", "him", "them", "us", "my", "your",
}  # fmt: skip


CALENDAR_AND_GRAMMAR = FUNCTION_WORDS | {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "today", "tonight", "yesterday", "tomorrow",
}  # fmt: skip
# Surnames that are also everyday English words, capitalised at a sentence's start: "White
# smoke rose", "Green energy", "Price rises", "Young people" — a proposed person's surname
# there is that person only where the sentence makes the word a name.
WORD_SURNAMES = {
    "white", "black", "brown", "green", "grey", "gray", "young", "long", "little", "strong",
    "short", "small", "rich", "sharp", "wise", "good", "best", "price", "hope", "grant",
    "rose", "hunt", "wood", "woods", "hall", "hill", "bell", "page", "case", "cook", "ward",
    "field", "king", "church", "mark", "bill", "bush", "power", "powers", "banks", "wells",
    "stone", "west", "north", "south", "east", "fox", "lamb", "bird", "swan", "wolf", "rice",
    "love", "joy", "faith", "chase", "mills", "cross", "lane", "street", "bond", "gold",
    "silver", "frost", "snow", "rain", "storm", "summers", "winter", "day", "knight", "judge",
    "major", "marshall", "sterling", "noble", "free", "ball", "park", "lee", "hand", "head",
}  # fmt: skip


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


def is_acronym(alias: str) -> bool:
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 6


# An acronym of this many letters is also one when written as a word: "Nato", "Opec". Shorter
# ones are not: "Us" and "Un" start sentences.
WORD_ACRONYM = 4


def _as_acronym(name: str) -> str | None:
    """The acronym ``name`` spells, or None: "U.S." → "US", "Nato" → "NATO", "us" → None."""
    letters = name.replace(".", "")
    if is_acronym(name):
        return letters
    if len(letters) >= WORD_ACRONYM and letters.isalpha() and letters.istitle():
        return letters.upper()
    return None


def is_particle(word: str) -> bool:
    # "Luis de la Fuente", "Ursula von der Leyen", "Rafael van der Vaart", "Luiz Inácio Lula
    # da Silva", "Gerard ter Horst"
    return word.casefold() in {
        "von", "van", "der", "den", "de", "al", "bin", "ibn", "da", "di", "la", "le", "del",
        "della", "dei", "dos", "das", "du", "ter", "ten",
    }  # fmt: skip


def _surname_first(words: list[str]) -> bool:
    """A Korean name written family name first in three short syllables ("Yoon Suk Yeol",
    "Moon Jae In"). Not "Lee Jae-myung": a proposal's surname outlives the document, and
    "Lee", "Park" or "Han" alone name places and other people too often ("Bethel Park")."""
    return len(words) == 3 and all(
        len(w) <= 4 and w[:1].isupper() and w[1:].islower() for w in words
    )


def surnames(name: str) -> list[str]:
    """The surname a person is named by later: "Yevgeny Prigozhin" → "Prigozhin",
    "Bashar al-Assad" → "al-Assad", "Assad"; "Yoon Suk Yeol" → "Yoon"."""
    words = name.split()
    if len(words) < 2 or is_particle(words[-2]):
        return []
    if _surname_first(words):
        return [words[0]]
    bare = without_article(words[-1])
    return [words[-1]] if bare == words[-1] else [words[-1], bare]


_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|an|ash|at|az|ul|ur|ud)-(?=[A-Z])")


def without_article(word: str) -> str:
    """ "al-Assad" → "Assad": an Arabic surname is also written, and said, without its
    article."""
    return _ARTICLE_PREFIX.sub("", word)


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
        if not self.is_reviewed and self.kind == "person":
            # never a word of grammar or of the calendar: "May 5" is not Theresa May, "Will
            # the talks resume?" not George Will
            names += [s for s in surnames(self.name) if fold(s) not in CALENDAR_AND_GRAMMAR]
        return names


_OUTLET_SUFFIXES = {
    "news", "agency", "tv", "television", "radio", "english", "online", "digital",
    "international", "newspaper", "daily", "service", "channel", "network", "wire", "live",
}  # fmt: skip


@dataclass
class Registry:
    """Aliases → entries, for sources and for actors."""

    sources: list[RegistryEntry] = field(default_factory=list)
    actors: list[RegistryEntry] = field(default_factory=list)
    # The people the document being matched names in full, by spelling key (set for each
    # document by ``match.prepare_actors``): its texts know them by their surnames too.
    document_people: dict = field(default_factory=dict)

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
        # Organisations by the initials of their names' words: "IRGC", "HTS".
        self._org_initials: dict[str, RegistryEntry] = {}
        for entry in self.sources:
            self._index_source(entry)
        for entry in self.actors:
            self._index_actor(entry)

    @staticmethod
    def _index(entry, index, acronyms) -> None:
        for alias in entry.spellings():
            if is_acronym(alias):
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
        # A proposed "person" of three words or more may be a group the model took for
        # one ("Hayat Tahrir al-Sham"): its initials count too.
        if entry.kind not in ("person", "state") or (
            not entry.is_reviewed and len(entry.name.split()) >= 3
        ):
            initials = organisation_initials(entry.name)
            if len(initials) >= 3:
                self._org_initials.setdefault(initials, entry)
        if entry.kind == "person":
            for alias in entry.spellings():
                if is_acronym(alias):
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
        if is_acronym(name):
            return None  # "AP" is not "Ap", nor the word "ap"
        return index.get(fold(name))

    def source(self, name: str) -> RegistryEntry | None:
        name = name.strip()
        if name[:4].casefold() == "the ":
            name = name[4:]  # "the AP"
        found = self._lookup(name, self._source_index, self._source_acronyms)
        words = name.split()
        # "Bloomberg News", "Reuters news agency", "CNN International", "Meduza English":
        # a known outlet with a word that names its kind or edition is that outlet
        while found is None and len(words) > 1 and words[-1].casefold() in _OUTLET_SUFFIXES:
            words = words[:-1]
            found = self._lookup(" ".join(words), self._source_index, self._source_acronyms)
        return found

    def is_outlet(self, name: str) -> bool:
        return self.source(name) is not None

    def actor(self, name: str) -> RegistryEntry | None:
        return self._lookup(name, self._actor_index, self._actor_acronyms)

    def person(self, name: str) -> RegistryEntry | None:
        """A person by any transliteration of a known spelling — never a word of grammar
        ("More than 300 …" is not Moore)."""
        if fold(name) in FUNCTION_WORDS:
            return None
        return self._person_spellings.get(spelling(name))

    def organisation_by_initials(self, acronym: str) -> RegistryEntry | None:
        return self._org_initials.get(acronym.replace(".", "").upper())

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


_SMALL_WORDS = {"of", "for", "the", "and", "in", "on", "de", "du", "des", "la", "le", "&"}


def organisation_initials(name: str) -> str:
    """ "Islamic Revolutionary Guard Corps" → "IRGC", "Hayat Tahrir al-Sham" → "HTS"."""
    words = [without_article(w) for w in name.split()]
    return "".join(
        w[0].upper() for w in words if w.casefold() not in _SMALL_WORDS and w[:1].isalpha()
    )


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
        return surnames(self.proposed_name) if self.proposed_kind == PERSON else []


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
