"""When and where a document was written, read from the whole document as an editor would.

A document states its date in many places: a header line ("Wed 13 Nov 2024 16.20 GMT",
"Published On 19 Nov 2024", "WATCH LOG 17 JUL 2023"), a wire dateline ("KYIV, Nov 13
(Reuters) -"), its title, a caption or a footer; and the zone of its clocks in a header, a
sentence of the lede ("all times Kyiv (GMT+2)") or only through the city of its dateline.
``find_document_date`` and ``find_document_zone`` weigh these the way a reader does: a line
that exists to date the page beats a date mentioned in passing; a date without a year takes
its year from the rest of the document. A date found only in prose is a guess and says so.
Nothing here ever falls back on today's date: a document that states no date gets None.
"""

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from . import dates, places, zones
from . import timestamps as ts
from .attribution import OUTLET_WORDS
from .stamp_shape import weekday_in

# Words that may stand beside a date in a line whose purpose is to date the page.
_META = re.compile(
    r"\b(?:first|last|originally|published|posted|updated|modified|on|at|date|dated|watch|"
    r"log|edition|issue|no|as of|live|updates?|min|mins|read|ago|hours?|days?|all|times?|"
    r"am|pm|a\.m|p\.m|are|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d+)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.!?][”\"’')]*$")


@dataclass(frozen=True)
class DocumentDate:
    day: date
    source: str  # "header", "dateline", "title", "stamp", "note", "text"
    line: int  # 1-based line of the cleaned text, 0 for the title given by the caller
    guessed: bool = False  # taken from prose: the editor should check it


def is_meta_line(text: str) -> bool:
    """A short line that is there to date the page: little besides dates, clocks and zones."""
    if len(text) > 120:
        return False
    rest = zones.ZONE_IN_SENTENCE.sub(" ", dates.ANY_DATE.sub(" ", dates.DTG.sub(" ", text)))
    rest = ts.CLOCK_ANYWHERE.sub(" ", rest)
    rest = _META.sub(" ", rest)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return len(words) <= 3


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 10 or bool(SENTENCE_END.search(text) and len(text.split()) > 5)


def find_document_date(lines: list[str], title: str = "") -> DocumentDate | None:
    """The date the document states for itself, or None (see the module docstring)."""
    by_source: dict[str, list[tuple[int, date]]] = {}
    partial: list[tuple[int, tuple[int, int]]] = []

    def add(source, number, day):
        by_source.setdefault(source, []).append((number, day))

    order = dates.numeric_order([title, *lines])

    if title:
        for day in dates.dates_in(title):
            add("title", 0, day)
    first_line = next((n for n, raw in enumerate(lines, start=1) if raw.strip()), 0)
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if not text:
            continue
        if number == first_line and not title:
            # The first line is the headline: "…: what we know on Wednesday 13 November 2024"
            for day in dates.dates_in(text, order):
                add("title", number, day)
        dateline = ts.find_dateline(text)
        if dateline and dateline.day:
            add("dateline", number, dateline.day)
        elif dateline and dateline.partial_day:
            partial.append((number, dateline.partial_day))
        header_day, header_partial = dates.find_date_header(text, order)
        if header_partial:
            partial.append((number, header_partial))
        stamp = ts.find_stamp(text)
        if stamp and stamp.partial_day and not stamp.day:
            partial.append((number, stamp.partial_day))
        found = dates.dates_in(text, order)
        if not found:
            yearless = dates.partial_dates_in(text)[:1]
            if yearless and is_meta_line(text):  # "Data as of 4th December, 14:00 UTC"
                partial.extend((number, day) for day in yearless)
            continue
        if header_day or (stamp and stamp.day and stamp.style != "meta" and not stamp.rest):
            add("stamp", number, found[0])
        elif is_meta_line(text) or (stamp and stamp.style == "meta"):
            add("header", number, found[0])
        elif stamp and stamp.day:
            add("stamp", number, found[0])
        elif not _is_prose(text):
            add("note", number, found[0])  # a caption, a footer, a heading
        else:
            add("text", number, found[0])
    for source in ("header", "dateline", "title", "stamp"):
        if by_source.get(source):
            number, day = by_source[source][0]
            return DocumentDate(day, source, number)
    # Stamps that give a day without its year ("09:10, 20 November") know the day better
    # than a footer does; the footer still gives the year.
    if partial:
        year = _document_year(lines, title, by_source)
        if year:
            number, (month, day_of_month) = partial[0]
            try:
                return DocumentDate(date(year, month, day_of_month), "partial", number)
            except ValueError:
                pass
    if by_source.get("note"):
        number, day = by_source["note"][0]
        return DocumentDate(day, "note", number)
    if by_source.get("text"):
        number, day = by_source["text"][0]
        return DocumentDate(day, "text", number, guessed=True)
    return None


# How far back a weekday may place a year: it repeats every five to eleven years.
WEEKDAY_YEARS = 6


def weekday_suggestion(lines: list[str]) -> DocumentDate | None:
    """ "Wednesday, December 4" in a document that states no year: the latest year, up to
    this one, in which that day was that weekday (2024). Only a suggestion for the editor
    who must give the date: the weekday repeats every five to eleven years."""
    today = date.today()
    for number, raw in enumerate(lines, start=1):
        _, partial = dates.find_date_header(raw)
        weekday = weekday_in(raw) if partial else None
        if weekday is None:
            continue
        month, day_of_month = partial
        for year in range(today.year, today.year - WEEKDAY_YEARS, -1):
            try:
                day = date(year, month, day_of_month)
            except ValueError:
                continue
            if day.weekday() == weekday and day <= today:
                return DocumentDate(day, "weekday", number, guessed=True)
    return None


def _document_year(lines, title, by_source) -> int | None:
    """The year a date without one belongs to: any dated line's, else any year written."""
    for found in by_source.values():
        if found:
            return found[0][1].year
    years = Counter(y for text in [title, *lines] for y in dates.years_in(text))
    return years.most_common(1)[0][0] if years else None


def find_document_zone(lines: list[str], day: date | None = None) -> tuple[str | None, str]:
    """The zone the document's clocks keep, and how it is known: ("Europe/Kyiv", "declared")
    when the page writes it — a declaration in a header or a sentence ("All times CET",
    "… (all times Kyiv, GMT+2)"), a place's clock named in the header ("(Kyiv time)"),
    "all times local" with the place the page reports from, the zone of the page's own time
    ("Updated 4:05 p.m. ET, March 4, 2025") or the one zone its stamps name; ("Europe/Kyiv",
    "dateline") when only a dateline's city implies it; else (None, "")."""
    for raw in lines:
        zone = zones.find_zone_declaration(raw) or zones.find_zone_in_sentence(raw)
        if zone:
            return zone, "declared"
    text = "\n".join(lines)
    stamps = [(n, s) for n, raw in enumerate(lines) if (s := ts.find_stamp(raw))]
    first = next((n for n, s in stamps if s.style != "meta"), len(lines))
    for raw in lines[:first]:
        zone = zones.find_place_time(raw)
        if zone and (
            not _is_prose(raw)
            or re.search(r"\([^)]*\btime\)|\btimes\b", raw, re.I)
            or not ts.CLOCK_ANYWHERE.search(raw)  # "Kyiv time (GMT+2) is used throughout."
        ):
            return zone, "declared"
    for raw in lines:
        zone = _place_clock(raw)
        if zone:
            return zone, "declared"
    if any(zones.declares_local_time(raw) for raw in lines[: first + 1]):
        place = _page_place(lines[: max(first, 12)])
        if place:
            return place, "declared"
    for _, stamp in stamps:
        if stamp.style == "meta" and stamp.zone:
            return stamp.zone, "declared"  # the page's own time names its clock
    named = {s.zone for _, s in stamps if s.zone and s.style != "meta"}
    if len(named) == 1:
        return named.pop(), "declared"  # "16:40 EEST" over bare clocks: the same clock
    for raw in lines:
        dateline = ts.find_dateline(raw)
        if dateline and dateline.zone:
            return dateline.zone, "dateline"
        # "Kyiv, 14 November 2024": a place and a date dating the page.
        place = raw.strip().split(",", 1)[0].casefold()
        if place in zones.CITY_ZONES and "," in raw and dates.dates_in(raw) and is_meta_line(raw):
            return zones.CITY_ZONES[place], "dateline"
        zone = _place_and_date(raw)
        if zone:
            return zone, "dateline"
    # A page that names no zone keeps the clock of where it reports from: the zone of the
    # places it names, when nearly all keep one clock ("… tells supporters in London", an
    # election night in the North East, a Seattle paper on Puget Sound), with a warning.
    # The page's top (its headline and lede, above the first stamp) says where the story
    # is: its places count twice.
    head = "\n".join([raw for raw in lines[:first] if raw.strip()][:HEAD_LINES])
    timed = stamps or ts.CLOCK_ANYWHERE.search(text)
    zone = _places_zone(f"{text}\n{head}", day) if timed else None
    return (zone, "places") if zone else (None, "")


# "All times are Sri Lanka time", "(Malmö time)": a place the short tables do not list,
# known to GeoNames, then "time".
_PLACE_CLOCK = re.compile(
    r"(?:\b(?i:times?)\b[^.!?]{0,40}?\b|\(\s*)"
    r"(?P<place>[A-ZÀ-Þ][^\W\d_]*(?:[ '’-][A-ZÀ-Þ][^\W\d_]*){0,2})"
    r"(?:\s+(?:summer|winter|standard|daylight|local))?\s+time\b"
)


# The same in the languages pages are copied from: "Hora del centro de México", "heure de
# Paris", "horário de Brasília", "ora di Roma".
_FOREIGN_PLACE_CLOCK = re.compile(
    r"\b(?i:hora|horario|horário|heure|ora)\s+(?:(?i:oficial|locale?)\s+)?"
    r"(?i:de|del|da|do|di|della|d['’])\s*(?:(?i:la|el)\s+|l['’])?(?:(?i:centro)\s+(?:(?i:de)\s+)?)?"
    r"(?P<place>[A-ZÀ-Þ][^\W\d_]*(?:[ '’-][A-ZÀ-Þ][^\W\d_]*){0,2})"
)


def _place_clock(raw: str) -> str | None:
    match = _PLACE_CLOCK.search(raw) or _FOREIGN_PLACE_CLOCK.search(raw)
    if not match:
        return None
    return zones.declared_place_zone(match.group("place")) or places.zone_of(match.group("place"))


# "Malmö, Saturday 11 May 2024. Twenty-five countries …": a place and a date open the lede.
_PLACE_AND_DATE = re.compile(r"^(?P<place>[A-ZÀ-Þ][^\W\d_]*(?:[ '’-][A-ZÀ-Þ][^\W\d_]*){0,2}),\s")


def _place_and_date(raw: str) -> str | None:
    match = _PLACE_AND_DATE.match(raw.strip())
    if not match:
        return None
    rest = raw.strip()[match.end() :]
    found = dates.ANY_DATE.search(rest)
    if not found or found.start() > len("Wednesday, "):
        return None
    return places.city_zone(match.group("place"))


_PLACE_PAPER = re.compile(
    r"(?<![\w’'-])(?P<home>[A-ZÀ-Þ][^\W\d_]+(?: [A-ZÀ-Þ][^\W\d_]+)??)"
    r"(?: (?:Morning|Evening|Sunday|Daily|Weekly|Business))? (?:"
    + "|".join(sorted((w.capitalize() for w in OUTLET_WORDS), key=len, reverse=True))
    + r")\b"
)
# The page's first lines above its first stamp (masthead, headline, lede) whose places
# count twice in the vote.
HEAD_LINES = 6
# The zones whose places must make up this share of the places a page names.
PLACES_SHARE = 2 / 3


def _places_zone(text: str, day: date | None = None) -> str | None:
    """The zone of the places a text names, when they nearly all keep one clock: the cities
    of the short tables and GeoNames' countries, US states and big cities. Zones that keep
    the same clock on the document's ``day`` (Sydney and Brisbane in May), or all year when
    the day is not known (Warsaw and Berlin), count as one."""
    votes = places.mentioned_zones(text, _LISTED_NAMES)
    papers = [match.span("home") for match in _PLACE_PAPER.finditer(text)]
    for match in _LISTED_PLACE.finditer(text):
        name = " ".join(match.group(1).lower().split())
        if any(start <= match.start() < end for start, end in papers):
            continue  # "Korea Business Times": the paper's place votes once, below
        if not places.names_the_state(text, match):
            votes[_LISTED_ZONES[name]] += 1
    for match in _PLACE_PAPER.finditer(text):
        # "The Sydney Morning Herald", "Korea Herald": a paper keeps its city's clock
        home = places.fold(match.group("home")).removeprefix("the ")
        zone = _LISTED_ZONES.get(home) or places.zone_of(home)
        if zone:
            votes[zone] += 1
    if not votes:
        return None
    clocks: Counter = Counter()
    for zone, count in votes.items():
        clocks[places.offsets(zone, day)] += count
    clock, count = clocks.most_common(1)[0]
    if count < PLACES_SHARE * sum(clocks.values()):
        return None
    return max((z for z in votes if places.offsets(z, day) == clock), key=lambda z: votes[z])


_CITY = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, zones.CITY_ZONES), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


# The short tables' cities and countries ("Korea", which GeoNames calls South Korea).
_LISTED_ZONES = {**zones.COUNTRY_ZONES, **zones.CITY_ZONES}
_LISTED_NAMES = frozenset(places.fold(name) for name in _LISTED_ZONES)
_LISTED_PLACE = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted(map(re.escape, _LISTED_ZONES), key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)


def _page_place(lines: list[str]) -> str | None:
    """The zone of the place a page reports from: its dateline's city, else the first city
    its headline or header names."""
    for raw in lines:
        dateline = ts.find_dateline(raw)
        if dateline and dateline.zone:
            return dateline.zone
    for raw in lines:
        match = _CITY.search(raw)
        if match:
            return zones.CITY_ZONES[" ".join(match.group(1).lower().split())]
    return None
