"""A zone stated as an offset that is not a whole hour ("UTC+5:45") dates the entries by it,
and the briefing keeps a zone the site knows: the IANA zone with that offset all year, else
UTC. It was kept as "UTC+05:45", which the model refuses, and the import failed."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from briefings.importing.zones import named_zone
from briefings.models import Briefing, Update

pytestmark = pytest.mark.django_db

PAGE = """Monsoon floods: live updates

Saturday 28 September 2024. All times in this log are UTC{offset}.

09:15 — The river rose above the danger mark overnight, the water board said.

11:40 — Rescue teams reached the villages cut off by the landslide.
"""


@pytest.mark.parametrize(
    ("offset", "zone", "first"),
    [
        ("+5:45", "Asia/Kathmandu", dt.datetime(2024, 9, 28, 3, 30, tzinfo=dt.UTC)),
        ("+05:30", "Asia/Kolkata", dt.datetime(2024, 9, 28, 3, 45, tzinfo=dt.UTC)),
        ("+9:30", "Australia/Darwin", dt.datetime(2024, 9, 27, 23, 45, tzinfo=dt.UTC)),
        # Newfoundland keeps -3:30 only in winter: no zone says it all year.
        ("-3:30", "UTC", dt.datetime(2024, 9, 28, 12, 45, tzinfo=dt.UTC)),
    ],
)
def test_a_fractional_offset_dates_the_entries_and_names_a_known_zone(
    tmp_path, offset, zone, first
):
    path = tmp_path / "floods.txt"
    path.write_text(PAGE.format(offset=offset), encoding="utf-8")
    call_command("import_briefings", str(path), stdout=StringIO(), stderr=StringIO())
    briefing = Briefing.objects.get()
    assert briefing.time_zone == zone
    times = sorted(Update.objects.values_list("posted_at", flat=True))
    assert times == [first, first + dt.timedelta(hours=2, minutes=25)]


def test_zone_names_pass_through():
    assert named_zone("Europe/Kyiv", dt.date(2024, 1, 1)) == "Europe/Kyiv"
    assert named_zone(None, None) is None
