"""Production settings: `check --deploy`, the security headers as gunicorn serves them, the
Content-Security-Policy against the templates, and login throttling (django-axes)."""

import datetime as dt
import os
import re
import runpy
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse

from .factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"


def production_env(tmp_path, **extra) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "NEWSROOM_", "GUNICORN_")) and key != "DATABASE_URL"
    }
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "example.org",
        "NEWSROOM_SITE_URL": "https://example.org",
        "NEWSROOM_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        **extra,
    }


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own manage.py)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_them(tmp_path):
    env = production_env(tmp_path, NEWSROOM_SITE_URL="http://example.org")
    result = manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr


def test_hsts_preload_is_opt_in(tmp_path):
    script = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, s.SILENCED_SYSTEM_CHECKS)"
    )
    run = lambda env: subprocess.run(  # noqa: E731, S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    ).stdout.strip()
    env = production_env(tmp_path)
    assert run(env) == "31536000 False ['security.W021']"
    env.update(DJANGO_HSTS_PRELOAD="1", DJANGO_HSTS_SECONDS="63072000")
    assert run(env) == "63072000 True []"


def test_a_malformed_proxy_header_setting_is_a_clear_error(tmp_path):
    env = production_env(tmp_path, DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    result = manage(env, "check")
    assert result.returncode != 0
    assert "must look like 'X-Forwarded-Proto: https'" in result.stderr


# gunicorn ----------------------------------------------------------------------------------


def test_gunicorn_workers_follow_the_core_count(monkeypatch):
    for name in ("WEB_CONCURRENCY", "GUNICORN_BIND", "GUNICORN_THREADS", "GUNICORN_ACCESS_LOG"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["workers"] == 2 * os.cpu_count() + 1
    assert config["bind"] == ["127.0.0.1:8000"]
    assert config["threads"] == 1
    assert config["accesslog"] == "-"
    assert config["graceful_timeout"] > 0
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (config["workers"], config["threads"], config["accesslog"]) == (3, 4, None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url, **headers):
    opener = urllib.request.build_opener(NoRedirect)
    # Only ever http://127.0.0.1: the gunicorn this test started.
    request = urllib.request.Request(url, headers={"Host": "example.org", **headers})  # noqa: S310
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture
def gunicorn_server(tmp_path):
    """gunicorn with gunicorn.conf.py and production settings, behind a pretend TLS proxy."""
    env = production_env(
        tmp_path,
        DJANGO_SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https",
        NEWSROOM_PLAIN_STATIC="1",  # no collectstatic into the checkout from a test
        GUNICORN_BIND=f"127.0.0.1:{free_port()}",
        WEB_CONCURRENCY="1",
        GUNICORN_ACCESS_LOG="",
    )
    assert manage(env, "migrate", "--no-input").returncode == 0
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as log_file:
        server = subprocess.Popen(  # noqa: S603 (our own gunicorn and config)
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    base = "http://" + env["GUNICORN_BIND"]
    try:
        for _ in range(100):
            try:
                fetch(base + "/healthz")
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(log.read_text())
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_gunicorn_serves_the_site_with_production_headers(gunicorn_server):
    status, headers, _ = fetch(gunicorn_server + "/healthz")
    assert status == 301
    assert headers["Location"] == "https://example.org/healthz"

    status, headers, _ = fetch(gunicorn_server + "/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "form-action 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "public" in headers["Cache-Control"] and headers["ETag"]
    assert headers["Set-Cookie"] is None

    login = "/" + settings.ADMIN_URL + "login/"
    status, headers, _ = fetch(gunicorn_server + login, **{"X-Forwarded-Proto": "https"})
    assert status == 200
    cookie = headers["Set-Cookie"]
    assert cookie.startswith("csrftoken=")
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookie
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


# Content-Security-Policy against the templates ------------------------------------------------


class InlineCode(HTMLParser):
    """Finds what `script-src 'self'` and `style-src 'self'` would block: inline scripts
    (JSON-LD is data, not script), event-handler attributes, style attributes and elements."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/ld+json":
            self.found.append(f"inline <script> {attrs}")
        if tag == "style":
            self.found.append("<style> element")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
        if attrs.get("href", "") and attrs["href"].startswith("javascript:"):
            self.found.append(f"<{tag} href=javascript:…>")


def inline_code(html: str) -> list[str]:
    parser = InlineCode()
    parser.feed(html)
    return parser.found


@pytest.mark.django_db
def test_public_pages_need_no_inline_script_or_style(client):
    from .public_pages import build_demo_content

    for name, path in build_demo_content().items():
        response = client.get(path)
        assert "unsafe-inline" not in response["Content-Security-Policy"], name
        assert inline_code(response.content.decode()) == [], name


@pytest.mark.django_db
def test_admin_pages_need_no_inline_script_or_style(editor_client):
    from .factories import UpdateFactory

    update = UpdateFactory()
    pages = [
        reverse("admin:index"),
        reverse("admin:briefings_briefing_changelist"),
        reverse("admin:briefings_briefing_add"),
        reverse("admin:briefings_briefing_change", args=[update.briefing.pk]),
        reverse("admin:briefings_update_add"),
        reverse("admin:briefings_update_change", args=[update.pk]),
        reverse("admin:briefings_actor_add"),
        reverse("admin:briefings_source_add"),
    ]
    for page in pages:
        response = editor_client.get(page)
        assert response.status_code == 200, page
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
        assert inline_code(response.content.decode()) == [], page


# Login throttling ---------------------------------------------------------------------------


def sign_in(client, password):
    return client.post(
        reverse("admin:login"), {"username": "editor", "password": password, "next": "/admin/"}
    )


@pytest.mark.django_db
def test_five_failed_sign_ins_lock_the_admin_for_15_minutes(client):
    UserFactory(username="editor", password=PASSWORD)
    for _ in range(4):
        response = sign_in(client, "wrong")
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.content.decode()
    response = sign_in(client, "wrong")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert re.search(r"locked\s+for 15 minutes", page)

    # The right password does not get through while the lock lasts …
    response = sign_in(client, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

    # … and does once it has passed.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_failures(client):
    UserFactory(username="editor", password=PASSWORD)
    for _ in range(4):
        sign_in(client, "wrong")
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert sign_in(client, "wrong").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "/accounts/profile/", ""]
)
def test_signing_in_with_an_unsafe_or_missing_next_lands_on_the_admin_index(client, next_url):
    """Finding 8 of the security review: Django's default landing page, /accounts/profile/,
    is no page here (a 404 after a correct password)."""
    UserFactory(username="editor", password=PASSWORD)
    data = {"username": "editor", "password": PASSWORD, "next": next_url}
    response = client.post(reverse("admin:login"), data)
    assert response.status_code == 302
    expected = reverse("admin:index") if next_url != "/accounts/profile/" else next_url
    assert response["Location"] == expected


# Throttling behind proxies, under the production settings -----------------------------------

THROTTLE_SCRIPT = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from axes.models import AccessAttempt

username = sys.argv[1]
get_user_model().objects.create_user(username, password="right password", is_staff=True)
login = "/" + settings.ADMIN_URL + "login/"

def sign_in(forwarded_for, password):
    client = Client(HTTP_X_FORWARDED_FOR=forwarded_for, REMOTE_ADDR="10.0.0.2")
    data = {"username": username, "password": password, "next": "/" + settings.ADMIN_URL}
    return client.post(login, data, secure=True, HTTP_HOST="example.org").status_code

steps = json.loads(sys.argv[2])
answers = [sign_in(forwarded_for, password) for forwarded_for, password in steps]
addresses = sorted(
    set(AccessAttempt.objects.filter(username=username).values_list("ip_address", flat=True))
)
print(json.dumps({"answers": answers, "addresses": addresses}))
"""

CDN = "198.51.100.1"  # the CDN's address, as the load balancer appends it


def throttle(env, username, steps) -> dict:
    import json

    result = subprocess.run(  # noqa: S603 (our own settings)
        [sys.executable, "-c", THROTTLE_SCRIPT, username, json.dumps(steps)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_behind_two_proxies_throttling_keys_on_the_client_and_its_account(tmp_path):
    """Finding 4 of the security review: DJANGO_PROXY_COUNT did nothing (django-ipware
    was missing), so five wrong passwords from anyone locked an account for everyone."""
    env = production_env(tmp_path, DJANGO_PROXY_COUNT="2", NEWSROOM_PLAIN_STATIC="1")
    assert manage(env, "migrate", "--no-input").returncode == 0
    attacker, editor = "203.0.113.7", "192.0.2.44"
    wrong = [[f"{attacker}, {CDN}", "wrong"]] * 5
    run = throttle(
        env,
        "admin",
        [
            *wrong,
            [f"{attacker}, {CDN}", "right password"],  # the attacker's address is locked …
            [f"{editor}, {CDN}", "right password"],  # … the account elsewhere is not
        ],
    )
    assert run["answers"] == [200, 200, 200, 200, 429, 429, 302]
    assert run["addresses"] == [attacker]

    # Addresses a client writes into the header itself do not change whose attempts they are.
    spoofed = [[f"10.9.8.{n}, {attacker}, {CDN}", "wrong"] for n in range(5)]
    run = throttle(env, "editor", [*spoofed, [f"{editor}, {CDN}", "right password"]])
    assert run["answers"] == [200, 200, 200, 200, 429, 302]
    assert run["addresses"] == [attacker]


def test_without_a_proxy_count_the_forwarded_header_is_ignored(tmp_path):
    env = production_env(tmp_path, NEWSROOM_PLAIN_STATIC="1")
    assert manage(env, "migrate", "--no-input").returncode == 0
    steps = [[f"203.0.113.{n}", "wrong"] for n in range(5)]
    run = throttle(env, "admin", steps)
    assert run["answers"] == [200, 200, 200, 200, 429]
    assert run["addresses"] == ["10.0.0.2"]


def test_the_proxy_count_must_be_a_number(tmp_path):
    result = manage(production_env(tmp_path, DJANGO_PROXY_COUNT="two"), "check")
    assert result.returncode != 0
    assert "DJANGO_PROXY_COUNT must be a whole number" in result.stderr
