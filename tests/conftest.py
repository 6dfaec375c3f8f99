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


@pytest.fixture(autouse=True)
def _media_in_a_folder_of_its_own(settings, tmp_path_factory):
    # Uploaded images (images/) go to the test's own folder, never the checkout's media/.
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client
