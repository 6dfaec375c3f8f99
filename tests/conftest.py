import os

import pytest

from .factories import UserFactory


def require_service(reason: str):
    """Skip a test whose real service (PostgreSQL, Redis, Chromium) is missing here —
    but fail it in CI, where NEWSROOM_REQUIRE_SERVICES=1 says every service must be present."""
    if os.environ.get("NEWSROOM_REQUIRE_SERVICES") == "1":
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # The hashed-manifest storage needs `collectstatic` first; tests read the app's files.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
