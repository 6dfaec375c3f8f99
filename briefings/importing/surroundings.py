"""What the words around a capitalised word say about it, for the proposals of unknown
actors: whether it can be a word of a name (``name_like``) and where a name's run of words
ends (``closes``, ``possessive``); whether the name is the subject of a verb; and what makes
it something other than an actor — a place (a preposition, a place noun, a compass word
before a state), an event, a vehicle or a thing given a name, a page's byline or dateline,
a time zone, or an outlet its entry cites."""

import functools
import re

from .attribution import (
    PLATFORMS,
    attribute,
    noun_outlets,
)
from .names import (
    GOVERNMENT_WORDS,
    NOT_NAMES,
    PERSON_NOUNS,
    TITLE_WORDS,
    fold,
    is_acronym,
    without_article,
)
from .sentences import (
    ACTION_VERBS,
    Sentences,
    Span,
    bare_word,
)

# After a name, these make it a place: "Warsaw Chopin airport".
PLACE_NOUNS = {
    "airport", "airfield", "station", "square", "street", "avenue", "river", "bridge", "region",
    "oblast", "district", "city", "town", "village", "province", "plant", "port", "base",
    "reservoir", "dam", "peninsula", "island", "strait", "sea", "front", "axis", "direction",
    # venues: "the Grand Palais", "Dolmabahce Palace", "the World Forum"
    "palace", "palais", "hall", "hotel", "stadium", "arena", "cathedral", "mosque", "museum",
    "theatre", "theater", "tower", "castle", "residence", "forum", "gardens", "park",
    # divisions of a country: "St Elizabeth parish", "Orange County", "Ishikawa prefecture"
    "parish", "county", "prefecture", "canton", "municipality", "governorate",
    # roads, water and land: "Sheikh Zayed Road", "Lake Chad", "the Rafah crossing"
    "road", "highway", "motorway", "expressway", "freeway", "boulevard", "canal", "lake",
    "valley", "beach", "bay", "gulf", "coast", "harbour", "harbor", "crossing", "checkpoint",
    "mountain", "mountains", "desert",
}  # fmt: skip


# Institutions that are also buildings: after "at the", "in the", a place ("treated at the
# Shock Trauma Center"); elsewhere an organisation ("the Wilson Center said").
VENUE_HEADS = {
    "center", "centre", "hospital", "clinic", "infirmary", "college", "campus", "prison",
    "jail", "complex", "school", "library", "academy", "terminal", "embassy", "consulate",
}  # fmt: skip


LOCATIVE_BEFORE = re.compile(
    r"\b(?:at|in|inside|outside|near|to|into|from|outside)[^\S\n]+the[^\S\n]+$"
)


# Before a name, these make it a place: "near Velyka Novosilka", "in Pokrovsk".
PLACE_PREPOSITIONS = {"in", "near", "around", "towards", "toward", "outside", "into", "across"}


# Capitalised abbreviations that are not organisations.
NOT_ORGANISATIONS = {
    "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "MSK", "EST", "EDT", "PST", "PDT", "CST",
    "ET", "PT", "AM", "PM", "UPDATE", "BREAKING", "LIVE", "NEW", "WATCH", "READ", "MORE", "TV",
    "ID", "OK", "CEO", "MP", "MPS", "UAV", "UAVS", "HIMARS", "ATACMS", "AI", "GDP", "HQ",
}  # fmt: skip


# Regions that name an organisation's branch as a state does: "Africa CDC".
REGIONS = {"africa", "europe", "asia", "americas", "america", "pacific", "caribbean"}


_LETTERS_AND_NUMBER = re.compile(r"[A-Z]{1,2}\d{1,2}")


def name_like(span, i) -> bool:
    word = bare_word(span.words[i])
    folded = word.casefold()
    if (
        "-" in folded
        and any(part in TITLE_WORDS for part in folded.split("-"))
        and without_article(word) == word  # "al-Sheikh", "Al-Amir": a surname's article
    ):
        return False  # "President-elect", "Ex-President", "Vice-Chancellor"
    if _LETTERS_AND_NUMBER.fullmatch(word):
        return True  # "the G9 gang federation", "M23 fighters": a group's name with a number
    return (
        len(word) >= 2
        and word.replace("-", "").replace("’", "").replace("'", "").replace(".", "").isalpha()
        and folded not in NOT_NAMES | TITLE_WORDS
        and word.upper() not in NOT_ORGANISATIONS
    )


def closes(word: str) -> bool:
    """Whether a word ends its clause: "Putin." or "Ryabkov," — but not "J.D." nor "Rep."."""
    if word[-1:] in ',;:!?)”"':
        return True
    if word.endswith("."):
        stem = word[:-1]
        return len(stem) > 2 and "." not in stem and stem.casefold() not in TITLE_WORDS
    return False


# Common nouns whose possessive is a word of a name, not its end: "National People's Power",
# "Sudan People's Liberation Movement", "Kurdistan Workers' Party", "Women's Union".
_NAME_POSSESSIVES = {
    "people", "peoples", "workers", "women", "children", "citizens", "farmers", "veterans",
    "mothers", "soldiers", "students", "nations", "teachers", "miners", "doctors",
}  # fmt: skip


def possessive(word: str) -> bool:
    bare = word.rstrip('.,;:!?)”"')
    owner = re.sub(r"[’'](?:s)?$", "", bare.casefold())
    if owner != bare.casefold() and owner in _NAME_POSSESSIVES and bare[:1].isupper():
        return False
    return bare.endswith(("’s", "'s"))


_ASIDE_VERB = re.compile(
    rf"[^\S\n]*,[^\S\n]+[a-z][^,.;:\n“”\"]{{0,60}},[^\S\n]*(?:also[^\S\n]+)?(?:{ACTION_VERBS})\b"
)


def acts_after_aside(text: str, end: int) -> bool:
    """ "Elering, its Estonian counterpart, said", "Waker-Uz-Zaman, in a televised address,
    says": an actor's verb after an aside (not after a name in apposition: "the governor of
    Odesa, Oleh Kiper, said" is Kiper speaking)."""
    return bool(_ASIDE_VERB.match(text, end))


# A finite verb after a name in a subject's place: "Noah Lyles came through his heat",
# "Curtis Sliwa again rejected calls", "Mikel Oyarzabal stretches to touch it". Not forms of
# "to be" ("Velyka Novosilka was captured" is as often a place), and a present "-s" only
# before a function word ("Sliwa supporters gathered": a noun).
_IRREGULAR_PAST = {
    "came", "went", "took", "made", "gave", "won", "lost", "ran", "left", "beat", "led",
    "held", "kept", "got", "saw", "spent", "sent", "put", "brought", "thought", "fought",
    "struck", "stood", "sat", "threw", "became", "began", "broke", "chose", "drew", "drove",
    "fell", "felt", "flew", "found", "grew", "heard", "hit", "knew", "paid", "quit", "rode",
    "rose", "sang", "shook", "shot", "shut", "sold", "spoke", "stole", "swore", "swept",
    "taught", "tore", "understood", "woke", "wore", "withdrew", "overtook", "forgave", "bought",
    "caught", "dealt", "meant", "set", "slid", "sought", "wrote", "told", "said", "met", "cut",
    "has", "had", "will", "would", "could", "can", "may", "might", "must", "should", "did",
    "does", "cannot", "won't", "didn't", "doesn't", "hasn't", "wasn't",
}  # fmt: skip


_SUBJECT_ADVERBS = {
    "again", "also", "then", "later", "still", "now", "once", "never", "already", "first",
    "twice", "himself", "herself", "too", "soon", "since", "ultimately",
}  # fmt: skip


_FUNCTION_WORDS = {
    "the", "a", "an", "to", "in", "on", "at", "for", "with", "his", "her", "their", "its",
    "into", "from", "by", "that", "it", "him", "them", "up", "out", "off", "back", "down",
    "over", "past", "through", "across", "around", "after", "before", "as", "this", "home",
    "more", "less", "no", "about", "nearly", "almost", "several", "some", "all",
}  # fmt: skip


_WORDS_AFTER = re.compile(r"[^\S\n]*((?:[a-z’'-]+[^\S\n]+){0,3}[a-z’'-]+)")


_GROUP_PLURALS = ("cans", "crats", "ists", "ives", "ites", "tories")


_SUBJECT_BEFORE = {
    "and", "but", "while", "as", "when", "after", "before", "because", "so", "where",
    "how", "why",  # "How Olaf Scholz came to …": a headline's question
}  # fmt: skip


def subject_of_verb(span, i, end) -> bool:
    """Whether the name at word ``i`` (ending at ``end``) is the subject of a finite verb."""
    text = span.text
    folded = text[span.offsets[i] : end].casefold().split()
    if folded[0] in PERSON_NOUNS | TITLE_WORDS:
        return False  # "Billionaire Petro Marchuk bought": the name starts after the noun
    if any(w in GOVERNMENT_WORDS for w in folded) or folded[-1].endswith(_GROUP_PLURALS):
        return False  # "Senate Republicans chose …": a body, a party's members
    before = text[max(0, span.offsets[i] - 12) : span.offsets[i]].split()
    if not (span.at_sentence_start(i) or (before and before[-1].casefold() in _SUBJECT_BEFORE)):
        return False
    following = _WORDS_AFTER.match(text, end)
    if not following:
        return False
    words = following.group(1).split()
    k = 0
    while k < len(words) - 1 and (words[k] in _SUBJECT_ADVERBS or words[k].endswith("ly")):
        k += 1
    verb, after = words[k], words[k + 1] if k + 1 < len(words) else ""
    if verb in _IRREGULAR_PAST or (len(verb) > 4 and verb.endswith("ed")):
        return True
    return (
        len(verb) > 3
        and verb.endswith("s")
        and not verb.endswith("ss")
        and after in (_FUNCTION_WORDS)
    )


_PLACE_LIST = re.compile(
    rf"\b(?:{'|'.join(sorted(PLACE_PREPOSITIONS))})\s+(?:the\s+)?"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+))*$"
)


def in_place(span, i, sentences) -> bool:
    """Whether a place preposition governs word ``i``: through a list ("near Pokrovsk,
    Kurakhove, and Velyka Novosilka") or as the tail of the name it introduces ("in West
    Palm Beach")."""
    if _place_context(span.text, span.offsets[i], sentences):
        return True
    before = span.text[max(0, span.offsets[0] - 16) : span.offsets[0]].split()
    if before[-1:] == ["the"]:
        before = before[:-1]
    return (
        i > 0
        and bool(before)
        and before[-1] in PLACE_PREPOSITIONS
        # "… in Kenya. Safaricom said": the preposition's name ended with its sentence
        and not any(closes(w) for w in span.words[:i])
        # "in Washington Secretary of State Marco Rubio said": the place ends at a title
        and not any(bare_word(w).casefold() in TITLE_WORDS for w in span.words[1 : i + 1])
    )


# "In Buenos Aires, President Javier Milei …": a preposition opening the sentence governs
# the name right after it (and not the subject after its comma).
_OPENING_PLACE = re.compile(
    rf"^[ \t]*(?:{'|'.join(sorted(p.title() for p in PLACE_PREPOSITIONS))})[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w’'-]*[ \t]+)*$"
)


def _place_context(text: str, start: int, sentences: "Sentences") -> bool:
    """Whether a place preposition governs the name, directly or through a list."""
    sentence_start = sentences.start_of(start)
    return bool(
        _PLACE_LIST.search(text, sentence_start, start)
        or _OPENING_PLACE.match(text[sentence_start:start])
    )


_LIST_REST = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)*"
)


def place_noun_follows(text: str, end: int) -> bool:
    """ "Chopin airport", and through a list: "Warsaw Chopin, Modlin and Lublin airports"."""
    while rest := _LIST_REST.match(text, end):
        end = rest.end()
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip(".,;:").casefold().removesuffix("s") in (
        PLACE_NOUNS
    )


def place_apposition(text: str, end: int) -> bool:
    """ "Velyka Novosilka, a village in Donetsk Oblast": a place noun in apposition."""
    following = re.match(r"\s*,\s*(?:the|a|an)\s+((?:[\w-]+\s+){0,2}[\w-]+)", text[end : end + 60])
    if not following:
        return False
    words = []
    for word in following.group(1).casefold().split():
        if word in CLAUSE_WORDS:
            break
        words.append(word)
    places = PLACE_NOUNS | {"capital", "settlement", "hamlet"}
    return (
        bool(words)
        and any(w.removesuffix("s") in places for w in words)
        and not any(w in PERSON_NOUNS for w in words)  # "a village head" is a person
    )


CLAUSE_WORDS = {"whose", "which", "where", "that", "who", "whom", "when", "while", "and", "or"}


# "built around the Janatha Vimukthi Peramuna": a name after "the" inside a sentence's
# clause, where no heading stands.
IN_CLAUSE = re.compile(r"[a-z,][^\S\n]+the[^\S\n]+$")


_COMPASS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "upper", "lower", "north-east", "north-west", "south-east", "south-west",
    "northeast", "northwest", "southeast", "southwest", "greater", "inner", "outer",
}  # fmt: skip


def part_of_a_country(span, i, registry) -> bool:
    """Whether words ``i`` and ``i + 1`` are a compass word and a state's or a region's
    name, and nothing more: "Western Australia", "Northern Ireland", "Southern Africa" — a
    place, not the state."""
    words = span.words
    if (
        i + 1 >= len(words)
        or closes(words[i])
        or (i + 2 < len(words) and not closes(words[i + 1]) and name_like(span, i + 2))
    ):
        return False
    first, second = (bare_word(w) for w in span.words[i : i + 2])
    if first.casefold() not in _COMPASS:
        return False
    if registry.actor(f"{first} {second}") is not None:
        return False  # "South Sudan", "North Korea": a state's own name
    entry = registry.actor(second)
    return (entry is not None and entry.kind == "state") or second.casefold() in REGIONS


REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)")


_NUMBER_AFTER = re.compile(r"[^\S\n]+\d+(?![\d.,:/]\d)(?!\s*(?:%|per\s*cent|percent))")


_WHERE_AFTER = re.compile(r"[^\S\n]*,[^\S\n]*where\b")


# The last words of the names of events, prizes and contests, which are no actors: "the
# Republican National Convention", "the International Booker Prize", "the Las Vegas Grand
# Prix", "the Champions Trophy", "the Super Bowl".
EVENT_HEADS = {
    "convention", "summit", "conference", "olympics", "games", "cup", "trophy", "prize",
    "prix", "award", "awards", "festival", "championship", "championships", "marathon",
    "derby", "bowl", "tournament", "finals", "expo", "biennale", "oscars", "grammys",
    "jubilee", "week",
}  # fmt: skip


_EVENT_AFTER = re.compile(
    r"[^\S\n]+(?:summit|conference|talks|meeting|festival|ceremony|games|championships?|"
    r"expo|fair|marathon|parade)\b"
)


# After a name, these make it a vehicle's: "the Rail Force One train".
_VEHICLE_AFTER = re.compile(
    r"[^\S\n]+(?:train|ship|vessel|tanker|plane|aircraft|jet|helicopter|submarine|frigate|"
    r"cruiser|destroyer|carrier|rocket|missile|drone|satellite|spacecraft)s?\b"
)


# What a name is given to when it is not an actor's: "the operation, which Israel calls
# Rising Lion", "a drill codenamed Zapad", "an offensive known as Kursk Spring"; and the
# legal ideas named after a party: "the Chevron doctrine".
_NAMING = re.compile(
    r"(?:\b(?:which|what|that)[^\S\n]+(?:[A-Z][\w’'-]*[^\S\n]+){1,3}(?:now[^\S\n]+)?"
    r"(?:calls|called|dubbed|dubs|named|names|has[^\S\n]+(?:called|dubbed|named))"
    r"|\b(?:dubbed|codenamed|code-named|nicknamed|christened)"
    r"|\b(?:operation|offensive|counteroffensive|plan|programme|program|project|campaign|"
    r"exercise|drill|mission|initiative|law|bill|strategy|doctrine|deal|storm|hurricane|"
    r"typhoon|cyclone)[^\S\n]+(?:called|named|known[^\S\n]+as|dubbed))"
    r"[^\S\n]+[“\"‘']?$"
)


THING_AFTER = re.compile(
    r"[^\S\n]+(?:doctrine|principle|formula|clause|amendment|deference|precedent)\b"
)


_NAMER_NOUNS = re.compile(
    r"\b(?:group|party|movement|company|firm|organi[sz]ation|man|woman|activist|militia|"
    r"channel|outlet|band|charity|coalition|alliance)[^\S\n]+\S+[^\S\n]*$"
)


def _named_thing_before(text: str, start: int) -> bool:
    """Whether the name at ``start`` is what a naming verb gives a thing: "which Israel calls
    Rising Lion" — not "a group called X", "a man named X" (an actor by its noun)."""
    before = text[max(0, start - 60) : start]
    naming = _NAMING.search(before)
    return naming is not None and not _NAMER_NOUNS.search(before, 0, naming.end())


# "— by Katrin Vogel, Munich" signing a post; "Associated Press writer Ana Ruiz in Lima
# contributed to this report": the writers of a page, not the news's.
_BYLINE_BEFORE = re.compile(r"[ \t]*(?:[—–-]+[ \t]*)?[Bb]y[ \t]+")


_CONTRIBUTED = re.compile(r"\bcontributed(?:\s+reporting)?\s+to\s+this\s+(?:report|story)")


def _byline_at(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    if before.rstrip().endswith(("by", "By")) and _BYLINE_BEFORE.fullmatch(before):
        return True
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    # Substring tests first: this runs for every unexplained capitalised word.
    return bool(
        ("contributed" in line and _CONTRIBUTED.search(line))
        or ("@" in line and _EMAIL.search(line))  # "Ana Ruiz, Coordinator — ana@…"
        or (len(line) < 60 and _POSTER.match(line))  # "Ana Ruiz  3:25 AM": a chat's poster
    )


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


_POSTER = re.compile(
    r"[ \t]*(?:[A-Z][\w’'.-]*[ \t]+){1,3}[A-Z][\w’'.-]*[ \t]+\d{1,2}[:.]\d{2}"
    r"(?:[ \t]*[AaPp]\.?[Mm]\.?)?[ \t]*$"
)


_CLOCK_BEFORE = re.compile(r"\d{1,2}[:.h]?\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE)


_DATELINE_REST = re.compile(
    r"(?:[ \t]*,[ \t]*[A-Z][^\n—–(]{0,40})?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[—–-]"
)


def _dateline_follows(text: str, start: int) -> bool:
    """Whether an upper-case word opens a dateline: "BEIRUT —", "KYIV, Ukraine (AP) —"."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t-•*>#"):
        return False
    end = start
    while end < len(text) and (text[end].isupper() or text[end] in " .'-") and text[end] != "\n":
        end += 1
    return bool(_DATELINE_REST.match(text, end)) or text[end : end + 1] in "—–"


@functools.lru_cache(maxsize=4096)
def _newsrooms(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((start, end) for start, end, _ in noun_outlets(text))


def _newsroom_at(text: str, start: int) -> bool:
    """Whether a newsroom noun introduces the name at ``start``: "the broadcaster NTV"."""
    return any(s <= start < e for s, e in _newsrooms(text))


_cited_cache: dict[tuple[int, str], tuple[str, ...]] = {}


def cited_at(text: str, start: int, registry) -> bool:
    """Whether the words at ``start`` are an outlet the entry's attribution cites
    ("in a statement carried by IRNA"): an outlet is a source, never an actor."""
    key = (id(registry), text)
    names = _cited_cache.get(key)
    if names is None:
        if len(_cited_cache) > 4096:
            _cited_cache.clear()
        names = tuple(c.name for c in attribute(text, registry.is_outlet).citations)
        _cited_cache[key] = names
    return any(
        text.startswith(name, start)
        # "(With files from The Canadian Press)": the name cited with its capitalised article
        or (name[:4] == "The " and text.startswith(name[4:], start))
        for name in names
    )


def ruled_out_by_surroundings(span: Span, i: int, run: int) -> bool:
    """Whether the words around the ``run`` name-like words at word ``i`` say they name no
    actor: a number, a platform, a place, a meeting, a vehicle, a thing given a name, a
    page's byline, an outlet, a time zone or a dateline."""
    words, offsets, text = span.words, span.offsets, span.text
    word = bare_word(words[i])
    run_end = offsets[i + run - 1] + len(bare_word(words[i + run - 1]))
    if run == 1 and len(word) > 1 and REGNAL.fullmatch(word):
        return True  # "names the XI", "Part II": a number in Roman letters, not a name
    if fold(span.phrase(i, i + run)) in PLATFORMS or fold(word) in PLATFORMS:
        return True  # "on Telegram", "writing on Truth Social": where people post
    if _NUMBER_AFTER.match(text, run_end) and not possessive(words[i + run - 1]):
        return True  # "FTSE 100", "CAC 40": an index or a product, not an actor
    if _WHERE_AFTER.match(text, run_end):
        return True  # "a barrage at Kiryat Shmona, where sirens sounded": a place
    if run >= 2 and _EVENT_AFTER.match(text, run_end):
        return True  # "at the European Political Community summit": a meeting's name
    if _VEHICLE_AFTER.match(text, run_end):
        return True  # "the Rail Force One train", "the Akademik Lomonosov vessel"
    if _named_thing_before(text, offsets[i]) or THING_AFTER.match(text, run_end):
        return True  # "the operation, which Israel calls Rising Lion", "the X doctrine"
    if _byline_at(text, offsets[i]):
        return True  # "— by Katrin Vogel, Munich", "AP writer … contributed to this report"
    if _newsroom_at(text, offsets[i]):
        return True  # "the broadcaster NTV": an outlet, not an actor
    if is_acronym(word) and _CLOCK_BEFORE.search(text, max(0, offsets[i] - 14), offsets[i]):
        return True  # "09:00 KST": a time zone
    if is_acronym(word) and re.search(
        r"\bTime[^\S\n]*\($", text[max(0, offsets[i] - 8) : offsets[i]]
    ):
        return True  # "Australian Eastern Standard Time (AEST)": the zone's abbreviation
    # "BEIRUT —": a dateline's place
    return word.isupper() and len(word) >= 4 and _dateline_follows(text, offsets[i])
