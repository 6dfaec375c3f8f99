"""Access control beyond the role matrix (tests/test_permissions.py): CSRF on every admin
form, cookie flags under production settings, and no secret in the repository."""

import os
import re
import secrets
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from .factories import (
    ActorFactory,
    CorrectionFactory,
    SourceFactory,
    UpdateFactory,
    UserFactory,
)

ROOT = Path(__file__).resolve().parent.parent


def admin_routes():
    """(name, pattern) of every admin view, walked from the URL configuration."""
    admin = next(
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.app_name == "admin"
    )

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield pattern.name, prefix + str(pattern.pattern)

    return list(walk(admin.url_patterns, str(admin.pattern)))


@pytest.fixture
def objects(db):
    update = UpdateFactory()
    return {
        "briefing": update.briefing.pk,
        "update": update.pk,
        "source": SourceFactory().pk,
        "actor": ActorFactory().pk,
        "correction": CorrectionFactory(update=update).pk,
        "user": UserFactory(username="someone").pk,
    }


def fill(pattern: str, objects) -> str | None:
    """A concrete path for a route pattern, or None when it needs arguments we cannot give."""
    model = next((m for m in objects if f"/{m}/" in pattern), None)
    path = pattern
    for argument in re.findall(r"<(?:\w+:)?(\w+)>", pattern):
        if argument == "object_id" and model:
            path = re.sub(r"<(?:\w+:)?object_id>", str(objects[model]), path)
        else:
            return None
    return "/" + path.lstrip("^").rstrip("$").replace("\\Z", "")


def test_every_admin_form_refuses_a_post_without_a_csrf_token(objects):
    superuser = UserFactory(username="root", is_superuser=True)
    client = Client(enforce_csrf_checks=True)
    client.force_login(superuser)
    checked = []
    for name, pattern in admin_routes():
        path = fill(pattern, objects)
        if path is None or name in {"logout", "jsi18n", "view_on_site"}:
            continue
        response = client.post(path, {"title": "x", "_save": "Save", "post": "yes"})
        assert response.status_code == 403, (name, path, response.status_code)
        checked.append(name)
    assert len(checked) >= 30, checked
    assert {"briefings_update_add", "briefings_briefing_change", "briefings_briefing_import"} <= (
        set(checked)
    )


def test_cookies_are_secure_httponly_samesite_under_production_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NEWSROOM_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
        NEWSROOM_SITE_URL="https://example.org",
        NEWSROOM_SQLITE_PATH=str(tmp_path / "db.sqlite3"),
    )
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, "
        "s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_HTTPONLY, s.CSRF_COOKIE_SAMESITE)"
    )
    result = subprocess.run(  # noqa: S603 (our own settings)
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True", "True", "Lax", "True", "True", "Lax"], result.stderr


SECRET_PATTERNS = [
    re.compile(r"SECRET_KEY\s*=\s*['\"][^'\"]{16,}['\"]"),
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),
    # A database URL with a password in it (the README's placeholder "password" is fine).
    re.compile(r"postgres(?:ql)?://\w+:(?!password@)[^@\s/]{4,}@"),
    re.compile(r"(?:api[_-]?key|token)\s*[:=]\s*['\"][A-Za-z0-9_\-]{24,}['\"]", re.IGNORECASE),
]


def test_no_secret_is_in_the_repository():
    files = subprocess.run(  # noqa: S603 (git on our own checkout)
        [shutil.which("git"), "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    assert b".secret_key" not in files
    found = []
    for name in filter(None, files):
        path = ROOT / name.decode()
        if not path.is_file() or path.stat().st_size > 2_000_000 or "node_modules" in path.parts:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        found += [f"{name.decode()}: {p.pattern}" for p in SECRET_PATTERNS if p.search(text)]
    assert found == []
    ignored = (ROOT / ".gitignore").read_text()
    assert "/.secret_key" in ignored
