"""An editor posts a YouTube and an X link from the quick post; a reader's browser asks
neither provider for anything until the reader clicks "Load content from …"."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from briefings.models import Update

from ..factories import BriefingFactory, EmbedFactory, UpdateFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
X_POST = "https://x.com/kyivindependent/status/1856000000000000000"
LOCAL = {"127.0.0.1", "localhost"}


def watch_the_network(page):
    """Every request the page makes to another host, recorded and refused (nothing leaves
    this machine, whatever the test does)."""
    outside = []

    def route(route):
        if urlsplit(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    return outside


def post_from_the_quick_form(page, live_server, briefing):
    user = UserFactory(username="desk", is_superuser=True, is_staff=True)
    user.set_password("pw-desk-1")
    user.save()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "pw-desk-1")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/briefings/briefing/{briefing.pk}/change/")
    form = page.locator("form.quick-post")
    form.locator("textarea[name=body]").fill(f"Statements today.\n\n{YOUTUBE}\n\n{X_POST}")
    form.locator("input[name=_publish]").click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist li").first).to_contain_text("Published")


@pytest.mark.parametrize("width", [375, 1280])
def test_cards_ask_the_providers_nothing_until_clicked(browser, page, live_server, width):
    briefing = BriefingFactory(slug="brussels", title="Ministers in Brussels")
    outside_admin = watch_the_network(page)
    post_from_the_quick_form(page, live_server, briefing)
    assert outside_admin == []
    update = Update.objects.get(briefing=briefing)
    assert update.embeds.count() == 2

    reader = browser.new_context(viewport={"width": width, "height": 800})
    try:
        tab = reader.new_page()
        outside = watch_the_network(tab)
        tab.goto(live_server.url + briefing.get_absolute_url())
        cards = tab.locator(".embed-card")
        expect(cards).to_have_count(2)
        expect(cards.nth(0)).to_contain_text("YouTube")
        expect(cards.nth(1)).to_contain_text("View on X")
        youtube = tab.get_by_role("button", name="Load content from YouTube")
        expect(youtube).to_be_visible()
        expect(tab.get_by_role("button", name="Load content from X")).to_be_visible()
        # The cards fit the screen: nothing wider than the viewport.
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        tab.mouse.wheel(0, 2000)
        tab.wait_for_load_state("networkidle")
        assert outside == [], outside
        assert tab.locator("iframe").count() == 0

        youtube.click()
        frame = tab.locator(".embed-card iframe")
        expect(frame).to_have_count(1)
        assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
        tab.wait_for_timeout(500)
        hosts = {urlsplit(url).hostname for url in outside}
        assert hosts == {"www.youtube-nocookie.com"}, outside  # the one asked for, only
        expect(tab.get_by_role("button", name="Load content from X")).to_be_visible()
    finally:
        reader.close()


def test_without_script_a_card_is_a_link(browser, live_server):
    briefing = BriefingFactory(slug="kharkiv")
    EmbedFactory(update=UpdateFactory(briefing=briefing), url=YOUTUBE, title="Press conference")
    reader = browser.new_context(java_script_enabled=False)
    try:
        tab = reader.new_page()
        outside = watch_the_network(tab)
        tab.goto(live_server.url + briefing.get_absolute_url())
        link = tab.get_by_role("link", name="View on YouTube")
        expect(link).to_have_attribute("href", YOUTUBE)
        assert tab.locator(".embed-card__load").count() == 0
        assert outside == []
    finally:
        reader.close()


def test_cards_the_live_poller_inserts_load_too(page, live_server, settings):
    settings.NEWSROOM_POLL_SECONDS = 1
    briefing = BriefingFactory(slug="odesa")
    UpdateFactory(briefing=briefing, headline="Earlier")
    outside = watch_the_network(page)
    page.goto(live_server.url + briefing.get_absolute_url())
    update = UpdateFactory(briefing=briefing, headline="With a video")
    EmbedFactory(update=update, url="https://vimeo.com/76979871", title="Harbour")
    button = page.locator(f"#update-{update.pk}").get_by_role(
        "button", name="Load content from Vimeo"
    )
    expect(button).to_be_visible(timeout=10_000)
    assert outside == []
    button.click()
    expect(page.locator(f"#update-{update.pk} iframe")).to_have_attribute(
        "src", "https://player.vimeo.com/video/76979871?dnt=1"
    )
