"""Who an entry cites: attribution styles turned into ordered citations, and photo credits.

Styles recognised:

- trailing parentheses: "… a firm response. (NBC News; see also Reuters, Euractiv)" — the
  names before "see also" are primary, the rest see-also; duplicates are dropped with the
  first kept, and a trailing ")." or ".)" is tolerated;
- a source-name prefix: "Reuters: Russia says …", "ISW: Russian forces …";
- inline phrasing: "Reuters reports", "according to NBC News", ", CNN reported", "told the BBC";
- a wire dateline: "KYIV (AP) — …", "KYIV, Nov 13 (Reuters) - …", at the start of any line;
- a closing dash: "… in the past day. — Kyiv Independent", "— *Meduza*", "… -- PTI";
- "via Meduza", "per RIA Novosti", and Markdown links after an attribution word
  ("according to the mapping project [DeepState](https://…)", "([The Associated Press](…))");
- an outlet by its role in the sentence rather than its name: a cue that opens a sentence
  ("Carried by Ukrinform."), a closing sentence that is only a credit ("Via Jeune
  Afrique."), an aside or an adverb before the verb ("Interfax, citing a source, reported",
  "NHK also projects"), every outlet of a list before one verb ("TASS and RIA Novosti …
  report"), the outlets an "according to" clause names after its noun ("according to the
  exit poll shown on the BBC, ITV and Sky News"), a newsroom noun with its adjective ("the
  investigative site G4Media"), a Telegram post "Forwarded from" an outlet's channel.

An outlet the registry does not know is still cited where the style itself says it is one
(a dateline, a closing dash, a link, a name with a newsroom word such as "Times" or
"Pravda"), and the loader proposes it as an unreviewed source.

Photo credits ("Photograph: Gleb Garanich/Reuters", a caption ending "(AFP)") are credits,
not citations. Which names are outlets is decided by ``is_outlet`` (the caller's registry):
"according to Zelensky" cites nobody.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .furniture import is_reporting
from .names import NOT_NAMES, ORGANISATION_WORDS, PERSON_NOUNS, TITLE_WORDS, fold
from .sentences import person_shaped

PRIMARY, SEE_ALSO = "primary", "see_also"

_TRAILING_PARENS = re.compile(r"\s*\(([^()]{2,300})\)\s*\.?\s*$")
# The same list in square brackets, as some sites and wire digests write it: "… the army
# says. [Bangkok Post]", "[The Nation; Thai PBS]" (not a Markdown link: "[X](…)").
_TRAILING_BRACKETS = re.compile(r"\s*\[([^\[\]()]{2,300})\]\s*\.?\s*$")
# A label inside the list: "(Source: Reuters)", "[Sources: AFP, AP]", "(Via: NHK)".
# "(Source: Reuters)", "(via Reuters)", "(per Reuters)": the label before the names
_SOURCE_LABEL = re.compile(r"^(?:(?:sources?|via|from|credit)\s*:\s*|(?:via|per)\s+)", re.I)
# A wire's staff credit in the same place: "(Reporting by …; Editing by …)".
_WIRE_CREDIT = re.compile(
    r"(?:additional\s+)?(?:reporting|editing|writing|compiled|compiling|graphics|"
    r"production|research)\s+(?:by|from)\b",
    re.IGNORECASE,
)
_WITH = re.compile(r"^with\s+(?:additional\s+)?(?:reporting\s+(?:from|by)\s+)?", re.IGNORECASE)
# An editor's label in the same place is no outlet: "[Updated]", "(Video)", "[Developing]".
_EDITORIAL_LABELS = {
    "updated", "update", "updates", "video", "videos", "photo", "photos", "audio", "watch",
    "live", "breaking", "developing", "analysis", "opinion", "exclusive", "correction",
    "corrected", "graphic", "map", "thread", "pinned", "explainer", "listen", "read", "more",
}  # fmt: skip
# "(NBC News; see also Reuters)", "(CNN; more from The New York Times)", "(WAFA; also Ynet)"
_SEE_ALSO = re.compile(
    r"(?:\bsee\s+also|(?<=[;,])\s*also|(?<=[;,])\s*more\s+(?:from|at|in))\b:?", re.IGNORECASE
)
_CREDIT_LINE = re.compile(
    r"^(?:photo(?:graph)?s?|image|picture|pic|video|footage|illustration|graphic|map|credit)"
    r"\s*(?:credit)?\s*:\s*(?P<credit>.+)$",
    re.IGNORECASE,
)
# "(Screenshot via WBAL-TV)", "(Photo: Marco Ruiz)": a credit by its first word, even after
# a caption's full stop.
_CREDIT_WORD = re.compile(
    r"(?:photo(?:graph)?|screenshot|screen\s+grab|image|picture|video|footage|still|"
    r"illustration|graphic|map)s?\b",
    re.IGNORECASE,
)
_CREDIT_PARENS = re.compile(
    r"^(?:photo|image|picture|video)?\s*:?\s*(?:.*\bvia\b.*|getty.*|afp|epa|ap photo.*|reuters/.*|.*/(?:afp|reuters|ap|epa|getty images))$",  # noqa: E501
    re.IGNORECASE,
)
_VIA_ONLY = re.compile(r"^via\s+\S", re.IGNORECASE)
# "KYIV (AP) —", "ROSTOV-ON-DON, Russia, June 24 (Reuters) -", "MOSCOW, Nov. 13 (AFP) –".
_DATELINE = re.compile(
    r"^[ \t]*(?P<place>[A-Z][A-Za-z .'/-]{1,40}"
    r"(?:,[ \t]*[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,2})?)"
    r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2})?"
    r"[ \t]*\((?P<wire>[^()\n]{2,40})\)[ \t]*[—–-]+[ \t]*",
    re.MULTILINE,
)
_LINK = re.compile(r"\[([^\[\]\n]{1,120})\]\((https?://[^()\s]+)\)")
# "… the past day. — Kyiv Independent" and "— *Meduza*", on the entry's last line.
_CLOSING_DASH = re.compile(
    r"[ \t]+(?:[—–]|--)[ \t]*[*_]{0,2}(?P<name>[A-Z][^\n*_.!?;:]{1,60}?)[*_]{0,2}[ \t]*$"
)
_TRAILING_LINKED_PARENS = re.compile(r"\s*\(((?:[^()]|\([^()]*\))+)\)\s*\.?\s*$")
# Words that make a name a newsroom's: an outlet the registry lacks, "according to the
# Moscow Times", is still an outlet.
OUTLET_WORDS = {
    "news", "times", "post", "journal", "radio", "television", "tv", "daily", "weekly",
    "gazette", "herald", "tribune", "telegraph", "press", "media", "broadcasting", "pravda",
    "inform", "gazeta", "zeitung", "observer", "guardian", "monitor", "wire",
    "observatory",
    # the same words in the languages outlets keep in their names: "Denník N", "Asahi
    # Shimbun", "Corriere della Sera", "Dziennik Gazeta Prawna"
    "dennik", "dziennik", "noviny", "novosti", "vesti", "vedomosti", "izvestia", "diario",
    "jornal", "giornale", "corriere", "gazzetta", "krant", "dagblad", "avisen", "tidning",
    "quotidien", "kurier", "kurir", "shimbun", "ilbo", "nachrichten", "hirlap", "gazete",
    "novine", "dnevnik", "haberler", "akhbar",
    # agencies in their own languages: "Agência Brasil", "Agencia EFE", "Agenzia Nova",
    # "Anadolu Ajansı"; and English papers' words: "Deccan Chronicle", "Columbus Dispatch"
    # (not "Express": the name of as many companies, "operator Grand Service Express")
    "agencia", "agence", "agenzia", "ajansi", "agentstvo", "agentur", "agentura", "courier",
    "chronicle", "dispatch", "bulletin",
    # not "agency" alone: "the Japan Meteorological Agency said", "the Environment Agency"
    # are bodies; a newsroom's agency is a news or press agency ("Saudi Press Agency")
}  # fmt: skip
# One-word names ending in a newsroom word: "JAMnews", "Armenpress", "Interpressnews",
# "Ukrinform", "Zonamedia" — outlets by their own name.
_NEWSROOM_SUFFIX = re.compile(r"[A-Z][\w-]+(?:news|press|inform|media|info|TV|blog)")
# The common nouns a newsroom is introduced by: "the state news agency Moldpres", "the
# broadcaster NTV", "the business daily Vedomosti", and after the name: "the semi-official
# Tasnim news agency". The name they introduce is an outlet's, whether the registry knows it
# or not, and never an actor's.
OUTLET_NOUN = (
    r"(?:news\s+(?:agency|site|website|portal|outlet|channel|service)|wire\s+service|"
    r"(?:TV|television|radio)\s+(?:channel|station|network)|broadcaster|newspaper|"
    r"(?:(?:the|a|an|[A-Za-z-]{3,})\s+)(?:daily|weekly|tabloid|magazine|paper|site|blog)|website|"
    r"outlet|portal|Telegram\s+channel|channel|publication)"
)
_OUTLET_NAME = r"(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+|de[ \t]+)?[A-Z][\w&.'’-]*){0,3})"
# Capitals of every Latin alphabet, not only ASCII's: "ČTK reported", "Ślązag said".
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(
    c for c in map(chr, range(0x100, 0x250)) if c.isupper() and c.isalpha()
)
_OUTLET_NAME = _OUTLET_NAME.replace("[A-Z]", f"[{_UPPER}]")
_NOUN_BEFORE = re.compile(rf"(?<![\w-]){OUTLET_NOUN}[ \t]+{_OUTLET_NAME}")
_NOUN_AFTER = re.compile(
    rf"{_OUTLET_NAME}[ \t]+(?:news\s+agency|newspaper|broadcaster|news\s+site|website|"
    r"TV\s+channel|Telegram\s+channel|television|TV|channel)\b"
)
# "Grey Wolf, a Telegram channel linked to …, said": a newsroom noun in apposition.
_NOUN_APPOSITION = re.compile(
    rf"{_OUTLET_NAME},[ \t]+(?:a|an|the)[ \t]+(?:[\w-]+[ \t]+){{0,2}}?"
    r"(?:news\s+(?:agency|site|website|portal|outlet|channel)|Telegram\s+channel|broadcaster|"
    r"newspaper|daily|weekly|tabloid|magazine|TV\s+channel|television\s+channel)\b"
)
# Capitalised adjectives that open a sentence before a newsroom noun: "State news agency
# Anadolu", "Official broadcaster …" — not the newsroom's name.
_NOT_NEWSROOM_NAMES = {
    "state", "official", "semi-official", "government", "local", "national", "independent",
    "private", "public", "regional", "pro-kremlin", "opposition", "business",
}  # fmt: skip


def noun_outlets(text: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of every name a newsroom noun introduces: "the broadcaster NTV",
    "the semi-official Tasnim news agency", "the business daily Vedomosti"."""
    found = []
    if not _NOUN_HINT.search(text):
        return found  # most entries name no newsroom by its noun: one quick look
    for pattern in (_NOUN_BEFORE, _NOUN_AFTER, _NOUN_APPOSITION):
        for match in pattern.finditer(text):
            if pattern is not _NOUN_BEFORE and _NAME_FOLLOWS.match(text, match.end()):
                continue  # "Handlová, the Slovak news agency TASR": the noun's name follows
            if pattern is _NOUN_BEFORE and _place_site(text[match.start() : match.start("name")]):
                continue  # "the crash site Kramatorsk", "the test site Kapustin Yar"
            name = match.group("name").rstrip(".,;:’'")
            if name.endswith(("’s", "'s")):
                name = name[:-2]
            if (
                _outlet_shaped(name)
                and not _demonym(name)
                and name.casefold() not in PLATFORMS | NOT_NAMES | _NOT_NEWSROOM_NAMES
            ):
                start = match.start("name")
                found.append((start, start + len(name), name))
    return found


_NOUN_HINT = re.compile(  # case-sensitive: much faster, and the nouns are lower-case
    r"agency|site|portal|outlet|channel|service|station|network|broadcaster|newspaper|daily|"
    r"weekly|tabloid|magazine|paper|publication|television|TV|blog"
)
_CLOSING_CREDIT = re.compile(
    r"(?:^|(?<=[.!?”\"][ \t]))[ \t]*(?i:via|per|carried[ \t]+by|courtesy[ \t]+of)"
    r"[ \t]*:?[ \t]+(?P<names>[A-Z][^.!?\n]{1,60}?)\.?[ \t]*$",
    re.MULTILINE,
)
_NAME_FOLLOWS = re.compile(r"[ \t]+[A-Z]")
# A "site" that is a place: "the crash site", "a test site", "the launch site".
_PLACE_SITES = re.compile(
    r"\b(?:crash|test|testing|launch|construction|building|strike|impact|burial|heritage|"
    r"nuclear|missile|blast|attack|camp|landing|drilling|memorial|archaeological|industrial|"
    r"disposal|storage|dump|work|mining|grave)\s+site\s+$",
    re.IGNORECASE,
)


def _place_site(noun: str) -> bool:
    return noun.rstrip().endswith("site") and bool(_PLACE_SITES.search(noun))


def _outlet_before_its_writer(name: str, is_actor) -> str | None:
    """The outlet whose possessive opens ``name`` before a person's name: "ESPN's Shams
    Charania" → "ESPN", "Bloomberg's Mark Gurman" → "Bloomberg" (the reporter is an
    actor, the outlet the source) — not a state's ("Israel's Channel 12") nor a known
    actor's ("Hamas's Ismail Haniyeh")."""
    words = name.split()
    if len(words) < 3 or not words[0].endswith(("’s", "'s")):
        return None
    owner = words[0][:-2]
    rest = [w.strip(".,;:’'") for w in words[1:]]
    if (
        not person_shaped(rest)
        or not _outlet_shaped(owner)
        or _demonym(owner)
        or owner.casefold() in NOT_NAMES | PLATFORMS
        or is_actor(owner)
    ):
        return None
    return owner


def _demonym(name: str) -> bool:
    """ "Russian", "Danish": an adjective of nationality, not a newsroom's name."""
    return " " not in name and bool(re.fullmatch(r"[A-Z][a-z]+(?:ian|ish|ese|ean|an|ch)", name))


# Where people post, not newsrooms: "via Telegram" cites nobody.
PLATFORMS = {
    "telegram", "x", "twitter", "facebook", "youtube", "instagram", "tiktok", "whatsapp",
    "signal", "vk", "vkontakte", "zoom", "truth social", "threads", "bluesky", "video link",
}  # fmt: skip
# A name's words never cross a line: "per the Associated Press.\n\n*Was this forwarded…*"
_NAME = r"(?:the[ \t]+)?(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+the[ \t]+|of[ \t]+|for[ \t]+the[ \t]+|for[ \t]+|de[ \t]+|&[ \t]+)?[A-Z][\w&.'’-]*){0,5}(?:[ \t]+\d{1,3}(?![\d.,:]))?)"  # noqa: E501
_NAME = _NAME.replace("[A-Z]", f"[{_UPPER}]")
# An aside between an outlet and its verb: "TASS and RIA Novosti, citing a Kremlin source,
# report", "CTV News also projects".
_ASIDE = r"(?:,[ \t]+(?:citing|quoting|in)[ \t]+[^,.;:\n]{1,60},|[ \t]+(?:also|later|earlier|now|too|first|separately))?"  # noqa: E501
_OUTLET_VERBS = (
    r"reports|reported|report|writes|wrote|said|says|carried|broadcast|aired|published|"
    r"cited|cites|quoted|assesses|assessed|estimates|estimated|projects|projected|calls|"
    r"called\s+the\s+race|made\s+the\s+(?:same\s+)?call|confirmed|confirms|noted|notes|"
    r"identified|revealed|named|"
    # the wire's own voice: "Reuters could not independently verify the footage"
    r"could\s+not\s+(?:immediately\s+|independently\s+)?(?:verify|confirm)|"
    r"was\s+unable\s+to\s+(?:immediately\s+|independently\s+)?(?:verify|confirm)"
)
# Inline phrasing, each with whether it may cite a newsroom the registry does not know: a
# single capitalised word (or an abbreviation, or a web address) after "according to", "via",
# "per", "reported by" or before "reported" is an outlet's name unless it is a known actor
# or the surname of someone named before ("according to Peskov"). "X said" and "told X"
# name people as often as outlets, so only known outlets count there. The cue words may
# open a sentence: "Carried by Ukrinform.", "Via Jeune Afrique."
_INLINE = [
    # and in the page's language: "según ESPN", "selon l'AFP", "segundo a Folha" (not German's
    # "laut": every German noun is capitalised)
    (re.compile(r"\b(?i:according\s+to|seg[uú]n|selon|segundo|secondo)\s+" + _NAME), True),
    (
        re.compile(
            r"\b(?:(?:reported|summari[sz]ed|published|obtained|cited|quoted|conducted|compiled|"
            r"carried|kept|verified|counted|tallied|aired|broadcast|seen|confirmed)\s+by|"
            # opening a sentence, only the verbs of a citation ("Reported by …" signs a post)
            r"(?:Carried|Cited|Quoted|Aired|Broadcast|Confirmed)\s+by|"
            r"data\s+(?:from|by)|(?:analysis|report|survey|poll|forecast)\s+(?:by|from|for))"
            r"\s+(?:the\s+)?(?:[A-Z][\w-]*-based\s+)?" + _NAME
        ),
        True,
    ),
    (
        re.compile(
            # "Speaking to Reuters, the minister said": the participle may open the sentence
            r"\b(?:told|tells|tell|telling|(?i:speaking)\s+to|spoke\s+to|"
            r"(?:an\s+)?interview\s+(?:with|to)|(?:comments|remarks|a\s+statement)\s+to)"
            r"\s+(?:the\s+)?(?:[A-Z][\w-]*-based\s+)?" + _NAME
        ),
        False,
    ),
    # One pattern for every "X <verb>" and "X's team" (a pattern that starts with a name is
    # tried at every capital, so there is one): "Mediazona reported" may cite a newsroom the
    # registry lacks, not "Explosions reported in Kyiv" (a sentence's own subject).
    (
        re.compile(
            r"(?<![\w’'-])" + _NAME + _ASIDE + rf"(?:[ \t]+(?P<verb>{_OUTLET_VERBS})\b"
            r"|[’']s\s+(?:[\w-]+\s+){0,2}(?:team|correspondents?|"
            r"reporters?|journalists?|desk|bureau|reporting|analysis|investigation|poll|editors?|"
            # "ESPNcricinfo's forecaster", "the ABC's election analyst", "CNN's exit poll"
            r"analysts?|forecasters?|forecast|projections?|tally|count|live\s+blog|"
            r"commentators?|presenters?|footage|cameras?)\b"
            # "Citizen TV footage showed", "NHK cameras captured": what its pictures show
            r"|\s+(?:footage|video|images|pictures|cameras|aerials|helicopter\s+footage)\s+"
            r"(?:showed|shows|show|captured|captures|aired|broadcast)\b"
            # "DeepState analysts say", "Reuters reporters saw"
            r"|\s+(?:analysts|researchers|reporters|correspondents|journalists|editors)\s+"
            r"(?:say|said|saw|report|reported|found|estimate|estimated|wrote|write)\b)"
        ),
        "reported",
    ),
    (re.compile(r"\b(?:reports|reported|writes|wrote)\s+" + _NAME), False),
    # "With reporting from AP and AFP.", "with additional reporting by Reuters", "per
    # reports in Haaretz"; a wire's copy used: "(With files from The Canadian Press)"
    (
        re.compile(
            r"\b(?i:with)\s+(?:(?:additional\s+)?reporting|files)\s+(?:from|by)\s+(?:the\s+)?"
            + _NAME
        ),
        False,
    ),
    (re.compile(r"\breports?\s+(?:in|on|from)\s+(?:the\s+)?" + _NAME), False),
    # Known outlets only, by the verb or noun that makes them a source: "the army said,
    # citing Reuters"; "Speaking on BBC Radio 4's Today programme"; "Writing in Le Monde",
    # "in an op-ed for The Atlantic", "an interview published in Der Spiegel"
    (
        re.compile(
            r"\b(?:citing|quoting|(?i:speaking|appearing|interviewed)\s+on|"
            r"(?i:writing)\s+(?:in|for)|wrote\s+(?:in|for)|"
            r"(?:op-ed|opinion\s+piece|column|article|editorial|essay|interview)\s+"
            r"(?:(?:published|broadcast|aired)\s+)?(?:in|for|on))"
            r"\s+(?:the\s+)?" + _NAME
        ),
        False,
    ),
    (re.compile(r"\b(?i:via|per)\s+" + _NAME), True),
    # Outlets that write their names in lower case: "via dpa", "according to franceinfo",
    # "dpa reported"
    (
        re.compile(
            r"\b(?:via|per|according\s+to|(?:reported|carried|cited)\s+by|told)\s+"
            r"(?P<name>[a-z][\w.-]*[a-z])"
        ),
        False,
    ),
    (
        re.compile(
            r"(?<![\w.-])(?P<name>[a-z][\w.-]*[a-z])[ \t]+(?:reported|reports|said|says|wrote|"
            r"writes)\b"
        ),
        False,
    ),
    # What an "according to" clause names as its source: "according to the exit poll shown
    # on the BBC, ITV and Sky News", "according to a live tally by NewsMaker" (known
    # outlets only: "an estimate by the Archive of Public Gatherings" is an actor's)
    (
        re.compile(
            r"\b(?i:according\s+to)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z][\w-]*\s+){1,4}?"
            r"(?:by|on|from|in|of)\s+" + _NAME
        ),
        False,
    ),
    # A Telegram post forwarded from an outlet's channel: "Forwarded from Suspilne Poltava"
    (re.compile(r"(?m)^[ \t]*Forwarded\s+from\s+" + _NAME), False),
]
_OUTLET_VERB_END = re.compile(r"\s*(?:[,.;:)]|$|that\b|on\b|late\b|earlier\b|citing\b|quoting\b)")
# Sentence words that make a newsroom named by its noun ("the broadcaster NTV") a citation,
# not only a mention ("state broadcaster RT aired footage").
_CITING = re.compile(
    r"\b(?:report(?:s|ed|ing)?|sa(?:id|ys)|t(?:old|ells)|according|speaking|spoke|carried|"
    r"cit(?:ed|es|ing)|quot(?:ed|es|ing)|via|per|interview|wr(?:ote|ites)|not(?:ed|es))\b",
    re.IGNORECASE,
)
_COORDINATED = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)(?:the\s+)?"
    r"(?P<name>[A-Z][\w&.'’-]*(?:\s+(?:of\s+the\s+|of\s+)?[A-Z][\w&.'’-]*){0,4})"
)
_EMPHASIS = re.compile(r"(?<![\w*_])(\*{1,2}|_{1,2})([^*_\n]{1,80}?)\1(?![\w*_])")
_WEB_NAME = re.compile(r"[A-Za-z][\w-]*\.(?:[a-z]{2,6})")
# Attribution words a Markdown link's outlet follows, within its clause.
_LINK_CUE = re.compile(
    r"\b(?:according\s+to|via|per|reported\s+by|citing|cited\s+by|from|told|reports?|said)\b"
    r"[^.;:!?()\n]{0,60}$|\(\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedCitation:
    name: str  # as written: "AP News"
    role: str = PRIMARY
    url: str = ""


@dataclass
class Attribution:
    text: str  # the entry's text, with a trailing citation or source prefix removed
    citations: list[ParsedCitation] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    names = re.split(r"\s*(?:[,;]|\band\b|&)\s*", text)
    return [" ".join(n.split()).strip(" .") for n in names if n.strip(" .")]


# In a list of outlets, the words in lower case before a name join it to the list ("analysis
# in The Diplomat", "with detail from Reuters", "see also AFP"), and a date after it says
# when it was read ("TOLOnews 12/05/2024").
_CONNECTOR = re.compile(r"^(?:[a-zà-ÿ][\w’'-]*\s+)+(?=[A-ZÀ-Þ0-9])")
_READ_ON = re.compile(r"\s+\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?$")


def list_names(text: str) -> list[str]:
    """The outlets a citation list names, without the words that join them."""
    names = (_READ_ON.sub("", _CONNECTOR.sub("", name)) for name in split_names(text))
    return [name.strip(" .") for name in names if name.strip(" .")]


def parse_trailing_citation(
    text: str, is_outlet: Callable[[str], bool]
) -> tuple[str, list[ParsedCitation]]:
    """Split "… (Politico; see also Reuters, Euractiv)" into text and citations.

    The parentheses count as a citation when they follow the end of a sentence and every
    name in them is an outlet by ``is_outlet`` or looks like one (a short capitalised name).
    """
    match = _TRAILING_PARENS.search(text) or _TRAILING_BRACKETS.search(text)
    if not match:
        return text, []
    before = text[: match.start()].rstrip()
    inner = _SOURCE_LABEL.sub("", match.group(1).strip())
    if _WIRE_CREDIT.match(inner):
        return text, []  # "(Reporting by Ana Ruiz; Editing by Tom Hale)": the wire's staff
    inner = _WITH.sub("", inner)  # "(with AFP)", "(with Reuters)": the wires it drew on
    if not before or _CREDIT_WORD.match(inner):
        return text, []  # "(Screenshot via WBAL-TV)": a credit, not a citation
    if before[-1] not in ".!?”\"’'…)" and not (
        # "… the reserve is sufficient (RIA Novosti).": a sentence's own full stop after
        # the parentheses, around outlets the registry knows
        text.rstrip().endswith(".")
        and len(before.split()) >= 6
        and all(is_outlet(n) for part in _SEE_ALSO.split(inner) for n in list_names(part))
    ):
        return text, []  # "(AFP)" after a caption, or "(ISW)" after a name: not a citation
    parts = _SEE_ALSO.split(inner, maxsplit=1)
    primary = list_names(parts[0].rstrip(" ;,"))
    see_also = list_names(parts[1]) if len(parts) > 1 else []
    names = primary + see_also
    if not names or not all(is_outlet(n) or _outlet_shaped(n) for n in names):
        return text, []
    if any(n.casefold() in _EDITORIAL_LABELS for n in names):
        return text, []
    citations, seen = [], set()
    for role, group in ((PRIMARY, primary), (SEE_ALSO, see_also)):
        for name in group:
            if name.casefold() not in seen:
                seen.add(name.casefold())
                citations.append(ParsedCitation(name, role))
    return before, citations


def _outlet_shaped(name: str) -> bool:
    words = name.split()
    return (
        1 <= len(words) <= 5
        and len(name) <= 60
        and words[0][:1].isupper()
        and not re.search(r"\d{3,}|[:!?\"“”]", name)
    )


def find_credit(line: str) -> str | None:
    """A photo or map credit line ("Photograph: Gleb Garanich/Reuters"), or None."""
    match = _CREDIT_LINE.match(line.strip())
    if match:
        return line.strip()
    return None


def split_caption_credit(line: str) -> tuple[str, str | None]:
    """A caption ending in a credit in parentheses: ("Rescuers in Kharkiv", "AFP")."""
    match = _TRAILING_PARENS.search(line)
    if not match:
        return line, None
    before = line[: match.start()].rstrip()
    inner = match.group(1).strip()
    if _CREDIT_WORD.match(inner) or inner.startswith("©"):
        return before, inner  # "… from a livestream. (Screenshot via WBAL-TV)"
    if before and before[-1] in ".!?”\"’'…":
        return line, None
    if _VIA_ONLY.match(inner) and is_reporting(before) and len(before.split()) >= 10:
        return line, None  # "… beating Takaichi in the runoff (via Kyodo)": a citation
    if _CREDIT_PARENS.match(inner) or not before:
        return before, inner
    return line, None


def attribute(text: str, is_outlet: Callable[[str], bool]) -> Attribution:
    """The citations and credits of an entry's text, in the order the styles rank them:
    the trailing list, then a prefix or dateline, then inline phrasing."""
    result = Attribution(text=text)
    lines = list(text.split("\n"))
    # Credit lines anywhere in the entry are credits, and leave the text.
    kept = []
    for line in lines:
        credit = find_credit(line)
        if credit:
            result.credits.append(credit)
            continue
        caption, caption_credit = split_caption_credit(line)
        if caption_credit and len(caption) < 200:
            result.credits.append(f"{caption_credit}")
            line = caption
        kept.append(line)
    text = "\n".join(kept).strip()

    urls = {m.group(1).strip(): m.group(2) for m in reversed(list(_LINK.finditer(text)))}
    flat = _LINK.sub(r"\1", text)
    linked = {name.casefold() for name in urls}

    def outlet(name: str) -> bool:
        return _known_or_newsroom(name, is_outlet) or name.casefold() in linked

    text, stated = _trailing_citation(text, flat, outlet)
    is_actor = _actors_of(is_outlet)
    # "(WFP 11/05/2024, TOLOnews 12/05/2024)": an organisation the registry knows as an
    # actor, listed with the outlets, is what the item is about, not an outlet
    stated = [c for c in stated if outlet(c.name) or not is_actor(c.name)]
    text, closing = _closing_dash(text, outlet)
    text, labelled = _source_line(text, outlet, _actors_of(is_outlet))
    closing = labelled + closing
    found = []  # from a prefix, a dateline or inline phrasing, in reading order
    prefix = re.match(r"^(?P<name>[A-Z][\w&.'’ -]{1,40}?)\s*:\s+(?=\S)", text)
    if prefix and is_outlet(prefix.group("name")):
        found.append(prefix.group("name").strip())
        text = text[prefix.end() :]
    inline = []
    for dateline in _DATELINE.finditer(text):
        for name in re.split(r"\s*[/,;&]\s*|\s+and\s+", dateline.group("wire")):
            # The wire in a dateline is an outlet by position: "(Reuters)", "(Kyodo)".
            if _outlet_shaped(name) and name.casefold() not in PLATFORMS:
                inline.append((dateline.start(), name.strip()))
    flat = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))  # "first reported by **CNN**"
    by_noun = _cited_by_noun(flat, is_actor)
    named = {name.casefold() for _, name in by_noun}
    inline.extend(by_noun)

    def newsroom(name: str) -> bool:
        return outlet(name) or name.casefold() in named

    for pattern, may_be_unknown in _INLINE:
        for match in pattern.finditer(flat):
            start = match.start("name")
            whole = match.group("name")
            if may_be_unknown == "reported" and (stop := _SENTENCE_STOP.search(whole)):
                # "… her Awami League. The Daily Star reported": the subject is the new
                # sentence's, after the full stop the name's letters ran across
                whole = whole[stop.end() :]
                start += stop.end()
            owner = _outlet_before_its_writer(whole, is_actor)
            if owner:
                whole = owner  # "ESPN's Shams Charania reported": ESPN, by its reporter
            unknown = may_be_unknown
            if may_be_unknown == "reported":
                unknown = match.group("verb") in ("reports", "reported") and bool(
                    _OUTLET_VERB_END.match(flat, match.end())
                )
            name = _trim_to_outlet(whole, newsroom)
            if (
                not name
                and (may_be_unknown is False or unknown)
                and _CALL_SIGN.fullmatch(whole.strip(" .,;:"))
                and not is_actor(whole)
            ):
                # "told KTLA", "WBAL-TV reported": a station by its call sign (not "KFOR
                # said": the verb of anyone)
                name = whole.strip(" .,;:")
            if not name and unknown:
                # "Studio Tamani reports that …": before "reports", a name of several words
                several = may_be_unknown == "reported"
                name = _unknown_outlet(whole, flat, start, is_actor, several)
            if name and may_be_unknown == "reported":
                # "TASS and RIA Novosti, citing a Kremlin source, report": the list before
                inline.extend(_listed_before(flat, start, newsroom))
            while name:
                inline.append((start, name))
                # "a count kept by Mediazona and the BBC Russian Service"
                start = flat.find(name, start) + len(name)
                more = _COORDINATED.match(flat, start)
                if not more:
                    break
                start = more.start("name")
                name = _trim_to_outlet(more.group("name"), newsroom)
                if not name and unknown:
                    name = _unknown_outlet(more.group("name"), flat, start, is_actor)
    for match in _CLOSING_CREDIT.finditer(flat):
        # "… the three states were members. Via Jeune Afrique.": a sentence that is only a
        # credit, at a paragraph's end, names outlets by its place, whatever their names
        for name in split_names(match.group("names")):
            if _outlet_shaped(name) and name.casefold() not in PLATFORMS and not is_actor(name):
                inline.append((match.start("names"), _trim_to_outlet(name, newsroom) or name))
    for match in _LINK.finditer(text):
        name = match.group(1).strip()
        if (
            _LINK_CUE.search(text, max(0, match.start() - 80), match.start())
            and _outlet_shaped(name)
            and name.casefold() not in PLATFORMS
        ):
            inline.append((match.start(), _trim_to_outlet(name, outlet) or name))
    found.extend(name for _, name in sorted(inline))
    found.extend(closing)

    # A stated list ("(NBC News; see also Reuters)") is the editor's own ranking: outlets
    # only named in the text come after it as see-also. Without one, they are the primary.
    role = SEE_ALSO if stated else PRIMARY
    seen = set()
    for citation in [*stated, *(ParsedCitation(name, role) for name in found)]:
        if citation.name.casefold() not in seen:
            seen.add(citation.name.casefold())
            url = citation.url or urls.get(citation.name, "")
            result.citations.append(ParsedCitation(citation.name, citation.role, url))
    result.text = text
    return result


def signed_by_outlet(
    byline: str, citations: list[ParsedCitation], is_outlet: Callable[[str], bool]
) -> list[ParsedCitation]:
    """The citations of an entry with its byline: a post signed by an outlet the registry
    knows ("Ukrainska Pravda, [28.12.2023 23:48]" over a channel's message) is that
    outlet's, after whatever its text cites. A person's byline cites nobody."""
    name = " ".join(byline.split()).strip(" ,.;:—–-")
    if name and not is_outlet(name) and re.search(r"[,|·]", name):
        # "Leyla Aziz, Financial Times | Climate | November 11, 2024": the writer's outlet
        # among the byline's parts (a known outlet or a newsroom's name, never a place)
        parts = [p.strip(" ,.;:—–-") for p in re.split(r"\s*[,|·]\s*", name)]
        name = next((p for p in parts[1:] if p and _known_or_newsroom(p, is_outlet)), "")
        if not name and is_outlet(parts[0]):
            name = parts[0]  # "Ukrainska Pravda, [28.12.2023 23:48]": the outlet signs it
        known = bool(name)
    else:
        known = bool(name) and is_outlet(name)
    if not known or any(c.name.casefold() == name.casefold() for c in citations):
        return citations
    return [*citations, ParsedCitation(name, SEE_ALSO if citations else PRIMARY)]


def _actors_of(is_outlet: Callable[[str], bool]) -> Callable[[str], object]:
    """Who the registry behind ``is_outlet`` knows as an actor (a person by any spelling),
    when ``is_outlet`` is a registry's method; else nobody."""
    owner = getattr(is_outlet, "__self__", None)
    if hasattr(owner, "actor") and hasattr(owner, "person"):
        return lambda name: owner.actor(name) or owner.person(name)
    return lambda name: None


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [e for e in (text.find(". ", position), text.find("\n", position)) if e >= 0]
    return text[start : min(ends) if ends else len(text)]


def _cited_by_noun(text: str, is_actor) -> list[tuple[int, str]]:
    """Newsrooms named by their noun in a sentence that attributes: "told the broadcaster
    NTV", "the semi-official Tasnim news agency reported"."""
    return [
        (start, name)
        for start, _, name in noun_outlets(text)
        if _CITING.search(_sentence_around(text, start)) and not is_actor(name)
    ]


def _unknown_outlet(
    name: str, text: str, start: int, is_actor, several: bool = False
) -> str | None:
    """A newsroom the registry lacks, named alone after "according to", "via", "per",
    "reported by" or before "reported": one word, an abbreviation or a web address
    ("Interpressnews", "Civil.ge"), that is no known actor and no surname named before —
    or, ``several``, a name of a few words that reports ("Studio Tamani reports that")."""
    words = name.split()
    if len(words) > 1 and words[0].endswith(("’s", "'s")):
        words = words[1:]  # "Israel's Channel 12": a country's outlet
        start = text.find(words[0], start)
    if len(words) == 1 and words[0].rstrip(".,;:").endswith(("’s", "'s")):
        return None  # "according to the Speaker's office": whose, not who
    if several and 2 <= len(words) <= 3 and not _TITLE_BEFORE.search(text, 0, start):
        folded = [w.strip(".,;:’'").casefold() for w in words]
        if not (
            _demonym(words[0])
            or any(w in ORGANISATION_WORDS | TITLE_WORDS | NOT_NAMES for w in folded)
            or any(is_actor(w.strip(".,;:’'")) for w in words)
            or not _outlet_shaped(name)
        ):
            return " ".join(words).rstrip(".,;:’'")
    following = _FOLLOWING_WORD.match(text, text.find(words[-1], start) + len(words[-1]))
    if following and following.group(1) in TITLE_WORDS | PERSON_NOUNS:
        return None  # "per KMA president Ana Ruiz": an organisation's official speaks
    if following and (
        following.group(1) == "news" or _NOUN_HINT.fullmatch(following.group(1).removesuffix("s"))
    ):
        return None  # "according to the Nigerien site ActuNiger": a newsroom's adjective
    if len(words) == 2 and words[1].isdigit():
        words = [" ".join(words)]  # "Channel 12", "Kanal 5": a numbered channel
    if any(w.strip(".,;:’'").casefold() in ORGANISATION_WORDS | TITLE_WORDS for w in words):
        return None  # "The Defence Ministry reported", "The General Staff"
    if words[0] == "The" and 2 <= len(words) <= 3 and not is_actor(" ".join(words[1:])):
        # "The Hill reported", "according to The Insider": a capitalised article
        return " ".join(words).rstrip(".,;:’'") if _outlet_shaped(name) else None
    word = words[0]
    if not _WEB_NAME.fullmatch(word.rstrip(".,;:")):
        word = word.rstrip(".,;:’'")
        if len(words) > 1 and not words[0].endswith((".", ",", ";", ":")):
            return None  # several words: a person's name as often as an outlet's
    else:
        word = word.rstrip(".,;:")
    if (
        len(word) < 2
        or not _outlet_shaped(word)
        or word.casefold() in PLATFORMS | _NOT_OUTLETS
        or _demonym(word)
        or is_actor(word)
        or re.search(rf"[A-Z][\w’'-]+[ \t]+{re.escape(word)}(?![\w-])", text[:start])
    ):
        return None
    return word


# A North American broadcaster's call sign: "KTLA", "WABC-TV", "CFRB", "KQED-FM".
_CALL_SIGN = re.compile(r"[KWC][A-Z]{3}(?:-(?:TV|FM|AM|DT))?|[KWC][A-Z]{2}-(?:TV|FM|AM|DT)")


# A full stop that ends a sentence inside a run of capitalised words (not "U.S." nor "St."):
# "Awami League. The Daily Star".
_SENTENCE_STOP = re.compile(r"(?<=[a-z]{3})\.[ \t]+(?=[A-Z])")
_FOLLOWING_WORD = re.compile(r"[ \t]+([a-z][a-z-]*)")
_TITLE_BEFORE = re.compile(rf"\b(?i:{'|'.join(sorted(TITLE_WORDS))})\.?[ \t]+$")
# Capitalised words after "according to" or "per" that are no newsroom.
_NOT_OUTLETS = {
    "the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our",
    "him", "them", "officials", "police", "witnesses", "sources", "residents", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "tomorrow",
    "yesterday", "data", "figures", "estimates", "reports", "local", "state", "authorities",
}  # fmt: skip


_LIST_BEFORE = re.compile(
    r"(?:the[ \t]+)?(?P<name>[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,3})"
    r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+|[ \t]*&[ \t]*)$"
)


def _listed_before(text: str, start: int, is_outlet) -> list[tuple[int, str]]:
    """The outlets listed before the one at ``start`` that share its verb: "TASS and RIA
    Novosti … report" cites TASS too."""
    found = []
    while listed := _LIST_BEFORE.search(text, max(0, start - 80), start):
        name = listed.group("name")
        if not is_outlet(name):
            break
        start = listed.start("name")
        found.append((start, name))
    return found


def _known_or_newsroom(name: str, is_outlet: Callable[[str], bool]) -> bool:
    """An outlet by the registry, or by a newsroom word in its name ("Moscow Times",
    "Denník N", "JAMnews")."""
    if is_outlet(name):
        return True
    if _outlet_section(name, is_outlet):
        return True
    words = fold(name).replace("-", " ").split()
    if len(words) == 1:
        return bool(_NEWSROOM_SUFFIX.fullmatch(name)) and name.casefold() not in PLATFORMS
    return _outlet_shaped(name) and any(w.strip(".,") in OUTLET_WORDS for w in words)


# A newsroom's desks that publish under their own names: "BBC Sport", "Sky Sports".
_SECTIONS = {"sport", "sports"}


def _outlet_section(name: str, is_outlet: Callable[[str], bool]) -> bool:
    """Whether ``name`` is a known newsroom's sports desk, an outlet of its own: "BBC
    Sport" (of BBC News), "Sky Sports" (of Sky News) — cited by that name, not folded
    into the group's news outlet."""
    words = name.split()
    if len(words) != 2 or words[1].casefold() not in _SECTIONS or not words[1].istitle():
        return False
    return is_outlet(words[0]) or is_outlet(f"{words[0]} News")


def _trailing_citation(text, flat, outlet) -> tuple[str, list[ParsedCitation]]:
    """The trailing list, links inside it flattened: "([The Associated Press](…))"."""
    if flat == text:
        return parse_trailing_citation(text, outlet)
    _, stated = parse_trailing_citation(flat, outlet)
    match = _TRAILING_LINKED_PARENS.search(text)
    if not stated or not match:
        return text, []
    return text[: match.start()].rstrip(), stated


def _closing_dash(text, outlet) -> tuple[str, list[str]]:
    """ "… in the past day. — Kyiv Independent": the outlet after a closing dash, at the end
    of a paragraph's line; the dash and name leave the text."""
    lines, names = text.split("\n"), []
    for n, line in enumerate(lines):
        match = _CLOSING_DASH.search(line)
        if not match:
            continue
        name = _LINK.sub(r"\1", match.group("name")).strip(" []")
        before = line[: match.start()].rstrip()
        if not before or before[-1] not in ".!?”\"’'…)":
            continue  # a dash inside a sentence
        # "— El Deber, AP", "— The Astana Times, with detail from Reuters": a list
        listed = list_names(name)
        if len(listed) > 1 and all(_outlet_shaped(n) for n in listed) and any(map(outlet, listed)):
            lines[n] = before
            names.extend(n for n in listed if n.casefold() not in PLATFORMS)
            continue
        if not _outlet_shaped(name):
            continue
        emphasised = match.group(0).rstrip()[-1:] in "*_"
        if name.casefold() in PLATFORMS or not (outlet(name) or emphasised or " " not in name):
            continue  # "— John Smith" signs a post; "— *Meduza*", "— Kyiv Independent" cite
        lines[n] = before
        names.append(name)
    return "\n".join(lines), names


_SOURCE_LINE = re.compile(
    r"(?im)^[ \t]*[*_]{0,2}(?:sources?|via)[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*"
    r"(?P<names>[^\n]{2,120}?)[ \t]*\.?[ \t]*$"
)


# "… on Tuesday. Source: Reuters": the label after the last sentence of a line
_SOURCE_TAIL = re.compile(
    r"(?<=[.!?”\"])[ \t]+(?:[*_]{0,2}(?:sources?|via)[*_]{0,2}[ \t]*:|(?:reported\s+by|via))"
    # "Kun.uz", "Folha de S.Paulo": a name may hold a dot; the line's last may not
    r"[*_]{0,2}[ \t]*(?P<names>[^\n:]{2,80}?)[ \t]*\.?[ \t]*$",
    re.IGNORECASE,
)


def _source_line(text, outlet, is_actor) -> tuple[str, list[str]]:
    """ "Source: Reuters", "Sources: AP, AFP" on a line of its own, or after a line's last
    sentence: the entry's outlets, by the label; the label and names leave the text. Known
    outlets, newsroom names and short capitalised names are cited, never a known actor
    ("Source: Ministry of Defence")."""
    names, kept = [], []
    for line in text.split("\n"):
        match = _SOURCE_LINE.match(line) or _SOURCE_TAIL.search(line)
        listed = list_names(_EMPHASIS.sub(r"\2", match.group("names"))) if match else []
        if listed and all(
            (
                outlet(n)  # "Source: BBC News": a known outlet, whatever its words
                or (
                    _outlet_shaped(n)
                    and len(n.split()) <= 3
                    and not any(w.casefold() in ORGANISATION_WORDS | TITLE_WORDS for w in n.split())
                )
            )
            and not is_actor(n)
            and n.casefold() not in PLATFORMS
            for n in listed
        ):
            names.extend(listed)
            if match.start():
                kept.append(line[: match.start()])  # the sentence before "Source: …"
            continue
        kept.append(line)
    return "\n".join(kept), names


def _trim_to_outlet(name: str, is_outlet: Callable[[str], bool]) -> str | None:
    """The longest leading run of words of ``name`` that is an outlet: "NBC News on Monday"
    → "NBC News"; never past a sentence's full stop ("the Associated Press. Was …")."""
    words = name.split()
    for k, word in enumerate(words[:-1]):
        if word.endswith(".") and len(word) > 3 and "." not in word[:-1]:
            words = words[: k + 1]
            break
    for end in range(len(words), 0, -1):
        candidate = " ".join(words[:end]).strip(" .,'’")
        if is_outlet(candidate):
            return candidate
    return None
