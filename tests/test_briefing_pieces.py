"""A briefing page that misses the page cache is assembled from its updates' kept pieces
(briefings/templatetags/fragments.py, ``KeptPage``): keyed on the update rows alone, the
registry stamp and the updates' tags, so what an update shows inside it must still reach
the page as soon as it changes, with the page cache off and the pieces warm."""

import datetime as dt
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from taggit.models import Tag

from briefings.models import Briefing, Update
from briefings.models.changes import REGISTRY_STAMP_KEY, registry_stamp
from briefings.structured_data import absolute_url, plain_text, update_data
from images.models import UpdateImage

from .factories import (
    ActorFactory,
    BriefingFactory,
    CitationFactory,
    CorrectionFactory,
    EmbedFactory,
    MentionFactory,
    SourceFactory,
    UpdateFactory,
)
from .images_helpers import stored_image

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2025, 3, 4, 9, 30, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """Every request renders the page (as the benchmark's cold row): only pieces are kept."""
    settings.NEWSROOM_SERVER_CACHE_SECONDS = 0
    cache.clear()
    yield
    cache.clear()


def page(client, briefing, **params) -> str:
    response = client.get(briefing.get_absolute_url(), params)
    assert response.status_code == 200
    return response.content.decode()


def count_queries(client, briefing) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, briefing)
    return len(captured)


def json_ld_in(html: str) -> dict:
    text = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    return json.loads(text)


@pytest.fixture
def kherson():
    briefing = BriefingFactory(slug="kherson", title="Kherson", time_zone="Europe/Kyiv")
    update = UpdateFactory(briefing=briefing, body="Shelling in Kherson.", posted_at=T0)
    MentionFactory(update=update, actor=ActorFactory(name="Oleksandr Prokudin"))
    CitationFactory(update=update, source=SourceFactory(name="Suspilne"))
    update.tags.add("shelling")
    return briefing, Update.objects.get(pk=update.pk)


def rename_actor(update):
    actor = update.mentions.get().actor
    actor.name = "Roman Mrochko"
    actor.save()
    return "Roman Mrochko", "Oleksandr Prokudin"


def move_actor(update):
    actor = update.mentions.get().actor
    actor.slug = "prokudin"
    actor.save()
    return 'href="/actors/prokudin/"', "/actors/oleksandr-prokudin/"


def unreview_actor(update):
    actor = update.mentions.get().actor
    actor.is_reviewed = False
    actor.save()
    return None, "Oleksandr Prokudin"  # proposed names are not shown


def rename_source(update):
    source = update.citations.get().source
    source.name = "Suspilne Kherson"
    source.save()
    return "Suspilne Kherson", ">Suspilne<"


def unreview_source(update):
    source = update.citations.get().source
    source.is_reviewed = False
    source.save()
    return "(Suspilne)", ">Suspilne</a>"  # no longer a link


def add_tag(update):
    update.tags.add("curfew")
    return "#curfew", None


def rename_tag(update):
    tag = Tag.objects.get(name="shelling")
    tag.name = "Artillery"
    tag.save()
    return "#Artillery", "#shelling"


def add_correction(update):
    CorrectionFactory(update=update, text="An earlier version said Mykolaiv.")
    return "An earlier version said Mykolaiv.", None


def add_image(update):
    UpdateImage.objects.create(update=update, image=stored_image(caption="The market, burning"))
    return "The market, burning", None


def caption_image(update):
    image = update.gallery.get().image
    image.caption = "The market after the strike"
    image.save()
    return "The market after the strike", "The market, burning"


def add_embed(update):
    EmbedFactory(update=update, text="Sirens in Kherson again.")
    return "Sirens in Kherson again.", None


def edit_body(update):
    update.body = "Shelling in the centre of Kherson."
    update.save()
    return "the centre of Kherson", "Shelling in Kherson."


CHANGES = [
    rename_actor,
    move_actor,
    unreview_actor,
    rename_source,
    unreview_source,
    add_tag,
    rename_tag,
    add_correction,
    add_image,
    add_embed,
    edit_body,
]


@pytest.mark.parametrize("change", CHANGES)
def test_what_an_update_shows_reaches_the_page_with_its_pieces_kept(client, kherson, change):
    briefing, update = kherson
    before = page(client, briefing)
    assert page(client, briefing) == before  # assembled from the kept pieces
    shown, gone = change(update)  # what is on the page now, what is no longer there
    after = page(client, briefing)
    assert shown is None or (shown in after and shown not in before)
    assert gone is None or (gone in before and gone not in after)


def test_an_image_recaptioned_reaches_the_page(client, kherson):
    briefing, update = kherson
    add_image(update)
    before = page(client, briefing)
    shown, gone = caption_image(update)
    after = page(client, briefing)
    assert shown in after and shown not in before and gone not in after


def test_a_tag_taken_off_again_is_not_shown_by_the_piece_kept_while_it_was_on(client, kherson):
    briefing, update = kherson
    untagged = page(client, briefing)
    update.tags.add("curfew")
    assert "#curfew" in page(client, briefing)
    update.tags.remove("curfew")
    assert page(client, briefing) == untagged


def test_a_piece_is_read_not_rendered_and_its_rows_not_asked_for(client, kherson):
    briefing, _update = kherson
    cold = count_queries(client, briefing)
    warm = count_queries(client, briefing)
    # Citations, mentions, corrections, embeds and images: asked for only to render.
    assert warm == cold - 5


def _fill(n: int, **briefing_fields) -> Briefing:
    briefing = BriefingFactory(**briefing_fields)
    source, actor = SourceFactory(), ActorFactory()
    for i in range(n):
        update = UpdateFactory(
            briefing=briefing,
            posted_at=T0 - dt.timedelta(minutes=i),
            is_key_event=i % 5 == 0,
            is_pinned=i == n - 1,
            section=f"Section {i % 3}",
        )
        update.tags.add(f"tag{i % 3}", f"topic{i}")
        CitationFactory(update=update, source=source)
        CitationFactory(update=update)
        MentionFactory(update=update, actor=actor)
        MentionFactory(update=update)
        CorrectionFactory(update=update)
        EmbedFactory(update=update)
    return briefing


@pytest.mark.parametrize("kind", ["live", "digest", "article"])
def test_a_page_assembled_from_kept_pieces_asks_the_same_few_queries_for_1_and_50_updates(
    client, kind
):
    counts = {}
    for n in (1, 50):
        briefing = _fill(n, slug=f"b{n}", kind=kind)
        cold = count_queries(client, briefing)
        counts[n] = (cold, count_queries(client, briefing), count_queries(client, briefing))
    assert counts[1] == counts[50]
    cold, warm, again = counts[1]
    assert warm == again < cold
    # The whole page, pinned update and key events included, in ten queries with every
    # piece kept (fifteen, rendering the updates, before pieces were keyed on rows alone).
    assert warm <= 10


@pytest.mark.parametrize("kind", ["live", "digest", "article"])
def test_a_page_from_kept_pieces_is_the_page_rendered_afresh(client, kind):
    briefing = _fill(40, slug="b", kind=kind)
    for params in ({}, {"page": 2}):
        fresh = page(client, briefing, **params)
        assert page(client, briefing, **params) == fresh
        cache.clear()
        assert page(client, briefing, **params) == fresh


def old_briefing_json_ld(briefing, request) -> dict:
    """The page's JSON-LD as it was built before pieces kept it: from the page's updates
    read with ``for_display()``, each ``update_data()`` with its anchor's absolute URL."""
    rows = list(
        Update.objects.published().filter(briefing=briefing).for_display().in_reading_order()[:30]
    )
    url = absolute_url(briefing.get_absolute_url(), request)
    data = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting" if briefing.kind == "live" else "NewsArticle",
        "headline": briefing.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": briefing.published_at.isoformat(timespec="seconds"),
        "dateModified": max([briefing.updated_at, *(u.updated_at for u in rows)]).isoformat(
            timespec="seconds"
        ),
        "publisher": {"@type": "NewsMediaOrganization", "name": "Newsroom"},
    }
    if briefing.byline:
        data["author"] = {"@type": "Person", "name": briefing.byline}
    if briefing.kind == "live":
        data["coverageStartTime"] = briefing.coverage_start.isoformat(timespec="seconds")
        data["liveBlogUpdate"] = [
            update_data(u, url=absolute_url(u.get_anchor_url(), request)) for u in rows
        ]
    else:
        data["articleBody"] = "\n\n".join(plain_text(u.body_html) for u in rows)
    return json.loads(json.dumps(data))


@pytest.mark.parametrize("kind", ["live", "digest"])
def test_the_json_ld_from_kept_pieces_is_the_json_ld_built_from_the_rows(client, settings, kind):
    settings.NEWSROOM_SITE_NAME = "Newsroom"
    briefing = _fill(35, slug="b", kind=kind, byline="Kyiv bureau")
    first = Update.objects.filter(briefing=briefing).order_by("-posted_at").first()
    first.byline = "Olena Ivanova"
    first.save()
    UpdateImage.objects.create(update=first, image=stored_image(caption="Sirens"))
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    cold = json_ld_in(page(client, briefing))
    warm = json_ld_in(page(client, briefing))
    briefing = Briefing.objects.get(pk=briefing.pk)
    assert cold == warm == old_briefing_json_ld(briefing, request)
    if kind == "live":
        assert warm["liveBlogUpdate"][0]["associatedMedia"][0]["caption"] == "Sirens"
    CorrectionFactory(update=first, text="A later correction.")
    after = json_ld_in(page(client, briefing))
    assert after == old_briefing_json_ld(Briefing.objects.get(pk=briefing.pk), request)
    if kind == "live":
        assert after["liveBlogUpdate"][0]["correction"][-1]["text"] == "A later correction."


def settle(seconds_ago: int) -> None:
    """Date every change ``seconds_ago``: long enough ago to be kept (``has_settled``)."""
    moment = timezone.now() - dt.timedelta(seconds=seconds_ago)
    Update.objects.update(updated_at=moment)
    Briefing.objects.update(updated_at=moment)


def test_the_timeline_kept_for_a_settled_briefing_follows_its_updates(client):
    briefing = BriefingFactory(slug="t", time_zone="UTC")
    for hours in (1, 2, 3):
        UpdateFactory(briefing=briefing, posted_at=T0 - dt.timedelta(hours=hours))
    times = 'SELECT "briefings_update"."posted_at" AS "posted_at"'

    def render(shown: str) -> int:
        """How often the render read the update times."""
        with CaptureQueriesContext(connection) as captured:
            assert shown in page(client, briefing)
        return [q["sql"].startswith(times) for q in captured].count(True)

    settle(60)
    assert render("3 updates from") == 1
    assert render("3 updates from") == 0  # kept: read once for a settled change
    UpdateFactory(briefing=briefing, posted_at=T0 - dt.timedelta(hours=4))
    assert render("4 updates from") == 1  # a fresh change: read on every render
    assert render("4 updates from") == 1
    settle(50)
    assert render("4 updates from") == 1
    assert render("4 updates from") == 0


# The registry stamp (briefings.models.changes) --------------------------------------------


def test_the_registry_stamp_moves_when_an_actor_or_source_changes_not_when_one_is_made():
    stamp = registry_stamp()
    assert registry_stamp() == stamp
    actor = ActorFactory()
    source = SourceFactory()
    assert registry_stamp() == stamp  # a new entry is in no kept piece yet
    actor.name = "Someone else"
    actor.save()
    assert registry_stamp() != stamp
    stamp = registry_stamp()
    source.delete()
    assert registry_stamp() != stamp


def test_a_lost_registry_stamp_is_a_new_one():
    stamp = registry_stamp()
    cache.delete(REGISTRY_STAMP_KEY)
    assert registry_stamp() != stamp
