"""The API's interactive docs work under the site's CSP: Swagger UI loads from this site's
files, shows every operation of the schema, and nothing is refused (a refused script or
style is a console error, which fails the test)."""

import pytest
from playwright.sync_api import expect

from ..api_schema import get_operations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_show_every_operation(page, live_server, client):
    operations = get_operations(client.get("/api/v1/openapi.json").json())
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(live_server.url + "/api/v1/docs/")
    expect(page.locator(".opblock")).to_have_count(len(operations), timeout=10_000)
    assert all(url.startswith(live_server.url) for url in requests), requests
