"""The injection payloads of tests/test_injection.py, opened in Chromium: no dialog opens and
no payload's script runs on any public page."""

import pytest

from ..test_injection import hostile, public_urls  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)


def test_no_payload_runs_in_the_browser(page, live_server, hostile):  # noqa: F811
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visited = 0
    for url in public_urls(hostile):
        # Pages only: the API, the feeds and the JSON are parsed in tests/test_injection.py.
        if "json" in url or url.startswith("/api/") or url.endswith((".atom", ".rss", ".xml")):
            continue
        page.goto(live_server.url + url)
        # Hover and focus everything a payload could hang a handler on.
        for element in page.locator("main b:visible, main img:visible, main a:visible").all()[:20]:
            element.hover(timeout=2000)
        assert page.evaluate("typeof window.xss") == "undefined", url
        visited += 1
    assert dialogs == []
    assert visited >= 50
