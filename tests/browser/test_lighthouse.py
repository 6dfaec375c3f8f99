"""Lighthouse, as people measure sites: the mobile profile (a throttled mid-range phone on a
slow 4G connection, simulated) on the five pages readers spend their time on. Each of its
four categories must score at least 95.

Lighthouse launches Debian's Chromium itself, with the same flags as the Playwright tests.
"""

import json
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from briefings.models import Briefing, Update

from ..conftest import require_service
from ..public_pages import build_demo_content
from .conftest import CHROMIUM, CHROMIUM_ARGS

# What Lighthouse measures is the page as the browser gets it, the same on either database.
pytestmark = [pytest.mark.browser, pytest.mark.once]

LIGHTHOUSE = Path(__file__).resolve().parents[2] / "node_modules/.bin/lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
MINIMUM = 0.95


@pytest.fixture
def reader_pages(transactional_db):
    # Transactional: the live server answers from its own thread, outside the test's transaction.
    pages = build_demo_content()
    live = Briefing.objects.get(title="Talks in Geneva")
    return {
        "home": pages["home"],
        "live briefing": pages["live briefing"],
        "digest": pages["digest briefing"],
        "permalink": Update.objects.filter(briefing=live).published().first().get_absolute_url(),
        "update stream": reverse("briefings:update_list"),
    }


def lighthouse(url: str, output: Path) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        f"--chrome-path={CHROMIUM}",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={output}",
        "--quiet",
    ]
    for _attempt in range(3):
        result = subprocess.run(  # noqa: S603 (the project's own lighthouse, our own arguments)
            command, capture_output=True, text=True, timeout=180
        )
        # Lighthouse sometimes loses its own trace of the load ("Something went wrong with
        # recording the trace … Please run Lighthouse again", NO_NAVSTART): that is the tool
        # failing, not the page, so it runs again; a low score is never retried.
        if result.returncode == 0 or "Please run Lighthouse again" not in result.stderr:
            break
    assert result.returncode == 0, f"lighthouse failed on {url}:\n{result.stderr[-2000:]}"
    return json.loads(output.read_text())


def shortfalls(report: dict) -> list[str]:
    """The audits that cost points, for the failure message."""
    return [
        f"    {key}: {audit['score']} {audit.get('displayValue', '')}".rstrip()
        for key, audit in report["audits"].items()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
    ]


@pytest.mark.parametrize("name", ["home", "live briefing", "digest", "permalink", "update stream"])
def test_reader_pages_score_95_in_every_lighthouse_category(
    name, live_server, reader_pages, tmp_path
):
    if not LIGHTHOUSE.exists():
        require_service("lighthouse in node_modules (npm ci)")
    report = lighthouse(live_server.url + reader_pages[name], tmp_path / "report.json")
    scores = {key: report["categories"][key]["score"] for key in CATEGORIES}
    low = {key: score for key, score in scores.items() if score is None or score < MINIMUM}
    assert not low, (
        f"{name} ({reader_pages[name]}) scores {scores}; below {MINIMUM}: {low}\n"
        + "\n".join(shortfalls(report))
    )
