"""Pictures in Chromium: each screen fetches the rendition sized for it (WebP), and a new
update with a photo arrives through the live poller with its picture, no reload."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from images.models import LeadImage, UpdateImage

from ..factories import BriefingFactory, UpdateFactory
from ..images_helpers import drawn, encoded, stored_image

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 10_000  # ms


def chosen(page, selector: str) -> dict:
    """What the browser fetched for an image: its URL and pixel size."""
    image = page.locator(selector)
    image.scroll_into_view_if_needed()
    expect(image).to_have_js_property("complete", True, timeout=WAIT)
    return image.evaluate("i => ({src: i.currentSrc, width: i.naturalWidth})")


@pytest.mark.parametrize(("viewport", "expected"), [(375, 480), (1280, 800)])
def test_each_screen_gets_the_rendition_sized_for_it(page, live_server, viewport, expected):
    briefing = BriefingFactory(coverage_start=timezone.now() - dt.timedelta(hours=1))
    update = UpdateFactory(briefing=briefing)
    photo = stored_image(encoded(drawn((2000, 1250)), "JPEG"), alt_text="A drawn test scene")
    UpdateImage.objects.create(update=update, image=photo)
    LeadImage.objects.create(briefing=briefing, image=stored_image(alt_text="The lead"))
    by_url = {r.url: r for r in photo.renditions()}
    page.set_viewport_size({"width": viewport, "height": 800})
    page.goto(live_server.url + briefing.get_absolute_url())
    fetched = chosen(page, f"#{update.anchor} picture img")
    rendition = by_url[fetched["src"].removeprefix(live_server.url)]
    assert (rendition.format, rendition.width) == ("WEBP", expected)
    assert fetched["width"] > 0  # decoded (naturalWidth is the sizes slot's width, not the file's)
    box = page.locator(f"#{update.anchor} picture img").bounding_box()
    assert box["width"] <= viewport and abs(box["height"] / box["width"] - 1250 / 2000) < 0.01


def test_a_new_update_with_a_photo_arrives_without_a_reload(page, live_server, settings):
    settings.NEWSROOM_POLL_SECONDS = 1
    briefing = BriefingFactory(coverage_start=timezone.now() - dt.timedelta(hours=1))
    UpdateFactory(briefing=briefing, posted_at=timezone.now() - dt.timedelta(minutes=30))
    page.goto(live_server.url + briefing.get_absolute_url())
    new = UpdateFactory(briefing=briefing, headline="Just in, with a photo")
    UpdateImage.objects.create(update=new, image=stored_image(alt_text="Smoke over a city"))
    picture = page.locator(f"#{new.anchor} img[alt='Smoke over a city']")
    expect(picture).to_be_visible(timeout=WAIT)
    assert chosen(page, f"#{new.anchor} img")["width"] > 0
