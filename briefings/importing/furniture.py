"""Site chrome by its features: what any page's chrome has in common, whatever its wording.
``chrome`` names the devices (copyright signs, share bars, "Related" blocks); this module
weighs a line's form, vocabulary and role, so that chrome nobody listed is still found.

A line scores on:

- its *form*: short, no sentence structure (no finite verb, no closing full stop), made of
  short parts between separators ("|", "·", "/", ">");
- its *vocabulary*: the words sites use for themselves (sign in, newsletter, privacy,
  comments, edition, terms of use …), the reader addressed as "you" about their inbox,
  browser or account, calls to action (an imperative verb first, and "here", "now", "up",
  "free" or "more" after it), counts of views, comments and reactions;
- its *role*: a teaser label ("Watch:", "Read more:", "Analysis:") in front of another
  story's headline, a legal line (copyright, a postal address, "powered by").

A line whose features add up to CHROME_SCORE is chrome; anything that reads as a sentence
of reporting (a finite verb of the third person and a full stop, or twelve words or more
without the reader addressed) is held back by a penalty no form alone can outweigh.
"""

import functools
import re

from . import dates

MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
LINK_WORDS = 3  # a menu item saved as a Markdown link is a word or three

CHROME_SCORE = 4
# Cleaning reads each line twice (it repeats until nothing changes) and several rules ask
# for the same line's features: remembered, they are worked out once.
CACHED_LINES = 8192
MAX_WORDS = 40  # longer lines are never scored: chrome is short
# Patterns anchored at the end of a line are searched in its tail only: searched from every
# position of a long line they cost more than all the other features together.
TAIL_CHARS = 60
CREDIT_CHARS = 160

# The words sites use for their own furniture. "Strong" words are never a briefing's topic
# heading; the weak ones ("News", "World", "Sport") are, so they count only in numbers.
_STRONG_WORDS_TEXT = """
    sign log login logout subscribe subscribers subscription unsubscribe newsletter newsletters
    menu search share shares save saved print comments comment reply replies pinned trending
    popular viewed privacy policy cookie cookies settings preferences accessibility careers
    advertise advertising ad ads feedback transcripts sitemap rss edition paid partner
    sponsored sponsor advertisement copyright terms conditions podcasts podcast app apps
    newsletters login register account inbox browser faq help contact disclaimer imprint
    licensing reprints permissions bookmark bookmarks followers likes views
    telegram facebook twitter whatsapp instagram youtube tiktok linkedin bluesky reddit
    flipboard mastodon
    """
_STRONG_WORDS = frozenset(_STRONG_WORDS_TEXT.split())
_WEAK_WORDS_TEXT = """
    home news sport sports weather business culture travel earth video videos audio radio tv
    live world europe politics climate science tech technology health entertainment style
    markets economy innovation opinion analysis features lifestyle games puzzles crossword
    more read most latest top stories about us of and the to in on for our your all us uk
    international local local opinion photos photo gallery galleries watch listen follow
    breaking exclusive explainer events research data graphics magazine shop store jobs
    issue vol volume
    """
_WEAK_WORDS = frozenset(_WEAK_WORDS_TEXT.split())
_GLUE_TEXT = "of and the to in on for our your all us"  # a phrase's words, not a menu's
_GLUE = frozenset(_GLUE_TEXT.split())
# Verbs a call to action opens with.
_CTA_VERBS_TEXT = """
    sign subscribe share follow watch listen read click tap download get join enter save like
    vote leave accept reject manage see view explore learn discover continue scroll try
    register log support donate reply forward print email skip load show install upgrade
    unlock visit write add
    """
CTA_VERBS = frozenset(_CTA_VERBS_TEXT.split())
_CTA_OBJECTS_TEXT = "our the this us your a an up more free to in on it"
_CTA_OBJECTS = frozenset(_CTA_OBJECTS_TEXT.split())
_CTA_TAIL = re.compile(
    r"\b(?:here|now|up|today|free|below|more|inbox|app|newsletter|podcast|online|friends?)\b"
    r"[\s.!:›»→>)]*$",
    re.IGNORECASE,
)
# A finite verb of reporting or being, third person: what a briefing's sentence has and a
# page's furniture lacks.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|could|can|should|may|might|must|did|does|"
    r"said|says|told|tells|added|adds|warned|warns|reported|reports|announced|announces|"
    r"claimed|claims|confirmed|confirms|denied|denies|called|calls|urged|urges|struck|killed|"
    r"launched|hit|met|signed|agreed|approved|rejected|began|continued|left|remained|"
    r"fell|rose|went|came|took|gave|made|saw|won|lost|held|led|shot|fled|fought|sent|"
    r"spent|built|kept|wrote|spoke|became|ran|grew|stood|paid|sold|bought|brought)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you['’](?:re|ve|ll|d))\b", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]|‘[^’]*’")
# The reader addressed about the page itself: their inbox, email, browser, account.
_READER_DEVICE = re.compile(
    r"\byour\s+(?:email|e-mail|inbox|browser|account|preferences|subscription|privacy|"
    r"consent|settings|details|name)\b|\b(?:this|our)\s+(?:email|e-mail|newsletter|website|"
    r"browser)\b|\bin\s+this\s+browser\b|\brequired\s+fields\b|\bcancel\s+reply\b|"
    r"\bpowered\s+by\b|\blike\s+loading\b|\b(?:presented|sponsored|paid\s+for|brought\s+to"
    r"\s+you)\s+by\b|\bpartner\s+content\b|\bad\s+(?:feedback|choices)\b|\bopt[- ]out\b|"
    r"\bthis\s+(?:live\s+)?(?:article|story|page|post|blog)\s+(?:is|was|has|contains|may)\b|"
    r"\byou(?:['’]re|\s+are)\s+receiving\s+this\b|\byou\s+(?:subscribed|signed\s+up)\b|"
    r"\byou\s+(?:can|could|may|will|['’]ll)\s+(?:also\s+)?(?:view|join|follow|subscribe|"
    r"sign\s+up|download|listen|watch)\b|"
    r"\bthis\s+(?:edition|issue|bulletin|digest|briefing)\s+(?:was|is\s+being)\s+sent\b|"
    r"\bthoughts?\s+on\s+[\"“]|\bresponses?\s+to\s+[\"“]|\bpurchase\s+licensing\b",
    re.IGNORECASE,
)
# "We and our 842 partners use cookies …": a consent banner (tried on lines with "cookie").
_COOKIES = re.compile(
    r"\b(?:we|our\s+partners)\b.{0,60}\bcookies\b|\bcookies\b.{0,80}\b(?:personali[sz]e|"
    r"consent|partners|your\s+experience)\b",
    re.IGNORECASE,
)
# "Watch: …", "Read more: …", "Analysis: …": a label in front of another story's headline.
_TEASER = re.compile(
    r"^(?P<label>watch|video|videos|listen|audio|podcast|read\s+more|read\s+also|also\s+read|"
    r"more|analysis|opinion|explainer|explained|comment|in\s+pictures|in\s+photos|gallery|photos|quiz|"
    r"poll|vote(?:\s+now)?|related(?:\s+(?:article|story|video|content|reading))?|"
    r"recommended|trending|topics|tags|keywords|filed\s+under|see\s+also|sponsored|"
    r"partner\s+content|live|previous|prev|next|older|newer)\s*(?P<sep>:|\||–|—|›|»)?\s+(?P<rest>\S.*)$",
    re.IGNORECASE,
)
# Labels that introduce a list ("Tags: Odesa, drones") or a link to another story ("Read
# also: …", "Related: …", "See also: …") are chrome wherever they stand; the others
# ("Analysis: …") only once the text has begun, since a headline may carry them.
LINK_LABEL_WORDS = 20  # a link's label and its headline; longer is a sentence
_LINK_LABEL = re.compile(
    r"^(?:read\s+also|also\s+read|related|see\s+also|read\s+more|"
    # the same label in the languages pages are copied from
    r"baca\s+juga|lihat\s+juga|lees\s+ook|(?:à\s+)?lire\s+aussi|leia\s+(?:também|mais)|"
    r"lea\s+también|lee\s+también|leer\s+más|leggi\s+anche|lesen\s+sie\s+auch|"
    r"mehr\s+zum\s+thema|czytaj\s+(?:też|także)|читайте\s+(?:также|також)|також\s+читайте)"
    r"\s*:\s*\S",
    re.IGNORECASE,
)
_LIST_LABEL = re.compile(
    r"^(?:trending|topics|tags|keywords|filed\s+under|related\s+topics|categories)\b", re.I
)
# Counters and ages, their one home (chrome reads a line alone with it, features weigh it):
# "4 min read", "Published 1 day ago", "👁 48.2K", "❤️ 1.2K 😢 980", "Views: 2,417",
# "4 Comments", "💬 14 🔁 32 ❤ 120", "See all updates (14)", "02:14 - Source: X",
# "Reading time: 4 minutes".
COUNTER = re.compile(
    r"^(?:(?:published|posted|updated)\s+\d+\s+\w+\s+ago|(?:[^\w\s]{1,3}\s*\d[\d.,]*\s*[KkMm]?\s*)+|"
    r"(?:[^\w\s]{1,3}\s*)?(?:(?:views?|reads?|likes?|shares?|comments?|replies|reactions?|"
    r"followers)\s*[:·]?\s*"
    r"[\d.,]+\s*[KkMm]?|[\d.,]+\s*[KkMm]?\s+(?:views?|comments?|replies|shares?|likes?|"
    r"subscribers|followers|members|"
    r"reactions?|responses?|thoughts?)\b.*|see\s+all\s+(?:updates|posts|comments|stories)\s*"
    r"\(\d+\)|\d{1,2}:\d{2}\s*[-–—]\s*source\s*:.*|listen\s+to\s+this\s+article\W+\d+\s*min.*|"
    r"\d+\s*(?:min|minute)s?\s+(?:read|reading\s+time|listen)|"
    r"(?:reading|listening)\s+time\s*:?\s*\d+\s*(?:min|minute)s?))$",
    re.IGNORECASE,
)
# Handling marks of a document passed between desks: "Not for syndication", "Do not
# forward", "Distribution: internal", "POC: watch officer, ext. 4417".
_MARKING = re.compile(
    r"\bnot\s+for\s+(?:syndication|publication|distribution|broadcast)\b|"
    r"\bdo\s+not\s+(?:forward|distribute|publish|share)\b|^(?:distribution|poc)\s*:",
    re.IGNORECASE,
)
# "21 Rue du Marché, 1000 Brussels, Belgium": a postal address.
_ADDRESS = re.compile(
    r"\b\d{1,5}\s+(?:[\w'’.-]+\s+){0,3}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|"
    r"square|place|plaza|way|drive|suite|floor)\b|\b\d{1,5},?\s+(?:rue|via|calle|ulica|"
    r"vulytsia|straße|strasse)\b|\b(?:rue|via|calle)\s+[\w'’ -]+,\s*\d{4,5}\b",
    re.IGNORECASE,
)
# "@hromadske_ua" alone; "To: <desk@…>", "---------- Forwarded message ---------".
_HANDLE_OR_HEADER = re.compile(
    r"^@\w{3,}$|^(?:to|cc|bcc)\s*:\s*.*@|^from\s*:\s*[^<]*<[^>]+@[^>]+>$|"
    r"^-{2,}\s*(?:forwarded|original)\s+message\s*-{2,}$",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[|·•/>›»]\s+|\s{3,}")
_TERMINAL = re.compile(r"[.!?…][”\"’')\]]*$")
_WORD = re.compile(r"[^\W\d_][\w'’&-]*")


@functools.lru_cache(maxsize=CACHED_LINES)
def plain_line(line: str) -> str:
    """A line as the reader sees it: no Markdown heading, emphasis, bullet or link target."""
    text = MARKDOWN_LINK.sub(r"\1", line.strip())
    text = re.sub(r"^(?:#{1,6}\s+|[*•·]\s+)", "", text)
    text = re.sub(r"(?<=\S)(?:\*\*|__)(?=[\s:.,;!?]|$)", "", text)  # "**Related:**" → "Related:"
    return text.strip("*_«‹»›←→ ").strip()


def is_reporting(text: str) -> bool:
    """A sentence of reporting: a finite verb, and either a closing full stop or a length
    no label or button has; the reader is not addressed outside quotes."""
    words = len(text.split())
    unquoted = _QUOTED.sub(" ", text)
    if _SECOND_PERSON.search(unquoted):
        return False
    return bool(_FINITE.search(unquoted)) and (bool(_TERMINAL.search(text)) or words >= 12)


def addresses_reader(text: str) -> bool:
    """The page speaking to its reader about itself: their inbox, this email, cookies."""
    return bool(_READER_DEVICE.search(text)) or (
        "cookie" in text.casefold() and bool(_COOKIES.search(text))
    )


@functools.lru_cache(maxsize=CACHED_LINES)
def features(line: str) -> dict[str, float]:
    """What makes ``line`` look like chrome, each feature with its weight (a dict shared
    between callers: read it, never change it)."""
    text = plain_line(line)
    found: dict[str, float] = {}
    words = _WORD.findall(text)
    if not words or len(words) > MAX_WORDS:
        return found  # chrome is short: a long line is text, or a device ``chrome`` names
    lower = [w.casefold().strip("'’") for w in words]
    unquoted = _QUOTED.sub(" ", text)
    sentence = bool(_TERMINAL.search(text)) and len(words) >= 4
    finite = bool(_FINITE.search(unquoted))
    device = addresses_reader(text)
    if finite and not device and is_reporting(text):
        return {"reporting": -6}  # nothing a line of reporting has can outweigh it
    if len(words) <= 6 and not sentence:
        found["short"] = 1
    if not sentence and not finite:
        found["no sentence"] = 1
    strong = sum(1 for w in lower if w in _STRONG_WORDS)
    site = sum(1 for w in lower if w in _STRONG_WORDS or w in _WEAK_WORDS)
    if strong and site == len(lower):
        # A lone word ("Share") may be a heading: alone it does not decide (see
        # ``lone_word_reason`` for the company it keeps).
        found["site words"] = 1 if len(lower) == 1 else 2 + min(strong, 2)
    elif strong >= 2 and site * 4 >= len(lower) * 3:
        found["site words"] = 2
    elif site == len(lower) >= 5 and not sentence and not _GLUE.intersection(lower):
        # "Home News Politics Business Sport Opinion Videos": a menu whose separators the
        # copy lost, each word a section's name
        found["site words"] = 3
    tail = bool(_CTA_TAIL.search(text[-TAIL_CHARS:]))
    strong_after = any(w in _STRONG_WORDS for w in lower[1:])
    target = tail or strong_after or (lower[1:2] and lower[1] in _CTA_OBJECTS)
    if lower[0] in CTA_VERBS and not finite and len(words) <= 25 and target:
        # An imperative first, and the call's target after it: "Sign up here", "Learn more
        # at …", "Get the app". A verb alone ("Start") is a word, not a call; a sentence
        # ("Click Share to send this article.") needs the tail too.
        found["call to action"] = 1 + (1 if tail or not sentence else 0) + (1 if tail else 0)
    if device:
        found["reader addressed"] = 4
    elif _SECOND_PERSON.search(unquoted) and not finite and len(words) <= 20:
        found["reader addressed"] = 1
    if COUNTER.match(text):
        found["counter"] = 4
    if _MARKING.search(text):
        found["document marking"] = 4
    if _HANDLE_OR_HEADER.match(line.strip()):
        found["account line"] = 4
    parts = [p for p in _SEPARATORS.split(text) if p.strip()]
    if len(parts) >= 2 and not finite and all(_is_call(p) for p in parts):
        found["calls to action"] = 4  # "Read online | Forward to a colleague"
    if (
        len(parts) >= 3
        and all(len(p.split()) <= 4 for p in parts)
        and not sentence
        and not (dates.ANY_DATE.search(text) and not strong)
    ):
        # A row that carries a full date and no site word ("Name, Outlet | Place | November
        # 11, 2024") is an item's credit, not a menu; "Posted by … | 4 Comments" is the page's.
        # Short parts between separators; a menu when some part is a site's word.
        found["menu"] = 2 if site else 1
    if _ADDRESS.search(text) and not finite and text.count(",") >= 2:
        found["address"] = 4
    if is_reporting(text) and not (device and len(words) < 30):
        found["reporting"] = -6
    return found


def _is_call(part: str) -> bool:
    """A short imperative with its target: "Read online", "Forward to a colleague"."""
    words = [w.casefold() for w in _WORD.findall(part)]
    return (
        1 < len(words) <= 6
        and words[0] in CTA_VERBS
        and (words[1] in _CTA_OBJECTS or bool(_CTA_TAIL.search(part)))
    )


def feature_reason(line: str) -> str | None:
    """The reason ``line`` is chrome by its features (see ``features``), or None."""
    found = features(line)
    if sum(found.values()) < CHROME_SCORE:
        return None
    best = max((k for k in found if found[k] > 0), key=lambda k: found[k])
    return f"site chrome ({best})"


_LABEL_PHRASE = re.compile(r"^(?:\S+\s+){0,2}\S+:\s")


def teaser_reason(line: str, text_started: bool) -> str | None:
    """A label in front of another story's headline: "Watch: Firefighters tackle …",
    "Read more: Why …", "Tags: Odesa, drones". Label-and-headline lines count only once the
    text has begun (``text_started``): above it, "Analysis: …" may be the headline itself."""
    text = plain_line(line)
    if _LINK_LABEL.match(text) and len(line.split()) <= LINK_LABEL_WORDS:
        return "site chrome (related link)"
    match = _TEASER.match(text)
    label = match.group("label") if match else ""
    if not match or not (
        match.group("sep")
        or label.isupper()
        or " " in label
        or len(match.group("rest").split()) <= 3
        or _LABEL_PHRASE.match(match.group("rest"))
        or _SEPARATORS.search(match.group("rest"))  # "Previous post · Subscribe via RSS"
    ):
        # "More than 800 shelters open", "Live music returns": a headline's own first word.
        # A label is set off ("More:"), in capitals ("WATCH …"), of two words ("Read more"),
        # a phrase ending in a colon ("Previous log: …", "Vote in our poll: …") or all the
        # line says ("More in Politics", "Watch highlights").
        return None
    rest = match.group("rest")
    if _LIST_LABEL.match(text) and not is_reporting(rest):
        return "site chrome (list label)"
    question = rest.rstrip().endswith("?")  # "Vote now: Should the deal be revived?"
    headline = question or not _TERMINAL.search(rest)
    if (
        text_started
        and headline
        and len(rest.split()) <= 16
        and (question or not is_reporting(rest))
    ):
        return "site chrome (teaser)"
    return None


# A photo's caption, known by the credit it ends with: "… REUTERS/Olena Kravets", "(AP
# Photo/Efrem Lukatsky)", "Photo: State Emergency Service", "… via Getty Images".
_CAPTION_CREDIT = re.compile(
    r"(?:\b[A-Z]{2,}(?:\s[A-Z]{2,})?/[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}"
    r"(?:\s+purchase\s+licensing\s+rights.*)?|"
    r"\((?:[A-Z]{2,10}\s+)?(?:photo|image|picture)s?\b[^)]*\)|"
    r"[.!?]\s+(?:photo(?:graph)?|image|picture|credit)s?\s*:\s*[^.]{2,80}|"
    r"\bvia\s+getty\s+images\)?|\bgetty\s+images)$",
    re.IGNORECASE,
)
# "![Engineers in the control room](https://…)": a picture left as Markdown.
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
# "From WKNX's Dana Reyes", "From our correspondent's notebook in Kyiv": who reported an
# entry, not what happened. (With a closing colon it is the live log's business.)
_FROM_BYLINE = re.compile(
    r"^from\s+(?:our\s+|the\s+)?[\w.’' -]{1,60}?[’']s\s+\S.{0,80}$", re.IGNORECASE
)


def caption_reason(line: str) -> str | None:
    text = plain_line(line)
    if _IMAGE.match(line.strip()):
        return "site chrome (picture)"
    if len(text.split()) <= 60 and _CAPTION_CREDIT.search(text[-CREDIT_CHARS:]):
        return "photo caption"
    return None


def byline_reason(line: str) -> str | None:
    text = plain_line(line)
    if (
        _FROM_BYLINE.match(text)
        and not text.endswith(":")
        and len(text.split()) <= 14
        and not _TERMINAL.search(text)
        and not _FINITE.search(text)
    ):
        return "byline"
    return None


_LINK_ITEM = re.compile(r"^\s*[*•·-]\s+\[(?P<text>[^\]]+)\]\([^)]*\)\s*$")
_CREDIT_LABEL = re.compile(r"^(?:photo(?:graph)?|image|picture|credit)s?\s*:\s*\S", re.IGNORECASE)


def link_list_runs(lines: list[str]) -> dict[int, str]:
    """A bulleted list of bare links of a word or three ("* [Home](/)", "* [Europe](…)"):
    a site's menu saved as Markdown, not a digest. Index → reason."""
    found: dict[int, str] = {}
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        match = _LINK_ITEM.match(line)
        if match and len(match.group("text").split()) <= LINK_WORDS:
            run.append(index)
            continue
        if not line.strip() and run:
            continue
        if len(run) >= 2:
            found.update(dict.fromkeys(run, "site chrome (navigation)"))
        run = []
    return found


def is_credit_line(line: str) -> bool:
    """ "Photo: Nadia Petrenko": a credit on a line of its own."""
    text = plain_line(line)
    return bool(_CREDIT_LABEL.match(text)) and len(text.split()) <= 12


_BYLINE_OPENING = re.compile(r"^(?:by|written\s+by|posted\s+by)\s", re.IGNORECASE)


def caption_above_credit(line: str, following: str) -> str | None:
    """A caption on the line above its credit: a description without a full stop."""
    text = plain_line(line)
    if (
        is_credit_line(following)
        and 3 <= len(text.split()) <= 40
        and not _TERMINAL.search(text)
        and not is_credit_line(text)
        # "by Andrei Munteanu | 18.05.2025 | 23:20" over the photo's credit: the page's byline
        and not _BYLINE_OPENING.match(text)
        and not dates.looks_dated(text)
    ):
        return "photo caption"
    return None


def lone_word_reason(line: str, neighbour_is_chrome) -> str | None:
    """A lone word of a site's furniture ("Edition", "Pinned", "Share"), or a row of short
    items between separators, is chrome beside other chrome (``neighbour_is_chrome()``, asked
    only of such lines); alone between paragraphs it may be a heading or text, and stays."""
    text = plain_line(line)
    if len(text.split()) > 12:
        return None
    if re.fullmatch(r"[^\W\d_]+", text) and text.casefold() in _STRONG_WORDS:
        reason = "site chrome (site words)"
    elif features(line).get("menu"):
        reason = "site chrome (menu)"  # "Yes / No / Not sure" under a poll's question
    else:
        return None
    return reason if neighbour_is_chrome() else None
