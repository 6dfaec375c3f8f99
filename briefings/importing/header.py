"""The top and foot of a document: its headline (past mastheads, navigation and labels), the
byline, the standfirst, the coverage it continues, credits, and the lines that date it."""

import re
from collections import Counter

from . import dates, zones
from . import timestamps as ts
from .attribution import find_credit
from .dating import is_meta_line
from .document import (
    AUTHOR,
    BYLINE,
    PREVIOUS,
    TERMINAL,
    Line,
    ParsedDocument,
    is_bullet,
    looks_like_headline,
    strip_bullet,
)


def take_header(lines: list[Line], doc: ParsedDocument, title: str | None) -> list[Line]:
    """Title, byline, "…’s Coverage:" and credit lines at the top of the document."""
    rest = list(lines)
    while rest and not rest[0].text.strip():
        rest.pop(0)
    if rest and not title:
        above = _headline_index(rest)
        if above:
            for line in rest[:above]:
                if is_caption(line.text.strip()):
                    # A photo's caption: the credit until briefings have images.
                    caption = line.text.strip()
                    doc.credit = f"{doc.credit} · {caption}" if doc.credit else caption
                elif line.text.strip():
                    doc.warnings.append(
                        f"line {line.number}: “{line.text.strip()}” above the headline: left out"
                    )
            rest = rest[above:]
            rest[0] = Line(rest[0].number, plain_heading(rest[0].text))
    if rest:
        first = rest[0].text.strip()
        following = next((line.text for line in rest[1:] if line.text.strip()), "")
        group = _chat_name(rest)
        if group and not title:
            doc.title = group  # a chat's export: the group's name heads it
        elif ts.find_stamp(first) or is_bullet(rest[0].text):
            doc.warnings.append("the document has no title line")
        elif is_bullet(following) and looks_like_headline(MARKDOWN_HEADING.sub("", first)):
            # A digest that opens with its first topic heading: that heading stays a
            # section, and stands in as the title unless one is given.
            doc.title = first
        elif not is_title_like(first):
            if title:  # the given title stands; the paragraph stays body text
                return _take_header_lines(rest, doc, title)
            sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
            doc.title = sentence if len(sentence) <= 120 else sentence[:119].rsplit(" ", 1)[0] + "…"
            doc.warnings.append("the first line is a paragraph, not a title: title taken from it")
        else:
            doc.title = plain_heading(strip_bullet(first))[:300]
            rest.pop(0)
    return _take_header_lines(rest, doc, title)


MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+")
# "Grace N created group "KE Desk: protests (all times EAT)"": a chat's name, as its export
# states it in the app's notice.
_CREATED_GROUP = re.compile(
    r"\bcreated\s+(?:the\s+)?(?:group|channel|chat)\s+[“\"«'](?P<name>[^”\"»']{3,150})[”\"»']",
    re.IGNORECASE,
)


def _chat_name(rest: list[Line]) -> str:
    for line in [line for line in rest if line.text.strip()][:5]:
        match = _CREATED_GROUP.search(line.text)
        if match:
            return re.sub(r"\s*\([^()]*\)$", "", match.group("name")).strip()
    return ""


_EMPHASIS = re.compile(r"^(\*\*|__|\*|_)(?P<text>\S(?:.*\S)?)\1$")


_SUBJECT = re.compile(r"^(?:subject|topic)\s*:\s*(?=\S)", re.IGNORECASE)
# "(LEAD) …", "(2nd LD) …", "UPDATE 2-…": a wire service's marks for its editors.
_WIRE_TAG = re.compile(
    r"^(?:\((?:lead|urgent|corrected|refiled|\d+(?:st|nd|rd|th)\s+ld|ld|update\s*\d*|"
    r"wrapup\s*\d*|news\s+focus|news\s+analysis)\)\s*|update\s+\d+\s*-\s*)",
    re.IGNORECASE,
)
# "From: The Morning Dispatch <hello@…>", "Date: Tue, Mar 11": a forwarded email's header.
_EMAIL_HEADER = re.compile(r"^(?:from|to|cc|date|sent)\s*:\s", re.IGNORECASE)


def plain_heading(text: str) -> str:
    """A heading without its Markdown: "# **Live blog: …**" reads "Live blog: …"; an
    email's "Subject: …" reads as what follows the label."""
    text = MARKDOWN_HEADING.sub("", text)
    if _SUBJECT.match(text):
        # "Topic: Overnight strikes · all times Kyiv · pin corrections in thread": the
        # channel's topic is its first part; the rest tells its members how to post.
        text = re.split(r"\s+[·|]\s+", _SUBJECT.sub("", text), maxsplit=1)[0]
    text = _WIRE_TAG.sub("", text.strip())
    match = _EMPHASIS.match(text.strip())
    return match.group("text") if match else text


def is_dating_line(text: str) -> bool:
    """A line that dates the page: "Wednesday 25 December 2024 11:48, UK", "Published …"."""
    if dates.find_date_header(text) != (None, None):
        return True
    stamp = ts.find_stamp(text)
    if stamp and (stamp.style == "meta" or (stamp.day and not stamp.rest)):
        return True
    return dates.looks_dated(text) and is_meta_line(text)


_CAPTION = re.compile(
    r"\((?:[A-Z]{2,10}\s+)?(?:photo|image|picture)s?\b[^)]*\)\s*$|\bphotograph:\s|"
    r"^image\s+(?:caption|source),|\((?:photo|image):\s[^)]*\)",
    re.IGNORECASE,
)


def is_caption(text: str) -> bool:
    """ "Firefighters at the scene. (AP Photo/Efrem Lukatsky)", "… Photograph: X/AFP"."""
    return bool(_CAPTION.search(text))


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "Jane Doe and Tom Roe": who wrote the page, not what happened."""
    if BYLINE.match(text):
        return True
    names = re.split(r",\s+|\s+and\s+|\s+&\s+", text.strip())
    # each a full name: "Biden and Xi" is a headline
    return len(names) >= 2 and all(
        ts.looks_like_name(name) and len(name.split()) >= 2 for name in names
    )


def _is_trail(text: str) -> bool:
    """ "Europe › Storm Ingrid", "News » World": where the page sits on its site."""
    parts = re.split(r"\s+[›»>]\s+", text.strip())
    return len(parts) >= 2 and all(1 <= len(part.split()) <= 4 for part in parts)


# A newsletter's tagline under its name: "European football's morning read", "The week in
# Latin America, in five minutes", "Politics, money and power before your first coffee".
_TAGLINE = re.compile(
    r"\b(?:(?:morning|evening|daily|weekly|sunday|\d{1,2}\s?(?:am|pm))\s+(?:read|brief(?:ing)?|"
    r"digest|newsletter|round-?up|email)|,\s+in\s+(?:\w+\s+)?minutes$|before\s+your\s+(?:first\s+)?"
    r"coffee|(?:your|the)\s+(?:daily|weekly|morning)\s+(?:guide|read|dose))\b",
    re.IGNORECASE,
)
_TWO_SENTENCES = re.compile(r"[a-zà-ÿ]{3}[.!?]\s+[A-Z]")


def _headline_candidate(text: str) -> bool:
    text = MARKDOWN_HEADING.sub("", text)
    words = len(text.split())
    return (
        3 <= words <= 30
        and is_title_like(text)
        and not plain_heading(text).rstrip().endswith(".")  # "_Compiled from … time._"
        and not _TWO_SENTENCES.search(text)  # "Buenos días. A failed uprising … to know:"
        and (":" in text or not _TAGLINE.search(text))  # "European football's morning read"
        and not is_byline(text)
        and not _is_trail(text)
        and not find_credit(text)
        and not is_caption(text)
        and not ts.find_stamp(text)
        and (not text.startswith("[") or _BRACKETED_LABEL.match(text))
        and not _MASTHEAD.match(text)
        # "THE EUROPE WIRE": a newsletter's name in capitals, not its headline
        and not (text.isupper() and len(text.split()) <= 4)
        and not dates.find_date_header(text)[0]  # "Tuesday, February 25, 2025"
        and not _EMAIL_HEADER.match(text)
        and not re.match(r"^[-=_]{3,}", text)  # "---------- Forwarded message ---------"
        # "Data as of 4th December, 14:00 UTC": a line that dates the page, not a headline
        and not (is_meta_line(text) and ts.CLOCK_ANYWHERE.search(text))
        and not _PAGE_LABEL.match(text)  # "Posted: 13 May 2024", "Format: Situation Report"
        and not _opens_with_date(text)  # "Monday 13 May 2024 — compiled from agency copy"
        and not _CROWD.search(text)  # "channel · 1 204 561 subscribers"
        # "channel · regional news · times are Kyiv time" (an email's "Topic: …" row is its
        # subject, first)
        and (_SUBJECT.match(text) or not zones.row_declares_zone(text))
        and not _ISSUE.search(text)  # "SAHEL WEEKLY — Issue 47": a newsletter's masthead
        and not _is_breadcrumb(text)  # "Home / World / PM Modi in Kyiv LIVE"
        and not _is_navigation(text)
        and not _CALL.match(text)  # "Download PDF (512.4 KB)"
        and not _named_and_dated(text)  # "MEXICO BRIEFING — Tuesday, 1 October 2024"
    )


_NAME_PARTS = re.compile(r"\s+[—–|·•]\s+|\s+-\s+")


def _named_and_dated(text: str) -> bool:
    """A masthead in capitals beside the date of the issue: the page's name and day."""
    name, *rest = _NAME_PARTS.split(text.strip(), maxsplit=1)
    return bool(rest) and name.isupper() and len(name.split()) <= 4 and dates.looks_dated(rest[0])


_CALL = re.compile(
    r"^(?:download|subscribe|sign\s+up|share|follow|read\s+more|click|watch|listen|donate|"
    r"log\s+in|register)\b",
    re.IGNORECASE,
)


# "Posted: …", "Source: OCHA", "Format: Situation Report": a label and its value, the page's
# metadata.
_PAGE_LABEL = re.compile(
    r"^(?:(?:first|last|originally)\s+)?(?:updated|published|posted|modified|issued)\b|"
    r"^(?:posted|published|updated|issued|modified|date|dated|format|source|sources|type|"
    r"category|filed\s+under|tags?|section|language|country|region|as\s+of)\s*:",
    re.IGNORECASE,
)
_CROWD = re.compile(
    r"\b\d[\d  ,.]*[KkMm]?\s+(?:subscribers|followers|members|views|readers|listeners)\b", re.I
)
_WEEKDAY_OPENING = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)", re.I)
_CRUMB = re.compile(r"\s+(?:/|>|»|›)\s+")


def _opens_with_date(text: str) -> bool:
    return bool(dates.ANY_DATE.match(_WEEKDAY_OPENING.sub("", text.strip())))


def _is_breadcrumb(text: str) -> bool:
    """ "Home / World / …", "News > Thailand": the path to the page, not its headline."""
    crumbs = _CRUMB.split(text.strip())
    return len(crumbs) >= 3 or (
        len(crumbs) == 2 and crumbs[0].casefold() in ("home", "news", "start", "front page")
    )


# "SAHEL WEEKLY — Issue 47", "Balkan Brief · No. 112": a publication's name and the number of
# this issue of it, after a separator.
_ISSUE = re.compile(
    r"\s[—–|·•-]\s+(?:issue|edition|vol(?:ume)?\.?|no\.|number|#)\s*\d+\s*$", re.IGNORECASE
)


# "[Live] Yoon declares …", "LIVE | Presidential Election 2024: …", "EN VIVO | Incendios …":
# the page's live label in front of its headline, in the page's language.
_LIVE_LABEL = (
    r"(?i:live(?:\s+updates?|\s+blog)?|breaking(?:\s+news)?|en\s+vivo|en\s+directo?|ao\s+vivo|"
    r"directo|in\s+diretta|liveticker|live-ticker|canl[ıi])"
)
# "CENTRE FOR EASTERN POLICY | Research  Events": an outlet's name in capitals heading a
# menu, never a live label
_MASTHEAD = re.compile(rf"^(?!{_LIVE_LABEL}\s+[|·])[A-Z0-9][A-Z0-9 .,&'’-]{{2,}}\s+[|·]\s")
_BRACKETED_LABEL = re.compile(r"^\[\s*" + _LIVE_LABEL + r"\s*\]\s+\S")


def _headline_index(rest: list[Line]) -> int | None:
    """Where the real headline is when mastheads, navigation or labels sit above it: the
    title-like line just above a byline, a line dating the page or a "Live" label, or that
    carries a date itself; else the first title-like line of four words or more that is not
    a label repeated at the start of the next line. Only short lines may be passed over."""
    nonblank = [(i, line.text.strip()) for i, line in enumerate(rest) if line.text.strip()][:12]
    shapes = Counter(_shape(line.text) for line in rest if line.text.strip())

    def dates_page(text: str) -> bool:
        # A line that dates the page; one whose shape recurs down the page ("[17.11.2024
        # 05:58]" over every message) stamps an entry instead.
        return is_dating_line(text) and shapes[_shape(text)] < 2

    head = []
    for i, text in nonblank:
        if (
            is_bullet(rest[i].text)
            and len(text.split()) <= 4
            and (not head or strip_bullet(text).isupper())
        ):
            head.append((i, text))  # "● LIVE REPORTING": a label, not a list
            continue
        if is_bullet(rest[i].text) or (ts.find_stamp(text) and not dates_page(text)):
            break
        if is_caption(text) or _is_navigation(text):
            # a photo's caption above the headline, or the site's menu, however long: passed
            # over
            head.append((i, text))
            continue
        if len(text.split()) > 14 or (text.endswith(".") and len(text.split()) > 8):
            if head:
                head.append((i, text))
            break
        head.append((i, text))
    for i, text in head:
        # The writer's own markup says which line is the headline: a Markdown "# " heading,
        # an email's "Subject:".
        if (_SUBJECT.match(text) or text.startswith("# ")) and _headline_candidate(text):
            return i
    for k, (i, text) in enumerate(head):
        if not _headline_candidate(text):
            continue
        after = head[k + 1][1] if k + 1 < len(head) else ""
        if (
            BYLINE.match(after)
            or (after and dates_page(after))
            or (after.strip().lower() in ("live", "live updates") and not _kicks(head, k + 1))
            or (
                dates.dates_in(text)
                and len(text.split()) >= 4
                and not is_dating_line(text)
                # "Moldova votes …" over "Referendum …: running results, Sunday 20 October
                # 2024": the line with the date is the headline's second deck; a name in
                # capitals above it ("Institute for the Study of War") is the masthead
                and not any(
                    _plain_headline(head, j) and _sentence_case(head[j][1]) for j in range(k)
                )
            )
        ):
            if k and BYLINE.match(after) and _deck_under(head, k):
                return head[k - 1][0]
            return i
    return next(
        (i for k, (i, _) in enumerate(head) if _plain_headline(head, k) and not _masthead(head, k)),
        None,
    )


def _deck_under(head: list[tuple[int, str]], k: int) -> bool:
    """Whether line ``k`` of the head, over the byline, is the deck under a headline: the
    line above reads as a headline too, in sentence case, and is the shorter."""
    above, text = head[k - 1][1], head[k][1]
    return (
        _plain_headline(head, k - 1)
        and _sentence_case(above)
        and not _masthead(head, k - 1)
        and len(above.split()) < len(text.split())
    )


def _masthead(head: list[tuple[int, str]], k: int) -> bool:
    """Whether line ``k`` of the head is the site's name over its headline ("The Sydney
    Morning Herald", "Focus Taiwan — CNA English News"): a short name, no word in lower
    case, with a headline in sentence case within the next lines."""
    text = head[k][1]
    return (
        len(text.split()) <= 6
        and not _sentence_case(text)
        and any(
            _headline_candidate(later) and _sentence_case(later) and len(later.split()) >= 4
            for _, later in head[k + 1 : k + 4]
        )
    )


def _sentence_case(text: str) -> bool:
    """ "Moldova votes on EU membership": a word of five letters or more in lower case, as a
    headline has and a name ("Institute for the Study of War") has not."""
    return any(len(word) >= 5 and word.islower() for word in re.findall(r"[^\W\d_]+", text))


def _plain_headline(head: list[tuple[int, str]], k: int) -> bool:
    """Whether line ``k`` of the head reads as a headline on its own: four words or more,
    not a kicker, a label repeated below, or a site's name over its menu."""
    text = head[k][1]
    after = head[k + 1][1] if k + 1 < len(head) else ""
    return (
        _headline_candidate(text)
        and len(text.split()) >= 4
        and not after.casefold().startswith(text.casefold())
        and not _kicks(head, k)
        and not (after and _is_navigation(after))
    )


def _kicks(head: list[tuple[int, str]], k: int) -> bool:
    """Whether line ``k`` of the head is a kicker over the headline ("LIVE", "SITUATION LOG —
    KHARKIV BORDER"): a label in capitals with a title in mixed case of four words or more
    right under it."""
    text = head[k][1]
    after = head[k + 1][1] if k + 1 < len(head) else ""
    return (
        text.isupper()
        and bool(after)
        and not after.isupper()
        and len(after.split()) >= 4
        and _headline_candidate(after)
    )


def _is_navigation(text: str) -> bool:
    """ "What we do | Where we work | Latest | Donate": a row of short links."""
    items = [item.strip() for item in re.split(r"\s+[|·•]\s+|\s{2,}", text) if item.strip()]
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items)


def _shape(text: str) -> str:
    return re.sub(r"\d", "9", text.strip())


def _take_header_lines(rest: list[Line], doc: ParsedDocument, title: str | None) -> list[Line]:
    if title:
        doc.title = title
    # Header lines may follow the title in any order, separated by blank lines.
    under_title = bool(doc.title) and not title
    while rest:
        line = rest[0].text.strip()
        if not line:
            rest.pop(0)
            continue
        byline = BYLINE.match(line)
        previous = PREVIOUS.match(line)
        credit = find_credit(line)
        stamp = ts.find_stamp(line) if byline else None
        if stamp and stamp.author and stamp.day and not doc.byline:
            # "by Andrei Munteanu | 18.05.2025 | 23:20": the author, and the page's time,
            # which stays for the reader of its text
            doc.byline = stamp.author
            rest[0] = Line(rest[0].number, stamp.raw)
            break
        if byline and not doc.byline and len(line) < 160:
            doc.byline = byline.group("name").strip()
        elif previous and not doc.previous_title:
            doc.previous_title = line
        elif credit and len(line) < 300:
            doc.credit = f"{doc.credit} · {credit}" if doc.credit else credit
        elif under_title and _is_standfirst(line):
            # "US secretary of state says …; Kyiv reports …": a summary line right under
            # the headline, without a full stop, is the standfirst.
            doc.standfirst = line
        elif line.casefold() in ("live", "live updates", "live coverage"):
            pass  # the page's label: read by detect_kind
        elif (
            is_dating_line(line)
            and not ts.find_stamp(line)
            and dates.find_date_header(line) == (None, None)  # "December 31" heads a day
        ):
            pass  # "Wednesday 26 June 2024 · 6 min read": read by find_document_date
        elif not zones.find_zone_declaration(line):  # a declaration is read by parse_document
            break
        under_title = False
        rest.pop(0)
    return rest


def _is_standfirst(line: str) -> bool:
    return (
        len(line.split()) >= 8
        and line[-1:] not in TERMINAL
        and not is_bullet(line)
        and not ts.find_stamp(line)
        and not is_dating_line(line)
        and not BYLINE.match(line)
    )


def is_title_like(line: str) -> bool:
    return len(line) <= 200 and not (line.endswith(".") and len(line) > 120)


def take_footer(lines: list[Line], doc: ParsedDocument) -> list[Line]:
    """ "Author: …" lines at the foot of the document become the byline."""
    rest = list(lines)
    while rest and not rest[-1].text.strip():
        rest.pop()
    while rest:
        match = AUTHOR.match(rest[-1].text.strip())
        if not match:
            break
        doc.byline = doc.byline or match.group("name").strip()
        rest.pop()
        while rest and not rest[-1].text.strip():
            rest.pop()
    return rest
