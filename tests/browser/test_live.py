"""A reader follows a live briefing in Chromium while the newsroom publishes."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from briefings.models import Status

from ..factories import ActorFactory, BriefingFactory, MentionFactory, SourceFactory, UpdateFactory

pytestmark = pytest.mark.django_db(transaction=True)
WAIT = 10_000  # ms: polls come every second here, with jitter and the page's own start-up


@pytest.fixture
def live_briefing(settings):
    settings.NEWSROOM_POLL_SECONDS = 1
    briefing = BriefingFactory(slug="kharkiv", title="Kharkiv under attack")
    for n in range(30):
        UpdateFactory(
            briefing=briefing,
            posted_at=timezone.now() - dt.timedelta(minutes=10 + n),
            headline=f"Earlier update {n}",
            body="A paragraph of earlier coverage. " * 8,
        )
    return briefing


def open_briefing(page, live_server, briefing, width=1280):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + briefing.get_absolute_url())
    page.evaluate("window.sameDocument = true")  # gone if the page reloads


def still_same_document(page):
    return page.evaluate("window.sameDocument === true")


@pytest.mark.parametrize("width", [375, 1280])
def test_a_new_update_appears_without_a_reload(page, live_server, live_briefing, width):
    open_briefing(page, live_server, live_briefing, width)
    update = UpdateFactory(briefing=live_briefing, headline="Sirens across Kyiv")
    article = page.locator(f"#update-{update.pk}")
    expect(article).to_be_visible(timeout=WAIT)
    expect(article).to_contain_text("Sirens across Kyiv")
    first = page.locator("article.update").first
    expect(first).to_have_id(f"update-{update.pk}")  # newest first
    expect(page.locator(".live-status")).to_have_text("1 new update")
    assert still_same_document(page)


def test_further_down_the_page_new_updates_wait_behind_a_button(page, live_server, live_briefing):
    open_briefing(page, live_server, live_briefing)
    reading = page.locator("article.update").nth(20)
    reading.scroll_into_view_if_needed()
    before = reading.bounding_box()["y"]
    update = UpdateFactory(briefing=live_briefing, headline="Drones over Odesa")
    button = page.get_by_role("button", name="Show 1 new update")
    expect(button).to_be_visible(timeout=WAIT)
    expect(page).to_have_title("(1) Kharkiv under attack · Newsroom", timeout=WAIT)
    assert page.locator(f"#update-{update.pk}").count() == 0
    assert abs(reading.bounding_box()["y"] - before) < 2  # what the reader reads stays put
    button.click()
    expect(page.locator(f"#update-{update.pk}")).to_be_visible()
    expect(page.locator(f"#update-{update.pk}")).to_be_focused()
    expect(button).to_be_hidden()
    expect(page).to_have_title("Kharkiv under attack · Newsroom")
    assert still_same_document(page)


def test_edits_and_unpublishing_reach_open_pages(page, live_server, live_briefing):
    update = UpdateFactory(briefing=live_briefing, headline="First version")
    open_briefing(page, live_server, live_briefing)
    article = page.locator(f"#update-{update.pk}")
    expect(article).to_contain_text("First version")
    update.headline = "Second version"
    update.save()
    expect(article).to_contain_text("Second version", timeout=WAIT)
    update.status = Status.DRAFT
    update.save()
    expect(article).to_have_count(0, timeout=WAIT)
    assert still_same_document(page)


def test_polling_stops_when_coverage_ends(page, live_server, live_briefing):
    requests = []
    page.on("request", lambda r: requests.append(r.url) if "live.json" in r.url else None)
    open_briefing(page, live_server, live_briefing)
    live_briefing.coverage_end = timezone.now()
    live_briefing.save()
    expect(page.locator(".live-status")).to_have_text(
        "Coverage of this story has ended.", timeout=WAIT
    )
    count = len(requests)
    page.wait_for_timeout(3000)
    assert len(requests) == count


def test_without_javascript_the_page_offers_a_refresh_link(browser, live_server, live_briefing):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + live_briefing.get_absolute_url())
    expect(page.get_by_role("link", name="Refresh for the latest updates")).to_be_visible()
    context.close()


def test_the_filter_form_narrows_the_update_stream(page, live_server, db):
    blinken = ActorFactory(name="Antony Blinken")
    reuters = SourceFactory(name="Reuters")
    wanted = UpdateFactory(headline="Blinken in Brussels")
    MentionFactory(update=wanted, actor=blinken)
    wanted.citations.create(source=reuters)
    UpdateFactory(headline="Unrelated shelling")
    page.goto(live_server.url + "/updates/")
    # Type-to-search: names are offered as the reader types (suggest.js fills the datalist
    # from /updates/suggest.json); choosing one puts its address in the field.
    actor = page.get_by_label("Actor")
    actor.press_sequentially("blink", delay=30)
    offered = page.locator("#actor-suggestions option")
    expect(offered).to_have_count(1)
    expect(offered).to_have_attribute("value", "antony-blinken")
    actor.fill("antony-blinken")
    page.get_by_label("Source").fill("Reuters")  # a name is taken as it is typed
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(
        f"{live_server.url}/updates/?q=&actor=antony-blinken&source=Reuters"
        "&tag=&briefing=&kind=&date_from=&date_to="
    )
    expect(page.locator("article.update")).to_have_count(1)
    expect(page.locator("article.update")).to_contain_text("Blinken in Brussels")
    page.get_by_label("From").fill("2999-01-01")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("article.update")).to_have_count(0)


def test_copy_link_puts_the_permalink_on_the_clipboard(browser, live_server, live_briefing):
    update = live_briefing.updates.first()
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + live_briefing.get_absolute_url())
    article = page.locator(f"#update-{update.pk}")
    article.get_by_role("button", name="Copy link").click()
    expect(article.get_by_role("button", name="Link copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == live_server.url + update.get_absolute_url()
    context.close()


def test_key_events_jump_to_their_update(page, live_server, live_briefing):
    key = live_briefing.updates.order_by("posted_at").first()
    key.is_key_event = True
    key.save()
    page.goto(live_server.url + live_briefing.get_absolute_url())
    page.get_by_role("navigation", name="Key events").get_by_role("link").first.click()
    expect(page).to_have_url(f"{live_server.url}{live_briefing.get_absolute_url()}#update-{key.pk}")
    expect(page.locator(f"#update-{key.pk}")).to_be_in_viewport()
