"""The media issue's whole path in one browser: an editor posts an update with a phone photo
(alt text, caption, credit) and a YouTube and an X link from the quick post; readers on a
phone and on a desktop see the photo sized for their screen, without its GPS position, and
two cards that ask the providers nothing until clicked."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from briefings.models import Update

from ..factories import BriefingFactory, UserFactory
from ..images_helpers import SECRET_MAKE, phone_photo, stored_bytes
from .test_embeds import X_POST, YOUTUBE, watch_the_network

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_photo_and_two_links_from_the_quick_post_reach_readers_safely(
    browser, page, live_server, tmp_path
):
    briefing = BriefingFactory(slug="geneva", title="Talks in Geneva")
    editor = UserFactory(username="desk", is_superuser=True, is_staff=True)
    editor.set_password("pw-desk-1")
    editor.save()
    photo = tmp_path / "IMG_2024_Geneva.jpg"
    photo.write_bytes(phone_photo((2400, 1600), orientation=1))

    outside_admin = watch_the_network(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "pw-desk-1")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/")
    form = page.locator("form.quick-post")
    form.locator("textarea[name=body]").fill(
        f"Envoys spoke after the talks.\n\n{YOUTUBE}\n\n{X_POST}"
    )
    form.locator("input[name=image-upload]").set_input_files(str(photo))
    form.locator("input[name=image-alt_text]").fill("Envoys at a table in the conference hall")
    form.locator("input[name=image-caption]").fill("The second day of talks in Geneva.")
    form.locator("input[name=image-credit]").fill("Photograph: Desk Staff")
    form.locator("input[name=_publish]").click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist li").first).to_contain_text("Published")
    assert outside_admin == []

    update = Update.objects.get(briefing=briefing)
    assert update.embeds.count() == 2
    [image] = [item.image for item in update.gallery.all()]
    assert image.alt_text == "Envoys at a table in the conference hall"
    for name, data in stored_bytes(image):  # the original and every rendition
        assert b"GPS" not in data and SECRET_MAKE.encode() not in data, name
        assert "Geneva" not in name  # the uploaded file's name is not kept

    renditions = {rendition.url: rendition for rendition in image.renditions()}
    for width, rendition_width in ((375, 480), (1280, 800)):
        reader = browser.new_context(viewport={"width": width, "height": 800})
        try:
            tab = reader.new_page()
            outside = watch_the_network(tab)
            tab.goto(live_server.url + briefing.get_absolute_url())
            picture = tab.locator(f"#{update.anchor} picture img")
            picture.scroll_into_view_if_needed()
            expect(picture).to_have_js_property("complete", True)
            expect(picture).to_have_attribute("alt", "Envoys at a table in the conference hall")
            fetched = picture.evaluate("i => i.currentSrc").removeprefix(live_server.url)
            rendition = renditions[fetched]
            assert (rendition.format, rendition.width) == ("WEBP", rendition_width)
            expect(tab.locator(f"#{update.anchor}")).to_contain_text(
                "The second day of talks in Geneva."
            )
            expect(tab.locator(f"#{update.anchor}")).to_contain_text("Photograph: Desk Staff")
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            expect(tab.locator(".embed-card")).to_have_count(2)
            tab.mouse.wheel(0, 3000)
            tab.wait_for_load_state("networkidle")
            assert outside == [], outside  # neither provider asked for anything yet
            tab.get_by_role("button", name="Load content from YouTube").click()
            expect(tab.locator(".embed-card iframe")).to_have_count(1)
            tab.wait_for_timeout(300)
            assert {urlsplit(url).hostname for url in outside} == {"www.youtube-nocookie.com"}
        finally:
            reader.close()
