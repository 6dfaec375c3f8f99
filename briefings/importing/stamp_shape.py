"""A stamp recognised by the shape of its line, whatever its notation.

A line that exists to stamp an entry holds a time of day and little else: perhaps a date,
a zone, brackets and dashes, a view counter, an author's name. ``read_bare_stamp`` takes
such a line apart without knowing its layout in advance: "[17.11.2024 05:58]",
"👁 61.2K  edited  22:54", "13.11.2024, 15:15 | Kyiv", "Marta Kowalczyk · 19:40",
"Nov 24 at 10:05 ET". What is left once the time, dates, zones and counters are taken out
says what the line is: nothing (a stamp), a name (a stamp with its author), or words (not a
stamp line at all: prose that mentions a time).
"""

import re
from dataclasses import dataclass
from datetime import date, time

from . import dates
from .zones import CITY_ZONES, ZONE_PATTERN, zone_for

_AMPM = r"(?P<ampm>[ap]\.?\s?m\b\.?)"
# "17:51", "17.51", "17h51", "5.51pm", "04 12 PM", "10 a.m.", "17:51:08", military "1515Z",
# "1515 hrs".
CLOCK_TOKEN = re.compile(
    r"(?<![\d.:/,])(?:(?P<hour>[01]?\d|2[0-3])[:.h](?P<minute>[0-5]\d)(?::[0-5]\d)?(?![\d.:/])"
    rf"\s*{_AMPM}?|(?P<hour4>1[0-2]|0?[1-9]) (?P<minute4>[0-5]\d)\s*(?P<ampm4>[ap]\.?\s?m\b\.?)|"
    rf"(?P<hour2>1[0-2]|0?[1-9])\s*(?P<ampm2>[ap]\.?\s?m\b\.?)|"
    # "125 PM", "1045 AM": a weather service's or a wire's clock without its colon
    r"(?P<hhmm12>(?:1[0-2]|[1-9])[0-5]\d)\s*(?P<ampm3>[ap]\.?\s?m\b\.?)|"
    r"(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)\s*(?:z\b|zulu\b|hrs\b\.?|hours\b|h\b))",
    re.IGNORECASE,
)
_ZONE = re.compile(r"(?<![\w+-])" + ZONE_PATTERN, re.IGNORECASE)
_NUMERIC_DAY = re.compile(r"(?<![\d./-])([0-3]?\d)([./-])([0-3]?\d)\2((?:19|20)\d\d)(?![\d.]\d)")
_ISO_DAY = re.compile(r"(?<![\d/.])((?:19|20)\d\d)([-/.])([01]?\d)\2([0-3]?\d)(?![\d/]|\.\d)")
# Words a stamp line may carry besides its time: they say what the time is, not what happened.
_STAMP_WORDS = re.compile(
    r"\b(?:updated?|published|posted|edited|modified|issued|filed|at|on|last|first|time|local|"
    r"views?|am|pm|today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)\b",
    re.IGNORECASE,
)
# View and reaction counters: "61.2K", "1,204", "3.1K".
_COUNTER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*\s*[kKmM]?(?![\w.])")
_WORD = re.compile(r"[^\W\d_][\w’'.-]*")


# Lower-case words inside a name: "Piet de Vries", "Ana da Silva", "Ursula von der Leyen".
NAME_PARTICLES = frozenset(
    [
        "de",
        "da",
        "do",
        "dos",
        "das",
        "di",
        "del",
        "della",
        "van",
        "von",
        "der",
        "den",
        "ter",
        "la",
        "le",
        "du",
        "bin",
        "ibn",
        "al",
        "el",
    ]
)


@dataclass(frozen=True)
class BareStamp:
    clock: time
    zone: str | None
    day: date | None
    partial_day: tuple[int, int] | None
    at_start: bool  # the time opens the line (else it closes it)
    residue: str  # what the line says besides its time: "", an author's name
    weekday: int | None = None  # "Wed 00:40": Monday is 0
    days_back: int | None = None  # "Yesterday 21:40": 1, "Today 09:15": 0


WEEKDAY_TOKEN = re.compile(
    r"\b(?P<name>mon|tue|wed|thu|fri|sat|sun)(?:day|s|sday|nesday|rsday|r|rs|urday|\.)?\b",
    re.IGNORECASE,
)
_DAYS_BACK = re.compile(r"\b(today|yesterday)\b", re.IGNORECASE)
_WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def weekday_in(text: str) -> int | None:
    """The weekday a stamp names ("Wed", "Wednesday"), if it names one and no other."""
    found = {_WEEKDAY_NAMES.index(m.group("name").lower()) for m in WEEKDAY_TOKEN.finditer(text)}
    return found.pop() if len(found) == 1 else None


def clock_of(match: re.Match) -> time | None:
    """The time of day a ``CLOCK_TOKEN`` match names; None for "13pm"."""
    groups = match.groupdict()
    if groups.get("hhmm"):
        return time(int(groups["hhmm"][:2]), int(groups["hhmm"][2:]))
    if groups.get("hhmm12"):
        digits = groups["hhmm12"]
        hour, minute, ampm = int(digits[:-2]), int(digits[-2:]), groups["ampm3"]
    elif groups.get("hour4"):  # "04 12 PM": a space for the colon
        hour, minute, ampm = int(groups["hour4"]), int(groups["minute4"]), groups["ampm4"]
    elif groups.get("hour2"):
        hour, minute, ampm = int(groups["hour2"]), 0, groups["ampm2"]
    else:
        hour, minute, ampm = int(groups["hour"]), int(groups["minute"]), groups.get("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    return time(hour, minute)


def _numeric_day(text: str) -> date | None:
    for match in _NUMERIC_DAY.finditer(text):
        first, separator, second, year = match.groups()
        if separator != ".":
            # "18/11/2024" reads one way only; "11/02/2025" is left to the whole document
            # (dates.numeric_order), which knows which way the page writes its dates.
            found = dates._slashed_reading(first, second, year)
            if found:
                return found
            continue
        try:
            return date(int(year), int(second), int(first))  # dots: day first
        except ValueError:
            continue
    for match in _ISO_DAY.finditer(text):
        year, _, month, day = match.groups()
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def read_bare_stamp(line: str) -> BareStamp | None:
    """The stamp a short line consists of (see the module docstring), or None."""
    text = line.strip()
    if not text or len(text) > 90:
        return None
    clocks = list(CLOCK_TOKEN.finditer(text))
    if len(clocks) != 1:
        return None
    clock_match = clocks[0]
    clock = clock_of(clock_match)
    if clock is None:
        return None
    before, after = text[: clock_match.start()], text[clock_match.end() :]
    rest = before + " \x00 " + after
    day = _numeric_day(rest)
    found = dates.dates_in(rest)
    day = day or (found[0] if found else None)
    partial = None if day else next(iter(dates.partial_dates_in(rest)), None)
    zone_match = _ZONE.search(after) or _ZONE.search(before)
    zone = zone_for(zone_match.group("zone")) if zone_match else None
    # Take out everything that is part of the stamp; what is left is its residue.
    residue = dates.ANY_DATE.sub(" ", rest)
    residue = _NUMERIC_DAY.sub(" ", _ISO_DAY.sub(" ", residue))
    residue = dates._YEARLESS.sub(" ", residue)
    if zone_match:
        residue = _ZONE.sub(" ", residue, count=1)
    residue = _STAMP_WORDS.sub(" ", residue)
    head, _, tail = residue.partition("\x00")
    # Counters or words before the time: the time closes the line.
    counted = bool(_COUNTER.search(head))
    opens = not (counted or any(
        w.casefold() not in CITY_ZONES and len(w) > 1 for w in _WORD.findall(head)
    ))  # fmt: skip
    head, tail = _COUNTER.sub(" ", head), _COUNTER.sub(" ", tail)
    # A place beside the time ("Kyiv, 19:40") says where, not what.
    words_before = [w for w in _WORD.findall(head) if w.casefold() not in CITY_ZONES]
    words_after = [w for w in _WORD.findall(tail) if w.casefold() not in CITY_ZONES]
    words = [w for w in words_before + words_after if len(w) > 1]
    weekday = None if day or partial else weekday_in(rest)
    back = _DAYS_BACK.search(rest)
    days_back = None if day or partial or not back else int(back.group(1).lower() == "yesterday")
    if len(words) <= 1:
        # Nothing, or one label beside the time ("PINNED · 11:02", "Breaking 09:40").
        return BareStamp(clock, zone, day, partial, opens or not counted, "", weekday, days_back)
    # An author's name beside the time: two to four capitalised words, on one side only.
    name = words_before if words_before and not words_after else words_after
    if (
        (bool(words_before) != bool(words_after))
        and 2 <= len(name) <= 4
        and name[0][:1].isupper()
        and name[-1][:1].isupper()
        and all(w[:1].isupper() or w.casefold() in NAME_PARTICLES for w in name)
        and not any(w.casefold() in CITY_ZONES for w in name)
        and not re.search(r"[.!?;]\s*$", head.strip() if words_before else tail.strip())
    ):
        author = " ".join(name).removeprefix("By ").removeprefix("by ")
        return BareStamp(clock, zone, day, partial, opens, author, weekday, days_back)
    return None
