"""Site chrome recognised by what it is, not by a list: the lines a page brings when it is
copied (share bars, sign-up prompts, copyright lines, navigation, related links, cookie
banners, reading-time and view counters), which ``clean.clean_text`` removes and reports.

Each rule is written for precision first: a line is chrome when its *form* says so (short,
no sentence structure) and its *wording* is a call to action or a page device. A real
sentence of a briefing is never chrome: anything long, or that reads as a sentence, is kept
unless it is a copyright, cookie or newsletter-consent line, which no briefing quotes whole.
"""

import functools
import re

from .furniture import (
    CACHED_LINES,
    COUNTER,
    CTA_VERBS,
    MARKDOWN_LINK,
    addresses_reader,
    feature_reason,
    is_reporting,
    plain_line,
    teaser_reason,
)
from .stamp_shape import read_bare_stamp

_SENTENCE = re.compile(r"[.!?…][”\"’')\]]*$")

# Calls to action and page devices, at the start of a short line.
_CALL_TO_ACTION = re.compile(
    r"^(?:sign\s+(?:up|in)|log\s*in|subscribe\b|unsubscribe|join\s+(?:us|our|the|channel)\b|"
    r"become\s+a\s+(?:member|subscriber|supporter)|support\s+(?:us|our|independent)\b|"
    r"donate\b|download\s+(?:the|our)\b|get\s+the\s+app|listen\s+to\s+this\s+(?:article|story)|"
    r"(?:read|view)\s+(?:it\s+)?in\s+(?:your\s+)?browser|view\s+(?:this\s+)?(?:email|newsletter)|"
    r"forwarded\s+this|manage\s+(?:your\s+)?preferences|update\s+your\s+preferences|"
    r"share\s+(?:this|full|on|via|the)\b|copy\s+link|please\s+(?:use|turn\s+on|enable|let\s+us)\b|"
    r"tap\s+here|click\s+here|yes,\s+i\s+agree|no,\s+take\s+me|by\s+(?:signing\s+up|subscribing|"
    r"clicking)|this\s+(?:email|newsletter|message|edition|issue|bulletin|briefing|digest)"
    r"\s+was\s+sent|skip\s+(?:to|links|ad|next)|"
    r"see\s+all\b|our\s+standards\s*:|sponsor\s+message|contact\s*:\s*\S+@|"
    r"back\s+to\s+(?:top|home|homepage)|comments?\s+(?:are|is)\s+(?:now\s+)?closed|"
    r"show\s+(?:comments|key\s+events)|this\s+live\s*blog\s+is\s+(?:now\s+)?closed|"
    r"privacy\s+(?:notice|policy)|tags?\s*:|watch\s+.{1,40}\blive$|follow\s+(?:us|[\w’'.]+"
    r"(?:\s+[\w’'.]+)?\s+on)\b|advertisement\b|sponsored\b|most\s+(?:popular|read|viewed)\b|"
    r"read\s+next\b|more\s+(?:on\s+this\s+story|from\s+|stories\b)|related(?:\s+(?:topics|"
    r"stories|articles|coverage|content))?\s*:?$|explore\s+more\b|suggested\s+topics|"
    r"reuse\s+this\s+content|navigation\s+menu)",
    re.IGNORECASE,
)
# A whole line that is a page's control or notice, in any page's words: a button, a
# caption toggle, an app or language switch, the order switch of a live page, the reader
# feedback box. No briefing writes one of these as a line of its own.
_PAGE_CONTROL = re.compile(
    r"^(?:print(?:\s+(?:this\s+)?(?:article|page|story))?|bookmark|refresh|previous|"
    r"next\s+(?:article|story|post|page)|promoted(?:\s+(?:content|stories|links))?|"
    r"(?:hide|toggle|show)\s+caption|enlarge\s+(?:this\s+)?image|open\s+in\s+(?:the\s+)?app|"
    r"jump\s+to(?:\s+(?:the\s+)?(?:latest|newest|top|content|comments)(?:\s+\w+)?)?|"
    r"(?:newest|oldest|latest)\s+first|sort\s+by\s*:?.{0,20}|"
    r"already\s+(?:a\s+)?(?:subscriber|registered|have\s+an\s+account)\??.{0,20}|"
    r"story\s+continues\s+(?:below|after).{0,20}|continue\s+reading(?:\s+(?:below|the\s+"
    r"main\s+story))?|was\s+this\s+(?:article\s+)?(?:helpful|useful)\??.{0,20}|"
    r"send\s+us\s+(?:your\s+)?feedback|(?:report\s+(?:an|this)\s+ad|ad\s+feedback)|"
    r"(?:leer|lire|leggi|lesen|ler)\s+(?:en|in|auf|em)\s+\w+|tip\s+us\s+off|"
    r"load\s+more(?:\s+(?:updates|posts|stories|entries))?|show\s+(?:more|all)(?:\s+"
    r"(?:updates|posts|entries))?|see\s+(?:more|latest)\s+(?:updates|posts)|"
    r"listen(?:\s*[·|:-]\s*\d+\s*min(?:ute)?s?)?|contact\s+(?:the\s+)?(?:newsroom|editors?|us)|"
    r"have\s+you\s+been\s+affected\?.{0,40}|follow|"
    # the advertisement's label, in the page's language
    r"anzeige|werbung|publicidad|publicidade|publicit[ée]|pubblicit[àa]|reklama|reklame|"
    r"advertentie|annons|mainos|реклама|إعلان|広告|광고|广告)[.!]?$",
    re.IGNORECASE,
)
_WEAK = re.compile(
    r"^(?:more\s+from|follow|support|join|sponsored|donate|share\s+the|please\s+let\s+us)\b",
    re.IGNORECASE,
)
# Devices anywhere in a line: "… opens new tab", "© 2024 …", "All rights reserved".
_DEVICE = re.compile(
    r"\bopens?\s+(?:in\s+)?(?:a\s+)?new\s+(?:tab|window)\b|©|\ball\s+rights\s+reserved\b|"
    r"^copyright\s*(?:©|\(c\)|\d{4}\b)|\bthis\s+page\s+(?:refreshes|updates)\s+automatically\b|\bback\s+to\s+(?:top|home(?:page)?)$|\bwe\s+use\s+cookies\b|\bagree\s+to\s+(?:all\s+)?(?:of\s+)?(?:these\s+)?"
    r"cookies\b|\bcookies?\s+(?:settings|policy|preferences)\b|\bclick\s+here\b|\btap\s+here\b",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+")
# The frame of a report or a chat around its text, known by form, one kind a pattern.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+\d{1,3}(?:[ .-]?\d{2,4}){2,5}")
# "For further information, please contact the coordination unit.", "Media enquiries:".
_CONTACT_HEADING = re.compile(
    r"^(?:for\s+(?:further|more)\s+information,?\s+(?:please\s+)?contact\b(?:\s*:|"
    r"(?:\s+[\w’'-]+){0,5}\.?)?|(?:media|press)\s+(?:contacts?|enquiries|inquiries|office)\s*:?)$",
    re.IGNORECASE,
)
# A row of nothing but addresses: "www.humanitarianbulletin.example | @HumBulletin".
_ADDRESS_ITEM = re.compile(
    r"^(?:https?://\S+|www\.[\w.-]+\.[a-z]{2,}\S*|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*|@\w{3,}|"
    + _EMAIL.pattern
    + r")$",
    re.IGNORECASE,
)
# "ENDS", "-- END OF LOG --", "// END LOG //", "END OF WATCH — next watch from 2000 hrs",
# "[end of export: 5 items]", "-30-": a document's end mark, in capitals or between marks (a
# headline "End of the ceasefire" is neither).
_END_MARK = re.compile(
    r"^(?:[^\w\s]+\s*)?(?:ENDS?|END\s+[A-Z]{2,12}|END\s+OF\s+[A-Z][A-Z ]{1,30}?"
    r"(?:\s+[—–-]\s+[^\n]{1,40})?)(?:\s*[^\w\s]+)?$|(?i:^[^\w\s]+\s*end\s+(?:of\s+)?[^\n]{1,40}?\s*[^\w\s]+$|"
    r"^[-=#*\s]*(?:ends|end\s+of\s+(?:log|entries|report|file|transmission|document|message)"
    r"(?:\s+for\s+.{1,20})?|-30-)[-=#*\s.]*$)"
)
# "[2] https://…", "Endnotes".
_ENDNOTE = re.compile(r"^(?:\[\d{1,3}\]\s*https?://\S+|endnotes|footnotes)$", re.IGNORECASE)
# "UNCLASSIFIED", "OFFICIAL – SENSITIVE": a classification banner.
_BANNER = re.compile(
    r"^(?:unclassified|restricted|official|confidential)\b(?:\s*(?://|-|–)\s*[A-Z ]{2,40})?$",
    re.IGNORECASE,
)
# A chat's or a comment system's own messages: "<Media omitted>", "X joined #desk",
# ":thumbsup: 4", "Pinned message", "Forwarded from Levant Watch Maps", "Comments are closed
# for this story."
_SYSTEM_MESSAGE = re.compile(
    r"^(?:<media\s+omitted>|this\s+message\s+was\s+deleted\.?|message\s+#[\w-]+|"
    r"\S.{0,40}\s+joined\s+(?:#[\w-]+|using\s+this\s+group[’']s\s+invite\s+link|the\s+(?:group|"
    r"channel|chat))\.?|(?::[a-z0-9_+-]+:\s*\d+\s*)+|pinned\s+message|forwarded\s+from\s+\S.{0,60}|"
    r"comments?\s+(?:are|is|have\s+been)\s+(?:now\s+)?(?:closed|disabled)(?:\s+(?:for|on)\s+this\s+"
    r"(?:story|article|post|page))?\.?)$",
    re.IGNORECASE,
)
# A publisher's own links and prompts at the foot: "Terms of Use", "Get involved", "Was this
# forwarded to you? Sign up", "Newsletters: get …", "Download the full report (PDF)".
_PUBLISHER_LINK = re.compile(
    r"^(?:terms\s+(?:of\s+(?:use|service)|and\s+conditions)|get\s+involved|"
    r"(?:was\s+)?this\s+(?:email\s+|newsletter\s+)?forwarded\s+to\s+you\??(?:\s+sign\s+up.*)?|"
    r"newsletters?\s*:\s*(?:get|sign|subscribe)\b.*|download\s+(?:the\s+)?(?:pdf|full\s+report|"
    r"report|document|file)\b.*)$",
    re.IGNORECASE,
)
_FRAME = (_CONTACT_HEADING, _ENDNOTE, _BANNER, _SYSTEM_MESSAGE, _PUBLISHER_LINK)
# "The Associated Press is an independent global news organization …": an outlet describing
# itself at the foot of its copy.
_SELF_DESCRIPTION = re.compile(
    r"^(?:the\s+)?[A-Z][\w.&’' -]{1,40}\s+is\s+an?\s+(?:independent|non-?profit|global|"
    r"international)\b.{0,60}\b(?:news\s+(?:organi[sz]ation|agency|service)|newsroom|"
    r"publisher)\b",
)
# Headings that open a block of links to other stories; the short lines under them go too.
_LINK_BLOCK = re.compile(
    r"^(?:related(?:\s+(?:topics|stories|articles|coverage|content))?|more\s+on\s+this\s+story|"
    r"most\s+(?:popular|read|viewed)|read\s+next|more\s+from\s+.{1,30}|"
    r"more\s+(?:[\w-]+\s+){0,2}(?:coverage|stories|news|explainers)|explore\s+more\s+on\s+"
    r"these\s+topics|suggested\s+topics|more\s+stories|you\s+may\s+also\s+like|"
    r"recommended(?:\s+(?:stories|for\s+you|reading))?|what\s+to\s+read\s+next|"
    r"you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)|"
    r"(?:paid|sponsored)\s+(?:partner\s+)?(?:content|links|stories)|around\s+the\s+web|"
    r"(?:most|more)\s+(?:watched|shared|commented|emailed)|trending(?:\s+now)?|"
    r"editor[’']?s\s+picks?|sponsored|promoted)\s*:?$",
    re.IGNORECASE,
)
# "Home > World > Europe", "Print | Subscribe", "Manage your preferences | Unsubscribe".
_SEPARATOR = re.compile(r"\s+[>›»|/]\s+")
_BREADCRUMB = re.compile(r"\s[>›»]\s")
_MENU = re.compile(
    r"^(?:home|print|subscribe|unsubscribe|share|email|contact(?:\s+us)?|privacy(?:\s+policy)?|"
    r"sign\s+(?:in|up)|log\s*in|menu|search|newsletters?|manage\s+your\s+preferences|"
    r"share\s+on\s+\w+|email\s+this.*|terms.*|subscribe\s+to\s+\w+|download\s+(?:pdf|\w+\s+pdf)|"
    r"about(?:\s+us)?|events|research)$",
    re.IGNORECASE,
)
# Buttons and share targets: a short line made of nothing else is a toolbar ("Print  Email
# Share", "Facebook Twitter Email", "Link Copied!", "Comments (0)").
_BUTTONS = frozenset(
    [
        "print",
        "email",
        "e-mail",
        "share",
        "save",
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "linkedin",
        "reddit",
        "bluesky",
        "threads",
        "flipboard",
        "messenger",
        "copy",
        "copied",
        "link",
        "comments",
        "comment",
        "menu",
        "search",
        "subscribe",
        "unsubscribe",
        "bookmark",
        "gift",
        "listen",
        "x",
        "instagram",
        "youtube",
        "tiktok",
        "pinterest",
        "mastodon",
        "viber",
    ]
)
# "---", "___": a Markdown rule between blocks, not text. ("* * *" is kept: a section
# break a writer typed.)
_RULE = re.compile(r"^(?:-{3,}|_{3,})$")
# "CENTRE FOR EASTERN POLICY | Research Events About": the outlet's name in capitals, then
# its menu.
_MASTHEAD = re.compile(r"^[A-Z][A-Z0-9 .,&'’-]{2,}$")
MAX_WORDS = 25  # a call to action is short
NAV_WORDS = 3  # a navigation item is a word or three


def _words(line: str) -> int:
    return len(line.split())


def is_sentence(line: str) -> bool:
    return bool(_SENTENCE.search(line.strip())) and _words(line) >= 4


@functools.lru_cache(maxsize=CACHED_LINES)
def line_reason(line: str) -> str | None:
    """Why a line, alone, is chrome; None when it is (or may be) text."""
    text = line.strip()
    if not text:
        return None
    words = _words(text)
    if words <= 40 and _DEVICE.search(text):
        return "site chrome (device)"
    # An ordinary verb may open a sentence too ("Support for the plan grew …"): then only a
    # short line, or one that is not a sentence, is taken.
    weak = _WEAK.match(text) and words > 12 and is_sentence(text)
    # "Subscribe was the word the minister used …": a sentence of reporting that opens with
    # a call's word is not a call, unless it speaks to the reader about the page.
    # ("Privacy Notice: Newsletters may contain …" is a labelled notice, not reporting.)
    labelled = re.match(r"^[^:.]{1,30}:\s", text)
    reporting = is_reporting(text) and not addresses_reader(text) and not labelled
    if words <= MAX_WORDS and _CALL_TO_ACTION.match(text.strip("*_ ")) and not (weak or reporting):
        return "site chrome (call to action)"
    if words <= 8 and _PAGE_CONTROL.match(text.strip("*_[]()<> ")):
        return "site chrome (page control)"
    if reason := _self_promotion(text, words):
        return reason
    if _RULE.match(text):
        return "site chrome (rule)"
    if words <= 14 and any(p.match(text) for p in _FRAME) and not (text.isupper() and words > 8):
        return "site chrome (report frame)"
    if words <= 12 and _END_MARK.match(text):
        return "site chrome (end mark)"
    if words <= 12 and (_EMAIL.search(text) or _PHONE.search(text)) and not is_sentence(text):
        return "site chrome (contact)"
    items = [item.strip() for item in re.split(r"\s+[|·•]\s+", text)]
    if len(items) >= 2 and all(_ADDRESS_ITEM.match(item) for item in items):
        return "site chrome (contact)"
    if words <= 30 and _SELF_DESCRIPTION.match(text):
        return "site chrome (outlet's self-description)"
    # "[Share](…) · [Unsubscribe](…)": a link's words are what the reader sees.
    buttons = re.findall(r"[^\W\d_][\w-]*", MARKDOWN_LINK.sub(r"\1", text).casefold())
    # A lone word ("Share") may be a heading; a row of buttons, or one with a count, is not.
    row = len(buttons) >= 2 or re.search(r"\d", text)
    if (
        words <= 8
        and buttons
        and row
        and all(b in _BUTTONS for b in buttons)
        and not is_sentence(text)
    ):
        return "site chrome (buttons)"
    parts = [part.strip() for part in _SEPARATOR.split(text)]
    menu = (_BREADCRUMB.search(text) and len(parts) >= 3) or any(_MENU.match(p) for p in parts)
    if (
        len(parts) >= 2
        and menu
        and not is_sentence(text)
        and all(len(p.split()) <= 4 for p in parts)
    ):
        return "site chrome (navigation)"
    if (
        (len(parts) >= 3 or (len(parts) == 2 and len(parts[0].split()) >= 2))
        and _MASTHEAD.match(parts[0])
        and not is_sentence(text)
        and all(len(p.split()) <= 4 and p[:1].isupper() and not re.search(r"\d", p) for p in parts)
    ):
        return "site chrome (masthead)"
    if teaser := teaser_reason(text, text_started=False):
        return teaser  # "Related: …", "Tags: …": labels that are chrome wherever they stand
    if (
        COUNTER.match(text)
        and any(ch.isdigit() for ch in text)
        and not is_reporting(text)
        and not _bare_clock(text)
    ):
        return "site chrome (counter)"
    if (
        words <= 15
        and _URL.search(text)
        and re.match(r"^(?:follow|read|see|more|visit)\b", text, re.I)
    ):
        return "site chrome (link)"
    visible = MARKDOWN_LINK.sub(r"\1", text)
    if visible != text and visible.strip():
        # "[Unsubscribe](…) | [Manage preferences](…)": what the reader sees decides
        return line_reason(visible)
    return feature_reason(text)


# The outlet speaking of itself, in whatever language the page is copied from: "us", "our"
# ("kami", "nous", "nuestro", "unsere" …) beside the things a site offers its readers.
_US = re.compile(
    r"\b(?:us|our|kami|kita|nous|nos|notre|nuestr[oa]s?|noss[oa]s?|uns|unser(?:e[mnrs]?)?|"
    r"noi|nostr[oaie]|nas|nasz[aey]?)\b",
    re.IGNORECASE,
)
_OFFERS = re.compile(
    r"\b(?:alerts?|notifications?|newsletters?|app|apps|stream|livestream|channel|podcasts?|"
    r"whatsapp|telegram|google\s+news|facebook|instagram|youtube|tiktok|threads|bluesky|"
    r"linkedin|viber|apple\s+news|twitter|x)\b",
    re.IGNORECASE,
)
# "Gift this article", "Save this story", "Print this page": a button acting on the page.
_PAGE_BUTTON = re.compile(
    r"^[A-Za-z]+\s+(?:this|the)\s+(?:article|story|page|post|piece|link)$", re.IGNORECASE
)
# "For quick alerts, allow notifications", "Turn on push notifications".
_NOTIFICATIONS = re.compile(
    r"\b(?:allow|enable|turn\s+on|switch\s+on|activate)\s+(?:push\s+|browser\s+)?"
    r"notifications\b",
    re.IGNORECASE,
)
# "Image caption: …", "Photo caption: …": a caption labelled as one.
_CAPTION_LABEL = re.compile(r"^(?:image|photo|picture|video)\s+caption\s*:", re.IGNORECASE)


# A newsletter's or a blog's goodbye: "That's all for today.", "Thanks for reading our daily
# update.", "See you tomorrow."
_SIGN_OFF = re.compile(
    r"^(?:that['’]s\s+(?:all|it)\s+(?:for\s+(?:today|now|tonight|this\s+\w+)|from\s+(?:us|me))|"
    r"thanks?\s+(?:you\s+)?(?:so\s+much\s+)?for\s+reading|see\s+you\s+(?:tomorrow|next\s+\w+|"
    r"on\s+\w+day|again|then)|until\s+(?:tomorrow|next\s+time)|(?:a\s+)?note\s+from\s+the\s+"
    r"(?:author|editor)s?\s*:)",
    re.IGNORECASE,
)
# An appeal for the reader's support: "Help us keep going – become a member today."
_APPEAL = re.compile(
    r"\bhelp\s+us\s+(?:keep|continue|stay|do|cover|report|grow|remain)\b|\bbecome\s+a\s+"
    r"(?:member|subscriber|supporter|patron)\b|\bsupport\s+(?:our|independent)\s+"
    r"(?:journalism|reporting|work|newsroom)\b",
    re.IGNORECASE,
)


# "Edited by Rachel Okafor and Tom Reyes.": who made the newsletter, at its foot.
_STAFF_CREDIT = re.compile(
    r"^(?:[Ee]dited|[Cc]ompiled|[Pp]roduced|[Cc]urated|[Ww]ritten\s+and\s+edited)\s+by\s+"
    r"[A-Z][\w'’.-]+(?:,?\s+(?:[A-Z][\w'’.-]+|and|&))*\.?$"
)


def _goodbye_or_appeal(plain: str, words: int) -> str | None:
    if words > 30:
        return None
    sentences = [x for x in re.split(r"(?<=[.!?])\s+", plain) if x]
    # "Forward this to a friend …" after the goodbye is a call, not reporting
    sentences = [x for x in sentences if x.split()[0].casefold() not in CTA_VERBS]
    if _STAFF_CREDIT.match(plain) and words <= 12:
        return "byline"
    if _SIGN_OFF.match(plain) and not any(is_reporting(x) for x in sentences):
        return "site chrome (sign-off)"
    if _APPEAL.search(plain) and not any(is_reporting(x) for x in sentences):
        return "site chrome (appeal for support)"
    return None


# "Read more" / "See more" buttons in the languages pages are copied from, alone on a line.
_MORE_BUTTON = re.compile(
    r"(?:ver|leer|saber|leia|saiba|veja)\s+m(?:[áa]|ai)s|lire\s+la\s+suite|voir\s+plus|en\s+savoir\s+"
    r"plus|mehr\s+lesen|weiterlesen|mehr\s+erfahren|leggi\s+(?:tutto|di\s+più)|"
    r"(?:baca\s+)?selengkapnya|lees\s+meer|czytaj\s+(?:więcej|dalej)|читать\s+далее|"
    r"читати\s+далі|devamını\s+oku",
    re.IGNORECASE,
)


def _self_promotion(text: str, words: int) -> str | None:
    plain = plain_line(text)
    if _MORE_BUTTON.fullmatch(plain.strip(" .…»›→>")):
        return "site chrome (buttons)"
    if reason := _goodbye_or_appeal(plain, words):
        return reason
    if _CAPTION_LABEL.match(plain) and words <= 40:
        return "photo caption"
    if words > 10 or is_reporting(plain):
        return None
    if _PAGE_BUTTON.match(plain.rstrip(".")) or _NOTIFICATIONS.search(plain):
        return "site chrome (buttons)"
    if _US.search(plain) and _OFFERS.search(plain) and not _SENTENCE.search(plain):
        return "site chrome (the outlet's own offer)"
    return None


def _bare_clock(text: str) -> bool:
    """A line that is only a clock under its decoration ("— 20:17", "• 09:05 •"): a stamp
    that punctuation makes look like a counter. "02:14 - Source: X" (a video's length and
    its credit) stays a counter."""
    if re.search(r"source\s*:", text, re.IGNORECASE) or re.search(r"\d[\d.,]*\s*[KkMm]\b", text):
        return False
    stamp = read_bare_stamp(text)
    return stamp is not None and not stamp.residue


def _short_item(line: str) -> bool:
    """A navigation or tag item: a few words, no sentence, no digits, not a bullet."""
    text = line.strip()
    return (
        0 < _words(text) <= NAV_WORDS
        and not _SENTENCE.search(text)
        and not re.search(r"\d", text)
        and text[:1].isupper()
        and not text.endswith(":")
    )


def _headline_like(line: str) -> bool:
    text = line.strip()
    question = text.endswith("?") and _words(text) <= 12  # "How long can Kyiv hold the line?"
    return 0 < _words(text) <= 16 and (question or not _SENTENCE.search(text))


def navigation_runs(lines: list[str], is_stamp, is_bullet) -> dict[int, str]:
    """Runs of three or more navigation items ("World / Europe / Ukraine", a share bar, a
    list of tags), mostly single words. Index → reason."""
    found: dict[int, str] = {}
    run: list[int] = []

    def close_run():
        single = sum(1 for index in run if len(lines[index].split()) == 1)
        if len(run) >= 3 and single * 2 > len(run):
            for index in run:
                found[index] = "site chrome (navigation)"
        run.clear()

    for index, line in enumerate(lines):
        if _short_item(line) and not is_stamp(line) and not is_bullet(line):
            run.append(index)
            continue
        if run and is_bullet(line):
            run.pop()  # the last item heads the list below it
        close_run()
    close_run()
    return found


def link_blocks(lines: list[str], is_stamp) -> dict[int, str]:
    """A "Related" / "More on this story" heading and the links under it. Index → reason."""
    found: dict[int, str] = {}
    text_started = False
    for index, line in enumerate(lines):
        # Above the text, a heading like "Trending" is a menu item and the line under it the
        # headline; only once the text has begun does such a heading open a block of links.
        text_started = text_started or is_reporting(line)
        if not text_started or index in found or not _LINK_BLOCK.match(plain_line(line)):
            continue
        found.setdefault(index, "site chrome (related links)")
        for following in range(index + 1, len(lines)):
            text = lines[following].strip()
            if not text:
                if following + 1 < len(lines) and not lines[following + 1].strip():
                    break
                continue
            if is_stamp(text) and not re.match(r"^(?:published|posted|updated)\b", text, re.I):
                break
            if not (_headline_like(text) or COUNTER.match(text)):
                break
            found.setdefault(following, "site chrome (related links)")
    return found
