"""A partner's page on another origin frames the live widget: it updates without a reload
when the newsroom publishes, its iframe follows the widget's height, and its links open
on the partner's top window."""

import datetime as dt
import functools
import http.server
import threading
import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from briefings import embed

from ..factories import BriefingFactory, UpdateFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WAIT = 10_000  # ms: polls come every second here, with jitter
SNIPPET_HEIGHT = 600  # what the snippet's iframe says before the loader sizes it

PARTNER_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Partner Gazette</title><link rel="icon" href="data:,"></head>
<body>
<h1>Partner Gazette</h1>
<p>Our partners' live coverage:</p>
{snippet}
<p>The rest of our page.</p>
</body>
</html>
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def partner_site(tmp_path):
    """A static site on 127.0.0.1 at a port of its own: not the newsroom's origin (the live
    server answers on localhost, at another port)."""
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def partner_page(page, live_server, settings, partner_site):
    settings.NEWSROOM_POLL_SECONDS = 1
    settings.NEWSROOM_SITE_URL = live_server.url
    briefing = BriefingFactory(slug="kharkiv", title="Kharkiv under attack")
    for n in range(3):
        UpdateFactory(
            briefing=briefing,
            headline=f"Earlier update {n}",
            posted_at=timezone.now() - dt.timedelta(minutes=10 + n),
        )
    directory, origin = partner_site
    (directory / "index.html").write_text(PARTNER_PAGE.format(snippet=embed.snippet(briefing)))
    page.set_viewport_size({"width": 1000, "height": 800})
    page.goto(f"{origin}/index.html")
    page.evaluate("window.sameDocument = true")  # gone if the partner's page reloads
    return page, briefing


def iframe_height(page) -> float:
    return page.locator("iframe[data-newsroom-embed]").bounding_box()["height"]


def widget_height(page) -> int:
    [frame] = [frame for frame in page.frames if "/embed/briefings/" in frame.url]
    return frame.evaluate("Math.ceil(document.querySelector('.embed').offsetHeight)")


def wait_until(condition, timeout=WAIT / 1000):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_the_widget_updates_without_a_reload_and_resizes(partner_page):
    page, briefing = partner_page
    widget = page.frame_locator("iframe[data-newsroom-embed]")
    expect(widget.locator("article.update")).to_have_count(3, timeout=WAIT)
    assert page.evaluate("location.origin") != page.evaluate(
        "new URL(document.querySelector('iframe').src).origin"
    )
    # Sized to the widget, not the snippet's 600 pixels.
    wait_until(lambda: abs(iframe_height(page) - widget_height(page)) <= 1)
    before = iframe_height(page)
    assert before < SNIPPET_HEIGHT

    update = UpdateFactory(
        briefing=briefing, headline="Sirens across Kyiv", body="A long paragraph. " * 60
    )
    article = widget.locator(f"#update-{update.pk}")
    expect(article).to_be_visible(timeout=WAIT)
    expect(widget.locator("article.update").first).to_have_id(f"update-{update.pk}")
    wait_until(lambda: iframe_height(page) > before + 100)
    wait_until(lambda: abs(iframe_height(page) - widget_height(page)) <= 1)
    assert page.evaluate("window.sameDocument === true")


def test_links_open_on_the_partners_top_window(partner_page, live_server):
    page, briefing = partner_page
    widget = page.frame_locator("iframe[data-newsroom-embed]")
    widget.locator(".embed__title").click()
    expect(page).to_have_url(live_server.url + briefing.get_absolute_url(), timeout=WAIT)
