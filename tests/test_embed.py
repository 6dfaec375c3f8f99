"""The live widget partner sites frame, /embed/briefings/<slug>/: who may frame it (and
nothing else), what it shows, what it leaves out, and the snippet that embeds it."""

import datetime as dt
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from briefings import embed
from briefings.models import Status

from .factories import (
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    MentionFactory,
    UpdateFactory,
)

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(html)
    return parser.tags


def frame_ancestors(response) -> str:
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    return policy["frame-ancestors"]


@pytest.fixture
def briefing():
    briefing = BriefingFactory(slug="kharkiv", title="Kharkiv under attack")
    for n in range(3):
        update = UpdateFactory(briefing=briefing, headline=f"Update {n}")
        CitationFactory(update=update)
        MentionFactory(update=update)
        CorrectionFactory(update=update)
    return briefing


def widget(client, briefing):
    return client.get(reverse("briefings:embed", args=[briefing.slug]))


def test_any_site_may_frame_the_widget_by_default(client, briefing):
    response = widget(client, briefing)
    assert response.status_code == 200
    assert frame_ancestors(response) == "*"
    assert "X-Frame-Options" not in response


def test_an_installation_names_the_sites_that_may_frame_it(client, settings, briefing):
    settings.NEWSROOM_EMBED_FRAME_ANCESTORS = ["https://partner.example", "https://b.example"]
    response = widget(client, briefing)
    assert frame_ancestors(response) == "https://partner.example https://b.example"


def test_every_other_page_may_not_be_framed(client, briefing):
    update = briefing.updates.first()
    for path in [
        "/",
        briefing.get_absolute_url(),
        update.get_absolute_url(),
        reverse("briefings:live", args=[briefing.slug]),
        "/api/v1/briefings/",
        "/api/v1/docs/",
        "/updates/",
        reverse("briefings:embed", args=["no-such-briefing"]),  # the 404 page
    ]:
        response = client.get(path)
        assert frame_ancestors(response) == "'none'", path
        assert response["X-Frame-Options"] == "DENY", path


def test_links_open_on_the_partners_page_and_nothing_comes_from_elsewhere(client, briefing):
    response = widget(client, briefing)
    assert not response.cookies
    found = tags(response.content.decode())
    assert ("base", {"target": "_top"}) in found
    scripts = [attrs for tag, attrs in found if tag == "script"]
    assert scripts and all(attrs["src"].startswith("/static/briefings/") for attrs in scripts)
    sheets = [attrs["href"] for tag, attrs in found if tag == "link"]
    assert sheets and all(href.startswith("/static/briefings/") for href in sheets)
    assert "<style" not in response.content.decode()


def test_it_polls_like_the_briefing_page(client, settings, briefing):
    settings.NEWSROOM_POLL_SECONDS = 7
    found = tags(widget(client, briefing).content.decode())
    [stream] = [attrs for tag, attrs in found if "data-live-url" in attrs]
    assert stream["data-live-url"] == reverse("briefings:live", args=[briefing.slug])
    assert stream["data-poll-seconds"] == "7"
    assert int(stream["data-cursor"]) > 0
    scripts = [attrs["src"] for tag, attrs in found if tag == "script"]
    assert "/static/briefings/live.js" in scripts
    assert "/static/briefings/embed.js" in scripts


def test_a_briefing_that_is_not_live_does_not_poll(client, briefing):
    briefing.coverage_end = timezone.now()
    briefing.save()
    found = tags(widget(client, briefing).content.decode())
    assert not [attrs for tag, attrs in found if "data-live-url" in attrs]
    assert "/static/briefings/live.js" not in [a.get("src") for t, a in found if t == "script"]


def test_drafts_and_scheduled_updates_stay_out_until_published(client, briefing):
    draft = UpdateFactory(briefing=briefing, headline="Draft words", status=Status.DRAFT)
    later = timezone.now() + dt.timedelta(hours=1)
    scheduled = UpdateFactory(briefing=briefing, headline="Words of tomorrow", publish_at=later)
    hidden_briefing = BriefingFactory(status=Status.DRAFT)
    body = widget(client, briefing).content.decode()
    assert "Draft words" not in body and "Words of tomorrow" not in body
    assert widget(client, hidden_briefing).status_code == 404

    draft.status = Status.PUBLISHED
    draft.save()
    scheduled.publish_at = timezone.now()
    scheduled.save()
    hidden_briefing.status = Status.PUBLISHED
    hidden_briefing.save()
    body = widget(client, briefing).content.decode()
    assert "Draft words" in body and "Words of tomorrow" in body
    assert widget(client, hidden_briefing).status_code == 200


def test_it_shows_the_latest_updates(client, briefing):
    for n in range(embed.LATEST + 5):
        UpdateFactory(
            briefing=briefing,
            headline=f"Numbered {n}",
            posted_at=timezone.now() - dt.timedelta(minutes=60 - n),
        )
    body = widget(client, briefing).content.decode()
    assert body.count('<article class="update') == embed.LATEST
    assert f"Numbered {embed.LATEST + 4}" in body
    assert "Numbered 0<" not in body


def count(client, briefing) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert widget(client, briefing).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_updates(client, settings, briefing):
    settings.NEWSROOM_SERVER_CACHE_SECONDS = 0  # measure the page, not the origin cache
    few = BriefingFactory()
    UpdateFactory(briefing=few)
    widget(client, few)
    with_one = count(client, few)
    for _ in range(49):
        update = UpdateFactory(briefing=few)
        CitationFactory(update=update)
        MentionFactory(update=update)
        CorrectionFactory(update=update)
        update.tags.add("air defence")
    assert count(client, few) == with_one
    print({"embed queries with 1 and 50 updates": with_one})


def test_the_snippet_embeds_the_widget_and_its_loader(rf, settings, briefing):
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    found = tags(embed.snippet(briefing))
    [iframe] = [attrs for tag, attrs in found if tag == "iframe"]
    [script] = [attrs for tag, attrs in found if tag == "script"]
    assert iframe["src"] == "https://news.example.org/embed/briefings/kharkiv/"
    assert "data-newsroom-embed" in iframe and iframe["title"].startswith(briefing.title)
    # The unhashed static name, which stays the same from one release to the next.
    assert script["src"] == "https://news.example.org/static/briefings/embed-loader.js"


def test_the_briefing_page_offers_the_snippet(client, briefing):
    body = client.get(briefing.get_absolute_url()).content.decode()
    assert "Embed this briefing" in body
    assert "&lt;iframe src=&quot;" in body and "/embed/briefings/kharkiv/" in body
