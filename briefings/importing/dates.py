"""Dates as live logs write them: month names, date headers ("Tuesday 1 March"), and the
dates with or without a year found anywhere in a text."""

import contextlib
import re
from datetime import date

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
# The months in the languages pages are copied from besides English (French, Spanish,
# Portuguese, Italian, German): "domingo 26 de octubre de 2025", "3 août 2024", "12 März".
_FOREIGN_MONTHS = (
    "janvier enero janeiro gennaio januar",
    "février fevrier febrero fevereiro febbraio februar",
    "mars marzo março marco märz",
    "avril abril aprile",
    "mai mayo maio maggio",
    "juin junio junho giugno juni",
    "juillet julio julho luglio juli",
    "août aout agosto",
    "septembre septiembre setiembre setembro settembre",
    "octobre octubre outubro ottobre oktober",
    "novembre noviembre novembro",
    "décembre decembre diciembre dezembro dicembre dezember",
)
for _number, _names in enumerate(_FOREIGN_MONTHS, start=1):
    MONTHS.update(dict.fromkeys(_names.split(), _number))


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"


# "28 February", "26 de octubre", "12. März", "1, MARCH" (a Nigerian paper's day headers)
DAY_MONTH = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|\.)?,?\s+(?:de\s+)?" + _MONTH
_MONTH_DAY = _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"  # "Feb. 28", "Mar 02"
_YEAR = r"(?:,?\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))"


def named_groups(pattern: str, suffix: str) -> str:
    return re.sub(r"\?P<(\w+)>", lambda m: f"?P<{m[1]}{suffix}>", pattern)


DATE_PATTERN = (
    f"(?:{WEEKDAY}?(?:{DAY_MONTH}|{named_groups(_MONTH_DAY, '_b')}){named_groups(_YEAR, '_a')}?)"
)
ISO_DATE = r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"


# A span of days ("25-26 August 2024", "6–7 March", "24 to 25 August"): its first day.
_DAY_SPAN = (
    r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:[-–—/]|to)\s*[0-3]?\d(?:st|nd|rd|th)?\s+" + _MONTH
)

# Any date with a year, anywhere: "November 13, 2024", "Wed 13 Nov 2024", "2024-11-13",
# "19 Nov 202419 Nov 2024" (a stamp glued to the next), "25-26 August 2024" (its first day).
_Y = r"(?:19|20)\d\d|['’]\d\d"  # "2024", "'24"
ANY_DATE = re.compile(
    # "Published15 Mar 2025": a date may be glued to the label before it, a day to a word
    rf"(?<![\d_-])(?:(?<![^\W\d_])|(?=\d))(?:{named_groups(_MONTH_DAY, '_b')},?\s+(?P<year_b>{_Y})|"
    rf"{named_groups(_DAY_SPAN, '_s')},?\s+(?P<year_s>{_Y})|{DAY_MONTH},?\s+(?:de\s+)?"
    rf"(?P<year>{_Y})|{ISO_DATE})(?!\d{{1}}[-/])(?!(?!T\d)[a-z])",
    re.IGNORECASE,
)
# Day-first numeric dates with dots, as Telegram and European pages write them: "28.12.2023".
# Central European pages space them: "16. 3. 2025.".
NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<nd>[0-3]?\d)\.\s?(?P<nm>[01]?\d)\.\s?(?P<ny>(?:19|20)\d\d)(?![\d.]\d)"
)
NUMERIC_HEADER = re.compile(
    rf"^{WEEKDAY}?(?P<nd>[0-3]?\d)\.\s?(?P<nm>[01]?\d)\.\s?(?P<ny>(?:19|20)\d\d)\.?$",
    re.IGNORECASE,
)
SLASHED_HEADER = re.compile(
    rf"^{WEEKDAY}?(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>(?:19|20)\d\d)\.?$", re.IGNORECASE
)
# A military date-time group: "251610ZMAR25" is 25 March 2025, 16:10, zone Z (UTC).
DTG = re.compile(
    r"(?<![\w])(?P<dd>[0-3]\d)(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s?(?P<letter>[A-IK-Z])\s?"
    r"(?P<mon>JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\s?(?P<yy>\d\d(?:\d\d)?)(?![\w])",
    re.IGNORECASE,
)


def dtg_date(match: re.Match) -> date | None:
    year = int(match.group("yy"))
    year = year if year > 999 else 2000 + year
    try:
        return date(year, MONTHS[match.group("mon").lower()], int(match.group("dd")))
    except ValueError:
        return None


# Year first, as East Asian pages write it: "2024/02/22", "2024.02.22" (never ambiguous).
YEAR_FIRST = re.compile(
    r"(?<![\d/.-])(?P<y>(?:19|20)\d\d)(?P<sep>[/.])(?P<m>[01]?\d)(?P=sep)(?P<d>[0-3]?\d)(?![\d/]|\.\d)"
)
SLASHED_DATE = re.compile(r"(?<![\d/])([0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)(?![\d/])")
# Two-digit years ("3/4/25", "05.03.25"): read only on a short line that dates the page,
# where they cannot be a score, a ratio or a version number.
# "13-11-2024": dashes, read like slashes (either order, settled by the document).
DASHED_DATE = re.compile(r"(?<![\d-])([0-3]?\d)-([0-3]?\d)-((?:19|20)\d\d)(?![\d-])")
SHORT_SLASHED = re.compile(r"(?<![\d/.])([0-3]?\d)/([0-3]?\d)/([0-3]\d)(?![\d/])")
SHORT_DOTTED = re.compile(
    r"(?<![\d/.])(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>[0-3]\d)(?![\d.]\d)"
)
SHORT_LINE = 12  # words
# "25 DEC 24", "Wed 26 Dec 24": a line that is only a day, its month and a two-digit year
# (military and aviation logs); never inside a sentence, where "5 May 24" is a count.
SHORT_YEAR_HEADER = re.compile(
    rf"^{WEEKDAY}?(?P<day>[0-3]?\d)\s+{_MONTH},?\s+(?P<year>[0-3]\d)$", re.IGNORECASE
)


YEAR = re.compile(r"(?<!\d)(?:©\s*|copyright\s+)?(?P<year>20[0-3]\d)(?!\d)", re.IGNORECASE)
DATE_HEADER = re.compile(rf"^(?:{DATE_PATTERN}|{ISO_DATE})\.?$", re.IGNORECASE)


# A date anywhere in a line (title lines carry one: "…, November 13, 2024").
DATE_IN_TEXT = re.compile(
    rf"\b(?:{named_groups(_MONTH_DAY, '_b')},?\s+(?P<year_b>(?:19|20)\d\d)|{DAY_MONTH}\s+(?:de\s+)?(?P<year>(?:19|20)\d\d))\b",  # noqa: E501
    re.IGNORECASE,
)


def date_of_groups(groups: dict) -> tuple[date | None, tuple[int, int] | None]:
    if groups.get("iso"):
        try:
            return date.fromisoformat(groups["iso"]), None
        except ValueError:
            return None, None
    for suffix in ("", "_b", "_s"):
        month, day = groups.get("month" + suffix), groups.get("day" + suffix)
        if month and day:
            month_number = MONTHS[month.lower().rstrip(".")]
            year = groups.get("year" + suffix) or groups.get("year_a") or groups.get("year_b")
            if year:
                year = year.lstrip("'’")
                try:
                    return date(
                        int(year) + (2000 if len(year) == 2 else 0), month_number, int(day)
                    ), None
                except ValueError:
                    return None, None
            if 1 <= int(day) <= 31:
                return None, (month_number, int(day))
    return None, None


_HEADER_EDGES = re.compile(r"^[#>*_\s—–|•·\[(-]+|[*_\s—–|:.\])-]+$")
_HEADER_WEEKDAY = re.compile(r"\s*\((?:mon|tues|wednes|thurs|fri|satur|sun)day\)$", re.IGNORECASE)
_DAY_NUMBER = re.compile(r"^day\s+[\d,]+\s*[:,–—-]\s*", re.IGNORECASE)


def _undecorated_header(line: str) -> str:
    """A date line without its Markdown, dashes, colon, "(Wednesday)" or "Day 2:" prefix."""
    text = line.strip()
    for _ in range(2):  # "— 6 November 2024 (Wednesday) —": the dashes, then the weekday
        text = _HEADER_EDGES.sub("", _HEADER_WEEKDAY.sub("", text.rstrip("*_:]— ")))
    return _HEADER_EDGES.sub("", _DAY_NUMBER.sub("", text))


def find_date_header(
    line: str, order: str | None = None
) -> tuple[date | None, tuple[int, int] | None]:
    """A line that is only a date: it starts a day of a live log. ``order`` ("dmy" or "mdy",
    see ``numeric_order``) reads a slashed date that could be either."""
    if len(line) > 80 or not any(ch.isdigit() for ch in line):
        return None, None  # a date line is short and has its day's number
    text = _undecorated_header(line)
    match = DATE_HEADER.match(text) or SHORT_YEAR_HEADER.match(text)
    if not match:
        numeric = NUMERIC_HEADER.match(text)
        if numeric:
            return numeric_date(numeric.groupdict()), None
        slashed = SLASHED_HEADER.match(text)
        if slashed:
            return _slashed_reading(*slashed.group("a", "b", "y"), order=order), None
        return None, None
    return date_of_groups(match.groupdict())


def find_date_in_text(text: str) -> date | None:
    match = DATE_IN_TEXT.search(text)
    if not match:
        return None
    day, _ = date_of_groups(match.groupdict())
    return day


def numeric_date(groups: dict) -> date | None:
    try:
        return date(int(groups["ny"]), int(groups["nm"]), int(groups["nd"]))
    except ValueError:
        return None


def _slashed_reading(first, second, year, order: str | None = None) -> date | None:
    """ "21/11/2024" is day-first, "11/21/2024" month-first; "3/4/2024" says neither, and is
    read in the ``order`` the rest of the document writes its dates, if it shows one."""
    first, second, year = int(first), int(second), int(year)
    if first == second or first > 12 >= second or (order == "dmy" and first <= 12 and second <= 12):
        # ("09/09/2023" reads one way whatever the order)
        day, month = first, second
    elif second > 12 >= first or (order == "mdy" and first <= 12 and second <= 12):
        day, month = second, first
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _slashed(match: re.Match, order: str | None = None) -> date | None:
    return _slashed_reading(*match.groups(), order=order)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)


def numeric_order(lines: list[str]) -> str | None:
    """Whether the document writes numeric dates day first ("dmy") or month first ("mdy"),
    as a reader tells: from a date that can only be read one way ("13/03/2025"), else from
    the weekdays the text names, when they fit only one reading of its ambiguous dates
    ("11/02/2025 … on Tuesday": 11 February 2025 was a Tuesday, 2 November a Sunday)."""
    votes = {"dmy": 0, "mdy": 0}
    ambiguous: list[tuple[int, int, int]] = []
    weekdays: set[int] = set()
    for text in lines:
        if "/" not in text and "-" not in text:
            continue
        slashed = [m.groups() for m in SLASHED_DATE.finditer(text)]
        slashed += [m.groups() for m in DASHED_DATE.finditer(text)]
        if len(text.split()) <= SHORT_LINE:
            slashed += [(a, b, 2000 + int(y)) for a, b, y in SHORT_SLASHED.findall(text)]
        named = {_WEEKDAYS.index(w.lower()) for w in _WEEKDAY_WORD.findall(text)}
        for first, second, year in slashed:
            first, second, year = int(first), int(second), int(year)
            if first > 12 >= second:
                votes["dmy"] += 1
            elif second > 12 >= first:
                votes["mdy"] += 1
            elif first != second:
                ambiguous.append((first, second, year))
                # "Tuesday | 3/4/25": a weekday on the date's own line settles it.
                for order, (d, m) in (("dmy", (first, second)), ("mdy", (second, first))):
                    with contextlib.suppress(ValueError):
                        votes[order] += date(year, m, d).weekday() in named
    if votes["dmy"] != votes["mdy"]:
        return max(votes, key=votes.get)
    if ambiguous:
        for text in lines:
            weekdays.update(_WEEKDAYS.index(w.lower()) for w in _WEEKDAY_WORD.findall(text))
    fits = {"dmy": 0, "mdy": 0}
    for first, second, year in ambiguous:
        for order, (day, month) in (("dmy", (first, second)), ("mdy", (second, first))):
            with contextlib.suppress(ValueError):
                fits[order] += date(year, month, day).weekday() in weekdays
    if fits["dmy"] != fits["mdy"]:
        return max(fits, key=fits.get)
    if ambiguous and any(_AMERICAN_ZONE.search(text) for text in lines):
        # "11/06/2024 2:31 AM EST": a page that keeps American time writes American dates.
        return "mdy"
    return None


_AMERICAN_ZONE = re.compile(
    r"\b(?:[ECMP][SD]T|[ECP]T|AK[SD]T|HST)\b|\b(?:Eastern|Pacific)\s+time\b|"
    r"\ball\s+times\s+(?:Eastern|Pacific|Central)\b",
    re.IGNORECASE,
)


def dates_in(text: str, order: str | None = None) -> list[date]:
    """Every real date with a year written in ``text``, in order (``order``: see
    ``numeric_order``)."""
    found = []
    for match in ANY_DATE.finditer(text):
        day, _ = date_of_groups(match.groupdict())
        if day:
            found.append((match.start(), day))
    for match in NUMERIC_DATE.finditer(text):
        day = numeric_date(match.groupdict())
        if day:
            found.append((match.start(), day))
    for match in DTG.finditer(text):
        day = dtg_date(match)
        if day:
            found.append((match.start(), day))
    for match in YEAR_FIRST.finditer(text):
        day = numeric_date({"nd": match["d"], "nm": match["m"], "ny": match["y"]})
        if day:
            found.append((match.start(), day))
    for match in [*SLASHED_DATE.finditer(text), *DASHED_DATE.finditer(text)]:
        day = _slashed(match, order)
        if day:
            found.append((match.start(), day))
    if not found and len(text.split()) <= SHORT_LINE:
        for match in SHORT_SLASHED.finditer(text):
            first, second, year = match.groups()
            day = _slashed_reading(first, second, 2000 + int(year), order=order)
            if day:
                found.append((match.start(), day))
        short_year = SHORT_YEAR_HEADER.match(_undecorated_header(text))
        if short_year:
            day, _ = date_of_groups(short_year.groupdict())
            if day:
                found.append((0, day))
        for match in SHORT_DOTTED.finditer(text):
            groups = match.groupdict()
            day = numeric_date({**groups, "ny": str(2000 + int(groups["ny"]))})
            if day:
                found.append((match.start(), day))
    return [day for _, day in sorted(found)]


_YEARLESS = re.compile(
    rf"(?<![\w-])(?:{named_groups(_DAY_SPAN, '_s')}|{DAY_MONTH}|{named_groups(_MONTH_DAY, '_b')})"
    r"(?![\w-])",
    re.IGNORECASE,
)


def partial_dates_in(text: str) -> list[tuple[int, int]]:
    """(month, day) of every date written without its year: "4th December", "Nov. 19"."""
    found = []
    for match in _YEARLESS.finditer(text):
        _, partial = date_of_groups(match.groupdict())
        if partial:
            found.append(partial)
    return found


def years_in(text: str) -> list[int]:
    return [int(m.group("year")) for m in YEAR.finditer(text)]


def looks_dated(text: str) -> bool:
    """Whether ``text`` writes a date with its year, even one only the rest of the document
    can read ("3/4/25": 3 April or 4 March)."""
    if dates_in(text):
        return True
    short = len(text.split()) <= SHORT_LINE
    return bool(
        SLASHED_DATE.search(text) or (short and (SHORT_SLASHED.search(text) or DTG.search(text)))
    )
