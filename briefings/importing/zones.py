"""Time zones as live logs name them: abbreviations, cities and countries, the lines that
declare a page's zone, and the conversion of a local clock to UTC.

Zone abbreviations name a zone's rules, resolved with zoneinfo for the entry's date: "EST" in
July is read as New York time (EDT), as American outlets write it. GMT and UTC are UTC.
"""

import re
import zoneinfo
from datetime import UTC, date, datetime, time, timedelta, timezone

from .places import fold

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
    "mt": "America/Denver",
    "mountain": "America/Denver",
    "mountain time": "America/Denver",
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
    "aet": "Australia/Sydney",
    "australian eastern time": "Australia/Sydney",
    "australian eastern standard time": "Australia/Sydney",
    "australian eastern daylight time": "Australia/Sydney",
    "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide",
    "awst": "Australia/Perth",
    "brt": "America/Sao_Paulo",
    "brasilia time": "America/Sao_Paulo",
    # Abbreviations each outlet of a region uses for its one zone. "IST" is India's on the
    # pages that write it (Israeli pages write "Israel time", Irish ones "Irish time").
    "ist": "Asia/Kolkata",
    "indian standard time": "Asia/Kolkata",
    "pkt": "Asia/Karachi",
    "ict": "Asia/Bangkok",
    "indochina time": "Asia/Bangkok",
    "wib": "Asia/Jakarta",
    "pht": "Asia/Manila",
    "myt": "Asia/Kuala_Lumpur",
    "korea standard time": "Asia/Seoul",
    "japan standard time": "Asia/Tokyo",
    "china standard time": "Asia/Shanghai",
    "idt": "Asia/Jerusalem",
    "israel standard time": "Asia/Jerusalem",
    "israel daylight time": "Asia/Jerusalem",
    "irst": "Asia/Tehran",
    "gst": "Asia/Dubai",
    "wet": "Europe/Lisbon",
    "nzst": "Pacific/Auckland",
    "nzdt": "Pacific/Auckland",
    "akst": "America/Anchorage",
    "akdt": "America/Anchorage",
    "hst": "Pacific/Honolulu",
    "east africa time": "Africa/Nairobi",
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
    "bangkok": "Asia/Bangkok",
    "hanoi": "Asia/Bangkok",
    "yangon": "Asia/Yangon",
    "jakarta": "Asia/Jakarta",
    "manila": "Asia/Manila",
    "singapore": "Asia/Singapore",
    "kuala lumpur": "Asia/Kuala_Lumpur",
    "mumbai": "Asia/Kolkata",
    "kolkata": "Asia/Kolkata",
    "islamabad": "Asia/Karachi",
    "karachi": "Asia/Karachi",
    "kabul": "Asia/Kabul",
    "dhaka": "Asia/Dhaka",
    "amman": "Asia/Amman",
    "jeddah": "Asia/Riyadh",
    "sanaa": "Asia/Aden",
    "khartoum": "Africa/Khartoum",
    "port sudan": "Africa/Khartoum",
    "nairobi": "Africa/Nairobi",
    "addis ababa": "Africa/Addis_Ababa",
    "lagos": "Africa/Lagos",
    "kinshasa": "Africa/Kinshasa",
    "goma": "Africa/Lubumbashi",
    "johannesburg": "Africa/Johannesburg",
    "athens": "Europe/Athens",
    "lisbon": "Europe/Lisbon",
    "dublin": "Europe/Dublin",
    "oslo": "Europe/Oslo",
    "copenhagen": "Europe/Copenhagen",
    "prague": "Europe/Prague",
    "budapest": "Europe/Budapest",
    "belgrade": "Europe/Belgrade",
    "sofia": "Europe/Sofia",
    "valencia": "Europe/Madrid",
    "barcelona": "Europe/Madrid",
    "munich": "Europe/Berlin",
    "strasbourg": "Europe/Paris",
    "mexico city": "America/Mexico_City",
    "caracas": "America/Caracas",
    "sao paulo": "America/Sao_Paulo",
    "buenos aires": "America/Argentina/Buenos_Aires",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "houston": "America/Chicago",
    "phoenix": "America/Phoenix",
    "honolulu": "Pacific/Honolulu",
    "auckland": "Pacific/Auckland",
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
    "thailand": "Asia/Bangkok",
    "thai": "Asia/Bangkok",
    "indian": "Asia/Kolkata",
    "pakistan": "Asia/Karachi",
    "japanese": "Asia/Tokyo",
    "korean": "Asia/Seoul",
    "spain": "Europe/Madrid",
    "spanish": "Europe/Madrid",
    "italy": "Europe/Rome",
    "italian": "Europe/Rome",
    "kenya": "Africa/Nairobi",
    "sudan": "Africa/Khartoum",
    "saudi": "Asia/Riyadh",
    "greece": "Europe/Athens",
    "greek": "Europe/Athens",
}


# Abbreviations that are also words ("ART", "PET", "WIT", "WEST"): read only in capitals,
# as pages write a zone, never as "art" or "west" in a sentence after a clock.
CAPITALS_ONLY_ZONES = {
    "brt": "America/Sao_Paulo",
    "art": "America/Argentina/Buenos_Aires",
    "clt": "America/Santiago",
    "clst": "America/Santiago",
    "cot": "America/Bogota",
    "pet": "America/Lima",
    "vet": "America/Caracas",
    "trt": "Europe/Istanbul",
    "npt": "Asia/Kathmandu",
    "mmt": "Asia/Yangon",
    "wita": "Asia/Makassar",
    "wit": "Asia/Jayapura",
    "acst": "Australia/Adelaide",
    "acdt": "Australia/Adelaide",
    "awst": "Australia/Perth",
    "aft": "Asia/Kabul",
    "mez": "Europe/Berlin",
    "mesz": "Europe/Berlin",
    "west": "Europe/Lisbon",
    "nst": "America/St_Johns",
    "ndt": "America/St_Johns",
    "chst": "Pacific/Guam",
    "ast": None,  # Arabia or Atlantic: the page must say which
}
ZONES.update({k: v for k, v in CAPITALS_ONLY_ZONES.items() if v})

ZONE_PATTERN = (
    r"(?P<zone>(?:GMT|UTC)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?|"
    + "|".join(
        sorted(
            (f"(?-i:{z.upper()})" if z in CAPITALS_ONLY_ZONES else re.escape(z) for z in ZONES),
            key=lambda z: len(z.removeprefix("(?-i:").removesuffix(")")),
            reverse=True,
        )
    )
    + r")\b"
)
ZONE2_PATTERN = ZONE_PATTERN.replace("?P<zone>", "?P<zone2>")
ANY_ZONE = ZONE_PATTERN.replace("?P<zone>", "?:")


# "All times are Kyiv time", "Times below are Chicago time (CDT)", "times Eastern", "All
# times local (GMT+3)", "All updates in Central European Summer Time": the words that
# declare which clock a page keeps, then a zone, a city or a country's time.


# Cities every zone database names ("America/Bogota", "Asia/Ho_Chi_Minh"): in a declaration
# ("Times are Bogotá time", "(Lagos time)") any of them names its zone, not only the cities
# the tables above list. Not used for datelines or cities merely mentioned: "Jersey" or
# "Christmas" in a sentence says nothing about the page's clock.
# The database's old region names and words that are no city ("Australia/West",
# "America/Indiana/Knox").
_NOT_CITIES = frozenset(
    ["west", "north", "south", "east", "central", "eastern", "western", "mountain", "pacific",
     "atlantic", "knox", "center", "yukon", "general", "continental", "easter", "christmas"]
)  # fmt: skip


def _database_cities() -> dict[str, str]:
    cities = {}
    regions = ("Europe", "America", "Asia", "Africa", "Australia", "Pacific", "Atlantic", "Indian")
    for name in zoneinfo.available_timezones():
        region, _, rest = name.partition("/")
        if region in regions and rest:
            city = rest.rsplit("/", 1)[-1].replace("_", " ").casefold()
            if len(city) > 3 and city not in _NOT_CITIES:
                cities.setdefault(city, name)
    return cities


# Capitals whose zone the database files under another city; names a country's clock is
# called by.
_CAPITAL_ZONES = {
    "brasilia": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "brazil": "America/Sao_Paulo",
    "brazilian": "America/Sao_Paulo",
    "ho chi minh city": "Asia/Ho_Chi_Minh",
    "abuja": "Africa/Lagos",
    "canberra": "Australia/Sydney",
    "wellington": "Pacific/Auckland",
    "quito": "America/Guayaquil",
}
DECLARED_PLACES = {
    **_database_cities(),
    **_CAPITAL_ZONES,
    **{fold(k): v for k, v in CITY_ZONES.items()},
    **{fold(k): v for k, v in COUNTRY_ZONES.items()},
}
_ACCENTS = {"a": "aáàâãäå", "e": "eéèêë", "i": "iíìîï", "o": "oóòôõö", "u": "uúùûü", "c": "cç",
            "n": "nñ"}  # fmt: skip


def _accented(name: str) -> str:
    return "".join(f"[{_ACCENTS[c]}]" if c in _ACCENTS else re.escape(c) for c in name).replace(
        r"\ ", r"\s+"
    )


_PLACE = "|".join(_accented(p) for p in sorted(DECLARED_PLACES, key=len, reverse=True))


def declared_place_zone(name: str) -> str | None:
    """The zone of a place a declaration names ("Brasília", "Kyiv", "Israel")."""
    return DECLARED_PLACES.get(fold(name))


ZONE_IN_SENTENCE = re.compile(
    r"(?:^(?:times?|time\s*zone|timezone)\s*:\s*|\b(?:all\s+)?(?:times|updates|stamps|"
    r"timestamps|time\s+stamps|timings|clocks)\s+"
    r"(?:(?:below|here|above|(?:on|in)\s+(?:this|our|the)\s+(?:[\w-]+\s+){0,2}?(?:blog|post|"
    r"page|log|report|list|feed|story|article|file|thread|timeline|coverage))\s+)?"
    r"(?:(?:are|is|in|shown|given|listed|stated|written|expressed|quoted|used)\s+)*"
    r"(?:(?:local|the)\s+)?\(?\s*)"
    r"(?:(?P<city>" + _PLACE + r")(?:\s+(?:summer|winter|standard|daylight|local))?"
    r"(?:\s+time\b|\b(?![\w-]))|" + ZONE_PATTERN + r"(?![\w-]))"
    # then the end of the phrase: "at times central banks …" declares nothing
    r"(?=\s*(?:time\b|[.,;:()\[\]—–|·•/-]|$))",
    re.IGNORECASE,
)


ZONE_DECLARATION = re.compile(
    r"^\(?\s*(?:all\s+)?times?\s+(?:are\s+|in\s+|shown\s+in\s+|given\s+in\s+|listed\s+in\s+)*"
    + ZONE_PATTERN
    + r"(?:\s+time)?\s*(?:\([^)]*\))?\.?\s*\)?\.?$",
    re.IGNORECASE,
)


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


# Zones that keep an offset that is not a whole hour all year (the Etc/ zones have only
# whole hours; Adelaide, St John's or Chatham change theirs in summer), the most populous
# first: a page that states "UTC+5:45" is dated by that offset, and its briefing shows
# times in a zone that keeps the same offset (named_zone()).
FRACTIONAL_ZONES = (
    "Asia/Kolkata",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Yangon",
    "Asia/Kathmandu",
    "Australia/Darwin",
    "Australia/Eucla",
    "Pacific/Marquesas",
)


def named_zone(zone: str | None, day: date | None) -> str | None:
    """The IANA name a briefing keeps for a reading's ``zone``: the zone itself, or for a
    fixed offset that is not a whole hour ("UTC+05:45", which only the reading knows), a zone
    with that offset all through ``day``'s year, else UTC (the times, read with the offset,
    are right either way)."""
    if not zone or not (zone.startswith("UTC") and len(zone) > 3):
        return zone
    offset = tzinfo_for(zone).utcoffset(None)
    year = (day or date.today()).year
    for name in FRACTIONAL_ZONES:
        place = zoneinfo.ZoneInfo(name)
        if all(
            datetime(year, month, 15, 12, tzinfo=UTC).astimezone(place).utcoffset() == offset
            for month in range(1, 13)
        ):
            return name
    return "UTC"


def military_zone(letter: str) -> str | None:
    """The zone a military time's letter names: Z is UTC, A–M (no J) hours east, N–Y west."""
    letter = letter.upper()
    if letter == "Z":
        return "UTC"
    east, west = "ABCDEFGHIKLM", "NOPQRSTUVWXY"
    if letter in east:
        return zone_for(f"UTC+{east.index(letter) + 1}")
    if letter in west:
        return zone_for(f"UTC-{west.index(letter) + 1}")
    return None


def tzinfo_for(zone: str):
    if zone.startswith("UTC") and len(zone) > 3:  # "UTC+05:30", a fixed offset
        sign = 1 if zone[3] == "+" else -1
        hours, minutes = int(zone[4:6]), int(zone[7:9])
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    return zoneinfo.ZoneInfo(zone)


# "timezone: Europe/Amsterdam" (a Markdown page's front matter), "Time zone: Asia/Tokyo".
IANA_DECLARATION = re.compile(
    r"^(?:time\s*zone|timezone|tz)\s*[:=]\s*[\"']?(?P<iana>(?:Europe|America|Asia|Africa|"
    r"Australia|Pacific|Atlantic|Indian|Etc)/[A-Za-z_+-]+(?:/[A-Za-z_]+)?|UTC)[\"']?\s*$",
    re.IGNORECASE,
)


def find_zone_declaration(line: str) -> str | None:
    """The zone a line exists to declare: "All times CET.", "Times below are Chicago time
    (CDT), where the convention is held." (one short sentence opening with the declaration),
    "timezone: Europe/Amsterdam"."""
    text = line.strip()
    iana = IANA_DECLARATION.match(text)
    if iana:
        try:
            zoneinfo.ZoneInfo(iana.group("iana"))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
        return iana.group("iana")
    match = ZONE_DECLARATION.match(text)
    if match:
        return zone_for(match.group("zone"))
    sentence = ZONE_IN_SENTENCE.match(text.lstrip("( "))
    if sentence and len(text.split()) <= 16 and not re.search(r"[.!?]\s+\S", text):
        return find_zone_in_sentence(text)
    return None


# "All times Chiang Mai (GMT+7)": a place no table knows, its offset in brackets after it.
OFFSET_AFTER_PLACE = re.compile(
    r"\b(?:all\s+)?(?:times|updates|timestamps|clocks)\s+(?:(?:below|here|are|is|in|shown|given)\s+)*"
    r"(?:local\s+)?(?:[A-Z][\w'’.-]*\s+){1,3}(?:(?:local\s+)?time\s+)?\(\s*"
    + ZONE_PATTERN
    + r"\s*\)",
    re.IGNORECASE,
)


_TIME_AFTER = re.compile(r"\s+(?:(?:summer|winter|standard|daylight|local)\s+)?time\b", re.I)


_PARTS = re.compile(r"\s+[|·•]\s+")


def row_declares_zone(line: str) -> bool:
    """Whether one part of a row of short parts ("13.12.2024 | all times Kyiv (UTC+2) | oldest
    first") declares the page's zone the way a whole line would: the row is the page's meta,
    neither a menu nor a headline."""
    parts = _PARTS.split(line.strip())
    return len(parts) > 1 and any(
        find_zone_declaration(part) or find_zone_in_sentence(part) for part in parts
    )


def find_zone_in_sentence(line: str) -> str | None:
    """A zone declared inside a sentence: "… (all times Kyiv, GMT+2)", "Times are EST.",
    "All times Chiang Mai (GMT+7)"."""
    match = ZONE_IN_SENTENCE.search(line)
    if not match:
        offset = OFFSET_AFTER_PLACE.search(line)
        return zone_for(offset.group("zone")) if offset else None
    if match.group("city"):
        city = fold(match.group("city"))
        if (city in COUNTRY_ZONES or city not in CITY_ZONES) and not _TIME_AFTER.match(
            line[match.end("city") :]
        ):
            # "times in Israel were …" is not a declaration; "Israel time" is. A city the
            # short tables do not know declares only with "time" after it.
            return None
        return declared_place_zone(city)
    return zone_for(match.group("zone"))


# "(Kyiv time)", "Kyiv summer time", "Times: local": a place's clock named on a line of the
# page's header, without the "all times" words.
PLACE_TIME = re.compile(
    r"(?<![\w-])(?P<city>" + _PLACE + r")(?:\s+(?:summer|winter|standard|daylight|local))?"
    r"(?<=\w)\)?\s+time\b(?!\s+(?:of|to|for|when|since|in|that)\b)",
    re.IGNORECASE,
)
LOCAL_TIME = re.compile(
    r"\b(?:all\s+)?(?:times|stamps|timestamps|clocks)\s+(?:(?:are|is|in|shown|given|listed|"
    r"stated|quoted)\s+)*(?:local|the\s+local\s+time)\b|\blocal\s+times?\s+(?:throughout|below|"
    r"on\s+this\s+page)\b",
    re.IGNORECASE,
)


def find_place_time(line: str) -> str | None:
    """ "… (Kyiv time)", "Warsaw summer time": the zone of a place's clock named on a line."""
    match = PLACE_TIME.search(line)
    if not match:
        return None
    return declared_place_zone(match.group("city"))


def declares_local_time(line: str) -> bool:
    """ "All times local": the clocks are those of the place the page reports from."""
    return bool(LOCAL_TIME.search(line))


def to_utc(day: date, clock: time, zone: str) -> datetime:
    """The UTC instant of ``clock`` on ``day`` in ``zone`` (DST resolved for that day)."""
    local = datetime.combine(day, clock, tzinfo=tzinfo_for(zone))
    return local.astimezone(UTC)


def same_instant(first: time, first_zone: str, second: time, second_zone: str) -> bool:
    """Whether "10am EST, 6pm EAT" name one instant (on a winter or a summer day)."""
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
