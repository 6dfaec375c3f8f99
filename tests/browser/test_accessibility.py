"""Every public page type passes axe-core's WCAG 2.1 AA rules and best practices, on a
320 px phone and a 1280 px desktop, in light and dark mode; and the skip link is the first
stop of the keyboard."""

from pathlib import Path

import pytest

from ..conftest import require_service
from ..public_pages import NOT_FOUND_PATH, build_demo_content

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
# WCAG 2.1 A and AA, and axe's best practices (heading order, landmarks, one h1).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
MODES = {
    "320px-light": ({"width": 320, "height": 640}, "light"),
    "1280px-light": ({"width": 1280, "height": 800}, "light"),
    "320px-dark": ({"width": 320, "height": 640}, "dark"),
    "1280px-dark": ({"width": 1280, "height": 800}, "dark"),
}
RUN_AXE = """async (tags) => {
    const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
    }));
}"""


@pytest.fixture
def demo_pages(transactional_db):
    # Transactional: the live server answers from its own thread, outside the test's transaction.
    return build_demo_content()


def describe(page_name: str, path: str, violation: dict) -> str:
    nodes = "\n".join(
        f"      at {node['target']}\n        {node['summary'].replace(chr(10), chr(10) + ' ' * 8)}"
        for node in violation["nodes"][:5]
    )
    more = len(violation["nodes"]) - 5
    return (
        f"{page_name} ({path}): {violation['id']} [{violation['impact']}] {violation['help']}\n"
        f"{nodes}" + (f"\n      … and {more} more" if more > 0 else "")
    )


@pytest.mark.parametrize("mode", MODES)
def test_every_public_page_has_no_axe_violations(page, live_server, demo_pages, mode):
    if not AXE.exists():
        require_service("axe-core in node_modules (npm ci)")
    viewport, color_scheme = MODES[mode]
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=color_scheme)
    # An init script, not a <script> tag: the site's Content-Security-Policy blocks inline
    # scripts, and it stays enforced so that a page breaking it fails here too.
    page.add_init_script(path=AXE)
    report = []
    for name, path in demo_pages.items():
        response = page.goto(live_server.url + path)
        assert response.status == (404 if path == NOT_FOUND_PATH else 200), name
        report += [describe(name, path, v) for v in page.evaluate(RUN_AXE, AXE_TAGS)]
    assert not report, f"axe-core violations at {mode}:\n" + "\n".join(report)


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(page, live_server, demo_pages):
    page.goto(live_server.url + demo_pages["live briefing"])
    page.keyboard.press("Tab")
    skip_link = page.locator(":focus")
    assert skip_link.text_content() == "Skip to content"
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is off screen"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
