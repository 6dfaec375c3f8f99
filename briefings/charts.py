"""Activity over time as a small bar chart: how often an actor is mentioned, a source cited,
a live briefing updated.

The chart is server-rendered SVG (templates/briefings/_chart.html) with a sentence that sums
it up and its numbers in a table beside it: it needs no script, passes the CSP, and says the
same to a screen reader as to the eye. It reads at most ``WINDOW`` of the newest moments, so
it costs the same at a thousand updates as at a million; its caption says which span the
bars cover.
"""

import zoneinfo
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, time, timedelta

WINDOW = 2000
HEIGHT = 48  # SVG units; a bar is 8 wide with a gap of 2
BAR, STEP = 8, 10

# The unit of a bar is the smallest one that keeps the chart to about a hundred bars.
UNITS = (
    ("hour", timedelta(hours=48)),
    ("day", timedelta(days=120)),
    ("month", timedelta(days=366 * 8)),
    ("year", None),
)


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    highlighted: bool
    x: int
    y: float
    height: float


@dataclass(frozen=True)
class Chart:
    unit: str
    noun: str  # "mention", "citation", "update"
    bars: list[Bar]
    total: int
    first: str
    last: str

    @property
    def width(self) -> int:
        return len(self.bars) * STEP

    height = HEIGHT

    @property
    def peak(self) -> Bar:
        return max(self.bars, key=lambda bar: bar.count)

    @property
    def summary(self) -> str:
        plural = self.noun if self.total == 1 else f"{self.noun}s"
        peak = self.peak
        if sum(bar.count == peak.count for bar in self.bars) > 1:
            most = f"at most {peak.count} in one {self.unit}"
        else:
            on = "in" if self.unit in ("month", "year") else "on"
            most = f"the most, {peak.count}, {on} {peak.label}"
        return f"{self.total} {plural} from {self.first} to {self.last}, by {self.unit}; {most}."


def recent_moments(updates) -> list[datetime]:
    """The posting times of the newest ``WINDOW`` of ``updates`` (a queryset), newest first."""
    return list(updates.order_by("-posted_at").values_list("posted_at", flat=True)[:WINDOW])


def _floor(moment: datetime, unit: str) -> datetime:
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    moment = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if unit == "day":
        return moment
    if unit == "month":
        return moment.replace(day=1)
    return moment.replace(month=1, day=1)


def _next(start: datetime, unit: str) -> datetime:
    if unit == "hour":
        return start + timedelta(hours=1)
    if unit == "day":
        # Calendar days, not 24 hours: a day with a clock change is still one bar.
        return _floor(start + timedelta(days=1, hours=12), "day")
    if unit == "month":
        return _floor(start + timedelta(days=32), "month")
    return start.replace(year=start.year + 1)


def _label(start: datetime, unit: str) -> str:
    if unit == "hour":
        return f"{start.day} {start:%b}, {start:%H}:00"
    if unit == "day":
        return f"{start.day} {start:%b %Y}"
    if unit == "month":
        return f"{start:%b %Y}"
    return f"{start:%Y}"


def activity(
    moments: list[datetime], time_zone: str, noun: str, highlight: list[datetime] = ()
) -> Chart | None:
    """Bars of ``moments`` counted per hour, day, month or year in ``time_zone``, with the
    bars holding a ``highlight`` moment (a key event) marked. None when every moment falls
    in one bar: a single bar says nothing a count does not."""
    if not moments:
        return None
    zone = zoneinfo.ZoneInfo(time_zone)
    local = [moment.astimezone(zone).replace(tzinfo=None) for moment in moments]
    span = max(local) - min(local)
    units = UNITS
    if any(moment.time() == time(0, 0) for moment in local):
        # The importer's mark for an entry dated without a clock: never bar an hour nobody wrote.
        units = UNITS[1:]
    unit = next(name for name, limit in units if limit is None or span <= limit)
    counts = Counter(_floor(moment, unit) for moment in local)
    if len(counts) < 2:
        return None
    marked = {_floor(m.astimezone(zone).replace(tzinfo=None), unit) for m in highlight}
    peak = max(counts.values())
    bars, start, end = [], min(counts), max(counts)
    while start <= end:
        count = counts.get(start, 0)
        height = HEIGHT * count / peak if count else 0
        bars.append(
            Bar(
                label=_label(start, unit),
                count=count,
                highlighted=start in marked,
                x=len(bars) * STEP,
                y=round(HEIGHT - height, 2),
                height=round(height, 2),
            )
        )
        start = _next(start, unit)
    return Chart(
        unit=unit,
        noun=noun,
        bars=bars,
        total=len(moments),
        first=bars[0].label,
        last=bars[-1].label,
    )
