"""An editor at work in Chromium: what they type survives a reload and a refused post and is
forgotten once posted, a time to come schedules instead of publishing, and the admin's
pages fit the screen (issue 15, items 6 and 7)."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from briefings.models import Briefing, Status, Update

from ..factories import BriefingFactory, UpdateFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LONG_TITLE = (
    "Ukraine Foreign Minister Andrii Sybiha and US Secretary of State Antony Blinken, "
    "Brussels, Belgium, November 13, 2024"
)


@pytest.fixture
def signed_in(browser, live_server):
    """A page of a browser signed in as an editor."""
    editor = UserFactory(username="editor", is_superuser=True)
    client = Client()
    client.force_login(editor)
    context = browser.new_context()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def admin_url(live_server, name, *args):
    return live_server.url + reverse(f"admin:briefings_{name}", args=args)


def test_the_quick_post_survives_a_reload_and_is_forgotten_once_posted(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory(title="Talks in Geneva")
    page.goto(admin_url(live_server, "briefing_change", briefing.pk))
    body = page.locator("form[data-quick-post] textarea[name=body]")
    expect(body).to_be_focused()  # the keyboard path starts in the body
    body.fill("Delegations arrived at the Palais des Nations.")
    page.locator("form[data-quick-post] input[name=headline]").fill("Arrivals")
    page.wait_for_timeout(600)  # the copy is written 400 ms after the last keystroke
    page.reload()
    expect(body).to_have_value("Delegations arrived at the Palais des Nations.")
    expect(page.locator("form[data-quick-post] input[name=headline]")).to_have_value("Arrivals")
    expect(page.locator(".autosave-notice")).to_contain_text("Restored what you were writing")
    body.press("Control+Enter")  # posts (Publish, for an editor)
    expect(page.locator(".messagelist .success")).to_contain_text("Published the update")
    assert Update.objects.filter(body__startswith="Delegations arrived").count() == 1
    expect(body).to_have_value("")
    expect(page.locator(".autosave-notice")).to_have_count(0)
    page.reload()
    expect(body).to_have_value("")
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('newsroom-draft:'))")
    assert kept == []


def test_discarding_a_restored_text(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory()
    page.goto(admin_url(live_server, "briefing_change", briefing.pk))
    body = page.locator("form[data-quick-post] textarea[name=body]")
    body.fill("A draft I do not want.")
    page.wait_for_timeout(600)
    page.reload()
    expect(body).to_have_value("A draft I do not want.")
    page.get_by_role("button", name="Discard it").click()
    expect(body).to_have_value("")
    page.reload()
    expect(body).to_have_value("")


def test_esc_cancels_the_quick_post_with_an_undo(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory()
    page.goto(admin_url(live_server, "briefing_change", briefing.pk))
    body = page.locator("form[data-quick-post] textarea[name=body]")
    body.fill("Second thoughts.")
    body.press("Escape")
    expect(body).to_have_value("")
    page.get_by_role("button", name="Undo").click()
    expect(body).to_have_value("Second thoughts.")


def test_the_update_form_survives_a_reload_until_saved(signed_in, live_server):
    page = signed_in
    update = UpdateFactory(body="The first version.")
    url = admin_url(live_server, "update_change", update.pk)
    page.goto(url)
    body = page.locator("#update_form textarea[name=body]")
    body.fill("The first version, with a second paragraph.")
    page.wait_for_timeout(600)
    page.reload()
    expect(body).to_have_value("The first version, with a second paragraph.")
    expect(page.locator(".autosave-notice")).to_contain_text("not saved yet")
    page.locator("#update_form input[name=_continue]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    update.refresh_from_db()
    assert update.body == "The first version, with a second paragraph."
    expect(page.locator(".autosave-notice")).to_have_count(0)
    page.goto(url)
    expect(page.locator(".autosave-notice")).to_have_count(0)


def test_a_6_mb_paste_stays_in_the_admin_with_its_text(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory()
    change = admin_url(live_server, "briefing_change", briefing.pk)
    page.goto(change)
    # Set as a paste would (typing 6 MB key by key would take minutes).
    page.evaluate(
        """() => {
            const body = document.querySelector('form[data-quick-post] textarea[name=body]');
            body.value = 'Paragraph of a very long paste. '.repeat(200000);
            body.dispatchEvent(new Event('input', {bubbles: true}));
        }"""
    )
    page.locator("form[data-quick-post] input[name=_publish]").click()
    expect(page.locator(".autosave-notice")).to_contain_text("Not posted: this is 6.1 MB")
    assert page.url == change
    length = page.evaluate(
        "document.querySelector('form[data-quick-post] textarea[name=body]').value.length"
    )
    assert length == len("Paragraph of a very long paste. ") * 200000
    assert not Update.objects.exists()


def test_an_oversized_post_the_browser_let_through_comes_back_to_the_form(signed_in, live_server):
    """Without the size check (a script that failed to load), the server's answer is the
    same form with a message, and the browser's copy puts the text back."""
    page = signed_in
    briefing = BriefingFactory()
    change = admin_url(live_server, "briefing_change", briefing.pk)
    page.goto(change)
    text = "Half a megabyte of text. " * 20000  # small enough for the browser to keep
    page.locator("form[data-quick-post] textarea[name=body]").fill(text)
    page.wait_for_timeout(600)
    page.evaluate(
        """() => {
            const form = document.querySelector('form[data-quick-post]');
            form.dataset.maxBytes = '';
            const padding = document.createElement('input');
            padding.type = 'hidden';
            padding.name = 'padding';
            padding.value = 'x'.repeat(6 * 1024 * 1024);
            form.append(padding);
        }"""
    )
    page.locator("form[data-quick-post] input[name=_publish]").click()
    expect(page.locator(".messagelist .error")).to_contain_text("Nothing was posted")
    assert page.url.startswith(live_server.url + "/admin/")  # still in the admin
    expect(page.locator("form[data-quick-post] textarea[name=body]")).to_have_value(text)
    assert not Update.objects.exists()


def test_a_time_to_come_schedules_and_readers_do_not_see_it(signed_in, live_server, browser):
    page = signed_in
    briefing = BriefingFactory(time_zone="Europe/Kyiv")
    later = timezone.localtime(timezone.now() + dt.timedelta(hours=2), briefing.zone)
    page.goto(admin_url(live_server, "briefing_change", briefing.pk))
    form = page.locator("form[data-quick-post]")
    form.locator("textarea[name=body]").fill("Embargoed until the press conference.")
    form.locator("input[name=posted_at]").fill(f"{later:%Y-%m-%d %H:%M}")
    form.locator("input[name=_publish]").click()
    stamp = f"{later.day} {later:%b %Y, %H:%M} (Europe/Kyiv)"
    expect(page.locator(".messagelist .success")).to_contain_text(
        f"Scheduled the update for {stamp}"
    )
    update = Update.objects.get(body__startswith="Embargoed")
    assert update.status == Status.PUBLISHED and update.publish_at > timezone.now()
    reader = browser.new_page()
    reader.goto(live_server.url + briefing.get_absolute_url())
    expect(reader.locator("main")).not_to_contain_text("Embargoed until")
    assert reader.goto(live_server.url + update.get_absolute_url()).status == 404
    reader.close()


# Layout --------------------------------------------------------------------------------------


@pytest.mark.parametrize("width", [375, 1280])
def test_admin_pages_fit_the_screen(signed_in, live_server, width):
    page = signed_in
    page.set_viewport_size({"width": width, "height": 900})
    briefing = BriefingFactory(title=LONG_TITLE)
    update = UpdateFactory(briefing=briefing)
    for url in [
        admin_url(live_server, "briefing_change", briefing.pk),
        admin_url(live_server, "update_change", update.pk),
        admin_url(live_server, "update_add") + f"?briefing={briefing.pk}",
    ]:
        page.goto(url)
        overflow = page.evaluate("document.documentElement.scrollWidth") - width
        assert overflow <= 0, f"{url} is {overflow} px wider than the screen"
        # Nobody else is editing: no strip at all, not an empty yellow one.
        for strip in page.locator(".presence").all():
            expect(strip).to_be_hidden()
        if "/add/" in url:
            continue  # no title and no buttons yet
        # The page's buttons sit under the title, not over it.
        title = page.locator("#content h2").first.bounding_box()
        tools = page.locator("#content .object-tools").bounding_box()
        assert tools["y"] >= title["y"] + title["height"] - 1, url


def test_the_update_list_shows_its_state_column_at_1280(signed_in, live_server):
    page = signed_in
    page.set_viewport_size({"width": 1280, "height": 900})
    briefing = BriefingFactory(title=LONG_TITLE)
    UpdateFactory(briefing=briefing, body="A long body. " * 40)
    UpdateFactory(briefing=briefing, status=Status.DRAFT)
    page.goto(admin_url(live_server, "update_changelist"))
    header = page.locator("#result_list th.column-state")
    expect(header).to_be_in_viewport()
    box = header.bounding_box()
    assert box["x"] + box["width"] <= 1280
    expect(page.locator("#result_list td.field-state").first).to_have_text(
        re.compile("Published|Draft")
    )


def test_the_admin_is_branded_and_has_an_icon(signed_in, live_server):
    page = signed_in
    page.goto(live_server.url + reverse("admin:index"))
    expect(page).to_have_title(re.compile("Newsroom"))
    expect(page.locator("#site-name")).to_have_text(re.compile("Newsroom"))
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(live_server.url + icon).ok


def test_a_duplicate_title_gets_an_address_of_its_own(signed_in, live_server):
    page = signed_in
    BriefingFactory(title="Peace talks", slug="peace-talks")
    page.goto(admin_url(live_server, "briefing_add"))
    page.locator("#id_title").fill("Peace talks")
    page.locator("#id_time_zone").select_option("UTC")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("“peace-talks-2”")
    assert Briefing.objects.filter(slug="peace-talks-2").exists()


def test_an_error_in_a_collapsed_section_is_shown_and_linked(signed_in, live_server):
    page = signed_in
    update = UpdateFactory()
    page.goto(admin_url(live_server, "update_change", update.pk))
    page.evaluate("document.querySelector('#id_position').value = 'abc'")
    page.locator("#update_form input[name=_continue]").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Position")
    summary.get_by_role("link", name="Position").click()
    expect(page.locator("#id_position")).to_be_focused()
    expect(page.locator("#id_position")).to_be_in_viewport()


def test_esc_on_the_post_update_page_goes_back_to_the_briefing_keeping_the_text(
    signed_in, live_server
):
    page = signed_in
    briefing = BriefingFactory()
    page.goto(admin_url(live_server, "briefing_post_update", briefing.pk))
    body = page.locator("form[data-quick-post] textarea[name=body]")
    body.fill("Half a thought.")
    body.press("Escape")
    expect(page).to_have_url(admin_url(live_server, "briefing_change", briefing.pk))
    expect(page.locator("form[data-quick-post] textarea[name=body]")).to_have_value(
        "Half a thought."
    )


@pytest.mark.parametrize("width", [375, 1280])
def test_the_import_preview_fits_the_screen(signed_in, live_server, width):
    """The preview of a document, with the lines cleaning removed in boxes to copy from
    (each box is 80 columns: wider than a phone unless the stylesheet bounds it)."""
    page = signed_in
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(admin_url(live_server, "briefing_import"))
    document = sorted((settings.BASE_DIR / "fixtures").glob("0*.txt"))[0]
    page.locator("input[type=file]").set_input_files(str(document))
    page.locator("#content form [type=submit]").first.click()
    expect(page.locator("#content h2", has_text="Preview")).to_be_visible()
    assert page.locator(".removed-lines textarea").count(), "the preview shows no removed line"
    overflow = page.evaluate("document.documentElement.scrollWidth") - width
    assert overflow <= 0, f"the import preview is {overflow} px wider than the screen"


def test_signing_out_asks_and_removes_the_unsaved_text_from_the_browser(signed_in, live_server):
    page = signed_in
    briefing = BriefingFactory()
    page.goto(admin_url(live_server, "briefing_change", briefing.pk))
    body = page.locator("form[data-quick-post] textarea[name=body]")
    body.fill("A source's name I must not leave on this computer.")
    drafts = "Object.keys(localStorage).filter(k => k.startsWith('newsroom-draft:'))"
    asked = []

    def answer(dialog, accept):
        asked.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    # Staying: the text and its copy stay.
    page.once("dialog", lambda dialog: answer(dialog, accept=False))
    page.locator("#logout-form button").click()
    expect(body).to_have_value("A source's name I must not leave on this computer.")
    assert "not saved yet in one form" in asked[0]
    assert len(page.evaluate(drafts)) == 1
    # Signing out: the copy goes, and does not come back as the page is left.
    page.once("dialog", lambda dialog: answer(dialog, accept=True))
    page.locator("#logout-form button").click()
    expect(page).to_have_url(re.compile(r"/logout/$"))
    assert page.evaluate(drafts) == []
    assert len(asked) == 2


def test_signing_out_with_nothing_unsaved_asks_nothing(signed_in, live_server):
    page = signed_in
    page.goto(admin_url(live_server, "briefing_changelist"))
    page.on("dialog", lambda dialog: pytest.fail(f"asked: {dialog.message}"))
    page.locator("#logout-form button").click()
    expect(page).to_have_url(re.compile(r"/logout/$"))
