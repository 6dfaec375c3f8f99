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

Zone abbreviations name a zone's rules, resolved with zoneinfo for the entry's date: "EST" in
July is read as New York time (EDT), as American outlets write it. GMT and UTC are UTC.
"""

import re
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

ZONES = {
    "gmt": "UTC",
    "utc": "UTC",
    "z": "UTC",
    "zulu": "UTC",
    "greenwich mean time": "UTC",
    "coordinated universal time": "UTC",
    "british summer time": "Europe/London",
    "eastern standard time": "America/New_York",
    "eastern daylight time": "America/New_York",
    "pacific standard time": "America/Los_Angeles",
    "pacific daylight time": "America/Los_Angeles",
    "central european time": "Europe/Brussels",
    "central european summer time": "Europe/Brussels",
    "eastern european time": "Europe/Kyiv",
    "eastern european summer time": "Europe/Kyiv",
    "moscow standard time": "Europe/Moscow",
    "bst": "Europe/London",
    "uk time": "Europe/London",
    "uk": "Europe/London",
    "london time": "Europe/London",
    "est": "America/New_York",
    "edt": "America/New_York",
    "et": "America/New_York",
    "eastern": "America/New_York",
    "eastern time": "America/New_York",
    "cst": "America/Chicago",
    "cdt": "America/Chicago",
    "ct": "America/Chicago",
    "central": "America/Chicago",
    "central time": "America/Chicago",
    "mst": "America/Denver",
    "mdt": "America/Denver",
    "pst": "America/Los_Angeles",
    "pdt": "America/Los_Angeles",
    "pt": "America/Los_Angeles",
    "pacific": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles",
    "cet": "Europe/Brussels",
    "cest": "Europe/Brussels",
    "brussels time": "Europe/Brussels",
    "eet": "Europe/Kyiv",
    "eest": "Europe/Kyiv",
    "kyiv time": "Europe/Kyiv",
    "kiev time": "Europe/Kyiv",
    "ukraine time": "Europe/Kyiv",
    "ukrainian time": "Europe/Kyiv",
    "msk": "Europe/Moscow",
    "moscow time": "Europe/Moscow",
    "eat": "Africa/Nairobi",
    "cat": "Africa/Maputo",
    "wat": "Africa/Lagos",
    "sast": "Africa/Johannesburg",
    "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul",
    "hkt": "Asia/Hong_Kong",
    "sgt": "Asia/Singapore",
    "aest": "Australia/Sydney",
    "aedt": "Australia/Sydney",
}

# Cities whose name stands for their zone in a declaration ("All times Kyiv") or a dateline
# ("KYIV, Nov 13 (Reuters) -"). Kept apart from ZONES: after a clock, "Moscow says …" is
# the start of a sentence, not a zone.
CITY_ZONES = {
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "kharkiv": "Europe/Kyiv",
    "odesa": "Europe/Kyiv",
    "odessa": "Europe/Kyiv",
    "lviv": "Europe/Kyiv",
    "dnipro": "Europe/Kyiv",
    "zaporizhzhia": "Europe/Kyiv",
    "moscow": "Europe/Moscow",
    "london": "Europe/London",
    "brussels": "Europe/Brussels",
    "paris": "Europe/Paris",
    "berlin": "Europe/Berlin",
    "warsaw": "Europe/Warsaw",
    "washington": "America/New_York",
    "new york": "America/New_York",
    "united nations": "America/New_York",
    "ankara": "Europe/Istanbul",
    "istanbul": "Europe/Istanbul",
    "minsk": "Europe/Minsk",
    "beijing": "Asia/Shanghai",
    "tokyo": "Asia/Tokyo",
    "jerusalem": "Asia/Jerusalem",
    "tel aviv": "Asia/Jerusalem",
    "gaza": "Asia/Gaza",
    "tehran": "Asia/Tehran",
    "beirut": "Asia/Beirut",
    "damascus": "Asia/Damascus",
    "baghdad": "Asia/Baghdad",
    "cairo": "Africa/Cairo",
    "doha": "Asia/Qatar",
    "dubai": "Asia/Dubai",
    "riyadh": "Asia/Riyadh",
    "madrid": "Europe/Madrid",
    "rome": "Europe/Rome",
    "vienna": "Europe/Vienna",
    "bonn": "Europe/Berlin",
    "the hague": "Europe/Amsterdam",
    "amsterdam": "Europe/Amsterdam",
    "geneva": "Europe/Zurich",
    "stockholm": "Europe/Stockholm",
    "helsinki": "Europe/Helsinki",
    "vilnius": "Europe/Vilnius",
    "riga": "Europe/Riga",
    "tallinn": "Europe/Tallinn",
    "bucharest": "Europe/Bucharest",
    "chisinau": "Europe/Chisinau",
    "tbilisi": "Asia/Tbilisi",
    "chicago": "America/Chicago",
    "los angeles": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "denver": "America/Denver",
    "ottawa": "America/Toronto",
    "toronto": "America/Toronto",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "seoul": "Asia/Seoul",
    "taipei": "Asia/Taipei",
    "hong kong": "Asia/Hong_Kong",
    "sydney": "Australia/Sydney",
}

# Countries whose single zone stands for them in "All times are Israel time": only the
# adjective or name followed by "time", never a bare country name after a clock.
COUNTRY_ZONES = {
    "israel": "Asia/Jerusalem",
    "israeli": "Asia/Jerusalem",
    "lebanon": "Asia/Beirut",
    "lebanese": "Asia/Beirut",
    "iran": "Asia/Tehran",
    "iranian": "Asia/Tehran",
    "turkey": "Europe/Istanbul",
    "turkish": "Europe/Istanbul",
    "poland": "Europe/Warsaw",
    "polish": "Europe/Warsaw",
    "germany": "Europe/Berlin",
    "german": "Europe/Berlin",
    "france": "Europe/Paris",
    "french": "Europe/Paris",
    "russia": "Europe/Moscow",
    "belarus": "Europe/Minsk",
    "moldova": "Europe/Chisinau",
    "georgia": "Asia/Tbilisi",
    "romania": "Europe/Bucharest",
    "finland": "Europe/Helsinki",
    "egypt": "Africa/Cairo",
    "qatar": "Asia/Qatar",
    "japan": "Asia/Tokyo",
    "korea": "Asia/Seoul",
    "india": "Asia/Kolkata",
    "taiwan": "Asia/Taipei",
}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_ZONE = (
    r"(?P<zone>(?:GMT|UTC)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|"
    + "|".join(sorted((re.escape(z) for z in ZONES), key=len, reverse=True))
    + r")\b"
)
_ZONE2 = _ZONE.replace("?P<zone>", "?P<zone2>")
_ANY_ZONE = _ZONE.replace("?P<zone>", "?:")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
_CLOCK = (
    r"(?P<hour>[01]?\d|2[0-3])(?:[:.h](?P<minute>[0-5]\d))?\s*" + _AMPM + "?"
)  # "5.51pm", "17:51", "10am", "10 a.m."
_HOURS = r"(?:hrs|hours)\b\.?"  # military "1515 hrs"
_COMPACT = r"(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)"  # "1515", only before a zone or after UPDATE
_DAY_MONTH = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH  # "28 February"
_MONTH_DAY = _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"  # "Feb. 28", "Mar 02"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))"


def _named(pattern: str, suffix: str) -> str:
    return re.sub(r"\?P<(\w+)>", lambda m: f"?P<{m[1]}{suffix}>", pattern)


_DATE = f"(?:{_WEEKDAY}?(?:{_DAY_MONTH}|{_named(_MONTH_DAY, '_b')}){_named(_YEAR, '_a')}?)"
_ISO_DATE = r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"

UPDATE_STAMP = re.compile(
    r"^(?:update[ds]?|updated at|latest)\s+(?:at\s+)?"
    + f"(?:{_COMPACT}|{_CLOCK})"
    + rf"(?:\s*{_ZONE})?"
    + rf"(?:\s*,?\s*(?:on\s+)?{_DATE})?"
    + r"\s*(?:[:—–\-|]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
CLOCK_STAMP = re.compile(
    rf"^(?:{_COMPACT}(?=\s*(?:{_ANY_ZONE}|{_HOURS}))(?:\s*{_HOURS})?|{_CLOCK})"
    + rf"(?:\s*{_ZONE})?"
    + rf"(?:\s*[,/|]\s*{_named(_CLOCK, '2')}\s*{_ZONE2})?"
    + r"(?P<sep>\s*[:—–|]\s*|\s*,\s*|\s+-\s+|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
DATED_STAMP = re.compile(
    rf"^(?:{_DATE}|{_ISO_DATE})\s*(?:,|at|-|–)?\s*{_CLOCK}(?:\s*,?\s*{_ZONE})?"
    + r"\s*(?:[:—–|,]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "09:10, 20 November (EET)": the clock first, then the date, then the zone.
CLOCK_DATE_STAMP = re.compile(
    rf"^{_CLOCK}\s*,?\s*(?:on\s+)?{_DATE}(?:\s*\(?\s*{_ZONE}\s*\)?)?"
    + r"\s*(?:[:—–|]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
# "Thomas Kingsley25 February 2022 10:55": the stamp closes the entry above it.
TRAILING_STAMP = re.compile(
    r"^(?P<author>[^\d\n]{0,80}?)\s*"
    + _DAY_MONTH
    + r"\s+(?P<year>(?:19|20)\d\d)(?:,|\s+at)?\s+"
    + _CLOCK
    + rf"(?:\s*{_ZONE})?\s*$",
    re.IGNORECASE,
)
RELATIVE_STAMP = re.compile(
    r"^(?:(?:updated|published|posted)\s+)?(?:(?P<count>\d+)\s*(?P<unit>s|sec|secs|seconds?|m|min|mins|"
    r"minutes?|h|hr|hrs|hours?|d|days?)|an?\s+(?P<one>minute|hour|day)|just now|moments?)"
    r"(?:\s+ago)?\.?$",
    re.IGNORECASE,
)
# "Putin: the new missile 'cannot be stopped'published at 18:40 Greenwich Mean Time 21
# November 2024": a headline with its stamp glued to its end.
GLUED_STAMP = re.compile(
    r"^(?P<head>.*?\S)\s*(?:published|posted|updated)(?:\s+(?:at|on))?\s+"
    + _CLOCK
    + rf"(?:\s*{_ZONE})?(?:\s*,?\s*(?:on\s+)?{_DATE})?\s*$",
    re.IGNORECASE,
)
# Header lines that date the page rather than an entry: "First published on Wed 13 Nov 2024
# 07.05 GMT", "Published On 19 Nov 2024", "Last updated: 14:02 BST, 3 March 2023".
META_WORDS = re.compile(
    r"^(?:(?:first|last|originally)\s+(?:published|posted|updated|modified)|published|posted|"
    r"modified)(?:\s+(?:on|at))?\s*:?\s+",
    re.IGNORECASE,
)
# "All times are Kyiv time", "Times below are Chicago time (CDT)", "times Eastern", "All
# times local (GMT+3)", "All updates in Central European Summer Time": the words that
# declare which clock a page keeps, then a zone, a city or a country's time.
_PLACE = "|".join(sorted([*CITY_ZONES, *COUNTRY_ZONES], key=len, reverse=True))
ZONE_IN_SENTENCE = re.compile(
    r"(?:^times?\s*:\s*|\b(?:all\s+)?(?:times|updates|stamps)\s+"
    r"(?:(?:below|here|above|on\s+this\s+page|in\s+this\s+(?:blog|post|page))\s+)?"
    r"(?:(?:are|is|in|shown\s+in|given\s+in|listed\s+in)\s+)*(?:(?:local|the)\s+)?\(?\s*)"
    r"(?:(?P<city>" + _PLACE + r")(?:\s+time\b|\b(?![\w-]))|" + _ZONE + r"(?![\w-]))"
    # then the end of the phrase: "at times central banks …" declares nothing
    r"(?=\s*(?:time\b|[.,;:()\[\]—–-]|$))",
    re.IGNORECASE,
)
# "KYIV, Nov 13 (Reuters) -", "WASHINGTON (AP) —", "Kyiv, 13 November 2024 —"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z .'’-]{1,40}?)(?:,\s*[A-Z][A-Za-z .]{1,30})?,?\s+"
    rf"(?:(?i:{_named(_DATE, '_d')})\s*)?(?:\((?P<agency>[^)]{{1,40}})\)\s*)?[-–—]\s",
)
# Any date with a year, anywhere: "November 13, 2024", "Wed 13 Nov 2024", "2024-11-13",
# "19 Nov 202419 Nov 2024" (a stamp glued to the next).
ANY_DATE = re.compile(
    rf"(?<![\w-])(?:{_named(_MONTH_DAY, '_b')},?\s+(?P<year_b>(?:19|20)\d\d)|{_DAY_MONTH},?\s+"
    rf"(?P<year>(?:19|20)\d\d)|{_ISO_DATE})(?!\d{{1}}[-/])(?![a-z])",
    re.IGNORECASE,
)
# Day-first numeric dates with dots, as Telegram and European pages write them: "28.12.2023".
NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)(?![\d.]\d)"
)
NUMERIC_HEADER = re.compile(
    rf"^{_WEEKDAY}?(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)\.?$", re.IGNORECASE
)
SLASHED_DATE = re.compile(r"(?<![\d/])([0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)(?![\d/])")
# A Telegram export's signature: "Ukrainska Pravda, [28.12.2023 23:48]".
BRACKET_STAMP = re.compile(
    r"^(?P<author>[^\[\]\n]{1,80}?),?\s*\[\s*(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)"
    r"[ ,]+(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?::[0-5]\d)?\s*\]$"
)
YEAR = re.compile(r"(?<!\d)(?:©\s*|copyright\s+)?(?P<year>20[0-3]\d)(?!\d)", re.IGNORECASE)
DATE_HEADER = re.compile(rf"^(?:{_DATE}|{_ISO_DATE})\.?$", re.IGNORECASE)
ZONE_DECLARATION = re.compile(
    r"^\(?\s*(?:all\s+)?times?\s+(?:are\s+|in\s+|shown\s+in\s+|given\s+in\s+|listed\s+in\s+)*"
    + _ZONE
    + r"(?:\s+time)?\s*(?:\([^)]*\))?\.?\s*\)?\.?$",
    re.IGNORECASE,
)
# A date anywhere in a line (title lines carry one: "…, November 13, 2024").
DATE_IN_TEXT = re.compile(
    rf"\b(?:{_named(_MONTH_DAY, '_b')},?\s+(?P<year_b>(?:19|20)\d\d)|{_DAY_MONTH}\s+(?P<year>(?:19|20)\d\d))\b",  # noqa: E501
    re.IGNORECASE,
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


def zone_for(name: str | None) -> str | None:
    """An IANA zone for an abbreviation or name ("EST", "Kyiv time", "GMT+2")."""
    if not name:
        return None
    key = " ".join(name.lower().replace("−", "-").split())
    offset = re.fullmatch(r"(?:gmt|utc)\s?([+\-])\s?(\d{1,2})(?::?(\d{2}))?", key)
    if offset:
        sign, hours, minutes = offset.groups()
        if int(hours) > 14 or int(minutes or 0) > 59:
            return None
        if minutes in (None, "00"):
            # POSIX Etc/ zones invert the sign: Etc/GMT-2 is two hours ahead of UTC.
            return f"Etc/GMT{'-' if sign == '+' else '+'}{int(hours)}" if int(hours) else "UTC"
        return f"UTC{sign}{hours.zfill(2)}:{minutes}"
    return ZONES.get(key.removesuffix(" time")) or ZONES.get(key)


def tzinfo_for(zone: str):
    if zone.startswith("UTC") and len(zone) > 3:  # "UTC+05:30", a fixed offset
        sign = 1 if zone[3] == "+" else -1
        hours, minutes = int(zone[4:6]), int(zone[7:9])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return zoneinfo.ZoneInfo(zone)


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


def _date(groups: dict) -> tuple[date | None, tuple[int, int] | None]:
    if groups.get("iso"):
        try:
            return date.fromisoformat(groups["iso"]), None
        except ValueError:
            return None, None
    for suffix in ("", "_b"):
        month, day = groups.get("month" + suffix), groups.get("day" + suffix)
        if month and day:
            month_number = MONTHS[month.lower().rstrip(".")]
            year = groups.get("year" + suffix) or groups.get("year_a") or groups.get("year_b")
            if year:
                try:
                    return date(int(year), month_number, int(day)), None
                except ValueError:
                    return None, None
            if 1 <= int(day) <= 31:
                return None, (month_number, int(day))
    return None, None


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() for w in words if w.isalpha())


# Decoration around a stamp that changes nothing about it: "**13:05**", "[13:05]",
# "(13:05)", "— 13:05", "• 13:05". Only a short token holding a digit is unwrapped.
_DECORATED = re.compile(
    r"^(?:(?P<open>\*\*|__|\*|_|\[|\()\s*(?P<inner>[^*_\[\]()\n]{1,40}?\d[^*_\[\]()\n]{0,40}?)"
    r"\s*(?P<close>\*\*|__|\*|_|\]|\))|[—–•·]\s*(?=\d))"
)
_PAIRS = {"**": "**", "__": "__", "*": "*", "_": "_", "[": "]", "(": ")"}
# "Israeli army says attack is over — 20:45": a headline whose stamp closes the line.
HEADLINE_THEN_CLOCK = re.compile(
    r"^(?P<head>[^\n]{3,200}?\S)\s+[—–|-]\s+" + _CLOCK + rf"(?:\s*{_ZONE})?\s*$", re.IGNORECASE
)


def undecorate(text: str) -> str:
    """``text`` without the emphasis, brackets or dash wrapped around a leading stamp."""
    match = _DECORATED.match(text)
    if not match:
        return text
    if match.group("open"):
        if _PAIRS[match.group("open")] != match.group("close"):
            return text
        return (match.group("inner") + " " + text[match.end() :].lstrip()).strip()
    return text[match.end() :]


def find_stamp(line: str) -> Stamp | None:
    """The stamp a line starts (or, for trailing stamps, consists of), or None."""
    text = line.strip()
    if not text or len(text) > 2000:
        return None
    text = undecorate(text)
    if META_WORDS.match(text):
        bare = _bare_clock(META_WORDS.sub("", text, count=1))
        # "Posted at 22:00" over an entry is that entry's stamp; with a date it dates the page.
        return bare or _meta_stamp(text)
    match = BRACKET_STAMP.match(text)
    if match and (day := _numeric(match.groupdict())):
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
        day, _ = _date(match.groupdict())
        if day:
            groups = match.groupdict()
            author = groups["author"].strip(" ,|-–—")
            # "Wed 13 Nov 2024 16.20 GMT" is a dated stamp with a weekday, not a signature.
            weekday = bool(author) and re.fullmatch(_WEEKDAY, author + " ", re.IGNORECASE)
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
            day, partial = _date(groups)
            return Stamp(
                clock,
                zone_for(groups.get("zone")),
                day,
                partial,
                style,
                rest=groups["rest"].strip(),
                raw=text,
            )
    match = CLOCK_STAMP.match(text)
    if match:
        groups = match.groupdict()
        clock = _clock(groups)
        if clock is None:
            return None
        rest = groups["rest"].strip()
        sep = groups["sep"]
        # "17 Ukrainian drones…" starts with a number, not a time: a clock needs a zone,
        # minutes, am/pm, or the whole line to itself.
        if not (
            groups.get("zone") or groups.get("minute") or groups.get("ampm") or groups.get("hhmm")
        ):
            return None
        if rest[:1].islower() and not groups.get("zone") and not sep.strip():
            return None  # "10.30 percent of…" reads as prose
        mismatch = False
        second = _clock(groups, "2")
        if second and groups.get("zone2") and groups.get("zone"):
            mismatch = not _same_instant(clock, groups["zone"], second, groups["zone2"])
        style = "clock"
        author = ""
        if sep.strip() == "," and rest and _looks_like_name(rest):
            style, author, rest = "headline-clock", rest, ""
        return Stamp(
            clock,
            zone_for(groups.get("zone")),
            None,
            None,
            style,
            rest=rest,
            author=author,
            raw=text,
            second_zone_mismatch=mismatch,
        )
    match = HEADLINE_THEN_CLOCK.match(text)
    if (
        match
        and _clock(match.groupdict())
        and not _CLOCK_ANYWHERE.search(match.group("head"))
        and not dates_in(match.group("head"))  # "Updated: 18/11/2024 - 19:45 CET" dates the page
        and not re.search(r"\b(?:updated|published|posted)\b", match.group("head"), re.I)
    ):
        groups = match.groupdict()
        return Stamp(
            _clock(groups),
            zone_for(groups.get("zone")),
            None,
            None,
            "glued",
            rest=groups["head"].strip(),
            raw=text,
        )
    match = GLUED_STAMP.match(text)
    if match and len(match.group("head")) <= 300:
        groups = match.groupdict()
        clock = _clock(groups)
        if clock is not None:
            day, partial = _date(groups)
            return Stamp(
                clock,
                zone_for(groups.get("zone")),
                day,
                partial,
                "glued",
                rest=groups["head"].strip(),
                raw=text,
            )
    return None


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


_CLOCK_ANYWHERE = re.compile(
    rf"(?<![\d.:])(?:(?P<hour>[01]?\d|2[0-3])[:.](?P<minute>[0-5]\d)\s*{_AMPM}?|"
    rf"(?P<hour2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap]\.?\s?m\b\.?))(?:\s*{_ZONE})?",
    re.IGNORECASE,
)


def _meta_stamp(text: str) -> Stamp | None:
    """ "First published on Wed 13 Nov 2024 07.05 GMT": when the page, not an entry, was
    written. A reference time for relative stamps; never an entry of its own."""
    found = dates_in(text)
    clock_match = _CLOCK_ANYWHERE.search(META_WORDS.sub("", text, count=1))
    if not clock_match:
        return None
    groups = clock_match.groupdict()
    if groups.get("hour2"):
        groups = {"hour": groups["hour2"], "minute": "00", "ampm": groups["ampm2"]}
    clock = _clock(groups)
    if clock is None:
        return None
    return Stamp(
        clock,
        zone_for(clock_match.group("zone")),
        found[0] if found else None,
        None,
        "meta",
        raw=text,
    )


def _same_instant(first: time, first_zone: str, second: time, second_zone: str) -> bool:
    a, b = zone_for(first_zone), zone_for(second_zone)
    if not a or not b:
        return True
    # Compare on a fixed winter and summer day: the two clocks agree on at least one.
    for probe in (date(2024, 1, 15), date(2024, 7, 15)):
        one = datetime.combine(probe, first, tzinfo_for(a))
        other = datetime.combine(probe, second, tzinfo_for(b))
        if abs((one - other).total_seconds()) % 86400 in (0,):
            return True
    return False


def find_date_header(line: str) -> tuple[date | None, tuple[int, int] | None]:
    match = DATE_HEADER.match(line.strip())
    if not match:
        numeric = NUMERIC_HEADER.match(line.strip())
        return (_numeric(numeric.groupdict()), None) if numeric else (None, None)
    return _date(match.groupdict())


def find_zone_declaration(line: str) -> str | None:
    """The zone a line exists to declare: "All times CET.", "Times below are Chicago time
    (CDT), where the convention is held." (one short sentence opening with the declaration)."""
    text = line.strip()
    match = ZONE_DECLARATION.match(text)
    if match:
        return zone_for(match.group("zone"))
    sentence = ZONE_IN_SENTENCE.match(text.lstrip("( "))
    if sentence and len(text.split()) <= 16 and not re.search(r"[.!?]\s+\S", text):
        return find_zone_in_sentence(text)
    return None


def find_date_in_text(text: str) -> date | None:
    match = DATE_IN_TEXT.search(text)
    if not match:
        return None
    day, _ = _date(match.groupdict())
    return day


def is_relative_stamp(line: str) -> bool:
    return relative_minutes(line) is not None


_UNIT_MINUTES = {"s": 0, "m": 1, "h": 60, "d": 1440}


def relative_minutes(line: str) -> int | None:
    """How many minutes before the page was copied "36m ago" says, or None."""
    match = RELATIVE_STAMP.match(line.strip())
    if not match:
        return None
    if match.group("count") and len(match.group("count")) >= 3 and "ago" not in line.lower():
        return None  # "1815 hrs" is military time
    if match.group("one"):
        return _UNIT_MINUTES[match.group("one")[0].lower()]
    if match.group("count"):
        unit = match.group("unit").lower()
        return int(match.group("count")) * _UNIT_MINUTES["m" if unit.startswith("mi") else unit[0]]
    return 0


def find_zone_in_sentence(line: str) -> str | None:
    """A zone declared inside a sentence: "… (all times Kyiv, GMT+2)", "Times are EST."."""
    match = ZONE_IN_SENTENCE.search(line)
    if not match:
        return None
    if match.group("city"):
        city = " ".join(match.group("city").lower().split())
        if city in COUNTRY_ZONES and not re.match(r"\s+time\b", line[match.end("city") :], re.I):
            return None  # "times in Israel were …" is not a declaration; "Israel time" is
        return CITY_ZONES.get(city) or COUNTRY_ZONES[city]
    return zone_for(match.group("zone"))


@dataclass(frozen=True)
class Dateline:
    place: str
    zone: str | None
    day: date | None
    partial_day: tuple[int, int] | None


def find_dateline(line: str) -> Dateline | None:
    """A wire dateline opening a paragraph: "KYIV, Nov 13 (Reuters) - …"."""
    match = DATELINE.match(line.strip())
    if not match or not (
        match.group("agency") or match.group("month_d") or match.group("month_b_d")
    ):
        return None
    place = match.group("place").strip()
    if not (place.isupper() or match.group("agency")):
        return None
    groups = {k.removesuffix("_d"): v for k, v in match.groupdict().items() if k.endswith("_d")}
    day, partial = _date(groups)
    return Dateline(place, CITY_ZONES.get(place.lower()), day, partial)


def _numeric(groups: dict) -> date | None:
    try:
        return date(int(groups["ny"]), int(groups["nm"]), int(groups["nd"]))
    except ValueError:
        return None


def _slashed(match: re.Match) -> date | None:
    """ "21/11/2024" is day-first, "11/21/2024" month-first; "3/4/2024" says neither."""
    first, second, year = (int(g) for g in match.groups())
    if first > 12 >= second:
        day, month = first, second
    elif second > 12 >= first:
        day, month = second, first
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str) -> list[date]:
    """Every real date with a year written in ``text``, in order."""
    found = []
    for match in ANY_DATE.finditer(text):
        day, _ = _date(match.groupdict())
        if day:
            found.append((match.start(), day))
    for match in NUMERIC_DATE.finditer(text):
        day = _numeric(match.groupdict())
        if day:
            found.append((match.start(), day))
    for match in SLASHED_DATE.finditer(text):
        day = _slashed(match)
        if day:
            found.append((match.start(), day))
    return [day for _, day in sorted(found)]


_YEARLESS = re.compile(
    rf"(?<![\w-])(?:{_DAY_MONTH}|{_named(_MONTH_DAY, '_b')})(?![\w-])", re.IGNORECASE
)


def partial_dates_in(text: str) -> list[tuple[int, int]]:
    """(month, day) of every date written without its year: "4th December", "Nov. 19"."""
    found = []
    for match in _YEARLESS.finditer(text):
        _, partial = _date(match.groupdict())
        if partial:
            found.append(partial)
    return found


def years_in(text: str) -> list[int]:
    return [int(m.group("year")) for m in YEAR.finditer(text)]


def to_utc(day: date, clock: time, zone: str) -> datetime:
    """The UTC instant of ``clock`` on ``day`` in ``zone`` (DST resolved for that day)."""
    local = datetime.combine(day, clock, tzinfo=tzinfo_for(zone))
    return local.astimezone(UTC)
