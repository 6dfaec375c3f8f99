"""Where and how long ago: wire datelines ("KYIV, Nov 13 (Reuters) -") and relative stamps
("36m ago"), which place an entry only against a place or a time given elsewhere."""

import re
from dataclasses import dataclass
from datetime import date

from . import places
from .dates import DATE_PATTERN, date_of_groups, named_groups
from .zones import CITY_ZONES

RELATIVE_STAMP = re.compile(
    r"^(?:(?:updated|published|posted)\s+)?(?:(?P<count>\d+)\s*(?P<unit>s|sec|secs|seconds?|m|min|mins|"
    r"minutes?|h|hr|hrs|hours?|d|days?)|an?\s+(?P<one>minute|hour|day)|just now|moments?)"
    r"(?:\s+ago)?\.?$",
    re.IGNORECASE,
)


# "KYIV, Nov 13 (Reuters) -", "WASHINGTON (AP) —", "Kyiv, 13 November 2024 —", "RIYADH:"
DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][^\W\d_ .'’-]*(?:[ .'’-]+[^\W\d_]+){0,4}?)"
    r"(?:(?:,\s*[A-Z][A-Za-z .]{1,30})?,?\s+"
    rf"(?:(?i:{named_groups(DATE_PATTERN, '_d')})\s*)?(?:\((?P<agency>[^)]{{1,40}})\)\s*)?[-–—]|"
    r"(?P<colon>:))\s",
)


def is_relative_stamp(line: str) -> bool:
    return relative_minutes(line) is not None


_COMPOUND = re.compile(
    r"^(?:(?:updated|published|posted)\s+)?(?P<hours>\d{1,2})\s*(?:h|hr|hrs|hours?)\s*,?\s*"
    r"(?:and\s+)?(?P<minutes>\d{1,2})\s*(?:m|min|mins|minutes?)\s+ago\.?$",
    re.IGNORECASE,
)
_UNIT_MINUTES = {"s": 0, "m": 1, "h": 60, "d": 1440}


def relative_minutes(line: str) -> int | None:
    """How many minutes before the page was copied "36m ago" says, or None."""
    compound = _COMPOUND.match(line.strip())
    if compound:  # "1h 5m ago", "2 hours 10 minutes ago"
        return int(compound.group("hours")) * 60 + int(compound.group("minutes"))
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


@dataclass(frozen=True)
class Dateline:
    place: str
    zone: str | None
    day: date | None
    partial_day: tuple[int, int] | None


def find_dateline(line: str) -> Dateline | None:
    """A wire dateline opening a paragraph: "KYIV, Nov 13 (Reuters) - …"."""
    match = DATELINE.match(line.strip())
    if not match:
        return None
    place = match.group("place").strip()
    listed = place.lower() in CITY_ZONES
    # GeoNames' towns only in capitals ("MALMÖ —"): "Most — …" opens a sentence.
    zone = CITY_ZONES.get(place.lower()) or (places.city_zone(place) if place.isupper() else None)
    if match.group("colon") and not (place.isupper() and zone and len(place) >= 4):
        return None  # "RIYADH: …" is a dateline; "BREAKING: …", "Update: …" are labels
    dashed = match.group(0).rstrip()[-1] in "–—"
    marked = match.group("agency") or match.group("month_d") or match.group("month_b_d")
    # "KYIV, Nov 13 (Reuters) -", "KHARKIV — …", and "Kyiv — …" (a listed city, a long dash)
    if not (marked or (zone and place.isupper()) or (listed and dashed)):
        return None
    if not (place.isupper() or match.group("agency") or (listed and dashed)):
        return None
    groups = {k.removesuffix("_d"): v for k, v in match.groupdict().items() if k.endswith("_d")}
    day, partial = date_of_groups(groups)
    return Dateline(place, zone, day, partial)
