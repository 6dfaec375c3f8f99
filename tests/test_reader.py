"""What readers see of time and of lists: stamps with their day, dividers between days,
lists of summaries rather than whole bodies, and the demo that shows a live briefing."""

import datetime as dt
import re
import zoneinfo
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import timezone

from briefings import demo
from briefings.models import Briefing, Update
from briefings.templatetags.briefing_tags import CHIPS_SHOWN, EXCERPT_WORDS

from .factories import ActorFactory, BriefingFactory, MentionFactory, UpdateFactory

pytestmark = pytest.mark.django_db
KYIV = zoneinfo.ZoneInfo("Europe/Kyiv")


def stamp(moment, zone="UTC", style=""):
    source = "{% load briefing_tags %}{% stamp moment zone " + (f'"{style}"' if style else "")
    return Template(source + " %}").render(Context({"moment": moment, "zone": zone}))


def text_of(html):
    return re.search(r">([^<]*)</time>", html).group(1)


def test_a_stamp_from_today_shows_its_clock_and_any_other_day_its_date_too():
    now = timezone.now().astimezone(KYIV)
    today = now.replace(hour=0, minute=1)
    earlier = (now - dt.timedelta(days=400)).replace(hour=7, minute=24)
    assert re.fullmatch(r"00:01 EES?T", text_of(stamp(today, "Europe/Kyiv")))
    html = stamp(earlier, "Europe/Kyiv")
    assert f">{earlier.day} {earlier:%b %Y}, 07:24 EE" in html
    assert f'datetime="{earlier.isoformat(timespec="seconds")}"' in html
    assert f"{today.day} {today:%b %Y}, " in stamp(today, "Europe/Kyiv", "full")


def test_a_time_nobody_wrote_shows_its_date_only():
    """The importer dates an entry without a clock at the start of its day in the briefing's
    zone: that midnight is not shown as a clock, whatever the style."""
    midnight = dt.datetime(2023, 11, 5, tzinfo=KYIV)
    for style in ("", "full"):
        assert re.search(r">5 Nov 2023</time>", stamp(midnight, "Europe/Kyiv", style))
    # The same instant is 22:00 the day before in UTC: a clock somebody could have written.
    assert ">4 Nov 2023, 22:00 GMT<" in stamp(midnight, "UTC")


def test_a_live_log_has_a_divider_between_days_and_says_when_it_was_last_updated(client):
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    now = timezone.now()
    days = [now - dt.timedelta(days=n) for n in (0, 1, 1, 700)]
    for n, moment in enumerate(days):
        UpdateFactory(briefing=briefing, posted_at=moment, headline=f"Update {n}")
    page = client.get(briefing.get_absolute_url()).content.decode()
    dividers = re.findall(r'<h3 class="day-divider"><time datetime="([\d-]+)">', page)
    expected = sorted({m.astimezone(KYIV).date().isoformat() for m in days}, reverse=True)
    assert dividers == expected
    newest = now.astimezone(KYIV).isoformat(timespec="seconds")
    assert f'Last updated <time datetime="{newest}"' in page


def test_an_article_shows_no_clock_above_its_text(client):
    article = BriefingFactory(kind=Briefing.Kind.ARTICLE)
    update = UpdateFactory(briefing=article, body="The article's only text.")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "The article's only text." in page
    assert 'class="update__time"' not in page
    assert 'class="update__time"' in client.get(update.get_absolute_url()).content.decode()


def test_lists_show_a_headline_or_first_sentence_and_a_short_excerpt(client):
    briefing = BriefingFactory()
    tail = " ".join(f"word{n}" for n in range(200))
    headed = UpdateFactory(briefing=briefing, headline="A headline", body=f"Opening. {tail}")
    plain = UpdateFactory(briefing=briefing, body=f"First sentence here. Then {tail}")
    for path in ("/", "/updates/"):
        page = client.get(path).content.decode()
        assert f'<a href="{headed.get_absolute_url()}">A headline</a>' in page
        assert f'<a href="{plain.get_absolute_url()}">First sentence here.</a>' in page
        assert "word199" not in page  # no whole body
        assert f"word{EXCERPT_WORDS - 3}" in page


def test_an_update_shows_a_few_actors_and_how_many_more(client):
    update = UpdateFactory()
    actors = [ActorFactory(is_reviewed=True) for _ in range(CHIPS_SHOWN + 2)]
    for position, actor in enumerate(actors):
        MentionFactory(update=update, actor=actor, position=position)
    page = client.get(update.get_absolute_url()).content.decode()
    assert "<summary>+ 2 more</summary>" in page
    shown, _, more = page.partition("<summary>+ 2 more</summary>")
    assert all(a.name in shown for a in actors[:CHIPS_SHOWN])
    assert all(a.name in more and a.name not in shown for a in actors[CHIPS_SHOWN:])


def test_demo_content_leaves_one_briefing_live_with_a_fresh_update_and_topics(client):
    call_command("demo_content", stdout=StringIO())
    live = Briefing.objects.published().live().get(import_key=demo.IMPORT_KEY)
    newest = live.updates.published().order_by("-posted_at")[0]
    assert timezone.now() - newest.posted_at < dt.timedelta(hours=1)
    assert "No topics yet" not in client.get("/tags/").content.decode()
    assert "Live now" in client.get("/").content.decode()


def test_demo_content_is_a_no_op_the_second_time():
    call_command("demo_content", stdout=StringIO())
    before = list(Update.objects.values_list("pk", "posted_at", "updated_at"))
    out = StringIO()
    call_command("demo_content", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert list(Update.objects.values_list("pk", "posted_at", "updated_at")) == before


def test_demo_content_moves_a_stale_live_briefing_to_now():
    call_command("demo_content", stdout=StringIO())
    briefing = Briefing.objects.get(import_key=demo.IMPORT_KEY)
    briefing.updates.update(posted_at=timezone.now() - dt.timedelta(days=3))
    out = StringIO()
    call_command("demo_content", stdout=out)
    assert "1 live briefing moved to now" in out.getvalue()
    newest = briefing.updates.order_by("-posted_at")[0].posted_at
    assert timezone.now() - newest < dt.timedelta(hours=1)
    assert Briefing.objects.live().filter(pk=briefing.pk).exists()
