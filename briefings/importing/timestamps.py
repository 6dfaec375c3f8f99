"""Time notations of live logs in the wild, turned into aware UTC datetimes.

Recognised (each at the start of a line or paragraph unless said otherwise):

- ``UPDATE 1515 GMT:`` and ``Update 11:35 p.m. EST Feb. 28:`` — "update" stamps, with text
  allowed after the colon;
- ``5.51pm GMT``, ``17:51``, ``17.51``, ``10am EST, 6pm EAT`` — a clock, optionally with a
  zone, two zones for the same instant, and a headline or text after it on the same line;
- ``Mar 02, 9:29 pm`` and ``28 February 2022 10:55`` — a date and a clock;
- ``Thomas Kingsley25 February 2022 10:55`` — a stamp *after* an entry, author glued on;
- ``03:42 , Author Name`` — a clock and author under a headline;
- ``36m ago``, ``2 hours ago`` — relative stamps, ignored (there is no reference time);
- date headers (``Tuesday 1 March``, ``March 1, 2022``) and zone declarations (``All times
  Eastern``, ``All times are Kyiv time``) that apply to the stamps after them.

The zones (and the conversion to UTC) are in ``zones``, month names and dates in ``dates``.
"""

import functools
import re
from dataclasses import dataclass
from datetime import date, time

from .datelines import (  # noqa: F401 (part of this module's interface)
    DATELINE,
    RELATIVE_STAMP,
    Dateline,
    find_dateline,
    is_relative_stamp,
    relative_minutes,
)
from .dates import (
    DATE_PATTERN,
    DAY_MONTH,
    DTG,
    ISO_DATE,
    MONTHS,
    WEEKDAY,
    date_of_groups,
    dates_in,
    dtg_date,
    find_date_header,
    named_groups,
    numeric_date,
)
from .stamp_shape import NAME_PARTICLES, WEEKDAY_TOKEN, read_bare_stamp, weekday_in
from .zones import (
    ANY_ZONE,
    CITY_ZONES,
    ZONE2_PATTERN,
    ZONE_PATTERN,
    declared_place_zone,
    military_zone,
    same_instant,
    zone_for,
)

_AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
_CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.h](?P<minute>[0-5]\d))?\s*" + _AMPM + "?"
)  # "5.51pm", "17:51", "10am", "10 a.m."
# military "1515 hrs"; "18:05 hs", "18:05 Uhr", "18.05 horas": the word for hours after a clock
_HOURS = r"(?:hrs|hours|hs|h|uhr|horas|heures)\b\.?"
_COMPACT = r"(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)"  # "1515", only before a zone or after UPDATE


UPDATE_STAMP = re.compile(
    r"^(?:update[ds]?|updated at|latest)[,:]?\s+(?:(?:at|@)\s*)?"
    # "Updated 2022-01-01" is a date, not "UPDATE 2022"
    + rf"(?:{_COMPACT}(?![-/.]\d)|{_CLOCK})"
    + rf"(?:\s*{ZONE_PATTERN})?"
    + rf"(?:\s*,?\s*(?:on\s+)?{DATE_PATTERN})?"
    + r"\s*(?:[:—–\-|]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
CLOCK_STAMP = re.compile(
    r"^(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
    rf"(?:{_COMPACT}(?=\s*(?:{ANY_ZONE}|{_HOURS}))(?:\s*{_HOURS})?|{_CLOCK}(?:\s*{_HOURS})?)"
    + rf"(?:\s*{ZONE_PATTERN})?"
    + rf"(?:\s*[,/|]\s*{named_groups(_CLOCK, '2')}\s*{ZONE2_PATTERN})?"
    + r"(?P<sep>\s*[:—–|·•]\s*|\s*,\s*|\s+-\s+|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
DATED_STAMP = re.compile(
    rf"^(?:{DATE_PATTERN}|{ISO_DATE})\s*(?:,|at|-|–)?\s*{_CLOCK}(?:\s*,?\s*{ZONE_PATTERN})?"
    + r"\s*(?:[:—–|,]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "09:10, 20 November (EET)": the clock first, then the date, then the zone.
CLOCK_DATE_STAMP = re.compile(
    rf"^{_CLOCK}\s*,?\s*(?:on\s+)?{DATE_PATTERN}(?:\s*\(?\s*{ZONE_PATTERN}\s*\)?)?"
    + r"\s*(?:[:—–|]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Thomas Kingsley25 February 2022 10:55": the stamp closes the entry above it.
TRAILING_STAMP = re.compile(
    r"^(?P<author>[^\d\n]{0,80}?)\s*"
    + DAY_MONTH
    + r"\s+(?P<year>(?:19|20)\d\d)(?:,|\s+at)?\s+"
    + _CLOCK
    + rf"(?:\s*{ZONE_PATTERN})?\s*$",
    re.IGNORECASE,
)
# "Putin: the new missile 'cannot be stopped'published at 18:40 Greenwich Mean Time 21
# November 2024": a headline with its stamp glued to its end.
GLUED_STAMP = re.compile(
    r"^(?P<head>.*?\S)\s*(?:published|posted|updated)(?:\s+(?:at|on))?\s+"
    + _CLOCK
    + rf"(?:\s*{ZONE_PATTERN})?(?:\s*,?\s*(?:on\s+)?{DATE_PATTERN})?\s*$",
    re.IGNORECASE,
)
# Header lines that date the page rather than an entry: "First published on Wed 13 Nov 2024
# 07.05 GMT", "Published On 19 Nov 2024", "Last updated: 14:02 BST, 3 March 2023".
META_WORDS = re.compile(
    r"^(?:(?:first|last|originally)\s+(?:published|posted|updated|modified)|published|posted|"
    r"modified)(?:\s+(?:on|at))?\s*:?\s+",
    re.IGNORECASE,
)


ISO_STAMP = re.compile(
    r"^(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)[T ](?P<hour>[01]\d|2[0-3]):(?P<minute>[0-5]\d)"
    r"(?::[0-5]\d(?:\.\d+)?)?\s*(?P<offset>Z|[+-−][01]\d(?::?[0-5]\d)?)?(?:\s*"
    + ZONE_PATTERN
    + r")?\s*(?:[-–—:|]\s+|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)


def _iso_stamp(match: re.Match, text: str) -> "Stamp | None":
    day, _ = date_of_groups({"iso": match.group("iso")})
    if day is None:
        return None
    offset = (match.group("offset") or "").replace("−", "-")
    zone = zone_for(match.group("zone"))
    if offset.upper() == "Z":
        zone = "UTC"
    elif offset:
        zone = zone_for(f"UTC{offset}")
    clock = time(int(match.group("hour")), int(match.group("minute")))
    rest = match.group("rest").strip()
    return Stamp(clock, zone, day, None, "dated", rest=rest, raw=text)


DTG_STAMP = re.compile(r"^" + DTG.pattern + r"\s*(?:[-–—:|]\s*|\s+|$)(?P<rest>.*)$", re.I)


# A Telegram export's signature: "Ukrainska Pravda, [28.12.2023 23:48]".
BRACKET_STAMP = re.compile(
    r"^(?P<author>[^\[\]\n]{1,80}?),?\s*\[\s*(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)"
    r"[ ,]+(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?\s*\]$"
)


@dataclass(frozen=True)
class Stamp:
    """A time notation found in a document, not yet tied to a calendar day."""

    clock: time
    zone: str | None  # an IANA name, or None when the line does not say
    day: date | None  # when the stamp itself carries a date
    partial_day: tuple[int, int] | None  # (month, day) when the stamp gives no year
    # "update", "clock", "dated", "trailing", "headline-clock", "glued" (a headline before
    # it), "signature" (an author before it), "meta" (the page's own time, not an entry's)
    style: str
    rest: str = ""  # text after the stamp on the same line
    author: str = ""
    raw: str = ""
    second_zone_mismatch: bool = False
    weekday: int | None = None  # "Wed 00:40": the day of the week the stamp names
    days_back: int | None = None  # "Yesterday 21:40": days before the page's own date


def _clock(groups: dict, suffix: str = "") -> time | None:
    if groups.get("hhmm" + suffix):
        hhmm = groups["hhmm" + suffix]
        return time(int(hhmm[:2]), int(hhmm[2:]))
    hour = groups.get("hour" + suffix)
    if hour is None:
        return None
    hour, minute = int(hour), int(groups.get("minute" + suffix) or 0)
    ampm = (groups.get("ampm" + suffix) or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    elif groups.get("minute" + suffix) is None:
        return None  # a bare number is not a time
    return time(hour, minute)


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 5
        and words[0][:1].isupper()
        and all(w[:1].isupper() or w.casefold() in NAME_PARTICLES for w in words if w.isalpha())
    )


# Decoration around a stamp that changes nothing about it: "**13:05**", "[13:05]",
# "(13:05)", "— 13:05", "• 13:05". Only a short token holding a digit is unwrapped.
_DECORATED = re.compile(
    r"^(?:(?P<open>\*\*|__|\*|_|\[|\()\s*(?P<inner>[^*_\[\]()\n]{1,40}?\d[^*_\[\]()\n]{0,40}?)"
    r"\s*(?P<close>\*\*|__|\*|_|\]|\))|[—–•·]\s*(?=\d)|[^\w\s\[\]()*#\"'“‘’”<>|.,:;!?+-]{1,3}\s*(?=\d))"
)
_PAIRS = {"**": "**", "__": "__", "*": "*", "_": "_", "[": "]", "(": ")"}
# "Israeli army says attack is over — 20:45": a headline whose stamp closes the line.
HEADLINE_THEN_CLOCK = re.compile(
    r"^(?P<head>[^\n]{3,200}?\S)\s+[—–|-]\s+" + _CLOCK + rf"(?:\s*{ZONE_PATTERN})?\s*$",
    re.IGNORECASE,
)


_MARKDOWN_HEADING = re.compile(r"^(?:#{1,6}|>)\s+(?=\S)")


def undecorate(text: str) -> str:
    """``text`` without the Markdown heading marks, emphasis, brackets or dash wrapped
    around a leading stamp."""
    text = _MARKDOWN_HEADING.sub("", text)
    match = _DECORATED.match(text)
    if not match:
        return text
    if match.group("open"):
        if _PAIRS[match.group("open")] != match.group("close"):
            return text
        return (match.group("inner") + " " + text[match.end() :].lstrip()).strip()
    return text[match.end() :]


_BY = re.compile(r"^by\s+(?=[A-ZÀ-Þ])", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def find_stamp(line: str) -> Stamp | None:
    """The stamp a line starts (or, for trailing stamps, consists of), or None. Remembered:
    the header, the zone, the kind and the log each ask about the same lines."""
    text = line.strip()
    if not text or len(text) > 2000:
        return None
    text = undecorate(text)
    if _BY.match(text):
        # "by Andrei Munteanu | 18.05.2025 | 23:20": who wrote it and when
        signed = find_stamp(_BY.sub("", text, count=1))
        if signed and signed.author and (signed.day or signed.partial_day):
            return signed
    page_time = _page_time(text) or _updated_on(text)
    if page_time:
        return page_time
    if META_WORDS.match(text):
        after = META_WORDS.sub("", text, count=1)
        # "Posted at 22:00" over an entry is that entry's stamp, and so is "Posted at 6:04
        # PM IST | Aug 23" (a day without its year); with a full date it dates the page.
        return _bare_clock(after) or _yearless_stamp(after) or _meta_stamp(text)
    match = ISO_STAMP.match(text)
    if match and (iso := _iso_stamp(match, text)):
        return iso  # "2025-05-16T16:05+03:00": a machine's stamp, with its own offset
    match = DTG_STAMP.match(text)
    if match and (day := dtg_date(match)):
        # "251610ZMAR25 - The White House said …": day, time and zone in one group.
        clock = time(int(match.group("hh")), int(match.group("mm")))
        zone = military_zone(match.group("letter"))
        return Stamp(clock, zone, day, None, "dated", rest=match.group("rest").strip(), raw=text)
    chat = _chat_stamp(text)
    if chat:
        return chat
    match = BRACKET_STAMP.match(text)
    if match and (day := numeric_date(match.groupdict())):
        return Stamp(
            _clock(match.groupdict()),
            None,
            day,
            None,
            "signature",
            author=match.group("author").strip(),
            raw=text,
        )
    match = TRAILING_STAMP.match(text)
    if match and _clock(match.groupdict()):
        day, _ = date_of_groups(match.groupdict())
        if day:
            groups = match.groupdict()
            author = groups["author"].strip(" ,|-–—")
            # "Wed 13 Nov 2024 16.20 GMT" is a dated stamp with a weekday, not a signature.
            weekday = bool(author) and re.fullmatch(WEEKDAY, author + " ", re.IGNORECASE)
            return Stamp(
                _clock(groups),
                zone_for(groups.get("zone")),
                day,
                None,
                "dated" if not author or weekday else "trailing",
                author="" if weekday else author,
                raw=text,
            )
    for pattern, style in (
        (UPDATE_STAMP, "update"),
        (DATED_STAMP, "dated"),
        (CLOCK_DATE_STAMP, "dated"),
    ):
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            clock = _clock(groups)
            if clock is None:
                continue
            day, partial = date_of_groups(groups)
            rest = groups["rest"].strip()
            if style == "update" and day and not rest and _PAST.match(text):
                # "Updated 5:42 PM EST, Fri February 28, 2025": when the page was last
                # changed (a full date, nothing after it), not an entry.
                style = "meta"
            return Stamp(
                clock, zone_for(groups.get("zone")), day, partial, style, rest=rest, raw=text
            )
    match = CLOCK_STAMP.match(text)
    if match:
        groups = match.groupdict()
        clock = _clock(groups)
        if clock is None:
            return _bare_stamp(text)  # "23 Feb 2025 · 21:10 CET": a day's number first
        rest = groups["rest"].strip()
        sep = groups["sep"]
        # "17 Ukrainian drones…" starts with a number, not a time: a clock needs a zone,
        # minutes, am/pm, or the whole line to itself.
        if not (
            groups.get("zone") or groups.get("minute") or groups.get("ampm") or groups.get("hhmm")
        ):
            return _bare_stamp(text)  # "23 Feb 2025 · 21:10 CET": a day's number first
        if rest[:1].islower() and not groups.get("zone") and not sep.strip():
            return None  # "10.30 percent of…" reads as prose
        mismatch = False
        second = _clock(groups, "2")
        if second and groups.get("zone2") and groups.get("zone"):
            mismatch = not same_instant(clock, groups["zone"], second, groups["zone2"])
        style = "clock"
        author = ""
        zone_name = zone_for(groups.get("zone"))
        day, partial = find_date_header(rest.strip(" |,;–—-")) if rest else (None, None)
        bracketed = _BRACKETED.fullmatch(rest)
        if bracketed and not zone_name:
            # "13:05 (GMT)", "13:05 (Kyiv)", "13:05 [IST]": the zone in brackets after it
            zone_name = bracketed_zone(rest)
            rest = "" if zone_name else rest
        if day or partial:
            rest = ""  # "14:35 BST 13 Jun": the stamp's own date after its clock
        weekday = weekday_in(rest) if re.fullmatch(r"[\w.]{3,10}", rest) else None
        if groups.get("weekday"):
            weekday = weekday_in(groups["weekday"])  # "Tue 09:40 — …"
        if weekday is not None and WEEKDAY_TOKEN.fullmatch(rest):
            rest = ""  # "13:05 Wed"
        if sep.strip() == "," and rest and looks_like_name(rest):
            style, author, rest = "headline-clock", rest, ""
        return Stamp(
            clock,
            zone_name,
            day,
            partial,
            "dated" if day or partial else style,
            rest=rest,
            author=author,
            raw=text,
            second_zone_mismatch=mismatch,
            weekday=weekday,
        )
    match = HEADLINE_THEN_CLOCK.match(text)
    if (
        match
        and _clock(match.groupdict())
        and not CLOCK_ANYWHERE.search(match.group("head"))
        and not dates_in(match.group("head"))  # "Updated: 18/11/2024 - 19:45 CET" dates the page
        and not re.search(r"\b(?:updated|published|posted)\b", match.group("head"), re.I)
    ):
        groups = match.groupdict()
        head = groups["head"].strip()
        day, partial = find_date_header(head)
        if day or partial:
            # "July 24 | 11:20 a.m. MT": the day, then the clock
            clock, zone = _clock(groups), zone_for(groups.get("zone"))
            return Stamp(clock, zone, day, partial, "dated", raw=text)
        if looks_like_name(head) and 2 <= len(head.split()) <= 3:
            # "Marta Kowalczyk — 19:40": the reporter who posted it, not a headline.
            return Stamp(
                _clock(groups), zone_for(groups.get("zone")), None, None, "signature",
                author=head, raw=text,
            )  # fmt: skip
        return Stamp(
            _clock(groups), zone_for(groups.get("zone")), None, None, "glued", rest=head, raw=text
        )
    piped = _piped_stamp(text)
    if piped:
        return piped
    match = GLUED_STAMP.match(text)
    if match and len(match.group("head")) <= 300:
        groups = match.groupdict()
        clock = _clock(groups)
        if clock is not None:
            day, partial = date_of_groups(groups)
            return Stamp(
                clock,
                zone_for(groups.get("zone")),
                day,
                partial,
                "glued",
                rest=groups["head"].strip(),
                raw=text,
            )
    return _bare_stamp(text)


# A chat's export: "25/06/2024, 13:12 - Wanjiru K: Protesters have …" (WhatsApp), "[6/25/24,
# 1:12:09 PM] Wanjiru K: …". A line without a sender is the app's own notice.
CHAT_STAMP = re.compile(
    r"^\[?(?P<first>[0-3]?\d)[/.](?P<second>[0-3]?\d)[/.](?P<year>(?:19|20)?\d\d),?\s+"
    r"(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?\s*(?P<ampm>[ap]\.?\s?m\b\.?)?\]?"
    r"\s*(?:[-–]\s+|(?<=\])\s*)(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_SENDER = re.compile(r"^(?P<sender>[^:\n]{1,40}?):\s+(?P<message>\S.*)$")


def _chat_stamp(text: str) -> Stamp | None:
    match = CHAT_STAMP.match(text)
    if not match:
        return None
    groups = match.groupdict()
    clock = _clock(groups)
    if clock is None:
        return None
    first, second, year = int(groups["first"]), int(groups["second"]), int(groups["year"])
    year += 2000 if year < 100 else 0
    day = None
    if first > 12 >= second or second > 12 >= first:
        d, m = (first, second) if first > 12 else (second, first)
        try:
            day = date(year, m, d)
        except ValueError:
            return None
    rest = groups["rest"].strip()
    sender = _SENDER.match(rest)
    if not sender or not looks_like_name(sender.group("sender")):
        return Stamp(clock, None, day, None, "meta", raw=text)  # "… created group", a notice
    return Stamp(
        clock,
        None,
        day,
        None,
        "chat",
        rest=sender.group("message").strip(),
        author=sender.group("sender").strip(),
        raw=text,
    )


_PIPE = re.compile(r"\s+[|·•]\s+")


def _piped_stamp(text: str) -> Stamp | None:
    """ "Death toll rises to 95 | 17:42 CET | Teresa Alonso": a headline, its clock and who
    posted it, side by side in one row of the page's metadata."""
    if len(text) > 300 or not any(mark in text for mark in "|·•"):
        return None
    parts = _PIPE.split(text)
    if not 2 <= len(parts) <= 4:
        return None
    clocks = [i for i, part in enumerate(parts) if _bare_clock(part)]
    if len(clocks) != 1 or clocks[0] == 0:
        return None
    head, after = " | ".join(parts[: clocks[0]]), " ".join(parts[clocks[0] + 1 :])
    if (
        CLOCK_ANYWHERE.search(head)
        or dates_in(head)
        or _PAGE_WORDS.search(head)
        or re.search(r"\d", after)
        or (after and not looks_like_name(after))
    ):
        return None
    stamp = _bare_clock(parts[clocks[0]])
    return Stamp(stamp.clock, stamp.zone, None, None, "glued", rest=head, author=after, raw=text)


def _bare_stamp(text: str) -> Stamp | None:
    """A line shaped like a stamp in a notation none of the patterns above knows (see
    ``stamp_shape``): "[17.11.2024 05:58]", "👁 61.2K  22:54", "13.11.2024, 15:15 | Kyiv"."""
    bare = read_bare_stamp(text)
    if bare is None:
        return None
    if bare.residue:
        style = "signature" if not bare.at_start else "headline-clock"
    elif bare.at_start:
        style = "dated" if bare.day else "clock"
    else:
        style = "end"  # the time closes the line: it may close the entry above (live_log)
    return Stamp(
        bare.clock,
        bare.zone,
        bare.day,
        bare.partial_day,
        style,
        author=bare.residue,
        raw=text,
        weekday=bare.weekday,
        days_back=bare.days_back,
    )


SLASHED_ANY = re.compile(r"(?<![\d/])[0-3]?\d/[0-3]?\d/(?:19|20)\d\d(?![\d/])")
# "Updated", and the word in the languages pages are copied from: "Stand:", "Actualizado",
# "Mis à jour le", "Atualizado em", "Aggiornato il", "Zaktualizowano".
_UPDATED_WORD = (
    r"(?:last\s+)?(?:updated|stand|actualizado|actualizaci[oó]n|mis\s+[àa]\s+jour|atualizado|"
    r"aggiornato|zaktualizowano|bijgewerkt|uppdaterad|opdateret|oppdatert|p[äa]ivitetty)"
)
_PAST = re.compile(rf"^{_UPDATED_WORD}\b", re.IGNORECASE)
_UPDATED_LABEL = re.compile(
    rf"^{_UPDATED_WORD}\s*(?:on|at|le|el|em|il|am|um|o)?\s*:?\s*", re.IGNORECASE
)
# "… 2023 à 22h10", "… 2025 um 01:12 Uhr": the word between a day and its clock
_DAY_CLOCK_WORD = re.compile(r"(?<=\d)\s+(?:à|a\s+las|às|alle|um|o\s+godz\.?)\s+(?=\d)", re.I)
_PAGE_WORDS = re.compile(
    r"\b(?:updated|published|posted|modified|issued|last\s+update|as\s+of)\b(?!\s+by\b)",
    re.IGNORECASE,
)


_SIGNED = re.compile(r"\s*[/|·•]\s*[^\W\d][^\d/|·•]{1,40}$")
_CHANGED = re.compile(r"\b(?:last\s+update|(?:last\s+)?(?:updated|modified|edited))\b", re.I)


def _updated_on(text: str) -> Stamp | None:
    """ "Updated Nov. 6, 2024, 1:05 a.m. ET", "Updated: 18/11/2024 - 19:45 CET": when the
    page last changed — "updated", a full date and a clock, nothing else."""
    if not _PAST.match(text) or not (dates_in(text) or SLASHED_ANY.search(text)):
        return None
    rest = _DAY_CLOCK_WORD.sub(" ", _UPDATED_LABEL.sub("", text, count=1))
    # "… / 2:04 AM EST / CBS News": the outlet signing the page's time is no part of it.
    rest = _SIGNED.sub("", rest)
    bare = read_bare_stamp(rest)
    if bare is None or bare.residue or not (bare.day or SLASHED_ANY.search(rest)):
        return None
    return Stamp(bare.clock, bare.zone, bare.day, None, "meta", raw=text)


def _calendar_word(word: str) -> bool:
    """ "Sunday", "May", "last": the words a page's date line holds besides its numbers."""
    return word.casefold() in MONTHS or word.casefold() == "last" or weekday_in(word) is not None


def _page_time(text: str) -> Stamp | None:
    """ "Live | Page updated 11:20 CET, Wednesday 6 November 2024": a short line that dates
    the page with a full date, a clock and a word saying so, wherever that word stands."""
    word = _PAGE_WORDS.search(text)
    if len(text) > 120 or not word or META_WORDS.match(text):
        return None
    before = re.findall(r"[^\W\d_]{2,}", text[: word.start()])
    if len([w for w in before if not _calendar_word(w)]) > 2:
        # "Zelensky: 'our partners must respond'published at …": a headline's; "Sunday, May
        # 5, 2024 · Last updated 18:40" is the page's
        return None
    if not (dates_in(text) or SLASHED_ANY.search(text)) or _PAST.match(text):
        return None  # "Issued on: 11/02/2025 - 14:37": the day is read with the whole page
    if UPDATE_STAMP.match(text):
        return None
    words = re.findall(r"[^\W\d_]{2,}", _PAGE_WORDS.sub(" ", CLOCK_ANYWHERE.sub(" ", text)))
    if len(words) > 8:
        return None  # a sentence that mentions an update
    return _meta_stamp(text)


def _bare_clock(text: str) -> Stamp | None:
    """A clock (and zone) alone, as in what follows "Posted at"."""
    match = CLOCK_STAMP.match(text.strip())
    if (
        not match
        or match.group("rest").strip()
        or not (match.group("minute") or match.group("ampm"))
    ):
        return None
    groups = match.groupdict()
    clock = _clock(groups)
    if clock is None:
        return None
    return Stamp(clock, zone_for(groups.get("zone")), None, None, "clock", raw=text.strip())


def _yearless_stamp(text: str) -> Stamp | None:
    """A clock and a day without its year, nothing else: "6:04 PM IST | Aug 23"."""
    stamp = find_stamp(text) if not dates_in(text) else None
    if stamp and stamp.partial_day and not stamp.rest and stamp.style == "dated":
        return stamp
    return None


CLOCK_ANYWHERE = re.compile(
    rf"(?<![\d.:])(?:(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*{_AMPM}?|"
    # "04 12 PM IST": a page's time with a space for its colon, am or pm after it
    rf"(?P<hour3>1[0-2]|0?[1-9]) (?P<minute3>[0-5]\d)\s*(?P<ampm3>[ap]\.?\s?m\b\.?)|"
    rf"(?P<hour2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap]\.?\s?m\b\.?))(?:\s*{ZONE_PATTERN})?",
    re.IGNORECASE,
)


def page_update(stamp: Stamp) -> Stamp:
    """The latest time a page's own line gives: "Issued on: 04/12/2024 - 14:02 Modified:
    04/12/2024 - 21:44" was last changed at 21:44, though first published at 14:02."""
    return _meta_stamp(stamp.raw, latest=True) or stamp


_BRACKETED = re.compile(r"\s*[(\[]\s*(?P<inner>[^()\[\]]{2,40}?)\s*[)\]]")


def bracketed_zone(text: str) -> str | None:
    """The zone in brackets that opens ``text``, the tail after a clock: "(GMT)", "[IST]",
    "(Jerusalem)", "(Kyiv time)"."""
    match = _BRACKETED.match(text)
    if not match:
        return None
    inner = match.group("inner").strip()
    return (
        zone_for(inner)
        or CITY_ZONES.get(inner.casefold())
        or declared_place_zone(re.sub(r"\s+time$", "", inner, flags=re.IGNORECASE))
    )


def _meta_stamp(text: str, latest: bool = False) -> Stamp | None:
    """ "First published on Wed 13 Nov 2024 07.05 GMT": when the page, not an entry, was
    written. A reference time for relative stamps; never an entry of its own."""
    found = dates_in(text)
    searched = META_WORDS.sub("", text, count=1)
    clock_match = CLOCK_ANYWHERE.search(searched)
    if not clock_match:
        return None
    if latest:
        changed = [m for m in _CHANGED.finditer(text) if m.start() > 0]
        later = CLOCK_ANYWHERE.search(text, changed[-1].end()) if changed else None
        if later:
            # "Issued on: 04/12/2024 - 14:02 Modified: 04/12/2024 - 21:44": the page's
            # latest time is the one after the word that says it changed.
            clock_match, found = later, dates_in(text[changed[-1].end() :]) or found
            searched = text
    groups = clock_match.groupdict()
    if groups.get("hour2"):
        groups = {"hour": groups["hour2"], "minute": "00", "ampm": groups["ampm2"]}
    elif groups.get("hour3"):
        groups = {"hour": groups["hour3"], "minute": groups["minute3"], "ampm": groups["ampm3"]}
    clock = _clock(groups)
    if clock is None:
        return None
    return Stamp(
        clock,
        zone_for(clock_match.group("zone")) or bracketed_zone(searched[clock_match.end() :]),
        found[0] if found else None,
        None,
        "meta",
        raw=text,
    )
