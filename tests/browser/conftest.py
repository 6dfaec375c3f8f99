"""Debian's Chromium driven by Playwright, for tests that need a real browser.

The browser starts once per session; each test gets a fresh page that fails the test on any
console error or uncaught script error.
"""

import os
from pathlib import Path

import pytest

from ..conftest import require_service

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an asyncio loop in this thread, and Django then refuses ORM calls
# from the test ("You cannot call this from an async context"). Nothing here is async: the
# loop only drives the browser. https://docs.djangoproject.com/en/5.2/topics/async/#async-safety
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        require_service("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A page in a fresh context; the test fails on a console error or a page error.

    The status of the document itself is the test's to check (the 404 page answers 404 on
    purpose), so only failures of what the document loads count as errors."""
    context = browser.new_context()
    page = context.new_page()
    errors = []

    def on_console(message):
        if message.type != "error":
            return
        failed_document = message.text.startswith("Failed to load resource") and (
            message.location.get("url") == page.url
        )
        if not failed_document:
            errors.append(f"console error on {page.url}: {message.text} ({message.location})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"page error on {page.url}: {error}"))
    yield page
    context.close()
    assert not errors, "\n".join(errors)
