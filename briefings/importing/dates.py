"""Dates as live logs write them: month names, date headers ("Tuesday 1 March"), and the
dates with or without a year found anywhere in a text."""

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


_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"


DAY_MONTH = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+" + _MONTH  # "28 February"
_MONTH_DAY = _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"  # "Feb. 28", "Mar 02"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))"


def named_groups(pattern: str, suffix: str) -> str:
    return re.sub(r"\?P<(\w+)>", lambda m: f"?P<{m[1]}{suffix}>", pattern)


DATE_PATTERN = (
    f"(?:{WEEKDAY}?(?:{DAY_MONTH}|{named_groups(_MONTH_DAY, '_b')}){named_groups(_YEAR, '_a')}?)"
)
ISO_DATE = r"(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)"


# Any date with a year, anywhere: "November 13, 2024", "Wed 13 Nov 2024", "2024-11-13",
# "19 Nov 202419 Nov 2024" (a stamp glued to the next).
ANY_DATE = re.compile(
    rf"(?<![\w-])(?:{named_groups(_MONTH_DAY, '_b')},?\s+(?P<year_b>(?:19|20)\d\d)|{DAY_MONTH},?\s+"
    rf"(?P<year>(?:19|20)\d\d)|{ISO_DATE})(?!\d{{1}}[-/])(?![a-z])",
    re.IGNORECASE,
)
# Day-first numeric dates with dots, as Telegram and European pages write them: "28.12.2023".
NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)(?![\d.]\d)"
)
NUMERIC_HEADER = re.compile(
    rf"^{WEEKDAY}?(?P<nd>[0-3]?\d)\.(?P<nm>[01]?\d)\.(?P<ny>(?:19|20)\d\d)\.?$", re.IGNORECASE
)
SLASHED_DATE = re.compile(r"(?<![\d/])([0-3]?\d)/([0-3]?\d)/((?:19|20)\d\d)(?![\d/])")


YEAR = re.compile(r"(?<!\d)(?:©\s*|copyright\s+)?(?P<year>20[0-3]\d)(?!\d)", re.IGNORECASE)
DATE_HEADER = re.compile(rf"^(?:{DATE_PATTERN}|{ISO_DATE})\.?$", re.IGNORECASE)


# A date anywhere in a line (title lines carry one: "…, November 13, 2024").
DATE_IN_TEXT = re.compile(
    rf"\b(?:{named_groups(_MONTH_DAY, '_b')},?\s+(?P<year_b>(?:19|20)\d\d)|{DAY_MONTH}\s+(?P<year>(?:19|20)\d\d))\b",  # noqa: E501
    re.IGNORECASE,
)


def date_of_groups(groups: dict) -> tuple[date | None, tuple[int, int] | None]:
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


def find_date_header(line: str) -> tuple[date | None, tuple[int, int] | None]:
    match = DATE_HEADER.match(line.strip())
    if not match:
        numeric = NUMERIC_HEADER.match(line.strip())
        return (numeric_date(numeric.groupdict()), None) if numeric else (None, None)
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
        day, _ = date_of_groups(match.groupdict())
        if day:
            found.append((match.start(), day))
    for match in NUMERIC_DATE.finditer(text):
        day = numeric_date(match.groupdict())
        if day:
            found.append((match.start(), day))
    for match in SLASHED_DATE.finditer(text):
        day = _slashed(match)
        if day:
            found.append((match.start(), day))
    return [day for _, day in sorted(found)]


_YEARLESS = re.compile(
    rf"(?<![\w-])(?:{DAY_MONTH}|{named_groups(_MONTH_DAY, '_b')})(?![\w-])", re.IGNORECASE
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
